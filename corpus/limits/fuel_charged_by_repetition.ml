// vm-only
// fuel: 1000000
// expect limit: fuel
// `*` on a string or array is charged for the elements it produces before producing them.
a = [0] * 5000000;
print("never reached", len(a));
