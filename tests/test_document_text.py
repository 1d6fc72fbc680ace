"""A document's text, made once: its lines and their starts only when asked for.

``sources`` cuts each document's text from the file (no line made for an HTML document);
the lines, the lines' starts, the last line and one line of it must be what the lines
split from the file gave before, on every corpus document and on generated texts.
"""

from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

from tieout import pipeline
from tieout.model import Document, Format, Source
from tieout.sources import load, load_bytes
from tieout.sources.furniture import blank_furniture
from tieout.sources.submission import Part, is_submission, parts, release_parts


def _lines_whole(text: str, part: Part | None, fmt: Format) -> tuple[str, ...]:
    """A document's lines as ``sources._document`` first made them: its text split, a last
    empty line dropped, the furniture of a text document blanked."""
    start, end = (part.start, part.end) if part else (0, len(text))
    lines = text[start:end].split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(blank_furniture(lines) if fmt is Format.TEXT else lines)


def _check(doc: Document, want: tuple[str, ...], name: str) -> None:
    """Every view of the document is the one its lines give, asked in any order."""
    fresh = Document(doc.source, doc.text, doc.first_line, doc.format)
    assert doc.text == "\n".join(want), name
    assert doc.last_line == doc.first_line + len(want) - 1, name
    starts = (0, *accumulate(len(line) + 1 for line in want[:-1]))
    assert doc.line_starts == starts, name
    for i in {0, len(want) // 2, len(want) - 1} if want else ():
        assert fresh.line(i) == doc.line(i) == want[i], (name, i)
    assert doc.lines == want, name
    assert fresh.lines == want or (not want and fresh.lines == ("",)), name


def _documents(data: bytes, name: str) -> None:
    source, docs = load_bytes(data, name)
    text = data.decode().replace("\r\n", "\n").replace("\r", "\n")
    chosen: list[Part | None] = list(release_parts(parts(text))) if is_submission(text) else [None]
    assert len(docs) == len(chosen), name
    for doc, part in zip(docs, chosen, strict=True):
        _check(doc, _lines_whole(text, part, doc.format), name)


def test_each_corpus_documents_text_lines_and_starts_are_its_split_lines(
    corpus_dir: Path,
) -> None:
    from golden import manifest

    for name in manifest(corpus_dir):
        _documents((corpus_dir / name).read_bytes(), name)


def test_generated_documents_text_lines_and_starts_are_their_split_lines() -> None:
    """Bodies empty, of one newline, with and without a last newline, with blank lines at
    the end, in HTML and in text, alone and inside a submission."""
    html = ["<p>a</p>", "<div>b</div>", "<td>1</td>", "\n", "\n\n", " ", "x"]
    plain = ["Net sales   1,234", "\n", "\n\n", "\f", "- 2 -", "   ", "x"]
    rng = random.Random(3)
    for _ in range(1500):
        pieces = html if rng.random() < 0.5 else plain
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if pieces is html and rng.random() < 0.7:
            body = "<html><body><p>x</p><br>" + body
        if not body.strip():
            body = "x" + body
        _documents(body.encode(), "gen.txt")
        for inner in (body, "", "\n", body + "\n\n"):
            wrapped = (
                "<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n"
                f"{inner}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
            )
            _documents(wrapped.encode(), "gen-submission.txt")


def test_of_lines_keeps_its_lines_and_an_html_read_makes_none(corpus_dir: Path) -> None:
    """A document of lines keeps them (an empty one has none, not one empty line); the
    pipeline reads an HTML document from its text and never splits it."""
    source = Source("t.txt", "0" * 64, 0, Format.TEXT)
    empty = Document.of_lines(source, [], 5)
    assert (empty.text, empty.lines, empty.last_line) == ("", (), 4)
    blank = Document.of_lines(source, ["a", ""], 5)
    assert (blank.text, blank.lines, blank.last_line, blank.line(1)) == ("a\n", ("a", ""), 6, "")
    release = pipeline.read(corpus_dir / "exhibits" / "pnc_2021q2_ex99-1.htm")
    (doc,) = release.documents
    assert doc.format is Format.HTML and release.tables
    assert doc._lines is None  # read from its text: no line made
    _, again = load(corpus_dir / "exhibits" / "pnc_2021q2_ex99-1.htm")
    assert again == release.documents and doc.lines == again[0].lines
