"""The guide's entry points (python-api.md §2, §4): transpiling ML to Python, auditing, and
``execute_ml_code_sandbox``, which runs on the VM in-process (P-40), not on emitted Python.

The free functions delegate to the module-level ``ml_transpiler`` instance."""

from __future__ import annotations

import bisect
import contextlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _core, _mlpy
from ..runtime.sandbox import SandboxConfig, SandboxResult
from ..stdlib.registry import ml_module_sources
from .errors.context import ErrorContext, SourceLocation
from .errors.exceptions import MLParseError



@dataclass(frozen=True)
class ASTNode:
    """A top-level statement of a parsed program: mlpy's node type name
    (``AssignmentStatement``, ``FunctionDefinition``, ``ImportStatement``, ...), the name it
    binds (if one) and the position of its first token (1-based)."""

    node_type: str
    name: str | None
    line: int
    column: int


@dataclass
class ParsedProgram:
    """The opaque result of ``parse_with_security_analysis`` (P-61); ``items`` are its
    top-level statements in source order."""

    source: str
    source_file: str | None = None
    items: list[ASTNode] = field(default_factory=list)
    line: int = 1
    column: int = 1


def _outline(source: str, source_file: str | None) -> tuple[list, list, list] | None:
    return _mlpy.outline(source, source_file or "<string>")


def _issue(error_cls: type, message: str, source_file: str | None, line: int | None = None) -> ErrorContext:
    error = error_cls(message, source_file=source_file, line=line)
    return ErrorContext(error, SourceLocation(line, None, source_file))


def _source_map_dict(text: str | None, source: str, source_file: str | None) -> dict[str, Any] | None:
    """The API's source-map dict (§3): the v3 map plus mlpy's ``debugInfo`` block (symbol
    table, function scopes, and every mapping with the node type and name of the ML
    statement that starts there)."""
    if text is None:
        return None
    source_map = json.loads(text)
    file = (source_map.get("sources") or [source_file])[0]
    items, symbols, scopes = _outline(source, source_file) or ([], [], [])
    starts = {(line, column): (node_type, name) for node_type, name, line, column in items}
    for name, _kind, node_type, line, column, _level in symbols:
        starts.setdefault((line, column), (node_type, name))
    detailed = []
    for gl, gc, ol, oc in _decode_mappings(source_map.get("mappings", "")):
        entry = {"generated": {"line": gl + 1, "column": gc}, "original": {"line": ol + 1, "column": oc + 1},
                 "source_file": file}
        node = starts.get((ol + 1, oc + 1))
        if node is not None:
            entry["node_type"], entry["name"] = node
        detailed.append(entry)
    symbol_table: dict[str, Any] = {}
    for name, kind, node_type, line, column, level in symbols:
        symbol_table.setdefault(name, {
            "type": kind,
            "defined_at": {"line": line, "column": column, "file": file},
            "node_type": node_type,
            "scope_level": level,
        })
    scope_info = [
        {"type": "function", "name": name or "<lambda>", "start": {"line": line, "column": column},
         "end": {"line": end_line, "column": end_column}}
        for name, line, column, end_line, end_column in scopes
    ]
    return {
        "sourceMap": source_map,
        "debugInfo": {
            "symbolTable": symbol_table,
            "typeInformation": {},
            "scopeInformation": scope_info,
            "detailedMappings": detailed,
        },
    }


_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def _decode_mappings(mappings: str) -> list[tuple[int, int, int, int]]:
    """Segments of a v3 ``mappings`` string as 0-based (gen line, gen col, orig line, orig col)."""
    out: list[tuple[int, int, int, int]] = []
    src_line = src_col = 0
    for gen_line, line in enumerate(mappings.split(";")):
        gen_col = 0
        for seg in filter(None, line.split(",")):
            values, shift, acc = [], 0, 0
            for ch in seg:
                digit = _B64[ch]
                acc += (digit & 31) << shift
                if digit & 32:
                    shift += 5
                else:
                    values.append(-(acc >> 1) if acc & 1 else acc >> 1)
                    acc = shift = 0
            gen_col += values[0]
            if len(values) >= 4:
                src_line += values[2]
                src_col += values[3]
                out.append((gen_line, gen_col, src_line, src_col))
    return out


def map_python_traceback(exc: BaseException, source_map: dict[str, Any]) -> list[tuple[int, int]]:
    """ML ``(line, column)`` positions of the frames that ran emitted code when ``exc`` was
    raised, outermost first, innermost last (P-52). The runtime re-raises an uncaught error
    as an ``MLError`` caused by the original exception, so the exception chain is followed to
    the deepest exception raised inside ML code. A frame on a generated line without a mapping
    of its own (a line inside a statement) takes the nearest mapped line above it. Emitted code
    is recognised by its file name: the map's ``file``, or ``<string>`` (``exec`` of the code
    text)."""
    entries = source_map.get("debugInfo", {}).get("detailedMappings", [])
    by_line: dict[int, tuple[int, int]] = {}
    for e in entries:
        by_line.setdefault(e["generated"]["line"], (e["original"]["line"], e["original"]["column"]))
    mapped = sorted(by_line)
    names = {"<string>", source_map.get("sourceMap", {}).get("file") or "<string>"}

    def positions(error: BaseException) -> list[tuple[int, int]]:
        out = []
        tb = error.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            # ML code runs in `__ml_main` (top level) and in the functions it defines; the
            # runtime's helpers (`__ml...`) and the wrappers around them are not ML code.
            name = code.co_name
            is_ml = name == "__ml_main" or not name.startswith(("__ml", "__ML", "<module>"))
            if is_ml and (code.co_filename in names or Path(code.co_filename).name in names):
                i = bisect.bisect_right(mapped, tb.tb_lineno) - 1
                if i >= 0:
                    out.append(by_line[mapped[i]])
            tb = tb.tb_next
        return out

    best: list[tuple[int, int]] = []
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        found = positions(error)
        if found:
            best = found
        error = error.__cause__ or error.__context__
    return best


class MLTranspiler:
    """Transpiles, audits and runs ML; instances keep their own sandbox defaults (P-67)."""

    def __init__(self, repl_mode: bool = False, python_extension_paths: list[str] | None = None) -> None:
        self.repl_mode = repl_mode
        self.python_extension_paths = list(python_extension_paths or [])
        self.default_sandbox_config = SandboxConfig()
        self.sandbox_enabled = True

    # -- configuration (P-66) --------------------------------------------------------------
    def set_sandbox_config(self, config: SandboxConfig) -> None:
        self.default_sandbox_config = config

    def enable_sandbox(self, enabled: bool = True) -> None:
        self.sandbox_enabled = enabled

    # -- parsing and auditing ----------------------------------------------------------------
    def parse_with_security_analysis(
        self, source_code: str, source_file: str | None = None
    ) -> tuple[ParsedProgram | None, list[ErrorContext]]:
        issues = self.validate_security_only(source_code, source_file)
        outline = _outline(source_code, source_file)
        if outline is None or any(i.error.code == "ML_SYNTAX_ERROR" for i in issues):
            return None, issues
        items = [ASTNode(node_type, name, line, column) for node_type, name, line, column in outline[0]]
        return ParsedProgram(source_code, source_file, items), issues

    def validate_security_only(self, source_code: str, source_file: str | None = None) -> list[ErrorContext]:
        """Every audit finding (any severity), or the syntax error (P-30, P-31)."""
        raw = _mlpy.audit(source_code, source_file or "<string>")
        return _core.issues_of(raw, source_file)

    # -- transpiling -----------------------------------------------------------------------
    def transpile_to_python(
        self,
        source_code: str,
        source_file: str | None = None,
        strict_security: bool = True,
        generate_source_maps: bool = False,
        import_paths: list[str] | None = None,
        allow_current_dir: bool = True,
        module_output_mode: str = "separate",
        known_imports: Any = None,
        runtime: str = "embed",
        max_call_depth: int = 1000,
        max_output_length: int | None = None,
        grants: list[str] | None = None,
        timezone: str | None = None,
        output_name: str | None = None,
    ) -> tuple[str | None, list[ErrorContext], dict[str, Any] | None]:
        """``(python_code, issues, source_map)`` (P-10…P-16). Open world: names the program
        does not define are looked up in the executing namespace at run time. The output is
        self-contained (D21 embed mode) unless ``runtime="import"``, which loads the runtime
        from this package (``mlpy.runtime.pyprelude``) instead."""
        code, raw, source_map = _mlpy.transpile(
            source_code,
            source_file or "<string>",
            strict=strict_security,
            source_map=generate_source_maps,
            max_depth=max_call_depth,
            max_output=max_output_length,
            grants=list(grants or []),
            tz=timezone,
            output_name=output_name,
            import_paths=[*(import_paths or []), *self.python_extension_paths],
            runtime=runtime,
            modules=ml_module_sources(),
        )
        issues = _core.issues_of(raw, source_file)
        if code is None:
            return None, issues, None
        return code, issues, _source_map_dict(source_map, source_code, source_file)

    def transpile_file(
        self,
        file_path: str,
        output_path: str | None = None,
        strict_security: bool = True,
        generate_source_maps: bool = False,
    ) -> tuple[str | None, list[ErrorContext], dict[str, Any] | None]:
        try:
            source = Path(file_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return None, [_issue(MLParseError, f"Failed to transpile file: {exc}", str(file_path))], None
        code, issues, source_map = self.transpile_to_python(
            source,
            str(file_path),
            strict_security,
            generate_source_maps,
            output_name=Path(output_path).name if output_path else None,
        )
        if code is not None and output_path:
            out = Path(output_path)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(code, encoding="utf-8")
            if source_map is not None:
                out.with_suffix(".py.map").write_text(
                    json.dumps(source_map.get("sourceMap", source_map)), encoding="utf-8"
                )
        return code, issues, source_map

    # -- running on the VM -------------------------------------------------------------------
    def execute_with_sandbox(
        self,
        source_code: str,
        source_file: str | None = None,
        capabilities: Any = None,
        context: Any = None,
        sandbox_config: SandboxConfig | None = None,
        strict_security: bool | None = None,
        force_transpile: bool = False,
    ) -> SandboxResult:
        """Runs on the VM; ``strict_security`` defaults to the config's ``strict_mode`` (P-115)."""
        config = sandbox_config or self.default_sandbox_config
        if strict_security is None:
            strict_security = bool(config.strict_mode)
        globals_, callback, context_grants = _core.split_context(context)
        grants = _core.grants_of(capabilities) + context_grants
        host_globals = tuple(globals_) if globals_ else ()
        native, raw = _core.compile_native(
            source_code, source_file or "<sandbox>", host_globals, strict_security
        )
        issues = _core.issues_of(raw, source_file)
        if native is None:
            return _core.compile_failure(issues)
        # With ``temp_dir_only`` the run gets a private directory that lives as long as the run.
        private_dir = (
            tempfile.TemporaryDirectory(prefix="mlpy-sandbox-")
            if config.temp_dir_only
            else contextlib.nullcontext()
        )
        with private_dir as temp_dir:
            options = config.run_options(source_file, temp_dir)
            options["import_paths"] = self.python_extension_paths
            return _core.run_native(
                native,
                source_file=source_file,
                options=options,
                grants=grants,
                globals_=globals_,
                callback=callback,
                issues=issues,
            )


ml_transpiler = MLTranspiler()


def transpile_ml_code(
    source_code: str,
    source_file: str | None = None,
    strict_security: bool = True,
    generate_source_maps: bool = False,
    **kwargs: Any,
) -> tuple[str | None, list[ErrorContext], dict[str, Any] | None]:
    """``(python_code, issues, source_map)``; ``python_code`` is ``None`` on failure."""
    return ml_transpiler.transpile_to_python(
        source_code, source_file, strict_security, generate_source_maps, **kwargs
    )


def transpile_ml_file(
    file_path: str,
    output_path: str | None = None,
    strict_security: bool = True,
    generate_source_maps: bool = False,
) -> tuple[str | None, list[ErrorContext], dict[str, Any] | None]:
    return ml_transpiler.transpile_file(file_path, output_path, strict_security, generate_source_maps)


def validate_ml_security(source_code: str, source_file: str | None = None) -> list[ErrorContext]:
    return ml_transpiler.validate_security_only(source_code, source_file)


def execute_ml_code_sandbox(
    source_code: str,
    source_file: str | None = None,
    capabilities: Any = None,
    context: Any = None,
    sandbox_config: SandboxConfig | None = None,
    strict_security: bool | None = None,
    force_transpile: bool = False,
) -> SandboxResult:
    """Runs ML on the VM in-process with the GIL released (P-40); ``strict_security``
    defaults to ``sandbox_config.strict_mode`` (True)."""
    return ml_transpiler.execute_with_sandbox(
        source_code, source_file, capabilities, context, sandbox_config, strict_security, force_transpile
    )


__all__ = [
    "MLTranspiler",
    "map_python_traceback",
    "ParsedProgram",
    "execute_ml_code_sandbox",
    "ml_transpiler",
    "transpile_ml_code",
    "transpile_ml_file",
    "validate_ml_security",
]
