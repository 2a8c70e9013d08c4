//! Golden formatter tests: every `test_data/*.ml` is formatted and the result is compared with
//! the `.fmt` file next to it (refresh with `UPDATE_EXPECT=1 cargo test -p mlpy-fmt`). Each
//! golden output must also be a fixed point (formatting it again changes nothing).

use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ml"));
    files.sort();
    files
}

#[test]
fn golden_cases() {
    let files = cases();
    assert!(files.len() >= 9);
    for path in &files {
        let text = std::fs::read_to_string(path).expect("test file is UTF-8");
        let formatted = match mlpy_fmt::format(&text) {
            Ok(s) => s,
            Err(d) => panic!("{}: {d:?}", path.display()),
        };
        expect_test::expect_file![path.with_extension("fmt")].assert_eq(&formatted);
        assert_eq!(
            mlpy_fmt::format(&formatted).as_deref(),
            Ok(formatted.as_str()),
            "{} is not a fixed point",
            path.display()
        );
    }
}
