#!/usr/bin/env python3
"""Prints, once each and in first-seen order, the symbols of the `mlpy` executable that ran
in the callgrind profiles given as arguments (callgrind's compressed `ob=`/`fn=` format,
recorded with --demangle=no). Used by scripts/link-order.sh."""
import re
import sys

seen = {}
for path in sys.argv[1:]:
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
print("\n".join(seen))
