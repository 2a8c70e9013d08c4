// allow: file.read:corpus/stdlib/_data.txt
import crypto;
f = "corpus/stdlib/_data.txt";
print(crypto.hash_file(f)); // expect: c2097f55f01fc297fc7f4acf21438123e06e4d409a818524428534e850642f4f
print(crypto.hash_file(f, "sha224")); // expect: 3f88ae954b97f9e4f34d9c95678dc647ed1544b929be59489941330a
print(crypto.hash_file(f, "sha384")); // expect: b801cae83c8cc03848f3c800d956375ddf585d717a47038b0f7275b8cb4a542374b332c19e7113ddfcfa465b7dc5a938
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => crypto.hash_file(f, "crc32")); // expect: ValueError: Unsupported hash algorithm: crc32
try { crypto.hash_file("corpus/stdlib/crypto/hash_file.ml"); } except (e) { print(e.type); } // expect: CapabilityError
