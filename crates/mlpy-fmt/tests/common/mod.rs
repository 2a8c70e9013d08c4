//! What the formatter's test files share.

/// The comment texts of `text` in order (trailing white space dropped): what formatting must
/// keep.
pub fn comments(text: &str) -> Vec<String> {
    mlpy_syntax::parse(text)
        .syntax()
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == mlpy_syntax::SyntaxKind::COMMENT)
        .map(|t| t.text().trim_end().to_string())
        .collect()
}
