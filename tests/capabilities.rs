//! Capability enforcement with resource patterns (stdlib.md §1.3, D15), through the embedding
//! API: path escapes (`..`, absolute paths, symlinks, `/proc`), check-then-open races, listings
//! that must not leak entries, and the HTTP client against a server this test starts on
//! 127.0.0.1 (granted hosts only, redirects re-checked).
//!
//! Every test works in its own temporary directory: `data/` is granted, `outside/` holds a
//! secret that no script may read or overwrite.

use mlpy::{Engine, Error, Grant, OutputBuffer, RunOptions, Source};
use std::fs;
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const SECRET: &str = "TOP-SECRET-CONTENT";

/// A scratch tree: `data/inside.txt`, `outside/secret.txt`.
struct Tree {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = fs::canonicalize(dir.path()).expect("canonical tempdir");
        fs::create_dir_all(root.join("data/sub")).expect("data dir");
        fs::create_dir_all(root.join("outside")).expect("outside dir");
        fs::write(root.join("data/inside.txt"), "inside").expect("inside file");
        fs::write(root.join("outside/secret.txt"), SECRET).expect("secret file");
        Tree { _dir: dir, root }
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    fn outside(&self) -> PathBuf {
        self.root.join("outside")
    }
}

/// Runs `script` with the grants, working directory and limits; `(output, uncaught error)`.
fn run_limited(
    grants: &[String],
    cwd: Option<&Path>,
    limits: mlpy::Limits,
    script: &str,
) -> (String, Option<Error>) {
    let mut engine = Engine::new();
    for g in grants {
        for grant in Grant::parse(g).expect("grant parses") {
            engine.grant(grant);
        }
    }
    if let Some(dir) = cwd {
        engine.set_working_dir(dir);
    }
    let program = match engine.compile(Source::new("test.ml", script)) {
        Ok(p) => p,
        Err(e) => panic!("does not compile:\n{}", e.render(false)),
    };
    let out = OutputBuffer::new();
    let options = RunOptions {
        limits,
        stdout: out.writer(),
        stderr: out.writer(),
        ..RunOptions::default()
    };
    let result = engine.run(&program, options);
    (out.contents(), result.error)
}

/// [`run_limited`] under the default limits; the uncaught error as `kind: message`.
fn run_with(grants: &[String], cwd: Option<&Path>, script: &str) -> (String, Option<String>) {
    let (out, error) = run_limited(grants, cwd, mlpy::Limits::default(), script);
    let kind = error.map(|e| match e {
        Error::Capability(r) | Error::Runtime(r) => format!("{}: {}", r.kind, r.message),
        other => other.render(false),
    });
    (out, kind)
}

fn grant_data(t: &Tree) -> Vec<String> {
    let d = t.data().display().to_string();
    vec![format!("file.*:{d}/**"), format!("path.*:{d}/**")]
}

/// `f(ARG)` inside try/except, printing the error type or "ok".
fn probe(call: &str) -> String {
    format!("try {{ x = {call}; print(\"ok\"); }} except (e) {{ print(e.type); }}\n")
}

/// A script importing `file` and `path` that [`probe`]s each call in turn.
fn file_probes(calls: &[impl AsRef<str>]) -> String {
    std::iter::once("import file; import path;\n".to_string())
        .chain(calls.iter().map(|c| probe(c.as_ref())))
        .collect()
}

fn ml_str(p: &Path) -> String {
    format!("{:?}", p.display().to_string())
}

#[test]
fn granted_paths_work() {
    let t = Tree::new();
    let f = ml_str(&t.data().join("inside.txt"));
    let script = format!("import file; print(file.read({f}));");
    let (out, err) = run_with(&grant_data(&t), None, &script);
    assert_eq!((out.as_str(), err), ("inside\n", None));
}

#[test]
fn dot_dot_and_absolute_paths_cannot_leave_the_pattern() {
    let t = Tree::new();
    let d = t.data().display().to_string();
    let calls = [
        format!("file.read(\"{d}/../outside/secret.txt\")"),
        format!("file.read(\"{d}/sub/../../outside/secret.txt\")"),
        format!(
            "file.read(\"{d}/./sub/../../../{}/outside/secret.txt\")",
            t.root
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        ),
        "file.read(\"/etc/passwd\")".to_string(),
        format!("file.write(\"{d}/../outside/secret.txt\", \"pwned\")"),
        format!("file.append(\"{d}/../outside/new.txt\", \"pwned\")"),
        format!("file.delete(\"{d}/../outside/secret.txt\")"),
        format!("file.copy(\"{d}/inside.txt\", \"{d}/../outside/copy.txt\")"),
        format!("file.move(\"{d}/../outside/secret.txt\", \"{d}/stolen.txt\")"),
        format!("path.listDir(\"{d}/..\")"),
        format!("path.createDir(\"{d}/../outside/made\")"),
        format!("path.removeDirRecursive(\"{d}/../outside\")"),
        format!("path.walk(\"{d}/../outside\")"),
        format!("path.exists(\"{d}/../outside/secret.txt\")"),
    ];
    let script = file_probes(&calls);
    let (out, err) = run_with(&grant_data(&t), None, &script);
    assert_eq!(err, None);
    assert_eq!(out, "CapabilityError\n".repeat(calls.len()), "{script}");
    assert_eq!(
        fs::read_to_string(t.outside().join("secret.txt")).unwrap(),
        SECRET
    );
    assert!(!t.outside().join("new.txt").exists());
    assert!(!t.outside().join("copy.txt").exists());
    assert!(!t.outside().join("made").exists());
    assert!(!t.data().join("stolen.txt").exists());
}

#[test]
fn relative_paths_and_patterns_resolve_against_the_working_directory() {
    let t = Tree::new();
    let grants = vec!["file.read:./*.txt".to_string()];
    let script = format!(
        "import file;\nprint(file.read(\"inside.txt\"));\n{}{}",
        probe("file.read(\"../outside/secret.txt\")"),
        probe("file.read(\"sub/../../outside/secret.txt\")")
    );
    let (out, err) = run_with(&grants, Some(&t.data()), &script);
    assert_eq!(err, None);
    assert_eq!(out, "inside\nCapabilityError\nCapabilityError\n");
}

#[test]
fn symlinks_are_resolved_before_the_check() {
    let t = Tree::new();
    symlink(t.outside().join("secret.txt"), t.data().join("link.txt")).unwrap();
    symlink(t.outside(), t.data().join("dirlink")).unwrap();
    symlink("/proc/self/environ", t.data().join("environ")).unwrap();
    symlink(t.data().join("inside.txt"), t.data().join("good.txt")).unwrap();
    let d = t.data().display().to_string();
    let calls = [
        format!("file.read(\"{d}/link.txt\")"),
        format!("file.readBytes(\"{d}/link.txt\")"),
        format!("file.read(\"{d}/dirlink/secret.txt\")"),
        format!("file.write(\"{d}/link.txt\", \"pwned\")"),
        format!("file.write(\"{d}/dirlink/planted.txt\", \"pwned\")"),
        format!("file.read(\"{d}/environ\")"),
        format!("path.listDir(\"{d}/dirlink\")"),
        format!("path.createDir(\"{d}/dirlink/made\")"),
    ];
    let script = file_probes(&calls) + &format!("print(file.read(\"{d}/good.txt\"));\n");
    let (out, err) = run_with(&grant_data(&t), None, &script);
    assert_eq!(err, None);
    assert_eq!(
        out,
        format!("{}inside\n", "CapabilityError\n".repeat(calls.len()))
    );
    assert_eq!(
        fs::read_to_string(t.outside().join("secret.txt")).unwrap(),
        SECRET
    );
    assert!(!t.outside().join("planted.txt").exists());
    assert!(!t.outside().join("made").exists());
}

#[test]
fn proc_paths_are_denied_outside_the_pattern() {
    let t = Tree::new();
    let calls = [
        "file.read(\"/proc/self/environ\")",
        "file.read(\"/proc/self/root/etc/passwd\")",
        "file.readBytes(\"/proc/self/mem\")",
        "path.listDir(\"/proc/self/fd\")",
        "file.read(\"/proc/self/cwd/Cargo.toml\")",
    ];
    let script = file_probes(&calls);
    let (out, err) = run_with(&grant_data(&t), None, &script);
    assert_eq!(err, None);
    assert_eq!(out, "CapabilityError\n".repeat(calls.len()));
}

#[test]
fn denial_names_capability_and_canonical_resource() {
    let t = Tree::new();
    symlink(t.outside().join("secret.txt"), t.data().join("link.txt")).unwrap();
    let d = t.data().display().to_string();
    let (out, err) = run_with(
        &grant_data(&t),
        None,
        &format!("import file;\nfile.read(\"{d}/link.txt\");"),
    );
    assert_eq!(out, "");
    assert_eq!(
        err.as_deref(),
        Some(
            format!(
                "CapabilityError: file.read() requires capability 'file.read' for '{}'",
                t.outside().join("secret.txt").display()
            )
            .as_str()
        )
    );
}

#[test]
fn listings_do_not_leak_or_follow_links_out() {
    let t = Tree::new();
    symlink(t.outside(), t.data().join("dirlink")).unwrap();
    fs::write(t.data().join("sub/a.txt"), "a").unwrap();
    let d = t.data().display().to_string();
    let root = t.root.display().to_string();
    let script = format!(
        "import path;\nprint(path.walk(\"{d}\"));\nprint(len(path.glob(\"{root}/**/*.txt\")));\nprint(path.glob(\"{d}/*/*.txt\"));"
    );
    let grants = vec![format!("path.read:{d}/**")];
    let (out, err) = run_with(&grants, None, &script);
    assert_eq!(err, None);
    // walk never enters the symlinked directory; glob reports only granted matches.
    assert_eq!(
        out,
        format!("['inside.txt', 'sub/a.txt']\n2\n['{d}/sub/a.txt']\n")
    );
}

#[test]
fn deleting_a_symlink_removes_the_link_only() {
    let t = Tree::new();
    symlink(t.data().join("inside.txt"), t.data().join("alias.txt")).unwrap();
    let d = t.data().display().to_string();
    let (out, err) = run_with(
        &grant_data(&t),
        None,
        &format!("import file;\nprint(file.delete(\"{d}/alias.txt\"));"),
    );
    assert_eq!((out.as_str(), err), ("true\n", None));
    assert!(t.data().join("inside.txt").exists());
    assert!(fs::symlink_metadata(t.data().join("alias.txt")).is_err());
    // A symlink to a directory (even a granted one) is never recursed into by removal.
    fs::create_dir_all(t.data().join("keep")).unwrap();
    fs::write(t.data().join("keep/k.txt"), "k").unwrap();
    symlink(t.data().join("keep"), t.data().join("keeplink")).unwrap();
    let script = format!(
        "import path;\n{}",
        probe(&format!("path.removeDirRecursive(\"{d}/keeplink\")"))
    );
    let (out, err) = run_with(&grant_data(&t), None, &script);
    assert_eq!((out.as_str(), err), ("OSError\n", None));
    assert!(t.data().join("keep/k.txt").exists());
    assert!(fs::symlink_metadata(t.data().join("keeplink")).is_ok());
}

/// Flips `target` between a real file inside `data/` and a symlink to the secret while a
/// script reads it in a loop; the secret must never be read (the opened handle is verified).
#[test]
fn read_race_with_symlink_swaps_never_leaks() {
    let t = Tree::new();
    let target = t.data().join("flip.txt");
    fs::write(&target, "safe").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let flipper = {
        let stop = stop.clone();
        let target = target.clone();
        let secret = t.outside().join("secret.txt");
        let tmp_link = t.data().join("flip.tmp");
        let tmp_file = t.data().join("flip.new");
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                if n.is_multiple_of(2) {
                    let _ = fs::remove_file(&tmp_link);
                    let _ = symlink(&secret, &tmp_link);
                    let _ = fs::rename(&tmp_link, &target);
                } else {
                    let _ = fs::write(&tmp_file, "safe");
                    let _ = fs::rename(&tmp_file, &target);
                }
                n += 1;
            }
        })
    };
    let f = ml_str(&target);
    let script = format!(
        "import file;\nseen = {{}};\nfor (i in range(400)) {{ try {{ seen[file.read({f})] = true; }} except (e) {{ seen[e.type] = true; }} }}\nprint(sorted(keys(seen)));"
    );
    let (out, err) = run_with(&grant_data(&t), None, &script);
    stop.store(true, Ordering::Relaxed);
    let _ = flipper.join();
    assert_eq!(err, None);
    assert!(!out.contains(SECRET), "secret leaked: {out}");
}

/// Flips `data/sub` between a directory and a symlink to `outside/` while a script writes
/// `data/sub/planted.txt`; nothing may ever be created outside.
#[test]
fn write_race_with_directory_swaps_never_escapes() {
    let t = Tree::new();
    let sub = t.data().join("sub");
    let stop = Arc::new(AtomicBool::new(false));
    let flipper = {
        let stop = stop.clone();
        let sub = sub.clone();
        let outside = t.outside();
        let parked = t.data().join("sub.real");
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                if n.is_multiple_of(2) {
                    let _ = fs::rename(&sub, &parked);
                    let _ = symlink(&outside, &sub);
                } else {
                    let _ = fs::remove_file(&sub);
                    let _ = fs::rename(&parked, &sub);
                }
                n += 1;
            }
        })
    };
    let f = ml_str(&sub.join("planted.txt"));
    let script = format!(
        "import file;\nfor (i in range(400)) {{ try {{ file.write({f}, \"x\"); file.delete({f}); }} except (e) {{ }} }}\nprint(\"done\");"
    );
    let (out, err) = run_with(&grant_data(&t), None, &script);
    stop.store(true, Ordering::Relaxed);
    let _ = flipper.join();
    assert_eq!((out.as_str(), err), ("done\n", None));
    assert!(!t.outside().join("planted.txt").exists(), "a write escaped");
    assert_eq!(
        fs::read_to_string(t.outside().join("secret.txt")).unwrap(),
        SECRET
    );
}

#[test]
fn ungranted_system_modules_fail_closed() {
    let (out, err) = run_with(
        &[],
        None,
        "import file;\nprint(\"before\");\nfile.read(\"/etc/hostname\");",
    );
    assert_eq!(out, "before\n");
    assert_eq!(
        err.as_deref(),
        Some("CapabilityError: file.read() requires capability 'file.read' for '/etc/hostname'")
    );
    let (_, err) = run_with(&[], None, "import env;\nenv.get(\"HOME\");");
    assert_eq!(
        err.as_deref(),
        Some("CapabilityError: Missing required capabilities: ['env.read']")
    );
}

#[test]
fn grant_strings_expand_to_names() {
    let t = Tree::new();
    let d = t.data().display().to_string();
    // `file:read:PATTERN` (DESIGN style) grants only file.read.
    let grants = vec![format!("file:read:{d}/*.txt")];
    let script = format!(
        "import file;\nprint(file.read(\"{d}/inside.txt\"));\n{}",
        probe(&format!("file.write(\"{d}/x.txt\", \"y\")"))
    );
    let (out, err) = run_with(&grants, None, &script);
    assert_eq!((out.as_str(), err), ("inside\nCapabilityError\n", None));
}

// ---- http against a local server ----------------------------------------------------------

/// A server on 127.0.0.1 answering: `/json` a JSON body, `/echo` the method, body and two
/// request headers, `/missing` 404, `/redirect-local` 302 to `/json` on 127.0.0.1,
/// `/redirect-away` 302 to the same port on `localhost` (a host the tests do not grant),
/// `/big` a body larger than the script's memory budget.
fn start_server() -> (u16, std::thread::JoinHandle<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .expect("ip port");
    let handle = std::thread::spawn(move || {
        for mut req in server.incoming_requests() {
            let url = req.url().to_string();
            let header = |req: &tiny_http::Request, name: &'static str| {
                req.headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.to_string())
                    .unwrap_or_default()
            };
            let agent = header(&req, "User-Agent");
            let custom = header(&req, "X-Test");
            let response = match url.as_str() {
                "/json" => tiny_http::Response::from_string("{\"a\": [1, 2.5, null]}").with_header(
                    "Content-Type: application/json"
                        .parse::<tiny_http::Header>()
                        .expect("header"),
                ),
                "/echo" => {
                    let mut body = String::new();
                    let _ = req.as_reader().read_to_string(&mut body);
                    tiny_http::Response::from_string(format!(
                        "{} {} ua={} x={}",
                        req.method(),
                        body,
                        agent,
                        custom
                    ))
                }
                "/missing" => tiny_http::Response::from_string("nope").with_status_code(404),
                "/redirect-local" => tiny_http::Response::from_string("")
                    .with_status_code(302)
                    .with_header(
                        format!("Location: http://127.0.0.1:{port}/json")
                            .parse::<tiny_http::Header>()
                            .expect("header"),
                    ),
                "/redirect-away" => tiny_http::Response::from_string("")
                    .with_status_code(302)
                    .with_header(
                        format!("Location: http://localhost:{port}/json")
                            .parse::<tiny_http::Header>()
                            .expect("header"),
                    ),
                "/big" => tiny_http::Response::from_string("x".repeat(3 << 20)),
                "/slow" => {
                    std::thread::spawn(move || {
                        std::thread::sleep(std::time::Duration::from_secs(20));
                        let _ = req.respond(tiny_http::Response::from_string("late"));
                    });
                    continue;
                }
                "/quit" => {
                    let _ = req.respond(tiny_http::Response::from_string("bye"));
                    return;
                }
                _ => tiny_http::Response::from_string("?").with_status_code(400),
            };
            let _ = req.respond(response);
        }
    });
    (port, handle)
}

fn stop_server(port: u16, handle: std::thread::JoinHandle<()>) {
    let _ = std::net::TcpStream::connect(("127.0.0.1", port)).and_then(|mut s| {
        use std::io::Write;
        s.write_all(b"GET /quit HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        Ok(())
    });
    let _ = handle.join();
}

#[test]
fn http_reaches_granted_local_server() {
    let (port, server) = start_server();
    let base = format!("http://127.0.0.1:{port}");
    let script = format!(
        r#"import http;
r = http.get("{base}/json");
print(r.status(), r.ok(), r.statusText(), r.json(), r.headers()["Content-Type"], typeof(r));
m = http.get("{base}/missing");
print(m.status(), m.ok(), m.text());
print(http.post("{base}/echo", {{body: "hello"}}).body());
print(http.put("{base}/echo", {{body: {{k: [1, true]}}, headers: {{"X-Test": "yes"}}}}).body());
print(http.patch("{base}/echo").body(), http.delete("{base}/echo", {{"User-Agent": "mine"}}).body());
print(http.head("{base}/json").status(), http.request({{method: "post", url: "{base}/echo", body: "b"}}).body());
print(http.get("{base}/redirect-local").json());
try {{ http.get("{base}/redirect-away"); }} except (e) {{ print(e.type, str(e)); }}
"#
    );
    let (out, err) = run_with(&["network.http:127.0.0.1".to_string()], None, &script);
    stop_server(port, server);
    assert_eq!(err, None, "{out}");
    assert_eq!(
        out,
        format!(
            "200 true OK {{'a': [1, 2.5, None]}} application/json HttpResponse\n\
             404 false nope\n\
             POST hello ua=ML-HTTP-Client/1.0 x=\n\
             PUT {{\"k\": [1, true]}} ua=ML-HTTP-Client/1.0 x=yes\n\
             PATCH  ua=ML-HTTP-Client/1.0 x= DELETE  ua=mine x=\n\
             200 POST b ua=ML-HTTP-Client/1.0 x=\n\
             {{'a': [1, 2.5, None]}}\n\
             CapabilityError http.get() requires capability 'network.http' for 'localhost:{port}'\n"
        )
    );
}

#[test]
fn http_denied_without_grant_or_for_other_hosts() {
    let (port, server) = start_server();
    let script = format!(
        "import http;\n{}{}",
        probe(&format!("http.get(\"http://127.0.0.1:{port}/json\")")),
        probe(&format!("http.get(\"http://localhost:{port}/json\")"))
    );
    let (none, err_none) = run_with(&[], None, &script);
    let (other, err_other) = run_with(&["network:api.example.com".to_string()], None, &script);
    let (port_pin, _) = run_with(
        &[format!("network.http:127.0.0.1:{}", port.wrapping_add(1))],
        None,
        &script,
    );
    stop_server(port, server);
    assert_eq!((err_none, err_other), (None, None));
    assert_eq!(none, "CapabilityError\nCapabilityError\n");
    assert_eq!(other, "CapabilityError\nCapabilityError\n");
    assert_eq!(port_pin, "CapabilityError\nCapabilityError\n");
}

#[test]
fn http_body_is_checked_against_the_memory_budget() {
    let (port, server) = start_server();
    let limits = mlpy::Limits {
        memory: 2 << 20,
        ..mlpy::Limits::default()
    };
    let (out, error) = run_limited(
        &["network.http:127.0.0.1".to_string()],
        None,
        limits,
        &format!(
            "import http;\nr = http.get(\"http://127.0.0.1:{port}/big\");\nprint(len(r.body()));"
        ),
    );
    stop_server(port, server);
    assert!(
        matches!(error, Some(Error::Limit { .. })),
        "expected a memory limit, got {:?} / {out}",
        error.map(|e| e.render(false)),
    );
}

#[test]
fn http_waits_no_longer_than_the_run_timeout() {
    let (port, server) = start_server();
    let limits = mlpy::Limits {
        timeout: Some(std::time::Duration::from_secs(1)),
        ..mlpy::Limits::default()
    };
    let started = std::time::Instant::now();
    let (out, error) = run_limited(
        &["network.http:127.0.0.1".to_string()],
        None,
        limits,
        &format!("import http;\ntry {{ http.get(\"http://127.0.0.1:{port}/slow\"); }} except (e) {{ print(e.type); }}"),
    );
    let took = started.elapsed();
    stop_server(port, server);
    // D17: a generous bound (the request alone would wait 30 s, the server answers after 20 s).
    assert!(took < std::time::Duration::from_secs(8), "took {took:?}");
    assert!(
        matches!(error, Some(Error::Limit { .. })),
        "expected Timeout, got {:?} / {out}",
        error.map(|e| e.render(false)),
    );
}

#[test]
fn reading_a_fifo_does_not_hang() {
    let t = Tree::new();
    let fifo = t.data().join("pipe");
    let c = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let script = format!("import file;\nprint(len(file.read({})));", ml_str(&fifo));
    let started = std::time::Instant::now();
    let (out, err) = run_with(&grant_data(&t), None, &script);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!((out.as_str(), err), ("0\n", None));
    let script = format!("import file;\nfile.write({}, \"x\");", ml_str(&fifo));
    let started = std::time::Instant::now();
    let (_, err) = run_with(&grant_data(&t), None, &script);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(err.is_some_and(|e| e.starts_with("OSError")));
}

// ---- the CLI's run environment ------------------------------------------------------------

/// Runs `mlpy ARGS` in `dir`; (exit code, stdout, stderr).
fn cli(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(mlpy_tests::mlpy_binary());
    cmd.current_dir(dir).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run mlpy");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_passes_script_args_env_and_time_zone() {
    let t = Tree::new();
    fs::write(
        t.root.join("a.ml"),
        "import args;\nprint(args.all(), args.rest());\np = args.create_parser();\np.add_flag(\"verbose\", \"v\", \"\");\nprint(p.parse().get_bool(\"verbose\"));\n",
    )
    .unwrap();
    let (code, out, err) = cli(
        &t.root,
        &["run", "a.ml", "--allow", "args.read", "--", "-v", "x y"],
        &[],
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "['a.ml', '-v', 'x y'] ['-v', 'x y']\ntrue\n"),
        "{err}"
    );
    let (code, _, err) = cli(&t.root, &["run", "a.ml"], &[]);
    assert_eq!(code, 4, "{err}");

    // The process environment reaches `env` only with env.read.
    fs::write(
        t.root.join("e.ml"),
        "import env;\nprint(env.get(\"MLPY_CAP_TEST\"));\n",
    )
    .unwrap();
    let vars = [("MLPY_CAP_TEST", "visible")];
    let (code, out, _) = cli(&t.root, &["run", "e.ml", "--allow", "env.read"], &vars);
    assert_eq!((code, out.as_str()), (0, "visible\n"));
    let (code, _, err) = cli(&t.root, &["run", "e.ml"], &vars);
    assert_eq!(code, 4);
    assert!(err.contains("CapabilityError"), "{err}");

    // --tz sets the zone of local times; an unknown zone is a usage error.
    fs::write(
        t.root.join("z.ml"),
        "import datetime;\nprint(datetime.fromTimestamp(0).toString());\n",
    )
    .unwrap();
    let (_, utc, _) = cli(&t.root, &["run", "z.ml", "--tz", "UTC"], &[]);
    let (_, tokyo, _) = cli(&t.root, &["run", "z.ml", "--tz", "Asia/Tokyo"], &[]);
    assert_eq!(
        (utc.as_str(), tokyo.as_str()),
        ("1970-01-01T00:00:00\n", "1970-01-01T09:00:00\n")
    );
    let (code, _, err) = cli(&t.root, &["run", "z.ml", "--tz", "Mars/Olympus"], &[]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = cli(&t.root, &["run", "z.ml", "--allow", "file.nuke"], &[]);
    assert_eq!(code, 2, "{err}");
}
