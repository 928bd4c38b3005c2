"""Read and write tables of opgaven (CSV and Excel) as validated DataFrames.

Pure file <-> DataFrame functions: nothing here touches the store. :func:`lees_opgaven`
either returns a frame that is valid as a whole or raises :class:`InvoerFout` (file, row
and column), so the caller can insert the frame in one transaction.

Choices (see also the tests):

* Rows are numbered as the user sees them in Excel: the header is row 1, the first data row
  is row 2. In a CSV file a "row" is a record (a cell with a line break stays one row).
* Line endings inside cells are normalised to ``"\\n"`` on reading (Excel files cannot keep a
  bare ``"\\r"``), so a frame that came out of :func:`lees_opgaven` round-trips exactly.
* Formula injection: in ``.xlsx`` every text is stored as a text cell, never as a formula,
  so ``"=SOM(A1)"`` shows as text and round-trips unchanged. In ``.csv`` a text whose first
  character (after any leading apostrophes) is ``= + - @`` or a tab gets an
  extra leading apostrophe (the OWASP advice); on reading exactly one apostrophe is removed
  again in that case. A text such as ``'s-Hertogenbosch`` is left alone in both directions.
* ``titel`` and the fixed words (transitie, soort, rol) are stripped and lower-cased where
  appropriate; the free texts (aanleiding, eigenaar, beschrijving) are kept as written.
* The header may sit below title rows (a team's sheet often starts with a title such as
  "Inventarisatie opgaven wijk Laak"): the first of the first ten filled rows that names at
  least two known columns is the header; the rows above it are skipped and listed.
* Columns that are not recognised (Nr., Type, Toelichting, "Budget (mln €)") are ignored and
  listed in the preview, except a header that looks like a misspelt known column
  ("startjar"): that is refused, so a typo never silently drops a column. Columns without a
  name are ignored when they are empty.
* A year column accepts a date (an Excel date, "2027-03-01" or "01-03-2027"): its year counts.
* Cells merged down a column (one "energie" for three rows) count for every row they cover.
* An Excel workbook: the sheet called "Opgaven" is read if there is one; otherwise the only
  filled sheet (a sheet "Toelichting" and hidden sheets do not count). Several filled sheets
  and no "Opgaven" sheet is refused, because guessing could import the wrong list.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse import validation
from wijkanalyse.errors import InvoerFout
from wijkanalyse.vocabulary import ROLLEN, SOORTEN, TRANSITIES

KOLOMMEN: tuple[str, ...] = (
    "titel",
    "transitie",
    "soort",
    "aanleiding",
    "eigenaar",
    "start_jaar",
    "eind_jaar",
    "rol",
    "beschrijving",
)
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

# Header names as the user may write them, after _sleutel() normalisation.
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
}
_GENEGEERD = {"id"}


# --------------------------------------------------------------------------- small helpers


def _sleutel(tekst: str) -> str:
    """Normalise a header or a fixed word: lower case, '_'/'-'/spaces collapsed to one space."""
    return re.sub(r"[\s_\-]+", " ", tekst.strip().lower()).strip()


def _lijst(waarden: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in waarden)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def _naar_tekst(waarde: Any) -> str:
    """A cell value as text: None -> '', 2027.0 -> '2027', line endings -> '\\n'."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    tekst = waarde if isinstance(waarde, str) else str(waarde)
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


_RISKANT = ("=", "+", "-", "@", "\t")


def _riskant(tekst: str) -> bool:
    return tekst.lstrip("'").startswith(_RISKANT)


def bescherm_formule(tekst: str) -> str:
    """Prefix an apostrophe so a spreadsheet never runs the text as a formula (CSV only)."""
    return "'" + tekst if _riskant(tekst) else tekst


def herstel_formule(tekst: str) -> str:
    """Undo :func:`bescherm_formule` exactly."""
    return tekst[1:] if tekst.startswith("'") and _riskant(tekst) else tekst


# --------------------------------------------------------------------------- raw reading


@dataclass
class _Ruw:
    """The cells of a file as text: header and (row number, cells) per data row."""

    kop: list[str]
    kop_rij: int
    bestand: str
    rijen: list[tuple[int, list[str]]] = field(default_factory=list)
    titelrijen: list[int] = field(default_factory=list)


def _controleer_bestand(pad: Path, max_bytes: int) -> str:
    naam = pad.name
    if not pad.exists():
        raise InvoerFout("Het bestand bestaat niet (meer).", bestand=naam)
    if pad.is_dir():
        raise InvoerFout("Dit is een map, geen bestand.", bestand=naam)
    ext = pad.suffix.lower()
    if ext == ".xls":
        raise InvoerFout(
            "Dit is het oude Excel-formaat (.xls). Open het in Excel en kies 'Opslaan als' "
            "> 'Excel-werkmap (.xlsx)', of sla het op als CSV.",
            bestand=naam,
        )
    if ext not in CSV_EXTENSIES + EXCEL_EXTENSIES:
        raise InvoerFout(
            f"Bestanden van het type '{ext or '(geen extensie)'}' kunnen niet worden "
            "ingelezen. Gebruik een Excel-bestand (.xlsx) of een CSV-bestand (.csv).",
            bestand=naam,
        )
    grootte = pad.stat().st_size
    if grootte > max_bytes:
        raise InvoerFout(
            f"Het bestand is {_mb(grootte)} groot; de grens is {_mb(max_bytes)}. "
            "Controleer of dit het goede bestand is, of splits het op.",
            bestand=naam,
        )
    if grootte == 0:
        raise InvoerFout("Het bestand is leeg (0 bytes).", bestand=naam)
    return ext


def _decodeer(data: bytes, naam: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise InvoerFout(
            "Dit lijkt een Excel-bestand met de verkeerde extensie. "
            "Geef het de extensie .xlsx en probeer het opnieuw.",
            bestand=naam,
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        tekst = data.decode("utf-16")  # Excel's "Unicode-tekst"
    else:
        if b"\x00" in data[:4096]:
            raise InvoerFout(
                "Dit is geen tekstbestand (CSV). Sla de tabel op als CSV of als Excel-bestand.",
                bestand=naam,
            )
        for codering in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                tekst = data.decode(codering)
                break
            except UnicodeDecodeError:
                continue
    if sum(not (c.isprintable() or c in "\r\n\t") for c in tekst[:4096]) > 20:
        raise InvoerFout(
            "Dit is geen leesbaar tekstbestand (CSV). Sla de tabel op als CSV of als "
            "Excel-bestand.",
            bestand=naam,
        )
    return tekst


def _kies_scheidingsteken(tekst: str) -> str:
    """Sniff ';', ',' or tab from the first non-empty line (outside quotes)."""
    eerste = next((regel for regel in tekst.splitlines() if regel.strip()), "")
    buiten_quotes = re.sub(r'"[^"]*"', "", eerste)
    tellingen = {sep: buiten_quotes.count(sep) for sep in (";", "\t", ",")}
    beste = max(tellingen, key=lambda sep: tellingen[sep])
    return beste if tellingen[beste] else ";"


def _csv_records(tekst: str, sep: str, naam: str) -> Iterator[tuple[int, list[str]]]:
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep, strict=True)
    rij = 0
    while True:
        rij += 1
        try:
            record = next(lezer)
        except StopIteration:
            return
        except csv.Error as fout:
            if "end of data" in str(fout) or "unexpected end" in str(fout):
                melding = (
                    'Er staat een aanhalingsteken (") dat niet wordt afgesloten; daardoor '
                    "loopt de tekst door tot het eind van het bestand. Controleer de "
                    "aanhalingstekens in deze rij."
                )
            elif "field larger" in str(fout):
                melding = "Een cel in deze rij bevat veel te veel tekst."
            else:
                melding = (
                    'Deze rij is geen geldige CSV: na een afsluitend aanhalingsteken (") '
                    "hoort een scheidingsteken te staan. Verdubbel aanhalingstekens in tekst "
                    '("").'
                )
            raise InvoerFout(melding, bestand=naam, rij=rij) from None
        yield rij, [_naar_tekst(cel) for cel in record]


def _leeg(cellen: Sequence[str]) -> bool:
    return all(not c.strip() for c in cellen)


MAX_TITELRIJEN = 10  # the header is looked for in the first ten filled rows


def _doel(kop: str) -> str | None:
    """The contract column a header names, or None."""
    sleutel = _sleutel(kop)
    return _ALIASSEN.get(sleutel) or _ALIASSEN.get(sleutel.replace(" ", ""))


def _lijkt_kop(cellen: Sequence[str]) -> bool:
    """A row that names at least two different known columns is a header."""
    return len({d for d in (_doel(c) for c in cellen if c.strip()) if d}) >= 2


def _verzamel(records: Iterable[tuple[int, list[str]]], naam: str, sep: str | None) -> _Ruw:
    ruw: _Ruw | None = None
    voor: list[tuple[int, list[str]]] = []  # filled rows while the header is not found yet

    def data(rij: int, cellen: list[str]) -> None:
        assert ruw is not None
        if sep is not None:
            _controleer_scheiding(ruw.kop, cellen, sep, naam, rij)
        ruw.rijen.append((rij, cellen))
        if len(ruw.rijen) > MAX_RIJEN:
            raise InvoerFout(
                f"Het bestand bevat meer dan {MAX_RIJEN} opgaven. Dat is meer dan in één wijk "
                "past; controleer of dit het goede bestand is, of splits het op.",
                bestand=naam,
                rij=rij,
            )

    def kies_kop(index: int) -> _Ruw:
        rij, cellen = voor[index]
        gekozen = _Ruw(kop=cellen, kop_rij=rij, bestand=naam)
        gekozen.titelrijen = [r for r, _ in voor[:index]]
        return gekozen

    for rij, cellen in records:
        if _leeg(cellen):
            continue
        if ruw is None:
            voor.append((rij, cellen))
            if _lijkt_kop(cellen):
                ruw = kies_kop(len(voor) - 1)
            elif len(voor) >= MAX_TITELRIJEN:
                ruw = kies_kop(0)  # no header found: the first filled row, as always
                for r, c in voor[1:]:
                    data(r, c)
            continue
        data(rij, cellen)
    if ruw is None and voor:
        ruw = kies_kop(0)
        for r, c in voor[1:]:
            data(r, c)
    if ruw is None:
        raise InvoerFout("Het bestand bevat geen gegevens: alle regels zijn leeg.", bestand=naam)
    return ruw


def _controleer_scheiding(kop: list[str], cellen: list[str], sep: str, naam: str, rij: int) -> None:
    breedte = len([k for k in kop if k.strip()]) or len(kop)
    if len(cellen) == 1 and breedte > 1:
        ander = next((s for s in (";", ",", "\t") if s != sep and s in cellen[0]), None)
        if ander is not None:
            raise InvoerFout(
                f"Deze rij gebruikt een ander scheidingsteken ({_sep_naam(ander)}) dan de "
                f"kopregel ({_sep_naam(sep)}). Gebruik in het hele bestand hetzelfde "
                "scheidingsteken.",
                bestand=naam,
                rij=rij,
            )
    if len(cellen) > len(kop) and not _leeg(cellen[len(kop) :]):
        raise InvoerFout(
            f"Deze rij heeft {len(cellen)} waarden, maar de kopregel maar {len(kop)} kolommen. "
            f"Staat er een {_sep_naam(sep)} in een tekst zonder aanhalingstekens eromheen?",
            bestand=naam,
            rij=rij,
        )


def _sep_naam(sep: str) -> str:
    return {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}[sep]


def _lees_csv(pad: Path, naam: str) -> _Ruw:
    tekst = _decodeer(pad.read_bytes(), naam)
    sep = _kies_scheidingsteken(tekst)
    ruw = _verzamel(_csv_records(tekst, sep, naam), naam, sep)
    ruw.kop = [herstel_formule(k) for k in ruw.kop]
    ruw.rijen = [(r, [herstel_formule(c) for c in cellen]) for r, cellen in ruw.rijen]
    return ruw


def open_werkboek(pad: Path, naam: str, *, read_only: bool = True) -> Any:
    """Open an xlsx with openpyxl, turning every way it can fail into a Dutch InvoerFout."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(pad):
        begin = pad.read_bytes()[:512]
        hint = (
            " Het lijkt een tekstbestand (CSV) met de extensie .xlsx: geef het de extensie .csv."
            if begin and b"\x00" not in begin and _is_tekst(begin)
            else ""
        )
        raise InvoerFout(
            "Dit is geen geldig Excel-bestand (.xlsx); het is beschadigd of van een ander "
            "type." + hint,
            bestand=naam,
        )
    try:
        with zipfile.ZipFile(pad) as zf:
            if sum(info.file_size for info in zf.infolist()) > MAX_UITGEPAKT:
                raise InvoerFout(
                    "Het Excel-bestand is uitgepakt veel te groot; het kan niet veilig worden "
                    "ingelezen.",
                    bestand=naam,
                )
        return load_workbook(pad, read_only=read_only, data_only=True)
    except InvoerFout:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken file
        raise InvoerFout(
            "Het Excel-bestand is beschadigd en kan niet worden geopend. Open het in Excel, "
            "sla het opnieuw op als .xlsx en probeer het nog eens.",
            bestand=naam,
        ) from None


def _is_tekst(begin: bytes) -> bool:
    try:
        begin.decode("utf-8")
    except UnicodeDecodeError:
        return all(b >= 9 for b in begin)
    return True


def _blad_records(blad: Any) -> Iterator[tuple[int, list[str]]]:
    """Rows as text. A range merged down a column gives its value to every row it covers;
    across columns only its first cell keeps the value (as Excel shows it)."""
    samen: dict[tuple[int, int], Any] = {}
    bereiken = getattr(getattr(blad, "merged_cells", None), "ranges", ())
    for bereik in bereiken:
        if bereik.max_row > bereik.min_row:
            waarde = blad.cell(bereik.min_row, bereik.min_col).value
            for r in range(bereik.min_row, bereik.max_row + 1):
                samen[(r, bereik.min_col)] = waarde
    for rij, waarden in enumerate(blad.iter_rows(values_only=True), start=1):
        if samen:
            waarden = tuple(samen.get((rij, j), w) for j, w in enumerate(waarden, start=1))
        yield rij, [_naar_tekst(w) for w in waarden]


def _gevuld(blad: Any) -> bool:
    return any(not _leeg(cellen) for _, cellen in _blad_records(blad))


def _kies_blad(wb: Any, naam: str) -> Any:
    zichtbaar = [b for b in wb.worksheets if getattr(b, "sheet_state", "visible") == "visible"]
    for blad in zichtbaar:
        if blad.title.strip().lower() == SJABLOON_BLAD.lower():
            return blad
    gevuld = [
        b for b in zichtbaar if b.title.strip().lower() != TOELICHTING_BLAD.lower() and _gevuld(b)
    ]
    if len(gevuld) > 1:
        raise InvoerFout(
            f"Het werkboek heeft meerdere gevulde bladen ({_lijst(b.title for b in gevuld)}). "
            f"Geef het blad met de opgaven de naam '{SJABLOON_BLAD}', of zet het in een eigen "
            "bestand.",
            bestand=naam,
        )
    if not gevuld:
        raise InvoerFout(
            "Het Excel-bestand bevat geen gegevens: alle bladen zijn leeg.", bestand=naam
        )
    return gevuld[0]


def _lees_excel(pad: Path, naam: str) -> _Ruw:
    wb = open_werkboek(pad, naam, read_only=False)  # read-only mode does not know merges
    try:
        blad = _kies_blad(wb, naam)
        bestand = naam if len(wb.worksheets) == 1 else f"{naam}, blad {blad.title}"
        return _verzamel(_blad_records(blad), bestand, None)
    except InvoerFout:
        raise
    except Exception:  # noqa: BLE001
        raise InvoerFout(
            "Het Excel-bestand is beschadigd en kan niet worden gelezen. Open het in Excel, "
            "sla het opnieuw op als .xlsx en probeer het nog eens.",
            bestand=naam,
        ) from None
    finally:
        wb.close()


# --------------------------------------------------------------------------- columns


def _koppel_kolommen(ruw: _Ruw, naam: str) -> tuple[dict[str, int], list[str]]:
    """Map contract column -> index in the row, and list the ignored headers; refuse double,
    missing and misspelt columns."""
    plaats: dict[str, int] = {}
    onbekend: list[str] = []
    naamloos: list[int] = []
    for i, kop in enumerate(ruw.kop):
        sleutel = _sleutel(kop)
        if not sleutel:
            naamloos.append(i)
            continue
        if sleutel in _GENEGEERD:
            onbekend.append(kop.strip())
            continue
        doel = _doel(kop)
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
    gevonden = _lijst(k.strip() for k in ruw.kop if k.strip())
    ontbreekt = [k for k in VERPLICHT if k not in plaats]
    if ontbreekt:
        raise InvoerFout(
            f"Verplichte kolom(men) ontbreken: {_lijst(ontbreekt)}. Gevonden kolommen: "
            f"{gevonden or '(geen)'}. Staat de kopregel in de eerste tien gevulde regels?",
            bestand=naam,
            rij=ruw.kop_rij,
            kolom=ontbreekt[0],
        )
    for i in naamloos:
        _controleer_naamloze_kolom(ruw, i, naam)
    vrij = [a for a, d in _ALIASSEN.items() if d not in plaats]
    for kop in onbekend:
        sleutel = _sleutel(kop)
        bijna = (
            difflib.get_close_matches(sleutel, vrij, n=1, cutoff=0.8) if len(sleutel) > 3 else []
        )
        if bijna:
            raise InvoerFout(
                f"Onbekende kolom(men): '{kop}'. Bedoelt u '{_ALIASSEN[bijna[0]]}'? Geef de kolom "
                f"die naam (toegestane kolommen zijn: {_lijst(KOLOMMEN)}); andere kolommen worden "
                "overgeslagen.",
                bestand=naam,
                rij=ruw.kop_rij,
                kolom=kop,
            )
    return plaats, onbekend


def _controleer_naamloze_kolom(ruw: _Ruw, i: int, naam: str) -> None:
    for rij, cellen in ruw.rijen:
        if i < len(cellen) and cellen[i].strip():
            raise InvoerFout(
                f"Kolom {_kolomletter(i)} heeft geen naam in de kopregel, maar bevat wel "
                "gegevens. Geef de kolom een naam of maak hem leeg.",
                bestand=naam,
                rij=rij,
                kolom=_kolomletter(i),
            )


def _kolomletter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --------------------------------------------------------------------------- values


class _Fouten:
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
    sleutel = _sleutel(waarde)
    for kandidaat in (sleutel, sleutel.replace(" ", "")):
        if kandidaat in toegestaan:
            return kandidaat
    return None


def _woord(waarde: str, kolom: str, toegestaan: Sequence[str]) -> tuple[str | None, str]:
    if not waarde.strip():
        if kolom in STANDAARD:
            return STANDAARD[kolom], ""
        return None, f"Deze cel is leeg. Kies een van: {_lijst(toegestaan)}."
    gevonden = normaliseer_woord(waarde, toegestaan)
    if gevonden is None:
        return None, (
            f"'{waarde.strip()}' is geen geldige {kolom}.{_suggestie(_sleutel(waarde), toegestaan)}"
            f" Toegestaan zijn: {_lijst(toegestaan)}."
        )
    return gevonden, ""


def _jaar(waarde: str) -> tuple[int | None, str]:
    """The one rule for years (:func:`wijkanalyse.validation.jaar`), as (value, message)."""
    try:
        return validation.jaar(waarde, "jaar"), ""
    except InvoerFout as e:
        return None, e.melding


def _titel_sleutel(titel: str) -> str:
    return " ".join(titel.split()).casefold()


def _rij_waarden(cellen: list[str], plaats: dict[str, int]) -> dict[str, str]:
    return {
        kolom: (cellen[plaats[kolom]] if kolom in plaats and plaats[kolom] < len(cellen) else "")
        for kolom in KOLOMMEN
    }


def _valideer_rij(
    waarden: dict[str, str], rij: int, fouten: _Fouten, koppen: dict[str, str]
) -> dict[str, Any]:
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


def _controleer_titels(
    rijen: list[tuple[int, dict[str, Any]]],
    bestaande: Iterable[str],
    fouten: _Fouten,
    kolom: str,
) -> None:
    bestaand = {_titel_sleutel(t) for t in bestaande}
    eerder: dict[str, int] = {}
    for rij, waarden in rijen:
        sleutel = _titel_sleutel(waarden["titel"])
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


def _leeg_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {k: pd.Series(dtype="Int64" if k in JAAR_KOLOMMEN else "str") for k in KOLOMMEN}
    )


def _naar_frame(rijen: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rijen, columns=list(KOLOMMEN))
    for kolom in KOLOMMEN:
        if kolom in JAAR_KOLOMMEN:
            frame[kolom] = pd.array(list(frame[kolom]), dtype="Int64")
        else:
            frame[kolom] = frame[kolom].astype("str")
    return frame


# --------------------------------------------------------------------------- public API


@dataclass
class _Gelezen:
    ruw: _Ruw
    plaats: dict[str, int]
    genegeerd: list[str]
    koppen: dict[str, str]
    rijen: list[tuple[int, dict[str, Any]]]
    fouten: _Fouten


def _lees(pad: Path, max_bytes: int, max_fouten: int) -> _Gelezen:
    naam = pad.name
    ext = _controleer_bestand(pad, max_bytes)
    ruw = _lees_csv(pad, naam) if ext in CSV_EXTENSIES else _lees_excel(pad, naam)
    naam = ruw.bestand
    plaats, genegeerd = _koppel_kolommen(ruw, naam)
    if not ruw.rijen:
        raise InvoerFout(
            "Het bestand bevat alleen een kopregel en geen opgaven.", bestand=naam, rij=ruw.kop_rij
        )
    koppen = {k: (ruw.kop[plaats[k]].strip() if k in plaats else k) for k in KOLOMMEN}
    fouten = _Fouten(naam, max_fouten)
    gevalideerd: list[tuple[int, dict[str, Any]]] = []
    for rij, cellen in ruw.rijen:
        gevalideerd.append((rij, _valideer_rij(_rij_waarden(cellen, plaats), rij, fouten, koppen)))
        if fouten.vol:
            break
    return _Gelezen(ruw, plaats, genegeerd, koppen, gevalideerd, fouten)


def lees_opgaven(
    path: str | Path,
    *,
    bestaande_titels: Iterable[str] = (),
    max_bytes: int = 5_000_000,
) -> pd.DataFrame:
    """Read a CSV or Excel file of opgaven into a validated frame (contract columns, no id).

    Raises :class:`InvoerFout` naming file, row (header = row 1) and column for the first
    problem, listing up to ten problems in one message.
    """
    g = _lees(Path(path), max_bytes, MAX_FOUTEN)
    if not g.fouten.vol:
        _controleer_titels(g.rijen, bestaande_titels, g.fouten, g.koppen["titel"])
    g.fouten.lijst.sort(key=lambda fout: fout[0])
    g.fouten.gooi()
    return _naar_frame([waarden for _, waarden in g.rijen])


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


@dataclass
class ImportVoorbeeld:
    """What an import would do, before anything is written.

    ``kolommen``: (header in the file, what it becomes: a column name or "overgeslagen").
    ``nieuw``: the opgaven that would be added (``rij`` = row in the file, then the contract
    columns). ``wijzigingen``: rows that would change an existing opgave matched on title
    (rij, opgave_id, titel, wat: "startjaar: 2026 → 2027; ..."). ``ongewijzigd``: rows equal
    to an existing opgave. ``fouten``: refused rows as (rij, kolom, reden). ``frame``: what
    the store gets (only the columns in the file, plus titel) when there are no fouten.
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


def voorbeeld_opgaven(
    path: str | Path,
    bestaande: pd.DataFrame,
    *,
    bijwerken: bool = False,
    max_bytes: int = 5_000_000,
) -> ImportVoorbeeld:
    """Read a file of opgaven and say what importing it into a wijk with the opgaven
    ``bestaande`` (store columns, with id) would do; nothing is written.

    Without ``bijwerken`` a title that already exists is refused; with it, that row updates
    the existing opgave (only the columns the file has). A file that cannot be read at all
    still raises :class:`InvoerFout`.
    """
    g = _lees(Path(path), max_bytes, 10_000)
    kolommen: list[tuple[str, str]] = []
    for i, kop in enumerate(g.ruw.kop):
        if not kop.strip():
            continue
        doel = next((k for k, j in g.plaats.items() if j == i), None)
        kolommen.append((kop.strip(), KOLOM_NAMEN[doel] if doel else "overgeslagen"))
    in_bestand = [k for k in KOLOMMEN if k in g.plaats]
    per_titel = {
        _titel_sleutel(str(t)): r for r in bestaande.to_dict("records") for t in [r["titel"]]
    }
    eerder: dict[str, int] = {}
    nieuw: list[dict[str, Any]] = []
    wijzig: list[dict[str, Any]] = []
    frame_rijen: list[dict[str, Any]] = []
    ongewijzigd = 0
    fout_rijen = {r for r, _, _ in g.fouten.lijst}
    kolom = g.koppen["titel"]
    for rij, waarden in g.rijen:
        sleutel = _titel_sleutel(waarden["titel"])
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
        pd.concat([pd.DataFrame({"rij": [r["rij"] for r in nieuw]}), _naar_frame(nieuw)], axis=1)
        if nieuw
        else pd.concat([pd.DataFrame({"rij": pd.Series(dtype="int64")}), _leeg_frame()], axis=1)
    )
    frame = _naar_frame(frame_rijen)[in_bestand] if frame_rijen else _leeg_frame()[in_bestand]
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
        schrijver.writerow(KOLOMMEN)
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
        cel = blad.cell(row=1, column=c, value=kolom)
        cel.font = Font(bold=True)
        blad.column_dimensions[get_column_letter(c)].width = _BREEDTES.get(kolom, 16)
        for r in range(2, 3):
            blad.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    blad.freeze_panes = "A2"


def _validaties(blad: Any) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    laatste = MAX_RIJEN + 1
    for kolom, waarden in (("transitie", TRANSITIES), ("soort", SOORTEN), ("rol", ROLLEN)):
        letter = get_column_letter(KOLOMMEN.index(kolom) + 1)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(waarden) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ongeldige waarde",
            error=f"Kies een van: {', '.join(waarden)}",
        )
        dv.add(f"{letter}2:{letter}{laatste}")
        blad.add_data_validation(dv)
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
    for regel in _UITLEG:
        blad.append(list(regel))
    blad.append([])
    blad.append(["Toegestane waarden"])
    blad.cell(row=blad.max_row, column=1).font = Font(bold=True)
    for kolom, waarden in (("transitie", TRANSITIES), ("soort", SOORTEN), ("rol", ROLLEN)):
        blad.append([kolom, ", ".join(waarden)])
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
