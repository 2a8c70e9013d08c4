"""The typed exception hierarchy of mlpy (spec D19, python-api.md P-3, P-70).

``MLError`` is the root. Script errors of a run are *returned* (``SandboxResult.error``), never
raised, unless the host calls ``result.raise_for_error()``; compile failures of
``mlpy.compile`` raise ``MLSyntaxError`` / ``MLSecurityError`` (D30).

Every instance carries ``kind`` (the values.md §9 kind name), ``message``, ``line``,
``column``, ``stack`` (list of ``(function, line, column)``, innermost first) and ``data`` (the
thrown object of ``throw``), plus mlpy's issue attributes (``severity``, ``code``, ``cwe``,
``suggestions``, ``context``, ``source_file``, ``line_number``).
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class ErrorSeverity(str, Enum):
    """Severity of an issue; compares equal to its lower-case name (P-71)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class CWECategory(str, Enum):
    """CWE identifiers mlpy attaches to security findings."""

    CODE_INJECTION = "CWE-94"
    COMMAND_INJECTION = "CWE-78"
    PATH_TRAVERSAL = "CWE-22"
    UNSAFE_DESERIALIZATION = "CWE-502"
    IMPROPER_INPUT_VALIDATION = "CWE-20"
    UNCONTROLLED_RESOURCE_CONSUMPTION = "CWE-400"
    IMPROPER_ACCESS_CONTROL = "CWE-284"
    REFLECTION = "CWE-470"


class MLError(Exception):
    """Root of every mlpy error."""

    default_code = "ML_ERROR"
    default_kind = "Error"

    def __init__(
        self,
        message: str = "",
        *,
        kind: str | None = None,
        severity: ErrorSeverity | str = ErrorSeverity.HIGH,
        code: str | None = None,
        cwe: CWECategory | None = None,
        suggestions: list[str] | None = None,
        context: dict[str, Any] | None = None,
        source_file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        stack: list[tuple[str, int, int]] | None = None,
        data: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind or self.default_kind
        self.severity = ErrorSeverity(severity)
        self.code = code or self.default_code
        self.cwe = cwe
        self.suggestions = list(suggestions or [])
        self.context = dict(context or {})
        self.source_file = source_file
        self.line = line
        self.column = column
        self.stack = list(stack or [])
        self.data = data
        self.error_data = data

    @property
    def line_number(self) -> int | None:
        return self.line

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kind!r}, {self.message!r}, line={self.line}, column={self.column})"

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.message, self.to_dict(), self.stack, self.data))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "severity": self.severity.value,
            "code": self.code,
            "cwe": self.cwe.value if self.cwe else None,
            "suggestions": list(self.suggestions),
            "context": dict(self.context),
            "source_file": self.source_file,
            "line": self.line,
            "column": self.column,
        }


def _rebuild(cls: type, message: str, d: dict[str, Any], stack: list, data: Any) -> MLError:
    cwe = CWECategory(d["cwe"]) if d.get("cwe") else None
    return cls(
        message,
        kind=d["kind"],
        severity=d["severity"],
        code=d["code"],
        cwe=cwe,
        suggestions=d["suggestions"],
        context=d["context"],
        source_file=d["source_file"],
        line=d["line"],
        column=d["column"],
        stack=[tuple(f) for f in stack],
        data=data,
    )


class MLSyntaxError(MLError):
    default_code = "ML_SYNTAX_ERROR"
    default_kind = "SyntaxError"


class MLParseError(MLSyntaxError):
    default_code = "ML_PARSE_ERROR"


class MLTranspilationError(MLError):
    default_code = "ML_TRANSPILATION_ERROR"
    default_kind = "SyntaxError"


class MLSecurityError(MLError):
    default_code = "ML_SECURITY_ERROR"
    default_kind = "SecurityError"


class MLConfigurationError(MLError):
    default_code = "ML_CONFIGURATION_ERROR"
    default_kind = "ConfigurationError"


class MLRuntimeError(MLError):
    default_code = "ML_RUNTIME_ERROR"
    default_kind = "RuntimeError"


class MLTypeError(MLRuntimeError):
    default_kind = "TypeError"


class MLUserException(MLRuntimeError):
    """An uncaught ``throw {...}``; ``data`` / ``error_data`` hold the thrown object."""

    default_kind = "MLUserException"


class MLCapabilityError(MLRuntimeError):
    default_code = "ML_CAPABILITY_ERROR"
    default_kind = "CapabilityError"


class MLSandboxError(MLRuntimeError):
    default_code = "ML_SANDBOX_ERROR"


class MLLimitError(MLSandboxError):
    """A resource limit ended the run (not catchable by ML code)."""

    default_code = "ML_LIMIT_ERROR"


class MLFuelExhaustedError(MLLimitError):
    default_kind = "FuelExhausted"


class MLTimeoutError(MLLimitError):
    default_kind = "Timeout"


class MLMemoryLimitError(MLLimitError):
    default_kind = "MemoryLimit"


class MLOutputLimitError(MLLimitError):
    default_kind = "OutputLimit"


class MLRecursionError(MLLimitError):
    default_kind = "RecursionError"


class MLInterruptedError(MLLimitError):
    default_kind = "Interrupted"


#: Exception class of each run-time error kind (values.md §9 names), keyed by the class's own
#: ``default_kind``.
KIND_CLASSES: dict[str, type[MLError]] = {
    cls.default_kind: cls
    for cls in (
        MLFuelExhaustedError,
        MLTimeoutError,
        MLMemoryLimitError,
        MLOutputLimitError,
        MLRecursionError,
        MLInterruptedError,
        MLCapabilityError,
        MLSecurityError,
        MLSyntaxError,
        MLUserException,
        MLTypeError,
    )
}


def error_for_kind(kind: str, message: str, **kwargs: Any) -> MLError:
    """The exception instance for an error of ``kind`` (unknown kinds: ``MLRuntimeError``)."""
    cls = KIND_CLASSES.get(kind, MLRuntimeError)
    return cls(message, kind=kind, **kwargs)


__all__ = [
    "CWECategory",
    "ErrorSeverity",
    "KIND_CLASSES",
    "MLCapabilityError",
    "MLConfigurationError",
    "MLError",
    "MLFuelExhaustedError",
    "MLInterruptedError",
    "MLLimitError",
    "MLMemoryLimitError",
    "MLOutputLimitError",
    "MLParseError",
    "MLRecursionError",
    "MLRuntimeError",
    "MLSandboxError",
    "MLSecurityError",
    "MLSyntaxError",
    "MLTimeoutError",
    "MLTranspilationError",
    "MLTypeError",
    "MLUserException",
    "error_for_kind",
]
