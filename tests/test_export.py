"""``tieout export --overwrite`` replaces what an earlier export wrote and nothing else;
a symbolic link as the target is refused in one line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from test_store_support import write_tiny
from tieout.cli import main
from tieout.store.batch import Options, run
from tieout.store.export import MARKER


def _store(tmp_path: Path) -> Path:
    write_tiny(tmp_path / "in", 2)
    db = tmp_path / "s.duckdb"
    run([str(tmp_path / "in")], str(db), Options(jobs=1))
    return db


def _export(db: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner(mix_stderr=False).invoke(
        main, ["export", "--db", str(db), "--parquet", str(out), *extra]
    )
    return result.exit_code, result.stderr


def test_overwrite_removes_only_what_export_wrote(tmp_path: Path) -> None:
    db = _store(tmp_path)
    out = tmp_path / "shared"
    out.mkdir()
    (out / "notes.txt").write_text("mine, not tieout's")
    (out / "analysis").mkdir()
    (out / "analysis" / "model.py").write_text("x = 1\n")
    code, err = _export(db, out)
    assert (
        code == 2
        and err == f"tieout: {out}: not empty (use --overwrite to replace an earlier export)\n"
    )
    code, err = _export(db, out, "--overwrite")
    assert code == 0, err
    assert (out / MARKER).is_file() and (out / "cells").is_dir()
    stale = out / "cells" / "year=1999"
    stale.mkdir()
    (stale / "old.parquet").write_bytes(b"from an earlier export")
    code, err = _export(db, out, "--overwrite")
    assert code == 0, err
    assert not stale.exists()  # the earlier export's outputs were replaced
    assert (out / "notes.txt").read_text() == "mine, not tieout's"
    assert (out / "analysis" / "model.py").read_text() == "x = 1\n"
    assert (out / "cells" / "year=2024").is_dir() and (out / "runs.parquet").is_file()


def test_a_name_export_writes_but_did_not_write_is_refused(tmp_path: Path) -> None:
    db = _store(tmp_path)
    out = tmp_path / "out"
    (out / "cells").mkdir(parents=True)
    (out / "cells" / "precious.csv").write_text("a,b\n")
    code, err = _export(db, out, "--overwrite")
    assert code == 2
    assert err == (
        f"tieout: {out}: cells exists and was not written by tieout export; "
        "remove it or choose another folder\n"
    )
    assert (out / "cells" / "precious.csv").is_file()


def test_a_symbolic_link_target_is_refused_in_one_line(tmp_path: Path) -> None:
    db = _store(tmp_path)
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(real)
    for extra in ((), ("--overwrite",)):
        code, err = _export(db, link, *extra)
        assert code == 2
        assert err == f"tieout: {link}: is a symbolic link; give the folder itself\n"
    assert [p.name for p in real.iterdir()] == ["keep.txt"]
