s = "hello world";
i = s.find(" ");
print(s[:i], s[i + 1:], s[i - 2:i + 3]); // expect: hello world lo wo
function mid(xs) { n = len(xs) // 2; return xs[n - 1:n + 1]; }
print(mid([1, 2, 3, 4]), mid("abcd")); // expect: [2, 3] bc
