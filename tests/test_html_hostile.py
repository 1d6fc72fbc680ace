"""Hostile HTML gets a clear one-line error or a result, in bounded time.

Each read runs under ``tieout.limits.deadline``: a regression that makes one of these
slow fails with "took longer than" instead of hanging the suite. The bound is generous
(the reads take well under a second); speed itself is measured in bench/, not here.
"""

from __future__ import annotations

import pytest

from test_store_support import quarterly_filing
from tieout.errors import UnreadableInput
from tieout.limits import deadline
from tieout.model import Release
from tieout.pipeline import read

_BOUND = 30.0
_TABLE = b"<table><tr><td>Net sales</td><td>1,234</td><td>1,100</td></tr></table>"


def _read(data: bytes, name: str) -> Release:
    with deadline(_BOUND, name):
        return read(data, name=name)


def _refused(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableInput) as caught:
        _read(data, name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert "took longer than" not in message
    return message


def test_deep_nesting_is_refused() -> None:
    data = b"<html><body>" + b"<div>" * 100_000 + _TABLE + b"</div>" * 100_000
    assert "nested more than 256" in _refused(data, "deep.htm")


def test_unclosed_nested_tables_are_refused() -> None:
    data = b"<html><body>" + b"<table><tr><td>" * 50_000 + b"1"
    assert "nested more than 256" in _refused(data, "tables.htm")


def test_a_20_mb_table_is_refused_before_parsing() -> None:
    row = b"<tr><td>Net sales</td><td>1,234</td><td>5,678</td></tr>"
    data = b"<html><body><table>" + row * (20_000_000 // len(row)) + b"</table>"
    assert "over the limit" in _refused(data, "big.htm")


def test_a_20_mb_cell_or_attribute_is_refused_by_the_parser() -> None:
    cell = b"<html><body><p>x</p><table><tr><td>Sales</td><td>" + b"1" * 20_000_000 + b"</td></tr>"
    assert "parser gave up" in _refused(cell, "cell.htm")
    attr = b'<html><body><p>x</p><table><tr><td title="' + b"a" * 20_000_000
    assert "parser gave up" in _refused(attr, "attr.htm")


def test_a_table_wider_than_1000_columns_is_clamped_and_read() -> None:
    # one huge colspan beside another cell made the whole release "not an earnings release"
    data = (
        b'<html><body><p>x</p><table><tr><td colspan="99999999">Title</td><td>x</td></tr>'
        b"<tr><td>Net sales</td><td>1,234</td><td>1,100</td></tr></table></body></html>"
    )
    release = _read(data, "wide.htm")
    (row,) = [r for t in release.tables for r in t.rows if r.label == "Net sales"]
    assert [c.value for c in row.cells if c] == [1234, 1100]
    row = b'<tr><td colspan="1000">a</td><td>1</td></tr>'
    many = b"<html><body><p>x</p><table>" + row * 10 + b"</table>" + _TABLE + b"</body></html>"
    (table,) = _read(many, "wide.htm").tables  # the wide one clamped: no figure left in it
    assert [c.value for c in table.rows[0].cells if c] == [1234, 1100]


def test_huge_spans_are_clamped() -> None:
    data = (
        b'<html><body><table><tr><td colspan="99999999">a</td></tr>'
        b"<tr><td>Net sales</td><td>1,234</td><td>1,100</td></tr></table></body></html>"
    )
    release = _read(data, "spans.htm")
    (row,) = [r for r in release.tables[0].rows if r.label == "Net sales"]
    assert [c.value for c in row.cells if c] == [1234, 1100]
    # the rows below a cell spanning every column and row are pushed past the last
    # column: not placed, and the table after it is read
    spans = data.replace(b'colspan="99999999"', b'colspan="99999999" rowspan="99999999"')
    after = b"<p>Next</p>" + _TABLE.replace(b"Net sales", b"Cost") + b"</body>"
    (table,) = _read(spans.replace(b"</body>", after), "rowspan.htm").tables
    assert [(r.label, [c.value for c in r.cells if c]) for r in table.rows] == [
        ("Cost", [1234, 1100])
    ]


def test_a_control_character_in_an_attribute_name_keeps_the_release() -> None:
    data = (
        b'<html><body><p>x</p><table><tr><td a\x01b="1">Net sales</td><td>1,234</td>'
        b"<td>1,100</td></tr></table></body></html>"
    )
    (table,) = _read(data, "attr.htm").tables
    assert [c.value for c in table.rows[0].cells if c] == [1234, 1100]


def test_a_doctype_with_a_long_internal_subset_keeps_the_tables() -> None:
    subset = b"".join(b'<!ENTITY e%d "value %d">' % (i, i) for i in range(5000))  # 137 KB
    data = b"<!DOCTYPE html [" + subset + b"]><html><body><p>x</p>" + _TABLE + b"</body></html>"
    (table,) = _read(data, "doctype.htm").tables
    assert [c.value for c in table.rows[0].cells if c] == [1234, 1100]


def test_an_entity_flood_is_refused() -> None:
    data = b"<html><body><p>" + b"&amp;&#151;" * 200_000 + b"</p>" + _TABLE
    assert "entities" in _refused(data, "entities.htm")


def test_a_markup_flood_is_refused() -> None:
    data = b"<html><body><p>" + b"< " * 2_000_000 + b"</p>"
    assert "tags" in _refused(data, "lt.htm")


def test_a_huge_paragraph_is_refused() -> None:
    data = b"<html><body><p>" + b"word " * 400_000 + b"</p>" + _TABLE
    assert "block of text" in _refused(data, "prose.htm")


def test_entity_definitions_are_never_expanded() -> None:
    data = (
        b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;&c;&c;&c;</p>'
        + _TABLE
        + b"</body></html>"
    )
    release = _read(data, "bomb.htm")
    assert len(release.tables) == 1


def test_scripts_styles_and_hidden_text_are_not_read() -> None:
    data = (
        b"<html><head><title>1,234 5,678</title><style>td{}</style></head><body>"
        b"<script>document.write('<table><tr><td>Sales</td><td>9</td><td>8</td></tr></table>')"
        b"</script><div style='display:none'><table><tr><td>Sales</td><td>7</td><td>6</td></tr>"
        b"</table></div><p>Text</p>" + _TABLE + b"</body></html>"
    )
    release = _read(data, "script.htm")
    (table,) = release.tables
    assert [c.value for c in table.rows[0].cells if c] == [1234, 1100]


def test_unclosed_tags_still_give_the_table() -> None:
    data = (
        b"<html><body><p>x<p>(In thousands)<table><tr><td>Net sales<td>1,234<td><td>1,100<td>"
        b"<tr><td>Cost<td>(200<td>)<td>(100<td>)</table>"
    )  # every tag but the table's left open (a file ending inside a table is truncated)
    release = _read(data, "unclosed.htm")
    (table,) = release.tables
    assert [[c.value if c else None for c in r.cells] for r in table.rows] == [
        [1234000, 1100000],
        [-200000, -100000],
    ]


def test_empty_and_text_only_html() -> None:
    assert "no table" in _refused(b"<html><body><p>Hello</p><div></div></body></html>", "e.htm")


def test_a_long_doctype_before_a_submission_keeps_it_a_submission() -> None:
    # the submission's marks were looked for in the first 20,000 characters only: a
    # DOCTYPE of 150 KB before them made the file one HTML document, refused or lost
    filing = quarterly_filing(2024).encode()
    subset = b'<!ENTITY big "' + b"x" * 150_000 + b'">'
    clean = _read(filing, "q.txt")
    release = _read(b"<!DOCTYPE html [" + subset + b"]>\n" + filing, "q.txt")
    assert release.source.company == clean.source.company == "QUILLFEATHER INSTRUMENTS INC"
    assert [d.exhibit for d in release.documents] == [d.exhibit for d in clean.documents]
    assert release.relations == clean.relations and release.relations
