"""The whole text the non-GAAP stage reads, made faster and the same: ``unescaped`` is
``html.unescape`` and ``squashed`` is ``re.sub(r"\\s+", " ", ...)`` on every corpus document
and on text no release printed; a ``led`` pattern finds what its pattern finds (the pointer
elsewhere on every corpus document and generated text); the passages that hold the word
"reconcil" answer both whole-text questions (reconciling sentences, a pointer elsewhere)
as the whole text does, on every corpus document and on generated HTML."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

import tieout.nongaap as nongaap_stage
from golden import CORPUS, manifest
from tieout.model import Release
from tieout.nongaap.reconcile import (
    _RECONCILING_TEXT,
    _may_spell,
    _reconciling,
    document_text,
    passages,
    reconciling_sentences,
    spaced_passages,
    squashed,
    unescaped,
)
from tieout.sources import load
from tieout.vocabulary.leads import led

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"

ODD = [
    "",
    " ",
    "\n\t \xa0",
    "plain",
    "  lead and trail \n",
    "a\u2028b\x1cc\x85d\u3000e",  # separators str.split and \s both take
    "&",
    "&&amp;&",
    "&amp &amp; &ampx &AMP; &Amp;",
    "&#38; &#x26; &#X26 &#0; &#1114112; &#xD800; &#128; &#9;",
    "&nbsp;&nbsp &notit; &notin; &imath;&Idot; &#82;econcil",
    "&" + "a" * 40 + ";",
    "x&#;y &#x; &;",
]


@pytest.mark.parametrize("text", ODD)
def test_unescaped_and_squashed_are_the_standard_library_on_odd_text(text: str) -> None:
    assert unescaped(text) == unescape(text)
    assert squashed(text) == re.sub(r"\s+", " ", text)


def test_unescaped_and_squashed_on_every_corpus_document(corpus_dir: Path) -> None:
    for name in manifest():
        path = CORPUS / name
        for doc in load(path)[1]:
            _, text = document_text(doc)
            assert unescaped(text) == unescape(text), path.name
            assert squashed(text) == re.sub(r"\s+", " ", text), path.name


def _whole_sentences(html: bool, text: str) -> list[str]:
    """The reconciling sentences by their definition: the whole text, its tags made spaces,
    its references decoded and its whitespace squashed by the standard library."""
    if html:
        text = unescape(re.sub(r"<[^>]*>?", " ", text))
    return [m.group(0) for m in _RECONCILING_TEXT.finditer(re.sub(r"\s+", " ", text))]


def _whole_pointer(html: bool, text: str) -> bool:
    """A pointer elsewhere by its definition: ``points_elsewhere`` on the whole text, its
    tags made spaces."""
    from tieout.vocabulary.measures import points_elsewhere

    return points_elsewhere(re.sub(r"<[^>]*>?", " ", text) if html else text)


def _passage_pointer(html: bool, text: str) -> bool:
    return any(nongaap_stage._POINTER.search(p) is not None for p in spaced_passages(html, text))


def test_the_passages_answer_both_questions_as_the_whole_text_on_every_corpus_document(
    corpus_dir: Path,
) -> None:
    asked = pointed = 0
    for name in manifest():
        source, documents = load(CORPUS / name)
        assert reconciling_sentences(Release(source, documents, ())) == [
            found
            for doc in documents
            for found in _whole_sentences(doc.format == "html", "\n".join(doc.lines))
        ], name
        for doc in documents:
            html = doc.format == "html"
            text = "\n".join(doc.lines)
            found = spaced_passages(html, text)
            whole = _whole_sentences(html, text)
            assert _reconciling(html, text, found) == whole, name
            assert _passage_pointer(html, text) == _whole_pointer(html, text), name
            asked += bool(whole)
            pointed += _whole_pointer(html, text)
    assert asked > 10 and pointed > 0  # the corpus asks both questions


# Pieces of HTML around the word and the full stops: tags holding them, references next to
# them (one that spells a letter, one that decodes to nothing), "99." and whitespace.
PIECES = ["reconcil", "RECONCIL", "Reconcıl", "İ", "iation", "ing", " of net income", ".",
          "99", "99.", "1", ":", ";", " ", "  ", "\n", "\t", "\xa0", "<b>", "</b>", "<p\n>",
          "<a href='x.99.htm'>", "<span style='x:1.5pt'>", "<", ">", "&amp;", "&nbsp.",
          "&amp", "&#160;", "&#46;", "&#8217;",
          "website", "web", "site", "exhibit", "Exhibit 99.1", "investor", "relations",
          "supplement", "Form 10-Q", "presentation", "slides", "x", "é", "ſ"]  # fmt: skip


# References that decode to a letter of "reconcil" or to nothing: in a fifth of the texts.
SPELLING = ["&#82;", "&#x52;", "&#1;", "&imath;", "&#105;"]


def _html_fuzz(seed: int, n: int) -> list[str]:
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        pieces = [rng.choice(PIECES) for _ in range(rng.randint(0, 80))]
        if rng.random() < 0.2:
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(SPELLING))
        if rng.random() < 0.3:  # long runs without a full stop
            pieces.insert(rng.randint(0, len(pieces)), "word " * rng.randint(30, 120))
        out.append("".join(pieces))
    return out


def test_the_passages_answer_both_questions_as_the_whole_text_on_generated_text() -> None:
    spelled = read = pointed = 0
    for text in _html_fuzz(10, 4000):
        for html in (True, False):
            found = spaced_passages(html, text)
            assert _reconciling(html, text, found) == _whole_sentences(html, text), text
            assert _passage_pointer(html, text) == _whole_pointer(html, text), text
        spelled += _may_spell(text)
        read += not _may_spell(text) and bool(_whole_sentences(True, text))
        pointed += _whole_pointer(True, text)
    assert spelled > 400 and read > 1000 and pointed > 1000  # each path taken
    # a word spelled by a reference, or joined by one that decodes to nothing: read whole
    for text in ("<p>&#82;econciliation of net income.</p>", "Recon&#1;ciliation to GAAP",
                 "re&#x63;onciling items", "Reconc&imath;liation of EBITDA"):  # fmt: skip
        assert passages(True, text) == []
        assert _may_spell(text) and _whole_sentences(True, text)
        assert _reconciling(True, text, []) == _whole_sentences(True, text)


POINTER_TEXTS = [
    "A reconciliation is available on our website at example.com.",
    "See the financial supplement for reconciliations to GAAP.",
    "Exhibit 99.2 holds the RECONCILIATION of these measures",
    "reconcıliation in Exhıbit 99.1; İnvestor Relations reconcil",  # dotless and dotted I
    "the ſupplement (long s) ... reconciling items, web  site",
    "A reconciliation to net income is attached.",
    "website" + " x" * 150 + " reconcile",
    "reconcil" + "e" * 300 + " investor relations",
    "",
]


def _fuzz(seed: int, n: int) -> list[str]:
    import random

    rng = random.Random(seed)
    words = ["reconcil", "iation", "Website", "web", "site", "supplement", "exhibit", "99",
             ".", "1", " ", "\n", "Investor", "relations", "form", "10-K", "presentation",
             "slides", "earnings", "İ", "ı", "ſ", "K", "x", "REC", "ON"]  # fmt: skip
    return ["".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def test_a_led_pattern_finds_what_the_pattern_finds() -> None:
    from tieout.vocabulary.measures import points_elsewhere

    original = points_elsewhere.pattern
    faster = led(original)
    assert faster is not original and faster.pattern.startswith("(?=[")
    for text in POINTER_TEXTS + _fuzz(13, 3000):
        assert [m.span() for m in faster.finditer(text)] == [
            m.span() for m in original.finditer(text)
        ], text
    others = [
        re.compile(r"\bfoo|ba?r|(?:q|z)+x", re.I),
        re.compile(r"[a-c]\d|(?:ab)?c", re.I),
        re.compile(r"k(?:elvin)?s", re.I),
    ]
    for pattern in others:
        quick = led(pattern)
        assert quick is not pattern
        for text in [*_fuzz(7, 500), "fOo bar c abc kS \u212aS ſ K", "zzqx bR"]:
            assert [m.span() for m in quick.finditer(text)] == [
                m.span() for m in pattern.finditer(text)
            ]
    # no character every match begins with: left as it is
    for pattern in (
        re.compile(r"a*"),
        re.compile(r".x"),
        re.compile(r"(?=x)y"),
        re.compile(r"\d+"),
    ):
        assert led(pattern) is pattern


def test_the_pointer_is_found_alike_in_every_corpus_document(corpus_dir: Path) -> None:
    import tieout.nongaap as stage
    from tieout.vocabulary.measures import points_elsewhere

    for name in manifest():
        for doc in load(CORPUS / name)[1]:
            _, text = document_text(doc)
            assert (stage._POINTER.search(text) is None) == (not points_elsewhere(text)), name
            found = stage._POINTER.search(text)
            expected = points_elsewhere.pattern.search(text)
            assert (found and found.span()) == (expected and expected.span()), name


def test_a_text_naming_no_place_a_pointer_names_points_nowhere(corpus_dir: Path) -> None:
    """``may_point_elsewhere`` (the sieve the stage asks before its search) says no only
    where ``points_elsewhere`` finds nothing: on every corpus passage its tags made spaces,
    and on generated text (the places in every case, a long s, a dotted and dotless I,
    a Kelvin sign: they match ASCII letters case aside)."""
    from tieout.vocabulary.measures import may_point_elsewhere, points_elsewhere

    passed = skipped = 0
    texts = [*POINTER_TEXTS, *_fuzz(17, 4000), *_html_fuzz(18, 1000)]
    texts += ["reconcil  ſupplement", "Reconciliation: WEB\tSITE", "FORM 10-\u212a reconcil"]
    for name in manifest():
        for doc in load(CORPUS / name)[1]:
            html = doc.format == "html"
            texts.extend(spaced_passages(html, "\n".join(doc.lines)))
    for text in texts:
        if may_point_elsewhere(text):
            passed += 1
        else:
            assert not points_elsewhere(text), text
            skipped += 1
    assert passed > 1000 and skipped > 300  # both answers given
    assert may_point_elsewhere("reconcil  ſupplement") and points_elsewhere("reconcil  ſupplement")
