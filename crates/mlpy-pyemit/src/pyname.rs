//! Python spelling of ML names and literals.
//!
//! Invariants: every ML identifier becomes a valid Python identifier that can never name a
//! prelude helper (`__`-prefixed ML names and Python keywords get the `ml_` prefix, P-161);
//! string literals are always single-line Python literals that evaluate to exactly the ML
//! string; float literals round-trip bit for bit.

/// Python's hard keywords (soft keywords such as `match` are valid identifiers).
const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The Python identifier of an ML name.
pub fn ident(name: &str) -> String {
    if PY_KEYWORDS.contains(&name) || name.starts_with("__") || name.starts_with("ml_") {
        format!("ml_{name}")
    } else {
        name.to_string()
    }
}

/// A Python string literal (single-quoted, one line) for `s`.
pub fn str_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if c.is_alphanumeric() && (c as u32) < 0xFFFF => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('\'');
    out
}

/// A Python float literal with the same value (`1e999` for infinity).
pub fn float_lit(f: f64) -> String {
    if f.is_nan() {
        return "(1e999 - 1e999)".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "1e999" } else { "(-1e999)" }.to_string();
    }
    let s = format!("{f:?}");
    if f.is_sign_negative() {
        format!("({s})")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(ident("x"), "x");
        assert_eq!(ident("class"), "ml_class");
        assert_eq!(ident("__class__"), "ml___class__");
        assert_eq!(ident("ml_x"), "ml_ml_x");
        assert_eq!(ident("match"), "match");
    }

    #[test]
    fn strings() {
        assert_eq!(str_lit("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(str_lit("t\tn\n\\"), "'t\\tn\\n\\\\'");
        assert_eq!(str_lit("é€\u{200b}\u{7f}"), "'é\\u20ac\\u200b\\x7f'");
        assert_eq!(str_lit("\u{1F600}"), "'\\U0001f600'");
    }

    #[test]
    fn floats() {
        assert_eq!(float_lit(1.0), "1.0");
        assert_eq!(float_lit(1e16), "1e16");
        assert_eq!(float_lit(0.1), "0.1");
        assert_eq!(float_lit(-2.5), "(-2.5)");
        assert_eq!(float_lit(f64::INFINITY), "1e999");
    }
}
