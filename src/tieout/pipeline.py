"""The pipeline: source bytes -> documents -> tables and prose -> claims -> findings.

    sources  (plain text, HTML, EDGAR submission)   -> Source, Documents
    readers  (one per document format)              -> table drafts, Paragraphs
    tables   (one assembler for every format)       -> Tables
    prose    (sentences of the paragraphs)          -> Claims
    checks   (layout sums, identities, ratios, repeats, claims; readings of ambiguous
              figures)                              -> Relations, Findings
    nongaap  (non-GAAP measures: reconciled, recomputed, prominence) -> NonGaapMeasures
    report   (terminal, JSON, tidy rows, store)     <- Release

Each stage is a pure function of the previous one's records; the stage functions are
public so benchmarks can time them one by one.

A bug of ours never loses a release: a reader that raises on one document becomes a
``reader-crashed`` error finding for that document (the other documents are read), the
prose stage a ``prose-crashed`` one (the tables are still checked), the checks a
``check-crashed`` one. ``read`` raises only ``UnreadableInput``.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from pathlib import Path

from tieout import checks, cutoff, nongaap
from tieout.cells import blank
from tieout.collector import collector_paused
from tieout.errors import UnreadableInput
from tieout.model import (
    CellRef,
    Document,
    Finding,
    FindingCode,
    Paragraph,
    Release,
    Severity,
    Source,
    Table,
    release_with,
)
from tieout.prose import memo
from tieout.prose.claims import claims_of
from tieout.readers import reader_for
from tieout.sources import MAX_BYTES, load, load_bytes
from tieout.tables.assemble import assemble, assemble_each
from tieout.tables.drafts import TableDraft
from tieout.tables.out_of_range import out_of_range


def layout(documents: Sequence[Document]) -> tuple[list[Table], list[Paragraph], list[Finding]]:
    """Tables and paragraphs of every document, and a note for each format not read."""
    tables: list[Table] = []
    paragraphs: list[Paragraph] = []
    notes: list[Finding] = []
    for doc in documents:
        reader = reader_for(doc.format)
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
        try:
            drafts, prose = reader.read(doc)
            found = assemble(drafts, len(tables))
        except (UnreadableInput, RecursionError, MemoryError):
            raise  # the input's fault or its limits, not bugs: ``read`` says so in one line
        except Exception as error:  # a bug of ours: this document's figures go unchecked
            where = " ".join(x for x in (doc.exhibit, doc.filename) if x)
            what = f"the {doc.format} reader" + (f" on {where}" if where else "")
            notes.append(crashed("reader", what, error, doc))
            continue
        tables.extend(found)
        paragraphs.extend(prose)
    return tables, paragraphs, notes


def trace(documents: Sequence[Document]) -> list[tuple[TableDraft, Table | None]]:
    """Every table draft the readers made, with the table the assembler made of it.

    The view behind ``--debug-tables``: the same for every format, since every reader
    gives drafts. Numbering follows ``layout``; a draft that makes no table pairs None.
    """
    pairs: list[tuple[TableDraft, Table | None]] = []
    count = 0
    for doc in documents:
        reader = reader_for(doc.format)
        if reader is None:
            continue
        drafts, _ = reader.read(doc)
        made = assemble_each(drafts, count)
        count += sum(1 for t in made if t is not None)
        pairs.extend(zip(drafts, made, strict=True))
    return pairs


def crashed(stage: str, what: str, error: Exception, doc: Document | None) -> Finding:
    """A bug of ours in one stage as an error finding: what failed, where in our code."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if package_file(f.filename) is not None]
    frame = (ours or frames)[-1] if frames else None
    where = f" at {_ours(frame.filename)}:{frame.lineno}" if frame else ""
    text = str(error)
    text = text if len(text) <= 200 else text[:200] + "..."
    return Finding(
        code=FindingCode(f"{stage}-crashed"),
        severity=Severity.ERROR,
        message=f"{what} failed{where}: {type(error).__name__}: {text} (a bug of tieout's; "
        "please report it)",
        line=doc.first_line if doc is not None else 1,
    )


_PACKAGE = Path(__file__).resolve().parent


def package_file(filename: str) -> str | None:
    """A file of this package by its name from the package root (``tieout/tables/text.py``);
    None for any other file, wherever the package or the other file lies (a checkout in a
    folder named ``tieout`` holds tests that are not ours). A compiled module's frame names
    its source as Cython was given it, relative (``src/tieout/tables/text.py``): read from
    this package's folder, not from the working directory."""
    path = Path(filename)
    if not path.is_absolute() and _PACKAGE.name in path.parts:
        path = _PACKAGE.parent.joinpath(*path.parts[path.parts.index(_PACKAGE.name) :])
    try:
        inside = path.resolve().relative_to(_PACKAGE)
    except (ValueError, OSError):
        return None
    return "tieout/" + inside.as_posix()


def _ours(filename: str) -> str:
    """A source file's name from the package root, or its base name if not ours."""
    return package_file(filename) or os.path.basename(filename)


def analyse(source: Source, documents: Sequence[Document]) -> Release:
    """Tables, relations and findings for documents already read from a source."""
    tables, paragraphs, notes = layout(documents)
    cut = next((d for d in documents if d.truncated), None)  # the file ends in it
    dropped: list[str] = []
    if cut is not None:
        tables, paragraphs, dropped = cutoff.cut_off(cut, tables, paragraphs)
    if source.truncated and not tables:
        raise UnreadableInput(
            source.path, f"cut short ({source.truncated}) before any whole table of figures"
        )
    if not tables and not notes:
        raise UnreadableInput(source.path, "not an earnings release: no table of figures found")
    unchecked, warnings = out_of_range(tables)  # figures too long to compute with
    blanked = blank(tables, unchecked) if unchecked else tables  # the same tables as tied
    try:
        release = _judged(
            source, documents, tables, blanked, paragraphs, notes, warnings, unchecked
        )
    finally:  # what the prose and the checks built from the tables is this release's to free
        memo.forget(tables, blanked)
    if not source.truncated:
        return release
    unjudged = 0
    if cut is not None:
        release, unjudged = cutoff.unjudged(release)
    warning = cutoff.warning(source, cut, dropped, unjudged)
    return release_with(release, findings=(warning, *release.findings))


def _judged(
    source: Source,
    documents: Sequence[Document],
    tables: list[Table],
    blanked: list[Table],
    paragraphs: list[Paragraph],
    notes: list[Finding],
    warnings: list[Finding],
    unchecked: frozenset[CellRef],
) -> Release:
    """The claims, checks and non-GAAP measures of a release's tables (``analyse``)."""
    first = documents[0] if documents else None
    try:
        claims = claims_of(paragraphs, blanked)
    except (UnreadableInput, RecursionError, MemoryError):
        raise
    except Exception as error:  # a bug of ours: the tables are still checked
        notes.append(crashed("prose", "reading the prose", error, first))
        claims = ()
    try:
        judged = checks.run(
            source,
            documents,
            tables,
            findings=[*notes, *warnings],
            claims=claims,
            unchecked=unchecked,
        )
    except (UnreadableInput, RecursionError, MemoryError):
        raise
    except Exception as error:  # a bug outside the checks' own guards
        notes.append(crashed("check", "checking the tables", error, first))
        judged = Release(source, tuple(documents), tuple(tables), findings=tuple(notes))
    return release_with(
        nongaap.run(release_with(judged, tables=tuple(blanked))), tables=judged.tables
    )


@collector_paused
def read(
    path: str | os.PathLike[str] | bytes,
    *,
    max_bytes: int = MAX_BYTES,
    encoding: str = "utf-8",
    name: str | None = None,
    sha256: str | None = None,
) -> Release:
    """Read and check one release: a path to a file, or the file's bytes.

    ``sha256``, with bytes only: their digest, where the caller took it already.

    Raises ``UnreadableInput`` (one line naming the file and the reason), and nothing
    else, for input that is not a readable release, or too deep or too large to read,
    or that a bug of ours stops before its documents are found ("internal error ...
    (please report)", the bug's exception as its ``__cause__``). Every other outcome is
    findings in the returned release (a bug of ours included: ``*-crashed`` findings).
    """
    label = name or ("<bytes>" if isinstance(path, bytes) else os.fspath(path))
    try:
        if isinstance(path, bytes):
            if len(path) > max_bytes:
                raise UnreadableInput(label, f"too large: over {max_bytes} bytes")
            source, documents = load_bytes(path, label, encoding=encoding, sha256=sha256)
        else:
            source, documents = load(path, max_bytes=max_bytes, encoding=encoding)
        return analyse(source, documents)
    except RecursionError:
        raise UnreadableInput(label, "nested too deeply to read") from None
    except MemoryError:
        raise UnreadableInput(label, "ran out of memory reading it") from None
    except UnreadableInput:
        raise
    except Exception as error:  # a bug of ours in reading the source: no release to report on
        reason = f"internal error {type(error).__name__}: {error} (please report)"
        raise UnreadableInput(label, reason) from error
