"""The text reader's compiled walks (readers/text/_runs.c's ``read_lines``, ``regions``,
``column_extents``, ``placements``, ``rows``, ``prose_blocks`` and ``paragraph``) give the
Python answers.

Each has its Python specification: ``lines._read_lines_python`` (each line's
``read_line``, each distinct text read once: equal texts give the very same record);
``blocks._regions_python`` (the spans of lines that hold figure rows);
``columns._column_extents_python`` (the union of overlapping digit spans, left to right);
``columns._placements_python`` (the column ``column_of`` finds for each figure's digits'
span, by ``ColumnFinder``, and whether a row puts two figures in one column);
``tables._rows_python`` (a table's rows, labels joined across lines, rules above and
below); ``paragraphs._prose_blocks_python`` (the runs of prose lines outside the tables,
markup and rules, bullets opening blocks, columnar blocks left out: the patterns of
rules, items, bullets and gaps read in C, on lines of every kind of space, digit and word
character); ``paragraphs._paragraph_python`` (a block's lines stripped and joined, each
line's piece and span). Each is asked of every corpus document read as text (the text
documents, and the HTML ones as odd input in bulk) and of generated input: documents of
repeated, marked-up, ruled, led and bulleted lines; columns in order, out of order,
overlapping and apart, spans over them, between them and beyond them. Records are
compared by value and type.
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
from tieout.readers.text import blocks, columns, lines, paragraphs, tables
from tieout.sources import load

NAME = "tieout.readers.text._runs"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _same(made: Any, spec: Any) -> bool:
    """Equal, and of the same types all the way down (records, their fields, lists)."""
    if type(made) is not type(spec):
        return False
    if isinstance(spec, tuple | list):
        return len(made) == len(spec) and all(_same(a, b) for a, b in zip(made, spec, strict=True))
    return bool(made == spec)


def _as_text(doc: Document) -> Document:
    return Document.of_lines(doc.source, doc.lines, doc.first_line, Format.TEXT)


def _corpus_documents(corpus_dir: Path) -> list[Document]:
    return [_as_text(doc) for name in manifest(corpus_dir) for doc in load(corpus_dir / name)[1]]


def _compiled_lines(texts: tuple[str, ...]) -> list[lines.TextLine]:
    import tieout.readers.text._runs as compiled

    made: list[lines.TextLine] = compiled.read_lines(
        texts,
        lines._figure,
        lines.TextLine,
        lines.FigureChunk,
        lines._RULES,
        lines._read_line_python,
    )
    return made


def _agree_lines(texts: tuple[str, ...]) -> None:
    made = _compiled_lines(texts)
    spec = lines._read_lines_python(texts)
    assert _same(made, spec), texts[:5]
    # each distinct text read once: equal texts share their record, as in the specification
    first: dict[str, lines.TextLine] = {}
    for text, line in zip(texts, made, strict=True):
        assert line is first.setdefault(text, line)


@needs_build
def test_the_compiled_lines_are_the_python_lines_on_every_corpus_document(
    corpus_dir: Path,
) -> None:
    docs = _corpus_documents(corpus_dir)
    for doc in docs:
        _agree_lines(doc.lines)
        assert _same(lines.read_lines(doc.lines), lines._read_lines_python(doc.lines))
    assert sum(len(doc.lines) for doc in docs) >= 10000


@needs_build
def test_the_compiled_lines_are_the_python_lines_on_generated_documents() -> None:
    rng = random.Random(23)
    pieces = [
        "",
        "   ",
        "Net sales                      $ 1,234      $ (567)",
        "Net sales                      $ 1,234      $ (567)",
        "  Cost of sales ..........   9,876   8,765",
        "<S>Cost of sales\t<C>   9,876",
        "<TABLE>",
        "              --------     ---------",
        "   ========  =========",
        "TOTAL OPERATING INCOME BEFORE   -------   -------",
        "Earnings-Excluding Synfuels $ 0.25   $ 0.30",
        "                                  2004        2003",
        "Revenues  12 %   (a)   14%",
        "The company reported net income of $5 million for the quarter, up from last year.",
        "Sales\u3000\u3000\u0661\u0662\u3000\u3000\u0663",
        "Caf\u00e9   1,000   2,000",
        "\U0001d7d8\U0001d7d9  (1)  ___",
    ]
    for _ in range(3000):
        texts = tuple(rng.choice(pieces) for _ in range(rng.randrange(0, 25)))
        _agree_lines(texts)


@needs_build
def test_read_lines_refuses_what_is_not_lines() -> None:
    import tieout.readers.text._runs as compiled

    kinds = (lines._figure, lines.TextLine, lines.FigureChunk, lines._RULES)
    with pytest.raises(TypeError):  # the rules are (NONE, SINGLE, DOUBLE), not one of them
        compiled.read_lines(("Sales  12",), *kinds[:3], Rule.NONE, lines._read_line_python)
    with pytest.raises(TypeError):
        compiled.read_lines(["Sales  12"], *kinds, lines._read_line_python)
    with pytest.raises(TypeError):
        compiled.read_lines(("Sales  12", 5), *kinds, lines._read_line_python)
    with pytest.raises(TypeError):
        compiled.read_lines(("Sales  12",), *kinds, None)

    def broken(text: str) -> lines.TextLine:
        raise RuntimeError(text)

    # the specification's reader raising (a tag: the compiled reading leaves it) raises through
    with pytest.raises(RuntimeError):
        compiled.read_lines(("<S>Sales  12",), *kinds, broken)
    assert compiled.read_lines((), *kinds, broken) == []


def _row(spans: list[tuple[int, int]]) -> lines.TextLine:
    figure = parse_figure("1")
    assert figure is not None
    chunks = tuple(lines.FigureChunk("1", s, e, s, e, figure) for s, e in spans)
    return lines.TextLine("", "", 0, chunks, Rule.NONE, (), False, False, False, False, ())


@needs_build
def test_the_compiled_placements_are_the_python_ones_on_every_corpus_document(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus_documents(corpus_dir)
    made = [tables.text_drafts(doc) for doc in docs]
    monkeypatch.setattr(columns, "placements", columns._placements_python)
    spec = [tables.text_drafts(doc) for doc in docs]
    assert made == spec
    # and each document's figure rows over the columns their own figures make
    import tieout.readers.text._runs as compiled

    for doc in docs:
        rows = [line for line in lines.read_lines(doc.lines) if line.figures]
        if not rows:
            continue
        cols = sorted({(f.num_start, f.num_end) for r in rows for f in r.figures})
        assert _same(compiled.placements(rows, cols), columns._placements_python(rows, cols))


@needs_build
def test_the_compiled_placements_are_the_python_ones_on_generated_tables() -> None:
    import tieout.readers.text._runs as compiled

    rng = random.Random(29)
    conflicts = 0
    for _ in range(6000):
        cols = []
        at = rng.randrange(0, 30)
        for _ in range(rng.randrange(1, 9)):
            at += rng.randrange(-3, 12)  # overlapping, touching and apart
            width = rng.randrange(0, 9)
            cols.append((at, at + width))
        if rng.random() < 0.3:
            rng.shuffle(cols)  # out of order: column_of itself
        rows = []
        for _ in range(rng.randrange(0, 8)):
            spans = []
            for _ in range(rng.randrange(0, 6)):
                s = rng.randrange(0, 120)
                spans.append((s, s + rng.randrange(1, 10)))
            rows.append(_row(spans))
        made = compiled.placements(rows, cols)
        spec = columns._placements_python(rows, cols)
        assert _same(made, spec), (cols, rows)
        conflicts += made[1]
    assert conflicts > 100  # rows with two figures in one column were among them


@needs_build
def test_placements_refuses_what_is_not_a_table() -> None:
    import tieout.readers.text._runs as compiled

    with pytest.raises(ValueError):
        compiled.placements([_row([(1, 3)])], [])
    with pytest.raises(ValueError):
        columns._placements_python([_row([(1, 3)])], [])
    assert compiled.placements([_row([])], []) == ([[]], False)
    with pytest.raises(TypeError):
        compiled.placements([_row([(1, 3)])], [(1, 3, 5)])
    with pytest.raises(TypeError):
        compiled.placements([("not", "a", "line")], [(1, 3)])
    with pytest.raises(TypeError):
        compiled.placements((_row([(1, 3)]),), [(1, 3)])


@needs_build
def test_the_compiled_paragraphs_are_the_python_ones_on_every_corpus_document(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus_documents(corpus_dir)
    made = [paragraphs.text_paragraphs(doc, tables.text_drafts(doc)) for doc in docs]
    monkeypatch.setattr(paragraphs, "_paragraph", paragraphs._paragraph_python)
    spec = [paragraphs.text_paragraphs(doc, tables.text_drafts(doc)) for doc in docs]
    assert _same_records(made, spec)
    assert sum(len(p) for p in made) >= 1000


def _same_records(made: Any, spec: Any) -> bool:
    """Equal, and of the same types all the way down, records' fields too."""
    if type(made) is not type(spec):
        return False
    if is_dataclass(spec):
        return all(
            _same_records(getattr(made, f.name), getattr(spec, f.name)) for f in fields(spec)
        )
    if isinstance(spec, tuple | list):
        return len(made) == len(spec) and all(
            _same_records(a, b) for a, b in zip(made, spec, strict=True)
        )
    return bool(made == spec)


@needs_build
def test_the_compiled_paragraphs_are_the_python_ones_on_generated_blocks() -> None:
    rng = random.Random(37)
    pieces = [
        "The company reported net income.",
        "   indented line of text   ",
        "\u3000wide space\u3000",
        "\x0bvertical tab\x0c",
        "x",
        "  \u2022 a bullet",
        "Caf\u00e9 cr\u00e8me \U0001f600",
        " trailing\r",
    ]
    for _ in range(3000):
        texts = tuple(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        block = sorted(rng.sample(range(len(texts)), rng.randrange(1, len(texts) + 1)))
        first = rng.randrange(1, 5000)
        exhibit = rng.choice([None, "EX-99.1"])
        made = paragraphs._paragraph(texts, block, first, exhibit)
        spec = paragraphs._paragraph_python(texts, block, first, exhibit)
        assert _same_records(made, spec), (texts, block)


@needs_build
def test_paragraph_refuses_what_is_not_a_block() -> None:
    with pytest.raises(TypeError):
        paragraphs._paragraph(("a",), [], 1, None)
    with pytest.raises(IndexError):
        paragraphs._paragraph(("a",), [1], 1, None)
    with pytest.raises(TypeError):
        paragraphs._paragraph(("a", 5), [0, 1], 1, None)
    with pytest.raises(TypeError):
        paragraphs._paragraph(["a"], [0], 1, None)


@needs_build
def test_the_compiled_rows_are_the_python_ones_on_every_corpus_document(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus_documents(corpus_dir)
    made = [tables.text_drafts(doc) for doc in docs]
    monkeypatch.setattr(tables, "_rows", tables._rows_python)
    spec = [tables.text_drafts(doc) for doc in docs]
    assert _same_records(made, spec)
    assert sum(len(d.rows) for drafts in made for d in drafts) >= 300


def _rows_of(texts: tuple[str, ...], first: int) -> tuple[Any, Any]:
    read = lines.read_lines(texts)
    body = [line for line in read if line.figures and not line.years_only]
    _, placed = columns.figure_columns(body)
    args = (read, 0, len(read), placed, first)
    return tables._rows_compiled(*args), tables._rows_python(*args)


@needs_build
def test_the_compiled_rows_are_the_python_ones_on_generated_tables() -> None:
    rng = random.Random(41)
    pieces = [
        "",
        "   ",
        "<TABLE>",
        "Net sales                      $ 1,234      $ (567)",
        "  Cost of sales and",
        "    services                       9,876        8,765",
        "Selling, general and",
        "  administrative expenses",
        "  (Loss) income                        (12)          34",
        "                                  --------     ---------",
        "                                  ========     =========",
        "TOTAL OPERATING INCOME BEFORE   -------   -------",
        "DEPRECIATION AND AMORTIZATION   $1,950    $1,800",
        "                                  2004        2003",
        "   Total                          1,222        1,111",
        "  \u3000Caf\u00e9 sales\u3000   \u0661\u0662   14",
        "Other",
        "                                  12",
    ]
    rows = 0
    for _ in range(3000):
        texts = tuple(rng.choice(pieces) for _ in range(rng.randrange(0, 20)))
        made, spec = _rows_of(texts, rng.randrange(1, 900))
        assert _same_records(made, spec), texts
        rows += len(made)
    assert rows > 10000


@needs_build
def test_rows_refuses_what_is_not_a_table() -> None:
    texts = ("Net sales   1,234   567", "Cost   12   34")
    read = lines.read_lines(texts)
    with pytest.raises(ValueError):  # a figure row with no placing
        tables._rows_compiled(read, 0, 2, [[0, 1]], 1)
    with pytest.raises(IndexError):
        tables._rows_compiled(read, 0, 3, [[0, 1], [0, 1]], 1)
    with pytest.raises(TypeError):
        tables._rows_compiled([("not", "a", "line")], 0, 1, [], 1)

    def broken(before: str, text: str) -> bool:
        raise RuntimeError(text)

    import tieout.readers.text._runs as compiled

    labels = lines.read_lines(("Selling and", "  administrative   12"))
    with pytest.raises(RuntimeError):  # the label joining raising raises through
        compiled.rows(tables._ROW_KINDS, labels, 0, 2, [[0]], 1, broken, Rule.NONE, Rule.DOUBLE)


@needs_build
def test_the_compiled_prose_blocks_are_the_python_ones_on_every_corpus_document(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus_documents(corpus_dir)
    for doc in docs:
        keep = paragraphs._outside_tables(doc, tables.text_drafts(doc))
        made = paragraphs._prose_blocks_compiled(doc.lines, keep)
        assert made == paragraphs._prose_blocks_python(doc.lines, keep), doc.source.path
        # and with every line kept: the markup, the rules and the columns of the tables
        every = [True] * len(doc.lines)
        assert paragraphs._prose_blocks_compiled(
            doc.lines, every
        ) == paragraphs._prose_blocks_python(doc.lines, every)
    made_paragraphs = [paragraphs.text_paragraphs(doc, tables.text_drafts(doc)) for doc in docs]
    monkeypatch.setattr(paragraphs, "_prose_blocks", paragraphs._prose_blocks_python)
    spec = [paragraphs.text_paragraphs(doc, tables.text_drafts(doc)) for doc in docs]
    assert _same_records(made_paragraphs, spec)


@needs_build
def test_the_compiled_prose_blocks_are_the_python_ones_on_generated_documents() -> None:
    rng = random.Random(43)
    pieces = [
        "",
        "   ",
        "The company reported net income of $5 million.",
        "Sales rose.",
        "  - - a dashed item",
        "- - x",
        "- an item",
        "-x",
        "\u2022 a bullet",
        "  \u2022bullet",
        "* a star",
        "*star",
        "(a) a note",
        "(ab) two",
        "(abc) three    apart",
        "(abcd)   four",
        "(\u00e9) accented",
        "(_) under",
        "1. first   item",
        "12. twelfth   item",
        "123. not   a bullet",
        "\u0661. arabic   digit",
        "Name      Title      Phone",
        "a   \tb",
        "a\t   b",
        "a   \u3000b",
        "x    y",
        "   x   ",
        "----------",
        "=== *** ###",
        "  -=_*#  ",
        "<TABLE>",
        "</TABLE>",
        "<PAGE>",
        "<caption> a caption",
        "text with <b> a tag",
        "<S>   <C>",
        "\x00   \x00",
        "\x0c   form feed   here",
    ]
    for _ in range(4000):
        texts = tuple(rng.choice(pieces) for _ in range(rng.randrange(0, 25)))
        keep = [rng.random() < 0.85 for _ in texts]
        made = paragraphs._prose_blocks_compiled(texts, keep)
        assert made == paragraphs._prose_blocks_python(texts, keep), (texts, keep)


@needs_build
def test_prose_blocks_refuses_what_is_not_lines() -> None:
    with pytest.raises(TypeError):
        paragraphs._prose_blocks_compiled(("a", "b"), [True])
    with pytest.raises(TypeError):
        paragraphs._prose_blocks_compiled(("a", 5), [True, True])

    import tieout.readers.text._runs as compiled

    def broken(text: str) -> None:
        raise RuntimeError(text)

    with pytest.raises(RuntimeError):  # a pattern raising raises through
        compiled.prose_blocks(("<TABLE>",), [True], broken, broken, broken)


@needs_build
def test_the_compiled_regions_are_the_python_ones_on_every_corpus_document(
    corpus_dir: Path,
) -> None:
    found = 0
    for doc in _corpus_documents(corpus_dir):
        read = lines.read_lines(doc.lines)
        made = blocks._regions_compiled(read)
        assert made == blocks._regions_python(read), doc.source.path
        found += len(made)
    assert found >= 15  # 17 when written


@needs_build
def test_the_compiled_regions_are_the_python_ones_on_generated_documents() -> None:
    rng = random.Random(47)
    pieces = [
        "",
        "",
        "   ",
        "<TABLE>",
        "  </table>",
        "<PAGE>",
        "Net sales                      $ 1,234      $ (567)",
        "                                  2004        2003",
        "                                  --------     ---------",
        "TOTAL OPERATING INCOME BEFORE   -------   -------",
        "Cost of sales",
        "The company reported net income for the quarter, up from the year before, as sales rose.",
        "Other    12",
    ]
    for _ in range(4000):
        texts = tuple(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        read = lines.read_lines(texts)
        assert blocks._regions_compiled(read) == blocks._regions_python(read), texts


@needs_build
def test_regions_refuses_what_is_not_lines() -> None:
    with pytest.raises(TypeError):
        blocks._regions_compiled([("not", "a", "line")])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        blocks._regions_compiled(tuple(lines.read_lines(("a  1",))))  # type: ignore[arg-type]

    import tieout.readers.text._runs as compiled

    def broken(text: str) -> None:
        raise RuntimeError(text)

    read = lines.read_lines(("<TABLE>",))
    with pytest.raises(RuntimeError):  # a pattern raising raises through
        compiled.regions(read, broken, broken, Rule.NONE, 8)


@needs_build
def test_the_compiled_column_extents_are_the_python_ones_on_every_corpus_document(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus_documents(corpus_dir)
    made = [tables.text_drafts(doc) for doc in docs]
    monkeypatch.setattr(columns, "column_extents", columns._column_extents_python)
    spec = [tables.text_drafts(doc) for doc in docs]
    assert made == spec
    import tieout.readers.text._runs as compiled

    asked = 0
    for doc in docs:
        rows = [line for line in lines.read_lines(doc.lines) if line.figures]
        extents = compiled.column_extents(rows)
        assert extents == columns._column_extents_python(rows)
        assert all(type(s) is int and type(e) is int for s, e in extents)
        asked += bool(rows)
    assert asked >= 10  # the corpus documents read as text with figures, not a handful


@needs_build
def test_the_compiled_column_extents_are_the_python_ones_on_generated_rows() -> None:
    import tieout.readers.text._runs as compiled

    rng = random.Random(31)
    merged = 0
    for _ in range(6000):
        rows = []
        for _ in range(rng.randrange(0, 8)):
            spans = []
            for _ in range(rng.randrange(0, 6)):
                s = rng.randrange(0, 60)
                spans.append((s, s + rng.randrange(0, 10)))  # empty, touching, overlapping
            rows.append(_row(spans))
        made = compiled.column_extents(rows)
        spec = columns._column_extents_python(rows)
        assert made == spec, rows
        merged += sum(len(r.figures) for r in rows) > len(made)
    assert merged > 1000  # spans were merged into fewer columns in many of them
    with pytest.raises(TypeError):
        compiled.column_extents((_row([(1, 3)]),))
    with pytest.raises(TypeError):
        compiled.column_extents([("not", "a", "line")])
    assert compiled.column_extents([]) == []
