//! The library modules of stdlib.md §3–§18, one file per module. Each file owns one module's
//! natives and host-object classes and registers them from its `install`.

mod access;
mod support;

mod args;
mod collections;
mod console;
mod crypto;
mod csv;
mod datetime;
mod env;
mod file;
mod functional;
mod http;
mod json;
mod log;
mod math;
mod path;
mod random;
mod regex;

use mlpy_vm::NativeRegistry;

pub(crate) use access::declared_caps;

/// Registers every library module.
pub(crate) fn install(reg: &mut NativeRegistry) {
    collections::install(reg);
    console::install(reg);
    functional::install(reg);
    json::install(reg);
    log::install(reg);
    math::install(reg);
    random::install(reg);
    regex::install(reg);
    args::install(reg);
    crypto::install(reg);
    csv::install(reg);
    datetime::install(reg);
    env::install(reg);
    file::install(reg);
    http::install(reg);
    path::install(reg);
}
