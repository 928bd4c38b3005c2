"""The uitvoering: acties and their log, risico's of bedreigingen, terugblikken (migration 5).

Reads take a workspace and a wijk name (``None``: every wijk) and return DataFrames that
always carry the wijk's name in column ``wijk``; the columns are listed in
``docs/contract.md``. Writes are validated and go through one write transaction each, so
every change is one entry in the history and can be undone. Dates are stored as ISO text
(``jjjj-mm-dd``) and accepted the Dutch way (``dd-mm-jjjj``) too.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import validation
from ..core.errors import InvoerFout, OnbekendFout
from ..core.vocabulary import ACTIE_STATUSSEN, ONDERWERP_SOORTEN, RISICO_SCHAAL
from ..databank import nieuw_id
from ..databank.journaal import huidige_gebruiker
from ..uitvoering import voorgestelde_acties
from .besluiten import besluiten
from .items import items
from .koppelingen import koppelingen
from .verbinding import lees, schrijf, wijk_id_van

ACTIE_KOLOMMEN = (
    "id",
    "wijk",
    "onderwerp_soort",
    "onderwerp_id",
    "item_id",
    "titel",
    "eigenaar",
    "status",
    "voortgang",
    "start",
    "deadline",
    "toelichting",
)
ACTIE_LOG_KOLOMMEN = ("id", "wijk", "actie_id", "datum", "door", "status", "voortgang", "tekst")
RISICO_KOLOMMEN = (
    "id",
    "wijk",
    "item_id",
    "risico_kans",
    "risico_impact",
    "risico_score",
    "maatregel",
    "herzien_op",
)
BEDREIGING_KOLOMMEN = (
    "item_id",
    "wijk",
    "koppeling_id",
    "tekst",
    "impact",
    "horizon",
    "interventie",
    "interventie_eigenaar",
    "risico_kans",
    "risico_impact",
    "risico_score",
    "maatregel",
    "herzien_op",
)
TERUGBLIK_KOLOMMEN = ("id", "wijk", "datum", "door", "volgens_plan", "veranderd", "geleerd")

_ACTIE_VELDEN = ("titel", "eigenaar", "status", "voortgang", "start", "deadline", "toelichting")


def _waar(wijk_naam: str | None) -> tuple[str, tuple[Any, ...]]:
    return ("WHERE w.naam = ?", (wijk_naam,)) if wijk_naam is not None else ("", ())


def _heel(df: pd.DataFrame, kolommen: tuple[str, ...]) -> pd.DataFrame:
    for k in kolommen:
        df[k] = pd.to_numeric(df[k]).astype("Int64")
    return df


# ------------------------------------------------------------------------------ reads


def acties(path: Path | str, wijk_naam: str | None = None) -> pd.DataFrame:
    """The acties of a wijk (or of all wijken), oldest first: :data:`ACTIE_KOLOMMEN`.
    ``item_id`` is empty (NA) for an actie added by hand; ``start``/``deadline`` ISO text
    or None."""
    waar, params = _waar(wijk_naam)
    df = lees(
        path,
        "SELECT a.id, w.naam AS wijk, a.onderwerp_soort, a.onderwerp_id, a.item_id, a.titel, "
        "a.eigenaar, a.status, a.voortgang, a.start, a.deadline, a.toelichting "
        f"FROM acties a JOIN wijken w ON w.id = a.wijk_id {waar} ORDER BY a.id",
        params,
    )
    return _heel(df, ("id", "onderwerp_id", "item_id", "voortgang"))


def actie_log(
    path: Path | str, wijk_naam: str | None = None, actie_id: int | None = None
) -> pd.DataFrame:
    """The dated updates of the acties, oldest first: :data:`ACTIE_LOG_KOLOMMEN`."""
    waar, params = _waar(wijk_naam)
    if actie_id is not None:
        waar = (waar + " AND" if waar else "WHERE") + " l.actie_id = ?"
        params = (*params, int(actie_id))
    df = lees(
        path,
        "SELECT l.id, w.naam AS wijk, l.actie_id, l.datum, l.door, l.status, l.voortgang, "
        f"l.tekst FROM actie_log l JOIN wijken w ON w.id = l.wijk_id {waar} "
        "ORDER BY l.datum, l.id",
        params,
    )
    return _heel(df, ("id", "actie_id", "voortgang"))


def risicos(path: Path | str, wijk_naam: str | None = None) -> pd.DataFrame:
    """The risk fields set on bedreigingen: :data:`RISICO_KOLOMMEN` (``risico_score`` is
    kans × impact, NA while one of them is open)."""
    waar, params = _waar(wijk_naam)
    df = lees(
        path,
        "SELECT r.id, w.naam AS wijk, r.item_id, r.risico_kans, r.risico_impact, "
        "r.risico_kans * r.risico_impact AS risico_score, r.maatregel, r.herzien_op "
        f"FROM risicos r JOIN wijken w ON w.id = r.wijk_id {waar} ORDER BY r.id",
        params,
    )
    return _heel(df, ("id", "item_id", "risico_kans", "risico_impact", "risico_score"))


def bedreigingen(path: Path | str, wijk_naam: str | None = None) -> pd.DataFrame:
    """Every bedreiging with its risk fields (empty where none were set), highest risk
    first: :data:`BEDREIGING_KOLOMMEN`."""
    waar, params = _waar(wijk_naam)
    df = lees(
        path,
        "SELECT i.id AS item_id, w.naam AS wijk, i.koppeling_id, i.tekst, i.impact, i.horizon, "
        "i.interventie, i.interventie_eigenaar, r.risico_kans, r.risico_impact, "
        "r.risico_kans * r.risico_impact AS risico_score, coalesce(r.maatregel, '') "
        "AS maatregel, r.herzien_op FROM items i JOIN koppelingen k ON k.id = i.koppeling_id "
        "JOIN wijken w ON w.id = k.wijk_id LEFT JOIN risicos r ON r.item_id = i.id "
        f"{waar + ' AND' if waar else 'WHERE'} i.soort = 'bedreiging' ORDER BY i.id",
        params,
    )
    df = _heel(df, ("item_id", "koppeling_id", "risico_kans", "risico_impact", "risico_score"))
    volgorde = df.sort_values("risico_score", ascending=False, na_position="last", kind="stable")
    return volgorde.reset_index(drop=True)


def terugblikken(path: Path | str, wijk_naam: str | None = None) -> pd.DataFrame:
    """The terugblikken, newest first: :data:`TERUGBLIK_KOLOMMEN`."""
    waar, params = _waar(wijk_naam)
    df = lees(
        path,
        "SELECT t.id, w.naam AS wijk, t.datum, t.door, t.volgens_plan, t.veranderd, t.geleerd "
        f"FROM terugblikken t JOIN wijken w ON w.id = t.wijk_id {waar} "
        "ORDER BY t.datum DESC, t.id DESC",
        params,
    )
    return _heel(df, ("id",))


def uitvoering_gegevens(path: Path | str, wijk_naam: str | None = None) -> dict[str, pd.DataFrame]:
    """What :func:`wijkanalyse.uitvoering.signalen` needs, for one wijk or every wijk (each
    frame with column ``wijk``): besluiten, opgaven, koppelingen, items, acties, risicos."""
    waar, params = _waar(wijk_naam)
    en = (waar + " AND") if waar else "WHERE"
    b = lees(
        path,
        "SELECT b.id, w.naam AS wijk, b.onderwerp_soort, b.onderwerp_id, b.besluit, b.datum "
        f"FROM besluiten b JOIN wijken w ON w.id = b.wijk_id {waar} ORDER BY b.id",
        params,
    )
    o = lees(
        path,
        "SELECT o.id, w.naam AS wijk, o.titel, o.start_jaar, o.eind_jaar FROM opgaven o "
        f"JOIN wijken w ON w.id = o.wijk_id {waar} ORDER BY o.id",
        params,
    )
    o = _heel(o, ("start_jaar", "eind_jaar"))
    k = lees(
        path,
        "SELECT k.id, w.naam AS wijk, k.opgave_a, k.opgave_b, k.niveau FROM koppelingen k "
        f"JOIN wijken w ON w.id = k.wijk_id {waar} ORDER BY k.id",
        params,
    )
    i = lees(
        path,
        "SELECT i.id, w.naam AS wijk, i.koppeling_id, i.soort, i.tekst, i.impact, i.horizon, "
        "i.interventie, i.interventie_eigenaar FROM items i JOIN koppelingen k ON "
        f"k.id = i.koppeling_id JOIN wijken w ON w.id = k.wijk_id {en} 1 = 1 ORDER BY i.id",
        params,
    )
    return {
        "besluiten": b,
        "opgaven": o,
        "koppelingen": k,
        "items": i,
        "acties": acties(path, wijk_naam),
        "risicos": risicos(path, wijk_naam),
    }


# ------------------------------------------------------------------------------ acties


def _actie_velden(velden: dict[str, Any]) -> dict[str, Any]:
    """Validate an actie's fields (all of :data:`_ACTIE_VELDEN`)."""
    status = validation.keuze(velden.get("status") or "gepland", "status", ACTIE_STATUSSEN)
    voortgang = velden.get("voortgang")
    voortgang = 0 if validation.leeg(voortgang) or voortgang == "" else voortgang
    schoon = {
        "titel": validation.tekst(
            velden.get("titel"), "titel", verplicht=True, max_len=validation.MAX_TITEL
        ),
        "eigenaar": validation.tekst(velden.get("eigenaar"), "eigenaar", max_len=200),
        "status": status,
        "voortgang": validation.geheel_tussen(voortgang, "voortgang", 0, 100),
        "start": validation.datum(velden.get("start"), "start"),
        "deadline": validation.datum(velden.get("deadline"), "deadline"),
        "toelichting": validation.tekst(velden.get("toelichting"), "toelichting"),
    }
    if schoon["start"] and schoon["deadline"] and str(schoon["deadline"]) < str(schoon["start"]):
        raise InvoerFout("De deadline ligt vóór de start.", kolom="deadline")
    return schoon


def _controleer_onderwerp(
    con: sqlite3.Connection, wid: int, soort: str, onderwerp_id: int, item_id: int | None
) -> None:
    tabel = "opgaven" if soort == "opgave" else "koppelingen"
    if not con.execute(
        f"SELECT 1 FROM {tabel} WHERE id = ? AND wijk_id = ?", (int(onderwerp_id), wid)
    ).fetchone():
        raise OnbekendFout(f"Onbekende {soort} {onderwerp_id} in deze wijk.")
    if (
        item_id is not None
        and not con.execute(
            "SELECT 1 FROM items i JOIN koppelingen k ON k.id = i.koppeling_id "
            "WHERE i.id = ? AND k.wijk_id = ?",
            (int(item_id), wid),
        ).fetchone()
    ):
        raise OnbekendFout(f"Kans of bedreiging {item_id} bestaat niet (meer) in deze wijk.")


def _voeg_actie_in(con: sqlite3.Connection, wid: int, onderwerp: tuple, a: dict[str, Any]) -> int:
    cur = con.execute(
        "INSERT INTO acties (wijk_id, onderwerp_soort, onderwerp_id, item_id, titel, eigenaar, "
        "status, voortgang, start, deadline, toelichting) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (wid, *onderwerp, *(a[k] for k in _ACTIE_VELDEN)),
    )
    return nieuw_id(cur)


def voeg_actie_toe(
    path: Path | str,
    wijk_naam: str,
    onderwerp_soort: str,
    onderwerp_id: int,
    *,
    item_id: int | None = None,
    **velden: Any,
) -> int:
    """Add an actie for an opgave or koppeling (from one of its kansen/bedreigingen when
    ``item_id`` is given). Fields: titel (required), eigenaar, status, voortgang (0–100),
    start, deadline (dd-mm-jjjj or ISO), toelichting."""
    soort = validation.keuze(onderwerp_soort, "onderwerp_soort", ONDERWERP_SOORTEN)
    a = _actie_velden(velden)
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        _controleer_onderwerp(con, wid, soort, onderwerp_id, item_id)
        onderwerp = (soort, int(onderwerp_id), None if item_id is None else int(item_id))
        return _voeg_actie_in(con, wid, onderwerp, a)


def _lees_actie(con: sqlite3.Connection, actie_id: int) -> tuple[int, dict[str, Any]]:
    rij = con.execute(
        f"SELECT wijk_id, {', '.join(_ACTIE_VELDEN)} FROM acties WHERE id = ?", (int(actie_id),)
    ).fetchone()
    if rij is None:
        raise OnbekendFout(f"Actie {actie_id} bestaat niet (meer).")
    return int(rij[0]), dict(zip(_ACTIE_VELDEN, rij[1:], strict=True))


def wijzig_actie(path: Path | str, actie_id: int, **velden: Any) -> None:
    """Change an actie's fields (any of titel, eigenaar, status, voortgang, start, deadline,
    toelichting). To record progress with a dated line, use :func:`werk_actie_bij`."""
    onbekend = set(velden) - set(_ACTIE_VELDEN)
    if onbekend:
        raise InvoerFout(f"Onbekend veld: {', '.join(sorted(onbekend))}.")
    with schrijf(path) as con:
        _wid, huidig = _lees_actie(con, actie_id)
        a = _actie_velden({**huidig, **velden})
        con.execute(
            f"UPDATE acties SET {', '.join(f'{k} = ?' for k in _ACTIE_VELDEN)} WHERE id = ?",
            (*(a[k] for k in _ACTIE_VELDEN), int(actie_id)),
        )


def werk_actie_bij(
    path: Path | str,
    actie_id: int,
    tekst: str = "",
    *,
    status: str | None = None,
    voortgang: int | str | None = None,
    datum: str | date | None = None,
    door: str | None = None,
) -> int:
    """Record progress on an actie: its new status and/or voortgang and a dated log line
    (``datum`` default today, ``door`` default the current user), in one change. Status
    'gereed' without a voortgang sets it to 100. Returns the log line's id."""
    with schrijf(path) as con:
        wid, huidig = _lees_actie(con, actie_id)
        nieuw = dict(huidig)
        if status is not None:
            nieuw["status"] = status
        if voortgang is not None and voortgang != "":
            nieuw["voortgang"] = voortgang
        elif status == "gereed":
            nieuw["voortgang"] = 100
        a = _actie_velden(nieuw)
        regel = validation.tekst(tekst, "tekst")
        dag = validation.datum(datum, "datum") or date.today().isoformat()
        wie = validation.tekst(
            door if door is not None else huidige_gebruiker(), "door", max_len=100
        )
        con.execute(
            "UPDATE acties SET status = ?, voortgang = ? WHERE id = ?",
            (a["status"], a["voortgang"], int(actie_id)),
        )
        cur = con.execute(
            "INSERT INTO actie_log (wijk_id, actie_id, datum, door, status, voortgang, tekst) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (wid, int(actie_id), dag, wie, a["status"], a["voortgang"], regel),
        )
        return nieuw_id(cur)


def verwijder_actie(path: Path | str, actie_id: int) -> None:
    """Remove an actie with its log (undo puts both back)."""
    with schrijf(path) as con:
        _lees_actie(con, actie_id)
        con.execute("DELETE FROM acties WHERE id = ?", (int(actie_id),))


def maak_acties_uit_besluiten(path: Path | str, wijk_naam: str) -> list[int]:
    """Turn the interventies of the kansen and bedreigingen of the chosen opgaven and
    koppelingen into acties (see :func:`wijkanalyse.uitvoering.voorgestelde_acties`), the
    ones that have none yet; all in one change. Returns the new acties' ids."""
    voorstel = voorgestelde_acties(
        besluiten(path, wijk_naam),
        koppelingen(path, wijk_naam),
        items(path, wijk_naam),
        acties(path, wijk_naam),
    )
    if voorstel.empty:
        return []
    nieuw = []
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        bestaand = {
            int(r[0])
            for r in con.execute(
                "SELECT item_id FROM acties WHERE wijk_id = ? AND item_id IS NOT NULL", (wid,)
            )
        }
        for r in voorstel.itertuples(index=False):
            if int(r.item_id) in bestaand:  # someone else made it meanwhile
                continue
            a = _actie_velden({"titel": r.titel, "eigenaar": r.eigenaar})
            onderwerp = (r.onderwerp_soort, int(r.onderwerp_id), int(r.item_id))
            nieuw.append(_voeg_actie_in(con, wid, onderwerp, a))
    return nieuw


# ------------------------------------------------------------------------------ risico's


def zet_risico(
    path: Path | str,
    item_id: int,
    *,
    risico_kans: int | str | None = None,
    risico_impact: int | str | None = None,
    maatregel: str = "",
    herzien_op: str | date | None = None,
) -> None:
    """Set a bedreiging's risk: kans and impact (1–5 each, empty: not yet judged), the chosen
    treatment (maatregel) and the next review date (dd-mm-jjjj or ISO)."""
    laag, hoog = RISICO_SCHAAL

    def schaal(w: Any, kolom: str) -> int | None:
        if validation.leeg(w) or w == "":
            return None
        return validation.geheel_tussen(w, kolom, laag, hoog)

    waarden = (
        schaal(risico_kans, "risico_kans"),
        schaal(risico_impact, "risico_impact"),
        validation.tekst(maatregel, "maatregel"),
        validation.datum(herzien_op, "herzien_op"),
    )
    with schrijf(path) as con:
        rij = con.execute(
            "SELECT i.soort, k.wijk_id FROM items i JOIN koppelingen k ON k.id = i.koppeling_id "
            "WHERE i.id = ?",
            (int(item_id),),
        ).fetchone()
        if rij is None:
            raise OnbekendFout(f"Bedreiging {item_id} bestaat niet (meer).")
        if rij[0] != "bedreiging":
            raise InvoerFout("Een risico hoort bij een bedreiging, niet bij een kans.")
        bestaand = con.execute("SELECT id FROM risicos WHERE item_id = ?", (int(item_id),))
        rid = bestaand.fetchone()
        if rid is None:
            con.execute(
                "INSERT INTO risicos (wijk_id, item_id, risico_kans, risico_impact, maatregel, "
                "herzien_op) VALUES (?, ?, ?, ?, ?, ?)",
                (int(rij[1]), int(item_id), *waarden),
            )
        else:
            con.execute(
                "UPDATE risicos SET risico_kans = ?, risico_impact = ?, maatregel = ?, "
                "herzien_op = ? WHERE id = ?",
                (*waarden, int(rid[0])),
            )


# ------------------------------------------------------------------------------ terugblikken

_TERUGBLIK_VELDEN = ("datum", "door", "volgens_plan", "veranderd", "geleerd")


def _terugblik_velden(velden: dict[str, Any]) -> dict[str, Any]:
    schoon = {
        "datum": validation.datum(velden.get("datum"), "datum") or date.today().isoformat(),
        "door": validation.tekst(velden.get("door"), "door", max_len=100),
        "volgens_plan": validation.tekst(velden.get("volgens_plan"), "volgens_plan"),
        "veranderd": validation.tekst(velden.get("veranderd"), "veranderd"),
        "geleerd": validation.tekst(velden.get("geleerd"), "geleerd"),
    }
    if not (schoon["volgens_plan"] or schoon["veranderd"] or schoon["geleerd"]):
        raise InvoerFout(
            "Een terugblik is leeg: schrijf op wat volgens plan ging, wat veranderde of wat "
            "we leerden.",
            kolom="geleerd",
        )
    return schoon


def voeg_terugblik_toe(path: Path | str, wijk_naam: str, **velden: Any) -> int:
    """Write a terugblik on a wijk: datum (default today; dd-mm-jjjj or ISO), door (default
    the current user), volgens_plan, veranderd, geleerd (at least one of the three)."""
    if validation.leeg(velden.get("door")) or not str(velden.get("door") or "").strip():
        velden = {**velden, "door": huidige_gebruiker()}
    t = _terugblik_velden(velden)
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        cur = con.execute(
            "INSERT INTO terugblikken (wijk_id, datum, door, volgens_plan, veranderd, geleerd) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (wid, *(t[k] for k in _TERUGBLIK_VELDEN)),
        )
        return nieuw_id(cur)


def wijzig_terugblik(path: Path | str, terugblik_id: int, **velden: Any) -> None:
    with schrijf(path) as con:
        rij = con.execute(
            f"SELECT {', '.join(_TERUGBLIK_VELDEN)} FROM terugblikken WHERE id = ?",
            (int(terugblik_id),),
        ).fetchone()
        if rij is None:
            raise OnbekendFout(f"Terugblik {terugblik_id} bestaat niet (meer).")
        t = _terugblik_velden({**dict(zip(_TERUGBLIK_VELDEN, rij, strict=True)), **velden})
        con.execute(
            f"UPDATE terugblikken SET {', '.join(f'{k} = ?' for k in _TERUGBLIK_VELDEN)} "
            "WHERE id = ?",
            (*(t[k] for k in _TERUGBLIK_VELDEN), int(terugblik_id)),
        )


def verwijder_terugblik(path: Path | str, terugblik_id: int) -> None:
    with schrijf(path) as con:
        if (
            con.execute("SELECT 1 FROM terugblikken WHERE id = ?", (int(terugblik_id),)).fetchone()
            is None
        ):
            raise OnbekendFout(f"Terugblik {terugblik_id} bestaat niet (meer).")
        con.execute("DELETE FROM terugblikken WHERE id = ?", (int(terugblik_id),))
