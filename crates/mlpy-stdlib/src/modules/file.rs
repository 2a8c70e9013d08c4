//! `file` (stdlib.md §11): reading, writing, appending, copying, moving and deleting files,
//! plus filesystem queries.
//!
//! Invariants: every function resolves its path to canonical form and checks its capability
//! and the grant's resource patterns first (`access`), opens through verified handles, charges
//! fuel per byte moved and checks the heap budget before reading. Text reads normalise line
//! endings to `\n`.

use super::access::{
    self, add_qualified, canonical, check, encoding_arg, normalize_newlines, open_read, open_write,
    os_error, str_arg, Target, WriteMode,
};
use super::support::{arity, def};
use mlpy_vm::heap::HeapObject;
use mlpy_vm::{NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_qualified(
        reg,
        "file",
        "File reading and writing (capability-checked, resource patterns enforced)",
        &[
            def("file.read", read, &[], "Read a text file"),
            def("file.readBytes", read_bytes, &[], "Read a file as bytes"),
            def(
                "file.readLines",
                read_lines,
                &[],
                "Read a text file as an array of lines",
            ),
            def(
                "file.write",
                write,
                &[],
                "Write text to a file (replaces it)",
            ),
            def("file.writeBytes", write_bytes, &[], "Write bytes to a file"),
            def("file.writeLines", write_lines, &[], "Write lines to a file"),
            def("file.append", append, &[], "Append text to a file"),
            def("file.delete", delete, &[], "Delete a file"),
            def("file.copy", copy, &[], "Copy a file"),
            def("file.move", move_, &[], "Move a file"),
            def("file.exists", exists, &[], "Check whether a path exists"),
            def(
                "file.isFile",
                is_file,
                &[],
                "Check whether a path is a file",
            ),
            def(
                "file.isDirectory",
                is_dir,
                &[],
                "Check whether a path is a directory",
            ),
            def("file.size", size, &[], "Size of a file in bytes"),
            def(
                "file.modifiedTime",
                modified_time,
                &[],
                "Modification time (POSIX seconds)",
            ),
        ],
    );
}

/// The canonical path of argument `i`.
fn path_arg(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value], i: usize) -> RtResult<PathBuf> {
    let raw = str_arg(ctx, func, i + 1, args[i])?;
    canonical(ctx, &raw)
}

fn read_text(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<String> {
    arity(func, args, 1, 2)?;
    let path = path_arg(ctx, func, args, 0)?;
    let encoding = encoding_arg(ctx, func, args, 1)?;
    let file = open_read(ctx, func, "file.read", &path)?;
    let bytes = access::read_all(ctx, file, &path)?;
    Ok(normalize_newlines(encoding.decode(bytes)?))
}

fn read(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let text = read_text(ctx, "file.read", args)?;
    Ok(ctx.heap().alloc_string(text)?)
}

fn read_bytes(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("file.readBytes", args, 1, 1)?;
    let path = path_arg(ctx, "file.readBytes", args, 0)?;
    let file = open_read(ctx, "file.readBytes", "file.read", &path)?;
    let bytes = access::read_all(ctx, file, &path)?;
    Ok(ctx.heap().alloc_bytes(bytes)?)
}

fn read_lines(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let text = read_text(ctx, "file.readLines", args)?;
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    super::support::reserve(ctx, lines.len())?;
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        out.push(ctx.heap().alloc_str(l)?);
    }
    Ok(ctx.heap().alloc_array(out)?)
}

/// Writes `data` to `path` (opened per `mode` after checking `cap` and the run's write
/// quotas), charging per byte.
pub(crate) fn write_file(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
    mode: WriteMode,
    data: &[u8],
) -> RtResult<()> {
    ctx.charge(1 + data.len() as u64 / 64)?;
    access::check_write_quota(ctx, func, cap, path, data.len())?;
    let mut file = open_write(ctx, func, cap, path, mode)?;
    file.write_all(data).map_err(|e| os_error(&e, path))?;
    access::record_write(ctx, data.len());
    Ok(())
}

fn write_text(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    mode: WriteMode,
    args: &[Value],
) -> RtResult<Value> {
    arity(func, args, 2, 3)?;
    let path = path_arg(ctx, func, args, 0)?;
    let content = str_arg(ctx, func, 2, args[1])?;
    let encoding = encoding_arg(ctx, func, args, 2)?;
    let data = encoding.encode(&content)?;
    write_file(ctx, func, cap, &path, mode, &data)?;
    Ok(Value::Null)
}

fn write(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    write_text(ctx, "file.write", "file.write", WriteMode::Truncate, args)
}

fn append(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    write_text(ctx, "file.append", "file.append", WriteMode::Append, args)
}

/// Bytes from a bytes value or an array of ints 0–255.
fn bytes_arg(ctx: &mut NativeCtx<'_>, func: &str, v: Value) -> RtResult<Vec<u8>> {
    if let Value::Other(g) = v {
        if let HeapObject::Bytes(b) = ctx.heap_ref().get(g) {
            return Ok(b.to_vec());
        }
    }
    if let Value::Array(g) = v {
        let items = ctx.heap_ref().array(g).clone();
        ctx.charge(items.len() as u64)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::Int(i) if (0..=255).contains(&i) => out.push(i as u8),
                Value::Int(_) => {
                    return Err(RtError::value_error("bytes must be in range(0, 256)"))
                }
                other => {
                    return Err(RtError::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name(ctx.heap_ref())
                    )))
                }
            }
        }
        return Ok(out);
    }
    Err(RtError::type_error(format!(
        "{func}() argument 2 must be bytes or an array of ints, not {}",
        v.type_name(ctx.heap_ref())
    )))
}

fn write_bytes(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "file.writeBytes";
    arity(func, args, 2, 2)?;
    let path = path_arg(ctx, func, args, 0)?;
    let data = bytes_arg(ctx, func, args[1])?;
    write_file(ctx, func, "file.write", &path, WriteMode::Truncate, &data)?;
    Ok(Value::Null)
}

fn write_lines(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "file.writeLines";
    arity(func, args, 2, 3)?;
    let path = path_arg(ctx, func, args, 0)?;
    let lines = super::support::items(ctx, args[1])?;
    let encoding = encoding_arg(ctx, func, args, 2)?;
    let mut text = String::new();
    for line in lines {
        text.push_str(&ctx.display(line)?);
        text.push('\n');
    }
    let data = encoding.encode(&text)?;
    write_file(ctx, func, "file.write", &path, WriteMode::Truncate, &data)?;
    Ok(Value::Null)
}

fn delete(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("file.delete", args, 1, 1)?;
    let raw = str_arg(ctx, "file.delete", 1, args[0])?;
    let path = access::canonical_nofollow(ctx, &raw)?;
    Ok(Value::Bool(access::remove_file(
        ctx,
        "file.delete",
        "file.delete",
        &path,
    )?))
}

/// Copies `src` to `dst` with the checks of `func` (read on `src`, write on `dst`).
fn copy_file(ctx: &mut NativeCtx<'_>, func: &str, src: &Path, dst: &Path) -> RtResult<()> {
    check(ctx, func, "file.write", &Target::Path(dst))?;
    let file = open_read(ctx, func, "file.read", src)?;
    let data = access::read_all(ctx, file, src)?;
    write_file(ctx, func, "file.write", dst, WriteMode::Truncate, &data)
}

fn copy(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("file.copy", args, 2, 2)?;
    let src = path_arg(ctx, "file.copy", args, 0)?;
    let dst = path_arg(ctx, "file.copy", args, 1)?;
    copy_file(ctx, "file.copy", &src, &dst)?;
    Ok(Value::Null)
}

fn move_(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "file.move";
    arity(func, args, 2, 2)?;
    let src = path_arg(ctx, func, args, 0)?;
    let raw_src = str_arg(ctx, func, 1, args[0])?;
    // A symlink source is moved as a link's content; the link itself is what gets removed.
    let src_entry = access::canonical_nofollow(ctx, &raw_src)?;
    let dst = path_arg(ctx, func, args, 1)?;
    check(ctx, func, "file.read", &Target::Path(&src))?;
    check(ctx, func, "file.delete", &Target::Path(&src_entry))?;
    check(ctx, func, "file.write", &Target::Path(&dst))?;
    // Copy through verified handles, then unlink the source through its parent handle.
    copy_file(ctx, func, &src, &dst)?;
    access::remove_file(ctx, func, "file.delete", &src_entry)?;
    Ok(Value::Null)
}

/// Metadata of the path argument after the `path.read` check (`None`: nothing there).
fn stat_arg(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    args: &[Value],
) -> RtResult<(PathBuf, Option<std::fs::Metadata>)> {
    arity(func, args, 1, 1)?;
    let path = path_arg(ctx, func, args, 0)?;
    let meta = access::stat(ctx, func, "path.read", &path)?;
    Ok((path, meta))
}

fn exists(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(stat_arg(ctx, "file.exists", args)?.1.is_some()))
}

fn is_file(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let meta = stat_arg(ctx, "file.isFile", args)?.1;
    Ok(Value::Bool(meta.is_some_and(|m| m.is_file())))
}

fn is_dir(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let meta = stat_arg(ctx, "file.isDirectory", args)?.1;
    Ok(Value::Bool(meta.is_some_and(|m| m.is_dir())))
}

fn missing(path: &Path) -> RtError {
    os_error(&std::io::Error::from_raw_os_error(libc::ENOENT), path)
}

fn size(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    match stat_arg(ctx, "file.size", args)? {
        (_, Some(m)) => Ok(Value::Int(i64::try_from(m.len()).unwrap_or(i64::MAX))),
        (path, None) => Err(missing(&path)),
    }
}

fn modified_time(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    match stat_arg(ctx, "file.modifiedTime", args)? {
        (_, Some(m)) => Ok(Value::Float(m.mtime() as f64 + m.mtime_nsec() as f64 / 1e9)),
        (path, None) => Err(missing(&path)),
    }
}
