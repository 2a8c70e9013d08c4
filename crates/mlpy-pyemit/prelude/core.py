# mlpy runtime prelude: core (values, text conversion, errors, output, limits, capabilities,
# builtins). Embedded by the emitter inside the wrapper function of every non-flat program, so
# every name here is a local of that wrapper (python-api.md P-167) and starts with __ml/__ML
# (P-162). Rules for prelude code (contract: /work/notes/py-prelude-contract.md):
# - Python builtins are reached only through the __ml_ aliases below (an ML variable may be
#   called `len`); never through plain names.
# - No multi-line string literals (the emitter re-indents every line).
# - Never write an __ml name inside a class body: Python mangles it (`_Cls__ml_x`). Classes
#   here reference nothing of the prelude; behaviour lives in functions.
# The emitter defines before this file: __ml_file (ML file name), __ml_files (that name, then
# the file of each embedded ML module), __ml_g (the exec globals), __ml_error_base (base class
# of ML errors: Exception, or the wheel's MLError), __ml_max_depth,
# __ml_max_output (bytes or None), __ml_grants (dict name -> tuple of patterns), __ml_tz.
import sys as __ml_sys
import math as __ml_pymath

__ml_len = len
__ml_type = type
__ml_isinstance = isinstance
__ml_list = list
__ml_tuple = tuple
__ml_dict = dict
__ml_pyint = int
__ml_pyfloat = float
__ml_pystr = str
__ml_pyrepr = repr
__ml_pybool = bool
__ml_pyformat = format
__ml_pysorted = sorted
__ml_pyrange = range
__ml_pyiter = iter
__ml_pynext = next
__ml_pyzip = zip
__ml_pyabs = abs
__ml_pychr = chr
__ml_pyord = ord
__ml_callable = callable
__ml_locals = locals
__ml_id = id
__ml_Exception = Exception
__ml_BaseException = BaseException
__ml_StopIteration = StopIteration
__ml_pyslice = slice
__ml_bytes = bytes
__ml_NoneType = type(None)
__ml_FunctionType = type(lambda: 0)

if __ml_sys.getrecursionlimit() < 6 * __ml_max_depth + 2000:
    __ml_sys.setrecursionlimit(6 * __ml_max_depth + 2000)


# ---- values -------------------------------------------------------------------------------

class __MLModule:
    """A module value: a name and its members (ML reads members only through this table)."""
    __slots__ = ("_ml_name", "_ml_members", "_ml_doc")

    def __init__(self, name, members, doc=""):
        self._ml_name = name
        self._ml_members = members
        self._ml_doc = doc


class __MLNative:
    """Base class of stdlib objects (regex Match, datetime values, ...)."""
    __slots__ = ()
    _ml_class = "Native"
    _ml_methods = {}
    _ml_props = {}


class __MLErrorValue:
    """The value `except (e)` binds: kind, message, thrown data, ML position."""
    __slots__ = ("kind", "message", "data", "line", "column")

    def __init__(self, kind, message, data, line, column):
        self.kind = kind
        self.message = message
        self.data = data
        self.line = line
        self.column = column


class __MLIter:
    """An iterator value (`iter(x)`); `pyname` is Python's class name (list_iterator, ...)."""
    __slots__ = ("it", "pyname")

    def __init__(self, it, pyname):
        self.it = it
        self.pyname = pyname

    def __iter__(self):
        return self.it

    def __next__(self):
        return next(self.it)


class __MLError(__ml_error_base):
    """A catchable ML error: kind (values.md §9 name), message, optional thrown data (also as
    `error_data`, P-166). Derives from the wheel's MLError when the prelude comes from it."""

    def __init__(self, kind, message, data=None):
        Exception.__init__(self, message)
        self.kind = kind
        self.message = message
        self.data = data
        self.error_data = data
        self.ml_line = 0
        self.ml_column = 0
        self.ml_stack = []

    def __str__(self):
        return self.kind + ": " + self.message


class __MLLimit(BaseException):
    """A limit error (RecursionError, OutputLimit): not catchable by ML, skips finally."""

    def __init__(self, kind, message):
        BaseException.__init__(self, message)
        self.kind = kind
        self.message = message
        self.ml_line = 0
        self.ml_column = 0
        self.ml_stack = []

    def __str__(self):
        return self.kind + ": " + self.message


# Set when a limit error was raised: `finally` blocks of the program do not run after it.
__ml_limit_hit = [False]


def __ml_limit(kind, message):
    __ml_limit_hit[0] = True
    return __MLLimit(kind, message)


def __ml_depth_error():
    raise __ml_limit("RecursionError", "maximum recursion depth exceeded")


def __ml_check_depth(level):
    if level > __ml_max_depth:
        __ml_depth_error()


__ml_ERROR_KINDS = frozenset((
    "TypeError", "ValueError", "IndexError", "KeyError", "ZeroDivisionError", "AttributeError",
    "NameError", "UnboundLocalError", "OverflowError", "RuntimeError", "OSError",
    "FileNotFoundError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
    "FileExistsError", "EOFError",
))


def __ml_py_error(exc):
    """(kind, message) of a Python exception raised by an operation of the program."""
    kind = __ml_type(exc).__name__
    msg = __ml_pystr(exc)
    if kind == "UnboundLocalError" or kind == "NameError":
        # Top-level variables are locals of __ml_main: reading one before it is assigned is
        # ML's NameError, from there or from a function (a free variable of __ml_main).
        name = msg.split("'")[1] if msg.count("'") >= 2 else ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        at_top = tb is not None and tb.tb_frame.f_code.co_name == "__ml_main"
        if (kind == "UnboundLocalError" and at_top) or (
            msg.startswith("cannot access free variable") and tb is not None
            and __ml_free_var_of_main(tb.tb_frame.f_code, name)
        ):
            return "NameError", "name '" + name + "' is not defined"
        return kind, msg
    if kind == "TypeError" and msg.endswith("' object is not callable") and msg.startswith("'"):
        return kind, "Cannot call object of type " + msg[:-__ml_len(" object is not callable")] + ": not callable"
    if kind == "ZeroDivisionError" and msg == "integer division or modulo by zero":
        return kind, msg
    if kind == "KeyError":
        args = exc.args
        return kind, __ml_repr(args[0]) if __ml_len(args) == 1 else msg
    if kind == "ModuleNotFoundError" or kind == "ImportError":
        return "RuntimeError", msg
    if kind == "UnicodeEncodeError" or kind == "UnicodeDecodeError":
        return "ValueError", msg
    if kind not in __ml_ERROR_KINDS:
        return "RuntimeError", msg
    return kind, msg


def __ml_catch(exc):
    """The error value for `except (e)`; limit errors are re-raised (not catchable)."""
    if __ml_isinstance(exc, __MLError):
        kind, msg, data = exc.kind, exc.message, exc.data
    elif __ml_isinstance(exc, RecursionError):
        raise __ml_limit("RecursionError", "maximum recursion depth exceeded")
    elif __ml_isinstance(exc, MemoryError):
        raise __ml_limit("MemoryLimit", "memory limit exceeded")
    else:
        kind, msg = __ml_py_error(exc)
        data = None
    line, col = __ml_position(exc.__traceback__)
    return __MLErrorValue(kind, msg, data, line, col)


def __ml_throw(obj):
    """`throw {...}`: the message is the `message` key's display text."""
    msg = "User-defined exception"
    if __ml_type(obj) is __ml_dict and "message" in obj:
        msg = __ml_display(obj["message"])
    return __MLError("MLUserException", msg, obj)


# ---- positions (traceback -> ML line/column) ------------------------------------------------

# The emitter fills __ml_prog: "main" (the __ml_main function), "first" (first Python line of
# the program body) and "posmap"
# (one "LINE.COL" entry per Python line from there, "" = no ML position) after the program.
__ml_pos_cache = [None]
__ml_prog = {}


def __ml_pos_table():
    t = __ml_pos_cache[0]
    if t is None:
        t = []
        for item in __ml_prog["posmap"].split(","):
            if item:
                marks = item.split("|")
                parts = marks[0].split(".")
                f = __ml_pyint(parts[2]) if __ml_len(parts) > 2 else 0
                cols = []
                for m in marks[1:]:
                    pc, _, lc = m.partition(":")
                    ml, _, mc = lc.partition(".")
                    cols.append((__ml_pyint(pc), __ml_pyint(ml), __ml_pyint(mc)))
                t.append((__ml_pyint(parts[0]), __ml_pyint(parts[1]), __ml_files[f], cols))
            else:
                t.append(None)
        __ml_pos_cache[0] = t
    return t


def __ml_line_pos(pyline):
    i = pyline - __ml_prog["first"]
    t = __ml_pos_table()
    if 0 <= i < __ml_len(t):
        return t[i]
    return None


def __ml_frames(tb):
    """ML frames (function name, line, column) of a traceback, outermost first."""
    out = []
    own = __ml_prog["main"].__code__.co_filename
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == own:
            pos = __ml_line_pos(tb.tb_lineno)
            if pos is not None:
                line, col = pos[0], pos[1]
                # The failing instruction's column picks the innermost sub-expression that
                # starts at or before it (Python >= 3.11 records instruction columns).
                pycol = __ml_instruction_column(code, tb.tb_lasti, tb.tb_lineno)
                if pycol is not None:
                    for pc, ml, mc in pos[3]:
                        if pc <= pycol:
                            line, col = ml, mc
                out.append((code.co_name, line, col, pos[2]))
        tb = tb.tb_next
    return out


def __ml_instruction_column(code, lasti, lineno):
    try:
        for i, p in enumerate(code.co_positions()):
            if i == lasti // 2:
                return p[2] if p[0] == lineno else None
    except __ml_Exception:
        return None
    return None


def __ml_position(tb):
    frames = __ml_frames(tb)
    if frames:
        return frames[-1][1], frames[-1][2]
    return 0, 0


def __ml_main_names():
    """Python names of the program's top-level variables (locals of __ml_main)."""
    code = __ml_prog["main"].__code__
    return code.co_varnames + code.co_cellvars


def __ml_free_var_of_main(code, name):
    """Whether free variable `name` of function `code` is a top-level variable: the nearest
    enclosing function that holds it as a cell is __ml_main (a function's own variable of that
    name shadows the top-level one)."""
    main = __ml_prog["main"].__code__
    path = [main]  # main's code down to `code`, through nested code constants
    def find(c):
        if c is code:
            return True
        for k in c.co_consts:
            if __ml_type(k) is __ml_type(main):
                path.append(k)
                if find(k):
                    return True
                path.pop()
        return False
    if not find(main):
        return name in __ml_main_names()
    for enclosing in reversed(path[:-1]):
        if name in enclosing.co_cellvars:
            return enclosing is main
    return False


def __ml_function_label(name):
    if name == "__ml_main" or name.startswith("__ml_um"):
        return "<main>"
    if name.startswith("__ml_fn"):
        return "<lambda>"
    if name.startswith("ml_"):
        return name[3:]
    return name


def __ml_uncaught(exc):
    """Ends the program on an uncaught error: as a script, prints `FILE:LINE:COL: KIND: MSG`
    and the ML stack to stderr and exits 1/3/4; under a host's exec, raises the ML error."""
    if __ml_isinstance(exc, SystemExit):
        raise exc
    if __ml_isinstance(exc, (__MLError, __MLLimit)):
        err = exc
    elif __ml_isinstance(exc, RecursionError):
        err = __MLLimit("RecursionError", "maximum recursion depth exceeded")
    elif __ml_isinstance(exc, MemoryError):
        err = __MLLimit("MemoryLimit", "memory limit exceeded")
    elif __ml_isinstance(exc, KeyboardInterrupt):
        err = __MLLimit("Interrupted", "interrupted")
    else:
        kind, msg = __ml_py_error(exc)
        err = __MLError(kind, msg)
    frames = __ml_frames(exc.__traceback__)
    if frames:
        err.ml_line, err.ml_column = frames[-1][1], frames[-1][2]
    err.ml_stack = frames
    if __ml_g.get("__name__") == "__main__" and __ml_g.get("__file__") == __ml_prog["main"].__code__.co_filename:
        where = frames[-1][3] if frames else __ml_file
        lines = [where + ":" + __ml_pystr(err.ml_line) + ":" + __ml_pystr(err.ml_column) + ": " + err.kind + ": " + err.message]
        stack = frames[::-1]
        if __ml_len(stack) > 40:
            # A deep recursion carries one frame per call: show both ends, as the CLI does.
            stack = stack[:20] + [("... " + __ml_pystr(__ml_len(stack) - 40) + " more frames ...", 0, 0, "")] + stack[-20:]
        for name, line, col, file in stack:
            if line == 0:
                lines.append("  " + name)
            else:
                lines.append("  at " + __ml_function_label(name) + " (" + file + ":" + __ml_pystr(line) + ":" + __ml_pystr(col) + ")")
        try:
            __ml_sys.stdout.flush()
        except __ml_Exception:
            pass
        __ml_sys.stderr.write("\n".join(lines) + "\n")
        __ml_sys.stderr.flush()
        if __ml_isinstance(err, __MLLimit):
            code = 3
        elif err.kind == "CapabilityError" or err.kind == "SecurityError":
            code = 4
        else:
            code = 1
        raise SystemExit(code)
    if err is exc:
        raise err
    raise err from exc


def __ml_publish(pub, scope, names, fallbacks):
    """Copies the program's top-level bindings into `pub` (builtin fallbacks never assigned by
    the program are left out)."""
    for n in names:
        if n in scope:
            v = scope[n]
            if n in fallbacks and __ml_builtin_module._ml_members.get(n) is v:
                continue
            pub[n] = v


# ML source modules embedded by the emitter: dotted path -> function running the module's
# top-level code and returning its bindings (or raising the error that prevented loading it).
__ml_user_loaders = {}
__ml_user_files = {}
__ml_user_cache = {}
__ml_user_loading = []


def __ml_user_import(path, ns):
    """`import a.b;` (ns: bind `a` to a namespace holding `b`) / `import a.b as m;`."""
    m = __ml_user_cache.get(path)
    if m is None:
        if path in __ml_user_loading:
            raise __MLError("RuntimeError", "circular import of module '" + path + "'")
        loader = __ml_user_loaders.get(path)
        bridge = __ml_bridge_members(path)
        if loader is None and bridge is None:
            raise __MLError("RuntimeError", "No module named '" + path + "'")
        __ml_user_loading.append(path)
        try:
            members = loader() if loader is not None else {}
        finally:
            __ml_user_loading.remove(path)
        doc = ""
        if bridge is not None:
            doc, functions = bridge
            members.update(functions)
        m = __MLModule(path, members, doc)
        __ml_user_cache[path] = m
        __ml_loaded.append(path)
    if not ns:
        return m
    parts = path.split(".")
    inner = m
    for i in __ml_pyrange(__ml_len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:i])
        key = prefix + "#namespace"
        space = __ml_user_cache.get(key)
        if space is None:
            space = __MLModule(prefix, {})
            __ml_user_cache[key] = space
        space._ml_members[parts[i]] = inner
        inner = space
    return inner


# `(description, {name: function})` of a module registered in the mlpy wheel's
# StandardLibraryRegistry (python-api.md P-155), or None. Each function checks its required
# capabilities, then imports its Python module and calls it.
def __ml_bridge_members(path):
    registry = __ml_sys.modules.get("mlpy.stdlib.registry")
    describe = getattr(registry, "bridge_module", None)
    info = describe(path) if describe is not None else None
    if info is None:
        return None
    doc, functions = info
    return doc, {name: __ml_bridge_function(path + "." + name, name, caps, fdoc, resolve)
                 for name, (caps, fdoc, resolve) in functions.items()}


def __ml_bridge_function(qualified, name, caps, doc, resolve):
    def call(*args):
        missing = [c for c in caps if not __ml_granted(c)]
        if not missing:
            missing = [c for c in caps if not __ml_used(c)]
        if missing:
            raise __MLError("CapabilityError", "Missing required capabilities: [" + ", ".join("'" + c + "'" for c in missing) + "] (bridge function " + qualified + ")")
        try:
            target = resolve()
        except __ml_Exception as e:
            raise __MLError("RuntimeError", "bridge function " + qualified + " is unavailable: " + __ml_pystr(e))
        return target(*args)
    __ml_fn(call, name)
    call.__doc__ = doc
    __ml_fn_caps[call] = __ml_list(caps)
    return call


def __ml_module_error(message):
    raise __MLError("RuntimeError", message)


# ---- type names and text --------------------------------------------------------------------

def __ml_tname(v):
    """Python's type name of a value, as error messages show it (values.md §1)."""
    t = __ml_type(v)
    if t is __MLModule:
        return "module"
    if t is __MLErrorValue:
        return v.kind
    if t is __MLIter:
        return v.pyname
    if __ml_isinstance(v, __MLNative):
        return v._ml_class
    if t is __ml_FunctionType:
        return "function"
    return t.__name__


def __ml_typeof(v):
    t = __ml_type(v)
    if t is __ml_pystr:
        return "string"
    if t is __ml_pyint or t is __ml_pyfloat:
        return "number"
    if t is bool:
        return "boolean"
    if t is __ml_list:
        return "array"
    if t is __ml_dict:
        return "object"
    if t is __ml_FunctionType:
        return "function"
    if __ml_isinstance(v, __MLNative):
        return v._ml_class
    if t is __MLModule or t is __MLErrorValue or t is __MLIter or t is __ml_tuple or v is None:
        return "unknown"
    if __ml_callable(v):
        return "function"
    return "unknown"


def __ml_repr(v, depth=0, path=None):
    """repr text (values.md §4.1): what a value looks like inside a container."""
    t = __ml_type(v)
    if t is __ml_pystr or t is __ml_pyint or t is __ml_pyfloat or t is bool or v is None:
        # Ints longer than 4300 digits raise CPython's ValueError, as on the VM (values.md §4.5).
        return __ml_pyrepr(v)
    if t is __ml_list or t is __ml_dict or t is __ml_tuple:
        if depth >= __ml_max_depth:
            __ml_depth_error()
        if path is None:
            path = set()
        key = __ml_id(v)
        if key in path:
            return "[...]" if t is __ml_list else ("{...}" if t is __ml_dict else "(...)")
        path.add(key)
        d = depth + 1
        if t is __ml_list:
            s = "[" + ", ".join([__ml_repr(x, d, path) for x in v]) + "]"
        elif t is __ml_dict:
            s = "{" + ", ".join([__ml_repr(k, d, path) + ": " + __ml_repr(x, d, path) for k, x in v.items()]) + "}"
        elif __ml_len(v) == 1:
            s = "(" + __ml_repr(v[0], d, path) + ",)"
        else:
            s = "(" + ", ".join([__ml_repr(x, d, path) for x in v]) + ")"
        path.discard(key)
        return s
    if t is __ml_FunctionType:
        return "<function " + v.__name__ + ">"
    if t is __MLModule:
        return "<module " + v._ml_name + ">"
    if t is __MLErrorValue:
        return v.message
    if t is __MLIter:
        return "<" + v.pyname + ">"
    if t is __ml_bytes:
        return __ml_pyrepr(v)
    if __ml_isinstance(v, __MLNative):
        r = v._ml_methods.get("__repr__")
        if r is not None:
            return r(v)
        return "<" + v._ml_class + ">"
    return "<" + __ml_type(v).__name__ + ">"


def __ml_display(v):
    """display text (values.md §4.2): strings raw, errors as their message, else repr."""
    t = __ml_type(v)
    if t is __ml_pystr:
        return v
    if t is __ml_pyint or t is __ml_pyfloat:
        return __ml_pyrepr(v)
    return __ml_repr(v)


def __ml_str(v):
    """str() text (values.md §4.3): top-level booleans lower-case."""
    if v is True:
        return "true"
    if v is False:
        return "false"
    return __ml_display(v)


# ---- output -------------------------------------------------------------------------------

__ml_out_bytes = [0]


def __ml_write(text, stream):
    if __ml_max_output is not None:
        n = __ml_len(text.encode("utf-8", "surrogatepass"))
        remaining = __ml_max_output - __ml_out_bytes[0]
        if n > remaining:
            cut = text.encode("utf-8", "surrogatepass")[:__ml_pyabs(remaining) if remaining > 0 else 0]
            part = cut.decode("utf-8", "ignore")
            stream.write(part)
            __ml_out_bytes[0] += __ml_len(part.encode("utf-8"))
            raise __ml_limit("OutputLimit", "output limit exceeded")
        __ml_out_bytes[0] += n
    stream.write(text)


def __ml_write_out(text):
    __ml_write(text, __ml_sys.stdout)


def __ml_write_err(text):
    __ml_write(text, __ml_sys.stderr)


# ---- operators ----------------------------------------------------------------------------

def __ml_add(a, b):
    ta = __ml_type(a)
    tb = __ml_type(b)
    if ta is __ml_pystr:
        if tb is __ml_pystr:
            return a + b
        return a + __ml_display(b)
    if tb is __ml_pystr:
        return __ml_display(a) + b
    if ta is __MLErrorValue or tb is __MLErrorValue or ta is __ml_dict:
        raise __MLError("TypeError", "unsupported operand type(s) for +: '" + __ml_tname(a) + "' and '" + __ml_tname(b) + "'")
    return a + b


__ml_NUM = (__ml_pyint, __ml_pyfloat, bool)


def __ml_num_check(a, b, op):
    if __ml_type(a) not in __ml_NUM or __ml_type(b) not in __ml_NUM:
        raise __MLError("TypeError", "unsupported operand type(s) for " + op + ": '" + __ml_tname(a) + "' and '" + __ml_tname(b) + "'")


def __ml_mod(a, b):
    __ml_num_check(a, b, "%")
    if b == 0:
        if __ml_type(a) is __ml_pyfloat or __ml_type(b) is __ml_pyfloat:
            raise __MLError("ZeroDivisionError", "float modulo")
        raise __MLError("ZeroDivisionError", "integer modulo by zero")
    return a % b


def __ml_sub(a, b):
    __ml_num_check(a, b, "-")
    return a - b


def __ml_mul(a, b):
    ta = __ml_type(a)
    tb = __ml_type(b)
    if ta in __ml_NUM and tb in __ml_NUM:
        return a * b
    if ta is __ml_pystr or ta is __ml_list or ta is __ml_tuple:
        if tb is __ml_pyint or tb is bool:
            return a * b
        raise __MLError("TypeError", "can't multiply sequence by non-int of type '" + __ml_tname(b) + "'")
    if tb is __ml_pystr or tb is __ml_list or tb is __ml_tuple:
        if ta is __ml_pyint or ta is bool:
            return a * b
        raise __MLError("TypeError", "can't multiply sequence by non-int of type '" + __ml_tname(a) + "'")
    raise __MLError("TypeError", "unsupported operand type(s) for *: '" + __ml_tname(a) + "' and '" + __ml_tname(b) + "'")


def __ml_div(a, b):
    __ml_num_check(a, b, "/")
    return a / b


def __ml_floordiv(a, b):
    __ml_num_check(a, b, "//")
    return a // b


def __ml_neg(a):
    if __ml_type(a) not in __ml_NUM:
        raise __MLError("TypeError", "bad operand type for unary -: '" + __ml_tname(a) + "'")
    return -a


__ml_ORDERED = (__ml_pyint, __ml_pyfloat, bool, __ml_pystr, __ml_list, __ml_tuple)


def __ml_cmp_check(a, b, op):
    ta = __ml_type(a)
    tb = __ml_type(b)
    if ta in __ml_NUM and tb in __ml_NUM:
        return
    if ta is tb and ta in __ml_ORDERED:
        if ta is __ml_list or ta is __ml_tuple:
            __ml_deep_check(a, 0)
        return
    raise __MLError("TypeError", "'" + op + "' not supported between instances of '" + __ml_tname(a) + "' and '" + __ml_tname(b) + "'")


def __ml_seq_depth(a, b):
    ta = __ml_type(a)
    if (ta is __ml_list or ta is __ml_tuple) and __ml_type(b) is ta:
        __ml_deep_check(a, 0)
        __ml_deep_check(b, 0)


def __ml_lt(a, b):
    __ml_seq_depth(a, b)
    return a < b


def __ml_le(a, b):
    __ml_seq_depth(a, b)
    return a <= b


def __ml_gt(a, b):
    __ml_seq_depth(a, b)
    return a > b


def __ml_ge(a, b):
    __ml_seq_depth(a, b)
    return a >= b


def __ml_deep_check(v, depth):
    """Raises the data-depth limit error when `v` nests deeper than the limit."""
    if __ml_too_deep(v, depth):
        __ml_depth_error()


def __ml_too_deep(v, depth):
    """Whether `v` (at `depth`) holds a container at the data-depth limit or deeper."""
    t = __ml_type(v)
    if t is __ml_list or t is __ml_tuple or t is __ml_dict:
        if depth >= __ml_max_depth:
            return True
        for x in (v.values() if t is __ml_dict else v):
            tx = __ml_type(x)
            if (tx is __ml_list or tx is __ml_dict or tx is __ml_tuple) and __ml_too_deep(x, depth + 1):
                return True
    return False


def __ml_eq(a, b):
    ta = __ml_type(a)
    if ta is __ml_list or ta is __ml_dict or ta is __ml_tuple:
        if __ml_type(b) is not ta:
            return False
        if __ml_too_deep(a, 0) or __ml_too_deep(b, 0):
            # Deep or cyclic data: compare the way the VM does, so the limit error comes only
            # from a comparison that goes that deep.
            return __ml_eq_at(a, b, 0)
    return a == b


def __ml_eq_at(a, b, depth):
    """ML `==` walked as the VM walks it: identity, then length, then elements (values by
    key for objects), the data-depth error only past the limit on that walk."""
    if depth > __ml_max_depth:
        __ml_depth_error()
    ta = __ml_type(a)
    if ta is __ml_list or ta is __ml_tuple or ta is __ml_dict:
        if __ml_type(b) is not ta:
            return False
        if a is b:
            return True
        if __ml_len(a) != __ml_len(b):
            return False
        if ta is __ml_dict:
            for k, v in a.items():
                if k not in b or not __ml_eq_at(v, b[k], depth + 1):
                    return False
            return True
        for x, y in __ml_pyzip(a, b):
            if not __ml_eq_at(x, y, depth + 1):
                return False
        return True
    return a == b


def __ml_ne(a, b):
    return not __ml_eq(a, b)


# ---- members, methods, calls ----------------------------------------------------------------

__ml_STR_METHODS = frozenset((
    "upper", "lower", "strip", "lstrip", "rstrip", "replace", "split", "rsplit", "join",
    "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "isdigit", "isalpha",
    "isalnum", "isspace", "istitle", "isupper", "islower", "capitalize", "title", "swapcase",
    "center", "ljust", "rjust", "indexOf",
))
__ml_ARRAY_METHODS = frozenset((
    "append", "extend", "insert", "remove", "pop", "index", "count", "sort", "reverse", "clear",
    "copy",
))
__ml_TUPLE_METHODS = frozenset(("count", "index"))
__ml_OBJECT_METHODS = frozenset((
    "get", "keys", "values", "items", "pop", "popitem", "update", "clear", "setdefault",
))


def __ml_all_str_keys(o):
    for k in o:
        if __ml_type(k) is not __ml_pystr:
            return False
    return True


def __ml_method_table(v):
    t = __ml_type(v)
    if t is __ml_pystr:
        return __ml_STR_METHODS
    if t is __ml_list:
        return __ml_ARRAY_METHODS
    if t is __ml_tuple:
        return __ml_TUPLE_METHODS
    if t is __ml_dict:
        return __ml_OBJECT_METHODS
    return None


def __ml_bind(recv, name):
    def __ml_bound(*args):
        return __ml_call_method(recv, name, *args)
    __ml_bound.__name__ = name
    __ml_bound.__qualname__ = name
    return __ml_bound


def __ml_no_attr(v, name):
    return __MLError("AttributeError", "'" + __ml_tname(v) + "' object has no accessible attribute '" + name + "'")


def __ml_getattr(v, name):
    """`v.name` (language.md §7.3)."""
    t = __ml_type(v)
    if t is __ml_dict:
        if name in v:
            return v[name]
        if __ml_all_str_keys(v):
            return None
    if t is __ml_dict or t is __ml_pystr or t is __ml_list or t is __ml_tuple:
        if name == "length":
            return __ml_len(v)
        if name in __ml_method_table(v):
            return __ml_bind(v, name)
        raise __ml_no_attr(v, name)
    if t is __MLModule:
        m = v._ml_members
        if name in m:
            return m[name]
        raise __MLError("AttributeError", "module '" + v._ml_name + "' has no attribute '" + name + "'")
    if t is __MLErrorValue:
        d = v.data
        if __ml_type(d) is __ml_dict and name in d:
            return d[name]
        if name == "message":
            return v.message
        if name == "type":
            return v.kind
        if name == "data":
            return d
        if name == "line":
            return v.line
        if name == "column":
            return v.column
        if d is not None:
            return None
        raise __MLError("AttributeError", "'" + v.kind + "' object has no accessible attribute '" + name + "'")
    if __ml_isinstance(v, __MLNative) and name[:1] != "_":
        p = v._ml_props.get(name)
        if p is not None:
            return p(v)
        if name in v._ml_methods:
            return __ml_bind(v, name)
    raise __ml_no_attr(v, name)


def __ml_no_method(v, name):
    return __MLError("AttributeError", "'" + __ml_tname(v) + "' object has no accessible method '" + name + "'")


def __ml_call_method(v, name, *args):
    """`v.name(args)` (language.md §7.3 "Calling x.name(args)")."""
    t = __ml_type(v)
    if t is __ml_list:
        if name == "append":
            if __ml_len(args) != 1:
                __ml_arity("append", args, 1, 1)
            v.append(args[0])
            return None
        if name in __ml_ARRAY_METHODS:
            return __ml_array_method(v, name, args)
        raise __ml_no_method(v, name)
    if t is __ml_dict:
        f = v.get(name, __ml_MISSING) if __ml_type(name) is __ml_pystr else __ml_MISSING
        if f is not __ml_MISSING or __ml_all_str_keys(v):
            if f is __ml_MISSING:
                raise __MLError("AttributeError", "ML object has no property '" + name + "'")
            if not __ml_is_callable(f):
                raise __MLError("TypeError", "Property '" + name + "' is not callable (got " + __ml_tname(f) + ")")
            return f(*args)
        if name in __ml_OBJECT_METHODS:
            return __ml_object_method(v, name, args)
        raise __ml_no_method(v, name)
    if t is __ml_pystr:
        if name in __ml_STR_METHODS:
            return __ml_str_method(v, name, args)
        raise __ml_no_method(v, name)
    if t is __ml_tuple:
        if name in __ml_TUPLE_METHODS:
            __ml_arity(name, args, 1, 1)
            if name == "count":
                return v.count(args[0])
            return __ml_seq_index(v, args[0], "tuple.index(x): x not in tuple")
        raise __ml_no_method(v, name)
    if __ml_isinstance(v, __MLNative) and name[:1] != "_":
        m = v._ml_methods.get(name)
        if m is not None:
            return m(v, *args)
        p = v._ml_props.get(name)
        if p is not None:
            f = p(v)
            if not __ml_is_callable(f):
                raise __MLError("TypeError", "'" + __ml_tname(f) + "' object is not callable")
            return f(*args)
        raise __ml_no_method(v, name)
    if t is __MLModule or t is __MLErrorValue:
        f = __ml_getattr(v, name)
        if not __ml_is_callable(f):
            raise __MLError("TypeError", "'" + __ml_tname(f) + "' object is not callable")
        return f(*args)
    raise __ml_no_method(v, name)


__ml_MISSING = object()


def __ml_is_callable(v):
    t = __ml_type(v)
    if t is __ml_FunctionType:
        return True
    if t in (__ml_pyint, __ml_pyfloat, bool, __ml_pystr, __ml_list, __ml_dict, __ml_tuple, __ml_bytes, __ml_NoneType):
        return False
    if t is __MLModule or t is __MLErrorValue or t is __MLIter or __ml_isinstance(v, __MLNative):
        return False
    return __ml_callable(v)


def __ml_call(f, *args):
    """Calls an ML value (used by module files for callbacks)."""
    if not __ml_is_callable(f):
        raise __MLError("TypeError", "Cannot call object of type '" + __ml_tname(f) + "': not callable")
    return f(*args)


def __ml_fn(f, name):
    """Names a function value for messages and printing (`<lambda>` for anonymous ones)."""
    f.__name__ = name
    f.__qualname__ = name
    return f


def __ml_host_global(name):
    """Open-world host global (language.md §4.7): the exec globals only, never builtins."""
    if name[:2] != "__" or name == "__python_callback":
        try:
            return __ml_g[name]
        except KeyError:
            pass
    raise __MLError("NameError", "name '" + name + "' is not defined")


def __ml_unbound(name):
    return __MLError("UnboundLocalError", "cannot access local variable '" + name + "' where it is not associated with a value")


def __ml_undefined(name):
    return __MLError("NameError", "name '" + name + "' is not defined")


# ---- method tables ------------------------------------------------------------------------

def __ml_arity(name, args, lo, hi):
    n = __ml_len(args)
    if lo <= n <= hi:
        return
    s = lambda k: "" if k == 1 else "s"
    if lo == hi == 0:
        msg = name + "() takes no arguments (" + __ml_pystr(n) + " given)"
    elif lo == hi == 1:
        msg = name + "() takes exactly one argument (" + __ml_pystr(n) + " given)"
    elif lo == hi:
        msg = name + "() takes exactly " + __ml_pystr(lo) + " argument" + s(lo) + " (" + __ml_pystr(n) + " given)"
    elif n < lo:
        msg = name + "() takes at least " + __ml_pystr(lo) + " argument" + s(lo) + " (" + __ml_pystr(n) + " given)"
    else:
        msg = name + "() takes at most " + __ml_pystr(hi) + " argument" + s(hi) + " (" + __ml_pystr(n) + " given)"
    raise __MLError("TypeError", msg)


def __ml_seq_index(seq, x, missing):
    for i, y in enumerate(seq):
        if __ml_eq(y, x):
            return i
    raise __MLError("ValueError", missing)


def __ml_sort_list(items, reverse):
    for i in __ml_pyrange(1, __ml_len(items)):
        __ml_cmp_check(items[i], items[i - 1], "<")
    try:
        items.sort(reverse=reverse)
    except TypeError as e:
        raise __MLError("TypeError", __ml_pystr(e))


def __ml_array_method(v, name, args):
    if name == "extend":
        __ml_arity(name, args, 1, 1)
        v.extend(__ml_elements(args[0]))
        return None
    if name == "insert":
        __ml_arity(name, args, 2, 2)
        v.insert(__ml_index_arg(args[0]), args[1])
        return None
    if name == "remove":
        __ml_arity(name, args, 1, 1)
        i = __ml_seq_index(v, args[0], "list.remove(x): x not in list")
        del v[i]
        return None
    if name == "pop":
        __ml_arity(name, args, 0, 1)
        if not v:
            raise __MLError("IndexError", "pop from empty list")
        if args:
            i = __ml_ssize_arg(args[0])
            if i >= __ml_len(v) or i < -__ml_len(v):
                raise __MLError("IndexError", "pop index out of range")
            return v.pop(i)
        return v.pop()
    if name == "index":
        __ml_arity(name, args, 1, 1)
        return __ml_seq_index(v, args[0], __ml_repr(args[0]) + " is not in list")
    if name == "count":
        __ml_arity(name, args, 1, 1)
        return __ml_len([1 for y in v if __ml_eq(y, args[0])])
    if name == "sort":
        __ml_arity(name, args, 0, 0)
        __ml_sort_list(v, False)
        return None
    if name == "reverse":
        __ml_arity(name, args, 0, 0)
        v.reverse()
        return None
    if name == "clear":
        __ml_arity(name, args, 0, 0)
        v.clear()
        return None
    if name == "copy":
        __ml_arity(name, args, 0, 0)
        return v.copy()
    raise __ml_no_method(v, name)


def __ml_index_arg(x):
    t = __ml_type(x)
    if t is __ml_pyint or t is bool:
        return __ml_pyint(x)
    raise __MLError("TypeError", "'" + __ml_tname(x) + "' object cannot be interpreted as an integer")


def __ml_ssize_arg(x):
    """An index CPython converts to a C ssize_t (list.pop): a big int is an OverflowError."""
    i = __ml_index_arg(x)
    if i >= 9223372036854775808 or i < -9223372036854775808:
        raise __MLError("OverflowError", "Python int too large to convert to C ssize_t")
    return i


def __ml_str_arg(x, what):
    if __ml_type(x) is not __ml_pystr:
        raise __MLError("TypeError", what + " must be str, not " + __ml_tname(x))
    return x


def __ml_str_method(s, name, args):
    n = __ml_len(args)
    if name in ("upper", "lower", "capitalize", "title", "swapcase", "isdigit", "isalpha",
                "isalnum", "isspace", "istitle", "isupper", "islower"):
        __ml_arity(name, args, 0, 0)
        return getattr(s, name)()
    if name in ("strip", "lstrip", "rstrip"):
        __ml_arity(name, args, 0, 1)
        if n and args[0] is not None:
            __ml_str_arg(args[0], name + " arg")
        return getattr(s, name)(*args)
    if name == "replace":
        __ml_arity(name, args, 2, 3)
        __ml_str_arg(args[0], "replace() argument 1")
        __ml_str_arg(args[1], "replace() argument 2")
        if n == 3:
            return s.replace(args[0], args[1], __ml_index_arg(args[2]))
        return s.replace(args[0], args[1])
    if name == "split" or name == "rsplit":
        __ml_arity(name, args, 0, 2)
        sep = args[0] if n else None
        if sep is not None:
            if __ml_type(sep) is not __ml_pystr:
                raise __MLError("TypeError", "must be str or None, not " + __ml_tname(sep))
            if sep == "":
                raise __MLError("ValueError", "empty separator")
        maxsplit = __ml_index_arg(args[1]) if n > 1 else -1
        return getattr(s, name)(sep, maxsplit)
    if name == "join":
        __ml_arity(name, args, 1, 1)
        items = __ml_elements(args[0])
        for i, x in enumerate(items):
            if __ml_type(x) is not __ml_pystr:
                raise __MLError("TypeError", "sequence item " + __ml_pystr(i) + ": expected str instance, " + __ml_tname(x) + " found")
        return s.join(items)
    if name in ("startswith", "endswith"):
        __ml_arity(name, args, 1, 3)
        p = args[0]
        if __ml_type(p) is __ml_tuple:
            for x in p:
                __ml_str_arg(x, name + " first arg")
        elif __ml_type(p) is not __ml_pystr:
            raise __MLError("TypeError", name + " first arg must be str or a tuple of str, not " + __ml_tname(p))
        return getattr(s, name)(p, *[__ml_slice_arg(x) for x in args[1:]])
    if name in ("find", "rfind", "index", "rindex", "count", "indexOf"):
        __ml_arity(name, args, 1, 3)
        sub = args[0]
        if __ml_type(sub) is not __ml_pystr:
            raise __MLError("TypeError", "must be str, not " + __ml_tname(sub))
        rest = [__ml_slice_arg(x) for x in args[1:]]
        if name == "indexOf":
            return s.find(sub, *rest)
        if name == "index" or name == "rindex":
            r = getattr(s, "find" if name == "index" else "rfind")(sub, *rest)
            if r < 0:
                raise __MLError("ValueError", "substring not found")
            return r
        return getattr(s, name)(sub, *rest)
    if name in ("center", "ljust", "rjust"):
        __ml_arity(name, args, 1, 2)
        w = __ml_index_arg(args[0])
        fill = " "
        if n == 2:
            fill = args[1]
            if __ml_type(fill) is not __ml_pystr or __ml_len(fill) != 1:
                raise __MLError("TypeError", "The fill character must be exactly one character long")
        return getattr(s, name)(w, fill)
    raise __ml_no_method(s, name)


def __ml_slice_arg(x):
    if x is None:
        return None
    return __ml_index_arg(x)


def __ml_object_method(o, name, args):
    if name == "get":
        __ml_arity(name, args, 1, 2)
        __ml_hash_check(args[0])
        return o.get(args[0], args[1] if __ml_len(args) > 1 else None)
    if name == "keys":
        __ml_arity(name, args, 0, 0)
        return __ml_list(o.keys())
    if name == "values":
        __ml_arity(name, args, 0, 0)
        return __ml_list(o.values())
    if name == "items":
        __ml_arity(name, args, 0, 0)
        return __ml_list(o.items())
    if name == "pop":
        __ml_arity(name, args, 1, 2)
        __ml_hash_check(args[0])
        if args[0] in o:
            return o.pop(args[0])
        if __ml_len(args) > 1:
            return args[1]
        raise __MLError("KeyError", __ml_repr(args[0]))
    if name == "popitem":
        __ml_arity(name, args, 0, 0)
        if not o:
            raise __MLError("KeyError", "'popitem(): dictionary is empty'")
        return o.popitem()
    if name == "update":
        __ml_arity(name, args, 1, 1)
        if __ml_type(args[0]) is not __ml_dict:
            raise __MLError("TypeError", "'" + __ml_tname(args[0]) + "' object is not iterable")
        o.update(args[0])
        return None
    if name == "clear":
        __ml_arity(name, args, 0, 0)
        o.clear()
        return None
    if name == "setdefault":
        __ml_arity(name, args, 1, 2)
        __ml_hash_check(args[0])
        return o.setdefault(args[0], args[1] if __ml_len(args) > 1 else None)
    raise __ml_no_method(o, name)


def __ml_hash_check(k):
    t = __ml_type(k)
    if t is __ml_list or t is __ml_dict:
        raise __MLError("TypeError", "unhashable type: '" + __ml_tname(k) + "'")


def __ml_elements(v):
    """The items of an iterable value as a list (objects: keys; strings: characters)."""
    t = __ml_type(v)
    if t is __ml_list:
        return __ml_list(v)
    if t is __ml_pystr or t is __ml_tuple or t is __ml_dict or t is __ml_bytes or t is __MLIter:
        return __ml_list(v)
    raise __MLError("TypeError", "'" + __ml_tname(v) + "' object is not iterable")


def __ml_iterable(v):
    """A for-in iterable (language.md §6.6): arrays iterate live, objects watch their size."""
    t = __ml_type(v)
    if t is __ml_list or t is __ml_pystr or t is __ml_dict or t is __ml_tuple or t is __ml_bytes or t is __MLIter:
        return v
    raise __MLError("TypeError", "'" + __ml_tname(v) + "' object is not iterable")


# ---- indexing -----------------------------------------------------------------------------

def __ml_index(v, i):
    """`v[i]` (language.md §7.3 "Reading x[key]")."""
    t = __ml_type(v)
    if t is __ml_list or t is __ml_pystr or t is __ml_tuple or t is __ml_bytes:
        ti = __ml_type(i)
        if ti is not __ml_pyint and ti is not bool:
            if t is __ml_pystr:
                raise __MLError("TypeError", "string indices must be integers, not '" + __ml_tname(i) + "'")
            raise __MLError("TypeError", ("list" if t is __ml_list else __ml_tname(v)) + " indices must be integers or slices, not " + __ml_tname(i))
        return v[i]
    if t is __ml_dict:
        __ml_hash_check(i)
        return v[i]
    raise __MLError("TypeError", "'" + __ml_tname(v) + "' object is not subscriptable")


def __ml_setitem(v, i, x):
    t = __ml_type(v)
    if t is __ml_list:
        ti = __ml_type(i)
        if ti is not __ml_pyint and ti is not bool:
            raise __MLError("TypeError", "list indices must be integers or slices, not " + __ml_tname(i))
        v[i] = x
        return
    if t is __ml_dict:
        __ml_hash_check(i)
        v[i] = x
        return
    raise __MLError("TypeError", "'" + __ml_tname(v) + "' object does not support item assignment")


def __ml_slice(v, a, b, c):
    t = __ml_type(v)
    if t is not __ml_list and t is not __ml_pystr and t is not __ml_tuple and t is not __ml_bytes:
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object is not subscriptable")
    for x in (a, b, c):
        if x is not None and __ml_type(x) is not __ml_pyint and __ml_type(x) is not bool:
            raise __MLError("TypeError", "slice indices must be integers or None or have an __index__ method")
    if c == 0 and c is not None:
        raise __MLError("ValueError", "slice step cannot be zero")
    return v[a:b:c]


def __ml_setslice(v, a, b, c, x):
    if __ml_type(v) is not __ml_list:
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object does not support item assignment")
    tx = __ml_type(x)
    if tx is not __ml_list and tx is not __ml_tuple and tx is not __ml_pystr and tx is not __ml_dict:
        raise __MLError("TypeError", "must assign iterable to extended slice")
    for y in (a, b, c):
        if y is not None and __ml_type(y) is not __ml_pyint and __ml_type(y) is not bool:
            raise __MLError("TypeError", "slice indices must be integers or None or have an __index__ method")
    if c == 0 and c is not None:
        raise __MLError("ValueError", "slice step cannot be zero")
    v[a:b:c] = __ml_elements(x)


# ---- capabilities -------------------------------------------------------------------------

__ml_DEFAULT_GRANTS = frozenset((
    "collections.read", "collections.transform", "console.error", "console.write", "crypto.hash",
    "datetime.create", "functional.compose", "functional.transform", "json.parse",
    "json.serialize", "log.write", "math.compute", "random.generate", "random.sample",
    "regex.compile", "regex.match", "crypto.random", "datetime.now",
))


# The grants capability checks read (D3): those baked in at transpile time plus, when the mlpy
# wheel is loaded, the grants of the thread's active CapabilityContext, looked up at every
# check. A mapping name -> resource patterns (empty = unrestricted).
class __MLGrantTable:
    __slots__ = ("baked", "thread_table")

    def __init__(self, baked, thread_table):
        self.baked = baked
        self.thread_table = thread_table

    def table(self):
        extra = self.thread_table()
        if not extra:
            return self.baked
        merged = dict(self.baked)
        for name, pats in extra.items():
            old = merged.get(name)
            merged[name] = () if old == () or not pats else (old or ()) + pats
        return merged

    def __contains__(self, name):
        return name in self.table()

    def __getitem__(self, name):
        return self.table()[name]

    def __iter__(self):
        return iter(self.table())

    def get(self, name, default=None):
        return self.table().get(name, default)


def __ml_thread_grants():
    """Grants of the thread's active CapabilityContext (mlpy wheel), or None."""
    caps = __ml_sys.modules.get("mlpy.runtime.capabilities")
    table = getattr(caps, "thread_grant_table", None)
    return table() if table is not None else None


__ml_grants = __MLGrantTable(__ml_grants, __ml_thread_grants)


def __ml_granted(capability):
    return capability in __ml_DEFAULT_GRANTS or capability in __ml_grants or "*" in __ml_grants


# A passed capability check is a use of the grant (python-api.md §7.3): a token of the thread's
# CapabilityContext (mlpy wheel) counts it; default and baked grants count nothing. False: the
# token was used up or expired meanwhile, and the call is denied.
def __ml_used(capability):
    baked = __ml_grants.baked
    if capability in __ml_DEFAULT_GRANTS or capability in baked or "*" in baked:
        return True
    caps = __ml_sys.modules.get("mlpy.runtime.capabilities")
    used = getattr(caps, "thread_capability_used", None)
    return used is None or used(capability)


def __ml_glob_match(pattern, path):
    """Glob of stdlib.md §1.3: `*` within a segment, `**` any number of segments, `?` one char."""
    import re as __ml_re_glob
    out = []
    i = 0
    while i < __ml_len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
                out.append("(?:.*/)?")
            else:
                out.append(".*")
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        else:
            out.append(__ml_re_glob.escape(c))
        i += 1
    return __ml_re_glob.fullmatch("".join(out), path) is not None


def __ml_require(capability, resource=None):
    """Raises CapabilityError unless `capability` is granted (for `resource`, if given)."""
    if capability in __ml_DEFAULT_GRANTS:
        return
    patterns = __ml_grants.get(capability)
    if patterns is None or ((resource is None or not patterns) and not __ml_used(capability)):
        raise __MLError("CapabilityError", "Missing required capabilities: ['" + capability + "']")
    if resource is None or not patterns:
        return
    import os as __ml_os_glob
    for p in patterns:
        pat = p
        if not pat.startswith("/") and "://" not in resource and resource.startswith("/"):
            pat = __ml_os_glob.path.join(__ml_os_glob.getcwd(), pat)
        if __ml_glob_match(__ml_os_glob.path.normpath(pat) if resource.startswith("/") else pat, resource) and __ml_used(capability):
            return
    raise __MLError("CapabilityError", "Missing required capabilities: ['" + capability + "'] (requires capability '" + capability + "' for '" + resource + "')")


# ---- builtins (stdlib.md §2) ----------------------------------------------------------------

__ml_builtin_docs = {}


def __ml_builtin(name, doc):
    def register(f):
        f.__name__ = name
        f.__qualname__ = name
        __ml_builtin_docs[f] = doc
        return f
    return register


@__ml_builtin("int", "Convert value to integer")
def __ml_b_int(*args):
    __ml_arity("int", args, 0, 1)
    if not args:
        return 0
    v = args[0]
    t = __ml_type(v)
    if t is bool:
        return __ml_pyint(v)
    if t is __ml_pyint:
        return v
    if t is __ml_pyfloat:
        return __ml_pyint(v)
    if t is __ml_pystr:
        text = v.strip()
        try:
            return __ml_pyint(text, 10)
        except ValueError as e:
            # Over 4300 digits: CPython's limit message, as on the VM (values.md §4.5).
            if str(e).startswith("Exceeds the limit"):
                raise __MLError("ValueError", str(e))
        try:
            f = __ml_pyfloat(text)
        except ValueError:
            f = None
        if f is not None and f == f and f not in (__ml_pyfloat("inf"), __ml_pyfloat("-inf")):
            return __ml_pyint(f)
        raise __MLError("ValueError", "invalid literal for int() with base 10: " + __ml_pyrepr(v))
    raise __MLError("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '" + __ml_tname(v) + "'")


@__ml_builtin("float", "Convert value to float")
def __ml_b_float(*args):
    __ml_arity("float", args, 0, 1)
    if not args:
        return 0.0
    v = args[0]
    t = __ml_type(v)
    if t is bool or t is __ml_pyint or t is __ml_pyfloat:
        return __ml_pyfloat(v)
    if t is __ml_pystr:
        try:
            return __ml_pyfloat(v)
        except ValueError:
            raise __MLError("ValueError", "could not convert string to float: " + __ml_pyrepr(v)) from None
    raise __MLError("TypeError", "float() argument must be a string or a real number, not '" + __ml_tname(v) + "'")


@__ml_builtin("str", "Convert value to string")
def __ml_b_str(*args):
    __ml_arity("str", args, 0, 1)
    if not args:
        return ""
    return __ml_str(args[0])


@__ml_builtin("bool", "Convert value to boolean")
def __ml_b_bool(*args):
    __ml_arity("bool", args, 0, 1)
    return __ml_pybool(args[0]) if args else False


@__ml_builtin("typeof", "Get type of value")
def __ml_b_typeof(*args):
    __ml_arity("typeof", args, 1, 1)
    return __ml_typeof(args[0])


@__ml_builtin("isinstance", "Check if value is of given type")
def __ml_b_isinstance(*args):
    __ml_arity("isinstance", args, 2, 2)
    return __ml_type(args[1]) is __ml_pystr and __ml_typeof(args[0]) == args[1]


def __ml_length(v):
    t = __ml_type(v)
    if t is __ml_pystr or t is __ml_list or t is __ml_dict or t is __ml_tuple or t is __ml_bytes:
        return __ml_len(v)
    return None


@__ml_builtin("len", "Get length of collection")
def __ml_b_len(*args):
    __ml_arity("len", args, 1, 1)
    n = __ml_length(args[0])
    return 0 if n is None else n


@__ml_builtin("range", "Create array of integers from start to stop by step")
def __ml_b_range(*args):
    n = __ml_len(args)
    if n == 0:
        raise __MLError("TypeError", "range expected at least 1 argument, got 0")
    if n > 3:
        raise __MLError("TypeError", "range expected at most 3 arguments, got " + __ml_pystr(n))
    ints = [__ml_index_arg(a) for a in args]
    if n == 3 and ints[2] == 0:
        raise __MLError("ValueError", "range() arg 3 must not be zero")
    return __ml_list(__ml_pyrange(*ints))


@__ml_builtin("enumerate", "Pair each element with its index")
def __ml_b_enumerate(*args):
    __ml_arity("enumerate", args, 1, 2)
    start = __ml_index_arg(args[1]) if __ml_len(args) > 1 else 0
    return [(i + start, x) for i, x in enumerate(__ml_elements(args[0]))]


@__ml_builtin("zip", "Combine iterables element-wise into tuples")
def __ml_b_zip(*args):
    return __ml_list(__ml_pyzip(*[__ml_elements(a) for a in args]))


@__ml_builtin("print", "Print values to standard output")
def __ml_b_print(*args):
    parts = []
    for v in args:
        if __ml_type(v) is __ml_pystr:
            parts.append(v)
        else:
            parts.append(__ml_str(v))
    __ml_write_out(" ".join(parts) + "\n")
    return None


@__ml_builtin("input", "Read a line from standard input")
def __ml_b_input(*args):
    __ml_arity("input", args, 0, 1)
    if args:
        __ml_write_out(__ml_display(args[0]))
    line = __ml_sys.stdin.readline() if __ml_sys.stdin is not None else ""
    if not line:
        raise __MLError("EOFError", "EOF when reading a line")
    return line[:-1] if line.endswith("\n") else line


@__ml_builtin("abs", "Get absolute value")
def __ml_b_abs(*args):
    __ml_arity("abs", args, 1, 1)
    v = args[0]
    if __ml_type(v) not in __ml_NUM:
        raise __MLError("TypeError", "bad operand type for abs(): '" + __ml_tname(v) + "'")
    return __ml_pyabs(v)


def __ml_extreme(args, want_max):
    if not args:
        return None
    if __ml_len(args) == 1:
        if __ml_type(args[0]) is not __ml_list:
            return args[0]
        items = args[0]
    else:
        items = args
    if not items:
        return None
    best = items[0]
    for x in items[1:]:
        if (__ml_gt(x, best) if want_max else __ml_lt(x, best)):
            best = x
    return best


@__ml_builtin("min", "Get minimum value")
def __ml_b_min(*args):
    return __ml_extreme(args, False)


@__ml_builtin("max", "Get maximum value")
def __ml_b_max(*args):
    return __ml_extreme(args, True)


@__ml_builtin("round", "Round number to given precision")
def __ml_b_round(*args):
    __ml_arity("round", args, 1, 2)
    nd = args[1] if __ml_len(args) > 1 else None
    if nd is not None:
        nd = __ml_index_arg(nd)
    v = args[0]
    t = __ml_type(v)
    if t is __ml_pyfloat:
        try:
            return __ml_pyfloat(round(v, nd if nd is not None else 0))
        except OverflowError:
            raise __MLError("OverflowError", "rounded value too large to represent") from None
    if t is __ml_pyint or t is bool:
        return round(__ml_pyint(v), nd if nd is not None else 0)
    raise __MLError("TypeError", "type " + __ml_tname(v) + " doesn't define __round__ method")


@__ml_builtin("sum", "Sum of numeric values")
def __ml_b_sum(*args):
    __ml_arity("sum", args, 1, 2)
    acc = args[1] if __ml_len(args) > 1 else 0
    if __ml_type(acc) is __ml_pystr:
        raise __MLError("TypeError", "sum() can't sum strings [use ''.join(seq) instead]")
    items = __ml_elements(args[0])
    ta = __ml_type(acc)
    if ta is __ml_list or ta is __ml_tuple:
        kind = "list" if ta is __ml_list else "tuple"
        out = __ml_list(acc)
        for x in items:
            if __ml_type(x) is not ta:
                raise __MLError("TypeError", "can only concatenate " + kind + " (not \"" + __ml_tname(x) + "\") to " + kind)
            out.extend(x)
        return out if ta is __ml_list else __ml_tuple(out)
    for x in items:
        if __ml_type(acc) not in __ml_NUM or __ml_type(x) not in __ml_NUM:
            raise __MLError("TypeError", "unsupported operand type(s) for +: '" + __ml_tname(acc) + "' and '" + __ml_tname(x) + "'")
        acc = acc + x
    return acc


@__ml_builtin("sorted", "Return sorted array")
def __ml_b_sorted(*args):
    __ml_arity("sorted", args, 1, 2)
    items = __ml_elements(args[0])
    __ml_sort_list(items, __ml_len(args) > 1 and __ml_pybool(args[1]))
    return items


@__ml_builtin("reversed", "Return reversed array")
def __ml_b_reversed(*args):
    __ml_arity("reversed", args, 1, 1)
    if __ml_length(args[0]) is None:
        raise __MLError("TypeError", "'" + __ml_tname(args[0]) + "' object is not reversible")
    items = __ml_elements(args[0])
    items.reverse()
    return items


@__ml_builtin("keys", "Get object keys")
def __ml_b_keys(*args):
    __ml_arity("keys", args, 1, 1)
    if __ml_type(args[0]) is not __ml_dict:
        raise __MLError("AttributeError", "'" + __ml_tname(args[0]) + "' object has no attribute 'keys'")
    return __ml_list(args[0].keys())


@__ml_builtin("values", "Get object values")
def __ml_b_values(*args):
    __ml_arity("values", args, 1, 1)
    if __ml_type(args[0]) is not __ml_dict:
        raise __MLError("AttributeError", "'" + __ml_tname(args[0]) + "' object has no attribute 'values'")
    return __ml_list(args[0].values())


@__ml_builtin("all", "Check if all elements are truthy")
def __ml_b_all(*args):
    __ml_arity("all", args, 1, 1)
    for x in __ml_iterable(args[0]):
        if not x:
            return False
    return True


@__ml_builtin("any", "Check if any element is truthy")
def __ml_b_any(*args):
    __ml_arity("any", args, 1, 1)
    for x in __ml_iterable(args[0]):
        if x:
            return True
    return False


@__ml_builtin("callable", "Check if value is callable")
def __ml_b_callable(*args):
    __ml_arity("callable", args, 1, 1)
    return __ml_is_callable(args[0])


@__ml_builtin("call", "Call function with arguments")
def __ml_b_call(*args):
    if not args:
        raise __MLError("TypeError", "call() missing 1 required positional argument: 'func'")
    return __ml_call(*args)


@__ml_builtin("chr", "Get character from code point")
def __ml_b_chr(*args):
    __ml_arity("chr", args, 1, 1)
    c = __ml_index_arg(args[0])
    if not (0 <= c < 0x110000):
        raise __MLError("ValueError", "chr() arg not in range(0x110000)")
    if 0xD800 <= c < 0xE000:
        raise __MLError("ValueError", "chr() arg is a surrogate code point, which strings cannot hold")
    return __ml_pychr(c)


@__ml_builtin("ord", "Get code point of character")
def __ml_b_ord(*args):
    __ml_arity("ord", args, 1, 1)
    v = args[0]
    if __ml_type(v) is not __ml_pystr:
        raise __MLError("TypeError", "ord() expected string of length 1, but " + __ml_tname(v) + " found")
    if __ml_len(v) != 1:
        raise __MLError("TypeError", "ord() expected a character, but string of length " + __ml_pystr(__ml_len(v)) + " found")
    return __ml_pyord(v)


def __ml_radix(args, name, spec):
    __ml_arity(name, args, 1, 1)
    return __ml_pyformat(__ml_index_arg(args[0]), spec)


@__ml_builtin("hex", "Convert integer to hexadecimal string")
def __ml_b_hex(*args):
    return __ml_radix(args, "hex", "#x")


@__ml_builtin("bin", "Convert integer to binary string")
def __ml_b_bin(*args):
    return __ml_radix(args, "bin", "#b")


@__ml_builtin("oct", "Convert integer to octal string")
def __ml_b_oct(*args):
    return __ml_radix(args, "oct", "#o")


@__ml_builtin("repr", "Get string representation of value")
def __ml_b_repr(*args):
    __ml_arity("repr", args, 1, 1)
    v = args[0]
    if v is True:
        return "true"
    if v is False:
        return "false"
    return __ml_repr(v)


@__ml_builtin("format", "Format value with format specification")
def __ml_b_format(*args):
    __ml_arity("format", args, 1, 2)
    spec = args[1] if __ml_len(args) > 1 else ""
    if __ml_type(spec) is not __ml_pystr:
        raise __MLError("TypeError", "format() argument 2 must be str, not " + __ml_tname(spec))
    v = args[0]
    t = __ml_type(v)
    if t in __ml_NUM or t is __ml_pystr:
        try:
            return __ml_pyformat(v, spec)
        except ValueError as e:
            raise __MLError("ValueError", __ml_pystr(e)) from None
    if spec == "":
        return __ml_display(v)
    raise __MLError("TypeError", "unsupported format string passed to " + __ml_tname(v) + ".__format__")


__ml_ITER_NAMES = {__ml_list: "list_iterator", __ml_pystr: "str_iterator", __ml_tuple: "tuple_iterator", __ml_dict: "dict_keyiterator", __ml_bytes: "bytes_iterator"}


@__ml_builtin("iter", "Create iterator over collection")
def __ml_b_iter(*args):
    __ml_arity("iter", args, 1, 1)
    v = args[0]
    if __ml_type(v) is __MLIter:
        return v
    items = __ml_elements(v)
    return __MLIter(__ml_pyiter(items), __ml_ITER_NAMES.get(__ml_type(v), "iterator"))


@__ml_builtin("next", "Get next item from iterator")
def __ml_b_next(*args):
    __ml_arity("next", args, 1, 2)
    it = args[0]
    if __ml_type(it) is not __MLIter:
        raise __MLError("TypeError", "'" + __ml_tname(it) + "' object is not an iterator")
    try:
        return __ml_pynext(it.it)
    except __ml_StopIteration:
        if __ml_len(args) > 1:
            return args[1]
        raise __MLError("RuntimeError", "Iterator exhausted - use default parameter to avoid error") from None


def __ml_find_attr(v, name):
    """A whitelisted attribute: ("method", name) / ("prop", getter) / ("member", value) / None."""
    if __ml_type(name) is not __ml_pystr or name[:1] == "_":
        return None
    table = __ml_method_table(v)
    if table is not None:
        return ("method", name) if name in table else None
    if __ml_isinstance(v, __MLNative):
        if name in v._ml_methods:
            return ("method", name)
        p = v._ml_props.get(name)
        return ("prop", p) if p is not None else None
    if __ml_type(v) is __MLModule and name in v._ml_members:
        return ("member", v._ml_members[name])
    return None


def __ml_name_arg(v, func):
    if __ml_type(v) is not __ml_pystr:
        raise __MLError("TypeError", func + "(): attribute name must be string")


@__ml_builtin("hasattr", "Check if value has safe attribute")
def __ml_b_hasattr(*args):
    __ml_arity("hasattr", args, 2, 2)
    __ml_name_arg(args[1], "hasattr")
    return __ml_find_attr(args[0], args[1]) is not None


@__ml_builtin("getattr", "Get safe attribute of value")
def __ml_b_getattr(*args):
    __ml_arity("getattr", args, 2, 3)
    __ml_name_arg(args[1], "getattr")
    a = __ml_find_attr(args[0], args[1])
    if a is None:
        return args[2] if __ml_len(args) > 2 else None
    if a[0] == "method":
        return __ml_bind(args[0], args[1])
    if a[0] == "prop":
        return a[1](args[0])
    return a[1]


# Required capabilities of module functions: module files register them here (function -> list).
__ml_fn_caps = {}


def __ml_caps_suffix(caps):
    if caps:
        return "\nRequires: " + ", ".join(caps)
    return "\nCapabilities: None required"


@__ml_builtin("help", "Get help text for function or module")
def __ml_b_help(*args):
    __ml_arity("help", args, 1, 1)
    v = args[0]
    if __ml_type(v) is __ml_FunctionType:
        doc = __ml_builtin_docs.get(v)
        if doc is not None:
            return doc + __ml_caps_suffix([])
        caps = __ml_fn_caps.get(v)
        if caps is not None:
            return (v.__doc__ or "") + __ml_caps_suffix(caps)
    if __ml_type(v) is __MLModule:
        caps = []
        for f in v._ml_members.values():
            if __ml_type(f) is __ml_FunctionType:
                for c in __ml_fn_caps.get(f, ()):
                    if c not in caps:
                        caps.append(c)
        doc = v._ml_doc or ("Module " + v._ml_name)
        return doc + __ml_caps_suffix(caps)
    return "No help available for " + __ml_display(v)


@__ml_builtin("methods", "List methods available on value")
def __ml_b_methods(*args):
    __ml_arity("methods", args, 1, 1)
    v = args[0]
    table = __ml_method_table(v)
    if __ml_type(v) is __ml_dict and __ml_all_str_keys(v):
        return __ml_pysorted(set(k for k, x in v.items() if __ml_is_callable(x)))
    if table is not None:
        return __ml_pysorted(table)
    if __ml_isinstance(v, __MLNative):
        return __ml_pysorted([k for k in v._ml_methods if k[:1] != "_"])
    if __ml_type(v) is __MLModule:
        return __ml_pysorted([k for k, x in v._ml_members.items() if __ml_is_callable(x)])
    return []


# Modules loaded in this run (the emitter appends at each import).
__ml_loaded = ["builtin"]
# Importable modules: filled by the emitter with the names of embedded stdlib modules.
__ml_STDLIB = ("args", "collections", "console", "crypto", "csv", "datetime", "env", "file",
               "functional", "http", "json", "log", "math", "path", "random", "regex")


@__ml_builtin("modules", "List loaded modules")
def __ml_b_modules(*args):
    __ml_arity("modules", args, 0, 0)
    return __ml_pysorted(set(__ml_loaded))


@__ml_builtin("available_modules", "List importable modules")
def __ml_b_available_modules(*args):
    __ml_arity("available_modules", args, 0, 1)
    kind = args[0] if args else None
    if kind is not None and __ml_type(kind) is not __ml_pystr:
        raise __MLError("TypeError", "available_modules() argument must be str or None, not '" + __ml_tname(kind) + "'")
    names = set()
    if kind is None or kind == "python_bridge":
        names.update(__ml_STDLIB)
        names.update(__ml_bridge_names())
    if kind is None or kind == "ml_source":
        names.update(__ml_user_loaders)
    return __ml_pysorted(names)


def __ml_bridge_names():
    """Names of the modules registered in the mlpy wheel's StandardLibraryRegistry."""
    registry = __ml_sys.modules.get("mlpy.stdlib.registry")
    return registry.StandardLibraryRegistry().list_modules() if registry is not None else []


@__ml_builtin("has_module", "Check if module can be imported")
def __ml_b_has_module(*args):
    __ml_arity("has_module", args, 1, 1)
    return args[0] in __ml_STDLIB or args[0] == "builtin" or args[0] in __ml_user_loaders or args[0] in __ml_bridge_names()


@__ml_builtin("module_info", "Get information about a module")
def __ml_b_module_info(*args):
    __ml_arity("module_info", args, 1, 1)
    name = args[0]
    if name == "builtin":
        return {"name": "builtin", "type": "builtin", "loaded": True, "file_path": None, "functions": __ml_pysorted(__ml_builtin_module._ml_members)}
    if name in __ml_user_loaders:
        return {"name": name, "type": "ml_source", "loaded": name in __ml_user_cache, "file_path": __ml_user_files.get(name), "functions": []}
    if name in __ml_bridge_names():
        m = __ml_user_cache.get(name)
        fns = __ml_pysorted(m._ml_members if m is not None else __ml_bridge_members(name)[1])
        return {"name": name, "type": "python_bridge", "loaded": m is not None, "file_path": None, "functions": fns}
    if name not in __ml_STDLIB:
        return None
    m = __ml_modules.get(name)
    fns = __ml_pysorted([k for k, f in m._ml_members.items() if __ml_is_callable(f)]) if m is not None else []
    return {"name": name, "type": "python_bridge", "loaded": name in __ml_loaded, "file_path": None, "functions": fns}


@__ml_builtin("hasCapability", "Check if capability is granted")
def __ml_b_hasCapability(*args):
    __ml_arity("hasCapability", args, 1, 1)
    return __ml_type(args[0]) is __ml_pystr and __ml_granted(args[0])


@__ml_builtin("getCapabilities", "List granted capabilities")
def __ml_b_getCapabilities(*args):
    __ml_arity("getCapabilities", args, 0, 0)
    return __ml_pysorted(set(__ml_DEFAULT_GRANTS) | set(__ml_grants))


@__ml_builtin("getCapabilityInfo", "Get details of a granted capability")
def __ml_b_getCapabilityInfo(*args):
    __ml_arity("getCapabilityInfo", args, 1, 1)
    name = args[0]
    if not (__ml_type(name) is __ml_pystr and __ml_granted(name)):
        return None
    pats = __ml_grants.get(name) or ()
    return {"type": name, "available": True, "usage_count": 0, "patterns": __ml_list(pats) if pats else None, "operations": None, "max_usage": None, "expires_at": None}


@__ml_builtin("requiredCapabilities", "List capabilities a function requires")
def __ml_b_requiredCapabilities(*args):
    __ml_arity("requiredCapabilities", args, 1, 1)
    return __ml_list(__ml_fn_caps.get(args[0], ())) if __ml_type(args[0]) is __ml_FunctionType else []


__ml_builtin_module = __MLModule("builtin", {f.__name__: f for f in __ml_builtin_docs}, "Built-in functions")

# Stdlib modules embedded in this program, by name (module files add themselves).
__ml_modules = {}


def __ml_import(name, module):
    __ml_loaded.append(name)
    return module
