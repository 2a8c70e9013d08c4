//! `functional` (stdlib.md §8): function builders (`compose pipe curry partial memoize ...`)
//! and data functions, function first and data last.
//!
//! A function a builder returns is a host object of class `FunctionalFn` wrapped in a bound
//! method (`typeof` → `"function"`, callable anywhere, printed `<function compose>` etc.); its
//! methods are registered without capabilities, so calling it needs none. The host object
//! traces every value it holds (functions, bound arguments, the memo cache).
//!
//! Invariants: callback results are rooted with `ctx.keep` before the next call into ML;
//! element-wise work is charged per element.

use super::collections::{chunks, dedupe, flatten_one, zip_lists};
use super::support::{add_all, arity, call, def, int_arg, items, new_array, opt, reserve};
use mlpy_vm::heap::{HeapObject, HostObject};
use mlpy_vm::{methods, ops, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use std::any::Any;

const COMPOSE: &[&str] = &["functional.compose"];
const TRANSFORM: &[&str] = &["functional.transform"];
const CLASS: &str = "FunctionalFn";

/// What a built function does when called.
#[derive(Clone)]
enum Made {
    /// `compose` (right to left) or `pipe` (left to right).
    Chain {
        fns: Vec<Value>,
        right_to_left: bool,
    },
    Curry {
        f: Value,
        arity: usize,
        args: Vec<Value>,
    },
    /// `curry2(f)` before (`None`) and after receiving its first argument.
    Curry2 {
        f: Value,
        first: Option<Value>,
    },
    Partial {
        f: Value,
        args: Vec<Value>,
    },
    Constant(Value),
    /// `cache` is an ML object keyed by argument tuples.
    Memo {
        f: Value,
        cache: Value,
    },
    IfElse {
        pred: Value,
        then: Value,
        otherwise: Value,
    },
    Cond(Vec<(Value, Value)>),
    Juxt(Vec<Value>),
}

impl Made {
    /// The function's name (`<function NAME>`), also its method name in the registry.
    fn name(&self) -> &'static str {
        match self {
            Made::Chain {
                right_to_left: true,
                ..
            } => "composed",
            Made::Chain { .. } => "piped",
            Made::Curry { .. } | Made::Curry2 { .. } => "curried",
            Made::Partial { .. } => "partial",
            Made::Constant(_) => "constant",
            Made::Memo { .. } => "memoized",
            Made::IfElse { .. } | Made::Cond(_) => "conditional",
            Made::Juxt(_) => "juxt",
        }
    }
}

const NAMES: &[&str] = &[
    "composed",
    "piped",
    "curried",
    "partial",
    "constant",
    "memoized",
    "conditional",
    "juxt",
];

struct FnObj(Made);

impl HostObject for FnObj {
    fn class_name(&self) -> &str {
        CLASS
    }
    fn heap_size(&self) -> usize {
        let n = match &self.0 {
            Made::Chain { fns, .. } | Made::Juxt(fns) => fns.len(),
            Made::Curry { args, .. } | Made::Partial { args, .. } => args.len() + 1,
            Made::Cond(pairs) => 2 * pairs.len(),
            _ => 3,
        };
        n * std::mem::size_of::<Value>()
    }
    fn trace(&self, out: &mut Vec<Value>) {
        match &self.0 {
            Made::Chain { fns, .. } | Made::Juxt(fns) => out.extend_from_slice(fns),
            Made::Curry { f, args, .. } | Made::Partial { f, args } => {
                out.push(*f);
                out.extend_from_slice(args);
            }
            Made::Curry2 { f, first } => {
                out.push(*f);
                out.extend(*first);
            }
            Made::Constant(v) => out.push(*v),
            Made::Memo { f, cache } => out.extend([*f, *cache]),
            Made::IfElse {
                pred,
                then,
                otherwise,
            } => out.extend([*pred, *then, *otherwise]),
            Made::Cond(pairs) => {
                for &(p, a) in pairs {
                    out.extend([p, a]);
                }
            }
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_all(
        reg,
        "functional",
        "Functional programming utilities",
        &[
            def(
                "compose",
                compose,
                COMPOSE,
                "Compose functions right to left",
            ),
            def(
                "composeAll",
                compose_all,
                COMPOSE,
                "Compose an array of functions right to left",
            ),
            def("pipe", pipe, COMPOSE, "Pipe functions left to right"),
            def(
                "pipeAll",
                pipe_all,
                COMPOSE,
                "Pipe an array of functions left to right",
            ),
            def("curry", curry, COMPOSE, "Curry a function"),
            def(
                "curry2",
                curry2,
                COMPOSE,
                "Curry a function of two arguments",
            ),
            def(
                "partial",
                partial,
                COMPOSE,
                "Partially apply arguments to function",
            ),
            def(
                "partial_apply",
                partial,
                COMPOSE,
                "Partially apply arguments to function",
            ),
            def("identity", identity, &[], "Identity function"),
            def("constant", constant, COMPOSE, "Create constant function"),
            def("memoize", memoize, COMPOSE, "Memoize function results"),
            def("map", map, TRANSFORM, "Map function over iterable"),
            def(
                "filter",
                filter,
                TRANSFORM,
                "Filter iterable with predicate",
            ),
            def("reduce", reduce, TRANSFORM, "Reduce iterable with function"),
            def(
                "forEach",
                for_each,
                TRANSFORM,
                "Execute function for each element",
            ),
            def(
                "for_each",
                for_each,
                TRANSFORM,
                "Execute function for each element",
            ),
            def(
                "find",
                find,
                TRANSFORM,
                "Find first element matching predicate",
            ),
            def(
                "some",
                some,
                TRANSFORM,
                "Check if some elements match predicate",
            ),
            def(
                "every",
                every,
                TRANSFORM,
                "Check if all elements match predicate",
            ),
            def("zip", zip, TRANSFORM, "Zip iterables together"),
            def("range", range, &[], "Create range of numbers"),
            def("repeat", repeat, &[], "Repeat value times"),
            def("take", take, TRANSFORM, "Take first n elements"),
            def("drop", drop, TRANSFORM, "Drop first n elements"),
            def(
                "takeWhile",
                take_while,
                TRANSFORM,
                "Take elements while predicate holds",
            ),
            def("flatten", flatten, TRANSFORM, "Flatten one level"),
            def(
                "chunk",
                chunk,
                TRANSFORM,
                "Chunk iterable into groups of size",
            ),
            def(
                "groupBy",
                group_by,
                TRANSFORM,
                "Group elements by key function",
            ),
            def(
                "group_by",
                group_by,
                TRANSFORM,
                "Group elements by key function",
            ),
            def(
                "unique",
                unique,
                TRANSFORM,
                "Unique elements preserving order",
            ),
            def("reverse", reverse, TRANSFORM, "Reverse iterable"),
            def(
                "partition",
                partition,
                TRANSFORM,
                "Split by predicate into two lists",
            ),
            def(
                "ifElse",
                if_else,
                COMPOSE,
                "Conditional function application",
            ),
            def(
                "cond",
                cond,
                COMPOSE,
                "Multi-condition function application",
            ),
            def("times", times, TRANSFORM, "Call a function with 0..n-1"),
            def(
                "zipWith",
                zip_with,
                TRANSFORM,
                "Zip two iterables with a combiner",
            ),
            def(
                "juxt",
                juxt,
                COMPOSE,
                "Apply several functions to one input",
            ),
        ],
    );
    for &name in NAMES {
        reg.add_method(
            CLASS,
            name,
            def(name, invoke, &[], "Function built by functional"),
        );
    }
}

/// A new function value for `made`.
fn make(ctx: &mut NativeCtx<'_>, made: Made) -> RtResult<Value> {
    let name = made.name();
    let obj = ctx.heap().alloc_host(Box::new(FnObj(made)))?;
    ctx.keep(obj);
    Ok(ctx.heap().alloc_bound_method(obj, name)?)
}

/// A function argument (`TypeError` naming the builder otherwise).
fn func(ctx: &NativeCtx<'_>, name: &str, v: Value) -> RtResult<Value> {
    if v.is_callable() {
        Ok(v)
    } else {
        Err(RtError::type_error(format!(
            "{name}() expects a function, got '{}'",
            v.type_name(ctx.heap_ref())
        )))
    }
}

/// Calls `f` and roots the result.
fn apply(ctx: &mut NativeCtx<'_>, f: Value, args: &[Value]) -> RtResult<Value> {
    let r = call(ctx, f, args)?;
    ctx.keep(r);
    Ok(r)
}

/// The behaviour of a built function: `args[0]` is its host object, the rest the call's
/// arguments.
fn invoke(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let made = match args.first().copied() {
        Some(Value::Other(g)) => match ctx.heap_ref().get(g) {
            HeapObject::Host(h) => h.as_any().downcast_ref::<FnObj>().map(|o| o.0.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(made) = made else {
        return Err(RtError::type_error("not a functional function"));
    };
    let rest = &args[1..];
    let one = |name: &str| -> RtResult<Value> {
        if rest.len() == 1 {
            Ok(rest[0])
        } else {
            Err(RtError::type_error(format!(
                "{name}() takes 1 positional argument but {} were given",
                rest.len()
            )))
        }
    };
    match made {
        Made::Chain { fns, right_to_left } => {
            let mut x = one(if right_to_left { "composed" } else { "piped" })?;
            let order: Vec<Value> = if right_to_left {
                fns.into_iter().rev().collect()
            } else {
                fns
            };
            for f in order {
                x = apply(ctx, f, &[x])?;
            }
            Ok(x)
        }
        Made::Curry {
            f,
            arity,
            args: mut got,
        } => {
            got.extend_from_slice(rest);
            if got.len() >= arity {
                call(ctx, f, &got[..arity])
            } else {
                make(
                    ctx,
                    Made::Curry {
                        f,
                        arity,
                        args: got,
                    },
                )
            }
        }
        Made::Curry2 { f, first: None } => {
            let a = one("curried")?;
            make(ctx, Made::Curry2 { f, first: Some(a) })
        }
        Made::Curry2 { f, first: Some(a) } => {
            let b = one("inner")?;
            call(ctx, f, &[a, b])
        }
        Made::Partial { f, args: mut bound } => {
            bound.extend_from_slice(rest);
            call(ctx, f, &bound)
        }
        Made::Constant(v) => {
            if !rest.is_empty() {
                return Err(RtError::type_error(format!(
                    "constant() takes 0 positional arguments but {} were given",
                    rest.len()
                )));
            }
            Ok(v)
        }
        Made::Memo { f, cache } => {
            let key = ctx.heap().alloc_tuple(rest.to_vec())?;
            ctx.keep(key);
            let Value::Object(cg) = cache else {
                return call(ctx, f, rest);
            };
            if let Some(hit) = ctx.heap_ref().object_get(cg, key)? {
                return Ok(hit);
            }
            let r = apply(ctx, f, rest)?;
            ctx.heap().object_set(cg, key, r)?;
            Ok(r)
        }
        Made::IfElse {
            pred,
            then,
            otherwise,
        } => {
            let x = one("conditional")?;
            let t = apply(ctx, pred, &[x])?;
            let branch = if ops::truthy(ctx.heap_ref(), t) {
                then
            } else {
                otherwise
            };
            call(ctx, branch, &[x])
        }
        Made::Cond(pairs) => {
            let x = one("conditional")?;
            for (p, a) in pairs {
                let t = apply(ctx, p, &[x])?;
                if ops::truthy(ctx.heap_ref(), t) {
                    return call(ctx, a, &[x]);
                }
            }
            Ok(Value::Null)
        }
        Made::Juxt(fns) => {
            let x = one("juxt")?;
            let mut out = Vec::with_capacity(fns.len());
            for f in fns {
                out.push(apply(ctx, f, &[x])?);
            }
            new_array(ctx, out)
        }
    }
}

/// The functions of an array argument.
fn fn_list(ctx: &mut NativeCtx<'_>, name: &str, v: Value) -> RtResult<Vec<Value>> {
    let fs = items(ctx, v)?;
    for &f in &fs {
        func(ctx, name, f)?;
    }
    Ok(fs)
}

fn chain(ctx: &mut NativeCtx<'_>, name: &str, fns: &[Value], rtl: bool) -> RtResult<Value> {
    for &f in fns {
        func(ctx, name, f)?;
    }
    reserve(ctx, fns.len())?;
    make(
        ctx,
        Made::Chain {
            fns: fns.to_vec(),
            right_to_left: rtl,
        },
    )
}

fn compose(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    chain(ctx, "compose", args, true)
}

fn compose_all(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("composeAll", args, 1, 1)?;
    let fs = fn_list(ctx, "composeAll", args[0])?;
    chain(ctx, "composeAll", &fs, true)
}

fn pipe(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    chain(ctx, "pipe", args, false)
}

fn pipe_all(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("pipeAll", args, 1, 1)?;
    let fs = fn_list(ctx, "pipeAll", args[0])?;
    chain(ctx, "pipeAll", &fs, false)
}

fn curry(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("curry", args, 1, 2)?;
    let f = func(ctx, "curry", args[0])?;
    let n = match opt(args, 1) {
        Value::Null => ctx.param_count(f).ok_or_else(|| {
            RtError::type_error("curry() needs an explicit arity for this function")
        })?,
        v => int_arg(ctx.heap_ref(), v)?.saturating().max(0) as usize,
    };
    make(
        ctx,
        Made::Curry {
            f,
            arity: n,
            args: Vec::new(),
        },
    )
}

fn curry2(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("curry2", args, 1, 1)?;
    let f = func(ctx, "curry2", args[0])?;
    make(ctx, Made::Curry2 { f, first: None })
}

fn partial(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    if args.is_empty() {
        return Err(RtError::type_error(
            "partial() takes at least 1 argument (0 given)",
        ));
    }
    let f = func(ctx, "partial", args[0])?;
    reserve(ctx, args.len())?;
    make(
        ctx,
        Made::Partial {
            f,
            args: args[1..].to_vec(),
        },
    )
}

fn identity(_: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("identity", args, 1, 1)?;
    Ok(args[0])
}

fn constant(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("constant", args, 1, 1)?;
    make(ctx, Made::Constant(args[0]))
}

fn memoize(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("memoize", args, 1, 1)?;
    let f = func(ctx, "memoize", args[0])?;
    let cache = methods::object_from_pairs(ctx.heap(), &[])?;
    ctx.keep(cache);
    make(ctx, Made::Memo { f, cache })
}

/// The elements of the data argument, rooted across callbacks.
fn data(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<Value>> {
    let xs = items(ctx, v)?;
    for &x in &xs {
        ctx.keep(x);
    }
    Ok(xs)
}

fn test(ctx: &mut NativeCtx<'_>, pred: Value, x: Value) -> RtResult<bool> {
    let r = call(ctx, pred, &[x])?;
    Ok(ops::truthy(ctx.heap_ref(), r))
}

fn map(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("map", args, 2, 2)?;
    let xs = data(ctx, args[1])?;
    let mut out = Vec::with_capacity(xs.len());
    for x in xs {
        out.push(apply(ctx, args[0], &[x])?);
    }
    new_array(ctx, out)
}

fn filter(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("filter", args, 2, 2)?;
    let mut out = Vec::new();
    for x in data(ctx, args[1])? {
        if test(ctx, args[0], x)? {
            out.push(x);
        }
    }
    new_array(ctx, out)
}

fn reduce(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("reduce", args, 2, 3)?;
    let xs = data(ctx, args[1])?;
    let mut rest = xs.iter().copied();
    let mut acc = match opt(args, 2) {
        Value::Null => rest.next().ok_or_else(|| {
            RtError::type_error("reduce() of empty iterable with no initial value")
        })?,
        v => v,
    };
    for x in rest {
        acc = apply(ctx, args[0], &[acc, x])?;
    }
    Ok(acc)
}

fn for_each(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("forEach", args, 2, 2)?;
    for x in data(ctx, args[1])? {
        call(ctx, args[0], &[x])?;
    }
    Ok(Value::Null)
}

fn find(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("find", args, 2, 2)?;
    for x in data(ctx, args[1])? {
        if test(ctx, args[0], x)? {
            return Ok(x);
        }
    }
    Ok(Value::Null)
}

fn some(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("some", args, 2, 2)?;
    for x in data(ctx, args[1])? {
        if test(ctx, args[0], x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn every(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("every", args, 2, 2)?;
    for x in data(ctx, args[1])? {
        if !test(ctx, args[0], x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn zip(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let mut lists = Vec::with_capacity(args.len());
    for &a in args {
        lists.push(items(ctx, a)?);
    }
    zip_lists(ctx, &lists)
}

fn range(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("range", args, 1, 3)?;
    let Some(id) = ctx.registry().builtin("range") else {
        return Err(RtError::runtime_error("builtin range is not registered"));
    };
    let forwarded: Vec<Value> = match (args[0], opt(args, 1)) {
        (start, Value::Null) => vec![start],
        (start, end) => vec![start, end, args.get(2).copied().unwrap_or(Value::Int(1))],
    };
    ctx.call(Value::Native(id), &forwarded)
}

fn repeat(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("repeat", args, 2, 2)?;
    let n = match args[1] {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            int_arg(ctx.heap_ref(), args[1])?.saturating().max(0)
        }
        v => {
            return Err(RtError::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                v.type_name(ctx.heap_ref())
            )))
        }
    };
    let n = usize::try_from(n).map_err(|_| RtError::memory())?;
    reserve(ctx, n)?;
    new_array(ctx, vec![args[0]; n])
}

/// `list(it)[start:stop]`.
fn slice_of(ctx: &mut NativeCtx<'_>, it: Value, start: Value, stop: Value) -> RtResult<Value> {
    let xs = items(ctx, it)?;
    let arr = new_array(ctx, xs)?;
    ops::slice(ctx.heap(), arr, start, stop, Value::Null)
}

fn take(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("take", args, 2, 2)?;
    slice_of(ctx, args[1], Value::Null, args[0])
}

fn drop(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("drop", args, 2, 2)?;
    slice_of(ctx, args[1], args[0], Value::Null)
}

fn take_while(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("takeWhile", args, 2, 2)?;
    let mut out = Vec::new();
    for x in data(ctx, args[1])? {
        if !test(ctx, args[0], x)? {
            break;
        }
        out.push(x);
    }
    new_array(ctx, out)
}

fn flatten(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("flatten", args, 1, 1)?;
    let xs = items(ctx, args[0])?;
    let out = flatten_one(ctx, &xs)?;
    new_array(ctx, out)
}

fn chunk(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("chunk", args, 2, 2)?;
    let size = int_arg(ctx.heap_ref(), args[0])?.saturating();
    let xs = items(ctx, args[1])?;
    match size {
        0 => Err(RtError::value_error("range() arg 3 must not be zero")),
        s if s < 0 => new_array(ctx, Vec::new()),
        s => chunks(ctx, &xs, usize::try_from(s).unwrap_or(usize::MAX)),
    }
}

fn group_by(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("groupBy", args, 2, 2)?;
    let groups = methods::object_from_pairs(ctx.heap(), &[])?;
    ctx.keep(groups);
    let Value::Object(gg) = groups else {
        return Ok(groups);
    };
    for x in data(ctx, args[1])? {
        let k = apply(ctx, args[0], &[x])?;
        match ctx.heap_ref().object_get(gg, k)? {
            Some(Value::Array(a)) => ctx.heap().array_push(a, x)?,
            _ => {
                let arr = new_array(ctx, vec![x])?;
                ctx.heap().object_set(gg, k, arr)?;
            }
        }
    }
    Ok(groups)
}

fn unique(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("unique", args, 1, 1)?;
    let xs = items(ctx, args[0])?;
    for &x in &xs {
        mlpy_vm::objmap::hash_value(ctx.heap_ref(), x)?;
    }
    let out = dedupe(ctx, &xs)?;
    new_array(ctx, out)
}

fn reverse(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("reverse", args, 1, 1)?;
    let mut xs = items(ctx, args[0])?;
    xs.reverse();
    new_array(ctx, xs)
}

fn partition(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("partition", args, 2, 2)?;
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for x in data(ctx, args[1])? {
        if test(ctx, args[0], x)? {
            yes.push(x);
        } else {
            no.push(x);
        }
    }
    let a = new_array(ctx, yes)?;
    ctx.keep(a);
    let b = new_array(ctx, no)?;
    new_array(ctx, vec![a, b])
}

fn if_else(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("ifElse", args, 3, 3)?;
    let pred = func(ctx, "ifElse", args[0])?;
    let then = func(ctx, "ifElse", args[1])?;
    let otherwise = func(ctx, "ifElse", args[2])?;
    make(
        ctx,
        Made::IfElse {
            pred,
            then,
            otherwise,
        },
    )
}

fn cond(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("cond", args, 1, 1)?;
    let mut pairs = Vec::new();
    for pair in items(ctx, args[0])? {
        let two = items(ctx, pair)?;
        let (Some(&p), Some(&a)) = (two.first(), two.get(1)) else {
            return Err(RtError::type_error(
                "cond() expects [predicate, action] pairs",
            ));
        };
        pairs.push((func(ctx, "cond", p)?, func(ctx, "cond", a)?));
    }
    make(ctx, Made::Cond(pairs))
}

fn times(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("times", args, 2, 2)?;
    let n = int_arg(ctx.heap_ref(), args[0])?.saturating().max(0);
    let n = usize::try_from(n).map_err(|_| RtError::memory())?;
    reserve(ctx, n)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(apply(ctx, args[1], &[Value::Int(i as i64)])?);
    }
    new_array(ctx, out)
}

fn zip_with(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("zipWith", args, 3, 3)?;
    let a = data(ctx, args[1])?;
    let b = data(ctx, args[2])?;
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    for (&x, &y) in a.iter().zip(&b) {
        out.push(apply(ctx, args[0], &[x, y])?);
    }
    new_array(ctx, out)
}

fn juxt(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("juxt", args, 1, 1)?;
    let fs = fn_list(ctx, "juxt", args[0])?;
    make(ctx, Made::Juxt(fs))
}
