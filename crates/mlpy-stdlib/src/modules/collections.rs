//! `collections` (stdlib.md §7): non-mutating list utilities, collection first. Queries need
//! `collections.read`, everything else `collections.transform`.
//!
//! Invariants: inputs are never modified (new arrays are returned; `removeAt` with an index out
//! of range returns the same array, as mlpy). Callback results and the snapshot of the input
//! are rooted with `ctx.keep` before the next call into ML. `unique` hashes hashable elements
//! (linear time) and compares only unhashable ones pairwise, charging each comparison.

use super::support::{add_all, arity, call, def, items, new_array, opt, reserve};
use mlpy_vm::{methods, objmap, ops, NativeCtx, NativeRegistry, RtResult, Value};
use std::collections::HashMap;

const READ: &[&str] = &["collections.read"];
const TRANSFORM: &[&str] = &["collections.transform"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "collections",
        "List utilities (non-mutating, collection first)",
        &[
            def("length", length, READ, "Length of a list"),
            def(
                "append",
                append,
                TRANSFORM,
                "New list with an element added at the end",
            ),
            def(
                "prepend",
                prepend,
                TRANSFORM,
                "New list with an element added at the front",
            ),
            def("concat", concat, TRANSFORM, "Concatenate two lists"),
            def(
                "get",
                get,
                READ,
                "Element at an index (null if out of range)",
            ),
            def("first", first, READ, "First element or null"),
            def("last", last, READ, "Last element or null"),
            def("slice", slice, TRANSFORM, "Slice of a list"),
            def("reverse", reverse, TRANSFORM, "New reversed list"),
            def(
                "contains",
                contains,
                READ,
                "Check if a list contains a value",
            ),
            def("indexOf", index_of, READ, "First index of a value or -1"),
            def("index_of", index_of, READ, "First index of a value or -1"),
            def("find", find, READ, "First element matching a predicate"),
            def("filter", filter, TRANSFORM, "Elements matching a predicate"),
            def("map", map, TRANSFORM, "Apply a function to each element"),
            def(
                "reduce",
                reduce,
                TRANSFORM,
                "Fold a list with a function and initial value",
            ),
            def(
                "removeAt",
                remove_at,
                TRANSFORM,
                "New list without the element at an index",
            ),
            def(
                "remove_at",
                remove_at,
                TRANSFORM,
                "New list without the element at an index",
            ),
            def("isEmpty", is_empty, READ, "Check if a list is empty"),
            def("is_empty", is_empty, READ, "Check if a list is empty"),
            def("take", take, TRANSFORM, "First n elements"),
            def("drop", drop, TRANSFORM, "All but the first n elements"),
            def("unique", unique, TRANSFORM, "First occurrences in order"),
            def("flatten", flatten, TRANSFORM, "Flatten one level"),
            def("zip", zip, TRANSFORM, "Pair elements of two lists"),
            def("sort", sort, TRANSFORM, "New sorted list"),
            def(
                "sortBy",
                sort_by,
                TRANSFORM,
                "New list sorted by a key function",
            ),
            def("chunk", chunk, TRANSFORM, "Split into chunks of a size"),
            def(
                "every",
                every,
                READ,
                "Check if all elements match a predicate",
            ),
            def(
                "some",
                some,
                READ,
                "Check if any element matches a predicate",
            ),
        ],
    );
}

/// The elements of the list argument (any iterable, as Python's list functions accept),
/// rooted so callbacks cannot free them.
fn list(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<Value>> {
    let xs = items(ctx, v)?;
    for &x in &xs {
        ctx.keep(x);
    }
    Ok(xs)
}

fn length(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("length", args, 1, 1)?;
    Ok(Value::Int(ops::len(ctx.heap_ref(), args[0])? as i64))
}

fn append(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("append", args, 2, 2)?;
    let mut xs = list(ctx, args[0])?;
    xs.push(args[1]);
    new_array(ctx, xs)
}

fn prepend(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("prepend", args, 2, 2)?;
    let mut xs = vec![args[1]];
    xs.extend(list(ctx, args[0])?);
    new_array(ctx, xs)
}

fn concat(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("concat", args, 2, 2)?;
    let mut xs = list(ctx, args[0])?;
    xs.extend(list(ctx, args[1])?);
    new_array(ctx, xs)
}

/// Index `i` of a list of length `n` with Python's negative indices; `None` if out of range.
fn resolve(n: usize, i: i64) -> Option<usize> {
    let j = if i < 0 { i.checked_add(n as i64)? } else { i };
    (0..n as i64).contains(&j).then_some(j as usize)
}

/// Element `i` (Python negative indices) of a list argument; arrays are read in place.
fn element(ctx: &mut NativeCtx<'_>, v: Value, i: i64) -> RtResult<Value> {
    if let Value::Array(g) = v {
        let xs = ctx.heap_ref().array(g);
        return Ok(resolve(xs.len(), i).map_or(Value::Null, |j| xs[j]));
    }
    let xs = list(ctx, v)?;
    Ok(resolve(xs.len(), i).map_or(Value::Null, |j| xs[j]))
}

fn get(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("get", args, 2, 2)?;
    let i = super::support::int_arg(ctx.heap_ref(), args[1])?.saturating();
    element(ctx, args[0], i)
}

fn first(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("first", args, 1, 1)?;
    element(ctx, args[0], 0)
}

fn last(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("last", args, 1, 1)?;
    element(ctx, args[0], -1)
}

/// `lst[start:stop]` with Python slice semantics on the list's elements.
fn slice_of(ctx: &mut NativeCtx<'_>, v: Value, start: Value, stop: Value) -> RtResult<Value> {
    let xs = list(ctx, v)?;
    let arr = new_array(ctx, xs)?;
    ops::slice(ctx.heap(), arr, start, stop, Value::Null)
}

fn slice(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("slice", args, 2, 3)?;
    slice_of(ctx, args[0], args[1], opt(args, 2))
}

fn take(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("take", args, 2, 2)?;
    slice_of(ctx, args[0], Value::Null, args[1])
}

fn drop(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("drop", args, 2, 2)?;
    slice_of(ctx, args[0], args[1], Value::Null)
}

fn reverse(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("reverse", args, 1, 1)?;
    let mut xs = list(ctx, args[0])?;
    xs.reverse();
    new_array(ctx, xs)
}

/// Position of the first element `== x`.
fn position(ctx: &mut NativeCtx<'_>, xs: &[Value], x: Value) -> RtResult<Option<usize>> {
    for (i, &y) in xs.iter().enumerate() {
        if ops::equals(ctx.heap_ref(), y, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn contains(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("contains", args, 2, 2)?;
    let xs = list(ctx, args[0])?;
    Ok(Value::Bool(position(ctx, &xs, args[1])?.is_some()))
}

fn index_of(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("indexOf", args, 2, 2)?;
    let xs = list(ctx, args[0])?;
    Ok(Value::Int(
        position(ctx, &xs, args[1])?.map_or(-1, |i| i as i64),
    ))
}

/// `pred(x)` is truthy.
fn test(ctx: &mut NativeCtx<'_>, pred: Value, x: Value) -> RtResult<bool> {
    let r = call(ctx, pred, &[x])?;
    Ok(ops::truthy(ctx.heap_ref(), r))
}

fn find(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("find", args, 2, 2)?;
    for x in list(ctx, args[0])? {
        if test(ctx, args[1], x)? {
            return Ok(x);
        }
    }
    Ok(Value::Null)
}

fn filter(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("filter", args, 2, 2)?;
    let mut out = Vec::new();
    for x in list(ctx, args[0])? {
        if test(ctx, args[1], x)? {
            out.push(x);
        }
    }
    new_array(ctx, out)
}

fn map(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("map", args, 2, 2)?;
    let xs = list(ctx, args[0])?;
    let mut out = Vec::with_capacity(xs.len());
    for x in xs {
        let y = call(ctx, args[1], &[x])?;
        ctx.keep(y);
        out.push(y);
    }
    new_array(ctx, out)
}

fn reduce(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("reduce", args, 3, 3)?;
    let mut acc = args[2];
    for x in list(ctx, args[0])? {
        acc = call(ctx, args[1], &[acc, x])?;
        ctx.keep(acc);
    }
    Ok(acc)
}

fn remove_at(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("removeAt", args, 2, 2)?;
    let mut xs = list(ctx, args[0])?;
    let i = super::support::int_arg(ctx.heap_ref(), args[1])?.saturating();
    if i < 0 || i as u64 >= xs.len() as u64 {
        return Ok(args[0]);
    }
    xs.remove(i as usize);
    new_array(ctx, xs)
}

fn is_empty(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("isEmpty", args, 1, 1)?;
    Ok(Value::Bool(ops::len(ctx.heap_ref(), args[0])? == 0))
}

/// First occurrences of `xs` in order (Python `==` semantics: `1`, `1.0` and `true` are one).
pub(crate) fn dedupe(ctx: &mut NativeCtx<'_>, xs: &[Value]) -> RtResult<Vec<Value>> {
    let mut out = Vec::new();
    let mut buckets: HashMap<u64, Vec<Value>> = HashMap::new();
    let mut unhashable: Vec<Value> = Vec::new();
    for &x in xs {
        let heap = ctx.heap_ref();
        let seen = match objmap::hash_value(heap, x) {
            Ok(h) => {
                let bucket = buckets.entry(h).or_default();
                let mut found = false;
                for &y in bucket.iter() {
                    if ops::equals(heap, x, y)? {
                        found = true;
                        break;
                    }
                }
                if !found {
                    bucket.push(x);
                }
                found
            }
            Err(e) if e.kind().is_limit() => return Err(e),
            Err(_) => {
                ctx.charge(unhashable.len() as u64)?;
                let heap = ctx.heap_ref();
                let mut found = false;
                for &y in &unhashable {
                    if ops::equals(heap, x, y)? {
                        found = true;
                        break;
                    }
                }
                if !found {
                    unhashable.push(x);
                }
                found
            }
        };
        if !seen {
            out.push(x);
        }
    }
    Ok(out)
}

fn unique(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("unique", args, 1, 1)?;
    let xs = list(ctx, args[0])?;
    let out = dedupe(ctx, &xs)?;
    new_array(ctx, out)
}

/// One level of flattening: array elements are spliced, others kept.
pub(crate) fn flatten_one(ctx: &mut NativeCtx<'_>, xs: &[Value]) -> RtResult<Vec<Value>> {
    let mut out = Vec::with_capacity(xs.len());
    for &x in xs {
        if let Value::Array(g) = x {
            let n = ctx.heap_ref().array(g).len();
            reserve(ctx, n)?;
            out.extend_from_slice(ctx.heap_ref().array(g));
        } else {
            out.push(x);
        }
    }
    Ok(out)
}

fn flatten(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("flatten", args, 1, 1)?;
    let xs = list(ctx, args[0])?;
    let out = flatten_one(ctx, &xs)?;
    new_array(ctx, out)
}

/// Tuples of the i-th elements of each list, up to the shortest.
pub(crate) fn zip_lists(ctx: &mut NativeCtx<'_>, lists: &[Vec<Value>]) -> RtResult<Value> {
    let n = lists.iter().map(Vec::len).min().unwrap_or(0);
    reserve(ctx, n * (lists.len() + 1))?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = ctx
            .heap()
            .alloc_tuple(lists.iter().map(|l| l[i]).collect())?;
        out.push(t);
    }
    new_array(ctx, out)
}

fn zip(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("zip", args, 2, 2)?;
    let a = list(ctx, args[0])?;
    let b = list(ctx, args[1])?;
    zip_lists(ctx, &[a, b])
}

/// Charges `n log n` ticks for a sort of `n` elements.
fn charge_sort(ctx: &mut NativeCtx<'_>, n: usize) -> RtResult<()> {
    ctx.charge((n as u64).saturating_mul(64 - (n as u64).leading_zeros() as u64))
}

fn sort(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("sort", args, 1, 2)?;
    let mut xs = list(ctx, args[0])?;
    let rev = ops::truthy(ctx.heap_ref(), opt(args, 1));
    charge_sort(ctx, xs.len())?;
    methods::sort_values(ctx.heap_ref(), &mut xs, rev)?;
    new_array(ctx, xs)
}

fn sort_by(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("sortBy", args, 2, 3)?;
    let xs = list(ctx, args[0])?;
    let rev = ops::truthy(ctx.heap_ref(), opt(args, 2));
    let mut keys = Vec::with_capacity(xs.len());
    for &x in &xs {
        let k = call(ctx, args[1], &[x])?;
        ctx.keep(k);
        keys.push(k);
    }
    charge_sort(ctx, xs.len())?;
    let order = methods::sort_permutation(ctx.heap_ref(), &keys, rev)?;
    new_array(ctx, order.into_iter().map(|i| xs[i]).collect())
}

/// Consecutive chunks of `size` (the last may be shorter); `size` must be positive.
pub(crate) fn chunks(ctx: &mut NativeCtx<'_>, xs: &[Value], size: usize) -> RtResult<Value> {
    reserve(ctx, xs.len() + xs.len() / size + 1)?;
    let mut out = Vec::with_capacity(xs.len().div_ceil(size));
    for c in xs.chunks(size) {
        out.push(ctx.heap().alloc_array(c.to_vec())?);
    }
    new_array(ctx, out)
}

fn chunk(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("chunk", args, 2, 2)?;
    let xs = list(ctx, args[0])?;
    let size = super::support::int_arg(ctx.heap_ref(), args[1])?.saturating();
    if size <= 0 {
        return new_array(ctx, Vec::new());
    }
    chunks(ctx, &xs, usize::try_from(size).unwrap_or(usize::MAX))
}

fn every(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("every", args, 2, 2)?;
    for x in list(ctx, args[0])? {
        if !test(ctx, args[1], x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn some(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("some", args, 2, 2)?;
    for x in list(ctx, args[0])? {
        if test(ctx, args[1], x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn negative_indices() {
        assert_eq!(resolve(3, -1), Some(2));
        assert_eq!(resolve(3, -4), None);
        assert_eq!(resolve(3, 3), None);
        assert_eq!(resolve(0, 0), None);
        assert_eq!(resolve(3, i64::MIN), None);
    }
}
