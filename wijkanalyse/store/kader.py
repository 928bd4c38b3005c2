"""The afwegingskader: criteria, the kader's version token and the completeness rule."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .. import standaard, validation
from ..errors import DubbelFout, GelijktijdigFout, InvoerFout
from .migraties import _SCHEMA_EXTRA
from .verbinding import _connect, _lees, _schrijf, _wijk_id


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
