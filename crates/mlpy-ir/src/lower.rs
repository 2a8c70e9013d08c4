//! Lowering from the typed AST to the IR (the public entry point [`lower`]).
//!
//! One pass over the green tree: [`Lowerer`] builds the IR into the program's flat tables,
//! removes the sugar listed in `ir.rs`, reports the semantic errors that need statement context
//! (`break`/`continue` outside a loop, `return` outside a function, a bare `except` that is not
//! last) and registers every scope, binding, `nonlocal` and name occurrence with [`Scopes`] in
//! source order. A variable cannot be resolved before its scopes are complete, so each one is
//! written as a placeholder `Var::Local(occurrence index)`; once the tree is done, [`Scopes`]
//! resolves every occurrence and [`patch_vars`] replaces every placeholder (expressions by one
//! scan of the expression table, statement-level variables by a walk of the statements).
//!
//! Invariants: every `Var` the lowerer writes is a placeholder, and every placeholder is
//! patched before the program is returned; nesting stops at [`MAX_DEPTH`] (reported once);
//! missing pieces of a broken tree are skipped (the parser already reported them), never
//! unwrapped.

use crate::intern::NameIndex;
use crate::ir::{
    self, ExprId, ExprKind, ExprList, FuncId, PropList, StmtKind, StmtList, Symbol, TargetKind,
    TextRange, Var,
};
use crate::literal;
use crate::names;
use crate::scope::{ScopeId, Scopes, World, GLOBAL};
use mlpy_syntax::ast::{self, AstNode};
use mlpy_syntax::ast::{TreeNode, TreeToken};
use mlpy_syntax::{Diagnostic, SyntaxKind};
use rowan::NodeOrToken;

/// Lowering walks the green tree directly: a red `SyntaxNode` cursor per visited node was a
/// large share of the front end's time.
type Tree<'t> = ast::GreenRef<'t>;
type Token<'t> = ast::GreenTokenRef<'t>;

/// How deeply statements and expressions may nest before lowering gives up (left-associative
/// operator chains build deep trees without deep parser recursion).
pub const MAX_DEPTH: u32 = 256;

/// Sources up to this size get their tables sized from their length up front (larger ones
/// grow the rest of the way).
const MAX_PRESIZED_SOURCE: usize = 2 << 20;

/// What the embedding tells the compiler about the world the program runs in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LowerOptions {
    /// Names the host declares before compiling (injected context, callbacks); they resolve as
    /// global slots marked `host`.
    pub host_globals: Vec<String>,
    /// Open world (transpiling): unknown names are a warning and a run-time host lookup.
    /// Closed world (default): unknown names are errors.
    pub open_world: bool,
    /// Host-registered modules that behave like stdlib modules (importable, implicit import).
    pub extra_modules: Vec<String>,
}

/// An ML source module the program imports (not a stdlib or host module); the embedding finds,
/// compiles and binds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRequest {
    pub path: Vec<String>,
    pub range: TextRange,
}

/// The result of lowering one source file.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub program: ir::Program,
    /// Semantic errors and warnings, sorted by position (syntax errors are the parser's).
    pub diagnostics: Vec<Diagnostic>,
    pub imports: Vec<ImportRequest>,
    /// Finds a name's symbol among `program.symbols`.
    names: NameIndex,
    /// Per symbol id: nonzero when the program binds it in some scope (the audit's name
    /// rules, D4).
    bound: Vec<u8>,
}

impl Lowered {
    /// True when the program itself binds `name` somewhere (variable, parameter, function,
    /// import alias), so name-based audit rules do not apply to it (spec D4).
    pub fn binds(&self, name: &str) -> bool {
        self.names
            .lookup(&self.program.symbols, name)
            .is_some_and(|sym| self.bound.get(sym.0 as usize).is_some_and(|&b| b != 0))
    }

    /// True when some diagnostic is an error (the program must not run).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Lowers a parsed file. Never panics, whatever the tree looks like.
pub fn lower(file: &ast::SourceFile<Tree<'_>>, options: &LowerOptions) -> Lowered {
    let root = *file.syntax();
    let file = Some(file.clone());
    let world = World {
        host_globals: options.host_globals.iter().cloned().collect(),
        extra_modules: options.extra_modules.iter().cloned().collect(),
        open_world: options.open_world,
    };
    // About one expression per 8 bytes of source in typical code (the bench file: 130k in
    // 1 MiB), one list element per 50: one allocation each, no regrowth copies for most files.
    // Capped: a huge source must not reserve (or fail to reserve) memory it may never use.
    let source_len = (u32::from(root.text_range().len()) as usize).min(MAX_PRESIZED_SOURCE);
    let mut lowerer = Lowerer {
        scopes: Scopes::new(world, source_len / 40, source_len / 128),
        options,
        exprs: Vec::with_capacity(source_len / 7),
        expr_lists: Vec::with_capacity(source_len / 40),
        props: Vec::new(),
        scratch: Vec::new(),
        prop_scratch: Vec::new(),
        stmts: Vec::with_capacity(source_len / 24),
        stmt_scratch: Vec::new(),
        functions: Vec::new(),
        function_scopes: Vec::new(),
        capabilities: Vec::new(),
        imports: Vec::new(),
        diagnostics: Vec::new(),
        ctx: Context {
            scope: GLOBAL,
            loops: 0,
        },
        depth: 0,
        too_deep: false,
    };
    let body = match &file {
        Some(file) => lowerer.block_items(file.items()),
        None => StmtList::default(),
    };
    let Lowerer {
        mut scopes,
        mut stmts,
        mut exprs,
        expr_lists,
        props,
        mut functions,
        function_scopes,
        capabilities,
        imports,
        diagnostics,
        ..
    } = lowerer;
    let vars = scopes.resolve_all();
    for (f, &scope) in functions.iter_mut().zip(&function_scopes) {
        let (locals, captures) = scopes.take_function_frame(scope);
        f.locals = locals;
        f.captures = captures;
    }
    patch_vars(&vars, &mut exprs, &mut stmts);
    let finished = scopes.finish();
    let (symbols, names) = finished.interner.into_parts();
    let mut all = finished.diagnostics;
    all.extend(diagnostics);
    all.sort_by(|a, b| (a.range.start(), &a.message).cmp(&(b.range.start(), &b.message)));
    Lowered {
        program: ir::Program {
            body,
            globals: finished.globals,
            functions,
            capabilities,
            stmts,
            exprs,
            expr_lists,
            props,
            symbols,
        },
        diagnostics: all,
        imports,
        names,
        bound: finished.bound,
    }
}

/// Replaces every placeholder `Var::Local(occurrence)` by the occurrence's resolved variable:
/// one scan of each table (every statement and expression of the program is in them).
fn patch_vars(vars: &[Var], exprs: &mut [ir::Expr], stmts: &mut [ir::Stmt]) {
    let fix = |v: &mut Var| {
        if let Var::Local(k) = *v {
            if let Some(&resolved) = vars.get(k as usize) {
                *v = resolved;
            }
        }
    };
    for e in exprs.iter_mut() {
        if let ExprKind::Var(v) = &mut e.kind {
            fix(v);
        }
    }
    let fix_stmt = |s: &mut ir::Stmt| match &mut s.kind {
        StmtKind::Assign { target, .. } => {
            if let TargetKind::Var(v) = &mut target.kind {
                fix(v);
            }
        }
        StmtKind::DestructureArray { names, .. } => names.iter_mut().for_each(|(v, _)| fix(v)),
        StmtKind::DestructureObject { names, .. } => names.iter_mut().for_each(|(_, v, _)| fix(v)),
        StmtKind::ForIn { var, .. } | StmtKind::Import { var, .. } => fix(var),
        StmtKind::Try(t) => {
            if let Some((v, _)) = t.handler.as_mut().and_then(|h| h.var.as_mut()) {
                fix(v);
            }
        }
        _ => {}
    };
    for s in stmts.iter_mut() {
        if let StmtKind::CFor { init, update, .. } = &mut s.kind {
            // A C-style loop's initialiser and update are statements of their own (boxed).
            init.as_deref_mut().into_iter().for_each(fix_stmt);
            update.as_deref_mut().into_iter().for_each(fix_stmt);
        }
        fix_stmt(s);
    }
}

fn is_constant(name: &str) -> bool {
    names::PREDEFINED_CONSTANTS.contains(&name)
}

/// The name an `import` binds: the alias, else the first path segment.
fn import_binding<'t>(stmt: &ast::ImportStmt<Tree<'t>>) -> Option<Token<'t>> {
    stmt.alias()
        .or_else(|| stmt.path_tokens().into_iter().next())
}

/// The value of a STRING token (quotes removed, escapes processed), borrowed when it has no
/// escapes.
fn with_string_value<R>(token: &Token<'_>, f: impl FnOnce(&str) -> R) -> R {
    let text = token.text();
    let raw = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
    if raw.contains('\\') {
        f(&mlpy_syntax::unescape(raw))
    } else {
        f(raw)
    }
}

// One-pass splits of the most frequent nodes. The typed accessors find each piece with its own
// walk over the children (and a second one to fetch it); these find all pieces in one walk,
// with the same answers (documented at each accessor they replace).

/// The children of a node split at its first separator token.
struct Split<'t> {
    /// The separator's kind, if there is one.
    sep: Option<SyntaxKind>,
    /// The first expression child before the separator (or in the whole node without one):
    /// `child_before`.
    before: Option<ast::Expr<Tree<'t>>>,
    /// The first expression child after the separator: `child_after`.
    after: Option<ast::Expr<Tree<'t>>>,
    /// How many expression children the node has (more than two only in a broken tree).
    exprs: usize,
}

fn split<'t>(node: &Tree<'t>, is_sep: impl Fn(SyntaxKind) -> bool) -> Split<'t> {
    let mut out = Split {
        sep: None,
        before: None,
        after: None,
        exprs: 0,
    };
    for child in node.children_with_tokens() {
        match child {
            NodeOrToken::Token(t) => {
                if out.sep.is_none() && is_sep(t.kind()) {
                    out.sep = Some(t.kind());
                }
            }
            NodeOrToken::Node(n) => {
                let Some(e) = ast::Expr::cast(n) else {
                    continue;
                };
                out.exprs += 1;
                if out.sep.is_none() {
                    if out.before.is_none() {
                        out.before = Some(e);
                    }
                } else if out.after.is_none() {
                    out.after = Some(e);
                }
            }
        }
    }
    out
}

/// The parts of a member expression.
struct Member<'t> {
    /// `MemberExpr::object`: the first expression child.
    object: Option<ast::Expr<Tree<'t>>>,
    /// `MemberExpr::name`: the first `IDENT` token after the first `.`.
    name: Option<Token<'t>>,
    /// How many expression children the node has (more than one only in a broken tree).
    exprs: usize,
}

fn member_parts<'t>(node: &Tree<'t>) -> Member<'t> {
    let (mut object, mut name, mut dot, mut exprs) = (None, None, false, 0);
    for child in node.children_with_tokens() {
        match child {
            NodeOrToken::Node(n) => {
                if let Some(e) = ast::Expr::cast(n) {
                    exprs += 1;
                    if object.is_none() {
                        object = Some(e);
                    }
                }
            }
            NodeOrToken::Token(t) => match t.kind() {
                SyntaxKind::DOT if !dot => dot = true,
                SyntaxKind::IDENT if dot && name.is_none() => name = Some(t),
                _ => {}
            },
        }
    }
    Member {
        object,
        name,
        exprs,
    }
}

/// The number of expression children of a node.
fn expr_children(node: &Tree<'_>) -> usize {
    node.child_nodes()
        .filter(|n| <ast::Expr<Tree> as AstNode<Tree>>::can_cast(n.kind()))
        .count()
}

fn range_of(e: &Option<ast::Expr<Tree<'_>>>) -> Option<TextRange> {
    e.as_ref().map(AstNode::range)
}

/// `CallExpr::callee` (the first expression child) and `CallExpr::arg_list`.
fn call_parts<'t>(
    node: &Tree<'t>,
) -> (Option<ast::Expr<Tree<'t>>>, Option<ast::ArgList<Tree<'t>>>) {
    let (mut callee, mut args) = (None, None);
    for n in node.child_nodes() {
        if callee.is_none() {
            if let Some(e) = ast::Expr::cast(n) {
                callee = Some(e);
                continue;
            }
        }
        if args.is_none() {
            args = ast::ArgList::cast(n);
        }
        if callee.is_some() && args.is_some() {
            break;
        }
    }
    (callee, args)
}

/// The binary operator of a token kind (`BinOp::from_kind`).
fn bin_op(kind: SyntaxKind) -> Option<ast::BinOp> {
    use ast::BinOp as B;
    use SyntaxKind as K;
    Some(match kind {
        K::PIPE2 => B::Or,
        K::AMP2 => B::And,
        K::EQ2 => B::Eq,
        K::NEQ => B::NotEq,
        K::LT => B::Lt,
        K::GT => B::Gt,
        K::LTEQ => B::LtEq,
        K::GTEQ => B::GtEq,
        K::PLUS => B::Add,
        K::MINUS => B::Sub,
        K::STAR => B::Mul,
        K::SLASH => B::Div,
        K::SLASH_SLASH => B::FloorDiv,
        K::PERCENT => B::Mod,
        _ => return None,
    })
}

/// The pieces shared by `function` declarations, arrows and anonymous functions.
struct FnParts<'t> {
    params: Option<ast::ParamList<Tree<'t>>>,
    body: FnBody<'t>,
}

enum FnBody<'t> {
    Block(Option<ast::Block<Tree<'t>>>),
    Expr(ast::Expr<Tree<'t>>),
}

fn fn_parts<'t>(expr: &ast::Expr<Tree<'t>>) -> Option<FnParts<'t>> {
    match expr {
        ast::Expr::Arrow(a) => Some(FnParts {
            params: a.param_list(),
            body: match a.body() {
                Some(ast::ArrowBody::Expr(e)) => FnBody::Expr(e),
                Some(ast::ArrowBody::Block(b)) => FnBody::Block(Some(b)),
                None => FnBody::Block(None),
            },
        }),
        ast::Expr::Function(f) => Some(FnParts {
            params: f.param_list(),
            body: FnBody::Block(f.body()),
        }),
        _ => None,
    }
}

#[derive(Clone, Copy)]
struct Context {
    scope: ScopeId,
    /// Loops enclosing the current statement within the current function.
    loops: u32,
}

struct Lowerer<'o, 't> {
    scopes: Scopes<'t>,
    options: &'o LowerOptions,
    exprs: Vec<ir::Expr>,
    expr_lists: Vec<ExprId>,
    props: Vec<(Symbol, ExprId)>,
    /// Elements of the lists being lowered (nested lists stack up; each moves its own run to
    /// `expr_lists` when it is complete).
    scratch: Vec<ExprId>,
    prop_scratch: Vec<(Symbol, ExprId)>,
    stmts: Vec<ir::Stmt>,
    /// Statements of the blocks being lowered (as `scratch`, for `block_items`).
    stmt_scratch: Vec<ir::Stmt>,
    functions: Vec<ir::Function>,
    function_scopes: Vec<ScopeId>,
    capabilities: Vec<ir::CapabilityDecl>,
    imports: Vec<ImportRequest>,
    diagnostics: Vec<Diagnostic>,
    ctx: Context,
    depth: u32,
    too_deep: bool,
}

impl<'t> Lowerer<'_, 't> {
    fn error(&mut self, message: impl Into<String>, range: TextRange) {
        self.diagnostics.push(Diagnostic::error(message, range));
    }

    /// Enters one nesting level; false (reported once) past [`MAX_DEPTH`].
    fn enter(&mut self, range: TextRange) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.error(
                    format!("program nested too deeply (more than {MAX_DEPTH} levels)"),
                    range,
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn push(&mut self, kind: ExprKind, range: TextRange) -> ExprId {
        let id = ExprId(self.exprs.len() as u32);
        self.exprs.push(ir::Expr { kind, range });
        id
    }

    /// Moves the scratch elements from `mark` on into `expr_lists`.
    fn finish_list(&mut self, mark: usize) -> ExprList {
        let start = self.expr_lists.len() as u32;
        let items = self.scratch.get(mark..).unwrap_or(&[]);
        self.expr_lists.extend_from_slice(items);
        self.scratch.truncate(mark);
        ExprList {
            start,
            len: self.expr_lists.len() as u32 - start,
        }
    }

    /// A read of `name`: its placeholder variable.
    fn use_var(&mut self, name: &'t str, range: TextRange) -> Var {
        Var::Local(self.scopes.use_name(self.ctx.scope, name, range))
    }

    /// A binding of `name`: its placeholder variable, `None` for a name that cannot be bound
    /// (reported).
    fn bind_var(&mut self, name: &'t str, range: TextRange) -> Option<Var> {
        self.scopes
            .bind(self.ctx.scope, name, range)
            .map(Var::Local)
    }

    /// A binding of `name` that the IR keeps even when the name cannot be bound (the program
    /// has an error then): resolved like a read.
    fn bind_or_use(&mut self, name: &'t str, range: TextRange) -> Var {
        match self.bind_var(name, range) {
            Some(v) => v,
            None => Var::Local(self.scopes.unbindable(self.ctx.scope, name, range)),
        }
    }

    /// Lowers statements into a vector of exactly their number: they are collected on a
    /// shared stack first (nested blocks stack above), so no block vector regrows.
    fn block_items(&mut self, stmts: impl Iterator<Item = ast::Stmt<Tree<'t>>>) -> StmtList {
        let mark = self.stmt_scratch.len();
        for s in stmts {
            if let Some(s) = self.stmt(&s) {
                self.stmt_scratch.push(s);
            }
        }
        let start = self.stmts.len() as u32;
        self.stmts.extend(self.stmt_scratch.drain(mark..));
        StmtList {
            start,
            len: self.stmts.len() as u32 - start,
        }
    }

    fn block(&mut self, block: Option<ast::Block<Tree<'t>>>) -> StmtList {
        match block {
            Some(b) => self.block_items(b.stmts()),
            None => StmtList::default(),
        }
    }

    fn loop_body(&mut self, block: Option<ast::Block<Tree<'t>>>) -> StmtList {
        self.ctx.loops += 1;
        let body = self.block(block);
        self.ctx.loops -= 1;
        body
    }

    fn stmt(&mut self, stmt: &ast::Stmt<Tree<'t>>) -> Option<ir::Stmt> {
        let range = stmt.range();
        if !self.enter(range) {
            return None;
        }
        let kind = self.stmt_kind(stmt, range);
        self.depth -= 1;
        kind.map(|kind| ir::Stmt { kind, range })
    }

    /// One call per form, each in tail position: in debug builds every temporary of a big
    /// `match` gets its own stack slot, and this function is on the recursive path.
    fn stmt_kind(&mut self, stmt: &ast::Stmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        match stmt {
            ast::Stmt::Capability(c) => self.capability(c),
            ast::Stmt::Import(i) => self.import(i, range),
            ast::Stmt::FunctionDecl(f) => self.function_decl(f, range),
            ast::Stmt::If(i) => self.if_stmt(i, range),
            ast::Stmt::While(w) => self.while_stmt(w, range),
            ast::Stmt::ForIn(f) => self.for_in(f, range),
            ast::Stmt::CFor(f) => self.c_for(f),
            ast::Stmt::Try(t) => self.try_stmt(t),
            ast::Stmt::Return(r) => self.return_stmt(r, range),
            ast::Stmt::Throw(t) => self.throw_stmt(t, range),
            ast::Stmt::Break(_) => self.jump(StmtKind::Break, "'break' outside loop", range),
            ast::Stmt::Continue(_) => {
                self.jump(StmtKind::Continue, "'continue' outside loop", range)
            }
            ast::Stmt::Nonlocal(n) => {
                for t in n.names() {
                    self.scopes
                        .declare_nonlocal(self.ctx.scope, t.text(), t.text_range());
                }
                None
            }
            ast::Stmt::Destructure(d) => self.destructure(d, range),
            ast::Stmt::Assign(a) => self.assign(a).map(|s| s.kind),
            ast::Stmt::Expr(e) => self.expr_stmt(e, range),
        }
    }

    fn while_stmt(&mut self, w: &ast::WhileStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        let cond = self.opt_expr(w.condition(), range);
        Some(StmtKind::While {
            cond,
            body: self.loop_body(w.body()),
        })
    }

    fn return_stmt(&mut self, r: &ast::ReturnStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        if self.ctx.scope == GLOBAL {
            self.error("'return' outside function", range);
        }
        Some(StmtKind::Return(r.value().map(|v| self.expr(&v))))
    }

    fn throw_stmt(&mut self, t: &ast::ThrowStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        Some(StmtKind::Throw(self.opt_expr(t.value(), range)))
    }

    fn expr_stmt(&mut self, e: &ast::ExprStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        Some(StmtKind::Expr(self.opt_expr(e.expr(), range)))
    }

    /// `break` / `continue`: only inside a loop of the current function.
    fn jump(&mut self, kind: StmtKind, message: &str, range: TextRange) -> Option<StmtKind> {
        if self.ctx.loops == 0 {
            self.error(message, range);
        }
        Some(kind)
    }

    // The statement forms below live in their own functions so that the recursive path
    // (stmt -> stmt_kind -> block -> stmt) keeps small stack frames.

    fn function_decl(
        &mut self,
        f: &ast::FunctionDecl<Tree<'t>>,
        range: TextRange,
    ) -> Option<StmtKind> {
        let name = f.name();
        // The name is bound before the body is registered (source order).
        let var = name
            .as_ref()
            .map(|t| (self.bind_or_use(t.text(), t.text_range()), t.text_range()));
        let parts = FnParts {
            params: f.param_list(),
            body: FnBody::Block(f.body()),
        };
        let id = self.function(range, name.as_ref().map(|t| t.text().to_string()), parts);
        let (var, name_range) = var?;
        let value = self.push(ExprKind::Function(id), range);
        Some(StmtKind::Assign {
            target: ir::Target {
                kind: TargetKind::Var(var),
                range: name_range,
            },
            value,
        })
    }

    fn if_stmt(&mut self, i: &ast::IfStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        let mut branches = Vec::new();
        let cond = self.opt_expr(i.condition(), range);
        branches.push((cond, self.block(i.then_block())));
        for elif in i.elif_clauses() {
            let cond = self.opt_expr(elif.condition(), elif.range());
            branches.push((cond, self.block(elif.block())));
        }
        let else_body = i.else_clause().map(|c| self.block(c.block()));
        Some(StmtKind::If {
            branches,
            else_body,
        })
    }

    fn for_in(&mut self, f: &ast::ForInStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        // The loop variable is bound before the iterable is read (source order).
        let var = f
            .var()
            .map(|t| (self.bind_var(t.text(), t.text_range()), t.text_range()));
        let iterable = self.opt_expr(f.iterable(), range);
        let body = self.loop_body(f.body());
        let (var, var_range) = var?;
        Some(StmtKind::ForIn {
            // A constant loop variable was reported; `__python_callback` resolves as a read.
            var: match var {
                Some(v) => v,
                None => {
                    let name = f.var()?;
                    if is_constant(name.text()) {
                        return None;
                    }
                    Var::Local(
                        self.scopes
                            .unbindable(self.ctx.scope, name.text(), var_range),
                    )
                }
            },
            var_range,
            iterable,
            body,
        })
    }

    fn c_for(&mut self, f: &ast::CForStmt<Tree<'t>>) -> Option<StmtKind> {
        let init = f.init().and_then(|a| self.assign(&a)).map(Box::new);
        let cond = f.cond().map(|c| self.expr(&c));
        let update = f.update().and_then(|a| self.assign(&a)).map(Box::new);
        Some(StmtKind::CFor {
            init,
            cond,
            update,
            body: self.loop_body(f.body()),
        })
    }

    /// Kept in `Program::capabilities`; no statement.
    fn capability(&mut self, c: &ast::CapabilityDecl<Tree<'t>>) -> Option<StmtKind> {
        let name = c.name()?;
        self.capabilities.push(ir::CapabilityDecl {
            name: name.text().to_string(),
            resources: c.resources().filter_map(|r| r.pattern()).collect(),
            allows: c
                .allows()
                .filter_map(|a| Some((a.permission()?.text().to_string(), a.target())))
                .collect(),
            range: c.range(),
        });
        None
    }

    fn import(&mut self, i: &ast::ImportStmt<Tree<'t>>, range: TextRange) -> Option<StmtKind> {
        let binding = import_binding(i)?;
        let var = self.bind_or_use(binding.text(), binding.text_range());
        let path = i.path();
        let first = path.first()?;
        let library = path.len() == 1
            && (names::is_stdlib_module(first)
                || first == names::BUILTIN_MODULE
                || self.options.extra_modules.iter().any(|m| m == first));
        if !library {
            self.imports.push(ImportRequest {
                path: path.clone(),
                range,
            });
        }
        let alias = i.alias().map(|a| a.text().to_string());
        Some(StmtKind::Import { path, alias, var })
    }

    fn try_stmt(&mut self, t: &ast::TryStmt<Tree<'t>>) -> Option<StmtKind> {
        let body = self.block(t.body());
        let clauses: Vec<_> = t.except_clauses().collect();
        let mut handler = None;
        for (i, clause) in clauses.iter().enumerate() {
            let var_token = clause.var();
            if var_token.is_none() && i + 1 < clauses.len() {
                self.error(
                    "bare 'except' must be the last except clause",
                    clause.range(),
                );
            }
            let var = match var_token {
                Some(tok) if !is_constant(tok.text()) => {
                    let r = tok.text_range();
                    Some((self.bind_or_use(tok.text(), r), r))
                }
                Some(tok) => {
                    // Reported by `bind_var`.
                    self.bind_var(tok.text(), tok.text_range());
                    None
                }
                None => None,
            };
            // Later clauses can never run; they are still lowered for their diagnostics.
            let body = self.block(clause.body());
            if i == 0 {
                handler = Some(ir::Handler {
                    var,
                    body,
                    range: clause.range(),
                });
            }
        }
        let finally = t.finally_clause().map(|f| self.block(f.block()));
        Some(StmtKind::Try(Box::new(ir::TryStmt {
            body,
            handler,
            finally,
        })))
    }

    fn destructure(
        &mut self,
        d: &ast::DestructureStmt<Tree<'t>>,
        range: TextRange,
    ) -> Option<StmtKind> {
        // Names are bound before the value is read (source order).
        let tokens = d.names();
        let mut bound = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let (name, r) = (t.text(), t.text_range());
            if is_constant(name) {
                self.bind_var(name, r); // reported
                continue;
            }
            bound.push((self.bind_or_use(name, r), r, t));
        }
        let value = self.opt_expr(d.value(), range);
        Some(match d.kind()? {
            ast::DestructureKind::Array => StmtKind::DestructureArray {
                names: bound.into_iter().map(|(v, r, _)| (v, r)).collect(),
                value,
            },
            ast::DestructureKind::Object => StmtKind::DestructureObject {
                names: bound
                    .into_iter()
                    .map(|(v, r, t)| (self.scopes.symbol_borrowed(t.text()), v, r))
                    .collect(),
                value,
            },
        })
    }

    fn assign(&mut self, a: &ast::AssignStmt<Tree<'t>>) -> Option<ir::Stmt> {
        let range = a.range();
        // `AssignStmt::target` / `value`: before / after the `=`.
        let parts = split(a.syntax(), |k| k == SyntaxKind::EQ);
        let target = parts.before.and_then(|t| self.target(&t));
        let value = self.opt_expr(parts.after, range);
        Some(ir::Stmt {
            kind: StmtKind::Assign {
                target: target?,
                value,
            },
            range,
        })
    }

    fn target(&mut self, t: &ast::Expr<Tree<'t>>) -> Option<ir::Target> {
        let range = t.range();
        let kind = match t {
            ast::Expr::Name(n) => {
                let t = n.ident()?;
                TargetKind::Var(self.bind_var(t.text(), t.text_range())?)
            }
            ast::Expr::Member(m) => {
                let parts = member_parts(m.syntax());
                let used = [range_of(&parts.object)];
                let object = self.opt_expr(parts.object, range);
                self.unused_children(m.syntax(), parts.exprs, &used);
                let name = parts.name?;
                let key = self.scopes.symbol_borrowed(name.text());
                let index = self.push(ExprKind::Str(key), name.text_range());
                TargetKind::Index { object, index }
            }
            ast::Expr::Index(i) => {
                let parts = split(i.syntax(), |k| k == SyntaxKind::L_BRACK);
                let used = [range_of(&parts.before), range_of(&parts.after)];
                let object = self.opt_expr(parts.before, range);
                let index = self.opt_expr(parts.after, range);
                self.unused_children(i.syntax(), parts.exprs, &used);
                TargetKind::Index { object, index }
            }
            ast::Expr::Slice(s) => {
                let parts = [s.base(), s.start(), s.end(), s.step()];
                let used = parts.each_ref().map(range_of);
                let [base, start, end, step] = parts;
                let object = self.opt_expr(base, range);
                let start = start.map(|e| self.expr(&e));
                let end = end.map(|e| self.expr(&e));
                let step = step.map(|e| self.expr(&e));
                self.unused_children(s.syntax(), expr_children(s.syntax()), &used);
                TargetKind::Slice {
                    object,
                    start,
                    end,
                    step,
                }
            }
            ast::Expr::Paren(p) => return self.target(&p.expr()?),
            _ => {
                self.error("cannot assign to this expression", range);
                return None;
            }
        };
        Some(ir::Target { kind, range })
    }

    /// Lowers a function body into `Program::functions` (frame filled in at the end).
    fn function(&mut self, range: TextRange, name: Option<String>, parts: FnParts<'t>) -> FuncId {
        let scope = self.scopes.new_function(self.ctx.scope);
        if let Some(list) = &parts.params {
            for p in list.params() {
                if let Some(t) = p.name() {
                    self.scopes
                        .add_param(scope, t.text(), t.text_range(), false);
                }
            }
            if let Some(t) = list.rest_param().and_then(|r| r.name()) {
                self.scopes.add_param(scope, t.text(), t.text_range(), true);
            }
        }
        let id = self.functions.len() as FuncId;
        let (params, has_rest) = self.scopes.param_counts(scope);
        self.functions.push(ir::Function {
            name,
            params,
            has_rest,
            locals: Vec::new(),
            captures: Vec::new(),
            body: StmtList::default(),
            range,
        });
        self.function_scopes.push(scope);
        let saved = self.ctx;
        self.ctx = Context { scope, loops: 0 };
        let body = match parts.body {
            FnBody::Block(b) => self.block(b),
            FnBody::Expr(e) => {
                let value = self.expr(&e);
                let start = self.stmts.len() as u32;
                self.stmts.push(ir::Stmt {
                    range: self.exprs[value.0 as usize].range,
                    kind: StmtKind::Return(Some(value)),
                });
                StmtList { start, len: 1 }
            }
        };
        self.ctx = saved;
        self.scopes.close(scope);
        if let Some(f) = self.functions.get_mut(id as usize) {
            f.body = body;
        }
        id
    }

    fn opt_expr(&mut self, expr: Option<ast::Expr<Tree<'t>>>, fallback: TextRange) -> ExprId {
        match expr {
            Some(e) => self.expr(&e),
            None => self.push(ExprKind::Null, fallback),
        }
    }

    fn expr(&mut self, expr: &ast::Expr<Tree<'t>>) -> ExprId {
        let range = expr.range();
        if !self.enter(range) {
            return self.push(ExprKind::Null, range);
        }
        let out = match expr {
            // Parentheses are transparent: the inner expression keeps its own range.
            ast::Expr::Paren(p) => {
                let inner = p.expr();
                let used = [range_of(&inner)];
                let out = match inner {
                    Some(inner) => self.expr(&inner),
                    None => self.push(ExprKind::Null, range),
                };
                self.unused_children(p.syntax(), expr_children(p.syntax()), &used);
                out
            }
            _ => {
                let kind = self.expr_kind(expr, range);
                self.push(kind, range)
            }
        };
        self.depth -= 1;
        out
    }

    fn expr_kind(&mut self, expr: &ast::Expr<Tree<'t>>, range: TextRange) -> ExprKind {
        match expr {
            ast::Expr::Literal(l) => self.literal_kind(l, false).unwrap_or(ExprKind::Null),
            ast::Expr::Name(n) => match n.ident() {
                Some(t) => match t.text() {
                    "null" | "undefined" | "None" => ExprKind::Null,
                    "True" => ExprKind::Bool(true),
                    "False" => ExprKind::Bool(false),
                    name => ExprKind::Var(self.use_var(name, t.text_range())),
                },
                None => ExprKind::Null,
            },
            ast::Expr::Array(a) => {
                let mark = self.scratch.len();
                for e in a.elements() {
                    let id = self.expr(&e);
                    self.scratch.push(id);
                }
                ExprKind::Array(self.finish_list(mark))
            }
            ast::Expr::Object(o) => self.object(o),
            // Handled by `expr`.
            ast::Expr::Paren(_) => ExprKind::Null,
            ast::Expr::Prefix(p) => self.prefix(p, range),
            ast::Expr::Bin(b) => self.bin(b, range),
            ast::Expr::Cond(c) => self.cond(c, range),
            ast::Expr::Call(c) => self.call(c, range),
            ast::Expr::Member(m) => self.member(m, range),
            ast::Expr::Index(i) => self.index(i, range),
            ast::Expr::Slice(s) => self.slice(s, range),
            ast::Expr::Arrow(_) | ast::Expr::Function(_) => match fn_parts(expr) {
                Some(parts) => ExprKind::Function(self.function(range, None, parts)),
                None => ExprKind::Null,
            },
        }
    }

    // As for statements: each expression form in its own function keeps the recursive frames
    // (expr -> expr_kind -> form -> expr) small.

    fn object(&mut self, o: &ast::ObjectExpr<Tree<'t>>) -> ExprKind {
        let mark = self.prop_scratch.len();
        for p in o.properties() {
            match p.key_token() {
                Some(key) => {
                    let sym = if key.kind() == SyntaxKind::STRING {
                        with_string_value(&key, |k| self.scopes.symbol(k))
                    } else {
                        self.scopes.symbol_borrowed(key.text())
                    };
                    let value = self.opt_expr(p.value(), key.text_range());
                    self.prop_scratch.push((sym, value));
                }
                // A broken property: its value is still lowered for its diagnostics.
                None => {
                    if let Some(v) = p.value() {
                        self.expr(&v);
                    }
                }
            }
        }
        let start = self.props.len() as u32;
        let items = self.prop_scratch.get(mark..).unwrap_or(&[]);
        self.props.extend_from_slice(items);
        self.prop_scratch.truncate(mark);
        ExprKind::Object(PropList {
            start,
            len: self.props.len() as u32 - start,
        })
    }

    fn bin(&mut self, b: &ast::BinExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        // `BinExpr::lhs` / `rhs`: before / after the first operator token (none without one).
        let parts = split(b.syntax(), |k| bin_op(k).is_some());
        let op = parts.sep.and_then(bin_op);
        let (lhs, rhs) = match op {
            Some(_) => (parts.before, parts.after),
            None => (None, None),
        };
        let used = [range_of(&lhs), range_of(&rhs)];
        let lhs = self.opt_expr(lhs, range);
        let rhs = self.opt_expr(rhs, range);
        self.unused_children(b.syntax(), parts.exprs, &used);
        match op {
            Some(op) => binary(op, lhs, rhs),
            None => ExprKind::Null,
        }
    }

    fn cond(&mut self, c: &ast::CondExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        let (a, b, e) = (c.condition(), c.then_branch(), c.else_branch());
        let used = [range_of(&a), range_of(&b), range_of(&e)];
        let kind = ExprKind::Cond {
            cond: self.opt_expr(a, range),
            then: self.opt_expr(b, range),
            otherwise: self.opt_expr(e, range),
        };
        self.unused_children(c.syntax(), expr_children(c.syntax()), &used);
        kind
    }

    fn member(&mut self, m: &ast::MemberExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        let Member {
            object,
            name,
            exprs,
        } = member_parts(m.syntax());
        let used = [range_of(&object)];
        let object = self.opt_expr(object, range);
        self.unused_children(m.syntax(), exprs, &used);
        match name {
            Some(name) => ExprKind::Member {
                object,
                name: self.scopes.symbol_borrowed(name.text()),
            },
            None => self.exprs[object.0 as usize].kind,
        }
    }

    fn index(&mut self, i: &ast::IndexExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        // `IndexExpr::base` / `index`: before / after the `[`.
        let parts = split(i.syntax(), |k| k == SyntaxKind::L_BRACK);
        let used = [range_of(&parts.before), range_of(&parts.after)];
        let kind = ExprKind::Index {
            object: self.opt_expr(parts.before, range),
            index: self.opt_expr(parts.after, range),
        };
        self.unused_children(i.syntax(), parts.exprs, &used);
        kind
    }

    fn slice(&mut self, s: &ast::SliceExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        let parts = [s.base(), s.start(), s.end(), s.step()];
        let used = parts.each_ref().map(range_of);
        let [base, start, end, step] = parts;
        let kind = ExprKind::Slice {
            object: self.opt_expr(base, range),
            start: start.map(|e| self.expr(&e)),
            end: end.map(|e| self.expr(&e)),
            step: step.map(|e| self.expr(&e)),
        };
        self.unused_children(s.syntax(), expr_children(s.syntax()), &used);
        kind
    }

    fn prefix(&mut self, p: &ast::PrefixExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        let operand = p.operand();
        self.unused_children(p.syntax(), expr_children(p.syntax()), &[range_of(&operand)]);
        let Some((op, _)) = p.op() else {
            // Broken: the operand is still lowered for its diagnostics.
            self.opt_expr(operand, range);
            return ExprKind::Null;
        };
        // A sign directly on a number literal is part of the literal (language.md §1.5).
        if let Some(ast::Expr::Literal(l)) = &operand {
            if op != ast::PrefixOp::Not {
                if let Some(kind) = self.literal_kind(l, op == ast::PrefixOp::Neg) {
                    if matches!(
                        kind,
                        ExprKind::Int(_) | ExprKind::BigInt(_) | ExprKind::Float(_)
                    ) {
                        return kind;
                    }
                }
            }
        }
        let operand = self.opt_expr(operand, range);
        match op {
            ast::PrefixOp::Not => ExprKind::Unary {
                op: ir::UnaryOp::Not,
                operand,
            },
            ast::PrefixOp::Neg => ExprKind::Unary {
                op: ir::UnaryOp::Neg,
                operand,
            },
            // The parser only accepts `+` before a number literal.
            ast::PrefixOp::Plus => self.exprs[operand.0 as usize].kind,
        }
    }

    /// Lowers, for their diagnostics only, the expression children of a broken `node` that
    /// its lowering did not use (`used`: their ranges): names in them are still resolved and
    /// reported. `present` is the node's number of expression children; a well-formed node
    /// has no more than it uses, and then nothing is walked.
    #[inline]
    fn unused_children(&mut self, node: &Tree<'t>, present: usize, used: &[Option<TextRange>]) {
        if present > used.iter().flatten().count() {
            self.lower_unused(node, used);
        }
    }

    #[cold]
    fn lower_unused(&mut self, node: &Tree<'t>, used: &[Option<TextRange>]) {
        for child in node.child_nodes() {
            if let Some(e) = ast::Expr::cast(child) {
                if !used.contains(&Some(e.range())) {
                    self.expr(&e);
                }
            }
        }
    }

    fn args(&mut self, list: Option<ast::ArgList<Tree<'t>>>) -> ExprList {
        let mark = self.scratch.len();
        if let Some(list) = list {
            for a in list.args() {
                let id = self.expr(&a);
                self.scratch.push(id);
            }
        }
        self.finish_list(mark)
    }

    fn call(&mut self, c: &ast::CallExpr<Tree<'t>>, range: TextRange) -> ExprKind {
        let (callee, list) = call_parts(c.syntax());
        match callee {
            Some(ast::Expr::Member(m)) => {
                let Member { object, name, .. } = member_parts(m.syntax());
                let object = self.opt_expr(object, range);
                let args = self.args(list);
                let Some(name) = name else {
                    return self.exprs[object.0 as usize].kind;
                };
                ExprKind::MethodCall {
                    object,
                    name: self.scopes.symbol_borrowed(name.text()),
                    name_range: name.text_range(),
                    args,
                }
            }
            callee => {
                let callee = self.opt_expr(callee, range);
                let args = self.args(list);
                ExprKind::Call { callee, args }
            }
        }
    }

    fn literal_kind(&mut self, l: &ast::Literal<Tree<'t>>, negative: bool) -> Option<ExprKind> {
        let token = l.token()?;
        match token.kind() {
            SyntaxKind::INT_NUMBER => match literal::int(token.text(), negative)? {
                literal::Int::Small(n) => Some(ExprKind::Int(n)),
                literal::Int::Big(digits) => Some(ExprKind::BigInt(self.scopes.symbol(&digits))),
            },
            SyntaxKind::FLOAT_NUMBER => literal::float(token.text(), negative),
            SyntaxKind::STRING => Some(ExprKind::Str(with_string_value(&token, |s| {
                self.scopes.symbol(s)
            }))),
            SyntaxKind::TRUE_KW => Some(ExprKind::Bool(true)),
            SyntaxKind::FALSE_KW => Some(ExprKind::Bool(false)),
            _ => None,
        }
    }
}

/// A binary operator node: `&&`/`||` become `And`/`Or`, the rest `Binary`.
fn binary(op: ast::BinOp, lhs: ExprId, rhs: ExprId) -> ExprKind {
    use ast::BinOp as A;
    use ir::BinaryOp as B;
    let op = match op {
        A::And => return ExprKind::And(lhs, rhs),
        A::Or => return ExprKind::Or(lhs, rhs),
        A::Eq => B::Eq,
        A::NotEq => B::Ne,
        A::Lt => B::Lt,
        A::Gt => B::Gt,
        A::LtEq => B::Le,
        A::GtEq => B::Ge,
        A::Add => B::Add,
        A::Sub => B::Sub,
        A::Mul => B::Mul,
        A::Div => B::Div,
        A::FloorDiv => B::FloorDiv,
        A::Mod => B::Mod,
    };
    ExprKind::Binary { op, lhs, rhs }
}
