//! `mlpy fmt FILE... [--check]` (spec D23, D29): formats ML files in place with `mlpy-fmt`.
//!
//! A file with syntax errors is left untouched and its diagnostics are printed (exit 1). With
//! `--check` nothing is written: the names of the files that would change are printed on
//! stdout, and the exit status is 1 if any would. Line breaks are written as `\n` and a leading
//! byte-order mark is dropped (the language ignores it); string literals are kept exactly.

use std::path::PathBuf;

use clap::Args;
use mlpy::Source;

#[derive(Args)]
pub struct FmtArgs {
    /// ML files to format in place.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Change nothing: print the names of the files that would change; exit 1 if any would.
    #[arg(long)]
    check: bool,
}

/// Runs the command; returns the exit status.
pub fn run(args: &FmtArgs, color: bool) -> u8 {
    let mut failed = false;
    for path in &args.files {
        let source = match Source::read(path) {
            Ok(s) => s,
            Err(e) => {
                eprint!("{}", e.render(color));
                failed = true;
                continue;
            }
        };
        let formatted = match mlpy_fmt::format(&source.text) {
            Ok(text) => text,
            Err(diagnostics) => {
                eprint!("{}", mlpy::render_diagnostics(&source, &diagnostics, color));
                failed = true;
                continue;
            }
        };
        if formatted == *source.text {
            continue;
        }
        if args.check {
            println!("{}", path.display());
            failed = true;
        } else if let Err(e) = std::fs::write(path, formatted) {
            eprintln!(
                "{}: error: cannot write the formatted file: {e}",
                path.display()
            );
            failed = true;
        }
    }
    u8::from(failed)
}
