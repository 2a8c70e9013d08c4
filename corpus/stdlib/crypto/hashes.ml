// Digests, HMAC, constant-time comparison and UUID v5 (crypto.hash, granted by default).
import crypto;
print(crypto.sha256("abc")); // expect: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
print(crypto.sha256("abc", "salt")); // expect: 3681099918be28c95b81e27e7e5c2e4c6a6dea566d2d10e7f49139ebb779eb6f
print(crypto.sha1("abc"), crypto.md5("abc")); // expect: a9993e364706816aba3e25717850c26c9cd0d89d 900150983cd24fb0d6963f7d28e17f72
print(crypto.sha256("é")); // expect: 4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c
print(crypto.hmac("msg", "key")); // expect: 2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628
print(crypto.hmac("msg", "key", "md5")); // expect: 18e3548c59ad40dd03907b7aeee71d67
print(crypto.hmac("msg", "key", "SHA512")); // expect: 1e4b55b925ccc28ed90d9d18fc2393fcbe164c0d84e67e173cc5aa486b7afc106633c66bdc309076f5f8d9fdbbb62456f894f2c23377fbcc12f4ab2940eb6d70
sig = crypto.hmac("msg", "key");
print(crypto.verify_hmac("msg", sig, "key"), crypto.verify_hmac("msg2", sig, "key"), crypto.verify_hmac("msg", sig, "key", "sha1")); // expect: true false false
print(crypto.compare_hash("abc", "abc"), crypto.compare_hash("abc", "abd"), crypto.compare_hash("abc", "ab")); // expect: true false false
print(crypto.uuid_from_string("python.org"), crypto.uuid_from_string("x", "6ba7b811-9dad-11d1-80b4-00c04fd430c8")); // expect: 886313e1-3b8a-5372-9b90-0c9aee199e5d 4cd605e7-afa2-5360-b5b9-c5e9fb5c76f4
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => crypto.hmac("m", "k", "whirlpool")); // expect: ValueError: Unsupported hash algorithm: whirlpool
show(fn() => crypto.uuid_from_string("x", "not-a-uuid")); // expect: ValueError: badly formed hexadecimal UUID string
show(fn() => crypto.sha256(42)); // expect: TypeError: sha256() argument 1 must be str, not int
show(fn() => crypto.md5()); // expect: TypeError: md5() takes at least 1 argument (0 given)
