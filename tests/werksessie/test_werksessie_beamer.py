"""The facilitator's room craft in real Voila and real Chromium: a facilitator, the beamer
page at 1280×720 and three participants, all offline (the werksessie server of
test_werksessie, started once for this module)."""

from __future__ import annotations

import pytest
from a11y import schendingen
from test_werksessie import Pagina, _deelnemer, _klik_score, sessie  # noqa: F401  (fixture)

from wijkanalyse import store
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import start

pytestmark = pytest.mark.slow
BEAMER = {"width": 1280, "height": 720}

#: Visible elements with text of their own in the beamer's results area smaller than 18 px
#: (plotly's SVG text included).
KLEINE_LETTERS = """() => {
  const uit = [];
  for (const el of document.querySelectorAll('#wa-resultaten *')) {
    if (!el.getClientRects().length) continue;
    const eigen = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!eigen) continue;
    const fs = parseFloat(getComputedStyle(el).fontSize);
    if (fs < 18) uit.push(el.tagName + ' ' + fs + 'px: ' + el.textContent.slice(0, 30));
  }
  return uit;
}"""


#: Text of the beamer's chart that the folded QR codes in the corner cover.
ONDER_QR = """() => {
  const q = document.getElementById('wa-qr').getBoundingClientRect();
  return [...document.querySelectorAll('#wa-grafiek text')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.width && r.right > q.left && r.left < q.right && r.bottom > q.top
      && r.top < q.bottom;
  }).map(t => t.textContent);
}"""


def _status(db, rid: int) -> str:
    con = opslag.verbind(db)
    try:
        return opslag.ronde(con, rid)["status"]
    finally:
        con.close()


def _stuur_in(p: Pagina, tekst: str) -> None:
    p.page.fill(".wa-voorstel-tekst input", tekst)
    p.page.click(".wa-insturen")
    p.page.wait_for_selector(f".wa-eigen >> text={tekst}", timeout=15_000)


def test_beamer_moderation_and_timer_with_five_browsers(sessie: start.Plan, browser) -> None:  # noqa: F811
    db, sid = sessie.db, sessie.sessie["id"]
    urls = sessie.deelnemer_urls()
    leider = Pagina(browser, {"width": 1400, "height": 1000})
    leider.page.goto(sessie.leider_url, timeout=90_000)
    leider.page.wait_for_selector("#rendered_cells .wa-beamer-link", timeout=90_000)
    beamer = Pagina(browser, BEAMER)
    beamer.page.goto(sessie.beamer_url, timeout=60_000)
    beamer.page.wait_for_selector("body[data-teller]", timeout=60_000)
    assert beamer.page.get_attribute("html", "lang") == "nl"
    ana = _deelnemer(browser, urls["bewoners"], "Ana")
    bo = _deelnemer(browser, urls["bewoners"], "Bo")
    piet = _deelnemer(browser, urls["projectteam"], "Piet", {"width": 1000, "height": 800})

    # The facilitator opens a collecting round: the beamer follows without a reload.
    rid = opslag.voeg_ronde_toe(db, sid, "opgaven", titel="Ideeën voor het plein")
    leider.page.wait_for_selector(".wa-ronde >> text=Ideeën voor het plein", timeout=10_000)
    leider.page.click(".wa-ronde:has-text('Ideeën voor het plein') .wa-openen")
    beamer.page.wait_for_selector(f"body[data-ronde='{rid}']", timeout=10_000)
    assert "Ideeën voor het plein" in beamer.page.inner_text("h1")
    for p in (ana, bo, piet):
        p.page.wait_for_selector(".wa-insturen", timeout=15_000)
    _stuur_in(ana, "Meer groen op het Hobbemaplein")
    _stuur_in(piet, "meer groen hobbemaplein")
    _stuur_in(bo, "Iets grofs over de buren")
    leider.page.click(".wa-ronde:has-text('Ideeën voor het plein') .wa-zichtbaar")
    ana.page.wait_for_selector(".wa-deelnemer >> text=Iets grofs over de buren", timeout=10_000)
    beamer.page.wait_for_selector("#wa-voorstellen >> text=Iets grofs", timeout=10_000)

    # Hidden: gone from the other participants' pages and from the beamer.
    leider.page.click(".wa-verberg[title='Verbergen: Iets grofs over de buren']")
    for p in (ana, piet):
        p.page.wait_for_selector("text=Iets grofs over de buren", state="detached", timeout=10_000)
        assert "Meer groen op het Hobbemaplein" in p.page.inner_text(".wa-deelnemer")
    beamer.page.wait_for_selector("#wa-voorstellen >> text=Iets grofs", state="detached")
    # ... and the one who proposed it reads, in "Uw voorstellen", what became of it.
    bo.page.wait_for_selector(".wa-eigen >> text=verborgen door de gespreksleider", timeout=10_000)

    # The likely duplicate is pointed out; merged, both proposers are kept.
    hint = leider.page.wait_for_selector(".wa-dubbel", timeout=10_000)
    assert "meer groen hobbemaplein" in hint.inner_text()
    leider.page.click(".wa-voeg-samen")
    leider.page.wait_for_selector(".wa-indieners >> text=van bewoners, projectteam", timeout=10_000)
    beamer.page.wait_for_selector("#wa-voorstellen >> text=(2×)", timeout=10_000)
    assert beamer.page.locator("#wa-voorstellen li").count() == 1
    ana.page.wait_for_selector("text=meer groen hobbemaplein", state="detached", timeout=10_000)
    con = opslag.verbind(db)
    zicht = opslag.zichtbare_voorstellen(opslag.voorstellen(con, sid, rid))
    con.close()
    assert [(v["tekst"], v["indieners"]) for v in zicht] == [
        ("Meer groen op het Hobbemaplein", [("bewoners", "Ana"), ("projectteam", "Piet")])
    ]
    piet.page.wait_for_selector(
        ".wa-eigen >> text=samengevoegd met “Meer groen op het Hobbemaplein”", timeout=10_000
    )
    # Reworded: Ana reads the new wording, and that it was changed from hers.
    rij = leider.page.locator(
        ".wa-moderatie", has=leider.page.locator(".wa-bewerk[title$='Hobbemaplein']")
    )
    rij.locator(".wa-voorstel-tekst input").fill("Meer groen en bankjes op het Hobbemaplein")
    rij.locator(".wa-bewerk").click()
    eigen = ana.page.locator(".wa-eigen-rij", has_text="aangepast door de gespreksleider")
    eigen.wait_for(timeout=10_000)
    assert "Meer groen en bankjes op het Hobbemaplein" in eigen.inner_text()
    assert "u schreef “Meer groen op het Hobbemaplein”" in eigen.inner_text()
    assert "verborgen" not in ana.page.inner_text(".wa-eigen")

    # A scoring round: the beamer follows the newly opened round and charts the answers.
    opg = store.opgaven(db, "Laak").head(2)
    srid = opslag.voeg_ronde_toe(
        db, sid, "scores", [("opgave", int(i)) for i in opg["id"]], "Scoren op het kader"
    )
    leider.page.click(".wa-ronde:has-text('Scoren op het kader') .wa-openen", timeout=10_000)
    beamer.page.wait_for_selector(f"body[data-ronde='{srid}']", timeout=10_000)
    for p, waarde in ((ana, 4), (bo, 2), (piet, 5)):
        p.page.wait_for_selector(".wa-kaart .wa-schaal", timeout=15_000)
        _klik_score(p, 0, 0, waarde)
        p.page.wait_for_selector(".wa-score-status >> text=opgeslagen", timeout=10_000)
    beamer.page.wait_for_selector(".wa-antwoorden >> text=3", timeout=10_000)
    beamer.page.wait_for_selector("#wa-grafiek .main-svg", timeout=10_000)
    balken = beamer.page.evaluate("document.getElementById('wa-grafiek')._fullData.length")
    assert balken == 3  # the totals, and one trace per group
    assert beamer.page.evaluate(KLEINE_LETTERS) == []
    assert beamer.page.evaluate(ONDER_QR) == []  # the score axis' title clear of the QR codes
    assert schendingen(beamer.page) == []
    groot = beamer.page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.wa-vraag')).fontSize)"
    )
    assert groot >= 24
    # The QR codes folded in a corner, large on the facilitator's request.
    klein = beamer.page.locator("#wa-qr svg").first.bounding_box()
    assert klein["width"] <= 120
    leider.page.click(".wa-beamer-qr")
    beamer.page.wait_for_selector("#wa-qr.wa-groot", timeout=10_000)
    assert beamer.page.locator("#wa-qr svg").first.bounding_box()["width"] >= 200
    leider.page.click(".wa-beamer-qr")
    beamer.page.wait_for_selector("#wa-qr:not(.wa-groot)", timeout=10_000)
    # The same page on a 1920×1080 projector: the chart takes the wider screen, no text
    # smaller than 18 px, the folded QR codes clear of the chart, still accessible.
    beamer.page.set_viewport_size({"width": 1920, "height": 1080})
    beamer.page.wait_for_function(
        "document.querySelector('#wa-grafiek .main-svg').getBoundingClientRect().width > 1400",
        polling=100,
        timeout=10_000,
    )
    assert beamer.page.evaluate(KLEINE_LETTERS) == []
    assert beamer.page.evaluate(ONDER_QR) == []
    assert schendingen(beamer.page) == []
    assert beamer.page.evaluate("document.documentElement.scrollWidth") <= 1920

    # A timer that closes the round: shown on the beamer and the phones, closed by the server.
    leider.page.fill(".wa-timer-minuten input", "0.2")
    leider.page.click(".wa-timer-start")
    beamer.page.wait_for_selector("#wa-klok:not(:empty)", timeout=10_000)
    ana.page.wait_for_selector(".wa-klok >> text=sluit de ronde vanzelf", timeout=10_000)
    for p in (ana, bo, piet):
        p.page.wait_for_selector("text=Deze ronde is gesloten", timeout=30_000)
    assert _status(db, srid) == "gesloten"
    beamer.page.wait_for_selector(".wa-status >> text=gesloten", timeout=10_000)
    # The facilitator puts an earlier round on the beamer.
    leider.page.select_option(".wa-beamer-ronde select", label="Ronde 1: Ideeën voor het plein")
    beamer.page.wait_for_selector(f"body[data-ronde='{rid}']", timeout=10_000)

    for p in (leider, beamer, ana, bo, piet):
        assert p.geblokkeerd == [], p.geblokkeerd
        assert p.fouten == [], p.fouten
        p.close()
