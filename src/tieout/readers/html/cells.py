"""What each cell of a table holds: a figure, a lone `$`, a closing `)` or `%`, a year, a mark.

Filing agents split one printed figure over several cells: `$` in its own cell, the
number in the next, the closing parenthesis of a negative (`(1,234` then `)`) or the
`%` in a narrow cell after it. Each cell is classified here; the table reader joins
the pieces of one figure back together. Figures are parsed by ``tieout.figures``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import lru_cache, partial
from typing import NamedTuple

from tieout.extensions import grid_function
from tieout.figures import Figure, is_dash, parse_figure, plain_figure
from tieout.readers.html.grid import RULE_TEXT as _RULE_TEXT
from tieout.readers.html.grid import GridCell


class Role(StrEnum):
    EMPTY = "empty"
    FIGURE = "figure"
    DOLLAR = "dollar"  # a `$` alone
    CLOSER = "closer"  # `)`, `%`, `%)` printed apart from the figure they close
    YEAR = "year"  # 2004: a column head, unless a label stands before it
    NA = "na"  # n/a, NM, *: printed where a figure would be, but none
    TEXT = "text"


# enum members as module names: read through their class, each costs a descriptor
# call (about 150 ns on CPython 3.11), and the loops below read them per cell
_CLOSER_ROLE = Role.CLOSER
_DOLLAR_ROLE = Role.DOLLAR
_EMPTY_ROLE = Role.EMPTY
_FIGURE_ROLE = Role.FIGURE
_NA_ROLE = Role.NA
_TEXT_ROLE = Role.TEXT
_YEAR_ROLE = Role.YEAR

_DOLLAR = re.compile(r"^(?:US\s?)?\$$")
_CLOSER = re.compile(
    r"^(?:\)|%|%\)|\)%|\)\s*%|pts?\.?\)?|bps?\.?\)?|x\)?)\s*(?:\([a-z0-9]\)|\*{1,3})?$", re.I
)
_CLOSER_MARK = re.compile(r"\s*(?:\([a-z0-9]\)|\*{1,3})$", re.I)
_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)(?:\s*\*{1,2}|\s*\([a-z0-9]\))?$")
_UNIT = re.compile(r"^(.*?[\d)])\s*(?:pts?\.?|bps?\.?|basis\s+points|x|pp)(\)?)$", re.I)
_NA = re.compile(r"^(?:\*{1,3}|n/?m|n\.m\.|n/?a|nmf|not\s+meaningful|—\s*\*|--\s*\*)$", re.I)
# footnote marks printed in a cell of their own: (a), (1), *, 1,2
FOOTNOTE_LIKE = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)?(?:,\s?\d{1,2})*$|^\*{1,3}$")
_UNIT_MARK = re.compile(r"^(?:pts?\.?|bps?\.?|x)(\)?)$", re.I)  # a unit after the closer


class Item(NamedTuple):
    """A cell with its role, and its figure when it holds one (a named tuple: cheap to make)."""

    cell: GridCell
    role: Role
    figure: Figure | None
    text: str  # the cell's words
    col: int  # its first slot
    end: int  # one past its last slot

    @property
    def footnote_like(self) -> bool:
        return footnote_like(self.text)


@lru_cache(maxsize=16384)
def footnote_like(text: str) -> bool:
    """A cell's words read as a footnote mark (``FOOTNOTE_LIKE``), once per text: the
    reader asks it of every figure of a row, and cells repeat."""
    return FOOTNOTE_LIKE.match(text) is not None


@lru_cache(maxsize=4096)
def read_figure(text: str) -> Figure | None:
    """A printed figure, also when a unit word or a dash-percent stands for it."""
    value = text.strip().replace("\u2212", "-").replace("( ", "(").replace(" )", ")")
    unit = _UNIT.match(value)
    if unit is not None:
        value = unit.group(1) + unit.group(2)
    return parse_figure(value)


def classify(cell: GridCell) -> Item:
    """The role of a cell's text in a table."""
    text = cell.text.value
    role, figure = _role(text) if text else (_EMPTY_ROLE, None)
    return Item(cell, role, figure, text, cell.col, cell.end)


_item = tuple.__new__  # an Item from its fields in order, without its Python ``__new__``


def _items_python(cells: tuple[GridCell, ...]) -> tuple[Item, ...]:
    """The cells of a row that hold something, classified (``classify`` of each cell whose
    role is not empty). The specification of the compiled ``items_of`` (``_grid.items``,
    the same loop in C over the same records, each text's role read here by ``_role``)."""
    items: list[Item] = []
    for cell in cells:
        text = cell.text.value
        if text:
            role, figure = _role(text)
            if role is not _EMPTY_ROLE:
                items.append(_item(Item, (cell, role, figure, text, cell.col, cell.end)))
    return tuple(items)


def _compiled_items() -> Callable[[tuple[GridCell, ...]], tuple[Item, ...]] | None:
    """The compiled ``items_of``, unless it is not built or the environment asks for Python."""
    items = grid_function("items")
    return None if items is None else partial(items, _role, Item, _EMPTY_ROLE)


# the first characters of a text that is words alone: no role's pattern begins with one
# (a rule's `-_—–=`, `US$`, a closer's `)%pbx`, a year's digit, n/a's `*n—-`, a zero
# dash's `-—–n`, a figure's `$(-—–−.` or digit), none is stripped off before a pattern,
# and the case-blind patterns' first letters (p, b, x, n) fold from no other character
_WORD_LEADS = frozenset("ACDEFGHIJKLMOQRSTVWYZacdefghijklmoqrstvwyz")


@lru_cache(maxsize=65536)
def _role(text: str) -> tuple[Role, Figure | None]:
    """The role of a cell's words, and the figure they print (cells repeat: read once).

    A plain figure (``plain_figure``: most cells of a table) is read by one match, and a
    text led by a letter no role begins with (``_WORD_LEADS``: most labels) is words,
    before the patterns of the other roles are tried in turn."""
    figure = plain_figure(text)
    if figure is not None:  # what the patterns below read: a figure, four digits a year
        return (_YEAR_ROLE if len(text) == 4 and _YEAR.match(text) else _FIGURE_ROLE), figure
    if text[0] in _WORD_LEADS:
        return _TEXT_ROLE, None
    return role_by_patterns(text)


def role_by_patterns(text: str) -> tuple[Role, Figure | None]:
    """``_role`` of any text (not empty): each role's pattern tried in turn (the
    specification of ``_role``'s two early answers)."""
    if _RULE_TEXT.match(text):
        return _EMPTY_ROLE, None
    if _DOLLAR.match(text):
        return _DOLLAR_ROLE, None
    if _CLOSER.match(text):
        return _CLOSER_ROLE, None
    if _YEAR.match(text):
        return _YEAR_ROLE, parse_figure(text)
    if _NA.match(text) or (is_dash(text) and parse_figure(text) is None):
        return _NA_ROLE, None
    figure = read_figure(text)
    if figure is not None:
        return _FIGURE_ROLE, figure
    return _TEXT_ROLE, None


items_of = _compiled_items() or _items_python
"""The cells of a row that hold something, classified (``_items_python``, compiled when
built)."""


def closer_mark(closer: str) -> bool:
    """True when a closer cell also prints a footnote mark (`)(a)`)."""
    return bool(_CLOSER_MARK.search(closer.strip()))


def with_closer(raw: str, closer: str) -> str:
    """The text of a figure and the closer printed after it (its footnote mark left out)."""
    mark = _CLOSER_MARK.sub("", closer.strip())
    unit = _UNIT_MARK.match(mark)
    if unit is not None:
        mark = unit.group(1)
    return raw.rstrip() + mark
