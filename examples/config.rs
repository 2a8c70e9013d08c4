//! ML as a configuration language: run `examples/config/service.ml` under tight limits with no
//! capabilities, and read its `result` into a typed Rust struct with serde.
//!
//!     cargo run --example config [FILE.ml]

use serde::Deserialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Deserialize)]
struct Retry {
    attempts: u32,
    backoff_ms: Vec<u64>,
}

#[derive(Debug, Deserialize)]
struct ServiceConfig {
    name: String,
    port: u16,
    workers: usize,
    hosts: Vec<String>,
    timeout_secs: f64,
    tls: bool,
    retry: Retry,
}

impl ServiceConfig {
    /// Total time spent waiting across all retries.
    fn worst_backoff(&self) -> Duration {
        Duration::from_millis(self.retry.backoff_ms.iter().sum())
            + Duration::from_secs_f64(self.timeout_secs)
    }
}

fn load(path: &std::path::Path) -> Result<ServiceConfig, Box<dyn std::error::Error>> {
    let engine = mlpy::Engine::new();
    let program = engine.compile_file(path)?;
    // A config file gets a small budget: it should compute, not loop for ever.
    let limits = mlpy::Limits {
        fuel: Some(1_000_000),
        timeout: Some(Duration::from_secs(1)),
        ..mlpy::Limits::untrusted()
    };
    let value = engine
        .run(&program, mlpy::RunOptions::with_limits(limits))
        .into_value()?;
    Ok(mlpy::from_value(value)?)
}

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/config/service.ml"),
        PathBuf::from,
    );
    match load(&path) {
        Ok(config) => {
            println!("{config:#?}");
            println!("worst case per request: {:?}", config.worst_backoff());
            println!(
                "{} listens on port {} ({}) with {} workers across {} hosts ({} retries)",
                config.name,
                config.port,
                if config.tls { "TLS" } else { "plain" },
                config.workers,
                config.hosts.len(),
                config.retry.attempts
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            // mlpy errors render with the source line and a caret.
            match e.downcast_ref::<mlpy::Error>() {
                Some(ml) => eprint!("{}", ml.render(false)),
                None => eprintln!("config error: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}
