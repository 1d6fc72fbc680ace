"""Reading grows in proportion to the input: a long line of prose, a wide table.

These measure growth, not time: the ratio of the CPU time at 4N to the CPU time at N, each
the best of a few runs, must stay near 4 (linear), far from 16 (quadratic). CPU time, not
wall time: another process on a shared machine takes wall time, not this one's CPU. A hostile file
(one line of a megabyte, a thousand columns) must not take minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tieout.pipeline import read

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
).read_text()
_LINEAR = 7.0  # 4 when linear; 16 when quadratic: room for a noisy machine


def _best(run: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def _growth(small: bytes, large: bytes, name: str, attempts: int = 3) -> float:
    """The time to read ``large`` over the time to read ``small``: the lowest of up to
    ``attempts`` measurements, stopping at the first under ``_LINEAR``. Two processes on
    one core inflate each other's CPU time unevenly (a ratio of 7.8 was seen for a linear
    reader under a load of 8 on two cores); a quadratic reader stays near 16 in every
    attempt, so the lowest still tells the two apart."""
    lowest = float("inf")
    for _ in range(attempts):
        ratio = _best(lambda: read(large, name=name)) / _best(lambda: read(small, name=name), 5)
        lowest = min(lowest, ratio)
        if lowest < _LINEAR:
            break
    return lowest


def _prose(n: int) -> bytes:
    line = "".join(
        f"Net sales of the Industrial Seals segment increased by {i % 90}% to "
        f"${16_000 + i:,},000 in the second quarter of 2024, and operating income was "
        f"${1_000 + i:,},000 "
        for i in range(n)
    )
    return (EXAMPLE + "\n\n" + line + "\n").encode()


def _wide(n: int) -> bytes:
    head = "<tr><td></td>" + "".join(f"<td>Q{i % 4 + 1} {2000 + i // 4}</td>" for i in range(n))
    rows = "".join(
        f"<tr><td>Row {r}</td>" + "".join(f"<td>{(r * 7 + i) % 997:,}</td>" for i in range(n))
        for r in range(6)
    )
    return (
        f"<html><body><p>Results</p><p>(in thousands)</p><table>{head}</tr>{rows}</table>"
        "</body></html>"
    ).encode()


def test_a_long_line_of_prose_is_read_in_linear_time() -> None:
    small, large = _prose(50), _prose(200)
    ratio = _growth(small, large, "long.txt")
    assert ratio < _LINEAR, ratio
    assert len(read(large, name="long.txt").claims) > 4 * 140  # every figure is still read


def test_a_wide_table_is_read_in_linear_time() -> None:
    small, large = _wide(100), _wide(400)
    ratio = _growth(small, large, "wide.htm")
    assert ratio < _LINEAR, ratio
    table = read(large, name="wide.htm").tables[0]
    assert len(table.columns) == 400


def _long_head(length: int, rows: int) -> bytes:
    """A table whose rows sit under one line of ``length`` characters without figures."""
    head = "&amp;" * (length // 5)
    items = "\n".join(f"  Item {r:<30} {1000 + r:>10,} {2000 + r:>10,}" for r in range(rows))
    return (
        "Harbor Valve Inc\nSegment data\n(in thousands)\n\n"
        "                                       2024       2023\n"
        f"Segments\n{head}\n{items}\n  Total {'':<30} {1:>10,} {2:>10,}\n"
    ).encode()


def test_rows_under_a_line_of_any_length_are_read_in_linear_time() -> None:
    # each row was read against the line above it as its section: rows x length
    small, large = _long_head(10_000, 100), _long_head(40_000, 400)
    ratio = _growth(small, large, "head.txt")
    assert ratio < _LINEAR, ratio
    table = read(large, name="head.txt").tables[0]
    assert len([r for r in table.rows if r.label.startswith("Item")]) == 400
    assert {r.section for r in table.rows} <= {"Segments", None}  # the long line rules nothing


def _many_rows_named(n: int) -> bytes:
    """A table of ``n`` rows, each named with its figure by one sentence of the prose."""
    names = [
        f"{a} {b} {c}"
        for c in ("east", "west", "north", "south", "central", "coastal", "inland", "export")
        for a in ("Alpha", "Bravo", "Cobalt", "Delta", "Ember", "Falcon", "Garnet", "Harbor")
        for b in ("valves", "seals", "pumps", "gauges", "fittings", "meters", "filters",
                  "hoses", "clamps", "sensors", "motors", "drives", "gears", "bearings",
                  "shafts", "rotors", "vanes", "nozzles", "springs", "flanges", "levers",
                  "pistons", "hinges", "rivets", "tubes")
    ][:n]  # fmt: skip
    rows = "\n".join(
        f"  {name:<40} {1000 + r:>10,} {2000 + r:>10,}" for r, name in enumerate(names)
    )
    prose = " ".join(
        f"Sales of {name} were ${1000 + r:,} thousand in 2024." for r, name in enumerate(names)
    )
    return (
        f"Harbor Valve Inc\n\n{prose}\n\nSegment data\n(in thousands)\n\n"
        f"{'':<48}2024       2023\n{rows}\n"
    ).encode()


def test_prose_naming_many_rows_is_tied_in_linear_time() -> None:
    # every sentence was matched against every row label, every claim against every row
    small, large = _many_rows_named(400), _many_rows_named(1600)
    ratio = _growth(small, large, "rows.txt")
    assert ratio < _LINEAR, ratio
    release = read(large, name="rows.txt")
    assert len(release.tables[0].rows) == 1600
    assert sum(c.status.value == "ties" for c in release.claims) == 1600


def test_a_line_of_any_length_above_a_table_is_no_part_of_its_title() -> None:
    # every figure's fact row carries the title: 16,054 figures under a 90 KB title
    # made 3 GB of facts in a fuzz input
    text = (
        "Harbor Valve Inc\n" + "x" * 600 + "\n(in thousands)\n"
        f"{'':<34}2024      2023\n"
        f"{'Net sales':<32}1,234     1,100\n{'Cost':<34}100       90\n"
    )
    (table,) = read(text.encode(), name="title.txt").tables
    assert table.title == "Harbor Valve Inc"
