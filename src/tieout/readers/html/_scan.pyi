"""The tag scan of tieout.readers.html.scan, compiled from _scan.c (same outputs)."""

def scan(
    text: str, /
) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """(marked, run_starts, run_ends, tag_starts, tag_ends), as scan.py's Scan holds them."""
