//! The green tree: every node and token of a parse in one flat buffer, in preorder, plus the
//! source text the tokens point into. Building it is one push per element; dropping it is two
//! deallocations. Walks ([`crate::ast::GreenRef`]) read it directly; rowan's tree, for the red
//! `SyntaxNode` API, is built from it on demand ([`GreenTree::to_rowan`]).
//!
//! Invariants: element 0 is the root node and spans the whole text; a node's `link` is the
//! index just past its last descendant, so its children are found by hopping from `index + 1`
//! along subtree ends (a token's subtree ends at its own index + 1); the tokens, in order, tile
//! the text; a node's length is that of its tokens (an empty node has length 0). Elements store
//! no offsets (12 bytes each): walks add up lengths, as rowan does.
//!
//! A token's text is read where its spelling first occurred, not necessarily at its own range:
//! equal names share one text address (up to front-cache evictions), which lowering's interner
//! uses as a hash-free cache key.

use hashbrown::HashMap;
use rowan::{GreenNode, GreenToken, NodeOrToken};

use crate::{SyntaxKind, SyntaxKind::*, TextRange, TextSize};

/// One node or token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Element {
    kind: SyntaxKind,
    len: u32,
    /// A node: the index just past its subtree. A token: where its text is read (an earlier
    /// occurrence of the same spelling, or its own start).
    link: u32,
}

/// The green tree of a parse (see the module documentation).
#[derive(Clone, PartialEq, Eq)]
pub struct GreenTree {
    text: Box<str>,
    elements: Vec<Element>,
}

impl std::fmt::Debug for GreenTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GreenTree")
            .field("text_len", &self.text.len())
            .field("elements", &self.elements.len())
            .finish()
    }
}

impl GreenTree {
    /// Index of the root node.
    pub(crate) const ROOT: u32 = 0;

    fn element(&self, index: u32) -> Element {
        // Indices come from this tree's own links (see the invariants); the fallback is never
        // taken and keeps a broken index from panicking.
        self.elements
            .get(index as usize)
            .copied()
            .unwrap_or(Element {
                kind: ERROR_TOKEN,
                len: 0,
                link: 0,
            })
    }

    pub(crate) fn kind(&self, index: u32) -> SyntaxKind {
        self.element(index).kind
    }

    pub(crate) fn is_token(&self, index: u32) -> bool {
        self.kind(index).is_token()
    }

    /// Length of the element's text.
    pub(crate) fn len(&self, index: u32) -> u32 {
        self.element(index).len
    }

    /// Index just past the subtree of `index`: the next sibling, if any.
    pub(crate) fn end(&self, index: u32) -> u32 {
        let e = self.element(index);
        if e.kind.is_token() {
            index.saturating_add(1)
        } else {
            e.link
        }
    }

    /// The spelling of the token at `index` (see the module documentation for where it is
    /// read).
    pub(crate) fn text(&self, index: u32) -> &str {
        let e = self.element(index);
        let at = e.link as usize;
        self.text.get(at..at + e.len as usize).unwrap_or("")
    }

    /// The same tree as a rowan green tree (equal tokens and single-token nodes shared).
    pub(crate) fn to_rowan(&self) -> GreenNode {
        let mut sink = GreenSink::new(&self.text, self.elements.len());
        let mut open: Vec<u32> = Vec::new();
        let mut offset = TextSize::from(0);
        for (index, e) in (0u32..).zip(&self.elements) {
            while open.last() == Some(&index) {
                open.pop();
                sink.finish_node();
            }
            if e.kind.is_token() {
                let range = TextRange::at(offset, TextSize::from(e.len));
                sink.token(e.kind, range);
                offset = range.end();
            } else {
                sink.start_node(e.kind);
                open.push(e.link);
            }
        }
        sink.finish()
    }
}

/// log2 of the entries of the builder's cache of name spellings.
const NAME_BITS: u32 = 10;

/// A name-cache entry: a name's length and first 8 bytes, and where it was first spelled.
#[derive(Clone, Copy)]
struct Name {
    word: u64,
    len: u32,
    at: u32,
}

/// Builds a [`GreenTree`] from a preorder stream of tokens and node starts/finishes.
pub(crate) struct Builder<'t> {
    text: &'t str,
    elements: Vec<Element>,
    /// Index and start offset of the open nodes, innermost last.
    open: Vec<(u32, u32)>,
    /// End of the last token.
    offset: u32,
    /// Direct-mapped cache of recent names, by [`prefix_word`] and length.
    names: Vec<Name>,
}

impl<'t> Builder<'t> {
    pub(crate) fn new(text: &'t str, elements: usize) -> Self {
        Builder {
            text,
            elements: Vec::with_capacity(elements),
            open: Vec::with_capacity(64),
            offset: 0,
            names: vec![
                Name {
                    word: 0,
                    len: 0,
                    at: 0,
                };
                1 << NAME_BITS
            ],
        }
    }

    /// Where the text of the name at `range` is read: an earlier occurrence of the same
    /// spelling if the cache remembers one, else `range` itself (which it then remembers).
    fn name_at(&mut self, range: TextRange) -> u32 {
        let bytes = self.text.as_bytes();
        let (start, len) = (u32::from(range.start()), u32::from(range.len()));
        let word = prefix_word(bytes, start as usize, len as usize);
        let hash = (word ^ u64::from(len)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let Some(entry) = self.names.get_mut((hash >> (64 - NAME_BITS)) as usize) else {
            return start;
        };
        if entry.word == word && entry.len == len {
            let tail = |at: u32| bytes.get(at as usize + 8..(at + len) as usize);
            if len <= 8 || tail(entry.at) == tail(start) {
                return entry.at;
            }
        }
        *entry = Name {
            word,
            len,
            at: start,
        };
        start
    }

    fn next_index(&self) -> u32 {
        u32::try_from(self.elements.len()).unwrap_or(u32::MAX)
    }

    #[inline]
    pub(crate) fn token(&mut self, kind: SyntaxKind, range: TextRange) {
        self.offset = range.end().into();
        let link = if kind == IDENT {
            self.name_at(range)
        } else {
            range.start().into()
        };
        self.elements.push(Element {
            kind,
            len: range.len().into(),
            link,
        });
    }

    #[inline]
    pub(crate) fn start_node(&mut self, kind: SyntaxKind) {
        self.open.push((self.next_index(), self.offset));
        self.elements.push(Element {
            kind,
            len: 0,
            link: 0,
        });
    }

    #[inline]
    pub(crate) fn finish_node(&mut self) {
        let end = self.next_index();
        let Some((index, start)) = self.open.pop() else {
            return;
        };
        let len = self.offset.saturating_sub(start);
        if let Some(node) = self.elements.get_mut(index as usize) {
            node.link = end;
            node.len = len;
        }
    }

    /// The tree over `text`: open nodes are closed, and should the elements not form one root
    /// node spanning everything, a `SOURCE_FILE` root is put around them.
    pub(crate) fn finish(mut self) -> GreenTree {
        while !self.open.is_empty() {
            self.finish_node();
        }
        let len = self.next_index();
        let whole = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let rooted = self
            .elements
            .first()
            .is_some_and(|e| !e.kind.is_token() && e.link == len && e.len == whole);
        if !rooted {
            for e in self.elements.iter_mut().filter(|e| !e.kind.is_token()) {
                e.link = e.link.saturating_add(1);
            }
            self.elements.insert(
                0,
                Element {
                    kind: SOURCE_FILE,
                    len: whole,
                    link: len.saturating_add(1),
                },
            );
        }
        GreenTree {
            text: self.text.into(),
            elements: self.elements,
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

/// Builds a rowan green tree bottom-up without rowan's `NodeCache` (whose hashing of every node and
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

#[cfg(test)]
mod tests {
    use rowan::{GreenNodeData, NodeOrToken};

    use super::{Builder, GreenTree};
    use crate::ast::{GreenRef, TreeNode, TreeToken};
    use crate::{parse, SyntaxKind, SyntaxKind::*};
    use crate::{TextRange, TextSize};

    fn range(start: u32, end: u32) -> TextRange {
        TextRange::new(TextSize::from(start), TextSize::from(end))
    }

    #[test]
    fn builder_roots_and_links() {
        // Unfinished nodes are closed; elements that are not one root get a SOURCE_FILE root.
        let text = "ab c";
        let mut b = Builder::new(text, 0);
        b.token(IDENT, range(0, 2));
        b.start_node(NAME_REF);
        b.token(WHITESPACE, range(2, 3));
        b.start_node(ERROR);
        b.finish_node();
        b.token(IDENT, range(3, 4));
        let tree: GreenTree = b.finish();
        let root = GreenRef::root(&tree);
        assert_eq!(root.kind(), SOURCE_FILE);
        assert_eq!(root.text_range(), range(0, 4));
        let kids: Vec<_> = root
            .children_with_tokens()
            .map(|c| match c {
                NodeOrToken::Node(n) => (n.kind(), n.text_range()),
                NodeOrToken::Token(t) => (t.kind(), t.text_range()),
            })
            .collect();
        assert_eq!(kids, [(IDENT, range(0, 2)), (NAME_REF, range(2, 4))]);
        let name_ref = root.child_nodes().next().unwrap();
        let inner: Vec<_> = name_ref
            .children_with_tokens()
            .map(|c| match c {
                NodeOrToken::Node(n) => n.kind(),
                NodeOrToken::Token(t) => t.kind(),
            })
            .collect();
        assert_eq!(inner, [WHITESPACE, ERROR, IDENT]);
        // The empty ERROR node stops the first-token descent, as in rowan.
        assert_eq!(name_ref.first_token().map(|t| t.kind()), Some(WHITESPACE));
        let error = name_ref.child_nodes().next().unwrap();
        assert_eq!(error.text_range(), range(3, 3));
        assert!(error.first_token().is_none());
        assert_eq!(tree.to_rowan().to_string(), text);
    }

    #[test]
    fn equal_names_share_their_text() {
        let text = "abcdefghij = x; abcdefghij = abcdefghik + x;";
        let p = parse(text);
        let mut names = Vec::new();
        let mut stack = vec![*crate::AstNode::syntax(&p.tree())];
        while let Some(n) = stack.pop() {
            for c in n.children_with_tokens() {
                match c {
                    NodeOrToken::Node(n) => stack.push(n),
                    NodeOrToken::Token(t) if t.kind() == IDENT => {
                        names.push((t.text(), t.text_range()))
                    }
                    NodeOrToken::Token(_) => {}
                }
            }
        }
        names.sort_by_key(|(_, r)| r.start());
        let spelled: Vec<&str> = names.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            spelled,
            ["abcdefghij", "x", "abcdefghij", "abcdefghik", "x"]
        );
        assert_eq!(names[0].0.as_ptr(), names[2].0.as_ptr());
        assert_eq!(names[1].0.as_ptr(), names[4].0.as_ptr());
        assert_ne!(names[0].0.as_ptr(), names[3].0.as_ptr());
        for (t, r) in &names {
            assert_eq!(*t, &text[*r]);
        }
    }

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
