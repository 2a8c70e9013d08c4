# random (stdlib.md section 9): CPython's random.Random, seeded like the VM (which reproduces
# CPython's sequences), with mlpy's argument rules and messages.
import random as __ml_pyrandom
import os as __ml_random_os
import math as __ml_random_math


def __ml_random_entropy():
    rng = __ml_pyrandom.Random()
    seed = __ml_pyint.from_bytes(__ml_random_os.urandom(8), "little") >> 1
    rng.seed(seed)
    return [rng, seed]


# [generator, last seed]
__ml_random_state = __ml_random_entropy()


def __ml_random_def(name, lo, hi, cap, doc):
    def wrap(impl):
        def f(*args):
            __ml_require(cap)
            __ml_arity(name, args, lo, hi)
            return impl(*args)
        f.__doc__ = doc
        __ml_fn_caps[f] = [cap]
        return __ml_fn(f, name)
    return wrap


def __ml_random_float(v):
    t = __ml_type(v)
    if t is __ml_pyint or t is bool or t is __ml_pyfloat:
        try:
            return __ml_pyfloat(v)
        except OverflowError:
            raise __MLError("OverflowError", "int too large to convert to float")
    raise __MLError("TypeError", "must be real number, not " + __ml_tname(v))


def __ml_random_set_seed(seed):
    t = __ml_type(seed)
    if seed is None:
        __ml_random_state[:] = __ml_random_entropy()
        return seed
    if t not in (__ml_pyint, bool, __ml_pyfloat, __ml_pystr):
        raise __MLError("TypeError", "The only supported seed types are: None, int, float, str, bytes, and bytearray (got '" + __ml_tname(seed) + "')")
    rng = __ml_pyrandom.Random()
    if t is __ml_pyfloat and seed != seed:
        rng.seed(0)
    elif t is bool:
        rng.seed(__ml_pyint(seed))
    else:
        rng.seed(seed)
    __ml_random_state[0] = rng
    __ml_random_state[1] = seed
    return seed


def __ml_random_get_seed():
    return __ml_random_state[1]


def __ml_random_random():
    return __ml_random_state[0].random()


def __ml_random_randrange(a, b):
    for v in (a, b):
        if __ml_type(v) is not __ml_pyint and __ml_type(v) is not bool:
            raise __MLError("TypeError", "randrange() arguments must be integers, not '" + __ml_tname(v) + "'")
    a, b = __ml_pyint(a), __ml_pyint(b)
    if b - a <= 0:
        raise __MLError("ValueError", "empty range in randrange(" + __ml_pystr(a) + ", " + __ml_pystr(b) + ")")
    return a + __ml_random_state[0]._randbelow(b - a)


def __ml_random_next_int():
    return __ml_random_randrange(0, 4294967296)


def __ml_random_random_int(lo=0, hi=100):
    return __ml_random_randrange(lo, hi)


def __ml_random_uniform(a=0, b=1):
    a, b = __ml_random_float(a), __ml_random_float(b)
    return a + (b - a) * __ml_random_state[0].random()


def __ml_random_bool():
    return __ml_random_state[0].random() < 0.5


def __ml_random_bool_weighted(p):
    p = __ml_random_float(p)
    return __ml_random_state[0].random() < p


def __ml_random_seq(name, v):
    t = __ml_type(v)
    if t is __ml_list or t is __ml_tuple or t is __ml_pystr:
        return __ml_list(v)
    raise __MLError("TypeError", name + "() argument must be an array, not '" + __ml_tname(v) + "'")


def __ml_random_choice(lst):
    items = __ml_random_seq("choice", lst)
    if not items:
        return None
    return items[__ml_random_state[0]._randbelow(__ml_len(items))]


def __ml_random_shuffle(lst):
    items = __ml_random_seq("shuffle", lst)
    __ml_random_state[0].shuffle(items)
    return items


def __ml_random_count(v):
    t = __ml_type(v)
    if t is not __ml_pyint and t is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")
    if v < 0:
        raise __MLError("ValueError", "Sample larger than population or is negative")
    return __ml_pyint(v)


def __ml_random_sample(lst, n):
    items = __ml_random_seq("sample", lst)
    if not items:
        return []
    k = __ml_random_count(n)
    if k >= __ml_len(items):
        __ml_random_state[0].shuffle(items)
        return items
    return __ml_random_state[0].sample(items, k)


def __ml_random_indices(length, count):
    if __ml_type(length) is not __ml_pyint and __ml_type(length) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(length) + "' object cannot be interpreted as an integer")
    n = __ml_pymax(__ml_pyint(length), 0)
    k = __ml_random_count(count)
    if k >= n:
        return __ml_list(__ml_pyrange(n))
    return __ml_random_state[0].sample(__ml_pyrange(n), k)


__ml_pymax = max


def __ml_random_normal(mean=0, stddev=1):
    mu, sigma = __ml_random_float(mean), __ml_random_float(stddev)
    return __ml_random_state[0].normalvariate(mu, sigma)


def __ml_random_triangular(low, high, mode=None):
    lo, hi = __ml_random_float(low), __ml_random_float(high)
    m = (lo + hi) / 2.0 if mode is None else __ml_random_float(mode)
    rng = __ml_random_state[0]
    u = rng.random()
    if hi - lo == 0.0:
        return low
    c = (m - lo) / (hi - lo)
    if u > c:
        u = 1.0 - u
        c = 1.0 - c
        lo, hi = hi, lo
    return lo + (hi - lo) * __ml_random_math.sqrt(u * c)


__ml_random_members = {}
for __ml_random_spec in (
    ("setSeed", 1, 1, "random.generate", "Set random seed", __ml_random_set_seed),
    ("set_seed", 1, 1, "random.generate", "Set random seed", __ml_random_set_seed),
    ("getSeed", 0, 0, "random.generate", "Get current seed", __ml_random_get_seed),
    ("get_seed", 0, 0, "random.generate", "Get current seed", __ml_random_get_seed),
    ("random", 0, 0, "random.generate", "Generate random float 0-1", __ml_random_random),
    ("nextInt", 0, 0, "random.generate", "Generate random integer 0 to 2^32-1", __ml_random_next_int),
    ("next_int", 0, 0, "random.generate", "Generate random integer 0 to 2^32-1", __ml_random_next_int),
    ("randomFloat", 0, 2, "random.generate", "Generate random float in range", __ml_random_uniform),
    ("random_float", 0, 2, "random.generate", "Generate random float in range", __ml_random_uniform),
    ("uniform", 2, 2, "random.generate", "Generate uniform value", __ml_random_uniform),
    ("randomInt", 0, 2, "random.generate", "Generate random integer in range", __ml_random_random_int),
    ("random_int", 0, 2, "random.generate", "Generate random integer in range", __ml_random_random_int),
    ("randomBool", 0, 0, "random.generate", "Generate random boolean", __ml_random_bool),
    ("random_bool", 0, 0, "random.generate", "Generate random boolean", __ml_random_bool),
    ("randomBoolWeighted", 1, 1, "random.generate", "Generate weighted random boolean", __ml_random_bool_weighted),
    ("choice", 1, 1, "random.sample", "Choose random element", __ml_random_choice),
    ("shuffle", 1, 1, "random.sample", "Shuffle list (returns new shuffled list)", __ml_random_shuffle),
    ("sample", 2, 2, "random.sample", "Random sample from list", __ml_random_sample),
    ("randomNormal", 0, 2, "random.generate", "Generate normal distribution value", __ml_random_normal),
    ("random_normal", 0, 2, "random.generate", "Generate normal distribution value", __ml_random_normal),
    ("gaussian", 0, 2, "random.generate", "Generate Gaussian value", __ml_random_normal),
    ("triangular", 2, 3, "random.generate", "Generate triangular distribution value", __ml_random_triangular),
    ("randomIndices", 2, 2, "random.sample", "Pick random indices", __ml_random_indices),
    ("random_indices", 2, 2, "random.sample", "Pick random indices", __ml_random_indices),
):
    __ml_random_members[__ml_random_spec[0]] = __ml_random_def(*__ml_random_spec[:5])(__ml_random_spec[5])

__ml_module_random = __MLModule("random", __ml_random_members, "Random number generation and sampling utilities")
__ml_modules["random"] = __ml_module_random
