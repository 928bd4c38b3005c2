"""Batch reports: papermill per wijk, one offline HTML file each, opened in real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wijkanalyse import store
from wijkanalyse.core import config
from wijkanalyse.rapport.batch import maak_rapporten

XSS = "<script>alert('xss')</script>"


@pytest.fixture(scope="module")
def rapporten(_demo_sjabloon: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    map_ = tmp_path_factory.mktemp("rapporten")
    db = map_ / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    store.voeg_opgave_toe(
        db, "Selwerd", titel=XSS, transitie="overig", beschrijving='<img src=x onerror="alert(2)">'
    )
    res = maak_rapporten(db, map_ / "uit", hergebruik=False)
    assert [r.wijk for r in res] == ["Laak", "Selwerd"]
    return map_ / "uit"


def test_one_html_per_wijk_plus_index_and_executed_notebooks(rapporten: Path) -> None:
    for slug in ("laak", "selwerd"):
        assert (rapporten / f"{slug}.html").stat().st_size > 1_000_000  # plotly.js embedded
        assert (rapporten / slug / "rapport.ipynb").exists()
    index = (rapporten / "index.html").read_text(encoding="utf-8")
    assert 'href="laak.html"' in index and 'href="selwerd.html"' in index


def test_report_has_plotly_once_no_code_no_cdn(rapporten: Path) -> None:
    html = (rapporten / "laak.html").read_text(encoding="utf-8")
    assert html.count("plotly.js v") == 1 or html.count("* plotly.js") == 1
    assert "open_wijk(" not in html and "from wijkanalyse" not in html  # no code cells
    assert not re.search(r'<script[^>]+src="https?://', html)
    assert not re.search(r'<link[^>]+href="https?://', html)
    assert "Fictief voorbeeld" in html


def test_report_opens_offline_and_draws_plots(rapporten: Path, offline_pagina) -> None:
    page = offline_pagina.page
    page.goto((rapporten / "laak.html").as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    n = page.locator(".js-plotly-plot").count()
    assert n >= 4  # timeline, matrix, network, ranking
    assert page.locator(".js-plotly-plot .main-svg").count() >= n
    assert offline_pagina.geblokkeerd == []
    assert offline_pagina.fouten == []
    assert "Wijkanalyse Laak" in page.inner_text("h1")
    knoppen = page.locator(".modebar-btn").evaluate_all(
        "els => els.map(e => e.getAttribute('data-title'))"
    )
    assert "Grafiek downloaden als PNG" in knoppen  # the toolbar speaks Dutch
    assert not [k for k in knoppen if "Share" in k or "Cloud" in k]  # no upload to Plotly


def test_user_html_in_the_report_is_text(rapporten: Path, offline_pagina) -> None:
    page = offline_pagina.page
    page.goto((rapporten / "selwerd.html").as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(500)
    assert offline_pagina.dialogen == []  # no alert() ran
    assert XSS in page.inner_text("body")  # shown literally
    assert page.locator("img[src='x']").count() == 0


def test_second_run_reuses_up_to_date_reports(rapporten: Path) -> None:
    db = rapporten.parent / "w.sqlite"
    res = maak_rapporten(db, rapporten, wijken=["Laak"])
    assert res[0].hergebruikt


def test_unknown_wijk_is_refused(rapporten: Path) -> None:
    from wijkanalyse.core.errors import WijkanalyseFout

    with pytest.raises(WijkanalyseFout, match="Onbekende wijk"):
        maak_rapporten(rapporten.parent / "w.sqlite", rapporten, wijken=["Atlantis"])


@pytest.fixture(scope="module")
def vreemde_namen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One batch (one kernel) for the wijk names that could clash or escape: a path, two
    names with the same slug and one without any Latin letter. Returns the folder it ran in
    and each wijk's file name."""
    from wijkanalyse.rapport.batch import bestandsnamen

    map_ = tmp_path_factory.mktemp("namen")
    db = store.maak_werkruimte(map_ / "w.sqlite")
    store.voeg_wijk_toe(db, "../../buiten", "X", 1)
    store.voeg_opgave_toe(db, "../../buiten", titel="A", transitie="energie")
    for naam in ("Sint Jan", "Sint-Jan", "Ψ"):
        store.voeg_wijk_toe(db, naam, "X", None)  # no inhabitants known: index must cope
        store.voeg_opgave_toe(db, naam, titel=f"Opgave {naam}", transitie="energie")
    namen = bestandsnamen(store.wijken(db))
    maak_rapporten(db, map_ / "uit", parallel=1)
    return map_, namen


def test_wijk_name_never_escapes_the_report_folder(
    vreemde_namen: tuple[Path, dict[str, str]],
) -> None:
    map_, namen = vreemde_namen
    assert namen["../../buiten"] == "buiten"
    gemaakt = sorted(p.relative_to(map_).as_posix() for p in map_.rglob("*.html"))
    assert gemaakt == sorted(
        ["uit/index.html", "uit/lessen.html", *(f"uit/{s}.html" for s in namen.values())]
    )
    assert config.slug("../../buiten") == "buiten"


def test_script_breakers_in_figure_text_cannot_escape_the_script() -> None:
    import json

    from wijkanalyse.rapport.html import plotly_div

    kwaad = "</script><!--<script>&"
    div = plotly_div({"data": [{"type": "bar", "name": kwaad, "y": [1]}], "layout": {}})
    script = div.split("<script", 1)[1]
    assert script.count("</script>") == 1 and "<!--" not in script
    # and the text itself survives for plotly to show
    payload = script.split("Plotly.newPlot(", 1)[1].split(", ", 1)[1]
    assert json.loads(payload.split("}], ", 1)[0] + "}]")[0]["name"] == kwaad


def test_wijk_names_with_the_same_slug_get_their_own_report(
    vreemde_namen: tuple[Path, dict[str, str]],
) -> None:
    map_, namen = vreemde_namen
    assert len({namen[n] for n in ("Sint Jan", "Sint-Jan", "Ψ")}) == 3
    for naam, s in namen.items():
        assert f"Wijkanalyse {naam}" in (map_ / "uit" / f"{s}.html").read_text("utf-8")
    index = (map_ / "uit" / "index.html").read_text("utf-8")
    assert all(f'href="{s}.html"' in index for s in namen.values())
