//! `log` (stdlib.md §18): a default logger and named loggers (`create_logger`, per-name
//! singletons within a run) writing one record per line to stdout, in text or JSON form, and
//! optionally appending to files.
//!
//! Invariants: logger state lives in the VM's host data (`Loggers`), keyed by name; a `Logger`
//! object only holds its name, so every handle to one name shares its settings. `Logger`
//! methods require the same capabilities as the module functions; `add_file` additionally
//! checks `file.write` against the path's canonical form when it is added and on every write.

use super::access::{canonical, check, Target, WriteMode};
use super::file::write_file;
use super::json::dumps;
use super::support::{add_all, arity, def, opt};
use crate::host::HostEnv;
use mlpy_vm::heap::{HeapObject, HostObject};
use mlpy_vm::{ops, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::any::Any;
use std::collections::HashMap;
use std::path::PathBuf;

const WRITE: &[&str] = &["log.write"];
const FILE: &[&str] = &["log.write", "file.write"];
const DEFAULT: &str = "default";

/// Level numbers as Python's `logging`.
const DEBUG: u8 = 10;
const INFO: u8 = 20;
const WARNING: u8 = 30;
const ERROR: u8 = 40;
const CRITICAL: u8 = 50;

struct Logger {
    level: u8,
    json: bool,
    timestamp: bool,
    files: Vec<PathBuf>,
}

impl Default for Logger {
    fn default() -> Self {
        Logger {
            level: INFO,
            json: false,
            timestamp: true,
            files: Vec::new(),
        }
    }
}

/// Every logger of the run, by name.
#[derive(Default)]
struct Loggers(HashMap<String, Logger>);

/// A `Logger` object: the name of its logger.
struct LoggerObj(String);

impl HostObject for LoggerObj {
    fn class_name(&self) -> &str {
        "Logger"
    }
    fn heap_size(&self) -> usize {
        self.0.len()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "log",
        "Structured logging with levels, formatting, and multiple outputs",
        &[
            def("debug", debug, WRITE, "Log debug level message"),
            def("info", info, WRITE, "Log info level message"),
            def("warn", warn, WRITE, "Log warning message"),
            def("error", error, WRITE, "Log error message"),
            def("critical", critical, WRITE, "Log critical message"),
            def("set_level", set_level, WRITE, "Set logging level"),
            def("set_format", set_format, WRITE, "Set log output format"),
            def(
                "set_timestamp",
                set_timestamp,
                WRITE,
                "Enable or disable timestamps",
            ),
            def("add_file", add_file, FILE, "Add file output destination"),
            def(
                "is_debug",
                is_debug,
                &[],
                "Check if debug logging is enabled",
            ),
            def(
                "create_logger",
                create_logger,
                &[],
                "Create named logger instance",
            ),
        ],
    );
    let methods: &[(&str, mlpy_vm::NativeFn, &'static [&'static str], &str)] = &[
        ("debug", l_debug, WRITE, "Log debug level message"),
        ("info", l_info, WRITE, "Log info level message"),
        ("warn", l_warn, WRITE, "Log warning message"),
        ("error", l_error, WRITE, "Log error message"),
        ("critical", l_critical, WRITE, "Log critical message"),
        ("set_level", l_set_level, WRITE, "Set logging level"),
        ("set_format", l_set_format, WRITE, "Set log output format"),
        (
            "set_timestamp",
            l_set_timestamp,
            WRITE,
            "Enable or disable timestamps",
        ),
        ("add_file", l_add_file, FILE, "Add file output destination"),
        (
            "is_debug",
            l_is_debug,
            &[],
            "Check if debug logging is enabled",
        ),
    ];
    for &(name, f, caps, doc) in methods {
        reg.add_method("Logger", name, def(name, f, caps, doc));
    }
}

/// The state of logger `name` (created at its defaults on first use).
fn logger<'c>(ctx: &'c mut NativeCtx<'_>, name: &str) -> RtResult<&'c mut Logger> {
    ctx.host_data_or_insert_with(Loggers::default)
        .map(|l| l.0.entry(name.to_string()).or_default())
        .ok_or_else(|| RtError::runtime_error("logger state unavailable"))
}

/// Local wall-clock text `YYYY-MM-DD HH:MM:SS` in the run's time zone.
fn local_now(ctx: &mut NativeCtx<'_>) -> String {
    let tz = ctx.host_data::<HostEnv>().and_then(|e| e.timezone.clone());
    let now = chrono::Utc::now();
    const FMT: &str = "%Y-%m-%d %H:%M:%S";
    match tz.as_deref().and_then(crate::host::named_timezone) {
        Some(tz) => {
            let offset = crate::host::utc_offset_at(&tz, now.timestamp());
            let local = now.naive_utc() + chrono::Duration::seconds(i64::from(offset));
            local.format(FMT).to_string()
        }
        None => now.with_timezone(&chrono::Local).format(FMT).to_string(),
    }
}

/// Emits one record of `level` with `args = [message, data?]` through logger `name`.
fn emit(
    ctx: &mut NativeCtx<'_>,
    name: &str,
    level: u8,
    func: &str,
    args: &[Value],
) -> RtResult<Value> {
    arity(func, args, 1, 2)?;
    let (message, data) = (args[0], opt(args, 1));
    let (min, json, timestamp, files) = {
        let l = logger(ctx, name)?;
        (l.level, l.json, l.timestamp, l.files.clone())
    };
    if level < min {
        return Ok(Value::Null);
    }
    let data = match data {
        Value::Object(g) if !ctx.heap_ref().object(g).is_empty() => Some((g, data)),
        v if !ops::truthy(ctx.heap_ref(), v) => None,
        v => {
            return Err(RtError::type_error(format!(
                "log data must be an object, not '{}'",
                v.type_name(ctx.heap_ref())
            )))
        }
    };
    let line = if json {
        let level_name = match level {
            DEBUG => "DEBUG",
            INFO => "INFO",
            WARNING => "WARN",
            ERROR => "ERROR",
            _ => "CRITICAL",
        };
        let mut s = format!("{{\"message\": {}", dumps(ctx, message, None)?);
        s.push_str(&format!(", \"level\": \"{level_name}\""));
        s.push_str(&format!(", \"logger\": {}", dumps_str(ctx, name)?));
        if timestamp {
            let ts = chrono::Utc::now()
                .format("%Y-%m-%dT%H:%M:%S%.6f")
                .to_string();
            s.push_str(&format!(", \"timestamp\": \"{ts}Z\""));
        }
        if let Some((_, d)) = data {
            s.push_str(&format!(", \"data\": {}", dumps(ctx, d, None)?));
        }
        s.push('}');
        s
    } else {
        let level_name = match level {
            DEBUG => "DEBUG",
            INFO => "INFO",
            WARNING => "WARNING",
            ERROR => "ERROR",
            _ => "CRITICAL",
        };
        let mut pairs = Vec::new();
        if let Some((g, _)) = data {
            let entries: Vec<(Value, Value)> = ctx.heap_ref().object(g).iter().collect();
            ctx.charge(entries.len() as u64)?;
            for (k, v) in entries {
                pairs.push((ctx.display(k)?, ctx.display(v)?));
            }
        }
        let msg = ctx.display(message)?;
        text_line(&local_now(ctx), level_name, &msg, &pairs)
    };
    let line = line + "\n";
    ctx.charge(1 + line.len() as u64 / 16)?;
    ctx.write_stdout(&line)?;
    for path in files {
        write_file(
            ctx,
            "log.add_file",
            "file.write",
            &path,
            WriteMode::Append,
            line.as_bytes(),
        )?;
    }
    Ok(Value::Null)
}

/// A text-format record: `[TIME] LEVEL: message | k1=v1, k2=v2`.
fn text_line(time: &str, level: &str, message: &str, data: &[(String, String)]) -> String {
    let mut s = format!("[{time}] {level}: {message}");
    if !data.is_empty() {
        let parts: Vec<String> = data.iter().map(|(k, v)| format!("{k}={v}")).collect();
        s.push_str(" | ");
        s.push_str(&parts.join(", "));
    }
    s
}

fn dumps_str(ctx: &mut NativeCtx<'_>, s: &str) -> RtResult<String> {
    let v = ctx.alloc_str(s)?;
    dumps(ctx, v, None)
}

fn text_arg(ctx: &NativeCtx<'_>, func: &str, v: Value) -> RtResult<String> {
    match ctx.str_of(v) {
        Some(s) => Ok(s.to_string()),
        None => Err(RtError::type_error(format!(
            "{func}() argument must be a string, not '{}'",
            v.type_name(ctx.heap_ref())
        ))),
    }
}

fn do_set_level(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<Value> {
    arity("set_level", args, 1, 1)?;
    let level = match text_arg(ctx, "set_level", args[0])?.to_uppercase().as_str() {
        "DEBUG" => DEBUG,
        "WARN" | "WARNING" => WARNING,
        "ERROR" => ERROR,
        "CRITICAL" => CRITICAL,
        _ => INFO,
    };
    logger(ctx, name)?.level = level;
    Ok(Value::Null)
}

fn do_set_format(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<Value> {
    arity("set_format", args, 1, 1)?;
    let json = ctx.str_of(args[0]) == Some("json");
    logger(ctx, name)?.json = json;
    Ok(Value::Null)
}

fn do_set_timestamp(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<Value> {
    arity("set_timestamp", args, 1, 1)?;
    let on = ops::truthy(ctx.heap_ref(), args[0]);
    logger(ctx, name)?.timestamp = on;
    Ok(Value::Null)
}

fn do_add_file(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<Value> {
    arity("add_file", args, 1, 1)?;
    let raw = text_arg(ctx, "add_file", args[0])?;
    let path = canonical(ctx, &raw)?;
    check(ctx, "log.add_file", "file.write", &Target::Path(&path))?;
    logger(ctx, name)?.files.push(path);
    Ok(Value::Null)
}

fn do_is_debug(ctx: &mut NativeCtx<'_>, name: &str, args: &[Value]) -> RtResult<Value> {
    arity("is_debug", args, 0, 0)?;
    Ok(Value::Bool(logger(ctx, name)?.level <= DEBUG))
}

fn debug(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, DEFAULT, DEBUG, "debug", args)
}
fn info(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, DEFAULT, INFO, "info", args)
}
fn warn(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, DEFAULT, WARNING, "warn", args)
}
fn error(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, DEFAULT, ERROR, "error", args)
}
fn critical(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, DEFAULT, CRITICAL, "critical", args)
}
fn set_level(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    do_set_level(ctx, DEFAULT, args)
}
fn set_format(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    do_set_format(ctx, DEFAULT, args)
}
fn set_timestamp(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    do_set_timestamp(ctx, DEFAULT, args)
}
fn add_file(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    do_add_file(ctx, DEFAULT, args)
}
fn is_debug(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    do_is_debug(ctx, DEFAULT, args)
}

fn create_logger(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("create_logger", args, 1, 1)?;
    let name = text_arg(ctx, "create_logger", args[0])?;
    logger(ctx, &name)?;
    Ok(ctx.heap().alloc_host(Box::new(LoggerObj(name)))?)
}

/// The logger name of a `Logger` receiver and the method's own arguments.
fn receiver<'a>(ctx: &NativeCtx<'_>, args: &'a [Value]) -> RtResult<(String, &'a [Value])> {
    if let Some(Value::Other(g)) = args.first() {
        if let HeapObject::Host(h) = ctx.heap_ref().get(*g) {
            if let Some(l) = h.as_any().downcast_ref::<LoggerObj>() {
                return Ok((l.0.clone(), &args[1..]));
            }
        }
    }
    Err(RtError::type_error("expected a Logger"))
}

macro_rules! logger_method {
    ($name:ident, $body:expr) => {
        fn $name(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
            let (name, rest) = receiver(ctx, args)?;
            #[allow(clippy::redundant_closure_call)]
            ($body)(ctx, name.as_str(), rest)
        }
    };
}

logger_method!(l_debug, |c, n, a| emit(c, n, DEBUG, "debug", a));
logger_method!(l_info, |c, n, a| emit(c, n, INFO, "info", a));
logger_method!(l_warn, |c, n, a| emit(c, n, WARNING, "warn", a));
logger_method!(l_error, |c, n, a| emit(c, n, ERROR, "error", a));
logger_method!(l_critical, |c, n, a| emit(c, n, CRITICAL, "critical", a));
logger_method!(l_set_level, do_set_level);
logger_method!(l_set_format, do_set_format);
logger_method!(l_set_timestamp, do_set_timestamp);
logger_method!(l_add_file, do_add_file);
logger_method!(l_is_debug, do_is_debug);

#[cfg(test)]
mod tests {
    use super::text_line;

    #[test]
    fn text_records() {
        assert_eq!(
            text_line("2025-01-02 03:04:05", "WARNING", "m", &[]),
            "[2025-01-02 03:04:05] WARNING: m"
        );
        let data = [
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), "x".to_string()),
        ];
        assert_eq!(
            text_line("T", "INFO", "plain", &data),
            "[T] INFO: plain | a=1, b=x"
        );
    }
}
