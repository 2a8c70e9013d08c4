//! The VM's arena: every heap object a script can reach lives in one slot arena, is charged to
//! the memory budget by ONE function ([`Heap::alloc`]), and is reclaimed by a mark-sweep
//! collector ([`Heap::collect`]) that handles cycles.
//!
//! Invariants:
//! - `bytes_used` is the sum of [`HeapObject::size`] over live slots (each object's size is
//!   recorded in its slot and re-measured by [`Heap::recharge`] after every mutation that can
//!   grow it), so it returns to its baseline once garbage is collected.
//! - Collection only happens when the VM calls [`Heap::collect`] at a safepoint with all of its
//!   roots; allocation never collects, so natives may hold fresh handles in Rust locals.
//! - Callers about to build something large (repetition, join, range) call [`Heap::check`] with
//!   the projected size first, so a huge request fails with `MemoryExceeded` before the Rust
//!   allocation happens.
//! - Slots live in fixed-size chunks ([`SlotArena`]) that never move: growing the heap never
//!   copies existing slots nor holds two copies of the slot table at once.
//! - Fault injection: [`Heap::fail_nth_charge`] makes the N-th charge (allocation or growth)
//!   fail exactly as the memory limit does; disarmed it costs one decrement per charge.
//! - Accessors (`str`, `array`, ...) panic only if a handle's variant lies about its slot, which
//!   is an internal bug (see `value.rs` invariants), never reachable from script input.

use crate::error::{ErrorKind, MemoryExceeded};
use crate::objmap::ObjMap;
use crate::value::{Gc, Value};
use num_bigint::BigInt;
use std::any::Any;
use std::cell::{Cell, OnceCell};

/// Code points between two entries of a non-ASCII string's offset index.
const CHAR_STRIDE: usize = 64;

/// An immutable string with its code-point count cached: O(1) `len`, O(1) indexing for ASCII
/// text, and O(stride) indexing for other text through a lazily built table of the byte offset
/// of every `CHAR_STRIDE`-th code point (so `s[i]` in a loop is never quadratic).
pub struct MlStr {
    text: Box<str>,
    chars: usize,
    /// Lazily computed hash; 0 = not yet computed.
    hash: Cell<u64>,
    offsets: OnceCell<Box<[usize]>>,
}

impl MlStr {
    pub fn new(text: impl Into<Box<str>>) -> MlStr {
        let text = text.into();
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        MlStr {
            text,
            chars,
            hash: Cell::new(0),
            offsets: OnceCell::new(),
        }
    }

    /// Bytes this string owns (text plus, for non-ASCII text, its offset index).
    fn heap_bytes(&self) -> usize {
        let index = if self.is_ascii() {
            0
        } else {
            (self.chars / CHAR_STRIDE + 1) * std::mem::size_of::<usize>()
        };
        self.text.len() + index
    }

    /// Byte offset of code point `i` (`len()` in bytes when `i >= char_len()`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if i >= self.chars {
            return self.text.len();
        }
        if self.is_ascii() {
            return i;
        }
        let table = self.offsets.get_or_init(|| {
            self.text
                .char_indices()
                .step_by(CHAR_STRIDE)
                .map(|(b, _)| b)
                .collect()
        });
        let base = table[i / CHAR_STRIDE];
        base + self.text[base..]
            .char_indices()
            .nth(i % CHAR_STRIDE)
            .map_or(self.text.len() - base, |(b, _)| b)
    }

    /// The code point at index `i`, if any.
    pub fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.chars {
            return None;
        }
        self.text[self.byte_offset(i)..].chars().next()
    }

    /// The text between code-point indices `a` and `b` (clamped; empty if `a >= b`).
    pub fn slice_chars(&self, a: usize, b: usize) -> &str {
        if a >= b {
            return "";
        }
        &self.text[self.byte_offset(a)..self.byte_offset(b)]
    }

    /// Code-point index of byte offset `b` (which must be a char boundary).
    pub fn char_index_of(&self, b: usize) -> usize {
        if self.is_ascii() {
            return b;
        }
        self.byte_offset(0);
        match self.offsets.get() {
            Some(t) => {
                let k = t.partition_point(|&o| o <= b).saturating_sub(1);
                k * CHAR_STRIDE + self.text[t[k]..b].chars().count()
            }
            None => self.text[..b].chars().count(),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// Length in code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.chars
    }
    /// True when every character is ASCII (byte index == char index).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars == self.text.len()
    }
    /// The cached hash, computing it with `f` on first use.
    #[inline]
    pub(crate) fn hash_with(&self, f: impl FnOnce(&str) -> u64) -> u64 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        let h = f(&self.text).max(1);
        self.hash.set(h);
        h
    }
}

/// A closure: a compiled function (meaning of `func`/`module` defined by the compiler) plus the
/// cells it captured.
pub struct Closure {
    pub func: u32,
    pub module: u32,
    pub captures: Box<[Gc]>,
}

/// A method read without calling it (`f = s.upper;`).
pub struct BoundMethod {
    pub receiver: Value,
    pub name: &'static str,
}

/// The value bound by `except (e)` (values.md §9.2).
pub struct ErrorValue {
    pub kind: ErrorKind,
    pub message: String,
    /// The thrown object, for `throw {...}`.
    pub data: Option<Value>,
    pub line: u32,
    pub column: u32,
}

/// A module value: a name and its members.
pub struct Module {
    pub name: Box<str>,
    pub members: ObjMap,
}

/// The state of `iter(x)` over an array, string, tuple or object (keys).
pub struct IterState {
    pub source: Value,
    /// Next element index (array/tuple/string: position in code points; object: raw entry slot).
    pub index: usize,
}

impl IterState {
    /// Python's class name of this iterator (`list_iterator`, ...).
    pub fn type_name(&self, _heap: &Heap) -> &'static str {
        match self.source {
            Value::Array(_) => "list_iterator",
            Value::Str(_) => "str_iterator",
            Value::Tuple(_) => "tuple_iterator",
            Value::Object(_) => "dict_keyiterator",
            _ => "iterator",
        }
    }
}

/// A stdlib object (Pattern, Match, DateTimeObject, ...) stored in the heap.
pub trait HostObject: Any + Send {
    /// The class name (`typeof` result and type name in messages).
    fn class_name(&self) -> &str;
    /// Bytes owned by the object outside its slot (charged to the budget).
    fn heap_size(&self) -> usize {
        0
    }
    /// Push every value the object holds, so the collector keeps them alive.
    fn trace(&self, _out: &mut Vec<Value>) {}
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// What a heap slot holds.
pub enum HeapObject {
    Str(MlStr),
    BigInt(BigInt),
    Array(Vec<Value>),
    Object(ObjMap),
    Tuple(Box<[Value]>),
    Closure(Closure),
    Cell(Value),
    BoundMethod(BoundMethod),
    Error(Box<ErrorValue>),
    Bytes(Box<[u8]>),
    Module(Box<Module>),
    Iterator(IterState),
    Host(Box<dyn HostObject>),
}

const VALUE_SIZE: usize = std::mem::size_of::<Value>();

impl HeapObject {
    /// Bytes charged for this object: its slot plus everything it owns.
    pub fn size(&self) -> usize {
        std::mem::size_of::<Slot>()
            + match self {
                HeapObject::Str(s) => s.heap_bytes(),
                HeapObject::BigInt(b) => (b.bits() as usize).div_ceil(64) * 8,
                HeapObject::Array(v) => v.capacity() * VALUE_SIZE,
                HeapObject::Object(m) => m.heap_bytes(),
                HeapObject::Tuple(t) => t.len() * VALUE_SIZE,
                HeapObject::Closure(c) => c.captures.len() * std::mem::size_of::<Gc>(),
                HeapObject::Cell(_) | HeapObject::BoundMethod(_) | HeapObject::Iterator(_) => 0,
                HeapObject::Error(e) => std::mem::size_of::<ErrorValue>() + e.message.len(),
                HeapObject::Bytes(b) => b.len(),
                HeapObject::Module(m) => {
                    std::mem::size_of::<Module>() + m.name.len() + m.members.heap_bytes()
                }
                HeapObject::Host(h) => h.heap_size(),
            }
    }

    /// Pushes every heap object this object references onto the mark stack `gcs` (only
    /// references: the stack holds 4-byte handles, never whole values). Host objects report
    /// their values through `host_values`, which the marker drains right after.
    fn trace(&self, host_values: &mut Vec<Value>, gcs: &mut Vec<Gc>) {
        let refs = |vs: &[Value], gcs: &mut Vec<Gc>| gcs.extend(vs.iter().filter_map(|v| v.gc()));
        match self {
            HeapObject::Str(_) | HeapObject::BigInt(_) | HeapObject::Bytes(_) => {}
            HeapObject::Array(v) => refs(v, gcs),
            HeapObject::Tuple(t) => refs(t, gcs),
            HeapObject::Object(m) => m.trace(gcs),
            HeapObject::Closure(c) => gcs.extend_from_slice(&c.captures),
            HeapObject::Cell(v) => gcs.extend(v.gc()),
            HeapObject::BoundMethod(b) => gcs.extend(b.receiver.gc()),
            HeapObject::Error(e) => gcs.extend(e.data.and_then(|d| d.gc())),
            HeapObject::Module(m) => m.members.trace(gcs),
            HeapObject::Iterator(it) => gcs.extend(it.source.gc()),
            HeapObject::Host(h) => h.trace(host_values),
        }
    }
}

struct Slot {
    obj: Option<HeapObject>,
    size: usize,
}

/// log2 of the number of slots per [`SlotArena`] chunk.
const CHUNK_BITS: usize = 12;
const CHUNK_LEN: usize = 1 << CHUNK_BITS;

/// Growable slot storage indexed like a vector, made of `CHUNK_LEN`-slot chunks allocated at
/// full capacity: pushing never reallocates a chunk, so existing slots are never moved.
/// The collector's mark bits live beside the slots, one bit per slot in `marks`, so a slot
/// is 64 bytes.
#[derive(Default)]
struct SlotArena {
    chunks: Vec<Vec<Slot>>,
    len: usize,
    marks: Vec<u64>,
}

impl SlotArena {
    #[inline]
    fn len(&self) -> usize {
        self.len
    }
    #[inline]
    fn get(&self, i: usize) -> Option<&Slot> {
        self.chunks.get(i >> CHUNK_BITS)?.get(i & (CHUNK_LEN - 1))
    }
    #[inline]
    fn get_mut(&mut self, i: usize) -> Option<&mut Slot> {
        self.chunks
            .get_mut(i >> CHUNK_BITS)?
            .get_mut(i & (CHUNK_LEN - 1))
    }
    fn push(&mut self, slot: Slot) {
        if self.len.is_multiple_of(CHUNK_LEN) {
            self.chunks.push(Vec::with_capacity(CHUNK_LEN));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(slot);
            self.len += 1;
            self.marks.resize(self.len.div_ceil(64), 0);
        }
    }
    /// Sets the mark bit of slot `i`; false when it was already set (or `i` is out of range).
    #[inline]
    fn mark(&mut self, i: usize) -> bool {
        let Some(word) = self.marks.get_mut(i / 64) else {
            return false;
        };
        let bit = 1u64 << (i % 64);
        let fresh = *word & bit == 0;
        *word |= bit;
        fresh
    }
    /// Calls `f` with the index and slot of every unmarked slot, then clears every mark.
    fn sweep_unmarked(&mut self, mut f: impl FnMut(usize, &mut Slot)) {
        let marks = &self.marks;
        for (i, slot) in self.chunks.iter_mut().flatten().enumerate() {
            if marks
                .get(i / 64)
                .is_some_and(|w| w & (1u64 << (i % 64)) == 0)
            {
                f(i, slot);
            }
        }
        self.marks.fill(0);
    }
}

impl std::ops::Index<usize> for SlotArena {
    type Output = Slot;
    #[inline]
    fn index(&self, i: usize) -> &Slot {
        match self.get(i) {
            Some(s) => s,
            None => panic!("heap slot {i} out of range"),
        }
    }
}

impl std::ops::IndexMut<usize> for SlotArena {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut Slot {
        match self.get_mut(i) {
            Some(s) => s,
            None => panic!("heap slot {i} out of range"),
        }
    }
}

/// Default minimum number of bytes allocated between two collections.
pub const DEFAULT_GC_THRESHOLD: usize = 1 << 20;

/// Near the memory limit, collections are still at least this many allocated bytes apart, so a
/// program living just under its limit does not collect on every safepoint.
const MIN_GC_TRIGGER: usize = 256 << 10;
/// Mark-stack capacity (handles) kept from one collection to the next.
const MARK_STACK_KEPT: usize = 1 << 14;
/// Largest big integer (in bits, about 2.5 million decimal digits) a script may build; a
/// larger result is a memory-limit error. Bounds the time of one multiplication (a few tens of
/// milliseconds at this size), which no fuel or time check can interrupt (docs/decisions.md).
pub const MAX_BIGINT_BITS: u64 = 1 << 23;
/// Default data-depth limit (D6).
pub const DEFAULT_MAX_DEPTH: usize = 1000;

/// The arena.
pub struct Heap {
    slots: SlotArena,
    free: Vec<u32>,
    bytes_used: usize,
    peak: usize,
    limit: usize,
    allocated_since_gc: usize,
    live_after_gc: usize,
    gc_threshold: usize,
    /// `allocated_since_gc` above this makes a collection due (see [`Heap::should_collect`]).
    gc_trigger: usize,
    /// The VM's fuel count at which its next safepoint runs. The VM sets it; the heap zeroes it
    /// when a collection becomes due, so the interpreter's hot path tests one counter for
    /// limits and garbage collection alike.
    pub(crate) poll_at: u64,
    /// Data-depth limit for printing, equality, ordering, hashing (D6/D31).
    pub max_depth: usize,
    pub(crate) hasher: hashbrown::DefaultHashBuilder,
    function_names: Vec<Vec<Box<str>>>,
    native_names: Vec<&'static str>,
    trace_values: Vec<Value>,
    trace_gcs: Vec<Gc>,
    /// Pinned 1-character ASCII strings (index = code) and `""` at index 128; kept alive by
    /// every collection. Empty until first used.
    char_cache: Vec<Gc>,
    /// Fault injection ([`Heap::fail_nth_charge`]): counts down once per charge; the charge
    /// that brings it to 0 fails. `u64::MAX` when disarmed (never reaches 0 in practice).
    fault_countdown: u64,
    /// The countdown's value when it was last set, so `fault_armed_at - fault_countdown`
    /// (wrapping) is the number of charges since then.
    fault_armed_at: u64,
    /// Number of sweeps so far: a slot index names the same object as long as this count is
    /// unchanged (only a sweep frees slots for reuse). The VM's call cache is keyed by it.
    pub(crate) sweeps: u64,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

macro_rules! accessor {
    ($name:ident, $name_mut:ident, $variant:ident, $ty:ty) => {
        #[inline]
        pub fn $name(&self, gc: Gc) -> &$ty {
            match self.get(gc) {
                HeapObject::$variant(x) => x,
                _ => panic!(concat!("heap handle is not a ", stringify!($variant))),
            }
        }
        #[inline]
        pub fn $name_mut(&mut self, gc: Gc) -> &mut $ty {
            match self.get_mut(gc) {
                HeapObject::$variant(x) => x,
                _ => panic!(concat!("heap handle is not a ", stringify!($variant))),
            }
        }
    };
}

impl Heap {
    /// An unlimited heap.
    pub fn new() -> Heap {
        Heap::with_limit(usize::MAX)
    }

    /// A heap whose live bytes may not exceed `limit`.
    pub fn with_limit(limit: usize) -> Heap {
        Heap {
            slots: SlotArena::default(),
            free: Vec::new(),
            bytes_used: 0,
            peak: 0,
            limit,
            allocated_since_gc: 0,
            live_after_gc: 0,
            gc_threshold: DEFAULT_GC_THRESHOLD,
            gc_trigger: DEFAULT_GC_THRESHOLD,
            poll_at: u64::MAX,
            max_depth: DEFAULT_MAX_DEPTH,
            hasher: hashbrown::DefaultHashBuilder::default(),
            function_names: Vec::new(),
            native_names: Vec::new(),
            trace_values: Vec::new(),
            trace_gcs: Vec::new(),
            char_cache: Vec::new(),
            fault_countdown: u64::MAX,
            fault_armed_at: u64::MAX,
            sweeps: 0,
        }
    }

    // ---- accounting -------------------------------------------------------------------

    /// Live bytes charged to the budget.
    #[inline]
    pub fn bytes_used(&self) -> usize {
        self.bytes_used
    }
    /// Highest `bytes_used` seen.
    #[inline]
    pub fn peak_bytes(&self) -> usize {
        self.peak
    }
    #[inline]
    pub fn limit(&self) -> usize {
        self.limit
    }
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
        self.update_gc_trigger();
    }
    /// Sets the minimum allocation volume between collections.
    pub fn set_gc_threshold(&mut self, bytes: usize) {
        self.gc_threshold = bytes;
        self.update_gc_trigger();
    }
    /// How many sweeps (collections) this heap has run.
    pub fn sweeps(&self) -> u64 {
        self.sweeps
    }
    /// Number of live objects.
    pub fn live_objects(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Fails if `bytes` more bytes would pass the limit (charges nothing). Call it with the
    /// projected size before building a large string/array in Rust memory.
    #[inline]
    pub fn check(&self, bytes: usize) -> Result<(), MemoryExceeded> {
        // The unmetered build (vm.rs `meter!`) also drops the limit check, for measuring.
        if cfg!(mlpy_unmetered) {
            return Ok(());
        }
        match self.bytes_used.checked_add(bytes) {
            Some(total) if total <= self.limit => Ok(()),
            _ => Err(MemoryExceeded),
        }
    }

    /// Fault injection for tests: the `n`-th charge from now (an allocation, or the growth of
    /// an object re-measured by [`Heap::recharge`]) fails with `MemoryExceeded` as if the
    /// memory limit were hit, once; later charges succeed again. `n == 0` disarms. Either way
    /// [`Heap::charges_counted`] restarts from 0.
    pub fn fail_nth_charge(&mut self, n: u64) {
        let start = if n == 0 { u64::MAX } else { n };
        self.fault_countdown = start;
        self.fault_armed_at = start;
    }

    /// Charges made since the last [`Heap::fail_nth_charge`] (or since the heap was made).
    pub fn charges_counted(&self) -> u64 {
        self.fault_armed_at.wrapping_sub(self.fault_countdown)
    }

    /// Counts one charge for [`Heap::fail_nth_charge`]; true when this one must fail.
    #[inline]
    fn injected_fault(&mut self) -> bool {
        self.fault_countdown = self.fault_countdown.wrapping_sub(1);
        self.fault_countdown == 0
    }

    /// Charges `bytes` (the one accounting function for new objects; `recharge` applies the
    /// same checks to growth).
    fn charge(&mut self, bytes: usize) -> Result<(), MemoryExceeded> {
        if self.injected_fault() {
            return Err(MemoryExceeded);
        }
        self.check(bytes)?;
        self.bytes_used += bytes;
        self.allocated_since_gc = self.allocated_since_gc.saturating_add(bytes);
        self.peak = self.peak.max(self.bytes_used);
        if self.allocated_since_gc > self.gc_trigger {
            self.poll_at = 0;
        }
        Ok(())
    }

    /// Stores `obj` in a slot and charges its size.
    pub fn alloc(&mut self, obj: HeapObject) -> Result<Gc, MemoryExceeded> {
        let size = obj.size();
        self.charge(size)?;
        let slot = Slot {
            obj: Some(obj),
            size,
        };
        match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = slot;
                Ok(Gc(i))
            }
            None => {
                let Ok(i) = u32::try_from(self.slots.len()) else {
                    self.bytes_used -= size;
                    return Err(MemoryExceeded);
                };
                self.slots.push(slot);
                Ok(Gc(i))
            }
        }
    }

    /// Re-measures `gc` after a mutation and charges (or refunds) the difference. On
    /// `MemoryExceeded` the new size is still recorded (the memory exists), so accounting
    /// stays exact; the caller must abort the script.
    pub fn recharge(&mut self, gc: Gc) -> Result<(), MemoryExceeded> {
        let slot = &mut self.slots[gc.index()];
        let new = slot.obj.as_ref().map_or(0, HeapObject::size);
        let old = std::mem::replace(&mut slot.size, new);
        if new > old {
            let extra = new - old;
            let over = if self.injected_fault() {
                Err(MemoryExceeded)
            } else {
                self.check(extra)
            };
            self.bytes_used += extra;
            self.allocated_since_gc = self.allocated_since_gc.saturating_add(extra);
            self.peak = self.peak.max(self.bytes_used);
            over
        } else {
            self.bytes_used -= old - new;
            Ok(())
        }
    }

    // ---- access -----------------------------------------------------------------------

    #[inline]
    pub fn get(&self, gc: Gc) -> &HeapObject {
        match self.slots.get(gc.index()).and_then(|s| s.obj.as_ref()) {
            Some(o) => o,
            None => panic!("dangling heap handle {gc:?}"),
        }
    }
    #[inline]
    pub fn get_mut(&mut self, gc: Gc) -> &mut HeapObject {
        match self.slots.get_mut(gc.index()).and_then(|s| s.obj.as_mut()) {
            Some(o) => o,
            None => panic!("dangling heap handle {gc:?}"),
        }
    }

    accessor!(string, string_mut, Str, MlStr);
    accessor!(bigint, bigint_mut, BigInt, BigInt);
    accessor!(array, array_mut, Array, Vec<Value>);
    accessor!(object, object_mut, Object, ObjMap);
    accessor!(tuple, tuple_mut, Tuple, Box<[Value]>);
    accessor!(closure, closure_mut, Closure, Closure);
    accessor!(cell, cell_mut, Cell, Value);

    /// The text of a string handle.
    #[inline]
    pub fn str(&self, gc: Gc) -> &str {
        self.string(gc).as_str()
    }

    // ---- typed allocation helpers -----------------------------------------------------

    pub fn alloc_str(&mut self, s: &str) -> Result<Value, MemoryExceeded> {
        self.check(s.len())?;
        Ok(Value::Str(self.alloc(HeapObject::Str(MlStr::new(s)))?))
    }
    pub fn alloc_string(&mut self, s: String) -> Result<Value, MemoryExceeded> {
        Ok(Value::Str(self.alloc(HeapObject::Str(MlStr::new(s)))?))
    }
    pub fn alloc_array(&mut self, v: Vec<Value>) -> Result<Value, MemoryExceeded> {
        Ok(Value::Array(self.alloc(HeapObject::Array(v))?))
    }
    pub fn alloc_tuple(&mut self, v: Vec<Value>) -> Result<Value, MemoryExceeded> {
        Ok(Value::Tuple(
            self.alloc(HeapObject::Tuple(v.into_boxed_slice()))?,
        ))
    }
    pub fn alloc_object(&mut self, m: ObjMap) -> Result<Value, MemoryExceeded> {
        Ok(Value::Object(self.alloc(HeapObject::Object(m))?))
    }
    /// An integer value: `Int` when it fits in i64, else a heap big int.
    pub fn alloc_bigint(&mut self, b: BigInt) -> Result<Value, MemoryExceeded> {
        match i64::try_from(&b) {
            Ok(i) => Ok(Value::Int(i)),
            Err(_) => {
                self.check_bigint_bits(b.bits())?;
                Ok(Value::BigInt(self.alloc(HeapObject::BigInt(b))?))
            }
        }
    }

    /// Fails unless a big integer of `bits` bits may be built: within [`MAX_BIGINT_BITS`] and
    /// the memory budget. Call it with the projected size before an expensive operation
    /// (multiplication, powers, factorials), whose time grows faster than its result.
    pub fn check_bigint_bits(&self, bits: u64) -> Result<(), MemoryExceeded> {
        if bits > MAX_BIGINT_BITS {
            return Err(MemoryExceeded);
        }
        self.check((bits / 8) as usize)
    }
    pub fn alloc_closure(&mut self, c: Closure) -> Result<Value, MemoryExceeded> {
        Ok(Value::Function(self.alloc(HeapObject::Closure(c))?))
    }
    pub fn alloc_bound_method(
        &mut self,
        receiver: Value,
        name: &'static str,
    ) -> Result<Value, MemoryExceeded> {
        Ok(Value::Function(self.alloc(HeapObject::BoundMethod(
            BoundMethod { receiver, name },
        ))?))
    }
    /// A cell (captured variable); referenced by closures' `captures`, not by values.
    pub fn alloc_cell(&mut self, v: Value) -> Result<Gc, MemoryExceeded> {
        self.alloc(HeapObject::Cell(v))
    }
    pub fn alloc_error(&mut self, e: ErrorValue) -> Result<Value, MemoryExceeded> {
        Ok(Value::Other(self.alloc(HeapObject::Error(Box::new(e)))?))
    }
    pub fn alloc_bytes(&mut self, b: Vec<u8>) -> Result<Value, MemoryExceeded> {
        Ok(Value::Other(
            self.alloc(HeapObject::Bytes(b.into_boxed_slice()))?,
        ))
    }
    pub fn alloc_module(&mut self, m: Module) -> Result<Value, MemoryExceeded> {
        Ok(Value::Other(self.alloc(HeapObject::Module(Box::new(m)))?))
    }
    pub fn alloc_iterator(&mut self, source: Value) -> Result<Value, MemoryExceeded> {
        Ok(Value::Other(self.alloc(HeapObject::Iterator(
            IterState { source, index: 0 },
        ))?))
    }
    pub fn alloc_host(&mut self, h: Box<dyn HostObject>) -> Result<Value, MemoryExceeded> {
        Ok(Value::Other(self.alloc(HeapObject::Host(h))?))
    }

    /// A 1-character string (ASCII ones are shared, pinned values: no allocation).
    #[inline]
    pub fn char_str(&mut self, c: char) -> Result<Value, MemoryExceeded> {
        if c.is_ascii() {
            self.fill_char_cache()?;
            return Ok(Value::Str(self.char_cache[c as usize]));
        }
        let mut buf = [0u8; 4];
        self.alloc_str(c.encode_utf8(&mut buf))
    }

    /// The empty string (shared, pinned).
    pub fn empty_str(&mut self) -> Result<Value, MemoryExceeded> {
        self.fill_char_cache()?;
        Ok(Value::Str(self.char_cache[128]))
    }

    fn fill_char_cache(&mut self) -> Result<(), MemoryExceeded> {
        if self.char_cache.is_empty() {
            let mut cache = Vec::with_capacity(129);
            for b in 0..128u8 {
                cache.push(self.alloc(HeapObject::Str(MlStr::new((b as char).to_string())))?);
            }
            cache.push(self.alloc(HeapObject::Str(MlStr::new("")))?);
            self.char_cache = cache;
        }
        Ok(())
    }

    /// Appends to an array, charging any capacity growth.
    #[inline]
    pub fn array_push(&mut self, gc: Gc, v: Value) -> Result<(), MemoryExceeded> {
        let arr = self.array_mut(gc);
        if arr.len() < arr.capacity() {
            arr.push(v);
            return Ok(());
        }
        self.array_reserve(gc, 1)?;
        self.array_mut(gc).push(v);
        Ok(())
    }

    /// Makes room for `additional` more elements in an array, charging the growth before
    /// allocating it (amortized doubling, so repeated pushes stay O(1)).
    pub fn array_reserve(&mut self, gc: Gc, additional: usize) -> Result<(), MemoryExceeded> {
        let arr = self.array(gc);
        let (len, cap) = (arr.len(), arr.capacity());
        let needed = len.checked_add(additional).ok_or(MemoryExceeded)?;
        if needed <= cap {
            return Ok(());
        }
        let new_cap = needed.max(cap.saturating_mul(2)).max(4);
        self.check(
            (new_cap - cap)
                .checked_mul(VALUE_SIZE)
                .ok_or(MemoryExceeded)?,
        )?;
        self.array_mut(gc).reserve_exact(new_cap - len);
        self.recharge(gc)
    }

    // ---- names of functions (for `<function NAME>`) --------------------------------

    /// Records the names of a module's functions (index = `Closure::func`).
    pub fn register_function_names(&mut self, module: u32, names: Vec<Box<str>>) {
        let m = module as usize;
        if self.function_names.len() <= m {
            self.function_names.resize_with(m + 1, Vec::new);
        }
        self.function_names[m] = names;
    }
    /// Records the names of the natives, indexed by `NativeId` (one allocation per VM).
    pub fn set_native_names(&mut self, names: Vec<&'static str>) {
        self.native_names = names;
    }
    /// The display name of a function value (`<lambda>` when unknown).
    pub fn function_name(&self, v: Value) -> &str {
        match v {
            Value::Native(id) => self.native_names.get(id as usize).map_or("<native>", |n| n),
            Value::Function(g) => match self.get(g) {
                HeapObject::Closure(c) => self
                    .function_names
                    .get(c.module as usize)
                    .and_then(|m| m.get(c.func as usize))
                    .map_or("<lambda>", |n| n),
                HeapObject::BoundMethod(b) => b.name,
                _ => "<lambda>",
            },
            _ => "<lambda>",
        }
    }

    // ---- garbage collection -------------------------------------------------------

    /// True when enough has been allocated since the last collection to make one worthwhile.
    #[inline]
    pub fn should_collect(&self) -> bool {
        self.allocated_since_gc > self.gc_trigger
    }

    /// Recomputes the collection trigger: at least the threshold and twice the live size after
    /// the last collection (so collection work stays proportional to allocation), but near the
    /// memory limit only half the headroom left, so garbage is collected at a safepoint well
    /// before the limit is hit rather than counted against it.
    fn update_gc_trigger(&mut self) {
        let headroom = self.limit.saturating_sub(self.live_after_gc);
        self.gc_trigger = self
            .gc_threshold
            .max(self.live_after_gc.saturating_mul(2))
            .min((headroom / 2).max(MIN_GC_TRIGGER));
    }

    /// Marks everything reachable from `root` (call for every root, then [`Heap::sweep`]).
    pub fn mark_value(&mut self, root: Value) {
        if let Some(g) = root.gc() {
            self.mark_gc(g);
        }
    }

    /// Marks everything reachable from the slot `root`.
    pub fn mark_gc(&mut self, root: Gc) {
        let mut values = std::mem::take(&mut self.trace_values);
        let mut gcs = std::mem::take(&mut self.trace_gcs);
        gcs.push(root);
        while let Some(g) = gcs.pop() {
            if !self.slots.mark(g.index()) {
                continue;
            }
            if let Some(obj) = self.slots.get(g.index()).and_then(|s| s.obj.as_ref()) {
                obj.trace(&mut values, &mut gcs);
                gcs.extend(values.drain(..).filter_map(|v| v.gc()));
            }
        }
        // A huge array leaves a huge mark stack behind; do not keep it between collections.
        gcs.shrink_to(MARK_STACK_KEPT);
        self.trace_values = values;
        self.trace_gcs = gcs;
    }

    /// Frees every unmarked object and clears the marks.
    pub fn sweep(&mut self) {
        self.sweeps = self.sweeps.wrapping_add(1);
        for i in 0..self.char_cache.len() {
            self.mark_gc(self.char_cache[i]);
        }
        let (bytes_used, free) = (&mut self.bytes_used, &mut self.free);
        self.slots.sweep_unmarked(|i, slot| {
            if slot.obj.take().is_some() {
                *bytes_used -= slot.size;
                slot.size = 0;
                free.push(i as u32);
            }
        });
        self.live_after_gc = self.bytes_used;
        self.allocated_since_gc = 0;
        self.update_gc_trigger();
    }

    /// A full collection: marks from `roots`, then sweeps.
    pub fn collect(&mut self, roots: impl IntoIterator<Item = Value>) {
        for r in roots {
            self.mark_value(r);
        }
        self.sweep();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_64_bytes_and_marks_cross_word_boundaries() {
        assert_eq!(std::mem::size_of::<Slot>(), 64);
        let mut heap = Heap::new();
        // 200 strings: marks span four 64-bit words; keep every third one.
        let all: Vec<Gc> = (0..200)
            .map(|i| {
                heap.alloc(HeapObject::Str(MlStr::new(format!("s{i}"))))
                    .unwrap()
            })
            .collect();
        let keep: Vec<Value> = all.iter().step_by(3).map(|&g| Value::Str(g)).collect();
        heap.collect(keep.iter().copied());
        for (i, &g) in all.iter().enumerate() {
            assert_eq!(heap.slots[g.index()].obj.is_some(), i % 3 == 0, "slot {i}");
        }
        // Marks were cleared: a second collection with no roots frees the rest.
        let before = heap.bytes_used;
        heap.collect([]);
        assert!(heap.bytes_used < before);
        assert!(all.iter().all(|g| heap.slots[g.index()].obj.is_none()));
    }

    #[test]
    fn the_nth_charge_fails_once_and_charges_are_counted() {
        let mut heap = Heap::new();
        assert!(heap.alloc_str("a").is_ok());
        assert_eq!(heap.charges_counted(), 1);
        heap.fail_nth_charge(3);
        let Value::Array(g) = heap.alloc_array(Vec::new()).unwrap() else {
            unreachable!()
        };
        heap.array_push(g, Value::Int(1)).unwrap(); // growth: the 2nd charge
        let before = heap.bytes_used();
        assert!(matches!(heap.alloc_str("b"), Err(MemoryExceeded)));
        assert_eq!(heap.bytes_used(), before, "a failed charge charges nothing");
        assert_eq!(heap.charges_counted(), 3);
        assert!(heap.alloc_str("c").is_ok(), "only the n-th charge fails");
        assert_eq!(heap.charges_counted(), 4);
        heap.fail_nth_charge(0);
        for _ in 0..100 {
            assert!(heap.alloc_str("d").is_ok());
        }
        assert_eq!(heap.charges_counted(), 100);
    }

    #[test]
    fn alloc_charges_and_collect_frees_cycles() {
        let mut heap = Heap::new();
        let base = heap.bytes_used();
        for _ in 0..1000 {
            let a = heap.alloc_array(Vec::new()).unwrap();
            let b = heap.alloc_array(vec![a]).unwrap();
            let Value::Array(ga) = a else { unreachable!() };
            heap.array_push(ga, b).unwrap();
            heap.array_push(ga, a).unwrap();
        }
        assert!(heap.bytes_used() > base);
        heap.collect(std::iter::empty());
        assert_eq!(heap.bytes_used(), base);
        assert_eq!(heap.live_objects(), 0);
    }

    #[test]
    fn cycles_through_objects_closures_and_cells_are_collected() {
        let mut heap = Heap::new();
        let _ = heap.char_str('x').unwrap();
        let base = heap.bytes_used();
        let keep = heap.alloc_array(Vec::new()).unwrap();
        let with_keep = heap.bytes_used();
        for i in 0..500 {
            let Value::Object(o) = heap.alloc_object(ObjMap::new()).unwrap() else {
                unreachable!()
            };
            let cell = heap.alloc_cell(Value::Object(o)).unwrap();
            let clo = heap
                .alloc_closure(Closure {
                    func: 0,
                    module: 0,
                    captures: vec![cell].into(),
                })
                .unwrap();
            let key = heap.alloc_str("self").unwrap();
            heap.object_set(o, key, clo).unwrap();
            heap.object_set(o, Value::Int(i), Value::Object(o)).unwrap();
            let bm = heap.alloc_bound_method(Value::Object(o), "get").unwrap();
            let err = heap
                .alloc_error(ErrorValue {
                    kind: ErrorKind::MLUserException,
                    message: "m".into(),
                    data: Some(bm),
                    line: 1,
                    column: 1,
                })
                .unwrap();
            *heap.cell_mut(cell) = err;
            let it = heap.alloc_iterator(Value::Object(o)).unwrap();
            heap.object_set(o, Value::Float(0.5), it).unwrap();
        }
        assert!(heap.should_collect() || heap.bytes_used() > with_keep);
        heap.collect([keep]);
        assert_eq!(heap.bytes_used(), with_keep);
        heap.collect(std::iter::empty());
        assert_eq!(heap.bytes_used(), base);
        assert!(!heap.should_collect());
    }

    #[test]
    fn should_collect_after_enough_allocation() {
        let mut heap = Heap::new();
        heap.set_gc_threshold(10_000);
        assert!(!heap.should_collect());
        for _ in 0..200 {
            heap.alloc_string("y".repeat(100)).unwrap();
        }
        assert!(heap.should_collect());
        heap.collect(std::iter::empty());
        assert!(!heap.should_collect());
        assert_eq!(heap.bytes_used(), 0);
        assert!(heap.peak_bytes() >= 20_000);
    }

    #[test]
    fn roots_survive_collection() {
        let mut heap = Heap::new();
        let s = heap.alloc_str("kept").unwrap();
        let arr = heap.alloc_array(vec![s]).unwrap();
        let cell = heap.alloc_cell(arr).unwrap();
        let clo = heap
            .alloc_closure(Closure {
                func: 0,
                module: 0,
                captures: vec![cell].into(),
            })
            .unwrap();
        heap.alloc_str("garbage").unwrap();
        let before = heap.bytes_used();
        heap.collect([clo]);
        assert_eq!(heap.live_objects(), 4);
        assert!(heap.bytes_used() < before);
        let Value::Str(g) = s else { unreachable!() };
        assert_eq!(heap.str(g), "kept");
    }

    #[test]
    fn limit_is_enforced() {
        let mut heap = Heap::with_limit(1000);
        assert!(heap.alloc_string("x".repeat(2000)).is_err());
        assert_eq!(heap.bytes_used(), 0);
        let a = heap.alloc_array(Vec::new()).unwrap();
        let Value::Array(g) = a else { unreachable!() };
        let mut failed = false;
        for i in 0..1000 {
            if heap.array_push(g, Value::Int(i)).is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed);
        assert!(heap.bytes_used() <= 1000);
    }

    #[test]
    fn char_cache_is_pinned() {
        let mut heap = Heap::new();
        let a = heap.char_str('a').unwrap();
        assert_eq!(a.gc(), heap.char_str('a').unwrap().gc());
        heap.collect(std::iter::empty());
        let Value::Str(g) = heap.char_str('a').unwrap() else {
            unreachable!()
        };
        assert_eq!(heap.str(g), "a");
        let Value::Str(e) = heap.empty_str().unwrap() else {
            unreachable!()
        };
        assert_eq!(heap.str(e), "");
        let Value::Str(u) = heap.char_str('é').unwrap() else {
            unreachable!()
        };
        assert_eq!(heap.str(u), "é");
    }

    #[test]
    fn freed_slots_are_reused() {
        let mut heap = Heap::new();
        heap.alloc_str("a").unwrap();
        heap.collect(std::iter::empty());
        let v = heap.alloc_str("b").unwrap();
        assert_eq!(v.gc(), Some(Gc(0)));
    }

    #[test]
    fn slots_span_chunks_and_survive_growth() {
        let mut heap = Heap::new();
        let n = 3 * CHUNK_LEN + 5;
        let vals: Vec<Value> = (0..n).map(|i| Value::Int(i as i64)).collect();
        let arrays: Vec<Value> = vals
            .iter()
            .map(|&v| heap.alloc_array(vec![v]).unwrap())
            .collect();
        // Keep every other array; the rest become free slots.
        heap.collect(arrays.iter().step_by(2).copied());
        assert_eq!(heap.live_objects(), n.div_ceil(2));
        for (i, a) in arrays.iter().enumerate().step_by(2) {
            let Value::Array(g) = *a else { unreachable!() };
            assert!(matches!(heap.array(g)[0], Value::Int(x) if x == i as i64));
        }
        let again = heap.alloc_str("x").unwrap();
        assert!(again.gc().is_some_and(|g| g.index() < n));
    }
}
