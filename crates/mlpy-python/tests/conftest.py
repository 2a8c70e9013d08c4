"""Shared fixtures: running the guide's verbatim code blocks (tests/guide/*.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

GUIDE = Path(__file__).parent / "guide"


def run_block(name: str, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Executes guide block ``name`` (file stem) as a module body in ``namespace``."""
    path = next(GUIDE.glob(f"*_{name}.py"))
    ns: dict[str, Any] = {"__name__": f"guide_{name}"}
    ns.update(namespace or {})
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), ns)
    return ns


def block_string(name: str, marker: str) -> str:
    """The triple-quoted string of a block that contains ``marker`` (the guide keeps example
    ML files and bridge modules in bare strings)."""
    path = next(GUIDE.glob(f"*_{name}.py"))
    parts = path.read_text(encoding="utf-8").split('"""')
    return next(p for p in parts[1::2] if marker in p)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path
