//! Cross-checks `format` and `round` against thousands of cases recorded from CPython
//! (test_data/gen_cases.py regenerates them).

use mlpy_stdlib::format::{format_value, FmtArg, FormatError};
use mlpy_stdlib::round::{round_float, round_int};
use num_bigint::BigInt;

/// Parses Python's `float.hex()` text.
fn parse_hex_float(s: &str) -> f64 {
    match s {
        "inf" => return f64::INFINITY,
        "-inf" => return f64::NEG_INFINITY,
        "nan" => return f64::NAN,
        _ => {}
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let body = body.strip_prefix("0x").expect("hex float");
    let (mant, exp) = body.split_once('p').expect("exponent");
    let (int_part, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let mut m = u64::from_str_radix(int_part, 16).expect("int part") as f64;
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        m += c.to_digit(16).expect("hex digit") as f64 * scale;
        scale /= 16.0;
    }
    let exp: i32 = exp.parse().expect("exp");
    // Scale in two steps so subnormal results stay exact.
    let v = if exp < -1000 {
        m * 2f64.powi(exp + 60) / 2f64.powi(60)
    } else {
        m * 2f64.powi(exp)
    };
    if neg {
        -v
    } else {
        v
    }
}

#[test]
fn format_agrees_with_cpython() {
    let data = include_str!("../test_data/format_cases.tsv");
    let mut failures = Vec::new();
    for line in data.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, value, spec, want] = cols[..] else {
            panic!("bad line {line:?}")
        };
        let big;
        let arg = match kind {
            "float" => FmtArg::Float(parse_hex_float(value)),
            "int" => match value.parse::<i64>() {
                Ok(i) => FmtArg::Int(i),
                Err(_) => {
                    big = value.parse::<BigInt>().expect("int");
                    FmtArg::BigInt(&big)
                }
            },
            "bool" => FmtArg::Bool(value == "True"),
            _ => FmtArg::Str(value),
        };
        let got = match format_value(arg, spec, 1 << 20) {
            Ok(s) => s,
            Err(FormatError::Value(m)) => format!("!ValueError: {m}"),
            Err(FormatError::Overflow(m)) => format!("!OverflowError: {m}"),
            Err(FormatError::TooLarge) => "!TooLarge".into(),
        };
        if got != want {
            failures.push(format!(
                "format({kind} {value}, {spec:?}) = {got:?}, CPython {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn round_agrees_with_cpython() {
    let data = include_str!("../test_data/round_cases.tsv");
    let mut failures = Vec::new();
    for line in data.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, value, n, want] = cols[..] else {
            panic!("bad line {line:?}")
        };
        let n: i64 = n.parse().expect("ndigits");
        let got = if kind == "float" {
            match round_float(parse_hex_float(value), n) {
                Some(r) if r.is_nan() => "nan".to_string(),
                Some(r) => format!("{:e}|{}", r, r.is_sign_negative()),
                None => "!OverflowError".into(),
            }
        } else {
            round_int(&value.parse::<BigInt>().expect("int"), n).to_string()
        };
        let want = if kind == "float" && !want.starts_with('!') && want != "nan" {
            let w = parse_hex_float(want);
            format!("{:e}|{}", w, w.is_sign_negative())
        } else {
            want.to_string()
        };
        if got != want {
            failures.push(format!(
                "round({kind} {value}, {n}) = {got}, CPython {want}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
