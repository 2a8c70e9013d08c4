//! mlpy-stdlib: the ML builtins (stdlib.md §2) and the standard-library modules, written
//! against the VM's public native API (`mlpy_vm::native`).
//!
//! Entry point: [`install`] registers everything in a [`mlpy_vm::NativeRegistry`].
//! Pure helpers usable without a VM: [`format`] (Python format specs), [`round`] (exact
//! decimal rounding), [`capabilities`] (capability names and the default grant set).

mod builtins;
pub mod capabilities;
pub mod format;
pub mod host;
mod modules;
pub mod round;

pub use builtins::BUILTIN_DEFS;

/// Registers every builtin (and, as they are added, every library module).
pub fn install(registry: &mut mlpy_vm::NativeRegistry) {
    builtins::install(registry);
    modules::install(registry);
}
