"""A label line runs on into the next: ``continues``, its connector found from near the end.

The connector must end the line, so ``continues`` searches only its last characters (the
characters before them still seen by the ``\\b`` and the look-behind). These tests hold
that search to a search from every character, on generated lines that press on the
boundaries, and pin the rule's answers on plain cases.
"""

from __future__ import annotations

import random

import pytest

from tieout.tables.labels import _CONNECTOR, _CONNECTOR_REACH, _connected_ascii, continues

_WORDS = "and of to for per in on the before from applicable attributable with or at by net"
_PIECES = (*_WORDS.split(" "), "x", "a-", "ab-", ",", "&", "/", ":", "bland", "nets", "ofo")
_PIECES += ("Attributable", "NET", " ", "  ", "\n", "Ä", "-", "é", "1", "(")


def test_the_search_from_near_the_end_finds_what_a_full_search_finds() -> None:
    rng = random.Random(13)
    differ = []
    for _ in range(50_000):
        line = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 9)))
        full = _CONNECTOR.search(line) is not None
        near = _CONNECTOR.search(line, max(0, len(line) - _CONNECTOR_REACH)) is not None
        if full != near:
            differ.append(line)
    assert differ == []


@pytest.mark.parametrize(
    ("above", "below", "runs_on"),
    [
        ("Net income attributable", "to common shareholders", True),
        ("Income (loss) before taxes and", "Minority interest", True),
        ("Cost of goods sold,", "Excluding depreciation", True),
        ("Selling, general and administrative", "Research and development", False),
        ("Revenue:", "products", False),
        ("Total revenue", "Cost of sales", True),
        ("Xattributable", "Next line", False),  # no word boundary before the connector
        ("2004-", "Tax income", False),  # "-" joins only after a letter
        ("Pre-", "Tax income", True),
        ("Revenue", "(note 3)", True),
    ],
)
def test_continues(above: str, below: str, runs_on: bool) -> None:
    assert continues(above, below) is runs_on


def _continues_as_first_written(above: str, below: str) -> bool:
    """The rule as first written: every answer computed, the whole line lowered."""
    a, b = above.rstrip(), below.lstrip()
    if not a or not b or a.endswith(":"):
        return False
    total = a.lstrip().lower().startswith("total ")
    connected = _CONNECTOR.search(a) is not None
    return connected or b[0].islower() or b[0] == "(" or total


_TOTALS = ("Total ", "TOTAL ", "total ", "ToTaL ", "Totals", "Total", " Total ", "İtotal ")


def test_continues_answers_as_the_rule_first_written() -> None:
    """Its cheapest answers asked first, "Total " read from six characters: the same
    answer as every answer computed, on generated pairs that press on each clause."""
    rng = random.Random(29)
    pieces = (*_PIECES, *_TOTALS, "İ", "K", "ſ", "\x1c", "Σ")
    differ = []
    for _ in range(50_000):
        above = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        below = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        if continues(above, below) != _continues_as_first_written(above, below):
            differ.append((above, below))
    assert differ == []


_UPPER = ("AND", "Of", "PER", "And", "BY", "ON", "X", "Z-", "Ab-", "APPLICABLE", "Net", "oF")


def test_an_ascii_line_is_connected_as_the_full_search_finds() -> None:
    """An ASCII line (its trailing whitespace stripped): ``_connected_ascii``, read from
    its last characters without the pattern, answers as the case-blind search of the
    whole line (round 29b)."""
    rng = random.Random(31)
    pieces = tuple(p for p in (*_PIECES, *_UPPER, "\x1c", "_", "2004-", "a_and") if p.isascii())
    differ = []
    for _ in range(60_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))).rstrip()
        if line and _connected_ascii(line) != (_CONNECTOR.search(line) is not None):
            differ.append(line)
    assert differ == []
