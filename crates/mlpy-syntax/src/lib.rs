//! ML front end: `logos` tokens -> event parser with recovery -> lossless `rowan` CST -> typed AST.
//!
//! Invariants: parsing never fails and never panics; the tree's text equals the input byte for
//! byte; nesting deeper than [`MAX_NESTING`] becomes a diagnostic instead of deeper recursion.

mod diagnostic;

pub use diagnostic::{Diagnostic, Severity};
pub use rowan::{TextRange, TextSize};
