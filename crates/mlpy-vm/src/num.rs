//! Numbers: Python int/float semantics over `Int(i64)` with promotion to heap big ints, exact
//! int/float comparison, and the `int()` / `float()` conversions of values.md §7.
//!
//! Invariants: every integer result goes through [`Heap::alloc_bigint`] or stays `Int`, so big
//! ints are always outside the i64 range; i64 paths never allocate; no operation wraps.

use crate::error::{RtError, RtResult};
use crate::heap::Heap;
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// A borrowed view of a numeric value (bools are ints).
#[derive(Clone, Copy, Debug)]
pub enum Num<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
}

/// The numeric view of `v`, or `None` if `v` is not a number.
#[inline]
pub fn num(heap: &Heap, v: Value) -> Option<Num<'_>> {
    match v {
        Value::Int(i) => Some(Num::Int(i)),
        Value::Bool(b) => Some(Num::Int(b as i64)),
        Value::Float(f) => Some(Num::Float(f)),
        Value::BigInt(g) => Some(Num::Big(heap.bigint(g))),
        _ => None,
    }
}

/// The arithmetic operators of language.md §7.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
}

impl ArithOp {
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::FloorDiv => "//",
            ArithOp::Mod => "%",
        }
    }
}

fn int_too_large() -> RtError {
    RtError::overflow_error("int too large to convert to float")
}

/// Converts a big int to the nearest float; `OverflowError` if it is out of float range.
pub fn big_to_f64(b: &BigInt) -> RtResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(int_too_large()),
    }
}

impl Num<'_> {
    /// The value as a float (`OverflowError` for ints beyond float range).
    #[inline]
    pub fn to_f64(self) -> RtResult<f64> {
        match self {
            Num::Int(i) => Ok(i as f64),
            Num::Float(f) => Ok(f),
            Num::Big(b) => big_to_f64(b),
        }
    }
    /// The value as a big int, if it is an int.
    fn to_big(self) -> Option<BigInt> {
        match self {
            Num::Int(i) => Some(BigInt::from(i)),
            Num::Big(b) => Some(b.clone()),
            Num::Float(_) => None,
        }
    }
}

/// `a op b` on two numbers. Returns `Ok(None)` when either operand is not a number.
pub fn arith(heap: &mut Heap, op: ArithOp, a: Value, b: Value) -> RtResult<Option<Value>> {
    let (Some(x), Some(y)) = (num(heap, a), num(heap, b)) else {
        return Ok(None);
    };
    match (x, y) {
        (Num::Int(i), Num::Int(j)) => int_arith(heap, op, i, j).map(Some),
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            float_arith(op, x.to_f64()?, y.to_f64()?).map(|f| Some(Value::Float(f)))
        }
        _ => {
            let (Some(i), Some(j)) = (x.to_big(), y.to_big()) else {
                return Ok(None);
            };
            big_arith(heap, op, i, j).map(Some)
        }
    }
}

/// Integer arithmetic with the i64 fast path; overflow promotes to a big int.
#[inline]
pub fn int_arith(heap: &mut Heap, op: ArithOp, i: i64, j: i64) -> RtResult<Value> {
    let r = match op {
        ArithOp::Add => i.checked_add(j),
        ArithOp::Sub => i.checked_sub(j),
        ArithOp::Mul => i.checked_mul(j),
        ArithOp::Div => return int_true_div(i, j).map(Value::Float),
        ArithOp::FloorDiv => {
            if j == 0 {
                return Err(RtError::zero_division("integer division or modulo by zero"));
            }
            if i == i64::MIN && j == -1 {
                None
            } else {
                Some(Integer::div_floor(&i, &j))
            }
        }
        ArithOp::Mod => {
            if j == 0 {
                return Err(RtError::zero_division("integer modulo by zero"));
            }
            Some(if j == -1 {
                0
            } else {
                Integer::mod_floor(&i, &j)
            })
        }
    };
    match r {
        Some(v) => Ok(Value::Int(v)),
        None => big_arith(heap, op, BigInt::from(i), BigInt::from(j)),
    }
}

/// `i / j` for two i64s, correctly rounded.
fn int_true_div(i: i64, j: i64) -> RtResult<f64> {
    if j == 0 {
        return Err(RtError::zero_division("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    if i.unsigned_abs() <= EXACT && j.unsigned_abs() <= EXACT {
        return Ok(i as f64 / j as f64);
    }
    big_true_div(&BigInt::from(i), &BigInt::from(j))
}

/// Correctly rounded true division of two integers (Python's `int / int`).
fn big_true_div(a: &BigInt, b: &BigInt) -> RtResult<f64> {
    if b.is_zero() {
        return Err(RtError::zero_division("division by zero"));
    }
    if a.is_zero() {
        return Ok(if a.is_negative() != b.is_negative() {
            -0.0
        } else {
            0.0
        });
    }
    let negative = a.is_negative() != b.is_negative();
    let (n, d) = (a.abs(), b.abs());
    // Scale so the quotient has 55..=56 significant bits, then let the int->float conversion
    // round once, with the remainder folded into a sticky bit.
    let shift: i64 = 55 - (n.bits() as i64 - d.bits() as i64);
    let (num, den) = if shift >= 0 {
        (n << (shift as usize), d)
    } else {
        (n, d << ((-shift) as usize))
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let exp = -shift;
    if exp > 1100 {
        return Err(RtError::overflow_error(
            "integer division result too large for a float",
        ));
    }
    // q < 2^57 so `q as f64` rounds correctly (sticky bit breaks ties the right way).
    let mut f = q as f64;
    // Apply 2^exp in steps that stay exact until the final one.
    let mut e = exp.max(-1200) as i32;
    while e > 0 {
        let step = e.min(1000);
        f *= 2f64.powi(step);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        f /= 2f64.powi(step);
        e += step;
    }
    if f.is_infinite() {
        return Err(RtError::overflow_error(
            "integer division result too large for a float",
        ));
    }
    Ok(if negative { -f } else { f })
}

/// Big-int arithmetic; results are normalized back to `Int` when they fit.
pub fn big_arith(heap: &mut Heap, op: ArithOp, i: BigInt, j: BigInt) -> RtResult<Value> {
    let r = match op {
        ArithOp::Add => i + j,
        ArithOp::Sub => i - j,
        ArithOp::Mul => {
            heap.check_bigint_bits(i.bits() + j.bits())?;
            i * j
        }
        ArithOp::Div => return big_true_div(&i, &j).map(Value::Float),
        ArithOp::FloorDiv => {
            if j.is_zero() {
                return Err(RtError::zero_division("integer division or modulo by zero"));
            }
            i.div_floor(&j)
        }
        ArithOp::Mod => {
            if j.is_zero() {
                return Err(RtError::zero_division("integer modulo by zero"));
            }
            i.mod_floor(&j)
        }
    };
    Ok(heap.alloc_bigint(r)?)
}

/// Float arithmetic with Python's zero-division errors and floor/mod rules.
#[inline]
pub fn float_arith(op: ArithOp, a: f64, b: f64) -> RtResult<f64> {
    Ok(match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => {
            if b == 0.0 {
                return Err(RtError::zero_division("float division by zero"));
            }
            a / b
        }
        ArithOp::FloorDiv => {
            if b == 0.0 {
                return Err(RtError::zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        ArithOp::Mod => {
            if b == 0.0 {
                return Err(RtError::zero_division("float modulo"));
            }
            float_divmod(a, b).1
        }
    })
}

/// CPython's `float_divmod` (b != 0).
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// Unary minus; `Ok(None)` when `v` is not a number.
pub fn neg(heap: &mut Heap, v: Value) -> RtResult<Option<Value>> {
    Ok(Some(match v {
        Value::Int(i) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => heap.alloc_bigint(-BigInt::from(i))?,
        },
        Value::Bool(b) => Value::Int(-(b as i64)),
        Value::Float(f) => Value::Float(-f),
        Value::BigInt(g) => {
            let n = -heap.bigint(g).clone();
            heap.alloc_bigint(n)?
        }
        _ => return Ok(None),
    }))
}

/// `abs(v)` for numbers (int stays int, bool → int); `Ok(None)` when `v` is not a number.
pub fn abs(heap: &mut Heap, v: Value) -> RtResult<Option<Value>> {
    Ok(Some(match v {
        Value::Int(i) if i < 0 => return neg(heap, v),
        Value::Int(_) => v,
        Value::Bool(b) => Value::Int(b as i64),
        Value::Float(f) => Value::Float(f.abs()),
        Value::BigInt(g) => {
            let n = heap.bigint(g).abs();
            heap.alloc_bigint(n)?
        }
        _ => return Ok(None),
    }))
}

/// Exact comparison of an int with a float (`None` if the float is NaN).
pub fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO63 {
        return Some(Ordering::Less);
    }
    if f < -TWO63 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    Some(
        i.cmp(&(t as i64))
            .then_with(|| 0.0.partial_cmp(&(f - t)).unwrap_or(Ordering::Equal)),
    )
}

/// Exact comparison of a big int with a float.
fn cmp_big_float(b: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let t = f.trunc();
    let tb = BigInt::from_f64(t)?;
    Some(
        b.cmp(&tb)
            .then_with(|| 0.0.partial_cmp(&(f - t)).unwrap_or(Ordering::Equal)),
    )
}

/// Exact numeric comparison (`None` when a NaN is involved).
pub fn num_cmp(x: Num<'_>, y: Num<'_>) -> Option<Ordering> {
    match (x, y) {
        (Num::Int(i), Num::Int(j)) => Some(i.cmp(&j)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
        (Num::Int(i), Num::Float(f)) => cmp_int_float(i, f),
        (Num::Float(f), Num::Int(i)) => cmp_int_float(i, f).map(Ordering::reverse),
        (Num::Big(b), Num::Float(f)) => cmp_big_float(b, f),
        (Num::Float(f), Num::Big(b)) => cmp_big_float(b, f).map(Ordering::reverse),
        (Num::Big(a), Num::Big(b)) => Some(a.cmp(b)),
        // A normalized big int is outside the i64 range, so its sign decides.
        (Num::Big(b), Num::Int(_)) => Some(if b.is_negative() {
            Ordering::Less
        } else {
            Ordering::Greater
        }),
        (Num::Int(_), Num::Big(b)) => Some(if b.is_negative() {
            Ordering::Greater
        } else {
            Ordering::Less
        }),
    }
}

/// Truncates a float to an int value (`int(3.9)` → 3).
pub fn float_to_int(heap: &mut Heap, f: f64) -> RtResult<Value> {
    if f.is_nan() {
        return Err(RtError::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(RtError::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&t) {
        return Ok(Value::Int(t as i64));
    }
    match BigInt::from_f64(t) {
        Some(b) => Ok(heap.alloc_bigint(b)?),
        None => Err(RtError::overflow_error(
            "cannot convert float infinity to integer",
        )),
    }
}

/// Python's `_` rule for numeric literals: underscores only between digits.
fn strip_underscores(s: &str, is_digit: impl Fn(u8) -> bool) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let ok = i > 0 && i + 1 < b.len() && is_digit(b[i - 1]) && is_digit(b[i + 1]);
            if !ok {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// Parses Python float syntax (`"1e3"`, `"inf"`, `"-Infinity"`, `"nan"`, `"1_000"`), after
/// trimming whitespace.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    let ok_chars = !body.is_empty()
        && body
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'))
        && body.bytes().any(|c| c.is_ascii_digit());
    if !ok_chars {
        return None;
    }
    let clean = strip_underscores(body, |c| c.is_ascii_digit())?;
    // Rust accepts forms Python rejects? Both accept "1.", ".5", "1e5"; Rust rejects "1e" too.
    clean.parse::<f64>().ok().map(|f| sign * f)
}

/// CPython's limit on the decimal digits of an int converted from or to text (values.md §4.5).
pub const MAX_INT_DIGITS: usize = 4300;

/// The `ValueError` of an int with more than [`MAX_INT_DIGITS`] digits turned into text.
pub fn int_to_text_limit_error() -> RtError {
    RtError::value_error(
        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
    )
}

/// The `ValueError` of text with `digits` (more than [`MAX_INT_DIGITS`]) decimal digits read
/// as an int, CPython's message.
pub fn text_to_int_limit_error(digits: usize) -> RtError {
    RtError::value_error(format!(
        "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// Parses a Python decimal integer literal (optional sign, digits, `_` between digits).
fn parse_int_literal(heap: &mut Heap, t: &str) -> RtResult<Option<Value>> {
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_digit() || c == b'_') {
        return Ok(None);
    }
    let Some(digits) = strip_underscores(body, |c| c.is_ascii_digit()) else {
        return Ok(None);
    };
    if digits.len() > MAX_INT_DIGITS {
        return Err(text_to_int_limit_error(digits.len()));
    }
    if let Ok(v) = digits.parse::<i64>() {
        return Ok(Some(Value::Int(if neg { -v } else { v })));
    }
    let Ok(b) = digits.parse::<BigInt>() else {
        return Ok(None);
    };
    Ok(Some(heap.alloc_bigint(if neg { -b } else { b })?))
}

/// ML `int(v)` (values.md §7).
pub fn to_int(heap: &mut Heap, v: Value) -> RtResult<Value> {
    match v {
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Int(_) | Value::BigInt(_) => Ok(v),
        Value::Float(f) => float_to_int(heap, f),
        Value::Str(g) => {
            let text = heap.str(g).trim().to_string();
            if let Some(i) = parse_int_literal(heap, &text)? {
                return Ok(i);
            }
            match parse_float(&text) {
                Some(f) if f.is_finite() => float_to_int(heap, f),
                _ => {
                    let shown = crate::text::str_repr(heap.str(g));
                    Err(RtError::value_error(format!(
                        "invalid literal for int() with base 10: {shown}"
                    )))
                }
            }
        }
        _ => Err(RtError::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            v.type_name(heap)
        ))),
    }
}

/// ML `float(v)` (values.md §7).
pub fn to_float(heap: &mut Heap, v: Value) -> RtResult<Value> {
    match v {
        Value::Bool(b) => Ok(Value::Float(b as i64 as f64)),
        Value::Int(i) => Ok(Value::Float(i as f64)),
        Value::Float(_) => Ok(v),
        Value::BigInt(g) => Ok(Value::Float(big_to_f64(heap.bigint(g))?)),
        Value::Str(g) => match parse_float(heap.str(g)) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(RtError::value_error(format!(
                "could not convert string to float: {}",
                crate::text::str_repr(heap.str(g))
            ))),
        },
        _ => Err(RtError::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            v.type_name(heap)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(heap: &Heap, v: Value) -> String {
        crate::text::display(heap, v).unwrap()
    }

    #[test]
    fn int_overflow_promotes_and_normalizes() {
        let mut h = Heap::new();
        let v = int_arith(&mut h, ArithOp::Add, i64::MAX, 1).unwrap();
        assert_eq!(show(&h, v), "9223372036854775808");
        let back = arith(&mut h, ArithOp::Sub, v, Value::Int(1))
            .unwrap()
            .unwrap();
        assert!(matches!(back, Value::Int(i64::MAX)));
        let m = int_arith(&mut h, ArithOp::FloorDiv, i64::MIN, -1).unwrap();
        assert_eq!(show(&h, m), "9223372036854775808");
        let n = neg(&mut h, Value::Int(i64::MIN)).unwrap().unwrap();
        assert_eq!(show(&h, n), "9223372036854775808");
        assert!(matches!(
            int_arith(&mut h, ArithOp::Mod, i64::MIN, -1).unwrap(),
            Value::Int(0)
        ));
    }

    #[test]
    fn factorial_25_and_two_to_64() {
        let mut h = Heap::new();
        let mut f = Value::Int(1);
        for i in 1..=25 {
            f = arith(&mut h, ArithOp::Mul, f, Value::Int(i))
                .unwrap()
                .unwrap();
        }
        assert_eq!(show(&h, f), "15511210043330985984000000");
        let mut p = Value::Int(1);
        for _ in 0..64 {
            p = arith(&mut h, ArithOp::Mul, p, Value::Int(2))
                .unwrap()
                .unwrap();
        }
        assert_eq!(show(&h, p), "18446744073709551616");
        let s = h.alloc_str("18446744073709551616").unwrap();
        let q = to_int(&mut h, s).unwrap();
        assert_eq!(
            num_cmp(num(&h, p).unwrap(), num(&h, q).unwrap()),
            Some(Ordering::Equal)
        );
        let fl = to_float(&mut h, p).unwrap();
        assert!(matches!(fl, Value::Float(x) if x == 18446744073709551616.0));
        assert_eq!(
            num_cmp(num(&h, p).unwrap(), Num::Float(18446744073709551616.0)),
            Some(Ordering::Equal)
        );
        let half = arith(&mut h, ArithOp::FloorDiv, p, Value::Int(2))
            .unwrap()
            .unwrap();
        assert_eq!(show(&h, half), "9223372036854775808");
        let r = arith(&mut h, ArithOp::Div, p, Value::Int(3))
            .unwrap()
            .unwrap();
        assert!(matches!(r, Value::Float(x) if x == 18446744073709551616.0 / 3.0));
    }

    #[test]
    fn python_division_and_modulo() {
        let mut h = Heap::new();
        let mut ar = |op, a, b| arith(&mut h, op, a, b).unwrap().unwrap();
        assert!(
            matches!(ar(ArithOp::Div, Value::Int(7), Value::Int(2)), Value::Float(x) if x == 3.5)
        );
        assert!(matches!(
            ar(ArithOp::FloorDiv, Value::Int(-7), Value::Int(2)),
            Value::Int(-4)
        ));
        assert!(matches!(
            ar(ArithOp::Mod, Value::Int(-7), Value::Int(3)),
            Value::Int(2)
        ));
        assert!(matches!(
            ar(ArithOp::Mod, Value::Int(7), Value::Int(-3)),
            Value::Int(-2)
        ));
        assert!(
            matches!(ar(ArithOp::FloorDiv, Value::Float(7.5), Value::Int(2)), Value::Float(x) if x == 3.0)
        );
        assert!(
            matches!(ar(ArithOp::Mod, Value::Float(-7.5), Value::Int(2)), Value::Float(x) if x == 0.5)
        );
        assert!(matches!(
            ar(ArithOp::Add, Value::Int(1), Value::Bool(true)),
            Value::Int(2)
        ));
        for (op, a, b, msg) in [
            (
                ArithOp::Div,
                Value::Int(1),
                Value::Int(0),
                "division by zero",
            ),
            (
                ArithOp::Div,
                Value::Float(1.0),
                Value::Int(0),
                "float division by zero",
            ),
            (
                ArithOp::FloorDiv,
                Value::Int(1),
                Value::Bool(false),
                "integer division or modulo by zero",
            ),
            (
                ArithOp::FloorDiv,
                Value::Int(1),
                Value::Float(0.0),
                "float floor division by zero",
            ),
            (
                ArithOp::Mod,
                Value::Int(1),
                Value::Int(0),
                "integer modulo by zero",
            ),
            (
                ArithOp::Mod,
                Value::Float(1.0),
                Value::Int(0),
                "float modulo",
            ),
        ] {
            assert_eq!(arith(&mut h, op, a, b).unwrap_err().message(), msg);
        }
    }

    #[test]
    fn exact_int_float_comparison() {
        assert_eq!(
            cmp_int_float(9007199254740993, 9007199254740992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_int_float(1, 1.5), Some(Ordering::Less));
        assert_eq!(cmp_int_float(-1, -1.5), Some(Ordering::Greater));
        assert_eq!(
            cmp_int_float(i64::MAX, 9_223_372_036_854_775_808.0),
            Some(Ordering::Less)
        );
        assert_eq!(cmp_int_float(3, f64::NAN), None);
        assert_eq!(cmp_int_float(3, 3.0), Some(Ordering::Equal));
    }

    #[test]
    fn huge_int_to_float_overflows() {
        let mut h = Heap::new();
        let big = h.alloc_bigint(BigInt::from(1) << 2000usize).unwrap();
        let e = to_float(&mut h, big).unwrap_err();
        assert_eq!(e.message(), "int too large to convert to float");
        let e = arith(&mut h, ArithOp::Add, big, Value::Float(1.0)).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::OverflowError);
    }

    #[test]
    fn int_and_float_conversions() {
        let mut h = Heap::new();
        let mut int_of = |s: &str| {
            let v = h.alloc_str(s).unwrap();
            to_int(&mut h, v)
                .map(|r| show(&h, r))
                .map_err(|e| e.message().to_string())
        };
        assert_eq!(int_of("3.9").unwrap(), "3");
        assert_eq!(int_of(" 7 ").unwrap(), "7");
        assert_eq!(int_of("1e3").unwrap(), "1000");
        assert_eq!(int_of("1_000").unwrap(), "1000");
        assert_eq!(
            int_of("12345678901234567890").unwrap(),
            "12345678901234567890"
        );
        assert_eq!(
            int_of("abc").unwrap_err(),
            "invalid literal for int() with base 10: 'abc'"
        );
        assert_eq!(
            int_of("1__0").unwrap_err(),
            "invalid literal for int() with base 10: '1__0'"
        );
        for (s, f) in [
            ("1e3", 1000.0),
            (" -Infinity ", f64::NEG_INFINITY),
            ("1_000", 1000.0),
            (".5", 0.5),
        ] {
            assert_eq!(parse_float(s), Some(f));
        }
        assert!(parse_float("nan").unwrap().is_nan());
        assert_eq!(parse_float("x"), None);
        assert_eq!(parse_float("1_"), None);
        let e = float_to_int(&mut h, f64::INFINITY).unwrap_err();
        assert_eq!(e.message(), "cannot convert float infinity to integer");
        let e = float_to_int(&mut h, f64::NAN).unwrap_err();
        assert_eq!(e.message(), "cannot convert float NaN to integer");
        let x = h.alloc_str("x").unwrap();
        assert_eq!(
            to_float(&mut h, x).unwrap_err().message(),
            "could not convert string to float: 'x'"
        );
        assert_eq!(
            to_int(&mut h, Value::Null).unwrap_err().kind(),
            crate::error::ErrorKind::TypeError
        );
    }
}
