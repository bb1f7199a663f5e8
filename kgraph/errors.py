"""Errors kgraph raises for bad input or failed output.

A :class:`KgraphError` is a user error: the CLI prints its message on one line
and exits 1. Any other exception is a bug.
"""

from __future__ import annotations


class KgraphError(Exception):
    """Base class of every error a user can cause."""


class CorpusError(KgraphError):
    """An input file can't be read as papers."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line


class CorpusWarning(UserWarning):
    """Something in an input was skipped, and no ``on_skip`` callback was given to report it to."""


class ExportError(KgraphError):
    """An output can't be written."""


class QueryError(KgraphError):
    """A query or graph file can't be used."""
