"""The tree built from the scan's tokens (readers/html/_tree.c's `build`) is libxml2's.

`_tree.parse`, given the scan's runs of text, builds libxml2's tree itself from the scan's
start tags and runs with libxml2's tree functions and rules (which start tags close open
elements, which end tags are dropped, void and raw-text elements, references, "\\r",
repeated attributes), and declines any document where it would not do as libxml2 does;
libxml2's parse of the text (the same call without the runs) then reads it as before. The
two trees must read the same: the walks over them (with and without the grids read on the
way) give equal records, and equal to the specification's tree (the marked copy walked in
Python), on every HTML document of the corpus, which the builder must build, and on
generated documents, where it builds some and declines others.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import html_documents, manifest
from test_html_tree_compiled import _marked_tree, _same
from tieout.errors import UnreadableInput
from tieout.readers.html.scan import Scan, _scan_python, scan

parse_module = sys.modules["tieout.readers.html.parse"]
Node = parse_module.Node

BUILT = importlib.util.find_spec("tieout.readers.html._tree") is not None
needs_parse = pytest.mark.skipif(
    not BUILT or not parse_module.POSITIONED, reason="the compiled parse is not usable here"
)


def _parsed(text: str, scanned: Scan, built: bool) -> object:
    """libxml2's parse of the text (built=False) or the tree built from the scan's tokens
    (NotImplemented when the builder declines it)."""
    from tieout.readers.html import _tree

    if built:
        return _tree.parse(
            text, scanned.tag_starts, scanned.tag_ends, scanned.run_starts, scanned.run_ends, False
        )
    return _tree.parse(text, scanned.tag_starts, scanned.tag_ends)


def _walked(root: object, text: str, scanned: Scan, grids: bool) -> Node | None:
    """parse.py's compiled walk of a parsed root, with or without the grids."""
    from tieout.readers.html import _tree

    kinds = parse_module._grid_kinds() if grids else parse_module._NODE_KINDS

    def walk(root: object, tag: str, seen: object, text: str, scanned: Scan) -> Node:
        got = _tree.tree(
            root, tag, seen, text,
            scanned.run_starts, scanned.run_ends, scanned.tag_starts, scanned.tag_ends,
            kinds,
        )  # fmt: skip
        assert isinstance(got, Node)
        return got

    return parse_module._root_tree(root, text, scanned, walk)


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _records(node: Node | None) -> str:
    """The walk's records as text, the kept elements by their attributes read (not by
    where lxml's proxies lie)."""
    kept: list[object] = []
    stack = [node] if node is not None else []
    while stack:
        each = stack.pop()
        if each.element is not None:
            kept.append((each.tag, each.start, sorted(each.element.items())))
        stack.extend(c for c in each.children if isinstance(c, Node))
    return _ADDRESS.sub("", repr(node)) + repr(kept)


def _built_agrees(text: str, scanned: Scan | None = None) -> bool:
    """The built tree, where the builder builds one, reads as libxml2's parse reads, and
    as the specification's tree; whether it was built."""
    scanned = scanned if scanned is not None else _scan_python(text)
    built = _parsed(text, scanned, built=True)
    if built is NotImplemented:
        return False
    try:
        expected = _marked_tree(text)
    except UnreadableInput:
        pytest.fail("built a document parse.py refuses")
    got = _walked(built, text, scanned, grids=False)
    assert (got is None) == (expected is None)
    if expected is not None:
        _same(expected, got, parsed_apart=True)
    parsed = _parsed(text, scanned, built=False)
    if parsed is not NotImplemented:  # (else parse.py parses the marked copy, read above)
        for grids in (False, True):
            fresh = _parsed(text, scanned, built=True)
            assert _records(_walked(fresh, text, scanned, grids)) == _records(
                _walked(_parsed(text, scanned, built=False), text, scanned, grids)
            ), f"grids={grids}"
    return True


@needs_parse
@pytest.mark.corpus
def test_every_corpus_document_is_built_as_libxml2_parses_it(corpus_dir: Path) -> None:
    assert manifest(corpus_dir)
    documents = 0
    for name, text in html_documents(corpus_dir):
        assert _built_agrees(text, scan(text)), f"{name}: declined"
        documents += 1
    assert documents >= 10


_HEAD = "<html>\n<head>\n<title>t &amp; u</title>\n</head>\n<body>\n"
_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<div style='text-align:center'>", "<table>",
    "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td colspan=2>", "<td rowspan='2' "
    "style=\"border-bottom:1px solid\">", "<td style='x:y' colspan=\"3\" style='a:b'>",
    "<td colspan>", "<td style='a&quot;b'>", "<TD STYLE='Font-Weight:Bold'>", "<th>",
    "<font>", "</font>", "<font style='display:none'>", "<b>", "</b>", "<i>", "</i>",
    "<u>", "<center>", "</center>", "<address>", "</address>", "<hr>", "<hr/>", "<br>",
    "<br/>", "<div/>", "<img src=x>", "<a href='x'>", "</a>", "<sup>", "</sup>", "<o:p>",
    "</o:p>", "<li>", "<ul>", "</ul>", "<pre>", "</pre>", "<tbody>", "</tbody>",
    "<script>a<b</script>", "<script><!--x--></script>", "<style>p{}</style>",
    "<title>x</title>", "<noscript>n</noscript>", "<textarea>t</textarea>", "<!-- c -->",
    "<!-->", "<!--->", "<!-- a --!> b -->", "<?pi x?>", "<!x>", "</>", "</ x>",
    "<!DOCTYPE html>", "<body>", "</body>", "<head>", "<html>", "<ix:nonfraction>",
    "&nbsp;", "&amp;", "&#146;", "&#151;", "&#x2014;", "&#8217;", "&#0;", "&#12",
    "&", "& ", "&#", "&#x;", "\r\n", "\r", "\n", " ", "\t", "12", "(1,234)", "Revenue",
    "a < b", "</td >", "</TD>", "&#1;", "&#65534;", "<li>", "<a>", "<title>a&amp;b</title>",
]  # fmt: skip
# what declines a document (each also in test_what_the_builder_builds_and_declines): drawn
# a tenth as often, so that most documents are built and the rest show the builder declining
_DECLINING = [
    "<td colspan>", "<td style='a&quot;b'>", "<script><!--x--></script>", "<textarea>t</textarea>",
    "<!-- a --!> b -->", "<!DOCTYPE html>", "<body>", "<head>", "<html>", "<ix:nonfraction>",
    "&#0;", "&#12", "&bogus;", "&nbsp", "<td\x0bx>", "\x00",
]  # fmt: skip
_PIECES = [each for each in _PIECES if each not in _DECLINING]
_DRAWN = _PIECES * 10 + _DECLINING
_BODIES = st.lists(st.sampled_from(_DRAWN), max_size=50).map("".join)
_TAILS = st.sampled_from(["</body>\n</html>\n", "</body></html>", "", "</html>\n\n", "x"])


@needs_parse
@settings(max_examples=300, deadline=None)
@given(_BODIES, _TAILS)
def test_generated_documents_built_read_as_libxml2_parses_them(body: str, tail: str) -> None:
    _built_agrees(_HEAD + body + tail)


def test_the_generated_documents_are_built_often_enough_to_test_the_builder() -> None:
    # (a fixed sample of the generator's documents, not hypothesis's: how many are built)
    if not (BUILT and parse_module.POSITIONED):
        pytest.skip("the compiled parse is not usable here")
    import random

    rng = random.Random(18)
    built = 0
    for _ in range(300):
        pieces = [rng.choice(_DRAWN) for _ in range(rng.randrange(0, 30))]
        built += _built_agrees(_HEAD + "".join(pieces) + "</body>\n</html>\n")
    assert 100 <= built < 300  # both: the rules the builder follows and its declining


@needs_parse
@pytest.mark.parametrize(
    ("body", "built"),
    [
        ("<p>a<div>b</div>c</p>", True),  # a paragraph closed by a block's start tag
        ("<p>a<table><tr><td>1</td></tr></table>", True),
        ("<td><font>1</td><td>2", True),  # a cell's start tag closes the font and the cell
        ("<div><font>a</div>b</font>c", True),  # </font> may not close past the div: dropped
        ("<b>a</i>b</b>", True),  # an end tag with nothing open of its name: dropped
        ("<div/>x<br/>y", True),  # "/>" closes the element where it stands
        ("Q1&#146;16 &amp; &nbsp;&#x2014;", True),  # windows-1252's quote, as HTML5 reads it
        ("a\r\nb\rc", True),  # "\r\n" and "\r" read as "\n"
        ("<td style='a:b' STYLE='c:d' colspan=2>1</td>", True),  # the first of a name
        ("<!-- a > b -->c<?x?>d<!y>e</ z>f</>g", True),
        ("<script>if (a<b) x();</script>", True),
        ("<title>a&amp;b</title><style>a&amp;b</style><script>a&amp;</SCRIPT>b", True),
        ("<a>1<a>2<li>3<li>4<tr><td>5<tr><td>6", True),  # a start tag closing its own name
        ("a&#1;b&#65534;c&#x10FFFF;&#150;&#x96;", True),  # code points libxml2 keeps as given
        ("a &bogus; b", False),  # a reference outside the builder's table
        ("a &nbsp b", False),  # one without its ";"
        ("a &#12 b", False),
        ("<td colspan>1</td>", False),  # a kept attribute without a value
        ("<td style='a&quot;b'>1</td>", False),  # a kept value libxml2 decodes
        ("<ix:nonfraction name='x'>1</ix:nonfraction>", False),  # all its attributes kept
        ("<body>again", False),  # a second body, dropped by libxml2
        ("<script><!-- x --></script>", False),  # libxml2's script states
        ("<!-- a --!> b -->", False),  # a comment libxml2 ends before the scan does
        ("<!DOCTYPE html>", False),  # a doctype past the root
        ("<td\x0bx>1</td>", False),  # a name the scan and libxml2 end apart
        ("<textarea>t</textarea>", False),  # raw text the builder leaves to libxml2
        ("x\x00y", False),
    ],
)
def test_what_the_builder_builds_and_declines(body: str, built: bool) -> None:
    assert _built_agrees(_HEAD + body + "</body>\n</html>\n") is built


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html>\n<html>\n<body>\n<p>x</p>\n</body>\n</html>\n",
        "<?xml version='1.0'?><html><head></head><body>x</body></html>",
        "<!-- before -->\n<html><body>x</body></html><!-- after -->\n  \n",
        "<HTML><BODY>x</BODY></HTML>",
        "<html>\r\n<body>\r\nx\r\n</body>\r\n</html>\r\n",
    ],
)
def test_whole_documents_are_built(text: str) -> None:
    assert _built_agrees(text) is True


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "<p>no html</p>",  # html and body implied
        "<html><p>no body</p></html>",  # body implied
        "<html><title>t</title><body>x</body></html>",  # head implied
        "<html><head>text in head</head><body>x</body></html>",  # a body opened by text
        "text first<html><body>x</body></html>",
        "<html><body>x</body></html><p>after the root</p>",
        "",
    ],
)
def test_documents_libxml2_completes_are_declined(text: str) -> None:
    assert _built_agrees(text) is False
    # and parse.py reads them as before, through libxml2
    whole = parse_module.parse(text, _scan_python(text), "x.htm", grids=False)
    expected = _marked_tree(text)
    assert (whole is None) == (expected is None)
    if expected is not None:
        _same(expected, whole, parsed_apart=True)


@needs_parse
def test_deep_nesting_is_left_to_libxml2() -> None:
    body = "<div>" * 260 + "deep" + "</div>" * 260
    assert _built_agrees(_HEAD + body + "</body></html>") is False
    assert _built_agrees(_HEAD + "<div>" * 240 + "x" + "</div>" * 240 + "</body></html>")
