"""The README documents every finding code tieout can emit, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from tieout.model import FindingCode, RelationKind

README = Path(__file__).resolve().parent.parent / "README.md"


def _documented() -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("### Finding codes")
    end = text.index("\n#", start + 1)
    rows = re.findall(r"^\| `([a-z-]+)` \|", text[start:end], re.M)
    assert rows, "the finding-code table is missing from the README"
    return rows


def test_the_readme_documents_every_finding_code_once_and_nothing_else() -> None:
    documented = _documented()
    assert len(documented) == len(set(documented)), "a code documented twice"
    assert set(documented) == {code.value for code in FindingCode}


def test_codes_compare_as_the_strings_of_the_json_output() -> None:
    assert (
        FindingCode.SUM_MISMATCH == "sum-mismatch"
        and f"{FindingCode.WRONG_FIGURE}" == "wrong-figure"
    )
    assert FindingCode.not_read("html") is FindingCode.HTML_NOT_READ
    assert RelationKind("percent-change") is RelationKind.PERCENT_CHANGE
