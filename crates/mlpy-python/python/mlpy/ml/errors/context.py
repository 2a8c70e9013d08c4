"""Issue objects (``ErrorContext``, python-api.md §4.1): one per syntax error, compile error,
security finding or warning, with a location that is never ``None`` (P-72)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .exceptions import (
    CWECategory,
    ErrorSeverity,
    MLError,
    MLSecurityError,
    MLSyntaxError,
    MLTranspilationError,
)


@dataclass
class SourceLocation:
    """Where an issue is; fields are ``None`` when unknown."""

    line: int | None = None
    column: int | None = None
    file: str | None = None

    @property
    def line_number(self) -> int | None:
        return self.line

    @property
    def file_path(self) -> str | None:
        return self.file


#: CWE of the audit categories (language.md §10).
_CWE = {
    "code_injection": CWECategory.CODE_INJECTION,
    "dangerous_builtin": CWECategory.CODE_INJECTION,
    "unsafe_import": CWECategory.COMMAND_INJECTION,
    "dunder_identifier": CWECategory.REFLECTION,
    "reflection": CWECategory.REFLECTION,
}


class ErrorContext(dict):
    """One issue: ``error`` (an ``MLError``), ``severity``, ``location``, ``category``.

    It is also a plain ``dict`` of its ``to_dict()`` data, so hosts can hand issue lists to
    ``json.dumps`` / Flask's ``jsonify`` unchanged (the guide's web example does)."""

    def __init__(
        self,
        error: MLError,
        location: SourceLocation | None = None,
        category: str | None = None,
    ) -> None:
        self.error = error
        self.location = location or SourceLocation()
        self.category = category
        super().__init__(self.to_dict())

    @property
    def severity(self) -> ErrorSeverity:
        return self.error.severity

    def get_location(self) -> SourceLocation:
        return self.location

    def to_dict(self) -> dict[str, Any]:
        d = self.error.to_dict()
        d["category"] = self.category
        d["file"] = self.location.file
        return d

    def format_plain_text(self) -> str:
        return str(self)

    def __str__(self) -> str:
        loc = self.location
        return f"{loc.file or '<unknown>'}:{loc.line or 0}:{loc.column or 0}: {self.severity.value}: {self.error.message}"

    def __repr__(self) -> str:
        return f"ErrorContext({self.error!r}, category={self.category!r})"

    def __reduce__(self) -> Any:
        return (ErrorContext, (self.error, self.location, self.category))

    @classmethod
    def from_native(cls, issue: tuple, source_file: str | None) -> "ErrorContext":
        """From the native ``(code, severity, message, line, column, rule)`` tuple."""
        code, severity, message, line, column, rule = issue
        line = line or None
        column = column or None
        common: dict[str, Any] = dict(
            severity=severity, source_file=source_file, line=line, column=column
        )
        error: MLError
        if code == "syntax":
            error = MLSyntaxError(message, **common)
        elif code == "semantic":
            error = MLTranspilationError(message, **common)
        elif code == "security":
            error = MLSecurityError(
                message, cwe=_CWE.get(rule or ""), context={"category": rule}, **common
            )
        else:
            error = MLError(message, kind="Warning", code="ML_WARNING", **common)
        return cls(error, SourceLocation(line, column, source_file), rule)


__all__ = ["ErrorContext", "SourceLocation"]
