"""The werksessie in real Voila and real headless Chromium: one facilitator and three
participants (two on phone-sized screens), all offline, at the same time."""

from __future__ import annotations

import base64
import io
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from a11y import schendingen
from conftest import OfflinePagina

from wijkanalyse import store
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import start

pytestmark = pytest.mark.slow
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'
TELEFOON = {"width": 390, "height": 844}


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wacht_op_poort(poort: int, proc: subprocess.Popen, log: Path) -> None:
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None:
                pytest.fail(log.read_text())
            time.sleep(0.1)


@pytest.fixture(scope="module")
def sessie(_demo_sjabloon: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[start.Plan]:
    db = tmp_path_factory.mktemp("ws") / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    plan = start.plan(
        db, "laak", groepen=["bewoners", "projectteam"], poort=_vrije_poort(), deelnemers=4
    )
    plan.vul_na = 1  # the tests use more pages than the pool holds: refill at once
    plan.pool = 4  # at most four participant pages open at once (seven only slowed the tests)
    log = db.parent / "voila.log"
    plan.log = log
    with open(log, "w") as uit:
        proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
        try:
            _wacht_op_poort(plan.poort, proc, log)
            yield plan
        finally:
            proc.terminate()
            proc.wait(timeout=30)


class Pagina(OfflinePagina):
    def __init__(self, browser: object, viewport: dict | None = None) -> None:
        super().__init__(browser)
        if viewport:
            self.page.set_viewport_size(viewport)
        self.page.add_init_script("window.alert = () => { window.__xss = 1; };")


def _deelnemer(browser, url: str, naam: str, viewport=TELEFOON) -> Pagina:
    p = Pagina(browser, viewport)
    p.page.goto(url, timeout=90_000)
    p.page.wait_for_selector(".wa-naam input", timeout=90_000)
    if naam:
        p.page.fill(".wa-naam input", naam)
        p.page.click(".wa-meedoen")
    else:
        p.page.click(".wa-anoniem")
    p.page.wait_for_selector("text=U doet mee als", timeout=15_000)
    return p


def _scores(db: Path) -> list[tuple]:
    con = opslag.verbind(db)
    try:
        return con.execute(
            "SELECT d.naam, s.groep, s.onderwerp_id, s.criterium_id, s.waarde FROM scores s "
            "JOIN deelnemers d ON d.id = s.deelnemer_id ORDER BY s.id"
        ).fetchall()
    finally:
        con.close()


def _klik_score(p: Pagina, kaart: int, criterium: int, waarde: int) -> None:
    schaal = p.page.locator(".wa-kaart").nth(kaart).locator(".wa-schaal").nth(criterium)
    schaal.locator("button", has_text=str(waarde)).click()


def test_a_whole_scoring_round_with_four_browsers(sessie: start.Plan, browser) -> None:
    db = sessie.db
    urls = sessie.deelnemer_urls()
    leider = Pagina(browser, {"width": 1400, "height": 1000})
    leider.page.goto(sessie.leider_url, timeout=90_000)
    leider.page.wait_for_selector("#rendered_cells .wa-groep svg", timeout=90_000)
    assert leider.page.get_attribute("html", "lang") == "nl"
    # Three participants join at once: two on phones, one on a laptop, one of them anonymous.
    ana = _deelnemer(browser, urls["bewoners"], "Ana")
    anoniem = _deelnemer(browser, urls["bewoners"], "")
    piet = _deelnemer(browser, urls["projectteam"], "Piet", {"width": 1200, "height": 900})
    assert "Deelnemer 2" in anoniem.page.inner_text(".wa-deelnemer")
    # The join panel counts them without a reload.
    bewoners = ".wa-groep:has-text('bewoners') .wa-aantal >> text=2"
    leider.page.wait_for_selector(bewoners, timeout=5000)

    # The facilitator plans and opens a round on two opgaven.
    opg = store.opgaven(db, "Laak").head(2)
    crit = store.criteria(db, "Laak")
    soort = ".wa-nieuwe-ronde select >> nth=0"
    leider.page.select_option(soort, label="Scoren op het afwegingskader")
    keuze = leider.page.locator(".wa-nieuwe-ronde select").nth(1)
    keuze.locator("option").first.wait_for(timeout=5000)
    keuze.select_option(label=[f"Opgave: {t}" for t in opg["titel"]])
    leider.page.click(".wa-ronde-toevoegen")
    leider.page.click(".wa-openen", timeout=10_000)
    for p in (ana, anoniem, piet):
        p.page.wait_for_selector(".wa-kaart .wa-schaal", timeout=10_000)  # no reload
        assert p.page.locator(".wa-kaart").count() == 2
        assert p.page.locator(".wa-schaal").count() == 2 * len(crit)
        assert crit["betekenis_max"].iloc[0] in p.page.inner_text(".wa-kaart >> nth=0")
    # Nobody else's results while they are hidden.
    assert "Resultaten tot nu toe" not in ana.page.inner_text(".wa-deelnemer")

    _klik_score(ana, 0, 0, 2)
    _klik_score(ana, 0, 0, 5)  # changed her mind: replaces, never counts twice
    _klik_score(anoniem, 0, 0, 3)
    _klik_score(piet, 0, 0, 1)
    _klik_score(piet, 1, 1, 4)
    for p in (ana, anoniem, piet):
        p.page.wait_for_selector(".wa-score-status >> text=opgeslagen", timeout=10_000)
    piet.page.wait_for_function(
        "document.querySelectorAll('.wa-score-status .wa-ok').length >= 2",
        polling=100,
        timeout=10_000,
    )
    rijen = _scores(db)
    assert sorted(rijen) == sorted(
        [
            ("Ana", "bewoners", int(opg["id"].iloc[0]), int(crit["id"].iloc[0]), 5),
            ("Deelnemer 2", "bewoners", int(opg["id"].iloc[0]), int(crit["id"].iloc[0]), 3),
            ("Piet", "projectteam", int(opg["id"].iloc[0]), int(crit["id"].iloc[0]), 1),
            ("Piet", "projectteam", int(opg["id"].iloc[1]), int(crit["id"].iloc[1]), 4),
        ]
    )
    # The facilitator's live results: group means (bewoners (5+3)/2 = 4,0) and the gap.
    leider.page.wait_for_selector(".wa-gemiddelden >> text=4,0", timeout=5000)
    leider.page.wait_for_selector(".wa-live >> text=Grootste verschillen", timeout=5000)
    assert "Ana" not in leider.page.inner_text(".wa-live")  # names only when chosen
    leider.page.click(".wa-leider input[type=checkbox]")
    leider.page.wait_for_selector(".wa-live >> text=Ana", timeout=5000)

    # Results shown to participants only when the facilitator says so.
    leider.page.click(".wa-zichtbaar")
    ana.page.wait_for_selector("text=Resultaten tot nu toe", timeout=5000)
    assert "3,0 (3)" in ana.page.inner_text(".wa-deelnemer")  # (5 + 3 + 1) / 3

    # Closing the round locks every participant's form, with a Dutch message.
    leider.page.click(".wa-sluiten")
    for p in (ana, anoniem, piet):
        p.page.wait_for_selector("text=Deze ronde is gesloten", timeout=5000)
        assert p.page.locator(".wa-schaal button:not([disabled])").count() == 0
    assert len(_scores(db)) == 4

    # A reload is the same participant, not a new one.
    ana.page.reload()
    ana.page.wait_for_selector("text=U doet mee als", timeout=90_000)
    assert "Ana" in ana.page.inner_text(".wa-deelnemer")
    con = opslag.verbind(db)
    assert len(opslag.deelnemers(con, sessie.sessie["id"])) == 3

    # The export holds every answer.
    leider.page.click(".wa-export")
    link = leider.page.wait_for_selector("a[download]", timeout=20_000)
    data = base64.b64decode(link.get_attribute("href").split("base64,", 1)[1])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    rijen_xl = list(wb["Scores"].iter_rows(min_row=2, values_only=True))
    assert sorted((r[0], r[1], r[5]) for r in rijen_xl) == sorted(
        [
            ("bewoners", "Ana", 5),
            ("bewoners", "Deelnemer 2", 3),
            ("projectteam", "Piet", 1),
            ("projectteam", "Piet", 4),
        ]
    )
    assert {"Deelnemers", "Rondes", "Gemiddelden", "Rangschikking"} <= set(wb.sheetnames)

    for p in (leider, ana, anoniem, piet):
        assert p.geblokkeerd == [] and p.page.evaluate("window.__xss") is None
        p.close()


def test_participant_cannot_reach_facilitator_controls(sessie: start.Plan, browser) -> None:
    code = sessie.sessie["groepen"][0]["code"]
    basis = f"{sessie.basis_url}/voila/render/leider.ipynb"
    for url in (f"{basis}?groep={code}", f"{basis}?sleutel={code}"):
        p = Pagina(browser)
        p.page.goto(url, timeout=90_000)
        p.page.wait_for_selector(".wa-geen-toegang", timeout=90_000)
        tekst = p.page.inner_text("body")
        assert "Geen toegang" in tekst
        assert p.page.locator(".wa-openen, .wa-ronde-toevoegen, .wa-export").count() == 0
        assert sessie.sessie["sleutel"] not in p.page.content()
        assert p.page.get_attribute("html", "lang") == "nl" and schendingen(p.page) == []
        p.close()
    deelnemer = _deelnemer(browser, sessie.deelnemer_urls()["projectteam"], "Kim")
    assert sessie.sessie["sleutel"] not in deelnemer.page.content()
    deelnemer.close()


def test_error_pages_are_dutch_accessible_and_offline(sessie: start.Plan, browser) -> None:
    """An unknown address, a link with an unknown group code, a page that does not exist, a
    request the page does not take (405) and a server fault (500): a Dutch page with
    lang="nl", axe-core clean, nothing loaded from elsewhere; the API keeps JSON."""
    from wijkanalyse.server.voila import foutpagina_html

    basis = sessie.basis_url
    verwacht = {
        f"{basis}/nergens": (404, "Pagina niet gevonden"),
        f"{basis}/voila/render/bestaat-niet.ipynb": (404, "Pagina niet gevonden"),
        f"{basis}/voila/render/deelnemer.ipynb?groep=onbekend": (404, "Onbekende groep"),
        f"{basis}/voila/render/deelnemer.ipynb": (404, "Onbekende groep"),
    }
    p = Pagina(browser, TELEFOON)
    for url, (status, titel) in verwacht.items():
        antwoord = p.page.goto(url, timeout=90_000)
        assert antwoord.status == status, url
        assert p.page.get_attribute("html", "lang") == "nl", url
        assert p.page.inner_text("h1") == titel and p.page.title() == titel, url
        assert "Not Found" not in p.page.content() and "404:" not in p.page.inner_text("body")
    # The pages differ only in their words: axe-core and the width on the longest one.
    assert schendingen(p.page) == [] and _breedte_ok(p, 390) == []
    # A POST to a page (405) and a server fault (500: the same page, other words).
    antwoord = p.context.request.post(f"{basis}/voila/render/deelnemer.ipynb?groep=x")
    assert antwoord.status == 405 and "Niet toegestaan" in antwoord.text()
    assert '<html lang="nl">' in antwoord.text()
    p.page.set_content(foutpagina_html(500))
    assert p.page.inner_text("h1") == "Er ging iets mis" and schendingen(p.page) == []
    # The API still answers in JSON (the pages' own scripts read it).
    api = p.context.request.get(f"{basis}/api/kernels/00000000-0000-0000-0000-000000000000")
    assert api.status == 404 and api.headers["content-type"].startswith("application/json")
    assert p.geblokkeerd == [] and p.fouten == []
    p.close()


def test_hostile_text_is_shown_as_text_everywhere(sessie: start.Plan, browser) -> None:
    db = sessie.db
    rid = opslag.voeg_ronde_toe(db, sessie.sessie["id"], "opgaven", titel="Ideeën")
    opslag.zet_ronde_status(db, rid, "open")
    p = _deelnemer(browser, sessie.deelnemer_urls()["bewoners"], XSS[:60])
    p.page.wait_for_selector(".wa-voorstel-tekst input", timeout=10_000)
    p.page.fill(".wa-voorstel-tekst input", XSS)
    p.page.fill(".wa-voorstel-toelichting textarea", "</script><script>window.__xss=1</script>")
    p.page.click(".wa-insturen")
    p.page.wait_for_selector(".wa-eigen >> text=onerror", timeout=10_000)
    leider = Pagina(browser)
    leider.page.goto(sessie.leider_url, timeout=90_000)
    leider.page.wait_for_selector(".wa-voorstellen", timeout=90_000)
    leider.page.click(".wa-leider input[type=checkbox]")  # show names too
    leider.page.wait_for_selector(".wa-voorstellen >> text=(<img", timeout=5000)
    assert XSS in leider.page.inner_text(".wa-voorstellen")
    leider.page.click(".wa-zichtbaar >> nth=-1")
    p.page.wait_for_selector("text=Alle voorstellen", timeout=5000)
    assert XSS in p.page.inner_text(".wa-deelnemer")
    time.sleep(0.5)
    for pg in (p, leider):
        assert pg.page.evaluate("window.__xss") is None and pg.dialogen == []
        assert pg.page.locator("img[src=x]").count() == 0
    leider.page.click(".wa-export")
    link = leider.page.wait_for_selector("a[download]", timeout=20_000)
    wb = openpyxl.load_workbook(
        io.BytesIO(base64.b64decode(link.get_attribute("href").split("base64,", 1)[1]))
    )
    teksten = [r[5] for r in wb["Voorstellen"].iter_rows(min_row=2, values_only=True)]
    assert XSS in teksten
    # The facilitator takes the proposal into the inventory with one click.
    leider.page.click(".wa-neem-over >> nth=0")
    leider.page.wait_for_function(
        "document.querySelectorAll('.wa-neem-over').length === 0", polling=100, timeout=10_000
    )
    assert XSS in store.opgaven(db, "Laak")["titel"].tolist()
    p.close()
    leider.close()


def _breedte_ok(p: Pagina, breedte: int) -> list[str]:
    """What sticks out sideways or is cut off at this width: the page must not scroll
    sideways, and no control, field or table may end beyond the window."""
    return p.page.evaluate(
        """(b) => {
        const uit = [];
        if (document.documentElement.scrollWidth > b + 1) uit.push('pagina ' +
            document.documentElement.scrollWidth);
        for (const e of document.querySelectorAll(
            '#rendered_cells input, #rendered_cells textarea, #rendered_cells select, ' +
            '#rendered_cells button, #rendered_cells table')) {
          if (!e.offsetParent) continue;
          const r = e.getBoundingClientRect();
          if (r.right > b + 1) uit.push(e.tagName + ' ' + (e.textContent || e.className)
              .trim().slice(0, 40) + ' ' + Math.round(r.right));
        }
        return uit;
    }""",
        breedte,
    )


def _contrast(p: Pagina) -> float:
    """Contrast between the chosen score's background and an unchosen one's."""
    return p.page.evaluate(
        """() => {
        const lum = (c) => {
          const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(Number).map((v) => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const schaal = [...document.querySelectorAll('.wa-schaal')].find(
            (s) => s.querySelector('.mod-active'));
        const aan = getComputedStyle(schaal.querySelector('.mod-active')).backgroundColor;
        const uit = getComputedStyle(
            schaal.querySelector('button:not(.mod-active)')).backgroundColor;
        const [l1, l2] = [lum(aan), lum(uit)].sort((x, y) => y - x);
        return (l1 + 0.05) / (l2 + 0.05);
    }"""
    )


def test_pages_are_accessible_dutch_and_usable_on_a_phone(sessie: start.Plan, browser) -> None:
    """Both pages at 390 px with a round of each kind open: axe-core clean, nothing cut off
    or scrolling sideways; the chosen score stands out (3:1 and a mark); a second tab of
    the same participant follows the first; fields have counters and labels, refusals
    name the field as the page does, kansen name their pair."""
    db = sessie.db
    leider = Pagina(browser)
    leider.page.goto(sessie.leider_url, timeout=90_000)
    leider.page.wait_for_selector("#rendered_cells .wa-groep svg", timeout=90_000)
    assert schendingen(leider.page) == []
    # Every label of the facilitator's controls is readable in full, never cut to "to…".
    afgekapt = leider.page.evaluate(
        """() => [...document.querySelectorAll('.wa-leider label, .wa-leider span')]
        .filter(e => e.textContent.trim() === 'Namen van deelnemers tonen' && e.offsetParent)
        .map(e => e.scrollWidth > e.clientWidth + 1)"""
    )
    assert afgekapt and not any(afgekapt)
    leider.page.set_viewport_size(TELEFOON)
    p = Pagina(browser, TELEFOON)
    p.page.goto(sessie.deelnemer_urls()["projectteam"], timeout=90_000)
    p.page.wait_for_selector(".wa-naam input", timeout=90_000)
    assert p.page.get_attribute("html", "lang") == "nl"
    assert schendingen(p.page) == [] and _breedte_ok(p, 390) == []
    assert "0 van 60 tekens" in p.page.inner_text(".wa-deelnemer")
    # By keyboard: type a name, tab to "Meedoen", press Enter.
    p.page.focus(".wa-naam input")
    p.page.keyboard.type("Toetsenbord")
    p.page.keyboard.press("Tab")
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector("text=U doet mee als", timeout=15_000)
    sid = sessie.sessie["id"]
    token = p.page.get_attribute(".wa-token", "data-token")
    wie = p.page.inner_text(".wa-deelnemer h1 + p")
    tweede = Pagina(browser, TELEFOON)  # a second tab of the same participant
    tweede.context.add_cookies([{"name": f"wa_s{sid}", "value": token, "url": sessie.basis_url}])
    tweede.page.goto(sessie.deelnemer_urls()["projectteam"], timeout=90_000)
    tweede.page.wait_for_selector("text=U doet mee als", timeout=90_000)
    assert tweede.page.inner_text(".wa-deelnemer h1 + p") == wie

    opg = store.opgaven(db, "Laak")
    con = opslag.verbind(db)
    paar = opslag.koppelingen(con, sessie.sessie["wijk_id"])[0]
    con.close()
    paar_titel = paar["titel"]
    rondes = {
        "scores": opslag.voeg_ronde_toe(
            db, sid, "scores", [("opgave", int(i)) for i in opg["id"].head(2)], "Scoren"
        ),
        "opgaven": opslag.voeg_ronde_toe(db, sid, "opgaven", titel="Nieuwe opgaven"),
        "kansen": opslag.voeg_ronde_toe(db, sid, "kansen", [paar["id"]], "Kansen"),
    }
    for soort, rid in rondes.items():
        opslag.zet_ronde_status(db, rid, "open")
        p.page.wait_for_selector(".wa-status >> text=Open ronde", timeout=15_000)
        klaar = {"scores": ".wa-schaal", "opgaven": ".wa-insturen", "kansen": ".wa-kans-soort"}
        p.page.wait_for_selector(klaar[soort], timeout=15_000)
        titel = {"scores": "Scoren", "opgaven": "Nieuwe opgaven", "kansen": "Kansen"}[soort]
        con = opslag.verbind(db)
        nr = next(r["volgorde"] for r in opslag.rondes(con, sid) if r["id"] == rid)
        con.close()
        # the facilitator sees the round open in the agenda, then looks at its results
        leider.page.wait_for_selector(f".wa-ronde >> text={nr}. {titel} — OPEN", timeout=15_000)
        leider.page.click(f".wa-ronde button[title='Resultaten van ronde {nr}']")
        leider.page.wait_for_selector(f".wa-live h2 >> text={titel}", timeout=15_000)
        if soort == "scores":
            _klik_score(p, 0, 0, 4)
            p.page.wait_for_selector(".wa-score-status >> text=Score 4 voor", timeout=15_000)
            assert _contrast(p) >= 3
            mark = p.page.evaluate(
                "getComputedStyle(document.querySelector('.wa-schaal .mod-active'), "
                "'::before').content"
            )
            assert "✓" in mark  # not colour alone
            # the other tab follows
            tweede.page.wait_for_selector(".wa-schaal .mod-active", timeout=15_000)
            _klik_score(tweede, 0, 0, 2)
            tweede.page.wait_for_selector(".wa-score-status >> text=Score 2 voor", timeout=15_000)
            p.page.wait_for_selector(".wa-score-status >> text=Score 2 voor", timeout=15_000)
            assert p.page.locator(".wa-schaal").first.locator(".mod-active").inner_text() in (
                "2",
                "✓2",
            )
        elif soort == "opgaven":
            p.page.click(".wa-insturen")
            p.page.wait_for_selector(".wa-fout", timeout=15_000)
            fout = p.page.inner_text(".wa-kaart .wa-fout")
            assert "‘Opgave’" in fout and "kolom" not in fout and "'voorstel'" not in fout
            p.page.fill(".wa-voorstel-tekst input", "Een heel lange opgave " * 3)
            p.page.wait_for_selector("text=66 van 300 tekens", timeout=15_000)
            p.page.click(".wa-insturen")
            p.page.wait_for_selector(".wa-eigen >> text=Intrekken", timeout=15_000)
        else:
            assert "Kans of bedreiging" in p.page.inner_text(".wa-kans-soort")
            p.page.fill(".wa-voorstel-tekst input", "Samen graven scheelt overlast")
            p.page.click(".wa-insturen")
            p.page.wait_for_selector(".wa-eigen >> text=Intrekken", timeout=15_000)
            assert f"Kans bij {paar_titel}:" in p.page.inner_text(".wa-eigen")
        for pagina in (p, leider):
            assert schendingen(pagina.page) == [], soort
            breed = _breedte_ok(pagina, 390)
            assert breed == [], (soort, breed)
        opslag.zet_ronde_status(db, rid, "gesloten")
    for pagina in (leider, p, tweede):
        assert pagina.geblokkeerd == []
        pagina.close()


def _rij(db: Path, rid: int) -> tuple | None:
    con = opslag.verbind(db)
    try:
        return con.execute(
            "SELECT scorer, groep, waarde, moment, ronde_id FROM scores WHERE id = ?", (rid,)
        ).fetchone()
    finally:
        con.close()


def _eigen_scores(db: Path, deelnemer: str) -> list[tuple]:
    con = opslag.verbind(db)
    try:
        return con.execute(
            "SELECT s.ronde_id, s.waarde FROM scores s JOIN deelnemers d "
            "ON d.id = s.deelnemer_id WHERE d.naam = ? ORDER BY s.id",
            (deelnemer,),
        ).fetchall()
    finally:
        con.close()


def _wacht_op_herladen(p: Pagina) -> None:
    for _ in range(240):
        try:
            if p.page.evaluate("window.__voor_herstart === undefined"):
                return
        except Exception:  # noqa: BLE001 - the page is navigating
            pass
        time.sleep(0.5)
    pytest.fail("de pagina laadde zich niet opnieuw")


def test_own_answers_across_rounds_and_a_kill_9_restart(
    _demo_sjabloon: Path, tmp_path: Path, browser
) -> None:
    """A participant named like the demo's scorer "Bewoner 1" (group bewoners) leaves that
    scorer's row alone; a second round on the same subject keeps both rounds' scores; every
    confirmation names its score; and a page open across a kill -9 and a restart with the
    same command says the connection is gone, comes back as the same participant with the
    answers, and saves for real — never a false "opgeslagen"."""
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    plan = start.plan(db, "Selwerd", groepen=["bewoners"], poort=_vrije_poort(), deelnemers=0)
    plan.pool = 1  # one participant page here: four preheated kernels, twice, only slow it
    sc = store.scores(db, "Selwerd")
    demo = sc[(sc["scorer"] == "Bewoner 1") & (sc["onderwerp_soort"] == "opgave")].iloc[0]
    oid, cid = int(demo["onderwerp_id"]), int(demo["criterium_id"])
    con = opslag.verbind(db)
    crit = opslag.criteria(con, plan.sessie["wijk_id"])
    con.close()
    pos = [c["id"] for c in crit].index(cid)
    cnaam = crit[pos]["naam"]
    r1 = opslag.voeg_ronde_toe(db, plan.sessie["id"], "scores", [("opgave", oid)], "Eerste keer")
    r2 = opslag.voeg_ronde_toe(db, plan.sessie["id"], "scores", [("opgave", oid)], "Na gesprek")
    opslag.zet_ronde_status(db, r1, "open")
    demo_voor = _rij(db, int(demo["id"]))
    a, b = [v for v in (1, 2, 3, 4, 5) if v != int(demo["waarde"])][:2]
    log = tmp_path / "voila.log"
    uit = open(log, "w")  # noqa: SIM115 - shared by both runs of the server
    proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
    try:
        _wacht_op_poort(plan.poort, proc, log)
        p = _deelnemer(browser, plan.deelnemer_urls()["bewoners"], "Bewoner 1")
        assert p.page.is_hidden("#wa-verbinding")
        p.page.wait_for_selector(".wa-schaal", timeout=15_000)
        for waarde in (a, b):  # a changed answer gets its own confirmation
            _klik_score(p, 0, pos, waarde)
            p.page.wait_for_selector(
                f".wa-score-status >> text=Score {waarde} voor {cnaam} opgeslagen",
                timeout=15_000,
            )
        assert _rij(db, int(demo["id"])) == demo_voor  # the demo's Bewoner 1 untouched
        opslag.zet_ronde_status(db, r2, "open")  # a second round on the same subject
        p.page.wait_for_selector("text=Open ronde: Na gesprek", timeout=15_000)
        assert p.page.locator(".wa-schaal .mod-active").count() == 0  # a fresh round
        _klik_score(p, 0, pos, a)
        p.page.wait_for_selector(f"text=Score {a} voor {cnaam} opgeslagen", timeout=15_000)
        assert _eigen_scores(db, "Bewoner 1") == [(r1, b), (r2, a)]
        assert _rij(db, int(demo["id"])) == demo_voor

        p.page.evaluate("window.__voor_herstart = 1")
        proc.kill()  # kill -9: no goodbye to the page
        proc.wait(timeout=30)
        p.page.wait_for_selector("#wa-verbinding", state="visible", timeout=20_000)
        assert "niet opgeslagen" in p.page.inner_text("#wa-verbinding")
        assert p.page.evaluate("document.getElementById('rendered_cells').inert") is True
        proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)  # the same command
        _wacht_op_poort(plan.poort, proc, log)
        # The page notices its kernel is gone and reloads into the same participant.
        p.page.wait_for_selector("#wa-herstart", state="visible", timeout=30_000)
        _wacht_op_herladen(p)
        p.page.wait_for_selector("text=U doet mee als", timeout=90_000)
        p.page.wait_for_selector(".wa-schaal .mod-active", timeout=30_000)
        assert "Bewoner 1" in p.page.inner_text(".wa-deelnemer")
        assert p.page.locator(".wa-schaal").nth(pos).locator(".mod-active").inner_text() in (
            str(a),
            f"✓{a}",
        )
        assert p.page.is_hidden("#wa-verbinding")
        _klik_score(p, 0, pos, b)
        p.page.wait_for_selector(f"text=Score {b} voor {cnaam} opgeslagen", timeout=15_000)
        assert _eigen_scores(db, "Bewoner 1") == [(r1, b), (r2, b)]  # saved for real
        con = opslag.verbind(db)
        assert len(opslag.deelnemers(con, plan.sessie["id"])) == 1  # not a new participant
        con.close()
        assert p.geblokkeerd == []
        p.close()
    finally:
        proc.kill()
        proc.wait(timeout=30)
        uit.close()


def test_the_facilitator_page_on_beamer_and_laptop_at_once(
    _demo_sjabloon: Path, tmp_path: Path, browser
) -> None:
    """Both facilitator pages show at once, with the pool refilled only after the usual
    minute: with one preheated kernel the second page waited for that refill."""
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    plan = start.plan(db, "Selwerd", groepen=["bewoners"], poort=_vrije_poort(), deelnemers=0)
    assert plan.vul_na >= 60
    plan.pool = 1  # no participant page here: its pool only competes with the facilitator's
    log = tmp_path / "voila.log"
    with open(log, "w") as uit:
        proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
        try:
            _wacht_op_poort(plan.poort, proc, log)
            for _ in range(240):  # until the pools are filled, as when people arrive
                if "Kernel pool of leider.ipynb is filled" in log.read_text():
                    break
                time.sleep(0.25)
            beamer, laptop = Pagina(browser), Pagina(browser)
            for p in (beamer, laptop):
                p.page.goto(plan.leider_url, wait_until="commit", timeout=30_000)
            for p in (beamer, laptop):
                p.page.wait_for_selector("#rendered_cells .wa-groep svg", timeout=40_000)
                assert "Groep bewoners" in p.page.inner_text("body")
                p.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_pages_opened_at_once_all_show_and_follow_a_removed_criterium(
    sessie: start.Plan, browser
) -> None:
    db = sessie.db
    opg = int(store.opgaven(db, "Laak")["id"].iloc[2])
    rid = opslag.voeg_ronde_toe(db, sessie.sessie["id"], "scores", [("opgave", opg)])
    opslag.zet_ronde_status(db, rid, "open")
    urls = list(sessie.deelnemer_urls().values())
    paginas = [Pagina(browser, TELEFOON) for _ in range(4)]
    for i, p in enumerate(paginas):  # four requests at the same moment
        p.page.goto(urls[i % 2], wait_until="commit", timeout=90_000)
    for i, p in enumerate(paginas):
        p.page.wait_for_selector(".wa-naam input", timeout=90_000)
        p.page.fill(".wa-naam input", f"Tegelijk {i}")
        p.page.click(".wa-meedoen")
    crit = store.criteria(db, "Laak")
    for p in paginas:
        p.page.wait_for_selector(".wa-schaal", timeout=20_000)
        assert p.page.locator(".wa-schaal").count() == len(crit)
    _klik_score(paginas[0], 0, 1, 4)
    paginas[0].page.wait_for_selector(".wa-score-status >> text=opgeslagen", timeout=10_000)
    # The facilitator removes a criterium while the round is open: every page drops it,
    # says so in Dutch, and keeps the answers that are still valid.
    weg = crit.iloc[0]
    store.zet_afwegingskader(
        db, "Laak", crit.iloc[1:], drempel=3, capaciteit=5, verwijderen=[int(weg["id"])]
    )
    for p in paginas:
        p.page.wait_for_selector(
            f"text=Intussen verwijderd door de gespreksleider: {weg['naam']}", timeout=15_000
        )
        assert p.page.locator(".wa-schaal").count() == len(crit) - 1
    assert paginas[0].page.locator(".wa-score-status .wa-ok").count() == 1
    # A closed tab gives its kernel back.
    kernel = paginas[3].page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    paginas[3].page.close(run_before_unload=True)  # as when a participant closes the tab
    for _ in range(120):
        if f"Kernel shutdown: {kernel}" in sessie.log.read_text():
            break
        time.sleep(0.5)
    assert f"Kernel shutdown: {kernel}" in sessie.log.read_text()
    opslag.zet_ronde_status(db, rid, "gesloten")
    for p in paginas:
        p.close()


def test_a_participant_page_is_light_enough_for_a_phone(sessie: start.Plan, browser) -> None:
    """Under 1.5 MB over the wire (it was ~10 MB: plotly's bundle and no compression), nothing
    from outside 127.0.0.1, and the page still works: join and a score saved."""
    db = sessie.db
    opg = int(store.opgaven(db, "Laak")["id"].iloc[3])
    rid = opslag.voeg_ronde_toe(db, sessie.sessie["id"], "scores", [("opgave", opg)])
    opslag.zet_ronde_status(db, rid, "open")
    p = Pagina(browser, TELEFOON)
    cdp = p.context.new_cdp_session(p.page)
    cdp.send("Network.enable")
    verstuurd: dict[str, float] = {}  # bytes over the wire per request, headers included
    cdp.on(
        "Network.loadingFinished",
        lambda e: verstuurd.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    p.page.goto(sessie.deelnemer_urls()["bewoners"], timeout=90_000)
    p.page.wait_for_selector(".wa-naam input", timeout=90_000)
    p.page.fill(".wa-naam input", "Licht")
    p.page.click(".wa-meedoen")
    p.page.wait_for_selector(".wa-schaal", timeout=20_000)
    _klik_score(p, 0, 0, 4)
    p.page.wait_for_selector(".wa-score-status >> text=opgeslagen", timeout=10_000)
    assert [r[2:] for r in _scores(db) if r[0] == "Licht"] == [
        (opg, int(store.criteria(db, "Laak")["id"].iloc[0]), 4)
    ]
    assert 0 < sum(verstuurd.values()) < 1_500_000, f"{sum(verstuurd.values()):,.0f} bytes"
    assert p.geblokkeerd == [] and p.fouten == []
    opslag.zet_ronde_status(db, rid, "gesloten")
    p.close()


def test_the_join_form_and_qr_codes_show_before_the_widgets_and_nothing_typed_is_lost(
    sessie: start.Plan, browser
) -> None:
    """Voila's front end takes seconds on a phone; the page is sent with a preview: the join
    form (participant) or the QR codes (facilitator). Held here by keeping Voila's front end
    back: the form is there, accessible and in Dutch; a name typed and sent with Enter
    joins for real once the page is live, and the preview is gone."""
    db = sessie.db
    p = Pagina(browser, TELEFOON)
    vastgehouden: list = []
    p.page.route("**/voila/static/voila.js", lambda r: vastgehouden.append(r))
    p.page.goto(sessie.deelnemer_urls()["projectteam"], wait_until="commit", timeout=90_000)
    p.page.wait_for_selector(".wa-vooraf-naam", state="visible", timeout=90_000)
    assert vastgehouden and not p.page.locator("#rendered_cells .wa-naam input").count()
    assert p.page.get_attribute("html", "lang") == "nl"
    assert "Groep projectteam" in p.page.inner_text(".wa-vooraf")
    assert schendingen(p.page) == []
    p.page.click(".wa-vooraf-naam")
    p.page.keyboard.type("Vooraf " + XSS[:20])
    p.page.keyboard.press("Enter")
    assert "zodra de verbinding er is" in p.page.inner_text(".wa-vooraf-bericht")
    vastgehouden[0].continue_()
    p.page.wait_for_selector("text=U doet mee als", timeout=60_000)
    assert p.page.locator(".wa-vooraf-plek").count() == 0
    naam = "Vooraf " + XSS[:20]
    assert naam in p.page.inner_text("#rendered_cells")
    con = opslag.verbind(db)
    try:
        groepen = con.execute(
            "SELECT g.naam FROM deelnemers d JOIN sessie_groepen g ON g.id = d.groep_id "
            "WHERE d.naam = ?",
            (naam,),
        ).fetchall()
    finally:
        con.close()
    assert groepen == [("projectteam",)]
    assert p.geblokkeerd == [] and p.fouten == []
    p.close()

    leider = Pagina(browser, {"width": 1280, "height": 720})
    vastgehouden.clear()
    leider.page.route("**/voila/static/voila.js", lambda r: vastgehouden.append(r))
    leider.page.goto(sessie.leider_url, wait_until="commit", timeout=90_000)
    leider.page.wait_for_selector(".wa-vooraf .wa-groep svg", state="visible", timeout=90_000)
    tekst = leider.page.inner_text(".wa-vooraf")
    for url in sessie.deelnemer_urls().values():
        assert url in tekst
    assert schendingen(leider.page) == []
    vastgehouden[0].continue_()
    leider.page.wait_for_selector("#rendered_cells .wa-groep svg", timeout=60_000)
    leider.page.wait_for_function(
        "!document.querySelector('.wa-vooraf-plek')", polling=100, timeout=30_000
    )
    assert leider.geblokkeerd == [] and leider.fouten == []
    leider.close()
