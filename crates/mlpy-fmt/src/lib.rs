//! The ML formatter (spec D23): pretty-prints a file from its lossless syntax tree.
//!
//! Layout: 4-space indentation, `{` on the line of its statement, one statement per line, spaces
//! around binary operators, `=` and `=>`, after `,`, keywords and object-literal `:`, none inside
//! brackets; at most one blank line kept between statements; an argument, parameter, element or
//! property list that does not fit in 100 columns is broken one item per line.
//!
//! Invariants: every comment is kept, in its place relative to the tokens (a comment that ended a
//! line still ends one, an own-line comment stays on its own line); string literals and all other
//! tokens are kept byte for byte, so whether a `//` is floor division or a comment cannot change
//! (the source's line breaks after a floor-division `//` are kept too, because the same-line
//! comment fallback of language.md §1.2 looks at which tokens share that line).
//! Every result is checked before it is returned: it must re-parse without errors to the same
//! tree and the same comments, otherwise the input is reported as not formattable (never
//! silently changed). Formatting is idempotent. A file with syntax errors is not formatted: its
//! diagnostics are returned. Time and memory are linear in the input (each list is measured
//! against the line width at most once, and measuring stops at the end of the line).

mod build;
mod doc;
mod trivia;

pub use mlpy_syntax::Diagnostic;

use mlpy_syntax::{SyntaxKind, SyntaxNode, TextRange};

/// Formats an ML source text. `Err` carries the syntax diagnostics when the text does not parse
/// (ranges are relative to the text after a leading byte-order mark, as in `mlpy::Source`), or
/// one diagnostic when the formatter cannot lay the file out safely (nesting too deep for it, or
/// an internal check failed). A leading byte-order mark is kept; line breaks become `\n` (except
/// inside string literals, which are kept exactly).
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let parse = mlpy_syntax::parse(body);
    if parse.diagnostics().iter().any(Diagnostic::is_error) {
        return Err(parse.diagnostics().to_vec());
    }
    let root = parse.syntax();
    let doc = build::build(&root).map_err(|failure| {
        vec![internal(match failure {
            build::Failure::TooDeep => "the file is nested too deeply to be formatted",
            build::Failure::TokenOrder => {
                "internal formatter error: tokens out of order; the file is left unchanged"
            }
        })]
    })?;
    let out = doc::print(&doc);
    if !same_program(&root, &out) {
        return Err(vec![internal(
            "internal formatter error: the result would not re-parse to the same program; \
             the file is left unchanged",
        )]);
    }
    Ok(format!("{bom}{out}"))
}

fn internal(message: &str) -> Diagnostic {
    Diagnostic::error(message, TextRange::default())
}

/// Whether `formatted` parses without errors to a tree of the same shape as `original`, with the
/// same tokens (comments included, compared without trailing blanks) in the same order.
fn same_program(original: &SyntaxNode, formatted: &str) -> bool {
    let reparsed = mlpy_syntax::parse(formatted);
    !reparsed.diagnostics().iter().any(Diagnostic::is_error)
        && tokens(original) == tokens(&reparsed.syntax())
        && shape(original) == shape(&reparsed.syntax())
}

/// Every token except whitespace, with its text (comments without trailing blanks).
fn tokens(root: &SyntaxNode) -> Vec<(SyntaxKind, String)> {
    root.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() != SyntaxKind::WHITESPACE)
        .map(|t| {
            let text = match t.kind() {
                SyntaxKind::COMMENT => trivia::comment_text(t.text()),
                _ => t.text(),
            };
            (t.kind(), text.to_string())
        })
        .collect()
}

/// Each node in preorder as (kind, first significant token, end): equal shapes over equal
/// significant tokens mean the same parse, whatever the trivia.
fn shape(root: &SyntaxNode) -> Vec<(SyntaxKind, usize, usize)> {
    let starts: Vec<_> = root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
        .map(|t| t.text_range().start())
        .collect();
    let index = |offset| starts.partition_point(|&s| s < offset);
    root.descendants()
        .map(|n| {
            let range = n.text_range();
            (n.kind(), index(range.start()), index(range.end()))
        })
        .collect()
}
