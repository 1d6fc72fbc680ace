"""``<pre>`` text: fixed-width tables inside HTML, read by the plain-text table reader.

Early HTML releases often wrap the typed release in ``<pre>``. Tags inside it take no
width on the page, so its lines as shown (tags dropped, entities decoded) keep their
columns; the plain-text reader reads them, and each span it returns (a line and
columns of the shown text) is mapped back through the positioned lines to the file.
"""

from __future__ import annotations

from dataclasses import replace

from tieout.model import Document, Format, Paragraph, Span
from tieout.readers.html.blocks import PreBlock
from tieout.readers.html.paragraphs import paragraph
from tieout.readers.html.text import Text, TextBuilder
from tieout.readers.html.where import Locator
from tieout.readers.text.tables import text_drafts
from tieout.tables.drafts import Located, TableDraft


class _Map:
    """Spans of the shown lines (1-based line, columns) to spans of the file."""

    def __init__(self, lines: tuple[Text, ...], where: Locator) -> None:
        self.lines = lines
        self.where = where

    def span(self, span: Span) -> Span:
        i = span.line - 1
        if not 0 <= i < len(self.lines):
            return span
        text = self.lines[i]
        end = min(max(span.end, span.start + 1), len(text.value))
        return self.where.span(text, span.start, end)

    def line(self, line: int) -> int:
        i = line - 1
        if not 0 <= i < len(self.lines):
            return line
        text = self.lines[i]
        for k in range(len(text.value)):
            offset = text.offset(k)
            if offset >= 0:
                return self.where.line(offset)
        return self.where.line(max(0, self._nearest(i)))

    def _nearest(self, i: int) -> int:
        for j in range(i, -1, -1):
            for k in range(len(self.lines[j].value)):
                offset = self.lines[j].offset(k)
                if offset >= 0:
                    return offset
        return 0


def _mapped(draft: TableDraft, m: _Map) -> TableDraft:
    """A draft of the shown lines with every place mapped to the file."""

    def place(t: Located) -> Located:
        return Located(t.text, None if t.span is None else m.span(t.span))

    rows = tuple(
        replace(
            row,
            label_span=m.span(row.label_span),
            line=m.line(row.line),
            figures=tuple(replace(f, span=m.span(f.span)) for f in row.figures),
        )
        for row in draft.rows
    )
    return replace(
        draft,
        first_line=m.line(draft.first_line),
        title=tuple(place(t) for t in draft.title),
        scales=tuple(tuple(place(t) for t in group) for group in draft.scales),
        rows=rows,
    )


def pre_layout(
    block: PreBlock, doc: Document, where: Locator
) -> tuple[list[TableDraft], list[Paragraph]]:
    """The table drafts of a ``<pre>`` block, and its other lines as paragraphs."""
    shown = Document.of_lines(
        source=doc.source,
        lines=[t.value.replace("\t", " ") for t in block.lines],
        first_line=1,
        format=Format.TEXT,
        exhibit=doc.exhibit,
        description=doc.description,
        filename=doc.filename,
    )
    m = _Map(block.lines, where)
    found = text_drafts(shown)
    taken: set[int] = set()
    for draft in found:
        first, last = draft.extent
        taken.update(range(first, last + 1))
    drafts = [_mapped(d, m) for d in found]
    paragraphs: list[Paragraph] = []
    current = TextBuilder()

    def flush() -> None:
        nonlocal current
        text = current.build().words()
        para = paragraph(text, where, doc.exhibit) if text.value else None
        if para is not None:
            paragraphs.append(para)
        current = TextBuilder()

    for i, line in enumerate(block.lines, start=1):
        if i in taken or not line.value.strip():
            flush()
            continue
        if current:
            current.add(" ", -1)
        current.extend(line)
    flush()
    return drafts, paragraphs
