"""History and undo.

Every write transaction records, through triggers, each row it adds, changes or removes
(also rows removed by a cascade) in historie_rijen; sluit_historie turns them into one
entry per wijk in historie (who, when, what, with before and after per row). Undo applies
the rows of the newest entry backwards, in one transaction.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..databank import dialect
from ..errors import KOLOM_LABELS, GelijktijdigFout, InvoerFout, WijkanalyseFout
from ..nl_format import getal
from .items import verwijder_item_in
from .koppelingen import verwijder_koppeling_in
from .opgaven import verwijder_opgave_in
from .verbinding import eis_bestaand, schrijf, verbind, wijk_id_van

# Tables whose rows are kept in the history, in the order a change is described.
HISTORIE_TABELLEN = (
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


def _actie(voor: str | None, na: str | None) -> str:
    return "i" if voor is None else "d" if na is None else "u"


class _Namen:
    """Names for the ids in history rows: opgave titles, koppelingen as 'A × B', criterium
    names; from the workspace now and from the history rows themselves (deleted rows)."""

    def __init__(
        self, con: sqlite3.Connection, rijen: list[tuple[str, str | None, str | None]] = ()
    ) -> None:
        self.opgaven = {int(i): str(t) for i, t in con.execute("SELECT id, titel FROM opgaven")}
        self.koppelingen = {
            int(i): (int(a), int(b))
            for i, a, b in con.execute("SELECT id, opgave_a, opgave_b FROM koppelingen")
        }
        self.criteria = {int(i): str(n) for i, n in con.execute("SELECT id, naam FROM criteria")}
        for tabel, voor, na in rijen:
            if tabel not in ("opgaven", "koppelingen", "criteria"):
                continue
            rij = json.loads(na or voor or "{}")
            if "id" not in rij:
                continue
            i = int(rij["id"])
            if tabel == "opgaven":
                self.opgaven.setdefault(i, str(rij.get("titel", "")))
            elif tabel == "criteria":
                self.criteria.setdefault(i, str(rij.get("naam", "")))
            else:
                self.koppelingen.setdefault(i, (int(rij["opgave_a"]), int(rij["opgave_b"])))

    def opgave(self, i: Any) -> str:
        return self.opgaven.get(_int(i), f"opgave {i}")

    def koppeling(self, i: Any) -> str:
        ab = self.koppelingen.get(_int(i))
        return f"{self.opgave(ab[0])} × {self.opgave(ab[1])}" if ab else f"koppeling {i}"

    def criterium(self, i: Any) -> str:
        return self.criteria.get(_int(i), f"criterium {i}")

    def onderwerp(self, soort: Any, i: Any) -> str:
        return self.koppeling(i) if soort == "koppeling" else self.opgave(i)


def _int(i: Any) -> int:
    try:
        return int(i)
    except (TypeError, ValueError):
        return -1


def _naam_van(tabel: str, rij: dict[str, Any], namen: _Namen) -> str:
    """What one row is called after its noun, with quotes ('' when it has no name)."""
    if tabel == "opgaven" or tabel == "criteria":
        naam = str(rij.get("titel") or rij.get("naam") or "")
        return f"'{naam}'" if naam else ""
    if tabel == "koppelingen":
        a, b = rij.get("opgave_a"), rij.get("opgave_b")
        return f"'{namen.opgave(a)} × {namen.opgave(b)}'"
    if tabel == "items":
        t = str(rij.get("tekst") or "")
        return "'" + (t if len(t) <= 60 else t[:57] + "...") + "'"
    if tabel == "besluiten":
        onderwerp = namen.onderwerp(rij.get("onderwerp_soort"), rij.get("onderwerp_id"))
        return f"'{rij.get('besluit', '')}' over '{onderwerp}'"
    if tabel == "scores":
        onderwerp = namen.onderwerp(rij.get("onderwerp_soort"), rij.get("onderwerp_id"))
        return (
            f"van {rij.get('scorer', '')} voor '{onderwerp}' op "
            f"'{namen.criterium(rij.get('criterium_id'))}'"
        )
    return ""


# The kind of change a history row records: added (no row before), deleted (none after) or
# changed; as SQL, so a transaction's rows are counted where they are.
_ACTIE_SQL = "CASE WHEN voor IS NULL THEN 'i' WHEN na IS NULL THEN 'd' ELSE 'u' END"


def _onderwerp_sql(con: sqlite3.Connection) -> str:
    """SQL for the subject of a score's or besluit's history row (after, or before for a
    deleted row), as text: SQLite's a JSON array (the row parsed once), PostgreSQL's
    'soort:id'. :func:`_onderwerp_uit` reads it."""
    if dialect(con) == "postgresql":
        rij = "coalesce(na, voor)::json"
        return f"(({rij} ->> 'onderwerp_soort') || ':' || ({rij} ->> 'onderwerp_id'))"
    return "json_extract(coalesce(na, voor), '$.onderwerp_soort', '$.onderwerp_id')"


def _onderwerp_uit(con: sqlite3.Connection, tekst: str) -> tuple[Any, Any]:
    if dialect(con) == "postgresql":
        soort, _, ident = str(tekst).partition(":")
        return soort, ident
    soort, ident = json.loads(tekst)
    return soort, ident


def _voor_welke(con: sqlite3.Connection, tabel: str, onderwerpen: list[str], namen: _Namen) -> str:
    """For many scores or besluiten: for which subject(s), e.g. " voor 'Warmtenet'"
    (``onderwerpen``: their subjects as :func:`_onderwerp_sql` gives them, first first)."""
    if tabel not in ("scores", "besluiten"):
        return ""
    if len(onderwerpen) == 1:
        return f" voor '{namen.onderwerp(*_onderwerp_uit(con, onderwerpen[0]))}'"
    return f" voor {len(onderwerpen)} onderwerpen"


#: This transaction's history rows (not yet part of an entry), all of them.
_OPEN = ("wijziging_id IS NULL", ())


def _beschrijf(con: sqlite3.Connection, filter_: tuple[str, tuple] = _OPEN) -> str:
    """One Dutch sentence for a set of row changes (the history rows ``filter_`` selects:
    SQL and its parameters), e.g. "Opgave 'Warmtenet' verwijderd, ook 1 koppeling,
    4 kansen/bedreigingen en 42 scores". Counted in SQL: an import of 100,000 scores is
    described without reading its rows."""
    waar, params = filter_
    namen = _Namen(
        con,
        con.execute(
            f"SELECT tabel, voor, na FROM historie_rijen WHERE {waar} "
            "AND tabel IN ('opgaven', 'koppelingen', 'criteria') ORDER BY id",
            params,
        ).fetchall(),
    )
    # (tabel, actie) -> (number of rows, id of the first); and the subjects of scores and
    # besluiten, first first: all in one pass over the rows
    tel: dict[tuple[str, str], tuple[int, int]] = {}
    onderwerpen: dict[tuple[str, str], list[str]] = {}
    for t, a, onderwerp, n, eerste in con.execute(
        f"SELECT tabel, {_ACTIE_SQL}, CASE WHEN tabel IN ('scores', 'besluiten') THEN "
        f"{_onderwerp_sql(con)} END, count(*), min(id) FROM historie_rijen WHERE {waar} "
        "GROUP BY 1, 2, 3 ORDER BY 5",
        params,
    ).fetchall():
        k = (str(t), str(a))
        oud = tel.get(k, (0, int(eerste)))
        tel[k] = (oud[0] + int(n), oud[1])
        onderwerpen.setdefault(k, []).append(onderwerp)

    def eerste_rij(k: tuple[str, str]) -> tuple[str | None, str | None]:
        rij = con.execute("SELECT voor, na FROM historie_rijen WHERE id = ?", (tel[k][1],))
        voor, na = rij.fetchone()
        return voor, na

    volgorde = sorted(tel, key=lambda k: (HISTORIE_TABELLEN.index(k[0]), "iud".index(k[1])))
    hoofd_tabel = volgorde[0][0]
    hoofd = [k for k in volgorde if k[0] == hoofd_tabel]
    rest = [k for k in volgorde if k[0] != hoofd_tabel]
    delen = []
    for tabel, actie in hoofd:
        aantal = tel[(tabel, actie)][0]
        een, meer = _TABEL_WOORDEN[tabel]
        if tabel == "wijken":
            voor, na = eerste_rij((tabel, actie))
            oud, nieuw = json.loads(voor or "{}"), json.loads(na or "{}")
            stukken = [
                f"{k} {getal(oud.get(k))} → {getal(nieuw.get(k))}"
                for k in ("drempel", "capaciteit")
                if oud.get(k) != nieuw.get(k)
            ]
            delen.append("Kader gewijzigd: " + ", ".join(stukken))
            continue
        if aantal == 1:
            voor, na = eerste_rij((tabel, actie))
            rij = json.loads(voor or na or "{}")
            naam = _naam_van(tabel, rij, namen)
            tekst = f"{een.capitalize()} {naam}" if naam else een.capitalize()
            tekst += f" {_ACTIES[actie]}"
            if actie == "u":
                oud, nieuw = json.loads(voor or "{}"), json.loads(na or "{}")
                velden = [KOLOM_LABELS.get(k, k) for k in nieuw if oud.get(k) != nieuw.get(k)]
                tekst += f" ({', '.join(velden)})"
        else:
            welke = _voor_welke(con, tabel, onderwerpen[(tabel, actie)], namen)
            tekst = f"{aantal} {meer} {_ACTIES[actie]}{welke}"
        delen.append(tekst if not delen else tekst[0].lower() + tekst[1:])
    zin = " en ".join(delen)
    hoofd_actie = hoofd[0][1]
    if rest:
        ook = []
        for tabel, actie in rest:
            n = tel[(tabel, actie)][0]
            een, meer = _TABEL_WOORDEN[tabel]
            stuk = f"{n} {een if n == 1 else meer}"
            if actie != hoofd_actie:
                stuk += f" {_ACTIES[actie]}"
            ook.append(stuk)
        zin += ", ook " + (ook[0] if len(ook) == 1 else ", ".join(ook[:-1]) + " en " + ook[-1])
    return zin


def sluit_historie(con: sqlite3.Connection, opties: dict[str, Any]) -> None:
    """Turn this transaction's recorded rows into history entries (one per wijk): counted,
    described and closed with a few set-based statements, however many rows there are."""
    try:
        per_wijk_id = con.execute(
            "SELECT wijk_id, min(id) FROM historie_rijen WHERE wijziging_id IS NULL "
            "GROUP BY wijk_id"
        ).fetchall()
    except sqlite3.OperationalError:  # a workspace without the history tables
        return
    if not per_wijk_id:
        return
    # Rows without a wijk (a kans whose koppeling went first) belong to the wijk of the first
    # row that has one; entries in the order of their first row.
    met_wijk = sorted((int(eerste), wid) for wid, eerste in per_wijk_id if wid is not None)
    standaard_wijk = met_wijk[0][1] if met_wijk else None
    wijken: list[int | None] = []
    for wid, _eerste in sorted(per_wijk_id, key=lambda r: int(r[1])):
        wid = wid if wid is not None else standaard_wijk
        if wid not in wijken:
            wijken.append(wid)
    moment = _moment.get() or datetime.now().isoformat(timespec="seconds")
    for wid in wijken:
        if wid is None:
            filter_: tuple[str, tuple] = ("wijziging_id IS NULL AND wijk_id IS NULL", ())
        elif wid == standaard_wijk:
            filter_ = ("wijziging_id IS NULL AND (wijk_id = ? OR wijk_id IS NULL)", (wid,))
        else:
            filter_ = ("wijziging_id IS NULL AND wijk_id = ?", (wid,))
        wat = (
            opties.get("wat_per_wijk", {}).get(wid) or opties.get("wat") or _beschrijf(con, filter_)
        )
        cur = con.execute(
            "INSERT INTO historie (wijk_id, moment, wie, wat, is_ongedaan_maken) "
            "VALUES (?, ?, ?, ?, ?)",
            (wid, moment, huidige_gebruiker(), wat, int(bool(opties.get("ongedaan_van")))),
        )
        nieuw_id = int(cur.lastrowid)
        con.execute(
            f"UPDATE historie_rijen SET wijziging_id = ? WHERE {filter_[0]}",
            (nieuw_id, *filter_[1]),
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
        namen = _Namen(con, naam_rijen)
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
_VERBORGEN = ("id", "wijk_id", "titel_sleutel", "volgorde", "onderwerp_soort")


def _veld_tekst(k: str, rij: dict[str, Any], namen: _Namen) -> str:
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
    elif isinstance(v, float):
        v = getal(v)
    return f"{label}: {v}"


#: How many rows of an entry the history shows (the rest is counted).
_GETOOND = 3


def _voor_na(
    rijen: list[tuple[str, str | None, str | None]], namen: _Namen, totaal: int | None = None
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
    con = verbind(path)
    try:
        wid = wijk_id_van(con, wijk_naam)
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
            zin = _beschrijf(con) if _heeft_open_rijen(con) else ""
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
