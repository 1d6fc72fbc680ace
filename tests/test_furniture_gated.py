"""Page furniture found with fewer searches of a line, the same lines blanked.

A page's end is found by one pattern (a page tag or a page number) where two were asked
of every line, and a bare number is tried only near a page's end (or on a form feed's
line), the only lines it may blank; the page ends of a document are found by one search
of its text. The reference here is the old definition, asked of
every line of every corpus document and of generated pages (tags, numbers of each form,
form feeds, running heads, bare numbers near and far from a page's end).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from golden import manifest
from tieout.sources import furniture
from tieout.sources.decode import decode, read_bytes
from tieout.sources.furniture import _BARE_NUMBER, _PAGE_NUMBER, _PAGE_TAG, blank_furniture
from tieout.sources.submission import is_submission, parts, release_parts


def _reference(lines: list[str]) -> list[str]:
    """``blank_furniture`` as it was: every pattern asked of every line."""
    out = [line.replace("\f", "") for line in lines]
    breaks = [
        i
        for i, line in enumerate(lines)
        if "\f" in line or _PAGE_TAG.match(line) or _PAGE_NUMBER.match(line)
    ]
    for i in breaks:
        if _PAGE_TAG.match(lines[i]) or _PAGE_NUMBER.match(lines[i]) or not out[i].strip():
            out[i] = ""
    near = {b + d for b in breaks for d in (-2, -1, 1, 2)}
    for i, line in enumerate(lines):
        if _BARE_NUMBER.match(line.replace("\f", "")) and (i in near or "\f" in line):
            out[i] = ""
    tops = furniture._page_tops(out, breaks)
    counts = Counter(out[i].strip() for top in tops for i in top)
    for top in tops:
        for i in top:
            if counts[out[i].strip()] >= 2 and not re.search(r"\d{1,3}(?:,\d{3})+", out[i]):
                out[i] = ""
    return out


def test_every_corpus_document_is_blanked_as_before(corpus_dir: Path) -> None:
    blanked = 0
    for name in manifest(corpus_dir):
        text = decode(read_bytes(corpus_dir / name), name)
        bodies = (
            [text[p.start : p.end] for p in release_parts(parts(text))]
            if is_submission(text)
            else [text]
        )
        for body in bodies:
            lines = body.split("\n")
            out = blank_furniture(lines)
            assert out == _reference(lines), name
            blanked += sum(1 for a, b in zip(lines, out, strict=True) if a != b)
    assert blanked >= 5  # the corpus has furniture to blank (9 lines when written)


def test_generated_pages_are_blanked_as_before() -> None:
    rng = random.Random(31)
    pieces = [
        "Net sales      $ 1,234",
        "ACME CORP",
        "May 17, 2004",
        "",
        "   ",
        "<PAGE>",
        "  <page> 7 ",
        "\f",
        "\fNet sales   5",
        "-5-",
        "   - 12 -   ",
        "Page 7",
        "page 7 of 9",
        "7 of 9",
        "[3]",
        " " * 24 + "12",
        "\f" + " " * 22 + "3",
        " " * 10 + "12",
        "1,234,567",
        "The company reported net income.",
        # whitespace of other kinds around a page's end (``\\s`` but not a newline)
        "-5-\r",
        "\x0b  Page 3 of 9\x0b",
        "\u2028[12]\u2028",
        "\x85<PAGE>\x1c 4",
        " 7\r",
        "\r",
        "  - 12 -  x",
        " " * 40 + "- 3 -",
        " " * 40 + "Page 1234",
        "\t\t<page>12 \t",
        "  page 3 of",
        "  [12] [3]",
        "  1 of 2 of 3",
        "--- 5 ---",
    ]
    for _ in range(4000):
        lines = [rng.choice(pieces) for _ in range(rng.randrange(0, 30))]
        assert blank_furniture(lines) == _reference(lines), lines
