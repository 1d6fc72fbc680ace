"""Non-GAAP measures: the words that name one, its basis, and the GAAP measure it answers to.

Regulation G asks of every non-GAAP financial measure a release discloses the most directly
comparable GAAP measure and a quantitative reconciliation to it; Item 10(e) of Regulation
S-K adds that the GAAP measure comes first, or at least as prominently. To hold a release
to that, tieout must know a measure when it sees one: "Adjusted EBITDA", "Non-GAAP net
income", "Underlying EPS", "Net income - excluding one-time items", "Free cash flow",
"Tangible book value per share", "Pretax, pre-provision earnings", growth "in constant
currency". The words are defined here once (the GAAP / non-GAAP basis of columns and prose
stays in ``basis``); each function answers one question.

What is not a measure, though it wears the words: a figure "adjusted for the stock split"
(the GAAP figure restated), a regulator's measure ("adjusted average assets" of the
leverage ratio, a "risk-adjusted margin"), a GAAP line that lists what it leaves out
("Interest expense excluding Financial Products", "net income excluding noncontrolling
interests"), a plain "efficiency ratio" or "operating income" (ratios and subtotals of GAAP
amounts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from tieout.vocabulary.basis import NON_GAAP
from tieout.vocabulary.leads import leading, led, led_by
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.spacing import SPACES, one_spaced
from tieout.vocabulary.words import Words


class MeasureBasis(StrEnum):
    """How a measure departs from GAAP, as its name says."""

    NON_GAAP = "non-gaap"  # "Non-GAAP operating income"
    ADJUSTED = "adjusted"  # "Adjusted EBITDA", "Diluted EPS - as adjusted"
    EBITDA = "ebitda"  # EBITDA, EBIT: earnings before items GAAP keeps
    CORE = "core"  # "core earnings"
    UNDERLYING = "underlying"  # "Underlying net income", "Net income, Underlying"
    PRO_FORMA = "pro-forma"
    EXCLUDING = "excluding"  # "Net income - excluding one-time items"
    FREE_CASH_FLOW = "free-cash-flow"
    ORGANIC = "organic"  # organic growth
    CONSTANT_CURRENCY = "constant-currency"  # growth in constant currency
    TANGIBLE = "tangible"  # tangible book value, tangible common equity, ROTCE
    PRE_PROVISION = "pre-provision"  # pretax, pre-provision earnings
    TAXABLE_EQUIVALENT = "taxable-equivalent"  # fully taxable-equivalent (FTE), managed basis


# Bases that describe how a growth rate or a bank's ratio is computed rather than name a
# measure the release must bridge line by line (SEC C&DI 104.06 lets constant-currency
# growth be explained in words): a missing reconciliation of one is noted, not warned of.
DESCRIPTIVE = frozenset(
    {MeasureBasis.ORGANIC, MeasureBasis.CONSTANT_CURRENCY, MeasureBasis.TAXABLE_EQUIVALENT}
)

_EBITDA = (
    r"\bebitda[r]?\b|\bebit\b|\bearnings\s+(?:\(loss\)\s+)?before\s+interest,?\s+(?:income\s+)?"
    r"taxes,?\s+depreciation,?\s+(?:and\s+)?amortization"
)
# "adjusted for the two-for-one stock split", "as adjusted to reflect the split": the
# GAAP figure restated, no measure (the same words ``basis`` leaves out).
_SPLIT = (
    r"adjusted\s+(?:for|to\s+reflect)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}(?:stock\s+)?splits?\b"
)
# "Net revenue - managed" (a card issuer's managed basis): the one basis word that may
# follow a letter ("Card-managed").
_MANAGED = r"-\s*managed$"
# Each basis and its words, in the order a name is read: the first that matches names it.
_BASES: dict[MeasureBasis, str] = {
    MeasureBasis.NON_GAAP: r"\bnon-?\s?gaap\b",
    MeasureBasis.EBITDA: _EBITDA,
    MeasureBasis.FREE_CASH_FLOW: r"\bfree\s+cash\s+flows?\b",
    MeasureBasis.ADJUSTED: (
        r"(?<!\w)(?<!risk-)(?<!risk\s)(?<!seasonally\s)(?:as[\s-]+)?adjusted\b(?!\s+average\s+assets)"
        r"(?!\s+(?:for|to\s+reflect)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}(?:stock\s+)?splits?\b)"
    ),
    MeasureBasis.UNDERLYING: r"\bunderlying\b",
    MeasureBasis.CORE: r"\bcore(?=\s+(?:net\s+)?(?:earnings|eps|income|operating|revenues?|sales|profit|results|ffo)\b)",
    MeasureBasis.PRO_FORMA: r"\bpro\s*-?\s*forma\b",
    MeasureBasis.PRE_PROVISION: r"\bpre-?\s*provision\b|\bppnr\b|\bptpp\b|\bpre-?tax\s+pre-?provision\b",
    MeasureBasis.TANGIBLE: r"\btangible\b|\brotce\b|\brote\b|\btbvps\b",
    MeasureBasis.TAXABLE_EQUIVALENT: (
        r"\b(?:fully\s+)?taxable[\s-]+equivalent\b|\bfte\s+basis\b|\bmanaged\s+basis\b|" + _MANAGED
    ),
    MeasureBasis.ORGANIC: r"\borganic(?:ally)?\b",
    MeasureBasis.CONSTANT_CURRENCY: r"\bconstant[\s-]+currenc(?:y|ies)\b|\b(?:fx|currency)[\s-]+neutral\b",
    MeasureBasis.EXCLUDING: (
        r"\bexclud(?:ing|es?)\b|\bexclusive\s+of\b|\bwithout\s+(?:the\s+)?(?:impact|effect)s?\s+of\b"
        r"|\bbefore\s+(?:special|one-time|unusual|restructuring|nonrecurring|non-recurring)\b"
    ),
}
_BASIS_RE = tuple((basis, re.compile(pattern, re.I)) for basis, pattern in _BASES.items())
# searched in every clause before a figure of the prose: led (``leads.led``), and tried
# only where a word begins. Every basis's match but ``_MANAGED``'s begins a word (a
# letter after ``\b`` or ``(?<!\w)``) and ``_MANAGED``'s begins with "-", where no
# other begins: the same matches, without trying each basis at every letter of a word.
_ANY_BASIS = led(
    re.compile(
        r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in _BASES.values()) + ")|" + _MANAGED, re.I
    )
)

# What an "excluding" leaves out that makes the rest a GAAP line, not a measure:
# "excluding noncontrolling interests", "excluding Financial Products" (a segment),
# "excluding loans accounted for under the fair value option".
_GAAP_EXCLUSION = re.compile(
    r"exclud\w*\s+(?:the\s+)?(?:noncontrolling|non-controlling|minority|financial\s+products|"
    r"loans\s+(?:accounted|held)|credit\s+card|trade\s+finance|mortgage\s+servicing|"
    r"equipment\s+leased|basis\s+adjustments|nonperforming|pcd|purchased)",
    re.I,
)
# Names that wear a basis word and are no non-GAAP measure: the GAAP figure restated for
# a split, regulators' measures, a balance adjusted on adopting a standard.
_NOT_A_MEASURE = led(
    re.compile(
        _SPLIT
        + r"|\badjusted\s+average\s+assets\b|\brisk[\s-]+adjusted\b|\bseasonally\s+adjusted\b"
        r"|\bbalance\b.*\badjusted\b|\bunderlying\s+(?:growth|trends?|demand|business|assets?|"
        r"loans?|securit\w+|portfolio|collateral|index|rate|exposures?|investments?)\b"
        r"|\bintangible|\breconcil\w*|\bnon-?\s?gaap\s+(?:financial\s+)?(?:measures|reconciliations)\b",
        re.I,
    )
)
# What is left of a label once its basis words are gone, when it names an adjustment between
# the two measures ("Fully taxable-equivalent adjustments", "Less: Synthetic Fuels",
# "Negative impact from ... (non-GAAP)"), not a measure. Led (``leads.led``), as are the
# label patterns below that ``measure_name`` searches: each was tried at every character.
_ADJUSTMENT_LINE = led(
    re.compile(
        r"^(?:less|add|plus|minus|deduct)\b|\badjustments?\b|\bimpacts?\b|\beffects?\b", re.I
    )
)
# Words of the GAAP measure itself: "(GAAP)", "as reported", "- U.S. GAAP", "reported basis".
_GAAP = led(
    re.compile(
        r"(?<!non-)(?<!non)\bgaap\b|\bas\s+reported\b|[-–—]\s*reported\b|\breported\s+basis\b",
        re.I,
    )
)

# Metrics the prose must name for a figure to be a measure's, with the GAAP measure each
# answers to: a concept's name where tieout has one, else the GAAP metric in words. In
# order: the first that matches names the metric.
_METRICS: tuple[tuple[str, str, str], ...] = (
    (_EBITDA, "EBITDA", "NetIncome"),  # C&DI 103.02: net income, not operating income
    (r"\bfree\s+cash\s+flows?\b", "free cash flow", "OperatingCashFlow"),
    (
        r"\b(?:return\s+on\s+(?:average\s+)?tangible\s+(?:common\s+)?(?:share(?:holders|owners)['’]?\s+|"
        r"stockholders['’]?\s+)?equity|rotce|rote)\b",
        "return on tangible common equity",
        "return on average common equity",
    ),
    (
        r"\btangible\s+book\s+value(?:\s+per\s+(?:common\s+)?share)?|\btbvps\b",
        "tangible book value per share",
        "book value per share",
    ),
    (
        r"\btangible\s+(?:common\s+)?(?:share(?:holders|owners)['’]?\s+|stockholders['’]?\s+)?equity\b",
        "tangible common equity",
        "total shareholders' equity",
    ),
    (r"\btangible\s+assets\b", "tangible assets", "TotalAssets"),
    (
        r"\bpre-?\s*tax,?\s+pre-?\s*provision\s+(?:income|earnings|profit)|\bpre-?\s*provision\s+"
        r"(?:net\s+revenue|profit|earnings|income)|\bppnr\b|\bptpp\b",
        "pre-provision profit",
        "PretaxIncome",
    ),
    (
        r"\b(?:diluted\s+|basic\s+)?(?:net\s+)?(?:earnings|income|profit)\s*(?:\(loss\)\s*)?"
        r"(?:from\s+continuing\s+operations\s+)?per\s+(?:diluted\s+|basic\s+)?(?:common\s+)?share|\beps\b",
        "earnings per share",
        "EarningsPerShare",
    ),
    (r"\befficiency\s+ratio\b", "efficiency ratio", "efficiency ratio"),
    (r"\boperating\s+leverage\b", "operating leverage", "operating leverage"),
    (r"\bnet\s+interest\s+margin\b", "net interest margin", "net interest margin"),
    (r"\bnet\s+interest\s+income\b", "net interest income", "net interest income"),
    (r"\bnoninterest\s+expenses?\b", "noninterest expense", "noninterest expense"),
    (r"\bnoninterest\s+income\b", "noninterest income", "noninterest income"),
    (r"\b(?:effective\s+)?(?:income\s+)?tax\s+rate\b", "effective tax rate", "effective tax rate"),
    (r"\boperating\s+margin\b", "operating margin", "operating margin"),
    (
        r"\boperating\s+(?:income|profit|earnings)\b|\b(?:income|earnings|profit)\s+from\s+operations\b",
        "operating income",
        "OperatingIncome",
    ),
    (r"\bgross\s+(?:margin|profit)\b", "gross profit", "GrossProfit"),
    (
        r"\b(?:income|earnings|profit)\s+before\s+(?:provision\s+for\s+)?(?:income\s+)?taxes\b",
        "pretax income",
        "PretaxIncome",
    ),
    (
        r"\bnet\s+(?:income|earnings|profit|loss)\b|\bearnings\b|\bprofit\b",
        "net income",
        "NetIncome",
    ),
    (
        r"\b(?:total\s+|net\s+|operating\s+)?(?:revenues?|sales)\b",
        "revenue",
        "Revenue",
    ),
    (r"\b(?:operating\s+|total\s+)?expenses\b", "expenses", "OperatingExpenses"),
    (r"\b(?:operating\s+)?cash\s+flows?\b", "operating cash flow", "OperatingCashFlow"),
)
_METRIC_RE = tuple((re.compile(p, re.I), name, gaap) for p, name, gaap in _METRICS)
# Metrics that are non-GAAP by their name alone, with no basis word beside them.
_SELF_NAMED = frozenset(
    {
        "EBITDA",
        "free cash flow",
        "return on tangible common equity",
        "tangible book value per share",
        "tangible common equity",
        "tangible assets",
        "pre-provision profit",
    }
)
# The concept tieout's prose gives a figure, as the metric a measure speaks of.
CONCEPT_METRICS: dict[str, str] = {
    "EBITDA": "EBITDA",
    "EarningsPerShare": "earnings per share",
    "NetIncome": "net income",
    "NetIncomeToCommon": "net income",
    "OperatingIncome": "operating income",
    "Revenue": "revenue",
    "OperatingCashFlow": "operating cash flow",
    "GrossProfit": "gross profit",
    "PretaxIncome": "pretax income",
    "OperatingExpenses": "expenses",
}
# What a growth rate or margin of a measure is measured against: its metric's GAAP measure.
_GAAP_OF_METRIC = {name: gaap for _, name, gaap in _METRICS}

# Footnote marks and formula letters a label carries beside its name: "(1)", "(a)(b)",
# "*", "(non-GAAP)", "L/N", "(A)/(C)", "Quarter end", "(annualized)", "(%)".
_MARKS = re.compile(
    r"\s*(?:\((?:[a-z]|\d{1,2}|[ivx]+)\)|\*+|\((?:non-?\s?)?gaap\)|\(annualized\)|\(%\)"
    r"|\(in\s+\w+\)|\((?:see\s+)?notes?\)|\bquarter\s+end)\s*",
    re.I,
)
# Footnote marks alone (a basis said in parentheses, "(non-GAAP)", stays).
_FOOTNOTES = re.compile(r"\((?:[a-z]|\d{1,2}(?:,\s*\d{1,2})*|[ivx]+)\)|\*+", re.I)
# Words of an adjustment printed under a measure's head, not a segment of it.
_ADJUSTMENT = led(
    re.compile(
        r"^(?:add|less|plus|minus|deduct)\b|\bitems?\b|\bcharges?\b|\badjustments?\b|\bimpacts?\b"
        r"|\beffects?\b|\bcosts?\b|\bexpenses?\b|\bgains?\b|\blosses\b|\btax(?:es)?\b"
        r"|\bamortization\b|\bdepreciation\b|\binterest\b|\bprovision\b",
        re.I,
    )
)
_MARGIN = led(re.compile(r"\bmargins?\b", re.I))
_PER_SHARE = led(re.compile(r"\bper\s+(?:common\s+|diluted\s+)?share\b", re.I))
_FORMULA = re.compile(
    r"(?:\s+\(?[A-Z]\)?(?:\s*/\s*\(?[A-Z]\)?)?)+\s*$|\s+\(?[a-z]\)?\s*/\s*\(?[a-z]\)?\s*$"
)
_ACRONYMS = (
    (re.compile(r"\brotce\b|\brote\b", re.I), "return on tangible common equity"),
    (re.compile(r"\btbvps\b", re.I), "tangible book value per share"),
    (re.compile(r"\beps\b", re.I), "earnings per share"),
    (re.compile(r"\bptpp\b|\bppnr\b", re.I), "pre-provision profit"),
)
_ANY_ACRONYM = led(re.compile("|".join(p.pattern for p, _ in _ACRONYMS), re.I))
# Whether a text holds a word every acronym's match holds (``sieve.needs``): most subjects
# and clauses print none, and the acronyms' search is tried at each of their letters.
_ACRONYM_WORDS = Sieve([(True, _ANY_ACRONYM)])
_STOP = frozenset(
    {
        *("a", "an", "and", "the", "of", "on", "in", "to", "for", "from", "per", "at", "by"),
        *("as", "its", "their", "total", "average", "period", "end", "basis", "common"),
        *("share", "shares", "stockholders", "stockholders'", "shareholders"),
        *("shareholders'", "less", "add", "plus", "other", "diluted", "basic", "ratio"),
    }
)
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A row label that is a period with a basis ("Three Months Ended March 31, 2022 -
# Adjusted"): the measures of such a table are its columns.
period_label = Words(
    r"\b(?:months?|weeks?|quarters?|year)\s+ended\b|\b(?:q[1-4]|fy)\s*'?\d{2,4}\b"
    r"|\b(?:first|second|third|fourth)\s+quarter\b"
)
# A title, section head or row that says it reconciles GAAP and non-GAAP figures:
# "Reconciliation of net loss to EBITDA", "GAAP to Non-GAAP", "Non-GAAP financial
# measures", "most directly comparable".
reconciling = Words(
    r"\breconcil\w*|\bnon-?\s?gaap\b|\bmost\s+directly\s+comparable\b|\bgaap\s+to\b|\bto\s+gaap\b"
    r"|\bcalculations?\s+of\b"
)
# Whether a text holds a word every match of ``reconciling`` holds (``sieve.needs``):
# a text without one, and every part of it, does not say it reconciles.
_RECONCILING_WORDS = Sieve([(True, reconciling.pattern)])


def may_reconcile(text: str) -> bool:
    """Whether ``text`` may say it reconciles (``reconciling``): False only where no part of
    it does, so a table's labels and heads joined are asked at once, not one by one."""
    return bool(_RECONCILING_WORDS(text))


# Text that points to a reconciliation outside the document: "reconciliation ... on our
# website", "in the financial supplement", "Exhibit 99.2", "the investor relations". The
# places a pointer names before the word "reconcil" or after it, then those named only
# after it (written once: the sieve below reads the places named after it).
_PLACES_ELSEWHERE = r"website|web\s+site|supplement\w*|exhibit\s+99\.?\d|investor\s+relations"
_BEFORE_ELSEWHERE = rf"{_PLACES_ELSEWHERE}|presentation\s+slides?"
_AFTER_ELSEWHERE = (
    rf"{_PLACES_ELSEWHERE}|form\s+10-?[kq]|presentation\s+slides?|earnings\s+presentation"
)
points_elsewhere = Words(
    rf"reconcil\w*[^.]{{0,200}}?\b(?:{_AFTER_ELSEWHERE})|(?:{_BEFORE_ELSEWHERE})[^.]{{0,200}}?\breconcil\w*"
)
# Every match of ``points_elsewhere`` holds a place it names, and each of those of the
# second branch is one of the first's: a text holding none of their words
# (``sieve.needs``: "web", "supplement", "exhibit", ...) points nowhere. The sieve of the
# pattern whole gives only "reconcil", which every text asked holds.
_ELSEWHERE_WORDS = Sieve([(True, re.compile(_AFTER_ELSEWHERE, re.I))])


def may_point_elsewhere(text: str) -> bool:
    """Whether ``text`` may point to a reconciliation elsewhere (``points_elsewhere``):
    False only where it names none of the places a pointer names."""
    return bool(_ELSEWHERE_WORDS(text))


# The word functions are pure and asked of the same labels many times per release.
_CACHE = 1 << 15


@dataclass(frozen=True, slots=True)
class MeasureName:
    """A measure as its words name it: basis, metric, and the GAAP measure it answers to.

    ``metric`` is the name without its basis words ("net income" of "Underlying net
    income"); ``gaap`` the most directly comparable GAAP measure: a concept's name
    (``NetIncome``) where tieout has one, else the GAAP metric in words. ``key`` groups the
    mentions of one measure across tables and prose.
    """

    basis: tuple[MeasureBasis, ...]
    metric: str
    gaap: str
    known: bool  # the metric is one of ``_METRICS`` (not just the words left of a label)

    @property
    def key(self) -> str:
        """Basis and metric; "(non-GAAP)" beside a named basis is only a marker."""
        named: list[MeasureBasis] = [b for b in self.basis if b is not MeasureBasis.NON_GAAP]
        named = named or list(self.basis)
        return "+".join(sorted(b.value for b in named)) + ":" + self.metric

    @property
    def label(self) -> str:
        """The measure in words: "adjusted earnings per share", "EBITDA"."""
        words = [
            b.value.replace("-", " ") for b in self.basis if b.value not in self.metric.lower()
        ]
        if self.metric in _SELF_NAMED:
            words = [w for w in words if w in ("adjusted", "non gaap", "underlying", "core")]
        return " ".join([*(w.replace("non gaap", "non-GAAP") for w in words), self.metric])

    def per_share(self) -> MeasureName:
        """The same measure per share (a row of earnings printed per share is EPS)."""
        if self.gaap != "NetIncome":
            return self
        return MeasureName(self.basis, "earnings per share", "EarningsPerShare", self.known)

    @property
    def descriptive(self) -> bool:
        """Only descriptive bases (constant currency, organic, FTE): see ``DESCRIPTIVE``."""
        return all(b in DESCRIPTIVE for b in self.basis)


@lru_cache(maxsize=_CACHE)
def clean_label(label: str) -> str:
    """A label without footnote marks, "(non-GAAP)", formula letters and spacing.

    Each of the three rounds is asked only of what the round before changed (one that
    changes nothing leaves the rest nothing to do), and each pattern only of a text that
    may hold a match: a mark holds a word of ``_MARK_WORDS`` ("(", "*", "quarter"), a
    formula's letters follow a space (the label's spacing is spaces by then)."""
    text = one_spaced(label)
    text = text.strip(" :-–—,")
    for _ in range(3):
        before = text
        if _MARK_WORDS(text):
            text = _MARKS_LED.sub(" ", text).strip(" :-–—,")
        if " " in text and _may_end_in_formula(text):
            text = _FORMULA.sub("", text).strip(" :-–—,")
        if text == before:
            break
    return SPACES.sub(" ", text) if "  " in text else text


# Whether a text holds a word every mark's match holds ("(", "*", "quarter"): most labels
# hold none, and ``_MARKS``, led by ``\s*``, is tried at every character of them.
_MARK_WORDS = Sieve([(True, _MARKS)])
# ``_MARKS`` led by the characters its matches begin with (a space, or the first of a
# mark: "(", "*", "q" of "quarter", case aside), which ``leads.led`` does not read from
# it: the same matches, the others passed at once (a label that holds a mark's words
# was tried at each of its characters)
_MARKS_LED = re.compile(r"(?=[\s(*q])" + _MARKS.pattern, _MARKS.flags)


def _may_end_in_formula(text: str) -> bool:
    """Whether ``_FORMULA`` may match in ``text``: each of its matches ends the text (but
    for spaces) with an ASCII letter, perhaps then ")", that follows "(", "/" or a space
    (asked of every label with a space, whose search tried it at each of them)."""
    last = text.rstrip()
    if last.endswith(")"):
        last = last[:-1]
    return (
        len(last) >= 2 and last[-1] in _ASCII_LETTERS and (last[-2] in "(/" or last[-2].isspace())
    )


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@lru_cache(maxsize=_CACHE)
def bases_of(text: str) -> tuple[MeasureBasis, ...]:
    """Every basis the words of ``text`` name, in the order of ``_BASES``.

    Only the bases whose words the text holds are searched for (``_EACH_BASIS_WORDS``:
    none in most labels), and what is no measure is blanked only where the text holds its
    words (``_NOT_A_MEASURE_WORDS``): blanking puts spaces where a match was, and makes no
    word a pattern needs (none holds a space), so the bases that may match are the same."""
    return _bases_among(text, _EACH_BASIS_WORDS(text))


def _bases_among(
    text: str, passing: list[tuple[MeasureBasis, re.Pattern[str]]]
) -> tuple[MeasureBasis, ...]:
    """``bases_of(text)``, given ``_EACH_BASIS_WORDS(text)`` (``passing``), which a caller
    that has just asked it (``_said_last``) does not ask again."""
    if not passing:
        return ()
    if _NOT_A_MEASURE_WORDS(text):
        text = _NOT_A_MEASURE.sub(" ", text)
    found = [basis for basis, pattern in passing if pattern.search(text)]
    if MeasureBasis.EXCLUDING in found and _GAAP_EXCLUSION.search(text):
        found.remove(MeasureBasis.EXCLUDING)
    return tuple(found)


# Bases that qualify a GAAP metric by one word before it and make it another measure:
# "Underlying EPS", "Core net income" (a GAAP row beside them prints another figure).
_QUALIFYING = frozenset({MeasureBasis.UNDERLYING, MeasureBasis.CORE})


# The words of those bases: a text none of them finds in names no metric qualified so.
QUALIFYING_WORDS = tuple(pattern for basis, pattern in _BASIS_RE if basis in _QUALIFYING)
# Whether a text holds a word those bases' matches hold (``sieve.needs``, the same patterns
# as ``_EACH_BASIS_WORDS`` holds for them): most labels hold none.
_QUALIFYING_SIEVE = Sieve([(True, pattern) for pattern in QUALIFYING_WORDS])


def qualified(text: str) -> bool:
    """Whether a label names a GAAP metric qualified away from it ("Underlying EPS",
    "Net income per share - diluted, Underlying", "Core earnings"), not "underlying loans".

    A label that holds no word of the two bases (``_QUALIFYING_SIEVE``: most of a
    release's labels, each asked once) is not: ``bases_of`` searches a basis only where
    ``_EACH_BASIS_WORDS`` passes its pattern, and it passes neither of theirs there."""
    return bool(_QUALIFYING_SIEVE(text)) and qualifying(bases_of(text))


def qualifying(bases: tuple[MeasureBasis, ...]) -> bool:
    """Whether any of these bases qualifies a GAAP metric (``qualified``)."""
    return any(b in _QUALIFYING for b in bases)


def names_gaap(text: str) -> bool:
    """Whether a label or head names the GAAP measure itself ("(GAAP)", "As Reported"):
    searched only where the text holds "gaap" or "reported" (``_NAMES_GAAP_WORDS``: most
    labels and heads, asked by ``measure_name``, hold neither)."""
    return bool(_NAMES_GAAP_WORDS(text)) and _GAAP.search(text) is not None


_NAMES_GAAP_WORDS = Sieve([(True, _GAAP)])


@lru_cache(maxsize=_CACHE)
def metric_of(text: str) -> tuple[str, str] | None:
    """The known metric ``text`` names and its GAAP measure, or None.

    Only the metrics whose words the text holds are searched for (``_EACH_METRIC_WORDS``,
    in order; none in most texts), each led (``leads.led``), where each was tried at every
    character of a text some metric's alternation found in."""
    for (name, gaap), pattern in _EACH_METRIC_WORDS(text):
        if pattern.search(text):
            return name, gaap
    return None


# Each metric with the words its matches hold (``sieve.needs``), in ``_METRICS``'s order.
_EACH_METRIC_WORDS = Sieve([((name, gaap), pattern) for pattern, name, gaap in _METRIC_RE])


def gaap_of_metric(metric: str) -> str:
    """The GAAP measure of a known metric; the metric itself when it is not known."""
    return _GAAP_OF_METRIC.get(metric, metric)


# Bases whose words are the name of the metric itself: kept in a measure's own words.
_METRIC_BASES = frozenset(
    {
        MeasureBasis.EBITDA,
        MeasureBasis.FREE_CASH_FLOW,
        MeasureBasis.TANGIBLE,
        MeasureBasis.PRE_PROVISION,
    }
)
# An "excluding ..." and all after it, with what joins it to the words before.
_EXCLUDING_TAIL = re.compile(
    r"(?:,\s*|\s+[-–—]\s*|\s+)?(?:" + _BASES[MeasureBasis.EXCLUDING] + r").*$", re.I
)
_LOOSE_ENDS = re.compile(r"\s*[,(]\s*$|\s+[-–—]\s*$|^\s*[-–—,]\s*")
_LOOSE_LAST = frozenset(",(-–—")
_LOOSE_FIRST = frozenset("-–—,")


@lru_cache(maxsize=_CACHE)
def _without_bases(text: str) -> str:
    """A label's words without its bases' (but those that name the metric itself).

    Remembered: the rows under a measure's head ("Rubber Group", "Metals Group" under
    "... (EBITDA)") ask it of the head once each (``measure_name``).

    Only the bases whose words the label holds are taken out (``_EACH_BASIS_WORDS``:
    taking one out puts a space where it was, or cuts the text short, and makes no word
    another needs, none holding a space)."""
    out = text
    for basis, pattern in _EACH_BASIS_WORDS(text):
        if basis in _METRIC_BASES:
            continue
        if basis is MeasureBasis.EXCLUDING:
            out = _EXCLUDING_TAIL.sub("", out)
        else:
            out = pattern.sub(" ", out)
    out = out.strip()
    # (each match of ``_LOOSE_ENDS`` ends a text without end spaces with ",", "(" or a
    # dash, or begins one without leading spaces with "," or a dash: none, no search)
    if out and (out[-1] in _LOOSE_LAST or out[0] in _LOOSE_FIRST):
        out = _LOOSE_ENDS.sub("", out)
    return SPACES.sub(" ", out).strip(" ,-–—:()")


@lru_cache(maxsize=_CACHE)
def measure_name(label: str, context: str = "") -> MeasureName | None:
    """The measure a table label (with its section head as ``context``) names, or None.

    A label that names no metric of its own ("Rubber Group" under "EBITDA:", "- Excluding
    One-Time Items" under "Basic Earnings Per Share") takes its metric from the section;
    a label naming the GAAP measure ("Net income (GAAP)", "- As Reported"), an adjustment
    under a measure's head ("Less: Notable items") and a period ("Three Months Ended
    March 31, 2022 - Adjusted": the measures are the columns) are none.

    A label that names no basis under a head that names none is none: where neither
    holds a word some basis needs (``_BASIS_WORDS``: 162 of the 194 labels of a first
    sight of the three text releases), nothing else is read. Taking the footnote marks
    out (``_without_footnotes``) puts spaces where they were and makes no such word (none
    holds a space), so ``bases_of`` finds no basis in either.
    """
    if not _BASIS_WORDS(label) and not (context and _BASIS_WORDS(context)):
        return None
    text = clean_label(label)
    if not text or names_gaap(label) or period_label(text):
        return None
    bases = bases_of(_without_footnotes(label))
    head = clean_label(context)
    own = None  # the label's own words (``_without_bases``), read where a basis is named
    if not bases and head and not names_gaap(context):
        head_bases = bases_of(_without_footnotes(context))
        if head_bases:
            own = _without_bases(text)
            if metric_of(own) is None and not _ADJUSTMENT.search(own):
                return _named(head_bases, _without_bases(head))  # a segment under "EBITDA:"
            if metric_of(own) is not None and metric_of(head) is None:
                bases = head_bases  # a ratio under "FTE basis data"
    if not bases:
        return None  # (most labels: their own words are not read)
    if own is None:
        own = _without_bases(text)
    if not own and head and not names_gaap(context):
        own = _without_bases(head)
    elif _PER_SHARE.search(head) and not _PER_SHARE.search(own):
        own = f"{own} per share"
    if not own or _ADJUSTMENT_LINE.search(own) or _ADJUSTMENT_LINE.search(text):
        return None
    return _named(bases, own)


def _without_footnotes(text: str) -> str:
    """``_FOOTNOTES.sub(" ", text)``, the text itself where it holds no "(" nor "*" (every
    mark's first character)."""
    return _FOOTNOTES.sub(" ", text) if "(" in text or "*" in text else text


@lru_cache(maxsize=_CACHE)
def _named(bases: tuple[MeasureBasis, ...], words: str) -> MeasureName | None:
    """The measure of ``bases`` over the metric ``words`` name (remembered: each segment
    row under a measure's head asks it of the head's bases and words).

    ``known`` only when the words are a known metric and no more ("Net income", not
    "Credit card sales volume", whose "sales" is no revenue).
    """
    expanded = _expanded(words)
    known = metric_of(expanded)
    if known is None and bases == (MeasureBasis.EXCLUDING,):
        return None  # "excluding ..." of no known metric: a GAAP line that says what it holds
    if known is not None and (known[0] in _SELF_NAMED or _covers(known[0], expanded)):
        metric, gaap = known
        exact = True
    else:
        metric, gaap = expanded.lower(), known[1] if known is not None else expanded.lower()
        exact = False
    if known is not None and known[0] in _SELF_NAMED:
        bases = tuple(dict.fromkeys((*bases, *bases_of(known[0]))))
    if _MARGIN.search(expanded) and "margin" not in metric:
        # "Adjusted EBITDA margin": a margin of the measure, over revenue, another measure
        metric, gaap = f"{metric} margin", f"{CONCEPT_METRICS.get(gaap, gaap)} margin"
    return MeasureName(bases, metric, gaap, exact)


def _covers(name: str, words: str) -> bool:
    """Whether the known metric ``name`` is all ``words`` say (no more distinctive word)."""
    return tokens(words) <= tokens(name) | {"income", "earnings", "profit", "sales", "revenues"}


def prose_measure(
    subject: str, before: str, after: str = "", *, sieved: bool = False
) -> MeasureName | None:
    """The measure a figure of the prose speaks of, from its subject and the words around it.

    ``subject`` is the metric as the sentence words it ("adjusted profit per share",
    "Underlying Net Income"); ``before`` the words of its sentence before the figure and
    ``after`` those after it, where the basis may stand apart ("Excluding the impact of
    these items, fourth quarter earnings were $180.4 million", "$5.34 on an Underlying
    basis", "up 8% in constant currency"). Only the words since the figure before it
    count (its own clause), unless they only join the two ("$162.3 million, or 22 cents").
    A figure is a measure's only when a known metric is named and a basis is named (or
    the metric is non-GAAP by its name: EBITDA, free cash flow, tangible book value).

    Most figures' words name no basis (``may_name_basis``; 1,732 of the corpus's 2,264
    claims): such a figure is no measure's, and its clause is not cut nor its metric
    looked for. The sieve only saves that work (every step after it answers None where it
    fails): a caller that has just sieved the words (``sieved``: ``claims_said``, the
    sentence of the figure or its subject) does not ask it again.
    """
    if not sieved and not may_name_basis(f"{subject}\n{before}\n{after}"):
        return None
    text = clean_label(subject)
    clause = own_clause(before)
    known = metric_of(text) or metric_of(_expanded(text)) or metric_of(_expanded(clause[-80:]))
    if known is None:
        return None
    said = _said_last(clause)
    if said is None and clause != before:  # (the whole of ``before`` answers as it did)
        said = _said_last(before)  # "Underlying net income of $569 million and EPS of $1.26"
    if said is False:
        return None  # "... and GAAP EPS was": the GAAP figure
    bases = bases_of(text) or (said if isinstance(said, tuple) else ())
    if not bases:  # the words after the figure read only where nothing before gave one
        tail = _AFTER.match(after)
        bases = bases_of(tail.group(0)) if tail else ()
    if not bases and known[0] not in _SELF_NAMED:
        return None
    return _named(bases or bases_of(known[0]), known[0])


# A figure as the prose prints it, to cut a sentence into the clauses of its figures:
# "$" and digits, or digits with a "%", "percent" or "cents" after them, the digits at a
# word's start. Its first character is read by a class ("$" or a digit), then asked which
# it was (a lookbehind), and the word's start asked after it (no word character before the
# digit): ``re`` scans for a pattern's first class and tries the pattern only where it
# finds one, where a lookahead or ``\b`` first made it try every character. The matches
# are those of ``\$\s?\d(?:[\d,.]*\d)?|\b\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|cents?\b)``.
_FIGURE = re.compile(
    r"[$\d](?:(?<=\$)\s?\d(?:[\d,.]*\d)?|(?<=\d)(?<!\w\d)[\d,]*(?:\.\d+)?\s*(?:%|percent\b|cents?\b))"
)
# Words that only join a figure to the one before it: "$162.3 million, or 22 cents".
_JOIN = re.compile(r"^\s*(?:million|billion|thousand)?\s*,?\s*(?:or|and)?\s*$", re.I)
# Words after a figure that give its basis: "on an adjusted basis", "excluding charges".
_AFTER = re.compile(
    r"[^,;.()]{0,40}?(?:\b(?:on|in)\s+(?:an?\s+)?(?:adjusted|underlying|non-?gaap|core|constant[\s-]+"
    r"currency|pro\s*forma|organic)\b[^,;.]*|\bexcluding\b[^,;.]*|\bbefore\s+(?:special|one-time)[^,;.]*)",
    re.I,
)
_GAAP_WORD = led(re.compile(r"(?<!non-)(?<!non)\bgaap\b|\bas\s+reported\b|\breported\b", re.I))


def own_clause(before: str) -> str:
    """The words before a figure since the figure before it (across a joining ", or")."""
    # The figures are found once: cut before a figure, the text holds the same figures
    # before it (a match ends in a digit, "%", or a word's end followed by none).
    cut = len(before)
    for m in reversed(list(_FIGURE.finditer(before))):
        if not _JOIN.match(before[m.end() : cut]):
            return before[m.end() : cut]
        cut = m.start()
    return before[:cut]


# Whether a text holds a word every basis's match holds (``sieve.needs``): most clauses
# before a figure name none, and the bases' pattern, an alternation of them all, is tried
# at most of their characters (38 us a clause). Blanking what is no measure
# (``_NOT_A_MEASURE``) makes no word: a text without them has none after it either.
_BASIS_WORDS = Sieve([(True, _ANY_BASIS)])


def may_name_basis(text: str) -> bool:
    """Whether ``text`` holds a word some basis needs (``_BASIS_WORDS``). A text that holds
    none names no basis, nor does any part of it, even with its footnote marks and runs of
    spaces cleaned (``clean_label``), and no metric non-GAAP by its name either (EBITDA,
    free cash flow, the tangible measures and pre-provision profit are bases' words, their
    acronyms too): no figure whose words all lie in it is a measure's (``prose_measure``)."""
    return bool(_BASIS_WORDS(text))


# Whether a text holds a word a GAAP word's match holds ("gaap", "reported"), and one a
# match of what is no measure holds: most clauses before a figure hold neither, and each
# pattern, searched, is tried at most of their characters.
_GAAP_WORDS = Sieve([(True, _GAAP_WORD)])
_NOT_A_MEASURE_WORDS = Sieve([(True, _NOT_A_MEASURE)])


# Each basis with the words its matches hold: a text is searched for the bases it holds a
# word of only (``_any_basis``), most texts one or two of the fourteen.
_EACH_BASIS_WORDS = Sieve([(basis, re.compile(pattern, re.I)) for basis, pattern in _BASES.items()])


@lru_cache(maxsize=1024)
def _bases_alternation(bases: tuple[MeasureBasis, ...]) -> re.Pattern[str]:
    """``_ANY_BASIS`` of these bases alone, in ``_BASES``'s order, ``_MANAGED`` kept.

    Led (``leads.led``) by the characters its branches lead by, each read once a process
    (``_basis_leading``): an alternation leads by their union where each branch leads, and
    is left as it is where one does not, as ``led`` would read it (reading the whole
    alternation again was most of the nongaap stage's first sight of a release)."""
    if not bases:
        return led(re.compile(_MANAGED, re.I))
    either = "|".join(f"(?:{_BASES[basis]})" for basis in bases)
    pattern = re.compile(r"(?<!\w)(?:" + either + ")|" + _MANAGED, re.I)
    first: frozenset[int] | None = _basis_leading(None)
    for basis in bases:
        chars = _basis_leading(basis)
        first = None if first is None or chars is None else first | chars
    return led_by(pattern, first)


# What each basis's pattern leads by (``leads.leading``), and ``_MANAGED``'s (key None):
# read when first asked, once a process (the vocabulary's, not a release's).
_LEADING: dict[MeasureBasis | None, frozenset[int] | None] = {}


def _basis_leading(basis: MeasureBasis | None) -> frozenset[int] | None:
    if basis not in _LEADING:
        text = _MANAGED if basis is None else _BASES[basis]
        _LEADING[basis] = leading(re.compile(text, re.I))
    return _LEADING[basis]


def _any_basis(text: str) -> re.Pattern[str]:
    """``_ANY_BASIS`` narrowed to the bases whose words ``text`` holds
    (``_EACH_BASIS_WORDS``): a basis none of whose words a text holds matches nowhere in
    it, so the alternation without it finds the same matches in ``text``, at the same
    places, and is tried at fewer of its characters (the lead of fewer letters)."""
    return _bases_alternation(tuple(basis for basis, _ in _EACH_BASIS_WORDS(text)))


@lru_cache(maxsize=_CACHE)
def _said_last(clause: str) -> tuple[MeasureBasis, ...] | bool | None:
    """The bases the clause names last; False when its last basis word is GAAP's.

    Remembered: the two figures of "$53 million, or $0.24 per share" share their clause
    (``own_clause`` reads across the joining ", or"), and ``prose_measure`` asks it of each.

    Where the clause holds no GAAP word (``_GAAP_WORDS``: most clauses), only whether it
    names a basis at all counts: its bases (``bases_of``) answer alone, as each basis's
    match begins a word (no word character before it) or is ``_MANAGED``, so the
    bases' alternation (``_any_basis``) finds a match wherever a basis does, and where it
    finds one and no basis does the answer is None either way. Elsewhere what is no
    measure is blanked only where the clause holds its words (``_NOT_A_MEASURE_WORDS``),
    and the bases are searched for only among those whose words the clause holds
    (``_EACH_BASIS_WORDS``, asked once, for the alternation and the bases both)."""
    passing = _EACH_BASIS_WORDS(clause)
    if not _GAAP_WORDS(clause):  # no GAAP word to fall after the last basis
        return _bases_among(clause, passing) or None
    if not passing:
        last_basis = -1
    else:
        blanked = _NOT_A_MEASURE.sub(" ", clause) if _NOT_A_MEASURE_WORDS(clause) else clause
        either = _bases_alternation(tuple(basis for basis, _ in passing))
        last_basis = max((m.end() for m in either.finditer(blanked)), default=-1)
    last_gaap = max((m.end() for m in _GAAP_WORD.finditer(clause)), default=-1)
    if last_gaap > last_basis:
        return False
    if last_basis < 0:
        return None
    return _bases_among(clause, passing) or None


def _expanded(text: str) -> str:
    """The text with its acronyms spelled out (``_ACRONYMS``).

    A text that holds none of the words the acronyms' matches hold (``_ACRONYM_WORDS``, read
    from the patterns themselves: "eps", "rotce"...) is answered by the sieve, where the
    acronyms' search tried the pattern at each of their letters e, p, r, t."""
    if not _ACRONYM_WORDS(text):
        return text
    if not _ANY_ACRONYM.search(text):
        return text  # one search where no acronym is printed, not one per acronym
    for pattern, full in _ACRONYMS:
        text = pattern.sub(full, text)
    return text


@lru_cache(maxsize=_CACHE)
def tokens(text: str) -> frozenset[str]:
    """The distinctive words of a name, for finding it in a reconciliation's labels."""
    words = _TOKEN.findall(_expanded(text).lower().replace("’", "'"))
    out = set()
    for word in words:
        word = {"earnings": "income", "profit": "income", "revenues": "revenue"}.get(word, word)
        if word not in _STOP and not word.isdigit():
            out.add(word)
    return frozenset(out)


# A table's title that says it lists the adjustments, the items between the two
# measures, not measures: "Summary of Certain Significant Items", "Notable items".
adjustments_table = Words(
    r"\b(?:significant|special|notable|unusual|one-time|nonrecurring)\s+items\b"
)


def names_non_gaap(text: str) -> bool:
    """Whether the text names any non-GAAP basis (``basis.NON_GAAP`` or a measure's word)."""
    return bool(_ANY_BASIS.search(text)) or bool(re.search(NON_GAAP, text, re.I))
