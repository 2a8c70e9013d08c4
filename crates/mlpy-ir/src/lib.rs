//! ML IR shared by the VM and the Python backend: lowering from the typed AST, name
//! resolution (Python scoping), semantic diagnostics and the static security audit.

pub mod ir;
pub mod names;

pub use ir::*;
