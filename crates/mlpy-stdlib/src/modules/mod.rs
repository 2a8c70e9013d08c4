//! The library modules of stdlib.md §3–§18, one file per module. Each file owns one module's
//! natives and host-object classes and registers them from its `install`.

mod support;

mod collections;
mod console;
mod json;
mod math;
mod random;

use mlpy_vm::NativeRegistry;

/// Registers every library module.
pub(crate) fn install(reg: &mut NativeRegistry) {
    collections::install(reg);
    console::install(reg);
    json::install(reg);
    math::install(reg);
    random::install(reg);
}
