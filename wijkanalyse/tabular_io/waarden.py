"""The values of each row: fixed words (with a Dutch suggestion for a typo), years,
required fields, double titles; errors collected per row and column.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from wijkanalyse.core import validation
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.core.vocabulary import ROLLEN, SOORTEN, TRANSITIES

from .kolommen import (
    JAAR_KOLOMMEN,
    KOLOMMEN,
    MAX_FOUTEN,
    STANDAARD,
    VRIJE_TEKST,
    kop_sleutel,
    lijst,
)


class Fouten:
    """Collects up to MAX_FOUTEN row errors and raises them as one InvoerFout."""

    def __init__(self, naam: str, maximum: int = MAX_FOUTEN) -> None:
        self.naam = naam
        self.maximum = maximum
        self.lijst: list[tuple[int, str, str]] = []

    def voeg_toe(self, rij: int, kolom: str, melding: str) -> None:
        if len(self.lijst) < self.maximum:
            self.lijst.append((rij, kolom, melding))

    @property
    def vol(self) -> bool:
        return len(self.lijst) >= self.maximum

    def gooi(self) -> None:
        if not self.lijst:
            return
        rij, kolom, melding = self.lijst[0]
        if len(self.lijst) > 1:
            extra = "\n".join(f"- rij {r}, kolom '{k}': {m}" for r, k, m in self.lijst[1:])
            meer = " (de eerste tien)" if len(self.lijst) == MAX_FOUTEN else ""
            melding += f"\nOok gevonden{meer}:\n{extra}"
        raise InvoerFout(melding, bestand=self.naam, rij=rij, kolom=kolom)


def _suggestie(waarde: str, toegestaan: Sequence[str]) -> str:
    kandidaat = (
        next((t for t in toegestaan if t in waarde or waarde in t), None) if waarde else None
    )
    if kandidaat is None:
        gelijk = difflib.get_close_matches(waarde, toegestaan, n=1, cutoff=0.6)
        kandidaat = gelijk[0] if gelijk else None
    return f" Bedoelt u '{kandidaat}'?" if kandidaat else ""


def normaliseer_woord(waarde: str, toegestaan: Sequence[str]) -> str | None:
    """'Klimaat-adaptatie ' -> 'klimaatadaptatie'; None when not one of ``toegestaan``."""
    sleutel = kop_sleutel(waarde)
    for kandidaat in (sleutel, sleutel.replace(" ", "")):
        if kandidaat in toegestaan:
            return kandidaat
    return None


def _woord(waarde: str, kolom: str, toegestaan: Sequence[str]) -> tuple[str | None, str]:
    if not waarde.strip():
        if kolom in STANDAARD:
            return STANDAARD[kolom], ""
        return None, f"Deze cel is leeg. Kies een van: {lijst(toegestaan)}."
    gevonden = normaliseer_woord(waarde, toegestaan)
    if gevonden is None:
        return None, (
            f"'{waarde.strip()}' is geen geldige {kolom}."
            f"{_suggestie(kop_sleutel(waarde), toegestaan)}"
            f" Toegestaan zijn: {lijst(toegestaan)}."
        )
    return gevonden, ""


def _jaar(waarde: str) -> tuple[int | None, str]:
    """The one rule for years (:func:`wijkanalyse.core.validation.jaar`), as (value, message)."""
    try:
        return validation.jaar(waarde, "jaar"), ""
    except InvoerFout as e:
        return None, e.melding


def titel_sleutel(titel: str) -> str:
    return unicodedata.normalize("NFC", " ".join(titel.split())).casefold()


def rij_waarden(cellen: list[str], plaats: dict[str, int]) -> dict[str, str]:
    return {
        kolom: (cellen[plaats[kolom]] if kolom in plaats and plaats[kolom] < len(cellen) else "")
        for kolom in KOLOMMEN
    }


def valideer_rij(
    waarden: dict[str, str], rij: int, fouten: Fouten, koppen: dict[str, str]
) -> dict[str, Any]:
    for kolom in KOLOMMEN:
        fout = validation.verboden_teken(waarden[kolom])
        if fout:
            fouten.voeg_toe(
                rij, koppen[kolom], f"Deze cel bevat {fout}. Haal het weg en lees opnieuw in."
            )
            waarden = {**waarden, kolom: validation.VERBODEN_TEKENS.sub("", waarden[kolom])}
    waarden = {k: unicodedata.normalize("NFC", v) for k, v in waarden.items()}
    uit: dict[str, Any] = {k: waarden[k] for k in VRIJE_TEKST}
    uit["titel"] = waarden["titel"].strip()
    if not uit["titel"]:
        fouten.voeg_toe(rij, koppen["titel"], "De titel is leeg. Elke opgave heeft een titel.")
    for kolom, toegestaan in (("transitie", TRANSITIES), ("soort", SOORTEN), ("rol", ROLLEN)):
        uit[kolom], melding = _woord(waarden[kolom], kolom, toegestaan)
        if melding:
            fouten.voeg_toe(rij, koppen[kolom], melding)
    for kolom in JAAR_KOLOMMEN:
        uit[kolom], melding = _jaar(waarden[kolom])
        if melding:
            fouten.voeg_toe(rij, koppen[kolom], melding)
    start, eind = uit["start_jaar"], uit["eind_jaar"]
    if start is not None and eind is not None and eind < start:
        fouten.voeg_toe(
            rij,
            koppen["eind_jaar"],
            f"Het eindjaar ({eind}) ligt vóór het startjaar ({start}).",
        )
    return uit


def controleer_titels(
    rijen: list[tuple[int, dict[str, Any]]],
    bestaande: Iterable[str],
    fouten: Fouten,
    kolom: str,
) -> None:
    bestaand = {titel_sleutel(t) for t in bestaande}
    eerder: dict[str, int] = {}
    for rij, waarden in rijen:
        sleutel = titel_sleutel(waarden["titel"])
        if not sleutel:
            continue
        if sleutel in eerder:
            fouten.voeg_toe(
                rij,
                kolom,
                f"De titel '{waarden['titel']}' staat twee keer in het bestand: in rij "
                f"{eerder[sleutel]} en in rij {rij}. Titels moeten uniek zijn.",
            )
        elif sleutel in bestaand:
            fouten.voeg_toe(
                rij,
                kolom,
                f"Er bestaat in deze wijk al een opgave met de titel '{waarden['titel']}'. "
                "Kies een andere titel of verwijder de rij.",
            )
        eerder.setdefault(sleutel, rij)


def leeg_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {k: pd.Series(dtype="Int64" if k in JAAR_KOLOMMEN else "str") for k in KOLOMMEN}
    )


def naar_frame(rijen: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rijen, columns=list(KOLOMMEN))
    for kolom in KOLOMMEN:
        if kolom in JAAR_KOLOMMEN:
            frame[kolom] = pd.array(list(frame[kolom]), dtype="Int64")
        else:
            frame[kolom] = frame[kolom].astype("str")
    return frame
