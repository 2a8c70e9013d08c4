//! Shared harness of the fuzz targets: compile ML text (parse + lower, the facade's pipeline
//! without the audit, so the VM also sees programs the audit would refuse) and run it on a VM
//! with tight limits, checking the properties every run must have:
//!
//! * no panic anywhere (libFuzzer reports one as a crash);
//! * no hang past the limits: each run returns within the timeout plus a generous slack;
//! * no heap leak: the program is loaded and run three times in one VM; after each run its
//!   globals are cleared and the garbage collected, and the bytes still held
//!   ([`mlpy_vm::Stats::memory`]) may only grow by what loading one more copy of the program
//!   holds (its constants) — runs 2 and 3 must leave exactly the same growth, and never more
//!   than run 1 (which may also fill module and character caches). Any error, limit or
//!   interrupt path that leaves roots behind shows up as a difference;
//! * the VM stays usable after any error: the later runs happen in the same VM.
//!
//! Timeouts are nondeterministic, so a run that times out ends the leak comparison (the
//! hang check still applies). The generator module is `tests/mlgen` of the main workspace.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use mlpy_vm::{ErrorKind, Limits, NativeRegistry, Value, Vm, VmConfig};

#[path = "../../tests/mlgen/mod.rs"]
pub mod mlgen;

/// Per-run wall-clock limit, and the slack a run may take beyond it before it counts as a hang
/// (sanitizer builds on a loaded machine are slow).
const TIMEOUT: Duration = Duration::from_secs(1);
const HANG_SLACK: Duration = Duration::from_secs(10);

fn registry() -> Arc<NativeRegistry> {
    static REGISTRY: OnceLock<Arc<NativeRegistry>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| {
            let mut reg = NativeRegistry::new();
            mlpy_stdlib::install(&mut reg);
            Arc::new(reg)
        })
        .clone()
}

/// The tight limits fuzzed programs run under.
pub fn tight_limits() -> Limits {
    Limits {
        fuel: Some(200_000),
        timeout: Some(TIMEOUT),
        memory: Some(8 << 20),
        max_depth: 64,
        max_output: Some(64 << 10),
    }
}

/// Parse + lower; `None` when the text does not compile.
pub fn compile(text: &str) -> Option<mlpy_ir::ir::Program> {
    let parse = mlpy_syntax::parse(text);
    if parse.diagnostics().iter().any(|d| d.is_error()) {
        return None;
    }
    let lowered = mlpy_ir::lower(&parse.tree(), &mlpy_ir::LowerOptions::default());
    if lowered.has_errors() {
        return None;
    }
    Some(lowered.program)
}

/// Compiles and checks `text` (see the module doc); returns false if it did not compile.
pub fn check_source(text: &str) -> bool {
    let Some(program) = compile(text) else {
        return false;
    };
    let mut config = VmConfig::new(registry());
    config.limits = tight_limits();
    let mut vm = Vm::new(config);
    vm.collect_garbage();
    let mut held = vm.stats().memory;
    let mut growth = Vec::new();
    for _ in 0..3 {
        let Ok(loaded) = vm.load(&program, text) else {
            return true;
        };
        let started = Instant::now();
        let outcome = vm.run(loaded);
        let took = started.elapsed();
        assert!(took < TIMEOUT + HANG_SLACK, "run took {took:?}");
        if matches!(&outcome, Err(e) if e.kind == ErrorKind::Timeout) {
            return true;
        }
        for (name, _) in vm.globals(loaded) {
            vm.set_global(loaded, &name, Value::Null);
        }
        vm.collect_garbage();
        let now = vm.stats().memory;
        growth.push(now as i64 - held as i64);
        held = now;
    }
    assert!(
        growth[1] == growth[2] && growth[1] <= growth[0],
        "heap bytes held after each run grew by {growth:?} (runs 2 and 3 must match)"
    );
    true
}
