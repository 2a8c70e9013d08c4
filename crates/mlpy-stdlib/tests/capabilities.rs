//! Library functions are checked against the run's capability policy: with the pure names
//! removed, every gated module function raises a catchable `CapabilityError`, while functions
//! and methods that need no capability keep working (stdlib.md §1, [fix] for Logger methods).

use mlpy_vm::{CapabilityPolicy, NativeRegistry, Vm, VmConfig};
use std::any::Any;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Grants exactly the listed names.
struct Only(Vec<&'static str>);

impl CapabilityPolicy for Only {
    fn is_granted(&self, capability: &str) -> bool {
        self.0.contains(&capability)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run(source: &str, granted: Vec<&'static str>) -> String {
    let parse = mlpy_syntax::parse(source);
    assert!(parse.diagnostics().is_empty(), "{:?}", parse.diagnostics());
    let lowered = mlpy_ir::lower(&parse.tree(), &mlpy_ir::LowerOptions::default());
    assert!(!lowered.has_errors(), "{:?}", lowered.diagnostics);
    let mut reg = NativeRegistry::new();
    mlpy_stdlib::install(&mut reg);
    let mut cfg = VmConfig::new(Arc::new(reg));
    cfg.capabilities = Some(Arc::new(Only(granted)));
    let mut vm = Vm::new(cfg);
    let out = Sink::default();
    vm.set_stdout(Box::new(out.clone()));
    let loaded = vm.load(&lowered.program, source).expect("load");
    vm.run(loaded).expect("run");
    let bytes = out.0.lock().map(|v| v.clone()).unwrap_or_default();
    String::from_utf8(bytes).expect("utf-8")
}

const PROGRAM: &str = r#"
import math;
import random;
import regex;
import json;
import collections;
import functional;
import console;
import log;
function denied(f) {
    try { f(); return "ran"; } except (e) { return e.type; }
}
print(denied(fn() => math.sqrt(4)), denied(fn() => random.random()), denied(fn() => random.choice([1])));
print(denied(fn() => regex.search("a", "a")), denied(fn() => json.parse("1")), denied(fn() => json.stringify(1)));
print(denied(fn() => collections.length([])), denied(fn() => collections.map([], len)), denied(fn() => functional.compose()));
print(denied(fn() => functional.map(len, [])), denied(fn() => console.log("x")), denied(fn() => log.info("x")));
print(math.pi, json.isObject({}), regex.escape("."), functional.identity(3), regex.IGNORECASE());
p = regex.compile("b+");
print(p.search("abb").value(), denied(fn() => log.create_logger("n").info("x")));
"#;

#[test]
fn pure_names_can_be_withheld() {
    let out = run(PROGRAM, vec!["regex.compile"]);
    assert_eq!(
        out,
        "CapabilityError CapabilityError CapabilityError\n\
         CapabilityError CapabilityError CapabilityError\n\
         CapabilityError CapabilityError CapabilityError\n\
         CapabilityError CapabilityError CapabilityError\n\
         3.141592653589793 true \\. 3 2\n\
         bb CapabilityError\n"
    );
}

#[test]
fn granted_names_run() {
    let out = run(
        "import math; import log; log.set_format(\"json\"); log.set_timestamp(false); print(math.sqrt(4)); log.info(\"ok\");",
        vec!["math.compute", "log.write"],
    );
    assert_eq!(
        out,
        "2.0\n{\"message\": \"ok\", \"level\": \"INFO\", \"logger\": \"default\"}\n"
    );
}

/// Every gated function of these modules, called with no capability granted, raises
/// `CapabilityError` before looking at its arguments.
#[test]
fn every_gated_function_is_denied() {
    let mut reg = NativeRegistry::new();
    mlpy_stdlib::install(&mut reg);
    let mut program = String::new();
    let mut expected = String::new();
    for module in [
        "console",
        "math",
        "random",
        "regex",
        "json",
        "collections",
        "functional",
        "log",
    ] {
        program.push_str(&format!("import {module};\n"));
        let def = reg.module(module).expect("module registered");
        for (name, member) in &def.members {
            let mlpy_vm::Member::Native(id) = member else {
                continue;
            };
            let caps = reg.native(*id).map_or(&[][..], |d| d.caps);
            if caps.is_empty() {
                continue;
            }
            program.push_str(&format!(
                "try {{ {module}.{name}(); print(\"ran\"); }} except (e) {{ print(\"{module}.{name}\", e.type); }}\n"
            ));
            expected.push_str(&format!("{module}.{name} CapabilityError\n"));
        }
    }
    assert!(expected.lines().count() > 100);
    assert_eq!(run(&program, Vec::new()), expected);
}
