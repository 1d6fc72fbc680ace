"""The records every stage passes to the next: immutable, typed, money as ``Decimal``.

Each stage is a pure function of the previous stage's records; positions travel with them,
so no stage re-reads the source bytes. A figure's ``Span`` is its place in the *source file*
(1-based line, 0-based columns), whatever document inside that file it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

from tieout.extensions import compiled

_T = TypeVar("_T")


def _set_by_slots(cls: type) -> bool:
    """Whether ``cls`` is a frozen slotted dataclass with no ``__post_init__``: a record
    whose fields its slots' own descriptors may set, with nothing run after (what
    ``quick_init`` and ``replacer`` make records of)."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    return bool(params.frozen and "__slots__" in cls.__dict__ and not hasattr(cls, "__post_init__"))


def quick_init(cls: type[_T]) -> type[_T]:
    """The same frozen record, made in half the time.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    (looked up and called per field: about 0.6 us for a record of four fields); a record
    made with ``slots`` is set as fast through its slots' own descriptors, which frozen
    does not guard. This puts such an ``__init__`` in place of the generated one: the
    same parameters, defaults and fields, for a frozen slotted dataclass with plain
    defaults (no factory, no ``__post_init__``, every field in ``__init__`` but the derived
    ones), the records the stages make by the hundred thousand.

    A *derived* field (``derived``: not in ``__init__``, repr or comparisons) holds what a
    property would compute of the record on every call, asked many times per record: it is
    set once, last, by its ``derive`` of the record made.

    The ``__init__`` exec'd here is the specification; the compiled ``_records.init``
    (``_init``) does what it does with no Python frame and no setter called per field, and
    makes calls of the class itself without the type's generic call.
    """
    return _quickened(cls, _init)


def _refuse_reserved(cls: type, name: str, names: tuple[str, ...], starts: tuple[str, ...]) -> None:
    """A ``TypeError`` for a field named as a name of the function made for the record
    (its parameter for the record, a local, a global of its scope): the function would
    read that name for the field, or the field for it."""
    if name in names or name.startswith(starts):
        raise TypeError(f"{cls.__name__}.{name}: a field name the record's functions use")


def _quickened(cls: type[_T], make: Callable[..., Any]) -> type[_T]:
    """``quick_init`` of ``cls`` with its ``__init__`` made by ``make`` of the Python one
    (``_init``: the compiled one where built; the tests compare both)."""
    if not _set_by_slots(cls):
        raise TypeError(f"{cls.__name__}: not a frozen slotted dataclass")
    names: list[str] = []
    defaults: list[Any] = []
    derivations: list[tuple[str, Callable[[Any], Any]]] = []
    setters: dict[str, Any] = {}
    body = ""
    derived = ""
    for f in fields(cls):  # type: ignore[arg-type]
        _refuse_reserved(cls, f.name, ("self",), ("_set_", "_derive_", "_default_"))
        setters[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if _DERIVE in f.metadata and not (f.init or f.repr or f.compare):
            setters[f"_derive_{f.name}"] = f.metadata[_DERIVE]
            derivations.append((f.name, f.metadata[_DERIVE]))
            derived += f"\n    _set_{f.name}(self, _derive_{f.name}(self))"
            continue
        if f.default_factory is not MISSING or not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: a field quick_init does not make")
        body += f"\n    _set_{f.name}(self, {f.name})"
        names.append(f.name)
        if f.default is not MISSING:
            setters[f"_default_{f.name}"] = f.default
            defaults.append(f.default)
    body += derived
    required = len(names) - len(defaults)
    parameters = [*names[:required], *(f"{n}=_default_{n}" for n in names[required:])]
    source = f"def __init__(self, {', '.join(parameters)}):{body or chr(10) + '    pass'}"
    exec(source, setters)
    spec = setters["__init__"]
    spec.__qualname__ = f"{cls.__qualname__}.__init__"
    spec.__doc__ = cls.__init__.__doc__
    spec.__annotations__ = cls.__init__.__annotations__
    init = make(cls, spec, tuple(names), tuple(defaults), tuple(derivations))
    setattr(cls, "__init__", init)  # noqa: B010 - mypy forbids assigning to a method
    return cls


def _init_python(
    cls: type,
    spec: Callable[..., None],
    parameters: tuple[str, ...],
    defaults: tuple[Any, ...],
    derivations: tuple[tuple[str, Callable[[Any], Any]], ...],
) -> Callable[..., None]:
    """The record's ``__init__``: the Python one made by ``quick_init`` (the specification
    that ``_records.init`` compiles, given what it sets: the parameters, the defaults of the
    last of them, and each derived field's derivation)."""
    return spec


def _replacer_python(
    cls: type, spec: Callable[..., Any], names: tuple[str, ...], kept: object
) -> Callable[..., Any]:
    """``replacer``'s function: the Python one it made (the specification that
    ``_records.replacer`` compiles, given the fields and the default that keeps one)."""
    return spec


_records = compiled("tieout._records")
COMPILED = _records is not None
_init: Callable[..., Callable[..., None]] = _records.init if _records else _init_python
_replacer: Callable[..., Callable[..., Any]] = _records.replacer if _records else _replacer_python


_DERIVE = "derive"


def derived(derive: Callable[[Any], Any]) -> Any:
    """A field of a ``quick_init`` record set from the record made, by ``derive`` of it:
    not an argument of ``__init__``, nor part of its repr, equality or hash."""
    return field(init=False, repr=False, compare=False, metadata={_DERIVE: derive})


class Format(StrEnum):
    """What a file or a document inside it is written in."""

    TEXT = "text"  # fixed-width plain text (EDGAR's own, with or without <TABLE> markup)
    HTML = "html"
    SUBMISSION = "submission"  # a full EDGAR submission: a header and its documents


@quick_init
@dataclass(frozen=True, slots=True)
class Span:
    """A place in the source file: 1-based line, 0-based start and end columns (end exclusive).

    Formats without lines (a PDF page) give the page and the box (left, top, right,
    bottom, in points) besides; ``line`` is then the page's running line number.
    """

    line: int
    start: int
    end: int
    offset: int | None = None  # character offset of ``start`` in the source file, when known
    page: int | None = None
    box: tuple[float, float, float, float] | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Source:
    """One input file, with the EDGAR header fields when it is a full submission."""

    path: str
    sha256: str
    size: int
    format: Format  # a release alone (text, HTML) or a full EDGAR submission
    accession_number: str | None = None
    cik: str | None = None
    company: str | None = None
    form_type: str | None = None
    filed: date | None = None
    period_of_report: date | None = None
    items: tuple[str, ...] = ()  # the 8-K items named in the header ("Results of Operations...")
    former_names: tuple[str, ...] = ()  # the company's earlier conformed names (header)
    truncated: str | None = None  # how the file shows it was cut short, when it does


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one release (an exhibit, or the whole file), page furniture blanked.

    ``text`` is the document's lines joined by newlines; ``lines[i]`` is line
    ``first_line + i`` of the source file: furniture (page numbers, running heads, form
    feeds, ``<PAGE>``) is replaced by empty lines, never removed, so positions need no map
    beyond that offset. A document made of its text (``Document(source, text, ...)``, an
    HTML document: its body as the file holds it) makes its lines, and the lines' starts,
    only when they are first asked for; one made of its lines (``of_lines``, a text
    document whose furniture was blanked line by line) keeps them. Equal documents have
    equal text and fields; the lines are not compared (they follow from the text, but for
    an empty text: no line, or one empty line).
    """

    source: Source
    text: str
    first_line: int
    format: Format = Format.TEXT
    exhibit: str | None = None  # the <TYPE> of the document inside a submission, e.g. "EX-99.1"
    description: str | None = None
    filename: str | None = None
    start_offset: int = 0  # character offset in the source text where ``text`` begins
    truncated: bool = False  # the file ends inside this document: its end is missing
    # ``lines`` and ``line_starts`` once made (or given to ``of_lines``); set only here
    _lines: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _starts: tuple[int, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of_lines(
        cls,
        source: Source,
        lines: Iterable[str],
        first_line: int,
        format: Format = Format.TEXT,
        exhibit: str | None = None,
        description: str | None = None,
        filename: str | None = None,
        start_offset: int = 0,
        truncated: bool = False,
    ) -> Document:
        """The document of these lines, its text their join (the lines kept as given)."""
        kept = tuple(lines)
        doc = cls(
            source,
            "\n".join(kept),
            first_line,
            format,
            exhibit,
            description,
            filename,
            start_offset,
            truncated,
        )
        object.__setattr__(doc, "_lines", kept)
        return doc

    @property
    def lines(self) -> tuple[str, ...]:
        """The document's lines (its text split at each newline), made on first use."""
        lines = self._lines
        if lines is None:
            lines = tuple(self.text.split("\n"))
            object.__setattr__(self, "_lines", lines)
        return lines

    @property
    def line_starts(self) -> tuple[int, ...]:
        """Where each line begins in ``text`` (0, and one past each newline), made on
        first use: one ``str.find`` per line, no line made."""
        starts = self._starts
        if starts is None:
            found = [0]
            add, find = found.append, self.text.find
            at = find("\n")
            while at >= 0:
                at += 1
                add(at)
                at = find("\n", at)
            starts = tuple(found)
            object.__setattr__(self, "_starts", starts)
        return starts

    @property
    def last_line(self) -> int:
        """The 1-based source-file line of the document's last line (``first_line - 1``
        for a document of no line)."""
        lines = self._lines
        count = len(lines) if lines is not None else len(self.line_starts)
        return self.first_line + count - 1

    def line(self, index: int) -> str:
        """``lines[index]`` (an index in range), cut from the text when the lines were not
        made: a few lines of a long HTML document read without splitting all of it."""
        lines = self._lines
        if lines is not None:
            return lines[index]
        starts = self.line_starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.text)
        return self.text[starts[index] : end]

    def source_line(self, index: int) -> int:
        """The 1-based source-file line of ``lines[index]``."""
        return self.first_line + index


@quick_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of running text (prose) from a document, with a map back to the source.

    ``text`` is the paragraph with its line breaks (or HTML markup) turned into single
    spaces. ``pieces`` maps it back: each ``(offset, span)`` says that ``text[offset:]``
    begins at ``span`` in the source, up to the next piece's offset; within a piece,
    characters advance one column each.
    """

    text: str
    pieces: tuple[tuple[int, Span], ...]
    exhibit: str | None = None

    def span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]``, on the line of its first character.

        It runs to the source place of the last character of the stretch that lies on
        that line: markup between the pieces (``$</b> <b>2.88``) is inside the span, and a
        figure wrapped onto the next line is cut at the end of the first.
        """
        pieces = self.pieces
        # the last piece whose offset is at most ``start`` (the first if none): a piece
        # ``(offset, span)`` is above ``(start + 1,)`` exactly when ``offset > start``
        # (the shorter tuple is the lesser when their first items are equal), so the
        # tuples themselves are bisected, with no key called per step (and no ``max``:
        # the builtin parses its arguments as keywords, a thousand instructions a call)
        k = bisect_right(pieces, (start + 1,)) - 1
        if k < 0:
            k = 0
        offset, base = pieces[k]
        first = base.start + start - offset
        last = first
        line, count = base.line, len(pieces)
        at, where, j = offset, base, k
        while True:  # the pieces from the first on its line, up to ``end``
            j += 1
            stop = pieces[j][0] if j < count else len(self.text)
            upto = end if end < stop else stop
            if upto > (at if at > start else start):
                last = where.start + upto - at
            if j >= count:
                break
            at, where = pieces[j]
            if at >= end or where.line != line:
                break
        return Span(
            base.line,
            first,
            last if last > first else first,
            None if base.offset is None else base.offset + start - offset,
        )


class Unit(StrEnum):
    """What a figure counts."""

    USD = "USD"
    USD_PER_SHARE = "USD/share"
    SHARES = "shares"
    PERCENT = "percent"
    PURE = "pure"  # a count or ratio that is none of the above (stores, exchange rates)


class CellFlag(StrEnum):
    """How a figure was printed."""

    PARENTHESISED = "parenthesised"  # (156): negative
    MINUS = "minus"  # -156 or - - 156 (EDGAR's doubled leading dash)
    DASH_ZERO = "dash-as-zero"  # --, -, — standing for zero
    STRAY_PARENTHESIS = "stray-parenthesis"  # 304) or (304: unbalanced, two readings
    FOOTNOTE = "footnote"  # a footnote mark such as (a) or * beside the figure
    DOLLAR = "dollar"  # a $ printed before the figure
    PERCENT = "percent"  # a % printed after the figure
    SPLIT = "split"  # a figure whose closing parenthesis stood apart
    BROKEN_GROUPING = "broken-grouping"  # 36,94 or 12,3456: a digit dropped or added
    OUT_OF_RANGE = "out-of-range"  # more digits than the checks compute exactly: kept, unchecked


# The units and flags read per row, column and figure, as module names, in one place (each
# module imports the ones it reads): on Python 3.11 ``EnumType`` defines ``__getattr__``,
# so ``Unit.USD`` read through its class goes through ``slot_tp_getattr_hook`` (about 900
# instructions a read, against a global's few). Named by their enum: ``UNIT_PERCENT`` a
# unit, ``FLAG_PERCENT`` a print's "%".
UNIT_USD, UNIT_USD_PER_SHARE, UNIT_SHARES, UNIT_PERCENT, UNIT_PURE = (
    Unit.USD, Unit.USD_PER_SHARE, Unit.SHARES, Unit.PERCENT, Unit.PURE
)  # fmt: skip
FLAG_DASH_ZERO, FLAG_PERCENT, FLAG_DOLLAR = CellFlag.DASH_ZERO, CellFlag.PERCENT, CellFlag.DOLLAR


@quick_init
@dataclass(frozen=True, slots=True)
class Cell:
    """One printed figure.

    ``value`` is in units (33,006 in a table in thousands is 33006000; a per-share figure
    stays per share). ``precision`` is the rounding unit of the print in the same units
    (1000 for whole thousands, 0.01 for cents), so the figure stands for
    [value - precision/2, value + precision/2]. ``readings`` lists every value the print can
    stand for, the first being ``value``; it has two entries only for an unbalanced
    parenthesis, which the checks resolve.
    """

    raw: str
    value: Decimal
    precision: Decimal
    span: Span
    column: int
    flags: frozenset[CellFlag] = frozenset()
    readings: tuple[Decimal, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


class RowKind(StrEnum):
    HEADER = "header"  # a section head without figures ("Net sales:")
    ITEM = "item"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


class Rule(StrEnum):
    """A rule line printed between rows."""

    NONE = "none"
    SINGLE = "single"  # -------- : closes a sum
    DOUBLE = "double"  # ======== : underlines a grand total


@quick_init
@dataclass(frozen=True, slots=True)
class Period:
    """The period a column speaks of: a duration ending on ``end``, or an instant."""

    end: date | None
    months: int | None  # None for an instant (a balance-sheet date) or an unknown duration
    instant: bool = False
    weeks: int | None = None  # for "Thirteen Weeks Ended"; months is then the nearest whole
    year: int | None = None  # the year printed over the column (all that is known of some)
    quarter: int | None = None  # the fiscal quarter named ("Q1'14", "Fiscal 2013 Q1")

    @property
    def key(self) -> tuple[date | None, int | None, bool, int | None, int | None]:
        return (self.end, self.months, self.instant, self.year, self.quarter)

    @property
    def known(self) -> bool:
        """True when the period's end and duration (or instant) are both known."""
        return self.end is not None and (self.instant or self.months is not None)


@quick_init  # each table's columns: with the tables, 90 records a pass of the text releases
@dataclass(frozen=True, slots=True)
class Column:
    """A column of figures: its header text, period, optional segment, and text extent."""

    index: int
    label: str
    period: Period | None
    start: int  # leftmost character column of its figures
    end: int  # one past the rightmost
    segment: str | None = None
    unit: Unit | None = None  # set when the column counts one thing in every row (% change)
    change: bool = False  # a change column (current minus prior, or percent change)


def _prints_a_figure(row: Row) -> bool:
    return any(row.cells)  # a Cell is always true (no __bool__, no __len__), None false


@quick_init
@dataclass(frozen=True, slots=True)
class Row:
    """A labelled line of a table; ``cells[i]`` belongs to column i (None where blank)."""

    index: int
    label: str
    level: int
    kind: RowKind
    unit: Unit
    cells: tuple[Cell | None, ...]
    line: int  # source line holding the figures (or the label, for a header)
    label_span: Span
    rule_above: Rule = Rule.NONE
    rule_below: Rule = Rule.NONE
    concept: str | None = None
    section: str | None = None  # the nearest section head above ("Metals Group" under it)
    # whether any cell prints a figure: asked of each row by every stage, so set once
    has_figures: bool = derived(_prints_a_figure)


@quick_init  # made again by every pass that changes a field (blanked cells, checked rows)
@dataclass(frozen=True, slots=True)
class Table:
    """A table of figures found in a document."""

    index: int
    title: str
    scale: Decimal  # 1, 1000, 1000000, ...
    scale_text: str  # the words the scale came from, "" when none was printed
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    first_line: int
    last_line: int
    currency: str = "USD"
    exhibit: str | None = None
    title_span: Span | None = None  # where the title is printed (its first part)
    scale_span: Span | None = None  # where the scale words are printed, when printed

    def unit_of(self, row: int, column: int) -> Unit:
        """What the figure at (row, column) counts; see ``cell_unit``."""
        return cell_unit(self.columns[column].unit, self.rows[row].unit)


def cell_unit(column: Unit | None, row: Unit) -> Unit:
    """What a figure counts: a percent column makes every figure a percent; a per-share
    column makes amounts per share but leaves share counts printed in it as shares."""
    if column is UNIT_PERCENT or (column is UNIT_USD_PER_SHARE and row is UNIT_USD):
        return column
    return row


@quick_init
@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell by position: table index, row index, column index."""

    table: int
    row: int
    column: int


def touches_rows(total: CellRef, items: Iterable[CellRef], rows: Container[int]) -> bool:
    """Whether a relation's place (its total's cell and its items') holds a figure of one of
    ``rows``: asked by an int before the place's references are hashed, where few places
    touch the rows a check wants."""
    return total.row in rows or any(item.row in rows for item in items)


def printed_cells(
    tables: Iterable[Table], flagged: CellFlag | None = None
) -> Iterator[tuple[CellRef, Table, Row, Cell]]:
    """Every figure the tables print, with its place: table by table, row by row, left to right
    (``flagged``: only the figures with that flag, no place made for the others)."""
    for table in tables:
        for row in table.rows:
            if not row.has_figures:
                continue
            for j, cell in enumerate(row.cells):
                if cell is not None and (flagged is None or flagged in cell.flags):
                    yield CellRef(table.index, row.index, j), table, row, cell


class RelationKind(StrEnum):
    """The arithmetic a relation states between its total and its items."""

    SUM = "sum"  # total = sum(sign_i * item_i)
    EQUAL = "equal"  # total = item: the same figure printed twice
    RATIO = "ratio"  # total = first / second (EPS = net income / shares)
    PERCENT_CHANGE = "percent-change"  # total = (current - prior) / prior * 100


class RelationSource(StrEnum):
    LAYOUT = "layout"  # a rule line or a "Total" label closes a sum
    IDENTITY = "identity"  # a known accounting identity
    REPEAT = "repeat"  # the same figure printed in two places
    RATIO = "ratio"  # per-share figure = amount / shares
    CHANGE = "change"  # a change column: current - prior, or the percent change
    SCALE = "scale"  # the same figure in two tables, off by a power of 1,000 everywhere


@quick_init  # two or more per relation judged, and the change columns' row terms
@dataclass(frozen=True, slots=True)
class Term:
    """A row taking part in a relation, with its sign (+1 / -1; for a ratio -1 divides)."""

    table: int
    row: int
    sign: int


@quick_init  # tens of thousands per release: every relation in every column
@dataclass(frozen=True, slots=True)
class Evaluation:
    """A relation tested in one column (or one pair of matched columns).

    ``expected`` is what the items give, ``actual`` the printed total; the relation holds
    when ``abs(difference) <= tolerance``, the tolerance coming from the printed precision.
    """

    label: str
    total: CellRef
    items: tuple[CellRef, ...]
    expected: Decimal
    actual: Decimal
    difference: Decimal
    tolerance: Decimal
    holds: bool
    signs: tuple[int, ...] = ()  # the sign of each of ``items`` in a sum


@quick_init  # one per relation judged: about 9,000 a pass over the corpus
@dataclass(frozen=True, slots=True)
class Relation:
    """total = sum(sign_i * item_i) (or a ratio), where it came from, and how it fared."""

    source: RelationSource
    name: str
    total: Term
    items: tuple[Term, ...]
    evaluations: tuple[Evaluation, ...]
    kind: RelationKind = RelationKind.SUM

    @property
    def holds_in(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.evaluations if e.holds)

    @property
    def fails_in(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.evaluations if not e.holds)

    @property
    def holds(self) -> bool:
        """Whether it holds in every column it was tested in (and was tested): the report's
        summary asks it of every relation, by a C-level loop (``map``)."""
        evaluations = self.evaluations
        return bool(evaluations) and all(map(_HOLDS, evaluations))


_HOLDS = attrgetter("holds")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for an error, 1 a warning, 2 a note: the more serious first."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class FindingCode(StrEnum):
    """Every code a finding may carry; the README's table of finding codes documents each."""

    # one release's checks
    WRONG_FIGURE = "wrong-figure"
    SUM_MISMATCH = "sum-mismatch"
    IDENTITY_MISMATCH = "identity-mismatch"
    CHANGE_MISMATCH = "change-mismatch"
    RATIO_MISMATCH = "ratio-mismatch"
    REPEAT_MISMATCH = "repeat-mismatch"
    SCALE_MISMATCH = "scale-mismatch"
    CLAIM_MISMATCH = "claim-mismatch"
    STRAY_PARENTHESIS = "stray-parenthesis"
    UNRESOLVED_FIGURE = "unresolved-figure"
    BROKEN_GROUPING = "broken-grouping"
    FIGURE_OUT_OF_RANGE = "figure-out-of-range"
    CLAIM_UNTIED = "claim-untied"
    CLAIM_AMBIGUOUS = "claim-ambiguous"
    SUM_NOT_CHECKED = "sum-not-checked"
    # non-GAAP measures held to Regulation G (tieout.nongaap)
    NON_GAAP_UNRECONCILED = "non-gaap-unreconciled"
    NON_GAAP_MISMATCH = "non-gaap-mismatch"
    NON_GAAP_PROMINENCE = "non-gaap-prominence"
    # a stage that failed or could not read (the rest of the release goes on)
    CHECK_CRASHED = "check-crashed"
    READER_CRASHED = "reader-crashed"
    PROSE_CRASHED = "prose-crashed"
    TRUNCATED_INPUT = "truncated-input"
    TEXT_NOT_READ = "text-not-read"
    HTML_NOT_READ = "html-not-read"
    # across releases (tieout restatements)
    RESTATED = "restated"
    PRIOR_PERIOD_MISMATCH = "prior-period-mismatch"
    QUARTER_DERIVATION_MISMATCH = "quarter-derivation-mismatch"

    @classmethod
    def not_read(cls, fmt: str) -> FindingCode:
        """The code of a document in ``fmt`` that no reader reads (``html-not-read``)."""
        return cls(f"{fmt}-not-read")


@quick_init  # a few per check that fails or notes, per release
@dataclass(frozen=True, slots=True)
class Finding:
    """What a check says, with the evidence a reader needs to agree or disagree."""

    code: FindingCode
    severity: Severity
    message: str
    line: int  # 1-based line in the source file
    evidence: tuple[Span, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    suggestion: str | None = None

    @staticmethod
    def in_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """Findings in the order every output lists them: by line, the more serious first
        on a line, then by code."""
        # (``_RANK`` read directly: ``rank``, a property, made a Python call per finding)
        return tuple(sorted(findings, key=lambda f: (f.line, _RANK[f.severity], f.code)))

    @classmethod
    def at(
        cls,
        cell: Cell,
        code: FindingCode,
        severity: Severity,
        message: str,
        *,
        evidence: Sequence[Span] = (),
        expected: Decimal | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding at one printed figure: on its line, its span the first evidence (before
        ``evidence``), its value the actual."""
        return cls(
            code=code,
            severity=severity,
            message=message,
            line=cell.span.line,
            evidence=(cell.span, *evidence),
            expected=expected,
            actual=cell.value,
            suggestion=suggestion,
        )


class ClaimKind(StrEnum):
    """What a figure in the prose asserts."""

    LEVEL = "level"  # "net sales were $33,006,000"
    CHANGE = "change"  # "increased by $623,000" (an amount of change)
    PERCENT_CHANGE = "percent-change"  # "an increase of 2%"
    PERCENT = "percent"  # a level printed as a percent ("a gross margin of 27.9%")
    DIRECTION = "direction"  # "decreased" with no figure: only the sign of the change


class ClaimStatus(StrEnum):
    TIES = "ties"  # equal to its cell at the printed precision
    ROUNDING = "rounding"  # ties once the claim's coarser rounding is allowed ($33.0 million)
    CONTRADICTS = "contradicts"  # names a figure of the tables and disagrees with it
    UNTIED = "untied"  # no cell speaks of what it speaks of
    AMBIGUOUS = "ambiguous"  # fits no figure its words name, but ties under another reading


class ClaimTrait(StrEnum):
    """How a claim is worded, as far as tying it depends on the wording."""

    ATTACHED = "attached"  # worded as the value of its subject ("net sales were $X")
    SIGN_INHERITED = "sign-inherited"  # sign taken from another figure ("..., or 3 cents")
    INCREASE = "increase"  # "increased to $X": the figure is above the prior period's
    DECREASE = "decrease"  # "decreased to $X"
    FORWARD_LOOKING = "forward-looking"  # guidance, targets, expectations
    ADJUSTED = "adjusted"  # "excluding one-time items", non-GAAP
    PERIOD_INFERRED = "period-inferred"  # no period in its paragraph: the release's own
    OTHER_PERIOD = "other-period"  # a period none of the tables' columns shows
    SEGMENT_INFERRED = "segment-inferred"  # segment from a heading or an open "respectively"
    PERIOD_STATED = "period-stated"  # its own clause names its period (a change: its base)
    UNRESOLVED = "unresolved"  # contradicts every reading, but no one reading is resolved
    LISTED = "listed"  # its period is its place in a "respectively" list of dates: unconfirmed


@quick_init
@dataclass(frozen=True, slots=True)
class Claim:
    """A figure in the prose: what it says, of what, for which period, and what it ties to.

    ``value`` is in units (``$33.0 million`` is 33000000; ``4%`` is 4; ``3 cents`` is 0.03)
    with ``precision`` its rounding unit in the same units. ``tied_to`` holds the cell it
    states, or the two cells (current, prior) whose change it states.
    """

    span: Span
    text: str  # the figure as printed, with its sign words ("negative $409,000")
    sentence: str
    subject: str  # the metric (and segment) the sentence speaks of, as worded
    value: Decimal
    precision: Decimal
    unit: Unit
    kind: ClaimKind
    concept: str | None = None
    segment: str | None = None
    period: Period | None = None
    period_text: str = ""
    qualifiers: tuple[str, ...] = ()  # "approximately", "more than", "nearly"
    tied_to: tuple[CellRef, ...] = ()
    status: ClaimStatus = ClaimStatus.UNTIED
    expected: Decimal | None = None  # what the tied cells give, in the claim's unit
    traits: frozenset[ClaimTrait] = frozenset()

    @property
    def before(self) -> str:
        """The words of its sentence before its figure (the whole sentence when the figure
        is not found in it as printed)."""
        at = self.sentence.find(self.text)
        return self.sentence[:at] if at >= 0 else self.sentence


_KEPT = object()  # a field ``replacer``'s function was not given: the record's own is kept


def replacer(cls: type[_T]) -> Callable[..., _T]:
    """``dataclasses.replace`` for a frozen slotted record that ``__init__`` sets field by
    field (no ``__post_init__``, no field outside ``__init__``: none derived), made in
    half the time or less.

    ``replace`` reads the record's fields, copies each one not changed into a dictionary
    and calls the class with it by keyword, per call; this is a function whose keyword
    parameters are the fields (each defaulting to the record's own), setting the new
    record's slots directly: the same record, for the ones the tie makes per claim it
    judges (a claim tied, untied, or tried at another scale: ``claim_with``, about 1,500 a
    corpus pass) and the sites of parts' tables (``prose.subjects.site_with``, 325).
    """
    return _replacer_with(cls, _replacer)


def _replacer_with(cls: type[_T], make: Callable[..., Any]) -> Callable[..., _T]:
    """``replacer`` of ``cls``, its function made by ``make`` of the Python one
    (``_replacer``: the compiled one where built; the tests compare both)."""
    every = fields(cls)  # type: ignore[arg-type]
    if not _set_by_slots(cls) or not all(f.init for f in every):
        raise TypeError(f"{cls.__name__}: not a record set by its __init__ field by field")
    names = [f.name for f in every]
    for name in names:
        _refuse_reserved(cls, name, ("record", "_made", "_new", "_cls", "_KEPT"), ("_set_",))
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_KEPT": _KEPT}
    body = "\n    _made = _new(_cls)"
    for name in names:
        scope[f"_set_{name}"] = getattr(cls, name).__set__
        body += f"\n    _set_{name}(_made, record.{name} if {name} is _KEPT else {name})"
    keywords = ", ".join(f"{name}=_KEPT" for name in names)
    exec(f"def replaced(record, *, {keywords}):{body}\n    return _made", scope)
    spec = scope["replaced"]
    spec.__qualname__ = spec.__name__ = f"{cls.__name__.lower()}_with"
    made: Callable[..., _T] = make(cls, spec, tuple(names), _KEPT)
    return made


# ``dataclasses.replace(claim, ...)``, fast: the claim with the fields given changed
claim_with: Callable[..., Claim] = replacer(Claim)


@quick_init
@dataclass(frozen=True, slots=True)
class Reading:
    """The value the checks chose for an ambiguous figure, and the relations that chose it."""

    cell: CellRef
    value: Decimal
    supported_by: tuple[int, ...]  # indexes into Release.relations
    rejected: tuple[Decimal, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Culprit:
    """The one printed figure whose correction makes every failing relation it is in tie.

    ``low``..``high`` is the range of values (in units) that would make all the sums it
    takes part in hold, failing and holding alike; ``explains`` lists the failing
    evaluations as (relation index, evaluation index) pairs.
    """

    cell: CellRef
    low: Decimal
    high: Decimal
    explains: tuple[tuple[int, int], ...]


class NonGaapStatus(StrEnum):
    """How a non-GAAP measure fared against its reconciliation (Regulation G)."""

    RECONCILED = "reconciled"  # a reconciliation to its GAAP measure ties in every column
    UNVERIFIED = "unverified"  # a reconciliation is printed, but no relation tests its arithmetic
    MISMATCH = "mismatch"  # its reconciliation or a recomputation of it does not tie
    UNRECONCILED = "unreconciled"  # no reconciliation to its GAAP measure was found


@quick_init
@dataclass(frozen=True, slots=True)
class NonGaapReconciliation:
    """Where a measure is reconciled to its GAAP measure, and how that was tested.

    ``how`` is ``relation`` (a sum tieout found between the measure's row and the GAAP
    row), ``components`` (the measure computed from the GAAP figures printed with it),
    ``columns`` (GAAP, adjustments and non-GAAP columns side by side), ``rows`` (the rows
    of a reconciliation from the GAAP row to the measure's, summed here), ``title`` (a
    table or section that says it reconciles the measure), ``text`` (the prose says where
    it is reconciled), ``side-by-side`` (the GAAP figure printed beside it) or
    ``numerator`` (a per-share measure whose amount is reconciled); the last four are not
    tested. ``table`` is None for ``text``. ``relations`` index ``Release.relations``;
    ``evaluations`` are the tests made here (``columns``, ``rows``, ``components``).
    """

    how: str
    table: int | None
    gaap_rows: tuple[int, ...]
    rows: tuple[int, ...]
    relations: tuple[int, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    holds_in: tuple[str, ...] = ()
    fails_in: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class NonGaapMeasure:
    """A non-GAAP measure a release presents, its GAAP measure and its reconciliation.

    ``basis`` names how it departs from GAAP ("ebitda", "adjusted", "underlying"...);
    ``gaap`` is its most directly comparable GAAP measure, a concept's name where tieout has
    one (``NetIncome`` for EBITDA: SEC C&DI 103.02). ``rows`` are the (table, row) pairs and
    ``claims`` the indexes of ``Release.claims`` that present it; ``recomputed`` the
    relations (and ``recomputations`` the tests made here) that compute it again from its
    parts: segments, adjusted EPS from adjusted net income and shares, a margin.
    """

    name: str
    basis: tuple[str, ...]
    gaap: str
    status: NonGaapStatus
    rows: tuple[tuple[int, int], ...] = ()
    claims: tuple[int, ...] = ()
    reconciliation: NonGaapReconciliation | None = None
    recomputed: tuple[int, ...] = ()
    recomputations: tuple[Evaluation, ...] = ()
    evidence: tuple[Span, ...] = ()  # where it is presented, tables and prose
    note: str = ""  # how it was judged, in one line


@quick_init
@dataclass(frozen=True, slots=True)
class Release:
    """Everything tieout knows about one input file."""

    source: Source
    documents: tuple[Document, ...]
    tables: tuple[Table, ...]
    relations: tuple[Relation, ...] = ()
    findings: tuple[Finding, ...] = ()
    readings: tuple[Reading, ...] = field(default=())
    claims: tuple[Claim, ...] = ()
    culprits: tuple[Culprit, ...] = ()
    non_gaap: tuple[NonGaapMeasure, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def cell(self, ref: CellRef) -> Cell | None:
        return self.tables[ref.table].rows[ref.row].cells[ref.column]

    def row(self, table: int, row: int) -> Row:
        return self.tables[table].rows[row]


# ``dataclasses.replace(release, ...)``, fast: the release with the fields given changed
# (each stage after the checks adds to the release: about 3.5 us by ``replace``, which
# reads nine fields into a dict and calls the class by keyword, 0.07 us so)
release_with: Callable[..., Release] = replacer(Release)
