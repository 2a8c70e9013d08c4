values = [0, 1, -1, 0.0, "", " ", [], [0], {}, {a: null}, null, true, false];
out = [];
for (v in values) {
    if (v) { out.append("T"); } else { out.append("F"); }
}
print("".join(out)); // expect: FTTFFTFTFTFTF
n = 3;
while (n) { n = n - 1; }
print(n); // expect: 0
