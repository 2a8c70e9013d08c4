function fetch_data(...args) { return __python_callback("fetch_data", args); }
function g(a, b, ...rest) { return rest; }
