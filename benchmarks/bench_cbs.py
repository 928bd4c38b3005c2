"""Benchmark of the CBS import on a file the size of a national StatLine download.

*Kerncijfers wijken en buurten* for all of the Netherlands has about 17,000 rows (country,
gemeenten, wijken, buurten); this file has 17,000 rows with 40 subjects each, in StatLine's
layout, padding and '.' included. Run: ``.venv/bin/python benchmarks/bench_cbs.py``. Prints
the median of 3 runs of reading the file (``lees_statline``) and of the whole import into a
workspace with the 18 programme wijken (read, match, store), and the profile of one wijk.
Target: the whole import under 10 s on 2 cores.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wijkanalyse import store
from wijkanalyse.core.catalog import programma_wijken  # noqa: E402
from wijkanalyse.model import WijkModel  # noqa: E402
from wijkanalyse.sections import wijkprofiel as sections_cbs
from wijkanalyse.wijkprofiel import cbs  # noqa: E402

RUNS = 3
ONDERWERPEN = 40
DOEL_S = 10.0


def landelijk_bestand() -> bytes:
    """A synthetic national file: each programme gemeente with its wijk, plus filler regions."""
    kop = ["Wijken en buurten", "Gemeentenaam (naam)", "Codering (code)", "Perioden"]
    kop += [f"Onderwerp {i} (%)" for i in range(ONDERWERPEN)]
    regels = ['"' + '";"'.join(kop) + '"']

    def rij(naam: str, gemeente: str, code: str, i: int) -> str:
        waarden = [
            "       ." if (i + j) % 17 == 0 else f"{(i * 7 + j) % 1000 / 10:>8}"
            for j in range(ONDERWERPEN)
        ]
        return '"' + '";"'.join([naam, gemeente, f"{code:<10}", "2023", *waarden]) + '"'

    regels.append(rij("Nederland", "Nederland", "NL01", 0))
    n = 1
    for g, w in enumerate(programma_wijken().itertuples()):
        regels.append(rij(w.gemeente, w.gemeente, f"GM{9000 + g}", n))
        regels.append(rij(w.naam, w.gemeente, f"WK{9000 + g}01", n + 1))
        n += 2
    while n < 17_000:
        g, k = divmod(n, 100)
        regels.append(rij(f"Buurt {n}", f"Gemeente {g}", f"BU{g:04d}{k:04d}", n))
        n += 1
    return ("\n".join(regels) + "\n").encode("utf-8")


def main() -> None:
    ruw = landelijk_bestand()
    print(f"bestand: {len(ruw) / 1e6:.1f} MB, 17.000 rijen x {ONDERWERPEN} onderwerpen")
    lezen, lezen_cpu, importeren, profiel = [], [], [], []
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        cbs.lees_statline(ruw, naam="landelijk.csv")
        lezen.append(time.perf_counter() - t0)
        lezen_cpu.append(time.process_time() - c0)
        with tempfile.TemporaryDirectory() as d:
            p = store.maak_werkruimte(Path(d) / "w.sqlite")
            for w in programma_wijken().itertuples():
                store.voeg_wijk_toe(p, w.naam, w.gemeente, int(w.inwoners))
            t0 = time.perf_counter()
            v = cbs.importeer(p, ruw, naam="landelijk.csv", bron_tabel="BENCH")
            importeren.append(time.perf_counter() - t0)
            assert len(v.gekoppeld) == 18, v.tekst()
            t0 = time.perf_counter()
            sections_cbs.wijkprofiel_html(WijkModel(path=str(p), wijk="Laak"))
            profiel.append(time.perf_counter() - t0)
    imp = statistics.median(importeren)
    print(
        f"lees_statline:           {statistics.median(lezen):6.2f} s "
        f"(cpu {statistics.median(lezen_cpu):.2f} s; the rest is waiting for a shared core)"
    )
    oordeel = "ok" if imp < DOEL_S else "TE TRAAG"
    print(f"importeer (alles):       {imp:6.2f} s  (doel < {DOEL_S:.0f} s: {oordeel})")
    print(f"wijkprofiel van 1 wijk:  {statistics.median(profiel) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
