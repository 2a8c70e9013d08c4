//! `Engine` (configured once: limits, grants, import roots, strictness, host functions and
//! modules, declared host globals) and `Program` (compiled once, plain data, `Send + Sync`, run
//! many times). Compiling = parse → lower → audit; running = a fresh VM per run with the stdlib
//! and the host functions installed, the run's limits, grants and globals.
//!
//! Invariant: no language logic here; this module only wires the pipeline crates together.
//! Host functions are bound into every run by name before it starts (global slots declared at
//! compile time), so a program compiled by one engine must be run by that engine.

use crate::capabilities::{Grant, HostPolicy};
use crate::error::{Error, RuntimeError};
use crate::globals_json::{globals_json, is_data};
use crate::hostfn::{
    host_native_fn, intern, intern_caps, HostEntry, HostFn, HostModule, HostTable, IntoHostFn,
};
use crate::limits::Limits;
use crate::render::StackFrame;
use crate::source::Source;
use crate::value::{ConvertError, Value};
use mlpy_ir::{audit, ir, LowerOptions};
use mlpy_syntax::Diagnostic;
use mlpy_vm::native::{NativeDef, NativeRegistry};
use mlpy_vm::{Loaded, ModuleLoader, NativeId, Vm, VmConfig};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Finds `a/b.ml` for `import a.b;` in the import roots and compiles it.
pub(crate) struct FileLoader {
    pub(crate) roots: Vec<PathBuf>,
}

impl FileLoader {
    fn find(&self, path: &str) -> Option<PathBuf> {
        let relative: PathBuf = path.split('.').collect::<PathBuf>().with_extension("ml");
        self.roots
            .iter()
            .map(|root| root.join(&relative))
            .find(|p| p.is_file())
    }
}

impl ModuleLoader for FileLoader {
    fn load(&mut self, path: &str) -> Option<Result<(ir::Program, String), String>> {
        let file = self.find(path)?;
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => return Some(Err(format!("cannot read module '{path}': {e}"))),
        };
        let source = match Source::from_bytes(file.display().to_string(), &bytes) {
            Ok(s) => s,
            Err(e) => {
                return Some(Err(format!(
                    "module '{path}': invalid UTF-8 at byte offset {}",
                    e.offset
                )))
            }
        };
        Some(match compile_ir(&source, &LowerOptions::default()) {
            Ok(program) => Ok((program, source.text.to_string())),
            Err(diagnostics) => Err(format!(
                "module '{path}' does not compile:\n{}",
                crate::error::render_diagnostics(&source, &diagnostics, false)
            )),
        })
    }

    fn exists(&mut self, path: &str) -> bool {
        self.find(path).is_some()
    }
}

/// A security finding reported as a warning diagnostic (`--no-strict`).
pub fn finding_warning(finding: &audit::Finding) -> Diagnostic {
    Diagnostic::warning(
        format!(
            "{} ({}: {})",
            finding.message,
            finding.severity.as_str(),
            finding.rule
        ),
        finding.range,
    )
}

/// Parse + lower; the error diagnostics if any.
pub(crate) fn compile_ir(
    source: &Source,
    options: &LowerOptions,
) -> Result<ir::Program, Vec<Diagnostic>> {
    let parse = mlpy_syntax::parse(&source.text);
    if parse.diagnostics().iter().any(Diagnostic::is_error) {
        return Err(parse.diagnostics().to_vec());
    }
    let lowered = mlpy_ir::lower(&parse.tree(), options);
    if lowered.has_errors() {
        return Err(lowered.diagnostics);
    }
    Ok(lowered.program)
}

/// A compiled program: plain data, cheap to share across threads and to run many times.
#[derive(Debug, Clone)]
pub struct Program {
    pub(crate) source: Source,
    pub(crate) ir: ir::Program,
    /// Where its `import a.b;` look (fixed when it is compiled): the engine's import roots,
    /// then the program's own directory.
    module_roots: Vec<PathBuf>,
    warnings: Vec<Diagnostic>,
    findings: Vec<audit::Finding>,
}

impl Program {
    pub fn source(&self) -> &Source {
        &self.source
    }
    pub fn ir(&self) -> &ir::Program {
        &self.ir
    }
    /// Non-fatal diagnostics of the compile (warnings, medium/low audit findings are not here).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
    /// The security findings of the audit (blocking ones only exist when strict was off).
    pub fn findings(&self) -> &[audit::Finding] {
        &self.findings
    }
    /// The bytecode listing, one instruction a line, with source lines.
    pub fn disassemble(&self) -> Result<String, Error> {
        mlpy_vm::disassemble(&self.ir, &self.source.text).map_err(|e| Error::Syntax {
            source: self.source.clone(),
            diagnostics: vec![Diagnostic::error(e.message, e.range)],
        })
    }
}

/// Resource usage of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub fuel_used: u64,
    pub peak_memory: usize,
    pub memory: usize,
    pub wall: std::time::Duration,
}

/// What a run produced besides its output.
#[derive(Debug)]
pub struct RunResult {
    pub error: Option<Error>,
    pub usage: Usage,
    /// The program's result (language.md §3: top-level `result` if assigned, else the value of
    /// the last top-level assignment, else null); `Null` when the run failed.
    pub value: Value,
    /// The top-level data variables in first-assignment order (only when asked for with
    /// `want_globals` and successful; D22: functions, modules and stdlib objects left out).
    pub globals: Vec<(String, Value)>,
    /// The top-level data variables as one JSON object (only when asked for and successful).
    pub globals_json: Option<String>,
}

impl RunResult {
    /// The program's result, or the error that ended the run.
    pub fn into_value(self) -> Result<Value, Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.value),
        }
    }
}

/// Per-run options.
pub struct RunOptions {
    pub limits: Limits,
    pub stdout: Box<dyn Write + Send>,
    pub stderr: Box<dyn Write + Send>,
    /// Values for global variables, set before the program starts. A name the program reads
    /// without assigning must be declared with [`Engine::declare_global`] before compiling;
    /// names the program never mentions are ignored.
    pub globals: Vec<(String, Value)>,
    /// Fill [`RunResult::globals`].
    pub want_globals: bool,
    pub want_globals_json: bool,
    /// Set from another thread to stop the run (`Interrupted`).
    pub interrupt: Option<Arc<AtomicBool>>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            limits: Limits::default(),
            stdout: Box::new(std::io::stdout()),
            stderr: Box::new(std::io::stderr()),
            globals: Vec::new(),
            want_globals: false,
            want_globals_json: false,
            interrupt: None,
        }
    }
}

impl RunOptions {
    /// Default options with these limits.
    pub fn with_limits(limits: Limits) -> RunOptions {
        RunOptions {
            limits,
            ..RunOptions::default()
        }
    }

    /// Adds a global variable for the run.
    pub fn global(mut self, name: &str, value: impl Into<Value>) -> RunOptions {
        self.globals.push((name.to_string(), value.into()));
        self
    }
}

/// What the host added to the language: host functions (global names and module members) and
/// declared globals. Cloned into every [`crate::Instance`].
#[derive(Clone, Default)]
pub(crate) struct HostSetup {
    pub(crate) table: HostTable,
    /// Host functions bound to global names: (name, native id).
    pub(crate) functions: Vec<(String, NativeId)>,
    pub(crate) declared: Vec<String>,
    pub(crate) modules: Vec<String>,
}

/// Configured once; compiles and runs programs. Cloning is cheap (the registry is shared).
#[derive(Clone)]
pub struct Engine {
    registry: Arc<NativeRegistry>,
    pub(crate) grants: Vec<Grant>,
    import_roots: Vec<PathBuf>,
    strict: bool,
    pub(crate) host: HostSetup,
    /// The limits of [`Engine::options`].
    limits: Limits,
    /// Time zone, script arguments, environment map, working directory (capabilities.rs).
    pub(crate) run_env: mlpy_stdlib::host::HostEnv,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// True for an ASCII identifier (a letter or `_`, then letters, digits or `_`).
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Engine {
    pub fn new() -> Engine {
        let mut registry = NativeRegistry::new();
        mlpy_stdlib::install(&mut registry);
        Engine {
            registry: Arc::new(registry),
            grants: Vec::new(),
            import_roots: Vec::new(),
            strict: true,
            host: HostSetup::default(),
            limits: Limits::default(),
            run_env: mlpy_stdlib::host::HostEnv::default(),
        }
    }

    /// The default limits of this engine's runs (used by [`Engine::options`]).
    pub fn set_default_limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// Run options with this engine's default limits (output to the process's stdout/stderr).
    pub fn options(&self) -> RunOptions {
        RunOptions::with_limits(self.limits.clone())
    }

    /// Grants a system capability to every run of this engine.
    pub fn grant(&mut self, grant: Grant) -> &mut Self {
        self.grants.push(grant);
        self
    }

    /// Grants a capability by name without resource patterns, including host-defined names
    /// (`"db.write"`) that only host functions check.
    pub fn grant_capability(&mut self, name: &str) -> &mut Self {
        self.grant(Grant {
            name: name.to_string(),
            patterns: Vec::new(),
        })
    }

    /// Adds a directory searched by `import a.b;` (for `a/b.ml`).
    pub fn add_import_root(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.import_roots.push(dir.into());
        self
    }

    /// Strict security (default on, D11): critical/high audit findings block compiling.
    pub fn set_strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Declares a global the host sets per run ([`RunOptions::globals`]), so programs compiled
    /// afterwards may read it without assigning it.
    pub fn declare_global(&mut self, name: &str) -> &mut Self {
        if !self.host.declared.iter().any(|n| n == name) {
            self.host.declared.push(name.to_string());
        }
        self
    }

    /// Registers a typed closure as the global function `name`
    /// (`engine.register_fn("add", |a: i64, b: i64| Ok::<_, HostError>(a + b))`).
    pub fn register_fn<Args, F: IntoHostFn<Args>>(
        &mut self,
        name: &str,
        f: F,
    ) -> Result<&mut Self, Error> {
        self.register_host_fn(name, HostFn::new(f))
    }

    /// Registers a configured host function (capabilities, doc) as the global function `name`.
    pub fn register_host_fn(&mut self, name: &str, f: HostFn) -> Result<&mut Self, Error> {
        if !is_identifier(name) {
            return Err(Error::Host(format!(
                "'{name}' is not a valid function name"
            )));
        }
        let def = host_native(name, &f);
        // A method of a class no value has: gives the native an id without making it a builtin.
        let id = Arc::make_mut(&mut self.registry).add_method("<host>", name, def);
        self.add_host_entry(id, name, f);
        self.host.functions.retain(|(n, _)| n != name);
        self.host.functions.push((name.to_string(), id));
        self.declare_global(name);
        Ok(self)
    }

    /// Registers a module of host functions, importable as `import NAME;`.
    pub fn register_module(&mut self, module: HostModule) -> Result<&mut Self, Error> {
        let name = module.name.as_str();
        if !is_identifier(name) || mlpy_ir::names::is_stdlib_module(name) {
            return Err(Error::Host(format!(
                "'{name}' is not a valid host module name (an identifier that no standard module uses)"
            )));
        }
        Arc::make_mut(&mut self.registry).add_module(name, &module.doc);
        for (member, f) in module.functions {
            if !is_identifier(&member) {
                return Err(Error::Host(format!(
                    "'{member}' is not a valid member name"
                )));
            }
            let qualified = format!("{name}.{member}");
            let def = host_native(&qualified, &f);
            let id = Arc::make_mut(&mut self.registry).add_module_fn(name, &member, def);
            self.add_host_entry(id, &qualified, f);
        }
        if !self.host.modules.iter().any(|m| m == name) {
            self.host.modules.push(name.to_string());
        }
        Ok(self)
    }

    /// Records host function `f`, registered as native `id`, in the runs' host table.
    fn add_host_entry(&mut self, id: NativeId, qualified: &str, f: HostFn) {
        let table = Arc::make_mut(&mut self.host.table.0);
        let at = table.partition_point(|e| e.native < id);
        table.insert(
            at,
            HostEntry {
                native: id,
                name: qualified.into(),
                func: f.func,
            },
        );
    }

    /// The lowering options every compile of this engine uses (host globals and modules).
    pub(crate) fn lower_options(&self) -> LowerOptions {
        LowerOptions {
            host_globals: self.host.declared.clone(),
            open_world: false,
            extra_modules: self.host.modules.clone(),
        }
    }

    /// Reads and compiles a file (invalid UTF-8 is an error naming the byte offset).
    pub fn compile_file(&self, path: &Path) -> Result<Program, Error> {
        self.compile(Source::read(path)?)
    }

    /// Parse → lower → audit. A blocking finding wins over unresolved names (D28).
    pub fn compile(&self, source: Source) -> Result<Program, Error> {
        self.compile_with(source, &self.lower_options())
    }

    /// [`Engine::compile`] with lowering options (host globals, host modules; `crate::host`).
    pub(crate) fn compile_with(
        &self,
        source: Source,
        options: &LowerOptions,
    ) -> Result<Program, Error> {
        let parse = mlpy_syntax::parse(&source.text);
        if parse.diagnostics().iter().any(Diagnostic::is_error) {
            return Err(Error::Syntax {
                source,
                diagnostics: parse.diagnostics().to_vec(),
            });
        }
        let file = parse.tree();
        let lowered = mlpy_ir::lower(&file, options);
        let findings = audit::audit(&file, &lowered);
        if self.strict && findings.iter().any(|f| f.severity.is_blocking()) {
            return Err(Error::Security { source, findings });
        }
        if lowered.has_errors() {
            let mut diagnostics = lowered.diagnostics;
            // Without strict security the findings are still reported (D11), next to the errors.
            diagnostics.extend(findings.iter().map(finding_warning));
            diagnostics.sort_by_key(|d| d.range.start());
            return Err(Error::Syntax {
                source,
                diagnostics,
            });
        }
        let warnings = lowered.diagnostics;
        let mut module_roots = self.import_roots.clone();
        if let Some(dir) = Path::new(source.name.as_ref()).parent() {
            module_roots.push(if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.to_path_buf()
            });
        }
        Ok(Program {
            source,
            ir: lowered.program,
            module_roots,
            warnings,
            findings,
        })
    }

    /// Every problem of a source: syntax, semantic, and critical/high findings as errors (D28).
    pub fn check(&self, source: &Source) -> (Vec<Diagnostic>, Vec<audit::Finding>) {
        let parse = mlpy_syntax::parse(&source.text);
        let mut diagnostics = parse.diagnostics().to_vec();
        let file = parse.tree();
        let lowered = mlpy_ir::lower(&file, &self.lower_options());
        if !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.extend(lowered.diagnostics.iter().cloned());
        }
        let findings = audit::audit(&file, &lowered)
            .into_iter()
            .filter(|f| f.severity.is_blocking())
            .collect();
        (diagnostics, findings)
    }

    /// A VM for one run (or one [`crate::Instance`]): stdlib, host functions, grants, limits.
    pub(crate) fn new_vm(
        &self,
        roots: Vec<PathBuf>,
        limits: &Limits,
        interrupt: Option<Arc<AtomicBool>>,
        stdout: Box<dyn Write + Send>,
        stderr: Box<dyn Write + Send>,
    ) -> Vm {
        let mut config = VmConfig::new(self.registry.clone());
        config.limits = limits.to_vm();
        config.capabilities = Some(Arc::new(HostPolicy {
            grants: self.grants.clone(),
        }));
        config.interrupt = interrupt;
        let mut vm = Vm::new(config);
        vm.set_stdout(stdout);
        vm.set_stderr(stderr);
        vm.set_host_data(self.host.table.clone());
        vm.set_host_data(self.run_env.clone());
        // A timeout too far away to represent is no timeout (as in the VM).
        if let Some(at) = limits
            .timeout
            .and_then(|t| std::time::Instant::now().checked_add(t))
        {
            vm.set_host_data(mlpy_stdlib::host::Deadline(at));
        }
        vm.set_module_loader(Box::new(FileLoader { roots }));
        vm
    }

    /// Loads a program into `vm`, binds the host functions and sets the run's globals.
    pub(crate) fn load_program(
        &self,
        vm: &mut Vm,
        program: &Program,
        globals: &[(String, Value)],
    ) -> Result<Loaded, Error> {
        let loaded = vm
            .load(&program.ir, &program.source.text)
            .map_err(|e| load_error(program, e))?;
        for (name, id) in &self.host.functions {
            vm.set_global(loaded, name, mlpy_vm::Value::Native(*id));
        }
        let depth = vm.limits().max_depth;
        for (name, value) in globals {
            let v = value
                .to_vm(vm.heap_mut(), depth)
                .map_err(|e| convert_error(program, e))?;
            vm.set_global(loaded, name, v);
        }
        Ok(loaded)
    }

    /// Runs a compiled program on a fresh VM under `options.limits`.
    pub fn run(&self, program: &Program, options: RunOptions) -> RunResult {
        let started = std::time::Instant::now();
        let mut vm = self.new_vm(
            self.module_roots(program),
            &options.limits,
            options.interrupt,
            options.stdout,
            options.stderr,
        );
        let mut result = RunResult {
            error: None,
            usage: Usage::default(),
            value: Value::Null,
            globals: Vec::new(),
            globals_json: None,
        };
        let depth = options.limits.max_depth;
        let outcome = self
            .load_program(&mut vm, program, &options.globals)
            .and_then(|loaded| {
                let out = vm.run(loaded).map_err(|e| vm_error(program, e))?;
                // A result the host cannot hold (a cyclic or too deep container) is null: the
                // run itself succeeded (`a = [1]; a.append(a);` is a valid program).
                result.value = Value::from_vm(vm.heap(), out.value, depth).unwrap_or(Value::Null);
                if options.want_globals {
                    result.globals =
                        data_globals(&vm, loaded, depth).map_err(|e| convert_error(program, e))?;
                }
                if options.want_globals_json {
                    let vars = vm.globals(loaded);
                    result.globals_json = Some(globals_json(vm.heap(), &vars));
                }
                Ok(())
            });
        result.error = outcome.err();
        let stats = vm.stats();
        result.usage = Usage {
            fuel_used: stats.fuel_used,
            peak_memory: stats.peak_memory,
            memory: stats.memory,
            wall: started.elapsed(),
        };
        result
    }
}

/// The data globals of a loaded program as facade values (D22).
pub(crate) fn data_globals(
    vm: &Vm,
    loaded: Loaded,
    depth: usize,
) -> Result<Vec<(String, Value)>, ConvertError> {
    vm.globals(loaded)
        .into_iter()
        .filter(|(_, v)| is_data(*v))
        .map(|(name, v)| Ok((name, Value::from_vm(vm.heap(), v, depth)?)))
        .collect()
}

/// A value that could not cross into or out of the VM, as the error of the run.
pub(crate) fn convert_error(program: &Program, e: ConvertError) -> Error {
    match e {
        ConvertError::TooDeep => runtime_error(program, "RecursionError", &e.to_string()),
        ConvertError::Memory => runtime_error(program, "MemoryLimit", &e.to_string()),
        ConvertError::Serde(m) => Error::Host(m),
    }
}

impl Engine {
    /// Where `import a.b;` looks: the engine's import roots (when the program was compiled),
    /// then the program's directory.
    pub(crate) fn module_roots(&self, program: &Program) -> Vec<PathBuf> {
        program.module_roots.clone()
    }
}

/// The facade error for a program the VM could not load.
pub(crate) fn load_error(program: &Program, e: mlpy_vm::LoadError) -> Error {
    match e {
        mlpy_vm::LoadError::Compile(c) => Error::Syntax {
            source: program.source.clone(),
            diagnostics: vec![Diagnostic::error(c.message, c.range)],
        },
        mlpy_vm::LoadError::Unknown { name, range } => Error::Syntax {
            source: program.source.clone(),
            diagnostics: vec![Diagnostic::error(
                format!("Unknown identifier '{name}'"),
                range,
            )],
        },
        mlpy_vm::LoadError::Memory => {
            runtime_error(program, "MemoryLimit", "memory limit exceeded")
        }
    }
}

/// The facade error for an error that ended a run. An error raised inside an imported ML
/// module is shown against that module's file; stack frames in modules name their file.
pub(crate) fn vm_error(program: &Program, e: mlpy_vm::VmError) -> Error {
    let loader = FileLoader {
        roots: program.module_roots.clone(),
    };
    let module_file = |m: &Option<String>| m.as_deref().and_then(|m| loader.find(m));
    let source = module_file(&e.module)
        .and_then(|file| Source::read(&file).ok())
        .unwrap_or_else(|| program.source.clone());
    Error::from_runtime(RuntimeError {
        source,
        kind: e.kind.name().to_string(),
        message: e.message,
        range: e.range,
        line: e.line as usize,
        column: e.column as usize,
        stack: e
            .stack
            .iter()
            .map(|s| StackFrame {
                function: match &s.module {
                    Some(m) => format!("{m}.{}", s.function),
                    None => s.function.clone(),
                },
                file: Some(match module_file(&s.module) {
                    Some(f) => f.display().to_string(),
                    None => program.source.name.to_string(),
                }),
                line: s.line as usize,
                column: s.column as usize,
            })
            .collect(),
    })
}

fn runtime_error(program: &Program, kind: &str, message: &str) -> Error {
    Error::from_runtime(RuntimeError {
        source: program.source.clone(),
        kind: kind.to_string(),
        message: message.to_string(),
        range: mlpy_syntax::TextRange::default(),
        line: 1,
        column: 1,
        stack: Vec::new(),
    })
}

/// The native definition of host function `f` named `qualified`.
fn host_native(qualified: &str, f: &HostFn) -> NativeDef {
    NativeDef {
        name: intern(qualified),
        func: host_native_fn,
        caps: intern_caps(&f.capabilities),
        doc: intern(&f.doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}
    fn assert_send<T: Send>() {}

    #[test]
    fn programs_are_shareable_and_vms_movable_across_threads() {
        assert_send_sync::<Program>();
        assert_send::<Vm>();
    }

    #[test]
    fn one_program_runs_many_times_with_fresh_state() {
        let engine = Engine::new();
        let program = engine
            .compile(Source::new("t.ml", "n = 0; n = n + 1; print(n);"))
            .unwrap();
        for _ in 0..3 {
            let out = crate::OutputBuffer::new();
            let options = RunOptions {
                stdout: out.writer(),
                ..RunOptions::default()
            };
            let result = engine.run(&program, options);
            assert!(result.error.is_none());
            assert_eq!(out.contents(), "1\n");
        }
    }

    #[test]
    fn unknown_grants_are_refused() {
        assert!(Grant::parse("file.read:./data/*.csv").is_ok());
        assert!(Grant::parse("file.nuke").is_err());
    }
}
