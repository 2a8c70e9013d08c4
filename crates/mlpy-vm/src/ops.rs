//! Operators on values (language.md §7.2–7.3): arithmetic, `+` concatenation, repetition,
//! truthiness, deep equality, ordering, indexing, slicing, member reads, length and iteration.
//!
//! Invariants: int/float fast paths never allocate or hash; every result that grows memory is
//! checked against the heap budget *before* it is built; recursion over nested data carries a
//! depth and stops at `heap.max_depth` with `RecursionError`; error messages follow
//! values.md §9.3.

use crate::error::{RtError, RtResult};
use crate::heap::{Heap, HeapObject};
use crate::num::{self, ArithOp};
use crate::text;
use crate::value::{Gc, Value};
use num_traits::Signed;
use std::cmp::Ordering;

const VALUE_SIZE: usize = std::mem::size_of::<Value>();

fn unsupported(heap: &Heap, op: &str, a: Value, b: Value) -> RtError {
    RtError::type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        a.type_name(heap),
        b.type_name(heap)
    ))
}

// ---- arithmetic --------------------------------------------------------------------------

#[cold]
fn arith_slow(heap: &mut Heap, op: ArithOp, a: Value, b: Value) -> RtResult<Value> {
    match num::arith(heap, op, a, b)? {
        Some(v) => Ok(v),
        None => Err(unsupported(heap, op.symbol(), a, b)),
    }
}

macro_rules! int_float_fast {
    ($name:ident, $op:expr, $checked:ident, $fop:tt, $doc:literal) => {
        #[doc = $doc]
        #[inline]
        pub fn $name(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
            match (a, b) {
                (Value::Int(i), Value::Int(j)) => match i.$checked(j) {
                    Some(r) => Ok(Value::Int(r)),
                    None => arith_slow(heap, $op, a, b),
                },
                (Value::Float(x), Value::Float(y)) => Ok(Value::Float(x $fop y)),
                _ => arith_slow(heap, $op, a, b),
            }
        }
    };
}

int_float_fast!(sub, ArithOp::Sub, checked_sub, -, "`a - b`.");

/// `a + b`: numbers, string concatenation of display conversions, array/tuple concatenation.
#[inline]
pub fn add(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Int(i), Value::Int(j)) => match i.checked_add(j) {
            Some(r) => Ok(Value::Int(r)),
            None => arith_slow(heap, ArithOp::Add, a, b),
        },
        (Value::Float(x), Value::Float(y)) => Ok(Value::Float(x + y)),
        _ => add_slow(heap, a, b),
    }
}

#[cold]
fn add_slow(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Str(_), _) | (_, Value::Str(_)) => {
            let mut s = String::new();
            if let (Value::Str(x), Value::Str(y)) = (a, b) {
                // Two strings: charge the result before building it, at its exact size (a
                // container operand's text is bounded by the repr writer's budget instead).
                let len = heap.str(x).len().saturating_add(heap.str(y).len());
                heap.check(len)?;
                s.reserve_exact(len);
            }
            text::write_display(heap, a, &mut s)?;
            text::write_display(heap, b, &mut s)?;
            Ok(heap.alloc_string(s)?)
        }
        (Value::Array(x), Value::Array(y)) => {
            let (n, m) = (heap.array(x).len(), heap.array(y).len());
            heap.check((n + m) * VALUE_SIZE)?;
            let mut v = Vec::with_capacity(n + m);
            v.extend_from_slice(heap.array(x));
            v.extend_from_slice(heap.array(y));
            Ok(heap.alloc_array(v)?)
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            let (n, m) = (heap.tuple(x).len(), heap.tuple(y).len());
            heap.check((n + m) * VALUE_SIZE)?;
            let mut v = Vec::with_capacity(n + m);
            v.extend_from_slice(heap.tuple(x));
            v.extend_from_slice(heap.tuple(y));
            Ok(heap.alloc_tuple(v)?)
        }
        (Value::Array(_), _) | (Value::Tuple(_), _) => Err(RtError::type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            a.type_name(heap),
            b.type_name(heap),
            a.type_name(heap)
        ))),
        _ => arith_slow(heap, ArithOp::Add, a, b),
    }
}

/// `a * b`: numbers, or string/array/tuple repetition.
#[inline]
pub fn mul(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Int(i), Value::Int(j)) => match i.checked_mul(j) {
            Some(r) => Ok(Value::Int(r)),
            None => arith_slow(heap, ArithOp::Mul, a, b),
        },
        (Value::Float(x), Value::Float(y)) => Ok(Value::Float(x * y)),
        _ => mul_slow(heap, a, b),
    }
}

#[cold]
fn mul_slow(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Str(_) | Value::Array(_) | Value::Tuple(_), _) => repeat(heap, a, b),
        (_, Value::Str(_) | Value::Array(_) | Value::Tuple(_)) => repeat(heap, b, a),
        _ => arith_slow(heap, ArithOp::Mul, a, b),
    }
}

/// Sequence repetition; the result size is checked against the budget before allocating.
fn repeat(heap: &mut Heap, seq: Value, count: Value) -> RtResult<Value> {
    let n: i64 = match count {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        Value::BigInt(g) => {
            if heap.bigint(g).is_negative() {
                0
            } else {
                i64::MAX
            }
        }
        _ => {
            return Err(RtError::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                count.type_name(heap)
            )))
        }
    };
    let n = n.max(0) as usize;
    match seq {
        Value::Str(g) => {
            let len = heap.str(g).len();
            if n == 0 || len == 0 {
                return Ok(heap.empty_str()?);
            }
            let total = len.checked_mul(n).ok_or_else(RtError::memory)?;
            heap.check(total)?;
            let s = heap.str(g).repeat(n);
            Ok(heap.alloc_string(s)?)
        }
        Value::Array(g) | Value::Tuple(g) => {
            let items: &[Value] = if let Value::Array(_) = seq {
                heap.array(g)
            } else {
                heap.tuple(g)
            };
            let total = items.len().checked_mul(n).ok_or_else(RtError::memory)?;
            heap.check(total.checked_mul(VALUE_SIZE).ok_or_else(RtError::memory)?)?;
            let mut v = Vec::with_capacity(total);
            for _ in 0..n {
                v.extend_from_slice(items);
            }
            if let Value::Array(_) = seq {
                Ok(heap.alloc_array(v)?)
            } else {
                Ok(heap.alloc_tuple(v)?)
            }
        }
        _ => Err(unsupported(heap, "*", seq, count)),
    }
}

/// `a / b` (always float).
#[inline]
pub fn div(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) if y != 0.0 => Ok(Value::Float(x / y)),
        // Both exactly representable: one correctly rounded float division.
        (Value::Int(i), Value::Int(j))
            if j != 0 && i.unsigned_abs() <= 1 << 53 && j.unsigned_abs() <= 1 << 53 =>
        {
            Ok(Value::Float(i as f64 / j as f64))
        }
        _ => arith_slow(heap, ArithOp::Div, a, b),
    }
}

/// `a // b` (floor division).
#[inline]
pub fn floordiv(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Int(i), Value::Int(j)) if j > 0 => {
            Ok(Value::Int(num_integer::Integer::div_floor(&i, &j)))
        }
        _ => arith_slow(heap, ArithOp::FloorDiv, a, b),
    }
}

/// `a % b` (sign of the divisor).
#[inline]
pub fn modulo(heap: &mut Heap, a: Value, b: Value) -> RtResult<Value> {
    match (a, b) {
        (Value::Int(i), Value::Int(j)) => match int_modulo(i, j) {
            Some(r) => Ok(Value::Int(r)),
            None => arith_slow(heap, ArithOp::Mod, a, b),
        },
        _ => arith_slow(heap, ArithOp::Mod, a, b),
    }
}

/// `i % j` for a positive divisor (the common case, exact and overflow-free); `None` leaves
/// zero and negative divisors to the general path.
#[inline]
pub fn int_modulo(i: i64, j: i64) -> Option<i64> {
    (j > 0).then(|| i.rem_euclid(j))
}

/// Unary `-a`.
#[inline]
pub fn neg(heap: &mut Heap, a: Value) -> RtResult<Value> {
    match a {
        Value::Int(i) if i != i64::MIN => Ok(Value::Int(-i)),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ => match num::neg(heap, a)? {
            Some(v) => Ok(v),
            None => Err(RtError::type_error(format!(
                "bad operand type for unary -: '{}'",
                a.type_name(heap)
            ))),
        },
    }
}

/// Unary `!a` (always a bool).
#[inline]
pub fn not(heap: &Heap, a: Value) -> Value {
    Value::Bool(!truthy(heap, a))
}

/// Python truthiness (values.md §5).
#[inline]
pub fn truthy(heap: &Heap, v: Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::Float(f) => f != 0.0,
        Value::BigInt(_) | Value::Function(_) | Value::Native(_) => true,
        Value::Str(g) => !heap.str(g).is_empty(),
        Value::Array(g) => !heap.array(g).is_empty(),
        Value::Object(g) => !heap.object(g).is_empty(),
        Value::Tuple(g) => !heap.tuple(g).is_empty(),
        Value::Other(g) => match heap.get(g) {
            HeapObject::Bytes(b) => !b.is_empty(),
            _ => true,
        },
    }
}

// ---- equality and ordering ----------------------------------------------------------------

/// Deep ML equality (`==`): numeric across int/float/bool, deep for arrays/objects/tuples,
/// identity for functions and opaque objects. Only fails on the data-depth limit.
#[inline]
pub fn equals(heap: &Heap, a: Value, b: Value) -> RtResult<bool> {
    match (a, b) {
        (Value::Int(i), Value::Int(j)) => Ok(i == j),
        (Value::Str(x), Value::Str(y)) => Ok(x == y || heap.str(x) == heap.str(y)),
        _ => eq_at(heap, a, b, 0),
    }
}

/// Key equality for `ObjMap` (same as [`equals`]).
#[inline]
pub(crate) fn key_eq(heap: &Heap, a: Value, b: Value) -> RtResult<bool> {
    equals(heap, a, b)
}

fn eq_at(heap: &Heap, a: Value, b: Value, depth: usize) -> RtResult<bool> {
    if depth > heap.max_depth {
        return Err(RtError::depth());
    }
    Ok(match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Str(x), Value::Str(y)) => x == y || heap.str(x) == heap.str(y),
        (Value::Array(x), Value::Array(y)) => {
            x == y || seq_eq(heap, heap.array(x), heap.array(y), depth)?
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            x == y || seq_eq(heap, heap.tuple(x), heap.tuple(y), depth)?
        }
        (Value::Object(x), Value::Object(y)) => {
            if x == y {
                return Ok(true);
            }
            let (mx, my) = (heap.object(x), heap.object(y));
            if mx.len() != my.len() {
                return Ok(false);
            }
            for (k, v) in mx.iter() {
                match my.get(heap, k)? {
                    Some(w) if eq_at(heap, v, w, depth + 1)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Function(x), Value::Function(y)) => x == y,
        (Value::Native(x), Value::Native(y)) => x == y,
        (Value::Other(x), Value::Other(y)) => {
            x == y
                || matches!((heap.get(x), heap.get(y)),
                    (HeapObject::Bytes(p), HeapObject::Bytes(q)) if p == q)
        }
        _ => match (num::num(heap, a), num::num(heap, b)) {
            (Some(x), Some(y)) => num::num_cmp(x, y) == Some(Ordering::Equal),
            _ => false,
        },
    })
}

fn seq_eq(heap: &Heap, x: &[Value], y: &[Value], depth: usize) -> RtResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (&p, &q) in x.iter().zip(y) {
        if !eq_at(heap, p, q, depth + 1)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Ordering for `<`, `<=`, `>`, `>=` and sorting. `Ok(None)` = unordered (NaN involved);
/// incomparable kinds → `TypeError` "'<' not supported between instances of 'int' and 'str'"
/// (`op` is the operator named in the message).
pub fn compare(heap: &Heap, a: Value, b: Value, op: &str) -> RtResult<Option<Ordering>> {
    cmp_at(heap, a, b, op, 0)
}

fn cmp_at(heap: &Heap, a: Value, b: Value, op: &str, depth: usize) -> RtResult<Option<Ordering>> {
    if depth > heap.max_depth {
        return Err(RtError::depth());
    }
    match (a, b) {
        (Value::Int(i), Value::Int(j)) => Ok(Some(i.cmp(&j))),
        (Value::Str(x), Value::Str(y)) => Ok(Some(heap.str(x).cmp(heap.str(y)))),
        (Value::Array(x), Value::Array(y)) => {
            seq_cmp(heap, heap.array(x), heap.array(y), op, depth)
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            seq_cmp(heap, heap.tuple(x), heap.tuple(y), op, depth)
        }
        _ => match (num::num(heap, a), num::num(heap, b)) {
            (Some(x), Some(y)) => Ok(num::num_cmp(x, y)),
            _ => Err(RtError::type_error(format!(
                "'{op}' not supported between instances of '{}' and '{}'",
                a.type_name(heap),
                b.type_name(heap)
            ))),
        },
    }
}

fn seq_cmp(
    heap: &Heap,
    x: &[Value],
    y: &[Value],
    op: &str,
    depth: usize,
) -> RtResult<Option<Ordering>> {
    for (&p, &q) in x.iter().zip(y) {
        if !eq_at(heap, p, q, depth + 1)? {
            return cmp_at(heap, p, q, op, depth + 1);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

macro_rules! relational {
    ($name:ident, $sym:literal, $fast:tt, $pat:pat) => {
        #[doc = concat!("`a ", $sym, " b`.")]
        #[inline]
        pub fn $name(heap: &Heap, a: Value, b: Value) -> RtResult<bool> {
            match (a, b) {
                (Value::Int(i), Value::Int(j)) => Ok(i $fast j),
                (Value::Float(x), Value::Float(y)) => Ok(x $fast y),
                _ => Ok(matches!(compare(heap, a, b, $sym)?, Some($pat))),
            }
        }
    };
}

relational!(lt, "<", <, Ordering::Less);
relational!(le, "<=", <=, Ordering::Less | Ordering::Equal);
relational!(gt, ">", >, Ordering::Greater);
relational!(ge, ">=", >=, Ordering::Greater | Ordering::Equal);

// ---- length, indexing, slicing ----------------------------------------------------------

/// Size of a string (code points), array, tuple, object or bytes; `None` for other kinds.
#[inline]
pub fn length(heap: &Heap, v: Value) -> Option<usize> {
    match v {
        Value::Str(g) => Some(heap.string(g).char_len()),
        Value::Array(g) => Some(heap.array(g).len()),
        Value::Tuple(g) => Some(heap.tuple(g).len()),
        Value::Object(g) => Some(heap.object(g).len()),
        Value::Other(g) => match heap.get(g) {
            HeapObject::Bytes(b) => Some(b.len()),
            _ => None,
        },
        _ => None,
    }
}

/// `len(v)`; `TypeError` "object of type 'int' has no len()" for kinds without a size.
pub fn len(heap: &Heap, v: Value) -> RtResult<usize> {
    length(heap, v).ok_or_else(|| {
        RtError::type_error(format!(
            "object of type '{}' has no len()",
            v.type_name(heap)
        ))
    })
}

/// An int-like index value as i64 (big ints saturate, which is always out of range).
#[inline]
fn as_index(heap: &Heap, key: Value) -> Option<i64> {
    match key {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        Value::BigInt(g) => Some(if heap.bigint(g).is_negative() {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ => None,
    }
}

/// Resolves a possibly negative index against `len`.
#[inline]
fn resolve(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    if i >= 0 && (i as usize) < len {
        Some(i as usize)
    } else {
        None
    }
}

/// The `i`-th code point of `s` (`i < char_len`), as a fresh 1-char string value.
fn char_at(heap: &mut Heap, g: Gc, i: usize) -> RtResult<Value> {
    let c = heap.string(g).char_at(i).unwrap_or('\u{0}');
    Ok(heap.char_str(c)?)
}

/// A big-int index into a sequence is CPython's `IndexError` "cannot fit 'int' into an
/// index-sized integer" (not "index out of range"); objects take big ints as ordinary keys.
fn check_big_index(heap: &Heap, x: Value, key: Value) -> RtResult<()> {
    let sequence = match x {
        Value::Array(_) | Value::Tuple(_) | Value::Str(_) => true,
        Value::Other(g) => matches!(heap.get(g), HeapObject::Bytes(_)),
        _ => false,
    };
    if sequence && matches!(key, Value::BigInt(_)) {
        return Err(RtError::index_error(
            "cannot fit 'int' into an index-sized integer",
        ));
    }
    Ok(())
}

/// `x[key]` (language.md §7.3).
pub fn index(heap: &mut Heap, x: Value, key: Value) -> RtResult<Value> {
    check_big_index(heap, x, key)?;
    match x {
        Value::Array(g) => match as_index(heap, key) {
            Some(i) => {
                let arr = heap.array(g);
                match resolve(i, arr.len()) {
                    Some(i) => Ok(arr[i]),
                    None => Err(RtError::index_error("list index out of range")),
                }
            }
            None => Err(RtError::type_error(format!(
                "list indices must be integers or slices, not {}",
                key.type_name(heap)
            ))),
        },
        Value::Tuple(g) => match as_index(heap, key) {
            Some(i) => {
                let t = heap.tuple(g);
                match resolve(i, t.len()) {
                    Some(i) => Ok(t[i]),
                    None => Err(RtError::index_error("tuple index out of range")),
                }
            }
            None => Err(RtError::type_error(format!(
                "tuple indices must be integers or slices, not {}",
                key.type_name(heap)
            ))),
        },
        Value::Str(g) => match as_index(heap, key) {
            Some(i) => match resolve(i, heap.string(g).char_len()) {
                Some(i) => char_at(heap, g, i),
                None => Err(RtError::index_error("string index out of range")),
            },
            None => Err(RtError::type_error(format!(
                "string indices must be integers, not '{}'",
                key.type_name(heap)
            ))),
        },
        Value::Object(g) => match heap.object_get(g, key)? {
            Some(v) => Ok(v),
            None => Err(RtError::key_error(text::repr(heap, key)?)),
        },
        Value::Other(g) if matches!(heap.get(g), HeapObject::Bytes(_)) => {
            let HeapObject::Bytes(b) = heap.get(g) else {
                unreachable!()
            };
            match as_index(heap, key) {
                Some(i) => match resolve(i, b.len()) {
                    Some(i) => Ok(Value::Int(b[i] as i64)),
                    None => Err(RtError::index_error("index out of range")),
                },
                None => Err(RtError::type_error(format!(
                    "byte indices must be integers or slices, not {}",
                    key.type_name(heap)
                ))),
            }
        }
        _ => Err(RtError::type_error(format!(
            "'{}' object is not subscriptable",
            x.type_name(heap)
        ))),
    }
}

/// `x[key] = value` (language.md §6.2): arrays never grow by assignment.
pub fn set_index(heap: &mut Heap, x: Value, key: Value, value: Value) -> RtResult<()> {
    check_big_index(heap, x, key)?;
    match x {
        Value::Array(g) => match as_index(heap, key) {
            Some(i) => {
                let arr = heap.array_mut(g);
                match resolve(i, arr.len()) {
                    Some(i) => {
                        arr[i] = value;
                        Ok(())
                    }
                    None => Err(RtError::index_error("list assignment index out of range")),
                }
            }
            None => Err(RtError::type_error(format!(
                "list indices must be integers or slices, not {}",
                key.type_name(heap)
            ))),
        },
        Value::Object(g) => heap.object_set(g, key, value),
        _ => Err(RtError::type_error(format!(
            "'{}' object does not support item assignment",
            x.type_name(heap)
        ))),
    }
}

/// A slice resolved against a length: the selected positions are
/// `start, start + step, ...` (`count` of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceRange {
    pub start: i64,
    pub step: i64,
    pub count: usize,
}

impl SliceRange {
    /// The selected positions.
    pub fn positions(self) -> impl Iterator<Item = usize> {
        (0..self.count).map(move |k| (self.start + k as i64 * self.step) as usize)
    }
}

fn slice_bound(heap: &Heap, v: Value) -> RtResult<Option<i64>> {
    match v {
        Value::Null => Ok(None),
        _ => as_index(heap, v).map(Some).ok_or_else(|| {
            RtError::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )
        }),
    }
}

/// Resolves `start:stop:step` (null = omitted) against `len` with Python's rules.
pub fn resolve_slice(
    heap: &Heap,
    len: usize,
    start: Value,
    stop: Value,
    step: Value,
) -> RtResult<SliceRange> {
    let step = slice_bound(heap, step)?.unwrap_or(1);
    if step == 0 {
        return Err(RtError::value_error("slice step cannot be zero"));
    }
    let step = step.max(-i64::MAX);
    let len = len as i64;
    let adjust = |b: Option<i64>, default: i64| -> i64 {
        match b {
            None => default,
            Some(i) if i < 0 => {
                let i = i.saturating_add(len);
                if i < 0 {
                    if step < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    i
                }
            }
            Some(i) if i >= len => {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            }
            Some(i) => i,
        }
    };
    let start = adjust(
        slice_bound(heap, start)?,
        if step < 0 { len - 1 } else { 0 },
    );
    let stop = adjust(slice_bound(heap, stop)?, if step < 0 { -1 } else { len });
    let count = if step < 0 {
        if stop < start {
            ((start - stop - 1) as u64 / step.unsigned_abs() + 1) as usize
        } else {
            0
        }
    } else if start < stop {
        ((stop - start - 1) as u64 / step as u64 + 1) as usize
    } else {
        0
    };
    Ok(SliceRange { start, step, count })
}

/// `x[start:stop:step]` on arrays, tuples and strings (null bounds = omitted).
pub fn slice(heap: &mut Heap, x: Value, start: Value, stop: Value, step: Value) -> RtResult<Value> {
    match x {
        Value::Array(g) | Value::Tuple(g) => {
            let items: &[Value] = if let Value::Array(_) = x {
                heap.array(g)
            } else {
                heap.tuple(g)
            };
            let r = resolve_slice(heap, items.len(), start, stop, step)?;
            let v: Vec<Value> = if r.step == 1 {
                items[r.start as usize..r.start as usize + r.count].to_vec()
            } else {
                r.positions().map(|i| items[i]).collect()
            };
            if let Value::Array(_) = x {
                Ok(heap.alloc_array(v)?)
            } else {
                Ok(heap.alloc_tuple(v)?)
            }
        }
        Value::Str(g) => {
            let ms = heap.string(g);
            let r = resolve_slice(heap, ms.char_len(), start, stop, step)?;
            let s = ms.as_str();
            let out: String = if ms.is_ascii() {
                if r.step == 1 {
                    s[r.start as usize..r.start as usize + r.count].to_string()
                } else {
                    let b = s.as_bytes();
                    r.positions().map(|i| b[i] as char).collect()
                }
            } else if r.step == 1 {
                let a = r.start as usize;
                ms.slice_chars(a, a + r.count).to_string()
            } else {
                let chars: Vec<char> = s.chars().collect();
                r.positions().map(|i| chars[i]).collect()
            };
            Ok(heap.alloc_string(out)?)
        }
        Value::Other(g) if matches!(heap.get(g), HeapObject::Bytes(_)) => {
            let HeapObject::Bytes(b) = heap.get(g) else {
                unreachable!()
            };
            let r = resolve_slice(heap, b.len(), start, stop, step)?;
            let out: Vec<u8> = r.positions().map(|i| b[i]).collect();
            Ok(heap.alloc_bytes(out)?)
        }
        _ => Err(RtError::type_error(format!(
            "'{}' object is not subscriptable",
            x.type_name(heap)
        ))),
    }
}

/// The elements of an iterable as a vector (arrays, tuples, strings as 1-char strings,
/// objects as their keys, bytes as ints); `TypeError` "'int' object is not iterable" otherwise.
pub fn iter_values(heap: &mut Heap, v: Value) -> RtResult<Vec<Value>> {
    match v {
        Value::Array(g) => Ok(heap.array(g).clone()),
        Value::Tuple(g) => Ok(heap.tuple(g).to_vec()),
        Value::Object(g) => Ok(heap.object(g).keys().collect()),
        Value::Str(g) => {
            let n = heap.string(g).char_len();
            heap.check(n * VALUE_SIZE)?;
            let chars: Vec<char> = heap.str(g).chars().collect();
            let mut out = Vec::with_capacity(chars.len());
            for c in chars {
                out.push(heap.char_str(c)?);
            }
            Ok(out)
        }
        _ => {
            let mut pos = 0;
            let mut out = Vec::new();
            while let Some(x) = iter_next(heap, v, &mut pos)? {
                out.push(x);
            }
            Ok(out)
        }
    }
}

/// One step of iteration over `source` with cursor `pos` (start at 0): arrays and tuples by
/// index (an array growing during the loop is seen, as in Python), strings by byte offset
/// (each step O(1)), objects over their keys by raw entry position, bytes as ints, and
/// iterator objects (`iter(x)`) by advancing their own cursor. `Ok(None)` = exhausted.
pub fn iter_next(heap: &mut Heap, source: Value, pos: &mut usize) -> RtResult<Option<Value>> {
    match source {
        Value::Array(g) => {
            let r = heap.array(g).get(*pos).copied();
            *pos += 1;
            Ok(r)
        }
        Value::Tuple(g) => {
            let r = heap.tuple(g).get(*pos).copied();
            *pos += 1;
            Ok(r)
        }
        Value::Str(g) => {
            let Some(c) = heap.str(g).get(*pos..).and_then(|s| s.chars().next()) else {
                return Ok(None);
            };
            *pos += c.len_utf8();
            Ok(Some(heap.char_str(c)?))
        }
        Value::Object(g) => {
            let m = heap.object(g);
            while *pos < m.raw_len() {
                let e = m.raw_entry(*pos);
                *pos += 1;
                if let Some((k, _)) = e {
                    return Ok(Some(k));
                }
            }
            Ok(None)
        }
        Value::Other(g) => match heap.get(g) {
            HeapObject::Bytes(b) => {
                let r = b.get(*pos).map(|&x| Value::Int(x as i64));
                *pos += 1;
                Ok(r)
            }
            HeapObject::Iterator(it) => {
                let (src, mut p) = (it.source, it.index);
                let r = iter_next(heap, src, &mut p)?;
                if let HeapObject::Iterator(it) = heap.get_mut(g) {
                    it.index = p;
                }
                Ok(r)
            }
            _ => Err(not_iterable(heap, source)),
        },
        _ => Err(not_iterable(heap, source)),
    }
}

fn not_iterable(heap: &Heap, v: Value) -> RtError {
    RtError::type_error(format!("'{}' object is not iterable", v.type_name(heap)))
}

/// Array slice assignment `a[start:stop:step] = items` (language.md §6.2).
pub fn set_slice(
    heap: &mut Heap,
    x: Value,
    start: Value,
    stop: Value,
    step: Value,
    items: Value,
) -> RtResult<()> {
    let Value::Array(g) = x else {
        return Err(RtError::type_error(format!(
            "'{}' object does not support item assignment",
            x.type_name(heap)
        )));
    };
    let new = match items {
        Value::Array(_) | Value::Tuple(_) | Value::Str(_) | Value::Object(_) => {
            iter_values(heap, items)?
        }
        _ => {
            return Err(RtError::type_error(
                "must assign iterable to extended slice".to_string(),
            ))
        }
    };
    let len = heap.array(g).len();
    let r = resolve_slice(heap, len, start, stop, step)?;
    if r.step == 1 {
        let from = r.start as usize;
        heap.array_reserve(g, new.len().saturating_sub(r.count))?;
        heap.array_mut(g).splice(from..from + r.count, new);
        return Ok(());
    }
    if new.len() != r.count {
        return Err(RtError::value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new.len(),
            r.count
        )));
    }
    let arr = heap.array_mut(g);
    for (i, v) in r.positions().zip(new) {
        arr[i] = v;
    }
    Ok(())
}

// ---- member access --------------------------------------------------------------------------

fn no_attribute(heap: &Heap, x: Value, name: &str) -> RtError {
    RtError::attribute_error(format!(
        "'{}' object has no accessible attribute '{name}'",
        x.type_name(heap)
    ))
}

/// Reads `x.name` (language.md §7.3) where `name` is a string value. Objects with only string
/// keys give the value or null; strings/arrays/tuples/non-string-key objects give `length` or a
/// bound method; error values give the §9.2 members; modules their members. Host (stdlib)
/// objects are dispatched by the native layer, not here (`AttributeError`).
pub fn get_member(heap: &mut Heap, x: Value, name: Value) -> RtResult<Value> {
    let Value::Str(ng) = name else {
        return Err(RtError::type_error("attribute name must be string"));
    };
    match x {
        Value::Object(g) if heap.object(g).all_string_keys() => {
            Ok(heap.object_get(g, name)?.unwrap_or(Value::Null))
        }
        Value::Object(_) | Value::Str(_) | Value::Array(_) | Value::Tuple(_) => {
            if heap.str(ng) == "length" {
                return Ok(Value::Int(length(heap, x).unwrap_or(0) as i64));
            }
            match crate::methods::method_name(heap, x, heap.str(ng)) {
                Some(m) => Ok(heap.alloc_bound_method(x, m)?),
                None => Err(no_attribute(heap, x, heap.str(ng))),
            }
        }
        Value::Other(g) => match heap.get(g) {
            HeapObject::Error(_) => error_member(heap, g, name),
            HeapObject::Module(m) => match m.members.get(heap, name)? {
                Some(v) => Ok(v),
                None => Err(RtError::attribute_error(format!(
                    "module '{}' has no attribute '{}'",
                    m.name,
                    heap.str(ng)
                ))),
            },
            _ => Err(no_attribute(heap, x, heap.str(ng))),
        },
        _ => Err(no_attribute(heap, x, heap.str(ng))),
    }
}

/// `e.name` on an error value (values.md §9.2).
fn error_member(heap: &mut Heap, g: Gc, name: Value) -> RtResult<Value> {
    let HeapObject::Error(e) = heap.get(g) else {
        return Ok(Value::Null);
    };
    let (kind, data, line, column) = (e.kind, e.data, e.line, e.column);
    if let Some(Value::Object(d)) = data {
        if let Some(v) = heap.object_get(d, name)? {
            return Ok(v);
        }
    }
    let Value::Str(ng) = name else {
        return Ok(Value::Null);
    };
    match heap.str(ng) {
        "message" => {
            let HeapObject::Error(e) = heap.get(g) else {
                return Ok(Value::Null);
            };
            let msg = e.message.clone();
            Ok(heap.alloc_string(msg)?)
        }
        "type" => Ok(heap.alloc_str(kind.name())?),
        "data" => Ok(data.unwrap_or(Value::Null)),
        "line" => Ok(Value::Int(line as i64)),
        "column" => Ok(Value::Int(column as i64)),
        _ if data.is_some() => Ok(Value::Null),
        other => Err(RtError::attribute_error(format!(
            "'{}' object has no accessible attribute '{other}'",
            kind.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::objmap::ObjMap;

    fn s(h: &mut Heap, t: &str) -> Value {
        h.alloc_str(t).unwrap()
    }
    fn show(h: &Heap, v: Value) -> String {
        text::display(h, v).unwrap()
    }
    fn arr(h: &mut Heap, xs: &[i64]) -> Value {
        h.alloc_array(xs.iter().map(|&i| Value::Int(i)).collect())
            .unwrap()
    }

    #[test]
    fn concatenation_and_repetition_examples() {
        let mut h = Heap::new();
        // print("Hi " + name + "!", "n=" + 3, 1 + 2 + "x", "x" + 1 + 2, [1] + [2, 3], "ab" * 2, name + 5);
        let name = s(&mut h, "Ada");
        let hi = s(&mut h, "Hi ");
        let bang = s(&mut h, "!");
        let t = add(&mut h, hi, name).unwrap();
        let t = add(&mut h, t, bang).unwrap();
        assert_eq!(show(&h, t), "Hi Ada!");
        let n = s(&mut h, "n=");
        let r = add(&mut h, n, Value::Int(3)).unwrap();
        assert_eq!(show(&h, r), "n=3");
        let x = s(&mut h, "x");
        let three = add(&mut h, Value::Int(1), Value::Int(2)).unwrap();
        let r = add(&mut h, three, x).unwrap();
        assert_eq!(show(&h, r), "3x");
        let r = add(&mut h, x, Value::Int(1)).unwrap();
        let r = add(&mut h, r, Value::Int(2)).unwrap();
        assert_eq!(show(&h, r), "x12");
        let a = arr(&mut h, &[1]);
        let b = arr(&mut h, &[2, 3]);
        let r = add(&mut h, a, b).unwrap();
        assert_eq!(show(&h, r), "[1, 2, 3]");
        let ab = s(&mut h, "ab");
        let r = mul(&mut h, ab, Value::Int(2)).unwrap();
        assert_eq!(show(&h, r), "abab");
        let r = add(&mut h, name, Value::Int(5)).unwrap();
        assert_eq!(show(&h, r), "Ada5");
        let b_ = s(&mut h, "b=");
        let r = add(&mut h, b_, Value::Bool(true)).unwrap();
        assert_eq!(show(&h, r), "b=True");
        let r = add(&mut h, x, Value::Null).unwrap();
        assert_eq!(show(&h, r), "xNone");
        let r = add(&mut h, x, a).unwrap();
        assert_eq!(show(&h, r), "x[1]");
        let tot = s(&mut h, "Total: ");
        let r = add(&mut h, tot, Value::Float(2.50)).unwrap();
        assert_eq!(show(&h, r), "Total: 2.5");
        let r = mul(&mut h, Value::Int(-1), ab).unwrap();
        assert_eq!(show(&h, r), "");
        let r = mul(&mut h, Value::Int(2), a).unwrap();
        assert_eq!(show(&h, r), "[1, 1]");
        assert_eq!(
            add(&mut h, a, Value::Int(1)).unwrap_err().message(),
            "can only concatenate list (not \"int\") to list"
        );
        assert_eq!(
            mul(&mut h, ab, ab).unwrap_err().message(),
            "can't multiply sequence by non-int of type 'str'"
        );
        assert_eq!(
            sub(&mut h, ab, Value::Int(1)).unwrap_err().message(),
            "unsupported operand type(s) for -: 'str' and 'int'"
        );
        assert_eq!(
            neg(&mut h, ab).unwrap_err().message(),
            "bad operand type for unary -: 'str'"
        );
        assert!(matches!(
            neg(&mut h, Value::Bool(true)).unwrap(),
            Value::Int(-1)
        ));
    }

    #[test]
    fn huge_repetition_is_a_memory_error() {
        let mut h = Heap::with_limit(1 << 20);
        let ab = s(&mut h, "ab");
        assert_eq!(
            mul(&mut h, ab, Value::Int(i64::MAX)).unwrap_err().kind(),
            ErrorKind::MemoryLimit
        );
        let a = arr(&mut h, &[1, 2]);
        assert_eq!(
            mul(&mut h, a, Value::Int(1 << 40)).unwrap_err().kind(),
            ErrorKind::MemoryLimit
        );
        let big = h
            .alloc_bigint(num_bigint::BigInt::from(1) << 100usize)
            .unwrap();
        assert_eq!(
            mul(&mut h, big, ab).unwrap_err().kind(),
            ErrorKind::MemoryLimit
        );
    }

    #[test]
    fn arithmetic_examples() {
        // print(7 / 2, 8 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7.5 // 2, 2 * 3.0, 1 + true);
        let mut h = Heap::new();
        let i = Value::Int;
        let out = [
            div(&mut h, i(7), i(2)),
            div(&mut h, i(8), i(2)),
            floordiv(&mut h, i(7), i(2)),
            floordiv(&mut h, i(-7), i(2)),
            modulo(&mut h, i(7), i(3)),
            modulo(&mut h, i(-7), i(3)),
            floordiv(&mut h, Value::Float(7.5), i(2)),
            mul(&mut h, i(2), Value::Float(3.0)),
            add(&mut h, i(1), Value::Bool(true)),
        ];
        let txt: Vec<String> = out.into_iter().map(|v| show(&h, v.unwrap())).collect();
        assert_eq!(txt.join(" "), "3.5 4.0 3 -4 1 2 3.0 6.0 2");
        let r = mul(&mut h, Value::Float(1e308), i(10)).unwrap();
        assert_eq!(show(&h, r), "inf");
        let r = modulo(&mut h, i(7), i(-3)).unwrap();
        assert_eq!(show(&h, r), "-2");
    }

    #[test]
    fn truthiness_table() {
        let mut h = Heap::new();
        let empty = s(&mut h, "");
        let zero = s(&mut h, "0");
        let ea = arr(&mut h, &[]);
        let a0 = arr(&mut h, &[0]);
        let eo = h.alloc_object(ObjMap::new()).unwrap();
        let et = h.alloc_tuple(vec![]).unwrap();
        let falsy = [
            Value::Bool(false),
            Value::Null,
            Value::Int(0),
            Value::Float(0.0),
            Value::Float(-0.0),
            empty,
            ea,
            eo,
            et,
        ];
        let truthy_ = [
            Value::Float(f64::NAN),
            zero,
            a0,
            Value::Int(-1),
            Value::Native(0),
        ];
        assert!(falsy.iter().all(|&v| !truthy(&h, v)));
        assert!(truthy_.iter().all(|&v| truthy(&h, v)));
    }

    #[test]
    fn equality_and_ordering() {
        let mut h = Heap::new();
        assert!(equals(&h, Value::Int(1), Value::Float(1.0)).unwrap());
        assert!(equals(&h, Value::Bool(true), Value::Int(1)).unwrap());
        assert!(equals(&h, Value::Bool(false), Value::Int(0)).unwrap());
        let one = s(&mut h, "1");
        assert!(!equals(&h, one, Value::Int(1)).unwrap());
        assert!(!equals(&h, Value::Float(f64::NAN), Value::Float(f64::NAN)).unwrap());
        let a = arr(&mut h, &[1]);
        let t = h.alloc_array(vec![Value::Bool(true)]).unwrap();
        assert!(equals(&h, a, t).unwrap());
        let tup = h.alloc_tuple(vec![Value::Int(1)]).unwrap();
        assert!(!equals(&h, a, tup).unwrap());
        let (k1, k2) = (s(&mut h, "a"), s(&mut h, "b"));
        let mut m1 = ObjMap::new();
        m1.insert(&h, k1, Value::Int(1)).unwrap();
        m1.insert(&h, k2, Value::Int(2)).unwrap();
        let mut m2 = ObjMap::new();
        m2.insert(&h, k2, Value::Float(2.0)).unwrap();
        m2.insert(&h, k1, Value::Int(1)).unwrap();
        let (o1, o2) = (h.alloc_object(m1).unwrap(), h.alloc_object(m2).unwrap());
        assert!(equals(&h, o1, o2).unwrap());
        let (big_b, small_a) = (s(&mut h, "B"), s(&mut h, "a"));
        assert!(lt(&h, big_b, small_a).unwrap());
        let (two, ten) = (s(&mut h, "2"), s(&mut h, "10"));
        assert!(!lt(&h, two, ten).unwrap());
        let (x, y) = (arr(&mut h, &[1, 2]), arr(&mut h, &[1, 2, 0]));
        assert!(lt(&h, x, y).unwrap());
        assert!(ge(&h, Value::Int(3), Value::Float(2.5)).unwrap());
        assert!(!lt(&h, Value::Float(f64::NAN), Value::Int(1)).unwrap());
        assert_eq!(
            lt(&h, Value::Int(1), one).unwrap_err().message(),
            "'<' not supported between instances of 'int' and 'str'"
        );
        assert!(lt(&h, Value::Null, Value::Null).is_err());
        // Self-containing arrays compare equal by identity, and mutual recursion is a depth error.
        let Value::Array(ga) = a else { unreachable!() };
        h.array_push(ga, a).unwrap();
        assert!(equals(&h, a, a).unwrap());
        let b = arr(&mut h, &[1]);
        let Value::Array(gb) = b else { unreachable!() };
        h.array_push(gb, b).unwrap();
        assert_eq!(
            equals(&h, a, b).unwrap_err().kind(),
            ErrorKind::RecursionError
        );
    }

    #[test]
    fn indexing_and_errors() {
        let mut h = Heap::new();
        let a = arr(&mut h, &[10, 20, 30, 40, 50]);
        assert!(matches!(
            index(&mut h, a, Value::Int(-1)).unwrap(),
            Value::Int(50)
        ));
        assert!(matches!(
            index(&mut h, a, Value::Bool(true)).unwrap(),
            Value::Int(20)
        ));
        assert_eq!(
            index(&mut h, a, Value::Int(5)).unwrap_err().message(),
            "list index out of range"
        );
        assert_eq!(
            index(&mut h, a, Value::Float(1.0)).unwrap_err().message(),
            "list indices must be integers or slices, not float"
        );
        let st = s(&mut h, "héllo");
        let c = index(&mut h, st, Value::Int(1)).unwrap();
        assert_eq!(show(&h, c), "é");
        assert_eq!(
            index(&mut h, st, Value::Int(9)).unwrap_err().message(),
            "string index out of range"
        );
        assert_eq!(
            index(&mut h, st, Value::Float(0.0)).unwrap_err().message(),
            "string indices must be integers, not 'float'"
        );
        assert_eq!(
            index(&mut h, Value::Int(1), Value::Int(0))
                .unwrap_err()
                .message(),
            "'int' object is not subscriptable"
        );
        let Value::Object(o) = h.alloc_object(ObjMap::new()).unwrap() else {
            unreachable!()
        };
        let ka = s(&mut h, "a");
        set_index(&mut h, Value::Object(o), ka, Value::Int(1)).unwrap();
        let kb = s(&mut h, "b");
        let e = index(&mut h, Value::Object(o), kb).unwrap_err();
        assert_eq!((e.kind(), e.message()), (ErrorKind::KeyError, "'b'"));
        let e = index(&mut h, Value::Object(o), a).unwrap_err();
        assert_eq!(e.message(), "unhashable type: 'list'");
        assert_eq!(
            set_index(&mut h, a, Value::Int(5), Value::Null)
                .unwrap_err()
                .message(),
            "list assignment index out of range"
        );
        set_index(&mut h, a, Value::Int(-5), Value::Null).unwrap();
        assert_eq!(show(&h, a), "[None, 20, 30, 40, 50]");
        assert_eq!(
            set_index(&mut h, st, Value::Int(0), Value::Null)
                .unwrap_err()
                .message(),
            "'str' object does not support item assignment"
        );
    }

    #[test]
    fn non_ascii_indexing_across_the_offset_index() {
        let mut h = Heap::new();
        let text: String = (0..1000)
            .map(|i| {
                if i % 3 == 0 {
                    'é'
                } else {
                    (b'a' + (i % 26) as u8) as char
                }
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let st = s(&mut h, &text);
        for i in [0usize, 1, 63, 64, 65, 127, 128, 500, 999] {
            let c = index(&mut h, st, Value::Int(i as i64)).unwrap();
            assert_eq!(show(&h, c), chars[i].to_string());
        }
        let r = slice(&mut h, st, Value::Int(60), Value::Int(70), Value::Null).unwrap();
        assert_eq!(show(&h, r), chars[60..70].iter().collect::<String>());
        let Value::Str(g) = st else { unreachable!() };
        let ms = h.string(g);
        for i in [0usize, 64, 100, 999, 1000] {
            assert_eq!(ms.char_index_of(ms.byte_offset(i)), i);
        }
    }

    #[test]
    fn slicing_examples() {
        let mut h = Heap::new();
        let a = arr(&mut h, &[10, 20, 30, 40, 50]);
        let n = Value::Null;
        let i = Value::Int;
        let cases = [
            (n, n, i(2), "[10, 30, 50]"),
            (i(1), i(3), n, "[20, 30]"),
            (n, n, i(-1), "[50, 40, 30, 20, 10]"),
            (i(-2), n, n, "[40, 50]"),
            (i(3), i(99), n, "[40, 50]"),
            (i(4), i(1), n, "[]"),
            (i(4), i(1), i(-2), "[50, 30]"),
            (i(-100), i(100), i(3), "[10, 40]"),
        ];
        for (a1, b1, c1, want) in cases {
            let r = slice(&mut h, a, a1, b1, c1).unwrap();
            assert_eq!(show(&h, r), want);
        }
        let st = s(&mut h, "abcdef");
        let r = slice(&mut h, st, n, i(3), n).unwrap();
        assert_eq!(show(&h, r), "abc");
        let r = slice(&mut h, st, n, n, i(-2)).unwrap();
        assert_eq!(show(&h, r), "fdb");
        let u = s(&mut h, "aé€b");
        let r = slice(&mut h, u, i(1), i(3), n).unwrap();
        assert_eq!(show(&h, r), "é€");
        let r = slice(&mut h, u, n, n, i(-1)).unwrap();
        assert_eq!(show(&h, r), "b€éa");
        assert_eq!(
            slice(&mut h, a, n, n, i(0)).unwrap_err().message(),
            "slice step cannot be zero"
        );
        assert_eq!(
            slice(&mut h, a, Value::Float(1.0), n, n)
                .unwrap_err()
                .kind(),
            ErrorKind::TypeError
        );
        let t = h.alloc_tuple(vec![i(1), i(2), i(3)]).unwrap();
        let r = slice(&mut h, t, i(1), n, n).unwrap();
        assert_eq!(show(&h, r), "(2, 3)");
        // Slice assignment.
        let b = arr(&mut h, &[1, 2, 3, 4]);
        let repl = arr(&mut h, &[9, 9, 9]);
        set_slice(&mut h, b, i(1), i(3), n, repl).unwrap();
        assert_eq!(show(&h, b), "[1, 9, 9, 9, 4]");
        let two = arr(&mut h, &[7, 8]);
        let e = set_slice(&mut h, b, n, n, i(2), two).unwrap_err();
        assert_eq!(
            e.message(),
            "attempt to assign sequence of size 2 to extended slice of size 3"
        );
        let three = arr(&mut h, &[7, 8, 6]);
        set_slice(&mut h, b, n, n, i(2), three).unwrap();
        assert_eq!(show(&h, b), "[7, 9, 8, 9, 6]");
    }

    #[test]
    fn members_and_iteration() {
        let mut h = Heap::new();
        let st = s(&mut h, "abcdef");
        let length = s(&mut h, "length");
        assert!(matches!(
            get_member(&mut h, st, length).unwrap(),
            Value::Int(6)
        ));
        let upper = s(&mut h, "upper");
        let m = get_member(&mut h, st, upper).unwrap();
        assert_eq!(show(&h, m), "<function upper>");
        let nope = s(&mut h, "nope");
        assert_eq!(
            get_member(&mut h, st, nope).unwrap_err().message(),
            "'str' object has no accessible attribute 'nope'"
        );
        let Value::Object(o) = h.alloc_object(ObjMap::new()).unwrap() else {
            unreachable!()
        };
        assert!(matches!(
            get_member(&mut h, Value::Object(o), nope).unwrap(),
            Value::Null
        ));
        h.object_set(o, length, Value::Int(7)).unwrap();
        assert!(matches!(
            get_member(&mut h, Value::Object(o), length).unwrap(),
            Value::Int(7)
        ));
        h.object_set(o, Value::Int(1), Value::Int(1)).unwrap();
        assert!(matches!(
            get_member(&mut h, Value::Object(o), length).unwrap(),
            Value::Int(2)
        ));
        assert_eq!(
            get_member(&mut h, Value::Object(o), nope)
                .unwrap_err()
                .kind(),
            ErrorKind::AttributeError
        );
        let u = s(&mut h, "aé");
        let mut pos = 0;
        let mut seen = Vec::new();
        while let Some(c) = iter_next(&mut h, u, &mut pos).unwrap() {
            seen.push(show(&h, c));
        }
        assert_eq!(seen, ["a", "é"]);
        assert_eq!(
            iter_next(&mut h, Value::Int(3), &mut pos)
                .unwrap_err()
                .message(),
            "'int' object is not iterable"
        );
        let it = h.alloc_iterator(Value::Object(o)).unwrap();
        let mut p = 0;
        assert!(iter_next(&mut h, it, &mut p).unwrap().is_some());
        assert!(iter_next(&mut h, it, &mut p).unwrap().is_some());
        assert!(iter_next(&mut h, it, &mut p).unwrap().is_none());
    }

    #[test]
    fn error_value_members() {
        let mut h = Heap::new();
        let (msg_k, code_k) = (s(&mut h, "message"), s(&mut h, "code"));
        let boom = s(&mut h, "boom");
        let mut m = ObjMap::new();
        m.insert(&h, msg_k, boom).unwrap();
        m.insert(&h, code_k, Value::Int(7)).unwrap();
        let data = h.alloc_object(m).unwrap();
        let e = h
            .alloc_error(crate::heap::ErrorValue {
                kind: ErrorKind::MLUserException,
                message: "boom".into(),
                data: Some(data),
                line: 3,
                column: 5,
            })
            .unwrap();
        let ty = s(&mut h, "type");
        let line = s(&mut h, "line");
        let r = get_member(&mut h, e, code_k).unwrap();
        assert!(matches!(r, Value::Int(7)));
        let r = get_member(&mut h, e, ty).unwrap();
        assert_eq!(show(&h, r), "MLUserException");
        assert!(matches!(
            get_member(&mut h, e, line).unwrap(),
            Value::Int(3)
        ));
        assert_eq!(show(&h, e), "boom");
        assert_eq!(e.typeof_name(&h), "unknown");
    }
}
