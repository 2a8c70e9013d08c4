function risky(v) {
    if (v < 0) { throw {message: "negative", code: 42}; }
    return v;
}
try {
    risky(-1);
} except (err) {
    print("caught:", str(err), err.code);
} finally {
    print("done");
}
o = {k: [1, 2]};
o.k[0] = o.k[1] % 2;
print(o.k.length, "s".upper(), o["k"][1:]);
