"""Two laptops, one workspace: a stale form never removes or overwrites someone else's work."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wijkanalyse import store
from wijkanalyse.model import open_wijk
from wijkanalyse.widgets.gewichten import PuntenVerdeler
from wijkanalyse.widgets.kader import KaderEditor

BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


def _extra_criterium_met_score(werkruimte: Path) -> None:
    """What laptop B does: add a criterium and score on it."""
    b = open_wijk("Laak", str(werkruimte))
    crit = b.criteria()
    nieuw = pd.concat(
        [
            crit,
            pd.DataFrame(
                [{"naam": "Draagvlak bewoners", "gewicht": 2, "richting": "hoger is beter"}]
            ),
        ]
    )
    b.zet_afwegingskader(nieuw, 3.0, 4, versie=b.kader_versie())
    cid = int(b.criteria().set_index("naam").loc["Draagvlak bewoners", "id"])
    oid = int(b.opgaven()["id"].iloc[0])
    b.voeg_scores_toe(
        pd.DataFrame(
            [
                {
                    "onderwerp_soort": "opgave",
                    "onderwerp_id": oid,
                    "criterium_id": cid,
                    "waarde": 5,
                    "scorer": "B",
                    "groep": "bewoners",
                }
            ]
        )
    )


def test_stale_kader_form_is_refused_and_keeps_the_other_laptops_criterium(
    werkruimte: Path,
) -> None:
    a = KaderEditor(open_wijk("Laak", str(werkruimte)))  # laptop A opens the form
    _extra_criterium_met_score(werkruimte)  # laptop B saves meanwhile
    a.drempel.value = "3,5"
    a.opslaan.click()
    assert "intussen gewijzigd" in a.melding.value
    crit = store.criteria(werkruimte, "Laak")
    assert "Draagvlak bewoners" in crit["naam"].tolist()
    assert (store.scores(werkruimte, "Laak")["scorer"] == "B").sum() == 1
    assert store.kader(werkruimte, "Laak")["drempel"] == 3.0  # A's stale save did not land
    # the form now shows the new state; saving again works
    assert len(a.rijen) == len(crit)
    a.drempel.value = "3,5"
    a.opslaan.click()
    assert store.kader(werkruimte, "Laak")["drempel"] == 3.5
    assert "Draagvlak bewoners" in store.criteria(werkruimte, "Laak")["naam"].tolist()


def test_stale_points_form_is_refused_without_crash(werkruimte: Path) -> None:
    a = PuntenVerdeler(open_wijk("Laak", str(werkruimte)))
    _extra_criterium_met_score(werkruimte)
    schuiven = list(a.schuiven.values())
    for s in schuiven:
        s.value = 0
    schuiven[0].value = 100
    voor = store.criteria(werkruimte, "Laak")["gewicht"].tolist()
    a.verdeel.click()
    assert "intussen gewijzigd" in a.melding.value
    assert "Er ging iets mis" not in a.melding.value
    assert store.criteria(werkruimte, "Laak")["gewicht"].tolist() == voor


def test_kader_save_is_one_transaction(werkruimte: Path) -> None:
    """A bad capaciteit refuses the whole save: criteria stay as they were."""
    m = open_wijk("Laak", str(werkruimte))
    crit = m.criteria().assign(gewicht=9.0)
    voor = store.criteria(werkruimte, "Laak")
    try:
        m.zet_afwegingskader(crit, 3.0, -1)
    except Exception as e:  # noqa: BLE001
        assert "capaciteit" in str(e).lower()
    assert store.criteria(werkruimte, "Laak").equals(voor)


def test_stale_opgave_form_does_not_overwrite_another_laptops_edit(werkruimte: Path) -> None:
    from wijkanalyse.widgets.inventarisatie import InventarisatieView

    a = InventarisatieView(open_wijk("Laak", str(werkruimte)))
    oid = a.kies.options[1][1]
    a.kies.value = oid  # A opens the opgave
    store.wijzig_opgave(werkruimte, oid, eigenaar="Waterschap")  # B edits it meanwhile
    a.formulier.beschrijving.value = "Aanvulling van A"
    a.opslaan.click()
    assert "intussen gewijzigd" in a.melding.value
    rij = store.opgaven(werkruimte, "Laak").set_index("id").loc[oid]
    assert rij["eigenaar"] == "Waterschap" and rij["beschrijving"] != "Aanvulling van A"
    assert a.formulier.eigenaar.value == "Waterschap"  # the form shows the new state
    a.formulier.beschrijving.value = "Aanvulling van A"
    a.opslaan.click()  # now it saves, keeping B's edit
    a.formulier.beschrijving.value = "Nog een aanvulling"
    a.opslaan.click()  # and saving twice in a row from the same form works
    rij = store.opgaven(werkruimte, "Laak").set_index("id").loc[oid]
    assert (rij["eigenaar"], rij["beschrijving"]) == ("Waterschap", "Nog een aanvulling")


def test_stale_entry_form_does_not_overwrite_another_laptops_edit(werkruimte: Path) -> None:
    from wijkanalyse.widgets.koppelingen import KoppelingenView

    v = KoppelingenView(open_wijk("Laak", str(werkruimte)))
    v.filter.value = "overwogen"
    iid = v.item_kies.options[1][1]
    v.item_kies.value = iid
    store.wijzig_item(werkruimte, iid, interventie="Afspraak van B")
    v.tekst.value = "Tekst van A"
    v.bewaar_item.click()
    assert "intussen gewijzigd" in v.melding.value
    it = store.items(werkruimte, "Laak").set_index("id").loc[iid]
    assert it["interventie"] == "Afspraak van B" and it["tekst"] != "Tekst van A"
