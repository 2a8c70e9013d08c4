//! Golden tests of emitted Python: every `test_data/*.ml` is lowered and emitted, and the output
//! (with the embedded prelude text elided to one line, since it is the same for every program)
//! is compared with the `.py` file next to it (refresh with `UPDATE_EXPECT=1 cargo test`).

use mlpy_pyemit::{emit, EmitOptions};
use std::path::Path;

fn emitted(text: &str, file: &str) -> String {
    let parse = mlpy_syntax::parse(text);
    assert!(parse.diagnostics().is_empty(), "{file}: syntax errors");
    let lowered = mlpy_ir::lower(&parse.tree(), &mlpy_ir::LowerOptions::default());
    assert!(!lowered.has_errors(), "{file}: {:?}", lowered.diagnostics);
    let options = EmitOptions {
        file_name: file.to_string(),
        ..EmitOptions::default()
    };
    let code = emit(&lowered.program, text, &[], &options)
        .expect("emits")
        .code;
    // The body's first line number depends on the prelude's length: not part of the golden.
    let code: String = code
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("__ml_prog['first'] = ") {
                "    __ml_prog['first'] = N  # (first line of the program body)\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    // Elide the prelude (core and module files): everything from the first prelude marker to
    // the program marker.
    match (
        code.find("    # ---- runtime prelude"),
        code.find("    # ---- program ----"),
    ) {
        (Some(a), Some(b)) => format!(
            "{}    # ... runtime prelude elided ...\n{}",
            &code[..a],
            &code[b..]
        ),
        _ => code,
    }
}

#[test]
fn golden_python() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("test_data exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("UTF-8 test file");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let out = emitted(&text, &name);
        expect_test::expect_file![path.with_extension("py")].assert_eq(&out);
    }
}

#[test]
fn output_is_deterministic() {
    let text = "a = {x: 1, y: [fn(v) => v]};\nfunction f() { return a; }\nprint(f());\n";
    assert_eq!(emitted(text, "d.ml"), emitted(text, "d.ml"));
}

#[test]
fn data_only_programs_are_flat() {
    let out = emitted(
        "x = 10 * 1024;\ny = {a: [1, 2.5, \"s\", null, true]};\n",
        "flat.ml",
    );
    assert!(!out.contains("__ml"), "{out}");
    assert!(out.contains("x = (10 * 1024)"), "{out}");
    // Division by a literal zero is not data: it needs the wrapper to report the ML error.
    assert!(emitted("x = 1 / 0;\n", "z.ml").contains("def __ml_program"));
}

#[test]
fn nesting_beyond_cpython_is_an_error_not_broken_python() {
    let nest = |n: usize| {
        let mut t = String::new();
        for i in 0..n {
            t.push_str(&format!("for (i{i} in [1]) {{ "));
        }
        t.push_str("print(1); ");
        t.push_str(&"} ".repeat(n));
        t
    };
    let run = |text: &str| {
        let parse = mlpy_syntax::parse(text);
        let lowered = mlpy_ir::lower(&parse.tree(), &mlpy_ir::LowerOptions::default());
        emit(&lowered.program, text, &[], &EmitOptions::default())
    };
    assert!(run(&nest(10)).is_ok());
    let err = run(&nest(25)).expect_err("too deep for CPython");
    assert!(err.message.contains("nested too deeply"), "{}", err.message);
}
