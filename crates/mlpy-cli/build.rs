//! Link settings of the `mlpy` executable that cut its resident memory (docs/performance.md):
//! - a static PIE: the process maps only the parts of libc it calls (`link_statically`);
//! - `link-order.txt` (made by scripts/link-order.sh) lists the functions a run executes; the
//!   linker puts them first, so start-up maps a few hundred KB of code instead of touching
//!   pages all over the executable;
//! - `-z pack-relative-relocs` stores the relocation table compactly (RELR), so start-up
//!   reads a few KB instead of ~300 KB.
//!
//! All need rustc's bundled LLD, the default linker of x86_64 Linux since Rust 1.90; other
//! targets and toolchains link as usual. `MLPY_LINK_DYNAMIC` keeps the C libraries shared
//! (for a host whose name lookup needs NSS modules other than `files` and `dns`), and
//! `MLPY_NO_LINK_ORDER` leaves the code in the compiler's order (scripts/link-order.sh).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=link-order.txt");
    println!("cargo:rerun-if-env-changed=MLPY_NO_LINK_ORDER");
    println!("cargo:rerun-if-env-changed=MLPY_LINK_DYNAMIC");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target != "x86_64-unknown-linux-gnu" || !rustc_links_with_lld() {
        return;
    }
    if std::env::var_os("MLPY_LINK_DYNAMIC").is_none() {
        link_statically();
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let order = std::path::Path::new(&dir).join("link-order.txt");
    if order.is_file() && std::env::var_os("MLPY_NO_LINK_ORDER").is_none() {
        println!(
            "cargo:rustc-link-arg-bin=mlpy=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bin=mlpy=-Wl,--no-warn-symbol-ordering");
    }
    println!("cargo:rustc-link-arg-bin=mlpy=-Wl,-z,pack-relative-relocs");
}

/// The C libraries rustc names when it links a dynamic executable (std's and libc's `#[link]`
/// attributes), each with the static archive that stands in for it.
const STATIC_STAND_INS: [(&str, &str); 7] = [
    ("gcc_s", "libgcc_eh.a"),
    ("c", "libc.a"),
    ("m", "libm.a"),
    ("util", "libutil.a"),
    ("rt", "librt.a"),
    ("pthread", "libpthread.a"),
    ("dl", "libdl.a"),
];

/// Links `mlpy` as a static PIE: the process maps only the parts of libc it calls, about
/// 0.25 MB, instead of libc, libm, libgcc_s and ld.so whole (1.8 MB resident after the
/// kernel's fault-around). rustc only does this with `-C target-feature=+crt-static`, a flag
/// Cargo cannot give one binary; so this puts the static archives under the names rustc asks
/// for (`libc.a` for `-lc`, `libgcc_eh.a` for `-lgcc_s`) in a directory searched first, and
/// asks the C driver for `-static-pie`. Nothing changes if a file is missing. Name lookup
/// (`http`) still works: glibc 2.34 and later have the `files` and `dns` NSS modules built in.
fn link_statically() {
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        return;
    };
    let dir = std::path::Path::new(&out_dir).join("static-libs");
    let _ = std::fs::remove_dir_all(&dir);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    // The start-up file of a static PIE (it relocates the executable itself).
    if c_library_path("rcrt1.o").is_none() {
        return;
    }
    for (name, archive) in STATIC_STAND_INS {
        let Some(path) = c_library_path(archive) else {
            return;
        };
        if std::os::unix::fs::symlink(path, dir.join(format!("lib{name}.a"))).is_err() {
            return;
        }
    }
    println!("cargo:rustc-link-arg-bin=mlpy=-L{}", dir.display());
    println!("cargo:rustc-link-arg-bin=mlpy=-static-pie");
}

/// Where the C compiler finds `file`, if it has it.
fn c_library_path(file: &str) -> Option<std::path::PathBuf> {
    let out = Command::new("cc")
        .arg(format!("-print-file-name={file}"))
        .output()
        .ok()?;
    let path = std::path::PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    // An unknown file comes back as its bare name.
    (path.is_absolute() && path.is_file()).then(|| path.canonicalize().unwrap_or(path))
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
