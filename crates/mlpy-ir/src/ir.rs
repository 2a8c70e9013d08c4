//! The IR both backends consume (the VM compiler and the Python emitter).
//!
//! Invariants:
//! - Every node carries the `TextRange` of the source it came from (errors point there).
//! - Names are fully resolved: every variable reference is a [`Var`] saying exactly where the
//!   value lives (local slot, cell, captured cell, global slot, builtin, stdlib module, or an
//!   open-world host global). Backends never look names up by scope chain.
//! - Sugar is gone: function declarations are assignments of a [`ExprKind::Function`], `o.k = v`
//!   is an index store with a string key, `nonlocal` is reflected in resolution only, predefined
//!   constants (`null`, `undefined`, `True`, `False`, `None`) are literals, and only the first
//!   `except` clause of a `try` survives (later ones can never run).
//! - The IR is a tree stored flat: every block (top level, function body, loop body, branch,
//!   handler, ...) is a run of [`Program::stmts`] ([`StmtList`], [`Program::block`]);
//!   expressions live in [`Program::exprs`] and refer to their operands by [`ExprId`];
//!   argument and element lists are runs of [`Program::expr_lists`] ([`ExprList`]), object
//!   literal properties runs of [`Program::props`] ([`PropList`]); every name, member name and
//!   string literal is a [`Symbol`] of [`Program::symbols`]. An id or run is only meaningful
//!   for the program that made it. A reachable expression or statement has exactly one parent.
//!   Functions live in [`Program::functions`] and are referenced by [`FuncId`].
//! - Building and dropping a program costs a few large allocations, not one per node.

pub use mlpy_syntax::TextRange;
use std::ops::Index;

/// Index into [`Program::functions`].
pub type FuncId = u32;

/// Index into [`Program::exprs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// An interned string (name, member name, string literal, big-integer digits): index into
/// [`Program::symbols`]. Equal symbols of one program have equal text and vice versa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(pub u32);

/// A run of [`Program::expr_lists`]: `expr_lists[start..start + len]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ExprList {
    pub start: u32,
    pub len: u32,
}

/// A run of [`Program::stmts`] (a block): `stmts[start..start + len]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StmtList {
    pub start: u32,
    pub len: u32,
}

impl StmtList {
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// A run of [`Program::props`]: `props[start..start + len]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PropList {
    pub start: u32,
    pub len: u32,
}

impl ExprList {
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

impl PropList {
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// The interned strings of a program, stored back to back in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Symbols {
    text: String,
    /// (start, end) byte offsets into `text` of each symbol.
    spans: Vec<(u32, u32)>,
}

impl Symbols {
    /// The text of `sym` (empty for a symbol of another program that is out of range).
    pub fn get(&self, sym: Symbol) -> &str {
        match self.spans.get(sym.0 as usize) {
            Some(&(a, b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            None => "",
        }
    }

    /// Appends `text` as a new symbol (no deduplication: that is the interner's job).
    pub fn push(&mut self, text: &str) -> Symbol {
        let id = Symbol(self.spans.len() as u32);
        let start = self.text.len() as u32;
        self.text.push_str(text);
        self.spans.push((start, self.text.len() as u32));
        id
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Every symbol with its text, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (Symbol, &str)> {
        (0..self.spans.len() as u32).map(|i| (Symbol(i), self.get(Symbol(i))))
    }
}

/// A whole compiled module (the main program or an imported ML module).
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Top-level statements, executed in order.
    pub body: StmtList,
    /// Every global variable the program names (top-level bindings, host globals, and names
    /// bound only inside some function that are read as globals). Indexed by `Var::Global`.
    /// Order = first appearance in the source, which is also the `--globals json` order
    /// candidates are listed in (the VM reports them in first-assignment order).
    pub globals: Vec<GlobalVar>,
    /// Every function and arrow body of the program. Indexed by [`FuncId`].
    pub functions: Vec<Function>,
    /// `capability` declarations, kept for the host (no runtime effect).
    pub capabilities: Vec<CapabilityDecl>,
    /// Every statement of the program, block by block ([`StmtList`]).
    pub stmts: Vec<Stmt>,
    /// Every expression of the program (top level and functions), indexed by [`ExprId`].
    pub exprs: Vec<Expr>,
    /// Argument and element lists ([`ExprList`]).
    pub expr_lists: Vec<ExprId>,
    /// Object literal properties ([`PropList`]): key and value.
    pub props: Vec<(Symbol, ExprId)>,
    /// Interned strings ([`Symbol`]).
    pub symbols: Symbols,
}

impl Program {
    /// The expression `id`. Panics on an id of another program (an internal invariant).
    pub fn expr(&self, id: ExprId) -> &Expr {
        &self.exprs[id.0 as usize]
    }

    /// The statements of a block.
    pub fn block(&self, list: StmtList) -> &[Stmt] {
        let start = list.start as usize;
        &self.stmts[start..start + list.len as usize]
    }

    /// The expressions of a list.
    pub fn list(&self, list: ExprList) -> &[ExprId] {
        let start = list.start as usize;
        &self.expr_lists[start..start + list.len as usize]
    }

    /// The properties of an object literal.
    pub fn props(&self, list: PropList) -> &[(Symbol, ExprId)] {
        let start = list.start as usize;
        &self.props[start..start + list.len as usize]
    }

    /// The text of a symbol.
    pub fn sym(&self, sym: Symbol) -> &str {
        self.symbols.get(sym)
    }

    /// Adds an expression (for code that edits a lowered program).
    pub fn push_expr(&mut self, expr: Expr) -> ExprId {
        self.exprs.push(expr);
        ExprId(self.exprs.len() as u32 - 1)
    }
}

impl Index<ExprId> for Program {
    type Output = Expr;

    fn index(&self, id: ExprId) -> &Expr {
        self.expr(id)
    }
}

impl Index<Symbol> for Program {
    type Output = str;

    fn index(&self, sym: Symbol) -> &str {
        self.sym(sym)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GlobalVar {
    pub name: String,
    /// True when a builtin of the same name exists: reading the global before it was ever
    /// assigned falls back to the builtin (Python's globals-then-builtins lookup).
    pub builtin_fallback: bool,
    /// True when the name was declared by the host (injected context, callbacks).
    pub host: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// Declared name; `None` for arrows and anonymous `function` expressions (`<lambda>`).
    pub name: Option<String>,
    /// Number of regular parameters; they occupy local slots `0..params`.
    pub params: u32,
    /// A rest parameter `...r` occupies local slot `params` when present.
    pub has_rest: bool,
    /// All locals of the function: parameters first, then other bound names in order of first
    /// appearance. `is_cell` locals are captured by an inner function and live in a heap cell.
    pub locals: Vec<Local>,
    /// Cells this function captures from its enclosing function when the closure is created.
    pub captures: Vec<Capture>,
    pub body: StmtList,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Local {
    pub name: Symbol,
    pub is_cell: bool,
}

/// Where a captured cell comes from, relative to the function creating the closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// A cell local (slot) of the enclosing function.
    Local(u32),
    /// A cell the enclosing function itself captured (index into its `captures`).
    Free(u32),
}

/// A resolved variable reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Var {
    /// A plain local register of the current function.
    Local(u32),
    /// A local of the current function that lives in a cell (captured by an inner function).
    Cell(u32),
    /// A captured cell (index into the current function's `captures`).
    Free(u32),
    /// A global slot (index into `Program::globals`).
    Global(u32),
    /// A builtin function or the `builtin` module, by name.
    Builtin(Symbol),
    /// A standard-library module used without `import` (implicit import, language.md §8.3).
    Module(Symbol),
    /// Open world only: looked up in the host namespace at run time, `NameError` if absent.
    HostGlobal(Symbol),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(ExprId),
    /// `target = value;` (value evaluated first, then the target's sub-expressions).
    Assign {
        target: Target,
        value: ExprId,
    },
    /// `[a, b] = value;` — exactly as many items as names, else `ValueError`.
    DestructureArray {
        names: Vec<(Var, TextRange)>,
        value: ExprId,
    },
    /// `{a, b} = value;` — `value` evaluated once; each name reads key `"name"` (`KeyError`).
    DestructureObject {
        names: Vec<(Symbol, Var, TextRange)>,
        value: ExprId,
    },
    If {
        branches: Vec<(ExprId, StmtList)>,
        else_body: Option<StmtList>,
    },
    While {
        cond: ExprId,
        body: StmtList,
    },
    ForIn {
        var: Var,
        var_range: TextRange,
        iterable: ExprId,
        body: StmtList,
    },
    /// C-style `for (init; cond; update)`; `continue` runs `update`.
    CFor {
        init: Option<Box<Stmt>>,
        cond: Option<ExprId>,
        update: Option<Box<Stmt>>,
        body: StmtList,
    },
    Break,
    Continue,
    Return(Option<ExprId>),
    /// `throw {...};` — the operand is always an object literal expression.
    Throw(ExprId),
    Try(Box<TryStmt>),
    /// `import a.b as m;` binds `var` to the module (or, without `as`, `import a.b;` binds `a`
    /// to a namespace whose member `b` is the module).
    Import {
        path: Vec<String>,
        alias: Option<String>,
        var: Var,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TryStmt {
    pub body: StmtList,
    /// The first `except` clause (the only one that can ever run).
    pub handler: Option<Handler>,
    pub finally: Option<StmtList>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    /// `except (e)`: bound to the error value for the handler, unbound when it ends.
    pub var: Option<(Var, TextRange)>,
    pub body: StmtList,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetKind {
    Var(Var),
    /// `obj[index] = v` and `obj.name = v` (the latter with a string-literal index).
    Index {
        object: ExprId,
        index: ExprId,
    },
    /// `obj[start:end:step] = v`.
    Slice {
        object: ExprId,
        start: Option<ExprId>,
        end: Option<ExprId>,
        step: Option<ExprId>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer literal too large for i64, as decimal digits (optional leading `-`).
    BigInt(Symbol),
    Float(f64),
    /// String literal with escapes already processed.
    Str(Symbol),
    Array(ExprList),
    /// Object literal; keys are always strings (NAME or STRING in the source).
    Object(PropList),
    Var(Var),
    Unary {
        op: UnaryOp,
        operand: ExprId,
    },
    Binary {
        op: BinaryOp,
        lhs: ExprId,
        rhs: ExprId,
    },
    /// `a && b`: `a` if falsy, else `b`.
    And(ExprId, ExprId),
    /// `a || b`: `a` if truthy, else `b`.
    Or(ExprId, ExprId),
    Cond {
        cond: ExprId,
        then: ExprId,
        otherwise: ExprId,
    },
    /// `obj.name` (read).
    Member {
        object: ExprId,
        name: Symbol,
    },
    /// `obj[index]`.
    Index {
        object: ExprId,
        index: ExprId,
    },
    /// `obj[start:end:step]`.
    Slice {
        object: ExprId,
        start: Option<ExprId>,
        end: Option<ExprId>,
        step: Option<ExprId>,
    },
    /// `callee(args)` where the callee is not a member access.
    Call {
        callee: ExprId,
        args: ExprList,
    },
    /// `obj.name(args)`: method-call semantics of language.md §7.3.
    MethodCall {
        object: ExprId,
        name: Symbol,
        name_range: TextRange,
        args: ExprList,
    },
    /// Creates a closure over the function (capturing its `captures` now).
    Function(FuncId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-a`
    Neg,
    /// `!a` (always a bool)
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

impl BinaryOp {
    /// The operator as written in ML (used in error messages).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Mod => "%",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Gt => ">",
            BinaryOp::Le => "<=",
            BinaryOp::Ge => ">=",
        }
    }
}

/// `capability NAME { resource "glob"; allow read "target"; }`
#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityDecl {
    pub name: String,
    pub resources: Vec<String>,
    /// (permission, optional target): permission is one of read, write, execute, network, system.
    pub allows: Vec<(String, Option<String>)>,
    pub range: TextRange,
}
