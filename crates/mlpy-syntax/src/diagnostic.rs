//! The one diagnostic type of the whole pipeline (syntax, semantic, audit, runtime rendering).
//!
//! A diagnostic is plain data: severity, message, the byte range it points at, optional notes.
//! Rendering (carets, colours) is the facade's job; no crate below it formats diagnostics.

use rowan::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
    /// Extra lines shown under the caret (hints, expected tokens).
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, range: TextRange) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            range,
            notes: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>, range: TextRange) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            range,
            notes: Vec::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
