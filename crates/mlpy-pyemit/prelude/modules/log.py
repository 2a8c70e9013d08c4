# requires: json, sysaccess
# log (stdlib.md section 18): default and named loggers (per-name singletons), text or JSON
# records on stdout, optional file outputs (file.write checked on the canonical path).
import datetime as __ml_log_dt

# name -> [level, json, timestamp, files]
__ml_log_state = {}
__ml_log_LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}


def __ml_log_get(name):
    st = __ml_log_state.get(name)
    if st is None:
        st = [20, False, True, []]
        __ml_log_state[name] = st
    return st


def __ml_log_local_now():
    now = __ml_log_dt.datetime.now(__ml_log_dt.timezone.utc)
    try:
        if __ml_tz:
            import zoneinfo as __ml_log_zi
            now = now.astimezone(__ml_log_zi.ZoneInfo(__ml_tz))
        else:
            now = now.astimezone()
    except Exception:
        now = now.astimezone()
    return now.strftime("%Y-%m-%d %H:%M:%S")


def __ml_log_emit(name, level, args):
    st = __ml_log_get(name)
    message = args[0]
    data = args[1] if __ml_len(args) > 1 else None
    if level < st[0]:
        return None
    if __ml_type(data) is __ml_dict and data:
        pairs = data
    elif not data:
        pairs = None
    else:
        raise __MLError("TypeError", "log data must be an object, not '" + __ml_tname(data) + "'")
    if st[1]:
        lname = {10: "DEBUG", 20: "INFO", 30: "WARN", 40: "ERROR"}.get(level, "CRITICAL")
        line = '{"message": ' + __ml_json_dumps(message) + ', "level": "' + lname + '", "logger": ' + __ml_json_dumps(name)
        if st[2]:
            ts = __ml_log_dt.datetime.now(__ml_log_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")
            line += ', "timestamp": "' + ts + 'Z"'
        if pairs is not None:
            line += ', "data": ' + __ml_json_dumps(pairs)
        line += "}"
    else:
        lname = {10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR"}.get(level, "CRITICAL")
        line = "[" + __ml_log_local_now() + "] " + lname + ": " + __ml_display(message)
        if pairs is not None:
            line += " | " + ", ".join(__ml_display(k) + "=" + __ml_display(v) for k, v in pairs.items())
    line += "\n"
    __ml_write_out(line)
    for path in st[3]:
        __ml_sa_write_bytes("log.add_file", "file.write", path, line.encode("utf-8"), True)
    return None


def __ml_log_text(func, v):
    if __ml_type(v) is not __ml_pystr:
        raise __MLError("TypeError", func + "() argument must be a string, not '" + __ml_tname(v) + "'")
    return v


def __ml_log_set_level(name, level):
    __ml_log_get(name)[0] = __ml_log_LEVELS.get(__ml_log_text("set_level", level).upper(), 20)
    return None


def __ml_log_set_format(name, kind):
    __ml_log_get(name)[1] = kind == "json"
    return None


def __ml_log_set_timestamp(name, enabled):
    __ml_log_get(name)[2] = bool(enabled)
    return None


def __ml_log_add_file(name, path):
    p = __ml_sa_canonical(__ml_log_text("add_file", path))
    __ml_sa_check("log.add_file", "file.write", p)
    __ml_log_get(name)[3].append(p)
    return None


def __ml_log_is_debug(name):
    return __ml_log_get(name)[0] <= 10


# (name, lo, hi, caps, doc, impl(logger_name, *args))
__ml_log_OPS = (
    ("debug", 1, 2, ("log.write",), "Log debug level message", lambda n, *a: __ml_log_emit(n, 10, a)),
    ("info", 1, 2, ("log.write",), "Log info level message", lambda n, *a: __ml_log_emit(n, 20, a)),
    ("warn", 1, 2, ("log.write",), "Log warning message", lambda n, *a: __ml_log_emit(n, 30, a)),
    ("error", 1, 2, ("log.write",), "Log error message", lambda n, *a: __ml_log_emit(n, 40, a)),
    ("critical", 1, 2, ("log.write",), "Log critical message", lambda n, *a: __ml_log_emit(n, 50, a)),
    ("set_level", 1, 1, ("log.write",), "Set logging level", __ml_log_set_level),
    ("set_format", 1, 1, ("log.write",), "Set log output format", __ml_log_set_format),
    ("set_timestamp", 1, 1, ("log.write",), "Enable or disable timestamps", __ml_log_set_timestamp),
    ("add_file", 1, 1, ("log.write", "file.write"), "Add file output destination", __ml_log_add_file),
    ("is_debug", 0, 0, (), "Check if debug logging is enabled", __ml_log_is_debug),
)


class __MLLogger(__MLNative):
    _ml_class = "Logger"


def __ml_log_module_fn(name, lo, hi, caps, doc, impl):
    def f(*args):
        for c in caps:
            __ml_require(c)
        __ml_arity(name, args, lo, hi)
        return impl("default", *args)
    f.__doc__ = doc
    __ml_fn_caps[f] = __ml_list(caps)
    return __ml_fn(f, name)


def __ml_log_method(name, lo, hi, caps, doc, impl):
    def m(self, *args):
        for c in caps:
            __ml_require(c)
        __ml_arity(name, args, lo, hi)
        return impl(self.name, *args)
    return __ml_fn(m, name)


def __ml_log_create_logger(*args):
    __ml_arity("create_logger", args, 1, 1)
    name = __ml_log_text("create_logger", args[0])
    __ml_log_get(name)
    lg = __MLLogger()
    lg.name = name
    return lg


__MLLogger._ml_methods = {op[0]: __ml_log_method(*op) for op in __ml_log_OPS}
__ml_log_members = {op[0]: __ml_log_module_fn(*op) for op in __ml_log_OPS}
__ml_log_create_logger.__doc__ = "Create named logger instance"
__ml_fn_caps[__ml_log_create_logger] = []
__ml_log_members["create_logger"] = __ml_fn(__ml_log_create_logger, "create_logger")

__ml_module_log = __MLModule("log", __ml_log_members, "Structured logging with levels, formatting, and multiple outputs")
__ml_modules["log"] = __ml_module_log
