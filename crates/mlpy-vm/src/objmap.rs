//! `ObjMap`: the insertion-ordered hash map behind ML objects (Python dict semantics).
//!
//! Invariants:
//! - Keys are hashable values (values.md §6); arrays/objects (also inside tuples) are rejected
//!   with `TypeError: unhashable type: 'list'`.
//! - Keys equal under ML equality are one key (`1`, `1.0`, `true`); the first key written is
//!   kept; replacing a value keeps the key's position; removal keeps the order of the rest.
//! - `entries` holds live entries and tombstones (`None`) in insertion order; `table` maps a
//!   stored hash to an entry index. Tombstones are compacted away once they outnumber live
//!   entries, so every operation is amortized O(1) and memory stays proportional to `len`.
//! - Hashes are stored with entries, so growing the table never needs the heap.
//! - Small maps (at most `SMALL_MAP` raw entries, the common `{x, y, name}` object) have no
//!   table at all: lookups scan `entries` comparing stored hashes first. The table is built when
//!   the entries grow past `SMALL_MAP` and is only consulted while they stay past it.

use crate::error::{RtError, RtResult};
use crate::heap::{Heap, HeapObject};
use crate::ops;
use crate::value::{Gc, Value};
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Raw entry count up to which a map is searched linearly and keeps no hash table.
const SMALL_MAP: usize = 8;

#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    key: Value,
    value: Value,
}

/// An insertion-ordered map from hashable values to values.
#[derive(Default, Clone)]
pub struct ObjMap {
    entries: Vec<Option<Entry>>,
    /// Index of live entries by hash: `Some` exactly while `entries.len() > SMALL_MAP`
    /// (boxed, so a small map, the common case, stays 40 bytes).
    table: Option<Box<HashTable<u32>>>,
    /// Number of live entries (entry indices are `u32`, so this fits).
    live: u32,
    /// Number of live keys that are not strings (decides member-access behaviour, §7.3).
    non_str_keys: u32,
}

impl ObjMap {
    pub fn new() -> ObjMap {
        ObjMap::default()
    }

    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> ObjMap {
        ObjMap {
            entries: Vec::with_capacity(n),
            ..ObjMap::default()
        }
    }

    /// True while lookups scan `entries` instead of using `table`.
    #[inline]
    fn is_small(&self) -> bool {
        self.entries.len() <= SMALL_MAP
    }

    /// Number of keys.
    #[inline]
    pub fn len(&self) -> usize {
        self.live as usize
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }
    /// True when every key is a string (including the empty map).
    #[inline]
    pub fn all_string_keys(&self) -> bool {
        self.non_str_keys == 0
    }

    /// `(key, value)` pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.entries.iter().flatten().map(|e| (e.key, e.value))
    }
    pub fn keys(&self) -> impl Iterator<Item = Value> + '_ {
        self.iter().map(|(k, _)| k)
    }
    pub fn values(&self) -> impl Iterator<Item = Value> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// Number of raw entry positions (live + tombstones); iterators walk `0..raw_len()`.
    #[inline]
    pub fn raw_len(&self) -> usize {
        self.entries.len()
    }
    /// The entry at raw position `i`, or `None` for a tombstone / out of range.
    #[inline]
    pub fn raw_entry(&self, i: usize) -> Option<(Value, Value)> {
        self.entries
            .get(i)
            .copied()
            .flatten()
            .map(|e| (e.key, e.value))
    }

    /// Bytes owned outside the map struct (for heap accounting).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Option<Entry>>()
            + self.table.as_ref().map_or(0, |t| {
                std::mem::size_of::<HashTable<u32>>()
                    + t.capacity() * (std::mem::size_of::<u32>() + 1)
            })
    }

    /// Pushes the heap references among the keys and values onto the mark stack.
    pub(crate) fn trace(&self, gcs: &mut Vec<Gc>) {
        for e in self.entries.iter().flatten() {
            gcs.extend(e.key.gc());
            gcs.extend(e.value.gc());
        }
    }

    /// Index into `entries` of `key` (hash `hash`), if present.
    fn find(&self, heap: &Heap, hash: u64, key: Value) -> RtResult<Option<usize>> {
        self.find_by(hash, |k| ops::key_eq(heap, k, key))
    }

    /// Index into `entries` of the live entry with hash `hash` whose key satisfies `eq`.
    #[inline]
    fn find_by(
        &self,
        hash: u64,
        mut eq: impl FnMut(Value) -> RtResult<bool>,
    ) -> RtResult<Option<usize>> {
        let Some(table) = self.table.as_deref().filter(|_| !self.is_small()) else {
            for (i, e) in self.entries.iter().enumerate() {
                if let Some(e) = e {
                    if e.hash == hash && eq(e.key)? {
                        return Ok(Some(i));
                    }
                }
            }
            return Ok(None);
        };
        let mut err = None;
        let found = table.find(hash, |&i| match &self.entries[i as usize] {
            Some(e) if e.hash == hash => match eq(e.key) {
                Ok(b) => b,
                Err(x) => {
                    err = Some(x);
                    true
                }
            },
            _ => false,
        });
        match err {
            Some(e) => Err(e),
            None => Ok(found.map(|&i| i as usize)),
        }
    }

    /// The value stored at `key`.
    pub fn get(&self, heap: &Heap, key: Value) -> RtResult<Option<Value>> {
        if self.is_empty() {
            // Still reject unhashable keys, as Python does.
            hash_value(heap, key)?;
            return Ok(None);
        }
        let hash = hash_value(heap, key)?;
        Ok(self
            .find(heap, hash, key)?
            .and_then(|i| self.entries[i].map(|e| e.value)))
    }

    /// The value stored at the string key `key` (no heap string needed; for natives).
    pub fn get_str(&self, heap: &Heap, key: &str) -> Option<Value> {
        if self.is_empty() {
            return None;
        }
        let hash = str_hash(heap, key);
        let found = self.find_by(hash, |k| {
            Ok(matches!(k, Value::Str(g) if heap.str(g) == key))
        });
        found
            .ok()
            .flatten()
            .and_then(|i| self.entries[i].map(|e| e.value))
    }

    /// Inserts a new key whose hash is known and which is known to be absent.
    fn push_new(&mut self, hash: u64, key: Value, value: Value) {
        let idx = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.live += 1;
        if self.entries.len() == SMALL_MAP + 1 {
            self.rebuild_table();
        } else if let Some(table) = self.table.as_deref_mut() {
            let entries = &self.entries;
            table.insert_unique(hash, idx, |&i| entries[i as usize].map_or(0, |e| e.hash));
        }
        if !matches!(key, Value::Str(_)) {
            self.non_str_keys += 1;
        }
    }

    /// Sets `key` to `value` in a map that is not (yet) stored in `heap` (building literals,
    /// library results). Maps inside the heap are changed with [`Heap::object_set`].
    pub fn insert(&mut self, heap: &Heap, key: Value, value: Value) -> RtResult<()> {
        let hash = hash_value(heap, key)?;
        match self.find(heap, hash, key)? {
            Some(i) => self.set_at(i, value),
            None => self.push_new(hash, key, value),
        }
        Ok(())
    }

    fn set_at(&mut self, i: usize, value: Value) {
        if let Some(e) = &mut self.entries[i] {
            e.value = value;
        }
    }

    /// Removes the entry at raw position `i` (hash `hash`); returns its `(key, value)`.
    fn remove_at(&mut self, i: usize, hash: u64) -> Option<(Value, Value)> {
        if let Some(table) = self.table.as_deref_mut() {
            if let Ok(slot) = table.find_entry(hash, |&j| j as usize == i) {
                slot.remove();
            }
        }
        let e = self.entries.get_mut(i)?.take()?;
        self.live -= 1;
        if !matches!(e.key, Value::Str(_)) {
            self.non_str_keys -= 1;
        }
        if !self.is_small() && self.entries.len() > 2 * self.len() {
            self.compact();
        }
        Some((e.key, e.value))
    }

    /// Drops tombstones and rebuilds the index table.
    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        self.rebuild_table();
    }

    /// Makes `table` index every live entry (or frees it for a small map).
    fn rebuild_table(&mut self) {
        if self.is_small() {
            self.table = None;
            return;
        }
        let entries = &self.entries;
        let table = self.table.get_or_insert_with(Box::default);
        table.clear();
        for (i, e) in entries.iter().enumerate() {
            let Some(e) = e else { continue };
            table.insert_unique(e.hash, i as u32, |&j| {
                entries[j as usize].map_or(0, |e| e.hash)
            });
        }
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.table = None;
        self.live = 0;
        self.non_str_keys = 0;
    }

    /// Removes and returns the most recently inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(last) = self.entries.last().copied() {
            match last {
                None => {
                    self.entries.pop();
                    if self.entries.len() == SMALL_MAP {
                        self.rebuild_table();
                    }
                }
                Some(e) => return self.remove_at(self.entries.len() - 1, e.hash),
            }
        }
        None
    }
}

/// The hash of a string key (the same for a `Value::Str` with this text).
#[inline]
fn str_hash(heap: &Heap, s: &str) -> u64 {
    heap.hasher.hash_one(s).max(1)
}

/// Hashes a key with Python semantics: equal values (`1`, `1.0`, `true`) hash alike.
/// Arrays and objects (also nested in tuples) → `TypeError: unhashable type: 'list'`.
pub fn hash_value(heap: &Heap, v: Value) -> RtResult<u64> {
    hash_at_depth(heap, v, 0)
}

fn hash_at_depth(heap: &Heap, v: Value, depth: usize) -> RtResult<u64> {
    let h = &heap.hasher;
    Ok(match v {
        Value::Null => 0x6e75_6c6c,
        Value::Bool(b) => h.hash_one(b as i64),
        Value::Int(i) => h.hash_one(i),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.is_finite() {
                if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
                    h.hash_one(f as i64)
                } else {
                    match <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(f) {
                        Some(b) => h.hash_one(&b),
                        None => h.hash_one(f.to_bits()),
                    }
                }
            } else {
                h.hash_one(f.to_bits())
            }
        }
        Value::BigInt(g) => h.hash_one(heap.bigint(g)),
        Value::Str(g) => heap.string(g).hash_with(|s| str_hash(heap, s)),
        Value::Tuple(g) => {
            if depth >= heap.max_depth {
                return Err(RtError::depth());
            }
            let mut acc: u64 = 0x7475_706c;
            for &e in heap.tuple(g).iter() {
                acc = acc.rotate_left(5) ^ hash_at_depth(heap, e, depth + 1)?;
                acc = acc.wrapping_mul(0x100_0000_01b3);
            }
            acc
        }
        Value::Array(_) | Value::Object(_) => {
            return Err(RtError::type_error(format!(
                "unhashable type: '{}'",
                v.type_name(heap)
            )))
        }
        Value::Native(id) => h.hash_one((1u8, id)),
        Value::Function(g) => h.hash_one((2u8, g.0)),
        Value::Other(g) => match heap.get(g) {
            HeapObject::Bytes(b) => h.hash_one(&**b),
            _ => h.hash_one((3u8, g.0)),
        },
    })
}

impl Heap {
    /// `obj[key]` lookup on the object `gc` (`None` = missing key).
    #[inline]
    pub fn object_get(&self, gc: Gc, key: Value) -> RtResult<Option<Value>> {
        self.object(gc).get(self, key)
    }

    /// The value at string key `key` of the object `gc`.
    #[inline]
    pub fn object_get_str(&self, gc: Gc, key: &str) -> Option<Value> {
        self.object(gc).get_str(self, key)
    }

    /// `obj[key] = value` on the object `gc`, charging any growth.
    pub fn object_set(&mut self, gc: Gc, key: Value, value: Value) -> RtResult<()> {
        let hash = hash_value(self, key)?;
        match self.object(gc).find(self, hash, key)? {
            Some(i) => self.object_mut(gc).set_at(i, value),
            None => {
                self.check(64)?;
                self.object_mut(gc).push_new(hash, key, value);
                self.recharge(gc)?;
            }
        }
        Ok(())
    }

    /// Removes `key` from the object `gc`, returning its value if it was present.
    pub fn object_remove(&mut self, gc: Gc, key: Value) -> RtResult<Option<Value>> {
        let hash = hash_value(self, key)?;
        let Some(i) = self.object(gc).find(self, hash, key)? else {
            return Ok(None);
        };
        let removed = self.object_mut(gc).remove_at(i, hash).map(|(_, v)| v);
        self.recharge(gc)?;
        Ok(removed)
    }

    /// Removes and returns the last-inserted entry of the object `gc`.
    pub fn object_pop_last(&mut self, gc: Gc) -> RtResult<Option<(Value, Value)>> {
        let r = self.object_mut(gc).pop_last();
        self.recharge(gc)?;
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(heap: &mut Heap, t: &str) -> Value {
        heap.alloc_str(t).unwrap()
    }

    #[test]
    fn numeric_keys_unify_and_first_key_is_kept() {
        let mut heap = Heap::new();
        let Value::Object(o) = heap.alloc_object(ObjMap::new()).unwrap() else {
            unreachable!()
        };
        heap.object_set(o, Value::Int(1), Value::Int(10)).unwrap();
        heap.object_set(o, Value::Float(1.0), Value::Int(11))
            .unwrap();
        heap.object_set(o, Value::Bool(true), Value::Int(12))
            .unwrap();
        let m = heap.object(o);
        assert_eq!(m.len(), 1);
        let (k, v) = m.iter().next().unwrap();
        assert!(matches!(k, Value::Int(1)));
        assert!(matches!(v, Value::Int(12)));
        assert!(!m.all_string_keys());
    }

    #[test]
    fn string_keys_by_content_and_order_kept_on_removal() {
        let mut heap = Heap::new();
        let mut m = ObjMap::new();
        for (i, k) in ["a", "b", "c", "d"].iter().enumerate() {
            let key = s(&mut heap, k);
            m.insert(&heap, key, Value::Int(i as i64)).unwrap();
        }
        let Value::Object(o) = heap.alloc_object(m).unwrap() else {
            unreachable!()
        };
        let b = s(&mut heap, "b");
        assert!(matches!(
            heap.object_get(o, b).unwrap(),
            Some(Value::Int(1))
        ));
        assert!(matches!(
            heap.object_remove(o, b).unwrap(),
            Some(Value::Int(1))
        ));
        assert!(heap.object_get(o, b).unwrap().is_none());
        let a = s(&mut heap, "a");
        heap.object_set(o, a, Value::Int(100)).unwrap();
        heap.object_set(o, b, Value::Int(200)).unwrap();
        let keys: Vec<String> = heap
            .object(o)
            .keys()
            .map(|k| match k {
                Value::Str(g) => heap.str(g).to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(keys, ["a", "c", "d", "b"]);
        assert!(heap.object(o).all_string_keys());
    }

    #[test]
    fn unhashable_keys_are_type_errors() {
        let mut heap = Heap::new();
        let arr = heap.alloc_array(vec![]).unwrap();
        let obj = heap.alloc_object(ObjMap::new()).unwrap();
        let tup = heap.alloc_tuple(vec![Value::Int(1), arr]).unwrap();
        let mut m = ObjMap::new();
        for (k, name) in [(arr, "list"), (obj, "dict"), (tup, "list")] {
            let e = m.insert(&heap, k, Value::Null).unwrap_err();
            assert_eq!(e.message(), format!("unhashable type: '{name}'"));
        }
    }

    /// Random inserts/removals/pops checked against a simple ordered model.
    #[test]
    fn matches_an_ordered_model() {
        let mut heap = Heap::new();
        let Value::Object(o) = heap.alloc_object(ObjMap::new()).unwrap() else {
            unreachable!()
        };
        let mut model: Vec<(i64, i64)> = Vec::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for step in 0..20_000i64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = (x % 64) as i64;
            // Keys alternate between int and float spellings of the same number.
            let key = if step % 2 == 0 {
                Value::Int(k)
            } else {
                Value::Float(k as f64)
            };
            match (x >> 8) % 4 {
                0 | 1 => {
                    heap.object_set(o, key, Value::Int(step)).unwrap();
                    match model.iter_mut().find(|(mk, _)| *mk == k) {
                        Some(e) => e.1 = step,
                        None => model.push((k, step)),
                    }
                }
                2 => {
                    let got = heap.object_remove(o, key).unwrap();
                    let pos = model.iter().position(|(mk, _)| *mk == k);
                    let want = pos.map(|p| model.remove(p).1);
                    assert_eq!(
                        got.map(|v| matches!(v, Value::Int(i) if Some(i) == want)),
                        want.map(|_| true)
                    );
                }
                _ => {
                    if step % 7 == 0 {
                        let got = heap.object_pop_last(o).unwrap();
                        assert_eq!(got.is_some(), model.pop().is_some());
                    }
                }
            }
            let m = heap.object(o);
            assert_eq!(m.len(), model.len());
            if step % 500 == 0 {
                let keys: Vec<i64> = m
                    .keys()
                    .map(|k| match k {
                        Value::Int(i) => i,
                        Value::Float(f) => f as i64,
                        _ => -1,
                    })
                    .collect();
                let want: Vec<i64> = model.iter().map(|e| e.0).collect();
                assert_eq!(keys, want);
                assert!(m.raw_len() <= 2 * m.len().max(8) + 1);
            }
        }
    }

    #[test]
    fn tuple_keys_and_many_removals() {
        let mut heap = Heap::new();
        let mut m = ObjMap::new();
        for i in 0..1000 {
            let t = heap
                .alloc_tuple(vec![Value::Int(i), Value::Float(0.5)])
                .unwrap();
            m.insert(&heap, t, Value::Int(i)).unwrap();
        }
        let Value::Object(o) = heap.alloc_object(m).unwrap() else {
            unreachable!()
        };
        for i in 0..990 {
            let t = heap
                .alloc_tuple(vec![Value::Float(i as f64), Value::Float(0.5)])
                .unwrap();
            assert!(heap.object_remove(o, t).unwrap().is_some());
        }
        let m = heap.object(o);
        assert_eq!(m.len(), 10);
        assert!(m.raw_len() < 40);
        assert!(matches!(m.values().next(), Some(Value::Int(990))));
    }
}
