//! Host hooks for embedders that exchange live VM values with a program (the Python wheel,
//! `crates/mlpy-python`, owns this file): compiling with host-declared globals, running with
//! injected values, host callables ML code can call (the host implements [`HostCalls`]), host
//! modules written in ML and kept in memory, bridge functions ([`Bridges`]: any number, one
//! shared native `fn`), a grant policy with opaque names, master switches and capability
//! tokens whose uses are counted ([`HostGrants`], [`TokenUses`], python-api.md §7.2/§7.3), and
//! reading the result value, top-level variables and thrown data on the run's heap.
//!
//! Invariants:
//! - Values handed to the host live on the run's heap: they are only valid inside the closure
//!   or call that receives them; the VM is dropped when [`run_host`] returns.
//! - Host calls run on the thread that runs the VM; ML may re-enter host calls (a host call
//!   calling an ML function calling a host function), so [`HostCalls`] takes `&self`.
//! - The grant policy fails closed: an unknown family name is opaque and grants no library
//!   capability; master switches veto grants, never add them; a token grants only while under
//!   its usage limit and before its expiry, and its uses are taken atomically.
//! - Only calls count (`CapabilityPolicy::used`) and only denied calls are violations
//!   (`CapabilityPolicy::denied`); `is_granted` alone (a `hasCapability` query) changes nothing.

use crate::capabilities::{family_of, is_known_family, list_granted, Grant};
use crate::engine::{
    compile_ir, is_identifier, load_error, vm_error, Engine, FileLoader, Program, Usage,
};
use crate::error::{render_diagnostics, Error};
use crate::hostfn::{intern, intern_caps};
use crate::limits::Limits;
use crate::source::Source;
use mlpy_ir::{ir, LowerOptions};
use mlpy_vm::native::NativeRegistry;
use mlpy_vm::NativeId;
use mlpy_vm::{ModuleLoader, NativeDef, Vm, VmConfig};
use std::any::Any;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

pub use mlpy_vm::heap::{Heap, HeapObject, HostObject};
pub use mlpy_vm::objmap::ObjMap;
pub use mlpy_vm::{
    CapabilityInfo, CapabilityPolicy, ErrorKind, Gc, NativeCtx, RtError, RtResult, Value,
};

/// A security finding of the audit (rule, severity, message, range).
pub use mlpy_ir::audit::Finding;

/// A compile diagnostic (error or warning, message, range).
pub use mlpy_syntax::Diagnostic;

/// The run environment of library modules (time zone, argv, env map, working directory), its
/// sandbox quotas (`http` ports, file-write bytes) and the denials they record.
pub use mlpy_stdlib::host::{HostEnv, Quotas, Violations};

/// Allocation failure: the run's memory budget is spent.
pub use mlpy_vm::error::MemoryExceeded;

/// The host's side of host callables: ML calling a value made by [`host_callable`].
pub trait HostCalls: Send + Sync + 'static {
    /// Calls host function `id` with ML arguments; the result is allocated on `ctx.heap()`.
    fn call(&self, ctx: &mut NativeCtx<'_>, id: u32, args: &[Value]) -> RtResult<Value>;

    /// Calls bridge function `slot` of the run's [`Bridges`] (its capabilities were checked
    /// by the VM). Hosts without bridges keep the default, an error.
    fn call_bridge(
        &self,
        _ctx: &mut NativeCtx<'_>,
        slot: usize,
        _args: &[Value],
    ) -> RtResult<Value> {
        Err(RtError::new(
            ErrorKind::RuntimeError,
            format!("bridge function #{slot} is not available in this run"),
        ))
    }
}

/// Class name of host callables (`typeof` shows it; printing shows `<function>`).
const CALLABLE_CLASS: &str = "function";

/// A heap object standing for host function `id`; called through its `call` method.
struct HostCallable {
    id: u32,
}

impl HostObject for HostCallable {
    fn class_name(&self) -> &str {
        CALLABLE_CLASS
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The run's host calls (VM host data slot).
struct HostSlot(Arc<dyn HostCalls>);

/// A callable ML value that calls host function `id` (see [`HostCalls`]).
pub fn host_callable(heap: &mut Heap, id: u32) -> Result<Value, MemoryExceeded> {
    let recv = heap.alloc_host(Box::new(HostCallable { id }))?;
    heap.alloc_bound_method(recv, "call")
}

/// The `call` method of host callables: dispatches to the run's [`HostCalls`].
fn call_host(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let id = match args.first() {
        Some(Value::Other(g)) => match ctx.heap_ref().get(*g) {
            HeapObject::Host(h) => h.as_any().downcast_ref::<HostCallable>().map(|c| c.id),
            _ => None,
        },
        _ => None,
    };
    let Some(id) = id else {
        return Err(RtError::type_error("'call' needs a host function receiver"));
    };
    let Some(calls) = ctx.host_data::<HostSlot>().map(|s| s.0.clone()) else {
        return Err(RtError::new(
            ErrorKind::RuntimeError,
            "host function called outside of its run",
        ));
    };
    calls.call(ctx, id, &args[1..])
}

/// The stdlib plus the host-callable class.
fn base_registry() -> NativeRegistry {
    let mut registry = NativeRegistry::new();
    mlpy_stdlib::install(&mut registry);
    registry.add_method(
        CALLABLE_CLASS,
        "call",
        NativeDef {
            name: "call",
            func: call_host,
            caps: &[],
            doc: "Calls a function of the host application.",
        },
    );
    registry
}

/// [`base_registry`], built once per process.
fn host_registry() -> Arc<NativeRegistry> {
    static REGISTRY: OnceLock<Arc<NativeRegistry>> = OnceLock::new();
    REGISTRY.get_or_init(|| Arc::new(base_registry())).clone()
}

// ---- bridge functions ------------------------------------------------------------------------

/// One bridge function of a host module (python-api.md §10): a native whose capabilities the
/// VM checks and whose `help`/`requiredCapabilities` show `doc` and `caps`; calling it calls
/// [`HostCalls::call_bridge`] with its slot (its index in the list given to [`Bridges::new`]).
/// There is no limit on the number of bridge functions: they share one native `fn`, which
/// finds its slot from the id of the native being called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeSpec {
    pub module: String,
    /// The module's description (`help(module)`).
    pub module_doc: String,
    pub name: String,
    pub doc: String,
    pub caps: Vec<String>,
    /// True: the function is a member of native module `module` (importable like a library
    /// module). False: it is reached only through [`bridge_member`], for a host module written
    /// in ML that binds it (a native module of the same name would shadow the ML one).
    pub native_module: bool,
}

/// Class (of no value) whose methods are the bridge natives, by qualified name.
const BRIDGE_CLASS: &str = "<bridge>";

/// The natives of a set of bridge functions on top of the library: build once per set of
/// registrations and share it between runs ([`HostRun::bridges`]). A module of bridge
/// functions only is a native module; a host module written in ML binds its bridge functions
/// with [`bridge_member`], so modules can mix ML functions and bridge functions.
pub struct Bridges {
    registry: Arc<NativeRegistry>,
    /// Native id of slot 0; slot `n` is native `first + n` (added consecutively).
    first: NativeId,
}

impl Bridges {
    /// Errors: a module/member name that is not an identifier. Names, docs and capability
    /// lists are interned (leaked once per distinct text), as native definitions need
    /// `'static` text.
    pub fn new(specs: &[BridgeSpec]) -> Result<Bridges, String> {
        let mut registry = base_registry();
        let first = registry.natives().len() as NativeId;
        for (slot, spec) in specs.iter().enumerate() {
            if !is_identifier(&spec.module) || !is_identifier(&spec.name) {
                return Err(format!("invalid bridge name {}.{}", spec.module, spec.name));
            }
            let qualified = format!("{}.{}", spec.module, spec.name);
            let def = NativeDef {
                name: intern(&qualified),
                func: bridge_native,
                caps: intern_caps(&spec.caps),
                doc: intern(&spec.doc),
            };
            let id = if spec.native_module {
                registry.add_module(&spec.module, &spec.module_doc);
                registry.add_module_fn(&spec.module, &spec.name, def)
            } else {
                registry.add_method(BRIDGE_CLASS, &qualified, def)
            };
            if usize::try_from(id - first).ok() != Some(slot) {
                return Err(format!(
                    "bridge function {qualified} got no slot of its own"
                ));
            }
        }
        Ok(Bridges {
            registry: Arc::new(registry),
            first,
        })
    }
}

/// The first native id of the run's [`Bridges`] (VM host data read by [`bridge_native`]).
struct BridgeBase(NativeId);

/// The value of bridge function `module.member` of the run's [`Bridges`] (a native), if any.
pub fn bridge_member(ctx: &NativeCtx<'_>, module: &str, member: &str) -> Option<Value> {
    let registry = ctx.registry();
    if let Some(id) = registry.method(BRIDGE_CLASS, &format!("{module}.{member}")) {
        return Some(Value::Native(id));
    }
    registry
        .module(module)?
        .members
        .iter()
        .find_map(|(name, m)| match m {
            mlpy_vm::Member::Native(id) if name == member => Some(Value::Native(*id)),
            _ => None,
        })
}

/// The native `fn` of every bridge function: calls [`HostCalls::call_bridge`] with the slot of
/// the native being called.
fn bridge_native(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let id = ctx.native_id();
    let slot = ctx
        .host_data::<BridgeBase>()
        .and_then(|base| id.checked_sub(base.0));
    let (Some(slot), Some(calls)) = (slot, ctx.host_data::<HostSlot>().map(|s| s.0.clone())) else {
        return Err(RtError::new(
            ErrorKind::RuntimeError,
            "bridge function called outside of its run",
        ));
    };
    calls.call_bridge(ctx, slot as usize, args)
}

/// Compiles `source` with `host_globals` declared (closed world, python-api.md P-131);
/// `open_world` (transpiling, validating): unknown names are warnings, not errors. Host
/// modules (ML sources of [`HostRun::modules`]) are found at run time like files.
pub fn compile_host(
    engine: &Engine,
    source: Source,
    host_globals: &[String],
    open_world: bool,
) -> Result<Program, Error> {
    let options = LowerOptions {
        host_globals: host_globals.to_vec(),
        open_world,
        ..LowerOptions::default()
    };
    engine.compile_with(source, &options)
}

/// True when `text` parses without syntax errors (tells syntax from semantic compile errors).
pub fn parses(text: &str) -> bool {
    !mlpy_syntax::parse(text)
        .diagnostics()
        .iter()
        .any(mlpy_syntax::Diagnostic::is_error)
}

/// Finds host modules in memory first, then `a/b.ml` files in the import roots.
struct HostLoader {
    modules: Arc<HashMap<String, Source>>,
    files: FileLoader,
}

impl ModuleLoader for HostLoader {
    fn load(&mut self, path: &str) -> Option<Result<(ir::Program, String), String>> {
        let Some(source) = self.modules.get(path) else {
            return self.files.load(path);
        };
        Some(match compile_ir(source, &LowerOptions::default()) {
            Ok(program) => Ok((program, source.text.to_string())),
            Err(diagnostics) => Err(format!(
                "module '{path}' does not compile:\n{}",
                render_diagnostics(source, &diagnostics, false)
            )),
        })
    }

    fn exists(&mut self, path: &str) -> bool {
        self.modules.contains_key(path) || self.files.exists(path)
    }

    fn list(&mut self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .modules
            .iter()
            .map(|(n, s)| (n.clone(), s.name.to_string()))
            .chain(self.files.list())
            .collect();
        v.sort();
        v
    }
}

/// Everything one host run is configured with.
pub struct HostRun {
    pub limits: Limits,
    pub grants: Arc<HostGrants>,
    pub stdout: Box<dyn Write + Send>,
    pub stderr: Box<dyn Write + Send>,
    pub stdin: Option<Box<dyn BufRead + Send>>,
    /// Set from another thread to stop the run (`Interrupted`).
    pub interrupt: Option<Arc<AtomicBool>>,
    /// Host modules written in ML: dotted name → source.
    pub modules: Arc<HashMap<String, Source>>,
    pub calls: Option<Arc<dyn HostCalls>>,
    pub env: HostEnv,
    /// Directories searched by `import a.b;` before the engine's roots and the program's
    /// directory.
    pub import_roots: Vec<std::path::PathBuf>,
    /// Bridge functions the run can reach (with [`bridge_member`]).
    pub bridges: Option<Arc<Bridges>>,
}

/// What the host can read on the heap when the run ends.
pub struct HostOutcome {
    /// The program result (language.md §3) when the run succeeded.
    pub value: Option<Value>,
    /// Top-level variables in first-assignment order (set ones only).
    pub globals: Vec<(String, Value)>,
    /// The thrown object of an uncaught `throw`.
    pub error_data: Option<Value>,
}

/// How a host run ended.
pub struct HostResult<R> {
    pub error: Option<Error>,
    pub usage: Usage,
    /// What `finish` returned.
    pub finished: R,
}

/// Runs `program` on a fresh VM: `inject` allocates the host globals on the run's heap (a
/// declared global is set in the program, any other name becomes a run-time host global such
/// as `__python_callback`); `finish` reads results before the VM is dropped.
pub fn run_host<R>(
    engine: &Engine,
    program: &Program,
    run: HostRun,
    inject: impl FnOnce(&mut Heap) -> RtResult<Vec<(String, Value)>>,
    finish: impl FnOnce(&Heap, &HostOutcome) -> R,
) -> HostResult<R> {
    let started = std::time::Instant::now();
    let registry = run
        .bridges
        .as_ref()
        .map_or_else(host_registry, |b| b.registry.clone());
    let mut config = VmConfig::new(registry);
    config.limits = run.limits.to_vm();
    config.capabilities = Some(run.grants);
    config.interrupt = run.interrupt;
    let mut vm = Vm::new(config);
    vm.set_stdout(run.stdout);
    vm.set_stderr(run.stderr);
    if let Some(stdin) = run.stdin {
        vm.set_stdin(stdin);
    }
    if let Some(calls) = run.calls {
        vm.set_host_data(HostSlot(calls));
    }
    if let Some(bridges) = &run.bridges {
        vm.set_host_data(BridgeBase(bridges.first));
    }
    vm.set_host_data(run.env);
    vm.set_module_loader(Box::new(HostLoader {
        modules: run.modules,
        files: FileLoader {
            roots: run
                .import_roots
                .into_iter()
                .chain(engine.module_roots(program))
                .collect(),
        },
    }));
    let mut outcome = HostOutcome {
        value: None,
        globals: Vec::new(),
        error_data: None,
    };
    let error = match vm.load(program.ir(), &program.source().text) {
        Err(e) => Some(load_error(program, e)),
        Ok(loaded) => match inject(vm.heap_mut()) {
            Err(e) => Some(vm_error(program, injection_error(e))),
            Ok(values) => {
                for (name, value) in values {
                    if !vm.set_global(loaded, &name, value) {
                        vm.set_host_global(&name, value);
                    }
                }
                let result = vm.run(loaded);
                outcome.globals = vm.globals(loaded);
                match result {
                    Ok(out) => {
                        outcome.value = Some(out.value);
                        None
                    }
                    Err(e) => {
                        outcome.error_data = e.data;
                        Some(vm_error(program, e))
                    }
                }
            }
        },
    };
    let finished = finish(vm.heap(), &outcome);
    let stats = vm.stats();
    HostResult {
        error,
        usage: Usage {
            fuel_used: stats.fuel_used,
            peak_memory: stats.peak_memory,
            memory: stats.memory,
            wall: started.elapsed(),
        },
        finished,
    }
}

/// An error raised while injecting host values, as the VM reports errors.
fn injection_error(e: RtError) -> mlpy_vm::VmError {
    mlpy_vm::VmError {
        kind: e.kind(),
        message: e.message().to_string(),
        range: mlpy_syntax::TextRange::default(),
        line: 1,
        column: 1,
        module: None,
        stack: Vec::new(),
        data: None,
    }
}

// ---- grants ---------------------------------------------------------------------------------

/// The uses of a capability token (python-api.md §7.3), shared between the host — which may
/// read them while runs update them — and every run the token is granted to. Lock-free.
#[derive(Debug)]
pub struct TokenUses {
    count: AtomicU64,
    /// Unix time of the last use as `f64` bits; [`NEVER`] = not used yet.
    last_used: AtomicU64,
}

/// `TokenUses::last_used` before the first use (a NaN no clock gives).
const NEVER: u64 = u64::MAX;

impl Default for TokenUses {
    fn default() -> Self {
        TokenUses::new(0, None)
    }
}

impl TokenUses {
    pub fn new(count: u64, last_used: Option<f64>) -> TokenUses {
        TokenUses {
            count: AtomicU64::new(count),
            last_used: AtomicU64::new(last_used.map_or(NEVER, f64::to_bits)),
        }
    }

    /// Successful guarded calls made with the token so far.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    pub fn set_count(&self, count: u64) {
        self.count.store(count, Ordering::Relaxed);
    }

    /// Unix time (seconds) of the last use, if any.
    pub fn last_used(&self) -> Option<f64> {
        let bits = self.last_used.load(Ordering::Relaxed);
        (bits != NEVER).then(|| f64::from_bits(bits))
    }

    pub fn set_last_used(&self, at: Option<f64>) {
        self.last_used
            .store(at.map_or(NEVER, f64::to_bits), Ordering::Relaxed);
    }

    /// True while a token with these limits still grants: fewer than `max` uses, and
    /// `expires_at` (Unix seconds) not reached.
    pub fn live(&self, max: Option<u64>, expires_at: Option<f64>) -> bool {
        max.is_none_or(|m| self.count() < m) && expires_at.is_none_or(|e| unix_now() < e)
    }

    /// Takes one use unless the token is used up or expired (atomically: concurrent runs
    /// sharing the token never take more than `max` uses together); records the time.
    pub fn try_use(&self, max: Option<u64>, expires_at: Option<f64>) -> bool {
        let now = unix_now();
        if expires_at.is_some_and(|e| now >= e) {
            return false;
        }
        let taken = self
            .count
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| match max {
                Some(m) if c >= m => None,
                _ => Some(c.saturating_add(1)),
            })
            .is_ok();
        if taken {
            self.set_last_used(Some(now));
        }
        taken
    }
}

fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// A grant that comes from a capability token: its shared use count, usage limit and expiry.
#[derive(Debug, Clone, Default)]
pub struct TokenGrant {
    pub uses: Arc<TokenUses>,
    /// `max_usage_count`: the token grants while fewer uses were taken.
    pub max_uses: Option<u64>,
    /// `expires_at`, Unix seconds.
    pub expires_at: Option<f64>,
}

impl TokenGrant {
    fn live(&self) -> bool {
        self.uses.live(self.max_uses, self.expires_at)
    }
}

/// One granted name (or `*`) with its resource patterns (empty = unrestricted) and, for a
/// token's grant, the token.
#[derive(Debug, Clone)]
struct NameGrant {
    name: String,
    patterns: Vec<String>,
    token: Option<TokenGrant>,
}

impl NameGrant {
    fn covers(&self, capability: &str) -> bool {
        self.name == capability || self.name == "*"
    }

    /// Grants now: a plain grant always, a token's while it is live.
    fn live(&self) -> bool {
        self.token.as_ref().is_none_or(TokenGrant::live)
    }
}

/// Capability policy of a host run: the default grant set (stdlib.md §1.2), grant strings
/// (python-api.md §7.2, opaque names included), capability tokens (counted uses, usage limit,
/// expiry: §7.3) and the sandbox's master switches and quotas.
#[derive(Debug, Default)]
pub struct HostGrants {
    all: bool,
    grants: Vec<NameGrant>,
    /// `allow_network = False`: vetoes `network.*`.
    pub deny_network: bool,
    /// `allow_file_system = False`: vetoes `file.*` and `path.*`.
    pub deny_file_system: bool,
    /// `read_only_mode`: vetoes writing names.
    pub read_only: bool,
    /// `allowed_file_patterns`: patterns reported for file/path names granted without their own.
    pub file_patterns: Vec<String>,
    /// `allowed_domains`: host patterns reported for network names granted without their own.
    pub network_hosts: Vec<String>,
    /// `max_file_operations`: guarded file/path calls allowed per run.
    pub max_file_operations: Option<u64>,
    /// `rate_limit_requests`: guarded network calls allowed per run.
    pub max_requests: Option<u64>,
    file_operations: AtomicU64,
    requests: AtomicU64,
    /// Where denials of capabilities the VM checks (bridge functions' opaque names, `env`,
    /// `args`: [`CapabilityPolicy::denied`]) are recorded for the host, caught or not. Library
    /// natives record their own denials; queries (`hasCapability`) record nothing.
    pub violations: Violations,
}

/// The `(name, resource patterns)` pairs one grant string stands for (python-api.md §7.2):
/// `("*", [])` for `*`, a library grant parsed by [`Grant::parse`] (an unknown operation of a
/// known family is an error; a bare family such as `file` names every operation, as mlpy
/// tokens do), or — when the first segment is not a capability family — the opaque name
/// itself, matched exactly. Shared by [`HostGrants`] and the Python wheel's grant tables for
/// emitted Python (D3).
pub fn parse_grant(text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let text = text.trim();
    if text == "*" {
        return Ok(vec![("*".to_string(), Vec::new())]);
    }
    if !is_library_name(text) {
        return Ok(vec![(text.to_string(), Vec::new())]);
    }
    let family = family_of(text.split(':').next().unwrap_or(text));
    let text = if text == family {
        format!("{family}.*")
    } else {
        text.to_string()
    };
    Ok(Grant::parse(&text)?
        .into_iter()
        .map(|g| (g.name, g.patterns))
        .collect())
}

/// True when `text` (a capability name or grant string) belongs to a library capability
/// family; anything else is an opaque host name.
fn is_library_name(text: &str) -> bool {
    is_known_family(family_of(text.split(':').next().unwrap_or(text)))
}

impl HostGrants {
    /// Adds one grant string (see [`parse_grant`]).
    pub fn add(&mut self, text: &str) -> Result<(), String> {
        for (name, patterns) in parse_grant(text)? {
            if name == "*" {
                self.all = true;
            } else {
                self.push(name, patterns, None);
            }
        }
        Ok(())
    }

    /// Adds the grant string of a capability token: it grants while the token is live, and
    /// every successful guarded call it grants takes one of its uses
    /// ([`CapabilityPolicy::used`]).
    pub fn add_token(&mut self, text: &str, token: TokenGrant) -> Result<(), String> {
        for (name, patterns) in parse_grant(text)? {
            self.push(name, patterns, Some(token.clone()));
        }
        Ok(())
    }

    fn push(&mut self, name: String, patterns: Vec<String>, token: Option<TokenGrant>) {
        self.grants.push(NameGrant {
            name,
            patterns,
            token,
        });
    }

    fn listed(&self, name: &str) -> bool {
        self.all
            || mlpy_stdlib::capabilities::is_default_grant(name)
            || self.grants.iter().any(|g| g.covers(name) && g.live())
    }

    fn vetoed(&self, name: &str) -> bool {
        let family = family_of(name);
        (self.deny_network && family == "network")
            || (self.deny_file_system && (family == "file" || family == "path"))
            || (self.read_only
                && matches!(
                    name,
                    "file.write" | "file.append" | "file.delete" | "path.write"
                ))
    }

    /// The run quota `name` counts against: (calls so far, most allowed).
    fn quota(&self, name: &str) -> Option<(&AtomicU64, u64)> {
        match family_of(name) {
            "file" | "path" => Some((&self.file_operations, self.max_file_operations?)),
            "network" => Some((&self.requests, self.max_requests?)),
            _ => None,
        }
    }

    /// True when `name` is granted, without counting a use.
    pub fn allows(&self, name: &str) -> bool {
        self.listed(name) && !self.vetoed(name)
    }
}

impl CapabilityPolicy for HostGrants {
    fn is_granted(&self, capability: &str) -> bool {
        self.allows(capability)
            && self
                .quota(capability)
                .is_none_or(|(used, max)| used.load(Ordering::Relaxed) < max)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn denied(&self, capability: &str) {
        self.violations.record(capability);
    }
    /// Counts the use against the run quota, then against a token — unless a grant that is no
    /// token (default set, `*`, a grant string) covers the name: those are not counted.
    fn used(&self, capability: &str) -> bool {
        if let Some((used, max)) = self.quota(capability) {
            if used.fetch_add(1, Ordering::Relaxed) >= max {
                return false;
            }
        }
        if self.all
            || mlpy_stdlib::capabilities::is_default_grant(capability)
            || self
                .grants
                .iter()
                .any(|g| g.token.is_none() && g.covers(capability))
        {
            return true;
        }
        self.grants.iter().any(|g| {
            g.covers(capability)
                && g.token
                    .as_ref()
                    .is_some_and(|t| t.uses.try_use(t.max_uses, t.expires_at))
        })
    }
    fn granted_names(&self) -> Vec<String> {
        let own = self.grants.iter().map(|g| g.name.as_str());
        list_granted(
            |n| self.allows(n),
            own.filter(|&n| n != "*" && self.allows(n)),
        )
    }
    /// Patterns of the live grants of the name (else the sandbox's file/network patterns);
    /// for a name granted only by tokens, the first live token's uses, limit and expiry.
    fn info(&self, capability: &str) -> Option<CapabilityInfo> {
        if !self.allows(capability) {
            return None;
        }
        let live: Vec<&NameGrant> = self
            .grants
            .iter()
            .filter(|g| g.covers(capability) && g.live())
            .collect();
        let mut patterns: Vec<String> = live.iter().flat_map(|g| g.patterns.clone()).collect();
        if patterns.is_empty() {
            patterns = match family_of(capability) {
                "file" | "path" => self.file_patterns.clone(),
                "network" => self.network_hosts.clone(),
                _ => Vec::new(),
            };
        }
        let plain = self.all
            || mlpy_stdlib::capabilities::is_default_grant(capability)
            || live.iter().any(|g| g.token.is_none());
        let token = live
            .iter()
            .find_map(|g| g.token.as_ref())
            .filter(|_| !plain);
        Some(CapabilityInfo {
            patterns: (!patterns.is_empty()).then_some(patterns),
            usage_count: token.map_or(0, |t| t.uses.count()),
            max_usage: token.and_then(|t| t.max_uses),
            expires_at: token.and_then(|t| t.expires_at),
            ..CapabilityInfo::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run with default limits, no output, no input and no environment.
    fn quiet_run(
        grants: Arc<HostGrants>,
        modules: Arc<HashMap<String, Source>>,
        calls: Option<Arc<dyn HostCalls>>,
        bridges: Option<Arc<Bridges>>,
    ) -> HostRun {
        HostRun {
            limits: Limits::default(),
            grants,
            stdout: Box::new(std::io::sink()),
            stderr: Box::new(std::io::sink()),
            stdin: None,
            interrupt: None,
            modules,
            calls,
            env: HostEnv::default(),
            import_roots: Vec::new(),
            bridges,
        }
    }
    use std::sync::Mutex;

    fn grants(list: &[&str]) -> HostGrants {
        let mut g = HostGrants::default();
        for s in list {
            g.add(s).unwrap();
        }
        g
    }

    #[test]
    fn grant_strings_of_every_form() {
        let g = grants(&[
            "execute:calculations",
            "file.read:./data/**/*.csv",
            "network:api.example.com",
        ]);
        assert!(g.is_granted("execute:calculations"));
        assert!(!g.is_granted("execute"));
        assert!(g.is_granted("math.compute"), "defaults stay granted");
        assert!(g.is_granted("file.read"));
        assert!(!g.is_granted("file.write"));
        assert!(g.is_granted("network.http") && g.is_granted("network.https"));
        assert_eq!(
            g.info("file.read").and_then(|i| i.patterns),
            Some(vec!["./data/**/*.csv".to_string()])
        );
        let g = grants(&["file:write:/tmp/*", "path.*"]);
        assert!(g.is_granted("file.write"));
        assert!(g.is_granted("path.read") && g.is_granted("path.write"));
        assert!(HostGrants::default().add("file.nuke").is_err());
        assert!(grants(&["*"]).is_granted("env.read"));
    }

    #[test]
    fn parse_grant_gives_names_and_patterns() {
        let pairs = |t: &str| parse_grant(t).unwrap();
        assert_eq!(pairs("*"), vec![("*".to_string(), vec![])]);
        assert_eq!(
            pairs("read:database"),
            vec![("read:database".to_string(), vec![])]
        );
        assert_eq!(
            pairs("file:read:/tmp/*"),
            vec![("file.read".to_string(), vec!["/tmp/*".to_string()])]
        );
        assert!(
            pairs("file").len() > 1,
            "a bare family names every operation"
        );
        assert!(parse_grant("file.nuke").is_err());
    }

    #[test]
    fn master_switches_veto_and_counters_limit() {
        let mut g = grants(&["file.read", "network.http"]);
        g.deny_network = true;
        g.max_file_operations = Some(2);
        assert!(!g.is_granted("network.http"));
        assert!(g.is_granted("file.read") && g.is_granted("file.read"));
        assert!(g.is_granted("file.read"), "queries are no operations");
        assert!(g.used("file.read") && g.used("file.read"));
        assert!(
            !g.used("file.read"),
            "third file operation is over the limit"
        );
        assert!(!g.is_granted("file.read"), "the quota is spent");
        g.deny_file_system = true;
        assert!(!g.allows("file.read"));
        assert!(!g.granted_names().contains(&"file.read".to_string()));
    }

    fn token(max_uses: Option<u64>, expires_at: Option<f64>) -> TokenGrant {
        TokenGrant {
            uses: Arc::new(TokenUses::default()),
            max_uses,
            expires_at,
        }
    }

    #[test]
    fn tokens_count_uses_and_stop_granting_at_their_limit_or_expiry() {
        let mut g = HostGrants::default();
        let t = token(Some(2), None);
        g.add_token("file.read:/data/*", t.clone()).unwrap();
        g.add_token("read:db", t.clone()).unwrap();
        assert!(g.is_granted("file.read") && g.is_granted("read:db"));
        assert_eq!(t.uses.count(), 0, "checks alone are no uses");
        assert!(g.used("read:db") && g.used("file.read"));
        assert_eq!(t.uses.count(), 2);
        assert!(t.uses.last_used().is_some());
        assert!(!g.is_granted("read:db") && !g.is_granted("file.read"));
        assert!(!g.used("read:db"), "a used-up token takes no more uses");
        assert_eq!(t.uses.count(), 2);
        assert_eq!(g.info("read:db"), None);

        let mut g = HostGrants::default();
        let t = token(Some(5), None);
        g.add_token("file.read:/data/*", t.clone()).unwrap();
        assert!(g.used("file.read"));
        let info = g.info("file.read").unwrap();
        assert_eq!(
            (info.usage_count, info.max_usage, info.patterns),
            (1, Some(5), Some(vec!["/data/*".to_string()]))
        );
        // A plain grant of the same name is used first and counts nothing.
        g.add("file.read").unwrap();
        assert!(g.used("file.read"));
        assert_eq!(t.uses.count(), 1);
        assert_eq!(g.info("file.read").unwrap().max_usage, None);

        let mut g = HostGrants::default();
        g.add_token("read:db", token(None, Some(unix_now() - 1.0)))
            .unwrap();
        assert!(!g.is_granted("read:db"), "an expired token grants nothing");
        let mut g = HostGrants::default();
        let t = token(None, Some(unix_now() + 3600.0));
        g.add_token("read:db", t.clone()).unwrap();
        assert!(g.is_granted("read:db") && g.used("read:db"));
        assert_eq!(t.uses.count(), 1);
    }

    #[test]
    fn shared_token_uses_never_exceed_the_limit_across_threads() {
        let uses = Arc::new(TokenUses::default());
        let taken: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    let uses = uses.clone();
                    s.spawn(move || (0..100).filter(|_| uses.try_use(Some(150), None)).count())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(taken, 150);
        assert_eq!(uses.count(), 150);
    }

    struct Doubler(Mutex<Vec<u32>>);
    impl HostCalls for Doubler {
        fn call(&self, _ctx: &mut NativeCtx<'_>, id: u32, args: &[Value]) -> RtResult<Value> {
            self.0
                .lock()
                .map_err(|_| RtError::type_error("poisoned"))?
                .push(id);
            match args {
                [Value::Int(n)] => Ok(Value::Int(n * 2)),
                _ => Err(RtError::new(ErrorKind::RuntimeError, "host says no")),
            }
        }
    }

    fn run_program(src: &str, calls: Arc<Doubler>) -> HostResult<Vec<(String, i64)>> {
        let engine = Engine::new();
        let program =
            compile_host(&engine, Source::new("t.ml", src), &["double".into()], false).unwrap();
        let mut modules = HashMap::new();
        modules.insert(
            "hostmod".to_string(),
            Source::new(
                "<hostmod>",
                "function triple(x) { return __python_callback(x) + x; }",
            ),
        );
        let run = quiet_run(
            Arc::new(HostGrants::default()),
            Arc::new(modules),
            Some(calls),
            None,
        );
        run_host(
            &engine,
            &program,
            run,
            |heap| {
                Ok(vec![
                    ("double".to_string(), host_callable(heap, 7)?),
                    ("__python_callback".to_string(), host_callable(heap, 9)?),
                ])
            },
            |_heap, out| {
                out.globals
                    .iter()
                    .filter_map(|(n, v)| match v {
                        Value::Int(i) => Some((n.clone(), *i)),
                        _ => None,
                    })
                    .collect()
            },
        )
    }

    #[test]
    fn host_callables_globals_and_modules() {
        let calls = Arc::new(Doubler(Mutex::new(Vec::new())));
        let result = run_program(
            "import hostmod; a = double(21); b = hostmod.triple(5); \
             try { double(\"x\"); } except (e) { c = 1; }",
            calls.clone(),
        );
        assert!(result.error.is_none(), "{:?}", result.error);
        assert_eq!(
            result.finished,
            vec![("a".into(), 42), ("b".into(), 15), ("c".into(), 1)]
        );
        assert_eq!(*calls.0.lock().unwrap(), vec![7, 9, 7]);
    }

    /// `__python_callback(module, member)` hands out bridge natives; bridges multiply.
    struct BridgeHost;
    impl HostCalls for BridgeHost {
        fn call(&self, ctx: &mut NativeCtx<'_>, _id: u32, args: &[Value]) -> RtResult<Value> {
            let name = |v: &Value| ctx.str_of(*v).unwrap_or_default().to_string();
            let (module, member) = (name(&args[0]), name(&args[1]));
            bridge_member(ctx, &module, &member).ok_or_else(|| RtError::type_error("no bridge"))
        }
        fn call_bridge(
            &self,
            _ctx: &mut NativeCtx<'_>,
            slot: usize,
            args: &[Value],
        ) -> RtResult<Value> {
            match args {
                [Value::Int(a), Value::Int(b)] => Ok(Value::Int(a * b + 1000 * slot as i64)),
                _ => Err(RtError::type_error("two ints")),
            }
        }
    }

    #[test]
    fn bridge_functions_are_natives_with_help_and_checked_capabilities() {
        let spec = |name: &str, caps: &[&str]| BridgeSpec {
            module: "geo".into(),
            module_doc: "Geometry".into(),
            name: name.into(),
            doc: format!("The {name}."),
            caps: caps.iter().map(|c| c.to_string()).collect(),
            native_module: false,
        };
        let bridges = Bridges::new(&[spec("area", &["geo:use"]), spec("secret", &["top:secret"])])
            .expect("valid specs");
        assert!(Bridges::new(&[spec("no-t valid", &[])]).is_err());
        let engine = Engine::new();
        let src = "import geo; a = geo.area(3, 4); b = geo.secret; h = help(geo.area); \
                   c = requiredCapabilities(geo.area); \
                   try { geo.secret(1, 2); } except (e) { d = e.type; } \
                   try { env.get(\"HOME\"); } except (e) { f = e.type; } \
                   q = hasCapability(\"not:granted\");";
        let program = compile_host(&engine, Source::new("t.ml", src), &[], false).unwrap();
        let mut modules = HashMap::new();
        modules.insert(
            "geo".to_string(),
            Source::new(
                "<geo>",
                "area = __python_callback(\"geo\", \"area\");\n\
                 secret = __python_callback(\"geo\", \"secret\");\n",
            ),
        );
        let mut grants = HostGrants::default();
        grants.add("geo:use").unwrap();
        let violations = grants.violations.clone();
        let run = quiet_run(
            Arc::new(grants),
            Arc::new(modules),
            Some(Arc::new(BridgeHost)),
            Some(Arc::new(bridges)),
        );
        let result = run_host(
            &engine,
            &program,
            run,
            |heap| {
                Ok(vec![(
                    "__python_callback".to_string(),
                    host_callable(heap, 0)?,
                )])
            },
            |heap, out| {
                let text = |v: &Value| match v {
                    Value::Int(i) => i.to_string(),
                    Value::Str(g) => heap.str(*g).to_string(),
                    Value::Array(g) => format!("{} item(s)", heap.array(*g).len()),
                    _ => "?".to_string(),
                };
                out.globals
                    .iter()
                    .map(|(n, v)| (n.clone(), text(v)))
                    .collect::<Vec<_>>()
            },
        );
        assert!(result.error.is_none(), "{:?}", result.error);
        let got: HashMap<String, String> = result.finished.into_iter().collect();
        assert_eq!(got["a"], "12", "slot 0");
        assert_eq!(got["h"], "The area.\nRequires: geo:use");
        assert_eq!(got["c"], "1 item(s)");
        assert_eq!(
            got["d"], "CapabilityError",
            "the VM checks the bridge's capabilities"
        );
        assert_eq!(got["f"], "CapabilityError");
        assert_eq!(
            violations.names(),
            ["top:secret", "env.read"],
            "caught denials are recorded, a bridge's and a library capability the VM checks; \
             a hasCapability query is no denial"
        );
    }

    /// Runs `src` with native-module bridges and `grants`; the globals as text.
    fn run_bridges(
        bridges: Bridges,
        grants: HostGrants,
        src: &str,
    ) -> (Option<Error>, HashMap<String, String>) {
        let engine = Engine::new();
        let program = compile_host(&engine, Source::new("t.ml", src), &[], false).unwrap();
        let run = quiet_run(
            Arc::new(grants),
            Arc::new(HashMap::new()),
            Some(Arc::new(BridgeHost)),
            Some(Arc::new(bridges)),
        );
        let result = run_host(
            &engine,
            &program,
            run,
            |_| Ok(Vec::new()),
            |heap, out| {
                out.globals
                    .iter()
                    .map(|(n, v)| {
                        let text = match v {
                            Value::Int(i) => i.to_string(),
                            Value::Str(g) => heap.str(*g).to_string(),
                            Value::Bool(b) => b.to_string(),
                            _ => "?".to_string(),
                        };
                        (n.clone(), text)
                    })
                    .collect()
            },
        );
        (result.error, result.finished)
    }

    #[test]
    fn a_thousand_bridges_each_reach_their_slot_and_tokens_limit_their_calls() {
        let specs: Vec<BridgeSpec> = (0..1000)
            .map(|i| BridgeSpec {
                module: "big".into(),
                module_doc: String::new(),
                name: format!("f{i}"),
                doc: String::new(),
                caps: if i == 999 {
                    vec!["big:use".into()]
                } else {
                    vec![]
                },
                native_module: true,
            })
            .collect();
        let bridges = Bridges::new(&specs).expect("no limit on the number of bridges");
        let mut grants = HostGrants::default();
        let token = TokenGrant {
            uses: Arc::new(TokenUses::default()),
            max_uses: Some(2),
            expires_at: None,
        };
        grants.add_token("big:use", token.clone()).unwrap();
        let violations = grants.violations.clone();
        let src = "import big; a = big.f0(2, 3); m = big.f500(1, 1); b = big.f999(2, 3); \
                   c = big.f999(1, 1); h = hasCapability(\"big:use\"); \
                   try { big.f999(1, 1); } except (e) { d = e.type; } \
                   q = hasCapability(\"other:cap\");";
        let (error, got) = run_bridges(bridges, grants, src);
        assert!(error.is_none(), "{error:?}");
        assert_eq!(got["a"], "6");
        assert_eq!(got["m"], "500001");
        assert_eq!(got["b"], "999006");
        assert_eq!(got["c"], "999001");
        assert_eq!(got["h"], "false", "the used-up token no longer grants");
        assert_eq!(got["d"], "CapabilityError");
        assert_eq!(token.uses.count(), 2, "two successful guarded calls");
        assert_eq!(violations.names(), ["big:use"]);
    }

    #[test]
    fn uncaught_host_error_ends_the_run() {
        let calls = Arc::new(Doubler(Mutex::new(Vec::new())));
        let result = run_program("double(\"x\");", calls);
        match result.error {
            Some(Error::Runtime(e)) => {
                assert_eq!(e.kind, "RuntimeError");
                assert_eq!(e.message, "host says no");
            }
            other => panic!("expected a runtime error, got {other:?}"),
        }
    }
}
