//! Static security audit (language.md §10, §9, §8.2; spec decisions D4, D11, D28).
//!
//! The audit walks the syntax tree once in preorder, without recursion (an explicit stack of
//! child iterators over the green tree: no red cursor per element, no copy of each child), and
//! reports findings with a severity; `Critical` and `High` findings block strict runs. Name
//! rules (`dangerous_builtin`, `code_injection`) only apply to names the program does not bind
//! itself — that is what the [`Lowered`] argument is for (name resolution runs first, D28).
//! Dunder rules apply to every spelling except `__python_callback`.
//!
//! Findings come out in source order.

use crate::lower::Lowered;
use crate::scope::PYTHON_CALLBACK;
use mlpy_syntax::ast::{self, AstNode, GreenRef, GreenTokenRef, SourceFile, TreeNode, TreeToken};
use mlpy_syntax::{SyntaxKind, TextRange};
use rowan::NodeOrToken;

/// A node of the walk whose children are being visited.
struct Frame<I> {
    children: I,
    kind: SyntaxKind,
    /// The node is a call's callee.
    callee: bool,
    /// The node is a call whose callee (its first expression child) was not visited yet.
    callee_pending: bool,
}

fn frame<'a>(
    node: &GreenRef<'a>,
    callee: bool,
) -> Frame<impl Iterator<Item = NodeOrToken<GreenRef<'a>, GreenTokenRef<'a>>>> {
    Frame {
        children: node.children_with_tokens(),
        kind: node.kind(),
        callee,
        callee_pending: node.kind() == SyntaxKind::CALL_EXPR,
    }
}

/// How serious a finding is. `Critical` and `High` block strict compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    /// Lower-case name as hosts see it (`"critical"`, `"high"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    /// True for the severities that block a strict run (critical, high).
    pub fn is_blocking(self) -> bool {
        matches!(self, Severity::Critical | Severity::High)
    }
}

/// One security finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule (category) name, e.g. `"code_injection"`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: TextRange,
}

/// Identifiers that are dangerous as values (`dangerous_builtin`).
pub const DANGEROUS_BUILTINS: &[&str] = &[
    "eval",
    "exec",
    "compile",
    "execfile",
    "globals",
    "locals",
    "vars",
    "dir",
    "open",
    "exit",
    "quit",
    "copyright",
    "credits",
    "license",
];

/// Functions whose call is a code-injection vector (`code_injection`).
pub const CODE_INJECTION: &[&str] = &[
    "eval",
    "exec",
    "compile",
    "__import__",
    "delattr",
    "globals",
    "locals",
    "vars",
    "dir",
    "file",
    "raw_input",
];

/// Python modules whose import (or of anything under them) is rejected (`unsafe_import`).
pub const DANGEROUS_MODULES: &[&str] = &[
    "os",
    "sys",
    "subprocess",
    "shutil",
    "pickle",
    "marshal",
    "imp",
    "importlib",
    "types",
    "inspect",
    "gc",
    "ctypes",
    "__builtin__",
    "builtins",
];

/// Attributes used for reflection escapes (`reflection_abuse`).
pub const REFLECTION_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__bases__",
    "__subclasses__",
    "__mro__",
    "__globals__",
    "__dict__",
    "__code__",
    "__closure__",
    "__defaults__",
    "__kwdefaults__",
];

/// Audits `file`; `lowered` is the same file's lowering (its bindings exempt user names).
pub fn audit(file: &SourceFile<GreenRef<'_>>, lowered: &Lowered) -> Vec<Finding> {
    let mut findings = Vec::new();
    let root = *file.syntax();
    node(&root, false, lowered, &mut findings);
    let mut stack = vec![frame(&root, false)];
    while let Some(top) = stack.last_mut() {
        match top.children.next() {
            None => {
                stack.pop();
            }
            Some(NodeOrToken::Node(n)) => {
                // A call's callee is its first expression child (`CallExpr::callee`).
                let is_expr = <ast::Expr<GreenRef> as AstNode<GreenRef>>::can_cast(n.kind());
                let callee = top.callee_pending && is_expr;
                top.callee_pending &= !is_expr;
                node(&n, callee, lowered, &mut findings);
                stack.push(frame(&n, callee));
            }
            // Only identifiers can give a token finding.
            Some(NodeOrToken::Token(t)) => {
                if t.kind() == SyntaxKind::IDENT {
                    ident(&t, top.kind, top.callee, &mut findings);
                }
            }
        }
    }
    findings.sort_by_key(|f| f.range.start());
    findings
}

fn push(
    out: &mut Vec<Finding>,
    rule: &'static str,
    severity: Severity,
    message: String,
    range: TextRange,
) {
    out.push(Finding {
        rule,
        severity,
        message,
        range,
    });
}

fn is_dunder(name: &str) -> bool {
    name.starts_with("__") && name != PYTHON_CALLBACK
}

/// Dunder rules, on every identifier token.
/// `parent` is the token's parent kind, `parent_callee` whether that parent is a call's callee.
fn ident(token: &GreenTokenRef, parent: SyntaxKind, parent_callee: bool, out: &mut Vec<Finding>) {
    let name = token.text();
    if !is_dunder(name) {
        return;
    }
    let range = token.text_range();
    match parent {
        // Object keys are plain data (a string key), not names.
        SyntaxKind::PROPERTY => {}
        SyntaxKind::MEMBER_EXPR => {
            push(
                out,
                "dunder_member_access",
                Severity::Critical,
                format!("Access to dunder attribute '{name}' is forbidden in ML code"),
                range,
            );
            if REFLECTION_ATTRIBUTES.contains(&name) {
                push(
                    out,
                    "reflection_abuse",
                    Severity::Critical,
                    format!("Access to reflection attribute '{name}' is prohibited for security"),
                    range,
                );
            }
        }
        SyntaxKind::FUNCTION_DECL => push(
            out,
            "dunder_function_name",
            Severity::Critical,
            format!("Dunder function name '{name}' is forbidden in ML code"),
            range,
        ),
        SyntaxKind::NAME_REF if parent_callee => push(
            out,
            "dunder_function_call",
            Severity::Critical,
            format!("Call of dunder function '{name}' is forbidden in ML code"),
            range,
        ),
        _ => push(
            out,
            "dunder_identifier",
            Severity::Critical,
            format!("Dunder identifier '{name}' is forbidden in ML code. Names starting with '__' are reserved"),
            range,
        ),
    }
}

/// Name, import, capability and string rules, on nodes (`callee`: `n` is a call's callee).
fn node(n: &GreenRef, callee: bool, lowered: &Lowered, out: &mut Vec<Finding>) {
    // Most nodes are none of the kinds below: one comparison chain on the kind rules them out.
    if !matches!(
        n.kind(),
        SyntaxKind::NAME_REF
            | SyntaxKind::IMPORT_STMT
            | SyntaxKind::CAP_RESOURCE
            | SyntaxKind::CAP_ALLOW
            | SyntaxKind::LITERAL
    ) {
        return;
    }
    if let Some(name_ref) = ast::NameRef::cast(*n) {
        let Some(t) = name_ref.ident() else { return };
        let name = t.text();
        // The list checks are cheaper than the binding lookup and rule out almost every name.
        let listed = CODE_INJECTION.contains(&name) || DANGEROUS_BUILTINS.contains(&name);
        if !listed || lowered.binds(name) {
            return;
        }
        let range = t.text_range();
        if callee && CODE_INJECTION.contains(&name) && !is_dunder(name) {
            push(
                out,
                "code_injection",
                Severity::Critical,
                format!("Dangerous code injection operation '{name}' is not allowed"),
                range,
            );
        } else if DANGEROUS_BUILTINS.contains(&name) {
            push(
                out,
                "dangerous_builtin",
                Severity::Critical,
                format!("Use of dangerous builtin '{name}' is not allowed"),
                range,
            );
        }
    } else if let Some(import) = ast::ImportStmt::cast(*n) {
        let path = import.path();
        let Some(first) = path.first() else { return };
        if DANGEROUS_MODULES.contains(&first.as_str()) {
            push(
                out,
                "unsafe_import",
                Severity::Critical,
                format!(
                    "Import of potentially dangerous module '{}' requires explicit capability",
                    path.join(".")
                ),
                import.range(),
            );
        }
    } else if let Some(resource) = ast::CapResource::cast(*n) {
        if let Some(pattern) = resource.pattern().filter(|p| p == "*" || p == "**") {
            push(
                out,
                "overly_broad_capability",
                Severity::Medium,
                format!("Overly broad resource pattern '{pattern}' grants excessive access"),
                resource.range(),
            );
        }
    } else if let Some(allow) = ast::CapAllow::cast(*n) {
        let Some(permission) = allow.permission() else {
            return;
        };
        let permission = permission.text();
        let unrestricted = allow.target().is_none_or(|t| t.is_empty() || t == "*");
        if matches!(permission, "system" | "execute") && unrestricted {
            push(
                out,
                "dangerous_permission",
                Severity::High,
                format!("Dangerous permission '{permission}' requires careful review"),
                allow.range(),
            );
        }
    } else if let Some(lit) = ast::Literal::cast(*n) {
        // Only strings matter: `kind()` would copy a number's text first.
        let Some(token) = lit.token().filter(|t| t.kind() == SyntaxKind::STRING) else {
            return;
        };
        // The value without escapes is the text between the quotes (no copy needed).
        let text = token.text();
        let raw = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
        let suspicious = if raw.contains('\\') {
            is_suspicious(&mlpy_syntax::unescape(raw))
        } else {
            is_suspicious(raw)
        };
        if suspicious {
            push(
                out,
                "suspicious_string",
                Severity::Medium,
                "String contains potentially dangerous code pattern".to_string(),
                lit.range(),
            );
        }
    }
}

/// Case-insensitive search for `eval\s*\(`, `exec\s*\(`, `__import__\s*\(`, `open\s*\(`,
/// `os\.system\s*\(` and `subprocess\.`. Hand-written because these six fixed patterns do not
/// justify a regex engine dependency in the compiler.
fn is_suspicious(text: &str) -> bool {
    // Every pattern needs a `(` or a `.`, which lower-casing neither creates nor removes.
    if !text.contains(['(', '.']) {
        return false;
    }
    let lower = text.to_lowercase();
    if lower.contains("subprocess.") {
        return true;
    }
    ["eval", "exec", "__import__", "open", "os.system"]
        .iter()
        .any(|word| {
            lower
                .match_indices(word)
                .any(|(i, w)| lower[i + w.len()..].trim_start().starts_with('('))
        })
}

#[cfg(test)]
mod tests {
    use super::is_suspicious;

    #[test]
    fn suspicious_patterns() {
        assert!(is_suspicious("EVAL ("));
        assert!(is_suspicious("x = open(\n'f')"));
        assert!(is_suspicious("import subprocess.x"));
        assert!(is_suspicious("os.system  ('ls')"));
        assert!(is_suspicious("__IMPORT__('os')"));
        assert!(!is_suspicious("evaluate(x) and opener"));
        assert!(!is_suspicious("os_system(1)"));
        assert!(!is_suspicious("subprocess"));
    }
}
