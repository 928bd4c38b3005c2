"""The wijkprofiel section in a real report (papermill, offline HTML), opened in Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from a11y import schendingen
from test_cbs import _r, statline

from wijkanalyse.rapport.batch import maak_rapporten
from wijkanalyse.store.verbinding import SPOOR_TABELLEN
from wijkanalyse.store.wijken import VINGERAFDRUK_TABELLEN
from wijkanalyse.wijkprofiel import cbs

# Test figures under a test table id (not CBS's): Laak in CBS's spelling of its gemeente.
RIJEN = [
    _r("2023", "'s-Gravenhage", "'s-Gravenhage", "Gemeente", "GM9999", "260000", "19.5", "31.0"),
    _r("2023", "Laak", "'s-Gravenhage", "Wijk", "WK999901", "19000", "35.5", "."),
    _r("2023", "Nederland", "Nederland", "Land", "NL01", "8100000", "20.0", "33.0"),
]


@pytest.fixture(scope="module")
def _gemaakt(_demo_sjabloon: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One real report of Laak; the tables it read (its worker's and kernel's SQLite
    connections write each table they read to a trace file)."""
    map_ = tmp_path_factory.mktemp("rapport_cbs")
    db = map_ / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    v = cbs.importeer(db, statline(RIJEN), naam="kwb.csv", bron_tabel="TESTTABEL")
    assert list(v.gekoppeld["regiocode"]) == ["WK999901"]
    spoor = map_ / "gelezen.txt"
    os.environ[SPOOR_TABELLEN] = str(spoor)
    try:
        (res,) = maak_rapporten(db, map_ / "uit", wijken=["Laak"], hergebruik=False)
    finally:
        del os.environ[SPOOR_TABELLEN]
    gelezen = set(spoor.read_text(encoding="utf-8").split()) - {"sqlite_master"}
    return {"html": res.html, "db": db, "uit": map_ / "uit", "gelezen": gelezen}


@pytest.fixture(scope="module")
def rapport(_gemaakt: dict) -> Path:
    return _gemaakt["html"]


def test_report_shows_the_profile_with_a_source_line_under_each_figure(
    rapport: Path, offline_pagina
) -> None:
    page = offline_pagina.page
    page.goto(rapport.as_uri())
    page.wait_for_selector(".wa-profiel", timeout=30_000)
    tabel = page.locator(".wa-profiel")
    koppen = [k.split("\n")[0] for k in tabel.locator("thead th").all_inner_texts()]
    assert koppen == ["Kerncijfer", "Eenheid", "Wijk Laak", "Gemeente Den Haag", "Nederland"]
    assert "WK999901" in tabel.locator("thead th").nth(2).inner_text()  # the CBS region
    rij = tabel.locator("tbody tr", has_text="Laag opleidingsniveau")
    cellen = rij.locator("td").all_inner_texts()
    assert cellen[1].split("\n") == ["35,5", "CBS TESTTABEL, 2023"]  # figure, then its source
    assert cellen[2].split("\n") == ["19,5", "CBS TESTTABEL, 2023"]
    inkomen = tabel.locator("tbody tr", has_text="inkomen").locator("td").all_inner_texts()
    assert inkomen[1].startswith("ontbreekt") and "0" not in inkomen[1].split("\n")[0]
    assert page.locator(".wa-bron").count() >= 8
    # the plot draws, and says where its figures come from
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some("
        "g => (g.layout.title.text || '').startsWith('Wijkprofiel'))",
        polling=100,
        timeout=30_000,
    )
    tekst = page.locator(".js-plotly-plot").filter(has_text="Wijkprofiel").inner_text()
    assert "Bron: CBS TESTTABEL, 2023" in tekst and "ontbreekt" in tekst
    # signals are offered as suggestions, not added
    body = page.inner_text("body")
    assert "Signalen uit de cijfers" in body and "suggestie" in body
    assert "Meer werk en werkgelegenheid" in body  # 35.5 % low education > 30
    assert offline_pagina.geblokkeerd == [] and offline_pagina.fouten == []
    assert schendingen(page, ".wa-profiel") == []
    assert schendingen(page) == []  # the whole report, with the section in it


# Last: it imports newer figures into the module's workspace and remakes the report.
def test_every_table_the_report_reads_is_in_its_fingerprint(_gemaakt: dict) -> None:
    """Traced, not listed by hand: a table a later section reads (acties, ...) without
    being in the fingerprint fails here; and a newer CBS table remakes the report."""
    assert {"cbs_cijfers", "cbs_regios", "opgaven", "scores"} <= _gemaakt["gelezen"]
    assert _gemaakt["gelezen"] - VINGERAFDRUK_TABELLEN == set()
    nieuw = [_r("2024", "Laak", "'s-Gravenhage", "Wijk", "WK999901", "19000", "36.5", ".")]
    cbs.importeer(_gemaakt["db"], statline(nieuw), naam="kwb2.csv", bron_tabel="TESTTABEL")
    (res,) = maak_rapporten(_gemaakt["db"], _gemaakt["uit"], wijken=["Laak"])
    assert res.status == "gemaakt"  # not "hergebruikt" with the old figures
    assert "36,5" in res.html.read_text(encoding="utf-8")
