"""The history journal: what a write transaction changed, as one entry per wijk.

Every write transaction records, through triggers, each row it adds, changes or removes
(also rows removed by a cascade) in historie_rijen; :func:`sluit_historie` (called by
:func:`wijkanalyse.databank.verbinding.schrijf` before it commits) turns them into one entry
per wijk in historie (who, when, what). Reading the history and undo are in
:mod:`wijkanalyse.store.historie`. No pandas: the connection imports this.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from ..core.errors import KOLOM_LABELS
from ..core.nl_format import datum as nl_datum
from ..core.nl_format import getal
from . import dialect, nieuw_id

# Tables whose rows are kept in the history, in the order a change is described: parents
# before children (foreign keys), which store/kopie.py relies on when it copies them.
#: The tables of the uitvoering (migration 5), parents first.
UITVOERING_TABELLEN = ("acties", "actie_log", "risicos", "terugblikken")

HISTORIE_TABELLEN = (
    "wijken",
    "kader_regels",
    "criteria",
    "opgaven",
    "koppelingen",
    "items",
    "besluiten",
    "scores",
    *UITVOERING_TABELLEN,
    "leren_afwijzingen",
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
    "acties": ("actie", "acties"),
    "actie_log": ("voortgangsregel", "voortgangsregels"),
    "risicos": ("risico", "risico's"),
    "terugblikken": ("terugblik", "terugblikken"),
    "leren_afwijzingen": ("afgewezen overeenkomst", "afgewezen overeenkomsten"),
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


class Namen:
    """Names for the ids in history rows: opgave titles, koppelingen as 'A × B', criterium
    names; from the workspace now and from the history rows themselves (deleted rows)."""

    def __init__(
        self, con: sqlite3.Connection, rijen: Sequence[tuple[str, str | None, str | None]] = ()
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


def _naam_van(tabel: str, rij: dict[str, Any], namen: Namen) -> str:
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
    if tabel in ("acties", "actie_log"):
        t = str(rij.get("titel") or rij.get("tekst") or "")
        return "'" + (t if len(t) <= 60 else t[:57] + "...") + "'" if t else ""
    if tabel == "terugblikken":
        return f"van {nl_datum(rij.get('datum'))}" if rij.get("datum") else ""
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


def _voor_welke(con: sqlite3.Connection, tabel: str, onderwerpen: list[str], namen: Namen) -> str:
    """For many scores or besluiten: for which subject(s), e.g. " voor 'Warmtenet'"
    (``onderwerpen``: their subjects as :func:`_onderwerp_sql` gives them, first first)."""
    if tabel not in ("scores", "besluiten"):
        return ""
    if len(onderwerpen) == 1:
        return f" voor '{namen.onderwerp(*_onderwerp_uit(con, onderwerpen[0]))}'"
    return f" voor {len(onderwerpen)} onderwerpen"


def beschrijf_veel_scores(
    con: sqlite3.Connection, per_actie: dict[str, set[tuple[str, int]]], aantallen: dict[str, int]
) -> str | None:
    """The sentence :func:`beschrijf` gives for a transaction that only added ('i') and
    changed ('u') many scores, from what the writer knows (per action its count and its
    subjects as (soort, id)), without reading the history rows back: for a score import of
    96,000 rows that read was a tenth of its time. None when a single score is involved
    (that sentence names the scorer and criterium: :func:`beschrijf` then)."""
    acties = [a for a in "iu" if aantallen.get(a)]
    if not acties or any(aantallen[a] == 1 for a in acties):
        return None
    namen = Namen(con)
    delen = []
    for actie in acties:
        onderwerpen = per_actie[actie]
        welke = (
            f" voor '{namen.onderwerp(*next(iter(onderwerpen)))}'"
            if len(onderwerpen) == 1
            else f" voor {len(onderwerpen)} onderwerpen"
        )
        delen.append(f"{getal(aantallen[actie])} scores {_ACTIES[actie]}{welke}")
    return " en ".join(delen)


#: This transaction's history rows (not yet part of an entry), all of them.
_OPEN = ("wijziging_id IS NULL", ())


def beschrijf(con: sqlite3.Connection, filter_: tuple[str, tuple] = _OPEN) -> str:
    """One Dutch sentence for a set of row changes (the history rows ``filter_`` selects:
    SQL and its parameters), e.g. "Opgave 'Warmtenet' verwijderd, ook 1 koppeling,
    4 kansen/bedreigingen en 42 scores". Counted in SQL: an import of 100,000 scores is
    described without reading its rows."""
    waar, params = filter_
    namen = Namen(
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
            tekst = f"{getal(aantal)} {meer} {_ACTIES[actie]}{welke}"
        delen.append(tekst if not delen else tekst[0].lower() + tekst[1:])
    zin = " en ".join(delen)
    hoofd_actie = hoofd[0][1]
    if rest:
        ook = []
        for tabel, actie in rest:
            n = tel[(tabel, actie)][0]
            een, meer = _TABEL_WOORDEN[tabel]
            stuk = f"{getal(n)} {een if n == 1 else meer}"
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
            opties.get("wat_per_wijk", {}).get(wid) or opties.get("wat") or beschrijf(con, filter_)
        )
        if opties.get("voorvoegsel"):  # where the change came from, e.g. an import's file
            wat = f"{opties['voorvoegsel']}: {wat[:1].lower()}{wat[1:]}"
        cur = con.execute(
            "INSERT INTO historie (wijk_id, moment, wie, wat, is_ongedaan_maken) "
            "VALUES (?, ?, ?, ?, ?)",
            (wid, moment, huidige_gebruiker(), wat, int(bool(opties.get("ongedaan_van")))),
        )
        entry_id = nieuw_id(cur)
        con.execute(
            f"UPDATE historie_rijen SET wijziging_id = ? WHERE {filter_[0]}",
            (entry_id, *filter_[1]),
        )
        if opties.get("ongedaan_van"):
            con.execute(
                "UPDATE historie SET ongedaan_door = ? WHERE id = ?",
                (entry_id, int(opties["ongedaan_van"])),
            )
