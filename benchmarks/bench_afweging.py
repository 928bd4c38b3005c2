"""Benchmark of the afwegingskader arithmetic (wijkanalyse.afweging).

A large workshop: 60 onderwerpen (40 opgaven + 20 koppelingen), 8 criteria, 10 groups of 20
scorers (200 scorers), everyone scores everything: 96,000 score rows.

Targets: gemiddelden + totalen + rangschikking < 100 ms; gevoeligheid (1,000 draws) < 1 s.
Run: ``.venv/bin/python benchmarks/bench_afweging.py`` (median of 7 runs, after one warm-up).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from wijkanalyse import afweging

HERHALINGEN = 7


def maak_data(
    n_opgaven: int = 40,
    n_koppelingen: int = 20,
    n_criteria: int = 8,
    n_groepen: int = 10,
    scorers_per_groep: int = 20,
    seed: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Criteria and scores tables as the store delivers them (docs/contract.md)."""
    rng = np.random.default_rng(seed)
    criteria = pd.DataFrame(
        {
            "id": np.arange(1, n_criteria + 1, dtype=np.int64),
            "naam": [f"Criterium {i}" for i in range(1, n_criteria + 1)],
            "vraag": "",
            "richting": [
                "lager is beter" if i % 4 == 0 else "hoger is beter"
                for i in range(1, n_criteria + 1)
            ],
            "gewicht": rng.uniform(0.5, 3.0, n_criteria).round(2),
            "schaal_min": 1,
            "schaal_max": 5,
            "betekenis_min": "",
            "betekenis_max": "",
            "volgorde": np.arange(n_criteria),
        }
    )
    onderwerpen = [("opgave", i) for i in range(1, n_opgaven + 1)] + [
        ("koppeling", i) for i in range(1, n_koppelingen + 1)
    ]
    scorers = [
        (f"groep {g}", f"scorer {g}-{p}")
        for g in range(n_groepen)
        for p in range(scorers_per_groep)
    ]
    n_o, n_s, n_c = len(onderwerpen), len(scorers), n_criteria
    o_idx, s_idx, c_idx = np.meshgrid(np.arange(n_o), np.arange(n_s), np.arange(n_c), indexing="ij")
    o_idx, s_idx, c_idx = o_idx.ravel(), s_idx.ravel(), c_idx.ravel()
    n = len(o_idx)
    scores = pd.DataFrame(
        {
            "id": np.arange(1, n + 1, dtype=np.int64),
            "onderwerp_soort": np.array([o[0] for o in onderwerpen], dtype=object)[o_idx],
            "onderwerp_id": np.array([o[1] for o in onderwerpen], dtype=np.int64)[o_idx],
            "criterium_id": criteria["id"].to_numpy()[c_idx],
            "waarde": rng.integers(1, 6, n, dtype=np.int64),
            "scorer": np.array([s[1] for s in scorers], dtype=object)[s_idx],
            "groep": np.array([s[0] for s in scorers], dtype=object)[s_idx],
            "moment": "2026-11-02",
        }
    )
    return criteria, scores


def mediaan_ms(functie: Callable[[], object]) -> float:
    functie()  # warm-up
    tijden = []
    for _ in range(HERHALINGEN):
        start = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - start) * 1000)
    return statistics.median(tijden)


def main() -> int:
    criteria, scores = maak_data()
    drempel = 3.0

    def kern() -> None:
        afweging.gemiddelden(scores, criteria)
        tot = afweging.totalen(scores, criteria)
        afweging.rangschikking(tot, drempel)

    metingen = [
        ("gemiddelden", lambda: afweging.gemiddelden(scores, criteria), None),
        ("totalen", lambda: afweging.totalen(scores, criteria), None),
        ("gemiddelden+totalen+rangschikking", kern, 100.0),
        (
            "gevoeligheid (1000 trekkingen)",
            lambda: afweging.gevoeligheid(scores, criteria, drempel, n_trekkingen=1000),
            1000.0,
        ),
        (
            "kleinste_wijziging",
            lambda: afweging.kleinste_wijziging(scores, criteria, drempel),
            None,
        ),
        ("valideer_scores", lambda: afweging.valideer_scores(scores, criteria), None),
    ]
    print(
        f"{len(scores):,} scores; 60 onderwerpen x 8 criteria x 200 scorers; "
        f"mediaan van {HERHALINGEN} runs"
    )
    print(f"{'stap':<36} {'ms':>9} {'doel':>9}  ")
    alles_ok = True
    for naam, functie, doel in metingen:
        ms = mediaan_ms(functie)
        ok = doel is None or ms < doel
        alles_ok &= ok
        doel_txt = f"< {doel:g}" if doel else ""
        oordeel = "" if doel is None else ("OK" if ok else "TE TRAAG")
        print(f"{naam:<36} {ms:>9.1f} {doel_txt:>9}  {oordeel}")
    return 0 if alles_ok else 1


if __name__ == "__main__":
    sys.exit(main())
