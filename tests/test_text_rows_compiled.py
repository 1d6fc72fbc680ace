"""The compiled row drafts of the text reader (readers/text/_runs.c's ``row_draft``) are
the Python ones.

``tables._row_draft_python`` is the specification: a row's ``RowDraft``, its label's
``Span``, and a ``FigureDraft`` with its ``Span`` for each figure and its column. The C
function makes the same records as their ``__init__`` makes them (each slot set, the
defaults given). Compared field by field, by value and by type, on the drafts of every
corpus document read as text (the text documents, and the HTML ones as odd input in
bulk), and on generated rows.
"""

from __future__ import annotations

import importlib.util
import random
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout.figures import parse_figure
from tieout.model import Document, Format, Rule
from tieout.readers.text import tables
from tieout.readers.text.lines import FigureChunk
from tieout.sources import load

NAME = "tieout.readers.text._runs"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _same(made: Any, spec: Any) -> bool:
    """Equal, and of the same types all the way down (records, their fields, tuples)."""
    if type(made) is not type(spec):
        return False
    if is_dataclass(spec):
        return all(_same(getattr(made, f.name), getattr(spec, f.name)) for f in fields(spec))
    if isinstance(spec, tuple | list):
        return len(made) == len(spec) and all(_same(a, b) for a, b in zip(made, spec, strict=True))
    return bool(made == spec)


def _as_text(doc: Document) -> Document:
    return Document.of_lines(doc.source, doc.lines, doc.first_line, Format.TEXT)


@needs_build
def test_the_compiled_rows_are_the_python_rows_on_every_corpus_document(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [_as_text(doc) for name in manifest(corpus_dir) for doc in load(corpus_dir / name)[1]]
    made = [tables.text_drafts(doc) for doc in docs]
    monkeypatch.setattr(tables, "_row_draft", tables._row_draft_python)
    spec = [tables.text_drafts(doc) for doc in docs]
    assert _same(made, spec)
    rows = [row for drafts in made for draft in drafts for row in draft.rows]
    assert len(rows) >= 300 and sum(len(row.figures) for row in rows) >= 1000


@needs_build
def test_the_compiled_rows_are_the_python_rows_on_generated_rows() -> None:
    rng = random.Random(17)
    prints = ["1", "(1,234)", "$ 5.5", "12%", "-", "2004", "$  (0.25)"]
    for _ in range(3000):
        count = rng.randrange(0, 6)
        figures = []
        for _ in range(count):
            raw = rng.choice(prints)
            start = rng.randrange(0, 200)
            figure = parse_figure(raw)
            assert figure is not None
            end = start + len(raw)
            figures.append(FigureChunk(raw, start, end, start, end, figure))
        args = (
            rng.choice(["", "Net sales", "Total – net"]),
            rng.randrange(1, 10**6),
            rng.randrange(0, 80),
            rng.randrange(80, 120),
            rng.randrange(1, 10**6),
            [rng.randrange(0, 9) for _ in figures],
            tuple(figures),
            rng.choice(list(Rule)),
            rng.choice(list(Rule)),
        )
        assert _same(tables._row_draft(*args), tables._row_draft_python(*args))


@needs_build
def test_a_column_for_each_figure() -> None:
    import tieout.readers.text._runs as compiled

    figure = parse_figure("12")
    assert figure is not None
    chunk = FigureChunk("12", 20, 22, 20, 22, figure)
    args = ("Sales", 5, 0, 5, 5, [0, 1], (chunk,), Rule.NONE, Rule.NONE)
    with pytest.raises(ValueError):
        tables._row_draft_python(*args)
    with pytest.raises(ValueError):
        tables._row_draft(*args)
    with pytest.raises(TypeError):
        compiled.row_draft((), *args)
