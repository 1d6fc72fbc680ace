"""A company's filings: its submissions JSON, the list filtered by form, item and date.

``/submissions/CIK##########.json`` holds the company (``name``, ``tickers``,
``fiscalYearEnd`` as MMDD, ``formerNames``) and ``filings.recent``: one array per field
(``accessionNumber``, ``filingDate``, ``reportDate``, ``form``, ``items``,
``primaryDocument``, ``size``...), the same index in each being one filing, newest first.
Older filings are in further pages named in ``filings.files`` (``name``, ``filingFrom``,
``filingTo``), each holding the same arrays at its top level.

8-K items are numbered as today since 23 August 2004; before, results of operations were
Item 12 (from March 2003), so ``--item 2.02`` also takes Item 12 of a filing before that
date. Many earlier 8-Ks name no item at all in EDGAR's list; they are not taken by an
item filter, and are counted so the user can be told.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tieout.edgar.errors import EdgarError
from tieout.edgar.tickers import Company, cik10

NEW_ITEMS = date(2004, 8, 23)  # the 8-K items renumbered (2.02 results of operations)
_OLD_NUMBER = {"2.02": "12"}  # an item's number before NEW_ITEMS
RESULTS = "2.02"


@dataclass(frozen=True, slots=True)
class Filing:
    """One filing in a company's list."""

    accession: str  # 0000320193-24-000005
    cik: str  # ten digits: the company whose list holds it
    form: str
    filed: date
    report_date: date | None = None
    items: tuple[str, ...] = ()
    primary_document: str | None = None
    size: int | None = None

    @property
    def archive_path(self) -> str:
        """The full submission file's path on www.sec.gov."""
        return archive_path(self.cik, self.accession)

    def has_item(self, item: str) -> bool:
        """True when the filing names ``item`` (or its pre-2004 number, before then)."""
        if item in self.items:
            return True
        old = _OLD_NUMBER.get(item)
        return old is not None and self.filed < NEW_ITEMS and old in self.items


@dataclass(frozen=True, slots=True)
class Page:
    """A page of older filings named in ``filings.files``."""

    name: str
    filing_from: date | None
    filing_to: date | None


@dataclass(frozen=True, slots=True)
class Submissions:
    """A company's submissions JSON, read."""

    company: Company
    fiscal_year_end: str | None  # MMDD
    former_names: tuple[str, ...]
    filings: tuple[Filing, ...]
    pages: tuple[Page, ...]


def archive_path(cik: str, accession: str) -> str:
    """``Archives/edgar/data/<cik>/<accession without dashes>/<accession>.txt``."""
    return f"Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}/{accession}.txt"


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _column(columns: dict[str, Any], name: str, n: int) -> list[Any]:
    values = columns.get(name)
    return list(values) if isinstance(values, list) and len(values) == n else [None] * n


def parse_filings(columns: dict[str, Any], cik: str) -> list[Filing]:
    """The filings of one block of per-field arrays (``filings.recent``, or a page)."""
    accessions = columns.get("accessionNumber")
    if not isinstance(accessions, list):
        raise EdgarError(f"CIK {cik}: the submissions JSON has no accessionNumber list")
    n = len(accessions)
    forms = _column(columns, "form", n)
    filed = _column(columns, "filingDate", n)
    reports = _column(columns, "reportDate", n)
    items = _column(columns, "items", n)
    docs = _column(columns, "primaryDocument", n)
    sizes = _column(columns, "size", n)
    out = []
    for i, accession in enumerate(accessions):
        when = _date(filed[i])
        if not accession or when is None:
            continue
        out.append(
            Filing(
                accession=str(accession),
                cik=cik,
                form=str(forms[i] or ""),
                filed=when,
                report_date=_date(reports[i]),
                items=tuple(x.strip() for x in str(items[i] or "").split(",") if x.strip()),
                primary_document=docs[i] or None,
                size=sizes[i] if isinstance(sizes[i], int) else None,
            )
        )
    return out


def _json(data: bytes, what: str) -> Any:
    try:
        return json.loads(data)
    except ValueError as error:
        raise EdgarError(f"{what}: not JSON: {error}") from None


def parse_submissions(data: bytes, cik: str, ticker: str | None = None) -> Submissions:
    """A company's submissions JSON (the first page), read."""
    what = f"CIK {cik}: the submissions JSON"
    doc = _json(data, what)
    try:
        filings = doc["filings"]
        recent = filings["recent"]
        pages = tuple(
            Page(str(f["name"]), _date(f.get("filingFrom")), _date(f.get("filingTo")))
            for f in filings.get("files", [])
        )
        number = cik10(doc.get("cik") or cik)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise EdgarError(f"{what} is not in EDGAR's format: {error}") from None
    fye = str(doc.get("fiscalYearEnd") or "") or None
    former = tuple(
        str(f["name"]) for f in doc.get("formerNames") or [] if isinstance(f, dict) and "name" in f
    )
    return Submissions(
        company=Company(cik=number, name=doc.get("name"), ticker=ticker),
        fiscal_year_end=fye if fye and fye.isdigit() and len(fye) == 4 else None,
        former_names=former,
        filings=tuple(parse_filings(recent, number)),
        pages=pages,
    )


def parse_page(data: bytes, cik: str, name: str) -> list[Filing]:
    """The filings of an older page (``CIK##########-submissions-001.json``)."""
    doc = _json(data, f"CIK {cik}: {name}")
    if not isinstance(doc, dict):
        raise EdgarError(f"CIK {cik}: {name} is not in EDGAR's format")
    return parse_filings(doc, cik)


def pages_needed(pages: Sequence[Page], since: date | None) -> list[Page]:
    """The older pages that can hold filings on or after ``since`` (all, without one)."""
    return [p for p in pages if since is None or p.filing_to is None or p.filing_to >= since]


def select(
    filings: Iterable[Filing],
    *,
    forms: Sequence[str] = (),
    items: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
) -> list[Filing]:
    """The filings of these forms (any, when none), naming any of these items, in the
    dates given, oldest first; each accession once."""
    wanted = {f.upper() for f in forms}
    seen: set[str] = set()
    out = []
    for f in filings:
        if f.accession in seen:
            continue
        if wanted and f.form.upper() not in wanted:
            continue
        if items and not any(f.has_item(i) for i in items):
            continue
        if (since and f.filed < since) or (until and f.filed > until):
            continue
        seen.add(f.accession)
        out.append(f)
    return sorted(out, key=lambda f: (f.filed, f.accession))


def unnamed_items(filings: Iterable[Filing], forms: Sequence[str]) -> int:
    """How many filings of these forms, filed before the items were renumbered, name none."""
    wanted = {f.upper() for f in forms}
    return sum(
        1
        for f in filings
        if (not wanted or f.form.upper() in wanted) and not f.items and f.filed < NEW_ITEMS
    )
