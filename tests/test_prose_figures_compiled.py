"""The compiled figures' scan (prose/_figures.c) gives the Python's matches.

``numbers._matches_python`` (the five figure patterns' matches in a sentence, each in
range, a money figure widened to its parentheses, the per-share words after it) is the
specification; the C ``scan`` replaces it whenever the extension was built. Both read
every paragraph and sentence of every corpus release here, and generated texts built from
the pieces the patterns turn on: numbers with commas, points and too many digits, scales,
signs and parentheses near and far, per-share words, and the characters re reads by
Unicode's rules (a no-break space, digits of other scripts, the dotless and dotted i, the
long s, the Kelvin sign, dashes, "¢", characters beyond the Basic Multilingual Plane).
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout import pipeline
from tieout.model import Unit
from tieout.prose import numbers
from tieout.prose.sentences import sentences
from tieout.sources import load

NAME = "tieout.prose._figures"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _scan() -> Callable[[str], Any]:
    made = numbers._compiled_scan(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _agree(text: str) -> list[Any]:
    expected = numbers._matches_python(text)
    found = _scan()(text)
    assert found == expected, text[:300]
    assert [type(v) for m in found for v in m] == [type(v) for m in expected for v in m]
    return found


@needs_build
@pytest.mark.corpus
def test_the_compiled_scan_reads_every_corpus_sentence_alike(corpus_dir: Path) -> None:
    texts = matches = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for text in [para.text, *(para.text[s:e] for s, e in sentences(para.text))]:
                matches += len(_agree(text))
                texts += 1
    assert texts >= 5000
    assert matches >= 3000  # figures of every kind were read, not only empty answers


_PIECES = [
    "$", "US$", "us$", "u\u017f$", "$ ", "$-", "$- ", "$(", "(", ")", " ) ", "($", "( \u00a0US$",
    "($12)", "( $1,234.5 million )", "(US$0.03) per share", "($ 5", "-", "\u2013",
    "\u2212", "%", " %", "percent", "PerCent", "per cent", "per  cent", "pct", "cents",
    "cent", "Cents", "\u00a2", "centsx", "1", "12", "123", "1,234", "12,345,678", "1,23",
    "1234,567", ",000", ".5", "0.03", "2.03", "2.035", "1.2", "33.0", "0" * 25, "9" * 20,
    "1,000,000,000,000,000,000,000", "\u0663", "\u0661,\u0662\u0663\u0664", "\uff11",
    "thousand", "million", "MILLION", "mil", "mil.", "mm", "bn", "b", "m", "k", "K",
    "\u212a", "billion", "trillion", "millions", "shares", "SHARES", "\u017fhares", "share",
    "common", "weighted", "average", "diluted", "basic", "outstanding", "ordinary",
    "equivalent", "per", "a", "per share", "a share", "per diluted share",
    "per basic and diluted share", "per fully-diluted share", "per fully diluted share",
    "per common share", "per ordinary share", "per basic and share", "shareholders",
    "per foo bar baz share", "per \u0131 share", "d\u0131luted", "bas\u0130c", " ", "  ",
    "\u00a0", "\t", "\n", "\x1c", ".", ",", "_", "x", "a1", "\u00e9", "\U0001f4c8", "\u0307",
]  # fmt: skip


def test_the_compiled_scan_reads_generated_texts_alike() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    rng = random.Random(17)
    kinds: set[int] = set()
    widened = after = 0
    for _ in range(6000):
        pieces = rng.choices(_PIECES, k=rng.randint(0, 24))
        text = rng.choice(["", " ", "", "\u00a0"]).join(pieces)
        for kind, start, _end, num, _scale, _negative, ends in _agree(text):
            kinds.add(kind)
            widened += text.startswith("(", start) and not num.startswith("(")
            after += ends is not None
        if rng.random() < 0.02:
            _agree(text * (2000 // max(1, len(text)) + 1))  # a long text
    # every pattern matched, some money in parentheses, some per-share words read
    assert kinds == {numbers.MONEY, numbers.CENTS, numbers.PERCENT, numbers.BARE, numbers.SHARES}
    assert widened >= 20 and after >= 100


@needs_build
def test_the_compiled_scan_reads_each_kind_of_figure() -> None:
    text = (
        "Revenue was US$(1,234.5) million; EPS of $0.03 per diluted share and 3 cents a share, "
        "up \u20134.1 percent; 2.03 per basic share; 216.5 million weighted average shares."
    )
    kinds = [m[0] for m in _agree(text)]
    assert kinds == [
        numbers.MONEY, numbers.MONEY, numbers.CENTS, numbers.PERCENT, numbers.BARE,
        numbers.SHARES,
    ]  # fmt: skip
    units = [f.unit for f in numbers.figures(text)]
    assert units == [
        Unit.USD, Unit.USD_PER_SHARE, Unit.USD_PER_SHARE, Unit.PERCENT, Unit.USD_PER_SHARE,
        Unit.SHARES,
    ]  # fmt: skip


def test_figures_are_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Net income of $(156,000), or $(0.03) per diluted share, rose 12% to $33.0 million."
    built = numbers.figures(text)
    assert [f.value for f in built] == [-156000, Decimal("-0.03"), 12, 33000000]
    monkeypatch.setattr(numbers, "_matches", numbers._matches_python)
    assert numbers.figures(text) == built


@needs_build
def test_the_scan_starts_where_a_match_may_begin() -> None:
    """No digit: no match, told at once; a pattern's pass starts at most two characters
    before the first digit ("-.5%") or the first "$" ("US$"), wherever they stand."""
    assert _agree("") == [] and _agree("No figure here, $ and % aside.") == []
    assert _agree("\u0663 percent") != []  # a digit of another script is a digit
    rng = random.Random(29)
    heads = ["", "x", "US", "us", "u\u017f", "(", "-", "\u2013", ".", "$", " ", "a,", "1"]
    tails = [
        "$5",
        "US$5",
        "($5)",
        "-.5%",
        "\u2212.5 percent",
        ".5 cents",
        "5 shares",
        "1.25 per share",
    ]
    kinds: set[int] = set()
    for _ in range(3000):
        text = "".join(rng.choices(heads, k=rng.randint(0, 4))) + rng.choice(tails)
        text += "".join(rng.choices(heads + tails, k=rng.randint(0, 3)))
        kinds.update(m[0] for m in _agree(text))
        kinds.update(m[0] for m in _agree(text[1:]))  # each place the first match may begin
    assert kinds == {numbers.MONEY, numbers.CENTS, numbers.PERCENT, numbers.BARE, numbers.SHARES}


@needs_build
def test_the_compiled_scan_refuses_what_is_not_a_str() -> None:
    with pytest.raises(TypeError):
        _scan()(b"$5 million")
    with pytest.raises(TypeError):
        _scan()(None)


def _specification() -> str:
    """What ``_figures.c`` was written from: the patterns, bounds and functions of the
    specification, as text."""
    from written import source

    patterns = (
        numbers._MONEY,
        numbers._CENTS,
        numbers._PERCENT,
        numbers._SHARES,
        numbers.BARE_PER_SHARE,
        numbers.PER_SHARE_AFTER,
    )
    functions = (
        numbers._matches_python,
        numbers._in_range,
        numbers._per_share_end,
        numbers._parenthesised,
    )
    return "\n".join(
        [*(f"{p.pattern!r} {p.flags}" for p in patterns), f"{numbers._NEAR} {numbers.MAX_DIGITS}"]
        + [source(f) for f in functions]
    )


def test_the_specification_is_the_one_the_scan_was_written_from() -> None:
    # _figures.c is a hand-written matcher of these patterns: a change to one of them that
    # no corpus sentence or generated text happens to show would leave the two apart on
    # unseen releases. Change the C with the pattern, then this digest.
    import hashlib

    digest = hashlib.sha256(_specification().encode("utf-8")).hexdigest()
    assert digest == "502f4873474a8e7927eba442430aaa8c33ecac55dd829a738ce47cee559f155b", (
        "the figure patterns or functions changed: make prose/_figures.c match them, then "
        f"put {digest} here"
    )


def _scaled_by_products(num: str, scale: str | None, factor: Decimal) -> tuple[Decimal, Decimal]:
    """``numbers._scaled`` as it was written first: every value and unit a product."""
    from tieout.rounding import product

    value, decimals = numbers._number(num)
    unit = factor * numbers.SCALES.get((scale or "").lower().rstrip("."), Decimal(1))
    return product(value, unit), product(Decimal(1).scaleb(-decimals), unit)


def test_a_figure_in_units_is_its_number_as_the_product_gives_it() -> None:
    """``_scaled`` makes no product for a figure in units: the same digits and exponents
    as the products give, for numbers with and without commas and decimals."""
    rng = random.Random(13)
    nums = ["0", "00", "1", "12", ".5", "0.50", "1,234", "1,234.500", "007.0", "123456789012"]
    for _ in range(2000):
        whole = str(rng.randrange(10 ** rng.randrange(1, 13)))
        if rng.random() < 0.4 and len(whole) > 3:
            head = len(whole) % 3 or 3
            whole = ",".join(
                [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
            )
        if rng.random() < 0.5:
            whole += "." + "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 6)))
        nums.append(whole)
    for num in nums:
        for scale in (None, "million", "Bn", "mil.", "k"):
            for factor in (numbers._ONE, Decimal("0.01")):
                got = numbers._scaled(num, scale, factor)
                want = _scaled_by_products(num, scale, factor)
                assert [x.as_tuple() for x in got] == [x.as_tuple() for x in want], (num, scale)
                assert repr(got) == repr(want)
