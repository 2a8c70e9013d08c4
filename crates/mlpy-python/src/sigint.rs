//! Ctrl-C during a run. While a run holds no GIL, Python cannot run its SIGINT handler, so the
//! VM would never hear of the key. Runs on the main thread (the only thread Python delivers
//! `KeyboardInterrupt` to) register their interrupt flag here; a SIGINT handler chained in
//! front of Python's own (signal-hook keeps calling the previous handler, so Python still
//! records the signal) wakes a watcher thread that sets every registered flag. When the run
//! returns, the caller lets Python run its handler (`Python::check_signals`), which raises
//! `KeyboardInterrupt` as usual.
//!
//! Invariants: the handler is installed at most once per process, lazily, and only while
//! Python's own SIGINT handler is installed (a host that ignores SIGINT or left the default
//! action keeps it: nothing is chained); if the host later replaces the SIGINT handler through
//! `signal.signal`, ours is gone and runs simply are not interrupted (the pre-existing
//! behaviour). The signal handler itself only writes to signal-hook's self-pipe.

use pyo3::prelude::*;
use signal_hook::consts::SIGINT;
use signal_hook::iterator::Signals;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A registered run: its interrupt flag and whether a SIGINT set it.
struct Entry {
    id: u64,
    flag: Arc<AtomicBool>,
    hit: Arc<AtomicBool>,
}

static ACTIVE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(1);
/// Whether the handler is installed (decided once).
static INSTALLED: OnceLock<bool> = OnceLock::new();
/// `threading.main_thread().ident`, as `pthread_self()` gives it.
static MAIN_THREAD: OnceLock<u64> = OnceLock::new();

/// Records the main thread's identity (called at module import).
pub fn init(py: Python<'_>) -> PyResult<()> {
    let ident: u64 = py
        .import("threading")?
        .call_method0("main_thread")?
        .getattr("ident")?
        .extract()?;
    let _ = MAIN_THREAD.set(ident);
    Ok(())
}

fn on_main_thread() -> bool {
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() } as u64;
    MAIN_THREAD.get() == Some(&me)
}

/// True when Python's SIGINT handler is a Python callable (so Python's C handler is installed
/// and chaining to it keeps `KeyboardInterrupt` working).
fn python_handles_sigint(py: Python<'_>) -> bool {
    let handler = py
        .import("signal")
        .and_then(|m| m.call_method1("getsignal", (SIGINT,)));
    matches!(handler, Ok(h) if h.is_callable())
}

fn install(py: Python<'_>) -> bool {
    *INSTALLED.get_or_init(|| {
        if !python_handles_sigint(py) {
            return false;
        }
        let Ok(mut signals) = Signals::new([SIGINT]) else {
            return false;
        };
        let spawned = std::thread::Builder::new()
            .name("mlpy-sigint".into())
            .spawn(move || {
                for _ in signals.forever() {
                    let active = ACTIVE.lock().unwrap_or_else(PoisonError::into_inner);
                    for e in active.iter() {
                        e.hit.store(true, Ordering::Relaxed);
                        e.flag.store(true, Ordering::Relaxed);
                    }
                }
            });
        spawned.is_ok()
    })
}

/// A run registered for Ctrl-C; unregisters on drop.
pub struct Watch {
    id: u64,
    flag: Arc<AtomicBool>,
    hit: Arc<AtomicBool>,
}

impl Watch {
    /// Registers `flag` when called on the main thread with Python handling SIGINT.
    pub fn start(py: Python<'_>, flag: &Arc<AtomicBool>) -> Option<Watch> {
        if !on_main_thread() || !install(py) {
            return None;
        }
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let hit = Arc::new(AtomicBool::new(false));
        ACTIVE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Entry {
                id,
                flag: flag.clone(),
                hit: hit.clone(),
            });
        Some(Watch {
            id,
            flag: flag.clone(),
            hit,
        })
    }

    /// Ends the watch; when a SIGINT stopped the run, clears the flag it set (so a host's
    /// `mlpy.Interrupt` is reusable) and runs Python's signal handlers, which raise
    /// `KeyboardInterrupt` unless the host installed another handler.
    pub fn finish(self, py: Python<'_>) -> PyResult<()> {
        let hit = self.hit.load(Ordering::Relaxed);
        drop(self);
        if hit {
            py.check_signals()
        } else {
            Ok(())
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        ACTIVE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|e| e.id != self.id);
        if self.hit.load(Ordering::Relaxed) {
            self.flag.store(false, Ordering::Relaxed);
        }
    }
}
