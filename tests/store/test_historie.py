"""History and undo: every kind of change can be undone, also after reopening the workspace;
deleting asks first and names what goes with it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from pg_cluster import tabel_rijen

from wijkanalyse import store
from wijkanalyse.core.errors import InvoerFout, WijkanalyseFout
from wijkanalyse.model import open_wijk
from wijkanalyse.widgets.historie import HistorieView
from wijkanalyse.widgets.inventarisatie import InventarisatieView
from wijkanalyse.widgets.koppelingen import KoppelingenView

GEGEVENS = ("wijken", "kader_regels", "criteria", "opgaven", "koppelingen", "items", "scores")
GEGEVENS += ("besluiten",)


BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


def stand(p: Path | str) -> dict[str, list]:
    """All user data (not the history itself), to compare before and after."""
    return {t: tabel_rijen(p, f"SELECT * FROM {t} ORDER BY id") for t in GEGEVENS}


def _laak(p: Path) -> dict[str, int]:
    o = store.opgaven(p, "Laak")
    k = store.koppelingen(p, "Laak")
    return {
        "opgave": int(o["id"].iloc[0]),
        "opgave2": int(o["id"].iloc[1]),
        "koppeling": int(k["id"].iloc[0]),
        "item": int(store.items(p, "Laak")["id"].iloc[0]),
        "criterium": int(store.criteria(p, "Laak")["id"].iloc[0]),
    }


def _opgave_velden(p: Path, oid: int) -> dict:
    rij = store.opgaven(p, "Laak").set_index("id").loc[oid].to_dict()
    return {k: (None if pd.isna(v) else v) for k, v in rij.items()}


WIJZIGINGEN: dict[str, Callable[[Path, dict[str, int]], object]] = {
    "opgave toevoegen": lambda p, i: store.voeg_opgave_toe(
        p, "Laak", titel="Speeltuin vernieuwen", transitie="overig"
    ),
    "opgave wijzigen": lambda p, i: store.wijzig_opgave(
        p, i["opgave"], **{**_opgave_velden(p, i["opgave"]), "titel": "Andere titel"}
    ),
    "opgave verwijderen": lambda p, i: store.verwijder_opgave(p, i["opgave"]),
    "opgaven importeren": lambda p, i: store.importeer_opgaven(
        p,
        "Laak",
        pd.DataFrame({"titel": ["Eén", "Twee"], "transitie": ["energie", "mobiliteit"]}),
    ),
    "koppeling wijzigen": lambda p, i: store.zet_koppeling(
        p,
        "Laak",
        *store.koppelingen(p, "Laak").set_index("id").loc[i["koppeling"], ["opgave_a", "opgave_b"]],
        "afstemming",
        "nieuwe toelichting",
    ),
    "koppeling verwijderen": lambda p, i: store.verwijder_koppeling(p, i["koppeling"]),
    "kans toevoegen": lambda p, i: store.voeg_item_toe(
        p, i["koppeling"], soort="kans", tekst="Samen inkopen"
    ),
    "kans wijzigen": lambda p, i: store.wijzig_item(
        p, i["item"], soort="bedreiging", tekst="Andere tekst"
    ),
    "kans verwijderen": lambda p, i: store.verwijder_item(p, i["item"]),
    "kader wijzigen": lambda p, i: store.zet_afwegingskader(
        p,
        "Laak",
        store.criteria(p, "Laak").assign(gewicht=2.5),
        drempel=3.5,
        capaciteit=2,
        verwijderen=[i["criterium"]],
        min_groepen=2,
        vereiste_groepen="bewoners",
    ),
    "drempel wijzigen": lambda p, i: store.zet_kader(p, "Laak", drempel=2.0, capaciteit=9),
    "scores toevoegen": lambda p, i: store.voeg_scores_toe(
        p,
        "Laak",
        pd.DataFrame(
            {
                "onderwerp_soort": ["opgave"],
                "onderwerp_id": [i["opgave"]],
                "criterium_id": [i["criterium"]],
                "waarde": [5],
                "scorer": ["Nieuwe scorer"],
                "groep": ["bewoners"],
            }
        ),
    ),
    "besluit vastleggen": lambda p, i: store.leg_besluit_vast(
        p, "Laak", "opgave", i["opgave"], "gekozen", "Past bij de planning"
    ),
}


@pytest.mark.parametrize("soort", list(WIJZIGINGEN))
def test_elke_soort_wijziging_is_ongedaan_te_maken_ook_na_heropenen(
    werkruimte: Path, soort: str
) -> None:
    voor = stand(werkruimte)
    WIJZIGINGEN[soort](werkruimte, _laak(werkruimte))
    assert stand(werkruimte) != voor
    # a new model on the same file, as after a restart
    model = open_wijk("laak" if soort == "opgave toevoegen" else "Laak", str(werkruimte))
    nieuwste = model.historie().iloc[0]
    assert not nieuwste["ongedaan"] and nieuwste["wie"] and nieuwste["wat"]
    assert model.maak_ongedaan() == nieuwste["wat"]
    assert stand(werkruimte) == voor
    h = model.historie()
    assert h.iloc[0]["wat"] == f"Ongedaan gemaakt: {nieuwste['wat']}"
    assert h.set_index("id").loc[nieuwste["id"], "ongedaan"]


def test_verwijderen_vraagt_eerst_en_noemt_wat_meegaat(werkruimte: Path) -> None:
    model = open_wijk("Laak", str(werkruimte))
    v = InventarisatieView(model)
    k = model.koppelingen()
    oid = int(pd.concat([k["opgave_a"], k["opgave_b"]]).value_counts().index[0])
    kids = k[(k["opgave_a"] == oid) | (k["opgave_b"] == oid)]["id"].tolist()
    n_items = int(model.items()["koppeling_id"].isin(kids).sum())
    s = model.scores()
    n_scores = int(
        (((s["onderwerp_soort"] == "opgave") & (s["onderwerp_id"] == oid))
         | ((s["onderwerp_soort"] == "koppeling") & s["onderwerp_id"].isin(kids))).sum()
    )  # fmt: skip
    titel = model.opgaven().set_index("id").loc[oid, "titel"]
    voor = stand(werkruimte)

    v.kies.value = oid
    v.verwijder.click()
    vraag = v.bevestiging.vraag.value
    kop = f"{len(kids)} koppeling{'en' if len(kids) != 1 else ''}"
    assert f"Opgave &#x27;{titel}&#x27; verwijderen?" in vraag
    assert f"Dan gaan ook {kop}, {n_items} kansen/bedreigingen en {n_scores} scores weg." in vraag
    assert stand(werkruimte) == voor  # only asked
    v.bevestiging.nee.click()
    assert stand(werkruimte) == voor and "Niets verwijderd" in v.melding.value

    v.kies.value = oid
    v.verwijder.click()
    v.bevestiging.ja.click()
    assert oid not in model.opgaven()["id"].tolist()
    assert "ongedaan" in v.melding.value

    h = HistorieView(model)
    assert f"ook {kop}, {n_items} kansen/bedreigingen en {n_scores} scores" in h.tabel.value
    h.ongedaan.click()
    assert "Ongedaan gemaakt" in h.melding.value
    assert stand(werkruimte) == voor
    # the delete is marked as undone; the table shows it in Dutch
    assert "<td>Ja</td>" in h.tabel.value


def test_koppeling_en_kans_verwijderen_vragen_ook_eerst(werkruimte: Path) -> None:
    model = open_wijk("Laak", str(werkruimte))
    v = KoppelingenView(model)
    v.filter.value = "alle"
    k = model.koppelingen().iloc[0]
    v.paar.value = (int(k["opgave_a"]), int(k["opgave_b"]))
    v.verwijder_paar.click()
    assert "Koppeling" in v.bevestiging.vraag.value and "verwijderen?" in v.bevestiging.vraag.value
    assert int(k["id"]) in model.koppelingen()["id"].tolist()
    v.bevestiging.ja.click()
    assert int(k["id"]) not in model.koppelingen()["id"].tolist()


def test_meerdere_keren_ongedaan_en_dan_niets_meer(werkruimte: Path) -> None:
    voor = stand(werkruimte)
    model = open_wijk("Laak", str(werkruimte))
    n_oud = len(model.historie())
    model.voeg_opgave_toe(titel="A", transitie="overig")
    model.zet_kader(2.5, 3)
    model.maak_ongedaan()  # the kader
    assert model.kader()["drempel"] == 3.0 and "A" in model.opgaven()["titel"].tolist()
    model.maak_ongedaan()  # the opgave
    assert "A" not in model.opgaven()["titel"].tolist()
    for _ in range(n_oud):  # everything the demo built, back to an empty wijk
        model.maak_ongedaan()
    assert model.opgaven().empty and model.scores().empty
    with pytest.raises(WijkanalyseFout, match="niets \\(meer\\) om ongedaan te maken"):
        model.maak_ongedaan()
    assert stand(werkruimte) != voor


def test_mislukte_wijziging_laat_geen_historie_achter(werkruimte: Path) -> None:
    voor = store.historie(werkruimte, "Laak")
    with pytest.raises(InvoerFout):
        store.importeer_opgaven(
            werkruimte, "Laak", pd.DataFrame({"titel": ["Goed", ""], "transitie": ["energie"] * 2})
        )
    pd.testing.assert_frame_equal(store.historie(werkruimte, "Laak"), voor)


def test_ongedaan_maken_in_een_nieuw_proces(werkruimte: Path) -> None:
    """Really across a restart: the undo runs in another Python process."""
    store.zet_gebruiker("Fatima")
    try:
        store.voeg_opgave_toe(werkruimte, "Laak", titel="Nieuw plein", transitie="overig")
    finally:
        store.zet_gebruiker(None)
    h = store.historie(werkruimte, "Laak").iloc[0]
    assert (h["wie"], h["wat"]) == ("Fatima", "Opgave 'Nieuw plein' toegevoegd")
    code = (
        "from wijkanalyse.model import open_wijk; import sys; "
        f"print(open_wijk('Laak', {str(werkruimte)!r}).maak_ongedaan())"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == "Opgave 'Nieuw plein' toegevoegd"
    assert "Nieuw plein" not in store.opgaven(werkruimte, "Laak")["titel"].tolist()


def test_score_import_is_een_stap_en_wordt_rij_voor_rij_ongedaan(werkruimte: Path) -> None:
    """A score file (new scores, a replaced score, an unchanged one) is one history entry
    that names its subjects; one undo puts every table back as it was, row for row."""
    from wijkanalyse import uitwisseling

    model = open_wijk("Laak", str(werkruimte))
    voor = stand(werkruimte)
    n_oud = len(model.historie())
    titels = model.opgaven().set_index("id")["titel"]
    crit = model.criteria()
    crit = crit[crit["geldt_voor"] != "koppeling"].set_index("id")["naam"]
    oud = model.scores()
    oud = oud[(oud["onderwerp_soort"] == "opgave") & oud["deelnemer_id"].isna()]
    vervangen, gelijk = oud.iloc[0], oud.iloc[1]
    regels = ["Onderwerp;Criterium;Score;Groep;Scorer;Datum"]
    for s in (vervangen, gelijk):
        waarde = int(s.waarde) if s is gelijk else 1 + int(s.waarde) % 5
        regels.append(
            f"{titels[s.onderwerp_id]};{crit[s.criterium_id]};{waarde};{s.groep};{s.scorer};"
            f"{s.moment}"
        )
    regels += [
        f"{t};{c};{1 + i % 5};bewoners;Scorer {i}" for i, t in enumerate(titels) for c in crit
    ]
    inhoud = ("\r\n".join(regels) + "\r\n").encode("utf-8")
    vb = uitwisseling.voorbeeld_scores_bestand(model, "scores.csv", inhoud)
    assert vb.in_orde, vb.fouten[:3]
    telling = uitwisseling.voer_scores_uit(model, vb)
    nieuw = len(regels) - 3  # the unchanged score is not written again, the changed one in place
    assert (telling.gegeven, telling.nieuw, telling.gewijzigd) == (len(regels) - 1, nieuw, 1)
    na = stand(werkruimte)
    assert len(na["scores"]) == len(voor["scores"]) + nieuw
    h = model.historie()
    assert len(h) == n_oud + 1
    wat = h.iloc[0]["wat"]
    assert wat == (
        f"Score-import uit 'scores.csv': {nieuw} scores toegevoegd voor {len(titels)} "
        f"onderwerpen en score van {vervangen.scorer} voor '{titels[vervangen.onderwerp_id]}' "
        f"op '{crit[vervangen.criterium_id]}' gewijzigd (waarde)"
    )
    assert f"opgave: {titels.iloc[0]}; criterium: {crit.iloc[0]}" in h.iloc[0]["na"]
    assert model.maak_ongedaan() == wat
    assert stand(werkruimte) == voor
    h = model.historie()
    assert h.iloc[0]["wat"] == f"Ongedaan gemaakt: {wat}" and h.iloc[1]["ongedaan"]
