for (x in xs) { total = total + x; }
for (k in {x: 1, y: 2}) { print(k); }
for (ch in "hi") { print(ch); }
