"""The compiled cells (tables/_cells.c) make the very records of ``_cells_python``.

``assemble._cells_python`` (each print under its column scaled by the row's factor, a
column's own unit or the print's own power) is the specification; the C function
replaces it whenever the extension was built. Both assemble every table draft of every
corpus document here, and rows generated of every kind of print (signed zeros, dashes,
stray parentheses with two readings, percents, decimals), powers, columns of their own
unit, two prints under one column, and every unit and scale. Records are compared field
by field, types and Decimal representations included (``Decimal("1.0") == 1``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import extensions
from tieout.figures import Figure, parse_figure
from tieout.model import Cell, Span, Unit
from tieout.readers import reader_for
from tieout.sources import load
from tieout.tables import assemble
from tieout.tables.drafts import FigureDraft, RowDraft
from tieout.tables.units import row_factor

NAME = "tieout.tables._cells"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")

_Cells = Callable[..., list[Cell | None]]


def _compiled() -> _Cells:
    """The compiled cells with ``_cells_python``'s arguments: the row's factor and the
    scalings found as the compiled row pass finds them."""
    assert assemble._compiled_rows(forced=True) is not None  # configures the module
    module = extensions.compiled(NAME, forced=True)  # even when the environment forces Python
    assert module is not None

    def cells(
        d: RowDraft,
        own_units: list[bool],
        label: str,
        section: str | None,
        unit: Unit,
        scale: Decimal,
        scale_text: str,
    ) -> list[Cell | None]:
        factor = row_factor(unit, label, section, scale, scale_text)
        powered = unit in (Unit.USD, Unit.SHARES)
        by_factor, by_one = assemble._scaling(factor), assemble._scaling(Decimal(1))
        made: list[Cell | None] = module.cells(d.figures, own_units, by_factor, by_one, powered)
        return made

    return cells


def _same(got: list[Cell | None], expected: list[Cell | None], where: str) -> None:
    assert type(got) is list and len(got) == len(expected), where
    for j, (c, e) in enumerate(zip(got, expected, strict=True)):
        assert type(c) is type(e), f"{where} column {j}"
        if c is None or e is None:
            continue
        assert c == e and repr(c) == repr(e), f"{where} column {j}: {c!r} != {e!r}"
        for field in Cell.__slots__:
            u, v = getattr(c, field), getattr(e, field)
            assert type(u) is type(v), f"{where} column {j}: {field}"
        assert [str(x) for x in c.readings] == [str(x) for x in e.readings], where
        assert str(c.value) == str(e.value) and str(c.precision) == str(e.precision), where


def test_the_compiled_cells_are_in_use_when_built() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    from tieout.extensions import python_forced

    assert assemble.COMPILED is not python_forced()
    assert (assemble._row_pass is assemble._rows_python) is python_forced()


@needs_build
def test_the_compiled_cells_make_every_corpus_table_alike(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _compiled()
    cells_python = assemble._cells_python
    rows = 0

    def both(*args: object) -> list[Cell | None]:
        nonlocal rows
        expected = cells_python(*args)  # type: ignore[arg-type]
        got = compiled(*args)
        _same(got, expected, f"{args[2]!r}")
        rows += 1
        return expected

    monkeypatch.setattr(assemble, "_row_pass", assemble._rows_python)  # which asks _cells_python
    monkeypatch.setattr(assemble, "_cells_python", both)
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        for doc in documents:
            reader = reader_for(doc.format)
            if reader is not None:
                assemble.assemble(reader.read(doc)[0])
    assert rows > 7000


PRINTS = (
    "0", "(0)", "-0", "0.00", "(0.0)", "—", "-", "$ —", "--%", "304)", "(304", "(-5)",
    "1,234", "(1,234.50)", "12.5%", "$ 3.14", "(2.97)%", "36,94", "7", "12,3456",
    "$1,000,000", "0.001", "99", "(99.9)", "1234567890123456789012",
)  # fmt: skip
_MINUS_ZERO = (Decimal("-0"), Decimal("-0.00"), Decimal("-0E+3"))
SIGNED_ZEROS = tuple(
    Figure(zero, 2, frozenset(), readings)
    for zero in _MINUS_ZERO
    for readings in ((zero,), (zero, -zero), (Decimal("1.0"), zero))
)  # no print parses to these: a negative zero, a first reading not the value
UNITS = tuple(Unit)
SCALES = (Decimal(1), Decimal(1000), Decimal("1E+6"), Decimal(1_000_000_000))


@st.composite
def _rows(draw: st.DrawFn) -> tuple[RowDraft, list[bool], str, Unit, Decimal, str]:
    width = draw(st.integers(1, 6))
    prints = draw(
        st.lists(
            st.tuples(
                st.sampled_from(("", *PRINTS)),
                st.integers(0, width - 1),
                st.one_of(st.none(), st.integers(-3, 9)),
            ),
            max_size=8,
        )
    )
    figures = []
    for k, (raw, column, power) in enumerate(prints):
        figure = parse_figure(raw) if raw else draw(st.sampled_from(SIGNED_ZEROS))
        assert figure is not None, raw
        figures.append(FigureDraft(column, f" {raw}", figure, Span(3, k, k + 2), power))
    own = draw(st.lists(st.booleans(), min_size=width, max_size=width))
    label = draw(st.sampled_from(("Net sales", "Shares (in millions)", "Margin", "EPS")))
    scale_text = draw(st.sampled_from(("", "(in thousands, except shares)", "millions of KWH")))
    row = RowDraft(label, Span(3, 0, 5), 0.0, 3, tuple(figures))
    return row, own, label, draw(st.sampled_from(UNITS)), draw(st.sampled_from(SCALES)), scale_text


@needs_build
@settings(max_examples=400, deadline=None)
@given(_rows())
def test_the_compiled_cells_make_generated_rows_alike(
    case: tuple[RowDraft, list[bool], str, Unit, Decimal, str],
) -> None:
    row, own, label, unit, scale, scale_text = case
    args = (row, own, label, None, unit, scale, scale_text)
    _same(_compiled()(*args), assemble._cells_python(*args), repr(case))


@needs_build
def test_the_compiled_cells_raise_what_python_raises() -> None:
    figure = parse_figure("12")
    assert figure is not None
    beyond = RowDraft("x", Span(1, 0, 1), 0.0, 1, (FigureDraft(2, "12", figure, Span(1, 0, 2)),))
    for make in (assemble._cells_python, _compiled()):
        with pytest.raises(IndexError):
            make(beyond, [False, False], "x", None, Unit.USD, Decimal(1), "")


@pytest.mark.parametrize("factor", [Decimal(1), Decimal(1000)])
def test_a_zero_keeps_its_sign_after_an_equal_zero_of_the_other(factor: Decimal) -> None:
    # the scaling by value holds one entry for 0 and -0 (equal keys): each keeps its own sign
    zeros = (Decimal("0.0"), Decimal("-0"), Decimal("0E+2"), Decimal("-0.00"))
    figures = tuple(
        FigureDraft(j, str(z), Figure(z, 0, frozenset(), (z,)), Span(1, j, j + 1))
        for j, z in enumerate(zeros)
    )
    row = RowDraft("Net sales", Span(1, 0, 1), 0.0, 1, figures)
    makers = [assemble._cells_python] + ([_compiled()] if BUILT else [])
    for make in makers:
        cells = make(row, [False] * 4, "Net sales", None, Unit.USD, factor, "")
        signs = [c.value.is_signed() for c in cells if c is not None]
        assert signs == [False, True, False, True]


def test_a_full_scaling_starts_again_and_scales_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assemble, "_MAX_VALUES", 8)
    scaling = assemble._Scaling(Decimal(1000))
    for k in range(30):
        value = Decimal(f"{k}.5")
        assert str(scaling[value]) == str(assemble.scaled(value, Decimal(1000)))
        assert len(scaling) <= 8
    assert Decimal("29.5") in scaling  # the latest values are kept
