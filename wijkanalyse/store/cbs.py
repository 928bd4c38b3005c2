"""CBS key figures. ``cbs_regios`` links a wijk to its CBS region (a wijk code, or a buurt
code when the wijk is a CBS buurt); ``cbs_cijfers`` holds one figure per region, source
table, subject and period. A figure that StatLine marks as missing is stored as NULL, never 0.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.errors import InvoerFout
from .verbinding import eis_bestaand, lees, lees_wijk_rij, schrijf, wijk_id_van

_CBS_KOLOMMEN = [
    "regiocode",
    "regionaam",
    "niveau",
    "onderwerp",
    "eenheid",
    "periode",
    "waarde",
    "bron_tabel",
    "bron_bestand",
    "importdatum",
]


def cbs_regios(path: Path | str) -> pd.DataFrame:
    """Per linked wijk: wijk (name), regiocode, regionaam, gemeentecode, gekoppeld_via."""
    return lees(
        path,
        "SELECT w.naam AS wijk, r.regiocode, r.regionaam, r.gemeentecode, r.gekoppeld_via "
        "FROM cbs_regios r JOIN wijken w ON w.id = r.wijk_id ORDER BY w.naam",
    )


def cbs_cijfers(path: Path | str, regiocodes: Iterable[str]) -> pd.DataFrame:
    """All stored figures of these regions (``waarde`` NaN where CBS has no figure)."""
    codes = sorted({str(c) for c in regiocodes})
    if not codes:
        return pd.DataFrame(columns=["id", *_CBS_KOLOMMEN])
    vraag = ",".join("?" * len(codes))
    return lees(
        path,
        f"SELECT id, {', '.join(_CBS_KOLOMMEN)} FROM cbs_cijfers WHERE regiocode IN ({vraag}) "
        "ORDER BY regiocode, onderwerp, periode",
        codes,
    )


def zet_cbs_regio(
    path: Path | str,
    wijk_naam: str,
    regiocode: str,
    *,
    regionaam: str = "",
    gemeentecode: str = "",
    gekoppeld_via: str = "handmatig",
) -> None:
    """Link a wijk to a CBS region code (replaces an earlier link of that wijk)."""
    with schrijf(path) as con:
        _zet_cbs_regio(
            con, wijk_id_van(con, wijk_naam), regiocode, regionaam, gemeentecode, gekoppeld_via
        )


def _zet_cbs_regio(
    con: sqlite3.Connection,
    wid: int,
    regiocode: str,
    regionaam: str,
    gemeentecode: str,
    gekoppeld_via: str,
) -> None:
    con.execute(
        "INSERT INTO cbs_regios (wijk_id, regiocode, regionaam, gemeentecode, gekoppeld_via) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (wijk_id) DO UPDATE SET "
        "regiocode = excluded.regiocode, regionaam = excluded.regionaam, "
        "gemeentecode = excluded.gemeentecode, gekoppeld_via = excluded.gekoppeld_via",
        (wid, regiocode, regionaam, gemeentecode, gekoppeld_via),
    )


def _zelfde_waarde(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def importeer_cbs(
    path: Path | str,
    regios: pd.DataFrame,
    cijfers: pd.DataFrame,
    *,
    vervang: bool = False,
) -> dict[str, Any]:
    """Store CBS links and figures in one transaction: all of it, or nothing.

    ``regios`` has wijk, regiocode, regionaam, gemeentecode, gekoppeld_via; ``cijfers`` has
    the columns of :func:`cbs_cijfers` (without id). A figure already stored for the same
    region, table, subject and period is left alone when equal; when it differs the import is
    refused (nothing written) unless ``vervang`` is true. A new period is simply added.
    Returns counts: ``nieuw``, ``al_aanwezig``, ``vervangen`` and the ``conflicten`` seen.
    """
    with schrijf(path) as con:
        for rec in regios.to_dict("records"):
            _zet_cbs_regio(
                con,
                wijk_id_van(con, rec["wijk"]),
                str(rec["regiocode"]),
                str(rec.get("regionaam") or ""),
                str(rec.get("gemeentecode") or ""),
                str(rec.get("gekoppeld_via") or ""),
            )
        nieuw = gelijk = 0
        conflicten: list[dict[str, Any]] = []
        rijen = []
        for rec in cijfers.to_dict("records"):
            w = rec.get("waarde")
            waarde = None if w is None or (isinstance(w, float) and math.isnan(w)) else float(w)
            sleutel = (rec["regiocode"], rec["bron_tabel"], rec["onderwerp"], rec["periode"])
            oud = con.execute(
                "SELECT id, waarde FROM cbs_cijfers WHERE regiocode = ? AND bron_tabel = ? "
                "AND onderwerp = ? AND periode = ?",
                sleutel,
            ).fetchone()
            if oud is not None and _zelfde_waarde(oud[1], waarde):
                gelijk += 1
                continue
            if oud is not None:
                conflicten.append(
                    {
                        "regiocode": rec["regiocode"],
                        "onderwerp": rec["onderwerp"],
                        "periode": rec["periode"],
                        "oud": oud[1],
                        "nieuw": waarde,
                    }
                )
            rijen.append((oud[0] if oud else None, rec, waarde))
        if conflicten and not vervang:
            c = conflicten[0]
            raise InvoerFout(
                f"{len(conflicten)} cijfer(s) staan er al met een andere waarde, bijvoorbeeld "
                f"'{c['onderwerp']}' van {c['regiocode']} over {c['periode']}: opgeslagen "
                f"{c['oud']}, in dit bestand {c['nieuw']}. Er is niets opgeslagen. Importeer "
                "met 'vervangen' aan als het bestand de gecorrigeerde cijfers bevat."
            )
        for oud_id, rec, waarde in rijen:
            waarden = (
                rec["regiocode"],
                rec.get("regionaam") or "",
                rec["niveau"],
                rec["onderwerp"],
                rec.get("eenheid") or "",
                rec["periode"],
                waarde,
                rec["bron_tabel"],
                rec.get("bron_bestand") or "",
                rec["importdatum"],
            )
            if oud_id is None:
                con.execute(
                    f"INSERT INTO cbs_cijfers ({', '.join(_CBS_KOLOMMEN)}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    waarden,
                )
                nieuw += 1
            else:
                con.execute(
                    f"UPDATE cbs_cijfers SET {', '.join(k + ' = ?' for k in _CBS_KOLOMMEN)} "
                    "WHERE id = ?",
                    (*waarden, oud_id),
                )
        return {
            "nieuw": nieuw,
            "al_aanwezig": gelijk,
            "vervangen": len(conflicten),
            "conflicten": conflicten,
        }


def cbs_profielcijfers(
    path: Path | str, wijk_naam: str, gemeente_namen: Iterable[str] = ()
) -> pd.DataFrame:
    """The figures for a wijk's profile, with ``rol`` wijk, gemeente or land.

    The wijk's own region if it is linked; its gemeente by code when linked, otherwise by
    name (the wijk's gemeente or one of ``gemeente_namen``, such as CBS's own spelling); and
    the country (NL) where a file had it.
    """
    eis_bestaand(path)
    wid, gemeente = lees_wijk_rij(path, wijk_naam, "SELECT id, gemeente FROM wijken WHERE id = ?")
    namen = sorted({n.casefold() for n in [gemeente, *gemeente_namen] if n})
    vraag = ",".join("?" * len(namen)) or "NULL"
    kolommen = ", ".join(f"c.{k}" for k in _CBS_KOLOMMEN)
    return lees(
        path,
        f"SELECT {kolommen}, CASE WHEN c.regiocode = r.regiocode THEN 'wijk' "
        "WHEN c.niveau = 'land' THEN 'land' ELSE 'gemeente' END AS rol "
        "FROM cbs_cijfers c JOIN wijken w ON w.id = ? "
        "LEFT JOIN cbs_regios r ON r.wijk_id = w.id "
        "WHERE c.regiocode = r.regiocode OR c.regiocode = r.gemeentecode OR c.niveau = 'land' "
        "OR (c.niveau = 'gemeente' AND coalesce(r.gemeentecode, '') = '' "
        f"AND lower(c.regionaam) IN ({vraag})) "
        "ORDER BY c.onderwerp, c.periode",
        (wid, *namen),
    )
