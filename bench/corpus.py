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
    """Every release file ``MANIFEST.tsv`` lists, in any folder, sorted by relative path.

    The manifest, not a glob, says what the corpus is: files of every format (``.txt``,
    ``.htm``) and folder count, and a listed file that is missing is an error, not a skip.
    """
    manifest = root / "MANIFEST.tsv"
    if not manifest.is_file():
        raise SystemExit(f"bench: {manifest} is missing: the corpus is what its manifest lists")
    names = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines()):
        name = line.split("\t", 1)[0].strip()
        if number == 0 or not name or name.startswith("#"):
            continue  # the header row, blank lines and comments
        if not (root / name).is_file():
            raise SystemExit(f"bench: {name} is listed in {manifest} but missing")
        names.append(name)
    return sorted((root / n for n in names), key=lambda p: p.relative_to(root).as_posix())


def name_of(path: Path, root: Path) -> str:
    """A release's name in results: its path relative to the corpus."""
    return path.relative_to(root).as_posix()


def stamp() -> str:
    """Today's date for result file names (UTC, so a run's name does not depend on the zone)."""
    return dt.datetime.now(dt.UTC).date().isoformat()
