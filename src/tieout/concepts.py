"""Temporary: the concepts moved to ``tieout.vocabulary.concepts``.

This module only re-exports them for the readers and checks that still import it; it is
removed when they import ``tieout.vocabulary`` instead.
"""

from __future__ import annotations

from tieout.vocabulary.concepts import concept_of, normalise

__all__ = ["concept_of", "normalise"]
