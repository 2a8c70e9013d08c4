//! Fault injection: every corpus program is run under a sweep of memory budgets set just above
//! the heap's size after loading (budgets 0, 1, 2, 4, ... bytes up to the program's peak, plus
//! evenly spaced steps), so allocation fails at a moving point — the first allocation, the
//! second, ... through the allocation sites the program reaches. The heap has no
//! allocation-counting hook, so the sweep is by bytes, not by allocation index.
//!
//! Checked after every faulted run, in the same VM: no panic; the run ended normally, with a
//! catchable error, or with `MemoryLimit`/another limit; the VM is reusable (a probe program
//! loaded in it runs and returns the right value); and no heap bytes are left behind (after the
//! program's globals are cleared and the garbage collected, each load+run leaves exactly the
//! same growth as the previous one: that of one more loaded copy of the program).
//!
//! `MLPY_FAULT_FILTER=substring` limits the programs (paths containing it).

use mlpy::{Engine, Source};
use mlpy_vm::{ErrorKind, Limits, NativeRegistry, Value, Vm, VmConfig};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Evenly spaced budgets between 0 and the program's peak, on top of the powers of two.
const LINEAR_STEPS: usize = 8;
const PROBE: &str = "probe = [1, 2, 3];\nresult = len(str(probe)) + 1;\n";

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            corpus_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "ml") {
            out.push(p);
        }
    }
}

fn limits(memory: usize) -> Limits {
    Limits {
        fuel: Some(1_000_000),
        timeout: Some(std::time::Duration::from_secs(10)),
        memory: Some(memory),
        max_depth: 200,
        max_output: Some(1 << 20),
    }
}

/// Loads `program` (under generous limits), runs it under `budget` bytes above the heap's size,
/// clears its globals and collects; returns the bytes held afterwards and whether the run ended
/// with `MemoryLimit`.
fn faulted_run(
    vm: &mut Vm,
    program: &mlpy_ir::Program,
    text: &str,
    budget: usize,
) -> (usize, bool) {
    vm.set_limits(limits(usize::MAX));
    let loaded = vm.load(program, text).expect("loads under no memory limit");
    vm.collect_garbage();
    let now = vm.stats().memory;
    vm.set_limits(limits(now.saturating_add(budget)));
    // Any outcome is fine as long as it is an outcome (a panic fails the test).
    let hit = matches!(vm.run(loaded), Err(e) if e.kind == ErrorKind::MemoryLimit);
    vm.set_limits(limits(usize::MAX));
    for (name, _) in vm.globals(loaded) {
        vm.set_global(loaded, &name, Value::Null);
    }
    vm.collect_garbage();
    (vm.stats().memory, hit)
}

/// The probe program runs in `vm` and returns 10 (`len("[1, 2, 3]") + 1`).
fn probe_ok(vm: &mut Vm, probe: &mlpy_ir::Program) -> bool {
    vm.set_limits(limits(usize::MAX));
    let Ok(loaded) = vm.load(probe, PROBE) else {
        return false;
    };
    matches!(vm.run(loaded), Ok(out) if matches!(out.value, Value::Int(10)))
}

#[test]
fn memory_faults_on_corpus_programs_never_panic_or_leak() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    corpus_files(&root, &mut files);
    files.sort();
    let filter = std::env::var("MLPY_FAULT_FILTER").unwrap_or_default();
    files.retain(|p| p.to_string_lossy().contains(&filter));
    assert!(!files.is_empty(), "no corpus programs found");

    let mut registry = NativeRegistry::new();
    mlpy_stdlib::install(&mut registry);
    let registry = Arc::new(registry);
    let engine = Engine::new();
    let probe = engine
        .compile(Source::new("probe.ml", PROBE))
        .expect("probe compiles");
    let (mut programs, mut runs, mut memory_errors) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(program) = engine.compile(Source::new(path.display().to_string(), &text)) else {
            continue; // corpus programs that expect a compile error
        };
        programs += 1;
        let mut vm = Vm::new(VmConfig::new(registry.clone()));
        // Reference run without a memory limit: fills module and character caches, and gives
        // the peak the sweep covers.
        let before = {
            vm.collect_garbage();
            vm.stats().memory
        };
        let (mut held, _) = faulted_run(&mut vm, program.ir(), &text, usize::MAX - before);
        let peak = vm.stats().peak_memory.saturating_sub(before).max(1);
        let mut budgets: Vec<usize> =
            std::iter::successors(Some(0usize), |b| Some(if *b == 0 { 1 } else { b * 2 }))
                .take_while(|b| *b < peak)
                .collect();
        budgets.extend((1..=LINEAR_STEPS).map(|i| peak * i / (LINEAR_STEPS + 1)));
        let mut growth = Vec::new();
        for budget in budgets {
            runs += 1;
            let (now, hit) = faulted_run(&mut vm, program.ir(), &text, budget);
            memory_errors += usize::from(hit);
            growth.push(now as i64 - held as i64);
            if !probe_ok(&mut vm, probe.ir()) {
                failures.push(format!(
                    "{}: VM not reusable after budget {budget}",
                    path.display()
                ));
                break;
            }
            vm.collect_garbage();
            held = vm.stats().memory;
        }
        if growth.windows(2).any(|w| w[0] != w[1]) {
            failures.push(format!(
                "{}: heap bytes left behind per faulted run differ: {growth:?}",
                path.display()
            ));
        }
    }
    eprintln!(
        "fault injection: {programs} programs, {runs} faulted runs, {memory_errors} ended with MemoryLimit"
    );
    assert!(memory_errors * 2 > runs, "most budgets must be too small");
    assert!(programs > 100, "too few corpus programs compiled");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
