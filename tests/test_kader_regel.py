"""The completeness rule and drempel stored with the kader, checked by the one set of rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wijkanalyse import standaard, store
from wijkanalyse.errors import InvoerFout
from wijkanalyse.model import open_wijk

BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


def _met_laak(p: Path | str) -> Path | str:
    p = store.maak_werkruimte(p)
    store.voeg_wijk_toe(p, "Laak", "Den Haag", 40795)
    return p


@pytest.fixture
def werkruimte(nieuwe_werkruimte) -> Path | str:
    return _met_laak(nieuwe_werkruimte())


def test_nieuwe_wijk_krijgt_de_standaarden(werkruimte: Path) -> None:
    assert store.kader(werkruimte, "Laak") == {
        "drempel": standaard.DREMPEL,
        "capaciteit": standaard.CAPACITEIT,
        "min_groepen": standaard.MIN_GROEPEN,
        "vereiste_groepen": list(standaard.VEREISTE_GROEPEN),
    }


def test_regel_blijft_bewaard_ook_na_heropenen(werkruimte: Path) -> None:
    store.zet_kader(
        werkruimte, "Laak", drempel="3,5", capaciteit=3, min_groepen="2",
        vereiste_groepen="bewoners, Bewoners ,corporatie",
    )  # fmt: skip
    model = open_wijk("Laak", werkruimte)
    assert model.kader()["drempel"] == 3.5
    regel = model.regel()
    assert (regel.min_groepen, regel.groepen) == (2, ("bewoners", "corporatie"))
    # only drempel changed: the rule stays
    store.zet_kader(werkruimte, "Laak", drempel=3.0, capaciteit=3)
    assert open_wijk("Laak", werkruimte).regel().min_groepen == 2


@pytest.mark.parametrize(
    ("velden", "tekst"),
    [
        ({"drempel": float("nan")}, "kolom 'drempel': de drempel moet een getal zijn"),
        ({"drempel": "inf"}, "de drempel moet een getal zijn (nu: 'inf')"),
        ({"capaciteit": -1}, "De capaciteit kan niet negatief zijn"),
        ({"min_groepen": 0}, "het minimum aantal groepen is een heel getal van 1 of meer"),
        ({"min_groepen": "nan"}, "het minimum aantal groepen is een heel getal van 1 of meer"),
    ],
)
def test_onzin_in_het_kader_geweigerd_en_niets_veranderd(werkruimte, velden, tekst) -> None:
    voor = store.kader(werkruimte, "Laak")
    args = {"drempel": 3.0, "capaciteit": 4, **velden}
    with pytest.raises(InvoerFout) as fout:
        store.zet_kader(werkruimte, "Laak", **args)
    assert tekst in str(fout.value)
    assert store.kader(werkruimte, "Laak") == voor


def test_oude_werkruimte_zonder_regeltabel(tmp_path: Path) -> None:
    """A SQLite workspace from before the rule existed (PostgreSQL ones always have it)."""
    werkruimte = _met_laak(tmp_path / "w.sqlite")
    con = sqlite3.connect(werkruimte)
    con.execute("DROP TABLE kader_regels")
    con.commit()
    con.close()
    assert store.kader(werkruimte, "Laak")["min_groepen"] == standaard.MIN_GROEPEN
    store.zet_kader(werkruimte, "Laak", drempel=3.0, capaciteit=4, min_groepen=3)
    assert store.kader(werkruimte, "Laak")["min_groepen"] == 3
