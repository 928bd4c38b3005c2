"""Hostile and careless files (issue 20): every importer reads within stated limits and
refuses in Dutch, naming the limit and where; no Inf gets in and none breaks a page; no
control or bidi character is stored or echoed raw; NFC text; --koppel checks the gemeente;
no Windows-reserved file names. The crafted files are made here (tests/vijandige_bestanden.py),
time and memory are measured in benchmarks/bench_vijandige_bestanden.py.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import vijandige_bestanden as vb

from wijkanalyse import store, uitwisseling
from wijkanalyse.core import config, nl_format
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.model import WijkModel
from wijkanalyse.tabular_io import lees_opgaven, voorbeeld_opgaven
from wijkanalyse.tabular_io.werkblad import lees_werkblad
from wijkanalyse.wijkprofiel import cbs
from wijkanalyse.wijkprofiel import profiel as wijkprofiel

LEEG = pd.DataFrame(columns=["id", "titel"])


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    p = Path(store.maak_werkruimte(tmp_path / "w.sqlite"))
    store.voeg_wijk_toe(p, "Laak", "Den Haag", 100)
    store.voeg_wijk_toe(p, "Centrum", "Westerdorp", 100)
    return p


def _fout(functie, *args, **kwargs) -> InvoerFout:  # type: ignore[no-untyped-def]
    with pytest.raises(InvoerFout) as e:
        functie(*args, **kwargs)
    return e.value


# ------------------------------------------------------------------ 1. bounded work


def test_workbook_declaring_a_million_rows_is_refused_naming_the_cell(
    tmp_path: Path, ws: Path
) -> None:
    bom = vb.dimensie_bom(tmp_path / "bom.xlsx")
    assert bom.stat().st_size < 10_000
    for fout in (
        _fout(lees_opgaven, bom),
        _fout(voorbeeld_opgaven, bom, LEEG),
        _fout(
            uitwisseling.voorbeeld_opgaven_bestand,
            WijkModel(path=str(ws), wijk="Laak"),
            "Lijst.xlsx",
            bom.read_bytes(),
        ),
    ):
        assert "kolom XFD" in fout.melding and "200 kolommen" in fout.melding
        assert fout.rij == 1_048_576
    # the Werkblad import (columns right of I are ignored there): a row limit, never MemoryError
    opgaven = pd.DataFrame({"id": [1, 2], "titel": ["Warmtenet", "Geveltuinen"]})
    werkblad = vb.werkblad_dimensie_bom(tmp_path / "werkblad.xlsx", "Warmtenet", "Geveltuinen")
    fout = _fout(lees_werkblad, werkblad, opgaven)
    assert "rij 1.048.576" in fout.melding and "5.000 rijen" in fout.melding


def test_workbook_of_two_million_empty_rows_is_refused_not_called_damaged(tmp_path: Path) -> None:
    bom = vb.lege_rijen_bom(tmp_path / "leeg.xlsx")
    assert bom.stat().st_size < 100_000
    fout = _fout(lees_opgaven, bom)
    assert "meer dan 5.000 rijen (ook lege rijen tellen mee)" in fout.melding
    assert "beschadigd" not in str(fout)
    csv_pad = tmp_path / "leeg.csv"  # the same in a CSV: 4 MB of empty lines below a header
    csv_pad.write_text("titel;transitie\n" + ";\n" * 2_000_000, encoding="utf-8")
    fout = _fout(lees_opgaven, csv_pad)
    assert "meer dan 5.000 regels (ook lege regels tellen mee)" in fout.melding


def test_formula_without_result_and_hidden_sheets_are_named(tmp_path: Path) -> None:
    fout = _fout(lees_opgaven, vb.formule_werkboek(tmp_path / "formule.xlsx"))
    assert "Cel A2 bevat een formule zonder opgeslagen uitkomst" in fout.melding
    assert (fout.rij, fout.kolom) == (2, "A")
    fout = _fout(lees_opgaven, vb.verborgen_werkboek(tmp_path / "verborgen.xlsx"))
    assert "alleen verborgen bladen ('Leeg', 'Opgaven lijst')" in fout.melding


def test_csv_cell_of_a_megabyte_is_refused_with_its_row(tmp_path: Path, ws: Path) -> None:
    fout = _fout(lees_opgaven, vb.csv_grote_cel(tmp_path / "groot.csv"))
    assert fout.rij == 3 and "de grens is 32.767" in fout.melding
    assert "field limit" not in str(fout)
    regels = [cbs_kop(), '"Laak";"GM0518";"WK051828";"2023";"' + "1" * 1_000_000 + '"']
    fout = _fout(cbs.lees_statline, "\n".join(regels).encode(), naam="kwb.csv")
    assert fout.rij == 2 and "tekens" in fout.melding and "field limit" not in str(fout)


def cbs_kop() -> str:
    return (
        '"Wijken en buurten";"Gemeentenaam (naam)";"Codering (code)";"Perioden";"Inwoners (aantal)"'
    )


def test_utf16_files_are_read_not_called_excel_or_pdf(tmp_path: Path) -> None:
    tekst = cbs_kop() + '\r\n"Laak";"\'s-Gravenhage";"WK051828";"2023";"   12380"\r\n'
    for codering in ("utf-16", "utf-16-le"):  # Excel's "Unicode-tekst" has a BOM; not all do
        b = cbs.lees_statline(tekst.encode(codering), naam="kwb.csv")
        assert b.cijfers["waarde"].tolist() == [12380.0]
        assert b.regios["regionaam"].tolist() == ["Laak"]
    csv_pad = tmp_path / "opgaven.csv"
    csv_pad.write_bytes("titel;transitie\r\nCafé plein;energie\r\n".encode("utf-16-le"))
    assert lees_opgaven(csv_pad)["titel"].tolist() == ["Café plein"]


# ------------------------------------------------------------------ 2. never Inf


@pytest.mark.parametrize("waarde", ["inf", "1e999", "-inf", "nan", "-Infinity"])
def test_non_finite_cbs_figure_is_refused_with_row_and_column(ws: Path, waarde: str) -> None:
    regels = [
        cbs_kop(),
        '"Den Haag";"Den Haag";"GM0518";"2023";"  500000"',
        f'"Laak";"Den Haag";"WK051828";"2023";"{waarde:>8}"',
    ]
    fout = _fout(cbs.importeer, ws, "\n".join(regels).encode(), naam="kwb.csv")
    assert (fout.rij, fout.kolom) == (3, "Inwoners (aantal)")
    assert "geen eindig getal" in fout.melding
    assert store.cbs_regios(ws).empty  # nothing written


def test_every_number_formatter_survives_inf_and_nan(ws: Path) -> None:
    for x in (float("inf"), float("-inf"), 1e308 * 10):
        assert wijkprofiel.getal_nl(x) == "onbekend"
        assert nl_format.getal(x) == nl_format.getal(x, 2) == "onbekend"
        assert nl_format.procent(x) == "onbekend"
    assert wijkprofiel.getal_nl(float("nan")) == "onbekend"
    # an Inf stored by an older version: the profile shows the figure as missing
    regels = [cbs_kop(), '"Laak";"Den Haag";"WK051828";"2023";"   12380"']
    cbs.importeer(ws, "\n".join(regels).encode(), naam="kwb.csv", bron_tabel="T")
    with sqlite3.connect(ws) as con:
        con.execute("UPDATE cbs_cijfers SET waarde = 9e999")
    cijfers = store.cbs_profielcijfers(ws, "Laak")
    assert (cijfers["waarde"] == float("inf")).any()
    top = wijkprofiel.laatste(cijfers)
    assert top["waarde"].isna().all()


# ------------------------------------------------------------------ 3. clean text


def test_control_and_bidi_characters_are_refused_per_row_in_the_preview(tmp_path: Path) -> None:
    lang = "x" * 4_100  # NUL after the first 4 KB, where a sniffer stops looking
    pad = tmp_path / "opgaven.csv"
    pad.write_text(
        "titel;transitie;beschrijving\n"
        "Bel\a;energie;\n"
        "Escape;energie;\x1b[31mrood\n"
        "Omgekeerd\u202e;energie;\n"
        f"Lang;energie;{lang}\x00\n"
        "Gewoon;energie;regel1 en\ttab\n",
        encoding="utf-8",
    )
    v = voorbeeld_opgaven(pad, LEEG)
    fouten = {(r, k): m for r, k, m in v.fouten}
    assert "BEL, U+0007" in fouten[(2, "titel")]
    assert "ESC, U+001B" in fouten[(3, "beschrijving")]
    assert "leesrichting omdraait (U+202E)" in fouten[(4, "titel")]
    assert "NUL, U+0000" in fouten[(5, "beschrijving")]
    assert len(v.fouten) == 4 and v.nieuw["titel"].tolist() == ["Gewoon"]


def test_text_is_compared_and_stored_in_nfc(tmp_path: Path, ws: Path) -> None:
    nfc, nfd = "Caf\u00e9 plein", "Cafe\u0301 plein"
    pad = tmp_path / "opgaven.csv"
    pad.write_text(f"titel;transitie\n{nfc};energie\n{nfd};energie\n", encoding="utf-8")
    assert "staat twee keer in het bestand: in rij 2 en in rij 3" in str(_fout(lees_opgaven, pad))
    m = WijkModel(path=str(ws), wijk="Laak")
    m.voeg_opgave_toe(titel=nfd, transitie="energie")  # a form, through the shared validation
    assert m.opgaven()["titel"].tolist() == [nfc]
    pad.write_text(f"titel;transitie\n{nfc};energie\n", encoding="utf-8")
    assert "bestaat in deze wijk al" in str(_fout(lees_opgaven, pad, bestaande_titels=[nfd]))
    with pytest.raises(InvoerFout, match="ESC, U\\+001B"):
        m.voeg_opgave_toe(titel="Rood\x1b[31m", transitie="energie")


def test_cbs_names_with_control_characters_are_refused_and_never_echoed_raw(
    tmp_path: Path, ws: Path
) -> None:
    regels = [cbs_kop(), '"Laak\x1b]8;;http://x\x07";"Den Haag";"WK051828";"2023";"   12380"']
    f = tmp_path / "kwb_2023.csv"
    f.write_bytes("\n".join(regels).encode())
    fout = _fout(cbs.lees_statline, f)
    assert (fout.rij, fout.kolom) == (2, "Wijken en buurten") and "ESC, U+001B" in fout.melding
    regels[1] = '"Laak";"Den Haag";"WK051828";"2023";"\x1b[2J12380"'  # echoed in the message
    f.write_bytes("\n".join(regels).encode())
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "wijkanalyse.cli",
            "cbs",
            "importeer",
            str(f),
            "--werkruimte",
            str(ws),
        ],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=120,
    )
    assert r.returncode != 0 and "\\x1b[2J12380" in r.stderr
    assert "\x1b" not in r.stderr + r.stdout


def test_koppel_code_of_another_gemeente_is_refused(ws: Path) -> None:
    regels = [
        cbs_kop(),
        '"Rotterdam";"Rotterdam";"GM0599";"2023";"  650000"',
        '"Pendrecht";"Rotterdam";"BU05991577";"2023";"   12380"',
        '"Den Haag";"Den Haag";"GM0518";"2023";"  550000"',
    ]
    ruw = "\n".join(regels).encode()
    fout = _fout(cbs.importeer, ws, ruw, naam="kwb.csv", handmatig={"Laak": "BU05991577"})
    assert "hoort bij gemeente Rotterdam, maar wijk 'Laak' ligt in gemeente Den Haag" in str(fout)
    assert store.cbs_regios(ws).empty


def test_file_names_avoid_windows_reserved_names() -> None:
    for naam in ("con", "PRN", "Aux", "nul", "COM1", "lpt9"):
        assert config.slug(naam) == naam.lower() + "-wijk"
    assert uitwisseling.veilige_bestandsnaam("con.csv") == "con-wijk.csv"
    assert config.slug("Console") == "console"


def test_a_list_of_wijken_is_read_within_bounds_and_refused_in_dutch(tmp_path: Path) -> None:
    """`wijkanalyse nieuw --wijken`: a huge file is refused before it is read, a broken line
    is named by its row, in Dutch (not pandas' English)."""
    from wijkanalyse.core.errors import InvoerFout
    from wijkanalyse.store.nieuw import lees_wijken

    groot = tmp_path / "wijken.csv"
    groot.write_text("naam,gemeente\n" + "Wijk,Gemeente\n" * 200_000, encoding="utf-8")
    with pytest.raises(InvoerFout, match="hoogstens") as fout:
        lees_wijken(groot)
    assert "kB" in str(fout.value)
    kapot = tmp_path / "kapot.csv"
    kapot.write_text("naam,gemeente\nNoord,Assen\nZuid,Assen,extra,meer\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        lees_wijken(kapot)
    assert fout.value.rij == 3 and "kolommen" in str(fout.value)
    assert "Error" not in str(fout.value)
