"""The compiled passes of the table reader's rows (readers/html/_grid.c) against their
Python specifications.

- ``cells.items_of``: ``_grid.items`` against ``cells._items_python`` (a row's cells that
  hold something, each with its role);
- ``rows._figures``: ``_grid.place`` against ``rows._figures_python`` (a row's label
  items and its figures placed in their columns);
- ``rows._figure`` of each figure of a row: ``_grid.figure_drafts`` (the figure's marks
  folded in by ``rows._flagged``, a cell with inline XBRL read by ``rows._figure``);
- ``where.Locator``: ``_grid.run_span`` against ``Locator._run_python`` (the span of a
  text that is one run of the file on one line) and ``_grid.run_spans`` against
  ``Locator._run_spans_python`` (the span of each run of a paragraph).

Every corpus HTML document is read with both, its table drafts and paragraphs compared
whole (types included, through their repr) and each call compared on the way; generated
texts, places, cells and rows besides. ``TIEOUT_PURE_PYTHON=1`` sets the compiled passes
aside as it does the others (``extensions.python_forced``).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import manifest
from tieout.model import Document, Format, Source, Span
from tieout.readers.html.cells import Item, Role
from tieout.readers.html.grid import GridCell, GridRow
from tieout.readers.html.parts import Kind, Line
from tieout.readers.html.text import Text
from tieout.sources import load

cells_module = sys.modules["tieout.readers.html.cells"]
parts_module = sys.modules["tieout.readers.html.parts"]
rows_module = sys.modules["tieout.readers.html.rows"]
where_module = sys.modules["tieout.readers.html.where"]
reader = sys.modules["tieout.readers.html"]
Locator = where_module.Locator

BUILT = importlib.util.find_spec("tieout.readers.html._grid") is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _grid() -> Any:
    from tieout.readers.html import _grid

    return _grid


def _items_compiled() -> Callable[[tuple[GridCell, ...]], tuple[Item, ...]]:
    made = cells_module._compiled_items()
    if made is None:  # the environment forces Python: the extension as it is built
        grid = _grid()
        return lambda cells: grid.items(cells_module._role, Item, Role.EMPTY, cells)
    return made  # type: ignore[no-any-return]


def _same(a: object, b: object, where: str) -> None:
    """Equal, and equal in their repr: the same types all the way down."""
    assert a == b, where
    assert repr(a) == repr(b), where


def _located(doc: Document, compiled: bool) -> Any:
    """A Locator of ``doc`` that finds one-run spans with the compiled pass or Python's."""
    where = Locator(doc)
    if compiled:
        grid = _grid()
        slots = where_module._SPAN_SLOTS
        starts, first, start = where._starts, doc.first_line, doc.start_offset
        near = where_module._NEAR
        where._run = lambda v, p: grid.run_span(Span, slots, near, starts, first, start, v, p)
        where._runs = lambda v, p: grid.run_spans(Span, slots, starts, first, start, v, p)
    else:
        where._run, where._runs = where._run_python, where._run_spans_python
    return where


class _Checked:
    """Patches the reader to run one set of paths and to check, on every call, that the
    compiled pass and the specification give the same answer."""

    def __init__(self, patch: pytest.MonkeyPatch, compiled: bool) -> None:
        self.calls = {"items": 0, "place": 0, "drafts": 0, "run_span": 0, "run_spans": 0}
        items = _items_compiled()

        def items_of(cells: tuple[GridCell, ...]) -> tuple[Item, ...]:
            expected, got = cells_module._items_python(cells), items(cells)
            _same(got, expected, "items_of")
            assert type(got) is tuple and all(type(i) is Item for i in got)
            self.calls["items"] += 1
            return got if compiled else expected

        grid = _grid()
        roles = rows_module._PLACE_ROLES
        placed_type, closed = rows_module._Placed, rows_module._closed

        def figures(line: Line, slots: Any) -> Any:
            found = dict(slots.found)
            expected = rows_module._figures_python(line, slots)
            slots.found.clear()
            slots.found.update(found)  # each path fills the placements it finds
            got = grid.place(roles, placed_type, closed, slots.column, slots.found,
                             slots.los[0], line.items)  # fmt: skip
            assert type(got) is tuple and type(got[0]) is type(got[1]) is list
            assert all(type(p) is placed_type for p in got[1])
            _same(got, expected, "place")
            self.calls["place"] += 1
            return got if compiled else expected

        def figure_drafts(placed: list[Any], where: Any) -> tuple[Any, ...]:
            expected = tuple([rows_module._figure(f, where) for f in placed])
            got = grid.figure_drafts(rows_module.FigureDraft, rows_module._DRAFT_SLOTS,
                                     rows_module._flagged, rows_module._figure, where, placed)  # fmt: skip
            _same(got, expected, "figure_drafts")
            assert all(type(d) is rows_module.FigureDraft for d in got)
            assert all(type(d.span) is Span for d in got)
            self.calls["drafts"] += 1
            chosen: tuple[Any, ...] = got if compiled else expected
            return chosen

        span, spans = Locator.span, Locator.run_spans
        made: dict[int, tuple[Document, Any, Any]] = {}

        def both(doc: Document) -> tuple[Any, Any]:
            if id(doc) not in made:
                made[id(doc)] = (doc, _located(doc, False), _located(doc, True))
            return made[id(doc)][1:]

        def checked_span(where: Any, text: Text, *args: Any, **kwargs: Any) -> Span:
            python, compiled_where = both(where.doc)
            for pieces in {text.pieces, text.pieces[:1]}:
                expected = python._run_python(text.value, pieces)
                got = compiled_where._run(text.value, pieces)
                _same(got, expected, f"run_span {text!r}")
                assert got is None or type(got) is Span
                self.calls["run_span"] += 1
            made_span: Span = span(compiled_where if compiled else python, text, *args, **kwargs)
            return made_span

        def checked_spans(where: Any, text: Text) -> tuple[tuple[int, Span], ...]:
            python, compiled_where = both(where.doc)
            expected = spans(python, text)
            got = spans(compiled_where, text)
            _same(got, expected, f"run_spans {text!r}")
            assert all(type(s) is Span for _, s in got)
            self.calls["run_spans"] += 1
            chosen: tuple[tuple[int, Span], ...] = got if compiled else expected
            return chosen

        patch.setattr(cells_module, "items_of", items_of)
        patch.setattr(parts_module, "items_of", items_of)
        patch.setattr(rows_module, "_figures", figures)
        patch.setattr(rows_module, "_figure_drafts", figure_drafts)
        patch.setattr(Locator, "span", checked_span)
        patch.setattr(Locator, "run_spans", checked_spans)


def _html_documents(root: Path) -> Iterator[Document]:
    for name in manifest(root):
        for doc in load(root / name)[1]:
            if doc.format is Format.HTML:
                yield doc


@needs_build
@pytest.mark.corpus
def test_both_paths_agree_on_every_corpus_document(corpus_dir: Path) -> None:
    documents = 0
    totals = {"items": 0, "place": 0, "drafts": 0, "run_span": 0, "run_spans": 0}
    for doc in _html_documents(corpus_dir):
        read = []
        for compiled in (False, True):
            with pytest.MonkeyPatch.context() as patch:
                checked = _Checked(patch, compiled)
                read.append(reader.html_drafts(doc))
            for key, count in checked.calls.items():
                totals[key] += count
        _same(read[1], read[0], doc.source.path)
        documents += 1
    assert documents >= 10
    assert totals["items"] > 20_000 and totals["place"] > 10_000 and totals["drafts"] > 10_000
    assert totals["run_span"] > 100_000 and totals["run_spans"] > 5_000


_LINES = st.lists(st.text(alphabet="ab $1\u00a0", max_size=12), min_size=1, max_size=6)
_PIECES = st.lists(
    st.tuples(st.integers(0, 70), st.integers(-1, 90)), max_size=4, unique_by=lambda p: p[0]
).map(lambda p: tuple(sorted(p)))


def _doc(lines: list[str], first_line: int, start_offset: int) -> Document:
    source = Source("x.htm", "0" * 64, 1, Format.HTML)
    return Document(source, tuple(lines), first_line, Format.HTML, None, None, None, start_offset)


@needs_build
@settings(max_examples=400, deadline=None)
@given(_LINES, st.integers(1, 40), st.integers(0, 500), st.text(max_size=80), _PIECES)
def test_both_span_paths_agree_on_any_text_and_place(
    lines: list[str], first_line: int, start_offset: int, value: str, pieces: tuple[Any, ...]
) -> None:
    doc = _doc(lines, first_line, start_offset)
    python, compiled = _located(doc, False), _located(doc, True)
    for runs in (pieces, pieces[:1]):
        _same(compiled._run(value, runs), python._run_python(value, runs), "run_span")
        _same(compiled.run_spans(Text(value, runs)), python.run_spans(Text(value, runs)), "spans")
        for on_last_line in (False, True):
            text = Text(value, runs)
            _same(
                compiled.span(text, on_last_line=on_last_line),
                python.span(text, on_last_line=on_last_line),
                "span",
            )


_CELL_TEXTS = ["", "1,234", "(5", ")", "%", "%)", "$", "US$", "2004", "n/a", "NM", "*",
               "-----", "===", "—", "Revenue", "(a)", "12", "1,2", "3.5x", "(12)%", "Total"]  # fmt: skip
_CELL = st.tuples(st.sampled_from(_CELL_TEXTS), st.integers(1, 3))


def _row(cells: list[tuple[str, int]]) -> tuple[GridCell, ...]:
    made, col = [], 0
    for text, span in cells:
        made.append(
            GridCell(col, span, col + span, Text(text, ((0, col * 10),) if text else ()), "",
                     False, 0.0, rows_module._NO_RULE, rows_module._NO_RULE, col * 10)
        )  # fmt: skip
        col += span
    return tuple(made)


@needs_build
@settings(max_examples=400, deadline=None)
@given(st.lists(_CELL, max_size=12), st.lists(st.integers(0, 30), min_size=1, max_size=5))
def test_both_item_and_placing_paths_agree_on_any_row(
    cells: list[tuple[str, int]], bounds: list[int]
) -> None:
    row = _row(cells)
    items = _items_compiled()(row)
    _same(items, cells_module._items_python(row), "items")
    edges = sorted(set(bounds))
    columns = list(pairwise(edges)) or [(edges[0], 99)]
    line = Line(0, GridRow(row, 0), items, Kind.FIGURES)
    slots = rows_module._Slots.of(columns)
    expected = rows_module._figures_python(line, slots)
    found = dict(slots.found)
    slots = rows_module._Slots.of(columns)
    got = _grid().place(rows_module._PLACE_ROLES, rows_module._Placed, rows_module._closed,
                        slots.column, slots.found, slots.los[0], items)  # fmt: skip
    _same(got, expected, "place")
    assert slots.found == found


@needs_build
def test_the_compiled_passes_check_what_they_are_given() -> None:
    grid = _grid()
    with pytest.raises(TypeError, match="a tuple of cells"):
        grid.items(len, Item, Role.EMPTY, [1])
    with pytest.raises(TypeError, match="GridCell"):
        grid.items(len, Item, Role.EMPTY, ((1, 2),))
    with pytest.raises(TypeError, match="pair"):
        cell = _row([("1", 1)])[0]
        grid.items(lambda text: (Role.TEXT,), Item, Role.EMPTY, (cell,))
    with pytest.raises(TypeError, match="tuple of items"):
        grid.place((1, 2, 3, 4), tuple, len, len, {}, 0, [1])
    with pytest.raises(TypeError, match="an item is"):
        grid.place((1, 2, 3, 4), tuple, len, len, {}, 0, ((1,),))
    slots = where_module._SPAN_SLOTS
    with pytest.raises(TypeError, match="line starts"):
        grid.run_span(Span, slots, 65, (0,), 1, 0, "a", ((0, 0),))
    with pytest.raises(TypeError, match="pair"):
        grid.run_span(Span, slots, 65, [0], 1, 0, "a", ((0, 0, 0),))
    with pytest.raises(TypeError, match="line starts"):
        grid.run_spans(Span, slots[:5], [0], 1, 0, "a", ((0, 0),))
    with pytest.raises(TypeError, match="pair"):
        grid.run_spans(Span, slots, [0], 1, 0, "a", ((0, 0), 5))
    with pytest.raises(TypeError, match="list of placed figures"):
        grid.figure_drafts(Span, slots[:5], len, len, None, ())
    with pytest.raises(TypeError, match="a placed figure is"):
        grid.figure_drafts(Span, slots[:5], len, len, Locator(_doc(["a"], 1, 0)), [(1, 2)])
    with pytest.raises(TypeError, match="not a slot"):
        grid.run_span(Span, (len,) * 6, 65, [0], 1, 0, "a", ((0, 0),))
