function tokenize(src) {
    tokens = [];
    i = 0;
    while (i < len(src)) {
        c = src[i];
        if (c == " ") { i = i + 1; continue; }
        if (c.isdigit()) {
            start = i;
            while (i < len(src) && src[i].isdigit()) { i = i + 1; }
            tokens.append(["num", int(src[start:i])]);
            continue;
        }
        if ("+-*/()".find(c) >= 0) { tokens.append(["op", c]); i = i + 1; continue; }
        throw {message: "unexpected character '" + c + "' at " + i};
    }
    return tokens;
}
function evaluate(tokens) {
    pos = 0;
    function peek() { return pos < len(tokens) ? tokens[pos] : null; }
    function take() { nonlocal pos; t = tokens[pos]; pos = pos + 1; return t; }
    function atom() {
        t = take();
        if (t[0] == "num") { return t[1]; }
        if (t[1] == "(") { v = expr(); take(); return v; }
        if (t[1] == "-") { return -atom(); }
        throw {message: "bad token " + t[1]};
    }
    function term() {
        v = atom();
        while (peek() != null && (peek()[1] == "*" || peek()[1] == "/")) {
            op = take()[1];
            r = atom();
            v = op == "*" ? v * r : v / r;
        }
        return v;
    }
    function expr() {
        v = term();
        while (peek() != null && (peek()[1] == "+" || peek()[1] == "-")) {
            op = take()[1];
            r = term();
            v = op == "+" ? v + r : v - r;
        }
        return v;
    }
    return expr();
}
print(tokenize("12+(3*4)")); // expect: [['num', 12], ['op', '+'], ['op', '('], ['num', 3], ['op', '*'], ['num', 4], ['op', ')']]
print(evaluate(tokenize("12 + (3 * 4) - 2")), evaluate(tokenize("7 / 2")), evaluate(tokenize("-(2+3)*4"))); // expect: 22 3.5 -20
try { tokenize("1 + x"); } except (e) { print(str(e)); } // expect: unexpected character 'x' at 4
