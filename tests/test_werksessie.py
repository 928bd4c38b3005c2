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
from wijkanalyse.werksessie import opslag, start

pytestmark = pytest.mark.slow
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'
TELEFOON = {"width": 390, "height": 844}


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
    plan = start.plan(db, "laak", groepen=["bewoners", "projectteam"], poort=18870, deelnemers=4)
    plan.vul_na = 1  # the tests use more pages than the pool holds: refill at once
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
            "SELECT scorer, groep, onderwerp_id, criterium_id, waarde FROM scores "
            "WHERE moment LIKE 'werksessie %' ORDER BY id"
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
    leider.page.wait_for_selector(".wa-groep svg", timeout=90_000)
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
        "document.querySelectorAll('.wa-score-status .wa-ok').length >= 2", timeout=10_000
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
        p.close()
    deelnemer = _deelnemer(browser, sessie.deelnemer_urls()["projectteam"], "Kim")
    assert sessie.sessie["sleutel"] not in deelnemer.page.content()
    deelnemer.close()


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
        "document.querySelectorAll('.wa-neem-over').length === 0", timeout=10_000
    )
    assert XSS in store.opgaven(db, "Laak")["titel"].tolist()
    p.close()
    leider.close()


def test_pages_are_accessible_dutch_and_usable_on_a_phone(sessie: start.Plan, browser) -> None:
    leider = Pagina(browser)
    leider.page.goto(sessie.leider_url, timeout=90_000)
    leider.page.wait_for_selector(".wa-groep svg", timeout=90_000)
    assert schendingen(leider.page) == []
    # Every label of the facilitator's controls is readable in full, never cut to "to…".
    afgekapt = leider.page.evaluate(
        """() => [...document.querySelectorAll('.wa-leider label, .wa-leider span')]
        .filter(e => e.textContent.trim() === 'Namen van deelnemers tonen' && e.offsetParent)
        .map(e => e.scrollWidth > e.clientWidth + 1)"""
    )
    assert afgekapt and not any(afgekapt)
    p = Pagina(browser, TELEFOON)
    p.page.goto(sessie.deelnemer_urls()["projectteam"], timeout=90_000)
    p.page.wait_for_selector(".wa-naam input", timeout=90_000)
    assert p.page.get_attribute("html", "lang") == "nl"
    assert schendingen(p.page) == []
    # By keyboard: type a name, tab to "Meedoen", press Enter.
    p.page.focus(".wa-naam input")
    p.page.keyboard.type("Toetsenbord")
    p.page.keyboard.press("Tab")
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector("text=U doet mee als", timeout=15_000)
    breed = p.page.evaluate("document.documentElement.scrollWidth")
    assert breed <= TELEFOON["width"] + 1  # nothing off-screen sideways
    leider.close()
    p.close()


def test_a_page_that_lost_its_server_says_so(_demo_sjabloon: Path, tmp_path: Path, browser) -> None:
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    plan = start.plan(db, "Selwerd", groepen=["bewoners"], poort=18970, deelnemers=0)
    log = tmp_path / "voila.log"
    with open(log, "w") as uit:
        proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
        try:
            _wacht_op_poort(plan.poort, proc, log)
            p = _deelnemer(browser, plan.deelnemer_urls()["bewoners"], "Sam")
            assert p.page.is_hidden("#wa-verbinding")
        finally:
            proc.kill()
            proc.wait(timeout=30)
    p.page.wait_for_selector("#wa-verbinding", state="visible", timeout=20_000)
    assert "verbinding met de werksessie is verbroken" in p.page.inner_text("#wa-verbinding")
    assert p.page.evaluate("document.getElementById('rendered_cells').inert") is True
    p.close()


def test_the_facilitator_page_on_beamer_and_laptop_at_once(
    _demo_sjabloon: Path, tmp_path: Path, browser
) -> None:
    """Both facilitator pages show at once, with the pool refilled only after the usual
    minute: with one preheated kernel the second page waited for that refill."""
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    plan = start.plan(db, "Selwerd", groepen=["bewoners"], poort=18980, deelnemers=0)
    assert plan.vul_na >= 60
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
                p.page.wait_for_selector(".wa-groep svg", timeout=40_000)
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
            f"text=Intussen verwijderd door de gespreksleider: {weg['naam']}", timeout=5000
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
