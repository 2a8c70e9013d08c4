//! Concurrency soak: one compiled [`Program`] run from 8 threads at once, each run with its own
//! globals and limits. Runs rotate through five modes — succeed, raise, exhaust fuel, exhaust
//! memory, recurse too deep — and every result is checked exactly (output, value, error kind and
//! message carry the run's own `n`, so any cross-talk between concurrent runs shows). The
//! process RSS (`VmRSS` of /proc/self/status) is sampled after a warm-up phase and at the end
//! and must stay within a generous bound (spec D17: bounds with wide margins; the figures are
//! printed for the notes).
//!
//! `soak_ci` (800 runs per thread) finishes in well under a minute in a debug build;
//! `soak_long` (ignored by default: `cargo test --release --test soak -- --ignored`, or
//! `scripts/hardening.sh soak`) does 10,000 runs per thread. `MLPY_SOAK_RUNS` overrides the
//! per-thread count of either.

use mlpy::{Engine, Error, LimitKind, Limits, OutputBuffer, Program, RunOptions, Source, Value};
use std::time::Instant;

const THREADS: usize = 8;
/// RSS growth allowed between the end of the warm-up and the end of the soak.
const RSS_BOUND_KB: u64 = 64 * 1024;

const PROGRAM: &str = r#"
function work(k) {
    acc = [];
    for (i in range(k)) { acc.append(i * n); }
    return acc;
}
function deep(x) { return deep(x + 1) + 1; }
if (mode == "raise") { throw {message: "bad " + str(n), code: n}; }
if (mode == "spin") { while (true) { n = n + 1; } }
if (mode == "grow") { s = []; while (true) { s.append("x" * 1000 + str(n)); } }
if (mode == "deep") { deep(0); }
label = "r" + str(n);
result = sum(work(20)) + n;
print(label, result);
"#;

const MODES: [&str; 5] = ["ok", "raise", "spin", "grow", "deep"];

fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs `program` once in `mode` with `n`, and checks everything the run produced.
fn run_and_check(engine: &Engine, program: &Program, mode: &str, n: i64) {
    let limits = match mode {
        "spin" => Limits {
            fuel: Some(20_000),
            ..Limits::untrusted()
        },
        "grow" => Limits {
            memory: 1 << 20,
            ..Limits::untrusted()
        },
        "deep" => Limits {
            max_depth: 40,
            ..Limits::untrusted()
        },
        _ => Limits::untrusted(),
    };
    let out = OutputBuffer::new();
    let mut options = RunOptions::with_limits(limits)
        .global("n", n)
        .global("mode", mode);
    options.stdout = out.writer();
    options.stderr = Box::new(std::io::sink());
    let result = engine.run(program, options);
    let ctx = format!("mode {mode}, n {n}");
    match mode {
        "ok" => {
            assert!(result.error.is_none(), "{ctx}: {:?}", result.error);
            assert_eq!(result.value, Value::from(191 * n), "{ctx}");
            assert_eq!(out.contents(), format!("r{n} {}\n", 191 * n), "{ctx}");
        }
        "raise" => match &result.error {
            Some(Error::Runtime(e)) => {
                assert_eq!(e.kind, "MLUserException", "{ctx}");
                assert_eq!(e.message, format!("bad {n}"), "{ctx}");
            }
            other => panic!("{ctx}: {other:?}"),
        },
        _ => {
            let want = match mode {
                "spin" => LimitKind::Fuel,
                "grow" => LimitKind::Memory,
                _ => LimitKind::Depth,
            };
            match &result.error {
                Some(Error::Limit { limit, .. }) => assert_eq!(*limit, want, "{ctx}"),
                other => panic!("{ctx}: {other:?}"),
            }
            assert_eq!(out.contents(), "", "{ctx}");
        }
    }
}

/// `runs` runs on each of 8 threads, the first tenth a warm-up; returns (warm RSS, end RSS).
fn soak(runs: usize) -> (u64, u64) {
    let mut engine = Engine::new();
    engine.declare_global("n").declare_global("mode");
    let program = engine
        .compile(Source::new("soak.ml", PROGRAM))
        .expect("soak program compiles");
    let warmup = (runs / 10).max(1);
    let phase = |from: usize, to: usize| {
        std::thread::scope(|s| {
            for t in 0..THREADS {
                let (engine, program) = (&engine, &program);
                s.spawn(move || {
                    for i in from..to {
                        // Distinct per thread and run; negative half the time.
                        let n = (t as i64 * 1_000_000 + i as i64) * if i % 2 == 0 { 1 } else { -1 };
                        run_and_check(engine, program, MODES[(i + t) % MODES.len()], n);
                    }
                });
            }
        });
    };
    let started = Instant::now();
    phase(0, warmup);
    let warm = rss_kb();
    phase(warmup, runs);
    let end = rss_kb();
    eprintln!(
        "soak: {THREADS} threads x {runs} runs in {:?}; RSS after warm-up {warm} kB, at the end {end} kB",
        started.elapsed()
    );
    (warm, end)
}

fn runs(default: usize) -> usize {
    std::env::var("MLPY_SOAK_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn soak_ci() {
    let (warm, end) = soak(runs(800));
    assert!(
        end <= warm + RSS_BOUND_KB,
        "RSS grew from {warm} kB to {end} kB"
    );
}

#[test]
#[ignore = "long soak: 10,000 runs per thread (scripts/hardening.sh soak)"]
fn soak_long() {
    let (warm, end) = soak(runs(10_000));
    assert!(
        end <= warm + RSS_BOUND_KB,
        "RSS grew from {warm} kB to {end} kB"
    );
}
