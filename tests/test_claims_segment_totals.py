"""A line of business's "total" and a change in percent beside its amount: a fictional bank.

"Commercial Banking contributed $337 million of the Company's net income ... an
increase of $31 million (14.2 percent) in total noninterest income" speaks of the
segment's statement, which prints "Noninterest income" (218 -> 249) where the company's
prints "Total noninterest income": the "total" names the segment's row too. The percent
in parentheses beside the amount is the same change in percent, not a percent level.
Printed "$37 million", the amount contradicts the segment's row. So does "2.1 percent"
of "net interest income", the segment's "Net interest income (taxable-equivalent basis)"
(1,518 -> 1,475), the only net interest income its statement prints; and "5.1 percent"
is no change from 4Q 2024 "against" the later 3Q 2025 (1,600 -> 1,518): no change is
told from a later period to an earlier one.
"""

from __future__ import annotations

from release_views import claim_status, edited, errors
from tieout.model import ClaimKind, ClaimStatus, Release

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

HEAD = ("4Q 2025", "3Q 2025", "4Q 2024")


def _table(title: str, rows: list[tuple[str, tuple[int, ...]]]) -> str:
    """A table over the three quarters; a row of no figures is a section's head."""
    head = "".join(f"<td>{h}</td>" for h in HEAD)
    body = "".join(
        f"<tr><td>{label}</td>"
        + ("".join(f"<td>{v:,}</td>" for v in values) or "<td></td>" * len(HEAD))
        + "</tr>"
        for label, values in rows
    )
    return (
        f"<p><b>{title}</b></p><p>(Dollars in Millions)</p>"
        f"<table><tr><td></td>{head}</tr>{body}</table>"
    )


PLOVER = (
    "<html><body><p>PLOVER BANCORP REPORTS FOURTH QUARTER 2025 RESULTS</p>"
    "<p>Commercial Banking contributed $337 million of the Company's net income in the "
    "fourth quarter of 2025, compared with $431 million in the fourth quarter of 2024. Total "
    "net revenue was $12 million (0.7 percent) lower due to a decrease of $43 million (2.8 "
    "percent) in net interest income, partially offset by an increase of $31 million (14.2 "
    "percent) in total noninterest income.</p>"
    + _table(
        "CONSOLIDATED STATEMENT OF INCOME",
        [
            ("Net interest income", (3_100, 3_000, 3_050)),
            ("Total noninterest income", (2_500, 2_450, 2_400)),
            ("Net income", (1_900, 1_850, 1_800)),
        ],
    )
    + _table(
        "LINE OF BUSINESS SUMMARY",
        [
            ("Total net revenue", ()),
            ("Commercial Banking", (1_724, 1_853, 1_736)),
            ("Consumer Banking", (2_100, 2_070, 2_060)),
            ("Net income", ()),
            ("Commercial Banking", (337, 350, 431)),
            ("Consumer Banking", (800, 790, 760)),
        ],
    )
    + _table(
        "COMMERCIAL BANKING",
        [
            ("Net interest income (taxable-equivalent basis)", (1_475, 1_600, 1_518)),
            ("Noninterest income", (249, 253, 218)),
            ("Total net revenue", (1_724, 1_853, 1_736)),
            ("Net income", (337, 350, 431)),
        ],
    )
    + _table(
        "CONSUMER BANKING",
        [
            ("Net interest income", (1_500, 1_480, 1_450)),
            ("Noninterest income", (600, 590, 610)),
            ("Total net revenue", (2_100, 2_070, 2_060)),
            ("Net income", (800, 790, 760)),
        ],
    )
    + "</body></html>"
)


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(PLOVER, "plover.htm", old, new)


def test_the_segments_total_and_its_percent_tie() -> None:
    r = release()
    (amount,) = [c for c in r.claims if c.text == "$31 million"]
    assert amount.status in TIED
    assert amount.segment == "Commercial Banking"
    (percent,) = [c for c in r.claims if c.text == "14.2 percent"]
    assert percent.kind is ClaimKind.PERCENT_CHANGE  # beside the amount: not a level
    assert not errors(r)


def test_a_wrong_amount_of_the_segments_total_contradicts_its_row() -> None:
    r = release("increase of $31 million", "increase of $37 million")
    assert claim_status(r, "$37 million") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(r) if '"an increase of $37 million"' in m and "218 -> 249" in m]


def test_a_wrong_percent_of_the_segments_row_with_a_note_contradicts_it() -> None:
    r = release("(2.8 percent)", "(2.1 percent)")
    assert claim_status(r, "2.1 percent") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(r) if '"2.1 percent"' in m and "1,518 -> 1,475" in m]


def test_no_change_is_read_from_a_later_period_to_an_earlier() -> None:
    r = release("(2.8 percent)", "(5.1 percent)")
    assert claim_status(r, "5.1 percent") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(r) if '"5.1 percent"' in m and "1,518 -> 1,475" in m]
