"""What tests read off a release (the status of one prose figure, the errors reported), and
a fictional release read with one passage changed."""

from __future__ import annotations

from tieout.model import ClaimStatus, Release, Severity
from tieout.pipeline import read


def claim_status(release: Release, text: str) -> ClaimStatus:
    """The status of the one prose figure printed as ``text`` (there must be one)."""
    found = [c for c in release.claims if c.text == text]
    assert len(found) == 1, [c.text for c in release.claims]
    return found[0].status


def errors(release: Release) -> list[str]:
    """The messages of the release's errors."""
    return [f.message for f in release.findings if f.severity is Severity.ERROR]


def alarms(release: Release) -> list[tuple[int, str, Severity]]:
    """The line, code and severity of every error and warning of the release."""
    return [
        (f.line, f.code, f.severity) for f in release.findings if f.severity is not Severity.INFO
    ]


def edited(text: str, name: str, old: str = "", new: str = "") -> Release:
    """The release ``text`` read as ``name``, with ``old`` (found once) replaced by ``new``."""
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return read(text.encode(), name=name)
