"""The facilitator's room craft without a browser: likely duplicates, hiding, rewording and
merging proposals, the timer, and what the beamer shows (on a real workspace)."""

from __future__ import annotations

import base64
import shutil
import sqlite3
import sys
import types
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from wijkanalyse import store
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import beamer, moderatie
from wijkanalyse.werksessie.eigen_voorstellen import eigen_voorstel_html

BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


# --------------------------------------------------------------------------- pure functions


def test_normalising_ignores_case_accents_punctuation_and_little_words() -> None:
    assert moderatie.normaliseer("Meer groen op het Hobbemaplein!") == "meer groen hobbemaplein"
    assert moderatie.normaliseer("Café-terras  bij de Markt") == "cafe terras markt"
    assert moderatie.woorden("groen meer, Hobbemaplein") == moderatie.woorden(
        "meer groen hobbemaplein"
    )


@pytest.mark.parametrize(
    ("a", "b", "zelfde"),
    [
        ("Meer groen op het Hobbemaplein", "meer groen hobbemaplein", True),
        ("Speeltuin opknappen", "Speeltuin opknapen", True),  # a typo: close match
        ("Hobbemaplein: meer groen.", "Meer groen op het Hobbemaplein", True),  # word order
        ("Meer groen", "Meer blauw", False),
        ("Veilige fietsroute naar school", "Meer groen op het Hobbemaplein", False),
        ("", "", False),
    ],
)
def test_likely_the_same(a: str, b: str, zelfde: bool) -> None:
    assert moderatie.lijken_op(a, b) is zelfde


def test_duplicates_are_grouped_per_kind_and_pair() -> None:
    v = [
        {"id": 1, "soort": "opgave", "tekst": "Meer groen op het Hobbemaplein"},
        {"id": 2, "soort": "opgave", "tekst": "Fietsenstalling bij station"},
        {"id": 3, "soort": "opgave", "tekst": "meer groen hobbemaplein"},
        {"id": 4, "soort": "opgave", "tekst": "Meer groen, Hobbemaplein."},
        {"id": 5, "soort": "kans", "koppeling_id": 7, "tekst": "meer groen hobbemaplein"},
        {"id": 6, "soort": "kans", "koppeling_id": 8, "tekst": "meer groen hobbemaplein"},
    ]
    assert moderatie.dubbelen(v) == [[1, 3, 4]]


def test_visible_proposals_leave_out_hidden_and_merged_but_keep_every_proposer() -> None:
    alle = [
        {"id": 1, "tekst": "a", "groep": "bewoners", "naam": "Ana", "verborgen": 0},
        {"id": 2, "tekst": "b", "groep": "projectteam", "naam": "Piet", "samengevoegd_in": 1},
        {"id": 3, "tekst": "c", "groep": "bewoners", "naam": "Bo", "verborgen": 1},
    ]
    zicht = opslag.zichtbare_voorstellen(alle)
    assert [v["id"] for v in zicht] == [1]
    assert zicht[0]["indieners"] == [("bewoners", "Ana"), ("projectteam", "Piet")]


def test_own_proposals_say_hidden_reworded_or_merged() -> None:
    """ "Uw voorstellen": what the facilitator did with each of them is said plainly."""
    per_id = {
        1: {"id": 1, "soort": "opgave", "tekst": "Meer groen op het Hobbemaplein"},
        2: {"id": 2, "soort": "opgave", "tekst": "meer groen hobbemaplein", "samengevoegd_in": 1},
        3: {"id": 3, "soort": "opgave", "tekst": "Iets grofs", "verborgen": 1},
        4: {"id": 4, "soort": "opgave", "tekst": "Bankjes <b>", "oorspronkelijk": "bankjs"},
        5: {"id": 5, "soort": "opgave", "tekst": "Speeltuin"},
    }
    uit = {i: eigen_voorstel_html(v, {}, per_id) for i, v in per_id.items()}
    assert uit[1] == "Meer groen op het Hobbemaplein" and uit[5] == "Speeltuin"
    assert uit[2] == (
        "meer groen hobbemaplein <span class='wa-gemodereerd'>"
        "(samengevoegd met “Meer groen op het Hobbemaplein”)</span>"
    )
    assert uit[3].endswith("(verborgen door de gespreksleider)</span>")
    assert uit[4].startswith("Bankjes &lt;b&gt; ")  # the new wording, escaped
    assert "(aangepast door de gespreksleider; u schreef “bankjs”)" in uit[4]
    kans = {"id": 6, "soort": "kans", "tekst": "x", "koppeling_id": 9, "verborgen": 1}
    assert eigen_voorstel_html(kans, {9: "A – B"}, {}) == (
        "<em>Kans bij A – B:</em> x <span class='wa-gemodereerd'>"
        "(verborgen door de gespreksleider)</span>"
    )


def test_seconds_left_on_a_timer() -> None:
    nu = datetime(2026, 12, 7, 10, 0, 0)
    assert opslag.resterend({"sluit_om": None}, nu) is None
    assert opslag.resterend({"sluit_om": "2026-12-07T10:01:30"}, nu) == 90
    assert opslag.resterend({"sluit_om": "2026-12-07T09:59:00"}, nu) == 0


def test_score_chart_has_large_type_and_the_drempel() -> None:
    import pandas as pd

    scores = pd.DataFrame({"groep": ["bewoners", "bewoners", "projectteam"], "waarde": [4, 2, 5]})
    rang = pd.DataFrame(
        {
            "onderwerp_soort": ["opgave", "opgave"],
            "onderwerp_id": [1, 2],
            "totaal": [3.5, 2.25],
            "haalt_drempel": [True, False],
        }
    )
    titels = {("opgave", 1): "Meer groen", ("opgave", 2): "Een heel lange titel " * 4}
    fig = go.Figure(
        beamer.score_figuur_json(scores, rang, 3.0, titels, ["bewoners", "projectteam"])
    )
    assert fig.layout.font.size >= 22
    assert all(a.font.size >= 22 for a in fig.layout.annotations)
    assert "drempel 3,00" in fig.layout.annotations[0].text
    assert [s.x0 for s in fig.layout.shapes] == [3.0]
    balken = fig.data[0]
    assert list(balken.y)[-1] == "Meer groen"  # highest on top
    assert max(len(t) for t in balken.y) <= beamer.MAX_TITEL
    assert [t.name for t in fig.data[1:]] == ["bewoners", "projectteam"]
    assert list(fig.data[1].y) == [0, 1, 0, 1, 0]  # bewoners gave a 2 and a 4


def test_the_beamer_uses_a_question_type_figure_when_the_registry_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pandas as pd

    class Stemmen:
        def resultaat(self, con, ronde_id):
            return pd.DataFrame({"voorstel": ["a", "b"], "stemmen": [3, 1]})

        def figuur(self, df):
            return go.Figure(go.Bar(x=df["voorstel"], y=df["stemmen"]))

    mod = types.ModuleType("wijkanalyse.werksessie.vraagsoorten")
    mod.VRAAGSOORTEN = {"stemmen": Stemmen()}
    monkeypatch.setitem(sys.modules, "wijkanalyse.werksessie.vraagsoorten", mod)
    fig = beamer.beamer_figuur("", None, {}, {"id": 1, "soort": "stemmen"})
    y = fig["data"][0]["y"]  # plotly 7 writes numbers as base64 (plotly.js reads that)
    assert np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]).tolist() == [3, 1]
    assert fig["layout"]["font"]["size"] >= 22
    assert beamer.beamer_figuur("", None, {}, {"id": 1, "soort": "onbekend"}) is None


# --------------------------------------------------------------------------- in the workspace


@pytest.fixture
def sessie(werkruimte: Path) -> dict:
    return opslag.start_sessie(werkruimte, "laak", ["bewoners", "projectteam"])


def _voorstellen(db, s: dict, teksten: list[tuple[int, str, str]]) -> tuple[int, list[int]]:
    rid = opslag.voeg_ronde_toe(db, s["id"], "opgaven")
    opslag.zet_ronde_status(db, rid, "open")
    mensen: dict[str, dict] = {}
    ids = []
    for g, naam, tekst in teksten:
        if naam not in mensen:
            mensen[naam] = opslag.meld_aan(db, s["id"], s["groepen"][g]["id"], naam)
        ids.append(
            opslag.dien_voorstel_in(
                db, mensen[naam]["token"], s["id"], rid, soort="opgave", tekst=tekst
            )
        )
    return rid, ids


def _zichtbaar(db, s: dict, rid: int) -> list[dict]:
    con = opslag.verbind(db)
    try:
        return opslag.zichtbare_voorstellen(opslag.voorstellen(con, s["id"], rid))
    finally:
        con.close()


def test_hide_reword_and_merge_proposals(werkruimte, sessie: dict) -> None:
    rid, (a, b, c) = _voorstellen(
        werkruimte,
        sessie,
        [
            (0, "Ana", "Meer groen op het Hobbemaplein"),
            (1, "Piet", "meer groen hobbemaplein"),
            (0, "Bo", "iets grofs"),
        ],
    )
    opslag.verberg_voorstel(werkruimte, c)
    opslag.bewerk_voorstel(werkruimte, a, "Meer groen op het Hobbemaplein en de Haagweg")
    opslag.voeg_voorstellen_samen(werkruimte, a, [b])
    zicht = _zichtbaar(werkruimte, sessie, rid)
    assert [v["id"] for v in zicht] == [a]
    assert zicht[0]["tekst"] == "Meer groen op het Hobbemaplein en de Haagweg"
    assert zicht[0]["oorspronkelijk"] == "Meer groen op het Hobbemaplein"
    assert zicht[0]["indieners"] == [("bewoners", "Ana"), ("projectteam", "Piet")]
    with pytest.raises(InvoerFout, match="al samengevoegd"):
        opslag.voeg_voorstellen_samen(werkruimte, b, [a])
    # undone: both stand on their own again; shown again: the hidden one is back
    opslag.maak_samenvoegen_ongedaan(werkruimte, b)
    opslag.verberg_voorstel(werkruimte, c, False)
    assert [v["id"] for v in _zichtbaar(werkruimte, sessie, rid)] == [a, b, c]


def test_a_timer_closes_its_round_and_refuses_late_answers(werkruimte, sessie: dict) -> None:
    opg = store.opgaven(werkruimte, "Laak")["id"].tolist()[:1]
    crit = store.criteria(werkruimte, "Laak")["id"].tolist()
    rid = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "scores", [("opgave", opg[0])])
    opslag.zet_ronde_status(werkruimte, rid, "open")
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Ana")
    with pytest.raises(InvoerFout, match="tussen 10 seconden"):
        opslag.start_timer(werkruimte, rid, 5, auto_sluiten=True)
    opslag.start_timer(werkruimte, rid, 60, auto_sluiten=True)
    assert opslag.sluit_verlopen(werkruimte) == []
    opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[0], 3)
    con = opslag.verbind(werkruimte)
    try:  # the minute has passed
        verleden = (datetime.now() - timedelta(seconds=1)).isoformat(timespec="seconds")
        con.execute("UPDATE rondes SET sluit_om = ? WHERE id = ?", (verleden, rid))
    finally:
        con.close()
    with pytest.raises(opslag.RondeGesloten):
        opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[0], 4)
    assert opslag.sluit_verlopen(werkruimte) == [rid]
    con = opslag.verbind(werkruimte)
    try:
        assert opslag.ronde(con, rid)["status"] == "gesloten"
    finally:
        con.close()
    # opened again, the old deadline is gone
    opslag.zet_ronde_status(werkruimte, rid, "open")
    con = opslag.verbind(werkruimte)
    try:
        assert opslag.ronde(con, rid)["sluit_om"] is None
    finally:
        con.close()


def test_the_beamer_follows_the_open_round_or_the_facilitators_choice(
    werkruimte, sessie: dict
) -> None:
    rid, (a, b) = _voorstellen(
        werkruimte, sessie, [(0, "Ana", "Meer groen"), (1, "Piet", "iets grofs")]
    )
    opslag.verberg_voorstel(werkruimte, b)
    t = beamer.toestand(werkruimte, sessie["id"], "http://127.0.0.1:1")
    assert t["ronde"]["id"] == rid and t["ronde"]["soort"] == "opgaven"
    assert [v["tekst"] for v in t["voorstellen"]] == ["Meer groen"]
    assert t["ronde"]["geantwoord"] == 2 and t["deelnemers"] == 2
    assert [g["naam"] for g in t["groepen"]] == ["bewoners", "projectteam"]
    assert "<svg" in t["groepen"][0]["qr"] and not t["qr_groot"]

    opg = store.opgaven(werkruimte, "Laak")["id"].tolist()[:2]
    crit = store.criteria(werkruimte, "Laak")["id"].tolist()
    sid = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "scores", [("opgave", o) for o in opg])
    opslag.zet_ronde_status(werkruimte, sid, "open")
    con = opslag.verbind(werkruimte)
    token = con.execute(
        "SELECT token FROM deelnemers WHERE naam = 'Ana' AND sessie_id = ?", (sessie["id"],)
    ).fetchone()[0]
    con.close()
    opslag.zet_score(werkruimte, token, sessie["id"], sid, "opgave", opg[0], crit[0], 4)
    t = beamer.toestand(werkruimte, sessie["id"])
    assert t["ronde"]["id"] == sid and t["figuur"]["data"][0]["type"] == "bar"
    assert t["ronde"]["antwoorden"] == 1 and t["ronde"]["nog_niet"] == []  # names off
    opslag.zet_namen_tonen(werkruimte, sessie["id"], True)
    assert beamer.toestand(werkruimte, sessie["id"])["ronde"]["nog_niet"] == ["Piet"]

    opslag.zet_beamer(werkruimte, sessie["id"], ronde_id=rid, qr=True)
    t = beamer.toestand(werkruimte, sessie["id"])
    assert t["ronde"]["id"] == rid and t["qr_groot"] and t["figuur"] is None
    opslag.zet_beamer(werkruimte, sessie["id"], ronde_id=None)
    assert beamer.toestand(werkruimte, sessie["id"])["ronde"]["id"] == sid


def test_a_version_4_workspace_gets_the_new_columns(_demo_sjabloon: Path, tmp_path) -> None:
    p = tmp_path / "v4.sqlite"
    shutil.copy(_demo_sjabloon, p)
    con = sqlite3.connect(p)
    for tabel, kolommen in store.migraties._SCHEMA_WERKSESSIE_REGIE.items():
        for k in kolommen:
            con.execute(f"ALTER TABLE {tabel} DROP COLUMN {k.split()[0]}")
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()
    store.maak_werkruimte(p)
    assert store.schema_versie(p) == store.SCHEMA_VERSIE == 8
    s = opslag.start_sessie(p, "Laak", ["bewoners"])
    rid, (a,) = _voorstellen(p, s, [(0, "Ana", "Meer groen")])
    opslag.verberg_voorstel(p, a)
    assert _zichtbaar(p, s, rid) == []
    store.maak_werkruimte(p)  # a second open changes nothing
    assert store.schema_versie(p) == store.SCHEMA_VERSIE


def test_own_progress_text() -> None:
    from wijkanalyse.werksessie.deelnemer import voortgang_tekst

    assert voortgang_tekst(12, 24) == "12 van 24 ingevuld"
    assert voortgang_tekst(24, 24).startswith("Alles ingevuld (24 van 24)")


def test_rounds_edited_reordered_duplicated_and_deleted_after_a_dutch_question(
    werkruimte, sessie: dict
) -> None:
    opg = store.opgaven(werkruimte, "Laak")["id"].tolist()[:2]
    crit = store.criteria(werkruimte, "Laak")["id"].tolist()
    a = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "opgaven", titel="Ideeën")
    b = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "scores", [("opgave", opg[0])], "Scoren")
    opslag.bewerk_ronde(
        werkruimte, b, titel="Scoren op twee", onderwerpen=[("opgave", o) for o in opg]
    )
    opslag.verplaats_ronde(werkruimte, b, -1)
    c = opslag.dupliceer_ronde(werkruimte, b)

    def agenda() -> list[tuple]:
        con = opslag.verbind(werkruimte)
        try:
            return [
                (r["id"], r["volgorde"], r["titel"], r["onderwerpen"], r["status"])
                for r in opslag.rondes(con, sessie["id"])
            ]
        finally:
            con.close()

    paren = [["opgave", o] for o in opg]
    assert agenda() == [
        (b, 1, "Scoren op twee", paren, "gepland"),
        (a, 2, "Ideeën", [], "gepland"),
        (c, 3, "Scoren op twee (kopie)", paren, "gepland"),
    ]
    opslag.zet_ronde_status(werkruimte, b, "open")
    with pytest.raises(InvoerFout, match="Dupliceer haar"):
        opslag.bewerk_ronde(werkruimte, b, titel="Anders")
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Ana")
    for o in opg:
        opslag.zet_score(werkruimte, d["token"], sessie["id"], b, "opgave", o, crit[0], 3)
    with pytest.raises(InvoerFout) as fout:
        opslag.verwijder_ronde(werkruimte, b)
    assert str(fout.value) == (
        "Ronde 1 (Scoren op twee) heeft 2 antwoorden (2 scores). Die worden met de ronde "
        "verwijderd. Weet u het zeker?"
    )
    with pytest.raises(InvoerFout):
        opslag.verwijder_ronde(werkruimte, b, bevestigd=1)
    opslag.verwijder_ronde(werkruimte, b, bevestigd=2)
    assert [(r[0], r[1]) for r in agenda()] == [(a, 1), (c, 2)]
    con = opslag.verbind(werkruimte)
    try:
        assert (
            con.execute("SELECT count(*) FROM scores WHERE ronde_id = ?", (b,)).fetchone()[0] == 0
        )
    finally:
        con.close()
    opslag.verwijder_ronde(werkruimte, c)  # no answers: no question
    assert [r[0] for r in agenda()] == [a]


def test_the_end_summary_on_screen_and_in_the_export(werkruimte, sessie: dict) -> None:
    import io

    import openpyxl

    from wijkanalyse.werksessie import resultaten, samenvatting

    rid, (a, b, c) = _voorstellen(
        werkruimte,
        sessie,
        [(0, "Ana", "Meer groen"), (1, "Piet", "meer groen!"), (0, "Ana", "Bankjes")],
    )
    opslag.voeg_voorstellen_samen(werkruimte, a, [b])
    opslag.markeer_overgenomen(werkruimte, c)
    opg = store.opgaven(werkruimte, "Laak")["id"].tolist()[:2]
    crit = store.criteria(werkruimte, "Laak")["id"].tolist()
    con = opslag.verbind(werkruimte)
    token = con.execute(
        "SELECT token FROM deelnemers WHERE naam = 'Ana' AND sessie_id = ?", (sessie["id"],)
    ).fetchone()[0]
    con.close()
    rondes = []
    for waarde in (2, 5):  # two scoring rounds, the second changes the order
        sid = opslag.voeg_ronde_toe(
            werkruimte, sessie["id"], "scores", [("opgave", o) for o in opg]
        )
        opslag.zet_ronde_status(werkruimte, sid, "open")
        for o, w in zip(opg, (waarde, 7 - waarde), strict=True):
            for cid in crit:
                opslag.zet_score(werkruimte, token, sessie["id"], sid, "opgave", o, cid, w)
        rondes.append(sid)
    t = samenvatting.tabellen(werkruimte, sessie["id"])
    totalen = dict(zip(t["totalen"]["Wat"], t["totalen"]["Aantal"], strict=True))
    assert totalen["Voorstellen ingediend"] == 3
    assert totalen["Voorstellen na samenvoegen en verbergen"] == 2
    assert totalen["Overgenomen in de inventarisatie"] == 1
    rang = t["rangschikking"]
    assert rang["Ronde"].tolist() == [2, 2, 3, 3]
    titel = dict(zip(opg, store.opgaven(werkruimte, "Laak")["titel"].tolist()[:2], strict=True))
    assert rang["Onderwerp"].tolist() == [
        titel[opg[1]],
        titel[opg[0]],
        titel[opg[0]],
        titel[opg[1]],
    ]
    assert t["deelname"].to_dict("records") == [
        {"Groep": "bewoners", "Meegedaan": 1, "Heeft geantwoord": 1},
        {"Groep": "projectteam", "Meegedaan": 1, "Heeft geantwoord": 1},
    ]
    scherm = samenvatting.html_(werkruimte, sessie["id"])
    assert "Bankjes" in scherm and "Rangschikking per ronde" in scherm

    wb = openpyxl.load_workbook(io.BytesIO(resultaten.export_xlsx(werkruimte, sessie["id"])))
    blad = list(wb["Voorstellen"].iter_rows(values_only=True))
    kop = blad[0]
    rijen = {r[kop.index("Voorstel")]: r for r in blad[1:]}
    assert rijen["Bankjes"][kop.index("Overgenomen")] == "ja"
    assert rijen["meer groen!"][kop.index("Samengevoegd in")] == "Meer groen"
    assert isinstance(rijen["Bankjes"][kop.index("Moment")], datetime)
    cel = wb["Deelnemers"]["E2"]
    assert isinstance(cel.value, datetime) and cel.number_format == "DD-MM-YYYY HH:MM"
    per_ronde = list(wb["Rangschikking per ronde"].iter_rows(values_only=True))
    assert per_ronde[0][:2] == ("Ronde", "Plaats") and len(per_ronde) == 5
    assert "Samenvatting" in wb.sheetnames and "Deelname per groep" in wb.sheetnames


def test_question_rounds_edited_duplicated_and_deleted_only_after_the_question(
    werkruimte, sessie: dict
) -> None:
    """A 2×2 round: its title and subjects changed while planned, its copy keeps the axes,
    and with answers it goes only after the question that counts them."""
    from wijkanalyse.werksessie import vragen

    opg = store.opgaven(werkruimte, "Laak")["id"].tolist()[:2]
    rid = vragen.voeg_vraagronde_toe(
        werkruimte,
        sessie["id"],
        "tweebijtwee",
        [("opgave", opg[0])],
        {"as_x": "Impact", "as_y": "Haalbaarheid"},
        "Plaatsen",
    )
    opslag.bewerk_ronde(werkruimte, rid, titel="", onderwerpen=[("opgave", o) for o in opg])
    kopie = opslag.dupliceer_ronde(werkruimte, rid)
    con = opslag.verbind(werkruimte)
    try:
        r, k = opslag.ronde(con, rid), opslag.ronde(con, kopie)
    finally:
        con.close()
    assert r["titel"] == "2×2: onderwerpen op twee assen plaatsen"  # empty: the kind's name
    assert (k["soort"], k["onderwerpen"], k["titel"], k["status"]) == (
        "tweebijtwee",
        [["opgave", o] for o in opg],
        "2×2: onderwerpen op twee assen plaatsen (kopie)",
        "gepland",
    )
    assert k["instellingen"] == {"as_x": "Impact", "as_y": "Haalbaarheid"}
    opslag.zet_ronde_status(werkruimte, rid, "open")
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Ana")
    for o in opg:
        vragen.zet_antwoord(werkruimte, d["token"], sessie["id"], rid, f"opgave:{o}", 4, 2)
    with pytest.raises(InvoerFout) as fout:
        opslag.verwijder_ronde(werkruimte, rid)
    assert str(fout.value) == (
        "Ronde 1 (2×2: onderwerpen op twee assen plaatsen) heeft 2 antwoorden. Die worden met "
        "de ronde verwijderd. Weet u het zeker?"
    )
    opslag.verwijder_ronde(werkruimte, rid, bevestigd=2)
    con = opslag.verbind(werkruimte)
    try:
        assert con.execute("SELECT count(*) FROM antwoorden").fetchone()[0] == 0
        assert [x["id"] for x in opslag.rondes(con, sessie["id"])] == [kopie]
    finally:
        con.close()
