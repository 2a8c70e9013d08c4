//! `mlpy fmt FILE... [--check]` end to end (spec D23, D29): files are formatted in place;
//! `--check` writes nothing, lists the files that would change and exits 1 if any would; a file
//! with syntax errors is never touched (exit 1, diagnostics on stderr); usage errors exit 2.
//!
//! Each test works in a fresh temporary directory with relative file names.

use std::path::Path;
use std::process::Command;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn mlpy_fmt(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(mlpy_tests::mlpy_binary())
        .arg("fmt")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the mlpy binary runs");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    run
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write test file");
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read test file")
}

const UGLY: &str = "x=1;   // one\nif(x){print( x );}\n";
const PRETTY: &str = "x = 1; // one\nif (x) {\n    print(x);\n}\n";

#[test]
fn check_lists_files_that_would_change_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    write(dir, "ugly.ml", UGLY);
    write(dir, "pretty.ml", PRETTY);

    let run = mlpy_fmt(dir, &["--check", "ugly.ml", "pretty.ml"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "ugly.ml\n");
    assert_eq!(read(dir, "ugly.ml"), UGLY, "--check must not write");

    let run = mlpy_fmt(dir, &["--check", "pretty.ml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn formats_in_place_then_check_passes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    write(dir, "a.ml", UGLY);
    write(dir, "b.ml", PRETTY);

    let run = mlpy_fmt(dir, &["a.ml", "b.ml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(read(dir, "a.ml"), PRETTY);
    assert_eq!(read(dir, "b.ml"), PRETTY);

    let run = mlpy_fmt(dir, &["--check", "a.ml", "b.ml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn syntax_errors_leave_the_file_untouched() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let broken = "x =  ;\ny=2;\n";
    write(dir, "bad.ml", broken);
    write(dir, "good.ml", UGLY);

    for args in [&["bad.ml", "good.ml"][..], &["--check", "bad.ml"][..]] {
        let run = mlpy_fmt(dir, args);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(
            run.stderr.starts_with("bad.ml:1:6: SyntaxError:"),
            "{}",
            run.stderr
        );
        assert_eq!(read(dir, "bad.ml"), broken);
    }
    // The good file given alongside the bad one was still formatted.
    assert_eq!(read(dir, "good.ml"), PRETTY);
}

#[test]
fn missing_file_and_usage_errors() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let run = mlpy_fmt(dir, &["--check", "nope.ml"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("nope.ml"), "{}", run.stderr);

    let run = mlpy_fmt(dir, &[]);
    assert_eq!(run.code, Some(2));
    let run = mlpy_fmt(dir, &["--bogus", "x.ml"]);
    assert_eq!(run.code, Some(2));
}
