function fetch_user(...args) { return __python_callback("fetch_user", args); }
f = fn() => __python_callback("ping", []);
print(fetch_user(1), f());
