//! The builtins of stdlib.md §2: one [`NativeDef`] per name of `mlpy_ir::names::BUILTINS`,
//! registered by [`install`]. The VM builds the `builtin` module value from them.
//!
//! Invariants: no builtin requires a capability; every builtin checks its argument count and
//! kinds itself (Python messages, values.md §9.3); work proportional to input size is charged
//! as fuel before it is done, and large results are checked against the heap budget before
//! they are built.

mod convert;
mod reflect;
mod seq;

use mlpy_vm::heap::Heap;
use mlpy_vm::{NativeCtx, NativeDef, NativeFn, NativeRegistry, RtError, RtResult, Value};
use num_bigint::BigInt;
use num_traits::Signed;

const fn def(name: &'static str, func: NativeFn, doc: &'static str) -> NativeDef {
    NativeDef {
        name,
        func,
        caps: &[],
        doc,
    }
}

/// Every builtin, in the order of stdlib.md §2.
pub const BUILTIN_DEFS: &[NativeDef] = &[
    def("int", convert::int, "Convert value to integer"),
    def("float", convert::float, "Convert value to float"),
    def("str", convert::str, "Convert value to string"),
    def("bool", convert::bool, "Convert value to boolean"),
    def("typeof", convert::typeof_, "Get type of value"),
    def(
        "isinstance",
        convert::isinstance,
        "Check if value is of given type",
    ),
    def("len", seq::len, "Get length of collection"),
    def(
        "range",
        seq::range,
        "Create array of integers from start to stop by step",
    ),
    def(
        "enumerate",
        seq::enumerate,
        "Pair each element with its index",
    ),
    def(
        "zip",
        seq::zip,
        "Combine iterables element-wise into tuples",
    ),
    def("print", convert::print, "Print values to standard output"),
    def("input", convert::input, "Read a line from standard input"),
    def("abs", convert::abs, "Get absolute value"),
    def("min", seq::min, "Get minimum value"),
    def("max", seq::max, "Get maximum value"),
    def("round", convert::round, "Round number to given precision"),
    def("sum", seq::sum, "Sum of numeric values"),
    def("sorted", seq::sorted, "Return sorted array"),
    def("reversed", seq::reversed, "Return reversed array"),
    def("keys", seq::keys, "Get object keys"),
    def("values", seq::values, "Get object values"),
    def("all", seq::all, "Check if all elements are truthy"),
    def("any", seq::any, "Check if any element is truthy"),
    def("callable", reflect::callable, "Check if value is callable"),
    def("call", reflect::call, "Call function with arguments"),
    def("chr", convert::chr, "Get character from code point"),
    def("ord", convert::ord, "Get code point of character"),
    def("hex", convert::hex, "Convert integer to hexadecimal string"),
    def("bin", convert::bin, "Convert integer to binary string"),
    def("oct", convert::oct, "Convert integer to octal string"),
    def("repr", convert::repr, "Get string representation of value"),
    def(
        "format",
        convert::format,
        "Format value with format specification",
    ),
    def("iter", seq::iter, "Create iterator over collection"),
    def("next", seq::next, "Get next item from iterator"),
    def(
        "hasattr",
        reflect::hasattr,
        "Check if value has safe attribute",
    ),
    def("getattr", reflect::getattr, "Get safe attribute of value"),
    def(
        "help",
        reflect::help,
        "Get help text for function or module",
    ),
    def(
        "methods",
        reflect::methods,
        "List methods available on value",
    ),
    def("modules", reflect::modules, "List loaded modules"),
    def(
        "available_modules",
        reflect::available_modules,
        "List importable modules",
    ),
    def(
        "has_module",
        reflect::has_module,
        "Check if module can be imported",
    ),
    def(
        "module_info",
        reflect::module_info,
        "Get information about a module",
    ),
    def(
        "hasCapability",
        reflect::has_capability,
        "Check if capability is granted",
    ),
    def(
        "getCapabilities",
        reflect::get_capabilities,
        "List granted capabilities",
    ),
    def(
        "getCapabilityInfo",
        reflect::get_capability_info,
        "Get details of a granted capability",
    ),
    def(
        "requiredCapabilities",
        reflect::required_capabilities,
        "List capabilities a function requires",
    ),
];

/// Registers every builtin (also the members of the `builtin` module).
pub fn install(registry: &mut NativeRegistry) {
    for d in BUILTIN_DEFS {
        registry.add_builtin(*d);
    }
}

// ---- argument helpers ---------------------------------------------------------------------

/// Checks the argument count with CPython's builtin wording.
pub(crate) fn arity(name: &str, args: &[Value], min: usize, max: usize) -> RtResult<()> {
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let s = |k: usize| if k == 1 { "" } else { "s" };
    Err(RtError::type_error(if max == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max && min == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if min == max {
        format!(
            "{name}() takes exactly {min} argument{} ({n} given)",
            s(min)
        )
    } else if n < min {
        format!(
            "{name}() takes at least {min} argument{} ({n} given)",
            s(min)
        )
    } else {
        format!(
            "{name}() takes at most {max} argument{} ({n} given)",
            s(max)
        )
    }))
}

/// An int argument (bools count as ints).
pub(crate) enum IntArg<'h> {
    Small(i64),
    Big(&'h BigInt),
}

impl IntArg<'_> {
    pub(crate) fn to_big(&self) -> BigInt {
        match self {
            IntArg::Small(i) => BigInt::from(*i),
            IntArg::Big(b) => (*b).clone(),
        }
    }
    /// The value clamped to i64 (a big int is beyond every meaningful count).
    pub(crate) fn saturating(&self) -> i64 {
        match self {
            IntArg::Small(i) => *i,
            IntArg::Big(b) if b.is_negative() => i64::MIN,
            IntArg::Big(_) => i64::MAX,
        }
    }
}

pub(crate) fn int_arg(heap: &Heap, v: Value) -> RtResult<IntArg<'_>> {
    match v {
        Value::Int(i) => Ok(IntArg::Small(i)),
        Value::Bool(b) => Ok(IntArg::Small(b as i64)),
        Value::BigInt(g) => Ok(IntArg::Big(heap.bigint(g))),
        _ => Err(RtError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name(heap)
        ))),
    }
}

/// A new array of strings.
pub(crate) fn str_array<S: AsRef<str>>(ctx: &mut NativeCtx<'_>, items: &[S]) -> RtResult<Value> {
    let heap = ctx.heap();
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        out.push(heap.alloc_str(s.as_ref())?);
    }
    Ok(heap.alloc_array(out)?)
}

/// A new object with string keys.
pub(crate) fn str_object(ctx: &mut NativeCtx<'_>, pairs: &[(&str, Value)]) -> RtResult<Value> {
    let mut kv = Vec::with_capacity(pairs.len());
    for &(k, v) in pairs {
        kv.push((ctx.heap().alloc_str(k)?, v));
    }
    mlpy_vm::methods::object_from_pairs(ctx.heap(), &kv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_matches_the_resolver_builtin_list() {
        let ours: Vec<&str> = BUILTIN_DEFS.iter().map(|d| d.name).collect();
        assert_eq!(ours, mlpy_ir::names::BUILTINS);
        assert!(BUILTIN_DEFS
            .iter()
            .all(|d| d.caps.is_empty() && !d.doc.is_empty()));
        let mut reg = NativeRegistry::new();
        install(&mut reg);
        assert_eq!(reg.builtin_names(), mlpy_ir::names::BUILTINS);
    }

    #[test]
    fn arity_messages() {
        let one = [Value::Null];
        assert_eq!(
            arity("len", &[], 1, 1).unwrap_err().message(),
            "len() takes exactly one argument (0 given)"
        );
        assert_eq!(
            arity("f", &one, 2, 2).unwrap_err().message(),
            "f() takes exactly 2 arguments (1 given)"
        );
        assert_eq!(
            arity("f", &one, 2, 3).unwrap_err().message(),
            "f() takes at least 2 arguments (1 given)"
        );
        assert_eq!(
            arity("f", &[Value::Null; 3], 0, 1).unwrap_err().message(),
            "f() takes at most 1 argument (3 given)"
        );
        assert!(arity("f", &one, 0, 1).is_ok());
        assert_eq!(
            arity("f", &one, 0, 0).unwrap_err().message(),
            "f() takes no arguments (1 given)"
        );
    }
}
