"""What checking a workspace before writing costs, and the report fingerprint with many CBS
figures (issue 20).

1. ``store.controleer`` (header, schema version, ``PRAGMA quick_check``) on the demo
   workspace and on a large copy of it (history rows duplicated up to ``--mb`` MB): once per
   process and file, when a workspace is opened for writing.
2. ``store.vingerafdrukken`` (the fingerprint of every wijk, which now includes the CBS
   figures) on the demo and with ``--cbs`` extra CBS rows (a 49 MB StatLine file holds about
   300,000 figures).

Median of 5 runs, warm file cache (as right after the workspace was used). Run:
``.venv/bin/python benchmarks/bench_controle.py [--mb 200] [--cbs 300000]``; note the load
average it prints (2 cores shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from wijkanalyse import demo, store
from wijkanalyse.core import config


def _mediaan(f, n: int = 5) -> float:
    tijden = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        tijden.append(time.perf_counter() - t0)
    return statistics.median(tijden)


def vergroot(pad: Path, mb: int) -> None:
    """Duplicate history rows until the file is ``mb`` MB."""
    con = sqlite3.connect(pad, isolation_level=None)
    while pad.stat().st_size < mb * 1024 * 1024:
        con.execute(
            "INSERT INTO historie_rijen (wijziging_id, tabel, rij_id, wijk_id, voor, na) "
            "SELECT wijziging_id, tabel, rij_id, wijk_id, voor, na FROM historie_rijen"
        )
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def cbs_rijen(pad: Path, n: int) -> None:
    con = sqlite3.connect(pad, isolation_level=None)
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO cbs_cijfers (regiocode, regionaam, niveau, onderwerp, eenheid, periode, "
        "waarde, bron_tabel, importdatum) VALUES (?, ?, 'buurt', ?, '%', '2024', ?, 'B', '')",
        (
            (f"BU{i // 40:08d}", f"Buurt {i // 40}", f"Onderwerp {i % 40}", i * 0.5)
            for i in range(n)
        ),
    )
    con.execute("COMMIT")
    con.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--cbs", type=int, default=300_000)
    a = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    bron = demo.bouw_demo(config.demo_db())
    with tempfile.TemporaryDirectory() as map_:
        db = Path(map_) / "demo.sqlite"
        shutil.copy(bron, db)
        mb = db.stat().st_size / 2**20
        t = _mediaan(lambda: store.controleer(db, altijd=True))
        print(f"controle, demo ({mb:.1f} MB): {t * 1000:.0f} ms")
        t = _mediaan(lambda: store.vingerafdrukken(db))
        print(f"vingerafdrukken, demo ({mb:.1f} MB, 18 wijken): {t * 1000:.0f} ms")
        groot = Path(map_) / "groot.sqlite"
        shutil.copy(bron, groot)
        vergroot(groot, a.mb)
        mb = groot.stat().st_size / 2**20
        t = _mediaan(lambda: store.controleer(groot, altijd=True), 3)
        print(f"controle, large ({mb:.0f} MB): {t * 1000:.0f} ms")
        cbs_rijen(db, a.cbs)
        t = _mediaan(lambda: store.vingerafdrukken(db))
        print(f"vingerafdrukken, demo + {a.cbs:,} CBS figures: {t * 1000:.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
