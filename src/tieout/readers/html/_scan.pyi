"""The tag scan of tieout.readers.html.scan, compiled from _scan.c (same outputs)."""

def scan(text: str, /) -> tuple[str, bytes, bytes, bytes, bytes]:
    """(marked, run_starts, run_ends, tag_starts, tag_ends): each list of offsets as bytes
    of native 64-bit integers, which scan.py's Scan holds as ``array("q")``."""
