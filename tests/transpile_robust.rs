//! Robustness of the Python backend on every corpus program and on deterministic mutations of
//! them (characters dropped, duplicated or swapped): transpiling never panics, and whatever
//! transpiles is valid Python (compiled by CPython in one batch, nothing run). Skipped when
//! `python3` is missing (except in CI).

use mlpy::{transpile, Source, TranspileOptions};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// A small deterministic generator (64-bit LCG): the same mutations on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.next(3) {
        if chars.is_empty() {
            break;
        }
        let i = rng.next(chars.len());
        match rng.next(3) {
            0 => {
                chars.remove(i);
            }
            1 => {
                let c = chars[i];
                chars.insert(i, c);
            }
            _ => {
                let j = rng.next(chars.len());
                chars.swap(i, j);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn corpus_and_mutations_transpile_to_valid_python() {
    let files = mlpy_tests::ml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    assert!(files.len() > 100);
    let options = TranspileOptions {
        strict: false,
        open_world: true,
        ..TranspileOptions::default()
    };
    let mut rng = Lcg(0x5eed);
    let mut outputs: Vec<(String, String)> = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.display().to_string();
        let mut variants = vec![text.clone()];
        for _ in 0..2 {
            variants.push(mutate(&text, &mut rng));
        }
        for (k, v) in variants.into_iter().enumerate() {
            if let Ok(t) = transpile(&Source::new(name.as_str(), &v), &options) {
                outputs.push((format!("{name}#{k}"), t.python));
            }
        }
    }
    assert!(outputs.len() > files.len(), "too few programs transpiled");
    let has_python = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_python {
        assert!(std::env::var("CI").is_err(), "python3 is required in CI");
        return;
    }
    // One python3 process compiles every output: records separated by NUL bytes.
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(
            "import sys\ndata = sys.stdin.buffer.read().decode('utf-8').split('\\0')\nbad = 0\nfor i in range(0, len(data) - 1, 2):\n    try:\n        compile(data[i + 1], data[i], 'exec')\n    except SyntaxError as e:\n        bad += 1\n        print(data[i], e)\nprint('compiled', len(data) // 2, 'bad', bad)\n",
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    if let Some(mut stdin) = child.stdin.take() {
        for (name, code) in &outputs {
            let _ = stdin.write_all(name.as_bytes());
            let _ = stdin.write_all(b"\0");
            let _ = stdin.write_all(code.as_bytes());
            let _ = stdin.write_all(b"\0");
        }
    }
    let out = child.wait_with_output().expect("python3 finishes");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.trim_end().ends_with(" bad 0"),
        "emitted code CPython rejects:\n{report}"
    );
}
