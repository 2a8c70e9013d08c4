//! Event-based parser infrastructure (modelled on rust-analyzer's `parser` crate): the grammar
//! (`grammar.rs`) drives a cursor over the significant tokens and records `Event`s; `build_tree`
//! then replays the events, re-inserting the trivia, into a [`GreenTree`].
//!
//! Invariants:
//! * every significant token is consumed at most once, in order; tokens the grammar never
//!   consumed are wrapped in a final `ERROR` node, so the tree always covers the whole input;
//! * no-progress guard: if the grammar looks at the same token more than `STEP_LIMIT` times
//!   without consuming anything, the cursor reports `EOF`, which ends every loop;
//! * recursion is bounded: `enter` refuses to go deeper than [`crate::MAX_NESTING`] levels;
//! * errors are deduplicated by position (at most one diagnostic starts at a given offset) and
//!   capped at `MAX_ERRORS` per parse.

use std::num::NonZeroU32;

use crate::green::{self, GreenTree};
use crate::lexer::{Token, Trivia};
use crate::{Diagnostic, SyntaxKind, SyntaxKind::*, TextRange, TextSize, MAX_ERRORS, MAX_NESTING};

/// Placeholder kind of abandoned or already-processed `Start` events.
const TOMBSTONE: SyntaxKind = EOF;
/// How often the grammar may look at one token without consuming it.
const STEP_LIMIT: u32 = 4096;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Event {
    /// Start a node. `forward_parent` is the distance to a `Start` event that must become this
    /// node's parent (set by `CompletedMarker::precede`).
    Start {
        kind: SyntaxKind,
        forward_parent: Option<NonZeroU32>,
    },
    Finish,
    /// Consume the next significant token, giving it `kind` in the tree.
    Token {
        kind: SyntaxKind,
    },
}

pub(crate) struct Parser<'t> {
    text: &'t str,
    /// Significant tokens only.
    tokens: &'t [Token],
    pos: usize,
    events: Vec<Event>,
    errors: Vec<Diagnostic>,
    /// Start of every error reported, also past `MAX_ERRORS` (for the `//` fallback).
    error_offsets: Vec<TextSize>,
    depth: usize,
    steps: u32,
    too_deep_reported: bool,
}

impl<'t> Parser<'t> {
    /// A parser over the significant `tokens` of `text`.
    pub(crate) fn new(text: &'t str, tokens: &'t [Token]) -> Parser<'t> {
        Parser {
            text,
            // One event per token plus a start and a finish per node: about 2.5 per token in
            // typical code, so most inputs need no regrowth copy.
            events: Vec::with_capacity(tokens.len() * 5 / 2 + 16),
            tokens,
            pos: 0,
            errors: Vec::new(),
            error_offsets: Vec::new(),
            depth: 0,
            steps: 0,
            too_deep_reported: false,
        }
    }

    /// The events, the (capped) diagnostics, and the start offsets of all errors.
    pub(crate) fn finish(self) -> (Vec<Event>, Vec<Diagnostic>, Vec<TextSize>) {
        (self.events, self.errors, self.error_offsets)
    }

    // ---------------------------------------------------------------- lookahead

    /// Kind of the `n`-th significant token from the cursor (`EOF` past the end, or when the
    /// no-progress guard has tripped).
    #[inline]
    pub(crate) fn nth(&mut self, n: usize) -> SyntaxKind {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return self.stuck();
        }
        self.peek_raw(n)
    }

    /// The no-progress guard tripped: reports it once; the cursor reads `EOF` from now on.
    #[cold]
    #[inline(never)]
    fn stuck(&mut self) -> SyntaxKind {
        if self.steps == STEP_LIMIT + 1 {
            let range = self.current_range();
            self.errors.push(Diagnostic::error(
                "parser made no progress; rest of input skipped",
                range,
            ));
        }
        EOF
    }

    #[inline]
    pub(crate) fn current(&mut self) -> SyntaxKind {
        self.nth(0)
    }

    #[inline]
    pub(crate) fn at(&mut self, kind: SyntaxKind) -> bool {
        self.current() == kind
    }

    /// Lookahead for bounded scans: not counted by the no-progress guard.
    #[inline]
    pub(crate) fn peek_raw(&self, n: usize) -> SyntaxKind {
        self.tokens.get(self.pos + n).map_or(EOF, |t| t.kind)
    }

    /// Text of the `n`-th significant token from the cursor (`""` past the end).
    pub(crate) fn nth_text(&self, n: usize) -> &'t str {
        self.tokens
            .get(self.pos + n)
            .map_or("", |t| &self.text[t.range])
    }

    pub(crate) fn current_range(&self) -> TextRange {
        match self.tokens.get(self.pos) {
            Some(t) => t.range,
            None => TextRange::empty(TextSize::of(self.text)),
        }
    }

    /// Whether the current token begins its line with indentation `<= indent`.
    pub(crate) fn at_line_start_within(&self, indent: u32) -> bool {
        self.tokens
            .get(self.pos)
            .is_some_and(|t| t.first_on_line && t.indent <= indent)
    }

    /// Indentation of the current token's line and whether it is a `{` that is never closed.
    pub(crate) fn current_brace_layout(&self) -> (u32, bool) {
        self.tokens
            .get(self.pos)
            .map_or((0, false), |t| (t.indent, t.unclosed))
    }

    /// Whether the current and the next token touch (no trivia in between).
    pub(crate) fn next_is_adjacent(&self) -> bool {
        match (self.tokens.get(self.pos), self.tokens.get(self.pos + 1)) {
            (Some(a), Some(b)) => a.range.end() == b.range.start(),
            _ => false,
        }
    }

    /// Human description of the current token, for "found ..." in messages.
    pub(crate) fn describe_current(&self) -> String {
        let kind = self.peek_raw(0);
        let text = self.nth_text(0);
        match kind {
            EOF => "end of input".to_string(),
            IDENT => format!("identifier '{text}'"),
            INT_NUMBER | FLOAT_NUMBER => format!("number '{}'", shorten(text)),
            STRING => format!("string {}", shorten(text)),
            ERROR_TOKEN => format!("invalid token '{}'", shorten(text)),
            _ if kind.is_keyword() => format!("keyword '{text}'"),
            _ => format!("'{text}'"),
        }
    }

    // ---------------------------------------------------------------- consuming

    /// Consumes the current token with its own kind.
    pub(crate) fn bump_any(&mut self) {
        if let Some(t) = self.tokens.get(self.pos) {
            self.events.push(Event::Token { kind: t.kind });
            self.pos += 1;
            self.steps = 0;
        }
    }

    /// Consumes the current token, giving it `kind` in the tree (keywords used as names).
    pub(crate) fn bump_remap(&mut self, kind: SyntaxKind) {
        if self.pos < self.tokens.len() {
            self.events.push(Event::Token { kind });
            self.pos += 1;
            self.steps = 0;
        }
    }

    pub(crate) fn eat(&mut self, kind: SyntaxKind) -> bool {
        if self.at(kind) {
            self.bump_any();
            true
        } else {
            false
        }
    }

    /// Consumes a `kind` token or reports "expected {what}, found ...".
    pub(crate) fn expect(&mut self, kind: SyntaxKind, what: &str) -> bool {
        if self.eat(kind) {
            return true;
        }
        self.error_expected(what);
        false
    }

    /// Wraps the current token in an `ERROR` node.
    pub(crate) fn bump_error(&mut self) {
        let m = self.start();
        self.bump_any();
        m.complete(self, ERROR);
    }

    // ---------------------------------------------------------------- errors

    pub(crate) fn error_expected(&mut self, what: &str) {
        let message = format!("expected {what}, found {}", self.describe_current());
        self.error(message);
    }

    pub(crate) fn error(&mut self, message: impl Into<String>) {
        let range = self.current_range();
        self.error_at(range, message);
    }

    pub(crate) fn error_at(&mut self, range: TextRange, message: impl Into<String>) {
        if self.error_offsets.last() == Some(&range.start()) {
            return;
        }
        self.error_offsets.push(range.start());
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(Diagnostic::error(message, range));
        }
    }

    // ---------------------------------------------------------------- nesting

    /// Enters one nesting level; `false` (and nothing entered) past [`MAX_NESTING`].
    pub(crate) fn enter(&mut self) -> bool {
        if self.depth >= MAX_NESTING {
            return false;
        }
        self.depth += 1;
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Called when `enter` refused: reports "nesting too deep" (once per parse) and skips one
    /// bracket-balanced run of tokens (up to a `;` or an unmatched closer) without recursion.
    pub(crate) fn skip_too_deep(&mut self) {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            // Pushed directly: this one is never deduplicated or capped.
            let message = format!("nesting too deep (more than {MAX_NESTING} levels)");
            self.errors
                .push(Diagnostic::error(message, self.current_range()));
        }
        let m = self.start();
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            match self.current() {
                EOF => break,
                L_PAREN | L_BRACK | L_CURLY => depth += 1,
                R_PAREN | R_BRACK | R_CURLY => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => break,
                },
                SEMICOLON if depth == 0 => break,
                _ => {}
            }
            self.bump_any();
        }
        if self.pos == start {
            m.abandon(self);
        } else {
            m.complete(self, ERROR);
        }
    }

    // ---------------------------------------------------------------- markers

    pub(crate) fn start(&mut self) -> Marker {
        let pos = self.events.len() as u32;
        self.events.push(Event::Start {
            kind: TOMBSTONE,
            forward_parent: None,
        });
        Marker {
            pos,
            start_tok: self.pos as u32,
        }
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 24;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_string(),
    }
}

/// An open node.
#[must_use]
pub(crate) struct Marker {
    pos: u32,
    start_tok: u32,
}

impl Marker {
    pub(crate) fn complete(self, p: &mut Parser, kind: SyntaxKind) -> CompletedMarker {
        if let Some(Event::Start { kind: slot, .. }) = p.events.get_mut(self.pos as usize) {
            *slot = kind;
        }
        p.events.push(Event::Finish);
        CompletedMarker {
            pos: self.pos,
            start_tok: self.start_tok,
            end_tok: p.pos as u32,
            kind,
        }
    }

    pub(crate) fn abandon(self, p: &mut Parser) {
        if self.pos as usize + 1 == p.events.len() {
            p.events.pop();
        }
    }
}

/// A finished node, which can still be wrapped by a new parent (`precede`).
#[derive(Clone, Copy)]
pub(crate) struct CompletedMarker {
    pos: u32,
    start_tok: u32,
    end_tok: u32,
    kind: SyntaxKind,
}

impl CompletedMarker {
    pub(crate) fn kind(self) -> SyntaxKind {
        self.kind
    }

    /// Starts a node that will become the parent of this one.
    pub(crate) fn precede(self, p: &mut Parser) -> Marker {
        let new = p.start();
        if let Some(Event::Start { forward_parent, .. }) = p.events.get_mut(self.pos as usize) {
            *forward_parent = NonZeroU32::new(new.pos - self.pos);
        }
        Marker {
            pos: new.pos,
            start_tok: self.start_tok,
        }
    }

    /// Byte range of the node's tokens (the current token's range if it has none).
    pub(crate) fn range(self, p: &Parser) -> TextRange {
        let (start, end) = (self.start_tok as usize, self.end_tok as usize);
        match (
            p.tokens.get(start),
            end.checked_sub(1).and_then(|i| p.tokens.get(i)),
        ) {
            (Some(first), Some(last)) if end > start => first.range.cover(last.range),
            _ => p.current_range(),
        }
    }
}

/// Where trivia emission stands: the end of the last element emitted and the next stored
/// trivia (comments, the byte-order mark).
struct TriviaCursor<'a> {
    offset: TextSize,
    stored: &'a [Trivia],
    next: usize,
}

impl TriviaCursor<'_> {
    /// Emits the trivia between the last element emitted and `end`: the stored ones, and one
    /// `WHITESPACE` token per gap around them.
    #[inline]
    fn emit_until(&mut self, builder: &mut green::Builder, end: TextSize) {
        while self.offset < end {
            let (kind, range) = match self.stored.get(self.next) {
                Some(t) if t.range.start() == self.offset => {
                    self.next += 1;
                    (t.kind, t.range)
                }
                Some(t) if t.range.start() < end => {
                    (WHITESPACE, TextRange::new(self.offset, t.range.start()))
                }
                _ => (WHITESPACE, TextRange::new(self.offset, end)),
            };
            builder.token(kind, range);
            self.offset = range.end();
        }
    }
}

/// Replays `events` over the significant `tokens` into a green tree, re-inserting the trivia
/// between them (the stored `trivia` and the whitespace gaps). Leading trivia is placed before
/// a node starts; trailing trivia of the file goes to the root.
pub(crate) fn build_tree(
    text: &str,
    tokens: &[Token],
    trivia: &[Trivia],
    mut events: Vec<Event>,
) -> GreenTree {
    // Elements: the token events and the node starts (at most the events), plus one
    // whitespace gap at most before each significant token, each stored trivia and the end.
    let mut builder = green::Builder::new(text, events.len() + tokens.len() + 2 * trivia.len() + 1);
    let mut cursor = 0usize;
    let mut gaps = TriviaCursor {
        offset: TextSize::from(0),
        stored: trivia,
        next: 0,
    };
    let mut depth = 0usize;
    let mut parents = Vec::new();
    // Emits the trivia before the next significant token (all that is left after the last one).
    let emit_trivia = |builder: &mut green::Builder, cursor: usize, gaps: &mut TriviaCursor| {
        let end = tokens
            .get(cursor)
            .map_or(TextSize::of(text), |t| t.range.start());
        gaps.emit_until(builder, end);
    };
    for i in 0..events.len() {
        // Events are read once, in order; only the forward parents read out of order are
        // overwritten (with a tombstone) so they are not read again.
        let Some(&event) = events.get(i) else {
            break;
        };
        match event {
            Event::Start {
                kind: TOMBSTONE, ..
            } => {}
            Event::Start {
                kind,
                forward_parent: None,
            } => {
                if depth > 0 {
                    emit_trivia(&mut builder, cursor, &mut gaps);
                }
                builder.start_node(kind);
                depth += 1;
            }
            Event::Start {
                kind,
                forward_parent,
            } => {
                parents.push(kind);
                let mut idx = i;
                let mut next = forward_parent;
                while let Some(distance) = next {
                    idx += distance.get() as usize;
                    let Some(slot) = events.get_mut(idx) else {
                        break;
                    };
                    next = match std::mem::replace(
                        slot,
                        Event::Start {
                            kind: TOMBSTONE,
                            forward_parent: None,
                        },
                    ) {
                        Event::Start {
                            kind,
                            forward_parent,
                        } if kind != TOMBSTONE => {
                            parents.push(kind);
                            forward_parent
                        }
                        _ => None,
                    };
                }
                for kind in parents.drain(..).rev() {
                    if depth > 0 {
                        emit_trivia(&mut builder, cursor, &mut gaps);
                    }
                    builder.start_node(kind);
                    depth += 1;
                }
            }
            Event::Finish => {
                if depth == 1 {
                    // Closing the root: everything left goes inside it, tokens the grammar did
                    // not consume (and the trivia from the first of them on) in an `ERROR` node.
                    emit_trivia(&mut builder, cursor, &mut gaps);
                    if cursor < tokens.len() {
                        builder.start_node(ERROR);
                        for t in &tokens[cursor..] {
                            emit_trivia(&mut builder, cursor, &mut gaps);
                            builder.token(t.kind, t.range);
                            gaps.offset = t.range.end();
                            cursor += 1;
                        }
                        emit_trivia(&mut builder, cursor, &mut gaps);
                        builder.finish_node();
                    }
                }
                builder.finish_node();
                depth = depth.saturating_sub(1);
            }
            Event::Token { kind } => {
                emit_trivia(&mut builder, cursor, &mut gaps);
                if let Some(t) = tokens.get(cursor) {
                    builder.token(kind, t.range);
                    gaps.offset = t.range.end();
                    cursor += 1;
                }
            }
        }
    }
    builder.finish()
}
