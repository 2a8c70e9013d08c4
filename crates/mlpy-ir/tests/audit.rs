//! Audit programs in `test_data/audit/`: each file lists every finding it must produce as
//! `// finding: LINE:COL SEVERITY RULE` header comments (none = no findings allowed).

mod common;

use mlpy_ir::LowerOptions;

#[test]
fn every_audit_program() {
    let mut entries: Vec<_> = std::fs::read_dir(common::data_dir("audit"))
        .expect("test_data/audit")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ml"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 8, "audit programs missing");
    let mut failures = Vec::new();
    for path in entries {
        let src = std::fs::read_to_string(&path).expect("readable");
        let want: Vec<String> = src
            .lines()
            .map_while(|l| l.strip_prefix("// "))
            .filter_map(|l| l.strip_prefix("finding: "))
            .map(str::to_string)
            .collect();
        let parse = mlpy_syntax::parse(&src);
        assert!(
            parse.diagnostics().is_empty(),
            "{}: {:?}",
            path.display(),
            parse.diagnostics()
        );
        let file = parse.tree();
        let lowered = mlpy_ir::lower(
            &file,
            &LowerOptions {
                open_world: true,
                ..LowerOptions::default()
            },
        );
        let got = common::findings(&src, &file, &lowered);
        if want != got {
            failures.push(format!(
                "{}\n  want: {want:#?}\n  got:  {got:#?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
