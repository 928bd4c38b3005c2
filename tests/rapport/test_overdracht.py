"""Overdracht: the handover dossier of a wijk, written by the command, read in Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from a11y import schendingen

from wijkanalyse import demo, store
from wijkanalyse.rapport.overdracht import SECTIES, lees_dossier, open_acties

NAAM = "../Laak <b>oud</b>"  # a wijk name that is no path and no markup


@pytest.fixture
def dossier_werkruimte(_demo_sjabloon: Path, tmp_path: Path) -> Path:
    """A demo wijk with an awkward name, besluiten, actions, a risk and terugblikken."""
    p = tmp_path / "overdracht.sqlite"
    shutil.copy(_demo_sjabloon, p)
    demo.bouw_wijk(p, NAAM, "Den Haag", 1000)
    k = store.koppelingen(p, NAAM)
    k1, k2 = int(k["id"].iloc[0]), int(k["id"].iloc[1])
    store.leg_besluit_vast(
        p, NAAM, "koppeling", k1, "gekozen", "Scheelt graafwerk", "Wethouder Jansen"
    )
    store.leg_besluit_vast(
        p, NAAM, "koppeling", k2, "niet gekozen", "Corporatie <script>x</script> haakte af", "Ans"
    )
    store.voeg_actie_toe(
        p, NAAM, "koppeling", k1, titel="Convenant kostenverdeling", eigenaar="Piet (netbeheer)",
        status="loopt", voortgang=40, deadline="01-03-2027",
    )  # fmt: skip
    store.voeg_actie_toe(p, NAAM, "koppeling", k1, titel="Bewonersavond", status="gereed")
    bedreiging = store.bedreigingen(p, NAAM)
    store.zet_risico(
        p, int(bedreiging["item_id"].iloc[0]), risico_kans=4, risico_impact=5,
        maatregel="Maandelijks overleg met het warmtebedrijf", herzien_op="01-02-2026",
    )  # fmt: skip
    for dag in ("01-09-2026", "01-10-2026", "01-11-2026", "01-12-2026"):
        store.voeg_terugblik_toe(
            p, NAAM, datum=dag, door="Fatima", volgens_plan="Planning gehaald",
            veranderd=f"Wethouder gewisseld ({dag})", geleerd="Eerder met bewoners praten",
        )  # fmt: skip
    return p


def test_dossier_from_the_command_has_every_section_offline_and_accessible(
    dossier_werkruimte: Path, tmp_path: Path, offline_pagina
) -> None:
    uit = tmp_path / "dossier"
    r = subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", "overdracht", "--wijk", NAAM.upper(),
         "--werkruimte", str(dossier_werkruimte), "--uitvoer", str(uit), "--pdf"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    # the wijk's name never becomes a path: both files inside the folder, a safe name
    assert sorted(p.name for p in uit.iterdir()) == [
        "overdracht-laak-b-oud-b.html",
        "overdracht-laak-b-oud-b.pdf",
    ]
    assert uit.joinpath("overdracht-laak-b-oud-b.pdf").read_bytes()[:5] == b"%PDF-"
    page = offline_pagina.page
    page.goto(uit.joinpath("overdracht-laak-b-oud-b.html").as_uri())
    assert page.get_attribute("html", "lang") == "nl"
    assert page.locator("h1").inner_text() == f"Overdrachtsdossier {NAAM}"  # escaped, shown
    koppen = page.locator("h2").all_inner_texts()
    assert [k.strip() for k in koppen] == [t for _s, t in SECTIES]
    tekst = page.locator("body").inner_text()

    def sectie(sid: str) -> str:
        return page.locator(".jp-OutputArea-output", has=page.locator(f"#{sid}")).inner_text()

    # the wijk in a page: the uitvoering's signals with their reasons (a review date passed)
    assert "herziening verlopen" in sectie("wijk")
    # besluiten with reasons and who decided; what was rejected and why (escaped)
    assert "Scheelt graafwerk" in sectie("besluiten") and "Wethouder Jansen" in tekst
    assert "Corporatie <script>x</script> haakte af" in sectie("afgewezen")
    # open actions with owners; the finished one is counted, not listed
    assert "Convenant kostenverdeling" in tekst and "Piet (netbeheer)" in tekst
    acties = sectie("acties")
    assert "1 open (gepland of lopend), 1 gereed" in acties and "Bewonersavond" not in acties
    # the bedreiging to watch, with its risk and review date
    bedreigingen = sectie("bedreigingen")
    assert "20 (4 × 5)" in bedreigingen and "Maandelijks overleg met het warmtebedrijf" in tekst
    # people: trekkers, owners, deciders
    mensen = sectie("mensen")
    assert "trekker van opgave" in mensen and "besloot over" in mensen
    assert "Piet (netbeheer)" in mensen and "schreef een terugblik" in mensen
    # the three latest terugblikken, newest first
    terug = sectie("terugblikken")
    assert terug.index("Wethouder gewisseld (01-12-2026)") < terug.index("(01-11-2026)")
    assert "(01-09-2026)" not in terug and "nog 1 eerdere terugblik" in terug
    # the history in the history's own words
    assert store.historie(dossier_werkruimte, NAAM)["wat"].iloc[0] in sectie("geschiedenis")
    assert offline_pagina.geblokkeerd == [] and offline_pagina.fouten == []
    assert schendingen(page) == []


def test_lessen_page_offline_and_accessible(dossier_werkruimte: Path, tmp_path, offline_pagina):
    from wijkanalyse.rapport.lessen import schrijf_lessen

    p = schrijf_lessen(tmp_path, dossier_werkruimte, werkruimte="w", gemaakt_op="7-12-2026")
    page = offline_pagina.page
    page.goto(p.as_uri())
    assert page.get_attribute("html", "lang") == "nl"
    assert "Scheelt graafwerk" not in page.locator("body").inner_text()  # chosen: no reason
    assert "Corporatie <script>x</script> haakte af" in page.locator("body").inner_text()
    assert offline_pagina.geblokkeerd == [] and schendingen(page) == []


def test_open_actions_earliest_deadline_first(dossier_werkruimte: Path) -> None:
    k1 = int(store.koppelingen(dossier_werkruimte, NAAM)["id"].iloc[0])
    store.voeg_actie_toe(
        dossier_werkruimte, NAAM, "koppeling", k1, titel="Eerst", deadline="01-01-2027"
    )
    store.voeg_actie_toe(dossier_werkruimte, NAAM, "koppeling", k1, titel="Zonder datum")
    a = open_acties(lees_dossier(dossier_werkruimte, NAAM))
    assert a["titel"].tolist() == ["Eerst", "Convenant kostenverdeling", "Zonder datum"]


def test_dashboard_button_offers_the_dossier_to_save(dossier_werkruimte: Path) -> None:
    import base64
    import html
    import re

    from wijkanalyse.model import open_wijk
    from wijkanalyse.widgets.dashboard import Dashboard

    d = Dashboard(open_wijk(NAAM, str(dossier_werkruimte)))
    d.overdracht.knop.click()
    link = d.overdracht.link.value
    assert 'download="overdracht-laak-b-oud-b.html"' in link
    pagina = base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1)).decode("utf-8")
    assert f"<h1>Overdrachtsdossier {html.escape(NAAM)}</h1>" in pagina
    assert "Convenant kostenverdeling" in pagina
    d.wijk.value = "Selwerd"  # another wijk: the old wijk's dossier is no longer offered
    assert d.overdracht.link.value == ""
