"""Tests for wijkanalyse.koppelingen: pairs, balance, status, horizon switch, candidates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from factories import lege_wijk, maak_items, maak_koppelingen, maak_opgaven, synthetische_wijk
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkanalyse.core.errors import DubbelFout, InvoerFout
from wijkanalyse.core.vocabulary import IMPACT_GEWICHT
from wijkanalyse.koppelingen import (
    ITEMS_TABEL_KOLOMMEN,
    OVERZICHT_KOLOMMEN,
    alle_paren,
    balans_matrix,
    bekende_combinatie,
    items_tabel,
    kandidaat_paren,
    paar_overzicht,
)


def drie_opgaven() -> pd.DataFrame:
    # Deliberately not sorted by id.
    return maak_opgaven(
        [
            {"id": 30, "titel": "Speeltuin"},
            {"id": 10, "titel": "Riool"},
            {"id": 20, "titel": "Warmtenet"},
        ]
    )


def voorbeeld() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Riool x Warmtenet filled in, Warmtenet x Speeltuin empty, Riool x Speeltuin absent."""
    opgaven = drie_opgaven()
    koppelingen = maak_koppelingen(
        [
            {"id": 1, "opgave_a": 10, "opgave_b": 20, "niveau": "meekoppelkans"},
            {"id": 2, "opgave_a": 20, "opgave_b": 30, "niveau": "afstemming"},
        ]
    )
    items = maak_items(
        [
            {"koppeling_id": 1, "soort": "kans", "impact": "groot", "interventie": "plan"},
            {"koppeling_id": 1, "soort": "kans", "impact": "klein", "interventie": ""},
            {"koppeling_id": 1, "soort": "bedreiging", "impact": "middel", "interventie": "   "},
            {"koppeling_id": 1, "soort": "bedreiging", "impact": "groot", "interventie": "x"},
        ]
    )
    return opgaven, koppelingen, items


def rij(ov: pd.DataFrame, a: int, b: int) -> pd.Series:
    sel = ov[(ov["opgave_a"] == a) & (ov["opgave_b"] == b)]
    assert len(sel) == 1
    return sel.iloc[0]


# ------------------------------------------------------------------------- alle_paren


@pytest.mark.parametrize("n, verwacht", [(0, 0), (1, 0), (2, 1), (3, 3), (40, 780)])
def test_alle_paren_aantal(n: int, verwacht: int) -> None:
    opgaven = maak_opgaven([{"id": k + 1, "titel": f"O{k}"} for k in range(n)])
    paren = alle_paren(opgaven)
    assert len(paren) == verwacht
    assert list(paren.columns) == ["opgave_a", "opgave_b", "titel_a", "titel_b"]
    assert (paren["opgave_a"] < paren["opgave_b"]).all()
    assert not paren.duplicated(["opgave_a", "opgave_b"]).any()


def test_alle_paren_titels_en_volgorde() -> None:
    paren = alle_paren(drie_opgaven())
    assert paren[["opgave_a", "opgave_b"]].values.tolist() == [[10, 20], [10, 30], [20, 30]]
    assert paren["titel_a"].tolist() == ["Riool", "Riool", "Warmtenet"]
    assert paren["titel_b"].tolist() == ["Warmtenet", "Speeltuin", "Speeltuin"]


# ---------------------------------------------------------------------- paar_overzicht


def test_overzicht_balans_rekenwerk() -> None:
    ov = paar_overzicht(*voorbeeld())
    r = rij(ov, 10, 20)
    assert r["n_kansen"] == 2
    assert r["n_bedreigingen"] == 2
    assert r["gewogen_kansen"] == 3 + 1
    assert r["gewogen_bedreigingen"] == 2 + 3
    assert r["balans"] == -1
    assert r["n_zonder_interventie"] == 2  # "" and whitespace only
    assert r["koppeling_id"] == 1
    assert r["niveau"] == "meekoppelkans"
    assert (r["titel_a"], r["titel_b"]) == ("Riool", "Warmtenet")


def test_overzicht_status_en_alle_paren() -> None:
    ov = paar_overzicht(*voorbeeld())
    assert list(ov.columns) == list(OVERZICHT_KOLOMMEN)
    assert len(ov) == 3
    assert rij(ov, 10, 20)["status"] == "ingevuld"
    leeg = rij(ov, 20, 30)
    assert leeg["status"] == "niet ingevuld"
    assert np.isnan(leeg["balans"])  # not 0: nothing filled in is not "in balance"
    assert leeg["n_kansen"] == 0 and leeg["koppeling_id"] == 2
    afwezig = rij(ov, 10, 30)
    assert afwezig["status"] == "niet overwogen"
    assert pd.isna(afwezig["koppeling_id"])
    assert pd.isna(afwezig["niveau"])
    assert np.isnan(afwezig["balans"])
    assert not afwezig["horizon_wisselt"]


def test_overzicht_koppeling_omgekeerd_opgeslagen() -> None:
    opgaven = drie_opgaven()
    koppelingen = maak_koppelingen([{"id": 5, "opgave_a": 30, "opgave_b": 10}])
    ov = paar_overzicht(opgaven, koppelingen, maak_items([]))
    assert rij(ov, 10, 30)["koppeling_id"] == 5


@pytest.mark.parametrize("n", [0, 1, 2])
def test_overzicht_weinig_opgaven(n: int) -> None:
    opgaven = maak_opgaven([{"id": k + 1, "titel": f"O{k}"} for k in range(n)])
    koppelingen = maak_koppelingen([{"opgave_a": 1, "opgave_b": 2}] if n == 2 else [])
    ov = paar_overzicht(opgaven, koppelingen, maak_items([]))
    assert list(ov.columns) == list(OVERZICHT_KOLOMMEN)
    assert len(ov) == n * (n - 1) // 2
    if n == 2:
        assert ov["status"].tolist() == ["niet ingevuld"]
    m = balans_matrix(opgaven, ov)
    assert m.shape == (n, n)
    assert m.isna().all().all()


def test_overzicht_lege_wijk() -> None:
    ov = paar_overzicht(*lege_wijk())
    assert ov.empty and list(ov.columns) == list(OVERZICHT_KOLOMMEN)


def test_overzicht_synthetisch_telt_alles() -> None:
    opgaven, koppelingen, items = synthetische_wijk(n_opgaven=40, n_items=3000, seed=3)
    ov = paar_overzicht(opgaven, koppelingen, items)
    assert len(ov) == 780
    assert (ov["n_kansen"] + ov["n_bedreigingen"]).sum() == 3000
    w = items["impact"].map(IMPACT_GEWICHT)
    assert ov["gewogen_kansen"].sum() == w[items["soort"] == "kans"].sum()
    assert ov["gewogen_bedreigingen"].sum() == w[items["soort"] == "bedreiging"].sum()
    ingevuld = ov["status"] == "ingevuld"
    assert np.allclose(
        ov.loc[ingevuld, "balans"],
        ov.loc[ingevuld, "gewogen_kansen"] - ov.loc[ingevuld, "gewogen_bedreigingen"],
    )
    assert ov.loc[~ingevuld, "balans"].isna().all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["kans", "bedreiging"]),
            st.sampled_from(["klein", "middel", "groot"]),
            st.sampled_from(["nu", "later"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_balans_is_gewogen_verschil(entries: list[tuple[str, str, str]]) -> None:
    opgaven = maak_opgaven([{"id": 1, "titel": "A"}, {"id": 2, "titel": "B"}])
    koppelingen = maak_koppelingen([{"id": 1, "opgave_a": 1, "opgave_b": 2}])
    items = maak_items(
        [{"koppeling_id": 1, "soort": s, "impact": i, "horizon": h} for s, i, h in entries]
    )
    r = paar_overzicht(opgaven, koppelingen, items).iloc[0]
    verwacht = sum(IMPACT_GEWICHT[i] * (1 if s == "kans" else -1) for s, i, _ in entries)
    assert r["balans"] == verwacht
    assert r["n_kansen"] == sum(s == "kans" for s, _, _ in entries)


# --------------------------------------------------------------------- horizon_wisselt


def wisselt(rows: list[dict]) -> bool:
    opgaven = maak_opgaven([{"id": 1, "titel": "A"}, {"id": 2, "titel": "B"}])
    koppelingen = maak_koppelingen([{"id": 1, "opgave_a": 1, "opgave_b": 2}])
    items = maak_items([{"koppeling_id": 1, **r} for r in rows])
    return bool(paar_overzicht(opgaven, koppelingen, items).iloc[0]["horizon_wisselt"])


def test_horizon_wissel_door_tegengestelde_balans() -> None:
    assert wisselt(
        [
            {"soort": "kans", "impact": "groot", "horizon": "nu", "tekst": "a"},
            {"soort": "bedreiging", "impact": "middel", "horizon": "later", "tekst": "b"},
        ]
    )


def test_horizon_wissel_door_zelfde_tekst() -> None:
    # Balance is positive in both horizons, but one text flips from kans to bedreiging.
    assert wisselt(
        [
            {"soort": "kans", "impact": "groot", "horizon": "nu", "tekst": "Straat ligt open"},
            {"soort": "kans", "impact": "groot", "horizon": "later", "tekst": "x"},
            {
                "soort": "bedreiging",
                "impact": "klein",
                "horizon": "later",
                "tekst": " straat LIGT  open",
            },
        ]
    )


def test_geen_horizon_wissel() -> None:
    assert not wisselt(
        [
            {"soort": "kans", "impact": "groot", "horizon": "nu", "tekst": "a"},
            {"soort": "kans", "impact": "klein", "horizon": "later", "tekst": "b"},
            {"soort": "bedreiging", "impact": "klein", "horizon": "later", "tekst": "c"},
        ]
    )
    # Same text as kans and bedreiging within one horizon is not a switch in time.
    assert not wisselt(
        [
            {"soort": "kans", "impact": "groot", "horizon": "nu", "tekst": "zelfde"},
            {"soort": "bedreiging", "impact": "klein", "horizon": "nu", "tekst": "zelfde"},
        ]
    )
    # Only 'nu' entries: no later balance to compare with.
    assert not wisselt([{"soort": "bedreiging", "impact": "groot", "horizon": "nu"}])


# ---------------------------------------------------------------------------- errors


def test_onbekende_impact_geeft_invoerfout() -> None:
    opgaven, koppelingen, items = voorbeeld()
    items.loc[2, "impact"] = "enorm"
    with pytest.raises(InvoerFout) as fout:
        paar_overzicht(opgaven, koppelingen, items)
    assert fout.value.kolom == "impact"
    assert "enorm" in str(fout.value)


def test_dubbele_koppeling_geeft_dubbelfout() -> None:
    opgaven = drie_opgaven()
    koppelingen = maak_koppelingen(
        [{"id": 1, "opgave_a": 10, "opgave_b": 20}, {"id": 2, "opgave_a": 20, "opgave_b": 10}]
    )
    with pytest.raises(DubbelFout):
        paar_overzicht(opgaven, koppelingen, maak_items([]))


# ---------------------------------------------------------------------- balans_matrix


def test_balans_matrix() -> None:
    opgaven = drie_opgaven()
    m = balans_matrix(opgaven, paar_overzicht(*voorbeeld()))
    assert list(m.index) == ["Riool", "Warmtenet", "Speeltuin"]
    assert list(m.columns) == ["Riool", "Warmtenet", "Speeltuin"]
    assert m.loc["Riool", "Warmtenet"] == -1
    assert m.loc["Warmtenet", "Riool"] == -1
    assert np.isnan(m.loc["Warmtenet", "Speeltuin"])  # niet ingevuld
    assert np.isnan(m.loc["Riool", "Speeltuin"])  # niet overwogen
    assert np.isnan(np.diag(m.to_numpy())).all()


# -------------------------------------------------------------------- kandidaat_paren


def riool_warmtenet() -> pd.DataFrame:
    return maak_opgaven(
        [
            {
                "id": 1,
                "titel": "Riool vervangen",
                "transitie": "klimaatadaptatie",
                "aanleiding": "Rioolvervanging",
                "start_jaar": 2027,
                "eind_jaar": 2027,
                "rol": "leidend",
            },
            {
                "id": 2,
                "titel": "Warmtenet aanleggen",
                "transitie": "energie",
                "aanleiding": " rioolvervanging ",
                "start_jaar": 2027,
                "eind_jaar": 2028,
                "rol": "meeliftend",
            },
            {
                "id": 3,
                "titel": "Taalcafé",
                "transitie": "overig",
                "soort": "sociaal",
                "aanleiding": "",
                "rol": "meeliftend",
            },
            {
                "id": 4,
                "titel": "Buurthuis",
                "transitie": "overig",
                "aanleiding": "",
                "start_jaar": 2024,
                "eind_jaar": 2025,
                "rol": "meeliftend",
            },
        ]
    )


def test_kandidaat_riool_en_warmtenet() -> None:
    kp = kandidaat_paren(riool_warmtenet())
    eerste = kp.iloc[0]
    assert (eerste["opgave_a"], eerste["opgave_b"]) == (1, 2)
    assert eerste["score"] == 4
    reden = eerste["reden"]
    assert "tijdvensters overlappen: 2027–2027 en 2027–2028" in reden
    assert "zelfde aanleiding: Rioolvervanging" in reden
    assert "klimaatadaptatie + energie" in reden
    assert bekende_combinatie("klimaatadaptatie", "energie") in reden
    assert "'Riool vervangen' is leidend, 'Warmtenet aanleggen' kan meeliften" in reden


def test_kandidaat_redenen_per_paar() -> None:
    kp = kandidaat_paren(riool_warmtenet()).set_index(["opgave_a", "opgave_b"])
    # Riool (leidend) with meeliftende Taalcafé and Buurthuis: only the role reason.
    assert kp.loc[(1, 3), "score"] == 1 and kp.loc[(1, 3), "leidend_meeliftend"]
    assert kp.loc[(1, 4), "score"] == 1 and not kp.loc[(1, 4), "tijdvenster"]
    # Warmtenet x Taalcafé, Warmtenet x Buurthuis, Taalcafé x Buurthuis: no reason at all
    # (both empty aanleiding does not count as shared; 2024-2025 does not overlap 2027-2028).
    assert (2, 3) not in kp.index and (2, 4) not in kp.index and (3, 4) not in kp.index


def test_kandidaat_sortering_stabiel() -> None:
    kp = kandidaat_paren(riool_warmtenet())
    assert kp["score"].is_monotonic_decreasing
    gelijk = kp[kp["score"] == 1]
    assert gelijk[["opgave_a", "opgave_b"]].values.tolist() == [[1, 3], [1, 4]]


def test_kandidaat_al_overwogen() -> None:
    opgaven = riool_warmtenet()
    koppelingen = maak_koppelingen([{"opgave_a": 1, "opgave_b": 2}])
    kp = kandidaat_paren(opgaven, koppelingen).set_index(["opgave_a", "opgave_b"])
    assert kp.loc[(1, 2), "al_overwogen"]
    assert not kp.loc[(1, 3), "al_overwogen"]


@pytest.mark.parametrize("n", [0, 1])
def test_kandidaat_te_weinig_opgaven(n: int) -> None:
    kp = kandidaat_paren(riool_warmtenet().iloc[:n])
    assert kp.empty
    assert {"score", "reden"} <= set(kp.columns)


# ------------------------------------------------------------------------ items_tabel


def test_items_tabel() -> None:
    opgaven, koppelingen, items = voorbeeld()
    items.loc[0, "horizon"] = "later"
    t = items_tabel(opgaven, koppelingen, items)
    assert list(t.columns) == list(ITEMS_TABEL_KOLOMMEN)
    assert len(t) == 4
    assert set(t["Opgave 1"]) == {"Riool"} and set(t["Opgave 2"]) == {"Warmtenet"}
    assert t["Soort"].tolist() == ["kans", "kans", "bedreiging", "bedreiging"]
    assert t["Horizon"].iloc[1] == "over twee jaar en later"
    assert t["Niveau"].iloc[0] == "meekoppelkans"


def test_items_tabel_leeg() -> None:
    t = items_tabel(*lege_wijk())
    assert t.empty and list(t.columns) == list(ITEMS_TABEL_KOLOMMEN)


# -------------------------------------------------------------------------- factories


def test_synthetische_wijk_deterministisch() -> None:
    a = synthetische_wijk(n_opgaven=10, n_items=100, seed=7)
    b = synthetische_wijk(n_opgaven=10, n_items=100, seed=7)
    for x, y in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(x, y)
    assert len(a[1]) == 45
