"""A bug of ours loses one document's figures or the prose, never the release: ``tieout.read``
raises only ``UnreadableInput``, and a crash is an error finding naming where it happened."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import tieout
from test_store_support import quarterly_filing
from tieout import pipeline
from tieout.errors import UnreadableInput
from tieout.model import Document, Format
from tieout.readers import Drafts, reader_for

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"


def _two_exhibits() -> bytes:
    """A submission with an EX-99.1 and an EX-99.2, each a statement of operations."""
    text = quarterly_filing(2024)
    start = text.index("<DOCUMENT>")
    end = text.index("</DOCUMENT>") + len("</DOCUMENT>\n")
    second = text[start:end].replace("EX-99.1", "EX-99.2").replace("ex991.txt", "ex992.txt")
    return (text[:end] + second + text[end:]).encode()


def test_a_reader_that_raises_loses_only_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    clean = tieout.read(_two_exhibits())
    assert len(clean.tables) == 2
    text = reader_for(Format.TEXT)
    assert text is not None

    def fails_on_the_second(doc: Document) -> Drafts:
        if doc.exhibit == "EX-99.2":
            raise ValueError("a bug in the reader")
        return text.read(doc)

    broken = replace(text, read=fails_on_the_second)
    monkeypatch.setattr(pipeline, "reader_for", lambda fmt: broken)
    release = tieout.read(_two_exhibits())
    assert [t.exhibit for t in release.tables] == ["EX-99.1"]
    crashed = [f for f in release.findings if f.code == "reader-crashed"]
    assert len(crashed) == 1 and crashed[0].severity.value == "error"
    second = next(d for d in release.documents if d.exhibit == "EX-99.2")
    assert crashed[0].line == second.first_line
    assert "the text reader on EX-99.2 ex992.txt failed at " in crashed[0].message
    assert "failed at tieout/pipeline.py:" in crashed[0].message  # the last frame of ours
    assert "ValueError: a bug in the reader" in crashed[0].message
    # the document that was read is checked as before (what it alone gives)
    assert release.relations
    assert all(r.holds and r.total.table == 0 for r in release.relations)
    assert len(clean.relations) > len(release.relations)


def test_a_reader_refusing_its_input_still_refuses_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuses(doc: Document) -> Drafts:
        raise UnreadableInput(doc.source.path, "a table over 100,000 cells")

    text = reader_for(Format.TEXT)
    assert text is not None
    refusing = replace(text, read=refuses)
    monkeypatch.setattr(pipeline, "reader_for", lambda fmt: refusing)
    with pytest.raises(UnreadableInput, match="a table over 100,000 cells"):
        tieout.read(_two_exhibits())


def test_a_prose_stage_that_raises_leaves_the_tables_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clean = tieout.read(EXAMPLE)

    def broken(*args: object) -> None:
        raise KeyError("claims")

    monkeypatch.setattr(pipeline, "claims_of", broken)
    release = tieout.read(EXAMPLE)
    assert release.claims == ()
    assert [f.code for f in release.findings if f.code.endswith("-crashed")] == ["prose-crashed"]
    assert release.relations == clean.relations
    assert {f.code for f in release.findings} >= {"wrong-figure"}


def test_read_raises_only_unreadable_input_on_figures_it_cannot_represent() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    row = "Net sales                               $ 48,215"
    for figure in ("1" * 31, "6" * 60 + "%", "(" + "9" * 40 + ")"):
        data = text.replace(row, f"Net sales                               $ {figure}", 1)
        try:
            release = tieout.read(data.encode())
        except UnreadableInput:
            continue
        # before: decimal.InvalidOperation escaped tieout.read; now a finding at worst
        assert release.tables or release.findings
    with pytest.raises(UnreadableInput):
        tieout.read(b"\x00\x01binary")


def test_a_bug_before_any_document_is_found_is_unreadable_input_with_its_cause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("in the source reader")

    monkeypatch.setattr(pipeline, "load_bytes", broken)
    with pytest.raises(UnreadableInput) as caught:
        tieout.read(EXAMPLE.read_bytes())
    assert caught.value.reason == (
        "internal error ZeroDivisionError: in the source reader (please report)"
    )
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
