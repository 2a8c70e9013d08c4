//! Tokenizer: `logos` recognises the raw tokens; a small pass on top decides what `//` means and
//! records line layout for the parser's recovery heuristics.
//!
//! Invariants: the tokens cover the input exactly, in order, with no gaps and no overlaps, and
//! every token boundary is a UTF-8 character boundary. Lexing never fails: unknown characters and
//! unterminated strings become `ERROR_TOKEN`s with a diagnostic.
//!
//! The `//` rule (language.md §1.2): `//` is the floor-division operator when the previous
//! significant token is an operand end (identifier, number, string, `true`, `false`, `]`, a
//! property name after `.`, or a `)` that does not close a *header parenthesis*); otherwise it
//! starts a comment running to the end of the line. A header parenthesis is a `(` directly after
//! `if elif while for except fn function` or `function NAME`. Callers may force individual
//! operator-`//` offsets to be comments (the same-line fallback, E10, lives in `lib.rs`).

use logos::Logos;

use crate::{Diagnostic, SyntaxKind, SyntaxKind::*, TextRange, TextSize, MAX_ERRORS};

/// Message of the unterminated-string diagnostic (the parser's echoes of it are dropped).
pub(crate) const UNTERMINATED_STRING: &str = "unterminated string literal";

/// One token of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: SyntaxKind,
    /// First significant token of its physical line.
    pub(crate) first_on_line: bool,
    /// Width (in bytes of leading whitespace) of the indentation of the token's line.
    pub(crate) indent: u32,
    pub(crate) range: TextRange,
}

/// The tokens of a whole input plus the lexical diagnostics.
pub(crate) struct Lexed {
    pub(crate) tokens: Vec<Token>,
    pub(crate) errors: Vec<Diagnostic>,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    #[regex(r"[ \t\r\n\x0C]+")]
    Whitespace,
    #[regex("[A-Za-z_][A-Za-z0-9_]*")]
    Ident,
    #[regex("[0-9]", number)]
    #[regex(r"\.[0-9]", number)]
    Number(bool),
    #[token("\"", |lex| string(lex, b'"'))]
    #[token("'", |lex| string(lex, b'\''))]
    Str(bool),
    #[token("//")]
    SlashSlash,
    #[token("if")]
    If,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("while")]
    While,
    #[token("for")]
    For,
    #[token("in")]
    In,
    #[token("function")]
    Function,
    #[token("fn")]
    Fn,
    #[token("return")]
    Return,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("try")]
    Try,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("throw")]
    Throw,
    #[token("import")]
    Import,
    #[token("as")]
    As,
    #[token("capability")]
    Capability,
    #[token("nonlocal")]
    Nonlocal,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBrack,
    #[token("]")]
    RBrack,
    #[token("{")]
    LCurly,
    #[token("}")]
    RCurly,
    #[token(",")]
    Comma,
    #[token(";")]
    Semicolon,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("...")]
    Dot3,
    #[token("?")]
    Question,
    #[token("=>")]
    FatArrow,
    #[token("=")]
    Eq,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("==")]
    Eq2,
    #[token("!=")]
    Neq,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    LtEq,
    #[token(">=")]
    GtEq,
    #[token("&&")]
    Amp2,
    #[token("||")]
    Pipe2,
    #[token("!")]
    Bang,
}

/// Scans the rest of a number whose first character (or `.digit`) logos matched.
/// Returns whether the literal is a float.
fn number(lex: &mut logos::Lexer<Raw>) -> bool {
    let rest = lex.remainder().as_bytes();
    let digits = |from: usize| {
        from + rest[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut is_float = lex.slice().starts_with('.');
    let mut i = digits(0);
    if !is_float && rest.get(i) == Some(&b'.') {
        is_float = true;
        i = digits(i + 1);
    }
    if matches!(rest.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(rest.get(i + 1), Some(b'+' | b'-')));
        if rest.get(i + 1 + sign).is_some_and(u8::is_ascii_digit) {
            is_float = true;
            i = digits(i + 1 + sign);
        }
    }
    lex.bump(i);
    is_float
}

/// Scans the rest of a string literal. Returns whether it is terminated; an unterminated string
/// runs to the end of the input.
fn string(lex: &mut logos::Lexer<Raw>, quote: u8) -> bool {
    let rest = lex.remainder().as_bytes();
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            b'\\' => i += 2,
            b if b == quote => {
                lex.bump(i + 1);
                return true;
            }
            _ => i += 1,
        }
    }
    // `rest.len()` is a char boundary; an escape at the very end may have stepped past it.
    lex.bump(rest.len());
    false
}

fn raw_kind(raw: Raw) -> SyntaxKind {
    match raw {
        Raw::Whitespace => WHITESPACE,
        Raw::Ident => IDENT,
        Raw::Number(false) => INT_NUMBER,
        Raw::Number(true) => FLOAT_NUMBER,
        Raw::Str(true) => STRING,
        Raw::Str(false) => ERROR_TOKEN,
        Raw::SlashSlash => SLASH_SLASH,
        Raw::If => IF_KW,
        Raw::Elif => ELIF_KW,
        Raw::Else => ELSE_KW,
        Raw::While => WHILE_KW,
        Raw::For => FOR_KW,
        Raw::In => IN_KW,
        Raw::Function => FUNCTION_KW,
        Raw::Fn => FN_KW,
        Raw::Return => RETURN_KW,
        Raw::Break => BREAK_KW,
        Raw::Continue => CONTINUE_KW,
        Raw::Try => TRY_KW,
        Raw::Except => EXCEPT_KW,
        Raw::Finally => FINALLY_KW,
        Raw::Throw => THROW_KW,
        Raw::Import => IMPORT_KW,
        Raw::As => AS_KW,
        Raw::Capability => CAPABILITY_KW,
        Raw::Nonlocal => NONLOCAL_KW,
        Raw::True => TRUE_KW,
        Raw::False => FALSE_KW,
        Raw::LParen => L_PAREN,
        Raw::RParen => R_PAREN,
        Raw::LBrack => L_BRACK,
        Raw::RBrack => R_BRACK,
        Raw::LCurly => L_CURLY,
        Raw::RCurly => R_CURLY,
        Raw::Comma => COMMA,
        Raw::Semicolon => SEMICOLON,
        Raw::Colon => COLON,
        Raw::Dot => DOT,
        Raw::Dot3 => DOT3,
        Raw::Question => QUESTION,
        Raw::FatArrow => FAT_ARROW,
        Raw::Eq => EQ,
        Raw::Plus => PLUS,
        Raw::Minus => MINUS,
        Raw::Star => STAR,
        Raw::Slash => SLASH,
        Raw::Percent => PERCENT,
        Raw::Eq2 => EQ2,
        Raw::Neq => NEQ,
        Raw::Lt => LT,
        Raw::Gt => GT,
        Raw::LtEq => LTEQ,
        Raw::GtEq => GTEQ,
        Raw::Amp2 => AMP2,
        Raw::Pipe2 => PIPE2,
        Raw::Bang => BANG,
    }
}

/// State of the `//` rule: the last two significant tokens and the open parentheses
/// (`true` = header parenthesis).
#[derive(Default)]
struct SlashRule {
    prev: Option<SyntaxKind>,
    prev2: Option<SyntaxKind>,
    parens: Vec<bool>,
    last_close_was_header: bool,
}

impl SlashRule {
    fn is_floor_division(&self) -> bool {
        match self.prev {
            Some(IDENT | INT_NUMBER | FLOAT_NUMBER | STRING | TRUE_KW | FALSE_KW | R_BRACK) => true,
            Some(R_PAREN) => !self.last_close_was_header,
            // A reserved word after `.` is a property name.
            Some(kind) if kind.is_keyword() => self.prev2 == Some(DOT),
            _ => false,
        }
    }

    fn push(&mut self, kind: SyntaxKind) {
        match kind {
            L_PAREN => {
                let header = matches!(
                    self.prev,
                    Some(IF_KW | ELIF_KW | WHILE_KW | FOR_KW | EXCEPT_KW | FN_KW | FUNCTION_KW)
                ) || (self.prev == Some(IDENT) && self.prev2 == Some(FUNCTION_KW));
                self.parens.push(header);
            }
            R_PAREN => self.last_close_was_header = self.parens.pop().unwrap_or(false),
            _ => {}
        }
        self.prev2 = self.prev;
        self.prev = Some(kind);
    }
}

/// Length in bytes up to (not including) the first line terminator of `rest`.
fn line_len(rest: &str) -> usize {
    rest.bytes()
        .position(|b| b == b'\n' || b == b'\r')
        .unwrap_or(rest.len())
}

/// Tokenizes `text`. `forced_comments` holds (sorted) start offsets of `//` tokens that must be
/// read as comments even where the rule says floor division.
pub(crate) fn lex(text: &str, forced_comments: &[TextSize]) -> Lexed {
    // Typical code has a token (trivia included) every two bytes or so: one allocation, no
    // regrowth copy, for most inputs.
    let mut tokens = Vec::with_capacity(text.len() / 2 + 16);
    let mut errors = Vec::new();
    let mut line = LineLayout {
        at_line_start: true,
        indent: 0,
    };
    let bom = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    if bom > 0 {
        tokens.push(Token {
            kind: WHITESPACE,
            first_on_line: false,
            indent: 0,
            range: range(0, bom),
        });
    }
    let mut rule = SlashRule::default();
    let mut lex = Raw::lexer(&text[bom..]);
    while let Some(raw) = lex.next() {
        let span = lex.span();
        let start = span.start + bom;
        let kind = match raw {
            Ok(raw) => raw_kind(raw),
            Err(()) => {
                // Make the error token cover whole characters.
                let char_len = text[start..].chars().next().map_or(0, char::len_utf8);
                if span.len() < char_len {
                    lex.bump(char_len - span.len());
                }
                ERROR_TOKEN
            }
        };
        let kind = if kind == SLASH_SLASH
            && (!rule.is_floor_division()
                || forced_comments
                    .binary_search(&TextSize::from(start as u32))
                    .is_ok())
        {
            lex.bump(line_len(lex.remainder()));
            COMMENT
        } else {
            kind
        };
        let end = lex.span().end + bom;
        if kind == ERROR_TOKEN {
            if raw == Ok(Raw::Str(false)) {
                errors.push(unterminated(start));
            } else if let Some(last) = tokens.last_mut().filter(|t: &&mut Token| {
                t.kind == ERROR_TOKEN
                    && u32::from(t.range.end()) as usize == start
                    && !text[t.range].starts_with(['"', '\''])
            }) {
                // Merge a run of unknown characters into one token with one diagnostic.
                last.range = range(u32::from(last.range.start()) as usize, end);
                if let Some(error) = errors.last_mut() {
                    error.range = last.range;
                }
                continue;
            } else {
                let c = text[start..end].chars().next().unwrap_or('\u{FFFD}');
                let mut message = format!("unexpected character '{}'", c.escape_debug());
                match c {
                    '&' => message.push_str(" (logical and is '&&')"),
                    '|' => message.push_str(" (logical or is '||')"),
                    _ => {}
                }
                errors.push(Diagnostic::error(message, range(start, end)));
            }
        }
        let (first_on_line, indent) = line.advance(kind, &text[start..end]);
        if !kind.is_trivia() {
            rule.push(kind);
        }
        tokens.push(Token {
            kind,
            first_on_line,
            indent,
            range: range(start, end),
        });
    }
    errors.truncate(MAX_ERRORS);
    Lexed { tokens, errors }
}

fn unterminated(start: usize) -> Diagnostic {
    Diagnostic::error(UNTERMINATED_STRING, range(start, start + 1))
        .with_note("the string runs to the end of the input; close it with the same quote")
}

/// Tracks where lines start and how deep they are indented.
struct LineLayout {
    at_line_start: bool,
    indent: u32,
}

impl LineLayout {
    /// Returns `(first_on_line, indent)` for a token of `kind` spelled `text`.
    fn advance(&mut self, kind: SyntaxKind, text: &str) -> (bool, u32) {
        match kind {
            WHITESPACE => {
                if let Some(nl) = text.rfind(['\n', '\r']) {
                    self.at_line_start = true;
                    self.indent = (text.len() - nl - 1) as u32;
                }
                (false, self.indent)
            }
            COMMENT => (false, self.indent),
            _ => {
                let first = std::mem::replace(&mut self.at_line_start, false);
                // A multi-line string ends on another line; later tokens are not line starts.
                if kind == STRING && text.contains(['\n', '\r']) {
                    self.indent = u32::MAX;
                }
                (first, self.indent)
            }
        }
    }
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}

/// Whether `text` ends inside an unclosed `{ ( [` or an unterminated string (REPL helper).
pub fn is_incomplete(text: &str) -> bool {
    let lexed = lex(text, &[]);
    let mut open = Vec::new();
    for token in &lexed.tokens {
        match token.kind {
            L_PAREN | L_BRACK | L_CURLY => open.push(token.kind),
            R_PAREN | R_BRACK | R_CURLY => {
                let opener = match token.kind {
                    R_PAREN => L_PAREN,
                    R_BRACK => L_BRACK,
                    _ => L_CURLY,
                };
                if open.last() == Some(&opener) {
                    open.pop();
                }
            }
            _ => {}
        }
    }
    let unterminated_string = lexed
        .tokens
        .last()
        .is_some_and(|t| t.kind == ERROR_TOKEN && text[t.range].starts_with(['"', '\'']));
    !open.is_empty() || unterminated_string
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SyntaxKind, &str)> {
        lex(text, &[])
            .tokens
            .iter()
            .filter(|t| t.kind != WHITESPACE)
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("1 007 1. .5 1.25 1e3 2E-2 1e 1e+ 0x10 1_000"),
            vec![
                (INT_NUMBER, "1"),
                (INT_NUMBER, "007"),
                (FLOAT_NUMBER, "1."),
                (FLOAT_NUMBER, ".5"),
                (FLOAT_NUMBER, "1.25"),
                (FLOAT_NUMBER, "1e3"),
                (FLOAT_NUMBER, "2E-2"),
                (INT_NUMBER, "1"),
                (IDENT, "e"),
                (INT_NUMBER, "1"),
                (IDENT, "e"),
                (PLUS, "+"),
                (INT_NUMBER, "0"),
                (IDENT, "x10"),
                (INT_NUMBER, "1"),
                (IDENT, "_000"),
            ]
        );
    }

    #[test]
    fn strings_and_errors() {
        assert_eq!(
            kinds("'it\\'s' \"a\nb\" \"http://x\" @ é"),
            vec![
                (STRING, "'it\\'s'"),
                (STRING, "\"a\nb\""),
                (STRING, "\"http://x\""),
                (ERROR_TOKEN, "@"),
                (ERROR_TOKEN, "é"),
            ]
        );
        let lexed = lex("x = \"abc\\", &[]);
        assert_eq!(lexed.tokens.last().map(|t| t.kind), Some(ERROR_TOKEN));
        assert_eq!(lexed.errors.len(), 1);
        assert_eq!(lexed.errors[0].message, "unterminated string literal");
        assert_eq!(lex("a @#$ b", &[]).errors.len(), 1);
    }

    #[test]
    fn keywords_and_punctuation() {
        assert_eq!(
            kinds("truex true fn=>... . == = != <= >= && || ! %"),
            vec![
                (IDENT, "truex"),
                (TRUE_KW, "true"),
                (FN_KW, "fn"),
                (FAT_ARROW, "=>"),
                (DOT3, "..."),
                (DOT, "."),
                (EQ2, "=="),
                (EQ, "="),
                (NEQ, "!="),
                (LTEQ, "<="),
                (GTEQ, ">="),
                (AMP2, "&&"),
                (PIPE2, "||"),
                (BANG, "!"),
                (PERCENT, "%"),
            ]
        );
    }

    fn slash_kinds(text: &str) -> Vec<SyntaxKind> {
        lex(text, &[])
            .tokens
            .iter()
            .filter(|t| matches!(t.kind, SLASH_SLASH | COMMENT))
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn slash_slash_rule_spec_example() {
        let text = "x = 10 // 3;     // three\ny = [1, 2,       // a note\n     3];\nif (x > 1)       // fine\n{ print(x); }\n";
        assert_eq!(
            slash_kinds(text),
            vec![SLASH_SLASH, COMMENT, COMMENT, COMMENT]
        );
        let comments: Vec<_> = lex(text, &[])
            .tokens
            .iter()
            .filter(|t| t.kind == COMMENT)
            .map(|t| &text[t.range])
            .collect();
        assert_eq!(comments, vec!["// three", "// a note", "// fine"]);
    }

    #[test]
    fn slash_slash_rule_operands_and_headers() {
        assert_eq!(slash_kinds("a // b"), vec![SLASH_SLASH]);
        assert_eq!(slash_kinds("a] // b"), vec![SLASH_SLASH]);
        assert_eq!(slash_kinds("'s' // b"), vec![SLASH_SLASH]);
        assert_eq!(slash_kinds("true // b"), vec![SLASH_SLASH]);
        assert_eq!(slash_kinds("f(x) // b"), vec![SLASH_SLASH]);
        assert_eq!(slash_kinds("o.if // b"), vec![SLASH_SLASH]);
        assert_eq!(slash_kinds("// start"), vec![COMMENT]);
        assert_eq!(slash_kinds("x = // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("{a: 1} // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("while (f(x)) // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("function g(a) // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("fn(a) // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("except (e) // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("return // c"), vec![COMMENT]);
        assert_eq!(slash_kinds("x = (a) // 2"), vec![SLASH_SLASH]);
    }

    #[test]
    fn forced_comment() {
        let text = "a = 10 * 2 // ten\nb;";
        let lexed = lex(text, &[TextSize::from(11)]);
        let comment = lexed
            .tokens
            .iter()
            .find(|t| t.kind == COMMENT)
            .map(|t| &text[t.range]);
        assert_eq!(comment, Some("// ten"));
    }

    #[test]
    fn covers_input() {
        for text in [
            "\u{FEFF}x",
            "a\r\nb // c\r\nd",
            "\"unterminated\\",
            "\u{0}\u{1}ü€",
            "1e",
        ] {
            let lexed = lex(text, &[]);
            let mut pos = 0;
            for t in &lexed.tokens {
                assert_eq!(u32::from(t.range.start()) as usize, pos);
                pos = u32::from(t.range.end()) as usize;
            }
            assert_eq!(pos, text.len());
        }
    }

    #[test]
    fn incomplete() {
        assert!(is_incomplete("function f() {"));
        assert!(is_incomplete("x = [1, (2"));
        assert!(is_incomplete("x = 'abc"));
        assert!(!is_incomplete("x = 1;"));
        assert!(!is_incomplete("x = '(';"));
        assert!(!is_incomplete("x = 1; // {"));
    }
}
