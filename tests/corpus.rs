//! Corpus runner: executes every `corpus/**/*.ml` program through the `mlpy` CLI binary and
//! checks it against the expectations written inline in the program (Crafting Interpreters
//! style).
//!
//! Expectation syntax (all are ML line comments, so they never change what the program does):
//!
//! * `// expect: TEXT` — the next line of standard output is exactly `TEXT` (in file order).
//!   `// expect:` with nothing after it expects an empty line.
//! * `// expect error: TEXT` — the program ends with an uncaught error (or does not compile);
//!   `TEXT` must be a substring of the first stderr line (`FILE:LINE:COL: KIND: MESSAGE`).
//!   Several `// expect error:` lines may be given; each must be a substring of that line
//!   (e.g. `.ml:3:` to pin the line and `ZeroDivisionError: division by zero` for the message).
//!   Expected exit status 1, or 4 when the text names `CapabilityError` or `SecurityError`.
//! * `// expect limit: fuel|timeout|memory|depth|output` — a resource limit stops the program:
//!   exit status 3, and the first stderr line names the limit kind (`FuelExhausted`, `Timeout`,
//!   `MemoryLimit`, `RecursionError`, `OutputLimit`).
//! * Header directives, each on a line of its own: `// fuel: N`, `// memory: MB`,
//!   `// max-depth: N`, `// max-output: BYTES`, `// timeout: SECS`, `// allow: GRANT`
//!   (repeatable), `// vm-only` (the Python backend skips the program, spec D14),
//!   `// exit: N` (overrides the expected exit status).
//!
//! Invariants: every program gets a fresh process with `--tz UTC`; a program is killed after
//! [`WALL_TIMEOUT`] so one hang cannot stall the run; all failures are collected and reported
//! together (file name, what differed) before the test fails. Files whose name starts with `_`
//! are helper modules for imports and are not run on their own.
//!
//! Environment: `MLPY_BIN` (path of the binary; default: `mlpy` next to this test's target dir),
//! `MLPY_CORPUS_FILTER=substring` (only paths containing it), `MLPY_CORPUS_PYTHON=0` (skip the
//! Python half; it runs by default whenever `python3` is available, and CI fails without it).

use mlpy_tests::{ml_files, python_available};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use wait_timeout::ChildExt;

/// Wall-clock budget of one program (including transpiling for the Python backend).
const WALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Which backend executes a corpus program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    /// `mlpy run FILE`.
    Vm,
    /// `mlpy transpile FILE -o tmp.py` then `python3 tmp.py` (spec D14, D26).
    Python,
}

/// Resource limit named by `// expect limit:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Limit {
    Fuel,
    Timeout,
    Memory,
    Depth,
    Output,
}

impl Limit {
    fn parse(s: &str) -> Option<Limit> {
        Some(match s {
            "fuel" => Limit::Fuel,
            "timeout" => Limit::Timeout,
            "memory" => Limit::Memory,
            "depth" => Limit::Depth,
            "output" => Limit::Output,
            _ => return None,
        })
    }

    /// The error kind the CLI prints for this limit (values.md §9.1, D31).
    fn kind(self) -> &'static str {
        match self {
            Limit::Fuel => "FuelExhausted",
            Limit::Timeout => "Timeout",
            Limit::Memory => "MemoryLimit",
            Limit::Depth => "RecursionError",
            Limit::Output => "OutputLimit",
        }
    }
}

/// Everything a corpus program declares about itself.
#[derive(Debug, Default, PartialEq)]
struct Expectations {
    stdout: Vec<String>,
    errors: Vec<String>,
    limit: Option<Limit>,
    fuel: Option<u64>,
    memory: Option<u64>,
    max_depth: Option<u64>,
    max_output: Option<u64>,
    timeout: Option<String>,
    allow: Vec<String>,
    vm_only: bool,
    exit: Option<i32>,
}

impl Expectations {
    /// Parses the inline directives of a program. Returns an error for a malformed directive
    /// (so a typo in the corpus is reported instead of silently ignored).
    fn parse(source: &str) -> Result<Expectations, String> {
        let mut e = Expectations::default();
        for (idx, raw) in source.lines().enumerate() {
            let line_no = idx + 1;
            let line = raw.trim_end_matches('\r');
            if let Some(pos) = line.find("// expect: ") {
                e.stdout.push(line[pos + "// expect: ".len()..].to_string());
                continue;
            }
            if line.trim_end().ends_with("// expect:") {
                e.stdout.push(String::new());
                continue;
            }
            if let Some(pos) = line.find("// expect error:") {
                let text = line[pos + "// expect error:".len()..].trim();
                if text.is_empty() {
                    return Err(format!("line {line_no}: empty `// expect error:`"));
                }
                e.errors.push(text.to_string());
                continue;
            }
            if let Some(pos) = line.find("// expect limit:") {
                let text = line[pos + "// expect limit:".len()..].trim();
                let limit = Limit::parse(text)
                    .ok_or_else(|| format!("line {line_no}: unknown limit `{text}`"))?;
                e.limit = Some(limit);
                continue;
            }
            let Some(directive) = line.trim_start().strip_prefix("// ") else {
                continue;
            };
            let directive = directive.trim_end();
            if directive == "vm-only" {
                e.vm_only = true;
                continue;
            }
            let Some((key, value)) = directive.split_once(": ") else {
                continue;
            };
            let value = value.trim();
            let number = |v: &str| -> Result<u64, String> {
                v.parse::<u64>()
                    .map_err(|_| format!("line {line_no}: `{key}` needs a number, got `{v}`"))
            };
            match key {
                "fuel" => e.fuel = Some(number(value)?),
                "memory" => e.memory = Some(number(value)?),
                "max-depth" => e.max_depth = Some(number(value)?),
                "max-output" => e.max_output = Some(number(value)?),
                "timeout" => {
                    value
                        .parse::<f64>()
                        .map_err(|_| format!("line {line_no}: bad timeout `{value}`"))?;
                    e.timeout = Some(value.to_string());
                }
                "allow" => e.allow.push(value.to_string()),
                "exit" => {
                    let code = value
                        .parse::<i32>()
                        .map_err(|_| format!("line {line_no}: bad exit status `{value}`"))?;
                    e.exit = Some(code);
                }
                _ => {}
            }
        }
        if e.limit.is_some() && !e.errors.is_empty() {
            return Err("both `expect error` and `expect limit` given".to_string());
        }
        Ok(e)
    }

    /// The exit status the CLI must end with (DESIGN.md "CLI contract").
    fn exit_status(&self) -> i32 {
        if let Some(code) = self.exit {
            return code;
        }
        if self.limit.is_some() {
            return 3;
        }
        if self
            .errors
            .iter()
            .any(|t| t.contains("CapabilityError") || t.contains("SecurityError"))
        {
            return 4;
        }
        if self.errors.is_empty() {
            0
        } else {
            1
        }
    }

    /// Limit flags shared by `run` and `transpile` (D26: the Python half gets depth/output).
    fn limit_args(&self, backend: Backend) -> Vec<String> {
        let mut args = Vec::new();
        let mut push = |flag: &str, v: String| {
            args.push(flag.to_string());
            args.push(v);
        };
        if backend == Backend::Vm {
            if let Some(n) = self.fuel {
                push("--fuel", n.to_string());
            }
            if let Some(n) = self.memory {
                push("--memory", n.to_string());
            }
            if let Some(t) = &self.timeout {
                push("--timeout", t.clone());
            }
        }
        if let Some(n) = self.max_depth {
            push("--max-depth", n.to_string());
        }
        if let Some(n) = self.max_output {
            push("--max-output", n.to_string());
        }
        for g in &self.allow {
            push("--allow", g.clone());
        }
        args
    }
}

/// What one process run produced.
struct Outcome {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs a command with piped output, killing it after [`WALL_TIMEOUT`].
fn run_with_timeout(cmd: &mut Command) -> Result<Outcome, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    // Drain both pipes on threads so a chatty program cannot block on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = match child.wait_timeout(WALL_TIMEOUT) {
        Ok(Some(status)) => status,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "killed after {}s wall time",
                WALL_TIMEOUT.as_secs()
            ));
        }
        Err(e) => return Err(format!("wait failed: {e}")),
    };
    Ok(Outcome {
        status: status.code(),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

/// Runs one program (`file`, relative to `root`, which is also the working directory) on one
/// backend and returns a description of every mismatch.
fn check_program(bin: &Path, root: &Path, file: &Path, backend: Backend) -> Result<(), String> {
    let source =
        std::fs::read_to_string(root.join(file)).map_err(|e| format!("cannot read: {e}"))?;
    let exp = Expectations::parse(&source).map_err(|e| format!("bad directive: {e}"))?;
    let outcome = match backend {
        Backend::Vm => {
            let mut cmd = Command::new(bin);
            cmd.current_dir(root).arg("run").args(["--tz", "UTC"]);
            cmd.args(exp.limit_args(backend)).arg(file);
            run_with_timeout(&mut cmd)?
        }
        Backend::Python => {
            let dir = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
            let py = dir.path().join("prog.py");
            let mut cmd = Command::new(bin);
            cmd.current_dir(root)
                .arg("transpile")
                .arg(file)
                .arg("-o")
                .arg(&py);
            cmd.args(["--tz", "UTC"]).args(exp.limit_args(backend));
            let transpiled = run_with_timeout(&mut cmd)?;
            if transpiled.status == Some(0) {
                run_with_timeout(Command::new("python3").current_dir(root).arg(&py))?
            } else {
                // A program that does not compile fails at transpile time, with the same text.
                transpiled
            }
        }
    };
    compare(&exp, &outcome)
}

/// Compares an outcome with the expectations; the error text lists every difference.
fn compare(exp: &Expectations, got: &Outcome) -> Result<(), String> {
    let mut problems = Vec::new();
    let actual: Vec<&str> = got.stdout.lines().collect();
    if actual != exp.stdout {
        problems.push(format!(
            "stdout differs:\n{}",
            line_diff(&exp.stdout, &actual)
        ));
    }
    let want_status = exp.exit_status();
    if got.status != Some(want_status) {
        problems.push(format!(
            "exit status: expected {want_status}, got {}",
            got.status.map_or("a signal".to_string(), |c| c.to_string())
        ));
    }
    let first = got.stderr.lines().next().unwrap_or("");
    let mut needles: Vec<&str> = exp.errors.iter().map(String::as_str).collect();
    if let Some(limit) = exp.limit {
        needles.push(limit.kind());
    }
    for needle in needles {
        if !first.contains(needle) {
            problems.push(format!("first stderr line lacks `{needle}`: `{first}`"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        if !got.stderr.is_empty() && !problems.iter().any(|p| p.contains("stderr")) {
            let head: Vec<&str> = got.stderr.lines().take(6).collect();
            problems.push(format!("stderr:\n    {}", head.join("\n    ")));
        }
        Err(problems.join("\n"))
    }
}

/// A compact line diff: every index where expected and actual differ.
fn line_diff(expected: &[String], actual: &[&str]) -> String {
    let mut out = String::new();
    let n = expected.len().max(actual.len());
    let mut shown = 0;
    for i in 0..n {
        let e = expected.get(i).map(String::as_str);
        let a = actual.get(i).copied();
        if e == a {
            continue;
        }
        if shown == 12 {
            out.push_str("    ...\n");
            break;
        }
        shown += 1;
        out.push_str(&format!("    line {}:\n", i + 1));
        out.push_str(&format!("      - {}\n", e.unwrap_or("<missing>")));
        out.push_str(&format!("      + {}\n", a.unwrap_or("<missing>")));
    }
    out
}

/// Every `.ml` file under `dir`, sorted, skipping `_helper.ml` modules.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = ml_files(dir);
    files.retain(|path| {
        !path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('_'))
    });
    files
}

/// Runs the whole corpus on one backend in 2–4 threads and fails with every mismatch.
fn run_corpus(backend: Backend) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = mlpy_tests::mlpy_binary();
    let filter = std::env::var("MLPY_CORPUS_FILTER").unwrap_or_default();
    let files: Vec<PathBuf> = corpus_files(&root.join("corpus"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(&filter))
        .collect();
    assert!(
        !files.is_empty(),
        "no corpus programs matched filter `{filter}`"
    );
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    let skipped = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(file) = files.get(i) else { break };
                let rel = file.strip_prefix(root).unwrap_or(file);
                if backend == Backend::Python && is_vm_only(file) {
                    skipped.fetch_add(1, Ordering::SeqCst);
                    continue;
                }
                if let Err(msg) = check_program(&bin, root, rel, backend) {
                    let mut f = failures.lock().unwrap_or_else(|p| p.into_inner());
                    f.push((rel.display().to_string(), msg));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort();
    let skipped = skipped.into_inner();
    let total = files.len() - skipped;
    for (file, msg) in &failures {
        eprintln!(
            "FAIL [{backend:?}] {file}\n  {}\n",
            msg.replace('\n', "\n  ")
        );
    }
    if skipped > 0 {
        eprintln!("[{backend:?}] skipped {skipped} `// vm-only` programs (spec D14)");
    }
    eprintln!(
        "corpus [{backend:?}]: {} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} corpus programs failed on {backend:?}",
        failures.len()
    );
}

fn is_vm_only(file: &Path) -> bool {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|s| Expectations::parse(&s).ok())
        .is_some_and(|e| e.vm_only)
}

#[test]
fn corpus_vm() {
    run_corpus(Backend::Vm);
}

#[test]
fn corpus_python() {
    if std::env::var("MLPY_CORPUS_PYTHON").as_deref() == Ok("0") {
        eprintln!("corpus [Python]: skipped (MLPY_CORPUS_PYTHON=0)");
        return;
    }
    if !python_available() {
        // CI must run both halves: a missing python3 there is a failure, not a skip.
        assert!(
            std::env::var("CI").is_err(),
            "python3 is required for the Python half of the corpus in CI"
        );
        eprintln!("corpus [Python]: skipped (python3 not found)");
        return;
    }
    run_corpus(Backend::Python);
}

mod parser_tests {
    use super::*;

    #[test]
    fn stdout_expectations_in_order() {
        let e = Expectations::parse(
            "print(1); // expect: 1\nprint(\"a  b\"); // expect: a  b\n// expect:\nx = 2;\n",
        )
        .unwrap();
        assert_eq!(e.stdout, vec!["1", "a  b", ""]);
        assert_eq!(e.exit_status(), 0);
        assert!(e.errors.is_empty() && e.limit.is_none());
    }

    #[test]
    fn error_expectations_and_status() {
        let e = Expectations::parse(
            "print(1); // expect: 1\nx = 1 / 0; // expect error: .ml:2:\n// expect error: ZeroDivisionError: division by zero\n",
        )
        .unwrap();
        assert_eq!(
            e.errors,
            vec![".ml:2:", "ZeroDivisionError: division by zero"]
        );
        assert_eq!(e.exit_status(), 1);
        let cap = Expectations::parse("// expect error: CapabilityError\n").unwrap();
        assert_eq!(cap.exit_status(), 4);
        let overridden = Expectations::parse("// exit: 2\n// expect error: usage\n").unwrap();
        assert_eq!(overridden.exit_status(), 2);
    }

    #[test]
    fn header_directives() {
        let e = Expectations::parse(
            "// fuel: 1000\n// memory: 16\n// max-depth: 50\n// max-output: 100\n// timeout: 0.5\n// allow: file.read:/tmp/*\n// allow: env.read\n// vm-only\n// expect limit: fuel\nwhile (true) { }\n",
        )
        .unwrap();
        assert_eq!(e.fuel, Some(1000));
        assert_eq!(e.memory, Some(16));
        assert_eq!(e.max_depth, Some(50));
        assert_eq!(e.max_output, Some(100));
        assert_eq!(e.timeout.as_deref(), Some("0.5"));
        assert_eq!(e.allow, vec!["file.read:/tmp/*", "env.read"]);
        assert!(e.vm_only);
        assert_eq!(e.limit, Some(Limit::Fuel));
        assert_eq!(e.exit_status(), 3);
        assert_eq!(
            e.limit_args(Backend::Vm),
            [
                "--fuel",
                "1000",
                "--memory",
                "16",
                "--timeout",
                "0.5",
                "--max-depth",
                "50",
                "--max-output",
                "100",
                "--allow",
                "file.read:/tmp/*",
                "--allow",
                "env.read"
            ]
        );
        // The Python backend enforces only depth and output (D14) and gets the grants (D3).
        assert_eq!(
            e.limit_args(Backend::Python),
            [
                "--max-depth",
                "50",
                "--max-output",
                "100",
                "--allow",
                "file.read:/tmp/*",
                "--allow",
                "env.read"
            ]
        );
    }

    #[test]
    fn malformed_directives_are_rejected() {
        assert!(Expectations::parse("// fuel: lots\n").is_err());
        assert!(Expectations::parse("// expect limit: gas\n").is_err());
        assert!(Expectations::parse("// expect error:\n").is_err());
        assert!(Expectations::parse("// expect error: X\n// expect limit: fuel\n").is_err());
        assert!(Expectations::parse("// exit: one\n").is_err());
    }

    #[test]
    fn ordinary_comments_are_not_directives() {
        let e = Expectations::parse("// a note: with a colon\nx = 10 // 3; // floor\n").unwrap();
        assert_eq!(e, Expectations::default());
    }

    #[test]
    fn compare_reports_every_problem() {
        let exp =
            Expectations::parse("// expect: 1\n// expect: 2\n// expect error: KeyError\n").unwrap();
        let ok = Outcome {
            status: Some(1),
            stdout: "1\n2\n".into(),
            stderr: "f.ml:3:1: KeyError: 'b'\n  x\n".into(),
        };
        assert!(compare(&exp, &ok).is_ok());
        let bad = Outcome {
            status: Some(0),
            stdout: "1\n3\n".into(),
            stderr: String::new(),
        };
        let msg = compare(&exp, &bad).unwrap_err();
        assert!(msg.contains("stdout differs"), "{msg}");
        assert!(msg.contains("- 2") && msg.contains("+ 3"), "{msg}");
        assert!(msg.contains("exit status: expected 1, got 0"), "{msg}");
        assert!(msg.contains("lacks `KeyError`"), "{msg}");
    }

    #[test]
    fn limit_kind_is_checked_on_stderr() {
        let exp = Expectations::parse("// max-depth: 10\n// expect limit: depth\n").unwrap();
        let ok = Outcome {
            status: Some(3),
            stdout: String::new(),
            stderr: "f.ml:2:5: RecursionError: maximum recursion depth exceeded\n".into(),
        };
        assert!(compare(&exp, &ok).is_ok());
        let wrong = Outcome {
            status: Some(1),
            ..ok
        };
        assert!(compare(&exp, &wrong).is_err());
    }

    #[test]
    fn every_corpus_file_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for file in corpus_files(&root) {
            let src = std::fs::read_to_string(&file).unwrap();
            if let Err(e) = Expectations::parse(&src) {
                panic!("{}: {e}", file.display());
            }
        }
    }
}
