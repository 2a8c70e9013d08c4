//! Host functions: typed Rust closures callable from ML ([`HostFn`], [`HostModule`]), the
//! argument / result conversion traits ([`FromValue`], [`IntoValue`], [`IntoHostFn`] over
//! tuples of up to 8 arguments) and the bridge into the VM's native API.
//!
//! The VM's natives are plain `fn` pointers, so a closure cannot be one. Every host function is
//! the one native [`host_native_fn`]; at run time it finds the closure of the native being
//! called (by its id) in the run's [`HostTable`] (VM host data) and calls it with its arguments
//! copied out as facade [`Value`]s.
//!
//! Invariants:
//! - Arity and argument-type errors are ML `TypeError`s naming the function, never panics.
//! - Conversions are bounded by the run's depth limit; arguments are charged one fuel tick per
//!   value converted, like other natives that do work in proportion to their input.
//! - A capability a host function declares is checked by the VM before the closure runs.
//! - A host function that panics fails its call with an ML `RuntimeError`; the panic does not
//!   unwind through the VM.

use crate::value::{ConvertError, Value};
use indexmap::IndexMap;
use mlpy_vm::native::NativeCtx;
use mlpy_vm::NativeId;
use mlpy_vm::{ErrorKind, RtError, RtResult, Value as VmValue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

/// The error a host function returns; it is raised in the script as a catchable ML error.
#[derive(Debug, Clone, PartialEq)]
pub struct HostError {
    kind: ErrorKind,
    message: String,
}

impl HostError {
    /// Raised as ML `RuntimeError`.
    pub fn new(message: impl Into<String>) -> HostError {
        HostError {
            kind: ErrorKind::RuntimeError,
            message: message.into(),
        }
    }
    /// Raised as ML `ValueError`.
    pub fn value_error(message: impl Into<String>) -> HostError {
        HostError {
            kind: ErrorKind::ValueError,
            message: message.into(),
        }
    }
    /// Raised as ML `TypeError`.
    pub fn type_error(message: impl Into<String>) -> HostError {
        HostError {
            kind: ErrorKind::TypeError,
            message: message.into(),
        }
    }
    /// Raised as ML `KeyError`.
    pub fn key_error(message: impl Into<String>) -> HostError {
        HostError {
            kind: ErrorKind::KeyError,
            message: message.into(),
        }
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The ML error kind it is raised as (`"RuntimeError"`, `"ValueError"`, ...).
    pub fn kind(&self) -> &'static str {
        self.kind.name()
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

/// Any `std::error::Error` (I/O, parse, ...) becomes a `RuntimeError` with its text, so host
/// closures can use `?`.
impl<E: std::error::Error> From<E> for HostError {
    fn from(e: E) -> HostError {
        HostError::new(e.to_string())
    }
}

/// A host-function argument type: converts from a facade [`Value`] or says what it expected.
pub trait FromValue: Sized {
    /// The ML type name used in "must be X" messages.
    const EXPECTED: &'static str;
    fn from_value(v: Value) -> Option<Self>;
}

/// A host-function result type.
pub trait IntoValue {
    fn into_value(self) -> Result<Value, HostError>;
}

impl FromValue for Value {
    const EXPECTED: &'static str = "any";
    fn from_value(v: Value) -> Option<Value> {
        Some(v)
    }
}

impl FromValue for i64 {
    const EXPECTED: &'static str = "int";
    fn from_value(v: Value) -> Option<i64> {
        v.as_i64()
    }
}

impl FromValue for f64 {
    const EXPECTED: &'static str = "float";
    fn from_value(v: Value) -> Option<f64> {
        v.as_f64()
    }
}

impl FromValue for bool {
    const EXPECTED: &'static str = "bool";
    fn from_value(v: Value) -> Option<bool> {
        v.as_bool()
    }
}

impl FromValue for String {
    const EXPECTED: &'static str = "str";
    fn from_value(v: Value) -> Option<String> {
        match v {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_value(v: Value) -> Option<Option<T>> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    const EXPECTED: &'static str = "list";
    fn from_value(v: Value) -> Option<Vec<T>> {
        match v {
            Value::Array(items) => items.into_iter().map(T::from_value).collect(),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for IndexMap<String, T> {
    const EXPECTED: &'static str = "dict";
    fn from_value(v: Value) -> Option<IndexMap<String, T>> {
        match v {
            Value::Object(m) => m
                .into_iter()
                .map(|(k, v)| T::from_value(v).map(|v| (k, v)))
                .collect(),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for HashMap<String, T> {
    const EXPECTED: &'static str = "dict";
    fn from_value(v: Value) -> Option<HashMap<String, T>> {
        IndexMap::<String, T>::from_value(v).map(|m| m.into_iter().collect())
    }
}

/// Wraps any serde type as a host argument or result (structs cross as ML objects).
#[derive(Debug, Clone, PartialEq)]
pub struct Serde<T>(pub T);

impl<T: DeserializeOwned> FromValue for Serde<T> {
    const EXPECTED: &'static str = "a value of the expected shape";
    fn from_value(v: Value) -> Option<Serde<T>> {
        crate::value::from_value(v).ok().map(Serde)
    }
}

impl<T: Serialize> IntoValue for Serde<T> {
    fn into_value(self) -> Result<Value, HostError> {
        crate::value::to_value(&self.0).map_err(|e| HostError::type_error(e.to_string()))
    }
}

impl IntoValue for () {
    fn into_value(self) -> Result<Value, HostError> {
        Ok(Value::Null)
    }
}

macro_rules! into_value_via_from {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Result<Value, HostError> {
                Ok(Value::from(self))
            }
        }
    )*};
}

into_value_via_from!(Value, bool, i64, i32, f64, String, &str);

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Result<Value, HostError> {
        self.into_iter()
            .map(IntoValue::into_value)
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Result<Value, HostError> {
        self.map_or(Ok(Value::Null), IntoValue::into_value)
    }
}

impl<T: IntoValue> IntoValue for IndexMap<String, T> {
    fn into_value(self) -> Result<Value, HostError> {
        self.into_iter()
            .map(|(k, v)| v.into_value().map(|v| (k, v)))
            .collect::<Result<IndexMap<_, _>, _>>()
            .map(Value::Object)
    }
}

/// The uniform shape every host function is stored as: (its name, its arguments) → result.
type DynHostFn = dyn Fn(&str, Vec<Value>) -> Result<Value, HostError> + Send + Sync;

/// A closure usable as a host function: `Fn(A1, ..., An) -> Result<R, HostError>` with every
/// `Ai: FromValue` and `R: IntoValue` (n ≤ 8). Arity and argument errors are generated.
pub trait IntoHostFn<Args>: Send + Sync + 'static {
    fn into_dyn(self) -> Arc<DynHostFn>;
}

fn arg<T: FromValue>(function: &str, index: usize, v: Value) -> Result<T, HostError> {
    let got = v.type_name();
    T::from_value(v).ok_or_else(|| {
        HostError::type_error(format!(
            "{function}() argument {} must be {}, not {got}",
            index + 1,
            T::EXPECTED
        ))
    })
}

fn check_arity(function: &str, want: usize, got: usize) -> Result<(), HostError> {
    if want == got {
        return Ok(());
    }
    let plural = if want == 1 { "" } else { "s" };
    Err(HostError::type_error(format!(
        "{function}() takes {want} positional argument{plural} but {got} were given"
    )))
}

macro_rules! impl_into_host_fn {
    ($n:expr; $($a:ident),*) => {
        impl<Func, Ret, $($a),*> IntoHostFn<($($a,)*)> for Func
        where
            Func: Fn($($a),*) -> Result<Ret, HostError> + Send + Sync + 'static,
            Ret: IntoValue,
            $($a: FromValue,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn into_dyn(self) -> Arc<DynHostFn> {
                Arc::new(move |name: &str, args: Vec<Value>| {
                    check_arity(name, $n, args.len())?;
                    let mut args = args.into_iter().enumerate();
                    $(
                        let $a = match args.next() {
                            Some((i, v)) => arg::<$a>(name, i, v)?,
                            None => return Err(HostError::type_error("missing argument")),
                        };
                    )*
                    (self)($($a),*)?.into_value()
                })
            }
        }
    };
}

impl_into_host_fn!(0;);
impl_into_host_fn!(1; A1);
impl_into_host_fn!(2; A1, A2);
impl_into_host_fn!(3; A1, A2, A3);
impl_into_host_fn!(4; A1, A2, A3, A4);
impl_into_host_fn!(5; A1, A2, A3, A4, A5);
impl_into_host_fn!(6; A1, A2, A3, A4, A5, A6);
impl_into_host_fn!(7; A1, A2, A3, A4, A5, A6, A7);
impl_into_host_fn!(8; A1, A2, A3, A4, A5, A6, A7, A8);

/// A host function with its declared capabilities and help text.
#[derive(Clone)]
pub struct HostFn {
    pub(crate) func: Arc<DynHostFn>,
    pub(crate) capabilities: Vec<String>,
    pub(crate) doc: String,
}

impl fmt::Debug for HostFn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HostFn")
            .field("capabilities", &self.capabilities)
            .field("doc", &self.doc)
            .finish_non_exhaustive()
    }
}

impl HostFn {
    /// A typed closure (see [`IntoHostFn`]).
    pub fn new<Args, F: IntoHostFn<Args>>(f: F) -> HostFn {
        HostFn {
            func: f.into_dyn(),
            capabilities: Vec::new(),
            doc: String::new(),
        }
    }

    /// A variadic closure over the raw argument list (no arity check).
    pub fn variadic<F>(f: F) -> HostFn
    where
        F: Fn(Vec<Value>) -> Result<Value, HostError> + Send + Sync + 'static,
    {
        HostFn {
            func: Arc::new(move |_: &str, args: Vec<Value>| f(args)),
            capabilities: Vec::new(),
            doc: String::new(),
        }
    }

    /// The call needs this capability (granted with `Engine::grant` / `grant_capability`); the
    /// VM raises `CapabilityError` before the closure runs when the run lacks it.
    pub fn requires(mut self, capability: &str) -> HostFn {
        self.capabilities.push(capability.to_string());
        self
    }

    /// One-line description shown by ML `help(f)`.
    pub fn doc(mut self, doc: &str) -> HostFn {
        self.doc = doc.to_string();
        self
    }
}

/// A whole module of host functions, imported from ML as `import NAME;` (or used directly as
/// `NAME.fn(...)`, like a standard-library module).
#[derive(Debug, Clone)]
pub struct HostModule {
    pub(crate) name: String,
    pub(crate) doc: String,
    pub(crate) functions: Vec<(String, HostFn)>,
}

impl HostModule {
    pub fn new(name: &str) -> HostModule {
        HostModule {
            name: name.to_string(),
            doc: String::new(),
            functions: Vec::new(),
        }
    }

    pub fn doc(mut self, doc: &str) -> HostModule {
        self.doc = doc.to_string();
        self
    }

    /// Adds a typed closure as member `name`.
    pub fn function<Args, F: IntoHostFn<Args>>(self, name: &str, f: F) -> HostModule {
        self.host_fn(name, HostFn::new(f))
    }

    /// Adds a configured [`HostFn`] (capabilities, doc) as member `name`.
    pub fn host_fn(mut self, name: &str, f: HostFn) -> HostModule {
        self.functions.push((name.to_string(), f));
        self
    }
}

/// One registered host function as a run sees it.
#[derive(Clone)]
pub(crate) struct HostEntry {
    /// The native registered for it (the table is kept sorted by it).
    pub(crate) native: NativeId,
    pub(crate) name: Arc<str>,
    pub(crate) func: Arc<DynHostFn>,
}

/// The host functions of a run, sorted by native id (VM host data read by [`host_native_fn`]).
#[derive(Clone, Default)]
pub(crate) struct HostTable(pub(crate) Arc<Vec<HostEntry>>);

/// Native definitions need `'static` names; the same text is leaked once per process.
pub(crate) fn intern(text: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&s) = set.get(text) {
        return s;
    }
    let s: &'static str = Box::leak(text.to_string().into_boxed_str());
    set.insert(s);
    s
}

/// `'static` capability lists, leaked once per distinct list.
pub(crate) fn intern_caps(caps: &[String]) -> &'static [&'static str] {
    static LISTS: OnceLock<Mutex<HashMap<Vec<String>, &'static [&'static str]>>> = OnceLock::new();
    if caps.is_empty() {
        return &[];
    }
    let mut map = LISTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&list) = map.get(caps) {
        return list;
    }
    let list: &'static [&'static str] = Box::leak(
        caps.iter()
            .map(|c| intern(c))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    map.insert(caps.to_vec(), list);
    list
}

fn convert_error(e: ConvertError) -> RtError {
    match e {
        ConvertError::TooDeep => RtError::depth(),
        ConvertError::Memory => RtError::memory(),
        ConvertError::Serde(m) => RtError::type_error(m),
    }
}

/// The native `fn` of every host function: calls the closure registered for the native being
/// called.
pub(crate) fn host_native_fn(ctx: &mut NativeCtx<'_>, args: &[VmValue]) -> RtResult<VmValue> {
    let id = ctx.native_id();
    let entry = ctx
        .host_data::<HostTable>()
        .and_then(|t| {
            let at = t.0.binary_search_by_key(&id, |e| e.native).ok()?;
            t.0.get(at).cloned()
        })
        .ok_or_else(|| RtError::runtime_error("host function is not available in this run"))?;
    let depth = ctx.max_depth();
    let args = args
        .iter()
        .map(|&a| Value::from_vm(ctx.heap_ref(), a, depth))
        .collect::<Result<Vec<_>, _>>()
        .map_err(convert_error)?;
    ctx.charge(1 + args.iter().map(weight).sum::<u64>())?;
    // A panicking host function is a host bug; it fails this call, not the host's thread. The
    // VM is untouched by the unwind (it is caught before control returns to it).
    let call = std::panic::AssertUnwindSafe(|| (entry.func)(&entry.name, args));
    let result = std::panic::catch_unwind(call)
        .map_err(|_| RtError::runtime_error(format!("host function {}() panicked", entry.name)))?
        .map_err(|e| RtError::new(e.kind, e.message))?;
    result.to_vm(ctx.heap(), depth).map_err(convert_error)
}

/// Values in a converted argument (the fuel charged for copying it); an explicit stack.
fn weight(root: &Value) -> u64 {
    let mut total = 0u64;
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        total += match v {
            Value::Array(items) => {
                stack.extend(items);
                1
            }
            Value::Object(m) => {
                stack.extend(m.values());
                1
            }
            Value::Str(s) | Value::Opaque(s) => 1 + s.len() as u64 / 64,
            _ => 1,
        };
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(f: HostFn, args: Vec<Value>) -> Result<Value, HostError> {
        (f.func)("f", args)
    }

    #[test]
    fn typed_closures_convert_and_check_arguments() {
        let add = HostFn::new(|a: i64, b: i64| Ok::<_, HostError>(a + b));
        assert_eq!(
            call(add.clone(), vec![2.into(), 3.into()]),
            Ok(Value::Int(5))
        );
        let err = call(add.clone(), vec![2.into()]).unwrap_err();
        assert_eq!(
            err.message(),
            "f() takes 2 positional arguments but 1 were given"
        );
        let err = call(add, vec![2.into(), "x".into()]).unwrap_err();
        assert_eq!(err.kind(), "TypeError");
        assert_eq!(err.message(), "f() argument 2 must be int, not str");
        let join = HostFn::new(|parts: Vec<String>, sep: Option<String>| {
            Ok::<_, HostError>(parts.join(&sep.unwrap_or_default()))
        });
        let v = call(join, vec![Value::from(vec!["a", "b"]), Value::Null]);
        assert_eq!(v, Ok(Value::Str("ab".into())));
    }

    #[test]
    fn std_errors_become_runtime_errors() {
        let parse = HostFn::new(|s: String| Ok::<_, HostError>(s.parse::<i64>()?));
        let err = call(parse, vec!["zz".into()]).unwrap_err();
        assert_eq!(err.kind(), "RuntimeError");
        assert_eq!(err.message(), "invalid digit found in string");
    }

    #[test]
    fn interning_returns_the_same_static_text() {
        let a = intern("host.fn");
        let b = intern(&String::from("host.fn"));
        assert!(std::ptr::eq(a, b));
        let caps = vec!["db.read".to_string()];
        assert!(std::ptr::eq(intern_caps(&caps), intern_caps(&caps)));
    }
}
