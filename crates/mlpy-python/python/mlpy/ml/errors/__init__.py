"""Errors and issue objects of mlpy."""

from .context import ErrorContext, SourceLocation
from .exceptions import *  # noqa: F401,F403
from .exceptions import __all__ as _exc_all

__all__ = ["ErrorContext", "SourceLocation", *_exc_all]
