"""The werksessie's tables: sessions, groups, rounds, participants, proposals, and the
per-wijk change counter that live pages watch.

Plain SQL and no pandas, so a participant's kernel stays small (a Voila page per phone):
``sqlite3``, or for a ``postgresql://`` workspace the connection of
:mod:`wijkanalyse.databank` (psycopg, loaded only then). Every write is one
``BEGIN IMMEDIATE`` transaction, like the rest of the store.
Scores that participants give land in the workspace's own ``scores`` table (group from the
link, scorer = the participant's name with their session, see :func:`scorer_naam`), with the
round and the participant that gave them, so the afwegingskader's analysis sees them like any
other score and no participant's answer ever touches a row they did not make.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core import validation
from ..core.errors import InvoerFout, OnbekendFout, WijkanalyseFout
from . import nieuw_id, verbinding
from .journaal import namens

MAX_NAAM = 60
MAX_VOORSTEL = 300
MAX_TOELICHTING = 1000
RONDE_SOORTEN = {
    "opgaven": "Opgaven verzamelen",
    "kansen": "Kansen en bedreigingen verzamelen",
    "scores": "Scoren op het afwegingskader",
}
STANDAARD_GROEPEN = ("projectteam", "bewoners", "corporatie")
# Rounds that ask one of the method's decisions (schema 5; see ``vragen`` and ``vraagsoorten``):
# their answers live in ``antwoorden``, one row per participant and subject.
VRAAG_SOORTEN = {
    "stemmen": "Stemmen (stippen of duimpjes)",
    "punten": "Gewichten: 100 punten verdelen",
    "paarsgewijs": "Gewichten: criteria paarsgewijs vergelijken",
    "tweebijtwee": "2×2: onderwerpen op twee assen plaatsen",
}


class RondeGesloten(WijkanalyseFout):
    """An answer for a round that is not (or no longer) open."""


# Tables whose rows belong to one wijk, and how a row finds its wijk. Every insert, update
# or delete bumps that wijk's counter in ``wijzigingen`` (by trigger, so no writer can
# forget it); pages poll that one row to know whether to redraw.
_WIJK_VAN = {
    "opgaven": "{r}.wijk_id",
    "koppelingen": "{r}.wijk_id",
    "criteria": "{r}.wijk_id",
    "scores": "{r}.wijk_id",
    "besluiten": "{r}.wijk_id",
    "sessies": "{r}.wijk_id",
    "wijken": "{r}.id",
    "items": "(SELECT wijk_id FROM koppelingen WHERE id = {r}.koppeling_id)",
    "sessie_groepen": "(SELECT wijk_id FROM sessies WHERE id = {r}.sessie_id)",
    "rondes": "(SELECT wijk_id FROM sessies WHERE id = {r}.sessie_id)",
    "deelnemers": "(SELECT wijk_id FROM sessies WHERE id = {r}.sessie_id)",
    "voorstellen": (
        "(SELECT s.wijk_id FROM rondes r JOIN sessies s ON s.id = r.sessie_id "
        "WHERE r.id = {r}.ronde_id)"
    ),
}
# Schema 5's table, counted like the others (its triggers come with its migration).
WIJK_VAN_VRAGEN = {
    "antwoorden": (
        "(SELECT s.wijk_id FROM rondes r JOIN sessies s ON s.id = r.sessie_id "
        "WHERE r.id = {r}.ronde_id)"
    ),
}

_TABELLEN = """
CREATE TABLE IF NOT EXISTS wijzigingen (
    wijk_id INTEGER PRIMARY KEY,
    teller INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessies (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    sleutel TEXT NOT NULL,
    gestart TEXT NOT NULL,
    beeindigd TEXT,
    namen_tonen INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessie_groepen (
    id INTEGER PRIMARY KEY,
    sessie_id INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
    naam TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    UNIQUE (sessie_id, naam)
);
CREATE TABLE IF NOT EXISTS rondes (
    id INTEGER PRIMARY KEY,
    sessie_id INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
    volgorde INTEGER NOT NULL,
    soort TEXT NOT NULL CHECK (soort IN ('opgaven', 'kansen', 'scores')),
    titel TEXT NOT NULL,
    onderwerpen TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'open', 'gesloten')),
    resultaten_zichtbaar INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS deelnemers (
    id INTEGER PRIMARY KEY,
    sessie_id INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
    groep_id INTEGER NOT NULL REFERENCES sessie_groepen(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    naam TEXT NOT NULL,
    anoniem INTEGER NOT NULL DEFAULT 0,
    aangemeld TEXT NOT NULL,
    UNIQUE (groep_id, naam)
);
CREATE TABLE IF NOT EXISTS voorstellen (
    id INTEGER PRIMARY KEY,
    ronde_id INTEGER NOT NULL REFERENCES rondes(id) ON DELETE CASCADE,
    deelnemer_id INTEGER NOT NULL REFERENCES deelnemers(id) ON DELETE CASCADE,
    soort TEXT NOT NULL CHECK (soort IN ('opgave', 'kans', 'bedreiging')),
    koppeling_id INTEGER REFERENCES koppelingen(id) ON DELETE CASCADE,
    tekst TEXT NOT NULL,
    toelichting TEXT NOT NULL DEFAULT '',
    transitie TEXT NOT NULL DEFAULT '',
    moment TEXT NOT NULL,
    overgenomen INTEGER NOT NULL DEFAULT 0
);
"""


def _triggers(wijk_van: dict[str, str] = _WIJK_VAN) -> str:
    sql = []
    for tabel, expr in wijk_van.items():
        for actie, rij in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            wid = expr.format(r=rij)
            sql.append(
                f"CREATE TRIGGER IF NOT EXISTS teller_{tabel}_{actie.lower()} "
                f"AFTER {actie} ON {tabel} BEGIN "
                f"INSERT INTO wijzigingen (wijk_id, teller) SELECT {wid}, 1 "
                f"WHERE {wid} IS NOT NULL "
                "ON CONFLICT (wijk_id) DO UPDATE SET teller = teller + 1; END;"
            )
    return "\n".join(sql)


def pg_triggers(wijk_van: dict[str, str] = _WIJK_VAN) -> str:
    """The same counter on PostgreSQL: one plpgsql trigger function per table. It bumps a
    wijk's counter once per transaction, not per row: updating one row many times in one
    transaction is cheap in SQLite but not in PostgreSQL (every update leaves a row
    version), and "it moved" is all a page asks."""
    sql = []
    for tabel, expr in wijk_van.items():
        sql.append(
            f"CREATE OR REPLACE FUNCTION teller_{tabel}() RETURNS trigger LANGUAGE plpgsql "
            "AS $$\nDECLARE wid integer; al text;\nBEGIN\n"
            f"  IF TG_OP = 'DELETE' THEN wid := {expr.format(r='OLD')};\n"
            f"  ELSE wid := {expr.format(r='NEW')}; END IF;\n"
            "  IF wid IS NULL THEN RETURN NULL; END IF;\n"
            "  al := 'wijkanalyse.teller_' || wid;\n"
            "  IF current_setting(al, true) = txid_current()::text THEN RETURN NULL; END IF;\n"
            "  PERFORM set_config(al, txid_current()::text, true);\n"
            "  IF wid IS NOT NULL THEN\n"
            "    INSERT INTO wijzigingen (wijk_id, teller) VALUES (wid, 1) ON CONFLICT (wijk_id) "
            "DO UPDATE SET teller = wijzigingen.teller + 1;\n"
            "  END IF;\n  RETURN NULL;\nEND $$;\n"
            f"CREATE TRIGGER teller_{tabel} AFTER INSERT OR UPDATE OR DELETE ON {tabel} "
            f"FOR EACH ROW EXECUTE FUNCTION teller_{tabel}();\n"
        )
    return "".join(sql)


TABELLEN = _TABELLEN
TRIGGERS = _triggers()
TRIGGERS_VRAGEN = _triggers(WIJK_VAN_VRAGEN)
SCHEMA = TABELLEN + TRIGGERS


# --------------------------------------------------------------------------- connection


def verbind(db: Path | str) -> sqlite3.Connection:
    """A connection to the workspace (:func:`wijkanalyse.databank.verbinding.verbind`), which
    must be there."""
    verbinding.eis_bestaand(db)
    return verbinding.verbind(db)


@contextmanager
def _schrijf(db: Path | str, wat: str = "Werksessie") -> Iterator[sqlite3.Connection]:
    """The one write transaction (:func:`wijkanalyse.databank.verbinding.schrijf`); its rows
    get their own history entry by 'werksessie' saying ``wat``, so they are never counted
    with someone's next edit (and a participant's score can be undone like any other)."""
    with namens("werksessie"), verbinding.schrijf(db, historie={"wat": wat}) as con:
        yield con


def schrijf(db: Path | str, wat: str = "Werksessie"):
    """One write transaction (public name for the werksessie's other modules)."""
    return _schrijf(db, wat)


@contextmanager
def _lees(db: Path | str) -> Iterator[sqlite3.Connection]:
    con = verbind(db)
    try:
        yield con
    finally:
        con.close()


def _nu() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _rij(cur: sqlite3.Cursor, row: tuple | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {d[0]: v for d, v in zip(cur.description, row, strict=True)}


def _rijen(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    namen = [d[0] for d in cur.description]
    return [dict(zip(namen, r, strict=True)) for r in cur.fetchall()]


def _schoon(tekst: Any, veld: str, *, max_len: int, verplicht: bool = True) -> str:
    """Trimmed text with control characters removed; Dutch errors for empty or too long."""
    s = "" if tekst is None else str(tekst)
    s = "".join(c for c in s if c in "\n\t" or unicodedata.category(c)[0] != "C").strip()
    if verplicht and not s:
        raise InvoerFout(f"Vul '{veld}' in.", kolom=veld)
    if len(s) > max_len:
        raise InvoerFout(
            f"'{veld}' is {len(s)} tekens lang; het maximum is {max_len}. Maak het korter.",
            kolom=veld,
        )
    return s


# --------------------------------------------------------------------------- change counter


def teller(con: sqlite3.Connection, wijk_id: int) -> int:
    """The wijk's change counter: it grows with every committed change to the wijk."""
    row = con.execute("SELECT teller FROM wijzigingen WHERE wijk_id = ?", (wijk_id,)).fetchone()
    return int(row[0]) if row else 0


def wijk_id(con: sqlite3.Connection, naam: str) -> int:
    row = con.execute("SELECT id FROM wijken WHERE naam = ? COLLATE NOCASE", (naam,)).fetchone()
    if row is None:
        raise OnbekendFout(f"Wijk '{naam}' bestaat niet in deze werkruimte.")
    return int(row[0])


# --------------------------------------------------------------------------- sessions


def _code() -> str:
    # Short, unambiguous (no 0/O, 1/l/I) and random: a group's join code.
    return "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(6))


def start_sessie(
    db: Path | str, wijk: str, groepen: list[str] | tuple[str, ...], *, nieuw: bool = False
) -> dict[str, Any]:
    """The wijk's running session (resumed after a restart or crash), or a new one.

    A new session gets a random facilitator key and a join code per group. Groups named
    now that the running session lacks are added to it.
    """
    namen: list[str] = []
    for g in groepen:
        g = " ".join(_schoon(g, "groep", max_len=MAX_NAAM).split())
        if g.casefold() not in {n.casefold() for n in namen}:
            namen.append(g)
    if not namen:
        raise InvoerFout("Geef minstens één groep op.", kolom="groep")
    with _schrijf(db) as con:
        wid = wijk_id(con, wijk)
        row = con.execute(
            "SELECT id FROM sessies WHERE wijk_id = ? AND beeindigd IS NULL ORDER BY id DESC",
            (wid,),
        ).fetchone()
        if row and nieuw:
            con.execute("UPDATE sessies SET beeindigd = ? WHERE id = ?", (_nu(), row[0]))
            row = None
        if row is None:
            sid = nieuw_id(
                con.execute(
                    "INSERT INTO sessies (wijk_id, sleutel, gestart) VALUES (?, ?, ?)",
                    (wid, secrets.token_urlsafe(18), _nu()),
                )
            )
        else:
            sid = int(row[0])
        bestaand = {
            r[0].casefold()
            for r in con.execute("SELECT naam FROM sessie_groepen WHERE sessie_id = ?", (sid,))
        }
        for g in namen:
            if g.casefold() not in bestaand:
                con.execute(
                    "INSERT INTO sessie_groepen (sessie_id, naam, code) VALUES (?, ?, ?)",
                    (sid, g, _code()),
                )
    return sessie(db, sid)


def sessie(db: Path | str, sessie_id: int) -> dict[str, Any]:
    with _lees(db) as con:
        return sessie_con(con, sessie_id)


def sessie_con(con: sqlite3.Connection, sessie_id: int) -> dict[str, Any]:
    cur = con.execute(
        "SELECT s.id, s.wijk_id, w.naam AS wijk, w.gemeente, w.fictief, s.sleutel, s.gestart, "
        "s.beeindigd, s.namen_tonen FROM sessies s JOIN wijken w ON w.id = s.wijk_id "
        "WHERE s.id = ?",
        (sessie_id,),
    )
    s = _rij(cur, cur.fetchone())
    if s is None:
        raise OnbekendFout(f"Werksessie {sessie_id} bestaat niet in deze werkruimte.")
    s["groepen"] = _rijen(
        con.execute(
            "SELECT id, naam, code FROM sessie_groepen WHERE sessie_id = ? ORDER BY id",
            (sessie_id,),
        )
    )
    return s


def sleutel_klopt(con: sqlite3.Connection, sessie_id: int, sleutel: str) -> bool:
    row = con.execute("SELECT sleutel FROM sessies WHERE id = ?", (sessie_id,)).fetchone()
    return bool(row) and bool(sleutel) and secrets.compare_digest(str(row[0]), str(sleutel))


def groep_voor_code(con: sqlite3.Connection, sessie_id: int, code: str) -> dict[str, Any] | None:
    cur = con.execute(
        "SELECT id, naam, code FROM sessie_groepen WHERE sessie_id = ? AND code = ?",
        (sessie_id, (code or "").strip().lower()),
    )
    return _rij(cur, cur.fetchone())


def zet_namen_tonen(db: Path | str, sessie_id: int, tonen: bool) -> None:
    with _schrijf(db) as con:
        con.execute("UPDATE sessies SET namen_tonen = ? WHERE id = ?", (int(tonen), sessie_id))


# --------------------------------------------------------------------------- rounds


def voeg_ronde_toe(
    db: Path | str,
    sessie_id: int,
    soort: str,
    onderwerpen: Sequence[Any] = (),
    titel: str = "",
) -> int:
    """Add a round to the agenda. ``onderwerpen``: for 'scores' a list of
    ``("opgave"|"koppeling", id)``; for 'kansen' a list of koppeling ids; else empty."""
    if soort not in RONDE_SOORTEN:
        raise InvoerFout(f"Onbekend soort ronde '{soort}'.", kolom="soort")
    titel = _schoon(titel or RONDE_SOORTEN[soort], "titel", max_len=120)
    lijst = _onderwerpen_lijst(soort, onderwerpen)
    with _schrijf(db) as con:
        return voeg_ronde_achteraan_in(con, sessie_id, soort, titel, lijst)


def voeg_ronde_achteraan_in(
    con: sqlite3.Connection,
    sessie_id: int,
    soort: str,
    titel: str,
    onderwerpen: list[Any],
    instellingen: dict[str, Any] | None = None,
) -> int:
    """Insert a checked round as the last of the session's agenda; returns its id."""
    n = con.execute(
        "SELECT COALESCE(MAX(volgorde), 0) FROM rondes WHERE sessie_id = ?", (sessie_id,)
    ).fetchone()[0]
    return nieuw_id(
        con.execute(
            "INSERT INTO rondes (sessie_id, volgorde, soort, titel, onderwerpen, instellingen) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                sessie_id,
                n + 1,
                soort,
                titel,
                json.dumps(onderwerpen),
                json.dumps(instellingen or {}),
            ),
        )
    )


def _ronde(con: sqlite3.Connection, ronde_id: int) -> dict[str, Any]:
    cur = con.execute("SELECT * FROM rondes WHERE id = ?", (ronde_id,))
    r = _rij(cur, cur.fetchone())
    if r is None:
        raise OnbekendFout("Deze ronde bestaat niet (meer).")
    r["onderwerpen"] = json.loads(r["onderwerpen"])
    r["resultaten_zichtbaar"] = bool(r["resultaten_zichtbaar"])
    r["instellingen"] = json.loads(r.get("instellingen") or "{}")
    return r


def ronde(con: sqlite3.Connection, ronde_id: int) -> dict[str, Any]:
    """One round as a dict, its subjects and settings decoded (a Dutch error when it no
    longer exists)."""
    return _ronde(con, ronde_id)


def schoon(tekst: Any, veld: str, *, max_len: int, verplicht: bool = True) -> str:
    return _schoon(tekst, veld, max_len=max_len, verplicht=verplicht)


def nu() -> str:
    return _nu()


def rijen(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    return _rijen(cur)


def rondes(con: sqlite3.Connection, sessie_id: int) -> list[dict[str, Any]]:
    ids = [
        r[0]
        for r in con.execute(
            "SELECT id FROM rondes WHERE sessie_id = ? ORDER BY volgorde", (sessie_id,)
        )
    ]
    return [_ronde(con, i) for i in ids]


def score_rondes(db: Path | str, wijk: str) -> list[dict[str, Any]]:
    """The scoring rounds of every werksessie of a wijk, oldest session first, each with
    its session's start (for naming it: ``afweging.ronde_label``)."""
    with _lees(db) as con:
        return _rijen(
            con.execute(
                "SELECT r.id, r.volgorde, r.titel, r.sessie_id, s.gestart FROM rondes r "
                "JOIN sessies s ON s.id = r.sessie_id JOIN wijken w ON w.id = s.wijk_id "
                "WHERE w.naam = ? AND r.soort = 'scores' ORDER BY s.id, r.volgorde",
                (wijk,),
            )
        )


def open_ronde(con: sqlite3.Connection, sessie_id: int) -> dict[str, Any] | None:
    row = con.execute(
        "SELECT id FROM rondes WHERE sessie_id = ? AND status = 'open'", (sessie_id,)
    ).fetchone()
    return _ronde(con, row[0]) if row else None


def zet_ronde_status(db: Path | str, ronde_id: int, status: str) -> None:
    """Open (closing any other open round of the session) or close a round."""
    if status not in ("open", "gesloten"):
        raise InvoerFout(f"Onbekende status '{status}'.", kolom="status")
    with _schrijf(db) as con:
        r = _ronde(con, ronde_id)
        if status == "open":
            con.execute(
                "UPDATE rondes SET status = 'gesloten' WHERE sessie_id = ? AND status = 'open' "
                "AND id != ?",
                (r["sessie_id"], ronde_id),
            )
        con.execute("UPDATE rondes SET status = ? WHERE id = ?", (status, ronde_id))
        if status == "open":  # a timer that already ran out does not close it again
            con.execute(
                "UPDATE rondes SET sluit_om = NULL, auto_sluiten = 0 WHERE id = ? "
                "AND sluit_om <= ?",
                (ronde_id, _nu()),
            )


def zet_resultaten_zichtbaar(db: Path | str, ronde_id: int, zichtbaar: bool) -> None:
    with _schrijf(db) as con:
        _ronde(con, ronde_id)
        con.execute(
            "UPDATE rondes SET resultaten_zichtbaar = ? WHERE id = ?", (int(zichtbaar), ronde_id)
        )


# --------------------------------------------------------------------------- participants


def deelnemer(con: sqlite3.Connection, sessie_id: int, token: str) -> dict[str, Any] | None:
    if not token:
        return None
    cur = con.execute(
        "SELECT d.id, d.sessie_id, d.groep_id, g.naam AS groep, d.naam, d.anoniem, d.token "
        "FROM deelnemers d JOIN sessie_groepen g ON g.id = d.groep_id "
        "WHERE d.sessie_id = ? AND d.token = ?",
        (sessie_id, token),
    )
    return _rij(cur, cur.fetchone())


def meld_aan(
    db: Path | str, sessie_id: int, groep_id: int, naam: str = "", *, token: str | None = None
) -> dict[str, Any]:
    """A new participant of one group. An empty name joins anonymously ("Deelnemer 3").
    A name already used in the group gets a number ("Fatima (2)") so nobody's answers
    overwrite another's."""
    naam = " ".join(_schoon(naam, "naam", max_len=MAX_NAAM, verplicht=False).split())
    token = token or secrets.token_urlsafe(18)
    with _schrijf(db) as con:
        g = con.execute(
            "SELECT id FROM sessie_groepen WHERE id = ? AND sessie_id = ?", (groep_id, sessie_id)
        ).fetchone()
        if g is None:
            raise OnbekendFout("Deze groep hoort niet bij de werksessie.")
        bezet = {
            r[0].casefold()
            for r in con.execute("SELECT naam FROM deelnemers WHERE groep_id = ?", (groep_id,))
        }
        anoniem = not naam
        basis = naam or "Deelnemer"
        kandidaat, n = (basis, 1) if naam else (f"Deelnemer {len(bezet) + 1}", len(bezet) + 1)
        while kandidaat.casefold() in bezet:
            n += 1
            kandidaat = f"{basis} ({n})" if naam else f"Deelnemer {n}"
        con.execute(
            "INSERT INTO deelnemers (sessie_id, groep_id, token, naam, anoniem, aangemeld) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (sessie_id, groep_id, token, kandidaat, int(anoniem), _nu()),
        )
        nieuw = deelnemer(con, sessie_id, token)
        assert nieuw is not None  # just added, in this transaction
        return nieuw


def deelnemers(con: sqlite3.Connection, sessie_id: int) -> list[dict[str, Any]]:
    return _rijen(
        con.execute(
            "SELECT d.id, g.naam AS groep, d.naam, d.anoniem, d.aangemeld FROM deelnemers d "
            "JOIN sessie_groepen g ON g.id = d.groep_id WHERE d.sessie_id = ? ORDER BY d.id",
            (sessie_id,),
        )
    )


# --------------------------------------------------------------------------- subjects


def criteria(con: sqlite3.Connection, wijk_id_: int) -> list[dict[str, Any]]:
    return _rijen(
        con.execute(
            "SELECT id, naam, vraag, richting, schaal_min, schaal_max, betekenis_min, "
            "betekenis_max FROM criteria WHERE wijk_id = ? ORDER BY volgorde, id",
            (wijk_id_,),
        )
    )


def opgaven(con: sqlite3.Connection, wijk_id_: int) -> list[dict[str, Any]]:
    return _rijen(
        con.execute(
            "SELECT id, titel, transitie FROM opgaven WHERE wijk_id = ? ORDER BY id", (wijk_id_,)
        )
    )


def koppelingen(con: sqlite3.Connection, wijk_id_: int) -> list[dict[str, Any]]:
    return _rijen(
        con.execute(
            "SELECT k.id, a.titel || ' + ' || b.titel AS titel, k.niveau FROM koppelingen k "
            "JOIN opgaven a ON a.id = k.opgave_a JOIN opgaven b ON b.id = k.opgave_b "
            "WHERE k.wijk_id = ? ORDER BY k.id",
            (wijk_id_,),
        )
    )


def onderwerpen(con: sqlite3.Connection, ronde: dict[str, Any]) -> list[dict[str, Any]]:
    """The round's subjects that still exist, with their titles, in the round's order."""
    wid = con.execute("SELECT wijk_id FROM sessies WHERE id = ?", (ronde["sessie_id"],)).fetchone()
    if wid is None:
        return []
    titels = {("opgave", o["id"]): o["titel"] for o in opgaven(con, wid[0])}
    titels |= {("koppeling", k["id"]): k["titel"] for k in koppelingen(con, wid[0])}
    paren = (
        [("koppeling", int(i)) for i in ronde["onderwerpen"]]
        if ronde["soort"] == "kansen"
        else [(s, int(i)) for s, i in ronde["onderwerpen"]]
    )
    if any(s == "criterium" for s, _i in paren):
        titels |= {("criterium", c["id"]): c["naam"] for c in criteria(con, wid[0])}
    if any(s == "voorstel" for s, _i in paren):
        titels |= {
            ("voorstel", int(r[0])): str(r[1])
            for r in con.execute(
                "SELECT v.id, v.tekst FROM voorstellen v JOIN rondes r ON r.id = v.ronde_id "
                "WHERE r.sessie_id = ?",
                (ronde["sessie_id"],),
            )
        }
    return [{"soort": s, "id": i, "titel": titels[(s, i)]} for s, i in paren if (s, i) in titels]


# --------------------------------------------------------------------------- answers


def _moment(sessie_id: int) -> str:
    return f"werksessie {sessie_id}"


def scorer_naam(naam: str, sessie_id: int) -> str:
    """How a participant's scores are named in the workspace: their name with their session
    ("Ana (werksessie 2)"), so a participant never counts as the same person as a scorer
    outside the session or in another session, whatever name they chose."""
    return f"{naam} ({_moment(sessie_id)})"


def _open_ronde_voor(con: sqlite3.Connection, d: dict[str, Any], ronde_id: int, soort: str):
    r = _ronde(con, ronde_id)
    if r["sessie_id"] != d["sessie_id"] or r["soort"] != soort:
        raise OnbekendFout("Deze ronde hoort niet bij uw werksessie.")
    if r["status"] != "open" or (r["auto_sluiten"] and resterend(r) == 0):
        raise RondeGesloten("Deze ronde is gesloten; uw antwoord is niet meer opgeslagen.")
    return r


def zet_score(
    db: Path | str,
    token: str,
    sessie_id: int,
    ronde_id: int,
    onderwerp_soort: str,
    onderwerp_id: int,
    criterium_id: int,
    waarde: int,
) -> int:
    """A participant's score in one round. Within the round a new score for the same subject
    and criterium replaces their earlier one (changing one's mind never counts twice); in a
    later round it is a new row, and the earlier round's stays. Only the participant's own
    rows (``deelnemer_id``) are ever changed. Returns the score's row id."""
    with _schrijf(db, "Score gegeven in de werksessie") as con:
        d = deelnemer(con, sessie_id, token)
        if d is None:
            raise OnbekendFout("U bent (nog) niet aangemeld bij deze werksessie.")
        r = _open_ronde_voor(con, d, ronde_id, "scores")
        if [onderwerp_soort, int(onderwerp_id)] not in r["onderwerpen"]:
            raise OnbekendFout("Dit onderwerp hoort niet bij de open ronde.")
        wid = con.execute("SELECT wijk_id FROM sessies WHERE id = ?", (sessie_id,)).fetchone()[0]
        tabel = "opgaven" if onderwerp_soort == "opgave" else "koppelingen"
        if not con.execute(
            f"SELECT 1 FROM {tabel} WHERE id = ? AND wijk_id = ?", (onderwerp_id, wid)
        ).fetchone():
            raise OnbekendFout(f"Deze {onderwerp_soort} is intussen verwijderd.")
        crit = con.execute(
            "SELECT naam, schaal_min, schaal_max FROM criteria WHERE id = ? AND wijk_id = ?",
            (criterium_id, wid),
        ).fetchone()
        if crit is None:
            raise OnbekendFout("Dit criterium is intussen verwijderd.")
        waarde = validation.score(waarde, crit[1], crit[2], crit[0])
        cel = (d["id"], ronde_id, onderwerp_soort, onderwerp_id, criterium_id)
        oud = con.execute(
            "SELECT id, waarde FROM scores WHERE deelnemer_id = ? AND ronde_id = ? AND "
            "onderwerp_soort = ? AND onderwerp_id = ? AND criterium_id = ?",
            cel,
        ).fetchone()
        if oud is not None:
            if int(oud[1]) != waarde:
                con.execute("UPDATE scores SET waarde = ? WHERE id = ?", (waarde, oud[0]))
            return int(oud[0])
        return nieuw_id(
            con.execute(
                "INSERT INTO scores (wijk_id, onderwerp_soort, onderwerp_id, criterium_id, "
                "scorer, groep, waarde, moment, ronde_id, deelnemer_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    wid,
                    onderwerp_soort,
                    onderwerp_id,
                    criterium_id,
                    scorer_naam(d["naam"], sessie_id),
                    d["groep"],
                    waarde,
                    _moment(sessie_id),
                    ronde_id,
                    d["id"],
                ),
            )
        )


def sessie_scores(
    con: sqlite3.Connection, sessie_id: int, ronde_id: int | None = None
) -> list[dict[str, Any]]:
    """Every score given by a participant of this session (of one round, if given), with
    the participant's own name (``naam``) and the round's number (``ronde``; None for a
    score given before scores remembered their round)."""
    sql = (
        "SELECT s.id, s.onderwerp_soort, s.onderwerp_id, s.criterium_id, s.waarde, "
        "s.scorer, s.groep, s.moment, s.ronde_id, r.volgorde AS ronde, "
        "d.id AS deelnemer_id, d.naam FROM scores s "
        "JOIN deelnemers d ON d.id = s.deelnemer_id "
        "LEFT JOIN rondes r ON r.id = s.ronde_id WHERE d.sessie_id = ?"
    )
    args: list[Any] = [sessie_id]
    if ronde_id is not None:
        sql += " AND s.ronde_id = ?"
        args.append(ronde_id)
    return _rijen(con.execute(sql + " ORDER BY s.id", args))


def laatste_ronde(scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per participant, subject and criterium the score of the latest round (a score
    without a known round counts as the earliest): the session's default for means and
    the ranking."""
    beste: dict[tuple, dict[str, Any]] = {}
    for s in scores:
        k = (s["deelnemer_id"], s["onderwerp_soort"], s["onderwerp_id"], s["criterium_id"])
        plek = (s["ronde"] or 0, s["id"])
        if k not in beste or plek > (beste[k]["ronde"] or 0, beste[k]["id"]):
            beste[k] = s
    return sorted(beste.values(), key=lambda s: s["id"])


def mijn_scores(
    con: sqlite3.Connection, d: dict[str, Any], ronde_id: int
) -> dict[tuple[str, int, int], int]:
    """The participant's own scores in one round."""
    rows = con.execute(
        "SELECT onderwerp_soort, onderwerp_id, criterium_id, waarde FROM scores "
        "WHERE deelnemer_id = ? AND ronde_id = ?",
        (d["id"], ronde_id),
    )
    return {(r[0], int(r[1]), int(r[2])): int(r[3]) for r in rows}


def dien_voorstel_in(
    db: Path | str,
    token: str,
    sessie_id: int,
    ronde_id: int,
    *,
    soort: str,
    tekst: str,
    toelichting: str = "",
    transitie: str = "",
    koppeling_id: int | None = None,
) -> int:
    """A proposal in a collecting round: an opgave, or a kans/bedreiging for a pair."""
    tekst = _schoon(tekst, "voorstel", max_len=MAX_VOORSTEL)
    toelichting = _schoon(toelichting, "toelichting", max_len=MAX_TOELICHTING, verplicht=False)
    with _schrijf(db) as con:
        d = deelnemer(con, sessie_id, token)
        if d is None:
            raise OnbekendFout("U bent (nog) niet aangemeld bij deze werksessie.")
        if soort == "opgave":
            _open_ronde_voor(con, d, ronde_id, "opgaven")
            koppeling_id = None
        elif soort in ("kans", "bedreiging"):
            r = _open_ronde_voor(con, d, ronde_id, "kansen")
            if koppeling_id is None or int(koppeling_id) not in r["onderwerpen"]:
                raise OnbekendFout("Dit paar hoort niet bij de open ronde.")
            if not con.execute(
                "SELECT 1 FROM koppelingen WHERE id = ?", (int(koppeling_id),)
            ).fetchone():
                raise OnbekendFout("Dit paar is intussen verwijderd.")
        else:
            raise InvoerFout(f"Onbekend soort voorstel '{soort}'.", kolom="soort")
        return nieuw_id(
            con.execute(
                "INSERT INTO voorstellen (ronde_id, deelnemer_id, soort, koppeling_id, tekst, "
                "toelichting, transitie, moment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (ronde_id, d["id"], soort, koppeling_id, tekst, toelichting, transitie, _nu()),
            )
        )


def trek_voorstel_in(db: Path | str, token: str, sessie_id: int, voorstel_id: int) -> None:
    """A participant withdraws one of their own proposals while its round is open."""
    with _schrijf(db) as con:
        d = deelnemer(con, sessie_id, token)
        row = con.execute(
            "SELECT v.deelnemer_id, r.status FROM voorstellen v JOIN rondes r "
            "ON r.id = v.ronde_id WHERE v.id = ?",
            (voorstel_id,),
        ).fetchone()
        if d is None or row is None or row[0] != d["id"]:
            raise OnbekendFout("Alleen uw eigen voorstellen kunt u intrekken.")
        if row[1] != "open":
            raise RondeGesloten("Deze ronde is gesloten; uw voorstel blijft staan.")
        con.execute("DELETE FROM voorstellen WHERE id = ?", (voorstel_id,))


def voorstellen(con: sqlite3.Connection, sessie_id: int, ronde_id: int | None = None):
    sql = (
        "SELECT v.id, v.ronde_id, v.soort, v.koppeling_id, v.tekst, v.toelichting, "
        "v.transitie, v.moment, v.overgenomen, v.verborgen, v.samengevoegd_in, "
        "v.oorspronkelijk, d.id AS deelnemer_id, d.naam, g.naam AS groep "
        "FROM voorstellen v JOIN deelnemers d ON d.id = v.deelnemer_id "
        "JOIN sessie_groepen g ON g.id = d.groep_id WHERE d.sessie_id = ?"
    )
    args: list[Any] = [sessie_id]
    if ronde_id is not None:
        sql += " AND v.ronde_id = ?"
        args.append(ronde_id)
    return _rijen(con.execute(sql + " ORDER BY v.id", args))


def markeer_overgenomen(db: Path | str, voorstel_id: int) -> None:
    with _schrijf(db) as con:
        con.execute("UPDATE voorstellen SET overgenomen = 1 WHERE id = ?", (voorstel_id,))


# --------------------------------------------------------------------------- the beamer


def zet_beamer(
    db: Path | str,
    sessie_id: int,
    *,
    ronde_id: int | None | bool = False,
    qr: bool | None = None,
) -> None:
    """The facilitator's choice for the beamer: a round (``None``: whichever round is open;
    ``False``: leave as is) and whether the join QR codes are shown large."""
    with _schrijf(db, "Beamer ingesteld") as con:
        if ronde_id is not False:
            if ronde_id is not None:
                r = _ronde(con, int(ronde_id))
                if r["sessie_id"] != sessie_id:
                    raise OnbekendFout("Deze ronde hoort niet bij de werksessie.")
            con.execute("UPDATE sessies SET beamer_ronde = ? WHERE id = ?", (ronde_id, sessie_id))
        if qr is not None:
            con.execute("UPDATE sessies SET beamer_qr = ? WHERE id = ?", (int(qr), sessie_id))


def beamer_keuze(con: sqlite3.Connection, sessie_id: int) -> tuple[int | None, bool]:
    row = con.execute(
        "SELECT beamer_ronde, beamer_qr FROM sessies WHERE id = ?", (sessie_id,)
    ).fetchone()
    return (None, False) if row is None else (row[0], bool(row[1]))


def beamer_ronde(con: sqlite3.Connection, sessie_id: int) -> dict[str, Any] | None:
    """The round the beamer shows: the one the facilitator chose, else the open round, else
    the last one closed (so the room keeps seeing the results after closing)."""
    gekozen, _qr = beamer_keuze(con, sessie_id)
    if gekozen is not None:
        try:
            return _ronde(con, gekozen)
        except OnbekendFout:
            pass
    open_ = open_ronde(con, sessie_id)
    if open_ is not None:
        return open_
    row = con.execute(
        "SELECT id FROM rondes WHERE sessie_id = ? AND status = 'gesloten' ORDER BY volgorde DESC",
        (sessie_id,),
    ).fetchone()
    return _ronde(con, row[0]) if row else None


# --------------------------------------------------------------------------- the timer


def _tijd(tekst: str) -> datetime:
    return datetime.fromisoformat(tekst)


def start_timer(db: Path | str, ronde_id: int, seconden: int, *, auto_sluiten: bool) -> None:
    """A deadline for a round, ``seconden`` from now; with ``auto_sluiten`` the server closes
    the round when it passes (:func:`sluit_verlopen`), and answers after it are refused."""
    seconden = int(seconden)
    if not 10 <= seconden <= 4 * 3600:
        raise InvoerFout("Kies een tijd tussen 10 seconden en 4 uur.", kolom="timer")
    eind = datetime.fromtimestamp(datetime.now().timestamp() + seconden)
    with _schrijf(db, "Timer gestart") as con:
        _ronde(con, ronde_id)
        con.execute(
            "UPDATE rondes SET sluit_om = ?, auto_sluiten = ? WHERE id = ?",
            (eind.isoformat(timespec="seconds"), int(auto_sluiten), ronde_id),
        )


def stop_timer(db: Path | str, ronde_id: int) -> None:
    with _schrijf(db, "Timer gestopt") as con:
        con.execute("UPDATE rondes SET sluit_om = NULL, auto_sluiten = 0 WHERE id = ?", (ronde_id,))


def resterend(ronde: dict[str, Any], nu: datetime | None = None) -> int | None:
    """Whole seconds left on the round's timer (0 when it ran out), ``None`` without one."""
    if not ronde.get("sluit_om"):
        return None
    nu = nu or datetime.now()
    return max(0, int(-(-(_tijd(ronde["sluit_om"]) - nu).total_seconds() // 1)))


def sluit_verlopen(db: Path | str) -> list[int]:
    """Close every open round whose timer ran out with automatic closing on; the ids
    closed. Cheap when there is nothing to close (one indexed read, no write)."""
    nu = datetime.now().isoformat(timespec="seconds")
    with _lees(db) as con:
        ids = [
            int(r[0])
            for r in con.execute(
                "SELECT id FROM rondes WHERE status = 'open' AND auto_sluiten = 1 "
                "AND sluit_om IS NOT NULL AND sluit_om <= ?",
                (nu,),
            )
        ]
    if ids:
        with _schrijf(db, "Ronde gesloten: de tijd was om") as con:
            for rid in ids:
                con.execute(
                    "UPDATE rondes SET status = 'gesloten' WHERE id = ? AND status = 'open'",
                    (rid,),
                )
    return ids


# --------------------------------------------------------------------------- moderation


def _voorstel(con: sqlite3.Connection, voorstel_id: int) -> dict[str, Any]:
    cur = con.execute(
        "SELECT v.*, r.sessie_id FROM voorstellen v JOIN rondes r ON r.id = v.ronde_id "
        "WHERE v.id = ?",
        (voorstel_id,),
    )
    v = _rij(cur, cur.fetchone())
    if v is None:
        raise OnbekendFout("Dit voorstel bestaat niet (meer).")
    return v


def verberg_voorstel(db: Path | str, voorstel_id: int, verborgen: bool = True) -> None:
    """Hide a proposal from participants' pages, the beamer and the results (or show it
    again); it stays in the workspace and the export, marked as hidden."""
    with _schrijf(db, "Voorstel verborgen" if verborgen else "Voorstel weer getoond") as con:
        _voorstel(con, voorstel_id)
        con.execute(
            "UPDATE voorstellen SET verborgen = ? WHERE id = ?", (int(verborgen), voorstel_id)
        )


def bewerk_voorstel(db: Path | str, voorstel_id: int, tekst: str) -> None:
    """The facilitator rewords a proposal; its first wording is kept (``oorspronkelijk``)."""
    tekst = _schoon(tekst, "voorstel", max_len=MAX_VOORSTEL)
    with _schrijf(db, "Voorstel bewerkt") as con:
        v = _voorstel(con, voorstel_id)
        if v["overgenomen"]:
            raise InvoerFout("Dit voorstel is al overgenomen; pas het aan in de inventarisatie.")
        if tekst != v["tekst"]:
            con.execute(
                "UPDATE voorstellen SET tekst = ?, oorspronkelijk = COALESCE(oorspronkelijk, ?) "
                "WHERE id = ?",
                (tekst, v["tekst"], voorstel_id),
            )


def voeg_voorstellen_samen(db: Path | str, houden: int, andere: list[int]) -> None:
    """Merge proposals into ``houden``: the others stay in the workspace with
    ``samengevoegd_in`` pointing at it, so who proposed what is never lost
    (:func:`indieners`); participants, the beamer and the results see one proposal."""
    andere = [int(i) for i in andere if int(i) != int(houden)]
    if not andere:
        raise InvoerFout("Kies minstens één ander voorstel om samen te voegen.", kolom="voorstel")
    with _schrijf(db, "Voorstellen samengevoegd") as con:
        doel = _voorstel(con, houden)
        if doel["samengevoegd_in"] is not None:
            raise InvoerFout("Dit voorstel is zelf al samengevoegd; kies het voorstel waarin.")
        for vid in andere:
            v = _voorstel(con, vid)
            if v["ronde_id"] != doel["ronde_id"] or v["soort"] != doel["soort"]:
                raise InvoerFout("Alleen voorstellen van dezelfde soort en ronde samenvoegen.")
            if v["overgenomen"]:
                raise InvoerFout(
                    f"'{v['tekst']}' is al overgenomen en kan niet meer op in een ander."
                )
            # proposals merged into this one earlier now point at the kept one too
            con.execute(
                "UPDATE voorstellen SET samengevoegd_in = ? WHERE samengevoegd_in = ?",
                (houden, vid),
            )
            con.execute("UPDATE voorstellen SET samengevoegd_in = ? WHERE id = ?", (houden, vid))


def maak_samenvoegen_ongedaan(db: Path | str, voorstel_id: int) -> None:
    """A merged proposal stands on its own again."""
    with _schrijf(db, "Samenvoegen ongedaan gemaakt") as con:
        _voorstel(con, voorstel_id)
        con.execute("UPDATE voorstellen SET samengevoegd_in = NULL WHERE id = ?", (voorstel_id,))


def zichtbare_voorstellen(alle: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What participants and the beamer see: not hidden, not merged into another; each with
    ``indieners``, the (group, name) of everyone whose proposal it now stands for."""
    per_doel: dict[int, list[dict[str, Any]]] = {}
    for v in alle:
        if v.get("samengevoegd_in") is not None:
            per_doel.setdefault(int(v["samengevoegd_in"]), []).append(v)
    uit = []
    for v in alle:
        if v.get("verborgen") or v.get("samengevoegd_in") is not None:
            continue
        samen = [v, *per_doel.get(int(v["id"]), [])]
        uit.append({**v, "indieners": [(x["groep"], x["naam"]) for x in samen]})
    return uit


# --------------------------------------------------------------------------- the agenda


def _onderwerpen_lijst(soort: str, onderwerpen) -> list:
    lijst: list[Any]
    if soort == "scores":
        lijst = [[str(s), int(i)] for s, i in onderwerpen]
        if any(s not in ("opgave", "koppeling") for s, _ in lijst):
            raise InvoerFout("Een onderwerp is een opgave of een koppeling.", kolom="onderwerp")
    elif soort == "kansen":
        lijst = [int(i) for i in onderwerpen]
    elif soort in VRAAG_SOORTEN:  # checked per kind when added (werksessie.vragen)
        lijst = [[str(s), int(i)] for s, i in onderwerpen]
    else:
        lijst = []
    if soort != "opgaven" and not lijst:
        raise InvoerFout("Kies minstens één onderwerp voor deze ronde.", kolom="onderwerpen")
    return lijst


def bewerk_ronde(db: Path | str, ronde_id: int, *, titel: str, onderwerpen=()) -> None:
    """A planned round's title and subjects, changed before it opens."""
    with _schrijf(db, "Ronde gewijzigd") as con:
        r = _ronde(con, ronde_id)
        if r["status"] != "gepland":
            raise InvoerFout(
                f"Ronde {r['volgorde']} is al geopend geweest en blijft zoals ze was. "
                "Dupliceer haar om een gewijzigde versie te maken."
            )
        titel = _schoon(titel or (RONDE_SOORTEN | VRAAG_SOORTEN)[r["soort"]], "titel", max_len=120)
        lijst = _onderwerpen_lijst(r["soort"], onderwerpen)
        if r["soort"] in ("punten", "paarsgewijs") and len(lijst) < 2:
            raise InvoerFout("Kies minstens twee criteria voor deze ronde.", kolom="onderwerpen")
        con.execute(
            "UPDATE rondes SET titel = ?, onderwerpen = ? WHERE id = ?",
            (titel, json.dumps(lijst), ronde_id),
        )


def verplaats_ronde(db: Path | str, ronde_id: int, stap: int) -> None:
    """Move a round one place earlier (``stap`` -1) or later (+1) on the agenda."""
    with _schrijf(db, "Volgorde van de rondes gewijzigd") as con:
        r = _ronde(con, ronde_id)
        ids = [
            int(x[0])
            for x in con.execute(
                "SELECT id FROM rondes WHERE sessie_id = ? ORDER BY volgorde, id",
                (r["sessie_id"],),
            )
        ]
        i = ids.index(ronde_id)
        j = i + (1 if stap > 0 else -1)
        if not 0 <= j < len(ids):
            return
        ids[i], ids[j] = ids[j], ids[i]
        _nummer(con, ids)


def _nummer(con: sqlite3.Connection, ids: list[int]) -> None:
    for n, rid in enumerate(ids, start=1):
        con.execute("UPDATE rondes SET volgorde = ? WHERE id = ?", (n, rid))


def dupliceer_ronde(db: Path | str, ronde_id: int) -> int:
    """A planned copy of a round (title, kind, subjects, settings such as a 2×2's axes) at
    the end of the agenda; the answers stay with the original."""
    with _schrijf(db, "Ronde gedupliceerd") as con:
        r = _ronde(con, ronde_id)
        titel = r["titel"] if r["titel"].endswith("(kopie)") else f"{r['titel'][:110]} (kopie)"
        n = con.execute(
            "SELECT COALESCE(MAX(volgorde), 0) FROM rondes WHERE sessie_id = ?", (r["sessie_id"],)
        ).fetchone()[0]
        return nieuw_id(
            con.execute(
                "INSERT INTO rondes (sessie_id, volgorde, soort, titel, onderwerpen, "
                "instellingen) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    r["sessie_id"],
                    n + 1,
                    r["soort"],
                    titel,
                    json.dumps(r["onderwerpen"]),
                    json.dumps(r.get("instellingen") or {}),
                ),
            )
        )


def antwoorden_bij_ronde(con: sqlite3.Connection, ronde_id: int) -> dict[str, int]:
    """How many answers go with a round: scores, proposals, and the question types'
    answers (a subject's dots, a criterium's points, a pairwise judgement, a 2×2 place)."""
    return {
        tabel: int(
            con.execute(f"SELECT count(*) FROM {tabel} WHERE ronde_id = ?", (ronde_id,)).fetchone()[
                0
            ]
        )
        for tabel in ("scores", "voorstellen", "antwoorden")
    }


def verwijder_vraag(ronde: dict[str, Any], aantallen: dict[str, int]) -> str:
    """The Dutch question before a round with answers is deleted, naming how many go."""
    n = sum(aantallen.values())
    delen = []
    if aantallen.get("scores"):
        delen.append(f"{aantallen['scores']} {'score' if aantallen['scores'] == 1 else 'scores'}")
    if aantallen.get("voorstellen"):
        v = aantallen["voorstellen"]
        delen.append(f"{v} {'voorstel' if v == 1 else 'voorstellen'}")
    wat = " en ".join(delen)
    return (
        f"Ronde {ronde['volgorde']} ({ronde['titel']}) heeft {n} "
        f"{'antwoord' if n == 1 else 'antwoorden'}{f' ({wat})' if wat else ''}. Die worden "
        "met de ronde verwijderd. Weet u het zeker?"
    )


def verwijder_ronde(db: Path | str, ronde_id: int, *, bevestigd: int = 0) -> None:
    """Delete a round. One with answers only when ``bevestigd`` is the number of answers
    that go with it (the facilitator confirmed :func:`verwijder_vraag`); its scores and
    proposals go too (the history keeps them: undo brings them back)."""
    with _schrijf(db, "Ronde verwijderd") as con:
        r = _ronde(con, ronde_id)
        aantallen = antwoorden_bij_ronde(con, ronde_id)
        n = sum(aantallen.values())
        if n and bevestigd != n:
            raise InvoerFout(verwijder_vraag(r, aantallen))
        con.execute("DELETE FROM scores WHERE ronde_id = ?", (ronde_id,))
        con.execute("DELETE FROM voorstellen WHERE ronde_id = ?", (ronde_id,))
        con.execute("DELETE FROM antwoorden WHERE ronde_id = ?", (ronde_id,))
        con.execute("UPDATE sessies SET beamer_ronde = NULL WHERE beamer_ronde = ?", (ronde_id,))
        con.execute("DELETE FROM rondes WHERE id = ?", (ronde_id,))
        ids = [
            int(x[0])
            for x in con.execute(
                "SELECT id FROM rondes WHERE sessie_id = ? ORDER BY volgorde, id",
                (r["sessie_id"],),
            )
        ]
        _nummer(con, ids)
