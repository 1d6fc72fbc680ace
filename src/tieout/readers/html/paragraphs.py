"""Running text of an HTML release as ``Paragraph``s, each character mapped to the file.

A paragraph is one block of text (see ``blocks``); a table that holds no figures (a
contact list, a list of bullets laid out in a table, a footnote in a cell beside its
mark) gives one paragraph per row. Pieces carry the line, column and character offset
of every stretch of text that runs on in the file, so a claim found in the text can be
pointed at exactly, entities and markup notwithstanding.
"""

from __future__ import annotations

from tieout.model import Paragraph
from tieout.readers.html.grid import Grid
from tieout.readers.html.text import Text, join
from tieout.readers.html.where import Locator


def paragraph(text: Text, where: Locator, exhibit: str | None) -> Paragraph | None:
    """The paragraph of a block of text (None when it has no known place in the file)."""
    pieces = where.run_spans(text)
    if not pieces or not text.value.strip():
        return None
    return Paragraph(text.value, pieces, exhibit)


def row_texts(grid: Grid) -> list[Text]:
    """The text of each row of a table read as prose, cells joined by spaces."""
    return [t for t in (join(c.text for c in row.cells) for row in grid.rows) if t.value]
