"""Items: the kansen and bedreigingen of a koppeling, with their interventions."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import validation
from ..core.errors import GelijktijdigFout, OnbekendFout
from ..databank import nieuw_id
from .opgaven import GEWIJZIGD
from .verbinding import lees, schrijf


def items(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    return lees(
        path,
        "SELECT i.id, i.koppeling_id, i.soort, i.tekst, i.impact, i.horizon, i.interventie, "
        "i.interventie_eigenaar, i.herkomst FROM items i "
        "JOIN koppelingen k ON k.id = i.koppeling_id JOIN wijken w ON w.id = k.wijk_id "
        "WHERE w.naam = ? ORDER BY i.id",
        (wijk_naam,),
    )


def voeg_item_toe(path: Path | str, koppeling_id: int, **velden: Any) -> int:
    it = validation.item(velden)
    with schrijf(path) as con:
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
        return nieuw_id(cur)


def wijzig_item(
    path: Path | str, item_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
) -> None:
    """Change an entry; ``verwacht`` works as in :func:`wijzig_opgave`."""
    with schrijf(path) as con:
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
            raise GelijktijdigFout(GEWIJZIGD.format(wat="deze kans of bedreiging"))
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
    with schrijf(path) as con:
        verwijder_item_in(con, item_id)


def verwijder_item_in(con: sqlite3.Connection, item_id: int) -> None:
    if con.execute("SELECT 1 FROM items WHERE id = ?", (int(item_id),)).fetchone() is None:
        raise OnbekendFout(f"Kans of bedreiging {item_id} bestaat niet (meer).")
    con.execute("DELETE FROM items WHERE id = ?", (int(item_id),))
