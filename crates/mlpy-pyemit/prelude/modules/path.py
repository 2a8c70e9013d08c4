# requires: sysaccess
# `path` (stdlib.md §12) for the Python backend: posixpath string functions (no capability) and
# filesystem functions checked like the VM (crates/mlpy-stdlib/src/modules/path.rs).
import posixpath as __ml_posixpath
import stat as __ml_stat_mod


def __ml_path_one(func, args):
    __ml_arity(func, args, 1, 1)
    return __ml_sa_str(func, 1, args[0])


def __ml_path_join(*args):
    if not args:
        raise __MLError("TypeError", "path.join() missing 1 required positional argument: 'a'")
    parts = [__ml_sa_str("path.join", i + 1, a) for i, a in enumerate(args)]
    return __ml_posixpath.join(*parts)


def __ml_path_dirname(*args):
    return __ml_posixpath.dirname(__ml_path_one("path.dirname", args))


def __ml_path_basename(*args):
    return __ml_posixpath.basename(__ml_path_one("path.basename", args))


def __ml_path_extname(*args):
    return __ml_posixpath.splitext(__ml_path_one("path.extname", args))[1]


def __ml_path_split(*args):
    return list(__ml_posixpath.split(__ml_path_one("path.split", args)))


def __ml_path_normalize(*args):
    p = __ml_path_one("path.normalize", args)
    return __ml_posixpath.normpath(p) if p else "."


def __ml_path_relative(*args):
    __ml_arity("path.relative", args, 2, 2)
    a = __ml_sa_str("path.relative", 1, args[0])
    b = __ml_sa_str("path.relative", 2, args[1])
    if not b:
        raise __MLError("ValueError", "no path specified")
    return __ml_posixpath.relpath(b, a or ".")


def __ml_path_is_absolute(*args):
    return __ml_path_one("path.isAbsolute", args).startswith("/")


def __ml_path_separator(*args):
    __ml_arity("path.separator", args, 0, 0)
    return "/"


def __ml_path_delimiter(*args):
    __ml_arity("path.delimiter", args, 0, 0)
    return ":"


def __ml_path_absolute(*args):
    p = __ml_path_one("path.absolute", args)
    __ml_sa_check("path.absolute", "path.read", __ml_sa_canonical(p))
    return __ml_posixpath.abspath(__ml_sa_expand(p))


def __ml_path_stat(func, args):
    p = __ml_sa_canonical(__ml_path_one(func, args))
    return __ml_sa_stat(func, "path.read", p)


def __ml_path_exists(*args):
    return __ml_path_stat("path.exists", args) is not None


def __ml_path_is_file(*args):
    st = __ml_path_stat("path.isFile", args)
    return st is not None and __ml_stat_mod.S_ISREG(st.st_mode)


def __ml_path_is_dir(*args):
    st = __ml_path_stat("path.isDirectory", args)
    return st is not None and __ml_stat_mod.S_ISDIR(st.st_mode)


def __ml_path_reveal(func, args, d):
    __ml_arity(func, args, 0, 0)
    __ml_sa_check(func, "path.read", d)
    return d


def __ml_path_cwd(*args):
    return __ml_path_reveal("path.cwd", args, __ml_os.getcwd())


def __ml_path_home(*args):
    return __ml_path_reveal("path.home", args, __ml_os.environ.get("HOME", "/"))


def __ml_path_temp_dir(*args):
    import tempfile as __ml_tempfile
    return __ml_path_reveal("path.tempDir", args, __ml_tempfile.gettempdir())


def __ml_path_entries(d):
    """Sorted (name, is_dir_not_link, is_file) of a directory."""
    out = []
    try:
        it = __ml_os.scandir(d)
    except OSError as e:
        raise __ml_sa_os_error(e, d)
    with it:
        for e in it:
            try:
                is_dir = e.is_dir(follow_symlinks=False)
                is_file = e.is_file()
            except OSError:
                is_dir, is_file = False, False
            out.append((e.name, is_dir, is_file))
    out.sort()
    return out


def __ml_path_list_dir(*args):
    __ml_arity("path.listDir", args, 0, 1)
    raw = __ml_sa_opt_str("path.listDir", args, 0)
    raw = "." if raw is None else raw
    p = __ml_sa_canonical(raw)
    __ml_sa_check("path.listDir", "path.read", p)
    try:
        st = __ml_os.stat(p)
    except OSError as e:
        raise __ml_sa_os_error(e, p)
    if not __ml_stat_mod.S_ISDIR(st.st_mode):
        raise __MLError("NotADirectoryError", "Not a directory: " + raw)
    return [e[0] for e in __ml_path_entries(p)]


def __ml_path_tree(root, max_depth):
    """(relative path, is_file) of everything under root; symlinked dirs are not entered."""
    out = []
    stack = [(root, "", 0)]
    while stack:
        d, prefix, depth = stack.pop()
        try:
            entries = __ml_path_entries(d)
        except __MLError:
            continue
        for name, is_dir, is_file in entries:
            rel = prefix + "/" + name if prefix else name
            if is_dir and (max_depth is None or depth < max_depth):
                stack.append((d + "/" + name, rel, depth + 1))
            out.append((rel, is_file))
    out.sort()
    return out


def __ml_path_walk(*args):
    __ml_arity("path.walk", args, 1, 2)
    raw = __ml_sa_str("path.walk", 1, args[0])
    depth = -1 if __ml_len(args) < 2 or args[1] is None else args[1]
    if type(depth) is not int and type(depth) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(depth) + "' object cannot be interpreted as an integer")
    p = __ml_sa_canonical(raw)
    __ml_sa_check("path.walk", "path.read", p)
    if not __ml_os.path.isdir(p):
        raise __ml_sa_errno(2 if not __ml_os.path.exists(p) else 20, p)
    return [r for r, f in __ml_path_tree(p, depth if depth >= 0 else None) if f]


def __ml_path_glob(*args):
    pattern = __ml_path_one("path.glob", args)
    if not __ml_sa_granted("path.read"):
        __ml_sa_check("path.glob", "path.read")
    absp = __ml_posixpath.abspath(__ml_sa_expand(pattern))
    parts = [c for c in absp.split("/") if c]
    base = []
    rest = []
    for c in parts:
        if not rest and not any(ch in c for ch in "*?[{"):
            base.append(c)
        else:
            rest.append(c)
    basepath = "/" + "/".join(base)
    matches = []
    if not rest:
        if __ml_os.path.lexists(basepath):
            matches.append(absp)
    else:
        depth = None if "**" in rest else __ml_len(rest) - 1
        real = __ml_os.path.realpath(basepath)
        if __ml_os.path.isdir(real):
            for rel, _f in __ml_path_tree(real, depth):
                full = __ml_posixpath.join(basepath, rel)
                if __ml_glob_match(absp, full):
                    matches.append(full)
    allowed = [m for m in matches if __ml_sa_allows("path.read", __ml_sa_canonical(m), "path")]
    allowed.sort()
    return allowed


def __ml_path_create_dir(*args):
    __ml_arity("path.createDir", args, 1, 2)
    p = __ml_sa_canonical(__ml_sa_str("path.createDir", 1, args[0]))
    __ml_sa_check("path.createDir", "path.write", p)
    __ml_sa_makedirs(p)
    return None


def __ml_path_remove(func, args, recursive):
    p = __ml_sa_nofollow(__ml_path_one(func, args))
    __ml_sa_check(func, "path.write", p)
    if __ml_os.path.islink(p):
        if recursive:
            raise __MLError("OSError", "Cannot call rmtree on a symbolic link")
        raise __ml_sa_errno(20, p)
    try:
        if recursive:
            import shutil as __ml_shutil
            __ml_shutil.rmtree(p)
        else:
            __ml_os.rmdir(p)
    except OSError as e:
        raise __ml_sa_os_error(e, e.filename if isinstance(e.filename, str) else p)
    return None


def __ml_path_remove_dir(*args):
    return __ml_path_remove("path.removeDir", args, False)


def __ml_path_remove_dir_recursive(*args):
    return __ml_path_remove("path.removeDirRecursive", args, True)


__ml_module_path = __MLModule("path", {
    "join": __ml_sa_fn(__ml_path_join, "path.join", [], "Join path segments"),
    "dirname": __ml_sa_fn(__ml_path_dirname, "path.dirname", [], "Directory part of a path"),
    "basename": __ml_sa_fn(__ml_path_basename, "path.basename", [], "Last part of a path"),
    "extname": __ml_sa_fn(__ml_path_extname, "path.extname", [], "Extension of a path, with its dot"),
    "split": __ml_sa_fn(__ml_path_split, "path.split", [], "Split a path into [dirname, basename]"),
    "normalize": __ml_sa_fn(__ml_path_normalize, "path.normalize", [], "Normalise a path lexically"),
    "relative": __ml_sa_fn(__ml_path_relative, "path.relative", [], "Relative path from one path to another"),
    "isAbsolute": __ml_sa_fn(__ml_path_is_absolute, "path.isAbsolute", [], "Check whether a path is absolute"),
    "separator": __ml_sa_fn(__ml_path_separator, "path.separator", [], "The path separator"),
    "delimiter": __ml_sa_fn(__ml_path_delimiter, "path.delimiter", [], "The PATH list delimiter"),
    "absolute": __ml_sa_fn(__ml_path_absolute, "path.absolute", ["path.read"], "Absolute form of a path"),
    "exists": __ml_sa_fn(__ml_path_exists, "path.exists", ["path.read"], "Check whether a path exists"),
    "isFile": __ml_sa_fn(__ml_path_is_file, "path.isFile", ["path.read"], "Check whether a path is a file"),
    "isDirectory": __ml_sa_fn(__ml_path_is_dir, "path.isDirectory", ["path.read"], "Check whether a path is a directory"),
    "cwd": __ml_sa_fn(__ml_path_cwd, "path.cwd", ["path.read"], "The working directory"),
    "home": __ml_sa_fn(__ml_path_home, "path.home", ["path.read"], "The home directory"),
    "tempDir": __ml_sa_fn(__ml_path_temp_dir, "path.tempDir", ["path.read"], "The temporary directory"),
    "listDir": __ml_sa_fn(__ml_path_list_dir, "path.listDir", ["path.read"], "Sorted names in a directory"),
    "glob": __ml_sa_fn(__ml_path_glob, "path.glob", ["path.read"], "Sorted absolute paths matching a glob"),
    "walk": __ml_sa_fn(__ml_path_walk, "path.walk", ["path.read"], "Sorted relative paths of all files under a directory"),
    "createDir": __ml_sa_fn(__ml_path_create_dir, "path.createDir", ["path.write"], "Create a directory and its parents"),
    "removeDir": __ml_sa_fn(__ml_path_remove_dir, "path.removeDir", ["path.write"], "Remove an empty directory"),
    "removeDirRecursive": __ml_sa_fn(__ml_path_remove_dir_recursive, "path.removeDirRecursive", ["path.write"], "Remove a directory tree"),
}, "Path manipulation and filesystem queries")
__ml_modules["path"] = __ml_module_path
