//! What the host tells the system modules about one run (set with `Vm::set_host_data`):
//! the time zone of `datetime`, the script arguments of `args`, the environment map of `env`,
//! the working directory relative paths resolve against (`file`, `path`, `csv`), and the
//! sandbox quotas of `http` ports and file-write bytes ([`Quotas`]), and where the capability
//! denials the modules raise are recorded for the host ([`Violations`]).
//!
//! Invariant: the library never reads the process environment or arguments itself; without a
//! [`HostEnv`] a run sees no arguments, an empty environment, the host's local time zone (or
//! `$TZ`) and the process working directory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// Run environment supplied by the host. `Default` = nothing supplied.
#[derive(Debug, Clone, Default)]
pub struct HostEnv {
    /// IANA zone name (`"UTC"`, `"Europe/Paris"`) for local times; `None` = `$TZ`, else the
    /// host's zone (D24).
    pub timezone: Option<String>,
    /// `args.all()`: the script path followed by the script arguments.
    pub argv: Vec<String>,
    /// The environment map `env` reads and writes (writes stay inside the run).
    pub env: BTreeMap<String, String>,
    /// Directory relative paths and relative resource patterns resolve against; `None` = the
    /// process working directory.
    pub cwd: Option<PathBuf>,
    /// Sandbox quotas of the run (python-api.md P-105, P-112, P-113); default = unlimited.
    pub quotas: Quotas,
    /// Capability denials raised by the system modules (shared with the host).
    pub violations: Violations,
}

/// The capability names a run was denied, in first-denial order without repeats (caught
/// denials included). Clones share one list, so the host keeps a clone to read it after the
/// run; repeats are dropped, so it never grows past the set of names checked.
#[derive(Debug, Clone, Default)]
pub struct Violations(Arc<Mutex<Vec<String>>>);

impl Violations {
    /// Records a denial of `capability`.
    pub fn record(&self, capability: &str) {
        let mut names = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if !names.iter().any(|n| n == capability) {
            names.push(capability.to_string());
        }
    }

    /// The names recorded so far.
    pub fn names(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Per-run sandbox quotas checked by the system modules before they act; a violation is a
/// `CapabilityError`. `written` only grows, so the total is never exceeded.
#[derive(Debug, Clone, Default)]
pub struct Quotas {
    /// Ports `http` requests may reach (the URL's port, else its scheme's); empty = any.
    pub allowed_ports: Vec<u16>,
    /// Bytes one file write may produce (`file_size_limit`); `None` = unlimited.
    pub max_write_bytes: Option<u64>,
    /// Bytes all file writes of the run may produce together (`temp_dir_limit`).
    pub max_total_write_bytes: Option<u64>,
    /// Bytes written by the run so far.
    pub written: u64,
}

impl HostEnv {
    /// The working directory of the run.
    pub fn working_dir(&self) -> PathBuf {
        self.cwd
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }
}

/// True when `name` is a time zone `datetime` can use (an IANA name, `UTC`, or `local`).
pub fn is_valid_timezone(name: &str) -> bool {
    name.eq_ignore_ascii_case("local") || named_timezone(name).is_some()
}

/// The IANA zone spelled exactly `name` (case-sensitive, like Python's `zoneinfo` on Linux),
/// from the database bundled in the binary (the same on every host).
pub(crate) fn named_timezone(name: &str) -> Option<jiff::tz::TimeZone> {
    let zone = jiff::tz::db().get(name).ok()?;
    (zone.iana_name() == Some(name)).then_some(zone)
}

/// UTC offset in seconds of `zone` at the UTC instant `utc` (seconds since the epoch;
/// instants beyond the database's range use the offset at its nearest end).
pub(crate) fn utc_offset_at(zone: &jiff::tz::TimeZone, utc: i64) -> i32 {
    let clamped = utc.clamp(
        jiff::Timestamp::MIN.as_second(),
        jiff::Timestamp::MAX.as_second(),
    );
    jiff::Timestamp::from_second(clamped).map_or(0, |t| zone.to_offset(t).seconds())
}

/// When the run's wall-clock limit expires (host data set by hosts that have a timeout):
/// blocking natives (`http`) never wait past it.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub std::time::Instant);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn violations_are_shared_by_clones_and_kept_once_in_order() {
        let env = HostEnv::default();
        let host_side = env.violations.clone();
        for name in ["file.read", "network.http", "file.read"] {
            env.violations.record(name);
        }
        assert_eq!(host_side.names(), vec!["file.read", "network.http"]);
    }

    #[test]
    fn time_zones_are_exact_iana_names_from_the_bundled_database() {
        assert!(named_timezone("America/New_York").is_some());
        assert!(
            named_timezone("US/Eastern").is_some(),
            "backward links resolve"
        );
        assert!(named_timezone("UTC").is_some());
        assert!(
            named_timezone("america/new_york").is_none(),
            "case-sensitive"
        );
        assert!(named_timezone("Nowhere/City").is_none());
        assert!(named_timezone("").is_none());
        assert!(is_valid_timezone("local") && is_valid_timezone("Europe/Paris"));
        let ny = named_timezone("America/New_York").unwrap();
        assert_eq!(
            utc_offset_at(&ny, 1_719_835_200),
            -4 * 3600,
            "2024-07-01 is EDT"
        );
        assert_eq!(
            utc_offset_at(&ny, 1_704_067_200),
            -5 * 3600,
            "2024-01-01 is EST"
        );
        // Far outside the database's range: the nearest end's offset, no panic.
        assert_eq!(
            utc_offset_at(&ny, i64::MAX),
            utc_offset_at(&ny, 253_402_300_799)
        );
        let _ = utc_offset_at(&ny, i64::MIN);
    }
}
