//! A small Wadler/Prettier-style document and its printer.
//!
//! Hand-written rather than the `pretty` crate because the formatter needs three things that
//! crate does not offer: comments that force the *next* piece of text onto a new line (a `//`
//! comment runs to the end of its line), indentation that applies only where a group is broken
//! (so a function body inside a flat argument list indents from its statement, not from the
//! list), and blocks that always lay out their statements one per line whatever mode the
//! surrounding group is in.
//!
//! Invariants: printing is iterative (an explicit command stack, no recursion on the document
//! depth); a group is measured at most once when it is reached, and measuring stops at the first
//! line break or after the width is used up; outside string literals the output has no trailing
//! spaces and no empty line other than those [`Doc::BlankLine`] asks for.

/// Maximum line width in columns (Unicode scalar values), spec D23.
pub(crate) const WIDTH: usize = 100;
const INDENT: &str = "    ";

/// A layout document.
#[derive(Debug)]
pub(crate) enum Doc {
    /// Verbatim text (a string literal may contain line breaks; they are kept as they are).
    Text(String),
    /// One space, dropped at the start of a line and before a forced line break.
    Space,
    /// A space in a flat group, a line break in a broken one.
    Line,
    /// Nothing in a flat group, a line break in a broken one.
    SoftLine,
    /// Always a line break (statement separator).
    HardLine,
    /// A line break followed by one empty line, unless the output starts here, already ends with
    /// an empty line, or the previous line ends with `{`.
    BlankLine,
    /// A `//` comment. `own_line`: it starts its own line; otherwise it trails the previous
    /// token on the same line. Either way the next text goes on a new line.
    Comment { text: String, own_line: bool },
    /// The floor-division operator `//`.
    FloorDivision,
    /// The source had a line break here. It is kept only when a `//` operator has been printed
    /// on the current line: whether a later `//` becomes a comment through the same-line
    /// fallback (language.md §1.2, E10) depends on which tokens share its line, so no token may
    /// join the line of a `//`. It neither breaks groups nor counts when measuring them, so the
    /// layout is the same on the next run, when the breaks this run added are in the source.
    SourceBreak,
    /// If a comment forced a line break that has not happened yet, break here at this document's
    /// own indentation instead of a continuation indentation (used before `{` and `else`).
    NewlineIfPending,
    /// One more indentation level, where the enclosing group is broken.
    Indent(Box<Doc>),
    /// Printed flat if it fits in the remaining width and is not `forced` (it contains a
    /// comment, or a block before its last item); else broken.
    Group { doc: Box<Doc>, forced: bool },
    /// Statements: always laid out broken, whatever the enclosing group does; comments inside do
    /// not force the enclosing group to break.
    Block(Box<Doc>),
    /// A sequence; `forced` caches whether it contains a comment outside blocks.
    Concat(Vec<Doc>, bool),
}

impl Doc {
    /// Whether an enclosing group must break because of this document.
    pub(crate) fn forces_break(&self) -> bool {
        match self {
            Doc::Comment { .. } => true,
            Doc::Concat(_, forced) => *forced,
            Doc::Group { doc, .. } => doc.forces_break(),
            Doc::Indent(doc) => doc.forces_break(),
            _ => false,
        }
    }
}

pub(crate) fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub(crate) fn concat(parts: Vec<Doc>) -> Doc {
    let forced = parts.iter().any(Doc::forces_break);
    Doc::Concat(parts, forced)
}

pub(crate) fn indent(doc: Doc) -> Doc {
    Doc::Indent(Box::new(doc))
}

/// A group; `broken` forces it to break without forcing the groups around it to (comments
/// inside force both).
pub(crate) fn group(doc: Doc, broken: bool) -> Doc {
    let forced = broken || doc.forces_break();
    Doc::Group {
        doc: Box::new(doc),
        forced,
    }
}

pub(crate) fn block(doc: Doc) -> Doc {
    Doc::Block(Box::new(doc))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

#[derive(Clone, Copy)]
struct Cmd<'a> {
    indent: usize,
    mode: Mode,
    doc: &'a Doc,
}

/// Lays `doc` out in [`WIDTH`] columns. The result ends with one line break unless it is empty.
pub(crate) fn print(doc: &Doc) -> String {
    let mut p = Printer {
        out: String::new(),
        col: 0,
        line_empty: true,
        line_indent: 0,
        pending_space: false,
        pending_newline: None,
        floor_division_on_line: false,
    };
    let mut stack = vec![Cmd {
        indent: 0,
        mode: Mode::Break,
        doc,
    }];
    while let Some(cmd) = stack.pop() {
        let Cmd { indent, mode, doc } = cmd;
        match doc {
            Doc::Text(s) => p.text(s),
            Doc::Space => p.space(),
            Doc::Line if mode == Mode::Flat => p.space(),
            Doc::Line | Doc::HardLine => p.newline(indent),
            Doc::SoftLine => {
                if mode == Mode::Break {
                    p.newline(indent);
                }
            }
            Doc::BlankLine => p.blank_line(indent),
            Doc::Comment { text, own_line } => p.comment(text, *own_line, indent),
            Doc::NewlineIfPending => {
                if p.pending_newline.is_some() {
                    p.newline(indent);
                }
            }
            Doc::FloorDivision => {
                p.text("//");
                p.floor_division_on_line = true;
            }
            Doc::SourceBreak => {
                if p.floor_division_on_line && !p.line_empty && p.pending_newline.is_none() {
                    p.pending_newline = Some(indent + 1);
                }
            }
            Doc::Indent(inner) => stack.push(Cmd {
                indent: indent + usize::from(mode == Mode::Break),
                mode,
                doc: inner,
            }),
            Doc::Group { doc: inner, forced } => {
                let flat = !*forced && p.fits(inner, &stack);
                stack.push(Cmd {
                    indent,
                    mode: if flat { Mode::Flat } else { Mode::Break },
                    doc: inner,
                });
            }
            Doc::Block(inner) => stack.push(Cmd {
                indent,
                mode: Mode::Break,
                doc: inner,
            }),
            Doc::Concat(parts, _) => {
                stack.extend(parts.iter().rev().map(|doc| Cmd { indent, mode, doc }))
            }
        }
    }
    if !p.line_empty || p.pending_newline.is_some() {
        p.out.push('\n');
    }
    p.out
}

struct Printer {
    out: String,
    /// Column after the last character printed on the current line.
    col: usize,
    /// Nothing printed on the current line yet (its indentation is written lazily).
    line_empty: bool,
    /// Indentation level of the current line.
    line_indent: usize,
    /// A space is owed before the next text on this line.
    pending_space: bool,
    /// A comment ended the line: the next text starts a new line at this indentation level.
    pending_newline: Option<usize>,
    /// A `//` operator is on the current line (see [`Doc::SourceBreak`]).
    floor_division_on_line: bool,
}

impl Printer {
    fn newline(&mut self, indent: usize) {
        if !self.line_empty || self.pending_newline.is_some() {
            self.out.push('\n');
        }
        self.line_empty = true;
        self.line_indent = indent;
        self.col = 0;
        self.pending_space = false;
        self.pending_newline = None;
        self.floor_division_on_line = false;
    }

    fn text(&mut self, s: &str) {
        if let Some(level) = self.pending_newline {
            self.newline(level);
        }
        if self.line_empty {
            for _ in 0..self.line_indent {
                self.out.push_str(INDENT);
            }
            self.col = self.line_indent * INDENT.len();
            self.line_empty = false;
        } else if self.pending_space {
            self.out.push(' ');
            self.col += 1;
        }
        self.pending_space = false;
        self.out.push_str(s);
        match s.rfind(['\n', '\r']) {
            Some(nl) => self.col = s[nl + 1..].chars().count(),
            None => self.col += s.chars().count(),
        }
    }

    fn space(&mut self) {
        if !self.line_empty && self.pending_newline.is_none() {
            self.pending_space = true;
        }
    }

    fn comment(&mut self, text: &str, own_line: bool, indent: usize) {
        if own_line {
            match self.pending_newline {
                Some(level) => self.newline(level),
                None if !self.line_empty => self.newline(indent + 1),
                None => {}
            }
        } else {
            // A trailing comment is always separated: `a /// x` would lex differently.
            self.pending_space = !self.line_empty;
        }
        self.text(text);
        self.pending_newline = Some(if own_line {
            self.line_indent
        } else {
            indent + 1
        });
    }

    fn blank_line(&mut self, indent: usize) {
        if self.out.is_empty() {
            return;
        }
        self.newline(indent);
        let before = self.out.trim_end_matches('\n');
        let newlines = self.out.len() - before.len();
        if newlines == 1 && !before.ends_with('{') {
            self.out.push('\n');
        }
    }

    /// Whether `doc` printed flat, followed by the rest of the current line (`rest` is the
    /// command stack, top last), fits in the remaining width.
    fn fits(&self, doc: &Doc, rest: &[Cmd]) -> bool {
        let start = match self.pending_newline {
            Some(level) => level * INDENT.len(),
            None if self.line_empty => self.line_indent * INDENT.len(),
            None => self.col + usize::from(self.pending_space),
        };
        let mut remaining = WIDTH as isize - start as isize;
        let mut stack: Vec<(Mode, &Doc)> = vec![(Mode::Flat, doc)];
        let mut rest = rest.iter().rev();
        loop {
            let (mode, doc) = match stack.pop() {
                Some(item) => item,
                None => match rest.next() {
                    Some(cmd) => (cmd.mode, cmd.doc),
                    None => return true,
                },
            };
            match doc {
                Doc::Text(s) => {
                    let first_line = s.split(['\n', '\r']).next().unwrap_or("");
                    remaining -= first_line.chars().count() as isize;
                    if first_line.len() < s.len() {
                        return remaining >= 0;
                    }
                }
                Doc::Space => remaining -= 1,
                Doc::Line if mode == Mode::Flat => remaining -= 1,
                Doc::SoftLine if mode == Mode::Flat => {}
                // Only found where a statement starts (the line is empty): no width.
                Doc::BlankLine => {}
                Doc::Line | Doc::SoftLine | Doc::HardLine => return true,
                Doc::Comment { .. } => return true,
                Doc::FloorDivision => remaining -= 2,
                Doc::NewlineIfPending | Doc::SourceBreak => {}
                Doc::Indent(inner) => stack.push((mode, inner)),
                Doc::Group { doc: inner, forced } => {
                    stack.push((if *forced { Mode::Break } else { mode }, inner))
                }
                Doc::Block(inner) => stack.push((Mode::Break, inner)),
                Doc::Concat(parts, _) => stack.extend(parts.iter().rev().map(|d| (mode, d))),
            }
            if remaining < 0 {
                return false;
            }
        }
    }
}
