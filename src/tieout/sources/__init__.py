"""Sources: a file's bytes to a ``Source`` and the ``Document``s that hold its release.

    read_bytes / decode   refuse empty, binary, huge and undecodable input, by name
    submission            EDGAR header fields and the EX-99 exhibits of a full submission
    furniture             page numbers, running heads, form feeds blanked in place

A plain-text release is one document; an HTML file is one HTML document; a submission
gives one document per EX-99 exhibit. A document's lines are the source file's lines,
furniture blanked, so a figure's line in a document is its line in the file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tieout.errors import UnreadableInput
from tieout.model import Document, Format, Source
from tieout.readers import sniff
from tieout.sources.decode import MAX_BYTES, decode, read_bytes
from tieout.sources.furniture import blank_furniture
from tieout.sources.submission import (
    Part,
    header,
    html_cut,
    is_submission,
    parts,
    release_parts,
    submission_cut,
)

__all__ = ["MAX_BYTES", "load", "load_bytes"]


def _document(source: Source, text: str, part: Part | None = None) -> Document:
    """A document of the source: one part of a submission, or (no part) the whole text.

    Its text is the part's (the file's) text but a last newline, the lines' join: cut
    from the file once, no line made. A text document's lines are made to blank its
    furniture; an HTML document's only when a reader asks for them.
    """
    start, end, first_line = (part.start, part.end, part.first_line) if part else (0, len(text), 1)
    stop = end - 1 if end > start and text[end - 1] == "\n" else end  # a last line's newline
    body = text[start:stop]  # the text itself when it is all of it
    fmt = sniff(body)
    fields = (
        first_line,
        fmt,
        part.type if part else None,
        part.description if part else None,
        part.filename if part else None,
        start,
        not part.closed if part else source.truncated is not None,
    )
    if fmt is Format.TEXT:
        return Document.of_lines(
            source, blank_furniture(body.split("\n"), body) if end > start else [], *fields
        )
    return Document(source, body, *fields)  # never empty: HTML has tags


def load_bytes(
    data: bytes, name: str = "<bytes>", *, encoding: str = "utf-8", sha256: str | None = None
) -> tuple[Source, tuple[Document, ...]]:
    """The source record and release documents of a file's bytes.

    ``sha256`` is the bytes' digest when the caller has taken it already (a batch hashes
    each input to know whether it is stored): 29 MB of corpus cost 0.04 s to hash again.
    """
    text = decode(data, name, encoding=encoding)
    digest = sha256 or hashlib.sha256(data).hexdigest()
    if is_submission(text):
        found = parts(text)
        chosen = release_parts(found)
        if not chosen:
            raise UnreadableInput(name, "EDGAR submission with no EX-99 exhibit or text document")
        cut = submission_cut(text, found)
        source = header(text, Source(name, digest, len(data), Format.SUBMISSION, truncated=cut))
        return source, tuple(_document(source, text, part) for part in chosen)
    fmt = sniff(text)
    cut = html_cut(text) if fmt is Format.HTML else None
    source = Source(path=name, sha256=digest, size=len(data), format=fmt, truncated=cut)
    return source, (_document(source, text),)


def load(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, encoding: str = "utf-8"
) -> tuple[Source, tuple[Document, ...]]:
    """The source record and release documents of a file on disk."""
    data = read_bytes(path, max_bytes=max_bytes)
    return load_bytes(data, str(Path(path)), encoding=encoding)
