"""The compiled positioned tree (readers/html/_tree.c) gives the Node of the Python walk.

parse.py's ``_tree_python`` (each element visited from Python, each text node matched to
its run of the file and decoded by scan.py's ``Runs``) is the specification; the C walk
over lxml's tree replaces it whenever the extension was built. Both are run here on every
HTML document of every corpus release and on generated markup: tag soup with hidden
subtrees, skipped elements, entities, NULs, stray end tags, inline XBRL and tables laid
out by ``display``, and nesting up to libxml2's limit. Trees are compared field by field,
recursively; an element kept for its attributes must be the very lxml element.
"""

from __future__ import annotations

import importlib.util
import sys
from array import array
from pathlib import Path

import lxml.etree as etree
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import html_documents, manifest
from tieout.errors import UnreadableInput
from tieout.readers.html.grid import build_grid
from tieout.readers.html.scan import ATTR, _scan_python, _unescape
from tieout.readers.html.style import PLAIN, look
from tieout.readers.html.text import Text

parse_module = sys.modules["tieout.readers.html.parse"]
Node, python_tree = parse_module.Node, parse_module._tree_python
READ = parse_module.READ

NAME = "tieout.readers.html._tree"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _same(a: object, b: object, path: str = "", parsed_apart: bool = False) -> None:
    """Assert two trees are the same, naming the first place they differ.

    A kept element is the very lxml element, or, for trees of two parses
    (``parsed_apart``), an element of the same tag and attributes (the marker aside).
    """
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, Node) and isinstance(b, Node):
        where = f"{path}/{a.tag}@{a.start}"
        for field in ("tag", "look", "start", "holds_table"):
            x, y = getattr(a, field), getattr(b, field)
            assert type(x) is type(y) and x == y, f"{where}: {field} {x!r} != {y!r}"
        if parsed_apart:
            assert (a.element is None) == (b.element is None), f"{where}: element kept in one"
            if a.element is not None and b.element is not None:
                assert _read(a.element) == _read(b.element), where
                assert a.element.tag == b.element.tag, where
        else:
            assert a.element is b.element, f"{where}: element {a.element!r} is not {b.element!r}"
        assert len(a.children) == len(b.children), (
            f"{where}: children {[c[0] for c in a.children]!r} != {[c[0] for c in b.children]!r}"
        )
        for k, (x, y) in enumerate(zip(a.children, b.children, strict=True)):
            _same(x, y, f"{where}[{k}]", parsed_apart)
        if parsed_apart:
            return  # the elements compared above, not by identity
    else:
        assert isinstance(a, Text) and isinstance(b, Text)
        assert type(a.value) is str and a.value == b.value, f"{path}: {a.value!r} != {b.value!r}"
        assert a.pieces == b.pieces, f"{path} {a.value!r}: pieces {a.pieces} != {b.pieces}"
        assert all(type(p) is tuple and all(type(i) is int for i in p) for p in b.pieces)
    assert a == b, path  # and nothing the fields above leave out


def _read(element: etree._Element) -> list[tuple[str, str]]:
    """The attributes read of an element, in order (parse.READ, or all of an inline XBRL
    fact's), scan.py's marker left out: the compiled parse makes no others."""
    every = str(element.tag).startswith("ix:")
    return [(k, v) for k, v in element.items() if k != ATTR and (every or k in READ)]


def compiled_tree(
    root: etree._Element, tag: str, seen: object, text: str, scanned: object
) -> object:
    from tieout.readers.html import _tree

    return _tree.tree(
        root,
        tag,
        seen,
        text,
        scanned.run_starts,  # type: ignore[attr-defined]
        scanned.run_ends,  # type: ignore[attr-defined]
        scanned.tag_starts,  # type: ignore[attr-defined]
        scanned.tag_ends,  # type: ignore[attr-defined]
        (Node, Text, look, PLAIN, _unescape),
    )


def _agree(text: str) -> int:
    """Both walks on a document, as parse.py reads it; the elements compared (0: no tree)."""
    scanned = _scan_python(text)
    try:
        root = parse_module._parse(scanned.marked, "soup.htm")
    except UnreadableInput:
        return 0
    if root is None or not isinstance(root.tag, str):
        return 0
    style = root.get("style")
    seen = look(style) if style else PLAIN
    expected = python_tree(root, root.tag, seen, text, scanned)
    got = compiled_tree(root, root.tag, seen, text, scanned)
    _same(expected, got)
    return len(expected.iter())


@needs_build
@pytest.mark.corpus
def test_both_trees_agree_on_every_corpus_release(corpus_dir: Path) -> None:
    assert manifest(corpus_dir)
    documents = elements = 0
    for _, text in html_documents(corpus_dir):
        elements += _agree(text)
        documents += 1
    assert documents >= 10
    assert elements > 100_000


_PIECES = [
    "<td>", "</td>", "<th style='text-align:right'>", "<tr>", "</tr>", "<table>",
    "</table>", "<div style='display:table'>", "<div style='display: table-cell'>",
    "<div style='display:inline-table'>", "</div>", "<p>", "</p>", "<b>", "</b>", "<br>",
    "<font style='display:none'>", "</font>", "<span style='visibility:hidden'>",
    "</span>", "<span style='font-weight:bold'>", "<head>", "</head>", "<title>t</title>",
    "<script>x<y</script>", "<style>p{}</style>", "<noscript>n</noscript>", "<meta a=1>",
    "<ix:nonfraction name='x'>", "</ix:nonfraction>", "<!-- c -->", "<?pi x?>",
    "<![CDATA[d]]>", "&amp;", "&nbsp;", "&#151;", "&#x2014;", "&#1;", "&#0;", "&bogus;",
    "&amp", "&", "&#", "&#x;", "\x00", "\xa0", "\u3000", " ", "\n", "\t", "\r\n", "12",
    "1,234", "(5)", "Revenue", "é", "\U0001f600", "<", ">", "</", "</p >", "<p/>", "<html>",
    "<body>", "</body>", "<body style='display:none'>", "<o:p>", "</o:p>",
    " data-tieout-at='3'", "<td data-tieout-at='999999'>", "<td data-tieout-at='٣'>",
    "<td data-tieout-at=''>", "<p data-tieout-at=1>", "<plaintext>", "\ud800",
    "<p style='display:&#110;one'>", "<td nowrap style=''>", "<textarea>", "<pre>",
    "</pre>", "<tbody>", "</tbody>", "<thead>", "<caption>", "</caption>", "\n  ",
]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@needs_build
@settings(max_examples=500, deadline=None)
@given(_SOUP)
def test_both_trees_agree_on_tag_soup(text: str) -> None:
    _agree(text)


@needs_build
@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=200))
def test_both_trees_agree_on_any_text(text: str) -> None:
    _agree("<p>" + text + "</p>" + text)


@needs_build
@pytest.mark.parametrize("depth", [1, 100, 250, 254, 255, 256, 300])
def test_both_trees_agree_on_deep_nesting(depth: int) -> None:
    cells = "<table><tr><td style='display:none'>9</td><td>1 &amp; 2</td></tr></table>"
    _agree("<div>" * depth + cells + "</div>" * depth + "tail")
    _agree("<span style='display:none'>" * depth + "hidden" + "</span>" * depth + "after")


@needs_build
def test_both_trees_agree_on_a_release_of_many_tables() -> None:
    row = "<tr><td>Net sales&nbsp;</td><td style='border-bottom:1px solid'>$&#160;1,2{k}</td></tr>"
    body = "".join(f"<table>{row.format(k=k) * 20}</table><p>Note {k}</p>" for k in range(200))
    assert _agree(f"<html><body>{body}</body></html>") > 12_000


@needs_build
def test_what_lxml_parser_here_never_makes_is_walked_in_python() -> None:
    # a comment kept by another parser: the Python walk reads it as lxml hands it out,
    # the compiled one gives the document back (NotImplemented) and parse.py walks it
    text = "<html><body><p>a<!-- c -->b</p><table><tr><td>1</td></tr></table></body></html>"
    scanned = _scan_python(text)
    root = etree.fromstring(scanned.marked, etree.HTMLParser(remove_comments=False))
    assert compiled_tree(root, "html", PLAIN, text, scanned) is NotImplemented
    expected = python_tree(root, "html", PLAIN, text, scanned)
    _same(expected, parse_module.tree(root, "html", PLAIN, text, scanned))


@needs_build
def test_the_compiled_tree_checks_what_it_is_given() -> None:
    from tieout.readers.html import _tree

    text = "<p>x</p>"
    scanned = _scan_python(text)
    root = parse_module._parse(scanned.marked, "x.htm")
    offsets = [scanned.run_starts, scanned.run_ends, scanned.tag_starts, scanned.tag_ends]
    args = [root, "html", PLAIN, text, *offsets, (Node, Text, look, PLAIN, _unescape)]
    with pytest.raises(TypeError, match="lxml element"):
        _tree.tree("<p>", *args[1:])
    with pytest.raises(TypeError, match="NamedTuple"):
        _tree.tree(*args[:-1], (dict, Text, look, PLAIN, _unescape))
    with pytest.raises(ValueError, match="in order"):
        _tree.tree(*args[:4], array("q", [5]), array("q", [2]), *args[6:])
    with pytest.raises(TypeError, match="array"):  # the scan's offsets, not a tuple of ints
        _tree.tree(*args[:4], tuple(scanned.run_starts), *args[5:])
    with pytest.raises(TypeError, match="array"):  # nor an array of another width
        _tree.tree(*args[:6], array("i", scanned.tag_starts), *args[7:])
    with pytest.raises(TypeError, match="9 arguments"):
        _tree.tree(*args[:-1])


# ---- the compiled parse of the unmarked text (_tree.c's `parse`) -------------------------


def _marked_tree(text: str) -> Node | None:
    """parse.py's tree of a document by the specification: the marked copy, walked in Python."""
    scanned = _scan_python(text)
    root = parse_module._parse(scanned.marked, "soup.htm")
    if root is None:
        return None
    return parse_module._root_tree(root, text, scanned, python_tree)


def _unmarked(text: str) -> object:
    """The tree of the compiled parse of the text itself (NotImplemented when handed back)."""
    try:
        return parse_module._POSITIONED(text, _scan_python(text), False)
    except parse_module._MarkedCopy:
        return NotImplemented


def _parses_agree(text: str) -> bool:
    """The compiled parse gives the marked copy's tree, or hands the document back; and
    parse.py's ``parse`` gives that tree (or the same error). Whether it was parsed unmarked."""
    try:
        expected = _marked_tree(text)
    except UnreadableInput as error:
        with pytest.raises(UnreadableInput) as raised:
            parse_module.parse(text, _scan_python(text), "soup.htm")
        assert str(raised.value) == str(error)
        assert _unmarked(text) is NotImplemented
        return False
    got = _unmarked(text)
    if got is not NotImplemented:
        assert (got is None) == (expected is None)
        if expected is not None:
            _same(expected, got, parsed_apart=True)
    whole = parse_module.parse(text, _scan_python(text), "soup.htm", grids=False)
    assert (whole is None) == (expected is None)
    if expected is not None:
        _same(expected, whole, parsed_apart=True)
    return got is not NotImplemented


needs_parse = pytest.mark.skipif(
    not BUILT or not parse_module.POSITIONED, reason="the compiled parse is not usable here"
)


@needs_parse
@pytest.mark.corpus
def test_the_unmarked_parse_gives_the_marked_tree_on_every_corpus_release(
    corpus_dir: Path,
) -> None:
    assert manifest(corpus_dir)
    documents = unmarked = 0
    for _, text in html_documents(corpus_dir):
        unmarked += _parses_agree(text)
        documents += 1
    assert documents >= 10
    assert unmarked == documents  # every corpus document is ASCII and parsed unmarked


_ASCII_PIECES = [p for p in _PIECES if p.isascii()] + [
    "<body class='again'>", "<html lang='en'>", "<head>", "<noframes><td>x</noframes>",
    "<TD>", "<Td\x0bx>", "<td\x1c>", "<p/>", "<br/>", "<svg><path/></svg>", "<image src=x>",
    "<td data-tieout-at='7'>", "<td", "<!-->", "<xmp><p></xmp>", "<iframe><b></iframe>",
    "<select><option>1<option>2</select>", "<li>", "<dd>", "<a href='x'>", "</a>",
]  # fmt: skip
_ASCII_SOUP = st.lists(st.sampled_from(_ASCII_PIECES), max_size=60).map("".join)


@needs_parse
@settings(max_examples=600, deadline=None)
@given(_ASCII_SOUP)
def test_the_unmarked_parse_agrees_on_tag_soup(text: str) -> None:
    _parses_agree(text)


@needs_parse
@settings(max_examples=200, deadline=None)
@given(_SOUP)
def test_the_unmarked_parse_agrees_on_any_soup(text: str) -> None:
    _parses_agree(text)


@needs_parse
@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_the_unmarked_parse_agrees_on_any_ascii_text(text: str) -> None:
    _parses_agree("<p>" + text + "</p>" + text)


@needs_parse
@pytest.mark.parametrize("depth", [1, 100, 250, 254, 255, 256, 300])
def test_the_unmarked_parse_agrees_on_deep_nesting(depth: int) -> None:
    cells = "<table><tr><td style='display:none'>9</td><td>1 &amp; 2</td></tr></table>"
    _parses_agree("<div>" * depth + cells + "</div>" * depth + "tail")
    _parses_agree("<span style='display:none'>" * depth + "hidden" + "</span>" * depth + "after")


@needs_parse
@pytest.mark.parametrize(
    ("text", "unmarked"),
    [
        ("<html><body><table><tr><td colspan=2>1</td></tr></table></body></html>", True),
        ("<td>x<tr><td>y", True),  # html, body implied by the first cell: no tag of theirs
        ("text first<p>then a paragraph", True),
        ("<TABLE><TR><TD>1</TD></TR></TABLE>", True),  # names read in lower case
        ("<svg><path/></svg><br/>", True),  # "/>": the parser stands on its "/"
        ("<td data-tieout-at='7'>1</td>", True),  # the document's own attribute of that name
        # handed back: a start tag that makes no element of its name where it stands
        ("<body><p>a</p><body class='again'><p>b</p>", False),  # a second body, dropped
        ("<html><p>a</p><html lang='en'>", False),
        ("<noframes><td>x</td></noframes><p>y", False),  # raw text to libxml2, a tag to the scan
        ("<td\x0bx>1</td>", False),  # a name libxml2 reads on past the scan's
        ("<p>caf\u00e9</p>", False),  # not ASCII: offsets in characters, the parser's in bytes
        ("<p>a<td", False),  # a tag cut off by the end of the text
        ("<div>" * 300 + "deep", False),  # past libxml2's depth: parse.py refuses it
    ],
)
def test_what_the_unmarked_parse_reads_and_hands_back(text: str, unmarked: bool) -> None:
    assert _parses_agree(text) is unmarked


@needs_parse
def test_the_compiled_parse_checks_what_it_is_given() -> None:
    from tieout.readers.html import _tree

    text = "<p>x</p>"
    scanned = _scan_python(text)
    with pytest.raises(TypeError, match="str"):
        _tree.parse(text.encode(), scanned.tag_starts, scanned.tag_ends)
    with pytest.raises(TypeError, match="array"):
        _tree.parse(text, tuple(scanned.tag_starts), scanned.tag_ends)
    with pytest.raises(ValueError, match="matching"):
        _tree.parse(text, scanned.tag_starts, array("q"))
    with pytest.raises(ValueError, match="in order"):
        _tree.parse(text, array("q", [0]), array("q", [99]))
    with pytest.raises(TypeError, match="3, 5 or 6 arguments"):
        _tree.parse(text, scanned.tag_starts)
    root = _tree.parse(text, scanned.tag_starts, scanned.tag_ends)
    assert isinstance(root, etree._Element) and root.tag == "html"
    assert [e.tag for e in root.iter()] == ["html", "body", "p"]
    assert not any(ATTR in e.attrib for e in root.iter())  # no marker: the text itself


@needs_parse
def test_the_compiled_parse_makes_only_the_attributes_read() -> None:
    from tieout.readers.html import _tree

    text = (
        "<table border=1><tr valign=top><td align=right colspan=2 style='x:y' nowrap>1"
        "<ix:nonfraction name='us-gaap:Revenues' scale='6' sign='-' id='f1'>5"
        "</ix:nonfraction><font face=Arial size=2>2</font>"
    )
    scanned = _scan_python(text)
    root = _tree.parse(text, scanned.tag_starts, scanned.tag_ends)
    assert isinstance(root, etree._Element)
    made = {str(e.tag): dict(e.attrib) for e in root.iter()}
    assert made["table"] == {} and made["tr"] == {} and made["font"] == {}
    # the cell's read attributes are kept off it as attribute nodes (_cells.h's `diverted`)
    # until an element is kept for lxml to read them
    assert made["td"] == {}
    assert made["ix:nonfraction"] == {
        "name": "us-gaap:Revenues", "scale": "6", "sign": "-", "id": "f1"
    }  # fmt: skip
    _parses_agree(text)  # the same tree as the marked copy's all the same
    whole = parse_module.parse(text, scanned, "soup.htm", grids=False)
    assert whole is not None
    cell = next(n for n in whole.iter() if n.tag == "td")
    assert cell.element is not None  # spanned: kept, its attributes made back in order
    assert list(cell.element.attrib.items()) == [("colspan", "2"), ("style", "x:y")]
    assert cell.look == look("x:y")


@needs_parse
def test_the_kept_attributes_read_as_the_parsed_ones() -> None:
    """A cell's style, colspan and rowspan kept off its element read the same as the
    attribute nodes of the marked parse: first of a name, entities decoded, a value
    without quotes, an empty one, one without a value (made as a node), and the root's."""
    cells = [
        "<td style='a:b' colspan='2' rowspan=3>1</td>",
        '<td rowspan=2 colspan=3 style="display:none">2</td>',
        "<td colspan=''>3</td>",
        "<td colspan>4</td>",
        "<td style='color:red' style='color:blue' colspan=2 colspan=4>5</td>",
        "<td style='font-weight:&#98;old' class=x colspan=&#50;>6</td>",
        "<td style='text-align:right' colspan=2 rowspan=2 style='x' colspan=9>7</td>",
        "<div style='display:table'><div style='display:table-row'>8</div></div>",
    ]
    for cell in cells:
        for whole in (
            f"<table><tr>{cell}</tr></table>",
            f"<html style='font-weight:bold'><body><table><tr>{cell}</tr></table>",
        ):
            assert _parses_agree(whole), whole


@needs_parse
def test_kept_values_met_again_read_as_the_first_time() -> None:
    """The compiled parse finds a kept value it met before in its own table before the
    document's dictionary (_tree.c's `interned_in`): two values of one length and the same
    first, middle and last bytes, which share a slot, read apart; values met again in turn
    read as the first time; more values than the table's slots (256) read as parsed."""
    pad = ";" * 40
    bold, plain = (f"border-top:1px solid;{pad}font-weight:{w}00{pad}text-align:left" for w in "74")
    assert len(bold) == len(plain) and bold != plain
    for a, b in ((0, 8), (len(bold) // 2 - 4, len(bold) // 2 + 4), (len(bold) - 8, len(bold))):
        assert bold[a:b] == plain[a:b]  # the bytes the slot is chosen by
    assert look(bold).bold and not look(plain).bold
    turns = "".join(
        f"<tr><td style='{bold}' colspan=2>{k}</td><td style='{plain}'>{k}</td>"
        f"<td style='{plain}' colspan=2>x</td><td style='{bold}' rowspan=1>y</td></tr>"
        for k in range(40)
    )
    many = "".join(
        f"<tr><td style='padding-left:{k}pt'>{k}</td><td style='padding-left:{k % 7}pt'>z</td></tr>"
        for k in range(600)
    )
    for table in (turns, many, turns + many + turns):
        text = f"<html><body><table>{table}</table></body></html>"
        assert _parses_agree(text), text[:80]
    text = f"<table>{turns}</table>"
    root = parse_module.parse(text, _scan_python(text), "x.htm")
    assert root is not None
    (table,) = [n for n in root.iter() if n.tag == "table"]
    grid = table.grid if table.grid is not None else build_grid(table, False, "x.htm")
    # each cell's bold as its own value says
    assert [[c.bold for c in r.cells] for r in grid.rows] == [[True, False, False, True]] * 40
