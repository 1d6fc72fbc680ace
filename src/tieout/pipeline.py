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
from tieout.sources import load
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


def read(path: str | os.PathLike[str]) -> Release:
    """Read and check one file: a plain-text release or a full EDGAR submission."""
    source, documents = load(path)
    return analyse(source, documents)
