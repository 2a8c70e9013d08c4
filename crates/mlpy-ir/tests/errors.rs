//! Compile-error programs in `test_data/errors/`: each file lists, in header comments, every
//! diagnostic it must produce (`// error: LINE:COL MESSAGE`, `// warning: ...`, and
//! `// note: TEXT` for a note of the diagnostic above). The produced list must match exactly.

mod common;

use mlpy_ir::LowerOptions;

fn expected(src: &str) -> Vec<String> {
    src.lines()
        .map_while(|l| l.strip_prefix("// "))
        .filter(|l| {
            l.starts_with("error: ") || l.starts_with("warning: ") || l.starts_with("note: ")
        })
        .map(|l| l.replacen(": ", " ", 1))
        .collect()
}

fn produced(src: &str) -> Vec<String> {
    let (_, lowered) = common::lower_src(src, &LowerOptions::default());
    let mut out = Vec::new();
    for d in &lowered.diagnostics {
        let kind = if d.is_error() { "error" } else { "warning" };
        out.push(format!(
            "{kind} {} {}",
            common::line_col(src, d.range.start().into()),
            d.message
        ));
        out.extend(d.notes.iter().map(|n| format!("note {n}")));
    }
    out
}

#[test]
fn every_error_program() {
    let mut entries: Vec<_> = std::fs::read_dir(common::data_dir("errors"))
        .expect("test_data/errors")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ml"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 10, "error programs missing");
    let mut failures = Vec::new();
    for path in entries {
        let src = std::fs::read_to_string(&path).expect("readable");
        let (want, got) = (expected(&src), produced(&src));
        assert!(!want.is_empty(), "{} has no expectations", path.display());
        if want != got {
            failures.push(format!(
                "{}\n  want: {want:#?}\n  got:  {got:#?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `import` and `capability` inside blocks or functions are rejected (by the parser).
#[test]
fn import_and_capability_only_at_top_level() {
    for src in [
        "function f() { import math; }",
        "if (true) { import math; }",
        "function f() { capability C { allow read; } }",
    ] {
        let parse = mlpy_syntax::parse(src);
        let lowered = mlpy_ir::lower(&parse.tree(), &LowerOptions::default());
        assert!(
            !parse.diagnostics().is_empty() || lowered.has_errors(),
            "accepted: {src}"
        );
    }
}
