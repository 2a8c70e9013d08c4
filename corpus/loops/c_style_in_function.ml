function sum_to(n) {
    s = 0;
    for (i = 1; i <= n; i = i + 1) { s = s + i; }
    return [s, i];
}
print(sum_to(10)); // expect: [55, 11]
function first_even(xs) {
    for (i = 0; i < len(xs); i = i + 1) {
        if (xs[i] % 2 == 0) { return xs[i]; }
    }
    return null;
}
print(first_even([3, 5, 8, 10]), first_even([1])); // expect: 8 None
