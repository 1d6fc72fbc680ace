"""The bounded caches of a process, emptied: a release met at first sight.

tieout keeps bounded caches (``functools.lru_cache``) of what it derives from labels,
headers and phrases, each large enough to hold what the whole corpus asks. A benchmark
that meets the same releases round after round finds each release's own entries still
there from the round before and times mostly hits; a corpus run meets every release once,
with the caches holding other releases' entries (item 47 of ``bench/README.md``: the three
text releases took x1.76 their repeat-sight time at first sight). ``forget_caches``
empties them all, whatever tree of tieout (or other library) the process runs, so a
benchmark can warm them with other releases and then time a release unseen.
"""

from __future__ import annotations

import functools
import gc

_BOUNDED = type(functools.lru_cache(maxsize=1)(len))  # the type of an lru_cache's function


def forget_caches() -> int:
    """Empty every bounded cache in the process; how many there are."""
    caches = [o for o in gc.get_objects() if isinstance(o, _BOUNDED)]
    for cache in caches:
        cache.cache_clear()
    return len(caches)
