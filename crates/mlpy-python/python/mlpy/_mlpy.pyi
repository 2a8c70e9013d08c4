"""Type stubs of the private native module (crates/mlpy-python/src/lib.rs)."""

from typing import Any, Callable, Mapping

__version__: str

#: ``(code, severity, message, line, column, rule)``; code is "syntax", "semantic",
#: "security" or "warning"; line/column 0 when unknown.
Issue = tuple[str, str, str, int, int, str | None]

#: ``(kind, message, line, column, stack, data, is_limit, rendered)``
ErrorTuple = tuple[str, str, int, int, list[tuple[str, int, int]], Any, bool, str]

class MLFunction:
    """An ML function passed to Python during a callback; callable until it returns."""

    def __call__(self, *args: Any) -> Any: ...

class Interrupt:
    """Stops the runs it is given (``Interrupted``) when set from any thread."""

    def __init__(self) -> None: ...
    def set(self) -> None: ...
    def clear(self) -> None: ...
    def is_set(self) -> bool: ...

class TokenUsage:
    """A capability token's use count and last-use time, shared with the runs it grants."""

    count: int
    last_used: float | None
    def __init__(self, count: int = 0, last_used: float | None = None) -> None: ...
    def try_use(self, max: int | None = None, expires_at: float | None = None) -> bool: ...

class NativeBridges:
    def __init__(self, specs: list[tuple[str, str, str, str, list[str], bool]]) -> None: ...

class NativeProgram:
    def run(
        self,
        *,
        fuel: int | None = None,
        timeout: float | None = None,
        memory: int = ...,
        max_depth: int = 1000,
        max_output: int | None = None,
        grants: list[str] = ...,
        tokens: list[tuple[str, TokenUsage, int | None, float | None]] = ...,
        deny_network: bool = False,
        deny_file_system: bool = False,
        read_only: bool = False,
        file_patterns: list[str] = ...,
        network_hosts: list[str] = ...,
        max_file_operations: int | None = None,
        max_requests: int | None = None,
        allowed_ports: list[int] = ...,
        file_size_limit: int | None = None,
        write_limit: int | None = None,
        globals: Mapping[str, Any] | None = None,
        callback: Callable[..., Any] | None = None,
        bridge_call: Callable[[str, list[Any]], Any] | None = None,
        bridges: NativeBridges | None = None,
        modules: Mapping[str, str] = ...,
        stdin: str | None = None,
        want_variables: bool = True,
        timezone: str | None = None,
        argv: list[str] = ...,
        env: Mapping[str, str] = ...,
        cwd: str | None = None,
        import_paths: list[str] = ...,
        interrupt: Interrupt | None = None,
    ) -> tuple[
        str, str, ErrorTuple | None, Any, dict[str, Any], int, int, float, BaseException | None, list[str]
    ]: ...

def compile(
    source: str,
    name: str,
    host_globals: list[str] = ...,
    strict: bool = True,
    open_world: bool = False,
) -> tuple[NativeProgram | None, list[Issue]]: ...
def audit(source: str, name: str) -> list[Issue]: ...
def transpile(
    source: str,
    name: str,
    *,
    strict: bool = True,
    source_map: bool = False,
    max_depth: int = 1000,
    max_output: int | None = None,
    grants: list[str] = ...,
    tz: str | None = None,
    output_name: str | None = None,
    import_paths: list[str] = ...,
    runtime: str = "embed",
    modules: Mapping[str, str] = ...,
) -> tuple[str | None, list[Issue], str | None]: ...

def python_runtime_module() -> str: ...
def grant_table(grants: list[str]) -> list[tuple[str, list[str]]]: ...
def outline(
    source: str, name: str
) -> (
    tuple[
        list[tuple[str, str | None, int, int]],
        list[tuple[str, str, str, int, int, int]],
        list[tuple[str | None, int, int, int, int]],
    ]
    | None
): ...
