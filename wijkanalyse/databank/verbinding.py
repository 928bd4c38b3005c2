"""The connection to a workspace: open it, check it, and one write transaction (no pandas).

The store (:mod:`wijkanalyse.store`, which adds reading into DataFrames in
``store/verbinding.py``) and the werksessie's tables (:mod:`.werksessie`) both use it.

A workspace is a SQLite file or a ``postgresql://`` URL; :mod:`wijkanalyse.databank` gives
a PostgreSQL connection the same interface, so the SQL in this package is written once.
Every write goes through :func:`schrijf`: one short ``BEGIN IMMEDIATE`` transaction (on
PostgreSQL: a transaction holding the workspace's write lock), so concurrent writers
(twenty workshop laptops) wait for each other instead of losing entries, and a failed write
changes nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..core import error_display
from ..core.errors import OnbekendFout, WerkruimteFout, systeemfout
from . import PgVerbinding, dialect
from .journaal import sluit_historie
from .versie import SCHEMA_VERSIE, te_nieuw
from .werkruimte import Werkruimte

#: With this variable set to a file name, every SQLite connection of the process (and of the
#: kernels it starts) appends the name of each table it reads to that file: how a test finds
#: the tables a report shows (:data:`wijkanalyse.store.wijken.VINGERAFDRUK_TABELLEN`).
SPOOR_TABELLEN = "WIJKANALYSE_SPOOR_TABELLEN"


#: How long a writer waits for another's lock before giving up (seconds); the variable
#: ``WIJKANALYSE_WACHTTIJD`` sets another (tests: a lock held "too long" in a second).
def wachttijd() -> float:
    try:
        return max(0.0, float(os.environ.get("WIJKANALYSE_WACHTTIJD", "60")))
    except ValueError:
        return 60.0


def verbind(path: Path | str) -> sqlite3.Connection:
    werkruimte = Werkruimte.van(path)
    if werkruimte.is_url:
        return PgVerbinding(werkruimte.url)  # type: ignore[return-value]  # same interface
    error_display.laatst_geopend = str(path)
    wacht = wachttijd()
    try:
        # check_same_thread=False: a werksessie page's watcher reads on another thread
        con = sqlite3.connect(
            str(path), timeout=wacht, isolation_level=None, check_same_thread=False
        )
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(f"PRAGMA busy_timeout = {int(wacht * 1000)}")
    except sqlite3.Error as e:
        raise vertaald(e, path) from e
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


def eis_bestaand(path: Path | str) -> None:
    """Refuse a workspace that is not there, or a file that is no workspace (empty, or not
    SQLite: cheap, from its first bytes). Never creates anything."""
    if Werkruimte.van(path).is_url:
        return  # a server says itself whether the database is there
    if not Path(path).is_file():
        raise OnbekendFout(f"Werkruimte '{path}' bestaat niet. Maak haar eerst aan.")
    _controleer_kop(Path(path))


# ------------------------------------------------------------------ damaged workspaces
# A workspace opened for writing is checked first (once per process and file): an empty
# file, one that is not SQLite, a newer schema or a damaged one (SQLite's quick_check) is
# refused, in Dutch, pointing to the backup copies; nothing is written into it, and an
# empty or foreign file is never turned into a workspace (only ``wijkanalyse nieuw`` makes
# one). The quick check reads every page once: ~30 ms on the demo workspace (see
# benchmarks/bench_controle.py for a large one).

_gecontroleerd: set[tuple[int, int, int]] = set()  # (pid, device, inode) checked and sound


def reservekopieen(path: Path | str) -> list[Path]:
    """The copies wijkanalyse made of this workspace (before a schema update), newest first."""
    p = Path(path)
    kopieen = p.parent.glob(f"{p.stem}.voor-v*{p.suffix}") if p.parent.is_dir() else []
    return sorted(kopieen, key=lambda k: k.stat().st_mtime, reverse=True)


def _over_reservekopie(path: Path | str) -> str:
    kopieen = reservekopieen(path)
    if kopieen:
        namen = " of ".join(f"'{k.name}'" for k in kopieen[:3])
        return (
            f"Zet een reservekopie terug: {namen} (door wijkanalyse naast het bestand gemaakt "
            "vóór een update), of uw eigen."
        )
    p = Path(path)
    return (
        "Zet uw eigen reservekopie terug (een kopie die wijkanalyse vóór een update maakt, "
        f"'{p.stem}.voor-v<n>{p.suffix}', staat er niet naast)."
    )


def _geen_werkruimte(path: Path, wat: str) -> WerkruimteFout:
    return WerkruimteFout(
        f"'{path}' is {wat}, geen werkruimte; er is niets in geschreven. "
        f"{_over_reservekopie(path)} Of maak een nieuwe: wijkanalyse nieuw PAD",
        "geen-werkruimte",
    )


_kop_gezien: set[tuple[int, int, int]] = set()  # (pid, device, inode) whose header was read


def _controleer_kop(path: Path) -> None:
    """Refuse an empty file (from its size) or one that does not start as SQLite. The header
    is read once per process and file, before this process opens it with SQLite: closing any
    other handle on a database file drops every POSIX lock the process holds on it (SQLite's
    own included), and kernels that kept a connection open then got "disk I/O error"."""
    try:
        st = path.stat()
    except OSError as e:
        raise vertaald(e, path) from e
    if st.st_size == 0:
        raise _geen_werkruimte(path, "een leeg bestand (0 bytes)")
    sleutel = (os.getpid(), st.st_dev, st.st_ino)
    if sleutel in _kop_gezien:
        return
    # Read through SQLite itself: it shares one file handle per file within the process and
    # keeps it open while any of its connections holds a lock.
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=wachttijd())
    try:
        con.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or getattr(e, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise _geen_werkruimte(path, "geen SQLite-bestand") from None
        raise vertaald(e, path) from e
    finally:
        con.close()
    _kop_gezien.add(sleutel)


def controleer(path: Path | str, *, altijd: bool = False) -> None:
    """Refuse to write into a workspace file that is empty, not SQLite, of a newer schema, or
    damaged (``PRAGMA quick_check``). Once per process and file unless ``altijd``; a missing
    file and a PostgreSQL URL pass (a server checks itself)."""
    if Werkruimte.van(path).is_url or not Path(path).exists():
        return
    p = Path(path)
    _controleer_kop(p)
    st = p.stat()
    sleutel = (os.getpid(), st.st_dev, st.st_ino)
    if sleutel in _gecontroleerd and not altijd:
        return
    con = sqlite3.connect(str(p), timeout=wachttijd(), isolation_level=None)
    try:
        versie = con.execute("PRAGMA user_version").fetchone()[0]
        uitslag = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
    except sqlite3.Error as e:
        raise vertaald(e, p) from e
    finally:
        con.close()
    if versie > SCHEMA_VERSIE:
        raise te_nieuw(versie)
    if uitslag != ["ok"]:
        fout = WerkruimteFout(
            f"Werkruimte '{p}' is beschadigd (de controle van SQLite vond fouten); er is niets "
            f"in geschreven. {_over_reservekopie(p)}",
            "beschadigd",
        )
        raise fout from sqlite3.DatabaseError("quick_check: " + "; ".join(map(str, uitslag)))
    _gecontroleerd.add(sleutel)


def vertaald(e: BaseException, path: Path | str) -> BaseException:
    """A system fault as one Dutch sentence naming the workspace; anything else unchanged."""
    if _map_alleen_lezen(e, path):  # SQLite cannot make its -wal/-shm files next to it
        e = PermissionError(30, "read-only folder", str(path))
    elif _schijf_vol(e, path):  # SQLite calls a full disk at times "disk I/O error"
        e = OSError(28, "disk full", str(path))
    getoond = Werkruimte.van(path).toon()
    fout = systeemfout(e, getoond, reservekopie=_over_reservekopie(path), wachttijd=wachttijd())
    return fout if fout is not None else e


def _schijf_vol(e: BaseException, path: Path | str) -> bool:
    naam = str(getattr(e, "sqlite_errorname", ""))
    if not naam.startswith("SQLITE_IOERR") or Werkruimte.van(path).is_url:
        return False
    try:
        st = os.statvfs(Path(path).parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1024 * 1024


def _map_alleen_lezen(e: BaseException, path: Path | str) -> bool:
    """'unable to open database file' for a file that is there: is its folder read-only?
    (Tried by making a file there: a read-only mount and ``chattr +i`` stop root too.)"""
    if not isinstance(e, sqlite3.Error) or Werkruimte.van(path).is_url or not Path(path).is_file():
        return False
    if getattr(e, "sqlite_errorname", "") != "SQLITE_CANTOPEN":
        return False
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=Path(path).parent):
            return False
    except OSError:
        return True


@contextmanager
def schrijf(
    path: Path | str, *, historie: dict[str, Any] | None = None
) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or nothing does. What it changed is written
    to the history (:func:`historie`) in the same transaction.

    The workspace is checked first (:func:`controleer`); a full disk, a read-only file, a
    damaged page or a lock held too long ends as one Dutch :class:`WerkruimteFout`."""
    eis_bestaand(path)
    controleer(path)
    try:
        con = verbind(path)
        try:
            ruime_cache(con)
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                sluit_historie(con, historie or {})
            except BaseException:
                # SQLite itself rolls back after some faults (a full disk): no second error
                with suppress(Exception):
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()
    except (sqlite3.Error, OSError) as e:
        fout = vertaald(e, path)
        if fout is e:
            raise
        raise fout from e


def ruime_cache(con: sqlite3.Connection) -> None:
    """Let a large write (an import of 96,000 scores and their history rows) keep its pages
    in memory: with SQLite's default 2 MB page cache it spilled them to the file midway and
    wrote them again, a third of an import's time. Only what a transaction touches is held."""
    if dialect(con) == "sqlite":
        con.execute("PRAGMA cache_size = -131072")  # KiB: at most 128 MB


def wijk_id_van(con: sqlite3.Connection, wijk: str) -> int:
    row = con.execute("SELECT id FROM wijken WHERE naam = ?", (wijk,)).fetchone()
    if row is None:
        namen = [r[0] for r in con.execute("SELECT naam FROM wijken ORDER BY naam")]
        raise OnbekendFout(
            f"Wijk '{wijk}' bestaat niet in deze werkruimte. "
            f"Bekende wijken: {', '.join(namen) or '(geen)'}."
        )
    return int(row[0])
