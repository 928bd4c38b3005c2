"""Benchmark: one workspace, many writers, on SQLite and on PostgreSQL side by side.

1. 20 writer processes at once, each saving 100 scores one by one (each a write transaction
   of its own, as a workshop laptop does): 2,000 rows expected, 0 lost, 0 duplicated.
   Throughput = rows / wall time from the common start signal until the last writer is done.
2. Kernel-side reads at the size of bench_afweging (60 subjects, 8 criteria, 96,000 scores):
   ``store.scores`` + ``store.criteria`` + ``store.opgaven`` + ``store.koppelingen``, what a
   page reads before it computes the ranking (median of 5, after one warm-up).

PostgreSQL is a throwaway cluster in a temporary directory (tests/pg_cluster.py: initdb +
pg_ctl on a Unix socket, password authentication), on the same machine.
Run: ``nice .venv/bin/python benchmarks/bench_pg_schrijvers.py``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pg_cluster import WACHTWOORD, Cluster  # noqa: E402

from wijkanalyse import databank, store  # noqa: E402
from wijkanalyse.core.catalog import standaard_kader  # noqa: E402

SCHRIJVERS = 20
PER_SCHRIJVER = 100


def _cellen(werkruimte: str) -> list[tuple[int, int]]:
    opg = store.opgaven(werkruimte, "Proef")["id"].tolist()
    crit = store.criteria(werkruimte, "Proef")["id"].tolist()
    return [(o, c) for o in opg for c in crit][:PER_SCHRIJVER]


def _schrijver(args: tuple[str, int, object, object]) -> float:
    werkruimte, nr, start, klaar = args
    cellen = _cellen(werkruimte)
    start.wait()
    t = time.perf_counter()
    for i, (o, c) in enumerate(cellen):
        store.voeg_scores_toe(
            werkruimte,
            "Proef",
            pd.DataFrame(
                [
                    {
                        "onderwerp_soort": "opgave",
                        "onderwerp_id": o,
                        "criterium_id": c,
                        "waarde": 1 + (nr + i) % 5,
                        "scorer": f"schrijver {nr}",
                        "groep": f"groep {nr % 4}",
                    }
                ]
            ),
        )
    return time.perf_counter() - t


def _bouw(werkruimte: str, n_opgaven: int) -> None:
    store.maak_werkruimte(werkruimte)
    store.voeg_wijk_toe(werkruimte, "Proef", "Benchmark", 1000, criteria=standaard_kader())
    store.importeer_opgaven(
        werkruimte,
        "Proef",
        pd.DataFrame({"titel": [f"Opgave {i}" for i in range(n_opgaven)], "transitie": "energie"}),
    )


def schrijvers(werkruimte: str) -> dict[str, float]:
    _bouw(werkruimte, 20)
    databank.sluit_pool()
    ctx = mp.get_context("spawn")
    with ctx.Manager() as m:
        start, klaar = m.Event(), m.Event()
        with ctx.Pool(SCHRIJVERS) as pool:
            res = pool.map_async(
                _schrijver, [(werkruimte, nr, start, klaar) for nr in range(SCHRIJVERS)]
            )
            time.sleep(8)  # every writer imported and waiting
            t = time.perf_counter()
            start.set()
            tijden = res.get()
            wand = time.perf_counter() - t
    sc = store.scores(werkruimte, "Proef")
    sleutel = ["scorer", "onderwerp_id", "criterium_id"]
    verwacht = SCHRIJVERS * PER_SCHRIJVER
    return {
        "rijen": len(sc),
        "verloren": verwacht - len(sc.drop_duplicates(sleutel)),
        "dubbel": int(sc.duplicated(sleutel).sum()),
        "seconden": wand,
        "per_seconde": len(sc) / wand,
        "langzaamste_schrijver_s": max(tijden),
    }


def lezen(werkruimte: str) -> dict[str, float]:
    _bouw(werkruimte, 40)
    opg = store.opgaven(werkruimte, "Proef")["id"].tolist()
    for a, b in zip(opg[:20], opg[20:40], strict=True):
        store.zet_koppeling(werkruimte, "Proef", a, b, "afstemming")
    kop = store.koppelingen(werkruimte, "Proef")["id"].tolist()
    crit = store.criteria(werkruimte, "Proef")["id"].tolist()
    onderwerpen = [("opgave", o) for o in opg] + [("koppeling", k) for k in kop]
    rijen = [
        {
            "onderwerp_soort": s,
            "onderwerp_id": i,
            "criterium_id": c,
            "waarde": 1 + (i + c + g + n) % 5,
            "scorer": f"s{n}",
            "groep": f"groep {g}",
        }
        for s, i in onderwerpen
        for c in crit
        for g in range(10)
        for n in range(20)
    ]
    t = time.perf_counter()
    store.voeg_scores_toe(werkruimte, "Proef", pd.DataFrame(rijen))
    import_s = time.perf_counter() - t

    def een_keer() -> float:
        t = time.perf_counter()
        n = len(store.scores(werkruimte, "Proef"))
        store.criteria(werkruimte, "Proef")
        store.opgaven(werkruimte, "Proef")
        store.koppelingen(werkruimte, "Proef")
        assert n == len(rijen), n
        return time.perf_counter() - t

    een_keer()
    return {
        "scores": len(rijen),
        "lezen_ms": statistics.median(een_keer() for _ in range(5)) * 1000,
        "import_s": import_s,
    }


def main() -> None:
    cluster = Cluster()
    try:
        with tempfile.TemporaryDirectory() as map_:
            uit: dict[str, dict[str, dict[str, float]]] = {}
            for backend in ("sqlite", "postgresql"):

                def plek(naam: str, backend: str = backend) -> str:
                    if backend == "sqlite":
                        return str(Path(map_) / f"{naam}.sqlite")
                    return cluster.nieuwe_db(naam)

                uit[backend] = {"schrijvers": schrijvers(plek("schrijvers"))}
                uit[backend]["lezen"] = lezen(plek("lezen"))
                databank.sluit_pool()
        print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")
        print(f"{'':34}{'SQLite':>14}{'PostgreSQL':>14}")
        for deel, sleutels in (
            ("schrijvers", ["rijen", "verloren", "dubbel", "seconden", "per_seconde"]),
            ("schrijvers", ["langzaamste_schrijver_s"]),
            ("lezen", ["scores", "lezen_ms", "import_s"]),
        ):
            for k in sleutels:
                a, b = uit["sqlite"][deel][k], uit["postgresql"][deel][k]
                print(f"{deel + ' ' + k:34}{a:>14.1f}{b:>14.1f}")
        for backend in uit:
            s = uit[backend]["schrijvers"]
            assert s["verloren"] == 0 and s["dubbel"] == 0 and s["rijen"] == 2000, (backend, s)
        assert WACHTWOORD not in repr(uit)
    finally:
        databank.sluit_pool()
        cluster.stop()


if __name__ == "__main__":
    main()
