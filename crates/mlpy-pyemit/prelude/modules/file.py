# requires: sysaccess
# `file` (stdlib.md §11) for the Python backend: same checks and messages as the VM
# (crates/mlpy-stdlib/src/modules/file.rs), grants baked in at transpile time (D3).


def __ml_file_path(func, args, i):
    return __ml_sa_canonical(__ml_sa_str(func, i + 1, args[i]))


def __ml_file_read_text(func, args):
    __ml_arity(func, args, 1, 2)
    path = __ml_file_path(func, args, 0)
    enc = __ml_sa_encoding(func, args, 1)
    data = __ml_sa_read_bytes(func, "file.read", path)
    return __ml_sa_newlines(__ml_sa_decode(data, enc))


def __ml_file_read(*args):
    return __ml_file_read_text("file.read", args)


def __ml_file_read_bytes(*args):
    __ml_arity("file.readBytes", args, 1, 1)
    path = __ml_file_path("file.readBytes", args, 0)
    return __ml_sa_read_bytes("file.readBytes", "file.read", path)


def __ml_file_read_lines(*args):
    lines = __ml_file_read_text("file.readLines", args).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def __ml_file_write_text(func, cap, append, args):
    __ml_arity(func, args, 2, 3)
    path = __ml_file_path(func, args, 0)
    content = __ml_sa_str(func, 2, args[1])
    enc = __ml_sa_encoding(func, args, 2)
    __ml_sa_write_bytes(func, cap, path, __ml_sa_encode(content, enc), append)
    return None


def __ml_file_write(*args):
    return __ml_file_write_text("file.write", "file.write", False, args)


def __ml_file_append(*args):
    return __ml_file_write_text("file.append", "file.append", True, args)


def __ml_file_bytes_arg(func, v):
    if type(v) is bytes:
        return v
    if type(v) is list:
        out = bytearray()
        for x in v:
            if type(x) is not int:
                raise __MLError("TypeError", "'" + __ml_tname(x) + "' object cannot be interpreted as an integer")
            if not 0 <= x <= 255:
                raise __MLError("ValueError", "bytes must be in range(0, 256)")
            out.append(x)
        return bytes(out)
    raise __MLError("TypeError", func + "() argument 2 must be bytes or an array of ints, not " + __ml_tname(v))


def __ml_file_write_bytes(*args):
    __ml_arity("file.writeBytes", args, 2, 2)
    path = __ml_file_path("file.writeBytes", args, 0)
    data = __ml_file_bytes_arg("file.writeBytes", args[1])
    __ml_sa_write_bytes("file.writeBytes", "file.write", path, data)
    return None


def __ml_file_write_lines(*args):
    __ml_arity("file.writeLines", args, 2, 3)
    path = __ml_file_path("file.writeLines", args, 0)
    lines = __ml_elements(args[1])
    enc = __ml_sa_encoding("file.writeLines", args, 2)
    text = "".join(__ml_display(x) + "\n" for x in lines)
    __ml_sa_write_bytes("file.writeLines", "file.write", path, __ml_sa_encode(text, enc))
    return None


def __ml_file_delete(*args):
    __ml_arity("file.delete", args, 1, 1)
    path = __ml_sa_nofollow(__ml_sa_str("file.delete", 1, args[0]))
    return __ml_sa_remove_file("file.delete", "file.delete", path)


def __ml_file_copy_to(func, src, dst):
    __ml_sa_check(func, "file.write", dst)
    data = __ml_sa_read_bytes(func, "file.read", src)
    __ml_sa_write_bytes(func, "file.write", dst, data)


def __ml_file_copy(*args):
    __ml_arity("file.copy", args, 2, 2)
    src = __ml_file_path("file.copy", args, 0)
    dst = __ml_file_path("file.copy", args, 1)
    __ml_file_copy_to("file.copy", src, dst)
    return None


def __ml_file_move(*args):
    __ml_arity("file.move", args, 2, 2)
    src = __ml_file_path("file.move", args, 0)
    entry = __ml_sa_nofollow(args[0])
    dst = __ml_file_path("file.move", args, 1)
    __ml_sa_check("file.move", "file.read", src)
    __ml_sa_check("file.move", "file.delete", entry)
    __ml_sa_check("file.move", "file.write", dst)
    __ml_file_copy_to("file.move", src, dst)
    __ml_sa_remove_file("file.move", "file.delete", entry)
    return None


def __ml_file_stat(func, args):
    __ml_arity(func, args, 1, 1)
    path = __ml_file_path(func, args, 0)
    return path, __ml_sa_stat(func, "path.read", path)


def __ml_file_exists(*args):
    return __ml_file_stat("file.exists", args)[1] is not None


def __ml_file_is_file(*args):
    st = __ml_file_stat("file.isFile", args)[1]
    import stat as __ml_stat
    return st is not None and __ml_stat.S_ISREG(st.st_mode)


def __ml_file_is_dir(*args):
    st = __ml_file_stat("file.isDirectory", args)[1]
    import stat as __ml_stat
    return st is not None and __ml_stat.S_ISDIR(st.st_mode)


def __ml_file_size(*args):
    path, st = __ml_file_stat("file.size", args)
    if st is None:
        raise __ml_sa_errno(2, path)
    return st.st_size


def __ml_file_mtime(*args):
    path, st = __ml_file_stat("file.modifiedTime", args)
    if st is None:
        raise __ml_sa_errno(2, path)
    return st.st_mtime


__ml_module_file = __MLModule("file", {
    "read": __ml_sa_fn(__ml_file_read, "file.read", ["file.read"], "Read a text file"),
    "readBytes": __ml_sa_fn(__ml_file_read_bytes, "file.readBytes", ["file.read"], "Read a file as bytes"),
    "readLines": __ml_sa_fn(__ml_file_read_lines, "file.readLines", ["file.read"], "Read a text file as an array of lines"),
    "write": __ml_sa_fn(__ml_file_write, "file.write", ["file.write"], "Write text to a file (replaces it)"),
    "writeBytes": __ml_sa_fn(__ml_file_write_bytes, "file.writeBytes", ["file.write"], "Write bytes to a file"),
    "writeLines": __ml_sa_fn(__ml_file_write_lines, "file.writeLines", ["file.write"], "Write lines to a file"),
    "append": __ml_sa_fn(__ml_file_append, "file.append", ["file.append"], "Append text to a file"),
    "delete": __ml_sa_fn(__ml_file_delete, "file.delete", ["file.delete"], "Delete a file"),
    "copy": __ml_sa_fn(__ml_file_copy, "file.copy", ["file.read", "file.write"], "Copy a file"),
    "move": __ml_sa_fn(__ml_file_move, "file.move", ["file.read", "file.write", "file.delete"], "Move a file"),
    "exists": __ml_sa_fn(__ml_file_exists, "file.exists", ["path.read"], "Check whether a path exists"),
    "isFile": __ml_sa_fn(__ml_file_is_file, "file.isFile", ["path.read"], "Check whether a path is a file"),
    "isDirectory": __ml_sa_fn(__ml_file_is_dir, "file.isDirectory", ["path.read"], "Check whether a path is a directory"),
    "size": __ml_sa_fn(__ml_file_size, "file.size", ["path.read"], "Size of a file in bytes"),
    "modifiedTime": __ml_sa_fn(__ml_file_mtime, "file.modifiedTime", ["path.read"], "Modification time (POSIX seconds)"),
}, "File reading and writing (capability-checked, resource patterns enforced)")
__ml_modules["file"] = __ml_module_file
