"""What a team waits for when it reads its own Excel list of opgaven into a wijk.

The workbook is made as a team keeps it (as in ``tests/tabular_io/test_excel_team.py``): a
merged title row and an empty row above the header, extra columns (Nr., Type, Toelichting, Budget),
transitie merged down over several rows, dates where years are expected (an Excel date and
"31-12-2030" as text), diacritics, and some titles that are already in the wijk (other start
year). Measured for 15 rows (a real team's list) and 2,000 rows (the most one file may hold):

- preview: read the upload, map the columns, validate every row, compare with the wijk
  (``uitwisseling.voorbeeld_opgaven_bestand``), plain and in "update existing" mode;
- import: preview plus writing it (``uitwisseling.voer_import_uit``, all or nothing, with its
  history rows), into a fresh copy of the workspace each time.

Run: ``.venv/bin/python benchmarks/bench_import.py`` (median of the runs, after one warm-up).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl

from wijkanalyse import demo, store, uitwisseling
from wijkanalyse.model import open_wijk

KOP = ["Nr.", "Titel", "Transitie", "Type", "Startjaar", "Eindjaar", "Trekker", "Rol",
       "Toelichting", "Budget (mln €)"]  # fmt: skip
TRANSITIES = ["energie", "klimaatadaptatie", "natuurinclusiviteit", "mobiliteit",
              "verstedelijking", "sociaaleconomisch", "overig"]  # fmt: skip
WOORDEN = ["Warmtenet", "Groene schoolpleinen", "Riolering", "Buurtcentrum De Érve",
           "Deelmobiliteit", "Geveltuinen", "Zonnepanelen", "Schuldhulp", "Wadi's",
           "Café-overleg", "Isolatie portiekflats", "Reünie", "Fietsstraat"]  # fmt: skip


def team_werkboek(n: int, bestaand: list[str]) -> bytes:
    """``n`` rows the way a team keeps them; the last two titles are already in the wijk."""
    wb = openpyxl.Workbook()
    blad = wb.active
    blad.title = "Laak"
    blad["A1"] = "Inventarisatie opgaven wijk Laak – stand 01-03-2026"
    blad.merge_cells("A1:J1")
    blad.append([])
    blad.append(KOP)
    titels = [f"{WOORDEN[i % len(WOORDEN)]} {i + 1}" for i in range(n - 2)] + bestaand[:2]
    eerste = blad.max_row + 1
    for i, titel in enumerate(titels):
        start: object = dt.datetime(2027, 3, 1) if i % 7 == 0 else 2026 + i % 4
        eind: object = "31-12-2030" if i % 5 == 2 else 2031
        blad.append(
            [i + 1, titel, TRANSITIES[i % len(TRANSITIES)], "fysiek" if i % 2 else "sociaal",
             start, eind, "Gemeente" if i % 3 else "Corporatie Haag Wonen",
             "leidend" if i % 4 == 0 else "meeliftend", f"Toelichting bij rij {i + 1}",
             round(0.5 + i % 9 * 0.75, 2)]
        )  # fmt: skip
    # transitie merged down over three rows every ten rows (filled down on reading)
    for r in range(eerste, eerste + len(titels) - 3, 10):
        blad.cell(r + 1, 3).value = None
        blad.cell(r + 2, 3).value = None
        blad.merge_cells(start_row=r, start_column=3, end_row=r + 2, end_column=3)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def mediaan_ms(fn, runs: int, voor=None) -> float:
    """Median wall time of ``fn`` in ms over ``runs`` runs after one warm-up; ``voor`` runs
    untimed before each run."""
    tijden = []
    for i in range(runs + 1):
        if voor:
            voor()
        t0 = time.perf_counter()
        fn()
        if i:
            tijden.append((time.perf_counter() - t0) * 1000)
    return statistics.median(tijden)


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        sjabloon = Path(d) / "sjabloon.sqlite"
        store.maak_werkruimte(sjabloon)
        demo.bouw_wijk(sjabloon, "Laak", "Den Haag", 40795)
        werk = Path(d) / "werk.sqlite"
        bestaand = store.opgaven(sjabloon, "Laak")["titel"].tolist()
        print(f"load average bij de start: {os.getloadavg()[0]:.1f}; mediaan in ms")
        print(f"{'rijen':>6}  {'voorbeeld':>10}  {'voorbeeld bijwerken':>20}  {'inlezen':>10}")
        for n, runs in ((15, 7), (2000, 3)):
            inhoud = team_werkboek(n, bestaand)
            shutil.copy(sjabloon, werk)
            m = open_wijk("Laak", str(werk))
            vb = uitwisseling.voorbeeld_opgaven_bestand(m, "team.xlsx", inhoud, bijwerken=True)
            assert vb.in_orde, vb.fouten
            overgeslagen = [k for k, doel in vb.kolommen if doel == "overgeslagen"]
            assert len(vb.frame) == n and len(overgeslagen) == 4 and vb.titelrijen, vb.kolommen
            assert len(vb.wijzigingen) + vb.ongewijzigd == 2, "two titles already in the wijk"

            def voorbeeld(bijwerken: bool, inhoud: bytes = inhoud, m=m) -> None:
                uitwisseling.voorbeeld_opgaven_bestand(m, "team.xlsx", inhoud, bijwerken=bijwerken)

            def vers() -> None:
                shutil.copy(sjabloon, werk)

            def inlezen(inhoud: bytes = inhoud) -> None:
                mw = open_wijk("Laak", str(werk))
                vb = uitwisseling.voorbeeld_opgaven_bestand(mw, "team.xlsx", inhoud, bijwerken=True)
                uitwisseling.voer_import_uit(mw, vb)

            t_vb = mediaan_ms(lambda: voorbeeld(False), runs)
            t_bij = mediaan_ms(lambda: voorbeeld(True), runs)
            t_in = mediaan_ms(inlezen, runs, voor=vers)
            print(f"{n:>6}  {t_vb:>10.0f}  {t_bij:>20.0f}  {t_in:>10.0f}")
        na = store.opgaven(werk, "Laak")
        print(f"na het laatste inlezen: {len(na)} opgaven in Laak (was {len(bestaand)})")
        print(f"load average aan het eind: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
