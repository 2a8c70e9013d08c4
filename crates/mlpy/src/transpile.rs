//! Transpiling ML to Python (the second backend, `mlpy-pyemit`): source + options -> Python
//! text, optional source map v3, and the findings/warnings of the compile. Used by the CLI
//! (`mlpy transpile`) and the Python wheel (`transpile_ml_code`).
//!
//! Invariants: the same pipeline as [`crate::Engine::compile`] (parse -> lower -> audit, a
//! blocking finding wins over unresolved names, D28); strict mode (the default, D11) refuses a
//! program with a critical or high finding; grants are validated like `run`'s (D13) and baked
//! into the output (D3); no language logic here.

use crate::capabilities::Grant;
use crate::engine::finding_warning;
use crate::error::Error;
use crate::source::Source;
use mlpy_ir::{audit, LowerOptions};
use mlpy_syntax::Diagnostic;

/// What to transpile with.
#[derive(Debug, Clone)]
pub struct TranspileOptions {
    /// Refuse programs with critical/high audit findings (D11). Default true.
    pub strict: bool,
    /// Open world (language.md §4.7, the Python API): unknown names are warnings and run-time
    /// host-global lookups. Closed world (CLI, default false): they are compile errors.
    pub open_world: bool,
    /// ML call-depth limit baked into the output (D26). Default 1000.
    pub max_depth: u64,
    /// Output limit in bytes baked into the output (D26). Default unlimited.
    pub max_output: Option<u64>,
    /// System capability grants baked into the output (`--allow`, D3).
    pub grants: Vec<Grant>,
    /// Time zone for `datetime` (`--tz`, D24).
    pub tz: Option<String>,
    /// Also produce a source map v3 (JSON text).
    pub source_map: bool,
    /// Name of the generated file, recorded in the source map.
    pub output_name: Option<String>,
}

impl Default for TranspileOptions {
    fn default() -> Self {
        TranspileOptions {
            strict: true,
            open_world: false,
            max_depth: 1000,
            max_output: None,
            grants: Vec::new(),
            tz: None,
            source_map: false,
            output_name: None,
        }
    }
}

/// A successful transpile.
#[derive(Debug, Clone)]
pub struct Transpiled {
    pub python: String,
    /// Source map v3 JSON (when asked for).
    pub source_map: Option<String>,
    /// Non-blocking audit findings (all of them when strict is off).
    pub findings: Vec<audit::Finding>,
    /// Warnings of the compile (unknown imports, open-world unknown names, ...).
    pub warnings: Vec<Diagnostic>,
    /// Stdlib modules embedded in the output.
    pub modules: Vec<String>,
}

/// The audit alone (`mlpy audit`): syntax errors, or every finding (any severity).
pub fn audit_source(source: &Source) -> Result<Vec<audit::Finding>, Error> {
    let parse = mlpy_syntax::parse(&source.text);
    if parse.diagnostics().iter().any(Diagnostic::is_error) {
        return Err(Error::Syntax {
            source: source.clone(),
            diagnostics: parse.diagnostics().to_vec(),
        });
    }
    let file = parse.tree();
    let lowered = mlpy_ir::lower(
        &file,
        &LowerOptions {
            open_world: true,
            ..LowerOptions::default()
        },
    );
    Ok(audit::audit(&file, &lowered))
}

/// Source -> Python. Errors: syntax/compile errors ([`Error::Syntax`]), blocking findings in
/// strict mode ([`Error::Security`]).
pub fn transpile(source: &Source, options: &TranspileOptions) -> Result<Transpiled, Error> {
    let parse = mlpy_syntax::parse(&source.text);
    if parse.diagnostics().iter().any(Diagnostic::is_error) {
        return Err(Error::Syntax {
            source: source.clone(),
            diagnostics: parse.diagnostics().to_vec(),
        });
    }
    let file = parse.tree();
    let lowered = mlpy_ir::lower(
        &file,
        &LowerOptions {
            open_world: options.open_world,
            ..LowerOptions::default()
        },
    );
    let findings = audit::audit(&file, &lowered);
    if options.strict && findings.iter().any(|f| f.severity.is_blocking()) {
        return Err(Error::Security {
            source: source.clone(),
            findings,
        });
    }
    if lowered.has_errors() {
        let mut diagnostics = lowered.diagnostics;
        diagnostics.extend(findings.iter().map(finding_warning));
        diagnostics.sort_by_key(|d| d.range.start());
        return Err(Error::Syntax {
            source: source.clone(),
            diagnostics,
        });
    }
    let emit_options = mlpy_pyemit::EmitOptions {
        file_name: source.name.to_string(),
        max_depth: options.max_depth,
        max_output: options.max_output,
        grants: options
            .grants
            .iter()
            .map(|g| (g.name.clone(), g.patterns.clone()))
            .collect(),
        tz: options.tz.clone(),
        source_map: options.source_map,
        output_name: options.output_name.clone(),
    };
    let out = mlpy_pyemit::emit(&lowered.program, &source.text, &emit_options);
    Ok(Transpiled {
        python: out.code,
        source_map: out.source_map,
        findings,
        warnings: lowered.diagnostics,
        modules: out.modules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::new("t.ml", text)
    }

    #[test]
    fn strict_refuses_critical_findings_and_no_strict_reports_them() {
        let s = src("x = eval(\"1\");\n");
        assert!(matches!(
            transpile(&s, &TranspileOptions::default()),
            Err(Error::Security { .. })
        ));
        let lax = TranspileOptions {
            strict: false,
            open_world: true,
            ..TranspileOptions::default()
        };
        let t = transpile(&s, &lax).expect("transpiles without strict");
        assert!(t.findings.iter().any(|f| f.severity.is_blocking()));
    }

    #[test]
    fn closed_world_rejects_unknown_names_open_world_warns() {
        let s = src("print(input_data);\n");
        assert!(matches!(
            transpile(&s, &TranspileOptions::default()),
            Err(Error::Syntax { .. })
        ));
        let open = TranspileOptions {
            open_world: true,
            ..TranspileOptions::default()
        };
        let t = transpile(&s, &open).expect("open world");
        assert!(t.python.contains("__ml_host_global('input_data')"));
    }

    #[test]
    fn source_map_is_v3_json_naming_the_ml_file() {
        let t = transpile(
            &src("x = 1;\nprint(x);\n"),
            &TranspileOptions {
                source_map: true,
                ..TranspileOptions::default()
            },
        )
        .expect("ok");
        let map = t.source_map.expect("map");
        assert!(map.contains("\"version\":3"), "{map}");
        assert!(map.contains("t.ml"), "{map}");
    }

    #[test]
    fn audit_reports_every_severity() {
        let f = audit_source(&src("s = \"please open(the door)\";\n")).expect("parses");
        assert!(f.iter().any(|f| f.rule == "suspicious_string"));
        assert!(audit_source(&src("x = ;")).is_err());
    }
}
