"""The compiled row (readers/html/_grid.c) places and reads the cells of grid.py's row.

The same extension finds the words of a text of several pieces (``Text.words``'s general
path, ``text._words_python``), checked here on every element's text of every document
and on generated texts and places.

grid.py's ``_row_python`` (each cell placed by colspan and rowspan, read by ``_nested``
or ``_walked``) is the specification; the C row replaces it whenever the extension was
built. Both build every table of every corpus release here, and tables made of cells of
every shape the short path takes or refuses, of spans printed every way, and of generated
table soup. Grids are compared cell by cell, field by field, types included.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import html_documents, manifest
from test_html_grid_paths import _CELL_SHAPES
from tieout.errors import UnreadableInput
from tieout.readers.html.limits import MAX_TEXT
from tieout.readers.html.parse import Node, parse
from tieout.readers.html.scan import scan
from tieout.readers.html.text import Text, TextBuilder

grid_module = sys.modules["tieout.readers.html.grid"]
text_module = sys.modules["tieout.readers.html.text"]
Grid, GridCell, build_grid = grid_module.Grid, grid_module.GridCell, grid_module.build_grid

NAME = "tieout.readers.html._grid"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _compiled_row() -> object:
    row = grid_module._configured()  # even when the environment forces Python
    assert row is not None
    return row


def _same(a: object, b: object, where: str) -> None:
    assert isinstance(a, Grid) and isinstance(b, Grid)
    assert (a.width, a.start, a.caption) == (b.width, b.start, b.caption), where
    assert len(a.rows) == len(b.rows), where
    for k, (x, y) in enumerate(zip(a.rows, b.rows, strict=True)):
        at = f"{where} row {k}"
        assert (x.start, x.top, x.bottom) == (y.start, y.top, y.bottom), at
        assert len(x.cells) == len(y.cells), f"{at}: {len(x.cells)} != {len(y.cells)} cells"
        for c, d in zip(x.cells, y.cells, strict=True):
            assert type(c) is type(d) is GridCell, at
            for field, u, v in zip(GridCell._fields, c, d, strict=True):
                assert type(u) is type(v) and u == v, f"{at} col {c.col}: {field} {u!r} != {v!r}"
            assert type(c.text.value) is str and c.text.pieces == d.text.pieces, at
            assert all(type(p) is tuple and all(type(i) is int for i in p) for p in d.text.pieces)
    assert a == b, where


def _tables(root: Node) -> Iterator[Node]:
    return (node for node in root.iter() if node.is_table)


def _words_compiled(text: Text) -> Text:
    from tieout.readers.html._grid import words_of

    value, pieces = words_of(text.value, text.pieces)
    return Text(value, pieces)


def _words_agree(text: Text) -> None:
    """Both general paths of ``Text.words`` give the same text, types included."""
    expected = text_module._words_python(text)
    got = _words_compiled(text)
    assert type(got.value) is str and got == expected, f"{text!r}: {got!r} != {expected!r}"
    assert all(type(p) is tuple and all(type(i) is int for i in p) for p in got.pieces)


def _blocks_text(node: Node) -> Text:
    """Everything a node holds as one text of many pieces (as blocks.py joins runs)."""
    builder = TextBuilder()
    for child in node.children:
        builder.extend(child if isinstance(child, Text) else _blocks_text(child))
        builder.add(" ", -1)
    return builder.build()


def _agree(text: str, name: str = "test.htm") -> int:
    """Every table of a document built with both rows, the cells compared; and the words
    of every element's text, with both general paths of ``Text.words``."""
    try:
        root = parse(text, scan(text), name, grids=False)
    except UnreadableInput:
        return 0
    if root is None:
        return 0
    for node in root.iter():
        _words_agree(_blocks_text(node))
    compiled = _compiled_row()
    cells = 0
    for table in _tables(root):
        for bold in (False, True):
            got: list[object] = []
            for row in (grid_module._row_python, compiled):
                try:
                    with pytest.MonkeyPatch.context() as patch:
                        patch.setattr(grid_module, "row", row)
                        got.append(build_grid(table, bold, name))
                except UnreadableInput as error:
                    got.append(str(error))
            expected, made = got
            if not isinstance(expected, Grid):
                assert made == expected
                continue
            _same(expected, made, f"{name} table@{table.start}")
            cells += sum(len(r.cells) for r in expected.rows)
    return cells


@needs_build
@pytest.mark.corpus
def test_both_rows_agree_on_every_corpus_release(corpus_dir: Path) -> None:
    assert manifest(corpus_dir)
    documents = cells = 0
    for name, text in html_documents(corpus_dir):
        cells += _agree(text, name)
        documents += 1
    assert documents >= 10
    assert cells > 100_000


# cells read by walking all they hold: bold over half, half or under half of the words,
# marks alone (made the cell's text) or beside words, text split over runs and blocks
_WALKED = [
    "<td><b>ab</b>cd</td>", "<td>ab<b>cd</b>e</td>", "<td><b>abc</b>d<sup>1</sup></td>",
    "<td><sup> </sup><sup>(b)</sup>x</td>", "<td><sup>2</sup><sup>3</sup></td>",
    "<td>&nbsp;&nbsp;<b>Total</b> <i>net</i></td>", "<td><p>a</p>&#160;<div>b</div></td>",
    "<td><u>1</u> <span style='text-decoration:underline double'>2</span></td>",
    "<td><p style='padding-left:4pt'> <b>x</b> y</p></td>",
    "<td><span style='font-weight:normal'>a</span><b>b</b></td>",
    "<td>x<table><tr><td>in</td></tr></table>y<hr>z</td>",
]  # fmt: skip
_SPANS = ["", "2", " 3", "3 ", "0", "-1", "+2", "2x", "x", "١٢", "00004", "99999",
          "123456789", "1000000000000000000000", "2.5", "&#50;", "\u00a02"]  # fmt: skip


@needs_build
def test_both_rows_agree_on_every_cell_shape_and_span() -> None:
    cells = 0
    for shape in (*_CELL_SHAPES, *_WALKED):
        row = f"<tr>{shape}<td>1</td><th><b>x</b></th></tr>"
        cells += _agree(f"<html><body><table>{row}{row}</table></body></html>")
        styled = shape.replace("<td", "<td style='font-weight:bold;border-top:1px solid'", 1)
        cells += _agree(f"<table><tbody><tr>{styled}</tr></tbody></table>")
    for value in _SPANS:
        for attr in ("colspan", "rowspan"):
            cell = f"<td {attr}='{value}'>1</td>"
            rows = f"<tr><td>a</td>{cell}<td>b</td></tr><tr><td>c</td><td>d</td><td>e</td></tr>"
            cells += _agree(f"<table>{rows * 2}</table>")
    assert cells > 500


@needs_build
def test_both_rows_agree_on_tables_laid_out_by_display() -> None:
    cell = "<div style='display:table-cell'>{}</div>"
    row = "<div style='display:table-row'>" + cell.format("Net") + cell.format("1,234") + "</div>"
    assert _agree(f"<div style='display:table'>{row}<p>1</p>{row}</div>") >= 4
    assert _agree("<table><tr><td>a</td><div><td>b</td></div><p>c</p></tr></table>") >= 1


@needs_build
def test_both_rows_refuse_a_cell_over_the_text_limit() -> None:
    long = "x" * (MAX_TEXT + 1)
    blank = " " * (MAX_TEXT + 1)
    for shape in (
        f"<td><font>{long}</font></td>",
        f"<td><font>{blank}</font><font>1</font></td>",
        f"<td><p>{blank}</p></td>",
        f"<td><font>{long}</font><sup>1</sup></td>",
    ):
        html = f"<table><tr>{shape}</tr></table>"
        root = parse(html, scan(html), "big.htm", grids=False)
        assert root is not None
        (table,) = _tables(root)
        for row in (grid_module._row_python, _compiled_row()):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(grid_module, "row", row)
                with pytest.raises(UnreadableInput, match="big.htm"):
                    build_grid(table, False, "big.htm")


_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td colspan=2>",
    "<td colspan='3' rowspan='2'>", "<td rowspan=4>", "<td colspan=x9>", "<td rowspan=' 2'>",
    "<td style='border-bottom:1px solid'>", "<td style='font-weight:bold'>",
    "<td style='padding-left:10pt'>", "<tr style='font-weight:normal'>", "<tbody>", "<p>",
    "</p>", "<p style='text-indent:5pt;border-top:3px double'>", "<font>", "</font>",
    "<b>", "</b>", "<u>", "</u>", "<sup>", "</sup>", "<hr>", "<br>",
    "<span style='vertical-align:super'>", "<span style='text-decoration:underline'>",
    "</span>", "<ix:nonfraction scale='3' sign='-'>", "</ix:nonfraction>", "&nbsp;",
    "&#160;", "&amp;", " ", "\n", "\t", "1,234", "(5)", "Revenue", "Net  income", "$",
    "-----", "\u00a0\u00a0x", "é", "\x01", "<div style='display:table'>", "</div>",
    "<div style='display:table-row'>", "<div style='display:table-cell'>", "<sup>(a)</sup>",
    "<span style='vertical-align:top'>", "<u style='vertical-align:super'>", "&#151;", "x ",
    "<caption>", "<i>", "</i>", "<td><b>ab</b>cd</td>",
]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_PIECES), max_size=60).map(lambda p: "<table>" + "".join(p))


@needs_build
@settings(max_examples=400, deadline=None)
@given(_SOUP)
def test_both_rows_agree_on_table_soup(text: str) -> None:
    _agree(text)


_PLACES = st.lists(
    st.tuples(st.integers(0, 40), st.integers(-1, 500)), max_size=8, unique_by=lambda p: p[0]
).map(sorted)


@needs_build
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2028\x1cab$1,()é", max_size=40), _PLACES)
def test_both_paths_of_words_agree_on_any_text(value: str, places: list[tuple[int, int]]) -> None:
    pieces = tuple((i, off) for i, off in places if i < len(value))
    _words_agree(Text(value, pieces))


@needs_build
def test_the_compiled_row_checks_what_it_is_given() -> None:
    from tieout.readers.html import _grid

    _compiled_row()
    with pytest.raises(TypeError, match="5 arguments"):
        _grid.row(1, 2)  # type: ignore[call-arg, arg-type]
    with pytest.raises(TypeError, match="Node and a dict"):
        _grid.row(("tr",), False, False, {}, "x")  # not a Node
    with pytest.raises(TypeError):
        _grid.configure((1, 2))
    with pytest.raises(TypeError, match="a str and a tuple"):
        _grid.words_of("a b", [(0, 1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pair"):
        _grid.words_of("a b", ((0, 1, 2),))  # type: ignore[arg-type]
