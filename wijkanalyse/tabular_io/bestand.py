"""Reading a file as it comes: size and type checks, the text encoding (UTF-8 with or
without BOM, UTF-16, cp1252), the CSV separator, the header row below title rows, and
which sheet of a workbook (merged cells filled down). Gives raw rows; nothing is validated.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from wijkanalyse.core.errors import InvoerFout

from .begrensd import (
    OPGAVEN_GRENZEN,
    Blad,
    Grenzen,
    Teller,
    controleer_delen,
    lees_blad,
    met_samengevoegd,
    nl_getal,
)
from .formule import herstel_formule
from .kolommen import (
    CSV_EXTENSIES,
    EXCEL_EXTENSIES,
    MAX_RIJEN,
    MAX_UITGEPAKT,
    SJABLOON_BLAD,
    TOELICHTING_BLAD,
    Ruw,
    doel_kolom,
    lijst,
)


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def naar_tekst(waarde: Any) -> str:
    """A cell value as text: None -> '', 2027.0 -> '2027', line endings -> '\\n'."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    tekst = waarde if isinstance(waarde, str) else str(waarde)
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def controleer_bestand(pad: Path, max_bytes: int) -> str:
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
            f"Het bestand is {mb(grootte)} groot; de grens is {mb(max_bytes)}. "
            "Controleer of dit het goede bestand is, of splits het op.",
            bestand=naam,
        )
    if grootte == 0:
        raise InvoerFout("Het bestand is leeg (0 bytes).", bestand=naam)
    return ext


def utf16_codering(data: bytes) -> str | None:
    """'utf-16' for a file with a UTF-16 byte order mark, 'utf-16-le'/'utf-16-be' for one
    without a mark whose every other byte is NUL (mostly Latin text); else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    begin = data[:4096]
    if len(begin) >= 4:
        even, oneven = begin[0::2], begin[1::2]
        if oneven.count(0) > 0.9 * len(oneven) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.9 * len(even) and oneven.count(0) < 0.1 * len(oneven):
            return "utf-16-be"
    return None


def tekstcodering(data: bytes) -> str:
    r"""The text encoding of a file's bytes, the one choice of every reader of text files
    (opgaven, scores, CBS): UTF-16 (:func:`utf16_codering`), else UTF-8 with or without a
    byte order mark, else Windows-1252 (Excel's CSV on Windows), else Latin-1 (reads any byte).

    >>> [tekstcodering(t) for t in (b"\xef\xbb\xbfa;b", "é".encode(), "€".encode("cp1252"))]
    ['utf-8-sig', 'utf-8-sig', 'cp1252']
    >>> tekstcodering(b"\x81"), tekstcodering("ab".encode("utf-16"))
    ('latin-1', 'utf-16')
    """
    if utf16 := utf16_codering(data):
        return utf16
    for codering in ("utf-8-sig", "cp1252"):
        try:
            data.decode(codering)
        except UnicodeDecodeError:
            continue
        return codering
    return "latin-1"


def decodeer(data: bytes, naam: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise InvoerFout(
            "Dit lijkt een Excel-bestand met de verkeerde extensie. "
            "Geef het de extensie .xlsx en probeer het opnieuw.",
            bestand=naam,
        )
    if codering := utf16_codering(data):
        try:
            tekst = data.decode(codering)  # Excel's "Unicode-tekst"
        except UnicodeDecodeError:
            raise InvoerFout(
                "Dit tekstbestand is als UTF-16 (Unicode) opgeslagen maar is beschadigd. "
                "Sla de tabel opnieuw op als CSV (UTF-8).",
                bestand=naam,
            ) from None
    else:
        if b"\x00" in data[:4096]:
            raise InvoerFout(
                "Dit is geen tekstbestand (CSV). Sla de tabel op als CSV of als Excel-bestand.",
                bestand=naam,
            )
        tekst = data.decode(tekstcodering(data))
    if sum(unicodedata.category(c) == "Cc" and c not in "\r\n\t" for c in tekst[:4096]) > 20:
        raise InvoerFout(
            "Dit is geen leesbaar tekstbestand (CSV). Sla de tabel op als CSV of als "
            "Excel-bestand.",
            bestand=naam,
        )
    return tekst


def kies_scheidingsteken(tekst: str) -> str:
    """Sniff ';', ',' or tab from the first non-empty line (outside quotes)."""
    eerste = next((regel for regel in tekst.splitlines() if regel.strip()), "")
    buiten_quotes = re.sub(r'"[^"]*"', "", eerste)
    tellingen = {sep: buiten_quotes.count(sep) for sep in (";", "\t", ",")}
    beste = max(tellingen, key=lambda sep: tellingen[sep])
    return beste if tellingen[beste] else ";"


def csv_records(
    tekst: str, sep: str, naam: str, grenzen: Grenzen = OPGAVEN_GRENZEN
) -> Iterator[tuple[int, list[str]]]:
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep, strict=True)
    rij = 0
    while True:
        rij += 1
        if rij > grenzen.regels:
            raise InvoerFout(
                f"Het bestand heeft meer dan {nl_getal(grenzen.regels)} regels (ook lege regels "
                "tellen mee). Verwijder de lege regels, of controleer of dit het goede bestand "
                "is.",
                bestand=naam,
                rij=rij,
            )
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
                melding = (
                    f"Een cel in deze rij bevat meer dan {nl_getal(csv.field_size_limit())} "
                    f"tekens; de grens is {nl_getal(grenzen.cel_tekens)}."
                )
            else:
                melding = (
                    'Deze rij is geen geldige CSV: na een afsluitend aanhalingsteken (") '
                    "hoort een scheidingsteken te staan. Verdubbel aanhalingstekens in tekst "
                    '("").'
                )
            raise InvoerFout(melding, bestand=naam, rij=rij) from None
        if len(record) > (grenzen.kolommen or len(record)):
            raise InvoerFout(
                f"Deze rij heeft {nl_getal(len(record))} velden; er worden hooguit "
                f"{nl_getal(grenzen.kolommen or 0)} kolommen gelezen.",
                bestand=naam,
                rij=rij,
            )
        if record and max(map(len, record)) > grenzen.cel_tekens:
            for kolom, cel in enumerate(record, start=1):
                if len(cel) > grenzen.cel_tekens:
                    raise InvoerFout(
                        f"Het {kolom}e veld van deze rij bevat {nl_getal(len(cel))} tekens; de "
                        f"grens is {nl_getal(grenzen.cel_tekens)}.",
                        bestand=naam,
                        rij=rij,
                    )
        # a CSV cell is text already: only its line endings as naar_tekst writes them
        yield rij, [_regeleinden(cel) if "\r" in cel else cel for cel in record]


def _regeleinden(tekst: str) -> str:
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def cellen_leeg(cellen: Sequence[str]) -> bool:
    """Every cell empty or blank (as one string: the same, without a loop per cell)."""
    return not "".join(cellen).strip()


MAX_TITELRIJEN = 10  # the header is looked for in the first ten filled rows


def _lijkt_kop(cellen: Sequence[str]) -> bool:
    """A row that names at least two different known columns is a header."""
    return len({d for d in (doel_kolom(c) for c in cellen if c.strip()) if d}) >= 2


def _verzamel(records: Iterable[tuple[int, list[str]]], naam: str, sep: str | None) -> Ruw:
    ruw: Ruw | None = None
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

    def kies_kop(index: int) -> Ruw:
        rij, cellen = voor[index]
        gekozen = Ruw(kop=cellen, kop_rij=rij, bestand=naam)
        gekozen.titelrijen = [r for r, _ in voor[:index]]
        return gekozen

    for rij, cellen in records:
        if cellen_leeg(cellen):
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
    if len(cellen) > len(kop) and not cellen_leeg(cellen[len(kop) :]):
        raise InvoerFout(
            f"Deze rij heeft {len(cellen)} waarden, maar de kopregel maar {len(kop)} kolommen. "
            f"Staat er een {_sep_naam(sep)} in een tekst zonder aanhalingstekens eromheen?",
            bestand=naam,
            rij=rij,
        )


def _sep_naam(sep: str) -> str:
    return {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}[sep]


def lees_csv(pad: Path, naam: str) -> Ruw:
    tekst = decodeer(pad.read_bytes(), naam)
    sep = kies_scheidingsteken(tekst)
    ruw = _verzamel(csv_records(tekst, sep, naam), naam, sep)
    ruw.kop = [herstel_formule(k) for k in ruw.kop]
    ruw.rijen = [(r, [herstel_formule(c) for c in cellen]) for r, cellen in ruw.rijen]
    return ruw


def open_werkboek(
    pad: Path, naam: str, *, read_only: bool = True, grenzen: Grenzen = OPGAVEN_GRENZEN
) -> Any:
    """Open an xlsx with openpyxl, turning every way it can fail into a Dutch InvoerFout.

    Read its sheets with :func:`lees_blad` (bounded), not with ``iter_rows``."""
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
        controleer_delen(pad, naam, grenzen)
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


def _blad_records(blad: Blad, naam: str) -> Iterator[tuple[int, list[str]]]:
    """Rows as text, merged ranges filled down (see :func:`met_samengevoegd`)."""
    for rij, waarden in met_samengevoegd(blad, naam, OPGAVEN_GRENZEN):
        yield rij, [naar_tekst(w) for w in waarden]


def blad_gevuld(blad: Blad) -> bool:
    return blad.formule is not None or any(
        any(w is not None and str(w).strip() for w in waarden) for _, waarden in blad.rijen
    )


def _weiger_formule(blad: Blad, bestand: str) -> None:
    if blad.formule is None:
        return
    rij, kolom, cel = blad.formule
    raise InvoerFout(
        f"Cel {cel} bevat een formule zonder opgeslagen uitkomst (het bestand is door een "
        "programma gemaakt en niet in Excel opgeslagen). Open het in Excel en sla het op, of "
        "vervang de formules door hun waarden (Kopiëren, Plakken speciaal > Waarden).",
        bestand=bestand,
        rij=rij,
        kolom=kolom,
    )


def _kies_blad(wb: Any, naam: str, teller: Teller) -> Blad:
    zichtbaar = [b for b in wb.worksheets if getattr(b, "sheet_state", "visible") == "visible"]
    for blad in zichtbaar:
        if blad.title.strip().lower() == SJABLOON_BLAD.lower():
            return lees_blad(blad, teller, naam)
    gelezen = [
        lees_blad(b, teller, naam)
        for b in zichtbaar
        if b.title.strip().lower() != TOELICHTING_BLAD.lower()
    ]
    gevuld = [b for b in gelezen if blad_gevuld(b)]
    if len(gevuld) > 1:
        raise InvoerFout(
            f"Het werkboek heeft meerdere gevulde bladen ({lijst(b.titel for b in gevuld)}). "
            f"Geef het blad met de opgaven de naam '{SJABLOON_BLAD}', of zet het in een eigen "
            "bestand.",
            bestand=naam,
        )
    if not gevuld:
        verborgen = [b.title for b in wb.worksheets if b not in zichtbaar]
        if verborgen:
            raise InvoerFout(
                "Het Excel-bestand heeft geen zichtbaar blad met gegevens; alleen verborgen "
                f"bladen ({lijst(verborgen)}). Maak het blad met de opgaven zichtbaar (in "
                "Excel: rechtsklik op een bladtab > Zichtbaar maken) en probeer het opnieuw.",
                bestand=naam,
            )
        raise InvoerFout(
            "Het Excel-bestand bevat geen gegevens: alle bladen zijn leeg.", bestand=naam
        )
    return gevuld[0]


def _blad_met_naam(wb: Any, naam: str, blad_naam: str, teller: Teller) -> Blad:
    for blad in wb.worksheets:
        if blad.title == blad_naam:
            return lees_blad(blad, teller, naam)
    raise InvoerFout(
        f"Het werkboek heeft geen blad '{blad_naam}'; wel: "
        f"{lijst(b.title for b in wb.worksheets)}.",
        bestand=naam,
    )


def lees_excel(pad: Path, naam: str, blad_naam: str | None = None) -> Ruw:
    """Read the sheet ``blad_naam`` (the advisor's choice), or the one :func:`_kies_blad`
    finds; streamed within the reading limits either way."""
    wb = open_werkboek(pad, naam, read_only=True)
    try:
        teller = Teller(OPGAVEN_GRENZEN)
        if blad_naam is None:
            blad = _kies_blad(wb, naam, teller)
        else:
            blad = _blad_met_naam(wb, naam, blad_naam, teller)
        bestand = naam if len(wb.worksheets) == 1 else f"{naam}, blad {blad.titel}"
        _weiger_formule(blad, bestand)
        return _verzamel(_blad_records(blad, naam), bestand, None)
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
