//! `Limits`: the resource budget of one run (spec D12), with documented defaults.
//!
//! Metering is always on: "unlimited" fuel is just a budget nobody reaches.

use std::time::Duration;

/// Resource limits for one run. `Limits::default()` is what `mlpy run` uses;
/// [`Limits::untrusted`] is the preset for scripts from strangers.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Executed-instruction budget; `None` = unlimited (default).
    pub fuel: Option<u64>,
    /// Wall-clock limit; `None` = no timeout (default).
    pub timeout: Option<Duration>,
    /// Bytes the script may hold on the VM heap (default 1024 MiB).
    pub memory: usize,
    /// Active ML calls; also the data-nesting limit (default 1000).
    pub max_depth: usize,
    /// Bytes written by print/console, stdout and stderr together; `None` = unlimited.
    pub max_output: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel: None,
            timeout: None,
            memory: 1024 << 20,
            max_depth: 1000,
            max_output: None,
        }
    }
}

impl Limits {
    /// Preset for untrusted code: fuel 100,000,000, timeout 5 s, memory 100 MiB, depth 1000,
    /// output 1 MiB (spec D12).
    pub fn untrusted() -> Self {
        Limits {
            fuel: Some(100_000_000),
            timeout: Some(Duration::from_secs(5)),
            memory: 100 << 20,
            max_depth: 1000,
            max_output: Some(1 << 20),
        }
    }
}

impl Limits {
    /// The VM's form of these limits.
    pub(crate) fn to_vm(&self) -> mlpy_vm::Limits {
        mlpy_vm::Limits {
            fuel: self.fuel,
            timeout: self.timeout,
            memory: Some(self.memory),
            max_depth: self.max_depth,
            max_output: self.max_output.map(|b| b as u64),
        }
    }
}
