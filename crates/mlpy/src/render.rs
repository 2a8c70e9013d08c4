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
use std::borrow::Cow;

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

    let (snippet, start, end) = snippet(&source.text, start, end, line);
    let windowed = matches!(snippet, Cow::Owned(_));
    let file = SimpleFile::new(source.name.as_ref(), snippet.as_ref());
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
            match rest.split_once('\n') {
                // A cut line: codespan's location counts columns from the window's start.
                Some((location, snippet)) if windowed && location.contains("┌─") => {
                    let arrow = location.find("┌─").unwrap_or(0);
                    out.push_str(&format!(
                        "{}┌─ {}:{}:{}\n{}",
                        &location[..arrow],
                        source.name,
                        line,
                        column,
                        snippet
                    ));
                }
                _ => out.push_str(rest),
            }
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

/// Longest source line shown whole under a report; a longer one (minified or hostile input)
/// is cut to a window around the error, so a report stays small whatever the input.
const MAX_SHOWN_LINE: usize = 240;

/// The text codespan draws the snippet from, and the label range in it. Usually the source
/// itself; when the error's line is longer than [`MAX_SHOWN_LINE`], `line - 1` newlines (so
/// the line number is right) and then `…` + a window of that line around `start` + `…`.
fn snippet(text: &str, start: usize, end: usize, line: usize) -> (Cow<'_, str>, usize, usize) {
    let bytes = text.as_bytes();
    let line_start = bytes[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| start + i);
    if line_end - line_start <= MAX_SHOWN_LINE {
        return (Cow::Borrowed(text), start, end);
    }
    let boundary = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = boundary(start.saturating_sub(MAX_SHOWN_LINE / 3).max(line_start));
    let to = boundary((from + MAX_SHOWN_LINE).min(line_end));
    let mut shown = "\n".repeat(line.saturating_sub(1));
    if from > line_start {
        shown.push('…');
    }
    let offset = shown.len();
    shown.push_str(&text[from..to]);
    if to < line_end {
        shown.push('…');
    }
    let label_start = offset + (start - from);
    let label_end = offset + (end.min(to).max(start) - from);
    (Cow::Owned(shown), label_start, label_end)
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

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_error() {
        let text = format!(
            "ok = 1;\nx = {}@{};\n",
            "a + ".repeat(50_000),
            "b".repeat(50_000)
        );
        let at = text.find('@').unwrap();
        let src = Source::new("long.ml", text.as_str());
        let out = render(
            &src,
            &Report {
                kind: "SyntaxError",
                message: "unexpected character",
                range: TextRange::new((at as u32).into(), (at as u32 + 1).into()),
                notes: &[],
                is_warning: false,
                stack: &[],
            },
            false,
        );
        assert!(out.starts_with("long.ml:2:200005: SyntaxError"), "{out}");
        assert!(out.contains("┌─ long.ml:2:200005\n"), "{out}");
        assert!(out.len() < 1_000, "{} bytes", out.len());
        assert!(out.contains("2 │ …") && out.contains("a + @bbb"), "{out}");
        // The caret sits under the `@`.
        let shown = out.lines().find(|l| l.contains('@')).unwrap();
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            shown.chars().position(|c| c == '@'),
            caret.chars().position(|c| c == '^')
        );
    }
}
