//! `SyntaxKind`: every token and node kind of the ML concrete syntax tree, plus the `rowan`
//! language glue (`MlLanguage`) and the tree type aliases.
//!
//! Invariant: token kinds come first and end at `EOF`; everything after `EOF` is a node kind.
//! `EOF` itself never appears in a tree (the parser uses it as the "no more tokens" marker).

/// Kind of a token or node. `#[repr(u16)]` so it maps to `rowan::SyntaxKind`.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
pub enum SyntaxKind {
    // ---- trivia ----
    /// Spaces, tabs, line terminators, form feeds, a leading byte-order mark.
    WHITESPACE = 0,
    /// `// ...` up to (not including) the end of the line.
    COMMENT,
    /// A character no token starts with, or an unterminated string (to end of input).
    ERROR_TOKEN,

    // ---- literals and names ----
    /// `[A-Za-z_][A-Za-z0-9_]*` that is not a reserved word; also reserved words used as
    /// property names (after `.` and as object keys), which the parser re-kinds to `IDENT`.
    IDENT,
    /// Integer literal (unsigned; a sign is a prefix operator).
    INT_NUMBER,
    /// Decimal or exponent literal (unsigned).
    FLOAT_NUMBER,
    /// Terminated string literal in either quote style, quotes included.
    STRING,

    // ---- punctuation ----
    L_PAREN,
    R_PAREN,
    L_BRACK,
    R_BRACK,
    L_CURLY,
    R_CURLY,
    COMMA,
    SEMICOLON,
    COLON,
    DOT,
    /// `...` (rest parameter).
    DOT3,
    QUESTION,
    /// `=>`
    FAT_ARROW,
    /// `=`
    EQ,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    /// `//` read as floor division (see `lexer` for the comment rule).
    SLASH_SLASH,
    PERCENT,
    /// `==`
    EQ2,
    /// `!=`
    NEQ,
    LT,
    GT,
    LTEQ,
    GTEQ,
    /// `&&`
    AMP2,
    /// `||`
    PIPE2,
    /// `!`
    BANG,

    // ---- reserved words ----
    IF_KW,
    ELIF_KW,
    ELSE_KW,
    WHILE_KW,
    FOR_KW,
    IN_KW,
    FUNCTION_KW,
    FN_KW,
    RETURN_KW,
    BREAK_KW,
    CONTINUE_KW,
    TRY_KW,
    EXCEPT_KW,
    FINALLY_KW,
    THROW_KW,
    IMPORT_KW,
    AS_KW,
    CAPABILITY_KW,
    NONLOCAL_KW,
    TRUE_KW,
    FALSE_KW,

    /// End of input (parser marker only, never in a tree).
    EOF,

    // ---- nodes ----
    SOURCE_FILE,
    /// `capability NAME { items }`
    CAPABILITY_DECL,
    /// `resource "glob";` inside a capability block.
    CAP_RESOURCE,
    /// `allow permission ["target"];` inside a capability block.
    CAP_ALLOW,
    /// `import a.b.c [as d];`
    IMPORT_STMT,
    /// `function NAME(params) { ... }`
    FUNCTION_DECL,
    /// `( param, ..., ...rest )`
    PARAM_LIST,
    /// `name [: annotation]`
    PARAM,
    /// `...name`
    REST_PARAM,
    /// `{ statements }`
    BLOCK,
    IF_STMT,
    /// `elif (cond) { ... }`
    ELIF_CLAUSE,
    /// `else { ... }`
    ELSE_CLAUSE,
    WHILE_STMT,
    /// `for (x in expr) { ... }`
    FOR_IN_STMT,
    /// `for (init; cond; update) { ... }`; init/update are `ASSIGN_STMT` nodes without `;`.
    C_FOR_STMT,
    TRY_STMT,
    /// `except [(e)] { ... }`
    EXCEPT_CLAUSE,
    /// `finally { ... }`
    FINALLY_CLAUSE,
    RETURN_STMT,
    THROW_STMT,
    BREAK_STMT,
    CONTINUE_STMT,
    NONLOCAL_STMT,
    /// `[a, b] = expr;` or `{a, b} = expr;`
    DESTRUCTURE_STMT,
    /// `target = expr;`
    ASSIGN_STMT,
    /// `expr;`
    EXPR_STMT,
    /// Number, string, `true` or `false`.
    LITERAL,
    /// A variable reference.
    NAME_REF,
    ARRAY_EXPR,
    OBJECT_EXPR,
    /// `key: value` inside an object literal.
    PROPERTY,
    PAREN_EXPR,
    /// `!x`, `-x`, `+5`
    PREFIX_EXPR,
    BIN_EXPR,
    /// `c ? a : b`
    COND_EXPR,
    CALL_EXPR,
    /// `( args )` of a call.
    ARG_LIST,
    /// `obj.name`
    MEMBER_EXPR,
    /// `base[index]`
    INDEX_EXPR,
    /// `base[start:end:step]` (each part optional).
    SLICE_EXPR,
    /// `fn(params) => body`
    ARROW_FN,
    /// `function(params) { ... }` in expression position.
    FUNCTION_EXPR,
    /// Tokens the parser skipped or could not place.
    ERROR,
}

use SyntaxKind::*;

impl SyntaxKind {
    /// Whitespace and comments: kept in the tree, invisible to the parser.
    pub fn is_trivia(self) -> bool {
        matches!(self, WHITESPACE | COMMENT)
    }

    /// A reserved word (§1.4).
    pub fn is_keyword(self) -> bool {
        (IF_KW as u16..=FALSE_KW as u16).contains(&(self as u16))
    }

    /// Token kinds (everything before `EOF`).
    pub fn is_token(self) -> bool {
        (self as u16) < EOF as u16
    }

    /// Fixed spelling of a punctuation or keyword token, for messages.
    pub fn fixed_text(self) -> Option<&'static str> {
        Some(match self {
            L_PAREN => "(",
            R_PAREN => ")",
            L_BRACK => "[",
            R_BRACK => "]",
            L_CURLY => "{",
            R_CURLY => "}",
            COMMA => ",",
            SEMICOLON => ";",
            COLON => ":",
            DOT => ".",
            DOT3 => "...",
            QUESTION => "?",
            FAT_ARROW => "=>",
            EQ => "=",
            PLUS => "+",
            MINUS => "-",
            STAR => "*",
            SLASH => "/",
            SLASH_SLASH => "//",
            PERCENT => "%",
            EQ2 => "==",
            NEQ => "!=",
            LT => "<",
            GT => ">",
            LTEQ => "<=",
            GTEQ => ">=",
            AMP2 => "&&",
            PIPE2 => "||",
            BANG => "!",
            IF_KW => "if",
            ELIF_KW => "elif",
            ELSE_KW => "else",
            WHILE_KW => "while",
            FOR_KW => "for",
            IN_KW => "in",
            FUNCTION_KW => "function",
            FN_KW => "fn",
            RETURN_KW => "return",
            BREAK_KW => "break",
            CONTINUE_KW => "continue",
            TRY_KW => "try",
            EXCEPT_KW => "except",
            FINALLY_KW => "finally",
            THROW_KW => "throw",
            IMPORT_KW => "import",
            AS_KW => "as",
            CAPABILITY_KW => "capability",
            NONLOCAL_KW => "nonlocal",
            TRUE_KW => "true",
            FALSE_KW => "false",
            _ => return None,
        })
    }

    fn from_raw(raw: u16) -> SyntaxKind {
        // All discriminants are contiguous from 0 to ERROR.
        if raw <= ERROR as u16 {
            // SAFETY: `SyntaxKind` is `repr(u16)` with contiguous discriminants 0..=ERROR.
            unsafe { std::mem::transmute::<u16, SyntaxKind>(raw) }
        } else {
            ERROR
        }
    }
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        rowan::SyntaxKind(kind as u16)
    }
}

/// The `rowan` language tag of ML trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MlLanguage {}

impl rowan::Language for MlLanguage {
    type Kind = SyntaxKind;

    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }

    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

/// A node of the ML concrete syntax tree.
pub type SyntaxNode = rowan::SyntaxNode<MlLanguage>;
/// A token (leaf) of the ML concrete syntax tree.
pub type SyntaxToken = rowan::SyntaxToken<MlLanguage>;
/// Either a node or a token.
pub type SyntaxElement = rowan::SyntaxElement<MlLanguage>;
/// Iterator over the child nodes of a node.
pub type SyntaxNodeChildren = rowan::SyntaxNodeChildren<MlLanguage>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_round_trip() {
        for raw in 0..=ERROR as u16 {
            assert_eq!(SyntaxKind::from_raw(raw) as u16, raw);
        }
        assert_eq!(SyntaxKind::from_raw(ERROR as u16 + 1), ERROR);
        assert!(IF_KW.is_keyword() && FALSE_KW.is_keyword() && !IDENT.is_keyword());
        assert!(BANG.is_token() && !SOURCE_FILE.is_token());
    }
}
