"""Every bad file, uploaded as a user would, leaves the workspace exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import sqlite_dump

from wijkanalyse import store, uitwisseling
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.model import open_wijk

HIER = Path(__file__).resolve().parents[1]  # tests/
SLECHT = sorted(p for p in (HIER / "bad_files").iterdir() if p.suffix != ".py")
GOED = sorted((HIER / "good_files").iterdir())
BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


def test_the_corpus_is_big_enough() -> None:
    assert len(SLECHT) >= 25


@pytest.mark.parametrize("bestand", SLECHT, ids=lambda p: p.name)
def test_bad_upload_changes_nothing_and_names_the_file(bestand: Path, werkruimte: Path) -> None:
    m = open_wijk("Laak", str(werkruimte))
    voor = sqlite_dump(werkruimte)
    with pytest.raises(InvoerFout) as e:
        uitwisseling.importeer_opgaven_bestand(m, bestand.name, bestand.read_bytes())
    assert sqlite_dump(werkruimte) == voor
    assert bestand.name.split(".")[0][:10] in str(e.value)  # the user's own file name
    assert m.versie == 0  # views were not told to redraw


@pytest.mark.parametrize("bestand", GOED, ids=lambda p: p.name)
def test_good_but_awkward_upload_adds_every_row(bestand: Path, tmp_path: Path) -> None:
    p = store.maak_werkruimte(tmp_path / "w.sqlite")
    store.voeg_wijk_toe(p, "Leeg", "X", 1)
    m = open_wijk("Leeg", str(p))
    n = uitwisseling.importeer_opgaven_bestand(m, bestand.name, bestand.read_bytes())
    assert n > 0 and len(store.opgaven(p, "Leeg")) == n


def test_duplicate_against_existing_opgave_changes_nothing(werkruimte: Path) -> None:
    m = open_wijk("Laak", str(werkruimte))
    naam, inhoud = uitwisseling.exporteer(m, "opgaven.csv")
    voor = sqlite_dump(werkruimte)
    with pytest.raises(InvoerFout, match="al een opgave"):
        uitwisseling.importeer_opgaven_bestand(m, naam, inhoud)
    assert sqlite_dump(werkruimte) == voor


def test_werkblad_round_trip_through_the_store(werkruimte: Path, tmp_path: Path) -> None:
    m = open_wijk("Laak", str(werkruimte))
    k = store.koppelingen(werkruimte, "Laak")
    store.voeg_item_toe(
        werkruimte,
        int(k["id"].iloc[0]),
        soort="kans",
        tekst='Zeg "ja" tegen één plan\nook <script>x</script> ' + "é" * 480,
        impact="groot",
        horizon="later",
        interventie="=SOM(A1)",
    )
    voor_k = store.koppelingen(werkruimte, "Laak").drop(columns=["id"])
    voor_i = store.items(werkruimte, "Laak").drop(columns=["id", "koppeling_id"])
    naam, inhoud = uitwisseling.exporteer(m, "werkblad")
    uitwisseling.importeer_werkblad_bestand(m, naam, inhoud)
    na_k = store.koppelingen(werkruimte, "Laak").drop(columns=["id"])
    na_i = store.items(werkruimte, "Laak").drop(columns=["id", "koppeling_id"])
    assert na_k.equals(voor_k)
    cols = list(voor_i.columns)
    assert (
        na_i.sort_values(cols)
        .reset_index(drop=True)
        .equals(voor_i.sort_values(cols).reset_index(drop=True))
    )


def test_upload_name_is_sanitised() -> None:
    assert uitwisseling.veilige_bestandsnaam("../../etc/passwd") == "passwd"
    assert uitwisseling.veilige_bestandsnaam("C:\\temp\\Opgaven Laak.XLSX") == "opgaven-laak.xlsx"
