# collections (stdlib.md section 7): non-mutating list utilities, collection first.


def __ml_coll_def(name, lo, hi, cap, doc):
    def wrap(impl):
        def f(*args):
            __ml_require(cap)
            __ml_arity(name, args, lo, hi)
            return impl(*args)
        f.__doc__ = doc
        __ml_fn_caps[f] = [cap]
        return __ml_fn(f, name)
    return wrap


def __ml_coll_int(v):
    t = __ml_type(v)
    if t is __ml_pyint or t is bool:
        return __ml_pyint(v)
    raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")


def __ml_coll_length(lst):
    if __ml_type(lst) in (__ml_list, __ml_pystr, __ml_tuple, __ml_dict, __ml_bytes):
        return __ml_len(lst)
    raise __MLError("TypeError", "object of type '" + __ml_tname(lst) + "' has no len()")


def __ml_coll_get(lst, i):
    j = __ml_coll_int(i)
    xs = __ml_elements(lst)
    if j < 0:
        j += __ml_len(xs)
    return xs[j] if 0 <= j < __ml_len(xs) else None


def __ml_coll_slice(lst, start, end=None):
    return __ml_slice(__ml_elements(lst), start, end, None)


def __ml_coll_index(xs, x):
    for i, y in enumerate(xs):
        if __ml_eq(y, x):
            return i
    return -1


def __ml_coll_find(lst, pred):
    for x in __ml_elements(lst):
        if __ml_call(pred, x):
            return x
    return None


def __ml_coll_reduce(lst, f, initial):
    acc = initial
    for x in __ml_elements(lst):
        acc = __ml_call(f, acc, x)
    return acc


def __ml_coll_remove_at(lst, i):
    xs = __ml_elements(lst)
    j = __ml_coll_int(i)
    if j < 0 or j >= __ml_len(xs):
        return lst
    del xs[j]
    return xs


def __ml_coll_unique(xs):
    out = []
    seen = {}
    unhashable = []
    for x in xs:
        t = __ml_type(x)
        if t is __ml_list or t is __ml_dict:
            if not any(__ml_eq(x, y) for y in unhashable):
                unhashable.append(x)
                out.append(x)
            continue
        try:
            if x in seen:
                continue
            seen[x] = True
        except TypeError:
            if any(__ml_eq(x, y) for y in unhashable):
                continue
            unhashable.append(x)
        out.append(x)
    return out


def __ml_coll_flatten(xs):
    out = []
    for x in xs:
        if __ml_type(x) is __ml_list:
            out.extend(x)
        else:
            out.append(x)
    return out


def __ml_coll_sort(lst, reverse=False):
    xs = __ml_elements(lst)
    __ml_sort_list(xs, bool(reverse))
    return xs


def __ml_coll_sort_by(lst, key_fn, reverse=False):
    xs = __ml_elements(lst)
    keys = [__ml_call(key_fn, x) for x in xs]
    order = __ml_list(__ml_pyrange(__ml_len(xs)))
    for i in __ml_pyrange(1, __ml_len(keys)):
        __ml_cmp_check(keys[i], keys[i - 1], "<")
    try:
        order.sort(key=keys.__getitem__, reverse=bool(reverse))
    except TypeError as e:
        raise __MLError("TypeError", __ml_pystr(e))
    return [xs[i] for i in order]


def __ml_coll_chunk(xs, size):
    return [xs[i:i + size] for i in __ml_pyrange(0, __ml_len(xs), size)]


def __ml_coll_chunk_pos(lst, size):
    xs = __ml_elements(lst)
    n = __ml_coll_int(size)
    if n <= 0:
        return []
    return __ml_coll_chunk(xs, n)


def __ml_coll_every(lst, pred):
    for x in __ml_elements(lst):
        if not __ml_call(pred, x):
            return False
    return True


def __ml_coll_some(lst, pred):
    for x in __ml_elements(lst):
        if __ml_call(pred, x):
            return True
    return False


__ml_coll_R = "collections.read"
__ml_coll_T = "collections.transform"
__ml_coll_members = {}
for __ml_coll_spec in (
    ("length", 1, 1, __ml_coll_R, "Length of a list", __ml_coll_length),
    ("append", 2, 2, __ml_coll_T, "New list with an element added at the end", lambda l, x: __ml_elements(l) + [x]),
    ("prepend", 2, 2, __ml_coll_T, "New list with an element added at the front", lambda l, x: [x] + __ml_elements(l)),
    ("concat", 2, 2, __ml_coll_T, "Concatenate two lists", lambda a, b: __ml_elements(a) + __ml_elements(b)),
    ("get", 2, 2, __ml_coll_R, "Element at an index (null if out of range)", __ml_coll_get),
    ("first", 1, 1, __ml_coll_R, "First element or null", lambda l: (__ml_elements(l) or [None])[0]),
    ("last", 1, 1, __ml_coll_R, "Last element or null", lambda l: (__ml_elements(l) or [None])[-1]),
    ("slice", 2, 3, __ml_coll_T, "Slice of a list", __ml_coll_slice),
    ("reverse", 1, 1, __ml_coll_T, "New reversed list", lambda l: __ml_elements(l)[::-1]),
    ("contains", 2, 2, __ml_coll_R, "Check if a list contains a value", lambda l, x: __ml_coll_index(__ml_elements(l), x) >= 0),
    ("indexOf", 2, 2, __ml_coll_R, "First index of a value or -1", lambda l, x: __ml_coll_index(__ml_elements(l), x)),
    ("index_of", 2, 2, __ml_coll_R, "First index of a value or -1", lambda l, x: __ml_coll_index(__ml_elements(l), x)),
    ("find", 2, 2, __ml_coll_R, "First element matching a predicate", __ml_coll_find),
    ("filter", 2, 2, __ml_coll_T, "Elements matching a predicate", lambda l, p: [x for x in __ml_elements(l) if __ml_call(p, x)]),
    ("map", 2, 2, __ml_coll_T, "Apply a function to each element", lambda l, f: [__ml_call(f, x) for x in __ml_elements(l)]),
    ("reduce", 3, 3, __ml_coll_T, "Fold a list with a function and initial value", __ml_coll_reduce),
    ("removeAt", 2, 2, __ml_coll_T, "New list without the element at an index", __ml_coll_remove_at),
    ("remove_at", 2, 2, __ml_coll_T, "New list without the element at an index", __ml_coll_remove_at),
    ("isEmpty", 1, 1, __ml_coll_R, "Check if a list is empty", lambda l: __ml_coll_length(l) == 0),
    ("is_empty", 1, 1, __ml_coll_R, "Check if a list is empty", lambda l: __ml_coll_length(l) == 0),
    ("take", 2, 2, __ml_coll_T, "First n elements", lambda l, n: __ml_slice(__ml_elements(l), None, n, None)),
    ("drop", 2, 2, __ml_coll_T, "All but the first n elements", lambda l, n: __ml_slice(__ml_elements(l), n, None, None)),
    ("unique", 1, 1, __ml_coll_T, "First occurrences in order", lambda l: __ml_coll_unique(__ml_elements(l))),
    ("flatten", 1, 1, __ml_coll_T, "Flatten one level", lambda l: __ml_coll_flatten(__ml_elements(l))),
    ("zip", 2, 2, __ml_coll_T, "Pair elements of two lists", lambda a, b: __ml_list(__ml_pyzip(__ml_elements(a), __ml_elements(b)))),
    ("sort", 1, 2, __ml_coll_T, "New sorted list", __ml_coll_sort),
    ("sortBy", 2, 3, __ml_coll_T, "New list sorted by a key function", __ml_coll_sort_by),
    ("chunk", 2, 2, __ml_coll_T, "Split into chunks of a size", __ml_coll_chunk_pos),
    ("every", 2, 2, __ml_coll_R, "Check if all elements match a predicate", __ml_coll_every),
    ("some", 2, 2, __ml_coll_R, "Check if any element matches a predicate", __ml_coll_some),
):
    __ml_coll_members[__ml_coll_spec[0]] = __ml_coll_def(*__ml_coll_spec[:5])(__ml_coll_spec[5])

__ml_module_collections = __MLModule("collections", __ml_coll_members, "List utilities (non-mutating, collection first)")
__ml_modules["collections"] = __ml_module_collections
