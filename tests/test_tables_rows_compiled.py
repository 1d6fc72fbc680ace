"""The compiled row pass and print count (tables/_cells.c) make what the Python makes.

``assemble._rows_python`` (each row draft's label, heads, unit, cells, kind, concept and
``Row`` record) and ``headers._count_prints_python`` (a table's prints by column) are the
specification; the C functions ``rows`` and ``prints`` replace them whenever the
extension was built. Both run here on every table draft of every corpus document, and on
tables generated of odd labels (runs of spaces, tabs, unprintable characters, "- - "
openings, "total" in every case and beside letters that lower to more than one), nested
heads, rules, bold rows, every kind of print, columns of their own unit and change
columns. Records are compared field by field, types, identities of the enum members and
Decimal representations included.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import extensions
from tieout.figures import parse_figure
from tieout.model import CellFlag, Column, Row, Rule, Span, Unit
from tieout.readers import reader_for
from tieout.sources import load
from tieout.tables import assemble, headers
from tieout.tables.drafts import FigureDraft, RowDraft, TableDraft
from tieout.tables.headers import PrintsOf
from tieout.tables.sections import levels

NAME = "tieout.tables._cells"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
FLAGS = (CellFlag.DASH_ZERO, CellFlag.PERCENT, CellFlag.DOLLAR)


def _rows_compiled() -> Callable[..., list[Row]]:
    made = assemble._compiled_rows(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _count_compiled() -> Callable[..., Any]:
    made = headers._compiled_count(forced=True)
    assert made is not None
    return made


def _same_rows(got: list[Row], expected: list[Row], where: str) -> None:
    assert type(got) is list and len(got) == len(expected), where
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        at = f"{where} row {i}"
        assert type(g) is Row and g == e and repr(g) == repr(e), f"{at}: {g!r} != {e!r}"
        assert g.has_figures is e.has_figures, at
        for field in Row.__slots__:
            u, v = getattr(g, field), getattr(e, field)
            assert type(u) is type(v), f"{at}: {field}"
        for field in ("kind", "unit", "rule_above", "rule_below"):
            assert getattr(g, field) is getattr(e, field), f"{at}: {field}"
        for j, (c, d) in enumerate(zip(g.cells, e.cells, strict=True)):
            assert type(c) is type(d), f"{at} column {j}"
            if c is None or d is None:
                continue
            assert str(c.value) == str(d.value) and str(c.precision) == str(d.precision), at
            assert [str(x) for x in c.readings] == [str(x) for x in d.readings], at
            assert type(c.column) is type(d.column) and c.flags == d.flags, at


def _both(
    drafts: Sequence[RowDraft],
    columns: list[Column],
    scale: Decimal,
    scale_text: str,
    title: str,
    bold_marks: bool,
    step: float = 1.0,
) -> tuple[list[Row], list[Row]]:
    level_of = levels([d.indent for d in drafts], step)
    args = (drafts, level_of, PrintsOf(columns), columns, scale, scale_text, title, bold_marks)
    return _rows_compiled()(*args), assemble._rows_python(*args)


def test_the_compiled_rows_are_in_use_when_built() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    forced = extensions.python_forced()
    assert (assemble._row_pass is assemble._rows_python) is forced
    assert (headers._count_prints is headers._count_prints_python) is forced


def _corpus_drafts(corpus_dir: Path) -> list[TableDraft]:
    drafts: list[TableDraft] = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        for doc in documents:
            reader = reader_for(doc.format)
            if reader is not None:
                drafts.extend(reader.read(doc)[0])
    return drafts


@needs_build
def test_the_compiled_rows_and_counts_make_every_corpus_table_alike(corpus_dir: Path) -> None:
    count = _count_compiled()
    rows = 0
    for k, draft in enumerate(_corpus_drafts(corpus_dir)):
        width = len(draft.columns)
        expected_counts = headers._count_prints_python(draft.rows, width, *FLAGS)
        assert count(draft.rows, width, *FLAGS) == expected_counts, k
        scale, scale_text, _ = assemble._scale(draft, None)
        title, _ = assemble._title(draft.title, scale_text)
        columns = headers.make_columns(draft, [t.text for t in draft.title])
        figure_rows = [d for d in draft.rows if d.figures]
        bold_marks = 0 < sum(1 for d in figure_rows if d.bold) * 3 <= len(figure_rows)
        got, expected = _both(
            draft.rows, columns, scale, scale_text, title, bold_marks, draft.indent_step
        )
        _same_rows(got, expected, f"draft {k}")
        rows += len(got)
    assert rows > 9000


LABELS = (
    "Net sales", "  Net sales  ", "Net  sales", "Net\tsales", "\xa0Net sales\xa0", "Net\nsales",
    "- - Net sales", "  - - Net", "- -Net", "-Net", "- As Reported", "- - ", "Total revenue",
    "TOTAL", "total", "Totals:", "tOTAL costs", "İTotal", "TotaL", "Tot", "", " ", "\t",
    "Shares used in computing per share amounts (in thousands):", "Basic", "Diluted",
    "Margin", "Return on average equity", "Net charge-off rate", "Earnings per share",
    "Domestic Retail Stores:", "Operating expenses:", "x" * 301, "a\x00b", "Ω total",
    "Total\u2028assets", "Net loss  ", "\u3000Total\u3000",
)  # fmt: skip
PRINTS = (
    "0", "(0)", "-", "$ —", "--%", "304)", "(304", "1,234", "(1,234.50)", "12.5%", "$ 3.14",
    "(2.97)%", "36,94", "7", "0.25", "99", "(99.9)", "1,500", "1234567890123",
)  # fmt: skip
SCALE_TEXTS = ("", "(in thousands, except per share data)", "millions of KWH", "in millions")
TITLES = ("", "Statements of Operations", "Domestic Retail Stores", "Key ratios")
UNITS = (None, None, None, Unit.PERCENT, Unit.USD_PER_SHARE)
SCALES = (Decimal(1), Decimal(1000), Decimal("1E+6"))
RULES = (Rule.NONE, Rule.NONE, Rule.SINGLE, Rule.DOUBLE)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[Any, ...]:
    width = draw(st.integers(1, 5))
    columns = [
        Column(
            j,
            f"column {j + 1}",
            None,
            0,
            1,
            None,
            draw(st.sampled_from(UNITS)),
            draw(st.booleans()),
        )
        for j in range(width)
    ]
    drafts = []
    for i in range(draw(st.integers(0, 14))):
        prints = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(PRINTS),
                    st.integers(-width, width - 1),
                    st.one_of(st.none(), st.integers(-2, 6)),
                ),
                max_size=6,
            )
        )
        figures = []
        for k, (raw, column, power) in enumerate(prints):
            figure = parse_figure(raw)
            assert figure is not None, raw
            figures.append(FigureDraft(column, raw, figure, Span(i, k, k + 1), power))
        drafts.append(
            RowDraft(
                draw(st.sampled_from(LABELS)),
                Span(i, 0, 1),
                draw(st.sampled_from((0.0, 2.0, 4.0, 4.5, 8.0))),
                i + 1,
                tuple(figures),
                draw(st.sampled_from(RULES)),
                draw(st.sampled_from(RULES)),
                draw(st.booleans()),
            )
        )
    return (
        drafts,
        columns,
        draw(st.sampled_from(SCALES)),
        draw(st.sampled_from(SCALE_TEXTS)),
        draw(st.sampled_from(TITLES)),
        draw(st.booleans()),
        draw(st.sampled_from((1.0, 2.0, 4.0))),
    )


@needs_build
@settings(max_examples=500, deadline=None)
@given(_tables())
def test_the_compiled_rows_and_counts_make_generated_tables_alike(case: tuple[Any, ...]) -> None:
    drafts, columns, scale, scale_text, title, bold_marks, step = case
    got, expected = _both(drafts, columns, scale, scale_text, title, bold_marks, step)
    _same_rows(got, expected, repr(case))
    width = len(columns)
    assert _count_compiled()(drafts, width, *FLAGS) == headers._count_prints_python(
        drafts, width, *FLAGS
    )


@needs_build
def test_the_compiled_rows_and_counts_raise_what_python_raises() -> None:
    figure, dash = parse_figure("12"), parse_figure("—")
    assert figure is not None and dash is not None
    beyond = RowDraft("x", Span(1, 0, 1), 0.0, 1, (FigureDraft(2, "12", figure, Span(1, 0, 2)),))
    columns = [Column(j, "c", None, 0, 1, None, None, False) for j in range(2)]
    rows_compiled = _rows_compiled()
    for make in (assemble._rows_python, rows_compiled):
        with pytest.raises(IndexError):  # a print past the last column
            make([beyond], {0.0: 0}, PrintsOf(columns), columns, Decimal(1), "", "", False)
        with pytest.raises(KeyError):  # an indent the levels do not know
            make([beyond], {1.0: 0}, PrintsOf(columns), columns, Decimal(1), "", "", False)
    for count in (headers._count_prints_python, _count_compiled()):
        with pytest.raises(IndexError):
            count([beyond], 2, *FLAGS)
        dashed = RowDraft("x", Span(1, 0, 1), 0.0, 1, (FigureDraft(5, "—", dash, Span(1, 0, 1)),))
        assert count([dashed], 2, *FLAGS) == ([0, 0], [0, 0], [0, 0])  # a dash counts nowhere


@needs_build
def test_records_of_other_types_are_read_by_their_attributes() -> None:
    # the compiled pass reads a record's fields from the slots of the type it first saw;
    # a look-alike of another type (here, plain namespaces) is read by its attributes
    from types import SimpleNamespace

    figure = parse_figure("$ 1,234")
    assert figure is not None
    columns = [Column(j, "c", None, 0, 1, None, None, False) for j in range(2)]
    real = RowDraft(
        "Total", Span(1, 0, 1), 0.0, 1, (FigureDraft(1, "1,234", figure, Span(1, 0, 2)),)
    )
    like_figure = SimpleNamespace(
        value=figure.value, decimals=figure.decimals, flags=figure.flags, readings=figure.readings
    )
    like = SimpleNamespace(
        label="  Total  revenue", label_span=Span(2, 0, 1), indent=0.0, line=2, bold=True,
        figures=(SimpleNamespace(column=0, raw="1,234", figure=like_figure, span=Span(2, 0, 2), power=None),),
        rule_above=Rule.SINGLE, rule_below=Rule.NONE,
    )  # fmt: skip
    got, expected = _both([real, like, real], columns, Decimal(1000), "", "", True)  # type: ignore[list-item]
    _same_rows(got, expected, "look-alikes")
    assert got[1].label == "Total revenue" and got[1].cells[0] is not None
