"""History and undo.

Every write transaction records, through triggers, each row it adds, changes or removes
(also rows removed by a cascade) in historie_rijen; sluit_historie turns them into one
entry per wijk in historie (who, when, what, with before and after per row). Undo applies
the rows of the newest entry backwards, in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.errors import KOLOM_LABELS, GelijktijdigFout, InvoerFout, WijkanalyseFout
from ..core.nl_format import datums_in_tekst, getal
from ..databank import dialect
from ..databank.journaal import HISTORIE_TABELLEN, Namen, beschrijf
from .items import verwijder_item_in
from .koppelingen import verwijder_koppeling_in
from .opgaven import verwijder_opgave_in
from .verbinding import eis_bestaand, lees_wijk_rij, schrijf, verbind, wijk_id_van


def historie(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    """The history of a wijk, newest first: id, moment, wie, wat, ongedaan (bool: this change
    was undone later), is_ongedaan_maken (bool: this entry is an undo), voor and na (short
    Dutch summaries of what changed)."""
    con = verbind(path)
    try:
        wid = wijk_id_van(con, wijk_naam)
        try:
            kop = con.execute(
                "SELECT id, moment, wie, wat, ongedaan_door IS NOT NULL, is_ongedaan_maken "
                "FROM historie WHERE wijk_id = ? ORDER BY id DESC",
                (wid,),
            ).fetchall()
            # per entry its first rows (all that is shown) and how many there are: an
            # import of 100,000 scores is not read to show one line
            van_wijk = (
                "FROM historie_rijen r JOIN historie h ON h.id = r.wijziging_id WHERE h.wijk_id = ?"
            )
            rijen = con.execute(
                "SELECT wijziging_id, tabel, voor, na FROM historie_rijen WHERE id IN "
                "(SELECT id FROM (SELECT r.id, row_number() OVER (PARTITION BY "
                f"r.wijziging_id ORDER BY r.id) AS n {van_wijk}) eerste WHERE n <= {_GETOOND}) "
                "ORDER BY id",
                (wid,),
            ).fetchall()
            aantallen = dict(
                con.execute(f"SELECT r.wijziging_id, count(*) {van_wijk} GROUP BY 1", (wid,))
            )
            naam_rijen = con.execute(
                f"SELECT r.tabel, r.voor, r.na {van_wijk} "
                "AND r.tabel IN ('opgaven', 'koppelingen', 'criteria') ORDER BY r.id",
                (wid,),
            ).fetchall()
        except sqlite3.OperationalError:
            kop, rijen, aantallen, naam_rijen = [], [], {}, []
        namen = Namen(con, naam_rijen)
    finally:
        con.close()
    samen: dict[int, list[tuple]] = {}
    for r in rijen:
        samen.setdefault(int(r[0]), []).append(r[1:])
    data = []
    for hid, moment, wie, wat, ongedaan, is_undo in kop:
        voor, na = _voor_na(samen.get(int(hid), []), namen, int(aantallen.get(hid, 0)))
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


# Fields a person does not need to see in the history (internal keys, sort order).
_VERBORGEN = ("id", "wijk_id", "titel_sleutel", "volgorde", "onderwerp_soort", "sleutel")


def _veld_tekst(k: str, rij: dict[str, Any], namen: Namen) -> str:
    """One field as a person reads it: names instead of ids, ja/nee, decimal commas."""
    v = rij.get(k)
    if k == "onderwerp_id":
        soort = rij.get("onderwerp_soort") or "onderwerp"
        return f"{soort}: {namen.onderwerp(rij.get('onderwerp_soort'), v)}"
    label = KOLOM_LABELS.get(k, k).replace("_", " ")
    if k == "criterium_id":
        v = namen.criterium(v)
    elif k == "koppeling_id":
        label, v = "koppeling", namen.koppeling(v)
    elif k in ("opgave_a", "opgave_b"):
        v = namen.opgave(v)
    elif k == "maakt_of_breekt":
        label, v = "maakt of breekt", "ja" if v else "nee"
    elif v is None:  # an empty field (a date not set yet), not Python's word for it
        v = "leeg"
    elif isinstance(v, float):
        v = getal(v)
    elif isinstance(v, str):
        v = datums_in_tekst(v)
    return f"{label}: {v}"


#: How many rows of an entry the history shows (the rest is counted).
_GETOOND = 3


def _voor_na(
    rijen: list[tuple[str, str | None, str | None]], namen: Namen, totaal: int | None = None
) -> tuple[str, str]:
    """Short before/after texts: the changed fields of the first few rows, with names
    (``rijen``: at least those first rows; ``totaal``: how many the entry has)."""
    totaal = len(rijen) if totaal is None else totaal
    voor_delen: list[str] = []
    na_delen: list[str] = []
    for _tabel, voor, na in rijen[:_GETOOND]:
        oud = json.loads(voor) if voor else None
        nieuw = json.loads(na) if na else None
        sleutels = [
            k
            for k in (nieuw or oud or {})
            if k not in _VERBORGEN and (oud is None or nieuw is None or oud.get(k) != nieuw.get(k))
        ]

        def tekst(rij: dict[str, Any] | None, sleutels: list[str] = sleutels) -> str:
            if rij is None:
                return "(bestond niet)"
            return "; ".join(_veld_tekst(k, rij, namen) for k in sleutels if rij.get(k) != "")

        voor_delen.append(tekst(oud))
        na_delen.append(tekst(nieuw) if nieuw is not None else "(verwijderd)")
    if totaal > _GETOOND:
        rest = totaal - _GETOOND
        meer = f"… en nog {rest} {'rij' if rest == 1 else 'rijen'}"
        voor_delen.append(meer)
        na_delen.append(meer)
    return " | ".join(voor_delen), " | ".join(na_delen)


def maak_ongedaan(path: Path | str, wijk_naam: str) -> str:
    """Undo the newest change in this wijk that is not undone yet; returns what was undone.

    Works across restarts (the history is in the workspace). The undo is itself one entry
    in the history. Raises :class:`WijkanalyseFout` when there is nothing left to undo.
    """
    rij = lees_wijk_rij(
        path,
        wijk_naam,
        "SELECT id, wat FROM historie WHERE wijk_id = ? AND ongedaan_door IS NULL "
        "AND is_ongedaan_maken = 0 ORDER BY id DESC LIMIT 1",
    )
    if rij is None:
        raise WijkanalyseFout("Er is niets (meer) om ongedaan te maken in deze wijk.")
    hid, wat = int(rij[0]), str(rij[1])
    with schrijf(path, historie={"wat": f"Ongedaan gemaakt: {wat}", "ongedaan_van": hid}) as con:
        nog = con.execute("SELECT ongedaan_door FROM historie WHERE id = ?", (hid,)).fetchone()
        if nog is None or nog[0] is not None:
            raise GelijktijdigFout("Iemand anders heeft deze wijziging net ongedaan gemaakt.")
        con.execute("PRAGMA defer_foreign_keys = ON")
        if dialect(con) == "sqlite":
            _zet_terug_in_reeksen(con, hid)
        else:
            for tabel, rij_id, voor, na in con.execute(
                "SELECT tabel, rij_id, voor, na FROM historie_rijen WHERE wijziging_id = ? "
                "ORDER BY id DESC",
                (hid,),
            ).fetchall():
                _zet_rij_terug(con, tabel, rij_id, voor, na)
    return wat


def _zet_rij_terug(
    con: sqlite3.Connection, tabel: str, rij_id: int, voor: str | None, na: str | None
) -> None:
    """Undo one recorded row change: remove an added row, put back a removed one, set a
    changed one back."""
    if tabel not in HISTORIE_TABELLEN:
        return
    if voor is None:
        con.execute(f"DELETE FROM {tabel} WHERE id = ?", (rij_id,))
        return
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


def _zet_terug_in_reeksen(con: sqlite3.Connection, hid: int) -> None:
    """SQLite: undo entry ``hid`` newest row first, as :func:`_zet_rij_terug` row by row,
    but a run of added rows of one table is removed, and a run of removed rows put back,
    with one statement: a statement that fires the history triggers opens its own statement
    journal, so an import of 96,000 scores took 96,000 of them. A run holds each row once
    (a row is added or removed twice only with the other in between), so its order within
    the run does not matter; a changed row is set back on its own."""
    rijen = con.execute(
        "SELECT id, tabel, rij_id, voor IS NULL, na IS NULL FROM historie_rijen "
        "WHERE wijziging_id = ? ORDER BY id DESC",
        (hid,),
    ).fetchall()
    i = 0
    while i < len(rijen):
        rid, tabel, rij_id, toegevoegd, verwijderd = rijen[i]
        j = i + 1
        soort = (tabel, toegevoegd, verwijderd)
        if toegevoegd or verwijderd:
            while j < len(rijen) and (rijen[j][1], rijen[j][3], rijen[j][4]) == soort:
                j += 1
        laagste = rijen[j - 1][0]
        if tabel not in HISTORIE_TABELLEN:
            pass
        elif toegevoegd:
            con.execute(
                f"DELETE FROM {tabel} WHERE id IN (SELECT rij_id FROM historie_rijen "
                "WHERE wijziging_id = ? AND id BETWEEN ? AND ?)",
                (hid, laagste, rid),
            )
        elif verwijderd:
            voor = con.execute("SELECT voor FROM historie_rijen WHERE id = ?", (rid,))
            kolommen = list(json.loads(voor.fetchone()[0]))
            velden = ", ".join(f"json_extract(voor, '$.{k}')" for k in kolommen)
            con.execute(
                f"INSERT INTO {tabel} ({', '.join(kolommen)}) SELECT {velden} "
                "FROM historie_rijen WHERE wijziging_id = ? AND id BETWEEN ? AND ? "
                "ORDER BY id DESC",
                (hid, laagste, rid),
            )
        else:
            voor, na = con.execute(
                "SELECT voor, na FROM historie_rijen WHERE id = ?", (rid,)
            ).fetchone()
            _zet_rij_terug(con, tabel, rij_id, voor, na)
        i = j


def gevolgen_van_verwijderen(path: Path | str, soort: str, ident: int) -> str:
    """What deleting an opgave, koppeling or item would take with it, as a Dutch question,
    found by doing the delete in a transaction that is rolled back (so it is exact), e.g.
    "Opgave 'Warmtenet' verwijderen? Dan gaan ook 1 koppeling, 4 kansen/bedreigingen en
    42 scores weg."
    """
    doe = {
        "opgave": verwijder_opgave_in,
        "koppeling": verwijder_koppeling_in,
        "item": verwijder_item_in,
    }
    if soort not in doe:
        raise InvoerFout(f"'{soort}' kan hier niet verwijderd worden.", kolom="soort")
    eis_bestaand(path)
    con = verbind(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            doe[soort](con, ident)
            zin = beschrijf(con) if _heeft_open_rijen(con) else ""
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


def _heeft_open_rijen(con: sqlite3.Connection) -> bool:
    rij = con.execute("SELECT 1 FROM historie_rijen WHERE wijziging_id IS NULL LIMIT 1")
    return rij.fetchone() is not None
