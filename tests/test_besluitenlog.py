"""The besluitenlog: newest decision per subject, and the summary for residents."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd

from wijkanalyse import besluitenlog as bl

GEVAARLIJK = "<script>alert('x')</script>"


def _log(rijen: list[tuple]) -> pd.DataFrame:
    kolommen = [
        "id", "onderwerp_soort", "onderwerp_id", "besluit", "redenering", "datum", "door",
        "maakt_of_breekt",
    ]  # fmt: skip
    return pd.DataFrame(rijen, columns=kolommen)


LOG = _log(
    [
        (1, "opgave", 1, "uitgesteld", "Eerst de kosten weten.", "2026-09-01", "team", False),
        (
            2,
            "opgave",
            1,
            "gekozen",
            "Kosten zijn bekend en te dragen.",
            "2026-10-01",
            "team",
            False,
        ),
        (3, "opgave", 2, "niet gekozen", "Past niet in de planning.", "2026-09-01", "", False),
        (4, "opgave", 3, "gekozen", "Bewoners vragen erom.", "2026-09-01", "wethouder", True),
        (5, "koppeling", 7, "uitgesteld", "Wacht op de riolering.", "2026-09-01", "team", False),
        (6, "opgave", 4, "gekozen", f"Reden {GEVAARLIJK}", "2026-09-01", "team", False),
        (7, "opgave", 2, "gekozen", "Toch gekozen.", "2026-08-01", "team", False),
    ]
)
LABELS = {
    ("opgave", 1): "Warmtenet aanleggen",
    ("opgave", 2): "Deelauto's",
    ("opgave", 3): "Speeltuin",
    ("opgave", 4): f"Titel {GEVAARLIJK}",
    ("koppeling", 7): "Warmtenet aanleggen × Riolering vervangen",
}


def test_huidige_besluiten_neemt_het_nieuwste_per_onderwerp() -> None:
    h = bl.huidige_besluiten(LOG).set_index(["onderwerp_soort", "onderwerp_id"])
    assert len(h) == 5
    assert h.loc[("opgave", 1), "besluit"] == "gekozen"  # later date wins
    # recorded later (id 7) but dated earlier: the decision of 1 September still holds
    assert h.loc[("opgave", 2), "besluit"] == "niet gekozen"
    assert h.loc[("koppeling", 7), "besluit"] == "uitgesteld"


def test_zelfde_datum_dan_telt_het_laatst_vastgelegde() -> None:
    log = _log(
        [
            (1, "opgave", 1, "gekozen", "a", "2026-09-01", "", False),
            (2, "opgave", 1, "niet gekozen", "b", "2026-09-01", "", False),
        ]
    )
    assert bl.huidige_besluiten(log)["besluit"].tolist() == ["niet gekozen"]


def test_lege_log() -> None:
    leeg = LOG.iloc[0:0]
    assert bl.huidige_besluiten(leeg).empty
    assert bl.gekozen_opgave_ids(leeg) == []
    tekst = bl.samenvatting_html(leeg, {}, wijk="Laak")
    assert "Er is nog niets gekozen." in tekst


def test_gekozen_opgave_ids_telt_alleen_opgaven_met_nieuwste_besluit_gekozen() -> None:
    assert bl.gekozen_opgave_ids(LOG) == [1, 3, 4]


def test_samenvatting_html_heeft_de_drie_delen_in_gewone_taal() -> None:
    tekst = bl.samenvatting_html(LOG, LABELS, wijk="Laak", gemeente="Den Haag")
    assert tekst.startswith("<!DOCTYPE html>")
    kop_gekozen = tekst.index("Wat we gaan doen")
    kop_niet = tekst.index("Wat we nu niet doen, en waarom")
    kop_later = tekst.index("Waar we later over beslissen")
    assert kop_gekozen < kop_niet < kop_later
    gekozen_deel = tekst[kop_gekozen:kop_niet]
    assert "Warmtenet aanleggen" in gekozen_deel and "Speeltuin" in gekozen_deel
    assert "Kosten zijn bekend en te dragen." in gekozen_deel
    assert "Eerst de kosten weten." not in tekst  # replaced by the newer decision
    niet_deel = tekst[kop_niet:kop_later]
    assert "Deelauto&#x27;s" in niet_deel and "Past niet in de planning." in niet_deel
    assert "Wacht op de riolering." in tekst[kop_later:]
    # a 'maakt of breekt' choice explains itself to residents
    assert "maken of breken" in gekozen_deel
    assert "wijk Laak in Den Haag" in tekst


def test_samenvatting_html_escapet_titels_en_redenering_en_heeft_geen_scripts() -> None:
    tekst = bl.samenvatting_html(LOG, LABELS, wijk="<b>Laak</b>")
    assert "<script" not in tekst.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in tekst
    assert tekst.count("&lt;script&gt;") == 2  # the title and the reasoning
    assert "<b>Laak</b>" not in tekst
    # self-contained: nothing loaded from elsewhere
    assert not re.search(r"(src|href)\s*=", tekst)


def test_samenvatting_excel_heeft_dezelfde_rijen(tmp_path: Path) -> None:
    log = pd.concat(
        [LOG, _log([(8, "opgave", 9, "niet gekozen", "=1+1 kost te veel", "2026-09-02", "", 0)])]
    )
    labels = {**LABELS, ("opgave", 9): '=HYPERLINK("http://x")'}
    pad = bl.schrijf_samenvatting_xlsx(log, labels, tmp_path / "s.xlsx", wijk="Laak")
    wb = openpyxl.load_workbook(pad)
    assert wb.sheetnames == ["Besluiten"]
    ws = wb["Besluiten"]
    rijen = [tuple("" if v is None else v for v in r) for r in ws.iter_rows(values_only=True)]
    assert rijen[0] == bl.SAMENVATTING_KOLOMMEN
    verwacht = bl.samenvatting_rijen(log, labels)
    assert rijen[1:] == [tuple(r) for r in verwacht.astype(str).itertuples(index=False)]
    assert {r[0] for r in rijen[1:]} == set(bl.KOPPEN.values())
    # text that looks like a formula stays text
    for row in ws.iter_rows(min_row=2):
        for cel in row:
            assert cel.data_type in ("s", "inlineStr")  # never "f" (a formula)
    assert any(r[1] == '=HYPERLINK("http://x")' for r in rijen)


def test_samenvatting_xlsx_bytes_is_een_werkboek() -> None:
    data = bl.samenvatting_xlsx(LOG, LABELS, wijk="Laak")
    assert data[:2] == b"PK"


def test_maakt_of_breekt_staat_bij_de_reden() -> None:
    rijen = bl.samenvatting_rijen(LOG, LABELS)
    speeltuin = rijen[rijen["Onderwerp"] == "Speeltuin"].iloc[0]
    assert speeltuin["Waarom"].endswith("Bewoners vragen erom.")
    assert "maken of breken" in speeltuin["Waarom"]
    assert "drempel" not in speeltuin["Waarom"]  # without the stand nothing about the drempel
    assert speeltuin["Besloten door"] == "wethouder"


def test_gemaakt_op_datum() -> None:
    tekst = bl.samenvatting_html(LOG, LABELS, wijk="Laak", gemaakt_op=date(2026, 11, 5))
    assert "05-11-2026" in tekst
