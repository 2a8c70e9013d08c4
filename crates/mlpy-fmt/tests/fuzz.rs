//! Property tests: the formatter never panics, whatever the input; and every input that parses
//! without errors formats successfully (the re-parse guard never fires), idempotently, keeping
//! every comment. Programs come from a small ML grammar whose tokens are joined by random
//! trivia (spaces, line breaks, blank lines, trailing and own-line comments).

mod common;

use common::comments;
use proptest::prelude::*;

/// Token lists of expressions.
fn expr() -> impl Strategy<Value = Vec<String>> {
    let leaf = prop_oneof![
        "[a-z]{1,8}".prop_filter("not a keyword", |s| !is_keyword(s)),
        "[0-9]{1,4}",
        "[0-9]{1,3}\\.[0-9]{0,2}",
        Just("\"s // not a comment\"".to_string()),
        Just("'it\\'s'".to_string()),
        Just("\"multi\nline  \"".to_string()),
        Just("true".to_string()),
        Just("+5".to_string()),
    ]
    .prop_map(|t| vec![t]);
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "//", "%", "==", "<=", "&&", "||"]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| cat(vec![a, vec![op.to_string()], b])),
            (inner.clone(), prop::collection::vec(inner.clone(), 0..5))
                .prop_map(|(callee, args)| cat(vec![callee, list("(", args, ")")])),
            prop::collection::vec(inner.clone(), 0..6).prop_map(|items| list("[", items, "]")),
            prop::collection::vec(("[a-z]{1,6}", inner.clone()), 0..4).prop_map(|props| {
                let items = props
                    .into_iter()
                    .map(|(k, v)| cat(vec![vec![k, ":".into()], v]))
                    .collect();
                list("{", items, "}")
            }),
            inner
                .clone()
                .prop_map(|e| cat(vec![vec!["(".into()], e, vec![")".into()]])),
            inner.clone().prop_map(|e| cat(vec![vec!["-".into()], e])),
            inner.clone().prop_map(|e| cat(vec![vec!["!".into()], e])),
            (inner.clone(), "[a-z]{1,6}")
                .prop_map(|(e, name)| cat(vec![e, vec![".".into(), name]])),
            (inner.clone(), inner.clone()).prop_map(|(e, i)| cat(vec![
                e,
                vec!["[".into()],
                i,
                vec!["]".into()]
            ])),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, a, b)| cat(vec![
                c,
                vec!["?".into()],
                a,
                vec![":".into()],
                b
            ])),
            inner.clone().prop_map(|body| cat(vec![
                ["fn", "(", "x", ",", "y", ")", "=>"]
                    .map(String::from)
                    .to_vec(),
                body
            ])),
            inner.prop_map(|body| cat(vec![
                ["fn", "(", ")", "=>", "{", "return"]
                    .map(String::from)
                    .to_vec(),
                body,
                vec![";".into(), "}".into()]
            ])),
        ]
    })
}

/// Token lists of statements.
fn stmt() -> impl Strategy<Value = Vec<String>> {
    let simple = prop_oneof![
        ("[a-z]{1,6}", expr()).prop_map(|(name, e)| cat(vec![
            vec![name, "=".into()],
            e,
            vec![";".into()]
        ])),
        expr().prop_map(|e| cat(vec![e, vec![";".into()]])),
        expr().prop_map(|e| cat(vec![vec!["return".into()], e, vec![";".into()]])),
    ];
    simple.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                expr(),
                prop::collection::vec(inner.clone(), 0..3),
                prop::collection::vec(inner.clone(), 0..2)
            )
                .prop_map(|(c, then, other)| cat(vec![
                    vec!["if".into(), "(".into()],
                    c,
                    vec![")".into()],
                    block(then),
                    vec!["else".into()],
                    block(other),
                ])),
            ("[a-z]{1,6}", prop::collection::vec(inner.clone(), 0..3)).prop_map(
                |(name, body)| cat(vec![
                    vec!["function".into(), name, "(".into(), "a".into(), ")".into()],
                    block(body),
                ])
            ),
            (expr(), prop::collection::vec(inner.clone(), 0..3)).prop_map(|(c, body)| cat(vec![
                vec!["while".into(), "(".into()],
                c,
                vec![")".into()],
                block(body),
            ])),
            (
                prop::collection::vec(inner.clone(), 0..3),
                prop::collection::vec(inner.clone(), 0..2)
            )
                .prop_map(|(body, handler)| cat(vec![
                    vec!["try".into()],
                    block(body),
                    ["except", "(", "e", ")"].map(String::from).to_vec(),
                    block(handler),
                    vec!["finally".into(), "{".into(), "}".into()],
                ])),
            (expr(), prop::collection::vec(inner.clone(), 0..2)).prop_map(|(e, body)| cat(vec![
                ["for", "(", "i", "=", "0", ";", "i", "<"]
                    .map(String::from)
                    .to_vec(),
                e,
                [";", "i", "=", "i", "+", "1", ")"]
                    .map(String::from)
                    .to_vec(),
                block(body),
            ])),
            expr().prop_map(|e| cat(vec![
                ["[", "p", ",", "q", "]", "="].map(String::from).to_vec(),
                e,
                vec![";".into()],
            ])),
            (expr(), prop::collection::vec(inner, 0..3)).prop_map(|(e, body)| cat(vec![
                vec!["for".into(), "(".into(), "i".into(), "in".into()],
                e,
                vec![")".into()],
                block(body),
            ])),
        ]
    })
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "if" | "elif"
            | "else"
            | "while"
            | "for"
            | "in"
            | "function"
            | "fn"
            | "return"
            | "break"
            | "continue"
            | "try"
            | "except"
            | "finally"
            | "throw"
            | "import"
            | "as"
            | "capability"
            | "nonlocal"
            | "true"
            | "false"
    )
}

fn cat(parts: Vec<Vec<String>>) -> Vec<String> {
    parts.into_iter().flatten().collect()
}

fn list(open: &str, items: Vec<Vec<String>>, close: &str) -> Vec<String> {
    let mut out = vec![open.to_string()];
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(",".into());
        }
        out.extend(item);
    }
    out.push(close.to_string());
    out
}

fn block(stmts: Vec<Vec<String>>) -> Vec<String> {
    cat(vec![vec!["{".into()], cat(stmts), vec!["}".into()]])
}

/// Joins tokens with the chosen trivia (cycled); adjacent word characters keep a space.
fn join(tokens: &[String], trivia: &[usize]) -> String {
    const SEPARATORS: &[&str] = &[
        " ",
        "",
        "\n",
        "\n\n\n",
        "  // trailing note\n",
        "\n    // own-line note\n",
        "\t",
        " ",
        "",
        "  // 10MB\n",
        " // x\n",
        "\n// note { (\n",
        "\r\n",
    ];
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            let sep = SEPARATORS[trivia[i % trivia.len()] % SEPARATORS.len()];
            let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            let glue = sep.is_empty()
                && ((word(out.chars().last()) && word(t.chars().next()))
                    || (out.ends_with('/') && t.starts_with('/'))
                    || matches!(
                        (out.chars().last(), t.chars().next()),
                        (Some('=' | '<' | '&' | '|' | '!' | '.'), Some(_))
                    ));
            out.push_str(if glue { " " } else { sep });
        }
        out.push_str(t);
    }
    out
}

/// The properties every input must have.
fn check(text: &str) -> Result<(), TestCaseError> {
    let clean = mlpy_syntax::parse(text).diagnostics().is_empty();
    match mlpy_fmt::format(text) {
        Ok(once) => {
            prop_assert!(clean, "formatted a file with syntax errors");
            let twice = mlpy_fmt::format(&once);
            prop_assert_eq!(
                twice.as_deref(),
                Ok(once.as_str()),
                "not idempotent for {:?}",
                text
            );
            prop_assert_eq!(comments(text), comments(&once));
        }
        Err(diagnostics) => {
            prop_assert!(
                !clean,
                "valid input not formatted: {:?}\n{:?}",
                text,
                diagnostics
            );
            prop_assert!(!diagnostics.is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn ml_like_text_never_panics(text in "[a-z0-9 ;,(){}\\[\\]=+*/.:?!<>\"'\n-]{0,120}") {
        check(&text)?;
    }

    #[test]
    fn generated_programs_format(
        stmts in prop::collection::vec(stmt(), 1..6),
        trivia in prop::collection::vec(0usize..64, 1..40),
    ) {
        let tokens = cat(stmts);
        check(&join(&tokens, &trivia))?;
    }
}

#[test]
fn deep_nesting_is_bounded() {
    for depth in [100, 500, 2000] {
        for (open, close) in [
            ("[", "]"),
            ("(", ")"),
            ("f(", ")"),
            ("- ", ""),
            ("fn() => ", ""),
        ] {
            let text = format!("x = {}1{};", open.repeat(depth), close.repeat(depth));
            let result = mlpy_fmt::format(&text);
            // Formatted (and then a fixed point) or refused with diagnostics; never a crash.
            match result {
                Ok(once) => assert_eq!(mlpy_fmt::format(&once).as_deref(), Ok(once.as_str())),
                Err(diagnostics) => assert!(depth > 100 && !diagnostics.is_empty()),
            }
        }
    }
}
