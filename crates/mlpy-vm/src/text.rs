//! Conversions of values to text (values.md §4): `display` (Python `str`), `repr`, the
//! `print`/`str()`/`repr()` builtin variants, float repr (§4.7) and string repr (§4.8).
//!
//! Invariants: container nesting deeper than `heap.max_depth` is a `RecursionError` (D31), never
//! a Rust stack overflow; a container met again on the current path prints as `[...]`/`{...}`;
//! output that would exceed the remaining memory budget stops with `MemoryLimit` (a shared
//! sub-array printed exponentially often cannot exhaust host memory).

use crate::error::{RtError, RtResult};
use crate::heap::{Heap, HeapObject};
use crate::value::{Gc, Value};
use num_bigint::BigInt;
use std::fmt::Write;
use unicode_general_category::{get_general_category, GeneralCategory};

/// Python `str(v)`: strings raw, errors as their message, everything else `repr`.
pub fn display(heap: &Heap, v: Value) -> RtResult<String> {
    let mut out = String::new();
    write_display(heap, v, &mut out)?;
    Ok(out)
}

/// Python `repr(v)` (the form used inside containers).
pub fn repr(heap: &Heap, v: Value) -> RtResult<String> {
    let mut out = String::new();
    write_repr(heap, v, &mut out)?;
    Ok(out)
}

/// Appends `display(v)` to `out`.
pub fn write_display(heap: &Heap, v: Value, out: &mut String) -> RtResult<()> {
    match v {
        Value::Str(g) => {
            out.push_str(heap.str(g));
            Ok(())
        }
        _ => write_repr(heap, v, out),
    }
}

/// Appends `repr(v)` to `out`.
pub fn write_repr(heap: &Heap, v: Value, out: &mut String) -> RtResult<()> {
    let budget = heap.limit().saturating_sub(heap.bytes_used());
    let mut w = Writer {
        heap,
        out,
        path: Vec::new(),
        budget,
        start: 0,
    };
    w.start = w.out.len();
    w.repr(v, 0)
}

/// The text `print(v)` and `str(v)` produce: a top-level boolean is `true`/`false`.
pub fn print_text(heap: &Heap, v: Value) -> RtResult<String> {
    match v {
        Value::Bool(b) => Ok(if b { "true" } else { "false" }.to_string()),
        _ => display(heap, v),
    }
}

/// The text the `repr(v)` builtin produces: a top-level boolean is `true`/`false`.
pub fn repr_text(heap: &Heap, v: Value) -> RtResult<String> {
    match v {
        Value::Bool(b) => Ok(if b { "true" } else { "false" }.to_string()),
        _ => repr(heap, v),
    }
}

struct Writer<'a> {
    heap: &'a Heap,
    out: &'a mut String,
    /// Containers on the path from the root to the current value.
    path: Vec<Gc>,
    budget: usize,
    start: usize,
}

impl Writer<'_> {
    fn check_budget(&self) -> RtResult<()> {
        if self.out.len() - self.start > self.budget {
            Err(RtError::memory())
        } else {
            Ok(())
        }
    }

    fn repr(&mut self, v: Value, depth: usize) -> RtResult<()> {
        let heap = self.heap;
        match v {
            Value::Null => self.out.push_str("None"),
            Value::Bool(b) => self.out.push_str(if b { "True" } else { "False" }),
            Value::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            Value::Float(f) => write_float(f, self.out),
            Value::BigInt(g) => self.out.push_str(&bigint_text(heap.bigint(g))?),
            Value::Str(g) => {
                if heap.str(g).len() > self.budget {
                    return Err(RtError::memory());
                }
                write_str_repr(heap.str(g), self.out)
            }
            Value::Array(g) => self.seq(g, heap.array(g), "[", "]", depth)?,
            Value::Tuple(g) => self.seq(g, heap.tuple(g), "(", ")", depth)?,
            Value::Object(g) => {
                if self.path.contains(&g) {
                    self.out.push_str("{...}");
                    return Ok(());
                }
                if depth >= heap.max_depth {
                    return Err(RtError::depth());
                }
                self.path.push(g);
                self.out.push('{');
                for (i, (k, val)) in heap.object(g).iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.repr(k, depth + 1)?;
                    self.out.push_str(": ");
                    self.repr(val, depth + 1)?;
                    self.check_budget()?;
                }
                self.out.push('}');
                self.path.pop();
            }
            Value::Function(_) | Value::Native(_) => {
                let _ = write!(self.out, "<function {}>", heap.function_name(v));
            }
            Value::Other(g) => match heap.get(g) {
                HeapObject::Error(e) => self.out.push_str(&e.message),
                HeapObject::Bytes(b) => write_bytes_repr(b, self.out),
                HeapObject::Module(m) => {
                    let _ = write!(self.out, "<module {}>", m.name);
                }
                HeapObject::Iterator(it) => {
                    let _ = write!(self.out, "<{}>", it.type_name(heap));
                }
                HeapObject::Host(h) => {
                    let _ = write!(self.out, "<{}>", h.class_name());
                }
                _ => self.out.push_str("<object>"),
            },
        }
        self.check_budget()
    }

    fn seq(
        &mut self,
        g: Gc,
        items: &[Value],
        open: &str,
        close: &str,
        depth: usize,
    ) -> RtResult<()> {
        if self.path.contains(&g) {
            let _ = write!(self.out, "{open}...{close}");
            return Ok(());
        }
        if depth >= self.heap.max_depth {
            return Err(RtError::depth());
        }
        self.path.push(g);
        self.out.push_str(open);
        for (i, &item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.repr(item, depth + 1)?;
        }
        if open == "(" && items.len() == 1 {
            self.out.push(',');
        }
        self.out.push_str(close);
        self.path.pop();
        Ok(())
    }
}

/// Decimal text of a big int; more than 4300 digits → `ValueError` (as CPython).
pub fn bigint_text(b: &BigInt) -> RtResult<String> {
    // 4300 decimal digits need at least 14281 bits.
    if b.bits() > 14_300 {
        return Err(crate::num::int_to_text_limit_error());
    }
    let s = b.to_string();
    if s.trim_start_matches('-').len() > crate::num::MAX_INT_DIGITS {
        return Err(crate::num::int_to_text_limit_error());
    }
    Ok(s)
}

/// Python `repr(float)` (values.md §4.7).
pub fn float_repr(f: f64) -> String {
    let mut s = String::new();
    write_float(f, &mut s);
    s
}

/// Appends Python `repr(f)` to `out`.
pub fn write_float(f: f64, out: &mut String) {
    if f.is_nan() {
        out.push_str("nan");
        return;
    }
    if f.is_infinite() {
        out.push_str(if f > 0.0 { "inf" } else { "-inf" });
        return;
    }
    if f.is_sign_negative() {
        out.push('-');
    }
    let a = f.abs();
    if a == 0.0 {
        out.push_str("0.0");
        return;
    }
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(a);
    // ryu prints "I.F", "IeX" or "I.FeX"; recover the digit string and the point position.
    let (mant, exp) = match s.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
    let mut point = int_part.len() as i32 + exp;
    let lead = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..lead);
    point -= lead as i32;
    let kept = digits.trim_end_matches('0').len();
    digits.truncate(kept);
    let n = digits.len() as i32;
    if -4 < point && point <= 16 {
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(&digits);
        } else if point >= n {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (point - n) as usize));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = point - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
}

/// Python's `str.isprintable` for one character (values.md §4.8).
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::Surrogate
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::SpaceSeparator
    )
}

/// Python `repr(str)` (values.md §4.8).
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(s, &mut out);
    out
}

/// Appends Python `repr(s)` to `out`.
pub fn write_str_repr(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\'' if quote == '\'' => out.push_str("\\'"),
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                let _ = if cp < 0x100 {
                    write!(out, "\\x{cp:02x}")
                } else if cp < 0x10000 {
                    write!(out, "\\u{cp:04x}")
                } else {
                    write!(out, "\\U{cp:08x}")
                };
            }
        }
    }
    out.push(quote);
}

/// Appends Python `repr(bytes)` to `out`.
pub fn write_bytes_repr(b: &[u8], out: &mut String) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\'' if quote == '\'' => out.push_str("\\'"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objmap::ObjMap;

    #[test]
    fn float_repr_table() {
        for (f, s) in [
            (1.0, "1.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (123456789.0, "123456789.0"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 * 0.5, "1.0"),
            (2.5, "2.5"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (12345678901234567890.0, "1.2345678901234567e+19"),
            (1000.0, "1000.0"),
            (0.001, "0.001"),
            (123.456, "123.456"),
            (2.5e-7, "2.5e-07"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (-1.5, "-1.5"),
            (1e22, "1e+22"),
            (9007199254740993.0, "9007199254740992.0"),
        ] {
            assert_eq!(float_repr(f), s, "{f:e}");
        }
    }

    #[test]
    fn string_repr_table() {
        for (s, r) in [
            ("a\"b", r#"'a"b'"#),
            ("a'b", r#""a'b""#),
            ("both ' \"", r#"'both \' "'"#),
            ("tab\there", r"'tab\there'"),
            ("\\", r"'\\'"),
            ("\u{0}\u{7f}", r"'\x00\x7f'"),
            ("\u{200b}", r"'\u200b'"),
            ("é€", "'é€'"),
            ("\u{a0}", r"'\xa0'"),
            ("\u{10ffff}", r"'\U0010ffff'"),
            ("line\r\n", r"'line\r\n'"),
            ("it's", r#""it's""#),
            ("say \"hi\"", r#"'say "hi"'"#),
        ] {
            assert_eq!(str_repr(s), r);
        }
    }

    /// The containers of values.md §4.3's example: `[1, 'two', True, None, 2.5]` and
    /// `{'k': 'v', 'n': {'b': False}}`.
    fn example_containers(h: &mut Heap) -> (Value, Value) {
        let two = h.alloc_str("two").unwrap();
        let arr = h
            .alloc_array(vec![
                Value::Int(1),
                two,
                Value::Bool(true),
                Value::Null,
                Value::Float(2.5),
            ])
            .unwrap();
        let [k, v, n, b] = ["k", "v", "n", "b"].map(|s| h.alloc_str(s).unwrap());
        let mut inner = ObjMap::new();
        inner.insert(h, b, Value::Bool(false)).unwrap();
        let inner = h.alloc_object(inner).unwrap();
        let mut m = ObjMap::new();
        m.insert(h, k, v).unwrap();
        m.insert(h, n, inner).unwrap();
        (arr, h.alloc_object(m).unwrap())
    }

    #[test]
    fn containers_and_top_level_conversions() {
        let mut h = Heap::new();
        let (arr, obj) = example_containers(&mut h);
        assert_eq!(display(&h, arr).unwrap(), "[1, 'two', True, None, 2.5]");
        assert_eq!(display(&h, obj).unwrap(), "{'k': 'v', 'n': {'b': False}}");
        let two = h.alloc_str("two").unwrap();
        assert_eq!(print_text(&h, Value::Bool(true)).unwrap(), "true");
        assert_eq!(display(&h, Value::Bool(true)).unwrap(), "True");
        assert_eq!(print_text(&h, Value::Null).unwrap(), "None");
        assert_eq!(repr_text(&h, two).unwrap(), "'two'");
        assert_eq!(repr_text(&h, Value::Bool(false)).unwrap(), "false");
        assert_eq!(print_text(&h, two).unwrap(), "two");
        let a = h.alloc_str("a").unwrap();
        let t1 = h.alloc_tuple(vec![Value::Int(0), a]).unwrap();
        let e = h.alloc_array(vec![t1]).unwrap();
        assert_eq!(display(&h, e).unwrap(), "[(0, 'a')]");
        let one = h.alloc_tuple(vec![Value::Int(1)]).unwrap();
        let empty = h.alloc_tuple(vec![]).unwrap();
        assert_eq!(display(&h, one).unwrap(), "(1,)");
        assert_eq!(display(&h, empty).unwrap(), "()");
        let mut m = ObjMap::new();
        m.insert(&h, Value::Int(1), a).unwrap();
        let bk = h.alloc_str("b").unwrap();
        let t = h.alloc_array(vec![Value::Bool(true)]).unwrap();
        m.insert(&h, bk, t).unwrap();
        let o = h.alloc_object(m).unwrap();
        assert_eq!(display(&h, o).unwrap(), "{1: 'a', 'b': [True]}");
        let bytes = h.alloc_bytes(vec![b'a', 0, 255, b'\'']).unwrap();
        assert_eq!(display(&h, bytes).unwrap(), r#"b"a\x00\xff'""#);
    }

    /// values.md §4.3: the three-line example (print, str/+ conversions, console.log).
    #[test]
    fn conversion_table_example() {
        let mut h = Heap::new();
        let (arr, obj) = example_containers(&mut h);
        let args = [
            Value::Bool(true),
            Value::Bool(false),
            Value::Null,
            Value::Float(1.0),
            Value::Float(0.1 + 0.2),
            Value::Float(1e16),
            Value::Float(1e-5),
            Value::Float(123456789.0),
            arr,
            obj,
        ];
        let line: Vec<String> = args.iter().map(|&a| print_text(&h, a).unwrap()).collect();
        assert_eq!(
            line.join(" "),
            "true false None 1.0 0.30000000000000004 1e+16 1e-05 123456789.0 \
             [1, 'two', True, None, 2.5] {'k': 'v', 'n': {'b': False}}"
        );
        let t = h.alloc_array(vec![Value::Bool(true)]).unwrap();
        let x = h.alloc_str("x").unwrap();
        let xt = crate::ops::add(&mut h, x, Value::Bool(true)).unwrap();
        let xn = crate::ops::add(&mut h, x, Value::Null).unwrap();
        let line2: Vec<String> = [Value::Bool(true), Value::Null, t, xt, xn]
            .iter()
            .map(|&a| print_text(&h, a).unwrap())
            .collect();
        assert_eq!(line2.join(" "), "true None [True] xTrue xNone");
        let f = h.alloc_array(vec![Value::Bool(false)]).unwrap();
        let line3: Vec<String> = [Value::Bool(true), Value::Null, f]
            .iter()
            .map(|&a| display(&h, a).unwrap())
            .collect();
        assert_eq!(line3.join(" "), "True None [False]");
        let its = h.alloc_str("it's").unwrap();
        let hi = h.alloc_str("say \"hi\"").unwrap();
        let pair = h.alloc_array(vec![its, hi]).unwrap();
        assert_eq!(display(&h, pair).unwrap(), r#"["it's", 'say "hi"']"#);
        let s = h.alloc_str("s").unwrap();
        let reprs: Vec<String> = [s, Value::Int(1), Value::Bool(true), t]
            .iter()
            .map(|&a| repr_text(&h, a).unwrap())
            .collect();
        assert_eq!(reprs.join(" "), "'s' 1 true [True]");
    }

    #[test]
    fn opaque_values() {
        let mut h = Heap::new();
        h.register_function_names(0, vec!["main".into(), "add".into()]);
        h.set_native_names(vec!["print", "str", "len"]);
        let f = h
            .alloc_closure(crate::heap::Closure {
                func: 1,
                module: 0,
                captures: Box::new([]),
            })
            .unwrap();
        let anon = h
            .alloc_closure(crate::heap::Closure {
                func: 9,
                module: 0,
                captures: Box::new([]),
            })
            .unwrap();
        assert_eq!(display(&h, f).unwrap(), "<function add>");
        assert_eq!(display(&h, anon).unwrap(), "<function <lambda>>");
        assert_eq!(display(&h, Value::Native(2)).unwrap(), "<function len>");
        let m = h
            .alloc_module(crate::heap::Module {
                name: "math".into(),
                members: ObjMap::new(),
            })
            .unwrap();
        assert_eq!(display(&h, m).unwrap(), "<module math>");
        let arr = h.alloc_array(vec![]).unwrap();
        let it = h.alloc_iterator(arr).unwrap();
        assert_eq!(display(&h, it).unwrap(), "<list_iterator>");
        assert_eq!(it.type_name(&h), "list_iterator");
        assert_eq!(f.typeof_name(&h), "function");
        assert_eq!(m.typeof_name(&h), "unknown");
    }

    #[test]
    fn self_containing_containers() {
        let mut h = Heap::new();
        let a = h.alloc_array(vec![Value::Int(1)]).unwrap();
        let Value::Array(g) = a else { unreachable!() };
        h.array_push(g, a).unwrap();
        assert_eq!(display(&h, a).unwrap(), "[1, [...]]");
        let Value::Object(o) = h.alloc_object(ObjMap::new()).unwrap() else {
            unreachable!()
        };
        let k = h.alloc_str("me").unwrap();
        h.object_set(o, k, Value::Object(o)).unwrap();
        assert_eq!(display(&h, Value::Object(o)).unwrap(), "{'me': {...}}");
        // Shared (not recursive) values print in full each time.
        let shared = h.alloc_array(vec![Value::Int(2)]).unwrap();
        let pair = h.alloc_array(vec![shared, shared]).unwrap();
        assert_eq!(display(&h, pair).unwrap(), "[[2], [2]]");
    }

    #[test]
    fn deep_nesting_is_a_depth_error_not_a_crash() {
        let mut h = Heap::new();
        let mut v = h.alloc_array(vec![]).unwrap();
        for _ in 0..100_000 {
            v = h.alloc_array(vec![v]).unwrap();
        }
        let e = display(&h, v).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::RecursionError);
    }

    #[test]
    fn exponential_output_hits_the_memory_limit() {
        let mut h = Heap::with_limit(1 << 20);
        let mut v = h.alloc_array(vec![Value::Int(123456)]).unwrap();
        for _ in 0..40 {
            v = h.alloc_array(vec![v, v]).unwrap();
        }
        assert_eq!(
            display(&h, v).unwrap_err().kind(),
            crate::error::ErrorKind::MemoryLimit
        );
    }

    #[test]
    fn big_int_text_limit() {
        let b: BigInt = BigInt::from(10).pow(4300u32);
        assert!(bigint_text(&b).is_err());
        let ok: BigInt = BigInt::from(10).pow(4299u32);
        assert_eq!(bigint_text(&ok).unwrap().len(), 4300);
    }
}
