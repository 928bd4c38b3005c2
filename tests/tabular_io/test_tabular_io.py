"""Opgaven tables: reading, normalising, writing, round trip, template."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.core.vocabulary import ROLLEN, SOORTEN, TRANSITIES
from wijkanalyse.tabular_io import (
    KOLOMMEN,
    KOPPEN,
    bescherm_formule,
    herstel_formule,
    lees_opgaven,
    schrijf_opgaven,
    schrijf_sjabloon,
)

LANG = ('Tekst met ë ï é en "quotes"; komma\'s, ' * 20)[:500]


def _voorbeeld() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "titel": ["Warmtenet Noord", "=SOM(A1)", 'Riool "oost"', "Café ë ï é", "- min"],
            "transitie": [
                "energie",
                "klimaatadaptatie",
                "overig",
                "sociaaleconomisch",
                "mobiliteit",
            ],
            "soort": ["fysiek", "sociaal", "fysiek", "sociaal", "fysiek"],
            "aanleiding": ["vervanging riool", "", "+31 beheer", "@team", "'s-Hertogenbosch"],
            "eigenaar": ["Gemeente", "Corporatie; Woonstad", "", "\t tab", "''=x"],
            "start_jaar": pd.array([2026, None, 1900, 2030, None], dtype="Int64"),
            "eind_jaar": pd.array([2030, 2031, 2100, 2030, None], dtype="Int64"),
            "rol": ["leidend", "meeliftend", "meeliftend", "leidend", "meeliftend"],
            "beschrijving": [
                LANG,
                "regel 1\nregel 2\n",
                "<script>alert(1)</script>",
                "",
                " spatie ",
            ],
        }
    )


@pytest.mark.parametrize("ext", [".csv", ".xlsx", ".txt"])
def test_round_trip(tmp_path: Path, ext: str) -> None:
    pad = tmp_path / f"opgaven{ext}"
    df = _voorbeeld()
    schrijf_opgaven(df, pad)
    terug = lees_opgaven(pad)
    pd.testing.assert_frame_equal(terug, df, check_dtype=False)
    assert list(terug.columns) == list(KOLOMMEN)
    assert str(terug.start_jaar.dtype) == "Int64"


def test_csv_is_nederlands_excel_formaat(tmp_path: Path) -> None:
    pad = tmp_path / "o.csv"
    schrijf_opgaven(_voorbeeld(), pad)
    data = pad.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    # the team's Dutch headers, which the import reads back
    assert (
        data[3:].split(b"\r\n")[0] == b"Titel;Transitie;Soort;Aanleiding;Eigenaar;Startjaar;"
        b"Eindjaar;Rol;Beschrijving"
    )
    rijen = list(csv.reader(data.decode("utf-8-sig").splitlines()[1:3], delimiter=";"))
    assert rijen[1][0] == "'=SOM(A1)"  # formula guard in CSV


def test_xlsx_bevat_geen_formules(tmp_path: Path) -> None:
    pad = tmp_path / "o.xlsx"
    schrijf_opgaven(_voorbeeld(), pad)
    blad = openpyxl.load_workbook(pad).active
    assert blad["A3"].value == "=SOM(A1)" and blad["A3"].data_type == "s"


@pytest.mark.parametrize(
    "tekst", ["=1+1", "'=1+1", "''@x", "'s-Hertogenbosch", "-", "", "a=b", "\t=x", "'"]
)
def test_formule_bescherming_is_omkeerbaar(tekst: str) -> None:
    beschermd = bescherm_formule(tekst)
    assert not beschermd.startswith(("=", "+", "-", "@", "\t"))
    assert herstel_formule(beschermd) == tekst


tekst_st = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
    max_size=40,
) | st.sampled_from(["=A1", "'=A1", "-5", "regel\nregel", '"q"', ";", ""])
titel_st = tekst_st.map(str.strip).filter(bool)
jaar_st = st.one_of(st.none(), st.integers(1900, 2100))


@st.composite
def opgaven_st(draw: st.DrawFn) -> pd.DataFrame:
    titels = draw(
        st.lists(
            titel_st, min_size=1, max_size=5, unique_by=lambda t: " ".join(t.split()).casefold()
        )
    )
    n = len(titels)
    start = draw(st.lists(jaar_st, min_size=n, max_size=n))
    eind = [None if s is None else min(2100, s + draw(st.integers(0, 5))) for s in start]
    return pd.DataFrame(
        {
            "titel": titels,
            "transitie": draw(st.lists(st.sampled_from(TRANSITIES), min_size=n, max_size=n)),
            "soort": draw(st.lists(st.sampled_from(SOORTEN), min_size=n, max_size=n)),
            "aanleiding": draw(st.lists(tekst_st, min_size=n, max_size=n)),
            "eigenaar": draw(st.lists(tekst_st, min_size=n, max_size=n)),
            "start_jaar": pd.array(start, dtype="Int64"),
            "eind_jaar": pd.array(eind, dtype="Int64"),
            "rol": draw(st.lists(st.sampled_from(ROLLEN), min_size=n, max_size=n)),
            "beschrijving": draw(st.lists(tekst_st, min_size=n, max_size=n)),
        }
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(df=opgaven_st(), ext=st.sampled_from([".csv", ".xlsx"]))
def test_round_trip_hypothesis(tmp_path: Path, df: pd.DataFrame, ext: str) -> None:
    pad = tmp_path / f"h{ext}"
    schrijf_opgaven(df, pad)
    pd.testing.assert_frame_equal(lees_opgaven(pad), df, check_dtype=False)


def test_normaliseren(tmp_path: Path) -> None:
    pad = tmp_path / "o.csv"
    pad.write_text(
        " Titel Opgave ,TRANSITIE,Soort, start-jaar ,Eind_Jaar,Trekker,Omschrijving,Rol,id\n"
        "A, Energie , FYSIEK ,2027,2.030,X,oms,Leidend,7\n"
        "B,Sociaal-economisch,,2027.0,,,,,\n",
        encoding="utf-8",
    )
    df = lees_opgaven(pad)
    assert list(df.titel) == ["A", "B"]
    assert list(df.transitie) == ["energie", "sociaaleconomisch"]
    assert list(df.soort) == ["fysiek", "fysiek"]
    assert list(df.rol) == ["leidend", "meeliftend"]
    assert list(df.start_jaar) == [2027, 2027]
    assert df.eind_jaar[0] == 2030 and pd.isna(df.eind_jaar[1])
    assert list(df.eigenaar) == ["X", ""]


def test_meerdere_fouten_in_een_melding(tmp_path: Path) -> None:
    pad = tmp_path / "o.csv"
    rijen = "".join(f"T{i};onbekend\n" for i in range(15))
    pad.write_text("titel;transitie\n" + rijen, encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        lees_opgaven(pad)
    assert info.value.rij == 2 and info.value.kolom == "transitie"
    assert "rij 11" in str(info.value) and "rij 12" not in str(info.value)


def test_bestaande_titels(tmp_path: Path) -> None:
    pad = tmp_path / "o.csv"
    pad.write_text("titel;transitie\nNieuw;energie\n Warmtenet  NOORD ;energie\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match="bestaat in deze wijk al") as info:
        lees_opgaven(pad, bestaande_titels=["Warmtenet Noord"])
    assert (info.value.rij, info.value.kolom) == (3, "titel")
    assert len(lees_opgaven(pad, bestaande_titels=["Iets anders"])) == 2


def test_blad_opgaven_heeft_voorrang(tmp_path: Path) -> None:
    pad = tmp_path / "o.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["notities"])
    blad = wb.create_sheet("Opgaven")
    blad.append(["titel", "transitie"])
    blad.append(["A", "energie"])
    wb.save(pad)
    assert list(lees_opgaven(pad).titel) == ["A"]


def test_fout_noemt_blad(tmp_path: Path) -> None:
    pad = tmp_path / "o.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Opgaven"
    wb.active.append(["titel", "transitie"])
    wb.active.append(["A", "xx"])
    wb.create_sheet("Toelichting").append(["uitleg"])
    wb.save(pad)
    with pytest.raises(InvoerFout) as info:
        lees_opgaven(pad)
    assert info.value.bestand == "o.xlsx, blad Opgaven"


def test_schrijf_onbekende_extensie(tmp_path: Path) -> None:
    with pytest.raises(InvoerFout, match=".xlsx of .csv"):
        schrijf_opgaven(_voorbeeld(), tmp_path / "o.pdf")


@pytest.mark.parametrize("ext", [".xlsx", ".csv"])
def test_sjabloon(tmp_path: Path, ext: str) -> None:
    pad = tmp_path / f"sjabloon{ext}"
    schrijf_sjabloon(pad)
    with pytest.raises(InvoerFout, match="alleen een kopregel"):
        lees_opgaven(pad)


def test_sjabloon_xlsx_inhoud(tmp_path: Path) -> None:
    pad = tmp_path / "s.xlsx"
    schrijf_sjabloon(pad)
    wb = openpyxl.load_workbook(pad)
    assert wb.sheetnames == ["Opgaven", "Toelichting"]
    blad = wb["Opgaven"]
    assert [c.value for c in blad[1]] == [KOPPEN[k] for k in KOLOMMEN]
    lijsten = [dv.formula1 for dv in blad.data_validations.dataValidation if dv.type == "list"]
    assert any("klimaatadaptatie" in f for f in lijsten)
    assert any("leidend" in f for f in lijsten)
    toelichting = " ".join(str(c.value) for r in wb["Toelichting"].iter_rows() for c in r)
    assert "natuurinclusiviteit" in toelichting and "meeliftend" in toelichting
    # filling in the template gives an importable file
    blad.append(["Warmtenet", "energie", "fysiek", "", "", 2026, 2030, "leidend", ""])
    wb.save(pad)
    assert lees_opgaven(pad).titel.tolist() == ["Warmtenet"]


def test_sjablonen_in_repo_zijn_actueel(tmp_path: Path) -> None:
    map_ = Path(__file__).resolve().parents[2] / "data" / "sjablonen"
    schrijf_sjabloon(tmp_path / "s.csv")
    assert (map_ / "opgaven_sjabloon.csv").read_bytes() == (tmp_path / "s.csv").read_bytes()
    wb = openpyxl.load_workbook(map_ / "opgaven_sjabloon.xlsx")
    assert wb.sheetnames == ["Opgaven", "Toelichting"]
