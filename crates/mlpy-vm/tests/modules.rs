//! `import` of native modules and of ML source modules through a host `ModuleLoader`.

mod common;
use common::{registry, Buf};
use mlpy_ir::Program;
use mlpy_vm::{ErrorKind, ModuleLoader, Vm, VmConfig};

struct Files(Vec<(&'static str, &'static str)>);

impl ModuleLoader for Files {
    fn load(&mut self, path: &str) -> Option<Result<(Program, String), String>> {
        let (_, src) = self.0.iter().find(|(p, _)| *p == path)?;
        Some(Ok((common::lower(src), src.to_string())))
    }
    fn exists(&mut self, path: &str) -> bool {
        self.0.iter().any(|(p, _)| *p == path)
    }
}

fn run(
    main: &str,
    files: Vec<(&'static str, &'static str)>,
) -> (String, Result<(), mlpy_vm::VmError>) {
    let mut vm = Vm::new(VmConfig::new(registry()));
    let buf = Buf::default();
    vm.set_stdout(Box::new(buf.clone()));
    vm.set_module_loader(Box::new(Files(files)));
    let program = common::lower(main);
    let loaded = vm.load(&program, main).expect("load");
    let r = vm.run(loaded).map(|_| ());
    (buf.text(), r)
}

#[test]
fn ml_modules_run_once_and_expose_globals() {
    let util = "print(\"loading util\");\nfunction double(x) { return x * 2; }\nfactor = 3;";
    let main = "import util;\nimport util as u2;\nprint(util.double(util.factor), u2.factor);";
    let (out, r) = run(main, vec![("util", util)]);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "loading util\n6 3\n");
}

#[test]
fn dotted_imports_bind_namespaces() {
    let sorting = "function first(xs) { return xs[0]; }";
    let main = "import lib.sorting;\nimport lib.sorting as s;\nprint(lib.sorting.first([4, 5]), s.first([6]));";
    let (out, r) = run(main, vec![("lib.sorting", sorting)]);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "4 6\n");
}

#[test]
fn errors_in_modules_carry_their_module_name() {
    let bad = "x = 1;\ny = x // 0;";
    let (_, r) = run("import bad;", vec![("bad", bad)]);
    let e = r.expect_err("fails");
    assert_eq!(e.kind, ErrorKind::ZeroDivisionError);
    assert_eq!(e.module.as_deref(), Some("bad"));
    assert_eq!(e.line, 2);
    assert_eq!(e.stack.last().map(|s| s.module.clone()), Some(None));
}

#[test]
fn circular_imports_are_errors() {
    let (_, r) = run("import a;", vec![("a", "import b;"), ("b", "import a;")]);
    let e = r.expect_err("circular");
    assert!(e.message.contains("circular import"), "{}", e.message);
}
