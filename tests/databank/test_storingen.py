"""Faults of the system and damaged files, made for real: a damaged copy of a workspace, an
empty or foreign file, a full disk and a read-only mount (small tmpfs mounts: root only,
skipped otherwise), a folder made immutable, a lock held longer than the timeout.

Each time: one Dutch sentence naming the file and what to do, nothing written, no SQL text
and no English database error on screen (the details go to the log).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cbs import _r, statline

from wijkanalyse import store
from wijkanalyse.core.errors import WerkruimteFout
from wijkanalyse.model import open_wijk

CBS_RIJEN = [_r("2024", "Laak", "'s-Gravenhage", "Wijk", "WK999901", "19000", "35.5", "20")]
ENGELS = ("Error", "error", "SELECT", "Traceback", "rollback", "no such table", "database", "disk")


def _cli(*args: str, log: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "WIJKANALYSE_WERKRUIMTE": str(log), **(env or {})},
    )


def _importeer(db: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    csv = tmp_path / "kwb.csv"
    csv.write_bytes(statline(CBS_RIJEN))
    return _cli(
        "cbs", "importeer", str(csv), "--tabel", "T1", "--werkruimte", str(db),
        log=tmp_path / "log", env=env,
    )  # fmt: skip


def _hash(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _nederlands(r: subprocess.CompletedProcess, *woorden: str) -> str:
    """The run failed with one Dutch line that says all ``woorden`` and no English."""
    assert r.returncode == 2, r.stderr
    fout = [regel for regel in r.stderr.splitlines() if regel.startswith("Fout: ")]
    assert len(fout) == 1, r.stderr
    for w in woorden:
        assert w in fout[0]
    zonder_namen = re.sub(r"'[^']*'", "''", fout[0])  # file names may say anything
    for w in ENGELS:
        assert w not in zonder_namen
    return fout[0]


def _beschadig(bron: Path, doel: Path) -> None:
    """A copy with four pages in the middle zeroed (as a bad sector or a crashed copy does)."""
    data = bytearray(bron.read_bytes())
    pagina = 4096
    midden = len(data) // pagina // 2
    data[midden * pagina : (midden + 4) * pagina] = bytes(4 * pagina)
    doel.write_bytes(bytes(data))
    con = sqlite3.connect(doel)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass  # "malformed": as damaged
    finally:
        con.close()


# ------------------------------------------------------------------------- damaged files


def test_a_damaged_workspace_is_refused_with_its_backup_named_and_left_unchanged(
    _demo_sjabloon: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.sqlite"
    _beschadig(_demo_sjabloon, db)
    shutil.copy(_demo_sjabloon, tmp_path / "w.voor-v2.sqlite")  # the copy before an update
    voor = _hash(db)
    r = _importeer(db, tmp_path)
    _nederlands(r, str(db), "beschadigd", "w.voor-v2.sqlite")
    with pytest.raises(WerkruimteFout, match="beschadigd"):
        store.voeg_opgave_toe(db, "Laak", titel="Nieuwe opgave", transitie="overig")
    rapport = _cli("rapport", "--werkruimte", str(db), "--uitvoer", str(tmp_path / "uit"),
                   log=tmp_path / "log")  # fmt: skip
    _nederlands(rapport, "beschadigd", "w.voor-v2.sqlite")
    assert _hash(db) == voor  # not one figure written into it
    assert "quick_check" in (tmp_path / "log" / "wijkanalyse.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("inhoud", [b"", b"naam;gemeente\nLaak;Den Haag\n"], ids=["0-bytes", "csv"])
def test_an_empty_or_foreign_file_is_never_made_a_workspace(inhoud: bytes, tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite"
    db.write_bytes(inhoud)
    _nederlands(_importeer(db, tmp_path), str(db), "geen werkruimte", "wijkanalyse nieuw")
    with pytest.raises(WerkruimteFout, match="geen werkruimte"):
        open_wijk("Laak", db)
    rapport = _cli("rapport", "--werkruimte", str(db), "--uitvoer", str(tmp_path / "uit"),
                   log=tmp_path / "log")  # fmt: skip
    _nederlands(rapport, "geen werkruimte")
    assert db.read_bytes() == inhoud
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kwb.csv", "log", "w.sqlite"]


# ---------------------------------------------------------------- full disk, read-only


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[callable]:
    """Mount a small tmpfs (size in KB) under tmp_path; unmounted afterwards."""
    punten: list[Path] = []

    def mount(kb: int, naam: str = "schijf") -> Path:
        punt = tmp_path / naam
        punt.mkdir()
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={kb}k", "tmpfs", str(punt)], capture_output=True
        )
        if r.returncode != 0:
            pytest.skip(f"no tmpfs mount here ({r.stderr.decode().strip()})")
        punten.append(punt)
        return punt

    yield mount
    for punt in reversed(punten):
        subprocess.run(["umount", "-l", str(punt)], check=False)


def _vul(map_: Path) -> None:
    """Fill the disk to the last byte."""
    try:
        with open(map_ / f"vulling-{uuid.uuid4().hex}", "wb") as f:
            while True:
                f.write(bytes(4096))
                f.flush()
    except OSError:
        pass


def test_a_full_disk_is_one_dutch_sentence_and_changes_nothing(
    _demo_sjabloon: Path, tmp_path: Path, tmpfs
) -> None:
    schijf = tmpfs(_demo_sjabloon.stat().st_size // 1024 + 512)
    db = schijf / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    store.maak_werkruimte(db)  # WAL files made while there is room
    _vul(schijf)
    _nederlands(_importeer(db, tmp_path), "De schijf is vol", str(db), "ruimte vrij")
    with pytest.raises(WerkruimteFout) as fout:  # the API: no "cannot rollback"
        store.voeg_opgave_toe(db, "Laak", titel="Een opgave", transitie="overig")
    assert fout.value.soort == "vol" and "De schijf is vol" in str(fout.value)
    assert isinstance(fout.value.__cause__, sqlite3.OperationalError)  # the details: logged
    log = (tmp_path / "log" / "wijkanalyse.log").read_text(encoding="utf-8")
    assert "sqlite3.OperationalError" in log  # the database's own words, for support
    for p in schijf.glob("vulling-*"):
        p.unlink()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM cbs_cijfers").fetchone()[0] == 0


def test_a_read_only_disk_or_folder_is_one_dutch_sentence(
    _demo_sjabloon: Path, tmp_path: Path, tmpfs
) -> None:
    schijf = tmpfs(_demo_sjabloon.stat().st_size // 1024 + 1024)
    db = schijf / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    subprocess.run(["mount", "-o", "remount,ro", str(schijf)], check=True)
    _nederlands(_importeer(db, tmp_path), str(db), "alleen-lezen", "schrijfrechten")
    # a folder made immutable (root ignores permission bits; chattr +i stops root too)
    map_ = tmp_path / "map"
    map_.mkdir()
    db2 = map_ / "w.sqlite"
    shutil.copy(_demo_sjabloon, db2)
    if subprocess.run(["chattr", "+i", str(map_)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not possible here")
    try:
        _nederlands(_importeer(db2, tmp_path), str(db2), "alleen-lezen")
    finally:
        subprocess.run(["chattr", "-i", str(map_)], check=True)


def test_a_lock_held_beyond_the_timeout_is_one_dutch_sentence(
    _demo_sjabloon: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    store.maak_werkruimte(db)
    slot = sqlite3.connect(db, isolation_level=None)
    slot.execute("BEGIN IMMEDIATE")  # another laptop writing, and not letting go
    try:
        r = _importeer(db, tmp_path, WIJKANALYSE_WACHTTIJD="1")
    finally:
        slot.execute("ROLLBACK")
        slot.close()
    _nederlands(r, str(db), "bezet", "1 s", "opnieuw")


def test_a_fault_inside_pandas_is_said_in_dutch_without_sql() -> None:
    """pandas wraps SQLite's errors in its own DatabaseError (an OSError without errno), with
    the SQL text in front: a view shows the Dutch sentence, never the SQL."""
    import pandas as pd

    from wijkanalyse.core.error_display import melding

    sql = "Execution failed on sql 'SELECT c.regiocode FROM cbs_cijfers c WHERE x = ?': "
    schijf = melding(pd.errors.DatabaseError(sql + "disk I/O error"))
    assert "schijffout" in schijf and "SELECT" not in schijf
    kapot = melding(pd.errors.DatabaseError(sql + "database disk image is malformed"))
    assert "beschadigd" in kapot and "SELECT" not in kapot
    anders = melding(pd.errors.DatabaseError(sql + "no such column: x"))
    assert "SELECT" not in anders and "no such column" in anders
