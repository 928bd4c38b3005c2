"""History and undo.

Every write transaction records, through triggers, each row it adds, changes or removes
(also rows removed by a cascade) in historie_rijen; _sluit_historie turns them into one
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

from ..errors import KOLOM_LABELS, GelijktijdigFout, InvoerFout, WijkanalyseFout
from ..nl_format import getal
from .items import _verwijder_item
from .koppelingen import _verwijder_koppeling
from .opgaven import _verwijder_opgave
from .verbinding import _bestaat, _connect, _schrijf, _wijk_id

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


def _voor_welke(tabel: str, lijst: list[tuple[str | None, str | None]], namen: _Namen) -> str:
    """For many scores or besluiten: for which subject(s), e.g. " voor 'Warmtenet'"."""
    if tabel not in ("scores", "besluiten"):
        return ""
    onderwerpen = []
    for voor, na in lijst:
        rij = json.loads(na or voor or "{}")
        o = (rij.get("onderwerp_soort"), rij.get("onderwerp_id"))
        if o not in onderwerpen:
            onderwerpen.append(o)
    if len(onderwerpen) == 1:
        return f" voor '{namen.onderwerp(*onderwerpen[0])}'"
    return f" voor {len(onderwerpen)} onderwerpen"


def _beschrijf(
    con: sqlite3.Connection, rijen: list[tuple[str, int, str | None, str | None]]
) -> str:
    """One Dutch sentence for a set of row changes, e.g. "Opgave 'Warmtenet' verwijderd,
    ook 1 koppeling, 4 kansen/bedreigingen en 42 scores"."""
    namen = _Namen(con, [(tabel, voor, na) for tabel, _rid, voor, na in rijen])
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
                f"{k} {getal(oud.get(k))} → {getal(nieuw.get(k))}"
                for k in ("drempel", "capaciteit")
                if oud.get(k) != nieuw.get(k)
            ]
            delen.append("Kader gewijzigd: " + ", ".join(stukken))
            continue
        if len(lijst) == 1:
            voor, na = lijst[0]
            rij = json.loads(voor or na or "{}")
            naam = _naam_van(tabel, rij, namen)
            tekst = f"{een.capitalize()} {naam}" if naam else een.capitalize()
            tekst += f" {_ACTIES[actie]}"
            if actie == "u":
                oud, nieuw = json.loads(voor or "{}"), json.loads(na or "{}")
                velden = [KOLOM_LABELS.get(k, k) for k in nieuw if oud.get(k) != nieuw.get(k)]
                tekst += f" ({', '.join(velden)})"
        else:
            tekst = f"{len(lijst)} {meer} {_ACTIES[actie]}{_voor_welke(tabel, lijst, namen)}"
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
        wat = (
            opties.get("wat_per_wijk", {}).get(wid)
            or opties.get("wat")
            or _beschrijf(con, [(r[1], r[2], r[4], r[5]) for r in lijst])
        )
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
        namen = _Namen(con, [r[1:] for r in rijen])
    finally:
        con.close()
    samen: dict[int, list[tuple]] = {}
    for r in rijen:
        samen.setdefault(int(r[0]), []).append(r[1:])
    data = []
    for hid, moment, wie, wat, ongedaan, is_undo in kop:
        voor, na = _voor_na(samen.get(int(hid), []), namen)
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


def _voor_na(rijen: list[tuple[str, str | None, str | None]], namen: _Namen) -> tuple[str, str]:
    """Short before/after texts: the changed fields of the first few rows, with names."""
    voor_delen: list[str] = []
    na_delen: list[str] = []
    for _tabel, voor, na in rijen[:3]:
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
    if len(rijen) > 3:
        meer = f"… en nog {len(rijen) - 3} {'rij' if len(rijen) == 4 else 'rijen'}"
        voor_delen.append(meer)
        na_delen.append(meer)
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
