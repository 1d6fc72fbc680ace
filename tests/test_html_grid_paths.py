"""The HTML reader's short paths read what its general paths read.

A cell that nests down to one run of words is read without walking it (``grid._nested``),
a cell's runs are joined only when more than one holds words (``_Content.words``), a text
with nothing to collapse keeps its pieces without a search (``Text.words``), and a text of
one run on one line is located without a search (``Locator.span``). Each is checked here
against the general path on hand-made cells of every shape it takes or refuses, and on
every cell of the corpus's HTML releases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tieout.errors import UnreadableInput
from tieout.readers.html.grid import _CELLS, _Content, _nested, _read, _walked, build_grid
from tieout.readers.html.limits import MAX_TEXT
from tieout.readers.html.parse import Node, parse
from tieout.readers.html.scan import scan
from tieout.readers.html.text import Text, TextBuilder
from tieout.readers.html.where import Locator
from tieout.sources import load

# cells of every shape: nested elements, whitespace beside them, entities (several
# pieces), superscripts, rules, underlines, inline XBRL, blocks that indent, bold
_CELL_SHAPES = [
    "<td>1,234</td>",
    "<td> \n </td>",
    "<td><font>1,234</font></td>",
    "<td><font>  </font></td>",
    "<td>\n  <p style='padding-left:12pt'><font>Net revenue</font></p>\n</td>",
    "<td> <p style='text-indent:6pt'> </p> </td>",
    "<td><div><font><a>Segment</a></font></div></td>",
    "<td><b>Total</b></td>",
    "<td><span style='font-weight:normal'><b>Total</b></span></td>",
    "<td style='font-weight:bold'><span style='font-weight:400'>x</span></td>",
    "<td><font>&#160;&#160;Cost of sales</font></td>",
    "<td><font>\u00a0\u00a0\u00a0Cost\t of   sales </font></td>",
    "<td><font>R&amp;D expense</font></td>",
    "<td><font>1,234</font><sup>(a)</sup></td>",
    "<td><sup>(1)</sup></td>",
    "<td><span style='vertical-align:super'>2</span></td>",
    "<td><u style='vertical-align:top'>12</u></td>",
    "<td><font>1,234</font> <font>5</font></td>",
    "<td>Revenue <font>5</font></td>",
    "<td><hr></td>",
    "<td><font><hr></font></td>",
    "<td><br></td>",
    "<td><font><img src='x.gif'></font></td>",
    "<td><u>1,234</u></td>",
    "<td><u>Total</u></td>",
    "<td><span style='text-decoration:underline double'>(56)</span></td>",
    "<td style='text-decoration:underline'>7</td>",
    "<td><p style='border-bottom:1px solid'>8</p></td>",
    "<td><div style='border-top:3px double'><font>9</font></div></td>",
    "<td><ix:nonfraction name='us-gaap:Revenues' scale='6' sign='-'>12.5</ix:nonfraction></td>",
    "<td><font><ix:nonfraction scale='x'>3</ix:nonfraction></font></td>",
    "<td><p><table><tr><td>inner</td></tr></table></p></td>",
    "<td><font>a</font><font>b</font></td>",
    "<td>-----</td>",
    "<td><font>=======</font></td>",
    "<td><p>Net</p><p>income</p></td>",
    "<td><font>1,234</font><font>&#160;</font></td>",
    "<td><font> </font><font>1,234</font><font>\n</font></td>",
    "<td><font>(5</font><font>)</font></td>",
    "<td><p style='border-top:1px solid'> </p><font>5</font><br></td>",
    "<td><font>6</font><hr><p style='border-bottom:3px double'><br></p></td>",
    "<td><font>7</font><span style='vertical-align:super'> </span></td>",
    "<td><font>8</font><sup> </sup></td>",
    "<td><u> </u><b>9</b><div style='padding-left:9pt'><i> </i></div></td>",
    "<td><font>10</font><ix:nonfraction scale='3'> </ix:nonfraction></td>",
    "<td><font>11</font><table><tr><td>x</td></tr></table></td>",
    "<td><font> </font><font> </font></td>",
    "<td><p style='border-bottom:1px solid'> </p><p> </p></td>",
]


def _cells(html: str) -> list[Node]:
    root = parse(html, scan(html), "test", grids=False)
    assert root is not None
    return [n for n in root.iter() if n.tag in _CELLS]


def _joined(content: _Content) -> Text:
    """The words of a cell's runs joined by a builder, as the reader joined them before."""
    builder = TextBuilder()
    for chunk in content.chunks:
        builder.extend(chunk)
    return builder.build().words()


def _check_cell(node: Node) -> bool:
    """Both paths read the cell alike; True when the short path took it."""
    style = node.look
    bold = style.bold if style.bold is not None else False
    content = _Content()
    _read(node, content, bold, False, style.underline, style.indent)
    assert content.words() == _joined(content)
    walked = _walked(node, 3, 2, bold, "test")
    nested = _nested(node, 3, 2, bold, "test")
    if nested is None:
        return False
    assert nested == walked
    return True


def test_nested_cells_read_as_walked() -> None:
    taken = 0
    for shape in _CELL_SHAPES:
        html = f"<html><body><table><tr>{shape}</tr></table></body></html>"
        cells = _cells(html)
        assert cells, shape
        taken += sum(_check_cell(cell) for cell in cells)
    # most shapes take the short path; a superscript, a rule or two elements do not
    assert 20 <= taken < len(_CELL_SHAPES)


def test_nested_refuses_what_it_does_not_read() -> None:
    for shape in ("<td><font>1</font><sup>(a)</sup></td>", "<td><hr></td>", "<td>a<b>b</b></td>"):
        (cell,) = _cells(f"<table><tr>{shape}</tr></table>")
        assert _nested(cell, 0, 1, False, "test") is None


def test_words_without_a_search_collapse_as_split() -> None:
    for value in [
        "Net income",
        "  Net income  ",
        "Net  income",
        "Net\tincome",
        "Net\u00a0income",
        "Net\u2028income",
        "Net\x1cincome",
        "Net\u00adincome \x01",
        "a\u3000b",
        "",
        "   ",
    ]:
        words = Text(value, ((0, 100),)).words()
        assert words.value == " ".join(value.split())
        for i, ch in enumerate(words.value):
            at = words.offset(i)
            if at >= 0:
                assert value[at - 100] == ch
            else:
                assert ch == " "  # a space put between two words


def _html_documents(corpus_dir: Path) -> list[Path]:
    lines = (corpus_dir / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    names = [line.split("\t", 1)[0].strip() for line in lines]
    return [corpus_dir / n for n in names if n.endswith((".htm", ".html"))][:6]


def test_corpus_cells_and_spans_read_as_the_general_paths(corpus_dir: Path) -> None:
    paths = _html_documents(corpus_dir)
    if not paths:
        pytest.fail("no HTML release in the corpus")
    taken = spans = 0
    for path in paths:
        _, documents = load(path)
        for doc in documents:
            if doc.format != "html":
                continue
            text = "\n".join(doc.lines)
            root = parse(text, scan(text), str(path), grids=False)
            assert root is not None
            where = Locator(doc)
            for node in root.iter():
                if node.tag not in _CELLS:
                    continue
                taken += _check_cell(node)
                words = _walked(node, 0, 1, False, str(path)).text
                runs = [c for c in node.children if isinstance(c, Text)]
                for run in (words, *runs):
                    if run.value:
                        # an explicit end takes the general path
                        assert where.span(run) == where.span(run, 0, len(run.value))
                        spans += 1
    assert taken > 1000 and spans > 1000


def test_a_cell_over_the_text_limit_is_refused_on_either_path() -> None:
    long = "x" * (MAX_TEXT + 1)
    blank = " " * (MAX_TEXT + 1)
    for shape in (
        f"<td><font>{long}</font></td>",  # nested
        f"<td><font>{blank}</font><font>1</font></td>",  # nested, whitespace beside
        f"<td><font>{long}</font><sup>1</sup></td>",  # walked
    ):
        html = f"<table><tr>{shape}</tr></table>"
        root = parse(html, scan(html), "big.htm", grids=False)
        assert root is not None
        table = next(n for n in root.iter() if n.tag == "table")
        with pytest.raises(UnreadableInput, match="big.htm"):
            build_grid(table, False, "big.htm")
