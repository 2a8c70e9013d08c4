//! `console` (stdlib.md §3): `log info debug warn error`, each writing the Python `str` of its
//! arguments joined by one space plus a newline; `warn`/`error` go to stderr.
//!
//! Invariant: output goes only through `NativeCtx::write_stdout`/`write_stderr`, so the output
//! limit counts it (D5).

use super::support::{add_all, def};
use mlpy_vm::{NativeCtx, NativeRegistry, RtResult, Value};

const WRITE: &[&str] = &["console.write"];
const ERROR: &[&str] = &["console.error"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "console",
        "Console output (stdout and stderr logging)",
        &[
            def("log", log, WRITE, "Write values to standard output"),
            def(
                "info",
                info,
                WRITE,
                "Write an INFO: line to standard output",
            ),
            def(
                "debug",
                debug,
                WRITE,
                "Write a DEBUG: line to standard output",
            ),
            def(
                "warn",
                warn,
                ERROR,
                "Write a WARNING: line to standard error",
            ),
            def("error", error, ERROR, "Write values to standard error"),
        ],
    );
}

/// Writes `prefix` (if any) and `display` of each value, space separated, plus a newline.
fn emit(
    ctx: &mut NativeCtx<'_>,
    prefix: Option<&str>,
    args: &[Value],
    stderr: bool,
) -> RtResult<Value> {
    ctx.charge(1 + args.len() as u64)?;
    let mut parts: Vec<String> = prefix.map(str::to_string).into_iter().collect();
    for &a in args {
        parts.push(ctx.display(a)?);
    }
    let mut line = parts.join(" ");
    ctx.charge(line.len() as u64 / 16)?;
    line.push('\n');
    if stderr {
        ctx.write_stderr(&line)?;
    } else {
        ctx.write_stdout(&line)?;
    }
    Ok(Value::Null)
}

fn log(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, None, args, false)
}

fn info(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, Some("INFO:"), args, false)
}

fn debug(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, Some("DEBUG:"), args, false)
}

fn warn(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, Some("WARNING:"), args, true)
}

fn error(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    emit(ctx, None, args, true)
}
