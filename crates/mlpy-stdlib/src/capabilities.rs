//! The capability names of the standard library (stdlib.md §1.1) and the default grant set
//! (§1.2): every pure and ambient name. System names are never granted by default.
//!
//! [`DefaultGrants`] is a ready [`CapabilityPolicy`] for hosts that grant nothing beyond the
//! defaults; hosts with their own grants implement the trait themselves.

use mlpy_vm::{CapabilityInfo, CapabilityPolicy};
use std::any::Any;

/// Pure names: deterministic library functionality.
pub const PURE: &[&str] = &[
    "collections.read",
    "collections.transform",
    "console.error",
    "console.write",
    "crypto.hash",
    "datetime.create",
    "functional.compose",
    "functional.transform",
    "json.parse",
    "json.serialize",
    "log.write",
    "math.compute",
    "random.generate",
    "random.sample",
    "regex.compile",
    "regex.match",
];

/// Ambient names: pure in effect but non-deterministic (clock, OS randomness).
pub const AMBIENT: &[&str] = &["crypto.random", "datetime.now"];

/// System names: granted only by the host (`network.https` and `network.socket` are declared
/// but guard nothing yet).
pub const SYSTEM: &[&str] = &[
    "args.read",
    "env.read",
    "env.write",
    "file.append",
    "file.delete",
    "file.read",
    "file.write",
    "network.http",
    "network.https",
    "network.socket",
    "path.read",
    "path.write",
];

/// Every known capability name (pure, ambient, system).
pub fn known_names() -> impl Iterator<Item = &'static str> {
    PURE.iter().chain(AMBIENT).chain(SYSTEM).copied()
}

/// True for names in the default grant set (pure and ambient).
pub fn is_default_grant(name: &str) -> bool {
    PURE.contains(&name) || AMBIENT.contains(&name)
}

/// A policy granting exactly the default grant set.
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultGrants;

impl CapabilityPolicy for DefaultGrants {
    fn is_granted(&self, capability: &str) -> bool {
        is_default_grant(capability)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn granted_names(&self) -> Vec<String> {
        let mut v: Vec<String> = PURE.iter().chain(AMBIENT).map(|s| s.to_string()).collect();
        v.sort();
        v
    }
    fn info(&self, capability: &str) -> Option<CapabilityInfo> {
        is_default_grant(capability).then(CapabilityInfo::default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_grants_are_pure_and_ambient_only() {
        assert!(DefaultGrants.is_granted("math.compute"));
        assert!(DefaultGrants.is_granted("datetime.now"));
        assert!(!DefaultGrants.is_granted("file.read"));
        assert!(!DefaultGrants.is_granted("execute:calculations"));
        assert_eq!(
            DefaultGrants.granted_names().len(),
            PURE.len() + AMBIENT.len()
        );
        assert_eq!(
            DefaultGrants.info("json.parse"),
            Some(CapabilityInfo::default())
        );
        assert_eq!(DefaultGrants.info("file.read"), None);
        let all: Vec<&str> = known_names().collect();
        assert_eq!(all.len(), 30);
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "names are unique");
    }
}
