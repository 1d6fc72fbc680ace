"""A part listed after its whole, named by its segment: a fictional bank.

"Total nonperforming assets of $2.8 billion at June 30, 2025, including $880 million
acquired from Harbor Bank" lists a part of the whole and names whose it is: $880 million
is the nonperforming assets of the Harbor Bank column (880 of 2,818). Printed "$810
million", it contradicts that cell.
"""

from __future__ import annotations

from release_views import alarms, claim_status, edited, errors
from tieout.model import ClaimStatus, ClaimTrait, Release

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

HEAD = ("Osprey legacy", "Harbor Bank", "Osprey consolidated")
ROWS = (
    ("Loans", ("234.2", "60.5", "294.7")),
    ("Deposits", ("370.7", "82.2", "452.9")),
    ("Nonperforming assets (in millions)", ("1,938", "880", "2,818")),
)

OSPREY = (
    "<html><body><p>OSPREY BANCORP REPORTS SECOND QUARTER 2025 RESULTS</p>"
    "<p>Osprey Bancorp completed its acquisition of Harbor Bank on June 1, 2025.</p>"
    "<p>Total nonperforming assets of $2.8 billion at June 30, 2025, including $880 million "
    "acquired from Harbor Bank, increased from the prior quarter.</p>"
    "<p><b>Balance Sheet and Credit Quality Summary</b></p><p>(in billions)</p>"
    '<table><tr><td></td><td colspan="3">June 30, 2025</td></tr><tr><td></td>'
    + "".join(f"<td>{h}</td>" for h in HEAD)
    + "</tr>"
    + "".join(
        f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>"
        for label, values in ROWS
    )
    + "</table></body></html>"
)


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(OSPREY, "osprey.htm", old, new)


def test_the_part_is_its_segments_figure() -> None:
    r = release()
    (part,) = [c for c in r.claims if c.text == "$880 million"]
    assert part.status in TIED
    assert part.segment == "Harbor Bank"
    assert ClaimTrait.ATTACHED in part.traits  # the whole's metric: nonperforming assets
    assert alarms(r) == []


def test_a_wrong_part_contradicts_its_segments_figure() -> None:
    r = release("including $880 million", "including $810 million")
    assert claim_status(r, "$810 million") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(r) if '"$810 million"' in m and "printed 880" in m]


def test_a_part_of_no_segment_is_left_alone() -> None:
    r = release("acquired from Harbor Bank", "acquired in the quarter")
    (part,) = [c for c in r.claims if c.text == "$880 million"]
    assert ClaimTrait.ATTACHED not in part.traits
    assert not errors(r)
