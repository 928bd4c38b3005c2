"""Copying a workspace SQLite -> PostgreSQL -> SQLite: identical, verified, all or nothing;
and a password in a workspace URL never shows in any output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pg_cluster import WACHTWOORD, tabel_rijen

from wijkanalyse import databank, store
from wijkanalyse.errors import WijkanalyseFout
from wijkanalyse.werksessie import opslag


def _alles(p: Path | str) -> dict[str, list[tuple]]:
    uit = {}
    for t in store.KOPIE_TABELLEN:
        sleutel = "wijk_id" if t == "wijzigingen" else "id"
        uit[t] = tabel_rijen(p, f"SELECT * FROM {t} ORDER BY {sleutel}")
    return uit


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_round_trip_sqlite_postgresql_sqlite_is_identical(
    werkruimte: Path, pg: object, tmp_path: Path
) -> None:
    # a werksessie with an answer, an undo: every table has rows
    s = opslag.start_sessie(werkruimte, "Laak", ["bewoners"])
    opslag.meld_aan(werkruimte, s["id"], s["groepen"][0]["id"], "Anna")
    store.voeg_opgave_toe(werkruimte, "Laak", titel="Nieuw plein", transitie="overig")
    store.maak_ongedaan(werkruimte, "Laak")
    store.zet_kader(werkruimte, "Laak", drempel=3.5, capaciteit=4, min_groepen=2)
    url = pg.nieuwe_db("kopie_rond")
    r = _cli("kopieer", str(werkruimte), url)
    assert r.returncode == 0, r.stderr
    assert "controlegetal gelijk" in r.stdout
    assert WACHTWOORD not in r.stdout + r.stderr and "***" in r.stdout
    terug = tmp_path / "terug.sqlite"
    telling = store.kopieer(url, terug)
    origineel = _alles(werkruimte)
    assert all(origineel[t] for t in ("historie_rijen", "sessies", "deelnemers", "kader_regels"))
    assert _alles(terug) == origineel
    assert store.telling(url) == store.telling(werkruimte) == telling
    # the copies work: the history and the counter go on where they were
    assert (
        store.historie(url, "Laak")["wat"].tolist() == store.historie(terug, "Laak")["wat"].tolist()
    )
    nieuw = store.voeg_opgave_toe(url, "Laak", titel="Na de kopie", transitie="overig")
    assert nieuw > max(r[0] for r in origineel["opgaven"])
    databank.sluit_pool()


def test_a_target_with_data_is_refused_and_left_alone(
    werkruimte: Path, pg: object, tmp_path: Path
) -> None:
    url = pg.nieuwe_db("kopie_vol")
    store.kopieer(werkruimte, url)
    voor = _alles(url)
    with pytest.raises(WijkanalyseFout, match="niet leeg"):
        store.kopieer(werkruimte, url)
    assert _alles(url) == voor
    with pytest.raises(WijkanalyseFout, match="niet leeg"):
        store.kopieer(url, werkruimte)
    r = _cli("kopieer", url, str(werkruimte))
    assert r.returncode == 2 and "niet leeg" in r.stderr and WACHTWOORD not in r.stderr
    databank.sluit_pool()


def test_password_never_shown(pg: object, tmp_path: Path) -> None:
    url = pg.nieuwe_db("wachtwoord")
    assert WACHTWOORD not in databank.toon(url) and "***" in databank.toon(url)
    fout = url.replace(f":{WACHTWOORD}@", f":{WACHTWOORD}fout@")
    uitvoer = []
    for args in (
        ("rapport", "--werkruimte", fout, "--uitvoer", str(tmp_path / "uit")),
        ("kopieer", fout, str(tmp_path / "k.sqlite")),
        ("nieuw", fout),
    ):
        r = _cli(*args)
        assert r.returncode != 0
        uitvoer.append(r.stdout + r.stderr)
    assert "niet bereikbaar" in uitvoer[0] and "***" in uitvoer[0]
    assert not any(WACHTWOORD in u for u in uitvoer), uitvoer
    with pytest.raises(WijkanalyseFout) as e:
        store.wijken(fout)
    assert WACHTWOORD not in str(e.value)
