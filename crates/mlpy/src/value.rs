//! The facade's [`Value`]: an owned ML value detached from any VM heap, so results, globals and
//! host-function arguments outlive the run that produced them and cross threads freely. Converts
//! to and from the VM's values (`from_vm` / `to_vm`), to and from `serde_json::Value`, and to and
//! from any `Serialize` / `Deserialize` type ([`to_value`], [`from_value`]).
//!
//! Invariants:
//! - Conversion out of the VM follows values.md §1: tuples become arrays, object keys that are
//!   not strings become their `str()` text, functions / modules / bytes / stdlib objects become
//!   [`Value::Opaque`] holding their `repr` text (D22 leaves them out of exported globals).
//! - Both directions stop at `max_depth` nesting levels (a self-containing array cannot loop),
//!   which also bounds the recursion here.

use indexmap::IndexMap;
use mlpy_vm::heap::HeapObject;
use mlpy_vm::objmap::ObjMap;
use mlpy_vm::{text, Heap, Value as VmValue};
use num_bigint::BigInt;
use serde::de::{self, DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An owned ML value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    /// An integer outside the i64 range (ML ints are unbounded).
    BigInt(BigInt),
    Float(f64),
    Str(String),
    /// An ML array (tuples also arrive as arrays).
    Array(Vec<Value>),
    /// An ML object, keys in insertion order.
    Object(IndexMap<String, Value>),
    /// A value with no data form (function, module, bytes, stdlib object): its `repr` text.
    /// Passing it back into a run gives that text as a string.
    Opaque(String),
}

/// Why a value could not cross between the host and the VM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// Nested deeper than the data-depth limit (or self-containing).
    TooDeep,
    /// The VM heap budget ran out while building the value.
    Memory,
    /// A serde conversion failed (type mismatch, missing field, ...).
    Serde(String),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::TooDeep => f.write_str("value nested too deep"),
            ConvertError::Memory => f.write_str("memory limit exceeded while converting a value"),
            ConvertError::Serde(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ConvertError {}

impl Value {
    /// The ML type name (`NoneType`, `bool`, `int`, `float`, `str`, `list`, `dict`, `object`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Array(_) => "list",
            Value::Object(_) => "dict",
            Value::Opaque(_) => "object",
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Float(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// Copies a VM value out of `heap`, at most `max_depth` levels deep (an explicit stack, so
    /// no recursion on script data).
    pub(crate) fn from_vm(
        heap: &Heap,
        root: VmValue,
        max_depth: usize,
    ) -> Result<Value, ConvertError> {
        /// A container being copied: its children, their keys (objects), the copies so far.
        struct Frame {
            children: Vec<VmValue>,
            keys: Option<Vec<String>>,
            done: Vec<Value>,
        }
        impl Frame {
            fn finish(self) -> Value {
                match self.keys {
                    Some(keys) => Value::Object(keys.into_iter().zip(self.done).collect()),
                    None => Value::Array(self.done),
                }
            }
        }
        let open = |v: VmValue| -> Result<Value, Frame> {
            Ok(match v {
                VmValue::Null => Value::Null,
                VmValue::Bool(b) => Value::Bool(b),
                VmValue::Int(i) => Value::Int(i),
                VmValue::Float(f) => Value::Float(f),
                VmValue::Str(g) => Value::Str(heap.str(g).to_string()),
                VmValue::BigInt(g) => match heap.get(g) {
                    HeapObject::BigInt(b) => Value::BigInt(b.clone()),
                    _ => Value::Null,
                },
                VmValue::Array(g) | VmValue::Tuple(g) => {
                    let items: &[VmValue] = match heap.get(g) {
                        HeapObject::Array(items) => items,
                        HeapObject::Tuple(items) => items,
                        _ => &[],
                    };
                    return Err(Frame {
                        done: Vec::with_capacity(items.len()),
                        children: items.to_vec(),
                        keys: None,
                    });
                }
                VmValue::Object(g) => {
                    let (mut keys, mut children) = (Vec::new(), Vec::new());
                    if let HeapObject::Object(map) = heap.get(g) {
                        for (k, v) in map.iter() {
                            keys.push(match k {
                                VmValue::Str(s) => heap.str(s).to_string(),
                                other => text::display(heap, other).unwrap_or_default(),
                            });
                            children.push(v);
                        }
                    }
                    return Err(Frame {
                        done: Vec::with_capacity(children.len()),
                        children,
                        keys: Some(keys),
                    });
                }
                other => Value::Opaque(text::repr(heap, other).unwrap_or_default()),
            })
        };
        if max_depth == 0 {
            return Err(ConvertError::TooDeep);
        }
        let mut stack = match open(root) {
            Ok(leaf) => return Ok(leaf),
            Err(frame) => vec![frame],
        };
        loop {
            let depth = stack.len();
            let Some(top) = stack.last_mut() else {
                return Err(ConvertError::TooDeep);
            };
            match top.children.get(top.done.len()).copied() {
                Some(child) => {
                    if depth >= max_depth {
                        return Err(ConvertError::TooDeep);
                    }
                    match open(child) {
                        Ok(leaf) => top.done.push(leaf),
                        Err(frame) => stack.push(frame),
                    }
                }
                None => {
                    let finished = stack.pop().map(Frame::finish).unwrap_or_default();
                    match stack.last_mut() {
                        Some(parent) => parent.done.push(finished),
                        None => return Ok(finished),
                    }
                }
            }
        }
    }

    /// Builds this value in `heap`, at most `max_depth` levels deep (an explicit stack).
    pub(crate) fn to_vm(&self, heap: &mut Heap, max_depth: usize) -> Result<VmValue, ConvertError> {
        /// A container being built: its source children and the VM values made so far.
        struct Frame<'v> {
            source: &'v Value,
            children: Vec<&'v Value>,
            done: Vec<VmValue>,
        }
        let mem = |_| ConvertError::Memory;
        // A scalar becomes a VM value; a container becomes a frame.
        let open = |heap: &mut Heap, v: &Value| -> Result<Option<VmValue>, ConvertError> {
            Ok(Some(match v {
                Value::Null => VmValue::Null,
                Value::Bool(b) => VmValue::Bool(*b),
                Value::Int(i) => VmValue::Int(*i),
                Value::Float(f) => VmValue::Float(*f),
                Value::BigInt(b) => match i64::try_from(b) {
                    Ok(i) => VmValue::Int(i),
                    Err(_) => heap.alloc_bigint(b.clone()).map_err(mem)?,
                },
                Value::Str(s) | Value::Opaque(s) => heap.alloc_str(s).map_err(mem)?,
                Value::Array(_) | Value::Object(_) => return Ok(None),
            }))
        };
        fn frame(v: &Value) -> Frame<'_> {
            let children: Vec<&Value> = match v {
                Value::Array(items) => items.iter().collect(),
                Value::Object(map) => map.values().collect(),
                _ => Vec::new(),
            };
            Frame {
                source: v,
                done: Vec::with_capacity(children.len()),
                children,
            }
        }
        if max_depth == 0 {
            return Err(ConvertError::TooDeep);
        }
        if let Some(scalar) = open(heap, self)? {
            return Ok(scalar);
        }
        let mut stack = vec![frame(self)];
        loop {
            let depth = stack.len();
            let Some(top) = stack.last_mut() else {
                return Err(ConvertError::TooDeep);
            };
            if let Some(&child) = top.children.get(top.done.len()) {
                if depth >= max_depth {
                    return Err(ConvertError::TooDeep);
                }
                match open(heap, child)? {
                    Some(v) => top.done.push(v),
                    None => stack.push(frame(child)),
                }
                continue;
            }
            let Some(Frame { source, done, .. }) = stack.pop() else {
                return Err(ConvertError::TooDeep);
            };
            let built = match source {
                Value::Object(map) => {
                    let mut obj = ObjMap::with_capacity(map.len());
                    for (k, v) in map.keys().zip(done) {
                        let key = heap.alloc_str(k).map_err(mem)?;
                        obj.insert(heap, key, v)
                            .map_err(|e| ConvertError::Serde(e.message().to_string()))?;
                    }
                    heap.alloc_object(obj).map_err(mem)?
                }
                _ => heap.alloc_array(done).map_err(mem)?,
            };
            match stack.last_mut() {
                Some(parent) => parent.done.push(built),
                None => return Ok(built),
            }
        }
    }
}

/// Converts any `Serialize` type into a [`Value`] (structs become objects).
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, ConvertError> {
    serde_json::to_value(value)
        .map(Value::from)
        .map_err(|e| ConvertError::Serde(e.to_string()))
}

/// Converts a [`Value`] into any `Deserialize` type (objects become structs).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ConvertError> {
    T::deserialize(value).map_err(|e| ConvertError::Serde(e.to_string()))
}

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Value::Int(i),
                (None, Some(u)) => Value::BigInt(BigInt::from(u)),
                _ => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::Str(s),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

impl From<Value> for serde_json::Value {
    /// Non-finite floats become `null` (JSON has no NaN); big ints beyond u64 become strings.
    fn from(v: Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Int(i) => serde_json::Value::from(i),
            Value::BigInt(b) => match u64::try_from(&b) {
                Ok(u) => serde_json::Value::from(u),
                Err(_) => serde_json::Value::String(b.to_string()),
            },
            Value::Float(f) => serde_json::Number::from_f64(f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Str(s) | Value::Opaque(s) => serde_json::Value::String(s),
            Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(Into::into).collect())
            }
            Value::Object(map) => {
                serde_json::Value::Object(map.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

macro_rules! from_scalar {
    ($($t:ty => $variant:ident via $conv:expr),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant($conv(v))
            }
        }
    )*};
}

from_scalar! {
    bool => Bool via |b| b,
    i64 => Int via |i| i,
    i32 => Int via i64::from,
    f64 => Float via |f| f,
    String => Str via |s| s,
    &str => Str via str::to_string,
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Value {
        Value::Array(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::BigInt(b) => match i128::try_from(b) {
                Ok(i) => s.serialize_i128(i),
                Err(_) => s.serialize_str(&b.to_string()),
            },
            Value::Float(f) => s.serialize_f64(*f),
            Value::Str(text) | Value::Opaque(text) => s.serialize_str(text),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(i64::try_from(u).map_or_else(|_| Value::BigInt(BigInt::from(u)), Value::Int))
    }
    fn visit_i128<E>(self, i: i128) -> Result<Value, E> {
        Ok(i64::try_from(i).map_or_else(|_| Value::BigInt(BigInt::from(i)), Value::Int))
    }
    fn visit_u128<E>(self, u: u128) -> Result<Value, E> {
        Ok(i64::try_from(u).map_or_else(|_| Value::BigInt(BigInt::from(u)), Value::Int))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = IndexMap::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// `Value` is itself a serde data format, so `from_value::<T>` reads structs, enums, options
/// and sequences straight out of it (no JSON round trip).
impl<'de> Deserializer<'de> for Value {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(i) => visitor.visit_i64(i),
            Value::BigInt(b) => match i128::try_from(&b) {
                Ok(i) => visitor.visit_i128(i),
                Err(_) => visitor.visit_string(b.to_string()),
            },
            Value::Float(f) => visitor.visit_f64(f),
            Value::Str(s) | Value::Opaque(s) => visitor.visit_string(s),
            Value::Array(items) => {
                visitor.visit_seq(de::value::SeqDeserializer::new(items.into_iter()))
            }
            Value::Object(map) => {
                visitor.visit_map(de::value::MapDeserializer::new(map.into_iter()))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Value::Str(s) => visitor.visit_enum(de::value::StringDeserializer::new(s)),
            Value::Object(map) if map.len() == 1 => {
                visitor.visit_enum(de::value::MapAccessDeserializer::new(
                    de::value::MapDeserializer::new(map.into_iter()),
                ))
            }
            other => Err(de::Error::invalid_type(
                de::Unexpected::Other(other.type_name()),
                &"a string or a one-key object",
            )),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> de::IntoDeserializer<'de, de::value::Error> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Cfg {
        name: String,
        port: u16,
        ratio: f64,
        tags: Vec<String>,
        extra: Option<i64>,
        mode: Mode,
    }

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Mode {
        Fast,
        Safe,
    }

    #[test]
    fn serde_round_trip_through_value_keeps_types_and_order() {
        let cfg = Cfg {
            name: "svc".into(),
            port: 8080,
            ratio: 0.5,
            tags: vec!["a".into(), "b".into()],
            extra: None,
            mode: Mode::Safe,
        };
        let v = to_value(&cfg).unwrap();
        let keys: Vec<&String> = match &v {
            Value::Object(m) => m.keys().collect(),
            _ => panic!("not an object"),
        };
        assert_eq!(keys, ["name", "port", "ratio", "tags", "extra", "mode"]);
        assert_eq!(v.get("port"), Some(&Value::Int(8080)));
        assert_eq!(from_value::<Cfg>(v).unwrap(), cfg);
    }

    #[test]
    fn type_mismatch_is_a_serde_error_not_a_panic() {
        let err = from_value::<Cfg>(Value::Int(1)).unwrap_err();
        assert!(matches!(err, ConvertError::Serde(_)), "{err:?}");
        let v = Value::from(serde_json::json!({"port": "x"}));
        assert!(from_value::<Cfg>(v).is_err());
    }

    #[test]
    fn json_conversion_both_ways() {
        let j = serde_json::json!({"a": [1, 2.5, null, true], "b": {"c": "d"}, "big": 18446744073709551615u64});
        let v = Value::from(j.clone());
        assert_eq!(v.get("big"), Some(&Value::BigInt(BigInt::from(u64::MAX))));
        assert_eq!(serde_json::Value::from(v.clone()), j);
        assert_eq!(serde_json::to_value(&v).unwrap(), j);
    }

    #[test]
    fn vm_round_trip_and_depth_limit() {
        let mut heap = Heap::new();
        let v = Value::from(serde_json::json!({"x": [1, "two", {"three": 3.0}], "n": null}));
        let vm = v.to_vm(&mut heap, 10).unwrap();
        assert_eq!(Value::from_vm(&heap, vm, 10).unwrap(), v);
        assert_eq!(Value::from_vm(&heap, vm, 2), Err(ConvertError::TooDeep));
        assert!(matches!(v.to_vm(&mut heap, 2), Err(ConvertError::TooDeep)));
    }
}
