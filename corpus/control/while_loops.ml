i = 0;
s = 0;
while (i < 5) { i = i + 1; s = s + i; }
print(i, s); // expect: 5 15
n = 0;
while (n < 100) {
    n = n + 1;
    if (n % 2 == 0) { continue; }
    if (n > 7) { break; }
    print(n);
}
// expect: 1
// expect: 3
// expect: 5
// expect: 7
print(n); // expect: 9
while (false) { print("never"); }
items = [1, 2];
while (items) { items.pop(); }
print(items); // expect: []
