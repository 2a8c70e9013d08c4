//! Every corpus program (`corpus/**/*.ml`) and every valid parser test case
//! (`crates/mlpy-syntax/test_data/ok/*.ml`) is a formatter test: formatting succeeds, is
//! idempotent, keeps every comment (same texts, same order), and the result lowers to the same IR
//! as the original (`mlpy_ir::dump`, which leaves positions out) — an independent check of the
//! formatter's own re-parse guard.

mod common;

use common::comments;
use std::path::{Path, PathBuf};

fn ml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            ml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "ml") {
            out.push(path);
        }
    }
}

fn ir_dump(text: &str) -> String {
    let parse = mlpy_syntax::parse(text);
    let options = mlpy_ir::LowerOptions {
        open_world: true,
        ..Default::default()
    };
    mlpy_ir::dump::dump(&mlpy_ir::lower(&parse.tree(), &options).program)
}

/// Checks one valid program; returns a failure description.
fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let once = mlpy_fmt::format(&text).map_err(|d| format!("format failed: {d:?}"))?;
    let twice = mlpy_fmt::format(&once).map_err(|d| format!("second format failed: {d:?}"))?;
    if once != twice {
        return Err(format!(
            "not idempotent:\n--- once\n{once}\n--- twice\n{twice}"
        ));
    }
    if comments(&text) != comments(&once) {
        return Err(format!("comments changed:\n{once}"));
    }
    if ir_dump(&text) != ir_dump(&once) {
        return Err(format!("IR changed:\n{once}"));
    }
    if let Some(line) = once.lines().find(|l| l.ends_with(' ') || l.ends_with('\t')) {
        if !line.contains(['"', '\'']) {
            return Err(format!("trailing blank in {line:?}"));
        }
    }
    Ok(())
}

fn run(files: &[PathBuf]) -> usize {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if !mlpy_syntax::parse(&text).diagnostics().is_empty() {
            // Syntax-error programs are left untouched.
            assert!(mlpy_fmt::format(&text).is_err(), "{}", path.display());
            continue;
        }
        checked += 1;
        if let Err(e) = check(path) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    checked
}

#[test]
fn corpus_programs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files = Vec::new();
    ml_files(&root, &mut files);
    files.sort();
    let checked = run(&files);
    assert!(checked >= 250, "only {checked} corpus programs checked");
}

#[test]
fn parser_ok_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../mlpy-syntax/test_data/ok");
    let mut files = Vec::new();
    ml_files(&root, &mut files);
    files.sort();
    assert!(run(&files) >= 40);
}
