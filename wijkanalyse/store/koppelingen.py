"""Koppelingen: pairs of opgaven with their level; a worksheet import replaces them whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from ..core import validation
from ..core.errors import InvoerFout, OnbekendFout
from ..databank import nieuw_id
from .items import voeg_item_in
from .verbinding import lees, schrijf, wijk_id_van


def koppelingen(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return lees(
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
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        return zet_koppeling_in(con, wid, wijk_naam, a, b, niveau, toelichting)[0]


def zet_koppeling_in(
    con: sqlite3.Connection,
    wid: int,
    wijk_naam: str,
    a: int,
    b: int,
    niveau: str,
    toelichting: str,
) -> tuple[int, bool]:
    """Create or update the koppeling of the pair ``a < b`` (both opgaven of wijk ``wid``,
    named ``wijk_naam``, else :class:`OnbekendFout`) with validated ``niveau`` and
    ``toelichting``; returns its id and whether it existed already."""
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
        return int(row[0]), True
    cur = con.execute(
        "INSERT INTO koppelingen (wijk_id, opgave_a, opgave_b, niveau, toelichting) "
        "VALUES (?, ?, ?, ?, ?)",
        (wid, a, b, niveau, toelichting),
    )
    return nieuw_id(cur), False


def verwijder_koppeling(path: Path | str, koppeling_id: int) -> None:
    with schrijf(path) as con:
        verwijder_koppeling_in(con, koppeling_id)


def verwijder_koppeling_in(con: sqlite3.Connection, koppeling_id: int) -> None:
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


def importeer_werkblad(
    path: Path | str, wijk_naam: str, koppelingen_df: pd.DataFrame, items_df: pd.DataFrame
) -> None:
    """Replace the koppelingen named in a worksheet (and their entries) in one transaction.

    ``koppelingen_df`` has opgave_a, opgave_b, niveau, toelichting; ``items_df`` has
    opgave_a, opgave_b and the item columns.
    """
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        ids: dict[tuple[int, int], int] = {}
        for rec in koppelingen_df.to_dict("records"):
            a, b = sorted((int(rec["opgave_a"]), int(rec["opgave_b"])))
            if a == b:
                raise InvoerFout(
                    "Een opgave kan niet met zichzelf gekoppeld worden.", kolom="opgave_b"
                )
            niveau = validation.niveau(rec.get("niveau"))
            toel = validation.tekst(rec.get("toelichting"), "toelichting")
            kid, bestond = zet_koppeling_in(con, wid, wijk_naam, a, b, niveau, toel)
            if bestond:
                con.execute("DELETE FROM items WHERE koppeling_id = ?", (kid,))
            ids[(a, b)] = kid
        for rec in items_df.to_dict("records"):
            key = tuple(sorted((int(rec["opgave_a"]), int(rec["opgave_b"]))))
            if key not in ids:
                raise InvoerFout(f"Item hoort bij paar {key} dat niet in het werkblad staat.")
            voeg_item_in(con, ids[key], validation.item(rec))
