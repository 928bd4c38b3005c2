"""Crafted files a hostile or careless sender could upload, made on the fly (never committed):
used by ``tests/tabular_io/test_vijandige_bestanden.py`` and
``benchmarks/bench_vijandige_bestanden.py``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

KOP = ["Titel", "Transitie", "Startjaar"]


def _vervang_blad(pad: Path, deel: str, wijzig) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one part of an xlsx (zip) in place."""
    with zipfile.ZipFile(pad) as zf:
        delen = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    delen[deel] = wijzig(delen[deel].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for naam, inhoud in delen.items():
            zf.writestr(naam, inhoud)


def dimensie_bom(pad: Path) -> Path:
    """A ~5 KB workbook declaring ``A1:XFD1048576`` with one cell at the far corner."""
    wb = openpyxl.Workbook()
    blad = wb.active
    blad.append(KOP)
    blad.append(["Warmtenet", "energie", 2027])
    blad["XFD1048576"] = "x"
    wb.save(pad)
    return pad


def werkblad_dimensie_bom(pad: Path, titel_a: str, titel_b: str) -> Path:
    """A Werkblad 2.7 pair sheet declaring ``A1:XFD1048576``, one cell at the far corner."""
    wb = openpyxl.Workbook()
    blad = wb.active
    blad.title = "1. paar"
    blad["A1"] = "Werkblad 2.7"
    blad["A2"], blad["B2"] = "Opgave 1:", titel_a
    blad["A3"], blad["B3"] = "Opgave 2:", titel_b
    blad["A4"], blad["B4"] = "Niveau:", "koppelkans"
    blad["XFD1048576"] = "x"
    wb.save(pad)
    return pad


def lege_rijen_bom(pad: Path, rijen: int = 2_000_000) -> Path:
    """A workbook (about 15 KB) whose sheet has two million empty rows."""
    wb = openpyxl.Workbook()
    blad = wb.active
    blad.append(KOP)
    blad.append(["Warmtenet", "energie", 2027])
    wb.save(pad)
    leeg = "<row/>" * rijen

    def wijzig(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:C{rijen + 2}"/>', xml)
        return xml.replace("</sheetData>", leeg + "</sheetData>")

    _vervang_blad(pad, "xl/worksheets/sheet1.xml", wijzig)
    return pad


def formule_werkboek(pad: Path) -> Path:
    """A workbook written by a program: the title is a formula without a stored result."""
    wb = openpyxl.Workbook()
    blad = wb.active
    blad.append(KOP)
    blad.append(['=CONCATENATE("Warmte","net")', "energie", 2027])
    wb.save(pad)
    return pad


def verborgen_werkboek(pad: Path) -> Path:
    """A workbook whose only filled sheet is hidden (and the visible one is empty)."""
    wb = openpyxl.Workbook()
    wb.active.title = "Leeg"
    blad = wb.create_sheet("Opgaven lijst")
    blad.append(KOP)
    blad.append(["Warmtenet", "energie", 2027])
    blad.sheet_state = "hidden"
    wb.save(pad)

    def verberg_alles(xml: str) -> str:
        return xml.replace('state="visible" r:id="rId1"', 'state="hidden" r:id="rId1"')

    _vervang_blad(pad, "xl/workbook.xml", verberg_alles)
    return pad


def csv_grote_cel(pad: Path, tekens: int = 1_000_000) -> Path:
    """An opgaven CSV whose third row has a 1 MB description."""
    pad.write_text(
        "titel;transitie;beschrijving\nWarmtenet;energie;kort\nGeveltuinen;klimaatadaptatie;"
        + "a" * tekens
        + "\n",
        encoding="utf-8",
    )
    return pad


def csv_rijen(pad: Path, rijen: int = 200_000) -> Path:
    """An opgaven CSV of ``rijen`` rows (about 6 MB for 200,000)."""
    regels = ["titel;transitie;start_jaar"]
    regels += [f"Opgave {i};energie;2027" for i in range(rijen)]
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def cbs_landelijk(
    pad: Path, wijken: list[tuple[str, str]], *, rijen: int = 34_000, onderwerpen: int = 128
) -> Path:
    """A national StatLine export in its own layout (padding, '.', quotes): the given
    (wijk, gemeente) pairs with their gemeenten, then filler buurten. 17,000 rows of 128
    subjects is about 49 MB."""
    kop = ["Wijken en buurten", "Gemeentenaam (naam)", "Codering (code)", "Perioden"]
    kop += [f"Onderwerp {i} (%)" for i in range(onderwerpen)]

    def rij(naam: str, gemeente: str, code: str, i: int) -> str:
        waarden = [
            "       ." if (i + j) % 17 == 0 else f"{(i * 7 + j) % 1000 / 10:>8}"
            for j in range(onderwerpen)
        ]
        return '"' + '";"'.join([naam, gemeente, f"{code:<10}", "2023", *waarden]) + '"\n'

    with pad.open("w", encoding="utf-8") as uit:
        uit.write('"' + '";"'.join(kop) + '"\n')
        uit.write(rij("Nederland", "Nederland", "NL01", 0))
        n = 1
        for g, (wijk, gemeente) in enumerate(wijken):
            uit.write(rij(gemeente, gemeente, f"GM{9000 + g}", n))
            uit.write(rij(wijk, gemeente, f"WK{9000 + g}01", n + 1))
            n += 2
        while n < rijen:
            g, k = divmod(n, 100)
            uit.write(rij(f"Buurt {n}", f"Gemeente {g}", f"BU{g:04d}{k:04d}", n))
            n += 1
    return pad
