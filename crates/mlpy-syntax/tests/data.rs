//! Golden parser tests: every `test_data/{ok,err}/*.ml` is parsed and its tree + diagnostics dump
//! is compared with the `.rast` file next to it (refresh with `UPDATE_EXPECT=1 cargo test`).
//! `ok` files must parse without diagnostics, `err` files with at least one; all round-trip.

use std::path::{Path, PathBuf};

fn cases(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ml"));
    files.sort();
    files
}

fn check(dir: &str, expect_errors: bool) -> usize {
    let files = cases(dir);
    for path in &files {
        let text = std::fs::read_to_string(path).expect("test file is UTF-8");
        let parse = mlpy_syntax::parse(&text);
        assert_eq!(
            parse.syntax().to_string(),
            text,
            "round-trip failed for {}",
            path.display()
        );
        let has_errors = !parse.diagnostics().is_empty();
        assert_eq!(
            has_errors,
            expect_errors,
            "{}: unexpected diagnostics state:\n{}",
            path.display(),
            parse.debug_tree()
        );
        expect_test::expect_file![path.with_extension("rast")].assert_eq(&parse.debug_tree());
    }
    files.len()
}

#[test]
fn ok_cases() {
    assert!(check("ok", false) >= 40);
}

#[test]
fn err_cases() {
    assert!(check("err", true) >= 20);
}
