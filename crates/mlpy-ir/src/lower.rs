//! Lowering from the typed AST to the IR (the public entry point [`lower`]).
//!
//! Two passes over the tree. [`Collector`] registers scopes, bindings, `nonlocal`s and name
//! occurrences with [`Scopes`], which then resolves everything; [`Lowerer`] builds the IR, asks
//! [`Scopes`] for each name, removes the sugar listed in `ir.rs` and reports the semantic errors
//! that need statement context (`break`/`continue` outside a loop, `return` outside a function,
//! a bare `except` that is not last).
//!
//! Invariants: both passes visit the same nodes in the same order and stop at the same depth
//! ([`MAX_DEPTH`], reported once); a function scope is found again by its node's range; missing
//! pieces of a broken tree are skipped (the parser already reported them), never unwrapped.

use crate::ir::{self, ExprKind, FuncId, StmtKind, TargetKind, TextRange, Var};
use crate::literal;
use crate::names;
use crate::scope::{ScopeId, Scopes, World, GLOBAL};
use hashbrown::{HashMap, HashSet};
use mlpy_syntax::ast::{self, AstNode};
use mlpy_syntax::ast::{TreeNode, TreeToken};
use mlpy_syntax::{Diagnostic, SyntaxKind};

/// Lowering walks the green tree directly: a red `SyntaxNode` cursor per visited node was a
/// large share of the front end's time.
type Tree<'t> = ast::GreenRef<'t>;
type Token<'t> = ast::GreenTokenRef<'t>;

/// How deeply statements and expressions may nest before lowering gives up (left-associative
/// operator chains build deep trees without deep parser recursion).
pub const MAX_DEPTH: u32 = 256;

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
    /// Every name the program binds in any scope (for the audit's name rules, D4).
    bound_names: HashSet<String>,
}

impl Lowered {
    /// True when the program itself binds `name` somewhere (variable, parameter, function,
    /// import alias), so name-based audit rules do not apply to it (spec D4).
    pub fn binds(&self, name: &str) -> bool {
        self.bound_names.contains(name)
    }

    /// True when some diagnostic is an error (the program must not run).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Lowers a parsed file. Never panics, whatever the tree looks like.
pub fn lower(file: &ast::SourceFile, options: &LowerOptions) -> Lowered {
    let root = file.syntax();
    let green = root.green();
    let file = ast::SourceFile::cast(Tree::new(&green, root.text_range().start()));
    let world = World {
        host_globals: options.host_globals.iter().cloned().collect(),
        extra_modules: options.extra_modules.iter().cloned().collect(),
        open_world: options.open_world,
    };
    let mut collector = Collector {
        scopes: Scopes::new(world),
        scope_of: HashMap::new(),
        depth: 0,
    };
    for item in file.iter().flat_map(ast::SourceFile::items) {
        collector.stmt(&item, GLOBAL);
    }
    let Collector {
        mut scopes,
        scope_of,
        ..
    } = collector;
    scopes.finish_collection();

    let mut lowerer = Lowerer {
        scopes,
        scope_of,
        options,
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
        Some(file) => lowerer.block_items(file, file.items()),
        None => Vec::new(),
    };
    let bound_names = lowerer.scopes.take_bound_names();
    let Lowerer {
        mut scopes,
        mut functions,
        function_scopes,
        capabilities,
        imports,
        diagnostics,
        ..
    } = lowerer;
    for (f, &scope) in functions.iter_mut().zip(&function_scopes) {
        let (locals, captures) = scopes.take_function_frame(scope);
        f.locals = locals;
        f.captures = captures;
    }
    let (globals, mut all) = scopes.into_globals();
    all.extend(diagnostics);
    all.sort_by(|a, b| (a.range.start(), &a.message).cmp(&(b.range.start(), &b.message)));
    Lowered {
        program: ir::Program {
            body,
            globals,
            functions,
            capabilities,
        },
        diagnostics: all,
        imports,
        bound_names,
    }
}

fn name_of(token: &Token<'_>) -> (String, TextRange) {
    (token.text().to_string(), token.text_range())
}

fn is_constant(name: &str) -> bool {
    names::PREDEFINED_CONSTANTS.contains(&name)
}

/// The name an `import` binds: the alias, else the first path segment.
fn import_binding<'t>(stmt: &ast::ImportStmt<Tree<'t>>) -> Option<Token<'t>> {
    stmt.alias()
        .or_else(|| stmt.path_tokens().into_iter().next())
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

// ------------------------------------------------------------------------------------ pass 1

struct Collector {
    scopes: Scopes,
    scope_of: HashMap<TextRange, ScopeId>,
    depth: u32,
}

impl Collector {
    fn block(&mut self, block: Option<ast::Block<Tree<'_>>>, scope: ScopeId) {
        if let Some(block) = block {
            for s in block.stmts() {
                self.stmt(&s, scope);
            }
        }
    }

    fn opt_expr(&mut self, expr: Option<ast::Expr<Tree<'_>>>, scope: ScopeId) {
        if let Some(e) = expr {
            self.expr(&e, scope);
        }
    }

    fn bind_token(&mut self, token: Option<Token<'_>>, scope: ScopeId) {
        if let Some(t) = token {
            self.scopes.bind(scope, t.text(), t.text_range());
        }
    }

    fn stmt(&mut self, stmt: &ast::Stmt<Tree<'_>>, scope: ScopeId) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match stmt {
            ast::Stmt::Capability(_) => {}
            ast::Stmt::Import(i) => self.bind_token(import_binding(i), scope),
            ast::Stmt::FunctionDecl(f) => {
                self.bind_token(f.name(), scope);
                let parts = FnParts {
                    params: f.param_list(),
                    body: FnBody::Block(f.body()),
                };
                self.function(f.range(), parts, scope);
            }
            ast::Stmt::If(i) => {
                self.opt_expr(i.condition(), scope);
                self.block(i.then_block(), scope);
                for elif in i.elif_clauses() {
                    self.opt_expr(elif.condition(), scope);
                    self.block(elif.block(), scope);
                }
                self.block(i.else_block(), scope);
            }
            ast::Stmt::While(w) => {
                self.opt_expr(w.condition(), scope);
                self.block(w.body(), scope);
            }
            ast::Stmt::ForIn(f) => {
                self.bind_token(f.var(), scope);
                self.opt_expr(f.iterable(), scope);
                self.block(f.body(), scope);
            }
            ast::Stmt::CFor(f) => {
                if let Some(init) = f.init() {
                    self.assign(&init, scope);
                }
                self.opt_expr(f.cond(), scope);
                if let Some(update) = f.update() {
                    self.assign(&update, scope);
                }
                self.block(f.body(), scope);
            }
            ast::Stmt::Try(t) => {
                self.block(t.body(), scope);
                for clause in t.except_clauses() {
                    self.bind_token(clause.var(), scope);
                    self.block(clause.body(), scope);
                }
                self.block(t.finally_block(), scope);
            }
            ast::Stmt::Return(r) => self.opt_expr(r.value(), scope),
            ast::Stmt::Throw(t) => self.opt_expr(t.value(), scope),
            ast::Stmt::Break(_) | ast::Stmt::Continue(_) => {}
            ast::Stmt::Nonlocal(n) => {
                for t in n.names() {
                    self.scopes
                        .declare_nonlocal(scope, t.text(), t.text_range());
                }
            }
            ast::Stmt::Destructure(d) => {
                for t in d.names() {
                    self.bind_token(Some(t), scope);
                }
                self.opt_expr(d.value(), scope);
            }
            ast::Stmt::Assign(a) => self.assign(a, scope),
            ast::Stmt::Expr(e) => self.opt_expr(e.expr(), scope),
        }
        self.depth -= 1;
    }

    fn assign(&mut self, a: &ast::AssignStmt<Tree<'_>>, scope: ScopeId) {
        if let Some(t) = a.target() {
            self.target(&t, scope);
        }
        self.opt_expr(a.value(), scope);
    }

    /// Mirrors `Lowerer::target` (same nodes, same depth).
    fn target(&mut self, t: &ast::Expr<Tree<'_>>, scope: ScopeId) {
        match t {
            ast::Expr::Name(n) => self.bind_token(n.ident(), scope),
            ast::Expr::Paren(p) => {
                if let Some(inner) = p.expr() {
                    self.target(&inner, scope);
                }
            }
            ast::Expr::Member(_) | ast::Expr::Index(_) | ast::Expr::Slice(_) => {
                self.children(t, scope)
            }
            _ => {}
        }
    }

    /// The sub-expressions of `expr`, in source order, one level deeper.
    fn children(&mut self, expr: &ast::Expr<Tree<'_>>, scope: ScopeId) {
        for child in expr.syntax().child_nodes().filter_map(ast::Expr::cast) {
            self.expr(&child, scope);
        }
    }

    fn function(&mut self, range: TextRange, parts: FnParts<'_>, parent: ScopeId) {
        let scope = self.scopes.new_function(parent);
        self.scope_of.insert(range, scope);
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
        match parts.body {
            FnBody::Block(b) => self.block(b, scope),
            FnBody::Expr(e) => self.expr(&e, scope),
        }
    }

    fn expr(&mut self, expr: &ast::Expr<Tree<'_>>, scope: ScopeId) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match expr {
            ast::Expr::Name(n) => {
                if let Some(t) = n.ident() {
                    let name = t.text();
                    if !is_constant(name) {
                        self.scopes.use_name(scope, name, t.text_range());
                    }
                }
            }
            ast::Expr::Arrow(_) | ast::Expr::Function(_) => {
                if let Some(parts) = fn_parts(expr) {
                    self.function(expr.range(), parts, scope);
                }
            }
            ast::Expr::Literal(_) => {}
            ast::Expr::Object(o) => {
                for p in o.properties() {
                    self.opt_expr(p.value(), scope);
                }
            }
            // A method call's member callee is not a node of its own in the IR.
            ast::Expr::Call(c) => {
                match c.callee() {
                    Some(ast::Expr::Member(m)) => self.opt_expr(m.object(), scope),
                    callee => self.opt_expr(callee, scope),
                }
                for arg in c.args() {
                    self.expr(&arg, scope);
                }
            }
            // Every other expression: its sub-expressions in source order.
            _ => self.children(expr, scope),
        }
        self.depth -= 1;
    }
}

// ------------------------------------------------------------------------------------ pass 2

#[derive(Clone, Copy)]
struct Context {
    scope: ScopeId,
    /// Loops enclosing the current statement within the current function.
    loops: u32,
}

struct Lowerer<'o> {
    scopes: Scopes,
    scope_of: HashMap<TextRange, ScopeId>,
    options: &'o LowerOptions,
    functions: Vec<ir::Function>,
    function_scopes: Vec<ScopeId>,
    capabilities: Vec<ir::CapabilityDecl>,
    imports: Vec<ImportRequest>,
    diagnostics: Vec<Diagnostic>,
    ctx: Context,
    depth: u32,
    too_deep: bool,
}

impl Lowerer<'_> {
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

    fn var(&mut self, name: &str, range: TextRange) -> Var {
        self.scopes.var(self.ctx.scope, name, range)
    }

    /// Lowers the statements of `parent` (a block or the file): sized up front by its child
    /// count, since statements are large and regrowing copies them.
    fn block_items<'t, N: AstNode<Tree<'t>>>(
        &mut self,
        parent: &N,
        stmts: impl Iterator<Item = ast::Stmt<Tree<'t>>>,
    ) -> Vec<ir::Stmt> {
        let mut out = Vec::with_capacity(parent.syntax().child_nodes().count());
        for s in stmts {
            if let Some(s) = self.stmt(&s) {
                out.push(s);
            }
        }
        out
    }

    fn block(&mut self, block: Option<ast::Block<Tree<'_>>>) -> Vec<ir::Stmt> {
        match block {
            Some(b) => self.block_items(&b, b.stmts()),
            None => Vec::new(),
        }
    }

    fn loop_body(&mut self, block: Option<ast::Block<Tree<'_>>>) -> Vec<ir::Stmt> {
        self.ctx.loops += 1;
        let body = self.block(block);
        self.ctx.loops -= 1;
        body
    }

    fn stmt(&mut self, stmt: &ast::Stmt<Tree<'_>>) -> Option<ir::Stmt> {
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
    fn stmt_kind(&mut self, stmt: &ast::Stmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
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
            ast::Stmt::Nonlocal(_) => None,
            ast::Stmt::Destructure(d) => self.destructure(d, range),
            ast::Stmt::Assign(a) => self.assign(a).map(|s| s.kind),
            ast::Stmt::Expr(e) => self.expr_stmt(e, range),
        }
    }

    fn while_stmt(&mut self, w: &ast::WhileStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
        let cond = self.opt_expr(w.condition(), range);
        Some(StmtKind::While {
            cond,
            body: self.loop_body(w.body()),
        })
    }

    fn return_stmt(&mut self, r: &ast::ReturnStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
        if self.ctx.scope == GLOBAL {
            self.error("'return' outside function", range);
        }
        Some(StmtKind::Return(r.value().map(|v| self.expr(&v))))
    }

    fn throw_stmt(&mut self, t: &ast::ThrowStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
        Some(StmtKind::Throw(self.opt_expr(t.value(), range)))
    }

    fn expr_stmt(&mut self, e: &ast::ExprStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
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
        f: &ast::FunctionDecl<Tree<'_>>,
        range: TextRange,
    ) -> Option<StmtKind> {
        let parts = FnParts {
            params: f.param_list(),
            body: FnBody::Block(f.body()),
        };
        let name = f.name();
        let id = self.function(range, name.as_ref().map(|t| t.text().to_string()), parts);
        let name = name?;
        let name_range = name.text_range();
        let var = self.var(name.text(), name_range);
        Some(StmtKind::Assign {
            target: ir::Target {
                kind: TargetKind::Var(var),
                range: name_range,
            },
            value: ir::Expr {
                kind: ExprKind::Function(id),
                range,
            },
        })
    }

    fn if_stmt(&mut self, i: &ast::IfStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
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

    fn for_in(&mut self, f: &ast::ForInStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
        let var_token = f.var();
        let iterable = self.opt_expr(f.iterable(), range);
        let body = self.loop_body(f.body());
        let var_token = var_token?;
        let (name, var_range) = (var_token.text(), var_token.text_range());
        if is_constant(name) {
            return None;
        }
        Some(StmtKind::ForIn {
            var: self.var(name, var_range),
            var_range,
            iterable,
            body,
        })
    }

    fn c_for(&mut self, f: &ast::CForStmt<Tree<'_>>) -> Option<StmtKind> {
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
    fn capability(&mut self, c: &ast::CapabilityDecl<Tree<'_>>) -> Option<StmtKind> {
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

    fn import(&mut self, i: &ast::ImportStmt<Tree<'_>>, range: TextRange) -> Option<StmtKind> {
        let path = i.path();
        let first = path.first()?;
        let (bound, bound_range) = name_of(&import_binding(i)?);
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
        Some(StmtKind::Import {
            path,
            alias,
            var: self.var(&bound, bound_range),
        })
    }

    fn try_stmt(&mut self, t: &ast::TryStmt<Tree<'_>>) -> Option<StmtKind> {
        let body = self.block(t.body());
        let clauses: Vec<_> = t.except_clauses().collect();
        let mut handler = None;
        for (i, clause) in clauses.iter().enumerate() {
            let var = clause.var().map(|tok| name_of(&tok));
            if var.is_none() && i + 1 < clauses.len() {
                self.error(
                    "bare 'except' must be the last except clause",
                    clause.range(),
                );
            }
            let var = match var {
                Some((name, r)) if !is_constant(&name) => Some((self.var(&name, r), r)),
                _ => None,
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
        d: &ast::DestructureStmt<Tree<'_>>,
        range: TextRange,
    ) -> Option<StmtKind> {
        let value = self.opt_expr(d.value(), range);
        let names: Vec<(String, TextRange)> = d
            .names()
            .iter()
            .map(name_of)
            .filter(|(n, _)| !is_constant(n))
            .collect();
        Some(match d.kind()? {
            ast::DestructureKind::Array => StmtKind::DestructureArray {
                names: names
                    .into_iter()
                    .map(|(n, r)| (self.var(&n, r), r))
                    .collect(),
                value,
            },
            ast::DestructureKind::Object => StmtKind::DestructureObject {
                names: names
                    .into_iter()
                    .map(|(n, r)| {
                        let var = self.var(&n, r);
                        (n, var, r)
                    })
                    .collect(),
                value,
            },
        })
    }

    fn assign(&mut self, a: &ast::AssignStmt<Tree<'_>>) -> Option<ir::Stmt> {
        let range = a.range();
        let target_ast = a.target();
        let target = match &target_ast {
            Some(t) => self.target(t)?,
            None => return None,
        };
        let value = self.opt_expr(a.value(), range);
        Some(ir::Stmt {
            kind: StmtKind::Assign { target, value },
            range,
        })
    }

    fn target(&mut self, t: &ast::Expr<Tree<'_>>) -> Option<ir::Target> {
        let range = t.range();
        let kind = match t {
            ast::Expr::Name(n) => {
                let t = n.ident()?;
                let name = t.text();
                if is_constant(name) || name == crate::scope::PYTHON_CALLBACK {
                    return None; // reported by the collector
                }
                TargetKind::Var(self.var(name, t.text_range()))
            }
            ast::Expr::Member(m) => {
                let object = self.opt_expr(m.object(), range);
                let (key, key_range) = name_of(&m.name()?);
                TargetKind::Index {
                    object,
                    index: ir::Expr {
                        kind: ExprKind::Str(key),
                        range: key_range,
                    },
                }
            }
            ast::Expr::Index(i) => {
                let object = self.opt_expr(i.base(), range);
                let index = self.opt_expr(i.index(), range);
                TargetKind::Index { object, index }
            }
            ast::Expr::Slice(s) => {
                let object = self.opt_expr(s.base(), range);
                let start = s.start().map(|e| self.expr(&e));
                let end = s.end().map(|e| self.expr(&e));
                let step = s.step().map(|e| self.expr(&e));
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
    fn function(&mut self, range: TextRange, name: Option<String>, parts: FnParts<'_>) -> FuncId {
        let scope = match self.scope_of.get(&range) {
            Some(&s) => s,
            None => self.scopes.new_function(self.ctx.scope),
        };
        let id = self.functions.len() as FuncId;
        let (params, has_rest) = self.scopes.param_counts(scope);
        self.functions.push(ir::Function {
            name,
            params,
            has_rest,
            locals: Vec::new(),
            captures: Vec::new(),
            body: Vec::new(),
            range,
        });
        self.function_scopes.push(scope);
        let saved = self.ctx;
        self.ctx = Context { scope, loops: 0 };
        let body = match parts.body {
            FnBody::Block(b) => self.block(b),
            FnBody::Expr(e) => {
                let value = self.expr(&e);
                vec![ir::Stmt {
                    range: value.range,
                    kind: StmtKind::Return(Some(value)),
                }]
            }
        };
        self.ctx = saved;
        if let Some(f) = self.functions.get_mut(id as usize) {
            f.body = body;
        }
        id
    }

    fn opt_expr(&mut self, expr: Option<ast::Expr<Tree<'_>>>, fallback: TextRange) -> ir::Expr {
        match expr {
            Some(e) => self.expr(&e),
            None => ir::Expr {
                kind: ExprKind::Null,
                range: fallback,
            },
        }
    }

    fn boxed(&mut self, expr: Option<ast::Expr<Tree<'_>>>, fallback: TextRange) -> Box<ir::Expr> {
        Box::new(self.opt_expr(expr, fallback))
    }

    fn expr(&mut self, expr: &ast::Expr<Tree<'_>>) -> ir::Expr {
        let range = expr.range();
        if !self.enter(range) {
            return ir::Expr {
                kind: ExprKind::Null,
                range,
            };
        }
        let out = match expr {
            // Parentheses are transparent: the inner expression keeps its own range.
            ast::Expr::Paren(p) => match p.expr() {
                Some(inner) => self.expr(&inner),
                None => ir::Expr {
                    kind: ExprKind::Null,
                    range,
                },
            },
            _ => ir::Expr {
                kind: self.expr_kind(expr, range),
                range,
            },
        };
        self.depth -= 1;
        out
    }

    fn expr_kind(&mut self, expr: &ast::Expr<Tree<'_>>, range: TextRange) -> ExprKind {
        match expr {
            ast::Expr::Literal(l) => literal_kind(l, false).unwrap_or(ExprKind::Null),
            ast::Expr::Name(n) => match n.ident() {
                Some(t) => match t.text() {
                    "null" | "undefined" | "None" => ExprKind::Null,
                    "True" => ExprKind::Bool(true),
                    "False" => ExprKind::Bool(false),
                    name => ExprKind::Var(self.var(name, t.text_range())),
                },
                None => ExprKind::Null,
            },
            ast::Expr::Array(a) => ExprKind::Array(a.elements().map(|e| self.expr(&e)).collect()),
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

    fn object(&mut self, o: &ast::ObjectExpr<Tree<'_>>) -> ExprKind {
        let mut props = Vec::new();
        for p in o.properties() {
            if let Some((key, key_range)) = p.key() {
                props.push((key, self.opt_expr(p.value(), key_range)));
            }
        }
        ExprKind::Object(props)
    }

    fn bin(&mut self, b: &ast::BinExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        let lhs = self.boxed(b.lhs(), range);
        let rhs = self.boxed(b.rhs(), range);
        match b.op() {
            Some((op, _)) => binary(op, lhs, rhs),
            None => ExprKind::Null,
        }
    }

    fn cond(&mut self, c: &ast::CondExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        ExprKind::Cond {
            cond: self.boxed(c.condition(), range),
            then: self.boxed(c.then_branch(), range),
            otherwise: self.boxed(c.else_branch(), range),
        }
    }

    fn member(&mut self, m: &ast::MemberExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        let object = self.boxed(m.object(), range);
        match m.name() {
            Some(name) => ExprKind::Member {
                object,
                name: name.text().to_string(),
            },
            None => object.kind,
        }
    }

    fn index(&mut self, i: &ast::IndexExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        ExprKind::Index {
            object: self.boxed(i.base(), range),
            index: self.boxed(i.index(), range),
        }
    }

    fn slice(&mut self, s: &ast::SliceExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        ExprKind::Slice {
            object: self.boxed(s.base(), range),
            start: s.start().map(|e| Box::new(self.expr(&e))),
            end: s.end().map(|e| Box::new(self.expr(&e))),
            step: s.step().map(|e| Box::new(self.expr(&e))),
        }
    }

    fn prefix(&mut self, p: &ast::PrefixExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        let Some((op, _)) = p.op() else {
            return ExprKind::Null;
        };
        let operand = p.operand();
        // A sign directly on a number literal is part of the literal (language.md §1.5).
        if let Some(ast::Expr::Literal(l)) = &operand {
            if op != ast::PrefixOp::Not {
                if let Some(kind) = literal_kind(l, op == ast::PrefixOp::Neg) {
                    if matches!(
                        kind,
                        ExprKind::Int(_) | ExprKind::BigInt(_) | ExprKind::Float(_)
                    ) {
                        return kind;
                    }
                }
            }
        }
        let operand = self.boxed(operand, range);
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
            ast::PrefixOp::Plus => operand.kind,
        }
    }

    fn call(&mut self, c: &ast::CallExpr<Tree<'_>>, range: TextRange) -> ExprKind {
        match c.callee() {
            Some(ast::Expr::Member(m)) => {
                let object = self.boxed(m.object(), range);
                let Some(name) = m.name() else {
                    return object.kind;
                };
                let args = c.args().iter().map(|a| self.expr(a)).collect();
                ExprKind::MethodCall {
                    object,
                    name: name.text().to_string(),
                    name_range: name.text_range(),
                    args,
                }
            }
            callee => {
                let callee = self.boxed(callee, range);
                let args = c.args().iter().map(|a| self.expr(a)).collect();
                ExprKind::Call { callee, args }
            }
        }
    }
}

fn literal_kind(l: &ast::Literal<Tree<'_>>, negative: bool) -> Option<ExprKind> {
    // Numbers are converted from the token's text directly (`kind()` would copy it first).
    if let Some(token) = l.token() {
        match token.kind() {
            SyntaxKind::INT_NUMBER => return literal::int(token.text(), negative),
            SyntaxKind::FLOAT_NUMBER => return literal::float(token.text(), negative),
            _ => {}
        }
    }
    match l.kind()? {
        ast::LiteralKind::Int(text) => literal::int(&text, negative),
        ast::LiteralKind::Float(text) => literal::float(&text, negative),
        ast::LiteralKind::Str(s) => Some(ExprKind::Str(s)),
        ast::LiteralKind::True => Some(ExprKind::Bool(true)),
        ast::LiteralKind::False => Some(ExprKind::Bool(false)),
    }
}

/// A binary operator node: `&&`/`||` become `And`/`Or`, the rest `Binary`.
fn binary(op: ast::BinOp, lhs: Box<ir::Expr>, rhs: Box<ir::Expr>) -> ExprKind {
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
