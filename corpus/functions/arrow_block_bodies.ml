classify = fn(n) => {
    if (n < 0) { return "neg"; }
    elif (n == 0) { return "zero"; }
    return "pos";
};
print(classify(-2), classify(0), classify(5)); // expect: neg zero pos
total = fn(xs) => {
    s = 0;
    for (x in xs) { s = s + x; }
    return s;
};
print(total([1, 2, 3])); // expect: 6
safe = fn(a, b) => {
    try { return a / b; } except (e) { return "err: " + str(e); }
};
print(safe(1, 2), safe(1, 0)); // expect: 0.5 err: division by zero
noreturn = fn() => { x = 1; };
print(noreturn()); // expect: None
loop = fn(n) => { i = 0; while (true) { i = i + 1; if (i >= n) { break; } } return i; };
print(loop(4)); // expect: 4
