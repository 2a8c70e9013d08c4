"""Host-registered ML modules backed by Python functions (python-api.md §10).

Every ``StandardLibraryRegistry()`` is a view of one process-wide registry (P-150). A
registered module is importable from ML (``import database;``). Its bridge functions are
natives (``mlpy._mlpy.NativeBridges``) whose capabilities the VM checks before they call
``_bridge_call`` here (P-152; ``help`` and ``requiredCapabilities`` show the description and
capabilities, P-154): a module of bridge functions only is a native module, one with an ML
source file is served as that ML code plus bindings of its bridge natives. Emitted Python
builds the module from ``bridge_module`` when the program imports it (P-155)."""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _mlpy
from .._names import RESERVED

#: Standard-library module names a host module may not take.
STDLIB_MODULES = frozenset(
    "builtin console math regex datetime collections functional random json crypto log file "
    "path http env args csv string".split()
)


@dataclass
class BridgeFunction:
    ml_name: str
    python_module: str
    python_function: str
    capabilities_required: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class ModuleInfo:
    name: str
    description: str = ""
    capabilities_required: list[str] = field(default_factory=list)
    python_bridge_modules: list[str] = field(default_factory=list)
    source_file: str | None = None
    version: str = "1.0.0"
    functions: dict[str, BridgeFunction] = field(default_factory=dict)


_LOCK = threading.RLock()
_MODULES: dict[str, ModuleInfo] = {}
_SNAPSHOT: dict[str, Any] | None = None


def _valid_name(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not name.startswith("_") and name not in RESERVED


class StandardLibraryRegistry:
    """A view of the process-wide registry of host modules."""

    def register_module(
        self,
        name: str,
        source_file: str | None = None,
        capabilities_required: list[str] | None = None,
        description: str = "",
        python_bridge_modules: list[str] | None = None,
        version: str = "1.0.0",
    ) -> ModuleInfo:
        if not isinstance(name, str) or not _valid_name(name) or name in STDLIB_MODULES:
            raise ValueError(f"invalid module name {name!r}")
        info = ModuleInfo(
            name=name,
            description=description,
            capabilities_required=list(capabilities_required or []),
            python_bridge_modules=list(python_bridge_modules or []),
            source_file=source_file,
            version=version,
        )
        with _LOCK:
            _MODULES[name] = info
            _invalidate()
        return info

    def register_bridge_function(
        self,
        module_name: str,
        ml_name: str,
        python_module: str,
        python_function: str,
        capabilities_required: list[str] | None = None,
        description: str = "",
    ) -> BridgeFunction:
        if not _valid_name(ml_name):
            raise ValueError(f"invalid function name {ml_name!r}")
        with _LOCK:
            info = _MODULES.get(module_name)
            if info is None:
                raise ValueError(f"module {module_name!r} is not registered")
            fn = BridgeFunction(
                ml_name, python_module, python_function, list(capabilities_required or []), description
            )
            info.functions[ml_name] = fn
            _invalidate()
        return fn

    def get_module(self, name: str) -> ModuleInfo | None:
        with _LOCK:
            return _MODULES.get(name)

    def list_modules(self) -> list[str]:
        with _LOCK:
            return sorted(_MODULES)

    def has_module(self, name: str) -> bool:
        with _LOCK:
            return name in _MODULES

    def unregister_module(self, name: str) -> bool:
        with _LOCK:
            found = _MODULES.pop(name, None) is not None
            _invalidate()
            return found


def _invalidate() -> None:
    global _SNAPSHOT
    _SNAPSHOT = None


def _ml_file_text(info: ModuleInfo) -> str | None:
    """The text of a module's ML source file (as given, else relative to the working
    directory); ``None`` when there is none."""
    if not info.source_file:
        return None
    for candidate in (Path(info.source_file), Path.cwd() / info.source_file):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def ml_module_sources() -> dict[str, str]:
    """ML source files of the registered modules, by module name: what transpiling embeds
    for ``import name;`` (the bridge members come from ``bridge_module`` at run time), so a
    mixed module needs no import path (P-155)."""
    with _LOCK:
        infos = list(_MODULES.values())
    texts = {info.name: _ml_file_text(info) for info in infos}
    return {name: text for name, text in texts.items() if text is not None}


def _module_source(info: ModuleInfo) -> str:
    """The ML module the VM imports for a module with an ML source file: that file (when it
    exists), then one binding per bridge function to its native."""
    parts: list[str] = []
    text = _ml_file_text(info)
    if text is not None:
        parts.append(text)
    for fn in info.functions.values():
        parts.append(f'{fn.ml_name} = __python_callback("{info.name}", "{fn.ml_name}", "bridge");')
    return "\n".join(parts) + "\n"


def _bridge_call(qualified: str, args: list[Any]) -> Any:
    module_name, _, ml_name = qualified.partition(".")
    with _LOCK:
        info = _MODULES.get(module_name)
        fn = info.functions.get(ml_name) if info else None
    if fn is None:
        raise RuntimeError(f"bridge function {qualified} is unavailable: not registered")
    try:
        target = getattr(importlib.import_module(fn.python_module), fn.python_function)
    except Exception as exc:  # import or attribute failure (P-152)
        raise RuntimeError(f"bridge function {qualified} is unavailable: {exc}") from exc
    return target(*args)


def _resolver(fn: BridgeFunction) -> Any:
    return lambda: getattr(importlib.import_module(fn.python_module), fn.python_function)


def bridge_module(name: str) -> tuple[str, dict[str, tuple[list[str], str, Any]]] | None:
    """What emitted Python needs to build registered module ``name`` (P-155):
    ``(description, {member: (required capabilities, description, resolve)})`` where
    ``resolve()`` imports the Python function; ``None`` when ``name`` is not registered."""
    with _LOCK:
        info = _MODULES.get(name)
        if info is None:
            return None
        return info.description, {
            fn.ml_name: (
                [*info.capabilities_required, *fn.capabilities_required],
                fn.description,
                _resolver(fn),
            )
            for fn in info.functions.values()
        }


def bridge_options() -> dict[str, Any]:
    """The native run's ``modules`` / ``bridges`` / ``bridge_call`` for the current registry
    (empty when nothing is registered)."""
    global _SNAPSHOT
    snap = _SNAPSHOT
    if snap is not None:
        return snap
    with _LOCK:
        if not _MODULES:
            snap = {}
        else:
            # A module with an ML source file is served as ML binding its bridge natives;
            # one of bridge functions only is a native module, like a library module.
            sources = {name: _module_source(info) for name, info in _MODULES.items() if info.source_file}
            specs = [
                (name, info.description, fn.ml_name, fn.description,
                 [*info.capabilities_required, *fn.capabilities_required], name not in sources)
                for name, info in _MODULES.items()
                for fn in info.functions.values()
            ]
            snap = {
                "modules": sources,
                "bridges": _mlpy.NativeBridges(specs),
                "bridge_call": _bridge_call,
            }
        _SNAPSHOT = snap
    return snap


__all__ = [
    "BridgeFunction",
    "ModuleInfo",
    "StandardLibraryRegistry",
    "bridge_module",
    "bridge_options",
    "ml_module_sources",
]
