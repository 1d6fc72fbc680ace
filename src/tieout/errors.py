"""Errors for input that tieout cannot read. Checks never raise: they return findings."""

from __future__ import annotations


class TieoutError(Exception):
    """Base of tieout's own errors."""


class UnreadableInput(TieoutError):
    """A file that is not a readable release: names the file and the reason in one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
