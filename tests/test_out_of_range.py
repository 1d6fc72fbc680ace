"""A figure of more digits than the checks compute with is a finding, not a lost release.

Before the fix, one 26-digit figure made `tieout.read` raise ``decimal.InvalidOperation``
(quantize under the 28-digit context) and the CLI say "internal error".
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from release_views import errors
from tieout.figures import MAX_DIGITS, parse_figure
from tieout.model import CellFlag, CellRef, Release, Severity
from tieout.pipeline import read

EXAMPLE = Path(__file__).parent.parent / "examples" / "harbor-valve_2024q2.txt"
HUGE = "123,456,789,012,345,678,901,234,567,890"


def _with(old: str, new: str) -> Release:
    text = EXAMPLE.read_text()
    assert text.count(old) == 1
    return read(text.replace(old, new).encode(), name="huge.txt")


def test_a_figure_longer_than_max_digits_is_flagged_and_kept_exactly() -> None:
    figure = parse_figure(f"$ {HUGE}")
    assert figure is not None and CellFlag.OUT_OF_RANGE in figure.flags
    assert figure.value == Decimal(HUGE.replace(",", ""))
    edge = parse_figure("9" * MAX_DIGITS)
    assert edge is not None and CellFlag.OUT_OF_RANGE not in edge.flags


def test_a_30_digit_table_figure_is_a_warning_and_the_rest_is_checked() -> None:
    clean = read(EXAMPLE)
    release = _with("$ 31,640 ", f"$ {HUGE} ")
    [warning] = [f for f in release.findings if f.code == "figure-out-of-range"]
    assert warning.severity is Severity.WARNING and "Flow Control" in warning.message
    assert errors(release) == errors(clean)  # the example's two planted errors, no more
    cell = next(
        c
        for t in release.tables
        for r in t.rows
        for c in r.cells
        if c is not None and CellFlag.OUT_OF_RANGE in c.flags
    )
    assert cell.value == Decimal(HUGE.replace(",", "") + "000")  # exact, in units
    # every relation not through the figure is still found and tested
    names = {r.name for r in release.relations}
    assert names == {r.name for r in clean.relations} - {"Total net sales"}
    [ref] = [
        CellRef(t.index, r.index, j)
        for t in release.tables
        for r in t.rows
        for j, c in enumerate(r.cells)
        if c is not None and CellFlag.OUT_OF_RANGE in c.flags
    ]
    assert all(
        ref != e.total and ref not in e.items for r in release.relations for e in r.evaluations
    )


def test_a_huge_figure_in_the_prose_is_left_unread_not_compared_rounded() -> None:
    release = _with("$48.2 million", f"${HUGE} million")
    assert errors(release) == errors(read(EXAMPLE))
    assert all(HUGE not in c.text for c in release.claims)


def test_a_huge_html_figure_is_a_warning() -> None:
    html = (
        "<html><body><p>Quarterly results (in thousands)</p><table>"
        "<tr><td></td><td>2024</td><td>2023</td></tr>"
        f"<tr><td>Net sales</td><td>{'9' * 40}</td><td>1,100</td></tr>"
        "<tr><td>Cost of sales</td><td>700</td><td>600</td></tr>"
        "<tr><td>Gross profit</td><td>534</td><td>500</td></tr>"
        "</table></body></html>"
    ).encode()
    release = read(html, name="huge.htm")
    assert [f.code for f in release.findings if f.severity is not Severity.INFO] == [
        "figure-out-of-range"
    ]
