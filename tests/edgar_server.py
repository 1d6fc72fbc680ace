"""EDGAR on loopback for the tests: its documented endpoints, in its documented formats.

    /files/company_tickers.json                          the company tickers file
    /submissions/CIK##########.json                      a company's submissions JSON
    /submissions/CIK##########-submissions-001.json      a page of its older filings
    /Archives/edgar/data/<cik>/<accession-no-dashes>/<accession>.txt   a submission file

Two filers are served. Harbor Valve Corp (ticker HVLV, CIK 9999990) is fictional, written
for these tests: quarterly earnings 8-Ks (Item 2.02) from 2019 to 2024, other 8-Ks, 10-Qs,
an 8-K/A, and an older page of filings from 2002 to 2004 (Item 12, and 8-Ks naming no
item); each of its submission files wraps the bundled example release in an SGML header.
Apple (AAPL, CIK 320193) is served around the real submission files of the shared corpus,
at their real accession numbers. The server records every request (arrival time, path,
User-Agent) and can answer a path with scripted failures first (429, 503, ...).
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"

HVLV_CIK = 9999990
HVLV_NAME = "HARBOR VALVE CORP"
AAPL_CIK = 320193


@dataclass(frozen=True)
class Request:
    at: float  # time.monotonic() when the request arrived
    path: str
    user_agent: str | None
    status: int


def accession(cik: int, year: int, n: int) -> str:
    return f"{cik:010d}-{year % 100:02d}-{n:06d}"


def archive_path(cik: int, acc: str) -> str:
    return f"/Archives/edgar/data/{cik}/{acc.replace('-', '')}/{acc}.txt"


def submission(acc: str, cik: int, name: str, form: str, filed: date, body: str) -> bytes:
    """A full submission file in EDGAR's SGML form: header, then one EX-99.1 document."""
    stamp = filed.strftime("%Y%m%d")
    return (
        f"<SEC-DOCUMENT>{acc}.txt : {stamp}\n<SEC-HEADER>{acc}.hdr.sgml : {stamp}\n"
        f"ACCESSION NUMBER:\t\t{acc}\nCONFORMED SUBMISSION TYPE:\t{form}\n"
        f"PUBLIC DOCUMENT COUNT:\t\t2\nCONFORMED PERIOD OF REPORT:\t{stamp}\n"
        "ITEM INFORMATION:\t\tResults of Operations and Financial Condition\n"
        f"FILED AS OF DATE:\t\t{stamp}\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
        f"\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n\t\tCENTRAL INDEX KEY:\t\t\t{cik:010d}\n"
        "\t\tFISCAL YEAR END:\t\t\t1231\n</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>{form}\n<SEQUENCE>1\n<FILENAME>form8k.txt\n<TEXT>\n"
        "Item 2.02 Results of Operations and Financial Condition.\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99-1.txt\n"
        f"<DESCRIPTION>PRESS RELEASE\n<TEXT>\n{body}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    ).encode()


def _columns(filings: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Filings as EDGAR lists them: one array per field, newest first."""
    filings = sorted(filings, key=lambda f: f["filingDate"], reverse=True)
    fields = ("accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act",
              "form", "fileNumber", "filmNumber", "items", "size", "isXBRL", "isInlineXBRL",
              "primaryDocument", "primaryDocDescription")  # fmt: skip
    out: dict[str, list[Any]] = {name: [] for name in fields}
    for f in filings:
        for name in fields:
            out[name].append(f.get(name, ""))
    return out


def _filing(acc: str, form: str, filed: date, items: str, doc: str) -> dict[str, Any]:
    return {
        "accessionNumber": acc,
        "filingDate": filed.isoformat(),
        "reportDate": filed.isoformat() if form.startswith("8-K") else "",
        "acceptanceDateTime": f"{filed.isoformat()}T16:30:00.000Z",
        "act": "34",
        "form": form,
        "fileNumber": "001-99999",
        "filmNumber": "24000000",
        "items": items,
        "size": 25000,
        "isXBRL": 0,
        "isInlineXBRL": 0,
        "primaryDocument": doc,
        "primaryDocDescription": form,
    }


def harbor_valve() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(recent filings, older filings) of the fictional filer."""
    recent: list[dict[str, Any]] = []
    n = 1
    for year in range(2019, 2025):
        for q, (month, day) in enumerate(((4, 30), (7, 30), (10, 29), (2, 12)), start=1):
            filed = date(year + (q == 4), month, day)
            recent.append(
                _filing(accession(HVLV_CIK, filed.year, n), "8-K", filed, "2.02,9.01", "r.htm")
            )
            n += 1
            recent.append(
                _filing(
                    accession(HVLV_CIK, filed.year, n),
                    "10-Q" if q < 4 else "10-K",
                    filed + timedelta(days=6),
                    "",
                    "q.htm",
                )  # fmt: skip
            )
            n += 1
        recent.append(
            _filing(accession(HVLV_CIK, year, n), "8-K", date(year, 5, 20), "5.02", "d.htm")
        )
        n += 1
    recent.append(  # an amendment of the 2023 second-quarter release
        _filing(accession(HVLV_CIK, 2023, n), "8-K/A", date(2023, 8, 4), "2.02,9.01", "a.htm")
    )
    older: list[dict[str, Any]] = []
    for i, (filed, items) in enumerate(
        (
            (date(2002, 4, 25), ""),  # before Item 12: results under Items 5 and 7, or none
            (date(2002, 7, 25), "5,7"),
            (date(2003, 4, 24), "12,7"),
            (date(2003, 7, 24), "12"),
            (date(2004, 4, 22), ""),
            (date(2004, 10, 21), "2.02,9.01"),
        ),
        start=1,
    ):
        older.append(
            _filing(accession(HVLV_CIK, filed.year, 900 + i), "8-K", filed, items, "old.txt")
        )
    return recent, older


APPLE_FILINGS = (  # the shared corpus's Apple submissions, at their accession numbers
    ("submissions/apple_2004q3.txt", "0001104659-04-019574", date(2004, 7, 14), ""),
    ("submissions/apple_2011q1.txt", "0001193125-11-009392", date(2011, 1, 18), "2.02,9.01"),
    ("submissions/apple_20151027.txt", "0001193125-15-354756", date(2015, 10, 27), "2.02,9.01"),
    ("submissions/apple_2024q1.txt", "0000320193-24-000005", date(2024, 2, 1), "2.02,9.01"),
)


class EdgarServer:
    """The server: routes, scripted failures, and the log of requests."""

    def __init__(self, corpus: Path | None = None) -> None:
        self.routes: dict[str, bytes] = {}
        self.failures: dict[str, list[int]] = {}
        self.log: list[Request] = []
        self.lock = threading.Lock()
        self._build(corpus)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                arrived = time.monotonic()
                path = self.path.split("?", 1)[0]
                with server.lock:
                    scripted = server.failures.get(path)
                    status = scripted.pop(0) if scripted else 200
                    body = server.routes.get(path)
                    if status == 200 and body is None:
                        status = 404
                    server.log.append(
                        Request(arrived, path, self.headers.get("User-Agent"), status)
                    )
                if status != 200:
                    data = f"<html><body>{status}</body></html>".encode()
                    self.send_response(status)
                    if status == 429:
                        self.send_header("Retry-After", "0")
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                assert body is not None
                gzipped = path.endswith(".json") and "gzip" in (
                    self.headers.get("Accept-Encoding") or ""
                )
                data = gzip.compress(body) if gzipped else body
                self.send_response(200)
                self.send_header(
                    "Content-Type", "application/json" if path.endswith(".json") else "text/plain"
                )
                if gzipped:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> EdgarServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requests(self, prefix: str = "/") -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path.startswith(prefix)]

    def fail(self, path: str, *statuses: int) -> None:
        """Answer ``path`` with these statuses, in turn, before answering it well."""
        with self.lock:
            self.failures[path] = list(statuses)

    def _build(self, corpus: Path | None) -> None:
        tickers = {
            "0": {"cik_str": AAPL_CIK, "ticker": "AAPL", "title": "Apple Inc."},
            "1": {"cik_str": 789019, "ticker": "MSFT", "title": "MICROSOFT CORP"},
            "2": {"cik_str": HVLV_CIK, "ticker": "HVLV", "title": "Harbor Valve Corp"},
            "3": {"cik_str": 1067983, "ticker": "BRK-B", "title": "BERKSHIRE HATHAWAY INC"},
        }
        self.routes["/files/company_tickers.json"] = json.dumps(tickers).encode()
        body = EXAMPLE.read_text(encoding="utf-8")
        recent, older = harbor_valve()
        page = f"CIK{HVLV_CIK:010d}-submissions-001.json"
        self.routes[f"/submissions/CIK{HVLV_CIK:010d}.json"] = json.dumps(
            {
                "cik": str(HVLV_CIK),
                "entityType": "operating",
                "sic": "3490",
                "name": HVLV_NAME,
                "tickers": ["HVLV"],
                "exchanges": ["Nasdaq"],
                "fiscalYearEnd": "1231",
                "formerNames": [],
                "filings": {
                    "recent": _columns(recent),
                    "files": [
                        {
                            "name": page,
                            "filingCount": len(older),
                            "filingFrom": "2002-04-25",
                            "filingTo": "2004-10-21",
                        }  # fmt: skip
                    ],
                },
            }
        ).encode()
        self.routes[f"/submissions/{page}"] = json.dumps(_columns(older)).encode()
        for f in recent + older:
            filed = date.fromisoformat(f["filingDate"])
            self.routes[archive_path(HVLV_CIK, f["accessionNumber"])] = submission(
                f["accessionNumber"], HVLV_CIK, HVLV_NAME, f["form"], filed, body
            )
        apple = [
            _filing(acc, "8-K", filed, items, "release.htm")
            for _, acc, filed, items in APPLE_FILINGS
        ]
        self.routes[f"/submissions/CIK{AAPL_CIK:010d}.json"] = json.dumps(
            {
                "cik": str(AAPL_CIK),
                "name": "Apple Inc.",
                "tickers": ["AAPL"],
                "fiscalYearEnd": "0928",
                "formerNames": [
                    {"name": "APPLE INC", "from": "2007-01-10", "to": "2019-08-05"},
                    {"name": "APPLE COMPUTER INC", "from": "1994-01-26", "to": "2007-01-09"},
                ],
                "filings": {"recent": _columns(apple), "files": []},
            }
        ).encode()
        if corpus is not None:
            for name, acc, _, _ in APPLE_FILINGS:
                self.routes[archive_path(AAPL_CIK, acc)] = (corpus / name).read_bytes()


def windows(times: list[float], width: float = 1.0) -> Iterator[int]:
    """For each request, how many arrived in the window of ``width`` seconds it opens."""
    times = sorted(times)
    j = 0
    for i, start in enumerate(times):
        j = max(j, i)
        while j < len(times) and times[j] < start + width:
            j += 1
        yield j - i
