"""Seeded fuzzing in the suite: mutants of the example and of small corpus releases.

Every mutant (``bench/fuzz_mutations.py``: damaged bytes, hostile markup, odd figures,
odd structure; small sizes) must give a Release or ``UnreadableInput`` from the API,
never another exception; no ``*-crashed`` finding (a bug of ours caught in the release);
every output (JSON line, terminal report, facts, store rows) the same on a second read;
and no read past 30 s. One in four also goes through ``tieout check``: exit 0, 1 or 2,
never "internal error". The seeds are fixed, so a failure names a recipe that
``python -m bench.fuzz --replay RECIPE -o FILE`` writes out. ``make fuzz`` runs the
long version (thousands of inputs, large sizes).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fuzz import EXAMPLE, examine, source_path
from bench.fuzz_mutations import MUTATORS, Recipe, mutant, steps

from tieout.cli import main

SOURCES = (
    EXAMPLE,
    "lexington-precision_2004q1.txt",
    "submissions/sears_2004q2.txt",
    "submissions/southern-co_2004q4.txt",
    "submissions/southern-co_2006q4.txt",
    "submissions/apple_2011q1.txt",
    "exhibits/wells-fargo_2021q4_ex99-1.htm",
)
SEED = 2016
RECIPES = [Recipe(SOURCES[n % len(SOURCES)], SEED * 1000 + n, "small") for n in range(84)]
LIMIT = 30.0  # seconds for one read: more is a hang (the slowest input takes ~10 s)


def _bytes(recipe: Recipe, request: pytest.FixtureRequest) -> bytes:
    corpus = None if recipe.source == EXAMPLE else request.getfixturevalue("corpus_dir")
    return mutant(recipe, source_path(recipe.source, corpus).read_bytes())


def test_the_recipes_cover_every_mutator_and_are_reproducible() -> None:
    used = {name for recipe in RECIPES for name in steps(recipe)}
    assert used == set(MUTATORS)
    data = source_path(EXAMPLE).read_bytes()
    for recipe in RECIPES[:: len(SOURCES)]:
        assert mutant(recipe, data) == mutant(recipe, data)
    assert len({mutant(r, data) for r in RECIPES[:: len(SOURCES)]}) == len(RECIPES[:: len(SOURCES)])


@pytest.mark.parametrize("recipe", RECIPES, ids=str)
def test_fuzz_input(recipe: Recipe, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    data = _bytes(recipe, request)
    record = examine(data, f"fuzz:{recipe}", timeout=LIMIT)
    where = f"{recipe} ({' + '.join(steps(recipe))})"
    assert record["outcome"] in ("release", "unreadable"), (where, record)
    assert record["crashed"] == [], (where, record["crashed"])
    assert record["deterministic"], where
    if RECIPES.index(recipe) % 4 == 0:
        path = tmp_path / "input.txt"
        path.write_bytes(data)
        result = CliRunner(mix_stderr=False).invoke(main, ["check", "--format", "json", str(path)])
        assert result.exit_code in (0, 1, 2), (where, result.exception)
        assert "internal error" not in result.stderr, (where, result.stderr)


def test_a_crashed_check_is_found_again_by_its_registered_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ``check-crashed`` finding names the check as the registry does (names hold
    spaces); the fuzzer runs that check's finder again to say where it failed."""
    from bench.fuzz import _check_crash_where

    from tieout.checks import footing
    from tieout.pipeline import read

    release = read(source_path(EXAMPLE))
    assert _check_crash_where(release, "check layout sums failed on this release: x") == (
        None,
        None,
    )

    def broken(*args: object) -> object:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(footing, "_table_sums", broken)
    where, head = _check_crash_where(release, "check layout sums failed on this release: x")
    assert where is not None and "tieout/checks/footing.py" in where
    assert head is not None and "ZeroDivisionError: planted" in head
    # a name no check has finds nothing to run
    assert _check_crash_where(release, "check no such check failed on this release: x") == (
        None,
        None,
    )
