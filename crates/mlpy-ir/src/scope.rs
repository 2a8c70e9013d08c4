//! Scope tree and name resolution (language.md §4), independent of the AST.
//!
//! Lowering registers every function scope, every binding occurrence, every `nonlocal`
//! declaration and every name occurrence here, in source order, while it builds the IR; each
//! occurrence gets an index. [`Scopes::resolve_all`] then fixes each function's locals and
//! resolves every occurrence in order, which decides once and for all which locals are cells,
//! which captures each function has and the order of the global slots (first appearance in the
//! source); it returns the [`Var`] of each occurrence index, which lowering writes into the IR.
//!
//! Invariants: the global scope is [`GLOBAL`]; a function's locals are its parameters first, then
//! the other names it binds in order of first appearance, minus its `nonlocal` names; resolution
//! is iterative (no recursion on scope depth); an unresolvable name is reported once per name.
//! Names are interned once per occurrence in the program's one [`Interner`] (so a name id is
//! the name's IR [`Symbol`]).
//!
//! What a scope knows about a name is one [`Entry`] of a dense table (created in source
//! order). While lowering, only the innermost open scope registers names, so each name keeps
//! a chain of the entries of the open scopes (`innermost` + `Entry::prev`): finding the
//! current scope's entry is one array read, no hashing. A scope's entries are unlinked and
//! sorted by name when it closes; resolution then finds an enclosing scope's entry by binary
//! search. Every scope is closed (in nesting order) before resolution.

use crate::intern::Interner;
use crate::ir::{Capture, GlobalVar, Local, Symbol, TextRange, Var};
use crate::names;
use hashbrown::{HashMap, HashSet};
use mlpy_syntax::Diagnostic;

pub(crate) type ScopeId = usize;

/// An interned name (a [`Symbol`]'s index). Every table below is keyed by it, so a name
/// occurrence costs one string hash (its interning) however many tables it touches.
type NameId = u32;

/// The program's global (top-level) scope.
pub(crate) const GLOBAL: ScopeId = 0;

/// How many unknown names get a "did you mean" note (keeps hostile inputs linear).
const MAX_SUGGESTIONS: usize = 32;

/// Name of the one host callback ML code may call (python-api.md §9).
pub(crate) const PYTHON_CALLBACK: &str = "__python_callback";

#[derive(Default)]
struct Scope {
    parent: Option<ScopeId>,
    /// Entries of the parameters in order (regular ones, then the rest parameter).
    params: Vec<u32>,
    has_rest: bool,
    /// Entries of the names with a binding occurrence, in order of first appearance (params
    /// excluded).
    bound: Vec<u32>,
    nonlocals: Vec<(NameId, TextRange)>,
    locals: Vec<Local>,
    captures: Vec<Capture>,
    /// (name, entry) of every name the scope knows; sorted by name once the scope is closed.
    own: Vec<(NameId, u32)>,
}

/// A parameter of the scope.
const PARAM: u8 = 1;
/// Bound in the scope (params excluded).
const BOUND: u8 = 2;
/// Declared `nonlocal` in the scope.
const NONLOCAL: u8 = 4;
/// Occurred (read or bound) so far in the scope, for the nonlocal order rule.
const SEEN: u8 = 8;
/// `Scopes::bound_in`: bound in some function scope / at top level.
const FN_BOUND: u8 = 1;
const GLOBAL_BOUND: u8 = 2;
/// No slot / no capture.
const NONE: u32 = u32::MAX;

/// What one scope knows about one name.
#[derive(Clone, Copy)]
struct Entry {
    scope: ScopeId,
    name: NameId,
    flags: u8,
    /// Local slot in a function scope (after `resolve_all` fixed the locals), else `NONE`.
    slot: u32,
    /// Memoised resolution of a name that is not a local of the scope.
    resolved: Option<Var>,
    /// While the scope is open: the same name's entry in the nearest enclosing open scope
    /// that has one, else `NONE`.
    prev: u32,
}

fn key(scope: ScopeId, id: NameId) -> u64 {
    ((scope as u64) << 32) | u64::from(id)
}

/// Settings of the resolver that come from the embedding (`LowerOptions`).
pub(crate) struct World {
    pub host_globals: HashSet<String>,
    pub extra_modules: HashSet<String>,
    pub open_world: bool,
}

/// `'t`: the lifetime of the syntax tree whose names are registered.
pub(crate) struct Scopes<'t> {
    scopes: Vec<Scope>,
    world: World,
    /// Interned names (and the other strings of the IR).
    interner: Interner<'t>,
    /// What each scope knows about each name (see the module doc).
    entries: Vec<Entry>,
    /// Per name id: the entry of the innermost open scope that has one, else `NONE`.
    innermost: Vec<u32>,
    /// (scope, name) -> index into the scope's `captures` (rare: a hash table is fine).
    capture_of: HashMap<u64, u32>,
    /// Every name occurrence in source order: (entry, range).
    log: Vec<(u32, TextRange)>,
    /// Per name id: `FN_BOUND` (bound in some function scope: such names count as resolvable
    /// globals, §4.7) / `GLOBAL_BOUND` (names are dense ids: a vector, not a set).
    bound_in: Vec<u8>,
    globals: Vec<GlobalVar>,
    /// Per name id: its global slot, else `NONE` (names are dense ids).
    global_slot: Vec<u32>,
    reported_unknown: HashSet<NameId>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What [`Scopes::finish`] hands back.
pub(crate) struct Finished<'t> {
    pub globals: Vec<GlobalVar>,
    pub diagnostics: Vec<Diagnostic>,
    pub interner: Interner<'t>,
    /// Per name (symbol id): nonzero when bound in some scope.
    pub bound: Vec<u8>,
}

/// Where an outward walk for a name ended.
enum Found {
    /// A function scope that binds the name as a local (slot).
    Function(ScopeId, u32),
    /// No enclosing function binds it.
    Global,
}

impl<'t> Scopes<'t> {
    /// `expected_entries` / `expected_names`: guesses of the number of (scope, name) pairs and
    /// of distinct strings.
    pub fn new(world: World, expected_entries: usize, expected_names: usize) -> Self {
        Scopes {
            scopes: vec![Scope::default()],
            world,
            interner: Interner::with_capacity(expected_names),
            entries: Vec::with_capacity(expected_entries),
            innermost: Vec::new(),
            capture_of: HashMap::new(),
            log: Vec::new(),
            bound_in: Vec::new(),
            globals: Vec::new(),
            global_slot: Vec::new(),
            reported_unknown: HashSet::new(),
            diagnostics: Vec::new(),
        }
    }

    fn intern(&mut self, name: &'t str) -> NameId {
        self.interner.intern_borrowed(name).0
    }

    /// Interns a string of the IR borrowed from the tree (member names, keys).
    pub fn symbol_borrowed(&mut self, text: &'t str) -> Symbol {
        self.interner.intern_borrowed(text)
    }

    /// Interns any string of the IR (string literals).
    pub fn symbol(&mut self, text: &str) -> Symbol {
        self.interner.intern(text)
    }

    fn name(&self, id: NameId) -> &str {
        self.interner.get(Symbol(id))
    }

    /// The entry of `id` in `scope`, the innermost open scope (created if missing).
    fn entry_of(&mut self, scope: ScopeId, id: NameId) -> u32 {
        let i = id as usize;
        if self.innermost.len() <= i {
            self.innermost.resize(i + 1, NONE);
        }
        let top = self.innermost[i];
        if let Some(e) = self.entries.get(top as usize) {
            if e.scope == scope {
                return top;
            }
        }
        let index = self.entries.len() as u32;
        self.entries.push(Entry {
            scope,
            name: id,
            flags: 0,
            slot: NONE,
            resolved: None,
            prev: top,
        });
        self.innermost[i] = index;
        self.scopes[scope].own.push((id, index));
        index
    }

    fn entry(&mut self, e: u32) -> &mut Entry {
        &mut self.entries[e as usize]
    }

    /// The entry of `id` in a closed `scope`.
    fn lookup(&self, scope: ScopeId, id: NameId) -> Option<&Entry> {
        let own = &self.scopes[scope].own;
        let at = own.binary_search_by_key(&id, |&(name, _)| name).ok()?;
        self.entries.get(own[at].1 as usize)
    }

    fn has(&self, scope: ScopeId, id: NameId, flag: u8) -> bool {
        self.lookup(scope, id).is_some_and(|e| e.flags & flag != 0)
    }

    /// Ends a scope (the innermost open one): its names' chains go back to the enclosing
    /// scopes' entries, and its entries become searchable by name.
    pub fn close(&mut self, scope: ScopeId) {
        let own = &mut self.scopes[scope].own;
        for &(id, e) in own.iter() {
            if let (Some(slot), Some(entry)) = (
                self.innermost.get_mut(id as usize),
                self.entries.get(e as usize),
            ) {
                *slot = entry.prev;
            }
        }
        own.sort_unstable_by_key(|&(name, _)| name);
    }

    // ---- registration (while lowering) ----

    pub fn new_function(&mut self, parent: ScopeId) -> ScopeId {
        self.scopes.push(Scope {
            parent: Some(parent),
            ..Scope::default()
        });
        self.scopes.len() - 1
    }

    /// A parameter of function `scope` (declared in order; the rest parameter last).
    pub fn add_param(&mut self, scope: ScopeId, name: &'t str, range: TextRange, rest: bool) {
        if !self.check_bindable(name, range) {
            return;
        }
        let id = self.intern(name);
        let index = self.entry_of(scope, id);
        let e = self.entry(index);
        if e.flags & PARAM != 0 {
            self.diagnostics.push(Diagnostic::error(
                format!("Duplicate parameter '{name}' in function definition"),
                range,
            ));
            return;
        }
        e.flags |= PARAM | SEEN;
        let s = &mut self.scopes[scope];
        s.params.push(index);
        s.has_rest |= rest;
        self.mark_bound(id, FN_BOUND);
    }

    /// A binding occurrence (assignment, destructuring, for/except variable, declaration,
    /// import): its occurrence index, or `None` (reported) when the name cannot be bound.
    pub fn bind(&mut self, scope: ScopeId, name: &'t str, range: TextRange) -> Option<u32> {
        if !self.check_bindable(name, range) {
            return None;
        }
        let id = self.intern(name);
        let index = self.entry_of(scope, id);
        let e = self.entry(index);
        let new = e.flags & BOUND == 0;
        e.flags |= BOUND | SEEN;
        if new {
            self.scopes[scope].bound.push(index);
        }
        self.mark_bound(
            id,
            if scope == GLOBAL {
                GLOBAL_BOUND
            } else {
                FN_BOUND
            },
        );
        Some(self.log_occurrence(index, range))
    }

    /// A read of `name` in `scope`: its occurrence index.
    pub fn use_name(&mut self, scope: ScopeId, name: &'t str, range: TextRange) -> u32 {
        let id = self.intern(name);
        let index = self.entry_of(scope, id);
        self.entry(index).flags |= SEEN;
        self.log_occurrence(index, range)
    }

    /// An occurrence of a name that could not be bound (a constant or `__python_callback`
    /// in a binding position, already reported) but still resolves like a read: its index.
    pub fn unbindable(&mut self, scope: ScopeId, name: &'t str, range: TextRange) -> u32 {
        let id = self.intern(name);
        let index = self.entry_of(scope, id);
        self.log_occurrence(index, range)
    }

    fn log_occurrence(&mut self, entry: u32, range: TextRange) -> u32 {
        self.log.push((entry, range));
        self.log.len() as u32 - 1
    }

    pub fn declare_nonlocal(&mut self, scope: ScopeId, name: &'t str, range: TextRange) {
        if scope == GLOBAL {
            self.diagnostics.push(Diagnostic::error(
                "nonlocal declaration not allowed at module level",
                range,
            ));
            return;
        }
        let id = self.intern(name);
        let index = self.entry_of(scope, id);
        let e = self.entry(index);
        let flags = e.flags;
        if flags & PARAM != 0 {
            self.diagnostics.push(Diagnostic::error(
                format!("name '{name}' is parameter and nonlocal"),
                range,
            ));
            return;
        }
        if flags & NONLOCAL != 0 {
            return;
        }
        e.flags |= NONLOCAL | SEEN;
        if flags & SEEN != 0 {
            let msg = if flags & BOUND != 0 {
                format!("name '{name}' is assigned to before nonlocal declaration")
            } else {
                format!("name '{name}' is used prior to nonlocal declaration")
            };
            self.diagnostics.push(Diagnostic::error(msg, range));
        }
        self.scopes[scope].nonlocals.push((id, range));
    }

    /// Predefined constants and `__python_callback` can never be bound (§4.7, P-140).
    fn check_bindable(&mut self, name: &str, range: TextRange) -> bool {
        if names::PREDEFINED_CONSTANTS.contains(&name) {
            self.diagnostics.push(Diagnostic::error(
                format!("Cannot assign to constant '{name}'"),
                range,
            ));
            false
        } else if name == PYTHON_CALLBACK {
            self.diagnostics.push(Diagnostic::error(
                format!("'{PYTHON_CALLBACK}' can only be called, not assigned"),
                range,
            ));
            false
        } else {
            true
        }
    }

    /// Ends registration: fixes locals, checks `nonlocal`s, resolves every occurrence in source
    /// order; returns the variable of each occurrence index (cell flags final).
    pub fn resolve_all(&mut self) -> Vec<Var> {
        // Function scopes were closed by lowering; the global scope ends here.
        self.close(GLOBAL);
        let entries = &mut self.entries;
        for s in self.scopes.iter_mut().skip(1) {
            let mut locals: Vec<Local> = Vec::with_capacity(s.params.len() + s.bound.len());
            for &index in s.params.iter().chain(s.bound.iter()) {
                let Some(e) = entries.get_mut(index as usize) else {
                    continue;
                };
                if e.flags & NONLOCAL != 0 || e.slot != NONE {
                    continue;
                }
                e.slot = locals.len() as u32;
                locals.push(Local {
                    name: Symbol(e.name),
                    is_cell: false,
                });
            }
            s.locals = locals;
        }
        for id in 1..self.scopes.len() {
            for (name, range) in self.scopes[id].nonlocals.clone() {
                self.check_nonlocal(id, name, range);
            }
        }
        let log = std::mem::take(&mut self.log);
        let mut vars: Vec<Var> = log
            .iter()
            .map(|&(entry, range)| self.var_id(entry, range))
            .collect();
        // A local read before an inner function captured it is a cell all the same.
        for (var, &(entry, _)) in vars.iter_mut().zip(&log) {
            if let Var::Local(slot) = *var {
                let scope = self.entries[entry as usize].scope;
                if self.scopes[scope].locals[slot as usize].is_cell {
                    *var = Var::Cell(slot);
                }
            }
        }
        vars
    }

    // ---- queries ----

    fn var_id(&mut self, entry: u32, range: TextRange) -> Var {
        let e = self.entries[entry as usize];
        let scope = e.scope;
        if e.slot != NONE {
            // Not memoised: an inner function may turn the local into a cell later on.
            return if self.scopes[scope].locals[e.slot as usize].is_cell {
                Var::Cell(e.slot)
            } else {
                Var::Local(e.slot)
            };
        }
        if let Some(v) = e.resolved {
            return v;
        }
        let var = self.resolve(scope, e.name, e.flags & NONLOCAL != 0, range);
        self.entry(entry).resolved = Some(var);
        var
    }

    /// (number of regular parameters, has a rest parameter) of a function scope.
    pub fn param_counts(&self, scope: ScopeId) -> (u32, bool) {
        let s = &self.scopes[scope];
        let regular = s.params.len() - usize::from(s.has_rest);
        (regular as u32, s.has_rest)
    }

    /// Moves out the locals (with final cell flags) and captures of a function scope; only
    /// after [`Scopes::resolve_all`].
    pub fn take_function_frame(&mut self, scope: ScopeId) -> (Vec<Local>, Vec<Capture>) {
        let s = &mut self.scopes[scope];
        (
            std::mem::take(&mut s.locals),
            std::mem::take(&mut s.captures),
        )
    }

    fn mark_bound(&mut self, id: NameId, flag: u8) {
        let i = id as usize;
        if self.bound_in.len() <= i {
            self.bound_in.resize(i + 1, 0);
        }
        self.bound_in[i] |= flag;
    }

    fn bound_flag(&self, id: NameId, flag: u8) -> bool {
        self.bound_in
            .get(id as usize)
            .is_some_and(|&f| f & flag != 0)
    }

    fn bound_names(&self) -> impl Iterator<Item = &str> {
        self.bound_in
            .iter()
            .enumerate()
            .filter(|(_, &f)| f != 0)
            .map(|(id, _)| self.name(id as NameId))
    }

    /// The end of resolution: the global slots, the resolver's diagnostics, the interner and
    /// the names bound anywhere in the program.
    pub fn finish(self) -> Finished<'t> {
        Finished {
            globals: self.globals,
            diagnostics: self.diagnostics,
            interner: self.interner,
            bound: self.bound_in,
        }
    }

    // ---- resolution ----

    fn resolve(&mut self, scope: ScopeId, id: NameId, is_nonlocal: bool, range: TextRange) -> Var {
        if scope == GLOBAL {
            return self.global_lookup(id, range);
        }
        match self.find_outward(scope, id) {
            Found::Function(binder, slot) => Var::Free(self.capture_chain(scope, binder, slot, id)),
            Found::Global if is_nonlocal || self.chain_declares_nonlocal(scope, id) => {
                // The nonlocal error (if any) was reported by `check_nonlocal`.
                self.global_var(id)
            }
            Found::Global => self.global_lookup(id, range),
        }
    }

    /// Reports a `nonlocal` that neither an enclosing function nor the top level binds. (The
    /// name itself resolves with the other occurrences, so global slots keep source order.)
    fn check_nonlocal(&mut self, scope: ScopeId, id: NameId, range: TextRange) {
        if let Found::Global = self.find_outward(scope, id) {
            if !self.bound_flag(id, GLOBAL_BOUND) {
                let message = format!("no binding for nonlocal '{}' found", self.name(id));
                self.diagnostics.push(Diagnostic::error(message, range));
            }
        }
    }

    /// True when some function between `scope` (inclusive) and the global scope declares
    /// `name` nonlocal: then a global result is the top-level variable, never a builtin.
    fn chain_declares_nonlocal(&self, scope: ScopeId, id: NameId) -> bool {
        let mut cur = Some(scope);
        while let Some(s) = cur {
            if self.has(s, id, NONLOCAL) {
                return true;
            }
            cur = self.scopes[s].parent;
        }
        false
    }

    /// Walks from the parent of `scope` outward to the nearest function binding `name` locally.
    fn find_outward(&self, scope: ScopeId, id: NameId) -> Found {
        let mut cur = self.scopes[scope].parent;
        while let Some(s) = cur {
            if s == GLOBAL {
                break;
            }
            if let Some(e) = self.lookup(s, id).filter(|e| e.slot != NONE) {
                return Found::Function(s, e.slot);
            }
            cur = self.scopes[s].parent;
        }
        Found::Global
    }

    /// Makes `binder`'s local a cell and threads a capture through every function from just
    /// inside `binder` down to `scope`; returns `scope`'s capture index.
    fn capture_chain(&mut self, scope: ScopeId, binder: ScopeId, slot: u32, id: NameId) -> u32 {
        self.scopes[binder].locals[slot as usize].is_cell = true;
        let mut chain = Vec::new();
        let mut cur = scope;
        while cur != binder {
            chain.push(cur);
            match self.scopes[cur].parent {
                Some(p) => cur = p,
                None => break,
            }
        }
        let mut from = Capture::Local(slot);
        let mut index = 0;
        for &s in chain.iter().rev() {
            let captures = &mut self.scopes[s].captures;
            index = *self.capture_of.entry(key(s, id)).or_insert_with(|| {
                captures.push(from);
                captures.len() as u32 - 1
            });
            from = Capture::Free(index);
        }
        index
    }

    /// A free name that no enclosing function binds (§4.7 steps 2-4).
    fn global_lookup(&mut self, id: NameId, range: TextRange) -> Var {
        let w = &self.world;
        let name = self.name(id);
        if self.bound_flag(id, GLOBAL_BOUND) || w.host_globals.contains(name) {
            self.global_var(id)
        } else if names::is_builtin(name) {
            Var::Builtin(Symbol(id))
        } else if names::is_stdlib_module(name) || w.extra_modules.contains(name) {
            Var::Module(Symbol(id))
        } else if self.bound_flag(id, FN_BOUND) {
            self.global_var(id)
        } else if name == PYTHON_CALLBACK {
            // Always resolvable; no handler installed is a run-time NameError (P-144).
            Var::HostGlobal(Symbol(id))
        } else {
            self.report_unknown(id, range);
            Var::HostGlobal(Symbol(id))
        }
    }

    fn report_unknown(&mut self, id: NameId, range: TextRange) {
        if !self.reported_unknown.insert(id) {
            return;
        }
        let name = self.name(id);
        let diag = if self.world.open_world {
            Diagnostic::warning(
                format!(
                    "Unknown identifier '{name}' (looked up in the host namespace at run time)"
                ),
                range,
            )
        } else {
            Diagnostic::error(format!("Unknown identifier '{name}'"), range)
        };
        // Suggestions cost (unknown names x known names) edit distances: only the first few.
        let suggest = self.reported_unknown.len() <= MAX_SUGGESTIONS && name.len() <= 64;
        let suggestion = if suggest { self.suggestion(name) } else { None };
        let diag = match suggestion {
            Some(s) => diag.with_note(format!("did you mean '{s}'?")),
            None => diag,
        };
        self.diagnostics.push(diag);
    }

    /// The closest known name, if it is close enough to be a plausible typo.
    fn suggestion(&self, name: &str) -> Option<String> {
        let candidates = self
            .bound_names()
            .chain(self.world.host_globals.iter().map(String::as_str))
            .chain(self.world.extra_modules.iter().map(String::as_str))
            .chain(names::BUILTINS.iter().copied())
            .chain(names::STDLIB_MODULES.iter().copied())
            .chain(names::PREDEFINED_CONSTANTS.iter().copied())
            .chain(std::iter::once(names::BUILTIN_MODULE));
        let limit = (name.chars().count() / 3).max(1);
        candidates
            .filter(|c| *c != name)
            .map(|c| (strsim::levenshtein(name, c), c))
            .filter(|(d, _)| *d <= limit)
            .min()
            .map(|(_, c)| c.to_string())
    }

    fn global_var(&mut self, id: NameId) -> Var {
        let i = id as usize;
        match self.global_slot.get(i) {
            Some(&slot) if slot != NONE => return Var::Global(slot),
            Some(_) => {}
            None => self.global_slot.resize(i + 1, NONE),
        }
        let slot = self.globals.len() as u32;
        let name = self.name(id).to_string();
        self.globals.push(GlobalVar {
            builtin_fallback: names::is_builtin(&name),
            host: self.world.host_globals.contains(&name),
            name,
        });
        self.global_slot[i] = slot;
        Var::Global(slot)
    }
}
