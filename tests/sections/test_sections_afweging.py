"""Report blocks of steps 3 and 4 on a real demo wijk: they render, escape and add up."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import plotly.graph_objects as go
import pytest
from IPython.display import HTML

from wijkanalyse.model import WijkModel
from wijkanalyse.sections import afweging as sa


def _nl(tekst: str) -> float:
    """A number as shown to a Dutch reader ('3,25') back to a float."""
    return float(tekst.replace(",", "."))


class _Tabellen(HTMLParser):
    """The cells of every <table> in a piece of HTML (text unescaped)."""

    def __init__(self) -> None:
        super().__init__()
        self.tabellen: list[list[list[str]]] = []
        self._cel: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tabellen.append([])
        elif tag == "tr":
            self.tabellen[-1].append([])
        elif tag in ("td", "th"):
            self._cel = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cel is not None:
            self.tabellen[-1][-1].append("".join(self._cel).strip())
            self._cel = None

    def handle_data(self, data: str) -> None:
        if self._cel is not None:
            self._cel.append(data)


def tabel(html_blok: HTML, nummer: int = 0) -> pd.DataFrame:
    p = _Tabellen()
    p.feed(html_blok.data)
    rijen = p.tabellen[nummer]
    return pd.DataFrame(rijen[1:], columns=rijen[0])


def _met_de_hand(scores: pd.DataFrame, criteria: pd.DataFrame, soort: str, oid: int) -> float:
    """The total of one subject from the raw rows, written out step by step."""
    rijen = scores[(scores.onderwerp_soort == soort) & (scores.onderwerp_id == oid)]
    rijen = rijen.sort_values(["moment", "id"])
    laatste: dict[tuple[str, str, int], int] = {}
    for r in rijen.itertuples():
        laatste[(r.groep, r.scorer, r.criterium_id)] = r.waarde  # the last one wins
    teller = noemer = 0.0
    for c in criteria.itertuples():
        per_groep = []
        for groep in sorted({g for g, _, _ in laatste}):
            waarden = [v for (g, _, cid), v in laatste.items() if g == groep and cid == c.id]
            if waarden:
                m = sum(waarden) / len(waarden)
                if c.richting == "lager is beter":
                    m = c.schaal_min + c.schaal_max - m
                per_groep.append(m)
        if per_groep:
            teller += c.gewicht * sum(per_groep) / len(per_groep)
            noemer += c.gewicht
    return teller / noemer


def test_elk_getal_is_na_te_rekenen(model: WijkModel) -> None:
    scores, criteria = model.scores(), model.criteria()
    opgave_id = int(model.opgaven()["id"].iloc[0])
    titel = model.opgaven()["titel"].iloc[0]
    verwacht = _met_de_hand(scores, criteria, "opgave", opgave_id)

    res = sa.bereken_afweging(model)
    rang = tabel(sa.ranglijst_tabel(model, res))
    getoond = rang.loc[rang["Onderwerp"] == titel, "Totaal"].iloc[0]
    assert getoond == f"{verwacht:.2f}".replace(".", ",")  # Dutch decimal comma

    herleiding = tabel(sa.herleiding_tabel(model, res))
    eigen = herleiding[herleiding["Onderwerp"] == titel]
    bijdragen = eigen[~eigen["Criterium"].str.startswith("Totaal")]["Bijdrage"].map(_nl)
    assert len(bijdragen) == len(criteria)
    totaal_rij = eigen[eigen["Criterium"].str.startswith("Totaal")]["Bijdrage"].iloc[0]
    assert _nl(totaal_rij) == pytest.approx(verwacht, abs=5e-4)
    assert bijdragen.sum() == pytest.approx(verwacht, abs=len(criteria) * 5e-4)


def test_verandert_een_score_dan_verandert_het_getoonde_totaal(model: WijkModel) -> None:
    opgave_id = int(model.opgaven()["id"].iloc[0])
    titel = model.opgaven()["titel"].iloc[0]
    voor = tabel(sa.ranglijst_tabel(model)).set_index("Onderwerp").loc[titel, "Totaal"]
    crit = model.criteria()
    hoog = crit[crit["richting"] == "hoger is beter"].iloc[0]
    rijen = pd.DataFrame(
        {
            "onderwerp_soort": "opgave",
            "onderwerp_id": opgave_id,
            "criterium_id": int(hoog["id"]),
            "waarde": int(hoog["schaal_max"]),
            "scorer": [f"extra {i}" for i in range(5)],
            "groep": "projectteam",
        }
    )
    model.voeg_scores_toe(rijen)
    na = tabel(sa.ranglijst_tabel(model)).set_index("Onderwerp").loc[titel, "Totaal"]
    assert _nl(na) > _nl(voor)
    assert na == f"{_met_de_hand(model.scores(), crit, 'opgave', opgave_id):.2f}".replace(".", ",")


def test_rapportblokken_geven_html_en_figuren(model: WijkModel) -> None:
    res = sa.bereken_afweging(model, n_trekkingen=100)
    blokken = [
        sa.criteria_tabel(model),
        sa.ranglijst_tabel(model, res),
        sa.herleiding_tabel(model, res),
        sa.onenigheid_tabel(model),
        sa.nog_niet_gescoord_tabel(model),
        sa.kleinste_wijziging_tabel(model, res),
        sa.top_koppelingen_tabel(model, res),
        sa.controle_html(model),
        sa.onder_drempel_tabel(model, res),
        sa.besluiten_tabel(model),
        sa.samenvatting_bewoners(model),
        sa.formule(),
    ]
    for b in blokken:
        assert isinstance(b, HTML) and b.data.strip()
    figuren = [
        sa.ranglijst_figuur(model, res),
        sa.groepen_figuur(model),
        sa.gevoeligheid_figuur(model, res),
    ]
    for f in figuren:
        assert isinstance(f, go.Figure) and len(f.data) > 0
    assert "Hoe het totaal wordt berekend" in sa.formule().data


def test_top_drie_koppelingen_met_titels(model: WijkModel) -> None:
    res = sa.bereken_afweging(model, n_trekkingen=50)
    top = tabel(sa.top_koppelingen_tabel(model, res))
    assert len(top) == 3
    assert all(" × " in k for k in top["Koppeling"])
    totalen = top["Totaal"].map(_nl).tolist()
    assert totalen == sorted(totalen, reverse=True)


def test_kleinste_wijziging_in_gewone_zinnen(model: WijkModel) -> None:
    res = sa.bereken_afweging(model, n_trekkingen=50)
    zinnen = sa.kleinste_wijziging_zinnen(model, res)
    assert len(zinnen) == len(model.criteria())
    titels = set(model.opgaven()["titel"])
    for z in zinnen:
        assert z.endswith(".")
        assert "drempel" in z
    # subjects are named by title, never as "opgave 3"
    assert any(t in z for z in zinnen for t in titels)
    assert not any("opgave " in z and z.split("opgave ")[1][:1].isdigit() for z in zinnen)


def test_onenigheid_en_nog_niet_gescoord(model: WijkModel) -> None:
    on = tabel(sa.onenigheid_tabel(model, "projectteam", "bewoners", 1.0))
    assert len(on) > 0
    assert (on["Verschil"].map(_nl).abs() > 1.0).all()
    assert sa.onenigheid_tabel(model, grens=100).data.count("<tr>") == 0
    nog = tabel(sa.nog_niet_gescoord_tabel(model))
    # the demo's residents skip two criteria, and three koppelingen are not scored at all
    assert "nog niet op: Politieke winst, Kosten" in set(nog["Wat ontbreekt"])
    assert "nog helemaal niet gescoord" in set(nog["Wat ontbreekt"])


def test_controle_meldt_te_veel_en_conflicterende_paren(model: WijkModel) -> None:
    model.zet_kader(3.0, 1)
    k = model.koppelingen().iloc[0]
    a, b = int(k["opgave_a"]), int(k["opgave_b"])
    for _ in range(6):
        model.voeg_item_toe(
            int(k["id"]), soort="bedreiging", tekst="Loopt vast", impact="groot", horizon="nu"
        )
    for oid in (a, b):
        model.leg_besluit_vast("opgave", oid, "gekozen", "Belangrijk voor de wijk.")
    c = sa.controle(model)
    assert c.aantal_gekozen == 2 and c.te_veel
    tekst = sa.controle_html(model).data
    assert "1 te veel" in tekst
    titels = dict(zip(model.opgaven()["id"], model.opgaven()["titel"], strict=True))
    assert "werken mogelijk niet goed samen" in tekst
    assert titels[a].replace("'", "&#x27;") in tekst and titels[b] in tekst


def test_gebruikerstekst_wordt_ge_escaped(model: WijkModel) -> None:
    oid = int(model.opgaven()["id"].iloc[0])
    model.wijzig_opgave(oid, titel="<script>alert(1)</script>")
    model.leg_besluit_vast("opgave", oid, "gekozen", "<img src=x onerror=alert(1)>")
    res = sa.bereken_afweging(model, n_trekkingen=20)
    for blok in (
        sa.ranglijst_tabel(model, res),
        sa.herleiding_tabel(model, res),
        sa.besluiten_tabel(model),
        sa.samenvatting_bewoners(model),
        sa.controle_html(model),
    ):
        assert "<script" not in blok.data
        assert "<img" not in blok.data
    assert "&lt;script&gt;" in sa.besluiten_tabel(model).data


def test_besluitenlog_toont_wat_nu_geldt(model: WijkModel) -> None:
    oid = int(model.opgaven()["id"].iloc[0])
    model.leg_besluit_vast("opgave", oid, "uitgesteld", "Eerst kosten en baten.")
    model.leg_besluit_vast("opgave", oid, "gekozen", "Kosten zijn nu bekend.")
    log = tabel(sa.besluiten_tabel(model))
    assert log["Geldt nu"].tolist() == ["vervangen", "ja"]
    samenvatting = sa.samenvatting_bewoners(model).data
    assert "Kosten zijn nu bekend." in samenvatting
    assert "Eerst kosten en baten." not in samenvatting


def test_resident_summary_of_demo_data_says_it_is_fictitious(model: WijkModel) -> None:
    import io

    from openpyxl import load_workbook

    from wijkanalyse.core.vocabulary import FICTIEF_LABEL

    assert model.info()["fictief"]
    assert FICTIEF_LABEL in sa.samenvatting_html(model)
    wb = load_workbook(io.BytesIO(sa.samenvatting_xlsx(model)))
    assert wb["Let op"]["A1"].value == FICTIEF_LABEL and "Besluiten" in wb.sheetnames


def test_capacity_message_uses_correct_dutch_plural() -> None:
    import pandas as pd

    from wijkanalyse.afweging import controle_geheel

    leeg = pd.DataFrame({"opgave_a": [], "opgave_b": [], "balans": []})
    een = controle_geheel([1], 2, leeg).meldingen[0]
    assert een.startswith("Er is 1 opgave gekozen") and "ruimte voor 1 opgave " in een


def test_rapport_zegt_welke_rondes_het_telt(model: WijkModel) -> None:
    """The report (default choice) says 'Getoond: laatste ronde per persoon' beside the
    ranking once the wijk has werksessie rounds, and counts exactly those scores."""
    from factories import werksessie_met_twee_rondes

    from wijkanalyse import afweging

    assert "Getoond:" not in sa.ranglijst_tabel(model).data
    s, r1, r2 = werksessie_met_twee_rondes(model.path, model.wijk)
    rang = sa.ranglijst_tabel(model).data
    assert "Getoond: laatste ronde per persoon." in rang
    assert "Getoond: laatste ronde per persoon." in sa.herleiding_tabel(model).data
    alle = model.scores()
    assert {r1, r2} <= set(alle["ronde_id"].dropna().astype(int))  # both rounds kept
    verwacht = afweging.totalen(afweging.kies_rondes(alle), model.criteria(), regel=model.regel())
    getoond = sa.bereken_afweging(model, n_trekkingen=10).totalen
    pd.testing.assert_frame_equal(getoond, verwacht)
    model.rondekeuze = f"ronde:{r1}"
    assert f"Getoond: alleen Ronde 1 — Eerste indruk (werksessie {s['id']}" in (
        sa.ranglijst_tabel(model).data
    )
