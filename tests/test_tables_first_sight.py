"""The text tables' miss paths answer as the searches they skip and shorten.

At first sight a release's figures, header texts and labels are new, and the functions
behind the bounded caches run: ``lines._figure`` reads the plain shapes of a figure by
one small pattern (``_plain_figure``) and skips a run no figure begins like;
``periods._period_of`` searches a pattern only where the folded header holds a word each
of its matches holds; ``columns._anchors`` searches an ASCII text lowered
(``HEADER_ANCHOR_LOWER``); ``headers._said``, ``scale._named_scale`` and
``scale._worded_unit`` search only the patterns their sieves pass. Each is compared with
its specification (the searches as they were) on every line and run of every corpus
release and on generated texts.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from golden import manifest
from tieout.figures import parse_figure
from tieout.model import Unit
from tieout.readers.text import columns, lines
from tieout.sources import load
from tieout.tables import headers, periods, scale
from tieout.vocabulary.per_share import PER_SHARE
from tieout.vocabulary.units import percent_label, pure_label, share_count


@pytest.fixture(scope="module")
def corpus_lines(corpus_dir: Path) -> list[str]:
    """Every line of every corpus release."""
    return [
        line
        for name in manifest(corpus_dir)
        for doc in load(corpus_dir / name)[1]
        for line in doc.lines
    ]


@pytest.fixture(scope="module")
def corpus_runs(corpus_lines: list[str]) -> list[str]:
    """Every distinct run of text of a corpus line (``chunks``), in the order met."""
    return list(dict.fromkeys(text for line in corpus_lines for _, _, text in lines.chunks(line)))


# ``lines._figure`` as it was: ``parse_figure``, the span of the digits, a year


def _figure_spec(raw: str) -> tuple[object, ...] | None:
    fig = parse_figure(raw)
    if fig is None:
        return None
    first, end = lines._digits_span(raw)
    return fig, first, end, lines._YEAR.match(raw.strip()) is not None


def _printed(found: tuple[object, ...] | None) -> object:
    """A figure's answer with what equality leaves out: each Decimal's exponent and
    sign (``repr``) and the flags' order."""
    if found is None:
        return None
    fig = found[0]
    return (
        repr(fig.value),  # type: ignore[attr-defined]
        fig.decimals,  # type: ignore[attr-defined]
        list(fig.flags),  # type: ignore[attr-defined]
        [repr(r) for r in fig.readings],  # type: ignore[attr-defined]
        *found[1:],
    )


def _same_figure(raw: str) -> bool:
    return _printed(lines._figure.__wrapped__(raw)) == _printed(_figure_spec(raw))


def test_figure_is_parse_figure_on_every_corpus_run(corpus_runs: list[str]) -> None:
    runs = corpus_runs
    assert len(runs) > 10_000
    assert all(_same_figure(raw) for raw in runs)
    plain = sum(1 for raw in runs if lines._PLAIN_FIGURE.fullmatch(raw))
    assert 500 < plain < len(runs)


_FIGURE_PIECES = [*"0123456789,.$()-%* \t\u2014\u2013\u0663an/", "nil", "--", "1,234", "000"]


@given(st.lists(st.sampled_from(_FIGURE_PIECES), max_size=10).map("".join))
def test_figure_is_parse_figure_on_generated_runs(raw: str) -> None:
    assert _same_figure(raw)


def test_figure_is_parse_figure_on_its_edges() -> None:
    texts = ["(0)", "-0", "$ (0.00)", "0.50%", "(12.5%)", "1950", "2049", "2050", "(2004)"]
    texts += ["1" * 18, "1" * 19, "0" * 30 + "1", "1,234,567,890,123,456,789", "12,34", "(5", "5)"]
    assert all(_same_figure(raw) for raw in texts)


# ``periods._period_of``: the gated searches against every pattern searched


def _period_texts(rng: random.Random) -> tuple[str, ...]:
    pieces = [
        "Three Months Ended", "13 weeks ended", "QUARTER", "Q1'14", "Fiscal 2013 Q1", "1Q14",
        "As of", "at", "Balance Sheet", "12/31/2020", "9/30/2020", "Sept. 30,", "June 28, 2003",
        "2004", "2003*", "Year Ended", "YTD", "first half", "six months", "twelve months",
        "annual", "Dec", "\u0130NSTANT", "\u017fix months", "FULL YEAR", "Qtr", "December 31",
        "Financial Position", "wee\u212a", "Change", "Domestic", "",
    ]  # fmt: skip
    return tuple(" ".join(rng.sample(pieces, rng.randint(1, 3))) for _ in range(rng.randint(1, 3)))


def _months_spec(text: str) -> tuple[int | None, int | None]:
    """``periods._months`` as it was: every pattern searched in turn."""
    m = periods._MONTHS_DURATION.search(text)
    if m:
        return periods._number(m.group(1)), None
    w = periods._WEEKS_DURATION.search(text)
    if w:
        weeks = periods._number(w.group(1))
        return round(weeks * 12 / 52), weeks
    if periods._HALF.search(text):
        return 6, None
    if periods._YEAR_DURATION.search(text):
        return 12, None
    if periods._QUARTER.search(text):
        return 3, None
    return None, None


def _period_spec(texts: tuple[str, ...], balance_sheet: bool) -> object:
    """``periods._period_of`` as it was: every pattern searched."""
    p = periods
    joined = " ".join(t.strip() for t in texts if t.strip())
    if not joined:
        return None
    quarter = p._fiscal_quarter(joined)
    if quarter is not None and not p._DATE.search(joined):
        return quarter
    year = None
    for text in reversed(texts):
        if p._YEAR_ONLY.fullmatch(text):
            year = int(text.strip().rstrip("*"))
            break
    if year is None:
        years = p._YEAR.findall(joined)
        if not years:
            return None
        year = int(years[-1])
    end = None
    dated = list(p._DATE.finditer(joined))
    chosen = next((m for m in dated if m.group("year") and int(m.group("year")) == year), None)
    if chosen is None:
        chosen = next((m for m in dated if not m.group("year")), None)
    if chosen is not None:
        month = p._MONTHS[p.folded(chosen.group("month")).rstrip(".")]
        end = p.date(year, month, min(int(chosen.group("day")), p._last_day(year, month)))
    elif (numeric := p._numeric_end(joined, year)) is not None:
        end = numeric
    else:
        months_only = list(p._MONTH_ONLY.finditer(joined))
        pick = next(
            (m for m in months_only if m.group("year") and int(m.group("year")) == year),
            next((m for m in months_only if not m.group("year")), None),
        )
        if pick is not None:
            month = p._MONTHS[p.folded(pick.group("month")).rstrip(".")]
            end = p.date(year, month, p._last_day(year, month))
    months, weeks = _months_spec(joined)
    instant = (
        months is None and (balance_sheet or bool(p._INSTANT.search(joined))) and end is not None
    )
    if end is None:
        if months == 12 or balance_sheet:
            end = p.date(year, 12, 31)
        else:
            return p.Period(end=None, months=months, instant=False, weeks=weeks, year=year)
    return p.Period(end=end, months=months, instant=instant, weeks=weeks, year=year)


def test_period_of_on_every_corpus_line(corpus_lines: list[str], corpus_runs: list[str]) -> None:
    texts = [*dict.fromkeys(corpus_lines), *corpus_runs]
    for k in range(0, len(texts) - 1, 29):
        header = (texts[k], texts[k + 1])
        for balance in (False, True):
            assert periods._period_of.__wrapped__(header, balance) == _period_spec(header, balance)


def test_period_of_on_generated_headers() -> None:
    rng = random.Random(47)
    for _ in range(5_000):
        texts = _period_texts(rng)
        for balance in (False, True):
            assert periods._period_of.__wrapped__(texts, balance) == _period_spec(texts, balance)


# ``columns._anchors``: the lowered search finds the places the case-blind one does


def _anchors_spec(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in periods.HEADER_ANCHOR.finditer(text))


def test_anchors_on_every_corpus_run(corpus_runs: list[str]) -> None:
    # the runs a header line may hold (a prose line's one run is read as no header)
    texts = [t for t in corpus_runs if len(t) <= 80]
    assert all(columns._anchors.__wrapped__(t) == _anchors_spec(t) for t in texts)
    assert sum(1 for t in texts if _anchors_spec(t)) > 100


_ANCHOR_PIECES = [
    *periods._MONTHS, "1999", "2004", "20044", "1st", "31", "3,", " ", "  ", ".", ",", "%",
    "change", "variance", "x", "_", "9", "\u212a", "\u017f", "\u0130", "\u0131", "\u00e9",
]  # fmt: skip


@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=10), st.randoms())
def test_anchors_on_generated_texts(pieces: list[str], rng: random.Random) -> None:
    text = "".join(p.upper() if rng.random() < 0.4 else p for p in pieces)
    assert columns._anchors.__wrapped__(text) == _anchors_spec(text)


# ``headers._said`` and ``scale._named_scale``: the searches of the patterns as they were


def _said_spec(header: str) -> headers._Said:
    return headers._Said(
        headers.CHANGE.search(header) is not None,
        headers._SHARE_OF.search(header) is not None,
        headers._PERCENT_HEAD.search(header) is not None,
        PER_SHARE.search(header) is not None,
    )


def _named_scale_spec(text: str) -> object:
    if not scale._SCALE_CONTEXT.search(text):
        return None
    for pattern, factor in scale._SCALES:
        if pattern.search(text):
            return factor, text.strip()
    return None


def test_said_and_named_scale_on_every_corpus_line(
    corpus_lines: list[str], corpus_runs: list[str]
) -> None:
    texts = {*corpus_lines, *corpus_runs}
    assert all(headers._said.__wrapped__(t) == _said_spec(t) for t in texts)
    assert all(scale._named_scale.__wrapped__(t) == _named_scale_spec(t) for t in texts)
    assert sum(1 for t in texts if _named_scale_spec(t)) > 100


_SAID_PIECES = [
    "change", "Chg", "% of", "percent", "percentage of", "per share", "per diluted share",
    "EPS", "earnings per", "variance", "increase", "(in millions)", "thousands", "$000",
    "(000's)", "$ b)", "($ m)", "in $mm", "billion", "omitted", "except", "amounts",
    "dollars", "in", "(", " ", "x", "\u212a", "\u017f", "\u0130", "\u0131",
]  # fmt: skip


@given(st.lists(st.sampled_from(_SAID_PIECES), max_size=8).map(" ".join))
def test_said_and_named_scale_on_generated_texts(text: str) -> None:
    assert headers._said.__wrapped__(text) == _said_spec(text)
    assert scale._named_scale.__wrapped__(text) == _named_scale_spec(text)


def test_header_anchor_is_written_in_lowercase() -> None:
    """``HEADER_ANCHOR_LOWER`` is searched in lowered text: its source has no capital
    letter but those of Python's named groups (``(?P<``)."""
    source = periods.HEADER_ANCHOR.pattern.replace("(?P<", "(?<")
    assert source == source.lower()
    assert periods.HEADER_ANCHOR_LOWER.flags & re.IGNORECASE == 0


# ``scale._worded_unit``: the vocabulary's questions asked in turn, as they were


def _worded_unit_spec(label: str, context: str) -> Unit:
    if percent_label(label):
        return Unit.PERCENT
    if PER_SHARE.search(label) or (PER_SHARE.search(context) and not share_count(label)):
        return Unit.USD_PER_SHARE
    if share_count(label):
        return Unit.SHARES
    if pure_label(label):
        return Unit.PURE
    return Unit.USD


def test_worded_unit_on_every_corpus_run(corpus_runs: list[str]) -> None:
    contexts = ["", "Per share data:", "Weighted average shares", "Earnings per share", "EPS"]
    found = [
        (scale._worded_unit.__wrapped__(t, c), _worded_unit_spec(t, c))
        for t in corpus_runs
        for c in contexts
    ]
    assert all(got == spec for got, spec in found)
    assert len({spec for _, spec in found}) == 5


_LABEL_PIECES = [
    "%", "percent", "percentage", "Percent change", "margin rate", "as a percent", "per share",
    "per diluted share", "EPS", "earnings per", "weighted average", "shares outstanding",
    "number of shares", "shares used", "diluted shares", "stores", "employees", "days",
    "ratio", "exchange rate", "exchange rates changes", "multiple", "Net sales", "x", "-",
    " ", "\u212a", "\u017f", "\u0130", "\u0131",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_LABEL_PIECES), max_size=6).map(" ".join),
    st.lists(st.sampled_from(_LABEL_PIECES), max_size=3).map(" ".join),
)
def test_worded_unit_on_generated_labels(label: str, context: str) -> None:
    assert scale._worded_unit.__wrapped__(label, context) == _worded_unit_spec(label, context)


# Round 28: the months' patterns matched only where a month's stem begins a word, the
# heads asked ``PER_SHARE`` through the label sieve, ``row_scale`` only of a label with a
# "(", ``_segment``'s tests reordered


def _month_texts(corpus_lines: list[str], corpus_runs: list[str]) -> list[str]:
    return [t for t in (*dict.fromkeys(corpus_lines), *corpus_runs) if len(t) <= 400]


def _same_matches(pattern: re.Pattern[str], text: str) -> None:
    got = periods._month_led(pattern, text, periods.folded(text))
    expected = list(pattern.finditer(text))
    assert [(m.span(), m.groupdict()) for m in got] == [
        (m.span(), m.groupdict()) for m in expected
    ], text


def test_month_led_is_finditer_on_every_corpus_line(
    corpus_lines: list[str], corpus_runs: list[str]
) -> None:
    for text in _month_texts(corpus_lines, corpus_runs):
        for pattern in (periods._DATE, periods._MONTH_ONLY):
            _same_matches(pattern, text)


_MONTH_PIECES = [
    "Jan", "JANUARY", "jan.", "Sept. 30,", "sep", "Mar 31", "march", "marched", "Dec31",
    "December 31, 2004", "May", "mayor", "jun", "June 28 2003", "1st", "30th,", "2004",
    "1999", "x", "_", "-", ".", ",", " ", "\u212a", "\u017f", "\u0130", "Nov30", "octOBER 1",
    "aug", "augment", "2",
]  # fmt: skip


@given(st.lists(st.sampled_from(_MONTH_PIECES), max_size=10), st.sampled_from(["", " "]))
def test_month_led_is_finditer_on_generated_texts(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    for pattern in (periods._DATE, periods._MONTH_ONLY):
        _same_matches(pattern, text)


@given(
    st.lists(st.sampled_from(["Q", "q", "1", "4", "5", "fy", "FY", " ", "'", "2004"]), max_size=8)
)
def test_a_quarter_code_is_found_only_where_its_words_are(pieces: list[str]) -> None:
    text = "".join(pieces)
    if periods._QUARTER_CODE.search(text):
        assert periods._QUARTER_CODE_WORDS.search(periods.folded(text))


def test_heads_are_asked_per_share_as_the_pattern_on_every_corpus_run(
    corpus_runs: list[str],
) -> None:
    found = [(scale._says_per_share(t), PER_SHARE.search(t) is not None) for t in corpus_runs]
    assert all(got == spec for got, spec in found)
    assert any(spec for _, spec in found) and not all(spec for _, spec in found)


def test_row_scale_is_its_search_on_every_corpus_run(corpus_runs: list[str]) -> None:
    def spec(label: str) -> object:
        if not scale._IN_SCALE.search(label):
            return None
        return next((s for pattern, s in scale._SCALES if pattern.search(label)), None)

    assert all(scale.row_scale.__wrapped__(t) == spec(t) for t in corpus_runs)


def test_segment_is_as_it_was_on_corpus_runs(corpus_runs: list[str]) -> None:
    def spec(texts: tuple[str, ...]) -> str | None:
        stripped = [headers._YEARS.sub("", t).strip() for t in texts]
        words = [
            t
            for t in stripped
            if any(c.isalpha() for c in t)
            and not periods.names_period(t)
            and not any(c.isdigit() for c in t)
        ]
        return " ".join(words) or None

    runs = [t for t in corpus_runs if len(t) <= 80]
    for k in range(0, len(runs) - 2, 7):
        texts = (runs[k], runs[k + 1], runs[k + 2])
        assert headers._segment.__wrapped__(texts) == spec(texts)


# ``periods._counted_from``: the counts of months and weeks searched from there find the
# match searched from the text's start


def _same_counted(text: str) -> None:
    low = periods.folded(text)
    for pattern, word in ((periods._MONTHS_DURATION, "month"), (periods._WEEKS_DURATION, "week")):
        if word not in low:
            continue
        got = pattern.search(text, periods._counted_from(text, low, word))
        expected = pattern.search(text)
        assert (got and (got.span(), got.groups())) == (
            expected and (expected.span(), expected.groups())
        ), text


def test_counted_from_on_every_corpus_line(corpus_lines: list[str], corpus_runs: list[str]) -> None:
    texts = [t for t in dict.fromkeys([*corpus_lines, *corpus_runs]) if "onth" in t or "eek" in t]
    assert len(texts) > 100
    for text in texts:
        _same_counted(text)


_COUNTED_PIECES = [
    *periods._NUMBER_WORDS, "13", "3", "123", "1", "Month", "MONTHS", "month", "weeks", "WEEK",
    "week", "-", " ", "  ", "\t", "\x1c", "\u2003", "ended", "x", "twelve-weeks", "\u212a",
    "Twenty", "SIX", "nine",
]  # fmt: skip


@given(st.lists(st.sampled_from(_COUNTED_PIECES), max_size=10), st.sampled_from(["", " ", "-"]))
def test_counted_from_on_generated_texts(pieces: list[str], sep: str) -> None:
    _same_counted(sep.join(pieces))


def test_continues_on_corpus_lines_as_the_case_blind_search(corpus_lines: list[str]) -> None:
    """``labels.continues`` (an ASCII line's connector read without the pattern, round 29b) on
    each pair of consecutive corpus lines: the answer of the case-blind search."""
    from itertools import pairwise

    from tieout.tables.labels import _CONNECTOR, _CONNECTOR_REACH, continues

    def spec(above: str, below: str) -> bool:
        a, b = above.rstrip(), below.lstrip()
        if not a or not b or a.endswith(":"):
            return False
        if b[0].islower() or b[0] == "(" or a.lstrip()[:6].lower() == "total ":
            return True
        return _CONNECTOR.search(a, max(0, len(a) - _CONNECTOR_REACH)) is not None

    lines = list(dict.fromkeys(t for t in corpus_lines if len(t) <= 200))
    pairs = list(pairwise(lines))
    assert all(continues(a, b) == spec(a, b) for a, b in pairs)
    assert any(spec(a, b) for a, b in pairs) and not all(spec(a, b) for a, b in pairs)
