function outer(flag) {
    if (flag) {
        function helper() { return "A"; }
    } else {
        function helper() { return "B"; }
    }
    return helper();
}
print(outer(true), outer(false)); // expect: A B
fs = [];
for (i in range(3)) {
    function f() { return "f"; }
    fs.append(f);
}
print(fs[0] == fs[1], fs[0]()); // expect: false f
