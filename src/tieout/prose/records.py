"""Records made by the hundred a pass, made faster: a maker of a record class.

The sentence pass makes a record per figure, metric named, frame, sentence, claim and
table row (``numbers.Figure``, ``subjects.Mention``, ``frames.Frame``, ``frames.Layout``,
``subjects.Site``, ``model.Claim``): frozen slotted dataclasses, each made through a
Python ``__init__`` that sets its fields one by one through each slot's descriptor
(``model.quick_init``'s: some 700 instructions a field, 12,000 for a record of fifteen).
A named tuple is made faster but read slower (3.11 does not specialise a read of its
fields, where a slot's read is one instruction), and these records are read more often
than made. ``maker(cls)`` keeps the class and makes its records in C instead
(``_words.c``'s ``maker``): allocated, and each slot set to its field, as the class's own
``__init__`` sets them; the same record, made in a tenth of the time.

Only for a record whose ``__init__`` sets every field and nothing else: a frozen slotted
dataclass every field of which ``__init__`` takes by position, without ``__post_init__``
nor a field it derives, made by ``object.__new__``. A maker called with all the fields in
order makes the record; called any other way (a default left out, a keyword) it calls the
class, which answers as it would have.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from tieout.extensions import compiled

_T = TypeVar("_T")


def _maker_python(cls: type[_T], names: tuple[str, ...]) -> Callable[..., _T]:
    """A record maker of ``cls`` whose fields are ``names``: the class itself, which makes
    the record through its ``__init__`` (the specification of the compiled ``maker``)."""
    return cls


def _compiled_maker(*, forced: bool = False) -> Callable[..., Any] | None:
    """The compiled ``maker`` (``_words.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.prose._words", forced=forced)
    return None if module is None else module.maker  # type: ignore[no-any-return]


_maker: Callable[..., Any] = _compiled_maker() or _maker_python
COMPILED = _maker is not _maker_python


def fields_set(cls: type) -> tuple[str, ...]:
    """The fields ``cls``'s ``__init__`` takes, in order, when that is all it does: each set
    to its argument, in a slot of the class's own (a frozen slotted dataclass, every field
    in ``__init__`` by position, no ``__post_init__``, no ``__new__`` of its own); else a
    ``TypeError``."""
    if not dataclasses.is_dataclass(cls) or not isinstance(cls, type):
        raise TypeError(f"{cls!r} is not a dataclass")
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    names = tuple(f.name for f in dataclasses.fields(cls))
    if (
        not params.frozen
        or cls.__dict__.get("__slots__") != names
        or hasattr(cls, "__post_init__")
        or cls.__new__ is not object.__new__
        or any(not f.init or f.kw_only for f in dataclasses.fields(cls))
    ):
        raise TypeError(f"{cls.__name__}: not a record its __init__ only sets, field by field")
    return names


def maker(cls: type[_T]) -> Callable[..., _T]:
    """What makes a record of ``cls`` from its fields in order, fastest: the compiled maker
    where built, else the class itself (``fields_set`` says which classes may have one)."""
    return _maker(cls, fields_set(cls))  # type: ignore[no-any-return]
