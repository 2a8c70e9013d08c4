# requires: sysaccess
# `crypto` (stdlib.md §16) for the Python backend: hashlib/hmac/uuid/secrets with the VM's
# messages (crates/mlpy-stdlib/src/modules/crypto.rs).
import hashlib as __ml_hashlib
import hmac as __ml_hmac
import uuid as __ml_uuid
import secrets as __ml_secrets

__ml_CRYPTO_ALGOS = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")


def __ml_crypto_algo(func, args, i):
    a = __ml_sa_opt_str(func, args, i)
    a = "sha256" if a is None else a
    if a.lower() not in __ml_CRYPTO_ALGOS:
        raise __MLError("ValueError", "Unsupported hash algorithm: " + a)
    return a.lower()


def __ml_crypto_salted(func, algo, args):
    __ml_arity(func, args, 1, 2)
    data = __ml_sa_str(func, 1, args[0])
    salt = __ml_sa_opt_str(func, args, 1) or ""
    return __ml_hashlib.new(algo, (salt + data).encode("utf-8")).hexdigest()


def __ml_crypto_sha256(*args):
    return __ml_crypto_salted("sha256", "sha256", args)


def __ml_crypto_sha1(*args):
    return __ml_crypto_salted("sha1", "sha1", args)


def __ml_crypto_md5(*args):
    return __ml_crypto_salted("md5", "md5", args)


def __ml_crypto_hash_file(*args):
    __ml_arity("crypto.hash_file", args, 1, 2)
    path = __ml_sa_canonical(__ml_sa_str("crypto.hash_file", 1, args[0]))
    __ml_sa_check("crypto.hash_file", "crypto.hash")
    algo = __ml_crypto_algo("crypto.hash_file", args, 1)
    data = __ml_sa_read_bytes("crypto.hash_file", "file.read", path)
    return __ml_hashlib.new(algo, data).hexdigest()


def __ml_crypto_hmac(*args):
    __ml_arity("hmac", args, 2, 3)
    msg = __ml_sa_str("hmac", 1, args[0])
    key = __ml_sa_str("hmac", 2, args[1])
    algo = __ml_crypto_algo("hmac", args, 2)
    return __ml_hmac.new(key.encode("utf-8"), msg.encode("utf-8"), algo).hexdigest()


def __ml_crypto_verify_hmac(*args):
    __ml_arity("verify_hmac", args, 3, 4)
    msg = __ml_sa_str("verify_hmac", 1, args[0])
    sig = __ml_sa_str("verify_hmac", 2, args[1])
    key = __ml_sa_str("verify_hmac", 3, args[2])
    algo = __ml_crypto_algo("verify_hmac", args, 3)
    mac = __ml_hmac.new(key.encode("utf-8"), msg.encode("utf-8"), algo).hexdigest()
    return __ml_hmac.compare_digest(mac.encode("utf-8"), sig.encode("utf-8"))


def __ml_crypto_compare_hash(*args):
    __ml_arity("compare_hash", args, 2, 2)
    a = __ml_sa_str("compare_hash", 1, args[0])
    b = __ml_sa_str("compare_hash", 2, args[1])
    return __ml_hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def __ml_crypto_uuid_from_string(*args):
    __ml_arity("uuid_from_string", args, 1, 2)
    data = __ml_sa_str("uuid_from_string", 1, args[0])
    ns = __ml_sa_opt_str("uuid_from_string", args, 1)
    try:
        namespace = __ml_uuid.NAMESPACE_DNS if ns is None else __ml_uuid.UUID(ns)
    except ValueError:
        raise __MLError("ValueError", "badly formed hexadecimal UUID string")
    return str(__ml_uuid.uuid5(namespace, data))


def __ml_crypto_uuid(*args):
    __ml_arity("uuid", args, 0, 0)
    return str(__ml_uuid.uuid4())


def __ml_crypto_count(func, args):
    __ml_arity(func, args, 1, 1)
    n = args[0]
    if type(n) is not int and type(n) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(n) + "' object cannot be interpreted as an integer")
    if n < 0:
        raise __MLError("ValueError", "negative argument not allowed")
    return int(n)


def __ml_crypto_random_bytes(*args):
    return __ml_secrets.token_bytes(__ml_crypto_count("random_bytes", args))


def __ml_crypto_random_hex(*args):
    return __ml_secrets.token_hex(__ml_crypto_count("random_hex", args))


__ml_CRYPTO_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def __ml_crypto_random_string(*args):
    __ml_arity("random_string", args, 1, 1)
    n = args[0]
    if type(n) is not int and type(n) is not bool:
        raise __MLError("TypeError", "'" + __ml_tname(n) + "' object cannot be interpreted as an integer")
    return "".join(__ml_secrets.choice(__ml_CRYPTO_ALPHABET) for _ in range(max(int(n), 0)))


def __ml_crypto_random_int(*args):
    __ml_arity("random_int", args, 2, 2)
    lo, hi = args
    for v in (lo, hi):
        if type(v) is not int and type(v) is not bool:
            raise __MLError("TypeError", "'" + __ml_tname(v) + "' object cannot be interpreted as an integer")
    if hi < lo:
        raise __MLError("ValueError", "Upper bound must be positive.")
    return lo + __ml_secrets.randbelow(hi - lo + 1)


def __ml_crypto_random_float(*args):
    __ml_arity("random_float", args, 0, 0)
    return __ml_secrets.randbits(32) / 4294967296.0


__ml_module_crypto = __MLModule("crypto", {
    "sha256": __ml_sa_fn(__ml_crypto_sha256, "crypto.sha256", ["crypto.hash"], "SHA-256 hex digest of salt + data"),
    "sha1": __ml_sa_fn(__ml_crypto_sha1, "crypto.sha1", ["crypto.hash"], "SHA-1 hex digest of salt + data"),
    "md5": __ml_sa_fn(__ml_crypto_md5, "crypto.md5", ["crypto.hash"], "MD5 hex digest of salt + data"),
    "hash_file": __ml_sa_fn(__ml_crypto_hash_file, "crypto.hash_file", ["crypto.hash", "file.read"], "Hex digest of a file's bytes"),
    "hmac": __ml_sa_fn(__ml_crypto_hmac, "crypto.hmac", ["crypto.hash"], "Hex HMAC of a message"),
    "verify_hmac": __ml_sa_fn(__ml_crypto_verify_hmac, "crypto.verify_hmac", ["crypto.hash"], "Check an HMAC in constant time"),
    "compare_hash": __ml_sa_fn(__ml_crypto_compare_hash, "crypto.compare_hash", ["crypto.hash"], "Compare two strings in constant time"),
    "uuid_from_string": __ml_sa_fn(__ml_crypto_uuid_from_string, "crypto.uuid_from_string", ["crypto.hash"], "Name-based UUID (v5)"),
    "uuid": __ml_sa_fn(__ml_crypto_uuid, "crypto.uuid", ["crypto.random"], "Random UUID (v4)"),
    "random_bytes": __ml_sa_fn(__ml_crypto_random_bytes, "crypto.random_bytes", ["crypto.random"], "Random bytes"),
    "random_hex": __ml_sa_fn(__ml_crypto_random_hex, "crypto.random_hex", ["crypto.random"], "Random hex string of 2n characters"),
    "random_string": __ml_sa_fn(__ml_crypto_random_string, "crypto.random_string", ["crypto.random"], "Random alphanumeric string"),
    "random_int": __ml_sa_fn(__ml_crypto_random_int, "crypto.random_int", ["crypto.random"], "Random int in [min, max]"),
    "random_float": __ml_sa_fn(__ml_crypto_random_float, "crypto.random_float", ["crypto.random"], "Random float in [0, 1)"),
}, "Hashing, HMAC, UUIDs and secure random values")
__ml_modules["crypto"] = __ml_module_crypto
