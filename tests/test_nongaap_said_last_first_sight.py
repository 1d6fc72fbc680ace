"""Round 29b's first-sight steps of the non-GAAP measures the prose names answer as before
(item 50g).

``measures._said_last`` answers a clause without a GAAP word by its bases alone (no
alternation of the bases searched) and asks the bases' sieve once; ``prominence._gaap_result``
reads the result a figure would give before asking its words' bases. Over every claim of
every corpus release, and over generated clauses of basis words, GAAP words and what is no
measure, each answers as its former self (written out here).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout.model import Claim
from tieout.nongaap.presented import claim_measure
from tieout.pipeline import read
from tieout.vocabulary import measures
from tieout.vocabulary.measures import (
    _BASIS_WORDS,
    _GAAP_WORD,
    _GAAP_WORDS,
    _NOT_A_MEASURE,
    _NOT_A_MEASURE_WORDS,
    MeasureBasis,
    MeasureName,
    _any_basis,
    bases_of,
    clean_label,
    metric_of,
    own_clause,
)

# the module (``tieout.nongaap`` names its function ``prominence`` too)
prominence = importlib.import_module("tieout.nongaap.prominence")


def _said_last_before(clause: str) -> tuple[MeasureBasis, ...] | bool | None:
    """``_said_last`` as round 29 left it."""
    gaap = bool(_GAAP_WORDS(clause))
    if not _BASIS_WORDS(clause):
        last_basis = -1
    else:
        blanked = _NOT_A_MEASURE.sub(" ", clause) if _NOT_A_MEASURE_WORDS(clause) else clause
        if not gaap:
            return (bases_of(clause) or None) if _any_basis(blanked).search(blanked) else None
        last_basis = max((m.end() for m in _any_basis(blanked).finditer(blanked)), default=-1)
    last_gaap = max((m.end() for m in _GAAP_WORD.finditer(clause)), default=-1) if gaap else -1
    if last_gaap > last_basis:
        return False
    if last_basis < 0:
        return None
    return bases_of(clause) or None


def _gaap_result_before(claim: Claim, said: MeasureName | None) -> str | None:
    """``prominence._gaap_result`` as round 29 left it."""
    if said is not None or (claim.concept is not None and claim.concept not in prominence._ANSWERS):
        return None
    words = clean_label(claim.subject)
    if words:
        if bases_of(words):
            return None
    else:
        clause = own_clause(claim.before)
        words = clause[-60:]
        if bases_of(words) or (not claim.subject and bases_of(clause)):
            return None
    if claim.concept in prominence.RESULTS:
        return claim.concept
    if claim.concept == "NetIncomeToCommon":
        return "NetIncome"
    known = metric_of(words)
    if known is not None and known[1] in prominence.RESULTS and claim.concept is None:
        return known[1]
    return None


@pytest.mark.corpus
def test_said_last_and_gaap_result_of_every_corpus_claim_are_the_former(
    corpus_dir: Path,
) -> None:
    clauses = 0
    results = 0
    for name in manifest(corpus_dir):
        release = read((corpus_dir / name).read_bytes(), name=name)
        for claim in release.claims:
            for text in (claim.before, own_clause(claim.before), claim.sentence):
                assert measures._said_last(text) == _said_last_before(text), (name, text)
                clauses += 1
            said = claim_measure(claim)
            want = _gaap_result_before(claim, said)
            assert prominence._gaap_result(claim, said) == want, (name, claim.text)
            results += want is not None
    assert clauses > 6000 and results > 20


_PIECES = [
    "Adjusted", "adjusted", "non-GAAP", "Non-GAAP", "GAAP", "reported", "as reported",
    "EBITDA", "core earnings", "Underlying", "underlying growth", "excluding",
    "excluding noncontrolling interests", "Free cash flow", "tangible", "intangible",
    "constant currency", "organic", "pro forma", "risk-adjusted", "seasonally adjusted",
    "adjusted for the stock split", "reconciliation", "Card-managed", " - managed",
    "net income", "EPS", "of", "was", ", ", " ", "$1.26", "22 cents", "and", "or", "(1)",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_said_last_of_generated_clauses_is_the_former(pieces: list[str]) -> None:
    for joint in (" ", ""):
        clause = joint.join(pieces)
        assert measures._said_last(clause) == _said_last_before(clause), clause
