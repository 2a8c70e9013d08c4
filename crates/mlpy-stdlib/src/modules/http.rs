//! `http` (stdlib.md §13): a blocking HTTP client (ureq) that reaches only granted hosts,
//! plus URL/query encoding helpers.
//!
//! Invariants: every request checks `network.http` against the URL host (and port) before
//! connecting, and again for every redirect hop (redirects are followed here, not by ureq, so
//! a redirect cannot leave the granted hosts); response bodies are read up to
//! `MAX_RESPONSE_SIZE` bytes and checked against the heap budget before they become strings;
//! 4xx/5xx statuses are responses, not errors; requests never wait past the run's deadline.
//! HTTPS uses rustls with the webpki root certificates.

use super::access::{add_qualified, check, check_port, host_ref, method_arity, str_arg, Target};
use super::support::{arity, def, opt};
use mlpy_vm::heap::HostObject;
use mlpy_vm::native::Member;
use mlpy_vm::{ConstValue, ErrorKind, NativeCtx, NativeRegistry, RtError, RtResult, Value};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::any::Any;
use std::io::Read;
use std::time::Duration;

const DEFAULT_TIMEOUT: i64 = 30;
const MAX_RESPONSE_SIZE: i64 = 10_485_760;
const MAX_REDIRECTS: usize = 10;

pub(crate) fn install(reg: &mut NativeRegistry) {
    add_qualified(
        reg,
        "http",
        "HTTP client (granted hosts only) and URL helpers",
        &[
            def("http.get", get, &[], "GET request"),
            def("http.post", post, &[], "POST request"),
            def("http.put", put, &[], "PUT request"),
            def("http.patch", patch, &[], "PATCH request"),
            def("http.delete", delete, &[], "DELETE request"),
            def("http.head", head, &[], "HEAD request"),
            def(
                "http.request",
                request,
                &[],
                "Request with method, url, headers, body",
            ),
            def(
                "http.encodeURI",
                encode_uri,
                &[],
                "Percent-encode a URL path",
            ),
            def("http.decodeURI", decode_uri, &[], "Percent-decode text"),
            def(
                "http.encodeQuery",
                encode_query,
                &[],
                "Encode an object as a query string",
            ),
            def(
                "http.parseQuery",
                parse_query,
                &[],
                "Parse a query string into an object",
            ),
        ],
    );
    reg.add_module_const("http", "DEFAULT_TIMEOUT", ConstValue::Int(DEFAULT_TIMEOUT));
    reg.add_module_const(
        "http",
        "MAX_RESPONSE_SIZE",
        ConstValue::Int(MAX_RESPONSE_SIZE),
    );
    for d in [
        def("status", status, &[], "Status code"),
        def("statusText", status_text, &[], "Status reason phrase"),
        def("headers", headers, &[], "Response headers as an object"),
        def("body", body, &[], "Body text"),
        def("text", body, &[], "Body text"),
        def("ok", ok, &[], "True for 2xx statuses"),
        def("json", json, &[], "Body parsed as JSON"),
    ] {
        reg.add_method("HttpResponse", d.name, d);
    }
}

/// A received response.
struct HttpResponse {
    status: u16,
    status_text: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl HostObject for HttpResponse {
    fn class_name(&self) -> &str {
        "HttpResponse"
    }
    fn heap_size(&self) -> usize {
        self.body.len()
            + self.status_text.len()
            + self
                .headers
                .iter()
                .map(|(k, v)| k.len() + v.len() + 48)
                .sum::<usize>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// What one request sends.
struct Outgoing {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    timeout: Duration,
}

/// Calls a member function of a native module (`json.parse`, `json.stringify`).
fn call_module_fn(
    ctx: &mut NativeCtx<'_>,
    module: &str,
    member: &str,
    arg: Value,
) -> RtResult<Value> {
    let id = ctx.registry().module(module).and_then(|m| {
        m.members.iter().find_map(|(n, m)| match m {
            Member::Native(id) if n == member => Some(*id),
            _ => None,
        })
    });
    match id {
        Some(id) => ctx.call(Value::Native(id), &[arg]),
        None => Err(RtError::runtime_error(format!(
            "module '{module}' has no function '{member}'"
        ))),
    }
}

fn headers_arg(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Vec<(String, String)>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Object(g) => {
            let entries: Vec<(Value, Value)> = ctx.heap_ref().object(g).iter().collect();
            ctx.charge(entries.len() as u64)?;
            entries
                .into_iter()
                .map(|(k, v)| Ok((ctx.display(k)?, ctx.display(v)?)))
                .collect()
        }
        other => Err(RtError::type_error(format!(
            "headers must be an object, not '{}'",
            other.type_name(ctx.heap_ref())
        ))),
    }
}

fn timeout_arg(ctx: &NativeCtx<'_>, v: Value) -> RtResult<Duration> {
    let secs = match v {
        Value::Null => DEFAULT_TIMEOUT as f64,
        v => super::support::float_arg(ctx.heap_ref(), v)?,
    };
    if secs.is_nan() || secs <= 0.0 {
        return Err(RtError::value_error("timeout must be a positive number"));
    }
    Ok(Duration::try_from_secs_f64(secs).unwrap_or(Duration::from_secs(DEFAULT_TIMEOUT as u64)))
}

fn body_arg(ctx: &mut NativeCtx<'_>, v: Value) -> RtResult<Option<Vec<u8>>> {
    match v {
        Value::Null => Ok(None),
        v => {
            if let Some(s) = ctx.str_of(v) {
                return Ok(Some(s.as_bytes().to_vec()));
            }
            let text = call_module_fn(ctx, "json", "stringify", v)?;
            Ok(Some(
                ctx.str_of(text).unwrap_or_default().as_bytes().to_vec(),
            ))
        }
    }
}

/// `host[:port]` of a URL with a scheme and host; `ValueError` "Invalid URL" otherwise.
fn url_target(raw: &str) -> RtResult<(url::Url, String)> {
    let invalid = || RtError::value_error(format!("Invalid URL: {raw}"));
    let url = url::Url::parse(raw).map_err(|_| invalid())?;
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(invalid)?;
    let target = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    };
    Ok((url, target))
}

/// Sends `out`, following redirects after checking each new host.
fn send(ctx: &mut NativeCtx<'_>, func: &str, mut out: Outgoing) -> RtResult<Value> {
    let (mut url, target) = url_target(&out.url)?;
    check(ctx, func, "network.http", &Target::Host(&target))?;
    check_port(ctx, func, &target, url.port_or_known_default())?;
    // Never wait past the run's own time limit (the VM reports `Timeout` right after).
    let timeout = match ctx.host_data::<crate::host::Deadline>() {
        Some(d) => out
            .timeout
            .min(d.0.saturating_duration_since(std::time::Instant::now()))
            .max(Duration::from_millis(1)),
        None => out.timeout,
    };
    let agent = ureq::AgentBuilder::new()
        .timeout(timeout)
        .redirects(0)
        .build();
    let mut hops = 0;
    loop {
        ctx.charge(100 + out.body.as_ref().map_or(0, |b| b.len() as u64 / 64))?;
        let mut req = agent.request(&out.method, url.as_str());
        let mut has_agent = false;
        for (k, v) in &out.headers {
            has_agent |= k.eq_ignore_ascii_case("user-agent");
            req = req.set(k, v);
        }
        if !has_agent {
            req = req.set("User-Agent", "ML-HTTP-Client/1.0");
        }
        let result = match &out.body {
            Some(b) => req.send_bytes(b),
            None => req.call(),
        };
        let resp = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                // A request cut short by the run's deadline is the run's Timeout.
                if ctx
                    .host_data::<crate::host::Deadline>()
                    .is_some_and(|d| std::time::Instant::now() >= d.0)
                {
                    return Err(RtError::new(ErrorKind::Timeout, "time limit exceeded"));
                }
                return Err(RtError::runtime_error(match t.kind() {
                    ureq::ErrorKind::Dns
                    | ureq::ErrorKind::ConnectionFailed
                    | ureq::ErrorKind::Io
                    | ureq::ErrorKind::ProxyConnect => format!("Network error: {t}"),
                    _ => format!("Request failed: {t}"),
                }));
            }
        };
        let code = resp.status();
        if (300..400).contains(&code) && code != 304 {
            if let Some(loc) = resp.header("location") {
                hops += 1;
                if hops > MAX_REDIRECTS {
                    return Err(RtError::runtime_error("Request failed: too many redirects"));
                }
                let next = url.join(loc).map_err(|_| {
                    RtError::runtime_error(format!("Request failed: bad redirect to {loc}"))
                })?;
                let (next, target) = url_target(next.as_str())?;
                check(ctx, func, "network.http", &Target::Host(&target))?;
                check_port(ctx, func, &target, next.port_or_known_default())?;
                if matches!(code, 301..=303) && out.method != "HEAD" {
                    out.method = "GET".to_string();
                    out.body = None;
                }
                url = next;
                continue;
            }
        }
        return response_value(ctx, resp);
    }
}

/// `content-type` → `Content-Type` (ureq reports lowercase names; most servers and Python's
/// `http.client` show them in this form).
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn response_value(ctx: &mut NativeCtx<'_>, resp: ureq::Response) -> RtResult<Value> {
    let status = resp.status();
    let status_text = resp.status_text().to_string();
    let headers: Vec<(String, String)> = resp
        .headers_names()
        .into_iter()
        .filter_map(|n| resp.header(&n).map(|v| (title_case(&n), v.to_string())))
        .collect();
    let mut bytes = Vec::new();
    resp.into_reader()
        .take(MAX_RESPONSE_SIZE as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| RtError::runtime_error(format!("Network error: {e}")))?;
    ctx.heap_ref().check(bytes.len())?;
    ctx.charge(1 + bytes.len() as u64 / 64)?;
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Ok(ctx.heap().alloc_host(Box::new(HttpResponse {
        status,
        status_text,
        headers,
        body,
    }))?)
}

/// `get/delete/head(url, headers = null, timeout = null)`.
fn simple(ctx: &mut NativeCtx<'_>, func: &str, method: &str, args: &[Value]) -> RtResult<Value> {
    arity(func, args, 1, 3)?;
    let url = str_arg(ctx, func, 1, args[0])?;
    let headers = headers_arg(ctx, opt(args, 1))?;
    let timeout = timeout_arg(ctx, opt(args, 2))?;
    send(
        ctx,
        func,
        Outgoing {
            method: method.to_string(),
            url,
            headers,
            body: None,
            timeout,
        },
    )
}

/// The `options` argument of `func`: an object (or `Null` where `null_ok`), else a TypeError.
fn options_arg(ctx: &NativeCtx<'_>, func: &str, options: Value, null_ok: bool) -> RtResult<Value> {
    match options {
        Value::Object(_) => Ok(options),
        Value::Null if null_ok => Ok(options),
        _ => Err(RtError::type_error(format!(
            "{func}() options must be an object, not '{}'",
            options.type_name(ctx.heap_ref())
        ))),
    }
}

/// Sends `method url` with the `headers`, `timeout` and `body` of `options` (an object or
/// `Null`), read in that order.
fn send_with_options(
    ctx: &mut NativeCtx<'_>,
    func: &str,
    method: String,
    url: String,
    options: Value,
) -> RtResult<Value> {
    let headers = headers_arg(ctx, option_of(ctx, options, "headers"))?;
    let timeout = timeout_arg(ctx, option_of(ctx, options, "timeout"))?;
    let body = body_arg(ctx, option_of(ctx, options, "body"))?;
    send(
        ctx,
        func,
        Outgoing {
            method,
            url,
            headers,
            body,
            timeout,
        },
    )
}

fn option_of(ctx: &NativeCtx<'_>, options: Value, key: &str) -> Value {
    match options {
        Value::Object(g) => ctx.heap_ref().object_get_str(g, key).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// `post/put/patch(url, options = null)`.
fn with_body(ctx: &mut NativeCtx<'_>, func: &str, method: &str, args: &[Value]) -> RtResult<Value> {
    arity(func, args, 1, 2)?;
    let url = str_arg(ctx, func, 1, args[0])?;
    let options = options_arg(ctx, func, opt(args, 1), true)?;
    send_with_options(ctx, func, method.to_string(), url, options)
}

fn get(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    simple(ctx, "http.get", "GET", args)
}

fn delete(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    simple(ctx, "http.delete", "DELETE", args)
}

fn head(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    simple(ctx, "http.head", "HEAD", args)
}

fn post(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_body(ctx, "http.post", "POST", args)
}

fn put(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_body(ctx, "http.put", "PUT", args)
}

fn patch(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    with_body(ctx, "http.patch", "PATCH", args)
}

fn request(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "http.request";
    arity(func, args, 1, 1)?;
    let options = options_arg(ctx, func, args[0], false)?;
    let url_value = option_of(ctx, options, "url");
    let url = match ctx.str_of(url_value) {
        Some(u) => u.to_string(),
        None => {
            return Err(RtError::value_error(format!(
                "Invalid URL: {}",
                ctx.display(url_value)?
            )))
        }
    };
    let method = match option_of(ctx, options, "method") {
        Value::Null => "GET".to_string(),
        v => ctx.display(v)?.to_ascii_uppercase(),
    };
    send_with_options(ctx, func, method, url, options)
}

// ---- URL helpers --------------------------------------------------------------------------

/// Python `quote(text, safe="/")`: everything but `A–Z a–z 0–9 _ . - ~ /` is escaped.
const URI_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'/');

/// Python `quote_plus(text)` before spaces become `+`.
const QUERY_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~');

fn one_text(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<String> {
    arity(func, args, 1, 1)?;
    let s = str_arg(ctx, func, 1, args[0])?;
    ctx.heap_ref().check(s.len() * 3)?;
    ctx.charge(1 + s.len() as u64 / 16)?;
    Ok(s)
}

fn encode_uri(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_text(ctx, "encodeURI", args)?;
    let out = utf8_percent_encode(&s, URI_KEEP).to_string();
    Ok(ctx.heap().alloc_string(out)?)
}

fn decode_uri(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_text(ctx, "decodeURI", args)?;
    let out = percent_decode_str(&s).decode_utf8_lossy().into_owned();
    Ok(ctx.heap().alloc_string(out)?)
}

fn quote_plus(s: &str) -> String {
    utf8_percent_encode(s, QUERY_KEEP)
        .to_string()
        .replace("%20", "+")
}

fn encode_query(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("encodeQuery", args, 1, 1)?;
    let Value::Object(g) = args[0] else {
        return Err(RtError::type_error(format!(
            "encodeQuery() argument must be an object, not '{}'",
            args[0].type_name(ctx.heap_ref())
        )));
    };
    let entries: Vec<(Value, Value)> = ctx.heap_ref().object(g).iter().collect();
    ctx.charge(1 + entries.len() as u64)?;
    let mut parts = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let k = ctx.display(k)?;
        let v = ctx.display(v)?;
        ctx.charge((k.len() + v.len()) as u64 / 16)?;
        parts.push(format!("{}={}", quote_plus(&k), quote_plus(&v)));
    }
    let out = parts.join("&");
    ctx.heap_ref().check(out.len())?;
    Ok(ctx.heap().alloc_string(out)?)
}

/// Python `parse_qs`: `+` is a space, blank values are dropped, repeated keys collect values.
fn parse_query_pairs(text: &str) -> Vec<(String, Vec<String>)> {
    let text = text.strip_prefix('?').unwrap_or(text);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for part in text.split('&') {
        let Some((k, v)) = part.split_once('=') else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        let decode = |s: &str| {
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        let (k, v) = (decode(k), decode(v));
        match out.iter_mut().find(|(ek, _)| *ek == k) {
            Some((_, vs)) => vs.push(v),
            None => out.push((k, vec![v])),
        }
    }
    out
}

fn parse_query(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let s = one_text(ctx, "parseQuery", args)?;
    let pairs = parse_query_pairs(&s);
    super::support::reserve(ctx, pairs.len() * 3)?;
    let mut kv = Vec::with_capacity(pairs.len());
    for (k, vs) in pairs {
        let key = ctx.heap().alloc_string(k)?;
        ctx.keep(key);
        let value = if vs.len() == 1 {
            ctx.heap().alloc_str(&vs[0])?
        } else {
            let mut items = Vec::with_capacity(vs.len());
            for v in &vs {
                let item = ctx.heap().alloc_str(v)?;
                ctx.keep(item);
                items.push(item);
            }
            ctx.heap().alloc_array(items)?
        };
        ctx.keep(value);
        kv.push((key, value));
    }
    mlpy_vm::methods::object_from_pairs(ctx.heap(), &kv)
}

// ---- HttpResponse -------------------------------------------------------------------------

fn response<'h>(ctx: &'h NativeCtx<'_>, args: &[Value]) -> RtResult<&'h HttpResponse> {
    host_ref::<HttpResponse>(ctx.heap_ref(), "HttpResponse", args[0])
}

fn status(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("status", args, 0, 0)?;
    Ok(Value::Int(i64::from(response(ctx, args)?.status)))
}

fn status_text(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("statusText", args, 0, 0)?;
    let t = response(ctx, args)?.status_text.clone();
    Ok(ctx.heap().alloc_string(t)?)
}

fn headers(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("headers", args, 0, 0)?;
    let hs = response(ctx, args)?.headers.clone();
    super::support::reserve(ctx, hs.len() * 3)?;
    let mut kv = Vec::with_capacity(hs.len());
    for (k, v) in hs {
        let k = ctx.heap().alloc_string(k)?;
        ctx.keep(k);
        let v = ctx.heap().alloc_string(v)?;
        ctx.keep(v);
        kv.push((k, v));
    }
    mlpy_vm::methods::object_from_pairs(ctx.heap(), &kv)
}

fn body(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("body", args, 0, 0)?;
    let len = response(ctx, args)?.body.len();
    ctx.heap_ref().check(len)?;
    ctx.charge(1 + len as u64 / 64)?;
    let b = response(ctx, args)?.body.clone();
    Ok(ctx.heap().alloc_string(b)?)
}

fn ok(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    method_arity("ok", args, 0, 0)?;
    Ok(Value::Bool(
        (200..300).contains(&response(ctx, args)?.status),
    ))
}

fn json(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let text = body(ctx, args)?;
    ctx.keep(text);
    call_module_fn(ctx, "json", "parse", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_quoting() {
        assert_eq!(quote_plus("a b&c=d/é~*"), "a+b%26c%3Dd%2F%C3%A9~%2A");
        assert_eq!(
            utf8_percent_encode("/a b/ü?x", URI_KEEP).to_string(),
            "/a%20b/%C3%BC%3Fx"
        );
        assert_eq!(
            parse_query_pairs("?a=1&b=&a=2&c=x+y%21&d"),
            vec![
                ("a".to_string(), vec!["1".to_string(), "2".to_string()]),
                ("c".to_string(), vec!["x y!".to_string()])
            ]
        );
        assert!(url_target("example.com/x").is_err());
        assert_eq!(title_case("content-type"), "Content-Type");
        assert_eq!(title_case("x-request-ID"), "X-Request-Id");
        assert_eq!(
            url_target("http://h.example:81/p").unwrap().1,
            "h.example:81"
        );
    }
}
