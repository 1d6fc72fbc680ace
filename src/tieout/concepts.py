"""Row labels to canonical concepts: `Net sales`, `Total net sales` and `Revenues` are Revenue.

A concept is what a figure means regardless of how a company words it. Labels that
qualify a measure away from its GAAP meaning ("excluding", "adjusted", "pro forma",
"non-GAAP") get no concept, so they are never compared with the GAAP figure.
"""

from __future__ import annotations

import re

_QUALIFIED = re.compile(
    r"\bexcluding\b|\bexclusive\b|\badjusted\b|\bpro\s*forma\b|\bnon-?gaap\b|\bbefore\s+(?:special|one-time|unusual|restructuring|cumulative)|\bcontinuing\b|\bdiscontinued\b|\bper\s+share\b|\bmargin\s+rate\b|%|\bpercent",
    re.I,
)

# Order matters: the first pattern that matches names the concept.
_CONCEPTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "EBITDA",
            r"^(?:total\s+|consolidated\s+)?ebitda$|^earnings\s+\(loss\)\s+before\s+interest,?\s+taxes,?\s+depreciation,?\s+(?:and\s+)?amortization(?:\s+\(ebitda\))?$",
        ),
        (
            "DepreciationAmortization",
            r"^(?:total\s+|consolidated\s+)?depreciation\s+and\s+amortization(?:\s+expense)?$",
        ),
        (
            "Revenue",
            r"^(?:total\s+)?(?:net\s+)?(?:sales|revenues?|operating\s+revenues?|net\s+sales\s+and\s+(?:operating\s+)?revenues?|sales\s+and\s+(?:operating\s+)?revenues?)$",
        ),
        (
            "CostOfSales",
            r"^(?:total\s+)?cost\s+of\s+(?:goods\s+sold|sales|revenues?|products\s+sold)$",
        ),
        ("GrossProfit", r"^(?:total\s+)?gross\s+(?:profit|margin)(?:\s+\(loss\))?$"),
        (
            "SellingAdministrative",
            r"^selling(?:,)?\s+(?:general\s+)?and\s+administrative(?:\s+expenses?)?$|^selling,\s+general\s+and\s+administrative(?:\s+expenses?)?$",
        ),
        ("OperatingExpenses", r"^total\s+operating\s+expenses$|^total\s+costs\s+and\s+expenses$"),
        (
            "OperatingIncome",
            r"^(?:total\s+)?(?:income|earnings|profit)(?:\s+\(loss\))?\s+from\s+operations$|^(?:loss|\(loss\)\s+income)\s+from\s+operations$|^operating\s+(?:income|profit|earnings)(?:\s*/?\s*\(loss\))?$|^operating\s+loss$",
        ),
        ("InterestExpense", r"^interest\s+expense(?:,\s+net)?$|^interest,\s+net$"),
        (
            "PretaxIncome",
            r"^(?:income|earnings|loss|\(loss\)\s+income|income\s+\(loss\))\s+before\s+(?:provision\s+for\s+)?income\s+taxes$",
        ),
        (
            "IncomeTax",
            r"^(?:provision\s+for\s+|\(provision\)\s+benefit\s+for\s+)?income\s+tax(?:es)?(?:\s+(?:provision|expense|\(benefit\)|expense\s+\(benefit\)))?$|^income\s+tax\s+provision$",
        ),
        (
            "NetIncome",
            r"^net\s+(?:income|earnings|loss|\(loss\)\s+income|income\s*/?\s*\(loss\)|\(loss\)\s*/?\s*income|earnings\s+\(loss\))$",
        ),
        (
            "NetIncomeToCommon",
            r"^net\s+(?:income|earnings|loss|income\s+\(loss\))\s+(?:available|attributable|applicable)\s+to\s+common(?:\s+(?:stock|share)holders|\s+stock|\s+shares)?$",
        ),
        (
            "WeightedShares",
            r"^(?:basic\s+and\s+diluted\s+)?weighted\s+average\s+(?:number\s+of\s+)?(?:common\s+)?shares(?:\s+outstanding)?$",
        ),
        (
            "OperatingCashFlow",
            r"^net\s+cash\s+(?:provided\s+by|from|provided\s+by\s+\(used\s+in\))\s+operating\s+activities$|^cash\s+(?:generated|provided)\s+by\s+operating\s+activities$",
        ),
        ("CapitalExpenditures", r"^(?:total\s+)?capital\s+expenditures$"),
        ("TotalAssets", r"^total\s+assets$"),
        (
            "LiabilitiesAndEquity",
            r"^total\s+liabilities,?\s+(?:[a-z' ]+?,?\s+)?and\s+(?:(?:share|stock)holders['’]?\s+|owners['’]?\s+|common\s+)?(?:\((?:deficit|deficiency)\)\s+)?(?:equity|investment|deficit)(?:\s+\((?:deficit|deficiency)\))?$",
        ),
    )
)


def normalise(label: str) -> str:
    """A label without spacing, colons, footnote marks, "(See Notes)" and "as reported".

    "Net Income - As Reported (See Note)" is the GAAP net income: the qualifier says
    which of two printed figures is the GAAP one, not that it means something else.
    """
    text = re.sub(r"\s+", " ", label.strip())
    for _ in range(3):
        text = re.sub(
            r"\s*\((?:[a-z]|\d)\)\s*$|\*+$|\s*\(see notes?\)\s*$|\s*\(notes?\)\s*$",
            "",
            text,
            flags=re.I,
        )
        text = re.sub(r"[\s,:-]*\bas reported\b[\s:-]*$", "", text, flags=re.I)
        text = text.strip(" :-")
    return text.lower()


def concept_of(label: str) -> str | None:
    """The canonical concept a row label names, or None."""
    text = normalise(label)
    if not text or _QUALIFIED.search(text):
        return None
    for name, pattern in _CONCEPTS:
        if pattern.search(text):
            return name
    return None
