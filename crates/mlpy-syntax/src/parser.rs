//! Event-based parser infrastructure (modelled on rust-analyzer's `parser` crate): the grammar
//! (`grammar.rs`) drives a cursor over the significant tokens and records `Event`s; `build_tree`
//! then replays the events, re-inserting the trivia, into a `rowan` green tree.
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

use hashbrown::HashMap;
use rowan::{GreenNode, GreenToken, NodeOrToken};

use crate::lexer::{Token, Trivia};
use crate::{Diagnostic, SyntaxKind, SyntaxKind::*, TextRange, TextSize, MAX_ERRORS, MAX_NESTING};

/// Placeholder kind of abandoned or already-processed `Start` events.
const TOMBSTONE: SyntaxKind = EOF;
/// How often the grammar may look at one token without consuming it.
const STEP_LIMIT: u32 = 4096;

#[derive(Debug)]
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
    pub(crate) fn nth(&mut self, n: usize) -> SyntaxKind {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            if self.steps == STEP_LIMIT + 1 {
                let range = self.current_range();
                self.errors.push(Diagnostic::error(
                    "parser made no progress; rest of input skipped",
                    range,
                ));
            }
            return EOF;
        }
        self.peek_raw(n)
    }

    pub(crate) fn current(&mut self) -> SyntaxKind {
        self.nth(0)
    }

    pub(crate) fn at(&mut self, kind: SyntaxKind) -> bool {
        self.current() == kind
    }

    /// Lookahead for bounded scans: not counted by the no-progress guard.
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

/// log2 of the entries of the green sink's front cache of recent tokens.
const FRONT_BITS: u32 = 11;
/// log2 of the entries of the green sink's cache of leaf nodes.
const LEAF_BITS: u32 = 10;

/// Token kinds the lexer always spells the same way (punctuation and reserved words; the parser
/// only ever re-kinds tokens to `IDENT`, which is not one of them).
fn fixed_spelling(kind: SyntaxKind) -> Option<usize> {
    let i = (kind as u16).checked_sub(L_PAREN as u16)?;
    (kind as u16 <= FALSE_KW as u16).then_some(usize::from(i))
}

/// The first (up to) 8 bytes of `bytes[start..start + len]`, little-endian, zero-padded.
fn prefix_word(bytes: &[u8], start: usize, len: usize) -> u64 {
    let word = match bytes.get(start..start + 8) {
        Some(w) => <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes),
        None => {
            let mut buf = [0u8; 8];
            let take = len.min(8);
            if let (Some(dst), Some(src)) = (buf.get_mut(..take), bytes.get(start..start + take)) {
                dst.copy_from_slice(src);
            }
            u64::from_le_bytes(buf)
        }
    };
    if len >= 8 {
        word
    } else {
        word & ((1u64 << (8 * len)) - 1)
    }
}

/// A front-cache entry: the token and the key it was stored under (kind, length and first
/// bytes inline, so a hit on a short token reads no token memory).
struct Recent {
    word: u64,
    len: u32,
    kind: SyntaxKind,
    token: Option<GreenToken>,
}

/// A leaf-cache entry: a node of `kind` whose only child is the token at `token`.
struct Leaf {
    token: usize,
    kind: SyntaxKind,
    node: Option<GreenNode>,
}

/// Builds the green tree bottom-up without rowan's `NodeCache` (whose hashing of every node and
/// token was the largest cost of parsing). Equal tokens are shared: punctuation and reserved
/// words through a table indexed by kind, other tokens through a direct-mapped front cache
/// (most tokens repeat a recent spelling: indentation, names) backed by an interning table.
/// Nodes whose only child is a token (names, literals) are shared through a direct-mapped
/// cache keyed by kind and token identity; other nodes are not deduplicated.
struct GreenSink<'t> {
    text: &'t str,
    /// Children of the open nodes, innermost last.
    children: Vec<NodeOrToken<GreenNode, GreenToken>>,
    /// Each open node: its kind and where its children start in `children`.
    open: Vec<(SyntaxKind, usize)>,
    /// The token of each fixed-spelling kind, indexed by [`fixed_spelling`].
    fixed: Vec<Option<GreenToken>>,
    recent: Vec<Recent>,
    leaves: Vec<Leaf>,
    interned: HashMap<(SyntaxKind, &'t str), GreenToken>,
}

impl<'t> GreenSink<'t> {
    fn new(text: &'t str, tokens: usize) -> Self {
        let fixed_kinds = usize::from(FALSE_KW as u16 - L_PAREN as u16) + 1;
        GreenSink {
            text,
            children: Vec::with_capacity(64),
            open: Vec::with_capacity(64),
            fixed: vec![None; fixed_kinds],
            recent: (0..1 << FRONT_BITS)
                .map(|_| Recent {
                    word: 0,
                    len: 0,
                    kind: EOF,
                    token: None,
                })
                .collect(),
            leaves: (0..1 << LEAF_BITS)
                .map(|_| Leaf {
                    token: 0,
                    kind: EOF,
                    node: None,
                })
                .collect(),
            interned: HashMap::with_capacity(tokens / 16),
        }
    }

    fn token(&mut self, kind: SyntaxKind, range: TextRange) {
        let token = match fixed_spelling(kind).and_then(|i| self.fixed.get_mut(i)) {
            Some(Some(t)) => t.clone(),
            Some(slot) => slot
                .insert(GreenToken::new(kind.into(), &self.text[range]))
                .clone(),
            None => self.varying_token(kind, range),
        };
        self.children.push(NodeOrToken::Token(token));
    }

    /// The shared token for a kind whose spelling varies (names, literals, trivia).
    fn varying_token(&mut self, kind: SyntaxKind, range: TextRange) -> GreenToken {
        let bytes = self.text.as_bytes();
        let (start, len) = (u32::from(range.start()) as usize, u32::from(range.len()));
        let word = prefix_word(bytes, start, len as usize);
        let hash = (word ^ (u64::from(len) << 40) ^ (kind as u64) << 56)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (hash >> (64 - FRONT_BITS)) as usize;
        let text = &self.text[range];
        let Some(recent) = self.recent.get_mut(slot) else {
            return GreenToken::new(kind.into(), text);
        };
        if let Some(t) = &recent.token {
            if recent.word == word
                && recent.len == len
                && recent.kind == kind
                && (len <= 8 || t.text().as_bytes().get(8..) == text.as_bytes().get(8..))
            {
                return t.clone();
            }
        }
        let t = self
            .interned
            .entry((kind, text))
            .or_insert_with(|| GreenToken::new(kind.into(), text))
            .clone();
        *recent = Recent {
            word,
            len,
            kind,
            token: Some(t.clone()),
        };
        t
    }

    fn start_node(&mut self, kind: SyntaxKind) {
        self.open.push((kind, self.children.len()));
    }

    fn finish_node(&mut self) {
        let Some((kind, first)) = self.open.pop() else {
            return;
        };
        let node = if first + 1 == self.children.len() {
            match self.children.pop() {
                Some(NodeOrToken::Token(token)) => self.leaf(kind, token),
                Some(NodeOrToken::Node(node)) => GreenNode::new(kind.into(), [node.into()]),
                None => GreenNode::new(kind.into(), []),
            }
        } else {
            GreenNode::new(kind.into(), self.children.drain(first..))
        };
        self.children.push(NodeOrToken::Node(node));
    }

    /// The shared node of `kind` whose only child is `token`.
    fn leaf(&mut self, kind: SyntaxKind, token: GreenToken) -> GreenNode {
        // Tokens are shared and outlive the sink's caches, so equal addresses mean equal tokens.
        let addr = &*token as *const rowan::GreenTokenData as usize;
        let hash = ((addr as u64) ^ (kind as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (hash >> (64 - LEAF_BITS)) as usize;
        let Some(leaf) = self.leaves.get_mut(slot) else {
            return GreenNode::new(kind.into(), [token.into()]);
        };
        match &leaf.node {
            Some(node) if leaf.token == addr && leaf.kind == kind => node.clone(),
            _ => {
                let node = GreenNode::new(kind.into(), [token.into()]);
                *leaf = Leaf {
                    token: addr,
                    kind,
                    node: Some(node.clone()),
                };
                node
            }
        }
    }

    /// The root: the one node left once every node is finished.
    fn finish(mut self) -> GreenNode {
        while !self.open.is_empty() {
            self.finish_node();
        }
        match (self.children.pop(), self.children.is_empty()) {
            (Some(NodeOrToken::Node(root)), true) => root,
            // The events always form one root node; should they not, keep every element.
            (last, _) => {
                self.children.extend(last);
                GreenNode::new(SOURCE_FILE.into(), self.children)
            }
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
    fn emit_until(&mut self, builder: &mut GreenSink, end: TextSize) {
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
) -> GreenNode {
    let mut builder = GreenSink::new(text, tokens.len() * 2);
    let mut cursor = 0usize;
    let mut gaps = TriviaCursor {
        offset: TextSize::from(0),
        stored: trivia,
        next: 0,
    };
    let mut depth = 0usize;
    let mut parents = Vec::new();
    // Emits the trivia before the next significant token (all that is left after the last one).
    let emit_trivia = |builder: &mut GreenSink, cursor: usize, gaps: &mut TriviaCursor| {
        let end = tokens
            .get(cursor)
            .map_or(TextSize::of(text), |t| t.range.start());
        gaps.emit_until(builder, end);
    };
    for i in 0..events.len() {
        let event = std::mem::replace(
            &mut events[i],
            Event::Start {
                kind: TOMBSTONE,
                forward_parent: None,
            },
        );
        match event {
            Event::Start {
                kind: TOMBSTONE, ..
            } => {}
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

#[cfg(test)]
mod tests {
    use rowan::{GreenNodeData, NodeOrToken};

    use crate::{parse, SyntaxKind, SyntaxKind::*};

    /// Every green node of `kind` under `node`, in order.
    fn nodes_of<'a>(node: &'a GreenNodeData, kind: SyntaxKind, out: &mut Vec<&'a GreenNodeData>) {
        if node.kind() == kind.into() {
            out.push(node);
        }
        for child in node.children() {
            if let NodeOrToken::Node(child) = child {
                nodes_of(child, kind, out);
            }
        }
    }

    #[test]
    fn equal_tokens_and_leaves_are_shared() {
        let text = "a = bb + 1; a = bb + 1; if (bb) { c = 1.5; } x.if = if_;";
        let p = parse(text);
        assert!(p.diagnostics().is_empty());
        assert_eq!(p.syntax().to_string(), text);
        let root = p.syntax();
        let green = root.green();
        let mut names = Vec::new();
        nodes_of(&green, NAME_REF, &mut names);
        let bb: Vec<_> = names
            .iter()
            .filter(|n| n.to_string() == "bb")
            .map(|n| *n as *const GreenNodeData)
            .collect();
        assert_eq!(bb.len(), 3);
        assert!(bb.iter().all(|&n| n == bb[0]), "leaf nodes are shared");
        let mut literals = Vec::new();
        nodes_of(&green, LITERAL, &mut literals);
        let texts: Vec<String> = literals.iter().map(|n| n.to_string()).collect();
        assert_eq!(texts, ["1", "1", "1.5"]);
        assert!(std::ptr::eq(literals[0], literals[1]));
        assert!(!std::ptr::eq(literals[1], literals[2]));
        // A reserved word re-kinded to a name keeps its own token, not the keyword's.
        let tokens: Vec<(SyntaxKind, String)> = root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| t.text() == "if")
            .map(|t| (t.kind(), t.text().to_string()))
            .collect();
        assert_eq!(
            tokens,
            [(IF_KW, "if".to_string()), (IDENT, "if".to_string())]
        );
    }
}
