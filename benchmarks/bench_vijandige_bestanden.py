"""Time and peak memory of reading hostile files (issue 20), each in its own process.

The files are made on the fly by ``tests/vijandige_bestanden.py`` (never committed):

- dimensie-bom: a 5 KB workbook declaring ``A1:XFD1048576`` with one cell at the far
  corner, read as opgaven, and as a Werkblad 2.7;
- lege-rijen-bom: a workbook of two million empty rows (about 20 KB);
- a CSV of 200,000 opgaven (6 MB), once as uploaded (5 MB limit) and once with the size
  limit lifted, so the row limit is what stops it;
- a CSV with a 1 MB cell;
- a 49 MB national CBS file (34,000 rows x 128 subjects), imported into a workspace with the
  18 programme wijken.

Each case runs in a fresh Python process that imports the package first (its memory is the
baseline), then times the refusal or import and reports its peak RSS (``ru_maxrss``).
Targets: every refusal <= 2 s and <= 200 MB; the CBS import <= 30 s and <= 500 MB.
Run: ``.venv/bin/python benchmarks/bench_vijandige_bestanden.py`` (and say the load average).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HIER = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(HIER), str(HIER / "tests")]

import vijandige_bestanden as vb  # noqa: E402

KIND = """
import json, resource, sys, time
sys.path[:0] = {paden!r}
from pathlib import Path
import pandas as pd
from wijkanalyse import cbs, store, tabular_io, werkblad
from wijkanalyse.core.errors import InvoerFout
OPGAVEN = pd.DataFrame({{"id": [1, 2], "titel": ["A", "B"]}})
basis = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0, c0 = time.perf_counter(), time.process_time()
try:
    {opdracht}
    uitkomst = "ingelezen"
except InvoerFout as e:
    uitkomst = "geweigerd: " + e.melding[:70]
print(json.dumps({{
    "s": time.perf_counter() - t0, "cpu": time.process_time() - c0,
    "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "basis_mb": basis / 1024, "uitkomst": uitkomst}}))
"""


def meet(opdracht: str) -> dict:
    code = KIND.format(paden=[str(HIER)], opdracht=opdracht)
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=False
    )
    if r.returncode != 0:
        return {"s": float("nan"), "cpu": float("nan"), "mb": float("nan"), "basis_mb": 0,
                "uitkomst": "FOUT: " + r.stderr.strip().splitlines()[-1][:70]}  # fmt: skip
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    from wijkanalyse import store
    from wijkanalyse.core.catalog import programma_wijken

    with tempfile.TemporaryDirectory() as d:
        map_ = Path(d)
        wijken = list(programma_wijken().itertuples())
        ws = Path(store.maak_werkruimte(map_ / "w.sqlite"))
        for w in wijken:
            store.voeg_wijk_toe(ws, w.naam, w.gemeente, int(w.inwoners))
        bestanden = {
            "dim": vb.dimensie_bom(map_ / "dimensie.xlsx"),
            "wb": vb.werkblad_dimensie_bom(map_ / "werkblad.xlsx", "A", "B"),
            "leeg": vb.lege_rijen_bom(map_ / "leeg.xlsx"),
            "csv": vb.csv_rijen(map_ / "rijen.csv", 200_000),
            "cel": vb.csv_grote_cel(map_ / "cel.csv"),
            "cbs": vb.cbs_landelijk(map_ / "landelijk.csv", [(w.naam, w.gemeente) for w in wijken]),
        }
        gevallen = [
            ("dimensie-bom, opgaven", "dim", "tabular_io.lees_opgaven('{dim}')", 2, 200),
            (
                "dimensie-bom, Werkblad 2.7",
                "wb",
                "werkblad.lees_werkblad('{wb}', OPGAVEN)",
                2,
                200,
            ),
            ("lege-rijen-bom (2 mln rijen)", "leeg", "tabular_io.lees_opgaven('{leeg}')", 2, 200),
            ("CSV 200.000 rijen (upload)", "csv", "tabular_io.lees_opgaven('{csv}')", 2, 200),
            (
                "CSV 200.000 rijen, zonder MB-grens",
                "csv",
                "tabular_io.lees_opgaven('{csv}', max_bytes=10**9)",
                2,
                200,
            ),
            ("CSV met een cel van 1 MB", "cel", "tabular_io.lees_opgaven('{cel}')", 2, 200),
            (
                "CBS 49 MB, importeren",
                "cbs",
                "cbs.importeer('{ws}', Path('{cbs}'), bron_tabel='BENCH')",
                30,
                500,
            ),
        ]
        paden = {k: str(v) for k, v in bestanden.items()} | {"ws": str(ws)}
        print(f"belasting (load average): {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen")
        kop = f"{'geval':36} {'bestand':>9} {'tijd':>7} {'cpu':>6} {'piek':>8} {'basis':>7}  doel"
        print(kop)
        for naam, sleutel, opdracht, doel_s, doel_mb in gevallen:
            m = meet(opdracht.format(**paden))
            grootte = bestanden[sleutel].stat().st_size
            ok = m["s"] <= doel_s and m["mb"] <= doel_mb
            print(
                f"{naam:36} {grootte / 1e6:7.2f}MB {m['s']:6.2f}s {m['cpu']:5.2f}s "
                f"{m['mb']:6.0f}MB {m['basis_mb']:5.0f}MB  <= {doel_s} s, <= {doel_mb} MB: "
                f"{'ok' if ok else 'TE VEEL'}"
            )
            print(f"{'':36} {m['uitkomst']}")


if __name__ == "__main__":
    main()
