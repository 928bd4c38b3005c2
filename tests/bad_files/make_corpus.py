"""Generate the bad-file corpus (tests/bad_files) and the awkward-but-good files (tests/good_files).

Deterministic: run ``python tests/bad_files/make_corpus.py`` and the files come out byte for
byte the same (xlsx zips get fixed timestamps). Every file is a real way a file of opgaven
goes wrong; the expected messages live in tests/tabular_io/test_bad_files.py.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import openpyxl

HIER = Path(__file__).parent
BAD = HIER
GOOD = HIER.parent / "good_files"
KOP = "titel;transitie;soort;aanleiding;eigenaar;start_jaar;eind_jaar;rol;beschrijving"
VAST = dt.datetime(2024, 1, 1)


def rij(titel: str, transitie: str = "energie", **velden: str) -> str:
    standaard = {
        "soort": "fysiek",
        "aanleiding": "",
        "eigenaar": "Gemeente",
        "start_jaar": "2026",
        "eind_jaar": "2030",
        "rol": "meeliftend",
        "beschrijving": "",
    }
    standaard.update(velden)
    return ";".join([titel, transitie, *standaard.values()])


def tekst(pad: Path, regels: list[str], codering: str = "utf-8", eind: str = "\r\n") -> None:
    pad.write_bytes(eind.join(regels).encode(codering) + eind.encode(codering))


def geldige_rijen(n: int) -> list[str]:
    return [rij(f"Opgave {i}") for i in range(1, n + 1)]


def xlsx_bytes(wb: openpyxl.Workbook) -> bytes:
    """Save with fixed timestamps so the bytes are reproducible."""
    wb.properties.created = VAST
    wb.properties.modified = VAST
    ruw = io.BytesIO()
    wb.save(ruw)
    uit = io.BytesIO()
    with zipfile.ZipFile(ruw) as zin, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            vast = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            vast.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(vast, zin.read(info.filename))
    return uit.getvalue()


def xlsx(pad: Path, bladen: dict[str, list[list[object]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for naam, rijen in bladen.items():
        blad = wb.create_sheet(naam)
        for r in rijen:
            blad.append(r)
    pad.write_bytes(xlsx_bytes(wb))


KOP_LIJST = KOP.split(";")


def maak_slecht() -> None:
    b = BAD
    tekst(b / "ontbrekende_kolom_titel.csv", ["transitie;soort", "energie;fysiek"])
    tekst(b / "transitie_energietransitie.csv", [KOP, rij("Warmtenet", "Energietransitie")])
    tekst(b / "transitie_typo_klimaat.csv", [KOP, rij("Warmtenet"), rij("Wadi's", "klimaat")])
    tekst(b / "eind_voor_start.csv", [KOP, rij("Riool", start_jaar="2030", eind_jaar="2025")])
    tekst(b / "jaar_twintig.csv", [KOP, rij("Riool", start_jaar="twintig")])
    tekst(b / "jaar_niet_heel.csv", [KOP, rij("Riool", start_jaar="2027,5")])
    tekst(b / "jaar_buiten_bereik.csv", [KOP, rij("Riool", eind_jaar="20300")])
    dubbel = [KOP] + geldige_rijen(5) + [rij("Opgave 2")]
    tekst(b / "dubbele_titel_rij3_rij7.csv", dubbel)
    xlsx(
        b / "dubbele_titel_hoofdletters_spaties.xlsx",
        {
            "Opgaven": [
                KOP_LIJST,
                ["Warmtenet Noord", "energie"],
                ["Riool", "overig"],
                ["  warmtenet   NOORD ", "energie"],
            ]
        },
    )
    (b / "leeg_0_bytes.csv").write_bytes(b"")
    tekst(b / "alleen_kopregel.csv", [KOP])
    (b / "alleen_lege_regels.csv").write_bytes(b"\r\n\r\n   \r\n;;;\r\n\r\n")
    groot = [KOP] + [rij(f"Opgave {i}", beschrijving="x" * 200) for i in range(24_000)]
    tekst(b / "te_groot_6mb.csv", groot)
    tekst(b / "csv_hernoemd_naar.xlsx", [KOP, rij("Warmtenet")])
    wb = openpyxl.Workbook()
    wb.active.append(KOP_LIJST)
    wb.active.append(["Warmtenet", "energie"])
    goed = xlsx_bytes(wb)
    (b / "afgebroken_download.xlsx").write_bytes(goed[: len(goed) // 2])
    (b / "xlsx_hernoemd_naar.csv").write_bytes(goed)
    (b / "rapport.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    (b / "oud_excel_formaat.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504)
    (b / "binaire_rommel.csv").write_bytes(random.Random(27).randbytes(3000))
    tekst(
        b / "soort_economisch.csv",
        [KOP, rij("Winkelstraat", "sociaaleconomisch", soort="economisch")],
    )
    tekst(b / "rol_hoofd.csv", [KOP, rij("Warmtenet", rol="hoofd")])
    lege_titel = [KOP] + geldige_rijen(3) + [rij("  ", beschrijving="titel vergeten")]
    tekst(b / "lege_titel_rij5.csv", lege_titel)
    tekst(b / "te_veel_rijen_2001.csv", [KOP] + geldige_rijen(2001))
    xlsx(
        b / "twee_gevulde_bladen.xlsx",
        {
            "Noord": [["titel", "transitie"], ["A", "energie"]],
            "Zuid": [["titel", "transitie"], ["B", "energie"]],
        },
    )
    tekst(
        b / "gemengde_scheidingstekens.csv",
        [KOP, rij("Warmtenet"), "Riool,klimaatadaptatie,fysiek,,,2026,2030,meeliftend,"],
    )
    tekst(b / "open_aanhalingsteken.csv", [KOP, rij("Warmtenet"), rij('"Riool oost'), rij("Groen")])
    tekst(b / "aanhalingsteken_midden_in_cel.csv", [KOP, rij('"Riool" oost')])
    tekst(b / "onbekende_kolom_startjar.csv", ["titel;transitie;startjar", "Riool;overig;2026"])
    tekst(b / "dubbele_kolom_eind_eindjaar.csv", ["titel;transitie;eind;eindjaar", "R;overig;1;2"])
    tekst(
        b / "naamloze_kolom_met_gegevens.csv",
        ["titel;transitie;", "Riool;overig;", "Groen;overig;x"],
    )
    tekst(b / "puntkomma_in_tekst_zonder_quotes.csv", [KOP, rij("Riool", beschrijving="a;b")])
    xlsx(b / "transitie_leeg.xlsx", {"Opgaven": [KOP_LIJST, ["Riool", None, "fysiek"]]})
    xlsx(b / "alle_bladen_leeg.xlsx", {"Blad1": [], "Blad2": [[None, None]]})
    tekst(
        b / "veel_fouten.csv",
        [KOP] + [rij(f"R{i}", "water", rol="baas") for i in range(8)],
    )
    tekst(b / "windows1252_fout_in_rij2.csv", [KOP, rij("Reünie", "cultuur")], codering="cp1252")


def maak_goed() -> None:
    g = GOOD
    GOOD.mkdir(exist_ok=True)
    # once refused, now read: a title row above the header, and a date in a year column
    xlsx(
        g / "titelregel_boven_kopregel.xlsx",
        {"Opgaven": [["Opgaven wijk Noord, versie 3"], KOP_LIJST, ["Riool", "overig"]]},
    )
    xlsx(
        g / "jaar_als_datum.xlsx",
        {"Opgaven": [KOP_LIJST, ["Riool", "overig", "fysiek", "", "", dt.datetime(2027, 1, 1)]]},
    )
    (g / "puntkomma_bom_decimale_komma.csv").write_bytes(
        (
            "\ufeff"
            + KOP
            + "\r\n"
            + rij("Warmtenet", start_jaar="2027,0", eind_jaar="2.030")
            + "\r\n"
        ).encode("utf-8")
    )
    tekst(
        g / "windows1252_trema.csv",
        [KOP, rij("Reünie in de buurt", "sociaaleconomisch", soort="sociaal", eigenaar="Café ë")],
        codering="cp1252",
    )
    xlsx(
        g / "lege_rijen_en_kolommen_achteraan.xlsx",
        {
            "Blad1": [
                KOP_LIJST + [None, None],
                ["Riool", "klimaatadaptatie", "fysiek"],
                [None] * 11,
                [None] * 11,
                ["", " ", None],
            ]
        },
    )
    tekst(
        g / "rare_kopnamen.csv",
        [
            " TITEL OPGAVE ,Transitie, Start Jaar ,Eind-jaar,Trekker,OMSCHRIJVING,Soort,Rol",
            'Warmtenet, Energie ,2026,2030,Eneco,"Warmte, koud",  FYSIEK ,Leidend',
        ],
    )
    tekst(
        g / "tab_gescheiden.txt",
        ["titel\ttransitie\tbegin\teinde", "Deelauto's\tmobiliteit\t2025\t2027"],
    )
    (g / "excel_unicode_tekst.txt").write_bytes(
        "titel\ttransitie\r\nGroene daken é\tnatuurinclusiviteit\r\n".encode("utf-16")
    )
    xlsx(
        g / "leeg_eerste_blad.xlsx",
        {"Blad1": [], "Blad2": [["titel", "transitie"], ["Nieuwbouw", "verstedelijking"]]},
    )
    tekst(g / "lege_regels_tussendoor.csv", [KOP, "", rij("Riool"), ";;;;;;;;", rij("Groen")])
    xlsx(
        g / "jaren_als_getal.xlsx",
        {
            "Opgaven": [
                KOP_LIJST,
                ["Riool", "overig", "sociaal", "", "", 2026.0, 2031, "leidend", 12],
            ]
        },
    )


if __name__ == "__main__":
    maak_slecht()
    maak_goed()
