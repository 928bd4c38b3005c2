"""How heavy is a werksessie page for a phone: real Voila, one real headless Chromium page.

    python benchmarks/bench_pagina.py [--keer 5]

Starts a werksessie on a copy of the demo wijk Laak (as ``wijkanalyse werksessie`` does),
waits until the pools of preheated kernels are filled, then opens the participant page and
the facilitator page ``--keer`` times each, one page alone, each in a fresh browser context
(empty cache, as a phone that never saw the page), first at normal speed and then with the
page's CPU slowed down four times (CDP ``Emulation.setCPUThrottlingRate``: a mid-range
phone). Before every page the pools are full again, so each page gets a preheated kernel.

Per page: bytes transferred over HTTP (the sum of Chromium's ``encodedDataLength``: what
went over the wire, headers included, after compression), the number of requests, requests
outside 127.0.0.1 (must be 0: the offline rule), the time from the request until the join
form (participant) or the groups' QR codes (facilitator) are visible — the preview the page
is sent with (``wijkanalyse/werksessie/vooraf.py``) or the live widgets, whichever comes
first — and the time until the live widgets are there. Medians of the runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from wijkanalyse import demo, store  # noqa: E402
from wijkanalyse.werksessie import start  # noqa: E402

# Visible: the page's preview (werksessie/vooraf.py, plain HTML sent with the page) or the
# live widgets, whichever comes first. Live: the widgets, connected to the page's kernel.
DEELNEMER_ZICHTBAAR = ".wa-vooraf-naam, #rendered_cells .wa-naam input"
DEELNEMER_LIVE = "#rendered_cells .wa-naam input"
LEIDER_ZICHTBAAR = ".wa-vooraf .wa-groep svg, #rendered_cells .wa-groep svg"
LEIDER_LIVE = "#rendered_cells .wa-groep svg"


def _gevuld(log: Path, notebook: str) -> int:
    return log.read_text().count(f"Kernel pool of {notebook} is filled")


def _wacht_tot(voorwaarde, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(log.read_text())
        if voorwaarde():
            return
        time.sleep(0.2)
    raise SystemExit("pool niet gevuld")


GESCHILDERD_JS = """() => new Promise(klaar => {
  new PerformanceObserver(lijst => {
    for (const e of lijst.getEntries()) {
      if (e.identifier === "wa-vooraf") { klaar(e.renderTime / 1000); }
    }
  }).observe({type: "element", buffered: true});
  setTimeout(() => klaar(null), 2000);
})"""


def meet_pagina(
    browser, url: str, zichtbaar_sel: str, live_sel: str, vertraging: float, viewport: dict
) -> dict:
    """One page in a fresh context: bytes, requests, outside requests, seconds until the form
    (or QR codes) is visible and until the live widgets are there."""
    ctx = browser.new_context(viewport=viewport)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    if vertraging != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": vertraging})
    verzoeken: dict[str, str] = {}
    bytes_: dict[str, float] = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: verzoeken.setdefault(e["requestId"], e["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: bytes_.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    t0 = time.perf_counter()
    page.goto(url, timeout=120_000, wait_until="commit")
    page.wait_for_selector(zichtbaar_sel, state="visible", timeout=120_000)
    zichtbaar = time.perf_counter() - t0
    page.wait_for_selector(live_sel, state="visible", timeout=120_000)
    live = time.perf_counter() - t0
    # When the preview's text was painted (Element Timing), in seconds from navigation start:
    # what a person sees; Playwright's own check runs on the page's main thread, which is
    # busy loading Voila's front end, so it notices later.
    geschilderd = page.evaluate(GESCHILDERD_JS)
    page.wait_for_timeout(1500)  # what the page still fetches after the form shows
    buiten = [
        u for u in verzoeken.values() if not u.startswith(("http://127.0.0.1", "data:", "blob:"))
    ]
    uitkomst = {
        "seconden": zichtbaar,
        "live": live,
        "geschilderd": geschilderd,
        "kB": sum(bytes_.values()) / 1000,
        "verzoeken": len(verzoeken),
        "buiten": buiten,
    }
    page.close(run_before_unload=True)  # gives the kernel back, as a closed tab does
    ctx.close()
    return uitkomst


def _samenvatting(naam: str, metingen: list[dict]) -> str:
    s = sorted(m["seconden"] for m in metingen)
    live = sorted(m["live"] for m in metingen)
    verf = sorted(m["geschilderd"] for m in metingen if m["geschilderd"] is not None)
    kb = statistics.median(m["kB"] for m in metingen)
    n = statistics.median(m["verzoeken"] for m in metingen)
    buiten = sum(len(m["buiten"]) for m in metingen)
    return (
        f"{naam}: {kb / 1000:.2f} MB transferred, {n:.0f} requests, {buiten} outside "
        f"127.0.0.1; visible after median {statistics.median(s):.2f} s "
        f"(runs {', '.join(f'{x:.2f}' for x in s)}); painted after median "
        f"{statistics.median(verf) if verf else float('nan'):.2f} s "
        f"(runs {', '.join(f'{x:.2f}' for x in verf)}); live widgets after median "
        f"{statistics.median(live):.2f} s (runs {', '.join(f'{x:.2f}' for x in live)})"
    )


def main(keer: int) -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-pagina-"))
    db = tmp / "w.sqlite"
    store.maak_werkruimte(db)
    demo.bouw_wijk(db, "Laak", "Den Haag", 40795)
    plan = start.plan(db, "Laak", groepen=["bewoners", "projectteam"], poort=18910, deelnemers=2)
    # Refill 20 s after a page took its kernel: after the page is measured (a refill starts a
    # kernel that runs the notebook, which would compete with the measured page for the
    # CPU), and before the next page, so that every measured page gets a preheated kernel.
    plan.vul_na = 20
    log = tmp / "voila.log"
    uit = open(log, "w")  # noqa: SIM115
    proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}")
    try:
        _wacht_tot(
            lambda: _gevuld(log, "deelnemer.ipynb") and _gevuld(log, "leider.ipynb"), proc, log
        )
        deelnemer = plan.deelnemer_urls()["bewoners"]
        paginas = [
            (
                "participant",
                deelnemer,
                DEELNEMER_ZICHTBAAR,
                DEELNEMER_LIVE,
                {"width": 390, "height": 844},
            ),
            (
                "facilitator",
                plan.leider_url,
                LEIDER_ZICHTBAAR,
                LEIDER_LIVE,
                {"width": 1400, "height": 1000},
            ),
        ]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for vertraging in (1, 4):
                for naam, url, zichtbaar_sel, live_sel, viewport in paginas:
                    notebook = "deelnemer.ipynb" if naam == "participant" else "leider.ipynb"
                    metingen = []
                    for _ in range(keer):
                        voor = _gevuld(log, notebook)
                        metingen.append(
                            meet_pagina(browser, url, zichtbaar_sel, live_sel, vertraging, viewport)
                        )
                        _wacht_tot(lambda n=notebook, v=voor: _gevuld(log, n) > v, proc, log)
                        time.sleep(1)  # the new kernel's start settles
                    print(_samenvatting(f"{naam} page at {vertraging}x CPU", metingen))
            browser.close()
        print(f"load average afterwards {os.getloadavg()}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        uit.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    a = argparse.ArgumentParser()
    a.add_argument("--keer", type=int, default=5, help="pages per figure (median)")
    main(a.parse_args().keer)
