"""Werkblad 2.7 as an Excel file: kansen and bedreigingen per pair of opgaven.

:func:`schrijf_werkblad` writes one sheet per pair, laid out like the paper worksheet, plus
an index sheet "Overzicht". :func:`lees_werkblad` reads a (filled-in) workbook back into
validated frames. Pure file <-> DataFrame functions; nothing here touches the store.

Layout of a pair sheet (row numbers as Excel shows them)::

    1  Werkblad 2.7 - kansen en bedreigingen        (title)
    2  Opgave 1:    <titel>                          H2: id, I2: titel at export (hidden)
    3  Opgave 2:    <titel>                          H3: id, I3: titel at export (hidden)
    4  Niveau:      koppelkans / meekoppelkans / afstemming
    5  Toelichting: <free text>
    7  Soort | Omschrijving | Impact | Horizon | Interventie | Eigenaar interventie
    8+ one row per kans or bedreiging

Choices:

* The visible titles are what counts. Columns H and I are hidden and hold the opgave id and
  the title at export time: when the visible title was not changed but the opgave has been
  renamed in the meantime, the id still finds it. A title the user typed must match an
  existing opgave (case and surrounding spaces do not matter).
* ``lees_werkblad`` returns ``(koppelingen, items)``. ``koppelingen`` has the contract columns
  without ``id``: opgave_a, opgave_b (opgave_a < opgave_b), niveau, toelichting. ``items``
  has the contract columns with the pair key ``opgave_a, opgave_b`` instead of
  ``koppeling_id``: opgave_a, opgave_b, soort, tekst, impact, horizon, interventie,
  interventie_eigenaar.
* A sheet with no niveau and no items is a pair that was not considered: it is skipped.
* Free texts are kept as written (line endings normalised to ``"\\n"``); texts are stored as
  text cells, so a text starting with ``=`` never becomes a formula.
* Sheets whose cell A2 does not start with "Opgave 1" (and the sheet "Overzicht") are not
  pair sheets and are ignored, so a team may add a sheet with notes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse.core import validation
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.core.vocabulary import (
    HORIZON_LABEL,
    HORIZONNEN,
    IMPACTEN,
    ITEM_SOORTEN,
    ITEM_VELDEN,
    NIVEAUS,
)
from wijkanalyse.tabular_io.begrensd import WERKBLAD_GRENZEN, Teller, lees_blad
from wijkanalyse.tabular_io.bestand import mb, naar_tekst, open_werkboek
from wijkanalyse.tabular_io.schrijven import zet_keuzelijst, zet_tekst
from wijkanalyse.tabular_io.waarden import normaliseer_woord

OVERZICHT = "Overzicht"
TITEL_RIJ, OPGAVE1_RIJ, OPGAVE2_RIJ, NIVEAU_RIJ, TOELICHTING_RIJ = 1, 2, 3, 4, 5
KOP_RIJ = 7
EERSTE_ITEM_RIJ = 8
LEGE_REGELS = 30  # empty, validated rows below the items for the team to fill in
ID_KOLOM, EXPORT_TITEL_KOLOM = 8, 9  # H, I: hidden
ITEM_KOPPEN: tuple[str, ...] = (
    "Soort",
    "Omschrijving",
    "Impact",
    "Horizon",
    "Interventie",
    "Eigenaar interventie",
)
KOPPELING_KOLOMMEN: tuple[str, ...] = ("opgave_a", "opgave_b", "niveau", "toelichting")
ITEM_KOLOMMEN: tuple[str, ...] = ("opgave_a", "opgave_b", *ITEM_VELDEN)
_BREEDTES = (14, 60, 10, 10, 50, 24)
_VERBODEN = re.compile(r"[\[\]:*?/\\]")
_ITEM_ALIAS = {"kansen": "kans", "bedreigingen": "bedreiging"}
_HORIZON_ALIAS = {_label.lower(): code for code, _label in HORIZON_LABEL.items()}


# --------------------------------------------------------------------------- writing


def _paren(
    koppelingen: pd.DataFrame, paren: Sequence[tuple[int, int]] | None
) -> list[tuple[int, int]]:
    if paren is None:
        paren = list(zip(koppelingen["opgave_a"], koppelingen["opgave_b"], strict=True))
    return [(int(min(a, b)), int(max(a, b))) for a, b in paren]


def bladnaam(nummer: int, titel_a: str, titel_b: str, gebruikt: set[str]) -> str:
    """A valid, unique (case-insensitive) Excel sheet name of at most 31 characters."""
    voor = f"{nummer}. "
    ruimte = (31 - len(voor) - 3) // 2
    delen = [
        _VERBODEN.sub("", " ".join(t.split())).strip("' ")[:ruimte] for t in (titel_a, titel_b)
    ]
    naam = (voor + " + ".join(d.strip() for d in delen)).strip("' ")[:31]
    basis, teller = naam, 2
    while naam.lower() in gebruikt or naam.lower() == OVERZICHT.lower():
        staart = f" ({teller})"
        naam, teller = basis[: 31 - len(staart)] + staart, teller + 1
    gebruikt.add(naam.lower())
    return naam


def schrijf_werkblad(
    opgaven: pd.DataFrame,
    koppelingen: pd.DataFrame,
    items: pd.DataFrame,
    path: str | Path,
    *,
    paren: list[tuple[int, int]] | None = None,
) -> None:
    """Write Werkblad 2.7: one sheet per pair (default: every koppeling) and an 'Overzicht'.

    A pair in ``paren`` without a koppeling gets an empty sheet for the team to fill in.
    """
    from openpyxl import Workbook

    titels = {int(i): str(t) for i, t in zip(opgaven["id"], opgaven["titel"], strict=True)}
    per_paar = {
        (int(min(k["opgave_a"], k["opgave_b"])), int(max(k["opgave_a"], k["opgave_b"]))): k
        for k in koppelingen.to_dict("records")
    }
    wb = Workbook()
    overzicht = wb.active
    overzicht.title = OVERZICHT
    gebruikt: set[str] = set()
    regels: list[list[Any]] = []
    for nummer, (a, b) in enumerate(_paren(koppelingen, paren), start=1):
        for opgave_id in (a, b):
            if opgave_id not in titels:
                raise ValueError(f"schrijf_werkblad: opgave {opgave_id} not in opgaven")
        koppeling = per_paar.get((a, b))
        eigen = _items_van(items, koppeling)
        naam = bladnaam(nummer, titels[a], titels[b], gebruikt)
        _schrijf_paar(wb.create_sheet(naam), (a, titels[a]), (b, titels[b]), koppeling, eigen)
        regels.append(_overzicht_regel(naam, titels[a], titels[b], koppeling, eigen))
    _schrijf_overzicht(overzicht, regels)
    wb.save(Path(path))


def _items_van(items: pd.DataFrame, koppeling: dict[str, Any] | None) -> list[dict[str, Any]]:
    if koppeling is None or items.empty:
        return []
    eigen = items[items["koppeling_id"] == koppeling["id"]]
    volgorde = {s: i for i, s in enumerate(ITEM_SOORTEN)}
    eigen = eigen.assign(_v=eigen["soort"].map(volgorde)).sort_values(["_v", "id"], kind="stable")
    return eigen.drop(columns="_v").to_dict("records")


def _tekst(waarde: Any) -> str:
    return "" if waarde is None or pd.isna(waarde) else str(waarde)


def _schrijf_paar(
    blad: Any,
    opgave1: tuple[int, str],
    opgave2: tuple[int, str],
    koppeling: dict[str, Any] | None,
    items: list[dict[str, Any]],
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    blad["A1"] = "Werkblad 2.7 - kansen en bedreigingen van een koppeling"
    blad["A1"].font = Font(bold=True, size=14)
    labels = ("Opgave 1:", "Opgave 2:", "Niveau:", "Toelichting:")
    niveau = _tekst(koppeling["niveau"]) if koppeling else ""
    toelichting = _tekst(koppeling["toelichting"]) if koppeling else ""
    waarden = (opgave1[1], opgave2[1], niveau, toelichting)
    for rij, label, waarde in zip(range(OPGAVE1_RIJ, 6), labels, waarden, strict=True):
        blad.cell(row=rij, column=1, value=label).font = Font(bold=True)
        zet_tekst(blad.cell(row=rij, column=2), waarde)
        blad.merge_cells(start_row=rij, start_column=2, end_row=rij, end_column=6)
        blad.cell(row=rij, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    for rij, (opgave_id, titel) in ((OPGAVE1_RIJ, opgave1), (OPGAVE2_RIJ, opgave2)):
        blad.cell(row=rij, column=ID_KOLOM, value=opgave_id)
        zet_tekst(blad.cell(row=rij, column=EXPORT_TITEL_KOLOM), titel)
    blad.cell(row=1, column=ID_KOLOM, value="id (niet wijzigen)")
    kop_vulling = PatternFill("solid", fgColor="DDEBF7")
    for kolom, (kop, breedte) in enumerate(zip(ITEM_KOPPEN, _BREEDTES, strict=True), start=1):
        cel = blad.cell(row=KOP_RIJ, column=kolom, value=kop)
        cel.font, cel.fill = Font(bold=True), kop_vulling
        blad.column_dimensions[cel.column_letter].width = breedte
    for rij, item in enumerate(items, start=EERSTE_ITEM_RIJ):
        for kolom, veld in enumerate(ITEM_VELDEN, start=1):
            cel = blad.cell(row=rij, column=kolom)
            zet_tekst(cel, _tekst(item[veld]))
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    _validaties(blad, EERSTE_ITEM_RIJ + len(items) + LEGE_REGELS)
    for letter in ("H", "I"):
        blad.column_dimensions[letter].hidden = True
    blad.freeze_panes = f"A{EERSTE_ITEM_RIJ}"


def _validaties(blad: Any, laatste: int) -> None:
    lijsten = (
        (f"B{NIVEAU_RIJ}", NIVEAUS),
        (f"A{EERSTE_ITEM_RIJ}:A{laatste}", ITEM_SOORTEN),
        (f"C{EERSTE_ITEM_RIJ}:C{laatste}", IMPACTEN),
        (f"D{EERSTE_ITEM_RIJ}:D{laatste}", HORIZONNEN),
    )
    for bereik, waarden in lijsten:
        zet_keuzelijst(blad, bereik, waarden)


def _overzicht_regel(
    naam: str, titel_a: str, titel_b: str, koppeling: dict[str, Any] | None, items: list[dict]
) -> list[Any]:
    kansen = sum(i["soort"] == "kans" for i in items)
    zonder = sum(not _tekst(i["interventie"]).strip() for i in items)
    niveau = _tekst(koppeling["niveau"]) if koppeling else ""
    return [naam, titel_a, titel_b, niveau, kansen, len(items) - kansen, zonder]


def _schrijf_overzicht(blad: Any, regels: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font

    blad["A1"] = "Werkblad 2.7 - overzicht van de paren"
    blad["A1"].font = Font(bold=True, size=14)
    blad["A2"] = "Elk paar opgaven heeft een eigen blad. Klik op de bladnaam om het te openen."
    koppen = (
        "Blad",
        "Opgave 1",
        "Opgave 2",
        "Niveau",
        "Kansen",
        "Bedreigingen",
        "Zonder interventie",
    )
    for kolom, (kop, breedte) in enumerate(
        zip(koppen, (28, 36, 36, 16, 9, 13, 18), strict=True), 1
    ):
        cel = blad.cell(row=4, column=kolom, value=kop)
        cel.font = Font(bold=True)
        blad.column_dimensions[cel.column_letter].width = breedte
    for rij, regel in enumerate(regels, start=5):
        for kolom, waarde in enumerate(regel, start=1):
            cel = blad.cell(row=rij, column=kolom)
            zet_tekst(cel, waarde)
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        blad.cell(row=rij, column=1).hyperlink = f"#'{regel[0]}'!A1"
        blad.cell(row=rij, column=1).font = Font(color="0563C1", underline="single")
    blad.freeze_panes = "A5"


# --------------------------------------------------------------------------- reading


def _cellen(blad: Any, teller: Teller, naam: str) -> dict[int, list[str]]:
    """The sheet's rows with a value, read within the limits (never the declared size)."""
    gelezen = lees_blad(blad, teller, naam)
    return {rij: [naar_tekst(w) for w in waarden] for rij, waarden in gelezen.rijen}


def _cel(rijen: dict[int, list[str]], rij: int, kolom: int) -> str:
    cellen = rijen.get(rij, [])
    return cellen[kolom - 1] if kolom - 1 < len(cellen) else ""


def _is_paarblad(blad: Any, rijen: dict[int, list[str]]) -> bool:
    if blad.title.strip().lower() == OVERZICHT.lower():
        return False
    return _cel(rijen, OPGAVE1_RIJ, 1).strip().lower().startswith("opgave 1")


class _Opgaven:
    """Looks up opgaven by title (case-insensitive, stripped) or by id."""

    def __init__(self, opgaven: pd.DataFrame) -> None:
        self.titels = {int(i): str(t) for i, t in zip(opgaven["id"], opgaven["titel"], strict=True)}
        self.op_titel = {_sleutel(t): i for i, t in self.titels.items()}

    def zoek(self, rijen: dict[int, list[str]], rij: int, bestand: str) -> int:
        titel = _cel(rijen, rij, 2)
        if not titel.strip():
            raise InvoerFout(
                "De titel van de opgave is leeg. Vul de titel van een bestaande opgave in.",
                bestand=bestand,
                rij=rij,
                kolom="B",
            )
        gevonden = self.op_titel.get(_sleutel(titel))
        if gevonden is not None:
            return gevonden
        oud_id, oude_titel = _cel(rijen, rij, ID_KOLOM), _cel(rijen, rij, EXPORT_TITEL_KOLOM)
        if titel == oude_titel and oud_id.isdigit() and int(oud_id) in self.titels:
            return int(oud_id)  # renamed in the store since the export
        raise InvoerFout(
            f"Er is geen opgave met de titel '{titel.strip()}'. Gebruik precies de titel van een "
            f"bestaande opgave. {self._voorbeelden()}",
            bestand=bestand,
            rij=rij,
            kolom="B",
        )

    def _voorbeelden(self) -> str:
        namen = sorted(self.titels.values())
        lijst = ", ".join(f"'{n}'" for n in namen[:10])
        return f"Bekende opgaven: {lijst}{', ...' if len(namen) > 10 else ''}."


def _sleutel(titel: str) -> str:
    return unicodedata.normalize("NFC", " ".join(titel.split())).casefold()


def _woord(
    waarde: str, toegestaan: Sequence[str], alias: dict[str, str], wat: str
) -> tuple[str | None, str]:
    sleutel = " ".join(waarde.split()).lower()
    gevonden = alias.get(sleutel) or normaliseer_woord(waarde, toegestaan)
    if gevonden is not None:
        return gevonden, ""
    lijst = ", ".join(f"'{t}'" for t in toegestaan)
    if not sleutel:
        return None, f"{wat} is leeg. Kies een van: {lijst}."
    return None, f"'{waarde.strip()}' is geen geldige {wat.lower()}. Kies een van: {lijst}."


_CONTROLES: dict[str, tuple[Sequence[str], dict[str, str], str]] = {
    "soort": (ITEM_SOORTEN, _ITEM_ALIAS, "Soort"),
    "impact": (IMPACTEN, {}, "Impact"),
    "horizon": (HORIZONNEN, _HORIZON_ALIAS, "Horizon"),
}


def _item_waarde(veld: str, tekst: str) -> tuple[str | None, str]:
    if fout := validation.verboden_teken(tekst):
        return None, f"Deze cel bevat {fout}. Haal het weg en lees opnieuw in."
    if veld in _CONTROLES:
        return _woord(tekst, *_CONTROLES[veld])
    if veld == "tekst" and not tekst.strip():
        return None, (
            "De omschrijving is leeg. Beschrijf de kans of bedreiging, of maak de hele rij leeg."
        )
    return tekst, ""


def _lees_items(
    rijen: dict[int, list[str]], paar: tuple[int, int], bestand: str
) -> list[dict[str, Any]]:
    uit = []
    for rij in sorted(r for r in rijen if r >= EERSTE_ITEM_RIJ):
        cellen = [_cel(rijen, rij, k) for k in range(1, len(ITEM_VELDEN) + 1)]
        if all(not c.strip() for c in cellen):
            continue
        item: dict[str, Any] = dict(zip(ITEM_VELDEN, cellen, strict=True))
        for index, veld in enumerate(ITEM_VELDEN):
            waarde, melding = _item_waarde(veld, cellen[index])
            if melding:
                raise InvoerFout(melding, bestand=bestand, rij=rij, kolom=ITEM_KOPPEN[index])
            item[veld] = waarde
        uit.append({"opgave_a": paar[0], "opgave_b": paar[1], **item})
    return uit


def _lees_paar(
    blad: Any, rijen: dict[int, list[str]], opgaven: _Opgaven, bestand: str
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    a = opgaven.zoek(rijen, OPGAVE1_RIJ, bestand)
    b = opgaven.zoek(rijen, OPGAVE2_RIJ, bestand)
    if a == b:
        raise InvoerFout(
            "Opgave 1 en opgave 2 zijn dezelfde opgave. Een koppeling gaat over twee "
            "verschillende opgaven.",
            bestand=bestand,
            rij=OPGAVE2_RIJ,
            kolom="B",
        )
    paar = (min(a, b), max(a, b))
    items = _lees_items(rijen, paar, bestand)
    niveau_tekst = _cel(rijen, NIVEAU_RIJ, 2)
    toelichting = _cel(rijen, TOELICHTING_RIJ, 2)
    if fout := validation.verboden_teken(toelichting):
        raise InvoerFout(
            f"De toelichting bevat {fout}. Haal het weg en lees opnieuw in.",
            bestand=bestand,
            rij=TOELICHTING_RIJ,
            kolom="B",
        )
    if not niveau_tekst.strip() and not items and not toelichting.strip():
        return None, []
    niveau, melding = _woord(niveau_tekst, NIVEAUS, {}, "Niveau")
    if melding:
        raise InvoerFout(melding, bestand=bestand, rij=NIVEAU_RIJ, kolom="B")
    koppeling = {"opgave_a": paar[0], "opgave_b": paar[1], "niveau": niveau}
    return {**koppeling, "toelichting": toelichting}, items


def lees_werkblad(
    path: str | Path, opgaven: pd.DataFrame, *, max_bytes: int = 5_000_000
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a Werkblad 2.7 workbook back into ``(koppelingen, items)`` (see module docstring).

    Raises :class:`InvoerFout` with ``bestand='file.xlsx, blad X'``, row and column.
    """
    pad = Path(path)
    naam = pad.name
    _controleer_bestand(pad, naam, max_bytes)
    wb = open_werkboek(pad, naam, read_only=True, grenzen=WERKBLAD_GRENZEN)
    try:
        return _lees_bladen(wb, naam, _Opgaven(opgaven))
    except MemoryError:
        raise InvoerFout(
            "Het bestand is te groot om in te lezen met het geheugen van deze computer.",
            bestand=naam,
        ) from None
    finally:
        wb.close()


def _controleer_bestand(pad: Path, naam: str, max_bytes: int) -> None:
    if not pad.is_file():
        raise InvoerFout("Het bestand bestaat niet.", bestand=naam)
    if pad.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InvoerFout(
            "Een werkblad wordt ingelezen uit een Excel-bestand (.xlsx).", bestand=naam
        )
    grootte = pad.stat().st_size
    if grootte > max_bytes:
        raise InvoerFout(
            f"Het bestand is {mb(grootte)} groot; de grens is {mb(max_bytes)}.",
            bestand=naam,
        )


def _lees_bladen(wb: Any, naam: str, opgaven: _Opgaven) -> tuple[pd.DataFrame, pd.DataFrame]:
    koppelingen: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    gezien: dict[tuple[int, int], str] = {}
    aantal_bladen = 0
    teller = Teller(WERKBLAD_GRENZEN)
    for blad in wb.worksheets:
        rijen = _cellen(blad, teller, naam)
        if not _is_paarblad(blad, rijen):
            continue
        aantal_bladen += 1
        bestand = f"{naam}, blad {blad.title}"
        koppeling, eigen = _lees_paar(blad, rijen, opgaven, bestand)
        if koppeling is None:
            continue
        paar = (koppeling["opgave_a"], koppeling["opgave_b"])
        if paar in gezien:
            raise InvoerFout(
                f"Dit paar opgaven staat ook op blad '{gezien[paar]}'. Zet elk paar op één blad.",
                bestand=bestand,
                rij=OPGAVE1_RIJ,
                kolom="B",
            )
        gezien[paar] = blad.title
        koppelingen.append(koppeling)
        items.extend(eigen)
    if aantal_bladen == 0:
        raise InvoerFout(
            "Dit bestand bevat geen Werkblad 2.7: geen enkel blad heeft 'Opgave 1:' in cel A2.",
            bestand=naam,
        )
    return _frame(koppelingen, KOPPELING_KOLOMMEN), _frame(items, ITEM_KOLOMMEN)


def _frame(rijen: list[dict[str, Any]], kolommen: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rijen, columns=list(kolommen))
    for kolom in kolommen:
        if kolom in ("opgave_a", "opgave_b"):
            frame[kolom] = frame[kolom].astype("int64")
        else:
            frame[kolom] = frame[kolom].astype("str")
    return frame
