"""The werksessie's question types in real Voila and headless Chromium: the facilitator opens
a stemmen round and a pairwise round, three participants (two on phones) answer, and the
facilitator's page shows the counts and the weights with their consistency."""

from __future__ import annotations

import pytest
from a11y import schendingen
from test_werksessie import TELEFOON, Pagina, _breedte_ok, _deelnemer, sessie  # noqa: F401
from test_werksessie_beamer import BEAMER, KLEINE_LETTERS

from wijkanalyse import store
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import start

pytestmark = pytest.mark.slow


def _nieuwe_ronde(leider: Pagina, soort: str, labels: list[str]) -> None:
    leider.page.select_option(".wa-nieuwe-ronde select >> nth=0", label=soort)
    keuze = leider.page.locator(".wa-nieuwe-ronde select").nth(1)
    keuze.locator("option", has_text=labels[0]).first.wait_for(timeout=5000)
    keuze.select_option(label=labels)
    leider.page.click(".wa-ronde-toevoegen")
    leider.page.locator(".wa-ronde").last.locator(".wa-openen").click(timeout=10_000)


def _open_titel(db, sid: int) -> str:
    con = opslag.verbind(db)
    try:
        return opslag.open_ronde(con, sid)["titel"]
    finally:
        con.close()


def _beamer_toont(beamer: Pagina, titel: str, antwoorden: int) -> dict:
    """The beamer shows the open round's title, that all three answered (and how many
    answers), and a drawn chart in large type; returns the chart's first trace."""
    beamer.page.wait_for_selector(f"h1:has-text('{titel}')", timeout=10_000)
    beamer.page.wait_for_selector(".wa-geantwoord >> text=3 van 3", timeout=10_000)
    assert beamer.page.inner_text(".wa-antwoorden") == str(antwoorden)
    beamer.page.wait_for_selector("#wa-grafiek .main-svg .bars", timeout=10_000)
    assert beamer.page.evaluate(KLEINE_LETTERS) == []
    return beamer.page.evaluate(
        "(() => { const d = document.getElementById('wa-grafiek')._fullData[0];"
        " return {x: Array.from(d.x), y: Array.from(d.y)}; })()"
    )


def _stip(p: Pagina, onderwerp: int, n: int) -> None:
    p.page.locator(".wa-stem").nth(onderwerp).locator("button", has_text=str(n)).click()


def test_voting_and_pairwise_rounds_live_on_the_facilitators_page(
    sessie: start.Plan,  # noqa: F811
    browser,
) -> None:
    db = sessie.db
    urls = sessie.deelnemer_urls()
    leider = Pagina(browser, {"width": 1400, "height": 1000})
    leider.page.goto(sessie.leider_url, timeout=90_000)
    leider.page.wait_for_selector("#rendered_cells .wa-groep svg", timeout=90_000)
    ana = _deelnemer(browser, urls["bewoners"], "Ana")
    bo = _deelnemer(browser, urls["bewoners"], "Bo")
    piet = _deelnemer(browser, urls["projectteam"], "Piet", {"width": 1200, "height": 900})
    beamer = Pagina(browser, BEAMER)
    beamer.page.goto(sessie.beamer_url, timeout=60_000)
    beamer.page.wait_for_selector("body[data-teller]", timeout=60_000)

    # Stemmen: three dots each on three opgaven.
    opg = store.opgaven(db, "Laak")["titel"].head(3).tolist()
    _nieuwe_ronde(leider, "Stemmen (stippen of duimpjes)", [f"Opgave: {t}" for t in opg])
    for p in (ana, bo, piet):
        p.page.wait_for_selector(".wa-stemmen >> text=nog 3 over", timeout=10_000)
        assert p.page.locator(".wa-stem").count() == 3
    _stip(ana, 0, 2)
    ana.page.wait_for_selector(".wa-stemmen >> text=nog 1 over", timeout=10_000)
    # by keyboard, as on a phone with a keyboard or a switch
    ana.page.locator(".wa-stem").nth(1).locator("button", has_text="1").focus()
    ana.page.keyboard.press("Enter")
    ana.page.wait_for_selector(".wa-stemmen >> text=nog 0 over", timeout=10_000)
    _stip(ana, 2, 1)  # one too many: refused in Dutch, the buttons back as they were
    ana.page.wait_for_selector("text=nog 0 over. Haal eerst stippen weg", timeout=10_000)
    assert "mod-active" not in (
        ana.page.locator(".wa-stem").nth(2).locator("button", has_text="1").get_attribute("class")
    )
    _stip(bo, 0, 3)
    _stip(piet, 1, 1)
    _stip(piet, 2, 2)
    piet.page.wait_for_selector(".wa-stemmen >> text=nog 0 over", timeout=10_000)
    bo.page.wait_for_selector(".wa-stemmen >> text=nog 0 over", timeout=10_000)
    # The facilitator's page counts them live: 5, 2, 2, with the top three in bold.
    leider.page.wait_for_selector(".wa-stemmen tr.wa-top >> text=5", timeout=10_000)
    leider.page.wait_for_function(
        "[...document.querySelectorAll('.wa-stemmen tbody tr td:nth-child(3)')]"
        ".map(td => td.innerText.trim()).join() === '5,2,2'",
        timeout=10_000,
    )
    rijen = leider.page.locator(".wa-stemmen tbody tr").all_inner_texts()
    assert [r.split("\t")[1] for r in rijen] == opg
    assert [r.split("\t")[2].strip() for r in rijen] == ["5", "2", "2"]
    assert schendingen(ana.page) == [] and _breedte_ok(ana, TELEFOON["width"]) == []
    # The beamer: the round's title, 3 of 3 answered (5 answers), bars with the counts.
    titel = _open_titel(db, sessie.sessie["id"])
    balken = _beamer_toont(beamer, titel, 5)
    assert sorted(zip(balken["y"], balken["x"], strict=True)) == sorted(
        zip(opg, [5, 2, 2], strict=True)
    )

    # Gewichten: pairwise comparison of three criteria.
    crit = store.criteria(db, "Laak")
    naam = crit["naam"].head(3).tolist()
    oud = dict(zip(crit["id"], crit["gewicht"], strict=True))
    _nieuwe_ronde(
        leider, "Gewichten: criteria paarsgewijs vergelijken", [f"Criterium: {n}" for n in naam]
    )
    klassiek = [f"{naam[0]}: 3× zo belangrijk", f"{naam[0]}: 5× zo belangrijk"]
    klassiek.append(f"{naam[1]}: 3× zo belangrijk")
    rond = [f"{naam[0]}: 9× zo belangrijk", f"{naam[2]}: 9× zo belangrijk"]
    rond.append(f"{naam[1]}: 9× zo belangrijk")
    for p, oordelen in ((ana, klassiek), (bo, rond), (piet, klassiek)):
        p.page.wait_for_selector(".wa-paar select", timeout=10_000)
        keuzes = p.page.locator(".wa-paar select")
        assert keuzes.count() == 3
        for i, label in enumerate(oordelen):
            keuzes.nth(i).select_option(label=label)
        p.page.click(".wa-paar .wa-opslaan")
        p.page.wait_for_selector(".wa-paar >> text=Uw gewichten", timeout=10_000)
    # Saaty's example (see test_werksessie_vragen): 63,7 %, CR 0,03; the circle: a hint.
    assert "63,7 %" in ana.page.inner_text(".wa-paar")
    assert "Consistentie-ratio 0,03" in ana.page.inner_text(".wa-paar")
    assert "spreken elkaar tegen" in bo.page.inner_text(".wa-paar")
    assert schendingen(bo.page) == [] and _breedte_ok(bo, TELEFOON["width"]) == []
    # The facilitator: the geometric mean of all three, per group, and one person's CR.
    leider.page.wait_for_selector(".wa-gewichten-groep >> text=3 personen", timeout=10_000)
    live = leider.page.inner_text(".wa-live")
    for waarde in ("54,1 %", "29,6 %", "16,2 %"):
        assert waarde in live
    assert "1 van 3 personen hebben een consistentie-ratio boven 0,10" in live
    assert "projectteam (1 persoon) — consistentie-ratio 0,03" in live
    # The beamer: the pairwise round, 3 of 3 answered (9 judgements), everyone's weights.
    titel = _open_titel(db, sessie.sessie["id"])
    balken = _beamer_toont(beamer, titel, 9)
    assert dict(zip(balken["x"], balken["y"], strict=True)) == dict(
        zip(naam, [54.1, 29.6, 16.2], strict=True)
    )

    # Adopted as the kader's weights, through the history; one undo restores them.
    leider.page.click(".wa-gewichten-overnemen")
    leider.page.wait_for_selector(
        "text=Gewichten overgenomen in het afwegingskader", timeout=10_000
    )
    nieuw = store.criteria(db, "Laak").set_index("naam")["gewicht"]
    assert [nieuw[n] for n in naam] == [54.1, 29.6, 16.2]
    assert store.historie(db, "Laak")["wat"].iloc[0].startswith("Gewichten overgenomen uit ronde 2")
    store.maak_ongedaan(db, "Laak")
    terug = store.criteria(db, "Laak")
    assert dict(zip(terug["id"], terug["gewicht"], strict=True)) == oud
    con = opslag.verbind(db)
    try:
        assert con.execute("SELECT count(*) FROM antwoorden").fetchone()[0] == 5 + 9
    finally:
        con.close()
    for p in (leider, beamer, ana, bo, piet):
        assert p.geblokkeerd == [] and p.page.evaluate("window.__xss") is None
        p.close()
