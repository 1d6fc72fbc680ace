"""The earnings releases tieout's commands ask EDGAR for: one fiscal quarter's
(``tieout check TICKER:YYYYQn``), every one of some companies in a span of dates
(``tieout batch --edgar``), through a session configured from the options, the
environment and the config file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from tieout.edgar.errors import EdgarError
from tieout.edgar.filings import RESULTS
from tieout.edgar.quarters import EARNINGS_FORMS
from tieout.edgar.session import Edgar
from tieout.edgar.settings import load_settings
from tieout.edgar.targets import parse_target


def session(
    user_agent: str | None = None, cache: str | None = None, *, refresh: bool = False
) -> Edgar:
    """EDGAR access from the options, the environment and the config file (or a refusal)."""
    return Edgar(load_settings(user_agent=user_agent, cache=cache), refresh=refresh)


def quarter_file(text: str) -> tuple[Path, str | None]:
    """The cached submission file of ``TICKER:YYYYQn`` (downloaded when missing), and a
    note when the release was chosen by the fallback rule."""
    edgar = session()
    (wanted,) = edgar.wanted(parse_target(text))
    return edgar.download(wanted), wanted.note


def earnings_files(
    names: Sequence[str],
    *,
    since: date | None,
    until: date | None = None,
    fail: Callable[[str], None],
) -> tuple[list[str], Edgar]:
    """The cached earnings 8-Ks (Item 2.02, Item 12 before August 2004) of these companies
    filed in the dates given, downloading what is missing; each failure told to ``fail``."""
    edgar = session()
    paths: list[str] = []
    for name in names:
        try:
            wanted = edgar.wanted(
                parse_target(name), forms=EARNINGS_FORMS, items=(RESULTS,), since=since, until=until
            )
        except EdgarError as error:
            fail(str(error))
            continue
        for w in wanted:
            try:
                paths.append(str(edgar.download(w)))
            except EdgarError as error:
                fail(str(error))
    return paths, edgar
