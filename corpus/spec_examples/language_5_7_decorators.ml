function logged(f) {
    function wrapper(x) { r = f(x); print("call ->", r); return r; }
    return wrapper;
}
double = logged(fn(v) => v * 2);
print(double(21));
// expect: call -> 42
// expect: 42
