//! ML IR shared by the VM and the Python backend: lowering from the typed AST ([`lower()`]),
//! name resolution (Python scoping, `scope`), semantic diagnostics and the static security
//! audit ([`audit`]).
//!
//! Pipeline: `mlpy_syntax::parse` → [`lower()`] (IR + diagnostics + import requests) →
//! [`audit::audit`] (findings, using the lowering's bindings) → a backend.

pub mod audit;
pub mod dump;
mod intern;
pub mod ir;
mod literal;
mod lower;
pub mod names;
mod scope;

pub use ir::*;
pub use lower::{lower, ImportRequest, LowerOptions, Lowered, MAX_DEPTH};
