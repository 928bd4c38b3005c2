"""Werkblad 2.7: export, import, round trip and validation."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.tabular_io.werkblad import (
    ITEM_KOLOMMEN,
    KOPPELING_KOLOMMEN,
    OVERZICHT,
    bladnaam,
    lees_werkblad,
    schrijf_werkblad,
)

LANG = ("Een lange tekst met ë ï é. " * 20)[:500]


def _opgaven() -> pd.DataFrame:
    titels = [
        "Warmtenet Noord",
        'Riool "vervangen" [fase 1/2]: straat*',
        "Groene schoolpleinen en de buurt daaromheen, heel lang",
        "=SOM(A1:A9)",
    ]
    return pd.DataFrame({"id": [11, 12, 13, 14], "titel": titels})


def _koppelingen() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2],
            "opgave_a": [11, 12],
            "opgave_b": [12, 14],
            "niveau": ["meekoppelkans", "afstemming"],
            "toelichting": ["Straat ligt toch open.\nDus samen.", ""],
        }
    )


def _items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "koppeling_id": [1, 1, 1, 2, 2],
            "soort": ["kans", "bedreiging", "kans", "bedreiging", "kans"],
            "tekst": [
                "Eén keer de straat open: ë ï é",
                'Bewoners verwachten "alles tegelijk"\nen raken teleurgesteld',
                LANG,
                "<script>alert('x')</script>",
                "=1+1",
            ],
            "impact": ["groot", "middel", "klein", "groot", "middel"],
            "horizon": ["nu", "later", "nu", "later", "nu"],
            "interventie": ["Planning delen", "", LANG, "@cmd", "-"],
            "interventie_eigenaar": ["Gemeente", "", "Corporatie", "", "+31 6"],
        }
    )


def _verwacht_items() -> pd.DataFrame:
    paren = _koppelingen().set_index("id")[["opgave_a", "opgave_b"]]
    items = _items().join(paren, on="koppeling_id")
    return items[list(ITEM_KOLOMMEN)]


def _sorteer(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def test_round_trip(tmp_path: Path) -> None:
    pad = tmp_path / "werkblad.xlsx"
    schrijf_werkblad(_opgaven(), _koppelingen(), _items(), pad)
    koppelingen, items = lees_werkblad(pad, _opgaven())
    verwacht_k = _koppelingen()[list(KOPPELING_KOLOMMEN)]
    pd.testing.assert_frame_equal(_sorteer(koppelingen), _sorteer(verwacht_k), check_dtype=False)
    pd.testing.assert_frame_equal(_sorteer(items), _sorteer(_verwacht_items()), check_dtype=False)
    assert koppelingen["opgave_a"].dtype == "int64"
    assert list(items.columns) == list(ITEM_KOLOMMEN)


def test_layout(tmp_path: Path) -> None:
    pad = tmp_path / "werkblad.xlsx"
    schrijf_werkblad(_opgaven(), _koppelingen(), _items(), pad)
    wb = openpyxl.load_workbook(pad)
    assert wb.sheetnames[0] == OVERZICHT
    assert len(wb.sheetnames) == 3
    blad = wb.worksheets[1]
    assert blad["A2"].value == "Opgave 1:" and blad["B2"].value == "Warmtenet Noord"
    assert blad["A4"].value == "Niveau:" and blad["B4"].value == "meekoppelkans"
    assert [c.value for c in blad[7]][:6] == [
        "Soort",
        "Omschrijving",
        "Impact",
        "Horizon",
        "Interventie",
        "Eigenaar interventie",
    ]
    assert blad["A7"].font.bold
    assert blad.column_dimensions["H"].hidden
    assert blad["B10"].alignment.wrap_text
    # a text starting with "=" is stored as text, not as a formula
    tweede = wb.worksheets[2]
    assert tweede["B3"].value == "=SOM(A1:A9)" and tweede["B3"].data_type == "s"
    assert all(len(n) <= 31 for n in wb.sheetnames)


def test_bladnamen_uniek_en_geldig() -> None:
    gebruikt: set[str] = set()
    namen = [bladnaam(1, "a/b[c]:d*e?f\\g" * 5, "x" * 40, gebruikt) for _ in range(3)]
    assert len({n.lower() for n in namen}) == 3
    assert all(len(n) <= 31 and not set("[]:*?/\\") & set(n) for n in namen)


def test_extra_paar_geeft_leeg_blad_dat_wordt_overgeslagen(tmp_path: Path) -> None:
    pad = tmp_path / "w.xlsx"
    schrijf_werkblad(_opgaven(), _koppelingen(), _items(), pad, paren=[(13, 11), (11, 12)])
    koppelingen, items = lees_werkblad(pad, _opgaven())
    assert list(zip(koppelingen.opgave_a, koppelingen.opgave_b, strict=True)) == [(11, 12)]
    assert len(items) == 3


def _bewerk(pad: Path, blad: int, cel: str, waarde: object) -> None:
    wb = openpyxl.load_workbook(pad)
    wb.worksheets[blad][cel] = waarde
    wb.save(pad)


@pytest.fixture
def werkblad(tmp_path: Path) -> Path:
    pad = tmp_path / "ws.xlsx"
    schrijf_werkblad(_opgaven(), _koppelingen(), _items(), pad)
    return pad


@pytest.mark.parametrize(
    ("cel", "waarde", "rij", "kolom", "fragment"),
    [
        ("B2", "Onbekende opgave", 2, "B", "geen opgave met de titel"),
        ("B3", "", 3, "B", "titel van de opgave is leeg"),
        ("B4", "koppeling", 4, "B", "geen geldige niveau"),
        ("B4", "", 4, "B", "Niveau is leeg"),
        ("A8", "kansje", 8, "Soort", "geen geldige soort"),
        ("C9", "enorm", 9, "Impact", "geen geldige impact"),
        ("D8", "morgen", 8, "Horizon", "geen geldige horizon"),
        ("B10", "  ", 10, "Omschrijving", "omschrijving is leeg"),
        ("B3", "Warmtenet Noord", 3, "B", "dezelfde opgave"),
    ],
)
def test_fouten(werkblad: Path, cel: str, waarde: str, rij: int, kolom: str, fragment: str) -> None:
    _bewerk(werkblad, 1, cel, waarde)
    with pytest.raises(InvoerFout) as info:
        lees_werkblad(werkblad, _opgaven())
    fout = info.value
    assert fragment in str(fout)
    assert (fout.rij, fout.kolom) == (rij, kolom)
    assert fout.bestand == f"ws.xlsx, blad {openpyxl.load_workbook(werkblad).sheetnames[1]}"


def test_invoer_wordt_genormaliseerd(werkblad: Path) -> None:
    _bewerk(werkblad, 1, "A8", " Kansen ")
    _bewerk(werkblad, 1, "D8", "over twee jaar en later")
    _bewerk(werkblad, 1, "B2", "  warmtenet noord ")
    _bewerk(werkblad, 1, "B4", "Meekoppelkans")
    koppelingen, items = lees_werkblad(werkblad, _opgaven())
    eerste = items.iloc[0]
    assert (eerste.soort, eerste.horizon) == ("kans", "later")
    assert koppelingen.niveau.iloc[0] == "meekoppelkans"


def test_hernoemde_opgave_wordt_via_id_gevonden(werkblad: Path) -> None:
    opgaven = _opgaven()
    opgaven.loc[0, "titel"] = "Warmtenet Noord (nieuw)"
    koppelingen, _ = lees_werkblad(werkblad, opgaven)
    assert 11 in set(koppelingen.opgave_a)


def test_opgaven_verwisseld_geeft_zelfde_paar(werkblad: Path) -> None:
    titels = _opgaven().titel
    _bewerk(werkblad, 1, "B2", titels[1])
    _bewerk(werkblad, 1, "B3", titels[0])
    koppelingen, _ = lees_werkblad(werkblad, _opgaven())
    assert (koppelingen.opgave_a.iloc[0], koppelingen.opgave_b.iloc[0]) == (11, 12)


@pytest.mark.filterwarnings("ignore:Title is more than 31")
def test_dubbel_paar(werkblad: Path) -> None:
    wb = openpyxl.load_workbook(werkblad)
    kopie = wb.copy_worksheet(wb.worksheets[1])
    kopie.title = "kopie"
    wb.save(werkblad)
    with pytest.raises(InvoerFout, match="staat ook op blad"):
        lees_werkblad(werkblad, _opgaven())


def test_geen_werkblad(tmp_path: Path) -> None:
    pad = tmp_path / "leeg.xlsx"
    openpyxl.Workbook().save(pad)
    with pytest.raises(InvoerFout, match="geen Werkblad 2.7"):
        lees_werkblad(pad, _opgaven())


def test_kapot_bestand(tmp_path: Path) -> None:
    pad = tmp_path / "kapot.xlsx"
    pad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InvoerFout, match="geen geldig Excel-bestand|beschadigd"):
        lees_werkblad(pad, _opgaven())


def test_niet_xlsx(tmp_path: Path) -> None:
    pad = tmp_path / "w.csv"
    pad.write_text("a;b")
    with pytest.raises(InvoerFout, match=r"\.xlsx"):
        lees_werkblad(pad, _opgaven())
