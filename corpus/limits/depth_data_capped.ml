// vm-only
// max-depth: 200000
// expect limit: depth
// A call-depth limit far above the default does not let printing/comparing walk data that
// deep on the Rust stack: data depth stops at 2,000 levels (docs/decisions.md).
a = [];
i = 0;
while (i < 50000) {
    a = [a];
    i = i + 1;
}
b = a;
print(a == b, len(str([[[1]]])));   // expect: true 7
print(str(a));
