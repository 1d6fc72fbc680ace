"""Levels and sections: the nesting of rows, read from their indents and their heads.

Rows indented alike are one level; indents closer than the reader's step are alike. A
row without figures is a head: it rules the rows below it at its level and deeper until
a head at its level or above. A head directly under another head at its level is a
sub-head ("Basic" under "EARNINGS PER COMMON SHARE"), not its successor; a double rule
closes everything above it; items printed flush with their head mark themselves with a
dash ("- As Reported"), and an undashed row after dashed ones is out of the section.
A line longer than ``MAX_HEAD`` characters is text that found its way into a table, not
a head: it rules nothing (every row below would otherwise be read against it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tieout.model import Rule

MAX_HEAD = 300  # characters; the longest head of the corpus is under 150


def levels(indents: Sequence[float], step: float) -> dict[float, int]:
    """The level of each indent: a new level wherever indents grow by ``step`` or more."""
    out: dict[float, int] = {}
    level, last = -1, None
    for value in sorted(set(indents)):
        if last is None or value - last >= step:
            level += 1
        out[value] = level
        last = value
    return out


@dataclass
class Heads:
    """The heads open above the row being read: (level, label, dashed items follow)."""

    open: list[tuple[int, str, bool]] = field(default_factory=list)
    # the section and context of ``open`` as last read, None once a head opens or closes:
    # most rows enter under the heads of the row before them
    _read: tuple[str | None, str] | None = field(default=None, repr=False, compare=False)

    def enter(
        self, level: int, label: str, figures: bool, rule_above: Rule, after_head: bool
    ) -> tuple[str | None, str]:
        """The section and the heads' context of a row entering at ``level``."""
        heads = self.open
        read = self._read
        if rule_above is Rule.DOUBLE and heads:
            heads.clear()  # a double rule closes everything above it
            read = None
        if figures and heads and heads[-1][0] == level:
            if label.startswith("-"):
                heads[-1] = (level, heads[-1][1], True)
            elif heads[-1][2]:
                heads.pop()
                read = None
        sub_head = not figures and after_head
        while heads and (
            heads[-1][0] > level or (not figures and heads[-1][0] == level and not sub_head)
        ):
            heads.pop()
            read = None
        if read is None:
            section = heads[-1][1].rstrip(":").strip() if heads else None
            read = self._read = (section, " ".join(h[1] for h in heads))
        return read

    def push(self, level: int, label: str) -> None:
        if len(label) <= MAX_HEAD:
            self.open.append((level, label, False))
            self._read = None
