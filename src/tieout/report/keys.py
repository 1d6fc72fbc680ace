"""Names for figures and findings that survive a new draft of the same release.

A review made on one draft must find its figures in the next, where lines have moved:
a figure is named by its table's title, its row's label (under its section) and its
column's period, never by a line number. A finding is named by its code and the figure
it is anchored at (or, for prose, the claim's subject, period and wording). Names that
repeat within a release get an ordinal (``~2``), in print order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tieout.model import CellRef, Claim, Column, Finding, Release, Span, Table

_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"lines? \d+(?:[-–,] ?\d+)*")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _numbered(names: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}~{seen[name]}")
    return out


def _column_name(column: Column) -> str:
    period = column.period
    if period is not None and period.known:
        when = f"{period.end}/{'instant' if period.instant else f'{period.months}m'}"
    else:
        when = _norm(column.label) or f"column {column.index + 1}"
    return f"{when}/{_norm(column.segment)}" if column.segment else when


def _table_names(release: Release) -> list[str]:
    return _numbered(_norm(t.title) or "(untitled)" for t in release.tables)


def _row_names(table: Table) -> list[str]:
    return _numbered(
        f"{_norm(r.section)} / {_norm(r.label)}" if r.section else _norm(r.label)
        for r in table.rows
    )


@dataclass(frozen=True, slots=True)
class Keys:
    """The names of one release's figures, claims and findings, both ways."""

    figures: dict[CellRef, str]
    claims: dict[int, str]  # claim index -> name
    findings: list[str]  # in Release.findings order
    anchors: list[CellRef | int | None]  # the figure (or claim index) each finding is at


def row_names(release: Release) -> dict[tuple[int, int], str]:
    """Each row by (table, row) index: ``table title | section / label``."""
    out: dict[tuple[int, int], str] = {}
    for table, tname in zip(release.tables, _table_names(release), strict=True):
        for row, rname in zip(table.rows, _row_names(table), strict=True):
            out[(table.index, row.index)] = f"{tname} | {rname}"
    return out


def figure_names(release: Release) -> dict[CellRef, str]:
    """Each figure of the tables: ``table title | section / label | period``."""
    rows = row_names(release)
    out: dict[CellRef, str] = {}
    for table in release.tables:
        cols = _numbered(_column_name(c) for c in table.columns)
        for row in table.rows:
            for j, cell in enumerate(row.cells):
                if cell is not None:
                    out[CellRef(table.index, row.index, j)] = (
                        f"{rows[(table.index, row.index)]} | {cols[j]}"
                    )
    return out


def claim_names(claims: Iterable[Claim]) -> dict[int, str]:
    names = [
        f"prose | {_norm(c.subject)} | {_norm(c.period_text)} | {_norm(c.text)}" for c in claims
    ]
    return dict(enumerate(_numbered(names)))


def finding_anchor(
    finding: Finding,
    by_span: dict[tuple[int, int], CellRef | int],
    by_line: dict[int, list[CellRef | int]],
) -> CellRef | int | None:
    """The figure a finding speaks of: its evidence on its own line first, then any."""
    spans: list[Span] = [s for s in finding.evidence if s.line == finding.line]
    spans += [s for s in finding.evidence if s.line != finding.line]
    for span in spans:
        found = by_span.get((span.line, span.start))
        if found is not None:
            return found
    on_line = by_line.get(finding.line, [])
    return on_line[0] if len(on_line) == 1 else None


def release_keys(release: Release) -> Keys:
    """Every name of the release (see the module docstring)."""
    figures = figure_names(release)
    claims = claim_names(release.claims)
    by_span: dict[tuple[int, int], CellRef | int] = {}
    by_line: dict[int, list[CellRef | int]] = {}
    for ref in figures:
        cell = release.cell(ref)
        if cell is not None:
            by_span.setdefault((cell.span.line, cell.span.start), ref)
            by_line.setdefault(cell.span.line, []).append(ref)
    for i, claim in enumerate(release.claims):
        by_span.setdefault((claim.span.line, claim.span.start), i)
        by_line.setdefault(claim.span.line, []).append(i)
    anchors = [finding_anchor(f, by_span, by_line) for f in release.findings]
    names = []
    for finding, anchor in zip(release.findings, anchors, strict=True):
        if isinstance(anchor, CellRef):
            names.append(f"{finding.code} @ {figures[anchor]}")
        elif isinstance(anchor, int):
            names.append(f"{finding.code} @ {claims[anchor]}")
        else:
            names.append(f"{finding.code} @ {_norm(_LINE.sub('', finding.message))}")
    return Keys(figures, claims, _numbered(names), anchors)
