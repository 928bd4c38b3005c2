"""Opgaven: read, add, import (all rows or none), change with an optimistic check, delete."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import validation
from ..core.errors import DubbelFout, GelijktijdigFout, InvoerFout, OnbekendFout
from ..core.vocabulary import OPGAVE_VELDEN
from ..databank import nieuw_id
from .verbinding import lees, schrijf, wijk_id_van

_OPGAVE_KOLOMMEN = ["id", *OPGAVE_VELDEN]


def titel_sleutel(titel: str) -> str:
    return " ".join(titel.split()).casefold()


def opgave_waarden(o: dict[str, Any]) -> tuple[Any, ...]:
    """A validated opgave's values in the order of :data:`OPGAVE_VELDEN`, then its
    ``titel_sleutel``: the opgaven table's columns after ``wijk_id``."""
    return (*(o[k] for k in OPGAVE_VELDEN), titel_sleutel(o["titel"]))


def opgaven(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    df = lees(
        path,
        "SELECT o.id, o.titel, o.transitie, o.soort, o.aanleiding, o.eigenaar, o.start_jaar, "
        "o.eind_jaar, o.rol, o.beschrijving FROM opgaven o JOIN wijken w ON w.id = o.wijk_id "
        "WHERE w.naam = ? ORDER BY o.id",
        (wijk_naam,),
    )
    for k in ("start_jaar", "eind_jaar"):
        df[k] = df[k].astype("Int64")
    return df[_OPGAVE_KOLOMMEN]


def _insert_opgave(con: sqlite3.Connection, wid: int, o: dict[str, Any]) -> int:
    bestaand = con.execute(
        "SELECT titel FROM opgaven WHERE wijk_id = ? AND titel_sleutel = ?",
        (wid, titel_sleutel(o["titel"])),
    ).fetchone()
    if bestaand:
        raise DubbelFout(
            f"Er is in deze wijk al een opgave '{bestaand[0]}'; kies een andere titel."
        )
    cur = con.execute(
        f"INSERT INTO opgaven (wijk_id, {', '.join(OPGAVE_VELDEN)}, titel_sleutel) "
        f"VALUES (?, {', '.join('?' * len(OPGAVE_VELDEN))}, ?)",
        (wid, *opgave_waarden(o)),
    )
    return nieuw_id(cur)


def voeg_opgave_toe(path: Path | str, wijk_naam: str, **velden: Any) -> int:
    """Add one opgave; returns its id. Raises InvoerFout/DubbelFout and writes nothing."""
    o = validation.opgave(velden)
    with schrijf(path) as con:
        return _insert_opgave(con, wijk_id_van(con, wijk_naam), o)


def importeer_opgaven(path: Path | str, wijk_naam: str, df: pd.DataFrame) -> list[int]:
    """Add all rows of ``df`` or none. Row numbers in errors are as in a spreadsheet (header=1)."""
    records = df.to_dict("records")
    schoon = []
    for i, rec in enumerate(records):
        try:
            schoon.append(validation.opgave(rec))
        except InvoerFout as e:
            raise InvoerFout(e.melding, rij=i + 2, kolom=e.kolom) from None
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        ids = []
        for i, o in enumerate(schoon):
            try:
                ids.append(_insert_opgave(con, wid, o))
            except DubbelFout as e:
                raise InvoerFout(str(e), rij=i + 2, kolom="titel") from None
        return ids


def importeer_opgaven_bijwerken(
    path: Path | str, wijk_naam: str, df: pd.DataFrame
) -> dict[str, list[int]]:
    """Excel as the team's master list: a row whose title (case and spaces ignored) matches an
    existing opgave updates it (only the columns ``df`` has); other rows are added. All rows
    or none, in one transaction. Returns {"toegevoegd": ids, "gewijzigd": ids}."""
    if "titel" not in df.columns:
        raise InvoerFout("De kolom titel ontbreekt.", kolom="titel")
    records = df.to_dict("records")
    uit: dict[str, list[int]] = {"toegevoegd": [], "gewijzigd": []}
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        for i, rec in enumerate(records):
            titel = validation.tekst(rec.get("titel"), "titel", verplicht=True)
            rij = con.execute(
                "SELECT id, titel, transitie, soort, aanleiding, eigenaar, start_jaar, eind_jaar, "
                "rol, beschrijving FROM opgaven WHERE wijk_id = ? AND titel_sleutel = ?",
                (wid, titel_sleutel(titel)),
            ).fetchone()
            try:
                if rij is None:
                    uit["toegevoegd"].append(_insert_opgave(con, wid, validation.opgave(rec)))
                    continue
                huidig = dict(zip(_OPGAVE_KOLOMMEN, rij, strict=True))
                samen = {**huidig, **{k: v for k, v in rec.items() if k in _OPGAVE_KOLOMMEN}}
                o = validation.opgave(samen)
            except InvoerFout as e:
                raise InvoerFout(e.melding, rij=i + 2, kolom=e.kolom) from None
            except DubbelFout as e:
                raise InvoerFout(str(e), rij=i + 2, kolom="titel") from None
            con.execute(
                "UPDATE opgaven SET titel=?, transitie=?, soort=?, aanleiding=?, eigenaar=?, "
                "start_jaar=?, eind_jaar=?, rol=?, beschrijving=?, titel_sleutel=? WHERE id=?",
                (
                    *(o[k] for k in _OPGAVE_KOLOMMEN[1:]),
                    titel_sleutel(o["titel"]),
                    int(huidig["id"]),
                ),
            )
            uit["gewijzigd"].append(int(huidig["id"]))
    return uit


GEWIJZIGD = (
    "Iemand anders heeft {wat} intussen gewijzigd. Uw wijziging is niet opgeslagen; bekijk de "
    "nieuwe stand en pas opnieuw aan."
)


def wijzig_opgave(
    path: Path | str, opgave_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
) -> None:
    """Change fields of an opgave. With ``verwacht`` (the opgave as the form showed it), the
    change is refused with :class:`GelijktijdigFout` if someone else changed it meanwhile."""
    with schrijf(path) as con:
        row = con.execute(
            "SELECT wijk_id, titel, transitie, soort, aanleiding, eigenaar, start_jaar, "
            "eind_jaar, rol, beschrijving FROM opgaven WHERE id = ?",
            (int(opgave_id),),
        ).fetchone()
        if row is None:
            raise OnbekendFout(f"Opgave {opgave_id} bestaat niet (meer).")
        wid, *oud = row
        huidig = dict(zip(_OPGAVE_KOLOMMEN[1:], oud, strict=True))
        if verwacht is not None and validation.opgave(verwacht) != validation.opgave(huidig):
            raise GelijktijdigFout(GEWIJZIGD.format(wat=f"opgave '{huidig['titel']}'"))
        huidig.update(velden)
        o = validation.opgave(huidig)
        dubbel = con.execute(
            "SELECT titel FROM opgaven WHERE wijk_id = ? AND titel_sleutel = ? AND id != ?",
            (wid, titel_sleutel(o["titel"]), int(opgave_id)),
        ).fetchone()
        if dubbel:
            raise DubbelFout(f"Er is in deze wijk al een opgave '{dubbel[0]}'.")
        con.execute(
            f"UPDATE opgaven SET {', '.join(f'{k}=?' for k in OPGAVE_VELDEN)}, titel_sleutel=? "
            "WHERE id=?",
            (*opgave_waarden(o), int(opgave_id)),
        )


def verwijder_opgave(path: Path | str, opgave_id: int) -> None:
    """Remove an opgave with its koppelingen, entries, scores and besluiten."""
    with schrijf(path) as con:
        verwijder_opgave_in(con, opgave_id)


def verwijder_opgave_in(con: sqlite3.Connection, opgave_id: int) -> None:
    if con.execute("SELECT 1 FROM opgaven WHERE id = ?", (int(opgave_id),)).fetchone() is None:
        raise OnbekendFout(f"Opgave {opgave_id} bestaat niet (meer).")
    kids = [
        r[0]
        for r in con.execute(
            "SELECT id FROM koppelingen WHERE opgave_a = ? OR opgave_b = ?",
            (int(opgave_id), int(opgave_id)),
        )
    ]
    for soort, ids in (("opgave", [int(opgave_id)]), ("koppeling", kids)):
        for i in ids:
            con.execute(
                "DELETE FROM scores WHERE onderwerp_soort = ? AND onderwerp_id = ?", (soort, i)
            )
            con.execute(
                "DELETE FROM besluiten WHERE onderwerp_soort = ? AND onderwerp_id = ?",
                (soort, i),
            )
    con.execute("DELETE FROM opgaven WHERE id = ?", (int(opgave_id),))


def kolomkeuzes(path: Path | str, soort: str = "opgaven") -> dict[str, str]:
    """The column choices the advisor made in an import preview of this workspace (header
    key -> column, "" for 'skip'), remembered for the next file with the same headers."""
    rijen = lees(path, "SELECT kop, doel FROM importkeuzes WHERE soort = ? ORDER BY id", (soort,))
    return dict(zip(rijen["kop"], rijen["doel"], strict=True))


def zet_kolomkeuzes(
    path: Path | str, keuzes: dict[str, str], vergeten: Iterable[str] = (), soort: str = "opgaven"
) -> None:
    """Remember column choices for this workspace; forget those for the headers ``vergeten``
    (the advisor went back to the proposal)."""
    with schrijf(path) as con:
        for kop in vergeten:
            con.execute("DELETE FROM importkeuzes WHERE soort = ? AND kop = ?", (soort, kop))
        for kop, doel in keuzes.items():
            con.execute(
                "INSERT INTO importkeuzes (soort, kop, doel) VALUES (?, ?, ?) "
                "ON CONFLICT (soort, kop) DO UPDATE SET doel = excluded.doel",
                (soort, kop, doel),
            )
