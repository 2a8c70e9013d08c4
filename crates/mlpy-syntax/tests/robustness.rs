//! Hostile and random inputs: the parser never panics, the tree always reproduces the input byte
//! for byte, deep nesting is a diagnostic (not a stack overflow), and recovery keeps later
//! declarations intact.

use mlpy_syntax::{ast, parse, SyntaxKind, MAX_NESTING, MAX_SOURCE_LEN};
use proptest::prelude::*;

/// The green tree's tokens, in order, spell `text`, each at its own range (iterative: deep
/// trees must not overflow the test's stack either).
fn assert_green_round_trip(p: &mlpy_syntax::Parse, text: &str) {
    use mlpy_syntax::ast::{GreenRef, GreenTokenRef, TreeToken};
    use rowan::NodeOrToken;
    let mut out = String::new();
    let mut stack: Vec<NodeOrToken<GreenRef, GreenTokenRef>> =
        vec![NodeOrToken::Node(*ast::AstNode::syntax(&p.tree()))];
    while let Some(element) = stack.pop() {
        match element {
            NodeOrToken::Node(n) => {
                let children: Vec<_> = n.children_with_tokens().collect();
                stack.extend(children.into_iter().rev());
            }
            NodeOrToken::Token(t) => {
                assert_eq!(u32::from(t.text_range().start()) as usize, out.len());
                assert_eq!(t.text(), &text[t.text_range()]);
                out.push_str(t.text());
            }
        }
    }
    assert_eq!(out, text);
}

fn assert_round_trip(text: &str) -> mlpy_syntax::Parse {
    let p = parse(text);
    assert_green_round_trip(&p, text);
    assert_eq!(p.syntax().to_string(), text);
    for d in p.diagnostics() {
        assert!(u32::from(d.range.end()) as usize <= text.len());
        // The no-progress guard tripping means a grammar loop is missing a `bump`.
        assert!(
            !d.message.starts_with("parser made no progress"),
            "{text:?}"
        );
    }
    p
}

fn ok_programs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/ok");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ml"))
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn round_trip_arbitrary_strings(text in any::<String>()) {
        assert_round_trip(&text);
    }

    #[test]
    fn round_trip_ml_alphabet(text in "[a-z0-9_ \\t\\n(){}\\[\\];,.:?=+*/%<>!&|\"'\\\\-]{0,300}") {
        assert_round_trip(&text);
    }

    #[test]
    fn round_trip_ml_tokens(tokens in prop::collection::vec(prop::sample::select(vec![
        "if", "elif", "else", "while", "for", "in", "function", "fn", "return", "break", "continue",
        "try", "except", "finally", "throw", "import", "as", "capability", "nonlocal", "true", "x",
        "resource", "allow", "read", "1", "2.5", "'s'", "\"t\"", "(", ")", "[", "]", "{", "}", ",",
        ";", ":", ".", "...", "?", "=>", "=", "+", "-", "*", "/", "//", "%", "==", "!=", "<", ">=",
        "&&", "||", "!", "\n", " ", "// c\n", "@", "\"open",
    ]), 0..120)) {
        assert_round_trip(&tokens.concat());
    }

    #[test]
    fn round_trip_mutated_programs(
        which in any::<prop::sample::Index>(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, "[(){}\\[\\];,/\"' a=+]{0,3}"), 1..6),
    ) {
        let programs = ok_programs();
        prop_assume!(!programs.is_empty());
        let mut text = which.get(&programs).clone();
        for (at, len, insert) in cuts {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) { end += 1; }
            text.replace_range(start..end, &insert);
        }
        assert_round_trip(&text);
    }
}

#[test]
fn binary_garbage() {
    let bytes: Vec<u8> = (0..=255u8)
        .cycle()
        .take(64 * 1024)
        .map(|b| b.wrapping_mul(31))
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    assert_round_trip(&text);
    let controls: String = (0u32..0x300).filter_map(char::from_u32).collect();
    assert_round_trip(&controls);
}

#[test]
fn a_source_over_the_size_limit_is_one_error_token() {
    let text = "x = 1;\n".repeat(MAX_SOURCE_LEN / 7 + 1);
    assert!(text.len() > MAX_SOURCE_LEN);
    let p = parse(&text);
    let messages: Vec<&str> = p.diagnostics().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("source is too large"),
        "{messages:?}"
    );
    assert_green_round_trip(&p, &text);
}

#[test]
fn one_megabyte_of_open_parens() {
    let text = "(".repeat(1 << 20);
    let p = assert_round_trip(&text);
    let messages: Vec<&str> = p.diagnostics().iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("nesting too deep")),
        "{messages:?}"
    );
    assert!(messages.len() < 8, "{messages:?}");
}

#[test]
fn deep_nesting_of_every_kind_is_bounded() {
    let n = 20_000;
    let cases = [
        "[".repeat(n),
        format!("x = {};", "{a: ".repeat(n)),
        format!("x = {}1;", "-".repeat(n)),
        format!("x = {}1;", "!".repeat(n)),
        format!("x = a{};", ".b".repeat(n)),
        format!("x = a{};", " + a".repeat(n)),
        format!("x = f{};", "()".repeat(n)),
        format!("x = a{};", "[0]".repeat(n)),
        "if (x) {".repeat(n),
        format!("f = {}1;", "fn() => ".repeat(n)),
        format!("x = {}1;", "a ? b : ".repeat(n)),
        format!("x = {}1;", "+".repeat(n)),
        "x = function() {".repeat(n),
        format!("{}{}", "f(".repeat(n), ")".repeat(n)),
    ];
    for text in &cases {
        let p = assert_round_trip(text);
        assert!(
            p.diagnostics().len() <= 110,
            "{} diagnostics",
            p.diagnostics().len()
        );
        assert!(
            p.diagnostics()
                .iter()
                .any(|d| d.message.starts_with("nesting too deep")),
            "no depth diagnostic for {:?}...",
            &text[..20]
        );
    }
}

#[test]
fn diagnostics_are_bounded() {
    for text in [
        "{".repeat(50_000),
        ")".repeat(50_000),
        "x = 1 2 3 4 5 6 7 8 9;\n".repeat(5_000),
        "@ ".repeat(50_000),
    ] {
        let p = assert_round_trip(&text);
        assert!(!p.diagnostics().is_empty());
        assert!(
            p.diagnostics().len() <= 110,
            "{} diagnostics",
            p.diagnostics().len()
        );
    }
}

#[test]
fn nesting_just_below_the_limit_is_fine() {
    let depth = MAX_NESTING / 2 - 2;
    let text = format!("x = {}1{};", "(".repeat(depth), ")".repeat(depth));
    let p = assert_round_trip(&text);
    assert!(p.diagnostics().is_empty(), "{:?}", p.diagnostics());
    let concat = format!("s = a{};", " + a".repeat(300));
    assert!(parse_ok(&concat));
}

fn parse_ok(text: &str) -> bool {
    parse(text).diagnostics().is_empty()
}

#[test]
fn unterminated_strings() {
    for text in [
        "x = \"abc",
        "x = 'abc\\",
        "x = \"a\nb\nc",
        "'",
        "f(\"x);\nfunction g() {}",
    ] {
        let p = assert_round_trip(text);
        let messages: Vec<&str> = p.diagnostics().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, vec!["unterminated string literal"], "{text:?}");
    }
    // A comment cannot be unterminated: it ends at the end of the line or input.
    assert!(parse_ok("x = 1; // no newline at the end"));
}

fn top_level_functions(text: &str) -> Vec<String> {
    parse(text)
        .tree()
        .items()
        .filter_map(|item| match item {
            ast::Stmt::FunctionDecl(f) => f.name().map(|n| n.text().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn recovery_one_error_and_later_functions_survive() {
    let cases = [
        ("x = 1\nfunction f() { return 1; }\nfunction g() { return 2; }\n", "expected ';'"),
        ("y = (1 + 2;\nfunction f() { return 1; }\nfunction g() { return 2; }\n", "expected ')'"),
        ("if (a { b(); }\nfunction f() { return 1; }\nfunction g() { return 2; }\n", "expected ')'"),
        ("function h() {\n    x = 1;\n\nfunction f() { return 1; }\nfunction g() { return 2; }\n", "expected '}'"),
        (
            "function h() {\n    if (x) {\n        y = 1;\n\n}\nfunction f() { return 1; }\nfunction g() { return 2; }\n",
            "expected '}'",
        ),
        ("a = [1, 2;\nfunction f() { return 1; }\nfunction g() { return 2; }\n", "expected ','"),
        ("o = {a: 1;\nfunction f() { return 1; }\nfunction g() { return 2; }\n", "expected ','"),
    ];
    for (text, expected) in cases {
        let p = assert_round_trip(text);
        let messages: Vec<&str> = p.diagnostics().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{text:?}: {messages:?}");
        assert!(messages[0].starts_with(expected), "{text:?}: {messages:?}");
        let names = top_level_functions(text);
        assert!(
            names.ends_with(&["f".to_string(), "g".to_string()]),
            "{text:?}: {names:?}"
        );
    }
}

#[test]
fn messages_name_expected_and_found() {
    let p = parse("y = 1\nx = 2;");
    assert_eq!(
        p.diagnostics()[0].message,
        "expected ';' after the assignment, found identifier 'x'"
    );
    let p = parse("f(1;");
    assert_eq!(p.diagnostics()[0].message, "expected ',' or ')', found ';'");
    let p = parse("print(1)");
    assert_eq!(
        p.diagnostics()[0].message,
        "expected ';' after the expression, found end of input"
    );
}

#[test]
fn floor_division_and_comments() {
    // Operator: after an operand.
    let p = parse("x = 10 // 3;");
    assert!(p.diagnostics().is_empty());
    let stmt = p.tree().items().next();
    let Some(ast::Stmt::Assign(assign)) = stmt else {
        panic!("not an assignment: {stmt:?}")
    };
    let Some(ast::Expr::Bin(bin)) = assign.value() else {
        panic!("not a binary expression")
    };
    assert_eq!(bin.op().map(|(op, _)| op), Some(ast::BinOp::FloorDiv));

    // Comments: after `;`, `,`, a header `)`, `=`, at the start.
    let text = "x = 10 // 3;     // three\ny = [1, 2,       // a note\n     3];\nif (x > 1)       // fine\n{ print(x); }\n";
    let p = parse(text);
    assert!(p.diagnostics().is_empty(), "{:?}", p.diagnostics());
    let comments = p
        .syntax()
        .descendants_with_tokens()
        .filter(|e| e.kind() == SyntaxKind::COMMENT)
        .count();
    assert_eq!(comments, 3);
}

#[test]
fn same_line_fallback_for_the_config_example() {
    let text = "features = {\n    enable_logging: true,\n    max_upload_size: 10 * 1024 * 1024  // 10MB\n};\nprint(features.max_upload_size);\nz = 7 // 2;\n";
    let p = parse(text);
    assert!(p.diagnostics().is_empty(), "{:?}", p.diagnostics());
    let root = p.syntax();
    let comment = root
        .descendants_with_tokens()
        .find(|e| e.kind() == SyntaxKind::COMMENT);
    assert_eq!(
        comment
            .and_then(|c| c.into_token())
            .map(|t| t.text().to_string()),
        Some("// 10MB".to_string())
    );
    // The last line's `//` still divides.
    assert_eq!(
        root.descendants_with_tokens()
            .filter(|e| e.kind() == SyntaxKind::SLASH_SLASH)
            .count(),
        1
    );
    assert_eq!(p.tree().items().count(), 3);
}

#[test]
fn fallback_after_lexical_errors_on_the_line() {
    for text in [
        "x = [a // it's a note\n];\n",
        "x = {k: 10 // 3 @ note\n};\n",
        "x = [1 // 2 `x`\n];\n",
    ] {
        let p = parse(text);
        assert!(
            p.diagnostics().is_empty(),
            "{text:?}: {:?}",
            p.diagnostics()
        );
    }
}

#[test]
fn fallback_only_on_the_same_line_and_hint_otherwise() {
    let p = parse("z = a // note\nw = 1;\n");
    assert_eq!(p.diagnostics().len(), 1);
    let d = &p.diagnostics()[0];
    assert!(d.message.starts_with("expected ';'"));
    assert!(
        d.notes.iter().any(|n| n.contains("floor division")),
        "{d:?}"
    );
}

#[test]
fn many_fallbacks_stay_correct() {
    let mut text = String::from("cfg = {\n");
    for i in 0..100 {
        text.push_str(&format!("    k{i}: {i} * 2  // note {i}\n    ,\n"));
    }
    text.push_str("    last: 1\n};\n");
    let p = assert_round_trip(&text);
    assert!(p.diagnostics().is_empty(), "{:?}", &p.diagnostics()[..1]);
}
