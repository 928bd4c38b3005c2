"""Wijken: the list, one wijk, its drempel and capaciteit, fingerprints and snapshots."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import defaults, validation
from ..core.errors import DubbelFout
from ..databank import Werkruimte, nieuw_id
from .kader import controleer_drempel, lees_regel, zet_criteria_in, zet_regel
from .verbinding import eis_bestaand, lees, lees_wijk_rij, schrijf, verbind, wijk_id_van


def wijken(path: Path | str) -> pd.DataFrame:
    df = lees(
        path,
        "SELECT id, naam, gemeente, inwoners, fictief, drempel, capaciteit "
        "FROM wijken ORDER BY naam",
    )
    df["fictief"] = df["fictief"].astype(bool)
    df["inwoners"] = df["inwoners"].astype("Int64")
    return df


def wijk(path: Path | str, naam: str) -> dict[str, Any]:
    """One wijk as a dict (raises OnbekendFout naming the known wijken)."""
    eis_bestaand(path)
    row = lees_wijk_rij(
        path,
        naam,
        "SELECT id, naam, gemeente, inwoners, fictief, drempel, capaciteit FROM wijken "
        "WHERE id = ?",
    )
    keys = ["id", "naam", "gemeente", "inwoners", "fictief", "drempel", "capaciteit"]
    d = dict(zip(keys, row, strict=True))
    d["fictief"] = bool(d["fictief"])
    return d


# Per wijk, the tables whose rows a report shows; items belong to a wijk via koppelingen.


_WIJK_TABELLEN = {
    "opgaven": "SELECT wijk_id, * FROM opgaven ORDER BY id",
    "koppelingen": "SELECT wijk_id, * FROM koppelingen ORDER BY id",
    "items": "SELECT k.wijk_id, i.* FROM items i JOIN koppelingen k ON k.id = i.koppeling_id "
    "ORDER BY i.id",
    "criteria": "SELECT wijk_id, * FROM criteria ORDER BY id",
    "scores": "SELECT wijk_id, * FROM scores ORDER BY id",
    "besluiten": "SELECT wijk_id, * FROM besluiten ORDER BY id",
    "kader_regels": "SELECT wijk_id, * FROM kader_regels ORDER BY id",
    "cbs_regios": "SELECT wijk_id, * FROM cbs_regios ORDER BY id",
    # the uitvoering (migration 5): the report shows progress per wijk
    "acties": "SELECT wijk_id, * FROM acties ORDER BY id",
    "actie_log": "SELECT wijk_id, * FROM actie_log ORDER BY id",
    "risicos": "SELECT wijk_id, * FROM risicos ORDER BY id",
    "terugblikken": "SELECT wijk_id, * FROM terugblikken ORDER BY id",
}

#: Every table a report reads is in its wijk's fingerprint: these. A test traces the tables a
#: real report reads, another checks that every table of the schema is either here or in
#: :data:`NIET_IN_RAPPORT` (a new table must be placed in one of the two).
VINGERAFDRUK_TABELLEN = frozenset({"wijken", *_WIJK_TABELLEN, "cbs_cijfers"})

#: Tables no report shows, and why.
NIET_IN_RAPPORT = {
    "wijzigingen": "de teller van een werksessie",
    "sessies": "werksessies: hun uitkomst komt als scores en opgaven in de wijk",
    "sessie_groepen": "werksessies",
    "rondes": "werksessies",
    "deelnemers": "werksessies",
    "voorstellen": "werksessies: een voorstel telt pas als het is overgenomen",
    "antwoorden": "werksessies: stemmen en gewichten tellen pas als ze zijn overgenomen",
    "historie": "de geschiedenis van wijzigingen; elke wijziging zelf zit al in de vingerafdruk",
    "historie_rijen": "idem",
    "schema_versie": "PostgreSQL: de schemaversie",
    "importkeuzes": "de onthouden kolomkeuze van een import; wat is ingelezen telt al mee",
    "leren_afwijzingen": "overeenkomsten met andere wijken die een adviseur afwees (leren)",
}

# CBS figures belong to regions, not wijken: a wijk's report shows those of its own region,
# its gemeente (by code, or by name when none is linked) and the country. Its fingerprint
# takes its own region's and its gemeente code's rows, and every gemeente and country row
# (a few per file: safe, and a new import of such figures remakes the reports it may touch).
# Only those rows are read (not the thousands of buurten of a large StatLine file).
_CBS_CIJFERS = (
    "SELECT regiocode, niveau, onderwerp, eenheid, periode, waarde, bron_tabel, regionaam "
    "FROM cbs_cijfers WHERE niveau IN ('gemeente', 'land') OR regiocode IN "
    "(SELECT regiocode FROM cbs_regios UNION SELECT gemeentecode FROM cbs_regios) "
    "ORDER BY regiocode, bron_tabel, onderwerp, periode"
)


def _cbs_hashes(con: Any) -> tuple[str, dict[str, str]]:
    """The hash of all gemeente and country rows, and one per region code."""
    gedeeld = hashlib.sha256()
    per_regio: dict[str, Any] = {}
    for row in con.execute(_CBS_CIJFERS):
        if row[1] in ("gemeente", "land"):
            gedeeld.update(repr(row).encode())
        per_regio.setdefault(row[0], hashlib.sha256()).update(repr(row).encode())
    return gedeeld.hexdigest(), {code: h.hexdigest() for code, h in per_regio.items()}


def _tabellen(con: Any) -> set[str]:
    if getattr(con, "dialect", "sqlite") != "sqlite":  # PostgreSQL: migrated when opened
        return set(VINGERAFDRUK_TABELLEN)
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def vingerafdrukken(path: Path | str, vandaag: date | None = None) -> dict[str, str]:
    """Per wijk name a hash of everything its report shows (:data:`VINGERAFDRUK_TABELLEN`):
    its own row, its rows in the other tables, and the CBS figures its profile may show.

    An edit in one wijk changes only that wijk's hash; one read pass over the file.
    """
    eis_bestaand(path)
    con = verbind(path)
    try:
        con.execute("BEGIN")  # one consistent snapshot while others write
        hashes: dict[int, Any] = {}
        namen: dict[int, str] = {}
        for row in con.execute(
            "SELECT id, naam, gemeente, inwoners, fictief, drempel, capaciteit FROM wijken"
        ):
            namen[row[0]] = row[1]
            hashes[row[0]] = hashlib.sha256(repr(("wijk", row)).encode())
        heeft = _tabellen(con)  # an older workspace may not have the newer tables yet
        for tabel, sql in _WIJK_TABELLEN.items():
            if tabel not in heeft:
                continue
            for row in con.execute(sql):
                h = hashes.get(row[0])
                if h is not None:
                    h.update(repr((tabel, row[1:])).encode())
        gedeeld = ""
        per_regio: dict[Any, Any] = {}
        regios: dict[Any, Any] = {}
        # The report's Uitvoering section shows signals that depend on today's date (a review
        # date passed, a horizon arrived, a koppelmoment near): a wijk with besluiten or
        # acties gets today's date in its hash, so its report is made anew on another day.
        dag = (vandaag or date.today()).isoformat()
        for tabel in ("besluiten", "acties"):
            if tabel in heeft:
                for (wid,) in con.execute(f"SELECT DISTINCT wijk_id FROM {tabel}"):
                    if wid in hashes:
                        hashes[wid].update(repr(("vandaag", dag)).encode())
        if {"cbs_cijfers", "cbs_regios"} <= heeft:
            gedeeld, per_regio = _cbs_hashes(con)
            for wid, code, gemeentecode in con.execute(
                "SELECT wijk_id, regiocode, gemeentecode FROM cbs_regios"
            ):
                regios[wid] = (code, gemeentecode)
        con.execute("COMMIT")
    finally:
        con.close()
    for wid, h in hashes.items():
        code, gemeentecode = regios.get(wid, ("", ""))
        cbs = (gedeeld, per_regio.get(code, ""), per_regio.get(gemeentecode, ""))
        h.update(repr(("cbs_cijfers", cbs)).encode())
    return {namen[i]: h.hexdigest() for i, h in hashes.items()}


def momentopname(path: Path | str, doel: Path | str) -> Path:
    """A consistent copy of the workspace file (SQLite's online backup), e.g. for reports
    made while workshop laptops keep writing, or to send to other machines. From a team
    workspace on PostgreSQL: a verified copy into a new SQLite file (see :mod:`.kopie`)."""
    if Werkruimte.van(path).is_url:
        from .kopie import kopieer

        kopieer(path, doel)
        return Path(doel)
    eis_bestaand(path)
    bron, kopie = verbind(path), sqlite3.connect(str(doel))
    try:
        bron.backup(kopie)
    finally:
        kopie.close()
        bron.close()
    return Path(doel)


def voeg_wijk_toe(
    path: Path | str,
    naam: str,
    gemeente: str = "",
    inwoners: int | None = None,
    *,
    fictief: bool = False,
    criteria: pd.DataFrame | None = None,
    drempel: float = defaults.DREMPEL,
    capaciteit: int = defaults.CAPACITEIT,
) -> int:
    naam = validation.tekst(naam, "naam", verplicht=True, max_len=100)
    drempel = validation.drempel(drempel)
    capaciteit = validation.capaciteit(capaciteit)
    with schrijf(path) as con:
        if con.execute("SELECT 1 FROM wijken WHERE naam = ?", (naam,)).fetchone():
            raise DubbelFout(f"Er is al een wijk met de naam '{naam}'.")
        cur = con.execute(
            "INSERT INTO wijken (naam, gemeente, inwoners, fictief, drempel, capaciteit) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (naam, gemeente, inwoners, int(fictief), float(drempel), int(capaciteit)),
        )
        wid = nieuw_id(cur)
        if criteria is not None:
            zet_criteria_in(con, wid, criteria)
        controleer_drempel(con, wid, drempel)
        return wid


def kader(path: Path | str, wijk_naam: str) -> dict[str, Any]:
    """drempel, capaciteit and the completeness rule (min_groepen, vereiste_groepen)."""
    w = wijk(path, wijk_naam)
    con = verbind(path)
    try:
        regel = lees_regel(con, int(w["id"]))
    finally:
        con.close()
    return {"drempel": float(w["drempel"]), "capaciteit": int(w["capaciteit"]), **regel}


def zet_kader(
    path: Path | str,
    wijk_naam: str,
    *,
    drempel: float,
    capaciteit: int,
    min_groepen: int | None = None,
    vereiste_groepen: Iterable[str] | str | None = None,
) -> None:
    """Set drempel and capaciteit (and the completeness rule when given)."""
    drempel = validation.drempel(drempel)
    capaciteit = validation.capaciteit(capaciteit)
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        controleer_drempel(con, wid, drempel)
        con.execute(
            "UPDATE wijken SET drempel = ?, capaciteit = ? WHERE id = ?",
            (drempel, capaciteit, wid),
        )
        zet_regel(con, wid, min_groepen, vereiste_groepen)
