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
use mlpy_ir::{audit, ir, LowerOptions, Lowered};
use mlpy_syntax::{Diagnostic, Parse};
use std::path::{Path, PathBuf};

/// Most ML modules one transpile embeds (a guard against import graphs generated to explode).
const MAX_MODULES: usize = 512;

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
    /// Embed the runtime prelude (default) or import it from the `mlpy` wheel (D3).
    pub runtime: mlpy_pyemit::Runtime,
    /// Also produce a source map v3 (JSON text).
    pub source_map: bool,
    /// Name of the generated file, recorded in the source map.
    pub output_name: Option<String>,
    /// Directories searched by `import a.b;` for `a/b.ml` (then the program's directory), as
    /// `run` does; every module found is embedded in the output (D32).
    pub import_paths: Vec<PathBuf>,
    /// ML modules held by the host (dotted path, source), found before the import paths, as
    /// a host run's in-memory modules are (the wheel's registered modules with an ML file).
    pub modules: Vec<(String, Source)>,
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
            runtime: mlpy_pyemit::Runtime::Embed,
            source_map: false,
            output_name: None,
            import_paths: Vec::new(),
            modules: Vec::new(),
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

/// Source of the Python module `mlpy.runtime.pyprelude` that programs transpiled with
/// `Runtime::Import` load their runtime from (the wheel ships it).
pub fn python_runtime_module() -> String {
    mlpy_pyemit::runtime_module_source()
}

/// The audit alone (`mlpy audit`): syntax errors, or every finding (any severity).
pub fn audit_source(source: &Source) -> Result<Vec<audit::Finding>, Error> {
    let (parse, lowered) = parse_and_lower(source, true)?;
    Ok(audit::audit(&parse.tree(), &lowered))
}

/// Parses and lowers `source` (in the open world or not): the parse (whose tree the audit
/// reads) and the lowering. Errors: syntax errors ([`Error::Syntax`]).
fn parse_and_lower(source: &Source, open_world: bool) -> Result<(Parse, Lowered), Error> {
    let parse = mlpy_syntax::parse(&source.text);
    if parse.diagnostics().iter().any(Diagnostic::is_error) {
        return Err(Error::Syntax {
            source: source.clone(),
            diagnostics: parse.diagnostics().to_vec(),
        });
    }
    let lowered = mlpy_ir::lower(
        &parse.tree(),
        &LowerOptions {
            open_world,
            ..LowerOptions::default()
        },
    );
    Ok((parse, lowered))
}

/// A top-level statement of a program (`ast.items` of the Python API, python-api.md P-61).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// mlpy's node type name: `AssignmentStatement`, `FunctionDefinition`, `ImportStatement`,
    /// `ExpressionStatement`, `IfStatement`, ...
    pub node_type: &'static str,
    /// The name the statement binds (variable, function, imported module), if one.
    pub name: Option<String>,
    /// Byte offset of the statement's first token.
    pub start: u32,
}

/// A name the program binds (source-map `symbolTable`, §3): first binding wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineSymbol {
    pub name: String,
    /// `variable`, `function` or `module`.
    pub kind: &'static str,
    pub node_type: &'static str,
    /// Byte offset of the binding statement.
    pub start: u32,
    /// 0 for top-level names, 1 inside a top-level function, ...
    pub scope_level: usize,
}

/// A function body (source-map `scopeInformation`): name (`None`: anonymous), byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineScope {
    pub name: Option<String>,
    pub start: u32,
    pub end: u32,
}

/// What the Python API reports about a program's structure (parse result items, source-map
/// debug tables).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub items: Vec<OutlineItem>,
    pub symbols: Vec<OutlineSymbol>,
    pub scopes: Vec<OutlineScope>,
}

/// Most nested function levels [`outline`] walks (the lowering caps nesting well below this).
const MAX_OUTLINE_DEPTH: usize = 256;

/// The structure of `source` (open world, as transpiling): its top-level statements, the
/// names it binds and its function scopes. Errors: syntax errors only.
pub fn outline(source: &Source) -> Result<Outline, Error> {
    let (_, lowered) = parse_and_lower(source, true)?;
    let program = &lowered.program;
    let mut out = Outline::default();
    for s in program.block(program.body) {
        let (node_type, name, _) = describe(program, None, s);
        out.items.push(OutlineItem {
            node_type,
            name,
            start: s.range.start().into(),
        });
    }
    collect_symbols(program, None, &program.body, 0, &mut out.symbols);
    out.scopes = program
        .functions
        .iter()
        .map(|f| OutlineScope {
            name: f.name.clone(),
            start: f.range.start().into(),
            end: f.range.end().into(),
        })
        .collect();
    Ok(out)
}

/// Name of a variable as the program spells it (`func`: the function whose locals it names).
fn var_name(program: &ir::Program, func: Option<&ir::Function>, v: &ir::Var) -> Option<String> {
    let local = |i: &u32| {
        func.and_then(|f| f.locals.get(*i as usize))
            .map(|l| program.sym(l.name).to_string())
    };
    match v {
        ir::Var::Global(i) => program.globals.get(*i as usize).map(|g| g.name.clone()),
        ir::Var::Local(i) | ir::Var::Cell(i) => local(i),
        _ => None,
    }
}

/// `(node type, bound name, defined function)` of a statement.
fn describe<'p>(
    program: &'p ir::Program,
    func: Option<&ir::Function>,
    s: &ir::Stmt,
) -> (&'static str, Option<String>, Option<&'p ir::Function>) {
    use ir::StmtKind as K;
    match &s.kind {
        K::Assign { target, value } => {
            let name = match &target.kind {
                ir::TargetKind::Var(v) => var_name(program, func, v),
                _ => None,
            };
            let defined = match &program[*value].kind {
                ir::ExprKind::Function(id) => program
                    .functions
                    .get(*id as usize)
                    .filter(|f| f.name.is_some() && f.name == name),
                _ => None,
            };
            match defined {
                Some(f) => ("FunctionDefinition", name, Some(f)),
                None => ("AssignmentStatement", name, None),
            }
        }
        K::DestructureArray { .. } | K::DestructureObject { .. } => {
            ("DestructuringAssignment", None, None)
        }
        K::Expr(_) => ("ExpressionStatement", None, None),
        K::If { .. } => ("IfStatement", None, None),
        K::While { .. } => ("WhileStatement", None, None),
        K::ForIn { .. } | K::CFor { .. } => ("ForStatement", None, None),
        K::Break => ("BreakStatement", None, None),
        K::Continue => ("ContinueStatement", None, None),
        K::Return(_) => ("ReturnStatement", None, None),
        K::Throw(_) => ("ThrowStatement", None, None),
        K::Try(_) => ("TryStatement", None, None),
        K::Import { path, alias, .. } => (
            "ImportStatement",
            Some(alias.clone().unwrap_or_else(|| path.join("."))),
            None,
        ),
    }
}

/// Every binding in `body` (and nested blocks and function definitions), first one wins.
fn collect_symbols(
    program: &ir::Program,
    func: Option<&ir::Function>,
    body: &ir::StmtList,
    level: usize,
    out: &mut Vec<OutlineSymbol>,
) {
    use ir::StmtKind as K;
    if level > MAX_OUTLINE_DEPTH {
        return;
    }
    for s in program.block(*body) {
        let (node_type, name, defined) = describe(program, func, s);
        if let Some(name) = name {
            if !out.iter().any(|o| o.name == name && o.scope_level == level) {
                let kind = match node_type {
                    "FunctionDefinition" => "function",
                    "ImportStatement" => "module",
                    _ => "variable",
                };
                out.push(OutlineSymbol {
                    name,
                    kind,
                    node_type,
                    start: s.range.start().into(),
                    scope_level: level,
                });
            }
        }
        if let Some(f) = defined {
            let params = f.params as usize + usize::from(f.has_rest);
            for l in f.locals.iter().take(params) {
                out.push(OutlineSymbol {
                    name: program.sym(l.name).to_string(),
                    kind: "variable",
                    node_type: "Parameter",
                    start: f.range.start().into(),
                    scope_level: level + 1,
                });
            }
            collect_symbols(program, Some(f), &f.body, level + 1, out);
        }
        match &s.kind {
            K::If {
                branches,
                else_body,
            } => {
                for (_, b) in branches {
                    collect_symbols(program, func, b, level, out);
                }
                if let Some(b) = else_body {
                    collect_symbols(program, func, b, level, out);
                }
            }
            K::While { body, .. } | K::ForIn { body, .. } | K::CFor { body, .. } => {
                collect_symbols(program, func, body, level, out)
            }
            K::Try(t) => {
                collect_symbols(program, func, &t.body, level, out);
                if let Some(b) = &t.finally {
                    collect_symbols(program, func, b, level, out);
                }
            }
            _ => {}
        }
    }
}

/// Source -> Python. Errors: syntax/compile errors ([`Error::Syntax`]), blocking findings in
/// strict mode ([`Error::Security`]).
pub fn transpile(source: &Source, options: &TranspileOptions) -> Result<Transpiled, Error> {
    let (parse, lowered) = parse_and_lower(source, options.open_world)?;
    let findings = audit::audit(&parse.tree(), &lowered);
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
        runtime: options.runtime,
        source_map: options.source_map,
        output_name: options.output_name.clone(),
    };
    let modules = resolve_user_modules(source, &lowered.imports, options)?;
    let out = mlpy_pyemit::emit(&lowered.program, &source.text, &modules, &emit_options).map_err(
        |e| Error::Syntax {
            source: source.clone(),
            diagnostics: vec![Diagnostic::error(e.message, e.range)],
        },
    )?;
    Ok(Transpiled {
        python: out.code,
        source_map: out.source_map,
        findings,
        warnings: lowered.diagnostics,
        modules: out.modules,
    })
}

/// Finds, compiles and audits every ML module the program imports, transitively (each once).
/// A module that is missing or does not compile is embedded as an import-time `RuntimeError`,
/// as the VM reports it; a blocking finding in a module refuses the transpile in strict mode
/// (D4: imported modules are audited like the main program).
fn resolve_user_modules(
    source: &Source,
    imports: &[mlpy_ir::ImportRequest],
    options: &TranspileOptions,
) -> Result<Vec<mlpy_pyemit::UserModule>, Error> {
    let mut roots = options.import_paths.clone();
    if let Some(dir) = Path::new(source.name.as_ref()).parent() {
        roots.push(if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        });
    }
    let mut out: Vec<mlpy_pyemit::UserModule> = Vec::new();
    let mut queue: Vec<String> = imports.iter().map(|i| i.path.join(".")).collect();
    while let Some(path) = queue.pop() {
        if out.iter().any(|m| m.path == path) || out.len() >= MAX_MODULES {
            continue;
        }
        let held = options.modules.iter().find(|(p, _)| *p == path);
        let module_source = match held {
            Some((_, source)) => source.clone(),
            None => {
                let relative: PathBuf = path.split('.').collect::<PathBuf>().with_extension("ml");
                let Some(file) = roots
                    .iter()
                    .map(|r| r.join(&relative))
                    .find(|p| p.is_file())
                else {
                    continue;
                };
                match Source::read(&file) {
                    Ok(s) => s,
                    Err(e) => {
                        out.push(mlpy_pyemit::UserModule {
                            path: path.clone(),
                            file_name: file.display().to_string(),
                            source: String::new(),
                            program: Err(e.to_string()),
                        });
                        continue;
                    }
                }
            }
        };
        let parse = mlpy_syntax::parse(&module_source.text);
        let program = if parse.diagnostics().iter().any(Diagnostic::is_error) {
            Err("module does not compile (syntax errors)".to_string())
        } else {
            let tree = parse.tree();
            let lowered = mlpy_ir::lower(&tree, &LowerOptions::default());
            let findings = audit::audit(&tree, &lowered);
            if options.strict && findings.iter().any(|f| f.severity.is_blocking()) {
                return Err(Error::Security {
                    source: module_source,
                    findings,
                });
            }
            if lowered.has_errors() {
                Err(format!(
                    "module does not compile:\n{}",
                    crate::error::render_diagnostics(&module_source, &lowered.diagnostics, false)
                ))
            } else {
                queue.extend(lowered.imports.iter().map(|i| i.path.join(".")));
                Ok(lowered.program)
            }
        };
        out.push(mlpy_pyemit::UserModule {
            path,
            file_name: module_source.name.to_string(),
            source: module_source.text.to_string(),
            program,
        });
    }
    Ok(out)
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
    fn host_held_modules_are_embedded_before_files_on_the_import_paths() {
        let dir = std::env::temp_dir().join(format!("mlpy-held-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("geo.ml"),
            "function unit() { return \"from-file\"; }\n",
        )
        .expect("write");
        let options = TranspileOptions {
            import_paths: vec![dir.clone()],
            modules: vec![(
                "geo".to_string(),
                Source::new(
                    "/elsewhere/geo.ml",
                    "function unit() { return \"from-host\"; }\n",
                ),
            )],
            ..TranspileOptions::default()
        };
        let t = transpile(&src("import geo;\nu = geo.unit();\n"), &options).expect("ok");
        assert!(t.python.contains("'from-host'"), "{}", t.python);
        assert!(!t.python.contains("from-file"));
        let options = TranspileOptions {
            modules: vec![(
                "bad".to_string(),
                Source::new("bad.ml", "x = eval(\"1\");\n"),
            )],
            ..TranspileOptions::default()
        };
        assert!(
            matches!(
                transpile(&src("import bad;\n"), &options),
                Err(Error::Security { .. })
            ),
            "held modules are audited like files (D4)"
        );
        let _ = std::fs::remove_dir_all(&dir);
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
    fn outline_lists_items_symbols_and_scopes() {
        let o = outline(&src(
            "import math;\nx = 1;\nfunction f(a) {\n    y = a;\n    return y;\n}\nif (x) { z = 2; }\nprint(f(x));\n",
        ))
        .expect("parses");
        let kinds: Vec<&str> = o.items.iter().map(|i| i.node_type).collect();
        assert_eq!(
            kinds,
            [
                "ImportStatement",
                "AssignmentStatement",
                "FunctionDefinition",
                "IfStatement",
                "ExpressionStatement"
            ]
        );
        let symbols: Vec<(&str, &str, usize)> = o
            .symbols
            .iter()
            .map(|s| (s.name.as_str(), s.kind, s.scope_level))
            .collect();
        assert_eq!(
            symbols,
            [
                ("math", "module", 0),
                ("x", "variable", 0),
                ("f", "function", 0),
                ("a", "variable", 1),
                ("y", "variable", 1),
                ("z", "variable", 0)
            ]
        );
        assert_eq!(o.scopes.len(), 1);
        assert_eq!(o.scopes[0].name.as_deref(), Some("f"));
        assert!(outline(&src("x = ;")).is_err());
    }

    #[test]
    fn audit_reports_every_severity() {
        let f = audit_source(&src("s = \"please open(the door)\";\n")).expect("parses");
        assert!(f.iter().any(|f| f.rule == "suspicious_string"));
        assert!(audit_source(&src("x = ;")).is_err());
    }
}
