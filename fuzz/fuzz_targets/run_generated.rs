//! Structure-aware fuzz target: the bytes drive `mlgen` (the grammar-based generator shared
//! with `tests/differential.rs`), so every input is a valid, terminating ML program that
//! reaches the VM and the standard library. Each must compile (a compile error is a generator
//! or compiler bug) and pass `mlpy_fuzz::check_source`.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(program) = mlpy_fuzz::mlgen::program(&mut u) else {
        return;
    };
    assert!(
        mlpy_fuzz::check_source(&program),
        "generated program does not compile:\n{program}"
    );
});
