//! Value conversion between Python objects and ML values on a run's heap (python-api.md §8.2).
//!
//! Invariants: conversion is deep and bounded — containers on the current path are tracked, so
//! a cycle is a `ValueError("cyclic structure cannot be converted")`, never a stack overflow,
//! and nesting past the depth limit is a `ValueError` too. Every ML allocation goes through the
//! heap, so host data counts against the run's memory limit.

use crate::host::{MLFunction, PyHost};
use mlpy::host::{host_callable, Heap, HeapObject, ObjMap, RtError, Value};
use num_bigint::BigInt;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString,
    PyTuple,
};
use std::collections::HashSet;

/// Why a Python value could not become an ML value.
pub enum ToMlError {
    /// A Python-side error (unsupported type, cycle, bad key): raised to the caller.
    Py(PyErr),
    /// The heap budget ran out: the run ends with `MemoryLimit`.
    Ml(RtError),
}

impl From<PyErr> for ToMlError {
    fn from(e: PyErr) -> Self {
        ToMlError::Py(e)
    }
}

impl From<mlpy::host::MemoryExceeded> for ToMlError {
    fn from(e: mlpy::host::MemoryExceeded) -> Self {
        ToMlError::Ml(e.into())
    }
}

/// Conversion recursion never goes deeper than this, whatever the run's depth limit (the
/// converter recurses on the native stack of the calling thread).
const MAX_NESTING: usize = 5_000;

fn cyclic() -> PyErr {
    PyValueError::new_err("cyclic structure cannot be converted")
}

fn too_deep() -> PyErr {
    PyValueError::new_err("structure nested too deeply to convert")
}

/// Python → ML, with the path of containers being converted.
pub struct ToMl<'h> {
    host: Option<&'h PyHost>,
    path: HashSet<usize>,
    max_depth: usize,
}

impl<'h> ToMl<'h> {
    /// `host` registers Python callables as host functions (none: callables are an error).
    pub fn new(host: Option<&'h PyHost>, max_depth: usize) -> Self {
        ToMl {
            host,
            path: HashSet::new(),
            max_depth: max_depth.min(MAX_NESTING),
        }
    }

    pub fn convert(&mut self, obj: &Bound<'_, PyAny>, heap: &mut Heap) -> Result<Value, ToMlError> {
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(s) = obj.downcast_exact::<PyString>() {
            return Ok(heap.alloc_str(s.to_str()?)?);
        }
        if obj.is_instance_of::<PyBool>() {
            return Ok(Value::Bool(obj.is_truthy()?));
        }
        if obj.is_instance_of::<PyInt>() {
            return Ok(match obj.extract::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => heap.alloc_bigint(obj.extract::<BigInt>()?)?,
            });
        }
        if let Ok(f) = obj.downcast::<PyFloat>() {
            return Ok(Value::Float(f.value()));
        }
        if let Ok(s) = obj.downcast::<PyString>() {
            return Ok(heap.alloc_str(s.to_str()?)?);
        }
        if let Ok(d) = obj.downcast::<PyDict>() {
            return self.nested(obj, |me| {
                let mut map = ObjMap::with_capacity(d.len());
                for (k, v) in d.iter() {
                    let key = me.key(&k, heap)?;
                    let value = me.convert(&v, heap)?;
                    map.insert(heap, key, value).map_err(ToMlError::Ml)?;
                }
                Ok(heap.alloc_object(map)?)
            });
        }
        if let Ok(l) = obj.downcast::<PyList>() {
            return self.nested(obj, |me| {
                let mut items = Vec::with_capacity(l.len());
                for item in l.iter() {
                    items.push(me.convert(&item, heap)?);
                }
                Ok(heap.alloc_array(items)?)
            });
        }
        if obj.is_instance_of::<PyTuple>()
            || obj.is_instance_of::<PySet>()
            || obj.is_instance_of::<PyFrozenSet>()
        {
            return self.nested(obj, |me| {
                let mut items = Vec::new();
                for item in obj.try_iter()? {
                    items.push(me.convert(&item?, heap)?);
                }
                Ok(heap.alloc_array(items)?)
            });
        }
        if let Ok(b) = obj.downcast::<PyBytes>() {
            return Ok(heap.alloc_bytes(b.as_bytes().to_vec())?);
        }
        if let Ok(b) = obj.downcast::<PyByteArray>() {
            return Ok(heap.alloc_bytes(b.to_vec())?);
        }
        if obj.is_callable() {
            if let Some(host) = self.host {
                let id = host.register(obj.clone().unbind());
                return Ok(host_callable(heap, id)?);
            }
        }
        Err(PyTypeError::new_err(format!(
            "cannot convert {} to an ML value",
            obj.get_type().name()?
        ))
        .into())
    }

    /// An object key: str, int, float, bool or None.
    fn key(&mut self, k: &Bound<'_, PyAny>, heap: &mut Heap) -> Result<Value, ToMlError> {
        if k.is_none()
            || k.is_instance_of::<PyString>()
            || k.is_instance_of::<PyInt>()
            || k.is_instance_of::<PyFloat>()
        {
            return self.convert(k, heap);
        }
        Err(PyTypeError::new_err(format!(
            "cannot use {} as an ML object key",
            k.get_type().name()?
        ))
        .into())
    }

    fn nested(
        &mut self,
        obj: &Bound<'_, PyAny>,
        body: impl FnOnce(&mut Self) -> Result<Value, ToMlError>,
    ) -> Result<Value, ToMlError> {
        let id = obj.as_ptr() as usize;
        if self.path.len() >= self.max_depth {
            return Err(too_deep().into());
        }
        if !self.path.insert(id) {
            return Err(cyclic().into());
        }
        let r = body(self);
        self.path.remove(&id);
        r
    }
}

/// ML → Python. Functions become `MLFunction`s inside a callback frame and `None` elsewhere
/// (they cannot outlive the run); modules and other non-data become `None`; callers that
/// must leave them out check [`is_data`] first.
pub struct ToPy {
    path: HashSet<u32>,
    max_depth: usize,
    /// The active callback frame: ML functions become callable `MLFunction`s bound to it.
    frame: Option<u64>,
}

impl ToPy {
    pub fn new(max_depth: usize) -> Self {
        ToPy {
            path: HashSet::new(),
            max_depth: max_depth.min(MAX_NESTING),
            frame: None,
        }
    }

    /// Converts ML functions to `MLFunction`s callable while callback `frame` runs.
    pub fn in_frame(mut self, frame: u64) -> Self {
        self.frame = Some(frame);
        self
    }

    pub fn convert<'py>(
        &mut self,
        py: Python<'py>,
        heap: &Heap,
        v: Value,
    ) -> PyResult<Bound<'py, PyAny>> {
        Ok(match v {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
            Value::Int(i) => i.into_pyobject(py)?.into_any(),
            Value::Float(x) => PyFloat::new(py, x).into_any(),
            Value::Str(g) => PyString::new(py, heap.str(g)).into_any(),
            Value::BigInt(g) => match heap.get(g) {
                HeapObject::BigInt(b) => b.into_pyobject(py)?.into_any(),
                _ => py.None().into_bound(py),
            },
            Value::Array(g) => self.nested(g, |me| {
                let HeapObject::Array(items) = heap.get(g) else {
                    return Ok(py.None().into_bound(py));
                };
                let out = PyList::empty(py);
                for &item in items {
                    out.append(me.convert(py, heap, item)?)?;
                }
                Ok(out.into_any())
            })?,
            Value::Tuple(g) => self.nested(g, |me| {
                let HeapObject::Tuple(items) = heap.get(g) else {
                    return Ok(py.None().into_bound(py));
                };
                let mut out = Vec::with_capacity(items.len());
                for &item in items.iter() {
                    out.push(me.convert(py, heap, item)?);
                }
                Ok(PyTuple::new(py, out)?.into_any())
            })?,
            Value::Object(g) => self.nested(g, |me| {
                let HeapObject::Object(map) = heap.get(g) else {
                    return Ok(py.None().into_bound(py));
                };
                let out = PyDict::new(py);
                for (k, val) in map.iter() {
                    out.set_item(me.convert(py, heap, k)?, me.convert(py, heap, val)?)?;
                }
                Ok(out.into_any())
            })?,
            Value::Other(g) => match heap.get(g) {
                HeapObject::Bytes(b) => PyBytes::new(py, b).into_any(),
                _ => py.None().into_bound(py),
            },
            Value::Function(_) | Value::Native(_) => match self.frame {
                Some(frame) => Bound::new(py, MLFunction::new(frame, v))?.into_any(),
                None => py.None().into_bound(py),
            },
        })
    }

    fn nested<'py>(
        &mut self,
        g: mlpy::host::Gc,
        body: impl FnOnce(&mut Self) -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if self.path.len() >= self.max_depth {
            return Err(too_deep());
        }
        if !self.path.insert(g.0) {
            return Err(cyclic());
        }
        let r = body(self);
        self.path.remove(&g.0);
        r
    }
}

/// True for values `variables` exports at top level (D22): null, bool, numbers, strings,
/// arrays, tuples, objects.
pub fn is_data(v: Value) -> bool {
    !matches!(v, Value::Function(_) | Value::Native(_) | Value::Other(_))
}
