"""EDGAR: from a ticker, a CIK or an accession number to the full submission file on disk.

    settings   who asks (the declared User-Agent), where EDGAR is, the cache, the rate
    client     HTTP with the SEC's fair-access rules: at most 10 requests a second,
               retries with backoff on 429 and 5xx, one-line errors
    cache      responses on disk, written whole or not at all, so a run resumes
    tickers    the company tickers file: ticker -> CIK and name
    filings    a company's submissions JSON (and its older pages): the list of filings
    quarters   a fiscal quarter -> the earnings 8-K filed for it
    targets    what a user types: AAPL, 320193, 0000320193-24-000005, AAPL:2024Q1
    session    the above together: company, filings, quarter, download
    earnings   what the commands ask for: a quarter's release, companies' releases

Only documented endpoints are used: ``/files/company_tickers.json`` and
``/Archives/edgar/data/<cik>/<accession-no-dashes>/<accession>.txt`` on www.sec.gov, and
``/submissions/CIK##########.json`` on data.sec.gov. Both base URLs are settings.
"""

from __future__ import annotations

from tieout.edgar.errors import EdgarError, NotFound
from tieout.edgar.filings import Filing
from tieout.edgar.session import Edgar
from tieout.edgar.settings import Settings, load_settings
from tieout.edgar.targets import Target, parse_target
from tieout.edgar.tickers import Company

__all__ = [
    "Company",
    "Edgar",
    "EdgarError",
    "Filing",
    "NotFound",
    "Settings",
    "Target",
    "load_settings",
    "parse_target",
]
