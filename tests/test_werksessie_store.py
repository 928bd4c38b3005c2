"""The werksessie's tables and rules, on a real workspace file (no browser)."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import threading
from pathlib import Path

import pytest

from wijkanalyse import store
from wijkanalyse.errors import InvoerFout, OnbekendFout, WijkanalyseFout
from wijkanalyse.werksessie import opslag, start
from wijkanalyse.werksessie.live import Wachter

BEIDE_BACKENDS = True  # tests with `werkruimte` run on SQLite and on PostgreSQL (conftest)


@pytest.fixture
def sessie(werkruimte: Path) -> dict:
    return opslag.start_sessie(werkruimte, "laak", ["bewoners", "projectteam"])


def _teller(db: Path) -> int:
    con = opslag.verbind(db)
    try:
        return opslag.teller(con, opslag.wijk_id(con, "Laak"))
    finally:
        con.close()


def _score_ronde(db: Path, s: dict) -> tuple[int, list[int], list[int]]:
    opg = store.opgaven(db, "Laak")["id"].tolist()[:2]
    crit = store.criteria(db, "Laak")["id"].tolist()
    rid = opslag.voeg_ronde_toe(db, s["id"], "scores", [("opgave", o) for o in opg])
    opslag.zet_ronde_status(db, rid, "open")
    return rid, opg, crit


def test_session_is_resumed_with_the_same_key_and_codes(werkruimte: Path, sessie: dict) -> None:
    weer = opslag.start_sessie(werkruimte, "Laak", ["Bewoners", "corporatie"])
    assert weer["id"] == sessie["id"] and weer["sleutel"] == sessie["sleutel"]
    assert [g["naam"] for g in weer["groepen"]] == ["bewoners", "projectteam", "corporatie"]
    assert weer["groepen"][0]["code"] == sessie["groepen"][0]["code"]
    nieuw = opslag.start_sessie(werkruimte, "Laak", ["bewoners"], nieuw=True)
    assert nieuw["id"] != sessie["id"] and nieuw["sleutel"] != sessie["sleutel"]
    assert len(sessie["sleutel"]) >= 20


def test_names_are_unique_per_group_and_anonymous_is_numbered(
    werkruimte: Path, sessie: dict
) -> None:
    gid = sessie["groepen"][0]["id"]
    a = opslag.meld_aan(werkruimte, sessie["id"], gid, " Fatima ")
    b = opslag.meld_aan(werkruimte, sessie["id"], gid, "fatima")
    c = opslag.meld_aan(werkruimte, sessie["id"], gid, "")
    assert (a["naam"], b["naam"], c["naam"]) == ("Fatima", "fatima (2)", "Deelnemer 3")
    assert c["anoniem"] == 1 and len({a["token"], b["token"], c["token"]}) == 3
    with pytest.raises(InvoerFout, match="maximum is 60"):
        opslag.meld_aan(werkruimte, sessie["id"], gid, "x" * 61)


def test_a_changed_answer_replaces_the_earlier_one(werkruimte: Path, sessie: dict) -> None:
    rid, opg, crit = _score_ronde(werkruimte, sessie)
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Anna")
    voor = len(store.scores(werkruimte, "Laak"))
    for waarde in (2, 5, 4):
        opslag.zet_score(
            werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[0], waarde
        )
    sc = store.scores(werkruimte, "Laak")
    mijn = sc[(sc["scorer"] == "Anna") & (sc["groep"] == "bewoners")]
    assert len(sc) == voor + 1 and mijn["waarde"].tolist() == [4]


def test_closed_round_foreign_subject_and_bad_scale_are_refused(
    werkruimte: Path, sessie: dict
) -> None:
    rid, opg, crit = _score_ronde(werkruimte, sessie)
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][1]["id"], "Bob")
    alle = store.opgaven(werkruimte, "Laak")["id"].tolist()
    with pytest.raises(OnbekendFout, match="hoort niet bij de open ronde"):
        opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", alle[-1], crit[0], 3)
    with pytest.raises(InvoerFout, match="buiten de schaal"):
        opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[0], 9)
    with pytest.raises(OnbekendFout, match="niet aangemeld"):
        opslag.zet_score(werkruimte, "verzonnen", sessie["id"], rid, "opgave", opg[0], crit[0], 3)
    opslag.zet_ronde_status(werkruimte, rid, "gesloten")
    with pytest.raises(opslag.RondeGesloten, match="gesloten"):
        opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[0], 3)


def test_deleted_criterium_refuses_only_that_answer(werkruimte: Path, sessie: dict) -> None:
    rid, opg, crit = _score_ronde(werkruimte, sessie)
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Cem")
    crit_df = store.criteria(werkruimte, "Laak")
    store.zet_afwegingskader(
        werkruimte,
        "Laak",
        crit_df[crit_df["id"] != crit[0]],
        drempel=3,
        capaciteit=5,
        verwijderen=[crit[0]],
    )
    with pytest.raises(OnbekendFout, match="criterium is intussen verwijderd"):
        opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[0], 3)
    opslag.zet_score(werkruimte, d["token"], sessie["id"], rid, "opgave", opg[0], crit[1], 3)
    con = opslag.verbind(werkruimte)
    assert [c["id"] for c in opslag.criteria(con, sessie["wijk_id"])] == crit[1:]


def test_opening_a_round_closes_the_other(werkruimte: Path, sessie: dict) -> None:
    r1 = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "opgaven")
    r2 = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "opgaven", titel="Tweede keer")
    opslag.zet_ronde_status(werkruimte, r1, "open")
    opslag.zet_ronde_status(werkruimte, r2, "open")
    con = opslag.verbind(werkruimte)
    assert [r["status"] for r in opslag.rondes(con, sessie["id"])] == ["gesloten", "open"]
    with pytest.raises(InvoerFout, match="minstens één onderwerp"):
        opslag.voeg_ronde_toe(werkruimte, sessie["id"], "scores", [])


def test_proposals_length_limit_and_withdraw_only_own(werkruimte: Path, sessie: dict) -> None:
    rid = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "opgaven")
    opslag.zet_ronde_status(werkruimte, rid, "open")
    gid = sessie["groepen"][0]["id"]
    a = opslag.meld_aan(werkruimte, sessie["id"], gid, "A")
    b = opslag.meld_aan(werkruimte, sessie["id"], gid, "B")
    with pytest.raises(InvoerFout, match="maximum is 300"):
        opslag.dien_voorstel_in(
            werkruimte, a["token"], sessie["id"], rid, soort="opgave", tekst="x" * 301
        )
    with pytest.raises(InvoerFout, match="Vul 'voorstel' in"):
        opslag.dien_voorstel_in(
            werkruimte, a["token"], sessie["id"], rid, soort="opgave", tekst="  \x00 "
        )
    vid = opslag.dien_voorstel_in(
        werkruimte, a["token"], sessie["id"], rid, soort="opgave", tekst="Speeltuin vernieuwen"
    )
    with pytest.raises(OnbekendFout, match="eigen voorstellen"):
        opslag.trek_voorstel_in(werkruimte, b["token"], sessie["id"], vid)
    opslag.trek_voorstel_in(werkruimte, a["token"], sessie["id"], vid)
    assert opslag.voorstellen(opslag.verbind(werkruimte), sessie["id"]) == []


def test_every_kind_of_change_moves_the_counter(werkruimte: Path, sessie: dict) -> None:
    stappen = [
        lambda: store.voeg_opgave_toe(werkruimte, "Laak", titel="Nieuw", transitie="overig"),
        lambda: store.voeg_item_toe(
            werkruimte,
            int(store.koppelingen(werkruimte, "Laak")["id"].iloc[0]),
            soort="kans",
            tekst="t",
            impact="klein",
            horizon="nu",
        ),
        lambda: store.zet_kader(werkruimte, "Laak", drempel=2.5, capaciteit=4),
        lambda: opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Z"),
    ]
    for stap in stappen:
        voor = _teller(werkruimte)
        stap()
        assert _teller(werkruimte) > voor
    voor = _teller(werkruimte)
    store.voeg_wijk_toe(werkruimte, "Elders", "Ergens", 10)
    store.voeg_opgave_toe(werkruimte, "Elders", titel="X", transitie="overig")
    assert _teller(werkruimte) == voor  # another wijk's change does not redraw Laak


def test_watcher_calls_back_only_when_something_changed(werkruimte: Path) -> None:
    con = opslag.verbind(werkruimte)
    wid = opslag.wijk_id(con, "Laak")
    gezien: list[int] = []
    wachter = Wachter(werkruimte, wid, interval=0.05)
    wachter.bij_wijziging(lambda: gezien.append(wachter.stand))

    async def scenario() -> None:
        wachter.start()
        await asyncio.sleep(0.3)
        assert gezien == []  # nothing changed: no redraw
        store.voeg_opgave_toe(werkruimte, "Laak", titel="Live", transitie="overig")
        await asyncio.sleep(0.3)
        wachter.stop()

    # Its own thread and loop, as in a kernel (the browser tests keep a loop in this one).
    fouten: list[BaseException] = []

    def draai() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as e:  # reported below, in the test's own thread
            fouten.append(e)

    t = threading.Thread(target=draai)
    t.start()
    t.join()
    assert fouten == [] and len(gezien) == 1


def test_migration_from_schema_1_adds_the_session_tables(tmp_path: Path) -> None:
    p = tmp_path / "oud.sqlite"
    con = sqlite3.connect(p)
    con.executescript(store._SCHEMA)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO wijken (naam, gemeente) VALUES ('Laak', 'Den Haag')")
    con.commit()
    con.close()
    store.maak_werkruimte(p)
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    s = opslag.start_sessie(p, "Laak", ["bewoners"])
    assert s["wijk"] == "Laak" and _teller(p) > 0


def test_pool_fits_memory_and_says_so() -> None:
    assert start.pool_grootte(30, beschikbaar=20000) == (36, "")
    n, waarschuwing = start.pool_grootte(30, beschikbaar=3000)
    assert n == (3000 - start.RESERVE_MB) // start.MB_PER_DEELNEMER < 36
    assert f"geheugen voor {n}" in waarschuwing


def test_taken_port_is_refused_in_dutch_and_links_never_say_0000() -> None:
    """The printed links and QR codes name the port: a taken one is refused, never swapped
    for the next one."""
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        with pytest.raises(WijkanalyseFout, match=f"Poort {poort} op 127.0.0.1 is al in gebruik"):
            start.poort_vrij("127.0.0.1", poort)
    assert start.poort_vrij("127.0.0.1", poort) == poort
    assert start.host_voor("0.0.0.0") != "0.0.0.0"
    assert start.host_voor("127.0.0.1") == "127.0.0.1"


def test_kansen_round_takes_entries_only_for_its_pairs(werkruimte: Path, sessie: dict) -> None:
    paren = store.koppelingen(werkruimte, "Laak")["id"].tolist()
    rid = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "kansen", paren[:1])
    opslag.zet_ronde_status(werkruimte, rid, "open")
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Els")
    opslag.dien_voorstel_in(
        werkruimte,
        d["token"],
        sessie["id"],
        rid,
        soort="bedreiging",
        tekst="Twee keer de straat open",
        toelichting="Eén planning",
        koppeling_id=paren[0],
    )
    if len(paren) > 1:
        with pytest.raises(OnbekendFout, match="hoort niet bij de open ronde"):
            opslag.dien_voorstel_in(
                werkruimte,
                d["token"],
                sessie["id"],
                rid,
                soort="kans",
                tekst="x",
                koppeling_id=paren[1],
            )
    with pytest.raises(OnbekendFout, match="hoort niet bij uw werksessie"):
        opslag.dien_voorstel_in(
            werkruimte, d["token"], sessie["id"], rid, soort="opgave", tekst="Verkeerde ronde"
        )
    [v] = opslag.voorstellen(opslag.verbind(werkruimte), sessie["id"], rid)
    assert (v["soort"], v["koppeling_id"], v["naam"]) == ("bedreiging", paren[0], "Els")


def test_participant_kernels_load_neither_pandas_nor_psycopg(tmp_path: Path) -> None:
    """opslag and live stay small; psycopg is loaded only for a postgresql:// workspace."""
    import subprocess
    import sys

    p = store.maak_werkruimte(tmp_path / "w.sqlite")
    store.voeg_wijk_toe(p, "Laak")
    code = (
        "import sys\n"
        "from wijkanalyse.werksessie import live, opslag\n"
        f"s = opslag.start_sessie({str(p)!r}, 'Laak', ['bewoners'])\n"
        f"live.Wachter({str(p)!r}, s['wijk_id']).stop()\n"
        "print(sorted(m for m in ('pandas', 'psycopg') if m in sys.modules))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
