"""The pipeline: source bytes -> documents -> tables -> relations -> findings.

    sources  (plain text, EDGAR submission)      -> Source, Documents
    tables   (fixed-width layout)                -> Tables (columns, rows, cells)
    checks   (layout sums, identities, ratios, repeats; readings of ambiguous figures)
                                                 -> Relations, Findings
    report   (terminal, JSON, tidy rows)         <- Release

Each stage is a pure function of the previous one's records.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from tieout import checks
from tieout.errors import UnreadableInput
from tieout.model import Document, Finding, Release, Severity, Source, Table
from tieout.sources import MAX_BYTES, load, load_bytes
from tieout.tables.text import text_tables


def analyse(source: Source, documents: Sequence[Document]) -> Release:
    """Tables, relations and findings for documents already read from a source."""
    tables: list[Table] = []
    notes: list[Finding] = []
    for doc in documents:
        if doc.format == "html":
            notes.append(
                Finding(
                    code="html-not-read",
                    severity=Severity.INFO,
                    message=(
                        f"{doc.exhibit or 'document'} {doc.filename or ''} is HTML; "
                        "HTML releases are not read yet, so its figures are not checked"
                    ).replace("  ", " "),
                    line=doc.first_line,
                )
            )
            continue
        tables.extend(text_tables(doc, len(tables)))
    if not tables and not notes:
        raise UnreadableInput(source.path, "not an earnings release: no table of figures found")
    return checks.run(source, documents, tables, findings=notes)


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
