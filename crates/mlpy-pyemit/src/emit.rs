//! IR -> Python statements of the program body (language.md Appendix B).
//!
//! Owns the lowering of every statement and expression kind. Invariants:
//! - Output is deterministic: the same IR always gives the same text.
//! - Every emitted line records the ML position (line, column) of the statement it belongs to,
//!   which the source map and the run-time traceback table are built from.
//! - Emitted code names only ML variables (renamed by [`pyname::ident`]), `__ml`-prefixed
//!   prelude helpers and Python syntax; never a Python builtin by its plain name.
//! - Operations whose Python meaning differs from ML (`+`, `%`, `==` on containers, member
//!   access, method calls, slicing) go through prelude helpers; the rest is plain Python
//!   (Python raises the same errors with the same messages there).
//! - Recursion over the IR is bounded by `mlpy_ir::MAX_DEPTH` (the lowering guarantees it).

use crate::pyname::{float_lit, ident, str_lit};
use mlpy_ir::ir::*;
use std::collections::BTreeSet;

/// 1-based ML position (line, column).
pub type Pos = (u32, u32);

/// Byte offset -> 1-based (line, column); columns count Unicode scalar values.
pub struct LineIndex<'s> {
    text: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub fn new(text: &'s str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(n) => n - 1,
        };
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }
}

/// Emitted lines with the ML position of each, and for each line the byte columns where
/// sub-expressions that can fail start, with their ML positions (finer error positions).
#[derive(Default)]
pub struct Lines {
    pub text: String,
    pub positions: Vec<Option<Pos>>,
    pub columns: Vec<Vec<(usize, Pos)>>,
}

/// Marks the start of a sub-expression in a line under construction: `MARK id END`.
const MARK: char = '\u{1}';
const MARK_END: char = '\u{2}';

impl Lines {
    /// Appends a line; position markers in it are removed and recorded with their byte column.
    pub fn push(&mut self, indent: usize, line: &str, pos: Option<Pos>, marks: &[Pos]) {
        let start = self.text.len();
        for _ in 0..indent {
            self.text.push_str("    ");
        }
        let mut cols = Vec::new();
        let mut rest = line;
        while let Some(at) = rest.find(MARK) {
            self.text.push_str(&rest[..at]);
            let after = &rest[at + MARK.len_utf8()..];
            let Some(end) = after.find(MARK_END) else {
                rest = after;
                continue;
            };
            if let Some(p) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| marks.get(i))
            {
                cols.push((self.text.len() - start, *p));
            }
            rest = &after[end + MARK_END.len_utf8()..];
        }
        self.text.push_str(rest);
        self.text.push('\n');
        self.positions.push(pos);
        self.columns.push(cols);
    }
}

/// Emits the body of one ML program (or module) as the statements of `__ml_main`.
pub struct Emitter<'a> {
    p: &'a Program,
    lines: &'a LineIndex<'a>,
    out: Lines,
    indent: usize,
    pos: Pos,
    /// Enclosing function of each function (None = top level).
    parent: Vec<Option<FuncId>>,
    /// Function being emitted (None = top level).
    func: Option<FuncId>,
    temp: u32,
    /// The `update` statements of the enclosing C-style loops (innermost last), emitted before
    /// each `continue`; `None` for for-in/while loops.
    loops: Vec<Option<&'a Stmt>>,
    /// Stdlib modules the program uses (imported or implicit).
    pub modules: BTreeSet<String>,
    /// Python call-depth limit check (`__ml_depth >= N` raises).
    max_calls: u64,
    /// ML positions of the sub-expression markers (see [`Lines::push`]).
    marks: Vec<Pos>,
    /// Python blocks (loops, `try`) open in the function being emitted.
    blocks: usize,
    /// The statement being emitted.
    cur_range: TextRange,
    /// The first statement nested deeper than CPython compiles (see [`MAX_BLOCKS`]).
    pub too_deep: Option<TextRange>,
}

/// CPython refuses more than 20 statically nested blocks (loops, `try`) in one function and
/// more than 100 indentation levels; the emitter stops below both.
const MAX_BLOCKS: usize = 18;
const MAX_INDENT: usize = 90;

impl<'a> Emitter<'a> {
    pub fn new(p: &'a Program, lines: &'a LineIndex<'a>, max_depth: u64) -> Self {
        let mut parent = vec![None; p.functions.len()];
        for s in p.block(p.body) {
            find_parents_stmt(p, s, None, &mut parent);
        }
        for (id, f) in p.functions.iter().enumerate() {
            for s in p.block(f.body) {
                find_parents_stmt(p, s, Some(id as FuncId), &mut parent);
            }
        }
        Emitter {
            p,
            lines,
            out: Lines::default(),
            indent: 0,
            pos: (1, 1),
            parent,
            func: None,
            temp: 0,
            loops: Vec::new(),
            modules: BTreeSet::new(),
            max_calls: max_depth.saturating_sub(1),
            marks: Vec::new(),
            blocks: 0,
            cur_range: TextRange::default(),
            too_deep: None,
        }
    }

    pub fn finish(self) -> Lines {
        self.out
    }

    fn line(&mut self, text: &str) {
        self.out
            .push(self.indent, text, Some(self.pos), &self.marks);
    }

    fn unmapped(&mut self, text: &str) {
        self.out.push(self.indent, text, None, &self.marks);
    }

    fn set_pos(&mut self, range: TextRange) {
        self.pos = self.lines.pos(usize::from(range.start()));
    }

    fn fresh(&mut self, what: &str) -> String {
        self.temp += 1;
        format!("__ml_{what}{}", self.temp)
    }

    /// Emits the top-level statements (at the current indentation).
    pub fn program_body(&mut self, indent: usize) {
        self.indent = indent;
        // The body runs inside `__ml_main`'s `try`.
        self.blocks = 1;
        let body = self.p.body;
        if body.is_empty() {
            self.line("pass");
        }
        self.block(&body);
    }

    /// Python names of all globals (`__ml_main` locals).
    pub fn global_names(&self) -> Vec<String> {
        self.p.globals.iter().map(|g| ident(&g.name)).collect()
    }

    fn block(&mut self, stmts: &StmtList) {
        let p = self.p;
        let stmts = p.block(*stmts);
        self.check_nesting();
        if stmts.is_empty() {
            self.line("pass");
            return;
        }
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        self.set_pos(s.range);
        self.cur_range = s.range;
        match &s.kind {
            StmtKind::Expr(e) => {
                let e = self.expr(e);
                self.line(&e);
            }
            StmtKind::Assign { target, value } => self.assign(target, value),
            StmtKind::DestructureArray { names, value } => {
                let v = self.expr(value);
                let targets: Vec<String> = names.iter().map(|(v, _)| self.var(v)).collect();
                let comma = if targets.len() == 1 { "," } else { "" };
                self.line(&format!(
                    "{}{comma} = __ml_iterable({v})",
                    targets.join(", ")
                ));
            }
            StmtKind::DestructureObject { names, value } => {
                let v = self.expr(value);
                let t = self.fresh("t");
                self.line(&format!("{t} = {v}"));
                for (key, var, range) in names {
                    // A missing key is reported at its name, as the VM does.
                    self.set_pos(*range);
                    let target = self.var(var);
                    self.line(&format!("{target} = {t}[{}]", str_lit(&self.p[*key])));
                }
            }
            StmtKind::If {
                branches,
                else_body,
            } => self.if_chain(branches, else_body.as_ref()),
            StmtKind::While { cond, body } => {
                let c = self.expr(cond);
                self.line(&format!("while {c}:"));
                self.loop_body(body, None);
            }
            StmtKind::ForIn {
                var,
                var_range,
                iterable,
                body,
            } => {
                let it = self.expr(iterable);
                let v = self.var(var);
                // A non-iterable is reported at the iterable, a change of an object's size
                // during the loop at the loop variable (as the VM does).
                let mark = self.mark(self.p[*iterable].range);
                self.set_pos(*var_range);
                self.line(&format!("for {v} in {mark}__ml_iterable({it}):"));
                self.loop_body(body, None);
            }
            StmtKind::CFor {
                init,
                cond,
                update,
                body,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                    self.set_pos(s.range);
                }
                let c = match cond {
                    Some(c) => self.expr(c),
                    None => "True".to_string(),
                };
                match update {
                    Some(u) if continue_in_try(self.p, body, false) => {
                        // `continue` must run `finally` blocks before the update: the update
                        // runs at the top of every iteration but the first instead.
                        let go = self.fresh("go");
                        self.line(&format!("{go} = False"));
                        self.line("while True:");
                        self.indent += 1;
                        self.line(&format!("if {go}:"));
                        self.indent += 1;
                        self.stmt(u);
                        self.set_pos(s.range);
                        self.indent -= 1;
                        self.line(&format!("{go} = True"));
                        self.line(&format!("if not {c}:"));
                        self.line("    break");
                        self.indent -= 1;
                        self.loop_body(body, None);
                    }
                    _ => {
                        self.line(&format!("while {c}:"));
                        self.loop_body(body, update.as_deref());
                    }
                }
            }
            StmtKind::Break => self.line("break"),
            StmtKind::Continue => {
                if let Some(Some(update)) = self.loops.last().copied() {
                    let here = s.range;
                    self.stmt(update);
                    self.set_pos(here);
                }
                self.line("continue");
            }
            StmtKind::Return(value) => match value {
                Some(v) => {
                    let v = self.expr(v);
                    self.line(&format!("return {v}"));
                }
                None => self.line("return None"),
            },
            StmtKind::Throw(obj) => {
                let o = self.expr(obj);
                self.line(&format!("raise __ml_throw({o})"));
            }
            StmtKind::Try(t) => self.try_stmt(t, s.range),
            StmtKind::Import { path, alias, var } => {
                let target = self.var(var);
                if path.len() == 1 && mlpy_ir::names::STDLIB_MODULES.contains(&path[0].as_str()) {
                    self.modules.insert(path[0].clone());
                    self.line(&format!(
                        "{target} = __ml_import({}, __ml_module_{})",
                        str_lit(&path[0]),
                        path[0]
                    ));
                } else {
                    let dotted = path.join(".");
                    // `import a.b;` binds `a` to a namespace; `import a.b as m;` binds the module.
                    let ns = if alias.is_none() && path.len() > 1 {
                        "True"
                    } else {
                        "False"
                    };
                    self.line(&format!(
                        "{target} = __ml_user_import({}, {ns})",
                        str_lit(&dotted)
                    ));
                }
            }
        }
    }

    /// Records the current statement when it nests deeper than CPython accepts.
    fn check_nesting(&mut self) {
        if (self.blocks > MAX_BLOCKS || self.indent > MAX_INDENT) && self.too_deep.is_none() {
            self.too_deep = Some(self.cur_range);
        }
    }

    fn loop_body(&mut self, body: &StmtList, update: Option<&'a Stmt>) {
        self.blocks += 1;
        self.check_nesting();
        self.indent += 1;
        self.loops.push(update);
        self.block(body);
        if let Some(u) = update {
            self.stmt(u);
        }
        self.loops.pop();
        self.indent -= 1;
        self.blocks -= 1;
    }

    fn if_chain(&mut self, branches: &'a [(ExprId, StmtList)], else_body: Option<&StmtList>) {
        let Some(((cond, body), rest)) = branches.split_first() else {
            if let Some(e) = else_body {
                self.block(e);
            }
            return;
        };
        let c = self.expr(cond);
        self.line(&format!("if {c}:"));
        self.indent += 1;
        self.block(body);
        self.indent -= 1;
        let mut rest = rest;
        // `elif` unless the condition needs a hoisted function definition (a def cannot stand
        // between an `if` block and its `elif`); then `else:` + a nested `if`.
        while let Some(((cond, body), tail)) = rest.split_first() {
            if contains_function(self.p, cond) {
                self.line("else:");
                self.indent += 1;
                self.if_chain(rest, else_body);
                self.indent -= 1;
                return;
            }
            self.set_pos(self.p[*cond].range);
            let c = self.expr(cond);
            self.line(&format!("elif {c}:"));
            self.indent += 1;
            self.block(body);
            self.indent -= 1;
            rest = tail;
        }
        if let Some(e) = else_body {
            self.line("else:");
            self.indent += 1;
            self.block(e);
            self.indent -= 1;
        }
    }

    fn try_stmt(&mut self, t: &'a TryStmt, range: TextRange) {
        if t.handler.is_none() && t.finally.is_none() {
            self.block(&t.body);
            return;
        }
        // `try` plus the handler's own `try` for unbinding its variable.
        self.blocks += 2;
        self.check_nesting();
        self.try_blocks(t, range);
        self.blocks -= 2;
    }

    fn try_blocks(&mut self, t: &'a TryStmt, range: TextRange) {
        self.line("try:");
        self.indent += 1;
        self.block(&t.body);
        self.indent -= 1;
        if let Some(h) = &t.handler {
            self.set_pos(h.range);
            let x = self.fresh("x");
            self.line(&format!("except __ml_Exception as {x}:"));
            self.indent += 1;
            match &h.var {
                Some((var, _)) => {
                    let v = self.var(var);
                    self.line(&format!("{v} = __ml_catch({x})"));
                    self.line("try:");
                    self.indent += 1;
                    self.block(&h.body);
                    self.indent -= 1;
                    self.line("finally:");
                    self.indent += 1;
                    self.line(&format!("{v} = None"));
                    self.line(&format!("del {v}"));
                    self.indent -= 1;
                }
                None => {
                    self.line(&format!("__ml_catch({x})"));
                    self.block(&h.body);
                }
            }
            self.indent -= 1;
        }
        if let Some(f) = &t.finally {
            self.set_pos(range);
            self.line("finally:");
            self.indent += 1;
            self.line("if not __ml_limit_hit[0]:");
            self.indent += 1;
            self.block(f);
            self.indent -= 2;
        }
    }

    fn assign(&mut self, target: &'a Target, value: &'a ExprId) {
        // `function f() {...}` is an assignment of a named function to its own name: a `def`.
        if let (TargetKind::Var(var), ExprKind::Function(id)) = (&target.kind, &self.p[*value].kind)
        {
            let f = &self.p.functions[*id as usize];
            if let Some(name) = &f.name {
                let py = self.var(var);
                if py == ident(name)
                    && matches!(
                        var,
                        Var::Local(_) | Var::Cell(_) | Var::Free(_) | Var::Global(_)
                    )
                {
                    self.function_def(*id, &py, name);
                    return;
                }
            }
        }
        let v = self.expr(value);
        match &target.kind {
            TargetKind::Var(var) => {
                let t = self.var(var);
                self.line(&format!("{t} = {v}"));
            }
            TargetKind::Index { object, index } => {
                if is_simple(self.p, object) && is_simple(self.p, index) {
                    let o = self.expr(object);
                    let i = self.expr(index);
                    self.line(&format!("{o}[{i}] = {v}"));
                } else {
                    // The value is evaluated before the target's sub-expressions (§6.2).
                    let t = self.fresh("t");
                    self.line(&format!("{t} = {v}"));
                    let o = self.expr(object);
                    let i = self.expr(index);
                    self.line(&format!("{o}[{i}] = {t}"));
                }
            }
            TargetKind::Slice {
                object,
                start,
                end,
                step,
            } => {
                let t = self.fresh("t");
                self.line(&format!("{t} = {v}"));
                let o = self.expr(object);
                let a = self.opt_expr(start.as_ref());
                let b = self.opt_expr(end.as_ref());
                let c = self.opt_expr(step.as_ref());
                self.line(&format!("__ml_setslice({o}, {a}, {b}, {c}, {t})"));
            }
        }
    }

    /// `def py(...)` for function `id`; `ml_name` is its ML name for messages.
    fn function_def(&mut self, id: FuncId, py: &str, ml_name: &str) {
        let f = &self.p.functions[id as usize];
        let saved_pos = self.pos;
        self.set_pos(f.range);
        let mut params: Vec<String> = f.locals[..f.params as usize]
            .iter()
            .map(|l| ident(&self.p[l.name]))
            .collect();
        let rest = if f.has_rest {
            let r = ident(&self.p[f.locals[f.params as usize].name]);
            params.push(format!("*{r}"));
            Some(r)
        } else {
            None
        };
        self.line(&format!("def {py}({}):", params.join(", ")));
        self.indent += 1;
        let mut nonlocals = vec!["__ml_depth".to_string()];
        let mut assigned = Vec::new();
        for s in self.p.block(f.body) {
            assigned_vars(self.p, s, &mut assigned);
        }
        let saved_func = self.func.replace(id);
        for v in &assigned {
            match v {
                Var::Free(_) | Var::Global(_) => {
                    let n = self.var(v);
                    if !nonlocals.contains(&n) {
                        nonlocals.push(n);
                    }
                }
                _ => {}
            }
        }
        // The prologue has no ML position: an error raised there (the depth limit) is reported
        // at the caller's statement, as the VM reports it at the call.
        self.unmapped(&format!("nonlocal {}", nonlocals.join(", ")));
        self.unmapped(&format!(
            "if __ml_depth >= {}: __ml_depth_error()",
            self.max_calls
        ));
        self.unmapped("__ml_depth += 1");
        self.unmapped("try:");
        self.indent += 1;
        if let Some(r) = &rest {
            self.line(&format!("{r} = __ml_list({r})"));
        }
        let saved_loops = std::mem::take(&mut self.loops);
        let saved_blocks = std::mem::replace(&mut self.blocks, 1);
        self.block(&f.body);
        self.blocks = saved_blocks;
        self.loops = saved_loops;
        self.indent -= 1;
        self.set_pos(f.range);
        self.line("finally:");
        self.line("    __ml_depth -= 1");
        self.func = saved_func;
        self.indent -= 1;
        self.line(&format!("__ml_fn({py}, {})", str_lit(ml_name)));
        self.pos = saved_pos;
    }

    fn opt_expr(&mut self, e: Option<&ExprId>) -> String {
        match e {
            Some(e) => self.expr(e),
            None => "None".to_string(),
        }
    }

    fn args(&mut self, args: &ExprList) -> String {
        let p = self.p;
        let parts: Vec<String> = p.list(*args).iter().map(|a| self.expr(a)).collect();
        parts.join(", ")
    }

    /// The Python name (or lookup expression) of a variable.
    fn var(&self, v: &Var) -> String {
        match v {
            Var::Local(slot) | Var::Cell(slot) => match self.func {
                Some(f) => ident(&self.p[self.p.functions[f as usize].locals[*slot as usize].name]),
                None => format!("__ml_bad_local_{slot}"),
            },
            Var::Free(i) => match self.func {
                Some(f) => ident(&self.free_name(f, *i)),
                None => format!("__ml_bad_free_{i}"),
            },
            Var::Global(g) => ident(&self.p.globals[*g as usize].name),
            Var::Builtin(name) => {
                let name = &self.p[*name];
                if name == mlpy_ir::names::BUILTIN_MODULE {
                    "__ml_builtin_module".to_string()
                } else {
                    format!("__ml_b_{name}")
                }
            }
            Var::Module(name) => format!("__ml_module_{}", &self.p[*name]),
            Var::HostGlobal(name) => format!("__ml_host_global({})", str_lit(&self.p[*name])),
        }
    }

    fn free_name(&self, f: FuncId, i: u32) -> String {
        let mut func = f;
        let mut idx = i;
        // Walk up the capture chain; bounded by the function nesting depth.
        for _ in 0..=self.p.functions.len() {
            let Some(cap) = self.p.functions[func as usize].captures.get(idx as usize) else {
                break;
            };
            let Some(parent) = self.parent[func as usize] else {
                break;
            };
            match *cap {
                Capture::Local(slot) => {
                    let name = self.p.functions[parent as usize].locals[slot as usize].name;
                    return self.p[name].to_string();
                }
                Capture::Free(j) => {
                    func = parent;
                    idx = j;
                }
            }
        }
        format!("__ml_bad_free_{i}")
    }

    /// Python text of an expression; one that can raise starts with a position marker.
    fn expr(&mut self, id: &ExprId) -> String {
        let e = &self.p[*id];
        let text = self.expr_text(id);
        let can_fail = match &e.kind {
            ExprKind::Binary { .. }
            | ExprKind::Index { .. }
            | ExprKind::Slice { .. }
            | ExprKind::Member { .. }
            | ExprKind::Call { .. }
            | ExprKind::MethodCall { .. } => true,
            ExprKind::Unary { op, .. } => *op == UnaryOp::Neg,
            ExprKind::Var(v) => !matches!(v, Var::Builtin(_) | Var::Module(_)),
            _ => false,
        };
        if !can_fail {
            return text;
        }
        format!("{}{text}", self.mark(e.range))
    }

    /// A position marker for the sub-expression at `range` (see [`Lines::push`]).
    fn mark(&mut self, range: TextRange) -> String {
        let id = self.marks.len();
        self.marks.push(self.lines.pos(usize::from(range.start())));
        format!("{MARK}{id}{MARK_END}")
    }

    fn expr_text(&mut self, id: &ExprId) -> String {
        let p = self.p;
        let e = &p[*id];
        match &e.kind {
            ExprKind::Null => "None".to_string(),
            ExprKind::Bool(true) => "True".to_string(),
            ExprKind::Bool(false) => "False".to_string(),
            ExprKind::Int(i) if *i < 0 => format!("({i})"),
            ExprKind::Int(i) => i.to_string(),
            ExprKind::BigInt(s) if p[*s].starts_with('-') => format!("({})", &p[*s]),
            ExprKind::BigInt(s) => p[*s].to_string(),
            ExprKind::Float(f) => float_lit(*f),
            ExprKind::Str(s) => str_lit(&p[*s]),
            ExprKind::Array(items) => format!("[{}]", self.args(items)),
            ExprKind::Object(entries) => {
                let parts: Vec<String> = p
                    .props(*entries)
                    .iter()
                    .map(|(k, v)| format!("{}: {}", str_lit(&p[*k]), self.expr(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            ExprKind::Var(v) => {
                if let Var::Module(m) = v {
                    self.modules.insert(p[*m].to_string());
                }
                self.var(v)
            }
            ExprKind::Unary { op, operand } => {
                let x = self.expr(operand);
                match op {
                    UnaryOp::Neg => format!("(-{x})"),
                    UnaryOp::Not => format!("(not {x})"),
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                // A long left-deep chain (`s + a + b + ...`) would nest one call per operator,
                // past CPython's 200-parenthesis limit: emit it as a flat tuple of walrus
                // steps, which keeps the evaluation order (operand, operator, operand, ...).
                let mut chain = vec![(*op, *rhs, *id)];
                let mut base = *lhs;
                while let ExprKind::Binary { op, lhs, rhs } = &p[base].kind {
                    chain.push((*op, *rhs, base));
                    base = *lhs;
                }
                if chain.len() <= MAX_CHAIN {
                    let a = self.expr(lhs);
                    let b = self.expr(rhs);
                    return binary(p, *op, *lhs, *rhs, *id, &a, &b);
                }
                let mut steps = Vec::with_capacity(chain.len() + 1);
                let mut prev = self.expr(&base);
                let mut prev_expr = base;
                for (op, rhs, whole) in chain.into_iter().rev() {
                    let b = self.expr(&rhs);
                    let t = self.fresh("c");
                    steps.push(format!(
                        "({t} := {})",
                        binary(p, op, prev_expr, rhs, whole, &prev, &b)
                    ));
                    prev = t;
                    prev_expr = whole;
                }
                format!("({}, {prev})[-1]", steps.join(", "))
            }
            ExprKind::And(..) | ExprKind::Or(..) => {
                // `a || b || c` is Python's n-ary `a or b or c` (same short-circuit, one level).
                let is_and = matches!(e.kind, ExprKind::And(..));
                let mut operands = Vec::new();
                let mut cur = *id;
                while let (ExprKind::And(l, r), true) | (ExprKind::Or(l, r), false) =
                    (&p[cur].kind, is_and)
                {
                    operands.push(*r);
                    cur = *l;
                }
                operands.push(cur);
                let parts: Vec<String> =
                    operands.into_iter().rev().map(|x| self.expr(&x)).collect();
                format!("({})", parts.join(if is_and { " and " } else { " or " }))
            }
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                let c = self.expr(cond);
                let x = self.expr(then);
                let y = self.expr(otherwise);
                format!("({x} if {c} else {y})")
            }
            ExprKind::Member { object, name } => {
                let o = self.expr(object);
                format!("__ml_getattr({o}, {})", str_lit(&p[*name]))
            }
            ExprKind::Index { object, index } => {
                let o = self.expr(object);
                let i = self.expr(index);
                if is_literal(&p[*object]) {
                    // Python warns at compile time about subscripting a literal of the wrong kind.
                    format!("__ml_index({o}, {i})")
                } else {
                    format!("{o}[{i}]")
                }
            }
            ExprKind::Slice {
                object,
                start,
                end,
                step,
            } => {
                let o = self.expr(object);
                let a = self.opt_expr(start.as_ref());
                let b = self.opt_expr(end.as_ref());
                let c = self.opt_expr(step.as_ref());
                format!("__ml_slice({o}, {a}, {b}, {c})")
            }
            ExprKind::Call { callee, args } => {
                let f = self.expr(callee);
                let a = self.args(args);
                if matches!(p[*callee].kind, ExprKind::Var(_)) {
                    format!("{f}({a})")
                } else if a.is_empty() {
                    format!("__ml_call({f})")
                } else {
                    format!("__ml_call({f}, {a})")
                }
            }
            ExprKind::MethodCall {
                object, name, args, ..
            } => {
                let o = self.expr(object);
                let mut a = self.args(args);
                if !a.is_empty() {
                    a.insert_str(0, ", ");
                }
                format!("__ml_call_method({o}, {}{a})", str_lit(&p[*name]))
            }
            ExprKind::Function(id) => {
                let f = &self.p.functions[*id as usize];
                let name = self.fresh("fn");
                let ml_name = f.name.clone().unwrap_or_else(|| "<lambda>".to_string());
                self.function_def(*id, &name, &ml_name);
                name
            }
        }
    }
}

/// Longest left-deep operator chain emitted as nested Python expressions.
const MAX_CHAIN: usize = 32;

/// Python for `lhs op rhs` given the operands' texts (`whole` is the binary expression).
fn binary(
    p: &Program,
    op: BinaryOp,
    lhs: ExprId,
    rhs: ExprId,
    whole: ExprId,
    a: &str,
    b: &str,
) -> String {
    let (lhs, rhs, whole) = (&p[lhs], &p[rhs], &p[whole]);
    let numeric = is_number(p, lhs) && is_number(p, rhs);
    match op {
        BinaryOp::Add if numeric => format!("({a} + {b})"),
        BinaryOp::Add => format!("__ml_add({a}, {b})"),
        BinaryOp::Sub => format!("({a} - {b})"),
        BinaryOp::Mul => format!("({a} * {b})"),
        BinaryOp::Div => format!("({a} / {b})"),
        BinaryOp::FloorDiv => format!("({a} // {b})"),
        BinaryOp::Mod if is_safe_division(p, whole) => format!("({a} % {b})"),
        BinaryOp::Mod => format!("__ml_mod({a}, {b})"),
        BinaryOp::Eq if is_scalar(lhs) || is_scalar(rhs) => format!("({a} == {b})"),
        BinaryOp::Eq => format!("__ml_eq({a}, {b})"),
        BinaryOp::Ne if is_scalar(lhs) || is_scalar(rhs) => format!("({a} != {b})"),
        BinaryOp::Ne => format!("__ml_ne({a}, {b})"),
        BinaryOp::Lt | BinaryOp::Gt | BinaryOp::Le | BinaryOp::Ge => {
            let (sym, helper) = match op {
                BinaryOp::Lt => ("<", "lt"),
                BinaryOp::Gt => (">", "gt"),
                BinaryOp::Le => ("<=", "le"),
                _ => (">=", "ge"),
            };
            if is_scalar(lhs) || is_scalar(rhs) {
                format!("({a} {sym} {b})")
            } else {
                // Sequences compare element-wise: the data-depth limit applies.
                format!("__ml_{helper}({a}, {b})")
            }
        }
    }
}

/// Expressions without side effects or hoisting whose evaluation order does not matter.
fn is_simple(p: &Program, e: &ExprId) -> bool {
    match &p[*e].kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_) => true,
        ExprKind::Var(v) => !matches!(v, Var::HostGlobal(_)),
        _ => false,
    }
}

/// Does a loop body contain a `continue` of this loop inside a `try`?
fn continue_in_try(p: &Program, stmts: &StmtList, in_try: bool) -> bool {
    p.block(*stmts).iter().any(|s| match &s.kind {
        StmtKind::Continue => in_try,
        StmtKind::If {
            branches,
            else_body,
        } => {
            branches.iter().any(|(_, b)| continue_in_try(p, b, in_try))
                || else_body
                    .as_ref()
                    .is_some_and(|b| continue_in_try(p, b, in_try))
        }
        StmtKind::Try(t) => {
            continue_in_try(p, &t.body, true)
                || t.handler
                    .as_ref()
                    .is_some_and(|h| continue_in_try(p, &h.body, true))
                || t.finally
                    .as_ref()
                    .is_some_and(|b| continue_in_try(p, b, true))
        }
        _ => false,
    })
}

/// A literal (scalar, array or object).
fn is_literal(e: &Expr) -> bool {
    is_scalar(e) || matches!(e.kind, ExprKind::Array(_) | ExprKind::Object(_))
}

/// A number literal (or arithmetic on number literals) whose `+` is Python's.
fn is_number(p: &Program, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_) | ExprKind::BigInt(_) | ExprKind::Float(_) => true,
        ExprKind::Unary {
            op: UnaryOp::Neg,
            operand,
        } => is_number(p, &p[*operand]),
        ExprKind::Binary {
            op: BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul,
            lhs,
            rhs,
        } => is_number(p, &p[*lhs]) && is_number(p, &p[*rhs]),
        _ => false,
    }
}

/// A scalar literal: `==` with it is Python's `==` (no container walk needed).
fn is_scalar(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::BigInt(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
    )
}

fn contains_function(p: &Program, e: &ExprId) -> bool {
    let mut found = false;
    visit_expr(p, e, &mut |x| {
        if matches!(x.kind, ExprKind::Function(_)) {
            found = true;
        }
    });
    found
}

/// Calls `f` on `e` and every sub-expression (not entering function bodies).
fn visit_expr(p: &Program, e: &ExprId, f: &mut dyn FnMut(&Expr)) {
    let e = &p[*e];
    f(e);
    match &e.kind {
        ExprKind::Array(items) => p.list(*items).iter().for_each(|x| visit_expr(p, x, f)),
        ExprKind::Object(entries) => p
            .props(*entries)
            .iter()
            .for_each(|(_, x)| visit_expr(p, x, f)),
        ExprKind::Unary { operand, .. } => visit_expr(p, operand, f),
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
            visit_expr(p, lhs, f);
            visit_expr(p, rhs, f);
        }
        ExprKind::Cond {
            cond,
            then,
            otherwise,
        } => {
            visit_expr(p, cond, f);
            visit_expr(p, then, f);
            visit_expr(p, otherwise, f);
        }
        ExprKind::Member { object, .. } => visit_expr(p, object, f),
        ExprKind::Index { object, index } => {
            visit_expr(p, object, f);
            visit_expr(p, index, f);
        }
        ExprKind::Slice {
            object,
            start,
            end,
            step,
        } => {
            visit_expr(p, object, f);
            for x in [start, end, step].into_iter().flatten() {
                visit_expr(p, x, f);
            }
        }
        ExprKind::Call { callee, args } => {
            visit_expr(p, callee, f);
            p.list(*args).iter().for_each(|x| visit_expr(p, x, f));
        }
        ExprKind::MethodCall { object, args, .. } => {
            visit_expr(p, object, f);
            p.list(*args).iter().for_each(|x| visit_expr(p, x, f));
        }
        _ => {}
    }
}

/// A part of a statement, as [`stmt_parts`] meets it.
enum Part<'p> {
    /// An expression directly in the statement.
    Expr(&'p ExprId),
    /// A statement nested in it: in one of its blocks, or a C-style `for`'s init or update.
    Stmt(&'p Stmt),
    /// A variable the statement itself assigns.
    Assigns(&'p Var),
}

/// Calls `f` on the parts of `s` in source order (function bodies are expressions, not
/// entered): the one description of a statement's structure the walks below share.
fn stmt_parts<'p>(p: &'p Program, s: &'p Stmt, f: &mut dyn FnMut(Part<'p>)) {
    let block = |b: StmtList, f: &mut dyn FnMut(Part<'p>)| {
        p.block(b).iter().for_each(|s| f(Part::Stmt(s)));
    };
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Throw(e) | StmtKind::Return(Some(e)) => f(Part::Expr(e)),
        StmtKind::Assign { target, value } => {
            f(Part::Expr(value));
            match &target.kind {
                TargetKind::Var(v) => f(Part::Assigns(v)),
                TargetKind::Index { object, index } => {
                    f(Part::Expr(object));
                    f(Part::Expr(index));
                }
                TargetKind::Slice {
                    object,
                    start,
                    end,
                    step,
                } => {
                    f(Part::Expr(object));
                    for x in [start, end, step].into_iter().flatten() {
                        f(Part::Expr(x));
                    }
                }
            }
        }
        StmtKind::DestructureArray { names, value } => {
            f(Part::Expr(value));
            names.iter().for_each(|(v, _)| f(Part::Assigns(v)));
        }
        StmtKind::DestructureObject { names, value } => {
            f(Part::Expr(value));
            names.iter().for_each(|(_, v, _)| f(Part::Assigns(v)));
        }
        StmtKind::If {
            branches,
            else_body,
        } => {
            for (c, b) in branches {
                f(Part::Expr(c));
                block(*b, f);
            }
            if let Some(b) = else_body {
                block(*b, f);
            }
        }
        StmtKind::While { cond, body } => {
            f(Part::Expr(cond));
            block(*body, f);
        }
        StmtKind::ForIn {
            var,
            iterable,
            body,
            ..
        } => {
            f(Part::Assigns(var));
            f(Part::Expr(iterable));
            block(*body, f);
        }
        StmtKind::CFor {
            init,
            cond,
            update,
            body,
        } => {
            if let Some(i) = init {
                f(Part::Stmt(i));
            }
            if let Some(c) = cond {
                f(Part::Expr(c));
            }
            if let Some(u) = update {
                f(Part::Stmt(u));
            }
            block(*body, f);
        }
        StmtKind::Try(t) => {
            block(t.body, f);
            if let Some(h) = &t.handler {
                if let Some((v, _)) = &h.var {
                    f(Part::Assigns(v));
                }
                block(h.body, f);
            }
            if let Some(b) = &t.finally {
                block(*b, f);
            }
        }
        StmtKind::Import { var, .. } => f(Part::Assigns(var)),
        StmtKind::Return(None) | StmtKind::Break | StmtKind::Continue => {}
    }
}

/// Calls `f` on every expression directly in `s` (nested statements included, function
/// bodies not).
fn visit_stmt_exprs(p: &Program, s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    stmt_parts(p, s, &mut |part| match part {
        Part::Expr(e) => visit_expr(p, e, f),
        Part::Stmt(s) => visit_stmt_exprs(p, s, f),
        Part::Assigns(_) => {}
    });
}

fn find_parents_stmt(p: &Program, s: &Stmt, owner: Option<FuncId>, parent: &mut [Option<FuncId>]) {
    visit_stmt_exprs(p, s, &mut |e| {
        if let ExprKind::Function(id) = e.kind {
            if let Some(slot) = parent.get_mut(id as usize) {
                *slot = owner;
            }
        }
    });
}

/// Variables a statement assigns, nested statements included (not entering function bodies),
/// each once, in source order.
fn assigned_vars(p: &Program, s: &Stmt, out: &mut Vec<Var>) {
    stmt_parts(p, s, &mut |part| match part {
        Part::Assigns(v) => {
            if !out.contains(v) {
                out.push(*v);
            }
        }
        Part::Stmt(s) => assigned_vars(p, s, out),
        Part::Expr(_) => {}
    });
}

/// True when the program is data only (P-163): assignments of literals, containers of literals
/// and arithmetic on number literals to top-level variables. Such a program is emitted flat,
/// with no prelude, import or helper.
pub fn is_data_only(p: &Program) -> bool {
    !p.body.is_empty()
        && p.functions.is_empty()
        && p.block(p.body).iter().all(|s| match &s.kind {
            StmtKind::Assign { target, value } => {
                matches!(target.kind, TargetKind::Var(Var::Global(_))) && is_data(p, &p[*value])
            }
            _ => false,
        })
}

fn is_data(p: &Program, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Null | ExprKind::Bool(_) | ExprKind::Str(_) => true,
        ExprKind::Array(items) => p.list(*items).iter().all(|x| is_data(p, &p[*x])),
        ExprKind::Object(entries) => p.props(*entries).iter().all(|(_, v)| is_data(p, &p[*v])),
        _ => is_number(p, e) || is_safe_division(p, e),
    }
}

/// `/`, `//`, `%` of number literals by a non-zero literal.
fn is_safe_division(p: &Program, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary {
            op: BinaryOp::Div | BinaryOp::FloorDiv | BinaryOp::Mod,
            lhs,
            rhs,
        } => {
            let lhs = &p[*lhs];
            (is_number(p, lhs) || is_safe_division(p, lhs))
                && match p[*rhs].kind {
                    ExprKind::Int(i) => i != 0,
                    ExprKind::Float(f) => f != 0.0 && f.is_finite(),
                    _ => false,
                }
        }
        _ => false,
    }
}

/// Emits a data-only program (see [`is_data_only`]) as plain top-level assignments.
pub fn flat_body(p: &Program, lines: &LineIndex<'_>) -> Lines {
    let mut e = Emitter::new(p, lines, 0);
    for s in p.block(p.body) {
        e.stmt(s);
    }
    e.finish()
}
