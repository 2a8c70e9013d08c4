//! Broken and hostile trees: lowering and auditing never panic and never overflow the stack.

mod common;

use mlpy_ir::{audit, lower, LowerOptions};

fn lower_and_audit(src: &str) -> mlpy_ir::Lowered {
    let parse = mlpy_syntax::parse(src);
    let file = parse.tree();
    let lowered = lower(&file, &LowerOptions::default());
    audit::audit(&file, &lowered);
    lowered
}

/// Every prefix of every test program (a broken tree for nearly every cut) lowers and audits.
#[test]
fn every_prefix_of_every_program() {
    let mut sources = Vec::new();
    for sub in ["lower", "errors", "audit"] {
        for entry in std::fs::read_dir(common::data_dir(sub))
            .expect("test_data")
            .flatten()
        {
            if entry.path().extension().is_some_and(|x| x == "ml") {
                sources.push(std::fs::read_to_string(entry.path()).expect("readable"));
            }
        }
    }
    assert!(sources.len() > 40);
    for src in &sources {
        for (cut, _) in src.char_indices().step_by(3) {
            lower_and_audit(&src[..cut]);
            // Also drop one character in the middle, which breaks the tree elsewhere.
            let mut damaged = src.clone();
            damaged.remove(cut);
            lower_and_audit(&damaged);
        }
    }
}

#[test]
fn garbage_inputs() {
    for src in [
        "function (",
        "fn(...) =>",
        "x = ;",
        "[a, b] = ;",
        "{a} = {",
        "for (;;",
        "try { } except (",
        "nonlocal ;",
        "import ;",
        "capability { allow",
        "o.k.",
        "a[1:2:",
        "}}}}]]]))",
        "function f(a, a, ...a) { nonlocal a; nonlocal a; }",
        "null = None = 3;",
        "throw 1;",
        "f(x)(y)[z].w = ;",
    ] {
        lower_and_audit(src);
    }
}

/// Nesting far past the parser's limit: diagnostics, no stack overflow. Runs on a thread with
/// Rust's default 2 MiB stack: unoptimised lowering needs about 5 KiB per nesting level, and
/// `MAX_DEPTH` keeps that near 1.3 MiB.
#[test]
fn deep_nesting_is_bounded() {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let n = 20_000;
            for src in [
                format!("x = {}1{};", "(".repeat(n), ")".repeat(n)),
                format!("x = {}1;", "-".repeat(n)),
                format!("x = 1{};", " + 1".repeat(n)),
                format!("x = a{};", ".b".repeat(n)),
                format!("x = f{};", "()".repeat(n)),
                format!("{}x = 1;{}", "if (t) { ".repeat(n), "}".repeat(n)),
                format!("x = {}1{};", "fn() => ".repeat(n), ""),
                format!("x = {}{};", "[".repeat(n), "]".repeat(n)),
            ] {
                let parse = mlpy_syntax::parse(&src);
                let file = parse.tree();
                let lowered = lower(
                    &file,
                    &LowerOptions {
                        open_world: true,
                        ..LowerOptions::default()
                    },
                );
                audit::audit(&file, &lowered);
                mlpy_ir::dump::dump(&lowered.program);
            }
        })
        .expect("thread");
    assert!(handle.join().is_ok());
}

/// Moderately deep but valid nesting lowers without a depth error.
#[test]
fn valid_nesting_within_the_parser_limit_lowers() {
    let src = format!("t = 1; x = {}1{};", "(".repeat(200), ")".repeat(200));
    let lowered = lower_and_audit(&src);
    assert!(!lowered.has_errors(), "{:?}", lowered.diagnostics);
    let src = format!(
        "t = 1; {}x = 1;{}",
        "if (t) { ".repeat(150),
        "}".repeat(150)
    );
    let lowered = lower_and_audit(&src);
    assert!(!lowered.has_errors(), "{:?}", lowered.diagnostics);
}

/// Many distinct unknown names: one error each, computed in reasonable time (suggestions are
/// capped, so this stays linear).
#[test]
fn many_unknown_names() {
    let mut src = String::new();
    for i in 0..5000 {
        src.push_str(&format!("known_{i} = unknown_{i};\n"));
    }
    let lowered = lower_and_audit(&src);
    let errors = lowered.diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 5000);
    let with_notes = lowered
        .diagnostics
        .iter()
        .filter(|d| !d.notes.is_empty())
        .count();
    assert!(with_notes <= 32);
}

/// Huge parameter lists and `nonlocal` lists stay linear.
#[test]
fn many_parameters() {
    let params: Vec<String> = (0..20_000).map(|i| format!("p{i}")).collect();
    let src = format!(
        "x = 1; function f({}) {{ function g() {{ nonlocal {}; }} return p0; }}",
        params.join(", "),
        params.join(", ")
    );
    let lowered = lower_and_audit(&src);
    assert!(!lowered.has_errors(), "{:?}", lowered.diagnostics.first());
    assert_eq!(lowered.program.functions[0].params, 20_000);
}
