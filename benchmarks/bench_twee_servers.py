"""Benchmark: two Voila servers on one PostgreSQL workspace (issue 10's figure).

A werksessie of Laak is started twice, on two ports, by two ``start.start`` launchers on the
same ``postgresql://`` workspace (the second resumes the session of the first: same key, same
links). A participant in real headless Chromium joins on server A and clicks scores; the
facilitator's page is open on server B. Measured per click: from the participant's page
saying "opgeslagen" (the score is committed) until the facilitator's page on the other
server shows the new number of answers, without a reload. Target: within 2 s.

PostgreSQL is a throwaway cluster in a temporary directory (tests/pg_cluster.py). Browsers
run at the same priority as the servers, on the same 2 cores: the figure includes their CPU.
Run: ``.venv/bin/python benchmarks/bench_twee_servers.py [--klikken 8]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pg_cluster import Cluster  # noqa: E402

from wijkanalyse import demo, store  # noqa: E402
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.werksessie import start  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wacht_op_poort(poort: int, proc: subprocess.Popen) -> None:
    for _ in range(900):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"Voila op poort {poort} stopte ({proc.returncode})") from None
            time.sleep(0.1)
    raise SystemExit(f"Voila op poort {poort} kwam niet op")


def _js_nieuwste(titel: str, criterium: str, waarde: int) -> str:
    """True once the facilitator's "Laatste antwoorden" table starts with this answer."""
    return (
        "(() => { const r = document.querySelector('.wa-laatste tbody tr');"
        f" const t = r ? r.innerText : ''; return t.includes({titel!r}) &&"
        f" t.includes({criterium!r}) && t.trim().endsWith('{waarde}'); }})()"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--klikken", type=int, default=8)
    a = ap.parse_args()
    print(f"machine: {os.cpu_count()} kernen, belasting vooraf {os.getloadavg()[0]:.1f}")
    cluster = Cluster()
    map_ = Path(tempfile.mkdtemp(prefix="wijkanalyse-twee-"))
    procs: list[subprocess.Popen] = []
    try:
        url = cluster.nieuwe_db("tweeservers")
        store.maak_werkruimte(url)
        demo.bouw_wijk(url, "Laak", "Den Haag", 40795)
        plannen = []
        for naam in ("A", "B"):
            p = start.plan(url, "laak", groepen=["bewoners"], poort=_vrije_poort(), deelnemers=2)
            p.vul_na = 1
            p.log = map_ / f"voila-{naam}.log"
            procs.append(start.start(p, stdout=open(p.log, "w"), stderr=subprocess.STDOUT))
            plannen.append(p)
        a_plan, b_plan = plannen
        assert a_plan.sessie["sleutel"] == b_plan.sessie["sleutel"], "twee sessies i.p.v. één"
        for p, proc in zip(plannen, procs, strict=True):
            _wacht_op_poort(p.poort, proc)

        opg = store.opgaven(url, "Laak")
        crit = store.criteria(url, "Laak")
        sessie_id = a_plan.sessie["id"]
        ronde = opslag.voeg_ronde_toe(
            url, sessie_id, "scores", [("opgave", int(i)) for i in opg["id"].head(2)]
        )
        opslag.zet_ronde_status(url, ronde, "open")

        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            leider = b.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            leider.goto(b_plan.leider_url, timeout=120_000)
            leider.wait_for_selector(".wa-live", timeout=120_000)
            deeln = b.new_context(viewport={"width": 390, "height": 844}).new_page()
            deeln.goto(a_plan.deelnemer_urls()["bewoners"], timeout=120_000)
            deeln.wait_for_selector(".wa-naam input", timeout=120_000)
            deeln.fill(".wa-naam input", "Meting")
            deeln.click(".wa-meedoen")
            deeln.wait_for_selector(".wa-kaart .wa-schaal", timeout=30_000)

            vertragingen = []
            for i in range(min(a.klikken, 2 * len(crit))):
                kaart, criterium = divmod(i, len(crit))
                waarde = 1 + i % 5
                schaal = deeln.locator(".wa-kaart").nth(kaart).locator(".wa-schaal").nth(criterium)
                schaal.locator("button", has_text=str(waarde)).click()
                deeln.wait_for_function(
                    f"document.querySelectorAll('.wa-score-status .wa-ok').length >= {i + 1}",
                    timeout=30_000,
                )
                t_opgeslagen = time.perf_counter()
                leider.wait_for_function(
                    _js_nieuwste(
                        str(opg["titel"].iloc[kaart]), str(crit["naam"].iloc[criterium]), waarde
                    ),
                    timeout=30_000,
                )
                vertragingen.append(time.perf_counter() - t_opgeslagen)
            b.close()
        rijen = len(store.scores(url, "Laak").query("moment.str.startswith('werksessie')"))
        print(
            f"score opgeslagen op server A -> zichtbaar op de pagina van server B: "
            f"mediaan {statistics.median(vertragingen):.2f} s, slechtste {max(vertragingen):.2f} s "
            f"over {len(vertragingen)} klikken (doel <= 2 s); {rijen} scores in de werkruimte"
        )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        cluster.stop()
        shutil.rmtree(map_, ignore_errors=True)
    print(f"belasting achteraf {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
