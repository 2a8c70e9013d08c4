# requires: random
# math (stdlib.md section 4): mlpy's sentinel results, exact int pow, factorial, gcd, lcm.
import math as __ml_pymath


def __ml_math_num(v):
    t = __ml_type(v)
    if t is __ml_pyint or t is bool:
        return v
    if t is __ml_pyfloat:
        return v
    raise __MLError("TypeError", "must be real number, not " + __ml_tname(v))


def __ml_math_float(v):
    x = __ml_math_num(v)
    try:
        return __ml_pyfloat(x)
    except OverflowError:
        raise __MLError("OverflowError", "int too large to convert to float")


def __ml_math_int(v):
    t = __ml_type(v)
    if t is __ml_pyint or t is bool:
        return __ml_pyint(v)
    raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")


def __ml_math_def(name, lo, hi, doc, caps=("math.compute",)):
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


def __ml_math_unary(name, fn, doc):
    def impl(x):
        v = __ml_math_float(x)
        try:
            return fn(v)
        except ValueError:
            raise __MLError("ValueError", "math domain error")
    return __ml_math_def(name, 1, 1, doc)(impl)


def __ml_math_ln_of(v):
    x = __ml_math_num(v)
    if x <= 0:
        return None
    return __ml_pymath.log(x)


def __ml_math_sqrt(x):
    v = __ml_math_float(x)
    return 0 if v < 0 else __ml_pymath.sqrt(v)


def __ml_math_abs(x):
    if __ml_type(x) not in (__ml_pyint, __ml_pyfloat, bool):
        raise __MLError("TypeError", "bad operand type for abs(): '" + __ml_tname(x) + "'")
    return __ml_pyabs(x) if __ml_type(x) is not bool else __ml_pyint(x)


def __ml_math_atan2(y, x):
    return __ml_pymath.atan2(__ml_math_float(y), __ml_math_float(x))


def __ml_math_ln(x):
    r = __ml_math_ln_of(x)
    return -999 if r is None else r


def __ml_math_log(x, base=10):
    a = __ml_math_ln_of(x)
    b = __ml_math_ln_of(base)
    if a is None or b is None or b == 0.0:
        return -999
    return a / b


def __ml_math_exp(x):
    try:
        return __ml_pymath.exp(__ml_math_float(x))
    except OverflowError:
        return __ml_pyfloat("inf")


def __ml_math_pow(x, y):
    tx, ty = __ml_type(x), __ml_type(y)
    nums = (__ml_pyint, __ml_pyfloat, bool)
    if tx not in nums or ty not in nums:
        raise __MLError("TypeError", "unsupported operand type(s) for ** or pow(): '" + __ml_tname(x) + "' and '" + __ml_tname(y) + "'")
    if tx is not __ml_pyfloat and ty is not __ml_pyfloat and y >= 0:
        bits = __ml_pyabs(__ml_pyint(x)).bit_length() * __ml_pyint(y)
        if bits > 8 * 1024 * 1024 * 1024:
            raise __ml_limit("MemoryLimit", "memory limit exceeded")
        return __ml_pyint(x) ** __ml_pyint(y)
    try:
        fx, fy = __ml_pyfloat(x), __ml_pyfloat(y)
    except OverflowError:
        return __ml_pyfloat("inf") if x > 0 else 0
    if fx == 0.0 and fy < 0:
        return __ml_pyfloat("inf") if x > 0 else 0
    if fx < 0 and fy == fy and fy not in (__ml_pyfloat("inf"), -__ml_pyfloat("inf")) and fy != __ml_pyint(fy):
        raise __MLError("ValueError", "math domain error")
    try:
        return fx ** fy
    except OverflowError:
        return __ml_pyfloat("inf") if x > 0 else 0


def __ml_math_rounding(name, fn, doc):
    def impl(x):
        t = __ml_type(x)
        if t is __ml_pyint or t is bool:
            return __ml_pyint(x)
        return fn(__ml_math_float(x))
    return __ml_math_def(name, 1, 1, doc)(impl)


def __ml_math_min(a, b):
    return b if __ml_lt(b, a) else a


def __ml_math_max(a, b):
    return b if __ml_gt(b, a) else a


def __ml_math_random():
    return __ml_random_state[0].random()


def __ml_math_radians(x):
    return __ml_math_float(x) * (__ml_pymath.pi / 180.0)


def __ml_math_degrees(x):
    return __ml_math_float(x) * (180.0 / __ml_pymath.pi)


def __ml_math_sign(x):
    __ml_math_num(x)
    return 1 if x > 0 else (-1 if x < 0 else 0)


def __ml_math_factorial(n):
    k = __ml_math_int(n)
    if k < 0:
        return 0
    return __ml_pymath.factorial(k)


def __ml_math_gcd(a, b):
    return __ml_pymath.gcd(__ml_math_int(a), __ml_math_int(b))


def __ml_math_lcm(a, b):
    return __ml_pymath.lcm(__ml_math_int(a), __ml_math_int(b))


def __ml_math_round_half_even(v):
    return __ml_pyint(__ml_pyround(v))


__ml_pyround = round


__ml_module_math = __MLModule("math", {
    "sqrt": __ml_math_def("sqrt", 1, 1, "Square root")(__ml_math_sqrt),
    "abs": __ml_math_def("abs", 1, 1, "Absolute value")(__ml_math_abs),
    "sin": __ml_math_unary("sin", __ml_pymath.sin, "Sine function"),
    "cos": __ml_math_unary("cos", __ml_pymath.cos, "Cosine function"),
    "tan": __ml_math_unary("tan", __ml_pymath.tan, "Tangent function"),
    "asin": __ml_math_unary("asin", __ml_pymath.asin, "Arc sine"),
    "acos": __ml_math_unary("acos", __ml_pymath.acos, "Arc cosine"),
    "atan": __ml_math_unary("atan", __ml_pymath.atan, "Arc tangent"),
    "atan2": __ml_math_def("atan2", 2, 2, "Arc tangent of y/x")(__ml_math_atan2),
    "ln": __ml_math_def("ln", 1, 1, "Natural logarithm")(__ml_math_ln),
    "log": __ml_math_def("log", 1, 2, "Logarithm with base")(__ml_math_log),
    "exp": __ml_math_def("exp", 1, 1, "Exponential (e^x)")(__ml_math_exp),
    "pow": __ml_math_def("pow", 2, 2, "Power (x^y)")(__ml_math_pow),
    "floor": __ml_math_rounding("floor", __ml_pymath.floor, "Floor function"),
    "ceil": __ml_math_rounding("ceil", __ml_pymath.ceil, "Ceiling function"),
    "round": __ml_math_rounding("round", __ml_math_round_half_even, "Round to nearest integer"),
    "min": __ml_math_def("min", 2, 2, "Minimum of two values")(__ml_math_min),
    "max": __ml_math_def("max", 2, 2, "Maximum of two values")(__ml_math_max),
    "random": __ml_math_def("random", 0, 0, "Random number [0,1)")(__ml_math_random),
    "degToRad": __ml_math_def("degToRad", 1, 1, "Convert degrees to radians")(__ml_math_radians),
    "radians": __ml_math_def("radians", 1, 1, "Convert degrees to radians")(__ml_math_radians),
    "radToDeg": __ml_math_def("radToDeg", 1, 1, "Convert radians to degrees")(__ml_math_degrees),
    "degrees": __ml_math_def("degrees", 1, 1, "Convert radians to degrees")(__ml_math_degrees),
    "sign": __ml_math_def("sign", 1, 1, "Sign of a number (1, -1 or 0)")(__ml_math_sign),
    "factorial": __ml_math_def("factorial", 1, 1, "Factorial")(__ml_math_factorial),
    "gcd": __ml_math_def("gcd", 2, 2, "Greatest common divisor")(__ml_math_gcd),
    "lcm": __ml_math_def("lcm", 2, 2, "Least common multiple")(__ml_math_lcm),
    "pi": __ml_pymath.pi,
    "e": __ml_pymath.e,
}, "Mathematical operations and constants")
__ml_modules["math"] = __ml_module_math
