function build() {
    out = [];
    for (i in range(3)) { out.append(fn() => i); }
    i = 42;
    return out;
}
fs = build();
print(fs[0](), fs[2]()); // expect: 42 42
