"""The store's connection: open a workspace, one write transaction, one read.

A workspace is a SQLite file or a ``postgresql://`` URL; :mod:`wijkanalyse.databank` gives
a PostgreSQL connection the same interface, so the SQL in this package is written once.
Every write goes through :func:`_schrijf`: one short ``BEGIN IMMEDIATE`` transaction (on
PostgreSQL: a transaction holding the workspace's write lock), so concurrent writers
(twenty workshop laptops) wait for each other instead of losing entries, and a failed write
changes nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from ..databank import PgVerbinding, is_url
from ..errors import OnbekendFout

#: With this variable set to a file name, every SQLite connection of the process (and of the
#: kernels it starts) appends the name of each table it reads to that file: how a test finds
#: the tables a report shows (:data:`wijkanalyse.store.wijken.VINGERAFDRUK_TABELLEN`).
SPOOR_TABELLEN = "WIJKANALYSE_SPOOR_TABELLEN"


def _connect(path: Path | str) -> sqlite3.Connection:
    if is_url(path):
        return PgVerbinding(str(path))  # type: ignore[return-value]  # same interface
    con = sqlite3.connect(str(path), timeout=60, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 60000")
    spoor = os.environ.get(SPOOR_TABELLEN)
    if spoor:
        _volg_tabellen(con, spoor)
    return con


def _volg_tabellen(con: sqlite3.Connection, spoor: str) -> None:
    gelezen: set[str] = set()

    def autorisatie(actie: int, tabel: str | None, *_: Any) -> int:
        if actie == sqlite3.SQLITE_READ and tabel and tabel not in gelezen:
            gelezen.add(tabel)
            with open(spoor, "a", encoding="utf-8") as f:
                f.write(tabel + "\n")
        return sqlite3.SQLITE_OK

    con.set_authorizer(autorisatie)


def _bestaat(path: Path | str) -> None:
    if is_url(path):
        return  # a server says itself whether the database is there
    if not Path(path).is_file():
        raise OnbekendFout(f"Werkruimte '{path}' bestaat niet. Maak haar eerst aan.")


@contextmanager
def _schrijf(
    path: Path | str, *, historie: dict[str, Any] | None = None
) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or nothing does. What it changed is written
    to the history (:func:`historie`) in the same transaction."""
    _bestaat(path)
    con = _connect(path)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            _sluit_historie(con, historie or {})
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()


def _lees(path: Path | str, sql: str, params: Iterable[Any] = ()) -> pd.DataFrame:
    if is_url(path):
        con = _connect(path)
        try:
            cur = con.execute(sql, tuple(params))
            kolommen = [d[0] for d in cur.description]
            return pd.DataFrame.from_records(cur.fetchall(), columns=kolommen, coerce_float=True)
        finally:
            con.close()
    path = Path(path)
    if not path.exists():
        raise OnbekendFout(f"Werkruimte '{path}' bestaat niet. Maak haar eerst aan.")
    con = _connect(path)
    try:
        return pd.read_sql_query(sql, con, params=tuple(params))
    finally:
        con.close()


def _wijk_id(con: sqlite3.Connection, wijk: str) -> int:
    row = con.execute("SELECT id FROM wijken WHERE naam = ?", (wijk,)).fetchone()
    if row is None:
        namen = [r[0] for r in con.execute("SELECT naam FROM wijken ORDER BY naam")]
        raise OnbekendFout(
            f"Wijk '{wijk}' bestaat niet in deze werkruimte. "
            f"Bekende wijken: {', '.join(namen) or '(geen)'}."
        )
    return int(row[0])


# At the end: historie itself writes through _schrijf.
from .historie import _sluit_historie  # noqa: E402
