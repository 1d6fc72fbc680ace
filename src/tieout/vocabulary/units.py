"""Unit words: what a row label says its figures count, besides money.

A row counts shares ("Weighted average shares outstanding"), percents ("Gross margin %",
"Percent change"), a rate ("Return on average equity", "Efficiency ratio", "Net interest
margin", "Allowance for credit losses to loans"), or a pure number (stores, employees,
days, an exchange rate). Each question the table assembler asks is one predicate here;
the figures printed (`%`, `$`, their size) have the last word there.
"""

from __future__ import annotations

import re

from tieout.vocabulary.per_share import PER_SHARE

__all__ = [
    "PER_SHARE",
    "counted",
    "except_shares",
    "percent_label",
    "pure_label",
    "quantity_scale",
    "rate_measure",
    "share_count",
    "share_head",
]

# share counts, not dollar lines that mention shares ("Common shares" in equity, "Impact of
# additional shares" in an EPS bridge)
_SHARES = re.compile(
    r"weighted[\s-]+average|shares\s+outstanding|number\s+of\s+(?:common\s+)?shares"
    r"|average\s+(?:common\s+)?(?:equivalent\s+)?shares|shares\s+used|(?:diluted|basic)\s+shares",
    re.I,
)
# a row of percents: "% of sales", "Gross margin percentage", "Percent change"; not
# "Zero-percent financing costs", which is an amount
_PERCENT = re.compile(
    r"%|(?<![-\w])percent(?:age)?\b(?!\s+(?:financing|notes?|debentures?|bonds?|senior))"
    r"|\bmargin\s+rate\b|\bas\s+a\s+percent",
    re.I,
)
# counts and rates that are no amount: stores, employees, days, an exchange rate (not "the
# effect of exchange rate changes on cash", an amount), a ratio
_PURE = re.compile(
    r"\bexchange\s+rates?\b(?!\s+(?:changes?|fluctuations?|movements?|effects?))|\bstores?\b"
    r"|\bemployees\b|\bheadcount\b|\bdays\b|\bratio\b|\bnumber\s+of\s+(?!shares)"
    r"|\bmultiple\b(?!-)",
    re.I,
)
# a measure stated as a rate: returns, ratios, yields, spreads, margins other than gross
# margin (an amount), one balance to another; not "interest rate products", "margin loans"
# or an exchange rate, which are amounts or plain numbers
_RATE = re.compile(
    r"\breturn\s+on\b|\bro(?:a|e|tc?e|aa|tce)\b|\byields?\b|\bspread\b"
    r"|(?<!exchange\s)\brat(?:e|io)\b(?!\s+(?:changes?|products?|contracts?|swaps?|derivatives?"
    r"|locks?|commitments?|caps?|floors?|hedg\w*|risk|sensitiv\w*))"
    r"|(?<!gross\s)\bmargin\b(?!\s+(?:loans?|lending|accounts?|debt|deposits?|requirements?|calls?))"
    r"|\b(?:allowance|reserves?|loans|deposits|equity|capital|assets|debt|charge-offs|nonaccrual"
    r"|nonperforming|liabilities)\b[^$%]*?\bto\s+(?:(?:total|average|period-end|tangible"
    r"|risk-weighted|nonaccrual|nonperforming|net)\s+)*(?:loans|leases|deposits|assets|equity"
    r"|capital)\b",
    re.I,
)
# a section head over share counts: "Shares used in computing earnings per share:"
_SHARE_HEAD = re.compile(
    r"^(?:shares\b|weighted[\s-]+average\b|average\s+(?:common\s+)?shares"
    r"|number\s+of\s+(?:common\s+)?shares)",
    re.I,
)
# a title over counts of things: "Domestic Retail Stores:"
_COUNTED = re.compile(r"\bstores?\b|\bemployees\b|\bheadcount\b|\blocations\b|\bcustomers\b", re.I)
# a scale of physical quantities, not money: "(In Millions of KWHs)"; not "(In millions,
# except number of shares)"
_QUANTITY = re.compile(
    r"\b(?:thousands|millions|billions)\s+of\s+(?!dollars|u\.?s\.?\s+dollars|usd)[a-z]+", re.I
)
# a scale that leaves share counts unscaled: "(in thousands, except shares)"
_EXCEPT_SHARES = re.compile(
    r"except\s+(?:for\s+)?(?:number\s+of\s+)?shares?\b(?!\s+(?:amounts|data))|except\s+share\s+and",
    re.I,
)


def share_count(label: str) -> bool:
    """A row of share counts: "Weighted average shares outstanding", "Diluted shares"."""
    return bool(_SHARES.search(label))


def percent_label(label: str) -> bool:
    """A row of percents by its label: "% of sales", "Percent change"."""
    return bool(_PERCENT.search(label))


def pure_label(label: str) -> bool:
    """A row of counts or plain numbers: stores, employees, days, an exchange rate, a ratio."""
    return bool(_PURE.search(label))


def rate_measure(label: str) -> bool:
    """A row of a rate: a return, ratio, yield, spread, margin (not gross margin), or one
    balance to another ("Allowance for credit losses to nonaccrual loans")."""
    return bool(_RATE.search(label))


def share_head(section: str) -> bool:
    """A section head over share counts: "Shares used in computing earnings per share"."""
    return bool(_SHARE_HEAD.match(section))


def counted(title: str) -> bool:
    """A title over counts of things: stores, employees, locations, customers."""
    return bool(_COUNTED.search(title))


def quantity_scale(scale_text: str) -> bool:
    """A scale of physical quantities, not money: "(In Millions of KWHs)"."""
    return bool(_QUANTITY.search(scale_text))


def except_shares(scale_text: str) -> bool:
    """A scale that leaves share counts unscaled: "(in thousands, except shares)"."""
    return bool(_EXCEPT_SHARES.search(scale_text))
