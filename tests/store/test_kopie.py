"""Copying a workspace SQLite -> PostgreSQL -> SQLite: identical, verified, all or nothing;
and a password in a workspace URL never shows in any output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pg_cluster import WACHTWOORD, tabel_rijen

from wijkanalyse import databank, store
from wijkanalyse.core.errors import WijkanalyseFout
from wijkanalyse.databank import werksessie as opslag


def _alles(p: Path | str) -> dict[str, list[tuple]]:
    uit = {}
    for t in store.KOPIE_TABELLEN:
        sleutel = "wijk_id" if t == "wijzigingen" else "id"
        uit[t] = tabel_rijen(p, f"SELECT * FROM {t} ORDER BY {sleutel}")
    return uit


def _cli(*args: str, log_map: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "WIJKANALYSE_WERKRUIMTE": str(log_map)} if log_map else None
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
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
    """Not on screen and not in the log when the connection fails."""
    url = pg.nieuwe_db("wachtwoord")
    assert WACHTWOORD not in databank.toon(url) and "***" in databank.toon(url)
    log_map = tmp_path / "log"
    fout = url.replace(f":{WACHTWOORD}@", f":{WACHTWOORD}fout@")
    uitvoer = []
    for args in (
        ("rapport", "--werkruimte", fout, "--uitvoer", str(tmp_path / "uit")),
        ("nieuw", fout),
    ):
        r = _cli(*args, log_map=log_map)
        assert r.returncode != 0
        uitvoer.append(r.stdout + r.stderr)
    assert "niet bereikbaar" in uitvoer[0] and "***" in uitvoer[0]
    assert not any(WACHTWOORD in u for u in uitvoer), uitvoer
    with pytest.raises(WijkanalyseFout) as e:
        store.wijken(fout)
    assert WACHTWOORD not in str(e.value)
    assert (log_map / "wijkanalyse.log").is_file()
    for p in log_map.rglob("*"):
        assert WACHTWOORD not in p.read_text(encoding="utf-8", errors="replace"), p


@pytest.mark.slow
def test_no_password_in_a_report_run(pg: object, werkruimte: Path, tmp_path: Path) -> None:
    """A report made from a team workspace: not on screen, not in any file it writes."""
    url = pg.nieuwe_db("rapport")
    store.kopieer(werkruimte, url)
    uitvoer = []
    uit, log_map = str(tmp_path / "uit"), tmp_path / "log"
    r = _cli("rapport", "--werkruimte", url, "--wijk", "Laak", "--uitvoer", uit, log_map=log_map)
    assert r.returncode == 0, r.stderr
    uitvoer.append(r.stdout + r.stderr)
    bestanden = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "laak.html" for p in bestanden)
    for p in bestanden:
        assert WACHTWOORD not in p.read_text(encoding="utf-8", errors="replace"), p
    assert not any(WACHTWOORD in u for u in uitvoer)


def test_nieuw_on_an_empty_database(pg: object) -> None:
    import pandas as pd

    from wijkanalyse.store.nieuw import nieuwe_werkruimte

    url = pg.nieuwe_db("nieuw_leeg")
    wijken = pd.DataFrame({"naam": ["Laak", "Selwerd"], "gemeente": ["Den Haag", "Groningen"]})
    wijken["inwoners"] = [40795, None]
    assert nieuwe_werkruimte(url, wijken) == url
    assert store.wijken(url)["naam"].tolist() == ["Laak", "Selwerd"]
    assert len(store.criteria(url, "laak")) > 0
    with pytest.raises(WijkanalyseFout, match="niet leeg"):
        nieuwe_werkruimte(url, wijken)
    databank.sluit_pool()
