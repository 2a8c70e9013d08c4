//! The disassembler (`mlpy disasm`): one instruction per line with its source line number.
//!
//! Format, per prototype: a header `function NAME (params=P, rest, regs=R, cells=C)`, then one
//! line per instruction `INDEX  LINE  OPCODE operands` (registers `rN`, constants `kN` with the
//! constant shown after `;`, cells `cN`, globals `gN`, jump targets as absolute indices), then
//! the try-handler table. Output is deterministic (golden tests depend on it).

use crate::bytecode::{Const, HandlerKind, Instr, Proto};
use crate::compiler::{compile, CompileError};
use mlpy_ir::{Program, TextRange};
use std::fmt::Write;

/// Compiles `program` and renders its bytecode; `source` gives line numbers.
pub fn disassemble(program: &Program, source: &str) -> Result<String, CompileError> {
    let unit = compile(program)?;
    let mut line_starts = vec![0usize];
    line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |r: TextRange| {
        line_starts
            .partition_point(|&s| s <= usize::from(r.start()))
            .max(1)
    };
    let mut out = String::new();
    // Top level first, then the functions in the order they were compiled.
    let main = unit.main as usize;
    let order = std::iter::once(main).chain((0..unit.protos.len()).filter(|&i| i != main));
    for (n, i) in order.enumerate() {
        if n > 0 {
            out.push('\n');
        }
        render(&mut out, i, &unit.protos[i], &line_of);
    }
    Ok(out)
}

fn render(out: &mut String, index: usize, p: &Proto, line_of: &dyn Fn(TextRange) -> usize) {
    let _ = writeln!(
        out,
        "function #{index} {} (params={}{}, regs={}, cells={})",
        p.name,
        p.params,
        if p.has_rest { ", rest" } else { "" },
        p.nregs,
        p.n_cells()
    );
    let mut last_line = 0;
    for (pc, ins) in p.code.iter().enumerate() {
        let line = p.spans.get(pc).map_or(0, |r| line_of(*r));
        let shown = if line != last_line {
            line.to_string()
        } else {
            String::new()
        };
        last_line = line;
        let _ = writeln!(out, "{pc:>4} {shown:>4}  {}", instr_text(p, pc, *ins));
    }
    for h in &p.handlers {
        let kind = match h.kind {
            HandlerKind::Except { reg } => format!("except -> r{reg}"),
            HandlerKind::Finally => "finally".to_string(),
            HandlerKind::Unbind(slot) => format!("unbind {slot:?}"),
            HandlerKind::StoreGlobal { reg, slot } => format!("store g{slot} r{reg}"),
        };
        let _ = writeln!(
            out,
            "  try [{}, {}) => {} {kind} (depth {})",
            h.start, h.end, h.target, h.depth
        );
    }
    for (i, t) in p.jump_tables.iter().enumerate() {
        let _ = writeln!(out, "  exits #{i}: {t:?}");
    }
}

fn konst(p: &Proto, k: u32) -> String {
    match p.consts.get(k as usize) {
        Some(Const::Int(n)) => n.to_string(),
        Some(Const::BigInt(d)) => d.clone(),
        Some(Const::Float(x)) => format!("{x:?}"),
        Some(Const::Str(s)) => format!("{s:?}"),
        Some(Const::Builtin(s)) => format!("builtin {s}"),
        Some(Const::Module(s)) => format!("module {s}"),
        None => "?".to_string(),
    }
}

fn instr_text(p: &Proto, pc: usize, ins: Instr) -> String {
    let target = |off: i64| (pc as i64 + 1 + off).to_string();
    match ins {
        Instr::Move { dst, src } => format!("MOVE r{dst} r{src}"),
        Instr::LoadK { dst, k } => format!("LOADK r{dst} k{k} ; {}", konst(p, k)),
        Instr::LoadInt { dst, val } => format!("LOADINT r{dst} {val}"),
        Instr::LoadNull { dst } => format!("LOADNULL r{dst}"),
        Instr::LoadBool { dst, val } => format!("LOADBOOL r{dst} {val}"),
        Instr::CheckLocal { reg } => format!("CHECKLOCAL r{reg}"),
        Instr::Unbind { reg } => format!("UNBIND r{reg}"),
        Instr::GetGlobal { dst, slot } => format!("GETGLOBAL r{dst} g{slot}"),
        Instr::SetGlobal { src, slot } => format!("SETGLOBAL g{slot} r{src}"),
        Instr::SetGlobalRes { src, slot, res } => format!("SETGLOBALRES g{slot} r{src} r{res}"),
        Instr::UnbindGlobal { slot } => format!("UNBINDGLOBAL g{slot}"),
        Instr::GetHostGlobal { dst, k } => format!("GETHOST r{dst} k{k} ; {}", konst(p, k)),
        Instr::GetCell { dst, cell } => format!("GETCELL r{dst} c{cell}"),
        Instr::SetCell { cell, src } => format!("SETCELL c{cell} r{src}"),
        Instr::UnbindCell { cell } => format!("UNBINDCELL c{cell}"),
        Instr::Add { dst, a, b } => format!("ADD r{dst} r{a} r{b}"),
        Instr::Sub { dst, a, b } => format!("SUB r{dst} r{a} r{b}"),
        Instr::Mul { dst, a, b } => format!("MUL r{dst} r{a} r{b}"),
        Instr::Div { dst, a, b } => format!("DIV r{dst} r{a} r{b}"),
        Instr::FloorDiv { dst, a, b } => format!("FLOORDIV r{dst} r{a} r{b}"),
        Instr::Mod { dst, a, b } => format!("MOD r{dst} r{a} r{b}"),
        Instr::AddI { dst, a, imm } => format!("ADDI r{dst} r{a} {imm}"),
        Instr::SubI { dst, a, imm } => format!("SUBI r{dst} r{a} {imm}"),
        Instr::AddK { dst, a, k } => {
            format!("ADDK r{dst} r{a} k{k} ; {}", konst(p, k as u32))
        }
        Instr::SubK { dst, a, k } => {
            format!("SUBK r{dst} r{a} k{k} ; {}", konst(p, k as u32))
        }
        Instr::MulK { dst, a, k } => {
            format!("MULK r{dst} r{a} k{k} ; {}", konst(p, k as u32))
        }
        Instr::DivK { dst, a, k } => {
            format!("DIVK r{dst} r{a} k{k} ; {}", konst(p, k as u32))
        }
        Instr::FloorDivK { dst, a, k } => {
            format!("FLOORDIVK r{dst} r{a} k{k} ; {}", konst(p, k as u32))
        }
        Instr::ModK { dst, a, k } => {
            format!("MODK r{dst} r{a} k{k} ; {}", konst(p, k as u32))
        }
        Instr::Eq { dst, a, b } => format!("EQ r{dst} r{a} r{b}"),
        Instr::Ne { dst, a, b } => format!("NE r{dst} r{a} r{b}"),
        Instr::Lt { dst, a, b } => format!("LT r{dst} r{a} r{b}"),
        Instr::Le { dst, a, b } => format!("LE r{dst} r{a} r{b}"),
        Instr::Gt { dst, a, b } => format!("GT r{dst} r{a} r{b}"),
        Instr::Ge { dst, a, b } => format!("GE r{dst} r{a} r{b}"),
        Instr::SkipIfLt { a, b } => format!("SKIPIFLT r{a} r{b}"),
        Instr::SkipIfLe { a, b } => format!("SKIPIFLE r{a} r{b}"),
        Instr::SkipIfGt { a, b } => format!("SKIPIFGT r{a} r{b}"),
        Instr::SkipIfGe { a, b } => format!("SKIPIFGE r{a} r{b}"),
        Instr::SkipIfEq { a, b } => format!("SKIPIFEQ r{a} r{b}"),
        Instr::SkipIfNe { a, b } => format!("SKIPIFNE r{a} r{b}"),
        Instr::BrLt { a, b, off } => {
            format!("BRLT r{a} r{b} else -> {}", target(off as i64))
        }
        Instr::BrLe { a, b, off } => {
            format!("BRLE r{a} r{b} else -> {}", target(off as i64))
        }
        Instr::BrGt { a, b, off } => {
            format!("BRGT r{a} r{b} else -> {}", target(off as i64))
        }
        Instr::BrGe { a, b, off } => {
            format!("BRGE r{a} r{b} else -> {}", target(off as i64))
        }
        Instr::BrEq { a, b, off } => {
            format!("BREQ r{a} r{b} else -> {}", target(off as i64))
        }
        Instr::BrNe { a, b, off } => {
            format!("BRNE r{a} r{b} else -> {}", target(off as i64))
        }
        Instr::BrLtK { a, k, off } => format!(
            "BRLTK r{a} k{k} else -> {} ; {}",
            target(off as i64),
            konst(p, k as u32)
        ),
        Instr::BrLeK { a, k, off } => format!(
            "BRLEK r{a} k{k} else -> {} ; {}",
            target(off as i64),
            konst(p, k as u32)
        ),
        Instr::BrGtK { a, k, off } => format!(
            "BRGTK r{a} k{k} else -> {} ; {}",
            target(off as i64),
            konst(p, k as u32)
        ),
        Instr::BrGeK { a, k, off } => format!(
            "BRGEK r{a} k{k} else -> {} ; {}",
            target(off as i64),
            konst(p, k as u32)
        ),
        Instr::BrEqK { a, k, off } => format!(
            "BREQK r{a} k{k} else -> {} ; {}",
            target(off as i64),
            konst(p, k as u32)
        ),
        Instr::BrNeK { a, k, off } => format!(
            "BRNEK r{a} k{k} else -> {} ; {}",
            target(off as i64),
            konst(p, k as u32)
        ),
        Instr::LoopLt { a, b, back } => {
            format!("LOOPLT r{a} r{b} -> {}", target(-(back as i64)))
        }
        Instr::LoopLtK { a, k, back } => format!(
            "LOOPLTK r{a} k{k} -> {} ; {}",
            target(-(back as i64)),
            konst(p, k as u32)
        ),
        Instr::LoopLe { a, b, back } => {
            format!("LOOPLE r{a} r{b} -> {}", target(-(back as i64)))
        }
        Instr::LoopLeK { a, k, back } => format!(
            "LOOPLEK r{a} k{k} -> {} ; {}",
            target(-(back as i64)),
            konst(p, k as u32)
        ),
        Instr::LoopGt { a, b, back } => {
            format!("LOOPGT r{a} r{b} -> {}", target(-(back as i64)))
        }
        Instr::LoopGtK { a, k, back } => format!(
            "LOOPGTK r{a} k{k} -> {} ; {}",
            target(-(back as i64)),
            konst(p, k as u32)
        ),
        Instr::LoopGe { a, b, back } => {
            format!("LOOPGE r{a} r{b} -> {}", target(-(back as i64)))
        }
        Instr::LoopGeK { a, k, back } => format!(
            "LOOPGEK r{a} k{k} -> {} ; {}",
            target(-(back as i64)),
            konst(p, k as u32)
        ),
        Instr::Neg { dst, src } => format!("NEG r{dst} r{src}"),
        Instr::Not { dst, src } => format!("NOT r{dst} r{src}"),
        Instr::Jump { off } => format!("JUMP -> {}", target(off as i64)),
        Instr::JumpBack { back } => format!("JUMPBACK -> {}", target(-(back as i64))),
        Instr::JumpIfFalse { src, off } => format!("JUMPIFFALSE r{src} -> {}", target(off as i64)),
        Instr::JumpIfTrue { src, off } => format!("JUMPIFTRUE r{src} -> {}", target(off as i64)),
        Instr::NewArray { dst, start, count } => format!("NEWARRAY r{dst} r{start} {count}"),
        Instr::AppendArray { arr, start, count } => format!("APPENDARRAY r{arr} r{start} {count}"),
        Instr::NewObject { dst, start, count } => format!("NEWOBJECT r{dst} r{start} {count}"),
        Instr::GetIndex { dst, obj, key } => format!("GETINDEX r{dst} r{obj} r{key}"),
        Instr::SetIndex { obj, key, src } => format!("SETINDEX r{obj} r{key} r{src}"),
        Instr::GetMember { dst, obj, name } => {
            format!(
                "GETMEMBER r{dst} r{obj} k{name} ; {}",
                konst(p, name as u32)
            )
        }
        Instr::GetSlice { dst, obj, b } => format!("GETSLICE r{dst} r{obj} r{b}"),
        Instr::SetSlice { obj, b, src } => format!("SETSLICE r{obj} r{b} r{src}"),
        Instr::Call { f, argc } => format!("CALL r{f} {argc}"),
        Instr::CallMethod { b, name, argc } => {
            format!("CALLMETHOD r{b} k{name} {argc} ; {}", konst(p, name as u32))
        }
        Instr::Return { src } => format!("RETURN r{src}"),
        Instr::ReturnNull => "RETURNNULL".to_string(),
        Instr::Closure { dst, proto } => format!("CLOSURE r{dst} #{proto}"),
        Instr::Throw { src } => format!("THROW r{src}"),
        Instr::ForPrep { b } => format!("FORPREP r{b}"),
        Instr::ForNext { b, off } => format!("FORNEXT r{b} -> {}", target(off as i64)),
        Instr::Unpack { dst, src, n } => format!("UNPACK r{dst} r{src} {n}"),
        Instr::Import { dst, k, ns } => {
            format!(
                "IMPORT{} r{dst} k{k} ; {}",
                if ns { "NS" } else { "" },
                konst(p, k)
            )
        }
        Instr::FinallyNormal => "FINALLYNORMAL".to_string(),
        Instr::FinallyExit { idx } => format!("FINALLYEXIT {idx}"),
        Instr::EndFinally { table } => format!("ENDFINALLY exits#{table}"),
        Instr::PopCompletion => "POPCOMPLETION".to_string(),
    }
}
