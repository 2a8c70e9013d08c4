//! Python's `round(x, ndigits)`: exact decimal rounding with ties to even, for floats (via the
//! exact binary value, like CPython's `double_round` over `_Py_dg_dtoa` mode 3) and for ints
//! with negative `ndigits` (CPython's `long_round`).
//!
//! Invariants: the big-int work is bounded (float exponents and `ndigits` are clamped to the
//! ranges where rounding can change the value), so no input makes it slow or large.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

/// Beyond this many digits after the point, every double is already exact (CPython's
/// `NDIGITS_MAX`).
const NDIGITS_MAX: i64 = 323;
/// Below this, every finite double rounds to zero (CPython's `NDIGITS_MIN`).
const NDIGITS_MIN: i64 = -308;

/// `n / d` rounded to the nearest integer, ties to even (`d > 0`).
fn div_round_half_even(n: &BigInt, d: &BigInt) -> BigInt {
    let (mut q, r) = n.div_mod_floor(d);
    let twice: BigInt = r << 1usize;
    if twice > *d || (twice == *d && q.is_odd()) {
        q += 1;
    }
    q
}

/// `round(x, ndigits)` for a float. `None` when the rounded value is too large for a float
/// (Python's `OverflowError` "rounded value too large to represent").
pub fn round_float(x: f64, ndigits: i64) -> Option<f64> {
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Some(x);
    }
    if ndigits < NDIGITS_MIN {
        return Some(0.0 * x);
    }
    let bits = x.abs().to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp_bits - 1075)
    };
    // |x| = mant * 2^exp exactly; scale to |x| * 10^ndigits = num / den.
    let mut num = BigInt::from(mant);
    let mut den = BigInt::one();
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    let scale = BigInt::from(10u32).pow(ndigits.unsigned_abs() as u32);
    if ndigits >= 0 {
        num *= scale;
    } else {
        den *= scale;
    }
    let q = div_round_half_even(&num, &den);
    // q × 10^-ndigits, converted with Rust's correctly rounded decimal parser.
    let rounded: f64 = format!("{q}e{}", -ndigits).parse().ok()?;
    if rounded.is_infinite() {
        return None;
    }
    Some(if x < 0.0 { -rounded } else { rounded })
}

/// `round(n, ndigits)` for an int: unchanged for `ndigits >= 0`, else rounded to a multiple of
/// `10^-ndigits` with ties to even.
pub fn round_int(n: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 || n.is_zero() {
        return n.clone();
    }
    let k = ndigits.unsigned_abs();
    // |n| < 10^digits; if 10^k > 2|n| the result is 0 (an exact half rounds to the even 0).
    let digits = n.bits() * 30103 / 100_000 + 2;
    if k > digits {
        return BigInt::zero();
    }
    let p = BigInt::from(10u32).pow(k as u32);
    let q = div_round_half_even(n, &p);
    q * p
}

#[cfg(test)]
#[allow(clippy::approx_constant)] // literal values from Python examples
mod tests {
    use super::*;

    #[test]
    fn floats_round_like_python() {
        // Expected values from CPython 3.11 `round(x, n)`.
        for (x, n, want) in [
            (0.5, 0, 0.0),
            (1.5, 0, 2.0),
            (2.5, 0, 2.0),
            (-2.5, 0, -2.0),
            (3.14159, 2, 3.14),
            (2.675, 2, 2.67),
            (1.005, 2, 1.0),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (1234.5678, -2, 1200.0),
            (1250.0, -2, 1200.0),
            (1350.0, -2, 1400.0),
            (5e-324, 400, 5e-324),
            (123.456, -400, 0.0),
            (1e300, -299, 1e300),
            (0.1 + 0.2, 15, 0.3),
            (2.5e-7, 7, 2e-7),
            (-0.4, 0, -0.0),
        ] {
            let got = round_float(x, n).unwrap();
            assert_eq!(got, want, "round({x}, {n})");
            assert_eq!(
                got.is_sign_negative(),
                want.is_sign_negative(),
                "sign of round({x}, {n})"
            );
        }
        assert!(round_float(f64::NAN, 2).unwrap().is_nan());
        assert_eq!(round_float(f64::INFINITY, 0), Some(f64::INFINITY));
        assert_eq!(round_float(f64::MAX, -308), None);
        assert!(round_float(-1.0, -400).unwrap().is_sign_negative());
    }

    #[test]
    fn ints_round_like_python() {
        for (x, n, want) in [
            (12345i64, -2, 12300i64),
            (250, -2, 200),
            (350, -2, 400),
            (-250, -2, -200),
            (-350, -2, -400),
            (15, -1, 20),
            (25, -1, 20),
            (7, 0, 7),
            (7, 3, 7),
            (5, -1, 0),
            (50, -2, 0),
            (51, -2, 100),
            (999, -1000, 0),
        ] {
            assert_eq!(
                round_int(&BigInt::from(x), n),
                BigInt::from(want),
                "round({x}, {n})"
            );
        }
        assert_eq!(round_int(&BigInt::from(5), i64::MIN), BigInt::zero());
        let big: BigInt = BigInt::from(10).pow(40) + 5;
        assert_eq!(round_int(&big, -1), BigInt::from(10).pow(40));
    }
}
