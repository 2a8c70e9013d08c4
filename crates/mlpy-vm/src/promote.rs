//! Which top-level globals a loop may keep in registers while it runs (register promotion).
//!
//! A loop qualifies when nothing in it can run other ML code or observe globals by name: no
//! calls, method calls, function expressions, imports, `try` or `return`. Then only the loop
//! itself reads and writes those globals, so the compiler loads them into registers before the
//! loop, uses the registers inside, and writes the assigned ones back when the loop ends
//! (normal exit or `break`) and, through `StoreGlobal` handler entries, when any error (limits
//! included) leaves the loop — so handlers, the host and a REPL always see current values.
//!
//! Only globals *bound at the loop's start* are promoted: assigned by an earlier straight-line
//! top-level statement and never unbound anywhere in the program (an `except (e)` variable is
//! unbound after its handler, also from inside a function through `nonlocal`). So a read in
//! the loop never needs the unbound / builtin-fallback check of `GetGlobal`.

use mlpy_ir::{ExprId, ExprKind, Program, Stmt, StmtKind, StmtList, Target, TargetKind, Var};

/// The globals a qualifying loop reads and writes (each sorted, without duplicates).
#[derive(Default)]
pub(crate) struct LoopGlobals {
    pub read: Vec<u32>,
    pub written: Vec<u32>,
}

/// The globals of the loop statement `s` (all of it: initialiser, condition, update, iterable,
/// loop variable, body), or `None` when the loop does not qualify.
pub(crate) fn loop_globals(p: &Program, s: &Stmt) -> Option<LoopGlobals> {
    let mut g = LoopGlobals::default();
    scan_stmt(p, s, &mut g)?;
    for v in [&mut g.read, &mut g.written] {
        v.sort_unstable();
        v.dedup();
    }
    Some(g)
}

/// The global a top-level statement definitely binds when it completes (assignments,
/// destructuring, imports, function declarations).
pub(crate) fn bound_by(s: &Stmt) -> Vec<u32> {
    let global = |v: &Var| match v {
        Var::Global(slot) => Some(*slot),
        _ => None,
    };
    match &s.kind {
        StmtKind::Assign {
            target:
                Target {
                    kind: TargetKind::Var(v),
                    ..
                },
            ..
        }
        | StmtKind::Import { var: v, .. } => global(v).into_iter().collect(),
        StmtKind::DestructureArray { names, .. } => {
            names.iter().filter_map(|(v, _)| global(v)).collect()
        }
        StmtKind::DestructureObject { names, .. } => {
            names.iter().filter_map(|(_, v, _)| global(v)).collect()
        }
        _ => Vec::new(),
    }
}

/// What one walk over every statement of the program finds (nested function bodies are walked
/// on their own, not as part of the enclosing body).
pub(crate) struct ProgramFacts {
    /// Globals some `except (e)` handler anywhere in the program unbinds (never promoted),
    /// sorted.
    pub unbound: Vec<u32>,
    /// Per body (the top level first, then each function by id): it contains a `try` with a
    /// `finally` (the compiler then reserves a register for a pending `return` value).
    pub has_finally: Vec<bool>,
}

pub(crate) fn program_facts(program: &Program) -> ProgramFacts {
    let mut unbound = Vec::new();
    let mut has_finally = Vec::with_capacity(program.functions.len() + 1);
    let bodies = std::iter::once(program.body).chain(program.functions.iter().map(|f| f.body));
    let block = |b: &StmtList| program.block(*b).iter();
    let mut stack: Vec<&Stmt> = Vec::new();
    for body in bodies {
        let mut finally = false;
        stack.extend(block(&body));
        while let Some(s) = stack.pop() {
            match &s.kind {
                StmtKind::If {
                    branches,
                    else_body,
                } => {
                    stack.extend(branches.iter().flat_map(|(_, b)| block(b)));
                    stack.extend(else_body.iter().flat_map(block));
                }
                StmtKind::While { body, .. }
                | StmtKind::ForIn { body, .. }
                | StmtKind::CFor { body, .. } => stack.extend(block(body)),
                StmtKind::Try(t) => {
                    finally |= t.finally.is_some();
                    stack.extend(block(&t.body));
                    stack.extend(t.finally.iter().flat_map(block));
                    if let Some(h) = &t.handler {
                        stack.extend(block(&h.body));
                        if let Some((Var::Global(slot), _)) = &h.var {
                            unbound.push(*slot);
                        }
                    }
                }
                _ => {}
            }
        }
        has_finally.push(finally);
    }
    unbound.sort_unstable();
    unbound.dedup();
    ProgramFacts {
        unbound,
        has_finally,
    }
}

fn var(v: &Var, into: &mut Vec<u32>) {
    if let Var::Global(slot) = v {
        into.push(*slot);
    }
}

fn scan_stmts(p: &Program, stmts: &StmtList, g: &mut LoopGlobals) -> Option<()> {
    p.block(*stmts).iter().try_for_each(|s| scan_stmt(p, s, g))
}

fn scan_stmt(p: &Program, s: &Stmt, g: &mut LoopGlobals) -> Option<()> {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Throw(e) => scan_expr(p, e, g),
        StmtKind::Assign { target, value } => {
            scan_expr(p, value, g)?;
            match &target.kind {
                TargetKind::Var(v) => var(v, &mut g.written),
                TargetKind::Index { object, index } => {
                    scan_expr(p, object, g)?;
                    scan_expr(p, index, g)?;
                }
                TargetKind::Slice {
                    object,
                    start,
                    end,
                    step,
                } => {
                    scan_expr(p, object, g)?;
                    for e in [start, end, step].into_iter().flatten() {
                        scan_expr(p, e, g)?;
                    }
                }
            }
            Some(())
        }
        StmtKind::DestructureArray { names, value } => {
            names.iter().for_each(|(v, _)| var(v, &mut g.written));
            scan_expr(p, value, g)
        }
        StmtKind::DestructureObject { names, value } => {
            names.iter().for_each(|(_, v, _)| var(v, &mut g.written));
            scan_expr(p, value, g)
        }
        StmtKind::If {
            branches,
            else_body,
        } => {
            for (cond, body) in branches {
                scan_expr(p, cond, g)?;
                scan_stmts(p, body, g)?;
            }
            else_body.as_ref().map_or(Some(()), |b| scan_stmts(p, b, g))
        }
        StmtKind::While { cond, body } => {
            scan_expr(p, cond, g)?;
            scan_stmts(p, body, g)
        }
        StmtKind::ForIn {
            var: v,
            iterable,
            body,
            ..
        } => {
            var(v, &mut g.written);
            scan_expr(p, iterable, g)?;
            scan_stmts(p, body, g)
        }
        StmtKind::CFor {
            init,
            cond,
            update,
            body,
        } => {
            for s in [init, update].into_iter().flatten() {
                scan_stmt(p, s, g)?;
            }
            if let Some(c) = cond {
                scan_expr(p, c, g)?;
            }
            scan_stmts(p, body, g)
        }
        StmtKind::Break | StmtKind::Continue => Some(()),
        StmtKind::Return(_) | StmtKind::Try(_) | StmtKind::Import { .. } => None,
    }
}

fn scan_expr(p: &Program, e: &ExprId, g: &mut LoopGlobals) -> Option<()> {
    match &p[*e].kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_) => Some(()),
        ExprKind::Var(v) => {
            var(v, &mut g.read);
            Some(())
        }
        ExprKind::Array(items) => p.list(*items).iter().try_for_each(|e| scan_expr(p, e, g)),
        ExprKind::Object(items) => p
            .props(*items)
            .iter()
            .try_for_each(|(_, e)| scan_expr(p, e, g)),
        ExprKind::Unary { operand, .. } => scan_expr(p, operand, g),
        ExprKind::Binary { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
            scan_expr(p, lhs, g)?;
            scan_expr(p, rhs, g)
        }
        ExprKind::Cond {
            cond,
            then,
            otherwise,
        } => {
            scan_expr(p, cond, g)?;
            scan_expr(p, then, g)?;
            scan_expr(p, otherwise, g)
        }
        ExprKind::Member { object, .. } => scan_expr(p, object, g),
        ExprKind::Index { object, index } => {
            scan_expr(p, object, g)?;
            scan_expr(p, index, g)
        }
        ExprKind::Slice {
            object,
            start,
            end,
            step,
        } => {
            scan_expr(p, object, g)?;
            [start, end, step]
                .into_iter()
                .flatten()
                .try_for_each(|e| scan_expr(p, e, g))
        }
        ExprKind::Call { .. } | ExprKind::MethodCall { .. } | ExprKind::Function(_) => None,
    }
}
