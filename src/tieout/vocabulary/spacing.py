"""A label's or a mention's whitespace made single spaces, asked of every label and mention.

Most labels and mentions hold single spaces only: the test that a text needs no change is
cheaper than the substitution, and returns the text itself.
"""

from __future__ import annotations

import re

SPACES = re.compile(r"\s+")


def one_spaced(text: str) -> str:
    """``SPACES.sub(" ", text)``: each run of whitespace one space. A text without two
    spaces in a row whose characters are all printable is its own (every whitespace
    character but the space is unprintable to ``str.isprintable``)."""
    if "  " not in text and text.isprintable():
        return text
    return SPACES.sub(" ", text)
