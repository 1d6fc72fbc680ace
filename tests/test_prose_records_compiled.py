"""The compiled record makers (prose/_words.c's ``maker``) make the records the classes make.

``records._maker_python`` is the specification: a record's maker is its class, which makes
the record through its ``__init__``. The compiled maker allocates the record and sets its
slots itself; it must give a record of the same class with the very same fields (the same
objects), equal to the class's, with its hash and repr, for every record the sentence pass
makes over the corpus and for generated fields of every kind; called any other way than
with all the fields by position it must answer as the class does (the record made with
the defaults, or the same error). Only the records whose ``__init__`` sets their fields
and nothing else may have one (``records.fields_set``).
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import importlib.util
import sys
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.model import Claim, Row, Unit, quick_init
from tieout.prose import claims, frames, numbers, records, subjects
from tieout.prose.claims import claims_of
from tieout.prose.frames import Frame, Layout
from tieout.prose.numbers import Figure
from tieout.prose.subjects import Mention, SegmentMention, Site
from tieout.sources import load

NAME = "tieout.prose._words"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")

# every maker the sentence pass holds: its module, its name there, and its class
MAKERS = (
    (numbers, "_figure", Figure),
    (frames, "_frame", Frame),
    (frames, "_layout", Layout),
    (subjects, "_site", Site),
    (subjects, "_made_mention", Mention),
    (subjects, "_segment_mention", SegmentMention),
    (claims, "_made_claim", Claim),
    (claims, "_mention", Mention),
)


def _compiled(cls: type) -> Callable[..., Any]:
    """The compiled maker of ``cls``, even where the environment forces the Python."""
    made = records._compiled_maker(forced=True)
    assert made is not None
    return made(cls, records.fields_set(cls))  # type: ignore[no-any-return]


def _same(a: object, b: object) -> None:
    """Two records alike: one class, each field the same object, equal, one hash, one repr."""
    assert type(a) is type(b)
    for f in dataclasses.fields(a):  # type: ignore[arg-type]
        assert getattr(a, f.name) is getattr(b, f.name), f.name
    assert a == b
    assert (a != b) is False
    assert repr(a) == repr(b)
    try:
        hashed = hash(a)
    except TypeError:  # a field that is not hashable: neither is
        with pytest.raises(TypeError):
            hash(b)
    else:
        assert hashed == hash(b)


@contextmanager
def _recorded() -> Iterator[list[tuple[type, tuple[object, ...]]]]:
    """Every record the sentence pass makes by a maker, with the fields it was given, while
    it runs: each maker replaced by one that notes them and asks the class."""
    made: list[tuple[type, tuple[object, ...]]] = []

    def noting(cls: type) -> Callable[..., object]:
        def make(*fields: object) -> object:
            made.append((cls, fields))
            return cls(*fields)

        return make

    kept = [(module, name, getattr(module, name)) for module, name, _ in MAKERS]
    try:
        for module, name, cls in MAKERS:
            setattr(module, name, noting(cls))
        yield made
    finally:
        for module, name, maker in kept:
            setattr(module, name, maker)


def test_every_maker_is_of_its_class_and_compiled_where_built() -> None:
    for module, name, cls in MAKERS:
        maker = getattr(module, name)
        if records.COMPILED:
            assert type(maker).__name__ == "Maker" and repr(maker).endswith(f"{cls.__name__}>")
        else:
            assert maker is cls


@needs_build
@pytest.mark.corpus
def test_the_compiled_makers_make_every_corpus_record_alike(corpus_dir: Path) -> None:
    kinds: dict[type, int] = {}
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        with _recorded() as made:
            found = claims_of(paragraphs, tables)
        assert claims_of(paragraphs, tables) == found  # the same claims, made by the makers
        for cls, fields in made:
            _same(_compiled(cls)(*fields), cls(*fields))
            kinds[cls] = kinds.get(cls, 0) + 1
    assert set(kinds) == {cls for _, _, cls in MAKERS}
    assert kinds[Claim] >= 2000 and kinds[Site] >= 5000 and kinds[Figure] >= 2000


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=8),
    st.decimals(allow_nan=False),
    st.sampled_from(list(Unit)),
    st.frozensets(st.text(max_size=3), max_size=3),
    st.lists(st.integers(), max_size=3),  # not hashable: nor is the record
    st.tuples(st.integers(), st.text(max_size=2)),
)


@needs_build
@settings(max_examples=300, deadline=None)
@given(st.sampled_from([cls for _, _, cls in MAKERS]), st.data())
def test_the_compiled_makers_make_records_of_any_fields_alike(cls: type, data: Any) -> None:
    count = len(records.fields_set(cls))
    fields = data.draw(st.lists(_ANY, min_size=count, max_size=count))
    _same(_compiled(cls)(*fields), cls(*fields))


def _answer(make: Callable[..., object], *args: Any, **kwargs: Any) -> object:
    """What a call gives: the record, or its error's class and message."""
    try:
        return make(*args, **kwargs)
    except Exception as error:  # the error is the answer compared
        return (type(error), str(error))


@needs_build
def test_a_maker_called_otherwise_answers_as_its_class() -> None:
    maker = _compiled(Claim)
    args: tuple[Any, ...] = (None, "$5", "Sales were $5.", "sales", Decimal(5), Decimal(1))
    args += (Unit.USD, None)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (args, {}),  # the defaults left out
        (args[:-1], {"kind": None}),
        (args, {"traits": frozenset({1})}),
        ((), {}),
        (args * 3, {}),
        (args, {"nonsense": 1}),
    ]
    for positional, named in calls:
        ours = _answer(maker, *positional, **named)
        theirs = _answer(Claim, *positional, **named)
        if isinstance(theirs, Claim):
            _same(ours, theirs)
        else:
            assert ours == theirs


@dataclass(frozen=True)
class _Unslotted:
    a: int


@dataclass(slots=True)
class _Unfrozen:
    a: int


@dataclass(frozen=True, slots=True)
class _Posted:
    a: int

    def __post_init__(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class _Keyword:
    a: int = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class _Uninitialised:
    a: int
    b: int = field(init=False, default=0)


@dataclass(frozen=True, slots=True)
class _Newed:
    a: int

    def __new__(cls, *args: object) -> _Newed:
        return super().__new__(cls)


@quick_init
@dataclass(frozen=True, slots=True)
class _Fine:
    a: object
    b: object = None


def test_only_a_record_its_init_only_sets_may_have_a_maker() -> None:
    for cls in (_Unslotted, _Unfrozen, _Posted, _Keyword, _Uninitialised, _Newed, Row, int):
        with pytest.raises(TypeError):
            records.fields_set(cls)
        with pytest.raises(TypeError):
            records.maker(cls)
    assert records.fields_set(_Fine) == ("a", "b")
    assert records._maker_python(_Fine, ("a", "b")) is _Fine


@needs_build
def test_the_compiled_maker_refuses_what_it_cannot_make() -> None:
    module = importlib.import_module(NAME)
    with pytest.raises(TypeError):
        module.maker(_Fine, ("a", "c"))  # no such slot
    with pytest.raises(TypeError):
        module.maker(_Fine, ("a", 1))
    with pytest.raises(TypeError):
        module.maker(_Unslotted, ("a",))  # no slot of its own
    with pytest.raises(TypeError):
        module.maker(_Newed, ("a",))  # a __new__ of its own
    with pytest.raises(TypeError):
        module.maker("Figure", ("start",))
    with pytest.raises(TypeError):
        module.maker(_Fine, ["a", "b"])


@needs_build
def test_a_made_record_holds_its_fields_as_the_class_s_does() -> None:
    maker = _compiled(_Fine)
    a, b = object(), object()
    held = sys.getrefcount(a), sys.getrefcount(b)
    made = [maker(a, b) for _ in range(1000)]
    assert (sys.getrefcount(a), sys.getrefcount(b)) == (held[0] + 1000, held[1] + 1000)
    del made
    assert (sys.getrefcount(a), sys.getrefcount(b)) == held
    probe = _Probe()
    cycle = maker([], probe)
    cycle.a.append(cycle)  # a cycle through a made record: the collector frees it
    gone = weakref.ref(probe)
    del cycle, probe
    gc.collect()
    assert gone() is None
    assert gc.is_tracked(maker(a, b))


class _Probe:
    """An object a weak reference can follow."""
