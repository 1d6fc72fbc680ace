"""The tag scan: where each start tag and each run of text lies, on markup that misleads.

The HTML reader positions every figure from this scan (lxml reports no offsets), so its
boundaries are asserted exactly here, on the constructs where a naive scan goes wrong.
"""

from __future__ import annotations

import sys

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from tieout.limits import deadline

scan_module = sys.modules["tieout.readers.html.scan"]
scan, decode, Runs = scan_module.scan, scan_module.decode, scan_module.Runs


def _tags(text: str) -> list[str]:
    result = scan(text)
    return [text[s:e] for s, e in zip(result.tag_starts, result.tag_ends, strict=True)]


def _runs(text: str) -> list[str]:
    result = scan(text)
    return [text[s:e] for s, e in zip(result.run_starts, result.run_ends, strict=True)]


def test_a_quoted_gt_does_not_end_a_tag() -> None:
    text = '<td title="a>b" class=x>1,234</td>'
    assert _tags(text) == ['<td title="a>b" class=x>']
    assert _runs(text) == ["1,234"]


def test_a_stray_quote_is_an_ordinary_character() -> None:
    text = "<td a'b>7</td><td x='>'>8</td>"
    assert _tags(text) == ["<td a'b>", "<td x='>'>"]
    assert _runs(text) == ["7", "8"]


def test_comments_doctypes_and_raw_text_hold_no_tags() -> None:
    text = (
        "<!DOCTYPE html><!-- <td>9</td> --><script>if (a<b) x='<td>';</script>"
        "<STYLE>td{}</style ><p>ok</p><!--> <b>kept</b>"
    )
    assert _tags(text) == ["<script>", "<STYLE>", "<p>", "<b>"]
    assert _runs(text) == ["ok", " ", "kept"]


def test_plaintext_and_unterminated_markup_run_to_the_end() -> None:
    assert _tags("<p>a<plaintext><td>1") == ["<p>", "<plaintext>"]
    assert _runs("<p>a<plaintext><td>1") == ["a"]
    assert _tags('<p>x<td title="open>1') == ["<p>", '<td title="open>1']
    assert _runs("<p>x<!-- never closed <td>1") == ["x"]


def test_tags_are_marked_by_ordinal_right_after_their_name() -> None:
    result = scan('<p class="a">x<td data-tieout-at="9">y')
    assert result.marked == (
        '<p data-tieout-at="0" class="a">x<td data-tieout-at="1" data-tieout-at="9">y'
    )


def test_entities_are_decoded_with_each_character_placed() -> None:
    text = "<td>A&amp;B&nbsp;&#151;x</td>"
    result = scan(text)
    decoded = decode(text, result.run_starts[0], result.run_ends[0])
    assert decoded.value == "A&B\u00a0\u2014x"
    assert [decoded.offset(i) for i in range(len(decoded.value))] == [4, 5, 10, 11, 17, 23]
    runs = Runs(text, result)
    assert runs.match("A&B\u00a0\u2014x", 4) == decoded


def test_the_scan_is_linear_on_hostile_markup() -> None:
    hostile = "<a b='" + "<c d=" * 200_000 + "<!--" * 100_000 + "<script>" * 50_000
    with deadline(20.0, "hostile.htm"):
        result = scan(hostile)
    assert result.tags >= 1
