"""Recall with the company's other releases: a mutant judged by the batch's cross-release
check (``tieout batch --restatements``) as well as by its release alone.

A comparative printed in a release (last year's quarter, the prior year-end balance) was
the current figure of an earlier release of the same company, and the store compares
the two prints (``tieout.store.restate``). A release read alone never sees that, so
``bench.accuracy`` reports this second recall beside the first: for a mutant of a
release whose company has other releases in the corpus, the company's store (its
releases as ``tieout batch`` writes them, built once) has the clean release replaced by
the mutated one, the restatements are compared again with the same code as the batch,
and a new finding that cites the mutated figure, on either release's side, catches it.

The company is the one the restatements match on: the EDGAR header's CIK, else its
conformed name. A bare exhibit (no header) names no company here; its releases are left
out (the store does not compare them either).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tieout.errors import UnreadableInput
from tieout.model import Release
from tieout.sources import load_bytes
from tieout.store.restate import restatements
from tieout.store.rows import release_rows
from tieout.store.schema import PATHS, RELEASE_TABLES, source_id
from tieout.store.writer import Store, connect

# a finding of the store, as the clean run and a mutant's run are compared: its release,
# the release it cites, its code, line and message
Found = tuple[str, str | None, str, int, str]

_WHAT = re.compile(r"`([^`]*)` -> `([^`]*)`\s*$")


def company(data: bytes, name: str) -> str | None:
    """The company a release's header names (CIK, else conformed name), None without one."""
    try:
        source, _ = load_bytes(data, name)
    except UnreadableInput:
        return None
    if source.cik:
        return f"cik {source.cik.lstrip('0')}"
    if source.company:
        return "name " + " ".join(re.sub(r"[^A-Z0-9&]+", " ", source.company.upper()).split())
    return None


def companies(root: Path, names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The corpus's companies of two releases or more: company -> its releases."""
    groups: dict[str, list[str]] = {}
    for name in names:
        key = company((root / name).read_bytes(), name)
        if key is not None:
            groups.setdefault(key, []).append(name)
    return {k: tuple(v) for k, v in groups.items() if len(v) > 1}


def _found(db: str) -> set[Found]:
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT s.path, r.path, f.code, f.line, f.message FROM findings f "
            "JOIN sources s USING (source_id) "
            "LEFT JOIN sources r ON r.source_id = f.related_source_id "
            "WHERE f.origin = 'restatements'"
        ).fetchall()
    finally:
        con.close()
    return {(a, b, c, int(d), e) for a, b, c, d, e in rows}


@dataclass(frozen=True, slots=True)
class CompanyStore:
    """A company's releases in a store, and what the restatements find there."""

    path: str
    releases: tuple[str, ...]
    found: frozenset[Found]


def build(folder: str, key: str, releases: Sequence[tuple[str, Release]]) -> CompanyStore:
    """The store of a company's clean releases, as ``tieout batch`` writes them, with the
    restatements compared once (the findings a mutant's run is measured against)."""
    path = str(Path(folder) / (re.sub(r"\W+", "-", key) + ".duckdb"))
    with Store(path) as store:
        run = store.begin_run(engine="bench", jobs=1, timeout=None)
        for name, release in releases:
            store.write(release_rows(release, path=name), run_id=run)
    restatements(path)
    return CompanyStore(path, tuple(n for n, _ in releases), frozenset(_found(path)))


def alarms(db: str) -> list[dict[str, Any]]:
    """Every error and warning the cross-release check wrote to a store, as bench.alarms
    lists a release's: the later release's file and line, the code, the message (the
    earlier release it cites is in the message)."""
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT s.path, f.line, f.code, f.severity, f.message FROM findings f "
            "JOIN sources s USING (source_id) "
            "WHERE f.origin = 'restatements' AND f.severity IN ('error', 'warning') "
            "ORDER BY s.path, f.line, f.code"
        ).fetchall()
    finally:
        con.close()
    return [
        {"file": f, "line": int(n), "col": None, "code": c, "severity": v, "message": m}
        for f, n, c, v, m in rows
    ]


def _replace(path: str, clean: Release, mutated: Release, name: str) -> None:
    """Take the clean release out of the store and put the mutated one in its place."""
    con = connect(path)
    try:
        old = source_id(clean.source.sha256)
        for spec in (*RELEASE_TABLES, PATHS):
            con.execute(f"DELETE FROM {spec.name} WHERE source_id = ?", [old])
    finally:
        con.close()
    with Store(path) as store:
        run = store.begin_run(engine="bench", jobs=1, timeout=None)
        store.write(release_rows(mutated, path=name), run_id=run)


def _cites(message: str, figure: str) -> bool:
    """Whether a message prints the figure (not as part of a longer one)."""
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", message) is not None


def caught(
    base: CompanyStore, name: str, line: int, what: str, clean: Release, mutated: Release
) -> tuple[bool, str | None]:
    """Whether the cross-release check over the company's releases, the clean release
    replaced by the mutated one, finds the mutated figure: a finding the clean store does
    not hold, on the mutated release at the figure's line or citing its new print (as
    this release's figure or as the earlier print another release is compared with).
    The first such finding's message, if any."""
    m = _WHAT.search(what)
    figure = m.group(2).strip() if m else None
    with tempfile.TemporaryDirectory(prefix="tieout-across-") as folder:
        path = str(Path(folder) / "store.duckdb")
        shutil.copyfile(base.path, path)
        _replace(path, clean, mutated, name)
        restatements(path)
        new = _found(path) - base.found
    for release, cited, _, at, message in sorted(new, key=lambda f: (f[0], f[3])):
        mine = release == name or cited == name
        if mine and (
            (release == name and at == line) or (figure is not None and _cites(message, figure))
        ):
            return True, message
    return False, None


def corpus_alarms(root: Path, names: Sequence[str]) -> tuple[int, list[dict[str, Any]]]:
    """What ``tieout batch --restatements`` reports across the releases of each company of
    the corpus that has two or more: the number of companies, and every error and warning
    (to be judged in reviewed.toml like a release's own; their entries say ``across``)."""
    from tieout.pipeline import read

    groups = companies(root, names)
    found: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tieout-across-") as folder:
        for key, group in sorted(groups.items()):
            read_ok = []
            for name in group:
                try:
                    read_ok.append((name, read(root / name)))
                except UnreadableInput:
                    continue
            found.extend(alarms(build(folder, key, read_ok).path))
    return len(groups), found
