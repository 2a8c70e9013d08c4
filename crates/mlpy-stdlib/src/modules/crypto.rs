//! `crypto` (stdlib.md §16): hex digests (md5, sha1, sha2 family), HMAC, constant-time
//! comparison, UUID v5 / v4, and OS randomness.
//!
//! Invariants: hashing charges one fuel tick per 64 input bytes before hashing; comparisons
//! are constant-time (`subtle`, `hmac::verify_slice`); OS randomness comes from `getrandom`
//! and needs the ambient `crypto.random` name (a host may withhold it for deterministic runs).

use super::access::{self, canonical, check, opt_str_arg, str_arg, Target};
use super::support::{arity, def, int_arg};
use hmac::{Hmac, Mac};
use mlpy_vm::{NativeCtx, NativeRegistry, RtError, RtResult, Value};
use sha2::Digest;
use subtle::ConstantTimeEq;

const HASH: &[&str] = &["crypto.hash"];
const RANDOM: &[&str] = &["crypto.random"];

pub(crate) fn install(reg: &mut NativeRegistry) {
    super::access::add_qualified(
        reg,
        "crypto",
        "Hashing, HMAC, UUIDs and secure random values",
        &[
            def(
                "crypto.sha256",
                sha256,
                HASH,
                "SHA-256 hex digest of salt + data",
            ),
            def("crypto.sha1", sha1, HASH, "SHA-1 hex digest of salt + data"),
            def("crypto.md5", md5, HASH, "MD5 hex digest of salt + data"),
            def(
                "crypto.hash_file",
                hash_file,
                &[],
                "Hex digest of a file's bytes",
            ),
            def("crypto.hmac", hmac_fn, HASH, "Hex HMAC of a message"),
            def(
                "crypto.verify_hmac",
                verify_hmac,
                HASH,
                "Check an HMAC in constant time",
            ),
            def(
                "crypto.compare_hash",
                compare_hash,
                HASH,
                "Compare two strings in constant time",
            ),
            def(
                "crypto.uuid_from_string",
                uuid_from_string,
                HASH,
                "Name-based UUID (v5)",
            ),
            def("crypto.uuid", uuid, RANDOM, "Random UUID (v4)"),
            def("crypto.random_bytes", random_bytes, RANDOM, "Random bytes"),
            def(
                "crypto.random_hex",
                random_hex,
                RANDOM,
                "Random hex string of 2n characters",
            ),
            def(
                "crypto.random_string",
                random_string,
                RANDOM,
                "Random alphanumeric string",
            ),
            def(
                "crypto.random_int",
                random_int,
                RANDOM,
                "Random int in [min, max]",
            ),
            def(
                "crypto.random_float",
                random_float,
                RANDOM,
                "Random float in [0, 1)",
            ),
        ],
    );
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Hex digest with a named algorithm; `None` for unsupported names.
fn digest_hex(algorithm: &str, data: &[u8]) -> Option<String> {
    fn run<D: Digest>(data: &[u8]) -> String {
        hex(&D::digest(data))
    }
    Some(match algorithm.to_ascii_lowercase().as_str() {
        "md5" => run::<md5::Md5>(data),
        "sha1" => run::<sha1::Sha1>(data),
        "sha224" => run::<sha2::Sha224>(data),
        "sha256" => run::<sha2::Sha256>(data),
        "sha384" => run::<sha2::Sha384>(data),
        "sha512" => run::<sha2::Sha512>(data),
        _ => return None,
    })
}

fn unsupported(name: &str) -> RtError {
    RtError::value_error(format!("Unsupported hash algorithm: {name}"))
}

fn algorithm_arg(ctx: &NativeCtx<'_>, func: &str, args: &[Value], i: usize) -> RtResult<String> {
    Ok(opt_str_arg(ctx, func, args, i)?.unwrap_or_else(|| "sha256".to_string()))
}

fn salted(ctx: &mut NativeCtx<'_>, func: &str, algorithm: &str, args: &[Value]) -> RtResult<Value> {
    arity(func, args, 1, 2)?;
    let data = str_arg(ctx, func, 1, args[0])?;
    let salt = opt_str_arg(ctx, func, args, 1)?.unwrap_or_default();
    ctx.charge(1 + (salt.len() + data.len()) as u64 / 64)?;
    let text = salt + &data;
    let digest = digest_hex(algorithm, text.as_bytes()).ok_or_else(|| unsupported(algorithm))?;
    Ok(ctx.heap().alloc_string(digest)?)
}

fn sha256(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    salted(ctx, "sha256", "sha256", args)
}

fn sha1(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    salted(ctx, "sha1", "sha1", args)
}

fn md5(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    salted(ctx, "md5", "md5", args)
}

fn hash_file(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let func = "crypto.hash_file";
    arity(func, args, 1, 2)?;
    let raw = str_arg(ctx, func, 1, args[0])?;
    let path = canonical(ctx, &raw)?;
    check(ctx, func, "crypto.hash", &Target::None)?;
    let algorithm = algorithm_arg(ctx, func, args, 1)?;
    if digest_hex(&algorithm, b"").is_none() {
        return Err(unsupported(&algorithm));
    }
    let file = access::open_read(ctx, func, "file.read", &path)?;
    let data = access::read_all(ctx, file, &path)?;
    let digest = digest_hex(&algorithm, &data).ok_or_else(|| unsupported(&algorithm))?;
    Ok(ctx.heap().alloc_string(digest)?)
}

/// HMAC bytes with a named algorithm; `None` for unsupported names.
fn hmac_bytes(algorithm: &str, key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
        let mut mac = <M as Mac>::new_from_slice(key).ok()?;
        mac.update(message);
        Some(mac.finalize().into_bytes().to_vec())
    }
    match algorithm.to_ascii_lowercase().as_str() {
        "md5" => run::<Hmac<md5::Md5>>(key, message),
        "sha1" => run::<Hmac<sha1::Sha1>>(key, message),
        "sha224" => run::<Hmac<sha2::Sha224>>(key, message),
        "sha256" => run::<Hmac<sha2::Sha256>>(key, message),
        "sha384" => run::<Hmac<sha2::Sha384>>(key, message),
        "sha512" => run::<Hmac<sha2::Sha512>>(key, message),
        _ => None,
    }
}

fn hmac_fn(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("hmac", args, 2, 3)?;
    let message = str_arg(ctx, "hmac", 1, args[0])?;
    let key = str_arg(ctx, "hmac", 2, args[1])?;
    let algorithm = algorithm_arg(ctx, "hmac", args, 2)?;
    ctx.charge(1 + (message.len() + key.len()) as u64 / 64)?;
    let mac = hmac_bytes(&algorithm, key.as_bytes(), message.as_bytes())
        .ok_or_else(|| unsupported(&algorithm))?;
    Ok(ctx.heap().alloc_string(hex(&mac))?)
}

fn verify_hmac(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("verify_hmac", args, 3, 4)?;
    let message = str_arg(ctx, "verify_hmac", 1, args[0])?;
    let signature = str_arg(ctx, "verify_hmac", 2, args[1])?;
    let key = str_arg(ctx, "verify_hmac", 3, args[2])?;
    let algorithm = algorithm_arg(ctx, "verify_hmac", args, 3)?;
    ctx.charge(1 + (message.len() + key.len()) as u64 / 64)?;
    let mac = hmac_bytes(&algorithm, key.as_bytes(), message.as_bytes())
        .ok_or_else(|| unsupported(&algorithm))?;
    Ok(Value::Bool(bool::from(
        hex(&mac).as_bytes().ct_eq(signature.as_bytes()),
    )))
}

fn compare_hash(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("compare_hash", args, 2, 2)?;
    let a = str_arg(ctx, "compare_hash", 1, args[0])?;
    let b = str_arg(ctx, "compare_hash", 2, args[1])?;
    ctx.charge(1 + (a.len() + b.len()) as u64 / 64)?;
    Ok(Value::Bool(bool::from(a.as_bytes().ct_eq(b.as_bytes()))))
}

fn uuid_from_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("uuid_from_string", args, 1, 2)?;
    let data = str_arg(ctx, "uuid_from_string", 1, args[0])?;
    ctx.charge(1 + data.len() as u64 / 64)?;
    let namespace = match opt_str_arg(ctx, "uuid_from_string", args, 1)? {
        None => uuid::Uuid::NAMESPACE_DNS,
        Some(text) => uuid::Uuid::parse_str(&text)
            .map_err(|_| RtError::value_error("badly formed hexadecimal UUID string"))?,
    };
    let id = uuid::Uuid::new_v5(&namespace, data.as_bytes());
    Ok(ctx.heap().alloc_string(id.hyphenated().to_string())?)
}

fn os_random(n: usize) -> RtResult<Vec<u8>> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)
        .map_err(|e| RtError::runtime_error(format!("OS randomness unavailable: {e}")))?;
    Ok(buf)
}

fn uuid(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("uuid", args, 0, 0)?;
    ctx.charge(1)?;
    let b = os_random(16)?;
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&b);
    let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
    Ok(ctx.heap().alloc_string(id.hyphenated().to_string())?)
}

/// A non-negative count argument (`ValueError` when negative, as `os.urandom`).
fn count_arg(ctx: &mut NativeCtx<'_>, func: &str, args: &[Value]) -> RtResult<usize> {
    arity(func, args, 1, 1)?;
    let n = int_arg(ctx.heap_ref(), args[0])?.saturating();
    let n =
        usize::try_from(n).map_err(|_| RtError::value_error("negative argument not allowed"))?;
    ctx.heap_ref().check(n.saturating_mul(2))?;
    ctx.charge(1 + n as u64 / 16)?;
    Ok(n)
}

fn random_bytes(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let n = count_arg(ctx, "random_bytes", args)?;
    let b = os_random(n)?;
    Ok(ctx.heap().alloc_bytes(b)?)
}

fn random_hex(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    let n = count_arg(ctx, "random_hex", args)?;
    let b = os_random(n)?;
    Ok(ctx.heap().alloc_string(hex(&b))?)
}

/// A uniform value in `0..bound` (rejection sampling, no modulo bias).
fn below(bound: u128) -> RtResult<u128> {
    let zone = u128::MAX - u128::MAX % bound;
    loop {
        let b = os_random(16)?;
        let mut raw = [0u8; 16];
        raw.copy_from_slice(&b);
        let x = u128::from_le_bytes(raw);
        if x < zone {
            return Ok(x % bound);
        }
    }
}

fn random_string(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    arity("random_string", args, 1, 1)?;
    let n = usize::try_from(int_arg(ctx.heap_ref(), args[0])?.saturating()).unwrap_or(0);
    ctx.heap_ref().check(n)?;
    ctx.charge(1 + n as u64)?;
    let mut s = String::with_capacity(n);
    for _ in 0..n {
        s.push(ALPHABET[below(ALPHABET.len() as u128)? as usize] as char);
    }
    Ok(ctx.heap().alloc_string(s)?)
}

fn random_int(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("random_int", args, 2, 2)?;
    ctx.charge(1)?;
    let lo = int_arg(ctx.heap_ref(), args[0])?.saturating() as i128;
    let hi = int_arg(ctx.heap_ref(), args[1])?.saturating() as i128;
    if hi < lo {
        return Err(RtError::value_error("Upper bound must be positive."));
    }
    let span = (hi - lo + 1) as u128;
    let v = lo + below(span)? as i128;
    Ok(Value::Int(v as i64))
}

fn random_float(ctx: &mut NativeCtx<'_>, args: &[Value]) -> RtResult<Value> {
    arity("random_float", args, 0, 0)?;
    ctx.charge(1)?;
    let k = below(1u128 << 32)?;
    Ok(Value::Float(k as f64 / 4294967296.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            digest_hex("sha256", b"abc").unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            digest_hex("md5", b"").unwrap(),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert!(digest_hex("whirlpool", b"").is_none());
        // RFC 4231 test case 2.
        assert_eq!(
            hex(&hmac_bytes("sha256", b"Jefe", b"what do ya want for nothing?").unwrap()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
