//! Names the resolver knows without the program declaring them: builtins, predefined
//! constants, reserved words, and standard-library module names. The stdlib crate has a test
//! that its builtin table and this list agree.

/// Builtin functions of stdlib.md §2 (always in scope, also members of the `builtin` module).
pub const BUILTINS: &[&str] = &[
    "int",
    "float",
    "str",
    "bool",
    "typeof",
    "isinstance",
    "len",
    "range",
    "enumerate",
    "zip",
    "print",
    "input",
    "abs",
    "min",
    "max",
    "round",
    "sum",
    "sorted",
    "reversed",
    "keys",
    "values",
    "all",
    "any",
    "callable",
    "call",
    "chr",
    "ord",
    "hex",
    "bin",
    "oct",
    "repr",
    "format",
    "iter",
    "next",
    "hasattr",
    "getattr",
    "help",
    "methods",
    "modules",
    "available_modules",
    "has_module",
    "module_info",
    "hasCapability",
    "getCapabilities",
    "getCapabilityInfo",
    "requiredCapabilities",
];

/// The builtin-scope module value holding every builtin.
pub const BUILTIN_MODULE: &str = "builtin";

/// Standard-library modules (stdlib.md), importable and implicitly imported when used free.
pub const STDLIB_MODULES: &[&str] = &[
    "console",
    "math",
    "regex",
    "datetime",
    "collections",
    "functional",
    "random",
    "json",
    "file",
    "path",
    "http",
    "args",
    "env",
    "crypto",
    "csv",
    "log",
];

/// Names that evaluate to constants and may never be assigned.
pub const PREDEFINED_CONSTANTS: &[&str] = &["null", "undefined", "True", "False", "None"];

pub fn is_builtin(name: &str) -> bool {
    BUILTINS.contains(&name) || name == BUILTIN_MODULE
}

pub fn is_stdlib_module(name: &str) -> bool {
    STDLIB_MODULES.contains(&name)
}
