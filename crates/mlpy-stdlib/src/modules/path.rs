//! `path` (stdlib.md §12): POSIX path strings (no capability) and filesystem queries,
//! listings and directory creation/removal (`path.read` / `path.write`, resource patterns
//! enforced).
//!
//! The string functions follow CPython's `posixpath` exactly (`join`, `dirname`, `basename`,
//! `splitext`, `normpath`, `relpath`); they are hand-written because no crate reproduces
//! Python's edge cases (`//` roots, trailing slashes, `.bashrc` having no extension).
//! Listings walk directory handles (cap-std) with an explicit stack: symlinked directories
//! are never descended into, and every entry is charged one fuel tick before it is read.

use super::access::{
    self, add_qualified, allows, canonical, check, home_dir, opt_str_arg, os_error, str_arg,
    working_dir, Target,
};
use super::support::{arity, def, int_arg, opt, reserve};
use cap_std::fs::Dir;
use mlpy_vm::{ErrorKind, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::path::{Path, PathBuf};

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_qualified(
        reg,
        "path",
        "Path manipulation and filesystem queries",
        &[
            def("path.join", join, &[], "Join path segments"),
            def("path.dirname", dirname, &[], "Directory part of a path"),
            def("path.basename", basename, &[], "Last part of a path"),
            def(
                "path.extname",
                extname,
                &[],
                "Extension of a path, with its dot",
            ),
            def(
                "path.split",
                split,
                &[],
                "Split a path into [dirname, basename]",
            ),
            def(
                "path.normalize",
                normalize,
                &[],
                "Normalise a path lexically",
            ),
            def(
                "path.relative",
                relative,
                &[],
                "Relative path from one path to another",
            ),
            def(
                "path.isAbsolute",
                is_absolute,
                &[],
                "Check whether a path is absolute",
            ),
            def("path.separator", separator, &[], "The path separator"),
            def("path.delimiter", delimiter, &[], "The PATH list delimiter"),
            def("path.absolute", absolute, &[], "Absolute form of a path"),
            def("path.exists", exists, &[], "Check whether a path exists"),
            def(
                "path.isFile",
                is_file,
                &[],
                "Check whether a path is a file",
            ),
            def(
                "path.isDirectory",
                is_dir,
                &[],
                "Check whether a path is a directory",
            ),
            def("path.cwd", cwd, &[], "The working directory"),
            def("path.home", home, &[], "The home directory"),
            def("path.tempDir", temp_dir, &[], "The temporary directory"),
            def("path.listDir", list_dir, &[], "Sorted names in a directory"),
            def(
                "path.glob",
                glob,
                &[],
                "Sorted absolute paths matching a glob",
            ),
            def(
                "path.walk",
                walk,
                &[],
                "Sorted relative paths of all files under a directory",
            ),
            def(
                "path.createDir",
                create_dir,
                &[],
                "Create a directory and its parents",
            ),
            def(
                "path.removeDir",
                remove_dir,
                &[],
                "Remove an empty directory",
            ),
            def(
                "path.removeDirRecursive",
                remove_dir_recursive,
                &[],
                "Remove a directory tree",
            ),
        ],
    );
}

// ---- posixpath ----------------------------------------------------------------------------

/// `posixpath.join`.
pub(crate) fn py_join(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if p.starts_with('/') || i == 0 {
            out = p.clone();
        } else if out.is_empty() || out.ends_with('/') {
            out.push_str(p);
        } else {
            out.push('/');
            out.push_str(p);
        }
    }
    out
}

/// `posixpath.split`.
pub(crate) fn py_split(p: &str) -> (String, String) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let head = if !head.is_empty() && !head.chars().all(|c| c == '/') {
        head.trim_end_matches('/')
    } else {
        head
    };
    (head.to_string(), tail.to_string())
}

/// The extension part of `posixpath.splitext`.
pub(crate) fn py_ext(p: &str) -> String {
    let base = &p[p.rfind('/').map_or(0, |i| i + 1)..];
    let Some(dot) = base.rfind('.') else {
        return String::new();
    };
    // Leading dots do not start an extension (`.bashrc`, `..x`).
    if base[..dot].chars().all(|c| c == '.') {
        return String::new();
    }
    base[dot..].to_string()
}

/// `posixpath.normpath`.
pub(crate) fn py_normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let initial = if p.starts_with("//") && !p.starts_with("///") {
        2
    } else if p.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for c in p.split('/') {
        if c.is_empty() || c == "." {
            continue;
        }
        if c != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(c);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let mut out = "/".repeat(initial);
    out.push_str(&comps.join("/"));
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

/// `posixpath.abspath` against the run's working directory (after `~` expansion).
fn py_abspath(cwd: &Path, p: &str) -> String {
    let expanded = if p == "~" || p.starts_with("~/") {
        format!("{}{}", home_dir().display(), &p[1..])
    } else {
        p.to_string()
    };
    if expanded.starts_with('/') {
        py_normpath(&expanded)
    } else {
        py_normpath(&py_join(&[cwd.display().to_string(), expanded]))
    }
}

/// `posixpath.relpath(to, from)`.
fn py_relpath(cwd: &Path, to: &str, from: &str) -> RtResult<String> {
    if to.is_empty() {
        return Err(RtError::value_error("no path specified"));
    }
    let a = py_abspath(cwd, from);
    let b = py_abspath(cwd, to);
    let a: Vec<&str> = a.split('/').filter(|s| !s.is_empty()).collect();
    let b: Vec<&str> = b.split('/').filter(|s| !s.is_empty()).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<&str> = vec![".."; a.len() - common];
    parts.extend(&b[common..]);
    Ok(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

// ---- string functions ---------------------------------------------------------------------

fn one_str(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<String> {
    arity(func, args, 1, 1)?;
    let s = str_arg(ctx, func, 1, args[0])?;
    ctx.charge(1 + s.len() as u64 / 16)?;
    Ok(s)
}

fn ret_str(ctx: &mut NativeCtx<'_>, s: &str) -> RtResult<Value> {
    Ok(ctx.heap().alloc_str(s)?)
}

fn join(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    if args.is_empty() {
        return Err(RtError::type_error(
            "path.join() missing 1 required positional argument: 'a'",
        ));
    }
    let mut parts = Vec::with_capacity(args.len());
    for (i, &a) in args.iter().enumerate() {
        parts.push(str_arg(ctx, "path.join", i + 1, a)?);
    }
    let total: usize = parts.iter().map(String::len).sum();
    ctx.charge(1 + total as u64 / 16)?;
    ctx.heap_ref().check(total + parts.len())?;
    let s = py_join(&parts);
    ret_str(ctx, &s)
}

fn dirname(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.dirname", args)?;
    ret_str(ctx, &py_split(&s).0)
}

fn basename(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.basename", args)?;
    ret_str(ctx, &py_split(&s).1)
}

fn extname(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.extname", args)?;
    ret_str(ctx, &py_ext(&s))
}

fn split(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.split", args)?;
    let (h, t) = py_split(&s);
    let h = ctx.heap().alloc_str(&h)?;
    let t = ctx.heap().alloc_str(&t)?;
    Ok(ctx.heap().alloc_array(vec![h, t])?)
}

fn normalize(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.normalize", args)?;
    ret_str(ctx, &py_normpath(&s))
}

fn relative(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("path.relative", args, 2, 2)?;
    let from = str_arg(ctx, "path.relative", 1, args[0])?;
    let to = str_arg(ctx, "path.relative", 2, args[1])?;
    ctx.charge(1 + (from.len() + to.len()) as u64 / 16)?;
    let cwd = working_dir(ctx);
    let r = py_relpath(&cwd, &to, &from)?;
    ret_str(ctx, &r)
}

fn is_absolute(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.isAbsolute", args)?;
    Ok(Value::Bool(s.starts_with('/')))
}

fn separator(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("path.separator", args, 0, 0)?;
    ret_str(ctx, "/")
}

fn delimiter(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("path.delimiter", args, 0, 0)?;
    ret_str(ctx, ":")
}

// ---- filesystem ---------------------------------------------------------------------------

fn absolute(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_str(ctx, "path.absolute", args)?;
    let target = canonical(ctx, &s)?;
    check(ctx, "path.absolute", "path.read", &Target::Path(&target))?;
    let cwd = working_dir(ctx);
    ret_str(ctx, &py_abspath(&cwd, &s))
}

fn stat_of(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    args: &[Value],
) -> RtResult<Option<std::fs::Metadata>> {
    let s = one_str(ctx, func, args)?;
    let p = canonical(ctx, &s)?;
    access::stat(ctx, func, "path.read", &p)
}

fn exists(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    Ok(Value::Bool(stat_of(ctx, "path.exists", args)?.is_some()))
}

fn is_file(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let m = stat_of(ctx, "path.isFile", args)?;
    Ok(Value::Bool(m.is_some_and(|m| m.is_file())))
}

fn is_dir(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let m = stat_of(ctx, "path.isDirectory", args)?;
    Ok(Value::Bool(m.is_some_and(|m| m.is_dir())))
}

/// Returns a host directory after checking `path.read` on it.
fn reveal(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value], dir: PathBuf) -> RtResult<Value> {
    arity(func, args, 0, 0)?;
    check(ctx, func, "path.read", &Target::Path(&dir))?;
    ret_str(ctx, &dir.display().to_string())
}

fn cwd(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let dir = working_dir(ctx);
    reveal(ctx, "path.cwd", args, dir)
}

fn home(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    reveal(ctx, "path.home", args, home_dir())
}

fn temp_dir(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    reveal(ctx, "path.tempDir", args, std::env::temp_dir())
}

/// Sorted (name, is_dir, is_file) of the entries of an open directory, one tick each.
fn entries(
    ctx: &mut NativeCtx<'_>,
    dir: &Dir,
    shown: &Path,
) -> RtResult<Vec<(String, bool, bool)>> {
    let mut out = Vec::new();
    for entry in dir.entries().map_err(|e| os_error(&e, shown))? {
        ctx.charge(1)?;
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        ctx.heap_ref().check(name.len() + out.len() * 32)?;
        let Ok(ft) = entry.file_type() else { continue };
        let (is_dir, is_file) = if ft.is_symlink() {
            // A symlink counts as what it points to inside the handle; never descended.
            match dir.metadata(&name) {
                Ok(m) => (false, m.is_file()),
                Err(_) => (false, false),
            }
        } else {
            (ft.is_dir(), ft.is_file())
        };
        out.push((name, is_dir, is_file));
    }
    out.sort();
    Ok(out)
}

fn str_list(ctx: &mut NativeCtx<'_>, items: &[String]) -> RtResult<Value> {
    reserve(ctx, items.len())?;
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        out.push(ctx.heap().alloc_str(s)?);
    }
    Ok(ctx.heap().alloc_array(out)?)
}

fn list_dir(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "path.listDir";
    arity(func, args, 0, 1)?;
    let raw = opt_str_arg(ctx, func, args, 0)?.unwrap_or_else(|| ".".to_string());
    let p = canonical(ctx, &raw)?;
    check(ctx, func, "path.read", &Target::Path(&p))?;
    match std::fs::metadata(&p) {
        Ok(m) if !m.is_dir() => {
            return Err(RtError::new(
                ErrorKind::NotADirectoryError,
                format!("Not a directory: {raw}"),
            ))
        }
        Err(e) => return Err(os_error(&e, &p)),
        Ok(_) => {}
    }
    let dir = access::open_dir_checked(ctx, func, "path.read", &p)?;
    let names: Vec<String> = entries(ctx, &dir, &p)?.into_iter().map(|e| e.0).collect();
    str_list(ctx, &names)
}

/// Every entry under `root` (relative path, is_file), depth-first through handles; `max_depth`
/// (>= 0) limits how deep subdirectories are entered.
fn tree(
    ctx: &mut NativeCtx<'_>,
    root: Dir,
    shown: &Path,
    max_depth: Option<usize>,
) -> RtResult<Vec<(String, bool)>> {
    let mut out = Vec::new();
    let mut stack: Vec<(Dir, String, usize)> = vec![(root, String::new(), 0)];
    while let Some((dir, prefix, depth)) = stack.pop() {
        for (name, is_dir, is_file) in entries(ctx, &dir, shown)? {
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            if is_dir && max_depth.is_none_or(|m| depth < m) {
                if let Ok(sub) = dir.open_dir(&name) {
                    stack.push((sub, rel.clone(), depth + 1));
                }
            }
            out.push((rel, is_file));
        }
    }
    out.sort();
    Ok(out)
}

fn walk(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "path.walk";
    arity(func, args, 1, 2)?;
    let raw = str_arg(ctx, func, 1, args[0])?;
    let max_depth = match opt(args, 1) {
        Value::Null => -1,
        v => int_arg(ctx.heap_ref(), v)?.saturating(),
    };
    let p = canonical(ctx, &raw)?;
    let dir = access::open_dir_checked(ctx, func, "path.read", &p)?;
    let max = usize::try_from(max_depth).ok();
    let files: Vec<String> = tree(ctx, dir, &p, max)?
        .into_iter()
        .filter(|e| e.1)
        .map(|e| e.0)
        .collect();
    str_list(ctx, &files)
}

fn glob(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "path.glob";
    let pattern = one_str(ctx, func, args)?;
    // Granted: one use for the whole search (entries are filtered by their patterns below).
    check(ctx, func, "path.read", &Target::None)?;
    let cwd = working_dir(ctx);
    let abs = py_abspath(&cwd, &pattern);
    // The literal directory prefix is where the search starts.
    let mut base = PathBuf::from("/");
    let mut rest = Vec::new();
    for comp in abs.split('/').filter(|c| !c.is_empty()) {
        if rest.is_empty() && !comp.contains(['*', '?', '[', '{']) {
            base.push(comp);
        } else {
            rest.push(comp);
        }
    }
    let mut matches: Vec<String> = Vec::new();
    if rest.is_empty() {
        // No wildcard: the path itself, if it exists.
        if access::lstat(&base).is_some() {
            matches.push(abs.clone());
        }
    } else {
        let Ok(matcher) = globset::GlobBuilder::new(&abs)
            .literal_separator(true)
            .build()
            .map(|g| g.compile_matcher())
        else {
            return Err(RtError::value_error(format!(
                "Invalid glob pattern: {pattern}"
            )));
        };
        let depth = if rest.contains(&"**") {
            None
        } else {
            Some(rest.len().saturating_sub(1))
        };
        let base_canon = canonical(ctx, &base.display().to_string())?;
        let Ok(dir) = Dir::open_ambient_dir(&base_canon, cap_std::ambient_authority()) else {
            return str_list(ctx, &[]);
        };
        let prefix = base.display().to_string();
        for (rel, _) in tree(ctx, dir, &base, depth)? {
            let full = py_join(&[prefix.clone(), rel]);
            if matcher.is_match(&full) {
                matches.push(full);
            }
        }
    }
    // Only paths the grant's patterns allow are reported.
    let mut allowed = Vec::with_capacity(matches.len());
    for m in matches {
        let c = canonical(ctx, &m)?;
        if allows(ctx, "path.read", &Target::Path(&c))? {
            allowed.push(m);
        }
    }
    allowed.sort();
    str_list(ctx, &allowed)
}

fn create_dir(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "path.createDir";
    arity(func, args, 1, 2)?;
    let raw = str_arg(ctx, func, 1, args[0])?;
    let p = canonical(ctx, &raw)?;
    check(ctx, func, "path.write", &Target::Path(&p))?;
    access::create_dirs(ctx, func, "path.write", &p)?;
    Ok(Value::Null)
}

fn remove(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value], recursive: bool) -> RtResult<Value> {
    let raw = one_str(ctx, func, args)?;
    let p = access::canonical_nofollow(ctx, &raw)?;
    access::remove_dir(ctx, func, "path.write", &p, recursive)?;
    Ok(Value::Null)
}

fn remove_dir(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    remove(ctx, "path.removeDir", args, false)
}

fn remove_dir_recursive(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    remove(ctx, "path.removeDirRecursive", args, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posixpath_cases() {
        let j = |p: &[&str]| py_join(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(j(&["a", "b", "c"]), "a/b/c");
        assert_eq!(j(&["a/", "b"]), "a/b");
        assert_eq!(j(&["a", "/b", "c"]), "/b/c");
        assert_eq!(j(&["", "b"]), "b");
        assert_eq!(py_split("/a/b/"), ("/a/b".into(), "".into()));
        assert_eq!(py_split("//x"), ("//".into(), "x".into()));
        assert_eq!(py_split("x"), ("".into(), "x".into()));
        assert_eq!(py_ext("a.tar.gz"), ".gz");
        assert_eq!(py_ext(".bashrc"), "");
        assert_eq!(py_ext("a/b.c/d"), "");
        assert_eq!(py_ext("x."), ".");
        assert_eq!(py_normpath("a/./b/../c"), "a/c");
        assert_eq!(py_normpath(""), ".");
        assert_eq!(py_normpath("../../x"), "../../x");
        assert_eq!(py_normpath("/../x"), "/x");
        assert_eq!(py_normpath("//a//b"), "//a/b");
        assert_eq!(py_normpath("///a"), "/a");
        let cwd = Path::new("/w/d");
        assert_eq!(py_relpath(cwd, "/a/b/c", "/a/x").unwrap(), "../b/c");
        assert_eq!(py_relpath(cwd, "e", "/w").unwrap(), "d/e");
        assert_eq!(py_relpath(cwd, "/a", "/a").unwrap(), ".");
    }
}
