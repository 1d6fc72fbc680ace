"""The compiled block reader (readers/html/_tree.c's ``blocks``) gives blocks.py's blocks.

blocks.py's ``_Reader`` (``_blocks_python``: each Node visited from Python, its texts
gathered by text.py's ``TextBuilder``, each block's words made by ``Text.words``) is the
specification; the C reader replaces it whenever the extension was built. Both are run
here on the tree of every HTML document of every corpus release (with the grids the
compiled walk reads, and with every table's Nodes, whose grids ``build_grid`` makes), on
generated markup (runs of ``<br>``, ``<pre>``, bold by tag and by style, tables inside
tables, ``display`` layouts, whitespace of every kind: no-break, em and ideographic
spaces, tabs, next-line, runs of spaces, texts of nothing but whitespace) and on trees
made by hand (texts of no piece, of pieces that start past their first character, of
pieces not in the file). Blocks are compared field by field, types included, and so is
the error when either refuses the document.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import html_documents, manifest
from tieout.errors import UnreadableInput
from tieout.readers.html.blocks import Block, PreBlock, TableBlock, TextBlock
from tieout.readers.html.limits import MAX_TEXT
from tieout.readers.html.parse import Node, parse
from tieout.readers.html.scan import scan
from tieout.readers.html.style import PLAIN, look
from tieout.readers.html.text import Text

blocks_module = sys.modules["tieout.readers.html.blocks"]
python_blocks = blocks_module._blocks_python

needs_build = pytest.mark.skipif(
    not blocks_module.COMPILED, reason="the compiled block reader is not built here"
)


def _same(a: list[Block], b: list[Block]) -> None:
    """The same blocks: types, values and texts' pieces, in order."""
    assert [type(x) for x in a] == [type(x) for x in b]
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        if isinstance(x, TextBlock) and isinstance(y, TextBlock):
            assert type(x.text) is type(y.text) is Text, f"block {k}"
            assert type(x.text.value) is type(y.text.value) is str, f"block {k}"
            assert x.text == y.text, f"block {k}: {x.text!r} != {y.text!r}"
        elif isinstance(x, TableBlock) and isinstance(y, TableBlock):
            assert x.grid == y.grid, f"block {k}"
        else:
            assert isinstance(x, PreBlock) and isinstance(y, PreBlock)
            assert x.lines == y.lines, f"block {k}"


def _agree_on(root: Node) -> int:
    """Both readers give the same blocks of a tree (or the same error); how many."""
    try:
        expected = python_blocks(root, "t.htm")
    except UnreadableInput as error:
        with pytest.raises(UnreadableInput) as raised:
            blocks_module._blocks(root, "t.htm")
        assert str(raised.value) == str(error)
        return 0
    got = blocks_module._blocks(root, "t.htm")
    _same(got, expected)
    return len(got)


def _agree(text: str, grids: bool = True) -> int:
    try:
        root = parse(text, scan(text), "t.htm", grids=grids)
    except UnreadableInput:
        return 0
    return 0 if root is None else _agree_on(root)


@needs_build
@pytest.mark.corpus
def test_the_compiled_blocks_are_the_readers_on_every_corpus_release(corpus_dir: Path) -> None:
    assert manifest(corpus_dir)
    documents = blocks = 0
    for _, text in html_documents(corpus_dir):
        blocks += _agree(text)
        blocks += _agree(text, grids=False)  # every grid built from its Nodes
        documents += 1
    assert documents >= 10
    assert blocks > 5000


_WHITE = ["\u00a0", "\u2003", "\u3000", "\t", "\x85", "\n", "  ", " ", "&nbsp;", "&#8195;"]
_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<b>", "</b>", "<strong>", "</strong>",
    "<span style='font-weight:bold'>", "<span style='font-weight:normal'>", "</span>",
    "<pre>", "</pre>", "<table><tr><td>1</td><td>2</td></tr></table>",
    "<table><tr><td><table><tr><td>in</td></tr></table></td><td>out</td></tr></table>",
    "<div style='display:table'><p>a</p></div>", "<div style='display:inline-table'>",
    "<div style='display:block'>", "<div style='display:none'>hidden</div>", "<li>", "<h2>",
    "<font>", "</font>", "<i>", "</i>", "Net income", "1,234", "(5)", "x", "a  b", "&amp;",
    "<!-- c -->", "<script>s</script>", "<hr>", "<center>", "<kbd>", "<tr>", "<td>",
]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_PIECES + _WHITE), max_size=50).map(
    lambda p: "<html><body>" + "".join(p)
)


@needs_build
@settings(max_examples=400, deadline=None)
@given(_SOUP)
def test_both_agree_on_soup(text: str) -> None:
    _agree(text)
    _agree(text, grids=False)


@needs_build
def test_both_agree_on_whitespace_and_breaks() -> None:
    read = 0
    for body in (
        "<p>a</p>", "<p> a </p>", "<p>\u00a0a\u00a0</p>", "<p>a\u00a0b</p>", "<p>a\tb</p>",
        "<p>a  b</p>", "<p>\u2003</p>", "<p>   </p>", "<p>a<br>b</p>", "<p>a<br><br>b</p>",
        "<p>a<br>\u00a0<br>b</p>", "<p>a<br> x <br>b</p>", "<br><br><br>", "<p><br>a</p>",
        "a<b>b</b>c<strong><p>d</p></strong>", "<b><table><tr><td>1</td></tr></table></b>",
        "<pre> a\n  b\n</pre>", "<p>a<pre>b</pre>c</p>", "<p>&nbsp;&nbsp;x&nbsp;</p>",
        "<p>x\x85y</p>", "<p>\u3000x\u3000y\u3000</p>", "<p>x <i>y</i> z</p>",
    ):  # fmt: skip
        read += _agree("<html><body>" + body + "</body></html>")
    assert read >= 20


@needs_build
def test_both_refuse_a_block_past_the_limit() -> None:
    text = f"<html><body><p>{'x ' * (MAX_TEXT // 2 + 1)}</p></body></html>"
    root = parse(text, scan(text), "t.htm")
    assert root is not None
    assert _agree_on(root) == 0
    with pytest.raises(UnreadableInput, match="block of text"):
        blocks_module._blocks(root, "t.htm")


def _node(tag: str, *children: Node | Text, style: str | None = None) -> Node:
    seen = look(style) if style else PLAIN
    return Node(tag, None, seen, -1, tuple(children))


@needs_build
def test_both_agree_on_trees_made_by_hand() -> None:
    """Texts of no piece, of pieces past their first character, of pieces not in the
    file, and of whitespace only, in every place a block starts or ends."""
    texts = [
        Text("a b"), Text(" a ", ((0, 5),)), Text("  a", ((0, -1), (2, 9))),
        Text("x\u00a0", ((0, 3), (1, -1))), Text("\u2003 y z ", ((1, 40), (3, 7), (5, -1))),
        Text("   ", ((0, 1),)), Text(""), Text("q", ((0, -1),)), Text("a\tb", ((0, 0),)),
        Text(" p  q ", ((0, 2), (2, 30), (4, -1))), Text("lo ng", ((0, 11), (2, 50))),
    ]  # fmt: skip
    for a in texts:
        for b in texts:
            for tag in ("span", "p", "b", "br"):
                root = _node(
                    "body",
                    a,
                    _node(tag, b, style="font-weight:normal" if tag == "b" else None),
                    b,
                    _node("div", a, _node("br"), _node("br"), b),
                )
                _agree_on(root)


@needs_build
def test_the_compiled_reader_checks_what_it_is_given() -> None:
    from tieout.readers.html import _tree

    root = _node("body", Text("a"))
    good = blocks_module._KINDS
    assert _tree.blocks(root, "t.htm", good) == python_blocks(root, "t.htm")
    for bad in (good[:9], (Text, *good[1:]), (*good[:5], ["p"], *good[6:])):
        with pytest.raises(TypeError):
            _tree.blocks(root, "t.htm", bad)
    with pytest.raises(TypeError):
        _tree.blocks(("body",), "t.htm", good)
    with pytest.raises(TypeError):
        _tree.blocks(_node("body", Node("p", None, PLAIN, 0, [Text("a")])), "t.htm", good)  # type: ignore[arg-type]
