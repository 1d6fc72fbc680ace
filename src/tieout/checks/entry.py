"""What the checks registry holds: relation checks and release checks.

A relation check finds relations among the tables (its ``find``), and its failures
become findings with its ``code``; how one failing evaluation reads is its ``describe``
(the arithmetic, in the figures as printed). A check whose failures are not one finding
per failing evaluation (a scale error shows in many relations at once) gives its own
``report`` instead. A release check is any other: a function of the judged release.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tieout.checks.spec import Spec
from tieout.model import (
    Evaluation,
    Finding,
    FindingCode,
    Relation,
    RelationSource,
    Release,
    Table,
)

# (tables, the specs found by the checks before this one) -> specs, and an info finding
# where a documented bound stopped the search
Finder = Callable[[Sequence[Table], Sequence[Spec]], Sequence[Spec | Finding]]
# (release, relation, failing evaluation) -> "27,803 + 5,203 = 33,006, printed 33,106; off by 100"
Describe = Callable[[Release, Relation, Evaluation], str]
# (release, indexes of this check's relations in release.relations) -> findings
Report = Callable[[Release, Sequence[int]], list[Finding]]


@dataclass(frozen=True, slots=True)
class RelationCheck:
    name: str
    source: RelationSource  # what the relations it finds are (a field of each Relation)
    code: FindingCode  # the code of a failure
    find: Finder
    describe: Describe | None = None  # with the generic report: one finding per failure
    report: Report | None = None  # or a report of its own


@dataclass(frozen=True, slots=True)
class ReleaseCheck:
    name: str
    code: FindingCode
    run: Callable[[Release], list[Finding]]
