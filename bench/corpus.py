"""The shared corpus: where it is and which releases it holds, in a stable order.

The corpus lies beside the repository in ``../shared/corpus`` (``TIEOUT_CORPUS`` overrides
it) and is only ever read: mutants are made in memory, never written next to it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"


def corpus_dir() -> Path:
    """The corpus directory, or a one-line error when it is missing."""
    path = Path(os.environ.get("TIEOUT_CORPUS", REPO.parent / "shared" / "corpus"))
    if not path.is_dir():
        raise SystemExit(f"bench: the shared corpus is missing at {path} (set TIEOUT_CORPUS)")
    return path


def releases(root: Path) -> list[Path]:
    """Every release file of the corpus (``*.txt`` at any depth), sorted by relative path."""
    return sorted(
        (p for p in root.rglob("*.txt") if p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def name_of(path: Path, root: Path) -> str:
    """A release's name in results: its path relative to the corpus."""
    return path.relative_to(root).as_posix()


def stamp() -> str:
    """Today's date for result file names (UTC, so a run's name does not depend on the zone)."""
    return dt.datetime.now(dt.UTC).date().isoformat()
