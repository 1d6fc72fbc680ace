"""``model.quick_init``: a record made by its quick ``__init__`` is the dataclass's own.

Each record the stages make by the hundred thousand has its generated ``__init__``
replaced; here the same class is made again by ``dataclass`` alone and both are called
with the same arguments, positional and by name, defaults left out, and wrongly.
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from decimal import Decimal
from typing import Any

import pytest

from tieout.figures import Figure
from tieout.model import (
    Cell,
    CellFlag,
    CellRef,
    Column,
    Evaluation,
    Paragraph,
    Period,
    Relation,
    RelationKind,
    RelationSource,
    Row,
    RowKind,
    Rule,
    Span,
    Table,
    Term,
    Unit,
    quick_init,
)
from tieout.readers.html.blocks import TextBlock
from tieout.readers.html.grid import GridRow
from tieout.readers.html.parts import Kind, Line
from tieout.readers.html.text import Text
from tieout.tables.drafts import FigureDraft, Located, RowDraft

SPAN = Span(3, 4, 9, 120)
FIGURE = Figure(Decimal("1.5"), 1, frozenset({CellFlag.DOLLAR}), (Decimal("1.5"),))
CELL = Cell("1.5", Decimal("1.5"), Decimal("0.1"), SPAN, 0, frozenset(), (Decimal("1.5"),))
ROW = GridRow((), 7)
EVALUATION = Evaluation(
    "2024", CellRef(0, 1, 2), (CellRef(1, 9, 2),), Decimal(5), Decimal(5), Decimal(0),
    Decimal("0.5"), True,
)  # fmt: skip

# each record with the arguments of a whole call (every field, in order)
CASES: list[tuple[type[Any], tuple[Any, ...]]] = [
    (Span, (1, 2, 3, 4, 5, (1.0, 2.0, 3.0, 4.0))),
    (Paragraph, ("text", ((0, SPAN),), "EX-99.1")),
    (Cell, ("1.5", Decimal("1.5"), Decimal("0.1"), SPAN, 2, frozenset(), ())),
    (
        Row,
        (
            0,
            "Net sales",
            1,
            RowKind.ITEM,
            Unit.USD,
            (CELL, None),
            9,
            SPAN,
            Rule.SINGLE,
            Rule.DOUBLE,
            "revenue",
            "Segments",
        ),
    ),  # fmt: skip
    (Column, (2, "2024", Period(None, 3), 10, 24, "Metals", Unit.PERCENT, True)),
    (
        Table,
        (
            1,
            "Condensed Statements of Income",
            Decimal(1000),
            "(in thousands)",
            (Column(0, "2024", None, 10, 24),),
            (),
            4,
            40,
            "EUR",
            "EX-99.1",
            SPAN,
            SPAN,
        ),
    ),  # fmt: skip
    (CellRef, (1, 2, 3)),
    (Term, (1, 2, -1)),
    (
        Relation,
        (
            RelationSource.REPEAT,
            "Net sales = Net sales (table 2, line 9)",
            Term(0, 1, 1),
            (Term(1, 9, 1),),
            (EVALUATION,),
            RelationKind.EQUAL,
        ),
    ),  # fmt: skip
    (Figure, (Decimal("-2"), 0, frozenset(), (Decimal("-2"), Decimal(2)))),
    (Located, ("(In millions)", SPAN)),
    (FigureDraft, (1, "$1.5", FIGURE, SPAN, 3)),
    (RowDraft, ("Net sales", SPAN, 2.0, 9, (), Rule.SINGLE, Rule.NONE, True)),
    (Line, (0, ROW, (), Kind.EMPTY)),
    (GridRow, ((), 7, Rule.SINGLE, Rule.NONE)),
    (TextBlock, (Text("a", ((0, 1),)),)),
]


def _plain(cls: type[Any]) -> type[Any]:
    """The same record made by ``dataclass`` alone, its generated ``__init__`` kept; its
    derived fields (``model.derived``) set after by a ``__post_init__``."""
    spec = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    made = [f for f in dataclasses.fields(cls) if not f.init]

    def __post_init__(self: Any) -> None:
        for f in made:
            object.__setattr__(self, f.name, f.metadata["derive"](self))

    namespace = {"__post_init__": __post_init__} if made else {}
    return dataclasses.make_dataclass(
        cls.__name__, spec, frozen=True, slots=True, namespace=namespace
    )


def _fields(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, f.name) for f in dataclasses.fields(record))


@pytest.mark.parametrize(("cls", "args"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_quick_init_makes_the_dataclass_record(cls: type[Any], args: tuple[Any, ...]) -> None:
    plain = _plain(cls)
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    assert cls.__init__ is not plain.__init__
    assert str(inspect.signature(cls)) == str(inspect.signature(plain))
    given = [f for f in dataclasses.fields(cls) if f.init]
    names = [f.name for f in given]
    required = sum(1 for f in given if f.default is dataclasses.MISSING)
    for size in range(required, len(args) + 1):  # positional, each default left out in turn
        made, reference = cls(*args[:size]), plain(*args[:size])
        assert _fields(made) == _fields(reference)
        assert made == cls(**dict(zip(names, args[:size], strict=False)))
        assert hash(made) == hash(cls(*args[:size]))
    made = cls(*args)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, names[0], args[0])
    assert pickle.loads(pickle.dumps(made)) == made
    assert dataclasses.replace(made) == made
    for wrong in (args[: required - 1] if required else None, (*args, None)):
        if wrong is None:
            continue
        with pytest.raises(TypeError) as ours:
            cls(*wrong)
        with pytest.raises(TypeError) as theirs:
            plain(*wrong)
        assert str(ours.value).split("(", 1)[1] == str(theirs.value).split("(", 1)[1]
    with pytest.raises(TypeError):
        cls(*args, **{names[0]: args[0]})


def test_a_derived_field_is_set_from_the_record_made() -> None:
    """``Row.has_figures`` is set as the record is made, and made again by ``replace``;
    it is no argument and no part of the repr, equality or hash."""
    row = Row(0, "Net sales", 1, RowKind.ITEM, Unit.USD, (None, CELL), 9, SPAN)
    blank = dataclasses.replace(row, cells=(None, None))
    assert row.has_figures and not blank.has_figures and not Row(*_fields(blank)[:-1]).has_figures
    assert "has_figures" not in repr(row) and "has_figures" not in inspect.signature(Row).parameters
    again = dataclasses.replace(blank, cells=row.cells)
    assert again == row and hash(again) == hash(row) and again.has_figures
    assert not pickle.loads(pickle.dumps(blank)).has_figures
    with pytest.raises(TypeError):
        Row(0, "Net sales", 1, RowKind.ITEM, Unit.USD, (CELL,), 9, SPAN, has_figures=False)


def test_quick_init_refuses_what_it_does_not_make() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Posted:
        a: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class Unset:
        a: int
        b: int = dataclasses.field(init=False)  # no derivation: nothing would set it

    @dataclasses.dataclass(frozen=True, slots=True)
    class Compared:
        a: int
        b: int = dataclasses.field(init=False, metadata={"derive": lambda r: r.a})

    for cls in (Unslotted, Factory, Posted, Unset, Compared):
        with pytest.raises(TypeError):
            quick_init(cls)
