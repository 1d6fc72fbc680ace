"""The pipeline: source bytes -> documents -> tables and prose -> claims -> findings.

    sources  (plain text, HTML, EDGAR submission)   -> Source, Documents
    layout   (a reader per document format)         -> Tables, Paragraphs
    prose    (sentences of the paragraphs)          -> Claims
    checks   (layout sums, identities, ratios, repeats, claims; readings of ambiguous
              figures)                              -> Relations, Findings
    report   (terminal, JSON, tidy rows, store)     <- Release

Each stage is a pure function of the previous one's records; the stage functions are
public so benchmarks can time them one by one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from tieout import checks
from tieout.errors import UnreadableInput
from tieout.html import html_layout
from tieout.model import (
    Document,
    Finding,
    FindingCode,
    Paragraph,
    Release,
    Severity,
    Source,
    Table,
)
from tieout.prose.claims import claims_of
from tieout.prose.paragraphs import text_paragraphs
from tieout.sources import MAX_BYTES, load, load_bytes
from tieout.tables.text import text_tables

Layout = tuple[list[Table], list[Paragraph]]
LayoutReader = Callable[[Document, int], Layout]


def _text_layout(doc: Document, first_index: int) -> Layout:
    tables = text_tables(doc, first_index)
    return tables, text_paragraphs(doc, tables)


# One reader per document format: (document, index of its first table) -> tables, prose.
READERS: dict[str, LayoutReader] = {"text": _text_layout, "html": html_layout}


def layout(documents: Sequence[Document]) -> tuple[list[Table], list[Paragraph], list[Finding]]:
    """Tables and paragraphs of every document, and a note for each format not read."""
    tables: list[Table] = []
    paragraphs: list[Paragraph] = []
    notes: list[Finding] = []
    for doc in documents:
        reader = READERS.get(doc.format)
        if reader is None:
            notes.append(
                Finding(
                    code=FindingCode.not_read(doc.format),
                    severity=Severity.INFO,
                    message=(
                        f"{doc.exhibit or 'document'} {doc.filename or ''} is {doc.format}; "
                        f"{doc.format} releases are not read yet, so its figures are not checked"
                    ).replace("  ", " "),
                    line=doc.first_line,
                )
            )
            continue
        found, prose = reader(doc, len(tables))
        tables.extend(found)
        paragraphs.extend(prose)
    return tables, paragraphs, notes


def analyse(source: Source, documents: Sequence[Document]) -> Release:
    """Tables, relations and findings for documents already read from a source."""
    tables, paragraphs, notes = layout(documents)
    if not tables and not notes:
        raise UnreadableInput(source.path, "not an earnings release: no table of figures found")
    claims = claims_of(paragraphs, tables)
    return checks.run(source, documents, tables, findings=notes, claims=claims)


def read(
    path: str | os.PathLike[str] | bytes,
    *,
    max_bytes: int = MAX_BYTES,
    encoding: str = "utf-8",
    name: str | None = None,
) -> Release:
    """Read and check one release: a path to a file, or the file's bytes.

    Raises ``UnreadableInput`` (one line naming the file and the reason) for input that
    is not a readable release; every other outcome is findings in the returned release.
    """
    if isinstance(path, bytes):
        if len(path) > max_bytes:
            raise UnreadableInput(name or "<bytes>", f"too large: over {max_bytes} bytes")
        source, documents = load_bytes(path, name or "<bytes>", encoding=encoding)
    else:
        source, documents = load(path, max_bytes=max_bytes, encoding=encoding)
    return analyse(source, documents)
