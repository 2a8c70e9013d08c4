//! `mlpy repl`: an interactive session (spec D23). Variables and functions persist across
//! entries; an entry that is one expression prints its value as `repr` shows it; every entry
//! runs under the command line's limits plus a 5 s default timeout; Ctrl-C stops the running
//! entry (the VM's interrupt flag); errors and limits never end the session; `:quit` or Ctrl-D
//! does. Input continues on `... ` lines while brackets or a string are open (the parser's
//! `is_incomplete`). History lives in `$MLPY_HISTORY`, else `~/.mlpy_history`.
//!
//! No language logic here: evaluation is `mlpy::Instance::eval`.

use crate::{color, engine_from, limits_from, usage_error, EngineArgs, LimitArgs};
use clap::Args;
use mlpy::{Instance, RunOptions, Source};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Timeout of one entry when `--timeout` is not given.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

const HELP: &str = "\
Type ML statements or expressions; an expression's value is printed.
Unclosed brackets or strings continue on the next line (prompt `...`).
Variables and functions stay defined for the whole session; `_` holds the last value.
Each entry runs under the limits given on the command line (default timeout 5 s).
  :help        this text
  :quit        leave (also Ctrl-D)
  Ctrl-C       stop the running entry, or discard the line being typed";

#[derive(Args)]
pub struct ReplArgs {
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    engine: EngineArgs,
}

fn history_file() -> Option<PathBuf> {
    match std::env::var_os("MLPY_HISTORY") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".mlpy_history")),
    }
}

/// Starts the session; the exit status is 0 unless the arguments are wrong.
pub fn run(args: &ReplArgs) -> u8 {
    let mut limits = match limits_from(&args.limits) {
        Ok(l) => l,
        Err(e) => return usage_error(&e),
    };
    limits.timeout = limits.timeout.or(Some(DEFAULT_TIMEOUT));
    let engine = match engine_from(&args.engine) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let interrupt = Arc::new(AtomicBool::new(false));
    let flag = interrupt.clone();
    // While an entry runs the terminal is in cooked mode, so Ctrl-C arrives as SIGINT.
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        eprintln!("warning: Ctrl-C cannot interrupt entries: {e}");
    }
    let options = RunOptions {
        limits,
        interrupt: Some(interrupt.clone()),
        ..RunOptions::default()
    };
    let mut session = match engine.session(options) {
        Ok(s) => s,
        Err(e) => return crate::report(&e),
    };
    let mut editor = match DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history = history_file();
    if let Some(path) = &history {
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    println!(
        "mlpy {} REPL. :help for help, :quit or Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                if buffer.is_empty() {
                    match line.trim() {
                        "" => continue,
                        ":quit" | ":q" | ":exit" => break,
                        ":help" | ":h" => {
                            println!("{HELP}");
                            continue;
                        }
                        _ => {}
                    }
                }
                buffer.push_str(&line);
                buffer.push('\n');
                if mlpy::is_incomplete(&buffer) {
                    continue;
                }
                let entry = std::mem::take(&mut buffer);
                let _ = editor.add_history_entry(entry.trim_end());
                if let Some(path) = &history {
                    let _ = editor.save_history(path);
                }
                interrupt.store(false, Ordering::SeqCst);
                evaluate(&mut session, &entry);
            }
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                println!("(Ctrl-C: line discarded; :quit or Ctrl-D to leave)");
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        }
    }
    0
}

/// Runs one entry and prints its value or its error; the session always goes on.
fn evaluate(session: &mut Instance, entry: &str) {
    match session.eval(Source::new("<repl>", entry)) {
        Ok(done) => {
            if let Some(repr) = done.repr {
                println!("{repr}");
            }
        }
        Err(e) => {
            use std::io::Write;
            let _ = std::io::stdout().flush();
            eprint!("{}", e.render(color()));
        }
    }
}
