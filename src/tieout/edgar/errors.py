"""Errors of EDGAR access: one line each, naming what was asked for and why it failed."""

from __future__ import annotations

from tieout.errors import TieoutError


class EdgarError(TieoutError):
    """EDGAR could not give what was asked: the message is the one line to print."""


class NotFound(EdgarError):
    """EDGAR answered 404 for ``url``."""

    def __init__(self, url: str) -> None:
        super().__init__(f"not found on EDGAR (HTTP 404 for {url})")
        self.url = url
