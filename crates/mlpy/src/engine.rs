//! `Engine` (configured once: limits, grants, import roots, strictness) and `Program` (compiled
//! once, plain data, `Send + Sync`, run many times). Compiling = parse → lower → audit; running
//! = a fresh VM per run with the stdlib installed and the run's limits and grants.
//!
//! Invariant: no language logic here; this module only wires the pipeline crates together.

use crate::capabilities::{Grant, HostPolicy};
use crate::error::{Error, RuntimeError};
use crate::globals_json::globals_json;
use crate::limits::Limits;
use crate::render::StackFrame;
use crate::source::Source;
use mlpy_ir::{audit, ir, LowerOptions};
use mlpy_syntax::Diagnostic;
use mlpy_vm::native::NativeRegistry;
use mlpy_vm::{ModuleLoader, Vm, VmConfig};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Finds `a/b.ml` for `import a.b;` in the import roots and compiles it.
struct FileLoader {
    roots: Vec<PathBuf>,
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
fn compile_ir(source: &Source, options: &LowerOptions) -> Result<ir::Program, Vec<Diagnostic>> {
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
    source: Source,
    ir: ir::Program,
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
    /// The top-level data variables as one JSON object (only when asked for and successful).
    pub globals_json: Option<String>,
}

/// Per-run options.
pub struct RunOptions {
    pub limits: Limits,
    pub stdout: Box<dyn Write + Send>,
    pub stderr: Box<dyn Write + Send>,
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
            want_globals_json: false,
            interrupt: None,
        }
    }
}

/// Configured once; compiles and runs programs.
pub struct Engine {
    registry: Arc<NativeRegistry>,
    grants: Vec<Grant>,
    import_roots: Vec<PathBuf>,
    strict: bool,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
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
        }
    }

    /// Grants a system capability to every run of this engine.
    pub fn grant(&mut self, grant: Grant) -> &mut Self {
        self.grants.push(grant);
        self
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

    /// Reads and compiles a file (invalid UTF-8 is an error naming the byte offset).
    pub fn compile_file(&self, path: &Path) -> Result<Program, Error> {
        self.compile(Source::read(path)?)
    }

    /// Parse → lower → audit. A blocking finding wins over unresolved names (D28).
    pub fn compile(&self, source: Source) -> Result<Program, Error> {
        let parse = mlpy_syntax::parse(&source.text);
        if parse.diagnostics().iter().any(Diagnostic::is_error) {
            return Err(Error::Syntax {
                source,
                diagnostics: parse.diagnostics().to_vec(),
            });
        }
        let file = parse.tree();
        let lowered = mlpy_ir::lower(&file, &LowerOptions::default());
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
        Ok(Program {
            source,
            ir: lowered.program,
            warnings,
            findings,
        })
    }

    /// Every problem of a source: syntax, semantic, and critical/high findings as errors (D28).
    pub fn check(&self, source: &Source) -> (Vec<Diagnostic>, Vec<audit::Finding>) {
        let parse = mlpy_syntax::parse(&source.text);
        let mut diagnostics = parse.diagnostics().to_vec();
        let file = parse.tree();
        let lowered = mlpy_ir::lower(&file, &LowerOptions::default());
        if !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.extend(lowered.diagnostics.iter().cloned());
        }
        let findings = audit::audit(&file, &lowered)
            .into_iter()
            .filter(|f| f.severity.is_blocking())
            .collect();
        (diagnostics, findings)
    }

    /// Runs a compiled program on a fresh VM under `options.limits`.
    pub fn run(&self, program: &Program, options: RunOptions) -> RunResult {
        let started = std::time::Instant::now();
        let mut config = VmConfig::new(self.registry.clone());
        config.limits = mlpy_vm::Limits {
            fuel: options.limits.fuel,
            timeout: options.limits.timeout,
            memory: Some(options.limits.memory),
            max_depth: options.limits.max_depth,
            max_output: options.limits.max_output.map(|b| b as u64),
        };
        config.capabilities = Some(Arc::new(HostPolicy {
            grants: self.grants.clone(),
        }));
        config.interrupt = options.interrupt;
        let mut vm = Vm::new(config);
        vm.set_stdout(options.stdout);
        vm.set_stderr(options.stderr);
        let mut roots = self.import_roots.clone();
        if let Some(dir) = Path::new(program.source.name.as_ref()).parent() {
            roots.push(if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.to_path_buf()
            });
        }
        vm.set_module_loader(Box::new(FileLoader { roots }));

        let outcome = vm
            .load(&program.ir, &program.source.text)
            .map_err(|e| match e {
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
                    runtime_error(program, "MemoryLimit", "memory limit exceeded", true)
                }
            });
        let mut result = RunResult {
            error: None,
            usage: Usage::default(),
            globals_json: None,
        };
        match outcome {
            Err(e) => result.error = Some(e),
            Ok(loaded) => match vm.run(loaded) {
                Ok(_) => {
                    if options.want_globals_json {
                        let vars = vm.globals(loaded);
                        result.globals_json = Some(globals_json(vm.heap(), &vars));
                    }
                }
                Err(e) => {
                    result.error = Some(Error::Runtime(Box::new(RuntimeError {
                        source: program.source.clone(),
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
                                line: s.line as usize,
                                column: s.column as usize,
                            })
                            .collect(),
                        is_limit: e.kind.is_limit(),
                    })))
                }
            },
        }
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

fn runtime_error(program: &Program, kind: &str, message: &str, is_limit: bool) -> Error {
    Error::Runtime(Box::new(RuntimeError {
        source: program.source.clone(),
        kind: kind.to_string(),
        message: message.to_string(),
        range: mlpy_syntax::TextRange::default(),
        line: 1,
        column: 1,
        stack: Vec::new(),
        is_limit,
    }))
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
            let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
            impl Write for Sink {
                fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                    self.0
                        .lock()
                        .map_err(|_| std::io::Error::other("poisoned"))?
                        .extend_from_slice(b);
                    Ok(b.len())
                }
                fn flush(&mut self) -> std::io::Result<()> {
                    Ok(())
                }
            }
            let options = RunOptions {
                stdout: Box::new(Sink(out.clone())),
                ..RunOptions::default()
            };
            let result = engine.run(&program, options);
            assert!(result.error.is_none());
            assert_eq!(out.lock().unwrap().as_slice(), b"1\n");
        }
    }

    #[test]
    fn unknown_grants_are_refused() {
        assert!(Grant::parse("file.read:./data/*.csv").is_ok());
        assert!(Grant::parse("file.nuke").is_err());
    }
}
