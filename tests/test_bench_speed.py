"""bench.speed's rounds go across the corpus: every release once per round, its stages in
one sweep and its end to end in the next, so no release is timed right after its own pass
(timing a release's rounds back to back flattered code that caches per release), and each
release, the first too, right after the same measurer's previous one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import speed

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = next((REPO / "examples").glob("*.txt"))


def test_rounds_sweep_the_corpus_and_every_worker_answers_each_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes(EXAMPLE.read_bytes())
    third = tmp_path / "third.txt"
    third.write_bytes(EXAMPLE.read_bytes())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    calls: list[tuple[str, str]] = []
    staged, end_to_end = speed.staged, speed.end_to_end

    def spy_staged(path: Path) -> tuple[speed.Sample, dict[str, float]]:
        calls.append(("stages", path.name))
        sample, by_format = staged(path)
        sample["read"] = (float(len(calls)), 1.0)  # which call made the sample kept
        return sample, by_format

    def spy_end_to_end(path: Path) -> speed.Sample:
        calls.append(("end_to_end", path.name))
        return end_to_end(path)

    def spy_forget() -> int:
        calls.append(("forget", ""))
        return 0

    monkeypatch.setattr(speed, "staged", spy_staged)
    monkeypatch.setattr(speed, "end_to_end", spy_end_to_end)
    monkeypatch.setattr(speed, "forget_caches", spy_forget)
    peers = speed.Worker("--peers")
    baseline = speed.Worker("--worker", REPO / "src")
    origin = speed.Worker("", REPO / "src", module="bench.origin")
    paths = [EXAMPLE, empty, other, third]
    try:
        timings = speed.time_corpus(paths, 2, peers, baseline, None, origin)
    finally:
        for worker in (peers, baseline, origin):
            worker.close()
    # each release at first sight: the caches emptied, every other release measured
    # untimed, then the rest timed; then the other way round
    ex = EXAMPLE.name
    forget = ("forget", "")

    def halves(what: str) -> list[tuple[str, str]]:
        return [
            *(forget, (what, ex), (what, "other.txt"), (what, "third.txt")),
            *(forget, (what, "third.txt"), (what, ex), (what, "other.txt")),
        ]

    # the empty file fails once, in the warm-up round's first sweep, and is not asked again
    warm_up = [
        *(forget, ("stages", ex), ("stages", "other.txt"), ("stages", "empty.txt")),
        *halves("stages")[3:],
        *halves("end_to_end"),
    ]
    one_round = [*halves("stages"), *halves("end_to_end")]
    assert calls == [*warm_up, *one_round, *one_round]
    for name, path, timed in (("third.txt", third, 0), (ex, EXAMPLE, 1), ("other.txt", other, 1)):
        made = [i + 1 for i, call in enumerate(calls) if call == ("stages", name)][-4:]
        kept = [int(sample["read"][0]) for sample in timings[path].ours]
        assert kept == made[timed::2]  # the timed call's sample, never the untimed one's
    assert timings[empty].error is not None and "empty" in timings[empty].error
    assert timings[empty].ours == []
    for path in (EXAMPLE, other, third):
        t = timings[path]
        assert t.error is None and not t.html
        assert len(t.ours) == len(t.theirs) == len(t.first) == 2  # the warm-up kept nowhere
        for sample in (*t.ours, *t.theirs):
            assert set(sample) == {
                *speed.STAGES,
                "end_to_end",
                "regex_peer",
                "lxml_floor",
            }
            assert all(cpu >= 0 and wall > 0 for cpu, wall in sample.values())
        entry = t.entry()
        assert entry["group"] == "text"
        assert entry["ms"]["end_to_end"]["cpu_min_ms"] <= entry["ms"]["end_to_end"]["cpu_median_ms"]
        assert set(entry["origin_ms"]) == {"end_to_end"}
        assert set(entry["drafts_by_format_cpu_min_ms"]) == {"text"}
