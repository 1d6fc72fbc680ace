"""The commentary printed under a part's statement speaks of that part: a fictional bank.

Each line of business has a page: a paragraph on what it does, a table titled only
"Selected Financial Information" (alike for the three), and the commentary under a
heading "Fourth Quarter 2025 vs. Fourth Quarter 2024". "Revenue increased 25%" under the
third table names no segment, yet it is that part's revenue (400 -> 500), not the
company's (1,150 -> 1,250) nor another part's: printed "35%", it contradicts that row.
"""

from __future__ import annotations

from release_views import alarms, claim_status, edited, errors
from tieout.model import ClaimStatus, ClaimTrait, Release

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

KESTREL = """\
<html><body>
<p>KESTREL BANCORP REPORTS FOURTH QUARTER 2025 RESULTS</p>
<p>HARTFORD, CONN. -- Kestrel Bancorp today reported results for the fourth quarter of 2025.</p>
<p>Company-wide Financial Summary</p>
{summary}
<p>Consumer Banking serves households through branches and digital channels.</p>
<p>Selected Financial Information</p>
{consumer}
<p>Fourth Quarter 2025 vs. Fourth Quarter 2024</p>
<p>Revenue increased 10%.</p>
<p>Commercial Banking serves middle-market companies.</p>
<p>Selected Financial Information</p>
{commercial}
<p>Fourth Quarter 2025 vs. Fourth Quarter 2024</p>
<p>Revenue decreased 12%.</p>
<p>Wealth Management serves affluent clients.</p>
<p>Selected Financial Information</p>
{wealth}
<p>Fourth Quarter 2025 vs. Fourth Quarter 2024</p>
<p>Revenue increased 25%.</p>
</body></html>
"""


def _table(rows: list[tuple[str, int, int]]) -> str:
    """A table of a part (or of the company) in millions: a quarter and its year-ago."""
    head = (
        "<tr><td>(in millions)</td><td>Dec 31, 2025</td><td>Dec 31, 2024</td></tr>"
        "<tr><td></td><td>Quarter ended</td><td>Quarter ended</td></tr>"
    )
    body = "".join(f"<tr><td>{label}</td><td>{a:,}</td><td>{b:,}</td></tr>" for label, a, b in rows)
    return f"<table>{head}{body}</table>"


def _part(nii: tuple[int, int], fees: tuple[int, int]) -> str:
    total = tuple(a + b for a, b in zip(nii, fees, strict=True))
    return _table(
        [("Net interest income", *nii), ("Noninterest income", *fees), ("Total revenue", *total)]
    )


KESTREL_HTML = KESTREL.format(
    summary=_table([("Total revenue", 1250, 1150), ("Net income", 310, 280)]),
    consumer=_part((300, 280), (150, 130)),
    commercial=_part((200, 210), (100, 130)),
    wealth=_part((100, 90), (400, 310)),
)


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(KESTREL_HTML, "kestrel.htm", old, new)


def test_the_commentary_under_a_part_is_that_parts() -> None:
    r = release()
    (wealth,) = [c for c in r.claims if c.text == "25%"]
    assert wealth.status in TIED
    assert ClaimTrait.SEGMENT_INFERRED in wealth.traits
    assert ClaimTrait.PERIOD_INFERRED not in wealth.traits  # the heading names the quarter
    (table,) = {ref.table for ref in wealth.tied_to}
    assert r.tables[table].rows[0].cells[0] is not None
    assert r.tables[table].rows[0].cells[0].value == 100_000_000  # Wealth Management's
    assert claim_status(r, "10%") in TIED
    assert claim_status(r, "12%") in TIED
    assert alarms(r) == []


def test_a_wrong_figure_under_a_part_contradicts_that_parts_row() -> None:
    r = release("Revenue increased 25%", "Revenue increased 35%")
    assert claim_status(r, "35%") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(r) if "35%" in m and "400 -> 500" in m]
