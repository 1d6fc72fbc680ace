"""Unit words: what a row label says its figures count, besides money.

A row counts shares ("Weighted average shares outstanding"), percents ("Gross margin %",
"Percent change"), a rate ("Return on average equity", "Efficiency ratio", "Net interest
margin", "Allowance for credit losses to loans"), or a pure number (stores, employees,
days, an exchange rate). Each question the table assembler asks is one predicate here;
the figures printed (`%`, `$`, their size) have the last word there.
"""

from __future__ import annotations

from tieout.vocabulary.per_share import PER_SHARE
from tieout.vocabulary.words import Words

__all__ = [
    "PER_SHARE",
    "counted",
    "except_shares",
    "percent_label",
    "physical_quantity",
    "pure_label",
    "quantity_scale",
    "rate_measure",
    "share_count",
    "share_head",
]

# A row of share counts: "Weighted average shares outstanding", "Diluted shares"; not a
# dollar line that mentions shares ("Common shares" in equity, "Impact of additional
# shares" in an EPS bridge).
share_count = Words(
    r"weighted[\s-]+average|shares\s+outstanding|number\s+of\s+(?:common\s+)?shares"
    r"|average\s+(?:common\s+)?(?:equivalent\s+)?shares|shares\s+used|(?:diluted|basic)\s+shares"
)
# A row of percents by its label: "% of sales", "Gross margin percentage", "Percent
# change"; not "Zero-percent financing costs", which is an amount.
percent_label = Words(
    r"%|(?<![-\w])percent(?:age)?\b(?!\s+(?:financing|notes?|debentures?|bonds?|senior))"
    r"|\bmargin\s+rate\b|\bas\s+a\s+percent"
)
# A row of counts or plain numbers, no amount: stores, employees, days, an exchange rate
# (not "the effect of exchange rate changes on cash", an amount), a ratio.
pure_label = Words(
    r"\bexchange\s+rates?\b(?!\s+(?:changes?|fluctuations?|movements?|effects?))|\bstores?\b"
    r"|\bemployees\b|\bheadcount\b|\bdays\b|\bratio\b|\bnumber\s+of\s+(?!shares)"
    r"|\bmultiple\b(?!-)"
)
# A row of a rate: a return, ratio, yield, spread, margin other than gross margin (an
# amount), one balance to another ("Allowance for credit losses to nonaccrual loans");
# not "interest rate products", "margin loans" or an exchange rate, which are amounts or
# plain numbers.
rate_measure = Words(
    r"\breturn\s+on\b|\bro(?:a|e|tc?e|aa|tce)\b|\byields?\b|\bspread\b"
    r"|(?<!exchange\s)\brat(?:e|io)\b(?!\s+(?:changes?|products?|contracts?|swaps?|derivatives?"
    r"|locks?|commitments?|caps?|floors?|hedg\w*|risk|sensitiv\w*))"
    r"|(?<!gross\s)\bmargin\b(?!\s+(?:loans?|lending|accounts?|debt|deposits?|requirements?|calls?))"
    r"|\b(?:allowance|reserves?|loans|deposits|equity|capital|assets|debt|charge-offs|nonaccrual"
    r"|nonperforming|liabilities)\b[^$%]*?\bto\s+(?:(?:total|average|period-end|tangible"
    r"|risk-weighted|nonaccrual|nonperforming|net)\s+)*(?:loans|leases|deposits|assets|equity"
    r"|capital)\b"
)
# A section head over share counts: "Shares used in computing earnings per share:".
share_head = Words(
    r"^(?:shares\b|weighted[\s-]+average\b|average\s+(?:common\s+)?shares"
    r"|number\s+of\s+(?:common\s+)?shares)"
)
# A title over counts of things: "Domestic Retail Stores:", employees, locations, customers.
counted = Words(r"\bstores?\b|\bemployees\b|\bheadcount\b|\blocations\b|\bcustomers\b")
# A scale of physical quantities, not money: "(In Millions of KWHs)"; not "(In millions,
# except number of shares)".
quantity_scale = Words(
    r"\b(?:thousands|millions|billions)\s+of\s+(?!dollars|u\.?s\.?\s+dollars|usd)[a-z]+"
)
# Words of a physical quantity: a table of kilowatt-hours, barrels, tons, square feet or
# ounces, whose figures a money or per-share figure of the prose never states.
physical_quantity = Words(
    r"kilowatt|\b[kmgt]wh\b|\bmegawatt|\bbarrels?\b|\bbbls?\b|\bboe\b|\bmcf\b|\btons\b"
    r"|\btonnes\b|\bsquare\s+(?:feet|foot|meters)\b|\bounces\b"
)
# A scale that leaves share counts unscaled: "(in thousands, except shares)".
except_shares = Words(
    r"except\s+(?:for\s+)?(?:number\s+of\s+)?shares?\b(?!\s+(?:amounts|data))|except\s+share\s+and"
)
