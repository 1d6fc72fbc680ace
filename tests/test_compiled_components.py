"""Each compiled component is built where a compiler is, in use when built, and set aside
by ``TIEOUT_PURE_PYTHON=1``.

An install that silently fell back to the pure-Python code would pass every agreement
test of a component (``test_html_scan_compiled.py``, ``test_html_tree_compiled.py``,
``test_html_grid_compiled.py``, ``test_report_rows_compiled.py``,
``test_tables_cells_compiled.py``, ``test_checks_footing_compiled.py``,
``test_checks_judge_compiled.py``, ``test_nongaap_places_compiled.py``,
``test_vocabulary_sieve_compiled.py``, ``test_vocabulary_word_starts_compiled.py``,
``test_text_runs_compiled.py``,
``test_text_read_line_compiled.py``, ``test_text_rows_compiled.py``,
``test_text_table_compiled.py``,
``test_sources_tags_compiled.py``, ``test_prose_figures_compiled.py``,
``test_prose_lookup_compiled.py``, ``test_prose_periods_compiled.py``, ``test_prose_sentences_compiled.py``,
``test_prose_words_compiled.py``, ``test_records_compiled.py``) by
skipping it, and a bench would time the fallback as if it were the compiled path.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
from typing import NamedTuple

import pytest

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from tieout.extensions import PURE_PYTHON, python_forced


class Component(NamedTuple):
    extension: str  # the compiled module
    module: str  # the module that picks it or its fallback
    chosen: str  # the name it binds to the one in use
    fallback: str  # the pure-Python function, the specification


COMPONENTS = (
    Component("tieout.readers.html._scan", "tieout.readers.html.scan", "scan", "_scan_python"),
    Component("tieout.readers.html._scan", "tieout.readers.html.scan", "mark", "_mark_python"),
    Component("tieout.readers.html._scan", "tieout.readers.html.scan", "counts", "_counts_python"),
    Component("tieout.readers.html._tree", "tieout.readers.html.parse", "tree", "_tree_python"),
    Component("tieout.readers.html._grid", "tieout.readers.html.grid", "row", "_row_python"),
    Component("tieout.readers.html._grid", "tieout.readers.html.text", "_words", "_words_python"),
    Component("tieout.report._rows", "tieout.report.serialise", "_rows_json", "_rows_json_python"),
    Component(
        "tieout.checks._footing",
        "tieout.checks.footing",
        "_search_window",
        "_search_window_python",
    ),
    Component("tieout.checks._footing", "tieout.checks.footing", "_column", "_column_python"),
    Component("tieout.checks._judge", "tieout.checks.evaluate", "judge_sum", "_judge_sum_python"),
    Component("tieout.checks._judge", "tieout.checks.evaluate", "evaluate_ratio", "_ratio_python"),
    Component(
        "tieout.checks._judge",
        "tieout.checks.evaluate",
        "evaluate_percent_change",
        "_percent_change_python",
    ),
    Component("tieout.report._rows", "tieout.report.serialise", "_relations", "_relations_python"),
    Component(
        "tieout.report._rows", "tieout.report.serialise", "_findings_json", "_findings_json_python"
    ),
    Component("tieout.readers.text._runs", "tieout.readers.text.lines", "_runs", "_runs_python"),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.lines",
        "read_line",
        "_read_line_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.tables",
        "_row_draft",
        "_row_draft_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.lines",
        "read_lines",
        "_read_lines_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.lines",
        "_plain_run",
        "_plain_run_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.columns",
        "placements",
        "_placements_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.columns",
        "column_extents",
        "_column_extents_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.paragraphs",
        "_paragraph",
        "_paragraph_python",
    ),
    Component(
        "tieout.readers.text._runs",
        "tieout.readers.text.paragraphs",
        "_prose_blocks",
        "_prose_blocks_python",
    ),
    Component(
        "tieout.readers.text._runs", "tieout.readers.text.blocks", "regions", "_regions_python"
    ),
    Component(
        "tieout.sources._tags",
        "tieout.sources.submission",
        "_mark_starts",
        "_mark_starts_python",
    ),
    Component("tieout.sources._tags", "tieout.sources.submission", "_newlines", "_newlines_python"),
    Component("tieout.sources._tags", "tieout.sources.decode", "_controls", "_controls_python"),
    Component(
        "tieout.sources._tags",
        "tieout.sources.furniture",
        "_page_end_leads",
        "_page_end_leads_python",
    ),
    Component("tieout.nongaap._places", "tieout.nongaap.reconcile", "_word_at", "_word_at_python"),
    Component(
        "tieout.nongaap._places",
        "tieout.nongaap.reconcile",
        "_references",
        "_references_python",
    ),
    Component("tieout.vocabulary._sieve", "tieout.vocabulary.sieve", "_passing", "_passing_python"),
    Component("tieout.vocabulary._sieve", "tieout.vocabulary.sieve", "_Sieving", "_SievingPython"),
    Component(
        "tieout.vocabulary._sieve", "tieout.vocabulary.leads", "_word_starts", "_word_starts_python"
    ),
    Component("tieout.prose._figures", "tieout.prose.numbers", "_matches", "_matches_python"),
    Component("tieout.prose._lookup", "tieout.prose.index", "_named", "_named_python"),
    Component("tieout.prose._lookup", "tieout.prose.index", "_filed", "_filed_python"),
    Component("tieout.prose._lookup", "tieout.prose.labels", "_words", "_words_python"),
    Component("tieout.prose._periods", "tieout.prose.periods", "_found", "_found_python"),
    Component("tieout.prose._periods", "tieout.prose.periods", "_phrases", "_phrases_python"),
    Component(
        "tieout.prose._periods",
        "tieout.prose.periods",
        "ordinal_mentions",
        "_ordinal_mentions_python",
    ),
    Component("tieout.prose._sentences", "tieout.prose.sentences", "_spans", "_spans_python"),
    Component("tieout.prose._words", "tieout.prose.frames", "tokens", "_tokens_python"),
    Component("tieout.prose._words", "tieout.prose.claims", "_spaced", "_spaced_python"),
    Component("tieout.prose._words", "tieout.prose.claims", "_last_words", "_last_words_python"),
    Component("tieout.prose._words", "tieout.prose.subjects", "_around", "_around_python"),
    Component("tieout.prose._words", "tieout.prose.subjects", "_text_runs", "_text_runs_python"),
    Component("tieout._records", "tieout.model", "_init", "_init_python"),
    Component("tieout._records", "tieout.model", "_replacer", "_replacer_python"),
)


def _built(component: Component) -> bool:
    return importlib.util.find_spec(component.extension) is not None


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: f"{c.extension}-{c.chosen}")
def test_the_extension_is_built_where_a_compiler_is(component: Component) -> None:
    if not os.environ.get("CI") or not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("only CI promises a C compiler")
    assert _built(component), f"CI has a C compiler but {component.extension} was not built"


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: f"{c.extension}-{c.chosen}")
def test_the_compiled_component_is_the_one_in_use(component: Component) -> None:
    if not _built(component):
        pytest.skip(f"{component.extension} is not built here")
    module = importlib.import_module(component.module)
    in_use, fallback = getattr(module, component.chosen), getattr(module, component.fallback)
    if python_forced():
        assert not module.COMPILED
        assert in_use is fallback
    else:
        assert module.COMPILED
        assert in_use is not fallback


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: f"{c.extension}-{c.chosen}")
def test_the_environment_forces_the_python_code(component: Component) -> None:
    code = (
        f"import sys, tieout.readers.html, {component.module}; "
        f"m = sys.modules[{component.module!r}]; "
        f"print(m.COMPILED, m.{component.chosen} is m.{component.fallback})"
    )
    env = {**os.environ, PURE_PYTHON: "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "True"]


def test_the_compiled_parse_is_in_use_with_the_compiled_tree() -> None:
    # the parse of the unmarked text (_tree.c's `parse`) finds libxml2's functions in
    # lxml's module: with lxml's wheels it is in use wherever the tree is compiled
    parse = sys.modules["tieout.readers.html.parse"]
    if not parse.COMPILED:
        assert not parse.POSITIONED
        pytest.skip("the compiled tree is not in use here")
    assert parse.POSITIONED
    code = "import sys, tieout.readers.html; print(sys.modules['tieout.readers.html.parse'].POSITIONED)"
    env = {**os.environ, PURE_PYTHON: "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False"]
