"""Regenerates format_cases.tsv / round_cases.tsv from CPython (run: python3 gen_cases.py).

Each line: KIND<TAB>VALUE<TAB>SPEC_OR_NDIGITS<TAB>EXPECTED, where VALUE is repr() of the
Python value (floats as float.hex for exactness), EXPECTED is the result or "!Kind: message".
"""
import random

rng = random.Random(20240601)
floats = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 2.675, 1.005, 1e16, 1e-5, 123456.789, -987.654321,
          1e22, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3, 100.0, 1000.0, 999.9999, 9.5, 0.05,
          float("inf"), float("-inf"), float("nan"), 12345678901234567890.0]
floats += [rng.uniform(-1e6, 1e6) for _ in range(20)]
floats += [rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30) for _ in range(20)]
ints = [0, 1, -1, 7, 42, -42, 255, 1234, 1234567, -1234567, 65, 2**63 - 1, -2**63, 2**70, -3**50, 10**25]
strs = ["", "a", "abc", "héllo", "€uro"]
fills = ["", "*", "0", "é"]
aligns = ["", "<", ">", "^", "="]
signs = ["", "+", "-", " "]
types_num = ["", "d", "b", "o", "x", "X", "c", "n", "e", "E", "f", "F", "g", "G", "%", "s"]


def spec():
    f = rng.choice(fills)
    a = rng.choice(aligns)
    fa = (f + a) if a else ""
    parts = [fa, rng.choice(signs), rng.choice(["", "", "z"]), rng.choice(["", "#"]),
             rng.choice(["", "0"]), rng.choice(["", "1", "8", "12", "20"]),
             rng.choice(["", "", ",", "_"]), rng.choice(["", "", ".0", ".1", ".3", ".10"]),
             rng.choice(types_num)]
    return "".join(parts)


def outcome(v, s):
    try:
        return format(v, s)
    except Exception as e:  # noqa: BLE001
        return "!%s: %s" % (type(e).__name__, e)


def show(v):
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, float):
        return v.hex()
    return repr(v) if isinstance(v, int) else v


lines = []
for _ in range(4000):
    kind = rng.choice(["float", "float", "int", "int", "str", "bool"])
    v = {"float": lambda: rng.choice(floats), "int": lambda: rng.choice(ints),
         "str": lambda: rng.choice(strs), "bool": lambda: rng.choice([True, False])}[kind]()
    s = spec()
    out = outcome(v, s)
    if "\t" in out or "\n" in out:
        continue
    lines.append("\t".join([kind, show(v), s, out]))
open("format_cases.tsv", "w", encoding="utf-8").write("\n".join(lines) + "\n")

lines = []
for x in floats + [rng.uniform(-1000, 1000) for _ in range(200)]:
    for n in [0, 1, 2, 3, -1, -2, 5, 15, 17, 300, -300, 330, -310]:
        try:
            r = round(x, n)
            out = r.hex()
        except Exception as e:  # noqa: BLE001
            out = "!%s" % type(e).__name__
        lines.append("\t".join(["float", x.hex(), str(n), out]))
for x in ints + [rng.randint(-10**12, 10**12) for _ in range(100)]:
    for n in [0, 2, -1, -2, -3, -6, -30]:
        lines.append("\t".join(["int", repr(x), str(n), repr(round(x, n))]))
open("round_cases.tsv", "w", encoding="utf-8").write("\n".join(lines) + "\n")
