//! ML front end: `logos` tokens -> event parser with recovery -> lossless flat green tree (and,
//! on demand, a `rowan` CST) -> typed AST.
//!
//! Invariants: parsing never fails and never panics; the tree's text equals the input byte for
//! byte; nesting deeper than [`MAX_NESTING`] becomes a diagnostic instead of deeper recursion;
//! time is linear in the input (the `//` comment fallback re-parses a bounded number of times).
//!
//! Entry points: [`parse`] (tree + diagnostics) and [`is_incomplete`] (REPL continuation).

pub mod ast;
mod diagnostic;
mod grammar;
mod green;
mod lexer;
mod parser;
mod syntax_kind;

use std::sync::OnceLock;

use rowan::GreenNode;

pub use ast::{unescape, AstNode, GreenRef};
pub use diagnostic::{Diagnostic, Severity};
pub use lexer::is_incomplete;
pub use rowan::{TextRange, TextSize};
pub use syntax_kind::{
    MlLanguage, SyntaxElement, SyntaxKind, SyntaxNode, SyntaxNodeChildren, SyntaxToken,
};

/// Deepest nesting the parser follows (brackets, blocks, prefix operators, and each link of a
/// left-nested operator/call/member chain count one level). Deeper input gets one
/// "nesting too deep" diagnostic and the over-deep part is kept as an `ERROR` node.
pub const MAX_NESTING: usize = 512;

/// Diagnostics kept per parse and per phase (lexer, parser); later ones are dropped so hostile
/// input stays cheap to report.
pub(crate) const MAX_ERRORS: usize = 100;

/// Upper bound on parses per input for the `//` fallback.
const MAX_PASSES: usize = 16;

/// Longest source text (bytes) that is parsed. Longer input (the tree's positions and element
/// indices are 32-bit) becomes one error token under the root, with one diagnostic.
pub const MAX_SOURCE_LEN: usize = 256 << 20;

/// The result of parsing: a lossless tree plus the syntax diagnostics (sorted by position).
#[derive(Debug, Clone)]
pub struct Parse {
    green: green::GreenTree,
    /// The same tree for rowan, built on the first use of the red API ([`Parse::syntax`]).
    rowan: OnceLock<GreenNode>,
    diagnostics: Vec<Diagnostic>,
}

impl PartialEq for Parse {
    fn eq(&self, other: &Parse) -> bool {
        self.green == other.green && self.diagnostics == other.diagnostics
    }
}

impl Eq for Parse {}

impl Parse {
    /// The typed root over the green tree (borrowed, allocation-free to walk: what lowering
    /// reads). `ast::SourceFile::cast(parse.syntax())` gives the red one.
    pub fn tree(&self) -> ast::SourceFile<GreenRef<'_>> {
        // The root is always a SOURCE_FILE node (see `grammar::source_file`).
        ast::SourceFile::cast(GreenRef::root(&self.green))
            .unwrap_or_else(|| unreachable!("root is SOURCE_FILE"))
    }

    /// The untyped red root node (rowan's tree is built on the first call).
    pub fn syntax(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.rowan.get_or_init(|| self.green.to_rowan()).clone())
    }

    /// Syntax errors (lexical and grammatical), in source order. Empty means the program is
    /// syntactically valid.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Indented dump of the tree followed by one `error START..END: MESSAGE` line per
    /// diagnostic (notes indented below it). Used by the golden tests.
    pub fn debug_tree(&self) -> String {
        let mut out = format!("{:#?}", self.syntax());
        for d in &self.diagnostics {
            let (start, end) = (u32::from(d.range.start()), u32::from(d.range.end()));
            out.push_str(&format!("error {start}..{end}: {}\n", d.message));
            for note in &d.notes {
                out.push_str(&format!("  note: {note}\n"));
            }
        }
        out
    }
}

/// Parses a whole ML source text. Never fails; see [`Parse::diagnostics`].
///
/// The same-line `//` fallback (language.md §1.2, E10): when the parser reports an error on the
/// same physical line as an earlier operator-`//`, that `//` and the rest of its line become a
/// comment and the input is parsed again (each `//` at most once).
pub fn parse(text: &str) -> Parse {
    if text.len() > MAX_SOURCE_LEN {
        return oversized(text);
    }
    let mut forced = Vec::new();
    let mut pass = 0;
    let mut first: Option<Parse> = None;
    loop {
        let lexed = lexer::lex(text, &forced);
        let mut p = parser::Parser::new(text, &lexed.tokens);
        grammar::source_file(&mut p);
        let (events, mut errors, mut error_offsets) = p.finish();
        errors.sort_by_key(|e| e.range.start());
        // Lexical errors count too: an unterminated `'` in `a // it's` is not acceptable either.
        error_offsets.extend(lexed.errors.iter().map(|e| e.range.start()));
        error_offsets.sort_unstable();
        // Only errors make the operator-`//` tokens matter (fallback and hints).
        let slashes: Vec<TextRange> = if errors.is_empty() && error_offsets.is_empty() {
            Vec::new()
        } else {
            lexed
                .tokens
                .iter()
                .filter(|t| t.kind == SyntaxKind::SLASH_SLASH)
                .map(|t| t.range)
                .collect()
        };
        let retry = if pass < MAX_PASSES {
            fallback_candidates(text, &slashes, &error_offsets)
        } else {
            Vec::new()
        };
        if retry.is_empty() || pass == 0 {
            add_slash_hints(text, &slashes, &mut errors);
            let green = parser::build_tree(text, &lexed.tokens, &lexed.trivia, events);
            let mut diagnostics = lexed.errors;
            merge_parser_errors(&mut diagnostics, errors);
            diagnostics.sort_by_key(|d| d.range.start());
            let parse = Parse {
                green,
                rowan: OnceLock::new(),
                diagnostics,
            };
            if retry.is_empty() {
                // A fallback that does not reduce the errors only moves them somewhere less
                // helpful (often to the end of input): report the operator reading instead.
                return match first {
                    Some(first) if first_errors(&first) <= first_errors(&parse) => first,
                    _ => parse,
                };
            }
            first = Some(parse);
        }
        forced.extend(retry);
        forced.sort_unstable();
        pass += 1;
    }
}

/// The tree of a source longer than [`MAX_SOURCE_LEN`]: the whole text as one error token in
/// an `ERROR` node (positions saturate at 4 GiB, rowan's limit), and a diagnostic at its start.
fn oversized(text: &str) -> Parse {
    let len = TextSize::from(u32::try_from(text.len()).unwrap_or(u32::MAX));
    let mut builder = green::Builder::new(text, 3);
    builder.start_node(SyntaxKind::SOURCE_FILE);
    builder.start_node(SyntaxKind::ERROR);
    builder.token(SyntaxKind::ERROR_TOKEN, TextRange::up_to(len));
    builder.finish_node();
    builder.finish_node();
    let message = format!(
        "source is too large: {} bytes (at most {} MiB)",
        text.len(),
        MAX_SOURCE_LEN >> 20
    );
    Parse {
        green: builder.finish(),
        rowan: OnceLock::new(),
        diagnostics: vec![Diagnostic::error(
            message,
            TextRange::empty(TextSize::from(0)),
        )],
    }
}

fn first_errors(parse: &Parse) -> usize {
    parse.diagnostics.iter().filter(|d| d.is_error()).count()
}

/// Adds the parser's errors to the lexer's, dropping the ones that only echo a lexical error:
/// those starting where a lexical error starts, and those inside an unterminated string.
fn merge_parser_errors(diagnostics: &mut Vec<Diagnostic>, errors: Vec<Diagnostic>) {
    let unterminated = diagnostics
        .iter()
        .filter(|d| d.message == lexer::UNTERMINATED_STRING)
        .map(|d| d.range.start())
        .min();
    let lexical: Vec<TextSize> = diagnostics.iter().map(|d| d.range.start()).collect();
    diagnostics.extend(errors.into_iter().filter(|e| {
        let start = e.range.start();
        unterminated.is_none_or(|u| start < u) && lexical.binary_search(&start).is_err()
    }));
}

/// The operator-`//` tokens to re-read as comments: those for which the first parser error
/// after them lies on their own physical line. All are converted in one pass (a later `//` only
/// becomes a candidate in the next pass if an earlier conversion changed how it lexes).
fn fallback_candidates(text: &str, slashes: &[TextRange], errors: &[TextSize]) -> Vec<TextSize> {
    if errors.is_empty() || slashes.is_empty() {
        return Vec::new();
    }
    // Offsets of line terminators (a CR LF pair counts once, at its LF).
    let bytes = text.as_bytes();
    let breaks: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .collect();
    let line_of = |offset: TextSize| breaks.partition_point(|&b| b < u32::from(offset) as usize);
    slashes
        .iter()
        .filter(|slash| {
            let next_error = errors.partition_point(|&e| e <= slash.start());
            errors
                .get(next_error)
                .is_some_and(|&e| line_of(e) == line_of(slash.start()))
        })
        .map(|slash| slash.start())
        .collect()
}

fn last_slash_before(slashes: &[TextRange], pos: TextSize) -> Option<TextRange> {
    let idx = slashes.partition_point(|r| r.start() < pos);
    idx.checked_sub(1).map(|i| slashes[i])
}

/// Adds a hint to errors that follow an operator-`//` on the same or the next line with no `;`
/// in between: the author probably meant a comment.
fn add_slash_hints(text: &str, slashes: &[TextRange], errors: &mut [Diagnostic]) {
    const NEAR: u32 = 240;
    for error in errors {
        let Some(slash) = last_slash_before(slashes, error.range.start()) else {
            continue;
        };
        if u32::from(error.range.start() - slash.start()) > NEAR {
            continue;
        }
        let between = &text[TextRange::new(slash.start(), error.range.start())];
        let line_breaks = between
            .matches('\n')
            .count()
            .max(between.matches('\r').count());
        if line_breaks <= 1 && !between.contains(';') {
            error.notes.push(
                "hint: '//' directly after an operand is floor division; to start a comment here, \
                 end the statement with ';' first or put the comment on its own line"
                    .to_string(),
            );
        }
    }
}
