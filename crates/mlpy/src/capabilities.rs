//! Host capability grants (python-api.md §7.2) and the policy the VM consults on every gated
//! native call: the default grant set (stdlib.md §1.2) plus what the host granted, with resource
//! patterns.
//!
//! Invariant: system capabilities come only from the host (Engine / CLI `--allow`), never from a
//! script.

use mlpy_vm::native::{CapabilityInfo, CapabilityPolicy};
use std::any::Any;

/// A capability granted by the host (`--allow NAME[:PATTERN]`, python-api.md §7.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub name: String,
    pub patterns: Vec<String>,
}

impl Grant {
    /// Parses a grant string; only known capability names are accepted (D13).
    pub fn parse(text: &str) -> Result<Grant, String> {
        let (name, pattern) = match text.split_once(':') {
            Some((name, pattern)) => (name, Some(pattern)),
            None => (text, None),
        };
        let known =
            mlpy_stdlib::capabilities::known_names().any(|n| n == name) || name == "network.socket";
        if !known {
            return Err(format!("unknown capability '{name}' in grant '{text}'"));
        }
        Ok(Grant {
            name: name.to_string(),
            patterns: pattern.map(|p| vec![p.to_string()]).unwrap_or_default(),
        })
    }
}

/// Default grants (stdlib.md §1.2) plus the host's grants.
pub(crate) struct HostPolicy {
    pub(crate) grants: Vec<Grant>,
}

impl CapabilityPolicy for HostPolicy {
    fn is_granted(&self, capability: &str) -> bool {
        mlpy_stdlib::capabilities::is_default_grant(capability)
            || self.grants.iter().any(|g| g.name == capability)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn granted_names(&self) -> Vec<String> {
        let mut names: Vec<String> = mlpy_stdlib::capabilities::known_names()
            .filter(|n| self.is_granted(n))
            .map(str::to_string)
            .chain(self.grants.iter().map(|g| g.name.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }
    fn info(&self, capability: &str) -> Option<CapabilityInfo> {
        if !self.is_granted(capability) {
            return None;
        }
        let patterns: Vec<String> = self
            .grants
            .iter()
            .filter(|g| g.name == capability)
            .flat_map(|g| g.patterns.clone())
            .collect();
        Some(CapabilityInfo {
            patterns: (!patterns.is_empty()).then_some(patterns),
            operations: None,
            usage_count: 0,
            max_usage: None,
            expires_at: None,
        })
    }
}
