//! The facade's one error type: every way a compile or a run can fail, as kinds a host can
//! match on (syntax, security, runtime, capability, each limit, host misuse), each rendering
//! with a caret (spec D16) and mapping to the CLI exit status.
//!
//! Invariant: a run's error is classified once, by [`Error::from_runtime`]: limit kinds become
//! [`Error::Limit`], an uncaught `CapabilityError` becomes [`Error::Capability`], the rest
//! [`Error::Runtime`].

use crate::render::{render, Report, StackFrame};
use crate::source::Source;
use mlpy_ir::audit::Finding;
use mlpy_syntax::{Diagnostic, Severity, TextRange};

/// What went wrong, with everything needed to render it.
#[derive(Debug, Clone)]
pub enum Error {
    /// The file could not be read.
    Io { name: String, message: String },
    /// The input is not UTF-8 (D18).
    InvalidUtf8 { name: String, offset: usize },
    /// Syntax or compile-time (semantic) errors; nothing ran.
    Syntax {
        source: Source,
        diagnostics: Vec<Diagnostic>,
    },
    /// Blocking security findings (strict audit, D11); nothing ran.
    Security {
        source: Source,
        findings: Vec<Finding>,
    },
    /// An uncaught runtime error (`TypeError`, a `throw` nobody caught, ...).
    Runtime(Box<RuntimeError>),
    /// A `CapabilityError` nobody caught: the script needed a capability the host did not grant.
    Capability(Box<RuntimeError>),
    /// A resource limit stopped the run.
    Limit {
        limit: LimitKind,
        error: Box<RuntimeError>,
    },
    /// The host used the API wrongly (no such function, a value that cannot cross, too many
    /// host functions); nothing about the script.
    Host(String),
}

/// Which resource limit stopped a run (values.md §9 kind names in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitKind {
    /// `FuelExhausted`: the instruction budget ran out.
    Fuel,
    /// `Timeout`: the wall-clock limit passed.
    Timeout,
    /// `MemoryLimit`: the heap budget ran out.
    Memory,
    /// `RecursionError`: call depth or data nesting too deep.
    Depth,
    /// `OutputLimit`: the script printed too much.
    Output,
    /// `Interrupted`: the host set the interrupt flag (Ctrl-C).
    Interrupted,
}

impl LimitKind {
    /// The limit kind of a values.md §9 kind name, if it is one.
    pub fn from_kind_name(kind: &str) -> Option<LimitKind> {
        Some(match kind {
            "FuelExhausted" => LimitKind::Fuel,
            "Timeout" => LimitKind::Timeout,
            "MemoryLimit" => LimitKind::Memory,
            "RecursionError" => LimitKind::Depth,
            "OutputLimit" => LimitKind::Output,
            "Interrupted" => LimitKind::Interrupted,
            _ => return None,
        })
    }
}

/// An error that ended a run.
#[derive(Debug, Clone)]
pub struct RuntimeError {
    pub source: Source,
    /// values.md §9 kind name: `TypeError`, `MLUserException`, `FuelExhausted`, ...
    pub kind: String,
    pub message: String,
    pub range: TextRange,
    pub line: usize,
    pub column: usize,
    /// Innermost first.
    pub stack: Vec<StackFrame>,
}

/// The exit status family of an error (DESIGN CLI contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Script,
    Limit,
    Capability,
}

impl Error {
    /// Classifies an error that ended a run by its kind.
    pub fn from_runtime(error: RuntimeError) -> Error {
        if let Some(limit) = LimitKind::from_kind_name(&error.kind) {
            return Error::Limit {
                limit,
                error: Box::new(error),
            };
        }
        if error.kind == "CapabilityError" {
            return Error::Capability(Box::new(error));
        }
        Error::Runtime(Box::new(error))
    }

    /// The run-time details (kind, message, position, ML stack) of a run's error.
    pub fn runtime(&self) -> Option<&RuntimeError> {
        match self {
            Error::Runtime(e) | Error::Capability(e) | Error::Limit { error: e, .. } => Some(e),
            _ => None,
        }
    }

    /// The values.md §9 kind name (`SyntaxError`, `TypeError`, `FuelExhausted`, ...).
    pub fn kind_name(&self) -> &str {
        match self {
            Error::Io { .. } | Error::InvalidUtf8 { .. } | Error::Host(_) => "Error",
            Error::Syntax { .. } => "SyntaxError",
            Error::Security { .. } => "SecurityError",
            Error::Runtime(e) | Error::Capability(e) | Error::Limit { error: e, .. } => &e.kind,
        }
    }

    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Security { .. } | Error::Capability(_) => ErrorClass::Capability,
            Error::Limit { .. } => ErrorClass::Limit,
            _ => ErrorClass::Script,
        }
    }

    /// CLI exit status: 1 script error, 3 limit, 4 capability/security.
    pub fn exit_code(&self) -> i32 {
        match self.class() {
            ErrorClass::Script => 1,
            ErrorClass::Limit => 3,
            ErrorClass::Capability => 4,
        }
    }

    /// Renders every problem, one block each (D16).
    pub fn render(&self, color: bool) -> String {
        match self {
            Error::Io { name, message } => format!("{name}: error: cannot read file: {message}\n"),
            Error::InvalidUtf8 { name, offset } => {
                format!("{name}: error: invalid UTF-8 at byte offset {offset}\n")
            }
            Error::Syntax {
                source,
                diagnostics,
            } => render_diagnostics(source, diagnostics, color),
            Error::Security { source, findings } => findings
                .iter()
                .filter(|f| f.severity.is_blocking())
                .map(|f| render_finding(source, f, color))
                .collect(),
            Error::Host(message) => format!("error: {message}\n"),
            Error::Runtime(e) | Error::Capability(e) | Error::Limit { error: e, .. } => {
                // A deep recursion carries one frame per call; show both ends only.
                const KEEP: usize = 20;
                let stack: Vec<StackFrame> = if e.stack.len() > 2 * KEEP {
                    let mut s = e.stack[..KEEP].to_vec();
                    s.push(StackFrame {
                        function: format!("... {} more frames ...", e.stack.len() - 2 * KEEP),
                        file: None,
                        line: 0,
                        column: 0,
                    });
                    s.extend_from_slice(&e.stack[e.stack.len() - KEEP..]);
                    s
                } else {
                    e.stack.clone()
                };
                render(
                    &e.source,
                    &Report {
                        kind: &e.kind,
                        message: &e.message,
                        range: e.range,
                        notes: &[],
                        is_warning: false,
                        stack: &stack,
                    },
                    color,
                )
            }
        }
    }
}

/// One line: `KIND: MESSAGE` (first syntax/security problem for compile errors).
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { name, message } => write!(f, "{name}: cannot read file: {message}"),
            Error::InvalidUtf8 { name, offset } => {
                write!(f, "{name}: invalid UTF-8 at byte offset {offset}")
            }
            Error::Syntax {
                source,
                diagnostics,
            } => match diagnostics.iter().find(|d| d.is_error()) {
                Some(d) => {
                    let (line, col) = source.line_col(d.range.start().into());
                    write!(
                        f,
                        "{}:{line}:{col}: SyntaxError: {}",
                        source.name, d.message
                    )
                }
                None => write!(f, "{}: SyntaxError", source.name),
            },
            Error::Security { source, findings } => match findings.first() {
                Some(x) => {
                    let (line, col) = source.line_col(x.range.start().into());
                    write!(
                        f,
                        "{}:{line}:{col}: SecurityError: {}",
                        source.name, x.message
                    )
                }
                None => write!(f, "{}: SecurityError", source.name),
            },
            Error::Host(message) => f.write_str(message),
            Error::Runtime(e) | Error::Capability(e) | Error::Limit { error: e, .. } => write!(
                f,
                "{}:{}:{}: {}: {}",
                e.source.name, e.line, e.column, e.kind, e.message
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Renders syntax/semantic diagnostics (errors as `SyntaxError`, warnings as `warning`).
pub fn render_diagnostics(source: &Source, diagnostics: &[Diagnostic], color: bool) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let is_warning = d.severity == Severity::Warning;
            render(
                source,
                &Report {
                    kind: if is_warning { "warning" } else { "SyntaxError" },
                    message: &d.message,
                    range: d.range,
                    notes: &d.notes,
                    is_warning,
                    stack: &[],
                },
                color,
            )
        })
        .collect()
}

/// Renders a security finding as `SecurityError` (blocking) or a warning.
pub fn render_finding(source: &Source, finding: &Finding, color: bool) -> String {
    let message = format!(
        "{} ({}: {})",
        finding.message,
        finding.severity.as_str(),
        finding.rule
    );
    let blocking = finding.severity.is_blocking();
    render(
        source,
        &Report {
            kind: if blocking { "SecurityError" } else { "warning" },
            message: &message,
            range: finding.range,
            notes: &[],
            is_warning: !blocking,
            stack: &[],
        },
        color,
    )
}
