"""The grids the compiled walk reads from libxml2's nodes (readers/html/_tree.c's
``fast_table``) are grid.py's ``build_grid`` of the table's Nodes.

The compiled parse of the unmarked text reads each table that holds no table into its
Grid as it reaches it (``Node.grid``, no children); blocks.py builds every other grid from
the Nodes, and grid.py's Python row (``_row_python``) is the specification. Here every
HTML document of every corpus release, and generated table soup (spans, rowspans,
colspans, captions, tables inside tables and inside cells, hidden rows and cells, text
between rows, bold and styles inherited from around the table, ``display`` layouts,
footnote marks, inline XBRL, ``<pre>``), is read into blocks both ways: the same blocks,
grids compared cell by cell, field by field, types included, and the same error when
either refuses the document.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import html_documents, manifest
from test_html_grid_compiled import _PIECES, _same
from tieout.errors import UnreadableInput
from tieout.extensions import PURE_PYTHON
from tieout.readers.html.blocks import Block, TableBlock, blocks_of
from tieout.readers.html.limits import MAX_TEXT
from tieout.readers.html.parse import Node, parse
from tieout.readers.html.scan import scan
from tieout.readers.html.style import PLAIN

grid_module = sys.modules["tieout.readers.html.grid"]
parse_module = sys.modules["tieout.readers.html.parse"]

needs_grids = pytest.mark.skipif(
    grid_module.GRIDS is None or not parse_module.POSITIONED,
    reason="the compiled walk does not read grids here",
)


def _blocks(text: str, grids: bool) -> tuple[list[Block], int]:
    """The blocks of a document, and how many of its grids the compiled walk read; without
    ``grids``, every grid is built by grid.py from the Nodes with its Python row."""
    root = parse(text, scan(text), "t.htm", grids=grids)
    if root is None:
        return [], 0
    read = sum(1 for node in root.iter() if node.grid is not None)
    if grids:
        return blocks_of(root, "t.htm"), read
    assert read == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grid_module, "row", grid_module._row_python)
        return blocks_of(root, "t.htm"), read


def _agree(text: str) -> int:
    """Both ways give the same blocks (or the same error): the grids read in C."""
    try:
        expected, _ = _blocks(text, grids=False)
    except UnreadableInput as error:
        with pytest.raises(UnreadableInput) as raised:
            _blocks(text, grids=True)
        assert str(raised.value) == str(error)
        return 0
    got, read = _blocks(text, grids=True)
    assert [type(b) for b in got] == [type(b) for b in expected]
    for k, (a, b) in enumerate(zip(got, expected, strict=True)):
        if isinstance(a, TableBlock) and isinstance(b, TableBlock):
            _same(b.grid, a.grid, f"block {k}")
        else:
            assert a == b, f"block {k}"
    return read


@needs_grids
@pytest.mark.corpus
def test_the_compiled_grids_are_build_grid_on_every_corpus_release(corpus_dir: Path) -> None:
    assert manifest(corpus_dir)
    documents = read = 0
    for _, text in html_documents(corpus_dir):
        read += _agree(text)
        documents += 1
    assert documents >= 10
    assert read > 500  # nearly every table of figures is read from libxml2's nodes


_ROWS = (
    "<tr><td>Revenue</td><td>$</td><td style='border-bottom:1px solid'>1,234</td></tr>"
    "<tr><td colspan=2 rowspan=2><b>Net</b> income</td><td><sup>(a)</sup>5</td></tr>"
    "<tr><td><font><p style='padding-left:9pt'>&nbsp;&nbsp;(5)</p></font></td></tr>"
    "<tr><td><font>1</font><font>&nbsp;</font></td><td>x<p style='border-top:1px solid'> </p>"
    "</td><td><b> </b> <p>y</p><hr></td><td><u> </u><font>2</font></td></tr>"
)


@needs_grids
def test_both_agree_around_and_inside_tables() -> None:
    read = 0
    for around in (
        "{}", "<b>{}</b>", "<div style='font-weight:bold'>{}</div>",
        "<div style='font-weight:bold'><span style='font-weight:normal'>{}</span></div>",
        "<strong><p>x</p>{}</strong>", "<pre>{}</pre>", "<div style='display:none'>{}</div>",
        "<table><tr><td>{}</td></tr></table>", "<p>a</p>{}<p>b</p>",
    ):  # fmt: skip
        for table in (
            "<table>{}</table>", "<table style='font-weight:bold'>{}</table>",
            "<table style='font-weight:normal'><tbody>{}</tbody></table>",
            "<table><caption>In millions</caption>{}</table>",
            "<table><colgroup><col width=5></colgroup><thead>{0}</thead><tfoot>{0}</tfoot></table>",
            "<table><form>{}</form></table>", "<table>x{}</table>",
            "<table>{}<tr style='display:none'><td>9</td></tr></table>",
            "<table>{}<tr><td><table><tr><td>in</td></tr></table></td></tr></table>",
            "<table>{}<tr><td><span style='display:inline-table'>1</span></td></tr></table>",
            "<table>{}<tr><td>1<script>x</script>2</td><td><i></i> <b>3</b></td></tr></table>",
            "<table><p style='display:table-row-group'>{}</p></table>",
            "<table>{}<tr><td><ix:nonfraction scale='3' sign='-'>7</ix:nonfraction></td></tr></table>",
            "<table>{}<tr><td rowspan='2x'>a</td><td colspan='&#50;'>b</td></tr></table>",
        ):  # fmt: skip
            html = "<html><body>" + around.format(table.format(_ROWS)) + "</body></html>"
            read += _agree(html)
    assert read >= 20


@needs_grids
def test_both_agree_when_a_bold_root_or_a_limit_is_met() -> None:
    assert _agree(f"<html style='font-weight:bold'><body><table>{_ROWS}</table></body></html>") == 0
    assert _agree(f"<html><body><table>{_ROWS}</table></body></html>") == 1
    for cell in (f"<td><font>{'x' * (MAX_TEXT + 1)}</font></td>", f"<td>{' ' * MAX_TEXT}1</td>"):
        _refused(f"<p>a</p><table><tr>{cell}</tr></table>", "t.htm")
    wide = "<tr>" + "<td colspan=1000>1</td><td>2</td>" + "</tr>"
    assert _agree(f"<table>{wide * 3}</table>") == 0  # past the widest: read from the Nodes
    _refused(f"<table>{'<tr><td colspan=999>1</td></tr>' * 101}</table>", "too large")


def _refused(text: str, match: str) -> None:
    """Both ways refuse the document, with the same message."""
    with pytest.raises(UnreadableInput, match=match) as expected:
        _blocks(text, grids=False)
    with pytest.raises(UnreadableInput) as got:
        _blocks(text, grids=True)
    assert str(got.value) == str(expected.value)


_MORE = [
    "<table style='font-weight:bold'>", "<b>", "</b>", "<thead>", "<tfoot>", "<caption>",
    "</caption>", "<colgroup>", "<col>", "<form>", "</form>", "<script>x</script>",
    "<span style='display:none'>9</span>", "<tr style='display:none'>",
    "<td style='display:none'>", "<tr style='font-weight:bold'>", "<pre>", "</pre>",
    "<table><tr><td>in</td></tr></table>", "<div style='display:inline-table'>",
    "<th style='font-weight:normal'>", "<td colspan=1000>", "<td rowspan=65535>",
    "<font>&nbsp;</font>", "<p style='border-top:1px solid'> </p>", "<b> </b>",
    "<span style='vertical-align:super'> </span>", "<i><br></i>", "<u> </u>",
]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_PIECES + _MORE), max_size=60).map(
    lambda p: "<body><table>" + "".join(p)
)


@needs_grids
@settings(max_examples=500, deadline=None)
@given(_SOUP)
def test_both_agree_on_table_soup(text: str) -> None:
    _agree(text)


@needs_grids
def test_a_table_read_in_c_has_its_grid_and_no_children() -> None:
    html = f"<html><body><p>x</p><table>{_ROWS}</table></body></html>"
    root = parse(html, scan(html), "t.htm")
    assert root is not None
    (table,) = [n for n in root.iter() if n.tag == "table"]
    assert isinstance(table, Node) and table.children == () and not table.holds_table
    assert table.grid is not None and len(table.grid.rows) == 4
    assert table.start == html.index("<table>")
    nodes = parse(html, scan(html), "t.htm", grids=False)
    assert nodes is not None
    (same,) = [n for n in nodes.iter() if n.tag == "table"]
    assert same.grid is None and len(same.children) == 4


def test_the_python_passes_read_every_grid_from_the_nodes() -> None:
    """Under ``TIEOUT_PURE_PYTHON=1`` no grid is read by the compiled walk: every table
    keeps its Nodes, from which blocks.py builds its grid."""
    code = (
        "import sys, tieout.readers.html\n"
        "grid = sys.modules['tieout.readers.html.grid']\n"
        "from tieout.readers.html.parse import parse\n"
        "from tieout.readers.html.scan import scan\n"
        "html = '<html><body><table><tr><td>1</td></tr></table></body></html>'\n"
        "root = parse(html, scan(html), 't.htm')\n"
        "(table,) = [n for n in root.iter() if n.tag == 'table']\n"
        "print(grid.GRIDS is None, table.grid is None, len(table.children))\n"
    )
    env = {**os.environ, PURE_PYTHON: "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "True", "1"]


@needs_grids
def test_the_compiled_walk_checks_the_grids_it_is_given() -> None:
    from tieout.readers.html import _tree

    text = "<table><tr><td>1</td></tr></table>"
    scanned = scan(text)
    root = parse_module._parse(scanned.marked, "x.htm")
    kinds = parse_module._NODE_KINDS
    grids = grid_module.GRIDS

    def walk(given: object) -> Node:
        got = _tree.tree(
            root, "html", PLAIN, text,
            scanned.run_starts, scanned.run_ends, scanned.tag_starts, scanned.tag_ends,
            (*kinds, given),
        )  # fmt: skip
        assert isinstance(got, Node)
        return got

    (table,) = [n for n in walk(grids).iter() if n.tag == "table"]
    assert table.grid is not None and table.grid.rows[0].cells[0].text.value == "1"
    slots = tuple(getattr(grid_module.Grid, name) for name in ("rows", "width", "start", "caption"))
    for bad in (
        ("GridRow",),
        (*grids[:8], (1000, 0, 1, 1), *grids[9:]),
        (*grids[:6], "", *grids[7:]),
        (*grids[:9], grids[9][:3]),  # GridRow's slots, one short
        (*grids[:9], slots),  # another record's slots
        grids[:9],
    ):
        with pytest.raises((TypeError, ValueError)):
            walk(bad)
    assert all(n.grid is None for n in walk(None).iter())
