//! mlpy: embed the ML scripting language. The one public API over the pipeline crates:
//! [`Engine`] (configured once), [`Program`] (compiled once, run many times), [`Limits`],
//! [`Error`] (kinds a host can match on, rendered with carets), [`Source`].
//!
//! Invariant: this crate contains no language logic; it wires syntax → IR → VM + stdlib.

mod capabilities;
mod engine;
mod error;
mod globals_json;
mod limits;
mod render;
mod source;

pub use capabilities::Grant;
pub use engine::{finding_warning, Engine, Program, RunOptions, RunResult, Usage};
pub use error::{render_diagnostics, render_finding, Error, ErrorClass, RuntimeError};
pub use limits::Limits;
pub use render::{render, Report, StackFrame};
pub use source::{InvalidUtf8, Source};
