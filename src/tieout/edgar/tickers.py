"""Companies: the SEC's company tickers file, ticker -> CIK and name.

``/files/company_tickers.json`` is one JSON object of numbered entries, each
``{"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}``. A CIK is kept as its
ten-digit string (``0000320193``), the form of the submissions JSON's name and of
submission headers. Tickers are compared in capitals, a class letter after ``.`` or
``-`` alike (``BRK.B`` is EDGAR's ``BRK-B``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from tieout.edgar.errors import EdgarError

TICKERS_KEY = "www/files/company_tickers.json"
_TICKER = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,9}(?:[.-][A-Za-z0-9]{1,3})?$")
_CIK = re.compile(r"^(?:CIK)?0*(\d{1,10})$", re.I)


@dataclass(frozen=True, slots=True)
class Company:
    """A filer: its ten-digit CIK, its name on EDGAR, the ticker it was asked by."""

    cik: str
    name: str | None = None
    ticker: str | None = None

    @property
    def label(self) -> str:
        """How messages name it: ``AAPL (Apple Inc., CIK 0000320193)``."""
        inner = ", ".join(x for x in (self.name, f"CIK {self.cik}") if x)
        return f"{self.ticker} ({inner})" if self.ticker else inner

    @property
    def stem(self) -> str:
        """A file-name prefix: the ticker in lower case, else ``cik320193``."""
        return self.ticker.lower().replace(".", "-") if self.ticker else f"cik{int(self.cik)}"


def cik10(value: str | int) -> str:
    """A CIK as ten digits."""
    return f"{int(value):010d}"


def as_cik(text: str) -> str | None:
    """The ten-digit CIK a text names (``320193``, ``0000320193``, ``CIK320193``), or None."""
    m = _CIK.match(text.strip())
    return cik10(m.group(1)) if m else None


def is_ticker(text: str) -> bool:
    return bool(_TICKER.match(text.strip()))


def normalise(ticker: str) -> str:
    """A ticker as EDGAR spells it: capitals, ``-`` before a class letter."""
    return ticker.strip().upper().replace(".", "-")


def parse_tickers(data: bytes) -> dict[str, Company]:
    """Ticker -> company, from the bytes of ``company_tickers.json``."""
    try:
        entries = json.loads(data)
        values = entries.values() if isinstance(entries, dict) else entries
        out: dict[str, Company] = {}
        for entry in values:
            ticker = normalise(str(entry["ticker"]))
            out.setdefault(
                ticker, Company(cik=cik10(entry["cik_str"]), name=entry.get("title"), ticker=ticker)
            )
        return out
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise EdgarError(f"the company tickers file is not in EDGAR's format: {error}") from None
