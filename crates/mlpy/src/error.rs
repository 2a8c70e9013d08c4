//! The facade's one error type: every way a compile or a run can fail, as kinds a host can
//! match on, each rendering with a caret (spec D16) and mapping to the CLI exit status.

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
    /// An uncaught runtime error, capability denial or limit hit.
    Runtime(Box<RuntimeError>),
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
    pub is_limit: bool,
}

/// The exit status family of an error (DESIGN CLI contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Script,
    Limit,
    Capability,
}

impl Error {
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Security { .. } => ErrorClass::Capability,
            Error::Runtime(e) if e.is_limit => ErrorClass::Limit,
            Error::Runtime(e) if e.kind == "CapabilityError" => ErrorClass::Capability,
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
            Error::Runtime(e) => {
                // A deep recursion carries one frame per call; show both ends only.
                const KEEP: usize = 20;
                let stack: Vec<StackFrame> = if e.stack.len() > 2 * KEEP {
                    let mut s = e.stack[..KEEP].to_vec();
                    s.push(StackFrame {
                        function: format!("... {} more frames ...", e.stack.len() - 2 * KEEP),
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
