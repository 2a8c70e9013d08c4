// A closure reads its enclosing function's variable before that function assigns it. The
// function's own `v` shadows the top-level `v`, so this is the free-variable NameError, not
// "name 'v' is not defined" (a differential run found emitted Python saying the latter).
v = 2;
function outer() {
    g = fn(q) => v;
    try {
        print(g(1));
    } except (e) {
        print(str(e)); // expect: cannot access free variable 'v' where it is not associated with a value in enclosing scope
    }
    v = 5;
    print(g(1)); // expect: 5
}
outer();
print(v); // expect: 2

// A top-level variable read from a function before the top level assigns it.
function early() {
    return fn() => later;
}
e = early();
try {
    print(e());
} except (err) {
    print(str(err)); // expect: name 'later' is not defined
}
later = 7;
print(e()); // expect: 7
