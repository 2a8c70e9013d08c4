//! A small HTTP service that runs a user's ML script per request, under the untrusted limits
//! and with no capabilities, and answers with JSON:
//! `{"ok": true, "result": ..., "output": "...", "fuel": N}` or
//! `{"ok": false, "error": {"kind": ..., "message": ..., "line": L, "column": C}, ...}`.
//!
//!     cargo run --example embed_service -- [--port 8080] [--requests N]
//!     curl -s --data-binary 'result = request.query + " world";' 'localhost:8080/run?hello'
//!
//! The script sees one global, `request` (`method`, `path`, `query`). `--requests N` stops after
//! N requests (the CI run uses it); port 0 picks a free port, printed on the first line.

use mlpy::{Engine, Limits, OutputBuffer, RunOptions, Source, Value};
use serde_json::json;
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Threads answering requests.
const WORKERS: usize = 4;

/// Largest script accepted.
const MAX_SCRIPT: u64 = 64 * 1024;

fn run_script(engine: &Engine, script: &str, request: Value) -> serde_json::Value {
    let program = match engine.compile(Source::new("request.ml", script)) {
        Ok(p) => p,
        Err(e) => return json!({"ok": false, "error": error_json(&e)}),
    };
    let output = OutputBuffer::new();
    let limits = Limits {
        timeout: Some(Duration::from_secs(2)),
        max_output: Some(64 * 1024),
        ..Limits::untrusted()
    };
    let options = RunOptions {
        stdout: output.writer(),
        stderr: output.writer(),
        ..RunOptions::with_limits(limits)
    }
    .global("request", request);
    let result = engine.run(&program, options);
    let fuel = result.usage.fuel_used;
    match result.into_value() {
        Ok(v) => json!({"ok": true, "result": serde_json::Value::from(v),
                        "output": output.contents(), "fuel": fuel}),
        Err(e) => json!({"ok": false, "error": error_json(&e),
                         "output": output.contents(), "fuel": fuel}),
    }
}

fn error_json(e: &mlpy::Error) -> serde_json::Value {
    match e.runtime() {
        Some(r) => {
            json!({"kind": r.kind, "message": r.message, "line": r.line, "column": r.column})
        }
        None => json!({"kind": e.kind_name(), "message": e.to_string()}),
    }
}

fn handle(engine: &Engine, mut req: tiny_http::Request) {
    let (path, query) = match req.url().split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (req.url().to_string(), String::new()),
    };
    let body = if path != "/run" {
        json!({"ok": false, "error": {"kind": "NotFound", "message": "POST a script to /run"}})
    } else {
        let mut script = String::new();
        let read = req.as_reader().take(MAX_SCRIPT).read_to_string(&mut script);
        match read {
            Err(e) => {
                json!({"ok": false, "error": {"kind": "BadRequest", "message": e.to_string()}})
            }
            Ok(_) => {
                let request = mlpy::to_value(&json!({
                    "method": req.method().as_str(), "path": path, "query": query,
                }))
                .unwrap_or_default();
                run_script(engine, &script, request)
            }
        }
    };
    let header = tiny_http::Header::from_bytes("Content-Type", "application/json")
        .unwrap_or_else(|()| unreachable!("static header is valid"));
    let response = tiny_http::Response::from_string(body.to_string()).with_header(header);
    if let Err(e) = req.respond(response) {
        eprintln!("cannot answer: {e}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let port = flag("--port").unwrap_or(8080);
    let max_requests = flag("--requests");

    let server = match tiny_http::Server::http(("127.0.0.1", port as u16)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    let mut engine = Engine::new();
    engine.declare_global("request");
    let engine = Arc::new(engine);
    match server.server_addr().to_ip() {
        Some(addr) => println!("listening on http://{addr}"),
        None => println!("listening"),
    }

    let served = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, engine, served) = (server.clone(), engine.clone(), served.clone());
            std::thread::spawn(move || loop {
                if max_requests.is_some_and(|max| served.load(Ordering::SeqCst) >= max) {
                    break;
                }
                // A short wait so every worker notices when the request budget is spent.
                match server.recv_timeout(Duration::from_millis(100)) {
                    Ok(Some(req)) => {
                        handle(&engine, req);
                        served.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        eprintln!("cannot accept: {e}");
                        break;
                    }
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    println!("served {} requests", served.load(Ordering::SeqCst));
}
