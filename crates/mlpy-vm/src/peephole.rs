//! Peephole fusion of a finished function's code: compare-and-branch pairs, arithmetic with a
//! constant operand, and a loop's back-edge with its test become one instruction each, so an
//! `if` test, `x % 7` or a loop iteration's test costs one dispatch instead of two or three.
//!
//! Invariants: fusion rewrites an instruction *in place* and never moves, removes or inserts
//! code, so every jump offset, handler region and span index stays valid, and a jump aimed at
//! one of the fused-over instructions still finds it there. The fused instruction takes the
//! span of the comparison or operator it replaces (its errors are that instruction's). Fuel is charged by
//! code distance at back-edges and calls, so fusion does not change what a program is charged.

use crate::bytecode::{Instr, Reg};
use mlpy_ir::TextRange;

/// Fuses, in `code`, `LoadK t k | LoadInt t n; Op dst a t` (an arithmetic operator) into
/// `OpK dst a k` when `t` is a temporary other than `a`; the `Op` stays in place, skipped.
///
/// `int_const` interns an integer constant and returns its index when it fits 16 bits.
pub(crate) fn fuse_arithmetic(
    code: &mut [Instr],
    spans: &mut [TextRange],
    nlocals: u32,
    mut int_const: impl FnMut(i64) -> Option<u16>,
) {
    for i in 0..code.len().saturating_sub(1) {
        let Some((t, load)) = temp_load(code[i], nlocals) else {
            continue;
        };
        let Some(fuse) = arith_k(code[i + 1], t) else {
            continue;
        };
        if let Some(k) = load.map_or_else(|val| int_const(val as i64), Some) {
            code[i] = fuse(k);
            spans[i] = spans[i + 1];
        }
    }
}

/// A load of a constant into a temporary (`>= nlocals`): the temporary and the constant (its
/// index when it fits 16 bits, or the integer to intern).
fn temp_load(ins: Instr, nlocals: u32) -> Option<(Reg, Result<u16, i32>)> {
    let (t, load) = match ins {
        Instr::LoadK { dst, k } => (dst, Ok(u16::try_from(k).ok()?)),
        Instr::LoadInt { dst, val } => (dst, Err(val)),
        _ => return None,
    };
    (t as u32 >= nlocals).then_some((t, load))
}

/// The constant form of the arithmetic `op` when its right operand is the temporary `t` (and
/// not its left): a constructor taking the constant's index.
fn arith_k(op: Instr, t: Reg) -> Option<impl Fn(u16) -> Instr> {
    let (dst, a, b) = match op {
        Instr::Add { dst, a, b }
        | Instr::Sub { dst, a, b }
        | Instr::Mul { dst, a, b }
        | Instr::Div { dst, a, b }
        | Instr::FloorDiv { dst, a, b }
        | Instr::Mod { dst, a, b } => (dst, a, b),
        _ => return None,
    };
    if b != t || a == t {
        return None;
    }
    Some(move |k| match op {
        Instr::Add { .. } => Instr::AddK { dst, a, k },
        Instr::Sub { .. } => Instr::SubK { dst, a, k },
        Instr::Mul { .. } => Instr::MulK { dst, a, k },
        Instr::Div { .. } => Instr::DivK { dst, a, k },
        Instr::FloorDiv { .. } => Instr::FloorDivK { dst, a, k },
        _ => Instr::ModK { dst, a, k },
    })
}

/// Fuses, in `code`:
/// - `SkipIfXx a b; Jump off` into `BrXx a b off+1` (the `Jump` stays, skipped when true);
/// - `LoadK t k | LoadInt t n; SkipIfXx a t; Jump off` into `BrXxK a k off+2` when `t` is a
///   temporary (`>= nlocals`) other than `a`: a temporary is dead after the test that reads it.
///
/// `int_const` interns an integer constant and returns its index when it fits 16 bits.
pub(crate) fn fuse_branches(
    code: &mut [Instr],
    spans: &mut [TextRange],
    nlocals: u32,
    mut int_const: impl FnMut(i64) -> Option<u16>,
) {
    for i in 0..code.len() {
        let Some(&Instr::Jump { off }) = code.get(i + 1) else {
            continue;
        };
        // Three-instruction form first (it saves two dispatches): the load sits at `i - 1`.
        if let (Some(j), Ok(off)) = (i.checked_sub(1), i16::try_from(off + 2)) {
            if let Some((t, load)) = temp_load(code[j], nlocals) {
                if let Some(fuse) = fuse_rk(code[i], t) {
                    if let Some(k) = load.map_or_else(|val| int_const(val as i64), Some) {
                        code[j] = fuse(k, off);
                        spans[j] = spans[i];
                        continue;
                    }
                }
            }
        }
        if let Some(fused) = i16::try_from(off + 1)
            .ok()
            .and_then(|o| fuse_rr(code[i], o))
        {
            code[i] = fused;
        }
    }
}

fn fuse_rr(skip: Instr, off: i16) -> Option<Instr> {
    Some(match skip {
        Instr::SkipIfLt { a, b } => Instr::BrLt { a, b, off },
        Instr::SkipIfLe { a, b } => Instr::BrLe { a, b, off },
        Instr::SkipIfGt { a, b } => Instr::BrGt { a, b, off },
        Instr::SkipIfGe { a, b } => Instr::BrGe { a, b, off },
        Instr::SkipIfEq { a, b } => Instr::BrEq { a, b, off },
        Instr::SkipIfNe { a, b } => Instr::BrNe { a, b, off },
        _ => return None,
    })
}

/// Fuses a loop's back-edge with its test: `JumpBack` to a `BrXx`/`BrXxK` (`<`, `<=`, `>`,
/// `>=`) whose exit is the instruction right after the `JumpBack` becomes `LoopXx`/`LoopXxK`,
/// which tests and jumps straight to the body (one dispatch per iteration instead of two).
/// The test instruction stays at the loop top: the fused form goes there for operands other
/// than two ints or two floats, so errors and their spans are the test's own. Run after
/// `fuse_branches`.
pub(crate) fn fuse_loops(code: &mut [Instr]) {
    for j in 0..code.len() {
        let Instr::JumpBack { back } = code[j] else {
            continue;
        };
        let Some(t) = (j + 1).checked_sub(back as usize) else {
            continue;
        };
        // How many instructions the test covers (the body starts at `t + skip`), and its exit.
        let (skip, off) = match code[t] {
            Instr::BrLt { off, .. }
            | Instr::BrLe { off, .. }
            | Instr::BrGt { off, .. }
            | Instr::BrGe { off, .. } => (2, off),
            Instr::BrLtK { off, .. }
            | Instr::BrLeK { off, .. }
            | Instr::BrGtK { off, .. }
            | Instr::BrGeK { off, .. } => (3, off),
            _ => continue,
        };
        let exits_after_the_back_edge = t as isize + 1 + off as isize == j as isize + 1;
        let body_back = (back as usize)
            .checked_sub(skip)
            .and_then(|b| u16::try_from(b).ok());
        let (true, Some(back)) = (exits_after_the_back_edge, body_back) else {
            continue;
        };
        code[j] = match code[t] {
            Instr::BrLt { a, b, .. } => Instr::LoopLt { a, b, back },
            Instr::BrLe { a, b, .. } => Instr::LoopLe { a, b, back },
            Instr::BrGt { a, b, .. } => Instr::LoopGt { a, b, back },
            Instr::BrGe { a, b, .. } => Instr::LoopGe { a, b, back },
            Instr::BrLtK { a, k, .. } => Instr::LoopLtK { a, k, back },
            Instr::BrLeK { a, k, .. } => Instr::LoopLeK { a, k, back },
            Instr::BrGtK { a, k, .. } => Instr::LoopGtK { a, k, back },
            Instr::BrGeK { a, k, .. } => Instr::LoopGeK { a, k, back },
            _ => continue,
        };
    }
}

/// The constant form of `skip` when its right operand is the temporary `t` (and not its left):
/// a constructor taking the constant's index and the offset.
fn fuse_rk(skip: Instr, t: Reg) -> Option<impl Fn(u16, i16) -> Instr> {
    let (a, b) = match skip {
        Instr::SkipIfLt { a, b }
        | Instr::SkipIfLe { a, b }
        | Instr::SkipIfGt { a, b }
        | Instr::SkipIfGe { a, b }
        | Instr::SkipIfEq { a, b }
        | Instr::SkipIfNe { a, b } => (a, b),
        _ => return None,
    };
    if b != t || a == t {
        return None;
    }
    Some(move |k, off| match skip {
        Instr::SkipIfLt { .. } => Instr::BrLtK { a, k, off },
        Instr::SkipIfLe { .. } => Instr::BrLeK { a, k, off },
        Instr::SkipIfGt { .. } => Instr::BrGtK { a, k, off },
        Instr::SkipIfGe { .. } => Instr::BrGeK { a, k, off },
        Instr::SkipIfEq { .. } => Instr::BrEqK { a, k, off },
        _ => Instr::BrNeK { a, k, off },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fused(code: &[Instr], nlocals: u32) -> Vec<Instr> {
        let mut code = code.to_vec();
        let mut spans = vec![TextRange::default(); code.len()];
        fuse_branches(&mut code, &mut spans, nlocals, |n| Some(n as u16 + 100));
        code
    }

    #[test]
    fn load_test_jump_becomes_one_branch_and_leaves_the_rest_in_place() {
        let code = [
            Instr::LoadInt { dst: 3, val: 7 },
            Instr::SkipIfLt { a: 0, b: 3 },
            Instr::Jump { off: 4 },
        ];
        let out = fused(&code, 1);
        assert_eq!(
            out[0],
            Instr::BrLtK {
                a: 0,
                k: 107,
                off: 6
            }
        );
        assert_eq!(&out[1..], &code[1..]);
    }

    #[test]
    fn register_test_jump_fuses_without_a_load() {
        let code = [Instr::SkipIfGe { a: 0, b: 1 }, Instr::Jump { off: 2 }];
        assert_eq!(fused(&code, 2)[0], Instr::BrGe { a: 0, b: 1, off: 3 });
    }

    #[test]
    fn a_local_register_load_is_kept_live() {
        // Register 1 is a local: its load is not dead, so only the test and jump fuse.
        let code = [
            Instr::LoadInt { dst: 1, val: 7 },
            Instr::SkipIfEq { a: 0, b: 1 },
            Instr::Jump { off: 0 },
        ];
        let out = fused(&code, 2);
        assert_eq!(out[0], code[0]);
        assert_eq!(out[1], Instr::BrEq { a: 0, b: 1, off: 1 });
    }

    #[test]
    fn a_constant_operand_fuses_into_the_operator() {
        let code = [
            Instr::LoadInt { dst: 4, val: 7 },
            Instr::Mod { dst: 3, a: 2, b: 4 },
            Instr::LoadK { dst: 5, k: 2 },
            Instr::Mul { dst: 3, a: 5, b: 3 },
        ];
        let mut out = code.to_vec();
        let mut spans = vec![TextRange::default(); out.len()];
        fuse_arithmetic(&mut out, &mut spans, 1, |n| Some(n as u16 + 100));
        assert_eq!(
            out[0],
            Instr::ModK {
                dst: 3,
                a: 2,
                k: 107
            }
        );
        assert_eq!(out[1], code[1]);
        // The constant is the left operand here: not fused.
        assert_eq!(&out[2..], &code[2..]);
    }

    #[test]
    fn a_back_edge_to_the_loop_test_becomes_a_loop_instruction() {
        let mut code = vec![
            Instr::BrLtK { a: 1, k: 0, off: 4 },
            Instr::SkipIfLt { a: 1, b: 2 },
            Instr::Jump { off: 2 },
            Instr::AddI {
                dst: 1,
                a: 1,
                imm: 1,
            },
            Instr::JumpBack { back: 5 },
            Instr::ReturnNull,
        ];
        fuse_loops(&mut code);
        assert_eq!(
            code[4],
            Instr::LoopLtK {
                a: 1,
                k: 0,
                back: 2
            }
        );
        // A back-edge to a test that does not exit right after it is left alone.
        let mut other = vec![
            Instr::BrGe { a: 0, b: 1, off: 3 },
            Instr::Jump { off: 0 },
            Instr::JumpBack { back: 3 },
            Instr::ReturnNull,
        ];
        let before = other.clone();
        fuse_loops(&mut other);
        assert_eq!(other, before);
    }

    #[test]
    fn offsets_beyond_16_bits_stay_unfused() {
        let code = [Instr::SkipIfNe { a: 0, b: 1 }, Instr::Jump { off: 40_000 }];
        assert_eq!(fused(&code, 2), code.to_vec());
    }
}
