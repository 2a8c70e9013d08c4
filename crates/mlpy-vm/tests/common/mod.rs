//! Test harness: parse + lower + load + run ML source on the VM with a tiny native registry
//! (the real builtins live in mlpy-stdlib, which depends on this crate).
#![allow(dead_code)]

use mlpy_ir::LowerOptions;
use mlpy_vm::text;
use mlpy_vm::{
    ErrorKind, Limits, NativeCtx, NativeDef, NativeRegistry, RtError, RtResult, Value, Vm,
    VmConfig, VmError,
};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// A `Write` sink tests can read back.
#[derive(Clone, Default)]
pub struct Buf(pub Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buf {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().map(|v| v.clone()).unwrap_or_default()).into_owned()
    }
}

fn print(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let mut line = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&text::print_text(ctx.heap_ref(), *a)?);
    }
    line.push('\n');
    ctx.write_stdout(&line)?;
    Ok(Value::Null)
}

fn len(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let n = args
        .first()
        .and_then(|v| mlpy_vm::ops::length(ctx.heap_ref(), *v))
        .unwrap_or(0);
    Ok(Value::Int(n as i64))
}

fn str_(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = text::print_text(ctx.heap_ref(), args.first().copied().unwrap_or(Value::Null))?;
    ctx.alloc_str(&s)
}

fn range(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let n = match args.first() {
        Some(Value::Int(n)) => *n,
        _ => return Err(RtError::type_error("range needs an int")),
    };
    ctx.charge(n.max(0) as u64)?;
    let v: Vec<Value> = (0..n).map(Value::Int).collect();
    Ok(ctx.heap().alloc_array(v)?)
}

/// `map(f, xs)`: calls back into ML (exercises re-entry and `keep`).
fn map(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let (Some(&f), Some(&Value::Array(g))) = (args.first(), args.get(1)) else {
        return Err(RtError::type_error("map(f, array)"));
    };
    let out = ctx.heap().alloc_array(Vec::new())?;
    ctx.keep(out);
    let n = ctx.heap_ref().array(g).len();
    for i in 0..n {
        let x = ctx.heap_ref().array(g)[i];
        let y = ctx.call(f, &[x])?;
        if let Value::Array(o) = out {
            ctx.heap().array_push(o, y)?;
        }
    }
    Ok(out)
}

fn typeof_(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let name = args
        .first()
        .map_or("unknown", |v| v.typeof_name(ctx.heap_ref()))
        .to_string();
    ctx.alloc_str(&name)
}

fn secret(_ctx: &mut NativeCtx<'_>, _args: &[Value]) -> RtResult<Value> {
    Ok(Value::Int(42))
}

fn sqrt(_ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    match args.first() {
        Some(Value::Int(i)) => Ok(Value::Float((*i as f64).sqrt())),
        Some(Value::Float(x)) => Ok(Value::Float(x.sqrt())),
        _ => Err(RtError::new(ErrorKind::TypeError, "sqrt needs a number")),
    }
}

pub fn registry() -> Arc<NativeRegistry> {
    let mut r = NativeRegistry::new();
    for (name, func) in [
        ("print", print as mlpy_vm::NativeFn),
        ("len", len),
        ("str", str_),
        ("range", range),
        ("typeof", typeof_),
    ] {
        r.add_builtin(NativeDef {
            name,
            func,
            caps: &[],
            doc: "",
        });
    }
    r.add_module_fn(
        "functional",
        "map",
        NativeDef {
            name: "map",
            func: map,
            caps: &[],
            doc: "",
        },
    );
    r.add_module_fn(
        "math",
        "sqrt",
        NativeDef {
            name: "sqrt",
            func: sqrt,
            caps: &[],
            doc: "",
        },
    );
    r.add_module_const(
        "math",
        "pi",
        mlpy_vm::ConstValue::Float(std::f64::consts::PI),
    );
    r.add_module_fn(
        "file",
        "secret",
        NativeDef {
            name: "secret",
            func: secret,
            caps: &["file.read"],
            doc: "",
        },
    );
    Arc::new(r)
}

pub struct Run {
    pub out: String,
    pub result: Result<Value, VmError>,
    pub vm: Vm,
    pub loaded: mlpy_vm::Loaded,
}

pub fn lower(src: &str) -> mlpy_ir::Program {
    let parse = mlpy_syntax::parse(src);
    assert!(
        parse.diagnostics().is_empty(),
        "syntax errors: {:?}",
        parse.diagnostics()
    );
    let lowered = mlpy_ir::lower(&parse.tree(), &LowerOptions::default());
    assert!(
        !lowered.has_errors(),
        "lowering errors: {:?}",
        lowered.diagnostics
    );
    lowered.program
}

pub fn run_with(src: &str, limits: Limits) -> Run {
    let program = lower(src);
    let mut config = VmConfig::new(registry());
    config.limits = limits;
    let mut vm = Vm::new(config);
    let buf = Buf::default();
    vm.set_stdout(Box::new(buf.clone()));
    let loaded = vm.load(&program, src).expect("load");
    let result = vm.run(loaded).map(|o| o.value);
    Run {
        out: buf.text(),
        result,
        vm,
        loaded,
    }
}

pub fn run(src: &str) -> Run {
    run_with(src, Limits::default())
}

/// Runs and returns the output; panics on an uncaught error.
pub fn out(src: &str) -> String {
    let r = run(src);
    match r.result {
        Ok(_) => r.out,
        Err(e) => panic!("unexpected error {e:?}\noutput so far:\n{}", r.out),
    }
}

/// Runs and returns (output, error kind, message); panics if the run succeeds.
pub fn fails(src: &str) -> (String, ErrorKind, String) {
    let r = run(src);
    match r.result {
        Ok(_) => panic!("expected an error; output:\n{}", r.out),
        Err(e) => (r.out, e.kind, e.message),
    }
}
