"""The werksessie's question types in real Voila and headless Chromium: the facilitator opens
a stemmen, a pairwise, a 100-points, a 2×2 and an opnieuw-scoren round, three participants
(two on phones) answer, and the facilitator's page and the beamer (1280×720) show the results,
checked by hand. On the way the facilitator edits, moves, duplicates and deletes rounds (one
with answers only after the Dutch question), and the phones read a closed round's result."""

from __future__ import annotations

import pytest
from a11y import schendingen
from test_werksessie import (  # noqa: F401  (sessie: the fixture)
    TELEFOON,
    Pagina,
    _breedte_ok,
    _deelnemer,
    _klik_score,
    sessie,
)
from test_werksessie_beamer import BEAMER, KLEINE_LETTERS, ONDER_QR

from wijkanalyse import store
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import start

pytestmark = pytest.mark.slow
AS_X, AS_Y = "Effect voor bewoners", "Snel te doen"


def _kies(leider: Pagina, soort: str, labels: list[str]) -> None:
    leider.page.select_option(".wa-nieuwe-ronde select >> nth=0", label=soort)
    keuze = leider.page.locator(".wa-nieuwe-ronde select").nth(1)
    keuze.locator("option", has_text=labels[0]).first.wait_for(timeout=5000)
    keuze.select_option(label=labels)


def _nieuwe_ronde(leider: Pagina, soort: str, labels: list[str]) -> None:
    _kies(leider, soort, labels)
    leider.page.click(".wa-ronde-toevoegen")
    leider.page.locator(".wa-ronde").last.locator(".wa-openen").click(timeout=10_000)


def _ronde(leider: Pagina, tekst: str):
    return leider.page.locator(".wa-ronde", has_text=tekst)


def _agenda(leider: Pagina) -> list[str]:
    return [
        t.split(" — ")[0]
        for t in leider.page.locator(".wa-ronde .widget-html strong").all_inner_texts()
    ]


def _open_titel(db, sid: int) -> str:
    con = opslag.verbind(db)
    try:
        return opslag.open_ronde(con, sid)["titel"]
    finally:
        con.close()


def _beamer_toont(
    beamer: Pagina, titel: str, antwoorden: int, vraag: str = "", teken: str = ".bars"
) -> dict:
    """The beamer shows the open round's title and question, that all three answered (and
    how many answers), and a drawn chart in large type, offline and axe-clean; returns the
    chart's traces (x, y, name) and its axes' titles."""
    beamer.page.wait_for_selector(f"h1:has-text('{titel}')", timeout=10_000)
    assert vraag in beamer.page.inner_text(".wa-vraag")
    beamer.page.wait_for_selector(".wa-geantwoord >> text=3 van 3", timeout=10_000)
    beamer.page.wait_for_function(
        f"document.querySelector('.wa-antwoorden').innerText === '{antwoorden}'",
        polling=100,
        timeout=10_000,
    )
    beamer.page.wait_for_selector(f"#wa-grafiek .main-svg {teken}", timeout=10_000)
    assert beamer.page.evaluate(KLEINE_LETTERS) == []
    assert beamer.page.evaluate(ONDER_QR) == []
    assert schendingen(beamer.page) == []
    assert beamer.geblokkeerd == []
    return beamer.page.evaluate(
        "(() => { const g = document.getElementById('wa-grafiek');"
        " const t = a => (g._fullLayout[a] && g._fullLayout[a].title || {}).text;"
        " return {sporen: g._fullData.map(d => ({x: Array.from(d.x), y: Array.from(d.y),"
        " naam: d.name, tekst: d.text ? Array.from(d.text) : []})),"
        " x: Array.from(g._fullData[0].x), y: Array.from(g._fullData[0].y),"
        " as_x: t('xaxis'), as_y: t('yaxis')}; })()"
    )


def _punten(p: Pagina, waarden: tuple[int, ...]) -> None:
    velden = p.page.locator(".wa-punten input")
    for i, x in enumerate(waarden):
        velden.nth(i).fill(str(x))
        velden.nth(i).press("Tab")
    p.page.wait_for_selector(f".wa-som >> text=Samen: {sum(waarden)} van 100", timeout=10_000)
    p.page.click(".wa-punten .wa-opslaan")


def _plaats(p: Pagina, onderwerp: int, x: int, y: int) -> None:
    kaart = p.page.locator(".wa-plaats").nth(onderwerp)
    kaart.locator(".wa-as-1 button", has_text=str(x)).click()
    kaart.locator(".wa-vraag-status", has_text=f"{AS_X} {x} voor").wait_for(timeout=10_000)
    kaart.locator(".wa-as-2 button", has_text=str(y)).click()
    kaart.locator(".wa-vraag-status", has_text=f"{AS_Y} {y} voor").wait_for(timeout=10_000)


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
        polling=100,
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

    # 100 punten: a total other than 100 is refused in Dutch, then the right one is kept.
    _nieuwe_ronde(leider, "Gewichten: 100 punten verdelen", [f"Criterium: {n}" for n in naam])
    for p in (ana, bo, piet):
        p.page.wait_for_selector(".wa-punten input", timeout=10_000)
        assert p.page.locator(".wa-punten input").count() == 3
    _punten(ana, (50, 30, 30))
    ana.page.wait_for_selector(".wa-punten >> text=(10 te veel)", timeout=10_000)
    ana.page.wait_for_selector(
        ".wa-fout >> text=Uw punten tellen op tot 110; het moeten er precies 100 zijn. "
        "Haal er 10 weg.",
        timeout=10_000,
    )
    _punten(ana, (50, 30, 20))
    # Mean points by hand: (50+40+30)/3 = 40, (30+40+35)/3 = 35, (20+20+35)/3 = 25.
    _punten(bo, (40, 40, 20))
    _punten(piet, (30, 35, 35))
    for p in (ana, bo, piet):
        p.page.wait_for_selector(".wa-punten >> text=Uw verdeling is opgeslagen", timeout=10_000)
    assert schendingen(ana.page) == [] and _breedte_ok(ana, TELEFOON["width"]) == []
    titel = _open_titel(db, sessie.sessie["id"])
    grafiek = _beamer_toont(beamer, titel, 9, "Verdeel 100 punten over de criteria")
    alle, bewoners, projectteam = grafiek["sporen"]
    assert (alle["naam"], alle["x"], alle["y"]) == ("Alle groepen", naam, [40, 35, 25])
    assert (bewoners["naam"], bewoners["y"]) == ("bewoners", [45, 35, 20])  # Ana and Bo
    assert (projectteam["naam"], projectteam["y"]) == ("projectteam", [30, 35, 35])
    # Closed, with its results shown: the phones read the mean points.
    punten_rij = _ronde(leider, "3. Gewichten: 100 punten")
    punten_rij.locator(".wa-sluiten").click()
    # the closed round's row is drawn anew (its buttons change): click on the new one
    punten_rij.locator(".wa-sluiten").wait_for(state="detached", timeout=10_000)
    punten_rij.locator(".wa-zichtbaar").click()
    for p in (ana, piet):
        p.page.wait_for_selector("text=Resultaten van deze ronde", timeout=10_000)
        uitslag = p.page.inner_text(".wa-uitslag")
        for n, gem in zip(naam, ("40,0", "35,0", "25,0"), strict=True):
            assert f"{n}: {gem} punten" in uitslag

    # 2×2 on axes the facilitator names; planned, it is edited, moved, duplicated, and the
    # copy without answers deleted at once.
    opg2 = store.opgaven(db, "Laak")["titel"].iloc[3:5].tolist()
    _kies(leider, "2×2: onderwerpen op twee assen plaatsen", [f"Opgave: {opg2[0]}"])
    leider.page.fill(".wa-instellingen input >> nth=0", AS_X)
    leider.page.fill(".wa-instellingen input >> nth=1", AS_Y)
    leider.page.fill(".wa-ronde-titel input", "Plaatsen")
    leider.page.click(".wa-ronde-toevoegen")
    _ronde(leider, "4. Plaatsen").locator(".wa-wijzig").click(timeout=10_000)
    leider.page.wait_for_selector(".wa-nieuwe-ronde >> text=Ronde 4 wijzigen", timeout=10_000)
    leider.page.locator(".wa-nieuwe-ronde select").nth(1).select_option(
        label=[f"Opgave: {t}" for t in opg2]
    )
    leider.page.fill(".wa-ronde-titel input", "Effect en tempo")
    leider.page.click(".wa-ronde-toevoegen")
    _ronde(leider, "4. Effect en tempo").locator(".wa-eerder").click(timeout=10_000)
    _ronde(leider, "3. Effect en tempo").locator(".wa-dupliceer").click(timeout=10_000)
    _ronde(leider, "5. Effect en tempo (kopie)").wait_for(timeout=10_000)
    assert _agenda(leider) == [
        "1. Stemmen (stippen of duimpjes)",
        "2. Gewichten: criteria paarsgewijs vergelijken",
        "3. Effect en tempo",
        "4. Gewichten: 100 punten verdelen",
        "5. Effect en tempo (kopie)",
    ]
    con = opslag.verbind(db)
    try:
        kopie = opslag.rondes(con, sessie.sessie["id"])[-1]
    finally:
        con.close()
    assert kopie["instellingen"] == {"as_x": AS_X, "as_y": AS_Y} and len(kopie["onderwerpen"]) == 2
    _ronde(leider, "5. Effect en tempo (kopie)").locator(".wa-verwijder").click()
    _ronde(leider, "Effect en tempo (kopie)").wait_for(state="detached", timeout=10_000)
    assert leider.page.locator(".wa-vraag-verwijderen").count() == 0
    _ronde(leider, "3. Effect en tempo").locator(".wa-openen").click()
    for p in (ana, bo, piet):
        p.page.wait_for_selector(".wa-plaats", timeout=10_000)
        assert AS_X in p.page.inner_text(".wa-tweebijtwee-uitleg")
    # Mean places by hand: first (5+4+3)/3 = 4 by (4+5+3)/3 = 4; second 2 by 2.
    for p, plaatsen in ((ana, ((5, 4), (2, 1))), (bo, ((4, 5), (1, 2))), (piet, ((3, 3), (3, 3)))):
        for i, (x, y) in enumerate(plaatsen):
            _plaats(p, i, x, y)
    assert schendingen(bo.page) == [] and _breedte_ok(bo, TELEFOON["width"]) == []
    grafiek = _beamer_toont(beamer, "Effect en tempo", 6, AS_X, ".scatterlayer .point")
    assert (grafiek["as_x"], grafiek["as_y"]) == (AS_X, AS_Y)
    (punten,) = grafiek["sporen"]
    assert list(zip(punten["tekst"], punten["x"], punten["y"], strict=True)) == [
        (opg2[0], 4, 4),
        (opg2[1], 2, 2),
    ]
    assert beamer.page.locator("#wa-grafiek .scatterlayer .point").count() == 2

    # Opnieuw scoren: a scoring round on three opgaven, criterium 1; spreads by hand
    # (population standard deviation): A 1, 5, 3 -> 1.63; B 2, 4, 4 -> 0.94; C 3, 3, 2 ->
    # 0.47. The facilitator asks for the two largest: A and B, scored again on the phones.
    opg3 = store.opgaven(db, "Laak").head(3)
    sid = sessie.sessie["id"]
    bron = opslag.voeg_ronde_toe(
        db, sid, "scores", [("opgave", int(i)) for i in opg3["id"]], "Eerste scores"
    )
    opslag.zet_ronde_status(db, bron, "open")
    con = opslag.verbind(db)
    try:
        tokens = dict(con.execute("SELECT naam, token FROM deelnemers WHERE sessie_id = ?", (sid,)))
        cid = opslag.criteria(con, sessie.sessie["wijk_id"])[0]["id"]
    finally:
        con.close()
    for wie, waarden in (("Ana", (1, 2, 3)), ("Bo", (5, 4, 3)), ("Piet", (3, 4, 2))):
        for o, x in zip(opg3["id"], waarden, strict=True):
            opslag.zet_score(db, tokens[wie], sid, bron, "opgave", int(o), cid, x)
    aantal = _ronde(leider, "Eerste scores").locator(".wa-opnieuw-aantal input")
    assert aantal.input_value() == "3"
    aantal.fill("2")
    aantal.press("Tab")
    _ronde(leider, "Eerste scores").locator(".wa-opnieuw").click()
    nieuw = "Opnieuw scoren: de 2 grootste verschillen uit ronde 5"
    _ronde(leider, nieuw).locator(".wa-openen").click(timeout=10_000)
    assert _agenda(leider)[-2:] == ["5. Eerste scores", f"6. {nieuw}"]  # the old one kept
    for p, waarden in ((ana, (4, 2)), (bo, (4, 3)), (piet, (5, 2))):
        p.page.wait_for_selector(f".wa-status >> text={nieuw}", timeout=15_000)
        assert p.page.locator(".wa-kaart").count() == 2
        for kaart, x in enumerate(waarden):
            _klik_score(p, kaart, 0, x)
        p.page.wait_for_selector(".wa-score-status >> text=opgeslagen", timeout=10_000)
    grafiek = _beamer_toont(beamer, nieuw, 6, "Scoor opnieuw")
    totaal, *groepen = grafiek["sporen"]
    assert sorted(totaal["y"]) == sorted(opg3["titel"].head(2))  # A and B, not C
    # How often each score 1–5 was given, per group, by hand: bewoners 4, 2, 4, 3;
    # projectteam 5, 2.
    assert {g["naam"]: g["y"] for g in groepen} == {
        "bewoners": [0, 1, 1, 2, 0],
        "projectteam": [0, 1, 0, 0, 1],
    }

    # A round with answers goes only after the Dutch question that counts them.
    _ronde(leider, "1. Stemmen").locator(".wa-verwijder").click()
    vraag = leider.page.wait_for_selector(".wa-vraag-verwijderen", timeout=10_000)
    assert vraag.inner_text() == (
        "Ronde 1 (Stemmen (stippen of duimpjes)) heeft 5 antwoorden. Die worden met de ronde "
        "verwijderd. Weet u het zeker?"
    )
    leider.page.click("button:has-text('Nee, laten staan')")
    leider.page.wait_for_selector(".wa-vraag-verwijderen", state="detached", timeout=10_000)
    assert _agenda(leider)[0] == "1. Stemmen (stippen of duimpjes)"
    _ronde(leider, "1. Stemmen").locator(".wa-verwijder").click()
    leider.page.click(".wa-verwijder-ja:has-text('Ja, ronde en 5 antwoorden verwijderen')")
    _ronde(leider, "Stemmen (stippen").wait_for(state="detached", timeout=10_000)
    assert _agenda(leider)[0] == "1. Gewichten: criteria paarsgewijs vergelijken"
    con = opslag.verbind(db)
    try:
        assert con.execute("SELECT count(*) FROM antwoorden").fetchone()[0] == 9 + 9 + 6
    finally:
        con.close()
    for p in (leider, beamer, ana, bo, piet):
        assert p.geblokkeerd == [] and p.page.evaluate("window.__xss") is None
        p.close()
