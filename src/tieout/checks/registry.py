"""Every check tieout runs, one line each, in the order they run.

A new relation check is one module (its finder, the source of its relations, its
finding code and how its failure reads, as a ``RelationCheck``) and one line in
``RELATION_CHECKS``; a check of anything else is a function of the judged release and
one line in ``RELEASE_CHECKS``. Order matters only for relation checks: each finder sees
the relations found before it (an identity is not proposed where a layout sum already
relates the same rows).
"""

from __future__ import annotations

from tieout.checks import (
    changes,
    claims,
    crossfoot,
    footing,
    grouping,
    identities,
    parentheses,
    quarters,
    ratios,
    repeats,
    rescaled,
    wrong_figures,
)
from tieout.checks.entry import RelationCheck, ReleaseCheck

RELATION_CHECKS: tuple[RelationCheck, ...] = (
    footing.CHECK,  # sums a rule line or a Total label closes
    crossfoot.CHECK,  # segment columns add to the total column
    quarters.CHECK,  # four quarters add to the year
    quarters.ACROSS,  # the quarters of one table add to the year of another
    changes.CHECK,  # Change and % Change columns
    identities.CHECK,  # gross profit, net income, EBITDA, total assets
    ratios.CHECK,  # EPS = net income / shares
    repeats.CHECK,  # one figure printed twice
    rescaled.CHECK,  # one figure printed twice at scales 1,000 apart
)

RELEASE_CHECKS: tuple[ReleaseCheck, ...] = (
    wrong_figures.CHECK,  # one figure that explains the failing sums it is in
    parentheses.STRAY,  # `304)` read the way the relations and the prose support
    parentheses.UNRESOLVED,  # `304)` that ties under no reading
    grouping.CHECK,  # `36,94`: a figure printed with broken digit grouping
    claims.CLAIM_MISMATCHES,  # prose that contradicts the cell it names
    claims.AMBIGUOUS,  # prose that ties only under another reading than its words
    claims.UNTIED,  # prose that no cell speaks of
)
