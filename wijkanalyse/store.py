"""The workspace store: one SQLite file per workspace.

The only module that writes SQL. Reads return pandas DataFrames with the columns in
``docs/contract.md``; writes go through validated functions, each in one short
``BEGIN IMMEDIATE`` transaction, so concurrent writers (twenty workshop laptops) wait for
each other instead of losing entries, and a failed write changes nothing.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from . import standaard, validation
from .errors import (
    KOLOM_LABELS,
    DubbelFout,
    GelijktijdigFout,
    InvoerFout,
    OnbekendFout,
    WijkanalyseFout,
)
from .werksessie.opslag import SCHEMA as _WERKSESSIE_SCHEMA

# 2: werksessie tables and the per-wijk change counter; CBS key figures (cbs_regios, cbs_cijfers)
SCHEMA_VERSIE = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS wijken (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL UNIQUE COLLATE NOCASE,
    gemeente TEXT NOT NULL DEFAULT '',
    inwoners INTEGER,
    fictief INTEGER NOT NULL DEFAULT 0,
    drempel REAL NOT NULL DEFAULT 3.0,
    capaciteit INTEGER NOT NULL DEFAULT 4
);
CREATE TABLE IF NOT EXISTS opgaven (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    titel TEXT NOT NULL,
    transitie TEXT NOT NULL,
    soort TEXT NOT NULL,
    aanleiding TEXT NOT NULL DEFAULT '',
    eigenaar TEXT NOT NULL DEFAULT '',
    start_jaar INTEGER,
    eind_jaar INTEGER,
    rol TEXT NOT NULL,
    beschrijving TEXT NOT NULL DEFAULT '',
    titel_sleutel TEXT NOT NULL,
    UNIQUE (wijk_id, titel_sleutel)
);
CREATE TABLE IF NOT EXISTS koppelingen (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    opgave_a INTEGER NOT NULL REFERENCES opgaven(id) ON DELETE CASCADE,
    opgave_b INTEGER NOT NULL REFERENCES opgaven(id) ON DELETE CASCADE,
    niveau TEXT NOT NULL,
    toelichting TEXT NOT NULL DEFAULT '',
    CHECK (opgave_a < opgave_b),
    UNIQUE (opgave_a, opgave_b)
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    koppeling_id INTEGER NOT NULL REFERENCES koppelingen(id) ON DELETE CASCADE,
    soort TEXT NOT NULL,
    tekst TEXT NOT NULL,
    impact TEXT NOT NULL,
    horizon TEXT NOT NULL,
    interventie TEXT NOT NULL DEFAULT '',
    interventie_eigenaar TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS criteria (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    naam TEXT NOT NULL,
    vraag TEXT NOT NULL DEFAULT '',
    richting TEXT NOT NULL,
    gewicht REAL NOT NULL,
    schaal_min INTEGER NOT NULL,
    schaal_max INTEGER NOT NULL,
    betekenis_min TEXT NOT NULL DEFAULT '',
    betekenis_max TEXT NOT NULL DEFAULT '',
    volgorde INTEGER NOT NULL DEFAULT 0,
    UNIQUE (wijk_id, naam)
);
CREATE TABLE IF NOT EXISTS scores (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    onderwerp_soort TEXT NOT NULL,
    onderwerp_id INTEGER NOT NULL,
    criterium_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    waarde INTEGER NOT NULL,
    scorer TEXT NOT NULL,
    groep TEXT NOT NULL,
    moment TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scores_wijk ON scores (wijk_id);
CREATE TABLE IF NOT EXISTS besluiten (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    onderwerp_soort TEXT NOT NULL,
    onderwerp_id INTEGER NOT NULL,
    besluit TEXT NOT NULL,
    redenering TEXT NOT NULL CHECK (length(trim(redenering)) > 0),
    datum TEXT NOT NULL,
    door TEXT NOT NULL DEFAULT '',
    maakt_of_breekt INTEGER NOT NULL DEFAULT 0
);
"""

_OPGAVE_KOLOMMEN = [
    "id",
    "titel",
    "transitie",
    "soort",
    "aanleiding",
    "eigenaar",
    "start_jaar",
    "eind_jaar",
    "rol",
    "beschrijving",
]


# --------------------------------------------------------------------------- connection


def _connect(path: Path | str) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=60, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 60000")
    return con


def _bestaat(path: Path | str) -> None:
    if not Path(path).is_file():
        raise OnbekendFout(f"Werkruimte '{path}' bestaat niet. Maak haar eerst aan.")


@contextmanager
def _schrijf(
    path: Path | str, *, historie: dict[str, Any] | None = None
) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or nothing does. What it changed is written
    to the history (:func:`historie`) in the same transaction."""
    _bestaat(path)
    con = _connect(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            _sluit_historie(con, historie or {})
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()


def _lees(path: Path | str, sql: str, params: Iterable[Any] = ()) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise OnbekendFout(f"Werkruimte '{path}' bestaat niet. Maak haar eerst aan.")
    con = _connect(path)
    try:
        return pd.read_sql_query(sql, con, params=tuple(params))
    finally:
        con.close()


def maak_werkruimte(path: Path | str) -> Path:
    """Create the database file (and folder) if missing, and migrate it to the current schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        versie = con.execute("PRAGMA user_version").fetchone()[0]
        if versie > SCHEMA_VERSIE:
            raise InvoerFout(
                f"Deze werkruimte heeft schemaversie {versie}; deze versie van wijkanalyse "
                f"kent er maar {SCHEMA_VERSIE}. Werk wijkanalyse bij."
            )
        if versie < SCHEMA_VERSIE:
            con.executescript(
                "BEGIN IMMEDIATE;" + _SCHEMA + _WERKSESSIE_SCHEMA + _SCHEMA_CBS + "COMMIT;"
            )
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSIE}")
        _maak_extra_tabellen(con)
    finally:
        con.close()
    return path


def schema_versie(path: Path | str) -> int:
    con = _connect(path)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


# --------------------------------------------------------------------------- wijken


def wijken(path: Path | str) -> pd.DataFrame:
    df = _lees(
        path,
        "SELECT id, naam, gemeente, inwoners, fictief, drempel, capaciteit "
        "FROM wijken ORDER BY naam",
    )
    df["fictief"] = df["fictief"].astype(bool)
    df["inwoners"] = df["inwoners"].astype("Int64")
    return df


def _wijk_id(con: sqlite3.Connection, wijk: str) -> int:
    row = con.execute("SELECT id FROM wijken WHERE naam = ?", (wijk,)).fetchone()
    if row is None:
        namen = [r[0] for r in con.execute("SELECT naam FROM wijken ORDER BY naam")]
        raise OnbekendFout(
            f"Wijk '{wijk}' bestaat niet in deze werkruimte. "
            f"Bekende wijken: {', '.join(namen) or '(geen)'}."
        )
    return int(row[0])


def wijk(path: Path | str, naam: str) -> dict[str, Any]:
    """One wijk as a dict (raises OnbekendFout naming the known wijken)."""
    _bestaat(path)
    con = _connect(path)
    try:
        wid = _wijk_id(con, naam)
        row = con.execute(
            "SELECT id, naam, gemeente, inwoners, fictief, drempel, capaciteit "
            "FROM wijken WHERE id = ?",
            (wid,),
        ).fetchone()
    finally:
        con.close()
    keys = ["id", "naam", "gemeente", "inwoners", "fictief", "drempel", "capaciteit"]
    d = dict(zip(keys, row, strict=True))
    d["fictief"] = bool(d["fictief"])
    return d


# Per wijk, the tables whose rows a report shows; items belong to a wijk via koppelingen.
_WIJK_TABELLEN = {
    "opgaven": "SELECT wijk_id, * FROM opgaven ORDER BY id",
    "koppelingen": "SELECT wijk_id, * FROM koppelingen ORDER BY id",
    "items": "SELECT k.wijk_id, i.* FROM items i JOIN koppelingen k ON k.id = i.koppeling_id "
    "ORDER BY i.id",
    "criteria": "SELECT wijk_id, * FROM criteria ORDER BY id",
    "scores": "SELECT wijk_id, * FROM scores ORDER BY id",
    "besluiten": "SELECT wijk_id, * FROM besluiten ORDER BY id",
}


def vingerafdrukken(path: Path | str) -> dict[str, str]:
    """Per wijk name a hash of all of that wijk's rows (its own row included).

    An edit in one wijk changes only that wijk's hash; one read pass over the file.
    """
    _bestaat(path)
    con = _connect(path)
    try:
        con.execute("BEGIN")  # one consistent snapshot while others write
        hashes: dict[int, Any] = {}
        namen: dict[int, str] = {}
        for row in con.execute(
            "SELECT id, naam, gemeente, inwoners, fictief, drempel, capaciteit FROM wijken"
        ):
            namen[row[0]] = row[1]
            hashes[row[0]] = hashlib.sha256(repr(("wijk", row)).encode())
        for tabel, sql in _WIJK_TABELLEN.items():
            for row in con.execute(sql):
                h = hashes.get(row[0])
                if h is not None:
                    h.update(repr((tabel, row[1:])).encode())
        con.execute("COMMIT")
    finally:
        con.close()
    return {namen[i]: h.hexdigest() for i, h in hashes.items()}


def momentopname(path: Path | str, doel: Path | str) -> Path:
    """A consistent copy of the workspace file (SQLite's online backup), e.g. for reports
    made while workshop laptops keep writing, or to send to other machines."""
    _bestaat(path)
    bron, kopie = _connect(path), sqlite3.connect(str(doel))
    try:
        bron.backup(kopie)
    finally:
        kopie.close()
        bron.close()
    return Path(doel)


def voeg_wijk_toe(
    path: Path | str,
    naam: str,
    gemeente: str = "",
    inwoners: int | None = None,
    *,
    fictief: bool = False,
    criteria: pd.DataFrame | None = None,
    drempel: float = standaard.DREMPEL,
    capaciteit: int = standaard.CAPACITEIT,
) -> int:
    naam = validation.tekst(naam, "naam", verplicht=True, max_len=100)
    drempel = validation.drempel(drempel)
    capaciteit = validation.capaciteit(capaciteit)
    with _schrijf(path) as con:
        if con.execute("SELECT 1 FROM wijken WHERE naam = ?", (naam,)).fetchone():
            raise DubbelFout(f"Er is al een wijk met de naam '{naam}'.")
        cur = con.execute(
            "INSERT INTO wijken (naam, gemeente, inwoners, fictief, drempel, capaciteit) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (naam, gemeente, inwoners, int(fictief), float(drempel), int(capaciteit)),
        )
        wid = int(cur.lastrowid)
        if criteria is not None:
            _zet_criteria(con, wid, criteria)
        return wid


def kader(path: Path | str, wijk_naam: str) -> dict[str, Any]:
    """drempel, capaciteit and the completeness rule (min_groepen, vereiste_groepen)."""
    w = wijk(path, wijk_naam)
    con = _connect(path)
    try:
        regel = _lees_regel(con, int(w["id"]))
    finally:
        con.close()
    return {"drempel": float(w["drempel"]), "capaciteit": int(w["capaciteit"]), **regel}


def zet_kader(
    path: Path | str,
    wijk_naam: str,
    *,
    drempel: float,
    capaciteit: int,
    min_groepen: int | None = None,
    vereiste_groepen: Iterable[str] | str | None = None,
) -> None:
    """Set drempel and capaciteit (and the completeness rule when given)."""
    drempel = validation.drempel(drempel)
    capaciteit = validation.capaciteit(capaciteit)
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        con.execute(
            "UPDATE wijken SET drempel = ?, capaciteit = ? WHERE id = ?",
            (drempel, capaciteit, wid),
        )
        _zet_regel(con, wid, min_groepen, vereiste_groepen)


# --------------------------------------------------------------------------- opgaven


def _sleutel(titel: str) -> str:
    return " ".join(titel.split()).casefold()


def opgaven(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    df = _lees(
        path,
        "SELECT o.id, o.titel, o.transitie, o.soort, o.aanleiding, o.eigenaar, o.start_jaar, "
        "o.eind_jaar, o.rol, o.beschrijving FROM opgaven o JOIN wijken w ON w.id = o.wijk_id "
        "WHERE w.naam = ? ORDER BY o.id",
        (wijk_naam,),
    )
    for k in ("start_jaar", "eind_jaar"):
        df[k] = df[k].astype("Int64")
    return df[_OPGAVE_KOLOMMEN]


def _insert_opgave(con: sqlite3.Connection, wid: int, o: dict[str, Any]) -> int:
    bestaand = con.execute(
        "SELECT titel FROM opgaven WHERE wijk_id = ? AND titel_sleutel = ?",
        (wid, _sleutel(o["titel"])),
    ).fetchone()
    if bestaand:
        raise DubbelFout(
            f"Er is in deze wijk al een opgave '{bestaand[0]}'; kies een andere titel."
        )
    cur = con.execute(
        "INSERT INTO opgaven (wijk_id, titel, transitie, soort, aanleiding, eigenaar, "
        "start_jaar, eind_jaar, rol, beschrijving, titel_sleutel) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            wid,
            o["titel"],
            o["transitie"],
            o["soort"],
            o["aanleiding"],
            o["eigenaar"],
            o["start_jaar"],
            o["eind_jaar"],
            o["rol"],
            o["beschrijving"],
            _sleutel(o["titel"]),
        ),
    )
    return int(cur.lastrowid)


def voeg_opgave_toe(path: Path | str, wijk_naam: str, **velden: Any) -> int:
    """Add one opgave; returns its id. Raises InvoerFout/DubbelFout and writes nothing."""
    o = validation.opgave(velden)
    with _schrijf(path) as con:
        return _insert_opgave(con, _wijk_id(con, wijk_naam), o)


def importeer_opgaven(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> list[int]:
    """Add all rows of ``df`` or none. Row numbers in errors are as in a spreadsheet (header=1)."""
    records = df.to_dict("records")
    schoon = []
    for i, rec in enumerate(records):
        try:
            schoon.append(validation.opgave(rec))
        except InvoerFout as e:
            raise InvoerFout(e.melding, rij=i + 2, kolom=e.kolom) from None
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        ids = []
        for i, o in enumerate(schoon):
            try:
                ids.append(_insert_opgave(con, wid, o))
            except DubbelFout as e:
                raise InvoerFout(str(e), rij=i + 2, kolom="titel") from None
        return ids


def importeer_opgaven_bijwerken(
    path: Path | str, wijk_naam: str, df: pd.DataFrame
) -> dict[str, list[int]]:
    """Excel as the team's master list: a row whose title (case and spaces ignored) matches an
    existing opgave updates it (only the columns ``df`` has); other rows are added. All rows
    or none, in one transaction. Returns {"toegevoegd": ids, "gewijzigd": ids}."""
    if "titel" not in df.columns:
        raise InvoerFout("De kolom titel ontbreekt.", kolom="titel")
    records = df.to_dict("records")
    uit: dict[str, list[int]] = {"toegevoegd": [], "gewijzigd": []}
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        for i, rec in enumerate(records):
            titel = validation.tekst(rec.get("titel"), "titel", verplicht=True)
            rij = con.execute(
                "SELECT id, titel, transitie, soort, aanleiding, eigenaar, start_jaar, eind_jaar, "
                "rol, beschrijving FROM opgaven WHERE wijk_id = ? AND titel_sleutel = ?",
                (wid, _sleutel(titel)),
            ).fetchone()
            try:
                if rij is None:
                    uit["toegevoegd"].append(_insert_opgave(con, wid, validation.opgave(rec)))
                    continue
                huidig = dict(zip(_OPGAVE_KOLOMMEN, rij, strict=True))
                samen = {**huidig, **{k: v for k, v in rec.items() if k in _OPGAVE_KOLOMMEN}}
                o = validation.opgave(samen)
            except InvoerFout as e:
                raise InvoerFout(e.melding, rij=i + 2, kolom=e.kolom) from None
            except DubbelFout as e:
                raise InvoerFout(str(e), rij=i + 2, kolom="titel") from None
            con.execute(
                "UPDATE opgaven SET titel=?, transitie=?, soort=?, aanleiding=?, eigenaar=?, "
                "start_jaar=?, eind_jaar=?, rol=?, beschrijving=?, titel_sleutel=? WHERE id=?",
                (
                    *(o[k] for k in _OPGAVE_KOLOMMEN[1:]),
                    _sleutel(o["titel"]),
                    int(huidig["id"]),
                ),
            )
            uit["gewijzigd"].append(int(huidig["id"]))
    return uit


_GEWIJZIGD = (
    "Iemand anders heeft {wat} intussen gewijzigd. Uw wijziging is niet opgeslagen; bekijk de "
    "nieuwe stand en pas opnieuw aan."
)


def wijzig_opgave(
    path: Path | str, opgave_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
) -> None:
    """Change fields of an opgave. With ``verwacht`` (the opgave as the form showed it), the
    change is refused with :class:`GelijktijdigFout` if someone else changed it meanwhile."""
    with _schrijf(path) as con:
        row = con.execute(
            "SELECT wijk_id, titel, transitie, soort, aanleiding, eigenaar, start_jaar, "
            "eind_jaar, rol, beschrijving FROM opgaven WHERE id = ?",
            (int(opgave_id),),
        ).fetchone()
        if row is None:
            raise OnbekendFout(f"Opgave {opgave_id} bestaat niet (meer).")
        wid, *oud = row
        huidig = dict(zip(_OPGAVE_KOLOMMEN[1:], oud, strict=True))
        if verwacht is not None and validation.opgave(verwacht) != validation.opgave(huidig):
            raise GelijktijdigFout(_GEWIJZIGD.format(wat=f"opgave '{huidig['titel']}'"))
        huidig.update(velden)
        o = validation.opgave(huidig)
        dubbel = con.execute(
            "SELECT titel FROM opgaven WHERE wijk_id = ? AND titel_sleutel = ? AND id != ?",
            (wid, _sleutel(o["titel"]), int(opgave_id)),
        ).fetchone()
        if dubbel:
            raise DubbelFout(f"Er is in deze wijk al een opgave '{dubbel[0]}'.")
        con.execute(
            "UPDATE opgaven SET titel=?, transitie=?, soort=?, aanleiding=?, eigenaar=?, "
            "start_jaar=?, eind_jaar=?, rol=?, beschrijving=?, titel_sleutel=? WHERE id=?",
            (
                o["titel"],
                o["transitie"],
                o["soort"],
                o["aanleiding"],
                o["eigenaar"],
                o["start_jaar"],
                o["eind_jaar"],
                o["rol"],
                o["beschrijving"],
                _sleutel(o["titel"]),
                int(opgave_id),
            ),
        )


def verwijder_opgave(path: Path | str, opgave_id: int) -> None:
    """Remove an opgave with its koppelingen, entries, scores and besluiten."""
    with _schrijf(path) as con:
        _verwijder_opgave(con, opgave_id)


def _verwijder_opgave(con: sqlite3.Connection, opgave_id: int) -> None:
    if con.execute("SELECT 1 FROM opgaven WHERE id = ?", (int(opgave_id),)).fetchone() is None:
        raise OnbekendFout(f"Opgave {opgave_id} bestaat niet (meer).")
    kids = [
        r[0]
        for r in con.execute(
            "SELECT id FROM koppelingen WHERE opgave_a = ? OR opgave_b = ?",
            (int(opgave_id), int(opgave_id)),
        )
    ]
    for soort, ids in (("opgave", [int(opgave_id)]), ("koppeling", kids)):
        for i in ids:
            con.execute(
                "DELETE FROM scores WHERE onderwerp_soort = ? AND onderwerp_id = ?", (soort, i)
            )
            con.execute(
                "DELETE FROM besluiten WHERE onderwerp_soort = ? AND onderwerp_id = ?",
                (soort, i),
            )
    con.execute("DELETE FROM opgaven WHERE id = ?", (int(opgave_id),))


# --------------------------------------------------------------------------- koppelingen


def koppelingen(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return _lees(
        path,
        "SELECT k.id, k.opgave_a, k.opgave_b, k.niveau, k.toelichting FROM koppelingen k "
        "JOIN wijken w ON w.id = k.wijk_id WHERE w.naam = ? ORDER BY k.id",
        (wijk_naam,),
    )


def zet_koppeling(
    path: Path | str,
    wijk_naam: str,
    opgave_1: int,
    opgave_2: int,
    niveau: str = "afstemming",
    toelichting: str = "",
) -> int:
    """Create or update the koppeling of a pair; returns its id."""
    niveau = validation.niveau(niveau)
    toelichting = validation.tekst(toelichting, "toelichting")
    a, b = sorted((int(opgave_1), int(opgave_2)))
    if a == b:
        raise InvoerFout("Een opgave kan niet met zichzelf gekoppeld worden.", kolom="opgave_b")
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        for o in (a, b):
            if not con.execute(
                "SELECT 1 FROM opgaven WHERE id = ? AND wijk_id = ?", (o, wid)
            ).fetchone():
                raise OnbekendFout(f"Opgave {o} bestaat niet in wijk '{wijk_naam}'.")
        row = con.execute(
            "SELECT id FROM koppelingen WHERE opgave_a = ? AND opgave_b = ?", (a, b)
        ).fetchone()
        if row:
            con.execute(
                "UPDATE koppelingen SET niveau = ?, toelichting = ? WHERE id = ?",
                (niveau, toelichting, row[0]),
            )
            return int(row[0])
        cur = con.execute(
            "INSERT INTO koppelingen (wijk_id, opgave_a, opgave_b, niveau, toelichting) "
            "VALUES (?, ?, ?, ?, ?)",
            (wid, a, b, niveau, toelichting),
        )
        return int(cur.lastrowid)


def verwijder_koppeling(path: Path | str, koppeling_id: int) -> None:
    with _schrijf(path) as con:
        _verwijder_koppeling(con, koppeling_id)


def _verwijder_koppeling(con: sqlite3.Connection, koppeling_id: int) -> None:
    if (
        con.execute("SELECT 1 FROM koppelingen WHERE id = ?", (int(koppeling_id),)).fetchone()
        is None
    ):
        raise OnbekendFout(f"Koppeling {koppeling_id} bestaat niet (meer).")
    con.execute(
        "DELETE FROM scores WHERE onderwerp_soort = 'koppeling' AND onderwerp_id = ?",
        (int(koppeling_id),),
    )
    con.execute(
        "DELETE FROM besluiten WHERE onderwerp_soort = 'koppeling' AND onderwerp_id = ?",
        (int(koppeling_id),),
    )
    con.execute("DELETE FROM koppelingen WHERE id = ?", (int(koppeling_id),))


def items(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return _lees(
        path,
        "SELECT i.id, i.koppeling_id, i.soort, i.tekst, i.impact, i.horizon, i.interventie, "
        "i.interventie_eigenaar FROM items i JOIN koppelingen k ON k.id = i.koppeling_id "
        "JOIN wijken w ON w.id = k.wijk_id WHERE w.naam = ? ORDER BY i.id",
        (wijk_naam,),
    )


def voeg_item_toe(path: Path | str, koppeling_id: int, **velden: Any) -> int:
    it = validation.item(velden)
    with _schrijf(path) as con:
        if not con.execute(
            "SELECT 1 FROM koppelingen WHERE id = ?", (int(koppeling_id),)
        ).fetchone():
            raise OnbekendFout(f"Koppeling {koppeling_id} bestaat niet (meer).")
        cur = con.execute(
            "INSERT INTO items (koppeling_id, soort, tekst, impact, horizon, interventie, "
            "interventie_eigenaar) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                int(koppeling_id),
                it["soort"],
                it["tekst"],
                it["impact"],
                it["horizon"],
                it["interventie"],
                it["interventie_eigenaar"],
            ),
        )
        return int(cur.lastrowid)


def wijzig_item(
    path: Path | str, item_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
) -> None:
    """Change an entry; ``verwacht`` works as in :func:`wijzig_opgave`."""
    with _schrijf(path) as con:
        row = con.execute(
            "SELECT soort, tekst, impact, horizon, interventie, interventie_eigenaar "
            "FROM items WHERE id = ?",
            (int(item_id),),
        ).fetchone()
        if row is None:
            raise OnbekendFout(f"Item {item_id} bestaat niet (meer).")
        huidig = dict(
            zip(
                ["soort", "tekst", "impact", "horizon", "interventie", "interventie_eigenaar"],
                row,
                strict=True,
            )
        )
        if verwacht is not None and validation.item(verwacht) != validation.item(huidig):
            raise GelijktijdigFout(_GEWIJZIGD.format(wat="deze kans of bedreiging"))
        huidig.update(velden)
        it = validation.item(huidig)
        con.execute(
            "UPDATE items SET soort=?, tekst=?, impact=?, horizon=?, interventie=?, "
            "interventie_eigenaar=? WHERE id=?",
            (
                it["soort"],
                it["tekst"],
                it["impact"],
                it["horizon"],
                it["interventie"],
                it["interventie_eigenaar"],
                int(item_id),
            ),
        )


def verwijder_item(path: Path | str, item_id: int) -> None:
    with _schrijf(path) as con:
        _verwijder_item(con, item_id)


def _verwijder_item(con: sqlite3.Connection, item_id: int) -> None:
    if con.execute("SELECT 1 FROM items WHERE id = ?", (int(item_id),)).fetchone() is None:
        raise OnbekendFout(f"Kans of bedreiging {item_id} bestaat niet (meer).")
    con.execute("DELETE FROM items WHERE id = ?", (int(item_id),))


def importeer_werkblad(
    path: Path | str, wijk_naam: str, koppelingen_df: pd.DataFrame, items_df: pd.DataFrame
) -> None:
    """Replace the koppelingen named in a worksheet (and their entries) in one transaction.

    ``koppelingen_df`` has opgave_a, opgave_b, niveau, toelichting; ``items_df`` has
    opgave_a, opgave_b and the item columns.
    """
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        ids: dict[tuple[int, int], int] = {}
        for rec in koppelingen_df.to_dict("records"):
            a, b = sorted((int(rec["opgave_a"]), int(rec["opgave_b"])))
            if a == b:
                raise InvoerFout(
                    "Een opgave kan niet met zichzelf gekoppeld worden.", kolom="opgave_b"
                )
            niveau = validation.niveau(rec.get("niveau"))
            toel = validation.tekst(rec.get("toelichting"), "toelichting")
            for o in (a, b):
                if not con.execute(
                    "SELECT 1 FROM opgaven WHERE id = ? AND wijk_id = ?", (o, wid)
                ).fetchone():
                    raise OnbekendFout(f"Opgave {o} bestaat niet in wijk '{wijk_naam}'.")
            row = con.execute(
                "SELECT id FROM koppelingen WHERE opgave_a = ? AND opgave_b = ?", (a, b)
            ).fetchone()
            if row:
                kid = int(row[0])
                con.execute(
                    "UPDATE koppelingen SET niveau = ?, toelichting = ? WHERE id = ?",
                    (niveau, toel, kid),
                )
                con.execute("DELETE FROM items WHERE koppeling_id = ?", (kid,))
            else:
                kid = int(
                    con.execute(
                        "INSERT INTO koppelingen "
                        "(wijk_id, opgave_a, opgave_b, niveau, toelichting) VALUES (?, ?, ?, ?, ?)",
                        (wid, a, b, niveau, toel),
                    ).lastrowid
                )
            ids[(a, b)] = kid
        for rec in items_df.to_dict("records"):
            key = tuple(sorted((int(rec["opgave_a"]), int(rec["opgave_b"]))))
            if key not in ids:
                raise InvoerFout(f"Item hoort bij paar {key} dat niet in het werkblad staat.")
            it = validation.item(rec)
            con.execute(
                "INSERT INTO items (koppeling_id, soort, tekst, impact, horizon, interventie, "
                "interventie_eigenaar) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    ids[key],
                    it["soort"],
                    it["tekst"],
                    it["impact"],
                    it["horizon"],
                    it["interventie"],
                    it["interventie_eigenaar"],
                ),
            )


# --------------------------------------------------------------------------- criteria


def criteria(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return _lees(
        path,
        "SELECT c.id, c.naam, c.vraag, c.richting, c.gewicht, c.schaal_min, c.schaal_max, "
        "c.betekenis_min, c.betekenis_max, c.volgorde FROM criteria c "
        "JOIN wijken w ON w.id = c.wijk_id WHERE w.naam = ? ORDER BY c.volgorde, c.id",
        (wijk_naam,),
    )


def _zet_criteria(
    con: sqlite3.Connection,
    wid: int,
    df: pd.DataFrame,
    *,
    verwijder_ontbrekende: bool = True,
    verwijderen: Iterable[int] = (),
) -> None:
    gezien: set[str] = set()
    rijen = []
    for i, rec in enumerate(df.to_dict("records")):
        try:
            c = validation.criterium(rec)
        except InvoerFout as e:
            raise InvoerFout(e.melding, rij=i + 1, kolom=e.kolom) from None
        if c["naam"].casefold() in gezien:
            raise DubbelFout(f"Criterium '{c['naam']}' staat er twee keer in.")
        gezien.add(c["naam"].casefold())
        rijen.append((rec.get("id"), c, i))
    bestaand = {r[0] for r in con.execute("SELECT id FROM criteria WHERE wijk_id = ?", (wid,))}
    houden = {
        int(r[0]) for r in rijen if r[0] is not None and r[0] == r[0] and int(r[0]) in bestaand
    }
    weg = (
        (bestaand - houden) if verwijder_ontbrekende else (bestaand & {int(i) for i in verwijderen})
    )
    for cid in weg:
        con.execute("DELETE FROM criteria WHERE id = ?", (cid,))
    # Rename-safe: give kept rows a temporary unique name first.
    for cid in houden:
        con.execute("UPDATE criteria SET naam = '__tmp__' || id WHERE id = ?", (cid,))
    for cid, c, volgorde in rijen:
        waarden = (
            c["naam"],
            c["vraag"],
            c["richting"],
            c["gewicht"],
            c["schaal_min"],
            c["schaal_max"],
            c["betekenis_min"],
            c["betekenis_max"],
            volgorde,
        )
        if cid is not None and cid == cid and int(cid) in houden:
            con.execute(
                "UPDATE criteria SET naam=?, vraag=?, richting=?, gewicht=?, schaal_min=?, "
                "schaal_max=?, betekenis_min=?, betekenis_max=?, volgorde=? WHERE id=?",
                (*waarden, int(cid)),
            )
        else:
            con.execute(
                "INSERT INTO criteria (naam, vraag, richting, gewicht, schaal_min, schaal_max, "
                "betekenis_min, betekenis_max, volgorde, wijk_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*waarden, wid),
            )
    buiten = con.execute(
        "SELECT c.naam, s.waarde FROM scores s JOIN criteria c ON c.id = s.criterium_id "
        "WHERE c.wijk_id = ? AND (s.waarde < c.schaal_min OR s.waarde > c.schaal_max) LIMIT 1",
        (wid,),
    ).fetchone()
    if buiten:
        raise InvoerFout(
            f"Criterium '{buiten[0]}' heeft al een score {buiten[1]} die buiten de nieuwe "
            "schaal valt. Pas de schaal of de scores aan."
        )


def _kader_versie(con: sqlite3.Connection, wid: int) -> str:
    rijen = con.execute(
        "SELECT id, naam, vraag, richting, gewicht, schaal_min, schaal_max, betekenis_min, "
        "betekenis_max, volgorde FROM criteria WHERE wijk_id = ? ORDER BY id",
        (wid,),
    ).fetchall()
    kader = con.execute("SELECT drempel, capaciteit FROM wijken WHERE id = ?", (wid,)).fetchone()
    regel = _lees_regel(con, wid)
    return hashlib.sha1(repr((rijen, kader, regel)).encode("utf-8")).hexdigest()


def kader_versie(path: Path | str, wijk_naam: str) -> str:
    """A token for the current afwegingskader (criteria, drempel, capaciteit) of a wijk."""
    con = _connect(path)
    try:
        return _kader_versie(con, _wijk_id(con, wijk_naam))
    finally:
        con.close()


def zet_afwegingskader(
    path: Path | str,
    wijk_naam: str,
    criteria_df: pd.DataFrame,
    *,
    drempel: float,
    capaciteit: int,
    verwijderen: Iterable[int] = (),
    versie: str | None = None,
    min_groepen: int | None = None,
    vereiste_groepen: Iterable[str] | str | None = None,
) -> None:
    """Save criteria, drempel, capaciteit (and the completeness rule when given) together,
    in one transaction.

    Rows with a known ``id`` are updated, rows without one added; only the ids in
    ``verwijderen`` are removed (with their scores): a criterium another laptop added meanwhile
    is never dropped because this form did not show it. With ``versie`` (from
    :func:`kader_versie` when the form was filled), the save is refused with
    :class:`GelijktijdigFout` if someone else changed the kader since.
    """
    drempel = validation.drempel(drempel)
    capaciteit = validation.capaciteit(capaciteit)
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        if versie is not None and _kader_versie(con, wid) != versie:
            raise GelijktijdigFout(
                "Iemand anders heeft het afwegingskader van deze wijk intussen gewijzigd. "
                "Uw wijzigingen zijn niet opgeslagen; het formulier toont nu de nieuwe stand."
            )
        _zet_criteria(con, wid, criteria_df, verwijder_ontbrekende=False, verwijderen=verwijderen)
        con.execute(
            "UPDATE wijken SET drempel = ?, capaciteit = ? WHERE id = ?",
            (drempel, capaciteit, wid),
        )
        _zet_regel(con, wid, min_groepen, vereiste_groepen)


def zet_criteria(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> None:
    """Replace the afwegingskader of a wijk (rows with a known ``id`` keep their scores)."""
    with _schrijf(path) as con:
        _zet_criteria(con, _wijk_id(con, wijk_naam), df)


# --------------------------------------------------------------------------- scores


def scores(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return _lees(
        path,
        "SELECT s.id, s.onderwerp_soort, s.onderwerp_id, s.criterium_id, s.waarde, s.scorer, "
        "s.groep, s.moment FROM scores s JOIN wijken w ON w.id = s.wijk_id WHERE w.naam = ? "
        "ORDER BY s.id",
        (wijk_naam,),
    )


def _id(waarde: Any, rij: int, kolom: str) -> int:
    try:
        f = float(waarde)
        if f != int(f):
            raise ValueError(waarde)
        return int(f)
    except (TypeError, ValueError, OverflowError):
        raise InvoerFout(f"'{waarde}' is geen geldig nummer.", rij=rij, kolom=kolom) from None


def voeg_scores_toe(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> int:
    """Add score rows (all or none). A scorer's new score for the same subject and criterium
    replaces the old one. Returns the number of rows written."""
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        groepen: dict[str, str] = {}
        scorers: dict[tuple[str, str], str] = {}
        for g, sc in con.execute(
            "SELECT groep, scorer FROM scores WHERE wijk_id = ? ORDER BY id", (wid,)
        ):
            groepen.setdefault(_sleutel(g), g)
            scorers.setdefault((_sleutel(g), _sleutel(sc)), sc)
        crit = {
            int(r[0]): (r[1], int(r[2]), int(r[3]))
            for r in con.execute(
                "SELECT id, naam, schaal_min, schaal_max FROM criteria WHERE wijk_id = ?", (wid,)
            )
        }
        opg = {int(r[0]) for r in con.execute("SELECT id FROM opgaven WHERE wijk_id = ?", (wid,))}
        kop = {
            int(r[0]) for r in con.execute("SELECT id FROM koppelingen WHERE wijk_id = ?", (wid,))
        }
        rows = []
        for i, rec in enumerate(df.to_dict("records")):
            rij = i + 2
            try:
                soort = validation.onderwerp_soort(rec.get("onderwerp_soort"))
            except InvoerFout as e:
                raise InvoerFout(e.melding, rij=rij, kolom=e.kolom) from None
            oid = _id(rec.get("onderwerp_id"), rij, "onderwerp_id")
            if oid not in (opg if soort == "opgave" else kop):
                raise InvoerFout(f"Onbekende {soort} {oid}.", rij=rij, kolom="onderwerp_id")
            cid = _id(rec.get("criterium_id"), rij, "criterium_id")
            if cid not in crit:
                raise InvoerFout(f"Onbekend criterium {cid}.", rij=rij, kolom="criterium_id")
            naam, lo, hi = crit[cid]
            try:
                waarde = validation.score(rec.get("waarde"), lo, hi, naam)
            except InvoerFout as e:
                raise InvoerFout(e.melding, rij=rij, kolom="waarde") from None
            scorer = validation.tekst(rec.get("scorer"), "scorer", verplicht=True, max_len=100)
            groep = validation.tekst(rec.get("groep"), "groep", verplicht=True, max_len=100)
            # "Bewoners " and "bewoners" are one group (and one scorer within it): a typo on
            # a workshop laptop must not create a group that weighs as much as the real one.
            groep = groepen.setdefault(_sleutel(groep), " ".join(groep.split()))
            scorer = scorers.setdefault(
                (_sleutel(groep), _sleutel(scorer)), " ".join(scorer.split())
            )
            ruw_moment = rec.get("moment")
            moment = date.today().isoformat() if validation.leeg(ruw_moment) else str(ruw_moment)
            rows.append((wid, soort, oid, cid, waarde, scorer, groep, moment))
        # Within one batch, too, a scorer's later row for the same cell replaces the earlier.
        laatste = {(r[1], r[2], r[3], r[5], r[6]): r for r in rows}
        rows = list(laatste.values())
        for r in rows:
            con.execute(
                "DELETE FROM scores WHERE wijk_id = ? AND onderwerp_soort = ? AND "
                "onderwerp_id = ? AND criterium_id = ? AND scorer = ? AND groep = ?",
                (r[0], r[1], r[2], r[3], r[5], r[6]),
            )
        con.executemany(
            "INSERT INTO scores (wijk_id, onderwerp_soort, onderwerp_id, criterium_id, waarde, "
            "scorer, groep, moment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return len(rows)


# --------------------------------------------------------------------------- besluiten


def besluiten(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    df = _lees(
        path,
        "SELECT b.id, b.onderwerp_soort, b.onderwerp_id, b.besluit, b.redenering, b.datum, "
        "b.door, b.maakt_of_breekt FROM besluiten b JOIN wijken w ON w.id = b.wijk_id "
        "WHERE w.naam = ? ORDER BY b.id",
        (wijk_naam,),
    )
    df["maakt_of_breekt"] = df["maakt_of_breekt"].astype(bool)
    return df


def leg_besluit_vast(
    path: Path | str,
    wijk_naam: str,
    onderwerp_soort: str,
    onderwerp_id: int,
    besluit: str,
    redenering: str,
    door: str = "",
    datum: str | None = None,
    maakt_of_breekt: bool = False,
) -> int:
    """Record a decision. Earlier decisions stay in the log; the newest one counts."""
    soort = validation.onderwerp_soort(onderwerp_soort)
    b = validation.besluit(besluit)
    reden = validation.tekst(redenering, "redenering", verplicht=True)
    door = validation.tekst(door, "door", max_len=100)
    with _schrijf(path) as con:
        wid = _wijk_id(con, wijk_naam)
        tabel = "opgaven" if soort == "opgave" else "koppelingen"
        if not con.execute(
            f"SELECT 1 FROM {tabel} WHERE id = ? AND wijk_id = ?", (int(onderwerp_id), wid)
        ).fetchone():
            raise OnbekendFout(f"Onbekende {soort} {onderwerp_id} in wijk '{wijk_naam}'.")
        cur = con.execute(
            "INSERT INTO besluiten (wijk_id, onderwerp_soort, onderwerp_id, besluit, redenering, "
            "datum, door, maakt_of_breekt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                wid,
                soort,
                int(onderwerp_id),
                b,
                reden,
                datum or date.today().isoformat(),
                door,
                int(maakt_of_breekt),
            ),
        )
        return int(cur.lastrowid)


# --------------------------------------------------------------------------- CBS key figures
# Schema version 2 adds these two tables (created on opening an older file; nothing else
# changes). ``cbs_regios`` links a wijk to its CBS region (a wijk code, or a buurt code when
# the wijk is a CBS buurt); ``cbs_cijfers`` holds one figure per region, source table,
# subject and period. A figure that StatLine marks as missing is stored as NULL, never 0.

_SCHEMA_CBS = """
CREATE TABLE IF NOT EXISTS cbs_regios (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL UNIQUE REFERENCES wijken(id) ON DELETE CASCADE,
    regiocode TEXT NOT NULL,
    regionaam TEXT NOT NULL DEFAULT '',
    gemeentecode TEXT NOT NULL DEFAULT '',
    gekoppeld_via TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS cbs_cijfers (
    id INTEGER PRIMARY KEY,
    regiocode TEXT NOT NULL,
    regionaam TEXT NOT NULL DEFAULT '',
    niveau TEXT NOT NULL,
    onderwerp TEXT NOT NULL,
    eenheid TEXT NOT NULL DEFAULT '',
    periode TEXT NOT NULL,
    waarde REAL,
    bron_tabel TEXT NOT NULL,
    bron_bestand TEXT NOT NULL DEFAULT '',
    importdatum TEXT NOT NULL,
    UNIQUE (regiocode, bron_tabel, onderwerp, periode)
);
CREATE INDEX IF NOT EXISTS cbs_cijfers_regio ON cbs_cijfers (regiocode);
"""

_CBS_KOLOMMEN = [
    "regiocode",
    "regionaam",
    "niveau",
    "onderwerp",
    "eenheid",
    "periode",
    "waarde",
    "bron_tabel",
    "bron_bestand",
    "importdatum",
]


def cbs_regios(path: Path | str) -> pd.DataFrame:
    """Per linked wijk: wijk (name), regiocode, regionaam, gemeentecode, gekoppeld_via."""
    return _lees(
        path,
        "SELECT w.naam AS wijk, r.regiocode, r.regionaam, r.gemeentecode, r.gekoppeld_via "
        "FROM cbs_regios r JOIN wijken w ON w.id = r.wijk_id ORDER BY w.naam",
    )


def cbs_cijfers(path: Path | str, regiocodes: Iterable[str]) -> pd.DataFrame:
    """All stored figures of these regions (``waarde`` NaN where CBS has no figure)."""
    codes = sorted({str(c) for c in regiocodes})
    if not codes:
        return pd.DataFrame(columns=["id", *_CBS_KOLOMMEN])
    vraag = ",".join("?" * len(codes))
    return _lees(
        path,
        f"SELECT id, {', '.join(_CBS_KOLOMMEN)} FROM cbs_cijfers WHERE regiocode IN ({vraag}) "
        "ORDER BY regiocode, onderwerp, periode",
        codes,
    )


def zet_cbs_regio(
    path: Path | str,
    wijk_naam: str,
    regiocode: str,
    *,
    regionaam: str = "",
    gemeentecode: str = "",
    gekoppeld_via: str = "handmatig",
) -> None:
    """Link a wijk to a CBS region code (replaces an earlier link of that wijk)."""
    with _schrijf(path) as con:
        _zet_cbs_regio(
            con, _wijk_id(con, wijk_naam), regiocode, regionaam, gemeentecode, gekoppeld_via
        )


def _zet_cbs_regio(
    con: sqlite3.Connection,
    wid: int,
    regiocode: str,
    regionaam: str,
    gemeentecode: str,
    gekoppeld_via: str,
) -> None:
    con.execute(
        "INSERT INTO cbs_regios (wijk_id, regiocode, regionaam, gemeentecode, gekoppeld_via) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (wijk_id) DO UPDATE SET "
        "regiocode = excluded.regiocode, regionaam = excluded.regionaam, "
        "gemeentecode = excluded.gemeentecode, gekoppeld_via = excluded.gekoppeld_via",
        (wid, regiocode, regionaam, gemeentecode, gekoppeld_via),
    )


def _zelfde_waarde(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def importeer_cbs(
    path: Path | str,
    regios: pd.DataFrame,
    cijfers: pd.DataFrame,
    *,
    vervang: bool = False,
) -> dict[str, Any]:
    """Store CBS links and figures in one transaction: all of it, or nothing.

    ``regios`` has wijk, regiocode, regionaam, gemeentecode, gekoppeld_via; ``cijfers`` has
    the columns of :func:`cbs_cijfers` (without id). A figure already stored for the same
    region, table, subject and period is left alone when equal; when it differs the import is
    refused (nothing written) unless ``vervang`` is true. A new period is simply added.
    Returns counts: ``nieuw``, ``al_aanwezig``, ``vervangen`` and the ``conflicten`` seen.
    """
    with _schrijf(path) as con:
        for rec in regios.to_dict("records"):
            _zet_cbs_regio(
                con,
                _wijk_id(con, rec["wijk"]),
                str(rec["regiocode"]),
                str(rec.get("regionaam") or ""),
                str(rec.get("gemeentecode") or ""),
                str(rec.get("gekoppeld_via") or ""),
            )
        nieuw = gelijk = 0
        conflicten: list[dict[str, Any]] = []
        rijen = []
        for rec in cijfers.to_dict("records"):
            w = rec.get("waarde")
            waarde = None if w is None or (isinstance(w, float) and math.isnan(w)) else float(w)
            sleutel = (rec["regiocode"], rec["bron_tabel"], rec["onderwerp"], rec["periode"])
            oud = con.execute(
                "SELECT id, waarde FROM cbs_cijfers WHERE regiocode = ? AND bron_tabel = ? "
                "AND onderwerp = ? AND periode = ?",
                sleutel,
            ).fetchone()
            if oud is not None and _zelfde_waarde(oud[1], waarde):
                gelijk += 1
                continue
            if oud is not None:
                conflicten.append(
                    {
                        "regiocode": rec["regiocode"],
                        "onderwerp": rec["onderwerp"],
                        "periode": rec["periode"],
                        "oud": oud[1],
                        "nieuw": waarde,
                    }
                )
            rijen.append((oud[0] if oud else None, rec, waarde))
        if conflicten and not vervang:
            c = conflicten[0]
            raise InvoerFout(
                f"{len(conflicten)} cijfer(s) staan er al met een andere waarde, bijvoorbeeld "
                f"'{c['onderwerp']}' van {c['regiocode']} over {c['periode']}: opgeslagen "
                f"{c['oud']}, in dit bestand {c['nieuw']}. Er is niets opgeslagen. Importeer "
                "met 'vervangen' aan als het bestand de gecorrigeerde cijfers bevat."
            )
        for oud_id, rec, waarde in rijen:
            waarden = (
                rec["regiocode"],
                rec.get("regionaam") or "",
                rec["niveau"],
                rec["onderwerp"],
                rec.get("eenheid") or "",
                rec["periode"],
                waarde,
                rec["bron_tabel"],
                rec.get("bron_bestand") or "",
                rec["importdatum"],
            )
            if oud_id is None:
                con.execute(
                    f"INSERT INTO cbs_cijfers ({', '.join(_CBS_KOLOMMEN)}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    waarden,
                )
                nieuw += 1
            else:
                con.execute(
                    f"UPDATE cbs_cijfers SET {', '.join(k + ' = ?' for k in _CBS_KOLOMMEN)} "
                    "WHERE id = ?",
                    (*waarden, oud_id),
                )
        return {
            "nieuw": nieuw,
            "al_aanwezig": gelijk,
            "vervangen": len(conflicten),
            "conflicten": conflicten,
        }


def cbs_profielcijfers(
    path: Path | str, wijk_naam: str, gemeente_namen: Iterable[str] = ()
) -> pd.DataFrame:
    """The figures for a wijk's profile, with ``rol`` wijk, gemeente or land.

    The wijk's own region if it is linked; its gemeente by code when linked, otherwise by
    name (the wijk's gemeente or one of ``gemeente_namen``, such as CBS's own spelling); and
    the country (NL) where a file had it.
    """
    _bestaat(path)
    con = _connect(path)
    try:
        wid = _wijk_id(con, wijk_naam)
        namen = [con.execute("SELECT gemeente FROM wijken WHERE id = ?", (wid,)).fetchone()[0]]
    finally:
        con.close()
    namen = sorted({n.casefold() for n in [*namen, *gemeente_namen] if n})
    vraag = ",".join("?" * len(namen)) or "NULL"
    kolommen = ", ".join(f"c.{k}" for k in _CBS_KOLOMMEN)
    return _lees(
        path,
        f"SELECT {kolommen}, CASE WHEN c.regiocode = r.regiocode THEN 'wijk' "
        "WHEN c.niveau = 'land' THEN 'land' ELSE 'gemeente' END AS rol "
        "FROM cbs_cijfers c JOIN wijken w ON w.id = ? "
        "LEFT JOIN cbs_regios r ON r.wijk_id = w.id "
        "WHERE c.regiocode = r.regiocode OR c.regiocode = r.gemeentecode OR c.niveau = 'land' "
        "OR (c.niveau = 'gemeente' AND coalesce(r.gemeentecode, '') = '' "
        f"AND lower(c.regionaam) IN ({vraag})) "
        "ORDER BY c.onderwerp, c.periode",
        (wid, *namen),
    )


# --------------------------------------------------------------------------- history, undo and
# the completeness rule
# Tables added after schema version 1: created (idempotently) whenever a workspace is opened,
# so older workspaces get them too. Kept together here.

_SCHEMA_EXTRA = {
    "historie": """
CREATE TABLE IF NOT EXISTS historie (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER REFERENCES wijken(id) ON DELETE CASCADE,
    moment TEXT NOT NULL,
    wie TEXT NOT NULL DEFAULT '',
    wat TEXT NOT NULL,
    is_ongedaan_maken INTEGER NOT NULL DEFAULT 0,
    ongedaan_door INTEGER
);
CREATE INDEX IF NOT EXISTS historie_wijk ON historie (wijk_id, id);""",
    "historie_rijen": """
CREATE TABLE IF NOT EXISTS historie_rijen (
    id INTEGER PRIMARY KEY,
    wijziging_id INTEGER REFERENCES historie(id) ON DELETE CASCADE,
    tabel TEXT NOT NULL,
    rij_id INTEGER NOT NULL,
    wijk_id INTEGER,
    voor TEXT,
    na TEXT
);
CREATE INDEX IF NOT EXISTS historie_rijen_wijziging ON historie_rijen (wijziging_id);""",
    "kader_regels": """
CREATE TABLE IF NOT EXISTS kader_regels (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL UNIQUE REFERENCES wijken(id) ON DELETE CASCADE,
    min_groepen INTEGER NOT NULL DEFAULT 1 CHECK (min_groepen >= 1),
    vereiste_groepen TEXT NOT NULL DEFAULT '[]'
);""",
}


def _maak_extra_tabellen(con: sqlite3.Connection) -> None:
    """Create the tables and history triggers this version needs, if missing (idempotent)."""
    aanwezig = {
        r[0]: r[1]
        for r in con.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'trigger')"
        ).fetchall()
    }
    ontbrekend = [sql for naam, sql in _SCHEMA_EXTRA.items() if naam not in aanwezig]
    if ontbrekend:
        con.executescript("BEGIN IMMEDIATE;" + "".join(ontbrekend) + "COMMIT;")
    triggers = _historie_triggers(con)
    oud = [n for n, t in aanwezig.items() if t == "trigger" and n.startswith("hist_")]
    weg = [n for n in oud if n not in triggers]
    nieuw = [sql for naam, sql in triggers.items() if naam not in aanwezig]
    if weg or nieuw:
        con.executescript(
            "BEGIN IMMEDIATE;"
            + "".join(f"DROP TRIGGER IF EXISTS {n};" for n in weg)
            + "".join(nieuw)
            + "COMMIT;"
        )


# --------------------------------------------------------------------------- history & undo
# Every write transaction records, through triggers, each row it adds, changes or removes
# (also rows removed by a cascade) in historie_rijen; _sluit_historie turns them into one
# entry per wijk in historie (who, when, what, with before and after per row). Undo applies
# the rows of the newest entry backwards, in one transaction.

# Tables whose rows are kept in the history, in the order a change is described.
_HISTORIE_TABELLEN = (
    "wijken",
    "kader_regels",
    "criteria",
    "opgaven",
    "koppelingen",
    "items",
    "besluiten",
    "scores",
)
_TABEL_WOORDEN = {
    "wijken": ("drempel en capaciteit", "drempel en capaciteit"),
    "kader_regels": ("volledigheidsregel", "volledigheidsregels"),
    "criteria": ("criterium", "criteria"),
    "opgaven": ("opgave", "opgaven"),
    "koppelingen": ("koppeling", "koppelingen"),
    "items": ("kans/bedreiging", "kansen/bedreigingen"),
    "besluiten": ("besluit", "besluiten"),
    "scores": ("score", "scores"),
}
_ACTIES = {"i": "toegevoegd", "u": "gewijzigd", "d": "verwijderd"}

_gebruiker: ContextVar[str | None] = ContextVar("wijkanalyse_gebruiker", default=None)
_moment: ContextVar[str | None] = ContextVar("wijkanalyse_moment", default=None)


def zet_gebruiker(naam: str | None) -> None:
    """Who makes the next changes (shown in the history); None: the system user."""
    _gebruiker.set(naam.strip() if naam and naam.strip() else None)


@contextmanager
def namens(wie: str, moment: str | None = None) -> Iterator[None]:
    """Changes inside this block are recorded as made by ``wie`` (at ``moment``, an ISO
    timestamp, when given: the demo uses a fixed one so it is built the same every time)."""
    t1, t2 = _gebruiker.set(wie), _moment.set(moment)
    try:
        yield
    finally:
        _gebruiker.reset(t1)
        _moment.reset(t2)


def huidige_gebruiker() -> str:
    naam = _gebruiker.get() or os.environ.get("WIJKANALYSE_GEBRUIKER", "")
    if not naam:
        try:
            naam = getpass.getuser()
        except (KeyError, OSError):  # no user name on this system
            naam = ""
    return naam or "onbekend"


def _historie_triggers(con: sqlite3.Connection) -> dict[str, str]:
    """Trigger name -> CREATE statement, one set per table; the name carries a hash of the
    columns so a table that gains a column gets fresh triggers."""
    uit: dict[str, str] = {}
    for tabel in _HISTORIE_TABELLEN:
        kolommen = [r[1] for r in con.execute(f"PRAGMA table_info({tabel})").fetchall()]
        if not kolommen:
            continue
        teken = hashlib.sha1(",".join(kolommen).encode()).hexdigest()[:8]

        def obj(rij: str, kolommen: list[str] = kolommen) -> str:
            return "json_object(" + ", ".join(f"'{k}', {rij}.{k}" for k in kolommen) + ")"

        def wijk(rij: str, tabel: str = tabel) -> str:
            if tabel == "wijken":
                return f"{rij}.id"
            if tabel == "items":
                return f"(SELECT wijk_id FROM koppelingen WHERE id = {rij}.koppeling_id)"
            return f"{rij}.wijk_id"

        veranderd = " OR ".join(f"OLD.{k} IS NOT NEW.{k}" for k in kolommen)
        kop = "INSERT INTO historie_rijen (tabel, rij_id, wijk_id, voor, na) VALUES"
        if tabel != "wijken":  # a new wijk is not undone; its kader changes are
            uit[f"hist_{tabel}_i_{teken}"] = (
                f"CREATE TRIGGER IF NOT EXISTS hist_{tabel}_i_{teken} AFTER INSERT ON {tabel} "
                f"BEGIN {kop} ('{tabel}', NEW.id, {wijk('NEW')}, NULL, {obj('NEW')}); END;"
            )
            uit[f"hist_{tabel}_d_{teken}"] = (
                f"CREATE TRIGGER IF NOT EXISTS hist_{tabel}_d_{teken} AFTER DELETE ON {tabel} "
                f"BEGIN {kop} ('{tabel}', OLD.id, {wijk('OLD')}, {obj('OLD')}, NULL); END;"
            )
        uit[f"hist_{tabel}_u_{teken}"] = (
            f"CREATE TRIGGER IF NOT EXISTS hist_{tabel}_u_{teken} AFTER UPDATE ON {tabel} "
            f"WHEN {veranderd} "
            f"BEGIN {kop} ('{tabel}', NEW.id, {wijk('NEW')}, {obj('OLD')}, {obj('NEW')}); END;"
        )
    return uit


def _actie(voor: str | None, na: str | None) -> str:
    return "i" if voor is None else "d" if na is None else "u"


def _naam_van(tabel: str, rij: dict[str, Any], titels: dict[int, str]) -> str:
    if tabel == "opgaven" or tabel == "criteria":
        return str(rij.get("titel") or rij.get("naam") or "")
    if tabel == "koppelingen":
        a, b = rij.get("opgave_a"), rij.get("opgave_b")
        return f"{titels.get(a, f'opgave {a}')} × {titels.get(b, f'opgave {b}')}"
    if tabel == "items":
        t = str(rij.get("tekst") or "")
        return t if len(t) <= 60 else t[:57] + "..."
    return ""


def _beschrijf(
    con: sqlite3.Connection, rijen: list[tuple[str, int, str | None, str | None]]
) -> str:
    """One Dutch sentence for a set of row changes, e.g. "Opgave 'Warmtenet' verwijderd,
    ook 1 koppeling, 4 kansen/bedreigingen en 42 scores"."""
    titels = {int(i): str(t) for i, t in con.execute("SELECT id, titel FROM opgaven")}
    for tabel, _rid, voor, na in rijen:
        if tabel == "opgaven":
            rij = json.loads(voor or na or "{}")
            titels.setdefault(int(rij.get("id", 0)), str(rij.get("titel", "")))
    tel: dict[tuple[str, str], list[tuple[str | None, str | None]]] = {}
    for tabel, _rid, voor, na in rijen:
        tel.setdefault((tabel, _actie(voor, na)), []).append((voor, na))
    volgorde = sorted(tel, key=lambda k: (_HISTORIE_TABELLEN.index(k[0]), "iud".index(k[1])))
    hoofd_tabel = volgorde[0][0]
    hoofd = [k for k in volgorde if k[0] == hoofd_tabel]
    rest = [k for k in volgorde if k[0] != hoofd_tabel]
    delen = []
    for tabel, actie in hoofd:
        lijst = tel[(tabel, actie)]
        een, meer = _TABEL_WOORDEN[tabel]
        if tabel == "wijken":
            oud, nieuw = json.loads(lijst[0][0] or "{}"), json.loads(lijst[0][1] or "{}")
            stukken = [
                f"{k} {oud.get(k)} → {nieuw.get(k)}"
                for k in ("drempel", "capaciteit")
                if oud.get(k) != nieuw.get(k)
            ]
            delen.append("Kader gewijzigd: " + ", ".join(stukken))
            continue
        if len(lijst) == 1:
            voor, na = lijst[0]
            rij = json.loads(voor or na or "{}")
            naam = _naam_van(tabel, rij, titels)
            tekst = f"{een.capitalize()} '{naam}'" if naam else een.capitalize()
            tekst += f" {_ACTIES[actie]}"
            if actie == "u":
                oud, nieuw = json.loads(voor or "{}"), json.loads(na or "{}")
                velden = [KOLOM_LABELS.get(k, k) for k in nieuw if oud.get(k) != nieuw.get(k)]
                tekst += f" ({', '.join(velden)})"
        else:
            tekst = f"{len(lijst)} {meer} {_ACTIES[actie]}"
        delen.append(tekst if not delen else tekst[0].lower() + tekst[1:])
    zin = " en ".join(delen)
    hoofd_actie = hoofd[0][1]
    if rest:
        ook = []
        for tabel, actie in rest:
            n = len(tel[(tabel, actie)])
            een, meer = _TABEL_WOORDEN[tabel]
            stuk = f"{n} {een if n == 1 else meer}"
            if actie != hoofd_actie:
                stuk += f" {_ACTIES[actie]}"
            ook.append(stuk)
        zin += ", ook " + (ook[0] if len(ook) == 1 else ", ".join(ook[:-1]) + " en " + ook[-1])
    return zin


def _sluit_historie(con: sqlite3.Connection, opties: dict[str, Any]) -> None:
    """Turn this transaction's recorded rows into history entries (one per wijk)."""
    try:
        rijen = con.execute(
            "SELECT id, tabel, rij_id, wijk_id, voor, na FROM historie_rijen "
            "WHERE wijziging_id IS NULL ORDER BY id"
        ).fetchall()
    except sqlite3.OperationalError:  # a workspace without the history tables
        return
    if not rijen:
        return
    per_wijk: dict[int | None, list[tuple]] = {}
    standaard_wijk = next((r[3] for r in rijen if r[3] is not None), None)
    for r in rijen:
        per_wijk.setdefault(r[3] if r[3] is not None else standaard_wijk, []).append(r)
    moment = _moment.get() or datetime.now().isoformat(timespec="seconds")
    for wid, lijst in per_wijk.items():
        wat = opties.get("wat") or _beschrijf(con, [(r[1], r[2], r[4], r[5]) for r in lijst])
        cur = con.execute(
            "INSERT INTO historie (wijk_id, moment, wie, wat, is_ongedaan_maken) "
            "VALUES (?, ?, ?, ?, ?)",
            (wid, moment, huidige_gebruiker(), wat, int(bool(opties.get("ongedaan_van")))),
        )
        nieuw_id = int(cur.lastrowid)
        con.executemany(
            "UPDATE historie_rijen SET wijziging_id = ? WHERE id = ?",
            [(nieuw_id, r[0]) for r in lijst],
        )
        if opties.get("ongedaan_van"):
            con.execute(
                "UPDATE historie SET ongedaan_door = ? WHERE id = ?",
                (nieuw_id, int(opties["ongedaan_van"])),
            )


def historie(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    """The history of a wijk, newest first: id, moment, wie, wat, ongedaan (bool: this change
    was undone later), is_ongedaan_maken (bool: this entry is an undo), voor and na (short
    Dutch summaries of what changed)."""
    con = _connect(path)
    try:
        wid = _wijk_id(con, wijk_naam)
        try:
            kop = con.execute(
                "SELECT id, moment, wie, wat, ongedaan_door IS NOT NULL, is_ongedaan_maken "
                "FROM historie WHERE wijk_id = ? ORDER BY id DESC",
                (wid,),
            ).fetchall()
            rijen = con.execute(
                "SELECT r.wijziging_id, r.tabel, r.voor, r.na FROM historie_rijen r "
                "JOIN historie h ON h.id = r.wijziging_id WHERE h.wijk_id = ? ORDER BY r.id",
                (wid,),
            ).fetchall()
        except sqlite3.OperationalError:
            kop, rijen = [], []
    finally:
        con.close()
    samen: dict[int, list[tuple]] = {}
    for r in rijen:
        samen.setdefault(int(r[0]), []).append(r[1:])
    data = []
    for hid, moment, wie, wat, ongedaan, is_undo in kop:
        voor, na = _voor_na(samen.get(int(hid), []))
        data.append(
            {
                "id": int(hid),
                "moment": moment,
                "wie": wie,
                "wat": wat,
                "ongedaan": bool(ongedaan),
                "is_ongedaan_maken": bool(is_undo),
                "voor": voor,
                "na": na,
            }
        )
    kolommen = ["id", "moment", "wie", "wat", "ongedaan", "is_ongedaan_maken", "voor", "na"]
    return pd.DataFrame(data, columns=kolommen)


def _voor_na(rijen: list[tuple[str, str | None, str | None]]) -> tuple[str, str]:
    """Short before/after texts: the changed fields of the first few rows."""
    voor_delen: list[str] = []
    na_delen: list[str] = []
    for _tabel, voor, na in rijen[:3]:
        oud = json.loads(voor) if voor else None
        nieuw = json.loads(na) if na else None
        sleutels = [
            k
            for k in (nieuw or oud or {})
            if k not in ("id", "wijk_id", "titel_sleutel")
            and (oud is None or nieuw is None or oud.get(k) != nieuw.get(k))
        ]

        def tekst(rij: dict[str, Any] | None, sleutels: list[str] = sleutels) -> str:
            if rij is None:
                return "(bestond niet)"
            return "; ".join(
                f"{KOLOM_LABELS.get(k, k)}: {rij.get(k)}" for k in sleutels if rij.get(k) != ""
            )

        voor_delen.append(tekst(oud))
        na_delen.append(tekst(nieuw) if nieuw is not None else "(verwijderd)")
    if len(rijen) > 3:
        voor_delen.append(f"… en {len(rijen) - 3} rijen meer")
        na_delen.append(f"… en {len(rijen) - 3} rijen meer")
    return " | ".join(voor_delen), " | ".join(na_delen)


def maak_ongedaan(path: Path | str, wijk_naam: str) -> str:
    """Undo the newest change in this wijk that is not undone yet; returns what was undone.

    Works across restarts (the history is in the workspace). The undo is itself one entry
    in the history. Raises :class:`WijkanalyseFout` when there is nothing left to undo.
    """
    con = _connect(path)
    try:
        wid = _wijk_id(con, wijk_naam)
        rij = con.execute(
            "SELECT id, wat FROM historie WHERE wijk_id = ? AND ongedaan_door IS NULL "
            "AND is_ongedaan_maken = 0 ORDER BY id DESC LIMIT 1",
            (wid,),
        ).fetchone()
    finally:
        con.close()
    if rij is None:
        raise WijkanalyseFout("Er is niets (meer) om ongedaan te maken in deze wijk.")
    hid, wat = int(rij[0]), str(rij[1])
    with _schrijf(path, historie={"wat": f"Ongedaan gemaakt: {wat}", "ongedaan_van": hid}) as con:
        nog = con.execute("SELECT ongedaan_door FROM historie WHERE id = ?", (hid,)).fetchone()
        if nog is None or nog[0] is not None:
            raise GelijktijdigFout("Iemand anders heeft deze wijziging net ongedaan gemaakt.")
        con.execute("PRAGMA defer_foreign_keys = ON")
        for tabel, rij_id, voor, na in con.execute(
            "SELECT tabel, rij_id, voor, na FROM historie_rijen WHERE wijziging_id = ? "
            "ORDER BY id DESC",
            (hid,),
        ).fetchall():
            if tabel not in _HISTORIE_TABELLEN:
                continue
            if voor is None:
                con.execute(f"DELETE FROM {tabel} WHERE id = ?", (rij_id,))
                continue
            oud = json.loads(voor)
            kolommen = list(oud)
            if na is None:
                con.execute(
                    f"INSERT INTO {tabel} ({', '.join(kolommen)}) "
                    f"VALUES ({', '.join('?' for _ in kolommen)})",
                    [oud[k] for k in kolommen],
                )
            else:
                con.execute(
                    f"UPDATE {tabel} SET {', '.join(f'{k} = ?' for k in kolommen)} WHERE id = ?",
                    [*(oud[k] for k in kolommen), rij_id],
                )
    return wat


def gevolgen_van_verwijderen(path: Path | str, soort: str, ident: int) -> str:
    """What deleting an opgave, koppeling or item would take with it, as a Dutch question,
    found by doing the delete in a transaction that is rolled back (so it is exact), e.g.
    "Opgave 'Warmtenet' verwijderen? Dan gaan ook 1 koppeling, 4 kansen/bedreigingen en
    42 scores weg."
    """
    doe = {"opgave": _verwijder_opgave, "koppeling": _verwijder_koppeling, "item": _verwijder_item}
    if soort not in doe:
        raise InvoerFout(f"'{soort}' kan hier niet verwijderd worden.", kolom="soort")
    _bestaat(path)
    con = _connect(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            doe[soort](con, ident)
            rijen = con.execute(
                "SELECT tabel, rij_id, voor, na FROM historie_rijen WHERE wijziging_id IS NULL "
                "ORDER BY id"
            ).fetchall()
            zin = _beschrijf(con, rijen) if rijen else ""
        finally:
            con.execute("ROLLBACK")
    finally:
        con.close()
    if not zin:
        return "Verwijderen?"
    hoofd, _, ook = zin.partition(", ook ")
    vraag = hoofd.replace(" verwijderd", " verwijderen") + "?"
    if ook:
        vraag += f" Dan gaan ook {ook} weg."
    return vraag


def _lees_regel(con: sqlite3.Connection, wid: int) -> dict[str, Any]:
    """The completeness rule of a wijk; the defaults when none was set (or the table is new)."""
    try:
        rij = con.execute(
            "SELECT min_groepen, vereiste_groepen FROM kader_regels WHERE wijk_id = ?", (wid,)
        ).fetchone()
    except sqlite3.OperationalError:  # a workspace that was never opened by this version
        rij = None
    if rij is None:
        return {
            "min_groepen": standaard.MIN_GROEPEN,
            "vereiste_groepen": list(standaard.VEREISTE_GROEPEN),
        }
    return {"min_groepen": int(rij[0]), "vereiste_groepen": list(json.loads(rij[1]))}


def _zet_regel(
    con: sqlite3.Connection,
    wid: int,
    min_groepen: int | None,
    vereiste_groepen: Iterable[str] | str | None,
) -> None:
    """Store the completeness rule; a part given as None keeps its current value."""
    if min_groepen is None and vereiste_groepen is None:
        return
    huidig = _lees_regel(con, wid)
    m = huidig["min_groepen"] if min_groepen is None else validation.min_groepen(min_groepen)
    g = (
        huidig["vereiste_groepen"]
        if vereiste_groepen is None
        else list(validation.groepen_lijst(vereiste_groepen))
    )
    con.execute(_SCHEMA_EXTRA["kader_regels"])  # a no-op unless the workspace predates it
    con.execute(
        "INSERT INTO kader_regels (wijk_id, min_groepen, vereiste_groepen) VALUES (?, ?, ?) "
        "ON CONFLICT (wijk_id) DO UPDATE SET min_groepen = excluded.min_groepen, "
        "vereiste_groepen = excluded.vereiste_groepen",
        (wid, m, json.dumps(g, ensure_ascii=False)),
    )
