//! The IR both backends consume (the VM compiler and the Python emitter).
//!
//! Invariants:
//! - Every node carries the `TextRange` of the source it came from (errors point there).
//! - Names are fully resolved: every variable reference is a [`Var`] saying exactly where the
//!   value lives (local slot, cell, captured cell, global slot, builtin, stdlib module, or an
//!   open-world host global). Backends never look names up by scope chain.
//! - Sugar is gone: function declarations are assignments of a [`Expr::Function`], `o.k = v` is
//!   an index store with a string key, `nonlocal` is reflected in resolution only, predefined
//!   constants (`null`, `undefined`, `True`, `False`, `None`) are literals, and only the first
//!   `except` clause of a `try` survives (later ones can never run).
//! - The IR is a tree; functions live in [`Program::functions`] and are referenced by [`FuncId`].

pub use mlpy_syntax::TextRange;

/// Index into [`Program::functions`].
pub type FuncId = u32;

/// A whole compiled module (the main program or an imported ML module).
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Top-level statements, executed in order.
    pub body: Vec<Stmt>,
    /// Every global variable the program names (top-level bindings, host globals, and names
    /// bound only inside some function that are read as globals). Indexed by `Var::Global`.
    /// Order = first appearance in the source, which is also the `--globals json` order
    /// candidates are listed in (the VM reports them in first-assignment order).
    pub globals: Vec<GlobalVar>,
    /// Every function and arrow body of the program. Indexed by [`FuncId`].
    pub functions: Vec<Function>,
    /// `capability` declarations, kept for the host (no runtime effect).
    pub capabilities: Vec<CapabilityDecl>,
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
    pub body: Vec<Stmt>,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Local {
    pub name: String,
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    Builtin(String),
    /// A standard-library module used without `import` (implicit import, language.md §8.3).
    Module(String),
    /// Open world only: looked up in the host namespace at run time, `NameError` if absent.
    HostGlobal(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub range: TextRange,
}

// The IR is built once per compile and walked, never stored in bulk: variant size does not matter,
// and boxing `Assign`'s target would only make every backend's patterns noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    /// `target = value;` (value evaluated first, then the target's sub-expressions).
    Assign {
        target: Target,
        value: Expr,
    },
    /// `[a, b] = value;` — exactly as many items as names, else `ValueError`.
    DestructureArray {
        names: Vec<(Var, TextRange)>,
        value: Expr,
    },
    /// `{a, b} = value;` — `value` evaluated once; each name reads key `"name"` (`KeyError`).
    DestructureObject {
        names: Vec<(String, Var, TextRange)>,
        value: Expr,
    },
    If {
        branches: Vec<(Expr, Vec<Stmt>)>,
        else_body: Option<Vec<Stmt>>,
    },
    While {
        cond: Expr,
        body: Vec<Stmt>,
    },
    ForIn {
        var: Var,
        var_range: TextRange,
        iterable: Expr,
        body: Vec<Stmt>,
    },
    /// C-style `for (init; cond; update)`; `continue` runs `update`.
    CFor {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        update: Option<Box<Stmt>>,
        body: Vec<Stmt>,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    /// `throw {...};` — the operand is always an object literal expression.
    Throw(Expr),
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
    pub body: Vec<Stmt>,
    /// The first `except` clause (the only one that can ever run).
    pub handler: Option<Handler>,
    pub finally: Option<Vec<Stmt>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    /// `except (e)`: bound to the error value for the handler, unbound when it ends.
    pub var: Option<(Var, TextRange)>,
    pub body: Vec<Stmt>,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TargetKind {
    Var(Var),
    /// `obj[index] = v` and `obj.name = v` (the latter with a string-literal index).
    Index {
        object: Expr,
        index: Expr,
    },
    /// `obj[start:end:step] = v`.
    Slice {
        object: Expr,
        start: Option<Expr>,
        end: Option<Expr>,
        step: Option<Expr>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer literal too large for i64, as decimal digits (optional leading `-`).
    BigInt(String),
    Float(f64),
    /// String literal with escapes already processed.
    Str(String),
    Array(Vec<Expr>),
    /// Object literal; keys are always strings (NAME or STRING in the source).
    Object(Vec<(String, Expr)>),
    Var(Var),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `a && b`: `a` if falsy, else `b`.
    And(Box<Expr>, Box<Expr>),
    /// `a || b`: `a` if truthy, else `b`.
    Or(Box<Expr>, Box<Expr>),
    Cond {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `obj.name` (read).
    Member {
        object: Box<Expr>,
        name: String,
    },
    /// `obj[index]`.
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    /// `obj[start:end:step]`.
    Slice {
        object: Box<Expr>,
        start: Option<Box<Expr>>,
        end: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    /// `callee(args)` where the callee is not a member access.
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `obj.name(args)`: method-call semantics of language.md §7.3.
    MethodCall {
        object: Box<Expr>,
        name: String,
        name_range: TextRange,
        args: Vec<Expr>,
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
