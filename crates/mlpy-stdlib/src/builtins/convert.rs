//! Conversion and number builtins: `int float str bool typeof isinstance repr format print input
//! abs round chr ord hex bin oct` (stdlib.md §2, values.md §4 and §7).
//!
//! Text conversions reuse the VM's `text` module (display/repr) and `num` module
//! (`int()`/`float()` parsing); formatting and rounding are this crate's `format` / `round`.

use super::{arity, int_arg, IntArg};
use crate::format::{format_value, FmtArg, FormatError};
use crate::round::{round_float, round_int};
use mlpy_vm::{num, ops, text, ErrorKind, NativeCtx, RtError, RtResult, Value};

/// Charges fuel for converting `v` to text: one tick per top-level element before the work,
/// one per 64 bytes of text after it.
fn to_text(
    ctx: &mut NativeCtx<'_>,
    v: Value,
    convert: fn(&mlpy_vm::Heap, Value) -> RtResult<String>,
) -> RtResult<String> {
    let shallow = ops::length(ctx.heap_ref(), v).unwrap_or(0) as u64;
    ctx.charge(1 + shallow)?;
    let s = convert(ctx.heap_ref(), v)?;
    ctx.charge(s.len() as u64 / 64)?;
    Ok(s)
}

pub(super) fn int(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("int", args, 0, 1)?;
    match args.first() {
        None => Ok(Value::Int(0)),
        Some(&v) => num::to_int(ctx.heap(), v),
    }
}

pub(super) fn float(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("float", args, 0, 1)?;
    match args.first() {
        None => Ok(Value::Float(0.0)),
        Some(&v) => num::to_float(ctx.heap(), v),
    }
}

pub(super) fn str(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("str", args, 0, 1)?;
    match args.first() {
        None => ctx.alloc_str(""),
        Some(&v @ Value::Str(_)) => Ok(v),
        Some(&v) => {
            let s = to_text(ctx, v, text::print_text)?;
            Ok(ctx.heap().alloc_string(s)?)
        }
    }
}

pub(super) fn repr(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("repr", args, 1, 1)?;
    let s = to_text(ctx, args[0], text::repr_text)?;
    Ok(ctx.heap().alloc_string(s)?)
}

pub(super) fn bool(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("bool", args, 0, 1)?;
    Ok(Value::Bool(
        args.first()
            .is_some_and(|&v| ops::truthy(ctx.heap_ref(), v)),
    ))
}

pub(super) fn typeof_(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("typeof", args, 1, 1)?;
    let name = args[0].typeof_name(ctx.heap_ref()).to_string();
    ctx.alloc_str(&name)
}

pub(super) fn isinstance(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("isinstance", args, 2, 2)?;
    let heap = ctx.heap_ref();
    let matches = match args[1] {
        Value::Str(g) => args[0].typeof_name(heap) == heap.str(g),
        _ => false,
    };
    Ok(Value::Bool(matches))
}

pub(super) fn print(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let mut line = String::new();
    for (i, &v) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        match v {
            Value::Str(g) => line.push_str(ctx.heap_ref().str(g)),
            _ => line.push_str(&to_text(ctx, v, text::print_text)?),
        }
    }
    line.push('\n');
    ctx.write_stdout(&line)?;
    Ok(Value::Null)
}

pub(super) fn input(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("input", args, 0, 1)?;
    if let Some(&prompt) = args.first() {
        let p = to_text(ctx, prompt, text::display)?;
        ctx.write_stdout(&p)?;
    }
    match ctx.read_line()? {
        Some(line) => Ok(ctx.heap().alloc_string(line)?),
        None => Err(RtError::new(ErrorKind::EOFError, "EOF when reading a line")),
    }
}

pub(super) fn abs(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("abs", args, 1, 1)?;
    match num::abs(ctx.heap(), args[0])? {
        Some(v) => Ok(v),
        None => Err(RtError::type_error(format!(
            "bad operand type for abs(): '{}'",
            args[0].type_name(ctx.heap_ref())
        ))),
    }
}

pub(super) fn round(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("round", args, 1, 2)?;
    let heap = ctx.heap_ref();
    let ndigits = match args.get(1) {
        None | Some(Value::Null) => 0,
        Some(&v) => int_arg(heap, v)?.saturating(),
    };
    let rounded = match args[0] {
        Value::Float(f) => {
            return match round_float(f, ndigits) {
                Some(r) => Ok(Value::Float(r)),
                None => Err(RtError::overflow_error(
                    "rounded value too large to represent",
                )),
            }
        }
        Value::Int(_) | Value::Bool(_) if ndigits >= 0 => {
            return Ok(Value::Int(int_arg(heap, args[0])?.saturating()))
        }
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            round_int(&int_arg(heap, args[0])?.to_big(), ndigits)
        }
        v => {
            return Err(RtError::type_error(format!(
                "type {} doesn't define __round__ method",
                v.type_name(heap)
            )))
        }
    };
    Ok(ctx.heap().alloc_bigint(rounded)?)
}

pub(super) fn chr(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("chr", args, 1, 1)?;
    let code = match int_arg(ctx.heap_ref(), args[0])? {
        IntArg::Small(i) => i,
        IntArg::Big(_) => {
            return Err(RtError::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
    };
    if !(0..0x110000).contains(&code) {
        return Err(RtError::value_error("chr() arg not in range(0x110000)"));
    }
    // Strings hold Unicode scalar values only, so lone surrogates are refused.
    match char::from_u32(code as u32) {
        Some(c) => Ok(ctx.heap().char_str(c)?),
        None => Err(RtError::value_error(
            "chr() arg is a surrogate code point, which strings cannot hold",
        )),
    }
}

pub(super) fn ord(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("ord", args, 1, 1)?;
    let heap = ctx.heap_ref();
    let Value::Str(g) = args[0] else {
        return Err(RtError::type_error(format!(
            "ord() expected string of length 1, but {} found",
            args[0].type_name(heap)
        )));
    };
    let s = heap.string(g);
    let mut chars = s.as_str().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Value::Int(c as i64)),
        _ => Err(RtError::type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.char_len()
        ))),
    }
}

/// `hex`/`bin`/`oct`: Python's `format(n, "#x")` etc.
fn radix(ctx: &mut NativeCtx<'_>, args: &[Value], name: &str, spec: &str) -> RtResult<Value> {
    arity(name, args, 1, 1)?;
    let heap = ctx.heap_ref();
    let arg = match int_arg(heap, args[0])? {
        IntArg::Small(i) => FmtArg::Int(i),
        IntArg::Big(b) => FmtArg::BigInt(b),
    };
    let s = format_value(arg, spec, usize::MAX).map_err(format_error)?;
    Ok(ctx.heap().alloc_string(s)?)
}

pub(super) fn hex(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    radix(ctx, args, "hex", "#x")
}

pub(super) fn bin(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    radix(ctx, args, "bin", "#b")
}

pub(super) fn oct(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    radix(ctx, args, "oct", "#o")
}

fn format_error(e: FormatError) -> RtError {
    match e {
        FormatError::Value(m) => RtError::value_error(m),
        FormatError::Overflow(m) => RtError::overflow_error(m),
        FormatError::TooLarge => RtError::memory(),
    }
}

pub(super) fn format(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("format", args, 1, 2)?;
    let heap = ctx.heap_ref();
    let spec = match args.get(1) {
        None => "",
        Some(&Value::Str(g)) => heap.str(g),
        Some(v) => {
            return Err(RtError::type_error(format!(
                "format() argument 2 must be str, not {}",
                v.type_name(heap)
            )))
        }
    };
    let budget = heap.limit().saturating_sub(heap.bytes_used());
    let v = args[0];
    let arg = match v {
        Value::Int(i) => FmtArg::Int(i),
        Value::BigInt(g) => FmtArg::BigInt(heap.bigint(g)),
        Value::Bool(b) => FmtArg::Bool(b),
        Value::Float(f) => FmtArg::Float(f),
        Value::Str(g) => FmtArg::Str(heap.str(g)),
        _ if spec.is_empty() => {
            let s = to_text(ctx, v, text::display)?;
            return Ok(ctx.heap().alloc_string(s)?);
        }
        _ => {
            return Err(RtError::type_error(format!(
                "unsupported format string passed to {}.__format__",
                v.type_name(heap)
            )));
        }
    };
    let s = format_value(arg, spec, budget).map_err(format_error)?;
    Ok(ctx.heap().alloc_string(s)?)
}
