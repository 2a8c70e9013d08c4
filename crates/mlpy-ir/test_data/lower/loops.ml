i = 0;
while (i < 10) {
    i = i + 1;
    if (i == 2) { continue; } elif (i == 3) { print("three"); } elif (i > 8) { break; } else { print(i); }
}
for (ch in "hi") { for (k in {a: 1}) { if (ch == "h") { break; } } }
print(i, ch, k);
