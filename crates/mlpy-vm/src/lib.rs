//! mlpy-vm: the ML bytecode compiler, interpreter, heap with GC, limits and native-function API.
//!
//! Value layer: `value`, `heap`, `num`, `text`, `ops`, `objmap`, `methods`, `error`.
//! Execution layer: `bytecode`, `compiler`, `vm` (interpreter, calls, exceptions, limits),
//! `native` (the API the standard library is written against), `disasm`.

pub mod bytecode;
pub mod compiler;
pub mod disasm;
pub mod error;
pub mod heap;
pub mod methods;
pub mod native;
pub mod num;
pub mod objmap;
pub mod ops;
mod peephole;
mod promote;
pub mod text;
pub mod value;
pub mod vm;

pub use disasm::disassemble;
pub use error::{ErrorKind, RtError, RtResult};
pub use heap::Heap;
pub use native::{
    CapabilityInfo, CapabilityPolicy, ConstValue, Member, ModuleDef, NativeCtx, NativeDef,
    NativeFn, NativeRegistry,
};
pub use value::{Gc, NativeId, Value};
pub use vm::{
    Limits, LoadError, Loaded, ModuleLoader, RunOutcome, StackEntry, Stats, Vm, VmConfig, VmError,
};
