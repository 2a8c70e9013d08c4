# regex (stdlib.md section 5): Python's re module behind Pattern and Match objects.
import re as __ml_re


class __MLPattern(__MLNative):
    _ml_class = "Pattern"


class __MLMatch(__MLNative):
    _ml_class = "Match"


def __ml_rx_compile(pattern, flags):
    if __ml_type(pattern) is not __ml_pystr:
        raise __MLError("TypeError", "compile() expected string, got '" + __ml_tname(pattern) + "'")
    p = __MLPattern()
    p.src = pattern
    p.flags = __ml_rx_flags(flags)
    try:
        p.re = __ml_re.compile(pattern, p.flags)
    except __ml_re.error as e:
        raise __MLError("ValueError", "Invalid regex pattern '" + pattern + "': " + __ml_pystr(e))
    except (OverflowError, ValueError) as e:
        raise __MLError("ValueError", "Invalid regex pattern '" + pattern + "': " + __ml_pystr(e))
    return p


def __ml_rx_flags(v):
    if v is None:
        return 0
    if __ml_type(v) is not __ml_pyint and __ml_type(v) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")
    return __ml_pyint(v)


def __ml_rx_text(name, v):
    if __ml_type(v) is not __ml_pystr:
        raise __MLError("TypeError", name + "() expected string, got '" + __ml_tname(v) + "'")
    return v


def __ml_rx_wrap(m):
    if m is None:
        return None
    w = __MLMatch()
    w.m = m
    return w


def __ml_rx_pos(v, n, default):
    if v is None:
        return default
    if __ml_type(v) is not __ml_pyint and __ml_type(v) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")
    return __ml_pymin(__ml_pymax(__ml_pyint(v), 0), n)


__ml_pymin = min
__ml_pymax = max


def __ml_rx_single(p, name, text, pos=None, endpos=None):
    t = __ml_rx_text(name, text)
    a = __ml_rx_pos(pos, __ml_len(t), 0)
    b = __ml_rx_pos(endpos, __ml_len(t), __ml_len(t))
    return __ml_rx_wrap(getattr(p.re, name)(t, a, b))


def __ml_rx_findall(p, text, pos=None, endpos=None):
    t = __ml_rx_text("findall", text)
    return p.re.findall(t, __ml_rx_pos(pos, __ml_len(t), 0), __ml_rx_pos(endpos, __ml_len(t), __ml_len(t)))


def __ml_rx_finditer(p, text, pos=None, endpos=None):
    t = __ml_rx_text("finditer", text)
    it = p.re.finditer(t, __ml_rx_pos(pos, __ml_len(t), 0), __ml_rx_pos(endpos, __ml_len(t), __ml_len(t)))
    return [__ml_rx_wrap(m) for m in it]


def __ml_rx_count_arg(v):
    if v is None:
        return 0
    if __ml_type(v) is not __ml_pyint and __ml_type(v) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")
    return __ml_pyint(v)


def __ml_rx_split(p, text, maxsplit=None):
    return p.re.split(__ml_rx_text("split", text), __ml_rx_count_arg(maxsplit))


def __ml_rx_subn(p, repl, text, count=None):
    t = __ml_rx_text("sub", text)
    n = __ml_rx_count_arg(count)
    if __ml_is_callable(repl):
        def call(m):
            r = __ml_call(repl, __ml_rx_wrap(m))
            if __ml_type(r) is not __ml_pystr:
                raise __MLError("TypeError", "expected str instance, " + __ml_tname(r) + " found")
            return r
        rep = call
    else:
        rep = __ml_rx_text("sub", repl)
    try:
        return p.re.subn(rep, t, n)
    except __ml_re.error as e:
        raise __MLError("ValueError", __ml_pystr(e))


def __ml_rx_sub(p, repl, text, count=None):
    return __ml_rx_subn(p, repl, text, count)[0]


def __ml_rx_subn_obj(p, repl, text, count=None):
    r, n = __ml_rx_subn(p, repl, text, count)
    return {"result": r, "count": n}


def __ml_rx_test(p, text):
    return p.re.search(__ml_rx_text("test", text)) is not None


def __ml_rx_count(p, text):
    return sum(1 for _ in p.re.finditer(__ml_rx_text("count", text)))


def __ml_rx_to_string(p):
    names = [n for bit, n in ((2, "IGNORECASE"), (8, "MULTILINE"), (16, "DOTALL"), (64, "VERBOSE")) if p.flags & bit]
    s = "Pattern(" + __ml_repr(p.src)
    if names:
        s += ", flags=" + " | ".join(names)
    return s + ")"


def __ml_rx_method(name, lo, hi, impl):
    def m(self, *args):
        __ml_arity(name, args, lo, hi)
        return impl(self, *args)
    return __ml_fn(m, name)


__MLPattern._ml_methods = {
    "search": __ml_rx_method("search", 1, 3, lambda p, *a: __ml_rx_single(p, "search", *a)),
    "match": __ml_rx_method("match", 1, 3, lambda p, *a: __ml_rx_single(p, "match", *a)),
    "fullmatch": __ml_rx_method("fullmatch", 1, 3, lambda p, *a: __ml_rx_single(p, "fullmatch", *a)),
    "findall": __ml_rx_method("findall", 1, 3, __ml_rx_findall),
    "finditer": __ml_rx_method("finditer", 1, 3, __ml_rx_finditer),
    "split": __ml_rx_method("split", 1, 2, __ml_rx_split),
    "sub": __ml_rx_method("sub", 2, 3, __ml_rx_sub),
    "subn": __ml_rx_method("subn", 2, 3, __ml_rx_subn_obj),
    "test": __ml_rx_method("test", 1, 1, __ml_rx_test),
    "count": __ml_rx_method("count", 1, 1, __ml_rx_count),
    "getPattern": __ml_rx_method("getPattern", 0, 0, lambda p: p.src),
    "getFlags": __ml_rx_method("getFlags", 0, 0, lambda p: p.flags),
    "toString": __ml_rx_method("toString", 0, 0, __ml_rx_to_string),
}
__MLPattern._ml_props = {"pattern": lambda p: p.src}


def __ml_rx_group_index(w, g):
    m = w.m
    if __ml_type(g) is __ml_pystr:
        return m.re.groupindex.get(g)
    if __ml_type(g) is __ml_pyint or __ml_type(g) is bool:
        return __ml_pyint(g) if 0 <= g <= m.re.groups else None
    return None


def __ml_rx_group(w, g=0):
    i = __ml_rx_group_index(w, g)
    return None if i is None else w.m.group(i)


def __ml_rx_span(w, g=0):
    i = __ml_rx_group_index(w, g)
    if i is None:
        return [-1, -1]
    a, b = w.m.span(i)
    return [a, b]


def __ml_rx_expand(w, template):
    try:
        return w.m.expand(__ml_rx_text("expand", template))
    except __ml_re.error as e:
        raise __MLError("ValueError", __ml_pystr(e))


__MLMatch._ml_methods = {
    "group": __ml_rx_method("group", 0, 1, __ml_rx_group),
    "groups": __ml_rx_method("groups", 0, 1, lambda w, d=None: __ml_list(w.m.groups(d))),
    "groupDict": __ml_rx_method("groupDict", 0, 1, lambda w, d=None: w.m.groupdict(d)),
    "start": __ml_rx_method("start", 0, 1, lambda w, g=0: __ml_rx_span(w, g)[0]),
    "end": __ml_rx_method("end", 0, 1, lambda w, g=0: __ml_rx_span(w, g)[1]),
    "span": __ml_rx_method("span", 0, 1, __ml_rx_span),
    "value": __ml_rx_method("value", 0, 0, lambda w: w.m.group(0)),
    "lastGroup": __ml_rx_method("lastGroup", 0, 0, lambda w: w.m.lastgroup),
    "groupCount": __ml_rx_method("groupCount", 0, 0, lambda w: __ml_len(w.m.groups())),
    "expand": __ml_rx_method("expand", 1, 1, __ml_rx_expand),
    "toString": __ml_rx_method("toString", 0, 0, lambda w: "Match(value=" + __ml_repr(w.m.group(0)) + ", span=[" + __ml_pystr(w.m.start()) + ", " + __ml_pystr(w.m.end()) + "])"),
}


def __ml_rx_module_fn(name, lo, hi, cap, doc, impl):
    def f(*args):
        if cap is not None:
            __ml_require(cap)
        __ml_arity(name, args, lo, hi)
        return impl(*args)
    f.__doc__ = doc
    __ml_fn_caps[f] = [cap] if cap is not None else []
    return __ml_fn(f, name)


def __ml_rx_with(name, flags_at, op):
    def impl(*args):
        flags = args[flags_at] if __ml_len(args) > flags_at else None
        if __ml_type(args[0]) is not __ml_pystr:
            raise __MLError("TypeError", name + "() expected string, got '" + __ml_tname(args[0]) + "'")
        p = __ml_rx_compile(args[0], flags)
        return op(p, *args[1:flags_at])
    return impl


def __ml_rx_is_valid(pattern):
    if __ml_type(pattern) is not __ml_pystr:
        return False
    try:
        __ml_re.compile(pattern)
        return True
    except Exception:
        return False


__ml_rx_M = "regex.match"
__ml_rx_members = {}
for __ml_rx_spec in (
    ("compile", 1, 2, "regex.compile", "Compile a regex pattern", lambda p, f=None: __ml_rx_compile(p, f)),
    ("search", 2, 3, __ml_rx_M, "Search for pattern anywhere in string", __ml_rx_with("search", 2, lambda p, t: __ml_rx_single(p, "search", t))),
    ("match", 2, 3, __ml_rx_M, "Match pattern at the start of string", __ml_rx_with("match", 2, lambda p, t: __ml_rx_single(p, "match", t))),
    ("fullmatch", 2, 3, __ml_rx_M, "Match entire string against pattern", __ml_rx_with("fullmatch", 2, lambda p, t: __ml_rx_single(p, "fullmatch", t))),
    ("test", 2, 3, __ml_rx_M, "Test if pattern matches text", __ml_rx_with("test", 2, __ml_rx_test)),
    ("findall", 2, 3, __ml_rx_M, "Find all non-overlapping matches", __ml_rx_with("findall", 2, __ml_rx_findall)),
    ("finditer", 2, 3, __ml_rx_M, "Find all matches as Match objects", __ml_rx_with("finditer", 2, __ml_rx_finditer)),
    ("count", 2, 3, __ml_rx_M, "Count non-overlapping matches", __ml_rx_with("count", 2, __ml_rx_count)),
    ("split", 2, 4, __ml_rx_M, "Split string by pattern", __ml_rx_with("split", 3, __ml_rx_split)),
    ("sub", 3, 5, __ml_rx_M, "Replace matches with replacement", __ml_rx_with("sub", 4, __ml_rx_sub)),
    ("subn", 3, 5, __ml_rx_M, "Replace matches and return count", __ml_rx_with("subn", 4, __ml_rx_subn_obj)),
    ("escape", 1, 1, None, "Escape regex metacharacters", lambda t: __ml_re.escape(__ml_rx_text("escape", t))),
    ("isValid", 1, 1, None, "Check if a pattern is valid", __ml_rx_is_valid),
    ("IGNORECASE", 0, 0, None, "Flag: case-insensitive matching", lambda: 2),
    ("MULTILINE", 0, 0, None, "Flag: ^ and $ match at line breaks", lambda: 8),
    ("DOTALL", 0, 0, None, "Flag: . matches newlines", lambda: 16),
    ("UNICODE", 0, 0, None, "Flag: Unicode matching (default)", lambda: 32),
    ("VERBOSE", 0, 0, None, "Flag: verbose patterns", lambda: 64),
    ("ASCII", 0, 0, None, "Flag: ASCII-only \\d \\w \\s", lambda: 256),
):
    __ml_rx_members[__ml_rx_spec[0]] = __ml_rx_module_fn(*__ml_rx_spec)

__ml_module_regex = __MLModule("regex", __ml_rx_members, "Regular expressions (Python re dialect)")
__ml_modules["regex"] = __ml_module_regex
