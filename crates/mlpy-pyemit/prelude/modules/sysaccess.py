# Helpers of the system modules (file, path, csv, crypto.hash_file, http): capability checks with
# resource patterns against the grants baked in at transpile time (D3), canonical paths, and
# Python-style OS errors. Mirrors crates/mlpy-stdlib/src/modules/access.rs: same messages.
import os as __ml_os
import errno as __ml_errno

__ml_SA_DEFAULTS = frozenset((
    "collections.read", "collections.transform", "console.error", "console.write", "crypto.hash",
    "datetime.create", "functional.compose", "functional.transform", "json.parse",
    "json.serialize", "log.write", "math.compute", "random.generate", "random.sample",
    "regex.compile", "regex.match", "crypto.random", "datetime.now",
))


def __ml_sa_granted(cap):
    return cap in __ml_SA_DEFAULTS or cap in __ml_grants or "*" in __ml_grants


def __ml_sa_patterns(cap):
    """Resource patterns of a granted name; None = unrestricted."""
    if cap in __ml_SA_DEFAULTS:
        return None
    pats = []
    for name in (cap, "*"):
        if name in __ml_grants:
            if not __ml_grants[name]:
                return None
            pats.extend(__ml_grants[name])
    return pats


def __ml_sa_expand(p):
    if p == "~" or p.startswith("~/"):
        return __ml_os.path.expanduser(p)
    return p


def __ml_sa_canonical(raw):
    """Canonical absolute path: `~` expanded, relative to the working directory, symlinks of the
    existing prefix resolved, `.`/`..` applied."""
    if "\x00" in raw:
        raise __MLError("ValueError", "embedded null byte")
    return __ml_os.path.realpath(__ml_os.path.join(__ml_os.getcwd(), __ml_sa_expand(raw)))


def __ml_sa_nofollow(raw):
    """Like __ml_sa_canonical, but a final symlink stays (removal acts on the link)."""
    if "\x00" in raw:
        raise __MLError("ValueError", "embedded null byte")
    p = __ml_os.path.join(__ml_os.getcwd(), __ml_sa_expand(raw))
    head, tail = __ml_os.path.split(p)
    if tail in ("", ".", ".."):
        return __ml_os.path.realpath(p)
    return __ml_os.path.join(__ml_os.path.realpath(head), tail)


def __ml_sa_pattern_abs(p):
    """A path pattern made absolute; its literal prefix canonicalised like targets are."""
    p = __ml_os.path.join(__ml_os.getcwd(), __ml_sa_expand(p))
    parts = [c for c in p.split("/") if c not in ("", ".")]
    lit = []
    rest = []
    for c in parts:
        if c == "..":
            if rest:
                rest.pop()
            elif lit:
                lit.pop()
        elif not rest and not any(ch in c for ch in "*?[{\\"):
            lit.append(c)
        else:
            rest.append(c)
    base = __ml_os.path.realpath("/" + "/".join(lit))
    return base.rstrip("/") + ("/" + "/".join(rest) if rest else "") if rest else base


def __ml_sa_path_ok(pats, path):
    for p in pats:
        a = __ml_sa_pattern_abs(p)
        if __ml_glob_match(a, path):
            return True
        if a.endswith("/**") and __ml_glob_match(a[:-3] or "/", path):
            return True
    return False


def __ml_sa_host_ok(pats, host):
    import fnmatch as __ml_fnmatch
    h = host.lower()
    bare = h.rsplit(":", 1)[0] if ":" in h and not h.endswith("]") else h
    for p in pats:
        p = p.lower()
        if __ml_fnmatch.fnmatchcase(h, p) or __ml_fnmatch.fnmatchcase(bare, p):
            return True
    return False


def __ml_sa_allows(cap, resource, kind):
    if not __ml_sa_granted(cap):
        return False
    pats = __ml_sa_patterns(cap)
    if pats is None or resource is None:
        return True
    if kind == "host":
        return __ml_sa_host_ok(pats, resource)
    return __ml_sa_path_ok(pats, resource)


def __ml_sa_check(func, cap, resource=None, kind="path"):
    """Raises CapabilityError (D15 wording) unless `cap` is granted for `resource`."""
    if __ml_sa_allows(cap, resource, kind) and __ml_used(cap):
        return
    if resource is None:
        raise __MLError("CapabilityError", func + "() requires capability '" + cap + "'")
    raise __MLError("CapabilityError", func + "() requires capability '" + cap + "' for '" + resource + "'")


def __ml_sa_verify_fd(func, cap, fd):
    """Re-checks what an open descriptor really is (closes the check-then-open race)."""
    try:
        real = __ml_os.readlink("/proc/self/fd/" + str(fd))
    except OSError:
        return
    __ml_sa_check(func, cap, real)


__ml_SA_KINDS = {
    __ml_errno.ENOENT: "FileNotFoundError",
    __ml_errno.EISDIR: "IsADirectoryError",
    __ml_errno.ENOTDIR: "NotADirectoryError",
    __ml_errno.EACCES: "PermissionError",
    __ml_errno.EPERM: "PermissionError",
    __ml_errno.EEXIST: "FileExistsError",
}


def __ml_sa_os_error(exc, path):
    """`[Errno 2] No such file or directory: '/abs/path'` with the matching kind."""
    n = exc.errno
    kind = __ml_SA_KINDS.get(n, "OSError")
    if n is None:
        return __MLError(kind, str(exc))
    return __MLError(kind, "[Errno " + str(n) + "] " + __ml_os.strerror(n) + ": '" + path + "'")


def __ml_sa_errno(n, path):
    return __ml_sa_os_error(OSError(n, __ml_os.strerror(n)), path)


def __ml_sa_str(func, pos, v):
    if type(v) is not str:
        raise __MLError("TypeError", func + "() argument " + str(pos) + " must be str, not " + __ml_tname(v))
    return v


def __ml_sa_opt_str(func, args, i):
    if i >= len(args) or args[i] is None:
        return None
    return __ml_sa_str(func, i + 1, args[i])


__ml_SA_ENCODINGS = {
    "utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "ascii": "ascii", "us-ascii": "ascii",
    "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1", "iso8859-1": "latin-1",
    "l1": "latin-1",
}


def __ml_sa_encoding(func, args, i):
    name = __ml_sa_opt_str(func, args, i)
    if name is None:
        return "utf-8"
    enc = __ml_SA_ENCODINGS.get(name.lower().replace("_", "-"))
    if enc is None:
        raise __MLError("ValueError", "unknown encoding: " + name)
    return enc


def __ml_sa_decode(data, enc):
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        why = "invalid start byte" if enc == "utf-8" else "ordinal not in range(128)"
        raise __MLError("ValueError", "'" + enc + "' codec can't decode byte 0x%02x in position %d: %s" % (e.object[e.start], e.start, why))


def __ml_sa_encode(text, enc):
    try:
        return text.encode(enc)
    except UnicodeEncodeError as e:
        limit = 128 if enc == "ascii" else 256
        raise __MLError("ValueError", "'" + enc + "' codec can't encode character '\\u%04x' in position %d: ordinal not in range(%d)" % (ord(e.object[e.start]), e.start, limit))


def __ml_sa_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def __ml_sa_read_bytes(func, cap, path):
    """Reads a canonical path after the check; the opened descriptor is verified too."""
    __ml_sa_check(func, cap, path)
    try:
        fd = __ml_os.open(path, __ml_os.O_RDONLY | getattr(__ml_os, "O_NONBLOCK", 0))
    except OSError as e:
        raise __ml_sa_os_error(e, path)
    try:
        __ml_sa_verify_fd(func, cap, fd)
        chunks = []
        while True:
            try:
                b = __ml_os.read(fd, 1 << 20)
            except OSError as e:
                raise __ml_sa_os_error(e, path)
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)
    finally:
        __ml_os.close(fd)


def __ml_sa_makedirs(path):
    try:
        __ml_os.makedirs(path, exist_ok=True)
    except FileExistsError:
        raise __ml_sa_errno(__ml_errno.EEXIST, path)
    except OSError as e:
        raise __ml_sa_os_error(e, path)


def __ml_sa_write_bytes(func, cap, path, data, append=False):
    """Writes after the check; parents are created; the file is opened without following a
    final symlink and verified before it is truncated."""
    __ml_sa_check(func, cap, path)
    parent = __ml_os.path.dirname(path)
    __ml_sa_makedirs(parent)
    flags = __ml_os.O_WRONLY | __ml_os.O_CREAT | getattr(__ml_os, "O_NOFOLLOW", 0) | getattr(__ml_os, "O_NONBLOCK", 0)
    if append:
        flags |= __ml_os.O_APPEND
    try:
        fd = __ml_os.open(path, flags, 0o666)
    except OSError as e:
        raise __ml_sa_os_error(e, path)
    try:
        __ml_sa_verify_fd(func, cap, fd)
        if not append:
            __ml_os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            n = __ml_os.write(fd, view)
            view = view[n:]
    except OSError as e:
        raise __ml_sa_os_error(e, path)
    finally:
        __ml_os.close(fd)


def __ml_sa_stat(func, cap, path):
    """os.stat after the check; None when nothing is there."""
    __ml_sa_check(func, cap, path)
    try:
        return __ml_os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        raise __ml_sa_os_error(e, path)


def __ml_sa_remove_file(func, cap, path):
    __ml_sa_check(func, cap, path)
    if not __ml_os.path.lexists(path):
        return False
    if __ml_os.path.isdir(path) and not __ml_os.path.islink(path):
        raise __MLError("ValueError", "Not a file: " + path + " (use path.removeDir for directories)")
    try:
        __ml_os.unlink(path)
    except OSError as e:
        raise __ml_sa_os_error(e, path)
    return True


def __ml_sa_fn(f, name, caps, doc):
    __ml_fn(f, name)
    f.__doc__ = doc
    __ml_fn_caps[f] = caps
    return f

