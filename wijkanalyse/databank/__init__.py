"""Which database a workspace is in, and a PostgreSQL connection that speaks like sqlite3.

A workspace is a SQLite file (a path) or a team workspace on PostgreSQL (a
``postgresql://`` URL). The store's SQL is written once, in the subset both dialects
share; :class:`PgVerbinding` offers the few ``sqlite3.Connection`` methods the store uses
(``execute``, ``executemany``, ``close``, ``lastrowid`` on the cursor) and translates the
little that differs:

- ``?`` placeholders become ``%s``;
- an ``INSERT`` gets ``RETURNING id``, so ``cursor.lastrowid`` works as in sqlite3;
- ``BEGIN IMMEDIATE`` (SQLite: take the write lock now) becomes ``BEGIN`` plus a
  transaction-level advisory lock: writers to one workspace take turns, exactly as in
  SQLite, so every read-check-write (optimistic checks, "a new score replaces the old one")
  stays correct without retry loops; readers never wait (MVCC);
- a bare ``BEGIN`` (a consistent read over several statements) becomes
  ``BEGIN ISOLATION LEVEL REPEATABLE READ``;
- ``PRAGMA defer_foreign_keys = ON`` becomes ``SET CONSTRAINTS ALL DEFERRED``.

No pandas and no psycopg at import: a participant's kernel stays small, and psycopg is
imported only when a ``postgresql://`` workspace is opened. The password in a URL is never
shown: :class:`Werkruimte` (and :func:`toon`) masks it, and every error raised here is masked
too. The functions ``is_url``, ``toon``, ``naam``, ``getoond`` and ``maskeer`` are the
:class:`Werkruimte` value's answers for a bare ``str``/``Path``, kept for callers that hold one.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from typing import Any

from ..core.errors import WijkanalyseFout
from .werkruimte import Werkruimte as Werkruimte

# The advisory lock every write transaction of a workspace takes ("wijk" in ASCII).
SCHRIJFSLOT = 0x77696A6B


def nieuw_id(cur: Any) -> int:
    """The id of the row an ``INSERT`` just added (``lastrowid``: sqlite3's, or
    :class:`PgVerbinding`'s from ``RETURNING id``)."""
    if cur.lastrowid is None:
        raise RuntimeError("Een INSERT gaf geen id terug.")
    return int(cur.lastrowid)


def is_url(werkruimte: Any) -> bool:
    """True for a team workspace on PostgreSQL (``postgresql://…``)."""
    return Werkruimte.van(werkruimte).is_url


def toon(werkruimte: Any) -> str:
    """The workspace as it may be shown: a URL's password replaced by ``***``
    (:meth:`Werkruimte.toon`)."""
    return Werkruimte.van(werkruimte).toon()


def naam(werkruimte: Any) -> str:
    """A short name: the file name, or the database's name in a URL."""
    return Werkruimte.van(werkruimte).naam


def getoond(werkruimte: Any) -> str:
    """How a log or report names the workspace: the full path, or the URL without password."""
    return Werkruimte.van(werkruimte).volledig()


def maskeer(tekst: str, werkruimte: Any) -> str:
    """``tekst`` with the workspace's password (if any) replaced by ``***``."""
    return Werkruimte.van(werkruimte).maskeer(tekst)


def fouten() -> tuple[type[BaseException], ...]:
    """The database errors of the backends in use (psycopg's only once it is loaded)."""
    import sys

    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error, psycopg.Error) if psycopg else (sqlite3.Error,)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise WijkanalyseFout(
            "Voor een teamwerkruimte op PostgreSQL is het pakket psycopg nodig: "
            "pip install 'psycopg[binary]' (of conda install psycopg)."
        ) from None
    return psycopg


# --------------------------------------------------------------------------- translation

_VERTAALD: dict[str, str] = {}
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)
_ZONDER_ID = {"wijzigingen", "schema_versie"}


def vertaal(sql: str) -> str:
    """SQLite-style SQL to PostgreSQL's (cached)."""
    uit = _VERTAALD.get(sql)
    if uit is None:
        uit = sql.replace("%", "%%").replace("?", "%s")
        m = _INSERT.match(uit)
        if m and m.group(1).lower() not in _ZONDER_ID and "RETURNING" not in uit.upper():
            uit = uit.rstrip().rstrip(";") + " RETURNING id"
        _VERTAALD[sql] = uit
    return uit


class PgCursor:
    """The result of one statement, with sqlite3's ``lastrowid``."""

    def __init__(self, cur: Any, insert: bool) -> None:
        self._cur = cur
        self.lastrowid: int | None = None
        if insert and cur.description is not None:
            rijen = cur.fetchall()
            self.lastrowid = int(rijen[-1][0]) if rijen else None
            self._rest: list[tuple] | None = []
        else:
            self._rest = None

    @property
    def description(self) -> Any:
        return self._cur.description

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    def fetchone(self) -> tuple | None:
        if self._rest is not None:
            return None
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[tuple]:
        if self._rest is not None:
            return []
        return self._cur.fetchall() if self._cur.description is not None else []

    def __iter__(self) -> Any:
        return iter(self.fetchall())


# --------------------------------------------------------------------------- connections

_pool: dict[tuple[int, str], list[Any]] = {}
_pool_slot = threading.Lock()
_POOL_MAX = 1  # per process: a Voila kernel per participant, so keep it small


class PgVerbinding:
    """A PostgreSQL connection with the part of sqlite3's interface the store uses.

    Autocommit between transactions (like sqlite3 with ``isolation_level=None``): a read
    outside a transaction sees every committed change. :meth:`close` hands an idle
    connection back to a per-process pool of one (opening one costs 10–20 ms with password
    authentication; a store call costs less)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self._con = _uit_pool(url)

    def execute(self, sql: str, params: Any = ()) -> PgCursor:
        kop = sql.lstrip()[:32].upper()
        if kop.startswith("BEGIN IMMEDIATE"):
            self._con.execute("BEGIN")
            self._con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHRIJFSLOT,))
            return PgCursor(self._con.cursor(), False)
        if kop.rstrip(";") == "BEGIN":
            sql = "BEGIN ISOLATION LEVEL REPEATABLE READ"
        elif kop.startswith("PRAGMA DEFER_FOREIGN_KEYS"):
            sql = "SET CONSTRAINTS ALL DEFERRED"
        vertaald = vertaal(sql)
        cur = self._con.execute(vertaald, tuple(params))
        # only our own RETURNING id is consumed for lastrowid; the caller's is theirs
        return PgCursor(cur, vertaald.endswith(" RETURNING id") and "RETURNING" not in sql.upper())

    def executescript(self, sql: str) -> None:
        """Several statements as they are (PostgreSQL's own dialect, no placeholders)."""
        self._con.execute(sql)

    def executemany(self, sql: str, reeks: Any) -> None:
        with self._con.cursor() as cur:
            cur.executemany(vertaal(sql), [tuple(r) for r in reeks])

    def close(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            _terug_in_pool(self.url, con)

    def __enter__(self) -> PgVerbinding:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _open_pg(url: str) -> Any:
    psycopg = _psycopg()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=15)
    except psycopg.Error as e:
        raise WijkanalyseFout(
            maskeer(
                f"De teamwerkruimte {toon(url)} is niet bereikbaar: {str(e).strip()}. Kloppen "
                "server, database, gebruiker en wachtwoord (in de URL, PGPASSWORD of "
                "~/.pgpass)?",
                url,
            )
        ) from None


def _uit_pool(url: str) -> Any:
    sleutel = (os.getpid(), url)
    with _pool_slot:
        vrij = _pool.get(sleutel)
        while vrij:
            con = vrij.pop()
            if not con.closed:
                return con
    return _open_pg(url)


def _terug_in_pool(url: str, con: Any) -> None:
    from psycopg import pq

    if con.closed or con.info.transaction_status != pq.TransactionStatus.IDLE:
        con.close()
        return
    sleutel = (os.getpid(), url)
    with _pool_slot:
        vrij = _pool.setdefault(sleutel, [])
        if len(vrij) < _POOL_MAX:
            vrij.append(con)
            return
    con.close()


def sluit_pool() -> None:
    """Close this process's idle PostgreSQL connections (tests drop databases afterwards)."""
    with _pool_slot:
        for sleutel in [k for k in _pool if k[0] == os.getpid()]:
            for con in _pool.pop(sleutel):
                con.close()


def dialect(con: Any) -> str:
    return getattr(con, "dialect", "sqlite")


# --------------------------------------------------------------------------- network drives
# SQLite's locking relies on the operating system's file locks, which network filesystems
# and sync clients do not keep reliably: two laptops on one file on a share can corrupt it.

MOUNTS = "/proc/mounts"
_NETWERK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "davfs", "coda", "ceph"}
_LOKALE_FUSE = {"fuse.lxcfs", "fuse.portal", "fuse.snapfuse", "fuse.squashfuse", "fuse.appimage"}
_SYNC_MAPPEN: tuple[str, ...] = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "icloud",
    "nextcloud",
    "owncloud",
)


class NetwerkschijfWaarschuwing(UserWarning):
    """A SQLite workspace on a network drive or in a synced folder."""


def _mounts(tekst: str) -> list[tuple[str, str]]:
    uit = []
    for regel in tekst.splitlines():
        delen = regel.split()
        if len(delen) >= 3:
            punt = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), delen[1])
            uit.append((punt, delen[2]))
    return uit


def bestandssysteem(pad: Any, mounts: str | None = None) -> str:
    """The filesystem type (as in /proc/mounts) that ``pad`` lives on; '' when unknown."""
    from pathlib import Path

    if mounts is None:
        try:
            mounts = Path(MOUNTS).read_text(encoding="utf-8", errors="replace")
        except OSError:  # not Linux
            return ""
    p = Path(str(pad)).expanduser().absolute()
    beste, soort = -1, ""
    for punt, fs in _mounts(mounts):
        basis = punt.rstrip("/") or "/"
        if str(p) == basis or str(p).startswith(basis.rstrip("/") + "/"):
            if len(basis) > beste:
                beste, soort = len(basis), fs
    return soort


def netwerkschijf_waarschuwing(pad: Any, mounts: str | None = None) -> str | None:
    """A Dutch warning when a SQLite workspace is on a network drive or in a synced folder
    (``mounts``: the text of /proc/mounts, read when not given); None when it is local."""
    if Werkruimte.van(pad).is_url:
        return None
    tekst = str(pad)
    fs = bestandssysteem(pad, mounts)
    waar = ""
    if fs in _NETWERK_FS or (fs.startswith("fuse.") and fs not in _LOKALE_FUSE):
        waar = f"op een netwerkschijf of gekoppelde map ({fs})"
    elif tekst.startswith(("\\\\", "//")):
        waar = "op een netwerkschijf"
    else:
        from pathlib import PurePath

        for deel in PurePath(tekst).parts[:-1]:
            if any(deel.lower().startswith(s) for s in _SYNC_MAPPEN):
                waar = f"in een gesynchroniseerde map ('{deel}')"
                break
    if not waar:
        return None
    return (
        f"Let op: werkruimte '{tekst}' staat {waar}. Een SQLite-bestand is daar niet veilig als "
        "meer mensen of laptops tegelijk werken: de vergrendeling werkt er niet betrouwbaar "
        "en het bestand kan beschadigd raken. Werk met één laptop op een lokale kopie, of "
        "gebruik een teamwerkruimte op PostgreSQL (--werkruimte postgresql://…; zie "
        "'Teamwerkruimte' in de README)."
    )
