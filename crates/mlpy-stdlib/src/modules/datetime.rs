//! `datetime` (in progress).

pub(crate) fn install(_reg: &mut mlpy_vm::NativeRegistry) {}
