"""Benchmark of scoring at scale (issue 19): a score grid pasted for one group, and a score
import of 96,000 rows, both into a real SQLite workspace.

1. Grid: 24 subjects x 8 criteria pasted as tab-separated text into the score grid widget
   (``ScoreRaster``), checked, saved, and the ranking (``ResultaatView``, which follows the
   model) redrawn; kernel side, no browser. Target <= 300 ms.
2. Import: a CSV of 96,000 scores (60 subjects = 40 opgaven + 20 koppelingen, 8 criteria,
   200 scorers in 10 groups, everyone scores everything), preview (read + check every row)
   and write (all or nothing through the store). Target <= 5 s together.

   Three cases, each in a fresh wijk: the first import (96,000 new scores), the same file
   again (every value unchanged: nothing written, no history entry) and a file in which
   every value differs (96,000 scores changed in place, one history entry).

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_scores.py [--alleen-import]`` (grid:
median of 5 runs after a warm-up; import: median of 3 runs per case). Prints the load
average with the figures.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from wijkanalyse import store, uitwisseling
from wijkanalyse.model import WijkModel

CRITERIA = pd.DataFrame(
    {
        "naam": [f"Criterium {i}" for i in range(1, 9)],
        "richting": ["lager is beter" if i % 4 == 0 else "hoger is beter" for i in range(1, 9)],
        "gewicht": [1.0, 2.0, 1.5, 1.0, 3.0, 1.0, 0.5, 2.0],
        "schaal_min": 1,
        "schaal_max": 5,
    }
)


def _wijk(path: Path, naam: str, n_opgaven: int, n_koppelingen: int) -> WijkModel:
    store.voeg_wijk_toe(path, naam, "Benchgemeente", criteria=CRITERIA)
    opgaven = pd.DataFrame(
        {
            "titel": [f"{naam} opgave {i}" for i in range(1, n_opgaven + 1)],
            "transitie": "energie",
            "soort": "fysiek",
            "rol": "meeliftend",
        }
    )
    ids = store.importeer_opgaven(path, naam, opgaven)
    for k in range(n_koppelingen):
        store.zet_koppeling(path, naam, ids[k], ids[k + 1], "koppelkans")
    return WijkModel(path=str(path), wijk=naam)


def bench_raster(path: Path, *, hele_resultaat: bool = False) -> list[float]:
    """Paste, check, save and redraw. The ranking (its table and figure, the 'Ranglijst'
    tab) follows the model as in the notebook; with ``hele_resultaat`` the whole
    ``ResultaatView`` (five tabs: groups, sensitivity with 1,000 draws, derivation, ...)."""
    from wijkanalyse.sections import afweging as sections
    from wijkanalyse.widgets.resultaat import ResultaatView
    from wijkanalyse.widgets.scoren import ScoreView

    model = _wijk(path, "Raster" + ("-heel" if hele_resultaat else ""), 24, 0)
    sv = ScoreView(model)
    getekend: list[object] = []
    if hele_resultaat:
        ResultaatView(model)
    else:

        def ranglijst(_c: object) -> None:
            res = sections.bereken_afweging(model)
            getekend.append(sections.ranglijst_tabel(model, res).data)
            getekend.append(sections.ranglijst_figuur(model, res))

        model.observe(ranglijst, ["versie"])
    r = sv.raster
    r.groep.value = "projectteam"
    r.toon.click()
    regels = r.tekst.value.split("\n")
    tijden: list[float] = []
    cpu: list[float] = []
    for run in range(6):
        geplakt = [regels[0]] + [
            "\t".join([regel.split("\t")[0], *(str(1 + (i + j + run) % 5) for j in range(8))])
            for i, regel in enumerate(regels[1:])
        ]
        tekst = "\r\n".join(geplakt)
        t0, c0 = time.perf_counter(), time.process_time()
        r.tekst.value = tekst
        r.controleer.click()
        r.opslaan.click()
        tijden.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        assert "192 scores uit het raster opgeslagen" in sv.melding.value, sv.melding.value
    assert hele_resultaat or len(getekend) == 12
    print(
        f"  cpu-tijd per run: mediaan {statistics.median(cpu[1:]) * 1000:.0f} ms", file=sys.stderr
    )
    return tijden[1:]


def _score_csv(model: WijkModel, pad: Path, verschuiving: int = 0) -> int:
    ctx = uitwisseling.score_context(model)
    labels = list(ctx.labels.values())
    criteria = list(ctx.criteria["naam"])
    regels = ["Onderwerp;Criterium;Score;Groep;Scorer"]
    for g in range(10):
        for p in range(20):
            for i, label in enumerate(labels):
                for j, c in enumerate(criteria):
                    regels.append(
                        f"{label};{c};{1 + (i + j + p + verschuiving) % 5};groep {g};scorer {g}-{p}"
                    )
    pad.write_text("\r\n".join(regels) + "\r\n", encoding="utf-8-sig")
    return len(regels) - 1


GEVALLEN = (
    ("eerste import (96.000 nieuwe scores)", 0),
    ("opnieuw, dezelfde waarden (niets gewijzigd)", 0),
    ("opnieuw, alle waarden anders (96.000 gewijzigd)", 1),
)


def bench_import(path: Path, d: Path, herhalingen: int = 3) -> dict[str, list[tuple[float, ...]]]:
    """Three cases, each ``herhalingen`` times in a fresh wijk: a first import into an empty
    wijk, the same file again (every value unchanged: nothing to write), and a file in which
    every value differs (every score changed). Per case (preview, write, preview's CPU,
    write's CPU) in seconds."""
    tijden: dict[str, list[tuple[float, ...]]] = {naam: [] for naam, _ in GEVALLEN}
    for herhaling in range(herhalingen):
        model = _wijk(path, f"Import {herhaling}", 40, 20)
        for naam, verschuiving in GEVALLEN:
            pad = d / f"scores-{verschuiving}.csv"
            n = _score_csv(model, pad, verschuiving=verschuiving)
            assert n == 96_000, n
            inhoud = pad.read_bytes()
            t0, c0 = time.perf_counter(), time.process_time()
            vb = uitwisseling.voorbeeld_scores_bestand(model, "scores.csv", inhoud)
            t1, c1 = time.perf_counter(), time.process_time()
            assert vb.in_orde and len(vb.rijen) == n, vb.fouten[:3]
            n_historie = len(model.historie())
            uitkomst = uitwisseling.voer_scores_uit(model, vb)
            t2, c2 = time.perf_counter(), time.process_time()
            verwacht = (n, 0) if naam == GEVALLEN[0][0] else (0, 0 if verschuiving == 0 else n)
            assert (uitkomst.gegeven, uitkomst.nieuw, uitkomst.gewijzigd) == (n, *verwacht)
            # one history entry (one undo step), none when nothing changed
            assert len(model.historie()) == n_historie + (0 if uitkomst.niets_gewijzigd else 1)
            tijden[naam].append((t1 - t0, t2 - t1, c1 - c0, c2 - c1))
            print(
                f"  {naam}: voorbeeld {t1 - t0:.2f} s (cpu {c1 - c0:.2f}), schrijven "
                f"{t2 - t1:.2f} s (cpu {c2 - c1:.2f}); {uitkomst}; "
                f"load {os.getloadavg()[0]:.1f}",
                file=sys.stderr,
            )
        assert len(model.scores()) == n  # a scorer's new score replaced the old one
    print(f"  bestand: {len(inhoud) / 1e6:.1f} MB", file=sys.stderr)
    return tijden


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        path = d / "bench.sqlite"
        store.maak_werkruimte(path)
        print(f"load average voor: {os.getloadavg()}")
        alleen_import = "--alleen-import" in sys.argv[1:]
        for heel, wat in (
            () if alleen_import else ((False, "ranglijst"), (True, "hele ResultaatView"))
        ):
            raster = bench_raster(path, hele_resultaat=heel)
            print(
                f"raster 24 x 8 plakken + controleren + opslaan + {wat} opnieuw: mediaan "
                f"{statistics.median(raster) * 1000:.0f} ms (min {min(raster) * 1000:.0f}, "
                f"max {max(raster) * 1000:.0f}; doel <= 300 ms)"
            )
        for naam, tijden in bench_import(path, d).items():
            voorbeeld = statistics.median(t[0] for t in tijden)
            schrijven = statistics.median(t[1] for t in tijden)
            totaal = statistics.median(t[0] + t[1] for t in tijden)
            cpu = statistics.median(t[2] + t[3] for t in tijden)
            print(
                f"score-import 96.000 rijen, {naam}: voorbeeld {voorbeeld:.2f} s + schrijven "
                f"{schrijven:.2f} s, samen {totaal:.2f} s (cpu {cpu:.2f} s; mediaan van "
                f"{len(tijden)}; doel <= 5 s)"
            )
        print(f"load average na: {os.getloadavg()}")


if __name__ == "__main__":
    main()
