"""The completeness rule and drempel stored with the kader, checked by the one set of rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wijkanalyse import store
from wijkanalyse.core import defaults
from wijkanalyse.core.errors import InvoerFout
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
        "drempel": defaults.DREMPEL,
        "capaciteit": defaults.CAPACITEIT,
        "min_groepen": defaults.MIN_GROEPEN,
        "vereiste_groepen": list(defaults.VEREISTE_GROEPEN),
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
        ({"drempel": float("nan")}, "Drempel: vul een getal in, bijvoorbeeld 3,2."),
        ({"drempel": "inf"}, "Drempel: 'inf' is geen getal; kies een getal, bijvoorbeeld 3,2."),
        ({"capaciteit": -1}, "Capaciteit: -1 kan niet; kies een heel getal van 0 of meer."),
        ({"capaciteit": "2,5"}, "Capaciteit: '2,5' is geen heel getal; kies een heel getal van"),
        (
            {"min_groepen": 0},
            "Minimum aantal groepen: 0 kan niet; kies een heel getal van 1 of meer.",
        ),
        (
            {"min_groepen": "nan"},
            "Minimum aantal groepen: 'nan' is geen getal; kies een heel getal van 1 of meer.",
        ),
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
    assert store.kader(werkruimte, "Laak")["min_groepen"] == defaults.MIN_GROEPEN
    store.zet_kader(werkruimte, "Laak", drempel=3.0, capaciteit=4, min_groepen=3)
    assert store.kader(werkruimte, "Laak")["min_groepen"] == 3


def _criteria(schaal_min: int = 1, schaal_max: int = 5, **velden: object):
    import pandas as pd

    rij = {"naam": "Kosten", "richting": "lager is beter", "gewicht": 1.0,
           "schaal_min": schaal_min, "schaal_max": schaal_max, **velden}  # fmt: skip
    return pd.DataFrame([rij, {**rij, "naam": "Draagvlak", "richting": "hoger is beter"}])


def test_drempel_buiten_de_schaal_door_elke_ingang_geweigerd(werkruimte: Path) -> None:
    """The store refuses a drempel outside the kader's scale (not only the form), in the
    form's words, and changes nothing: setting the kader, saving criteria with it, a new
    wijk, a kader copied to a wijk."""
    store.zet_afwegingskader(werkruimte, "Laak", _criteria(), drempel=3, capaciteit=4)
    voor = (store.kader(werkruimte, "Laak"), store.criteria(werkruimte, "Laak"))
    melding = "Drempel: 32 kan niet; kies een getal van 1 tot en met 5 (de schaal van het kader)."
    with pytest.raises(InvoerFout) as fout:
        store.zet_kader(werkruimte, "Laak", drempel=32, capaciteit=4)
    assert str(fout.value) == melding
    with pytest.raises(InvoerFout, match="Drempel: 0,5 kan niet; kies een getal van 1 tot"):
        store.zet_kader(werkruimte, "Laak", drempel="0,5", capaciteit=4)
    crit = store.criteria(werkruimte, "Laak")
    with pytest.raises(InvoerFout) as fout:
        store.zet_afwegingskader(werkruimte, "Laak", crit, drempel="32", capaciteit=4)
    assert str(fout.value) == melding
    # a scale and a drempel saved together: the drempel is checked against the new scale
    with pytest.raises(InvoerFout, match="Drempel: 3 kan niet; kies een getal van 6 tot en met 10"):
        store.zet_afwegingskader(
            werkruimte, "Laak", crit.assign(schaal_min=6, schaal_max=10), drempel=3, capaciteit=4
        )
    na = (store.kader(werkruimte, "Laak"), store.criteria(werkruimte, "Laak"))
    assert na[0] == voor[0]
    assert na[1].equals(voor[1])
    store.zet_afwegingskader(
        werkruimte, "Laak", crit.assign(schaal_min=0, schaal_max=100), drempel=32, capaciteit=4
    )
    assert store.kader(werkruimte, "Laak")["drempel"] == 32.0

    with pytest.raises(InvoerFout, match="Drempel: 32 kan niet"):
        store.voeg_wijk_toe(werkruimte, "Selwerd", "Groningen", criteria=_criteria(), drempel=32)
    assert "Selwerd" not in store.wijken(werkruimte)["naam"].tolist()

    # a copy of a consistent kader passes; a target wijk ends consistent too
    store.voeg_wijk_toe(werkruimte, "Selwerd", "Groningen", criteria=_criteria())
    store.kopieer_kader(werkruimte, "Laak", ["Selwerd"])
    assert store.kader(werkruimte, "Selwerd")["drempel"] == 32.0


@pytest.mark.parametrize(
    ("criteria", "tekst"),
    [
        (_criteria(gewicht=-0.5), "Gewicht: -0,5 kan niet; kies een getal van 0 of meer."),
        (_criteria(gewicht="veel"), "Gewicht: 'veel' is geen getal; kies een getal van 0 of meer."),
        (
            _criteria(schaal_min=5, schaal_max=5),
            "Hoogste schaalwaarde: 5 kan niet; kies een heel getal van 6 of meer (groter dan de "
            "laagste schaalwaarde).",
        ),
        (
            _criteria(schaal_min=5, schaal_max=1),
            "Hoogste schaalwaarde: 1 kan niet; kies een heel getal van 6 of meer",
        ),
        (
            _criteria(schaal_min="1,5"),
            "Laagste schaalwaarde: '1,5' is geen heel getal; kies een heel getal.",
        ),
    ],
)
def test_onzin_in_de_criteria_geweigerd_en_niets_veranderd(werkruimte, criteria, tekst) -> None:
    """Every number field of a criterium is refused in the drempel's words: the field, what
    it allows, a decimal comma."""
    voor = store.criteria(werkruimte, "Laak")
    with pytest.raises(InvoerFout) as fout:
        store.zet_afwegingskader(werkruimte, "Laak", criteria, drempel=3, capaciteit=4)
    assert tekst in fout.value.melding
    assert store.criteria(werkruimte, "Laak").equals(voor)
