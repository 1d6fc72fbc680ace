"""Digests of what a speed change must not move: every corpus release's claims and JSON.

    PYTHONHASHSEED=0 python -m bench.digests      (and again with TIEOUT_PURE_PYTHON=1)

Prints the sha256 (first 16 hex digits) of the repr of ``claims_of`` of every release, their
count, and the sha256 of every release's ``release_json`` from ``pipeline.read``, in the
manifest's order. The claims' repr holds sets, so it needs ``PYTHONHASHSEED=0`` to compare
(the JSON does not). The corpus path is resolved first: a release's JSON names its file, and
a tree beside a link to the corpus would name it otherwise. Two trees whose digests agree
made the same claims and wrote the same JSON for every release; the goldens
(``tests/golden.py``) cover the bundled examples.
"""

from __future__ import annotations

import hashlib

import bench.stage as stage
from bench.corpus import corpus_dir, releases
from tieout import pipeline
from tieout.prose.claims import claims_of
from tieout.report.serialise import release_json


def main() -> None:
    claims, json, count = hashlib.sha256(), hashlib.sha256(), 0
    for path in releases(corpus_dir().resolve()):
        d = stage.prepared(path)
        made = claims_of(d["paragraphs"], d["blanked"])
        count += len(made)
        claims.update(repr(made).encode())
        json.update(release_json(pipeline.read(path)).encode())
    print(f"claims {claims.hexdigest()[:16]} {count} json {json.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
