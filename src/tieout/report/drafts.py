"""What changed between two drafts of a release: figures, rows, findings.

Figures are matched by table title, row label (under its section) and period
(``keys.py``), never by line number, so a draft whose lines moved compares as it should:
a figure printed differently is changed, a row only one draft has is added or removed,
a finding only the new draft raises is new, one only the old raised is resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from tieout.model import CellRef, Finding, Release
from tieout.report.keys import release_keys, row_names
from tieout.report.serialise import number


@dataclass(frozen=True, slots=True)
class Change:
    """A figure printed differently in the new draft."""

    key: str
    table: str
    label: str
    column: str
    old: str  # as printed
    new: str
    old_value: str | None
    new_value: str | None
    old_line: int
    new_line: int
    ref: CellRef  # in the new draft


@dataclass(frozen=True, slots=True)
class RowChange:
    """A row only one draft prints."""

    key: str
    table: str
    label: str
    line: int
    figures: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A finding only one draft raises: new in the new draft, or resolved (the old one's
    alone); ``key`` names it across drafts whatever line it is on."""

    key: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed from the old draft to the new one (``old`` and ``new`` their paths):
    figures printed differently, rows added and removed, findings new and resolved."""

    old: str
    new: str
    changed: tuple[Change, ...]
    added: tuple[RowChange, ...]
    removed: tuple[RowChange, ...]
    new_findings: tuple[FindingChange, ...]
    resolved: tuple[FindingChange, ...]

    @property
    def empty(self) -> bool:
        """Whether the drafts differ in nothing: no figure, row or finding changed."""
        return not (
            self.changed or self.added or self.removed or self.new_findings or self.resolved
        )


def _rows(release: Release) -> dict[str, RowChange]:
    out = {}
    for (t, r), key in row_names(release).items():
        row = release.row(t, r)
        if not row.has_figures:
            continue
        out[key] = RowChange(
            key,
            release.tables[t].title or f"Table {t + 1}",
            f"{row.section}: {row.label}" if row.section else row.label,
            row.line,
            tuple(c.raw.strip() for c in row.cells if c is not None),
        )
    return out


def compare(old: Release, new: Release) -> Diff:
    """The changes from ``old`` to ``new`` (see the module docstring)."""
    old_keys, new_keys = release_keys(old), release_keys(new)
    old_figures = {name: ref for ref, name in old_keys.figures.items()}
    changed = []
    for ref, name in new_keys.figures.items():
        before = old_figures.get(name)
        if before is None:
            continue
        a, b = old.cell(before), new.cell(ref)
        if a is None or b is None or (a.raw.strip() == b.raw.strip() and a.value == b.value):
            continue
        table = new.tables[ref.table]
        row = table.rows[ref.row]
        changed.append(
            Change(
                name,
                table.title or f"Table {ref.table + 1}",
                f"{row.section}: {row.label}" if row.section else row.label,
                table.columns[ref.column].label,
                a.raw.strip(),
                b.raw.strip(),
                number(a.value),
                number(b.value),
                a.span.line,
                b.span.line,
                ref,
            )
        )
    old_rows, new_rows = _rows(old), _rows(new)
    added = tuple(r for k, r in new_rows.items() if k not in old_rows)
    removed = tuple(r for k, r in old_rows.items() if k not in new_rows)
    old_f = dict(zip(old_keys.findings, old.findings, strict=True))
    new_f = dict(zip(new_keys.findings, new.findings, strict=True))
    return Diff(
        old.source.path,
        new.source.path,
        tuple(changed),
        added,
        removed,
        tuple(FindingChange(k, f) for k, f in new_f.items() if k not in old_f),
        tuple(FindingChange(k, f) for k, f in old_f.items() if k not in new_f),
    )


def diff_data(diff: Diff) -> dict[str, Any]:
    """The diff as JSON-ready data."""

    def finding(change: FindingChange) -> dict[str, Any]:
        f = change.finding
        return {
            "key": change.key,
            "code": f.code,
            "severity": f.severity.value,
            "line": f.line,
            "message": f.message,
        }

    def row(r: RowChange) -> dict[str, Any]:
        return {
            "key": r.key,
            "table": r.table,
            "label": r.label,
            "line": r.line,
            "figures": list(r.figures),
        }

    return {
        "old": diff.old,
        "new": diff.new,
        "changed": [
            {
                "key": c.key,
                "table": c.table,
                "label": c.label,
                "column": c.column,
                "old": c.old,
                "new": c.new,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "old_line": c.old_line,
                "new_line": c.new_line,
            }
            for c in diff.changed
        ],
        "added_rows": [row(r) for r in diff.added],
        "removed_rows": [row(r) for r in diff.removed],
        "new_findings": [finding(f) for f in diff.new_findings],
        "resolved_findings": [finding(f) for f in diff.resolved],
    }


def diff_text(diff: Diff) -> str:
    """The diff for a terminal, one change a line."""
    out = [f"--- {diff.old}", f"+++ {diff.new}"]
    if diff.empty:
        out.append("no change of figures, rows or findings")
    for c in diff.changed:
        out.append(
            f"changed  {c.table} | {c.label} | {c.column}: {c.old} -> {c.new} "
            f"(line {c.old_line} -> {c.new_line})"
        )
    for r in diff.added:
        out.append(f"added    {r.table} | {r.label} (line {r.line}): {'  '.join(r.figures)}")
    for r in diff.removed:
        out.append(f"removed  {r.table} | {r.label} (line {r.line}): {'  '.join(r.figures)}")
    for f in diff.new_findings:
        out.append(
            f"new      {diff.new}:{f.finding.line}: {f.finding.severity.value} {f.finding.code}: {f.finding.message}"
        )
    for f in diff.resolved:
        out.append(
            f"resolved {diff.old}:{f.finding.line}: {f.finding.severity.value} {f.finding.code}: {f.finding.message}"
        )
    counts = (
        f"{len(diff.changed)} figures changed, {len(diff.added)} rows added, "
        f"{len(diff.removed)} removed; {len(diff.new_findings)} findings new, "
        f"{len(diff.resolved)} resolved"
    )
    out.append(counts)
    return "\n".join(out)


def diff_html(diff: Diff, prefix: str) -> str:
    """A section of the report: the changes since the earlier draft, linked to the figures."""

    def cells(*values: object) -> str:
        return "".join(f"<td>{escape(str(v))}</td>" for v in values)

    rows = []
    for c in diff.changed:
        fid = f"{prefix}c{c.ref.table}-{c.ref.row}-{c.ref.column}"
        rows.append(
            f'<tr><td><a class="go" href="#{fid}" data-target="{fid}">line {c.new_line}</a></td>'
            + cells(f"{c.label} · {c.column}", c.old, c.new)
            + "</tr>"
        )
    parts = [
        f'<details class="diff" open><summary>Since {escape(diff.old)}: {len(diff.changed)} '
        f"figures changed, {len(diff.added)} rows added, {len(diff.removed)} removed, "
        f"{len(diff.new_findings)} findings new, {len(diff.resolved)} resolved</summary>"
    ]
    if rows:
        parts.append(
            "<table><tr><th></th><th>figure</th><th>was</th><th>now</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    listed = (
        ("added rows", [_row_item(r) for r in diff.added]),
        ("removed rows", [_row_item(r) for r in diff.removed]),
        ("new findings", [_finding_item(f) for f in diff.new_findings]),
        ("resolved findings", [_finding_item(f) for f in diff.resolved]),
    )
    for title, items in listed:
        if items:
            parts.append(f"<p>{title}:</p><ul>" + "".join(items) + "</ul>")
    parts.append("</details>")
    return "".join(parts)


def _row_item(row: RowChange) -> str:
    return f"<li>{escape(row.table)} | {escape(row.label)}: {escape('  '.join(row.figures))}</li>"


def _finding_item(change: FindingChange) -> str:
    finding = change.finding
    return (
        f"<li>{finding.severity.value} <code>{escape(finding.code)}</code>: "
        f"{escape(finding.message)}</li>"
    )
