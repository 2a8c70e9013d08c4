//! Helpers shared by the integration tests: parse + lower, positions as `LINE:COL`.
// Each test binary uses a subset of these helpers.
#![allow(dead_code)]

use mlpy_ir::{audit, dump, lower, LowerOptions, Lowered};
use std::path::PathBuf;

pub fn data_dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(sub)
}

pub fn read(sub: &str, name: &str) -> String {
    let path = data_dir(sub).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses `src` (asserting it has no syntax errors) and lowers it.
pub fn lower_src(src: &str, options: &LowerOptions) -> (mlpy_syntax::Parse, Lowered) {
    let parse = mlpy_syntax::parse(src);
    assert!(
        parse.diagnostics().is_empty(),
        "syntax errors: {:?}",
        parse.diagnostics()
    );
    let lowered = lower(&parse.tree(), options);
    (parse, lowered)
}

/// 1-based `LINE:COL` (columns in characters) of a byte offset.
pub fn line_col(src: &str, offset: u32) -> String {
    let before = &src[..offset as usize];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{col}")
}

/// The IR dump followed by every diagnostic and import request, for golden files.
pub fn render(src: &str, lowered: &Lowered) -> String {
    let mut out = dump::dump(&lowered.program);
    for d in &lowered.diagnostics {
        let kind = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!(
            "{kind} {}: {}\n",
            line_col(src, d.range.start().into()),
            d.message
        ));
        for n in &d.notes {
            out.push_str(&format!("  note: {n}\n"));
        }
    }
    for i in &lowered.imports {
        out.push_str(&format!(
            "import request {} at {}\n",
            i.path.join("."),
            line_col(src, i.range.start().into())
        ));
    }
    out
}

/// Audit findings as `LINE:COL severity rule` lines.
pub fn findings(
    src: &str,
    file: &mlpy_syntax::ast::SourceFile<mlpy_syntax::GreenRef<'_>>,
    lowered: &Lowered,
) -> Vec<String> {
    audit::audit(file, lowered)
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                line_col(src, f.range.start().into()),
                f.severity.as_str(),
                f.rule
            )
        })
        .collect()
}
