//! mlpy-stdlib: the ML builtins (stdlib.md §2) and, later, the library modules, written against
//! the VM's public native API.

pub mod format;
pub mod round;
