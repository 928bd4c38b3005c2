"""Honest rankings: completeness rule, mixed scales, refused zero weights and NaN drempel."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_afweging import maak_criteria, maak_scores

from wijkanalyse import afweging as af
from wijkanalyse.core.errors import InvoerFout

ACHT = [(c, f"Criterium {c}", 1, 1, 5) for c in range(1, 9)]


def _partieel_voorbeeld() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Opgave 1: one resident, 6 of 8 criteria, all 5s. Opgave 2 and 3: both groups, all 8."""
    criteria = maak_criteria(*ACHT)
    rijen = [("opgave", 1, c, 5, "Bewoner 1", "bewoners") for c in range(1, 7)]
    for oid, waarde in ((2, 4), (3, 2)):
        for c in range(1, 9):
            rijen.append(("opgave", oid, c, waarde, "Projectleider", "projectteam"))
            rijen.append(("opgave", oid, c, waarde, "Bewoner 2", "bewoners"))
    return criteria, maak_scores(rijen)


def test_gedeeltelijk_gescoord_onderwerp_haalt_de_drempel_niet_en_staat_apart():
    criteria, scores = _partieel_voorbeeld()
    uit = af.afweeg(scores, criteria, 3.0, n_trekkingen=50)
    rang = uit.ranglijst.set_index("onderwerp_id")
    # the partial subject has the highest raw total but no place and never passes
    assert rang.loc[1, "totaal"] == 5.0
    assert not rang.loc[1, "haalt_drempel"] and pd.isna(rang.loc[1, "rang"])
    assert rang.loc[2, "rang"] == 1 and rang.loc[2, "haalt_drempel"]
    assert rang.loc[3, "rang"] == 2 and not rang.loc[3, "haalt_drempel"]
    assert uit.ranglijst["onderwerp_id"].tolist() == [2, 3, 1]  # shown apart, after the ranked
    assert uit.gehaald["onderwerp_id"].tolist() == [2]
    assert uit.onvolledig["onderwerp_id"].tolist() == [1]
    reden = rang.loc[1, "reden_onvolledig"]
    assert "Criterium 7: door niemand gescoord" in reden
    assert "Criterium 8: door niemand gescoord" in reden
    # the sensitivity analysis and the smallest change agree: it can never pass
    gev = uit.gevoeligheid.set_index("onderwerp_id")
    assert gev.loc[1, "aandeel_drempel"] == 0 and gev.loc[1, "aandeel_top3"] == 0
    assert not uit.kleinste_wijziging["onderwerp_id"].isin([1]).any()
    een = af.gevoeligheid_een_voor_een(scores, criteria, 3.0, stap=0.9)
    assert not een["erbij"].str.contains("opgave 1").any()


def test_regel_minstens_twee_groepen_en_benoemde_groep():
    criteria = maak_criteria((1, "Draagvlak", 1, 1, 5), (2, "Kosten", 1, 1, 5))
    rijen = [("opgave", 1, c, 4, "Projectleider", "projectteam") for c in (1, 2)]
    rijen += [("opgave", 2, c, 4, "Projectleider", "projectteam") for c in (1, 2)]
    rijen += [("opgave", 2, c, 4, "Corporatie", "corporatie") for c in (1, 2)]
    rijen += [("opgave", 3, c, 4, p, g) for c in (1, 2) for p, g in (("P", "projectteam"),)]
    rijen += [("opgave", 3, c, 4, "B", "Bewoners") for c in (1, 2)]
    scores = maak_scores(rijen)

    standaard = af.totalen(scores, criteria).set_index("onderwerp_id")
    assert standaard["volledig"].all()  # default: one group per criterium is enough

    twee = af.totalen(scores, criteria, regel=af.Volledigheidsregel(2)).set_index("onderwerp_id")
    assert twee["volledig"].tolist() == [False, True, True]
    assert twee.loc[1, "reden_onvolledig"] == (
        "Draagvlak: alleen gescoord door projectteam (nodig: minstens 2 groepen); "
        "Kosten: alleen gescoord door projectteam (nodig: minstens 2 groepen)"
    )
    regel = af.Volledigheidsregel(2, ("bewoners",))
    met_bewoners = af.totalen(scores, criteria, regel=regel).set_index("onderwerp_id")
    # group names compare without case: "Bewoners" counts as bewoners
    assert met_bewoners["volledig"].tolist() == [False, False, True]
    assert "bewoners ontbreekt" in met_bewoners.loc[2, "reden_onvolledig"]
    rang = af.rangschikking(af.totalen(scores, criteria, regel=regel), 3.0)
    assert rang["haalt_drempel"].tolist() == [True, False, False]
    assert regel.beschrijving() == (
        "elk criterium gescoord door minstens 2 groepen, waaronder bewoners"
    )


@pytest.mark.parametrize("slecht", [0, -1, 1.5, "twee"])
def test_regel_weigert_onzin(slecht):
    with pytest.raises(InvoerFout, match="^Minimum aantal groepen: .* kies een heel getal van 1"):
        af.Volledigheidsregel(slecht)


def test_verschillende_schalen_tellen_even_zwaar():
    """1-5 next to 0-100: a 5 of 5 weighs as much as 100 of 100 after normalisation."""
    criteria = maak_criteria((1, "Enthousiasme", 1, 1, 5), (2, "Procent draagvlak", 1, 0, 100))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 5, "an", "team"),  # top on the narrow scale
            ("opgave", 1, 2, 0, "an", "team"),  # bottom on the wide one
            ("opgave", 2, 1, 1, "an", "team"),
            ("opgave", 2, 2, 100, "an", "team"),
            ("opgave", 3, 1, 3, "an", "team"),
            ("opgave", 3, 2, 75, "an", "team"),
        ]
    )
    tot = af.totalen(scores, criteria).set_index("onderwerp_id")
    assert tot.attrs["schaal"] == (1, 5)
    # on 1-5: opgave 1 = (5 + 1) / 2, opgave 2 = (1 + 5) / 2; in raw units they would be
    # 2.5 and 50.5, so the wide scale would decide everything
    assert tot.loc[1, "totaal"] == pytest.approx(3.0)
    assert tot.loc[2, "totaal"] == pytest.approx(3.0)
    # opgave 3: 3 and 75% -> 1 + 4 * 0.75 = 4 -> (3 + 4) / 2
    assert tot.loc[3, "totaal"] == pytest.approx(3.5)
    assert "gemeenschappelijke schaal" in af.FORMULE_UITLEG
    assert "L + (H - L)" in af.FORMULE_UITLEG
    waarden = af.criterium_waarden(scores, criteria).set_index(["onderwerp_id", "criterium_id"])
    assert waarden.loc[(3, 2), "waarde"] == pytest.approx(4.0)


def _klein() -> tuple[pd.DataFrame, pd.DataFrame]:
    criteria = maak_criteria((1, "A", 0, 1, 5), (2, "B", 0, 1, 5))
    scores = maak_scores(
        [("opgave", 1, c, 4, "an", "team") for c in (1, 2)]
        + [("opgave", 2, c, 2, "bo", "bewoners") for c in (1, 2)]
    )
    return criteria, scores


def _alle_functies(scores, criteria, drempel=3.0, groep_gewichten=None):
    return {
        "totalen": lambda: af.totalen(scores, criteria, groep_gewichten),
        "totalen_per_groep": lambda: af.totalen_per_groep(scores, criteria),
        "gevoeligheid": lambda: af.gevoeligheid(
            scores, criteria, drempel, n_trekkingen=5, groep_gewichten=groep_gewichten
        ),
        "een_voor_een": lambda: af.gevoeligheid_een_voor_een(
            scores, criteria, drempel, groep_gewichten=groep_gewichten
        ),
        "kleinste_wijziging": lambda: af.kleinste_wijziging(
            scores, criteria, drempel, groep_gewichten=groep_gewichten
        ),
        "afweeg": lambda: af.afweeg(
            scores, criteria, drempel, n_trekkingen=5, groep_gewichten=groep_gewichten
        ),
    }


ALLE = ["totalen", "totalen_per_groep", "gevoeligheid", "een_voor_een", "kleinste_wijziging"]


@pytest.mark.parametrize("naam", [*ALLE, "afweeg"])
def test_alle_gewichten_nul_geweigerd(naam):
    criteria, scores = _klein()
    with pytest.raises(InvoerFout, match="alle criteria hebben gewicht 0") as fout:
        _alle_functies(scores, criteria)[naam]()
    assert "kolom 'gewicht'" in str(fout.value)


@pytest.mark.parametrize(
    "naam", ["totalen", "gevoeligheid", "een_voor_een", "kleinste_wijziging", "afweeg"]
)
def test_alle_groepsgewichten_nul_geweigerd(naam):
    criteria, scores = _klein()
    criteria["gewicht"] = 1.0
    nul = {"team": 0.0, "bewoners": 0}
    with pytest.raises(InvoerFout, match="alle groepsgewichten staan op 0"):
        _alle_functies(scores, criteria, groep_gewichten=nul)[naam]()
    # one group at 0 is allowed: only the other counts
    tot = af.totalen(scores, criteria, {"team": 0.0})
    assert tot.set_index("onderwerp_id").loc[2, "totaal"] == 2.0


@pytest.mark.parametrize("drempel", [math.nan, math.inf, -math.inf, None, "3"])
@pytest.mark.parametrize("naam", ["gevoeligheid", "een_voor_een", "kleinste_wijziging", "afweeg"])
def test_drempel_zonder_getal_geweigerd(naam, drempel):
    criteria, scores = _klein()
    criteria["gewicht"] = 1.0
    with pytest.raises(InvoerFout, match="Drempel: .*(geen getal|vul een getal in)"):
        _alle_functies(scores, criteria, drempel=drempel)[naam]()


def test_rangschikking_weigert_nan_drempel():
    criteria, scores = _klein()
    criteria["gewicht"] = 1.0
    with pytest.raises(InvoerFout, match="^Drempel: vul een getal in"):
        af.rangschikking(af.totalen(scores, criteria), math.nan)
