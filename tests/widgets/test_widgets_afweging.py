"""Steps 3 and 4 views, driven as a user would: set values, click buttons (no browser)."""

from __future__ import annotations

import base64
import html
import re

from factories import werksessie_met_twee_rondes

from wijkanalyse import besluitenlog, store
from wijkanalyse.model import WijkModel
from wijkanalyse.sections import afweging as sa
from wijkanalyse.widgets.afweging import AfwegingView
from wijkanalyse.widgets.besluiten import BesluitenView
from wijkanalyse.widgets.gewichten import PuntenVerdeler, punten_uit_gewichten
from wijkanalyse.widgets.kader import KaderEditor
from wijkanalyse.widgets.resultaat import ResultaatView
from wijkanalyse.widgets.scoren import ScoreView


def _kies(dropdown, sleutel) -> None:  # noqa: ANN001
    assert sleutel in [v for _, v in dropdown.options]
    dropdown.value = sleutel


# ------------------------------------------------------------------------------ kader


def test_criterium_wijzigen_blijft_bewaard_en_scores_blijven(model: WijkModel) -> None:
    voor = model.criteria()
    cid = int(voor["id"].iloc[0])
    n_scores = int((model.scores()["criterium_id"] == cid).sum())
    assert n_scores > 0
    ed = KaderEditor(model)
    rij = ed.rijen[0]
    rij.naam.value = "Draagvlak bij bewoners"
    rij.vraag.value = "Steunen bewoners dit?"
    rij.gewicht.value = "4,5"
    rij.betekenis_max.value = "Iedereen is voor"
    ed.drempel.value = "2,75"
    ed.capaciteit.value = "6"
    ed.min_groepen.value = "2"
    ed.vereiste_groepen.value = " bewoners, projectteam"
    ed.opslaan.click()

    assert "opgeslagen" in ed.melding.value
    na = store.criteria(model.path, model.wijk).set_index("id")
    assert na.loc[cid, "naam"] == "Draagvlak bij bewoners"
    assert na.loc[cid, "gewicht"] == 4.5
    assert na.loc[cid, "betekenis_max"] == "Iedereen is voor"
    assert store.kader(model.path, model.wijk) == {
        "drempel": 2.75,
        "capaciteit": 6,
        "min_groepen": 2,
        "vereiste_groepen": ["bewoners", "projectteam"],
    }
    assert int((store.scores(model.path, model.wijk)["criterium_id"] == cid).sum()) == n_scores
    # a fresh editor (another laptop) shows what was saved
    ander = KaderEditor(model)
    assert ander.rijen[0].naam.value == "Draagvlak bij bewoners"
    assert (ander.min_groepen.value, ander.vereiste_groepen.value) == ("2", "bewoners, projectteam")
    assert ander.rijen[0].gewicht.value == "4,5" and ander.drempel.value == "2,75"
    # the rule is used: in the demo the bewoners skip two criteria, so nothing is complete
    res = sa.bereken_afweging(model, n_trekkingen=10)
    assert res.gerangschikt.empty and not res.ranglijst["haalt_drempel"].any()
    html = sa.ranglijst_tabel(model, res).data
    assert "Apart: nog niet volledig gescoord" in html
    assert "alleen gescoord door projectteam" in html
    assert "minstens 2 groepen, waaronder bewoners en projectteam" in html


def test_nieuw_criterium_met_standaardschaal(model: WijkModel) -> None:
    ed = KaderEditor(model)
    ed.toevoegen.click()
    nieuw = ed.rijen[-1]
    assert (nieuw.schaal_min.value, nieuw.schaal_max.value) == ("1", "5")
    nieuw.naam.value = "Werkgelegenheid"
    nieuw.richting.value = "hoger is beter"
    nieuw.betekenis_min.value = "Geen banen"
    nieuw.betekenis_max.value = "Veel banen voor de wijk"
    ed.opslaan.click()
    crit = model.criteria()
    assert crit["naam"].iloc[-1] == "Werkgelegenheid"
    assert crit["betekenis_max"].iloc[-1] == "Veel banen voor de wijk"


def test_verwijderen_met_scores_vraagt_eerst_bevestiging(model: WijkModel) -> None:
    ed = KaderEditor(model)
    n = len(ed.rijen)
    ed.rijen[0].verwijder.value = True
    ed.opslaan.click()
    assert "Klik nog een keer" in ed.melding.value
    assert len(model.criteria()) == n
    ed.opslaan.click()
    assert len(model.criteria()) == n - 1


def test_ongeldige_schaal_geeft_nederlandse_fout_en_bewaart_niets(model: WijkModel) -> None:
    voor = model.criteria()
    ed = KaderEditor(model)
    ed.rijen[0].schaal_max.value = "0"
    ed.opslaan.click()
    assert (
        f"Criterium '{voor['naam'].iloc[0]}', hoogste schaalwaarde: 0 kan niet; kies een heel "
        "getal van 2 of meer (groter dan de laagste schaalwaarde)."
    ) in html.unescape(ed.melding.value)
    assert model.criteria().equals(voor)


# ------------------------------------------------------------------------------ 100 points


def test_punten_uit_gewichten_telt_op_tot_100() -> None:
    assert punten_uit_gewichten([3, 2, 1, 1, 2, 3, 1, 1]) == [22, 14, 7, 7, 14, 22, 7, 7]
    assert sum(punten_uit_gewichten([1, 1, 1])) == 100
    assert punten_uit_gewichten([0, 0]) == [50, 50]


def test_100_punten_verdelen(model: WijkModel) -> None:
    voor = model.criteria()["gewicht"].tolist()
    pv = PuntenVerdeler(model)
    schuiven = list(pv.schuiven.values())
    waarden = [10] * len(schuiven)
    waarden[0] = 100 - 10 * (len(schuiven) - 1) - 10  # 90 in total
    for s, v in zip(schuiven, waarden, strict=True):
        s.value = v
    assert "Nog te verdelen: 10 punten" in pv.rest.value
    pv.verdeel.click()
    assert "90 punten" in pv.melding.value and "precies 100" in pv.melding.value
    assert model.criteria()["gewicht"].tolist() == voor

    schuiven[0].value += 10
    assert "Alle 100 punten zijn verdeeld" in pv.rest.value
    pv.verdeel.click()
    na = model.criteria()
    assert na["gewicht"].tolist() == [float(v) for v in [waarden[0] + 10, *waarden[1:]]]
    assert "opgeslagen" in pv.melding.value


# ------------------------------------------------------------------------------ scoring


def test_score_via_formulier_komt_in_de_store(model: WijkModel) -> None:
    sv = ScoreView(model)
    f = sv.formulier
    oid = int(model.opgaven()["id"].iloc[0])
    _kies(f.onderwerp, ("opgave", oid))
    f.scorer.value = "Fatima"
    f.groep.value = "bewoners"
    crit = model.criteria().iloc[0]
    cid = int(crit["id"])
    f.knoppen[cid].value = str(int(crit["schaal_max"]))
    # the meaning of the chosen level is shown next to the choice
    assert crit["betekenis_max"] in f.uitleg[cid].value
    f.knoppen[cid].value = "3"
    assert "tussen" in f.uitleg[cid].value
    f.bewaar.click()

    s = store.scores(model.path, model.wijk)
    rij = s[(s["scorer"] == "Fatima") & (s["onderwerp_id"] == oid)]
    assert rij[["criterium_id", "waarde", "groep"]].values.tolist() == [[cid, 3, "bewoners"]]
    assert "1 score opgeslagen" in sv.melding.value
    assert f.knoppen[cid].value == "–"


def test_score_zonder_naam_wordt_geweigerd(model: WijkModel) -> None:
    sv = ScoreView(model)
    n = len(model.scores())
    f = sv.formulier
    f.knoppen[int(model.criteria()["id"].iloc[0])].value = "2"
    f.scorer.value = " "
    f.bewaar.click()
    assert "Vul uw naam" in sv.melding.value
    assert len(model.scores()) == n


def test_formulier_volgt_nieuwe_criteria(model: WijkModel) -> None:
    sv = ScoreView(model)
    crit = model.criteria()
    crit.loc[len(crit)] = {"naam": "Nieuw", "richting": "hoger is beter", "gewicht": 1.0,
                           "schaal_min": 0, "schaal_max": 10}  # fmt: skip
    model.zet_criteria(crit)
    nieuw = int(model.criteria()["id"].iloc[-1])
    assert nieuw in sv.formulier.knoppen
    assert sv.formulier.knoppen[nieuw].options[-1] == "10"


# ------------------------------------------------------------------------------ result


def test_resultaat_volgt_scores_en_groepen(model: WijkModel) -> None:
    rv = ResultaatView(model, n_trekkingen=50)
    assert set(rv.figuren) == {"ranglijst", "gevoeligheid", "groepen"}
    assert (rv.groep_a.value, rv.groep_b.value) == ("projectteam", "bewoners")
    assert "Geen verschillen" not in rv.onenigheid.value
    rv.grens.value = "10"
    assert "Geen verschillen groter dan 10 punt" in rv.onenigheid.value
    assert "<h3>Hoe het totaal wordt berekend</h3>" in rv.formule.value
    assert rv.top.value.count(" × ") == 3
    voor = rv.ranglijst.value
    model.zet_kader(2.0, 4)
    assert rv.ranglijst.value != voor and "Drempel: <strong>2</strong>" in rv.ranglijst.value


def test_views_volgen_wisseling_van_wijk(model: WijkModel) -> None:
    view = AfwegingView(model)
    laak = set(model.opgaven()["titel"])
    model.wijk = "Selwerd"
    selwerd = set(model.opgaven()["titel"])
    labels = {lab for lab, _ in view.formulier.onderwerp.options}
    assert any(t in lab for t in selwerd - laak for lab in labels)
    assert not any(t in lab for t in laak - selwerd for lab in labels)
    assert any(t in view.resultaat.ranglijst.value for t in selwerd - laak)
    assert any(
        t in lab for t in selwerd - laak for lab, _ in view.besluiten.formulier.onderwerp.options
    )
    assert "besluiten-selwerd" in view.besluiten.downloads.value


# ------------------------------------------------------------------------------ besluiten


def test_besluit_zonder_reden_geeft_fout_en_bewaart_niets(model: WijkModel) -> None:
    bv = BesluitenView(model)
    f = bv.formulier
    totalen = [lab for lab, _ in f.onderwerp.options if "totaal " in lab]
    assert totalen and all(re.search(r"totaal \d+,\d\d,", lab) for lab in totalen)
    _kies(f.onderwerp, ("opgave", int(model.opgaven()["id"].iloc[0])))
    f.besluit.value = "niet gekozen"
    f.redenering.value = "   "
    f.vastleggen.click()
    assert "Schrijf op waarom" in bv.melding.value
    assert store.besluiten(model.path, model.wijk).empty


def test_maakt_of_breekt_haalt_onderwerp_onder_drempel_terug(model: WijkModel) -> None:
    bv = BesluitenView(model)
    onder = sa.onder_drempel(model)
    oid = int(onder[onder["onderwerp_soort"] == "opgave"]["onderwerp_id"].iloc[0])
    titel = sa.onderwerp_labels(model)[("opgave", oid)]
    f = bv.formulier
    _kies(f.onderwerp, ("opgave", oid))
    f.besluit.value = "niet gekozen"
    f.maakt_of_breekt.value = True
    assert f.besluit.value == "gekozen"
    f.redenering.value = "Zonder dit haken bewoners af."
    f.door.value = "Projectteam"
    f.vastleggen.click()

    h = besluitenlog.huidige_besluiten(store.besluiten(model.path, model.wijk))
    assert h[["onderwerp_id", "besluit", "maakt_of_breekt", "door"]].values.tolist() == [
        [oid, "gekozen", True, "Projectteam"]
    ]
    assert "Besluit vastgelegd" in bv.melding.value
    assert titel in bv.controle.value and "1 opgave gekozen" in bv.controle.value.replace(
        "Er zijn 1 opgaven", "1 opgaven"
    )
    assert "gekozen" in bv.onder_drempel.value and "ja" in bv.onder_drempel.value
    assert "Zonder dit haken bewoners af." in bv.logboek.value


def test_maakt_of_breekt_niet_voor_wat_de_drempel_al_haalt(model: WijkModel) -> None:
    bv = BesluitenView(model)
    rang = sa.bereken_afweging(model, n_trekkingen=10).ranglijst
    boven = rang[rang["haalt_drempel"] & (rang["onderwerp_soort"] == "opgave")]
    _kies(bv.formulier.onderwerp, ("opgave", int(boven["onderwerp_id"].iloc[0])))
    bv.formulier.maakt_of_breekt.value = True
    bv.formulier.redenering.value = "Belangrijk."
    bv.formulier.vastleggen.click()
    assert "haalt de drempel al" in bv.melding.value
    assert store.besluiten(model.path, model.wijk).empty


def test_capaciteit_overschreden(model: WijkModel) -> None:
    model.zet_kader(3.0, 1)
    bv = BesluitenView(model)
    f = bv.formulier
    for oid in model.opgaven()["id"].iloc[:2]:
        _kies(f.onderwerp, ("opgave", int(oid)))
        f.besluit.value = "gekozen"
        f.redenering.value = "Past bij de ambitie."
        f.vastleggen.click()
    assert "ruimte voor 1" in bv.controle.value and "1 te veel" in bv.controle.value
    assert "#a80000" in bv.controle.value  # shown as a warning


def test_downloads_bevatten_de_samenvatting(model: WijkModel) -> None:
    bv = BesluitenView(model)
    f = bv.formulier
    _kies(f.onderwerp, ("opgave", int(model.opgaven()["id"].iloc[0])))
    f.besluit.value = "uitgesteld"
    f.redenering.value = "Eerst weten wat het kost <script>."
    f.vastleggen.click()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"',
                            bv.downloads.value))  # fmt: skip
    assert set(links) == {"besluiten-laak.html", "besluiten-laak.xlsx"}
    pagina = base64.b64decode(links["besluiten-laak.html"]).decode("utf-8")
    assert "Waar we later over beslissen" in pagina
    assert "Eerst weten wat het kost &lt;script&gt;." in pagina
    assert base64.b64decode(links["besluiten-laak.xlsx"])[:2] == b"PK"


# ------------------------------------------------------------------------------ rounds


def test_rondekeuze_kiest_wat_ranglijst_groepen_en_besluiten_tellen(model: WijkModel) -> None:
    """Without werksessie rounds no picker and no sentence; with two rounds scoring the same
    subject the picker names them in Dutch, the default counts Ana's round 2 (both rows stay
    in the workspace), and choosing round 1 changes every block alike, said in words."""
    from wijkanalyse.widgets.besluiten import _stand

    rv = ResultaatView(model, n_trekkingen=20)
    assert rv.rondes.layout.display == "none" and "Getoond:" not in rv.ranglijst.value
    s, r1, r2 = werksessie_met_twee_rondes(model.path, model.wijk)
    model.versie += 1  # as the model's watcher does in a kernel
    labels = [lab for lab, _ in rv.rondes.options]
    datum = s["gestart"][8:10] + "-" + s["gestart"][5:7] + "-" + s["gestart"][:4]
    assert labels == [
        "Laatste ronde per persoon",
        f"Ronde 1 — Eerste indruk (werksessie {s['id']}, {datum})",
        f"Ronde 2 — Kosten en baten (werksessie {s['id']}, {datum})",
        "Alle rondes samen",
    ]
    assert rv.rondes.layout.display != "none" and rv.rondes.value == "laatste"
    assert "Getoond: laatste ronde per persoon." in rv.ranglijst.value
    alle = model.scores()
    eigen = alle[alle["scorer"] == f"Ana (werksessie {s['id']})"]
    assert sorted(zip(eigen["ronde_id"], eigen["waarde"], strict=True)) == [(r1, 1), (r2, 5)]
    getoond = model.getoonde_scores()
    assert getoond[getoond["scorer"].str.startswith("Ana")]["waarde"].tolist() == [5]

    standaard = (rv.ranglijst.value, rv.herleiding.value, _stand(model))
    _kies(rv.rondes, f"ronde:{r1}")
    assert model.rondekeuze == f"ronde:{r1}"
    assert f"Getoond: alleen Ronde 1 — Eerste indruk (werksessie {s['id']}" in rv.ranglijst.value
    assert "Getoond: alleen Ronde 1" in rv.herleiding.value
    # Only Ana's round-1 score counts: one subject, not fully scored, nothing ranked.
    assert "Nog geen volledig gescoorde onderwerpen." in rv.ranglijst.value
    assert rv.ranglijst.value != standaard[0] and rv.herleiding.value != standaard[1]
    assert len(_stand(model)) == 1 < len(standaard[2])  # the besluit picker's stands too
    # Another wijk has no rounds: the picker goes, the default comes back.
    model.wijk = "Selwerd"
    assert model.rondekeuze == "laatste" and rv.rondes.layout.display == "none"
    assert "Getoond:" not in rv.ranglijst.value
