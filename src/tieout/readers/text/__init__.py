"""The fixed-width text reader: plain-text releases, and ``<pre>`` text inside HTML.

lines       one line: its label, its figures and their spans, or a rule
blocks      where the tables are: runs of figure rows, their title areas
columns     column extents from aligned figures, and the header texts over them
tables      each table's drafts: rows (labels joined across lines), rules, figures
paragraphs  the lines no table holds, as paragraphs of running text
"""

from __future__ import annotations

from tieout.collector import collector_paused
from tieout.model import Document, Paragraph
from tieout.readers.text.paragraphs import text_paragraphs
from tieout.readers.text.tables import text_drafts
from tieout.tables.drafts import TableDraft

__all__ = ["text_drafts", "text_reader"]


@collector_paused
def text_reader(doc: Document) -> tuple[list[TableDraft], list[Paragraph]]:
    """The table drafts and paragraphs of a plain-text document.

    Read with the cycle collector paused, as the HTML reader is (``tieout.collector``):
    a line, its runs and figures are records with no cycles, thousands per document,
    and the collector walking them as they are made was a seventh of the reader's time.
    """
    drafts = text_drafts(doc)
    return drafts, text_paragraphs(doc, drafts)
