"""Benchmarks of tieout: accuracy (error injection) and speed (per-stage timings).

    mutate     one realistic printing error at the exact place of a figure in the source text
    targets    which figures of a checked release a mutant may change, and whether any
               relation or prose claim of the clean release ties them
    corpus     where the shared corpus is and which releases it holds
    accuracy   coverage, false alarms and recall per error kind -> results/accuracy-<date>.json
    speed      per-stage timings against a peer, peak memory, a profile -> results/speed-<date>.json

Run from the repository root: ``python -m bench.accuracy`` and ``python -m bench.speed``
(``make bench-accuracy``, ``make bench-speed``).
"""
