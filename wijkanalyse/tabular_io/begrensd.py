"""Reading a workbook sheet within stated limits, whatever the file declares.

openpyxl pads every row to the sheet's declared dimension (``A1:XFD1048576`` makes a
5 KB file cost minutes and gigabytes) and builds each row element in full before it
yields it. :func:`lees_blad` instead streams the sheet's XML once and counts while it
reads: row elements, cells, merged ranges, the highest row and column that hold a value,
and the length of each cell. It stops at the first limit it meets with a Dutch
:class:`InvoerFout` saying which limit, and where. The declared dimension is never used.

A formula cell without a stored result (a file written by a program, not saved by Excel)
is reported as a formula, not read as an empty cell.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijkanalyse.core.errors import InvoerFout


@dataclass(frozen=True)
class Grenzen:
    """What one import reads at most. ``kolommen``: the highest column that may hold a
    value (None: values further right are ignored, not refused)."""

    rijen: int = 5_000  # highest row number that may hold a value
    kolommen: int | None = 200
    regels: int = 5_000  # row elements, empty ones included (whole workbook)
    cellen: int = 100_000  # cell elements, empty ones included (whole workbook)
    samengevoegd: int = 10_000  # merged ranges per sheet
    cel_tekens: int = 32_767  # Excel's own limit for one cell
    deel_bytes: int = 30_000_000  # one part of the zip (shared strings, styles) unpacked


OPGAVEN_GRENZEN = Grenzen()
WERKBLAD_GRENZEN = Grenzen(kolommen=None, regels=20_000)


def nl_getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def kolom_letter(kolom: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(kolom) if 1 <= kolom <= 18_278 else str(kolom)


@dataclass
class Teller:
    """Counts shared by all sheets of one workbook, so many sheets cannot add up."""

    grenzen: Grenzen
    cellen: int = 0
    regels: int = 0


@dataclass
class Blad:
    """A sheet as read: (row number, cells as values) for rows with a value, the merged
    ranges, and the first formula without a stored result (row, column letter, formula)."""

    titel: str
    rijen: list[tuple[int, list[Any]]] = field(default_factory=list)
    samengevoegd: list[tuple[int, int, int, int]] = field(default_factory=list)
    formule: tuple[int, str, str] | None = None


def controleer_delen(pad: Path, naam: str, grenzen: Grenzen) -> None:
    """Refuse a workbook whose shared strings or styles unpack beyond the limit; openpyxl
    reads those whole when it opens the file."""
    with zipfile.ZipFile(pad) as zf:
        for info in zf.infolist():
            deel = info.filename.lower()
            if deel.startswith("xl/worksheets/"):
                continue  # streamed and counted by lees_blad
            if info.file_size > grenzen.deel_bytes:
                raise InvoerFout(
                    f"Een onderdeel van het Excel-bestand ({info.filename}) is uitgepakt "
                    f"{nl_getal(info.file_size // 1_000_000)} MB; de grens is "
                    f"{nl_getal(grenzen.deel_bytes // 1_000_000)} MB. Het bestand kan niet veilig "
                    "worden ingelezen.",
                    bestand=naam,
                )


def _weiger(melding: str, naam: str, rij: int | None = None, kolom: str | None = None) -> None:
    raise InvoerFout(melding, bestand=naam, rij=rij, kolom=kolom)


def _niet_boven(n: int, grens: int, te_veel: str, waar: str) -> None:
    """Refuse with ``te_veel`` (its ``{grens}`` filled in, Dutch style) once ``n`` passes
    ``grens``."""
    if n > grens:
        _weiger(te_veel.format(grens=nl_getal(grens)), waar)


_TE_VEEL_CELLEN = (
    "Het werkboek heeft meer dan {grens} cellen (ook lege, opgemaakte cellen tellen mee); dat "
    "is veel meer dan een tabel van deze soort nodig heeft. Kopieer alleen de tabel naar een "
    "nieuw bestand."
)
_TE_VEEL_REGELS = (
    "Het werkboek heeft meer dan {grens} rijen (ook lege rijen tellen mee). Verwijder de lege "
    "rijen onder de tabel, of kopieer alleen de tabel naar een nieuw bestand."
)
_TE_VEEL_SAMENGEVOEGD = "Het blad heeft meer dan {grens} samengevoegde cellen."


def lees_blad(blad: Any, teller: Teller, naam: str) -> Blad:
    """Stream one sheet of a workbook opened with ``read_only=True`` within the limits."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    g = teller.grenzen
    rij_tag, cel_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
    samen_tag = f"{{{SHEET_MAIN_NS}}}mergeCell"
    wb = blad.parent
    uit = Blad(titel=blad.title)
    waar = f"{naam}, blad {blad.title}"
    parser = WorkSheetParser(
        None,
        blad._shared_strings,
        data_only=True,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )
    elementen = 0
    with blad._get_source() as bron:
        for _, el in iterparse(bron):
            tag = el.tag
            elementen += 1
            if elementen > 4 * g.cellen:
                _weiger("Het blad is veel te groot of te ingewikkeld om veilig in te lezen.", waar)
            if tag == cel_tag:
                teller.cellen += 1
                _niet_boven(teller.cellen, g.cellen, _TE_VEEL_CELLEN, waar)
            elif tag == rij_tag:
                teller.regels += 1
                _niet_boven(teller.regels, g.regels, _TE_VEEL_REGELS, waar)
                formules = [  # Excel stores a result, "" as t="str"; a program may store none
                    c.get("r", "")
                    for c in el
                    if c.find(FORMULA_TAG) is not None
                    and not c.findtext(VALUE_TAG)
                    and c.get("t") != "str"
                ]
                rij, cellen = parser.parse_row(el)
                el.clear()
                _neem_rij(uit, rij, cellen, formules, g, waar)
            elif tag == samen_tag:
                _niet_boven(len(uit.samengevoegd) + 1, g.samengevoegd, _TE_VEEL_SAMENGEVOEGD, waar)
                min_k, min_r, max_k, max_r = range_boundaries(el.get("ref", ""))
                uit.samengevoegd.append((min_r, min_k, max_r, max_k))
                el.clear()
    return uit


def _neem_rij(
    uit: Blad, rij: int, cellen: list[dict], formules: list[str], g: Grenzen, waar: str
) -> None:
    waarden: dict[int, Any] = {}
    for cel in cellen:
        waarde, kolom = cel["value"], cel["column"]
        if waarde is None or waarde == "":
            continue
        if g.kolommen is not None and kolom > g.kolommen:
            _weiger(
                f"In kolom {kolom_letter(kolom)} staat iets; er worden hooguit "
                f"{nl_getal(g.kolommen)} kolommen gelezen. Verwijder wat rechts van de tabel "
                "staat.",
                waar,
                rij,
            )
        if isinstance(waarde, str) and len(waarde) > g.cel_tekens:
            _weiger(
                f"Cel {kolom_letter(kolom)}{rij} bevat {nl_getal(len(waarde))} tekens; de "
                f"grens is {nl_getal(g.cel_tekens)}.",
                waar,
                rij,
                kolom_letter(kolom),
            )
        waarden[kolom] = waarde
    if formules and uit.formule is None:
        from openpyxl.utils.cell import coordinate_from_string

        letter = coordinate_from_string(formules[0])[0] if formules[0] else "?"
        uit.formule = (rij, letter, formules[0])
    if not waarden and not formules:
        return
    if rij > g.rijen:
        _weiger(
            f"Er staat iets in rij {nl_getal(rij)}; er worden hooguit {nl_getal(g.rijen)} rijen "
            "gelezen. Verwijder wat onder de tabel staat.",
            waar,
            rij,
        )
    breedte = max(waarden, default=0)
    if g.kolommen is None:
        breedte = min(breedte, 64)
    rij_waarden = [waarden.get(k) for k in range(1, breedte + 1)]
    uit.rijen.append((rij, rij_waarden))


def met_samengevoegd(blad: Blad, naam: str, grenzen: Grenzen) -> Iterator[tuple[int, list[Any]]]:
    """Rows with the value of a range merged down a column given to every row it covers
    (up to the last row with a value); across columns only its first cell keeps the value
    (as Excel shows it)."""
    per_rij = dict(blad.rijen)
    laatste = max(per_rij, default=0)
    samen: dict[int, list[tuple[int, Any]]] = {}
    gevuld = 0
    for min_r, min_k, max_r, _ in blad.samengevoegd:
        if max_r > min_r and min_r in per_rij:
            eerste = per_rij[min_r]
            waarde = eerste[min_k - 1] if min_k - 1 < len(eerste) else None
            for r in range(min_r + 1, min(max_r, laatste) + 1):
                samen.setdefault(r, []).append((min_k, waarde))
                gevuld += 1
                if gevuld > grenzen.cellen:
                    _weiger(
                        "Het blad heeft te veel samengevoegde cellen om veilig in te lezen.",
                        f"{naam}, blad {blad.titel}",
                    )
    for rij in sorted(set(per_rij) | set(samen)):
        cellen = list(per_rij.get(rij, []))
        for k, waarde in samen.get(rij, ()):
            cellen.extend([None] * (k - len(cellen)))
            cellen[k - 1] = waarde
        yield rij, cellen
