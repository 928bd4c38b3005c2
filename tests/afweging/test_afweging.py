"""Tests of the afwegingskader arithmetic (wijkanalyse.afweging).

Published worked examples, hand calculations, traceability from raw score rows, properties
(hypothesis) and the Dutch error messages a user sees.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkanalyse import afweging as af
from wijkanalyse.core.errors import InvoerFout

# --------------------------------------------------------------------------------------------
# builders
# --------------------------------------------------------------------------------------------


def maak_criteria(*specs: tuple) -> pd.DataFrame:
    """specs: (id, naam, gewicht, schaal_min, schaal_max[, richting])."""
    rijen = []
    for i, spec in enumerate(specs):
        cid, naam, gewicht, lo, hi, *rest = spec
        rijen.append(
            {
                "id": cid,
                "naam": naam,
                "vraag": "",
                "richting": rest[0] if rest else "hoger is beter",
                "gewicht": float(gewicht),
                "schaal_min": lo,
                "schaal_max": hi,
                "betekenis_min": "",
                "betekenis_max": "",
                "volgorde": i,
            }
        )
    return pd.DataFrame(rijen)


def maak_scores(rijen: list[tuple]) -> pd.DataFrame:
    """rijen: (soort, onderwerp_id, criterium_id, waarde, scorer, groep[, moment])."""
    data = []
    for i, r in enumerate(rijen, start=1):
        soort, oid, cid, waarde, scorer, groep, *rest = r
        data.append(
            {
                "id": i,
                "onderwerp_soort": soort,
                "onderwerp_id": oid,
                "criterium_id": cid,
                "waarde": waarde,
                "scorer": scorer,
                "groep": groep,
                "moment": rest[0] if rest else "2026-11-01",
            }
        )
    return pd.DataFrame(data)


def matrix_als_scores(matrix: dict[int, list[int]], groep: str = "team") -> pd.DataFrame:
    """A decision matrix (alternative -> values per criterium 1..n), one scorer per value."""
    rijen = []
    for oid, waarden in matrix.items():
        for cid, v in enumerate(waarden, start=1):
            rijen.append(("opgave", oid, cid, v, f"scorer {oid}-{cid}", groep))
    return maak_scores(rijen)


def totaal_van(tot: pd.DataFrame, soort: str, oid: int) -> float:
    rij = tot[(tot["onderwerp_soort"] == soort) & (tot["onderwerp_id"] == oid)]
    assert len(rij) == 1
    return float(rij["totaal"].iloc[0])


# --------------------------------------------------------------------------------------------
# published worked examples
# --------------------------------------------------------------------------------------------


def test_wsm_voorbeeld_triantaphyllou():
    """WSM example of Triantaphyllou, *Multi-criteria Decision Making Methods: A Comparative
    Study* (Kluwer, 2000), ch. 2, as reproduced in the Wikipedia article "Weighted sum model":
    weights 0.20, 0.15, 0.40, 0.25; A1 = (25, 20, 15, 30), A2 = (10, 30, 20, 30),
    A3 = (30, 10, 30, 10); published WSM scores 21.50, 22.00, 22.00 (A2 and A3 tie).

    Hand check: A1 = 5 + 3 + 6 + 7.5 = 21.5; A2 = 2 + 4.5 + 8 + 7.5 = 22.0;
    A3 = 6 + 1.5 + 12 + 2.5 = 22.0. The weights sum to 1, so our total equals the WSM score.
    """
    criteria = maak_criteria(
        (1, "C1", 0.20, 0, 40), (2, "C2", 0.15, 0, 40), (3, "C3", 0.40, 0, 40),
        (4, "C4", 0.25, 0, 40),
    )  # fmt: skip
    scores = matrix_als_scores({1: [25, 20, 15, 30], 2: [10, 30, 20, 30], 3: [30, 10, 30, 10]})
    tot = af.totalen(scores, criteria)
    assert totaal_van(tot, "opgave", 1) == pytest.approx(21.50)
    assert totaal_van(tot, "opgave", 2) == pytest.approx(22.00)
    assert totaal_van(tot, "opgave", 3) == pytest.approx(22.00)

    rang = af.rangschikking(tot, drempel=22.0)
    assert rang["onderwerp_id"].tolist() == [2, 3, 1]  # A2 and A3 tie, stable by id
    assert rang["rang"].tolist() == [1, 1, 3]
    assert rang["gedeeld"].tolist() == [True, True, False]
    assert rang["haalt_drempel"].tolist() == [True, True, False]


def test_gewogen_som_voorbeeld_camera_ongenormaliseerde_gewichten():
    """Altair Panopticon documentation, "Weighted Sum", sample 2: weights 8, 8, 5; Cony
    (7, 5, 6) -> 126, Sanon (6, 5, 7) -> 123. Our total divides by the sum of weights (21):
    126 / 21 = 6.0 and 123 / 21 = 5.857142... (hand calculation), same order.
    """
    criteria = maak_criteria(
        (1, "Beeld", 8, 1, 10), (2, "Batterij", 8, 1, 10), (3, "Zoom", 5, 1, 10)
    )
    scores = matrix_als_scores({1: [7, 5, 6], 2: [6, 5, 7]})
    tot = af.totalen(scores, criteria)
    assert totaal_van(tot, "opgave", 1) == pytest.approx(126 / 21)
    assert totaal_van(tot, "opgave", 2) == pytest.approx(123 / 21)
    assert af.rangschikking(tot, 6.0)["haalt_drempel"].tolist() == [True, False]


# --------------------------------------------------------------------------------------------
# hand calculations and traceability
# --------------------------------------------------------------------------------------------


def test_kostencriterium_wordt_omgedraaid():
    """Hand calculation, scale 1-5: 'Kosten' (lager is beter) scored 2 counts as 1 + 5 - 2 = 4;
    'Draagvlak' scored 3, weights 1 and 3: total = (3*1 + 4*3) / 4 = 3.75."""
    criteria = maak_criteria((1, "Draagvlak", 1, 1, 5), (2, "Kosten", 3, 1, 5, "lager is beter"))
    scores = maak_scores([("opgave", 1, 1, 3, "an", "team"), ("opgave", 1, 2, 2, "an", "team")])
    tot = af.totalen(scores, criteria)
    assert totaal_van(tot, "opgave", 1) == pytest.approx(3.75)
    assert tot["bijdrage_1"].iloc[0] == pytest.approx(0.75)
    assert tot["bijdrage_2"].iloc[0] == pytest.approx(3.0)
    # gemiddelden shows what was scored, not the reversed value
    gem = af.gemiddelden(scores, criteria)
    assert gem.loc[gem["criterium_id"] == 2, "gemiddelde"].item() == 2


def _traceer_voorbeeld() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    criteria = maak_criteria(
        (10, "Enthousiasme bewoners", 2.0, 1, 5),
        (20, "Kosten", 1.5, 1, 5, "lager is beter"),
        (30, "Tempo", 0.5, 0, 10),
    )
    rijen = [
        ("opgave", 7, 10, 4, "an", "projectteam"),
        ("opgave", 7, 10, 5, "bo", "projectteam"),
        ("opgave", 7, 10, 2, "cas", "bewoners"),
        ("opgave", 7, 20, 1, "an", "projectteam", "2026-10-01"),
        ("opgave", 7, 20, 4, "an", "projectteam", "2026-11-05"),  # later: this one counts
        ("opgave", 7, 20, 3, "cas", "bewoners"),
        ("opgave", 7, 20, 5, "dirk", "bewoners"),
        ("opgave", 7, 30, 9, "bo", "projectteam"),
        ("koppeling", 7, 10, 1, "an", "projectteam"),  # same id, other soort: another subject
    ]
    return criteria, maak_scores(rijen), {"projectteam": 1.0, "bewoners": 3.0}


def test_totaal_is_na_te_rekenen_uit_ruwe_scores():
    """Recompute opgave 7 from the raw rows with an explicit loop and compare."""
    criteria, scores, groep_gewichten = _traceer_voorbeeld()
    # explicit loop: latest score per scorer, mean per group, reverse cost, weigh groups
    laatste: dict[tuple, tuple[str, int]] = {}
    for r in scores.itertuples():
        if r.onderwerp_soort != "opgave" or r.onderwerp_id != 7:
            continue
        sleutel = (r.criterium_id, r.groep, r.scorer)
        if sleutel not in laatste or r.moment >= laatste[sleutel][0]:
            laatste[sleutel] = (r.moment, r.waarde)
    teller = noemer = 0.0
    for c in criteria.itertuples():
        per_groep: dict[str, list[int]] = {}
        for (cid, groep, _), (_, waarde) in laatste.items():
            if cid == c.id:
                per_groep.setdefault(groep, []).append(waarde)
        if not per_groep:
            continue
        som_g = gew_g = 0.0
        for groep, waarden in per_groep.items():
            m = sum(waarden) / len(waarden)
            if c.richting == "lager is beter":
                m = c.schaal_min + c.schaal_max - m
            # onto the common scale 1-5 (the scale most criteria use)
            m = 1 + 4 * (m - c.schaal_min) / (c.schaal_max - c.schaal_min)
            som_g += groep_gewichten[groep] * m
            gew_g += groep_gewichten[groep]
        teller += c.gewicht * som_g / gew_g
        noemer += c.gewicht
    verwacht = teller / noemer
    # and by hand: crit 10: team 4.5, bewoners 2 -> (4.5 + 3*2)/4 = 2.625
    # crit 20: team 6-4 = 2, bewoners 6-4 = 2 -> 2; crit 30 (scale 0-10): team only 9,
    # on the common scale 1-5: 1 + 4 * 9/10 = 4.6
    # total = (2*2.625 + 1.5*2 + 0.5*4.6) / 4 = 10.55 / 4 = 2.6375
    assert verwacht == pytest.approx(2.6375)

    tot = af.totalen(scores, criteria, groep_gewichten)
    assert totaal_van(tot, "opgave", 7) == pytest.approx(verwacht)
    rij = tot[tot["onderwerp_soort"] == "opgave"].iloc[0]
    bijdragen = [rij[af.bijdrage_kolom(c)] for c in criteria["id"]]
    assert sum(bijdragen) == pytest.approx(rij["totaal"])
    assert totaal_van(tot, "koppeling", 7) == pytest.approx(1.0)


def test_gemiddelden_tellen_elke_scorer_een_keer():
    criteria, scores, _ = _traceer_voorbeeld()
    gem = af.gemiddelden(scores, criteria)
    kosten_team = gem[
        (gem["onderwerp_soort"] == "opgave")
        & (gem["groep"] == "projectteam")
        & (gem["criterium_id"] == 20)
    ]
    assert kosten_team["n"].item() == 1
    assert kosten_team["gemiddelde"].item() == 4
    bewoners = gem[(gem["groep"] == "bewoners") & (gem["criterium_id"] == 20)]
    assert bewoners["n"].item() == 2
    assert bewoners["gemiddelde"].item() == 4
    assert list(gem.columns) == [
        "onderwerp_soort", "onderwerp_id", "groep", "criterium_id", "gemiddelde", "n",
    ]  # fmt: skip


def test_groepen_tellen_even_zwaar_zonder_groepsgewichten():
    """Hand calculation: team (4, 5) mean 4.5 and bewoners (2) -> (4.5 + 2) / 2 = 3.25,
    not the mean of all three scores (11/3)."""
    criteria = maak_criteria((1, "A", 1, 1, 5))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 4, "an", "team"),
            ("opgave", 1, 1, 5, "bo", "team"),
            ("opgave", 1, 1, 2, "cas", "bewoners"),
        ]
    )
    assert totaal_van(af.totalen(scores, criteria), "opgave", 1) == pytest.approx(3.25)
    # a group left out of groep_gewichten weighs 1: bewoners 3 -> (4.5 + 3*2) / 4
    tot = af.totalen(scores, criteria, {"bewoners": 3})
    assert totaal_van(tot, "opgave", 1) == pytest.approx(2.625)


def test_ontbrekend_criterium_onvolledig_totaal_over_gescoorde_criteria():
    criteria = maak_criteria(
        (1, "Draagvlak", 1, 1, 5), (2, "Kosten", 3, 1, 5), (3, "Tijd", 1, 1, 5)
    )
    scores = maak_scores(
        [
            ("opgave", 1, 1, 5, "an", "team"),
            ("opgave", 1, 3, 3, "an", "team"),
            ("opgave", 2, 1, 2, "an", "team"),
            ("opgave", 2, 2, 2, "an", "team"),
            ("opgave", 2, 3, 2, "an", "team"),
        ]
    )
    tot = af.totalen(scores, criteria).set_index("onderwerp_id")
    # opgave 1: (5*1 + 3*1) / (1 + 1) = 4, Kosten missing
    assert tot.loc[1, "totaal"] == pytest.approx(4.0)
    assert not tot.loc[1, "volledig"]
    assert tot.loc[1, "ontbrekend"] == "Kosten"
    assert tot.loc[1, "bijdrage_2"] == 0.0
    assert tot.loc[2, "volledig"]
    assert tot.loc[2, "ontbrekend"] == ""


def test_lege_scores_geven_lege_tabellen():
    criteria = maak_criteria((1, "A", 1, 1, 5))
    leeg = maak_scores([]).reindex(columns=[*af.SCORE_KOLOMMEN, "id", "moment"])
    tot = af.totalen(leeg, criteria)
    assert len(tot) == 0
    assert {"onderwerp_soort", "onderwerp_id", "totaal", "bijdrage_1"} <= set(tot.columns)
    assert len(af.rangschikking(tot, 3)) == 0
    assert len(af.gevoeligheid(leeg, criteria, 3)) == 0
    assert len(af.gemiddelden(leeg, criteria)) == 0


# --------------------------------------------------------------------------------------------
# validation: what the user reads
# --------------------------------------------------------------------------------------------


def _geldig() -> tuple[pd.DataFrame, pd.DataFrame]:
    criteria = maak_criteria((1, "Draagvlak", 1, 1, 5), (2, "Kosten", 1, 0, 10))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 3, "an", "team"),
            ("opgave", 1, 2, 7, "an", "team"),
            ("opgave", 2, 1, 4, "an", "team"),
        ]
    )
    return criteria, scores


def test_waarde_buiten_schaal_geweigerd_met_schaal_rij_en_kolom():
    criteria, scores = _geldig()
    scores.loc[2, "waarde"] = 6
    with pytest.raises(InvoerFout) as fout:
        af.valideer_scores(scores, criteria)
    assert fout.value.rij == 3
    assert fout.value.kolom == "waarde"
    tekst = str(fout.value)
    assert "rij 3" in tekst and "kolom 'waarde'" in tekst
    assert "Draagvlak" in tekst and "1 tot en met 5" in tekst
    # the same check guards every calculation
    with pytest.raises(InvoerFout):
        af.totalen(scores, criteria)


def test_rijnummer_volgt_het_bestand_met_kopregel():
    criteria, scores = _geldig()
    scores.loc[0, "waarde"] = 0
    with pytest.raises(InvoerFout) as fout:
        af.valideer_scores(scores, criteria, eerste_rij=2)
    assert fout.value.rij == 2


@pytest.mark.parametrize("waarde", [3.5, "drie", None, True])
def test_geen_geheel_getal_geweigerd(waarde):
    criteria, scores = _geldig()
    scores["waarde"] = scores["waarde"].astype(object)
    scores.loc[1, "waarde"] = waarde
    with pytest.raises(InvoerFout) as fout:
        af.valideer_scores(scores, criteria)
    assert fout.value.rij == 2 and fout.value.kolom == "waarde"
    assert "geen geheel getal" in str(fout.value)
    assert "0 tot en met 10" in str(fout.value)


def test_heel_getal_als_float_of_tekstloos_object_is_goed():
    criteria, scores = _geldig()
    scores["waarde"] = scores["waarde"].astype(float)
    af.valideer_scores(scores, criteria)  # 3.0 is a whole number


def test_onbekend_criterium_geweigerd():
    criteria, scores = _geldig()
    scores.loc[1, "criterium_id"] = 99
    with pytest.raises(InvoerFout) as fout:
        af.valideer_scores(scores, criteria)
    assert fout.value.rij == 2 and fout.value.kolom == "criterium_id"
    assert "99" in str(fout.value) and "afwegingskader" in str(fout.value)


@pytest.mark.parametrize(
    ("kolom", "waarde"), [("onderwerp_soort", "wijk"), ("groep", ""), ("scorer", None)]
)
def test_onbekende_soort_of_lege_groep_geweigerd(kolom, waarde):
    criteria, scores = _geldig()
    scores.loc[2, kolom] = waarde
    with pytest.raises(InvoerFout) as fout:
        af.valideer_scores(scores, criteria)
    assert fout.value.rij == 3 and fout.value.kolom == kolom


def test_ontbrekende_kolom_geweigerd():
    criteria, scores = _geldig()
    with pytest.raises(InvoerFout) as fout:
        af.totalen(scores.drop(columns="groep"), criteria)
    assert fout.value.kolom == "groep"


@pytest.mark.parametrize(
    ("kolom", "waarde", "woord"),
    [
        ("richting", "meer is mooier", "richting"),
        ("gewicht", -1.0, "gewicht"),
        ("schaal_max", 1, "groter"),
    ],
)
def test_ongeldig_criterium_geweigerd(kolom, waarde, woord):
    criteria, scores = _geldig()
    criteria.loc[0, kolom] = waarde
    with pytest.raises(InvoerFout) as fout:
        af.totalen(scores, criteria)
    assert fout.value.rij == 1 and fout.value.kolom == kolom
    assert woord in str(fout.value).lower()


# --------------------------------------------------------------------------------------------
# ranking
# --------------------------------------------------------------------------------------------


def _totalen(waarden: dict[tuple[str, int], float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "onderwerp_soort": [k[0] for k in waarden],
            "onderwerp_id": [k[1] for k in waarden],
            "totaal": list(waarden.values()),
        }
    )


def test_gelijke_totalen_delen_rang_en_volgorde_is_stabiel():
    tot = _totalen(
        {
            ("koppeling", 1): 3.5,
            ("opgave", 9): 3.5,
            ("opgave", 2): 3.5,
            ("opgave", 4): 4.0,
            ("opgave", 5): 2.0,
            ("opgave", 6): np.nan,
        }
    )
    rang = af.rangschikking(tot, drempel=3.5)
    assert list(zip(rang["onderwerp_soort"], rang["onderwerp_id"], strict=True)) == [
        ("opgave", 4), ("opgave", 2), ("opgave", 9), ("koppeling", 1), ("opgave", 5),
        ("opgave", 6),
    ]  # fmt: skip
    assert rang["rang"].tolist()[:5] == [1, 2, 2, 2, 5]
    assert rang["rang"].isna().tolist() == [False] * 5 + [True]
    assert rang["gedeeld"].tolist() == [False, True, True, True, False, False]
    assert rang["haalt_drempel"].tolist() == [True, True, True, True, False, False]
    # same input in another order: same result
    rang2 = af.rangschikking(tot.iloc[::-1], drempel=3.5)
    pd.testing.assert_frame_equal(rang, rang2)


def test_drempel_wordt_getoetst_op_het_getoonde_afgeronde_totaal():
    tot = _totalen({("opgave", 1): 2.996, ("opgave", 2): 2.994, ("opgave", 3): 3.001})
    rang = af.rangschikking(tot, drempel=3.0).set_index("onderwerp_id")
    assert rang.loc[1, "haalt_drempel"]  # shown as 3.00
    assert not rang.loc[2, "haalt_drempel"]  # shown as 2.99
    assert rang.loc[1, "rang"] == rang.loc[3, "rang"] == 1  # both 3.00: a tie


def test_top_koppelingen():
    tot = _totalen(
        {
            ("opgave", 1): 5.0,
            ("koppeling", 1): 3.0,
            ("koppeling", 2): 4.0,
            ("koppeling", 3): 3.5,
            ("koppeling", 4): 3.0,
            ("koppeling", 5): 1.0,
        }
    )
    top = af.top_koppelingen(tot)
    assert top["onderwerp_id"].tolist() == [2, 3, 1]  # koppeling 1 and 4 tie: id order
    assert top["onderwerp_soort"].eq("koppeling").all()
    assert top["grens_gedeeld"].tolist() == [False, False, True]
    assert len(af.top_koppelingen(tot, n=10)) == 5


# --------------------------------------------------------------------------------------------
# groups
# --------------------------------------------------------------------------------------------


def test_onenigheid_tussen_groepen_wordt_gemeld():
    criteria = maak_criteria((1, "Draagvlak", 1, 1, 5), (2, "Kosten", 1, 1, 5))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 5, "an", "projectteam"),
            ("opgave", 1, 1, 1, "bob", "bewoners"),
            ("opgave", 1, 2, 3, "an", "projectteam"),
            ("opgave", 1, 2, 2, "bob", "bewoners"),
            ("opgave", 2, 1, 4, "an", "projectteam"),
            ("opgave", 2, 1, 2, "bob", "bewoners"),  # difference exactly 2: not more than 2
        ]
    )
    df = af.onenigheid(scores, criteria, "projectteam", "bewoners", grens=2)
    assert len(df) == 1
    rij = df.iloc[0]
    assert (rij["onderwerp_id"], rij["criterium"], rij["verschil"]) == (1, "Draagvlak", 4)
    assert len(af.onenigheid(scores, criteria, "projectteam", "bewoners", grens=1.5)) == 2
    per_groep = af.totalen_per_groep(scores, criteria)
    team1 = per_groep[(per_groep["onderwerp_id"] == 1) & (per_groep["groep"] == "projectteam")]
    assert team1["totaal"].item() == pytest.approx(4.0)


def test_nog_niet_gescoord_per_groep():
    criteria = maak_criteria((1, "A", 1, 1, 5), (2, "B", 1, 1, 5))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 3, "an", "team"),
            ("opgave", 1, 2, 3, "an", "team"),
            ("opgave", 1, 1, 3, "bo", "bewoners"),
        ]
    )
    onderwerpen = pd.DataFrame({"onderwerp_soort": ["opgave", "opgave"], "onderwerp_id": [1, 2]})
    df = af.nog_niet_gescoord(scores, criteria, onderwerpen)
    gaten = set(zip(df["groep"], df["onderwerp_id"], df["criterium_id"], strict=True))
    assert gaten == {
        ("bewoners", 1, 2), ("bewoners", 2, 1), ("bewoners", 2, 2), ("team", 2, 1),
        ("team", 2, 2),
    }  # fmt: skip
    extra = af.nog_niet_gescoord(scores, criteria, onderwerpen, groepen=["corporatie"])
    assert len(extra) == 4


# --------------------------------------------------------------------------------------------
# sensitivity
# --------------------------------------------------------------------------------------------


def _gevoelig_voorbeeld() -> tuple[pd.DataFrame, pd.DataFrame]:
    criteria = maak_criteria(
        (1, "A", 1, 1, 5), (2, "B", 1, 1, 5), (3, "C", 2, 1, 5, "lager is beter")
    )
    matrix = {1: [5, 5, 1], 2: [1, 1, 5], 3: [4, 2, 3], 4: [2, 4, 2], 5: [3, 3, 3]}
    rijen = [
        ("opgave", o, c, v, "an", "team") for o, vs in matrix.items() for c, v in enumerate(vs, 1)
    ]
    rijen += [("koppeling", 1, c, 3, "an", "team") for c in (1, 2, 3)]
    return criteria, maak_scores(rijen)


def test_gevoeligheid_deterministisch_en_aandelen_tussen_0_en_1():
    criteria, scores = _gevoelig_voorbeeld()
    een = af.gevoeligheid(scores, criteria, 3.2, n_trekkingen=500, seed=7)
    twee = af.gevoeligheid(scores, criteria, 3.2, n_trekkingen=500, seed=7)
    pd.testing.assert_frame_equal(een, twee)
    for kolom in ("aandeel_drempel", "aandeel_top3"):
        assert een[kolom].between(0, 1).all()
    r = een.set_index(["onderwerp_soort", "onderwerp_id"])
    assert r.loc[("opgave", 1), "aandeel_drempel"] == 1.0  # total 5, far above 3.2
    assert r.loc[("opgave", 1), "aandeel_top3"] == 1.0
    assert r.loc[("opgave", 2), "aandeel_drempel"] == 0.0  # total 1
    assert r.loc[("koppeling", 1), "aandeel_top3"] == 1.0  # only koppeling: top of its soort
    # opgave 4: (2 + 4 + 2*4) / 4 = 3.5 and opgave 3: (4 + 2 + 2*3) / 4 = 3.0, hand calculation
    assert r.loc[("opgave", 4), "totaal"] == pytest.approx(3.5)
    # with weights within ±25% opgave 4 stays >= (2.5 + 3 + 6) / 3.5 = 3.29: always passes
    assert r.loc[("opgave", 4), "aandeel_drempel"] == 1.0
    # opgave 3 = (4a + 2b + 3c) / (a + b + c) sits exactly on 3.0 with the agreed weights:
    # some weightings lift it, some drop it
    bij_3 = af.gevoeligheid(scores, criteria, 3.0, n_trekkingen=500, seed=7)
    assert 0 < bij_3.set_index("onderwerp_id").loc[3, "aandeel_drempel"].item() < 1
    assert (r["min_totaal"] <= r["totaal"] + 1e-12).all()
    assert (r["max_totaal"] >= r["totaal"] - 1e-12).all()


def test_gevoeligheid_is_dezelfde_som_als_een_lus_over_trekkingen():
    """The vectorised draws equal a plain loop that recomputes totalen with drawn weights."""
    criteria, scores = _gevoelig_voorbeeld()
    drempel, n, spreiding, seed = 3.4, 40, 0.25, 3
    gev = af.gevoeligheid(scores, criteria, drempel, n_trekkingen=n, spreiding=spreiding, seed=seed)
    rng = np.random.default_rng(seed)
    factoren = rng.uniform(1 - spreiding, 1 + spreiding, size=(n, len(criteria)))
    gehaald = np.zeros(len(gev))
    for f in factoren:
        anders = criteria.assign(gewicht=criteria["gewicht"] * f)
        tot = af.totalen(scores, anders)
        gehaald += (
            af.rangschikking(tot, drempel)
            .set_index(["onderwerp_soort", "onderwerp_id"])
            .loc[
                list(zip(gev["onderwerp_soort"], gev["onderwerp_id"], strict=True)), "haalt_drempel"
            ]
        )
    np.testing.assert_allclose(gev["aandeel_drempel"], gehaald / n)


def test_zonder_spreiding_zijn_aandelen_nul_of_een():
    criteria, scores = _gevoelig_voorbeeld()
    gev = af.gevoeligheid(scores, criteria, 3.2, n_trekkingen=20, spreiding=0.0)
    assert set(gev["aandeel_drempel"]) <= {0.0, 1.0}
    assert (gev["aandeel_drempel"] == gev["haalt_drempel"].astype(float)).all()


def test_een_voor_een_laat_zien_wie_erbij_komt():
    """Hand calculation: opgave 4 = (2*1 + 4*1 + 4*2) / 4 = 3.5 (C reversed: 6-2 = 4).
    Drempel 3.55: B +25% -> (2 + 5 + 8) / 4.25 = 3.529 no; C +25% -> (2 + 4 + 10) / 4.5 =
    3.556 -> 3.56: passes. A -25% -> (1.5 + 4 + 8) / 3.75 = 3.6: passes."""
    criteria, scores = _gevoelig_voorbeeld()
    df = af.gevoeligheid_een_voor_een(scores, criteria, 3.55).set_index(["criterium_id", "factor"])
    assert "opgave 4" in df.loc[(3, 1.25), "erbij"]
    assert "opgave 4" in df.loc[(1, 0.75), "erbij"]
    assert "opgave 4" not in df.loc[(2, 1.25), "erbij"]
    assert df.loc[(3, 1.25), "nieuw_gewicht"] == pytest.approx(2.5)
    gev = af.gevoeligheid(scores, criteria, 3.55, n_trekkingen=10)
    assert gev.set_index("onderwerp_id").loc[4, "wisselt_een_voor_een"].any()


def _haalt_set(scores: pd.DataFrame, criteria: pd.DataFrame, drempel: float) -> set:
    rang = af.rangschikking(af.totalen(scores, criteria), drempel)
    gehaald = rang[rang["haalt_drempel"]]
    return set(zip(gehaald["onderwerp_soort"], gehaald["onderwerp_id"], strict=True))


def test_kleinste_wijziging_is_precies_het_kantelpunt():
    criteria, scores = _gevoelig_voorbeeld()
    drempel = 3.55
    basis = _haalt_set(scores, criteria, drempel)
    kw = af.kleinste_wijziging(scores, criteria, drempel)
    assert kw["relatieve_wijziging"].notna().any()
    for rij in kw.itertuples():
        if np.isnan(rij.factor):
            continue
        j = criteria.index[criteria["id"] == rij.criterium_id][0]
        for stap, verandert in ((1e-6, True), (-1e-6, False)):
            f = rij.factor + np.sign(rij.factor - 1) * stap
            anders = criteria.copy()
            anders.loc[j, "gewicht"] = criteria.loc[j, "gewicht"] * f
            nieuw = _haalt_set(scores, anders, drempel)
            assert (nieuw != basis) is verandert, (rij, stap)
            if verandert:
                assert (rij.onderwerp_soort, rij.onderwerp_id) in nieuw ^ basis
                assert rij.wordt == (
                    "haalt de drempel"
                    if (rij.onderwerp_soort, rij.onderwerp_id) in nieuw
                    else "valt onder de drempel"
                )
    # by hand for C (weight 2f): opgave 4 = (2 + 4 + 4*2f) / (2 + 2f) >= 3.545 (shown 3.55)
    # -> f >= (7.09 - 6) / (8 - 7.09) = 1.1978; relative change +19.8%
    c = kw.set_index("criterium_id").loc[3]
    assert c["factor"] == pytest.approx(1.09 / 0.91)
    assert (c["onderwerp_soort"], c["onderwerp_id"]) == ("opgave", 4)


def test_kleinste_wijziging_nan_als_niets_kantelt():
    criteria = maak_criteria((1, "A", 1, 1, 5), (2, "B", 1, 1, 5))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 5, "an", "t"),
            ("opgave", 1, 2, 5, "an", "t"),
            ("opgave", 2, 1, 1, "an", "t"),
        ]
    )
    kw = af.kleinste_wijziging(scores, criteria, 3)
    assert kw["factor"].isna().all()
    assert kw["onderwerp_id"].isna().all()


# --------------------------------------------------------------------------------------------
# review of the whole
# --------------------------------------------------------------------------------------------


def test_controle_geheel_te_veel_en_conflicten():
    balansen = pd.DataFrame(
        {"opgave_a": [1, 2, 1, 3], "opgave_b": [2, 3, 4, 4], "balans": [-2, 1, -5, -1]}
    )
    uit = af.controle_geheel([3, 2, 1], capaciteit=2, paar_balansen=balansen)
    assert uit.aantal_gekozen == 3 and uit.te_veel and uit.ruimte == -1
    assert not uit.in_orde
    assert uit.conflicten[["opgave_a", "opgave_b"]].values.tolist() == [[1, 2]]
    tekst = " ".join(uit.meldingen)
    assert "1 te veel" in tekst
    assert "Opgave 1 en opgave 2 werken mogelijk niet samen" in tekst

    goed = af.controle_geheel([2, 3], capaciteit=4, paar_balansen=balansen)
    assert goed.in_orde and goed.ruimte == 2
    assert "ruimte" in goed.meldingen[0]


def test_afweging_resultaatobject():
    criteria, scores = _gevoelig_voorbeeld()
    uit = af.afweeg(scores, criteria, 3.2, n_trekkingen=50)
    assert uit.ranglijst["haalt_drempel"].sum() == len(uit.gehaald)
    assert uit.top_koppelingen["onderwerp_id"].tolist() == [1]
    assert "drempel" in uit.uitleg and "gewicht" in af.FORMULE_UITLEG


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------


@st.composite
def kaders(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    n_crit = draw(st.integers(1, 4))
    lo = draw(st.integers(0, 2))
    hi = lo + draw(st.integers(1, 6))
    gewichten = draw(st.lists(st.integers(0, 5), min_size=n_crit, max_size=n_crit))
    if not any(gewichten):
        gewichten[0] = 1
    richtingen = draw(
        st.lists(
            st.sampled_from(["hoger is beter", "lager is beter"]), min_size=n_crit, max_size=n_crit
        )
    )
    criteria = maak_criteria(
        *[(c + 1, f"C{c + 1}", gewichten[c], lo, hi, richtingen[c]) for c in range(n_crit)]
    )
    onderwerpen = [("opgave", i) for i in range(1, draw(st.integers(1, 5)) + 1)]
    onderwerpen += [("koppeling", i) for i in range(1, draw(st.integers(0, 3)) + 1)]
    scorers = [("team", "an"), ("team", "bo"), ("bewoners", "cas")]
    rijen = []
    for soort, oid in onderwerpen:
        for c in range(1, n_crit + 1):
            for groep, scorer in scorers:
                if draw(st.booleans()) or (c == 1 and scorer == "an"):
                    rijen.append((soort, oid, c, draw(st.integers(lo, hi)), scorer, groep))
    return criteria, maak_scores(rijen)


_instellingen = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _volgorde(tot: pd.DataFrame) -> list:
    rang = af.rangschikking(tot, 0.0, decimalen=9)
    return list(zip(rang["onderwerp_soort"], rang["onderwerp_id"], rang["rang"], strict=True))


@_instellingen
@given(kaders())
def test_eigenschap_criterium_met_gewicht_nul_verandert_niets(kader):
    criteria, scores = kader
    tot = af.totalen(scores, criteria)
    extra = pd.concat([criteria, maak_criteria((99, "Nieuw", 0, 1, 5))], ignore_index=True)
    extra_scores = pd.concat(
        [
            scores,
            maak_scores(
                [
                    (s, o, 99, 5, "an", "team")
                    for s, o in tot[["onderwerp_soort", "onderwerp_id"]].itertuples(index=False)
                ]
            ),
        ],
        ignore_index=True,
    )
    extra_scores["id"] = range(1, len(extra_scores) + 1)
    tot2 = af.totalen(extra_scores, extra)
    assert _volgorde(tot) == _volgorde(tot2)
    np.testing.assert_allclose(tot["totaal"], tot2["totaal"], rtol=1e-12)


def _draai_om(scores: pd.DataFrame, criteria: pd.DataFrame, cid: int):
    criteria = criteria.copy()
    j = criteria.index[criteria["id"] == cid][0]
    lo, hi = criteria.loc[j, "schaal_min"], criteria.loc[j, "schaal_max"]
    criteria.loc[j, "richting"] = (
        "hoger is beter" if criteria.loc[j, "richting"] == "lager is beter" else "lager is beter"
    )
    scores = scores.copy()
    mask = scores["criterium_id"] == cid
    scores.loc[mask, "waarde"] = lo + hi - scores.loc[mask, "waarde"]
    return scores, criteria


@_instellingen
@given(kaders(), st.data())
def test_eigenschap_omdraaien(kader, data):
    criteria, scores = kader
    cid = data.draw(st.sampled_from(criteria["id"].tolist()))
    s1, c1 = _draai_om(scores, criteria, cid)
    # reversing the scale and the scores together describes the same opinion: same totals
    np.testing.assert_allclose(
        af.totalen(s1, c1)["totaal"], af.totalen(scores, criteria)["totaal"], rtol=1e-12
    )
    s2, c2 = _draai_om(s1, c1, cid)  # twice: identity
    pd.testing.assert_frame_equal(s2, scores)
    pd.testing.assert_frame_equal(c2, criteria)


@_instellingen
@given(kaders(), st.sampled_from([0.01, 0.5, 3.0, 1000.0]))
def test_eigenschap_schalen_van_alle_gewichten_verandert_niets(kader, factor):
    criteria, scores = kader
    tot = af.totalen(scores, criteria)
    tot2 = af.totalen(scores, criteria.assign(gewicht=criteria["gewicht"] * factor))
    np.testing.assert_allclose(tot["totaal"], tot2["totaal"], rtol=1e-12)
    assert _volgorde(tot) == _volgorde(tot2)


@_instellingen
@given(kaders(), st.dictionaries(st.sampled_from(["team", "bewoners"]), st.floats(0.1, 10)))
def test_eigenschap_totaal_binnen_de_schaal(kader, groep_gewichten):
    criteria, scores = kader
    tot = af.totalen(scores, criteria, groep_gewichten)
    lo, hi = criteria["schaal_min"].iloc[0], criteria["schaal_max"].iloc[0]
    geldig = tot["totaal"].dropna()
    assert ((geldig >= lo - 1e-9) & (geldig <= hi + 1e-9)).all()
    bijdragen = tot[[af.bijdrage_kolom(c) for c in criteria["id"]]].sum(axis=1)
    np.testing.assert_allclose(bijdragen[tot["totaal"].notna()], geldig, rtol=1e-9)
    gev = af.gevoeligheid(scores, criteria, (lo + hi) / 2, n_trekkingen=30)
    assert gev["aandeel_drempel"].between(0, 1).all()
    assert gev["aandeel_top3"].between(0, 1).all()


# --------------------------------------------------------------------------------------------
# werksessie rounds: which scores a view counts (afweging.kies_rondes)
# --------------------------------------------------------------------------------------------


def _twee_rondes() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ana and Bo (werksessie 1) score opgave 1 in rounds 10 and 11; Cas only in round 10;
    Dirk outside the session. Ana's round-11 row has a lower id than her round-10 row (round
    10 was opened again after round 11): the round decides, not the row's age."""
    crit = maak_criteria((1, "Draagvlak", 1, 1, 5))
    ana, bo, cas = (f"{n} (werksessie 1)" for n in ("Ana", "Bo", "Cas"))
    scores = maak_scores(
        [
            ("opgave", 1, 1, 5, ana, "bewoners", "werksessie 1"),  # id 1, round 11
            ("opgave", 1, 1, 1, ana, "bewoners", "werksessie 1"),  # id 2, round 10
            ("opgave", 1, 1, 2, bo, "bewoners", "werksessie 1"),  # id 3, round 10
            ("opgave", 1, 1, 4, bo, "bewoners", "werksessie 1"),  # id 4, round 11
            ("opgave", 1, 1, 3, cas, "bewoners", "werksessie 1"),  # id 5, round 10
            ("opgave", 1, 1, 3, "Dirk", "bewoners", "2026-09-29"),  # id 6, no round
        ]
    )
    scores["ronde_id"] = pd.array([11, 10, 10, 11, 10, None], dtype="Int64")
    return scores, crit


def test_standaard_telt_per_persoon_de_laatste_ronde_en_houdt_de_rest():
    scores, crit = _twee_rondes()
    voor = scores.copy()
    gekozen = af.kies_rondes(scores)
    # Ana 5 and Bo 4 from round 11, Cas's round 10 (his latest), Dirk without a round.
    assert sorted(zip(gekozen["scorer"], gekozen["waarde"], strict=True)) == [
        ("Ana (werksessie 1)", 5),
        ("Bo (werksessie 1)", 4),
        ("Cas (werksessie 1)", 3),
        ("Dirk", 3),
    ]
    pd.testing.assert_frame_equal(scores, voor)  # the rows themselves are untouched
    tot = af.totalen(gekozen, crit)
    assert totaal_van(tot, "opgave", 1) == pytest.approx((5 + 4 + 3 + 3) / 4)
    # Without the selection the row order would have given Ana's round-10 score (id 2).
    assert totaal_van(af.totalen(scores, crit), "opgave", 1) == pytest.approx((1 + 4 + 3 + 3) / 4)


def test_een_gekozen_ronde_of_alle_rondes():
    scores, crit = _twee_rondes()
    r10 = af.kies_rondes(scores, af.Rondekeuze.ronde(10))
    assert sorted(r10["waarde"]) == [1, 2, 3] and set(r10["ronde_id"]) == {10}
    assert totaal_van(af.totalen(r10, crit), "opgave", 1) == pytest.approx(2.0)
    alle = af.kies_rondes(scores, "alle")
    assert len(alle) == 6  # every round's answer counts on its own
    assert alle["scorer"].nunique() == 6
    assert totaal_van(af.totalen(alle, crit), "opgave", 1) == pytest.approx(18 / 6)
    # The round's number within its session names it, when known.
    alle = af.kies_rondes(scores, "alle", volgorde={10: 1, 11: 2})
    assert "Ana (werksessie 1) · ronde 2" in set(alle["scorer"])
    assert af.kies_rondes(scores, af.Rondekeuze.ronde(99)).empty


def test_volgorde_van_de_rondes_beslist_niet_het_nummer_van_de_rij():
    scores, _ = _twee_rondes()
    # Round 11 was made first (number 1 in its session), round 10 second.
    gekozen = af.kies_rondes(scores, volgorde={11: 1, 10: 2})
    assert dict(zip(gekozen["scorer"], gekozen["waarde"], strict=True))["Ana (werksessie 1)"] == 1


def test_scores_zonder_rondes_blijven_zoals_ze_zijn():
    scores = maak_scores([("opgave", 1, 1, 3, "A", "team"), ("opgave", 1, 1, 4, "A", "team")])
    pd.testing.assert_frame_equal(af.kies_rondes(scores), scores)
    assert not af.heeft_rondes(scores) and af.kies_rondes(scores, "ronde:3").empty
    assert af.rondes_beschrijving(af.LAATSTE_PER_PERSOON).startswith(
        "Getoond: laatste ronde per persoon."
    )
    label = af.ronde_label(2, "Kosten en baten", 1, "2026-10-12T19:00:00")
    assert label == "Ronde 2 — Kosten en baten (werksessie 1, 12-10-2026)"
    assert af.rondes_beschrijving("ronde:7", {7: label}).startswith(f"Getoond: alleen {label}.")
    assert af.rondes_beschrijving("alle").startswith("Getoond: alle rondes samen.")
