o = {x: 1, y: 2, z: 3};
for (k in o) { print(k, o[k]); }
// expect: x 1
// expect: y 2
// expect: z 3
try {
    for (k in o) { o.w = 4; }
} except (e) {
    print(str(e)); // expect: dictionary changed size during iteration
}
