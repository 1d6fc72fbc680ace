"""The compiled tag scan (readers/html/_scan.c) gives the Scan of the Python pass, exactly.

scan.py's ``_scan_python`` is the specification; the C pass replaces it whenever the
extension was built. Both are run here on every corpus release (each document as the HTML
reader scans it, and each whole file), on every code point in the places where the
tokenizer's character classes decide (names, end tags, spaces before a quoted value, the
case-insensitive names of raw-text elements) and on generated tag soup.
"""

from __future__ import annotations

import importlib.util
import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieout.readers.html  # noqa: F401  (the package shadows its modules' names)
from golden import manifest
from tieout.limits import deadline
from tieout.model import Format
from tieout.sources import load
from tieout.sources.decode import decode, read_bytes

scan_module = sys.modules["tieout.readers.html.scan"]
Scan, python_scan, scanned = scan_module.Scan, scan_module._scan_python, scan_module.scanned
mark_python, counts_python = scan_module._mark_python, scan_module._counts_python

NAME = "tieout.readers.html._scan"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def compiled_scan(text: str) -> object:
    from tieout.readers.html import _scan

    return scanned(text, _scan.scan(text))


def _agree(text: str) -> None:
    from tieout.readers.html import _scan

    expected = python_scan(text)
    got = compiled_scan(text)
    if got != expected:  # name the first field and offset that differ, not the whole scan
        for field in ("cuts", "run_starts", "run_ends", "tag_starts", "tag_ends"):
            a, b = getattr(got, field), getattr(expected, field)
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
            assert a == b, f"{field} differs at {at}: {a[at : at + 5]!r} != {b[at : at + 5]!r}"
        assert got == expected
    assert _scan.counts(text) == counts_python(text)  # the "<" and "&" limits.py bounds
    # and the marked copy, made by the compiled marking and by the Python one
    marked, expected_marked = _scan.mark(text, got.cuts), mark_python(text, expected.cuts)
    if marked != expected_marked:
        at = next(
            i for i, (x, y) in enumerate(zip(marked, expected_marked, strict=False)) if x != y
        )
        assert marked == expected_marked, f"marked differs at {at}: {marked[at : at + 20]!r}"


@needs_build
@pytest.mark.corpus
def test_both_scans_agree_on_every_corpus_release(corpus_dir: Path) -> None:
    names = manifest(corpus_dir)
    assert names
    html_documents = 0
    for name in names:
        path = corpus_dir / name
        _agree(decode(read_bytes(path), str(path)))  # the whole file, headers and all
        for doc in load(path)[1]:
            text = "\n".join(doc.lines)  # as the HTML reader scans a document
            _agree(text)
            html_documents += doc.format is Format.HTML
    assert html_documents >= 10


# where a character class decides: each template is closed, so one character's token
# does not swallow the next; {c} is every code point in turn (lone surrogates included)
_TEMPLATES = (
    "<{c}>.",  # a start tag's first character (ASCII letters, or a raw name's İ ı ſ)
    "</{c}a>.",  # [^\W\d_] after "</": an end tag, or dropped to its ">"
    "<a{c}b=1>.",  # [^\s/>]: the name runs on, or ends at a Unicode space
    '<a b={c}"x>"y>.',  # \s (Unicode) in the quick pass, [ \t\n\r\f] in the slow one
    "<{c}cript>x</script >.",  # (?i:script) and its end tag
    "<ti{c}le>x</ti{c}le>y</title>.",  # (?i:title) and the back-reference compared lowered
    "<script>x</{c}cript>y</script>.",
    "<!-{c}>.<!--{c}>.<?{c}>.",
)


@needs_build
@pytest.mark.parametrize("template", _TEMPLATES)
def test_both_scans_agree_on_every_code_point(template: str) -> None:
    for first in range(0, sys.maxunicode + 1, 4096):
        _agree("".join(template.format(c=chr(c)) for c in range(first, first + 4096)))


_PIECES = [
    "<", ">", "/", "</", "<!", "<!--", "-->", "--", "-", "->", "<?", "?", "=", "= ", '"',
    "'", " ", "\t", "\n", "\r", "\f", "\x00", "\xa0", "\u3000", "\u2028", "&amp;", "&#151;",
    "script", "ScRiPt", "\u017fcript", "style", "textarea", "title", "t\u0131tle",
    "\u0130frame", "iframe", "xmp", "noembed", "plaintext", "PLAINTEXT", "td", "a", "b1",
    "x", "1", "_", "\u0663", "\u00b2", "\u216b", "\u00e9", "\ud800", "\udfff",
    "\U0001f600", "\u212a",
]  # fmt: skip
_SOUP = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


@needs_build
@settings(max_examples=400, deadline=None)
@given(_SOUP)
def test_both_scans_agree_on_tag_soup(text: str) -> None:
    _agree(text)


@needs_build
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=200))
def test_both_scans_agree_on_any_text(text: str) -> None:
    _agree(text)


@needs_build
def test_both_scans_agree_on_huge_tags() -> None:
    _agree("<td " + "a=1 " * 100_000 + ">x</td>")
    _agree("<td " + "b='>' c=\"<\" " * 50_000 + ">x</td>" + '<p title="open>' * 10_000)
    _agree(("<script>" + "</scrip " * 1000) * 20)


@needs_build
@pytest.mark.parametrize("which", ["compiled", "python"])
def test_both_scans_are_linear_on_hostile_markup(which: str) -> None:
    run = compiled_scan if which == "compiled" else python_scan
    hostile = "<a b='" + "<c d=" * 200_000 + "<!--" * 100_000 + "<script>" * 50_000 + "</" * 100_000
    with deadline(20.0, "hostile.htm"):
        run(hostile)
    _agree(hostile)


@needs_build
def test_the_compiled_scan_wants_a_str() -> None:
    from tieout.readers.html import _scan

    with pytest.raises(TypeError, match="wants a str"):
        _scan.scan(b"<p>")  # type: ignore[arg-type]


@needs_build
@pytest.mark.parametrize("size", [0, 1, 254, 255, 256, 510, 511, 100_000])
def test_the_compiled_counts_on_every_width(size: int) -> None:
    from tieout.readers.html import _scan

    for fill in ("<", "&", "<&", "a<b&", "\u00e9<", "\u0100&<", "\U0001f600<&"):
        text = (fill * size)[:size]
        assert _scan.counts(text) == counts_python(text), (fill, size)
    with pytest.raises(TypeError, match="wants a str"):
        _scan.counts(b"<")  # type: ignore[arg-type]


@needs_build
def test_the_compiled_marking_checks_what_it_is_given() -> None:
    from tieout.readers.html import _scan

    text = "<p>a<b>c"
    cuts = python_scan(text).cuts
    assert _scan.mark(text, cuts) == '<p data-tieout-at="0">a<b data-tieout-at="1">c'
    assert _scan.mark(text, array("q")) == text
    with pytest.raises(TypeError, match="wants a str"):
        _scan.mark(b"<p>", cuts)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="array"):
        _scan.mark(text, array("i", cuts))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="in order"):
        _scan.mark(text, array("q", [5, 2]))
    with pytest.raises(ValueError, match="in order"):
        _scan.mark(text, array("q", [99]))
    with pytest.raises(TypeError, match="2 arguments"):
        _scan.mark(text)  # type: ignore[call-arg]
