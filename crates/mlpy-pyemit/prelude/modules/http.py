# requires: sysaccess
# `http` (stdlib.md §13) for the Python backend: urllib with redirects followed here so every hop
# is checked against the baked `network.http` host patterns (crates/mlpy-stdlib/src/modules/http.rs).
import urllib.request as __ml_urlreq
import urllib.parse as __ml_urlparse
import urllib.error as __ml_urlerr
import json as __ml_http_json

__ml_HTTP_TIMEOUT = 30
__ml_HTTP_MAX = 10485760


class __MLHttpResponse(__MLNative):
    __slots__ = ("code", "reason", "hdrs", "text")
    _ml_class = "HttpResponse"


class __MLHttpNoRedirect(__ml_urlreq.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def __ml_http_title(name):
    return "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))


def __ml_http_target(url):
    try:
        parts = __ml_urlparse.urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        host = None
    if not parts.scheme or not host:
        raise __MLError("ValueError", "Invalid URL: " + url)
    return host + (":" + str(port) if port is not None else "")


def __ml_http_headers(v):
    if v is None:
        return []
    if type(v) is not dict:
        raise __MLError("TypeError", "headers must be an object, not '" + __ml_tname(v) + "'")
    return [(__ml_display(k), __ml_display(x)) for k, x in v.items()]


def __ml_http_timeout(v):
    if v is None:
        return float(__ml_HTTP_TIMEOUT)
    if type(v) not in (int, float, bool):
        raise __MLError("TypeError", "must be real number, not " + __ml_tname(v))
    if not v > 0:
        raise __MLError("ValueError", "timeout must be a positive number")
    return float(v)


def __ml_http_body(v):
    if v is None:
        return None
    if type(v) is str:
        return v.encode("utf-8")
    try:
        return __ml_http_json.dumps(v).encode("utf-8")
    except (TypeError, ValueError) as e:
        raise __MLError("ValueError", "JSON serialization failed: " + str(e))


def __ml_http_send(func, method, url, headers, body, timeout):
    __ml_sa_check(func, "network.http", __ml_http_target(url), "host")
    opener = __ml_urlreq.build_opener(__MLHttpNoRedirect)
    hops = 0
    while True:
        req = __ml_urlreq.Request(url, data=body, method=method)
        agent = False
        for k, v in headers:
            agent = agent or k.lower() == "user-agent"
            req.add_header(k, v)
        if not agent:
            req.add_header("User-Agent", "ML-HTTP-Client/1.0")
        try:
            resp = opener.open(req, timeout=timeout)
        except __ml_urlerr.HTTPError as e:
            resp = e
        except __ml_urlerr.URLError as e:
            raise __MLError("RuntimeError", "Network error: " + str(e.reason))
        except OSError as e:
            raise __MLError("RuntimeError", "Network error: " + str(e))
        except Exception as e:
            raise __MLError("RuntimeError", "Request failed: " + str(e))
        code = resp.getcode() if hasattr(resp, "getcode") else resp.code
        loc = resp.headers.get("Location") if resp.headers is not None else None
        if 300 <= code < 400 and code != 304 and loc:
            hops += 1
            if hops > 10:
                raise __MLError("RuntimeError", "Request failed: too many redirects")
            url = __ml_urlparse.urljoin(url, loc)
            __ml_sa_check(func, "network.http", __ml_http_target(url), "host")
            if code in (301, 302, 303) and method != "HEAD":
                method = "GET"
                body = None
            continue
        try:
            data = resp.read(__ml_HTTP_MAX)
        except OSError as e:
            raise __MLError("RuntimeError", "Network error: " + str(e))
        r = __MLHttpResponse()
        r.code = code
        r.reason = resp.reason if resp.reason is not None else ""
        r.hdrs = [(__ml_http_title(k), v) for k, v in resp.headers.items()] if resp.headers is not None else []
        r.text = data.decode("utf-8", "replace")
        return r


def __ml_http_simple(func, method, args):
    __ml_arity(func, args, 1, 3)
    url = __ml_sa_str(func, 1, args[0])
    headers = __ml_http_headers(args[1] if __ml_len(args) > 1 else None)
    timeout = __ml_http_timeout(args[2] if __ml_len(args) > 2 else None)
    return __ml_http_send(func, method, url, headers, None, timeout)


def __ml_http_option(options, key):
    return options.get(key) if type(options) is dict else None


def __ml_http_with_body(func, method, args):
    __ml_arity(func, args, 1, 2)
    url = __ml_sa_str(func, 1, args[0])
    options = args[1] if __ml_len(args) > 1 else None
    if options is not None and type(options) is not dict:
        raise __MLError("TypeError", func + "() options must be an object, not '" + __ml_tname(options) + "'")
    headers = __ml_http_headers(__ml_http_option(options, "headers"))
    timeout = __ml_http_timeout(__ml_http_option(options, "timeout"))
    body = __ml_http_body(__ml_http_option(options, "body"))
    return __ml_http_send(func, method, url, headers, body, timeout)


def __ml_http_get(*args):
    return __ml_http_simple("http.get", "GET", args)


def __ml_http_delete(*args):
    return __ml_http_simple("http.delete", "DELETE", args)


def __ml_http_head(*args):
    return __ml_http_simple("http.head", "HEAD", args)


def __ml_http_post(*args):
    return __ml_http_with_body("http.post", "POST", args)


def __ml_http_put(*args):
    return __ml_http_with_body("http.put", "PUT", args)


def __ml_http_patch(*args):
    return __ml_http_with_body("http.patch", "PATCH", args)


def __ml_http_request(*args):
    __ml_arity("http.request", args, 1, 1)
    options = args[0]
    if type(options) is not dict:
        raise __MLError("TypeError", "http.request() options must be an object, not '" + __ml_tname(options) + "'")
    url = options.get("url")
    if type(url) is not str:
        raise __MLError("ValueError", "Invalid URL: " + __ml_display(url))
    method = options.get("method")
    method = "GET" if method is None else __ml_display(method).upper()
    headers = __ml_http_headers(options.get("headers"))
    timeout = __ml_http_timeout(options.get("timeout"))
    body = __ml_http_body(options.get("body"))
    return __ml_http_send("http.request", method, url, headers, body, timeout)


def __ml_http_encode_uri(*args):
    __ml_arity("encodeURI", args, 1, 1)
    return __ml_urlparse.quote(__ml_sa_str("encodeURI", 1, args[0]), safe="/")


def __ml_http_decode_uri(*args):
    __ml_arity("decodeURI", args, 1, 1)
    return __ml_urlparse.unquote(__ml_sa_str("decodeURI", 1, args[0]))


def __ml_http_encode_query(*args):
    __ml_arity("encodeQuery", args, 1, 1)
    o = args[0]
    if type(o) is not dict:
        raise __MLError("TypeError", "encodeQuery() argument must be an object, not '" + __ml_tname(o) + "'")
    return __ml_urlparse.urlencode([(__ml_display(k), __ml_display(v)) for k, v in o.items()])


def __ml_http_parse_query(*args):
    __ml_arity("parseQuery", args, 1, 1)
    text = __ml_sa_str("parseQuery", 1, args[0])
    if text.startswith("?"):
        text = text[1:]
    parsed = __ml_urlparse.parse_qs(text)
    return {k: (v[0] if __ml_len(v) == 1 else v) for k, v in parsed.items()}


def __ml_hr_status(self, *args):
    __ml_arity("status", args, 0, 0)
    return self.code


def __ml_hr_status_text(self, *args):
    __ml_arity("statusText", args, 0, 0)
    return self.reason


def __ml_hr_headers(self, *args):
    __ml_arity("headers", args, 0, 0)
    out = {}
    for k, v in self.hdrs:
        out.setdefault(k, v)
    return out


def __ml_hr_body(self, *args):
    __ml_arity("body", args, 0, 0)
    return self.text


def __ml_hr_ok(self, *args):
    __ml_arity("ok", args, 0, 0)
    return 200 <= self.code < 300


def __ml_hr_json(self, *args):
    __ml_arity("json", args, 0, 0)
    try:
        return __ml_http_json.loads(self.text)
    except ValueError as e:
        raise __MLError("ValueError", "JSON parsing failed: " + str(e))


__MLHttpResponse._ml_methods = {
    "status": __ml_hr_status, "statusText": __ml_hr_status_text, "headers": __ml_hr_headers,
    "body": __ml_hr_body, "text": __ml_hr_body, "ok": __ml_hr_ok, "json": __ml_hr_json,
}
__MLHttpResponse._ml_props = {}

__ml_module_http = __MLModule("http", {
    "get": __ml_sa_fn(__ml_http_get, "http.get", ["network.http"], "GET request"),
    "post": __ml_sa_fn(__ml_http_post, "http.post", ["network.http"], "POST request"),
    "put": __ml_sa_fn(__ml_http_put, "http.put", ["network.http"], "PUT request"),
    "patch": __ml_sa_fn(__ml_http_patch, "http.patch", ["network.http"], "PATCH request"),
    "delete": __ml_sa_fn(__ml_http_delete, "http.delete", ["network.http"], "DELETE request"),
    "head": __ml_sa_fn(__ml_http_head, "http.head", ["network.http"], "HEAD request"),
    "request": __ml_sa_fn(__ml_http_request, "http.request", ["network.http"], "Request with method, url, headers, body"),
    "encodeURI": __ml_sa_fn(__ml_http_encode_uri, "http.encodeURI", [], "Percent-encode a URL path"),
    "decodeURI": __ml_sa_fn(__ml_http_decode_uri, "http.decodeURI", [], "Percent-decode text"),
    "encodeQuery": __ml_sa_fn(__ml_http_encode_query, "http.encodeQuery", [], "Encode an object as a query string"),
    "parseQuery": __ml_sa_fn(__ml_http_parse_query, "http.parseQuery", [], "Parse a query string into an object"),
    "DEFAULT_TIMEOUT": __ml_HTTP_TIMEOUT,
    "MAX_RESPONSE_SIZE": __ml_HTTP_MAX,
}, "HTTP client (granted hosts only) and URL helpers")
__ml_modules["http"] = __ml_module_http
