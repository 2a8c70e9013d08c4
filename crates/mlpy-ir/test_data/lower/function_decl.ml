function add(a, b) {
    s = a + b;
    return s;
}
function nothing() { return; }
total = add(1, 2);
print(total, nothing());
