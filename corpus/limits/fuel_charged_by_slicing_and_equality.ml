// vm-only
// fuel: 1000000
// expect limit: fuel
// Slicing copies and equality walks elements: each is charged for the elements it touches
// before touching them, so a handful of instructions cannot do millions of elements of work.
a = [1] * 200000;
b = [1] * 200000;
print(a == b); // expect: true
n = 0;
while (n < 100) {
    c = a[:];
    same = a == c;
    n = n + 1;
}
print("never reached");
