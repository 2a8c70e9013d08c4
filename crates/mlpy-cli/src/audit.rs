//! `mlpy audit FILE [--json]` (spec D1, D11, D16, D28): static security findings with graded
//! severities, one per line as `FILE:LINE:COL: SEVERITY: RULE: MESSAGE`, or one JSON object
//! `{"file": F, "findings": [{"rule", "severity", "message", "line", "column"}, ...]}`.
//!
//! Exit status: 4 when any critical or high finding exists, 1 on syntax errors (printed), else 0.

use clap::Args;
use mlpy::Source;
use std::path::PathBuf;

#[derive(Args)]
pub struct AuditArgs {
    /// The ML file to audit.
    file: PathBuf,
    /// Print one JSON object instead of one line per finding.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &AuditArgs) -> u8 {
    let source = match Source::read(&args.file) {
        Ok(s) => s,
        Err(e) => return crate::report(&e),
    };
    let findings = match mlpy::audit_source(&source) {
        Ok(f) => f,
        Err(e) => return crate::report(&e),
    };
    let name = source.name.to_string();
    if args.json {
        let items: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| {
                let (line, column) = source.line_col(usize::from(f.range.start()));
                serde_json::json!({
                    "rule": f.rule,
                    "severity": f.severity.as_str(),
                    "message": f.message,
                    "line": line,
                    "column": column,
                })
            })
            .collect();
        println!("{}", serde_json::json!({"file": name, "findings": items}));
    } else {
        for f in &findings {
            let (line, column) = source.line_col(usize::from(f.range.start()));
            println!(
                "{name}:{line}:{column}: {}: {}: {}",
                f.severity.as_str(),
                f.rule,
                f.message
            );
        }
    }
    if findings.iter().any(|f| f.severity.is_blocking()) {
        4
    } else {
        0
    }
}
