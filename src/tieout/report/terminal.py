"""The readable report of ``tieout check``: tables with a mark per figure, then findings.

Everything printed from a filing goes through ``rich.text.Text``, never through console
markup, so a label such as ``[bold]`` in a release is shown as written, not obeyed.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from html import unescape

from rich.console import Console, Group, RenderableType
from rich.text import Span as TextSpan
from rich.text import Text

from tieout.model import (
    CellRef,
    Claim,
    ClaimStatus,
    Finding,
    NonGaapMeasure,
    NonGaapStatus,
    Release,
    Severity,
    Span,
    Table,
)
from tieout.report.marks import SYMBOLS, Mark, cell_marks, mark_of
from tieout.report.review import Entry, Status, is_dismissed
from tieout.report.serialise import summary

_MARK_STYLE = {
    Mark.VERIFIED: "green",
    Mark.FAILS: "bold red",
    Mark.READ: "yellow",
    Mark.UNRELATED: "dim",
}
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_CLAIM_STYLE = {
    ClaimStatus.TIES: "green",
    ClaimStatus.ROUNDING: "green",
    ClaimStatus.CONTRADICTS: "bold red",
    ClaimStatus.UNTIED: "dim",
    ClaimStatus.AMBIGUOUS: "yellow",
}
_SCALE_WORDS = {1: "", 1000: "in thousands", 1000000: "in millions", 1000000000: "in billions"}
_MAX_SOURCE = 160


def source_line(release: Release, line: int, col: int | None = None) -> str:
    """The text of a line of the source file around ``col`` (trimmed).

    In HTML the markup is dropped, and a long line (a whole exhibit written on one line)
    is shown around the column of the finding rather than from its start.
    """
    for doc in release.documents:
        i = line - doc.first_line
        if 0 <= i <= doc.last_line - doc.first_line:
            text = doc.line(i)
            if len(text) > _MAX_SOURCE and col is not None:
                text = text[max(0, col - 4 * _MAX_SOURCE) : col + 4 * _MAX_SOURCE]
                marker = len(text) if col < 4 * _MAX_SOURCE else 4 * _MAX_SOURCE
            else:
                marker = col if col is not None else 0
            if doc.format == "html":
                before = _plain(text[:marker])
                text = before + _plain(text[marker:])
                marker = len(before)
            text = text.strip() if len(text) <= _MAX_SOURCE else text
            if len(text) > _MAX_SOURCE:
                lo = max(0, min(marker - _MAX_SOURCE // 2, len(text) - _MAX_SOURCE))
                text = ("…" if lo else "") + text[lo : lo + _MAX_SOURCE].strip() + "…"
            return text
    return ""


def _plain(html_text: str) -> str:
    """HTML text with tags dropped, entities read and spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>?", " ", html_text)))


# columns a terminal table is drawn with at most: wider, no terminal shows it (each
# column would fold to a character), and drawing it took minutes and gigabytes
MAX_COLUMNS = 40


def _table(release: Release, table: Table, marks: dict[CellRef, Mark]) -> RenderableType:
    scale = _SCALE_WORDS.get(int(table.scale), f"× {table.scale}")
    where = f"lines {table.first_line}–{table.last_line}"
    caption = " · ".join(
        x for x in (f"Table {table.index + 1}", table.title, table.exhibit, scale, where) if x
    )
    if len(table.columns) > MAX_COLUMNS:
        return Text.assemble(
            (caption, "bold"),
            (
                f"\n  {len(table.rows)} rows × {len(table.columns)} columns: too wide to draw "
                f"here (over {MAX_COLUMNS} columns); its figures are checked and in "
                "--format json, tieout extract and tieout report",
                "dim",
            ),
        )
    columns = [(_LINE, "right"), (_LABEL, "left")] + [(_CELL, "right")] * len(table.columns)
    head = ["line", "label", *(col.label for col in table.columns)]
    body: list[list[tuple[str, str, str]]] = []  # per row, per column: mark, text, style
    for row in table.rows:
        emphasis = "bold" if row.kind.value == "total" else ""
        cells = [("", str(row.line), "dim"), ("", "  " * row.level + row.label, emphasis)]
        for j, cell in enumerate(row.cells):
            if cell is None:
                cells.append(("", "", ""))
                continue
            mark = mark_of(marks, CellRef(table.index, row.index, j))
            cells.append((SYMBOLS[mark], cell.raw.strip(), _MARK_STYLE[mark]))
        body.append(cells)
    widths = [
        min(cap, max([len(head[k]), *(_width(r[k]) for r in body)], default=0))
        for k, (cap, _) in enumerate(columns)
    ]
    lines = [Text(""), Text(caption, style="bold"), Text("")]
    lines.extend(_row_lines([("", h, "bold") for h in head], widths, columns))
    lines.append(Text("─" * (sum(widths) + 2 * len(widths)), style="dim"))
    for cells in body:
        lines.extend(_row_lines(cells, widths, columns))
    return Text("\n").join(lines)


# the widest a column is drawn (a longer text is folded onto more lines)
_LINE, _LABEL, _CELL = 8, 56, 22


def _indent(text: str) -> int:
    return min(len(text) - len(text.lstrip(" ")), 8)


def _width(cell: tuple[str, str, str]) -> int:
    mark, text, _ = cell
    return len(text) + (len(mark) + 1 if mark else 0)


def _row_lines(
    cells: Sequence[tuple[str, str, str]], widths: Sequence[int], columns: Sequence[tuple[int, str]]
) -> list[Text]:
    """One row of a table as lines of text, each column folded to its width.

    Drawn by hand rather than as a rich table: laying out a table of thousands of rows
    took rich seconds (measuring, wrapping and cropping every cell), more than reading it.
    """
    folded: list[list[Text]] = []
    for (mark, text, style), width, (_, justify) in zip(cells, widths, columns, strict=True):
        if mark:  # a figure: folded where the width ends (it seldom needs to be)
            # as ``Text.assemble((f"{mark} ", style), text)`` makes it, in one step
            full = Text(f"{mark} {text}", spans=[TextSpan(0, len(mark) + 1, style)])
            size = len(full.plain)
            if size <= width:  # one piece: the figure itself, not a copy cut from it
                pieces = [full] if size else []
            else:
                pieces = [full[i : i + width] for i in range(0, size, width)]
        elif text and len(text) <= width and text.isprintable():
            # words that fit: ``textwrap.wrap`` gives them back whole (it changes only
            # tabs and other unprintable whitespace, and folds only what is too long)
            pieces = [Text(text, style=style)]
        else:  # words: folded between them, indent kept
            pieces = [
                Text(piece, style=style)
                for piece in textwrap.wrap(
                    text, width, drop_whitespace=False, subsequent_indent=" " * _indent(text)
                )
            ]
        pieces = [p for p in pieces if p.plain.strip()] or [Text("")]
        for piece in pieces:
            piece.rstrip()
            if len(piece.plain) > width:
                piece.truncate(width)
            pad = width - len(piece.plain)
            if justify == "right":
                piece.pad_left(pad)
            else:
                piece.pad_right(pad)
        folded.append(pieces)
    height = max(len(p) for p in folded)
    out = []
    for k in range(height):
        line = Text(" ")
        for pieces, width in zip(folded, widths, strict=True):
            line.append_text(pieces[k] if k < len(pieces) else Text(" " * width))
            line.append("  ")
        line.rstrip()
        out.append(line)
    return out


def _evidence(release: Release, spans: tuple[Span, ...], line: int) -> Text:
    lines = sorted({s.line for s in spans if s.line != line})
    if not lines:
        return Text("")
    shown = ", ".join(str(n) for n in lines[:12]) + (" …" if len(lines) > 12 else "")
    return Text(f"      evidence: lines {shown}", style="dim")


def _finding(release: Release, finding: Finding) -> RenderableType:
    head = Text.assemble(
        (f"{release.source.path}:{finding.line}: ", "bold"),
        (finding.severity.value, _SEVERITY_STYLE[finding.severity]),
        f" {finding.code}: ",
        finding.message,
    )
    parts: list[RenderableType] = [head]
    col = next((e.start for e in finding.evidence if e.line == finding.line), None)
    text = source_line(release, finding.line, col)
    if text:
        parts.append(Text(f"      | {text}", style="dim"))
    evidence = _evidence(release, finding.evidence, finding.line)
    if evidence.plain:
        parts.append(evidence)
    if finding.suggestion:
        parts.append(Text(f"      suggestion: {finding.suggestion}", style="dim"))
    return Group(*parts)


_CLAIM_MARK = {
    ClaimStatus.TIES: "✓",
    ClaimStatus.ROUNDING: "≈",
    ClaimStatus.CONTRADICTS: "✗",
    ClaimStatus.UNTIED: "·",
    ClaimStatus.AMBIGUOUS: "?",
}


def _sentences(claims: Sequence[Claim]) -> list[tuple[str, int, list[Claim]]]:
    """The sentences that hold claims, in order, each with its first line and claims."""
    out: list[tuple[str, int, list[Claim]]] = []
    for claim in claims:
        if out and out[-1][0] == claim.sentence and claim.span.line - out[-1][1] < 12:
            out[-1][2].append(claim)
        else:
            out.append((claim.sentence, claim.span.line, [claim]))
    return out


def _prose(sentence: str, line: int, claims: Sequence[Claim]) -> Text:
    """A sentence with each figure it claims styled by its status and marked after it."""
    text = Text.assemble((f"{line:>6}  ", "dim"))
    at = 0
    for claim in claims:
        found = sentence.find(claim.text, at)
        if found < 0:
            continue
        style = _CLAIM_STYLE[claim.status]
        end = found + len(claim.text)
        text.append(sentence[at:found])
        text.append(sentence[found:end], style=f"{style} underline")
        text.append(f" {_CLAIM_MARK[claim.status]}", style=style)
        at = end
    text.append(sentence[at:])
    return text


_NON_GAAP_STYLE = {
    NonGaapStatus.RECONCILED: ("✓", "green"),
    NonGaapStatus.UNVERIFIED: ("~", "yellow"),
    NonGaapStatus.MISMATCH: ("✗", "bold red"),
    NonGaapStatus.UNRECONCILED: ("✗", "yellow"),
}


def _non_gaap(release: Release, measure: NonGaapMeasure) -> Text:
    """One measure: status, name, basis, where it is presented and how it was judged."""
    mark, style = _NON_GAAP_STYLE[measure.status]
    lines = sorted({s.line for s in measure.evidence})
    where = ", ".join(str(n) for n in lines[:6]) + (" …" if len(lines) > 6 else "")
    return Text.assemble(
        (f"  {mark} ", style),
        (measure.name, "bold"),
        f" ({'/'.join(measure.basis)}; lines {where}) ",
        (measure.note, "dim"),
    )


def _decision(entry: Entry | None) -> Text:
    if entry is None:
        return Text("")
    when = f" {entry.at[:10]}" if entry.at else ""
    return Text(
        f"      {entry.status.value} on review{when}"
        + (f": {entry.comment}" if entry.comment else ""),
        style="dim" if entry.status is Status.DISMISSED else "green",
    )


def render(
    release: Release,
    console: Console,
    *,
    tables: bool = True,
    claims: bool = True,
    min_severity: Severity = Severity.WARNING,
    decisions: Sequence[Entry | None] | None = None,
) -> None:
    """Print the report of one release.

    Findings at ``min_severity`` and above are printed (errors and warnings by default);
    the summary counts all three severities. ``decisions`` (one per finding, from the
    review beside the release) sets dismissed findings apart, each with its comment.
    """
    src = release.source
    counts = summary(release)
    who = " · ".join(
        x for x in (src.company, src.form_type, src.accession_number, str(src.filed or "")) if x
    )
    console.print(Text(src.path, style="bold underline"), Text(who, style="dim") if who else "")
    if tables:
        marks = cell_marks(release)
        for table in release.tables:
            console.print(_table(release, table, marks))
        console.print(
            Text(
                "marks: ✓ verified by a relation  ✗ in a failing relation  "
                "! ambiguous print, read by the relations  · no relation touches it",
                style="dim",
            )
        )
    if claims and release.claims:
        shown_claims = [
            entry
            for entry in _sentences(release.claims)
            if min_severity is Severity.INFO
            or any(c.status is ClaimStatus.CONTRADICTS for c in entry[2])
        ]
        if shown_claims:
            console.print(
                Text(
                    "\nFigures in the prose: ✓ ties  ≈ ties once rounded  ✗ contradicts its "
                    "figure  · no figure of the tables",
                    style="bold",
                )
            )
        for sentence, line, sentence_claims in shown_claims:
            console.print(_prose(sentence, line, sentence_claims))
    if release.non_gaap:
        console.print(
            Text(
                "\nNon-GAAP measures: ✓ reconciled  ~ reconciliation not tested  "
                "✗ unreconciled or not tying",
                style="bold",
            )
        )
        for measure in release.non_gaap:
            console.print(_non_gaap(release, measure))
    decided = list(decisions) if decisions is not None else [None] * len(release.findings)
    shown = [
        (f, d)
        for f, d in zip(release.findings, decided, strict=True)
        if f.severity.rank <= min_severity.rank and not is_dismissed(d)
    ]
    dismissed = [(f, d) for f, d in zip(release.findings, decided, strict=True) if is_dismissed(d)]
    if shown:
        console.print(Text("\nFindings", style="bold"))
        for finding, entry in shown:
            console.print(_finding(release, finding))
            if entry is not None:
                console.print(_decision(entry))
    if dismissed:
        console.print(Text(f"\nDismissed on review ({len(dismissed)})", style="bold"))
        for finding, entry in dismissed:
            console.print(
                Text.assemble(
                    (f"{release.source.path}:{finding.line}: ", "dim"),
                    (f"{finding.severity.value} {finding.code}: ", "dim"),
                    (finding.message, "dim"),
                )
            )
            console.print(_decision(entry))
    hidden = sum(1 for f in release.findings if f.severity.rank > min_severity.rank)
    open_errors = sum(
        1 for f, d in zip(release.findings, decided, strict=True)
        if f.severity is Severity.ERROR and not is_dismissed(d)
    )  # fmt: skip
    notes = []
    if dismissed:
        notes.append(f"{len(dismissed)} dismissed on review")
    if hidden:
        notes.append(f"{hidden} not shown: --severity info shows them")
    console.print(
        Text(
            f"\n{counts['tables']} tables, {counts['figures']} figures, "
            f"{counts['relations']} relations ({counts['relations_holding']} hold, "
            f"{counts['relations_failing']} fail), {counts['claims']} claims; "
            f"{counts['errors']} errors, {counts['warnings']} warnings, {counts['infos']} info"
            + (f" ({'; '.join(notes)})" if notes else ""),
            style="bold red" if open_errors else "bold green",
        )
    )
