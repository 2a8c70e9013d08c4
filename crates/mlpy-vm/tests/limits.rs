//! Limits: fuel, call depth, output, memory, timeout, interrupt; the VM stays usable after them.

mod common;
use common::{registry, run, run_with, Buf};
use mlpy_vm::{ErrorKind, Limits, Value, Vm, VmConfig};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn limits() -> Limits {
    Limits::default()
}

#[test]
fn fuel_stops_infinite_loops_and_is_not_catchable() {
    let r = run_with(
        "try { while (true) { } } except (e) { print(\"caught\"); } finally { print(\"fin\"); }",
        Limits {
            fuel: Some(10_000),
            ..limits()
        },
    );
    let e = r.result.expect_err("fuel");
    assert_eq!(e.kind, ErrorKind::FuelExhausted);
    assert_eq!(r.out, "");
    let r = run_with(
        "function f() { return f(); }\nwhile (true) { f(); }",
        Limits {
            fuel: Some(5_000),
            max_depth: 100_000,
            ..limits()
        },
    );
    assert!(
        matches!(r.result, Err(ref e) if e.kind == ErrorKind::FuelExhausted || e.kind == ErrorKind::RecursionError)
    );
}

#[test]
fn fuel_is_roughly_one_tick_per_instruction() {
    let r = run("s = 0; for (i = 0; i < 1000; i = i + 1) { s = s + i; }");
    assert!(r.result.is_ok());
    let fuel = r.vm.stats().fuel_used;
    assert!((2_000..20_000).contains(&fuel), "fuel {fuel}");
}

#[test]
fn deep_recursion_is_a_limit_error_and_does_not_overflow() {
    let src = "function d(n) { if (n == 0) { return 0; } return 1 + d(n - 1); }\ntry { print(d(100000)); } except (e) { print(\"caught\"); }";
    let r = run(src);
    let e = r.result.expect_err("depth");
    assert_eq!(e.kind, ErrorKind::RecursionError);
    assert_eq!(e.message, "maximum recursion depth exceeded");
    assert_eq!(r.out, "");
    // Bounded only by the configured limit, not by the Rust stack.
    let r = run_with(
        "function d(n) { if (n == 0) { return 0; } return 1 + d(n - 1); }\nprint(d(50000));",
        Limits {
            max_depth: 60_000,
            ..limits()
        },
    );
    assert_eq!(r.out, "50000\n");
    // Natives re-entering ML count too.
    let r = run("function g(x) { return functional.map(g, [x]); }\ng(1);");
    assert_eq!(r.result.expect_err("depth").kind, ErrorKind::RecursionError);
}

#[test]
fn output_limit_cuts_at_char_boundary() {
    let r = run_with(
        "while (true) { print(\"é\"); }",
        Limits {
            max_output: Some(10),
            ..limits()
        },
    );
    assert_eq!(r.result.expect_err("output").kind, ErrorKind::OutputLimit);
    assert_eq!(r.out, "é\né\né\n");
    assert!(r.out.len() <= 10);
}

#[test]
fn memory_limit_is_an_error_not_an_abort() {
    let r = run_with(
        "a = [1]; while (true) { a = a + a; }",
        Limits {
            memory: Some(1 << 20),
            ..limits()
        },
    );
    assert_eq!(r.result.expect_err("memory").kind, ErrorKind::MemoryLimit);
}

#[test]
fn garbage_is_collected_in_loops() {
    let src = "for (i in range(200000)) { s = [i, i, i, i] + [str(i)]; }";
    let r = run_with(
        src,
        Limits {
            memory: Some(16 << 20),
            ..limits()
        },
    );
    assert!(r.result.is_ok(), "{:?}", r.result.err());
    assert!(r.vm.stats().peak_memory < 16 << 20);
}

#[test]
fn gc_keeps_closures_cells_and_native_results_alive() {
    let src = r#"
function counter() { n = 0; return fn() => { nonlocal n; n = n + 1; return n; }; }
c = counter();
keep = functional.map(fn(x) => [x, str(x)], range(2000));
for (i in range(100000)) { t = [i] + [i]; c(); }
print(c(), len(keep), keep[1999]);
"#;
    let r = run_with(
        src,
        Limits {
            memory: Some(64 << 20),
            ..limits()
        },
    );
    assert_eq!(r.out, "100001 2000 [1999, '1999']\n");
}

#[test]
fn timeout_and_interrupt() {
    let start = Instant::now();
    let r = run_with(
        "while (true) { }",
        Limits {
            timeout: Some(Duration::from_millis(200)),
            ..limits()
        },
    );
    assert_eq!(r.result.expect_err("timeout").kind, ErrorKind::Timeout);
    assert!(start.elapsed() < Duration::from_secs(3));

    let flag = Arc::new(AtomicBool::new(false));
    let mut config = VmConfig::new(registry());
    config.interrupt = Some(flag.clone());
    let mut vm = Vm::new(config);
    let program = common::lower("while (true) { }");
    let loaded = vm.load(&program, "while (true) { }").expect("load");
    let setter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    let e = vm.run(loaded).expect_err("interrupted");
    assert_eq!(e.kind, ErrorKind::Interrupted);
    let _ = setter.join();
}

#[test]
fn vm_is_reusable_after_errors() {
    let mut vm = Vm::new(VmConfig {
        limits: Limits {
            fuel: Some(1000),
            ..limits()
        },
        ..VmConfig::new(registry())
    });
    let buf = Buf::default();
    vm.set_stdout(Box::new(buf.clone()));
    let bad = common::lower("while (true) { }");
    let good = common::lower("x = 40 + 2; print(x);");
    let lb = vm.load(&bad, "while (true) { }").expect("load");
    let lg = vm.load(&good, "x = 40 + 2; print(x);").expect("load");
    assert_eq!(vm.run(lb).expect_err("fuel").kind, ErrorKind::FuelExhausted);
    let v = vm.run(lg).expect("runs").value;
    assert!(matches!(v, Value::Int(42)));
    assert_eq!(buf.text(), "42\n");
}

/// Cyclic garbage (objects pointing at themselves, closures capturing the cells that hold
/// them) is reclaimed: a loop making many cycles runs under a small memory limit, and after a
/// collection the live heap is back at the baseline of a program that made none.
#[test]
fn cyclic_garbage_returns_the_heap_to_its_baseline() {
    let small = Limits {
        memory: Some(8 << 20),
        ..limits()
    };
    let mut baseline = run_with(
        "function mk() { return 0; }\nfor (i in range(3)) { mk(); }\ni = 0;",
        small.clone(),
    );
    assert!(baseline.result.is_ok(), "{:?}", baseline.result.err());
    baseline.vm.collect_garbage();
    let base = baseline.vm.stats().memory;

    let src = "function mk() { o = {}; o.me = o; a = [o, a0]; o.a = a; f = fn() => [o, f]; o.f = f; return 0; }\n\
               a0 = 0;\nfor (i in range(200000)) { mk(); }\ni = 0;";
    let mut r = run_with(src, small);
    assert!(r.result.is_ok(), "{:?}", r.result.err());
    assert!(r.vm.stats().peak_memory < 8 << 20);
    r.vm.collect_garbage();
    let after = r.vm.stats().memory;
    // The second program has one extra global (`a0`) and a longer function; allow that much.
    assert!(after <= base + 4096, "live heap {after} vs baseline {base}");
}

#[test]
fn a_call_reaches_the_closure_a_reused_heap_slot_holds_now() {
    // Each iteration calls a new closure and drops it. When a collection runs at the loop's
    // back-edge, that closure is the newest garbage, so the free list (last in, first out)
    // gives its slot to the next iteration's closure, of the other prototype: `CALL`'s cache
    // of the last plain callee must not run the old one.
    let src = "bad = 0;\n\
               for (i in range(100000)) {\n\
                 if (i % 2 == 0) { f = fn() => 0; } else { f = fn() => 1; }\n\
                 if (f() != i % 2) { bad = bad + 1; }\n\
                 f = null;\n\
                 junk = [i, i, i, i, i, i, i, i];\n\
               }\n\
               print(bad);";
    let r = run_with(src, limits());
    assert!(r.result.is_ok(), "{:?}", r.result.err());
    assert_eq!(r.out, "0\n");
    assert!(
        r.vm.heap().sweeps() > 2,
        "the loop must collect garbage several times"
    );
}
