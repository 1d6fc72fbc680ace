"""Parquet for exchange: every table of the store, partitioned by the release's year.

Each table, and the view ``figures`` (one row per printed figure with its company,
concept, period and value: the shape most readers want), becomes a folder of Hive-style
partitions (``cells/year=2013/...parquet``, ``figures/year=2013/...``),
the year being the source's (filed, else period of report, else its latest column);
files whose year is unknown land in ``year=NULL``. ``paths``, ``runs`` and the view
``companies`` (each CIK with every name it had) are one file each. Figures keep their exact
``DECIMAL(38, 10)`` type. Readers: DuckDB ``read_parquet('DIR/cells/**/*.parquet',
hive_partitioning = true)``, pyarrow ``dataset(DIR/cells, partitioning='hive')``, Spark.
"""

from __future__ import annotations

import os
import shutil

from tieout.store.schema import RELEASE_TABLES, RUNS
from tieout.store.writer import connect


def export(db: str, out: str, *, overwrite: bool = False) -> dict[str, int]:
    """Write the store at ``db`` as Parquet under ``out``; rows written per table."""
    if os.path.exists(out) and os.listdir(out):
        if not overwrite:
            raise FileExistsError(f"{out}: not empty (use --overwrite to replace it)")
        shutil.rmtree(out)
    os.makedirs(out, exist_ok=True)
    con = connect(db, read_only=True)
    counts: dict[str, int] = {}
    try:
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
