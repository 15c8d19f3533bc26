"""Exceptions raised by the :mod:`dublin_core` library.

Every error is a :class:`DublinCoreError`, which is also a ``ValueError`` so
callers that only know about ``ValueError`` still catch it.

>>> err = DublinCoreError("malformed XML", line=3)
>>> str(err), err.line, isinstance(err, ValueError)
('malformed XML', 3, True)
>>> issubclass(UnknownElementError, DublinCoreError)
True
"""

from __future__ import annotations


class DublinCoreError(ValueError):
    """Base error for invalid Dublin Core data or documents."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        """Store the message and the (1-based) source line, when known."""
        super().__init__(message)
        self.line = line


class UnknownElementError(DublinCoreError):
    """An element name that is not one of the 15 DCMES elements."""
