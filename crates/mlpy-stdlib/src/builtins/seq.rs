//! Collection builtins: `len range enumerate zip min max sum sorted reversed keys values all any
//! iter next` (stdlib.md §2).
//!
//! Iteration goes through the VM's `ops::iter_values` / `ops::iter_next` (arrays, tuples,
//! strings as characters, objects as keys, bytes, iterators); ordering and sorting through
//! `ops::lt`/`ops::gt` and `methods::sort_values`. Fuel is charged per element before the work.

use super::{arity, int_arg, IntArg};
use mlpy_vm::heap::{Heap, HeapObject};
use mlpy_vm::{methods, ops, NativeCtx, RtError, RtResult, Value};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

const VALUE_SIZE: usize = std::mem::size_of::<Value>();

pub(super) fn len(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("len", args, 1, 1)?;
    Ok(Value::Int(
        ops::length(ctx.heap_ref(), args[0]).unwrap_or(0) as i64,
    ))
}

/// Python's `range` length for `start, stop, step` (step != 0).
fn range_len(start: i128, stop: i128, step: i128) -> i128 {
    if step > 0 && start < stop {
        1 + (stop - 1 - start) / step
    } else if step < 0 && start > stop {
        1 + (start - 1 - stop) / (-step)
    } else {
        0
    }
}

/// Checks the budget for an array of `n` values and charges `n` ticks, before building it.
fn reserve(ctx: &mut NativeCtx<'_>, n: usize) -> RtResult<()> {
    ctx.heap_ref().check(n.saturating_mul(VALUE_SIZE))?;
    ctx.charge(n as u64)
}

pub(super) fn range(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    match args.len() {
        0 => {
            return Err(RtError::type_error(
                "range expected at least 1 argument, got 0",
            ))
        }
        n if n > 3 => {
            return Err(RtError::type_error(format!(
                "range expected at most 3 arguments, got {n}"
            )))
        }
        _ => {}
    }
    let heap = ctx.heap_ref();
    let mut ints = Vec::with_capacity(3);
    for &a in args {
        ints.push(int_arg(heap, a)?);
    }
    let zero_step = matches!(ints.get(2), Some(IntArg::Small(0)));
    if zero_step {
        return Err(RtError::value_error("range() arg 3 must not be zero"));
    }
    let small: Option<Vec<i64>> = ints
        .iter()
        .map(|i| match i {
            IntArg::Small(v) => Some(*v),
            IntArg::Big(_) => None,
        })
        .collect();
    match small {
        Some(s) => {
            let (start, stop, step) = match s[..] {
                [stop] => (0, stop, 1),
                [start, stop] => (start, stop, 1),
                [start, stop, step, ..] => (start, stop, step),
                [] => (0, 0, 1),
            };
            let n = range_len(start as i128, stop as i128, step as i128);
            let n = usize::try_from(n).map_err(|_| RtError::memory())?;
            reserve(ctx, n)?;
            let items: Vec<Value> = (0..n)
                .map(|i| Value::Int((start as i128 + i as i128 * step as i128) as i64))
                .collect();
            Ok(ctx.heap().alloc_array(items)?)
        }
        None => {
            let b: Vec<BigInt> = ints.iter().map(IntArg::to_big).collect();
            let (start, stop, step) = match &b[..] {
                [stop] => (BigInt::zero(), stop.clone(), BigInt::from(1)),
                [start, stop] => (start.clone(), stop.clone(), BigInt::from(1)),
                [start, stop, step, ..] => (start.clone(), stop.clone(), step.clone()),
                [] => (BigInt::zero(), BigInt::zero(), BigInt::from(1)),
            };
            let one = BigInt::from(1);
            let n = if step.is_positive() && start < stop {
                &one + (&stop - &one - &start) / &step
            } else if step.is_negative() && start > stop {
                &one + (&start - &one - &stop) / (-&step)
            } else {
                BigInt::zero()
            };
            let n = n.to_usize().ok_or_else(RtError::memory)?;
            reserve(ctx, n)?;
            let mut items = Vec::with_capacity(n);
            let mut cur = start;
            for _ in 0..n {
                items.push(ctx.heap().alloc_bigint(cur.clone())?);
                cur += &step;
            }
            Ok(ctx.heap().alloc_array(items)?)
        }
    }
}

/// The elements of an iterable, after charging one tick per element.
fn elements(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<Value>> {
    if let Some(n) = ops::length(ctx.heap_ref(), v) {
        ctx.charge(n as u64)?;
    }
    ops::iter_values(ctx.heap(), v)
}

/// `start + i` as an int value.
fn offset_int(heap: &mut Heap, start: &IntOffset, i: usize) -> RtResult<Value> {
    match start {
        IntOffset::Small(s) => match s.checked_add(i as i64) {
            Some(v) => Ok(Value::Int(v)),
            None => Ok(heap.alloc_bigint(BigInt::from(*s) + i)?),
        },
        IntOffset::Big(b) => Ok(heap.alloc_bigint(b + i)?),
    }
}

enum IntOffset {
    Small(i64),
    Big(BigInt),
}

pub(super) fn enumerate(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("enumerate", args, 1, 2)?;
    let start = match args.get(1) {
        None => IntOffset::Small(0),
        Some(&v) => match int_arg(ctx.heap_ref(), v)? {
            IntArg::Small(i) => IntOffset::Small(i),
            IntArg::Big(b) => IntOffset::Big(b.clone()),
        },
    };
    let items = elements(ctx, args[0])?;
    reserve(ctx, items.len())?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let heap = ctx.heap();
        let index = offset_int(heap, &start, i)?;
        out.push(heap.alloc_tuple(vec![index, item])?);
    }
    Ok(ctx.heap().alloc_array(out)?)
}

fn is_iterable(heap: &Heap, v: Value) -> bool {
    ops::length(heap, v).is_some()
        || matches!(v, Value::Other(g) if matches!(heap.get(g), HeapObject::Iterator(_)))
}

fn not_iterable(heap: &Heap, v: Value) -> RtError {
    RtError::type_error(format!("'{}' object is not iterable", v.type_name(heap)))
}

pub(super) fn zip(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    if let Some(&bad) = args.iter().find(|&&a| !is_iterable(ctx.heap_ref(), a)) {
        return Err(not_iterable(ctx.heap_ref(), bad));
    }
    let mut out = Vec::new();
    if args.is_empty() {
        return Ok(ctx.heap().alloc_array(out)?);
    }
    // Step all iterables together, as Python does (an iterator argument is consumed only as
    // far as the shortest input allows).
    let mut pos = vec![0usize; args.len()];
    'rows: loop {
        ctx.charge(args.len() as u64)?;
        let mut row = Vec::with_capacity(args.len());
        for (k, &a) in args.iter().enumerate() {
            match ops::iter_next(ctx.heap(), a, &mut pos[k])? {
                Some(v) => row.push(v),
                None => break 'rows,
            }
        }
        out.push(ctx.heap().alloc_tuple(row)?);
    }
    Ok(ctx.heap().alloc_array(out)?)
}

/// `min` / `max`: a single array argument → its elements, otherwise the arguments.
fn extreme(ctx: &mut NativeCtx<'_>, args: &[Value], want_max: bool) -> RtResult<Value> {
    let items: Vec<Value> = match args {
        [] => return Ok(Value::Null),
        [Value::Array(g)] => ctx.heap_ref().array(*g).clone(),
        [single] => return Ok(*single),
        _ => args.to_vec(),
    };
    let Some((&first, rest)) = items.split_first() else {
        return Ok(Value::Null);
    };
    ctx.charge(items.len() as u64)?;
    let heap = ctx.heap_ref();
    let mut best = first;
    for &x in rest {
        let better = if want_max {
            ops::gt(heap, x, best)?
        } else {
            ops::lt(heap, x, best)?
        };
        if better {
            best = x;
        }
    }
    Ok(best)
}

pub(super) fn min(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    extreme(ctx, args, false)
}

pub(super) fn max(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    extreme(ctx, args, true)
}

pub(super) fn sum(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("sum", args, 1, 2)?;
    let start = args.get(1).copied().unwrap_or(Value::Int(0));
    if let Value::Str(_) = start {
        return Err(RtError::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let items = elements(ctx, args[0])?;
    match start {
        Value::Array(_) | Value::Tuple(_) => concat_all(ctx, start, &items),
        _ => {
            let heap = ctx.heap();
            let mut acc = start;
            for &x in &items {
                if !(acc.is_number() && x.is_number()) {
                    return Err(RtError::type_error(format!(
                        "unsupported operand type(s) for +: '{}' and '{}'",
                        acc.type_name(heap),
                        x.type_name(heap)
                    )));
                }
                acc = ops::add(heap, acc, x)?;
            }
            Ok(acc)
        }
    }
}

/// `sum(items, start)` for an array or tuple `start`: one concatenation (linear, not
/// Python's quadratic repeated `+`), elements of the same kind only.
fn concat_all(ctx: &mut NativeCtx<'_>, start: Value, items: &[Value]) -> RtResult<Value> {
    let heap = ctx.heap_ref();
    let (mut out, kind) = match start {
        Value::Tuple(g) => (heap.tuple(g).to_vec(), "tuple"),
        Value::Array(g) => (heap.array(g).clone(), "list"),
        _ => return Ok(start),
    };
    for &x in items {
        let part: &[Value] = match (x, kind) {
            (Value::Array(g), "list") => heap.array(g),
            (Value::Tuple(g), "tuple") => heap.tuple(g),
            _ => {
                return Err(RtError::type_error(format!(
                    "can only concatenate {kind} (not \"{}\") to {kind}",
                    x.type_name(heap)
                )))
            }
        };
        heap.check(
            out.len()
                .saturating_add(part.len())
                .saturating_mul(VALUE_SIZE),
        )?;
        out.extend_from_slice(part);
    }
    ctx.charge(out.len() as u64)?;
    Ok(if kind == "tuple" {
        ctx.heap().alloc_tuple(out)?
    } else {
        ctx.heap().alloc_array(out)?
    })
}

pub(super) fn sorted(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("sorted", args, 1, 2)?;
    let reverse = args.get(1).is_some_and(|&r| ops::truthy(ctx.heap_ref(), r));
    let mut items = elements(ctx, args[0])?;
    let n = items.len() as u64;
    ctx.charge(n * u64::from(64 - n.leading_zeros()))?;
    methods::sort_values(ctx.heap_ref(), &mut items, reverse)?;
    Ok(ctx.heap().alloc_array(items)?)
}

pub(super) fn reversed(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("reversed", args, 1, 1)?;
    if ops::length(ctx.heap_ref(), args[0]).is_none() {
        return Err(RtError::type_error(format!(
            "'{}' object is not reversible",
            args[0].type_name(ctx.heap_ref())
        )));
    }
    let mut items = elements(ctx, args[0])?;
    items.reverse();
    Ok(ctx.heap().alloc_array(items)?)
}

/// `keys(obj)` / `values(obj)`.
fn object_part(ctx: &mut NativeCtx<'_>, args: &[Value], name: &str) -> RtResult<Value> {
    arity(name, args, 1, 1)?;
    let heap = ctx.heap_ref();
    let Value::Object(g) = args[0] else {
        return Err(RtError::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            args[0].type_name(heap)
        )));
    };
    let m = heap.object(g);
    let items: Vec<Value> = if name == "keys" {
        m.keys().collect()
    } else {
        m.values().collect()
    };
    ctx.charge(items.len() as u64)?;
    Ok(ctx.heap().alloc_array(items)?)
}

pub(super) fn keys(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    object_part(ctx, args, "keys")
}

pub(super) fn values(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    object_part(ctx, args, "values")
}

/// `all` / `any`: steps the iterable until the answer is known (as Python does, so an iterator
/// argument is consumed only that far).
fn truth_scan(
    ctx: &mut NativeCtx<'_>,
    args: &[Value],
    name: &str,
    stop_on: bool,
) -> RtResult<Value> {
    arity(name, args, 1, 1)?;
    let src = args[0];
    if !is_iterable(ctx.heap_ref(), src) {
        return Err(not_iterable(ctx.heap_ref(), src));
    }
    let mut pos = 0;
    loop {
        ctx.charge(1)?;
        match ops::iter_next(ctx.heap(), src, &mut pos)? {
            Some(v) if ops::truthy(ctx.heap_ref(), v) == stop_on => {
                return Ok(Value::Bool(stop_on))
            }
            Some(_) => {}
            None => return Ok(Value::Bool(!stop_on)),
        }
    }
}

pub(super) fn all(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    truth_scan(ctx, args, "all", false)
}

pub(super) fn any(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    truth_scan(ctx, args, "any", true)
}

fn is_iterator(heap: &Heap, v: Value) -> bool {
    matches!(v, Value::Other(g) if matches!(heap.get(g), HeapObject::Iterator(_)))
}

pub(super) fn iter(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("iter", args, 1, 1)?;
    let v = args[0];
    let heap = ctx.heap_ref();
    if is_iterator(heap, v) {
        return Ok(v);
    }
    if ops::length(heap, v).is_none() {
        return Err(not_iterable(heap, v));
    }
    Ok(ctx.heap().alloc_iterator(v)?)
}

pub(super) fn next(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("next", args, 1, 2)?;
    let it = args[0];
    if !is_iterator(ctx.heap_ref(), it) {
        return Err(RtError::type_error(format!(
            "'{}' object is not an iterator",
            it.type_name(ctx.heap_ref())
        )));
    }
    let mut unused = 0;
    match ops::iter_next(ctx.heap(), it, &mut unused)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&default) => Ok(default),
            None => Err(RtError::runtime_error(
                "Iterator exhausted - use default parameter to avoid error",
            )),
        },
    }
}
