print(typeof(1), typeof(1.5), typeof("s"), typeof(true), typeof(null)); // expect: number number string boolean unknown
print(typeof([]), typeof({}), typeof(len), typeof(fn() => 1), typeof("s".upper)); // expect: array object function function function
print(typeof(zip([1])[0]), typeof(iter([1])), typeof(builtin)); // expect: unknown unknown unknown
print(isinstance(1, "number"), isinstance([], "object"), isinstance({}, "object"), isinstance(null, "unknown")); // expect: true false true true
