for (i = 0; i < 3; i = i + 1) { print(i); }
function count(n) {
    c = 0;
    for (; c < n;) { c = c + 1; if (c == 2) { continue; } }
    for (;;) { break; }
    return c;
}
arr = [0, 0];
for (k = 0; k < 2; arr[k] = k) { k = k + 1; }
print(count(3));
