//! Ctrl-C during a run. While a run holds no GIL, Python cannot run its SIGINT handler, so the
//! VM would never hear of the key. Runs on the main thread (the only thread Python delivers
//! `KeyboardInterrupt` to) register their interrupt flag here; a SIGINT handler chained in
//! front of the one installed (Python's C handler, which still records the signal) wakes a
//! watcher thread through a self-pipe, and the watcher sets every registered flag. When the
//! run returns, the caller lets Python run its handler (`Python::check_signals`), which raises
//! `KeyboardInterrupt` as usual (or runs the host's own handler).
//!
//! Invariants:
//! - The chain is (re)installed at the start of every main-thread run whose SIGINT handler is
//!   a Python callable and is not ours already: a host that replaces the handler with
//!   `signal.signal` between runs (Python then installs its C handler again, dropping ours)
//!   gets Ctrl-C back on its next run. A host that ignores SIGINT or left the default action
//!   keeps it: nothing is chained then.
//! - The signal handler only does async-signal-safe work: atomic loads, one `write(2)` to the
//!   non-blocking self-pipe, and a call of the handler it replaced; `errno` is preserved.
//!
//! Hand-written over `libc::sigaction` because `signal-hook`'s registry installs its OS handler
//! once per process and cannot put it back after Python replaced it.

use pyo3::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A registered run: its interrupt flag and whether a SIGINT set it.
struct Entry {
    id: u64,
    flag: Arc<AtomicBool>,
    hit: Arc<AtomicBool>,
}

static ACTIVE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(1);
/// `threading.main_thread().ident`, as `pthread_self()` gives it.
static MAIN_THREAD: OnceLock<u64> = OnceLock::new();
/// Write end of the self-pipe (-1 until the watcher runs).
static WAKE_FD: AtomicI32 = AtomicI32::new(-1);
/// The handler ours replaced (`sa_sigaction` value) and whether it takes `siginfo`.
static PREV_HANDLER: AtomicUsize = AtomicUsize::new(libc::SIG_DFL);
static PREV_SIGINFO: AtomicBool = AtomicBool::new(false);
/// Serialises installs (runs on the main thread only, but a host may embed several
/// interpreters' worth of callers; cheap either way).
static INSTALL: Mutex<()> = Mutex::new(());

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

/// True when Python's SIGINT handler is a Python callable (so Python's C handler is what the
/// OS calls, and chaining to it keeps `KeyboardInterrupt` working).
fn python_handles_sigint(py: Python<'_>) -> bool {
    let handler = py
        .import("signal")
        .and_then(|m| m.call_method1("getsignal", (libc::SIGINT,)));
    matches!(handler, Ok(h) if h.is_callable())
}

extern "C" fn on_sigint(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: errno is thread-local; reading and restoring it is what handlers must do.
    let errno = unsafe { *libc::__errno_location() };
    let fd = WAKE_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: write(2) is async-signal-safe; a full pipe just drops the byte (the watcher
        // is already due to wake).
        unsafe { libc::write(fd, [1u8].as_ptr().cast(), 1) };
    }
    let prev = PREV_HANDLER.load(Ordering::Acquire);
    if prev != libc::SIG_DFL && prev != libc::SIG_IGN && prev != our_handler() {
        // SAFETY: `prev` was read from sigaction(2) as this signal's handler, with the
        // calling convention its SA_SIGINFO flag says.
        unsafe {
            if PREV_SIGINFO.load(Ordering::Relaxed) {
                let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    std::mem::transmute(prev);
                f(sig, info, ctx);
            } else {
                let f: extern "C" fn(libc::c_int) = std::mem::transmute(prev);
                f(sig);
            }
        }
    }
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = errno };
}

/// [`on_sigint`] as `sigaction` stores a handler.
fn our_handler() -> libc::sighandler_t {
    on_sigint as *const () as libc::sighandler_t
}

/// Starts the watcher thread and its self-pipe (once); false when that is impossible.
fn start_watcher() -> bool {
    static STARTED: OnceLock<bool> = OnceLock::new();
    *STARTED.get_or_init(|| {
        let mut fds = [0; 2];
        // SAFETY: pipe2 writes two descriptors into `fds`.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return false;
        }
        let [read_end, write_end] = fds;
        // SAFETY: fcntl on a descriptor we own; the handler must never block on a full pipe.
        unsafe { libc::fcntl(write_end, libc::F_SETFL, libc::O_NONBLOCK) };
        let spawned = std::thread::Builder::new()
            .name("mlpy-sigint".into())
            .spawn(move || {
                let mut buf = [0u8; 64];
                loop {
                    // SAFETY: reading into a local buffer from the pipe we own.
                    let n = unsafe { libc::read(read_end, buf.as_mut_ptr().cast(), buf.len()) };
                    if n <= 0 {
                        // SAFETY: reading errno of this thread.
                        let again = n < 0 && unsafe { *libc::__errno_location() } == libc::EINTR;
                        if again {
                            continue;
                        }
                        return;
                    }
                    let active = ACTIVE.lock().unwrap_or_else(PoisonError::into_inner);
                    for e in active.iter() {
                        e.hit.store(true, Ordering::Relaxed);
                        e.flag.store(true, Ordering::Relaxed);
                    }
                }
            });
        if spawned.is_err() {
            return false;
        }
        WAKE_FD.store(write_end, Ordering::Release);
        true
    })
}

/// Puts our handler in front of the installed one unless it is there already; true when it
/// is installed afterwards.
/// Ours still being installed means Python's handler is unchanged since we chained it (every
/// `signal.signal` call installs an OS handler again), so only a missing chain asks Python.
fn install(py: Python<'_>) -> bool {
    if !start_watcher() {
        return false;
    }
    let _guard = INSTALL.lock().unwrap_or_else(PoisonError::into_inner);
    // SAFETY: sigaction(2) with a zeroed struct for reading the current action.
    let mut current: libc::sigaction = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigaction(libc::SIGINT, std::ptr::null(), &mut current) } != 0 {
        return false;
    }
    if current.sa_sigaction == our_handler() {
        return true;
    }
    if !python_handles_sigint(py) {
        return false;
    }
    PREV_SIGINFO.store(current.sa_flags & libc::SA_SIGINFO != 0, Ordering::Relaxed);
    PREV_HANDLER.store(current.sa_sigaction, Ordering::Release);
    // SAFETY: a zeroed sigaction filled with our handler and the replaced one's mask and
    // flags (Python's: no SA_RESTART, so blocking calls still see EINTR and Python notices
    // Ctrl-C in them), plus SA_SIGINFO for our signature.
    let mut ours: libc::sigaction = unsafe { std::mem::zeroed() };
    ours.sa_sigaction = our_handler();
    ours.sa_mask = current.sa_mask;
    ours.sa_flags = current.sa_flags | libc::SA_SIGINFO;
    unsafe { libc::sigaction(libc::SIGINT, &ours, std::ptr::null_mut()) == 0 }
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
