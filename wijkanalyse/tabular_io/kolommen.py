"""The columns of an opgaven table: their names, the Dutch aliases a team may write
in a header, limits, and how a file's header is mapped onto them (unknown columns are
ignored and listed, a misspelt known column is refused).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from wijkanalyse.core import validation
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.core.vocabulary import OPGAVE_VELDEN

KOLOMMEN: tuple[str, ...] = OPGAVE_VELDEN


VERPLICHT: tuple[str, ...] = ("titel", "transitie")


STANDAARD: dict[str, str] = {"soort": "fysiek", "rol": "meeliftend"}


JAAR_KOLOMMEN: tuple[str, ...] = ("start_jaar", "eind_jaar")


VRIJE_TEKST: tuple[str, ...] = ("aanleiding", "eigenaar", "beschrijving")


MAX_RIJEN = 2000


MAX_FOUTEN = 10


JAAR_MIN, JAAR_MAX = validation.JAAR_MIN, validation.JAAR_MAX


MAX_UITGEPAKT = 100_000_000  # bytes inside an xlsx zip: guards against zip bombs


CSV_EXTENSIES = (".csv", ".txt")


EXCEL_EXTENSIES = (".xlsx", ".xlsm")


SJABLOON_BLAD = "Opgaven"


TOELICHTING_BLAD = "Toelichting"


# Header names as the user may write them, after kop_sleutel() normalisation.
_ALIASSEN: dict[str, str] = {
    "titel": "titel",
    "titel opgave": "titel",
    "opgave titel": "titel",
    "opgave": "titel",
    "naam": "titel",
    "naam opgave": "titel",
    "transitie": "transitie",
    "soort": "soort",
    "soort opgave": "soort",
    "type": "soort",
    "type opgave": "soort",
    "domein": "soort",
    "aanleiding": "aanleiding",
    "eigenaar": "eigenaar",
    "trekker": "eigenaar",
    "eigenaar trekker": "eigenaar",
    "start jaar": "start_jaar",
    "startjaar": "start_jaar",
    "start": "start_jaar",
    "begin": "start_jaar",
    "beginjaar": "start_jaar",
    "begin jaar": "start_jaar",
    "eind jaar": "eind_jaar",
    "eindjaar": "eind_jaar",
    "eind": "eind_jaar",
    "einde": "eind_jaar",
    "rol": "rol",
    "rol in aanpak": "rol",
    "beschrijving": "beschrijving",
    "omschrijving": "beschrijving",
    "toelichting": "beschrijving",
}


_GENEGEERD = {"id"}


@dataclass
class Ruw:
    """The cells of a file as text: header and (row number, cells) per data row."""

    kop: list[str]
    kop_rij: int
    bestand: str
    rijen: list[tuple[int, list[str]]] = field(default_factory=list)
    titelrijen: list[int] = field(default_factory=list)


def kop_sleutel(tekst: str) -> str:
    """Normalise a header or a fixed word: lower case, '_'/'-'/spaces collapsed to one space
    (the key under which a column choice for a header is kept: "Type " and "type" are one
    column)."""
    return re.sub(r"[\s_\-]+", " ", tekst.strip().lower()).strip()


def lijst(waarden: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in waarden)


def doel_kolom(kop: str) -> str | None:
    """The contract column a header names, or None."""
    sleutel = kop_sleutel(kop)
    return _ALIASSEN.get(sleutel) or _ALIASSEN.get(sleutel.replace(" ", ""))


OVERSLAAN = ""
"""The target of a column the advisor chose to skip (in a column choice)."""


def voorgestelde_doel(kop: str) -> str:
    """The contract column proposed for a header, or :data:`OVERSLAAN`."""
    sleutel = kop_sleutel(kop)
    if not sleutel or sleutel in _GENEGEERD:
        return OVERSLAAN
    return doel_kolom(kop) or OVERSLAAN


def koppel_kolommen(
    ruw: Ruw, naam: str, keuze: dict[str, str] | None = None
) -> tuple[dict[str, int], list[str]]:
    """Map contract column -> index in the row, and list the ignored headers; refuse double,
    missing and misspelt columns.

    ``keuze`` (header key from :func:`kop_sleutel` -> contract column, or :data:`OVERSLAAN`)
    is the advisor's own choice for a column; it wins over the proposal, and a column the
    advisor chose to skip is never refused as a misspelling.
    """
    keuze = {kop_sleutel(k): v for k, v in (keuze or {}).items()}
    plaats: dict[str, int] = {}
    onbekend: list[str] = []
    gekozen_overslaan: set[str] = set()
    naamloos: list[int] = []
    for i, kop in enumerate(ruw.kop):
        sleutel = kop_sleutel(kop)
        if not sleutel:
            naamloos.append(i)
            continue
        if sleutel in keuze:
            doel = keuze[sleutel] or None
            if doel is not None and doel not in KOLOMMEN:
                raise InvoerFout(
                    f"'{doel}' is geen kolom van een opgave; kies een van {lijst(KOLOMMEN)}.",
                    bestand=naam,
                    rij=ruw.kop_rij,
                    kolom=kop.strip(),
                )
            if doel is None:
                gekozen_overslaan.add(kop.strip())
        elif sleutel in _GENEGEERD:
            onbekend.append(kop.strip())
            continue
        else:
            doel = doel_kolom(kop)
        if doel is None:
            onbekend.append(kop.strip())
        elif doel in plaats:
            raise InvoerFout(
                f"De kolom '{doel}' komt twee keer voor ('{ruw.kop[plaats[doel]].strip()}' en "
                f"'{kop.strip()}'). Verwijder een van beide.",
                bestand=naam,
                rij=ruw.kop_rij,
                kolom=kop.strip(),
            )
        else:
            plaats[doel] = i
    gevonden = lijst(k.strip() for k in ruw.kop if k.strip())
    ontbreekt = [k for k in VERPLICHT if k not in plaats]
    if ontbreekt:
        raise InvoerFout(
            f"Verplichte kolom(men) ontbreken: {lijst(ontbreekt)}. Gevonden kolommen: "
            f"{gevonden or '(geen)'}. Staat de kopregel in de eerste tien gevulde regels?",
            bestand=naam,
            rij=ruw.kop_rij,
            kolom=ontbreekt[0],
        )
    for i in naamloos:
        _controleer_naamloze_kolom(ruw, i, naam)
    vrij = [a for a, d in _ALIASSEN.items() if d not in plaats]
    for kop in onbekend:
        if kop in gekozen_overslaan:
            continue
        sleutel = kop_sleutel(kop)
        bijna = (
            difflib.get_close_matches(sleutel, vrij, n=1, cutoff=0.8) if len(sleutel) > 3 else []
        )
        if bijna:
            raise InvoerFout(
                f"Onbekende kolom(men): '{kop}'. Bedoelt u '{_ALIASSEN[bijna[0]]}'? Geef de kolom "
                f"die naam (toegestane kolommen zijn: {lijst(KOLOMMEN)}); andere kolommen worden "
                "overgeslagen.",
                bestand=naam,
                rij=ruw.kop_rij,
                kolom=kop,
            )
    return plaats, onbekend


def _controleer_naamloze_kolom(ruw: Ruw, i: int, naam: str) -> None:
    for rij, cellen in ruw.rijen:
        if i < len(cellen) and cellen[i].strip():
            raise InvoerFout(
                f"Kolom {kolomletter(i)} heeft geen naam in de kopregel, maar bevat wel "
                "gegevens. Geef de kolom een naam of maak hem leeg.",
                bestand=naam,
                rij=rij,
                kolom=kolomletter(i),
            )


def kolomletter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


KOLOM_NAMEN = {
    "titel": "titel",
    "transitie": "transitie",
    "soort": "soort",
    "aanleiding": "aanleiding",
    "eigenaar": "eigenaar",
    "start_jaar": "startjaar",
    "eind_jaar": "eindjaar",
    "rol": "rol",
    "beschrijving": "beschrijving",
}


KOPPEN: dict[str, str] = {
    "titel": "Titel",
    "transitie": "Transitie",
    "soort": "Soort",
    "aanleiding": "Aanleiding",
    "eigenaar": "Eigenaar",
    "start_jaar": "Startjaar",
    "eind_jaar": "Eindjaar",
    "rol": "Rol",
    "beschrijving": "Beschrijving",
}
"""The headers an export writes: the Dutch words the import reads back (a round trip through
Excel changes nothing)."""
