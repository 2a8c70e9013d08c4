//! In-process benches of the six peer workloads (copies of `shared/bench/workloads/*.ml` in
//! `benches/workloads/`, so this repo is self-contained) plus the in-process start-up cost
//! (create an `Engine`, compile and run `print("hello")`).
//!
//! Invariant: every iteration checks the program's output against `workloads/expected/*.out`, so
//! a bench cannot silently measure a broken or changed program. Under `cargo test --benches`
//! criterion runs each bench once (test mode), which makes these benches a checksum test too.

use criterion::{criterion_group, criterion_main, Criterion};
use mlpy::{Engine, Program, RunOptions, Source};
use std::hint::black_box;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The benches run on mimalloc, as the CLI does (DESIGN.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One ML program and the exact stdout it must produce.
struct Workload {
    name: &'static str,
    source: &'static str,
    expected: &'static str,
}

macro_rules! workload {
    ($name:literal) => {
        Workload {
            name: $name,
            source: include_str!(concat!("workloads/", $name, ".ml")),
            expected: include_str!(concat!("workloads/expected/", $name, ".out")),
        }
    };
}

const WORKLOADS: [Workload; 6] = [
    workload!("fib"),
    workload!("loop"),
    workload!("strings"),
    workload!("arrays"),
    workload!("objects"),
    workload!("closures"),
];

/// A stdout the bench can read back after the run (the engine takes a `Box<dyn Write + Send>`).
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    fn text(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut b) => {
                b.extend_from_slice(buf);
                Ok(buf.len())
            }
            Err(_) => Err(std::io::Error::other("capture poisoned")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn compile(engine: &Engine, name: &str, text: &str) -> Program {
    match engine.compile(Source::new(name, text)) {
        Ok(program) => program,
        Err(e) => panic!("{name} does not compile:\n{}", e.render(false)),
    }
}

/// Runs `program` with default limits and panics unless it succeeds printing exactly `expected`.
fn run_checked(engine: &Engine, program: &Program, name: &str, expected: &str) {
    let out = Capture::default();
    let result = engine.run(
        program,
        RunOptions {
            stdout: Box::new(out.clone()),
            stderr: Box::new(std::io::sink()),
            ..RunOptions::default()
        },
    );
    if let Some(e) = result.error {
        panic!("{name} failed:\n{}", e.render(false));
    }
    assert_eq!(out.text(), expected, "{name}: wrong checksum");
}

fn workloads(c: &mut Criterion) {
    let engine = Engine::new();
    let mut group = c.benchmark_group("workloads");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for w in &WORKLOADS {
        let program = compile(&engine, &format!("{}.ml", w.name), w.source);
        group.bench_function(w.name, |b| {
            b.iter(|| run_checked(&engine, black_box(&program), w.name, w.expected))
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group.bench_function("engine_compile_run_hello", |b| {
        b.iter(|| {
            let engine = Engine::new();
            let program = compile(&engine, "hello.ml", black_box("print(\"hello\");"));
            run_checked(&engine, &program, "hello", "hello\n");
        })
    });
    group.finish();
}

criterion_group!(benches, startup, workloads);
criterion_main!(benches);
