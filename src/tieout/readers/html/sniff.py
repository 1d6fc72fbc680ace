"""Whether a text is HTML markup rather than fixed-width text."""

from __future__ import annotations

import re

_HTML = re.compile(r"<(?:html|body|div|p|font|tr|td|th|br|span)\b", re.I)


def looks_html(text: str) -> bool:
    """True when a text is HTML markup rather than fixed-width text (three tags early on)."""
    return len(_HTML.findall(text[:20000])) >= 3
