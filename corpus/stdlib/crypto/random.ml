// OS randomness (crypto.random, an ambient name granted by default): shapes, not values.
import crypto;
function only(text, allowed) { for (c in text) { if (allowed.indexOf(c) < 0) { return false; } } return true; }
u = crypto.uuid();
print(len(u), u[14], u != crypto.uuid()); // expect: 36 4 true
b = crypto.random_bytes(16);
print(len(b), typeof(b), len(crypto.random_bytes(0))); // expect: 16 unknown 0
h = crypto.random_hex(8);
print(len(h), only(h, "0123456789abcdef")); // expect: 16 true
s = crypto.random_string(40);
print(len(s), only(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"), crypto.random_string(0) == ""); // expect: 40 true true
ok = true;
for (i in range(200)) { v = crypto.random_int(-2, 2); if (v < -2 || v > 2) { ok = false; } }
print(ok, crypto.random_int(7, 7)); // expect: true 7
f = crypto.random_float();
print(f >= 0 && f < 1, typeof(f)); // expect: true number
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => crypto.random_bytes(-1)); // expect: ValueError: negative argument not allowed
show(fn() => crypto.random_int(3, 1)); // expect: ValueError: Upper bound must be positive.
print(requiredCapabilities(crypto.uuid), requiredCapabilities(crypto.hash_file)); // expect: ['crypto.random'] ['crypto.hash', 'file.read']
