//! The bytecode: fixed-width (8-byte) register instructions, function prototypes and their side
//! tables (constants, spans, exception handlers, `finally` jump tables).
//!
//! Notation (Lua `lopcodes.h` style): `R[x]` register x of the current frame, `K[x]` constant x
//! of the current prototype, `G[x]` global slot x of the current unit, `C[x]` cell x of the
//! current frame (its own cell locals first, then the cells its closure captured), `pc` the
//! index of the next instruction. Jump offsets are relative to the next instruction.
//!
//! Invariants (established by the compiler, relied on by the interpreter):
//! - every register operand is `< Proto::nregs`, every constant `< consts.len()`, every cell
//!   `< n_cells + n_captures`, every jump target inside `code`;
//! - a plain local register is read without a check only where the compiler proved it assigned;
//!   elsewhere a `CheckLocal` precedes the read (registers of unassigned locals hold `UNBOUND`);
//! - `spans[i]` is the source range of `code[i]` (looked up only when raising an error);
//! - `handlers` lists try regions innermost first.

use mlpy_ir::TextRange;

/// Register index.
pub type Reg = u16;

/// One instruction. Each variant's doc line is its semantics in register notation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Instr {
    /// R[dst] := R[src]
    Move { dst: Reg, src: Reg },
    /// R[dst] := K[k]
    LoadK { dst: Reg, k: u32 },
    /// R[dst] := Int(val)
    LoadInt { dst: Reg, val: i32 },
    /// R[dst] := null
    LoadNull { dst: Reg },
    /// R[dst] := Bool(val)
    LoadBool { dst: Reg, val: bool },
    /// if R[reg] is unbound: raise UnboundLocalError naming local `reg`
    CheckLocal { reg: Reg },
    /// R[reg] := unbound (the `except` variable after its handler)
    Unbind { reg: Reg },
    /// R[dst] := G[slot] (unset: builtin fallback, else NameError)
    GetGlobal { dst: Reg, slot: u32 },
    /// G[slot] := R[src]
    SetGlobal { src: Reg, slot: u32 },
    /// G[slot] := R[src]; R[res] := R[src] (a top-level assignment that also records the
    /// program's result value)
    SetGlobalRes { src: Reg, slot: u16, res: Reg },
    /// G[slot] := unset
    UnbindGlobal { slot: u32 },
    /// R[dst] := host global named K[k] (NameError if the host has none)
    GetHostGlobal { dst: Reg, k: u32 },
    /// R[dst] := C[cell] (unbound: UnboundLocalError / NameError for free variables)
    GetCell { dst: Reg, cell: u16 },
    /// C[cell] := R[src]
    SetCell { cell: u16, src: Reg },
    /// C[cell] := unbound
    UnbindCell { cell: u16 },
    /// R[dst] := R[a] + R[b]
    Add { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] - R[b]
    Sub { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] * R[b]
    Mul { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] / R[b]
    Div { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] // R[b]
    FloorDiv { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] % R[b]
    Mod { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] + imm
    AddI { dst: Reg, a: Reg, imm: i16 },
    /// R[dst] := R[a] - imm
    SubI { dst: Reg, a: Reg, imm: i16 },
    /// R[dst] := R[a] + K[k]; pc += 1 (fused `LoadK/LoadInt t; Add dst a t`: the `Add` stays in
    /// place and is skipped; the dead temporary `t` is not written)
    AddK { dst: Reg, a: Reg, k: u16 },
    /// R[dst] := R[a] - K[k]; pc += 1
    SubK { dst: Reg, a: Reg, k: u16 },
    /// R[dst] := R[a] * K[k]; pc += 1
    MulK { dst: Reg, a: Reg, k: u16 },
    /// R[dst] := R[a] / K[k]; pc += 1
    DivK { dst: Reg, a: Reg, k: u16 },
    /// R[dst] := R[a] // K[k]; pc += 1
    FloorDivK { dst: Reg, a: Reg, k: u16 },
    /// R[dst] := R[a] % K[k]; pc += 1
    ModK { dst: Reg, a: Reg, k: u16 },
    /// R[dst] := R[a] == R[b]
    Eq { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] != R[b]
    Ne { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] < R[b]
    Lt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] <= R[b]
    Le { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] > R[b]
    Gt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] >= R[b]
    Ge { dst: Reg, a: Reg, b: Reg },
    /// if R[a] < R[b]: pc += 1 (skips the `Jump` that follows)
    SkipIfLt { a: Reg, b: Reg },
    /// if R[a] <= R[b]: pc += 1
    SkipIfLe { a: Reg, b: Reg },
    /// if R[a] > R[b]: pc += 1
    SkipIfGt { a: Reg, b: Reg },
    /// if R[a] >= R[b]: pc += 1
    SkipIfGe { a: Reg, b: Reg },
    /// if R[a] == R[b]: pc += 1
    SkipIfEq { a: Reg, b: Reg },
    /// if R[a] != R[b]: pc += 1
    SkipIfNe { a: Reg, b: Reg },
    /// if R[a] < R[b]: pc += 1 else pc += off (fused `SkipIfLt; Jump`: the `Jump` stays in
    /// place, skipped when the condition holds, so jumps aimed at it still work)
    BrLt { a: Reg, b: Reg, off: i16 },
    /// if R[a] <= R[b]: pc += 1 else pc += off
    BrLe { a: Reg, b: Reg, off: i16 },
    /// if R[a] > R[b]: pc += 1 else pc += off
    BrGt { a: Reg, b: Reg, off: i16 },
    /// if R[a] >= R[b]: pc += 1 else pc += off
    BrGe { a: Reg, b: Reg, off: i16 },
    /// if R[a] == R[b]: pc += 1 else pc += off
    BrEq { a: Reg, b: Reg, off: i16 },
    /// if R[a] != R[b]: pc += 1 else pc += off
    BrNe { a: Reg, b: Reg, off: i16 },
    /// if R[a] < K[k]: pc += 2 else pc += off (fused `LoadK/LoadInt t; SkipIfLt a t; Jump`;
    /// the dead temporary `t` is not written)
    BrLtK { a: Reg, k: u16, off: i16 },
    /// if R[a] <= K[k]: pc += 2 else pc += off
    BrLeK { a: Reg, k: u16, off: i16 },
    /// if R[a] > K[k]: pc += 2 else pc += off
    BrGtK { a: Reg, k: u16, off: i16 },
    /// if R[a] >= K[k]: pc += 2 else pc += off
    BrGeK { a: Reg, k: u16, off: i16 },
    /// if R[a] == K[k]: pc += 2 else pc += off
    BrEqK { a: Reg, k: u16, off: i16 },
    /// if R[a] != K[k]: pc += 2 else pc += off
    BrNeK { a: Reg, k: u16, off: i16 },
    /// Loop back-edge fused with the loop's test (`JumpBack` to a `BrLt` that exits right
    /// after it): charge fuel `back + 2`, safepoint; if R[a] and R[b] are both ints or both
    /// floats: `pc -= back` when R[a] < R[b] (the body again), else fall through (exit);
    /// any other operands: `pc -= back + 2` (the full test at the loop top)
    LoopLt { a: Reg, b: Reg, back: u16 },
    /// `LoopLt` for `<=`
    LoopLe { a: Reg, b: Reg, back: u16 },
    /// `LoopLt` for `>`
    LoopGt { a: Reg, b: Reg, back: u16 },
    /// `LoopLt` for `>=`
    LoopGe { a: Reg, b: Reg, back: u16 },
    /// `LoopLt` against K[k] (the loop test was a `BrLtK`): charge `back + 3`; both ints or
    /// both floats: R[a] < K[k] → `pc -= back`, else fall through; otherwise `pc -= back + 3`
    LoopLtK { a: Reg, k: u16, back: u16 },
    /// `LoopLtK` for `<=`
    LoopLeK { a: Reg, k: u16, back: u16 },
    /// `LoopLtK` for `>`
    LoopGtK { a: Reg, k: u16, back: u16 },
    /// `LoopLtK` for `>=`
    LoopGeK { a: Reg, k: u16, back: u16 },
    /// R[dst] := -R[src]
    Neg { dst: Reg, src: Reg },
    /// R[dst] := not truthy(R[src])
    Not { dst: Reg, src: Reg },
    /// pc += off (forward)
    Jump { off: i32 },
    /// pc -= back; charge fuel `back`; GC / limit safepoint
    JumpBack { back: u32 },
    /// if not truthy(R[src]): pc += off
    JumpIfFalse { src: Reg, off: i32 },
    /// if truthy(R[src]): pc += off
    JumpIfTrue { src: Reg, off: i32 },
    /// R[dst] := [R[start], ..., R[start+count-1]]
    NewArray { dst: Reg, start: Reg, count: u16 },
    /// append R[start], ..., R[start+count-1] to the array R[arr] (long array literals)
    AppendArray { arr: Reg, start: Reg, count: u16 },
    /// R[dst] := {R[start]: R[start+1], ...} (count key/value pairs)
    NewObject { dst: Reg, start: Reg, count: u16 },
    /// R[dst] := R[obj][R[key]]
    GetIndex { dst: Reg, obj: Reg, key: Reg },
    /// R[obj][R[key]] := R[src]
    SetIndex { obj: Reg, key: Reg, src: Reg },
    /// R[dst] := R[obj].K[name]
    GetMember { dst: Reg, obj: Reg, name: u16 },
    /// R[dst] := R[obj][R[b] : R[b+1] : R[b+2]] (null = omitted bound)
    GetSlice { dst: Reg, obj: Reg, b: Reg },
    /// R[obj][R[b] : R[b+1] : R[b+2]] := R[src]
    SetSlice { obj: Reg, b: Reg, src: Reg },
    /// R[f] := R[f](R[f+1], ..., R[f+argc])
    Call { f: Reg, argc: u16 },
    /// R[b] := R[b].K[name](R[b+1], ..., R[b+argc])
    CallMethod { b: Reg, name: u16, argc: u16 },
    /// return R[src]
    Return { src: Reg },
    /// return null
    ReturnNull,
    /// R[dst] := closure of prototype `proto` capturing cells of this frame
    Closure { dst: Reg, proto: u32 },
    /// raise MLUserException carrying the object R[src]
    Throw { src: Reg },
    /// R[b+1..b+3] := iteration state of R[b] (TypeError if not iterable)
    ForPrep { b: Reg },
    /// R[b+3] := next item of R[b]; when exhausted: pc += off
    ForNext { b: Reg, off: i32 },
    /// R[dst], ..., R[dst+n-1] := the n items of R[src] (ValueError on count mismatch)
    Unpack { dst: Reg, src: Reg, n: u16 },
    /// R[dst] := module K[k] (dotted path, loaded on first import); with `ns`, the namespace
    /// of the path's first name instead (`import a.b;` binds `a`)
    Import { dst: Reg, k: u32, ns: bool },
    /// push completion "normal" (entering a finally block by falling into it)
    FinallyNormal,
    /// push completion "exit #idx" (break/continue/return passing through a finally block)
    FinallyExit { idx: u32 },
    /// pop completion: normal → continue; error → re-raise; exit #i → pc := jump_tables[table][i]
    EndFinally { table: u32 },
    /// pop completion (leaving a finally block early by break/continue/return)
    PopCompletion,
}

/// A compile-time constant, materialised into a `Value` when the program is loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Int(i64),
    /// Decimal digits of an integer outside the i64 range.
    BigInt(String),
    Float(f64),
    Str(String),
    /// A builtin function, by name.
    Builtin(String),
    /// A standard-library (or host-registered) module, by name.
    Module(String),
}

/// What a try-region handler does with the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandlerKind {
    /// `except`: R[reg] := the error value, continue at the handler.
    Except { reg: Reg },
    /// `finally`: push completion "error", continue at the finally block.
    Finally,
    /// Leaving an `except (e)` handler by an error: unbind `e`, keep unwinding (`target` unused).
    Unbind(VarSlot),
    /// Any error (limits included) leaving a loop that holds global `slot` in R[reg]: store it
    /// back, keep unwinding (`target` unused; register promotion, module `promote`).
    StoreGlobal { reg: Reg, slot: u32 },
}

/// A variable slot an instruction-less cleanup refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarSlot {
    Reg(Reg),
    Cell(u16),
    Global(u32),
}

/// One try region: errors raised by instructions in `start..end` continue at `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub kind: HandlerKind,
    /// Completions this frame holds at `target` (number of enclosing finally blocks).
    pub depth: u32,
}

/// A compiled function (or the top level of a program, named `<module>`).
#[derive(Clone, Debug, PartialEq)]
pub struct Proto {
    pub name: String,
    pub params: u32,
    pub has_rest: bool,
    /// Registers the frame needs (locals first, then temporaries).
    pub nregs: u16,
    /// Number of IR locals (registers `0..nlocals`), for names in errors and disassembly.
    pub local_names: Vec<String>,
    /// Cell locals: (IR local slot, true if that slot is a parameter whose value moves in).
    pub cell_locals: Vec<(u32, bool)>,
    /// For each capture of this function: the index of the cell in the *creating* frame.
    pub capture_cells: Vec<u16>,
    /// Names of the frame's cells (own cell locals, then captures), for error messages.
    pub cell_names: Vec<String>,
    pub code: Vec<Instr>,
    pub spans: Vec<TextRange>,
    pub consts: Vec<Const>,
    pub handlers: Vec<Handler>,
    pub jump_tables: Vec<Vec<u32>>,
    pub range: TextRange,
}

impl Proto {
    /// Number of cells a frame of this function has (own cell locals, then captures).
    pub fn n_cells(&self) -> usize {
        self.cell_locals.len() + self.capture_cells.len()
    }

    /// Checks that every register an instruction names lies inside the frame (`< nregs`): the
    /// invariant that lets the interpreter read registers without bounds checks. The VM refuses
    /// to load a prototype that fails it.
    pub fn check_registers(&self) -> Result<(), String> {
        match self
            .code
            .iter()
            .position(|i| i.register_end() > self.nregs as u32)
        {
            None => Ok(()),
            Some(at) => Err(format!(
                "function '{}': instruction {at} names a register outside its {} registers",
                self.name, self.nregs
            )),
        }
    }
}

impl Instr {
    /// One past the highest register this instruction reads or writes (0 when none).
    pub fn register_end(self) -> u32 {
        let one = |r: Reg| r as u32 + 1;
        let span = |r: Reg, n: u32| r as u32 + n;
        match self {
            Instr::Move { dst, src } | Instr::Neg { dst, src } | Instr::Not { dst, src } => {
                one(dst).max(one(src))
            }
            Instr::LoadK { dst, .. }
            | Instr::LoadInt { dst, .. }
            | Instr::LoadNull { dst }
            | Instr::LoadBool { dst, .. }
            | Instr::GetGlobal { dst, .. }
            | Instr::GetHostGlobal { dst, .. }
            | Instr::GetCell { dst, .. }
            | Instr::Closure { dst, .. }
            | Instr::Import { dst, .. } => one(dst),
            Instr::CheckLocal { reg } | Instr::Unbind { reg } => one(reg),
            Instr::SetGlobal { src, .. }
            | Instr::SetCell { src, .. }
            | Instr::Throw { src }
            | Instr::Return { src }
            | Instr::JumpIfFalse { src, .. }
            | Instr::JumpIfTrue { src, .. } => one(src),
            Instr::SetGlobalRes { src, res, .. } => one(src).max(one(res)),
            Instr::Add { dst, a, b }
            | Instr::Sub { dst, a, b }
            | Instr::Mul { dst, a, b }
            | Instr::Div { dst, a, b }
            | Instr::FloorDiv { dst, a, b }
            | Instr::Mod { dst, a, b }
            | Instr::Eq { dst, a, b }
            | Instr::Ne { dst, a, b }
            | Instr::Lt { dst, a, b }
            | Instr::Le { dst, a, b }
            | Instr::Gt { dst, a, b }
            | Instr::Ge { dst, a, b } => one(dst).max(one(a)).max(one(b)),
            Instr::AddI { dst, a, .. }
            | Instr::SubI { dst, a, .. }
            | Instr::AddK { dst, a, .. }
            | Instr::SubK { dst, a, .. }
            | Instr::MulK { dst, a, .. }
            | Instr::DivK { dst, a, .. }
            | Instr::FloorDivK { dst, a, .. }
            | Instr::ModK { dst, a, .. } => one(dst).max(one(a)),
            Instr::SkipIfLt { a, b }
            | Instr::SkipIfLe { a, b }
            | Instr::SkipIfGt { a, b }
            | Instr::SkipIfGe { a, b }
            | Instr::SkipIfEq { a, b }
            | Instr::SkipIfNe { a, b }
            | Instr::BrLt { a, b, .. }
            | Instr::BrLe { a, b, .. }
            | Instr::BrGt { a, b, .. }
            | Instr::BrGe { a, b, .. }
            | Instr::BrEq { a, b, .. }
            | Instr::BrNe { a, b, .. } => one(a).max(one(b)),
            Instr::LoopLt { a, b, .. }
            | Instr::LoopLe { a, b, .. }
            | Instr::LoopGt { a, b, .. }
            | Instr::LoopGe { a, b, .. } => one(a).max(one(b)),
            Instr::LoopLtK { a, .. }
            | Instr::LoopLeK { a, .. }
            | Instr::LoopGtK { a, .. }
            | Instr::LoopGeK { a, .. }
            | Instr::BrLtK { a, .. }
            | Instr::BrLeK { a, .. }
            | Instr::BrGtK { a, .. }
            | Instr::BrGeK { a, .. }
            | Instr::BrEqK { a, .. }
            | Instr::BrNeK { a, .. } => one(a),
            Instr::NewArray { dst, start, count } => one(dst).max(span(start, count as u32)),
            Instr::AppendArray { arr, start, count } => one(arr).max(span(start, count as u32)),
            Instr::NewObject { dst, start, count } => one(dst).max(span(start, 2 * count as u32)),
            Instr::GetIndex { dst, obj, key } => one(dst).max(one(obj)).max(one(key)),
            Instr::SetIndex { obj, key, src } => one(obj).max(one(key)).max(one(src)),
            Instr::GetMember { dst, obj, .. } => one(dst).max(one(obj)),
            Instr::GetSlice { dst, obj, b } => one(dst).max(one(obj)).max(span(b, 3)),
            Instr::SetSlice { obj, b, src } => one(obj).max(span(b, 3)).max(one(src)),
            Instr::Call { f, argc } => span(f, argc as u32 + 1),
            Instr::CallMethod { b, argc, .. } => span(b, argc as u32 + 1),
            Instr::ForPrep { b } | Instr::ForNext { b, .. } => span(b, 4),
            Instr::Unpack { dst, src, n } => span(dst, n as u32).max(one(src)),
            Instr::UnbindGlobal { .. }
            | Instr::UnbindCell { .. }
            | Instr::Jump { .. }
            | Instr::JumpBack { .. }
            | Instr::ReturnNull
            | Instr::FinallyNormal
            | Instr::FinallyExit { .. }
            | Instr::EndFinally { .. }
            | Instr::PopCompletion => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_register_outside_the_frame_is_refused() {
        let proto = |code: Vec<Instr>| Proto {
            name: "f".into(),
            params: 0,
            has_rest: false,
            nregs: 2,
            local_names: vec![],
            cell_locals: vec![],
            capture_cells: vec![],
            cell_names: vec![],
            spans: vec![TextRange::default(); code.len()],
            code,
            consts: vec![],
            handlers: vec![],
            jump_tables: vec![],
            range: TextRange::default(),
        };
        let ok = proto(vec![Instr::Call { f: 0, argc: 1 }, Instr::ReturnNull]);
        assert!(ok.check_registers().is_ok());
        for bad in [
            Instr::Move { dst: 0, src: 2 },
            Instr::Call { f: 0, argc: 2 },
            Instr::ForPrep { b: 0 },
            Instr::SetGlobalRes {
                src: 0,
                slot: 0,
                res: 2,
            },
        ] {
            assert!(proto(vec![bad]).check_registers().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn instruction_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Instr>(), 8);
    }
}
