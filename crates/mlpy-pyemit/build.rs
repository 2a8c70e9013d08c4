//! Embeds every `prelude/modules/<name>.py` (Python versions of stdlib modules, written against
//! the prelude contract) as `MODULE_FILES: &[(&str, &str)]`, sorted by name, so adding a module
//! file needs no Rust change.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("prelude/modules");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=prelude/core.py");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    let stem = name.strip_suffix(".py")?;
                    (!stem.starts_with('_')).then(|| stem.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// Stdlib module files: (module name, Python source).\npub const MODULE_FILES: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = dir.join(format!("{n}.py"));
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("modules.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
