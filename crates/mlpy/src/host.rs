//! Host hooks for embedders that exchange live VM values with a program (the Python wheel,
//! `crates/mlpy-python`, owns this file): compiling with host-declared globals, running with
//! injected values, host callables ML code can call (the host implements [`HostCalls`]), host
//! modules written in ML and kept in memory, a grant policy with opaque names and master
//! switches ([`HostGrants`], python-api.md §7.2), and reading the result value, top-level
//! variables and thrown data on the run's heap.
//!
//! Invariants:
//! - Values handed to the host live on the run's heap: they are only valid inside the closure
//!   or call that receives them; the VM is dropped when [`run_host`] returns.
//! - Host calls run on the thread that runs the VM; ML may re-enter host calls (a host call
//!   calling an ML function calling a host function), so [`HostCalls`] takes `&self`.
//! - The grant policy fails closed: an unknown family name is opaque and grants no library
//!   capability; master switches veto grants, never add them.

use crate::capabilities::Grant;
use crate::engine::{compile_ir, load_error, vm_error, Engine, FileLoader, Program, Usage};
use crate::error::{render_diagnostics, Error};
use crate::limits::Limits;
use crate::source::Source;
use mlpy_ir::{ir, LowerOptions};
use mlpy_vm::native::NativeRegistry;
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

/// The run environment of library modules (time zone, argv, env map, working directory), its
/// sandbox quotas (`http` ports, file-write bytes) and the denials they record.
pub use mlpy_stdlib::host::{HostEnv, Quotas, Violations};

/// Allocation failure: the run's memory budget is spent.
pub use mlpy_vm::error::MemoryExceeded;

/// The host's side of host callables: ML calling a value made by [`host_callable`].
pub trait HostCalls: Send + Sync + 'static {
    /// Calls host function `id` with ML arguments; the result is allocated on `ctx.heap()`.
    fn call(&self, ctx: &mut NativeCtx<'_>, id: u32, args: &[Value]) -> RtResult<Value>;
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

/// The stdlib plus the host-callable class, built once per process.
fn host_registry() -> Arc<NativeRegistry> {
    static REGISTRY: OnceLock<Arc<NativeRegistry>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| {
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
            Arc::new(registry)
        })
        .clone()
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
    let mut config = VmConfig::new(host_registry());
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

/// One granted name with its resource patterns (empty = unrestricted).
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameGrant {
    name: String,
    patterns: Vec<String>,
}

/// Capability policy of a host run: the default grant set (stdlib.md §1.2), grant strings
/// (python-api.md §7.2, opaque names included) and the sandbox's master switches.
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
    /// `max_file_operations`: guarded file/path checks allowed per run.
    pub max_file_operations: Option<u64>,
    /// `rate_limit_requests`: guarded network checks allowed per run.
    pub max_requests: Option<u64>,
    file_operations: AtomicU64,
    requests: AtomicU64,
}

fn family_of(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
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
    let family = family_of(text.split(':').next().unwrap_or(text));
    let known = mlpy_stdlib::capabilities::known_names().any(|n| family_of(n) == family);
    if !known {
        return Ok(vec![(text.to_string(), Vec::new())]);
    }
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

impl HostGrants {
    /// Adds one grant string (see [`parse_grant`]).
    pub fn add(&mut self, text: &str) -> Result<(), String> {
        for (name, patterns) in parse_grant(text)? {
            if name == "*" {
                self.all = true;
            } else {
                self.push(&name, patterns);
            }
        }
        Ok(())
    }

    fn push(&mut self, name: &str, patterns: Vec<String>) {
        self.grants.push(NameGrant {
            name: name.to_string(),
            patterns,
        });
    }

    fn listed(&self, name: &str) -> bool {
        self.all
            || mlpy_stdlib::capabilities::is_default_grant(name)
            || self.grants.iter().any(|g| g.name == name)
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

    /// True when `name` is granted, without counting a use.
    pub fn allows(&self, name: &str) -> bool {
        self.listed(name) && !self.vetoed(name)
    }
}

impl CapabilityPolicy for HostGrants {
    fn is_granted(&self, capability: &str) -> bool {
        if !self.allows(capability) {
            return false;
        }
        let (counter, max) = match family_of(capability) {
            "file" | "path" => (&self.file_operations, self.max_file_operations),
            "network" => (&self.requests, self.max_requests),
            _ => return true,
        };
        match max {
            Some(max) => counter.fetch_add(1, Ordering::Relaxed) < max,
            None => true,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn granted_names(&self) -> Vec<String> {
        let mut names: Vec<String> = mlpy_stdlib::capabilities::known_names()
            .filter(|n| self.allows(n))
            .map(str::to_string)
            .chain(
                self.grants
                    .iter()
                    .filter(|g| self.allows(&g.name))
                    .map(|g| g.name.clone()),
            )
            .collect();
        names.sort();
        names.dedup();
        names
    }
    fn info(&self, capability: &str) -> Option<CapabilityInfo> {
        if !self.allows(capability) {
            return None;
        }
        let mut patterns: Vec<String> = self
            .grants
            .iter()
            .filter(|g| g.name == capability)
            .flat_map(|g| g.patterns.clone())
            .collect();
        if patterns.is_empty() {
            patterns = match family_of(capability) {
                "file" | "path" => self.file_patterns.clone(),
                "network" => self.network_hosts.clone(),
                _ => Vec::new(),
            };
        }
        Some(CapabilityInfo {
            patterns: (!patterns.is_empty()).then_some(patterns),
            ..CapabilityInfo::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(
            !g.is_granted("file.read"),
            "third file operation is over the limit"
        );
        g.deny_file_system = true;
        assert!(!g.allows("file.read"));
        assert!(!g.granted_names().contains(&"file.read".to_string()));
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
        let run = HostRun {
            limits: Limits::default(),
            grants: Arc::new(HostGrants::default()),
            stdout: Box::new(std::io::sink()),
            stderr: Box::new(std::io::sink()),
            stdin: None,
            interrupt: None,
            modules: Arc::new(modules),
            calls: Some(calls),
            env: HostEnv::default(),
            import_roots: Vec::new(),
        };
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
