"""A report a wethouder can send: the summary first, and printed (Chromium, A4) with no word
broken inside a cell and the kansen, bedreigingen and interventies on paper; a workspace's
reports never land on the demo's overview.

One report and one PDF for the whole module, made the way a user does: ``wijkanalyse rapport
--werkruimte X --pdf``, from another folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wijkanalyse import store
from wijkanalyse.core import config
from wijkanalyse.rapport.pdf import (
    _WOORDEN_JS,
    afgebroken_woorden,
    pagina_aantal,
    pdf_tekst,
    woorden,
)

LANGE_REDEN = (
    "De stuurgroep koos dit op 6 december 2026 omdat de woningcorporatie meeliftend wil "
    "investeren en de bewoners het in de wijkavond belangrijk vonden."
)


def _staat(map_: Path) -> dict[str, tuple[int, int]]:
    """Every file directly in a folder with its size and modification time."""
    if not map_.is_dir():
        return {}
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in map_.iterdir()}


@pytest.fixture(scope="module")
def gedrukt(_demo_sjabloon: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    map_ = tmp_path_factory.mktemp("werkruimten")
    db = map_ / "deventer.sqlite"
    shutil.copy(_demo_sjabloon, db)
    o = store.opgaven(db, "Laak").set_index("titel")["id"]
    k = store.koppelingen(db, "Laak")["id"]
    besluiten = [
        ("opgave", o.iloc[0], "gekozen", LANGE_REDEN, "Stuurgroep", "2026-12-06"),
        (
            "opgave",
            o.iloc[1],
            "niet gekozen",
            "Geen capaciteit bij de gemeente.",
            "Wethouder",
            None,
        ),
        ("koppeling", k.iloc[0], "gekozen", "Samen graven scheelt overlast.", "Projectteam", None),
    ]
    for soort, oid, besluit, reden, door, datum in besluiten:
        store.leg_besluit_vast(db, "Laak", soort, int(oid), besluit, reden, door=door, datum=datum)
    elders = tmp_path_factory.mktemp("elders")  # the user's own folder, not the repository
    demo_voor = _staat(config.REPORTS_DIR)
    pad = os.pathsep.join([str(config.REPO_DIR), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": pad}
    r = subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", "rapport", "--werkruimte", str(db),
         "--wijk", "Laak", "--pdf", "--parallel", "1"],
        cwd=elders, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    return {
        "uit": map_ / "deventer-rapporten",
        "stdout": r.stdout,
        "demo_voor": demo_voor,
        "demo_na": _staat(config.REPORTS_DIR),
        "elders": elders,
        "o": o,
    }


def test_reports_of_another_workspace_leave_the_demo_overview_alone(gedrukt: dict) -> None:
    uit = gedrukt["uit"]
    assert (uit / "laak.html").exists() and (uit / "index.html").exists()
    assert (uit / "rapporten.json").exists()
    assert gedrukt["demo_na"] == gedrukt["demo_voor"]  # reports/ of the repository untouched
    assert list(gedrukt["elders"].iterdir()) == []  # nor anything in the folder it ran from
    assert f"Overzicht: {uit / 'index.html'}" in gedrukt["stdout"]


def test_the_pdf_has_no_broken_words_and_holds_kansen_and_interventies(
    gedrukt: dict, browser
) -> None:
    pdf = gedrukt["uit"] / "laak.pdf"
    assert pdf.exists() and "PDF laak.pdf" in gedrukt["stdout"]
    assert 4 <= pagina_aantal(pdf) <= 20
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        page.goto((gedrukt["uit"] / "laak.html").as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        pagina_woorden = set(woorden(page.evaluate(_WOORDEN_JS)))
        # on paper (A4 less the margins: 186 mm, 703 px) every table fits the width
        page.set_viewport_size({"width": 703, "height": 1000})
        page.emulate_media(media="print")
        te_breed = page.evaluate(
            "() => [...document.querySelectorAll('table')].filter(t => t.offsetParent && "
            "t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.rows[0].innerText)"
        )
    finally:
        page.close()
    tekst = pdf_tekst(pdf)
    assert afgebroken_woorden(tekst, pagina_woorden) == []
    assert te_breed == []
    platte = " ".join(tekst.split())
    # kansen, bedreigingen and interventies are printed, each pair under its own heading
    assert "Alle kansen en bedreigingen, met hun interventies" in platte
    assert "Graafkosten worden gedeeld" in platte and "bedreiging" in platte
    assert "Eigenaar interventie" in platte or "Eigenaar" in platte
    # the decisions in the printed summary, whole: reason, date and who
    assert "Stuurgroep" in platte and "06-12-2026" in platte
    assert "meeliftend wil investeren" in platte
    # no commands or file names for the team in a wethouder's report
    assert "cbs_signalen.csv" not in platte and "wijkanalyse cbs" not in platte


def test_the_report_opens_with_the_summary(gedrukt: dict) -> None:
    tekst = pdf_tekst(gedrukt["uit"] / "laak.pdf")
    eerste = " ".join(tekst.split("\f")[0].split())
    assert "Samenvatting" in eerste and "Wijkprofiel" not in eerste  # a page of its own
    for kop in ("Besluiten", "Gekozen koppelkansen", "Capaciteit", "Nog open"):
        assert kop in eerste
    assert LANGE_REDEN[:40] in eerste and "Geen capaciteit bij de gemeente." in eerste
    assert "Nog geen koppeling gekozen" not in eerste  # the chosen koppeling is named
    assert "1 opgave gekozen; de capaciteit is 4" in eerste
    assert tekst.index("Samenvatting") < tekst.index("Wijkprofiel: CBS-kerncijfers")


def test_broken_words_are_counted() -> None:
    """The counter finds what Chromium did before: 'geko|zen', '06-|12-|2026', 'Stuurgro|ep'
    and a hyphen it added itself, but not text wrapped between words or after a compound's
    own hyphen."""
    pagina = {"gekozen", "06-12-2026", "Stuurgroep", "meeliftend", "CBS-regio", "niet", "de"}
    tekst = "geko   06-    Stuurgro   mee-\nzen    12-    ep         liftend\n       2026"
    assert sorted(afgebroken_woorden(tekst, pagina)) == sorted(
        ["gekozen", "06-12-2026", "Stuurgroep", "meeliftend"]
    )
    assert afgebroken_woorden("niet de CBS-\nregio", pagina) == []


def test_without_playwright_the_pdf_is_refused_in_dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    from wijkanalyse.core.errors import WijkanalyseFout
    from wijkanalyse.rapport import pdf

    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # as if not installed
    with pytest.raises(WijkanalyseFout, match=r'pip install "wijkanalyse\[pdf\]"'):
        pdf.maak_pdf(Path("rapport.html"))
