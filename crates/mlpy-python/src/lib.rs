//! `mlpy._mlpy`: the private native module of the `mlpy` Python package. It compiles ML
//! programs with the facade (`mlpy::Engine`) and runs them on the VM in-process with the GIL
//! released; the Python package (python/mlpy) builds the public API on top.
//!
//! Invariants: no language logic here — compiling, auditing and running are the facade's; this
//! crate only converts values (convert.rs), bridges Python callables (host.rs) and reports.

mod convert;
mod host;
mod sigint;

use convert::{is_data, ToMl, ToMlError, ToPy};
use host::{PyHost, CALLBACK_ID};
use mlpy::host::{
    compile_host, host_callable, parses, run_host, Diagnostic, HostEnv, HostGrants, HostRun,
    Quotas, RtError, TokenGrant, TokenUses, Violations,
};
use mlpy::{Engine, Error, Limits, Source};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// One engine per strictness, shared by every call (an engine is configuration only).
fn engine(strict: bool) -> &'static Engine {
    static STRICT: OnceLock<Engine> = OnceLock::new();
    static LENIENT: OnceLock<Engine> = OnceLock::new();
    let cell = if strict { &STRICT } else { &LENIENT };
    cell.get_or_init(|| {
        let mut e = Engine::new();
        e.set_strict(strict);
        e
    })
}

/// An issue as a plain tuple `(code, severity, message, line, column, rule)`; `code` is
/// `"syntax"`, `"semantic"`, `"security"` or `"warning"`. The Python side builds `ErrorContext`s.
type Issue = (
    &'static str,
    String,
    String,
    usize,
    usize,
    Option<&'static str>,
);

fn line_col(source: &Source, offset: u32) -> (usize, usize) {
    source.line_col(offset as usize)
}

fn finding_issues(source: &Source, findings: &[mlpy::host::Finding]) -> Vec<Issue> {
    findings
        .iter()
        .map(|f| {
            let (line, column) = line_col(source, f.range.start().into());
            (
                "security",
                f.severity.as_str().to_string(),
                f.message.clone(),
                line,
                column,
                Some(f.rule),
            )
        })
        .collect()
}

/// The issues of compile diagnostics: errors are `syntax` when the source does not parse, else
/// `semantic` (severity high); warnings are `warning` (low).
fn diagnostic_issues(source: &Source, diagnostics: &[Diagnostic]) -> Vec<Issue> {
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let code = if !has_errors || parses(&source.text) {
        "semantic"
    } else {
        "syntax"
    };
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = line_col(source, d.range.start().into());
            let is_error = d.is_error();
            (
                if is_error { code } else { "warning" },
                if is_error { "high" } else { "low" }.to_string(),
                d.message.clone(),
                line,
                column,
                None,
            )
        })
        .collect()
}

fn error_issues(error: &Error) -> Vec<Issue> {
    match error {
        Error::Syntax {
            source,
            diagnostics,
        } => diagnostic_issues(source, diagnostics),
        Error::Security { source, findings } => finding_issues(source, findings),
        Error::Io { message, .. } => vec![("syntax", "high".into(), message.clone(), 0, 0, None)],
        Error::InvalidUtf8 { offset, .. } => vec![(
            "syntax",
            "high".into(),
            format!("invalid UTF-8 at byte offset {offset}"),
            0,
            0,
            None,
        )],
        Error::Host(message) => vec![("semantic", "high".into(), message.clone(), 0, 0, None)],
        other => match other.runtime() {
            Some(e) => vec![(
                "semantic",
                "high".into(),
                e.message.clone(),
                e.line,
                e.column,
                None,
            )],
            None => Vec::new(),
        },
    }
}

/// A compiled program (immutable; shareable across threads).
#[pyclass(frozen, module = "mlpy._mlpy")]
struct NativeProgram {
    program: Arc<mlpy::Program>,
}

/// `compile(source, name, host_globals, strict, open_world) -> (NativeProgram | None, issues)`.
/// On success the issues are the warnings and every audit finding.
#[pyfunction]
#[pyo3(signature = (source, name, host_globals=Vec::new(), strict=true, open_world=false))]
fn compile(
    py: Python<'_>,
    source: &str,
    name: &str,
    host_globals: Vec<String>,
    strict: bool,
    open_world: bool,
) -> (Option<NativeProgram>, Vec<Issue>) {
    let source = Source::new(name, source);
    let compiled =
        py.allow_threads(|| compile_host(engine(strict), source, &host_globals, open_world));
    match compiled {
        Ok(program) => {
            let mut issues = diagnostic_issues(program.source(), program.warnings());
            issues.extend(finding_issues(program.source(), program.findings()));
            (
                Some(NativeProgram {
                    program: Arc::new(program),
                }),
                issues,
            )
        }
        Err(e) => (None, error_issues(&e)),
    }
}

/// The bridge functions of the registry (`mlpy.stdlib.registry`) as natives, built once per
/// set of registrations and passed to every run.
#[pyclass(frozen, module = "mlpy._mlpy")]
struct NativeBridges {
    bridges: Arc<mlpy::host::Bridges>,
    /// Qualified names by slot.
    names: Arc<Vec<String>>,
}

#[pymethods]
impl NativeBridges {
    /// `NativeBridges([(module, module_doc, name, doc, caps, native_module), ...])`; slot =
    /// list index; `native_module`: see `mlpy::host::BridgeSpec`.
    #[new]
    fn new(specs: Vec<(String, String, String, String, Vec<String>, bool)>) -> PyResult<Self> {
        let names = specs.iter().map(|s| format!("{}.{}", s.0, s.2)).collect();
        let specs: Vec<mlpy::host::BridgeSpec> = specs
            .into_iter()
            .map(
                |(module, module_doc, name, doc, caps, native_module)| mlpy::host::BridgeSpec {
                    module,
                    module_doc,
                    name,
                    doc,
                    caps,
                    native_module,
                },
            )
            .collect();
        let bridges = mlpy::host::Bridges::new(&specs).map_err(PyValueError::new_err)?;
        Ok(NativeBridges {
            bridges: Arc::new(bridges),
            names: Arc::new(names),
        })
    }
}

/// The use count and last-use time of a capability token (`CapabilityToken.usage_count`,
/// `.last_used_at`), shared with the runs the token is granted to: they count successful
/// guarded calls while running (python-api.md §7.3), lock-free, so Python sees them live.
#[pyclass(frozen, module = "mlpy._mlpy")]
struct TokenUsage {
    uses: Arc<TokenUses>,
}

#[pymethods]
impl TokenUsage {
    #[new]
    #[pyo3(signature = (count=0, last_used=None))]
    fn new(count: u64, last_used: Option<f64>) -> Self {
        TokenUsage {
            uses: Arc::new(TokenUses::new(count, last_used)),
        }
    }
    #[getter]
    fn count(&self) -> u64 {
        self.uses.count()
    }
    #[setter]
    fn set_count(&self, count: u64) {
        self.uses.set_count(count);
    }
    #[getter]
    fn last_used(&self) -> Option<f64> {
        self.uses.last_used()
    }
    #[setter]
    fn set_last_used(&self, at: Option<f64>) {
        self.uses.set_last_used(at);
    }
    /// Takes one use unless `max` uses were taken or `expires_at` (Unix seconds) passed.
    #[pyo3(signature = (max=None, expires_at=None))]
    fn try_use(&self, max: Option<u64>, expires_at: Option<f64>) -> bool {
        self.uses.try_use(max, expires_at)
    }
    /// Copies and pickles carry the current values (a copy counts on its own).
    fn __reduce__(&self, py: Python<'_>) -> PyResult<(PyObject, (u64, Option<f64>))> {
        let cls = py.get_type::<TokenUsage>().into_any().unbind();
        Ok((cls, (self.uses.count(), self.uses.last_used())))
    }
}

/// A token's grant as the run takes it: `(grant string, usage, max_usage_count, expires_at)`.
type TokenArg<'py> = (String, PyRef<'py, TokenUsage>, Option<u64>, Option<f64>);

/// A flag that stops the runs given it (`Interrupted`, a limit error) when set from any
/// thread; reusable after `clear()`.
#[pyclass(frozen, module = "mlpy._mlpy")]
struct Interrupt {
    flag: Arc<AtomicBool>,
}

#[pymethods]
impl Interrupt {
    #[new]
    fn new() -> Self {
        Interrupt {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }
    fn set(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }
    fn clear(&self) {
        self.flag.store(false, Ordering::Relaxed);
    }
    fn is_set(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}

/// Collects a run's output.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut v) => v.extend_from_slice(b),
            Err(p) => p.into_inner().extend_from_slice(b),
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn text(&self) -> String {
        let v = match self.0.lock() {
            Ok(v) => v,
            Err(p) => p.into_inner(),
        };
        String::from_utf8_lossy(&v).into_owned()
    }
}

/// What a run hands back to Python (see `NativeProgram::run`).
struct Finished {
    value: PyObject,
    variables: PyObject,
    error_data: PyObject,
}

#[pymethods]
impl NativeProgram {
    /// Runs the program on a fresh VM with the GIL released; `tokens` are the grants of
    /// capability tokens (`TokenArg`), which count their uses. Returns the tuple
    /// `(output, stderr, error, value, variables, fuel_used, peak_memory, wall_seconds, cause,
    /// violations)` (`violations`: capability names the library denied, caught or not)
    /// where `error` is `None` or
    /// `(kind, message, line, column, stack, data, is_limit, rendered)`.
    /// Python conversion errors of `globals` (unsupported type, cycle) are raised.
    #[pyo3(signature = (*, fuel=None, timeout=None, memory=100 << 20, max_depth=1000,
        max_output=None, grants=Vec::new(), tokens=Vec::new(), deny_network=false, deny_file_system=false,
        read_only=false, file_patterns=Vec::new(), network_hosts=Vec::new(),
        max_file_operations=None, max_requests=None, allowed_ports=Vec::new(),
        file_size_limit=None, write_limit=None, globals=None, callback=None,
        bridge_call=None, bridges=None, modules=HashMap::new(), stdin=None,
        want_variables=true, timezone=None, argv=Vec::new(), env=HashMap::new(), cwd=None,
        import_paths=Vec::new(), interrupt=None))]
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        py: Python<'_>,
        fuel: Option<u64>,
        timeout: Option<f64>,
        memory: usize,
        max_depth: usize,
        max_output: Option<usize>,
        grants: Vec<String>,
        tokens: Vec<TokenArg<'_>>,
        deny_network: bool,
        deny_file_system: bool,
        read_only: bool,
        file_patterns: Vec<String>,
        network_hosts: Vec<String>,
        max_file_operations: Option<u64>,
        max_requests: Option<u64>,
        allowed_ports: Vec<u16>,
        file_size_limit: Option<u64>,
        write_limit: Option<u64>,
        globals: Option<Py<PyDict>>,
        callback: Option<PyObject>,
        bridge_call: Option<PyObject>,
        bridges: Option<PyRef<'_, NativeBridges>>,
        modules: HashMap<String, String>,
        stdin: Option<String>,
        want_variables: bool,
        timezone: Option<String>,
        argv: Vec<String>,
        env: HashMap<String, String>,
        cwd: Option<String>,
        import_paths: Vec<String>,
        interrupt: Option<PyRef<'_, Interrupt>>,
    ) -> PyResult<PyObject> {
        let violations = Violations::default();
        let run_env = HostEnv {
            timezone,
            argv,
            env: env.into_iter().collect(),
            cwd: cwd.map(std::path::PathBuf::from),
            quotas: Quotas {
                allowed_ports,
                max_write_bytes: file_size_limit,
                max_total_write_bytes: write_limit,
                written: 0,
            },
            violations: violations.clone(),
        };
        let mut policy = HostGrants::default();
        policy.deny_network = deny_network;
        policy.deny_file_system = deny_file_system;
        policy.read_only = read_only;
        policy.file_patterns = file_patterns;
        policy.network_hosts = network_hosts;
        policy.max_file_operations = max_file_operations;
        policy.max_requests = max_requests;
        policy.violations = violations.clone();
        for g in &grants {
            policy.add(g).map_err(PyValueError::new_err)?;
        }
        for (g, usage, max_uses, expires_at) in &tokens {
            let token = TokenGrant {
                uses: usage.uses.clone(),
                max_uses: *max_uses,
                expires_at: *expires_at,
            };
            policy.add_token(g, token).map_err(PyValueError::new_err)?;
        }
        // Beyond ~31 years a deadline means "none" (and `Instant + Duration` could overflow).
        let timeout = match timeout {
            Some(t) if t.is_nan() || t < 0.0 => {
                return Err(PyValueError::new_err(
                    "timeout must be a non-negative number of seconds",
                ))
            }
            Some(t) if t <= 1e9 => Some(Duration::from_secs_f64(t)),
            _ => None,
        };
        let limits = Limits {
            fuel,
            timeout,
            memory,
            max_depth,
            max_output,
        };
        let (bridges, bridge_names) = match bridges {
            Some(b) => (Some(b.bridges.clone()), b.names.clone()),
            None => (None, Arc::default()),
        };
        let host = Arc::new(PyHost::new(callback, bridge_call, bridge_names, max_depth));
        // The run's interrupt flag: the host's `Interrupt`, else a private one Ctrl-C can set.
        let flag = interrupt.map_or_else(Arc::default, |i| i.flag.clone());
        let (out, err) = (Sink::default(), Sink::default());
        let run = HostRun {
            limits,
            grants: Arc::new(policy),
            stdout: Box::new(out.clone()),
            stderr: Box::new(err.clone()),
            stdin: stdin.map(|s| {
                Box::new(std::io::Cursor::new(s.into_bytes())) as Box<dyn std::io::BufRead + Send>
            }),
            interrupt: Some(flag.clone()),
            modules: Arc::new(
                modules
                    .into_iter()
                    .map(|(name, text)| {
                        let source = Source::new(format!("<module {name}>"), &text);
                        (name, source)
                    })
                    .collect(),
            ),
            calls: Some(host.clone()),
            env: run_env,
            import_roots: import_paths.into_iter().map(Into::into).collect(),
            bridges,
        };
        let watch = sigint::Watch::start(py, &flag);
        let injection_error: Mutex<Option<PyErr>> = Mutex::new(None);
        let program = &self.program;
        let result = py.allow_threads(|| {
            run_host(
                engine(true),
                program,
                run,
                |heap| {
                    let mut values = vec![(
                        "__python_callback".to_string(),
                        host_callable(heap, CALLBACK_ID)?,
                    )];
                    let Some(globals) = globals else {
                        return Ok(values);
                    };
                    Python::with_gil(|py| {
                        let mut to_ml = ToMl::new(Some(&host), max_depth);
                        for (k, v) in globals.bind(py).iter() {
                            let name: String = match k.extract() {
                                Ok(n) => n,
                                Err(e) => {
                                    stash(&injection_error, e);
                                    return Err(RtError::type_error("bad global name"));
                                }
                            };
                            match to_ml.convert(&v, heap) {
                                Ok(value) => values.push((name, value)),
                                Err(ToMlError::Ml(e)) => return Err(e),
                                Err(ToMlError::Py(e)) => {
                                    stash(&injection_error, e);
                                    return Err(RtError::type_error("conversion failed"));
                                }
                            }
                        }
                        Ok(values)
                    })
                },
                |heap, outcome| {
                    Python::with_gil(|py| {
                        let mut to_py = ToPy::new(max_depth);
                        let error_data = outcome
                            .error_data
                            .map_or_else(|| py.None(), |v| to_object(&mut to_py, py, heap, v));
                        let variables = PyDict::new(py);
                        // Variables naming the same container (and the result value, usually
                        // also a variable) share one Python object, as they share one ML value.
                        let mut converted: HashMap<mlpy::host::Gc, PyObject> = HashMap::new();
                        let mut convert_top = |v: mlpy::host::Value| -> Option<PyObject> {
                            let Some(g) = v.gc() else {
                                return to_py.convert(py, heap, v).ok().map(Bound::unbind);
                            };
                            if let Some(o) = converted.get(&g) {
                                return Some(o.clone_ref(py));
                            }
                            let o = to_py.convert(py, heap, v).ok()?.unbind();
                            converted.insert(g, o.clone_ref(py));
                            Some(o)
                        };
                        if want_variables {
                            for (name, v) in &outcome.globals {
                                if is_data(*v) {
                                    if let Some(object) = convert_top(*v) {
                                        // set_item on a fresh dict with str keys cannot fail.
                                        let _ = variables.set_item(name, object);
                                    }
                                }
                            }
                        }
                        let value = outcome
                            .value
                            .and_then(&mut convert_top)
                            .unwrap_or_else(|| py.None());
                        Finished {
                            value,
                            variables: variables.into_any().unbind(),
                            error_data,
                        }
                    })
                },
            )
        });
        if let Some(w) = watch {
            w.finish(py)?;
        }
        if let Some(e) = injection_error.into_inner().ok().flatten() {
            return Err(e);
        }
        let cause: PyObject = match host.last_exception.lock() {
            Ok(mut slot) => slot
                .take()
                .map_or_else(|| py.None(), |e| e.into_value(py).into_any()),
            Err(_) => py.None(),
        };
        let finished = result.finished;
        let error: PyObject = match &result.error {
            None => py.None(),
            Some(e) => error_tuple(py, e, finished.error_data)?,
        };
        let usage = result.usage;
        let tuple = PyTuple::new(
            py,
            [
                out.text().into_pyobject(py)?.into_any().unbind(),
                err.text().into_pyobject(py)?.into_any().unbind(),
                error,
                finished.value,
                finished.variables,
                usage.fuel_used.into_pyobject(py)?.into_any().unbind(),
                usage.peak_memory.into_pyobject(py)?.into_any().unbind(),
                usage
                    .wall
                    .as_secs_f64()
                    .into_pyobject(py)?
                    .into_any()
                    .unbind(),
                cause,
                violations.names().into_pyobject(py)?.into_any().unbind(),
            ],
        )?;
        Ok(tuple.into_any().unbind())
    }
}

/// A value as a Python object; one that cannot be converted (a cycle) becomes `None`.
fn to_object(
    to_py: &mut ToPy,
    py: Python<'_>,
    heap: &mlpy::host::Heap,
    v: mlpy::host::Value,
) -> PyObject {
    to_py
        .convert(py, heap, v)
        .map(Bound::unbind)
        .unwrap_or_else(|_| py.None())
}

fn stash(slot: &Mutex<Option<PyErr>>, e: PyErr) {
    if let Ok(mut s) = slot.lock() {
        s.get_or_insert(e);
    }
}

/// `(kind, message, line, column, stack, data, is_limit, rendered)` of a run's error.
fn error_tuple(py: Python<'_>, e: &Error, data: PyObject) -> PyResult<PyObject> {
    let rendered = e.render(false);
    let t = match e.runtime() {
        Some(r) => {
            let stack = PyList::empty(py);
            for f in &r.stack {
                stack.append((f.function.clone(), f.line, f.column))?;
            }
            (
                r.kind.clone(),
                r.message.clone(),
                r.line,
                r.column,
                stack.into_any().unbind(),
                data,
                matches!(e, Error::Limit { .. }),
                rendered,
            )
        }
        None => {
            let issues = error_issues(e);
            let (message, line, column) = issues
                .first()
                .map(|i| (i.2.clone(), i.3, i.4))
                .unwrap_or_else(|| (rendered.clone(), 0, 0));
            let kind = match e {
                Error::Security { .. } => "SecurityError",
                Error::Host(_) => "RuntimeError",
                _ => "SyntaxError",
            };
            (
                kind.to_string(),
                message,
                line,
                column,
                PyList::empty(py).into_any().unbind(),
                data,
                false,
                rendered,
            )
        }
    };
    Ok(t.into_pyobject(py)?.into_any().unbind())
}

/// `audit(source, name) -> issues`: syntax errors or every audit finding (any severity).
#[pyfunction]
fn audit(py: Python<'_>, source: &str, name: &str) -> Vec<Issue> {
    let source = Source::new(name, source);
    match py.allow_threads(|| mlpy::audit_source(&source)) {
        Ok(findings) => finding_issues(&source, &findings),
        Err(e) => error_issues(&e),
    }
}

/// `transpile(...) -> (python | None, issues, source_map_json | None)` in open world
/// (python-api.md §2.1): unknown names are warnings and run-time host lookups. `modules`:
/// ML modules held by the host (the registry's ML files), embedded when imported.
#[pyfunction]
#[pyo3(signature = (source, name, *, strict=true, source_map=false, max_depth=1000,
    max_output=None, grants=Vec::new(), tz=None, output_name=None, import_paths=Vec::new(),
    runtime="embed", modules=HashMap::new()))]
#[allow(clippy::too_many_arguments)]
fn transpile(
    py: Python<'_>,
    source: &str,
    name: &str,
    strict: bool,
    source_map: bool,
    max_depth: u64,
    max_output: Option<u64>,
    grants: Vec<String>,
    tz: Option<String>,
    output_name: Option<String>,
    import_paths: Vec<String>,
    runtime: &str,
    modules: HashMap<String, String>,
) -> PyResult<(Option<String>, Vec<Issue>, Option<String>)> {
    let runtime = match runtime {
        "embed" => mlpy::PythonRuntime::Embed,
        "import" => mlpy::PythonRuntime::Import,
        other => {
            return Err(PyValueError::new_err(format!(
                "runtime must be 'embed' or 'import', not {other:?}"
            )))
        }
    };
    // Opaque names (host bridges) are allowed here, as in `run` (python-api.md §7.2).
    let mut parsed = Vec::new();
    for g in &grants {
        let pairs = mlpy::host::parse_grant(g).map_err(PyValueError::new_err)?;
        parsed.extend(
            pairs
                .into_iter()
                .map(|(name, patterns)| mlpy::Grant { name, patterns }),
        );
    }
    let options = mlpy::TranspileOptions {
        strict,
        open_world: true,
        max_depth,
        max_output,
        grants: parsed,
        tz,
        source_map,
        output_name,
        import_paths: import_paths.into_iter().map(Into::into).collect(),
        modules: modules
            .into_iter()
            .map(|(name, text)| {
                let source = Source::new(format!("<module {name}>"), &text);
                (name, source)
            })
            .collect(),
        runtime,
    };
    let source = Source::new(name, source);
    Ok(
        match py.allow_threads(|| mlpy::transpile(&source, &options)) {
            Ok(t) => {
                let mut issues = diagnostic_issues(&source, &t.warnings);
                issues.extend(finding_issues(&source, &t.findings));
                (Some(t.python), issues, t.source_map)
            }
            Err(e) => (None, error_issues(&e), None),
        },
    )
}

/// One outline entry: `(node_type, name, line, column)`.
type Node = (&'static str, Option<String>, usize, usize);

/// `outline(source, name) -> (items, symbols, scopes) | None`: the program's top-level
/// statements `(node_type, name, line, column)`, the names it binds `(name, kind, node_type,
/// line, column, scope_level)` and its function scopes `(name, line, column, end_line,
/// end_column)`; `None` on syntax errors (python-api.md P-61, §3 debugInfo).
#[pyfunction]
#[allow(clippy::type_complexity)]
fn outline(
    py: Python<'_>,
    source: &str,
    name: &str,
) -> Option<(
    Vec<Node>,
    Vec<(String, &'static str, &'static str, usize, usize, usize)>,
    Vec<(Option<String>, usize, usize, usize, usize)>,
)> {
    let source = Source::new(name, source);
    let o = py.allow_threads(|| mlpy::outline(&source)).ok()?;
    let at = |offset: u32| line_col(&source, offset);
    let items = o
        .items
        .into_iter()
        .map(|i| {
            let (line, column) = at(i.start);
            (i.node_type, i.name, line, column)
        })
        .collect();
    let symbols = o
        .symbols
        .into_iter()
        .map(|s| {
            let (line, column) = at(s.start);
            (s.name, s.kind, s.node_type, line, column, s.scope_level)
        })
        .collect();
    let scopes = o
        .scopes
        .into_iter()
        .map(|s| {
            let (line, column) = at(s.start);
            let (end_line, end_column) = at(s.end);
            (s.name, line, column, end_line, end_column)
        })
        .collect();
    Some((items, symbols, scopes))
}

/// `grant_table(grants) -> [(name, patterns)]`: what each grant string stands for
/// (python-api.md §7.2), for the capability checks of emitted Python (D3).
#[pyfunction]
fn grant_table(grants: Vec<String>) -> PyResult<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for g in &grants {
        out.extend(mlpy::host::parse_grant(g).map_err(PyValueError::new_err)?);
    }
    Ok(out)
}

/// Source of `mlpy.runtime.pyprelude`, the runtime that programs transpiled with
/// `runtime="import"` load instead of embedding it.
#[pyfunction]
fn python_runtime_module() -> String {
    mlpy::python_runtime_module()
}

#[pymodule]
fn _mlpy(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeProgram>()?;
    m.add_class::<host::MLFunction>()?;
    m.add_class::<Interrupt>()?;
    m.add_class::<NativeBridges>()?;
    m.add_class::<TokenUsage>()?;
    m.add_function(wrap_pyfunction!(compile, m)?)?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(transpile, m)?)?;
    m.add_function(wrap_pyfunction!(python_runtime_module, m)?)?;
    m.add_function(wrap_pyfunction!(grant_table, m)?)?;
    m.add_function(wrap_pyfunction!(outline, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    sigint::init(m.py())?;
    Ok(())
}
