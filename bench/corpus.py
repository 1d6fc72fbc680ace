"""The shared corpus: where it is and which releases it holds, in a stable order.

The corpus lies beside the repository in ``../shared/corpus`` (``TIEOUT_CORPUS`` overrides
it) and is only ever read: mutants are made in memory, never written next to it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class CorpusRun:
    """One task's results over the corpus (``--only`` prefixes applied), with the options."""

    args: argparse.Namespace
    results: list[Any]
    command: str  # the command line that reproduces the run
    seconds: float


def run_over_corpus(
    prog: str,
    description: str,
    task: Callable[[tuple[str, str]], Any],
    argv: Sequence[str] | None = None,
) -> CorpusRun:
    """Parse ``--only``, ``--label``, ``--workers`` and ``--out``, then run ``task`` on
    (corpus root, release name) for every release, in forked worker processes."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--only", action="append", default=[], help="release name prefix")
    parser.add_argument("--label", default="", help="suffix of the result file name")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for the results")
    args = parser.parse_args(argv)
    root = corpus_dir()
    names = [name_of(p, root) for p in releases(root)]
    if args.only:
        names = [n for n in names if any(n.startswith(p) for p in args.only)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        results = pool.map(task, [(str(root), n) for n in names], chunksize=1)
    command = (
        prog
        + "".join(f" --only {p}" for p in args.only)
        + (f" --label {args.label}" if args.label else "")
    )
    return CorpusRun(args, results, command, round(time.perf_counter() - started, 1))
