"""Whether a text is HTML: three tags early on, the search ending at the third.

``looks_html`` stops at the third tag of its window, where it counted every tag of the
20,000 characters (thousands on an HTML page). The reference here is the count: the same
answer on every corpus file and document, and on generated texts with none to many tags,
before, at and past the window's end, after a prologue.
"""

from __future__ import annotations

import random
from pathlib import Path

from golden import manifest
from tieout.readers.html.sniff import _HTML, _WINDOW, looks_html, prologue_end
from tieout.sources import load
from tieout.sources.decode import decode, read_bytes


def _counted(text: str) -> bool:
    """The reference: every tag of the window counted."""
    start = prologue_end(text)
    return len(_HTML.findall(text, start, start + _WINDOW)) >= 3


def test_every_corpus_file_and_document_is_sniffed_as_counted(corpus_dir: Path) -> None:
    answers = []
    for name in manifest(corpus_dir):
        path = corpus_dir / name
        text = decode(read_bytes(path), name)
        assert looks_html(text) == _counted(text)
        answers.append(looks_html(text))
        for doc in load(path)[1]:
            assert looks_html(doc.text) == _counted(doc.text), name
    assert True in answers and False in answers


def test_generated_texts_are_sniffed_as_counted() -> None:
    rng = random.Random(31)
    pieces = ["<p>", "<TD ", "<br/>", "<tr>", "<pre>", "<P", "x", "  ", "\n", "<!-- c -->"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        assert looks_html(text) == _counted(text), text
    # the third tag at the window's edge: inside it counts, past it does not
    for pad in range(_WINDOW - 12, _WINDOW + 2):
        text = "<p><p>" + "x" * (pad - 6) + "<p>"
        assert looks_html(text) == _counted(text) == (pad + 2 <= _WINDOW), (
            pad
        )  # "<p" and a word break
    prologue = "<!DOCTYPE html [" + "<!ENTITY a 'b'>" * 3000 + "]>"
    assert looks_html(prologue + "<html><body><p>")
    assert not looks_html(prologue + "<html> text <p>")
