//! Number literal conversion for lowering: the lexer gives unsigned digit text (a sign is a
//! prefix operator), this module turns it into literal values.
//!
//! Invariants: ints that fit an `i64` are `Int`, larger ones are `BigInt` with canonical decimal
//! digits (no leading zeros, optional leading `-`); floats use Rust's correctly rounded parser
//! (overflow gives infinity, as Python's `float("1e400")` does).

use crate::ir::ExprKind;

/// An integer literal's value.
#[derive(Debug, PartialEq)]
pub(crate) enum Int {
    Small(i64),
    /// Canonical decimal digits of a value outside the i64 range (optional leading `-`).
    Big(String),
}

/// Integer literal text (`007`, `123`), optionally negated.
pub(crate) fn int(text: &str, negative: bool) -> Option<Int> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = text.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // Up to 18 digits always fit an i64: no signed copy of the text needed.
    if digits.len() <= 18 {
        let value: i64 = digits.parse().ok()?;
        return Some(Int::Small(if negative { -value } else { value }));
    }
    let signed = if negative {
        format!("-{digits}")
    } else {
        digits.to_string()
    };
    Some(match signed.parse::<i64>() {
        Ok(v) => Int::Small(v),
        Err(_) => Int::Big(signed),
    })
}

/// Float literal text (`1.`, `.5`, `1e3`, `2.5E-3`), optionally negated.
pub(crate) fn float(text: &str, negative: bool) -> Option<ExprKind> {
    let value: f64 = text.parse().ok()?;
    Some(ExprKind::Float(if negative { -value } else { value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(int("007", false), Some(Int::Small(7)));
        assert_eq!(int("0", true), Some(Int::Small(0)));
        assert_eq!(
            int("9223372036854775807", false),
            Some(Int::Small(i64::MAX))
        );
        assert_eq!(int("9223372036854775808", true), Some(Int::Small(i64::MIN)));
        assert_eq!(
            int("0009223372036854775808", false),
            Some(Int::Big("9223372036854775808".into()))
        );
        assert_eq!(
            int("99999999999999999999", true),
            Some(Int::Big("-99999999999999999999".into()))
        );
        assert_eq!(
            int("999999999999999999", true),
            Some(Int::Small(-999_999_999_999_999_999))
        );
        assert_eq!(int("1x", false), None);
        assert_eq!(int("", false), None);
    }

    #[test]
    fn floats() {
        assert_eq!(float("1.", false), Some(ExprKind::Float(1.0)));
        assert_eq!(float(".5", true), Some(ExprKind::Float(-0.5)));
        assert_eq!(float("1e3", false), Some(ExprKind::Float(1000.0)));
        assert_eq!(float("0.1", false), Some(ExprKind::Float(0.1)));
        assert_eq!(float("1e400", false), Some(ExprKind::Float(f64::INFINITY)));
        assert_eq!(float("2.5E-3", false), Some(ExprKind::Float(0.0025)));
        assert_eq!(float("abc", false), None);
    }
}
