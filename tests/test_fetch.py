"""EDGAR access against EDGAR on loopback (tests/edgar_server.py): no test reaches the internet.

Ticker to CIK; the filing list filtered by form, item and date (older pages included);
downloads cached (a second run asks nothing); the request rate measured by the server's
clock; 429 and 503 retried; 404 a one-line error naming the company and the filing; no
request without a declared User-Agent; ``check TICKER:YYYYQn`` and ``batch --edgar``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from edgar_server import (
    AAPL_CIK,
    HVLV_CIK,
    EdgarServer,
    archive_path,
    harbor_valve,
    windows,
)
from tieout.cli import main
from tieout.edgar import Edgar, EdgarError, load_settings, parse_target
from tieout.edgar.quarters import quarter
from tieout.edgar.targets import Target

AGENT = "tieout tests tests@example.com"


@pytest.fixture
def server() -> Iterator[EdgarServer]:
    with EdgarServer() as s:
        yield s


@pytest.fixture
def env(server: EdgarServer, tmp_path: Path) -> dict[str, str]:
    """The environment a user sets: a User-Agent, and a config file naming the server."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[edgar]\nwww_url = "{server.url}"\ndata_url = "{server.url}"\n'
        f'cache = "{tmp_path / "cache"}"\nbackoff = 0.01\n'
    )
    return {"TIEOUT_USER_AGENT": AGENT, "TIEOUT_CONFIG": str(config), "TIEOUT_EDGAR_URL": ""}


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner(mix_stderr=False).invoke(main, list(args), env=env)


def edgar(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Edgar:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TIEOUT_EDGAR_URL")
    return Edgar(load_settings())


def hvlv_earnings(since: date) -> list[str]:
    recent, _ = harbor_valve()
    return sorted(
        (f["filingDate"], f["accessionNumber"])  # type: ignore[misc]
        for f in recent
        if f["form"] == "8-K" and "2.02" in f["items"] and f["filingDate"] >= since.isoformat()
    )


def test_ticker_to_cik(
    server: EdgarServer, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    e = edgar(env, monkeypatch)
    apple = e.company(parse_target("aapl"))
    assert (apple.cik, apple.name, apple.ticker) == ("0000320193", "Apple Inc.", "AAPL")
    assert e.company(parse_target("BRK.B")).cik == "0001067983"  # EDGAR spells it BRK-B
    assert e.company(parse_target("320193")) == e.company(Target("x", cik="0000320193"))
    assert len(server.requests("/files/company_tickers.json")) == 1  # read once, then kept
    with pytest.raises(EdgarError, match=r"^ZZZZ: no such ticker in EDGAR's company tickers file$"):
        e.company(parse_target("ZZZZ"))
    result = run(env, "fetch", "ZZZZ", "--list")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == "tieout: ZZZZ: no such ticker in EDGAR's company tickers file"
    )


def test_filing_list_filtered_by_item_2_02(server: EdgarServer, env: dict[str, str]) -> None:
    result = run(
        env, "fetch", "HVLV", "--form", "8-K", "--item", "2.02", "--since", "2023-01-01", "--list"
    )
    assert result.exit_code == 0, result.stderr
    listed = [line.split("\t")[:2] for line in result.stdout.splitlines()]
    expected = hvlv_earnings(date(2023, 1, 1))
    # the releases of 2022Q4 (filed in February 2023) to 2024Q4; not the 8-K/A, the 8-Ks of
    # Item 5.02, the 10-Qs and 10-Ks
    assert len(expected) == 9
    assert [[acc, filed] for filed, acc in expected] == listed
    assert not server.requests("/Archives/")  # --list downloads nothing
    assert not server.requests("/submissions/CIK0009999990-submissions-001.json")  # not needed

    # Reaching back before August 2004: the older page is read, Item 12 counts as 2.02,
    # and the 8-Ks that name no item are counted, not taken.
    result = run(
        env, "fetch", "HVLV", "--item", "2.02", "--since", "2002", "--until", "2004", "--list"
    )
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == [
        "2003-04-24", "2003-07-24", "2004-10-21",
    ]  # fmt: skip
    assert "2 filing(s) before 2004-08-23 name no item" in result.stderr
    assert len(server.requests("/submissions/CIK0009999990-submissions-001.json")) == 1


def test_download_then_a_cache_hit_on_the_second_run(
    server: EdgarServer, env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "releases"
    args = (
        "fetch",
        "HVLV",
        "--form",
        "8-K",
        "--item",
        "2.02",
        "--since",
        "2024-01-01",
        "-o",
        str(out),
    )
    first = run(env, *args)
    assert first.exit_code == 0, first.stderr
    files = first.stdout.splitlines()
    assert len(files) == 5 and all(Path(f).is_file() for f in files)
    assert Path(files[0]).name == f"hvlv_2024-02-12_{hvlv_earnings(date(2024, 1, 1))[0][1]}.txt"
    assert len(server.requests("/Archives/")) == 5
    asked = len(server.requests())

    second = run(env, *args)
    assert second.exit_code == 0, second.stderr
    assert second.stdout.splitlines() == files
    assert len(server.requests()) == asked  # nothing asked: lists and files from the cache
    assert "0 request(s) to EDGAR" in second.stderr and "0 downloaded" in second.stderr

    # A file removed from the folder is put back from the cache, not downloaded again.
    Path(files[1]).unlink()
    third = run(env, *args)
    assert third.exit_code == 0 and Path(files[1]).is_file()
    assert len(server.requests()) == asked
    body = Path(files[1]).read_bytes()
    assert body.startswith(b"<SEC-DOCUMENT>") and b"HARBOR VALVE REPORTS" in body


def test_request_rate_is_held_under_ten_a_second(
    server: EdgarServer, env: dict[str, str], tmp_path: Path
) -> None:
    result = run(env, "fetch", "HVLV", "--form", "8-K", "-o", str(tmp_path / "all"))
    assert result.exit_code == 0, result.stderr
    times = [r.at for r in server.requests()]
    assert len(times) >= 30  # tickers, submissions, 31 submission files
    busiest = max(windows(times))
    span = max(times) - min(times)
    print(f"{len(times)} requests in {span:.2f} s; at most {busiest} in any one-second window")
    assert busiest <= 10
    assert all(r.user_agent == AGENT for r in server.requests())


def test_429_and_503_are_retried(server: EdgarServer, env: dict[str, str], tmp_path: Path) -> None:
    (_, acc), *_ = hvlv_earnings(date(2024, 1, 1))
    listing = f"/submissions/CIK{HVLV_CIK:010d}.json"
    archive = archive_path(HVLV_CIK, acc)
    server.fail(listing, 429)
    server.fail(archive, 503, 503)
    result = run(env, "fetch", f"HVLV:{acc}", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert [r.status for r in server.requests(listing)] == [429, 200]
    assert [r.status for r in server.requests(archive)] == [503, 503, 200]
    assert "(3 retried)" in result.stderr
    assert Path(result.stdout.strip()).read_bytes() == server.routes[archive]

    (_, other), *_ = hvlv_earnings(date(2024, 7, 1))
    server.fail(archive_path(HVLV_CIK, other), *[503] * 10)
    result = run(env, "fetch", f"HVLV:{other}", "-o", str(tmp_path))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()[:-1]  # the error, then the summary
    assert line.startswith(
        f"tieout: HVLV (HARBOR VALVE CORP, CIK 0009999990): filing {other}: gave up"
    )
    assert "after 6 attempts: HTTP 503" in line


def test_404_is_one_line_naming_the_company_and_the_filing(
    server: EdgarServer, env: dict[str, str]
) -> None:
    missing = "0009999990-24-000999"
    result = run(env, "fetch", f"HVLV:{missing}")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "not found" in line]
    assert errors == [
        f"tieout: HVLV (HARBOR VALVE CORP, CIK 0009999990): filing {missing} not found on EDGAR "
        f"(HTTP 404 for {server.url}{archive_path(HVLV_CIK, missing)})"
    ]
    result = run(env, "fetch", "0000000042")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(
        "tieout: CIK 0000000042: no such company on EDGAR (not found on EDGAR (HTTP 404"
    )


def test_no_request_without_a_declared_user_agent(server: EdgarServer, env: dict[str, str]) -> None:
    for agent in ("", "tieout"):  # none, and one that names no contact
        result = run({**env, "TIEOUT_USER_AGENT": agent}, "fetch", "AAPL", "--list")
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert (
            "EDGAR asks every client to declare who it is" in line and "TIEOUT_USER_AGENT" in line
        )
    assert server.requests() == []
    result = run({**env, "TIEOUT_USER_AGENT": ""}, "fetch", "AAPL", "--list", "--user-agent", AGENT)
    assert result.exit_code == 0 and server.requests()[0].user_agent == AGENT


def test_fiscal_quarters() -> None:
    assert quarter("0928", 2024, 1).end == date(2023, 12, 28)  # Apple: fiscal 2024 ends Sept 2024
    assert quarter("0103", 2004, 2).end == date(2004, 7, 3)  # Sears: fiscal 2004 ends Jan 2005
    assert quarter("0531", 2014, 4).end == date(2014, 5, 31)  # Oracle
    assert quarter(None, 2024, 4).end == date(2024, 12, 31)
    assert quarter("0229", 2023, 4).end == date(2023, 2, 28)


@pytest.mark.corpus
def test_check_a_ticker_and_fiscal_quarter(corpus_dir: Path, tmp_path: Path) -> None:
    with EdgarServer(corpus_dir) as server:
        config = tmp_path / "config.toml"
        config.write_text(f'[edgar]\ncache = "{tmp_path / "cache"}"\n')
        env = {
            "TIEOUT_USER_AGENT": AGENT,
            "TIEOUT_CONFIG": str(config),
            "TIEOUT_EDGAR_URL": server.url,
        }
        result = run(env, "check", "--format", "json", "AAPL:2024Q1")
        assert result.exit_code in (0, 1), result.stderr
        data = json.loads(result.stdout)
        assert data["filing"]["accession_number"] == "0000320193-24-000005"
        assert data["filing"]["cik"] == "0000320193" and data["summary"]["tables"] > 0
        assert (
            Path(data["file"]).read_bytes()
            == (corpus_dir / "submissions/apple_2024q1.txt").read_bytes()
        )

        # Before August 2004 the 8-K names no item in EDGAR's list: taken by the fallback, said so.
        result = run(env, "check", "--format", "json", "AAPL:2004Q3")
        assert json.loads(result.stdout)["filing"]["accession_number"] == "0001104659-04-019574"
        assert "names no item" in result.stderr

        result = run(env, "check", "AAPL:2019Q2")
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            "tieout: AAPL:2019Q2: AAPL (Apple Inc., CIK 0000320193): no earnings 8-K (Item 2.02) "
            "for fiscal 2019Q2: none filed from 2019-03-21 to 2019-06-26 (the quarter ends about "
            "2019-03-28, fiscal year end 0928)"
        )
        assert len(server.requests(f"/Archives/edgar/data/{AAPL_CIK}/")) == 2


def test_batch_edgar_fetches_into_the_cache_then_stores(
    server: EdgarServer, env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "x.duckdb"
    result = run(env, "batch", "--edgar", "HVLV", "--since", "2024", "--db", str(db), "-j", "1")
    assert result.exit_code == 0, result.stderr
    rows = (
        duckdb.connect(str(db), read_only=True)
        .execute("SELECT accession_number, company, status FROM sources ORDER BY filed")
        .fetchall()
    )
    assert [r[0] for r in rows] == [acc for _, acc in hvlv_earnings(date(2024, 1, 1))]
    assert {(r[1], r[2]) for r in rows} == {("HARBOR VALVE CORP", "ok")}
    result = run(
        env, "batch", "--edgar", "HVLV,ZZZZ", "--since", "2024", "--db", str(db), "-j", "1"
    )
    assert result.exit_code == 2
    assert "tieout: ZZZZ: no such ticker" in result.stderr
    assert "0 stored, 5 skipped" in result.stderr
