//! Runtime error kinds and the error type every value operation returns.
//!
//! Owns: [`ErrorKind`] (the Python exception class names of values.md §9.1, plus the limit
//! kinds), [`RtError`] (kind + message + optional thrown data; the interpreter adds position and
//! stack) and [`MemoryExceeded`] (what the heap's accounting returns).
//! Invariant: `RtError` is one pointer wide so `Result<Value, RtError>` stays small on hot paths.

use crate::heap::{ErrorValue, Heap};
use crate::value::Value;
use std::fmt;

/// The kind of a runtime error: the Python exception class name mlpy would raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    ZeroDivisionError,
    AttributeError,
    NameError,
    UnboundLocalError,
    OverflowError,
    RuntimeError,
    OSError,
    FileNotFoundError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    FileExistsError,
    EOFError,
    CapabilityError,
    SecurityError,
    MLUserException,
    // Limit kinds: not catchable by ML code.
    RecursionError,
    FuelExhausted,
    Timeout,
    MemoryLimit,
    OutputLimit,
    Interrupted,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 26] = [
        Self::TypeError,
        Self::ValueError,
        Self::IndexError,
        Self::KeyError,
        Self::ZeroDivisionError,
        Self::AttributeError,
        Self::NameError,
        Self::UnboundLocalError,
        Self::OverflowError,
        Self::RuntimeError,
        Self::OSError,
        Self::FileNotFoundError,
        Self::IsADirectoryError,
        Self::NotADirectoryError,
        Self::PermissionError,
        Self::FileExistsError,
        Self::EOFError,
        Self::CapabilityError,
        Self::SecurityError,
        Self::MLUserException,
        Self::RecursionError,
        Self::FuelExhausted,
        Self::Timeout,
        Self::MemoryLimit,
        Self::OutputLimit,
        Self::Interrupted,
    ];

    /// The kind's name as shown to users (`"TypeError"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::TypeError => "TypeError",
            Self::ValueError => "ValueError",
            Self::IndexError => "IndexError",
            Self::KeyError => "KeyError",
            Self::ZeroDivisionError => "ZeroDivisionError",
            Self::AttributeError => "AttributeError",
            Self::NameError => "NameError",
            Self::UnboundLocalError => "UnboundLocalError",
            Self::OverflowError => "OverflowError",
            Self::RuntimeError => "RuntimeError",
            Self::OSError => "OSError",
            Self::FileNotFoundError => "FileNotFoundError",
            Self::IsADirectoryError => "IsADirectoryError",
            Self::NotADirectoryError => "NotADirectoryError",
            Self::PermissionError => "PermissionError",
            Self::FileExistsError => "FileExistsError",
            Self::EOFError => "EOFError",
            Self::CapabilityError => "CapabilityError",
            Self::SecurityError => "SecurityError",
            Self::MLUserException => "MLUserException",
            Self::RecursionError => "RecursionError",
            Self::FuelExhausted => "FuelExhausted",
            Self::Timeout => "Timeout",
            Self::MemoryLimit => "MemoryLimit",
            Self::OutputLimit => "OutputLimit",
            Self::Interrupted => "Interrupted",
        }
    }

    /// The kind with this name, if any.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Limit errors stop the program: ML `except` cannot catch them and `finally` does not run.
    pub fn is_limit(self) -> bool {
        matches!(
            self,
            Self::RecursionError
                | Self::FuelExhausted
                | Self::Timeout
                | Self::MemoryLimit
                | Self::OutputLimit
                | Self::Interrupted
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The payload of an [`RtError`].
#[derive(Clone, Debug)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
    /// The thrown object for `MLUserException` (and anything a native wants to attach).
    pub data: Option<Value>,
}

/// A runtime error raised by a value operation, a method or a native.
/// Position and stack are attached by the interpreter.
#[derive(Clone, Debug)]
pub struct RtError(pub Box<ErrorInfo>);

impl RtError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> RtError {
        RtError(Box::new(ErrorInfo {
            kind,
            message: message.into(),
            data: None,
        }))
    }
    pub fn with_data(kind: ErrorKind, message: impl Into<String>, data: Value) -> RtError {
        RtError(Box::new(ErrorInfo {
            kind,
            message: message.into(),
            data: Some(data),
        }))
    }
    #[inline]
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    #[inline]
    pub fn message(&self) -> &str {
        &self.0.message
    }
    #[inline]
    pub fn data(&self) -> Option<Value> {
        self.0.data
    }
    pub fn type_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::TypeError, msg)
    }
    pub fn value_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::ValueError, msg)
    }
    pub fn index_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::IndexError, msg)
    }
    pub fn key_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::KeyError, msg)
    }
    pub fn zero_division(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::ZeroDivisionError, msg)
    }
    pub fn attribute_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::AttributeError, msg)
    }
    pub fn overflow_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::OverflowError, msg)
    }
    pub fn runtime_error(msg: impl Into<String>) -> RtError {
        Self::new(ErrorKind::RuntimeError, msg)
    }
    /// The data-depth / call-depth limit error (D31).
    pub fn depth() -> RtError {
        Self::new(
            ErrorKind::RecursionError,
            "maximum recursion depth exceeded",
        )
    }
    /// The memory-limit error.
    pub fn memory() -> RtError {
        Self::new(ErrorKind::MemoryLimit, "memory limit exceeded")
    }
}

impl fmt::Display for RtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.kind, self.0.message)
    }
}

impl std::error::Error for RtError {}

/// Returned by the heap when an allocation or growth would pass the memory limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryExceeded;

impl From<MemoryExceeded> for RtError {
    fn from(_: MemoryExceeded) -> RtError {
        RtError::memory()
    }
}

impl RtError {
    /// The error `throw obj;` raises (values.md §9.2): kind `MLUserException`, message = the
    /// object's `message` key converted with `display`, or "User-defined exception".
    pub fn thrown(heap: &Heap, obj: Value) -> RtResult<RtError> {
        let message = match obj {
            Value::Object(g) => heap.object_get_str(g, "message"),
            _ => None,
        };
        let message = match message {
            Some(m) => crate::text::display(heap, m)?,
            None => "User-defined exception".to_string(),
        };
        Ok(RtError::with_data(ErrorKind::MLUserException, message, obj))
    }

    /// The value `except (e)` binds for this error, raised at `line`:`column`.
    pub fn to_value(&self, heap: &mut Heap, line: u32, column: u32) -> RtResult<Value> {
        Ok(heap.alloc_error(ErrorValue {
            kind: self.kind(),
            message: self.message().to_string(),
            data: self.data(),
            line,
            column,
        })?)
    }
}

/// Shorthand for results of value operations.
pub type RtResult<T> = Result<T, RtError>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objmap::ObjMap;

    #[test]
    fn kinds_round_trip_and_limits() {
        for k in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_name(k.name()), Some(k));
        }
        assert!(ErrorKind::MemoryLimit.is_limit() && ErrorKind::RecursionError.is_limit());
        assert!(!ErrorKind::TypeError.is_limit() && !ErrorKind::CapabilityError.is_limit());
        let e: RtError = MemoryExceeded.into();
        assert_eq!(e.kind(), ErrorKind::MemoryLimit);
        assert_eq!(RtError::type_error("x").to_string(), "TypeError: x");
    }

    #[test]
    fn thrown_objects_and_error_values() {
        let mut h = Heap::new();
        let (mk, ck) = (
            h.alloc_str("message").unwrap(),
            h.alloc_str("code").unwrap(),
        );
        let boom = h.alloc_str("boom").unwrap();
        let mut m = ObjMap::new();
        m.insert(&h, mk, boom).unwrap();
        m.insert(&h, ck, Value::Int(7)).unwrap();
        let obj = h.alloc_object(m).unwrap();
        let e = RtError::thrown(&h, obj).unwrap();
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::MLUserException, "boom")
        );
        let mut m = ObjMap::new();
        m.insert(&h, ck, Value::Int(7)).unwrap();
        let obj2 = h.alloc_object(m).unwrap();
        let e2 = RtError::thrown(&h, obj2).unwrap();
        assert_eq!(e2.message(), "User-defined exception");
        let mut m = ObjMap::new();
        m.insert(&h, mk, Value::Int(42)).unwrap();
        let obj3 = h.alloc_object(m).unwrap();
        assert_eq!(RtError::thrown(&h, obj3).unwrap().message(), "42");
        let v = e.to_value(&mut h, 1, 7).unwrap();
        assert_eq!(crate::text::display(&h, v).unwrap(), "boom");
        assert_eq!(v.type_name(&h), "MLUserException");
        let code = crate::ops::get_member(&mut h, v, ck).unwrap();
        assert!(matches!(code, Value::Int(7)));
        let k = RtError::key_error("'b'").to_value(&mut h, 3, 9).unwrap();
        assert_eq!(crate::text::print_text(&h, k).unwrap(), "'b'");
        let col = h.alloc_str("column").unwrap();
        assert!(matches!(
            crate::ops::get_member(&mut h, k, col).unwrap(),
            Value::Int(9)
        ));
        let data = h.alloc_str("data").unwrap();
        assert!(matches!(
            crate::ops::get_member(&mut h, k, data).unwrap(),
            Value::Null
        ));
    }
}
