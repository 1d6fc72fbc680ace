"""The enum members the prose tie and claims read in their loops, each read once, at import.

Python 3.11 reads a member through its class (``ClaimKind.LEVEL``) by
``EnumType.__getattr__``'s slot, a method wrapper made and called per read: about ten
times a module global's cost, and 12% of the tie's instructions when the tie's modules
read them so (bench/README item 37t). The tie's modules and the claims' sentence pass
(``claims``, ``numbers``, ``headings``: a dozen reads a figure) import these names
instead, so each read is a global's.
"""

from __future__ import annotations

from tieout.model import CellFlag, ClaimKind, ClaimStatus, ClaimTrait, Unit
from tieout.vocabulary.basis import Basis
from tieout.vocabulary.concepts import Concept
from tieout.vocabulary.measures import MeasureBasis

CHANGE = ClaimKind.CHANGE
DIRECTION = ClaimKind.DIRECTION
LEVEL = ClaimKind.LEVEL
PERCENT = ClaimKind.PERCENT
PERCENT_CHANGE = ClaimKind.PERCENT_CHANGE
AMBIGUOUS = ClaimStatus.AMBIGUOUS
CONTRADICTS = ClaimStatus.CONTRADICTS
ROUNDING = ClaimStatus.ROUNDING
TIES = ClaimStatus.TIES
UNTIED = ClaimStatus.UNTIED
ADJUSTED = ClaimTrait.ADJUSTED
ATTACHED = ClaimTrait.ATTACHED
DECREASE = ClaimTrait.DECREASE
FORWARD_LOOKING = ClaimTrait.FORWARD_LOOKING
INCREASE = ClaimTrait.INCREASE
LISTED = ClaimTrait.LISTED
OTHER_PERIOD = ClaimTrait.OTHER_PERIOD
PERIOD_INFERRED = ClaimTrait.PERIOD_INFERRED
PERIOD_STATED = ClaimTrait.PERIOD_STATED
SEGMENT_INFERRED = ClaimTrait.SEGMENT_INFERRED
SIGN_INHERITED = ClaimTrait.SIGN_INHERITED
UNRESOLVED = ClaimTrait.UNRESOLVED
DASH_ZERO = CellFlag.DASH_ZERO
IN_PERCENT = Unit.PERCENT
IN_SHARES = Unit.SHARES
IN_USD = Unit.USD
IN_USD_PER_SHARE = Unit.USD_PER_SHARE
EXCLUDING = MeasureBasis.EXCLUDING
ADJUSTMENTS = Basis.ADJUSTMENTS
GAAP = Basis.GAAP
NON_GAAP = Basis.NON_GAAP
EARNINGS_PER_SHARE = Concept.EarningsPerShare
NET_INCOME = Concept.NetIncome
