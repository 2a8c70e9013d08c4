//! Python callables reachable from ML during one run: `__python_callback` (python-api.md §9),
//! Python callables injected as values (§8.2) and bridge functions of registered modules
//! (§10: natives of the run's `mlpy::host::Bridges`, capability-checked by the VM before
//! Python is called).
//!
//! Invariants: every call re-acquires the GIL (the VM runs with it released); a Python
//! exception becomes a catchable ML `RuntimeError` carrying `str(exc)`, and the last such
//! exception is kept so an uncaught one can be the `__cause__` of the run's error. A
//! `BaseException` that is not an `Exception` (KeyboardInterrupt, SystemExit) ends the run as
//! `Interrupted` and is re-raised to the host.

use crate::convert::{ToMl, ToMlError, ToPy};
use mlpy::host::{bridge_member, ErrorKind, HostCalls, NativeCtx, RtError, RtResult, Value};
use pyo3::exceptions::{PyException, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A Python call made by the VM that is still running on this thread: ML functions passed to
/// it can be called back until it returns.
struct Frame {
    id: u64,
    ctx: *mut NativeCtx<'static>,
    host: *const PyHost,
}

thread_local! {
    /// Active frames, innermost last (strictly nested: a frame ends before its caller's).
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

static NEXT_FRAME: AtomicU64 = AtomicU64::new(1);

/// An ML function handed to Python code during a callback; calling it runs the function on
/// the paused VM. Valid only while that callback runs, on its thread.
#[pyclass(module = "mlpy._mlpy", name = "MLFunction", frozen)]
pub struct MLFunction {
    frame: u64,
    value: Value,
}

impl MLFunction {
    pub fn new(frame: u64, value: Value) -> Self {
        MLFunction { frame, value }
    }
}

#[pymethods]
impl MLFunction {
    #[pyo3(signature = (*args))]
    fn __call__(&self, py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<PyObject> {
        let found = FRAMES.with(|frames| {
            frames
                .borrow()
                .iter()
                .find(|f| f.id == self.frame)
                .map(|f| (f.ctx, f.host))
        });
        let Some((ctx, host)) = found else {
            return Err(PyRuntimeError::new_err(
                "an ML function can only be called while the callback that received it runs",
            ));
        };
        // SAFETY: the frame is registered only while `PyHost::call_python` is blocked in the
        // Python call that led here, on this thread (the registry is thread-local), and that
        // function does not touch the context or the host until the call returns; both
        // outlive the frame, which is removed before `call_python` returns.
        let (ctx, host) = unsafe { (&mut *ctx, &*host) };
        host.call_ml(py, ctx, self.frame, self.value, args)
    }

    fn __repr__(&self) -> String {
        "<ML function>".to_string()
    }
}

/// Host function id of `__python_callback`.
pub const CALLBACK_ID: u32 = 0;

/// The marker third argument of the call a generated bridge module makes to bind a member:
/// `query = __python_callback("database", "query", "bridge");` evaluates to the native.
const BRIDGE_MARKER: &str = "bridge";

/// The Python side of one run.
pub struct PyHost {
    /// `__python_callback`'s handler, if the host installed one.
    pub callback: Option<Py<PyAny>>,
    /// `bridge_call(qualified_name, args)`: lazy import + call (Python side).
    pub bridge_call: Option<Py<PyAny>>,
    /// Qualified names `module.member` of the run's bridge functions, by slot.
    pub bridge_names: Arc<Vec<String>>,
    /// Injected Python callables; id = index + 1.
    callables: Mutex<Vec<Py<PyAny>>>,
    /// The last exception a Python callable raised.
    pub last_exception: Mutex<Option<PyErr>>,
    pub max_depth: usize,
}

impl PyHost {
    pub fn new(
        callback: Option<Py<PyAny>>,
        bridge_call: Option<Py<PyAny>>,
        bridge_names: Arc<Vec<String>>,
        max_depth: usize,
    ) -> Self {
        PyHost {
            callback,
            bridge_call,
            bridge_names,
            callables: Mutex::new(Vec::new()),
            last_exception: Mutex::new(None),
            max_depth,
        }
    }

    /// Registers a Python callable; returns its host function id.
    pub fn register(&self, f: Py<PyAny>) -> u32 {
        let mut v = match self.callables.lock() {
            Ok(v) => v,
            Err(poisoned) => poisoned.into_inner(),
        };
        v.push(f);
        v.len() as u32
    }

    fn callable(&self, py: Python<'_>, id: u32) -> Option<Py<PyAny>> {
        let v = match self.callables.lock() {
            Ok(v) => v,
            Err(poisoned) => poisoned.into_inner(),
        };
        v.get((id as usize).checked_sub(1)?)
            .map(|f| f.clone_ref(py))
    }

    /// Calls `f(*args)` with ML arguments converted and converts the result back. ML functions
    /// among the arguments are callable from Python until `f` returns.
    fn call_python(
        &self,
        py: Python<'_>,
        ctx: &mut NativeCtx<'_>,
        f: &Py<PyAny>,
        args: &[Value],
    ) -> RtResult<Value> {
        let frame = NEXT_FRAME.fetch_add(1, Ordering::Relaxed);
        let mut to_py = ToPy::new(self.max_depth).in_frame(frame);
        let mut py_args = Vec::with_capacity(args.len());
        for &a in args {
            py_args.push(
                to_py
                    .convert(py, ctx.heap_ref(), a)
                    .map_err(|e| RtError::new(ErrorKind::ValueError, e.to_string()))?,
            );
        }
        let tuple = PyTuple::new(py, py_args)
            .map_err(|e| RtError::new(ErrorKind::RuntimeError, e.to_string()))?;
        FRAMES.with(|frames| {
            frames.borrow_mut().push(Frame {
                id: frame,
                ctx: (ctx as *mut NativeCtx<'_>).cast::<NativeCtx<'static>>(),
                host: self as *const PyHost,
            })
        });
        let outcome = f.bind(py).call1(tuple);
        FRAMES.with(|frames| frames.borrow_mut().retain(|f| f.id != frame));
        match outcome {
            Ok(result) => {
                let mut to_ml = ToMl::new(Some(self), self.max_depth);
                to_ml.convert(&result, ctx.heap()).map_err(|e| match e {
                    ToMlError::Ml(e) => e,
                    ToMlError::Py(e) => RtError::type_error(e.value(py).to_string()),
                })
            }
            Err(e) => {
                let message = e.value(py).to_string();
                // KeyboardInterrupt, SystemExit, ...: end the run (not catchable by ML); the
                // wheel re-raises the exception when the run returns.
                let kind = if e.is_instance_of::<PyException>(py) {
                    ErrorKind::RuntimeError
                } else {
                    ErrorKind::Interrupted
                };
                if let Ok(mut slot) = self.last_exception.lock() {
                    *slot = Some(e);
                }
                Err(RtError::new(kind, message))
            }
        }
    }

    /// Python calling an ML function received in callback `frame`: arguments Python → ML,
    /// the call on the paused VM, the result ML → Python. ML errors raise `RuntimeError`
    /// with the ML kind and message.
    fn call_ml(
        &self,
        py: Python<'_>,
        ctx: &mut NativeCtx<'_>,
        frame: u64,
        f: Value,
        args: &Bound<'_, PyTuple>,
    ) -> PyResult<PyObject> {
        let mut to_ml = ToMl::new(Some(self), self.max_depth);
        let mut ml_args = Vec::with_capacity(args.len());
        for a in args.iter() {
            match to_ml.convert(&a, ctx.heap()) {
                Ok(v) => ml_args.push(v),
                Err(ToMlError::Py(e)) => return Err(e),
                Err(ToMlError::Ml(e)) => return Err(ml_error(&e)),
            }
        }
        match ctx.call(f, &ml_args) {
            Ok(v) => Ok(ToPy::new(self.max_depth)
                .in_frame(frame)
                .convert(py, ctx.heap_ref(), v)?
                .unbind()),
            Err(e) => Err(ml_error(&e)),
        }
    }

    /// `bridge_call(qualified_name, [args])` for bridge slot `slot` (the VM has checked its
    /// capabilities).
    fn call_bridge_slot(
        &self,
        py: Python<'_>,
        ctx: &mut NativeCtx<'_>,
        slot: usize,
        args: &[Value],
    ) -> RtResult<Value> {
        let (Some(name), Some(bridge_call)) = (
            self.bridge_names.get(slot),
            self.bridge_call.as_ref().map(|b| b.clone_ref(py)),
        ) else {
            return Err(RtError::new(
                ErrorKind::RuntimeError,
                format!("bridge function #{slot} is not registered"),
            ));
        };
        let name = ctx.alloc_str(name)?;
        let list = ctx.heap().alloc_array(args.to_vec())?;
        self.call_python(py, ctx, &bridge_call, &[name, list])
    }
}

fn ml_error(e: &RtError) -> PyErr {
    PyRuntimeError::new_err(format!("{}: {}", e.kind().name(), e.message()))
}

impl HostCalls for PyHost {
    fn call_bridge(&self, ctx: &mut NativeCtx<'_>, slot: usize, args: &[Value]) -> RtResult<Value> {
        Python::with_gil(|py| self.call_bridge_slot(py, ctx, slot, args))
    }

    fn call(&self, ctx: &mut NativeCtx<'_>, id: u32, args: &[Value]) -> RtResult<Value> {
        Python::with_gil(|py| {
            if id != CALLBACK_ID {
                let Some(f) = self.callable(py, id) else {
                    return Err(RtError::new(
                        ErrorKind::RuntimeError,
                        "unknown host function",
                    ));
                };
                return self.call_python(py, ctx, &f, args);
            }
            if let [module, member, marker] = args {
                if ctx.str_of(*marker) == Some(BRIDGE_MARKER) {
                    let module = ctx.str_of(*module).unwrap_or_default().to_string();
                    let member = ctx.str_of(*member).unwrap_or_default().to_string();
                    return bridge_member(ctx, &module, &member).ok_or_else(|| {
                        RtError::new(
                            ErrorKind::NameError,
                            format!("no bridge function named '{module}.{member}'"),
                        )
                    });
                }
            }
            match self.callback.as_ref().map(|c| c.clone_ref(py)) {
                Some(handler) => self.call_python(py, ctx, &handler, args),
                None => Err(RtError::new(
                    ErrorKind::NameError,
                    "name '__python_callback' is not defined",
                )),
            }
        })
    }
}
