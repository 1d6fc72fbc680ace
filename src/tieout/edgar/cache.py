"""Responses kept on disk, so a second run asks EDGAR nothing it already has.

The cache mirrors the URLs: ``CACHE/www/Archives/edgar/data/320193/.../x.txt`` for
``https://www.sec.gov/Archives/edgar/data/320193/.../x.txt``, ``CACHE/data/submissions/
CIK0000320193.json`` for the submissions JSON. A file is written to a temporary name
and renamed when whole, so a run killed mid-download leaves nothing half-written and the
next run resumes where it stopped. Filings never change once accepted, so a submission
file is kept for good; lists (the tickers file, a company's filings) are used while
younger than a maximum age.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Cache:
    """Files under ``root`` named by ``host/path`` keys."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        """Where ``key`` (``www/Archives/...``) lives; refuses keys that could escape root."""
        parts = key.split("/")
        if not parts or any(not _PART.match(p) or p in (".", "..") for p in parts):
            raise ValueError(f"not a cache key: {key!r}")
        return self.root.joinpath(*parts)

    def get(self, key: str, max_age: float | None = None) -> bytes | None:
        """The bytes kept for ``key``, or None when absent or older than ``max_age`` s."""
        path = self.path(key)
        try:
            if max_age is not None and time.time() - path.stat().st_mtime > max_age:
                return None
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def put(self, key: str, data: bytes) -> Path:
        """Keep ``data`` for ``key``, whole or not at all; where it was written."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path
