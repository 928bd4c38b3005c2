"""The report batch as a user meets it: `wijkanalyse rapport` with progress and a summary, a
failing wijk amid good ones, incremental remakes, the overview across wijken, Dutch formatting
and the print layout in real Chromium, the size of a report, Ctrl+C, and a dask cluster.

One batch (three wijken, one of them broken) is made once per module and shared.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from a11y import schendingen
from test_storingen import tmpfs  # noqa: F401 (a fixture: a small tmpfs mount)

from wijkanalyse import afweging, demo, store
from wijkanalyse.rapport.batch import MANIFEST, maak_rapporten

pytestmark = pytest.mark.slow

NIEUWE_OPGAVE = "Schoolplein vergroenen met de buurt"


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def _breek(db: Path, wijk: str) -> None:
    """Data the store would refuse (an impact that does not exist), written behind its back:
    the report of this wijk fails in the notebook."""
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "UPDATE items SET impact = 'enorm' WHERE koppeling_id IN (SELECT k.id FROM "
            "koppelingen k JOIN wijken w ON w.id = k.wijk_id WHERE w.naam = ?)",
            (wijk,),
        )
    con.close()


@pytest.fixture(scope="module")
def batch(_demo_sjabloon: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    map_ = tmp_path_factory.mktemp("batch")
    db = map_ / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    demo.bouw_wijk(db, "Kapot", "Nergens", 1234)
    _breek(db, "Kapot")
    opgave = int(store.opgaven(db, "Laak")["id"].iloc[0])
    store.leg_besluit_vast(
        db, "Laak", "opgave", opgave, "gekozen", "Bewoners vragen erom.", datum="2026-11-20"
    )
    uit = map_ / "uit"
    # One worker: Kapot fails first, then Laak and Selwerd run in the same kernel.
    r = _cli("rapport", "--werkruimte", str(db), "--uitvoer", str(uit), "--parallel", "1")
    return {"db": db, "uit": uit, "run": r}


def _manifest(uit: Path) -> dict:
    return json.loads((uit / MANIFEST).read_text(encoding="utf-8"))


# ------------------------------------------------------------------- progress and failures


def test_progress_lines_and_summary_without_kernel_noise(batch: dict) -> None:
    r = batch["run"]
    uit = batch["uit"]
    assert "Rapporten:" in r.stderr and "3/3" in r.stderr  # the tqdm bar, on stderr
    assert re.search(r"✓ Laak +laak\.html +\(\d+,\d s\)", r.stdout)
    assert re.search(r"✓ Selwerd +selwerd\.html", r.stdout)
    assert "✗ Kapot" in r.stdout
    assert "Klaar: 2 gemaakt, 0 hergebruikt, 1 mislukt (van 3) in " in r.stdout
    assert f"Overzicht: {uit / 'index.html'}" in r.stdout
    alles = r.stdout + r.stderr
    assert "IPKernelApp" not in alles and "KeyboardInterrupt" not in alles
    assert "Traceback" not in alles


def test_a_failing_wijk_does_not_stop_the_others(batch: dict) -> None:
    r, uit = batch["run"], batch["uit"]
    assert r.returncode == 1
    regels = [x for x in r.stderr.splitlines() if x.startswith("Mislukt: ")]
    assert len(regels) == 1
    assert regels[0].startswith("Mislukt: Kapot: fout in het notebook: ")
    assert "impact" in regels[0] and "enorm" in regels[0]  # says what is wrong, in one line
    assert (uit / "laak.html").exists() and (uit / "selwerd.html").exists()
    assert not (uit / "kapot.html").exists()
    log = (uit / "rapporten.log").read_text(encoding="utf-8")
    assert "=== Kapot: mislukt" in log and "Traceback" in log
    index = (uit / "index.html").read_text(encoding="utf-8")
    assert "Mislukt: fout in het notebook" in index
    assert 'href="laak.html"' in index and 'href="kapot.html"' not in index
    assert not list(uit.rglob("*.tmp"))


# ----------------------------------------------------------------- same alone or after others


def test_a_report_is_the_same_alone_as_after_other_wijken(batch: dict) -> None:
    """In the batch, Selwerd ran in a kernel that had just made Kapot (failed) and Laak."""
    from wijkanalyse.rapport.kernel import RapportKernel, RapportTaak, maak

    uit = batch["uit"]
    in_batch = (uit / "selwerd.html").read_text(encoding="utf-8")
    wanneer = re.search(r"Rapport gemaakt op ([\d-]+ [\d:]+)", in_batch).group(1)
    kernel = RapportKernel()
    try:
        alleen = maak(RapportTaak("Selwerd", "selwerd", str(batch["db"]), wanneer), kernel)
    finally:
        kernel.sluit()
    assert alleen.ok, alleen.traceback
    assert alleen.html == in_batch


# ------------------------------------------------------------------------------ incremental


def test_after_an_edit_in_one_wijk_only_its_report_is_remade(batch: dict) -> None:
    db, uit = batch["db"], batch["uit"]
    selwerd_voor = (uit / "selwerd.html").stat().st_mtime_ns
    store.voeg_opgave_toe(db, "Laak", titel=NIEUWE_OPGAVE, transitie="klimaatadaptatie")
    res = {r.wijk: r.status for r in maak_rapporten(db, uit, parallel=1)}
    assert res == {"Kapot": "mislukt", "Laak": "gemaakt", "Selwerd": "hergebruikt"}
    assert NIEUWE_OPGAVE in (uit / "laak.html").read_text(encoding="utf-8")
    assert (uit / "selwerd.html").stat().st_mtime_ns == selwerd_voor
    # nothing changed: nothing is made (the broken wijk is tried again and fails again)
    res = {r.wijk: r.status for r in maak_rapporten(db, uit, wijken=["Laak", "Selwerd"])}
    assert res == {"Laak": "hergebruikt", "Selwerd": "hergebruikt"}


# ------------------------------------------------------------------------- the overview


def test_overview_numbers_match_the_workspace_and_sort(batch: dict, offline_pagina) -> None:
    db, uit = batch["db"], batch["uit"]
    page = offline_pagina.page
    page.goto((uit / "index.html").as_uri())
    page.wait_for_selector("#vergelijking .main-svg", timeout=30_000)
    assert page.get_attribute("html", "lang") == "nl"
    assert offline_pagina.geblokkeerd == [] and offline_pagina.fouten == []
    rijen = {
        r.split("\t")[0].split(" (")[0]: r.split("\t")
        for r in page.locator("tbody tr").evaluate_all(
            "rs => rs.map(r => Array.from(r.cells).map(c => c.innerText.trim()).join('\\t'))"
        )
    }
    assert set(rijen) == {"Kapot", "Laak", "Selwerd"}
    laak = rijen["Laak"]
    o, k = store.opgaven(db, "Laak"), store.koppelingen(db, "Laak")
    sc, crit = store.scores(db, "Laak"), store.criteria(db, "Laak")
    assert laak[1] == "Den Haag" and laak[2] == "40.795"
    assert laak[3].startswith(str(len(o)))
    for t, n in o["transitie"].value_counts().items():
        assert f"{t}\xa0{n}" in laak[3] or f"{t} {n}" in laak[3]
    for nv, n in k["niveau"].value_counts().items():
        assert f"{nv}\xa0{n}" in laak[4] or f"{nv} {n}" in laak[4]
    items = store.items(db, "Laak")
    ingevuld = items["koppeling_id"].nunique()
    assert f"({ingevuld} van {len(k)})" in laak[5]
    gescoord = len(sc[["onderwerp_soort", "onderwerp_id"]].drop_duplicates())
    assert laak[6] == (
        f"{gescoord} van {len(o) + len(k)} onderwerpen, door {sc['groep'].nunique()} groepen"
        f"; volledig gescoord: {int(afweging.totalen(sc, crit)['volledig'].sum())}"
    )
    top = afweging.top_koppelingen(afweging.totalen(sc, crit))
    titels = dict(zip(o["id"], o["titel"], strict=True))
    eerste = int(top["onderwerp_id"].iloc[0])
    paar = k.set_index("id").loc[eerste]
    assert laak[7].splitlines()[0] == f"{titels[paar.opgave_a]} × {titels[paar.opgave_b]}"
    # the uitvoering: Laak has no acties in this workspace; its signals are counted
    assert laak[8].startswith("nog geen acties") and "signa" in laak[8]
    assert re.search(r"^\d\d-\d\d-\d{4}$", laak[9])  # laatste wijziging, Dutch date
    assert "Mislukt: fout in het notebook" in rijen["Kapot"][10]
    # sortable: by inhabitants, then the other way round
    kop = page.locator("th", has_text="Inwoners")
    kop.locator("button").click()
    volgorde = page.locator("tbody tr td:first-child").all_inner_texts()
    assert [v.split(" (")[0] for v in volgorde] == ["Kapot", "Selwerd", "Laak"]
    assert kop.get_attribute("aria-sort") == "ascending"
    kop.locator("button").click()
    volgorde = page.locator("tbody tr td:first-child").all_inner_texts()
    assert [v.split(" (")[0] for v in volgorde] == ["Laak", "Selwerd", "Kapot"]
    # the comparison plot has a bar per wijk with a report
    assert sorted(page.evaluate("document.getElementById('vergelijking').data[0].y")) == [
        "Laak",
        "Selwerd",
    ]
    assert schendingen(page) == []


# ----------------------------------------------------------------- ready for a wethouder


def test_report_in_chromium_dutch_numbers_dates_labels_legends(batch: dict, offline_pagina) -> None:
    page = offline_pagina.page
    page.goto((batch["uit"] / "laak.html").as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(500)
    assert offline_pagina.geblokkeerd == [] and offline_pagina.fouten == []
    tekst = page.inner_text("body")
    assert re.search(
        r"Rapport gemaakt op \d\d-\d\d-\d{4} \d\d:\d\d uit werkruimte w\.sqlite", tekst
    )
    assert "20-11-2026" in tekst and "2026-11-20" not in tekst  # the besluit's date
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", tekst)  # no ISO dates anywhere
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".every(g => g._fullLayout.separators === ',.')"
    )
    ticks = page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text")
    labels = ticks.all_text_contents()
    alle_tekst = page.locator(".js-plotly-plot text").all_text_contents()
    assert "3,25" in " ".join(alle_tekst) or any(re.search(r"\d,\d\d", t) for t in alle_tekst)
    assert not [t for t in alle_tekst if re.fullmatch(r"\d+\.\d+", t)]  # no 3.25 in plots
    assert not any(re.fullmatch(r"\d+\.\d+", t) for t in labels)
    assert not [t for t in labels if "…" in t]  # long names wrap instead of being cut
    # every legend shows all its entries inside the figure: no scroll bar, nothing clipped
    afgekapt = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(g => {
            const svg = g.querySelector('.main-svg').getBoundingClientRect();
            return Array.from(g.querySelectorAll('.legend .traces'))
              .filter(t => t.getBoundingClientRect().bottom > svg.bottom + 1)
              .map(t => t.textContent);
        })"""
    )
    assert afgekapt == []
    assert page.locator(".legend .scrollbar").evaluate_all(
        "els => els.every(e => !e.getBBox || e.getBBox().height === 0)"
    )
    # the same state worded once: a besluit exists, so the check speaks about the choice
    assert "Er is 1 opgave gekozen" in tekst
    assert page.get_attribute("html", "lang") == "nl"
    assert schendingen(page) == []


def test_print_layout_is_a_few_a4_pages_without_toolbars(batch: dict, offline_pagina) -> None:
    page = offline_pagina.page
    page.goto((batch["uit"] / "laak.html").as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.emulate_media(media="print")
    assert page.locator(".modebar").first.evaluate("e => getComputedStyle(e).display") == "none"
    pdf = page.pdf(format="A4")
    paginas = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # a summary page, then everything incl. kansen and interventies (was 19 pages of screen layout)
    assert 2 <= paginas <= 14, paginas


def test_reports_are_at_most_2_mb_and_use_only_bundled_trace_types(batch: dict) -> None:
    from wijkanalyse.rapport.html import BUNDEL_TRACES, PLOTLY_MIME

    for slug in ("laak", "selwerd"):
        pad = batch["uit"] / f"{slug}.html"
        assert pad.stat().st_size <= 2_000_000, (slug, pad.stat().st_size)
        html = pad.read_text(encoding="utf-8")
        assert html.count("plotly.js (cartesian - minified)") == 1
        nb = json.loads((batch["uit"] / slug / "rapport.ipynb").read_text(encoding="utf-8"))
        gebruikt = {
            trace.get("type", "scatter")
            for cel in nb["cells"]
            for out in cel.get("outputs", [])
            for trace in out.get("data", {}).get(PLOTLY_MIME, {}).get("data", [])
        }
        assert {"bar", "scatter", "heatmap"} <= gebruikt <= BUNDEL_TRACES, gebruikt


def test_the_trimmed_stylesheet_changes_nothing_on_screen_or_paper(batch: dict, browser) -> None:
    """The report carries only the CSS rules that can apply; compare every element's
    computed style with the untrimmed page."""
    import nbformat

    from wijkanalyse.rapport.html import html_van

    nb = nbformat.read(str(batch["uit"] / "selwerd" / "rapport.ipynb"), as_version=4)
    vol = batch["uit"].parent / "selwerd-volle-css.html"
    vol.write_text(html_van(nb, titel="Wijkanalyse Selwerd", kleine_css=False), "utf-8")
    klein = batch["uit"] / "selwerd.html"
    assert klein.stat().st_size < vol.stat().st_size - 200_000
    js = """() => Array.from(document.querySelectorAll('body *:not(svg *)'))
      .filter(e => !e.closest('.plotly-graph-div')).map(e => {
        const s = getComputedStyle(e);
        return [e.tagName, s.color, s.backgroundColor, s.font, s.padding, s.margin,
                s.display, s.border, s.textAlign, s.whiteSpace, s.overflow].join('|');
      })"""
    stijlen = []
    for pad in (vol, klein):
        ctx = browser.new_context(viewport={"width": 1300, "height": 1000})
        page = ctx.new_page()
        page.goto(pad.as_uri())
        scherm = page.evaluate(js)
        page.emulate_media(media="print")
        stijlen.append((scherm, page.evaluate(js)))
        ctx.close()
    assert len(stijlen[0][0]) > 500
    assert stijlen[0] == stijlen[1]


# ------------------------------------------------------------------------------- Ctrl+C


def _processen_met(merk: str) -> list[int]:
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if merk.encode() in (p / "environ").read_bytes():
                pids.append(int(p.name))
        except OSError:
            continue
    return pids


def test_ctrl_c_stops_cleanly(batch: dict, tmp_path: Path) -> None:
    merk = f"wijkanalyse-test-{uuid.uuid4().hex}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "WIJKANALYSE_TESTMERK": merk}
    uit = tmp_path / "uit"
    proc = subprocess.Popen(
        [sys.executable, "-m", "wijkanalyse.cli", "rapport", "--werkruimte", str(batch["db"]),
         "--uitvoer", str(uit), "--wijk", "Laak", "--wijk", "Selwerd", "--parallel", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip
    eerste = proc.stdout.readline()  # the first finished report
    assert "✓ Laak" in eerste
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Onderbroken: 1 rapport klaar" in err and "Traceback" not in err
    deadline = time.monotonic() + 10
    while _processen_met(merk) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processen_met(merk) == []  # no worker, no kernel left behind
    assert (uit / "laak.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not (uit / "selwerd.html").exists()  # nothing half-written under a final name
    assert not list(uit.rglob("*.tmp"))
    assert _manifest(uit)["wijken"]["Laak"]["status"] == "gemaakt"
    assert "Selwerd" in (uit / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "kill-9"])
def test_sigterm_or_the_death_of_the_command_stops_its_workers_and_kernels(
    batch: dict, tmp_path: Path, sig: int
) -> None:
    """A real `wijkanalyse rapport` with two workers and their kernels running, signalled
    (SIGTERM as a service manager sends it; kill -9 as its parent's death): within 10 s
    none of the processes it started is left."""
    import psutil

    merk = f"wijkanalyse-test-{uuid.uuid4().hex}"
    env = {**os.environ, "WIJKANALYSE_TESTMERK": merk}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wijkanalyse.cli", "rapport", "--werkruimte", str(batch["db"]),
         "--uitvoer", str(tmp_path / "uit"), "--opnieuw", "--parallel", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    hoofd = psutil.Process(proc.pid)
    deadline = time.monotonic() + 300
    gestart: list[psutil.Process] = []
    while time.monotonic() < deadline and proc.poll() is None:
        gestart = hoofd.children(recursive=True)
        if sum("ipykernel" in " ".join(p.cmdline()) for p in gestart) == 2:
            break  # two workers, each with its kernel
        time.sleep(0.2)
    assert len(gestart) == 4, [p.cmdline()[:3] for p in gestart]
    assert sorted(_processen_met(merk)) == sorted([proc.pid, *(p.pid for p in gestart)])
    proc.send_signal(sig)
    _, over = psutil.wait_procs(gestart, timeout=10)
    assert [p.cmdline()[:3] for p in over] == []
    if sig == signal.SIGTERM:  # it says so, writes the overview of what was made, exits
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130
        assert "Onderbroken: " in err and "Traceback" not in err
    else:
        proc.wait(timeout=10)
    assert _processen_met(merk) == []


def test_a_full_disk_fails_the_reports_that_do_not_fit_and_the_batch_goes_on(
    batch: dict,
    tmp_path: Path,
    tmpfs,  # noqa: F811 (the fixture imported above)
) -> None:
    """The output folder on a small tmpfs with room for one report: Laak is made, Selwerd
    and the overview are named as not written (disk full), in Dutch, and the exit code is 1,
    as for any failing wijk."""
    eerder = batch["uit"]
    ruimte = (eerder / "laak.html").stat().st_size + (eerder / "laak/rapport.ipynb").stat().st_size
    uit = tmpfs(ruimte // 1024 + 256)
    r = _cli("rapport", "--werkruimte", str(batch["db"]), "--uitvoer", str(uit),
             "--opnieuw", "--parallel", "1")  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert "✓ Laak" in r.stdout and "1 gemaakt, 0 hergebruikt, 2 mislukt (van 3)" in r.stdout
    fouten = [x for x in r.stderr.splitlines() if x.startswith(("Mislukt: ", "Overzicht niet"))]
    assert fouten[0].startswith(f"Overzicht niet bijgewerkt: De schijf is vol: '{uit}/") and fouten[
        0
    ].endswith("Maak ruimte vrij op die schijf (of kies een andere map) en probeer het opnieuw.")
    assert fouten[1].startswith("Mislukt: Kapot: fout in het notebook")
    assert fouten[2].startswith(f"Mislukt: Selwerd: De schijf is vol: '{uit}/selwerd")
    assert "Errno" not in r.stderr and "Traceback" not in r.stderr and "OSError" not in r.stderr
    assert (uit / "laak.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not (uit / "selwerd.html").exists() and not list(uit.rglob(".*.tmp"))


# ---------------------------------------------------------------------------- the cluster


def _zonder_datum(h: str) -> str:
    return re.sub(r"Rapport gemaakt op [\d-]+ [\d:]+", "", h)


def test_cluster_commands_start_dask_with_the_batch_settings(batch: dict, tmp_path: Path) -> None:
    """What the README tells a programme office to run, on one machine: `wijkanalyse cluster
    scheduler` and `wijkanalyse cluster werker`, then `wijkanalyse rapport --cluster`. The
    workers get one thread each and the quiet settings; the batch makes the same reports as
    on this machine, a failing wijk included; stopping them leaves no kernel."""
    from distributed import Client

    from wijkanalyse.rapport.cluster import WERKER_INSTELLINGEN, instellingen_hier

    merk = uuid.uuid4().hex
    env = {**os.environ, "WIJKANALYSE_TESTMERK": merk}
    bestand = tmp_path / "scheduler.json"
    uit = tmp_path / "uit"
    log = open(tmp_path / "cluster.log", "wb")  # noqa: SIM115 (closed in finally)
    cmd = [sys.executable, "-m", "wijkanalyse.cli", "cluster"]
    processen = [
        subprocess.Popen(
            [*cmd, "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(bestand)],
            stdout=log, stderr=log, env=env,
        ),
        subprocess.Popen(
            [*cmd, "werker", "--scheduler-file", str(bestand), "--nworkers", "1",
             "--no-dashboard"],
            stdout=log, stderr=log, env=env,
        ),
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not bestand.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        with Client(scheduler_file=str(bestand), timeout="30s") as client:
            client.wait_for_workers(1, timeout=60)
            assert list(client.nthreads().values()) == [1]  # one thread: one kernel
            assert list(client.run(instellingen_hier).values()) == [WERKER_INSTELLINGEN]
            op_scheduler = client.run_on_scheduler(instellingen_hier)
            assert op_scheduler["distributed.admin.tick.interval"] == "1s"
        adres = json.loads(bestand.read_text(encoding="utf-8"))["address"]  # as the README has it
        assert adres.startswith("tcp://")
        r = _cli(
            "rapport", "--werkruimte", str(batch["db"]), "--uitvoer", str(uit),
            "--wijk", "Kapot", "--wijk", "Selwerd", "--cluster", adres,
        )  # fmt: skip
        # The same batch as on this machine: Kapot fails with its one line, the rest goes on.
        assert r.returncode == 1, r.stderr
        assert "Klaar: 1 gemaakt, 0 hergebruikt, 1 mislukt" in r.stdout
        assert "Mislukt: Kapot: fout in het notebook" in r.stderr and "Traceback" not in r.stderr
        lokaal = (batch["uit"] / "selwerd.html").read_text(encoding="utf-8")
        op_cluster = (uit / "selwerd.html").read_text(encoding="utf-8")
        assert "Rapport gemaakt op" in op_cluster
        assert _zonder_datum(op_cluster) == _zonder_datum(lokaal)
        nb = (uit / "selwerd" / "rapport.ipynb").read_text(encoding="utf-8")
        assert json.dumps(str(batch["db"].resolve()))[1:-1] in nb  # names the real workspace
        index = (uit / "index.html").read_text(encoding="utf-8")
        assert "Mislukt: fout in het notebook" in index and 'href="selwerd.html"' in index
    finally:
        for p in reversed(processen):
            p.send_signal(signal.SIGINT)  # Ctrl+C, as a user stops them
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        log.close()
    deadline = time.monotonic() + 15
    while _processen_met(merk) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processen_met(merk) == []  # no worker, no kernel left behind


def test_an_unreachable_cluster_is_one_dutch_line(batch: dict, tmp_path: Path) -> None:
    r = _cli(
        "rapport", "--werkruimte", str(batch["db"]), "--uitvoer", str(tmp_path / "uit"),
        "--wijk", "Selwerd", "--opnieuw", "--cluster", "tcp://127.0.0.1:9",
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )  # fmt: skip
    assert r.returncode == 2
    assert "Geen verbinding met het cluster op tcp://127.0.0.1:9" in r.stderr
    assert "Traceback" not in r.stderr
