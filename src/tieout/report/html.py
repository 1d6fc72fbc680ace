"""A self-contained HTML report of one or more checked releases.

Everything that comes from a filing (labels, titles, raw figures, messages that quote
them, file names) goes through ``html.escape``: a release is untrusted input, and a
label such as ``<script>`` must show as text. The page has no script and loads nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape

from tieout.model import CellRef, Release, Severity, Table
from tieout.report.marks import SYMBOLS, Mark, cell_marks, mark_of
from tieout.report.serialise import summary

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 2em; }
table.figures { border-collapse: collapse; margin: .5em 0 1.5em; }
table.figures th, table.figures td { padding: 2px 8px; border-bottom: 1px solid #eee; }
table.figures th { text-align: right; font-weight: 600; vertical-align: bottom; }
td.num { text-align: right; font-family: ui-monospace, monospace; white-space: nowrap; }
td.line { color: #999; text-align: right; font-size: .85em; }
td.verified { background: #e9f7ec; } td.fails { background: #fde2e1; font-weight: 700; }
td.read { background: #fff4d6; } td.unrelated { color: #777; }
tr.total td { font-weight: 600; } tr.header td { font-style: italic; }
li.error { color: #a40000; } li.warning { color: #8a5a00; } li.info { color: #225; }
.summary { color: #555; } code { background: #f4f4f4; padding: 0 3px; }
.claim-ties, .claim-rounding { background: #e9f7ec; }
.claim-contradicts { background: #fde2e1; font-weight: 700; } .claim-untied { color: #777; }
"""


def _cell_titles(release: Release) -> dict[CellRef, list[str]]:
    """For each figure, the relations it takes part in and how each fared there."""
    titles: dict[CellRef, list[str]] = defaultdict(list)
    for relation in release.relations:
        for ev in relation.evaluations:
            state = "holds" if ev.holds else "FAILS"
            for ref in (ev.total, *ev.items):
                titles[ref].append(f"{relation.name}: {state} in {ev.label}")
    return titles


def _table(release: Release, table: Table, marks: dict[CellRef, Mark]) -> str:
    titles = _cell_titles(release)
    head = "".join(f"<th>{escape(c.label)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        cells = []
        for j, cell in enumerate(row.cells):
            if cell is None:
                cells.append('<td class="num"></td>')
                continue
            ref = CellRef(table.index, row.index, j)
            mark = mark_of(marks, ref)
            tip = "\n".join(titles.get(ref, ["no relation touches this figure"]))
            cells.append(
                f'<td class="num {mark.value}" id="c{table.index}-{row.index}-{j}" '
                f'title="{escape(tip)}">{SYMBOLS[mark]} {escape(cell.raw.strip())}</td>'
            )
        indent = f"padding-left:{0.5 + row.level * 1.2:.1f}em"
        rows.append(
            f'<tr class="{row.kind.value}"><td class="line">{row.line}</td>'
            f'<td style="{indent}">{escape(row.label)}</td>{"".join(cells)}</tr>'
        )
    scale = f" · scale {table.scale:,}" if table.scale != 1 else ""
    caption = (
        f"Table {table.index + 1}: {escape(table.title or '(untitled)')}"
        f"{' · ' + escape(table.exhibit) if table.exhibit else ''}{scale}"
        f" · lines {table.first_line}–{table.last_line}"
    )
    return (
        f'<h2>{caption}</h2>\n<table class="figures"><tr><th></th><th></th>{head}</tr>\n'
        + "\n".join(rows)
        + "</table>"
    )


def _release(release: Release) -> str:
    counts = summary(release)
    src = release.source
    who = " · ".join(escape(x) for x in (src.company, src.form_type, src.accession_number) if x)
    parts = [
        f"<h1>{escape(src.path)}</h1>",
        f'<p class="summary">{who}<br>{counts["tables"]} tables, {counts["figures"]} figures, '
        f"{counts['relations']} relations ({counts['relations_holding']} hold, "
        f"{counts['relations_failing']} fail), {counts['claims']} claims; "
        f"{counts['errors']} errors, {counts['warnings']} warnings, {counts['infos']} info</p>",
    ]
    if release.findings:
        items = "".join(
            f'<li class="{f.severity.value}"><b>line {f.line}</b> {f.severity.value} '
            f"<code>{escape(f.code)}</code>: {escape(f.message)}"
            + (f"<br><i>suggestion: {escape(f.suggestion)}</i>" if f.suggestion else "")
            + "</li>"
            for f in sorted(
                release.findings, key=lambda f: (f.severity is not Severity.ERROR, f.line)
            )
        )
        parts.append(f"<h2>Findings</h2><ul>{items}</ul>")
    marks = cell_marks(release)
    parts.extend(_table(release, t, marks) for t in release.tables)
    if release.claims:
        claims = "".join(
            f'<li><span class="claim-{c.status.value}">{escape(c.text)}</span> '
            f"line {c.span.line} · {escape(c.status.value)} · {escape(c.subject)} "
            f"· <small>{escape(c.sentence)}</small></li>"
            for c in release.claims
        )
        parts.append(f"<h2>Claims in the prose</h2><ul>{claims}</ul>")
    return "\n".join(parts)


def render_html(releases: Sequence[Release], failures: Sequence[tuple[str, str]] = ()) -> str:
    """One page for the releases, and a line for each file that could not be read."""
    body = "\n<hr>\n".join(_release(r) for r in releases)
    if failures:
        body += (
            "<h2>Files not read</h2><ul>"
            + "".join(f"<li>{escape(name)}: {escape(reason)}</li>" for name, reason in failures)
            + "</ul>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>tieout report</title>"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )
