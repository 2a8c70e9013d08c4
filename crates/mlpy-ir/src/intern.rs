//! The string interner of lowering: names, member names, string literals and big-integer
//! digits all become [`Symbol`]s of one [`Symbols`] table (which moves into the IR).
//!
//! Invariants: each distinct text is stored once; `intern` of equal texts returns the same
//! symbol; the hash table holds only symbol ids (the text lives once, in `Symbols`).

use crate::ir::{Symbol, Symbols};
use hashbrown::hash_table::{Entry, HashTable};
use hashbrown::DefaultHashBuilder;
use std::hash::BuildHasher;

#[derive(Clone, Default, Debug)]
pub(crate) struct Interner {
    symbols: Symbols,
    index: NameIndex,
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

impl Interner {
    pub fn intern(&mut self, text: &str) -> Symbol {
        let Interner {
            symbols,
            index: NameIndex { table, hasher },
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
        assert_ne!(a, b);
        assert_eq!(i.intern("alpha"), a);
        assert_eq!(i.get(b), "beta");
        assert_eq!(i.intern(""), i.intern(""));
        let (symbols, index) = i.into_parts();
        assert_eq!(symbols.len(), 3);
        assert_eq!(index.lookup(&symbols, "alpha"), Some(a));
        assert_eq!(index.lookup(&symbols, "beta"), Some(b));
        assert_eq!(index.lookup(&symbols, "gamma"), None);
    }
}
