function outer() {
    f = fn() => value;
    value = "late";
    return f();
}
print(outer()); // expect: late
