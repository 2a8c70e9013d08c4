i = "outer";
function f() {
    for (i in range(3)) { }
    return i;
}
print(f(), i); // expect: 2 outer
for (i in range(5)) { }
print(i); // expect: 4
