function f() {
    try { throw {message: "inner"}; } except (err) { msg = str(err); }
    return msg;
}
print(f()); // expect: inner
