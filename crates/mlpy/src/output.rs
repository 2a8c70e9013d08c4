//! `OutputBuffer`: an in-memory sink for a run's stdout/stderr that the host reads afterwards
//! (services and tests capture a script's output per run with it).
//!
//! Invariant: clones share one buffer; a poisoned lock still yields the bytes written so far.

use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard};

/// A cloneable, thread-safe byte buffer usable as [`crate::RunOptions::stdout`].
#[derive(Clone, Default, Debug)]
pub struct OutputBuffer(Arc<Mutex<Vec<u8>>>);

impl OutputBuffer {
    pub fn new() -> OutputBuffer {
        OutputBuffer::default()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<u8>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Everything written so far, as text (invalid UTF-8 replaced).
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.lock()).into_owned()
    }

    /// Takes the text written so far, leaving the buffer empty.
    pub fn take(&self) -> String {
        let bytes = std::mem::take(&mut *self.lock());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// A boxed writer for [`crate::RunOptions`].
    pub fn writer(&self) -> Box<dyn Write + Send> {
        Box::new(self.clone())
    }
}

impl Write for OutputBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.lock().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
