//! mlpy-vm: the ML bytecode compiler, interpreter, heap with GC, limits and native-function API.

pub mod error;
pub mod heap;
pub mod methods;
pub mod num;
pub mod objmap;
pub mod ops;
pub mod text;
pub mod value;
