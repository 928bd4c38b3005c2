"""Uitvoering in the store: acties from the besluiten, their log, risico's and terugblikken,
each change in the history and undone like every other (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from wijkanalyse import demo, store
from wijkanalyse.core.errors import InvoerFout

BEIDE_BACKENDS = True


def _kies_eerste_koppeling(p: Path | str) -> int:
    kid = int(store.koppelingen(p, "Laak")["id"].iloc[0])
    store.leg_besluit_vast(
        p, "Laak", "koppeling", kid, "gekozen", "samen graven", datum="2025-01-01"
    )
    return kid


def test_acties_uit_besluiten_bijwerken_en_ongedaan_maken(werkruimte: Path | str) -> None:
    kid = _kies_eerste_koppeling(werkruimte)
    interventies = store.items(werkruimte, "Laak").query("koppeling_id == @kid")
    verwacht = sorted(t for t in interventies["interventie"] if t)
    nieuw = store.maak_acties_uit_besluiten(werkruimte, "Laak")
    a = store.acties(werkruimte, "Laak")
    assert sorted(a["titel"]) == verwacht and len(nieuw) == len(verwacht)
    assert set(a["status"]) == {"gepland"} and set(a["onderwerp_id"]) == {kid}
    assert store.maak_acties_uit_besluiten(werkruimte, "Laak") == []  # not twice
    aid = nieuw[0]

    store.werk_actie_bij(
        werkruimte,
        aid,
        "Aannemer gestart",
        status="loopt",
        voortgang="40",
        datum="05-03-2027",
        door="Projectleider",
    )
    rij = store.acties(werkruimte, "Laak").set_index("id").loc[aid]
    assert (rij["status"], rij["voortgang"]) == ("loopt", 40)
    log = store.actie_log(werkruimte, "Laak")
    assert log[["datum", "door", "status", "voortgang", "tekst"]].iloc[0].tolist() == [
        "2027-03-05",
        "Projectleider",
        "loopt",
        40,
        "Aannemer gestart",
    ]
    wat = store.historie(werkruimte, "Laak")["wat"].iloc[0]
    assert wat.startswith("Actie '") and "voortgangsregel" in wat

    store.maak_ongedaan(werkruimte, "Laak")  # the update and its log line go together
    rij = store.acties(werkruimte, "Laak").set_index("id").loc[aid]
    assert (rij["status"], rij["voortgang"]) == ("gepland", 0)
    assert store.actie_log(werkruimte, "Laak").empty
    store.maak_ongedaan(werkruimte, "Laak")  # the acties made from the besluiten
    assert store.acties(werkruimte, "Laak").empty

    with pytest.raises(InvoerFout, match="dd-mm-jjjj"):
        store.voeg_actie_toe(werkruimte, "Laak", "koppeling", kid, titel="x", deadline="31-02-2027")
    with pytest.raises(InvoerFout, match="tussen 0 en 100"):
        store.voeg_actie_toe(werkruimte, "Laak", "koppeling", kid, titel="x", voortgang=120)
    hand = store.voeg_actie_toe(
        werkruimte,
        "Laak",
        "koppeling",
        kid,
        titel="Bewonersavond",
        eigenaar="Wijkregisseur",
        start="01-02-2027",
        deadline="1-4-2027",
    )
    r = store.acties(werkruimte, "Laak").set_index("id").loc[hand]
    assert (r["start"], r["deadline"], pd.isna(r["item_id"])) == ("2027-02-01", "2027-04-01", True)


def test_risico_en_terugblik_ongedaan_maken(werkruimte: Path | str) -> None:
    b = store.bedreigingen(werkruimte, "Laak")
    item = int(b["item_id"].iloc[0])
    store.zet_risico(
        werkruimte,
        item,
        risico_kans=4,
        risico_impact="3",
        maatregel="Mijlpalen koppelen",
        herzien_op="01-06-2027",
    )
    r = store.bedreigingen(werkruimte, "Laak").iloc[0]
    assert (r["item_id"], r["risico_score"], r["maatregel"], r["herzien_op"]) == (
        item,
        12,
        "Mijlpalen koppelen",
        "2027-06-01",
    )
    kans = store.items(werkruimte, "Laak").query("soort == 'kans'")["id"].iloc[0]
    with pytest.raises(InvoerFout, match="bedreiging"):
        store.zet_risico(werkruimte, int(kans), risico_kans=1)
    with pytest.raises(InvoerFout, match="tussen 1 en 5"):
        store.zet_risico(werkruimte, item, risico_kans=6)

    tid = store.voeg_terugblik_toe(
        werkruimte,
        "Laak",
        datum="15-01-2027",
        door="Wijkteam",
        volgens_plan="De planning",
        veranderd="De aannemer",
        geleerd="Eerder bewoners betrekken",
    )
    t = store.terugblikken(werkruimte, "Laak")
    assert t[["id", "datum", "door", "geleerd"]].iloc[0].tolist() == [
        tid,
        "2027-01-15",
        "Wijkteam",
        "Eerder bewoners betrekken",
    ]
    assert (
        store.historie(werkruimte, "Laak")["wat"].iloc[0] == "Terugblik van 15-01-2027 toegevoegd"
    )
    store.wijzig_terugblik(werkruimte, tid, geleerd="Nog eerder")
    assert store.terugblikken(werkruimte, "Laak")["geleerd"].iloc[0] == "Nog eerder"
    store.maak_ongedaan(werkruimte, "Laak")
    assert store.terugblikken(werkruimte, "Laak")["geleerd"].iloc[0] == "Eerder bewoners betrekken"
    store.maak_ongedaan(werkruimte, "Laak")
    assert store.terugblikken(werkruimte, "Laak").empty
    with pytest.raises(InvoerFout, match="leeg"):
        store.voeg_terugblik_toe(werkruimte, "Laak", datum="15-01-2027")
    store.maak_ongedaan(werkruimte, "Laak")  # the risk
    assert store.risicos(werkruimte, "Laak").empty
    assert store.terugblikken(werkruimte).empty and list(
        store.terugblikken(werkruimte).columns
    ) == list(store.TERUGBLIK_KOLOMMEN)


def test_werkruimte_van_versie_4_krijgt_de_uitvoering(tmp_path: Path) -> None:
    p = tmp_path / "oud.sqlite"
    store.maak_werkruimte(p)
    demo.bouw_wijk(p, "Laak", "Den Haag", 40795)
    con = sqlite3.connect(p)
    for t in ("acties", "actie_log", "risicos", "terugblikken"):
        con.execute(f"DROP TABLE {t}")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    store.maak_werkruimte(p)
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    tid = store.voeg_terugblik_toe(p, "Laak", geleerd="Het werkt ook in een oude werkruimte")
    assert store.terugblikken(p, "Laak")["id"].tolist() == [tid]
    store.maak_ongedaan(p, "Laak")
    assert store.terugblikken(p, "Laak").empty
