"""Sandboxed execution on the VM: ``SandboxConfig`` (python-api.md §6) and ``SandboxResult``
(§5). ``MLSandbox`` is mlpy's class-based entry point over the same machinery."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..ml.errors.context import ErrorContext
from ..ml.errors.exceptions import MLError, MLSandboxError

SandboxError = MLSandboxError

_UNITS = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}


def parse_size(value: int | float | str) -> int:
    """Bytes of ``"100MB"``, ``"1GB"``, ``"512KB"`` or a number of bytes."""
    if isinstance(value, bool):
        raise TypeError("size must be a number of bytes or a string such as '100MB'")
    if isinstance(value, (int, float)):
        return int(value)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", str(value).upper())
    if not m:
        raise ValueError(f"invalid size {value!r}")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def _size_or_none(value: int | float | str | None) -> int | None:
    """``parse_size`` of a limit, where ``None`` means unlimited."""
    return None if value is None else parse_size(value)


# seed name -> (mlpy alias or None, default)
_FIELDS: dict[str, tuple[str | None, Any]] = {
    "max_execution_time": ("cpu_timeout", 30.0),
    "max_memory_mb": ("memory_limit", 100),
    "max_output_length": (None, None),
    "allow_network": ("network_disabled", False),
    "allowed_domains": ("allowed_hosts", []),
    "allowed_ports": (None, []),
    "rate_limit_requests": (None, None),
    "allow_file_system": (None, True),
    "allowed_file_patterns": ("file_access_patterns", []),
    "temp_dir_only": (None, False),
    "max_file_operations": (None, None),
    "read_only_mode": (None, False),
    "file_size_limit": (None, "10MB"),
    "temp_dir_limit": (None, "50MB"),
    "extra_env": (None, {}),
    "strict_mode": (None, True),
    "python_executable": (None, None),
    "disable_imports": (None, None),
    "max_call_depth": (None, 1000),
    "fuel": (None, None),
    "stdin": (None, ""),
    "argv": (None, None),
    "timezone": (None, None),
}
_ALIASES = {alias: name for name, (alias, _) in _FIELDS.items() if alias}


class SandboxConfig:
    """Limits and switches of a sandboxed run. Seed names and mlpy aliases are accepted
    (the seed name wins when both are given); unknown keywords raise ``TypeError``."""

    max_execution_time: float
    max_memory_mb: float
    max_output_length: int | None
    allow_network: bool
    allowed_domains: list[str]
    allowed_ports: list[int]
    rate_limit_requests: int | None
    allow_file_system: bool
    allowed_file_patterns: list[str]
    temp_dir_only: bool
    max_file_operations: int | None
    read_only_mode: bool
    file_size_limit: str | int | None
    temp_dir_limit: str | int | None
    extra_env: dict[str, str]
    strict_mode: bool
    max_call_depth: int
    fuel: int | None
    stdin: str
    argv: list[str] | None
    timezone: str | None

    def __init__(self, **kwargs: Any) -> None:
        values = {name: default for name, (_, default) in _FIELDS.items()}
        for name, (_, default) in _FIELDS.items():
            if isinstance(default, (list, dict)):
                values[name] = type(default)()
        given: set[str] = set()
        for key, value in kwargs.items():
            if key in _FIELDS:
                values[key] = value
                given.add(key)
            elif key in _ALIASES:
                name = _ALIASES[key]
                if name in kwargs:
                    continue  # the seed name wins
                if key == "network_disabled":
                    value = not value
                elif key == "memory_limit":
                    value = parse_size(value) / (1 << 20)
                values[name] = value
            else:
                raise TypeError(f"SandboxConfig() got an unexpected keyword argument '{key}'")
        self.__dict__.update(values)

    @property
    def cpu_timeout(self) -> float:
        return self.max_execution_time

    @property
    def memory_limit(self) -> str:
        return f"{int(self.max_memory_mb)}MB"

    @property
    def network_disabled(self) -> bool:
        return not self.allow_network

    @property
    def allowed_hosts(self) -> list[str]:
        return self.allowed_domains

    @property
    def file_access_patterns(self) -> list[str]:
        return self.allowed_file_patterns

    def run_options(self, source_file: str | None = None, temp_dir: str | None = None) -> dict[str, Any]:
        """Keyword arguments of the native run for this configuration; ``temp_dir`` is the
        run's private directory (working directory; with ``temp_dir_only`` the only place
        file and path functions may touch)."""
        patterns = list(self.allowed_file_patterns)
        if self.temp_dir_only and temp_dir:
            patterns = [temp_dir, f"{temp_dir}/**"]
        return {
            "fuel": self.fuel,
            "timeout": float(self.max_execution_time) if self.max_execution_time else None,
            "memory": int(float(self.max_memory_mb) * (1 << 20)),
            "max_depth": int(self.max_call_depth),
            "max_output": self.max_output_length,
            "deny_network": not self.allow_network,
            "deny_file_system": not self.allow_file_system,
            "read_only": bool(self.read_only_mode),
            "file_patterns": patterns,
            "network_hosts": list(self.allowed_domains),
            "max_file_operations": self.max_file_operations,
            "max_requests": self.rate_limit_requests,
            "allowed_ports": [int(p) for p in self.allowed_ports],
            "file_size_limit": _size_or_none(self.file_size_limit),
            "write_limit": _size_or_none(self.temp_dir_limit),
            "stdin": self.stdin or None,
            "timezone": self.timezone,
            "argv": list(self.argv) if self.argv is not None else [source_file or "<sandbox>"],
            "env": {str(k): str(v) for k, v in self.extra_env.items()},
            "cwd": temp_dir,
        }

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in _FIELDS)
        return f"SandboxConfig({inner})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SandboxConfig) and self.__dict__ == other.__dict__


class MLOutput(str):
    """A run's output text. Int/slice indexing is ``str``'s; a ``str`` key reads the program's
    result value when it is a dict (P-81, the seed's ``result["output"]["valid"]``)."""

    _value: Any = None

    def __new__(cls, text: str = "", value: Any = None) -> "MLOutput":
        obj = super().__new__(cls, text)
        obj._value = value
        return obj

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            if isinstance(self._value, dict):
                return self._value[key]
            raise KeyError(key)
        return str.__getitem__(self, key)

    def __reduce__(self) -> Any:
        return (MLOutput, (str(self), self._value))


@dataclass(eq=False)
class SandboxResult:
    """The outcome of a run (python-api.md §5, D19). Also unpacks as mlpy's pair
    ``(result_or_None, issues)`` (P-42)."""

    success: bool = False
    output: MLOutput = field(default_factory=MLOutput)
    stderr: str = ""
    return_value: Any = None
    variables: dict[str, Any] = field(default_factory=dict)
    error: MLError | None = None
    error_traceback: str | None = None
    exit_code: int = 0
    execution_time: float = 0.0
    memory_used: int = 0
    cpu_usage: float = 0.0
    fuel_used: int = 0
    security_issues: list[ErrorContext] = field(default_factory=list)
    capability_violations: list[str] = field(default_factory=list)
    security_warnings: list[str] = field(default_factory=list)
    issues: list[ErrorContext] = field(default_factory=list)
    started: bool = True

    @property
    def stdout(self) -> str:
        return str(self.output)

    @property
    def result(self) -> Any:
        return self.return_value

    @property
    def value(self) -> Any:
        return self.return_value

    @property
    def memory_usage(self) -> int:
        return self.memory_used

    @property
    def stats(self) -> dict[str, Any]:
        return {
            "fuel_used": self.fuel_used,
            "peak_memory": self.memory_used,
            "execution_time": self.execution_time,
            "cpu_usage": self.cpu_usage,
        }

    def raise_for_error(self) -> "SandboxResult":
        """Raises ``error`` if the run failed; returns ``self`` otherwise."""
        if self.error is not None:
            raise self.error
        return self

    # mlpy's `(result, issues) = execute_ml_code_sandbox(...)`
    def __iter__(self) -> Iterator[Any]:
        yield self if self.started else None
        yield self.issues

    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: int) -> Any:
        return tuple(self)[index]


class MLSandbox:
    """mlpy's sandbox object: a ``SandboxConfig`` plus ``execute``."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()

    def execute(
        self,
        source_code: str,
        capabilities: list[Any] | None = None,
        context: Any = None,
        source_file: str | None = None,
    ) -> SandboxResult:
        from ..ml.transpiler import execute_ml_code_sandbox

        return execute_ml_code_sandbox(
            source_code,
            source_file=source_file,
            capabilities=capabilities,
            context=context,
            sandbox_config=self.config,
        )

    def __enter__(self) -> "MLSandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


__all__ = ["MLOutput", "MLSandbox", "SandboxConfig", "SandboxError", "SandboxResult", "parse_size"]
