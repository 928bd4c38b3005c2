"""The preview of an import before anything is written: the column mapping, the rows
to add, the rows that change an existing opgave (matched on title) and the refused rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .begrensd import OPGAVEN_GRENZEN, Teller, lees_blad
from .bestand import blad_gevuld, open_werkboek
from .inlezen import lees
from .kolommen import (
    EXCEL_EXTENSIES,
    KOLOM_NAMEN,
    KOLOMMEN,
    OVERSLAAN,
    SJABLOON_BLAD,
    TOELICHTING_BLAD,
    kop_sleutel,
    voorgestelde_doel,
)
from .waarden import leeg_frame, naar_frame, titel_sleutel


@dataclass
class ImportVoorbeeld:
    """What an import would do, before anything is written.

    ``kolommen``: (header in the file, what it becomes: a column name or "overgeslagen").
    ``nieuw``: the opgaven that would be added (``rij`` = row in the file, then the contract
    columns). ``wijzigingen``: rows that would change an existing opgave matched on title
    (rij, opgave_id, titel, wat: "startjaar: 2026 → 2027; ..."). ``ongewijzigd``: rows equal
    to an existing opgave. ``fouten``: refused rows as (rij, kolom, reden). ``frame``: what
    the store gets (only the columns in the file, plus titel) when there are no fouten.
    ``doelen``: per named header in the file, the contract column it goes to (or
    :data:`OVERSLAAN`) and whether that is the advisor's own choice. ``bladen``: the filled
    sheets of a workbook (empty for CSV), ``blad`` the one read.
    """

    bestand: str
    bijwerken: bool
    kolommen: list[tuple[str, str]]
    titelrijen: list[int]
    nieuw: pd.DataFrame
    wijzigingen: pd.DataFrame
    ongewijzigd: int
    fouten: list[tuple[int | None, str | None, str]]
    frame: pd.DataFrame
    doelen: list[tuple[str, str, bool]] = field(default_factory=list)
    bladen: list[str] = field(default_factory=list)
    blad: str | None = None

    @property
    def keuze(self) -> dict[str, str]:
        """The advisor's own column choices (header key -> column), to remember."""
        return {kop_sleutel(k): d for k, d, eigen in self.doelen if eigen}

    @property
    def in_orde(self) -> bool:
        return not self.fouten

    @property
    def genegeerd(self) -> list[str]:
        return [kop for kop, doel in self.kolommen if doel == "overgeslagen"]


def _gelijk(a: Any, b: Any) -> bool:
    leeg_a = a is None or a is pd.NA or (isinstance(a, float) and a != a) or a == ""
    leeg_b = b is None or b is pd.NA or (isinstance(b, float) and b != b) or b == ""
    if leeg_a or leeg_b:
        return leeg_a and leeg_b
    return str(a) == str(b)


def _toon(waarde: Any) -> str:
    return "(leeg)" if _gelijk(waarde, None) else str(waarde)


def werkboek_bladen(path: str | Path) -> tuple[list[str], str | None]:
    """The filled, visible sheets of a workbook a preview can offer (an explanation sheet
    "Toelichting" does not count), and the one read when the advisor has not chosen: the
    sheet "Opgaven", else the first filled one. ([], None) for a CSV file."""
    pad = Path(path)
    if pad.suffix.lower() not in EXCEL_EXTENSIES:
        return [], None
    wb = open_werkboek(pad, pad.name, read_only=True)
    try:
        # Each sheet streamed within the import's limits (never by its declared dimension).
        teller = Teller(OPGAVEN_GRENZEN)
        zichtbaar = [b for b in wb.worksheets if getattr(b, "sheet_state", "visible") == "visible"]
        bladen = [
            b.title
            for b in zichtbaar
            if b.title.strip().lower() != TOELICHTING_BLAD.lower()
            and blad_gevuld(lees_blad(b, teller, pad.name))
        ]
    finally:
        wb.close()
    opgaven = next((b for b in bladen if b.strip().lower() == SJABLOON_BLAD.lower()), None)
    return bladen, opgaven or (bladen[0] if bladen else None)


def voorbeeld_opgaven(
    path: str | Path,
    bestaande: pd.DataFrame,
    *,
    bijwerken: bool = False,
    max_bytes: int = 5_000_000,
    keuze: dict[str, str] | None = None,
    blad: str | None = None,
) -> ImportVoorbeeld:
    """Read a file of opgaven and say what importing it into a wijk with the opgaven
    ``bestaande`` (store columns, with id) would do; nothing is written.

    Without ``bijwerken`` a title that already exists is refused; with it, that row updates
    the existing opgave (only the columns the file has). A file that cannot be read at all
    still raises :class:`InvoerFout`.

    ``keuze`` maps a header (any case) to the column the advisor chose for it, or to
    :data:`OVERSLAAN`; other headers get the proposed column. ``blad`` chooses the sheet of
    a workbook (default: see :func:`werkboek_bladen`); the preview lists all filled sheets.
    """
    pad = Path(path)
    bladen: list[str] = []
    if blad is None and pad.suffix.lower() in EXCEL_EXTENSIES and pad.is_file():
        if pad.stat().st_size <= max_bytes:
            bladen, blad = werkboek_bladen(pad)
    elif blad is not None:
        bladen, _ = werkboek_bladen(pad)
    keuze = {kop_sleutel(k): v for k, v in (keuze or {}).items()}
    g = lees(pad, max_bytes, 10_000, keuze=keuze, blad=blad)
    kolommen: list[tuple[str, str]] = []
    doelen: list[tuple[str, str, bool]] = []
    for i, kop in enumerate(g.ruw.kop):
        if not kop.strip():
            continue
        doel = next((k for k, j in g.plaats.items() if j == i), None)
        kolommen.append((kop.strip(), KOLOM_NAMEN[doel] if doel else "overgeslagen"))
        eigen = kop_sleutel(kop) in keuze and keuze[kop_sleutel(kop)] != voorgestelde_doel(kop)
        doelen.append((kop.strip(), doel or OVERSLAAN, eigen))
    in_bestand = [k for k in KOLOMMEN if k in g.plaats]
    per_titel = {
        titel_sleutel(str(t)): r for r in bestaande.to_dict("records") for t in [r["titel"]]
    }
    eerder: dict[str, int] = {}
    nieuw: list[dict[str, Any]] = []
    wijzig: list[dict[str, Any]] = []
    frame_rijen: list[dict[str, Any]] = []
    ongewijzigd = 0
    fout_rijen = {r for r, _, _ in g.fouten.lijst}
    kolom = g.koppen["titel"]
    for rij, waarden in g.rijen:
        sleutel = titel_sleutel(waarden["titel"])
        if not sleutel:
            continue
        if sleutel in eerder:
            g.fouten.voeg_toe(
                rij,
                kolom,
                f"De titel '{waarden['titel']}' staat twee keer in het bestand: in rij "
                f"{eerder[sleutel]} en in rij {rij}. Titels moeten uniek zijn.",
            )
            continue
        eerder[sleutel] = rij
        if rij in fout_rijen:
            continue
        oud = per_titel.get(sleutel)
        if oud is None:
            nieuw.append({"rij": rij, **waarden})
            frame_rijen.append({k: waarden[k] for k in in_bestand})
            continue
        if not bijwerken:
            g.fouten.voeg_toe(
                rij,
                kolom,
                f"Er bestaat in deze wijk al een opgave met de titel '{waarden['titel']}'. "
                "Kies 'Bestaande opgaven bijwerken' om haar bij te werken, of verwijder de rij.",
            )
            continue
        veranderd = [
            f"{KOLOM_NAMEN[k]}: {_toon(oud.get(k))} → {_toon(waarden[k])}"
            for k in in_bestand
            if not _gelijk(oud.get(k), waarden[k])
        ]
        if veranderd:
            wijzig.append(
                {
                    "rij": rij,
                    "opgave_id": int(oud["id"]),
                    "titel": oud["titel"],
                    "wat": "; ".join(veranderd),
                }
            )
            frame_rijen.append({k: waarden[k] for k in in_bestand})
        else:
            ongewijzigd += 1
    fouten = sorted(g.fouten.lijst, key=lambda f: (f[0], f[1] or ""))
    nieuw_df = (
        pd.concat([pd.DataFrame({"rij": [r["rij"] for r in nieuw]}), naar_frame(nieuw)], axis=1)
        if nieuw
        else pd.concat([pd.DataFrame({"rij": pd.Series(dtype="int64")}), leeg_frame()], axis=1)
    )
    frame = naar_frame(frame_rijen)[in_bestand] if frame_rijen else leeg_frame()[in_bestand]
    return ImportVoorbeeld(
        bestand=g.ruw.bestand,
        bijwerken=bijwerken,
        kolommen=kolommen,
        titelrijen=g.ruw.titelrijen,
        nieuw=nieuw_df,
        wijzigingen=pd.DataFrame(wijzig, columns=["rij", "opgave_id", "titel", "wat"]),
        ongewijzigd=ongewijzigd,
        fouten=[(r, k, m) for r, k, m in fouten],
        frame=frame,
        doelen=doelen,
        bladen=bladen,
        blad=blad,
    )
