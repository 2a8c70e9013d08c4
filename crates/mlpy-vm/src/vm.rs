//! The virtual machine: loading compiled programs, the interpreter loop, calls, closures,
//! exceptions (`try`/`except`/`finally`), limits (fuel, time, interrupt, memory, output, call
//! depth), GC safepoints and the public run API.
//!
//! Invariants:
//! - ML→ML calls never recurse on the Rust stack: frames live in `frames`, registers in `stack`
//!   (a frame's registers are `stack[base..base + nregs]`, its callee slot is `stack[base - 1]`).
//!   Only natives calling back into ML (`NativeCtx::call`) re-enter [`Vm::execute`]; that nesting
//!   is bounded by [`MAX_REENTRY`].
//! - Registers of unassigned locals, unset globals and empty cells hold [`UNBOUND`], which never
//!   escapes into a value a script or native sees.
//! - Garbage is collected only at safepoints (back-edges, calls) with every root: live
//!   registers, globals, cells, constants, module values, pending completions, native roots.
//! - Limit errors are never caught and skip `finally`; the VM is reusable after any error.

use crate::bytecode::{Const, HandlerKind, Instr, Proto, VarSlot};
use crate::compiler::{self, CompileError};
use crate::error::{ErrorKind, RtError, RtResult};
use crate::heap::{Closure, ErrorValue, Heap, HeapObject, Module};
use crate::native::{CapabilityPolicy, ConstValue, Member, NativeCtx, NativeRegistry};
use crate::objmap::ObjMap;
use crate::value::{Gc, Value};
use crate::{ops, text};
use hashbrown::HashMap;
use mlpy_ir::{Program, TextRange};
use smallvec::SmallVec;
use std::any::{Any, TypeId};
use std::cmp::Ordering;
use std::io::{BufRead, Write};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The "no value" marker of unassigned locals, unset globals and empty cells.
pub(crate) const UNBOUND: Value = Value::Native(u32::MAX);

#[inline(always)]
fn is_unbound(v: Value) -> bool {
    matches!(v, Value::Native(u32::MAX))
}

/// Deepest nesting of natives calling back into ML (each level uses Rust stack).
pub const MAX_REENTRY: u32 = 100;

/// Stack left below which a native re-entry or a nested import moves to a new stack segment.
const REENTRY_RED_ZONE: usize = 256 * 1024;
/// Size of such a segment.
const REENTRY_STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// Ticks between two polls of the clock and the interrupt flag.
const POLL_INTERVAL: u64 = 10_000;

/// Resource limits of a run (rhai-style: one type, documented defaults = spec D12).
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Instruction budget (one tick ≈ one instruction); `None` = unlimited (still counted).
    pub fuel: Option<u64>,
    /// Wall-clock budget of one `run`.
    pub timeout: Option<Duration>,
    /// Heap bytes; `None` = unlimited.
    pub memory: Option<usize>,
    /// Active ML calls (also the data-depth limit, D6). Default 1000.
    pub max_depth: usize,
    /// Bytes written to stdout + stderr together; `None` = unlimited.
    pub max_output: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel: None,
            timeout: None,
            memory: Some(1024 << 20),
            max_depth: 1000,
            max_output: None,
        }
    }
}

/// Finds ML source modules for `import` (implemented by the host: parse + lower).
pub trait ModuleLoader {
    /// The IR and source text of the ML module with this dotted path; `None` if there is none,
    /// `Some(Err(message))` if it exists but cannot be compiled.
    fn load(&mut self, path: &str) -> Option<Result<(Program, String), String>>;
    /// True when an ML module with this dotted path exists.
    fn exists(&mut self, path: &str) -> bool;
    /// Every ML module the loader can find: (dotted name, file path), sorted by name.
    fn list(&mut self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// Everything a VM is created with.
#[derive(Clone)]
pub struct VmConfig {
    pub registry: Arc<NativeRegistry>,
    pub limits: Limits,
    /// Capability grants; `None` denies every capability.
    pub capabilities: Option<Arc<dyn CapabilityPolicy + Send + Sync>>,
    /// Set by the host (any thread) to stop the run with `Interrupted`.
    pub interrupt: Option<Arc<AtomicBool>>,
}

impl VmConfig {
    pub fn new(registry: Arc<NativeRegistry>) -> VmConfig {
        VmConfig {
            registry,
            limits: Limits::default(),
            capabilities: None,
            interrupt: None,
        }
    }
}

/// A program loaded into a VM (valid only for the VM that loaded it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loaded {
    unit: u32,
}

/// The result of a successful run.
#[derive(Clone, Copy, Debug)]
pub struct RunOutcome {
    /// The program result (language.md §3): top-level `result` if assigned, else the value of
    /// the last top-level assignment executed, else null.
    pub value: Value,
}

/// Resource usage so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub fuel_used: u64,
    pub peak_memory: usize,
    pub memory: usize,
}

/// One entry of an ML stack trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackEntry {
    /// Function name (`<module>` for top-level code, `<lambda>` for anonymous functions).
    pub function: String,
    pub range: TextRange,
    /// 1-based line and column (columns count characters).
    pub line: u32,
    pub column: u32,
    /// Dotted name of the imported ML module, `None` for the main program.
    pub module: Option<String>,
}

/// An error that ended a run (uncaught runtime error or limit).
#[derive(Clone, Debug)]
pub struct VmError {
    pub kind: ErrorKind,
    pub message: String,
    /// Where it was raised (innermost position).
    pub range: TextRange,
    pub line: u32,
    pub column: u32,
    pub module: Option<String>,
    /// The ML stack, innermost first.
    pub stack: Vec<StackEntry>,
    /// The thrown object of an uncaught `throw`.
    pub data: Option<Value>,
}

impl std::fmt::Display for VmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.line, self.column, self.kind, self.message
        )
    }
}

impl std::error::Error for VmError {}

/// Errors of [`Vm::load`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    Compile(CompileError),
    /// A builtin or module the program names is not registered.
    Unknown {
        name: String,
        range: TextRange,
    },
    Memory,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Compile(e) => f.write_str(&e.message),
            LoadError::Unknown { name, .. } => write!(f, "unknown builtin or module '{name}'"),
            LoadError::Memory => f.write_str("memory limit exceeded while loading"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A runtime prototype: compiled code plus its materialised constants.
pub(crate) struct FnProto {
    pub(crate) p: Proto,
    consts: Box<[Value]>,
    unit: u32,
    /// Index of the unit's first prototype in `Vm::protos`.
    proto_base: u32,
    global_base: u32,
    /// The register layout a call sets up, precomputed from `p` for `push_frame`.
    shape: FrameShape,
}

/// What `push_frame` needs of a prototype, in one small copyable record:
/// `params <= nlocals <= nregs`.
#[derive(Clone, Copy)]
struct FrameShape {
    params: u32,
    nlocals: u32,
    nregs: u32,
    /// No rest parameter, no cell locals: a call lays out registers and, with `captures`,
    /// appends the closure's captured cells.
    plain: bool,
    /// The prototype captures cells of enclosing functions.
    captures: bool,
}

impl FrameShape {
    fn of(p: &Proto) -> FrameShape {
        let params = p.params + p.has_rest as u32;
        let nregs = (p.nregs as u32).max(params);
        FrameShape {
            params: p.params,
            nlocals: (p.local_names.len() as u32).clamp(params, nregs),
            nregs,
            plain: !p.has_rest && p.cell_locals.is_empty(),
            captures: !p.capture_cells.is_empty(),
        }
    }
}

/// The last closure `CALL` resolved to a `plain` prototype: its handle, the heap's sweep count
/// then (the handle names the same closure while that count is unchanged; a closure's `func`
/// and `module` never change after allocation), its prototype index and shape.
#[derive(Clone, Copy)]
struct CallCache {
    callee: Gc,
    sweeps: u64,
    proto: u32,
    shape: FrameShape,
}

impl CallCache {
    /// Matches no closure: the sweep count never reaches `u64::MAX`.
    const EMPTY: CallCache = CallCache {
        callee: Gc(0),
        sweeps: u64::MAX,
        proto: 0,
        shape: FrameShape {
            params: 0,
            nlocals: 0,
            nregs: 0,
            plain: false,
            captures: false,
        },
    };
}

struct Unit {
    name: Option<String>,
    proto_base: u32,
    main: u32,
    global_base: u32,
    global_names: Vec<String>,
    fallback: Vec<Option<Value>>,
    /// Global slots in first-assignment order.
    order: Vec<u32>,
    seen: Vec<bool>,
    source: Arc<str>,
    line_starts: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Frame {
    proto: u32,
    pc: u32,
    base: u32,
    cell_base: u32,
    pending_base: u32,
}

struct TraceEntry {
    proto: u32,
    range: TextRange,
}

/// An error in flight: the runtime error plus where it was raised and the frames it left.
pub(crate) struct Exception {
    err: RtError,
    range: TextRange,
    proto: u32,
    trace: Vec<TraceEntry>,
}

/// How a finally block was entered.
enum Completion {
    Normal,
    Exit(u32),
    Error(Box<Exception>),
}

enum Raise {
    New(RtError),
    Again(Box<Exception>),
}

/// The ML virtual machine.
pub struct Vm {
    pub(crate) heap: Heap,
    pub(crate) config: VmConfig,
    pub(crate) native_roots: Vec<Value>,
    host_data: HashMap<TypeId, Box<dyn Any + Send>>,
    stdin: Option<Box<dyn BufRead + Send>>,
    protos: Vec<Arc<FnProto>>,
    units: Vec<Unit>,
    globals: Vec<Value>,
    stack: Vec<Value>,
    frames: Vec<Frame>,
    cells: Vec<Gc>,
    completions: Vec<Completion>,
    modules: HashMap<String, Value>,
    loading: Vec<String>,
    host_globals: HashMap<String, Value>,
    loader: Option<Box<dyn ModuleLoader + Send>>,
    stdout: Box<dyn Write + Send>,
    stderr: Box<dyn Write + Send>,
    output_bytes: u64,
    fuel_used: u64,
    fuel_limit: u64,
    deadline: Option<Instant>,
    reentry: u32,
    /// The exception behind the last error returned to a native by `call_value` (identified by
    /// its box address), so its trace survives the trip through the native.
    stash: Option<(usize, Box<Exception>)>,
    call_cache: CallCache,
}

/// Deepest data printing, comparison, hashing and copying may walk. It follows the call-depth
/// limit (D6) but never past [`MAX_DATA_DEPTH`]: those walks recurse on the Rust stack (calls
/// do not), and a host thread's stack is only a few MiB.
fn data_depth(max_depth: usize) -> usize {
    max_depth.min(MAX_DATA_DEPTH)
}

/// See [`data_depth`]; measured: 20,000 levels overflow an 8 MiB stack in a debug build.
pub const MAX_DATA_DEPTH: usize = 2000;

impl Vm {
    pub fn new(config: VmConfig) -> Vm {
        let mut heap = Heap::with_limit(config.limits.memory.unwrap_or(usize::MAX));
        heap.max_depth = data_depth(config.limits.max_depth);
        heap.set_native_names(config.registry.natives().iter().map(|d| d.name).collect());
        Vm {
            heap,
            config,
            native_roots: Vec::new(),
            host_data: HashMap::new(),
            stdin: None,
            protos: Vec::new(),
            units: Vec::new(),
            globals: Vec::new(),
            stack: Vec::new(),
            frames: Vec::new(),
            cells: Vec::new(),
            completions: Vec::new(),
            modules: HashMap::new(),
            loading: Vec::new(),
            host_globals: HashMap::new(),
            loader: None,
            stdout: Box::new(std::io::sink()),
            stderr: Box::new(std::io::sink()),
            output_bytes: 0,
            fuel_used: 0,
            fuel_limit: u64::MAX,
            deadline: None,
            reentry: 0,
            stash: None,
            call_cache: CallCache::EMPTY,
        }
    }

    // ---- host-facing configuration ----------------------------------------------------------

    pub fn set_stdout(&mut self, out: Box<dyn Write + Send>) {
        self.stdout = out;
    }

    pub fn set_stderr(&mut self, out: Box<dyn Write + Send>) {
        self.stderr = out;
    }

    pub fn set_module_loader(&mut self, loader: Box<dyn ModuleLoader + Send>) {
        self.loader = Some(loader);
    }

    /// Data natives can reach with `NativeCtx::host_data::<T>()` (time zone, RNG state, ...);
    /// one slot per type (setting a `T` again replaces the previous one).
    pub fn set_host_data<T: Any + Send>(&mut self, data: T) {
        self.host_data.insert(TypeId::of::<T>(), Box::new(data));
    }

    pub fn host_data_mut<T: Any + Send>(&mut self) -> Option<&mut T> {
        self.host_data
            .get_mut(&TypeId::of::<T>())
            .and_then(|d| d.downcast_mut::<T>())
    }

    /// The program's standard input (`input()`); without one, input is empty.
    pub fn set_stdin(&mut self, input: Box<dyn BufRead + Send>) {
        self.stdin = Some(input);
    }

    pub(crate) fn read_line(&mut self) -> RtResult<Option<String>> {
        let Some(input) = self.stdin.as_mut() else {
            return Ok(None);
        };
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => Ok(None),
            Ok(_) => {
                if line.ends_with('\n') {
                    line.pop();
                    if line.ends_with('\r') {
                        line.pop();
                    }
                }
                Ok(Some(line))
            }
            Err(e) => Err(RtError::new(ErrorKind::OSError, e.to_string())),
        }
    }

    pub(crate) fn ml_source_modules(&mut self) -> Vec<(String, String)> {
        self.loader.as_mut().map(|l| l.list()).unwrap_or_default()
    }

    /// Replaces the limits (memory and depth apply immediately, the rest at the next `run`).
    pub fn set_limits(&mut self, limits: Limits) {
        self.heap.set_limit(limits.memory.unwrap_or(usize::MAX));
        self.heap.max_depth = data_depth(limits.max_depth);
        self.config.limits = limits;
    }

    pub fn limits(&self) -> &Limits {
        &self.config.limits
    }

    /// An open-world host global (`Var::HostGlobal`), looked up at run time.
    pub fn set_host_global(&mut self, name: &str, value: Value) {
        self.host_globals.insert(name.to_string(), value);
    }

    pub fn heap(&self) -> &Heap {
        &self.heap
    }

    pub fn heap_mut(&mut self) -> &mut Heap {
        &mut self.heap
    }

    pub fn registry(&self) -> &NativeRegistry {
        &self.config.registry
    }

    pub fn stats(&self) -> Stats {
        Stats {
            // A run stopped by fuel has charged past its budget (ticks come in bulk); it used
            // the whole budget and no more.
            fuel_used: self.fuel_used.min(self.fuel_limit),
            peak_memory: self.heap.peak_bytes(),
            memory: self.heap.bytes_used(),
        }
    }

    // ---- loading ----------------------------------------------------------------------------

    /// Compiles a program and prepares its globals; `source` is its text (for line/column).
    pub fn load(&mut self, program: &Program, source: &str) -> Result<Loaded, LoadError> {
        self.load_unit(program, source, None)
    }

    fn load_unit(
        &mut self,
        program: &Program,
        source: &str,
        name: Option<String>,
    ) -> Result<Loaded, LoadError> {
        let unit = compiler::compile(program).map_err(LoadError::Compile)?;
        let unit_id = self.units.len() as u32;
        let proto_base = self.protos.len() as u32;
        let global_base = self.globals.len() as u32;
        let mut fallback = Vec::with_capacity(program.globals.len());
        for g in &program.globals {
            fallback.push(if g.builtin_fallback {
                self.builtin_value(&g.name)
            } else {
                None
            });
        }
        let mut protos = Vec::with_capacity(unit.protos.len());
        for p in unit.protos {
            p.check_registers().map_err(|message| {
                LoadError::Compile(CompileError {
                    message: format!("internal: {message}"),
                    range: p.range,
                })
            })?;
            // A constant's errors point at its first load (one pass, not one per constant).
            let mut first_load = vec![p.range; p.consts.len()];
            for (at, ins) in p.code.iter().enumerate().rev() {
                if let Instr::LoadK { k, .. } = ins {
                    if let Some(r) = first_load.get_mut(*k as usize) {
                        *r = p.spans[at];
                    }
                }
            }
            let mut consts = Vec::with_capacity(p.consts.len());
            for (c, range) in p.consts.iter().zip(first_load) {
                consts.push(self.materialise(c, range)?);
            }
            protos.push(Arc::new(FnProto {
                shape: FrameShape::of(&p),
                p,
                consts: consts.into_boxed_slice(),
                unit: unit_id,
                proto_base,
                global_base,
            }));
        }
        let names = protos
            .iter()
            .map(|p| p.p.name.clone().into_boxed_str())
            .collect();
        self.heap.register_function_names(unit_id, names);
        self.protos.extend(protos);
        self.globals
            .extend(std::iter::repeat_n(UNBOUND, program.globals.len()));
        let mut line_starts = vec![0u32];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i as u32 + 1));
        self.units.push(Unit {
            name,
            proto_base,
            main: proto_base + unit.main,
            global_base,
            global_names: program.globals.iter().map(|g| g.name.clone()).collect(),
            fallback,
            order: Vec::new(),
            seen: vec![false; program.globals.len()],
            source: source.into(),
            line_starts,
        });
        Ok(Loaded { unit: unit_id })
    }

    fn builtin_value(&mut self, name: &str) -> Option<Value> {
        if name == mlpy_ir::names::BUILTIN_MODULE {
            return self.native_module("builtin").ok().flatten();
        }
        self.config.registry.builtin(name).map(Value::Native)
    }

    fn materialise(&mut self, c: &Const, range: TextRange) -> Result<Value, LoadError> {
        let unknown = |name: &str| LoadError::Unknown {
            name: name.to_string(),
            range,
        };
        Ok(match c {
            Const::Int(n) => Value::Int(*n),
            Const::Float(x) => Value::Float(*x),
            Const::BigInt(digits) => {
                let b: num_bigint::BigInt = digits.parse().map_err(|_| unknown(digits))?;
                self.heap.alloc_bigint(b).map_err(|_| LoadError::Memory)?
            }
            Const::Str(s) => self.heap.alloc_str(s).map_err(|_| LoadError::Memory)?,
            Const::Builtin(name) => self.builtin_value(name).ok_or_else(|| unknown(name))?,
            Const::Module(name) => match self.native_module(name) {
                Ok(Some(v)) => v,
                Ok(None) => return Err(unknown(name)),
                Err(_) => return Err(LoadError::Memory),
            },
        })
    }

    /// The module value of a registered native module (created once per VM).
    fn native_module(&mut self, name: &str) -> RtResult<Option<Value>> {
        if let Some(v) = self.modules.get(name) {
            return Ok(Some(*v));
        }
        let registry = self.config.registry.clone();
        let mut members = ObjMap::new();
        if name == "builtin" {
            for b in registry.builtin_names() {
                if let Some(id) = registry.builtin(b) {
                    let k = self.heap.alloc_str(b)?;
                    members.insert(&self.heap, k, Value::Native(id))?;
                }
            }
        } else {
            let Some(def) = registry.module(name) else {
                return Ok(None);
            };
            for (member, m) in &def.members {
                let v = match m {
                    Member::Native(id) => Value::Native(*id),
                    Member::Const(c) => match c {
                        ConstValue::Null => Value::Null,
                        ConstValue::Bool(b) => Value::Bool(*b),
                        ConstValue::Int(i) => Value::Int(*i),
                        ConstValue::Float(x) => Value::Float(*x),
                        ConstValue::Str(s) => self.heap.alloc_str(s)?,
                    },
                };
                let k = self.heap.alloc_str(member)?;
                members.insert(&self.heap, k, v)?;
            }
        }
        let v = self.heap.alloc_module(Module {
            name: name.into(),
            members,
        })?;
        self.modules.insert(name.to_string(), v);
        Ok(Some(v))
    }

    // ---- globals and results ----------------------------------------------------------------

    /// Sets a global of a loaded program by name (host-injected context); false if the program
    /// has no global of that name.
    pub fn set_global(&mut self, loaded: Loaded, name: &str, value: Value) -> bool {
        let Some(u) = self.units.get(loaded.unit as usize) else {
            return false;
        };
        let Some(slot) = u.global_names.iter().position(|n| n == name) else {
            return false;
        };
        let base = u.global_base as usize;
        self.globals[base + slot] = value;
        self.note_assigned(loaded.unit as usize, slot);
        true
    }

    /// The current value of a global, if the program has it and it is set.
    pub fn global(&self, loaded: Loaded, name: &str) -> Option<Value> {
        let u = self.units.get(loaded.unit as usize)?;
        let slot = u.global_names.iter().position(|n| n == name)?;
        let v = self.globals[u.global_base as usize + slot];
        (!is_unbound(v)).then_some(v)
    }

    /// Every set global of the program, in first-assignment order.
    pub fn globals(&self, loaded: Loaded) -> Vec<(String, Value)> {
        let Some(u) = self.units.get(loaded.unit as usize) else {
            return Vec::new();
        };
        u.order
            .iter()
            .filter_map(|&slot| {
                let v = self.globals[u.global_base as usize + slot as usize];
                (!is_unbound(v)).then(|| (u.global_names[slot as usize].clone(), v))
            })
            .collect()
    }

    fn note_assigned(&mut self, unit: usize, slot: usize) {
        let u = &mut self.units[unit];
        if !u.seen[slot] {
            u.seen[slot] = true;
            u.order.push(slot as u32);
        }
    }

    // ---- running ----------------------------------------------------------------------------

    /// Runs a loaded program's top level.
    pub fn run(&mut self, loaded: Loaded) -> Result<RunOutcome, VmError> {
        let Some(main) = self.units.get(loaded.unit as usize).map(|u| u.main) else {
            return Err(VmError {
                kind: ErrorKind::RuntimeError,
                message: "program not loaded in this VM".into(),
                range: TextRange::default(),
                line: 0,
                column: 0,
                module: None,
                stack: Vec::new(),
                data: None,
            });
        };
        self.reset_run_state();
        let limits = &self.config.limits;
        self.fuel_used = 0;
        self.fuel_limit = limits.fuel.unwrap_or(u64::MAX);
        self.deadline = limits.timeout.and_then(|t| Instant::now().checked_add(t));
        self.output_bytes = 0;
        self.update_poll_at();
        let r = self.run_main(main);
        let r = match r {
            Ok(last) => {
                let value = self.global(loaded, "result").unwrap_or(last);
                Ok(RunOutcome { value })
            }
            Err(exc) => Err(self.vm_error(*exc)),
        };
        self.reset_run_state();
        let _ = self.stdout.flush();
        let _ = self.stderr.flush();
        r
    }

    fn reset_run_state(&mut self) {
        self.stack.clear();
        self.frames.clear();
        self.cells.clear();
        self.completions.clear();
        self.native_roots.clear();
        self.loading.clear();
        self.reentry = 0;
        self.stash = None;
    }

    /// Runs the main prototype of a unit in a new frame on top of the current ones.
    fn run_main(&mut self, main: u32) -> Result<Value, Box<Exception>> {
        let top = self.stack_top();
        self.ensure_stack(top + 1);
        self.stack[top] = Value::Null;
        let entry = self.frames.len();
        if let Err(e) = self.push_frame(main, None, top + 1, 0) {
            return Err(self.fresh_exception(e, main, TextRange::default()));
        }
        self.execute(entry)
    }

    fn stack_top(&self) -> usize {
        match self.frames.last() {
            Some(f) => f.base as usize + self.protos[f.proto as usize].p.nregs as usize,
            None => 0,
        }
    }

    fn ensure_stack(&mut self, len: usize) {
        if self.stack.len() < len {
            self.stack.resize(len, Value::Null);
        }
    }

    /// Pushes a frame for prototype `proto` whose arguments are already at `base..base+argc`.
    #[inline]
    fn push_frame(
        &mut self,
        proto: u32,
        closure: Option<Gc>,
        base: usize,
        argc: usize,
    ) -> RtResult<()> {
        if self.frames.len() >= self.config.limits.max_depth {
            return Err(RtError::depth());
        }
        // Disjoint field borrows: `fp` borrows `protos` while `stack`/`heap` are written.
        let shape = self.protos[proto as usize].shape;
        let params = shape.params as usize;
        let nregs = shape.nregs as usize;
        let need = base + nregs.max(argc) + 1;
        if self.stack.len() < need {
            self.stack.resize(need, Value::Null);
        }
        if shape.plain && !shape.captures && argc == params {
            // The common call: locals after the parameters unbound, temporaries null.
            let window = &mut self.stack[base + params..base + nregs];
            let (locals, temps) = window.split_at_mut(shape.nlocals as usize - params);
            locals.fill(UNBOUND);
            temps.fill(Value::Null);
            self.frames.push(Frame {
                proto,
                pc: 0,
                base: base as u32,
                cell_base: self.cells.len() as u32,
                pending_base: self.completions.len() as u32,
            });
            return Ok(());
        }
        self.push_frame_general(proto, closure, base, argc)
    }

    /// `push_frame` for rest parameters, cells, captures and arity errors.
    #[inline(never)]
    fn push_frame_general(
        &mut self,
        proto: u32,
        closure: Option<Gc>,
        base: usize,
        argc: usize,
    ) -> RtResult<()> {
        let fp = &self.protos[proto as usize];
        let (shape, p) = (fp.shape, &fp.p);
        let (params, nregs) = (shape.params as usize, shape.nregs as usize);
        if argc != params && !(p.has_rest && argc > params) {
            return Err(arity_error(p, argc));
        }
        let mut first_free = argc;
        if p.has_rest {
            let rest: Vec<Value> = self.stack[base + params..base + argc].to_vec();
            self.stack[base + params] = self.heap.alloc_array(rest)?;
            first_free = params + 1;
        }
        let nlocals = (shape.nlocals as usize).max(first_free);
        self.stack[base + first_free..base + nlocals].fill(UNBOUND);
        self.stack[base + nlocals..base + nregs.max(nlocals)].fill(Value::Null);
        let cell_base = self.cells.len();
        for &(slot, is_param) in &p.cell_locals {
            let v = if is_param {
                self.stack[base + slot as usize]
            } else {
                UNBOUND
            };
            let g = self.heap.alloc_cell(v)?;
            self.cells.push(g);
        }
        if let Some(c) = closure.filter(|_| !p.capture_cells.is_empty()) {
            let caps = &self.heap.closure(c).captures;
            self.cells.extend_from_slice(caps);
        }
        self.frames.push(Frame {
            proto,
            pc: 0,
            base: base as u32,
            cell_base: cell_base as u32,
            pending_base: self.completions.len() as u32,
        });
        Ok(())
    }

    /// The common ML→ML call, inlined into `CALL`: a closure whose prototype is `plain`,
    /// called with exactly its parameter count, under the depth limit, with the stack already
    /// long enough. Pushes its frame like `push_frame` and returns true; returns false having
    /// changed nothing but the call cache in every other case (which `call_at` then handles,
    /// errors included).
    #[inline(always)]
    fn push_plain_call(&mut self, at: usize, argc: usize) -> bool {
        let Value::Function(g) = self.stack[at] else {
            return false;
        };
        let cache = self.call_cache;
        let (proto, shape) = if cache.callee == g && cache.sweeps == self.heap.sweeps {
            (cache.proto, cache.shape)
        } else {
            match self.plain_callee(g) {
                Some(found) => found,
                None => return false,
            }
        };
        let base = at + 1;
        let top = base + shape.nregs as usize;
        if argc != shape.params as usize
            || self.frames.len() >= self.config.limits.max_depth
            || self.stack.len() <= top
        {
            return false;
        }
        let window = &mut self.stack[base + argc..top];
        let (locals, temps) = window.split_at_mut(shape.nlocals as usize - argc);
        locals.fill(UNBOUND);
        temps.fill(Value::Null);
        let cell_base = self.cells.len() as u32;
        if shape.captures {
            // `g` is the closure `proto` came from (just looked up, or a valid cache entry).
            if let HeapObject::Closure(c) = self.heap.get(g) {
                self.cells.extend_from_slice(&c.captures);
            }
        }
        self.frames.push(Frame {
            proto,
            pc: 0,
            base: base as u32,
            cell_base,
            pending_base: self.completions.len() as u32,
        });
        true
    }

    /// The prototype and shape of closure `g` when its prototype is `plain`, remembered in
    /// the call cache; `None` for anything else.
    #[inline(never)]
    fn plain_callee(&mut self, g: Gc) -> Option<(u32, FrameShape)> {
        let HeapObject::Closure(c) = self.heap.get(g) else {
            return None;
        };
        let proto = self.units[c.module as usize].proto_base + c.func;
        let shape = self.protos[proto as usize].shape;
        if !shape.plain {
            return None;
        }
        self.call_cache = CallCache {
            callee: g,
            sweeps: self.heap.sweeps,
            proto,
            shape,
        };
        Some((proto, shape))
    }

    /// Calls the value in `stack[at]` with the `argc` arguments after it. Returns true when an
    /// ML frame was pushed (the loop continues there); otherwise the result is in `stack[at]`.
    #[inline]
    fn call_at(&mut self, at: usize, argc: usize) -> RtResult<bool> {
        let callee = self.stack[at];
        if let Value::Function(g) = callee {
            if let HeapObject::Closure(c) = self.heap.get(g) {
                let proto = self.units[c.module as usize].proto_base + c.func;
                self.push_frame(proto, Some(g), at + 1, argc)?;
                return Ok(true);
            }
        }
        self.call_at_general(at, argc)
    }

    /// `call_at` for every callee (the inlined `call_at` handles closures itself).
    #[inline(never)]
    fn call_at_general(&mut self, at: usize, argc: usize) -> RtResult<bool> {
        let callee = self.stack[at];
        match callee {
            Value::Function(g) => match self.heap.get(g) {
                HeapObject::Closure(c) => {
                    let proto = self.units[c.module as usize].proto_base + c.func;
                    self.push_frame(proto, Some(g), at + 1, argc)?;
                    Ok(true)
                }
                HeapObject::BoundMethod(m) => {
                    let (recv, name) = (m.receiver, m.name);
                    let args: SmallVec<[Value; 8]> =
                        self.stack[at + 1..at + 1 + argc].iter().copied().collect();
                    let v = self.invoke_method(recv, name, &args)?;
                    self.stack[at] = v;
                    Ok(false)
                }
                _ => Err(not_callable(&self.heap, callee)),
            },
            Value::Native(id) if !is_unbound(callee) => {
                let args: SmallVec<[Value; 8]> =
                    self.stack[at + 1..at + 1 + argc].iter().copied().collect();
                let v = self.call_native(id, &args)?;
                self.stack[at] = v;
                Ok(false)
            }
            _ => Err(not_callable(&self.heap, callee)),
        }
    }

    /// Calls a native after checking its capabilities.
    fn call_native(&mut self, id: u32, args: &[Value]) -> RtResult<Value> {
        // The definition's fields are `'static`: copied out, no registry borrow or `Arc` clone.
        let Some((func, caps)) = self.config.registry.native(id).map(|d| (d.func, d.caps)) else {
            return Err(RtError::type_error(
                "Cannot call object of type 'function': not callable",
            ));
        };
        if !caps.is_empty() {
            let mut missing: Vec<&str> = caps
                .iter()
                .copied()
                .filter(|c| !self.is_granted(c))
                .collect();
            if let (true, Some(policy)) = (missing.is_empty(), &self.config.capabilities) {
                // Every capability passed: count the uses (a used-up grant denies the call).
                missing.extend(caps.iter().copied().filter(|c| !policy.used(c)));
            }
            if !missing.is_empty() {
                if let Some(policy) = &self.config.capabilities {
                    missing.iter().for_each(|c| policy.denied(c));
                }
                let list = missing
                    .iter()
                    .map(|c| format!("'{c}'"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let msg = if self.config.capabilities.is_some() {
                    format!("Missing required capabilities: [{list}]")
                } else {
                    format!("Function requires capabilities [{list}], but no capability context is active.")
                };
                return Err(RtError::new(ErrorKind::CapabilityError, msg));
            }
        }
        let mark = self.native_roots.len();
        self.native_roots.extend_from_slice(args);
        let r = func(
            &mut NativeCtx {
                vm: self,
                native: id,
            },
            args,
        );
        self.native_roots.truncate(mark);
        r
    }

    pub(crate) fn is_granted(&self, cap: &str) -> bool {
        self.config
            .capabilities
            .as_ref()
            .is_some_and(|c| c.is_granted(cap))
    }

    /// `recv.name(args)` for a method of a string/array/tuple/object or a host object.
    fn invoke_method(&mut self, recv: Value, name: &str, args: &[Value]) -> RtResult<Value> {
        if let Value::Other(g) = recv {
            if let HeapObject::Host(h) = self.heap.get(g) {
                let class = h.class_name().to_string();
                return match self.config.registry.method(&class, name) {
                    Some(id) => {
                        let mut full: SmallVec<[Value; 8]> =
                            SmallVec::with_capacity(args.len() + 1);
                        full.push(recv);
                        full.extend_from_slice(args);
                        self.call_native(id, &full)
                    }
                    None => Err(RtError::attribute_error(format!(
                        "'{class}' object has no accessible method '{name}'"
                    ))),
                };
            }
        }
        self.run_builtin_method(recv, name, args)
    }

    /// Runs a method of the built-in tables (strings, arrays, tuples, objects), charging fuel in
    /// proportion to its work BEFORE doing it: one tick per element or character of the receiver
    /// and of each sized argument, times log2(n) for `sort`.
    fn run_builtin_method(&mut self, recv: Value, name: &str, args: &[Value]) -> RtResult<Value> {
        let size = |v: Value| ops::length(&self.heap, v).unwrap_or(0) as u64;
        let n = size(recv);
        let mut work = n + args.iter().map(|&a| size(a)).sum::<u64>();
        if name == "sort" {
            work = work.saturating_mul(u64::from(n.max(2).ilog2()));
        }
        self.charge(work)?;
        crate::methods::call_method(&mut self.heap, recv, name, args)
    }

    /// `+` and `*` on strings, arrays and tuples copy their operands: charge fuel for the
    /// characters/elements they will produce before producing them, as built-in methods do
    /// (`repeat`: one operand is the repetition count).
    #[cold]
    fn charge_sequence_op(&mut self, x: Value, y: Value, repeat: bool) -> RtResult<()> {
        let size = |v: Value| match v {
            Value::Str(_) | Value::Array(_) | Value::Tuple(_) => {
                ops::length(&self.heap, v).unwrap_or(0) as u64
            }
            _ => 0,
        };
        let work = if repeat {
            let count = |v: Value| match v {
                Value::Int(n) => n.max(0) as u64,
                Value::Bool(b) => u64::from(b),
                _ => 0,
            };
            size(x)
                .saturating_mul(count(y))
                .saturating_add(size(y).saturating_mul(count(x)))
        } else {
            size(x).saturating_add(size(y))
        };
        self.charge(work)
    }

    /// Comparing or testing containers for equality walks their elements: charge the
    /// elements at the top level before the walk (nested levels are bounded by the data depth).
    #[inline]
    fn charge_container_walk(&mut self, x: Value, y: Value) -> RtResult<()> {
        let size = |v: Value| match v {
            Value::Array(_) | Value::Tuple(_) | Value::Object(_) => {
                ops::length(&self.heap, v).unwrap_or(0) as u64
            }
            _ => 0,
        };
        match (x, y) {
            (Value::Array(_) | Value::Tuple(_) | Value::Object(_), _)
            | (_, Value::Array(_) | Value::Tuple(_) | Value::Object(_)) => {
                let work = size(x).saturating_add(size(y));
                self.charge(work)
            }
            _ => Ok(()),
        }
    }

    /// Calls any callable value from Rust (natives' callbacks, host calls).
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> RtResult<Value> {
        if self.reentry >= MAX_REENTRY {
            return Err(RtError::depth());
        }
        let top = self.stack_top();
        self.ensure_stack(top + 1 + args.len());
        self.stack[top] = f;
        self.stack[top + 1..top + 1 + args.len()].copy_from_slice(args);
        let entry = self.frames.len();
        if !self.call_at(top, args.len())? {
            return Ok(self.stack[top]);
        }
        self.reentry += 1;
        // Each re-entry nests the interpreter on the Rust stack, whose size the host chose
        // (threads, debug builds with large frames): below the red zone it continues on a new
        // heap-allocated segment instead of overflowing.
        let r = stacker::maybe_grow(REENTRY_RED_ZONE, REENTRY_STACK_SEGMENT, || {
            self.execute(entry)
        });
        self.reentry -= 1;
        match r {
            Ok(v) => Ok(v),
            Err(mut exc) => {
                let err = std::mem::replace(&mut exc.err, RtError::depth());
                self.stash = Some((error_id(&err), exc));
                Err(err)
            }
        }
    }

    /// The declared parameter count of an ML function (rest parameter excluded); `None` for
    /// natives, bound methods and non-functions.
    pub fn param_count(&self, f: Value) -> Option<usize> {
        let Value::Function(g) = f else { return None };
        match self.heap.get(g) {
            HeapObject::Closure(c) => {
                let proto = self.units.get(c.module as usize)?.proto_base + c.func;
                Some(self.protos.get(proto as usize)?.p.params as usize)
            }
            _ => None,
        }
    }

    /// Charges fuel and polls the limits (natives and safepoints).
    pub(crate) fn charge(&mut self, ticks: u64) -> RtResult<()> {
        if cfg!(mlpy_unmetered) {
            return Ok(());
        }
        self.fuel_used = self.fuel_used.saturating_add(ticks);
        if self.fuel_used >= self.heap.poll_at {
            self.check_limits()?;
        }
        Ok(())
    }

    /// Sets the fuel mark of the next safepoint: the next time/interrupt poll or the end of the
    /// fuel budget, or right away when a collection is due.
    fn update_poll_at(&mut self) {
        let poll = if self.deadline.is_some() || self.config.interrupt.is_some() {
            self.fuel_used.saturating_add(POLL_INTERVAL)
        } else {
            u64::MAX
        };
        self.heap.poll_at = if self.heap.should_collect() {
            0
        } else {
            poll.min(self.fuel_limit.saturating_add(1))
        };
    }

    #[cold]
    fn check_limits(&mut self) -> RtResult<()> {
        if self.fuel_used > self.fuel_limit {
            return Err(RtError::new(ErrorKind::FuelExhausted, "fuel exhausted"));
        }
        if let Some(flag) = &self.config.interrupt {
            if flag.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(RtError::new(
                    ErrorKind::Interrupted,
                    "execution interrupted",
                ));
            }
        }
        if let Some(d) = self.deadline {
            if Instant::now() >= d {
                return Err(RtError::new(ErrorKind::Timeout, "time limit exceeded"));
            }
        }
        self.update_poll_at();
        Ok(())
    }

    /// A safepoint: limits and garbage collection.
    #[cold]
    fn safepoint(&mut self) -> RtResult<()> {
        if self.fuel_used >= self.heap.poll_at {
            self.check_limits()?;
        }
        if self.heap.should_collect() {
            self.collect_garbage();
        }
        Ok(())
    }

    /// A full collection from every root the VM holds.
    pub fn collect_garbage(&mut self) {
        let top = self.stack_top().min(self.stack.len());
        for &v in &self.stack[..top] {
            self.heap.mark_value(v);
        }
        for &v in &self.globals {
            self.heap.mark_value(v);
        }
        for &g in &self.cells {
            self.heap.mark_gc(g);
        }
        for p in &self.protos {
            for &v in p.consts.iter() {
                self.heap.mark_value(v);
            }
        }
        for u in &self.units {
            for v in u.fallback.iter().flatten() {
                self.heap.mark_value(*v);
            }
        }
        for &v in self
            .modules
            .values()
            .chain(self.host_globals.values())
            .chain(&self.native_roots)
        {
            self.heap.mark_value(v);
        }
        let mut datas: Vec<Value> = Vec::new();
        for c in &self.completions {
            if let Completion::Error(e) = c {
                datas.extend(e.err.data());
            }
        }
        if let Some((_, e)) = &self.stash {
            datas.extend(e.err.data());
        }
        for v in datas {
            self.heap.mark_value(v);
        }
        self.heap.sweep();
        self.update_poll_at();
    }

    /// Writes program output, enforcing the output limit (never splitting a UTF-8 character).
    pub(crate) fn write_output(&mut self, text: &str, to_stderr: bool) -> RtResult<()> {
        let mut cut = text.len();
        let mut over = false;
        if let Some(max) = self.config.limits.max_output {
            let remaining = max.saturating_sub(self.output_bytes);
            if text.len() as u64 > remaining {
                over = true;
                cut = remaining as usize;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
            }
        }
        let out = if to_stderr {
            &mut self.stderr
        } else {
            &mut self.stdout
        };
        // A closed or failing sink must not stop the program (the host owns the stream).
        let _ = out.write_all(&text.as_bytes()[..cut]);
        self.output_bytes += cut as u64;
        if over {
            return Err(RtError::new(
                ErrorKind::OutputLimit,
                "output limit exceeded",
            ));
        }
        Ok(())
    }

    // ---- modules ----------------------------------------------------------------------------

    pub(crate) fn loaded_module_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.modules.keys().cloned().collect();
        if !v.iter().any(|n| n == "builtin") {
            v.push("builtin".into());
        }
        v.sort();
        v
    }

    pub(crate) fn has_module(&mut self, name: &str) -> bool {
        self.config.registry.module(name).is_some()
            || name == "builtin"
            || self.loader.as_mut().is_some_and(|l| l.exists(name))
    }

    /// `import path` (and the namespace of its first name for `import a.b;`).
    fn import(&mut self, path: &str, ns: bool) -> RtResult<Value> {
        let module = match self.modules.get(path) {
            Some(v) => *v,
            None => match self.native_module(path)? {
                Some(v) => v,
                None => self.load_ml_module(path)?,
            },
        };
        if !ns {
            return Ok(module);
        }
        // `import a.b.c;` binds `a` to a namespace whose member `b` has member `c`.
        let parts: Vec<&str> = path.split('.').collect();
        let mut inner = module;
        for i in (1..parts.len()).rev() {
            let prefix = parts[..i].join(".");
            let cache_key = format!("{prefix}#namespace");
            let nsv = match self.modules.get(&cache_key) {
                Some(v) => *v,
                None => {
                    let v = self.heap.alloc_module(Module {
                        name: prefix.into(),
                        members: ObjMap::new(),
                    })?;
                    self.modules.insert(cache_key, v);
                    v
                }
            };
            let key = self.heap.alloc_str(parts[i])?;
            self.module_insert(nsv, key, inner)?;
            inner = nsv;
        }
        Ok(inner)
    }

    fn module_insert(&mut self, module: Value, key: Value, v: Value) -> RtResult<()> {
        let Value::Other(g) = module else {
            return Ok(());
        };
        let mut map = match self.heap.get_mut(g) {
            HeapObject::Module(m) => std::mem::take(&mut m.members),
            _ => return Ok(()),
        };
        let r = map.insert(&self.heap, key, v);
        if let HeapObject::Module(m) = self.heap.get_mut(g) {
            m.members = map;
        }
        r
    }

    fn load_ml_module(&mut self, path: &str) -> RtResult<Value> {
        if self.loading.iter().any(|p| p == path) {
            return Err(RtError::runtime_error(format!(
                "circular import of module '{path}'"
            )));
        }
        let found = match self.loader.as_mut() {
            Some(l) => l.load(path),
            None => None,
        };
        let (program, source) = match found {
            Some(Ok(x)) => x,
            Some(Err(msg)) => {
                return Err(RtError::runtime_error(format!(
                    "cannot import '{path}': {msg}"
                )))
            }
            None => return Err(RtError::runtime_error(format!("No module named '{path}'"))),
        };
        let loaded = self
            .load_unit(&program, &source, Some(path.to_string()))
            .map_err(|e| RtError::runtime_error(format!("cannot import '{path}': {e}")))?;
        self.loading.push(path.to_string());
        let main = self.units[loaded.unit as usize].main;
        // A chain of imports nests the interpreter as a native re-entry does (`call_value`).
        let r = stacker::maybe_grow(REENTRY_RED_ZONE, REENTRY_STACK_SEGMENT, || {
            self.run_main(main)
        });
        self.loading.retain(|p| p != path);
        if let Err(mut exc) = r {
            let err = std::mem::replace(&mut exc.err, RtError::depth());
            self.stash = Some((error_id(&err), exc));
            return Err(err);
        }
        let mut members = ObjMap::new();
        for (name, v) in self.globals(loaded) {
            let k = self.heap.alloc_str(&name)?;
            members.insert(&self.heap, k, v)?;
        }
        let v = self.heap.alloc_module(Module {
            name: path.into(),
            members,
        })?;
        self.modules.insert(path.to_string(), v);
        Ok(v)
    }

    // ---- errors -----------------------------------------------------------------------------

    fn fresh_exception(&mut self, err: RtError, proto: u32, range: TextRange) -> Box<Exception> {
        if let Some((id, _)) = &self.stash {
            if *id == error_id(&err) {
                if let Some((_, mut exc)) = self.stash.take() {
                    exc.err = err;
                    return exc;
                }
            }
        }
        Box::new(Exception {
            err,
            range,
            proto,
            trace: Vec::new(),
        })
    }

    fn line_col(&self, proto: u32, range: TextRange) -> (u32, u32, Option<String>) {
        let Some(fp) = self.protos.get(proto as usize) else {
            return (0, 0, None);
        };
        let u = &self.units[fp.unit as usize];
        let off = u32::from(range.start());
        let line = u.line_starts.partition_point(|&s| s <= off).max(1);
        let start = u.line_starts[line - 1] as usize;
        let col = u
            .source
            .get(start..off as usize)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line as u32, col as u32, u.name.clone())
    }

    fn vm_error(&self, exc: Exception) -> VmError {
        let (line, column, module) = self.line_col(exc.proto, exc.range);
        let stack = exc
            .trace
            .iter()
            .map(|t| {
                let (line, column, module) = self.line_col(t.proto, t.range);
                StackEntry {
                    function: self
                        .protos
                        .get(t.proto as usize)
                        .map_or_else(String::new, |p| p.p.name.clone()),
                    range: t.range,
                    line,
                    column,
                    module,
                }
            })
            .collect();
        VmError {
            kind: exc.err.kind(),
            message: exc.err.message().to_string(),
            range: exc.range,
            line,
            column,
            module,
            stack,
            data: exc.err.data(),
        }
    }

    /// Finds a handler for `exc`, starting in the top frame (whose `pc` is just past the
    /// faulting instruction). On success the top frame continues at the handler; otherwise
    /// every frame above `entry` is popped and the exception is returned.
    fn unwind(&mut self, mut exc: Box<Exception>, entry: usize) -> Result<(), Box<Exception>> {
        loop {
            let Some(&frame) = self.frames.last() else {
                return Err(exc);
            };
            let fp = self.protos[frame.proto as usize].clone();
            let ipc = frame.pc.saturating_sub(1);
            // Globals a loop kept in registers are stored back before anything can read them,
            // for every error (module `promote`).
            for h in fp.p.handlers.iter() {
                if let (HandlerKind::StoreGlobal { reg, slot }, true) =
                    (h.kind, h.start <= ipc && ipc < h.end)
                {
                    let v = self.stack[frame.base as usize + reg as usize];
                    self.globals[(fp.global_base + slot) as usize] = v;
                }
            }
            if !exc.err.kind().is_limit() {
                let mut found = None;
                for h in
                    fp.p.handlers
                        .iter()
                        .filter(|h| h.start <= ipc && ipc < h.end)
                {
                    match h.kind {
                        HandlerKind::Unbind(slot) => self.unbind_slot(&frame, fp.global_base, slot),
                        HandlerKind::StoreGlobal { .. } => {}
                        _ => {
                            found = Some(h);
                            break;
                        }
                    }
                }
                if let Some(h) = found {
                    self.completions
                        .truncate((frame.pending_base + h.depth) as usize);
                    match h.kind {
                        HandlerKind::Except { reg } => {
                            let (line, column, _) = self.line_col(exc.proto, exc.range);
                            let err = &exc.err;
                            let ev = ErrorValue {
                                kind: err.kind(),
                                message: err.message().to_string(),
                                data: err.data(),
                                line,
                                column,
                            };
                            match self.heap.alloc_error(ev) {
                                Ok(v) => self.stack[frame.base as usize + reg as usize] = v,
                                Err(m) => {
                                    exc.err = m.into();
                                    continue;
                                }
                            }
                        }
                        HandlerKind::Finally => self.completions.push(Completion::Error(exc)),
                        HandlerKind::Unbind(_) | HandlerKind::StoreGlobal { .. } => {}
                    }
                    if let Some(f) = self.frames.last_mut() {
                        f.pc = h.target;
                    }
                    return Ok(());
                }
            }
            exc.trace.push(TraceEntry {
                proto: frame.proto,
                range: fp.p.spans.get(ipc as usize).copied().unwrap_or(fp.p.range),
            });
            self.frames.pop();
            self.cells.truncate(frame.cell_base as usize);
            self.completions.truncate(frame.pending_base as usize);
            if self.frames.len() <= entry {
                return Err(exc);
            }
        }
    }

    /// Unbinds an `except` variable of `frame` (the handler was left by an error).
    fn unbind_slot(&mut self, frame: &Frame, global_base: u32, slot: VarSlot) {
        match slot {
            VarSlot::Reg(r) => self.stack[frame.base as usize + r as usize] = UNBOUND,
            VarSlot::Cell(c) => {
                let g = self.cells[frame.cell_base as usize + c as usize];
                *self.heap.cell_mut(g) = UNBOUND;
            }
            VarSlot::Global(g) => self.globals[global_base as usize + g as usize] = UNBOUND,
        }
    }

    // ---- the interpreter loop ---------------------------------------------------------------

    /// Runs until the frame at index `entry` returns.
    fn execute(&mut self, entry: usize) -> Result<Value, Box<Exception>> {
        'frame: loop {
            let Some(&frame) = self.frames.last() else {
                return Ok(Value::Null);
            };
            let fp: &FnProto = {
                let proto: &Arc<FnProto> = &self.protos[frame.proto as usize];
                // SAFETY: the pointee of an `Arc` in `self.protos` never moves, and `protos`
                // only grows (loading a module mid-run extends it; nothing removes or replaces
                // an entry while the VM exists), so the prototype outlives this frame's loop
                // even though `self` is mutated meanwhile. This replaces an `Arc` clone and
                // drop (two atomic operations) on every call and return; exercised by every
                // call, and by imports that extend `protos` while the importing frame runs
                // (tests/modules.rs).
                unsafe { &*Arc::as_ptr(proto) }
            };
            let code: &[Instr] = &fp.p.code;
            let consts: &[Value] = &fp.consts;
            let base = frame.base as usize;
            let cell_base = frame.cell_base as usize;
            let gbase = fp.global_base as usize;
            let mut pc = frame.pc as usize;

            // The fuel meter (DESIGN.md): ticks are added in bulk at back-edges, calls and
            // returns. `tick!` also says whether a safepoint (limits, GC) is due. A build with
            // `--cfg mlpy_unmetered` drops the meter; it exists only to measure the meter's cost
            // (docs/performance.md) and is never shipped (spec D12).
            macro_rules! meter {
                ($n:expr) => {
                    if !cfg!(mlpy_unmetered) {
                        self.fuel_used += $n as u64;
                    }
                };
            }
            macro_rules! tick {
                ($n:expr) => {{
                    meter!($n);
                    if cfg!(mlpy_unmetered) {
                        self.heap.should_collect()
                    } else {
                        self.fuel_used >= self.heap.poll_at
                    }
                }};
            }
            debug_assert!(self.stack.len() > base + fp.p.nregs as usize);
            macro_rules! reg {
                ($r:expr) => {
                    // SAFETY: every register an instruction names is `< nregs` (checked by
                    // `Proto::check_registers` when the prototype was loaded), `push_frame`
                    // sized the stack to at least `base + nregs + 1` for this frame, and the
                    // stack never shrinks while frames are live (only `reset_run_state`
                    // clears it, after the last frame is gone). Removing the bounds check
                    // here pays: see the commit that introduced it (docs/performance.md).
                    // Exercised by every program (corpus, differential and fuzz runs).
                    *unsafe { self.stack.get_unchecked_mut(base + $r as usize) }
                };
            }
            /// R[r] read as two words (`load_value`): what the arithmetic and comparison fast
            /// paths read, so a register an instruction just wrote is never reloaded with one
            /// 16-byte load (a store-forwarding stall).
            macro_rules! rd {
                ($r:expr) => {{
                    let from: *const Value = &reg!($r);
                    // SAFETY: a register of this frame (see `reg!`).
                    unsafe { load_value(from) }
                }};
            }
            /// R[dst] := R[src], by `copy_value`.
            macro_rules! move_reg {
                ($dst:expr, $src:expr) => {{
                    let from: *const Value = &reg!($src);
                    let to: *mut Value = &mut reg!($dst);
                    // SAFETY: both point into the frame's register window (see `reg!`).
                    unsafe { copy_value(to, from) }
                }};
            }
            macro_rules! save_pc {
                () => {
                    if let Some(f) = self.frames.last_mut() {
                        f.pc = pc as u32;
                    }
                };
            }

            let raise: Raise = 'run: loop {
                macro_rules! tryv {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'run Raise::New(e.into()),
                        }
                    };
                }
                macro_rules! cmp {
                    ($a:expr, $b:expr, $op:tt, $sym:literal, $ord:pat) => {
                        cmpv!(rd!($a), rd!($b), $op, $sym, $ord)
                    };
                }
                macro_rules! cmpv {
                    ($x:expr, $y:expr, $op:tt, $sym:literal, $ord:pat) => {{
                        let (x, y): (Value, Value) = ($x, $y);
                        match (x, y) {
                            (Value::Int(i), Value::Int(j)) => i $op j,
                            (Value::Float(i), Value::Float(j)) => i $op j,
                            _ => {
                                tryv!(self.charge_container_walk(x, y));
                                matches!(tryv!(ops::compare(&self.heap, x, y, $sym)), Some($ord))
                            }
                        }
                    }};
                }
                macro_rules! eq {
                    ($a:expr, $b:expr) => {
                        eqv!(rd!($a), rd!($b))
                    };
                }
                macro_rules! eqv {
                    ($x:expr, $y:expr) => {{
                        let (x, y): (Value, Value) = ($x, $y);
                        match (x, y) {
                            (Value::Int(i), Value::Int(j)) => i == j,
                            _ => {
                                tryv!(self.charge_container_walk(x, y));
                                tryv!(ops::equals(&self.heap, x, y))
                            }
                        }
                    }};
                }
                // Binary arithmetic, one definition for the register, immediate and constant
                // forms: R[dst] := x op y. The operands are places (registers, constants),
                // read through references by the fast paths, and results are stored straight
                // into the destination register: a value built in a temporary and copied
                // (two 8-byte stores, then one 16-byte load) stalled the CPU on every
                // instruction (store-forwarding; docs/performance.md). Integer and float fast
                // paths first; `+` and `*` on sequences are charged for what they copy first.
                macro_rules! arith_into {
                    ($dst:expr, $x:expr, $y:expr, $int:expr, $float:expr, $slow:expr) => {{
                        let (x, y): (Value, Value) = ($x, $y);
                        match (x, y) {
                            (Value::Int(i), Value::Int(j)) => match $int(i, j) {
                                Some(r) => reg!($dst) = Value::Int(r),
                                None => {
                                    let v = tryv!($slow(&mut *self, x, y));
                                    reg!($dst) = v;
                                }
                            },
                            (Value::Float(i), Value::Float(j)) => match $float(i, j) {
                                Some(r) => reg!($dst) = Value::Float(r),
                                None => {
                                    let v = tryv!($slow(&mut *self, x, y));
                                    reg!($dst) = v;
                                }
                            },
                            _ => {
                                let v = tryv!($slow(&mut *self, x, y));
                                reg!($dst) = v;
                            }
                        }
                    }};
                }
                macro_rules! add_into {
                    ($dst:expr, $x:expr, $y:expr) => {
                        arith_into!(
                            $dst,
                            $x,
                            $y,
                            i64::checked_add,
                            |i: f64, j: f64| Some(i + j),
                            |vm: &mut Vm, x, y| -> RtResult<Value> {
                                vm.charge_sequence_op(x, y, false)?;
                                ops::add(&mut vm.heap, x, y)
                            }
                        )
                    };
                }
                macro_rules! sub_into {
                    ($dst:expr, $x:expr, $y:expr) => {
                        arith_into!(
                            $dst,
                            $x,
                            $y,
                            i64::checked_sub,
                            |i: f64, j: f64| Some(i - j),
                            |vm: &mut Vm, x, y| ops::sub(&mut vm.heap, x, y)
                        )
                    };
                }
                macro_rules! mul_into {
                    ($dst:expr, $x:expr, $y:expr) => {
                        arith_into!(
                            $dst,
                            $x,
                            $y,
                            i64::checked_mul,
                            |i: f64, j: f64| Some(i * j),
                            |vm: &mut Vm, x, y| -> RtResult<Value> {
                                vm.charge_sequence_op(x, y, true)?;
                                ops::mul(&mut vm.heap, x, y)
                            }
                        )
                    };
                }
                macro_rules! modulo_into {
                    ($dst:expr, $x:expr, $y:expr) => {
                        arith_into!(
                            $dst,
                            $x,
                            $y,
                            ops::int_modulo,
                            |_, _| None,
                            |vm: &mut Vm, x, y| ops::modulo(&mut vm.heap, x, y)
                        )
                    };
                }
                macro_rules! div {
                    ($x:expr, $y:expr) => {
                        tryv!(ops::div(&mut self.heap, $x, $y))
                    };
                }
                macro_rules! floordiv {
                    ($x:expr, $y:expr) => {
                        tryv!(ops::floordiv(&mut self.heap, $x, $y))
                    };
                }
                /// G[slot] := R[reg], noting the global's first assignment (for `--globals`).
                macro_rules! set_global {
                    ($slot:expr, $reg:expr) => {{
                        let from: *const Value = &reg!($reg);
                        let g = &mut self.globals[gbase + $slot as usize];
                        let first = is_unbound(*g);
                        // SAFETY: `from` is a register of this frame (see `reg!`), `g` a global.
                        unsafe { copy_value(g, from) };
                        if first {
                            self.note_assigned(fp.unit as usize, $slot as usize);
                        }
                    }};
                }
                /// A loop back-edge fused with the loop's test (`Instr::LoopLt`): the
                /// `JumpBack` charge and safepoint, then the test for two ints or two floats,
                /// else back to the full test `skip` instructions before the body.
                macro_rules! loop_test {
                    ($x:expr, $y:expr, $op:tt, $back:expr, $skip:expr) => {{
                        let total = $back as u32 + $skip;
                        if tick!(total) {
                            save_pc!();
                            tryv!(self.safepoint());
                        }
                        match ($x, $y) {
                            (Value::Int(i), Value::Int(j)) => {
                                if i $op j {
                                    pc -= $back as usize;
                                }
                            }
                            (Value::Float(i), Value::Float(j)) => {
                                if i $op j {
                                    pc -= $back as usize;
                                }
                            }
                            _ => pc -= total as usize,
                        }
                    }};
                }
                /// A fused compare-and-branch: `skip` instructions on when the test holds,
                /// else the relative jump `off`.
                macro_rules! branch {
                    ($test:expr, $skip:expr, $off:expr) => {
                        pc = if $test {
                            pc + $skip
                        } else {
                            (pc as isize + $off as isize) as usize
                        }
                    };
                }
                let Some(&ins) = code.get(pc) else {
                    break 'run Raise::New(RtError::runtime_error("internal: pc out of range"));
                };
                pc += 1;
                match ins {
                    Instr::Move { dst, src } => move_reg!(dst, src),
                    Instr::LoadK { dst, k } => reg!(dst) = consts[k as usize],
                    Instr::LoadInt { dst, val } => reg!(dst) = Value::Int(val as i64),
                    Instr::LoadNull { dst } => reg!(dst) = Value::Null,
                    Instr::LoadBool { dst, val } => reg!(dst) = Value::Bool(val),
                    Instr::CheckLocal { reg } => {
                        if is_unbound(reg!(reg)) {
                            let name =
                                fp.p.local_names
                                    .get(reg as usize)
                                    .map_or("?", |s| s.as_str());
                            break 'run Raise::New(unbound_local(name));
                        }
                    }
                    Instr::Unbind { reg } => reg!(reg) = UNBOUND,
                    Instr::GetGlobal { dst, slot } => {
                        let v = self.globals[gbase + slot as usize];
                        reg!(dst) = if is_unbound(v) {
                            let u = &self.units[fp.unit as usize];
                            match u.fallback[slot as usize] {
                                Some(b) => b,
                                None => {
                                    let name = &u.global_names[slot as usize];
                                    break 'run Raise::New(RtError::new(
                                        ErrorKind::NameError,
                                        format!("name '{name}' is not defined"),
                                    ));
                                }
                            }
                        } else {
                            v
                        };
                    }
                    Instr::SetGlobal { src, slot } => set_global!(slot, src),
                    Instr::SetGlobalRes { src, slot, res } => {
                        move_reg!(res, src);
                        set_global!(slot, src);
                    }
                    Instr::UnbindGlobal { slot } => self.globals[gbase + slot as usize] = UNBOUND,
                    Instr::GetHostGlobal { dst, k } => {
                        let name = match consts[k as usize] {
                            Value::Str(g) => self.heap.str(g),
                            _ => "?",
                        };
                        match self.host_globals.get(name) {
                            Some(v) => reg!(dst) = *v,
                            None => {
                                break 'run Raise::New(RtError::new(
                                    ErrorKind::NameError,
                                    format!("name '{name}' is not defined"),
                                ))
                            }
                        }
                    }
                    Instr::GetCell { dst, cell } => {
                        let g = self.cells[cell_base + cell as usize];
                        let v = *self.heap.cell(g);
                        if is_unbound(v) {
                            break 'run Raise::New(unbound_cell(&fp.p, cell));
                        }
                        reg!(dst) = v;
                    }
                    Instr::SetCell { cell, src } => {
                        let g = self.cells[cell_base + cell as usize];
                        *self.heap.cell_mut(g) = reg!(src);
                    }
                    Instr::UnbindCell { cell } => {
                        let g = self.cells[cell_base + cell as usize];
                        *self.heap.cell_mut(g) = UNBOUND;
                    }
                    Instr::Add { dst, a, b } => add_into!(dst, rd!(a), rd!(b)),
                    Instr::AddI { dst, a, imm } => add_into!(dst, rd!(a), Value::Int(imm as i64)),
                    Instr::SubI { dst, a, imm } => sub_into!(dst, rd!(a), Value::Int(imm as i64)),
                    Instr::Sub { dst, a, b } => sub_into!(dst, rd!(a), rd!(b)),
                    Instr::Mul { dst, a, b } => mul_into!(dst, rd!(a), rd!(b)),
                    Instr::Div { dst, a, b } => reg!(dst) = div!(reg!(a), reg!(b)),
                    Instr::FloorDiv { dst, a, b } => reg!(dst) = floordiv!(reg!(a), reg!(b)),
                    Instr::Mod { dst, a, b } => modulo_into!(dst, rd!(a), rd!(b)),
                    Instr::AddK { dst, a, k } => {
                        add_into!(dst, rd!(a), consts[k as usize]);
                        pc += 1;
                    }
                    Instr::SubK { dst, a, k } => {
                        sub_into!(dst, rd!(a), consts[k as usize]);
                        pc += 1;
                    }
                    Instr::MulK { dst, a, k } => {
                        mul_into!(dst, rd!(a), consts[k as usize]);
                        pc += 1;
                    }
                    Instr::DivK { dst, a, k } => {
                        reg!(dst) = div!(reg!(a), consts[k as usize]);
                        pc += 1;
                    }
                    Instr::FloorDivK { dst, a, k } => {
                        reg!(dst) = floordiv!(reg!(a), consts[k as usize]);
                        pc += 1;
                    }
                    Instr::ModK { dst, a, k } => {
                        modulo_into!(dst, rd!(a), consts[k as usize]);
                        pc += 1;
                    }
                    Instr::Eq { dst, a, b } => reg!(dst) = Value::Bool(eq!(a, b)),
                    Instr::Ne { dst, a, b } => reg!(dst) = Value::Bool(!eq!(a, b)),
                    Instr::Lt { dst, a, b } => {
                        reg!(dst) = Value::Bool(cmp!(a, b, <, "<", Ordering::Less))
                    }
                    Instr::Le { dst, a, b } => {
                        reg!(dst) =
                            Value::Bool(cmp!(a, b, <=, "<=", Ordering::Less | Ordering::Equal))
                    }
                    Instr::Gt { dst, a, b } => {
                        reg!(dst) = Value::Bool(cmp!(a, b, >, ">", Ordering::Greater))
                    }
                    Instr::Ge { dst, a, b } => {
                        reg!(dst) =
                            Value::Bool(cmp!(a, b, >=, ">=", Ordering::Greater | Ordering::Equal))
                    }
                    Instr::SkipIfLt { a, b } => pc += cmp!(a, b, <, "<", Ordering::Less) as usize,
                    Instr::SkipIfLe { a, b } => {
                        pc += cmp!(a, b, <=, "<=", Ordering::Less | Ordering::Equal) as usize
                    }
                    Instr::SkipIfGt { a, b } => {
                        pc += cmp!(a, b, >, ">", Ordering::Greater) as usize
                    }
                    Instr::SkipIfGe { a, b } => {
                        pc += cmp!(a, b, >=, ">=", Ordering::Greater | Ordering::Equal) as usize
                    }
                    Instr::SkipIfEq { a, b } => pc += eq!(a, b) as usize,
                    Instr::SkipIfNe { a, b } => pc += !eq!(a, b) as usize,
                    Instr::BrLt { a, b, off } => {
                        branch!(cmp!(a, b, <, "<", Ordering::Less), 1, off)
                    }
                    Instr::BrLe { a, b, off } => branch!(
                        cmp!(a, b, <=, "<=", Ordering::Less | Ordering::Equal),
                        1,
                        off
                    ),
                    Instr::BrGt { a, b, off } => {
                        branch!(cmp!(a, b, >, ">", Ordering::Greater), 1, off)
                    }
                    Instr::BrGe { a, b, off } => branch!(
                        cmp!(a, b, >=, ">=", Ordering::Greater | Ordering::Equal),
                        1,
                        off
                    ),
                    Instr::BrEq { a, b, off } => branch!(eq!(a, b), 1, off),
                    Instr::BrNe { a, b, off } => branch!(!eq!(a, b), 1, off),
                    Instr::BrLtK { a, k, off } => branch!(
                        cmpv!(rd!(a), consts[k as usize], <, "<", Ordering::Less),
                        2,
                        off
                    ),
                    Instr::BrLeK { a, k, off } => branch!(
                        cmpv!(
                            rd!(a),
                            consts[k as usize],
                            <=,
                            "<=",
                            Ordering::Less | Ordering::Equal
                        ),
                        2,
                        off
                    ),
                    Instr::BrGtK { a, k, off } => branch!(
                        cmpv!(rd!(a), consts[k as usize], >, ">", Ordering::Greater),
                        2,
                        off
                    ),
                    Instr::BrGeK { a, k, off } => branch!(
                        cmpv!(
                            rd!(a),
                            consts[k as usize],
                            >=,
                            ">=",
                            Ordering::Greater | Ordering::Equal
                        ),
                        2,
                        off
                    ),
                    Instr::BrEqK { a, k, off } => {
                        branch!(eqv!(rd!(a), consts[k as usize]), 2, off)
                    }
                    Instr::BrNeK { a, k, off } => {
                        branch!(!eqv!(rd!(a), consts[k as usize]), 2, off)
                    }
                    Instr::Neg { dst, src } => {
                        let x = reg!(src);
                        reg!(dst) = match x {
                            Value::Int(i) if i != i64::MIN => Value::Int(-i),
                            Value::Float(f) => Value::Float(-f),
                            _ => tryv!(ops::neg(&mut self.heap, x)),
                        };
                    }
                    Instr::Not { dst, src } => {
                        let x = reg!(src);
                        reg!(dst) = Value::Bool(!truthy(&self.heap, x));
                    }
                    Instr::Jump { off } => pc = (pc as isize + off as isize) as usize,
                    Instr::JumpBack { back } => {
                        // The safepoint runs before the jump so a limit hit here is reported
                        // at the loop's back-edge, not at the instruction before the target.
                        if tick!(back) {
                            save_pc!();
                            tryv!(self.safepoint());
                        }
                        pc -= back as usize;
                    }
                    Instr::LoopLt { a, b, back } => loop_test!(rd!(a), rd!(b), <, back, 2),
                    Instr::LoopLe { a, b, back } => loop_test!(rd!(a), rd!(b), <=, back, 2),
                    Instr::LoopGt { a, b, back } => loop_test!(rd!(a), rd!(b), >, back, 2),
                    Instr::LoopGe { a, b, back } => loop_test!(rd!(a), rd!(b), >=, back, 2),
                    Instr::LoopLtK { a, k, back } => {
                        loop_test!(rd!(a), consts[k as usize], <, back, 3)
                    }
                    Instr::LoopLeK { a, k, back } => {
                        loop_test!(rd!(a), consts[k as usize], <=, back, 3)
                    }
                    Instr::LoopGtK { a, k, back } => {
                        loop_test!(rd!(a), consts[k as usize], >, back, 3)
                    }
                    Instr::LoopGeK { a, k, back } => {
                        loop_test!(rd!(a), consts[k as usize], >=, back, 3)
                    }
                    Instr::JumpIfFalse { src, off } => {
                        if !truthy(&self.heap, reg!(src)) {
                            pc = (pc as isize + off as isize) as usize;
                        }
                    }
                    Instr::JumpIfTrue { src, off } => {
                        if truthy(&self.heap, reg!(src)) {
                            pc = (pc as isize + off as isize) as usize;
                        }
                    }
                    Instr::NewArray { dst, start, count } => {
                        let s = base + start as usize;
                        let items = self.stack[s..s + count as usize].to_vec();
                        reg!(dst) = tryv!(self.heap.alloc_array(items));
                    }
                    Instr::AppendArray { arr, start, count } => {
                        if let Value::Array(g) = reg!(arr) {
                            for i in 0..count as usize {
                                let v = reg!(start as usize + i);
                                tryv!(self.heap.array_push(g, v));
                            }
                        }
                    }
                    Instr::NewObject { dst, start, count } => {
                        let mut m = ObjMap::with_capacity(count as usize);
                        for i in 0..count as usize {
                            let k = reg!(start as usize + 2 * i);
                            let v = reg!(start as usize + 2 * i + 1);
                            tryv!(m.insert(&self.heap, k, v));
                        }
                        reg!(dst) = tryv!(self.heap.alloc_object(m));
                    }
                    Instr::GetIndex { dst, obj, key } => {
                        let (o, k) = (reg!(obj), reg!(key));
                        match (o, k) {
                            (Value::Array(g), Value::Int(i))
                                if i >= 0 && (i as usize) < self.heap.array(g).len() =>
                            {
                                let from: *const Value = &self.heap.array(g)[i as usize];
                                let to: *mut Value = &mut reg!(dst);
                                // SAFETY: an element of a live array and a register of this
                                // frame (see `reg!`); the heap and the stack are disjoint.
                                unsafe { copy_value(to, from) }
                            }
                            _ => reg!(dst) = tryv!(ops::index(&mut self.heap, o, k)),
                        }
                    }
                    Instr::SetIndex { obj, key, src } => {
                        let (o, k, v) = (reg!(obj), reg!(key), reg!(src));
                        match (o, k) {
                            (Value::Array(g), Value::Int(i))
                                if i >= 0 && (i as usize) < self.heap.array(g).len() =>
                            {
                                self.heap.array_mut(g)[i as usize] = v;
                            }
                            _ => tryv!(ops::set_index(&mut self.heap, o, k, v)),
                        }
                    }
                    Instr::GetMember { dst, obj, name } => {
                        let o = reg!(obj);
                        let n = consts[name as usize];
                        reg!(dst) = tryv!(self.get_member(o, n));
                    }
                    Instr::GetSlice { dst, obj, b } => {
                        let o = reg!(obj);
                        let (s, e, st) = (reg!(b), reg!(b + 1), reg!(b + 2));
                        // A slice copies at most the whole sequence: charged before copying.
                        tryv!(self.charge(ops::length(&self.heap, o).unwrap_or(0) as u64));
                        reg!(dst) = tryv!(ops::slice(&mut self.heap, o, s, e, st));
                    }
                    Instr::SetSlice { obj, b, src } => {
                        let o = reg!(obj);
                        let (s, e, st, v) = (reg!(b), reg!(b + 1), reg!(b + 2), reg!(src));
                        tryv!(ops::set_slice(&mut self.heap, o, s, e, st, v));
                    }
                    Instr::Call { f, argc } => {
                        save_pc!();
                        if tick!(1) {
                            tryv!(self.safepoint());
                        }
                        let (at, argc) = (base + f as usize, argc as usize);
                        if self.push_plain_call(at, argc) || tryv!(self.call_at(at, argc)) {
                            continue 'frame;
                        }
                    }
                    Instr::CallMethod { b, name, argc } => {
                        save_pc!();
                        if tick!(1) {
                            tryv!(self.safepoint());
                        }
                        let n = consts[name as usize];
                        if tryv!(self.call_method_at(base + b as usize, n, argc as usize)) {
                            continue 'frame;
                        }
                    }
                    Instr::Return { src } => {
                        let v = reg!(src);
                        meter!(pc);
                        self.frames.pop();
                        self.cells.truncate(cell_base);
                        self.completions.truncate(frame.pending_base as usize);
                        if self.frames.len() <= entry {
                            return Ok(v);
                        }
                        self.stack[base - 1] = v;
                        continue 'frame;
                    }
                    Instr::ReturnNull => {
                        meter!(pc);
                        self.frames.pop();
                        self.cells.truncate(cell_base);
                        self.completions.truncate(frame.pending_base as usize);
                        if self.frames.len() <= entry {
                            return Ok(Value::Null);
                        }
                        self.stack[base - 1] = Value::Null;
                        continue 'frame;
                    }
                    Instr::Closure { dst, proto } => {
                        let child = &self.protos[(fp.proto_base + proto) as usize];
                        let caps: Box<[Gc]> = child
                            .p
                            .capture_cells
                            .iter()
                            .map(|&c| self.cells[cell_base + c as usize])
                            .collect();
                        let c = Closure {
                            func: proto,
                            module: fp.unit,
                            captures: caps,
                        };
                        reg!(dst) = tryv!(self.heap.alloc_closure(c));
                    }
                    Instr::Throw { src } => {
                        let obj = reg!(src);
                        break 'run Raise::New(tryv!(user_exception(&mut self.heap, obj)));
                    }
                    Instr::ForPrep { b } => {
                        let src = reg!(b);
                        let len = tryv!(iter_prep(&self.heap, src));
                        reg!(b + 1) = Value::Int(0);
                        reg!(b + 2) = Value::Int(len as i64);
                    }
                    Instr::ForNext { b, off } => {
                        let src = reg!(b);
                        let Value::Int(pos) = reg!(b + 1) else {
                            break 'run Raise::New(RtError::runtime_error(
                                "internal: bad loop state",
                            ));
                        };
                        let mut pos = pos as usize;
                        let next = match src {
                            Value::Array(g) => {
                                let arr = self.heap.array(g);
                                let r = arr.get(pos).copied();
                                pos += 1;
                                r
                            }
                            Value::Object(g) => {
                                let expected = match reg!(b + 2) {
                                    Value::Int(n) => n as usize,
                                    _ => 0,
                                };
                                if self.heap.object(g).len() != expected {
                                    break 'run Raise::New(RtError::runtime_error(
                                        "dictionary changed size during iteration",
                                    ));
                                }
                                tryv!(ops::iter_next(&mut self.heap, src, &mut pos))
                            }
                            _ => tryv!(ops::iter_next(&mut self.heap, src, &mut pos)),
                        };
                        match next {
                            Some(v) => {
                                reg!(b + 3) = v;
                                reg!(b + 1) = Value::Int(pos as i64);
                            }
                            None => pc = (pc as isize + off as isize) as usize,
                        }
                    }
                    Instr::Unpack { dst, src, n } => {
                        let v = reg!(src);
                        let items = tryv!(unpack(&mut self.heap, v, n as usize));
                        let d = base + dst as usize;
                        self.stack[d..d + n as usize].copy_from_slice(&items);
                    }
                    Instr::Import { dst, k, ns } => {
                        let path = match consts[k as usize] {
                            Value::Str(g) => self.heap.str(g).to_string(),
                            _ => String::new(),
                        };
                        save_pc!();
                        let v = tryv!(self.import(&path, ns));
                        reg!(dst) = v;
                    }
                    Instr::FinallyNormal => self.completions.push(Completion::Normal),
                    Instr::FinallyExit { idx } => self.completions.push(Completion::Exit(idx)),
                    Instr::EndFinally { table } => match self.completions.pop() {
                        Some(Completion::Normal) | None => {}
                        Some(Completion::Exit(i)) => {
                            let target =
                                fp.p.jump_tables
                                    .get(table as usize)
                                    .and_then(|t| t.get(i as usize));
                            match target {
                                Some(&t) => pc = t as usize,
                                None => {
                                    break 'run Raise::New(RtError::runtime_error(
                                        "internal: bad finally exit",
                                    ))
                                }
                            }
                        }
                        Some(Completion::Error(exc)) => break 'run Raise::Again(exc),
                    },
                    Instr::PopCompletion => {
                        self.completions.pop();
                    }
                }
            };
            save_pc!();
            let exc = match raise {
                Raise::New(err) => {
                    let range =
                        fp.p.spans
                            .get(pc.saturating_sub(1))
                            .copied()
                            .unwrap_or(fp.p.range);
                    self.fresh_exception(err, frame.proto, range)
                }
                Raise::Again(exc) => exc,
            };
            self.unwind(exc, entry)?;
        }
    }

    /// `x.name` with host-object properties and methods resolved through the registry.
    fn get_member(&mut self, o: Value, name: Value) -> RtResult<Value> {
        if let (Value::Object(g), Value::Str(_)) = (o, name) {
            if self.heap.object(g).all_string_keys() {
                return Ok(self.heap.object_get(g, name)?.unwrap_or(Value::Null));
            }
        }
        if let (Value::Other(g), Value::Str(n)) = (o, name) {
            if let HeapObject::Host(h) = self.heap.get(g) {
                let class = h.class_name().to_string();
                let member = self.heap.str(n).to_string();
                let registry = self.config.registry.clone();
                if let Some(id) = registry.property(&class, &member) {
                    return self.call_native(id, &[o]);
                }
                if let Some(id) = registry.method(&class, &member) {
                    // A method's `NativeDef::name` is its method name (see `NativeRegistry::add_method`).
                    let static_name = registry.native(id).map_or("<method>", |d| d.name);
                    return Ok(self.heap.alloc_bound_method(o, static_name)?);
                }
                return Err(RtError::attribute_error(format!(
                    "'{class}' object has no accessible attribute '{member}'"
                )));
            }
        }
        ops::get_member(&mut self.heap, o, name)
    }

    /// `R[at].name(args)`: returns true when an ML frame was pushed.
    fn call_method_at(&mut self, at: usize, name: Value, argc: usize) -> RtResult<bool> {
        let recv = self.stack[at];
        // Fast path for the hottest method, `arr.append(x)`: same effect as
        // `methods::array_method` (arity 1 holds, push, result null) without building the name
        // string and argument vector.
        if let (Value::Array(g), Value::Str(n), 1) = (recv, name, argc) {
            if self.heap.str(n) == "append" {
                self.heap.array_push(g, self.stack[at + 1])?;
                self.stack[at] = Value::Null;
                return Ok(false);
            }
        }
        let name_str = match name {
            Value::Str(g) => self.heap.str(g).to_string(),
            _ => String::new(),
        };
        match recv {
            Value::Object(g) if self.heap.object(g).all_string_keys() => {
                let Some(f) = self.heap.object_get(g, name)? else {
                    return Err(RtError::attribute_error(format!(
                        "ML object has no property '{name_str}'"
                    )));
                };
                if !f.is_callable() {
                    return Err(RtError::type_error(format!(
                        "Property '{name_str}' is not callable (got {})",
                        f.type_name(&self.heap)
                    )));
                }
                self.stack[at] = f;
                self.call_at(at, argc)
            }
            Value::Str(_) | Value::Array(_) | Value::Tuple(_) | Value::Object(_) => {
                let args: SmallVec<[Value; 8]> =
                    self.stack[at + 1..at + 1 + argc].iter().copied().collect();
                let v = self.run_builtin_method(recv, &name_str, &args)?;
                self.stack[at] = v;
                Ok(false)
            }
            Value::Other(g) => {
                if let HeapObject::Host(_) = self.heap.get(g) {
                    let args: SmallVec<[Value; 8]> =
                        self.stack[at + 1..at + 1 + argc].iter().copied().collect();
                    let v = self.invoke_method(recv, &name_str, &args)?;
                    self.stack[at] = v;
                    return Ok(false);
                }
                let f = ops::get_member(&mut self.heap, recv, name)?;
                self.stack[at] = f;
                self.call_at(at, argc)
            }
            _ => Err(RtError::attribute_error(format!(
                "'{}' object has no accessible method '{name_str}'",
                recv.type_name(&self.heap)
            ))),
        }
    }
}

fn error_id(err: &RtError) -> usize {
    &*err.0 as *const _ as usize
}

#[inline]
fn truthy(heap: &Heap, v: Value) -> bool {
    match v {
        Value::Bool(b) => b,
        Value::Null => false,
        Value::Int(i) => i != 0,
        _ => ops::truthy(heap, v),
    }
}

fn unbound_local(name: &str) -> RtError {
    RtError::new(
        ErrorKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn unbound_cell(p: &Proto, cell: u16) -> RtError {
    let name = p.cell_names.get(cell as usize).map_or("?", |s| s.as_str());
    if (cell as usize) < p.cell_locals.len() {
        unbound_local(name)
    } else {
        RtError::new(
            ErrorKind::NameError,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }
}

fn not_callable(heap: &Heap, v: Value) -> RtError {
    RtError::type_error(format!(
        "Cannot call object of type '{}': not callable",
        v.type_name(heap)
    ))
}

/// Python's arity messages (`f() missing 1 required positional argument: 'b'`).
fn arity_error(p: &Proto, argc: usize) -> RtError {
    let params = p.params as usize;
    let name = &p.name;
    if argc < params {
        let missing: Vec<String> = p.local_names[argc..params]
            .iter()
            .map(|n| format!("'{n}'"))
            .collect();
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => format!(
                "{}, and {}",
                missing[..missing.len() - 1].join(", "),
                missing[missing.len() - 1]
            ),
        };
        let s = if missing.len() == 1 { "" } else { "s" };
        RtError::type_error(format!(
            "{name}() missing {} required positional argument{s}: {list}",
            missing.len()
        ))
    } else {
        let s = if params == 1 { "" } else { "s" };
        let was = if argc == 1 { "was" } else { "were" };
        RtError::type_error(format!(
            "{name}() takes {params} positional argument{s} but {argc} {was} given"
        ))
    }
}

/// The error raised by `throw obj` (values.md §9.2).
fn user_exception(heap: &mut Heap, obj: Value) -> RtResult<RtError> {
    let mut message = "User-defined exception".to_string();
    if let Value::Object(g) = obj {
        let key = heap.alloc_str("message")?;
        if let Some(m) = heap.object_get(g, key)? {
            message = text::display(heap, m)?;
        }
    }
    Ok(RtError::with_data(ErrorKind::MLUserException, message, obj))
}

/// Validates a for-in iterable; returns the object size to watch (0 for other kinds).
fn iter_prep(heap: &Heap, v: Value) -> RtResult<usize> {
    match v {
        Value::Array(_) | Value::Tuple(_) | Value::Str(_) => Ok(0),
        Value::Object(g) => Ok(heap.object(g).len()),
        Value::Other(g)
            if matches!(heap.get(g), HeapObject::Bytes(_) | HeapObject::Iterator(_)) =>
        {
            Ok(0)
        }
        _ => Err(RtError::type_error(format!(
            "'{}' object is not iterable",
            v.type_name(heap)
        ))),
    }
}

/// `[a, b] = v`: exactly `n` items.
fn unpack(heap: &mut Heap, v: Value, n: usize) -> RtResult<SmallVec<[Value; 8]>> {
    let items: SmallVec<[Value; 8]> = match v {
        Value::Array(g) if heap.array(g).len() == n => heap.array(g).iter().copied().collect(),
        _ => {
            iter_prep(heap, v)?;
            ops::iter_values(heap, v)?.into_iter().collect()
        }
    };
    match items.len().cmp(&n) {
        Ordering::Equal => Ok(items),
        Ordering::Greater => Err(RtError::value_error(format!(
            "too many values to unpack (expected {n})"
        ))),
        Ordering::Less => Err(RtError::value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        ))),
    }
}

/// Copies a value as two 8-byte words. A value an arithmetic instruction just wrote is two
/// 8-byte stores (tag, payload); copying it with the compiler's usual single 16-byte load makes
/// the CPU wait for both stores to retire (a store-forwarding stall) on every `MOVE` after an
/// `ADD`. Volatile word accesses keep the two halves separate.
///
/// # Safety
/// `from` must be valid for reads and `to` for writes of one `Value`.
#[inline(always)]
unsafe fn copy_value(to: *mut Value, from: *const Value) {
    use std::mem::MaybeUninit;
    // Padding bytes of a value may be uninitialised: moved as `MaybeUninit` words.
    let (from, to) = (
        from.cast::<MaybeUninit<u64>>(),
        to.cast::<MaybeUninit<u64>>(),
    );
    // SAFETY: a `Value` is 16 bytes, 8-aligned (`repr(C, u64)`): two words each way.
    unsafe {
        let (tag, payload) = (from.read_volatile(), from.add(1).read_volatile());
        to.write_volatile(tag);
        to.add(1).write_volatile(payload);
    }
}

/// Reads a value as two 8-byte words (see `copy_value`).
///
/// # Safety
/// `from` must be valid for reads of one `Value`.
#[inline(always)]
unsafe fn load_value(from: *const Value) -> Value {
    use std::mem::MaybeUninit;
    let from = from.cast::<MaybeUninit<u64>>();
    // SAFETY: the two words of a valid value (`repr(C, u64)`, 16 bytes, padding kept as
    // `MaybeUninit`) make the same valid value again.
    unsafe {
        let words = [from.read_volatile(), from.add(1).read_volatile()];
        std::mem::transmute::<[MaybeUninit<u64>; 2], Value>(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_copies_keep_every_kind_of_value() {
        let values = [
            Value::Null,
            Value::Bool(true),
            Value::Int(-7),
            Value::Int(i64::MIN),
            Value::Float(2.5),
            Value::Float(f64::NAN),
            Value::Str(Gc(3)),
            Value::Array(Gc(u32::MAX - 1)),
            Value::Native(9),
            UNBOUND,
        ];
        for v in values {
            let mut copy = Value::Null;
            // SAFETY: both are live `Value`s on this stack frame.
            let (loaded, ()) = unsafe { (load_value(&v), copy_value(&mut copy, &v)) };
            for w in [loaded, copy] {
                assert_eq!(format!("{w:?}"), format!("{v:?}"));
                assert_eq!(is_unbound(w), is_unbound(v));
            }
        }
    }
}
