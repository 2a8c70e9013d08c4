"""Capability tokens (python-api.md §7.1, P-120/P-121): a capability type plus constraints,
protected by an integrity checksum. A run takes a token's grant strings (§7.2) together with
its use counter (``_mlpy.TokenUsage``, shared with the run): every successful guarded call the
token grants counts one use (§7.3), visible on ``usage_count`` / ``last_used_at`` while the run
goes on, and a token at ``max_usage_count`` or past ``expires_at`` stops granting mid-run. An
invalid token grants nothing."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from ... import _mlpy


class CapabilityError(Exception):
    """Base of capability errors."""


class CapabilityNotFoundError(CapabilityError):
    pass


class CapabilityExpiredError(CapabilityError):
    pass


class CapabilityValidationError(CapabilityError):
    pass


class InsufficientCapabilityError(CapabilityError):
    pass


@dataclass
class CapabilityConstraint:
    """Restrictions of a token; empty lists/sets mean "no restriction"."""

    resource_patterns: list[str] = field(default_factory=list)
    allowed_operations: set[str] = field(default_factory=set)
    max_usage_count: int | None = None
    expires_at: float | None = None
    max_file_size: int | None = None
    max_memory: int | None = None
    max_cpu_time: float | None = None
    allowed_hosts: list[str] = field(default_factory=list)
    allowed_ports: list[int] = field(default_factory=list)

    def matches_resource(self, path: str) -> bool:
        return not self.resource_patterns or any(
            fnmatch.fnmatch(path, p) for p in self.resource_patterns
        )

    def allows_operation(self, op: str) -> bool:
        return not self.allowed_operations or op in self.allowed_operations

    def is_expired(self) -> bool:
        return self.expires_at is not None and time.time() >= self.expires_at

    def to_dict(self) -> dict[str, Any]:
        return {
            "resource_patterns": list(self.resource_patterns),
            "allowed_operations": sorted(self.allowed_operations),
            "max_usage_count": self.max_usage_count,
            "expires_at": self.expires_at,
            "max_file_size": self.max_file_size,
            "max_memory": self.max_memory,
            "max_cpu_time": self.max_cpu_time,
            "allowed_hosts": list(self.allowed_hosts),
            "allowed_ports": list(self.allowed_ports),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "CapabilityConstraint":
        d = dict(d)
        d["allowed_operations"] = set(d.get("allowed_operations") or ())
        return cls(**d)


@dataclass
class CapabilityToken:
    """A granted capability (``capability_type`` such as ``"file"``, ``"file.read"`` or an
    opaque name such as ``"read:database"``) with its constraints."""

    capability_type: str = ""
    constraints: CapabilityConstraint = field(default_factory=CapabilityConstraint)
    description: str = ""
    created_by: str = "system"
    token_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    created_at: float = field(default_factory=time.time)
    usage_count: int = 0
    last_used_at: float | None = None
    checksum: str = ""

    def __post_init__(self) -> None:
        if not self.checksum:
            self.checksum = self._compute_checksum()

    def _compute_checksum(self) -> str:
        payload = json.dumps(
            [
                self.capability_type,
                self.constraints.to_dict(),
                self.created_by,
                self.token_id,
                self.created_at,
            ],
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def is_valid(self) -> bool:
        c = self.constraints
        return (
            self.checksum == self._compute_checksum()
            and not c.is_expired()
            and (c.max_usage_count is None or self.usage_count < c.max_usage_count)
        )

    def can_access_resource(self, resource: str, operation: str) -> bool:
        c = self.constraints
        return self.is_valid() and c.matches_resource(resource) and c.allows_operation(operation)

    def use_token(self, resource: str = "", operation: str = "") -> None:
        if self.constraints.is_expired():
            raise CapabilityExpiredError(f"capability token {self.token_id} has expired")
        if not self.is_valid():
            raise CapabilityValidationError(f"capability token {self.token_id} is not valid")
        if resource and not self.constraints.matches_resource(resource):
            raise CapabilityValidationError(f"resource '{resource}' is not allowed by the token")
        if operation and not self.constraints.allows_operation(operation):
            raise CapabilityValidationError(f"operation '{operation}' is not allowed by the token")
        if not self.take_use():
            raise CapabilityValidationError(f"capability token {self.token_id} is used up")

    def take_use(self) -> bool:
        """Counts one use unless the token is used up or expired (atomic across threads)."""
        c = self.constraints
        return self._usage().try_use(c.max_usage_count, c.expires_at)

    def _usage(self) -> Any:
        usage = self.__dict__.get("_usage_cell")
        if usage is None:
            usage = self.__dict__["_usage_cell"] = _mlpy.TokenUsage()
        return usage

    def __copy__(self) -> "CapabilityToken":
        # A copy counts on its own (the use counter is not shared, unlike other attributes).
        return replace(self)

    def native_grants(self) -> list[tuple[str, Any, int | None, float | None]]:
        """The run's view of the token: ``(grant string, usage counter, max_usage_count,
        expires_at)`` per grant string; none if the token is invalid."""
        c = self.constraints
        usage = self._usage()
        return [(g, usage, c.max_usage_count, c.expires_at) for g in self.grant_strings()]

    def grant_strings(self) -> list[str]:
        """The grant strings (python-api.md §7.2) this token stands for; none if invalid."""
        if not self.is_valid():
            return []
        patterns = [*self.constraints.resource_patterns, *self.constraints.allowed_hosts]
        suffix = ":" + ",".join(patterns) if patterns else ""
        ctype = self.capability_type
        ops = sorted(self.constraints.allowed_operations)
        if "." not in ctype and ":" not in ctype and ops:
            return [f"{ctype}.{op}{suffix}" for op in ops]
        return [ctype + suffix]

    def to_dict(self) -> dict[str, Any]:
        return {
            "capability_type": self.capability_type,
            "constraints": self.constraints.to_dict(),
            "description": self.description,
            "created_by": self.created_by,
            "token_id": self.token_id,
            "created_at": self.created_at,
            "usage_count": self.usage_count,
            "last_used_at": self.last_used_at,
            "checksum": self.checksum,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "CapabilityToken":
        token = cls(
            capability_type=d["capability_type"],
            constraints=CapabilityConstraint.from_dict(d.get("constraints") or {}),
            description=d.get("description", ""),
            created_by=d.get("created_by", "system"),
            token_id=d["token_id"],
            created_at=d["created_at"],
            usage_count=d.get("usage_count", 0),
            last_used_at=d.get("last_used_at"),
            checksum=d.get("checksum", ""),
        )
        if token.checksum != token._compute_checksum():
            raise CapabilityValidationError("capability token checksum mismatch")
        return token


def _get_usage_count(self: CapabilityToken) -> int:
    return self._usage().count


def _set_usage_count(self: CapabilityToken, value: int) -> None:
    self._usage().count = int(value)


def _get_last_used_at(self: CapabilityToken) -> float | None:
    return self._usage().last_used


def _set_last_used_at(self: CapabilityToken, value: float | None) -> None:
    self._usage().last_used = value


# The dataclass fields `usage_count` / `last_used_at` live in the shared counter (the generated
# __init__, repr, eq and to_dict go through these properties).
CapabilityToken.usage_count = property(_get_usage_count, _set_usage_count)  # type: ignore[assignment]
CapabilityToken.last_used_at = property(_get_last_used_at, _set_last_used_at)  # type: ignore[assignment]


def create_capability_token(
    capability_type: str,
    resource_patterns: list[str] | None = None,
    allowed_operations: set[str] | list[str] | None = None,
    expires_in: float | None = None,
    max_usage_count: int | None = None,
    description: str = "",
    **kwargs: Any,
) -> CapabilityToken:
    """A new token (P-122); ``kwargs``: other constraint fields and ``created_by``."""
    created_by = kwargs.pop("created_by", "system")
    constraints = CapabilityConstraint(
        resource_patterns=list(resource_patterns or []),
        allowed_operations=set(allowed_operations or ()),
        max_usage_count=max_usage_count,
        expires_at=time.time() + expires_in if expires_in is not None else None,
        **kwargs,
    )
    return CapabilityToken(
        capability_type=capability_type,
        constraints=constraints,
        description=description,
        created_by=created_by,
    )


__all__ = [
    "CapabilityConstraint",
    "CapabilityError",
    "CapabilityExpiredError",
    "CapabilityNotFoundError",
    "CapabilityToken",
    "CapabilityValidationError",
    "InsufficientCapabilityError",
    "create_capability_token",
]
