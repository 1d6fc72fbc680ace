"""HTML releases (2001 to today) read into the same tables and paragraphs as plain text.

    scan        start tags marked with their offsets, runs of text listed (limits)
    parse       lxml (libxml2) parse -> a small tree, every character positioned
    blocks      the body as runs of text, tables of cells, preformatted text
    grid        a <table> (or a div laid out as one) -> cells placed in slots
    cells       what a cell holds: figure, `$`, `)`/`%`, year, n/a, text
    parts       rows sorted into title / header / body, tables cut, columns found
    columns     the header texts over each column
    rows        labels, indents, figures, rules -> RowDraft
    tables      what may title and scale the table -> TableDraft
    paragraphs  blocks of text -> Paragraph
    pre         <pre> text read by the fixed-width reader

``html_drafts`` is the reader the pipeline calls for a document of format "html":
``Document -> (table drafts, paragraphs)``; the assembler makes the tables. Every
figure's span is its line, columns and character offset in the source file.
"""

from __future__ import annotations

from tieout.collector import collector_paused
from tieout.model import Document, Paragraph, Table
from tieout.readers.html.blocks import Block, PreBlock, TableBlock, TextBlock, blocks_of
from tieout.readers.html.cells import Role, classify
from tieout.readers.html.grid import Grid
from tieout.readers.html.limits import MAX_TABLE_SLOTS, check_entities, check_markup, check_tags
from tieout.readers.html.paragraphs import paragraph, row_texts
from tieout.readers.html.parse import parse
from tieout.readers.html.parts import is_scale_note
from tieout.readers.html.pre import pre_layout
from tieout.readers.html.scan import counts, scan
from tieout.readers.html.tables import Context, grid_drafts, located
from tieout.readers.html.text import Text
from tieout.readers.html.where import Locator
from tieout.tables.assemble import assemble
from tieout.tables.drafts import Located, TableDraft

__all__ = ["html_drafts", "html_layout"]

_SHORT = 120  # a block of text this long or longer is prose, not a title line
_ROW_TABLE_ROWS = 3  # a table this small right under another of its width continues it


def _merge_row_tables(blocks: list[Block]) -> list[Block]:
    """Join the one-row tables some agents print for each row of a table to the table above."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, TableBlock)
            and isinstance(previous, TableBlock)
            and block.grid.width == previous.grid.width
            and len(block.grid.rows) <= _ROW_TABLE_ROWS
            and (len(previous.grid.rows) + len(block.grid.rows)) * block.grid.width
            <= MAX_TABLE_SLOTS
            and any(classify(c).role is Role.FIGURE for r in block.grid.rows for c in r.cells)
        ):
            merged = Grid(
                previous.grid.rows + block.grid.rows,
                previous.grid.width,
                previous.grid.start,
                previous.grid.caption,
            )
            out[-1] = TableBlock(merged)
            continue
        out.append(block)
    return out


@collector_paused
def html_drafts(doc: Document) -> tuple[list[TableDraft], list[Paragraph]]:
    """The drafts of every table of figures and every paragraph of an HTML document."""
    name = doc.source.path
    text = doc.text
    markup, entities = counts(text)  # one pass over the text, before the scan
    check_markup(markup, name)
    check_entities(entities, name)
    scanned = scan(text)
    check_tags(scanned.tags, name)
    root = parse(text, scanned, name)
    if root is None:
        return [], []
    where = Locator(doc)
    drafts: list[TableDraft] = []
    paragraphs: list[Paragraph] = []
    above: list[Located] = []
    follows = False  # no long text since the last table: a table here may keep its scale
    pending: list[Located] = []  # scale notes since the last table, across long text

    def add_paragraph(block_text: Text) -> None:
        para = paragraph(block_text, where, doc.exhibit)
        if para is not None:
            paragraphs.append(para)

    for block in _merge_row_tables(blocks_of(root, name)):
        if isinstance(block, TextBlock):
            add_paragraph(block.text)
            if len(block.text.value) < _SHORT:
                above.append(located(block.text, where))
                if is_scale_note(block.text.value):
                    pending.append(above[-1])
            else:
                above, follows = [], False
            continue
        if isinstance(block, PreBlock):
            found, prose = pre_layout(block, doc, where)
            drafts.extend(found)
            paragraphs.extend(prose)
            above = []
            continue
        context = Context(tuple(above[-4:]), follows, tuple(reversed(pending)))
        found = grid_drafts(block.grid, context, where, doc.exhibit)
        if found:
            drafts.extend(found)
            above, follows, pending = [], True, []
            continue
        for row in row_texts(block.grid):
            add_paragraph(row)
            if len(row.value) < _SHORT:
                above.append(located(row, where))
                if is_scale_note(row.value):
                    pending.append(above[-1])
    return drafts, paragraphs


def html_layout(doc: Document, first_index: int = 0) -> tuple[list[Table], list[Paragraph]]:
    """Every table of figures (assembled) and every paragraph of an HTML document."""
    drafts, paragraphs = html_drafts(doc)
    return assemble(drafts, first_index), paragraphs
