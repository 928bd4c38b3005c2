"""The store's side of the connection: reading a query into a DataFrame (:func:`lees`).

Opening a workspace, its checks and the one write transaction (:func:`schrijf`) are in
:mod:`wijkanalyse.databank.verbinding` (no pandas: the werksessie's tables use them too);
the store's modules take them from here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..databank import Werkruimte
from ..databank.verbinding import (
    SPOOR_TABELLEN,
    controleer,
    eis_bestaand,
    reservekopieen,
    schrijf,
    verbind,
    vertaald,
    wachttijd,
    wijk_id_van,
)

__all__ = [
    "SPOOR_TABELLEN",
    "controleer",
    "eis_bestaand",
    "lees",
    "lees_wijk_rij",
    "reservekopieen",
    "schrijf",
    "verbind",
    "wachttijd",
    "wijk_id_van",
]


def lees(path: Path | str, sql: str, params: Iterable[Any] = ()) -> pd.DataFrame:
    if Werkruimte.van(path).is_url:
        con = verbind(path)
        try:
            cur = con.execute(sql, tuple(params))
            kolommen = [d[0] for d in cur.description]
            return pd.DataFrame.from_records(cur.fetchall(), columns=kolommen, coerce_float=True)
        finally:
            con.close()
    path = Path(path)
    eis_bestaand(path)
    con = verbind(path)
    try:
        return pd.read_sql_query(sql, con, params=tuple(params))
    except sqlite3.Error as e:
        fout = vertaald(e, path)
        if fout is e:
            raise
        raise fout from e
    finally:
        con.close()


def lees_wijk_rij(path: Path | str, wijk_naam: str, sql: str) -> Any:
    """The first row ``sql`` gives with the wijk's id as its one parameter, on a short
    connection (None when none; :class:`OnbekendFout` naming the known wijken for an unknown
    wijk)."""
    con = verbind(path)
    try:
        return con.execute(sql, (wijk_id_van(con, wijk_naam),)).fetchone()
    finally:
        con.close()
