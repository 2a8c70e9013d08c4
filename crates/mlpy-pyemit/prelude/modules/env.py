# `env` (stdlib.md §15) for the Python backend: the process environment, readable only with the
# env.read grant and writable (for this process) with env.write, baked in at transpile time (D3).
import os as __ml_env_os


def __ml_env_need(cap):
    if not ((cap in __ml_grants or "*" in __ml_grants) and __ml_used(cap)):
        raise __MLError("CapabilityError", "Missing required capabilities: ['" + cap + "']")


def __ml_env_key(func, args, lo, hi, cap):
    __ml_env_need(cap)
    __ml_arity(func, args, lo, hi)
    k = args[0]
    if type(k) is not str:
        raise __MLError("TypeError", func + "() argument 1 must be str, not " + __ml_tname(k))
    return k


def __ml_env_get(*args):
    k = __ml_env_key("get", args, 1, 2, "env.read")
    v = __ml_env_os.environ.get(k)
    return v if v is not None else (args[1] if __ml_len(args) > 1 else None)


def __ml_env_require(*args):
    k = __ml_env_key("require", args, 1, 1, "env.read")
    v = __ml_env_os.environ.get(k)
    if v is None:
        raise __MLError("RuntimeError", "Required environment variable not set: " + k)
    return v


def __ml_env_has(*args):
    return __ml_env_key("has", args, 1, 1, "env.read") in __ml_env_os.environ


def __ml_env_all(*args):
    __ml_env_need("env.read")
    __ml_arity("all", args, 0, 0)
    return dict(sorted(__ml_env_os.environ.items()))


def __ml_env_get_int(*args):
    k = __ml_env_key("get_int", args, 1, 2, "env.read")
    d = args[1] if __ml_len(args) > 1 else 0
    v = __ml_env_os.environ.get(k)
    try:
        return int(v) if v is not None else d
    except ValueError:
        return d


def __ml_env_get_float(*args):
    k = __ml_env_key("get_float", args, 1, 2, "env.read")
    d = args[1] if __ml_len(args) > 1 else 0.0
    v = __ml_env_os.environ.get(k)
    try:
        return float(v) if v is not None else d
    except ValueError:
        return d


def __ml_env_get_bool(*args):
    k = __ml_env_key("get_bool", args, 1, 2, "env.read")
    v = __ml_env_os.environ.get(k)
    if v is None:
        return args[1] if __ml_len(args) > 1 else False
    return v.lower() in ("true", "1", "yes", "on")


def __ml_env_set(*args):
    k = __ml_env_key("set", args, 2, 2, "env.write")
    __ml_env_os.environ[k] = __ml_display(args[1])
    return None


def __ml_env_delete(*args):
    k = __ml_env_key("delete", args, 1, 1, "env.write")
    __ml_env_os.environ.pop(k, None)
    return None


def __ml_env_fn(f, name, cap, doc):
    __ml_fn(f, name)
    f.__doc__ = doc
    __ml_fn_caps[f] = [cap]
    return f


__ml_module_env = __MLModule("env", {
    "get": __ml_env_fn(__ml_env_get, "get", "env.read", "Get a variable, or a default"),
    "require": __ml_env_fn(__ml_env_require, "require", "env.read", "Get a variable that must be set"),
    "has": __ml_env_fn(__ml_env_has, "has", "env.read", "Check whether a variable is set"),
    "all": __ml_env_fn(__ml_env_all, "all", "env.read", "All variables as an object"),
    "get_int": __ml_env_fn(__ml_env_get_int, "get_int", "env.read", "Get a variable as an int"),
    "get_float": __ml_env_fn(__ml_env_get_float, "get_float", "env.read", "Get a variable as a float"),
    "get_bool": __ml_env_fn(__ml_env_get_bool, "get_bool", "env.read", "Get a variable as a bool"),
    "set": __ml_env_fn(__ml_env_set, "set", "env.write", "Set a variable for this run"),
    "delete": __ml_env_fn(__ml_env_delete, "delete", "env.write", "Remove a variable for this run"),
}, "Environment variables supplied by the host")
__ml_modules["env"] = __ml_module_env
