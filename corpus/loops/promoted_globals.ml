// Top-level loops keep their globals in registers (crates/mlpy-vm/src/promote.rs); what
// every reader sees must not change: handlers, later statements, functions, the result value.
i = 0;
s = 0;
try {
  while (true) {
    s = s + i;
    i = i + 1;
    if (i == 5) {
      x = [1][3];
    }
  }
} except (e) {
  print(e.type, i, s);
}
// expect: IndexError 5 10

// break leaves the loop with the values stored back
n = 0;
while (n < 100) {
  n = n + 3;
  if (n > 10) {
    break;
  }
}
function show() { return n; }
print(n, show());
// expect: 12 12

// destructuring, nested loops and a C-style for whose initialiser binds the variable
a = 0;
b = 1;
k = 0;
for (k = 0; k < 10; k = k + 1) {
  [a, b] = [b, a + b];
  j = 0;
  while (j < 2) { j = j + 1; }
}
print(a, b, k, j);
// expect: 55 89 10 2

// a global shadowing a builtin, and a for-in variable bound before the loop
len = 3;
item = "none";
t = 0;
for (item in [4, 5, 6]) {
  t = t + item * len;
}
print(t, item, len);
// expect: 45 6 3

// continue inside a promoted loop, then a throw caught outside it
c = 0;
odd = 0;
try {
  while (c < 10) {
    c = c + 1;
    if (c % 2 == 0) { continue; }
    odd = odd + c;
    if (c == 9) { throw {message: "stop at nine"}; }
  }
} except (e) {
  print(e.message, c, odd);
}
// expect: stop at nine 9 25

// an except variable may be unbound later: it is never promoted, so reading it still fails
e = 5;
try { throw {message: "x"}; } except (e) { }
m = 0;
while (m < 3) {
  m = m + 1;
  if (m == 2) { r = e; }
}
// expect error: NameError
// expect error: name 'e' is not defined
