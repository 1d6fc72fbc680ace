"""EDGAR for tieout's commands: companies, their filings, a quarter's release, downloads.

Every answer goes through the cache first: submission files are kept for good (a filing
never changes once accepted), the tickers file and the filing lists while younger than
``max_age`` (``refresh`` asks again). A request is made only for what the cache lacks,
through one rate-limited client, so a second run of the same command asks nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from tieout.edgar import filings as listing
from tieout.edgar.cache import Cache
from tieout.edgar.client import Client
from tieout.edgar.errors import EdgarError, NotFound
from tieout.edgar.filings import Filing, Submissions, archive_path
from tieout.edgar.quarters import quarter, release_of
from tieout.edgar.settings import Settings
from tieout.edgar.targets import Target
from tieout.edgar.tickers import TICKERS_KEY, Company, parse_tickers

_SUBMISSION_MARKS = (b"<SEC-DOCUMENT>", b"<DOCUMENT>", b"<SEC-HEADER>")


@dataclass(frozen=True, slots=True)
class Wanted:
    """A filing to download: whose, which, when filed (when known), and a note."""

    company: Company
    accession: str
    filed: date | None = None
    note: str | None = None

    @property
    def file_name(self) -> str:
        """``aapl_2024-02-01_0000320193-24-000005.txt`` (no date when it is not known)."""
        when = f"_{self.filed.isoformat()}" if self.filed else ""
        return f"{self.company.stem}{when}_{self.accession}.txt"


class Edgar:
    """EDGAR through the cache and one rate-limited client (see the module docstring)."""

    def __init__(
        self, settings: Settings, *, client: Client | None = None, refresh: bool = False
    ) -> None:
        agent = settings.declared_user_agent()  # refuse before anything else
        self.settings = settings
        self.client = client or Client(
            agent,
            rate=settings.rate,
            retries=settings.retries,
            backoff=settings.backoff,
            timeout=settings.timeout,
        )
        self.cache = Cache(settings.cache)
        self.refresh = refresh
        self.hits = 0  # answers taken from the cache
        self.downloads = 0  # submission files downloaded
        self._tickers: dict[str, Company] | None = None
        self._lists: dict[tuple[str, date | None], Submissions] = {}

    def url(self, host: str, path: str) -> str:
        base = self.settings.www_url if host == "www" else self.settings.data_url
        return f"{base}/{path}"

    def _get(self, host: str, path: str, *, max_age: float | None) -> bytes:
        """A response from the cache, else from EDGAR (and kept). ``max_age`` None: for good."""
        key = f"{host}/{path}"
        if max_age is None or not self.refresh:
            cached = self.cache.get(key, max_age)
            if cached is not None:
                self.hits += 1
                return cached
        data = self.client.get(self.url(host, path))
        self.cache.put(key, data)
        return data

    def company(self, target: Target) -> Company:
        """The company a target names (a ticker is looked up in the tickers file)."""
        if target.ticker is None:
            assert target.cik is not None
            return Company(cik=target.cik)
        if self._tickers is None:
            path = TICKERS_KEY.removeprefix("www/")
            try:
                data = self._get("www", path, max_age=max(self.settings.max_age, 86400.0))
            except NotFound as error:
                raise EdgarError(f"the company tickers file: {error}") from None
            self._tickers = parse_tickers(data)
        found = self._tickers.get(target.ticker)
        if found is None:
            raise EdgarError(f"{target.ticker}: no such ticker in EDGAR's company tickers file")
        return found

    def submissions(self, company: Company, since: date | None = None) -> Submissions:
        """The company's filings, with the older pages that reach back to ``since``."""
        known = self._lists.get((company.cik, since))
        if known is not None:
            return known
        age = self.settings.max_age
        try:
            data = self._get("data", f"submissions/CIK{company.cik}.json", max_age=age)
        except NotFound as error:
            raise EdgarError(f"{company.label}: no such company on EDGAR ({error})") from None
        first = listing.parse_submissions(data, company.cik, company.ticker)
        older: list[Filing] = []
        for page in listing.pages_needed(first.pages, since):
            try:
                data = self._get("data", f"submissions/{page.name}", max_age=age)
            except NotFound as error:
                raise EdgarError(f"{company.label}: older filings {error}") from None
            older.extend(listing.parse_page(data, company.cik, page.name))
        subs = replace(
            first,
            company=replace(company, name=first.company.name or company.name),
            filings=first.filings + tuple(older),
        )
        self._lists[(company.cik, since)] = subs
        return subs

    def wanted(
        self,
        target: Target,
        *,
        forms: Sequence[str] = (),
        items: Sequence[str] = (),
        since: date | None = None,
        until: date | None = None,
    ) -> list[Wanted]:
        """The filings a target names: one filing, a quarter's release, or a filtered list."""
        company = self.company(target)
        if target.accession is not None:
            if target.ticker is None and target.cik == target.accession[:10]:
                return [Wanted(company, target.accession)]  # no list to ask for
            subs = self.submissions(company)
            filed = {f.accession: f.filed for f in subs.filings}.get(target.accession)
            return [Wanted(subs.company, target.accession, filed)]
        if target.year is not None and target.quarter is not None:
            return [self.quarter(company, target.year, target.quarter)]
        subs = self.submissions(company, since)
        chosen = listing.select(subs.filings, forms=forms, items=items, since=since, until=until)
        return [Wanted(subs.company, f.accession, f.filed) for f in chosen]

    def unnamed(
        self, target: Target, *, forms: Sequence[str] = (), since: date | None = None
    ) -> int:
        """How many of a company's filings of these forms, from before the 8-K items were
        renumbered, name no item (an item filter cannot take them)."""
        if target.accession is not None or target.year is not None:
            return 0
        if since is not None and since >= listing.NEW_ITEMS:
            return 0
        subs = self.submissions(self.company(target), since)
        kept = listing.select(subs.filings, forms=forms, since=since)
        return listing.unnamed_items(kept, forms)

    def quarter(self, company: Company, year: int, number: int) -> Wanted:
        """The earnings 8-K of fiscal quarter ``number`` of ``year`` (see ``quarters``)."""
        probe = quarter(None, year, number)
        subs = self.submissions(company, probe.first.replace(year=probe.first.year - 1))
        period = quarter(subs.fiscal_year_end, year, number)
        found, note = release_of(subs.filings, period)
        if found is None:
            fye = subs.fiscal_year_end or "1231"
            raise EdgarError(
                f"{subs.company.label}: no earnings 8-K (Item 2.02) for fiscal {period.label}: "
                f"none filed from {period.first.isoformat()} to {period.last.isoformat()} "
                f"(the quarter ends about {period.end.isoformat()}, fiscal year end {fye})"
            )
        return Wanted(subs.company, found.accession, found.filed, note)

    def download(self, wanted: Wanted) -> Path:
        """The full submission file of a filing, from the cache or EDGAR; where it lies."""
        path = archive_path(wanted.company.cik, wanted.accession)
        key = f"www/{path}"
        if self.cache.has(key):
            self.hits += 1
            return self.cache.path(key)
        url = self.url("www", path)
        try:
            data = self.client.get(url)
        except NotFound:
            hint = ""
            if wanted.company.ticker is None and wanted.company.name is None:
                hint = (
                    "; an accession filed by an agent begins with the agent's CIK, not the "
                    "company's: name the company, TICKER:ACCESSION"
                )
            raise EdgarError(
                f"{wanted.company.label}: filing {wanted.accession} not found on EDGAR "
                f"(HTTP 404 for {url}){hint}"
            ) from None
        except EdgarError as error:
            raise EdgarError(
                f"{wanted.company.label}: filing {wanted.accession}: {error}"
            ) from None
        if not any(mark in data[:100_000] for mark in _SUBMISSION_MARKS):
            raise EdgarError(
                f"{wanted.company.label}: filing {wanted.accession}: EDGAR sent something that "
                f"is not a submission file ({len(data)} bytes from {url}); not kept"
            )
        self.downloads += 1
        return self.cache.put(key, data)
