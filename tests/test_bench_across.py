"""The second recall of bench.accuracy: a mutant judged by the batch's cross-release check
over its company's releases (bench.across), on a fictional company's releases."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from test_store_support import submission
from tieout.model import Release
from tieout.pipeline import read

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import across

COMPANY = ("Quillfeather Instruments Inc", "0009999991")


def _shares(year: int, basic: int, prior: int) -> str:
    return f"""

                                        THREE MONTHS ENDED
                                             JUNE 30,
                                        {year}          {year - 1}

Shares used in computing earnings per share:
  Basic                             {basic:>9,}     {prior:>9,}
  Diluted                           {basic + 40_000:>9,}     {prior + 40_000:>9,}
"""


def _releases(first_basic: int) -> dict[str, str]:
    return {
        "q2_2023.txt": submission(*COMPANY, date(2023, 7, 27), date(2023, 6, 30),
                                  [(3, 2023, 4800, 2900), (3, 2022, 4500, 2800)],
                                  note=_shares(2023, first_basic, 5_700_000)),
        "q2_2024.txt": submission(*COMPANY, date(2024, 7, 30), date(2024, 6, 30),
                                  [(3, 2024, 5000, 3000), (3, 2023, 4800, 2900)],
                                  note=_shares(2024, 5_600_000, 5_793_799)),
    }  # fmt: skip


def _read(texts: dict[str, str]) -> dict[str, Release]:
    return {name: read(text.encode(), name=name) for name, text in texts.items()}


def test_a_first_print_changed_is_caught_by_its_reprint(tmp_path: Path) -> None:
    clean = _read(_releases(5_793_799))
    assert across.company(_releases(5_793_799)["q2_2023.txt"].encode(), "q2_2023.txt") == (
        "cik 9999991"
    )
    store = across.build(str(tmp_path), "cik 9999991", sorted(clean.items()))
    assert store.found == frozenset()  # the clean releases tie
    mutated = _read(_releases(5_797_399))["q2_2023.txt"]
    text = _releases(5_797_399)["q2_2023.txt"]
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "5,797,399" in t)
    what = "Basic [THREE MONTHS ENDED JUNE 30, 2023] `5,793,799` -> `5,797,399`"
    found, message = across.caught(store, "q2_2023.txt", line, what, clean["q2_2023.txt"], mutated)
    # the finding is on the later release, which cites the mutated first print
    assert found and message is not None and "5,797,399 where it was first printed" in message
    # the release put back unchanged: nothing new is found, nothing is caught
    same = _read(_releases(5_793_799))["q2_2023.txt"]
    assert across.caught(store, "q2_2023.txt", line, what, clean["q2_2023.txt"], same) == (
        False,
        None,
    )


def test_a_release_without_a_header_names_no_company() -> None:
    assert across.company(b"EXHIBIT 99.1\n\nQuillfeather reports results\n", "x.txt") is None
