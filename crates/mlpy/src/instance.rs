//! `Instance`: a program that has run its top level and stays loaded in its own VM, so the host
//! can call its functions ([`Instance::call`]), read its globals, and evaluate further entries
//! that see and change the same variables ([`Instance::eval`], what `mlpy repl` uses).
//!
//! How entries share variables: each entry is compiled as its own program (unit) with the
//! names defined so far declared as host globals, loaded into the same VM, given the current
//! values, and run. Afterwards every unit's slot of a name is set to the newest value (the one
//! the entry changed, else one an older unit's function changed), so functions defined by
//! earlier entries see later assignments. A host call runs a tiny generated unit
//! `host_call_ret = host_call_fn(host_call_a0, ...);` (one per arity, loaded once), so each call
//! gets the VM's fresh per-run fuel, time and output budgets.
//!
//! Invariant: values only leave the VM as owned facade [`Value`]s, bounded by the depth limit.

use crate::engine::{convert_error, vm_error, Engine, Program};
use crate::error::Error;
use crate::globals_json::is_data;
use crate::limits::Limits;
use crate::source::Source;
use crate::value::Value;
use crate::RunOptions;
use mlpy_ir::ir::{GlobalVar, StmtKind, Target, TargetKind, Var};
use mlpy_vm::{text, Loaded, Value as VmValue, Vm};
use std::collections::HashMap;

/// The name an expression entry's value is stored in (as in Python's REPL).
const LAST_VALUE: &str = "_";
const CALL_FN: &str = "host_call_fn";
const CALL_RET: &str = "host_call_ret";

/// A loaded, initialised program: call its functions, read its globals, evaluate more code.
pub struct Instance {
    engine: Engine,
    vm: Vm,
    limits: Limits,
    /// The unit whose globals are the current variables, with its program (for errors).
    current: (Loaded, Program),
    /// Every unit loaded by `eval`, oldest first (their slots are kept in sync).
    units: Vec<Loaded>,
    /// Every global name any unit defined, in first-definition order.
    names: Vec<String>,
    /// Generated call units by arity.
    call_units: HashMap<usize, (Loaded, Program)>,
}

/// What [`Instance::eval`] produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// For an entry that is a single expression with a non-null value: the value as `repr`
    /// shows it inside a container (`'s'`, `True`), D23.
    pub repr: Option<String>,
}

impl Engine {
    /// Runs `program`'s top level and keeps it loaded for calls ([`Instance::call`]). Output,
    /// limits (for the top level and then for each call), globals and interrupt flag come from
    /// `options`.
    pub fn instantiate(&self, program: &Program, options: RunOptions) -> Result<Instance, Error> {
        let mut vm = self.new_vm(
            self.module_roots(program),
            &options.limits,
            options.interrupt,
            options.stdout,
            options.stderr,
        );
        let loaded = self.load_program(&mut vm, program, &options.globals)?;
        vm.run(loaded).map_err(|e| vm_error(program, e))?;
        Ok(Instance {
            engine: self.clone(),
            vm,
            limits: options.limits,
            current: (loaded, program.clone()),
            units: vec![loaded],
            names: program.ir.globals.iter().map(|g| g.name.clone()).collect(),
            call_units: HashMap::new(),
        })
    }

    /// An empty instance for evaluating entries one by one (`mlpy repl`).
    pub fn session(&self, options: RunOptions) -> Result<Instance, Error> {
        let empty = self.compile(Source::new("<repl>", ""))?;
        self.instantiate(&empty, options)
    }
}

/// Identity of two VM values (same scalar or same heap object).
fn same(a: VmValue, b: VmValue) -> bool {
    match (a, b) {
        (VmValue::Null, VmValue::Null) => true,
        (VmValue::Bool(x), VmValue::Bool(y)) => x == y,
        (VmValue::Int(x), VmValue::Int(y)) => x == y,
        (VmValue::Float(x), VmValue::Float(y)) => x.to_bits() == y.to_bits(),
        (VmValue::Native(x), VmValue::Native(y)) => x == y,
        (a, b) => {
            std::mem::discriminant(&a) == std::mem::discriminant(&b)
                && a.gc().is_some()
                && a.gc() == b.gc()
        }
    }
}

impl Instance {
    /// The limits of later calls and entries.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The current value of a global variable, if it is set.
    pub fn global(&self, name: &str) -> Result<Option<Value>, Error> {
        let Some(v) = self.vm.global(self.current.0, name) else {
            return Ok(None);
        };
        Value::from_vm(self.vm.heap(), v, self.limits.max_depth)
            .map(Some)
            .map_err(|e| convert_error(&self.current.1, e))
    }

    /// The data globals (D22): every variable defined so far that holds data, in the order the
    /// names were first defined.
    pub fn globals(&self) -> Result<Vec<(String, Value)>, Error> {
        let depth = self.limits.max_depth;
        self.defined()
            .into_iter()
            .filter(|(_, v)| is_data(*v))
            .map(|(name, v)| Ok((name, Value::from_vm(self.vm.heap(), v, depth)?)))
            .collect::<Result<_, _>>()
            .map_err(|e| convert_error(&self.current.1, e))
    }

    /// True when the program defines a callable global `name`.
    pub fn has_function(&self, name: &str) -> bool {
        self.vm
            .global(self.current.0, name)
            .is_some_and(VmValue::is_callable)
    }

    /// Calls the ML function `name` with `args` under the instance's limits (fresh fuel, time
    /// and output budgets per call). A script error is an `Err` like a run's.
    pub fn call(&mut self, name: &str, args: &[Value]) -> Result<Value, Error> {
        let f = self
            .vm
            .global(self.current.0, name)
            .filter(|v| v.is_callable())
            .ok_or_else(|| Error::Host(format!("the program has no function '{name}'")))?;
        let (unit, call_program) = self.call_unit(args.len())?;
        let depth = self.limits.max_depth;
        self.vm.set_limits(self.limits.to_vm());
        self.vm.set_global(unit, CALL_FN, f);
        for (i, arg) in args.iter().enumerate() {
            let v = arg
                .to_vm(self.vm.heap_mut(), depth)
                .map_err(|e| convert_error(&self.current.1, e))?;
            self.vm.set_global(unit, &format!("host_call_a{i}"), v);
        }
        match self.vm.run(unit) {
            Ok(_) => {
                let v = self.vm.global(unit, CALL_RET).unwrap_or(VmValue::Null);
                Value::from_vm(self.vm.heap(), v, depth)
                    .map_err(|e| convert_error(&self.current.1, e))
            }
            Err(mut e) => {
                // The outermost frame is the generated call; an error raised there (wrong
                // argument count) is reported against the generated text.
                let raised_in_call = e.stack.len() <= 1;
                if !raised_in_call {
                    e.stack.pop();
                }
                let program = if raised_in_call {
                    &call_program
                } else {
                    &self.current.1
                };
                Err(vm_error(program, e))
            }
        }
    }

    fn call_unit(&mut self, arity: usize) -> Result<(Loaded, Program), Error> {
        if let Some((unit, program)) = self.call_units.get(&arity) {
            return Ok((*unit, program.clone()));
        }
        let args: Vec<String> = (0..arity).map(|i| format!("host_call_a{i}")).collect();
        let text = format!("{CALL_RET} = {CALL_FN}({});", args.join(", "));
        let mut options = self.engine.lower_options();
        options.host_globals.push(CALL_FN.to_string());
        options.host_globals.extend(args);
        let program = self
            .engine
            .compile_with(Source::new("<host call>", &text), &options)?;
        let unit = self.engine.load_program(&mut self.vm, &program, &[])?;
        self.call_units.insert(arity, (unit, program.clone()));
        Ok((unit, program))
    }

    /// Evaluates one more entry in this instance: variables and functions of earlier entries
    /// (and of the instantiated program) are visible and may be changed. Errors and limits
    /// leave the instance usable. An entry that only lacks its final `;` is accepted.
    pub fn eval(&mut self, source: Source) -> Result<Evaluated, Error> {
        let defined = self.defined();
        let mut options = self.engine.lower_options();
        options
            .host_globals
            .extend(defined.iter().map(|(n, _)| n.clone()));
        let mut program = match self.engine.compile_with(source.clone(), &options) {
            Ok(p) => p,
            // REPL convenience: an entry may leave out its final `;`.
            Err(e @ Error::Syntax { .. }) => {
                let text = source.text.trim_end();
                if text.ends_with([';', '}']) {
                    return Err(e);
                }
                let completed = Source::new(source.name.clone(), &format!("{text};"));
                self.engine
                    .compile_with(completed, &options)
                    .map_err(|_| e)?
            }
            Err(e) => return Err(e),
        };
        let is_expr = capture_expression_value(&mut program);
        let unit = self.engine.load_program(&mut self.vm, &program, &[])?;
        for (name, v) in &defined {
            self.vm.set_global(unit, name, *v);
        }
        self.vm.set_limits(self.limits.to_vm());
        let outcome = self.vm.run(unit);
        let after = self.values(unit, &program);
        for g in &program.ir.globals {
            if !self.names.contains(&g.name) {
                self.names.push(g.name.clone());
            }
        }
        self.sync(unit, &defined, after);
        self.units.push(unit);
        self.current = (unit, program);
        match outcome {
            Err(e) => Err(vm_error(&self.current.1, e)),
            Ok(_) if is_expr => {
                let v = self.vm.global(unit, LAST_VALUE).unwrap_or(VmValue::Null);
                if matches!(v, VmValue::Null) {
                    return Ok(Evaluated { repr: None });
                }
                let repr = text::repr(self.vm.heap(), v)
                    .map_err(|e| Error::Host(format!("cannot show the value: {}", e.message())))?;
                Ok(Evaluated { repr: Some(repr) })
            }
            Ok(_) => Ok(Evaluated { repr: None }),
        }
    }

    /// The current value of every name defined so far (kept by the newest unit that has it).
    fn defined(&self) -> Vec<(String, VmValue)> {
        self.names
            .iter()
            .filter_map(|name| {
                let v = self
                    .units
                    .iter()
                    .rev()
                    .find_map(|&u| self.vm.global(u, name))?;
                Some((name.clone(), v))
            })
            .collect()
    }

    /// Every global of `program` (loaded as `unit`) that has a value, functions included.
    fn values(&self, unit: Loaded, program: &Program) -> Vec<(String, VmValue)> {
        program
            .ir
            .globals
            .iter()
            .filter_map(|g| Some((g.name.clone(), self.vm.global(unit, &g.name)?)))
            .collect()
    }

    /// After `unit` ran with the values `before`: the newest value of every name wins in every
    /// unit (the one `unit` assigned, else one an older unit's function assigned).
    fn sync(&mut self, unit: Loaded, before: &[(String, VmValue)], after: Vec<(String, VmValue)>) {
        let old: HashMap<&str, VmValue> = before.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        for (name, v) in after {
            let prior = old.get(name.as_str()).copied();
            let newest = if prior.is_some_and(|p| same(p, v)) {
                self.units
                    .iter()
                    .rev()
                    .filter_map(|&u| self.vm.global(u, &name))
                    .find(|&w| !same(w, v))
                    .unwrap_or(v)
            } else {
                v
            };
            for &u in self.units.iter().chain(std::iter::once(&unit)) {
                self.vm.set_global(u, &name, newest);
            }
        }
    }
}

/// When a program is one expression statement, stores its value in the global `_` (adding the
/// slot if the program has none) instead of dropping it; true if it did.
fn capture_expression_value(program: &mut Program) -> bool {
    let [stmt] = program.ir.block(program.ir.body) else {
        return false;
    };
    let StmtKind::Expr(value) = stmt.kind else {
        return false;
    };
    let range = program.ir[value].range;
    let globals = &mut program.ir.globals;
    let slot = match globals.iter().position(|g| g.name == LAST_VALUE) {
        Some(slot) => slot,
        None => {
            globals.push(GlobalVar {
                name: LAST_VALUE.to_string(),
                builtin_fallback: false,
                host: true,
            });
            globals.len() - 1
        }
    };
    let Some(stmt) = program.ir.stmts.get_mut(program.ir.body.start as usize) else {
        return false;
    };
    stmt.kind = StmtKind::Assign {
        target: Target {
            kind: TargetKind::Var(Var::Global(slot as u32)),
            range,
        },
        value,
    };
    true
}
