"""The vocabulary: every word tieout reads a meaning from, each defined once.

- ``concepts``: the ``Concept`` enum and one table of how tables label each concept and
  how the prose names it, its sign convention and whether it is a subtotal.
- ``basis``: GAAP, non-GAAP ("adjusted", "excluding", "pro forma") and adjustments.
- ``per_share``: amounts per share and earnings per share.
- ``dilution``: basic and diluted.
- ``totals``: total, consolidated and full-year columns.
- ``units``: shares, percents, rates and plain numbers, each a ``words.Words`` question.

Readers, checks and the prose stage ask these modules; a new word or concept goes here.
"""

from __future__ import annotations

from tieout.vocabulary.basis import Basis
from tieout.vocabulary.concepts import Concept, concept_of, normalise
from tieout.vocabulary.dilution import Dilution

__all__ = ["Basis", "Concept", "Dilution", "concept_of", "normalise"]
