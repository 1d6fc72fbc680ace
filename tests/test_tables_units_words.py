"""A row's unit from its words, decided once per text, and its prints, asked every time.

``units.classify_row`` keeps what a row's words say (label, heads, flags, table words) in
a cache and asks the prints of each row afresh: two rows of one label and heads may
print rates in one table and amounts in the next. ``sections.Heads`` keeps the section
and context it last read until a head opens or closes.
"""

from __future__ import annotations

from decimal import Decimal

from tieout.figures import Figure, parse_figure
from tieout.model import Rule, Unit
from tieout.tables.sections import Heads
from tieout.tables.units import classify_row, flags_of


def _figures(*texts: str) -> list[Figure]:
    out = []
    for text in texts:
        figure = parse_figure(text)
        assert figure is not None, text
        out.append(figure)
    return out


def _unit(label: str, section: str | None, prints: list[Figure], scale_text: str = "") -> Unit:
    return classify_row(
        label,
        section,
        section or "",
        prints,
        flags=flags_of(prints),
        scale=Decimal(1000) if scale_text else Decimal(1),
        scale_text=scale_text,
        title="Selected data",
    )


def test_one_label_is_a_rate_or_an_amount_by_its_prints_each_time() -> None:
    label = "Return on average equity"
    assert _unit(label, None, _figures("12.23", "11.87")) is Unit.PERCENT
    assert _unit(label, None, _figures("1,234", "987")) is Unit.USD  # 1,000 or more
    assert _unit(label, None, _figures("12.23", "11.87")) is Unit.PERCENT  # asked again


def test_rows_under_a_rate_head_are_rates_only_when_they_print_like_rates() -> None:
    head = "Net charge-off rate"
    assert _unit("Card", head, _figures("2.97", "3.10")) is Unit.PERCENT
    assert _unit("Card", head, _figures("297", "310")) is Unit.USD  # whole figures
    assert _unit("Card", head, _figures("2.97", "3.10")) is Unit.PERCENT


def test_cents_in_a_table_in_thousands_except_per_share_are_per_share_by_their_prints() -> None:
    words = "(In thousands, except per share data)"
    assert _unit("Dividends declared", None, _figures("0.25", "0.22"), words) is (
        Unit.USD_PER_SHARE
    )
    assert _unit("Dividends declared", None, _figures("1,250", "1,100"), words) is Unit.USD


def test_heads_are_read_again_after_each_opens_or_closes() -> None:
    heads = Heads()
    assert heads.enter(0, "Revenues:", False, Rule.NONE, False) == (None, "")
    heads.push(0, "Revenues:")
    assert heads.enter(1, "Product", True, Rule.NONE, True) == ("Revenues", "Revenues:")
    assert heads.enter(1, "Service", True, Rule.NONE, False) == ("Revenues", "Revenues:")
    heads.push(1, "Of which recurring:")  # a head at the items' level, under the first
    assert heads.enter(2, "Licences", True, Rule.NONE, True) == (
        "Of which recurring",
        "Revenues: Of which recurring:",
    )
    assert heads.enter(0, "Costs:", False, Rule.NONE, False) == (None, "")
    heads.push(0, "Costs:")
    assert heads.enter(1, "Cost of product", True, Rule.NONE, True) == ("Costs", "Costs:")
    assert heads.enter(1, "Net income", True, Rule.DOUBLE, False) == (None, "")
