function fetch_data(...args) { return __python_callback("fetch_data", args); }
function f(a, b, ...rest) { return [a, b, rest]; }
g = fn(...xs) => len(xs);
print(f(1, 2, 3, 4), g(), g(1, 2));
