//! End-to-end semantics of the interpreter: ML source → parse → lower → compile → run.

mod common;
use common::{fails, out, run};
use mlpy_vm::ErrorKind;

#[test]
fn arithmetic_and_print() {
    assert_eq!(
        out("print(1 + 2, 7 / 2, 7 // 2, -7 % 3, 2 * 3.0, 1 + true);"),
        "3 3.5 3 2 6.0 2\n"
    );
    assert_eq!(
        out("x = 9223372036854775807; print(x + 1);"),
        "9223372036854775808\n"
    );
    assert_eq!(out("print(\"n=\" + 3, 1 + 2 + \"x\");"), "n=3 3x\n");
}

#[test]
fn functions_and_recursion() {
    let src = "function fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }\nprint(fib(20));";
    assert_eq!(out(src), "6765\n");
    assert_eq!(out("function first() { return second() + 1; }\nfunction second() { return 41; }\nprint(first());"), "42\n");
}

#[test]
fn closures_capture_variables() {
    let src = r#"
function make() {
    n = 0;
    function next() { nonlocal n; n = n + 1; return n; }
    return next;
}
a = make(); b = make();
print(a(), a(), b());
count = 0;
function bump() { nonlocal count; count = count + 1; }
bump(); bump();
print(count);
hooks = [];
for (i in [1, 2, 3]) { hooks = hooks + [fn() => i * 10]; }
h = hooks[0];
print(h(), i);
mk = fn(k) => fn(v) => v + k;
print(mk(2)(5));
"#;
    assert_eq!(out(src), "1 2 1\n2\n30 3\n7\n");
}

#[test]
fn scoping_rules() {
    let src = "total = 10;\nfunction show() { return total; }\nfunction shadow() { total = 1; return total; }\nprint(show(), shadow(), total);";
    assert_eq!(out(src), "10 1 10\n");
    let (_, kind, msg) =
        fails("x = 10;\nfunction bad() { y = x; x = 5; return y; }\nprint(bad());");
    assert_eq!(kind, ErrorKind::UnboundLocalError);
    assert_eq!(
        msg,
        "cannot access local variable 'x' where it is not associated with a value"
    );
    let (_, kind, msg) = fails("print(later());\nfunction later() { return 1; }");
    assert_eq!(
        (kind, msg.as_str()),
        (ErrorKind::NameError, "name 'later' is not defined")
    );
}

#[test]
fn arity_errors_use_python_messages() {
    let (_, k, m) = fails("function f(a, b) { return a; }\nf(1);");
    assert_eq!(
        (k, m.as_str()),
        (
            ErrorKind::TypeError,
            "f() missing 1 required positional argument: 'b'"
        )
    );
    let (_, _, m) = fails("function f(a) { return a; }\nf(1, 2);");
    assert_eq!(m, "f() takes 1 positional argument but 2 were given");
    let (_, _, m) = fails("function f(a, b, c) { return a; }\nf();");
    assert_eq!(
        m,
        "f() missing 3 required positional arguments: 'a', 'b', and 'c'"
    );
    let (_, _, m) = fails("x = 5; x();");
    assert_eq!(m, "Cannot call object of type 'int': not callable");
}

#[test]
fn rest_parameters() {
    assert_eq!(
        out("function f(a, ...r) { return [a, r]; }\nprint(f(1), f(1, 2, 3));"),
        "[1, []] [1, [2, 3]]\n"
    );
}

#[test]
fn loops_break_continue() {
    let src = r#"
s = 0;
for (i = 0; i < 10; i = i + 1) { if (i == 3) { continue; } if (i == 6) { break; } s = s + i; }
print(s, i);
n = 0;
while (true) { n = n + 1; if (n > 4) { break; } }
print(n);
for (k in {x: 1, y: 2}) { print(k); }
for (ch in "hé") { print(ch); }
a = [1];
for (v in a) { if (v < 4) { a.append(v + 1); } }
print(a);
"#;
    assert_eq!(out(src), "12 6\n5\nx\ny\nh\né\n[1, 2, 3, 4]\n");
    let (_, k, m) = fails("o = {a: 1};\nfor (k in o) { o[\"b\"] = 2; }");
    assert_eq!(
        (k, m.as_str()),
        (
            ErrorKind::RuntimeError,
            "dictionary changed size during iteration"
        )
    );
    let (_, k, m) = fails("for (x in 5) { }");
    assert_eq!(
        (k, m.as_str()),
        (ErrorKind::TypeError, "'int' object is not iterable")
    );
}

#[test]
fn destructuring() {
    assert_eq!(out("[a, b] = [1, 2];\n{x, y} = {x: \"X\", y: \"Y\", z: \"Z\"};\n[a, b] = [b, a];\nprint(a, b, x, y);"), "2 1 X Y\n");
    let (_, k, m) = fails("[a, b] = [1, 2, 3];");
    assert_eq!(
        (k, m.as_str()),
        (
            ErrorKind::ValueError,
            "too many values to unpack (expected 2)"
        )
    );
    let (_, _, m) = fails("[a, b, c] = [1, 2];");
    assert_eq!(m, "not enough values to unpack (expected 3, got 2)");
    let (_, k, _) = fails("{q} = {a: 1};");
    assert_eq!(k, ErrorKind::KeyError);
}

#[test]
fn try_except_finally() {
    let src = r#"
function risky(v) {
    if (v < 0) { throw {message: "negative", code: 42}; }
    return v;
}
try {
    risky(-1);
} except (err) {
    print("caught:", str(err), err.code, err.type);
} finally {
    print("done");
}
try { x = [1, 2][9]; } except (e) { print(str(e)); }
function a() { try { return "try"; } finally { print("cleanup"); } }
function b() { try { return "try"; } finally { return "finally"; } }
print(a());
print(b());
"#;
    assert_eq!(out(src), "caught: negative 42 MLUserException\ndone\nlist index out of range\ncleanup\ntry\nfinally\n");
}

#[test]
fn finally_on_break_continue_and_nested() {
    let src = r#"
for (i in [1, 2, 3]) {
    try {
        if (i == 1) { continue; }
        if (i == 3) { break; }
        print("body", i);
    } finally {
        print("fin", i);
    }
}
function f() {
    try {
        try { return 1; } finally { print("inner"); }
    } finally { print("outer"); }
}
print(f());
function g() {
    for (j in [1, 2]) {
        try { try { break; } finally { print("a"); } } finally { print("b"); }
    }
    return j;
}
print(g());
"#;
    assert_eq!(
        out(src),
        "fin 1\nbody 2\nfin 2\nfin 3\ninner\nouter\n1\na\nb\n1\n"
    );
}

#[test]
fn errors_in_handlers_replace_and_except_var_is_unbound() {
    let src = r#"
try {
    try { x = 1 // 0; } finally { y = [][0]; }
} except (e) { print(str(e)); }
try { z = {}["k"]; } except (e) { print(str(e)); }
try { print(e); } except (e2) { print("unbound:", str(e2)); }
function h() {
    try { throw {message: "first"}; } except (e) { throw {message: "second"}; }
}
try { h(); } except (e) { print(str(e)); }
"#;
    assert_eq!(
        out(src),
        "list index out of range\n'k'\nunbound: name 'e' is not defined\nsecond\n"
    );
    let (o, k, m) = fails("try { print(1); } finally { print(2); }\nthrow {message: \"boom\"};");
    assert_eq!(
        (o.as_str(), k, m.as_str()),
        ("1\n2\n", ErrorKind::MLUserException, "boom")
    );
}

#[test]
fn methods_members_and_modules() {
    let src = r#"
s = "  Hello World  ";
print(s.strip(), "a,b,c".split(","), "-".join(["x", "y"]), "mail@x".indexOf("@"));
b = [3, 1, 2];
r = b.sort();
print(r, b, b.pop(), b);
o = {f: fn(x) => x + 1, n: 5};
print(o.f(1), o.n, o.missing, s.length);
up = "abc".upper;
print(up());
import math;
print(math.sqrt(16), math.pi > 3);
print(typeof(math.sqrt), typeof(null));
"#;
    assert_eq!(out(src), "Hello World ['a', 'b', 'c'] x-y 4\nNone [1, 2] 3 [1, 2]\n2 5 None 15\nABC\n4.0 true\nfunction unknown\n");
    let (_, k, m) = fails("o = {n: 5};\no.n();");
    assert_eq!(
        (k, m.as_str()),
        (
            ErrorKind::TypeError,
            "Property 'n' is not callable (got int)"
        )
    );
    let (_, k, m) = fails("o = {};\no.g();");
    assert_eq!(
        (k, m.as_str()),
        (ErrorKind::AttributeError, "ML object has no property 'g'")
    );
}

#[test]
fn conditionals_and_logic() {
    let src = "t = true; x = 5;\nprint((t ? 1 : 2) + 3, x > 3 ? \"big\" : x > 1 ? \"mid\" : \"small\");\nprint(0 || \"fallback\", \"a\" && \"b\", null || 0, !0, ![], !{}, !\"x\");";
    assert_eq!(out(src), "4 big\nfallback b 0 true true true false\n");
}

#[test]
fn slices_and_index_assignment() {
    let src = "a = [10, 20, 30, 40, 50];\nprint(a[-1], a[1:3], a[::2], a[::-1]);\na[0] = 1; a[1:3] = [7];\nprint(a);\no = {}; o.k = 1; o[\"j\"] = 2; print(o);";
    assert_eq!(
        out(src),
        "50 [20, 30] [10, 30, 50] [50, 40, 30, 20, 10]\n[1, 7, 40, 50]\n{'k': 1, 'j': 2}\n"
    );
    let (_, k, m) = fails("a = [1]; a[5] = 2;");
    assert_eq!(
        (k, m.as_str()),
        (ErrorKind::IndexError, "list assignment index out of range")
    );
}

#[test]
fn natives_call_back_into_ml() {
    assert_eq!(
        out("print(functional.map(fn(x) => x * 2, [1, 2, 3]));"),
        "[2, 4, 6]\n"
    );
    let (_, k, m) = fails("functional.map(fn(x) => x[5], [[1]]);");
    assert_eq!(
        (k, m.as_str()),
        (ErrorKind::IndexError, "list index out of range")
    );
}

#[test]
fn capabilities_fail_closed() {
    let (_, k, m) = fails("import file;\nfile.secret();");
    assert_eq!(k, ErrorKind::CapabilityError);
    assert!(m.contains("'file.read'"), "{m}");
    assert_eq!(
        out("import file;\ntry { file.secret(); } except (e) { print(e.type); }"),
        "CapabilityError\n"
    );
}

#[test]
fn result_value_and_globals_order() {
    let r = run("b = 1; a = 2; c = [a, b];");
    let v = r.result.expect("runs");
    assert!(matches!(v, mlpy_vm::Value::Array(_)));
    let names: Vec<String> = r.vm.globals(r.loaded).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["b", "a", "c"]);
    let r = run("result = 7; x = 1;");
    assert!(matches!(r.result, Ok(mlpy_vm::Value::Int(7))));
}

#[test]
fn error_positions_and_stack() {
    let r = run(
        "function inner() {\n  return 1 // 0;\n}\nfunction outer() { return inner(); }\nouter();",
    );
    let e = r.result.expect_err("fails");
    assert_eq!(e.kind, ErrorKind::ZeroDivisionError);
    assert_eq!((e.line, e.column), (2, 10));
    let names: Vec<&str> = e.stack.iter().map(|s| s.function.as_str()).collect();
    assert_eq!(names, ["inner", "outer", "<module>"]);
    assert_eq!(e.stack[1].line, 4);
    assert_eq!(e.stack[2].line, 5);
    let r = run("try { x = 1 // 0; } except (e) { print(e.line, e.column); }");
    assert_eq!(r.out, "1 11\n");
}

#[test]
fn except_variable_is_unbound_when_its_handler_raises() {
    let src = r#"
function f() {
    try {
        try { x = [][0]; } except (e) { y = {}["k"]; }
    } except (e2) { print(str(e2)); }
    try { print(e); } except (e3) { print(e3.type); }
}
f();
try {
    try { x = [][0]; } except (e) { y = {}["k"]; }
} except (e2) { print(str(e2)); }
try { print(e); } except (e3) { print(e3.type); }
"#;
    assert_eq!(out(src), "'k'\nUnboundLocalError\n'k'\nNameError\n");
}

#[test]
fn array_append_fast_path_matches_the_method() {
    assert_eq!(
        out(
            "a = [];\nr = a.append(1);\na.append([2]);\nf = a.append;\nf(3);\nprint(r, a, len(a));"
        ),
        "None [1, [2], 3] 3\n"
    );
    let (_, k, m) = fails("a = [];\na.append(1, 2);");
    assert_eq!(
        (k, m.as_str()),
        (
            ErrorKind::TypeError,
            "append() takes exactly one argument (2 given)"
        )
    );
}
