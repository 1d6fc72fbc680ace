"""Golden outputs: tables, relations, claims and findings of every input, unchanged.

A failure here is a change of behaviour. Read the diff; when the change is intended,
regenerate with ``make golden`` and commit the golden diff with the change that made it.
"""

from __future__ import annotations

import difflib
import os

import pytest

from golden import CORPUS, EXAMPLE, GOLDEN, golden_name, manifest, render, summarise
from test_marks import assert_marks_by_rule
from test_release_json import assert_same_json
from tieout.pipeline import read


def _names() -> list[str]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    return manifest()


def _compare(name: str, text: str) -> None:
    target = GOLDEN / name
    assert target.is_file(), f"no golden file {name}: run `make golden`"
    expected = target.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(f"{name} differs from its golden file (make golden to accept):\n{shown}")


def test_example_matches_its_golden_file() -> None:
    release = read(EXAMPLE)
    _compare("example__harbor-valve_2024q2.txt.json", render(summarise(release)))
    assert_same_json(release)
    assert_marks_by_rule(release)


def test_every_corpus_release_has_a_golden_file(corpus_dir: object) -> None:
    names = {golden_name(n) for n in _names()}
    assert names, "the manifest lists no release"
    present = {p.name for p in GOLDEN.glob("*.json")} - {"example__harbor-valve_2024q2.txt.json"}
    assert names == present, (sorted(names - present), sorted(present - names))


@pytest.mark.corpus
@pytest.mark.parametrize("name", _names() or ["(corpus missing)"])
def test_corpus_release_matches_its_golden_file(corpus_dir: object, name: str) -> None:
    if name == "(corpus missing)":
        message = f"the shared corpus is missing at {CORPUS}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: corpus tests must run)")
        pytest.skip(message)
    release = read(CORPUS / name)
    _compare(golden_name(name), render(summarise(release)))
    assert_same_json(release)  # the JSON written directly, on the release read anyway
    assert_marks_by_rule(release)
