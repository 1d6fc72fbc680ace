"""Column headers: the texts over each column of figures.

A header cell heads every column of figures its slots overlap, so a "Three Months
Ended" spanning two years heads both, and a three-row header keeps all three rows
(the year included). A period named by a label row above the body ("First Quarter
2022") heads every column. What the texts say (period, segment, unit) is read by the
assembler, as for every format.
"""

from __future__ import annotations

from tieout.extensions import grid_function
from tieout.readers.html.parts import _SCANNED, Part, Slots
from tieout.readers.html.text import Text


def header_texts(part: Part) -> tuple[list[list[Text]], list[Text]]:
    """Header words per column (top to bottom), and header words left of the columns.

    A table cut from the one above it in the same grid (a second header printed lower
    down) keeps the upper header rows of the one above when it does not repeat them.
    ``_header_texts_python``, compiled when built.
    """
    if _HEADER_TEXTS is None:
        return _header_texts_python(part)
    made: tuple[list[list[Text]], list[Text]] = _HEADER_TEXTS(part, _SCANNED)
    return made


def _header_texts_python(part: Part) -> tuple[list[list[Text]], list[Text]]:
    """``header_texts``: the specification of the compiled ``_grid.header_texts`` (the
    same passes in C over the header's items, each column's texts found as ``Slots``
    finds them)."""
    per_col: list[list[Text]] = [[] for _ in part.columns]
    left: list[Text] = []
    first = part.columns[0][0] if part.columns else 0
    slots = Slots(part.columns)
    for line in part.header:
        for item in line.items:
            hits = slots.hits(item.col, item.end)
            if hits:
                for j in hits:
                    per_col[j].append(item.cell.text)
            elif item.end <= first:
                left.append(item.cell.text)
    above = part.above
    if above is not None and above.columns == part.columns and len(above.header) > 1:
        # a repeated header may print only its lower rows ("Units | Revenue" again, not
        # the quarters over them): the rows above come from the table above
        owns = [{t.value for t in texts} for texts in per_col]
        inherited: list[list[Text]] = [[] for _ in part.columns]
        for line in above.header[:-1]:
            for item in line.items:
                for j in slots.hits(item.col, item.end):
                    if item.text not in owns[j]:
                        inherited[j].append(item.cell.text)
        for texts, more in zip(per_col, inherited, strict=True):
            texts[:0] = more
    if part.period is not None:
        for texts in per_col:
            texts.insert(0, part.period)
    return per_col, left


_HEADER_TEXTS = grid_function("header_texts")  # _header_texts_python
