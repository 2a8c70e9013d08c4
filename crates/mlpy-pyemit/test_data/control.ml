total = 0;
for (i = 0; i < 5; i = i + 1) {
    if (i == 2) { continue; }
    total = total + i;
}
for (k in {a: 1, b: 2}) { print(k); }
while (total > 3) { total = total - 3; }
label = total > 1 ? "big" : "small";
[x, y] = [1, 2];
{name} = {name: "ada"};
print(total, label, x, y, name);
