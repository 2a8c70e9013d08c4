function parse(v) {
    try { return int(v); }
    except (e) { throw {message: "bad input: " + str(e), type: e.type}; }
}
try { parse("x"); } except (e) { print(str(e)); print(e.type); }
// expect: bad input: invalid literal for int() with base 10: 'x'
// expect: ValueError
