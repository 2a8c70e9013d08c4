//! `--globals json`: the top-level data variables of a finished run as one JSON object (DESIGN
//! CLI contract, spec D7, D22). Floats always carry `.` or an exponent, ints never (big ints
//! exact), tuples are arrays, non-finite floats are the strings "NaN", "Infinity", "-Infinity",
//! keys are written as Python's `json.dumps` writes them, non-data values nested in data are
//! their `str()` text, and non-data variables at top level are left out.
//!
//! Invariant: nesting is bounded by `max_depth` (an explicit stack, no recursion on data).

use mlpy_vm::heap::HeapObject;
use mlpy_vm::{text, Heap, Value};

/// True for values exported at top level (null, bool, number, string, array, tuple, object).
pub(crate) fn is_data(v: Value) -> bool {
    !matches!(v, Value::Other(_) | Value::Function(_) | Value::Native(_))
}

/// Renders `vars` (name, value) as one JSON object line, skipping non-data variables.
pub fn globals_json(heap: &Heap, vars: &[(String, Value)]) -> String {
    let mut out = String::from("{");
    let mut first = true;
    for (name, value) in vars {
        if !is_data(*value) {
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_json_string(&mut out, name);
        out.push_str(": ");
        write_value(heap, *value, &mut out);
    }
    out.push('}');
    out
}

enum Step {
    Value(Value),
    Text(&'static str),
    Key(Value),
}

fn write_value(heap: &Heap, root: Value, out: &mut String) {
    let mut stack = vec![Step::Value(root)];
    while let Some(step) = stack.pop() {
        let value = match step {
            Step::Text(t) => {
                out.push_str(t);
                continue;
            }
            Step::Key(k) => {
                write_key(heap, k, out);
                continue;
            }
            Step::Value(v) => v,
        };
        match value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => write_float(f, out),
            Value::Str(gc) => write_json_string(out, heap.str(gc)),
            Value::BigInt(gc) => match heap.get(gc) {
                HeapObject::BigInt(b) => out.push_str(&b.to_string()),
                _ => out.push_str("null"),
            },
            Value::Array(gc) | Value::Tuple(gc) => {
                let items: &[Value] = match heap.get(gc) {
                    HeapObject::Array(v) => v,
                    HeapObject::Tuple(t) => t,
                    _ => &[],
                };
                stack.push(Step::Text("]"));
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Step::Value(*item));
                    if i > 0 {
                        stack.push(Step::Text(", "));
                    }
                }
                out.push('[');
            }
            Value::Object(gc) => {
                stack.push(Step::Text("}"));
                if let HeapObject::Object(map) = heap.get(gc) {
                    let entries: Vec<(Value, Value)> = map.iter().collect();
                    for (i, (k, v)) in entries.into_iter().enumerate().rev() {
                        stack.push(Step::Value(v));
                        stack.push(Step::Text(": "));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Text(", "));
                        }
                    }
                }
                out.push('{');
            }
            other => {
                let text = text::display(heap, other).unwrap_or_default();
                write_json_string(out, &text);
            }
        }
        if stack.len() > 10_000_000 {
            break;
        }
    }
}

/// Object keys as `json.dumps` writes them: strings as is, numbers/bools/null as their text.
fn write_key(heap: &Heap, key: Value, out: &mut String) {
    let text = match key {
        Value::Str(gc) => heap.str(gc).to_string(),
        Value::Bool(b) => (if b { "true" } else { "false" }).to_string(),
        Value::Null => "null".to_string(),
        Value::Float(f) => json_float_text(f),
        other => text::display(heap, other).unwrap_or_default(),
    };
    write_json_string(out, &text);
}

fn json_float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        text::float_repr(f)
    }
}

fn write_float(f: f64, out: &mut String) {
    if f.is_finite() {
        out.push_str(&text::float_repr(f));
    } else {
        write_json_string(out, &json_float_text(f));
    }
}

fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
