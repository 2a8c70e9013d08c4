function kind(f) { try { f(); return "none"; } except (e) { return e.type; } }
print(kind(fn() => 1 + "a" - 1)); // expect: TypeError
print(kind(fn() => int("q"))); // expect: ValueError
print(kind(fn() => [][1])); // expect: IndexError
print(kind(fn() => ({a: 1})["b"])); // expect: KeyError
print(kind(fn() => 1 % 0)); // expect: ZeroDivisionError
print(kind(fn() => "s".nope)); // expect: AttributeError
print(kind(fn() => next(iter([])))); // expect: RuntimeError
print(kind(fn() => 1)); // expect: none
