"""The tag scan of tieout.readers.html.scan, compiled from _scan.c (same outputs)."""

from array import array

def scan(text: str, /) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    """(cuts, run_starts, run_ends, tag_starts, tag_ends): each list of offsets as bytes of
    native 64-bit integers, which scan.py's Scan holds as ``array("q")``."""

def mark(text: str, cuts: array[int], /) -> str:
    """scan.py's marked copy of ``text``: the marker of start tag K put at ``cuts[K]``."""

def counts(text: str, /) -> tuple[int, int]:
    """(the number of "<", the number of "&") in ``text``, counted in one pass."""
