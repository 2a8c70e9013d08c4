//! The ML grammar (language.md §2) as recursive-descent functions over `Parser`, with Pratt-style
//! binary operators.
//!
//! Invariants: every statement-level call consumes at least one token unless it is at `}` or at
//! the end; expression functions return `None` only when they consumed nothing and reported an
//! error; all recursion goes through `Parser::enter` (nesting limit), and every left-nesting
//! wrap of a binary or postfix chain counts as one level too, so the tree depth stays bounded.
//!
//! Recovery (in the spirit of rust-analyzer and Biome): a missing `;`, `)`, `]`, `}` or `,` is
//! reported and not invented; tokens that can start nothing useful are wrapped in `ERROR` nodes;
//! lists stop at a token that belongs to an enclosing construct (`RECOVERY`). A `{` that has no
//! matching `}` anywhere closes its block early at the first line that is indented no deeper
//! than the line of the `{`, so later functions still parse as top-level declarations.

use crate::parser::{CompletedMarker, Parser};
use crate::SyntaxKind::{self, *};

/// Tokens that end a list or an expression during recovery: they belong to an enclosing
/// construct, so they are never swallowed into an `ERROR` node there.
const RECOVERY: &[SyntaxKind] = &[
    SEMICOLON,
    R_PAREN,
    R_BRACK,
    R_CURLY,
    COMMA,
    COLON,
    EOF,
    IF_KW,
    ELIF_KW,
    ELSE_KW,
    WHILE_KW,
    FOR_KW,
    TRY_KW,
    EXCEPT_KW,
    FINALLY_KW,
    RETURN_KW,
    THROW_KW,
    BREAK_KW,
    CONTINUE_KW,
    NONLOCAL_KW,
    IMPORT_KW,
    CAPABILITY_KW,
];

const PERMISSIONS: &[&str] = &["read", "write", "execute", "network", "system"];

fn at_recovery(p: &mut Parser) -> bool {
    let kind = p.current();
    RECOVERY.contains(&kind) || (kind == FUNCTION_KW && p.peek_raw(1) == IDENT)
}

fn can_start_expr(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        INT_NUMBER
            | FLOAT_NUMBER
            | STRING
            | TRUE_KW
            | FALSE_KW
            | IDENT
            | L_PAREN
            | L_BRACK
            | L_CURLY
            | FN_KW
            | FUNCTION_KW
            | BANG
            | MINUS
            | PLUS
            | ERROR_TOKEN
    )
}

// ---------------------------------------------------------------- items and statements

pub(crate) fn source_file(p: &mut Parser) {
    let m = p.start();
    while !p.at(EOF) {
        statement(p, true);
    }
    m.complete(p, SOURCE_FILE);
}

/// One statement. Consumes at least one token unless at `}` inside a block or at the end.
fn statement(p: &mut Parser, top_level: bool) {
    match p.current() {
        kind if kind.is_keyword() && p.peek_raw(1) == EQ => reserved_word_target(p),
        FUNCTION_KW
            if p.peek_raw(1) == IDENT
                || (p.peek_raw(1).is_keyword() && p.peek_raw(2) == L_PAREN) =>
        {
            function_decl(p)
        }
        IF_KW => if_stmt(p),
        WHILE_KW => while_stmt(p),
        FOR_KW => for_stmt(p),
        TRY_KW => try_stmt(p),
        RETURN_KW => return_stmt(p),
        THROW_KW => throw_stmt(p),
        BREAK_KW => keyword_stmt(p, BREAK_STMT, "';' after 'break'"),
        CONTINUE_KW => keyword_stmt(p, CONTINUE_STMT, "';' after 'continue'"),
        NONLOCAL_KW => nonlocal_stmt(p),
        IMPORT_KW => import_stmt(p, top_level),
        CAPABILITY_KW => capability_decl(p, top_level),
        ELIF_KW | ELSE_KW | EXCEPT_KW | FINALLY_KW => stray_clause(p),
        L_BRACK | L_CURLY if destructure_ahead(p) => destructure_stmt(p),
        SEMICOLON => {
            p.error("unexpected ';': ML has no empty statement");
            p.bump_error();
        }
        R_CURLY => {
            p.error("unmatched '}'");
            p.bump_error();
        }
        ERROR_TOKEN => {
            // The lexer reported it; skip the rest of the line (or up to `;`) quietly.
            let m = p.start();
            p.bump_any();
            while !p.at(EOF) && !p.at(R_CURLY) && !p.at_line_start_within(u32::MAX) {
                if p.eat(SEMICOLON) {
                    break;
                }
                p.bump_any();
            }
            m.complete(p, ERROR);
        }
        kind if can_start_expr(kind) => expr_or_assign_stmt(p),
        EOF => {}
        _ => {
            p.error_expected("statement");
            let m = p.start();
            p.bump_any();
            while !p.at(EOF) && !p.at(R_CURLY) && !starts_statement(p) {
                if p.at(SEMICOLON) {
                    p.bump_any();
                    break;
                }
                p.bump_any();
            }
            m.complete(p, ERROR);
        }
    }
}

/// `if = 1;`: one clear error for a reserved word used as a variable; the statement up to its
/// `;` becomes an error node.
fn reserved_word_target(p: &mut Parser) {
    let word = p.nth_text(0).to_string();
    p.error(format!(
        "'{word}' is a reserved word and cannot be used as a variable name"
    ));
    let m = p.start();
    while !p.at(EOF) && !p.at(R_CURLY) {
        if p.eat(SEMICOLON) {
            break;
        }
        p.bump_any();
    }
    m.complete(p, ERROR);
}

fn starts_statement(p: &mut Parser) -> bool {
    let kind = p.current();
    can_start_expr(kind) || (RECOVERY.contains(&kind) && kind.is_keyword())
}

fn block(p: &mut Parser, owner: &str) {
    if !p.at(L_CURLY) {
        p.error_expected(&format!("'{{' to start the body of {owner}"));
        return;
    }
    if !p.enter() {
        p.skip_too_deep();
        return;
    }
    let (open_indent, unclosed) = p.current_brace_layout();
    let m = p.start();
    p.bump_any();
    while !p.at(EOF) && !p.at(R_CURLY) {
        if unclosed && p.at_line_start_within(open_indent) {
            // This `{` is never closed: the block ends where the indentation says it does.
            break;
        }
        statement(p, false);
    }
    if !p.eat(R_CURLY) {
        p.error_expected(&format!("'}}' to close the body of {owner}"));
    }
    m.complete(p, BLOCK);
    p.leave();
}

fn function_decl(p: &mut Parser) {
    let m = p.start();
    p.bump_any(); // function
    if !p.at(IDENT) {
        let name = p.nth_text(0);
        p.error(format!(
            "'{name}' is a reserved word and cannot be a function name"
        ));
    }
    p.bump_any(); // name
    param_list(p, "'(' after the function name");
    block(p, "the function");
    m.complete(p, FUNCTION_DECL);
}

fn param_list(p: &mut Parser, what: &str) {
    if !p.at(L_PAREN) {
        p.error_expected(what);
        return;
    }
    let m = p.start();
    p.bump_any();
    let mut seen_rest = false;
    delimited(
        p,
        R_PAREN,
        "parameters",
        |kind| matches!(kind, IDENT | DOT3),
        |p| {
            if seen_rest {
                p.error("the rest parameter must be the last parameter");
            }
            match p.current() {
                DOT3 => {
                    seen_rest = true;
                    let m = p.start();
                    p.bump_any();
                    p.expect(IDENT, "parameter name after '...'");
                    m.complete(p, REST_PARAM);
                }
                IDENT => {
                    let m = p.start();
                    p.bump_any();
                    if p.eat(COLON) {
                        p.expect(IDENT, "type name after ':'");
                    }
                    m.complete(p, PARAM);
                }
                _ => {
                    p.error_expected("parameter name");
                    if !at_recovery(p) {
                        p.bump_error();
                    }
                }
            }
        },
    );
    m.complete(p, PARAM_LIST);
}

/// Parses `item {, item} close` after the opening token. Stops at `close` (consumed) or at a
/// recovery token (not consumed) with one error.
fn delimited(
    p: &mut Parser,
    close: SyntaxKind,
    between: &str,
    starts_item: impl Fn(SyntaxKind) -> bool,
    mut item: impl FnMut(&mut Parser),
) {
    let close_text = close.fixed_text().unwrap_or("");
    if p.eat(close) {
        return;
    }
    loop {
        let before = p.current_range();
        item(p);
        if p.eat(close) {
            return;
        }
        if p.at(COMMA) {
            let comma = p.current_range();
            p.bump_any();
            if p.at(close) {
                p.error_at(
                    comma,
                    format!("trailing comma is not allowed before '{close_text}'"),
                );
                p.bump_any();
                return;
            }
            continue;
        }
        let kind = p.current();
        if at_recovery(p) {
            p.error_expected(&format!("',' or '{close_text}'"));
            return;
        }
        if starts_item(kind) && p.current_range() != before {
            p.error_expected(&format!("',' between {between}"));
            continue;
        }
        p.error_expected(&format!("',' or '{close_text}'"));
        p.bump_error();
    }
}

fn paren_condition(p: &mut Parser, keyword: &str) {
    // Messages are formatted only on the error paths (this runs for every `if`/`while`).
    let opened = p.eat(L_PAREN);
    if !opened {
        p.error_expected(&format!("'(' after '{keyword}'"));
    }
    if can_start_expr(p.current()) && !at_recovery(p) {
        expr(p);
    } else {
        expr_required(p, &format!("condition of '{keyword}'"));
    }
    if opened && !p.eat(R_PAREN) {
        p.error_expected(&format!("')' after the condition of '{keyword}'"));
    }
}

fn if_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    paren_condition(p, "if");
    block(p, "'if'");
    while p.at(ELIF_KW) {
        let c = p.start();
        p.bump_any();
        paren_condition(p, "elif");
        block(p, "'elif'");
        c.complete(p, ELIF_CLAUSE);
    }
    if p.at(ELSE_KW) {
        let c = p.start();
        p.bump_any();
        if p.at(IF_KW) {
            p.error("'else if' is not ML: write 'elif (...) { ... }'");
            if p.enter() {
                if_stmt(p);
                p.leave();
            } else {
                p.skip_too_deep();
            }
        } else {
            block(p, "'else'");
        }
        c.complete(p, ELSE_CLAUSE);
    }
    m.complete(p, IF_STMT);
}

fn while_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    paren_condition(p, "while");
    block(p, "'while'");
    m.complete(p, WHILE_STMT);
}

/// `for (x in e)` when the header starts with `IDENT in`, else the C-style form. (Equivalent to
/// the spec's "a `;` before the matching `)`" for every valid program, and O(1).)
fn for_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    let opened = p.expect(L_PAREN, "'(' after 'for'");
    let kind = if p.at(IDENT) && p.peek_raw(1) == IN_KW {
        p.bump_any();
        p.bump_any();
        expr_required(p, "iterable after 'in'");
        FOR_IN_STMT
    } else {
        if !p.at(SEMICOLON) {
            simple_assign(p, "initializer");
        }
        p.expect(SEMICOLON, "';' after the for-loop initializer");
        if !p.at(SEMICOLON) {
            expr_required(p, "for-loop condition");
        }
        p.expect(SEMICOLON, "';' after the for-loop condition");
        if !p.at(R_PAREN) {
            simple_assign(p, "update");
        }
        C_FOR_STMT
    };
    if opened {
        p.expect(R_PAREN, "')' to close the for-loop header");
    }
    block(p, "'for'");
    m.complete(p, kind);
}

/// `target = expr` without `;` (C-style for init/update).
fn simple_assign(p: &mut Parser, role: &str) {
    let m = p.start();
    let target = expr(p);
    if let Some(target) = target {
        check_target(p, target);
    }
    if p.eat(EQ) {
        expr_required(p, "expression after '='");
    } else {
        p.error_expected(&format!(
            "'=' in the for-loop {role} (it must be an assignment)"
        ));
    }
    m.complete(p, ASSIGN_STMT);
}

fn try_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    block(p, "'try'");
    while p.at(EXCEPT_KW) {
        let c = p.start();
        p.bump_any();
        if p.eat(L_PAREN) {
            p.expect(IDENT, "name of the error variable");
            p.expect(R_PAREN, "')' after the error variable");
        }
        block(p, "'except'");
        c.complete(p, EXCEPT_CLAUSE);
    }
    if p.at(FINALLY_KW) {
        let c = p.start();
        p.bump_any();
        block(p, "'finally'");
        c.complete(p, FINALLY_CLAUSE);
    }
    m.complete(p, TRY_STMT);
}

fn return_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    if !p.at(SEMICOLON) && can_start_expr(p.current()) && !at_recovery(p) {
        expr(p);
    }
    p.expect(SEMICOLON, "';' after 'return'");
    m.complete(p, RETURN_STMT);
}

fn throw_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    if let Some(value) = expr_required(p, "object literal after 'throw'") {
        if value.kind() != OBJECT_EXPR && value.kind() != ERROR {
            let range = value.range(p);
            p.error_at(
                range,
                "'throw' needs an object literal, e.g. throw {message: \"...\"};",
            );
        }
    }
    p.expect(SEMICOLON, "';' after the thrown value");
    m.complete(p, THROW_STMT);
}

fn keyword_stmt(p: &mut Parser, kind: SyntaxKind, what: &str) {
    let m = p.start();
    p.bump_any();
    p.expect(SEMICOLON, what);
    m.complete(p, kind);
}

fn nonlocal_stmt(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    if p.expect(IDENT, "variable name after 'nonlocal'") {
        while p.eat(COMMA) {
            if !p.expect(IDENT, "variable name after ','") {
                break;
            }
        }
    }
    p.expect(SEMICOLON, "';' after the nonlocal names");
    m.complete(p, NONLOCAL_STMT);
}

fn import_stmt(p: &mut Parser, top_level: bool) {
    if !top_level {
        p.error("'import' is only allowed at top level");
    }
    let m = p.start();
    p.bump_any();
    if p.expect(IDENT, "module name after 'import'") {
        while p.eat(DOT) {
            if !p.expect(IDENT, "module name after '.'") {
                break;
            }
        }
        if p.eat(AS_KW) {
            p.expect(IDENT, "alias name after 'as'");
        }
    }
    p.expect(SEMICOLON, "';' after the import");
    m.complete(p, IMPORT_STMT);
}

fn capability_decl(p: &mut Parser, top_level: bool) {
    if !top_level {
        p.error("'capability' is only allowed at top level");
    }
    let m = p.start();
    p.bump_any();
    p.expect(IDENT, "capability name");
    if p.expect(L_CURLY, "'{' to start the capability body") {
        while !p.at(EOF) && !p.at(R_CURLY) {
            capability_item(p);
        }
        p.expect(R_CURLY, "'}' to close the capability body");
    }
    m.complete(p, CAPABILITY_DECL);
}

fn capability_item(p: &mut Parser) {
    let word = if p.at(IDENT) { p.nth_text(0) } else { "" };
    match word {
        "resource" => {
            let m = p.start();
            p.bump_any();
            p.expect(STRING, "resource pattern string");
            p.expect(SEMICOLON, "';' after the resource");
            m.complete(p, CAP_RESOURCE);
        }
        "allow" => {
            let m = p.start();
            p.bump_any();
            if p.at(IDENT) && PERMISSIONS.contains(&p.nth_text(0)) {
                p.bump_any();
            } else {
                p.error_expected("permission (read, write, execute, network or system)");
                if p.at(IDENT) {
                    p.bump_error();
                }
            }
            p.eat(STRING);
            p.expect(SEMICOLON, "';' after the permission");
            m.complete(p, CAP_ALLOW);
        }
        _ => {
            p.error_expected("'resource' or 'allow' in the capability body");
            let m = p.start();
            while !p.at(EOF) && !p.at(R_CURLY) {
                if p.eat(SEMICOLON) {
                    break;
                }
                p.bump_any();
            }
            m.complete(p, ERROR);
        }
    }
}

/// `else`/`elif`/`except`/`finally` with nothing to attach to: one error, clause skipped.
fn stray_clause(p: &mut Parser) {
    let keyword = p.nth_text(0);
    let owner = if matches!(keyword, "except" | "finally") {
        "'try'"
    } else {
        "'if'"
    };
    p.error(format!("'{keyword}' without a matching {owner}"));
    let m = p.start();
    p.bump_any();
    if p.eat(L_PAREN) {
        expr(p);
        p.eat(R_PAREN);
    }
    if p.at(L_CURLY) {
        block(p, "the clause");
    }
    m.complete(p, ERROR);
}

/// `[a, b] =` or `{a, b} =` ahead (bounded scan over plain names and commas).
fn destructure_ahead(p: &mut Parser) -> bool {
    let close = if p.current() == L_BRACK {
        R_BRACK
    } else {
        R_CURLY
    };
    let mut i = 1;
    loop {
        if p.peek_raw(i) != IDENT {
            return false;
        }
        match p.peek_raw(i + 1) {
            COMMA => i += 2,
            kind if kind == close => return p.peek_raw(i + 2) == EQ,
            _ => return false,
        }
    }
}

fn destructure_stmt(p: &mut Parser) {
    let m = p.start();
    let close = if p.current() == L_BRACK {
        R_BRACK
    } else {
        R_CURLY
    };
    p.bump_any();
    while !p.at(close) && !p.at(EOF) {
        p.bump_any(); // names and commas, checked by `destructure_ahead`
    }
    p.bump_any();
    p.bump_any(); // `=`
    expr_required(p, "expression after '='");
    p.expect(SEMICOLON, "';' after the destructuring assignment");
    m.complete(p, DESTRUCTURE_STMT);
}

fn check_target(p: &mut Parser, target: CompletedMarker) {
    if !matches!(
        target.kind(),
        NAME_REF | MEMBER_EXPR | INDEX_EXPR | SLICE_EXPR | ERROR
    ) {
        let range = target.range(p);
        p.error_at(
            range,
            "invalid assignment target: expected a name, 'a.b', 'a[i]' or 'a[i:j]'",
        );
    }
}

fn expr_or_assign_stmt(p: &mut Parser) {
    let m = p.start();
    let lhs = expr(p);
    if p.at(EQ) {
        if let Some(lhs) = lhs {
            check_target(p, lhs);
        }
        p.bump_any();
        expr_required(p, "expression after '='");
        if p.at(EQ) {
            p.error("assignment is a statement, not an expression: 'a = b = c' is not allowed");
            let e = p.start();
            p.bump_any();
            expr(p);
            e.complete(p, ERROR);
        }
        p.expect(SEMICOLON, "';' after the assignment");
        m.complete(p, ASSIGN_STMT);
    } else {
        p.expect(SEMICOLON, "';' after the expression");
        m.complete(p, EXPR_STMT);
    }
}

// ---------------------------------------------------------------- expressions

/// An expression, or an "expected {what}" error.
fn expr_required(p: &mut Parser, what: &str) -> Option<CompletedMarker> {
    if can_start_expr(p.current()) && !at_recovery(p) {
        expr(p)
    } else {
        p.error_expected(what);
        if !at_recovery(p) {
            p.bump_error();
        }
        None
    }
}

/// `conditional` of the grammar. Returns `None` when nothing was consumed (error reported).
fn expr(p: &mut Parser) -> Option<CompletedMarker> {
    if !p.enter() {
        p.skip_too_deep();
        return None;
    }
    let result = conditional(p);
    p.leave();
    result
}

fn conditional(p: &mut Parser) -> Option<CompletedMarker> {
    let cond = binary(p, 1)?;
    if !p.at(QUESTION) {
        return Some(cond);
    }
    let m = cond.precede(p);
    p.bump_any();
    expr_required(p, "expression after '?'");
    if p.expect(COLON, "':' in the conditional expression") {
        expr_required(p, "expression after ':'");
    }
    Some(m.complete(p, COND_EXPR))
}

/// Binding power of a binary operator (higher binds tighter); all are left-associative.
fn binding_power(kind: SyntaxKind) -> Option<u8> {
    Some(match kind {
        PIPE2 => 1,
        AMP2 => 2,
        EQ2 | NEQ => 3,
        LT | GT | LTEQ | GTEQ => 4,
        PLUS | MINUS => 5,
        STAR | SLASH | SLASH_SLASH | PERCENT => 6,
        _ => return None,
    })
}

fn binary(p: &mut Parser, min_bp: u8) -> Option<CompletedMarker> {
    let mut lhs = unary(p)?;
    let mut levels = 0;
    loop {
        let kind = p.current();
        if kind == ERROR_TOKEN && !can_start_expr(p.peek_raw(1)) {
            // Already reported by the lexer; keep it out of the operand structure.
            p.bump_error();
            continue;
        }
        // An invalid token between two operands (`a & b`) stands in for an operator.
        let bp = if kind == ERROR_TOKEN {
            Some(6)
        } else {
            binding_power(kind)
        };
        let Some(bp) = bp.filter(|&bp| bp >= min_bp) else {
            break;
        };
        // Each wrap nests the tree one level deeper on the left.
        if !p.enter() {
            p.skip_too_deep();
            break;
        }
        levels += 1;
        let m = lhs.precede(p);
        if kind == ERROR_TOKEN {
            p.bump_error();
        } else {
            p.bump_any();
        }
        // A missing right operand has been reported by `primary`.
        let _ = binary(p, bp + 1);
        lhs = m.complete(p, BIN_EXPR);
    }
    for _ in 0..levels {
        p.leave();
    }
    Some(lhs)
}

fn unary(p: &mut Parser) -> Option<CompletedMarker> {
    match p.current() {
        BANG | MINUS => {
            if !p.enter() {
                p.skip_too_deep();
                return None;
            }
            let m = p.start();
            p.bump_any();
            // A missing operand has been reported by `primary`.
            let _ = unary(p);
            p.leave();
            Some(m.complete(p, PREFIX_EXPR))
        }
        PLUS => {
            let m = p.start();
            let literal_follows =
                p.next_is_adjacent() && matches!(p.peek_raw(1), INT_NUMBER | FLOAT_NUMBER);
            if !literal_follows {
                p.error("unary '+' is only allowed directly before a number literal (as in +5)");
            }
            p.bump_any();
            if literal_follows {
                let l = p.start();
                p.bump_any();
                l.complete(p, LITERAL);
            } else if p.enter() {
                unary(p);
                p.leave();
            } else {
                p.skip_too_deep();
            }
            Some(m.complete(p, PREFIX_EXPR))
        }
        _ => postfix(p),
    }
}

fn postfix(p: &mut Parser) -> Option<CompletedMarker> {
    let mut lhs = primary(p)?;
    let mut levels = 0;
    loop {
        let kind = match p.current() {
            L_PAREN => CALL_EXPR,
            DOT => MEMBER_EXPR,
            L_BRACK => INDEX_EXPR,
            _ => break,
        };
        if !p.enter() {
            p.skip_too_deep();
            break;
        }
        levels += 1;
        let m = lhs.precede(p);
        let kind = match kind {
            CALL_EXPR => {
                arg_list(p);
                CALL_EXPR
            }
            MEMBER_EXPR => {
                p.bump_any();
                if p.at(IDENT) || p.current().is_keyword() {
                    p.bump_remap(IDENT);
                } else {
                    p.error_expected("property name after '.'");
                }
                MEMBER_EXPR
            }
            _ => subscript(p),
        };
        lhs = m.complete(p, kind);
    }
    for _ in 0..levels {
        p.leave();
    }
    Some(lhs)
}

fn arg_list(p: &mut Parser) {
    let m = p.start();
    p.bump_any();
    delimited(p, R_PAREN, "arguments", can_start_expr, |p| {
        expr_required(p, "argument");
    });
    m.complete(p, ARG_LIST);
}

/// `[index]` or `[start:end:step]`; returns the node kind.
fn subscript(p: &mut Parser) -> SyntaxKind {
    p.bump_any(); // [
    let mut colons = 0;
    if !p.at(COLON) {
        expr_required(p, "index expression");
    }
    while colons < 2 && p.eat(COLON) {
        colons += 1;
        if !p.at(COLON) && !p.at(R_BRACK) {
            expr_required(p, "slice bound");
        }
    }
    p.expect(R_BRACK, "']' to close the subscript");
    if colons > 0 {
        SLICE_EXPR
    } else {
        INDEX_EXPR
    }
}

fn primary(p: &mut Parser) -> Option<CompletedMarker> {
    let m = p.start();
    let kind = match p.current() {
        INT_NUMBER | FLOAT_NUMBER | STRING | TRUE_KW | FALSE_KW => {
            p.bump_any();
            LITERAL
        }
        IDENT => {
            p.bump_any();
            NAME_REF
        }
        L_PAREN => {
            p.bump_any();
            expr_required(p, "expression after '('");
            p.expect(R_PAREN, "')' to close the parenthesis");
            PAREN_EXPR
        }
        L_BRACK => {
            p.bump_any();
            delimited(p, R_BRACK, "elements", can_start_expr, |p| {
                expr_required(p, "array element");
            });
            ARRAY_EXPR
        }
        L_CURLY => {
            object_body(p);
            OBJECT_EXPR
        }
        FN_KW => {
            arrow_fn(p);
            ARROW_FN
        }
        FUNCTION_KW => {
            p.bump_any();
            if p.at(IDENT) {
                p.error("a function expression has no name; declare 'function NAME(...)' as a statement");
                p.bump_any();
            }
            param_list(p, "'(' after 'function'");
            block(p, "the function");
            FUNCTION_EXPR
        }
        ERROR_TOKEN => {
            // The lexer already reported it.
            p.bump_any();
            ERROR
        }
        _ => {
            m.abandon(p);
            p.error_expected("expression");
            return None;
        }
    };
    Some(m.complete(p, kind))
}

/// `{ key: value, ... }` starting at `{`.
fn object_body(p: &mut Parser) {
    p.bump_any();
    delimited(
        p,
        R_CURLY,
        "properties",
        |kind| matches!(kind, IDENT | STRING) || kind.is_keyword(),
        |p| {
            let m = p.start();
            match p.current() {
                STRING => p.bump_any(),
                kind if kind == IDENT || kind.is_keyword() => p.bump_remap(IDENT),
                _ => {
                    p.error_expected("property name (identifier or string)");
                    if at_recovery(p) {
                        m.abandon(p);
                        return;
                    }
                    // Skip the bad key (one error) up to its `:` or the end of the property.
                    let e = p.start();
                    while !at_recovery(p) {
                        p.bump_any();
                    }
                    e.complete(p, ERROR);
                    if !p.at(COLON) {
                        m.complete(p, PROPERTY);
                        return;
                    }
                }
            }
            if p.expect(COLON, "':' after the property name") {
                expr_required(p, "property value");
            }
            m.complete(p, PROPERTY);
        },
    );
}

fn arrow_fn(p: &mut Parser) {
    p.bump_any(); // fn
    param_list(p, "'(' after 'fn'");
    if !p.expect(FAT_ARROW, "'=>' after the arrow function parameters") {
        return;
    }
    let object_body = p.peek_raw(1) == R_CURLY
        || (matches!(p.peek_raw(1), IDENT | STRING) || p.peek_raw(1).is_keyword())
            && p.peek_raw(2) == COLON;
    if p.at(L_CURLY) && !object_body {
        block(p, "the arrow function");
    } else {
        expr_required(p, "arrow function body");
    }
}
