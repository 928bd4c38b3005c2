"""Scores: read, and add (all rows or none; a scorer's new score replaces the old one).

A score given in a werksessie belongs to its participant (``deelnemer_id``) and round
(``ronde_id``): nothing added here ever replaces or renames such a row, whatever its name."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core import validation
from ..core.errors import InvoerFout
from ..databank import dialect
from ..databank.journaal import beschrijf_veel_scores
from .opgaven import titel_sleutel
from .verbinding import lees, schrijf, wijk_id_van


def scores(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return lees(
        path,
        "SELECT s.id, s.onderwerp_soort, s.onderwerp_id, s.criterium_id, s.waarde, s.scorer, "
        "s.groep, s.moment, s.ronde_id, s.deelnemer_id FROM scores s "
        "JOIN wijken w ON w.id = s.wijk_id WHERE w.naam = ? ORDER BY s.id",
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


def _spellingen(
    con: sqlite3.Connection, wid: int, *, ook_deelnemers: bool
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The stored spelling of each group (by :func:`titel_sleutel`) and of each scorer within
    its group, the first stored one winning; ``ook_deelnemers``: also a werksessie
    participant's scores."""
    sql = (
        "SELECT groep, scorer FROM scores WHERE wijk_id = ? GROUP BY groep, scorer ORDER BY min(id)"
        if ook_deelnemers
        else "SELECT groep, scorer FROM scores WHERE wijk_id = ? AND deelnemer_id IS NULL "
        "ORDER BY id"
    )
    groepen: dict[str, str] = {}
    scorers: dict[tuple[str, str], str] = {}
    for g, sc in con.execute(sql, (wid,)):
        groepen.setdefault(titel_sleutel(g), g)
        scorers.setdefault((titel_sleutel(g), titel_sleutel(sc)), sc)
    return groepen, scorers


def _criteria(con: sqlite3.Connection, wid: int) -> dict[int, tuple[str, int, int]]:
    """The wijk's criteria: id -> (naam, schaal_min, schaal_max)."""
    return {
        int(r[0]): (r[1], int(r[2]), int(r[3]))
        for r in con.execute(
            "SELECT id, naam, schaal_min, schaal_max FROM criteria WHERE wijk_id = ?", (wid,)
        )
    }


def _onderwerpen(con: sqlite3.Connection, wid: int) -> dict[str, set[int]]:
    """The ids a score may be about, per onderwerp_soort."""
    return {
        "opgave": {
            int(r[0]) for r in con.execute("SELECT id FROM opgaven WHERE wijk_id = ?", (wid,))
        },
        "koppeling": {
            int(r[0]) for r in con.execute("SELECT id FROM koppelingen WHERE wijk_id = ?", (wid,))
        },
    }


def voeg_scores_toe(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> int:
    """Add score rows (all or none). A scorer's new score for the same subject and criterium
    replaces the old one, never a werksessie participant's. Returns the number of rows
    written."""
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        groepen, scorers = _spellingen(con, wid, ook_deelnemers=False)
        crit = _criteria(con, wid)
        bekend = _onderwerpen(con, wid)
        rows = []
        for i, rec in enumerate(df.to_dict("records")):
            rij = i + 2
            try:
                soort = validation.onderwerp_soort(rec.get("onderwerp_soort"))
            except InvoerFout as e:
                raise InvoerFout(e.melding, rij=rij, kolom=e.kolom) from None
            oid = _id(rec.get("onderwerp_id"), rij, "onderwerp_id")
            if oid not in bekend[soort]:
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
            groep = groepen.setdefault(titel_sleutel(groep), " ".join(groep.split()))
            scorer = scorers.setdefault(
                (titel_sleutel(groep), titel_sleutel(scorer)), " ".join(scorer.split())
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
                "onderwerp_id = ? AND criterium_id = ? AND scorer = ? AND groep = ? "
                "AND deelnemer_id IS NULL",
                (r[0], r[1], r[2], r[3], r[5], r[6]),
            )
        con.executemany(
            "INSERT INTO scores (wijk_id, onderwerp_soort, onderwerp_id, criterium_id, waarde, "
            "scorer, groep, moment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return len(rows)


class _Paren(list):
    """Two columns as one list of pairs, which :func:`_per_waarde_snel` can also read as
    the two columns they are."""

    def __init__(self, a: list[Any], b: list[Any]) -> None:
        super().__init__(zip(a, b, strict=True))
        self.kolommen = (a, b)


def _per_waarde_snel(waarden: list[Any], regel: Any) -> list[Any] | None:
    """:func:`voeg_veel_scores_toe`'s ``per_waarde`` through pandas' factorize, for columns of
    one type each (text or whole numbers, as a preview gives them): the distinct values (or
    pairs) are found in C, in the order they first occur, so the first refused one is the
    first refused row, as row by row. None for anything else (mixed types, empty cells):
    then row by row, where 1 and 1.0 or None and NaN stay apart as before."""
    kolommen = waarden.kolommen if isinstance(waarden, _Paren) else (waarden,)
    if not waarden or any(set(map(type, k)) not in ({str}, {int}) for k in kolommen):
        return None
    codes = np.zeros(len(waarden), dtype=np.int64)
    for k in kolommen:
        c, uniek = pd.factorize(np.asarray(k, dtype=object))
        codes = codes * len(uniek) + c
    codes, _ = pd.factorize(codes)  # numbered in the order they first occur
    eerste = np.unique(codes, return_index=True)[1].tolist()
    uitkomst = []
    for i in eerste:
        try:
            uitkomst.append(regel(waarden[i], i + 2))
        except InvoerFout as e:
            raise InvoerFout(e.melding, rij=e.rij or i + 2, kolom=e.kolom) from None
    return [uitkomst[c] for c in codes.tolist()]


@dataclass(frozen=True)
class ScoreTelling:
    """What a batch of scores did: ``gegeven`` scores (after a later row for the same cell
    replaced an earlier one), of which ``nieuw`` were added and ``gewijzigd`` changed a
    stored score; the rest equalled the stored score and were not written."""

    gegeven: int
    nieuw: int
    gewijzigd: int

    @property
    def ongewijzigd(self) -> int:
        return self.gegeven - self.nieuw - self.gewijzigd

    @property
    def niets_gewijzigd(self) -> bool:
        return self.nieuw == 0 and self.gewijzigd == 0


def voeg_veel_scores_toe(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> int:
    """:func:`schrijf_veel_scores`, returning the number of scores given."""
    return schrijf_veel_scores(path, wijk_naam, df).gegeven


def schrijf_veel_scores(
    path: Path | str, wijk_naam: str, df: pd.DataFrame, *, bron: str | None = None
) -> ScoreTelling:
    """:func:`voeg_scores_toe` for many rows at once (a score import, a pasted grid): the same
    rules (:mod:`wijkanalyse.core.validation`, checked once per distinct value rather than per
    row), the same group/scorer spelling rule and the same "a scorer's new score replaces
    the old one". A score equal to the stored one is not written at all (its date stays,
    unless the row names another date): reading the same file twice changes nothing and adds
    nothing to the history. A changed score is updated in place (one history row, undone by
    the import's one undo step). All rows or none. ``bron``: where the scores come from, said
    first in the history entry (e.g. "Score-import uit 'scores.csv'")."""
    rijen = {k: df[k].tolist() for k in df.columns}
    n = len(df)

    def kolom(naam: str) -> list[Any]:
        return rijen.get(naam, [None] * n)

    def per_waarde(waarden: list[Any], regel: Any) -> list[Any]:
        """Apply ``regel`` once per distinct value (a tuple of values: per distinct
        combination); an error names the first row with it."""
        snel = _per_waarde_snel(waarden, regel)
        if snel is not None:
            return snel
        cache: dict[Any, Any] = {}
        uit = []
        for i, w in enumerate(waarden):
            sleutel = (type(w), w) if w == w else ("nan",)
            if sleutel not in cache:
                try:
                    cache[sleutel] = regel(w, i + 2)
                except InvoerFout as e:
                    raise InvoerFout(e.melding, rij=e.rij or i + 2, kolom=e.kolom) from None
            uit.append(cache[sleutel])
        return uit

    opties: dict[str, Any] = {"voorvoegsel": bron} if bron else {}
    with schrijf(path, historie=opties) as con:
        wid = wijk_id_van(con, wijk_naam)
        groepen, scorers = _spellingen(con, wid, ook_deelnemers=True)
        crit = _criteria(con, wid)
        bekend = _onderwerpen(con, wid)
        soort = per_waarde(kolom("onderwerp_soort"), lambda w, _r: validation.onderwerp_soort(w))
        oid = per_waarde(kolom("onderwerp_id"), lambda w, r: _id(w, r, "onderwerp_id"))
        cid = per_waarde(kolom("criterium_id"), lambda w, r: _id(w, r, "criterium_id"))
        for i in range(n):
            if oid[i] not in bekend[soort[i]]:
                raise InvoerFout(f"Onbekende {soort[i]} {oid[i]}.", rij=i + 2, kolom="onderwerp_id")
            if cid[i] not in crit:
                raise InvoerFout(f"Onbekend criterium {cid[i]}.", rij=i + 2, kolom="criterium_id")
        waarde = per_waarde(
            _Paren(kolom("waarde"), cid),
            lambda w, _r: validation.score(w[0], crit[w[1]][1], crit[w[1]][2], crit[w[1]][0]),
        )
        groep = per_waarde(
            kolom("groep"),
            lambda w, _r: validation.tekst(w, "groep", verplicht=True, max_len=100),
        )
        scorer = per_waarde(
            kolom("scorer"),
            lambda w, _r: validation.tekst(w, "scorer", verplicht=True, max_len=100),
        )
        vandaag = date.today().isoformat()
        # None: no date in the row (today's for a new score; a stored score keeps its own)
        moment = per_waarde(kolom("moment"), lambda m, _r: None if validation.leeg(m) else str(m))
        laatste: dict[tuple, tuple] = {}
        wie: dict[tuple[str, str], tuple[str, str]] = {}  # (groep, scorer) as written -> stored
        for i in range(n):
            paar = (groep[i], scorer[i])
            if paar not in wie:
                # "Bewoners " and "bewoners" are one group (and one scorer within it)
                g = groepen.setdefault(titel_sleutel(groep[i]), " ".join(groep[i].split()))
                s = scorers.setdefault(
                    (titel_sleutel(g), titel_sleutel(scorer[i])), " ".join(scorer[i].split())
                )
                wie[paar] = (g, s)
            g, s = wie[paar]
            laatste[(soort[i], oid[i], cid[i], s, g)] = (
                wid, soort[i], oid[i], cid[i], waarde[i], s, g, moment[i]
            )  # fmt: skip
        rows = list(laatste.values())
        # a cell this scorer scored before (outside a werksessie): changed in place, or left
        # as it is when the score (and the date, if the row names one) is the same
        bestaand = {
            (r[1], int(r[2]), int(r[3]), r[4], r[5]): (int(r[0]), int(r[6]), str(r[7]))
            for r in con.execute(
                "SELECT id, onderwerp_soort, onderwerp_id, criterium_id, scorer, groep, "
                "waarde, moment FROM scores WHERE wijk_id = ? AND deelnemer_id IS NULL",
                (wid,),
            )
        }
        wijzig: list[tuple[int, int, str]] = []
        wie_wat: dict[int, tuple[str, int]] = {}  # a changed score's id -> its subject
        nieuw: list[tuple] = []
        for r in rows:
            oud = bestaand.get((r[1], r[2], r[3], r[5], r[6]))
            if oud is None:
                nieuw.append(r if r[7] is not None else (*r[:7], vandaag))
            elif oud[1] != r[4] or (r[7] is not None and r[7] != oud[2]):
                wijzig.append((oud[0], r[4], r[7] if r[7] is not None else vandaag))
                wie_wat[oud[0]] = (r[1], r[2])
        _schrijf_veel(con, wijzig, nieuw)
        wat = beschrijf_veel_scores(
            con,
            {"i": {(r[1], r[2]) for r in nieuw}, "u": {wie_wat[i] for i, _w, _m in wijzig}},
            {"i": len(nieuw), "u": len(wijzig)},
        )
        if wat:
            opties["wat"] = wat
        return ScoreTelling(gegeven=len(rows), nieuw=len(nieuw), gewijzigd=len(wijzig))


_KOLOMMEN = "wijk_id, onderwerp_soort, onderwerp_id, criterium_id, waarde, scorer, groep, moment"


def _schrijf_veel(
    con: sqlite3.Connection, wijzig: list[tuple[int, int, str]], nieuw: list[tuple]
) -> None:
    """Give the scores with the ids in ``wijzig`` (id, waarde, moment) their new value and
    date, and add the rows ``nieuw``.

    On SQLite each is one statement over a temporary table: a statement that fires the
    history triggers opens its own statement journal, so 96,000 single-row statements cost
    about four times as much as one statement over 96,000 rows (the history rows are the
    same). PostgreSQL has no such cost per statement: rows as parameters there."""
    if dialect(con) != "sqlite":
        con.executemany(
            "UPDATE scores SET waarde = ?, moment = ? WHERE id = ?",
            [(w, m, i) for i, w, m in wijzig],
        )
        con.executemany(f"INSERT INTO scores ({_KOLOMMEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", nieuw)
        return
    con.execute(
        "CREATE TEMP TABLE IF NOT EXISTS veel_wijzig (id INTEGER PRIMARY KEY, waarde, moment)"
    )
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS veel_nieuw ({_KOLOMMEN})")
    try:
        con.executemany(
            "INSERT INTO temp.veel_wijzig (id, waarde, moment) VALUES (?, ?, ?)", wijzig
        )
        con.execute(
            "UPDATE scores SET waarde = w.waarde, moment = w.moment FROM temp.veel_wijzig w "
            "WHERE scores.id = w.id"
        )
        con.executemany(
            f"INSERT INTO temp.veel_nieuw ({_KOLOMMEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", nieuw
        )
        con.execute(
            f"INSERT INTO scores ({_KOLOMMEN}) SELECT {_KOLOMMEN} FROM temp.veel_nieuw "
            "ORDER BY rowid"
        )
    finally:
        con.execute("DROP TABLE IF EXISTS temp.veel_wijzig")
        con.execute("DROP TABLE IF EXISTS temp.veel_nieuw")
