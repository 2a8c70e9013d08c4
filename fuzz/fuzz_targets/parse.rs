//! Fuzz target: `mlpy_syntax::parse` never panics on any UTF-8 input, its tree reproduces the
//! input byte for byte, and every diagnostic range lies inside the input. Inputs without syntax
//! errors are also resolved (lowered to IR, the name-resolution pass) and audited, which must
//! not panic either and must report ranges inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parse = mlpy_syntax::parse(text);
    assert_eq!(parse.syntax().to_string(), text);
    for d in parse.diagnostics() {
        assert!(u32::from(d.range.end()) as usize <= text.len());
        // The no-progress guard tripping means a grammar loop is missing a `bump`.
        assert!(!d.message.starts_with("parser made no progress"));
    }
    let _ = mlpy_syntax::is_incomplete(text);
    if parse.diagnostics().iter().any(|d| d.is_error()) {
        return;
    }
    let file = parse.tree();
    let lowered = mlpy_ir::lower(&file, &mlpy_ir::LowerOptions::default());
    for d in &lowered.diagnostics {
        assert!(u32::from(d.range.end()) as usize <= text.len());
    }
    for f in mlpy_ir::audit::audit(&file, &lowered) {
        assert!(u32::from(f.range.end()) as usize <= text.len());
    }
});
