//! Test-only package: owns `tests/` (corpus runner, CLI tests) and `benches/` (criterion).
//! This library holds what several test files share.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The `mlpy` binary under test: `MLPY_BIN` (made absolute, since tests run it from other
/// working directories), else `mlpy` in the target profile directory of the running test binary
/// (`target/<profile>/deps/NAME-HASH` → `target/<profile>/mlpy`), else the debug or release one.
///
/// Panics with the command to run when the binary has not been built.
pub fn mlpy_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("MLPY_BIN") {
        let p = PathBuf::from(p);
        return std::fs::canonicalize(&p).unwrap_or(p);
    }
    let name = format!("mlpy{}", std::env::consts::EXE_SUFFIX);
    let exe = std::env::current_exe().unwrap_or_default();
    let profile_dir = exe.parent().and_then(Path::parent);
    let mut candidates = Vec::new();
    if let Some(d) = profile_dir {
        candidates.push(d.join(&name));
        if let Some(target) = d.parent() {
            candidates.push(target.join("debug").join(&name));
            candidates.push(target.join("release").join(&name));
        }
    }
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "the `mlpy` binary was not found next to {}; run `cargo build -p mlpy-cli` first \
             (or set MLPY_BIN)",
                exe.display()
            )
        })
}

/// Is `python3` runnable here? (Tests of emitted Python skip their Python half without it,
/// except in CI.)
pub fn python_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Every `.ml` file under `dir`, subdirectories included (walked with an explicit stack),
/// sorted.
pub fn ml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "ml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
