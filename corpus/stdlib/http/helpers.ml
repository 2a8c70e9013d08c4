// URL helpers need no capability (Python quote / quote_plus / parse_qs rules).
import http;
print(http.encodeURI("/path with space/é?x=1"), http.encodeURI("a_b.c-d~e")); // expect: /path%20with%20space/%C3%A9%3Fx%3D1 a_b.c-d~e
print(http.decodeURI("%C3%A9t%C3%A9%20x%2"), http.decodeURI("a+b")); // expect: été x%2 a+b
print(http.encodeQuery({q: "a b&c", n: 1, ok: true, none: null, path: "/x"})); // expect: q=a+b%26c&n=1&ok=True&none=None&path=%2Fx
print(http.parseQuery("?a=1&b=x+y%21&a=2&blank=&flag"), http.parseQuery("")); // expect: {'a': ['1', '2'], 'b': 'x y!'} {}
print(http.DEFAULT_TIMEOUT, http.MAX_RESPONSE_SIZE); // expect: 30 10485760
try { http.encodeQuery([1]); } except (e) { print(e.type); } // expect: TypeError
