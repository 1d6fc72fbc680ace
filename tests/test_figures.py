"""Figures as releases print them: parse, and round-trip a printed Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tieout.figures import format_figure, parse_figure
from tieout.model import CellFlag


@pytest.mark.parametrize(
    ("raw", "value", "decimals", "flag"),
    [
        ("$ 33,006", "33006", 0, CellFlag.DOLLAR),
        ("(156)", "-156", 0, CellFlag.PARENTHESISED),
        ("$  (0.03)", "-0.03", 2, CellFlag.PARENTHESISED),
        ("$(0.03)", "-0.03", 2, CellFlag.PARENTHESISED),
        ("--", "0", 0, CellFlag.DASH_ZERO),
        ("-", "0", 0, CellFlag.DASH_ZERO),
        ("—", "0", 0, CellFlag.DASH_ZERO),
        ("12.5%", "12.5", 1, CellFlag.PERCENT),
        ("(12.5)%", "-12.5", 1, CellFlag.PERCENT),
        ("-4.2%", "-4.2", 1, CellFlag.MINUS),
        ("1,234*", "1234", 0, CellFlag.FOOTNOTE),
        ("216.5", "216.5", 1, None),
    ],
)
def test_parse_printed_figures(raw: str, value: str, decimals: int, flag: CellFlag | None) -> None:
    fig = parse_figure(raw)
    assert fig is not None
    assert fig.value == Decimal(value)
    assert fig.decimals == decimals
    if flag is not None:
        assert flag in fig.flags


@pytest.mark.parametrize("raw", ["$", "(a)", "abc", "Net sales", "", "1,23,4"])
def test_not_figures(raw: str) -> None:
    assert parse_figure(raw) is None


def test_unbalanced_parenthesis_keeps_both_readings() -> None:
    closing = parse_figure("304)")
    opening = parse_figure("(304")
    assert closing is not None and opening is not None
    assert closing.readings == (Decimal(304), Decimal(-304))
    assert opening.readings == (Decimal(-304), Decimal(304))
    assert CellFlag.STRAY_PARENTHESIS in closing.flags


def test_precision_follows_printed_decimals() -> None:
    assert parse_figure("0.03").precision == Decimal("0.01")  # type: ignore[union-attr]
    assert parse_figure("33,006").precision == Decimal(1)  # type: ignore[union-attr]


money = st.decimals(
    min_value=Decimal("-999999999.99"), max_value=Decimal("999999999.99"), places=2, allow_nan=False
)


@given(money, st.sampled_from([0, 1, 2]), st.booleans(), st.booleans())
def test_round_trip(value: Decimal, decimals: int, dollar: bool, parens: bool) -> None:
    shown = value.quantize(Decimal(1).scaleb(-decimals))
    text = format_figure(shown, decimals, dollar=dollar, parens=parens)
    fig = parse_figure(text)
    assert fig is not None, text
    assert fig.value == shown or (shown == 0 and fig.value == 0)
    assert fig.decimals == decimals
