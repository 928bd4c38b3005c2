"""Items: the kansen and bedreigingen of a koppeling, with their interventions."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import validation
from ..core.errors import GelijktijdigFout, OnbekendFout
from ..core.vocabulary import ITEM_VELDEN
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


def item_waarden(it: dict[str, Any]) -> tuple[Any, ...]:
    """A validated item's values in the order of :data:`ITEM_VELDEN` (the items table's)."""
    return tuple(it[k] for k in ITEM_VELDEN)


def voeg_item_in(
    con: sqlite3.Connection, koppeling_id: int, it: dict[str, Any], herkomst: str = ""
) -> int:
    """Insert the validated item ``it`` under koppeling ``koppeling_id`` (checked only by the
    foreign key); returns its id."""
    cur = con.execute(
        f"INSERT INTO items (koppeling_id, {', '.join(ITEM_VELDEN)}, herkomst) "
        f"VALUES (?, {', '.join('?' * len(ITEM_VELDEN))}, ?)",
        (int(koppeling_id), *item_waarden(it), herkomst),
    )
    return nieuw_id(cur)


def voeg_bestaand_item_in(
    con: sqlite3.Connection, koppeling_id: int, it: dict[str, Any], herkomst: str = ""
) -> int:
    """:func:`voeg_item_in` after checking that the koppeling exists (:class:`OnbekendFout`)."""
    if not con.execute("SELECT 1 FROM koppelingen WHERE id = ?", (int(koppeling_id),)).fetchone():
        raise OnbekendFout(f"Koppeling {koppeling_id} bestaat niet (meer).")
    return voeg_item_in(con, koppeling_id, it, herkomst)


def voeg_item_toe(path: Path | str, koppeling_id: int, **velden: Any) -> int:
    it = validation.item(velden)
    with schrijf(path) as con:
        return voeg_bestaand_item_in(con, koppeling_id, it)


def wijzig_item(
    path: Path | str, item_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
) -> None:
    """Change an entry; ``verwacht`` works as in :func:`wijzig_opgave`."""
    with schrijf(path) as con:
        row = con.execute(
            f"SELECT {', '.join(ITEM_VELDEN)} FROM items WHERE id = ?", (int(item_id),)
        ).fetchone()
        if row is None:
            raise OnbekendFout(f"Item {item_id} bestaat niet (meer).")
        huidig = dict(zip(ITEM_VELDEN, row, strict=True))
        if verwacht is not None and validation.item(verwacht) != validation.item(huidig):
            raise GelijktijdigFout(GEWIJZIGD.format(wat="deze kans of bedreiging"))
        huidig.update(velden)
        it = validation.item(huidig)
        con.execute(
            f"UPDATE items SET {', '.join(f'{k}=?' for k in ITEM_VELDEN)} WHERE id=?",
            (*item_waarden(it), int(item_id)),
        )


def verwijder_item(path: Path | str, item_id: int) -> None:
    with schrijf(path) as con:
        verwijder_item_in(con, item_id)


def verwijder_item_in(con: sqlite3.Connection, item_id: int) -> None:
    if con.execute("SELECT 1 FROM items WHERE id = ?", (int(item_id),)).fetchone() is None:
        raise OnbekendFout(f"Kans of bedreiging {item_id} bestaat niet (meer).")
    con.execute("DELETE FROM items WHERE id = ?", (int(item_id),))
