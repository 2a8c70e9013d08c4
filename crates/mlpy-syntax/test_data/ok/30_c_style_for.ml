for (i = 0; i < n; i = i + 1) { print(i); }
for (;;) { break; }
for (a[k] = 0; a[k] < 3; a[k] = a[k] + 1) {}
for (; i < 3;) { i = i + 1; }
