"""The guide's entry points (python-api.md §2, §4): transpiling ML to Python, auditing, and
``execute_ml_code_sandbox``, which runs on the VM in-process (P-40), not on emitted Python.

The free functions delegate to the module-level ``ml_transpiler`` instance."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _core, _mlpy
from ..runtime.sandbox import SandboxConfig, SandboxResult
from .errors.context import ErrorContext, SourceLocation
from .errors.exceptions import MLParseError, MLTranspilationError

#: True when this build has the Python backend (``transpile_*`` work).
HAS_PYTHON_BACKEND = hasattr(_mlpy, "transpile")


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
    ) -> tuple[str | None, list[ErrorContext], dict[str, Any] | None]:
        if not HAS_PYTHON_BACKEND:
            return (
                None,
                [_issue(MLTranspilationError, "the Python backend is not available in this build of mlpy", source_file)],
                None,
            )
        code, raw, source_map = _mlpy.transpile(
            source_code,
            source_file or "<string>",
            strict=strict_security,
            source_map=generate_source_maps,
            runtime=runtime,
            import_paths=list(import_paths or []) + self.python_extension_paths,
            max_depth=max_call_depth,
            max_output=max_output_length,
        )
        issues = _core.issues_of(raw, source_file)
        if code is None:
            return None, issues, None
        return code, issues, (json.loads(source_map) if isinstance(source_map, str) else source_map)

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
            source, str(file_path), strict_security, generate_source_maps
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
        strict_security: bool = True,
        force_transpile: bool = False,
    ) -> SandboxResult:
        config = sandbox_config or self.default_sandbox_config
        globals_, callback, context_grants = _core.split_context(context)
        grants = _core.grants_of(capabilities) + context_grants
        host_globals = tuple(globals_) if globals_ else ()
        native, raw = _core.compile_native(
            source_code, source_file or "<sandbox>", host_globals, strict_security
        )
        issues = _core.issues_of(raw, source_file)
        if native is None:
            return _core.compile_failure(issues)
        return _core.run_native(
            native,
            source_file=source_file,
            options=config.run_options(),
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
    strict_security: bool = True,
    force_transpile: bool = False,
) -> SandboxResult:
    """Runs ML on the VM in-process with the GIL released (P-40)."""
    return ml_transpiler.execute_with_sandbox(
        source_code, source_file, capabilities, context, sandbox_config, strict_security, force_transpile
    )


__all__ = [
    "HAS_PYTHON_BACKEND",
    "MLTranspiler",
    "ParsedProgram",
    "execute_ml_code_sandbox",
    "ml_transpiler",
    "transpile_ml_code",
    "transpile_ml_file",
    "validate_ml_security",
]
