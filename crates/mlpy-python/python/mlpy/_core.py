"""Shared machinery of every way to run ML from Python: compiling with a small cache,
turning capability arguments into grant strings, filtering injected globals (P-130), running
on the native VM and building the ``SandboxResult``.

Invariant: no language logic here — compiling and running are the native module's."""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Iterable

from . import _mlpy
from ._names import RESERVED, is_injectable
from .ml.errors.context import ErrorContext
from .ml.errors.exceptions import MLError, error_for_kind
from .runtime.sandbox import MLOutput, SandboxResult
from .stdlib.registry import bridge_options

__all__ = ["RESERVED", "is_injectable"]

CALLBACK_NAME = "__python_callback"

_CACHE: "OrderedDict[tuple, tuple[Any, list]]" = OrderedDict()
_CACHE_SIZE = 256
_CACHE_LOCK = threading.Lock()


def compile_native(
    source: str, name: str, host_globals: tuple[str, ...], strict: bool, open_world: bool = False
) -> tuple[Any, list[tuple]]:
    """``(native program or None, native issues)``; results are cached by every input."""
    key = (source, name, host_globals, strict, open_world)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    compiled = _mlpy.compile(source, name, list(host_globals), strict, open_world)
    with _CACHE_LOCK:
        _CACHE[key] = compiled
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return compiled


def issues_of(native_issues: Iterable[tuple], source_file: str | None) -> list[ErrorContext]:
    return [ErrorContext.from_native(i, source_file) for i in native_issues]


def split_context(context: Any) -> tuple[dict[str, Any] | None, Callable | None, list[Any]]:
    """``(globals, callback, grant items)`` of an ``execute_ml_code_sandbox`` context: a dict
    of host values (may hold ``__python_callback``) or a ``CapabilityContext`` (its valid
    tokens, parents included)."""
    if context is None:
        return None, None, []
    if isinstance(context, dict):
        callback = context.get(CALLBACK_NAME)
        values = {k: v for k, v in context.items() if is_injectable(k)}
        return values, callback, []
    tokens_of = getattr(context, "get_all_capabilities", None)
    if callable(tokens_of):
        return None, None, list(tokens_of().values())
    raise TypeError("context must be None, a dict of host values or a CapabilityContext")


def grants_of(capabilities: Any) -> list[Any]:
    """Grant items of ``capabilities`` (``None``, a grant string, a list of grant strings /
    ``CapabilityToken``s, or a ``CapabilityContext``): strings and tokens. Tokens stay tokens
    until a run starts, so each run re-checks them and counts their uses (§7.3)."""
    if capabilities is None:
        return []
    if isinstance(capabilities, str):
        return [capabilities]
    tokens_of = getattr(capabilities, "get_all_capabilities", None)
    if callable(tokens_of):
        return list(tokens_of().values())
    out: list[Any] = []
    for item in capabilities:
        if isinstance(item, str) or callable(getattr(item, "native_grants", None)):
            out.append(item)
        else:
            raise TypeError(f"capabilities must be grant strings or tokens, not {type(item).__name__}")
    return out


def native_grants(items: Iterable[Any]) -> tuple[list[str], list[tuple]]:
    """``(grant strings, token grants)`` of grant items for the native run; a token's grants
    carry its use counter, usage limit and expiry (an invalid token gives none)."""
    strings: list[str] = []
    tokens: list[tuple] = []
    for item in items:
        if isinstance(item, str):
            strings.append(item)
        else:
            tokens.extend(item.native_grants())
    return strings, tokens


def compile_failure(issues: list[ErrorContext], started: bool = False) -> "Any":
    """The result of a program that never started (P-45)."""
    blocking = next(
        (i for i in issues if i.error.code != "ML_WARNING" and i.severity in ("critical", "high")),
        issues[0] if issues else None,
    )
    error = blocking.error if blocking else MLError("compilation failed")
    security = error.kind == "SecurityError"
    return SandboxResult(
        success=False,
        error=error,
        error_traceback=str(blocking) if blocking else None,
        exit_code=4 if security else 1,
        security_issues=list(issues),
        issues=list(issues),
        started=started,
    )


_CAP_LIST = re.compile(r"capabilities[^\[]*\[([^\]]*)\]")
_CAP_ONE = re.compile(r"capability '([^']+)'")


def denied_capabilities(message: str) -> list[str]:
    """Capability names a ``CapabilityError`` message reports as missing (P-94)."""
    m = _CAP_LIST.search(message)
    if m:
        return re.findall(r"'([^']+)'", m.group(1))
    return _CAP_ONE.findall(message)


def run_native(
    native: Any,
    *,
    source_file: str | None,
    options: dict[str, Any],
    grants: list[Any],
    globals_: dict[str, Any] | None,
    callback: Callable | None,
    issues: list[ErrorContext],
) -> Any:
    """Runs a compiled program (``grants``: grant items, see ``grants_of``) and builds its
    ``SandboxResult``."""
    strings, tokens = native_grants(grants)
    cpu0 = time.thread_time()
    raw = native.run(
        grants=strings,
        tokens=tokens,
        globals=globals_,
        callback=callback,
        **options,
        **bridge_options(),
    )
    cpu = time.thread_time() - cpu0
    output, stderr, err, value, variables, fuel, peak, wall, cause, violations = raw
    if cause is not None and not isinstance(cause, Exception):
        raise cause  # KeyboardInterrupt / SystemExit raised by a callback
    error = None
    traceback = None
    exit_code = 0
    if err is not None:
        kind, message, line, column, stack, data, is_limit, rendered = err
        error = error_for_kind(
            kind,
            message,
            line=line or None,
            column=column or None,
            stack=[tuple(f) for f in stack],
            data=data,
            source_file=source_file,
        )
        if cause is not None and kind == "RuntimeError" and message == str(cause):
            error.__cause__ = cause
        traceback = rendered
        if is_limit:
            exit_code = 3
        elif kind in ("CapabilityError", "SecurityError"):
            exit_code = 4
            # Denials checked outside the library (the VM's own checks) are only in the message.
            violations += [n for n in denied_capabilities(message) if n not in violations]
        else:
            exit_code = 1
    findings = [i for i in issues if i.category is not None] if issues else []
    return SandboxResult(
        success=error is None,
        output=MLOutput(output, value),
        stderr=stderr,
        return_value=value,
        variables=variables,
        error=error,
        error_traceback=traceback,
        exit_code=exit_code,
        execution_time=wall,
        memory_used=peak,
        cpu_usage=min(100.0, 100.0 * cpu / wall) if wall > 0 else 0.0,
        fuel_used=fuel,
        security_issues=findings,
        capability_violations=violations,
        security_warnings=[i.error.message for i in findings] if findings else [],
        issues=issues,
    )
