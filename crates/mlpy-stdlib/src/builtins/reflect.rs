//! Reflection builtins: `callable call hasattr getattr help methods modules available_modules
//! has_module module_info hasCapability getCapabilities getCapabilityInfo requiredCapabilities`
//! (stdlib.md §2).
//!
//! Attribute rules: only whitelisted members count — the method tables of language.md §7.3.1
//! (from the VM's `methods` module), methods and properties registered for a stdlib object's
//! class, and module members; object keys, `length` and names starting with `_` never do.
//! Host-object method natives are registered with `NativeDef::name` equal to the method name,
//! which is what a bound method of a host object carries.

use super::{arity, str_array, str_object};
use crate::capabilities;
use mlpy_vm::heap::{Heap, HeapObject};
use mlpy_vm::methods::{self, ARRAY_METHODS, OBJECT_METHODS, STR_METHODS, TUPLE_METHODS};
use mlpy_vm::{text, Member, NativeCtx, NativeId, RtError, RtResult, Value};

pub(super) fn callable(_ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("callable", args, 1, 1)?;
    Ok(Value::Bool(args[0].is_callable()))
}

pub(super) fn call(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let Some((&f, rest)) = args.split_first() else {
        return Err(RtError::type_error(
            "call() missing 1 required positional argument: 'func'",
        ));
    };
    if !f.is_callable() {
        return Err(RtError::type_error(format!(
            "Cannot call object of type '{}': not callable",
            f.type_name(ctx.heap_ref())
        )));
    }
    ctx.call(f, rest)
}

/// A whitelisted attribute of a value.
enum Attr {
    /// A method: `getattr` returns it bound to the receiver.
    Method(&'static str),
    /// A stdlib-object property: a native called with the receiver.
    Property(NativeId),
    /// A module member.
    Member(Value),
}

fn find_attr(ctx: &NativeCtx<'_>, v: Value, name: Value) -> RtResult<Option<Attr>> {
    let heap = ctx.heap_ref();
    let Value::Str(ng) = name else {
        return Ok(None);
    };
    let n = heap.str(ng);
    if n.starts_with('_') {
        return Ok(None);
    }
    Ok(match v {
        Value::Str(_) | Value::Array(_) | Value::Tuple(_) | Value::Object(_) => {
            methods::method_name(heap, v, n).map(Attr::Method)
        }
        Value::Other(g) => match heap.get(g) {
            HeapObject::Host(h) => {
                let reg = ctx.registry();
                let class = h.class_name();
                if let Some(def) = reg.method(class, n).and_then(|id| reg.native(id)) {
                    Some(Attr::Method(def.name))
                } else {
                    reg.property(class, n).map(Attr::Property)
                }
            }
            HeapObject::Module(m) => m.members.get(heap, name)?.map(Attr::Member),
            _ => None,
        },
        _ => None,
    })
}

fn name_arg(ctx: &NativeCtx<'_>, v: Value, func: &str) -> RtResult<()> {
    match v {
        Value::Str(_) => Ok(()),
        _ => Err(RtError::type_error(format!(
            "{func}(): attribute name must be string, not '{}'",
            v.type_name(ctx.heap_ref())
        ))),
    }
}

pub(super) fn hasattr(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("hasattr", args, 2, 2)?;
    name_arg(ctx, args[1], "hasattr")?;
    Ok(Value::Bool(find_attr(ctx, args[0], args[1])?.is_some()))
}

pub(super) fn getattr(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("getattr", args, 2, 3)?;
    name_arg(ctx, args[1], "getattr")?;
    let default = args.get(2).copied().unwrap_or(Value::Null);
    match find_attr(ctx, args[0], args[1])? {
        None => Ok(default),
        Some(Attr::Method(m)) => Ok(ctx.heap().alloc_bound_method(args[0], m)?),
        Some(Attr::Property(id)) => ctx.call(Value::Native(id), &args[..1]),
        Some(Attr::Member(v)) => Ok(v),
    }
}

/// `"\nRequires: a, b"` or `"\nCapabilities: None required"`.
fn caps_suffix(caps: &[&str]) -> String {
    if caps.is_empty() {
        "\nCapabilities: None required".to_string()
    } else {
        format!("\nRequires: {}", caps.join(", "))
    }
}

fn module_of(heap: &Heap, v: Value) -> Option<&str> {
    match v {
        Value::Other(g) => match heap.get(g) {
            HeapObject::Module(m) => Some(&m.name),
            _ => None,
        },
        _ => None,
    }
}

/// The capabilities a native module's functions require, in first-use order.
fn module_caps(ctx: &NativeCtx<'_>, name: &str) -> Vec<&'static str> {
    let reg = ctx.registry();
    let mut caps: Vec<&'static str> = Vec::new();
    for (_, m) in reg.module(name).map_or(&[][..], |d| &d.members[..]) {
        if let Member::Native(id) = m {
            for &c in reg
                .native(*id)
                .map_or(&[][..], crate::modules::declared_caps)
            {
                if !caps.contains(&c) {
                    caps.push(c);
                }
            }
        }
    }
    caps
}

pub(super) fn help(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("help", args, 1, 1)?;
    let v = args[0];
    let text = if let Some(def) = ctx.native_of(v) {
        format!(
            "{}{}",
            def.doc,
            caps_suffix(crate::modules::declared_caps(def))
        )
    } else if let Some(name) = module_of(ctx.heap_ref(), v) {
        let name = name.to_string();
        let doc = match ctx.registry().module(&name) {
            Some(def) => def.doc.clone(),
            None if name == mlpy_ir::names::BUILTIN_MODULE => "Built-in functions".to_string(),
            None => format!("Module {name}"),
        };
        format!("{doc}{}", caps_suffix(&module_caps(ctx, &name)))
    } else {
        format!(
            "No help available for {}",
            text::display(ctx.heap_ref(), v)?
        )
    };
    Ok(ctx.heap().alloc_string(text)?)
}

pub(super) fn methods(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("methods", args, 1, 1)?;
    let v = args[0];
    let heap = ctx.heap_ref();
    let mut names: Vec<String> = match v {
        Value::Str(_) => STR_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Array(_) => ARRAY_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Tuple(_) => TUPLE_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Object(g) if heap.object(g).all_string_keys() => heap
            .object(g)
            .iter()
            .filter(|(_, val)| val.is_callable())
            .filter_map(|(k, _)| match k {
                Value::Str(s) => Some(heap.str(s).to_string()),
                _ => None,
            })
            .collect(),
        Value::Object(_) => OBJECT_METHODS.iter().map(|s| s.to_string()).collect(),
        Value::Other(g) => match heap.get(g) {
            HeapObject::Host(h) => ctx.registry().class_methods(h.class_name()),
            HeapObject::Module(m) => m
                .members
                .iter()
                .filter(|(_, val)| val.is_callable())
                .filter_map(|(k, _)| match k {
                    Value::Str(s) => Some(heap.str(s).to_string()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    names.sort();
    names.dedup();
    str_array(ctx, &names)
}

pub(super) fn modules(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("modules", args, 0, 0)?;
    let names = ctx.loaded_modules();
    str_array(ctx, &names)
}

/// Importable native modules (the `builtin` module is always present, not imported).
fn native_modules(ctx: &NativeCtx<'_>) -> Vec<String> {
    ctx.registry()
        .module_names()
        .into_iter()
        .filter(|n| n != mlpy_ir::names::BUILTIN_MODULE)
        .collect()
}

pub(super) fn available_modules(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("available_modules", args, 0, 1)?;
    let kind = match args.first() {
        None | Some(Value::Null) => None,
        Some(&Value::Str(g)) => Some(ctx.heap_ref().str(g).to_string()),
        Some(v) => {
            return Err(RtError::type_error(format!(
                "available_modules() argument must be str or None, not '{}'",
                v.type_name(ctx.heap_ref())
            )))
        }
    };
    let mut names = Vec::new();
    if matches!(kind.as_deref(), None | Some("python_bridge")) {
        names.extend(native_modules(ctx));
    }
    if matches!(kind.as_deref(), None | Some("ml_source")) {
        names.extend(ctx.ml_source_modules().into_iter().map(|(name, _)| name));
    }
    names.sort();
    names.dedup();
    str_array(ctx, &names)
}

pub(super) fn has_module(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("has_module", args, 1, 1)?;
    let Value::Str(g) = args[0] else {
        return Ok(Value::Bool(false));
    };
    let name = ctx.heap_ref().str(g).to_string();
    Ok(Value::Bool(ctx.has_module(&name)))
}

pub(super) fn module_info(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("module_info", args, 1, 1)?;
    let Value::Str(g) = args[0] else {
        return Ok(Value::Null);
    };
    let name = ctx.heap_ref().str(g).to_string();
    if !ctx.has_module(&name) {
        return Ok(Value::Null);
    }
    let reg = ctx.registry();
    let (kind, mut functions): (&str, Vec<String>) = if name == mlpy_ir::names::BUILTIN_MODULE {
        ("builtin", reg.builtin_names().to_vec())
    } else if let Some(def) = reg.module(&name) {
        let fns = def
            .members
            .iter()
            .filter(|(_, m)| matches!(m, Member::Native(_)))
            .map(|(n, _)| n.clone())
            .collect();
        ("python_bridge", fns)
    } else {
        ("ml_source", Vec::new())
    };
    functions.sort();
    let path = match kind {
        "ml_source" => ctx
            .ml_source_modules()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p),
        _ => None,
    };
    let loaded = ctx.loaded_modules().contains(&name);
    let name_v = ctx.alloc_str(&name)?;
    let kind_v = ctx.alloc_str(kind)?;
    let path_v = match path {
        Some(p) => ctx.heap().alloc_string(p)?,
        None => Value::Null,
    };
    let fns_v = str_array(ctx, &functions)?;
    str_object(
        ctx,
        &[
            ("name", name_v),
            ("type", kind_v),
            ("loaded", Value::Bool(loaded)),
            ("file_path", path_v),
            ("functions", fns_v),
        ],
    )
}

pub(super) fn has_capability(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("hasCapability", args, 1, 1)?;
    let granted = match args[0] {
        Value::Str(g) => ctx.is_granted(ctx.heap_ref().str(g)),
        _ => false,
    };
    Ok(Value::Bool(granted))
}

/// Granted names: the policy's own list (opaque host names included) plus every known
/// library name the context grants.
pub(super) fn get_capabilities(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("getCapabilities", args, 0, 0)?;
    let mut names: Vec<String> = ctx
        .capabilities()
        .map(|p| p.granted_names())
        .unwrap_or_default();
    names.extend(
        capabilities::known_names()
            .filter(|c| ctx.is_granted(c))
            .map(String::from),
    );
    names.sort();
    names.dedup();
    str_array(ctx, &names)
}

/// A list of strings, or null for "no restriction" (D9).
fn opt_str_array(ctx: &mut NativeCtx<'_>, items: Option<Vec<String>>) -> RtResult<Value> {
    match items {
        Some(v) => str_array(ctx, &v),
        None => Ok(Value::Null),
    }
}

pub(super) fn get_capability_info(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("getCapabilityInfo", args, 1, 1)?;
    let Value::Str(g) = args[0] else {
        return Ok(Value::Null);
    };
    let name = ctx.heap_ref().str(g).to_string();
    if !ctx.is_granted(&name) {
        return Ok(Value::Null);
    }
    let info = ctx
        .capabilities()
        .and_then(|p| p.info(&name))
        .unwrap_or_default();
    let patterns = opt_str_array(ctx, info.patterns)?;
    let operations = opt_str_array(ctx, info.operations)?;
    let usage = i64::try_from(info.usage_count).unwrap_or(i64::MAX);
    let max_usage = info.max_usage.map_or(Value::Null, |m| {
        Value::Int(i64::try_from(m).unwrap_or(i64::MAX))
    });
    let expires = info.expires_at.map_or(Value::Null, Value::Float);
    str_object(
        ctx,
        &[
            ("type", args[0]),
            ("available", Value::Bool(true)),
            ("usage_count", Value::Int(usage)),
            ("patterns", patterns),
            ("operations", operations),
            ("max_usage", max_usage),
            ("expires_at", expires),
        ],
    )
}

pub(super) fn required_capabilities(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("requiredCapabilities", args, 1, 1)?;
    let caps: Vec<&str> = ctx
        .native_of(args[0])
        .map_or(Vec::new(), |d| crate::modules::declared_caps(d).to_vec());
    str_array(ctx, &caps)
}
