//! Where the comments and blank lines of the source are, relative to the significant tokens.
//!
//! Invariant: slot `i` describes the trivia directly before significant token `i` (slot
//! `tokens.len()` the trivia before the end of the file), so every comment belongs to exactly one
//! slot and the formatter, which visits the significant tokens in source order, can emit each
//! comment exactly once.

use mlpy_syntax::{SyntaxKind, SyntaxNode, TextSize};

/// A `//` comment (text without trailing blanks).
#[derive(Debug)]
pub(crate) struct Comment {
    pub(crate) text: String,
    /// Line breaks between the previous token or comment and this comment.
    pub(crate) newlines_before: usize,
}

/// The trivia in front of one significant token.
#[derive(Debug, Default)]
pub(crate) struct Slot {
    pub(crate) comments: Vec<Comment>,
    /// Line breaks between the last comment (or the previous token) and the token.
    pub(crate) newlines_before: usize,
}

/// The trivia of a whole file.
pub(crate) struct Trivia {
    /// Start offset of each significant token, in source order.
    pub(crate) starts: Vec<TextSize>,
    /// `starts.len() + 1` slots.
    pub(crate) slots: Vec<Slot>,
}

/// Text of a comment as the formatter prints it: trailing blanks removed.
pub(crate) fn comment_text(raw: &str) -> &str {
    raw.trim_end_matches([' ', '\t', '\x0C'])
}

/// Line terminators in `ws`: LF, CR LF and CR each count once.
fn line_breaks(ws: &str) -> usize {
    let bytes = ws.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

impl Trivia {
    pub(crate) fn new(root: &SyntaxNode) -> Trivia {
        let mut starts = Vec::new();
        let mut slots = Vec::new();
        let mut slot = Slot::default();
        let mut newlines = 0;
        for token in root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
        {
            match token.kind() {
                SyntaxKind::WHITESPACE => newlines += line_breaks(token.text()),
                SyntaxKind::COMMENT => slot.comments.push(Comment {
                    text: comment_text(token.text()).to_string(),
                    newlines_before: std::mem::take(&mut newlines),
                }),
                _ => {
                    slot.newlines_before = std::mem::take(&mut newlines);
                    slots.push(std::mem::take(&mut slot));
                    starts.push(token.text_range().start());
                }
            }
        }
        slot.newlines_before = newlines;
        slots.push(slot);
        Trivia { starts, slots }
    }
}
