//! Typed view of the concrete syntax tree (rust-analyzer style): one wrapper per node kind,
//! `AstNode::cast` to enter, `AstNode::syntax` to leave.
//!
//! Invariants: wrappers never own data, they are cheap clones of a `SyntaxNode`; every accessor
//! returns an `Option` (or an iterator) because the tree may be broken by syntax errors. A
//! tree without syntax diagnostics has every accessor documented as "always present" filled.
//! Names are returned as tokens so callers get both the text and the range.
//!
//! The wrappers stand on any [`TreeNode`]: [`GreenRef`], a borrowed view of the parse's flat
//! green tree that allocates nothing per visited node (what [`crate::Parse::tree`] returns, for
//! walks such as lowering), or the red [`SyntaxNode`] (parent pointers, owned, built on demand
//! by [`crate::Parse::syntax`]). Both see the same children with the same ranges, so every
//! accessor answers the same on either.

use rowan::{Language, NodeOrToken};

use crate::green::GreenTree;
use crate::{
    MlLanguage, SyntaxKind, SyntaxKind::*, SyntaxNode, SyntaxNodeChildren, SyntaxToken, TextRange,
};

/// A typed wrapper over a node of one (or a few) kinds.
pub trait AstNode<N: TreeNode = SyntaxNode>: Sized {
    /// Whether a node of `kind` can be wrapped.
    fn can_cast(kind: SyntaxKind) -> bool;
    /// Wraps `node` if its kind matches.
    fn cast(node: N) -> Option<Self>;
    /// The underlying node.
    fn syntax(&self) -> &N;
    /// The node's byte range (no leading/trailing trivia).
    fn range(&self) -> TextRange {
        self.syntax().text_range()
    }
}

macro_rules! ast_node {
    ($($(#[$meta:meta])* $name:ident = $kind:ident;)*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name<N = SyntaxNode>(N);

        impl<N: TreeNode> AstNode<N> for $name<N> {
            fn can_cast(kind: SyntaxKind) -> bool {
                kind == $kind
            }
            fn cast(node: N) -> Option<Self> {
                Self::can_cast(node.kind()).then(|| $name(node))
            }
            fn syntax(&self) -> &N {
                &self.0
            }
        }
    )*};
}

ast_node! {
    /// The whole file.
    SourceFile = SOURCE_FILE;
    /// `capability NAME { resource "..."; allow read "..."; }`
    CapabilityDecl = CAPABILITY_DECL;
    /// `resource "glob";`
    CapResource = CAP_RESOURCE;
    /// `allow permission ["target"];`
    CapAllow = CAP_ALLOW;
    /// `import a.b [as c];`
    ImportStmt = IMPORT_STMT;
    /// `function name(params) { body }`
    FunctionDecl = FUNCTION_DECL;
    /// `(a, b: T, ...rest)`
    ParamList = PARAM_LIST;
    /// `name` or `name: Annotation` (the annotation is ignored by the language).
    Param = PARAM;
    /// `...name`
    RestParam = REST_PARAM;
    /// `{ statements }`
    Block = BLOCK;
    /// `if (c) {..} elif (c) {..} else {..}`
    IfStmt = IF_STMT;
    /// `elif (c) { .. }`
    ElifClause = ELIF_CLAUSE;
    /// `else { .. }`
    ElseClause = ELSE_CLAUSE;
    /// `while (c) { .. }`
    WhileStmt = WHILE_STMT;
    /// `for (x in iterable) { .. }`
    ForInStmt = FOR_IN_STMT;
    /// `for (init; cond; update) { .. }`
    CForStmt = C_FOR_STMT;
    /// `try { .. } except (e) { .. } finally { .. }`
    TryStmt = TRY_STMT;
    /// `except [(e)] { .. }`
    ExceptClause = EXCEPT_CLAUSE;
    /// `finally { .. }`
    FinallyClause = FINALLY_CLAUSE;
    /// `return [expr];`
    ReturnStmt = RETURN_STMT;
    /// `throw {..};`
    ThrowStmt = THROW_STMT;
    /// `break;`
    BreakStmt = BREAK_STMT;
    /// `continue;`
    ContinueStmt = CONTINUE_STMT;
    /// `nonlocal a, b;`
    NonlocalStmt = NONLOCAL_STMT;
    /// `[a, b] = expr;` or `{a, b} = expr;`
    DestructureStmt = DESTRUCTURE_STMT;
    /// `target = expr;` (also the init/update of a C-style `for`, without `;`).
    AssignStmt = ASSIGN_STMT;
    /// `expr;`
    ExprStmt = EXPR_STMT;
    /// Number, string, `true`, `false`.
    Literal = LITERAL;
    /// A variable reference.
    NameRef = NAME_REF;
    /// `[a, b]`
    ArrayExpr = ARRAY_EXPR;
    /// `{k: v, "s": w}`
    ObjectExpr = OBJECT_EXPR;
    /// `key: value`
    Property = PROPERTY;
    /// `(expr)`
    ParenExpr = PAREN_EXPR;
    /// `!x`, `-x`, `+5`
    PrefixExpr = PREFIX_EXPR;
    /// `a op b`
    BinExpr = BIN_EXPR;
    /// `c ? a : b`
    CondExpr = COND_EXPR;
    /// `callee(args)`
    CallExpr = CALL_EXPR;
    /// `(a, b)` of a call.
    ArgList = ARG_LIST;
    /// `object.name` (`name` may be spelled like a reserved word).
    MemberExpr = MEMBER_EXPR;
    /// `base[index]`
    IndexExpr = INDEX_EXPR;
    /// `base[start:end:step]`, each part optional.
    SliceExpr = SLICE_EXPR;
    /// `fn(params) => body`
    ArrowFn = ARROW_FN;
    /// `function(params) { body }` used as a value.
    FunctionExpr = FUNCTION_EXPR;
}

// ---------------------------------------------------------------- trees

/// What the typed wrappers need from a node. Implemented by [`SyntaxNode`] and [`GreenRef`].
pub trait TreeNode: Clone {
    /// The token type of the tree.
    type Token: TreeToken;
    /// Iterator over the child nodes.
    type Children: Iterator<Item = Self>;
    fn kind(&self) -> SyntaxKind;
    /// The node's absolute byte range.
    fn text_range(&self) -> TextRange;
    /// Shows `f` each child's kind, whether it is a token and its slot, in order, until it says
    /// `Take` (that child's slot is returned) or `Stop`; nothing is materialised on the way.
    fn scan(&self, f: impl FnMut(SyntaxKind, bool, Slot) -> Scan) -> Option<Slot>;
    /// The child a scan of this node found.
    fn element(&self, slot: Slot) -> Option<NodeOrToken<Self, Self::Token>>;
    /// The child nodes in order.
    fn child_nodes(&self) -> Self::Children;
    /// The first token of the subtree (`None` when its first leaf is an empty node).
    fn first_token(&self) -> Option<Self::Token>;
}

/// What the typed wrappers need from a token. Implemented by [`SyntaxToken`] and
/// [`GreenTokenRef`].
pub trait TreeToken: Clone {
    fn kind(&self) -> SyntaxKind;
    fn text(&self) -> &str;
    /// The token's absolute byte range.
    fn text_range(&self) -> TextRange;
}

impl TreeNode for SyntaxNode {
    type Token = SyntaxToken;
    type Children = SyntaxNodeChildren;
    fn kind(&self) -> SyntaxKind {
        SyntaxNode::kind(self)
    }
    fn text_range(&self) -> TextRange {
        SyntaxNode::text_range(self)
    }
    fn scan(&self, mut f: impl FnMut(SyntaxKind, bool, Slot) -> Scan) -> Option<Slot> {
        let green = self.green();
        let mut offset = self.text_range().start();
        for (index, child) in green.children().enumerate() {
            let (raw, len, is_token) = match child {
                NodeOrToken::Node(n) => (n.kind(), n.text_len(), false),
                NodeOrToken::Token(t) => (t.kind(), t.text_len(), true),
            };
            let slot = Slot {
                index,
                range: TextRange::at(offset, len),
            };
            match f(MlLanguage::kind_from_raw(raw), is_token, slot) {
                Scan::Next => {}
                Scan::Take => return Some(slot),
                Scan::Stop => return None,
            }
            offset += len;
        }
        None
    }
    /// A non-empty range designates exactly one child; empty nodes (possible after errors) are
    /// looked up by index instead.
    fn element(&self, slot: Slot) -> Option<NodeOrToken<Self, SyntaxToken>> {
        if slot.range.is_empty() {
            self.children()
                .find(|c| c.index() == slot.index)
                .map(NodeOrToken::Node)
        } else {
            self.child_or_token_at_range(slot.range)
        }
    }
    fn child_nodes(&self) -> SyntaxNodeChildren {
        self.children()
    }
    fn first_token(&self) -> Option<SyntaxToken> {
        SyntaxNode::first_token(self)
    }
}

impl TreeToken for SyntaxToken {
    fn kind(&self) -> SyntaxKind {
        SyntaxToken::kind(self)
    }
    fn text(&self) -> &str {
        SyntaxToken::text(self)
    }
    fn text_range(&self) -> TextRange {
        SyntaxToken::text_range(self)
    }
}

/// A borrowed node of a parse's green tree plus its absolute offset: copying it or visiting a
/// child allocates nothing.
#[derive(Clone, Copy)]
pub struct GreenRef<'a> {
    tree: &'a GreenTree,
    index: u32,
    offset: u32,
}

impl std::fmt::Debug for GreenRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}@{:?}", self.kind(), self.text_range())
    }
}

impl<'a> GreenRef<'a> {
    /// The root node of `tree`.
    pub(crate) fn root(tree: &'a GreenTree) -> Self {
        GreenRef {
            tree,
            index: GreenTree::ROOT,
            offset: 0,
        }
    }

    fn element(
        tree: &'a GreenTree,
        index: u32,
        offset: u32,
    ) -> NodeOrToken<GreenRef<'a>, GreenTokenRef<'a>> {
        if tree.is_token(index) {
            NodeOrToken::Token(GreenTokenRef {
                tree,
                index,
                offset,
            })
        } else {
            NodeOrToken::Node(GreenRef {
                tree,
                index,
                offset,
            })
        }
    }

    /// The children, nodes and tokens, in order.
    pub fn children_with_tokens(&self) -> GreenElements<'a> {
        GreenElements {
            tree: self.tree,
            next: self.index + 1,
            end: self.tree.end(self.index),
            offset: self.offset,
        }
    }
}

/// The children of a [`GreenRef`], nodes and tokens.
pub struct GreenElements<'a> {
    tree: &'a GreenTree,
    next: u32,
    end: u32,
    /// Offset of the next child.
    offset: u32,
}

impl<'a> Iterator for GreenElements<'a> {
    type Item = NodeOrToken<GreenRef<'a>, GreenTokenRef<'a>>;
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (index, offset) = (self.next, self.offset);
        (index < self.end).then(|| {
            self.next = self.tree.end(index);
            self.offset += self.tree.len(index);
            GreenRef::element(self.tree, index, offset)
        })
    }
}

/// A borrowed token of a parse's green tree plus its absolute offset.
#[derive(Clone, Copy)]
pub struct GreenTokenRef<'a> {
    tree: &'a GreenTree,
    index: u32,
    offset: u32,
}

impl std::fmt::Debug for GreenTokenRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?}@{:?} {:?}",
            self.kind(),
            self.text_range(),
            self.text()
        )
    }
}

impl<'a> GreenTokenRef<'a> {
    /// The token's text, borrowed from the tree (not from this view).
    pub fn text(&self) -> &'a str {
        self.tree.text(self.index)
    }
}

/// The range of an element at `offset` in `tree`.
fn green_range(tree: &GreenTree, index: u32, offset: u32) -> TextRange {
    TextRange::at(offset.into(), tree.len(index).into())
}

impl TreeToken for GreenTokenRef<'_> {
    fn kind(&self) -> SyntaxKind {
        self.tree.kind(self.index)
    }
    fn text(&self) -> &str {
        self.tree.text(self.index)
    }
    fn text_range(&self) -> TextRange {
        green_range(self.tree, self.index, self.offset)
    }
}

/// The child nodes of a [`GreenRef`].
pub struct GreenChildren<'a> {
    elements: GreenElements<'a>,
}

impl<'a> Iterator for GreenChildren<'a> {
    type Item = GreenRef<'a>;
    fn next(&mut self) -> Option<GreenRef<'a>> {
        self.elements.find_map(NodeOrToken::into_node)
    }
}

impl<'a> TreeNode for GreenRef<'a> {
    type Token = GreenTokenRef<'a>;
    type Children = GreenChildren<'a>;
    fn kind(&self) -> SyntaxKind {
        self.tree.kind(self.index)
    }
    fn text_range(&self) -> TextRange {
        green_range(self.tree, self.index, self.offset)
    }
    fn scan(&self, mut f: impl FnMut(SyntaxKind, bool, Slot) -> Scan) -> Option<Slot> {
        let end = self.tree.end(self.index);
        let (mut index, mut offset) = (self.index + 1, self.offset);
        while index < end {
            let kind = self.tree.kind(index);
            let slot = Slot {
                index: index as usize,
                range: green_range(self.tree, index, offset),
            };
            match f(kind, kind.is_token(), slot) {
                Scan::Next => {}
                Scan::Take => return Some(slot),
                Scan::Stop => return None,
            }
            offset += self.tree.len(index);
            index = self.tree.end(index);
        }
        None
    }
    /// A slot of a green scan is the child's index in the tree.
    fn element(&self, slot: Slot) -> Option<NodeOrToken<Self, GreenTokenRef<'a>>> {
        let index = u32::try_from(slot.index).ok()?;
        (index > self.index && index < self.tree.end(self.index))
            .then(|| GreenRef::element(self.tree, index, slot.range.start().into()))
    }
    fn child_nodes(&self) -> GreenChildren<'a> {
        GreenChildren {
            elements: self.children_with_tokens(),
        }
    }
    /// Follows first children down: `None` when one of them is an empty node.
    fn first_token(&self) -> Option<GreenTokenRef<'a>> {
        let mut node = self.index;
        loop {
            let first = node + 1;
            if first >= self.tree.end(node) {
                return None;
            }
            if self.tree.is_token(first) {
                return Some(GreenTokenRef {
                    tree: self.tree,
                    index: first,
                    offset: self.offset,
                });
            }
            node = first;
        }
    }
}

// ---------------------------------------------------------------- helpers

// The helpers scan children at the green level and materialise only the element they return:
// rowan allocates a cursor for every element `children_with_tokens` yields, which made these
// accessors (called for every node by lowering) the front end's main cost.

/// What a [`TreeNode::scan`] does with the child it is shown.
pub enum Scan {
    /// Go on with the next child.
    Next,
    /// Return this child.
    Take,
    /// Return nothing.
    Stop,
}

/// A child found by a scan of its parent: its index (among its siblings in a red tree, in the
/// tree in a green one) and its absolute range.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    index: usize,
    range: TextRange,
}

fn node_at<N: TreeNode, A: AstNode<N>>(node: &N, slot: Option<Slot>) -> Option<A> {
    node.element(slot?)?.into_node().and_then(A::cast)
}

fn token_at<N: TreeNode>(node: &N, slot: Option<Slot>) -> Option<N::Token> {
    node.element(slot?)?.into_token()
}

fn child<N: TreeNode, A: AstNode<N>>(node: &N) -> Option<A> {
    let slot = node.scan(|k, is_token, _| take_if(!is_token && A::can_cast(k)));
    node_at(node, slot)
}

fn children<N: TreeNode, A: AstNode<N>>(node: &N) -> impl Iterator<Item = A> {
    node.child_nodes().filter_map(A::cast)
}

fn take_if(take: bool) -> Scan {
    if take {
        Scan::Take
    } else {
        Scan::Next
    }
}

fn token<N: TreeNode>(node: &N, kind: SyntaxKind) -> Option<N::Token> {
    token_at(
        node,
        node.scan(|k, is_token, _| take_if(is_token && k == kind)),
    )
}

/// The `kind` tokens among `node`'s children, in order.
fn tokens<N: TreeNode>(node: &N, kind: SyntaxKind) -> impl Iterator<Item = N::Token> {
    let mut slots = Vec::new();
    node.scan(|k, is_token, slot| {
        if is_token && k == kind {
            slots.push(slot);
        }
        Scan::Next
    });
    let node = node.clone();
    slots
        .into_iter()
        .filter_map(move |slot| token_at(&node, Some(slot)))
}

/// The first `A` child that comes after the first `kind` token.
fn child_after<N: TreeNode, A: AstNode<N>>(node: &N, kind: SyntaxKind) -> Option<A> {
    let mut seen = false;
    let slot = node.scan(|k, is_token, _| {
        if !seen {
            seen = k == kind;
            Scan::Next
        } else {
            take_if(!is_token && A::can_cast(k))
        }
    });
    node_at(node, slot)
}

/// The first `A` child that comes before the first `kind` token.
fn child_before<N: TreeNode, A: AstNode<N>>(node: &N, kind: SyntaxKind) -> Option<A> {
    let slot = node.scan(|k, is_token, _| {
        if k == kind {
            Scan::Stop
        } else {
            take_if(!is_token && A::can_cast(k))
        }
    });
    node_at(node, slot)
}

/// The first `IDENT` token that comes after the first `kind` token.
fn ident_after<N: TreeNode>(node: &N, kind: SyntaxKind) -> Option<N::Token> {
    let mut seen = false;
    let slot = node.scan(|k, is_token, _| {
        if !seen {
            seen = k == kind;
            Scan::Next
        } else {
            take_if(is_token && k == IDENT)
        }
    });
    token_at(node, slot)
}

/// The `A` child found in the `n`-th section of `node`, sections being separated by `sep`
/// tokens and counted from the first `start` token.
fn nth_section<N: TreeNode, A: AstNode<N>>(
    node: &N,
    start: SyntaxKind,
    sep: SyntaxKind,
    n: usize,
) -> Option<A> {
    let mut started = false;
    let mut section = 0;
    let slot = node.scan(|k, is_token, _| {
        if !started {
            started = k == start;
        } else if is_token && k == sep {
            section += 1;
        } else if !is_token && section == n && A::can_cast(k) {
            return Scan::Take;
        }
        Scan::Next
    });
    node_at(node, slot)
}

/// The value of a string token (quotes stripped, escapes processed).
fn string_value(token: &impl TreeToken) -> String {
    let text = token.text();
    unescape(text.get(1..text.len().saturating_sub(1)).unwrap_or(""))
}

/// Processes the escapes of language.md §1.6 in `raw`, the text between a string's quotes:
/// `\n \t \r \0 \\ \" \'`, `\uXXXX` (exactly 4 hex digits), `\xXX` (exactly 2), a backslash
/// before a line terminator (both dropped); every other `\c` is kept verbatim as `\c`.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let mut chars = after.chars();
        let Some(c) = chars.next() else {
            out.push('\\');
            return out;
        };
        let hex = |n: usize| {
            after
                .get(1..1 + n)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
        };
        let (value, used) = match c {
            'n' => (Some('\n'), 1),
            't' => (Some('\t'), 1),
            'r' => (Some('\r'), 1),
            '0' => (Some('\0'), 1),
            '\\' | '"' | '\'' => (Some(c), 1),
            'u' => match hex(4) {
                Some(v) => (Some(v), 5),
                None => (None, 0),
            },
            'x' => match hex(2) {
                Some(v) => (Some(v), 3),
                None => (None, 0),
            },
            '\n' => (None, 1),
            '\r' => (
                None,
                if after.as_bytes().get(1) == Some(&b'\n') {
                    2
                } else {
                    1
                },
            ),
            _ => (None, 0),
        };
        match (value, used) {
            (Some(v), _) => out.push(v),
            (None, 0) => {
                // Unknown escape: keep the backslash and the character.
                out.push('\\');
                out.push(c);
            }
            (None, _) => {} // line continuation
        }
        let used = if used == 0 { c.len_utf8() } else { used };
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- statements

/// Any statement or top-level item. `Import` and `Capability` are only valid at top level (inside
/// a block they are still parsed, with a syntax error).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stmt<N = SyntaxNode> {
    Capability(CapabilityDecl<N>),
    Import(ImportStmt<N>),
    FunctionDecl(FunctionDecl<N>),
    If(IfStmt<N>),
    While(WhileStmt<N>),
    ForIn(ForInStmt<N>),
    CFor(CForStmt<N>),
    Try(TryStmt<N>),
    Return(ReturnStmt<N>),
    Throw(ThrowStmt<N>),
    Break(BreakStmt<N>),
    Continue(ContinueStmt<N>),
    Nonlocal(NonlocalStmt<N>),
    Destructure(DestructureStmt<N>),
    Assign(AssignStmt<N>),
    Expr(ExprStmt<N>),
}

impl<N: TreeNode> AstNode<N> for Stmt<N> {
    fn can_cast(kind: SyntaxKind) -> bool {
        matches!(
            kind,
            CAPABILITY_DECL
                | IMPORT_STMT
                | FUNCTION_DECL
                | IF_STMT
                | WHILE_STMT
                | FOR_IN_STMT
                | C_FOR_STMT
                | TRY_STMT
                | RETURN_STMT
                | THROW_STMT
                | BREAK_STMT
                | CONTINUE_STMT
                | NONLOCAL_STMT
                | DESTRUCTURE_STMT
                | ASSIGN_STMT
                | EXPR_STMT
        )
    }
    fn cast(node: N) -> Option<Self> {
        Some(match node.kind() {
            CAPABILITY_DECL => Stmt::Capability(CapabilityDecl(node)),
            IMPORT_STMT => Stmt::Import(ImportStmt(node)),
            FUNCTION_DECL => Stmt::FunctionDecl(FunctionDecl(node)),
            IF_STMT => Stmt::If(IfStmt(node)),
            WHILE_STMT => Stmt::While(WhileStmt(node)),
            FOR_IN_STMT => Stmt::ForIn(ForInStmt(node)),
            C_FOR_STMT => Stmt::CFor(CForStmt(node)),
            TRY_STMT => Stmt::Try(TryStmt(node)),
            RETURN_STMT => Stmt::Return(ReturnStmt(node)),
            THROW_STMT => Stmt::Throw(ThrowStmt(node)),
            BREAK_STMT => Stmt::Break(BreakStmt(node)),
            CONTINUE_STMT => Stmt::Continue(ContinueStmt(node)),
            NONLOCAL_STMT => Stmt::Nonlocal(NonlocalStmt(node)),
            DESTRUCTURE_STMT => Stmt::Destructure(DestructureStmt(node)),
            ASSIGN_STMT => Stmt::Assign(AssignStmt(node)),
            EXPR_STMT => Stmt::Expr(ExprStmt(node)),
            _ => return None,
        })
    }
    fn syntax(&self) -> &N {
        match self {
            Stmt::Capability(n) => n.syntax(),
            Stmt::Import(n) => n.syntax(),
            Stmt::FunctionDecl(n) => n.syntax(),
            Stmt::If(n) => n.syntax(),
            Stmt::While(n) => n.syntax(),
            Stmt::ForIn(n) => n.syntax(),
            Stmt::CFor(n) => n.syntax(),
            Stmt::Try(n) => n.syntax(),
            Stmt::Return(n) => n.syntax(),
            Stmt::Throw(n) => n.syntax(),
            Stmt::Break(n) => n.syntax(),
            Stmt::Continue(n) => n.syntax(),
            Stmt::Nonlocal(n) => n.syntax(),
            Stmt::Destructure(n) => n.syntax(),
            Stmt::Assign(n) => n.syntax(),
            Stmt::Expr(n) => n.syntax(),
        }
    }
}

impl<N: TreeNode> SourceFile<N> {
    /// Top-level items in order (`ERROR` nodes are skipped).
    pub fn items(&self) -> impl Iterator<Item = Stmt<N>> {
        children(&self.0)
    }
}

impl<N: TreeNode> Block<N> {
    /// Statements in order (`ERROR` nodes are skipped).
    pub fn stmts(&self) -> impl Iterator<Item = Stmt<N>> {
        children(&self.0)
    }
}

impl<N: TreeNode> CapabilityDecl<N> {
    /// The capability's name.
    pub fn name(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
    /// `resource "..."` items in order.
    pub fn resources(&self) -> impl Iterator<Item = CapResource<N>> {
        children(&self.0)
    }
    /// `allow ...` items in order.
    pub fn allows(&self) -> impl Iterator<Item = CapAllow<N>> {
        children(&self.0)
    }
}

impl<N: TreeNode> CapResource<N> {
    /// The resource pattern (string value, escapes processed).
    pub fn pattern(&self) -> Option<String> {
        token(&self.0, STRING).map(|t| string_value(&t))
    }
    /// The string token of the pattern.
    pub fn pattern_token(&self) -> Option<N::Token> {
        token(&self.0, STRING)
    }
}

impl<N: TreeNode> CapAllow<N> {
    /// The permission word (`read write execute network system`), an `IDENT` token.
    pub fn permission(&self) -> Option<N::Token> {
        tokens(&self.0, IDENT).nth(1)
    }
    /// The optional target string (escapes processed).
    pub fn target(&self) -> Option<String> {
        token(&self.0, STRING).map(|t| string_value(&t))
    }
    /// The string token of the target.
    pub fn target_token(&self) -> Option<N::Token> {
        token(&self.0, STRING)
    }
}

impl<N: TreeNode> ImportStmt<N> {
    /// The dotted module path, e.g. `["a", "b"]` for `import a.b;`.
    pub fn path(&self) -> Vec<String> {
        self.path_tokens()
            .iter()
            .map(|t| t.text().to_string())
            .collect()
    }
    /// The `IDENT` tokens of the dotted path.
    pub fn path_tokens(&self) -> Vec<N::Token> {
        let mut slots = Vec::new();
        self.0.scan(|k, is_token, slot| match k {
            AS_KW => Scan::Stop,
            IDENT if is_token => {
                slots.push(slot);
                Scan::Next
            }
            _ => Scan::Next,
        });
        slots
            .into_iter()
            .filter_map(|slot| token_at(&self.0, Some(slot)))
            .collect()
    }
    /// The name after `as`.
    pub fn alias(&self) -> Option<N::Token> {
        ident_after(&self.0, AS_KW)
    }
}

impl<N: TreeNode> FunctionDecl<N> {
    /// The declared name (always present when there is no syntax error).
    pub fn name(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
    pub fn param_list(&self) -> Option<ParamList<N>> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> ParamList<N> {
    /// The regular parameters in order.
    pub fn params(&self) -> impl Iterator<Item = Param<N>> {
        children(&self.0)
    }
    /// The `...rest` parameter.
    pub fn rest_param(&self) -> Option<RestParam<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> Param<N> {
    pub fn name(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
    /// The ignored type annotation after `:`.
    pub fn annotation(&self) -> Option<N::Token> {
        ident_after(&self.0, COLON)
    }
}

impl<N: TreeNode> RestParam<N> {
    pub fn name(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
}

impl<N: TreeNode> IfStmt<N> {
    pub fn condition(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
    pub fn then_block(&self) -> Option<Block<N>> {
        child(&self.0)
    }
    pub fn elif_clauses(&self) -> impl Iterator<Item = ElifClause<N>> {
        children(&self.0)
    }
    pub fn else_clause(&self) -> Option<ElseClause<N>> {
        child(&self.0)
    }
    /// The block of the `else` clause.
    pub fn else_block(&self) -> Option<Block<N>> {
        self.else_clause().and_then(|c| c.block())
    }
}

impl<N: TreeNode> ElifClause<N> {
    pub fn condition(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
    pub fn block(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> ElseClause<N> {
    pub fn block(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> WhileStmt<N> {
    pub fn condition(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> ForInStmt<N> {
    /// The loop variable.
    pub fn var(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
    pub fn iterable(&self) -> Option<Expr<N>> {
        child_after(&self.0, IN_KW)
    }
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> CForStmt<N> {
    /// `init` (before the first `;`).
    pub fn init(&self) -> Option<AssignStmt<N>> {
        nth_section(&self.0, L_PAREN, SEMICOLON, 0)
    }
    /// The condition (between the two `;`); absent means "true".
    pub fn cond(&self) -> Option<Expr<N>> {
        nth_section(&self.0, L_PAREN, SEMICOLON, 1)
    }
    /// `update` (after the second `;`).
    pub fn update(&self) -> Option<AssignStmt<N>> {
        nth_section(&self.0, L_PAREN, SEMICOLON, 2)
    }
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> TryStmt<N> {
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
    pub fn except_clauses(&self) -> impl Iterator<Item = ExceptClause<N>> {
        children(&self.0)
    }
    pub fn finally_clause(&self) -> Option<FinallyClause<N>> {
        child(&self.0)
    }
    /// The block of the `finally` clause.
    pub fn finally_block(&self) -> Option<Block<N>> {
        self.finally_clause().and_then(|c| c.block())
    }
}

impl<N: TreeNode> ExceptClause<N> {
    /// The error variable of `except (e)`.
    pub fn var(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> FinallyClause<N> {
    pub fn block(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> ReturnStmt<N> {
    pub fn value(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> ThrowStmt<N> {
    /// The thrown value (an `Expr::Object` when there is no syntax error).
    pub fn value(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> NonlocalStmt<N> {
    pub fn names(&self) -> Vec<N::Token> {
        tokens(&self.0, IDENT).collect()
    }
}

/// The two destructuring forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DestructureKind {
    /// `[a, b] = expr;` (by position)
    Array,
    /// `{a, b} = expr;` (by key)
    Object,
}

impl<N: TreeNode> DestructureStmt<N> {
    pub fn kind(&self) -> Option<DestructureKind> {
        match self.0.first_token()?.kind() {
            L_BRACK => Some(DestructureKind::Array),
            L_CURLY => Some(DestructureKind::Object),
            _ => None,
        }
    }
    /// The bound names in order.
    pub fn names(&self) -> Vec<N::Token> {
        tokens(&self.0, IDENT).collect()
    }
    pub fn value(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
}

impl<N: TreeNode> AssignStmt<N> {
    /// The target: `Expr::Name`, `Expr::Member`, `Expr::Index` or `Expr::Slice`.
    pub fn target(&self) -> Option<Expr<N>> {
        child_before(&self.0, EQ)
    }
    pub fn value(&self) -> Option<Expr<N>> {
        child_after(&self.0, EQ)
    }
}

impl<N: TreeNode> ExprStmt<N> {
    pub fn expr(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
}

// ---------------------------------------------------------------- expressions

/// Any expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expr<N = SyntaxNode> {
    Literal(Literal<N>),
    Name(NameRef<N>),
    Array(ArrayExpr<N>),
    Object(ObjectExpr<N>),
    Paren(ParenExpr<N>),
    Prefix(PrefixExpr<N>),
    Bin(BinExpr<N>),
    Cond(CondExpr<N>),
    Call(CallExpr<N>),
    Member(MemberExpr<N>),
    Index(IndexExpr<N>),
    Slice(SliceExpr<N>),
    Arrow(ArrowFn<N>),
    Function(FunctionExpr<N>),
}

impl<N: TreeNode> AstNode<N> for Expr<N> {
    fn can_cast(kind: SyntaxKind) -> bool {
        matches!(
            kind,
            LITERAL
                | NAME_REF
                | ARRAY_EXPR
                | OBJECT_EXPR
                | PAREN_EXPR
                | PREFIX_EXPR
                | BIN_EXPR
                | COND_EXPR
                | CALL_EXPR
                | MEMBER_EXPR
                | INDEX_EXPR
                | SLICE_EXPR
                | ARROW_FN
                | FUNCTION_EXPR
        )
    }
    fn cast(node: N) -> Option<Self> {
        Some(match node.kind() {
            LITERAL => Expr::Literal(Literal(node)),
            NAME_REF => Expr::Name(NameRef(node)),
            ARRAY_EXPR => Expr::Array(ArrayExpr(node)),
            OBJECT_EXPR => Expr::Object(ObjectExpr(node)),
            PAREN_EXPR => Expr::Paren(ParenExpr(node)),
            PREFIX_EXPR => Expr::Prefix(PrefixExpr(node)),
            BIN_EXPR => Expr::Bin(BinExpr(node)),
            COND_EXPR => Expr::Cond(CondExpr(node)),
            CALL_EXPR => Expr::Call(CallExpr(node)),
            MEMBER_EXPR => Expr::Member(MemberExpr(node)),
            INDEX_EXPR => Expr::Index(IndexExpr(node)),
            SLICE_EXPR => Expr::Slice(SliceExpr(node)),
            ARROW_FN => Expr::Arrow(ArrowFn(node)),
            FUNCTION_EXPR => Expr::Function(FunctionExpr(node)),
            _ => return None,
        })
    }
    fn syntax(&self) -> &N {
        match self {
            Expr::Literal(n) => n.syntax(),
            Expr::Name(n) => n.syntax(),
            Expr::Array(n) => n.syntax(),
            Expr::Object(n) => n.syntax(),
            Expr::Paren(n) => n.syntax(),
            Expr::Prefix(n) => n.syntax(),
            Expr::Bin(n) => n.syntax(),
            Expr::Cond(n) => n.syntax(),
            Expr::Call(n) => n.syntax(),
            Expr::Member(n) => n.syntax(),
            Expr::Index(n) => n.syntax(),
            Expr::Slice(n) => n.syntax(),
            Expr::Arrow(n) => n.syntax(),
            Expr::Function(n) => n.syntax(),
        }
    }
}

/// The value of a literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LiteralKind {
    /// Integer literal: its digits (unsigned, leading zeros possible, arbitrary length).
    Int(String),
    /// Float literal text (`1.`, `.5`, `1e3`), unsigned; parse with correct rounding.
    Float(String),
    /// String literal value, quotes removed and escapes processed (§1.6).
    Str(String),
    True,
    False,
}

impl<N: TreeNode> Literal<N> {
    /// The literal's token.
    pub fn token(&self) -> Option<N::Token> {
        self.0.first_token()
    }
    pub fn kind(&self) -> Option<LiteralKind> {
        let token = self.token()?;
        Some(match token.kind() {
            INT_NUMBER => LiteralKind::Int(token.text().to_string()),
            FLOAT_NUMBER => LiteralKind::Float(token.text().to_string()),
            STRING => LiteralKind::Str(string_value(&token)),
            TRUE_KW => LiteralKind::True,
            FALSE_KW => LiteralKind::False,
            _ => return None,
        })
    }
}

impl<N: TreeNode> NameRef<N> {
    /// The identifier token.
    pub fn ident(&self) -> Option<N::Token> {
        token(&self.0, IDENT)
    }
}

impl<N: TreeNode> ArrayExpr<N> {
    pub fn elements(&self) -> impl Iterator<Item = Expr<N>> {
        children(&self.0)
    }
}

impl<N: TreeNode> ObjectExpr<N> {
    pub fn properties(&self) -> impl Iterator<Item = Property<N>> {
        children(&self.0)
    }
}

impl<N: TreeNode> Property<N> {
    /// The key token: an `IDENT` (reserved words are re-kinded to `IDENT`) or a `STRING`.
    pub fn key_token(&self) -> Option<N::Token> {
        let slot = self.0.scan(|k, is_token, _| match k {
            COLON => Scan::Stop,
            _ => take_if(is_token && matches!(k, IDENT | STRING)),
        });
        token_at(&self.0, slot)
    }
    /// The key's value (string keys unescaped) and the key token's range.
    pub fn key(&self) -> Option<(String, TextRange)> {
        let token = self.key_token()?;
        let key = if token.kind() == STRING {
            string_value(&token)
        } else {
            token.text().to_string()
        };
        Some((key, token.text_range()))
    }
    pub fn value(&self) -> Option<Expr<N>> {
        child_after(&self.0, COLON)
    }
}

impl<N: TreeNode> ParenExpr<N> {
    pub fn expr(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
}

/// Prefix operators. `Plus` only ever applies to a number literal (`+5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrefixOp {
    /// `!`
    Not,
    /// `-`
    Neg,
    /// `+` (identity on a number literal)
    Plus,
}

impl<N: TreeNode> PrefixExpr<N> {
    pub fn op(&self) -> Option<(PrefixOp, N::Token)> {
        let token = self.0.first_token()?;
        let op = match token.kind() {
            BANG => PrefixOp::Not,
            MINUS => PrefixOp::Neg,
            PLUS => PrefixOp::Plus,
            _ => return None,
        };
        Some((op, token))
    }
    pub fn operand(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
}

/// Binary operators (precedence in language.md §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `||` (returns an operand)
    Or,
    /// `&&` (returns an operand)
    And,
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    LtEq,
    /// `>=`
    GtEq,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
}

impl BinOp {
    /// The operator for a token kind.
    pub fn from_kind(kind: SyntaxKind) -> Option<BinOp> {
        Some(match kind {
            PIPE2 => BinOp::Or,
            AMP2 => BinOp::And,
            EQ2 => BinOp::Eq,
            NEQ => BinOp::NotEq,
            LT => BinOp::Lt,
            GT => BinOp::Gt,
            LTEQ => BinOp::LtEq,
            GTEQ => BinOp::GtEq,
            PLUS => BinOp::Add,
            MINUS => BinOp::Sub,
            STAR => BinOp::Mul,
            SLASH => BinOp::Div,
            SLASH_SLASH => BinOp::FloorDiv,
            PERCENT => BinOp::Mod,
            _ => return None,
        })
    }
}

impl<N: TreeNode> BinExpr<N> {
    /// The operator and its token.
    pub fn op(&self) -> Option<(BinOp, N::Token)> {
        let token = token_at(&self.0, self.op_slot())?;
        Some((BinOp::from_kind(token.kind())?, token))
    }
    fn op_slot(&self) -> Option<Slot> {
        self.0
            .scan(|k, is_token, _| take_if(is_token && BinOp::from_kind(k).is_some()))
    }
    fn op_kind(&self) -> Option<SyntaxKind> {
        let mut op = None;
        self.0.scan(|k, is_token, _| {
            let found = is_token && BinOp::from_kind(k).is_some();
            if found {
                op = Some(k);
            }
            take_if(found)
        });
        op
    }
    pub fn lhs(&self) -> Option<Expr<N>> {
        child_before(&self.0, self.op_kind()?)
    }
    pub fn rhs(&self) -> Option<Expr<N>> {
        child_after(&self.0, self.op_kind()?)
    }
}

impl<N: TreeNode> CondExpr<N> {
    pub fn condition(&self) -> Option<Expr<N>> {
        child_before(&self.0, QUESTION)
    }
    pub fn then_branch(&self) -> Option<Expr<N>> {
        nth_section(&self.0, QUESTION, COLON, 0)
    }
    pub fn else_branch(&self) -> Option<Expr<N>> {
        child_after(&self.0, COLON)
    }
}

impl<N: TreeNode> CallExpr<N> {
    pub fn callee(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
    pub fn arg_list(&self) -> Option<ArgList<N>> {
        child(&self.0)
    }
    /// The arguments (empty when the list is missing).
    pub fn args(&self) -> Vec<Expr<N>> {
        self.arg_list()
            .map(|l| l.args().collect())
            .unwrap_or_default()
    }
}

impl<N: TreeNode> ArgList<N> {
    pub fn args(&self) -> impl Iterator<Item = Expr<N>> {
        children(&self.0)
    }
}

impl<N: TreeNode> MemberExpr<N> {
    pub fn object(&self) -> Option<Expr<N>> {
        child(&self.0)
    }
    /// The property name (an `IDENT` token, possibly spelled like a reserved word).
    pub fn name(&self) -> Option<N::Token> {
        ident_after(&self.0, DOT)
    }
}

impl<N: TreeNode> IndexExpr<N> {
    pub fn base(&self) -> Option<Expr<N>> {
        child_before(&self.0, L_BRACK)
    }
    pub fn index(&self) -> Option<Expr<N>> {
        child_after(&self.0, L_BRACK)
    }
}

impl<N: TreeNode> SliceExpr<N> {
    pub fn base(&self) -> Option<Expr<N>> {
        child_before(&self.0, L_BRACK)
    }
    /// The part before the first `:`.
    pub fn start(&self) -> Option<Expr<N>> {
        nth_section(&self.0, L_BRACK, COLON, 0)
    }
    /// The part between the first and second `:`.
    pub fn end(&self) -> Option<Expr<N>> {
        nth_section(&self.0, L_BRACK, COLON, 1)
    }
    /// The part after the second `:`.
    pub fn step(&self) -> Option<Expr<N>> {
        nth_section(&self.0, L_BRACK, COLON, 2)
    }
}

/// Body of an arrow function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArrowBody<N = SyntaxNode> {
    /// `fn(x) => x + 1` (also `fn() => {a: 1}`, an object literal)
    Expr(Expr<N>),
    /// `fn(x) => { return x; }`
    Block(Block<N>),
}

impl<N: TreeNode> ArrowFn<N> {
    pub fn param_list(&self) -> Option<ParamList<N>> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<ArrowBody<N>> {
        let mut seen = false;
        let slot = self.0.scan(|k, is_token, _| {
            if !seen {
                seen = k == FAT_ARROW;
                Scan::Next
            } else {
                take_if(!is_token)
            }
        });
        let node = self.0.element(slot?)?.into_node()?;
        match Block::cast(node.clone()) {
            Some(block) => Some(ArrowBody::Block(block)),
            None => Expr::cast(node).map(ArrowBody::Expr),
        }
    }
}

impl<N: TreeNode> FunctionExpr<N> {
    pub fn param_list(&self) -> Option<ParamList<N>> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Block<N>> {
        child(&self.0)
    }
}
