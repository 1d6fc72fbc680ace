"""What a user names on the command line, read: a company, a filing or a fiscal quarter.

AAPL                        a ticker: the company's filings (filtered by options)
320193, 0000320193          a CIK: the same
0000320193-24-000005        an accession number (18 digits with or without dashes):
                            that filing, under the CIK it begins with
AAPL:0001193125-14-242424   that filing of that company (an accession filed by an
                            agent begins with the agent's CIK, not the company's)
AAPL:2024Q1                 the earnings 8-K of that fiscal quarter
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tieout.edgar.errors import EdgarError
from tieout.edgar.tickers import as_cik, is_ticker, normalise

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")


@dataclass(frozen=True, slots=True)
class Target:
    """A company (ticker or CIK), maybe one filing of it, or one fiscal quarter of it."""

    text: str
    ticker: str | None = None
    cik: str | None = None
    accession: str | None = None
    year: int | None = None
    quarter: int | None = None


def accession(text: str) -> str | None:
    """An accession number with its dashes (``0000320193-24-000005``), or None."""
    m = _ACCESSION.match(text.strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _company(text: str, whole: str) -> tuple[str | None, str | None]:
    """(ticker, cik) of a company named by a ticker or a CIK."""
    cik = as_cik(text)
    if cik is not None:
        return None, cik
    if is_ticker(text):
        return normalise(text), None
    raise EdgarError(f"{whole}: not a ticker, a CIK or an accession number")


def parse_target(text: str) -> Target:
    """A target read from ``text`` (see the module docstring), or a one-line error."""
    whole = text.strip()
    if not whole:
        raise EdgarError("an empty name: give a ticker, a CIK or an accession number")
    acc = accession(whole)
    if acc is not None:
        return Target(whole, cik=acc[:10], accession=acc)
    company, sep, which = whole.partition(":")
    if not sep:
        ticker, cik = _company(whole, whole)
        return Target(whole, ticker=ticker, cik=cik)
    ticker, cik = _company(company, whole)
    acc = accession(which)
    if acc is not None:
        return Target(whole, ticker=ticker, cik=cik, accession=acc)
    m = _QUARTER.match(which.strip())
    if m:
        return Target(whole, ticker=ticker, cik=cik, year=int(m.group(1)), quarter=int(m.group(2)))
    raise EdgarError(
        f"{whole}: after the colon, give a fiscal quarter (2024Q1) or an accession number"
    )


def is_quarter_target(text: str) -> bool:
    """True for ``TICKER:YYYYQn`` or ``CIK:YYYYQn`` (what ``tieout check`` fetches)."""
    company, sep, which = text.strip().partition(":")
    return (
        bool(sep) and bool(_QUARTER.match(which)) and (is_ticker(company) or bool(as_cik(company)))
    )
