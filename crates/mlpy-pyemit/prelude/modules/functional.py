# requires: collections
# functional (stdlib.md section 8): builders return plain functions (named composed, piped,
# curried, partial, constant, memoized, conditional, juxt, as on the VM); data last.


def __ml_fun_def(name, lo, hi, cap, doc):
    def wrap(impl):
        def f(*args):
            if cap is not None:
                __ml_require(cap)
            __ml_arity(name, args, lo, hi)
            return impl(*args)
        f.__doc__ = doc
        __ml_fn_caps[f] = [cap] if cap is not None else []
        return __ml_fn(f, name)
    return wrap


def __ml_fun_func(name, v):
    if not __ml_is_callable(v):
        raise __MLError("TypeError", name + "() expects a function, got '" + __ml_tname(v) + "'")
    return v


def __ml_fun_made(f, name):
    """Names a built function; marks it so `curry` asks for an explicit arity (as on the VM)."""
    f._ml_built = True
    return __ml_fn(f, name)


def __ml_fun_one(name, args):
    if __ml_len(args) != 1:
        raise __MLError("TypeError", name + "() takes 1 positional argument but " + __ml_pystr(__ml_len(args)) + " were given")
    return args[0]


def __ml_fun_chain(name, fns, right_to_left):
    for f in fns:
        __ml_fun_func(name, f)
    order = __ml_list(fns)[::-1] if right_to_left else __ml_list(fns)
    label = "composed" if right_to_left else "piped"

    def chained(*args):
        x = __ml_fun_one(label, args)
        for f in order:
            x = __ml_call(f, x)
        return x
    return __ml_fun_made(chained, label)


def __ml_fun_compose(*fns):
    return __ml_fun_chain("compose", fns, True)


def __ml_fun_pipe(*fns):
    return __ml_fun_chain("pipe", fns, False)


def __ml_fun_curried(f, arity, got):
    def curried(*args):
        have = got + args
        if __ml_len(have) >= arity:
            return __ml_call(f, *have[:arity])
        return __ml_fun_curried(f, arity, have)
    return __ml_fun_made(curried, "curried")


def __ml_fun_curry(f, arity=None):
    __ml_fun_func("curry", f)
    if arity is None:
        if __ml_type(f) is not __ml_FunctionType or f in __ml_builtin_docs or f in __ml_fn_caps or getattr(f, "_ml_built", False):
            raise __MLError("TypeError", "curry() needs an explicit arity for this function")
        n = f.__code__.co_argcount
    else:
        if __ml_type(arity) is not __ml_pyint and __ml_type(arity) is not bool:
            raise __MLError("TypeError", "'" + __ml_tname(arity) + "' object cannot be interpreted as an integer")
        n = __ml_pymax(__ml_pyint(arity), 0)
    return __ml_fun_curried(f, n, ())


__ml_pymax = max


def __ml_fun_curry2(f):
    __ml_fun_func("curry2", f)

    def curried(*args):
        a = __ml_fun_one("curried", args)

        def inner(*more):
            return __ml_call(f, a, __ml_fun_one("inner", more))
        return __ml_fun_made(inner, "curried")
    return __ml_fun_made(curried, "curried")


def __ml_fun_partial(*args):
    if not args:
        raise __MLError("TypeError", "partial() takes at least 1 argument (0 given)")
    f = __ml_fun_func("partial", args[0])
    bound = args[1:]

    def partial(*more):
        return __ml_call(f, *(bound + more))
    return __ml_fun_made(partial, "partial")


def __ml_fun_constant(v):
    def constant(*args):
        if args:
            raise __MLError("TypeError", "constant() takes 0 positional arguments but " + __ml_pystr(__ml_len(args)) + " were given")
        return v
    return __ml_fun_made(constant, "constant")


def __ml_fun_memoize(f):
    __ml_fun_func("memoize", f)
    cache = {}

    def memoized(*args):
        for a in args:
            __ml_hash_check(a)
        try:
            if args in cache:
                return cache[args]
        except TypeError as e:
            raise __MLError("TypeError", __ml_pystr(e))
        r = __ml_call(f, *args)
        cache[args] = r
        return r
    return __ml_fun_made(memoized, "memoized")


def __ml_fun_reduce(f, it, initial=None):
    xs = __ml_elements(it)
    if initial is None:
        if not xs:
            raise __MLError("TypeError", "reduce() of empty iterable with no initial value")
        acc, rest = xs[0], xs[1:]
    else:
        acc, rest = initial, xs
    for x in rest:
        acc = __ml_call(f, acc, x)
    return acc


def __ml_fun_for_each(f, it):
    for x in __ml_elements(it):
        __ml_call(f, x)
    return None


def __ml_fun_find(pred, it):
    for x in __ml_elements(it):
        if __ml_call(pred, x):
            return x
    return None


def __ml_fun_some(pred, it):
    for x in __ml_elements(it):
        if __ml_call(pred, x):
            return True
    return False


def __ml_fun_every(pred, it):
    for x in __ml_elements(it):
        if not __ml_call(pred, x):
            return False
    return True


def __ml_fun_zip(*its):
    return __ml_list(__ml_pyzip(*[__ml_elements(i) for i in its]))


def __ml_fun_range(start, end=None, step=1):
    if end is None:
        return __ml_b_range(start)
    return __ml_b_range(start, end, step)


def __ml_fun_repeat(v, times):
    if __ml_type(times) is not __ml_pyint and __ml_type(times) is not bool:
        raise __MLError("TypeError", "can't multiply sequence by non-int of type '" + __ml_tname(times) + "'")
    return [v] * __ml_pyint(times)


def __ml_fun_take_while(pred, it):
    out = []
    for x in __ml_elements(it):
        if not __ml_call(pred, x):
            break
        out.append(x)
    return out


def __ml_fun_chunk(size, it):
    n = __ml_coll_int(size)
    xs = __ml_elements(it)
    if n == 0:
        raise __MLError("ValueError", "range() arg 3 must not be zero")
    if n < 0:
        return []
    return __ml_coll_chunk(xs, n)


def __ml_fun_group_by(key_fn, it):
    groups = {}
    for x in __ml_elements(it):
        k = __ml_call(key_fn, x)
        __ml_hash_check(k)
        if k in groups:
            groups[k].append(x)
        else:
            groups[k] = [x]
    return groups


def __ml_fun_unique(it):
    xs = __ml_elements(it)
    for x in xs:
        __ml_hash_check(x)
        try:
            hash(x)
        except TypeError as e:
            raise __MLError("TypeError", __ml_pystr(e))
    return __ml_coll_unique(xs)


def __ml_fun_partition(pred, it):
    yes, no = [], []
    for x in __ml_elements(it):
        (yes if __ml_call(pred, x) else no).append(x)
    return [yes, no]


def __ml_fun_if_else(pred, then, otherwise):
    for f in (pred, then, otherwise):
        __ml_fun_func("ifElse", f)

    def conditional(*args):
        x = __ml_fun_one("conditional", args)
        return __ml_call(then, x) if __ml_call(pred, x) else __ml_call(otherwise, x)
    return __ml_fun_made(conditional, "conditional")


def __ml_fun_cond(pairs):
    checked = []
    for pair in __ml_elements(pairs):
        two = __ml_elements(pair)
        if __ml_len(two) < 2:
            raise __MLError("TypeError", "cond() expects [predicate, action] pairs")
        checked.append((__ml_fun_func("cond", two[0]), __ml_fun_func("cond", two[1])))

    def conditional(*args):
        x = __ml_fun_one("conditional", args)
        for p, a in checked:
            if __ml_call(p, x):
                return __ml_call(a, x)
        return None
    return __ml_fun_made(conditional, "conditional")


def __ml_fun_times(n, f):
    k = __ml_coll_int(n)
    return [__ml_call(f, i) for i in __ml_pyrange(k)]


def __ml_fun_zip_with(f, a, b):
    return [__ml_call(f, x, y) for x, y in __ml_pyzip(__ml_elements(a), __ml_elements(b))]


def __ml_fun_juxt(fns):
    fs = __ml_elements(fns)
    for f in fs:
        __ml_fun_func("juxt", f)

    def juxt(*args):
        x = __ml_fun_one("juxt", args)
        return [__ml_call(f, x) for f in fs]
    return __ml_fun_made(juxt, "juxt")


__ml_fun_C = "functional.compose"
__ml_fun_T = "functional.transform"
__ml_fun_members = {}
for __ml_fun_spec in (
    ("compose", 0, 1 << 30, __ml_fun_C, "Compose functions right to left", __ml_fun_compose),
    ("composeAll", 1, 1, __ml_fun_C, "Compose an array of functions right to left", lambda fs: __ml_fun_chain("composeAll", __ml_elements(fs), True)),
    ("pipe", 0, 1 << 30, __ml_fun_C, "Pipe functions left to right", __ml_fun_pipe),
    ("pipeAll", 1, 1, __ml_fun_C, "Pipe an array of functions left to right", lambda fs: __ml_fun_chain("pipeAll", __ml_elements(fs), False)),
    ("curry", 1, 2, __ml_fun_C, "Curry a function", __ml_fun_curry),
    ("curry2", 1, 1, __ml_fun_C, "Curry a function of two arguments", __ml_fun_curry2),
    ("partial", 0, 1 << 30, __ml_fun_C, "Partially apply arguments to function", __ml_fun_partial),
    ("partial_apply", 0, 1 << 30, __ml_fun_C, "Partially apply arguments to function", __ml_fun_partial),
    ("identity", 1, 1, None, "Identity function", lambda x: x),
    ("constant", 1, 1, __ml_fun_C, "Create constant function", __ml_fun_constant),
    ("memoize", 1, 1, __ml_fun_C, "Memoize function results", __ml_fun_memoize),
    ("map", 2, 2, __ml_fun_T, "Map function over iterable", lambda f, it: [__ml_call(f, x) for x in __ml_elements(it)]),
    ("filter", 2, 2, __ml_fun_T, "Filter iterable with predicate", lambda p, it: [x for x in __ml_elements(it) if __ml_call(p, x)]),
    ("reduce", 2, 3, __ml_fun_T, "Reduce iterable with function", __ml_fun_reduce),
    ("forEach", 2, 2, __ml_fun_T, "Execute function for each element", __ml_fun_for_each),
    ("for_each", 2, 2, __ml_fun_T, "Execute function for each element", __ml_fun_for_each),
    ("find", 2, 2, __ml_fun_T, "Find first element matching predicate", __ml_fun_find),
    ("some", 2, 2, __ml_fun_T, "Check if some elements match predicate", __ml_fun_some),
    ("every", 2, 2, __ml_fun_T, "Check if all elements match predicate", __ml_fun_every),
    ("zip", 0, 1 << 30, __ml_fun_T, "Zip iterables together", __ml_fun_zip),
    ("range", 1, 3, None, "Create range of numbers", __ml_fun_range),
    ("repeat", 2, 2, None, "Repeat value times", __ml_fun_repeat),
    ("take", 2, 2, __ml_fun_T, "Take first n elements", lambda n, it: __ml_slice(__ml_elements(it), None, n, None)),
    ("drop", 2, 2, __ml_fun_T, "Drop first n elements", lambda n, it: __ml_slice(__ml_elements(it), n, None, None)),
    ("takeWhile", 2, 2, __ml_fun_T, "Take elements while predicate holds", __ml_fun_take_while),
    ("flatten", 1, 1, __ml_fun_T, "Flatten one level", lambda it: __ml_coll_flatten(__ml_elements(it))),
    ("chunk", 2, 2, __ml_fun_T, "Chunk iterable into groups of size", __ml_fun_chunk),
    ("groupBy", 2, 2, __ml_fun_T, "Group elements by key function", __ml_fun_group_by),
    ("group_by", 2, 2, __ml_fun_T, "Group elements by key function", __ml_fun_group_by),
    ("unique", 1, 1, __ml_fun_T, "Unique elements preserving order", __ml_fun_unique),
    ("reverse", 1, 1, __ml_fun_T, "Reverse iterable", lambda it: __ml_elements(it)[::-1]),
    ("partition", 2, 2, __ml_fun_T, "Split by predicate into two lists", __ml_fun_partition),
    ("ifElse", 3, 3, __ml_fun_C, "Conditional function application", __ml_fun_if_else),
    ("cond", 1, 1, __ml_fun_C, "Multi-condition function application", __ml_fun_cond),
    ("times", 2, 2, __ml_fun_T, "Call a function with 0..n-1", __ml_fun_times),
    ("zipWith", 3, 3, __ml_fun_T, "Zip two iterables with a combiner", __ml_fun_zip_with),
    ("juxt", 1, 1, __ml_fun_C, "Apply several functions to one input", __ml_fun_juxt),
):
    __ml_fun_members[__ml_fun_spec[0]] = __ml_fun_def(*__ml_fun_spec[:5])(__ml_fun_spec[5])

__ml_module_functional = __MLModule("functional", __ml_fun_members, "Functional programming utilities")
__ml_modules["functional"] = __ml_module_functional
