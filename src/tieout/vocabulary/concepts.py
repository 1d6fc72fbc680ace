"""Concepts: what a figure means regardless of how a company words it, in one table.

`Net sales`, `Total net sales` and `Revenues` are all `Concept.Revenue`. Each concept has
one row of ``CONCEPTS``: the pattern its table labels match, the phrases the prose names
it by (with the sign a loss wording gives), whether its sign means something (income-like)
and whether a table prints it as a subtotal of the rows above it. Labels that qualify a
measure away from its GAAP meaning ("excluding", "adjusted", "pro forma", "non-GAAP") or
name another measure ("continuing operations", "per share", "%") get no concept, so they
are never compared with the GAAP figure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from tieout.vocabulary.basis import NON_GAAP, without_gaap_prefix
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.spacing import one_spaced
from tieout.vocabulary.words import Words


class Concept(StrEnum):
    """A canonical concept. The value is the name JSON, CSV and the store carry."""

    Revenue = "Revenue"
    CostOfSales = "CostOfSales"
    GrossProfit = "GrossProfit"
    SellingAdministrative = "SellingAdministrative"
    OperatingExpenses = "OperatingExpenses"
    OperatingIncome = "OperatingIncome"
    InterestExpense = "InterestExpense"
    PretaxIncome = "PretaxIncome"
    IncomeTax = "IncomeTax"
    NetIncome = "NetIncome"
    NetIncomeToCommon = "NetIncomeToCommon"
    WeightedShares = "WeightedShares"
    OperatingCashFlow = "OperatingCashFlow"
    CapitalExpenditures = "CapitalExpenditures"
    TotalAssets = "TotalAssets"
    LiabilitiesAndEquity = "LiabilitiesAndEquity"
    DepreciationAmortization = "DepreciationAmortization"
    EBITDA = "EBITDA"
    EarningsPerShare = "EarningsPerShare"


@dataclass(frozen=True, slots=True)
class ConceptWords:
    """The words of one concept: how tables label it and how the prose names it.

    ``label`` is matched in full against a normalised label (``normalise``); at most one
    concept's label pattern matches any label, so their order does not matter.
    ``phrases`` and ``loss_phrases`` are found anywhere in a sentence; a loss wording
    states a negative figure ("net loss of $156,000" states -156,000).
    """

    concept: Concept
    label: str | None = None
    phrases: str | None = None
    loss_phrases: str | None = None
    signed: bool = False  # income-like: a loss is negative, its sign means something
    subtotal: bool = False  # printed as a subtotal of the rows above it


# In the order the prose phrases are tried: where two phrases cover the same words, the
# first names the concept (tieout.prose.subjects).
CONCEPTS: tuple[ConceptWords, ...] = (
    ConceptWords(
        Concept.EBITDA,
        label=r"^(?:total\s+|consolidated\s+)?ebitda$|^earnings\s+\(loss\)\s+before\s+interest,?\s+taxes,?\s+depreciation,?\s+(?:and\s+)?amortization(?:\s+\(ebitda\))?$",
        phrases=r"(?:adjusted\s+)?earnings\s+(?:\(loss\)\s+)?before\s+interest,?\s+(?:income\s+)?taxes,?\s+depreciation,?\s+(?:and\s+)?amortization(?:\s*\(\s*(?:adjusted\s+)?ebitda\s*\))?|(?:adjusted\s+)?\bebitda\b",
        signed=True,
        subtotal=True,
    ),
    ConceptWords(
        Concept.OperatingCashFlow,
        label=r"^net\s+cash\s+(?:provided\s+by|from|provided\s+by\s+\(used\s+in\))\s+operating\s+activities$|^(?:net\s+)?cash\s+(?:generated|provided)\s+(?:by|from)\s+operating\s+activities$",
        phrases=r"(?:net\s+)?cash\s+(?:flows?\s+)?(?:provided\s+by|from|generated\s+(?:by|from))\s+(?:operating\s+activities|operations)|operating\s+cash\s+flows?",
        signed=True,
    ),
    ConceptWords(
        Concept.OperatingIncome,
        label=r"^(?:total\s+)?(?:income|earnings|profit)(?:\s+\(loss\))?\s+from\s+operations$|^(?:loss|\(loss\)\s+income)\s+from\s+operations$|^operating\s+(?:income|profit|earnings)(?:\s*/?\s*\(loss\))?$|^operating\s+loss$",
        phrases=r"(?:income|earnings|profit)\s+from\s+operations|operating\s+(?:income|profit|earnings)(?:\s+\(loss\))?",
        loss_phrases=r"(?:loss|losses)\s+from\s+operations|operating\s+loss(?:es)?",
        signed=True,
        subtotal=True,
    ),
    ConceptWords(
        Concept.PretaxIncome,
        label=r"^(?:income|earnings|loss|\(loss\)\s+income|income\s+\(loss\))\s+before\s+(?:provision\s+for\s+)?income\s+taxes$",
        phrases=r"(?:income|earnings)\s+before\s+(?:provision\s+for\s+)?income\s+taxes|pre-?tax\s+(?:income|earnings)",
        loss_phrases=r"loss\s+before\s+(?:provision\s+for\s+)?income\s+taxes|pre-?tax\s+loss",
        signed=True,
        subtotal=True,
    ),
    ConceptWords(
        Concept.EarningsPerShare,  # a per-share row's concept comes from its unit and words
        phrases=r"(?:diluted\s+|basic\s+)?(?:net\s+)?(?:earnings|income|profit)\s+per\s+(?:diluted\s+|basic\s+)?(?:common\s+)?share|\beps\b",
        loss_phrases=r"(?:diluted\s+|basic\s+)?(?:net\s+)?loss\s+per\s+(?:diluted\s+|basic\s+)?(?:common\s+)?share",
        signed=True,
    ),
    ConceptWords(
        Concept.NetIncome,
        label=r"^net\s+(?:income|earnings|loss|\(loss\)\s+income|income\s*/?\s*\(loss\)|\(loss\)\s*/?\s*income|earnings\s+\(loss\))$"
        r"|^profit(?:\s+\(loss\))?$",  # "Profit": net income in some industries' words
        phrases=r"net\s+(?:quarterly\s+|annual\s+)?(?:income|earnings|profit)(?:\s+\(loss\))?|\bearnings\b",
        loss_phrases=r"net\s+loss(?:es)?",
        signed=True,
        subtotal=True,
    ),
    ConceptWords(
        Concept.GrossProfit,
        label=r"^(?:total\s+)?gross\s+(?:profit|margin)(?:\s+\(loss\))?$",
        phrases=r"gross\s+(?:profit|margin)",
        signed=True,
        subtotal=True,
    ),
    ConceptWords(
        Concept.CostOfSales,
        label=r"^(?:total\s+)?cost\s+of\s+(?:goods\s+sold|sales|revenues?|products\s+sold)$",
        phrases=r"cost\s+of\s+(?:goods\s+sold|sales|revenues?|products\s+sold)",
    ),
    ConceptWords(
        Concept.SellingAdministrative,
        label=r"^selling(?:,)?\s+(?:general\s+)?and\s+administrative(?:\s+expenses?)?$|^selling,\s+general\s+and\s+administrative(?:\s+expenses?)?$",
        phrases=r"selling,?\s+general\s+and\s+administrative(?:\s+expenses?)?|selling\s+and\s+administrative(?:\s+expenses?)?|\bsg&a\b",
    ),
    ConceptWords(
        Concept.OperatingExpenses,
        label=r"^total\s+operating\s+expenses$|^total\s+costs\s+and\s+expenses$",
        phrases=r"(?:total\s+)?operating\s+expenses|(?:total\s+)?costs\s+and\s+expenses",
        subtotal=True,
    ),
    ConceptWords(
        Concept.InterestExpense,
        label=r"^interest\s+expense(?:,\s+net)?$|^interest,\s+net$",
        phrases=r"interest\s+expense",
    ),
    ConceptWords(
        Concept.IncomeTax,
        label=r"^(?:provision\s+for\s+|\(provision\)\s+benefit\s+for\s+)?income\s+tax(?:es)?(?:\s+(?:provision|expense|\(benefit\)|expense\s+\(benefit\)))?$|^income\s+tax\s+provision$",
        phrases=r"(?:provision\s+for\s+)?income\s+tax(?:es)?(?:\s+(?:expense|provision))?|tax\s+provision",
    ),
    ConceptWords(
        Concept.DepreciationAmortization,
        label=r"^(?:total\s+|consolidated\s+)?depreciation\s+and\s+amortization(?:\s+expense)?$",
        phrases=r"depreciation\s+and\s+amortization",
    ),
    ConceptWords(
        Concept.CapitalExpenditures,
        label=r"^(?:total\s+)?capital\s+expenditures$",
        phrases=r"capital\s+expenditures",
    ),
    ConceptWords(
        Concept.Revenue,
        label=r"^(?:total\s+)?(?:net\s+)?(?:sales|revenues?|operating\s+revenues?|net\s+sales\s+and\s+(?:operating\s+)?revenues?|sales\s+and\s+(?:operating\s+)?revenues?)$",
        phrases=r"(?:net\s+|total\s+|operating\s+|consolidated\s+)?(?:sales|revenues?)",
    ),
    ConceptWords(
        Concept.NetIncomeToCommon,
        label=r"^net\s+(?:income|earnings|loss|income\s+\(loss\))\s+(?:available|attributable|applicable)\s+to\s+common(?:\s+(?:stock|share)holders|\s+stock|\s+shares)?$",
    ),
    ConceptWords(
        Concept.WeightedShares,
        label=r"^(?:basic\s+and\s+diluted\s+)?weighted\s+average\s+(?:number\s+of\s+)?(?:common\s+)?shares(?:\s+outstanding)?$",
    ),
    ConceptWords(Concept.TotalAssets, label=r"^total\s+assets$"),
    ConceptWords(
        Concept.LiabilitiesAndEquity,
        label=r"^total\s+liabilities,?\s+(?:[a-z' ]+?,?\s+)?and\s+(?:(?:share|stock)holders['’]?\s+|owners['’]?\s+|common\s+)?(?:\((?:deficit|deficiency)\)\s+)?(?:equity|investment|deficit)(?:\s+\((?:deficit|deficiency)\))?$",
    ),
)

SIGNED_CONCEPTS = frozenset(c.concept for c in CONCEPTS if c.signed)
SUBTOTAL_CONCEPTS = frozenset(c.concept for c in CONCEPTS if c.subtotal)
# The prose's phrases, in table order, each matched as whole words.
PROSE_PHRASES: tuple[tuple[Concept, int, re.Pattern[str]], ...] = tuple(
    (c.concept, sign, re.compile(r"\b(?:" + pattern + r")(?!\w)", re.I))
    for c in CONCEPTS
    for sign, pattern in ((1, c.phrases), (-1, c.loss_phrases))
    if pattern is not None
)
_LABELS = tuple((c.concept, re.compile(c.label, re.I)) for c in CONCEPTS if c.label)
# Labels of another measure than the concept's: a part of it, per share, a rate.
_OTHER_MEASURE = (
    r"\bcontinuing\b|\bdiscontinued\b|\bbefore\s+cumulative\b|\bper\s+share\b"
    r"|\bmargin\s+rate\b|%|\bpercent"
)
_QUALIFIED = re.compile(NON_GAAP + "|" + _OTHER_MEASURE, re.I)
# Labels worded as a loss ("Net loss", "Loss from operations") and those that also name
# the gain ("Net income (loss)", "Income / loss"), whose print carries the sign.
_LOSS_LABEL = re.compile(
    r"^(?:net\s+)?loss(?:es)?\b|\bloss\s+(?:from|before)\b|operating\s+loss", re.I
)
_GAIN_WORDS = re.compile(r"\bincome\b|\bearnings\b|\bprofit\b|\(loss\)|/\s*\(?loss", re.I)
# Labels of income-like figures of no known concept, whose sign also means something.
_SIGNED_LABEL = re.compile(r"income|earnings|profit|loss|ebitda|cash\s+(?:flow|provided)", re.I)


_FOOTNOTE_MARK = re.compile(
    r"\s*\((?:[a-z]|\d)\)\s*$|\*+$|\s*\(see notes?\)\s*$|\s*\(notes?\)\s*$"
    r"|(?<=[a-z])\s+\d$",  # a footnote digit printed bare: "Profit 1"
    re.I,
)
_AS_REPORTED = re.compile(r"[\s,:-]*\bas reported\b[\s:-]*$", re.I)
# ``_FOOTNOTE_MARK`` led by the characters its matches begin with (a space, "(" or "*":
# each branch's first, none of them empty), which ``leads.led`` does not read from it (a
# ``\s*`` first): the same matches, the other characters passed at once, where each was
# tried with every branch (a label ending in ")", "*" or a digit, 2.8 us of its 9)
_FOOTNOTE_MARK_LED = re.compile(r"(?=[\s(*])(?:" + _FOOTNOTE_MARK.pattern + ")", re.I)


# Whether a text holds the words "as reported" needs, those a qualifier needs, those each
# concept's label needs (``sieve.needs``): most labels hold none of the first two and the
# words of one concept or none, where each pattern was tried at every character of them.
_AS_REPORTED_WORDS = Sieve([(True, _AS_REPORTED)])
# (and whether a label holds "loss" or "operating", which a loss's wording needs: asked of
# every new label by the sign of its figures, most naming no loss)
_LOSS_WORDS = Sieve([(True, _LOSS_LABEL)])
# (``concept_of`` asks both at once: the qualifiers, standing for no concept, then the
# labels, each anchored at the start in every branch, in one sieve of each new label)
_CONCEPT_WORDS: Sieve[Concept | None] = Sieve([(None, _QUALIFIED), *_LABELS])


@functools.lru_cache(maxsize=8192)
def normalise(label: str) -> str:
    """A label without spacing, colons, footnote marks, "(See Notes)" and its GAAP basis.

    "Net Income - As Reported (See Note)" and "GAAP Net Income" are the GAAP net income:
    the qualifier says which of two printed figures is the GAAP one, not that it means
    something else.

    Each of the three rounds is asked only of what the round before changed (one that
    changes nothing leaves the rest nothing to do), and each pattern only of a text that
    may hold a match of it (most labels hold no mark, no "as reported", no "GAAP"): a
    mark only where the text ends (but for spaces) with ")", "*" or a digit, as each of
    its matches does (tested here, where a function of its own was called per round)."""
    text = one_spaced(label.strip())
    for _ in range(3):
        before = text
        last = text.rstrip()[-1:]
        if last in (")", "*") or last.isdigit():
            text = _FOOTNOTE_MARK_LED.sub("", text)
        if _AS_REPORTED_WORDS(text):
            text = _AS_REPORTED.sub("", text)
        if text.lstrip()[:4].lower() == "gaap":  # what ``without_gaap_prefix`` takes out
            text = without_gaap_prefix(text)
        text = text.strip(" :-")
        if text == before:
            break
    return text.lower()


@functools.lru_cache(maxsize=8192)
def concept_of(label: str) -> Concept | None:
    """The canonical concept a table's row label names, or None.

    The qualifiers and the concepts' label patterns are asked only where the label holds
    the words they need (``_CONCEPT_WORDS``: one sieve of both, the qualifiers first, where
    two sieves folded and read each new label twice); a label pattern, anchored at the
    start in every branch, is matched there, its only place. The label is normalised only
    where a concept's pattern passes, the qualifiers searched only in a label one of them
    matches (most labels sieved match none).

    The label is sieved before it is normalised: ``normalise`` takes text off its ends and
    makes runs of spaces one, so the normalised label, folded, holds no word the label
    folded does not (the sieve's words hold no space); a label passing no pattern names
    no concept, whatever its normal form. A pattern passed that the normal form would
    not pass finds nothing in it (its words are missing), as the sieve's own answer."""
    found = _CONCEPT_WORDS(label)  # those the normalised label passes, and perhaps more
    # the label patterns first, each anchored (a match at one place), the qualifiers
    # (``found``'s first entry, None, where passed: searched at every place) only of a
    # label one of them matches: a qualified label names no concept, nor does a label no
    # pattern matches, so a qualifier asked of the latter changed no answer
    qualified = None
    text = ""
    for concept, pattern in found:
        if concept is None:
            qualified = pattern
            continue
        if not text:  # normalised at the first concept passed, where there is one
            text = normalise(label)
            if not text:
                return None
        if pattern.match(text):
            return concept if qualified is None or not qualified.search(text) else None
    return None


def loss_label(label: str) -> bool:
    """Whether a label words its figure as a loss: "Net loss" printed 156 means -156."""
    return bool(_LOSS_WORDS(label)) and bool(_LOSS_LABEL.search(label)) and _no_gain(label)


def _no_gain(label: str) -> bool:
    """Whether a label naming a loss names no gain beside it ("Net income (loss)" does)."""
    return not _GAIN_WORDS.search(label.lower().replace("loss", "", 1))


# Whether a label names an income-like figure, whose sign means something: a question
# (``words.Words``), searched only where the label holds one of its words (asked of every
# new label, whose search tried the alternation at each of its characters).
signed_label = Words(_SIGNED_LABEL.pattern)


# (``sign_wording`` asks both at once: a label with no sign word, most, sieved once)
_SIGN_WORDS = Sieve([(False, _SIGNED_LABEL), (True, _LOSS_LABEL)])


def sign_wording(label: str) -> tuple[bool, bool]:
    """``(signed_label(label), loss_label(label))``: the label sieved once for the words of
    both (``_SIGN_WORDS``), where each sieved it itself (asked of every new row label)."""
    signed = loss = False
    for is_loss, pattern in _SIGN_WORDS(label):  # each led, as sieved
        if not is_loss:
            signed = pattern.search(label) is not None
        elif pattern.search(label) is not None:
            loss = _no_gain(label)
    return signed, loss
