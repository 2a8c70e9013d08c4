//! Host capability grants (python-api.md §7.2) and the policy the VM consults on every gated
//! native call: the default grant set (stdlib.md §1.2) plus what the host granted, with resource
//! patterns. Also the run environment the system modules see (time zone, script arguments,
//! environment map, working directory), configured on the [`Engine`].
//!
//! Invariants: system capabilities come only from the host (Engine / CLI `--allow`), never from
//! a script. A name granted once without patterns is unrestricted even if another grant of it
//! has patterns. Resource patterns are reported to the library (`CapabilityPolicy::info`), which
//! matches canonical paths / URL hosts against them.

use crate::engine::Engine;
use mlpy_vm::native::{CapabilityInfo, CapabilityPolicy};
use std::any::Any;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A capability granted by the host, with its resource patterns (globs; empty = unrestricted).
/// `name` is a capability name (`file.read`), or `*` for every name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub name: String,
    pub patterns: Vec<String>,
}

/// The family of a capability name: `file` for `file.read`.
pub(crate) fn family_of(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// True when some library capability belongs to `family`.
pub(crate) fn is_known_family(family: &str) -> bool {
    mlpy_stdlib::capabilities::known_names().any(|n| family_of(n) == family)
}

fn is_known_name(name: &str) -> bool {
    mlpy_stdlib::capabilities::known_names().any(|n| n == name)
}

fn split_patterns(text: &str, grant: &str) -> Result<Vec<String>, String> {
    let patterns: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if patterns.is_empty() {
        return Err(format!("empty resource pattern in grant '{grant}'"));
    }
    Ok(patterns)
}

impl Grant {
    /// Parses a grant string of python-api.md §7.2 with known families only (D13):
    /// `*`, `family.op[:patterns]`, `family.*[:patterns]`, `family:op[:patterns]`,
    /// `network:hostpatterns` (= `network.http` + `network.https`). One string may grant
    /// several names; patterns are comma-separated globs.
    pub fn parse(text: &str) -> Result<Vec<Grant>, String> {
        let text = text.trim();
        if text == "*" {
            return Ok(vec![Grant {
                name: "*".to_string(),
                patterns: Vec::new(),
            }]);
        }
        let (head, rest) = match text.split_once(':') {
            Some((h, r)) => (h, Some(r)),
            None => (text, None),
        };
        let (family, op) = match head.split_once('.') {
            Some((f, o)) => (f, Some(o)),
            None => (head, None),
        };
        if !is_known_family(family) {
            return Err(format!("unknown capability '{head}' in grant '{text}'"));
        }
        let (op, patterns) = match (op, rest) {
            (Some(op), rest) => (op, rest.map(|r| split_patterns(r, text)).transpose()?),
            (None, Some(rest)) => {
                let (first, more) = match rest.split_once(':') {
                    Some((a, b)) => (a, Some(b)),
                    None => (rest, None),
                };
                if first == "*" || is_known_name(&format!("{family}.{first}")) {
                    (first, more.map(|m| split_patterns(m, text)).transpose()?)
                } else if family == "network" {
                    let patterns = split_patterns(rest, text)?;
                    return Ok(["network.http", "network.https"]
                        .iter()
                        .map(|n| Grant {
                            name: n.to_string(),
                            patterns: patterns.clone(),
                        })
                        .collect());
                } else {
                    return Err(format!(
                        "unknown capability '{family}.{first}' in grant '{text}'"
                    ));
                }
            }
            (None, None) => {
                return Err(format!(
                    "grant '{text}' names no operation (e.g. '{family}.read' or '{family}.*')"
                ))
            }
        };
        let patterns = patterns.unwrap_or_default();
        if op == "*" {
            return Ok(mlpy_stdlib::capabilities::known_names()
                .filter(|n| family_of(n) == family)
                .map(|n| Grant {
                    name: n.to_string(),
                    patterns: patterns.clone(),
                })
                .collect());
        }
        let name = format!("{family}.{op}");
        if !is_known_name(&name) {
            return Err(format!("unknown capability '{name}' in grant '{text}'"));
        }
        Ok(vec![Grant { name, patterns }])
    }

    fn covers(&self, capability: &str) -> bool {
        self.name == "*" || self.name == capability
    }
}

/// Default grants (stdlib.md §1.2) plus the host's grants.
pub(crate) struct HostPolicy {
    pub(crate) grants: Vec<Grant>,
}

impl CapabilityPolicy for HostPolicy {
    fn is_granted(&self, capability: &str) -> bool {
        mlpy_stdlib::capabilities::is_default_grant(capability)
            || self.grants.iter().any(|g| g.covers(capability))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn granted_names(&self) -> Vec<String> {
        let own = self.grants.iter().map(|g| g.name.as_str());
        list_granted(|n| self.is_granted(n), own.filter(|&n| n != "*"))
    }
    fn info(&self, capability: &str) -> Option<CapabilityInfo> {
        if !self.is_granted(capability) {
            return None;
        }
        let matching: Vec<&Grant> = self
            .grants
            .iter()
            .filter(|g| g.covers(capability))
            .collect();
        let unrestricted = matching.is_empty() || matching.iter().any(|g| g.patterns.is_empty());
        let patterns: Vec<String> = matching
            .iter()
            .flat_map(|g| g.patterns.iter().cloned())
            .collect();
        Some(CapabilityInfo {
            patterns: (!unrestricted).then_some(patterns),
            ..CapabilityInfo::default()
        })
    }
}

/// A policy's `granted_names`: the library capabilities `granted` allows (asked in order), and
/// the `own` grant names, sorted and deduplicated.
pub(crate) fn list_granted<'a>(
    granted: impl Fn(&str) -> bool,
    own: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let mut names: Vec<String> = mlpy_stdlib::capabilities::known_names()
        .filter(|n| granted(n))
        .map(str::to_string)
        .chain(own.map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Run environment settings of an [`Engine`] (handed to the library as
/// [`mlpy_stdlib::host::HostEnv`]).
impl Engine {
    /// The time zone of `datetime` local times (IANA name, `UTC`, or `local`); default:
    /// `$TZ`, else the host's zone (D24). Unknown names are an error.
    pub fn set_timezone(&mut self, zone: &str) -> Result<&mut Self, String> {
        if !mlpy_stdlib::host::is_valid_timezone(zone) {
            return Err(format!("unknown time zone '{zone}'"));
        }
        self.run_env.timezone = Some(zone.to_string());
        Ok(self)
    }

    /// True when runs of this engine are granted `capability` (defaults included).
    pub fn is_granted(&self, capability: &str) -> bool {
        HostPolicy {
            grants: self.grants.clone(),
        }
        .is_granted(capability)
    }

    /// What `args.all()` returns: the script path followed by its arguments.
    pub fn set_args(&mut self, argv: Vec<String>) -> &mut Self {
        self.run_env.argv = argv;
        self
    }

    /// The environment map the `env` module reads (empty unless the host supplies one).
    pub fn set_env(&mut self, vars: BTreeMap<String, String>) -> &mut Self {
        self.run_env.env = vars;
        self
    }

    /// The directory relative paths and relative resource patterns resolve against
    /// (default: the process working directory).
    pub fn set_working_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.run_env.cwd = Some(dir.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Vec<String>)> {
        Grant::parse(text)
            .unwrap()
            .into_iter()
            .map(|g| (g.name, g.patterns))
            .collect()
    }

    #[test]
    fn grant_strings_of_every_form() {
        assert_eq!(names("file.read"), vec![("file.read".into(), vec![])]);
        assert_eq!(
            names("file.read:./data/**/*.csv,/tmp/*"),
            vec![(
                "file.read".into(),
                vec!["./data/**/*.csv".into(), "/tmp/*".into()]
            )]
        );
        assert_eq!(
            names("file:write:out/*"),
            vec![("file.write".into(), vec!["out/*".into()])]
        );
        let all_file = names("file.*");
        assert_eq!(all_file.len(), 4);
        assert!(all_file
            .iter()
            .all(|(n, p)| n.starts_with("file.") && p.is_empty()));
        assert_eq!(
            names("network:api.example.com"),
            vec![
                ("network.http".into(), vec!["api.example.com".into()]),
                ("network.https".into(), vec!["api.example.com".into()])
            ]
        );
        assert_eq!(names("network:http"), vec![("network.http".into(), vec![])]);
        assert_eq!(names("*"), vec![("*".into(), vec![])]);
        for bad in [
            "file.nuke",
            "execute:calculations",
            "file",
            "file.read:",
            "disk.read",
        ] {
            assert!(Grant::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn policy_merges_grants_and_defaults() {
        let mut grants = Grant::parse("file.read:/data/*").unwrap();
        grants.extend(Grant::parse("path.read").unwrap());
        let policy = HostPolicy { grants };
        assert!(policy.is_granted("math.compute"));
        assert!(policy.is_granted("file.read"));
        assert!(!policy.is_granted("file.write"));
        assert_eq!(
            policy.info("file.read").unwrap().patterns,
            Some(vec!["/data/*".to_string()])
        );
        assert_eq!(policy.info("path.read").unwrap().patterns, None);
        assert_eq!(policy.info("file.write"), None);
        // An unrestricted grant of the same name wins over a restricted one.
        let mut grants = Grant::parse("file.read:/data/*").unwrap();
        grants.extend(Grant::parse("file.read").unwrap());
        let policy = HostPolicy { grants };
        assert_eq!(policy.info("file.read").unwrap().patterns, None);
        let star = HostPolicy {
            grants: Grant::parse("*").unwrap(),
        };
        assert!(star.is_granted("env.write") && star.is_granted("network.http"));
    }
}
