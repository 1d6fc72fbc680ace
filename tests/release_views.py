"""What tests read off a release: the status of one prose figure, the errors reported."""

from __future__ import annotations

from tieout.model import ClaimStatus, Release, Severity


def claim_status(release: Release, text: str) -> ClaimStatus:
    """The status of the one prose figure printed as ``text`` (there must be one)."""
    found = [c for c in release.claims if c.text == text]
    assert len(found) == 1, [c.text for c in release.claims]
    return found[0].status


def errors(release: Release) -> list[str]:
    """The messages of the release's errors."""
    return [f.message for f in release.findings if f.severity is Severity.ERROR]
