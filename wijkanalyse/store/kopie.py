"""Copy a whole workspace between SQLite and PostgreSQL (either way), all or nothing.

Every table is copied row for row with its ids, the history and the change counters
included; the triggers of the target are switched off meanwhile, so the copy adds no
history of its own. Afterwards each table's row count and a checksum of its rows are
compared between source and target, still inside the target's transaction: a difference
rolls everything back. A SQLite target is built under a temporary name and renamed at the
end, so a failed copy leaves no half-made file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..core.errors import WijkanalyseFout
from ..databank import Werkruimte, toon
from ..databank.journaal import HISTORIE_TABELLEN
from .migraties import maak_werkruimte
from .verbinding import verbind

# Parents before children (foreign keys); the order the rows are written in. The history's
# tables come first, in their own order (parents first too), then the rest.
KOPIE_TABELLEN = (
    *HISTORIE_TABELLEN,
    "cbs_regios",
    "cbs_cijfers",
    "sessies",
    "sessie_groepen",
    "rondes",
    "deelnemers",
    "voorstellen",
    "antwoorden",
    "historie",
    "historie_rijen",
    "wijzigingen",
)
_SLEUTEL = {"wijzigingen": "wijk_id"}


def _waarde(v: Any) -> Any:
    """One value as both databases give it back (3 and 3.0 are one number)."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _lees_tabel(con: Any, tabel: str) -> tuple[list[str], list[tuple]]:
    cur = con.execute(f"SELECT * FROM {tabel} ORDER BY {_SLEUTEL.get(tabel, 'id')}")
    kolommen = [d[0] for d in cur.description]
    return kolommen, [tuple(r) for r in cur.fetchall()]


def _controle(rijen: list[tuple]) -> str:
    h = hashlib.sha256()
    for r in rijen:
        h.update(repr(tuple(_waarde(v) for v in r)).encode())
    return h.hexdigest()


def telling(werkruimte: Path | str) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a checksum of their contents."""
    con = verbind(werkruimte)
    try:
        con.execute("BEGIN")  # one consistent snapshot
        try:
            uit = {}
            for tabel in KOPIE_TABELLEN:
                rijen = _lees_tabel(con, tabel)[1]
                uit[tabel] = (len(rijen), _controle(rijen))
            return uit
        finally:
            con.execute("ROLLBACK")
    finally:
        con.close()


def _is_leeg(con: Any) -> bool:
    return all(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0 for t in KOPIE_TABELLEN)


def kopieer(van: Path | str, naar: Path | str) -> dict[str, tuple[int, str]]:
    """Copy workspace ``van`` to ``naar`` (a ``.sqlite`` path or a ``postgresql://`` URL).

    ``naar`` must be new or empty (a SQLite file that does not exist yet, or a database
    without rows); otherwise nothing happens and a Dutch error says so. Returns the verified
    count and checksum per table.
    """
    bron = Werkruimte.van(van)
    if not bron.is_url and not bron.pad.is_file():
        raise WijkanalyseFout(f"Werkruimte '{bron}' bestaat niet.")
    maak_werkruimte(van)  # an older source is brought up to date first (SQLite: after a backup)
    doel_werkruimte = Werkruimte.van(naar)
    if doel_werkruimte.is_url:
        maak_werkruimte(naar)
        return _kopieer_naar(van, naar, doel_werkruimte.url)
    doel = doel_werkruimte.pad
    if doel.exists():
        con = verbind(doel)
        try:
            leeg = _is_leeg(con) if doel.stat().st_size else True
        except Exception:
            leeg = False
        finally:
            con.close()
        if not leeg:
            raise WijkanalyseFout(
                f"'{doel}' bestaat al en is niet leeg; kies een nieuwe bestandsnaam. Er is "
                "niets gekopieerd."
            )
    tmp = doel.with_name(doel.name + ".kopie")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    try:
        maak_werkruimte(tmp)
        uit = _kopieer_naar(van, tmp, str(naar))
        os.replace(tmp, doel)
        return uit
    finally:
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)


def _kopieer_naar(van: Path | str, naar: Path | str, naam: str) -> dict[str, tuple[int, str]]:
    bron = verbind(van)
    doel = verbind(naar)
    pg = Werkruimte.van(naar).is_url
    try:
        bron.execute("BEGIN")  # one consistent snapshot of the source
        doel.execute("BEGIN IMMEDIATE")
        try:
            if not _is_leeg(doel):
                raise WijkanalyseFout(
                    f"De werkruimte {toon(naam)} is niet leeg; kopieer alleen naar een nieuwe, "
                    "lege werkruimte. Er is niets gekopieerd."
                )
            triggers = _triggers_uit(doel, pg)
            verwacht: dict[str, tuple[int, str]] = {}
            for tabel in KOPIE_TABELLEN:
                kolommen, rijen = _lees_tabel(bron, tabel)
                verwacht[tabel] = (len(rijen), _controle(rijen))
                if rijen:
                    doel.executemany(
                        f"INSERT INTO {tabel} ({', '.join(kolommen)}) "
                        f"VALUES ({', '.join('?' for _ in kolommen)})",
                        rijen,
                    )
                    if pg and tabel not in _SLEUTEL:
                        doel.execute(
                            f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                            f"(SELECT max(id) FROM {tabel}))"
                        )
            _triggers_aan(doel, pg, triggers)
            gekregen = {}
            for tabel in KOPIE_TABELLEN:
                rijen = _lees_tabel(doel, tabel)[1]
                gekregen[tabel] = (len(rijen), _controle(rijen))
            anders = [t for t in KOPIE_TABELLEN if gekregen[t] != verwacht[t]]
            if anders:
                raise WijkanalyseFout(
                    f"De kopie klopt niet voor tabel(len) {', '.join(anders)}; er is niets "
                    "gekopieerd."
                )
        except BaseException:
            doel.execute("ROLLBACK")
            raise
        doel.execute("COMMIT")
        bron.execute("ROLLBACK")
        return verwacht
    finally:
        doel.close()
        bron.close()


def _triggers_uit(con: Any, pg: bool) -> list[str]:
    """Switch the target's triggers off inside the transaction; returns how to restore them."""
    if pg:
        for tabel in KOPIE_TABELLEN:
            con.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER USER")
        return []
    rijen = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()
    for naam, _sql in rijen:
        con.execute(f"DROP TRIGGER {naam}")
    return [sql for _naam, sql in rijen]


def _triggers_aan(con: Any, pg: bool, triggers: list[str]) -> None:
    if pg:
        for tabel in KOPIE_TABELLEN:
            con.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER USER")
        return
    for sql in triggers:
        con.execute(sql)
