//! Capability checks with resource patterns (stdlib.md §1.3, D15) and race-safe filesystem
//! access for the system modules (`file`, `path`, `csv`, `crypto.hash_file`, `http`).
//!
//! Invariants:
//! - Natives listed in [`GATES`] are registered with no VM-level capabilities and call
//!   [`check`] themselves before doing anything, so a denial can name the resource
//!   (`file.read() requires capability 'file.read' for '/abs/path'`). [`declared_caps`] gives
//!   introspection (`requiredCapabilities`, `help`) the names they check.
//! - A path is checked in canonical form: `~` expanded, made absolute against the run's working
//!   directory, `.`/`..` applied after resolving every symlink of the existing prefix.
//! - Whatever is opened is checked again through its handle (`/proc/self/fd`), so swapping a
//!   path component for a symlink between the check and the open cannot escape the patterns;
//!   files are created inside a verified directory handle (cap-std), never by path.

use crate::host::HostEnv;
use cap_std::fs::Dir;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use mlpy_vm::{ErrorKind, NativeCtx, NativeDef, RtError, RtResult, Value};
use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Natives that check their capabilities themselves (qualified name, names checked).
pub(crate) const GATES: &[(&str, &[&str])] = &[
    ("file.read", &["file.read"]),
    ("file.readBytes", &["file.read"]),
    ("file.readLines", &["file.read"]),
    ("file.write", &["file.write"]),
    ("file.writeBytes", &["file.write"]),
    ("file.writeLines", &["file.write"]),
    ("file.append", &["file.append"]),
    ("file.delete", &["file.delete"]),
    ("file.copy", &["file.read", "file.write"]),
    ("file.move", &["file.read", "file.write", "file.delete"]),
    ("file.exists", &["path.read"]),
    ("file.isFile", &["path.read"]),
    ("file.isDirectory", &["path.read"]),
    ("file.size", &["path.read"]),
    ("file.modifiedTime", &["path.read"]),
    ("path.absolute", &["path.read"]),
    ("path.exists", &["path.read"]),
    ("path.isFile", &["path.read"]),
    ("path.isDirectory", &["path.read"]),
    ("path.cwd", &["path.read"]),
    ("path.home", &["path.read"]),
    ("path.tempDir", &["path.read"]),
    ("path.listDir", &["path.read"]),
    ("path.glob", &["path.read"]),
    ("path.walk", &["path.read"]),
    ("path.createDir", &["path.write"]),
    ("path.removeDir", &["path.write"]),
    ("path.removeDirRecursive", &["path.write"]),
    ("csv.read", &["file.read"]),
    ("csv.write", &["file.write"]),
    ("csv.count_rows", &["file.read"]),
    ("csv.get_headers", &["file.read"]),
    ("csv.append", &["file.read", "file.write"]),
    ("crypto.hash_file", &["crypto.hash", "file.read"]),
    ("http.get", &["network.http"]),
    ("http.post", &["network.http"]),
    ("http.put", &["network.http"]),
    ("http.patch", &["network.http"]),
    ("http.delete", &["network.http"]),
    ("http.head", &["network.http"]),
    ("http.request", &["network.http"]),
];

/// The capability names a native requires: its VM-checked ones, or those it checks itself.
pub(crate) fn declared_caps(def: &NativeDef) -> &'static [&'static str] {
    if !def.caps.is_empty() {
        return def.caps;
    }
    GATES
        .iter()
        .find(|(name, _)| *name == def.name)
        .map_or(&[], |(_, caps)| caps)
}

/// What a capability check is about.
pub(crate) enum Target<'a> {
    /// A canonical absolute path.
    Path(&'a Path),
    /// A URL host, with `:port` when the URL gives one.
    Host(&'a str),
    /// Nothing beyond the capability itself (`path.cwd()`).
    None,
}

/// The run's working directory.
pub(crate) fn working_dir(ctx: &mut NativeCtx<'_>) -> PathBuf {
    match ctx.host_data::<HostEnv>() {
        Some(env) => env.working_dir(),
        None => HostEnv::default().working_dir(),
    }
}

fn denied(func: &str, cap: &str, resource: &str) -> RtError {
    RtError::new(
        ErrorKind::CapabilityError,
        if resource.is_empty() {
            format!("{func}() requires capability '{cap}'")
        } else {
            format!("{func}() requires capability '{cap}' for '{resource}'")
        },
    )
}

/// Raises `CapabilityError` unless `cap` is granted and `target` matches its resource
/// patterns (if the grant has any); a passed check is reported to the host as a use of the
/// grant (`NativeCtx::use_capability`: token usage counts and run quotas).
pub(crate) fn check(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    target: &Target<'_>,
) -> RtResult<()> {
    check_use(ctx, func, cap, target, true)
}

/// [`check`]; `count: false` leaves the use to [`count_use`], for calls that re-check what
/// they opened (the grant must still hold then, even when this call takes its last use).
fn check_use(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    target: &Target<'_>,
    count: bool,
) -> RtResult<()> {
    if allows(ctx, cap, target)? && (!count || ctx.use_capability(cap)) {
        return Ok(());
    }
    Err(deny(ctx, func, cap, target))
}

/// Reports the use of a call checked with `check_use(.., false)` once its re-checks passed.
fn count_use(ctx: &mut NativeCtx<'_>, func: &str, cap: &str, target: &Target<'_>) -> RtResult<()> {
    if ctx.use_capability(cap) {
        return Ok(());
    }
    Err(deny(ctx, func, cap, target))
}

/// Records the denial and builds its `CapabilityError`.
fn deny(ctx: &mut NativeCtx<'_>, func: &str, cap: &str, target: &Target<'_>) -> RtError {
    record_denial(ctx, cap);
    let resource = match target {
        Target::Path(p) => p.display().to_string(),
        Target::Host(h) => h.to_string(),
        Target::None => String::new(),
    };
    denied(func, cap, &resource)
}

/// Records a denial of `cap` for the host (python-api.md §5 `capability_violations`).
pub(crate) fn record_denial(ctx: &mut NativeCtx<'_>, cap: &str) {
    if let Some(env) = ctx.host_data::<HostEnv>() {
        env.violations.record(cap);
    }
}

/// A quota denial, worded like [`denied`] so hosts read the capability name from it.
fn over_quota(func: &str, cap: &str, resource: &str, why: String) -> RtError {
    RtError::new(
        ErrorKind::CapabilityError,
        format!("{func}() denied capability '{cap}' for '{resource}': {why}"),
    )
}

/// Raises `CapabilityError` unless the run's quotas let `http` reach `port` of `host`
/// (python-api.md P-105); `None` (a scheme without a known port) matches no port list.
pub(crate) fn check_port(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    host: &str,
    port: Option<u16>,
) -> RtResult<()> {
    let Some(env) = ctx.host_data::<HostEnv>() else {
        return Ok(());
    };
    let ports = &env.quotas.allowed_ports;
    if ports.is_empty() || port.is_some_and(|p| ports.contains(&p)) {
        return Ok(());
    }
    let allowed: Vec<String> = ports.iter().map(u16::to_string).collect();
    let port = port.map_or_else(|| "unknown".to_string(), |p| p.to_string());
    env.violations.record("network.http");
    Err(over_quota(
        func,
        "network.http",
        host,
        format!(
            "port {port} is not allowed (allowed ports: {})",
            allowed.join(", ")
        ),
    ))
}

/// Raises `CapabilityError` when a file write of `len` bytes to `path` would pass the run's
/// single-write or total-write limit (python-api.md P-112, P-113); count it afterwards with
/// [`record_write`].
pub(crate) fn check_write_quota(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
    len: usize,
) -> RtResult<()> {
    let Some(env) = ctx.host_data::<HostEnv>() else {
        return Ok(());
    };
    let q = &env.quotas;
    let len = len as u64;
    let why = match (q.max_write_bytes, q.max_total_write_bytes) {
        (Some(max), _) if len > max => {
            format!("a write of {len} bytes exceeds the file size limit of {max} bytes")
        }
        (_, Some(max)) if q.written.saturating_add(len) > max => format!(
            "writing {len} more bytes after {} exceeds the run's limit of {max} bytes written",
            q.written
        ),
        _ => return Ok(()),
    };
    env.violations.record(cap);
    Err(over_quota(func, cap, &path.display().to_string(), why))
}

/// Counts `len` bytes a file write produced against the run's total-write limit.
pub(crate) fn record_write(ctx: &mut NativeCtx<'_>, len: usize) {
    if let Some(env) = ctx.host_data::<HostEnv>() {
        env.quotas.written = env.quotas.written.saturating_add(len as u64);
    }
}

/// True when `cap` is granted and `target` matches its resource patterns (if any).
pub(crate) fn allows(ctx: &mut NativeCtx<'_>, cap: &str, target: &Target<'_>) -> RtResult<bool> {
    if !ctx.is_granted(cap) {
        return Ok(false);
    }
    let patterns = ctx
        .capabilities()
        .and_then(|p| p.info(cap))
        .and_then(|i| i.patterns);
    let Some(patterns) = patterns else {
        return Ok(true);
    };
    let len = match target {
        Target::Path(p) => p.as_os_str().len(),
        Target::Host(h) => h.len(),
        Target::None => 0,
    };
    ctx.charge(1 + patterns.len() as u64 * (1 + len as u64 / 16))?;
    Ok(match target {
        Target::Path(p) => path_patterns(ctx, &patterns).is_match(p),
        Target::Host(h) => host_matches(&patterns, h),
        // A pattern-restricted grant still allows calls that name no resource.
        Target::None => true,
    })
}

fn glob(pattern: &str) -> Option<globset::Glob> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .ok()
}

/// Path globs with relative patterns resolved against the working directory; a pattern
/// `D/**` also matches the directory `D` itself. Malformed patterns match nothing.
fn path_patterns(ctx: &mut NativeCtx<'_>, patterns: &[String]) -> GlobSet {
    let cwd = working_dir(ctx);
    let mut set = GlobSetBuilder::new();
    for p in patterns {
        let abs = resolve_pattern(&cwd, p);
        if let Some(dir) = abs.strip_suffix("/**") {
            if let Some(g) = glob(if dir.is_empty() { "/" } else { dir }) {
                set.add(g);
            }
        }
        if let Some(g) = glob(&abs) {
            set.add(g);
        }
    }
    set.build().unwrap_or_else(|_| GlobSet::empty())
}

/// An absolute pattern: `~` expanded, relative ones joined to `cwd`, `.`/`..` removed
/// lexically, and its literal (glob-free) prefix canonicalised like targets are.
fn resolve_pattern(cwd: &Path, pattern: &str) -> String {
    let expanded = expand_home(pattern);
    let abs = cwd.join(expanded);
    let mut literal = PathBuf::from("/");
    let mut rest: Vec<String> = Vec::new();
    for comp in abs.components() {
        match comp {
            Component::RootDir | Component::Prefix(_) => {}
            Component::CurDir => {}
            Component::ParentDir => {
                if rest.pop().is_none() {
                    literal.pop();
                }
            }
            Component::Normal(n) => {
                let s = n.to_string_lossy();
                if rest.is_empty() && !s.contains(['*', '?', '[', '{', '\\']) {
                    literal.push(n);
                } else {
                    rest.push(s.into_owned());
                }
            }
        }
    }
    let mut out = canonical_lexical(&literal).display().to_string();
    for r in rest {
        if !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&r);
    }
    out
}

/// Host patterns (`api.example.com`, `*.example.com`, `127.0.0.1:8080`), case-insensitive;
/// a pattern without a port matches every port.
fn host_matches(patterns: &[String], host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let bare = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) && !h.ends_with(']') => h,
        _ if host.ends_with(']') => host.as_str(),
        Some((h, _)) if h.starts_with('[') => h,
        _ => host.as_str(),
    };
    patterns.iter().any(|p| {
        let p = p.to_ascii_lowercase();
        let Some(g) = GlobBuilder::new(&p)
            .build()
            .ok()
            .map(|g| g.compile_matcher())
        else {
            return false;
        };
        g.is_match(&host) || g.is_match(bare)
    })
}

fn expand_home(p: &str) -> PathBuf {
    if p == "~" || p.starts_with("~/") {
        if let Some(home) = std::env::var_os("HOME") {
            return PathBuf::from(home).join(p.trim_start_matches('~').trim_start_matches('/'));
        }
    }
    PathBuf::from(p)
}

/// The home directory (`$HOME`, else `/`).
pub(crate) fn home_dir() -> PathBuf {
    std::env::var_os("HOME").map_or_else(|| PathBuf::from("/"), PathBuf::from)
}

/// Resolves symlinks of the existing prefix of an absolute path, then applies the remaining
/// components lexically (they do not exist, so none of them is a symlink).
fn canonical_lexical(abs: &Path) -> PathBuf {
    let mut cur = PathBuf::from("/");
    let mut exists = true;
    for comp in abs.components() {
        match comp {
            Component::RootDir | Component::Prefix(_) | Component::CurDir => {}
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(n) => {
                let cand = cur.join(n);
                if exists && std::fs::symlink_metadata(&cand).is_ok() {
                    cur = std::fs::canonicalize(&cand).unwrap_or(cand);
                } else {
                    exists = false;
                    cur = cand;
                }
            }
        }
    }
    cur
}

/// The canonical absolute form of a script-supplied path (stdlib.md §1.3).
pub(crate) fn canonical(ctx: &mut NativeCtx<'_>, raw: &str) -> RtResult<PathBuf> {
    ctx.charge(1 + raw.len() as u64 / 8)?;
    if raw.contains('\0') {
        return Err(RtError::value_error("embedded null byte"));
    }
    let abs = working_dir(ctx).join(expand_home(raw));
    Ok(canonical_lexical(&abs))
}

/// Like [`canonical`], but a final symlink is kept (the link itself is the target): for
/// deleting or removing, which act on the link and never on what it points to.
pub(crate) fn canonical_nofollow(ctx: &mut NativeCtx<'_>, raw: &str) -> RtResult<PathBuf> {
    ctx.charge(1 + raw.len() as u64 / 8)?;
    if raw.contains('\0') {
        return Err(RtError::value_error("embedded null byte"));
    }
    let abs = working_dir(ctx).join(expand_home(raw));
    match (abs.parent(), abs.components().next_back()) {
        (Some(parent), Some(Component::Normal(name))) => Ok(canonical_lexical(parent).join(name)),
        _ => Ok(canonical_lexical(&abs)),
    }
}

/// The real path of an open handle (Linux: `/proc/self/fd/N`); `None` where unavailable.
fn handle_path(fd: i32) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/self/fd/{fd}")).ok()
}

/// Re-checks what was actually opened (closes the check-then-open race); not another use.
fn verify_handle(ctx: &mut NativeCtx<'_>, func: &str, cap: &str, fd: i32) -> RtResult<()> {
    if let Some(real) = handle_path(fd) {
        check_use(ctx, func, cap, &Target::Path(&real), false)?;
    }
    Ok(())
}

/// Python-style OS error: `[Errno 2] No such file or directory: '/abs/path'`.
pub(crate) fn os_error(e: &io::Error, path: &Path) -> RtError {
    let kind = match e.raw_os_error() {
        Some(libc::ENOENT) => ErrorKind::FileNotFoundError,
        Some(libc::EISDIR) => ErrorKind::IsADirectoryError,
        Some(libc::ENOTDIR) => ErrorKind::NotADirectoryError,
        Some(libc::EACCES) | Some(libc::EPERM) => ErrorKind::PermissionError,
        Some(libc::EEXIST) => ErrorKind::FileExistsError,
        _ => match e.kind() {
            io::ErrorKind::NotFound => ErrorKind::FileNotFoundError,
            io::ErrorKind::PermissionDenied => ErrorKind::PermissionError,
            io::ErrorKind::AlreadyExists => ErrorKind::FileExistsError,
            _ => ErrorKind::OSError,
        },
    };
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    let msg = match e.raw_os_error() {
        Some(n) => format!("[Errno {n}] {text}: '{}'", path.display()),
        None => format!("{text}: '{}'", path.display()),
    };
    RtError::new(kind, msg)
}

use std::os::fd::AsRawFd;

/// Opens a canonical path for reading after checking `cap`; the handle is verified too.
pub(crate) fn open_read(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
) -> RtResult<File> {
    use std::os::unix::fs::OpenOptionsExt;
    check_use(ctx, func, cap, &Target::Path(path), false)?;
    // Non-blocking so a FIFO without a writer cannot hang the run in open(2) or read(2);
    // regular files are unaffected.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| os_error(&e, path))?;
    verify_handle(ctx, func, cap, file.as_raw_fd())?;
    count_use(ctx, func, cap, &Target::Path(path))?;
    Ok(file)
}

/// Reads a whole opened file, charging fuel (1 tick per 64 bytes) and checking the heap
/// budget for its size before reading.
pub(crate) fn read_all(ctx: &mut NativeCtx<'_>, mut file: File, path: &Path) -> RtResult<Vec<u8>> {
    use std::io::Read;
    let meta = file.metadata().map_err(|e| os_error(&e, path))?;
    if meta.is_dir() {
        return Err(os_error(&io::Error::from_raw_os_error(libc::EISDIR), path));
    }
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    ctx.heap_ref().check(len)?;
    ctx.charge(1 + len as u64 / 64)?;
    let mut out = Vec::with_capacity(len);
    // A file that grows while being read is cut at the size that was charged (+1 to notice).
    (&mut file)
        .take(len as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| os_error(&e, path))?;
    if out.len() > len {
        ctx.heap_ref().check(out.len())?;
    }
    Ok(out)
}

/// Opens the directory handle of a canonical path, verified to be where the check said.
fn open_dir(ctx: &mut NativeCtx<'_>, func: &str, cap: &str, dir: &Path) -> RtResult<Dir> {
    let handle =
        Dir::open_ambient_dir(dir, cap_std::ambient_authority()).map_err(|e| os_error(&e, dir))?;
    verify_handle(ctx, func, cap, handle.as_raw_fd())?;
    Ok(handle)
}

/// The parent directory handle and file name of a canonical path.
fn parent_and_name(path: &Path) -> RtResult<(&Path, &std::ffi::OsStr)> {
    match (path.parent(), path.file_name()) {
        (Some(p), Some(n)) => Ok((p, n)),
        _ => Err(os_error(&io::Error::from_raw_os_error(libc::EISDIR), path)),
    }
}

/// Creates the missing directories of a canonical path inside the handle of its deepest
/// existing ancestor (checked against `cap` like the target).
pub(crate) fn create_dirs(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    dir: &Path,
) -> RtResult<()> {
    let mut base = dir;
    while std::fs::symlink_metadata(base).is_err() {
        match base.parent() {
            Some(p) => base = p,
            None => break,
        }
    }
    let Ok(rest) = dir.strip_prefix(base) else {
        return Ok(());
    };
    ctx.charge(1 + rest.components().count() as u64)?;
    if rest.as_os_str().is_empty() {
        return match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err(os_error(&io::Error::from_raw_os_error(libc::EEXIST), dir)),
            Err(e) => Err(os_error(&e, dir)),
        };
    }
    let handle = open_dir_unchecked(base)?;
    verify_dir(func, cap, &handle, base)?;
    handle.create_dir_all(rest).map_err(|e| os_error(&e, dir))
}

/// How a file is opened for writing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteMode {
    Truncate,
    Append,
}

/// Opens a canonical path for writing (creating parents and the file) after checking `cap`:
/// the file is created inside the verified parent handle and the opened file is verified
/// before it is truncated.
pub(crate) fn open_write(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
    mode: WriteMode,
) -> RtResult<File> {
    check_use(ctx, func, cap, &Target::Path(path), false)?;
    let (parent, name) = parent_and_name(path)?;
    create_dirs(ctx, func, cap, parent)?;
    let dir = open_dir_unchecked(parent)?;
    verify_dir(func, cap, &dir, parent)?;
    use cap_std::fs::OpenOptionsExt as _;
    let mut opts = cap_std::fs::OpenOptions::new();
    // Non-blocking: writing to a FIFO without a reader fails (ENXIO) instead of hanging.
    opts.write(true).create(true).custom_flags(libc::O_NONBLOCK);
    if mode == WriteMode::Append {
        opts.append(true);
    }
    let file = dir
        .open_with(name, &opts)
        .map_err(|e| os_error(&e, path))?
        .into_std();
    verify_handle(ctx, func, cap, file.as_raw_fd())?;
    count_use(ctx, func, cap, &Target::Path(path))?;
    if mode == WriteMode::Truncate {
        file.set_len(0).map_err(|e| os_error(&e, path))?;
    }
    Ok(file)
}

fn open_dir_unchecked(dir: &Path) -> RtResult<Dir> {
    Dir::open_ambient_dir(dir, cap_std::ambient_authority()).map_err(|e| os_error(&e, dir))
}

/// The handle must be the directory that was checked (a swapped-in symlink is refused).
fn verify_dir(func: &str, cap: &str, dir: &Dir, expected: &Path) -> RtResult<()> {
    if let Some(real) = handle_path(dir.as_raw_fd()) {
        if real != expected {
            return Err(denied(func, cap, &real.display().to_string()));
        }
    }
    Ok(())
}

/// Opens a verified directory handle for listing (after checking `cap` on it).
pub(crate) fn open_dir_checked(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    dir: &Path,
) -> RtResult<Dir> {
    check_use(ctx, func, cap, &Target::Path(dir), false)?;
    let handle = open_dir(ctx, func, cap, dir)?;
    count_use(ctx, func, cap, &Target::Path(dir))?;
    Ok(handle)
}

/// Metadata of a canonical path after checking `cap`, read through a verified `O_PATH`
/// handle; `Ok(None)` when nothing exists there.
pub(crate) fn stat(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
) -> RtResult<Option<std::fs::Metadata>> {
    use std::os::unix::fs::OpenOptionsExt;
    check_use(ctx, func, cap, &Target::Path(path), false)?;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(target_os = "linux")]
    opts.custom_flags(libc::O_PATH);
    let meta = match opts.open(path) {
        Ok(f) => {
            verify_handle(ctx, func, cap, f.as_raw_fd())?;
            Some(f.metadata().map_err(|e| os_error(&e, path))?)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) if e.raw_os_error() == Some(libc::ENOTDIR) => None,
        Err(e) => return Err(os_error(&e, path)),
    };
    count_use(ctx, func, cap, &Target::Path(path))?;
    Ok(meta)
}

/// What is at a canonical path without following a final symlink (`None`: nothing).
pub(crate) fn lstat(path: &Path) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(path).ok()
}

/// Removes a file (not a directory) through its verified parent handle; false if nothing
/// existed.
pub(crate) fn remove_file(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
) -> RtResult<bool> {
    check(ctx, func, cap, &Target::Path(path))?;
    let Some(meta) = lstat(path) else {
        return Ok(false);
    };
    if meta.is_dir() {
        return Err(RtError::value_error(format!(
            "Not a file: {} (use path.removeDir for directories)",
            path.display()
        )));
    }
    let (parent, name) = parent_and_name(path)?;
    let dir = open_dir_unchecked(parent)?;
    verify_dir(func, cap, &dir, parent)?;
    dir.remove_file(name).map_err(|e| os_error(&e, path))?;
    Ok(true)
}

/// Removes a directory (empty, or with everything under it) through its verified parent
/// handle; symlinks inside are removed, never followed.
pub(crate) fn remove_dir(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    cap: &str,
    path: &Path,
    recursive: bool,
) -> RtResult<()> {
    check(ctx, func, cap, &Target::Path(path))?;
    if lstat(path).is_some_and(|m| m.file_type().is_symlink()) {
        return Err(if recursive {
            RtError::new(ErrorKind::OSError, "Cannot call rmtree on a symbolic link")
        } else {
            os_error(&io::Error::from_raw_os_error(libc::ENOTDIR), path)
        });
    }
    let (parent, name) = parent_and_name(path)?;
    let dir = open_dir_unchecked(parent)?;
    verify_dir(func, cap, &dir, parent)?;
    let r = if recursive {
        dir.remove_dir_all(name)
    } else {
        dir.remove_dir(name)
    };
    r.map_err(|e| os_error(&e, path))
}

// ---- argument helpers shared by the system modules ----------------------------------------

/// A string argument (`TypeError` naming the function and position otherwise).
pub(crate) fn str_arg(ctx: &NativeCtx<'_>, func: &str, pos: usize, v: Value) -> RtResult<String> {
    match ctx.str_of(v) {
        Some(s) => Ok(s.to_string()),
        None => Err(RtError::type_error(format!(
            "{func}() argument {pos} must be str, not {}",
            v.type_name(ctx.heap_ref())
        ))),
    }
}

/// An optional string argument: `None` when omitted or null.
pub(crate) fn opt_str_arg(
    ctx: &NativeCtx<'_>,
    func: &str,
    args: &[Value],
    i: usize,
) -> RtResult<Option<String>> {
    match args.get(i).copied() {
        None | Some(Value::Null) => Ok(None),
        Some(v) => str_arg(ctx, func, i + 1, v).map(Some),
    }
}

/// A text encoding name accepted by the file functions.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Ascii,
    Latin1,
}

/// Parses an optional encoding argument (default UTF-8); unknown → `ValueError`.
pub(crate) fn encoding_arg(
    ctx: &NativeCtx<'_>,
    func: &str,
    args: &[Value],
    i: usize,
) -> RtResult<Encoding> {
    let Some(name) = opt_str_arg(ctx, func, args, i)? else {
        return Ok(Encoding::Utf8);
    };
    match name.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" | "u8" => Ok(Encoding::Utf8),
        "ascii" | "us-ascii" => Ok(Encoding::Ascii),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => Ok(Encoding::Latin1),
        _ => Err(RtError::value_error(format!("unknown encoding: {name}"))),
    }
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Ascii => "ascii",
            Encoding::Latin1 => "latin-1",
        }
    }

    /// Decodes bytes (Python's strict error handling, `ValueError` on bad input).
    pub(crate) fn decode(self, bytes: Vec<u8>) -> RtResult<String> {
        let bad = |pos: usize, b: u8, why: &str| {
            RtError::value_error(format!(
                "'{}' codec can't decode byte 0x{b:02x} in position {pos}: {why}",
                self.name()
            ))
        };
        match self {
            Encoding::Utf8 => String::from_utf8(bytes).map_err(|e| {
                let pos = e.utf8_error().valid_up_to();
                let b = e.as_bytes().get(pos).copied().unwrap_or(0);
                bad(pos, b, "invalid start byte")
            }),
            Encoding::Ascii => match bytes.iter().position(|b| !b.is_ascii()) {
                Some(pos) => Err(bad(pos, bytes[pos], "ordinal not in range(128)")),
                None => String::from_utf8(bytes).map_err(|_| bad(0, 0, "invalid")),
            },
            Encoding::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
        }
    }

    /// Encodes text (`ValueError` for characters the encoding lacks).
    pub(crate) fn encode(self, text: &str) -> RtResult<Vec<u8>> {
        let limit = match self {
            Encoding::Utf8 => return Ok(text.as_bytes().to_vec()),
            Encoding::Ascii => 0x80,
            Encoding::Latin1 => 0x100,
        };
        let mut out = Vec::with_capacity(text.len());
        for (pos, c) in text.chars().enumerate() {
            if (c as u32) >= limit {
                return Err(RtError::value_error(format!(
                    "'{}' codec can't encode character '\\u{:04x}' in position {pos}: ordinal not in range({limit})",
                    self.name(),
                    c as u32
                )));
            }
            out.push(c as u8);
        }
        Ok(out)
    }
}

/// Text-mode newline handling of reads: `\r\n` and `\r` become `\n`.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Declares `module` and adds each definition under the member name after the module prefix
/// of its qualified name (`"file.read"` → member `read`).
pub(crate) fn add_qualified(
    reg: &mut mlpy_vm::NativeRegistry,
    module: &str,
    doc: &str,
    defs: &[NativeDef],
) {
    reg.add_module(module, doc);
    for d in defs {
        let member = d.name.split_once('.').map_or(d.name, |(_, m)| m);
        reg.add_module_fn(module, member, *d);
    }
}

/// The host object of type `T` behind `v` (`TypeError` naming `class` otherwise).
pub(crate) fn host_ref<'h, T: 'static>(
    heap: &'h mlpy_vm::Heap,
    class: &str,
    v: Value,
) -> RtResult<&'h T> {
    if let Value::Other(g) = v {
        if let mlpy_vm::heap::HeapObject::Host(h) = heap.get(g) {
            if let Some(t) = h.as_any().downcast_ref::<T>() {
                return Ok(t);
            }
        }
    }
    Err(RtError::type_error(format!(
        "expected a {class} object, not '{}'",
        v.type_name(heap)
    )))
}

/// Mutable access to the host object of type `T` behind `v`.
pub(crate) fn host_mut<'h, T: 'static>(
    heap: &'h mut mlpy_vm::Heap,
    class: &str,
    v: Value,
) -> RtResult<&'h mut T> {
    let type_name = v.type_name(heap).to_string();
    if let Value::Other(g) = v {
        if let mlpy_vm::heap::HeapObject::Host(h) = heap.get_mut(g) {
            if let Some(t) = h.as_any_mut().downcast_mut::<T>() {
                return Ok(t);
            }
        }
    }
    Err(RtError::type_error(format!(
        "expected a {class} object, not '{type_name}'"
    )))
}

/// Argument count of a host-object method, not counting the receiver (`args[0]`, which the
/// VM always passes; an empty list is refused so callers may index it).
pub(crate) fn method_arity(name: &str, args: &[Value], min: usize, max: usize) -> RtResult<()> {
    match args.split_first() {
        Some((_, rest)) => super::support::arity(name, rest, min, max),
        None => Err(RtError::type_error(format!(
            "{name}() needs its object (call it as a method)"
        ))),
    }
}
