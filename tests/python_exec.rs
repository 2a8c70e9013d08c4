//! Emitted Python as Python hosts run it (python-api.md P-160..P-167): `exec(code, g, l)` with
//! separate mappings, `exec` inside a host function, flat data programs under
//! `{"__builtins__": {}}`, open-world host globals and `__python_callback` from the exec
//! globals, output captured with `contextlib.redirect_stdout`, uncaught ML errors raised as
//! Python exceptions carrying the ML kind and position. Skipped when `python3` is missing
//! (except in CI).

use mlpy::{transpile, Source, TranspileOptions};
use mlpy_tests::python_available;
use std::process::{Command, Stdio};

/// Transpiles `ml` (open world, so host globals are allowed) and runs `driver` with the code in
/// the variable `code`; returns the driver's stdout, asserting it succeeded.
fn drive(ml: &str, driver: &str) -> Option<String> {
    if !python_available() {
        assert!(std::env::var("CI").is_err(), "python3 is required in CI");
        return None;
    }
    let options = TranspileOptions {
        open_world: true,
        ..TranspileOptions::default()
    };
    let code = transpile(&Source::new("host.ml", ml), &options)
        .expect("transpiles")
        .python;
    let dir = tempfile::tempdir().expect("tempdir");
    let code_path = dir.path().join("prog.py");
    std::fs::write(&code_path, code).expect("write");
    let script = format!(
        "code = open({:?}).read()\n{driver}\n",
        code_path.display().to_string()
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "driver failed:\n{stdout}\n{stderr}");
    Some(stdout)
}

#[test]
fn separate_globals_and_locals() {
    let ml = "total = 0;\nfunction add(v) { nonlocal total; total = total + v; return helper(total); }\nfunction helper(x) { return x * 2; }\nr = add(2) + add(3);\nclass = 1;\n";
    let driver = "g = {}\nl = {}\nexec(code, g, l)\nprint(l['total'], l['r'], l['ml_class'], callable(l['add']), sorted(k for k in l if not k.startswith('__')))\nprint([k for k in l if k.startswith('__')])";
    if let Some(out) = drive(ml, driver) {
        assert_eq!(
            out,
            "5 14 1 True ['add', 'helper', 'ml_class', 'r', 'total']\n[]\n"
        );
    }
}

#[test]
fn exec_inside_a_host_function() {
    let ml =
        "function f(n) { if (n < 2) { return n; } return f(n - 1) + f(n - 2); }\nprint(f(15));\n";
    let driver = "def host():\n    exec(code)\nhost()";
    if let Some(out) = drive(ml, driver) {
        assert_eq!(out, "610\n");
    }
}

#[test]
fn data_only_program_runs_without_builtins() {
    let ml = "max_size = 10 * 1024 * 1024;  // 10MB\nname = \"svc\";\nopts = {retries: 3, ratio: 1 / 4, tags: [\"a\", null, true]};\n";
    let driver = "ns = {}\nexec(code, {'__builtins__': {}}, ns)\nprint(ns)";
    if let Some(out) = drive(ml, driver) {
        assert_eq!(
            out,
            "{'max_size': 10485760, 'name': 'svc', 'opts': {'retries': 3, 'ratio': 0.25, 'tags': ['a', None, True]}}\n"
        );
    }
}

#[test]
fn host_globals_and_python_callback_come_from_the_exec_globals() {
    let ml = "function fetch(...args) { return __python_callback(\"fetch\", args); }\nu = fetch(input_data.id, \"x\");\nprint(u.email, input_data.id);\n";
    let driver = "def handler(name, args):\n    return {'email': name + ':' + str(args)}\ng = {'__python_callback': handler, 'input_data': {'id': 7}}\nexec(code, g)\nprint(g['u'])";
    if let Some(out) = drive(ml, driver) {
        assert_eq!(out, "fetch:[7, 'x'] 7\n{'email': \"fetch:[7, 'x']\"}\n");
    }
}

#[test]
fn missing_host_global_is_a_name_error_never_a_builtin() {
    let ml = "print(type);\n";
    let driver = "try:\n    exec(code, {})\nexcept Exception as e:\n    print(type(e).__name__, e.kind, e.message, e.ml_line)";
    if let Some(out) = drive(ml, driver) {
        assert_eq!(out, "__MLError NameError name 'type' is not defined 1\n");
    }
}

#[test]
fn output_is_looked_up_at_write_time_and_errors_raise() {
    let ml = "print(\"captured\", [true]);\nx = {a: 1}[\"b\"];\n";
    let driver = "import contextlib, io\nbuf = io.StringIO()\ntry:\n    with contextlib.redirect_stdout(buf):\n        exec(code, {})\nexcept Exception as e:\n    print(repr(buf.getvalue()), str(e), e.ml_line)";
    if let Some(out) = drive(ml, driver) {
        assert_eq!(out, "'captured [True]\\n' KeyError: 'b' 2\n");
    }
}

#[test]
fn ml_modules_are_embedded_and_run_once_at_first_import() {
    if !python_available() {
        assert!(std::env::var("CI").is_err(), "python3 is required in CI");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).expect("mkdir");
    std::fs::write(
        lib.join("util.ml"),
        "print(\"loading util\");\nbase = 10;\nfunction add(x) { return x + base; }\nfunction boom() { return 1 / 0; }\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("other.ml"),
        "import lib.util as u;\nfunction twice(x) { return u.add(u.add(x)); }\n",
    )
    .expect("write");
    let main = dir.path().join("main.ml");
    std::fs::write(
        &main,
        "import lib.util;\nimport other;\nprint(lib.util.add(1), other.twice(1), lib.util.base);\nimport missing.thing as m;\n",
    )
    .expect("write");
    let source = Source::read(&main).expect("read");
    let py = transpile(&source, &TranspileOptions::default())
        .expect("transpiles")
        .python;
    let out_path = dir.path().join("main.py");
    std::fs::write(&out_path, py).expect("write");
    let out = Command::new("python3")
        .arg(&out_path)
        .stdin(Stdio::null())
        .output()
        .expect("python3");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "loading util\n11 21 10\n"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("main.ml:4:1: RuntimeError: No module named 'missing.thing'"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn runtime_import_mode_loads_the_prelude_from_the_wheel_module() {
    if !python_available() {
        assert!(std::env::var("CI").is_err(), "python3 is required in CI");
        return;
    }
    // A stand-in for the installed wheel: mlpy/runtime/pyprelude.py as the wheel ships it.
    let dir = tempfile::tempdir().expect("tempdir");
    let pkg = dir.path().join("site").join("mlpy").join("runtime");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    std::fs::write(dir.path().join("site/mlpy/__init__.py"), "").expect("write");
    std::fs::write(pkg.join("__init__.py"), "").expect("write");
    std::fs::write(pkg.join("pyprelude.py"), mlpy::python_runtime_module()).expect("write");
    let ml = "function f(n) { if (n < 2) { return n; } return f(n - 1) + f(n - 2); }\nprint(f(12), \"x\" + [true], {a: 1}.a);\ny = [1][3];\n";
    let options = TranspileOptions {
        runtime: mlpy::PythonRuntime::Import,
        ..TranspileOptions::default()
    };
    let py = transpile(&Source::new("imp.ml", ml), &options)
        .expect("transpiles")
        .python;
    assert!(py.contains("import mlpy.runtime.pyprelude"), "{py}");
    assert!(!py.contains("def __ml_add"), "prelude must not be embedded");
    let path = dir.path().join("imp.py");
    std::fs::write(&path, &py).expect("write");
    let out = Command::new("python3")
        .arg(&path)
        .env("PYTHONPATH", dir.path().join("site"))
        .stdin(Stdio::null())
        .output()
        .expect("python3");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "144 x[True] 1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("imp.ml:3:5: IndexError: list index out of range"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
    // With the wheel's exception hierarchy present, uncaught ML errors derive from its MLError
    // and carry the thrown object as `error_data` (P-166).
    let errors = dir.path().join("site/mlpy/ml/errors");
    std::fs::create_dir_all(&errors).expect("mkdir");
    std::fs::write(dir.path().join("site/mlpy/ml/__init__.py"), "").expect("write");
    std::fs::write(errors.join("__init__.py"), "").expect("write");
    std::fs::write(
        errors.join("exceptions.py"),
        "class MLError(Exception):\n    pass\n",
    )
    .expect("write");
    let thrower = transpile(
        &Source::new("t.ml", "throw {message: \"boom\", code: 7};\n"),
        &options,
    )
    .expect("transpiles")
    .python;
    std::fs::write(dir.path().join("t.py"), thrower).expect("write");
    let driver = format!(
        "from mlpy.ml.errors.exceptions import MLError\ntry:\n    exec(open({:?}).read(), {{}})\nexcept MLError as e:\n    print(e.kind, e.message, e.error_data)\n",
        dir.path().join("t.py").display().to_string()
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(driver)
        .env("PYTHONPATH", dir.path().join("site"))
        .stdin(Stdio::null())
        .output()
        .expect("python3");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "MLUserException boom {'message': 'boom', 'code': 7}\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
