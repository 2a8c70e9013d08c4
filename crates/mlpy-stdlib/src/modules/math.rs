//! `math` (stdlib.md §4): constants `pi`, `e` and the math functions with mlpy's sentinel
//! results (`sqrt` of a negative → 0, `ln`/`log` of a non-positive → -999, `pow`/`exp`
//! overflow → `inf`), exact big-int `pow`, `factorial`, `gcd`, `lcm`.
//!
//! Invariant: exact integer results (`pow`, `factorial`) are checked against the heap budget
//! and charged fuel by their result size before they are computed.

use super::support::{add_all, arity, def, float_arg, int_arg};
use mlpy_vm::heap::Heap;
use mlpy_vm::num::{self, float_to_int, Num};
use mlpy_vm::{ops, ConstValue, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

const CAP: &[&str] = &["math.compute"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "math",
        "Mathematical operations and constants",
        &[
            def("sqrt", sqrt, CAP, "Square root"),
            def("abs", abs, CAP, "Absolute value"),
            def("sin", sin, CAP, "Sine function"),
            def("cos", cos, CAP, "Cosine function"),
            def("tan", tan, CAP, "Tangent function"),
            def("asin", asin, CAP, "Arc sine"),
            def("acos", acos, CAP, "Arc cosine"),
            def("atan", atan, CAP, "Arc tangent"),
            def("atan2", atan2, CAP, "Arc tangent of y/x"),
            def("ln", ln, CAP, "Natural logarithm"),
            def("log", log, CAP, "Logarithm with base"),
            def("exp", exp, CAP, "Exponential (e^x)"),
            def("pow", pow, CAP, "Power (x^y)"),
            def("floor", floor, CAP, "Floor function"),
            def("ceil", ceil, CAP, "Ceiling function"),
            def("round", round, CAP, "Round to nearest integer"),
            def("min", min, CAP, "Minimum of two values"),
            def("max", max, CAP, "Maximum of two values"),
            def("random", random, CAP, "Random number [0,1)"),
            def("degToRad", radians, CAP, "Convert degrees to radians"),
            def("radians", radians, CAP, "Convert degrees to radians"),
            def("radToDeg", degrees, CAP, "Convert radians to degrees"),
            def("degrees", degrees, CAP, "Convert radians to degrees"),
            def("sign", sign, CAP, "Sign of a number (1, -1 or 0)"),
            def("factorial", factorial, CAP, "Factorial"),
            def("gcd", gcd, CAP, "Greatest common divisor"),
            def("lcm", lcm, CAP, "Least common multiple"),
        ],
    );
    reg.add_module_const("math", "pi", ConstValue::Float(std::f64::consts::PI));
    reg.add_module_const("math", "e", ConstValue::Float(std::f64::consts::E));
}

fn domain_error() -> RtError {
    RtError::value_error("math domain error")
}

/// One float argument, after the arity check.
fn x1(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<f64> {
    arity(name, args, 1, 1)?;
    ctx.charge(1)?;
    float_arg(ctx.heap_ref(), args[0])
}

/// A float function of one argument: NaN from a non-NaN input is a domain error (as CPython).
fn unary(
    ctx: &mut NativeCtx<'_>,
    name: &str,
    args: &[Value],
    f: fn(f64) -> f64,
) -> RtResult<Value> {
    let x = x1(ctx, name, args)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    Ok(Value::Float(r))
}

fn sqrt(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let x = x1(ctx, "sqrt", args)?;
    Ok(if x < 0.0 {
        Value::Int(0)
    } else {
        Value::Float(x.sqrt())
    })
}

fn abs(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("abs", args, 1, 1)?;
    let v = args[0];
    num::abs(ctx.heap(), v)?.ok_or_else(|| {
        RtError::type_error(format!(
            "bad operand type for abs(): '{}'",
            v.type_name(ctx.heap_ref())
        ))
    })
}

fn sin(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    unary(ctx, "sin", args, f64::sin)
}
fn cos(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    unary(ctx, "cos", args, f64::cos)
}
fn tan(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    unary(ctx, "tan", args, f64::tan)
}
fn asin(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    unary(ctx, "asin", args, f64::asin)
}
fn acos(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    unary(ctx, "acos", args, f64::acos)
}
fn atan(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    unary(ctx, "atan", args, f64::atan)
}

fn atan2(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("atan2", args, 2, 2)?;
    let heap = ctx.heap_ref();
    let (y, x) = (float_arg(heap, args[0])?, float_arg(heap, args[1])?);
    Ok(Value::Float(y.atan2(x)))
}

/// Natural log of a positive number, exact for ints beyond float range (as CPython's
/// `math.log`); `None` for `x <= 0`.
fn ln_of(heap: &Heap, v: Value) -> RtResult<Option<f64>> {
    match num::num(heap, v) {
        Some(Num::Big(b)) => {
            if !b.is_positive() {
                return Ok(None);
            }
            if let Some(f) = b.to_f64().filter(|f| f.is_finite()) {
                return Ok(Some(f.ln()));
            }
            // CPython's frexp path: x = m * 2**e with m in [0.5, 1); log(m) + log(2) * e.
            let e = b.bits();
            let m = (b >> (e - 64)).to_f64().unwrap_or(f64::INFINITY) / 18446744073709551616.0;
            Ok(Some(m.ln() + std::f64::consts::LN_2 * e as f64))
        }
        Some(n) => {
            let x = n.to_f64()?;
            Ok(if x > 0.0 { Some(x.ln()) } else { None })
        }
        None => Err(RtError::type_error(format!(
            "must be real number, not {}",
            v.type_name(heap)
        ))),
    }
}

fn ln(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("ln", args, 1, 1)?;
    ctx.charge(1)?;
    Ok(match ln_of(ctx.heap_ref(), args[0])? {
        Some(r) => Value::Float(r),
        None => Value::Int(-999),
    })
}

fn log(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("log", args, 1, 2)?;
    ctx.charge(1)?;
    let heap = ctx.heap_ref();
    let x = ln_of(heap, args[0])?;
    let base = match args.get(1) {
        Some(&b) => ln_of(heap, b)?,
        None => Some(10f64.ln()),
    };
    Ok(match (x, base) {
        (Some(x), Some(b)) if b != 0.0 => Value::Float(x / b),
        _ => Value::Int(-999),
    })
}

fn exp(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let x = x1(ctx, "exp", args)?;
    Ok(Value::Float(x.exp()))
}

/// mlpy's result when Python's `pow` overflows or divides by zero.
fn pow_sentinel(heap: &Heap, x: Value) -> RtResult<Value> {
    Ok(if ops::gt(heap, x, Value::Int(0))? {
        Value::Float(f64::INFINITY)
    } else {
        Value::Int(0)
    })
}

fn pow(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("pow", args, 2, 2)?;
    ctx.charge(1)?;
    let (xv, yv) = (args[0], args[1]);
    let heap = ctx.heap_ref();
    let (Some(x), Some(y)) = (num::num(heap, xv), num::num(heap, yv)) else {
        return Err(RtError::type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            xv.type_name(heap),
            yv.type_name(heap)
        )));
    };
    let int_of = |n: Num<'_>| match n {
        Num::Int(i) => Some(BigInt::from(i)),
        Num::Big(b) => Some(b.clone()),
        Num::Float(_) => None,
    };
    if let (Some(bx), Some(by)) = (int_of(x), int_of(y)) {
        if !by.is_negative() {
            return int_pow(ctx, bx, by);
        }
        if bx.is_zero() {
            return pow_sentinel(heap, xv);
        }
    }
    let (fx, fy) = match (x.to_f64(), y.to_f64()) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return pow_sentinel(heap, xv),
    };
    if fx == 0.0 && fy < 0.0 {
        return pow_sentinel(heap, xv);
    }
    if fx < 0.0 && fy.is_finite() && fy.fract() != 0.0 {
        return Err(domain_error());
    }
    let r = fx.powf(fy);
    if r.is_infinite() && fx.is_finite() && fy.is_finite() {
        return pow_sentinel(heap, xv);
    }
    Ok(Value::Float(r))
}

/// Exact `x ** y` for ints, `y >= 0`; the result size is budgeted before computing it.
fn int_pow(ctx: &mut NativeCtx<'_>, x: BigInt, y: BigInt) -> RtResult<Value> {
    if x.is_zero() || x.is_one() || y.is_zero() {
        return Ok(ctx
            .heap()
            .alloc_bigint(if y.is_zero() { BigInt::one() } else { x })?);
    }
    if x == BigInt::from(-1) {
        let odd = y.is_odd();
        return Ok(Value::Int(if odd { -1 } else { 1 }));
    }
    let bits = (x.bits() as u128).saturating_mul(y.to_u128().unwrap_or(u128::MAX));
    ctx.heap_ref()
        .check_bigint_bits(u64::try_from(bits).unwrap_or(u64::MAX))?;
    let words = (bits / 64) as u64;
    ctx.charge(words.saturating_mul(words.max(1).ilog2() as u64 + 1))?;
    let e = y.to_u32().ok_or_else(RtError::memory)?;
    Ok(ctx.heap().alloc_bigint(x.pow(e))?)
}

/// `floor`/`ceil`/`round` of a number to an int; ints are returned unchanged.
fn to_int(
    ctx: &mut NativeCtx<'_>,
    name: &str,
    args: &[Value],
    f: fn(f64) -> f64,
) -> RtResult<Value> {
    arity(name, args, 1, 1)?;
    ctx.charge(1)?;
    match args[0] {
        Value::Int(_) | Value::BigInt(_) => Ok(args[0]),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        v => {
            let x = float_arg(ctx.heap_ref(), v)?;
            float_to_int(ctx.heap(), f(x))
        }
    }
}

fn floor(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    to_int(ctx, "floor", args, f64::floor)
}
fn ceil(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    to_int(ctx, "ceil", args, f64::ceil)
}
fn round(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    to_int(ctx, "round", args, f64::round_ties_even)
}

fn min(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("min", args, 2, 2)?;
    ctx.charge(1)?;
    Ok(if ops::lt(ctx.heap_ref(), args[1], args[0])? {
        args[1]
    } else {
        args[0]
    })
}

fn max(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("max", args, 2, 2)?;
    ctx.charge(1)?;
    Ok(if ops::gt(ctx.heap_ref(), args[1], args[0])? {
        args[1]
    } else {
        args[0]
    })
}

fn random(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("random", args, 0, 0)?;
    Ok(Value::Float(super::random::next_float(ctx)?))
}

fn radians(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let x = x1(ctx, "radians", args)?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

fn degrees(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let x = x1(ctx, "degrees", args)?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

fn sign(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("sign", args, 1, 1)?;
    let heap = ctx.heap_ref();
    let v = args[0];
    float_arg(heap, v)?;
    Ok(Value::Int(if ops::gt(heap, v, Value::Int(0))? {
        1
    } else if ops::lt(heap, v, Value::Int(0))? {
        -1
    } else {
        0
    }))
}

fn factorial(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("factorial", args, 1, 1)?;
    let n = int_arg(ctx.heap_ref(), args[0])?.saturating();
    if n < 0 {
        return Ok(Value::Int(0));
    }
    // log2(n!) <= n * log2(n): the result size, budgeted before computing.
    let bits = (n as u128) * (64 - (n as u64).leading_zeros()) as u128;
    ctx.heap_ref()
        .check_bigint_bits(u64::try_from(bits).unwrap_or(u64::MAX))?;
    let words = (bits / 64) as u64;
    ctx.charge((n as u64).saturating_mul(words / 2 + 1))?;
    let mut acc = BigInt::one();
    for k in 2..=n {
        acc *= k;
    }
    Ok(ctx.heap().alloc_bigint(acc)?)
}

/// Two int arguments as big ints.
fn two_ints(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<(BigInt, BigInt)> {
    arity(name, args, 2, 2)?;
    let heap = ctx.heap_ref();
    let a = int_arg(heap, args[0])?.to_big();
    let b = int_arg(heap, args[1])?.to_big();
    ctx.charge(1 + (a.bits() + b.bits()) / 64)?;
    Ok((a, b))
}

fn gcd(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let (a, b) = two_ints(ctx, "gcd", args)?;
    Ok(ctx.heap().alloc_bigint(a.gcd(&b))?)
}

fn lcm(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let (a, b) = two_ints(ctx, "lcm", args)?;
    Ok(ctx.heap().alloc_bigint(a.lcm(&b))?)
}
