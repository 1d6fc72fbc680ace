"""The whole text the non-GAAP stage reads, made faster and the same: ``unescaped`` is
``html.unescape`` and ``squashed`` is ``re.sub(r"\\s+", " ", ...)`` on every corpus document
and on text no release printed; a release's documents are stripped once for both of its
whole-text questions (reconciling sentences, a pointer elsewhere)."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest

import tieout.nongaap as nongaap_stage
from golden import CORPUS, manifest
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
