"""Inline CSS and legacy attributes: what a filing agent's markup says about layout.

Only what a reader of a financial table needs: hidden or not, bold or not, how far the
first line of text is indented, which borders are drawn (a rule under a column of
figures closes a sum; a double one underlines a grand total), and the display role of
a ``<div>`` laid out as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tieout.model import Rule

_DECL = re.compile(r"([A-Za-z-]+)\s*:\s*([^;]*)")
_LENGTH = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))\s*(pt|px|em|rem|in|cm|mm|pc|ex|%)?$", re.I)
_POINTS = {
    "pt": 1.0,
    "px": 0.75,
    "em": 10.0,
    "rem": 10.0,
    "ex": 5.0,
    "in": 72.0,
    "cm": 28.35,
    "mm": 2.835,
    "pc": 12.0,
}
_STYLES = {
    "none",
    "hidden",
    "solid",
    "double",
    "dotted",
    "dashed",
    "groove",
    "ridge",
    "inset",
    "outset",
}
_INVISIBLE = re.compile(r"^(?:transparent|white|#fff|#ffffff|rgba\([^)]*,\s*0\))$", re.I)
_BOLD = re.compile(r"^(?:bold|bolder|[6-9]00)$", re.I)

Style = dict[str, str]


def parse_style(value: str | None) -> Style:
    """The declarations of a ``style`` attribute, names lower-cased, the last one winning."""
    if not value:
        return {}
    return {name.lower(): said.strip().lower() for name, said in _DECL.findall(value)}


def length(value: str | None) -> float | None:
    """A CSS length in points (an em taken as 10pt), or None when it is not a length."""
    if not value:
        return None
    m = _LENGTH.match(value.strip())
    if m is None:
        return None
    number = float(m.group(1))
    unit = (m.group(2) or "px").lower()
    if unit == "%":
        return 0.0
    return number * _POINTS[unit] if number else 0.0


def _box_left(style: Style, prop: str) -> float:
    """The left value of ``padding``/``margin``: from ``prop-left`` or the shorthand."""
    own = length(style.get(f"{prop}-left"))
    if own is not None:
        return own
    parts = style.get(prop, "").split()
    if not parts:
        return 0.0
    pick = {1: 0, 2: 1, 3: 1}.get(len(parts), 3)
    return length(parts[pick]) or 0.0


def indent(style: Style) -> float:
    """How far this element moves the first line of its text right, in points."""
    return (
        _box_left(style, "padding")
        + _box_left(style, "margin")
        + (length(style.get("text-indent")) or 0.0)
    )


def _side_value(style: Style, prop: str, side: str) -> str | None:
    """``border-style``-like shorthands give top right bottom left."""
    parts = style.get(prop, "").split()
    if not parts:
        return None
    index = {"top": 0, "bottom": 2}[side]
    order = {1: (0, 0, 0, 0), 2: (0, 1, 0, 1), 3: (0, 1, 2, 1)}.get(len(parts), (0, 1, 2, 3))
    return parts[order[index]]


def border(style: Style, side: str) -> Rule:
    """The rule a ``border-top``/``border-bottom`` draws: none, single or double."""
    kind: str | None = None
    width: float | None = None
    visible = True
    for prop in ("border", f"border-{side}"):
        words = style.get(prop, "")
        if not words:
            continue
        found_kind = next((w for w in words.split() if w in _STYLES), None)
        kind = found_kind or "none"  # a shorthand without a style draws nothing
        widths = [length(w) for w in words.split()]
        width = next((w for w in widths if w is not None), None)
        visible = not any(_INVISIBLE.match(w) for w in words.split())
    kind = _side_value(style, "border-style", side) or kind
    kind = style.get(f"border-{side}-style", kind)
    shorthand_width = _side_value(style, "border-width", side)
    if shorthand_width is not None:
        width = length(shorthand_width)
    if f"border-{side}-width" in style:
        width = length(style[f"border-{side}-width"])
    color = style.get(f"border-{side}-color") or _side_value(style, "border-color", side)
    if color and _INVISIBLE.match(color):
        visible = False
    if not visible or kind in (None, "none", "hidden") or width == 0:
        return Rule.NONE
    return Rule.DOUBLE if kind == "double" else Rule.SINGLE


def is_bold(style: Style) -> bool | None:
    """True or False when the style sets the weight, None when it leaves it inherited."""
    weight = style.get("font-weight")
    if weight is None:
        font = style.get("font", "")
        if not font:
            return None
        return "bold" in font.split()
    return bool(_BOLD.match(weight))


def is_hidden(style: Style) -> bool:
    return style.get("display") == "none" or style.get("visibility") == "hidden"


def underline(style: Style) -> Rule:
    """An underline drawn under text by ``text-decoration`` (double when it says so)."""
    deco = style.get("text-decoration", "") + " " + style.get("text-decoration-line", "")
    if "underline" not in deco:
        return Rule.NONE
    kind = style.get("text-decoration-style", "") + " " + deco
    return Rule.DOUBLE if "double" in kind else Rule.SINGLE


# enum members as module names: read through their class, each costs a descriptor
# call (about 150 ns on CPython 3.11), and the loops below read them per cell
_NONE = Rule.NONE
_SINGLE = Rule.SINGLE
_DOUBLE = Rule.DOUBLE

_WEIGHT = {_NONE: 0, _SINGLE: 1, _DOUBLE: 2}


def stronger(a: Rule, b: Rule) -> Rule:
    """The heavier of two rules (double over single over none)."""
    if a is b or b is _NONE:
        return a
    return a if _WEIGHT[a] >= _WEIGHT[b] else b


@dataclass(frozen=True, slots=True)
class Look:
    """What one ``style`` attribute says, read once (filing agents repeat the same ones)."""

    top: Rule = Rule.NONE
    bottom: Rule = Rule.NONE
    indent: float = 0.0
    bold: bool | None = None  # None: inherited
    hidden: bool = False
    display: str = ""
    underline: Rule = Rule.NONE
    raised: bool = False  # vertical-align: super or top (a footnote mark)


PLAIN = Look()


@lru_cache(maxsize=4096)
def look(value: str | None) -> Look:
    """The ``Look`` of a ``style`` attribute."""
    if not value:
        return PLAIN
    style = parse_style(value)
    # a rule and an indent are read only where a name of theirs is written (the names
    # are lower-cased substrings of the value): most styles set neither
    lowered = value.lower()
    edged = "border" in lowered
    moved = "padding" in lowered or "margin" in lowered or "text-indent" in lowered
    return Look(
        top=border(style, "top") if edged else _NONE,
        bottom=border(style, "bottom") if edged else _NONE,
        indent=indent(style) if moved else 0.0,
        bold=is_bold(style),
        hidden=is_hidden(style),
        display=style.get("display", ""),
        underline=underline(style),
        raised=style.get("vertical-align") in ("super", "top"),
    )
