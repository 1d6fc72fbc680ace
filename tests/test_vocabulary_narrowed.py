"""A label's measure and concept read with their patterns narrowed give what every
pattern gave.

``measures.clean_label``, ``bases_of``, ``_without_bases`` and ``measure_name``, and
``concepts.normalise`` and ``concept_of``, ask a pattern only of a text that may hold a
match (the words its matches need, ``sieve.Sieve``, or the character a mark ends with),
stop cleaning when a round changes nothing, and read a label's own words only where a
basis is named: the cost of a label met for the first time. The readings below, each
pattern asked of every text every time, are their specification: the same answers on
every label, section and column head of the corpus, and on generated labels of basis
words, footnote marks, formula letters and the letters case-blind matching takes for
ASCII ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.sources import load
from tieout.vocabulary import concepts, leads, measures
from tieout.vocabulary.basis import without_gaap_prefix
from tieout.vocabulary.concepts import Concept
from tieout.vocabulary.measures import MeasureBasis, MeasureName
from tieout.vocabulary.spacing import SPACES

try:
    from re import _constants as _ops  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    _parser = _ops = None

_STRIPPED = " :-–—,"


def _clean_label(label: str) -> str:
    text = SPACES.sub(" ", label).strip(_STRIPPED)
    for _ in range(3):
        text = measures._MARKS.sub(" ", text).strip(_STRIPPED)
        text = measures._FORMULA.sub("", text).strip(_STRIPPED)
    return SPACES.sub(" ", text)


def _bases_of(text: str) -> tuple[MeasureBasis, ...]:
    text = measures._NOT_A_MEASURE.sub(" ", text)
    if not measures._ANY_BASIS.search(text):
        return ()
    found = [basis for basis, pattern in measures._BASIS_RE if pattern.search(text)]
    if MeasureBasis.EXCLUDING in found and measures._GAAP_EXCLUSION.search(text):
        found.remove(MeasureBasis.EXCLUDING)
    return tuple(found)


def _without_bases(text: str) -> str:
    out = text
    for basis, pattern in measures._BASIS_RE:
        if basis in (MeasureBasis.EBITDA, MeasureBasis.FREE_CASH_FLOW, MeasureBasis.TANGIBLE):
            continue
        if basis is MeasureBasis.EXCLUDING:
            out = re.sub(
                r"(?:,\s*|\s+[-–—]\s*|\s+)?(?:" + pattern.pattern + r").*$", "", out, flags=re.I
            )
        elif basis is MeasureBasis.PRE_PROVISION:
            continue
        else:
            out = pattern.sub(" ", out)
    out = re.sub(r"\s*[,(]\s*$|\s+[-–—]\s*$|^\s*[-–—,]\s*", "", out.strip())
    return re.sub(r"\s+", " ", out).strip(" ,-–—:()")


def _measure_name(label: str, context: str = "") -> MeasureName | None:
    """``measure_name`` as it read every label: its own words first, every pattern."""
    footnotes, named = measures._FOOTNOTES, measures._named
    text = _clean_label(label)
    if not text or measures.names_gaap(label) or measures.period_label(text):
        return None
    bases = _bases_of(footnotes.sub(" ", label))
    own = _without_bases(text)
    head = _clean_label(context)
    if not bases and head and not measures.names_gaap(context):
        head_bases = _bases_of(footnotes.sub(" ", context))
        if head_bases and measures.metric_of(own) is None and not measures._ADJUSTMENT.search(own):
            return named(head_bases, _without_bases(head))
        if head_bases and measures.metric_of(own) is not None and measures.metric_of(head) is None:
            bases = head_bases
    if not bases:
        return None
    if not own and head and not measures.names_gaap(context):
        own = _without_bases(head)
    elif measures._PER_SHARE.search(head) and not measures._PER_SHARE.search(own):
        own = f"{own} per share"
    if not own or measures._ADJUSTMENT_LINE.search(own) or measures._ADJUSTMENT_LINE.search(text):
        return None
    return named(bases, own)


def _normalise(label: str) -> str:
    text = SPACES.sub(" ", label.strip())
    for _ in range(3):
        text = concepts._FOOTNOTE_MARK.sub("", text)
        text = concepts._AS_REPORTED.sub("", text)
        text = without_gaap_prefix(text)
        text = text.strip(" :-")
    return text.lower()


def _concept_of(label: str) -> Concept | None:
    text = _normalise(label)
    if not text or concepts._QUALIFIED.search(text):
        return None
    for concept, pattern in concepts._LABELS:
        if pattern.search(text):
            return concept
    return None


# what ``metric_of`` searched first: every metric's pattern in one alternation
_ANY_METRIC = re.compile("|".join(f"(?:{p})" for p, _, _ in measures._METRICS), re.I)


def _metric_of(text: str) -> tuple[str, str] | None:
    if not _ANY_METRIC.search(text):
        return None
    for pattern, name, gaap in measures._METRIC_RE:
        if pattern.search(text):
            return name, gaap
    return None


def _agree(label: str, context: str = "") -> None:
    for text in (label, context):
        assert measures.metric_of(text) == _metric_of(text), text
        assert concepts.normalise(text) == _normalise(text), text
        assert concepts.concept_of(text) == _concept_of(text), text
        assert measures.clean_label(text) == _clean_label(text), text
        assert measures.bases_of(text) == _bases_of(text), text
        assert measures._without_bases(text) == _without_bases(text), text
    assert measures.measure_name(label, context) == _measure_name(label, context), (label, context)


@pytest.mark.skipif(_parser is None, reason="reads patterns with Python 3.11's re parser")
def test_every_label_pattern_of_a_concept_is_anchored_at_the_start() -> None:
    # concept_of matches each at the start only: every branch must begin with "^"
    for concept, pattern in concepts._LABELS:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        first = items[0]
        branches = [list(b) for b in first[1][1]] if first[0] is _ops.BRANCH else [items]
        for branch in branches:
            assert branch[0] == (_ops.AT, _ops.AT_BEGINNING), concept


_PARTS = [
    "Adjusted", "adjusted for the stock split", "Non-GAAP", "non gaap", "EBITDA", "net income",
    "Net Income", "per share", "Diluted EPS", "excluding", "Excluding One-Time Items",
    "exclusive of", "before special items", "Underlying", "underlying loans", "Core",
    "earnings", "pro forma", "free cash flow", "tangible", "ROTCE", "fully taxable-equivalent",
    "FTE basis", "- managed", "organic", "constant currency", "pre-provision", "(GAAP)",
    "as reported", "(1)", "(a)", "(non-GAAP)", "*", "**", "Quarter end", "(A)/(C)", "L / N",
    "(annualized)", "(%)", "(in millions)", "(see notes)", "Less:", "adjustments", "impact",
    "margin", "risk-adjusted", "noncontrolling", "-", "–", ",", ":", "(", ")", "  ", "\t",
    "\u212a", "\u017f", "İ", "ı", "revenue", "Rubber Group", "Three Months Ended",
    "GAAP", " gaap ", "Total revenues", "Net sales", "Operating income", "Net loss", "(b)",
    "1", "Profit 1", "As Reported", "as  reported", "\n", "\xa0", "total assets", "%",
    "income before income taxes", "Selling, general and administrative", "continuing",
    "return on average tangible common equity", "tangible book value", "TBVPS", "ROTCE",
    "pre-tax pre-provision income", "PPNR", "EPS", "operating margin", "cash flow",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(_PARTS), max_size=6),
    st.lists(st.sampled_from(_PARTS), max_size=4),
    st.sampled_from([" ", "", ", "]),
)
def test_generated_labels_read_as_every_pattern_reads_them(
    label: list[str], context: list[str], joint: str
) -> None:
    _agree(joint.join(label), " ".join(context))


def test_labels_of_each_reading_read_as_every_pattern_reads_them() -> None:
    for label, context in [
        ("Adjusted EBITDA", ""),
        ("Rubber Group", "Earnings before interest, taxes, depreciation and amortization (EBITDA)"),
        ("Net Income - Excluding One-Time Items (See Notes)", ""),
        ("- Excluding One-Time Items (See Notes)", "Basic Earnings Per Share-(Notes)"),
        ("Net income, Underlying (non-GAAP) J", "Net income, Underlying"),
        ("Return on average tangible common equity", "FTE basis data"),
        ("Net income (GAAP)", ""),
        ("Fully taxable-equivalent adjustments", ""),
        ("Adjusted  net income  (1)(2) A / B", ""),
        ("GAAP Net Income - As Reported (See Note)", ""),
        ("Net sales (a) *", ""),
        (" Total revenues :", ""),
    ]:
        _agree(label, context)


@pytest.mark.corpus
def test_corpus_labels_read_as_every_pattern_reads_them(corpus_dir: Path) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, _, _ = pipeline.layout(documents)
        for table in tables:
            for row in table.rows:
                _agree(row.label, row.section or "")
                _agree(row.label)
            for column in table.columns:
                _agree(column.label, table.title or "")


@settings(max_examples=200, deadline=None)
@given(st.sets(st.sampled_from(list(MeasureBasis))))
def test_an_alternation_of_bases_is_led_as_reading_it_whole_leads_it(
    chosen: set[MeasureBasis],
) -> None:
    # _bases_alternation leads by its branches' characters, each read once a process
    bases = tuple(basis for basis in measures._BASES if basis in chosen)
    if bases:
        either = "|".join(f"(?:{measures._BASES[basis]})" for basis in bases)
        whole = re.compile(r"(?<!\w)(?:" + either + ")|" + measures._MANAGED, re.I)
    else:
        whole = re.compile(measures._MANAGED, re.I)
    made = measures._bases_alternation.__wrapped__(bases)
    assert (made.pattern, made.flags) == (leads.led(whole).pattern, whole.flags)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [" ", "  ", "\n", "\u00a0", "(", ")", "/", "*", "A", "b", "x", "Z", "(a)", "(A)",
             " A", " / B", "(ii)", "Net income", "quarter end", "Quarter", "(non-GAAP)", "é"]
        ),
        max_size=10,
    )
)  # fmt: skip
def test_a_formula_ends_the_label_and_a_mark_opens_where_the_lead_says(pieces: list[str]) -> None:
    # ``clean_label`` asks ``_FORMULA`` only of a label ``_may_end_in_formula`` passes,
    # and ``_MARKS`` led by the characters its matches begin with
    text = "".join(pieces)
    assert not measures._FORMULA.search(text) or measures._may_end_in_formula(text), text
    assert measures._MARKS_LED.sub(" ", text) == measures._MARKS.sub(" ", text), text


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [" ", "  ", "\n", "\t", "\u2003", "(", ")", "*", "**", "a", "Z", "1", " 2", "(a)",
             "(1)", "(b) ", "(see note)", "(See Notes)", "(notes)", "Net income", "é"]
        ),
        max_size=10,
    )
)  # fmt: skip
def test_a_footnote_mark_opens_where_the_lead_says(pieces: list[str]) -> None:
    # ``normalise`` takes the footnote marks out with ``_FOOTNOTE_MARK`` led by the
    # characters its matches begin with (a space, "(" or "*")
    text = "".join(pieces)
    led = concepts._FOOTNOTE_MARK_LED
    assert led.sub("", text) == concepts._FOOTNOTE_MARK.sub("", text), text
