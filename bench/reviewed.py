"""The judged findings of ``bench/reviewed.toml``: which errors and warnings are real defects.

An entry names a file, a line and a code, and for a file written on a few long lines
(most HTML exhibits) the column of the finding's first evidence span: several findings
of one code can share a line there, and only the one at that column is the one judged.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REVIEWED = Path(__file__).resolve().parent / "reviewed.toml"

Key = tuple[str, int, str, int | None]


def load(path: Path = REVIEWED) -> list[dict[str, Any]]:
    """Every reviewed defect, as written."""
    with path.open("rb") as fh:
        return list(tomllib.load(fh).get("defect", []))


def across(entry: Mapping[str, Any]) -> bool:
    """Whether an entry judges a finding of the check across a company's releases
    (``tieout batch --restatements``), not one a release alone gives."""
    return bool(entry.get("across", False))


def key_of(entry: Mapping[str, Any]) -> Key:
    return (entry["file"], entry["line"], entry["code"], entry.get("col"))


def judged(alarm: Mapping[str, Any], entries: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The entry that judges an alarm real: same file, line and code (and column, if set)."""
    for entry in entries:
        if (entry["file"], entry["line"], entry["code"]) != (
            alarm["file"],
            alarm["line"],
            alarm["code"],
        ):
            continue
        if entry.get("col") is None or entry["col"] == alarm.get("col"):
            return dict(entry)
    return None


def found(entry: Mapping[str, Any], alarms: Iterable[Mapping[str, Any]]) -> bool:
    """Whether a reviewed defect is among the alarms."""
    return any(judged(a, [entry]) is not None for a in alarms)
