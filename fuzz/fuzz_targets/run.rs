//! Fuzz target: any UTF-8 input that compiles is run on the VM under tight limits (fuel,
//! memory, depth, output, timeout) three times in one VM; no panic, no hang past the limits,
//! no heap bytes left behind (see `mlpy_fuzz::check_source`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        mlpy_fuzz::check_source(text);
    }
});
