"""Shared fixtures: where the real releases are, and what to do when they are missing.

The corpus lives beside the repository in ``../shared/corpus`` (never copied in). Tests
marked ``corpus`` skip when it is absent on a developer's machine, and fail when ``CI``
is set: a CI run without the real releases must not pass by skipping them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("TIEOUT_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "lexington-precision_2004q1.txt").is_file():
        message = f"the shared corpus is missing at {CORPUS}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: corpus tests must run)")
        pytest.skip(message)
    return CORPUS


@pytest.fixture(scope="session")
def corpus_tables(corpus_dir: Path) -> list[tuple[str, list[Any]]]:
    """Each corpus release (every file the manifest lists) with its tables as laid out
    (``pipeline.layout``), read once for the tests that ask them of every release."""
    from golden import manifest
    from tieout import pipeline
    from tieout.sources import load

    out = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, _, _ = pipeline.layout(documents)
        out.append((name, tables))
    return out
