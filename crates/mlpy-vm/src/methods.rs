//! The built-in method tables of language.md §7.3.1 (strings, arrays, tuples, objects with a
//! non-string key) with Python semantics and messages, and the lookup rule for `x.name(args)`.
//!
//! Invariants: methods never call back into ML; string positions are code points; every
//! result that can be large (replace, join, padding, extend) is checked against the heap
//! budget before it is built; `sort` is CPython's list sort (module `sort`), which propagates
//! comparison errors (never the std sort, which may panic on an inconsistent order such as NaN).

use crate::error::{RtError, RtResult};
use crate::heap::{Heap, HeapObject};
use crate::objmap::ObjMap;
use crate::ops;
use crate::text;
use crate::value::{Gc, Value};
use unicode_general_category::{get_general_category, GeneralCategory as Gc_};

mod sort;
pub use sort::{sort_permutation, sort_values};

/// String methods (language.md §7.3.1, plus [ext] `indexOf`).
pub const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "replace",
    "split",
    "rsplit",
    "join",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "istitle",
    "isupper",
    "islower",
    "capitalize",
    "title",
    "swapcase",
    "center",
    "ljust",
    "rjust",
    "indexOf",
];
/// Array methods.
pub const ARRAY_METHODS: &[&str] = &[
    "append", "extend", "insert", "remove", "pop", "index", "count", "sort", "reverse", "clear",
    "copy",
];
/// Tuple methods.
pub const TUPLE_METHODS: &[&str] = &["count", "index"];
/// Methods of objects that have a non-string key.
pub const OBJECT_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "popitem",
    "update",
    "clear",
    "setdefault",
];

/// The static name of the built-in method `name` of `recv`'s kind, if there is one.
/// (For objects the caller decides whether the method table applies: only with a non-string key.)
pub fn method_name(heap: &Heap, recv: Value, name: &str) -> Option<&'static str> {
    let _ = heap;
    let table = match recv {
        Value::Str(_) => STR_METHODS,
        Value::Array(_) => ARRAY_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Object(_) => OBJECT_METHODS,
        _ => return None,
    };
    table.iter().copied().find(|&m| m == name)
}

/// What `recv.name(args)` calls.
#[derive(Clone, Copy, Debug)]
pub enum MethodTarget {
    /// A built-in method: call [`call_method`] with this name.
    Builtin(&'static str),
    /// An ML-visible callable (object property, module member): call it with the arguments.
    Call(Value),
    /// A stdlib (host) object: the native layer dispatches the method.
    Host,
}

/// Resolves `recv.name(...)` per language.md §7.3 ("Calling x.name(args)").
pub fn lookup_method(heap: &mut Heap, recv: Value, name: Value) -> RtResult<MethodTarget> {
    let Value::Str(ng) = name else {
        return Err(RtError::type_error("method name must be string"));
    };
    match recv {
        Value::Object(g) if heap.object(g).all_string_keys() => match heap.object_get(g, name)? {
            None => Err(RtError::attribute_error(format!(
                "ML object has no property '{}'",
                heap.str(ng)
            ))),
            Some(v) if v.is_callable() => Ok(MethodTarget::Call(v)),
            Some(v) => Err(RtError::type_error(format!(
                "Property '{}' is not callable (got {})",
                heap.str(ng),
                v.type_name(heap)
            ))),
        },
        Value::Object(_) | Value::Str(_) | Value::Array(_) | Value::Tuple(_) => {
            match method_name(heap, recv, heap.str(ng)) {
                Some(m) => Ok(MethodTarget::Builtin(m)),
                None => Err(RtError::attribute_error(format!(
                    "'{}' object has no accessible method '{}'",
                    recv.type_name(heap),
                    heap.str(ng)
                ))),
            }
        }
        Value::Other(g) if matches!(heap.get(g), HeapObject::Host(_)) => Ok(MethodTarget::Host),
        Value::Other(g) if matches!(heap.get(g), HeapObject::Module(_) | HeapObject::Error(_)) => {
            let v = ops::get_member(heap, recv, name)?;
            if v.is_callable() {
                Ok(MethodTarget::Call(v))
            } else {
                Err(RtError::type_error(format!(
                    "'{}' object is not callable",
                    v.type_name(heap)
                )))
            }
        }
        _ => Err(RtError::attribute_error(format!(
            "'{}' object has no accessible method '{}'",
            recv.type_name(heap),
            heap.str(ng)
        ))),
    }
}

/// Calls the built-in method `name` on `recv` (see [`method_name`] / [`lookup_method`]).
pub fn call_method(heap: &mut Heap, recv: Value, name: &str, args: &[Value]) -> RtResult<Value> {
    match recv {
        Value::Str(g) => str_method(heap, g, name, args),
        Value::Array(g) => array_method(heap, g, name, args),
        Value::Tuple(g) => tuple_method(heap, g, name, args),
        Value::Object(g) => object_method(heap, g, name, args),
        _ => Err(RtError::attribute_error(format!(
            "'{}' object has no accessible method '{name}'",
            recv.type_name(heap)
        ))),
    }
}

// ---- argument helpers ---------------------------------------------------------------------

fn arity(name: &str, args: &[Value], min: usize, max: usize) -> RtResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    Err(RtError::type_error(if max == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max {
        if min == 1 {
            format!("{name}() takes exactly one argument ({n} given)")
        } else {
            format!("{name}() takes exactly {min} arguments ({n} given)")
        }
    } else if n < min {
        format!(
            "{name}() takes at least {min} argument{} ({n} given)",
            plural(min)
        )
    } else {
        format!(
            "{name}() takes at most {max} argument{} ({n} given)",
            plural(max)
        )
    }))
}

fn arg_str<'h>(heap: &'h Heap, v: Value, what: &str) -> RtResult<&'h str> {
    match v {
        Value::Str(g) => Ok(heap.str(g)),
        _ => Err(RtError::type_error(format!(
            "{what} must be str, not {}",
            v.type_name(heap)
        ))),
    }
}

fn arg_int(heap: &Heap, v: Value) -> RtResult<i64> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        Value::BigInt(g) => Ok(if num_traits::Signed::is_negative(heap.bigint(g)) {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ => Err(RtError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name(heap)
        ))),
    }
}

/// Optional int-or-null argument `i`.
/// An index argument Python converts to a C `ssize_t` (`insert`, `pop`): a big int is an
/// `OverflowError`, as in CPython, rather than clamped.
fn arg_ssize(heap: &Heap, v: Value) -> RtResult<i64> {
    match v {
        Value::BigInt(_) => Err(RtError::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => arg_int(heap, v),
    }
}

fn opt_int(heap: &Heap, args: &[Value], i: usize) -> RtResult<Option<i64>> {
    match args.get(i) {
        None | Some(Value::Null) => Ok(None),
        Some(&v) => arg_int(heap, v).map(Some),
    }
}

/// Python's adjustment of optional `start`/`end` arguments: negative counts from the end,
/// `end` is clamped to `len`; a `start` past `len` stays past it (`len + 1`), so callers see
/// `start > end` and report "not found" as Python does (`"abc".find("", 5)` → -1).
fn span(heap: &Heap, args: &[Value], first: usize, len: usize) -> RtResult<(usize, usize)> {
    let fix = |v: Option<i64>, default: usize, cap: usize| -> usize {
        match v {
            None => default,
            Some(i) if i < 0 => (len as i64).saturating_add(i).max(0) as usize,
            Some(i) => (i as u64).min(cap as u64) as usize,
        }
    };
    Ok((
        fix(opt_int(heap, args, first)?, 0, len + 1),
        fix(opt_int(heap, args, first + 1)?, len, len),
    ))
}

// ---- strings ------------------------------------------------------------------------------

/// Python `str.isspace` for one character.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn is_alpha(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc_::UppercaseLetter
            | Gc_::LowercaseLetter
            | Gc_::TitlecaseLetter
            | Gc_::ModifierLetter
            | Gc_::OtherLetter
    )
}

fn is_digit(c: char) -> bool {
    matches!(get_general_category(c), Gc_::DecimalNumber)
        || matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}'..='\u{2079}' | '\u{2080}'..='\u{2089}' | '\u{2460}'..='\u{2468}')
}

fn is_numeric(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc_::DecimalNumber | Gc_::LetterNumber | Gc_::OtherNumber
    )
}

fn is_titlecase(c: char) -> bool {
    get_general_category(c) == Gc_::TitlecaseLetter
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// Unicode "case-ignorable" (approximation by category plus the listed punctuation).
fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2019}'
    ) || matches!(
        get_general_category(c),
        Gc_::NonspacingMark
            | Gc_::EnclosingMark
            | Gc_::Format
            | Gc_::ModifierLetter
            | Gc_::ModifierSymbol
    )
}

/// Lower-cases `chars[i]` into `out`, with the final-sigma rule (as CPython's `lower_ucs4`).
fn push_lower(chars: &[char], i: usize, out: &mut String) {
    let c = chars[i];
    if c != '\u{3a3}' {
        out.extend(c.to_lowercase());
        return;
    }
    let cased = |c: Option<&char>| c.is_some_and(|&c| is_cased(c));
    let before = cased(chars[..i].iter().rev().find(|&&c| !is_case_ignorable(c)));
    let after = cased(chars[i + 1..].iter().find(|&&c| !is_case_ignorable(c)));
    out.push(if before && !after {
        '\u{3c2}'
    } else {
        '\u{3c3}'
    });
}

/// Title-cases `c` into `out` (Rust has no titlecase mapping: digraphs and ligatures by table).
fn push_title(c: char, out: &mut String) {
    match c {
        '\u{1c4}'..='\u{1c6}' => out.push('\u{1c5}'),
        '\u{1c7}'..='\u{1c9}' => out.push('\u{1c8}'),
        '\u{1ca}'..='\u{1cc}' => out.push('\u{1cb}'),
        '\u{1f1}'..='\u{1f3}' => out.push('\u{1f2}'),
        '\u{df}' | '\u{587}' | '\u{fb00}'..='\u{fb06}' | '\u{fb13}'..='\u{fb17}' => {
            let mut up = c.to_uppercase();
            out.extend(up.next());
            out.extend(up.flat_map(char::to_lowercase));
        }
        _ => out.extend(c.to_uppercase()),
    }
}

/// Python `swapcase`, `capitalize` and `title` (`how` names the method).
fn change_case(s: &str, how: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        match how {
            "swapcase" if c.is_uppercase() => push_lower(&chars, i, &mut out),
            "swapcase" if c.is_lowercase() => out.extend(c.to_uppercase()),
            "swapcase" => out.push(c),
            "capitalize" if i == 0 => push_title(c, &mut out),
            "capitalize" => push_lower(&chars, i, &mut out),
            _ => {
                if prev_cased {
                    push_lower(&chars, i, &mut out);
                } else {
                    push_title(c, &mut out);
                }
                prev_cased = is_cased(c);
            }
        }
    }
    out
}

fn new_str(heap: &mut Heap, s: String) -> RtResult<Value> {
    Ok(heap.alloc_string(s)?)
}

fn strip_chars<'a>(
    heap: &Heap,
    args: &[Value],
    s: &'a str,
    left: bool,
    right: bool,
) -> RtResult<&'a str> {
    let set: Option<Vec<char>> = match args.first() {
        None | Some(Value::Null) => None,
        Some(&v) => Some(arg_str(heap, v, "strip arg")?.chars().collect()),
    };
    let pred = |c: char| match &set {
        None => py_isspace(c),
        Some(cs) => cs.contains(&c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    Ok(r)
}

fn split_whitespace(s: &str, maxsplit: i64, from_right: bool) -> Vec<String> {
    let mut parts = Vec::new();
    if !from_right {
        let mut rest = s.trim_start_matches(py_isspace);
        while !rest.is_empty() {
            if maxsplit >= 0 && parts.len() as i64 >= maxsplit {
                parts.push(rest.to_string());
                return parts;
            }
            let end = rest.find(py_isspace).unwrap_or(rest.len());
            parts.push(rest[..end].to_string());
            rest = rest[end..].trim_start_matches(py_isspace);
        }
    } else {
        let mut rest = s.trim_end_matches(py_isspace);
        while !rest.is_empty() {
            if maxsplit >= 0 && parts.len() as i64 >= maxsplit {
                parts.push(rest.to_string());
                break;
            }
            let start = rest.rfind(py_isspace).map_or(0, |b| {
                b + rest[b..].chars().next().map_or(1, char::len_utf8)
            });
            parts.push(rest[start..].to_string());
            rest = rest[..start].trim_end_matches(py_isspace);
        }
        parts.reverse();
    }
    parts
}

fn strings_to_array(heap: &mut Heap, parts: Vec<String>) -> RtResult<Value> {
    heap.check(parts.iter().map(|p| p.len() + 64).sum())?;
    let mut vals = Vec::with_capacity(parts.len());
    for p in parts {
        vals.push(heap.alloc_string(p)?);
    }
    Ok(heap.alloc_array(vals)?)
}

fn fill_char(heap: &Heap, args: &[Value]) -> RtResult<char> {
    match args.get(1) {
        None => Ok(' '),
        Some(&v) => {
            let s = arg_str(heap, v, "fill character")?;
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(RtError::type_error(
                    "The fill character must be exactly one character long",
                )),
            }
        }
    }
}

fn str_method(heap: &mut Heap, g: Gc, name: &str, args: &[Value]) -> RtResult<Value> {
    let ms = heap.string(g);
    let nchars = ms.char_len();
    // Own the text only for the methods that need it across an allocation.
    let s: &str = ms.as_str();
    macro_rules! boolean {
        ($e:expr) => {{
            arity(name, args, 0, 0)?;
            return Ok(Value::Bool($e));
        }};
    }
    match name {
        "upper" | "lower" | "swapcase" | "capitalize" | "title" => {
            arity(name, args, 0, 0)?;
            heap.check(s.len() * 3)?;
            let out = match name {
                "upper" => s.to_uppercase(),
                "lower" => s.to_lowercase(),
                _ => change_case(s, name),
            };
            new_str(heap, out)
        }
        "strip" | "lstrip" | "rstrip" => {
            arity(name, args, 0, 1)?;
            let r = strip_chars(heap, args, s, name != "rstrip", name != "lstrip")?;
            if r.len() == s.len() {
                return Ok(Value::Str(g));
            }
            let r = r.to_string();
            new_str(heap, r)
        }
        "replace" => {
            arity(name, args, 2, 3)?;
            let old = arg_str(heap, args[0], "replace() argument 1")?;
            let new = arg_str(heap, args[1], "replace() argument 2")?;
            let count = opt_int(heap, args, 2)?.unwrap_or(-1);
            let hits = if old.is_empty() {
                nchars + 1
            } else {
                s.matches(old).count()
            };
            let hits = if count >= 0 {
                hits.min(count as usize)
            } else {
                hits
            };
            let size = (s.len() + hits.saturating_mul(new.len())).saturating_sub(hits * old.len());
            heap.check(size)?;
            let out = if count < 0 {
                s.replace(old, new)
            } else {
                s.replacen(old, new, hits)
            };
            new_str(heap, out)
        }
        "split" | "rsplit" => {
            arity(name, args, 0, 2)?;
            let maxsplit = opt_int(heap, args, 1)?.unwrap_or(-1);
            let from_right = name == "rsplit";
            let parts: Vec<String> = match args.first() {
                None | Some(Value::Null) => split_whitespace(s, maxsplit, from_right),
                Some(&sep) => {
                    let sep = arg_str(heap, sep, "must be str or None, not").map_err(|_| {
                        RtError::type_error(format!(
                            "must be str or None, not {}",
                            sep.type_name(heap)
                        ))
                    })?;
                    if sep.is_empty() {
                        return Err(RtError::value_error("empty separator"));
                    }
                    let n = if maxsplit < 0 {
                        usize::MAX
                    } else {
                        maxsplit as usize + 1
                    };
                    if from_right {
                        let mut v: Vec<String> = s.rsplitn(n, sep).map(str::to_string).collect();
                        v.reverse();
                        v
                    } else {
                        s.splitn(n, sep).map(str::to_string).collect()
                    }
                }
            };
            strings_to_array(heap, parts)
        }
        "join" => {
            arity(name, args, 1, 1)?;
            let items = ops::iter_values(heap, args[0])?;
            let sep = heap.str(g);
            let mut total = sep.len().saturating_mul(items.len());
            for (i, &it) in items.iter().enumerate() {
                match it {
                    Value::Str(x) => total = total.saturating_add(heap.str(x).len()),
                    _ => {
                        return Err(RtError::type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            it.type_name(heap)
                        )))
                    }
                }
            }
            heap.check(total)?;
            let mut out = String::with_capacity(total);
            for (i, &it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                if let Value::Str(x) = it {
                    out.push_str(heap.str(x));
                }
            }
            new_str(heap, out)
        }
        "startswith" | "endswith" => {
            arity(name, args, 1, 3)?;
            let (a, b) = span(heap, args, 1, nchars)?;
            let sub = if a <= b { ms.slice_chars(a, b) } else { "" };
            let test = |p: &str| {
                if name == "startswith" {
                    sub.starts_with(p)
                } else {
                    sub.ends_with(p)
                }
            };
            let ok = match args[0] {
                Value::Tuple(t) => {
                    let mut any = false;
                    for &p in heap.tuple(t).iter() {
                        any |= test(arg_str(heap, p, "tuple item")?);
                    }
                    a <= b && any
                }
                // CPython's wording (found by tests/differential.rs).
                v => {
                    let p = arg_str(heap, v, &format!("{name} first arg")).map_err(|_| {
                        RtError::type_error(format!(
                            "{name} first arg must be str or a tuple of str, not {}",
                            v.type_name(heap)
                        ))
                    })?;
                    a <= b && test(p)
                }
            };
            Ok(Value::Bool(ok))
        }
        "find" | "rfind" | "index" | "rindex" | "indexOf" => {
            arity(name, args, 1, if name == "indexOf" { 1 } else { 3 })?;
            let sub = arg_str(heap, args[0], "must be str, not").map_err(|_| {
                RtError::type_error(format!("must be str, not {}", args[0].type_name(heap)))
            })?;
            let (a, b) = span(heap, args, 1, nchars)?;
            let found = if a > b {
                None
            } else {
                let (ba, bb) = (ms.byte_offset(a), ms.byte_offset(b));
                let hay = &s[ba..bb];
                let pos = if name.starts_with('r') {
                    hay.rfind(sub)
                } else {
                    hay.find(sub)
                };
                pos.map(|p| ms.char_index_of(ba + p))
            };
            match found {
                Some(i) => Ok(Value::Int(i as i64)),
                None if name.contains("index") && name != "indexOf" => {
                    Err(RtError::value_error("substring not found"))
                }
                None => Ok(Value::Int(-1)),
            }
        }
        "count" => {
            arity(name, args, 1, 3)?;
            let sub = arg_str(heap, args[0], "must be str, not").map_err(|_| {
                RtError::type_error(format!("must be str, not {}", args[0].type_name(heap)))
            })?;
            let (a, b) = span(heap, args, 1, nchars)?;
            if a > b {
                return Ok(Value::Int(0));
            }
            let hay = ms.slice_chars(a, b);
            let n = if sub.is_empty() {
                b - a + 1
            } else {
                hay.matches(sub).count()
            };
            Ok(Value::Int(n as i64))
        }
        "isdigit" => boolean!(!s.is_empty() && s.chars().all(is_digit)),
        "isalpha" => boolean!(!s.is_empty() && s.chars().all(is_alpha)),
        "isalnum" => boolean!(!s.is_empty() && s.chars().all(|c| is_alpha(c) || is_numeric(c))),
        "isspace" => boolean!(!s.is_empty() && s.chars().all(py_isspace)),
        "isupper" => boolean!(
            s.chars().any(is_cased) && !s.chars().any(|c| c.is_lowercase() || is_titlecase(c))
        ),
        "islower" => boolean!(
            s.chars().any(is_cased) && !s.chars().any(|c| c.is_uppercase() || is_titlecase(c))
        ),
        "istitle" => {
            arity(name, args, 0, 0)?;
            let (mut cased, mut prev_cased) = (false, false);
            for c in s.chars() {
                let title_or_upper =
                    c.is_uppercase() || get_general_category(c) == Gc_::TitlecaseLetter;
                if title_or_upper {
                    if prev_cased {
                        return Ok(Value::Bool(false));
                    }
                    prev_cased = true;
                    cased = true;
                } else if c.is_lowercase() {
                    if !prev_cased {
                        return Ok(Value::Bool(false));
                    }
                    prev_cased = true;
                    cased = true;
                } else {
                    prev_cased = false;
                }
            }
            Ok(Value::Bool(cased))
        }
        "center" | "ljust" | "rjust" => {
            arity(name, args, 1, 2)?;
            let width = arg_int(heap, args[0])?;
            let fill = fill_char(heap, args)?;
            if width <= nchars as i64 {
                return Ok(Value::Str(g));
            }
            let marg = width as usize - nchars;
            heap.check(marg.saturating_mul(fill.len_utf8()).saturating_add(s.len()))?;
            let left = match name {
                "ljust" => 0,
                "rjust" => marg,
                _ => marg / 2 + (marg & width as usize & 1),
            };
            let mut out = String::with_capacity(s.len() + marg * fill.len_utf8());
            out.extend(std::iter::repeat_n(fill, left));
            out.push_str(s);
            out.extend(std::iter::repeat_n(fill, marg - left));
            new_str(heap, out)
        }
        _ => Err(RtError::attribute_error(format!(
            "'str' object has no accessible method '{name}'"
        ))),
    }
}

// ---- arrays and tuples ------------------------------------------------------------------

fn position(
    heap: &Heap,
    items: &[Value],
    x: Value,
    from: usize,
    to: usize,
) -> RtResult<Option<usize>> {
    for (i, &v) in items.iter().enumerate().take(to).skip(from) {
        if ops::equals(heap, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn count_of(heap: &Heap, items: &[Value], x: Value) -> RtResult<Value> {
    let mut n = 0i64;
    for &v in items {
        if ops::equals(heap, v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn not_in(heap: &Heap, x: Value, what: &str) -> RtResult<RtError> {
    Ok(RtError::value_error(format!(
        "{} is not in {what}",
        text::repr(heap, x)?
    )))
}

fn array_method(heap: &mut Heap, g: Gc, name: &str, args: &[Value]) -> RtResult<Value> {
    match name {
        "append" => {
            arity(name, args, 1, 1)?;
            heap.array_push(g, args[0])?;
            Ok(Value::Null)
        }
        "extend" => {
            arity(name, args, 1, 1)?;
            let new = ops::iter_values(heap, args[0])?;
            heap.array_reserve(g, new.len())?;
            heap.array_mut(g).extend(new);
            Ok(Value::Null)
        }
        "insert" => {
            arity(name, args, 2, 2)?;
            let len = heap.array(g).len() as i64;
            let i = arg_ssize(heap, args[0])?;
            let at = if i < 0 {
                (len.saturating_add(i)).max(0)
            } else {
                i.min(len)
            } as usize;
            heap.array_reserve(g, 1)?;
            heap.array_mut(g).insert(at, args[1]);
            Ok(Value::Null)
        }
        "remove" => {
            arity(name, args, 1, 1)?;
            let arr = heap.array(g);
            match position(heap, arr, args[0], 0, arr.len())? {
                Some(i) => {
                    heap.array_mut(g).remove(i);
                    Ok(Value::Null)
                }
                None => Err(RtError::value_error("list.remove(x): x not in list")),
            }
        }
        "pop" => {
            arity(name, args, 0, 1)?;
            let len = heap.array(g).len();
            if len == 0 {
                return Err(RtError::index_error("pop from empty list"));
            }
            let i = match args.first() {
                None | Some(Value::Null) => -1,
                Some(&v) => arg_ssize(heap, v)?,
            };
            let idx = if i < 0 {
                i.checked_add(len as i64)
            } else {
                Some(i)
            };
            match idx {
                Some(k) if k >= 0 && (k as usize) < len => Ok(heap.array_mut(g).remove(k as usize)),
                _ => Err(RtError::index_error("pop index out of range")),
            }
        }
        "index" => {
            arity(name, args, 1, 3)?;
            let arr = heap.array(g);
            let (a, b) = span(heap, args, 1, arr.len())?;
            match position(heap, arr, args[0], a, b)? {
                Some(i) => Ok(Value::Int(i as i64)),
                None => Err(not_in(heap, args[0], "list")?),
            }
        }
        "count" => {
            arity(name, args, 1, 1)?;
            count_of(heap, heap.array(g), args[0])
        }
        "sort" => {
            arity(name, args, 0, 0)?;
            let mut items = heap.array(g).clone();
            // A failed comparison leaves the array partly sorted, as in CPython.
            let sorted = sort_values(heap, &mut items, false);
            *heap.array_mut(g) = items;
            heap.recharge(g)?;
            sorted?;
            Ok(Value::Null)
        }
        "reverse" => {
            arity(name, args, 0, 0)?;
            heap.array_mut(g).reverse();
            Ok(Value::Null)
        }
        "clear" => {
            arity(name, args, 0, 0)?;
            heap.array_mut(g).clear();
            Ok(Value::Null)
        }
        "copy" => {
            arity(name, args, 0, 0)?;
            let items = heap.array(g).clone();
            Ok(heap.alloc_array(items)?)
        }
        _ => Err(RtError::attribute_error(format!(
            "'list' object has no accessible method '{name}'"
        ))),
    }
}

fn tuple_method(heap: &mut Heap, g: Gc, name: &str, args: &[Value]) -> RtResult<Value> {
    let items = heap.tuple(g);
    match name {
        "count" => {
            arity(name, args, 1, 1)?;
            count_of(heap, items, args[0])
        }
        "index" => {
            arity(name, args, 1, 3)?;
            let (a, b) = span(heap, args, 1, items.len())?;
            match position(heap, items, args[0], a, b)? {
                Some(i) => Ok(Value::Int(i as i64)),
                None => Err(RtError::value_error("tuple.index(x): x not in tuple")),
            }
        }
        _ => Err(RtError::attribute_error(format!(
            "'tuple' object has no accessible method '{name}'"
        ))),
    }
}

// ---- objects ----------------------------------------------------------------------------

fn object_method(heap: &mut Heap, g: Gc, name: &str, args: &[Value]) -> RtResult<Value> {
    match name {
        "get" => {
            arity(name, args, 1, 2)?;
            Ok(heap
                .object_get(g, args[0])?
                .unwrap_or(args.get(1).copied().unwrap_or(Value::Null)))
        }
        "keys" | "values" | "items" => {
            arity(name, args, 0, 0)?;
            let pairs: Vec<(Value, Value)> = heap.object(g).iter().collect();
            heap.check(pairs.len() * 64)?;
            let mut out = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                out.push(match name {
                    "keys" => k,
                    "values" => v,
                    _ => heap.alloc_tuple(vec![k, v])?,
                });
            }
            Ok(heap.alloc_array(out)?)
        }
        "pop" => {
            arity(name, args, 1, 2)?;
            match heap.object_remove(g, args[0])? {
                Some(v) => Ok(v),
                None => match args.get(1) {
                    Some(&d) => Ok(d),
                    None => Err(RtError::key_error(text::repr(heap, args[0])?)),
                },
            }
        }
        "popitem" => {
            arity(name, args, 0, 0)?;
            match heap.object_pop_last(g)? {
                Some((k, v)) => Ok(heap.alloc_tuple(vec![k, v])?),
                None => Err(RtError::key_error("'popitem(): dictionary is empty'")),
            }
        }
        "update" => {
            arity(name, args, 1, 1)?;
            let pairs: Vec<(Value, Value)> = match args[0] {
                Value::Object(o) => heap.object(o).iter().collect(),
                other => {
                    let mut pairs = Vec::new();
                    for (i, item) in ops::iter_values(heap, other)?.into_iter().enumerate() {
                        let kv = ops::iter_values(heap, item)?;
                        let [k, v] = kv[..] else {
                            return Err(RtError::value_error(format!(
                                "dictionary update sequence element #{i} has length {}; 2 is required",
                                kv.len()
                            )));
                        };
                        pairs.push((k, v));
                    }
                    pairs
                }
            };
            for (k, v) in pairs {
                heap.object_set(g, k, v)?;
            }
            Ok(Value::Null)
        }
        "clear" => {
            arity(name, args, 0, 0)?;
            heap.object_mut(g).clear();
            heap.recharge(g)?;
            Ok(Value::Null)
        }
        "setdefault" => {
            arity(name, args, 1, 2)?;
            match heap.object_get(g, args[0])? {
                Some(v) => Ok(v),
                None => {
                    let d = args.get(1).copied().unwrap_or(Value::Null);
                    heap.object_set(g, args[0], d)?;
                    Ok(d)
                }
            }
        }
        _ => Err(RtError::attribute_error(format!(
            "'dict' object has no accessible method '{name}'"
        ))),
    }
}

/// Builds an object from `(key, value)` pairs (helper for literals and library results).
pub fn object_from_pairs(heap: &mut Heap, pairs: &[(Value, Value)]) -> RtResult<Value> {
    let mut m = ObjMap::new();
    for &(k, v) in pairs {
        m.insert(heap, k, v)?;
    }
    Ok(heap.alloc_object(m)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn s(h: &mut Heap, t: &str) -> Value {
        h.alloc_str(t).unwrap()
    }
    fn show(h: &Heap, v: Value) -> String {
        text::display(h, v).unwrap()
    }
    /// Calls `recv.name(args)` where string args are given as Rust strs and shows the result.
    fn call(h: &mut Heap, recv: Value, name: &str, args: &[Value]) -> Result<String, String> {
        call_method(h, recv, name, args)
            .map(|v| show(h, v))
            .map_err(|e| e.message().to_string())
    }
    fn sm(h: &mut Heap, recv: &str, name: &str, args: &[&str]) -> Result<String, String> {
        let r = s(h, recv);
        let a: Vec<Value> = args.iter().map(|x| s(h, x)).collect();
        call(h, r, name, &a)
    }

    #[test]
    fn language_example() {
        let mut h = Heap::new();
        assert_eq!(
            sm(&mut h, "  Hello World  ", "strip", &[]).unwrap(),
            "Hello World"
        );
        assert_eq!(
            sm(&mut h, "a,b,c", "split", &[","]).unwrap(),
            "['a', 'b', 'c']"
        );
        let xy = {
            let (x, y) = (s(&mut h, "x"), s(&mut h, "y"));
            h.alloc_array(vec![x, y]).unwrap()
        };
        let dash = s(&mut h, "-");
        assert_eq!(call(&mut h, dash, "join", &[xy]).unwrap(), "x-y");
        assert_eq!(sm(&mut h, "abc", "find", &["z"]).unwrap(), "-1");
        let five = s(&mut h, "5");
        let zero = s(&mut h, "0");
        assert_eq!(
            call(&mut h, five, "rjust", &[Value::Int(3), zero]).unwrap(),
            "005"
        );
        assert_eq!(sm(&mut h, "mail@x", "indexOf", &["@"]).unwrap(), "4");
        let b = h
            .alloc_array(vec![Value::Int(3), Value::Int(1), Value::Int(2)])
            .unwrap();
        assert_eq!(call(&mut h, b, "sort", &[]).unwrap(), "None");
        assert_eq!(show(&h, b), "[1, 2, 3]");
        assert_eq!(call(&mut h, b, "pop", &[]).unwrap(), "3");
        assert_eq!(show(&h, b), "[1, 2]");
    }

    #[test]
    fn string_methods() {
        let mut h = Heap::new();
        let cases: &[(&str, &str, &[&str], &str)] = &[
            ("Hello", "upper", &[], "HELLO"),
            ("ÉCOLE", "lower", &[], "école"),
            ("xxhixx", "strip", &["x"], "hi"),
            ("  hi  ", "lstrip", &[], "hi  "),
            ("  hi  ", "rstrip", &[], "  hi"),
            ("aaa", "replace", &["a", "b"], "bbb"),
            ("ab", "replace", &["", "-"], "-a-b-"),
            ("  a  b\tc\n", "split", &[], "['a', 'b', 'c']"),
            ("a,,b", "split", &[","], "['a', '', 'b']"),
            ("a b c", "rsplit", &[], "['a', 'b', 'c']"),
            ("héllo", "find", &["l"], "2"),
            ("héllo", "rfind", &["l"], "3"),
            ("héllo", "index", &["o"], "4"),
            ("abcabc", "rindex", &["b"], "4"),
            ("abcabc", "count", &["bc"], "2"),
            ("abc", "count", &[""], "4"),
            ("hello", "startswith", &["he"], "True"),
            ("hello", "endswith", &["lo"], "True"),
            ("123", "isdigit", &[], "True"),
            ("12a", "isdigit", &[], "False"),
            ("", "isdigit", &[], "False"),
            ("abé", "isalpha", &[], "True"),
            ("ab1", "isalnum", &[], "True"),
            (" \t\n", "isspace", &[], "True"),
            ("Hello World", "istitle", &[], "True"),
            ("Hello world", "istitle", &[], "False"),
            ("ABC1", "isupper", &[], "True"),
            ("abc1", "islower", &[], "True"),
            ("123", "islower", &[], "False"),
            ("hELLO wORLD", "capitalize", &[], "Hello world"),
            ("they're bill's", "title", &[], "They'Re Bill'S"),
            ("aBc", "swapcase", &[], "AbC"),
            ("ΣΑΣ", "capitalize", &[], "Σας"),
            ("ΣΑΣ", "swapcase", &[], "σας"),
            ("ß straße", "title", &[], "Ss Straße"),
            ("ﬁ", "capitalize", &[], "Fi"),
            ("ǆungla", "title", &[], "ǅungla"),
            ("ǅungla", "islower", &[], "False"),
            ("ab", "center", &[], ""),
        ];
        for &(recv, name, args, want) in cases {
            if name == "center" {
                continue;
            }
            assert_eq!(
                sm(&mut h, recv, name, args).unwrap(),
                want,
                "{recv}.{name}{args:?}"
            );
        }
        let ab = s(&mut h, "ab");
        let star = s(&mut h, "*");
        assert_eq!(
            call(&mut h, ab, "center", &[Value::Int(5), star]).unwrap(),
            "**ab*"
        );
        let abc = s(&mut h, "abc");
        assert_eq!(
            call(&mut h, abc, "center", &[Value::Int(6), star]).unwrap(),
            "*abc**"
        );
        assert_eq!(call(&mut h, ab, "ljust", &[Value::Int(4)]).unwrap(), "ab  ");
        assert_eq!(call(&mut h, ab, "center", &[Value::Int(1)]).unwrap(), "ab");
        let comma = s(&mut h, ",");
        assert_eq!(
            call(&mut h, abc, "split", &[comma, Value::Int(0)]).unwrap(),
            "['abc']"
        );
        let csv = s(&mut h, "a,b,c");
        assert_eq!(
            call(&mut h, csv, "split", &[comma, Value::Int(1)]).unwrap(),
            "['a', 'b,c']"
        );
        assert_eq!(
            call(&mut h, csv, "rsplit", &[comma, Value::Int(1)]).unwrap(),
            "['a,b', 'c']"
        );
        assert_eq!(
            sm(&mut h, "abc", "index", &["z"]).unwrap_err(),
            "substring not found"
        );
        assert_eq!(
            sm(&mut h, "abc", "split", &[""]).unwrap_err(),
            "empty separator"
        );
        let nums = h.alloc_array(vec![Value::Int(1)]).unwrap();
        assert_eq!(
            call(&mut h, comma, "join", &[nums]).unwrap_err(),
            "sequence item 0: expected str instance, int found"
        );
        assert_eq!(
            sm(&mut h, "abc", "upper", &["x"]).unwrap_err(),
            "upper() takes no arguments (1 given)"
        );
        let pre = {
            let (a, b) = (s(&mut h, "x"), s(&mut h, "he"));
            h.alloc_tuple(vec![a, b]).unwrap()
        };
        let hello = s(&mut h, "hello");
        assert_eq!(call(&mut h, hello, "startswith", &[pre]).unwrap(), "True");
        assert_eq!(
            call(&mut h, hello, "find", &[Value::Int(1)]).unwrap_err(),
            "must be str, not int"
        );
    }

    #[test]
    fn huge_padding_is_a_memory_error() {
        let mut h = Heap::with_limit(1 << 20);
        let ab = s(&mut h, "ab");
        let e = call_method(&mut h, ab, "ljust", &[Value::Int(1 << 40)]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MemoryLimit);
    }

    #[test]
    fn array_methods() {
        let mut h = Heap::new();
        let a = h.alloc_array(vec![]).unwrap();
        for i in [3, 1, 2] {
            call(&mut h, a, "append", &[Value::Int(i)]).unwrap();
        }
        let more = h
            .alloc_array(vec![Value::Int(1), Value::Float(0.5)])
            .unwrap();
        call(&mut h, a, "extend", &[more]).unwrap();
        assert_eq!(show(&h, a), "[3, 1, 2, 1, 0.5]");
        call(&mut h, a, "insert", &[Value::Int(-100), Value::Int(9)]).unwrap();
        call(&mut h, a, "insert", &[Value::Int(100), Value::Int(8)]).unwrap();
        assert_eq!(show(&h, a), "[9, 3, 1, 2, 1, 0.5, 8]");
        assert_eq!(call(&mut h, a, "count", &[Value::Int(1)]).unwrap(), "2");
        assert_eq!(call(&mut h, a, "index", &[Value::Int(1)]).unwrap(), "2");
        assert_eq!(
            call(&mut h, a, "index", &[Value::Int(5)]).unwrap_err(),
            "5 is not in list"
        );
        call(&mut h, a, "remove", &[Value::Int(1)]).unwrap();
        assert_eq!(
            call(&mut h, a, "remove", &[Value::Int(42)]).unwrap_err(),
            "list.remove(x): x not in list"
        );
        call(&mut h, a, "sort", &[]).unwrap();
        assert_eq!(show(&h, a), "[0.5, 1, 2, 3, 8, 9]");
        call(&mut h, a, "reverse", &[]).unwrap();
        assert_eq!(call(&mut h, a, "pop", &[Value::Int(0)]).unwrap(), "9");
        assert_eq!(
            call(&mut h, a, "pop", &[Value::Int(10)]).unwrap_err(),
            "pop index out of range"
        );
        let c = call_method(&mut h, a, "copy", &[]).unwrap();
        call(&mut h, a, "clear", &[]).unwrap();
        assert_eq!(show(&h, a), "[]");
        assert_eq!(show(&h, c), "[8, 3, 2, 1, 0.5]");
        assert_eq!(
            call(&mut h, a, "pop", &[]).unwrap_err(),
            "pop from empty list"
        );
        // Sorting mixed kinds raises and leaves the array unchanged.
        let x = s(&mut h, "x");
        let m = h
            .alloc_array(vec![Value::Int(2), x, Value::Int(1)])
            .unwrap();
        let e = call(&mut h, m, "sort", &[]).unwrap_err();
        assert_eq!(e, "'<' not supported between instances of 'str' and 'int'");
        assert_eq!(show(&h, m), "[2, 'x', 1]");
        // NaN does not break the sort.
        let n = h
            .alloc_array(vec![Value::Float(f64::NAN), Value::Int(2), Value::Int(1)])
            .unwrap();
        call(&mut h, n, "sort", &[]).unwrap();
        // Stability: equal keys keep their order (1 and 1.0 and true).
        let st = h
            .alloc_array(vec![
                Value::Float(1.0),
                Value::Int(0),
                Value::Bool(true),
                Value::Int(1),
            ])
            .unwrap();
        call(&mut h, st, "sort", &[]).unwrap();
        assert_eq!(show(&h, st), "[0, 1.0, True, 1]");
        let mut vals = [
            Value::Int(1),
            Value::Float(1.0),
            Value::Int(3),
            Value::Int(0),
        ];
        sort_values(&h, &mut vals, true).unwrap();
        let shown: Vec<String> = vals.iter().map(|&v| show(&h, v)).collect();
        assert_eq!(shown, ["3", "1", "1.0", "0"]);
        let big: Vec<Value> = (0..1000).map(|i| Value::Int((i * 7919) % 1000)).collect();
        let perm = sort_permutation(&h, &big, false).unwrap();
        assert!(perm
            .windows(2)
            .all(|w| matches!((big[w[0]], big[w[1]]), (Value::Int(a), Value::Int(b)) if a <= b)));
    }

    #[test]
    fn tuple_and_object_methods() {
        let mut h = Heap::new();
        let t = h
            .alloc_tuple(vec![Value::Int(1), Value::Int(2), Value::Int(1)])
            .unwrap();
        assert_eq!(call(&mut h, t, "count", &[Value::Int(1)]).unwrap(), "2");
        assert_eq!(call(&mut h, t, "index", &[Value::Int(2)]).unwrap(), "1");
        assert_eq!(
            call(&mut h, t, "index", &[Value::Int(7)]).unwrap_err(),
            "tuple.index(x): x not in tuple"
        );
        let k = s(&mut h, "b");
        let o = object_from_pairs(
            &mut h,
            &[(Value::Int(1), Value::Int(10)), (k, Value::Int(20))],
        )
        .unwrap();
        assert_eq!(call(&mut h, o, "keys", &[]).unwrap(), "[1, 'b']");
        assert_eq!(call(&mut h, o, "values", &[]).unwrap(), "[10, 20]");
        assert_eq!(
            call(&mut h, o, "items", &[]).unwrap(),
            "[(1, 10), ('b', 20)]"
        );
        assert_eq!(
            call(&mut h, o, "get", &[Value::Int(5), Value::Int(0)]).unwrap(),
            "0"
        );
        assert_eq!(call(&mut h, o, "get", &[Value::Float(1.0)]).unwrap(), "10");
        assert_eq!(
            call(&mut h, o, "setdefault", &[Value::Int(2), Value::Int(30)]).unwrap(),
            "30"
        );
        assert_eq!(call(&mut h, o, "pop", &[Value::Int(1)]).unwrap(), "10");
        assert_eq!(call(&mut h, o, "pop", &[Value::Int(1)]).unwrap_err(), "1");
        assert_eq!(call(&mut h, o, "popitem", &[]).unwrap(), "(2, 30)");
        let other = object_from_pairs(&mut h, &[(Value::Int(7), Value::Int(70))]).unwrap();
        call(&mut h, o, "update", &[other]).unwrap();
        assert_eq!(show(&h, o), "{'b': 20, 7: 70}");
        call(&mut h, o, "clear", &[]).unwrap();
        assert_eq!(show(&h, o), "{}");
        assert_eq!(
            call(&mut h, o, "popitem", &[]).unwrap_err(),
            "'popitem(): dictionary is empty'"
        );
    }

    #[test]
    fn method_lookup_rules() {
        let mut h = Heap::new();
        let (f, n, x) = (s(&mut h, "f"), s(&mut h, "n"), s(&mut h, "x"));
        let o = object_from_pairs(&mut h, &[(f, Value::Native(3)), (n, Value::Int(1))]).unwrap();
        assert!(matches!(
            lookup_method(&mut h, o, f).unwrap(),
            MethodTarget::Call(Value::Native(3))
        ));
        let e = lookup_method(&mut h, o, n).unwrap_err();
        assert_eq!(e.message(), "Property 'n' is not callable (got int)");
        let e = lookup_method(&mut h, o, x).unwrap_err();
        assert_eq!(e.message(), "ML object has no property 'x'");
        let keys = s(&mut h, "keys");
        assert!(lookup_method(&mut h, o, keys).is_err());
        let upper = s(&mut h, "upper");
        assert!(matches!(
            lookup_method(&mut h, x, upper).unwrap(),
            MethodTarget::Builtin("upper")
        ));
        let e = lookup_method(&mut h, x, keys).unwrap_err();
        assert_eq!(e.message(), "'str' object has no accessible method 'keys'");
        let e = lookup_method(&mut h, Value::Int(1), keys).unwrap_err();
        assert_eq!(e.message(), "'int' object has no accessible method 'keys'");
    }
}
