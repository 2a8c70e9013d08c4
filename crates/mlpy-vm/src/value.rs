//! The runtime value: a 16-byte `Copy` enum; everything that is not a scalar is a [`Gc`] handle
//! into the [`Heap`](crate::heap::Heap).
//!
//! Invariants:
//! - `Int` holds every integer that fits in i64; `BigInt` handles only ever hold integers outside
//!   the i64 range (operations normalize, see `num.rs`), so equal ints have equal representations.
//! - A handle's variant says what the slot holds: `Str` → `HeapObject::Str`, `BigInt` →
//!   `HeapObject::BigInt`, `Array` → `Array`, `Object` → `Object`, `Tuple` → `Tuple`,
//!   `Function` → `Closure` or `BoundMethod`, `Other` → `Error`, `Bytes`, `Module`, `Iterator`
//!   or `Host`. `Cell` slots are never referenced by a `Value` (only by closures' captures).

use crate::heap::{Heap, HeapObject};

/// A handle to a heap slot. Copyable; only valid while the slot is reachable from GC roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gc(pub u32);

impl Gc {
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Index of a native (builtin / library) function in the VM's native table.
pub type NativeId = u32;

/// An ML runtime value.
///
/// `repr(C, u8)` puts every payload at offset 8 (tag byte, padding, one 8-byte word), so a
/// value moves as two machine words; the default layout placed `Bool` at byte 1 and `Native`
/// and handles at byte 4, and copies in the interpreter loop were split into four partial
/// loads and stores (docs/performance.md).
#[derive(Clone, Copy, Debug)]
#[repr(C, u64)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Gc),
    BigInt(Gc),
    Array(Gc),
    Object(Gc),
    Tuple(Gc),
    /// A closure or a bound method.
    Function(Gc),
    /// A builtin or library function.
    Native(NativeId),
    /// Error values, bytes, modules, iterators, stdlib (host) objects.
    Other(Gc),
}

impl Value {
    /// The heap handle this value holds, if any.
    #[inline]
    pub fn gc(self) -> Option<Gc> {
        match self {
            Value::Str(g)
            | Value::BigInt(g)
            | Value::Array(g)
            | Value::Object(g)
            | Value::Tuple(g)
            | Value::Function(g)
            | Value::Other(g) => Some(g),
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Native(_) => {
                None
            }
        }
    }

    /// True for int, float, bool and big int ("num" in language.md §7.2).
    #[inline]
    pub fn is_number(self) -> bool {
        matches!(
            self,
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_)
        )
    }

    /// True for closures, bound methods and natives.
    #[inline]
    pub fn is_callable(self) -> bool {
        matches!(self, Value::Function(_) | Value::Native(_))
    }

    /// The Python type name used in error messages (values.md §1: `int`, `str`, `list`, ...).
    pub fn type_name(self, heap: &Heap) -> &str {
        match self {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Array(_) => "list",
            Value::Object(_) => "dict",
            Value::Tuple(_) => "tuple",
            Value::Function(_) | Value::Native(_) => "function",
            Value::Other(g) => match heap.get(g) {
                HeapObject::Error(e) => e.kind.name(),
                HeapObject::Bytes(_) => "bytes",
                HeapObject::Module(_) => "module",
                HeapObject::Iterator(it) => it.type_name(heap),
                HeapObject::Host(h) => h.class_name(),
                _ => "object",
            },
        }
    }

    /// The result of ML `typeof(v)` (values.md §1).
    pub fn typeof_name(self, heap: &Heap) -> &str {
        match self {
            Value::Null | Value::Tuple(_) => "unknown",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Function(_) | Value::Native(_) => "function",
            Value::Other(g) => match heap.get(g) {
                HeapObject::Host(h) => h.class_name(),
                _ => "unknown",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_at_most_16_bytes() {
        assert!(std::mem::size_of::<Value>() <= 16);
        assert!(std::mem::size_of::<Result<Value, crate::error::RtError>>() <= 16);
        assert!(std::mem::size_of::<crate::heap::HeapObject>() <= 56);
        assert!(std::mem::size_of::<crate::objmap::ObjMap>() <= 40);
    }
}
