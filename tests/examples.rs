//! Runs the embedding examples as a user would (issue 9): `cargo test` builds them next to the
//! test binaries; each is started and its output checked. The HTTP service is started on a
//! free port, sent two requests over plain TCP, and stops by itself after them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// `target/<profile>/examples/NAME` (the test binary is `target/<profile>/deps/NAME-HASH`).
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target profile directory");
    let path = profile
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} not built (run `cargo test`)",
        path.display()
    );
    path
}

fn run(name: &str) -> (bool, String, String) {
    let out = Command::new(example(name))
        .output()
        .expect("run the example");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn config_reads_an_ml_file_into_a_typed_struct() {
    let (ok, out, err) = run("config");
    assert!(ok, "{err}");
    assert!(
        out.contains("orders listens on port 8080 (TLS) with 6 workers across 3 hosts (3 retries)"),
        "{out}"
    );
    assert!(out.contains("\"node2.staging.internal\""), "{out}");
}

#[test]
fn plugin_host_survives_misbehaving_plugins() {
    let (ok, out, err) = run("plugin_host");
    assert!(ok, "{err}");
    assert!(out.contains("[greeter] round 1: \"Hello, ada!\""), "{out}");
    assert!(
        out.contains("[counter] round 2: {\"user\":\"ada\",\"visits\":2}"),
        "{out}"
    );
    assert!(
        out.contains("[snoop] round 1 failed:") && out.contains("CapabilityError"),
        "{out}"
    );
    assert!(
        out.contains("[spinner] round 2 failed:") && out.contains("FuelExhausted"),
        "{out}"
    );
    assert!(
        out.contains("host still healthy: 4 plugins loaded, 1 keys stored"),
        "{out}"
    );
    assert!(
        err.contains("skipping") && err.contains("broken.ml:3:24: SyntaxError"),
        "{err}"
    );
}

/// One HTTP/1.0 POST; returns the response body.
fn post(addr: &str, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect to the service");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    write!(
        stream,
        "POST {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    match response.split_once("\r\n\r\n") {
        Some((_, body)) => body.to_string(),
        None => panic!("not an HTTP response: {response}"),
    }
}

#[test]
fn embed_service_answers_requests_with_json_and_stops() {
    let mut child = Command::new(example("embed_service"))
        .args(["--port", "0", "--requests", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the service");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    lines.read_line(&mut first).expect("first line");
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_string();

    let ok: serde_json::Value = serde_json::from_str(&post(
        &addr,
        "/run?hello",
        "print(\"hi\"); result = {greeting: request.query + \" world\", n: 6 * 7};",
    ))
    .expect("JSON answer");
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(
        ok["result"],
        serde_json::json!({"greeting": "hello world", "n": 42})
    );
    assert_eq!(ok["output"], "hi\n");

    let bad: serde_json::Value =
        serde_json::from_str(&post(&addr, "/run", "x = [1, 2][5];")).expect("JSON answer");
    assert_eq!(bad["ok"], false, "{bad}");
    assert_eq!(bad["error"]["kind"], "IndexError");
    assert_eq!(bad["error"]["line"], 1);

    let status = child.wait().expect("service exits after two requests");
    assert!(status.success());
    let mut rest = String::new();
    lines.read_to_string(&mut rest).expect("rest of stdout");
    assert!(rest.contains("served 2 requests"), "{rest}");
}
