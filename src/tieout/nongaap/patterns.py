"""Patterns searched over a whole document, made faster to search and finding the same:
``led`` lives in the vocabulary (``tieout.vocabulary.leads``), which the prose's patterns
use too."""

from __future__ import annotations

from tieout.vocabulary.leads import led

__all__ = ["led"]
