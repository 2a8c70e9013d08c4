# json (stdlib.md section 10): CPython's json module with mlpy's messages; nesting past the
# data-depth limit is a ValueError on parse (D6) and the RecursionError limit on stringify (D31).
import json as __ml_pyjson


def __ml_json_def(name, lo, hi, caps, doc):
    def wrap(impl):
        def f(*args):
            for c in caps:
                __ml_require(c)
            __ml_arity(name, args, lo, hi)
            return impl(*args)
        f.__doc__ = doc
        __ml_fn_caps[f] = __ml_list(caps)
        return __ml_fn(f, name)
    return wrap


def __ml_json_text_depth(text):
    """Deepest bracket nesting of a JSON text outside strings."""
    depth = 0
    deepest = 0
    in_str = False
    esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "[" or ch == "{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch == "]" or ch == "}":
            depth -= 1
    return deepest


def __ml_json_value_depth(v, level=0):
    t = __ml_type(v)
    if t is __ml_list or t is __ml_tuple:
        return __ml_pymax([level] + [__ml_json_value_depth(x, level + 1) for x in v])
    if t is __ml_dict:
        return __ml_pymax([level] + [__ml_json_value_depth(x, level + 1) for x in v.values()])
    return level


__ml_pymax = max


def __ml_json_loads(text):
    if __ml_type(text) is not __ml_pystr:
        raise __MLError("ValueError", "JSON parsing failed: the JSON object must be str, bytes or bytearray, not " + __ml_tname(text))
    if __ml_json_text_depth(text) > __ml_max_depth:
        raise __MLError("ValueError", "JSON nesting too deep")
    try:
        return __ml_pyjson.loads(text)
    except __ml_pyjson.JSONDecodeError as e:
        raise __MLError("ValueError", "JSON parsing failed: " + __ml_pystr(e))


def __ml_json_parse(text):
    return __ml_json_loads(text)


def __ml_json_safe_parse(text, max_depth=None):
    limit = 100
    if max_depth is not None:
        if __ml_type(max_depth) is not __ml_pyint and __ml_type(max_depth) is not bool:
            raise __MLError("TypeError", "'" + __ml_tname(max_depth) + "' object cannot be interpreted as an integer")
        limit = __ml_pyint(max_depth) if max_depth < 100 else 100
    v = __ml_json_loads(text)
    if __ml_json_value_depth(v) > limit:
        raise __MLError("ValueError", "JSON object depth exceeds maximum allowed (" + __ml_pystr(limit) + ")")
    return v


def __ml_json_validate(text):
    try:
        __ml_json_loads(text)
        return True
    except __MLError:
        return False


def __ml_json_check(v, level, path):
    """The data-depth limit and cycle-safe walk before serializing."""
    t = __ml_type(v)
    if t is __ml_list or t is __ml_tuple or t is __ml_dict:
        __ml_check_depth(level)
        if __ml_id(v) in path:
            return
        path.add(__ml_id(v))
        for x in (v.values() if t is __ml_dict else v):
            __ml_json_check(x, level + 1, path)
        path.discard(__ml_id(v))


def __ml_json_default(o):
    raise TypeError("Object of type " + __ml_tname(o) + " is not JSON serializable")


def __ml_json_dumps(v, indent=None):
    __ml_json_check(v, 0, set())
    try:
        return __ml_pyjson.dumps(v, indent=indent, default=__ml_json_default)
    except (TypeError, ValueError) as e:
        raise __MLError("ValueError", "JSON serialization failed: " + __ml_pystr(e))


def __ml_json_stringify(v):
    return __ml_json_dumps(v)


def __ml_json_pretty(v, indent=None):
    if indent is None:
        n = 4
    elif __ml_type(indent) is __ml_pyint or __ml_type(indent) is bool:
        n = __ml_pyint(indent) if indent > 0 else 0
    else:
        raise __MLError("TypeError", "'" + __ml_tname(indent) + "' object cannot be interpreted as an integer")
    return __ml_json_dumps(v, n)


def __ml_json_entries(o):
    return __ml_list(o.items()) if __ml_type(o) is __ml_dict else []


def __ml_json_get(o, key, default=None):
    if __ml_type(o) is __ml_dict:
        __ml_hash_check(key)
        if key in o:
            return o[key]
    return default


def __ml_json_has_key(o, key):
    if __ml_type(o) is not __ml_dict:
        return False
    __ml_hash_check(key)
    return key in o


def __ml_json_merge(a, b):
    out = {}
    for k, v in __ml_json_entries(a) + __ml_json_entries(b):
        out[k] = v
    return out


__ml_json_P = ("json.parse",)
__ml_json_S = ("json.serialize",)
__ml_json_members = {}
for __ml_json_spec in (
    ("parse", 1, 1, __ml_json_P, "Parse JSON string to value", __ml_json_parse),
    ("safeParse", 1, 2, __ml_json_P, "Parse JSON with a nesting depth limit", __ml_json_safe_parse),
    ("validate", 1, 1, __ml_json_P, "Check if a string is valid JSON", __ml_json_validate),
    ("stringify", 1, 1, __ml_json_S, "Serialize value to JSON string", __ml_json_stringify),
    ("prettyPrint", 1, 2, __ml_json_S, "Serialize value to indented JSON", __ml_json_pretty),
    ("isObject", 1, 1, (), "Check if value is a JSON object", lambda v: __ml_type(v) is __ml_dict),
    ("isArray", 1, 1, (), "Check if value is a JSON array", lambda v: __ml_type(v) is __ml_list),
    ("isString", 1, 1, (), "Check if value is a JSON string", lambda v: __ml_type(v) is __ml_pystr),
    ("isNumber", 1, 1, (), "Check if value is a JSON number", lambda v: __ml_type(v) is __ml_pyint or __ml_type(v) is __ml_pyfloat),
    ("isBoolean", 1, 1, (), "Check if value is a JSON boolean", lambda v: __ml_type(v) is bool),
    ("isNull", 1, 1, (), "Check if value is JSON null", lambda v: v is None),
    ("keys", 1, 1, (), "Keys of an object", lambda o: [k for k, _ in __ml_json_entries(o)]),
    ("values", 1, 1, (), "Values of an object", lambda o: [v for _, v in __ml_json_entries(o)]),
    ("hasKey", 2, 2, (), "Check if an object has a key", __ml_json_has_key),
    ("get", 2, 3, (), "Get an object value with a default", __ml_json_get),
    ("merge", 2, 2, (), "Merge two objects into a new one", __ml_json_merge),
):
    __ml_json_members[__ml_json_spec[0]] = __ml_json_def(*__ml_json_spec[:5])(__ml_json_spec[5])

__ml_module_json = __MLModule("json", __ml_json_members, "JSON parsing and serialization")
__ml_modules["json"] = __ml_module_json
