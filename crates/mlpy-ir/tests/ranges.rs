//! Every IR node keeps the range of the source it came from.

mod common;

use mlpy_ir::{Expr, ExprId, ExprKind, LowerOptions, Program, StmtKind, StmtList, TargetKind, Var};

struct Check<'a> {
    src: &'a str,
    program: &'a Program,
    locals: Vec<String>,
    seen: usize,
}

impl Check<'_> {
    fn text(&self, e: &Expr) -> &str {
        &self.src[usize::from(e.range.start())..usize::from(e.range.end())]
    }

    fn stmts(&mut self, body: &StmtList) {
        let program = self.program;
        for s in program.block(*body) {
            assert!(!s.range.is_empty() && usize::from(s.range.end()) <= self.src.len());
            match &s.kind {
                StmtKind::Expr(e) | StmtKind::Throw(e) | StmtKind::Return(Some(e)) => self.expr(e),
                StmtKind::Assign { target, value } => {
                    match &target.kind {
                        TargetKind::Var(_) => {}
                        TargetKind::Index { object, index } => {
                            self.expr(object);
                            self.expr(index);
                        }
                        TargetKind::Slice { object, .. } => self.expr(object),
                    }
                    assert!(s.range.contains_range(target.range));
                    self.expr(value);
                }
                StmtKind::If {
                    branches,
                    else_body,
                } => {
                    for (c, b) in branches {
                        self.expr(c);
                        self.stmts(b);
                    }
                    if let Some(b) = else_body {
                        self.stmts(b);
                    }
                }
                StmtKind::While { cond, body } => {
                    self.expr(cond);
                    self.stmts(body);
                }
                StmtKind::ForIn {
                    var_range,
                    iterable,
                    body,
                    ..
                } => {
                    assert!(s.range.contains_range(*var_range));
                    self.expr(iterable);
                    self.stmts(body);
                }
                StmtKind::Try(t) => {
                    self.stmts(&t.body);
                    if let Some(h) = &t.handler {
                        assert!(s.range.contains_range(h.range));
                        self.stmts(&h.body);
                    }
                }
                _ => {}
            }
        }
    }

    fn expr(&mut self, e: &ExprId) {
        let program = self.program;
        let e = &program[*e];
        self.seen += 1;
        assert!(!e.range.is_empty(), "empty range for {e:?}");
        let text = self.text(e).to_string();
        match &e.kind {
            ExprKind::Var(v) => {
                let name = match v {
                    Var::Local(i) | Var::Cell(i) => self.locals[*i as usize].clone(),
                    Var::Global(g) => self.program.globals[*g as usize].name.clone(),
                    Var::Builtin(n) | Var::Module(n) | Var::HostGlobal(n) => {
                        program[*n].to_string()
                    }
                    Var::Free(_) => return,
                };
                assert_eq!(text, name);
            }
            ExprKind::Int(_) | ExprKind::Float(_) => assert!(text
                .trim_start_matches(['-', '+'])
                .starts_with(|c: char| c.is_ascii_digit() || c == '.')),
            // A string literal, or the name of `o.k = v` turned into the key `"k"`.
            ExprKind::Str(_) => assert!(
                text.starts_with(['"', '\''])
                    || text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            ),
            ExprKind::Binary { lhs, rhs, .. }
            | ExprKind::And(lhs, rhs)
            | ExprKind::Or(lhs, rhs) => {
                assert!(
                    e.range.contains_range(program[*lhs].range)
                        && e.range.contains_range(program[*rhs].range)
                );
                self.expr(lhs);
                self.expr(rhs);
            }
            ExprKind::Call { callee, args } => {
                self.expr(callee);
                program.list(*args).iter().for_each(|a| self.expr(a));
            }
            ExprKind::MethodCall {
                object,
                name,
                name_range,
                args,
            } => {
                assert_eq!(
                    &self.src[usize::from(name_range.start())..usize::from(name_range.end())],
                    &program[*name]
                );
                self.expr(object);
                program.list(*args).iter().for_each(|a| self.expr(a));
            }
            ExprKind::Array(items) => program.list(*items).iter().for_each(|a| self.expr(a)),
            ExprKind::Member { object, .. } => self.expr(object),
            ExprKind::Function(id) => {
                let f = &self.program.functions[*id as usize];
                assert_eq!(f.range, e.range);
                let saved = std::mem::replace(
                    &mut self.locals,
                    f.locals
                        .iter()
                        .map(|l| program[l.name].to_string())
                        .collect(),
                );
                self.stmts(&f.body);
                self.locals = saved;
            }
            _ => {}
        }
    }
}

#[test]
fn ranges_point_at_their_source() {
    for entry in std::fs::read_dir(common::data_dir("lower"))
        .expect("test_data")
        .flatten()
    {
        if entry.path().extension().is_none_or(|x| x != "ml") {
            continue;
        }
        let src = std::fs::read_to_string(entry.path()).expect("readable");
        let (_, lowered) = common::lower_src(
            &src,
            &LowerOptions {
                open_world: true,
                ..LowerOptions::default()
            },
        );
        let mut check = Check {
            src: &src,
            program: &lowered.program,
            locals: Vec::new(),
            seen: 0,
        };
        check.stmts(&lowered.program.body);
        assert!(check.seen > 0, "{}", entry.path().display());
    }
}
