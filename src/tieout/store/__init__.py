"""The store: a corpus of releases tied out into one DuckDB file (Parquet for exchange).

inputs    files, folders, globs, archives -> Items (bytes + sha256), streamed
pool      worker processes with a hard per-file time limit, replaced when stuck
worker    one file -> Outcome (its rows as Arrow tables, or the reason it failed)
rows      a Release -> the store's rows (exact DECIMAL figures)
schema    the tables, declared once (DuckDB DDL and Arrow schemas)
writer    a chunk of files per DuckDB transaction; skips what is stored
batch     the local engine: inputs -> pool -> writer, with progress events
dask      the same per-file work on a dask.distributed cluster, via Parquet parts
restate   figures reprinted in later releases compared with their first print
export    Parquet partitioned by year
"""
