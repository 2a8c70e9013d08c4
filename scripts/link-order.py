#!/usr/bin/env python3
"""Prints, once each, the symbols of the `mlpy` executable that ran in the callgrind profiles
given as arguments (callgrind's compressed `ob=`/`fn=` format, recorded with --demangle=no):
first those of the first profile (a minimal run: start-up and exit, shared by every run), then
the others, those that ran in the most profiles first, so code that programs share sits
together. Used by scripts/link-order.sh.

valgrind's CPU lacks some of the host's instruction sets, so glibc's string functions pick
another variant under it than in a real run (`__memchr_avx2` instead of `__memchr_evex`):
with `--binary PATH`, every variant in that executable of a function family that ran is
listed next to the one that ran."""
import re
import subprocess
import sys

ISA_VARIANT = re.compile(r"^(__[a-z0-9]+?(?:_chk)?)_(?:sse|ssse|avx|evex|erms)")


def with_isa_variants(symbols, binary):
    """`symbols` with, after each glibc multiarch variant, its family's other variants."""
    defined = subprocess.run(["nm", "--defined-only", binary], capture_output=True,
                             text=True, check=True).stdout.split("\n")
    families = {}
    for line in defined:
        name = line.split()[-1] if line.strip() else ""
        m = ISA_VARIANT.match(name)
        if m:
            families.setdefault(m.group(1), []).append(name)
    out, listed = [], set()
    for symbol in symbols:
        m = ISA_VARIANT.match(symbol)
        for name in [symbol] + (sorted(families.get(m.group(1), [])) if m else []):
            if name not in listed:
                listed.add(name)
                out.append(name)
    return out


args = sys.argv[1:]
binary = None
if args[:1] == ["--binary"]:
    binary, args = args[1], args[2:]

runs = {}  # symbol -> number of profiles it ran in (dict order: first seen)
for path in args:
    seen = {}  # this profile's symbols, in first-seen order
    objects, functions, current_object = {}, {}, None
    with open(path, errors="replace") as profile:
        for line in profile:
            m = re.match(r"(c?ob|c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if not m:
                continue
            kind, ident, name = m.groups()
            table = objects if kind.endswith("ob") else functions
            if name:
                table[ident] = name
            if kind == "ob":
                current_object = objects.get(ident, "")
            elif kind == "fn" and current_object.endswith("/mlpy"):
                symbol = re.sub(r"'\d+$", "", functions.get(ident, ""))
                if symbol and not symbol.startswith(("0x", "(")):
                    seen.setdefault(symbol, None)
    for symbol in seen:
        runs[symbol] = runs.get(symbol, 0) + 1
    if path == args[0]:
        minimal_run = set(seen)
first_seen = {symbol: i for i, symbol in enumerate(runs)}
order = sorted(runs, key=lambda s: (s not in minimal_run, -runs[s], first_seen[s]))
print("\n".join(with_isa_variants(order, binary) if binary else order))
