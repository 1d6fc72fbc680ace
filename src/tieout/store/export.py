"""Parquet for exchange: every table of the store, partitioned by the release's year.

Each table, and the view ``figures`` (one row per printed figure with its company,
concept, period and value: the shape most readers want), becomes a folder of Hive-style
partitions (``cells/year=2013/...parquet``, ``figures/year=2013/...``),
the year being the source's (filed, else period of report, else its latest column);
files whose year is unknown land in ``year=NULL``. ``paths``, ``runs`` and the view
``companies`` (each CIK with every name it had) are one file each. Figures keep their exact
``DECIMAL(38, 10)`` type. Readers: DuckDB ``read_parquet('DIR/cells/**/*.parquet',
hive_partitioning = true)``, pyarrow ``dataset(DIR/cells, partitioning='hive')``, Spark.

The folder gets a marker file, ``.tieout-export.json``, naming what export wrote there.
``overwrite`` removes only those outputs (named in the marker and of the names export
writes), never anything else in the folder; a name export writes that the marker does
not claim is refused, as is a target that is a symbolic link.
"""

from __future__ import annotations

import json
import os
import shutil

from tieout import __version__
from tieout.store.schema import RELEASE_TABLES, RUNS
from tieout.store.writer import connect

MARKER = ".tieout-export.json"
OUTPUTS = (
    *(t.name for t in RELEASE_TABLES),
    "figures",
    "paths.parquet",
    f"{RUNS.name}.parquet",
    "companies.parquet",
)


class ExportError(Exception):
    """A target folder export refuses to write: names it and the reason, in one line."""


def _claimed(out: str) -> set[str]:
    """The outputs the folder's marker says an earlier export wrote (known names only)."""
    try:
        with open(os.path.join(out, MARKER), encoding="utf-8") as fh:
            listed = json.load(fh).get("outputs", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {name for name in listed if name in OUTPUTS} if isinstance(listed, list) else set()


def _remove(path: str) -> None:
    if os.path.islink(path) or not os.path.isdir(path):
        os.remove(path)
    else:
        shutil.rmtree(path)


def prepare(out: str, *, overwrite: bool) -> None:
    """Make ``out`` ready for an export: created, or cleared of an earlier export's outputs."""
    if os.path.islink(out):
        raise ExportError(f"{out}: is a symbolic link; give the folder itself")
    if os.path.exists(out) and not os.path.isdir(out):
        raise ExportError(f"{out}: exists and is not a folder")
    present = set(os.listdir(out)) if os.path.isdir(out) else set()
    if present and not overwrite:
        raise ExportError(f"{out}: not empty (use --overwrite to replace an earlier export)")
    claimed = _claimed(out)
    clash = sorted(n for n in present & set(OUTPUTS) if n not in claimed)
    if clash:
        raise ExportError(
            f"{out}: {clash[0]} exists and was not written by tieout export; "
            "remove it or choose another folder"
        )
    for name in sorted(claimed & present):
        _remove(os.path.join(out, name))
    if MARKER in present:
        os.remove(os.path.join(out, MARKER))
    os.makedirs(out, exist_ok=True)


def export(db: str, out: str, *, overwrite: bool = False) -> dict[str, int]:
    """Write the store at ``db`` as Parquet under ``out``; rows written per table.

    ``overwrite`` replaces an earlier export's outputs in ``out`` and nothing else.
    """
    con = connect(db, read_only=True)
    counts: dict[str, int] = {}
    try:
        prepare(out, overwrite=overwrite)
        # written first, so an export cut short is still cleared by the next --overwrite
        with open(os.path.join(out, MARKER), "w", encoding="utf-8") as fh:
            marker = {"written_by": f"tieout export {__version__}", "outputs": list(OUTPUTS)}
            json.dump(marker, fh)
        for spec in RELEASE_TABLES:
            if spec.name == "sources":
                select = "SELECT * FROM sources"
            else:
                select = f"SELECT t.*, s.year FROM {spec.name} t JOIN sources s USING (source_id)"
            target = os.path.join(out, spec.name).replace("'", "''")
            con.execute(
                f"COPY ({select}) TO '{target}' "
                "(FORMAT parquet, PARTITION_BY (year), WRITE_PARTITION_COLUMNS false)"
            )
            row = con.execute(f"SELECT count(*) FROM {spec.name}").fetchone()
            counts[spec.name] = int(row[0]) if row else 0
        target = os.path.join(out, "figures").replace("'", "''")
        con.execute(
            f"COPY (SELECT * FROM figures) TO '{target}' "
            "(FORMAT parquet, PARTITION_BY (year), WRITE_PARTITION_COLUMNS false)"
        )
        row = con.execute("SELECT count(*) FROM figures").fetchone()
        counts["figures"] = int(row[0]) if row else 0
        for name in ("paths", RUNS.name, "companies"):
            target = os.path.join(out, f"{name}.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {name}) TO '{target}' (FORMAT parquet)")
            row = con.execute(f"SELECT count(*) FROM {name}").fetchone()
            counts[name] = int(row[0]) if row else 0
    finally:
        con.close()
    return counts
