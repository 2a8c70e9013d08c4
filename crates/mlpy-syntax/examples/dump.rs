//! Prints the syntax tree and diagnostics of a file (or stdin): `cargo run --example dump FILE`.
use std::io::Read;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path).unwrap_or_default(),
        None => {
            let _ = std::io::stdin().read_to_string(&mut text);
        }
    }
    print!("{}", mlpy_syntax::parse(&text).debug_tree());
}
