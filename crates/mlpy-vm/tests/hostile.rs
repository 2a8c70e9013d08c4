//! Hostile and large inputs: the compiler and VM stop with errors, never panics or overflows.

mod common;
use common::{out, run, run_with};
use mlpy_vm::{ErrorKind, Limits};

#[test]
fn deeply_nested_expressions_compile() {
    let depth = 200;
    let src = format!(
        "x = {}1{};\nprint(x);",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    assert_eq!(out(&src), "1\n");
    let src = format!(
        "x = {}0{};\nprint(len(x));",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert_eq!(out(&src), "1\n");
    let mut src = String::from("x = 0;\n");
    for _ in 0..100 {
        src.push_str("if (true) { ");
    }
    src.push_str("x = 1;");
    for _ in 0..100 {
        src.push_str(" }");
    }
    src.push_str("\nprint(x);");
    assert_eq!(out(&src), "1\n");
}

#[test]
fn huge_literals_use_chunked_instructions() {
    let items: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let src = format!("a = [{}];\nprint(len(a), a[99999]);", items.join(", "));
    assert_eq!(out(&src), "100000 99999\n");
    let pairs: Vec<String> = (0..1000).map(|i| format!("k{i}: {i}")).collect();
    let src = format!("o = {{{}}};\nprint(len(o), o.k999);", pairs.join(", "));
    assert_eq!(out(&src), "1000 999\n");
}

#[test]
fn many_arguments_and_locals() {
    let params: Vec<String> = (0..300).map(|i| format!("p{i}")).collect();
    let args: Vec<String> = (0..300).map(|i| i.to_string()).collect();
    let src = format!(
        "function f({}) {{ return p0 + p299; }}\nprint(f({}));",
        params.join(", "),
        args.join(", ")
    );
    assert_eq!(out(&src), "299\n");
}

#[test]
fn allocation_bombs_hit_the_memory_limit() {
    let r = run_with(
        "s = \"x\"; while (true) { s = s + s; }",
        Limits {
            memory: Some(8 << 20),
            ..Limits::default()
        },
    );
    assert_eq!(r.result.expect_err("memory").kind, ErrorKind::MemoryLimit);
    let r = run_with(
        "a = [[1]]; while (true) { a = a * 2; }",
        Limits {
            memory: Some(8 << 20),
            ..Limits::default()
        },
    );
    assert_eq!(r.result.expect_err("memory").kind, ErrorKind::MemoryLimit);
}

#[test]
fn mutual_recursion_and_closures_past_the_limit() {
    let r = run("function a(n) { return b(n + 1); }\nfunction b(n) { return a(n + 1); }\na(0);");
    let e = r.result.expect_err("depth");
    assert_eq!(e.kind, ErrorKind::RecursionError);
    assert!(e.stack.len() >= 1000, "stack has {} entries", e.stack.len());
    let r = run("f = fn(g) => g(g);\nf(f);");
    assert_eq!(r.result.expect_err("depth").kind, ErrorKind::RecursionError);
}

#[test]
fn errors_inside_finally_inside_loops_do_not_leak_completions() {
    let src = r#"
n = 0;
for (i in range(1000)) {
    try {
        try { x = [][0]; } finally { n = n + 1; continue; }
    } except (e) { print("never"); }
}
function f() {
    for (i in range(1000)) {
        try { throw {message: "m"}; } finally { if (i == 999) { return i; } continue; }
    }
}
print(n, f());
"#;
    assert_eq!(out(src), "1000 999\n");
}
