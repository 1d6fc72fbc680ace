"""The compiled records (``_records.c``) are made as ``model.quick_init``'s and
``model.replacer``'s Python functions make them.

The Python ``__init__`` that ``quick_init`` execs per record class, and the function
``replacer`` execs (``claim_with``, ``site_with``), are the specification; the compiled
``_records.init`` and ``_records.replacer`` do what they do wherever the extension was
built. Here every frozen slotted record class of tieout that ``quick_init`` makes is made
twice, once with each ``__init__``, and both are called with the same generated arguments:
positional, by keyword (each field, ``self``, a name no field has), defaults left out,
too many and too few: the same fields (derived ones included) or the same TypeError,
word for word. The record class itself is called without the type's generic call; that
holds only while its ``__init__`` is the compiled one (a class whose ``__init__`` is
replaced calls the new one, a subclass its inherited one). And over the corpus, every
release's JSON is the same with every record class's ``__init__`` put back to the Python
one and the replacers to theirs.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.pipeline
from golden import manifest
from tieout import model
from tieout.extensions import compiled
from tieout.model import (
    _KEPT,
    Claim,
    _init_python,
    _quickened,
    _replacer_python,
    _replacer_with,
    replacer,
)
from tieout.report.serialise import release_json

RECORDS = compiled("tieout._records", forced=True)  # even when the environment forces Python
needs_build = pytest.mark.skipif(RECORDS is None, reason="the C extension is not built here")

assert tieout.pipeline  # every stage imported: each module's record classes are made


def _record_classes() -> list[type[Any]]:
    """Every frozen slotted dataclass of tieout with no ``__post_init__``: what
    ``quick_init`` may make (those it refuses are left out by ``_twins``)."""
    found: dict[str, type[Any]] = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("tieout") or module is None:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == name
                and dataclasses.is_dataclass(value)
                and model._set_by_slots(value)
            ):
                found[f"{name}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


def _twin(cls: type[Any]) -> type[Any]:
    """A record class of ``cls``'s fields, name and flags, made afresh (no ``__init__`` of
    quick_init's yet)."""
    spec = [
        (
            f.name,
            f.type,
            dataclasses.field(
                default=f.default, init=f.init, repr=f.repr, compare=f.compare, metadata=f.metadata
            ),
        )
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True, slots=True)


def _twins(cls: type[Any]) -> tuple[type[Any], type[Any]] | None:
    """``cls`` made twice: with the compiled ``__init__`` and with the Python one (None when
    quick_init does not make it)."""
    assert RECORDS is not None
    try:
        ours = _quickened(_twin(cls), RECORDS.init)
    except TypeError:
        return None
    return ours, _quickened(_twin(cls), _init_python)


CLASSES = _record_classes()


def _outcome(make: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    """What a call made: its record's fields (derived ones too), or its error's type and
    words."""
    try:
        made = make(*args, **kwargs)
    except Exception as error:  # the error is what is compared
        return ("raised", type(error), str(error))
    if made is None:  # an __init__ called
        return ("ran", None, None)
    return ("made", type(made).__name__, _fields(made))


def _fields(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, f.name, "<unset>") for f in dataclasses.fields(record))


VALUES = st.one_of(st.integers(), st.text(max_size=3), st.none(), st.tuples(st.integers()))


@st.composite
def _calls(draw: st.DrawFn, names: tuple[str, ...]) -> tuple[list[Any], dict[str, Any]]:
    """Arguments of a call: up to two more positional than there are fields, and keywords
    among the fields, ``self`` and a name no field has."""
    positional = draw(st.lists(VALUES, max_size=len(names) + 2))
    keys = draw(st.lists(st.sampled_from([*names, "self", "unknown"]), unique=True))
    return positional, {k: draw(VALUES) for k in keys}


def _parameters(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


@needs_build
def test_the_record_classes_are_found() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"Span", "Cell", "Row", "Claim", "Relation", "Evaluation", "Term"} <= names
    assert sum(1 for cls in CLASSES if _twins(cls) is not None) >= 20
    if model.COMPILED:  # the ones quick_init made at import have the compiled __init__
        kind = type(_twins(Claim)[0].__init__)  # type: ignore[index]
        assert all(type(cls.__init__) is kind for cls in (model.Span, model.Claim, model.Row))


@needs_build
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_compiled_init_binds_as_the_python_one(cls: type[Any], data: st.DataObject) -> None:
    twins = _twins(cls)
    if twins is None:
        return
    ours, theirs = twins
    positional, keywords = data.draw(_calls(_parameters(cls)))
    assert _outcome(ours, *positional, **keywords) == _outcome(theirs, *positional, **keywords)
    whole = positional[: len(_parameters(cls))]  # and through __init__ itself, on a record
    made = _outcome(ours, *whole)
    if made[0] == "made":
        again, other = ours(*whole), theirs(*whole)
        assert (
            _outcome(ours.__init__, again, *positional, **keywords)[0::2]
            == _outcome(theirs.__init__, other, *positional, **keywords)[0::2]
        )
        assert _fields(again) == _fields(other)


@needs_build
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_field_left_out_or_given_by_name(cls: type[Any]) -> None:
    twins = _twins(cls)
    if twins is None:
        return
    ours, theirs = twins
    names = _parameters(cls)
    values = [(i, name) for i, name in enumerate(names)]
    for size in range(len(names) + 1):  # positional, the rest left to their defaults
        assert _outcome(ours, *values[:size]) == _outcome(theirs, *values[:size])
        by_name = dict(zip(names[size:], values[size:], strict=True))
        assert _outcome(ours, *values[:size], **by_name) == _outcome(
            theirs, *values[:size], **by_name
        )
    assert _outcome(ours.__init__) == _outcome(theirs.__init__)  # no self
    assert _outcome(ours.__init__, object(), *values) == _outcome(
        theirs.__init__, object(), *values
    )


@needs_build
def test_a_derived_field_is_set_last_from_the_record_made() -> None:
    order: list[str] = []

    def derive(record: Any) -> int:
        order.append(f"derived from {record.a} and {record.b}")
        return record.a + record.b

    @dataclasses.dataclass(frozen=True, slots=True)
    class Summed:
        a: int
        total: int = model.derived(derive)
        b: int = 1

    assert RECORDS is not None
    made = _quickened(Summed, RECORDS.init)
    record = made(2, b=5)
    assert record.total == 7 and order == ["derived from 2 and 5"]
    assert (
        repr(record)
        == "test_a_derived_field_is_set_last_from_the_record_made.<locals>.Summed(a=2, b=5)"
    )


@needs_build
def test_the_class_is_called_through_its_own_init_only() -> None:
    twins = _twins(model.Term)
    assert twins is not None
    ours, _ = twins
    assert ours(1, 2, sign=3) == ours(1, 2, 3)
    compiled_init = ours.__init__
    calls: list[tuple[Any, ...]] = []

    def replaced(self: Any, *args: Any) -> None:
        calls.append(args)
        compiled_init(self, *args)

    ours.__init__ = replaced  # type: ignore[misc]
    assert ours(4, 5, 6) == ours(4, 5, 6) and calls == [(4, 5, 6), (4, 5, 6)]
    ours.__init__ = compiled_init  # type: ignore[misc]
    assert ours(4, 5, 6).sign == 6 and len(calls) == 2

    class Signed(ours):  # type: ignore[valid-type, misc]
        __slots__ = ()

    made = Signed(7, 8, 9)
    assert type(made) is Signed and (made.table, made.row, made.sign) == (7, 8, 9)
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'sign'"):
        Signed(7, 8)


def _claim_twins() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """``claim_with`` made with each function: the compiled one and the Python one."""
    assert RECORDS is not None
    return (
        model._replacer_with(Claim, RECORDS.replacer),
        model._replacer_with(Claim, _replacer_python),
    )


CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))


@needs_build
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_compiled_replacer_is_the_python_one(data: st.DataObject) -> None:
    ours, theirs = _claim_twins()
    base = model.claim_with(_a_claim(), status=model.ClaimStatus.TIES)
    record = data.draw(
        st.sampled_from(
            [
                base,
                SimpleNamespace(**{n: getattr(base, n) for n in CLAIM_FIELDS}),
                SimpleNamespace(),
            ]
        )
    )
    extra = data.draw(st.lists(VALUES, max_size=2))
    keys = data.draw(st.lists(st.sampled_from([*CLAIM_FIELDS, "record", "unknown"]), unique=True))
    keywords = {k: data.draw(st.one_of(VALUES, st.just(_KEPT))) for k in keys}
    positional = [record, *extra] if data.draw(st.booleans()) else extra
    assert _outcome(ours, *positional, **keywords) == _outcome(theirs, *positional, **keywords)


@needs_build
def test_the_replacer_names_itself_as_the_python_one() -> None:
    ours, theirs = _claim_twins()
    assert ours.__name__ == theirs.__name__ == "claim_with"
    assert ours.__qualname__ == "claim_with" and ours.__wrapped__.__name__ == "claim_with"
    assert type(replacer(Claim)) is type(model.claim_with)


def _a_claim() -> Claim:
    from decimal import Decimal

    from tieout.model import ClaimKind, Span, Unit

    return Claim(
        Span(4, 10, 16, 300), "$1.5 million", "Net sales were $1.5 million.", "Net sales",
        Decimal(1500000), Decimal(100000), Unit.USD, ClaimKind.LEVEL,
    )  # fmt: skip


def _compiled_inits() -> Iterator[type[Any]]:
    for cls in CLASSES:
        if type(cls.__dict__.get("__init__")).__name__ == "Init":
            yield cls


@needs_build
@pytest.mark.corpus
def test_corpus_releases_are_the_same_with_the_python_records(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not model.COMPILED:
        pytest.skip("the compiled records are not in use here")
    names = manifest(corpus_dir)
    fast = [release_json(tieout.pipeline.read(corpus_dir / name)) for name in names]
    made = list(_compiled_inits())
    assert len(made) >= 20
    for cls in made:  # each class's own Python __init__: the class's call is the type's
        monkeypatch.setattr(cls, "__init__", cls.__init__.__wrapped__)
    for name, module in list(sys.modules.items()):
        for attribute in ("claim_with", "site_with"):
            if name.startswith("tieout") and hasattr(module, attribute):
                made_with = getattr(module, attribute)
                monkeypatch.setattr(module, attribute, getattr(made_with, "__wrapped__", made_with))
    slow = [release_json(tieout.pipeline.read(corpus_dir / name)) for name in names]
    assert fast == slow


def _inherited() -> type[Any]:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Base:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Child(Base):
        b: int = 2

    return Child


@needs_build
def test_a_field_of_a_base_class_is_set_in_its_slot() -> None:
    assert RECORDS is not None
    ours, theirs = _quickened(_inherited(), RECORDS.init), _quickened(_inherited(), _init_python)
    for args, kwargs in (((1,), {}), ((1,), {"b": 3}), ((), {"a": 4}), ((), {}), ((1, 2, 3), {})):
        assert _outcome(ours, *args, **kwargs)[2:] == _outcome(theirs, *args, **kwargs)[2:]
    assert (ours(5, 6).a, ours(5, 6).b) == (5, 6)


_REBOUND_IN_DERIVE = """
import gc
from dataclasses import dataclass
from tieout.model import derived, quick_init

def rebinding(record):
    type(record).__init__ = lambda self, *args: None  # the last reference to the compiled one
    gc.collect()
    [tuple(range(8)) for _ in range(10_000)]  # the freed memory written over
    return 1

@quick_init
@dataclass(frozen=True, slots=True)
class Q:
    a: int
    x: int = derived(rebinding)
    y: int = derived(lambda record: 2)

q = Q(1)
print(q.a, q.x, q.y)
"""


@pytest.mark.parametrize("pure", ["0", "1"])
def test_a_derive_rebinding_the_init_leaves_the_record_made(pure: str) -> None:
    """A ``derive`` is any Python: one that rebinds its class's ``__init__`` while the
    record is made drops the compiled ``__init__`` being run; the call keeps it alive to its
    end and the record is made, as the Python ``__init__`` makes it (a borrowed reference
    crashed the interpreter). In a process of its own: a crash fails the test, not the run."""
    import subprocess

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TIEOUT_PURE_PYTHON": pure}
    done = subprocess.run(
        [sys.executable, "-c", _REBOUND_IN_DERIVE], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout.split()) == (0, ["1", "1", "2"]), done.stderr


@needs_build
def test_an_abstract_record_class_is_refused_as_object_new_refuses_it() -> None:
    """``object.__new__`` refuses an abstract class; the compiled call and replacer pass
    through it there, with its error."""
    assert RECORDS is not None
    for make in (RECORDS.init, _init_python):

        @dataclasses.dataclass(frozen=True, slots=True)
        class R:
            a: int
            b: int = 0

        quick = _quickened(R, make)
        replaced = _replacer_with(R, RECORDS.replacer if make is RECORDS.init else _replacer_python)
        R.__abstractmethods__ = frozenset({"m"})  # type: ignore[attr-defined]
        with pytest.raises(TypeError, match="abstract class R"):
            quick(1)
        with pytest.raises(TypeError, match="abstract class R"):
            replaced(SimpleNamespace(a=1, b=2), b=3)


def test_the_record_functions_pickle_and_copy_by_name() -> None:
    """A record class's ``__init__`` and a replacer's function are found again by their
    names, as Python functions are, compiled or not."""
    import copy
    import pickle

    from tieout.model import Span, claim_with

    for made in (Span.__init__, claim_with):
        assert pickle.loads(pickle.dumps(made)) is made
        assert copy.deepcopy(made) is made


@pytest.mark.parametrize("name", ["self", "_set_a", "_derive_x", "_default_y"])
def test_a_field_named_as_the_init_s_own_names_is_refused(name: str) -> None:
    cls = dataclasses.make_dataclass("R", [(name, int)], frozen=True, slots=True)
    with pytest.raises(TypeError, match="a field name the record's functions use"):
        model.quick_init(cls)


@pytest.mark.parametrize("name", ["record", "_made", "_new", "_cls", "_KEPT", "_set_a"])
def test_a_field_named_as_the_replacer_s_own_names_is_refused(name: str) -> None:
    cls = dataclasses.make_dataclass("R", [(name, int)], frozen=True, slots=True)
    with pytest.raises(TypeError, match="a field name the record's functions use"):
        replacer(cls)
