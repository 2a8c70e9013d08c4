//! A compact, stable text form of a [`Program`] for golden tests and debugging (`mlpy` tools may
//! print it). Not a round-trippable syntax: expressions are prefix forms, variables show their
//! resolution (`x:L0` local slot 0, `x:C1` cell local, `F0` captured cell, `x:G2` global slot,
//! `builtin:len`, `module:math`, `host:x`). Ranges are left out.
//!
//! Recursion follows the IR tree, whose depth the parser already bounds (`MAX_NESTING`).

use crate::ir::*;
use std::fmt::Write;

/// Renders the whole program: globals, then every function, then the top-level body.
pub fn dump(program: &Program) -> String {
    let mut d = Dumper {
        program,
        out: String::new(),
        locals: &[],
    };
    d.out.push_str("globals:");
    for (i, g) in program.globals.iter().enumerate() {
        let _ = write!(d.out, " {}:G{i}", g.name);
        if g.builtin_fallback {
            d.out.push_str("(builtin)");
        }
        if g.host {
            d.out.push_str("(host)");
        }
    }
    d.out.push('\n');
    for c in &program.capabilities {
        let _ = writeln!(
            d.out,
            "capability {} resources={:?} allows={:?}",
            c.name, c.resources, c.allows
        );
    }
    for (id, f) in program.functions.iter().enumerate() {
        d.function(id, f);
    }
    d.out.push_str("main:\n");
    d.locals = &[];
    d.block(&program.body, 1);
    d.out
}

struct Dumper<'a> {
    program: &'a Program,
    out: String,
    locals: &'a [Local],
}

impl<'a> Dumper<'a> {
    fn function(&mut self, id: usize, f: &'a Function) {
        let name = f.name.as_deref().unwrap_or("<lambda>");
        let _ = write!(self.out, "fn#{id} {name} params={}", f.params);
        if f.has_rest {
            self.out.push_str(" +rest");
        }
        self.out.push_str(" locals=[");
        for (i, l) in f.locals.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(self.program.sym(l.name));
            if l.is_cell {
                self.out.push_str("(cell)");
            }
        }
        self.out.push_str("] captures=[");
        for (i, c) in f.captures.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let _ = match c {
                Capture::Local(s) => write!(self.out, "L{s}"),
                Capture::Free(s) => write!(self.out, "F{s}"),
            };
        }
        self.out.push_str("]\n");
        self.locals = &f.locals;
        self.block(&f.body, 1);
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn block(&mut self, stmts: &StmtList, depth: usize) {
        let program = self.program;
        for s in program.block(*stmts) {
            self.stmt(s, depth);
        }
    }

    fn stmt(&mut self, s: &Stmt, depth: usize) {
        self.indent(depth);
        let line = self.stmt_head(s);
        self.out.push_str(&line);
        self.out.push('\n');
        match &s.kind {
            StmtKind::If {
                branches,
                else_body,
            } => {
                for (i, (cond, body)) in branches.iter().enumerate() {
                    if i > 0 {
                        self.indent(depth);
                        let c = self.expr(cond);
                        let _ = writeln!(self.out, "elif {c}");
                    }
                    self.block(body, depth + 1);
                }
                if let Some(body) = else_body {
                    self.indent(depth);
                    self.out.push_str("else\n");
                    self.block(body, depth + 1);
                }
            }
            StmtKind::While { body, .. }
            | StmtKind::ForIn { body, .. }
            | StmtKind::CFor { body, .. } => self.block(body, depth + 1),
            StmtKind::Try(t) => {
                self.block(&t.body, depth + 1);
                if let Some(h) = &t.handler {
                    self.indent(depth);
                    match &h.var {
                        Some((v, _)) => {
                            let v = self.var(v);
                            let _ = writeln!(self.out, "except {v}");
                        }
                        None => self.out.push_str("except\n"),
                    }
                    self.block(&h.body, depth + 1);
                }
                if let Some(f) = &t.finally {
                    self.indent(depth);
                    self.out.push_str("finally\n");
                    self.block(f, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn stmt_head(&mut self, s: &Stmt) -> String {
        match &s.kind {
            StmtKind::Expr(e) => format!("expr {}", self.expr(e)),
            StmtKind::Assign { target, value } => {
                format!("{} = {}", self.target(target), self.expr(value))
            }
            StmtKind::DestructureArray { names, value } => {
                let names: Vec<String> = names.iter().map(|(v, _)| self.var(v)).collect();
                format!("[{}] = {}", names.join(", "), self.expr(value))
            }
            StmtKind::DestructureObject { names, value } => {
                let names: Vec<String> = names
                    .iter()
                    .map(|(k, v, _)| format!("{:?}->{}", self.program.sym(*k), self.var(v)))
                    .collect();
                format!("{{{}}} = {}", names.join(", "), self.expr(value))
            }
            StmtKind::If { branches, .. } => match branches.first() {
                Some((c, _)) => format!("if {}", self.expr(c)),
                None => "if <none>".to_string(),
            },
            StmtKind::While { cond, .. } => format!("while {}", self.expr(cond)),
            StmtKind::ForIn { var, iterable, .. } => {
                format!("for {} in {}", self.var(var), self.expr(iterable))
            }
            StmtKind::CFor {
                init, cond, update, ..
            } => {
                let init = init.as_ref().map(|s| self.stmt_head(s)).unwrap_or_default();
                let cond = cond.as_ref().map(|c| self.expr(c)).unwrap_or_default();
                let update = update
                    .as_ref()
                    .map(|s| self.stmt_head(s))
                    .unwrap_or_default();
                format!("cfor ({init}; {cond}; {update})")
            }
            StmtKind::Break => "break".to_string(),
            StmtKind::Continue => "continue".to_string(),
            StmtKind::Return(None) => "return".to_string(),
            StmtKind::Return(Some(e)) => format!("return {}", self.expr(e)),
            StmtKind::Throw(e) => format!("throw {}", self.expr(e)),
            StmtKind::Try(_) => "try".to_string(),
            StmtKind::Import { path, alias, var } => {
                let alias = alias
                    .as_ref()
                    .map(|a| format!(" as {a}"))
                    .unwrap_or_default();
                format!("import {}{alias} -> {}", path.join("."), self.var(var))
            }
        }
    }

    fn target(&mut self, t: &Target) -> String {
        match &t.kind {
            TargetKind::Var(v) => self.var(v),
            TargetKind::Index { object, index } => {
                format!("{}[{}]", self.expr(object), self.expr(index))
            }
            TargetKind::Slice {
                object,
                start,
                end,
                step,
            } => {
                let o = self.expr(object);
                let s = self.slice(start.as_ref(), end.as_ref(), step.as_ref());
                format!("{o}[{s}]")
            }
        }
    }

    fn slice(
        &mut self,
        start: Option<&ExprId>,
        end: Option<&ExprId>,
        step: Option<&ExprId>,
    ) -> String {
        let mut part = |e: Option<&ExprId>| e.map(|e| self.expr(e)).unwrap_or_default();
        let (a, b) = (part(start), part(end));
        match step {
            Some(_) => format!("{a}:{b}:{}", part(step)),
            None => format!("{a}:{b}"),
        }
    }

    fn var(&self, v: &Var) -> String {
        let local = |s: &u32| {
            self.locals
                .get(*s as usize)
                .map(|l| self.program.sym(l.name))
                .unwrap_or("?")
        };
        match v {
            Var::Local(s) => format!("{}:L{s}", local(s)),
            Var::Cell(s) => format!("{}:C{s}", local(s)),
            Var::Free(i) => format!("F{i}"),
            Var::Global(s) => {
                let name = self
                    .program
                    .globals
                    .get(*s as usize)
                    .map(|g| g.name.as_str())
                    .unwrap_or("?");
                format!("{name}:G{s}")
            }
            Var::Builtin(n) => format!("builtin:{}", self.program.sym(*n)),
            Var::Module(n) => format!("module:{}", self.program.sym(*n)),
            Var::HostGlobal(n) => format!("host:{}", self.program.sym(*n)),
        }
    }

    fn list(&mut self, items: &ExprList) -> String {
        let program = self.program;
        let parts: Vec<String> = program.list(*items).iter().map(|e| self.expr(e)).collect();
        parts.join(", ")
    }

    fn expr(&mut self, e: &ExprId) -> String {
        let program = self.program;
        match &program[*e].kind {
            ExprKind::Null => "null".to_string(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Int(i) => i.to_string(),
            ExprKind::BigInt(s) => format!("big:{}", program.sym(*s)),
            ExprKind::Float(f) => format!("{f:?}"),
            ExprKind::Str(s) => format!("{:?}", program.sym(*s)),
            ExprKind::Array(items) => format!("[{}]", self.list(items)),
            ExprKind::Object(props) => {
                let parts: Vec<String> = program
                    .props(*props)
                    .iter()
                    .map(|(k, v)| format!("{:?}: {}", program.sym(*k), self.expr(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            ExprKind::Var(v) => self.var(v),
            ExprKind::Unary { op, operand } => {
                let op = match op {
                    UnaryOp::Neg => "neg",
                    UnaryOp::Not => "not",
                };
                format!("({op} {})", self.expr(operand))
            }
            ExprKind::Binary { op, lhs, rhs } => {
                format!("({} {} {})", op.symbol(), self.expr(lhs), self.expr(rhs))
            }
            ExprKind::And(a, b) => format!("(&& {} {})", self.expr(a), self.expr(b)),
            ExprKind::Or(a, b) => format!("(|| {} {})", self.expr(a), self.expr(b)),
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                format!(
                    "(? {} {} {})",
                    self.expr(cond),
                    self.expr(then),
                    self.expr(otherwise)
                )
            }
            ExprKind::Member { object, name } => {
                format!("{}.{}", self.expr(object), program.sym(*name))
            }
            ExprKind::Index { object, index } => {
                format!("{}[{}]", self.expr(object), self.expr(index))
            }
            ExprKind::Slice {
                object,
                start,
                end,
                step,
            } => {
                let o = self.expr(object);
                let s = self.slice(start.as_ref(), end.as_ref(), step.as_ref());
                format!("{o}[{s}]")
            }
            ExprKind::Call { callee, args } => {
                format!("{}({})", self.expr(callee), self.list(args))
            }
            ExprKind::MethodCall {
                object, name, args, ..
            } => {
                let o = self.expr(object);
                format!("{o}.{}({})", program.sym(*name), self.list(args))
            }
            ExprKind::Function(id) => format!("fn#{id}"),
        }
    }
}
