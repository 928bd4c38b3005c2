"""The werksessie's tables and rules, on a real workspace file (no browser)."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from factories import werkruimte_v1

from wijkanalyse import store
from wijkanalyse.core.errors import InvoerFout, OnbekendFout, WijkanalyseFout
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.databank.live import Wachter
from wijkanalyse.werksessie import start

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
    mijn = sc[(sc["scorer"] == f"Anna (werksessie {sessie['id']})") & (sc["groep"] == "bewoners")]
    assert len(sc) == voor + 1 and mijn["waarde"].tolist() == [4]


def _rijen(db: Path | str) -> list[tuple]:
    con = opslag.verbind(db)
    try:
        return con.execute(
            "SELECT id, onderwerp_soort, onderwerp_id, criterium_id, waarde, scorer, groep, "
            "moment FROM scores ORDER BY id"
        ).fetchall()
    finally:
        con.close()


def test_every_answer_is_its_own_and_each_round_keeps_its_scores(
    werkruimte: Path, sessie: dict
) -> None:
    """A participant named like a scorer outside the session ("Bewoner 1" of the demo), or
    like one in another session, never changes their rows, nor they hers; a later round adds
    a row, and the ranking takes each participant's latest round."""
    sc = store.scores(werkruimte, "Laak")
    demo = sc[(sc["scorer"] == "Bewoner 1") & (sc["onderwerp_soort"] == "opgave")].iloc[0]
    oid, cid = int(demo["onderwerp_id"]), int(demo["criterium_id"])
    r1 = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "scores", [("opgave", oid)])
    r2 = opslag.voeg_ronde_toe(werkruimte, sessie["id"], "scores", [("opgave", oid)])
    ander = opslag.start_sessie(werkruimte, "Laak", ["bewoners"], nieuw=True)
    r3 = opslag.voeg_ronde_toe(werkruimte, ander["id"], "scores", [("opgave", oid)])
    d = opslag.meld_aan(werkruimte, sessie["id"], sessie["groepen"][0]["id"], "Bewoner 1")
    d2 = opslag.meld_aan(werkruimte, ander["id"], ander["groepen"][0]["id"], "Bewoner 1")
    voor = _rijen(werkruimte)
    andere = 1 if int(demo["waarde"]) != 1 else 2
    opslag.zet_ronde_status(werkruimte, r1, "open")
    opslag.zet_score(werkruimte, d["token"], sessie["id"], r1, "opgave", oid, cid, andere)
    opslag.zet_ronde_status(werkruimte, r3, "open")
    opslag.zet_score(werkruimte, d2["token"], ander["id"], r3, "opgave", oid, cid, 5)
    opslag.zet_ronde_status(werkruimte, r2, "open")  # closes r1: a second round, same subject
    opslag.zet_score(werkruimte, d["token"], sessie["id"], r2, "opgave", oid, cid, 3)
    opslag.zet_score(werkruimte, d["token"], sessie["id"], r2, "opgave", oid, cid, 4)  # changed
    # Nothing the participants did touched a row they did not make (the demo's "Bewoner 1").
    ids = {r[0] for r in voor}
    assert [r for r in _rijen(werkruimte) if r[0] in ids] == voor
    # An import under the same name changes the demo's row, not the participants'.
    store.voeg_scores_toe(
        werkruimte,
        "Laak",
        pd.DataFrame(
            [
                {
                    "onderwerp_soort": "opgave",
                    "onderwerp_id": oid,
                    "criterium_id": cid,
                    "waarde": 2,
                    "scorer": "Bewoner 1",
                    "groep": "bewoners",
                    "moment": "2026-12-01",
                }
            ]
        ),
    )
    na = _rijen(werkruimte)
    assert [r for r in voor if r[0] != demo["id"]] == [
        r for r in na if r[0] in {v[0] for v in voor} and r[0] != demo["id"]
    ]
    con = opslag.verbind(werkruimte)
    try:
        eigen = opslag.sessie_scores(con, sessie["id"])
        assert [(s["ronde"], s["waarde"], s["naam"]) for s in eigen] == [
            (1, andere, "Bewoner 1"),
            (2, 4, "Bewoner 1"),
        ]
        assert [s["waarde"] for s in opslag.laatste_ronde(eigen)] == [4]
        assert [s["waarde"] for s in opslag.sessie_scores(con, ander["id"])] == [5]
        assert opslag.mijn_scores(con, d, r1) == {("opgave", oid, cid): andere}
    finally:
        con.close()
    sc = store.scores(werkruimte, "Laak")
    cel = sc[
        (sc["onderwerp_id"] == oid)
        & (sc["criterium_id"] == cid)
        & (sc["groep"] == "bewoners")
        & (sc["onderwerp_soort"] == "opgave")
    ]
    scorers = sorted(cel["scorer"])
    assert scorers == sorted(
        [
            "Bewoner 1",
            "Bewoner 2",
            "Bewoner 3",
            f"Bewoner 1 (werksessie {sessie['id']})",
            f"Bewoner 1 (werksessie {sessie['id']})",
            f"Bewoner 1 (werksessie {ander['id']})",
        ]
    )
    assert cel[cel["scorer"] == "Bewoner 1"]["waarde"].tolist() == [2]
    # The session's export counts the participant's round 2 (4), like notebook 03 does, and
    # says so; its Scores sheet keeps both rounds.
    import io

    import openpyxl

    from wijkanalyse import afweging
    from wijkanalyse.werksessie.resultaten import export_xlsx

    wb = openpyxl.load_workbook(io.BytesIO(export_xlsx(werkruimte, sessie["id"])))
    gem = [r for r in wb["Gemiddelden"].iter_rows(min_row=2, values_only=True)]
    assert [(r[3], r[4]) for r in gem] == [(4, 1)]
    assert wb["Uitleg"]["A2"].value.startswith("Getoond: laatste ronde per persoon.")
    assert sorted(r[5] for r in wb["Scores"].iter_rows(min_row=2, values_only=True)) == [
        andere,
        4,
    ]
    getoond = afweging.kies_rondes(store.scores(werkruimte, "Laak"))
    eigen = getoond[getoond["scorer"] == f"Bewoner 1 (werksessie {sessie['id']})"]
    assert eigen["waarde"].tolist() == [4]


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
    werkruimte_v1(p)
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
    """The participant page and the database layer it uses (databank.werksessie, live) stay
    small; psycopg is loaded only for a postgresql:// workspace."""
    import subprocess
    import sys

    p = store.maak_werkruimte(tmp_path / "w.sqlite")
    store.voeg_wijk_toe(p, "Laak")
    code = (
        "import sys\n"
        "from wijkanalyse.databank import live, werksessie as opslag\n"
        "from wijkanalyse.werksessie import deelnemer, formulieren, vragen\n"
        f"s = opslag.start_sessie({str(p)!r}, 'Laak', ['bewoners'])\n"
        f"live.Wachter({str(p)!r}, s['wijk_id']).stop()\n"
        "print(sorted(m for m in ('pandas', 'psycopg') if m in sys.modules))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_a_participant_write_refuses_a_newer_workspace_like_every_write(tmp_path: Path) -> None:
    """The werksessie writes through the store's one connection and transaction: a kernel of
    an older wijkanalyse (a fresh process, as a participant's) refuses a workspace of a newer
    schema in Dutch, and writes nothing into it."""
    import subprocess
    import sys

    p = store.maak_werkruimte(tmp_path / "w.sqlite")
    store.voeg_wijk_toe(p, "Laak")
    con = sqlite3.connect(p)
    con.execute(f"PRAGMA user_version = {store.SCHEMA_VERSIE + 1}")
    con.close()
    code = (
        "from wijkanalyse.databank import werksessie as opslag\n"
        "from wijkanalyse.core.errors import WijkanalyseFout\n"
        "try:\n"
        f"    opslag.start_sessie({str(p)!r}, 'Laak', ['bewoners'])\n"
        "except WijkanalyseFout as e:\n"
        "    print(e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "schemaversie" in r.stdout and "Werk wijkanalyse bij" in r.stdout
    con = sqlite3.connect(p)
    assert con.execute("SELECT count(*) FROM sessies").fetchone()[0] == 0
    con.close()


def _als_schema_2(p: Path) -> None:
    """Turn a workspace back into schema 2: scores without round and participant."""
    con = sqlite3.connect(p)
    for (naam,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'hist_scores_%'"
    ).fetchall():
        con.execute(f"DROP TRIGGER {naam}")
    con.execute("DROP INDEX scores_deelnemer")
    con.execute("ALTER TABLE scores DROP COLUMN ronde_id")
    con.execute("ALTER TABLE scores DROP COLUMN deelnemer_id")
    con.executescript("".join(store.migraties._historie_triggers(con).values()))
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()


def test_a_schema_2_workspace_migrates_without_losing_or_reattributing_a_row(
    _demo_sjabloon: Path, tmp_path: Path
) -> None:
    p = tmp_path / "oud.sqlite"
    shutil.copy(_demo_sjabloon, p)
    s = opslag.start_sessie(p, "Laak", ["bewoners"])
    d = opslag.meld_aan(p, s["id"], s["groepen"][0]["id"], "Bewoner 2")
    sc = store.scores(p, "Laak")
    vrij = sc[sc["onderwerp_soort"] == "koppeling"].iloc[0]
    _als_schema_2(p)
    # A score as schema 2 stored it: the participant's bare name, the session as moment.
    con = sqlite3.connect(p)
    con.execute(
        "INSERT INTO scores (wijk_id, onderwerp_soort, onderwerp_id, criterium_id, waarde, "
        "scorer, groep, moment) SELECT wijk_id, 'koppeling', ?, ?, 1, 'Bewoner 2', "
        "'bewoners', ? FROM sessies WHERE id = ?",
        (int(vrij["onderwerp_id"]), int(vrij["criterium_id"]), f"werksessie {s['id']}", s["id"]),
    )
    con.commit()
    con.close()
    voor = _rijen(p)
    historie_voor = sqlite3.connect(p).execute("SELECT count(*) FROM historie_rijen").fetchone()
    begin = time.perf_counter()
    store.maak_werkruimte(p)
    duur = time.perf_counter() - begin
    print(f"migration of {len(voor)} score rows: {duur:.3f} s")
    assert store.schema_versie(p) == store.SCHEMA_VERSIE
    na = _rijen(p)
    oud = voor[-1]
    # every row kept, with its id, value, group and moment; only the participant's own
    # row now says whose session it came from
    assert [r for r in na if r[0] != oud[0]] == [r for r in voor if r[0] != oud[0]]
    assert na[-1] == (*oud[:5], f"Bewoner 2 (werksessie {s['id']})", *oud[6:])
    con = opslag.verbind(p)
    try:
        eigen = opslag.sessie_scores(con, s["id"])
        assert [(x["id"], x["deelnemer_id"], x["ronde"]) for x in eigen] == [
            (oud[0], d["id"], None)
        ]
        # the migration is nobody's edit: it adds nothing to undo
        assert con.execute("SELECT count(*) FROM historie_rijen").fetchone() == historie_voor
    finally:
        con.close()
    store.maak_werkruimte(p)  # a second open changes nothing
    assert _rijen(p) == na
