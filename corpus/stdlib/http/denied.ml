// allow: network.http:api.example.com
// Requests reach only granted hosts; the check happens before any connection.
import http;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => http.get("http://127.0.0.1:9/x")); // expect: CapabilityError: http.get() requires capability 'network.http' for '127.0.0.1:9'
show(fn() => http.post("http://evil.example.org/", {body: "x"})); // expect: CapabilityError: http.post() requires capability 'network.http' for 'evil.example.org'
show(fn() => http.put("http://evil.example.org/")); // expect: CapabilityError: http.put() requires capability 'network.http' for 'evil.example.org'
show(fn() => http.patch("http://evil.example.org/")); // expect: CapabilityError: http.patch() requires capability 'network.http' for 'evil.example.org'
show(fn() => http.delete("http://evil.example.org/")); // expect: CapabilityError: http.delete() requires capability 'network.http' for 'evil.example.org'
show(fn() => http.head("http://evil.example.org/")); // expect: CapabilityError: http.head() requires capability 'network.http' for 'evil.example.org'
show(fn() => http.request({url: "http://api.example.com.evil.org/"})); // expect: CapabilityError: http.request() requires capability 'network.http' for 'api.example.com.evil.org'
show(fn() => http.get("not a url")); // expect: ValueError: Invalid URL: not a url
show(fn() => http.request({method: "GET"})); // expect: ValueError: Invalid URL: None
show(fn() => http.get("http://127.0.0.1/", "bad headers")); // expect: TypeError: headers must be an object, not 'str'
print(requiredCapabilities(http.get), requiredCapabilities(http.encodeURI)); // expect: ['network.http'] []
