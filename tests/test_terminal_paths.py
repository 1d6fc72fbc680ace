"""The terminal report's short paths give what the general ones give.

``terminal._row_lines`` draws a figure that fits its column from the one ``Text`` made
for it, made in one step, and takes a printable label that fits as it is instead of
folding it with ``textwrap``. Each short path rests on a fact of ``rich`` or
``textwrap`` asserted here, on hand-made texts and on every label of the bundled example;
``tests/test_golden.py`` and the output tests check the whole report.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from rich.text import Span, Text

from tieout.pipeline import read
from tieout.report.marks import SYMBOLS
from tieout.report.terminal import _indent, _row_lines

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
TEXTS = [
    "Net sales",
    "  Cost of goods sold",
    "    Selling, general and administrative expenses",
    "Total  current   assets ",
    "-",
    " ",
    "   ",
    "a-very-long-hyphenated-label-that-runs-on and on",
    "Income (loss) before taxes — continuing",
    "é ₹ ✓ wide words",
    "x" * 56,
    "x" * 57,
]
ODD = ["tab\there", "bell\x07 and back\x08space", "line\nbreak", "nbsp\xa0here", "cr\rhere", ""]


def _labels() -> list[str]:
    release = read(EXAMPLE)
    return [row.label for table in release.tables for row in table.rows]


def test_textwrap_gives_back_a_printable_text_that_fits() -> None:
    texts = TEXTS + _labels()
    assert len(texts) > 40
    for width in (8, 22, 56):
        for text in texts:
            if text and len(text) <= width and text.isprintable():
                wrapped = textwrap.wrap(
                    text, width, drop_whitespace=False, subsequent_indent=" " * _indent(text)
                )
                assert wrapped == [text], (text, width)


def test_a_figure_made_in_one_step_is_the_figure_assembled() -> None:
    for mark in SYMBOLS.values():
        for text in TEXTS + ODD + ["(1,234)", "$ 48,215", "12.5%"]:
            for style in ("green", "bold red", "dim"):
                made = Text(f"{mark} {text}", spans=[Span(0, len(mark) + 1, style)])
                assembled = Text.assemble((f"{mark} ", style), text)
                assert (made.plain, made.spans, made.style) == (
                    assembled.plain,
                    assembled.spans,
                    assembled.style,
                )
                whole = assembled[0 : len(assembled.plain)]  # the general path's one piece
                assert (whole.plain, whole.spans, whole.style) == (
                    made.plain,
                    made.spans,
                    made.style,
                )


def test_rows_are_drawn_to_their_widths_through_either_path() -> None:
    """A row of every kind of cell: one space, then each column at its width (right or
    left) and two spaces; a figure folded where its width ends, words between words."""
    columns = [(8, "right"), (20, "left"), (10, "right"), (10, "right")]
    widths = [8, 20, 10, 10]
    fits = [("", "12", "dim"), ("", "Net sales", ""), ("✓", "48,215", "green"), ("", "", "")]
    folds = [
        ("", "13", "dim"),
        ("", "  Selling, general and admin", "bold"),
        ("✗", "(1,234,567,890)", "bold red"),
        ("·", "5", "dim"),
    ]
    line = _row_lines(fits, widths, columns)
    assert [x.plain for x in line] == [
        " " + "12".rjust(8) + "  " + "Net sales".ljust(20) + "  " + "✓ 48,215".rjust(10)
    ]
    assert line[0].spans == [Span(1, 9, "dim"), Span(35, 37, "green")]
    lines = _row_lines(folds, widths, columns)
    assert [x.plain for x in lines] == [
        " "
        + "13".rjust(8)
        + "  "
        + "  Selling, general".ljust(20)
        + "  "
        + "✗ (1,234,5"
        + "  "
        + "· 5".rjust(10),
        " " + " " * 8 + "  " + "  and admin".ljust(20) + "  " + "67,890)".rjust(10),
    ]
    assert lines[0].spans[2] == Span(33, 35, "bold red")  # the mark keeps its style
