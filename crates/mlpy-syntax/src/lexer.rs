//! Tokenizer: `logos` recognises the raw tokens; a small pass on top decides what `//` means and
//! records line layout for the parser's recovery heuristics.
//!
//! Invariants: the significant tokens and the comments are in order with no overlaps, what lies
//! between them is whitespace only (logos skips it; each gap is one `WHITESPACE` token in the
//! tree), and every token boundary is a UTF-8 character boundary. Lexing never fails: unknown characters and
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

/// One significant token of the input (anything but whitespace and comments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: SyntaxKind,
    /// First significant token of its physical line.
    pub(crate) first_on_line: bool,
    /// A `{` with no matching `}` anywhere after it.
    pub(crate) unclosed: bool,
    /// Width (in bytes of leading whitespace) of the indentation of the token's line.
    pub(crate) indent: u32,
    pub(crate) range: TextRange,
}

/// A comment, or the byte-order mark (a `WHITESPACE` token of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Trivia {
    pub(crate) kind: SyntaxKind,
    pub(crate) range: TextRange,
}

/// The tokens of a whole input plus the lexical diagnostics. Significant tokens and the
/// comments are kept apart (the parser reads only the former); whitespace is not stored: every
/// gap between them is exactly one `WHITESPACE` token (a maximal run of whitespace).
pub(crate) struct Lexed {
    pub(crate) tokens: Vec<Token>,
    pub(crate) trivia: Vec<Trivia>,
    pub(crate) errors: Vec<Diagnostic>,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    #[regex(r"[ \t\r\n\x0C]+")]
    Whitespace,
    /// Every other token, with its kind decided in the matching state (no second dispatch):
    /// an unterminated string is an `ERROR_TOKEN`, `//` is `SLASH_SLASH` (the comment rule is
    /// applied after).
    #[regex("[A-Za-z_][A-Za-z0-9_]*", |_| IDENT)]
    #[regex("[0-9]", number)]
    #[regex(r"\.[0-9]", number)]
    #[token("\"", |lex| string(lex, b'"'))]
    #[token("'", |lex| string(lex, b'\''))]
    #[token("//", |_| SLASH_SLASH)]
    #[token("if", |_| IF_KW)]
    #[token("elif", |_| ELIF_KW)]
    #[token("else", |_| ELSE_KW)]
    #[token("while", |_| WHILE_KW)]
    #[token("for", |_| FOR_KW)]
    #[token("in", |_| IN_KW)]
    #[token("function", |_| FUNCTION_KW)]
    #[token("fn", |_| FN_KW)]
    #[token("return", |_| RETURN_KW)]
    #[token("break", |_| BREAK_KW)]
    #[token("continue", |_| CONTINUE_KW)]
    #[token("try", |_| TRY_KW)]
    #[token("except", |_| EXCEPT_KW)]
    #[token("finally", |_| FINALLY_KW)]
    #[token("throw", |_| THROW_KW)]
    #[token("import", |_| IMPORT_KW)]
    #[token("as", |_| AS_KW)]
    #[token("capability", |_| CAPABILITY_KW)]
    #[token("nonlocal", |_| NONLOCAL_KW)]
    #[token("true", |_| TRUE_KW)]
    #[token("false", |_| FALSE_KW)]
    #[token("(", |_| L_PAREN)]
    #[token(")", |_| R_PAREN)]
    #[token("[", |_| L_BRACK)]
    #[token("]", |_| R_BRACK)]
    #[token("{", |_| L_CURLY)]
    #[token("}", |_| R_CURLY)]
    #[token(",", |_| COMMA)]
    #[token(";", |_| SEMICOLON)]
    #[token(":", |_| COLON)]
    #[token(".", |_| DOT)]
    #[token("...", |_| DOT3)]
    #[token("?", |_| QUESTION)]
    #[token("=>", |_| FAT_ARROW)]
    #[token("=", |_| EQ)]
    #[token("+", |_| PLUS)]
    #[token("-", |_| MINUS)]
    #[token("*", |_| STAR)]
    #[token("/", |_| SLASH)]
    #[token("%", |_| PERCENT)]
    #[token("==", |_| EQ2)]
    #[token("!=", |_| NEQ)]
    #[token("<", |_| LT)]
    #[token(">", |_| GT)]
    #[token("<=", |_| LTEQ)]
    #[token(">=", |_| GTEQ)]
    #[token("&&", |_| AMP2)]
    #[token("||", |_| PIPE2)]
    #[token("!", |_| BANG)]
    Token(SyntaxKind),
}

/// Scans the rest of a number whose first character (or `.digit`) logos matched: an
/// `INT_NUMBER` or a `FLOAT_NUMBER`.
fn number(lex: &mut logos::Lexer<Raw>) -> SyntaxKind {
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
    if is_float {
        FLOAT_NUMBER
    } else {
        INT_NUMBER
    }
}

/// Scans the rest of a string literal: a `STRING`, or an `ERROR_TOKEN` running to the end of
/// the input if it is unterminated.
fn string(lex: &mut logos::Lexer<Raw>, quote: u8) -> SyntaxKind {
    let rest = lex.remainder().as_bytes();
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            b'\\' => i += 2,
            b if b == quote => {
                lex.bump(i + 1);
                return STRING;
            }
            _ => i += 1,
        }
    }
    // `rest.len()` is a char boundary; an escape at the very end may have stepped past it.
    lex.bump(rest.len());
    ERROR_TOKEN
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
    // Typical code has a significant token every four bytes or so: one allocation, no regrowth
    // copy, for most inputs.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 3 + 16);
    let mut trivia = Vec::new();
    let mut open_curlies = Vec::new();
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
        trivia.push(Trivia {
            kind: WHITESPACE,
            range: range(0, bom),
        });
    }
    let mut rule = SlashRule::default();
    let mut lex = Raw::lexer(&text[bom..]);
    while let Some(raw) = lex.next() {
        let span = lex.span();
        let start = span.start + bom;
        let kind = match raw {
            Ok(Raw::Whitespace) => {
                // Not stored: the tree builder re-creates it from the gap.
                line.whitespace(lex.slice());
                continue;
            }
            Ok(Raw::Token(kind)) => kind,
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
            if raw.is_ok() {
                // The only error token logos accepts: an unterminated string.
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
        if kind == COMMENT {
            trivia.push(Trivia {
                kind,
                range: range(start, end),
            });
            continue;
        }
        let (first_on_line, indent) = line.token(kind, lex.slice());
        rule.push(kind);
        match kind {
            L_CURLY => open_curlies.push(tokens.len()),
            R_CURLY => {
                open_curlies.pop();
            }
            _ => {}
        }
        tokens.push(Token {
            kind,
            first_on_line,
            unclosed: false,
            indent,
            range: range(start, end),
        });
    }
    for i in open_curlies {
        if let Some(t) = tokens.get_mut(i) {
            t.unclosed = true;
        }
    }
    errors.truncate(MAX_ERRORS);
    Lexed {
        tokens,
        trivia,
        errors,
    }
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
    /// Takes in a run of whitespace (comments change nothing).
    fn whitespace(&mut self, text: &str) {
        if let Some(nl) = text.rfind(['\n', '\r']) {
            self.at_line_start = true;
            self.indent = (text.len() - nl - 1) as u32;
        }
    }

    /// Returns `(first_on_line, indent)` for a significant token of `kind` spelled `text`.
    fn token(&mut self, kind: SyntaxKind, text: &str) -> (bool, u32) {
        let first = std::mem::replace(&mut self.at_line_start, false);
        // A multi-line string ends on another line; later tokens are not line starts.
        if kind == STRING && text.contains(['\n', '\r']) {
            self.indent = u32::MAX;
        }
        (first, self.indent)
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
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    /// All tokens, trivia included, in order (the gaps as whitespace).
    fn all(lexed: &Lexed) -> Vec<(SyntaxKind, TextRange)> {
        let mut stored: Vec<_> = lexed.tokens.iter().map(|t| (t.kind, t.range)).collect();
        stored.extend(lexed.trivia.iter().map(|t| (t.kind, t.range)));
        stored.sort_by_key(|&(_, range)| range.start());
        let mut all = Vec::new();
        let mut pos = TextSize::from(0);
        for (kind, range) in stored {
            if range.start() > pos {
                all.push((WHITESPACE, TextRange::new(pos, range.start())));
            }
            all.push((kind, range));
            pos = range.end();
        }
        all
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
        all(&lex(text, &[]))
            .into_iter()
            .filter(|(kind, _)| matches!(kind, SLASH_SLASH | COMMENT))
            .map(|(kind, _)| kind)
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
            .trivia
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
            .trivia
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
            " \t\x0C\n x \r\n",
        ] {
            let lexed = lex(text, &[]);
            let mut stored: Vec<TextRange> = lexed.tokens.iter().map(|t| t.range).collect();
            stored.extend(lexed.trivia.iter().map(|t| t.range));
            stored.sort_by_key(|range| range.start());
            let mut pos = 0;
            for range in stored {
                let start = u32::from(range.start()) as usize;
                assert!(start >= pos, "{text:?}: overlap at {start}");
                assert!(text[pos..start]
                    .bytes()
                    .all(|b| b" \t\r\n\x0C".contains(&b)));
                pos = u32::from(range.end()) as usize;
            }
            assert!(text[pos..].bytes().all(|b| b" \t\r\n\x0C".contains(&b)));
            let whitespace: Vec<_> = all(&lexed)
                .into_iter()
                .filter(|&(kind, _)| kind == WHITESPACE)
                .map(|(_, range)| &text[range])
                .collect();
            if text.starts_with('\u{FEFF}') {
                assert_eq!(whitespace.first(), Some(&"\u{FEFF}"));
            }
        }
    }

    #[test]
    fn unclosed_curlies() {
        let lexed = lex("{ { } { // }\n x", &[]);
        let unclosed: Vec<bool> = lexed
            .tokens
            .iter()
            .filter(|t| t.kind == L_CURLY)
            .map(|t| t.unclosed)
            .collect();
        assert_eq!(unclosed, [true, false, true]);
        assert!(lexed
            .tokens
            .iter()
            .all(|t| t.kind == L_CURLY || !t.unclosed));
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
