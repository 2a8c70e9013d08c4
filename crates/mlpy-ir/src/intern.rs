//! The string interner of lowering: names, member names, string literals and big-integer
//! digits all become [`Symbol`]s of one [`Symbols`] table (which moves into the IR).
//!
//! Invariants: each distinct text is stored once; `intern` of equal texts returns the same
//! symbol; the hash table holds only symbol ids (the text lives once, in `Symbols`).
//! [`Interner::intern_borrowed`] first looks the text up by address in a small direct-mapped
//! cache: the parser shares one token text among equal tokens, so most name occurrences are
//! found without hashing. The cache key is the text's address *and* length, and the caller
//! borrowed text must outlive the interner (the `'t` lifetime), so an address can never be
//! reused for other bytes while it is cached.

use crate::ir::{Symbol, Symbols};
use hashbrown::hash_table::{Entry, HashTable};
use hashbrown::DefaultHashBuilder;
use std::hash::BuildHasher;
use std::marker::PhantomData;

/// Entries of the address cache (a power of two).
const CACHE_SIZE: usize = 4096;

/// `'t`: the lifetime of the texts given to [`Interner::intern_borrowed`].
#[derive(Clone, Debug)]
pub(crate) struct Interner<'t> {
    symbols: Symbols,
    index: NameIndex,
    /// (text address, text length, symbol) of recently interned borrowed texts.
    cache: Vec<(usize, u32, Symbol)>,
    borrowed: PhantomData<&'t str>,
}

impl Default for Interner<'_> {
    fn default() -> Self {
        Interner {
            symbols: Symbols::default(),
            index: NameIndex::default(),
            cache: vec![(0, 0, Symbol(0)); CACHE_SIZE],
            borrowed: PhantomData,
        }
    }
}

/// The hash index of an interner, kept after its texts moved into the IR.
#[derive(Clone, Default)]
pub(crate) struct NameIndex {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("len", &self.table.len())
            .finish()
    }
}

impl NameIndex {
    /// The symbol of `text` among `symbols` (the texts this index was built over).
    pub fn lookup(&self, symbols: &Symbols, text: &str) -> Option<Symbol> {
        let hash = self.hasher.hash_one(text);
        self.table
            .find(hash, |&id| symbols.get(Symbol(id)) == text)
            .map(|&id| Symbol(id))
    }
}

impl<'t> Interner<'t> {
    pub fn with_capacity(names: usize) -> Self {
        let mut interner = Interner::default();
        // The table is empty: the rehash function is never called.
        interner.index.table.reserve(names, |_| 0);
        interner
    }

    /// Interns text that outlives the interner (the syntax tree being lowered): an
    /// address-cache hit costs no hashing.
    pub fn intern_borrowed(&mut self, text: &'t str) -> Symbol {
        let addr = text.as_ptr() as usize;
        let slot = (addr ^ (addr >> 12)) & (CACHE_SIZE - 1);
        if let Some(&(a, len, sym)) = self.cache.get(slot) {
            if a == addr && len as usize == text.len() && addr != 0 {
                return sym;
            }
        }
        let sym = self.intern(text);
        if let Some(entry) = self.cache.get_mut(slot) {
            *entry = (addr, text.len() as u32, sym);
        }
        sym
    }

    pub fn intern(&mut self, text: &str) -> Symbol {
        let Interner {
            symbols,
            index: NameIndex { table, hasher },
            ..
        } = self;
        let hash = hasher.hash_one(text);
        let entry = table.entry(
            hash,
            |&id| symbols.get(Symbol(id)) == text,
            |&id| hasher.hash_one(symbols.get(Symbol(id))),
        );
        match entry {
            Entry::Occupied(e) => Symbol(*e.get()),
            Entry::Vacant(v) => {
                let sym = symbols.push(text);
                v.insert(sym.0);
                sym
            }
        }
    }

    pub fn get(&self, sym: Symbol) -> &str {
        self.symbols.get(sym)
    }

    /// The texts (for the IR) and the hash index (for later lookups over those texts).
    pub fn into_parts(self) -> (Symbols, NameIndex) {
        (self.symbols, self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_a_symbol() {
        let mut i = Interner::default();
        let a = i.intern("alpha");
        let b = i.intern("beta");
        let text = String::from("alpha beta");
        assert_eq!(i.intern_borrowed(&text[..5]), a);
        assert_eq!(i.intern_borrowed(&text[..5]), a, "cached");
        assert_eq!(
            i.intern_borrowed(&text[..4]),
            i.intern("alph"),
            "same address, other length"
        );
        assert_eq!(i.intern_borrowed(&text[6..]), b);
        assert_ne!(a, b);
        assert_eq!(i.intern("alpha"), a);
        assert_eq!(i.get(b), "beta");
        assert_eq!(i.intern(""), i.intern(""));
        let (symbols, index) = i.into_parts();
        assert_eq!(symbols.len(), 4);
        assert_eq!(index.lookup(&symbols, "alpha"), Some(a));
        assert_eq!(index.lookup(&symbols, "beta"), Some(b));
        assert_eq!(index.lookup(&symbols, "gamma"), None);
    }
}
