//! Compiler from the IR (`mlpy_ir::Program`) to bytecode prototypes.
//!
//! Owns: register allocation (IR local slot `i` = register `i`, temporaries above the locals in
//! stack order), the constant pool, definite-assignment tracking (a `CheckLocal` is emitted only
//! where a local may still be unbound), trivial constant folding, loop/try scopes and the
//! `finally` protocol (see `bytecode.rs`: `FinallyNormal` / `FinallyExit` / `EndFinally` /
//! `PopCompletion`; every break/continue/return that leaves a try-with-finally goes through the
//! finally block and then through a stub emitted after it).
//!
//! Invariants: every emitted instruction has a span; recursion over the IR is bounded by
//! [`MAX_DEPTH`]; register and constant indices are range-checked (compile error, never a wrap).

use crate::bytecode::{Const, Handler, HandlerKind, Instr, Proto, Reg, VarSlot};
use crate::peephole;
use crate::promote;
use hashbrown::{HashMap, HashSet};
use mlpy_ir::{
    BinaryOp, Capture, Expr, ExprId, ExprKind, FuncId, Program, Stmt, StmtKind, StmtList, Symbol,
    Target, TargetKind, TextRange, TryStmt, UnaryOp, Var,
};

/// Stands in for a capture's name when the IR has none (never for a well-formed program).
const EMPTY_SYMBOL: Symbol = Symbol(u32::MAX);

/// Deepest IR nesting (expressions + statements + functions) the compiler accepts.
pub const MAX_DEPTH: u32 = 512;

/// Array literal elements / object literal pairs created by one instruction.
const LITERAL_CHUNK: usize = 64;

/// A program the compiler rejected (limits of the bytecode format or of nesting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    pub range: TextRange,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

type CResult<T> = Result<T, CompileError>;

/// The compiled form of one IR program: its prototypes (`Closure` operands index this list)
/// and the index of the top-level prototype.
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledUnit {
    pub protos: Vec<Proto>,
    pub main: u32,
}

/// Compiles a whole program.
pub fn compile(program: &Program) -> CResult<CompiledUnit> {
    let mut c = Compiler {
        program,
        protos: Vec::new(),
        depth: 0,
        facts: promote::program_facts(program),
    };
    let top = FnInfo {
        name: "<module>".to_string(),
        params: 0,
        has_rest: false,
        locals: &[],
        capture_cells: Vec::new(),
        capture_names: Vec::new(),
        range: match (
            program.block(program.body).first(),
            program.block(program.body).last(),
        ) {
            (Some(a), Some(b)) => a.range.cover(b.range),
            _ => TextRange::default(),
        },
        has_finally: c.facts.has_finally.first().copied().unwrap_or(false),
    };
    let main = c.function(top, &program.body, true)?;
    Ok(CompiledUnit {
        protos: c.protos,
        main,
    })
}

struct Compiler<'p> {
    program: &'p Program,
    protos: Vec<Proto>,
    depth: u32,
    /// Globals that may be unbound while the program runs (never promoted to registers), and
    /// which bodies have a `try` with `finally`.
    facts: promote::ProgramFacts,
}

struct FnInfo<'p> {
    name: String,
    params: u32,
    has_rest: bool,
    locals: &'p [mlpy_ir::Local],
    capture_cells: Vec<u16>,
    capture_names: Vec<Symbol>,
    range: TextRange,
    /// The body has a `try` with `finally` (see `promote::ProgramFacts`).
    has_finally: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum ExitKind {
    /// Break out of the loop whose scope has this index.
    Break(usize),
    Continue(usize),
    Return,
}

enum Scope {
    Loop {
        breaks: Vec<usize>,
        continues: Vec<usize>,
    },
    /// Inside the body or the except handler of a try that has a finally block.
    TryFinally {
        exits: Vec<ExitKind>,
        jumps: Vec<usize>,
    },
    /// Inside a finally block (one completion is pending on the VM).
    FinallyBody,
    /// Inside an except handler that binds a variable.
    ExceptBody { var: Var },
}

/// State of the function being compiled.
struct FnState<'p> {
    info: FnInfo<'p>,
    is_top: bool,
    code: Vec<Instr>,
    spans: Vec<TextRange>,
    consts: Vec<Const>,
    const_ids: HashMap<ConstKey, u32>,
    /// Constants made from IR symbols (memo of `const_ids` that needs no string copy).
    sym_consts: HashMap<(SymConst, Symbol), u32>,
    handlers: Vec<Handler>,
    jump_tables: Vec<Vec<u32>>,
    next_reg: u32,
    max_reg: u32,
    /// Cell index of each local slot that lives in a cell.
    cell_of: Vec<Option<u16>>,
    n_own_cells: u16,
    /// Definitely-assigned plain locals at the current point.
    assigned: Vec<bool>,
    scopes: Vec<Scope>,
    fin_depth: u32,
    /// Holds the value of a `return` that passes through finally blocks.
    ret_reg: Option<Reg>,
    /// Top level only: the register holding the value of the last assignment.
    last_assign: Option<Reg>,
    /// Top level only: globals bound by the straight-line statements compiled so far.
    bound_globals: HashSet<u32>,
    /// Globals held in registers by the loop being compiled (module `promote`), sorted by slot.
    promoted: Vec<(u32, Reg)>,
    span: TextRange,
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    Int(i64),
    BigInt(String),
    Float(u64),
    Str(String),
    Builtin(String),
    Module(String),
}

/// What kind of constant an IR symbol was turned into.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum SymConst {
    Str,
    BigInt,
    Builtin,
    Module,
}

/// A loop's promoted globals (see `Compiler::begin_promotion`).
struct Promotion {
    /// First instruction of the loop proper (after the loads).
    start: u32,
    /// Globals the loop assigns (sorted): written back when it ends.
    written: Vec<u32>,
}

/// A literal value known at compile time (constant folding).
#[derive(Clone, Copy)]
enum Lit {
    Int(i64),
    Float(f64),
}

fn err<T>(message: impl Into<String>, range: TextRange) -> CResult<T> {
    Err(CompileError {
        message: message.into(),
        range,
    })
}

impl<'p> Compiler<'p> {
    fn enter(&mut self, range: TextRange) -> CResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err("program nested too deeply to compile", range);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Compiles one function body into a prototype; returns its index.
    fn function(&mut self, info: FnInfo<'p>, body: &StmtList, is_top: bool) -> CResult<u32> {
        let body = self.stmts(*body);
        let nlocals = info.locals.len() as u32;
        let mut cell_of = vec![None; info.locals.len()];
        let mut cell_locals = Vec::new();
        let mut cell_names = Vec::new();
        for (slot, local) in info.locals.iter().enumerate() {
            if local.is_cell {
                cell_of[slot] = Some(cell_locals.len() as u16);
                cell_locals.push((
                    slot as u32,
                    (slot as u32) < info.params + info.has_rest as u32,
                ));
                cell_names.push(self.program.sym(local.name).to_string());
            }
        }
        if cell_locals.len() + info.capture_cells.len() > u16::MAX as usize {
            return err("too many captured variables in one function", info.range);
        }
        cell_names.extend(
            info.capture_names
                .iter()
                .map(|&n| self.program.sym(n).to_string()),
        );
        let mut assigned = vec![false; info.locals.len()];
        for a in assigned
            .iter_mut()
            .take((info.params + info.has_rest as u32) as usize)
        {
            *a = true;
        }
        let span = info.range;
        let mut f = FnState {
            n_own_cells: cell_locals.len() as u16,
            info,
            is_top,
            code: Vec::new(),
            spans: Vec::new(),
            consts: Vec::new(),
            const_ids: HashMap::new(),
            sym_consts: HashMap::new(),
            handlers: Vec::new(),
            jump_tables: Vec::new(),
            next_reg: nlocals,
            max_reg: nlocals,
            cell_of,
            assigned,
            scopes: Vec::new(),
            fin_depth: 0,
            ret_reg: None,
            last_assign: None,
            bound_globals: HashSet::new(),
            promoted: Vec::new(),
            span,
        };
        if is_top {
            // The top level usually holds most of a script's code: about one instruction per
            // expression, reserved up front instead of regrown (copied) a dozen times.
            let estimate = self.program.exprs.len() + body.len();
            f.code.reserve(estimate);
            f.spans.reserve(estimate);
        }
        if f.info.has_finally {
            f.ret_reg = Some(f.alloc(span)?);
        }
        if is_top {
            let r = f.alloc(span)?;
            f.emit(Instr::LoadNull { dst: r });
            f.last_assign = Some(r);
        }
        for s in body {
            self.stmt(&mut f, s)?;
            if is_top {
                f.bound_globals.extend(promote::bound_by(s));
            }
        }
        f.span = span;
        match f.last_assign {
            Some(r) => f.emit(Instr::Return { src: r }),
            None => f.emit(Instr::ReturnNull),
        };
        if f.max_reg > u16::MAX as u32 {
            return err("function needs too many registers", span);
        }
        let (mut code, mut spans) = (std::mem::take(&mut f.code), std::mem::take(&mut f.spans));
        let nlocals = f.info.locals.len() as u32;
        let mut int_const = |n| {
            let k = f.konst(Const::Int(n), span).ok()?;
            u16::try_from(k).ok()
        };
        peephole::fuse_arithmetic(&mut code, &mut spans, nlocals, &mut int_const);
        peephole::fuse_branches(&mut code, &mut spans, nlocals, &mut int_const);
        peephole::fuse_loops(&mut code);
        let proto = Proto {
            name: f.info.name,
            params: f.info.params,
            has_rest: f.info.has_rest,
            nregs: f.max_reg as u16,
            local_names: f
                .info
                .locals
                .iter()
                .map(|l| self.program.sym(l.name).to_string())
                .collect(),
            cell_locals,
            capture_cells: f.info.capture_cells,
            cell_names,
            code,
            spans,
            consts: f.consts,
            handlers: f.handlers,
            jump_tables: f.jump_tables,
            range: span,
        };
        self.protos.push(proto);
        Ok(self.protos.len() as u32 - 1)
    }

    /// The statements of a block (borrowed for the whole compilation).
    fn stmts(&self, list: StmtList) -> &'p [Stmt] {
        let program: &'p Program = self.program;
        program.block(list)
    }

    fn block(&mut self, f: &mut FnState<'p>, body: &StmtList) -> CResult<()> {
        for s in self.stmts(*body) {
            self.stmt(f, s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, f: &mut FnState<'p>, s: &'p Stmt) -> CResult<()> {
        self.enter(s.range)?;
        let mark = f.next_reg;
        f.span = s.range;
        let r = self.stmt_inner(f, s);
        f.next_reg = mark;
        self.leave();
        r
    }

    fn stmt_inner(&mut self, f: &mut FnState<'p>, s: &'p Stmt) -> CResult<()> {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr_any(f, e)?;
            }
            StmtKind::Assign { target, value } => self.assign(f, target, value)?,
            StmtKind::DestructureArray { names, value } => {
                let src = self.expr_any(f, value)?;
                let n = names.len();
                let dst = f.alloc_n(n, s.range)?;
                f.span = s.range;
                f.emit(Instr::Unpack {
                    dst,
                    src,
                    n: n as u16,
                });
                for (i, (var, range)) in names.iter().enumerate() {
                    f.span = *range;
                    self.store_var(f, var, dst + i as Reg)?;
                }
            }
            StmtKind::DestructureObject { names, value } => {
                let src = self.expr_any(f, value)?;
                let dst = f.alloc_n(names.len(), s.range)?;
                let key = f.alloc(s.range)?;
                for (i, (name, _, range)) in names.iter().enumerate() {
                    f.span = *range;
                    let k = self.sym_const(f, SymConst::Str, *name, *range)?;
                    f.emit(Instr::LoadK { dst: key, k });
                    f.emit(Instr::GetIndex {
                        dst: dst + i as Reg,
                        obj: src,
                        key,
                    });
                }
                for (i, (_, var, range)) in names.iter().enumerate() {
                    f.span = *range;
                    self.store_var(f, var, dst + i as Reg)?;
                }
            }
            StmtKind::If {
                branches,
                else_body,
            } => {
                let before = f.assigned.clone();
                let mut after: Option<Vec<bool>> = None;
                let mut end_jumps = Vec::new();
                for (cond, body) in branches {
                    let skip = self.jump_if_false(f, cond)?;
                    self.block(f, body)?;
                    merge(&mut after, &f.assigned);
                    f.assigned.clone_from(&before);
                    f.span = s.range;
                    end_jumps.push(f.emit_jump());
                    f.patch_here(skip);
                }
                match else_body {
                    Some(body) => {
                        self.block(f, body)?;
                        merge(&mut after, &f.assigned);
                    }
                    None => merge(&mut after, &before),
                }
                if let Some(a) = after {
                    f.assigned = a;
                }
                for j in end_jumps {
                    f.patch_here(j);
                }
            }
            StmtKind::While { cond, body } => {
                let promotion = self.begin_promotion(f, s, None)?;
                let before = f.assigned.clone();
                let top = f.code.len();
                let exit = self.jump_if_false(f, cond)?;
                self.loop_body(f, body, top, None, s.range)?;
                f.patch_here(exit);
                self.finish_loop(f);
                f.assigned = before;
                self.end_promotion(f, promotion);
            }
            StmtKind::ForIn {
                var,
                var_range,
                iterable,
                body,
            } => {
                let promotion = self.begin_promotion(f, s, None)?;
                let b = f.alloc_n(4, s.range)?;
                self.expr_to(f, iterable, b)?;
                f.span = self.ex(*iterable).range;
                f.emit(Instr::ForPrep { b });
                let before = f.assigned.clone();
                let top = f.code.len();
                f.span = *var_range;
                let exit = f.emit(Instr::ForNext { b, off: 0 });
                self.store_var(f, var, b + 3)?;
                self.loop_body(f, body, top, None, s.range)?;
                f.patch_here(exit);
                self.finish_loop(f);
                f.assigned = before;
                self.end_promotion(f, promotion);
            }
            StmtKind::CFor {
                init,
                cond,
                update,
                body,
            } => {
                if let Some(init) = init {
                    self.stmt(f, init)?;
                }
                let promotion = self.begin_promotion(f, s, init.as_deref())?;
                let before = f.assigned.clone();
                let top = f.code.len();
                let exit = match cond {
                    Some(c) => Some(self.jump_if_false(f, c)?),
                    None => None,
                };
                self.loop_body(f, body, top, update.as_deref(), s.range)?;
                if let Some(exit) = exit {
                    f.patch_here(exit);
                }
                self.finish_loop(f);
                f.assigned = before;
                self.end_promotion(f, promotion);
            }
            StmtKind::Break => {
                let l = f.innermost_loop(s.range)?;
                self.exit(f, ExitKind::Break(l), s.range)?;
            }
            StmtKind::Continue => {
                let l = f.innermost_loop(s.range)?;
                self.exit(f, ExitKind::Continue(l), s.range)?;
            }
            StmtKind::Return(value) => {
                if f.is_top {
                    return err("'return' outside function", s.range);
                }
                let through_finally = f
                    .scopes
                    .iter()
                    .any(|sc| matches!(sc, Scope::TryFinally { .. }));
                match (value, through_finally) {
                    // Leaving the frame drops its completions; locals die with it.
                    (Some(v), false) => {
                        let r = self.expr_any(f, v)?;
                        f.span = s.range;
                        f.emit(Instr::Return { src: r });
                    }
                    (None, false) => {
                        f.emit(Instr::ReturnNull);
                    }
                    (value, true) => {
                        let ret = f.ret_reg.ok_or_else(|| CompileError {
                            message: "internal: missing return register".into(),
                            range: s.range,
                        })?;
                        match value {
                            Some(v) => self.expr_to(f, v, ret)?,
                            None => {
                                f.emit(Instr::LoadNull { dst: ret });
                            }
                        }
                        f.span = s.range;
                        self.exit(f, ExitKind::Return, s.range)?;
                    }
                }
            }
            StmtKind::Throw(e) => {
                let r = self.expr_any(f, e)?;
                f.span = s.range;
                f.emit(Instr::Throw { src: r });
            }
            StmtKind::Try(t) => self.try_stmt(f, t, s.range)?,
            StmtKind::Import { path, alias, var } => {
                let dst = f.alloc(s.range)?;
                let k = f.konst(Const::Str(path.join(".")), s.range)?;
                let ns = alias.is_none() && path.len() > 1;
                f.emit(Instr::Import { dst, k, ns });
                self.store_var(f, var, dst)?;
            }
        }
        Ok(())
    }

    fn assign(
        &mut self,
        f: &mut FnState<'p>,
        target: &'p Target,
        value: &'p ExprId,
    ) -> CResult<()> {
        let v = match &target.kind {
            TargetKind::Var(Var::Local(slot)) if f.cell_of_slot(*slot).is_none() => {
                let dst = *slot as Reg;
                self.expr_to(f, value, dst)?;
                f.span = target.range;
                f.mark_assigned(*slot);
                dst
            }
            TargetKind::Var(var) => {
                let promoted = match var {
                    Var::Global(slot) => f.promoted_reg(*slot),
                    _ => None,
                };
                match promoted {
                    // A global promoted to a register is computed into it, as a local is.
                    Some(dst) => {
                        self.expr_to(f, value, dst)?;
                        dst
                    }
                    None => {
                        let v = self.expr_any(f, value)?;
                        f.span = target.range;
                        self.store_var(f, var, v)?;
                        v
                    }
                }
            }
            TargetKind::Index { object, index } => {
                let v = self.expr_any(f, value)?;
                let obj = self.expr_any(f, object)?;
                let key = self.expr_any(f, index)?;
                f.span = target.range;
                f.emit(Instr::SetIndex { obj, key, src: v });
                v
            }
            TargetKind::Slice {
                object,
                start,
                end,
                step,
            } => {
                let v = self.expr_any(f, value)?;
                let obj = self.expr_any(f, object)?;
                let b = self.slice_bounds(f, start.as_ref(), end.as_ref(), step.as_ref())?;
                f.span = target.range;
                f.emit(Instr::SetSlice { obj, b, src: v });
                v
            }
        };
        if let Some(last) = f.last_assign.filter(|&l| l != v) {
            // A global store just emitted for this assignment records the result value itself.
            let fused = match f.code.last() {
                Some(&Instr::SetGlobal { src, slot }) if src == v => {
                    u16::try_from(slot).ok().map(|slot| Instr::SetGlobalRes {
                        src,
                        slot,
                        res: last,
                    })
                }
                _ => None,
            };
            match (fused, f.code.last_mut()) {
                (Some(ins), Some(at)) => *at = ins,
                _ => {
                    f.emit(Instr::Move { dst: last, src: v });
                }
            }
        }
        Ok(())
    }

    /// Compiles a loop body; `continue` goes to the update (if any) and then back to `top`.
    fn loop_body(
        &mut self,
        f: &mut FnState<'p>,
        body: &StmtList,
        top: usize,
        update: Option<&'p Stmt>,
        range: TextRange,
    ) -> CResult<()> {
        f.scopes.push(Scope::Loop {
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        self.block(f, body)?;
        let continues = match f.scopes.last_mut() {
            Some(Scope::Loop { continues, .. }) => std::mem::take(continues),
            _ => Vec::new(),
        };
        for j in continues {
            f.patch_here(j);
        }
        if let Some(u) = update {
            self.stmt(f, u)?;
        }
        f.span = range;
        let back = (f.code.len() + 1 - top) as u32;
        f.emit(Instr::JumpBack { back });
        Ok(())
    }

    /// Pops the loop scope and patches its breaks to the current position.
    /// Top level: loads the globals the loop statement `s` may keep in registers (module
    /// `promote`) and makes reads and writes of them use those registers. `init` is a C-style
    /// `for`'s initialiser, already compiled (the globals it binds count as bound).
    fn begin_promotion(
        &mut self,
        f: &mut FnState<'p>,
        s: &'p Stmt,
        init: Option<&'p Stmt>,
    ) -> CResult<Option<Promotion>> {
        if !f.is_top || !f.promoted.is_empty() {
            return Ok(None);
        }
        let Some(globals) = promote::loop_globals(self.program, s) else {
            return Ok(None);
        };
        let init_bound = init.map(promote::bound_by).unwrap_or_default();
        let mut slots: Vec<u32> = globals.read;
        slots.extend(&globals.written);
        slots.sort_unstable();
        slots.dedup();
        slots.retain(|g| {
            (f.bound_globals.contains(g) || init_bound.contains(g))
                && self.facts.unbound.binary_search(g).is_err()
        });
        if slots.is_empty() {
            return Ok(None);
        }
        for slot in slots {
            let reg = f.alloc(s.range)?;
            f.emit(Instr::GetGlobal { dst: reg, slot });
            f.promoted.push((slot, reg));
        }
        Ok(Some(Promotion {
            start: f.code.len() as u32,
            written: globals.written,
        }))
    }

    /// Ends a promotion: the written globals are stored back after the loop, and by the
    /// unwinder when an error leaves it (`HandlerKind::StoreGlobal`).
    fn end_promotion(&mut self, f: &mut FnState<'p>, promotion: Option<Promotion>) {
        let Some(p) = promotion else { return };
        let end = f.code.len() as u32;
        for (slot, reg) in std::mem::take(&mut f.promoted) {
            if p.written.binary_search(&slot).is_ok() {
                f.emit(Instr::SetGlobal { src: reg, slot });
                f.handlers.push(Handler {
                    start: p.start,
                    end,
                    target: 0,
                    kind: HandlerKind::StoreGlobal { reg, slot },
                    depth: 0,
                });
            }
        }
    }

    fn finish_loop(&mut self, f: &mut FnState<'p>) {
        if let Some(Scope::Loop { breaks, .. }) = f.scopes.pop() {
            for j in breaks {
                f.patch_here(j);
            }
        }
    }

    /// Emits a break/continue/return leaving the current scopes.
    fn exit(&mut self, f: &mut FnState<'p>, kind: ExitKind, range: TextRange) -> CResult<()> {
        let done = self.exit_scopes(f, kind, f.scopes.len(), range)?;
        if !done {
            if let (ExitKind::Return, Some(r)) = (kind, f.ret_reg) {
                f.emit(Instr::Return { src: r });
            }
        }
        Ok(())
    }

    /// Walks scopes `scopes[..from]` innermost first, emitting the code that leaves them.
    /// Returns true when the exit was completed by a jump (loop target or finally block).
    fn exit_scopes(
        &mut self,
        f: &mut FnState<'p>,
        kind: ExitKind,
        from: usize,
        range: TextRange,
    ) -> CResult<bool> {
        for i in (0..from).rev() {
            match &mut f.scopes[i] {
                Scope::Loop { .. } => {
                    let target = match kind {
                        ExitKind::Break(l) | ExitKind::Continue(l) if l == i => kind,
                        _ => continue,
                    };
                    let j = f.emit_jump();
                    if let Scope::Loop { breaks, continues } = &mut f.scopes[i] {
                        match target {
                            ExitKind::Break(_) => breaks.push(j),
                            _ => continues.push(j),
                        }
                    }
                    return Ok(true);
                }
                Scope::FinallyBody => {
                    f.emit(Instr::PopCompletion);
                }
                Scope::ExceptBody { var } => {
                    let var = *var;
                    self.unbind_var(f, &var)?;
                }
                Scope::TryFinally { exits, .. } => {
                    let idx = match exits.iter().position(|e| *e == kind) {
                        Some(p) => p,
                        None => {
                            exits.push(kind);
                            exits.len() - 1
                        }
                    };
                    f.emit(Instr::FinallyExit { idx: idx as u32 });
                    let j = f.emit_jump();
                    if let Scope::TryFinally { jumps, .. } = &mut f.scopes[i] {
                        jumps.push(j);
                    }
                    return Ok(true);
                }
            }
        }
        match kind {
            ExitKind::Return => Ok(false),
            _ => err("'break' or 'continue' outside loop", range),
        }
    }

    fn try_stmt(&mut self, f: &mut FnState<'p>, t: &'p TryStmt, range: TextRange) -> CResult<()> {
        let before = f.assigned.clone();
        let has_finally = t.finally.is_some();
        if has_finally {
            f.scopes.push(Scope::TryFinally {
                exits: Vec::new(),
                jumps: Vec::new(),
            });
        }
        let start = f.code.len() as u32;
        self.block(f, &t.body)?;
        let body_end = f.code.len() as u32;
        let mut after = f.assigned.clone();
        if let Some(h) = &t.handler {
            f.span = h.range;
            let over = f.emit_jump();
            let target = f.code.len() as u32;
            let mark = f.next_reg;
            let ereg = f.alloc(h.range)?;
            f.handlers.push(Handler {
                start,
                end: body_end,
                target,
                kind: HandlerKind::Except { reg: ereg },
                depth: f.fin_depth,
            });
            f.assigned.clone_from(&before);
            if let Some((var, vrange)) = &h.var {
                f.span = *vrange;
                self.store_var(f, var, ereg)?;
                f.scopes.push(Scope::ExceptBody { var: *var });
            }
            let body_start = f.code.len() as u32;
            self.block(f, &h.body)?;
            if let Some((var, vrange)) = &h.var {
                f.scopes.pop();
                if let Some(slot) = f.var_slot(var) {
                    f.handlers.push(Handler {
                        start: body_start,
                        end: f.code.len() as u32,
                        target: 0,
                        kind: HandlerKind::Unbind(slot),
                        depth: f.fin_depth,
                    });
                }
                f.span = *vrange;
                self.unbind_var(f, var)?;
            }
            f.next_reg = mark;
            for (a, b) in after.iter_mut().zip(&f.assigned) {
                *a = *a && *b;
            }
            f.patch_here(over);
        }
        f.assigned.clone_from(&after);
        if let Some(fin) = &t.finally {
            let region_end = f.code.len() as u32;
            let (exits, jumps) = match f.scopes.pop() {
                Some(Scope::TryFinally { exits, jumps }) => (exits, jumps),
                _ => (Vec::new(), Vec::new()),
            };
            f.span = range;
            f.emit(Instr::FinallyNormal);
            let target = f.code.len() as u32;
            f.handlers.push(Handler {
                start,
                end: region_end,
                target,
                kind: HandlerKind::Finally,
                depth: f.fin_depth,
            });
            for j in jumps {
                f.patch_here(j);
            }
            f.assigned.clone_from(&before);
            f.fin_depth += 1;
            f.scopes.push(Scope::FinallyBody);
            self.block(f, fin)?;
            f.scopes.pop();
            f.fin_depth -= 1;
            f.span = range;
            let table = f.jump_tables.len();
            f.jump_tables.push(Vec::new());
            f.emit(Instr::EndFinally {
                table: table as u32,
            });
            if !exits.is_empty() {
                let over = f.emit_jump();
                let mut targets = Vec::with_capacity(exits.len());
                for kind in exits {
                    targets.push(f.code.len() as u32);
                    f.span = range;
                    let n = f.scopes.len();
                    let done = self.exit_scopes(f, kind, n, range)?;
                    if !done {
                        if let Some(r) = f.ret_reg {
                            f.emit(Instr::Return { src: r });
                        }
                    }
                }
                f.jump_tables[table] = targets;
                f.patch_here(over);
            }
            // The normal path runs the body (or handler) and then the finally block.
            for (a, b) in f.assigned.iter_mut().zip(&after) {
                *a = *a || *b;
            }
        }
        Ok(())
    }

    fn unbind_var(&mut self, f: &mut FnState<'p>, var: &Var) -> CResult<()> {
        match var {
            Var::Local(slot) => match f.cell_of_slot(*slot) {
                Some(cell) => {
                    f.emit(Instr::UnbindCell { cell });
                }
                None => {
                    f.emit(Instr::Unbind { reg: *slot as Reg });
                    if let Some(a) = f.assigned.get_mut(*slot as usize) {
                        *a = false;
                    }
                }
            },
            Var::Cell(slot) => {
                let cell = f.cell_index(*slot, f.span)?;
                f.emit(Instr::UnbindCell { cell });
            }
            Var::Free(i) => {
                let cell = f.n_own_cells + *i as u16;
                f.emit(Instr::UnbindCell { cell });
            }
            Var::Global(slot) => {
                f.emit(Instr::UnbindGlobal { slot: *slot });
            }
            Var::Builtin(_) | Var::Module(_) | Var::HostGlobal(_) => {}
        }
        Ok(())
    }

    /// Stores R[src] into a variable.
    fn store_var(&mut self, f: &mut FnState<'p>, var: &Var, src: Reg) -> CResult<()> {
        match var {
            Var::Local(slot) => match f.cell_of_slot(*slot) {
                Some(cell) => {
                    f.emit(Instr::SetCell { cell, src });
                }
                None => {
                    let dst = *slot as Reg;
                    if dst != src {
                        f.emit(Instr::Move { dst, src });
                    }
                    f.mark_assigned(*slot);
                }
            },
            Var::Cell(slot) => {
                let cell = f.cell_index(*slot, f.span)?;
                f.emit(Instr::SetCell { cell, src });
            }
            Var::Free(i) => {
                let cell = f.free_index(*i, f.span)?;
                f.emit(Instr::SetCell { cell, src });
            }
            Var::Global(slot) => match f.promoted_reg(*slot) {
                Some(dst) if dst == src => {}
                Some(dst) => {
                    f.emit(Instr::Move { dst, src });
                }
                None => {
                    f.emit(Instr::SetGlobal { src, slot: *slot });
                }
            },
            Var::Builtin(name) | Var::Module(name) | Var::HostGlobal(name) => {
                let name = self.program.sym(*name);
                return err(format!("cannot assign to '{name}'"), f.span);
            }
        }
        Ok(())
    }

    /// Compiles `cond` and emits a jump taken when it is falsy; returns the jump to patch.
    fn jump_if_false(&mut self, f: &mut FnState<'p>, id: &ExprId) -> CResult<usize> {
        let cond = self.ex(*id);
        let mark = f.next_reg;
        if let ExprKind::Binary { op, lhs, rhs } = &cond.kind {
            let skip = |a, b| match op {
                BinaryOp::Lt => Some(Instr::SkipIfLt { a, b }),
                BinaryOp::Le => Some(Instr::SkipIfLe { a, b }),
                BinaryOp::Gt => Some(Instr::SkipIfGt { a, b }),
                BinaryOp::Ge => Some(Instr::SkipIfGe { a, b }),
                BinaryOp::Eq => Some(Instr::SkipIfEq { a, b }),
                BinaryOp::Ne => Some(Instr::SkipIfNe { a, b }),
                _ => None,
            };
            if skip(0, 0).is_some() {
                self.enter(cond.range)?;
                let a = self.expr_any(f, lhs)?;
                let b = self.expr_any(f, rhs)?;
                self.leave();
                f.span = cond.range;
                if let Some(i) = skip(a, b) {
                    f.emit(i);
                }
                f.next_reg = mark;
                return Ok(f.emit_jump());
            }
        }
        let r = self.expr_any(f, id)?;
        f.span = cond.range;
        f.next_reg = mark;
        Ok(f.emit(Instr::JumpIfFalse { src: r, off: 0 }))
    }

    /// Compiles `e` into some register (a local's own register when `e` reads a plain local).
    fn expr_any(&mut self, f: &mut FnState<'p>, id: &ExprId) -> CResult<Reg> {
        let e = self.ex(*id);
        if let ExprKind::Var(Var::Global(slot)) = &e.kind {
            if let Some(r) = f.promoted_reg(*slot) {
                return Ok(r);
            }
        }
        if let ExprKind::Var(Var::Local(slot)) = &e.kind {
            if f.cell_of_slot(*slot).is_none() {
                let r = *slot as Reg;
                if !f.is_assigned(*slot) {
                    f.span = e.range;
                    f.emit(Instr::CheckLocal { reg: r });
                }
                return Ok(r);
            }
        }
        let dst = f.alloc(e.range)?;
        self.expr_to(f, id, dst)?;
        Ok(dst)
    }

    /// Compiles `e` into register `dst`.
    fn expr_to(&mut self, f: &mut FnState<'p>, e: &ExprId, dst: Reg) -> CResult<()> {
        let e = self.ex(*e);
        self.enter(e.range)?;
        let mark = f.next_reg.max(dst as u32 + 1);
        let r = self.expr_inner(f, e, dst);
        f.next_reg = mark;
        self.leave();
        r
    }

    fn expr_inner(&mut self, f: &mut FnState<'p>, e: &'p Expr, dst: Reg) -> CResult<()> {
        if let Some(lit) = self.fold(e) {
            f.span = e.range;
            return self.load_lit(f, lit, dst, e.range);
        }
        match &e.kind {
            ExprKind::Null => {
                f.span = e.range;
                f.emit(Instr::LoadNull { dst });
            }
            ExprKind::Bool(b) => {
                f.span = e.range;
                f.emit(Instr::LoadBool { dst, val: *b });
            }
            ExprKind::Int(_) | ExprKind::Float(_) => {
                // Always folded above.
                return err("internal: unfolded numeric literal", e.range);
            }
            ExprKind::BigInt(digits) => {
                self.load_sym(f, SymConst::BigInt, *digits, dst, e.range)?
            }
            ExprKind::Str(s) => self.load_sym(f, SymConst::Str, *s, dst, e.range)?,
            ExprKind::Array(items) => {
                let mut first = true;
                for chunk in self.program.list(*items).chunks(LITERAL_CHUNK) {
                    let mark = f.next_reg;
                    let start = f.alloc_n(chunk.len(), e.range)?;
                    for (i, item) in chunk.iter().enumerate() {
                        self.expr_to(f, item, start + i as Reg)?;
                    }
                    f.span = e.range;
                    let count = chunk.len() as u16;
                    if first {
                        f.emit(Instr::NewArray { dst, start, count });
                    } else {
                        f.emit(Instr::AppendArray {
                            arr: dst,
                            start,
                            count,
                        });
                    }
                    first = false;
                    f.next_reg = mark;
                }
                if first {
                    f.span = e.range;
                    f.emit(Instr::NewArray {
                        dst,
                        start: dst,
                        count: 0,
                    });
                }
            }
            ExprKind::Object(pairs) => {
                let mut first = true;
                for chunk in self.program.props(*pairs).chunks(LITERAL_CHUNK) {
                    let mark = f.next_reg;
                    let start = f.alloc_n(chunk.len() * 2, e.range)?;
                    for (i, (key, value)) in chunk.iter().enumerate() {
                        let kr = start + 2 * i as Reg;
                        let range = self.ex(*value).range;
                        self.load_sym(f, SymConst::Str, *key, kr, range)?;
                        self.expr_to(f, value, kr + 1)?;
                    }
                    f.span = e.range;
                    if first {
                        f.emit(Instr::NewObject {
                            dst,
                            start,
                            count: chunk.len() as u16,
                        });
                    } else {
                        for i in 0..chunk.len() as Reg {
                            let key = start + 2 * i;
                            f.emit(Instr::SetIndex {
                                obj: dst,
                                key,
                                src: key + 1,
                            });
                        }
                    }
                    first = false;
                    f.next_reg = mark;
                }
                if first {
                    f.span = e.range;
                    f.emit(Instr::NewObject {
                        dst,
                        start: dst,
                        count: 0,
                    });
                }
            }
            ExprKind::Var(var) => self.load_var(f, var, dst, e.range)?,
            ExprKind::Unary { op, operand } => {
                let src = self.expr_any(f, operand)?;
                f.span = e.range;
                f.emit(match op {
                    UnaryOp::Neg => Instr::Neg { dst, src },
                    UnaryOp::Not => Instr::Not { dst, src },
                });
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let a = self.expr_any(f, lhs)?;
                if let (BinaryOp::Add | BinaryOp::Sub, Some(Lit::Int(n))) =
                    (op, self.fold(self.ex(*rhs)))
                {
                    if let Ok(imm) = i16::try_from(n) {
                        f.span = e.range;
                        f.emit(match op {
                            BinaryOp::Add => Instr::AddI { dst, a, imm },
                            _ => Instr::SubI { dst, a, imm },
                        });
                        return Ok(());
                    }
                }
                let b = self.expr_any(f, rhs)?;
                f.span = e.range;
                f.emit(binary_instr(*op, dst, a, b));
            }
            ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
                let is_and = matches!(e.kind, ExprKind::And(..));
                // Never evaluate into a local's register: the right side may read it.
                let tmp = if (dst as u32) < f.info.locals.len() as u32 {
                    f.alloc(e.range)?
                } else {
                    dst
                };
                self.expr_to(f, lhs, tmp)?;
                f.span = e.range;
                let j = if is_and {
                    f.emit(Instr::JumpIfFalse { src: tmp, off: 0 })
                } else {
                    f.emit(Instr::JumpIfTrue { src: tmp, off: 0 })
                };
                let before = f.assigned.clone();
                self.expr_to(f, rhs, tmp)?;
                f.assigned = before;
                f.patch_here(j);
                if tmp != dst {
                    f.emit(Instr::Move { dst, src: tmp });
                }
            }
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                let tmp = if (dst as u32) < f.info.locals.len() as u32 {
                    f.alloc(e.range)?
                } else {
                    dst
                };
                let skip = self.jump_if_false(f, cond)?;
                let before = f.assigned.clone();
                self.expr_to(f, then, tmp)?;
                f.span = e.range;
                let end = f.emit_jump();
                f.patch_here(skip);
                f.assigned.clone_from(&before);
                self.expr_to(f, otherwise, tmp)?;
                f.assigned = before;
                f.patch_here(end);
                if tmp != dst {
                    f.emit(Instr::Move { dst, src: tmp });
                }
            }
            ExprKind::Member { object, name } => {
                let obj = self.expr_any(f, object)?;
                let name = self.name_const(f, *name, e.range)?;
                f.span = e.range;
                f.emit(Instr::GetMember { dst, obj, name });
            }
            ExprKind::Index { object, index } => {
                let obj = self.expr_any(f, object)?;
                let key = self.expr_any(f, index)?;
                f.span = e.range;
                f.emit(Instr::GetIndex { dst, obj, key });
            }
            ExprKind::Slice {
                object,
                start,
                end,
                step,
            } => {
                let obj = self.expr_any(f, object)?;
                let b = self.slice_bounds(f, start.as_ref(), end.as_ref(), step.as_ref())?;
                f.span = e.range;
                f.emit(Instr::GetSlice { dst, obj, b });
            }
            ExprKind::Call { callee, args } => {
                let args = self.program.list(*args);
                let base = f.call_base(dst, args.len(), e.range)?;
                self.expr_to(f, callee, base)?;
                for (i, a) in args.iter().enumerate() {
                    self.expr_to(f, a, base + 1 + i as Reg)?;
                }
                f.span = e.range;
                f.emit(Instr::Call {
                    f: base,
                    argc: args.len() as u16,
                });
                if base != dst {
                    f.emit(Instr::Move { dst, src: base });
                }
            }
            ExprKind::MethodCall {
                object, name, args, ..
            } => {
                let args = self.program.list(*args);
                let base = f.call_base(dst, args.len(), e.range)?;
                self.expr_to(f, object, base)?;
                for (i, a) in args.iter().enumerate() {
                    self.expr_to(f, a, base + 1 + i as Reg)?;
                }
                let name = self.name_const(f, *name, e.range)?;
                f.span = e.range;
                f.emit(Instr::CallMethod {
                    b: base,
                    name,
                    argc: args.len() as u16,
                });
                if base != dst {
                    f.emit(Instr::Move { dst, src: base });
                }
            }
            ExprKind::Function(id) => {
                let proto = self.closure_proto(f, *id, e.range)?;
                f.span = e.range;
                f.emit(Instr::Closure { dst, proto });
            }
        }
        Ok(())
    }

    /// Evaluates slice bounds into three consecutive registers (null when omitted).
    fn slice_bounds(
        &mut self,
        f: &mut FnState<'p>,
        start: Option<&ExprId>,
        end: Option<&ExprId>,
        step: Option<&ExprId>,
    ) -> CResult<Reg> {
        let b = f.alloc_n(3, f.span)?;
        for (i, part) in [start, end, step].into_iter().enumerate() {
            let r = b + i as Reg;
            match part {
                Some(e) => self.expr_to(f, e, r)?,
                None => {
                    f.emit(Instr::LoadNull { dst: r });
                }
            }
        }
        Ok(b)
    }

    fn closure_proto(&mut self, f: &mut FnState<'p>, id: FuncId, range: TextRange) -> CResult<u32> {
        let program: &'p Program = self.program;
        let func = match program.functions.get(id as usize) {
            Some(func) => func,
            None => return err(format!("internal: unknown function #{id}"), range),
        };
        let mut capture_cells = Vec::with_capacity(func.captures.len());
        let mut capture_names = Vec::with_capacity(func.captures.len());
        for cap in &func.captures {
            let (cell, name) = match *cap {
                Capture::Local(slot) => {
                    let cell = f.cell_index(slot, range)?;
                    (cell, f.info.locals.get(slot as usize).map(|l| l.name))
                }
                Capture::Free(i) => {
                    let cell = f.free_index(i, range)?;
                    (cell, f.info.capture_names.get(i as usize).copied())
                }
            };
            capture_cells.push(cell);
            capture_names.push(name.unwrap_or(EMPTY_SYMBOL));
        }
        let info = FnInfo {
            name: func.name.clone().unwrap_or_else(|| "<lambda>".to_string()),
            params: func.params,
            has_rest: func.has_rest,
            locals: &func.locals,
            capture_cells,
            capture_names,
            range: func.range,
            has_finally: self
                .facts
                .has_finally
                .get(id as usize + 1)
                .copied()
                .unwrap_or(false),
        };
        self.enter(range)?;
        let r = self.function(info, &func.body, false);
        self.leave();
        r
    }

    fn load_var(
        &mut self,
        f: &mut FnState<'p>,
        var: &Var,
        dst: Reg,
        range: TextRange,
    ) -> CResult<()> {
        f.span = range;
        match var {
            Var::Local(slot) => match f.cell_of_slot(*slot) {
                Some(cell) => {
                    f.emit(Instr::GetCell { dst, cell });
                }
                None => {
                    let src = *slot as Reg;
                    if !f.is_assigned(*slot) {
                        f.emit(Instr::CheckLocal { reg: src });
                    }
                    if src != dst {
                        f.emit(Instr::Move { dst, src });
                    }
                }
            },
            Var::Cell(slot) => {
                let cell = f.cell_index(*slot, range)?;
                f.emit(Instr::GetCell { dst, cell });
            }
            Var::Free(i) => {
                let cell = f.free_index(*i, range)?;
                f.emit(Instr::GetCell { dst, cell });
            }
            Var::Global(slot) => match f.promoted_reg(*slot) {
                Some(src) => {
                    f.emit(Instr::Move { dst, src });
                }
                None => {
                    f.emit(Instr::GetGlobal { dst, slot: *slot });
                }
            },
            Var::Builtin(name) => self.load_sym(f, SymConst::Builtin, *name, dst, range)?,
            Var::Module(name) => self.load_sym(f, SymConst::Module, *name, dst, range)?,
            Var::HostGlobal(name) => {
                let k = self.sym_const(f, SymConst::Str, *name, range)?;
                f.emit(Instr::GetHostGlobal { dst, k });
            }
        }
        Ok(())
    }

    fn load_const(
        &mut self,
        f: &mut FnState<'p>,
        c: Const,
        dst: Reg,
        range: TextRange,
    ) -> CResult<()> {
        let k = f.konst(c, range)?;
        f.span = range;
        f.emit(Instr::LoadK { dst, k });
        Ok(())
    }

    /// The constant made from symbol `sym` (one string copy per function, on first use).
    fn sym_const(
        &mut self,
        f: &mut FnState<'p>,
        kind: SymConst,
        sym: Symbol,
        range: TextRange,
    ) -> CResult<u32> {
        if let Some(&k) = f.sym_consts.get(&(kind, sym)) {
            return Ok(k);
        }
        let text = self.program.sym(sym).to_string();
        let c = match kind {
            SymConst::Str => Const::Str(text),
            SymConst::BigInt => Const::BigInt(text),
            SymConst::Builtin => Const::Builtin(text),
            SymConst::Module => Const::Module(text),
        };
        let k = f.konst(c, range)?;
        f.sym_consts.insert((kind, sym), k);
        Ok(k)
    }

    fn load_sym(
        &mut self,
        f: &mut FnState<'p>,
        kind: SymConst,
        sym: Symbol,
        dst: Reg,
        range: TextRange,
    ) -> CResult<()> {
        let k = self.sym_const(f, kind, sym, range)?;
        f.span = range;
        f.emit(Instr::LoadK { dst, k });
        Ok(())
    }

    /// A string constant used as a member or method name (16-bit operand).
    fn name_const(&mut self, f: &mut FnState<'p>, name: Symbol, range: TextRange) -> CResult<u16> {
        let k = self.sym_const(f, SymConst::Str, name, range)?;
        Ok(k as u16)
    }

    /// The expression `id` (borrowed for the whole compilation).
    fn ex(&self, id: ExprId) -> &'p Expr {
        let program: &'p Program = self.program;
        &program[id]
    }

    fn load_lit(
        &mut self,
        f: &mut FnState<'p>,
        lit: Lit,
        dst: Reg,
        range: TextRange,
    ) -> CResult<()> {
        match lit {
            Lit::Int(n) => match i32::try_from(n) {
                Ok(val) => {
                    f.emit(Instr::LoadInt { dst, val });
                    Ok(())
                }
                Err(_) => self.load_const(f, Const::Int(n), dst, range),
            },
            Lit::Float(x) => self.load_const(f, Const::Float(x), dst, range),
        }
    }

    /// Trivial constant folding: numeric literals, negation, and int/float arithmetic on
    /// literals whose result is exact and cannot raise.
    #[inline]
    fn fold(&self, e: &Expr) -> Option<Lit> {
        // Most expressions are not numeric: answered here without the recursive walk.
        match e.kind {
            ExprKind::Int(n) => Some(Lit::Int(n)),
            ExprKind::Float(x) => Some(Lit::Float(x)),
            ExprKind::Unary {
                op: UnaryOp::Neg, ..
            }
            | ExprKind::Binary { .. } => self.fold_depth(e, 0),
            _ => None,
        }
    }

    fn fold_depth(&self, e: &Expr, depth: u32) -> Option<Lit> {
        if depth > 16 {
            return None;
        }
        let fold = |id: &ExprId| self.fold_depth(self.ex(*id), depth + 1);
        match &e.kind {
            ExprKind::Int(n) => Some(Lit::Int(*n)),
            ExprKind::Float(x) => Some(Lit::Float(*x)),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => match fold(operand)? {
                Lit::Int(n) => n.checked_neg().map(Lit::Int),
                Lit::Float(x) => Some(Lit::Float(-x)),
            },
            ExprKind::Binary { op, lhs, rhs } => {
                let a = fold(lhs)?;
                let b = fold(rhs)?;
                match (a, b) {
                    (Lit::Int(a), Lit::Int(b)) => match op {
                        BinaryOp::Add => a.checked_add(b).map(Lit::Int),
                        BinaryOp::Sub => a.checked_sub(b).map(Lit::Int),
                        BinaryOp::Mul => a.checked_mul(b).map(Lit::Int),
                        _ => None,
                    },
                    (Lit::Float(a), Lit::Float(b)) => match op {
                        BinaryOp::Add => Some(Lit::Float(a + b)),
                        BinaryOp::Sub => Some(Lit::Float(a - b)),
                        BinaryOp::Mul => Some(Lit::Float(a * b)),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn binary_instr(op: BinaryOp, dst: Reg, a: Reg, b: Reg) -> Instr {
    match op {
        BinaryOp::Add => Instr::Add { dst, a, b },
        BinaryOp::Sub => Instr::Sub { dst, a, b },
        BinaryOp::Mul => Instr::Mul { dst, a, b },
        BinaryOp::Div => Instr::Div { dst, a, b },
        BinaryOp::FloorDiv => Instr::FloorDiv { dst, a, b },
        BinaryOp::Mod => Instr::Mod { dst, a, b },
        BinaryOp::Eq => Instr::Eq { dst, a, b },
        BinaryOp::Ne => Instr::Ne { dst, a, b },
        BinaryOp::Lt => Instr::Lt { dst, a, b },
        BinaryOp::Le => Instr::Le { dst, a, b },
        BinaryOp::Gt => Instr::Gt { dst, a, b },
        BinaryOp::Ge => Instr::Ge { dst, a, b },
    }
}

/// Intersects definite-assignment sets (`None` = no path merged yet).
fn merge(acc: &mut Option<Vec<bool>>, set: &[bool]) {
    match acc {
        None => *acc = Some(set.to_vec()),
        Some(a) => {
            for (x, y) in a.iter_mut().zip(set) {
                *x = *x && *y;
            }
        }
    }
}

impl<'p> FnState<'p> {
    /// The register holding global `slot` while a promoted loop is compiled.
    fn promoted_reg(&self, slot: u32) -> Option<Reg> {
        let at = self
            .promoted
            .binary_search_by_key(&slot, |&(g, _)| g)
            .ok()?;
        Some(self.promoted[at].1)
    }

    fn emit(&mut self, i: Instr) -> usize {
        self.code.push(i);
        self.spans.push(self.span);
        self.code.len() - 1
    }

    fn emit_jump(&mut self) -> usize {
        self.emit(Instr::Jump { off: 0 })
    }

    /// Points the forward jump at `at` to the current end of the code.
    fn patch_here(&mut self, at: usize) {
        let off = (self.code.len() - at - 1) as i32;
        match &mut self.code[at] {
            Instr::Jump { off: o }
            | Instr::JumpIfFalse { off: o, .. }
            | Instr::JumpIfTrue { off: o, .. } => *o = off,
            Instr::ForNext { off: o, .. } => *o = off,
            _ => {}
        }
    }

    /// Registers for a call with `argc` arguments whose result goes to `dst`: the call happens
    /// in place when `dst` is the newest temporary, else in fresh registers.
    fn call_base(&mut self, dst: Reg, argc: usize, range: TextRange) -> CResult<Reg> {
        if dst as u32 + 1 == self.next_reg && dst as usize >= self.info.locals.len() {
            self.alloc_n(argc, range)?;
            Ok(dst)
        } else {
            self.alloc_n(argc + 1, range)
        }
    }

    fn alloc(&mut self, range: TextRange) -> CResult<Reg> {
        self.alloc_n(1, range)
    }

    fn alloc_n(&mut self, n: usize, range: TextRange) -> CResult<Reg> {
        let r = self.next_reg;
        let end = r as usize + n;
        if end > u16::MAX as usize {
            return err("expression needs too many registers", range);
        }
        self.next_reg = end as u32;
        self.max_reg = self.max_reg.max(self.next_reg);
        Ok(r as Reg)
    }

    fn konst(&mut self, c: Const, range: TextRange) -> CResult<u32> {
        let key = match &c {
            Const::Int(n) => ConstKey::Int(*n),
            Const::BigInt(s) => ConstKey::BigInt(s.clone()),
            Const::Float(x) => ConstKey::Float(x.to_bits()),
            Const::Str(s) => ConstKey::Str(s.clone()),
            Const::Builtin(s) => ConstKey::Builtin(s.clone()),
            Const::Module(s) => ConstKey::Module(s.clone()),
        };
        if let Some(k) = self.const_ids.get(&key) {
            return Ok(*k);
        }
        let k = self.consts.len();
        if k >= u16::MAX as usize {
            return err("function has too many constants", range);
        }
        self.consts.push(c);
        self.const_ids.insert(key, k as u32);
        Ok(k as u32)
    }

    /// Where a variable lives, for handler-table cleanups (`None` for non-variables).
    fn var_slot(&self, var: &Var) -> Option<VarSlot> {
        match var {
            Var::Local(slot) => Some(match self.cell_of_slot(*slot) {
                Some(c) => VarSlot::Cell(c),
                None => VarSlot::Reg(*slot as Reg),
            }),
            Var::Cell(slot) => self.cell_of_slot(*slot).map(VarSlot::Cell),
            Var::Free(i) => Some(VarSlot::Cell(self.n_own_cells + *i as u16)),
            Var::Global(slot) => Some(VarSlot::Global(*slot)),
            Var::Builtin(_) | Var::Module(_) | Var::HostGlobal(_) => None,
        }
    }

    fn cell_of_slot(&self, slot: u32) -> Option<u16> {
        self.cell_of.get(slot as usize).copied().flatten()
    }

    fn cell_index(&self, slot: u32, range: TextRange) -> CResult<u16> {
        match self.cell_of_slot(slot) {
            Some(c) => Ok(c),
            None => err(format!("internal: local #{slot} is not a cell"), range),
        }
    }

    fn free_index(&self, i: u32, range: TextRange) -> CResult<u16> {
        if (i as usize) < self.info.capture_cells.len() {
            Ok(self.n_own_cells + i as u16)
        } else {
            err(format!("internal: capture #{i} out of range"), range)
        }
    }

    fn is_assigned(&self, slot: u32) -> bool {
        self.assigned.get(slot as usize).copied().unwrap_or(false)
    }

    fn mark_assigned(&mut self, slot: u32) {
        if let Some(a) = self.assigned.get_mut(slot as usize) {
            *a = true;
        }
    }

    fn innermost_loop(&self, range: TextRange) -> CResult<usize> {
        match self
            .scopes
            .iter()
            .rposition(|s| matches!(s, Scope::Loop { .. }))
        {
            Some(i) => Ok(i),
            None => err("'break' or 'continue' outside loop", range),
        }
    }
}
