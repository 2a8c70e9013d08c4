//! `mlpy transpile` and `mlpy audit` end to end (DESIGN.md CLI contract, spec D1, D2, D11, D13,
//! D26, D28): output file and source map, stdout mode, strict refusal (exit 4), compile errors
//! (exit 1), usage errors (exit 2), audit text and JSON, baked limits and grants.

use mlpy_tests::python_available;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn mlpy(dir: &Path, args: &[&str]) -> Output {
    Command::new(mlpy_tests::mlpy_binary())
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("mlpy runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn transpile_to_file_with_source_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ml"), "x = 1;\nprint(x + 1);\n").expect("write");
    let out = mlpy(
        dir.path(),
        &["transpile", "p.ml", "-o", "p.py", "--source-map"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let py = std::fs::read_to_string(dir.path().join("p.py")).expect("p.py");
    assert!(py.ends_with("# sourceMappingURL=p.py.map\n"), "{py}");
    let map = std::fs::read_to_string(dir.path().join("p.py.map")).expect("map");
    assert!(
        map.contains("\"version\":3") && map.contains("\"sources\":[\"p.ml\"]"),
        "{map}"
    );
    assert!(map.contains("\"file\":\"p.py\""), "{map}");
    if python_available() {
        let run = Command::new("python3")
            .arg("p.py")
            .current_dir(dir.path())
            .output()
            .expect("python3");
        assert_eq!(text(&run.stdout), "2\n");
    }
}

#[test]
fn transpile_to_stdout_and_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ml"), "print(1);\n").expect("write");
    let out = mlpy(dir.path(), &["transpile", "p.ml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("def __ml_main():"));
    // --source-map needs -o (D2); unknown grants are usage errors (D13).
    assert_eq!(
        mlpy(dir.path(), &["transpile", "p.ml", "--source-map"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        mlpy(
            dir.path(),
            &["transpile", "p.ml", "--allow", "rocket.launch"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn strict_refusal_compile_errors_and_no_strict() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bad.ml"), "x = \"a\".__class__;\n").expect("write");
    std::fs::write(dir.path().join("unknown.ml"), "print(nope);\n").expect("write");
    let out = mlpy(dir.path(), &["transpile", "bad.ml", "-o", "bad.py"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("SecurityError"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("bad.py").exists());
    let out = mlpy(dir.path(), &["transpile", "unknown.ml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Unknown identifier 'nope'"));
    let out = mlpy(
        dir.path(),
        &["transpile", "bad.ml", "--no-strict", "-o", "bad.py"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("reflection_abuse"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn baked_depth_and_output_limits() {
    if !python_available() {
        assert!(std::env::var("CI").is_err(), "python3 is required in CI");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("deep.ml"),
        "function f(n) { return f(n + 1); }\nf(0);\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("loud.ml"),
        "for (i in range(100)) { print(\"line\", i); }\n",
    )
    .expect("write");
    let t = mlpy(
        dir.path(),
        &["transpile", "deep.ml", "-o", "deep.py", "--max-depth", "60"],
    );
    assert_eq!(t.status.code(), Some(0));
    let run = Command::new("python3")
        .arg("deep.py")
        .current_dir(dir.path())
        .output()
        .expect("python3");
    assert_eq!(run.status.code(), Some(3));
    assert!(text(&run.stderr)
        .starts_with("deep.ml:1:24: RecursionError: maximum recursion depth exceeded"));
    assert!(text(&run.stderr).contains("more frames ..."));
    let t = mlpy(
        dir.path(),
        &[
            "transpile",
            "loud.ml",
            "-o",
            "loud.py",
            "--max-output",
            "20",
        ],
    );
    assert_eq!(t.status.code(), Some(0));
    let run = Command::new("python3")
        .arg("loud.py")
        .current_dir(dir.path())
        .output()
        .expect("python3");
    assert_eq!(run.status.code(), Some(3));
    assert_eq!(text(&run.stdout), "line 0\nline 1\nline 2");
    assert!(text(&run.stderr).contains("OutputLimit: output limit exceeded"));
}

#[test]
fn audit_text_json_and_exit_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.ml"),
        "s = \"please open(the door)\";\nx = eval(\"1\");\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("ok.ml"), "s = \"open(x)\";\n").expect("write");
    std::fs::write(dir.path().join("syntax.ml"), "x = ;\n").expect("write");
    let out = mlpy(dir.path(), &["audit", "a.ml"]);
    assert_eq!(out.status.code(), Some(4));
    let lines = text(&out.stdout);
    assert!(
        lines.contains("a.ml:1:5: medium: suspicious_string: "),
        "{lines}"
    );
    assert!(
        lines.contains("a.ml:2:5: critical: code_injection: "),
        "{lines}"
    );
    let out = mlpy(dir.path(), &["audit", "a.ml", "--json"]);
    assert_eq!(out.status.code(), Some(4));
    let json = text(&out.stdout);
    assert!(
        json.starts_with("{\"file\":\"a.ml\",\"findings\":[{"),
        "{json}"
    );
    assert!(
        json.contains("\"severity\":\"critical\"") && json.contains("\"line\":2"),
        "{json}"
    );
    assert_eq!(mlpy(dir.path(), &["audit", "ok.ml"]).status.code(), Some(0));
    assert_eq!(
        mlpy(dir.path(), &["audit", "syntax.ml"]).status.code(),
        Some(1)
    );
}
