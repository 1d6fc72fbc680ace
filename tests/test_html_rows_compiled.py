"""The compiled passes of the table reader's rows (readers/html/_grid.c) against their
Python specifications.

- ``cells.items_of``: ``_grid.items`` against ``cells._items_python`` (a row's cells that
  hold something, each with its role);
- ``parts._kinds``: ``_grid.kinds`` against ``parts._kinds_python`` (each grid row's
  kind and the figures after its label);
- ``parts._columns``: ``_grid.groups`` against ``parts._groups_python`` (a part's figure
  columns before footnote columns are left out);
- ``parts.split``: ``_grid.split`` against ``parts._split_python`` (a grid's rows cut into
  parts, each with its title, header, body, period, columns and the part above it; the
  kinds and groups of the Python checked on the way as above);
- ``columns.header_texts``: ``_grid.header_texts`` against
  ``columns._header_texts_python`` (the header texts over each of a part's columns, those
  of the part above kept, and those left of the columns);
- ``rows.row_drafts``: ``_grid.part_rows`` against ``rows._row_drafts_python`` (a part's
  rows as printed: labels run on, figures placed, rules, every record and span);
- ``where.Locator``: ``_grid.run_span`` against ``Locator._run_python`` (the span of a
  text that is one run of the file on one line) and ``_grid.run_spans`` against
  ``Locator._run_spans_python`` (the span of each run of a paragraph).

Every corpus HTML document is read with both, its table drafts and paragraphs compared
whole (types included, through their repr) and each call compared on the way; generated
texts, places, cells, rows and grids besides. ``TIEOUT_PURE_PYTHON=1`` sets the compiled
passes aside as it does the others (``extensions.python_forced``).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import manifest
from tieout.model import CellFlag, Document, Format, Rule, Source, Span
from tieout.readers.html.cells import Item, Role
from tieout.readers.html.grid import Grid, GridCell, GridRow
from tieout.readers.html.parts import Kind, Line
from tieout.readers.html.text import Text
from tieout.sources import load
from tieout.tables.drafts import FigureDraft, RowDraft

cells_module = sys.modules["tieout.readers.html.cells"]
columns_module = sys.modules["tieout.readers.html.columns"]
parts_module = sys.modules["tieout.readers.html.parts"]
rows_module = sys.modules["tieout.readers.html.rows"]
tables_module = sys.modules["tieout.readers.html.tables"]
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
        where._whole = lambda v, p, last: grid.span(
            Span, slots, near, starts, first, start, v, p, last
        )
    else:
        where._run, where._runs = where._run_python, where._run_spans_python
        where._whole = None
    return where


class _Checked:
    """Patches the reader to run one set of paths and to check, on every call, that the
    compiled pass and the specification give the same answer."""

    def __init__(self, patch: pytest.MonkeyPatch, compiled: bool) -> None:
        self.calls = {"items": 0, "kinds": 0, "groups": 0, "split": 0, "heads": 0,
                      "rows": 0, "run_span": 0, "run_spans": 0, "span": 0}  # fmt: skip
        items = _items_compiled()
        grid = _grid()

        def items_of(cells: tuple[GridCell, ...]) -> tuple[Item, ...]:
            expected, got = cells_module._items_python(cells), items(cells)
            _same(got, expected, "items_of")
            assert type(got) is tuple and all(type(i) is Item for i in got)
            self.calls["items"] += 1
            return got if compiled else expected

        def kinds(table: Grid) -> tuple[list[Line], list[list[Item]]]:
            with pytest.MonkeyPatch.context() as inner:  # the items of both checked too
                inner.setattr(parts_module, "items_of", items_of)
                expected = parts_module._kinds_python(table)
            got = grid.kinds(parts_module._KINDS_CONFIG, table.rows)
            _same(got, expected, "kinds")
            assert type(got) is tuple and all(type(line) is Line for line in got[0])
            assert all(type(i) is Item for found in got[1] for i in found)
            self.calls["kinds"] += 1
            return got if compiled else expected

        def groups(figures: Kind, body: list[Line], strong: list[list[Item]]) -> Any:
            expected = parts_module._groups_python(body, strong)
            got = grid.groups(figures, body, strong)
            _same(got, expected, "groups")
            self.calls["groups"] += 1
            return got if compiled else expected

        def split(table: Grid) -> list[Any]:
            expected = parts_module._split_python(table)  # its kinds and groups checked
            got = grid.split(parts_module._SPLIT_CONFIG, table.rows)
            _same(got, expected, "split")
            assert type(got) is list and all(type(p) is parts_module.Part for p in got)
            self.calls["split"] += 1
            chosen: list[Any] = got if compiled else expected
            return chosen

        def header_texts(part: Any) -> Any:
            expected = columns_module._header_texts_python(part)
            got = grid.header_texts(part, parts_module._SCANNED)
            _same(got, expected, "header_texts")
            self.calls["heads"] += 1
            return got if compiled else expected

        def row_drafts(part: Any, where: Any) -> list[Any]:
            slots = rows_module._Slots.of(part.columns)
            expected = rows_module._row_drafts_python(part, slots, where)
            slots = rows_module._Slots.of(part.columns)  # each path fills its placements
            got = grid.part_rows(rows_module._PART_ROWS_CONFIG, slots, part.body, where)
            _same(got, expected, "part_rows")
            assert type(got) is list and all(type(r) is RowDraft for r in got)
            assert all(type(f) is FigureDraft and type(f.span) is Span
                       for r in got for f in r.figures)  # fmt: skip
            self.calls["rows"] += 1
            chosen: list[Any] = got if compiled else expected
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
            if not args and set(kwargs) <= {"on_last_line"}:
                # the compiled span of a whole text against Locator.span's Python
                on_last_line = kwargs.get("on_last_line", False)
                got = compiled_where._whole(text.value, text.pieces, on_last_line)
                assert got is not None
                _same(got, span(python, text, **kwargs), f"span {text!r}")
                self.calls["span"] += 1
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
        patch.setattr(parts_module, "_kinds", kinds)
        patch.setattr(parts_module, "_GROUPS", groups)
        patch.setattr(parts_module, "split", split)
        patch.setattr(tables_module, "split", split)
        patch.setattr(tables_module, "header_texts", header_texts)
        patch.setattr(rows_module, "row_drafts", row_drafts)
        patch.setattr(tables_module, "row_drafts", row_drafts)
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
    totals = {"items": 0, "kinds": 0, "groups": 0, "split": 0, "heads": 0, "rows": 0,
              "run_span": 0, "run_spans": 0, "span": 0}  # fmt: skip
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
    assert totals["items"] > 20_000 and totals["kinds"] > 1_000 and totals["groups"] > 500
    assert totals["split"] == totals["kinds"] and totals["heads"] == totals["rows"]
    assert totals["rows"] > 500 and totals["run_span"] > 50_000 and totals["run_spans"] > 5_000
    assert totals["span"] > 5_000


_LINES = st.lists(st.text(alphabet="ab $1\u00a0", max_size=12), min_size=1, max_size=6)
_PIECES = st.lists(
    st.tuples(st.integers(0, 70), st.integers(-1, 90)), max_size=4, unique_by=lambda p: p[0]
).map(lambda p: tuple(sorted(p)))


def _doc(lines: list[str], first_line: int, start_offset: int) -> Document:
    source = Source("x.htm", "0" * 64, 1, Format.HTML)
    return Document.of_lines(source, lines, first_line, Format.HTML, None, None, None, start_offset)


@needs_build
@settings(max_examples=400, deadline=None)
@given(_LINES, st.integers(1, 40), st.integers(0, 500), st.text(max_size=80), _PIECES)
def test_both_span_paths_agree_on_any_text_and_place(
    lines: list[str], first_line: int, start_offset: int, value: str, pieces: tuple[Any, ...]
) -> None:
    doc = _doc(lines, first_line, start_offset)
    python, compiled = _located(doc, False), _located(doc, True)
    for runs in (pieces, pieces[:1], pieces[::-1]):  # reversed: bisected as Python does
        _same(compiled._run(value, runs), python._run_python(value, runs), "run_span")
        _same(compiled.run_spans(Text(value, runs)), python.run_spans(Text(value, runs)), "spans")
        for on_last_line in (False, True):
            text = Text(value, runs)
            expected = python.span(text, on_last_line=on_last_line)
            _same(compiled.span(text, on_last_line=on_last_line), expected, "span")
            whole = _grid().span(Span, where_module._SPAN_SLOTS, where_module._NEAR,
                                 python._starts, first_line, start_offset, value, runs,
                                 on_last_line)  # fmt: skip
            assert whole is not None
            _same(whole, expected, "whole span")


_CELL_TEXTS = ["", "1,234", "(5", ")", "%", "%)", "$", "US$", "2004", "n/a", "NM", "*",
               "-----", "===", "—", "Revenue", "(a)", "12", "1,2", "3.5x", "(12)%", "Total",
               "First Quarter 2022", "and other", " Net  income ", "1", "(In millions)",
               "Three Months Ended", "(1)"]  # fmt: skip
_RULES = (Rule.NONE, Rule.NONE, Rule.SINGLE, Rule.DOUBLE)
_CELL = st.tuples(
    st.sampled_from(_CELL_TEXTS),
    st.integers(1, 3),
    st.sampled_from(_RULES),
    st.sampled_from(_RULES),
    st.booleans(),
    st.booleans(),  # the text in two runs of the file
)


def _row(cells: list[Any], line: int = 0) -> tuple[GridCell, ...]:
    made, col = [], 0
    for text, span, top, bottom, bold, two in cells:
        at = line * 501 + col * 10
        pieces = ((0, at), (2, at + 300)) if two and len(text) > 3 else ((0, at),)
        made.append(
            GridCell(col, span, col + span, Text(text, pieces if text else ()), "", bold,
                     float(col), top, bottom, at)
        )  # fmt: skip
        col += span
    return tuple(made)


def _cells(text: str, span: int = 1) -> list[Any]:
    return [(text, span, Rule.NONE, Rule.NONE, False, False)]


@needs_build
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_CELL, max_size=8), st.sampled_from(_RULES), st.sampled_from(_RULES)),
        max_size=10,
    )
)
def test_both_paths_agree_on_any_grid(rows: list[Any]) -> None:
    grid = _grid()
    table = Grid(
        tuple(GridRow(_row(cells, k), k * 501, top, bottom) for k, (cells, top, bottom) in
              enumerate(rows)),
        40,
        0,
    )  # fmt: skip
    for row in table.rows:
        _same(_items_compiled()(row.cells), cells_module._items_python(row.cells), "items")
    expected = parts_module._kinds_python(table)
    _same(grid.kinds(parts_module._KINDS_CONFIG, table.rows), expected, "kinds")
    where = Locator(_doc(["x" * 500] * (len(rows) + 1), 3, 7))
    lines, strong = expected
    for body in (lines, [x for x in lines if x.kind is not Kind.LABEL], lines[::-1]):
        _same(grid.groups(Kind.FIGURES, body, strong),
              parts_module._groups_python(body, strong), "groups")  # fmt: skip
    _same(grid.split(parts_module._SPLIT_CONFIG, table.rows), parts_module._split_python(table),
          "split")  # fmt: skip
    for part in parts_module.split(table):
        _same(grid.header_texts(part, parts_module._SCANNED),
              columns_module._header_texts_python(part), "header_texts")  # fmt: skip
        slots = rows_module._Slots.of(part.columns)
        made = rows_module._row_drafts_python(part, slots, where)
        slots = rows_module._Slots.of(part.columns)
        _same(grid.part_rows(rows_module._PART_ROWS_CONFIG, slots, part.body, where), made,
              "part_rows")  # fmt: skip


_WIDE_TEXTS = ["", "", "1,234", "(5", ")", "$", "2023", "2022", "1", "2", "(a)", "1,2",
               "Revenue", "Total", "First Quarter 2022", "(In millions)", "12", "3.5"]  # fmt: skip


@needs_build
@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(_WIDE_TEXTS), st.integers(1, 2)), max_size=30),
        max_size=14,
    )
)
def test_both_paths_split_a_wide_grid_alike(rows: list[Any]) -> None:
    # more columns than Slots scans (parts._SCANNED): a header's and a footnote column's
    # columns found by bisection where they ascend, by a scan where they do not
    table = Grid(
        tuple(
            GridRow(_row([(t, span, Rule.NONE, Rule.NONE, False, False) for t, span in cells],
                         k), k * 501)
            for k, cells in enumerate(rows)
        ),
        40,
        0,
    )  # fmt: skip
    expected = parts_module._split_python(table)
    _same(_grid().split(parts_module._SPLIT_CONFIG, table.rows), expected, "split")
    for part in expected:
        _same(_grid().header_texts(part, parts_module._SCANNED),
              columns_module._header_texts_python(part), "header_texts")  # fmt: skip


@needs_build
def test_figures_in_many_slots_are_grouped_the_same_both_ways() -> None:
    # more slots than the compiled sort buckets (its FEW_ENDS), rows in order and not
    grid = _grid()
    rows = [
        [*_cells("Revenue"), *(c for k in range(80) for c in _cells(f"{k + 3},{k:03d}"))],
        [*_cells("Costs"), *(c for k in range(80) for c in _cells(f"{k + 1}", 1 + k % 2))],
        [*_cells(""), *(c for k in range(20) for c in _cells(f"{k + 2},000", 4))],
    ]
    table = Grid(tuple(GridRow(_row(cells, k), k * 501) for k, cells in enumerate(rows)), 9, 0)
    lines, strong = parts_module._kinds_python(table)
    for body in (lines, lines[::-1], lines[:2]):
        expected = parts_module._groups_python(body, strong)
        assert len(expected) > 1
        _same(grid.groups(Kind.FIGURES, body, strong), expected, "groups")
    _same(grid.split(parts_module._SPLIT_CONFIG, table.rows), parts_module._split_python(table),
          "split")  # fmt: skip


def test_a_grid_is_split_into_its_tables_the_same_both_ways() -> None:
    # a fixed grid: a title over a header, a scale note under it, a period row cutting
    # the table in two (the header kept), a second header lower down opening a table
    # with the label rows above it as its title, and a column of footnote numbers
    rows = [
        [*_cells("Condensed Statements")],
        [],
        [*_cells(""), *_cells("2023"), *_cells(""), *_cells("2022")],
        [*_cells("First Quarter 2022")],
        [*_cells("(In millions)")],
        [*_cells("Revenue"), *_cells("1,234"), *_cells(""), *_cells("1,100"), *_cells("1")],
        [*_cells("Costs"), *_cells("(5"), *_cells(")"), *_cells("7"), *_cells("1,2")],
        [*_cells("Second Quarter 2022")],
        [*_cells("Revenue"), *_cells("1,300"), *_cells("1,200")],
        [],
        [*_cells("Segments")],
        [],
        [*_cells(""), *_cells("East"), *_cells("West")],
        [*_cells("Units"), *_cells("12"), *_cells("13")],
    ]  # fmt: skip
    table = Grid(tuple(GridRow(_row(cells, k), k * 501) for k, cells in enumerate(rows)), 9, 0)
    expected = parts_module._split_python(table)
    assert [[line.index for line in p.title] for p in expected] == [[0, 4], [0, 4], [10]]
    assert [p.period.value if p.period else None for p in expected] == [
        "First Quarter 2022", "Second Quarter 2022", None]  # fmt: skip
    assert [p.above is not None for p in expected] == [False, False, True]
    assert expected[2].above is expected[1]
    assert [len(p.columns) for p in expected] == [2, 2, 2]  # the footnote column left out
    if BUILT and parts_module._SPLIT is not None:
        got = _grid().split(parts_module._SPLIT_CONFIG, table.rows)
        _same(got, expected, "split")
        assert got[2].above is got[1]
        _same(parts_module.split(table), expected, "split")
        for part in got:
            _same(_grid().header_texts(part, parts_module._SCANNED),
                  columns_module._header_texts_python(part), "header_texts")  # fmt: skip


def test_a_grid_of_figures_is_drafted_the_same_both_ways() -> None:
    # a fixed grid the generated ones may miss: a label run on to the next row, rules
    # under the figures and a rule row of characters between two rows, a `$` and a `)`
    rows = [
        [*_cells(""), *_cells("2023"), *_cells("2022")],
        [*_cells("Revenue from sales")],
        [*_cells(""), *_cells("$"), *_cells("(1,234"), *_cells(")"), *_cells("567")],
        [*_cells("Other"), *_cells("12"), *_cells("13")],
        [*_cells("---------"), *_cells("-----"), *_cells("=====")],
        [("Total", 1, Rule.SINGLE, Rule.DOUBLE, True, False), *_cells("1,246"),
         *_cells("580")],
    ]  # fmt: skip
    table = Grid(tuple(GridRow(_row(cells, k), k * 501) for k, cells in enumerate(rows)), 9, 0)
    where = Locator(_doc(["x" * 500] * 6, 1, 0))
    (part,) = parts_module.split(table)
    made = rows_module._row_drafts_python(part, rows_module._Slots.of(part.columns), where)
    assert [r.label for r in made] == ["Revenue from sales", "Other", "Total"]
    assert [[f.raw for f in r.figures] for r in made] == [["(1,234)", "567"], ["12", "13"],
                                                          ["1,246", "580"]]  # fmt: skip
    assert CellFlag.DOLLAR in made[0].figures[0].figure.flags
    assert [(r.rule_above, r.rule_below) for r in made] == [
        (Rule.NONE, Rule.NONE),
        (Rule.NONE, Rule.DOUBLE),
        (Rule.DOUBLE, Rule.NONE),
    ]
    assert [r.bold for r in made] == [False, False, True]
    if BUILT and rows_module._PART_ROWS is not None:
        slots = rows_module._Slots.of(part.columns)
        _same(rows_module.row_drafts(part, where), made, "row_drafts")
        _same(_grid().part_rows(rows_module._PART_ROWS_CONFIG, slots, part.body, where), made,
              "part_rows")  # fmt: skip


@needs_build
def test_the_compiled_passes_check_what_they_are_given() -> None:
    grid = _grid()
    with pytest.raises(TypeError, match="a tuple of cells"):
        grid.items(len, Item, Role.EMPTY, [1])
    with pytest.raises(TypeError, match="GridCell"):
        grid.items(len, Item, Role.EMPTY, ((1, 2),))
    with pytest.raises(TypeError, match="pair"):
        cell = _row(_cells("1"))[0]
        grid.items(lambda text: (Role.TEXT,), Item, Role.EMPTY, (cell,))
    slots = where_module._SPAN_SLOTS
    with pytest.raises(TypeError, match="line starts"):
        grid.run_span(Span, slots, 65, (0,), 1, 0, "a", ((0, 0),))
    with pytest.raises(TypeError, match="pair"):
        grid.run_span(Span, slots, 65, [0], 1, 0, "a", ((0, 0, 0),))
    with pytest.raises(TypeError, match="line starts"):
        grid.run_spans(Span, slots[:5], [0], 1, 0, "a", ((0, 0),))
    with pytest.raises(TypeError, match="pair"):
        grid.run_spans(Span, slots, [0], 1, 0, "a", ((0, 0), 5))
    with pytest.raises(TypeError, match="not a slot"):
        grid.run_span(Span, (len,) * 6, 65, [0], 1, 0, "a", ((0, 0),))
    config = parts_module._KINDS_CONFIG
    with pytest.raises(TypeError, match="tuple of rows"):
        grid.kinds(config, [GridRow((), 0)])
    with pytest.raises(TypeError):
        grid.kinds(config[:3], ())
    with pytest.raises(TypeError, match="GridCell"):
        grid.kinds(config, (GridRow(((1, 2),), 0),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="list of lines"):
        grid.groups(Kind.FIGURES, (), [])
    line = Line(0, GridRow((), 0), (), Kind.FIGURES)
    with pytest.raises(IndexError, match="figures listed"):
        grid.groups(Kind.FIGURES, [line], [])
    with pytest.raises(TypeError, match="an item is"):
        grid.groups(Kind.FIGURES, [line], [[(1, 2)]])
    split_config = parts_module._SPLIT_CONFIG
    with pytest.raises(TypeError, match="tuple of rows"):
        grid.split(split_config, [GridRow((), 0)])
    with pytest.raises(TypeError):
        grid.split(split_config[:5], ())
    with pytest.raises(TypeError, match="GridCell"):
        grid.split(split_config, (GridRow(((1, 2),), 0),))  # type: ignore[arg-type]
    assert grid.split(split_config, ()) == []
    part = parts_module.Part(columns=[(1, 2)])
    with pytest.raises(TypeError, match="a part and a width"):
        grid.header_texts(part)
    part.columns = [(1, 2, 3)]  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"\(lo, hi\)"):
        grid.header_texts(part, 12)
    part.columns = [(1, 2)]
    part.header = [Line(0, GridRow((), 0), ((1, 2),), Kind.HEADER)]  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a line's items are"):
        grid.header_texts(part, 12)
    where = Locator(_doc(["a"], 1, 0))
    part_config = rows_module._PART_ROWS_CONFIG
    empty = rows_module._Slots.of([])
    with pytest.raises(TypeError, match="part_rows"):
        grid.part_rows(part_config, empty, (), where)
    with pytest.raises(TypeError):
        grid.part_rows(part_config[:4], empty, [], where)
    with pytest.raises(IndexError, match="no columns"):
        grid.part_rows(part_config, empty, [line], where)
    bad = Line(0, GridRow((), 0), ((1, 2),), Kind.LABEL)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="an item is"):
        grid.part_rows(part_config, rows_module._Slots.of([(1, 2)]), [bad], where)
    assert grid.part_rows(part_config, empty, [], where) == []


def _marked_part() -> tuple[Any, Any]:
    """A part of one row: a label, a `$` cell, a figure and a `)` printed apart, another
    figure with a footnote mark in its cell; and a Locator of its text."""
    cells = [*_cells("Net loss"), *_cells("$"), *_cells("(1,234"), *_cells(")"), *_cells("5")]
    row = list(_row(cells))
    row[-1] = row[-1]._replace(marks="(a)")
    table = Grid((GridRow(tuple(row), 0),), 9, 0)
    (part,) = parts_module.split(table)
    return part, Locator(_doc(["x" * 500], 1, 0))


@needs_build
def test_a_figure_with_marks_is_flagged_once_per_print_and_marks() -> None:
    # rows._flagged keeps each figure with its marks folded in by the figure and the
    # marks: the compiled pass keeps them in the same dict, so the same figure drafted
    # twice gives the same Figure, equal to the Python's; a full dict is emptied first
    grid = _grid()
    part, where = _marked_part()
    expected = rows_module._row_drafts_python(part, rows_module._Slots.of(part.columns), where)
    known: dict[Any, Any] = {}
    config = list(rows_module._PART_ROWS_CONFIG)
    records = list(config[7])
    flagging = records[4]
    records[4] = (known, 8, *flagging[2:])
    config[7] = tuple(records)
    first = grid.part_rows(tuple(config), rows_module._Slots.of(part.columns), part.body, where)
    _same(first, expected, "part_rows")
    dollar, marked = (f.figure for f in first[0].figures)
    assert {CellFlag.DOLLAR, CellFlag.SPLIT} <= dollar.flags
    assert CellFlag.FOOTNOTE in marked.flags and CellFlag.DOLLAR not in marked.flags
    assert len(known) == 2 and all(made in (dollar, marked) for _, made in known.values())
    again = grid.part_rows(tuple(config), rows_module._Slots.of(part.columns), part.body, where)
    assert [f.figure for f in again[0].figures] == [dollar, marked]
    assert all(
        a.figure is b.figure for a, b in zip(again[0].figures, first[0].figures, strict=True)
    )
    records[4] = (known, 2, *flagging[2:])  # full: emptied before the next is kept
    config[7] = tuple(records)
    known.clear()
    known.update({("not", "a", "figure", k): (None, None) for k in range(2)})
    third = grid.part_rows(tuple(config), rows_module._Slots.of(part.columns), part.body, where)
    _same(third, expected, "part_rows")
    assert len(known) == 2 and all(key[0] != "not" for key in known)
    records[4] = ([], 8, *flagging[2:])
    config[7] = tuple(records)
    with pytest.raises(TypeError):
        grid.part_rows(tuple(config), rows_module._Slots.of(part.columns), part.body, where)


@needs_build
def test_a_closer_is_read_with_the_figure_before_it_as_python_reads_it() -> None:
    # the compiled pass asks rows._closing of the figure's print and the closer's words
    # and remakes the placed figure with its answer; an answer of another shape is refused
    grid = _grid()
    part, where = _marked_part()
    slots = rows_module._Slots.of(part.columns)
    made = grid.part_rows(rows_module._PART_ROWS_CONFIG, slots, part.body, where)
    assert [f.raw for f in made[0].figures] == ["(1,234)", "5"]
    config = list(rows_module._PART_ROWS_CONFIG)
    config[2] = lambda raw, closer: None  # never read as one: the closer left alone
    alone = grid.part_rows(tuple(config), rows_module._Slots.of(part.columns), part.body, where)
    assert [f.raw for f in alone[0].figures] == ["(1,234", "5"]
    config[2] = lambda raw, closer: (raw, None)
    with pytest.raises(TypeError, match="closing"):
        grid.part_rows(tuple(config), rows_module._Slots.of(part.columns), part.body, where)


@needs_build
def test_a_record_is_set_through_its_slots_or_refused() -> None:
    # slotted_record writes a record's slots where their descriptors say; a descriptor of
    # another record's slot is set through its own __set__, which refuses the record
    grid = _grid()
    slots = where_module._SPAN_SLOTS
    made = grid.run_span(Span, slots, 65, [0], 1, 0, "a", ((0, 0),))
    assert made == Span(1, 0, 1, 0) and type(made) is Span
    others = tuple(getattr(RowDraft, name) for name in ("label", "label_span", "indent",
                                                         "line", "figures", "bold"))  # fmt: skip
    with pytest.raises(TypeError):
        grid.run_span(Span, others, 65, [0], 1, 0, "a", ((0, 0),))
