"""Who a release belongs to: the subject among several filers, and the names of a CIK."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from test_store_support import query, submission
from tieout.model import Format, Source
from tieout.sources import load_bytes
from tieout.sources.submission import filers, header
from tieout.store.batch import Options, run
from tieout.store.restate import restatements

TWO_FILERS = """<SEC-DOCUMENT>{accession}.txt : 20050125
<SEC-HEADER>{accession}.hdr.sgml : 20050125
ACCESSION NUMBER:		{accession}
CONFORMED SUBMISSION TYPE:	8-K
FILED AS OF DATE:		20050125

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			NORTHWIND POWER CO
		CENTRAL INDEX KEY:			0000000101

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			NORTHWIND ENERGY GROUP INC
		CENTRAL INDEX KEY:			0000000100

	FORMER COMPANY:
		FORMER CONFORMED NAME:	NORTHWIND HOLDINGS CORP
		DATE OF NAME CHANGE:	19990101
</SEC-HEADER>
<DOCUMENT>
<TYPE>EX-99.1
<TEXT>
Northwind Energy today reported earnings of $1.2 billion. Northwind Energy's
subsidiary Northwind Power contributed $0.8 billion. Northwind Energy expects...
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""
_SOURCE = Source("two-filers.txt", "0" * 64, len(TWO_FILERS), Format.SUBMISSION)


def test_a_filing_submitted_by_the_parent_is_credited_to_the_parent() -> None:
    text = TWO_FILERS.format(accession="0000000100-05-000042")
    head = header(text, _SOURCE)
    assert [(f.cik, f.name) for f in filers(text)] == [
        ("0000000101", "NORTHWIND POWER CO"),
        ("0000000100", "NORTHWIND ENERGY GROUP INC"),
    ]
    assert (head.cik, head.company) == ("0000000100", "NORTHWIND ENERGY GROUP INC")
    assert head.former_names == ("NORTHWIND HOLDINGS CORP",)


def test_a_filing_submitted_by_an_agent_goes_to_the_filer_the_release_names_most() -> None:
    text = TWO_FILERS.format(accession="0001193125-05-000042")  # a filing agent's CIK
    assert (
        header(text, _SOURCE).company == "NORTHWIND ENERGY GROUP INC"
    )  # 3 "Northwind Energy", 1 Power
    swapped = text.replace("Northwind Energy", "Northwind Power").replace(
        "subsidiary Northwind Power", "parent Northwind Energy"
    )
    assert header(swapped, _SOURCE).company == "NORTHWIND POWER CO"


@pytest.mark.corpus
def test_southern_2004_is_credited_to_southern_not_to_its_first_listed_subsidiary(
    corpus_dir: Path,
) -> None:
    for name in ("southern-co_2004q4.txt", "southern-co_2006q4.txt"):
        data = (corpus_dir / "submissions" / name).read_bytes()
        source, _ = load_bytes(data, name)
        assert (source.cik, source.company) == ("0000092122", "SOUTHERN CO"), name
    # submitted through an agent, the rule falls to the names the release uses
    data = (corpus_dir / "submissions" / "southern-co_2004q4.txt").read_bytes()
    agent = data.replace(b"0000092122-05-000042", b"0001193125-05-000042")
    assert load_bytes(agent, "agent.txt")[0].company == "SOUTHERN CO"


@pytest.mark.corpus
def test_the_store_keeps_every_name_a_cik_had(corpus_dir: Path, tmp_path: Path) -> None:
    files = [
        str(corpus_dir / "submissions" / n)
        for n in ("apple_2024q1.txt", "apple_2004q3.txt", "apple_2011q1.txt")
    ]
    db = tmp_path / "s.duckdb"
    run(files, str(db), Options(jobs=1))
    assert query(db, "SELECT cik, company, names, releases FROM companies") == [
        ("0000320193", "Apple Inc.", ["APPLE COMPUTER INC", "APPLE INC", "Apple Inc."], 3)
    ]


def test_a_release_known_by_name_only_is_linked_to_the_cik_that_had_the_name(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    first = submission("Quill Instruments Corp", "0009999991", date(2023, 7, 27),
                       date(2023, 6, 30), [(3, 2023, 4800, 2900), (3, 2022, 4500, 2800)])  # fmt: skip
    (folder / "quill_2023q2.txt").write_text(first)
    later = submission("Quill Instruments Corp.", "0009999991", date(2024, 7, 30),
                       date(2024, 6, 30), [(3, 2024, 5000, 3000), (3, 2023, 4850, 2900)])  # fmt: skip
    later = "\n".join(line for line in later.split("\n") if "CENTRAL INDEX KEY" not in line)
    (folder / "quill_2024q2.txt").write_text(later)
    db = tmp_path / "s.duckdb"
    run([str(folder)], str(db), Options(jobs=1))
    assert query(db, "SELECT cik, company FROM sources ORDER BY filed") == [
        ("0009999991", "QUILL INSTRUMENTS CORP"),
        (None, "QUILL INSTRUMENTS CORP."),
    ]
    summary = restatements(str(db))
    assert summary.errors == 2  # net sales and gross profit of the 2023 quarter differ
