"""Every file in tests/bad_files is refused with a Dutch message naming row and column;
every file in tests/good_files is read correctly.

Regenerate the files with ``python tests/bad_files/make_corpus.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.tabular_io import lees_opgaven

HIER = Path(__file__).resolve().parents[1]  # tests/
BAD = HIER / "bad_files"
GOOD = HIER / "good_files"

# file name -> (message fragment, rij, kolom)
VERWACHT: dict[str, tuple[str, int | None, str | None]] = {
    "ontbrekende_kolom_titel.csv": ("Verplichte kolom(men) ontbreken: 'titel'", 1, "titel"),
    "transitie_energietransitie.csv": ("Bedoelt u 'energie'?", 2, "transitie"),
    "transitie_typo_klimaat.csv": ("Bedoelt u 'klimaatadaptatie'?", 3, "transitie"),
    "eind_voor_start.csv": ("eindjaar (2025) ligt vóór het startjaar (2030)", 2, "eind_jaar"),
    "jaar_twintig.csv": ("'twintig' is geen jaartal", 2, "start_jaar"),
    "jaar_niet_heel.csv": ("'2027,5' is geen heel jaartal", 2, "start_jaar"),
    "jaar_buiten_bereik.csv": ("ligt niet tussen 1900 en 2100", 2, "eind_jaar"),
    "dubbele_titel_rij3_rij7.csv": ("in rij 3 en in rij 7", 7, "titel"),
    "dubbele_titel_hoofdletters_spaties.xlsx": ("in rij 2 en in rij 4", 4, "titel"),
    "leeg_0_bytes.csv": ("leeg (0 bytes)", None, None),
    "alleen_kopregel.csv": ("alleen een kopregel", 1, None),
    "alleen_lege_regels.csv": ("alle regels zijn leeg", None, None),
    "alle_bladen_leeg.xlsx": ("alle bladen zijn leeg", None, None),
    "te_groot_6mb.csv": ("6,3 MB groot; de grens is 5,0 MB", None, None),
    "csv_hernoemd_naar.xlsx": ("geef het de extensie .csv", None, None),
    "xlsx_hernoemd_naar.csv": ("Excel-bestand met de verkeerde extensie", None, None),
    "afgebroken_download.xlsx": ("geen geldig Excel-bestand", None, None),
    "rapport.pdf": ("'.pdf' kunnen niet worden ingelezen", None, None),
    "oud_excel_formaat.xls": ("oude Excel-formaat (.xls)", None, None),
    "binaire_rommel.csv": ("geen tekstbestand", None, None),
    "soort_economisch.csv": ("'economisch' is geen geldige soort", 2, "soort"),
    "rol_hoofd.csv": ("'hoofd' is geen geldige rol", 2, "rol"),
    "lege_titel_rij5.csv": ("titel is leeg", 5, "titel"),
    "te_veel_rijen_2001.csv": ("meer dan 2000 opgaven", 2002, None),
    "twee_gevulde_bladen.xlsx": ("meerdere gevulde bladen ('Noord', 'Zuid')", None, None),
    "gemengde_scheidingstekens.csv": ("ander scheidingsteken (komma (,))", 3, None),
    "open_aanhalingsteken.csv": ("niet wordt afgesloten", 3, None),
    "aanhalingsteken_midden_in_cel.csv": ("Verdubbel aanhalingstekens", 2, None),
    "onbekende_kolom_startjar.csv": ("Onbekende kolom(men): 'startjar'", 1, "startjar"),
    "dubbele_kolom_eind_eindjaar.csv": ("'eind_jaar' komt twee keer voor", 1, "eindjaar"),
    "naamloze_kolom_met_gegevens.csv": ("Kolom C heeft geen naam", 3, "C"),
    "puntkomma_in_tekst_zonder_quotes.csv": ("10 waarden, maar de kopregel maar 9", 2, None),
    "transitie_leeg.xlsx": ("Deze cel is leeg", 2, "transitie"),
    "veel_fouten.csv": ("Ook gevonden", 2, "transitie"),
    "windows1252_fout_in_rij2.csv": ("'cultuur' is geen geldige transitie", 2, "transitie"),
}


def test_corpus_is_volledig() -> None:
    bestanden = {p.name for p in BAD.iterdir() if p.suffix != ".py" and p.is_file()}
    assert bestanden == set(VERWACHT)
    assert len(bestanden) >= 30


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_slecht_bestand(naam: str) -> None:
    fragment, rij, kolom = VERWACHT[naam]
    with pytest.raises(InvoerFout) as info:
        lees_opgaven(BAD / naam)
    fout = info.value
    assert fragment in str(fout)
    assert (fout.rij, fout.kolom) == (rij, kolom)
    assert fout.bestand is not None and fout.bestand.startswith(naam)
    assert str(fout).startswith(f"bestand '{naam}")


def test_veel_fouten_in_een_melding() -> None:
    with pytest.raises(InvoerFout) as info:
        lees_opgaven(BAD / "veel_fouten.csv")
    tekst = str(info.value)
    assert "rij 2, kolom 'rol'" in tekst and "rij 6, kolom 'rol'" in tekst
    assert "rij 7" not in tekst  # at most ten problems per message
    assert "(de eerste tien)" in tekst


# file name -> expected values of the first row (and the number of rows)
GOED: dict[str, tuple[int, dict[str, object]]] = {
    "puntkomma_bom_decimale_komma.csv": (
        1,
        {"titel": "Warmtenet", "transitie": "energie", "start_jaar": 2027, "eind_jaar": 2030},
    ),
    "windows1252_trema.csv": (
        1,
        {"titel": "Reünie in de buurt", "eigenaar": "Café ë", "soort": "sociaal"},
    ),
    "lege_rijen_en_kolommen_achteraan.xlsx": (
        1,
        {"titel": "Riool", "transitie": "klimaatadaptatie", "start_jaar": None},
    ),
    "rare_kopnamen.csv": (
        1,
        {
            "titel": "Warmtenet",
            "transitie": "energie",
            "soort": "fysiek",
            "rol": "leidend",
            "eigenaar": "Eneco",
            "beschrijving": "Warmte, koud",
            "start_jaar": 2026,
        },
    ),
    "tab_gescheiden.txt": (1, {"titel": "Deelauto's", "start_jaar": 2025, "eind_jaar": 2027}),
    "excel_unicode_tekst.txt": (1, {"titel": "Groene daken é", "rol": "meeliftend"}),
    "leeg_eerste_blad.xlsx": (1, {"titel": "Nieuwbouw", "transitie": "verstedelijking"}),
    "lege_regels_tussendoor.csv": (2, {"titel": "Riool"}),
    "jaren_als_getal.xlsx": (1, {"start_jaar": 2026, "eind_jaar": 2031, "beschrijving": "12"}),
    "titelregel_boven_kopregel.xlsx": (1, {"titel": "Riool", "transitie": "overig"}),
    "jaar_als_datum.xlsx": (1, {"titel": "Riool", "start_jaar": 2027}),
}


def test_goede_map_is_volledig() -> None:
    assert {p.name for p in GOOD.iterdir()} == set(GOED)


@pytest.mark.parametrize("naam", sorted(GOED))
def test_goed_bestand(naam: str) -> None:
    aantal, eerste = GOED[naam]
    df = lees_opgaven(GOOD / naam)
    assert len(df) == aantal
    rij = df.iloc[0]
    for kolom, waarde in eerste.items():
        if waarde is None:
            assert pd.isna(rij[kolom]), kolom
        else:
            assert rij[kolom] == waarde, kolom
