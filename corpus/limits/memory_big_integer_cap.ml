// vm-only
// expect limit: memory
// Big integers are exact up to 2^23 bits (about 2.5 million digits): one multiplication of
// numbers that size takes tens of milliseconds, and nothing can interrupt it, so a larger
// result is a memory-limit error, checked before multiplying (docs/decisions.md).
x = 2;
i = 0;
while (i < 22) {
    x = x * x;
    i = i + 1;
}
print(x % 1000); // expect: 16
x = x * x;
print("never reached");
