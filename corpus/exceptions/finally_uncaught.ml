function f() {
    try { x = {}["k"]; } finally { print("finally runs"); }
    print("not reached");
}
f();
// expect: finally runs
// expect error: KeyError: 'k'
