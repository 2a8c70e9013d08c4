//! mlgen: random ML programs from `arbitrary` bytes, shared by the structure-aware fuzz target
//! (`fuzz/fuzz_targets/run_generated.rs`, via `#[path]`) and the differential test
//! (`tests/differential.rs`, fed from a seeded byte stream). One generator, two drivers.
//!
//! Invariants of every generated program:
//! * syntactically valid and free of compile errors: names are read only after the generator
//!   has assigned them (top level) or declared them (parameters, locals), functions are called
//!   with their declared arity, no `__` names, no imports, no I/O beyond `print`;
//! * terminating: loops run over `range(k)` with small `k`, over literal sequences, or are
//!   `while` loops whose fresh counter is incremented first thing in the body; functions only
//!   call functions declared before them (no recursion);
//! * deterministic: no clocks, randomness or host state, so two runs (or two backends) must
//!   print the same bytes and end with the same error.
//!   Programs may still raise (division by zero, bad index, `throw`, type errors): both
//!   backends must then agree on the error too. Growth is bounded by the shapes generated
//!   (`*` always has a small literal side), and drivers run them under fuel/memory limits.
//!
//! Exhausted input makes every choice 0, which always picks a terminal form, so generation
//! ends on any input and the output size is bounded by the depth/statement budgets.

use arbitrary::{Result, Unstructured};
use std::collections::HashMap;

/// Budgets of one generated program.
const MAX_TOP_STATEMENTS: usize = 14;
const MAX_BLOCK_STATEMENTS: usize = 3;
const MAX_EXPR_DEPTH: u32 = 3;
const MAX_BLOCK_DEPTH: u32 = 3;
const MAX_FUNCTIONS: usize = 6;

const STRINGS: &[&str] = &[
    "\"\"",
    "\"a\"",
    "\"abc\"",
    "\"Hello, World\"",
    "'x y z'",
    "\"caf\\u00e9\"",
    "\"tab\\there\"",
    "\"line\\nbreak\"",
    "\"12\"",
    "\"-3.5\"",
    "\"αβγ\"",
    "\"a,b,,c\"",
    "\"  padded  \"",
];
const FLOATS: &[&str] = &[
    "0.0",
    "1.5",
    "0.1",
    "2.0",
    "1e20",
    "3.25",
    "-0.5",
    "1e-7",
    "123456.789",
    "0.3",
    "1e300",
];
const BIG_INTS: &[&str] = &[
    "123456789012345678901234567890",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551616",
    "4611686018427387904",
];
const KEYS: &[&str] = &["a", "b", "c", "key"];
const STR_METHODS0: &[&str] = &["upper", "lower", "strip", "title", "capitalize", "swapcase"];
const STR_METHODS1: &[&str] = &["split", "find", "count", "startswith", "endswith", "index"];
const BUILTINS1: &[&str] = &[
    "len", "str", "int", "float", "abs", "typeof", "bool", "repr", "sorted", "reversed", "sum",
    "min", "max", "round", "range", "all", "any",
];

/// The type the generator believes an expression or variable has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Float,
    Str,
    List,
    Bool,
    Obj,
    /// Unknown (parameters, results of calls, destructured values).
    Any,
}

/// A function the program may call: its name and arity.
#[derive(Clone)]
struct Callable {
    name: String,
    arity: usize,
    /// The type its arguments should have.
    param: Ty,
}

struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    out: String,
    indent: usize,
    /// Variables readable in the current scope.
    vars: Vec<String>,
    /// The type of each variable's latest assignment (absent: unknown).
    types: HashMap<String, Ty>,
    callables: Vec<Callable>,
    fresh: usize,
    /// `math`, `json` and `collections` are imported.
    modules: bool,
    in_function: bool,
    /// Enclosing `try` blocks (a `throw` outside one would usually end the program).
    try_depth: u32,
    loop_depth: u32,
    block_depth: u32,
    functions: usize,
}

/// Generates one program from `u`; never fails on short input.
pub fn program(u: &mut Unstructured) -> Result<String> {
    let mut g = Gen {
        u,
        out: String::new(),
        indent: 0,
        vars: Vec::new(),
        types: HashMap::new(),
        callables: Vec::new(),
        fresh: 0,
        modules: false,
        in_function: false,
        try_depth: 0,
        loop_depth: 0,
        block_depth: 0,
        functions: 0,
    };
    if g.u.arbitrary()? {
        g.line("import math;");
        g.line("import json;");
        g.line("import collections;");
        g.modules = true;
    }
    let n = g.u.int_in_range(1..=MAX_TOP_STATEMENTS)?;
    for _ in 0..n {
        g.statement()?;
    }
    // Show the final state of a few variables so silent differences surface.
    let shown: Vec<String> = g.vars.iter().take(6).cloned().collect();
    if !shown.is_empty() {
        g.line(&format!("print({});", shown.join(", ")));
    }
    Ok(g.out)
}

impl Gen<'_, '_> {
    fn pick<'s>(&mut self, items: &[&'s str]) -> Result<&'s str> {
        Ok(items[self.u.choose_index(items.len())?])
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `{`, the statements `body` writes, `}` (the opening text is `head`).
    fn block(&mut self, head: &str, body: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.line(&format!("{head} {{"));
        self.indent += 1;
        self.block_depth += 1;
        // Names first assigned inside a block may be unassigned after it (a branch not taken,
        // an empty loop): only read them inside.
        let visible = self.vars.len();
        let r = body(self);
        self.vars.truncate(visible);
        self.block_depth -= 1;
        self.indent -= 1;
        self.line("}");
        r
    }

    fn statements(&mut self) -> Result<()> {
        let n = self.u.int_in_range(1..=MAX_BLOCK_STATEMENTS)?;
        for _ in 0..n {
            self.statement()?;
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<()> {
        let nested = self.block_depth < MAX_BLOCK_DEPTH;
        match self.u.int_in_range(0..=15)? {
            0 | 1 => self.assign(),
            2 => {
                let e = self.expr(0)?;
                self.line(&format!("print({e});"));
                Ok(())
            }
            3 if !self.vars.is_empty() => self.element_assign(),
            4 if nested => self.if_stmt(),
            5 if nested => self.for_stmt(),
            6 if nested => self.while_stmt(),
            7 if nested => self.try_stmt(),
            8 if nested && self.functions < MAX_FUNCTIONS => self.function_decl(),
            9 if self.try_depth > 0 || (self.in_function && self.u.ratio(1, 4)?) => {
                self.throw_stmt()
            }
            10 if self.loop_depth > 0 => {
                let kw = if self.u.arbitrary()? {
                    "break;"
                } else {
                    "continue;"
                };
                self.line(kw);
                Ok(())
            }
            11 if self.in_function => {
                let e = self.expr(0)?;
                self.line(&format!("return {e};"));
                Ok(())
            }
            12 => self.destructure(),
            13 if self
                .vars
                .iter()
                .any(|v| self.types.get(v) == Some(&Ty::List)) =>
            {
                self.method_stmt()
            }
            14 if nested && !self.in_function && self.functions < MAX_FUNCTIONS => {
                self.closure_maker()
            }
            _ => self.assign(),
        }
    }

    fn assign(&mut self) -> Result<()> {
        let ty = self.ty()?;
        let e = self.typed(ty, 0)?;
        // `while` counters (`w*`) are never reassigned, so every loop terminates.
        let assignable: Vec<&String> = self.vars.iter().filter(|v| !v.starts_with('w')).collect();
        let name = if !assignable.is_empty() && self.u.ratio(1, 3)? {
            assignable[self.u.choose_index(assignable.len())?].clone()
        } else {
            self.fresh("v")
        };
        self.line(&format!("{name} = {e};"));
        self.types.insert(name.clone(), ty);
        if !self.vars.contains(&name) {
            self.vars.push(name);
        }
        Ok(())
    }

    fn element_assign(&mut self) -> Result<()> {
        let value = self.expr(1)?;
        if let Some(var) = self.var_of(Ty::Obj)? {
            let key = self.pick(KEYS)?;
            self.line(&format!("{var}.{key} = {value};"));
        } else if let Some(var) = self.var_of(Ty::List)? {
            let index = self.small_int()?;
            self.line(&format!("{var}[{index}] = {value};"));
        } else {
            let name = self.fresh("v");
            self.line(&format!("{name} = {value};"));
        }
        Ok(())
    }

    fn method_stmt(&mut self) -> Result<()> {
        let var = match self.var_of(Ty::List)? {
            Some(v) => v,
            None => self.vars[self.u.choose_index(self.vars.len())?].clone(),
        };
        let call = match self.u.int_in_range(0..=4)? {
            0 => format!("{var}.append({})", self.expr(2)?),
            1 => format!("{var}.pop()"),
            2 => format!("{var}.reverse()"),
            3 => format!("{var}.insert({}, {})", self.small_int()?, self.expr(2)?),
            _ => format!("{var}.extend({})", self.array_literal(2)?),
        };
        self.line(&format!("{call};"));
        Ok(())
    }

    fn destructure(&mut self) -> Result<()> {
        let a = self.fresh("d");
        let b = self.fresh("d");
        let (x, y) = (self.expr(1)?, self.expr(1)?);
        if self.u.ratio(1, 10)? {
            // Count mismatch or a non-sequence: a ValueError/TypeError both backends report.
            let e = self.expr(1)?;
            self.line(&format!("[{a}, {b}] = {e};"));
        } else {
            self.line(&format!("[{a}, {b}] = [{x}, {y}];"));
        }
        self.vars.push(a);
        self.vars.push(b);
        Ok(())
    }

    fn if_stmt(&mut self) -> Result<()> {
        let c = self.expr(1)?;
        self.block(&format!("if ({c})"), Self::statements)?;
        if self.u.arbitrary()? {
            let c = self.expr(1)?;
            self.block(&format!("elif ({c})"), Self::statements)?;
        }
        if self.u.arbitrary()? {
            self.block("else", Self::statements)?;
        }
        Ok(())
    }

    /// A loop body: statements with `break`/`continue` allowed.
    fn loop_body(&mut self) -> Result<()> {
        self.loop_depth += 1;
        let r = self.statements();
        self.loop_depth -= 1;
        r
    }

    fn for_stmt(&mut self) -> Result<()> {
        let var = self.fresh("i");
        let iterable = match self.u.int_in_range(0..=3)? {
            0 => format!("range({})", self.u.int_in_range(0..=5)?),
            1 => self.array_literal(2)?,
            2 => self.pick(STRINGS)?.to_string(),
            _ => format!(
                "range({}, {}, {})",
                self.small_int()?,
                self.small_int()?,
                self.pick(&["1", "2", "-1", "3"])?
            ),
        };
        let visible = self.vars.len();
        self.vars.push(var.clone());
        let r = self.block(&format!("for ({var} in {iterable})"), Self::loop_body);
        self.vars.truncate(visible);
        r
    }

    fn while_stmt(&mut self) -> Result<()> {
        let counter = self.fresh("w");
        let bound = self.u.int_in_range(0..=5)?;
        self.line(&format!("{counter} = 0;"));
        self.vars.push(counter.clone());
        self.types.insert(counter.clone(), Ty::Int);
        self.block(&format!("while ({counter} < {bound})"), |g| {
            g.line(&format!("{counter} = {counter} + 1;"));
            g.loop_body()
        })
    }

    fn try_stmt(&mut self) -> Result<()> {
        self.try_depth += 1;
        let r = self.block("try", Self::statements);
        self.try_depth -= 1;
        r?;
        let handler = self.u.arbitrary()?;
        if handler {
            let e = self.fresh("e");
            let shown = match self.u.int_in_range(0..=3)? {
                0 => format!("str({e})"),
                1 => format!("{e}.type"),
                2 => format!("{e}.message"),
                _ => format!("typeof({e})"),
            };
            self.block(&format!("except ({e})"), |g| {
                g.line(&format!("print(\"caught\", {shown});"));
                g.statements()
            })?;
        }
        if !handler || self.u.arbitrary()? {
            self.block("finally", Self::statements)?;
        }
        Ok(())
    }

    fn throw_stmt(&mut self) -> Result<()> {
        let msg = self.expr(2)?;
        let code = self.small_int()?;
        self.line(&format!("throw {{message: {msg}, code: {code}}};"));
        Ok(())
    }

    fn function_decl(&mut self) -> Result<()> {
        let name = self.fresh("f");
        let arity = self.u.int_in_range(0..=3)?;
        let params: Vec<String> = (0..arity).map(|_| self.fresh("p")).collect();
        let saved_vars = self.vars.clone();
        let saved_types = self.types.clone();
        let saved_in_function = self.in_function;
        let saved_loop = self.loop_depth;
        // Parameters are readable; locals assigned inside stay inside (vars restored below).
        self.vars.extend(params.iter().cloned());
        self.in_function = true;
        self.loop_depth = 0;
        self.functions += 1;
        let r = self.block(&format!("function {name}({})", params.join(", ")), |g| {
            g.statements()?;
            let e = g.expr(0)?;
            g.line(&format!("return {e};"));
            Ok(())
        });
        self.vars = saved_vars;
        self.types = saved_types;
        self.in_function = saved_in_function;
        self.loop_depth = saved_loop;
        r?;
        // Declared after its body: it cannot call itself, so no recursion.
        self.callables.push(Callable {
            name,
            arity,
            param: Ty::Any,
        });
        Ok(())
    }

    /// A closure factory with a `nonlocal` counter, and a closure made from it.
    fn closure_maker(&mut self) -> Result<()> {
        let maker = self.fresh("mk");
        let state = self.fresh("s");
        let x = self.fresh("x");
        let start = self.typed(Ty::Int, 2)?;
        let step = match self.u.int_in_range(0..=2)? {
            0 => format!("{state} + {x}"),
            1 => format!("{state} * 2 + {x}"),
            _ => format!("[{state}, {x}]"),
        };
        self.functions += 1;
        self.block(&format!("function {maker}()"), |g| {
            g.line(&format!("{state} = {start};"));
            g.line(&format!(
                "return fn({x}) => {{ nonlocal {state}; {state} = {step}; return {state}; }};"
            ));
            Ok(())
        })?;
        let closure = self.fresh("c");
        self.line(&format!("{closure} = {maker}();"));
        self.callables.push(Callable {
            name: closure,
            arity: 1,
            param: Ty::Int,
        });
        Ok(())
    }

    fn small_int(&mut self) -> Result<String> {
        Ok(self.u.int_in_range(-3i8..=12)?.to_string())
    }

    fn array_literal(&mut self, depth: u32) -> Result<String> {
        let n = self.u.int_in_range(0..=4)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(self.expr(depth + 1)?);
        }
        Ok(format!("[{}]", items.join(", ")))
    }

    fn literal(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0..=7)? {
            0 | 1 => self.small_int()?,
            2 => self.pick(FLOATS)?.to_string(),
            3 => self.pick(STRINGS)?.to_string(),
            4 => self.pick(BIG_INTS)?.to_string(),
            5 => self.pick(&["true", "false", "null"])?.to_string(),
            6 => self.u.int_in_range(100u32..=100_000)?.to_string(),
            _ => self.pick(STRINGS)?.to_string(),
        })
    }

    /// An expression of any type: usually well-typed, sometimes [`Gen::wild`].
    fn expr(&mut self, depth: u32) -> Result<String> {
        if self.u.ratio(1, 40)? {
            return self.wild(depth);
        }
        let ty = self.ty()?;
        self.typed(ty, depth)
    }

    /// An expression with no regard for types (exercises the error paths).
    fn wild(&mut self, depth: u32) -> Result<String> {
        if depth >= MAX_EXPR_DEPTH {
            return self.leaf();
        }
        let d = depth + 1;
        Ok(match self.u.int_in_range(0..=17)? {
            0..=2 => self.leaf()?,
            3..=5 => {
                let op = self.pick(&[
                    "+", "-", "/", "//", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "+",
                ])?;
                let mut left = self.expr(d)?;
                if left.ends_with('}') {
                    // `//` right after an object literal starts a comment (language.md §1.2).
                    left = format!("({left})");
                }
                format!("({left} {op} {})", self.expr(d)?)
            }
            6 => format!("({} * {})", self.expr(d)?, self.small_int()?),
            7 => format!("{}({})", self.pick(&["-", "!"])?, self.expr(d)?),
            8 => format!(
                "({} ? {} : {})",
                self.expr(d)?,
                self.expr(d)?,
                self.expr(d)?
            ),
            9 => self.array_literal(d)?,
            10 => {
                let n = self.u.int_in_range(0..=3)?;
                let mut props = Vec::new();
                for _ in 0..n {
                    let k = self.pick(KEYS)?;
                    props.push(format!("{k}: {}", self.expr(d + 1)?));
                }
                format!("{{{}}}", props.join(", "))
            }
            11 => format!("{}[{}]", self.postfix_base(d)?, self.expr(d)?),
            12 => format!("{}.{}", self.postfix_base(d)?, self.pick(KEYS)?),
            13 => {
                let f = self.pick(BUILTINS1)?;
                format!("{f}({})", self.expr(d)?)
            }
            14 => {
                let recv = self.postfix_base(d)?;
                if self.u.arbitrary()? {
                    format!("{recv}.{}()", self.pick(STR_METHODS0)?)
                } else {
                    let m = self.pick(STR_METHODS1)?;
                    format!("{recv}.{m}({})", self.expr(d)?)
                }
            }
            15 if !self.callables.is_empty() => self.call_callable(d)?,
            16 => self.lambda_call(d)?,
            _ => {
                let base = self.postfix_base(d)?;
                let (a, b) = (self.small_int()?, self.small_int()?);
                match self.u.int_in_range(0..=2)? {
                    0 => format!("{base}[{a}:{b}]"),
                    1 => format!("{base}[::-1]"),
                    _ => format!("{base}[{a}:]"),
                }
            }
        })
    }

    fn ty(&mut self) -> Result<Ty> {
        Ok(*self.u.choose(&[
            Ty::Int,
            Ty::Int,
            Ty::Float,
            Ty::Str,
            Ty::Str,
            Ty::List,
            Ty::Bool,
            Ty::Obj,
            Ty::Any,
        ])?)
    }

    /// A variable last assigned a value of type `ty` (any variable for [`Ty::Any`]).
    fn var_of(&mut self, ty: Ty) -> Result<Option<String>> {
        let names: Vec<&String> = self
            .vars
            .iter()
            .filter(|v| ty == Ty::Any || self.types.get(*v) == Some(&ty))
            .collect();
        if names.is_empty() || !self.u.ratio(1, 2)? {
            return Ok(None);
        }
        Ok(Some(names[self.u.choose_index(names.len())?].clone()))
    }

    fn literal_of(&mut self, ty: Ty) -> Result<String> {
        Ok(match ty {
            Ty::Int => match self.u.int_in_range(0..=3)? {
                0 => self.pick(BIG_INTS)?.to_string(),
                1 => self.u.int_in_range(100u32..=100_000)?.to_string(),
                _ => self.small_int()?,
            },
            Ty::Float => self.pick(FLOATS)?.to_string(),
            Ty::Str => self.pick(STRINGS)?.to_string(),
            Ty::Bool => self.pick(&["true", "false"])?.to_string(),
            Ty::List => {
                let n = self.u.int_in_range(0..=3)?;
                let items: Vec<String> = (0..n)
                    .map(|_| self.literal_of(Ty::Int))
                    .collect::<Result<_>>()?;
                format!("[{}]", items.join(", "))
            }
            Ty::Obj => format!("{{a: {}, b: {}}}", self.small_int()?, self.pick(STRINGS)?),
            Ty::Any => self.literal()?,
        })
    }

    /// An expression that evaluates to a value of type `ty` (as far as the generator tracks
    /// types: branches and functions can change a variable's type behind its back).
    /// A call of one of the declared callables (there is one) with arguments of its type.
    fn call_callable(&mut self, d: u32) -> Result<String> {
        let c = self.callables[self.u.choose_index(self.callables.len())?].clone();
        let args: Vec<String> = (0..c.arity)
            .map(|_| self.typed(c.param, d))
            .collect::<Result<_>>()?;
        Ok(format!("{}({})", c.name, args.join(", ")))
    }

    /// `(fn(q) => body)(arg)`: a lambda called at once (its parameter in scope in the body).
    fn lambda_call(&mut self, d: u32) -> Result<String> {
        let p = self.fresh("q");
        self.vars.push(p.clone());
        let body = self.expr(d);
        self.vars.pop();
        let arg = self.expr(d)?;
        Ok(format!("(fn({p}) => {})({arg})", body?))
    }

    fn typed(&mut self, ty: Ty, depth: u32) -> Result<String> {
        if depth >= MAX_EXPR_DEPTH || self.u.ratio(1, 4)? {
            return match self.var_of(ty)? {
                Some(v) => Ok(v),
                None => self.literal_of(ty),
            };
        }
        let d = depth + 1;
        if self.modules && self.u.ratio(1, 5)? {
            if let Some(call) = self.module_call(ty, d)? {
                return Ok(call);
            }
        }
        Ok(match ty {
            Ty::Int => match self.u.int_in_range(0..=8)? {
                0 => format!(
                    "({} {} {})",
                    self.typed(Ty::Int, d)?,
                    self.pick(&["+", "-", "+"])?,
                    self.typed(Ty::Int, d)?
                ),
                1 => format!("({} * {})", self.typed(Ty::Int, d)?, self.small_int()?),
                2 => format!(
                    "({} {} {})",
                    self.typed(Ty::Int, d)?,
                    self.pick(&["//", "%"])?,
                    self.typed(Ty::Int, d)?
                ),
                3 => format!("-{}", self.typed(Ty::Int, d)?),
                4 => {
                    let t = *self.u.choose(&[Ty::Str, Ty::List])?;
                    format!("len({})", self.typed(t, d)?)
                }
                5 => format!(
                    "({} ? {} : {})",
                    self.typed(Ty::Bool, d)?,
                    self.typed(Ty::Int, d)?,
                    self.typed(Ty::Int, d)?
                ),
                6 => format!(
                    "{}.find({})",
                    self.typed(Ty::Str, d)?,
                    self.typed(Ty::Str, d)?
                ),
                7 => {
                    let f = self.pick(&["abs", "int", "round"])?;
                    let t = *self.u.choose(&[Ty::Int, Ty::Float])?;
                    format!("{f}({})", self.typed(t, d)?)
                }
                _ => format!("sum({})", self.typed(Ty::List, d)?),
            },
            Ty::Float => match self.u.int_in_range(0..=4)? {
                0 => format!(
                    "({} {} {})",
                    self.typed(Ty::Float, d)?,
                    self.pick(&["+", "-", "*"])?,
                    self.typed(Ty::Float, d)?
                ),
                1 => format!(
                    "({} / {})",
                    self.typed(Ty::Int, d)?,
                    self.typed(Ty::Int, d)?
                ),
                2 => format!("float({})", self.typed(Ty::Int, d)?),
                3 => format!(
                    "round({}, {})",
                    self.typed(Ty::Float, d)?,
                    self.u.int_in_range(0..=3)?
                ),
                _ => format!(
                    "({} {} {})",
                    self.typed(Ty::Float, d)?,
                    self.pick(&["//", "%", "/"])?,
                    self.literal_of(Ty::Float)?
                ),
            },
            Ty::Str => match self.u.int_in_range(0..=7)? {
                0 | 1 => format!(
                    "({} + {})",
                    self.typed(Ty::Str, d)?,
                    self.typed(Ty::Str, d)?
                ),
                2 => format!(
                    "({} * {})",
                    self.typed(Ty::Str, d)?,
                    self.u.int_in_range(0..=3)?
                ),
                3 => format!("{}({})", self.pick(&["str", "repr"])?, self.expr(d)?),
                4 => {
                    let recv = self.typed(Ty::Str, d)?;
                    format!("({recv}).{}()", self.pick(STR_METHODS0)?)
                }
                5 => {
                    let recv = self.typed(Ty::Str, d)?;
                    format!("({recv})[{}:{}]", self.small_int()?, self.small_int()?)
                }
                6 => format!("{}.join({})", self.typed(Ty::Str, d)?, self.str_list(d)?),
                _ => format!(
                    "({}).replace({}, {})",
                    self.typed(Ty::Str, d)?,
                    self.typed(Ty::Str, d)?,
                    self.typed(Ty::Str, d)?
                ),
            },
            Ty::List => match self.u.int_in_range(0..=6)? {
                0 | 1 => self.array_literal(d)?,
                2 => format!(
                    "({} + {})",
                    self.typed(Ty::List, d)?,
                    self.typed(Ty::List, d)?
                ),
                3 => format!(
                    "({})[{}:{}]",
                    self.typed(Ty::List, d)?,
                    self.small_int()?,
                    self.small_int()?
                ),
                4 => format!(
                    "{}({})",
                    self.pick(&["sorted", "reversed"])?,
                    self.typed(Ty::List, d)?
                ),
                5 => format!("range({})", self.u.int_in_range(0..=6)?),
                _ => format!(
                    "({}).split({})",
                    self.typed(Ty::Str, d)?,
                    self.pick(&["\",\"", "\" \"", "\"a\""])?
                ),
            },
            Ty::Bool => match self.u.int_in_range(0..=5)? {
                0 | 1 => {
                    let t = *self.u.choose(&[Ty::Int, Ty::Float, Ty::Str])?;
                    let op = self.pick(&["<", "<=", ">", ">=", "==", "!="])?;
                    format!("({} {op} {})", self.typed(t, d)?, self.typed(t, d)?)
                }
                2 => format!(
                    "({} {} {})",
                    self.expr(d)?,
                    self.pick(&["==", "!="])?,
                    self.expr(d)?
                ),
                3 => format!("!{}", self.typed(Ty::Bool, d)?),
                4 => format!(
                    "({} {} {})",
                    self.typed(Ty::Bool, d)?,
                    self.pick(&["&&", "||"])?,
                    self.typed(Ty::Bool, d)?
                ),
                _ => format!(
                    "(typeof({}) == {})",
                    self.expr(d)?,
                    self.pick(&["\"number\"", "\"string\"", "\"array\"", "\"object\""])?
                ),
            },
            Ty::Obj => {
                let n = self.u.int_in_range(0..=3)?;
                let mut props = Vec::new();
                for _ in 0..n {
                    let k = self.pick(KEYS)?;
                    props.push(format!("{k}: {}", self.expr(d)?));
                }
                format!("{{{}}}", props.join(", "))
            }
            Ty::Any => match self.u.int_in_range(0..=3)? {
                0 if !self.callables.is_empty() => self.call_callable(d)?,
                1 => self.lambda_call(d)?,
                2 => match self.var_of(Ty::Obj)? {
                    Some(o) => format!("{o}.{}", self.pick(KEYS)?),
                    None => self.literal()?,
                },
                _ => match self.var_of(Ty::Any)? {
                    Some(v) => v,
                    None => self.literal()?,
                },
            },
        })
    }

    /// A call of a `math`/`json`/`collections` function returning `ty` (stdlib.md §4, §7, §10).
    fn module_call(&mut self, ty: Ty, d: u32) -> Result<Option<String>> {
        Ok(Some(match ty {
            Ty::Int => match self.u.int_in_range(0..=4)? {
                0 => format!(
                    "math.{}({})",
                    self.pick(&["floor", "ceil", "round", "sign"])?,
                    self.typed(Ty::Float, d)?
                ),
                1 => format!("math.factorial({})", self.u.int_in_range(-2..=25)?),
                2 => format!(
                    "math.{}({}, {})",
                    self.pick(&["gcd", "lcm"])?,
                    self.typed(Ty::Int, d)?,
                    self.typed(Ty::Int, d)?
                ),
                3 => format!(
                    "math.pow({}, {})",
                    self.typed(Ty::Int, d)?,
                    self.u.int_in_range(0..=70)?
                ),
                _ => format!(
                    "collections.{}({})",
                    self.pick(&["length", "indexOf"])?,
                    self.collections_args(d)?
                ),
            },
            Ty::Float => {
                let f = self.pick(&[
                    "sqrt", "sin", "cos", "atan", "exp", "ln", "degrees", "radians",
                ])?;
                format!("math.{f}({})", self.typed(Ty::Float, d)?)
            }
            Ty::Str => {
                let f = self.pick(&["stringify", "stringify", "prettyPrint"])?;
                format!("json.{f}({})", self.expr(d)?)
            }
            Ty::List => match self.u.int_in_range(0..=4)? {
                0 => format!(
                    "collections.{}({})",
                    self.pick(&["sort", "unique", "reverse", "flatten"])?,
                    self.typed(Ty::List, d)?
                ),
                1 => format!(
                    "collections.{}({}, {})",
                    self.pick(&["take", "drop", "chunk"])?,
                    self.typed(Ty::List, d)?,
                    self.small_int()?
                ),
                2 => format!(
                    "collections.concat({}, {})",
                    self.typed(Ty::List, d)?,
                    self.typed(Ty::List, d)?
                ),
                3 => {
                    let (list, p) = (self.typed(Ty::List, d)?, self.fresh("q"));
                    self.vars.push(p.clone());
                    let body = self.typed(Ty::Int, d);
                    self.vars.pop();
                    let f = self.pick(&["map", "filter"])?;
                    format!("collections.{f}({list}, fn({p}) => {})", body?)
                }
                _ => format!(
                    "json.{}({})",
                    self.pick(&["keys", "values"])?,
                    self.typed(Ty::Obj, d)?
                ),
            },
            Ty::Bool => format!(
                "json.{}({})",
                self.pick(&["isObject", "isArray", "isNumber", "isString", "validate"])?,
                self.expr(d)?
            ),
            Ty::Any => format!("json.parse(json.stringify({}))", self.expr(d)?),
            Ty::Obj => return Ok(None),
        }))
    }

    /// `list` or `list, element` for `collections.length`/`indexOf`.
    fn collections_args(&mut self, d: u32) -> Result<String> {
        let list = self.typed(Ty::List, d)?;
        Ok(if self.u.arbitrary()? {
            format!("{list}, {}", self.expr(d)?)
        } else {
            list
        })
    }

    /// An array literal of strings.
    fn str_list(&mut self, depth: u32) -> Result<String> {
        let n = self.u.int_in_range(0..=3)?;
        let items: Vec<String> = (0..n)
            .map(|_| self.typed(Ty::Str, depth + 1))
            .collect::<Result<_>>()?;
        Ok(format!("[{}]", items.join(", ")))
    }

    /// An operand that can take a postfix suffix without parentheses.
    fn postfix_base(&mut self, depth: u32) -> Result<String> {
        if !self.vars.is_empty() && self.u.ratio(2, 3)? {
            return Ok(self.vars[self.u.choose_index(self.vars.len())?].clone());
        }
        Ok(format!("({})", self.expr(depth)?))
    }

    fn leaf(&mut self) -> Result<String> {
        if !self.vars.is_empty() && self.u.ratio(1, 2)? {
            return Ok(self.vars[self.u.choose_index(self.vars.len())?].clone());
        }
        self.literal()
    }
}
