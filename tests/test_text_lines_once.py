"""What the text reader decides once per line (blank, running text, runs, figures), per
distinct run (a figure, its digits, whether it is a year) and per span (a figure's
column) is what it asked again per use before: checked against those definitions, kept
here as the reference, on every line of the corpus's text documents, the first lines of
its HTML documents read as text, and generated odd lines."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from golden import CORPUS, manifest
from tieout.figures import parse_figure
from tieout.model import Document, Format, Rule, Source
from tieout.readers.text import paragraphs
from tieout.readers.text.columns import ColumnFinder, column_of
from tieout.readers.text.lines import (
    _FIRST_OF_NUMBER,
    _LAST_OF_NUMBER,
    _YEAR,
    FigureChunk,
    TextLine,
    chunks,
    clean,
    read_line,
    read_lines,
)
from tieout.readers.text.tables import text_drafts
from tieout.sources import load

ONE = parse_figure("1")

_ODD = [
    "",
    "   ",
    "\t",
    "<S>",
    "<S>   <C>",
    " <TABLE>",
    "</TABLE>  ",
    "<PAGE>",
    "....",
    ". . . . .",
    "Revenues . . . . .  1,000",
    "Revenues ____  (5)",
    "-----   ======",
    "Total operating income before   -------   -------",
    "Net income   $  (1,234)   567 (a)   *",
    "Earnings-Excluding Synfuels $ 0.25   $ 0.30",
    "   2004     2003",
    "   2004 (a)  2003*",
    "Sales   )   %",
    "Sales  12   )",
    "Margin  12.5   %   (3.1)  )%",
    "Cost  $",
    "Cost  $   -   --   nil   n/a",
    "The company reported net income for the quarter of the year, up from last year.",
    "The company reported net income for the quarter of the year,   up from last year.",
    "- - The company reported net income for the quarter of the year, up from last year.",
    "\u2022 The company\u00a0reported net income for the quarter of the year, up from the last.",
    "A line that ends in a carriage return and is long enough to be prose, nine words\r",
    "Dividends declared per share\t\t$ .30\t$ .25",
]


def _prose(line: TextLine) -> bool:
    """The reference: running text, as ``blocks.is_prose`` decided it per use."""
    text = line.text.rstrip()
    if line.figures or line.rule is not Rule.NONE or line.markup:
        return False
    stripped = text.strip()
    return len(stripped) >= 60 and len(chunks(clean(text))) == 1 and len(stripped.split()) >= 8


def _digits(raw: str, start: int) -> tuple[int, int]:
    """The reference: the span of a figure's digits, as ``_digits_span`` found it per figure."""
    first = _FIRST_OF_NUMBER.search(raw)
    last = _LAST_OF_NUMBER.search(raw)
    return (
        start + (first.start() if first else 0),
        start + (last.start() if last else len(raw) - 1) + 1,
    )


def _mutated(texts: list[str], seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for text in texts:
        r = rnd.random()
        if r < 0.1:
            text = text.replace("  ", "\t", 1)
        elif r < 0.2:
            text = "<S>" + text
        elif r < 0.3:
            text = text + "  $"
        elif r < 0.4:
            text = text.replace("0", "-", 1)
        elif r < 0.5:
            text = text.replace(" ", ". . . ", 1)
        elif r < 0.55:
            text = text + "  ====="
        elif r < 0.6:
            text = text[: len(text) // 2]
        out.append(text)
    return out


def _documents() -> Iterator[Document]:
    for name in manifest() if (CORPUS / "MANIFEST.tsv").is_file() else []:
        yield from load(CORPUS / name)[1]


def _corpus_lines() -> list[str]:
    texts: list[str] = []
    for doc in _documents():
        texts.extend(doc.lines if doc.format is Format.TEXT else doc.lines[:400])
    return texts


@pytest.fixture(scope="module")
def corpus_lines() -> list[str]:
    texts = _corpus_lines()
    return texts + _mutated(texts[:8000], 7) + _ODD


def test_odd_lines_read_as_the_definitions_say() -> None:
    _check(_ODD)


@pytest.mark.corpus
def test_every_line_read_as_the_definitions_say(
    corpus_dir: object, corpus_lines: list[str]
) -> None:
    _check(corpus_lines)


def _check(texts: list[str]) -> None:
    for text in texts:
        line = read_line(text)
        assert line.blank == (not text.strip()), text
        assert line.prose == _prose(line), text
        if line.markup or line.rule is not Rule.NONE:
            assert line.runs == (), text
        else:
            assert line.runs == tuple(chunks(clean(text))), text
        for f in line.figures:
            assert f.figure == parse_figure(f.raw), text
            assert (f.num_start, f.num_end) == _digits(f.raw, f.start), text
        years = all(_YEAR.match(f.raw.strip()) for f in line.figures)
        assert line.years_only == (
            bool(line.figures) and (not line.label or len(line.figures) >= 2) and years
        ), text
    # each distinct text read once: the same lines, in order
    assert read_lines(tuple(texts)) == [read_line(t) for t in texts]


def test_a_figure_asked_again_is_the_same() -> None:
    first = read_line("Sales   $ (1,234)   2004   2003").figures
    again = read_line("Costs   $ (1,234)   2004   2003").figures
    assert [f.figure for f in first] == [f.figure for f in again]
    assert read_line("Sales   $ (1,234)   2004   2003").years_only is False
    assert read_line("      2004   2003").years_only is True


def test_the_finder_answers_as_column_of_and_again_the_same() -> None:
    rnd = random.Random(3)
    for _ in range(300):
        n = rnd.randint(1, 8)
        cols = sorted((a, a + rnd.randint(1, 9)) for a in rnd.sample(range(120), n))
        if rnd.random() < 0.3:
            rnd.shuffle(cols)  # out of order: column_of itself
        finder = ColumnFinder(cols)
        spans = [(s, s + rnd.randint(1, 9)) for s in (rnd.randint(0, 130) for _ in range(20))]
        figures = [FigureChunk("1", s, e, s, e, ONE) for s, e in spans + spans]
        assert finder.place(figures) == [column_of(s, e, cols) for s, e in spans + spans]
        assert len(finder.known) == len(set(spans))
        assert finder.place(figures[:3]) == [column_of(s, e, cols) for s, e in spans[:3]]


def _columnar(text: str) -> bool:
    """The reference: a wide gap after any bullet, asked of every line."""
    return bool(paragraphs._GAP.search(paragraphs._BULLET.sub("", text.strip())))


def _outside(doc: Document, tables: list) -> list[bool]:
    """The reference: ``_outside_tables`` with every line tested for tags and rules."""
    keep = [True] * len(doc.lines)
    for table in tables:
        first, last = table.extent
        for line in range(first, last + 1):
            i = line - doc.first_line
            if 0 <= i < len(keep):
                keep[i] = False
        paragraphs._running_text_above(doc, table, keep)
    in_markup = False
    for i, text in enumerate(doc.lines):
        if paragraphs._TABLE_OPEN.match(text):
            in_markup = True
        if in_markup or paragraphs._MARKUP.match(text) or paragraphs._RULE.match(text):
            keep[i] = False
        if paragraphs._TABLE_CLOSE.match(text):
            in_markup = False
    return keep


def _text_documents() -> Iterator[Document]:
    source = Source("odd.txt", "0" * 64, 0, "text")
    odd = ["<TABLE>", *_ODD, "</TABLE>", *_ODD, "<TABLE>", "  -----"]
    yield Document.of_lines(source, tuple(odd), 1)
    for doc in _documents():
        if doc.format is Format.TEXT:
            yield doc
            for seed in range(3):
                yield Document.of_lines(doc.source, tuple(_mutated(list(doc.lines), seed)), 1)


@pytest.mark.corpus
def _blocks(lines: tuple[str, ...], keep: list[bool]) -> list[list[int]]:
    """The reference: the prose blocks of the kept lines, cut at blank lines and items,
    the blocks mostly columnar left out."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, text in enumerate(lines):
        if keep[i] and text.strip():
            if current and paragraphs._ITEM.match(text):
                blocks.append(current)
                current = []
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [b for b in blocks if sum(_columnar(lines[i]) for i in b) * 2 <= len(b)]


def test_prose_lines_and_gaps_as_the_definitions_say(corpus_dir: object) -> None:
    for doc in _text_documents():
        tables = text_drafts(doc)
        # the tables' lines set aside, then the markup and rules (``_prose_blocks``)
        expected = _blocks(doc.lines, _outside(doc, tables))
        outside = paragraphs._outside_tables(doc, tables)
        assert paragraphs._prose_blocks(doc.lines, outside) == expected
        assert paragraphs._prose_blocks_python(doc.lines, outside) == expected
        for text in doc.lines:
            assert paragraphs._is_columnar(text) == _columnar(text), text


def test_the_text_reader_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import tieout.readers.text as text

    seen: list[bool] = []
    drafts = text.text_drafts

    def watched(doc: Document) -> list:
        seen.append(gc.isenabled())
        return drafts(doc)

    monkeypatch.setattr(text, "text_drafts", watched)
    source = Source("odd.txt", "0" * 64, 0, "text")
    assert gc.isenabled()
    text.text_reader(Document.of_lines(source, tuple(_ODD), 1))
    assert seen == [False] and gc.isenabled()


@pytest.mark.corpus
def test_reading_a_text_document_leaves_no_cycles(corpus_dir: object) -> None:
    import gc

    from tieout.readers.text import text_reader

    for doc in _text_documents():
        gc.collect()
        gc.disable()
        try:
            text_reader(doc)
            assert gc.collect() == 0, doc.source.path
        finally:
            gc.enable()


def test_a_header_text_over_two_columns_is_cut_at_its_anchors_each_time() -> None:
    from tieout.readers.text.columns import _split_anchors

    cols = [(10, 18), (24, 32)]
    for _ in range(2):  # the anchors of a text are found once, and answer alike again
        assert _split_anchors((8, 33, "June 28, January 3,"), cols) == [
            (8, 16, "June 28,"),
            (17, 27, "January 3,"),
        ]
        assert _split_anchors((8, 33, "2004 Change"), cols) == [(8, 12, "2004"), (13, 19, "Change")]
        assert _split_anchors((8, 18, "2004 Change"), cols) == [(8, 18, "2004 Change")]
        assert _split_anchors((8, 33, "Three Months"), cols) == [(8, 33, "Three Months")]
