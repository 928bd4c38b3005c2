"""Writing opgaven to CSV or Excel (texts stored as text, never as formulas), and the
empty template for a team: headings, drop-down lists and an explanation sheet.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.core.vocabulary import ROLLEN, SOORTEN, TRANSITIES

from .formule import bescherm_formule
from .kolommen import (
    CSV_EXTENSIES,
    EXCEL_EXTENSIES,
    JAAR_KOLOMMEN,
    JAAR_MAX,
    JAAR_MIN,
    KOLOMMEN,
    KOPPEN,
    MAX_RIJEN,
    SJABLOON_BLAD,
    TOELICHTING_BLAD,
)


def _tekst_of_leeg(waarde: Any) -> str:
    return (
        ""
        if waarde is None or waarde is pd.NA or (isinstance(waarde, float) and waarde != waarde)
        else str(waarde)
    )


def _jaar_of_leeg(waarde: Any) -> int | None:
    return None if pd.isna(waarde) else int(waarde)


def _export_rijen(df: pd.DataFrame) -> list[list[Any]]:
    ontbreekt = [k for k in KOLOMMEN if k not in df.columns]
    if ontbreekt:
        raise ValueError(f"schrijf_opgaven: columns missing: {ontbreekt}")
    return [
        [_jaar_of_leeg(rij[k]) if k in JAAR_KOLOMMEN else _tekst_of_leeg(rij[k]) for k in KOLOMMEN]
        for rij in df[list(KOLOMMEN)].to_dict("records")
    ]


def schrijf_opgaven(df: pd.DataFrame, path: str | Path) -> None:
    """Write opgaven to .csv (UTF-8 with BOM, ';') or .xlsx; :func:`lees_opgaven` reads it back."""
    pad = Path(path)
    rijen = _export_rijen(df)
    ext = pad.suffix.lower()
    if ext in CSV_EXTENSIES:
        _schrijf_csv(rijen, pad)
    elif ext in EXCEL_EXTENSIES:
        _schrijf_excel(rijen, pad)
    else:
        raise InvoerFout("Kies een bestandsnaam die eindigt op .xlsx of .csv.", bestand=pad.name)


def _schrijf_csv(rijen: list[list[Any]], pad: Path) -> None:
    with pad.open("w", encoding="utf-8-sig", newline="") as f:
        schrijver = csv.writer(f, delimiter=";", lineterminator="\r\n")
        schrijver.writerow([KOPPEN[k] for k in KOLOMMEN])
        for rij in rijen:
            schrijver.writerow(
                ["" if w is None else bescherm_formule(w) if isinstance(w, str) else w for w in rij]
            )


def zet_tekst(cel: Any, waarde: Any) -> None:
    """Put a value in an openpyxl cell; text is always stored as text, never as a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(waarde, str):
        if ILLEGAL_CHARACTERS_RE.search(waarde):
            raise InvoerFout(
                "Een tekst bevat een onzichtbaar stuurteken dat Excel niet kan opslaan. "
                "Verwijder het teken en probeer het opnieuw.",
                rij=cel.row,
                kolom=cel.column_letter,
            )
        cel.value = waarde
        cel.data_type = "s"
    else:
        cel.value = waarde


def _schrijf_excel(rijen: list[list[Any]], pad: Path, *, sjabloon: bool = False) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    blad = wb.active
    blad.title = SJABLOON_BLAD
    _opmaak_kop(blad)
    for r, rij in enumerate(rijen, start=2):
        for c, waarde in enumerate(rij, start=1):
            zet_tekst(blad.cell(row=r, column=c), waarde)
    if sjabloon:
        _validaties(blad)
        _toelichting(wb)
    wb.save(pad)


_BREEDTES = {"titel": 40, "beschrijving": 60, "aanleiding": 30, "eigenaar": 24}


def _opmaak_kop(blad: Any) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for c, kolom in enumerate(KOLOMMEN, start=1):
        cel = blad.cell(row=1, column=c, value=KOPPEN[kolom])
        cel.font = Font(bold=True)
        blad.column_dimensions[get_column_letter(c)].width = _BREEDTES.get(kolom, 16)
        for r in range(2, 3):
            blad.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    blad.freeze_panes = "A2"


def zet_keuzelijst(blad: Any, bereik: str, waarden: Sequence[str]) -> None:
    """Let Excel offer ``waarden`` as a drop-down in ``bereik`` (e.g. "C2:C1001") and refuse
    anything else (an empty cell allowed)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(waarden) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ongeldige waarde",
        error=f"Kies een van: {', '.join(waarden)}",
    )
    dv.add(bereik)
    blad.add_data_validation(dv)


def _validaties(blad: Any) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    laatste = MAX_RIJEN + 1
    for kolom, waarden in (("transitie", TRANSITIES), ("soort", SOORTEN), ("rol", ROLLEN)):
        letter = get_column_letter(KOLOMMEN.index(kolom) + 1)
        zet_keuzelijst(blad, f"{letter}2:{letter}{laatste}", waarden)
    for kolom in JAAR_KOLOMMEN:
        letter = get_column_letter(KOLOMMEN.index(kolom) + 1)
        dv = DataValidation(
            type="whole",
            operator="between",
            formula1=str(JAAR_MIN),
            formula2=str(JAAR_MAX),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ongeldig jaar",
            error=f"Vul een jaar in tussen {JAAR_MIN} en {JAAR_MAX}, zoals 2027.",
        )
        dv.add(f"{letter}2:{letter}{laatste}")
        blad.add_data_validation(dv)


_UITLEG: tuple[tuple[str, str, str], ...] = (
    ("titel", "ja", "Korte naam van de opgave. Elke titel komt in een wijk maar één keer voor."),
    ("transitie", "ja", "De transitie waar de opgave bij hoort: " + ", ".join(TRANSITIES) + "."),
    (
        "soort",
        "nee (fysiek)",
        "fysiek (iets bouwen of aanleggen) of sociaal (mensen, voorzieningen).",
    ),
    (
        "aanleiding",
        "nee",
        "Waarom de opgave nu speelt: een sectoraal spoor of een beheercyclus, "
        "zoals vervanging van het riool of groot onderhoud door de corporatie.",
    ),
    ("eigenaar", "nee", "Het domein of de partij die de opgave trekt."),
    ("start_jaar", "nee", f"Jaar waarin de opgave begint, vier cijfers ({JAAR_MIN}-{JAAR_MAX})."),
    ("eind_jaar", "nee", "Jaar waarin de opgave klaar is; niet eerder dan het startjaar."),
    (
        "rol",
        "nee (meeliftend)",
        "leidend (de opgave bepaalt het tempo) of meeliftend (gaat mee met een leidende opgave).",
    ),
    ("beschrijving", "nee", "Vrije toelichting. Een regelovergang in een cel mag."),
)


def _toelichting(wb: Any) -> None:
    from openpyxl.styles import Alignment, Font

    blad = wb.create_sheet(TOELICHTING_BLAD)
    blad.append(["Zo vult u dit sjabloon in"])
    blad["A1"].font = Font(bold=True, size=14)
    blad.append(
        [
            f"Zet elke opgave op een eigen rij in het blad '{SJABLOON_BLAD}'. Laat de kopregel "
            "staan. Lege rijen worden overgeslagen. Hoofdletters maken bij de vaste woorden "
            "niet uit."
        ]
    )
    blad.append([])
    blad.append(["Kolom", "Verplicht", "Wat vult u in"])
    for cel in blad[4]:
        cel.font = Font(bold=True)
    for kolom, verplicht, uitleg in _UITLEG:
        blad.append([KOPPEN[kolom], verplicht, uitleg])
    blad.append([])
    blad.append(["Toegestane waarden"])
    blad.cell(row=blad.max_row, column=1).font = Font(bold=True)
    for kolom, waarden in (("transitie", TRANSITIES), ("soort", SOORTEN), ("rol", ROLLEN)):
        blad.append([KOPPEN[kolom], ", ".join(waarden)])
    blad.append([])
    blad.append(
        [
            "Voorbeeld",
            "Warmtenet Noord; energie; fysiek; vervanging riool; gemeente; 2026; 2030; leidend",
        ]
    )
    blad.column_dimensions["A"].width = 18
    blad.column_dimensions["B"].width = 40
    blad.column_dimensions["C"].width = 80
    for rij in blad.iter_rows():
        for cel in rij:
            cel.alignment = Alignment(wrap_text=True, vertical="top")


def schrijf_sjabloon(path: str | Path) -> None:
    """Write an empty template (.xlsx with dropdowns and a 'Toelichting' sheet, or .csv)."""
    pad = Path(path)
    ext = pad.suffix.lower()
    if ext in EXCEL_EXTENSIES:
        _schrijf_excel([], pad, sjabloon=True)
    elif ext in CSV_EXTENSIES:
        _schrijf_csv([], pad)
    else:
        raise InvoerFout("Kies een bestandsnaam die eindigt op .xlsx of .csv.", bestand=pad.name)
