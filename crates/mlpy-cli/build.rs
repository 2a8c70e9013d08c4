//! Link settings of the `mlpy` executable that cut its resident memory (docs/performance.md):
//! - `link-order.txt` (made by scripts/link-order.sh) lists the functions a run executes; the
//!   linker puts them first, so start-up maps a few hundred KB of code instead of touching
//!   pages all over the executable.
//! - `-z pack-relative-relocs` stores the relocation table compactly (RELR), so the loader
//!   reads a few KB instead of ~300 KB.
//!
//! Both need rustc's bundled LLD, the default linker of x86_64 Linux since Rust 1.90; other
//! targets and toolchains link as usual, as does a build with `MLPY_NO_LINK_ORDER` set.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=link-order.txt");
    println!("cargo:rerun-if-env-changed=MLPY_NO_LINK_ORDER");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target != "x86_64-unknown-linux-gnu"
        || std::env::var_os("MLPY_NO_LINK_ORDER").is_some()
        || !rustc_links_with_lld()
    {
        return;
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let order = std::path::Path::new(&dir).join("link-order.txt");
    if order.is_file() {
        println!(
            "cargo:rustc-link-arg-bin=mlpy=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bin=mlpy=-Wl,--no-warn-symbol-ordering");
    }
    println!("cargo:rustc-link-arg-bin=mlpy=-Wl,-z,pack-relative-relocs");
}

/// True when the compiler is Rust 1.90 or later (self-contained LLD by default on this target)
/// and no linker is chosen through RUSTFLAGS.
fn rustc_links_with_lld() -> bool {
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if flags.contains("linker") || flags.contains("fuse-ld") {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let text = String::from_utf8_lossy(&out.stdout);
    let mut version = text
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (version.next().unwrap_or(0), version.next().unwrap_or(0));
    (major, minor) >= (1, 90)
}
