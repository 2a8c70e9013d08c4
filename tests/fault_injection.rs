//! Fault injection, two sweeps over every corpus program:
//!
//! * by allocation index: a reference run counts the heap's charges (allocations and growths,
//!   `Heap::charges_counted`) as k; then the run is repeated with the N-th charge forced to fail
//!   (`Heap::fail_nth_charge`) for N = 1..=k, every N up to [`DENSE_N`] and at most
//!   [`SPREAD_N`] evenly spaced ones above it — each such run must end in `MemoryLimit`;
//! * by bytes: memory budgets just above the heap's size after loading (0, 1, 2, 4, ... bytes up
//!   to the program's peak, plus evenly spaced steps), so the limit is hit at a moving point.
//!
//! Checked after every faulted run, in the same VM: no panic; the run ended as required (any
//! outcome for the budget sweep, which may fit); the VM is reusable (a probe program loaded in it
//! runs and returns the right value); and no heap bytes are left behind (after the program's
//! globals are cleared and the garbage collected, each load+run leaves exactly the same growth as
//! the previous one: that of one more loaded copy of the program).
//!
//! `MLPY_FAULT_FILTER=substring` limits the programs (paths containing it).

use mlpy::{Engine, Source};
use mlpy_vm::{ErrorKind, Limits, NativeRegistry, Value, Vm, VmConfig};
use std::path::Path;
use std::sync::Arc;

/// Evenly spaced budgets between 0 and the program's peak, on top of the powers of two.
const LINEAR_STEPS: usize = 8;
/// Every allocation index up to this one is failed in turn...
const DENSE_N: u64 = 150;
/// ... and at most this many evenly spaced ones above it (keeps the test well under a minute).
const SPREAD_N: u64 = 50;
const PROBE: &str = "probe = [1, 2, 3];\nresult = len(str(probe)) + 1;\n";

fn limits(memory: usize) -> Limits {
    Limits {
        fuel: Some(1_000_000),
        timeout: Some(std::time::Duration::from_secs(10)),
        memory: Some(memory),
        max_depth: 200,
        max_output: Some(1 << 20),
    }
}

/// How one faulted run is set up, after loading.
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// A memory limit this many bytes above the heap's size after loading.
    Budget(usize),
    /// The N-th heap charge of the run fails (0: none, the charges are only counted).
    NthCharge(u64),
}

/// What a faulted run left: heap bytes held once its globals are cleared and the garbage
/// collected, the run's error kind (if any), and the heap charges the run made.
struct Faulted {
    held: usize,
    error: Option<ErrorKind>,
    charges: u64,
}

/// Loads `program` (under generous limits), runs it under `fault`, disarms the fault, clears the
/// program's globals and collects.
fn faulted_run(vm: &mut Vm, program: &mlpy_ir::Program, text: &str, fault: Fault) -> Faulted {
    vm.set_limits(limits(usize::MAX));
    let loaded = vm.load(program, text).expect("loads under no memory limit");
    vm.collect_garbage();
    match fault {
        Fault::Budget(budget) => vm.set_limits(limits(vm.stats().memory.saturating_add(budget))),
        Fault::NthCharge(n) => vm.heap_mut().fail_nth_charge(n),
    }
    // Any outcome is fine here as long as it is an outcome (a panic fails the test).
    let error = vm.run(loaded).err().map(|e| e.kind);
    let charges = vm.heap().charges_counted();
    vm.heap_mut().fail_nth_charge(0);
    vm.set_limits(limits(usize::MAX));
    for (name, _) in vm.globals(loaded) {
        vm.set_global(loaded, &name, Value::Null);
    }
    vm.collect_garbage();
    Faulted {
        held: vm.stats().memory,
        error,
        charges,
    }
}

/// Runs `program` once under each fault in `faults` in `vm`, checking reusability and that every
/// run leaves the same growth; returns the error kinds of the runs.
fn sweep(
    vm: &mut Vm,
    program: &mlpy_ir::Program,
    text: &str,
    probe: &mlpy_ir::Program,
    faults: impl IntoIterator<Item = Fault>,
    failures: &mut Vec<String>,
    name: &str,
) -> Vec<(Fault, Option<ErrorKind>)> {
    vm.collect_garbage();
    let mut held = vm.stats().memory;
    let mut growth = Vec::new();
    let mut outcomes = Vec::new();
    for fault in faults {
        let run = faulted_run(vm, program, text, fault);
        outcomes.push((fault, run.error));
        growth.push(run.held as i64 - held as i64);
        if !probe_ok(vm, probe) {
            failures.push(format!("{name}: VM not reusable after {fault:?}"));
            break;
        }
        vm.collect_garbage();
        held = vm.stats().memory;
    }
    if growth.windows(2).any(|w| w[0] != w[1]) {
        failures.push(format!(
            "{name}: heap bytes left behind per faulted run differ: {growth:?}"
        ));
    }
    outcomes
}

/// The allocation indexes failed for a run of `k` charges: 1..=min(k, DENSE_N), then at most
/// SPREAD_N evenly spaced ones up to k.
fn nth_values(k: u64) -> Vec<u64> {
    let mut ns: Vec<u64> = (1..=k.min(DENSE_N)).collect();
    if k > DENSE_N {
        let rest = k - DENSE_N;
        let steps = rest.min(SPREAD_N);
        ns.extend((1..=steps).map(|i| DENSE_N + rest * i / steps));
    }
    ns
}

/// The probe program runs in `vm` and returns 10 (`len("[1, 2, 3]") + 1`).
fn probe_ok(vm: &mut Vm, probe: &mlpy_ir::Program) -> bool {
    vm.set_limits(limits(usize::MAX));
    let Ok(loaded) = vm.load(probe, PROBE) else {
        return false;
    };
    matches!(vm.run(loaded), Ok(out) if matches!(out.value, Value::Int(10)))
}

/// Every corpus program that compiles, with its text and compiled form, plus the probe.
fn corpus_programs() -> (Vec<(String, String, mlpy::Program)>, mlpy::Program) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = mlpy_tests::ml_files(&root);
    let filter = std::env::var("MLPY_FAULT_FILTER").unwrap_or_default();
    files.retain(|p| p.to_string_lossy().contains(&filter));
    assert!(!files.is_empty(), "no corpus programs found");
    let engine = Engine::new();
    let probe = engine
        .compile(Source::new("probe.ml", PROBE))
        .expect("probe compiles");
    let programs = files
        .iter()
        .filter_map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).ok()?;
            // Corpus programs that expect a compile error are skipped.
            let program = engine.compile(Source::new(name.clone(), &text)).ok()?;
            Some((name, text, program))
        })
        .collect();
    (programs, probe)
}

fn new_vm() -> Vm {
    let mut registry = NativeRegistry::new();
    mlpy_stdlib::install(&mut registry);
    Vm::new(VmConfig::new(Arc::new(registry)))
}

#[test]
fn failing_the_nth_allocation_is_a_memory_error_and_leaves_the_vm_reusable() {
    let (programs, probe) = corpus_programs();
    let (mut ns, mut runs, mut fully) = (0u64, 0usize, 0usize);
    let mut failures = Vec::new();
    for (name, text, program) in &programs {
        let mut vm = new_vm();
        // Two reference runs: the first fills module and character caches, the second counts
        // the charges of a run in a warm VM (as every faulted run is).
        faulted_run(&mut vm, program.ir(), text, Fault::NthCharge(0));
        let k = faulted_run(&mut vm, program.ir(), text, Fault::NthCharge(0)).charges;
        let nth = nth_values(k);
        ns = ns.max(k);
        fully += usize::from(nth.len() as u64 == k);
        runs += nth.len();
        let faults = nth.into_iter().map(Fault::NthCharge);
        for (fault, error) in sweep(
            &mut vm,
            program.ir(),
            text,
            probe.ir(),
            faults,
            &mut failures,
            name,
        ) {
            if error != Some(ErrorKind::MemoryLimit) {
                failures.push(format!("{name}: {fault:?} of {k} ended with {error:?}"));
            }
        }
    }
    eprintln!(
        "allocation faults: {} programs ({fully} with every N = 1..=k), {runs} faulted runs, largest k {ns}",
        programs.len()
    );
    assert!(programs.len() > 100, "too few corpus programs compiled");
    // Programs with few allocations get every N; on average over ten faults each.
    assert!(
        runs > 10 * programs.len(),
        "too few allocations were failed"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn memory_budgets_on_corpus_programs_never_panic_or_leak() {
    let (programs, probe) = corpus_programs();
    let (mut runs, mut memory_errors) = (0usize, 0usize);
    let mut failures = Vec::new();
    for (name, text, program) in &programs {
        let mut vm = new_vm();
        // Reference run without a memory limit: fills caches, and gives the peak the sweep covers.
        vm.collect_garbage();
        let before = vm.stats().memory;
        faulted_run(
            &mut vm,
            program.ir(),
            text,
            Fault::Budget(usize::MAX - before),
        );
        let peak = vm.stats().peak_memory.saturating_sub(before).max(1);
        let mut budgets: Vec<usize> =
            std::iter::successors(Some(0usize), |b| Some(if *b == 0 { 1 } else { b * 2 }))
                .take_while(|b| *b < peak)
                .collect();
        budgets.extend((1..=LINEAR_STEPS).map(|i| peak * i / (LINEAR_STEPS + 1)));
        let faults = budgets.into_iter().map(Fault::Budget);
        for (_, error) in sweep(
            &mut vm,
            program.ir(),
            text,
            probe.ir(),
            faults,
            &mut failures,
            name,
        ) {
            runs += 1;
            memory_errors += usize::from(error == Some(ErrorKind::MemoryLimit));
        }
    }
    eprintln!(
        "memory budgets: {} programs, {runs} faulted runs, {memory_errors} ended with MemoryLimit",
        programs.len()
    );
    assert!(memory_errors * 2 > runs, "most budgets must be too small");
    assert!(programs.len() > 100, "too few corpus programs compiled");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
