"""The guide's entry points (python-api.md §2, §4): transpiling ML to Python, auditing, and
``execute_ml_code_sandbox``, which runs on the VM in-process (P-40), not on emitted Python.

The free functions delegate to the module-level ``ml_transpiler`` instance."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _core, _mlpy
from ..runtime.sandbox import SandboxConfig, SandboxResult
from .errors.context import ErrorContext, SourceLocation
from .errors.exceptions import MLParseError



@dataclass
class ParsedProgram:
    """The opaque result of ``parse_with_security_analysis`` (P-61)."""

    source: str
    source_file: str | None = None
    items: list[Any] = field(default_factory=list)
    line: int = 1
    column: int = 1


def _issue(error_cls: type, message: str, source_file: str | None, line: int | None = None) -> ErrorContext:
    error = error_cls(message, source_file=source_file, line=line)
    return ErrorContext(error, SourceLocation(line, None, source_file))


def _source_map_dict(text: str | None) -> dict[str, Any] | None:
    """The API's source-map dict (§3): the v3 map plus mlpy's ``debugInfo`` block."""
    if text is None:
        return None
    source_map = json.loads(text)
    detailed = [
        {"generated": {"line": gl + 1, "column": gc}, "original": {"line": ol + 1, "column": oc + 1},
         "source_file": (source_map.get("sources") or [None])[0]}
        for gl, gc, ol, oc in _decode_mappings(source_map.get("mappings", ""))
    ]
    return {
        "sourceMap": source_map,
        "debugInfo": {
            "symbolTable": {},
            "typeInformation": {},
            "scopeInformation": [],
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
    """ML ``(line, column)`` positions of the emitted-code frames of ``exc``'s traceback,
    innermost last (P-52)."""
    entries = source_map.get("debugInfo", {}).get("detailedMappings", [])
    by_line: dict[int, tuple[int, int]] = {}
    for e in entries:
        by_line.setdefault(e["generated"]["line"], (e["original"]["line"], e["original"]["column"]))
    out = []
    tb = exc.__traceback__
    while tb is not None:
        pos = by_line.get(tb.tb_lineno)
        if pos is not None and tb.tb_frame.f_code.co_filename in ("<string>", source_map.get("sourceMap", {}).get("file")):
            out.append(pos)
        tb = tb.tb_next
    return out


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
        if any(i.error.code == "ML_SYNTAX_ERROR" for i in issues):
            return None, issues
        return ParsedProgram(source_code, source_file), issues

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
        )
        issues = _core.issues_of(raw, source_file)
        if code is None:
            return None, issues, None
        return code, issues, _source_map_dict(source_map)

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
        if not config.temp_dir_only:
            options = config.run_options(source_file)
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
        with tempfile.TemporaryDirectory(prefix="mlpy-sandbox-") as temp_dir:
            return _core.run_native(
                native,
                source_file=source_file,
                options={
                    **config.run_options(source_file, temp_dir),
                    "import_paths": self.python_extension_paths,
                },
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
