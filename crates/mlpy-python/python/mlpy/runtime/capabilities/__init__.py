"""Capability contexts (python-api.md §7.1, P-123): named sets of tokens with parents, and the
thread's active context (``capability_context``)."""

from __future__ import annotations

import contextlib
import functools
import threading
from typing import Iterator

from ... import _mlpy

from .tokens import (
    CapabilityConstraint,
    CapabilityError,
    CapabilityExpiredError,
    CapabilityNotFoundError,
    CapabilityToken,
    CapabilityValidationError,
    InsufficientCapabilityError,
    create_capability_token,
)

_active = threading.local()


class CapabilityContext:
    """A set of capability tokens by type, optionally inheriting a parent's."""

    def __init__(self, name: str = "", parent_context: "CapabilityContext | None" = None) -> None:
        self.name = name
        self.parent_context = parent_context
        self._tokens: dict[str, CapabilityToken] = {}

    def add_capability(self, token: CapabilityToken) -> None:
        if not isinstance(token, CapabilityToken) or not token.is_valid():
            raise CapabilityValidationError("cannot add an invalid capability token")
        self._tokens[token.capability_type] = token

    def remove_capability(self, capability_type: str) -> None:
        self._tokens.pop(capability_type, None)

    def has_capability(self, capability_type: str, check_parents: bool = True) -> bool:
        return self.get_capability(capability_type, check_parents) is not None

    def get_capability(
        self, capability_type: str, check_parents: bool = True
    ) -> CapabilityToken | None:
        token = self._tokens.get(capability_type)
        if token is not None and token.is_valid():
            return token
        if check_parents and self.parent_context is not None:
            return self.parent_context.get_capability(capability_type)
        return None

    def get_all_capabilities(self, include_parents: bool = True) -> dict[str, CapabilityToken]:
        merged: dict[str, CapabilityToken] = {}
        if include_parents and self.parent_context is not None:
            merged.update(self.parent_context.get_all_capabilities())
        merged.update({k: t for k, t in self._tokens.items() if t.is_valid()})
        return merged

    def create_child_context(self, name: str) -> "CapabilityContext":
        return CapabilityContext(name, parent_context=self)

    def grant_strings(self) -> list[str]:
        """Grant strings of every valid token (this context and its parents)."""
        return [g for t in self.get_all_capabilities().values() for g in t.grant_strings()]

    def __enter__(self) -> "CapabilityContext":
        stack = _stack()
        stack.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        stack = _stack()
        if stack and stack[-1] is self:
            stack.pop()


def _stack() -> list[CapabilityContext]:
    if not hasattr(_active, "stack"):
        _active.stack = []
    return _active.stack


def current_context() -> CapabilityContext | None:
    """The thread's active context, if any."""
    stack = _stack()
    return stack[-1] if stack else None


@functools.lru_cache(maxsize=256)
def _grant_table(grants: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    pairs = []
    for g in grants:
        try:
            pairs.extend(_mlpy.grant_table([g]))
        except ValueError:
            continue  # a grant string that does not parse grants nothing
    for name, patterns in pairs:
        old = table.get(name)
        # No patterns = unrestricted, and an unrestricted grant stays unrestricted.
        table[name] = () if old == () or not patterns else (*(old or ()), *patterns)
    return table


def thread_capability_used(name: str) -> bool:
    """Counts a use of ``name`` by emitted Python (D3) on the token of the thread's active
    context that grants it (python-api.md §7.3); ``False`` when that token was used up or
    expired meanwhile. ``True`` when no token grants it (default or baked grants)."""
    ctx = current_context()
    if ctx is None:
        return True
    for token in ctx.get_all_capabilities().values():
        table = _grant_table(tuple(token.grant_strings()))
        if name in table or "*" in table:
            return token.take_use()
    return True


def thread_grant_table() -> dict[str, tuple[str, ...]] | None:
    """Grants of the thread's active context as emitted Python reads them (spec D3):
    capability name -> resource patterns (empty = unrestricted); ``None`` without a context.
    Grant strings that do not parse grant nothing."""
    ctx = current_context()
    if ctx is None:
        return None
    return _grant_table(tuple(ctx.grant_strings()))


@contextlib.contextmanager
def capability_context(ctx: CapabilityContext) -> Iterator[CapabilityContext]:
    """Activates ``ctx`` for the current thread."""
    with ctx:
        yield ctx


class CapabilityManager:
    """Process-wide access to the thread's active context."""

    def get_current_context(self) -> CapabilityContext | None:
        return current_context()

    def create_context(self, name: str = "") -> CapabilityContext:
        return CapabilityContext(name)


_manager = CapabilityManager()


def get_capability_manager() -> CapabilityManager:
    return _manager


__all__ = [
    "CapabilityConstraint",
    "CapabilityContext",
    "CapabilityError",
    "CapabilityExpiredError",
    "CapabilityManager",
    "CapabilityNotFoundError",
    "CapabilityToken",
    "CapabilityValidationError",
    "InsufficientCapabilityError",
    "capability_context",
    "create_capability_token",
    "current_context",
    "get_capability_manager",
    "thread_capability_used",
    "thread_grant_table",
]
