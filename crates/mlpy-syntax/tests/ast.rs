//! Typed AST accessors over small programs: every statement and expression wrapper returns the
//! parts the lowering needs.

use mlpy_syntax::ast::{
    ArrowBody, BinOp, DestructureKind, Expr, GreenRef, LiteralKind, PrefixOp, SourceFile, Stmt,
    TreeNode, TreeToken,
};
use mlpy_syntax::{parse, unescape, AstNode};

fn file(text: &str) -> SourceFile {
    let p = parse(text);
    assert!(p.diagnostics().is_empty(), "{:?}", p.diagnostics());
    SourceFile::cast(p.syntax()).unwrap()
}

fn only_stmt(text: &str) -> Stmt {
    let items: Vec<Stmt> = file(text).items().collect();
    assert_eq!(items.len(), 1, "{text}");
    items.into_iter().next().unwrap()
}

fn value_of(text: &str) -> Expr {
    match only_stmt(text) {
        Stmt::Assign(a) => a.value().unwrap(),
        Stmt::Expr(e) => e.expr().unwrap(),
        other => panic!("unexpected {other:?}"),
    }
}

fn text(e: &impl AstNode) -> String {
    e.syntax().text().to_string()
}

#[test]
fn literals() {
    let cases = [
        ("x = 42;", LiteralKind::Int("42".into())),
        ("x = 007;", LiteralKind::Int("007".into())),
        ("x = 1.5e3;", LiteralKind::Float("1.5e3".into())),
        ("x = .5;", LiteralKind::Float(".5".into())),
        (
            "x = \"a\\tb\\u0041\\x42\\d\";",
            LiteralKind::Str("a\tbAB\\d".into()),
        ),
        ("x = 'it\\'s';", LiteralKind::Str("it's".into())),
        ("x = true;", LiteralKind::True),
        ("x = false;", LiteralKind::False),
    ];
    for (src, expected) in cases {
        let Expr::Literal(lit) = value_of(src) else {
            panic!("{src}")
        };
        assert_eq!(lit.kind(), Some(expected), "{src}");
    }
}

#[test]
fn unescape_rules() {
    assert_eq!(unescape(r"a\nb\tc\rd\0e"), "a\nb\tc\rd\0e");
    assert_eq!(unescape(r#"\\ \" \'"#), "\\ \" '");
    assert_eq!(unescape(r"\u00e9\x41"), "éA");
    assert_eq!(unescape(r"\u00g1 \x4"), r"\u00g1 \x4");
    assert_eq!(unescape("line\\\ncont\\\r\nx\\\ry"), "linecontxy");
    assert_eq!(unescape(r"\d+\w \é"), r"\d+\w \é");
    assert_eq!(unescape("end\\"), "end\\");
    assert_eq!(unescape(r"\uD800"), r"\uD800");
}

#[test]
fn operators() {
    let Expr::Bin(bin) = value_of("x = a + b * c;") else {
        panic!()
    };
    assert_eq!(bin.op().map(|o| o.0), Some(BinOp::Add));
    assert_eq!(text(&bin.lhs().unwrap()), "a");
    let Some(Expr::Bin(rhs)) = bin.rhs() else {
        panic!()
    };
    assert_eq!(rhs.op().map(|o| o.0), Some(BinOp::Mul));

    let Expr::Bin(cmp) = value_of("x = a < b < c;") else {
        panic!()
    };
    assert_eq!(text(&cmp.lhs().unwrap()), "a < b");

    let Expr::Prefix(neg) = value_of("x = -a.b;") else {
        panic!()
    };
    assert_eq!(neg.op().map(|o| o.0), Some(PrefixOp::Neg));
    assert!(matches!(neg.operand(), Some(Expr::Member(_))));

    let Expr::Bin(not_eq) = value_of("x = !a == b;") else {
        panic!()
    };
    assert!(matches!(not_eq.lhs(), Some(Expr::Prefix(_))));

    let Expr::Prefix(plus) = value_of("x = +5;") else {
        panic!()
    };
    assert_eq!(plus.op().map(|o| o.0), Some(PrefixOp::Plus));

    let Expr::Cond(cond) = value_of("x = a || b ? c : d ? e : f;") else {
        panic!()
    };
    assert_eq!(text(&cond.condition().unwrap()), "a || b");
    assert_eq!(text(&cond.then_branch().unwrap()), "c");
    assert!(matches!(cond.else_branch(), Some(Expr::Cond(_))));
}

#[test]
fn postfix_chains() {
    let Expr::Call(call) = value_of("make_adder(2)(3);") else {
        panic!()
    };
    assert!(matches!(call.callee(), Some(Expr::Call(_))));
    assert_eq!(call.args().len(), 1);

    let Expr::Call(m) = value_of("x = obj.if(1, 2);") else {
        panic!()
    };
    let Some(Expr::Member(member)) = m.callee() else {
        panic!()
    };
    assert_eq!(member.name().unwrap().text(), "if");
    assert_eq!(text(&member.object().unwrap()), "obj");

    let Expr::Index(index) = value_of("x = a[i + 1];") else {
        panic!()
    };
    assert_eq!(text(&index.base().unwrap()), "a");
    assert_eq!(text(&index.index().unwrap()), "i + 1");

    let parts = |src: &str| {
        let Expr::Slice(s) = value_of(src) else {
            panic!("{src}")
        };
        let t = |e: Option<Expr>| e.map(|e| text(&e));
        (t(s.start()), t(s.end()), t(s.step()))
    };
    assert_eq!(
        parts("x = a[1:2];"),
        (Some("1".into()), Some("2".into()), None)
    );
    assert_eq!(parts("x = a[:-1];"), (None, Some("-1".into()), None));
    assert_eq!(parts("x = a[::2];"), (None, None, Some("2".into())));
    assert_eq!(
        parts("x = a[1::3];"),
        (Some("1".into()), None, Some("3".into()))
    );
    assert_eq!(parts("x = a[:];"), (None, None, None));
}

#[test]
fn collections() {
    let Expr::Array(arr) = value_of("x = [1, [2], f(3)];") else {
        panic!()
    };
    assert_eq!(arr.elements().count(), 3);
    let Expr::Object(obj) = value_of("x = {a: 1, \"b\\tc\": 2, class: 3};") else {
        panic!()
    };
    let keys: Vec<String> = obj
        .properties()
        .filter_map(|p| p.key())
        .map(|k| k.0)
        .collect();
    assert_eq!(keys, vec!["a", "b\tc", "class"]);
    let first = obj.properties().next().unwrap();
    assert_eq!(text(&first.value().unwrap()), "1");
    assert_eq!(u32::from(first.key().unwrap().1.start()), 5);
}

#[test]
fn functions() {
    let Stmt::FunctionDecl(f) = only_stmt("function f(a, b: number, ...rest) { return a; }") else {
        panic!()
    };
    assert_eq!(f.name().unwrap().text(), "f");
    let params = f.param_list().unwrap();
    let names: Vec<String> = params
        .params()
        .map(|p| p.name().unwrap().text().to_string())
        .collect();
    assert_eq!(names, vec!["a", "b"]);
    assert_eq!(
        params.params().nth(1).unwrap().annotation().unwrap().text(),
        "number"
    );
    assert_eq!(params.rest_param().unwrap().name().unwrap().text(), "rest");
    let body: Vec<Stmt> = f.body().unwrap().stmts().collect();
    let Stmt::Return(ret) = &body[0] else {
        panic!()
    };
    assert_eq!(text(&ret.value().unwrap()), "a");

    let Expr::Arrow(arrow) = value_of("x = fn(x) => x * 2;") else {
        panic!()
    };
    assert!(matches!(arrow.body(), Some(ArrowBody::Expr(Expr::Bin(_)))));
    let Expr::Arrow(arrow) = value_of("x = fn() => {a: 1};") else {
        panic!()
    };
    assert!(matches!(
        arrow.body(),
        Some(ArrowBody::Expr(Expr::Object(_)))
    ));
    let Expr::Arrow(arrow) = value_of("x = fn() => { return 1; };") else {
        panic!()
    };
    assert!(matches!(arrow.body(), Some(ArrowBody::Block(_))));
    let Expr::Function(fe) = value_of("x = function(a) { return a; };") else {
        panic!()
    };
    assert_eq!(fe.param_list().unwrap().params().count(), 1);
    assert_eq!(fe.body().unwrap().stmts().count(), 1);
}

#[test]
fn control_flow() {
    let Stmt::If(i) = only_stmt("if (a) { x(); } elif (b) { y(); } elif (c) {} else { z(); }")
    else {
        panic!()
    };
    assert_eq!(text(&i.condition().unwrap()), "a");
    assert_eq!(i.then_block().unwrap().stmts().count(), 1);
    let elifs: Vec<String> = i
        .elif_clauses()
        .map(|c| text(&c.condition().unwrap()))
        .collect();
    assert_eq!(elifs, vec!["b", "c"]);
    assert_eq!(text(&i.else_block().unwrap()), "{ z(); }");

    let Stmt::While(w) = only_stmt("while (n > 0) { n = n - 1; }") else {
        panic!()
    };
    assert_eq!(text(&w.condition().unwrap()), "n > 0");
    assert!(w.body().is_some());

    let Stmt::ForIn(f) = only_stmt("for (x in xs) {}") else {
        panic!()
    };
    assert_eq!(f.var().unwrap().text(), "x");
    assert_eq!(text(&f.iterable().unwrap()), "xs");

    let Stmt::CFor(c) = only_stmt("for (i = 0; i < n; i = i + 1) { }") else {
        panic!()
    };
    assert_eq!(text(&c.init().unwrap()), "i = 0");
    assert_eq!(text(&c.cond().unwrap()), "i < n");
    assert_eq!(text(&c.update().unwrap().value().unwrap()), "i + 1");
    let Stmt::CFor(c) = only_stmt("for (; ; i = i + 1) { }") else {
        panic!()
    };
    assert!(c.init().is_none() && c.cond().is_none() && c.update().is_some());
    let Stmt::CFor(c) = only_stmt("for (; i < 2;) { }") else {
        panic!()
    };
    assert!(c.init().is_none() && c.cond().is_some() && c.update().is_none());

    let Stmt::Try(t) =
        only_stmt("try { a(); } except (e) { b(); } except { c(); } finally { d(); }")
    else {
        panic!()
    };
    assert_eq!(t.body().unwrap().stmts().count(), 1);
    let vars: Vec<Option<String>> = t
        .except_clauses()
        .map(|c| c.var().map(|v| v.text().to_string()))
        .collect();
    assert_eq!(vars, vec![Some("e".into()), None]);
    assert!(t.finally_block().is_some());
}

#[test]
fn simple_statements() {
    let items: Vec<Stmt> = file(
        "import a.b.c as m;\nimport math;\nnonlocal x, y;\n[p, q] = v;\n{r} = o;\nthrow {message: 1};\nbreak;\ncontinue;\nt.k = 1;\n",
    )
    .items()
    .collect();
    let Stmt::Import(imp) = &items[0] else {
        panic!()
    };
    assert_eq!(imp.path(), vec!["a", "b", "c"]);
    assert_eq!(imp.alias().unwrap().text(), "m");
    let Stmt::Import(imp) = &items[1] else {
        panic!()
    };
    assert_eq!(imp.path(), vec!["math"]);
    assert!(imp.alias().is_none());
    let Stmt::Nonlocal(n) = &items[2] else {
        panic!()
    };
    let names: Vec<String> = n.names().iter().map(|t| t.text().to_string()).collect();
    assert_eq!(names, vec!["x", "y"]);
    let Stmt::Destructure(d) = &items[3] else {
        panic!()
    };
    assert_eq!(d.kind(), Some(DestructureKind::Array));
    assert_eq!(d.names().len(), 2);
    assert_eq!(text(&d.value().unwrap()), "v");
    let Stmt::Destructure(d) = &items[4] else {
        panic!()
    };
    assert_eq!(d.kind(), Some(DestructureKind::Object));
    let Stmt::Throw(t) = &items[5] else { panic!() };
    assert!(matches!(t.value(), Some(Expr::Object(_))));
    assert!(matches!(items[6], Stmt::Break(_)));
    assert!(matches!(items[7], Stmt::Continue(_)));
    let Stmt::Assign(a) = &items[8] else { panic!() };
    assert!(matches!(a.target(), Some(Expr::Member(_))));
}

#[test]
fn capability_declaration() {
    let Stmt::Capability(c) = only_stmt(
        "capability FileAccess {\n resource \"data/*.csv\";\n allow read;\n allow execute \"calc\";\n}",
    ) else {
        panic!()
    };
    assert_eq!(c.name().unwrap().text(), "FileAccess");
    let resources: Vec<String> = c.resources().filter_map(|r| r.pattern()).collect();
    assert_eq!(resources, vec!["data/*.csv"]);
    let allows: Vec<(String, Option<String>)> = c
        .allows()
        .map(|a| (a.permission().unwrap().text().to_string(), a.target()))
        .collect();
    assert_eq!(
        allows,
        vec![
            ("read".into(), None),
            ("execute".into(), Some("calc".into()))
        ]
    );
}

#[test]
fn ranges_exclude_surrounding_trivia() {
    let f = file("  // lead\n  x = 1;  // trail\n");
    let stmt = f.items().next().unwrap();
    assert_eq!(text(&stmt), "x = 1;");
    assert_eq!(u32::from(stmt.range().start()), 12);
}

/// Every element of the red tree, depth first: (depth, kind, range, token text).
fn red_elements(node: &mlpy_syntax::SyntaxNode, depth: usize, out: &mut Vec<Element>) {
    out.push((depth, node.kind(), node.text_range(), None));
    for child in node.children_with_tokens() {
        match child {
            rowan::NodeOrToken::Node(n) => red_elements(&n, depth + 1, out),
            rowan::NodeOrToken::Token(t) => out.push((
                depth + 1,
                t.kind(),
                t.text_range(),
                Some(t.text().to_string()),
            )),
        }
    }
}

type Element = (
    usize,
    mlpy_syntax::SyntaxKind,
    mlpy_syntax::TextRange,
    Option<String>,
);

fn green_elements(node: GreenRef, depth: usize, out: &mut Vec<Element>) {
    out.push((depth, node.kind(), node.text_range(), None));
    for child in node.children_with_tokens() {
        match child {
            rowan::NodeOrToken::Node(n) => green_elements(n, depth + 1, out),
            rowan::NodeOrToken::Token(t) => out.push((
                depth + 1,
                TreeToken::kind(&t),
                TreeToken::text_range(&t),
                Some(t.text().to_string()),
            )),
        }
    }
}

/// The green tree `Parse::tree` walks and the red tree `Parse::syntax` builds from it have the
/// same elements, and the typed accessors answer the same on both.
#[test]
fn green_and_red_trees_agree() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut texts: Vec<String> = ["ok", "err"]
        .iter()
        .flat_map(|d| std::fs::read_dir(dir.join(d)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ml"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.extend([
        String::new(),
        "\u{FEFF}  x = 1; // c\n".to_string(),
        "x = (1 + ;; } ) fn( => @ 'open".to_string(),
        format!("x = {}1{};", "[".repeat(600), "]".repeat(600)),
    ]);
    assert!(texts.len() > 40);
    for text in &texts {
        let p = parse(text);
        let (mut red, mut green) = (Vec::new(), Vec::new());
        red_elements(&p.syntax(), 0, &mut red);
        green_elements(*p.tree().syntax(), 0, &mut green);
        assert_eq!(red, green, "{text}");
        let red_file = SourceFile::cast(p.syntax()).unwrap();
        let green_file = p.tree();
        let red_items: Vec<_> = red_file
            .items()
            .map(|s| (s.syntax().kind(), s.range()))
            .collect();
        let green_items: Vec<_> = green_file
            .items()
            .map(|s| (TreeNode::kind(s.syntax()), s.range()))
            .collect();
        assert_eq!(red_items, green_items);
        let red_first: Vec<_> = p
            .syntax()
            .descendants()
            .map(|n| n.first_token().map(|t| (t.kind(), t.text_range())))
            .collect();
        let mut green_first = Vec::new();
        let mut stack = vec![*p.tree().syntax()];
        while let Some(n) = stack.pop() {
            green_first.push(
                n.first_token()
                    .map(|t| (TreeToken::kind(&t), TreeToken::text_range(&t))),
            );
            let children: Vec<_> = n.child_nodes().collect();
            stack.extend(children.into_iter().rev());
        }
        assert_eq!(red_first, green_first, "{text}");
    }
}
