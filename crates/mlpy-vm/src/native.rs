//! The public native-function API: how builtins and library modules (crate `mlpy-stdlib`) are
//! registered with the VM and what they may do while running.
//!
//! Owns: [`NativeFn`], [`NativeDef`], [`NativeRegistry`] (builtins by name, modules with their
//! members, methods and properties of host object classes) and [`NativeCtx`] (heap access,
//! output with the output limit, calling ML functions, fuel, capabilities, host data).
//!
//! Invariants:
//! - A native id is an index into the registry's native table and never changes once added.
//! - The VM checks a native's required capabilities before calling it (fail closed: without a
//!   [`CapabilityPolicy`] every capability is denied).
//! - Garbage is collected only at VM safepoints, which a native reaches only through
//!   [`NativeCtx::call`]. The native's arguments stay rooted for the whole call; any other value
//!   a native holds across `call` (a result array being built, a callback's result) must be
//!   passed to [`NativeCtx::keep`] first.

use crate::error::{ErrorKind, RtError, RtResult};
use crate::heap::Heap;
use crate::value::{NativeId, Value};
use crate::vm::Vm;

use hashbrown::HashMap;
use std::any::Any;

/// A native function: receives the context and the call's arguments.
pub type NativeFn = fn(&mut NativeCtx<'_>, &[Value]) -> RtResult<Value>;

/// A registered native function.
#[derive(Clone, Copy, Debug)]
pub struct NativeDef {
    /// The name shown in `<function NAME>`, stack traces and `help`.
    pub name: &'static str,
    pub func: NativeFn,
    /// Capability names the call requires (`requiredCapabilities(f)`).
    pub caps: &'static [&'static str],
    /// One-line description (`help(f)`).
    pub doc: &'static str,
}

/// A module member that is not a function.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// A module member.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    Native(NativeId),
    Const(ConstValue),
}

/// A native module (`math`, `json`, ...; also the `builtin` module, built automatically).
#[derive(Clone, Debug, Default)]
pub struct ModuleDef {
    pub name: String,
    pub doc: String,
    /// Members in registration order.
    pub members: Vec<(String, Member)>,
}

/// Details of one granted capability (`getCapabilityInfo`); `None` = unrestricted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CapabilityInfo {
    pub patterns: Option<Vec<String>>,
    pub operations: Option<Vec<String>>,
    pub usage_count: u64,
    pub max_usage: Option<u64>,
    pub expires_at: Option<f64>,
}

/// Decides whether a capability is granted (implemented by the host / stdlib).
pub trait CapabilityPolicy: Any {
    fn is_granted(&self, capability: &str) -> bool;
    /// For natives that need the concrete policy (resource patterns, listing grants).
    fn as_any(&self) -> &dyn Any;
    /// Sorted names of every granted capability (default grants and opaque names included).
    fn granted_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// Details of a granted capability; `None` when it is not granted.
    fn info(&self, _capability: &str) -> Option<CapabilityInfo> {
        None
    }
    /// Called for each capability a native call lacks, just before the call fails with a
    /// `CapabilityError` (so a host can list denials the script caught; `is_granted` alone
    /// cannot tell a call from a `hasCapability` query).
    fn denied(&self, _capability: &str) {}
    /// Called for each required capability once a guarded call passed its check, before the
    /// native does its work (so a host can count uses: capability tokens with a usage limit).
    /// `false` takes the grant back (its limit was reached meanwhile, e.g. by a run on another
    /// thread): the call then fails like a denied one. Library natives that check their
    /// capabilities themselves report uses with [`NativeCtx::use_capability`].
    fn used(&self, _capability: &str) -> bool {
        true
    }
}

/// Every native, builtin and module the VM can reach. Built once, shared by many VMs.
#[derive(Clone, Debug, Default)]
pub struct NativeRegistry {
    natives: Vec<NativeDef>,
    builtins: HashMap<String, NativeId>,
    builtin_order: Vec<String>,
    modules: HashMap<String, ModuleDef>,
    methods: HashMap<(String, String), NativeId>,
    properties: HashMap<(String, String), NativeId>,
}

impl NativeRegistry {
    pub fn new() -> NativeRegistry {
        NativeRegistry::default()
    }

    fn add(&mut self, def: NativeDef) -> NativeId {
        self.natives.push(def);
        (self.natives.len() - 1) as NativeId
    }

    /// Registers a builtin function (also a member of the `builtin` module).
    pub fn add_builtin(&mut self, def: NativeDef) -> NativeId {
        let id = self.add(def);
        if self.builtins.insert(def.name.to_string(), id).is_none() {
            self.builtin_order.push(def.name.to_string());
        }
        id
    }

    /// Declares a module (idempotent; a later call replaces the description).
    pub fn add_module(&mut self, name: &str, doc: &str) {
        let m = self
            .modules
            .entry(name.to_string())
            .or_insert_with(|| ModuleDef {
                name: name.to_string(),
                ..ModuleDef::default()
            });
        m.doc = doc.to_string();
    }

    /// Adds a function member to a module (declaring the module if needed).
    pub fn add_module_fn(&mut self, module: &str, member: &str, def: NativeDef) -> NativeId {
        let id = self.add(def);
        self.add_member(module, member, Member::Native(id));
        id
    }

    /// Adds a constant member to a module (`math.pi`).
    pub fn add_module_const(&mut self, module: &str, member: &str, value: ConstValue) {
        self.add_member(module, member, Member::Const(value));
    }

    fn add_member(&mut self, module: &str, member: &str, m: Member) {
        let def = self
            .modules
            .entry(module.to_string())
            .or_insert_with(|| ModuleDef {
                name: module.to_string(),
                ..ModuleDef::default()
            });
        match def.members.iter_mut().find(|(n, _)| n == member) {
            Some(slot) => slot.1 = m,
            None => def.members.push((member.to_string(), m)),
        }
    }

    /// Registers a method of a host object class; the native receives the receiver as its
    /// first argument. `def.name` must be the method name (bound methods are looked up by it).
    pub fn add_method(&mut self, class: &str, method: &str, def: NativeDef) -> NativeId {
        let id = self.add(def);
        self.methods
            .insert((class.to_string(), method.to_string()), id);
        id
    }

    /// Registers a property of a host object class: a native called with `[receiver]` when
    /// `obj.name` is read.
    pub fn add_property(&mut self, class: &str, name: &str, def: NativeDef) -> NativeId {
        let id = self.add(def);
        self.properties
            .insert((class.to_string(), name.to_string()), id);
        id
    }

    pub fn native(&self, id: NativeId) -> Option<&NativeDef> {
        self.natives.get(id as usize)
    }

    pub fn natives(&self) -> &[NativeDef] {
        &self.natives
    }

    pub fn builtin(&self, name: &str) -> Option<NativeId> {
        self.builtins.get(name).copied()
    }

    /// Builtin names in registration order.
    pub fn builtin_names(&self) -> &[String] {
        &self.builtin_order
    }

    pub fn module(&self, name: &str) -> Option<&ModuleDef> {
        self.modules.get(name)
    }

    /// Sorted names of the registered native modules.
    pub fn module_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.modules.keys().cloned().collect();
        v.sort();
        v
    }

    pub fn method(&self, class: &str, name: &str) -> Option<NativeId> {
        self.methods
            .get(&(class.to_string(), name.to_string()))
            .copied()
    }

    pub fn property(&self, class: &str, name: &str) -> Option<NativeId> {
        self.properties
            .get(&(class.to_string(), name.to_string()))
            .copied()
    }

    /// Sorted method names registered for a host class.
    pub fn class_methods(&self, class: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .methods
            .keys()
            .filter(|(c, _)| c == class)
            .map(|(_, m)| m.clone())
            .collect();
        v.sort();
        v
    }
}

/// What a running native may do. Created by the VM for each native call.
pub struct NativeCtx<'a> {
    pub(crate) vm: &'a mut Vm,
    /// The native being called.
    pub(crate) native: NativeId,
}

impl NativeCtx<'_> {
    /// The id of the native being called (one `fn` serving several registered natives, such
    /// as host bridges, tells them apart by it).
    pub fn native_id(&self) -> NativeId {
        self.native
    }

    /// The heap (allocation, reading strings/arrays/objects).
    pub fn heap(&mut self) -> &mut Heap {
        &mut self.vm.heap
    }

    /// Read-only heap access.
    pub fn heap_ref(&self) -> &Heap {
        &self.vm.heap
    }

    /// Allocates a string value.
    pub fn alloc_str(&mut self, s: &str) -> RtResult<Value> {
        Ok(self.vm.heap.alloc_str(s)?)
    }

    /// The text of a string value (`None` for other kinds).
    pub fn str_of(&self, v: Value) -> Option<&str> {
        match v {
            Value::Str(g) => Some(self.vm.heap.str(g)),
            _ => None,
        }
    }

    /// Python `str()` text of a value (values.md §4.2).
    pub fn display(&self, v: Value) -> RtResult<String> {
        crate::text::display(&self.vm.heap, v)
    }

    /// Writes to the program's standard output (counts toward the output limit).
    pub fn write_stdout(&mut self, text: &str) -> RtResult<()> {
        self.vm.write_output(text, false)
    }

    /// Writes to the program's standard error (counts toward the output limit).
    pub fn write_stderr(&mut self, text: &str) -> RtResult<()> {
        self.vm.write_output(text, true)
    }

    /// Calls an ML function (or any callable value) with `args`; errors propagate unchanged.
    pub fn call(&mut self, f: Value, args: &[Value]) -> RtResult<Value> {
        self.vm.call_value(f, args)
    }

    /// Charges `ticks` of fuel (natives charge in proportion to their work) and polls the
    /// time limit and interrupt flag.
    pub fn charge(&mut self, ticks: u64) -> RtResult<()> {
        self.vm.charge(ticks)
    }

    /// Keeps `v` alive until this native returns (needed across [`NativeCtx::call`]).
    pub fn keep(&mut self, v: Value) {
        self.vm.native_roots.push(v);
    }

    /// The capability policy of this run, if the host gave one.
    pub fn capabilities(&self) -> Option<&(dyn CapabilityPolicy + Send + Sync)> {
        self.vm.config.capabilities.as_deref()
    }

    /// True when the capability is granted in this run.
    pub fn is_granted(&self, capability: &str) -> bool {
        self.vm.is_granted(capability)
    }

    /// Reports a use of a granted capability by a native that checks its own capabilities
    /// ([`CapabilityPolicy::used`]); `false`: the grant was used up meanwhile, deny the call.
    pub fn use_capability(&self, capability: &str) -> bool {
        self.vm
            .config
            .capabilities
            .as_ref()
            .is_some_and(|c| c.used(capability))
    }

    /// Host data of type `T` set with [`Vm::set_host_data`] (time zone, random state, ...).
    /// One slot per type, so several modules can keep their own state.
    pub fn host_data<T: Any + Send>(&mut self) -> Option<&mut T> {
        self.vm.host_data_mut::<T>()
    }

    /// Host data of type `T`, created with `init` on first use in this VM (per-run state a
    /// library module owns, e.g. the random generator or loggers). `None` never happens in
    /// practice; it is kept so a type mismatch cannot panic.
    pub fn host_data_or_insert_with<T: Any + Send>(
        &mut self,
        init: impl FnOnce() -> T,
    ) -> Option<&mut T> {
        if self.vm.host_data_mut::<T>().is_none() {
            self.vm.set_host_data(init());
        }
        self.vm.host_data_mut::<T>()
    }

    /// One line of the program's standard input without its line terminator; `None` at end of
    /// input (the default when the host supplied no stdin). Polls the time limit and interrupt.
    pub fn read_line(&mut self) -> RtResult<Option<String>> {
        self.vm.charge(1)?;
        self.vm.read_line()
    }

    /// ML source modules the host's module loader can find: (dotted name, file path), sorted.
    pub fn ml_source_modules(&mut self) -> Vec<(String, String)> {
        self.vm.ml_source_modules()
    }

    /// The registry of natives and modules.
    pub fn registry(&self) -> &NativeRegistry {
        &self.vm.config.registry
    }

    /// The native behind a function value, if it is one.
    pub fn native_of(&self, f: Value) -> Option<&NativeDef> {
        match f {
            Value::Native(id) => self.vm.config.registry.native(id),
            _ => None,
        }
    }

    /// Names of the modules loaded so far in this VM (always including `builtin`), sorted.
    pub fn loaded_modules(&self) -> Vec<String> {
        self.vm.loaded_module_names()
    }

    /// True when `name` can be imported (native module or ML source module).
    pub fn has_module(&mut self, name: &str) -> bool {
        self.vm.has_module(name)
    }

    /// The declared parameter count of an ML function (`None` for natives and bound methods).
    pub fn param_count(&self, f: Value) -> Option<usize> {
        self.vm.param_count(f)
    }

    /// The call-depth limit of this run (also the data-depth limit, D6).
    pub fn max_depth(&self) -> usize {
        self.vm.config.limits.max_depth
    }

    /// A catchable error of the given kind.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>) -> RtError {
        RtError::new(kind, message)
    }
}
