# console (stdlib.md section 3): display text of each value joined by spaces; warn/error to stderr.


def __ml_console_emit(prefix, args, err):
    parts = [prefix] if prefix is not None else []
    parts.extend(__ml_display(a) for a in args)
    line = " ".join(parts) + "\n"
    if err:
        __ml_write_err(line)
    else:
        __ml_write_out(line)
    return None


def __ml_console_def(name, prefix, err, cap, doc):
    def f(*args):
        __ml_require(cap)
        return __ml_console_emit(prefix, args, err)
    f.__doc__ = doc
    __ml_fn_caps[f] = [cap]
    return __ml_fn(f, name)


__ml_module_console = __MLModule("console", {
    "log": __ml_console_def("log", None, False, "console.write", "Write values to standard output"),
    "info": __ml_console_def("info", "INFO:", False, "console.write", "Write an INFO: line to standard output"),
    "debug": __ml_console_def("debug", "DEBUG:", False, "console.write", "Write a DEBUG: line to standard output"),
    "warn": __ml_console_def("warn", "WARNING:", True, "console.error", "Write a WARNING: line to standard error"),
    "error": __ml_console_def("error", None, True, "console.error", "Write values to standard error"),
}, "Console output (stdout and stderr logging)")
__ml_modules["console"] = __ml_module_console
