"""mlpy: the ML scripting language for Python hosts.

Idiomatic API (spec D19/D30)::

    import mlpy
    r = mlpy.run("x = 1 + 2; print(x);")          # SandboxResult, never raises for script errors
    r.output, r.value, r.variables, r.error
    prog = mlpy.compile("y = x * 2;", globals=["x"])  # raises MLSyntaxError / MLSecurityError
    prog.run(globals={"x": 21}).variables["y"]      # 42; programs are picklable
    engine = mlpy.Engine(limits=mlpy.Limits.untrusted(), capabilities=["file.read:./data/*"])

The guide's API lives in ``mlpy.ml.transpiler``, ``mlpy.runtime.sandbox``,
``mlpy.runtime.capabilities`` and ``mlpy.stdlib.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Mapping

from . import _core, _mlpy
from .ml.errors.exceptions import (
    MLCapabilityError,
    MLError,
    MLFuelExhaustedError,
    MLInterruptedError,
    MLLimitError,
    MLMemoryLimitError,
    MLOutputLimitError,
    MLRecursionError,
    MLRuntimeError,
    MLSecurityError,
    MLSyntaxError,
    MLTimeoutError,
    MLUserException,
)
from .runtime.sandbox import SandboxConfig, SandboxResult

__version__: str = _mlpy.__version__

#: Give ``run(..., interrupt=flag)`` and call ``flag.set()`` from any thread to stop the run
#: (``MLInterruptedError``).
Interrupt = _mlpy.Interrupt


@dataclass(frozen=True)
class Limits:
    """Resource limits of one run (spec D12). ``None`` = unlimited."""

    fuel: int | None = None
    timeout: float | None = None
    memory: int = 1024 << 20
    max_depth: int = 1000
    max_output: int | None = None

    @classmethod
    def untrusted(cls) -> "Limits":
        """Preset for scripts from strangers: 1e8 fuel, 5 s, 100 MiB, depth 1000, 1 MiB output."""
        return cls(fuel=100_000_000, timeout=5.0, memory=100 << 20, max_depth=1000, max_output=1 << 20)

    def options(self) -> dict[str, Any]:
        return {
            "fuel": self.fuel,
            "timeout": self.timeout,
            "memory": self.memory,
            "max_depth": self.max_depth,
            "max_output": self.max_output,
        }


_DEFAULT_LIMITS = Limits()


def _limits(limits: Limits | Mapping[str, Any] | None) -> Limits:
    if limits is None:
        return _DEFAULT_LIMITS
    if isinstance(limits, Limits):
        return limits
    return replace(Limits(), **dict(limits))


def _run_options(
    limits: Limits | Mapping[str, Any] | None,
    stdin: str | None,
    variables: bool,
    interrupt: "Interrupt | None",
    import_paths: Iterable[str],
) -> dict[str, Any]:
    """The native run's options: the limits', then the run's own settings."""
    options = _limits(limits).options()
    options["stdin"] = stdin
    options["want_variables"] = variables
    options["interrupt"] = interrupt
    options["import_paths"] = [str(p) for p in import_paths]
    return options


def _check_globals(globals: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not globals:
        return None
    bad = [k for k in globals if not _core.is_injectable(k)]
    if bad:
        raise ValueError(f"not usable as ML global names: {bad!r}")
    return dict(globals)


def _raise_compile_error(issues: list) -> None:
    blocking = next((i for i in issues if i.error.code != "ML_WARNING"), None)
    if blocking is None:
        raise MLSyntaxError("compilation failed")
    error = blocking.error
    if error.kind == "SecurityError":
        raise error
    if isinstance(error, MLSyntaxError):
        raise error
    raise MLSyntaxError(
        error.message,
        severity=error.severity,
        source_file=error.source_file,
        line=error.line,
        column=error.column,
    )


class Program:
    """A compiled program: immutable, thread-safe, picklable (it pickles as its source and
    options and recompiles on load, so it can be shipped to process pools, Ray or Dask)."""

    __slots__ = ("source", "name", "globals", "strict", "_native", "issues")

    def __init__(
        self,
        source: str,
        *,
        name: str = "<string>",
        globals: Iterable[str] = (),
        strict: bool = True,
    ) -> None:
        self.source = source
        self.name = name
        self.globals = tuple(globals)
        self.strict = strict
        native, raw = _core.compile_native(source, name, self.globals, strict)
        self.issues = _core.issues_of(raw, name)
        if native is None:
            _raise_compile_error(self.issues)
        self._native = native

    def __reduce__(self) -> Any:
        return (_restore_program, (self.source, self.name, self.globals, self.strict))

    def __repr__(self) -> str:
        return f"<mlpy.Program {self.name!r}>"

    def run(
        self,
        *,
        globals: Mapping[str, Any] | None = None,
        capabilities: Any = None,
        limits: Limits | Mapping[str, Any] | None = None,
        callback: Callable[..., Any] | None = None,
        stdin: str | None = None,
        variables: bool = True,
        interrupt: "Interrupt | None" = None,
        import_paths: Iterable[str] = (),
    ) -> SandboxResult:
        """Runs on a fresh VM (GIL released). Never raises for script errors (D19).
        ``variables=False`` skips converting the top-level variables (only ``value``);
        ``import_paths`` are searched by ``import a.b;`` for ``a/b.ml``."""
        return _core.run_native(
            self._native,
            source_file=self.name,
            options=_run_options(limits, stdin, variables, interrupt, import_paths),
            grants=_core.grants_of(capabilities),
            globals_=_check_globals(globals),
            callback=callback,
            issues=self.issues,
        )


def _restore_program(source: str, name: str, globals: tuple[str, ...], strict: bool) -> Program:
    return Program(source, name=name, globals=globals, strict=strict)


def compile(
    source: str, *, name: str = "<string>", globals: Iterable[str] = (), strict: bool = True
) -> Program:
    """Compiles ``source``; ``globals`` declares the names ``run(globals=...)`` will supply.
    Raises ``MLSyntaxError`` / ``MLSecurityError`` when there is nothing to run (D30)."""
    return Program(source, name=name, globals=globals, strict=strict)


def run(
    source: str,
    *,
    globals: Mapping[str, Any] | None = None,
    capabilities: Any = None,
    limits: Limits | Mapping[str, Any] | None = None,
    callback: Callable[..., Any] | None = None,
    name: str = "<string>",
    strict: bool = True,
    stdin: str | None = None,
    variables: bool = True,
    interrupt: "Interrupt | None" = None,
    import_paths: Iterable[str] = (),
) -> SandboxResult:
    """Compiles (cached) and runs ``source``; never raises for script errors (D19).
    ``variables=False`` skips converting the top-level variables (only ``value``)."""
    checked = _check_globals(globals)
    native, raw = _core.compile_native(source, name, tuple(checked) if checked else (), strict)
    issues = _core.issues_of(raw, name) if raw else []
    if native is None:
        return _core.compile_failure(issues)
    return _core.run_native(
        native,
        source_file=name,
        options=_run_options(limits, stdin, variables, interrupt, import_paths),
        grants=_core.grants_of(capabilities),
        globals_=checked,
        callback=callback,
        issues=issues,
    )


class Engine:
    """Defaults shared by many runs: limits, capabilities, callback, strictness."""

    def __init__(
        self,
        *,
        limits: Limits | Mapping[str, Any] | None = None,
        capabilities: Any = None,
        callback: Callable[..., Any] | None = None,
        strict: bool = True,
    ) -> None:
        self.limits = _limits(limits)
        self.capabilities = _core.grants_of(capabilities)
        self.callback = callback
        self.strict = strict

    def compile(self, source: str, *, name: str = "<string>", globals: Iterable[str] = ()) -> Program:
        return Program(source, name=name, globals=globals, strict=self.strict)

    def run(
        self,
        source: "str | Program",
        *,
        globals: Mapping[str, Any] | None = None,
        limits: Limits | Mapping[str, Any] | None = None,
        name: str = "<string>",
        stdin: str | None = None,
        variables: bool = True,
        interrupt: "Interrupt | None" = None,
        import_paths: Iterable[str] = (),
    ) -> SandboxResult:
        limits = self.limits if limits is None else _limits(limits)
        common: dict[str, Any] = dict(
            globals=globals,
            capabilities=self.capabilities,
            limits=limits,
            callback=self.callback,
            stdin=stdin,
            variables=variables,
            interrupt=interrupt,
            import_paths=import_paths,
        )
        if isinstance(source, Program):
            return source.run(**common)
        return run(source, name=name, strict=self.strict, **common)


__all__ = [
    "Engine",
    "Interrupt",
    "Limits",
    "MLCapabilityError",
    "MLError",
    "MLFuelExhaustedError",
    "MLInterruptedError",
    "MLLimitError",
    "MLMemoryLimitError",
    "MLOutputLimitError",
    "MLRecursionError",
    "MLRuntimeError",
    "MLSecurityError",
    "MLSyntaxError",
    "MLTimeoutError",
    "MLUserException",
    "Program",
    "SandboxConfig",
    "SandboxResult",
    "compile",
    "run",
]
