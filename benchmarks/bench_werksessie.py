"""Werksessie under load: real Voila, real headless Chromium, one workspace file.

    python benchmarks/bench_werksessie.py [--deelnemers 30] [--venster 30]

1. Starts a werksessie on a copy of the demo wijk Laak (as ``wijkanalyse werksessie`` does)
   and waits until the pool of preheated participant kernels is filled.
2. Opens the facilitator page and the beamer page (1280x720), opens a scoring round on one
   opgave (8 criteria).
3. Requests N participant pages spread evenly over the window (30 within 30 s), each in its
   own browser context; measures request -> join form visible, and join -> score cards.
4. Reads the resident memory (RSS) of every participant kernel.
5. Every participant clicks all 8 scores at once (N x 8 saves together); counts rows in the
   workspace (lost, duplicated) and the time until the facilitator page and the beamer show
   the last; then one more answer in a quiet room, its commit -> the beamer showing it.
6. A voting round (3 dots on 5 opgaven; every participant gives 1 + 2 dots) and a pairwise
   round (4 criteria, 6 pairs; every participant saves all 6 at once), each opened from the
   facilitator's page: answers kept (rows in ``antwoorden``: none lost, none twice), pages
   confirming, and the time from the last answer stored until the facilitator page and the
   beamer page (1280x720) show the final result, checked value by value: every subject's
   dots; every group's weights and number of people (facilitator) or every group's bar
   heights (beamer), against the weights computed from the stored rows.
7. 10 participants close their tab without unloading and 5 reload; counts the live kernels
   for a minute (at most the planned pool plus the open pages).
8. ``kill -9`` of the server during the open round; starts it again the same way; checks the
   session and the open round are back, every confirmed save is there and
   ``PRAGMA integrity_check`` is ok.

Browser CPU is kept out of the server's way: by default the participants are websocket
clients (``voila_client.py``) that fetch the page and every static file a real Chromium
fetched for it, open the kernel's websocket and talk to the widgets as Voila's widget manager
does; "form visible" is when the form's widget states have arrived. Only the facilitator's
page is a real Chromium, at the lowest priority (nice 19). ``--chromium`` makes every
participant a real Chromium page too (also at nice 19): on one 2-core machine those browsers
then compete with the server, so read those figures as a worst case.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from voila_client import Pagina  # noqa: E402

from wijkanalyse import demo, store  # noqa: E402
from wijkanalyse.databank import werksessie as opslag  # noqa: E402
from wijkanalyse.werksessie import start, vragen  # noqa: E402

#: Whether the beamer page shows this number of answers.
TOONT = (
    "(n) => { const el = document.querySelector('.wa-antwoorden'); "
    "return !!el && el.textContent.trim() === String(n); }"
)


def _kernels(map_: str = "voila_") -> list[int]:
    """Live kernel processes of the server whose connection files are in ``map_`` (other
    servers on this machine have their own)."""
    pids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                cmd = (p / "cmdline").read_bytes()
                toestand = (p / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if b"ipykernel_launcher" in cmd and map_.encode() in cmd and toestand != "Z":
                pids.append(int(p.name))
    return pids


def _verbindingsmap(log: Path) -> str:
    m = re.search(r"Storing connection files in (\S+?)\.?$", log.read_text(), re.M)
    return m.group(1) if m else "voila_"


async def _verdwenen_paginas(plan, log: Path, pages: list, statisch, urls) -> list[Pagina]:
    """Issue 18: of the participants, 10 close their tab without unloading (the websocket
    just goes), 5 reload (the page's shutdown call, then a new page). One minute later the
    live kernels are at most the planned pool plus the open pages."""
    map_ = _verbindingsmap(log)
    voor = len(_kernels(map_))
    weg, herladen, blijven = pages[:10], pages[10:15], pages[15:]
    for p in weg:
        await p.sluit()
    for p in herladen:
        await p.verlaat()
    nieuw = await asyncio.gather(
        *(
            _deelnemer_ws(statisch, urls[i % len(urls)], f"Herladen{i}", 0, {})
            for i in range(len(herladen))
        )
    )
    open_ = len(blijven) + len(nieuw) + 1  # + the facilitator's page
    grens = plan.pool + 2 + open_
    t0 = time.perf_counter()
    metingen = []
    while (t := time.perf_counter() - t0) < 60:
        metingen.append((t, len(_kernels(map_))))
        await asyncio.sleep(5)
    metingen.append((time.perf_counter() - t0, len(_kernels(map_))))
    reeks = ", ".join(f"{t:.0f} s: {n}" for t, n in metingen[::3] + metingen[-1:])
    print(
        f"live kernels with {len(pages)} pages open: {voor}; then {len(weg)} closed without "
        f"unloading and {len(herladen)} reloaded -> {reeks}; one minute later "
        f"{metingen[-1][1]} (limit: pool {plan.pool} + facilitator pool 2 + open pages "
        f"{open_} = {grens}) {'OK' if metingen[-1][1] <= grens else 'OVER'}"
    )
    return blijven + list(nieuw)


def _rss_mb(pid: int) -> float:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1]) / 1024
    return 0.0


def _heeft_pandas(pid: int) -> bool:
    try:
        return "pandas/_libs" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _nice_browsers() -> int:
    n = 0
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                cmd = (p / "cmdline").read_bytes()
            except OSError:
                continue
            if b"chrom" in cmd.split(b"\0")[0]:
                try:
                    os.setpriority(os.PRIO_PROCESS, int(p.name), 19)
                    n += 1
                except OSError:
                    pass
    return n


def _wacht_op_pool(log: Path, n: int, proc: subprocess.Popen, timeout: float = 600) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(log.read_text())
        if f"Kernel pool of deelnemer.ipynb is filled with {n} kernel" in log.read_text():
            return time.perf_counter() - t0
        time.sleep(0.2)
    raise SystemExit("pool niet gevuld")


def _aantal(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        sql = "SELECT COUNT(*) FROM scores WHERE moment LIKE 'werksessie %'"
        n = con.execute(sql).fetchone()[0]
        uniek = con.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT scorer, groep, onderwerp_soort, onderwerp_id, "
            "criterium_id FROM scores WHERE moment LIKE 'werksessie %')"
        ).fetchone()[0]
        return n, uniek
    finally:
        con.close()


async def _deelnemer(browser, url: str, naam: str, vertraging: float, uit: dict) -> object:
    await asyncio.sleep(vertraging)
    ctx = await browser.new_context(viewport={"width": 390, "height": 844})
    page = await ctx.new_page()
    t0 = time.perf_counter()
    await page.goto(url, timeout=120_000)
    await page.wait_for_selector(".wa-naam input", timeout=120_000)
    uit["formulier"] = time.perf_counter() - t0
    await page.fill(".wa-naam input", naam)
    t1 = time.perf_counter()
    await page.click(".wa-meedoen")
    await page.wait_for_selector(".wa-schaal", timeout=60_000)
    uit["kaarten"] = time.perf_counter() - t1
    return page


async def _deelnemer_ws(statisch, url: str, naam: str, vertraging: float, uit: dict) -> Pagina:
    await asyncio.sleep(vertraging)
    p = Pagina(url, statisch)
    uit["formulier"] = await p.open()
    await p.zet(p.vind("wa-naam")[0], value=naam)
    t1 = time.perf_counter()
    await p.klik(p.vind("wa-meedoen")[0])
    await p.wacht(lambda: len(p.vind("wa-schaal")) >= 8, 120)
    uit["kaarten"] = time.perf_counter() - t1
    return p


async def _statisch(browser, url: str) -> list[str]:
    """The static files a real Chromium fetches for a participant page."""
    ctx = await browser.new_context()
    page = await ctx.new_page()
    gezien: list[str] = []
    page.on("request", lambda r: gezien.append(r.url))
    await page.goto(url, timeout=120_000)
    await page.wait_for_selector(".wa-naam input", timeout=120_000)
    await ctx.close()
    basis = url.split("/voila/")[0]
    return sorted({u[len(basis) :] for u in gezien if u.startswith(basis) and "/static/" in u})


def _antwoorden(db: Path, ronde_id: int) -> int:
    con = sqlite3.connect(db)
    try:
        sql = "SELECT COUNT(*) FROM antwoorden WHERE ronde_id = ?"
        return con.execute(sql, (ronde_id,)).fetchone()[0]
    finally:
        con.close()


def _antwoorden_telling(db: Path, ronde_id: int) -> tuple[int, int, int]:
    """A round's answer rows: all, distinct (participant, subject), distinct participants."""
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT COUNT(*), COUNT(DISTINCT deelnemer_id || '/' || onderwerp), "
            "COUNT(DISTINCT deelnemer_id) FROM antwoorden WHERE ronde_id = ?",
            (ronde_id,),
        ).fetchone()
    finally:
        con.close()


def _bevestigd(p: Pagina) -> int:
    return sum(
        'class="wa-ok"' in str(p.modellen[m].get("value", "")) for m in p.vind("wa-vraag-status")
    )


async def _open_via_leider(leider, db: Path, sessie_id: int, ronde_id: int) -> int:
    """Open the newest round with the facilitator's own button (the page then shows it)."""
    await leider.locator(".wa-ronde").last.locator(".wa-openen").click(timeout=60_000)
    con = opslag.verbind(db)
    try:
        for _ in range(600):
            ronde = opslag.open_ronde(con, sessie_id)
            if ronde is not None and ronde["id"] == ronde_id:
                return ronde_id
            await asyncio.sleep(0.1)
    finally:
        con.close()
    raise SystemExit("ronde niet geopend")


#: The beamer shows round ``r`` with ``n`` answers and, per chart trace (by name), the
#: values per label (bars: label -> value; ``h``: horizontal, the label on the y axis).
BEAMER_TOONT = """(v) => {
  if (document.body.getAttribute('data-ronde') !== String(v.r)) return false;
  const el = document.querySelector('.wa-antwoorden');
  if (!el || el.textContent.trim() !== String(v.n)) return false;
  const g = document.getElementById('wa-grafiek');
  if (!g || !g._fullData) return false;
  for (const [naam, verwacht] of Object.entries(v.sporen)) {
    const d = g._fullData.find((t) => (v.h ? true : t.name === naam));
    if (!d) return false;
    const labels = v.h ? d.y : d.x, waarden = v.h ? d.x : d.y;
    const gezien = {};
    for (let i = 0; i < labels.length; i++) gezien[labels[i]] = Number(waarden[i]);
    for (const [label, x] of Object.entries(verwacht)) {
      if (!(label in gezien) || Math.abs(gezien[label] - x) > 0.051) return false;
    }
    if (Object.keys(gezien).length !== Object.keys(verwacht).length) return false;
  }
  return true;
}"""

#: The facilitator's vote table shows exactly these counts per subject.
LEIDER_STEMMEN = """(verwacht) => {
  const rijen = document.querySelectorAll('.wa-live .wa-stemmen tbody tr');
  if (rijen.length !== Object.keys(verwacht).length) return false;
  for (const tr of rijen) {
    const titel = tr.querySelector("td[data-kop='Onderwerp']").textContent.trim();
    const n = tr.querySelector("td[data-kop='Stemmen'] .wa-balk-tekst").textContent.trim();
    if (verwacht[titel] !== Number(n)) return false;
  }
  return true;
}"""

#: The facilitator's weight tables: per group its heading (how many people) and its weights.
LEIDER_GEWICHTEN = """(v) => {
  const koppen = [...document.querySelectorAll('.wa-live h3.wa-gewichten-groep')];
  if (koppen.length !== Object.keys(v).length) return false;
  for (const h of koppen) {
    const groep = Object.keys(v).find((g) => h.textContent.startsWith(g + ' ('));
    if (!groep || !h.textContent.startsWith(groep + ' (' + v[groep].n + ' ')) return false;
    const tabel = h.nextElementSibling;
    for (const tr of tabel.querySelectorAll('tbody tr')) {
      const c = tr.querySelector("td[data-kop='Criterium']").textContent.trim();
      const t = tr.querySelector("td[data-kop='Gewicht'] .wa-balk-tekst").textContent.trim();
      if (v[groep].tekst[c] !== t) return false;
    }
  }
  return true;
}"""


async def _na(t0: float, wacht) -> float:
    """Seconds from ``t0`` until ``wacht`` (awaitable) is done."""
    await wacht
    return time.perf_counter() - t0


async def _in_db(db: Path, rid: int, verwacht: int, timeout: float = 120) -> None:
    t0 = time.perf_counter()
    while _antwoorden(db, rid) < verwacht and time.perf_counter() - t0 < timeout:
        await asyncio.sleep(0.05)


def _rij_verslag(db: Path, rid: int, verwacht: int, personen: int) -> str:
    n, uniek, mensen = _antwoorden_telling(db, rid)
    return (
        f"{n} answer rows (expected {verwacht}), {n - uniek} duplicated, "
        f"{verwacht - uniek} lost, from {mensen} of {personen} participants"
    )


def _verwachte_stemmen(db: Path, rid: int) -> dict[str, int]:
    """The dots per subject title, counted from the stored rows (every subject of the round,
    also those without dots)."""
    con = opslag.verbind(db)
    try:
        ronde = opslag.ronde(con, rid)
        titels = {f"{o['soort']}:{o['id']}": o["titel"] for o in opslag.onderwerpen(con, ronde)}
        telling = dict.fromkeys(titels.values(), 0)
        for k, n in con.execute(
            "SELECT onderwerp, SUM(waarde) FROM antwoorden WHERE ronde_id = ? GROUP BY onderwerp",
            (rid,),
        ):
            telling[titels[k]] += int(n)
        return telling
    finally:
        con.close()


async def _vraagrondes(
    db: Path, plan, leider, beamer, pages: list[Pagina], scores_ronde: int
) -> None:
    """Issue 22: a voting round and a pairwise round for every participant at once, each
    measured on the facilitator's page and on the beamer page (the final counts and weights,
    checked value by value); then the scoring round is open again (for the restart check
    below)."""
    from wijkanalyse.werksessie.vraagsoorten import gewichten

    sid = plan.sessie["id"]
    opg = store.opgaven(db, "Laak")["id"].tolist()[:5]
    rid = vragen.voeg_vraagronde_toe(
        db, sid, "stemmen", [("opgave", o) for o in opg], {"modus": "stippen", "stippen": 3}
    )
    await leider.wait_for_selector(".wa-ronde >> nth=1", timeout=120_000)  # live, no reload
    await _open_via_leider(leider, db, sid, rid)
    t0 = time.perf_counter()
    await asyncio.gather(
        *(
            p.wacht(lambda p=p: len(p.vind("wa-stem")) >= 5 and p.vind("wa-vraag-status"), 120)
            for p in pages
        )
    )
    t_form = time.perf_counter() - t0
    await beamer.wait_for_selector(f"body[data-ronde='{rid}']", timeout=60_000)
    verwacht = 2 * len(pages)
    t0 = time.perf_counter()
    db_klaar = asyncio.ensure_future(_na(t0, _in_db(db, rid, verwacht)))
    for p in pages:
        stem = p.vind("wa-stem")
        await p.zet(stem[0], index=1)
        await p.zet(stem[1], index=2)
    t_db = await db_klaar
    stemmen = _verwachte_stemmen(db, rid)
    t_leider, t_beamer = await asyncio.gather(
        _na(t0, leider.wait_for_function(LEIDER_STEMMEN, arg=stemmen, timeout=60_000)),
        _na(
            t0,
            beamer.wait_for_function(
                BEAMER_TOONT,
                arg={"r": rid, "n": verwacht, "h": True, "sporen": {"": stemmen}},
                timeout=60_000,
                polling=50,
            ),
        ),
    )
    await asyncio.gather(*(p.wacht(lambda p=p: _bevestigd(p) >= 2, 60) for p in pages))
    print(
        f"voting round (3 dots on 5 opgaven, each participant 1 + 2): forms on all "
        f"{len(pages)} pages {t_form:.2f} s after opening; "
        f"{_rij_verslag(db, rid, verwacht, len(pages))}, {sum(stemmen.values())} dots "
        f"(expected {3 * len(pages)}); all stored {t_db:.2f} s after the first answer was sent"
    )
    print(
        f"  facilitator page showed every count after {t_leider:.2f} s "
        f"({t_leider - t_db:.2f} s after the last save); beamer page (1280x720) showed the "
        f"{verwacht} answers and every count in its chart after {t_beamer:.2f} s "
        f"({t_beamer - t_db:.2f} s after the last save; target <= 2 s); pages confirming "
        f"both: {sum(_bevestigd(p) >= 2 for p in pages)} of {len(pages)}"
    )

    crit = store.criteria(db, "Laak")["id"].tolist()[:4]
    rid = vragen.voeg_vraagronde_toe(db, sid, "paarsgewijs", [("criterium", c) for c in crit])
    await leider.wait_for_selector(".wa-ronde >> nth=2", timeout=120_000)
    await _open_via_leider(leider, db, sid, rid)
    t0 = time.perf_counter()
    await asyncio.gather(
        *(
            p.wacht(lambda p=p: len(p.vind("wa-oordeel")) >= 6 and p.vind("wa-opslaan"), 120)
            for p in pages
        )
    )
    t_form = time.perf_counter() - t0
    await beamer.wait_for_selector(f"body[data-ronde='{rid}']", timeout=60_000)
    for i, p in enumerate(pages):
        for j, m in enumerate(p.vind("wa-oordeel")):
            await p.zet(m, index=1 + (i + j) % 17)  # every answer on the scale, some inconsistent
    verwacht = 6 * len(pages)
    t0 = time.perf_counter()
    db_klaar = asyncio.ensure_future(_na(t0, _in_db(db, rid, verwacht)))
    for p in pages:
        await p.klik(p.vind("wa-opslaan")[0])
    t_db = await db_klaar
    res = gewichten.resultaat_paarsgewijs(db, rid)  # the final weights, from the stored rows
    per_groep = {
        str(g): {
            "n": int(d["n"].iloc[0]),
            "tekst": {
                c: f"{x * 100:.1f} %".replace(".", ",")
                for c, x in zip(d["criterium"], d["gewicht"], strict=True)
            },
            "procent": {
                c: round(x * 100, 1) for c, x in zip(d["criterium"], d["gewicht"], strict=True)
            },
        }
        for g, d in res.groupby("groep", sort=False)
    }
    t_leider, t_beamer = await asyncio.gather(
        _na(t0, leider.wait_for_function(LEIDER_GEWICHTEN, arg=per_groep, timeout=60_000)),
        _na(
            t0,
            beamer.wait_for_function(
                BEAMER_TOONT,
                arg={
                    "r": rid,
                    "n": verwacht,
                    "h": False,
                    "sporen": {g: v["procent"] for g, v in per_groep.items()},
                },
                timeout=60_000,
                polling=50,
            ),
        ),
    )
    await asyncio.gather(*(p.wacht(lambda p=p: _bevestigd(p) >= 1, 60) for p in pages))
    alle = per_groep[gewichten.ALLE]
    print(
        f"pairwise round (4 criteria, 6 pairs): forms on all pages {t_form:.2f} s after "
        f"opening; {_rij_verslag(db, rid, verwacht, len(pages))}; all stored {t_db:.2f} s "
        f"after the first save was sent; weights of all {alle['n']}: "
        + ", ".join(f"{c} {t}" for c, t in alle["tekst"].items())
    )
    print(
        f"  facilitator page showed the weights of every group after {t_leider:.2f} s "
        f"({t_leider - t_db:.2f} s after the last save); beamer page showed the {verwacht} "
        f"answers and every group's weights in its chart after {t_beamer:.2f} s "
        f"({t_beamer - t_db:.2f} s after the last save; target <= 2 s); pages confirming: "
        f"{sum(_bevestigd(p) >= 1 for p in pages)} of {len(pages)}"
    )
    await leider.locator(".wa-ronde").first.locator(".wa-openen").click(timeout=60_000)
    await leider.wait_for_selector(".wa-totaal", timeout=60_000)


KLIK_ALLES = """() => document.querySelectorAll('.wa-schaal').forEach(g =>
  [...g.querySelectorAll('button')].find(b => b.textContent.trim() === '3').click())"""


async def main(n: int, venster: float, chromium: bool, poort: int = 18890) -> None:
    from playwright.async_api import async_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-werksessie-"))
    db = tmp / "w.sqlite"
    store.maak_werkruimte(db)
    demo.bouw_wijk(db, "Laak", "Den Haag", 40795)
    groepen = ["bewoners", "projectteam", "corporatie"]
    plan = start.plan(db, "Laak", groepen=groepen, poort=poort, deelnemers=n)
    log = tmp / "voila.log"
    uit = open(log, "w")  # noqa: SIM115
    proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
    print(f"machine: {os.cpu_count()} cores; pool {plan.pool} participant kernels")
    print(f"pool filled after {_wacht_op_pool(log, plan.pool, proc):.1f} s")

    opg = store.opgaven(db, "Laak")["id"].tolist()[0]
    rid = opslag.voeg_ronde_toe(db, plan.sessie["id"], "scores", [("opgave", opg)])
    opslag.zet_ronde_status(db, rid, "open")
    urls = list(plan.deelnemer_urls().values())

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        leider_ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
        leider = await leider_ctx.new_page()
        await leider.goto(plan.leider_url, timeout=120_000)
        await leider.wait_for_selector(".wa-live", timeout=120_000)
        beamer_ctx = await browser.new_context(viewport={"width": 1280, "height": 720})
        beamer = await beamer_ctx.new_page()
        t_b = time.perf_counter()
        await beamer.goto(plan.beamer_url, timeout=120_000)
        await beamer.wait_for_selector(f"body[data-ronde='{rid}']", timeout=120_000)
        print(
            f"beamer page (1280x720) showing the open round after {time.perf_counter() - t_b:.2f} s"
        )
        statisch = await _statisch(browser, urls[0])
        print(
            f"browser processes at nice 19: {_nice_browsers()}; a participant page loads "
            f"{len(statisch)} static files"
        )
        print("participants:", "real Chromium pages" if chromium else "websocket clients")
        metingen = [dict() for _ in range(n)]
        t0 = time.perf_counter()
        maak = _deelnemer if chromium else _deelnemer_ws
        bron = browser if chromium else statisch
        taken = [
            maak(bron, urls[i % len(urls)], f"Deelnemer{i}", i * venster / n, metingen[i])
            for i in range(n)
        ]
        resultaat = await asyncio.gather(*taken, return_exceptions=True)
        pages = [p for p in resultaat if not isinstance(p, Exception)]
        fouten = [p for p in resultaat if isinstance(p, Exception)]
        _nice_browsers()
        duur = time.perf_counter() - t0
        form = sorted(m["formulier"] for m in metingen if "formulier" in m)
        kaart = sorted(m["kaarten"] for m in metingen if "kaarten" in m)
        print(f"{len(pages)} of {n} participant pages showed their form ({duur:.1f} s in all)")
        for f in fouten[:3]:
            print("  failed:", str(f).splitlines()[0])
        if form:
            print(
                f"request -> join form visible: median {statistics.median(form):.2f} s, "
                f"worst {form[-1]:.2f} s"
            )
            print(
                f"join -> score cards visible: median {statistics.median(kaart):.2f} s, "
                f"worst {kaart[-1]:.2f} s"
            )

        rss = [(_rss_mb(p), _heeft_pandas(p)) for p in _kernels(_verbindingsmap(log))]
        deel = sorted(r for r, pandas in rss if not pandas)
        print(
            f"participant kernels: {len(deel)}, RSS median {statistics.median(deel):.0f} MB, "
            f"max {deel[-1]:.0f} MB; facilitator kernel(s): "
            f"{[round(r) for r, pandas in rss if pandas]} MB"
        )

        t0 = time.perf_counter()
        if chromium:
            await asyncio.gather(*(p.evaluate(KLIK_ALLES) for p in pages))
        else:
            await asyncio.gather(*(p.zet(m, index=2) for p in pages for m in p.vind("wa-schaal")))
        verwacht = len(pages) * 8
        t_db = None
        while time.perf_counter() - t0 < 120:
            aantal, uniek = _aantal(db)
            if aantal >= verwacht and t_db is None:
                t_db = time.perf_counter() - t0
                break
            await asyncio.sleep(0.05)
        # both pages watched at once: each its own time
        t_leider, t_beamer = await asyncio.gather(
            _na(t0, leider.wait_for_selector(f".wa-totaal >> text={verwacht}", timeout=60_000)),
            _na(t0, beamer.wait_for_function(TOONT, arg=verwacht, timeout=60_000, polling=50)),
        )
        aantal, uniek = _aantal(db)
        print(
            f"{len(pages)} x 8 saves at once: {aantal} rows (expected {verwacht}), "
            f"{aantal - uniek} duplicated, {verwacht - uniek} lost; all in the workspace after "
            f"{t_db:.2f} s; facilitator page showed {verwacht} after {t_leider:.2f} s "
            f"({t_leider - t_db:.2f} s after the last save)"
        )
        print(
            f"beamer showed {verwacht} answers after {t_beamer:.2f} s "
            f"({t_beamer - t_db:.2f} s after the last save; target <= 2 s)"
        )
        # one more answer when the room is quiet: its commit -> the beamer showing it
        laat = opslag.meld_aan(db, plan.sessie["id"], plan.sessie["groepen"][0]["id"], "Laat")
        crit = store.criteria(db, "Laak")["id"].tolist()[0]
        t1 = time.perf_counter()
        opslag.zet_score(db, laat["token"], plan.sessie["id"], rid, "opgave", opg, crit, 3)
        t_commit = time.perf_counter() - t1
        await beamer.wait_for_function(TOONT, arg=verwacht + 1, timeout=60_000)
        print(
            f"a single later answer: on the beamer {time.perf_counter() - t1 - t_commit:.2f} s "
            "after its commit"
        )
        verwacht += 1
        if chromium:
            bevestigd = await asyncio.gather(
                *(
                    p.evaluate("document.querySelectorAll('.wa-score-status .wa-ok').length")
                    for p in pages
                )
            )
        else:
            for p in pages:
                await p.wacht(lambda p=p: p.opgeslagen() >= 8, 30)
            bevestigd = [p.opgeslagen() for p in pages]
        print(f"pages confirming all 8 saves: {sum(b == 8 for b in bevestigd)} of {len(pages)}")
        if not chromium:
            await _vraagrondes(db, plan, leider, beamer, pages, rid)
            if len(pages) >= 15:
                pages = await _verdwenen_paginas(plan, log, pages, statisch, urls)
            for p in pages:
                await p.sluit()
        await browser.close()

    # kill -9 during the open round, then the same start command again
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    uit.close()
    time.sleep(3)
    weer = start.plan(db, "Laak", groepen=groepen, poort=poort, deelnemers=2)
    con = sqlite3.connect(db)
    integriteit = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    con = opslag.verbind(db)
    ronde = opslag.open_ronde(con, weer.sessie["id"])
    con.close()
    aantal, _ = _aantal(db)
    print(
        f"after kill -9 and restart: same session {weer.sessie['id'] == plan.sessie['id']}, "
        f"same key {weer.sessie['sleutel'] == plan.sessie['sleutel']}, round still open "
        f"{ronde is not None and ronde['id'] == rid}, rows {aantal} (confirmed {verwacht}), "
        f"integrity_check {integriteit}"
    )
    log2 = tmp / "voila2.log"
    with open(log2, "w") as uit2:
        proc2 = start.start(weer, stdout=uit2, stderr=subprocess.STDOUT)
        try:
            _wacht_op_pool(log2, weer.pool, proc2)
            async with async_playwright() as pw:
                b = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                pg = await b.new_page()
                await pg.goto(weer.leider_url, timeout=120_000)
                await pg.wait_for_selector(f".wa-totaal >> text={verwacht}", timeout=120_000)
                print("restarted facilitator page shows the open round with every answer: True")
                await b.close()
        finally:
            proc2.terminate()
            proc2.wait(timeout=30)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    a = argparse.ArgumentParser()
    a.add_argument("--deelnemers", type=int, default=30)
    a.add_argument("--venster", type=float, default=30.0)
    a.add_argument("--chromium", action="store_true", help="participants as real Chromium pages")
    a.add_argument("--poort", type=int, default=18890, help="the server's port (must be free)")
    args = a.parse_args()
    asyncio.run(main(args.deelnemers, args.venster, args.chromium, args.poort))
