//! The runtime prelude texts and per-module tree shaking.
//!
//! Invariants: `CORE` is always embedded in a non-flat program; a stdlib module file is
//! embedded only when the program uses the module or another embedded module file names it in
//! its first-line `# requires: a, b` comment; modules come out in a fixed order (dependencies
//! first, then by name) so the output is deterministic.

use std::collections::BTreeSet;

include!(concat!(env!("OUT_DIR"), "/modules.rs"));

/// `prelude/core.py`: values, text conversion, errors, limits, capabilities, builtins.
pub const CORE: &str = include_str!("../prelude/core.py");

/// Names of the stdlib modules that have a Python version.
pub fn module_names() -> Vec<&'static str> {
    MODULE_FILES.iter().map(|(n, _)| *n).collect()
}

fn requires(text: &str) -> Vec<&str> {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("# requires:"))
        .map(|r| {
            r.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The module files to embed for the `used` modules, dependencies before dependants. A used
/// module without a Python file gets a stub that raises when the program imports it.
pub fn resolve_modules(used: &BTreeSet<String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut visiting = BTreeSet::new();
    for name in used {
        add(name, &mut out, &mut visiting);
    }
    out
}

fn add(name: &str, out: &mut Vec<(String, String)>, visiting: &mut BTreeSet<String>) {
    if out.iter().any(|(n, _)| n == name) || !visiting.insert(name.to_string()) {
        return;
    }
    match MODULE_FILES.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => {
            for dep in requires(text) {
                add(dep, out, visiting);
            }
            out.push((name.to_string(), (*text).to_string()));
        }
        None => out.push((
            name.to_string(),
            format!(
                "__ml_module_{name} = __MLModule({name:?}, {{}}, \"not available in the Python backend\")\n__ml_modules[{name:?}] = __ml_module_{name}\n"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requires_line() {
        assert_eq!(
            requires("# requires: json, math\nx = 1\n"),
            vec!["json", "math"]
        );
        assert!(requires("x = 1\n").is_empty());
    }

    #[test]
    fn unknown_module_gets_a_stub() {
        let used: BTreeSet<String> = ["nosuchmodule".to_string()].into_iter().collect();
        let m = resolve_modules(&used);
        assert_eq!(m.len(), 1);
        assert!(m[0].1.contains("__ml_module_nosuchmodule = __MLModule("));
    }
}
