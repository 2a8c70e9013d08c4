#!/usr/bin/env python3
"""Prints, once each, the symbols of the `mlpy` executable that ran in the callgrind profiles
given as arguments (callgrind's compressed `ob=`/`fn=` format, recorded with --demangle=no):
first those that ran in the most profiles (start-up and exit, shared by every run), then
those of fewer runs, so one workload's functions sit together. Used by scripts/link-order.sh."""
import re
import sys

runs = {}  # symbol -> number of profiles it ran in (dict order: first seen)
for path in sys.argv[1:]:
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
first_seen = {symbol: i for i, symbol in enumerate(runs)}
print("\n".join(sorted(runs, key=lambda s: (-runs[s], first_seen[s]))))
