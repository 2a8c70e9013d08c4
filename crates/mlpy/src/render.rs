//! Renders diagnostics and runtime errors in the CLI contract's format (spec D16):
//! a first line `FILE:LINE:COL: KIND: MESSAGE`, then the source line with a caret under the
//! offending text (drawn by `codespan-reporting`), then notes, then for runtime errors the ML
//! stack, innermost first, as `  at NAME (FILE:LINE:COL)`.
//!
//! codespan-reporting draws its own `severity: message` header; we replace that one line with
//! the contract's header and keep its snippet rendering. Colour only when asked (a terminal).

use crate::source::Source;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer, Config};
use mlpy_syntax::TextRange;

/// One frame of an ML stack trace. A frame with `line == 0` is not a frame but an elision
/// line (its `function` is the text shown, e.g. `... 960 more frames ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackFrame {
    pub function: String,
    /// The frame's file; `None` means the file of the error being rendered.
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// Everything needed to render one report.
pub struct Report<'a> {
    pub kind: &'a str,
    pub message: &'a str,
    pub range: TextRange,
    pub notes: &'a [String],
    pub is_warning: bool,
    pub stack: &'a [StackFrame],
}

/// Renders `report` against `source`; `color` enables ANSI colours.
pub fn render(source: &Source, report: &Report<'_>, color: bool) -> String {
    let start = usize::from(report.range.start()).min(source.text.len());
    let end = usize::from(report.range.end()).clamp(start, source.text.len());
    let (line, column) = source.line_col(start);
    let mut out = format!(
        "{}:{}:{}: {}: {}\n",
        source.name, line, column, report.kind, report.message
    );

    let file = SimpleFile::new(source.name.as_ref(), source.text.as_ref());
    let severity = if report.is_warning {
        codespan_reporting::diagnostic::Severity::Warning
    } else {
        codespan_reporting::diagnostic::Severity::Error
    };
    let diagnostic = CsDiagnostic::new(severity)
        .with_message(report.message)
        .with_labels(vec![Label::primary((), start..end)])
        .with_notes(report.notes.to_vec());
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    if term::emit(&mut buffer, &config, &file, &diagnostic).is_ok() {
        let rendered = String::from_utf8_lossy(buffer.as_slice());
        // Drop codespan's own header line; ours above says the same in the contract's format.
        if let Some((_, rest)) = rendered.split_once('\n') {
            out.push_str(rest);
        }
    }
    for frame in report.stack {
        if frame.line == 0 {
            out.push_str(&format!("  {}\n", frame.function));
        } else {
            out.push_str(&format!(
                "  at {} ({}:{}:{})\n",
                frame.function,
                frame.file.as_deref().unwrap_or(&source.name),
                frame.line,
                frame.column
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_caret_and_stack() {
        let src = Source::new("prog.ml", "x = 1;\ny = x / 0;\n");
        let stack = [StackFrame {
            function: "<main>".into(),
            file: None,
            line: 2,
            column: 5,
        }];
        let text = render(
            &src,
            &Report {
                kind: "ZeroDivisionError",
                message: "division by zero",
                range: TextRange::new(11.into(), 16.into()),
                notes: &[],
                is_warning: false,
                stack: &stack,
            },
            false,
        );
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("prog.ml:2:5: ZeroDivisionError: division by zero")
        );
        assert!(text.contains("y = x / 0;"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(text.ends_with("  at <main> (prog.ml:2:5)\n"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }
}
