//! mlpy: embed the ML scripting language. The one public API over the pipeline crates:
//! [`Engine`] (configured once: grants, host functions and modules, import roots),
//! [`Program`] (compiled once, `Send + Sync`, run many times), [`Limits`], [`Value`] (owned
//! results and globals, serde both ways), [`Instance`] (a loaded program whose functions the
//! host calls), [`Error`] (kinds a host can match on, rendered with carets), [`Source`].
//!
//! ```
//! use mlpy::{Engine, HostError, RunOptions, Source, Value};
//!
//! let mut engine = Engine::new();
//! engine.declare_global("n");
//! engine.register_fn("double", |x: i64| Ok::<_, HostError>(x * 2))?;
//! let program = engine.compile(Source::new("demo.ml", "result = double(n) + 1;"))?;
//! let value = engine.run(&program, RunOptions::default().global("n", 20)).into_value()?;
//! assert_eq!(value, Value::Int(41));
//! # Ok::<(), mlpy::Error>(())
//! ```
//!
//! Invariant: this crate contains no language logic; it wires syntax → IR → VM + stdlib.

mod capabilities;
mod engine;
mod error;
mod globals_json;
pub mod host;
mod hostfn;
mod instance;
mod limits;
mod output;
mod render;
mod source;
mod transpile;
mod value;

pub use capabilities::Grant;
pub use engine::{finding_warning, Engine, Program, RunOptions, RunResult, Usage};
pub use error::{render_diagnostics, render_finding, Error, ErrorClass, LimitKind, RuntimeError};
pub use hostfn::{FromValue, HostError, HostFn, HostModule, IntoHostFn, IntoValue, Serde};
pub use instance::{Evaluated, Instance};
pub use limits::Limits;
pub use mlpy_pyemit::Runtime as PythonRuntime;
/// True while REPL input ends inside an open bracket or string (ask for another line).
pub use mlpy_syntax::is_incomplete;
pub use output::OutputBuffer;
pub use render::{render, Report, StackFrame};
pub use source::{InvalidUtf8, Source};
pub use transpile::{
    audit_source, outline, python_runtime_module, transpile, Outline, OutlineItem, OutlineScope,
    OutlineSymbol, TranspileOptions, Transpiled,
};
pub use value::{from_value, to_value, ConvertError, Value};
