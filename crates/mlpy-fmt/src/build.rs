//! CST → [`Doc`]: the layout rules of spec D23, one function per kind of construct.
//!
//! Invariants: every significant token of the tree is emitted exactly once, in source order,
//! through [`Builder::token`], which also emits the comments in front of it (own-line) and the
//! comment right after it on the same line (trailing) — so no comment is lost or moved across a
//! token, and whether a `//` is a comment or floor division cannot change. Recursion follows the
//! tree and stops with an error past [`MAX_DEPTH`] nodes.

use mlpy_syntax::{SyntaxElement, SyntaxKind, SyntaxKind::*, SyntaxNode, SyntaxToken};

use crate::doc::{block, concat, group, indent, text, Doc};
use crate::trivia::{Slot, Trivia};

/// Deepest tree the builder follows (the parser's nesting limit keeps valid trees well below).
const MAX_DEPTH: usize = 2048;

/// Why a tree could not be laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    TooDeep,
    TokenOrder,
}

/// Builds the document of a whole file.
pub(crate) fn build(root: &SyntaxNode) -> Result<Doc, Failure> {
    let mut b = Builder {
        trivia: Trivia::new(root),
        next: 0,
        taken: 0,
        stmt_start: false,
        depth: 0,
        blocks: 0,
        failure: None,
    };
    let doc = b.file(root);
    if b.next != b.trivia.starts.len() {
        b.failure.get_or_insert(Failure::TokenOrder);
    }
    match b.failure {
        Some(f) => Err(f),
        None => Ok(doc),
    }
}

struct Builder {
    trivia: Trivia,
    /// Index of the next significant token to emit.
    next: usize,
    /// Comments of `trivia.slots[next]` already emitted.
    taken: usize,
    /// The next token starts a statement: blank lines before it and its comments are kept.
    stmt_start: bool,
    depth: usize,
    /// Non-empty blocks emitted so far (a list item that contains one spans several lines).
    blocks: usize,
    failure: Option<Failure>,
}

fn significant(node: &SyntaxNode) -> Vec<SyntaxElement> {
    node.children_with_tokens()
        .filter(|e| !e.kind().is_trivia())
        .collect()
}

/// Clauses that continue a statement after a `}`.
fn is_clause(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        ELIF_CLAUSE | ELSE_CLAUSE | EXCEPT_CLAUSE | FINALLY_CLAUSE
    )
}

/// Whether `element` ends with an integer literal (`1 .x` must not become `1.x`, a float).
fn ends_with_int(element: &SyntaxElement) -> bool {
    let mut last = match element {
        SyntaxElement::Token(t) => Some(t.clone()),
        SyntaxElement::Node(n) => n.last_token(),
    };
    while let Some(t) = last.as_ref().filter(|t| t.kind().is_trivia()) {
        last = t.prev_token();
    }
    last.is_some_and(|t| t.kind() == INT_NUMBER)
}

fn starts_with_minus(element: &SyntaxElement) -> bool {
    let mut first = match element {
        SyntaxElement::Token(t) => Some(t.clone()),
        SyntaxElement::Node(n) => n.first_token(),
    };
    while let Some(t) = first.as_ref().filter(|t| t.kind().is_trivia()) {
        first = t.next_token();
    }
    first.is_some_and(|t| t.kind() == MINUS)
}

/// Whether a space separates two consecutive children of a `parent` node (D23: spaces around
/// binary operators, `=`, `=>` and after keywords and `,`; none inside brackets, before `;`, `,`,
/// `.`, an argument or parameter list or an index, nor after a prefix operator).
fn gap(parent: SyntaxKind, prev: &SyntaxElement, next: &SyntaxElement) -> bool {
    match (prev.kind(), next.kind()) {
        (_, SEMICOLON | COMMA | R_PAREN | R_BRACK | L_BRACK | ARG_LIST | PARAM_LIST) => false,
        (_, DOT) => ends_with_int(prev),
        (L_PAREN | L_BRACK | DOT | DOT3, _) => false,
        // `- -x`, not `--x` (which reads like a decrement ML does not have).
        (MINUS, _) if parent == PREFIX_EXPR => starts_with_minus(next),
        (BANG | PLUS, _) if parent == PREFIX_EXPR => false,
        (_, COLON) => parent == COND_EXPR,
        (COLON, _) => parent != SLICE_EXPR,
        (L_CURLY, _) | (_, R_CURLY) if parent == DESTRUCTURE_STMT => false,
        _ => true,
    }
}

impl Builder {
    fn slot(&self) -> Option<&Slot> {
        self.trivia.slots.get(self.next)
    }

    /// A significant token, with the own-line comments before it and its trailing comment.
    fn token(&mut self, token: &SyntaxToken) -> Doc {
        if self.trivia.starts.get(self.next) != Some(&token.text_range().start()) {
            self.failure.get_or_insert(Failure::TokenOrder);
        }
        let blank_ok = std::mem::take(&mut self.stmt_start);
        let mut parts = Vec::new();
        self.leading(&mut parts, blank_ok);
        let newlines = self.slot().map_or(0, |s| s.newlines_before);
        if blank_ok && newlines >= 2 {
            parts.push(Doc::BlankLine);
        } else if newlines > 0 {
            parts.push(Doc::SourceBreak);
        }
        parts.push(match token.kind() {
            SLASH_SLASH => Doc::FloorDivision,
            _ => text(token.text()),
        });
        self.next += 1;
        self.taken = 0;
        if let Some(c) = self
            .slot()
            .and_then(|s| s.comments.first())
            .filter(|c| c.newlines_before == 0)
        {
            parts.push(Doc::Comment {
                text: c.text.clone(),
                own_line: false,
            });
            self.taken = 1;
        }
        if parts.len() == 1 {
            parts.pop().unwrap_or(Doc::Space)
        } else {
            concat(parts)
        }
    }

    /// The comments not yet emitted before the next token, each on its own line.
    fn leading(&mut self, parts: &mut Vec<Doc>, blank_ok: bool) {
        self.pending_comments(parts, blank_ok, false);
    }

    /// Comments before a closing bracket or the end of the file: each on its own line, inside
    /// the indentation of the construct being closed.
    fn dangling(&mut self, parts: &mut Vec<Doc>, blank_ok: bool) {
        self.pending_comments(parts, blank_ok, true);
    }

    fn pending_comments(&mut self, parts: &mut Vec<Doc>, blank_ok: bool, break_before: bool) {
        let Some(slot) = self.trivia.slots.get(self.next) else {
            return;
        };
        for c in slot.comments.iter().skip(self.taken) {
            if break_before {
                parts.push(Doc::HardLine);
            }
            if blank_ok && c.newlines_before >= 2 {
                parts.push(Doc::BlankLine);
            }
            parts.push(Doc::Comment {
                text: c.text.clone(),
                own_line: true,
            });
        }
        self.taken = slot.comments.len();
    }

    fn element(&mut self, element: &SyntaxElement) -> Doc {
        match element {
            SyntaxElement::Node(n) => self.node(n),
            SyntaxElement::Token(t) => self.token(t),
        }
    }

    fn node(&mut self, node: &SyntaxNode) -> Doc {
        if self.depth >= MAX_DEPTH {
            self.failure.get_or_insert(Failure::TooDeep);
            return Doc::Space;
        }
        self.depth += 1;
        let doc = match node.kind() {
            BLOCK => self.block(node),
            CAPABILITY_DECL => self.capability(node),
            ARG_LIST | PARAM_LIST | ARRAY_EXPR | OBJECT_EXPR => self.list(node),
            _ => self.seq(node),
        };
        self.depth -= 1;
        doc
    }

    /// Statements one per line; comments after the last one stay at the end of the file.
    fn file(&mut self, root: &SyntaxNode) -> Doc {
        let mut parts = Vec::new();
        for (i, item) in significant(root).iter().enumerate() {
            if i > 0 {
                parts.push(Doc::HardLine);
            }
            self.stmt_start = true;
            parts.push(self.element(item));
        }
        self.dangling(&mut parts, true);
        concat(parts)
    }

    /// Children in order, separated by the spaces [`gap`] asks for.
    fn seq(&mut self, node: &SyntaxNode) -> Doc {
        let elements = significant(node);
        let parts = self.seq_of(node.kind(), &elements);
        concat(parts)
    }

    fn seq_of(&mut self, parent: SyntaxKind, elements: &[SyntaxElement]) -> Vec<Doc> {
        let mut parts = Vec::new();
        for (i, e) in elements.iter().enumerate() {
            if i > 0 {
                if gap(parent, &elements[i - 1], e) {
                    parts.push(Doc::Space);
                }
                if is_clause(e.kind()) {
                    // `} // c` or own-line comments before `else`: the keyword starts a line
                    // at the statement's indentation.
                    self.dangling(&mut parts, false);
                    parts.push(Doc::NewlineIfPending);
                }
            }
            parts.push(self.element(e));
        }
        parts
    }

    /// `{ statements }` of a block.
    fn block(&mut self, node: &SyntaxNode) -> Doc {
        let elements = significant(node);
        match self.braces(&elements) {
            Some(doc) => doc,
            None => self.seq(node),
        }
    }

    /// `capability NAME { items }`: the header, then the items laid out like a block.
    fn capability(&mut self, node: &SyntaxNode) -> Doc {
        let elements = significant(node);
        let Some(open) = elements.iter().position(|e| e.kind() == L_CURLY) else {
            return self.seq(node);
        };
        let mut parts = self.seq_of(CAPABILITY_DECL, &elements[..open]);
        match self.braces(&elements[open..]) {
            Some(body) => {
                parts.push(Doc::Space);
                parts.push(body);
            }
            None => {
                parts.push(Doc::Space);
                parts.extend(self.seq_of(CAPABILITY_DECL, &elements[open..]));
            }
        }
        concat(parts)
    }

    /// `{`, statement nodes, `}` laid out one statement per line (`{}` when empty). `None` when
    /// the elements do not have that shape (nothing has been emitted then).
    fn braces(&mut self, elements: &[SyntaxElement]) -> Option<Doc> {
        let (Some(SyntaxElement::Token(open)), Some(SyntaxElement::Token(close))) =
            (elements.first(), elements.last())
        else {
            return None;
        };
        if elements.len() < 2 || open.kind() != L_CURLY || close.kind() != R_CURLY {
            return None;
        }
        let items = &elements[1..elements.len() - 1];
        if items.iter().any(|e| e.as_token().is_some()) {
            return None;
        }
        // Own-line comments before `{` go on lines of their own at the statement's indentation.
        let mut parts = Vec::new();
        self.dangling(&mut parts, false);
        parts.push(Doc::NewlineIfPending);
        let open_doc = self.token(open);
        let open_has_comment = open_doc.forces_break();
        parts.push(open_doc);
        let mut inner = Vec::new();
        for item in items {
            inner.push(Doc::HardLine);
            self.stmt_start = true;
            inner.push(self.element(item));
        }
        self.dangling(&mut inner, true);
        if inner.is_empty() && !open_has_comment {
            parts.push(self.token(close));
        } else {
            self.blocks += 1;
            parts.push(indent(concat(inner)));
            parts.push(Doc::HardLine);
            parts.push(self.token(close));
        }
        Some(block(concat(parts)))
    }

    /// `( a, b )`, `[a, b]`, `{k: v}`: flat if the line fits, else one item per line. Only the
    /// last item may contain a multi-line block in a flat list (`f(x, fn() => {...})`).
    fn list(&mut self, node: &SyntaxNode) -> Doc {
        let elements = significant(node);
        let shape_ok = elements.len() >= 2
            && matches!(
                elements.first().map(|e| e.kind()),
                Some(L_PAREN | L_BRACK | L_CURLY)
            )
            && matches!(
                elements.last().map(|e| e.kind()),
                Some(R_PAREN | R_BRACK | R_CURLY)
            );
        let (Some(first), Some(last), true) = (elements.first(), elements.last(), shape_ok) else {
            return self.seq(node);
        };
        let open = self.element(first);
        let mut blocks_before_item = self.blocks;
        let mut inner = vec![Doc::SoftLine];
        let mut block_before_last = false;
        for e in &elements[1..elements.len() - 1] {
            if e.kind() == COMMA {
                inner.push(self.element(e));
                inner.push(Doc::Line);
            } else {
                block_before_last |= self.blocks > blocks_before_item;
                blocks_before_item = self.blocks;
                inner.push(self.element(e));
            }
        }
        self.dangling(&mut inner, false);
        if inner.len() == 1 && !open.forces_break() {
            let close = self.element(last);
            return concat(vec![open, close]);
        }
        let close = self.element(last);
        group(
            concat(vec![open, indent(concat(inner)), Doc::SoftLine, close]),
            block_before_last,
        )
    }
}
