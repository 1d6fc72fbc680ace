"""The body of an HTML release as a sequence of blocks: runs of text, and tables.

Running text is cut into blocks where the markup starts a new block (a paragraph, a
division, a list item, a heading, a cell of a layout table) or at a blank line made of
two ``<br>``. A ``<table>`` that holds other tables lays the page out: its cells are
read as blocks and the tables inside it in their turn. A table that holds none is a
candidate table of figures (the table reader decides), and so is a ``<div>`` laid out
with ``display: table``. ``<pre>`` text keeps its lines for the fixed-width reader.
A candidate table the compiled walk has read into its grid already (``Node.grid``) is
taken as it is.

``_Reader`` below, in Python, is the specification; the same reader compiled in C
(``_tree.c``'s ``blocks``: no Python call per element or per run of text) is used when it
imports, unless ``TIEOUT_PURE_PYTHON=1``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tieout.extensions import python_forced
from tieout.model import quick_init
from tieout.readers.html.grid import Grid, build_grid
from tieout.readers.html.limits import check_text
from tieout.readers.html.parse import Node
from tieout.readers.html.text import Text, TextBuilder

_BLOCK = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "address", "blockquote",
     "center", "dl", "dt", "dd", "hr", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
     "caption", "section", "article", "header", "footer", "body", "html", "form", "fieldset",
     "main", "nav", "aside", "figure", "figcaption", "kbd"}
)  # fmt: skip
_SPACE = " \t\n\r\f"
_BLANKS = _SPACE + "\u00a0"  # a text of these alone leaves a run of <br> unbroken


@quick_init
@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block of running text (a paragraph, a heading, a title line)."""

    text: Text  # whitespace made single spaces


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table that holds no other table."""

    grid: Grid


@dataclass(frozen=True, slots=True)
class PreBlock:
    """Preformatted text: its lines, each positioned, for the fixed-width reader."""

    lines: tuple[Text, ...]


Block = TextBlock | TableBlock | PreBlock


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.blocks: list[Block] = []
        self.current = TextBuilder()
        self.breaks = 0  # <br> since the last text

    def flush(self) -> None:
        current = self.current
        if current:  # (an empty builder is kept: it is a new one)
            check_text(current.size, self.name)
            text = current.build().words()
            if text.value:
                self.blocks.append(TextBlock(text))
            self.current = TextBuilder()
        self.breaks = 0

    def node(self, node: Node, bold: bool) -> None:
        tag = node.tag
        own = node.look.bold
        bold = own if own is not None else bold or tag in ("b", "strong")
        if tag == "br":
            self.breaks += 1
            if self.breaks >= 2:
                self.flush()
            else:
                self.current.add(" ", -1)
            return
        if tag == "pre":
            self.flush()
            self.blocks.append(PreBlock(_pre_lines(node)))
            return
        if not node.holds_table and (tag == "table" or node.look.display) and node.is_table:
            self.flush()
            grid = node.grid  # read by the compiled walk, with this bold
            self.blocks.append(
                TableBlock(build_grid(node, bold, self.name) if grid is None else grid)
            )
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        for child in node.children:
            if isinstance(child, Text):
                if child.value.strip(_BLANKS):
                    self.breaks = 0
                self.current.extend(child)
            else:
                self.node(child, bold)
        if block:
            self.flush()


def _pre_lines(node: Node) -> tuple[Text, ...]:
    """The lines of a ``<pre>`` (tags dropped, entities decoded, positions kept)."""
    builder = TextBuilder()
    stack: list[Node | Text] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Text):
            builder.extend(item)
        else:
            if item.tag == "br":
                builder.add("\n", -1)
            stack.extend(reversed(item.children))
    whole = builder.build()
    lines: list[Text] = []
    start = 0
    value = whole.value
    while start <= len(value):
        end = value.find("\n", start)
        if end < 0:
            end = len(value)
        lines.append(whole.slice(start, end))
        start = end + 1
    return tuple(lines)


def _blocks_python(root: Node, name: str) -> list[Block]:
    """The blocks of a document's body, in order, read in Python by ``_Reader``.

    The specification of the compiled reader (``_tree.c``'s ``blocks``), which gives the
    same blocks (tests/test_html_blocks_compiled.py)."""
    reader = _Reader(name)
    reader.node(root, False)
    reader.flush()
    return reader.blocks


# what the compiled reader reads and calls back: the records it reads and makes, the tags
# that start a block, and what it leaves to Python (a <pre>'s lines, a grid from Nodes, the
# limit on a block's length, the words of a block with whitespace to collapse)
_KINDS = (
    Node, Text, TextBlock, TableBlock, PreBlock, _BLOCK, _pre_lines, build_grid, check_text,
    Text.words,
)  # fmt: skip


def _compiled() -> Callable[[Node, str], list[Block]] | None:
    """The compiled reader, unless it is not built or the environment asks for Python."""
    if python_forced():
        return None
    try:
        from tieout.readers.html import _tree
    except ImportError:
        return None
    compiled = _tree.blocks

    def blocks_compiled(root: Node, name: str) -> list[Block]:
        """The blocks of a document's body, in order, read in C (no Python call per
        element or per run of text)."""
        got: list[Block] = compiled(root, name, _KINDS)
        return got

    return blocks_compiled


_COMPILED = _compiled()
COMPILED = _COMPILED is not None  # whether `blocks_of` is the compiled reader
_blocks: Callable[[Node, str], list[Block]] = _COMPILED or _blocks_python


def blocks_of(root: Node, name: str) -> list[Block]:
    """The blocks of a document's body, in order."""
    return _blocks(root, name)
