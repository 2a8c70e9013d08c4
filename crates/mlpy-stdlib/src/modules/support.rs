//! Helpers shared by the library modules: native definitions, argument checks with Python
//! wording, and fuel/memory accounting for element-wise work.
//!
//! Invariant: every helper that walks or builds a sequence charges one fuel tick per element
//! and checks the heap budget before the work is done.

use mlpy_vm::heap::Heap;
use mlpy_vm::{num, ops, NativeCtx, NativeDef, NativeFn, NativeRegistry, RtError, RtResult, Value};

pub(crate) use crate::builtins::{arity, int_arg, str_object, IntArg};

const VALUE_SIZE: usize = std::mem::size_of::<Value>();

/// A native definition.
pub(crate) const fn def(
    name: &'static str,
    func: NativeFn,
    caps: &'static [&'static str],
    doc: &'static str,
) -> NativeDef {
    NativeDef {
        name,
        func,
        caps,
        doc,
    }
}

/// Declares `module` and adds every definition as a member named like the definition.
pub(crate) fn add_all(reg: &mut NativeRegistry, module: &str, doc: &str, defs: &[NativeDef]) {
    reg.add_module(module, doc);
    for d in defs {
        reg.add_module_fn(module, d.name, *d);
    }
}

/// A number argument as a float (bools count as 0/1); CPython's math wording otherwise.
pub(crate) fn float_arg(heap: &Heap, v: Value) -> RtResult<f64> {
    match num::num(heap, v) {
        Some(n) => n.to_f64(),
        None => Err(RtError::type_error(format!(
            "must be real number, not {}",
            v.type_name(heap)
        ))),
    }
}

/// Argument `i`, or `Value::Null` when omitted.
pub(crate) fn opt(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::Null)
}

/// Checks the budget for `n` new values and charges `n` ticks.
pub(crate) fn reserve(ctx: &mut NativeCtx<'_>, n: usize) -> RtResult<()> {
    ctx.heap_ref().check(n.saturating_mul(VALUE_SIZE))?;
    ctx.charge(n as u64)
}

/// The elements of any iterable (array, tuple, string characters, object keys, ...), after
/// charging one tick per element.
pub(crate) fn items(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<Value>> {
    if let Some(n) = ops::length(ctx.heap_ref(), v) {
        reserve(ctx, n)?;
    }
    ops::iter_values(ctx.heap(), v)
}

/// A new array (budget checked by the allocator).
pub(crate) fn new_array(ctx: &mut NativeCtx<'_>, v: Vec<Value>) -> RtResult<Value> {
    Ok(ctx.heap().alloc_array(v)?)
}

/// Calls the ML callable `f` with `args` after charging one tick. Values the caller holds
/// across this call (results built so far) must be passed to `ctx.keep` first.
pub(crate) fn call(ctx: &mut NativeCtx<'_>, f: Value, args: &[Value]) -> RtResult<Value> {
    ctx.charge(1)?;
    ctx.call(f, args)
}
