//! `env` (stdlib.md §15): the environment map the host supplied for this run
//! ([`crate::host::HostEnv::env`]), never the process environment itself.
//!
//! Invariants: reads need `env.read`, writes `env.write` (checked by the VM); writes change
//! only this run's map; values are stored as strings (`display` of the value).

use super::access::str_arg;
use super::support::{arity, def, opt, reserve};
use crate::host::HostEnv;
use mlpy_vm::{NativeCtx, NativeRegistry, RtError, RtResult, Value};

const READ: &[&str] = &["env.read"];
const WRITE: &[&str] = &["env.write"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    super::support::add_all(
        reg,
        "env",
        "Environment variables supplied by the host",
        &[
            def("get", get, READ, "Get a variable, or a default"),
            def("require", require, READ, "Get a variable that must be set"),
            def("has", has, READ, "Check whether a variable is set"),
            def("all", all, READ, "All variables as an object"),
            def("get_int", get_int, READ, "Get a variable as an int"),
            def("get_float", get_float, READ, "Get a variable as a float"),
            def("get_bool", get_bool, READ, "Get a variable as a bool"),
            def("set", set, WRITE, "Set a variable for this run"),
            def("delete", delete, WRITE, "Remove a variable for this run"),
        ],
    );
}

/// The value of `key` in the run's map.
fn lookup(ctx: &mut NativeCtx<'_>, key: &str) -> Option<String> {
    ctx.host_data::<HostEnv>()
        .and_then(|h| h.env.get(key).cloned())
}

fn key_arg(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> RtResult<String> {
    arity(func, args, min, max)?;
    let key = str_arg(ctx, func, 1, args[0])?;
    ctx.charge(1 + key.len() as u64 / 16)?;
    Ok(key)
}

fn get(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "get", args, 1, 2)?;
    match lookup(ctx, &key) {
        Some(v) => Ok(ctx.heap().alloc_string(v)?),
        None => Ok(opt(args, 1)),
    }
}

fn require(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "require", args, 1, 1)?;
    match lookup(ctx, &key) {
        Some(v) => Ok(ctx.heap().alloc_string(v)?),
        None => Err(RtError::runtime_error(format!(
            "Required environment variable not set: {key}"
        ))),
    }
}

fn has(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "has", args, 1, 1)?;
    Ok(Value::Bool(lookup(ctx, &key).is_some()))
}

fn all(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("all", args, 0, 0)?;
    let vars: Vec<(String, String)> = ctx
        .host_data::<HostEnv>()
        .map(|h| h.env.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    reserve(ctx, vars.len() * 3)?;
    let mut pairs = Vec::with_capacity(vars.len());
    for (k, v) in &vars {
        let k = ctx.heap().alloc_str(k)?;
        let v = ctx.heap().alloc_str(v)?;
        pairs.push((k, v));
    }
    mlpy_vm::methods::object_from_pairs(ctx.heap(), &pairs)
}

/// Python `int(text)` acceptance: optional sign, digits with single `_` separators, spaces
/// around. Returns `None` when unparsable.
fn parse_int(text: &str) -> Option<num_bigint::BigInt> {
    let t = text.trim();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    format!("{sign}{}", digits.replace('_', "")).parse().ok()
}

fn get_int(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "get_int", args, 1, 2)?;
    let default = args.get(1).copied().unwrap_or(Value::Int(0));
    match lookup(ctx, &key).as_deref().and_then(parse_int) {
        Some(n) => match i64::try_from(&n) {
            Ok(i) => Ok(Value::Int(i)),
            Err(_) => Ok(ctx.heap().alloc_bigint(n)?),
        },
        None => Ok(default),
    }
}

/// Python `float(text)` acceptance (including `inf`, `nan`, `1e3`, `1_000.5`).
fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        return lower.parse::<f64>().ok();
    }
    if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    let cleaned = t.replace('_', "");
    if cleaned
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

fn get_float(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "get_float", args, 1, 2)?;
    let default = args.get(1).copied().unwrap_or(Value::Float(0.0));
    match lookup(ctx, &key).as_deref().and_then(parse_float) {
        Some(f) => Ok(Value::Float(f)),
        None => Ok(default),
    }
}

fn get_bool(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "get_bool", args, 1, 2)?;
    match lookup(ctx, &key) {
        Some(v) => Ok(Value::Bool(matches!(
            v.to_lowercase().as_str(),
            "true" | "1" | "yes" | "on"
        ))),
        None => Ok(args.get(1).copied().unwrap_or(Value::Bool(false))),
    }
}

fn set(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "set", args, 2, 2)?;
    let value = ctx.display(args[1])?;
    ctx.charge(1 + value.len() as u64 / 16)?;
    ctx.heap_ref().check(key.len() + value.len())?;
    if let Some(h) = ctx.host_data_or_insert_with(HostEnv::default) {
        h.env.insert(key, value);
    }
    Ok(Value::Null)
}

fn delete(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let key = key_arg(ctx, "delete", args, 1, 1)?;
    if let Some(h) = ctx.host_data::<HostEnv>() {
        h.env.remove(&key);
    }
    Ok(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_number_parsing() {
        assert_eq!(parse_int(" 42 "), Some(42.into()));
        assert_eq!(parse_int("-1_000"), Some((-1000).into()));
        assert_eq!(parse_int("1__0"), None);
        assert_eq!(parse_int("4.2"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_float("1e3"), Some(1000.0));
        assert_eq!(parse_float("-inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("abc"), None);
        assert!(parse_float("nan").is_some_and(f64::is_nan));
    }
}
