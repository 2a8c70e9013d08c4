it = iter([1, 2]);
print(next(it), next(it), next(it, "done")); // expect: 1 2 done
try { next(it); } except (e) { print(str(e)); } // expect: Iterator exhausted - use default parameter to avoid error
s = iter("ab");
print(next(s)); // expect: a
for (c in s) { print("rest", c); } // expect: rest b
k = iter({x: 1, y: 2});
print(next(k), next(k), next(k, null)); // expect: x y None
