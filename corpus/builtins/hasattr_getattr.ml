print(hasattr("s", "upper"), hasattr("s", "length"), hasattr({a: 1}, "a"), hasattr([], "append")); // expect: true false false true
print(hasattr([], "_x"), hasattr(5, "x"), hasattr("s", "indexOf"), hasattr(zip([1])[0], "count")); // expect: false false true true
print(getattr("abc", "length", "no"), getattr("abc", "upper")(), getattr([], "nope"), getattr({a: 1}, "a", "d")); // expect: no ABC None d
