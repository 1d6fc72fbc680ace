"""The reference release marked up as a filing agent would: same relations, same one finding.

The HTML is made here from the plain text of ../shared/corpus/lexington-precision_2004q1.txt
(never copied into the repository): each prose paragraph becomes a ``<p>``, each table a
``<table>`` in the style of EDGAR filing agents: the `$` in a cell of its own, the
closing parenthesis of a negative in the next cell (so `304)` is `304` then `)`),
indents as leading ``&nbsp;`` in one table and as ``padding-left`` in the other, rules
as cell borders (single under a column, double under a total), header cells spanning
their columns, empty spacer columns between the figures.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tieout.model import CellFlag, Release, Severity
from tieout.pipeline import read

pytestmark = pytest.mark.corpus

_FIGURES_AT = 58  # the figures of the reference release's tables start past this column
_FIGURE = re.compile(r"(\$)?\s*(\(?[\d,.]+\)?|--)")
_PAGE = re.compile(r"^\s*(?:-\d+-|# # #)\s*$")
_RULE = "border-bottom:1px solid #000000"
_DOUBLE = "border-bottom:3px double #000000"


def _cells(figures: str, style: str) -> str:
    """Cells of one row's figures: `$`, number, `)` and a spacer, per column."""
    out = []
    for m in _FIGURE.finditer(figures):
        dollar, number = m.group(1), m.group(2)
        close = number.endswith(")")
        number = number[:-1] if close else number
        out.append(
            f'<td style="{style}">{"$" if dollar else ""}</td>'
            f'<td align="right" style="{style}"><font size="2">{html.escape(number)}</font></td>'
            f'<td style="{style}">{")" if close else "&nbsp;"}</td><td>&nbsp;</td>'
        )
    return "".join(out)


def _label(text: str, nbsp: bool) -> str:
    stripped = text.strip()
    indent = len(text) - len(text.lstrip())
    if nbsp:
        return f"<td>{'&nbsp;' * indent}{html.escape(stripped)}</td>"
    return f'<td style="padding-left:{indent * 4}pt">{html.escape(stripped)}</td>'


def _table(lines: list[str], nbsp: bool) -> str:
    """One table: a spanning period header, years over their columns, rows, border rules."""
    rows: list[list[str]] = []  # [label cell, figure line, rule style]
    for text in lines:
        if "QUARTERS ENDED" in text or not text.strip() or set(text.strip()) <= {"-", " "}:
            if text.strip().startswith("-") and "-" * 8 in text and rows:
                rows[-1][2] = _RULE
            continue
        if set(text.strip()) <= {"=", " "}:
            rows[-1][2] = _DOUBLE
            continue
        if re.fullmatch(r"\s*2004\s+2003\s*", text):
            continue
        rows.append([text[:_FIGURES_AT], text[_FIGURES_AT:], ""])
    head = (
        "<tr><td></td>"
        f'<td colspan="8" align="center" style="{_RULE}"><b>QUARTERS ENDED MARCH 31</b></td></tr>'
        "<tr><td></td>"
        f'<td colspan="3" align="center" style="{_RULE}"><b>2004</b></td><td>&nbsp;</td>'
        f'<td colspan="3" align="center" style="{_RULE}"><b>2003</b></td><td>&nbsp;</td></tr>'
    )
    body = "\n".join(
        f"<tr>{_label(label, nbsp)}{_cells(figures, rule) if figures.strip() else ''}</tr>"
        for label, figures, rule in rows
    )
    return f'<table cellspacing="0" cellpadding="0" width="100%">\n{head}\n{body}\n</table>'


def to_html(text: str) -> str:
    """The release as HTML: prose paragraphs as <p>, the two tables as <table>s."""
    parts: list[str] = []
    lines = text.split("\n")
    i = 0
    paragraph: list[str] = []
    tables = 0

    def flush() -> None:
        if paragraph:
            parts.append(f"<p>{html.escape(' '.join(s.strip() for s in paragraph))}</p>")
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if "QUARTERS ENDED" in line:
            flush()
            end = i
            while end < len(lines) and not _PAGE.match(lines[end]):
                end += 1
            parts.append(_table(lines[i:end], nbsp=tables == 0))
            tables += 1
            i = end
            continue
        if _PAGE.match(line) or not line.strip():
            flush()
        else:
            paragraph.append(line)
        i += 1
    flush()
    return "<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


@pytest.fixture(scope="module")
def releases(corpus_dir: Path) -> tuple[Release, Release]:
    path = corpus_dir / "lexington-precision_2004q1.txt"
    text = read(path)
    markup = to_html(path.read_text(encoding="utf-8"))
    return text, read(markup.encode(), name="lexington-precision_2004q1.htm")


def test_it_is_read_as_html_with_the_same_tables(releases: tuple[Release, Release]) -> None:
    text, marked = releases
    assert marked.source.format == "html"
    assert len(marked.tables) == len(text.tables) == 2
    for a, b in zip(text.tables, marked.tables, strict=True):
        assert a.scale == b.scale == Decimal(1000)
        assert [c.period for c in a.columns] == [c.period for c in b.columns]
        rows_a = [(r.label, r.unit, [c.value if c else None for c in r.cells]) for r in a.rows]
        rows_b = [(r.label, r.unit, [c.value if c else None for c in r.cells]) for r in b.rows]
        assert rows_b == rows_a


def test_the_same_relations_hold(releases: tuple[Release, Release]) -> None:
    text, marked = releases

    def relations(release: Release) -> set[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
        return {
            (r.source.value, re.sub(r", line \d+\)", ")", r.name), r.holds_in, r.fails_in)
            for r in release.relations
        }

    assert relations(marked) == relations(text)
    assert sum(1 for r in marked.relations if r.holds) >= 15


def test_the_same_single_finding(releases: tuple[Release, Release]) -> None:
    text, marked = releases
    (finding,) = [f for f in marked.findings if f.severity is not Severity.INFO]
    (expected,) = [f for f in text.findings if f.severity is not Severity.INFO]
    assert finding.code == expected.code == "stray-parenthesis"
    assert finding.expected == expected.expected == Decimal(304000)
    assert "304)" in finding.message and "read as 304" in finding.message
    (reading,) = marked.readings
    assert reading.value == Decimal(304000)
    cell = marked.cell(reading.cell)
    assert cell is not None and CellFlag.SPLIT in cell.flags
    assert CellFlag.STRAY_PARENTHESIS in cell.flags


def test_figures_point_into_the_html(releases: tuple[Release, Release], corpus_dir: Path) -> None:
    _, marked = releases
    markup = to_html((corpus_dir / "lexington-precision_2004q1.txt").read_text(encoding="utf-8"))
    lines = markup.split("\n")
    for table in marked.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                span = cell.span
                assert span.offset is not None
                printed = cell.raw.rstrip(")")
                assert markup[span.offset : span.offset + len(printed)] == printed
                assert lines[span.line - 1][span.start : span.end] == printed
