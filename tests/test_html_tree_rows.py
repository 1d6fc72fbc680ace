"""The whitespace between a table's rows and cells makes no texts in the positioned tree.

Nothing reads it (the grid reads cells; the block reader starts a block at each row and
cell), so the tree leaves it out (``parse._ROWS``). Asserted here: where it is left out
and where not, and that the drafts and paragraphs of every corpus document and of tag
soup are the same as with every such text kept.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import html_documents
from tieout.errors import UnreadableInput
from tieout.model import Document, Format, Source
from tieout.readers.html import html_drafts
from tieout.readers.html.limits import MAX_TEXT
from tieout.readers.html.text import Text

parse_module = sys.modules["tieout.readers.html.parse"]
scan_module = sys.modules["tieout.readers.html.scan"]
Node = parse_module.Node
BUILT = importlib.util.find_spec("tieout.readers.html._tree") is not None


def _tree(text: str) -> Node:
    root = parse_module.parse(text, scan_module._scan_python(text), "t.htm", grids=False)
    assert root is not None
    return root


def _find(node: Node, tag: str) -> list[Node]:
    return [n for n in node.iter() if n.tag == tag]


def _python_trees(monkeypatch: pytest.MonkeyPatch, *, rule: bool) -> None:
    monkeypatch.setattr(parse_module, "tree", parse_module._tree_python)
    if not rule:
        monkeypatch.setattr(parse_module, "_ROWS", frozenset())


@pytest.fixture(params=["python", "compiled"])
def either_tree(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test run with the Python walk, then with the compiled one (where it is built)."""
    if request.param == "compiled":
        if not BUILT:
            pytest.skip("the C extension is not built here")
    else:
        monkeypatch.setattr(parse_module, "tree", parse_module._tree_python)


@pytest.mark.usefixtures("either_tree")
def test_whitespace_between_rows_and_cells_makes_no_text() -> None:
    text = (
        "<table>\n <tbody>\n  <tr>\n   <td> 1 </td>\n   <td>2</td>\n  </tr>\n"
        "  <tr>x<td>3</td></tr>\n"  # a word among the cells: kept, with its whitespace
        "  <tr> <font>y</font> <td>4</td></tr>\n"  # an element not a cell: kept
        "  <tr> <td>7</td> z <td>8</td> </tr>\n"  # a word after whitespace: all kept
        " </tbody>\n</table>\n"
        # <pre> keeps every character (libxml2 puts a table in one inside another element)
        "<pre><div><table>\n<tr>\n<td>5</td>\n</tr>\n</table></div></pre>"
    )
    root = _tree(text)
    table, pre_table = _find(root, "table")
    first, worded, fonted, late = _find(table, "tr")
    for node in (table, _find(table, "tbody")[0], first):
        assert all(isinstance(c, Node) for c in node.children), node.tag
    assert [c.tag for c in first.children] == ["td", "td"]
    assert first.children[0].children[0].value == " 1 "  # a cell's own text is kept
    assert [type(c).__name__ for c in worded.children] == ["Text", "Node"]
    assert [getattr(c, "value", None) for c in fonted.children] == [" ", None, " ", None]
    assert [getattr(c, "value", None) for c in late.children] == [" ", None, " z ", None, " "]
    assert any(isinstance(c, Text) for c in _find(pre_table, "tr")[0].children)


def _read(text: str) -> str:
    source = Source(path="soup.htm", sha256="0" * 64, size=len(text), format=Format.HTML)
    doc = Document(source, text, 1, Format.HTML)
    try:
        return repr(html_drafts(doc))
    except UnreadableInput as error:
        return f"unreadable: {error}"


def _same_drafts(monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    with monkeypatch.context() as m:
        _python_trees(m, rule=False)
        kept = _read(text)
    with monkeypatch.context() as m:
        _python_trees(m, rule=True)
        assert _read(text) == kept
    assert _read(text) == kept  # and with the tree in use (compiled where built)
    return kept


@pytest.mark.corpus
def test_every_corpus_document_reads_the_same_with_every_text_kept(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = 0
    for _, text in html_documents(corpus_dir):
        _same_drafts(monkeypatch, text)
        documents += 1
    assert documents >= 10


_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<tbody>", "</tbody>",
    "<caption>", "</caption>", "<pre>", "</pre>", "<pre><div>", "<pre><span>", "<p>", "<b>", "</b>", "<br>", "<font>",
    "</font>", "<div style='display:table'>", "</div>", "<td style='display:none'>",
    " ", "\n", "\t", "\n  ", "&nbsp;", "Revenue", "1,234", "(5)", "$", "2024", "x",
]  # fmt: skip


_INNER = "<table><tr><td>1</td></tr></table>"  # a table inside makes the outer one lay out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=50).map("".join))
@example("<pre><div><table>\n<tr>\n<td>5</td>\n</tr>\n<tr> <td>6</td></tr></table></div></pre>")
@example(f"<table><tr><font>y</font> <font>z</font><td>{_INNER}</td></tr></table>")
@example(f"<table><tr><b>y</b>\n<td>{_INNER}</td>\n<td>z</td></tr></table>")
def test_tag_soup_reads_the_same_with_every_text_kept(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same_drafts(monkeypatch, text)


def test_a_row_of_more_whitespace_than_the_limit_is_read_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a layout table (one holding a table) reads its rows as blocks: whitespace over the
    # limit there is refused, as it was when every text was kept
    inner = "<table><tr><td>1</td></tr></table>"
    text = f"<table><tr>{' ' * (MAX_TEXT + 1)}<td>{inner}</td></tr></table>"
    assert _same_drafts(monkeypatch, text).startswith("unreadable")
    assert _same_drafts(monkeypatch, text.replace(" " * (MAX_TEXT + 1), " " * MAX_TEXT))


@pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
def test_the_compiled_tree_reads_the_same_limit() -> None:
    from tieout.readers.html import _tree

    assert _tree.MAX_TEXT == MAX_TEXT


@pytest.mark.usefixtures("either_tree")
def test_a_cell_keeps_its_element_only_when_it_has_a_span() -> None:
    root = _tree(
        "<table><tr><td>a</td><td colspan=2>b</td><th rowspan=''>c</th>"
        "<td style='display:table-cell'>d</td><td COLSPAN='3'>e</td></tr></table>"
    )
    cells = _find(root, "td") + _find(root, "th")
    kept = {c.children[0].value: c.element is not None for c in cells}
    assert kept == {"a": False, "b": True, "c": True, "d": True, "e": True}
    spans = {c.children[0].value: c.attr("colspan") for c in cells}
    assert spans == {"a": None, "b": "2", "c": None, "d": None, "e": "3"}
