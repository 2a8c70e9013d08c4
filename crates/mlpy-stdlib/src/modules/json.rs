//! `json` (stdlib.md §10): `parse safeParse validate stringify prettyPrint` and the type and
//! object helpers.
//!
//! The parser and serializer are written here rather than taken from serde_json because the
//! observable behaviour must be CPython's `json` module byte for byte: its error messages and
//! positions ("Expecting ',' delimiter: line 1 column 4 (char 3)"), `NaN`/`Infinity`, exact
//! big ints, last-duplicate-key-wins with first position, `ensure_ascii` escaping, `repr`
//! floats, Python key coercion and separators.
//!
//! Invariants: both directions keep explicit stacks (no Rust recursion on input nesting).
//! Parse raises a catchable `ValueError` "JSON nesting too deep" past the data-depth limit
//! (D6); stringify raises the `RecursionError` limit past it (D31) and detects cycles with a
//! set of the containers on the current path. Parsing charges fuel per input byte before it
//! starts; serializing charges each chunk of values before writing it (so fuel and time limits
//! interrupt it) and checks the output size against the heap budget at every container.

use super::support::{add_all, arity, def, opt};
use mlpy_vm::heap::{Heap, HeapObject};
use mlpy_vm::num::{text_to_int_limit_error, MAX_INT_DIGITS};
use mlpy_vm::text::{bigint_text, float_repr};
use mlpy_vm::{methods, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use num_bigint::BigInt;

const PARSE: &[&str] = &["json.parse"];
const SERIALIZE: &[&str] = &["json.serialize"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "json",
        "JSON parsing and serialization",
        &[
            def("parse", parse, PARSE, "Parse JSON string to value"),
            def(
                "safeParse",
                safe_parse,
                PARSE,
                "Parse JSON with a nesting depth limit",
            ),
            def(
                "validate",
                validate,
                PARSE,
                "Check if a string is valid JSON",
            ),
            def(
                "stringify",
                stringify,
                SERIALIZE,
                "Serialize value to JSON string",
            ),
            def(
                "prettyPrint",
                pretty_print,
                SERIALIZE,
                "Serialize value to indented JSON",
            ),
            def(
                "isObject",
                is_object,
                &[],
                "Check if value is a JSON object",
            ),
            def("isArray", is_array, &[], "Check if value is a JSON array"),
            def(
                "isString",
                is_string,
                &[],
                "Check if value is a JSON string",
            ),
            def(
                "isNumber",
                is_number,
                &[],
                "Check if value is a JSON number",
            ),
            def(
                "isBoolean",
                is_boolean,
                &[],
                "Check if value is a JSON boolean",
            ),
            def("isNull", is_null, &[], "Check if value is JSON null"),
            def("keys", keys, &[], "Keys of an object"),
            def("values", values, &[], "Values of an object"),
            def("hasKey", has_key, &[], "Check if an object has a key"),
            def("get", get, &[], "Get an object value with a default"),
            def("merge", merge, &[], "Merge two objects into a new one"),
        ],
    );
}

// ---- parsing ------------------------------------------------------------------------------

/// Why parsing stopped.
enum ParseError {
    /// CPython's message and byte offset of the position.
    Syntax(&'static str, usize),
    TooDeep,
    Rt(RtError),
}

impl From<RtError> for ParseError {
    fn from(e: RtError) -> Self {
        ParseError::Rt(e)
    }
}

impl From<mlpy_vm::error::MemoryExceeded> for ParseError {
    fn from(e: mlpy_vm::error::MemoryExceeded) -> Self {
        ParseError::Rt(e.into())
    }
}

/// A container being built.
enum Frame {
    Array(Vec<Value>),
    /// Entries so far and the key whose value is being parsed.
    Object(Vec<(Value, Value)>, Value),
}

struct Parser<'t> {
    s: &'t [u8],
    text: &'t str,
    pos: usize,
    max_depth: usize,
    /// Deepest value seen (root = 0), for `safeParse`.
    deepest: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && is_ws(self.s[self.pos]) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn starts(&self, lit: &str) -> bool {
        self.s[self.pos..].starts_with(lit.as_bytes())
    }

    /// Parses a whole document (CPython `json.loads`).
    fn document(&mut self, heap: &mut Heap) -> Result<Value, ParseError> {
        self.skip_ws();
        let v = self.value(heap)?;
        self.skip_ws();
        if self.pos != self.s.len() {
            return Err(ParseError::Syntax("Extra data", self.pos));
        }
        Ok(v)
    }

    /// One value at `pos` (which is not whitespace), with containers built iteratively.
    fn value(&mut self, heap: &mut Heap) -> Result<Value, ParseError> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            // Parse one value, or open a container and continue with its first element.
            let mut v = match self.peek() {
                Some(b'[') | Some(b'{') => {
                    if stack.len() >= self.max_depth {
                        return Err(ParseError::TooDeep);
                    }
                    let is_array = self.peek() == Some(b'[');
                    self.pos += 1;
                    self.skip_ws();
                    self.deepest = self.deepest.max(stack.len());
                    if is_array {
                        if self.peek() == Some(b']') {
                            self.pos += 1;
                            heap.alloc_array(Vec::new())?
                        } else {
                            stack.push(Frame::Array(Vec::new()));
                            continue 'value;
                        }
                    } else if self.peek() == Some(b'}') {
                        self.pos += 1;
                        methods::object_from_pairs(heap, &[])?
                    } else {
                        let key = self.object_key(heap)?;
                        stack.push(Frame::Object(Vec::new(), key));
                        continue 'value;
                    }
                }
                _ => {
                    self.deepest = self.deepest.max(stack.len());
                    self.scalar(heap)?
                }
            };
            // Attach `v` to the enclosing containers, closing every one that ends here.
            loop {
                let Some(top) = stack.last_mut() else {
                    return Ok(v);
                };
                match top {
                    Frame::Array(items) => items.push(v),
                    Frame::Object(entries, key) => entries.push((*key, v)),
                }
                self.skip_ws();
                let closing = if matches!(top, Frame::Array(_)) {
                    b']'
                } else {
                    b'}'
                };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                        if let Frame::Object(_, key) = top {
                            *key = self.object_key(heap)?;
                        }
                        continue 'value;
                    }
                    Some(c) if c == closing => {
                        self.pos += 1;
                        v = match stack.pop() {
                            Some(Frame::Array(items)) => heap.alloc_array(items)?,
                            Some(Frame::Object(entries, _)) => {
                                methods::object_from_pairs(heap, &entries)?
                            }
                            None => return Ok(v),
                        };
                    }
                    _ => return Err(ParseError::Syntax("Expecting ',' delimiter", self.pos)),
                }
            }
        }
    }

    /// `"key"` `:` and the whitespace before the value.
    fn object_key(&mut self, heap: &mut Heap) -> Result<Value, ParseError> {
        if self.peek() != Some(b'"') {
            return Err(ParseError::Syntax(
                "Expecting property name enclosed in double quotes",
                self.pos,
            ));
        }
        self.pos += 1;
        let key = self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(ParseError::Syntax("Expecting ':' delimiter", self.pos));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(heap.alloc_string(key)?)
    }

    fn scalar(&mut self, heap: &mut Heap) -> Result<Value, ParseError> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(ParseError::Syntax("Expecting value", start));
        };
        let lit = |p: &mut Self, text: &str, v: Value| {
            p.pos += text.len();
            Ok(v)
        };
        match c {
            b'"' => {
                self.pos += 1;
                let s = self.string()?;
                Ok(heap.alloc_string(s)?)
            }
            b'n' if self.starts("null") => lit(self, "null", Value::Null),
            b't' if self.starts("true") => lit(self, "true", Value::Bool(true)),
            b'f' if self.starts("false") => lit(self, "false", Value::Bool(false)),
            b'N' if self.starts("NaN") => lit(self, "NaN", Value::Float(f64::NAN)),
            b'I' if self.starts("Infinity") => lit(self, "Infinity", Value::Float(f64::INFINITY)),
            b'-' if self.starts("-Infinity") => {
                lit(self, "-Infinity", Value::Float(f64::NEG_INFINITY))
            }
            b'-' | b'0'..=b'9' => self.number(heap),
            _ => Err(ParseError::Syntax("Expecting value", start)),
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`
    fn number(&mut self, heap: &mut Heap) -> Result<Value, ParseError> {
        let s = self.s;
        let start = self.pos;
        let mut i = start;
        if s.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |mut j: usize| {
            while s.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            j
        };
        match s.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = digits(i),
            _ => return Err(ParseError::Syntax("Expecting value", start)),
        }
        let mut is_float = false;
        if s.get(i) == Some(&b'.') && s.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i = digits(i + 1);
            is_float = true;
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(s.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            if s.get(j).is_some_and(u8::is_ascii_digit) {
                i = digits(j);
                is_float = true;
            }
        }
        self.pos = i;
        let text = &self.text[start..i];
        if is_float {
            return Ok(Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)));
        }
        let digits = text.len() - usize::from(text.starts_with('-'));
        if digits > MAX_INT_DIGITS {
            return Err(text_to_int_limit_error(digits).into());
        }
        match text.parse::<i64>() {
            Ok(n) => Ok(Value::Int(n)),
            Err(_) => match text.parse::<BigInt>() {
                Ok(b) => Ok(heap.alloc_bigint(b)?),
                Err(_) => Err(ParseError::Syntax("Expecting value", start)),
            },
        }
    }

    /// Four hex digits at `at`.
    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.text.get(at..at + 4)?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    }

    /// The rest of a string whose opening quote is at `pos - 1` (CPython `scanstring`).
    fn string(&mut self) -> Result<String, ParseError> {
        let begin = self.pos - 1;
        let mut out = String::new();
        loop {
            let chunk_start = self.pos;
            while let Some(&b) = self.s.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[chunk_start..self.pos]);
            match self.peek() {
                None => return Err(ParseError::Syntax("Unterminated string starting at", begin)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {}
                Some(_) => {
                    return Err(ParseError::Syntax("Invalid control character at", self.pos))
                }
            }
            let backslash = self.pos;
            let Some(&e) = self.s.get(backslash + 1) else {
                return Err(ParseError::Syntax("Unterminated string starting at", begin));
            };
            self.pos = backslash + 2;
            let simple = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let bad = ParseError::Syntax("Invalid \\uXXXX escape", backslash + 1);
                    let Some(mut c) = self.hex4(backslash + 2) else {
                        return Err(bad);
                    };
                    self.pos = backslash + 6;
                    if (0xD800..0xDC00).contains(&c) && self.starts("\\u") {
                        let Some(c2) = self.hex4(self.pos + 2) else {
                            return Err(ParseError::Syntax("Invalid \\uXXXX escape", self.pos + 1));
                        };
                        if (0xDC00..0xE000).contains(&c2) {
                            c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                            self.pos += 6;
                        }
                    }
                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    continue;
                }
                _ => return Err(ParseError::Syntax("Invalid \\escape", backslash)),
            };
            out.push(simple);
        }
    }
}

/// CPython's `JSONDecodeError` text for a byte offset.
fn decode_error_text(text: &str, msg: &str, byte_pos: usize) -> String {
    let before = text.get(..byte_pos).unwrap_or(text);
    let pos = before.chars().count();
    let line = before.matches('\n').count() + 1;
    let col = match before.rfind('\n') {
        Some(nl) => before[nl + 1..].chars().count() + 1,
        None => pos + 1,
    };
    format!("{msg}: line {line} column {col} (char {pos})")
}

/// Fuel for converting long integer literals (quadratic in their digits), found by a scan
/// that skips strings.
fn bigint_cost(text: &[u8]) -> u64 {
    let (mut cost, mut run, mut in_str, mut esc) = (0u64, 0u64, false, false);
    for &b in text {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        if b.is_ascii_digit() {
            run += 1;
            continue;
        }
        cost = cost.saturating_add((run / 19).saturating_pow(2));
        run = 0;
        in_str = b == b'"';
    }
    cost.saturating_add((run / 19).saturating_pow(2))
}

/// Parses `v` (which must be a string); returns the value and its deepest nesting level.
fn parse_value(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<(Value, usize)> {
    let Value::Str(g) = v else {
        return Err(RtError::value_error(format!(
            "JSON parsing failed: the JSON object must be str, bytes or bytearray, not {}",
            v.type_name(ctx.heap_ref())
        )));
    };
    let text = ctx.heap_ref().str(g).to_string();
    ctx.charge(1 + text.len() as u64 + bigint_cost(text.as_bytes()))?;
    let max_depth = ctx.max_depth();
    let mut p = Parser {
        s: text.as_bytes(),
        text: &text,
        pos: 0,
        max_depth,
        deepest: 0,
    };
    match p.document(ctx.heap()) {
        Ok(v) => Ok((v, p.deepest)),
        Err(ParseError::Syntax(msg, at)) => Err(RtError::value_error(format!(
            "JSON parsing failed: {}",
            decode_error_text(&text, msg, at)
        ))),
        Err(ParseError::TooDeep) => Err(RtError::value_error("JSON nesting too deep")),
        Err(ParseError::Rt(e)) => Err(e),
    }
}

fn parse(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("parse", args, 1, 1)?;
    Ok(parse_value(ctx, args[0])?.0)
}

fn safe_parse(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("safeParse", args, 1, 2)?;
    let limit = match opt(args, 1) {
        Value::Null => 100,
        v => super::support::int_arg(ctx.heap_ref(), v)?
            .saturating()
            .min(100),
    };
    let (v, deepest) = parse_value(ctx, args[0])?;
    if deepest as i64 > limit {
        return Err(RtError::value_error(format!(
            "JSON object depth exceeds maximum allowed ({limit})"
        )));
    }
    Ok(v)
}

fn validate(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("validate", args, 1, 1)?;
    match parse_value(ctx, args[0]) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if e.kind().is_limit() => Err(e),
        Err(_) => Ok(Value::Bool(false)),
    }
}

// ---- serialization -----------------------------------------------------------------------

/// Appends `s` as a JSON string with `ensure_ascii` escaping (CPython `py_encode_basestring_ascii`).
fn write_json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Python `float.__repr__` with JSON's names for the non-finite values.
fn json_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        float_repr(f)
    }
}

struct Writer {
    out: String,
    /// `None` = compact (`", "`, `": "`), `Some(n)` = newline and `n` spaces per level.
    indent: Option<usize>,
    /// Containers on the current path (cycle detection).
    path: std::collections::HashSet<mlpy_vm::Gc>,
    /// Containers being written, innermost last.
    stack: Vec<OutFrame>,
    max_depth: usize,
}

/// A container being written: its entries (keys for objects) and the next one to write.
struct OutFrame {
    g: mlpy_vm::Gc,
    close: char,
    items: Vec<(Option<Value>, Value)>,
    next: usize,
    level: usize,
}

/// Values written between two fuel charges.
const CHUNK: usize = 1024;

fn serialize_error(msg: impl std::fmt::Display) -> RtError {
    RtError::value_error(format!("JSON serialization failed: {msg}"))
}

/// A big int's decimal text; past CPython's 4300 digits a serialization error, as `json.dumps`.
fn int_text(heap: &Heap, g: mlpy_vm::Gc) -> RtResult<String> {
    bigint_text(heap.bigint(g)).map_err(|e| serialize_error(e.message()))
}

impl Writer {
    fn newline(&mut self, level: usize) {
        if let Some(n) = self.indent {
            self.out.push('\n');
            self.out.extend(std::iter::repeat_n(' ', n * level));
        }
    }

    fn key(&mut self, heap: &Heap, k: Value) -> RtResult<()> {
        match k {
            Value::Str(g) => write_json_str(heap.str(g), &mut self.out),
            Value::Bool(b) => self.out.push_str(if b { "\"true\"" } else { "\"false\"" }),
            Value::Null => self.out.push_str("\"null\""),
            Value::Int(i) => self.out.push_str(&format!("\"{i}\"")),
            Value::BigInt(g) => write_json_str(&int_text(heap, g)?, &mut self.out),
            Value::Float(f) => {
                let t = json_float(f);
                write_json_str(&t, &mut self.out);
            }
            other => {
                return Err(serialize_error(format_args!(
                    "keys must be str, int, float, bool or None, not {}",
                    other.type_name(heap)
                )))
            }
        }
        Ok(())
    }

    /// Writes a scalar, or opens a container and pushes its frame (its elements are written
    /// by [`Writer::step`], so nesting never recurses on the Rust stack).
    fn start(&mut self, heap: &Heap, v: Value, level: usize) -> RtResult<()> {
        match v {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if b { "true" } else { "false" }),
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::BigInt(g) => self.out.push_str(&int_text(heap, g)?),
            Value::Float(f) => self.out.push_str(&json_float(f)),
            Value::Str(g) => write_json_str(heap.str(g), &mut self.out),
            Value::Array(g) | Value::Tuple(g) => self.open(heap, g, false, level)?,
            Value::Object(g) => self.open(heap, g, true, level)?,
            other => {
                return Err(serialize_error(format_args!(
                    "Object of type {} is not JSON serializable",
                    other.type_name(heap)
                )))
            }
        }
        Ok(())
    }

    fn open(&mut self, heap: &Heap, g: mlpy_vm::Gc, is_object: bool, level: usize) -> RtResult<()> {
        if level > self.max_depth {
            return Err(RtError::depth());
        }
        if !self.path.insert(g) {
            return Err(serialize_error("Circular reference detected"));
        }
        heap.check(self.out.len())?;
        let items: Vec<(Option<Value>, Value)> = if is_object {
            heap.object(g).iter().map(|(k, v)| (Some(k), v)).collect()
        } else {
            let xs: &[Value] = match heap.get(g) {
                HeapObject::Array(a) => a,
                HeapObject::Tuple(t) => t,
                _ => &[],
            };
            xs.iter().map(|&x| (None, x)).collect()
        };
        self.out.push(if is_object { '{' } else { '[' });
        self.stack.push(OutFrame {
            g,
            close: if is_object { '}' } else { ']' },
            items,
            next: 0,
            level,
        });
        Ok(())
    }

    /// Writes up to `budget` more elements; true when the whole value is written.
    fn step(&mut self, heap: &Heap, budget: usize) -> RtResult<bool> {
        let sep = if self.indent.is_some() { "," } else { ", " };
        for _ in 0..budget {
            let Some(top) = self.stack.last_mut() else {
                return Ok(true);
            };
            let level = top.level;
            if let Some(&(key, x)) = top.items.get(top.next) {
                if top.next > 0 {
                    self.out.push_str(sep);
                }
                top.next += 1;
                self.newline(level + 1);
                if let Some(k) = key {
                    self.key(heap, k)?;
                    self.out.push_str(": ");
                }
                self.start(heap, x, level + 1)?;
            } else {
                let (g, close, empty) = (top.g, top.close, top.items.is_empty());
                self.stack.pop();
                if !empty {
                    self.newline(level);
                }
                self.out.push(close);
                self.path.remove(&g);
            }
        }
        Ok(self.stack.is_empty())
    }
}

/// Python `json.dumps(v)` (`indent` = `None` for the compact form). Fuel is charged for each
/// chunk of values before it is written, so long serializations honour fuel and time limits.
pub(crate) fn dumps(ctx: &mut NativeCtx<'_>, v: Value, indent: Option<usize>) -> RtResult<String> {
    let mut w = Writer {
        out: String::new(),
        indent,
        path: std::collections::HashSet::new(),
        stack: Vec::new(),
        max_depth: ctx.max_depth(),
    };
    ctx.charge(1)?;
    w.start(ctx.heap_ref(), v, 0)?;
    let mut written = 0;
    loop {
        // The chunk's values, plus the text the previous chunk produced (long strings).
        ctx.charge(CHUNK as u64 + (w.out.len() - written) as u64 / 64)?;
        written = w.out.len();
        if w.step(ctx.heap_ref(), CHUNK)? {
            return Ok(w.out);
        }
    }
}

fn to_json(ctx: &mut NativeCtx<'_>, v: Value, indent: Option<usize>) -> RtResult<Value> {
    let text = dumps(ctx, v, indent)?;
    ctx.alloc_str(&text)
}

fn stringify(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("stringify", args, 1, 1)?;
    to_json(ctx, args[0], None)
}

fn pretty_print(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("prettyPrint", args, 1, 2)?;
    let indent = match opt(args, 1) {
        Value::Null => 4,
        v => super::support::int_arg(ctx.heap_ref(), v)?
            .saturating()
            .clamp(0, 1 << 16) as usize,
    };
    to_json(ctx, args[0], Some(indent))
}

// ---- type and object helpers ---------------------------------------------------------------

fn is_kind(args: &[Value], name: &str, f: fn(Value) -> bool) -> RtResult<Value> {
    arity(name, args, 1, 1)?;
    Ok(Value::Bool(f(args[0])))
}

fn is_object(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    is_kind(args, "isObject", |v| matches!(v, Value::Object(_)))
}
fn is_array(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    is_kind(args, "isArray", |v| matches!(v, Value::Array(_)))
}
fn is_string(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    is_kind(args, "isString", |v| matches!(v, Value::Str(_)))
}
fn is_number(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    is_kind(args, "isNumber", |v| {
        matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Float(_))
    })
}
fn is_boolean(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    is_kind(args, "isBoolean", |v| matches!(v, Value::Bool(_)))
}
fn is_null(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    is_kind(args, "isNull", |v| matches!(v, Value::Null))
}

/// The entries of an object argument (empty for anything else), charged per entry.
fn entries(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<(Value, Value)>> {
    match v {
        Value::Object(g) => {
            let n = ctx.heap_ref().object(g).len();
            super::support::reserve(ctx, 2 * n)?;
            Ok(ctx.heap_ref().object(g).iter().collect())
        }
        _ => Ok(Vec::new()),
    }
}

fn keys(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("keys", args, 1, 1)?;
    let e = entries(ctx, args[0])?;
    Ok(ctx
        .heap()
        .alloc_array(e.into_iter().map(|(k, _)| k).collect())?)
}

fn values(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("values", args, 1, 1)?;
    let e = entries(ctx, args[0])?;
    Ok(ctx
        .heap()
        .alloc_array(e.into_iter().map(|(_, v)| v).collect())?)
}

fn has_key(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("hasKey", args, 2, 2)?;
    ctx.charge(1)?;
    Ok(Value::Bool(match args[0] {
        Value::Object(g) => ctx.heap_ref().object_get(g, args[1])?.is_some(),
        _ => false,
    }))
}

fn get(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("get", args, 2, 3)?;
    ctx.charge(1)?;
    let found = match args[0] {
        Value::Object(g) => ctx.heap_ref().object_get(g, args[1])?,
        _ => None,
    };
    Ok(found.unwrap_or(opt(args, 2)))
}

fn merge(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("merge", args, 2, 2)?;
    let mut all = entries(ctx, args[0])?;
    all.extend(entries(ctx, args[1])?);
    methods::object_from_pairs(ctx.heap(), &all)
}

#[cfg(test)]
mod tests {
    use super::bigint_cost;

    #[test]
    fn long_integer_literals_cost_quadratic_fuel() {
        assert_eq!(bigint_cost(b"[1, 22, 333]"), 0);
        assert_eq!(bigint_cost("1".repeat(190).as_bytes()), 100);
        // Digits inside strings are not numbers.
        let quoted = format!("[\"{}\", \"\\\"{}\"]", "9".repeat(190), "9".repeat(190));
        assert_eq!(bigint_cost(quoted.as_bytes()), 0);
    }
}
