//! `mlpy repl` driven the way a person uses it: in a pseudo-terminal (rexpect), typing lines,
//! continuing multi-line input, pressing Ctrl-C during a runaway entry and Ctrl-D to leave
//! (spec D23). Generous timeouts only (D17).

#![cfg(unix)]

use rexpect::session::{spawn_command, PtySession};
use std::process::Command;

/// Seconds any one expected text may take to appear (a loaded CI machine is slow).
const WAIT_MS: u64 = 30_000;

fn start(extra: &[&str], history: &std::path::Path) -> PtySession {
    let mut cmd = Command::new(mlpy_tests::mlpy_binary());
    // A real terminal type: rustyline treats an unset or `dumb` TERM as a line-mode terminal.
    cmd.arg("repl")
        .args(extra)
        .env("MLPY_HISTORY", history)
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(WAIT_MS)).expect("start mlpy repl in a pty");
    p.exp_string(":help for help").expect("banner");
    p.exp_string(">>> ").expect("first prompt");
    p
}

/// Types `line` and waits for `expect` and then the next prompt.
fn enter(p: &mut PtySession, line: &str, expect: &str) {
    p.send_line(line).expect("type a line");
    if !expect.is_empty() {
        p.exp_string(expect)
            .unwrap_or_else(|e| panic!("after {line:?}, no {expect:?}: {e}"));
    }
    p.exp_string(">>> ")
        .unwrap_or_else(|e| panic!("no prompt after {line:?}: {e}"));
}

#[test]
fn a_session_keeps_variables_prints_values_and_survives_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history");
    let mut p = start(&[], &history);
    enter(&mut p, "x = 40;", "");
    enter(&mut p, "x + 2", "42");
    // Multi-line input: the open brace asks for more.
    p.send_line("function double(a) {").expect("type");
    p.exp_string("... ").expect("continuation prompt");
    p.send_line("    return a * 2;").expect("type");
    p.exp_string("... ").expect("continuation prompt");
    enter(&mut p, "}", "");
    enter(&mut p, "double(x)", "80");
    enter(&mut p, "\"s\"", "'s'");
    enter(&mut p, "[true, null, 1.5]", "[True, None, 1.5]");
    enter(&mut p, "1 / 0", "ZeroDivisionError");
    enter(
        &mut p,
        "y = undefined_thing;",
        "Unknown identifier 'undefined_thing'",
    );
    enter(&mut p, "x = x + 1;", "");
    enter(&mut p, ":help", ":quit");
    enter(&mut p, "x", "41");
    p.send_control('d').expect("Ctrl-D");
    p.exp_eof().expect("the session ends on Ctrl-D");
    let saved = std::fs::read_to_string(&history).expect("history file written");
    assert!(saved.contains("double(x)"), "{saved}");
}

#[test]
fn ctrl_c_stops_a_runaway_entry_and_the_timeout_stops_another() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = start(&["--timeout", "2"], &dir.path().join("history"));
    enter(&mut p, "n = 7;", "");
    p.send_line("while (true) { n = n + 1; }").expect("type");
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("Interrupted")
        .expect("the entry is interrupted");
    p.exp_string(">>> ").expect("prompt after Ctrl-C");
    // Without Ctrl-C the entry's timeout stops it.
    enter(&mut p, "while (true) {}", "Timeout");
    enter(&mut p, "n > 7", "True");
    // Ctrl-C at the prompt discards the line instead of leaving.
    p.send("half typed").expect("type");
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("line discarded").expect("discarded");
    p.exp_string(">>> ").expect("prompt");
    p.send_line(":quit").expect(":quit");
    p.exp_eof().expect("the session ends on :quit");
}
