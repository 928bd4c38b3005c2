"""Scoring at scale: criteria that say what they apply to, a score grid pasted from Excel,
a score import with refusals per row and column, and a kader copied to other wijken."""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from wijkanalyse import afweging, store, uitwisseling
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.kader import KaderEditor
from wijkanalyse.widgets.scoren import ScoreView


def _aantal_scores(model: WijkModel) -> int:
    con = sqlite3.connect(model.path)
    try:
        return con.execute("SELECT count(*) FROM scores").fetchone()[0]
    finally:
        con.close()


def test_oude_werkruimte_krijgt_geldt_voor(tmp_path: Path, model: WijkModel) -> None:
    """Migration 4: existing criteria apply to both, except 'Meerkosten koppeling'."""
    p = tmp_path / "oud.sqlite"
    bron = sqlite3.connect(model.path)
    doel = sqlite3.connect(p)
    bron.backup(doel)
    bron.close()
    triggers = [r[0] for r in doel.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    for t in triggers:
        doel.execute(f"DROP TRIGGER {t}")
    doel.executescript(
        "ALTER TABLE criteria DROP COLUMN geldt_voor; DROP TABLE importkeuzes; "
        "PRAGMA user_version = 2;"
    )
    doel.close()
    store.maak_werkruimte(p)
    crit = store.criteria(p, "Laak").set_index("naam")["geldt_voor"]
    assert crit["Meerkosten koppeling"] == "koppeling"
    assert set(crit.drop("Meerkosten koppeling")) == {"beide"}
    assert store.schema_versie(p) == store.SCHEMA_VERSIE


def test_scoren_vraagt_alleen_wat_geldt(model: WijkModel) -> None:
    """The form hides 'Meerkosten koppeling' for an opgave, and an opgave scored on every
    criterium that applies to it is fully scored."""
    sv = ScoreView(model)
    f = sv.formulier
    meerkosten = int(model.criteria().set_index("naam").loc["Meerkosten koppeling", "id"])
    opgave = next(v for _l, v in f.onderwerp.options if v[0] == "opgave")
    koppeling = next(v for _l, v in f.onderwerp.options if v[0] == "koppeling")
    f.onderwerp.value = opgave
    assert f.rij_van[meerkosten].layout.display == "none"
    f.onderwerp.value = koppeling
    assert f.rij_van[meerkosten].layout.display is None

    crit = model.criteria()
    rijen = [
        {"onderwerp_soort": "opgave", "onderwerp_id": 1, "criterium_id": int(c.id),
         "waarde": 4, "scorer": "a", "groep": g}
        for c in crit.itertuples() if c.geldt_voor != "koppeling"
        for g in ("bewoners", "projectteam")
    ]  # fmt: skip
    tot = afweging.totalen(
        pd.DataFrame(rijen), crit, regel=afweging.Volledigheidsregel(2, ("bewoners",))
    )
    assert bool(tot["volledig"].iloc[0]) and tot["ontbrekend"].iloc[0] == ""
    # without the column (as before) the same subject would not be complete
    tot = afweging.totalen(
        pd.DataFrame(rijen),
        crit.drop(columns="geldt_voor"),
        regel=afweging.Volledigheidsregel(2, ("bewoners",)),
    )
    assert not bool(tot["volledig"].iloc[0])


def test_geplakt_raster_komt_in_de_werkruimte(model: WijkModel) -> None:
    """A group's grid (every subject x every criterium that applies), as Excel pastes it:
    tab-separated, checked in a preview, saved with one click."""
    sv = ScoreView(model)
    r = sv.raster
    r.groep.value = "bewoners"
    r.toon.click()
    regels = r.tekst.value.split("\n")
    kop = regels[0].split("\t")
    assert kop[0] == "Onderwerp" and "Meerkosten koppeling" in kop
    geplakt = [regels[0]]
    verwacht = 0
    for i, regel in enumerate(regels[1:]):
        cellen = regel.split("\t")
        waarden = ["–" if c == "–" else str(1 + (i + j) % 5) for j, c in enumerate(cellen[1:])]
        verwacht += sum(v != "–" for v in waarden)
        geplakt.append("\t".join([cellen[0], *waarden]))
    voor = _aantal_scores(model)
    r.tekst.value = "\r\n".join(geplakt) + "\r\n"  # Excel ends rows with CRLF
    r.controleer.click()
    assert f"Opslaan: {verwacht} scores" in r.voorbeeld.value and not r.opslaan.disabled
    r.opslaan.click()
    assert f"{verwacht} scores uit het raster opgeslagen" in sv.melding.value
    assert _aantal_scores(model) == voor + verwacht
    sc = model.scores()
    eigen = sc[(sc["groep"] == "bewoners") & (sc["scorer"] == "bewoners")]
    assert len(eigen) == verwacht
    # shown again, the grid holds what was saved
    r.toon.click()
    assert r.tekst.value.split("\n")[1:] == geplakt[1:]

    # a wrong cell: refused with row and criterium column, nothing written
    fout = list(geplakt)
    cellen = fout[2].split("\t")
    cellen[1] = "7"
    fout[2] = "\t".join(cellen)
    r.tekst.value = "\n".join(fout)
    r.controleer.click()
    assert "rij 3, kolom &#x27;" + kop[1] + "&#x27;: 7 ligt buiten de schaal" in r.voorbeeld.value
    assert r.opslaan.disabled
    assert _aantal_scores(model) == voor + verwacht


def _csv(regels: list[str]) -> bytes:
    return ("\r\n".join(regels) + "\r\n").encode("utf-8-sig")


def test_score_import_weigert_per_rij_en_kolom(model: WijkModel) -> None:
    opgave = model.opgaven()["titel"].iloc[0]
    k = model.koppelingen().iloc[0]
    titels = model.opgaven().set_index("id")["titel"]
    koppeling = f"{titels[k.opgave_a]} x {titels[k.opgave_b]}"
    kop = "Onderwerp;Criterium;Score;Groep;Scorer;Opmerking"
    slecht = _csv(
        [
            "Scores projectteam",  # a title row
            kop,
            f"{opgave};Kosten;3;projectteam;An;",
            "Onbekend plan;Kosten;3;projectteam;An;",
            f"{opgave};Kosten;9;projectteam;An;",
            f"{opgave};Meerkosten koppeling;2;projectteam;An;",
            f"{opgave};Kleur;2;projectteam;An;",
            f"{opgave};Uitvoeringstempo;3,5;projectteam;An;",
            f"{opgave};Uitvoeringstempo;3;;An;",
        ]
    )
    voor = _aantal_scores(model)
    vb = uitwisseling.voorbeeld_scores_bestand(model, "scores.csv", slecht)
    assert [(r, k) for r, k, _ in vb.fouten] == [
        (4, "Onderwerp"),
        (5, "Score"),
        (6, "Criterium"),
        (7, "Criterium"),
        (8, "Score"),
        (9, "Groep"),
    ]
    meldingen = [m for _r, _k, m in vb.fouten]
    assert "Onbekend onderwerp 'Onbekend plan'" in meldingen[0]
    assert "buiten de schaal" in meldingen[1]
    assert "geldt alleen voor koppelingen" in meldingen[2]
    assert ("Opmerking", "overgeslagen") in vb.kolommen
    with pytest.raises(InvoerFout, match="6 rijen geweigerd"):
        uitwisseling.voer_scores_uit(model, vb)
    assert _aantal_scores(model) == voor

    # the widget shows the same refusals and writes nothing
    sv = ScoreView(model)
    sv.importeer.upload.value = (
        {"name": "scores.csv", "type": "", "size": len(slecht), "content": memoryview(slecht),
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    assert "Geweigerd: 6 cellen" in sv.importeer.voorbeeld.value
    assert "rij 5, kolom &#x27;Score&#x27;" in sv.importeer.voorbeeld.value
    assert sv.importeer.inlezen.disabled

    goed = _csv(
        [
            kop,
            f"{opgave};Kosten;3;projectteam;An;",
            f"{koppeling};Meerkosten koppeling;2;projectteam;An;let op",
        ]
    )
    sv.importeer.upload.value = (
        {"name": "goed.csv", "type": "", "size": len(goed), "content": memoryview(goed),
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    assert "Opslaan: 2 scores" in sv.importeer.voorbeeld.value
    sv.importeer.inlezen.click()
    assert "2 scores ingelezen uit &#x27;goed.csv&#x27;" in sv.melding.value or (
        "2 scores ingelezen uit 'goed.csv'" in sv.melding.value
    )
    sc = model.scores()
    assert len(sc[sc["scorer"] == "An"]) == 2


def test_score_csv_langer_dan_een_opgavenbestand(model: WijkModel) -> None:
    """A score file is long (one score per row): a CSV of 6,000 scores is previewed in full,
    not refused at the 5,000 lines an opgaven file may have."""
    opgaven = model.opgaven()["titel"].tolist()
    criteria = model.criteria()
    criteria = criteria[criteria["geldt_voor"] != "koppeling"]["naam"].tolist()
    regels = ["Onderwerp;Criterium;Score;Groep;Scorer"]
    p = 0
    while len(regels) <= 6_000:
        regels += [f"{o};{c};{1 + p % 5};groep {p % 7};s{p}" for o in opgaven for c in criteria]
        p += 1
    inhoud = _csv(regels[:6_001])
    vb = uitwisseling.voorbeeld_scores_bestand(model, "scores.csv", inhoud)
    assert vb.in_orde, vb.fouten[:3]
    assert len(vb.rijen) == 6_000


def test_kader_naar_andere_wijk_kopieren(model: WijkModel) -> None:
    """A kader edited in Laak is offered to the other wijken and copied to a chosen one;
    same-named criteria keep their scores there, other wijken stay as they were."""
    store.voeg_wijk_toe(model.path, "Rivierenwijk", gemeente="Deventer")
    doel, ander = "Selwerd", "Rivierenwijk"
    doel_model = WijkModel(path=model.path, wijk=doel)
    scores_voor = len(doel_model.scores())
    ander_voor = store.criteria(model.path, ander)

    crit = model.criteria()
    crit.loc[crit["naam"] == "Kosten", "gewicht"] = 5.0
    extra = {"naam": "Draagvlak corporatie", "richting": "hoger is beter", "gewicht": 1,
             "schaal_min": 1, "schaal_max": 5, "geldt_voor": "opgave"}  # fmt: skip
    crit = pd.concat([crit, pd.DataFrame([extra])], ignore_index=True)
    model.zet_afwegingskader(crit, 3.2, 5)

    editor = KaderEditor(model)
    kopie = editor.kopie
    assert doel in kopie.verschillen.value and "Draagvlak corporatie" in kopie.verschillen.value
    assert "criterium &#x27;Kosten&#x27;: gewicht" in kopie.verschillen.value
    kopie.wijken.value = (doel,)
    kopie.kopieer.click()
    assert f"Kader gekopieerd naar {doel}" in kopie.melding.value
    wat = store.historie(model.path, doel).iloc[0]["wat"]  # readable, one entry for the wijk
    assert wat.startswith("Afwegingskader van Laak overgenomen: ") and "Draagvlak" in wat

    na = store.criteria(model.path, doel).set_index("naam")
    assert na.loc["Kosten", "gewicht"] == 5.0
    assert na.loc["Draagvlak corporatie", "geldt_voor"] == "opgave"
    assert store.kader(model.path, doel)["drempel"] == 3.2
    assert store.kader(model.path, doel)["capaciteit"] == 5
    assert len(doel_model.scores()) == scores_voor  # same names: scores kept
    pd.testing.assert_frame_equal(store.criteria(model.path, ander), ander_voor)
    assert model.kader_verschillen([doel]) == {doel: []}
    assert doel not in kopie.verschillen.value  # no longer different


def test_veel_scores_volgt_dezelfde_regels(model: WijkModel, tmp_path: Path) -> None:
    """The bulk write behind the grid and the import gives the same scores as the per-row
    store function: spelling of groups and scorers, a later row replacing an earlier one, an
    existing score replaced; and it refuses what that refuses."""
    kopie = tmp_path / "kopie.sqlite"
    bron, doel = sqlite3.connect(model.path), sqlite3.connect(kopie)
    bron.backup(doel)
    bron.close()
    doel.close()
    oud = model.scores().iloc[0]
    crit = int(model.criteria()["id"].iloc[0])
    df = pd.DataFrame(
        [
            {"onderwerp_soort": oud.onderwerp_soort, "onderwerp_id": oud.onderwerp_id,
             "criterium_id": oud.criterium_id, "waarde": "2,0",
             "scorer": f" {oud.scorer.upper()} ", "groep": oud.groep.upper()},
            {"onderwerp_soort": "opgave", "onderwerp_id": 1, "criterium_id": crit,
             "waarde": 3, "scorer": "Nieuw", "groep": "Bewoners "},
            {"onderwerp_soort": "opgave", "onderwerp_id": 1, "criterium_id": crit,
             "waarde": 5, "scorer": "nieuw", "groep": "bewoners"},
        ]
    )  # fmt: skip
    assert store.voeg_scores_toe(model.path, "Laak", df) == 2
    assert store.voeg_veel_scores_toe(kopie, "Laak", df) == 2
    zonder_id = ["onderwerp_soort", "onderwerp_id", "criterium_id", "waarde", "scorer", "groep"]
    a = store.scores(model.path, "Laak")[zonder_id].sort_values(zonder_id).reset_index(drop=True)
    b = store.scores(kopie, "Laak")[zonder_id].sort_values(zonder_id).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    slecht = df.assign(waarde=[2, 3, 6])
    with pytest.raises(InvoerFout) as fout:
        store.voeg_veel_scores_toe(kopie, "Laak", slecht)
    assert (fout.value.rij, fout.value.kolom) == (4, "waarde")


def test_kaderwijziging_aangeboden_aan_andere_wijken(model: WijkModel) -> None:
    """After saving a kader change in Laak the widget says which wijken had Laak's kader
    before (and which differed), shows per wijk what applying the change does, and applies
    it in one click: one readable history entry (one undo) per wijk; a wijk's own difference
    and the scores of a removed criterium there stay."""
    p = model.path
    for naam in ("Rivierenwijk", "Keizerslanden"):
        store.voeg_wijk_toe(p, naam, gemeente="Deventer")
    model.kopieer_kader(["Rivierenwijk", "Keizerslanden"])
    eigen = store.criteria(p, "Keizerslanden")
    eigen.loc[eigen["naam"] == "Politieke winst", "gewicht"] = 4.0  # its own difference
    store.zet_criteria(p, "Keizerslanden", eigen)
    tijd = "Tijd voor besluit en uitvoering"
    selwerd_tijd = int(store.criteria(p, "Selwerd").set_index("naam").loc[tijd, "id"])
    selwerd_scores = store.scores(p, "Selwerd")
    n_tijd = int((selwerd_scores["criterium_id"] == selwerd_tijd).sum())
    assert n_tijd > 0

    editor = KaderEditor(model)
    aanbod = editor.kopie.aanbod
    assert aanbod.layout.display == "none"
    rij = {r.naam.value: r for r in editor.rijen}
    rij["Kosten"].gewicht.value = "5"
    rij["Uitvoeringstempo"].naam.value = "Tempo van uitvoering"
    rij[tijd].verwijder.value = True
    editor.drempel.value = "3,2"
    editor.opslaan.click()
    assert "verdwijnen met hun scores" in editor.melding.value  # Laak's own scores: confirm
    assert aanbod.layout.display == "none"
    editor.opslaan.click()
    assert "Afwegingskader opgeslagen" in editor.melding.value

    assert aanbod.layout.display != "none"
    tekst = html.unescape(aanbod.tekst.value)
    assert "criterium 'Kosten': gewicht 2 → 5" in tekst
    assert "naam 'Uitvoeringstempo' → 'Tempo van uitvoering'" in tekst
    assert "drempel 3 → 3,2" in tekst
    assert "Rivierenwijk en Selwerd hadden vóór deze wijziging hetzelfde kader als Laak" in tekst
    assert "Keizerslanden had al een ander kader" in tekst
    assert f"criterium '{tijd}' blijft staan: daar zijn al {n_tijd} scores gegeven" in tekst
    assert f"criterium '{tijd}' vervalt (nog niet gescoord)" in tekst
    assert "Scores gaan niet verloren" in tekst
    assert set(aanbod.wijken.options) == {"Keizerslanden", "Rivierenwijk", "Selwerd"}
    assert set(aanbod.wijken.value) == {"Rivierenwijk", "Selwerd"}  # those that were equal
    assert aanbod.alle.description == "Doorvoeren in alle 3 wijken"
    assert store.criteria(p, "Selwerd").set_index("naam").loc["Kosten", "gewicht"] == 2.0

    aanbod.alle.click()
    assert "doorgevoerd in Keizerslanden, Rivierenwijk en Selwerd" in aanbod.melding.value
    assert aanbod.layout.display == "none"  # nothing left to offer
    for wijk in ("Selwerd", "Rivierenwijk", "Keizerslanden"):
        c = store.criteria(p, wijk).set_index("naam")
        assert c.loc["Kosten", "gewicht"] == 5.0
        assert "Tempo van uitvoering" in c.index and "Uitvoeringstempo" not in c.index
        assert store.kader(p, wijk)["drempel"] == 3.2
    assert tijd in store.criteria(p, "Selwerd")["naam"].tolist()  # scored there: kept
    assert len(store.scores(p, "Selwerd")) == len(selwerd_scores)
    assert tijd not in store.criteria(p, "Rivierenwijk")["naam"].tolist()
    keiz = store.criteria(p, "Keizerslanden").set_index("naam")
    assert keiz.loc["Politieke winst", "gewicht"] == 4.0  # its own difference stays

    h = store.historie(p, "Selwerd").iloc[0]
    assert h["wat"].startswith("Kaderwijziging uit Laak overgenomen: ")
    assert "criterium 'Kosten': gewicht 2 → 5" in h["wat"]
    assert "drempel 3 → 3,2" in h["wat"] and "blijft staan" in h["wat"]
    assert store.historie(p, "Laak").iloc[0]["wat"] != h["wat"]  # Laak's own entry apart
    store.maak_ongedaan(p, "Selwerd")  # one undo takes Selwerd back, the others keep it
    assert store.criteria(p, "Selwerd").set_index("naam").loc["Kosten", "gewicht"] == 2.0
    assert store.kader(p, "Selwerd")["drempel"] == 3.0
    assert store.criteria(p, "Rivierenwijk").set_index("naam").loc["Kosten", "gewicht"] == 5.0
    model.wijk = "Selwerd"
    assert aanbod.layout.display == "none"


def _upload(sv: ScoreView, naam: str, inhoud: bytes) -> None:
    sv.importeer.upload.value = (
        {"name": naam, "type": "", "size": len(inhoud), "content": memoryview(inhoud),
         "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip


def test_score_import_opnieuw_schrijft_alleen_wat_anders_is(model: WijkModel) -> None:
    """Reading a score file again: unchanged scores are not written (nothing in the history,
    and the message says so); changed ones are changed in place, one history entry that
    names the file, and one undo puts every old score back."""
    opgaven = model.opgaven()["titel"].tolist()[:3]
    criteria = model.criteria()
    criteria = criteria[criteria["geldt_voor"] != "koppeling"]["naam"].tolist()[:4]
    kop = "Onderwerp;Criterium;Score;Groep;Scorer"

    def bestand(verschuiving: int) -> bytes:
        return _csv(
            [kop]
            + [
                f"{o};{c};{1 + (i + j + verschuiving) % 5};klankbord;Bo"
                for i, o in enumerate(opgaven)
                for j, c in enumerate(criteria)
            ]
        )

    n = len(opgaven) * len(criteria)
    sv = ScoreView(model)
    _upload(sv, "klankbord.csv", bestand(0))
    sv.importeer.inlezen.click()
    assert f"{n} scores ingelezen uit 'klankbord.csv': {n} nieuw." in html.unescape(
        sv.melding.value
    )
    voor = model.scores().drop(columns=["moment"])
    n_historie = len(model.historie())

    # the same file again: nothing written, nothing in the history, and the message says so
    _upload(sv, "klankbord.csv", bestand(0))
    sv.importeer.inlezen.click()
    assert (
        f"{n} scores ingelezen uit 'klankbord.csv': niets gewijzigd: alle {n} scores waren al "
        "zo opgeslagen."
    ) in html.unescape(sv.melding.value)
    assert len(model.historie()) == n_historie
    pd.testing.assert_frame_equal(model.scores().drop(columns=["moment"]), voor)

    # every value different: changed in place (same ids), one entry naming the file
    _upload(sv, "klankbord-2.csv", bestand(1))
    sv.importeer.inlezen.click()
    assert f"ingelezen uit 'klankbord-2.csv': {n} gewijzigd." in html.unescape(sv.melding.value)
    na = model.scores()
    assert na["id"].tolist() == voor["id"].tolist()
    assert (na["waarde"] != voor["waarde"]).sum() == n
    h = model.historie()
    assert len(h) == n_historie + 1
    wat = h.iloc[0]["wat"]
    assert wat == f"Score-import uit 'klankbord-2.csv': {n} scores gewijzigd voor 3 onderwerpen"
    # one undo step, saying what it undoes, puts every old score back
    from wijkanalyse.widgets.historie import HistorieView

    assert HistorieView(model).ongedaan.tooltip == f"Maakt ongedaan: {wat}"
    assert model.maak_ongedaan() == wat
    pd.testing.assert_frame_equal(model.scores().drop(columns=["moment"]), voor)
