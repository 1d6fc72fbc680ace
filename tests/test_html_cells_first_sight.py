"""A new cell's role, a new figure and a new style read at first sight by early answers.

- ``figures.plain_figure`` (the plain shapes most figures print, read by one match)
  against ``figures.general_figure`` (``parse_figure``'s dashes and pattern of nine
  groups): the same figure, flags in the same order, or None where it reads none;
- ``cells._role`` (a plain figure, or words led by a letter no role begins with, answered
  before the patterns) against ``cells.role_by_patterns`` (every role's pattern in turn);
- the spans the compiled locator makes (``_grid.run_span``, ``run_spans``, ``span``):
  ints and None, left untracked by the collector;
- ``style.look`` (its rules and indent read only where their names are written) against
  the ``Look`` of every reading made.

Every cell text the corpus's HTML documents ask a role of, every run of its text
releases' lines, each code point through U+2FFF alone and leading, and generated texts of the
pieces figures and marks are printed with; every ``style`` attribute of the corpus and
generated declarations.
"""

from __future__ import annotations

import gc
import inspect
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import manifest
from tieout.extensions import PURE_PYTHON
from tieout.figures import Figure, general_figure, parse_figure, plain_figure
from tieout.model import Document, Format, Source, Span
from tieout.readers.text import lines
from tieout.sources import load

cells = sys.modules["tieout.readers.html.cells"]
style = sys.modules["tieout.readers.html.style"]
where = sys.modules["tieout.readers.html.where"]
Text = sys.modules["tieout.readers.html.text"].Text
reader = sys.modules["tieout.readers.html"]

# pieces of printed figures, marks and words, joined at random below
_PIECES = ["$", "$ ", "(", ")", "-", "%", " ", ",", ".", "0", "1", "12", "123", "1234",
           "2021", "1950", ",123", ",12", "9" * 19, "n/a", "nm", "N", "US", "pts", "bp", "x",
           "X", "*", "—", "–", "\u2212", "nil", "Net", "a", "(a)", "K", "\u017f", "\u0131",
           "\u0130", "_", "=", "---", "basis points", "pp", "Not meaningful", "U", "p", "b",
           "\u0663"]  # fmt: skip


def _read(figure: Figure | None) -> Any:
    """A figure as its fields print (the order of its flags too), or None."""
    if figure is None:
        return None
    return (str(figure.value), figure.decimals, list(figure.flags), list(map(str, figure.readings)))


def _agree(text: str) -> None:
    plain = plain_figure(text)
    if plain is not None:
        assert _read(plain) == _read(general_figure(text)), text
    assert _read(parse_figure(text)) == _read(general_figure(text)), text
    if text:
        role, figure = cells._role.__wrapped__(text)
        expected_role, expected = cells.role_by_patterns(text)
        assert (role, _read(figure)) == (expected_role, _read(expected)), text


def _cell_texts(root: Path) -> Iterator[str]:
    """Every text the corpus's HTML documents ask ``_role`` of, its cache emptied first.

    Found by a profile of the calls of ``_role``'s Python code; where ``cells`` runs
    compiled (no Python frame to see), in a process that runs the .py
    (``TIEOUT_PURE_PYTHON=1``): the texts asked are the same, as the outputs are."""
    if not inspect.isfunction(cells._role.__wrapped__):
        code = (
            f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            "from pathlib import Path; import test_html_cells_first_sight as t; "
            f"print(json.dumps(list(t._cell_texts(Path({str(root)!r})))))"
        )
        env = {**os.environ, PURE_PYTHON: "1"}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        yield from json.loads(out.stdout)
        return
    asked: list[str] = []
    code = cells._role.__wrapped__.__code__

    def spy(frame: FrameType, event: str, _: object) -> None:
        if event == "call" and frame.f_code is code:
            asked.append(frame.f_locals["text"])

    for name in manifest(root):
        for doc in load(root / name)[1]:
            if doc.format is Format.HTML:
                cells._role.cache_clear()
                sys.setprofile(spy)
                try:
                    reader.html_drafts(doc)
                finally:
                    sys.setprofile(None)
    cells._role.cache_clear()
    yield from dict.fromkeys(asked)


@pytest.mark.corpus
def test_early_answers_agree_on_every_corpus_cell_and_run(corpus_dir: Path) -> None:
    texts = list(_cell_texts(corpus_dir))
    assert len(texts) > 10_000
    plain = sum(plain_figure(t) is not None for t in texts)
    assert plain > len(texts) // 2  # most cells a table asks of print a plain figure
    for text in texts:
        _agree(text)
    for name in manifest(corpus_dir):
        for doc in load(corpus_dir / name)[1]:
            if doc.format is Format.TEXT:
                for line in doc.lines:
                    for _, _, run in lines.chunks(line):
                        _agree(run)


def test_early_answers_agree_on_each_code_point_leading() -> None:
    # both early answers begin with an ASCII character; the others (the case-blind
    # patterns' folds among them: K, \u017f, \u0131, \u0130) are tried through U+2FFF
    for point in range(0x3000):
        char = chr(point)
        for text in (char, char + "x", char + "ts", char + "1", "(" + char):
            _agree(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join))
def test_early_answers_agree_on_generated_prints(text: str) -> None:
    _agree(text)


@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=8))
def test_early_answers_agree_on_any_text(text: str) -> None:
    _agree(text)


def test_plain_shapes_are_read_by_the_early_answer() -> None:
    for text in ("42,934", "3.57", "(489)", "(1,173", "1,173)", "$1,720", "$ 61", "63%",
                 "(2)%", ".93", "-9", "2021"):  # fmt: skip
        assert plain_figure(text) is not None, text
    for text in ("9" * 19, "1,2", "($258)", "(9%)", "- 7%", "$", "—", "12 %", "\u0663"):
        assert plain_figure(text) is None, text
    assert cells._role.__wrapped__("2021")[0] is cells.Role.YEAR
    assert cells._role.__wrapped__("20210")[0] is cells.Role.FIGURE


def _look_read_whole(value: str) -> Any:
    """``style.look`` with every reading made (its rules and indent never skipped)."""
    declared = style.parse_style(value)
    return style.Look(
        top=style.border(declared, "top"),
        bottom=style.border(declared, "bottom"),
        indent=style.indent(declared),
        bold=style.is_bold(declared),
        hidden=style.is_hidden(declared),
        display=declared.get("display", ""),
        underline=style.underline(declared),
        raised=declared.get("vertical-align") in ("super", "top"),
    )


def _look_agrees(value: str) -> None:
    assert repr(style.look.__wrapped__(value)) == repr(_look_read_whole(value)), value


@pytest.mark.corpus
def test_a_look_agrees_on_every_corpus_style(corpus_dir: Path) -> None:
    attribute = re.compile(r"""style\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
    values = {
        a or b
        for name in manifest(corpus_dir)
        for doc in load(corpus_dir / name)[1]
        if doc.format is Format.HTML
        for a, b in attribute.findall(doc.text)
    }
    assert len(values) > 1000
    for value in values:
        _look_agrees(value)


_DECLARATIONS = ["border:1px solid #000", "BORDER-TOP:2pt double", "border-bottom: solid 1px",
                 "border-style:none solid", "Padding-Left:5pt", "padding:1px 2px 3px",
                 "margin:0 0 0 10pt", "text-indent:-9pt", "MARGIN-LEFT:2em", "border-width:0",
                 "border-bottom-color:white", "font-weight:bold", "display:none",
                 "vertical-align:super", "text-decoration:underline double", "bOrDeR:thin",
                 "border-bottom-style:double", "padding-left:x", "color:red", " ", ""]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_DECLARATIONS), min_size=1, max_size=5).map(";".join))
def test_a_look_agrees_on_generated_declarations(value: str) -> None:
    _look_agrees(value)


def _atoms(span: Span) -> bool:
    """Whether every field of a span is an object the collector does not track."""
    return not any(gc.is_tracked(getattr(span, f.name)) for f in fields(Span))


@pytest.mark.skipif(
    None in (where._RUN_SPAN, where._RUN_SPANS, where._WHOLE_SPAN),
    reason="the C extension is not built here, or Python is asked for",
)
def test_the_compiled_spans_are_left_to_reference_counting() -> None:
    text = "Revenue  1,234\nNet income   (56)\n" * 3
    doc = Document(Source("x.htm", "0" * 64, len(text), Format.HTML), text, 1, Format.HTML)
    locator = where.Locator(doc)
    made = [
        locator.span(Text("1,234", ((0, 9),))),  # one run: run_span
        locator.span(Text("Net income (56)", ((0, 15), (11, 28)))),  # a whole span
        *(span for _, span in locator.run_spans(Text("Revenue 1,234", ((0, 0), (8, 9))))),
    ]
    assert made and all(isinstance(s, Span) for s in made)
    for span in made:
        assert _atoms(span) and not gc.is_tracked(span), span
    # a span of the Python is tracked, as CPython tracks any instance of the class
    assert gc.is_tracked(Span(1, 0, 1, 0))
