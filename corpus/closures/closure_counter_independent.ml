function make_pair() {
    v = 0;
    inc = fn() => { nonlocal v; v = v + 1; return v; };
    get = fn() => v;
    return [inc, get];
}
[inc1, get1] = make_pair();
[inc2, get2] = make_pair();
inc1(); inc1(); inc2();
print(get1(), get2()); // expect: 2 1
