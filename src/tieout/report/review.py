"""A reviewer's sign-off: findings accepted or dismissed, figures ticked by hand, with comments.

The state lives in a sidecar file beside the release (``FILE.tieout-review.json``), keyed
by the names of ``keys.py`` (table title, row label, period), so it carries to the next
draft of the same release however its lines move. ``tieout check`` lists dismissed
findings apart, ``tieout exceptions`` exports each finding with its status, and the
HTML report shows and edits it (saved by ``tieout serve``, or exported from the page and
imported with ``tieout review import``).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from tieout.model import Release
from tieout.report.keys import Keys, release_keys

SUFFIX = ".tieout-review.json"
FORMAT = 1
MAX_COMMENT = 4000
MAX_ENTRIES = 100_000


class Status(StrEnum):
    ACCEPTED = "accepted"  # the finding is right: an exception to correct
    DISMISSED = "dismissed"  # the finding does not stand, for the reason in the comment
    TICKED = "ticked"  # a figure the reviewer vouches for by hand


@dataclass(frozen=True, slots=True)
class Entry:
    """One decision: its status, the reviewer's comment, when, and what it was made on."""

    status: Status
    comment: str = ""
    at: str = ""
    seen: str = ""  # the figure as printed (or the finding's message) when it was made


@dataclass(frozen=True, slots=True)
class Review:
    """Every decision on one release, by name."""

    findings: dict[str, Entry] = field(default_factory=dict)
    figures: dict[str, Entry] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.findings or self.figures)


class BadReview(ValueError):
    """A review file that is not one: the reason names what is wrong."""


def sidecar(path: str | os.PathLike[str]) -> Path:
    """The review file beside a release."""
    p = Path(path)
    return p.with_name(p.name + SUFFIX)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _entries(data: Any, allowed: set[Status], what: str) -> dict[str, Entry]:
    if data is None:
        return {}
    if not isinstance(data, dict) or len(data) > MAX_ENTRIES:
        raise BadReview(f"{what}: expected an object of at most {MAX_ENTRIES} entries")
    out = {}
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, dict):
            raise BadReview(f"{what}: each entry is a name and an object")
        try:
            status = Status(str(value.get("status")))
        except ValueError:
            raise BadReview(f"{what}: unknown status {value.get('status')!r}") from None
        if status not in allowed:
            raise BadReview(f"{what}: status {status.value!r} does not apply here")
        comment, at, seen = (value.get(k, "") for k in ("comment", "at", "seen"))
        if not all(isinstance(x, str) for x in (comment, at, seen)):
            raise BadReview(f"{what}: comment, at and seen are strings")
        out[key] = Entry(status, comment[:MAX_COMMENT], at[:40], seen[:400])
    return out


def parse(data: Any) -> Review:
    """A review from its JSON data (a sidecar, or what the page exports)."""
    if not isinstance(data, dict) or data.get("tieout_review") != FORMAT:
        raise BadReview("not a tieout review (no tieout_review: 1)")
    return Review(
        findings=_entries(data.get("findings"), {Status.ACCEPTED, Status.DISMISSED}, "findings"),
        figures=_entries(data.get("figures"), {Status.TICKED}, "figures"),
    )


def load(path: str | os.PathLike[str]) -> Review:
    """The review in a file; an empty one when the file does not exist."""
    p = Path(path)
    if not p.exists():
        return Review()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadReview(f"{p}: cannot read it: {error}") from None
    try:
        return parse(data)
    except BadReview as error:
        raise BadReview(f"{p}: {error}") from None


def data(review: Review, release: Release | None = None) -> dict[str, Any]:
    """The JSON data of a review (what the sidecar holds)."""

    def entries(items: dict[str, Entry]) -> dict[str, Any]:
        return {
            k: {"status": e.status.value, "comment": e.comment, "at": e.at, "seen": e.seen}
            for k, e in sorted(items.items())
        }

    out: dict[str, Any] = {"tieout_review": FORMAT}
    if release is not None:
        out["release"] = Path(release.source.path).name
        out["sha256"] = release.source.sha256
    out["findings"] = entries(review.findings)
    out["figures"] = entries(review.figures)
    return out


def save(path: str | os.PathLike[str], review: Review, release: Release | None = None) -> None:
    """Write a review file whole (a temporary file renamed over it: never half written)."""
    p = Path(path)
    text = json.dumps(data(review, release), indent=1, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".tieout-review-", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class Applied:
    """A review laid over a release: each finding's and figure's decision, and what is left."""

    findings: list[Entry | None]  # in Release.findings order
    figures: dict[str, Entry]  # by figure name, the ticks that found their figure
    unmatched: tuple[str, ...]  # names of the review that this release does not have


def apply(release: Release, review: Review, keys: Keys | None = None) -> Applied:
    keys = keys or release_keys(release)
    findings = [review.findings.get(k) for k in keys.findings]
    known = set(keys.figures.values()) | set(keys.claims.values())
    figures = {k: e for k, e in review.figures.items() if k in known}
    unmatched = tuple(
        sorted(
            {k for k in review.findings if k not in set(keys.findings)}
            | {k for k in review.figures if k not in known}
        )
    )
    return Applied(findings, figures, unmatched)


def carry(release: Release, review: Review, keys: Keys | None = None) -> tuple[Review, int]:
    """The part of a review (from an earlier draft, or a page's export) this release has,
    and how many of its entries found nothing here."""
    applied = apply(release, review, keys)
    keys = keys or release_keys(release)
    findings = {k: e for k, e in zip(keys.findings, applied.findings, strict=True) if e is not None}
    return Review(findings, applied.figures), len(applied.unmatched)


def is_dismissed(entry: Entry | None) -> bool:
    return entry is not None and entry.status is Status.DISMISSED
