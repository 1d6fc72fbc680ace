"""Speed of tieout on the shared corpus: per stage and end to end, text and HTML apart.

    python -m bench.speed [--repeat N] [--baseline SRC] [--origin SRC] [--no-memory] [--no-profile]
                          [--edgartools-python PYTHON | --no-edgartools]

For every release in the corpus, each stage of the pipeline is timed on its own, as
``tieout.pipeline`` composes them, and the whole is timed end to end:

    read      tieout.sources.load            bytes -> Source, Documents
    drafts    each document's reader         Documents -> table drafts, Paragraphs
    assemble  tieout.tables.assemble         drafts -> Tables
              (drafts + assemble = the readers stage, pipeline.layout)
    prose     tieout.prose.claims.claims_of  Paragraphs, Tables -> Claims
    checks    tieout.checks.run              -> Relations, Findings
    nongaap   tieout.nongaap.run             -> NonGaapMeasures, their Findings
    output    report.serialise.release_json: the text of json.dumps(release_data)
              (json.dumps(release_data(...)) in a tree that has no release_json)
    end_to_end  tieout.pipeline.read(path) + the output stage, timed as one call

Two peers are timed on the same file in the same run, interleaved with tieout's runs,
in a process of their own that runs nothing of tieout (what tieout leaves in a process,
its heap and lxml's state, once made lxml's parse there up to three times slower):

    regex  read the file, decode it, find every number with one regular expression and
           make each a Decimal: the least any extractor of figures must do
    lxml   read the file and parse its bytes with lxml's HTML parser (libxml2), as the
           HTML reader does: the floor of any reader built on that parser

A third peer, on the releases with HTML documents, when edgartools is installed:

    edgartools  edgartools' ``EarningsRelease(...).tables`` on each HTML exhibit of the
                release (parse and tables, each a DataFrame), the exhibit's HTML already
                in memory, offline; the peer the issue measures tieout against

It runs in a process of its own, by default with the Python of the ``bench`` extra's
environment (``make .venv/bench/.installed``: ``.venv/bench/bin/python``) when there is
one, else this Python (``--edgartools-python`` names another). Where edgartools is not
installed the peer is skipped with the reason printed; tieout itself never needs it.

Each measurement is repeated ``--repeat`` times, in rounds across the corpus after one
warm-up round, as a corpus run meets the releases (``time_corpus``): in a round each
measurer (tieout's stages, the baseline's, tieout end to end, the peers, edgartools, the
baseline end to end, the origin tree) sweeps the releases in the manifest's order, one
measurer after the other. Each release is timed right after the same measurer's previous
release: not with caches it has just filled itself, nor right after another process's
work, which leaves the processor's caches cold. And each is timed at first sight
(``first_sight``): the measurer's bounded caches emptied, the other half of the corpus
measured untimed, then this half timed, and the other way round; so a release finds the
caches holding other releases' entries and none of its own, as in a corpus run, where
every round after the first once found its own entries from the round before (timing
mostly hits: x1.76 less for the text releases; item 47). The regex and lxml peers keep
no caches: they sweep, led in by the manifest's last release. The minimum is kept (the
median beside it): the machine is shared, and the minimum is the run least disturbed by
others. Times are CPU time of this process (``process_time``: what the work costs, not
how long it waited for a core) and wall time beside them.

Releases are reported in two groups: ``html`` (any document of the release is HTML) and
``text``. For each group: releases/s end to end and per stage, and each stage's and the
end-to-end time over each peer's. The drafts stage is also given per document format
(``drafts_by_format``): its ``html`` figure is the HTML reader alone
(``readers.html.html_drafts``).

``--baseline SRC`` times another tree of tieout's sources (``SRC`` holds the ``tieout``
package, e.g. a ``git archive`` of main's ``src``) in a worker process, interleaved with
this one: the before and after of a change, in the same run and conditions.
``--baseline-pure-python`` runs the baseline (with no ``--baseline``, this tree) with
``TIEOUT_PURE_PYTHON=1``: the ratios are then what the compiled components give.
``--origin SRC`` times a tree too old for the stage-by-stage worker end to end only
(``bench.origin``: ``pipeline.read`` and the JSON, in a process of its own, interleaved
round by round): the ratio issue 13 asks for against main when it was filed (0f857ce).

Peak memory per release (``--no-memory`` skips it), measured once all timing is done:
the peak of Python allocations during one end-to-end read (tracemalloc), from the path
and from bytes in memory, and the growth of the peak resident set of a fresh process
that reads only that release (``VmHWM`` after the read minus before). The slowest stage over the corpus is profiled
with cProfile (``--no-profile`` skips it). Writes ``bench/results/speed-<date>.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import lxml.etree as etree

import tieout
from bench.caches import forget_caches
from bench.corpus import REPO, RESULTS, corpus_dir, name_of, releases, stamp
from bench.origin import writer
from tieout import checks, nongaap, pipeline
from tieout.cells import blank
from tieout.errors import UnreadableInput
from tieout.model import Release
from tieout.prose import memo
from tieout.prose.claims import claims_of
from tieout.readers import reader_for
from tieout.sources import load
from tieout.tables.assemble import assemble
from tieout.tables.out_of_range import out_of_range

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
STAGES = ("read", "drafts", "assemble", "prose", "checks", "nongaap", "output")

Times = dict[str, float]  # what -> seconds
Sample = dict[str, tuple[float, float]]  # what -> (cpu seconds, wall seconds)


def peer(path: Path) -> int:
    """The baseline every extractor pays: read, decode, find every number, make it a Decimal."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return sum(1 for m in NUMBER.finditer(text) if Decimal(m.group().replace(",", "")) >= 0)


def lxml_floor(path: Path) -> int:
    """The floor of an lxml-based reader: read the file and parse its bytes (libxml2)."""
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    root = etree.fromstring(path.read_bytes(), parser=parser)
    return 0 if root is None else 1


_output: Callable[[Release], str] = writer()  # release_json, or a tree's from before it
# memo.forget, or nothing in a tree from before it (its memos freed a release's tables late)
_forget: Callable[..., None] = getattr(memo, "forget", lambda *tables: None)


@contextmanager
def _clock(out: Sample, name: str) -> Iterator[None]:
    cpu, wall = time.process_time(), time.perf_counter()
    yield
    out[name] = (time.process_time() - cpu, time.perf_counter() - wall)


def stages(path: Path) -> tuple[Sample, dict[str, float]]:
    """One pass through the pipeline's stages, each timed on its own.

    Mirrors ``tieout.pipeline.analyse`` and ``layout`` stage by stage (keep them in
    step). Also returns the drafts time (CPU) per document format.
    """
    out: Sample = {}
    by_format: dict[str, float] = {}
    with _clock(out, "read"):
        source, documents = load(path)
    drafts_cpu = drafts_wall = assemble_cpu = assemble_wall = 0.0
    tables: list[Any] = []
    paragraphs: list[Any] = []
    for doc in documents:
        reader = reader_for(doc.format)
        if reader is None:
            continue
        cpu, wall = time.process_time(), time.perf_counter()
        drafts, prose = reader.read(doc)
        spent = time.process_time() - cpu
        drafts_cpu, drafts_wall = drafts_cpu + spent, drafts_wall + time.perf_counter() - wall
        by_format[str(doc.format)] = by_format.get(str(doc.format), 0.0) + spent
        cpu, wall = time.process_time(), time.perf_counter()
        tables.extend(assemble(drafts, len(tables)))
        assemble_cpu += time.process_time() - cpu
        assemble_wall += time.perf_counter() - wall
        paragraphs.extend(prose)
    out["drafts"] = (drafts_cpu, drafts_wall)
    out["assemble"] = (assemble_cpu, assemble_wall)
    # pipeline.layout notes each document of a format no reader reads
    notes = pipeline.layout([d for d in documents if reader_for(d.format) is None])[2]
    unchecked, warnings = out_of_range(tables)  # as analyse: figures too long to compute
    blanked = blank(tables, unchecked) if unchecked else tables
    with _clock(out, "prose"):
        claims = claims_of(paragraphs, blanked)
    with _clock(out, "checks"):
        release = checks.run(
            source,
            documents,
            tables,
            findings=[*notes, *warnings],
            claims=claims,
            unchecked=unchecked,
        )
    with _clock(out, "nongaap"):  # on the blanked tables, as analyse passes them
        release = replace(
            nongaap.run(replace(release, tables=tuple(blanked))), tables=release.tables
        )
        _forget(tables, blanked)  # as analyse ends: the release frees what it built
    with _clock(out, "output"):
        _output(release)
    return out, by_format


def end_to_end(path: Path) -> Sample:
    """tieout on one release end to end, once: ``pipeline.read`` and the JSON, one call."""
    sample: Sample = {}
    # a measurement starts with no collection owed: what one leaves to collect is not
    # charged to the next (the HTML reader pauses the collector while it runs)
    gc.collect()
    with _clock(sample, "end_to_end"):
        _output(pipeline.read(path))
    return sample


def staged(path: Path) -> tuple[Sample, dict[str, float]]:
    """tieout's stages on one release, once, with no collection owed and the collector
    paused, as ``pipeline.read`` runs them (end to end is timed so)."""
    gc.collect()
    gc.disable()
    try:
        return stages(path)
    finally:
        gc.enable()


def peers_once(path: Path) -> Sample:
    """The two peers on one release, once."""
    sample: Sample = {}
    gc.collect()
    with _clock(sample, "regex_peer"):
        peer(path)
    gc.collect()
    with _clock(sample, "lxml_floor"):
        lxml_floor(path)
    return sample


class Worker:
    """A process of its own that answers one timing request per line (JSON).

    The peers are timed in one that runs nothing of tieout, so what tieout leaves in a
    process (its heap, lxml's state) never weighs on them; a baseline in one that
    imports another tree of tieout's sources.
    """

    def __init__(
        self,
        role: str,
        src: Path | None = None,
        python: str | None = None,
        pure: bool = False,
        module: str = "bench.speed",
    ) -> None:
        self.role = role
        env = dict(os.environ)
        if src is not None:
            env["PYTHONPATH"] = str(src)
        if pure:  # the compiled components set aside: their pure-Python passes
            from tieout.extensions import PURE_PYTHON  # not where the peers' Python runs

            env[PURE_PYTHON] = "1"
        self.process = subprocess.Popen(
            [python or sys.executable, "-m", module, *([role] if role else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in: IO[str] = self.process.stdin
        self._out: IO[str] = self.process.stdout
        self.version = self._ask("version")

    def _ask(self, line: str) -> Any:
        self._in.write(line + "\n")
        self._in.flush()
        answer = self._out.readline()
        if not answer:
            raise OSError(f"the {self.role} worker ended (exit {self.process.wait()})")
        return json.loads(answer)

    def once(self, path: Path, what: str = "") -> tuple[Sample, dict[str, float]]:
        """One measurement of ``path``; ``what`` ("stages" or "end_to_end") for the
        stage-by-stage worker, which times the two apart."""
        answer = self._ask(f"{what}\t{path}" if what else str(path))
        if "error" in answer:
            raise UnreadableInput(str(path), answer["error"])
        sample = {k: (v[0], v[1]) for k, v in answer["sample"].items()}
        return sample, answer.get("by_format", {})

    def forget(self) -> None:
        """Empty the worker's bounded caches (``bench.caches.forget_caches``)."""
        self._ask("forget")

    def close(self) -> None:
        self._in.close()
        self.process.wait(timeout=60)


class EdgarTools:
    """edgartools' ``EarningsRelease`` on the HTML exhibits of a release, in memory, offline."""

    def __init__(self) -> None:
        from bench.html_vs_edgartools import _offline

        _offline()  # nothing in this process may fetch from EDGAR
        import edgar
        from edgar.earnings import EarningsRelease

        self.version = str(getattr(edgar, "__version__", "?"))
        self.earnings_release = EarningsRelease
        self.path = ""
        self.exhibits: list[tuple[str, str]] = []
        self.tables = 0  # tables found in the last release read

    def once(self, path: Path) -> Sample:
        """``EarningsRelease(exhibit).tables`` for every HTML exhibit of the release, once."""
        from bench.html_vs_edgartools import _Attachment

        if str(path) != self.path:  # the exhibits' HTML, read once and not timed
            _, documents = load(path)
            self.exhibits = [
                ("\n".join(d.lines), d.filename or d.exhibit or "exhibit")
                for d in documents
                if d.format == "html"
            ]
            self.path = str(path)
        sample: Sample = {}
        gc.collect()
        tables = 0
        with _clock(sample, "edgartools"):
            for html, name in self.exhibits:
                tables += len(self.earnings_release(_Attachment(html, name)).tables)
        self.tables = tables
        return sample


def edgartools_worker() -> int:
    """Answer ``EdgarTools.once`` for each path read from stdin, one JSON line each; asked
    for its version, an error instead when edgartools is not installed here."""
    peer: EdgarTools | None = None
    for line in sys.stdin:
        request = line.strip()
        if request == "version":
            try:
                peer = EdgarTools()
            except ImportError as error:
                reason = f"edgartools is not installed for {sys.executable} ({error})"
                print(json.dumps({"error": reason}), flush=True)
                return 0
            print(json.dumps({"version": peer.version, "python": sys.executable}))
        elif request == "forget":
            print(json.dumps({"forgot": forget_caches()}))
        else:
            assert peer is not None, "ask for the version first"
            try:
                print(json.dumps({"sample": peer.once(Path(request))}))
            except Exception as error:  # a peer failing on a release is a result too
                print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        sys.stdout.flush()
    return 0


def start_edgartools(python: str | None) -> Worker | None:
    """The edgartools peer's process, or None (the reason printed) when it cannot run.

    By default the Python of the ``bench`` extra's environment, where there is one.
    """
    if python is None:
        bench_python = REPO / ".venv" / "bench" / "bin" / "python"
        python = str(bench_python) if bench_python.exists() else sys.executable
    try:
        peer = Worker("--edgartools", python=python)
    except (OSError, ValueError) as error:
        print(f"edgartools peer skipped: {python} cannot run it: {error}")
        return None
    if "error" in peer.version:
        print(f"edgartools peer skipped: {peer.version['error']}")
        peer.close()
        return None
    return peer


def worker(peers: bool) -> int:
    """Answer one measurement per line read from stdin, one JSON line each: a path for the
    peers (``peers_once``); ``stages<TAB>path`` (``staged``) or ``end_to_end<TAB>path``
    for tieout; ``forget`` empties the bounded caches. No warm-up here: the parent's
    first round over the corpus is one."""
    for line in sys.stdin:
        request = line.strip()
        if request == "version":
            print(json.dumps({"version": tieout.__version__, "file": tieout.__file__}))
        elif request == "forget":
            print(json.dumps({"forgot": forget_caches()}))
        else:
            what, tab, named = request.partition("\t")
            path = named if tab and what in ("stages", "end_to_end") else request
            try:
                if peers:
                    print(json.dumps({"sample": peers_once(Path(path))}))
                elif what == "stages":
                    sample, by_format = staged(Path(path))
                    print(json.dumps({"sample": sample, "by_format": by_format}))
                else:
                    print(json.dumps({"sample": end_to_end(Path(path))}))
            except UnreadableInput as error:
                print(json.dumps({"error": str(error)}))
        sys.stdout.flush()
    return 0


def _summary(samples: list[Sample]) -> dict[str, dict[str, float]]:
    """Per measurement: the minimum and the median of CPU and wall time, in ms."""
    out: dict[str, dict[str, float]] = {}
    for key in samples[0]:
        cpu = [s[key][0] for s in samples]
        wall = [s[key][1] for s in samples]
        out[key] = {
            "cpu_min_ms": round(min(cpu) * 1000, 3),
            "cpu_median_ms": round(statistics.median(cpu) * 1000, 3),
            "wall_min_ms": round(min(wall) * 1000, 3),
            "wall_median_ms": round(statistics.median(wall) * 1000, 3),
        }
    return out


class Timings:
    """Every measurement of one release over the rounds, and what failed in which worker."""

    def __init__(self) -> None:
        self.ours: list[Sample] = []  # a round's stages, then its end to end and the peers
        self.theirs: list[Sample] = []  # the baseline's, with the same round's peers
        self.first: list[Sample] = []  # the origin tree's end to end (bench.origin)
        self.by_format: dict[str, list[float]] = {}
        self.base_by_format: dict[str, list[float]] = {}
        self.html = False
        self.error: str | None = None  # tieout cannot read it: no entry but the error
        self.edgartools_error: str | None = None
        self.origin_error: str | None = None

    def entry(self) -> dict[str, Any]:
        """The release's summary: minima and medians of every measurement."""
        if self.edgartools_error is not None:  # no figure from a peer that failed in a round
            for s in (*self.ours, *self.theirs):
                s.pop("edgartools", None)
        entry: dict[str, Any] = {
            "group": "html" if self.html else "text",
            "ms": _summary(self.ours),
            **({"edgartools_error": self.edgartools_error} if self.edgartools_error else {}),
            "drafts_by_format_cpu_min_ms": _minima_ms(self.by_format),
        }
        if self.theirs:
            entry["baseline_ms"] = _summary(self.theirs)
            entry["baseline_drafts_by_format_cpu_min_ms"] = _minima_ms(self.base_by_format)
        if self.origin_error:
            entry["origin_error"] = self.origin_error
        elif self.first:
            entry["origin_ms"] = _summary(self.first)
        return entry


def _minima_ms(seconds: dict[str, list[float]]) -> dict[str, float]:
    """Each list's minimum, in ms."""
    return {k: round(min(v) * 1000, 3) for k, v in seconds.items()}


def time_corpus(
    paths: Sequence[Path],
    repeat: int,
    peers: Worker,
    baseline: Worker | None,
    edgartools: Worker | None,
    origin: Worker | None = None,
) -> dict[Path, Timings]:
    """Every measurement of every release, in rounds across the corpus, as a corpus run
    meets the releases: a warm-up round, then ``repeat`` rounds.

    In a round each measurer sweeps the releases in the manifest's order, one after the
    other: tieout's stages, the baseline's stages, tieout end to end, the peers, edgartools,
    the baseline end to end, the origin tree. So every release is timed right after the
    same measurer's previous release, as in a corpus run, never with the caches it has just
    filled itself (timing a release's rounds back to back flattered code that caches per
    release), and never right after another process's work on a large release (which
    leaves the processor's caches cold: up to x1.5 a small release's CPU time). Rounds
    alternate the measurers, so a change in the machine's load weighs on all of them.
    """
    timings = {path: Timings() for path in paths}
    for round_ in range(repeat + 1):
        began = time.perf_counter()
        # round 0 warms up: first-use imports and caches
        now = _Round(timings, round_ > 0, peers, baseline, edgartools, origin)
        now.first_sight(now.tieout_stages, forget_caches)
        if baseline is not None:
            now.first_sight(now.baseline_stages, baseline.forget)
        now.first_sight(now.tieout_whole, forget_caches)
        now.sweep(now.the_peers)
        if edgartools is not None:
            now.first_sight(now.edgartools_peer, edgartools.forget, only_html=True)
        if baseline is not None:
            now.first_sight(now.baseline_whole, baseline.forget)
        if origin is not None:
            now.first_sight(now.origin_whole, origin.forget)
        now.keep_samples()
        what = f"round {round_} of {repeat}" if now.keep else "warm-up round"
        print(f"{what}: {len(paths)} releases in {time.perf_counter() - began:.1f} s", flush=True)
    return timings


class _Round:
    """One round of ``time_corpus``: each measurer's sweep adds to the round's samples."""

    def __init__(
        self,
        timings: dict[Path, Timings],
        keep: bool,
        peers: Worker,
        baseline: Worker | None,
        edgartools: Worker | None,
        origin: Worker | None,
    ) -> None:
        self.timings = timings
        self.keep = keep
        self.peers, self.baseline, self.edgartools, self.origin = (
            peers,
            baseline,
            edgartools,
            origin,
        )
        self.ours: dict[Path, Sample] = {}
        self.theirs: dict[Path, Sample] = {}
        self.first: dict[Path, Sample] = {}

    def sweep(self, measure: Callable[[Path, Timings], None], only_html: bool = False) -> None:
        """``measure`` on every release still readable, in the manifest's order, after a
        lead-in on the last of them, untimed: the peers', which keep no caches.

        The lead-in makes the first release, too, follow the same measurer's previous
        release (the sweep is a circle), not another measurer's work in another process."""
        measured = [(path, t) for path, t in self.timings.items() if t.html or not only_html]
        readable = [(path, t) for path, t in measured if t.error is None]
        with self._untimed():
            self._each(measure, readable[-1:])
        self._each(measure, measured)

    def first_sight(
        self,
        measure: Callable[[Path, Timings], None],
        forget: Callable[[], object],
        only_html: bool = False,
    ) -> None:
        """``measure`` on every release still readable, each at first sight: met as a
        corpus run meets it, with the bounded caches holding other releases' entries and
        none of its own.

        The releases are taken in two halves (every other one in the manifest's order):
        the caches emptied (``forget``), one half is measured untimed, then the other is
        timed; then the same the other way round. Each release is timed once, right after
        the same measurer's previous release, with the caches holding what half the
        corpus left in them. Without it every round after the first found a release's own
        entries left by the round before (item 47)."""
        measured = [(path, t) for path, t in self.timings.items() if t.html or not only_html]
        halves = (measured[1::2], measured[0::2])
        for unseen, timed in (halves[::-1], halves):
            if not any(t.error is None for _, t in timed):
                continue
            forget()
            with self._untimed():
                self._each(measure, unseen)
            self._each(measure, timed)

    @contextmanager
    def _untimed(self) -> Iterator[None]:
        """Measurements whose samples are kept nowhere (they warm the caches)."""
        kept = self.keep, self.ours, self.theirs, self.first
        self.keep = False
        self.ours = {path: dict(sample) for path, sample in self.ours.items()}
        self.theirs = {path: dict(sample) for path, sample in self.theirs.items()}
        self.first = dict(self.first)
        try:
            yield
        finally:
            self.keep, self.ours, self.theirs, self.first = kept

    @staticmethod
    def _each(
        measure: Callable[[Path, Timings], None], releases: Sequence[tuple[Path, Timings]]
    ) -> None:
        """``measure`` on each of ``releases`` still readable, in order (one found
        unreadable is noted and not asked again)."""
        for path, t in releases:
            if t.error is None:
                try:
                    measure(path, t)
                except UnreadableInput as error:  # tieout or the baseline cannot read it
                    t.error = str(error)

    def tieout_stages(self, path: Path, t: Timings) -> None:
        self.ours[path], formats = staged(path)
        t.html = t.html or "html" in formats
        if self.keep:
            for k, v in formats.items():
                t.by_format.setdefault(k, []).append(v)

    def baseline_stages(self, path: Path, t: Timings) -> None:
        assert self.baseline is not None
        self.theirs[path], formats = self.baseline.once(path, "stages")
        if self.keep:
            for k, v in formats.items():
                t.base_by_format.setdefault(k, []).append(v)

    def tieout_whole(self, path: Path, t: Timings) -> None:
        self.ours[path].update(end_to_end(path))

    def the_peers(self, path: Path, t: Timings) -> None:
        floors, _ = self.peers.once(path)  # one measurement of the peers per round, for both trees
        self.ours[path].update(floors)
        if path in self.theirs:
            self.theirs[path].update(floors)

    def edgartools_peer(self, path: Path, t: Timings) -> None:
        assert self.edgartools is not None
        if t.edgartools_error is None:
            try:
                self.ours[path].update(self.edgartools.once(path)[0])
            except UnreadableInput as error:  # edgartools fails on this release
                t.edgartools_error = str(error)

    def baseline_whole(self, path: Path, t: Timings) -> None:
        assert self.baseline is not None
        self.theirs[path].update(self.baseline.once(path, "end_to_end")[0])

    def origin_whole(self, path: Path, t: Timings) -> None:
        assert self.origin is not None
        if t.origin_error is None:
            try:
                self.first[path] = self.origin.once(path)[0]
            except UnreadableInput as error:  # the origin tree fails on this release
                t.origin_error = str(error)

    def keep_samples(self) -> None:
        """The round's samples added to each release's, unless the round warmed up."""
        if not self.keep:
            return
        for path, t in self.timings.items():
            if t.error is None:
                t.ours.append(self.ours[path])
                if path in self.theirs:
                    t.theirs.append(self.theirs[path])
                if path in self.first:
                    t.first.append(self.first[path])


def _group(entries: list[dict[str, Any]], key: str, clock: str) -> dict[str, Any]:
    """Totals of one group of releases (``key``: "ms" or "baseline_ms"), on one clock."""
    names = [*STAGES, "end_to_end", "regex_peer", "lxml_floor"]
    total = {n: sum(e[key][n][f"{clock}_min_ms"] for e in entries) / 1000 for n in names}
    formats_key = (
        "drafts_by_format_cpu_min_ms" if key == "ms" else "baseline_drafts_by_format_cpu_min_ms"
    )
    by_format: dict[str, float] = {}
    for e in entries:
        for fmt, ms in e[formats_key].items():
            by_format[fmt] = by_format.get(fmt, 0.0) + ms / 1000
    count = len(entries)
    floor, regex = total["lxml_floor"], total["regex_peer"]
    return {
        **_edgartools_group(entries, key, clock, formats_key),
        "releases": count,
        "seconds": {n: round(v, 4) for n, v in total.items()},
        "releases_per_s": {
            n: round(count / v, 2) if v else None
            for n, v in total.items()
            if n in (*STAGES, "end_to_end")
        },
        "x_lxml_floor": {
            n: round(v / floor, 2) if floor else None
            for n, v in total.items()
            if n in (*STAGES, "end_to_end")
        },
        "x_regex_peer": {
            n: round(v / regex, 2) if regex else None
            for n, v in total.items()
            if n in (*STAGES, "end_to_end")
        },
        "drafts_by_format_cpu_s": {k: round(v, 4) for k, v in by_format.items()},
        "html_reader_x_lxml_floor": round(by_format["html"] / floor, 2)
        if floor and "html" in by_format
        else None,
    }


def _origin_group(entries: list[dict[str, Any]], clock: str) -> dict[str, Any] | None:
    """End to end of the origin tree against this one, on the releases it read.

    ``x_faster`` is the origin's time over this tree's on the same releases (above 1:
    this tree is the faster); a release the origin tree failed on counts for neither.
    """
    read = [e for e in entries if "origin_ms" in e]
    if not read:
        return None
    ours = sum(e["ms"]["end_to_end"][f"{clock}_min_ms"] for e in read) / 1000
    theirs = sum(e["origin_ms"]["end_to_end"][f"{clock}_min_ms"] for e in read) / 1000
    return {
        "releases": len(read),
        "failed": sum(1 for e in entries if "origin_error" in e),
        "seconds": round(theirs, 4),
        "releases_per_s": round(len(read) / theirs, 2) if theirs else None,
        "now_seconds": round(ours, 4),
        "now_releases_per_s": round(len(read) / ours, 2) if ours else None,
        "x_faster": round(theirs / ours, 2) if ours else None,
    }


def _edgartools_group(
    entries: list[dict[str, Any]], key: str, clock: str, formats_key: str
) -> dict[str, Any]:
    """tieout over edgartools on the releases the edgartools peer read (none: nothing).

    ``x_edgartools`` is tieout's time over edgartools' on the same releases: end to end,
    the readers (drafts) and, on the CPU clock, the HTML reader alone; below 1 tieout is
    the faster.
    """
    read = [e for e in entries if "edgartools" in e[key]]
    if not read:
        return {}

    def seconds(name: str) -> float:
        return float(sum(e[key][name][f"{clock}_min_ms"] for e in read)) / 1000

    theirs = seconds("edgartools")
    ratios = {
        n: round(seconds(n) / theirs, 2) if theirs else None for n in ("end_to_end", "drafts")
    }
    if clock == "cpu":
        html = sum(e[formats_key].get("html", 0.0) for e in read) / 1000
        ratios["html_reader"] = round(html / theirs, 2) if theirs else None
    return {
        "edgartools": {
            "releases": len(read),
            "seconds": round(theirs, 4),
            "releases_per_s": round(len(read) / theirs, 2) if theirs else None,
            "x_edgartools": ratios,
        }
    }


def memory(path: Path, name: str) -> dict[str, Any]:
    """Peak memory of one release: traced from the path and from bytes, the peer's, and
    the resident growth of a fresh process.

    Measured once every timing is done. Measured between releases, they slowed every
    later timing of this process and not the baseline's worker, which measures no
    memory: the HTML reader, unchanged, read as x0.82 of its baseline over the corpus
    and x0.71 on the last releases (x0.97 in the run after this change, 2026-12-01).
    """
    data = path.read_bytes()
    return {
        "peak_traced_kb": traced_peak(lambda: _output(pipeline.read(path))) // 1024,
        "peak_traced_from_bytes_kb": traced_peak(lambda: _output(pipeline.read(data, name=name)))
        // 1024,
        "peer_peak_traced_kb": traced_peak(lambda: peer(path)) // 1024,
        "rss_growth_kb": rss_growth_kb(path),
    }


def traced_peak(fn: Callable[[], object]) -> int:
    """Peak bytes of Python allocations while ``fn`` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_RSS_PROBE = """
import json, sys
from tieout.pipeline import read
from tieout.report.serialise import release_data

def hwm():  # the peak resident set of this process image (Linux), in KiB
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))

before = hwm()
json.dumps(release_data(read(sys.argv[1])))
print(json.dumps({"before_kb": before, "after_kb": hwm()}))
"""


def rss_growth_kb(path: Path) -> int | None:
    """How much a fresh process's peak resident set grows to read one release (KiB).

    Read from ``VmHWM`` in ``/proc/self/status``, which starts afresh with the new process
    image; ``ru_maxrss`` would not do (Linux carries the parent's peak across exec).
    None where ``/proc`` is missing.
    """
    if not Path("/proc/self/status").is_file():
        return None
    done = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if done.returncode != 0:
        return None
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    return int(probe["after_kb"]) - int(probe["before_kb"])


def profile(stage: str, paths: Sequence[Path], top: int = 15) -> dict[str, list[dict[str, Any]]]:
    """Where the time of one stage goes over the corpus: the functions by own time."""
    prepared = []
    for path in paths:
        source, documents = load(path)
        tables, paragraphs, notes = pipeline.layout(documents)
        claims = claims_of(paragraphs, tables)
        release = checks.run(source, documents, tables, findings=notes, claims=claims)
        prepared.append((path, source, documents, tables, paragraphs, notes, claims, release))

    def drafts(p: tuple[Any, ...]) -> object:
        return [r.read(d) for d in p[2] if (r := reader_for(d.format)) is not None]

    run: dict[str, Callable[[tuple[Any, ...]], object]] = {
        "read": lambda p: load(p[0]),
        "drafts": drafts,
        "assemble": lambda p: pipeline.layout(p[2]),
        "prose": lambda p: claims_of(p[4], p[3]),
        "checks": lambda p: checks.run(p[1], p[2], p[3], findings=p[5], claims=p[6]),
        "nongaap": lambda p: nongaap.run(p[7]),
        "output": lambda p: _output(p[7]),
    }
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for p in prepared:
        run[stage](p)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, func), (_cc, ncalls, tottime, cumtime, callers) in stats.stats.items():  # type: ignore[attr-defined]
        caller = max(callers.items(), key=lambda kv: kv[1][2], default=None)
        rows.append(
            {
                "function": func,
                "where": f"{_short(file)}:{line}",
                "called_from": f"{caller[0][2]} {_short(caller[0][0])}:{caller[0][1]}"
                if caller
                else None,
                "calls": ncalls,
                "own_s": round(tottime, 4),
                "cumulative_s": round(cumtime, 4),
            }
        )
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    ours = sorted(
        (r for r in rows if r["where"].startswith("tieout/")), key=lambda r: -r["cumulative_s"]
    )
    return {"top_by_own_time": by_own, "tieout_by_cumulative_time": ours[:top]}


def _short(file: str) -> str:
    for marker in ("/src/", "/lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _print_group(label: str, group: dict[str, Any]) -> None:
    rps, floor, regex = group["releases_per_s"], group["x_lxml_floor"], group["x_regex_peer"]
    print(
        f"{label}: {group['releases']} releases, end to end {rps['end_to_end']} releases/s, "
        f"x{floor['end_to_end']} lxml floor, x{regex['end_to_end']} regex peer"
    )
    for stage in STAGES:
        print(
            f"  {stage:9} {group['seconds'][stage]:8.3f} s  {rps[stage]!s:>9} releases/s  "
            f"x{floor[stage]} lxml  x{regex[stage]} regex"
        )
    if group["html_reader_x_lxml_floor"] is not None:
        print(
            f"  HTML reader alone (drafts of HTML documents): "
            f"{group['drafts_by_format_cpu_s']['html']:.3f} s, x{group['html_reader_x_lxml_floor']} lxml floor"
        )
    if "edgartools" in group:
        peer = group["edgartools"]
        ratios = ", ".join(f"{k} x{v}" for k, v in peer["x_edgartools"].items())
        print(
            f"  edgartools EarningsRelease on the {peer['releases']} of them with HTML: "
            f"{peer['seconds']:.3f} s ({peer['releases_per_s']} releases/s); tieout over "
            f"edgartools: {ratios} (below 1: tieout is faster)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.speed", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs per release (minimum; default 5)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another tree of tieout's sources (holding the tieout package) to time beside",
    )
    parser.add_argument(
        "--origin",
        type=Path,
        help="an older tree of tieout's sources timed end to end only (bench.origin), "
        "e.g. main when issue 13 was filed",
    )
    parser.add_argument(
        "--baseline-pure-python",
        action="store_true",
        help="run the baseline (this tree without --baseline) with its compiled components "
        "set aside (TIEOUT_PURE_PYTHON=1)",
    )
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the peak-memory measurements"
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip the profile of the slowest stage"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for the results")
    parser.add_argument(
        "--only", help="time only the releases whose corpus path contains this text"
    )
    parser.add_argument(
        "--edgartools-python",
        help="the Python that runs the edgartools peer "
        "(default: .venv/bench/bin/python where it exists, else this one)",
    )
    parser.add_argument("--no-edgartools", action="store_true", help="skip the edgartools peer")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--peers", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--edgartools", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker or args.peers:
        return worker(peers=args.peers)
    if args.edgartools:
        return edgartools_worker()

    root = corpus_dir()
    paths = [p for p in releases(root) if not args.only or args.only in name_of(p, root)]
    peers = Worker("--peers")
    baseline = (
        Worker(
            "--worker",
            args.baseline.resolve() if args.baseline else None,
            pure=args.baseline_pure_python,
        )
        if args.baseline or args.baseline_pure_python
        else None
    )
    edgartools = None if args.no_edgartools else start_edgartools(args.edgartools_python)
    origin = Worker("", args.origin.resolve(), module="bench.origin") if args.origin else None
    started = time.perf_counter()
    timings = time_corpus(paths, args.repeat, peers, baseline, edgartools, origin)
    per_release = []
    for path, t in timings.items():
        entry: dict[str, Any] = {"release": name_of(path, root), "bytes": path.stat().st_size}
        if t.error is not None:
            entry["error"] = t.error
            per_release.append(entry)
            continue
        entry.update(t.entry())
        per_release.append(entry)
        ms = entry["ms"]
        line = (
            f"{entry['release']:46} {entry['group']:4} {entry['bytes'] / 1e6:6.2f} MB  "
            f"end to end {ms['end_to_end']['cpu_min_ms']:9.1f} ms  "
            + " ".join(f"{k} {ms[k]['cpu_min_ms']:.1f}" for k in STAGES)
            + f"  lxml {ms['lxml_floor']['cpu_min_ms']:.1f} regex {ms['regex_peer']['cpu_min_ms']:.1f}"
        )
        if "edgartools" in ms:
            line += f" edgartools {ms['edgartools']['cpu_min_ms']:.1f}"
        if baseline is not None:
            line += (
                f"  | baseline end to end {entry['baseline_ms']['end_to_end']['cpu_min_ms']:.1f}"
            )
        if "origin_ms" in entry:
            line += f"  | origin end to end {entry['origin_ms']['end_to_end']['cpu_min_ms']:.1f}"
        elif "origin_error" in entry:
            line += f"  | origin failed: {entry['origin_error']}"
        print(line, flush=True)
    peers.close()
    for worker_ in (baseline, edgartools, origin):
        if worker_ is not None:
            worker_.close()
    if not args.no_memory:  # after every timing: tracing leaves this process's heap slower
        for entry in per_release:
            if "error" not in entry:
                entry.update(memory(root / entry["release"], entry["release"]))

    timed = [e for e in per_release if "error" not in e]
    from tieout.extensions import compiled_python  # here: the baselines' trees have none

    compiled = compiled_python()
    report: dict[str, Any] = {
        "benchmark": "speed",
        "date": stamp(),
        "tieout_version": tieout.__version__,
        "command": "make bench-speed  # python -m bench.speed --repeat "
        + str(args.repeat)
        + (" --baseline " + str(args.baseline) if args.baseline else "")
        + (" --baseline-pure-python" if args.baseline_pure_python else "")
        + (f" --origin {args.origin}" if args.origin else "")
        + (" --no-memory" if args.no_memory else "")
        + (" --no-profile" if args.no_profile else "")
        + (" --no-edgartools" if args.no_edgartools else "")
        + (f" --edgartools-python {args.edgartools_python}" if args.edgartools_python else "")
        + (f" --only {args.only}" if args.only else ""),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        # the read path's Python modules Cython compiled, and how many of them ran compiled
        # (a stale .so or TIEOUT_PURE_PYTHON runs the .py); the profile below sees a compiled
        # function as no call of its own: profile with TIEOUT_PURE_PYTHON=1 for the Python
        "compiled_python": {"listed": len(compiled), "in_use": sum(compiled.values())},
        "method": (
            "rounds across the corpus, as a corpus run meets the releases: one warm-up round, "
            "then --repeat rounds; in each round every measurer sweeps the releases in the "
            "manifest's order, one measurer after the other: tieout's stages, the baseline's "
            "stages, tieout end to end, the regex peer and the lxml floor (in a process of their "
            "own that runs no tieout code), edgartools, the baseline end to end and the origin "
            "tree (each in a process of its own); so each release is timed right after the same "
            "measurer's previous release; the minimum of the rounds is kept (median beside "
            "it); CPU time of the process (process_time) is the figure, wall time beside it"
        ),
        "peers": {
            "regex_peer": "read the file, decode it as UTF-8, find every number with one regular "
            "expression and make each a Decimal (bench.speed.peer)",
            "lxml_floor": "read the file and parse its bytes with lxml's HTML parser (libxml2), "
            "as the HTML reader does (bench.speed.lxml_floor)",
            "edgartools": "edgartools' EarningsRelease(...).tables on each HTML exhibit of a "
            "release with HTML, its HTML in memory, offline, in a process of its own "
            "(bench.speed.EdgarTools)"
            + (f"; edgartools {edgartools.version['version']}" if edgartools else "; not run"),
        },
        "repeat": args.repeat,
        "releases": len(paths),
        "releases_timed": len(timed),
        "total_bytes": sum(e["bytes"] for e in timed),
    }
    groups = {g: [e for e in timed if e["group"] == g] for g in ("html", "text")}
    for clock in ("cpu", "wall"):
        report[f"{clock}_min"] = {
            "all": _group(timed, "ms", clock),
            **{g: _group(es, "ms", clock) for g, es in groups.items() if es},
        }
        if baseline is not None:
            report[f"baseline_{clock}_min"] = {
                "all": _group(timed, "baseline_ms", clock),
                **{g: _group(es, "baseline_ms", clock) for g, es in groups.items() if es},
            }
    if baseline is not None:
        report["baseline"] = {
            "src": str(args.baseline or Path(tieout.__file__).parent.parent),
            "pure_python": args.baseline_pure_python,
            **baseline.version,
        }
        now, before = report["cpu_min"], report["baseline_cpu_min"]
        report["x_faster_than_baseline_cpu"] = {
            g: {
                **{
                    n: round(before[g]["seconds"][n] / now[g]["seconds"][n], 2)
                    if now[g]["seconds"][n]
                    else None
                    for n in (*STAGES, "end_to_end")
                },
                "html_reader": round(
                    before[g]["drafts_by_format_cpu_s"]["html"]
                    / now[g]["drafts_by_format_cpu_s"]["html"],
                    2,
                )
                if "html" in now[g]["drafts_by_format_cpu_s"]
                else None,
            }
            for g in now
        }
    if origin is not None:
        report["origin"] = {"src": str(args.origin), **origin.version}
        for clock in ("cpu", "wall"):
            report[f"origin_{clock}_min"] = {
                g: o
                for g, es in {"all": timed, **groups}.items()
                if (o := _origin_group(es, clock)) is not None
            }
    stage_totals = report["cpu_min"]["all"]["seconds"]
    slowest = max(STAGES, key=lambda k: stage_totals[k])
    report["slowest_stage"] = slowest
    report["per_release"] = per_release
    if not args.no_memory and timed:
        report["peak_traced_kb_max"] = max(e["peak_traced_kb"] for e in timed)
        report["peak_traced_from_bytes_kb_max"] = max(e["peak_traced_from_bytes_kb"] for e in timed)
        report["peak_traced_from_bytes_x_peer"] = round(
            sum(e["peak_traced_from_bytes_kb"] for e in timed)
            / max(1, sum(e["peer_peak_traced_kb"] for e in timed)),
            2,
        )
        growth = [e["rss_growth_kb"] for e in timed if e.get("rss_growth_kb") is not None]
        report["rss_growth_kb_max"] = max(growth) if growth else None
    if not args.no_profile:
        report["profile"] = {
            "stage": slowest,
            **profile(slowest, [root / e["release"] for e in timed]),
        }
    report["elapsed_s"] = round(time.perf_counter() - started, 1)

    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"speed-{report['date']}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print()
    print("CPU time, minimum of the rounds:")
    for g, group in report["cpu_min"].items():
        _print_group(g, group)
    if baseline is not None:
        print("baseline (same run, interleaved), CPU time:")
        for g, group in report["baseline_cpu_min"].items():
            _print_group(g, group)
        print("x faster than the baseline (CPU):", json.dumps(report["x_faster_than_baseline_cpu"]))
    origins: dict[str, dict[str, Any]] = report.get("origin_cpu_min", {})
    for g, o in origins.items():
        print(
            f"origin (same run, interleaved, end to end, CPU) {g}: {o['releases']} releases, "
            f"{o['seconds']:.3f} s ({o['releases_per_s']} releases/s) against "
            f"{o['now_seconds']:.3f} s ({o['now_releases_per_s']} releases/s): x{o['x_faster']} faster"
            + (f"; {o['failed']} failed in the origin tree" if o["failed"] else "")
        )
    c = report["compiled_python"]
    print(f"Python modules compiled: {c['in_use']} of the {c['listed']} the build listed in use")
    if "peak_traced_kb_max" in report:
        print(
            f"peak memory: {report['peak_traced_kb_max'] / 1024:.1f} MB traced at most reading from a path, "
            f"{report['peak_traced_from_bytes_kb_max'] / 1024:.1f} MB from bytes in memory "
            f"(x{report['peak_traced_from_bytes_x_peer']} the peer); resident growth of a fresh process at most "
            f"{(report['rss_growth_kb_max'] or 0) / 1024:.1f} MB"
        )
    if "profile" in report:
        print(f"profile of the slowest stage, {slowest}:")
        for r in report["profile"]["top_by_own_time"][:10]:
            print(
                f"  {r['own_s']:8.4f} s own {r['cumulative_s']:8.4f} s cum {r['calls']:>8} calls  "
                f"{r['function']}  {r['where']}  <- {r['called_from']}"
            )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
