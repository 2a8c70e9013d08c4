//! End-to-end tests of the `mlpy` command-line tool (DESIGN.md "CLI contract"; spec D7, D16,
//! D18, D22, D25, D28, D32): `check` diagnostics, `run` exit statuses and limits, the error
//! output format, `--globals json`, `--stats`, `disasm`, `--help`, and hostile inputs.
//!
//! Invariants: every test writes its programs into a fresh temporary directory and runs the
//! binary with that directory as working directory and a relative file name, so messages read
//! `prog.ml:LINE:COL: ...`; every child process is killed after [`WALL_TIMEOUT`] so a hang fails
//! one test instead of stalling the run; every run is checked for a crash (death by signal, or a
//! Rust panic message on stderr) before anything else is asserted.
//!
//! Environment: `MLPY_BIN` (path of the binary; default: `mlpy` in the target directory of this
//! test executable, the same lookup as `tests/corpus.rs`).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// Wall-clock budget of one `mlpy` invocation.
const WALL_TIMEOUT: Duration = Duration::from_secs(60);

/// What one `mlpy` invocation did.
#[derive(Debug)]
struct Output {
    /// Exit status; `None` when the process died by a signal.
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Output {
    /// First line of stderr (the `FILE:LINE:COL: KIND: MESSAGE` header of an error).
    fn first_err_line(&self) -> &str {
        self.stderr.lines().next().unwrap_or("")
    }

    /// Asserts the process ended by itself with `code` and did not panic.
    fn assert_code(&self, code: i32) -> &Self {
        self.assert_no_crash();
        assert_eq!(self.code, Some(code), "wrong exit status\n{self:#?}");
        self
    }

    /// Asserts the process exited normally (no signal) and printed no Rust panic.
    fn assert_no_crash(&self) -> &Self {
        assert!(self.code.is_some(), "killed by a signal\n{self:#?}");
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked\n{self:#?}"
        );
        self
    }
}

/// A temporary directory holding the programs of one test.
struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("create a temporary directory"),
        }
    }

    /// Writes `contents` to `name` inside the directory.
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.tmp.path().join(name), contents).expect("write a test program");
        self
    }

    /// Runs `mlpy ARGS...` inside the directory, killing it after [`WALL_TIMEOUT`].
    fn mlpy(&self, args: &[&str]) -> Output {
        let start = Instant::now();
        let mut child = Command::new(mlpy_tests::mlpy_binary())
            .args(args)
            .current_dir(self.tmp.path())
            .env_remove("MLPY_BIN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn mlpy");
        // Drain both pipes on threads so a chatty child never blocks on a full pipe.
        let mut out_pipe = child.stdout.take().expect("stdout pipe");
        let mut err_pipe = child.stderr.take().expect("stderr pipe");
        let out_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = out_pipe.read_to_end(&mut buf);
            buf
        });
        let err_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = err_pipe.read_to_end(&mut buf);
            buf
        });
        let status = match child.wait_timeout(WALL_TIMEOUT).expect("wait for mlpy") {
            Some(status) => status,
            None => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("mlpy {args:?} did not finish within {WALL_TIMEOUT:?}");
            }
        };
        let stdout = out_reader.join().expect("stdout reader");
        let stderr = err_reader.join().expect("stderr reader");
        Output {
            code: status.code(),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            elapsed: start.elapsed(),
        }
    }
}

/// Writes `source` to `prog.ml` in a fresh directory and runs `mlpy CMD prog.ml EXTRA...`.
fn on_program(cmd: &str, source: &str, extra: &[&str]) -> Output {
    let dir = Dir::new();
    dir.write("prog.ml", source);
    let mut args = vec![cmd, "prog.ml"];
    args.extend_from_slice(extra);
    dir.mlpy(&args)
}

fn check(source: &str) -> Output {
    on_program("check", source, &[])
}

fn run(source: &str, extra: &[&str]) -> Output {
    on_program("run", source, extra)
}

/// One parsed `FILE:LINE:COL: KIND: MESSAGE` header line.
#[derive(Debug, PartialEq)]
struct Header {
    file: String,
    line: usize,
    col: usize,
    kind: String,
    message: String,
}

/// Parses a header line of `file`, or `None` when the line is not one.
fn parse_header(file: &str, text: &str) -> Option<Header> {
    let rest = text.strip_prefix(file)?.strip_prefix(':')?;
    let (line, rest) = rest.split_once(':')?;
    let (col, rest) = rest.split_once(": ")?;
    let (kind, message) = rest.split_once(": ")?;
    Some(Header {
        file: file.to_string(),
        line: line.parse().ok()?,
        col: col.parse().ok()?,
        kind: kind.to_string(),
        message: message.to_string(),
    })
}

/// Every error header of `file` in `stderr`, in order.
fn headers(file: &str, stderr: &str) -> Vec<Header> {
    stderr
        .lines()
        .filter_map(|l| parse_header(file, l))
        .collect()
}

/// Asserts that the block starting at the header `header_idx` (index into stderr lines) shows
/// `source_line` and, on a later line, a caret under column `col` of it (1-based).
fn assert_caret(stderr: &str, header_idx: usize, source_line: &str, col: usize) {
    let lines: Vec<&str> = stderr.lines().collect();
    let block = &lines[header_idx + 1..];
    let (src_at, src_pos) = block
        .iter()
        .enumerate()
        .find_map(|(i, l)| l.find(source_line).map(|p| (i, p)))
        .unwrap_or_else(|| panic!("source line `{source_line}` not shown\n{stderr}"));
    let caret_line = block[src_at + 1..]
        .iter()
        .find(|l| l.contains('^'))
        .unwrap_or_else(|| panic!("no caret line after `{source_line}`\n{stderr}"));
    let caret_pos = caret_line.find('^').unwrap_or_default();
    // The gutters of the source line and the caret line have the same width.
    let text_offset: usize = source_line
        .char_indices()
        .nth(col - 1)
        .map_or(source_line.len(), |(i, _)| i);
    assert_eq!(
        caret_pos,
        src_pos + text_offset,
        "caret not under column {col} of `{source_line}`\n{stderr}"
    );
}

/// Asserts `mlpy check` on `source` ends with exit 1 and exactly one error whose header is at
/// `line:col` with `kind` and a message containing `message`, with its source line and caret.
fn assert_single_check_error(source: &str, line: usize, col: usize, kind: &str, message: &str) {
    let out = check(source);
    out.assert_code(1);
    assert_eq!(out.stdout, "", "check prints nothing on stdout");
    let hs = headers("prog.ml", &out.stderr);
    assert_eq!(hs.len(), 1, "expected exactly one error\n{}", out.stderr);
    let h = &hs[0];
    assert_eq!((h.line, h.col), (line, col), "position\n{}", out.stderr);
    assert_eq!(h.kind, kind, "kind\n{}", out.stderr);
    assert!(
        h.message.contains(message),
        "message `{}` lacks `{message}`",
        h.message
    );
    assert_eq!(
        out.first_err_line(),
        format!("prog.ml:{line}:{col}: {kind}: {}", h.message)
    );
    let src = source.lines().nth(line - 1).unwrap_or_default();
    assert_caret(&out.stderr, 0, src, col);
}

// ---------------------------------------------------------------- check

#[test]
fn check_valid_file_prints_nothing() {
    let out = check("x = 1;\nfunction f(a) { return a + x; }\nprint(f(2));\n");
    out.assert_code(0);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
}

#[test]
fn check_unknown_identifier() {
    assert_single_check_error(
        "x = 1;\nprint(y);\n",
        2,
        7,
        "SyntaxError",
        "Unknown identifier 'y'",
    );
}

#[test]
fn check_break_outside_loop() {
    assert_single_check_error(
        "x = 1;\nbreak;\n",
        2,
        1,
        "SyntaxError",
        "'break' outside loop",
    );
}

#[test]
fn check_continue_outside_loop() {
    assert_single_check_error(
        "x = 1;\n  continue;\n",
        2,
        3,
        "SyntaxError",
        "'continue' outside loop",
    );
}

#[test]
fn check_nonlocal_without_binding() {
    assert_single_check_error(
        "function f() { nonlocal z; z = 1; }\n",
        1,
        25,
        "SyntaxError",
        "nonlocal 'z'",
    );
}

#[test]
fn check_return_at_top_level() {
    assert_single_check_error(
        "return 1;\n",
        1,
        1,
        "SyntaxError",
        "'return' outside function",
    );
}

/// language.md §1.3/§1.4: a reserved word is never a variable name. The parser already says
/// "'if' is a reserved word and cannot be a function name" for `function if() {}`; an assignment
/// to `if` deserves the same one clear message, not a cascade of "expected '('" errors.
#[test]
fn check_reserved_word_as_variable() {
    assert_single_check_error("if = 1;\n", 1, 1, "SyntaxError", "reserved word");
}

#[test]
fn check_reserved_word_as_function_name() {
    assert_single_check_error(
        "function if() { return 1; }\n",
        1,
        10,
        "SyntaxError",
        "'if' is a reserved word",
    );
}

#[test]
fn check_assign_none() {
    assert_single_check_error("None = 1;\n", 1, 1, "SyntaxError", "'None'");
}

#[test]
fn check_duplicate_parameter() {
    assert_single_check_error(
        "function f(a, a) { return a; }\n",
        1,
        15,
        "SyntaxError",
        "Duplicate parameter 'a'",
    );
}

#[test]
fn check_reports_every_error_in_a_file() {
    let source = "print(a);\nprint(b);\nbreak;\nfunction f(p, p) { return p; }\n";
    let out = check(source);
    out.assert_code(1);
    let positions: Vec<(usize, usize)> = headers("prog.ml", &out.stderr)
        .iter()
        .map(|h| (h.line, h.col))
        .collect();
    assert_eq!(
        positions,
        [(1, 7), (2, 7), (3, 1), (4, 15)],
        "{}",
        out.stderr
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    for (src_line, col) in [("print(a);", 7), ("print(b);", 7), ("break;", 1)] {
        let idx = lines
            .iter()
            .position(|l| {
                l.starts_with("prog.ml:") && l.contains(&format!(":{col}: ")) && {
                    let n = source.lines().position(|s| s == src_line).unwrap_or(0) + 1;
                    l.starts_with(&format!("prog.ml:{n}:"))
                }
            })
            .unwrap_or_else(|| panic!("no header for `{src_line}`\n{}", out.stderr));
        assert_caret(&out.stderr, idx, src_line, col);
    }
}

#[test]
fn check_missing_semicolon_is_one_error_and_parsing_recovers() {
    // A later function calling one defined after it must still resolve (no bogus
    // "Unknown identifier" from the recovery).
    let source = "x = 1\nfunction f() { return g(); }\nfunction g() { return x; }\nprint(f());\n";
    let out = check(source);
    out.assert_code(1);
    let hs = headers("prog.ml", &out.stderr);
    assert_eq!(hs.len(), 1, "exactly one error expected\n{}", out.stderr);
    assert_eq!(hs[0].kind, "SyntaxError");
    assert!(hs[0].message.contains("';'"), "{}", out.stderr);
    assert!(!out.stderr.contains("Unknown identifier"), "{}", out.stderr);
}

#[test]
fn check_lists_critical_audit_finding_as_error() {
    let out = check("eval(1);\n");
    out.assert_code(1);
    let hs = headers("prog.ml", &out.stderr);
    let sec = hs
        .iter()
        .find(|h| h.kind == "SecurityError")
        .unwrap_or_else(|| panic!("no SecurityError line\n{}", out.stderr));
    assert_eq!((sec.line, sec.col), (1, 1));
    assert!(sec.message.contains("eval"), "{}", out.stderr);
}

#[test]
fn check_several_files() {
    let dir = Dir::new();
    dir.write("good.ml", "print(1);\n")
        .write("bad1.ml", "print(nope);\n")
        .write("bad2.ml", "x = 1;\nbreak;\n");
    let out = dir.mlpy(&["check", "good.ml", "bad1.ml", "bad2.ml"]);
    out.assert_code(1);
    assert!(headers("good.ml", &out.stderr).is_empty(), "{}", out.stderr);
    let b1 = headers("bad1.ml", &out.stderr);
    let b2 = headers("bad2.ml", &out.stderr);
    assert_eq!(b1.len(), 1, "{}", out.stderr);
    assert_eq!((b1[0].line, b1[0].col), (1, 7));
    assert_eq!(b2.len(), 1, "{}", out.stderr);
    assert_eq!((b2[0].line, b2[0].col), (2, 1));
    // bad1 is reported before bad2 (argument order).
    let p1 = out.stderr.find("bad1.ml:").unwrap_or(usize::MAX);
    let p2 = out.stderr.find("bad2.ml:").unwrap_or(0);
    assert!(p1 < p2, "{}", out.stderr);

    let ok = dir.mlpy(&["check", "good.ml", "good.ml"]);
    ok.assert_code(0);
    assert_eq!(ok.stderr, "");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = Dir::new();
    dir.write("bad.ml", b"x = 1;\n\xff");
    for cmd in ["check", "run", "disasm"] {
        let out = dir.mlpy(&[cmd, "bad.ml"]);
        out.assert_code(1);
        assert!(
            out.stderr.contains("bad.ml") && out.stderr.contains("UTF-8"),
            "{cmd}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("offset 7"), "{cmd}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{cmd}");
    }
}

#[test]
fn missing_file_is_a_clear_error() {
    let dir = Dir::new();
    for cmd in ["check", "run", "disasm"] {
        let out = dir.mlpy(&[cmd, "does_not_exist.ml"]);
        out.assert_no_crash();
        assert_ne!(out.code, Some(0), "{cmd}");
        assert!(
            out.first_err_line().contains("does_not_exist.ml"),
            "{cmd}: {}",
            out.stderr
        );
        assert!(
            out.stderr.to_lowercase().contains("no such file")
                || out.stderr.to_lowercase().contains("not found"),
            "{cmd}: {}",
            out.stderr
        );
    }
}

// ---------------------------------------------------------------- run: exit statuses

#[test]
fn run_success_exits_0() {
    let out = run("x = 2;\nprint(\"hi\", x * 21);\n", &[]);
    out.assert_code(0);
    assert_eq!(out.stdout, "hi 42\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn run_script_errors_exit_1() {
    run("print(1 +);\n", &[]).assert_code(1);
    run("print(undefined_name);\n", &[]).assert_code(1);
    run("x = [1][5];\n", &[]).assert_code(1);
    run("throw {message: \"m\"};\n", &[]).assert_code(1);
}

#[test]
fn run_usage_errors_exit_2() {
    let dir = Dir::new();
    dir.write("ok.ml", "print(1);\n");
    for args in [
        &["run", "ok.ml", "--no-such-flag"][..],
        &["run", "ok.ml", "--allow", "frobnicate"],
        &["run", "ok.ml", "--fuel", "abc"],
        &["run", "ok.ml", "--globals", "xml"],
        &["run"],
        &["frobnicate", "ok.ml"],
    ] {
        let out = dir.mlpy(args);
        out.assert_code(2);
        assert_eq!(out.stdout, "", "{args:?} must not run the program");
        assert!(!out.stderr.is_empty(), "{args:?}: no message");
    }
    let out = dir.mlpy(&["run", "ok.ml", "--allow", "frobnicate"]);
    assert!(out.stderr.contains("frobnicate"), "{}", out.stderr);
}

#[test]
fn fuel_limit_exits_3() {
    let out = run("while (true) { }\n", &["--fuel", "1000"]);
    out.assert_code(3);
    assert!(
        out.first_err_line().contains("FuelExhausted"),
        "{}",
        out.stderr
    );
    assert!(out.first_err_line().starts_with("prog.ml:1:"));
}

#[test]
fn depth_limit_exits_3() {
    let source = "function f(n) { return f(n + 1); }\nf(0);\n";
    let out = run(source, &["--max-depth", "50"]);
    out.assert_code(3);
    assert!(
        out.first_err_line().starts_with("prog.ml:1:")
            && out.first_err_line().contains("RecursionError"),
        "{}",
        out.stderr
    );
    // The stack is bounded: nowhere near one line per frame of a deep recursion.
    assert!(out.stderr.lines().count() < 100, "{}", out.stderr);
}

/// D16: every stack line is `  at NAME (FILE:LINE:COL)` with a real position; an elision
/// marker must not pretend to be a frame at `FILE:0:0`.
#[test]
fn stack_lines_of_deep_recursion_have_real_positions() {
    let source = "function f(n) { return f(n + 1); }\nf(0);\n";
    let out = run(source, &["--max-depth", "50"]);
    out.assert_code(3);
    for line in out.stderr.lines().filter(|l| l.starts_with("  at ")) {
        let loc = line
            .rsplit_once(" (prog.ml:")
            .map(|(_, loc)| loc.trim_end_matches(')'))
            .unwrap_or_else(|| panic!("malformed stack line `{line}`"));
        let (l, c) = loc.split_once(':').unwrap_or(("0", "0"));
        let (l, c): (usize, usize) = (l.parse().unwrap_or(0), c.parse().unwrap_or(0));
        assert!(l >= 1 && c >= 1, "stack line without a position: `{line}`");
    }
}

#[test]
fn output_limit_cuts_at_the_byte_count_and_exits_3() {
    let out = run(
        "for (i in range(100)) { print(\"abcdef\"); }\n",
        &["--max-output", "10"],
    );
    out.assert_code(3);
    assert_eq!(out.stdout, "abcdef\nabc");
    assert!(
        out.first_err_line().contains("OutputLimit"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_limit_never_splits_a_utf8_character() {
    // "é" is two bytes: 3 + 2 + 2 = 7 > 6, so the cut falls inside the last "é" (D32).
    let out = run("print(\"abcééé\");\n", &["--max-output", "6"]);
    out.assert_code(3);
    assert_eq!(out.stdout, "abcé");
}

#[test]
fn memory_limit_exits_3() {
    let out = run(
        "a = [1];\nwhile (true) { a = a + a; }\n",
        &["--memory", "16"],
    );
    out.assert_code(3);
    assert!(
        out.first_err_line().contains("MemoryLimit"),
        "{}",
        out.stderr
    );
}

#[test]
fn timeout_stops_an_infinite_loop() {
    let out = run("while (true) { }\n", &["--timeout", "0.5"]);
    out.assert_code(3);
    assert!(out.first_err_line().contains("Timeout"), "{}", out.stderr);
    assert!(
        out.elapsed < Duration::from_secs(3),
        "took {:?}",
        out.elapsed
    );
}

#[test]
fn security_violation_exits_4_unless_no_strict() {
    let out = run("eval(1);\n", &[]);
    out.assert_code(4);
    assert!(
        out.first_err_line()
            .starts_with("prog.ml:1:1: SecurityError: "),
        "{}",
        out.stderr
    );

    // Without strict mode the finding no longer blocks: `eval` is then just an unknown name.
    let out = run("eval(1);\n", &["--no-strict"]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("Unknown identifier 'eval'"),
        "{}",
        out.stderr
    );

    // A program whose only problem is a critical finding runs under --no-strict.
    let source = "__x = 1;\nprint(__x + 1);\n";
    let out = run(source, &[]);
    out.assert_code(4);
    assert_eq!(out.stdout, "", "a blocked program must not run");
    let out = run(source, &["--no-strict"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "2\n");
    // ... and still reports what it did not block on (D11), as warnings.
    assert!(
        out.first_err_line()
            .starts_with("prog.ml:1:1: warning: Dunder identifier '__x'"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------- run: error output

#[test]
fn runtime_error_shows_position_caret_and_stack() {
    let source = "function inner(x) {\n    return x / 0;\n}\nfunction outer(y) {\n    \
                  return inner(y + 1);\n}\nprint(\"before\");\nouter(1);\n";
    let out = run(source, &[]);
    out.assert_code(1);
    assert_eq!(out.stdout, "before\n");
    assert_eq!(
        out.first_err_line(),
        "prog.ml:2:12: ZeroDivisionError: division by zero"
    );
    assert_caret(&out.stderr, 0, "    return x / 0;", 12);
    let stack: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("  at "))
        .collect();
    assert_eq!(
        stack,
        [
            "  at inner (prog.ml:2:12)",
            "  at outer (prog.ml:5:12)",
            "  at <module> (prog.ml:8:1)",
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn uncaught_throw_is_an_ml_user_exception() {
    let out = run(
        "function f() {\n  throw {message: \"boom\"};\n}\nf();\n",
        &[],
    );
    out.assert_code(1);
    let h = parse_header("prog.ml", out.first_err_line())
        .unwrap_or_else(|| panic!("bad header\n{}", out.stderr));
    assert_eq!((h.line, h.col), (2, 3));
    assert_eq!(h.kind, "MLUserException");
    assert_eq!(h.message, "boom");
    assert!(
        out.stderr.contains("  at f (prog.ml:2:3)"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------- run: --globals, --stats

#[test]
fn globals_json_line() {
    let source = r#"a = 1;
b = 123456789012345678901234567890;
c = 4.0;
d = 1e16;
e = float("nan");
f = float("inf");
g = -float("inf");
h = "say \"hi\"\nbye";
i = [1, [2, {k: "v", "a b": 0.5}], {}];
j = enumerate(["x", "y"]);
k = {};
k[2] = "two";
k[true] = "t";
k[null] = "n";
k[2.5] = "f";
function func() { return 1; }
l = null;
m = false;
n = [func, -7, 0.1];
a = 2;
print("out");
"#;
    let out = run(source, &["--globals", "json"]);
    out.assert_code(0);
    let expected = concat!(
        r#"{"a": 2, "b": 123456789012345678901234567890, "c": 4.0, "d": 1e+16, "#,
        r#""e": "NaN", "f": "Infinity", "g": "-Infinity", "h": "say \"hi\"\nbye", "#,
        r#""i": [1, [2, {"k": "v", "a b": 0.5}], {}], "j": [[0, "x"], [1, "y"]], "#,
        r#""k": {"2": "two", "true": "t", "null": "n", "2.5": "f"}, "l": null, "m": false, "#,
        r#""n": ["<function func>", -7, 0.1]}"#
    );
    assert_eq!(out.stdout, format!("out\n{expected}\n"));
    assert_eq!(out.stderr, "");
}

#[test]
fn globals_json_not_printed_when_the_run_fails() {
    let out = run(
        "x = 1;\nprint(\"a\");\ny = 1 / 0;\n",
        &["--globals", "json"],
    );
    out.assert_code(1);
    assert_eq!(out.stdout, "a\n");
    let out = run(
        "x = 1;\nwhile (true) { }\n",
        &["--globals", "json", "--fuel", "100"],
    );
    out.assert_code(3);
    assert_eq!(out.stdout, "");
}

/// Parses `stats: fuel=N peak_memory=BYTES wall_ms=T` into its three numbers.
fn parse_stats(line: &str) -> Option<(u64, u64, u64)> {
    let rest = line.strip_prefix("stats: fuel=")?;
    let (fuel, rest) = rest.split_once(" peak_memory=")?;
    let (mem, wall) = rest.split_once(" wall_ms=")?;
    Some((fuel.parse().ok()?, mem.parse().ok()?, wall.parse().ok()?))
}

#[test]
fn stats_line_on_stderr() {
    let source = "a = [];\nfor (i in range(20000)) { a.append(str(i)); }\nprint(len(a));\n";
    let out = run(source, &["--stats"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "20000\n");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    let (fuel, mem, _wall) =
        parse_stats(lines[0]).unwrap_or_else(|| panic!("bad stats line `{}`", lines[0]));
    assert!(fuel > 20000, "fuel {fuel}");
    assert!(mem > 20000, "peak memory {mem}");

    // Also printed after a failed run, after the error.
    let out = run("while (true) { }\n", &["--stats", "--fuel", "500"]);
    out.assert_code(3);
    let last = out.stderr.lines().last().unwrap_or_default();
    let (fuel, _, _) = parse_stats(last).unwrap_or_else(|| panic!("{}", out.stderr));
    assert!((500..=600).contains(&fuel), "fuel {fuel}");
}

// ---------------------------------------------------------------- disasm, help

#[test]
fn disasm_prints_instructions_with_line_numbers() {
    let source = "function add(a, b) {\n  return a + b;\n}\nprint(add(1, 2));\n";
    let out = on_program("disasm", source, &[]);
    out.assert_code(0);
    assert_eq!(out.stderr, "");
    assert!(out.stdout.contains("add"), "{}", out.stdout);
    assert!(out.stdout.contains("<module>"), "{}", out.stdout);
    // Some instruction line carries source line 2 (the `return a + b`) and one line 4.
    let line_numbers: Vec<usize> = out
        .stdout
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let _index: usize = words.next()?.parse().ok()?;
            words.next()?.parse().ok()
        })
        .collect();
    assert!(line_numbers.contains(&2), "{}", out.stdout);
    assert!(line_numbers.contains(&4), "{}", out.stdout);
    assert!(out.stdout.contains("RETURN"), "{}", out.stdout);

    let bad = on_program("disasm", "print(1 +);\n", &[]);
    bad.assert_code(1);
    assert!(
        bad.first_err_line().starts_with("prog.ml:1:"),
        "{}",
        bad.stderr
    );
}

#[test]
fn help_of_each_subcommand_mentions_every_flag() {
    let dir = Dir::new();
    let run_help = dir.mlpy(&["run", "--help"]);
    run_help.assert_code(0);
    for flag in [
        "--fuel",
        "--timeout",
        "--memory",
        "--max-depth",
        "--max-output",
        "--allow",
        "--import-path",
        "--globals",
        "--stats",
        "--no-strict",
        "--tz",
    ] {
        assert!(run_help.stdout.contains(flag), "run --help lacks {flag}");
    }
    for cmd in ["check", "disasm"] {
        let help = dir.mlpy(&[cmd, "--help"]);
        help.assert_code(0);
        assert!(help.stdout.contains("Usage"), "{cmd} --help");
        assert!(help.stdout.contains("FILE"), "{cmd} --help");
    }
    let top = dir.mlpy(&["--help"]);
    top.assert_code(0);
    for cmd in ["run", "check", "disasm"] {
        assert!(top.stdout.contains(cmd), "--help lacks {cmd}");
    }
}

// ---------------------------------------------------------------- hostile inputs

/// Runs `check` and `run` on `contents` and asserts both end cleanly with `code`, the first
/// stderr line containing `needle` (when the code is not 0).
fn assert_hostile(contents: &[u8], check_code: i32, run_code: i32, needle: &str) -> Output {
    let dir = Dir::new();
    dir.write("prog.ml", contents);
    let c = dir.mlpy(&["check", "prog.ml"]);
    c.assert_code(check_code);
    if check_code != 0 {
        assert!(
            c.first_err_line().contains(needle),
            "check: {}",
            c.first_err_line()
        );
    }
    let r = dir.mlpy(&["run", "prog.ml"]);
    r.assert_code(run_code);
    if run_code != 0 {
        assert!(
            r.first_err_line().contains(needle),
            "run: {}",
            r.first_err_line()
        );
    }
    r
}

#[test]
fn hostile_megabyte_of_open_parens() {
    let src = format!("x = {};\n", "(".repeat(1 << 20));
    assert_hostile(src.as_bytes(), 1, 1, "SyntaxError");
}

#[test]
fn hostile_deeply_nested_brackets() {
    let src = format!("x = {};\n", "[".repeat(100_000));
    assert_hostile(src.as_bytes(), 1, 1, "SyntaxError");
}

#[test]
fn hostile_unterminated_string() {
    assert_hostile(b"x = \"abc;\nprint(x);\n", 1, 1, "prog.ml:1:5: SyntaxError");
}

#[test]
fn hostile_nul_byte() {
    assert_hostile(b"x = 1;\x00\nprint(x);\n", 1, 1, "prog.ml:1:7: SyntaxError");
}

/// A small xorshift generator: fixed seed, no dependency, same bytes on every run.
fn garbage(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn hostile_binary_garbage() {
    let bytes = garbage(0x5eed_1234_abcd_ef01, 8192);
    let out = assert_hostile(&bytes, 1, 1, "prog.ml");
    assert!(out.stderr.contains("UTF-8"), "{}", out.stderr);
    // Garbage that is valid UTF-8 (ASCII only) reaches the parser and is rejected there.
    let ascii: Vec<u8> = garbage(42, 8192)
        .into_iter()
        .map(|b| 0x20 + b % 0x5f)
        .collect();
    let dir = Dir::new();
    dir.write("prog.ml", &ascii);
    for cmd in ["check", "run"] {
        let out = dir.mlpy(&[cmd, "prog.ml"]);
        out.assert_no_crash();
        assert_eq!(out.code, Some(1), "{cmd}: {}", out.first_err_line());
        assert!(out.first_err_line().starts_with("prog.ml:"), "{cmd}");
    }
}

#[test]
fn hostile_ten_megabyte_string_literal() {
    let src = format!("x = \"{}\";\nprint(len(x));\n", "a".repeat(10_000_000));
    let out = assert_hostile(src.as_bytes(), 0, 0, "");
    assert_eq!(out.stdout, "10000000\n");
}

#[test]
fn hostile_deep_recursion_hits_the_default_depth() {
    let out = assert_hostile(
        b"function f(n) { return f(n + 1) + 1; }\nf(0);\n",
        0,
        3,
        "RecursionError",
    );
    assert!(out.stderr.lines().count() < 200, "stack not bounded");
}

#[test]
fn hostile_huge_string_repeat() {
    assert_hostile(
        b"x = \"x\" * 10000000000;\nprint(len(x));\n",
        0,
        3,
        "MemoryLimit",
    );
}

#[test]
fn hostile_huge_range() {
    // range() builds an array of ints (stdlib.md), so ten billion of them is over the memory limit.
    let out = assert_hostile(
        b"r = range(10000000000);\nprint(len(r));\n",
        0,
        3,
        "MemoryLimit",
    );
    assert_eq!(out.stdout, "");
}

// ---------------------------------------------------------------- run: errors in modules

#[test]
fn an_error_inside_an_imported_module_is_shown_against_that_module() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.tmp.path().join("lib")).expect("create lib");
    dir.write(
        "lib/calc.ml",
        "// a helper module\nfunction ratio(a, b) {\n    return a / b;\n}\n",
    )
    .write(
        "main.ml",
        "import calc;\nx = 1;\nprint(calc.ratio(x, 0));\n",
    );
    let out = dir.mlpy(&["run", "main.ml", "--import-path", "lib"]);
    out.assert_code(1);
    let first = out.first_err_line();
    assert!(
        first.ends_with("calc.ml:3:12: ZeroDivisionError: division by zero"),
        "{}",
        out.stderr
    );
    // The caret sits under the module's own source line, and the stack names both files.
    assert!(out.stderr.contains("return a / b;"), "{}", out.stderr);
    assert!(out.stderr.contains("at calc.ratio ("), "{}", out.stderr);
    assert!(out.stderr.contains("calc.ml:3:12)"), "{}", out.stderr);
    assert!(out.stderr.contains("(main.ml:3:7)"), "{}", out.stderr);
}

// ---------------------------------------------------------------- run: other flags

#[test]
fn run_import_path_allow_and_tz_flags() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.tmp.path().join("lib/pkg")).expect("create lib/pkg");
    dir.write("lib/pkg/m.ml", "function double(x) { return x * 2; }\n")
        .write("main.ml", "import pkg.m;\nprint(pkg.m.double(21));\n");
    let out = dir.mlpy(&["run", "main.ml", "--import-path", "lib"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "42\n");
    // Without the import root the module is not found: a script error, not a crash.
    let out = dir.mlpy(&["run", "main.ml"]);
    out.assert_code(1);
    assert!(
        out.first_err_line().starts_with("main.ml:1:1: "),
        "{}",
        out.stderr
    );
    assert!(out.first_err_line().contains("pkg.m"), "{}", out.stderr);

    dir.write("plain.ml", "print(\"ok\");\n");
    let out = dir.mlpy(&[
        "run",
        "plain.ml",
        "--allow",
        "env.read",
        "--allow",
        "file.read:./data/**/*.csv",
        "--tz",
        "UTC",
    ]);
    out.assert_code(0);
    assert_eq!(out.stdout, "ok\n");
}

/// `http` from the executable, by host name: `localhost` goes through the C library's name
/// lookup, which the statically linked `mlpy` carries itself (crates/mlpy-cli/build.rs).
#[test]
fn http_reaches_a_granted_host_by_name() {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("local address").port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut request = Vec::new();
        let mut byte = [0u8; 1];
        while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            request.push(byte[0]);
        }
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        String::from_utf8_lossy(&request).into_owned()
    });
    let source = format!(
        "import http;\nr = http.get(\"http://localhost:{port}/greeting\");\nprint(r.status(), r.text());\n"
    );
    let out = run(&source, &["--allow", "network.http:localhost"]);
    out.assert_code(0);
    assert_eq!(out.stdout, "200 hello\n");
    let request = server.join().expect("server thread");
    assert!(request.starts_with("GET /greeting "), "{request}");
}
