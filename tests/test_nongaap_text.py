"""The whole text the non-GAAP stage reads, made faster and the same: ``unescaped`` is
``html.unescape`` and ``squashed`` is ``re.sub(r"\\s+", " ", ...)`` on every corpus document
and on text no release printed; a ``led`` pattern finds what its pattern finds (the pointer
elsewhere on every corpus document and generated text); a release's documents are stripped
once for both of its whole-text questions (reconciling sentences, a pointer elsewhere)."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest

import tieout.nongaap as nongaap_stage
from golden import CORPUS, manifest
from tieout.nongaap.patterns import led
from tieout.nongaap.reconcile import Seen, document_text, reconciling_sentences, squashed, unescaped
from tieout.pipeline import read
from tieout.sources import load

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


def test_the_documents_are_stripped_once_for_both_whole_text_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = read(EXAMPLE)
    calls: list[object] = []
    real = document_text

    def counted(doc: object) -> tuple[bool, str]:
        calls.append(doc)
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(sys.modules["tieout.nongaap.reconcile"], "document_text", counted)
    seen = Seen(release)
    sentences = seen.sentences()
    pointer = nongaap_stage._points_elsewhere(seen)
    assert len(calls) == len(release.documents)
    assert sentences and pointer is False
    assert reconciling_sentences(release) == reconciling_sentences(release, seen.texts())


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
