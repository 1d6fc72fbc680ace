"""The words of non-GAAP measures (``tieout.vocabulary.measures``): what names a measure, with
which basis and GAAP counterpart, and what wears the words without being one."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from golden import manifest
from tieout.pipeline import read
from tieout.vocabulary import measures
from tieout.vocabulary.measures import (
    MeasureBasis,
    adjustments_table,
    measure_name,
    own_clause,
    points_elsewhere,
    prose_measure,
    reconciling,
)

B = MeasureBasis

# (label, section head, key of the measure, its GAAP measure)
MEASURES = [
    ("EBITDA", "", "ebitda:EBITDA", "NetIncome"),
    ("Adjusted EBITDA", "", "adjusted+ebitda:EBITDA", "NetIncome"),
    ("Total EBITDA", "", "ebitda:EBITDA", "NetIncome"),
    ("Rubber Group", "Earnings (loss) before interest, taxes, depreciation, amortization (EBITDA)",
     "ebitda:EBITDA", "NetIncome"),
    ("Non-GAAP net income", "", "non-gaap:net income", "NetIncome"),
    ("Adjusted Profit Per Share", "", "adjusted:earnings per share", "EarningsPerShare"),
    ("Net Income - Excluding One-Time Items (See Notes)", "", "excluding:net income", "NetIncome"),
    ("- Excluding One-Time Items (See Notes)", "Basic Earnings Per Share-(Notes)",
     "excluding:earnings per share", "EarningsPerShare"),
    ("Underlying net income", "", "underlying:net income", "NetIncome"),
    ("Net income, Underlying (non-GAAP) J", "Net income, Underlying", "underlying:net income",
     "NetIncome"),
    ("Core earnings per share", "", "core:earnings per share", "EarningsPerShare"),
    ("Pro forma net income", "", "pro-forma:net income", "NetIncome"),
    ("Free Cash Flow", "", "free-cash-flow:free cash flow", "OperatingCashFlow"),
    ("Tangible book value per common share (non-GAAP)", "",
     "tangible:tangible book value per share", "book value per share"),
    ("Underlying ROTCE", "", "tangible+underlying:return on tangible common equity",
     "return on average common equity"),
    ("Pretax, pre-provision income (1)", "", "pre-provision:pre-provision profit", "PretaxIncome"),
    ("Efficiency ratio-adjusted (2)", "Performance Ratios", "adjusted:efficiency ratio",
     "efficiency ratio"),
    ("Efficiency ratio", "FTE basis data (1)", "taxable-equivalent:efficiency ratio",
     "efficiency ratio"),
    ("Net interest margin (non-GAAP)", "", "non-gaap:net interest margin", "net interest margin"),
]  # fmt: skip

# labels (with their section heads) that wear a basis word and name no measure
NOT_MEASURES = [
    ("Operating income", ""),  # a GAAP subtotal
    ("Income from operations", ""),
    ("Efficiency ratio", ""),  # a ratio of GAAP amounts
    ("Net income adjusted for the two-for-one stock split", ""),
    ("Adjusted average assets (b)", "Leverage-based metrics (1)"),  # a regulator's measure
    ("Risk-adjusted margin", ""),
    ("Interest expense excluding Financial Products", "Operating costs"),  # a GAAP line
    ("Net income from continuing operations excluding noncontrolling interests", "Income"),
    ("Intangible assets (excluding mortgage servicing rights)", ""),
    ("Balance, beginning of period, adjusted", ""),
    ("Core deposits", ""),
    ("Net income (GAAP) I", "Net income, Underlying"),  # the GAAP row of a reconciliation
    ("- As Reported", "Basic Earnings Per Share-(Notes)"),
    ("Add: Notable items, net of income tax benefit", "Net income, Underlying"),  # adjustment
    ("Fully taxable-equivalent adjustments", "PRE-PROVISION PROFIT"),
    ("Less: Synthetic Fuels", "Consolidated Earnings-Excluding Synfuels (See Notes)"),
    ("Exhibit A: Non-GAAP Reconciliations", ""),  # a heading
    ("Three Months Ended March 31, 2022 - Adjusted", ""),  # a period: the columns are measures
]


@pytest.mark.parametrize(("label", "section", "key", "gaap"), MEASURES)
def test_a_label_names_its_measure_basis_and_gaap_counterpart(
    label: str, section: str, key: str, gaap: str
) -> None:
    name = measure_name(label, section)
    assert name is not None, label
    assert (name.key, name.gaap) == (key, gaap)


@pytest.mark.parametrize(("label", "section"), NOT_MEASURES)
def test_a_label_that_names_no_measure(label: str, section: str) -> None:
    assert measure_name(label, section) is None


# (subject, words of the sentence before the figure, after it, key or None)
PROSE = [
    ("adjusted profit per share", "First-quarter 2022 profit per share of $2.86; ", "",
     "adjusted:earnings per share"),
    ("profit per share", "First-quarter 2022 ", "; adjusted profit per share of $2.88", None),
    ("earnings", "Excluding the impact of these items, fourth quarter earnings were", "",
     "excluding:net income"),
    ("earnings", "Excluding the impact of that one-time item, earnings a year ago were "
     "$162.3 million, or", "", "excluding:net income"),  # ", or" joins it to the figure before
    ("EPS", "2021 Net Income of $2.3 billion and EPS of $5.16, ", " on an Underlying basis",
     "underlying:earnings per share"),
    ("GAAP net income", "GAAP net income was $3.2 billion, and non-GAAP net income was", "",
     "non-gaap:net income"),
    ("EPS", "Adjusted EPS was $1.10, and GAAP EPS was", "", None),
    ("EBITDA", "", " for the Rubber Group", "ebitda:EBITDA"),
    ("net income", "Net income, adjusted for the two-for-one stock split, was", "", None),
    ("net income", "Net income was", "", None),
    ("operating income", "", ", up 8% in constant currency", None),
    ("revenue", "Revenue grew", " in constant currency", "constant-currency:revenue"),
    ("The firm s efficiency ratio for was", "The firm's efficiency ratio for 2021 was", "", None),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "before", "after", "key"), PROSE)
def test_a_figure_of_the_prose_speaks_of_a_measure_when_its_words_name_one(
    subject: str, before: str, after: str, key: str | None
) -> None:
    name = prose_measure(subject, before, after)
    assert (name.key if name else None) == key


def test_the_clause_of_a_figure_starts_after_the_figure_before_it() -> None:
    assert own_clause("Adjusted EPS was $1.10, and GAAP EPS was ") == ", and GAAP EPS was "
    assert own_clause("Excluding items, earnings were $162.3 million, or ").startswith("Excluding")


def test_reconciliations_and_pointers_elsewhere() -> None:
    assert reconciling("Reconciliation of net loss to EBITDA")
    assert reconciling("RECONCILIATION OF SELECTED GAAP MEASURES TO NON-GAAP MEASURES (1)")
    assert not reconciling("Condensed Consolidated Statements of Operations")
    assert points_elsewhere("A reconciliation is available on our website at example.com.")
    assert points_elsewhere("See the financial supplement for reconciliations to GAAP.")
    assert not points_elsewhere("A reconciliation to net income is attached.")
    assert adjustments_table("Summary of Certain Significant Items:(1)")
    assert not adjustments_table("Selected Segment Financial Data")


def _own_clause_refound(before: str) -> str:
    """``own_clause`` as first written: the figures found again in what is left after
    each cut (``own_clause`` finds them once)."""
    cuts = [m.end() for m in measures._FIGURE.finditer(before)]
    while cuts:
        last = cuts.pop()
        if not measures._JOIN.match(before[last:]):
            return before[last:]
        start = [m.start() for m in measures._FIGURE.finditer(before) if m.end() == last]
        before = before[: start[0]]
        cuts = [m.end() for m in measures._FIGURE.finditer(before)]
    return before


def test_own_clause_cuts_where_the_figures_found_again_would_cut() -> None:
    rng = random.Random(13)
    words = ["$", "$ ", "1", "12", "1,2", "3.5", ".", ",", ", or ", " and ", " million", "%",
             " percent", "percents", " cents", "cent", "a", "EPS ", " ", "\n", "2024", "x1",
             "billion, ", "or", "(", ")"]  # fmt: skip
    texts = ["".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        assert own_clause(text) == _own_clause_refound(text), text


# ``_FIGURE`` as first written: led by a lookahead, the word's start asked by ``\b``
_FIGURE_AS_WRITTEN = re.compile(
    r"(?=[$\d])(?:\$\s?\d(?:[\d,.]*\d)?|\b\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|cents?\b))"
)


def _figures_found_alike(text: str) -> bool:
    found = [m.span() for m in measures._FIGURE.finditer(text)]
    return found == [m.span() for m in _FIGURE_AS_WRITTEN.finditer(text)]


def test_the_figures_of_a_clause_are_found_as_the_pattern_first_written_finds_them() -> None:
    rng = random.Random(17)
    words = ["$", "$ ", "$\t", "1", "12", "1,2", "3.5", ".", ",", "%", " percent", "percentx",
             " cents", "cent", "centsx", "a", "_", "x1", "1x", " ", "\n", "\u0663", "\u0966",
             "\u00b2", "\u2155", "\uff11", "\U0001d7d9", "é", "ſ", "$$", "-", "(", "\u00a0",
             "\u2028", "é1"]  # fmt: skip
    texts = ["".join(rng.choice(words) for _ in range(rng.randint(0, 24))) for _ in range(8000)]
    assert sum(bool(_FIGURE_AS_WRITTEN.search(t)) for t in texts) > 1000
    for text in texts:
        assert _figures_found_alike(text), text


@pytest.mark.corpus
def test_own_clause_of_every_corpus_claim_is_the_refound_one(corpus_dir: Path) -> None:
    befores: list[str] = []
    for name in manifest(corpus_dir):
        release = read((corpus_dir / name).read_bytes(), name=name)
        befores.extend(claim.before for claim in release.claims)
        befores.extend(claim.sentence for claim in release.claims)
    assert len(befores) > 2000
    for before in befores:
        assert own_clause(before) == _own_clause_refound(before), before
        assert _figures_found_alike(before), before


def test_every_metric_non_gaap_by_its_name_is_a_basis_word() -> None:
    # ``prose_measure`` answers None where no word a basis needs is printed
    # (``may_name_basis``): that holds only if every spelling of a metric non-GAAP by its
    # name (and of the acronyms ``_expanded`` spells out into one) holds such a word
    spellings = ["EBITDA", "EBITDAR", "EBIT", "Free cash flow", "free cash flows", "ROTCE",
                 "RoTE", "TBVPS", "tangible book value per share", "Tangible common equity",
                 "tangible assets", "PPNR", "PTPP", "pre-tax, pre-provision earnings",
                 "Pre-provision net revenue", "Pretax pre-provision profit",
                 "Earnings before interest, taxes, depreciation and amortization",
                 "return on average tangible common shareholders' equity"]  # fmt: skip
    for text in spellings:
        known = measures.metric_of(measures._expanded(text))
        assert known is not None and known[0] in measures._SELF_NAMED, text
        assert measures.may_name_basis(text), text
        assert measures.may_name_basis(text.upper()) and measures.may_name_basis(text.lower())
    assert not measures.may_name_basis("Net income was $3.2 billion, up 8% on revenue of")


def _answers(
    triples: list[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[object], list[object]]:
    """``prose_measure`` of each (subject, before, after), and the same with
    ``may_name_basis`` answering yes to every text (every figure read whole)."""
    gated = [prose_measure(*triple) for triple in triples]
    with monkeypatch.context() as patched:
        patched.setattr(measures, "may_name_basis", lambda text: True)
        whole = [prose_measure(*triple) for triple in triples]
    return gated, whole


def test_a_figure_whose_words_name_no_basis_is_read_as_when_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(17)
    words = ["Adjusted", "adjusted for the split", "non-GAAP", "GAAP", "EBITDA", "ebit", "EPS",
             "ROTCE", "tbvps", "ppnr", "free cash flow", "tangible", "core earnings", "net income",
             "earnings", "revenue", "operating income", "excluding", "Excluding items", "organic",
             "constant currency", "underlying", "pro forma", "FTE basis", "-managed", "profit",
             "(1)", "*", "$1.10", "$162.3 million, or", "8%", " ", ", ", "and", "was", "of",
             "as reported", "per share", "margin", "\n", "\u017f", "\u212a", "ADJU\u017fTED"]  # fmt: skip

    def text() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))

    triples = [(text(), text(), text()) for _ in range(4000)]
    gated, whole = _answers(triples, monkeypatch)
    assert gated == whole
    assert sum(name is not None for name in gated) > 200  # measures among them


@pytest.mark.corpus
def test_every_corpus_claim_is_read_as_when_read_whole(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tieout.nongaap.presented import after, claim_measure, claims_said

    triples: list[tuple[str, str, str]] = []
    for name in manifest(corpus_dir):
        release = read((corpus_dir / name).read_bytes(), name=name)
        triples.extend((c.subject, c.before, after(c)) for c in release.claims)
        # the claims asked once per sentence are the claims asked one by one
        said = claims_said(release)
        with monkeypatch.context() as patched:
            patched.setattr(measures, "may_name_basis", lambda text: True)
            one_by_one = [claim_measure(c) for c in release.claims]
        for got, want, claim in zip(said, one_by_one, release.claims, strict=True):
            if "forward-looking" not in claim.traits:
                assert got == want, (name, claim.sentence)
            else:
                assert got is None
    gated, whole = _answers(triples, monkeypatch)
    assert len(triples) > 2000 and gated == whole
    assert 100 < sum(name is not None for name in gated) < len(triples) // 4


def _bases_as_written() -> re.Pattern[str]:
    """The bases' alternation as ``_BASES`` writes it, tried at every character."""
    return re.compile("|".join(f"(?:{p})" for p in measures._BASES.values()), re.I)


def test_the_bases_tried_where_a_word_begins_find_what_the_bases_find() -> None:
    # ``_ANY_BASIS`` tries the bases only where a word begins (and "-managed" at a "-"):
    # the same matches, the same places, as the alternation tried at every character
    plain = _bases_as_written()
    rng = random.Random(33)
    words = ["adjusted", "Adjusted", "readjusted", "_adjusted", "9adjusted", "éadjusted",
             "as adjusted", "as-adjusted", "risk-adjusted", "seasonally adjusted", "non-GAAP",
             "nonGAAP", "xnon-gaap", "EBITDA", "EBITDAR", "ebit", "core earnings", "score earnings",
             "Card-managed", "Card - managed", "-managed", "managed basis", "FTE basis",
             "underlying", "pro forma", "pre-provision", "PPNR", "tangible", "intangible",
             "constant currency", "fx-neutral", "excluding", "exclusive of", "before special",
             "organically", "free cash flow", "net income", "-", " ", "  ", ",", "(", ")", "\n",
             "\u212aore", "ſpecial", "ADJUſTED", "Ⅰ", "x"]  # fmt: skip
    texts = ["".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(6000)]
    texts += ["".join(rng.sample(words, 6)) + " -managed" for _ in range(200)]
    found = 0
    for text in texts:
        spans = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in measures._ANY_BASIS.finditer(text)] == spans, text
        assert [m.span() for m in measures._any_basis(text).finditer(text)] == spans, text
        # and narrowed to the bases whose words the text holds
        assert [m.span() for m in measures._any_basis(text).finditer(text)] == spans, text
        found += len(spans)
    assert found > 1500


@pytest.mark.corpus
def test_the_bases_tried_where_a_word_begins_in_every_corpus_sentence_and_label(
    corpus_dir: Path,
) -> None:
    plain = _bases_as_written()
    texts: set[str] = set()
    for name in manifest(corpus_dir):
        release = read((corpus_dir / name).read_bytes(), name=name)
        texts.update(claim.sentence for claim in release.claims)
        texts.update(row.label for table in release.tables for row in table.rows)
        texts.update(c.label for table in release.tables for c in table.columns)
    assert len(texts) > 4000
    for text in texts:
        spans = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in measures._ANY_BASIS.finditer(text)] == spans, text
        assert [m.span() for m in measures._any_basis(text).finditer(text)] == spans, text


def _said_last_as_written(clause: str) -> tuple[MeasureBasis, ...] | bool | None:
    """``_said_last`` as first written: every GAAP word and every basis found to the last,
    what is no measure always blanked (``_said_last`` sieves both and, where no GAAP word
    is held, asks only whether a basis is named)."""
    last_gaap = max((m.end() for m in measures._GAAP_WORD.finditer(clause)), default=-1)
    blanked = measures._NOT_A_MEASURE.sub(" ", clause)
    last_basis = max((m.end() for m in measures._ANY_BASIS.finditer(blanked)), default=-1)
    if last_gaap > last_basis:
        return False
    if last_basis < 0:
        return None
    return measures.bases_of(clause) or None


def test_the_basis_said_last_is_the_one_found_as_first_written() -> None:
    rng = random.Random(41)
    words = ["Adjusted", "adjusted", "GAAP", "gaap", "non-GAAP", "Non-GAAP measures",
             "non-GAAP financial measures", "non-GAAP reconciliations", "as reported",
             "As Reported", "reported", "unreported", "REPORTED", "gaapx", "nongaap",
             "underlying", "underlying growth", "underlying loans", "risk-adjusted",
             "seasonally adjusted", "adjusted for the 2-for-1 stock split", "balance",
             "adjusted average assets", "intangible", "reconciliation", "EBITDA", "excluding",
             "core earnings", "tangible", "-managed", "Card-managed", "FTE basis", "pro forma",
             "net income", "EPS", "was", "of", "and", "$1.10", "8%", ",", ".", " ", "\n",
             "\u017f", "\u212a", "ADJU\u017fTED", "G\u0100AP", "report\u0117d"]  # fmt: skip
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 10))) for _ in range(6000)]
    answers = [measures._said_last(text) for text in texts]
    assert answers == [_said_last_as_written(text) for text in texts]
    assert (
        sum(a is False for a in answers) > 300 and sum(isinstance(a, tuple) for a in answers) > 1000
    )


@pytest.mark.corpus
def test_the_basis_said_last_in_every_corpus_claim_is_the_one_found_as_first_written(
    corpus_dir: Path,
) -> None:
    texts: set[str] = set()
    for name in manifest(corpus_dir):
        release = read((corpus_dir / name).read_bytes(), name=name)
        for claim in release.claims:
            texts.update((claim.before, own_clause(claim.before), claim.sentence, claim.subject))
    assert len(texts) > 4000
    for text in texts:
        assert measures._said_last(text) == _said_last_as_written(text), text


def _expanded_as_written(text: str) -> str:
    """``measures._expanded`` as first written: the acronyms' search, then each acronym's."""
    if not measures._ANY_ACRONYM.search(text):
        return text
    for pattern, full in measures._ACRONYMS:
        text = pattern.sub(full, text)
    return text


def test_acronyms_are_spelled_out_as_first_written() -> None:
    rng = random.Random(44)
    words = ["EPS", "eps", "Eps", "ePS", "ROTCE", "rotce", "RoTE", "rote", "TBVPS", "tbvps",
             "PTPP", "ppnr", "PPNR", "epsx", "xeps", "rot", "rotten", "tbv", "ptp", "pnr",
             "EP\u017f", "\u017fteps", "tbvp\u017f", "EPS-", "(EPS)", "net income", "per share",
             "adjusted", "diluted", "of", "$1.10", ",", ".", " ", "\n", "\t", "\u001c",
             "\u00a0", "\u0130", "\u212a"]  # fmt: skip
    texts = ["".join(rng.choice(words) + rng.choice(" -") for _ in range(rng.randint(0, 8)))
             for _ in range(20000)]  # fmt: skip
    texts += ["", "EPS", "eps", "\u017f", "e p s"]
    answers = [measures._expanded(text) for text in texts]
    assert answers == [_expanded_as_written(text) for text in texts]
    assert sum(a != t for a, t in zip(answers, texts, strict=True)) > 5000


@pytest.mark.corpus
def test_acronyms_in_every_corpus_claim_are_spelled_out_as_first_written(
    corpus_dir: Path,
) -> None:
    texts: set[str] = set()
    for name in manifest(corpus_dir):
        release = read((corpus_dir / name).read_bytes(), name=name)
        for claim in release.claims:
            clause = own_clause(claim.before)
            texts.update((claim.subject, clause, clause[-80:], claim.sentence))
        for table in release.tables:
            texts.update(row.label for row in table.rows)
    assert len(texts) > 4000
    for text in texts:
        assert measures._expanded(text) == _expanded_as_written(text), text
