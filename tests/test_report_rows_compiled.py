"""The compiled rows, tables' heads and relations (report/_rows.c) write the very text
of Python's.

``serialise._rows_json_python`` (each figure and row written by one f-string, and the
figures counted), ``_claims_json_python`` (each claim by one), ``_table_head_json_python`` (``json.dumps`` of ``_table_head`` but
its closing brace, held to it here too) and ``_relations_python`` (the relations' text, the figures' marks of
``marks.marked`` and the relations holding and failing of ``relation_counts``) are the
specification; the C functions replace them whenever the extension was built. Both
write every table and every relation of every corpus release here, with either quote
(``ensure_ascii`` or not), and of releases whose every text is odd (quotes, controls,
non-ASCII, separators) and whose figures carry every optional part (offsets or none,
flags, readings, numbers with exponents and negative zeros: ``test_release_json._odd``),
records whose fields are not the types the pipeline makes (an int subclass, a text with
spaces around it), and relations holding, failing and never evaluated by turns whose
figures' tables are equal ints of distinct objects, with readings on failing figures.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from test_release_json import EXAMPLE, _odd
from tieout.model import Cell, CellFlag, CellRef, Period, Reading, Release, Span
from tieout.pipeline import read
from tieout.report import serialise

NAME = "tieout.report._rows"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
QUOTES = (encode_basestring_ascii, encode_basestring)


def _compiled() -> tuple[
    serialise._RowsJson,
    serialise._RelationsPass,
    serialise._TableHead,
    serialise._ClaimsJson,
    serialise._FindingsJson,
]:
    made = serialise._compiled_text(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _assert_same(release: Release) -> int:
    """The relations (their text, the figures' marks, the counts of relations holding and
    failing) and then every table's rows (their text and their figures) made both ways,
    as ``release_json`` asks them: the same, and the same numbers made; the marks those
    of ``marks.marked``, the counts those of ``summary``. The count of tables written."""
    compiled, relations, head, claims, findings = _compiled()
    counts = serialise.summary(release)
    written = 0
    for quote in QUOTES:
        numbers, numbers_c = serialise._Numbers(), serialise._Numbers()
        expected_pass = serialise._relations_python(release, numbers, quote)
        got_pass = relations(release, numbers_c, quote)
        assert got_pass == expected_pass, release.source.path
        _kept_alike(numbers, numbers_c)
        text, marks, holding, failing = got_pass
        assert marks == serialise._marks(release)
        assert (holding, failing) == (counts["relations_holding"], counts["relations_failing"])
        flags: dict[frozenset[CellFlag], str] = {}
        flags_c: dict[frozenset[CellFlag], str] = {}
        figures = 0
        for table in release.tables:
            expected_head = serialise._table_head_json_python(table, numbers, quote)
            assert head(table, numbers_c, quote) == expected_head
            dumped = json.dumps(serialise._table_head(table), ensure_ascii=quote is QUOTES[0])
            assert expected_head == dumped[:-1]
            here = marks.get(table.index, {})
            expected = serialise._rows_json_python(table, here, numbers, quote, flags)
            got = compiled(table, here, numbers_c, quote, flags_c)
            assert got == expected, f"{release.source.path} table {table.index + 1}"
            figures += got[1]
            written += 1
        assert figures == counts["figures"]
        _kept_alike(numbers, numbers_c)
        assert flags == flags_c
        expected_claims = serialise._claims_json_python(release, numbers, quote)
        assert claims(release, numbers_c, quote) == expected_claims, release.source.path
        _kept_alike(numbers, numbers_c)
        expected_findings = serialise._findings_json_python(release, numbers, quote)
        assert findings(release, numbers_c, quote) == expected_findings, release.source.path
        _kept_alike(numbers, numbers_c)
        # with numbers not yet written: each written on its miss, as Python writes it
        fresh, fresh_c = serialise._Numbers(), serialise._Numbers()
        assert findings(release, fresh_c, quote) == expected_findings
        assert serialise._findings_json_python(release, fresh, quote) == expected_findings
        _kept_alike(fresh, fresh_c)
    return written


def _kept_alike(numbers: serialise._Numbers, numbers_c: serialise._Numbers) -> None:
    """The numbers the compiled writers kept: some of those the Python kept (a Decimal of
    at most 18 digits, read from its memory, is written without an entry), each alike."""
    assert numbers_c.items() <= numbers.items()
    assert all(text == serialise.number(value) for value, text in numbers_c.items())


@needs_build
def test_the_compiled_rows_write_every_corpus_table_alike(corpus_dir: Path) -> None:
    tables = relations = 0
    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        tables += _assert_same(release)
        relations += len(release.relations)
    assert tables > 400 and relations > 5000


@needs_build
def test_the_compiled_rows_write_odd_text_and_numbers_alike() -> None:
    release = _odd(read(EXAMPLE))
    assert _assert_same(release) > 0


# Numbers the compiled rows write themselves on a miss of the release's numbers (and those
# they leave to ``_Numbers.__missing__``: exponents), each one as ``serialise.number``.
NUMBERS = [
    Decimal(text)
    for text in (
        "0", "-0", "0.000", "-0.00", "0E-7", "0E+3", "1E+3", "-1.50E+6", "1E-2", "100",
        "-100", "100.00", "0.010", "12.3400", "-12.3400", ".5", "-0.5", "7.", "1000000.0",
        "123456789012345678901234567890.1234567890", "-0.0000001", "Infinity", "-Infinity",
    )
]  # fmt: skip


@needs_build
def test_the_compiled_rows_write_every_kind_of_number_alike() -> None:
    release = read(EXAMPLE)
    rows = []
    k = 0
    for table in release.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is not None:
                    value, precision = NUMBERS[k % len(NUMBERS)], NUMBERS[(k * 7) % len(NUMBERS)]
                    cell = replace(cell, value=value, precision=precision)
                    k += 1
                cells.append(cell)
            rows.append(replace(row, cells=tuple(cells)))
        break
    table = replace(release.tables[0], rows=tuple(rows))
    assert k > 2 * len(NUMBERS)
    odd = replace(release, tables=(table, *release.tables[1:]))
    assert _assert_same(odd) > 0
    numbers = serialise._Numbers()
    _compiled()[0](table, {}, numbers, encode_basestring_ascii, {})
    _kept_alike(serialise._Numbers({x: serialise.number(x) for x in NUMBERS}), numbers)
    # those of more than 18 digits, infinities and NaNs are left to ``numbers``, each kept
    assert {x for x in NUMBERS if not x.is_finite() or len(x.as_tuple().digits) > 18} <= set(
        numbers
    )


def _numbers_table(values: list[Decimal]) -> tuple[Release, Any]:
    """The example's first table with its figures' values and precisions drawn in turn from
    ``values`` (each value once as a figure's value at least)."""
    release = read(EXAMPLE)
    table = release.tables[0]
    slots = [(r, j) for r, row in enumerate(table.rows) for j, c in enumerate(row.cells) if c]
    rows = [list(row.cells) for row in table.rows]
    for k, value in enumerate(values):
        r, j = slots[k % len(slots)]
        cell = rows[r][j]
        assert cell is not None
        rows[r][j] = replace(cell, value=value, precision=values[(k * 7 + 3) % len(values)])
    made = tuple(replace(row, cells=tuple(rows[i])) for i, row in enumerate(table.rows))
    return release, replace(table, rows=made)


@needs_build
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(
            lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
            st.integers(0, 1),
            st.lists(st.integers(0, 9), min_size=1, max_size=22),
            st.integers(-34, 34),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_the_compiled_rows_write_generated_numbers_as_number_does(values: list[Decimal]) -> None:
    """Decimals of 1 to 22 digits (leading and trailing zeros, negative zeros) and
    exponents past the 30 read from memory either way: written as ``serialise.number``
    writes them, read from memory or through ``numbers``."""
    _, table = _numbers_table(values)
    for quote in QUOTES:
        numbers, numbers_c = serialise._Numbers(), serialise._Numbers()
        expected = serialise._rows_json_python(table, {}, numbers, quote, {})
        assert _compiled()[0](table, {}, numbers_c, quote, {}) == expected
        _kept_alike(numbers, numbers_c)


class _Int(int):
    def __format__(self, spec: str) -> str:
        return f"<{int(self)}>"


@needs_build
def test_the_compiled_rows_format_what_is_not_an_int_or_a_str_as_python_does() -> None:
    release = read(EXAMPLE)
    table = release.tables[0]
    rows = []
    for k, row in enumerate(table.rows):
        cells = tuple(
            None
            if cell is None
            else replace(
                cell,
                raw=f"\u2003{cell.raw}\t" if k % 2 else cell.raw,
                span=Span(_Int(cell.span.line), cell.span.start, 10**30 + k, offset=True),
                column=_Int(cell.column),
            )
            for cell in row.cells
        )
        rows.append(replace(row, level=_Int(row.level), line=-(10**25), cells=cells))
    odd = replace(release, tables=(replace(table, rows=tuple(rows)), *release.tables[1:]))
    assert _assert_same(odd) > 0
    assert (
        "<"
        in serialise._rows_json_python(
            odd.tables[0], {}, serialise._Numbers(), encode_basestring_ascii
        )[0]
    )


@needs_build
def test_the_compiled_rows_raise_what_python_raises() -> None:
    release = read(EXAMPLE)
    table = release.tables[0]
    row = next(r for r in table.rows if any(r.cells))
    not_a_cell: Cell = Decimal(1)  # type: ignore[assignment]
    broken = replace(table, rows=(replace(row, cells=(*row.cells[:-1], not_a_cell)),))
    for write in (serialise._rows_json_python, _compiled()[0]):
        with pytest.raises(AttributeError):
            write(broken, {}, serialise._Numbers(), encode_basestring_ascii, {})


@needs_build
def test_the_compiled_relations_raise_what_python_raises() -> None:
    release = read(EXAMPLE)
    relation = release.relations[0]
    beyond = replace(relation.total, row=len(release.tables[relation.total.table].rows))
    broken = replace(release, relations=(replace(relation, total=beyond),))
    for write in (serialise._relations_python, _compiled()[1]):
        with pytest.raises(IndexError):
            write(broken, serialise._Numbers(), encode_basestring_ascii)


class _Figure:
    """A figure of another class than ``Cell``: its fields in a ``__dict__`` and one
    computed (the compiled rows read a record's slots only where its class keeps one)."""

    def __init__(self, cell: Cell) -> None:
        self.__dict__.update({f: getattr(cell, f) for f in Cell.__slots__ if f != "raw"})
        self._raw = cell.raw

    @property
    def raw(self) -> str:
        return self._raw


@needs_build
def test_the_compiled_rows_read_records_of_any_class_as_python_does() -> None:
    # cells of Cell, of a subclass holding one more slot, and of a class with no slots,
    # in turns within a row and across rows: each read as Python reads it
    release = read(EXAMPLE)

    class _Wider(Cell):
        __slots__ = ("note",)

    def wider(cell: Cell) -> Cell:
        made = _Wider.__new__(_Wider)
        for f in Cell.__slots__:
            object.__setattr__(made, f, getattr(cell, f))
        return made

    makers = (lambda c: c, wider, _Figure)
    tables = []
    for table in release.tables:
        rows = []
        for k, row in enumerate(table.rows):
            cells = tuple(
                None if c is None else makers[(j + k) % 3](c)  # type: ignore[no-untyped-call]
                for j, c in enumerate(row.cells)
            )
            rows.append(replace(row, cells=cells))
        tables.append(replace(table, rows=tuple(rows)))
    assert _assert_same(replace(release, tables=tuple(tables))) > 0
    # a slot left unset raises as Python's read does
    cell = next(c for t in release.tables for r in t.rows for c in r.cells if c is not None)
    unset = _Wider.__new__(_Wider)
    for f in Cell.__slots__:
        if f != "flags":
            object.__setattr__(unset, f, getattr(cell, f))
    table = release.tables[0]
    row = replace(table.rows[0], cells=(unset,))
    for write in (serialise._rows_json_python, _compiled()[0]):
        with pytest.raises(AttributeError):
            write(
                replace(table, rows=(row,)), {}, serialise._Numbers(), encode_basestring_ascii, {}
            )


class _Text(str):
    """A str of another class: written through ``quote``, as any text not exactly a str."""


def _marked_quote(text: str) -> str:
    """A quote of another function than json's: the compiled rows must call it."""
    return f"<{text}>"


@needs_build
def test_the_compiled_rows_write_each_character_as_json_quotes_it() -> None:
    # a text json writes as itself (printable ASCII, no quote, no backslash) is written
    # between quotes by the compiled rows without calling quote; every other character
    # (controls, DEL, quote, backslash, non-ASCII), a str subclass and another quote are
    # each written through quote, as Python writes them
    release = read(EXAMPLE)
    table = release.tables[0]
    texts = [f"a{chr(c)}b" for c in range(0x110)] + [chr(c) for c in range(0x80)]
    texts += ["", "Net income", _Text("Net income"), "line\u2028break", "\U0001f600"]
    rows = []
    for k, text in enumerate(texts):
        row = table.rows[k % len(table.rows)]
        cells = tuple(
            None if c is None else replace(c, raw=texts[(k + j) % len(texts)])
            for j, c in enumerate(row.cells)
        )
        rows.append(replace(row, label=text, cells=cells, concept=text, section=text))
    odd = replace(release, tables=(replace(table, rows=tuple(rows)), *release.tables[1:]))
    assert _assert_same(odd) > 0
    compiled = _compiled()[0]
    expected = serialise._rows_json_python(odd.tables[0], {}, serialise._Numbers(), _marked_quote)
    got = compiled(odd.tables[0], {}, serialise._Numbers(), _marked_quote, {})
    assert got == expected and '"label": <Net income>' in got[0]


def _ref(ref: CellRef, k: int) -> CellRef:
    """``ref`` in a table numbered beyond Python's shared small ints, its number a new
    object each time (every 4th reference): the marks' tables are then equal ints of
    distinct objects, compared by value as ``marked`` compares them."""
    if k % 4:
        return ref
    return CellRef(int(str(10**20 + ref.table)), ref.row, ref.column)


@needs_build
def test_the_compiled_relations_mark_and_count_as_python_does() -> None:
    # relations holding in every column, failing in one, never evaluated and failing in
    # every column by turns; readings on failing figures, on verified ones and on figures
    # no relation touches; references into tables of big ints
    release = read(EXAMPLE)
    relations = []
    for k, relation in enumerate(release.relations):
        evaluations = tuple(
            replace(
                ev,
                holds=(k % 4 == 0) or (k % 4 == 1 and j > 0),
                total=_ref(ev.total, k + j),
                items=tuple(_ref(i, k + j + n) for n, i in enumerate(ev.items)),
            )
            for j, ev in enumerate(relation.evaluations)
        )
        if k % 4 == 2:
            evaluations = ()
        relations.append(replace(relation, evaluations=evaluations))
    touched = [ev.total for r in relations for ev in r.evaluations]
    untouched = [
        CellRef(t.index, r.index, j)
        for t in release.tables
        for r in t.rows
        for j, c in enumerate(r.cells)
        if c is not None
    ][:40]
    readings = tuple(
        Reading(ref, Decimal(1), (), ()) for ref in (*touched[::3], *untouched, touched[0])
    )
    case = replace(release, relations=tuple(relations), readings=readings)
    assert _assert_same(case) > 0
    _, marks, holding, failing = _compiled()[1](case, serialise._Numbers(), encode_basestring_ascii)
    n = len(relations)
    assert (holding, failing) == (
        len(range(0, n, 4)),
        n - len(range(0, n, 4)) - len(range(2, n, 4)),
    )
    words = {w for here in marks.values() for w in here.values()}
    assert words == {"verified", "fails", "read"}
    assert any(t > 10**20 for t in marks)


@needs_build
def test_the_compiled_head_writes_and_raises_as_python_does() -> None:
    # a column's months an int that formats itself, its label a str subclass, a title of
    # None; then a period whose end has no isoformat, which both raise on
    release = read(EXAMPLE)
    table = release.tables[0]
    head = _compiled()[2]
    period = Period(date(2024, 6, 30), _Int(3))
    columns = tuple(
        replace(c, label=_Text(c.label), period=period if k % 2 else c.period)
        for k, c in enumerate(table.columns)
    )
    odd = replace(table, columns=columns, title=None, first_line=_Int(7))
    for quote in (*QUOTES, _marked_quote):
        expected = serialise._table_head_json_python(odd, serialise._Numbers(), quote)
        assert head(odd, serialise._Numbers(), quote) == expected
    assert '"months": <3>' in expected and '"title": null' in expected
    broken = replace(table, columns=(replace(table.columns[0], period=Period(1, 3)),))  # type: ignore[arg-type]
    for write in (serialise._table_head_json_python, head):
        with pytest.raises(AttributeError):
            write(broken, serialise._Numbers(), encode_basestring_ascii)


class _Fresh(_Figure):
    """A figure whose value is a new Decimal at each read, one apart each time: the
    compiled rows find numbers they met by the object's identity, and must not take a
    new object for an old one (they hold each object they keep, so no new one can take
    its place in memory)."""

    made = 0

    @property
    def value(self) -> Decimal:
        _Fresh.made += 1
        return Decimal(_Fresh.made) / 8


@needs_build
def test_the_compiled_rows_tell_numbers_by_value_not_by_place_in_memory() -> None:
    release = read(EXAMPLE)
    for table in release.tables:
        rows = [
            replace(row, cells=tuple(None if c is None else _Fresh(c) for c in row.cells))  # type: ignore[misc]
            for row in table.rows
        ]
        fresh = replace(table, rows=tuple(rows))
        _Fresh.made = 0
        expected = serialise._rows_json_python(fresh, {}, serialise._Numbers(), encode_basestring)
        _Fresh.made = 0
        got = _compiled()[0](fresh, {}, serialise._Numbers(), encode_basestring, {})
        assert got == expected
        values = re.findall(r'"value": "([^"]*)"', got[0])
        assert len(values) == len(set(values)) == got[1]  # each figure its own value


@needs_build
def test_the_compiled_claims_raise_what_python_raises() -> None:
    release = read(EXAMPLE)
    claim = next(c for c in release.claims if c.tied_to)
    first = claim.tied_to[0]
    beyond = replace(first, row=len(release.tables[first.table].rows))
    broken = replace(release, claims=(replace(claim, tied_to=(beyond,)),))
    untexted = replace(release, claims=(replace(claim, text=None),))
    for write in (serialise._claims_json_python, _compiled()[3]):
        with pytest.raises(IndexError):
            write(broken, serialise._Numbers(), encode_basestring_ascii)
        with pytest.raises(TypeError):
            write(untexted, serialise._Numbers(), encode_basestring_ascii)


@needs_build
def test_the_compiled_claims_quote_through_any_quote() -> None:
    # another quote than json's: every text, the sentences and the traits through it
    release = _odd(read(EXAMPLE))
    expected = serialise._claims_json_python(release, serialise._Numbers(), _marked_quote)
    assert _compiled()[3](release, serialise._Numbers(), _marked_quote) == expected
    assert '"sentence": <' in expected and '"traits": [<' in expected


class _Index(int):
    """A row's index of another class than int: its mark found by the key's equality."""


@needs_build
def test_the_compiled_rows_read_marks_of_any_key_as_python_does() -> None:
    # the compiled rows read a table's marks from a grid of their places where every key
    # is a pair of exact ints in a small range, else from the dict by each figure's key:
    # either way the mark ``marks.get((row.index, column), unrelated)`` gives
    release = read(EXAMPLE)
    table = max(release.tables, key=lambda t: sum(c is not None for r in t.rows for c in r.cells))
    places = [(r.index, j) for r in table.rows for j, c in enumerate(r.cells) if c is not None]
    words = ("verified", "fails", "read", _Text("other"), "")
    every = {p: words[k % len(words)] for k, p in enumerate(places)}
    cases: list[dict[object, object]] = [
        {},
        every,
        dict(list(every.items())[::3]),
        {**every, (10**6, 0): "far", (0, 10**6): "far"},  # a grid too large to make
        {**every, (10**30, 1): "huge", (-1, 0): "negative", (0, -1): "negative"},
        {**every, (True, 0): "a bool", (1.0, 1): "a float"},  # equal to (1, 0) and (1, 1)
        {(Decimal(r), j): "a Decimal" for r, j in places[:4]},
        {**every, "a key": "not a pair", (1, 2, 3): "three"},
        {(r, j): w for (r, j), w in every.items() if r % 2},
    ]
    indexed = replace(
        table,
        rows=tuple(
            replace(r, index=_Index(r.index)) if r.index % 3 == 0 else r for r in table.rows
        ),
    )
    compiled = _compiled()[0]
    for marks in cases:
        for t in (table, indexed):
            for quote in QUOTES:
                expected = serialise._rows_json_python(
                    t,
                    marks,
                    serialise._Numbers(),
                    quote,
                    {},  # type: ignore[arg-type]
                )
                got = compiled(t, marks, serialise._Numbers(), quote, {})  # type: ignore[arg-type]
                assert got == expected


@needs_build
def test_the_compiled_rows_write_the_words_of_many_enums_alike() -> None:
    # each enum member's word is read once per call and kept (for up to 32 members):
    # rows whose kinds and units are members of more classes than that write alike
    from enum import Enum, StrEnum

    release = read(EXAMPLE)
    table = release.tables[0]
    rows = []
    for k, row in enumerate(table.rows):
        kind = StrEnum(f"Kind{k}", {"ITEM": f"item-{k}", "TOTAL": "total"})  # type: ignore[misc]
        unit = Enum(f"Unit{k}", {"USD": f'usd"{k}'})
        rows.append(replace(row, kind=kind.ITEM, unit=unit.USD))  # type: ignore[attr-defined]
    many = replace(table, rows=tuple(rows * 3))
    for quote in QUOTES:
        expected = serialise._rows_json_python(many, {}, serialise._Numbers(), quote, {})
        assert _compiled()[0](many, {}, serialise._Numbers(), quote, {}) == expected


@needs_build
def test_the_compiled_findings_write_and_raise_as_python_does() -> None:
    # odd findings (every severity, odd messages, numbers with exponents, spans with and
    # without offsets) through json's quotes and another; evidence of any iterable; a
    # field unset, a line of no int, and a quote that raises, as Python does
    release = _odd(read(EXAMPLE))
    findings = _compiled()[4]
    assert release.findings
    for quote in (*QUOTES, _marked_quote):
        expected = serialise._findings_json_python(release, serialise._Numbers(), quote)
        assert findings(release, serialise._Numbers(), quote) == expected
    first = release.findings[0]
    spans = (Span(1, 2, 3), Span(4, 5, 6, offset=9))
    makers: list[Callable[[], Any]] = [lambda: spans, lambda: list(spans), lambda: iter(spans)]
    for make in makers:  # an iterator is read once: each write is given its own
        for finding in (replace(first, line=_Index(7)), replace(first, suggestion=_Text("t"))):
            cases = [replace(release, findings=(replace(finding, evidence=make()),)) for _ in "ab"]
            expected = serialise._findings_json_python(
                cases[0], serialise._Numbers(), _marked_quote
            )
            got = findings(cases[1], serialise._Numbers(), _marked_quote)
            assert got == expected and '"offset": 9' in got

    def refusing(text: str) -> str:
        raise ValueError(text)

    unmessaged = replace(release, findings=(replace(first, message=None),))
    unspanned = replace(release, findings=(replace(first, evidence=(None,)),))
    for write in (serialise._findings_json_python, findings):
        with pytest.raises(ValueError):
            write(release, serialise._Numbers(), refusing)
        with pytest.raises(TypeError):
            write(unmessaged, serialise._Numbers(), encode_basestring_ascii)
        with pytest.raises(AttributeError):
            write(unspanned, serialise._Numbers(), encode_basestring_ascii)


# The characters json writes otherwise than as themselves, and printable ASCII beside them.
_ESCAPED = [chr(c) for c in (*range(0x20), 0x7F, 0x22, 0x5C)] + ["\u00e9", "\u2019"]
_PLAIN = "".join(chr(c) for c in range(0x20, 0x7F) if c not in (0x22, 0x5C))


def _texts_with(specials: list[str], length: int) -> list[str]:
    """Texts of ``length`` printable characters with each special put at each place in
    turn (the word at a time test reads eight bytes: a special in every byte of a word, in
    the last bytes past the words, and beside the bytes the borrows of a subtraction
    reach: a space, an exclamation mark, a tilde)."""
    base = "".join(_PLAIN[(k * 7) % len(_PLAIN)] for k in range(length))
    out = [base, " " * length, "!" * length, "~" * length, "#" * length]
    for place in range(length):
        for special in specials:
            out.append(base[:place] + special + base[place + 1 :])
    return out


@needs_build
def test_the_compiled_writers_find_a_plain_text_in_any_byte_of_a_word() -> None:
    # labels and sentences of 0 to 27 characters with a character json escapes at each
    # place (the compiled writers read eight bytes at a time): written as json quotes them
    release = read(EXAMPLE)
    table = release.tables[0]
    texts = [t for n in range(28) for t in _texts_with(_ESCAPED, n)]
    rows = []
    for k, text in enumerate(texts):
        row = table.rows[k % len(table.rows)]
        cells = tuple(
            None if c is None else replace(c, raw=texts[(k + j + 1) % len(texts)])
            for j, c in enumerate(row.cells)
        )
        rows.append(replace(row, label=text, cells=cells, section=texts[(k * 3) % len(texts)]))
    claims = tuple(
        replace(release.claims[k % len(release.claims)], sentence=text, subject=text)
        for k, text in enumerate(texts)
    )
    odd = replace(
        release, tables=(replace(table, rows=tuple(rows)), *release.tables[1:]), claims=claims
    )
    assert _assert_same(odd) > 0


@needs_build
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from([*_PLAIN, *_ESCAPED]), max_size=40), min_size=1))
def test_the_compiled_writers_quote_generated_texts_as_json_does(texts: list[str]) -> None:
    release = read(EXAMPLE)
    claims = tuple(
        replace(release.claims[k % len(release.claims)], sentence=text, text=text[:3])
        for k, text in enumerate(texts)
    )
    case = replace(release, claims=claims)
    for quote in QUOTES:
        expected = serialise._claims_json_python(case, serialise._Numbers(), quote)
        assert _compiled()[3](case, serialise._Numbers(), quote) == expected
