"""Benchmark of the uitvoering's signals for a whole programme: 300 generated wijken.

Run: ``.venv/bin/python benchmarks/bench_uitvoering.py``. Prints the median of 7 runs of
:func:`wijkanalyse.uitvoering.signalen` (and of :func:`voortgang_per_wijk`) over the frames
of all 300 wijken at once, as the programme overview asks for them. Target: signals ≤ 1 s.
Each wijk: 8 opgaven, 6 koppelingen, 4 kansen/bedreigingen per koppeling, decisions on 3
koppelingen and 3 opgaven, an actie per interventie of a choice, risks on half the
bedreigingen.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from wijkanalyse.core.vocabulary import ACTIE_STATUSSEN, ITEM_VELDEN, NIVEAUS  # noqa: E402
from wijkanalyse.uitvoering import signalen, voorgestelde_acties, voortgang_per_wijk  # noqa: E402

RUNS = 7
DOEL_S = 1.0
N_WIJKEN = 300


def genereer(n_wijken: int = N_WIJKEN, seed: int = 1) -> dict[str, pd.DataFrame]:
    """The frames :func:`signalen` takes, for ``n_wijken`` fictitious wijken."""
    rng = random.Random(seed)
    o, k, i, b, r = [], [], [], [], []
    oid = kid = iid = bid = 0
    for w in range(n_wijken):
        wijk = f"Wijk {w + 1:03d}"
        ids = []
        for _ in range(8):
            oid += 1
            start = rng.randint(2025, 2030)
            o.append((oid, wijk, f"Opgave {oid}", start, start + rng.randint(0, 4)))
            ids.append(oid)
        paren = rng.sample([(a, c) for n, a in enumerate(ids) for c in ids[n + 1 :]], 6)
        for n, (a, c) in enumerate(paren):
            kid += 1
            k.append((kid, wijk, a, c, rng.choice(NIVEAUS)))
            for _ in range(4):
                iid += 1
                soort = rng.choice(("kans", "bedreiging"))
                hor = "later" if rng.random() < 0.3 else "nu"
                i.append((iid, wijk, kid, soort, f"Tekst {iid}", "middel", hor, f"Doe {iid}", ""))
                if soort == "bedreiging" and rng.random() < 0.5:
                    dag = date(2026, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
                    r.append((iid, wijk, iid, 3, 3, 9, "Maatregel", dag))
            if n < 3:
                bid += 1
                besluit = rng.choice(("gekozen", "gekozen", "niet gekozen"))
                b.append((bid, wijk, "koppeling", kid, besluit, "2024-06-01"))
        for oo in ids[:3]:
            bid += 1
            b.append((bid, wijk, "opgave", oo, "gekozen", "2025-01-15"))
    g = {
        "opgaven": pd.DataFrame(o, columns=["id", "wijk", "titel", "start_jaar", "eind_jaar"]),
        "koppelingen": pd.DataFrame(k, columns=["id", "wijk", "opgave_a", "opgave_b", "niveau"]),
        "items": pd.DataFrame(
            i,
            columns=["id", "wijk", "koppeling_id", *ITEM_VELDEN],
        ),
        "besluiten": pd.DataFrame(
            b, columns=["id", "wijk", "onderwerp_soort", "onderwerp_id", "besluit", "datum"]
        ),
        "risicos": pd.DataFrame(
            r,
            columns=[
                "id",
                "wijk",
                "item_id",
                "risico_kans",
                "risico_impact",
                "risico_score",
                "maatregel",
                "herzien_op",
            ],
        ),
    }
    leeg = pd.DataFrame(columns=["item_id"])
    v = voorgestelde_acties(g["besluiten"], g["koppelingen"], g["items"], leeg)
    v = v.merge(g["items"][["id", "wijk"]], left_on="item_id", right_on="id").drop(columns="id")
    v.insert(0, "id", range(1, len(v) + 1))
    v["status"] = [rng.choice(ACTIE_STATUSSEN) for _ in range(len(v))]
    v["voortgang"] = [rng.randint(0, 100) for _ in range(len(v))]
    g["acties"] = v
    return g


def main() -> int:
    g = genereer()
    vandaag = date(2027, 3, 1)
    s = signalen(vandaag=vandaag, **g)
    tijden = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        s = signalen(vandaag=vandaag, **g)
        tijden.append(time.perf_counter() - t0)
    mediaan = statistics.median(tijden)
    t0 = time.perf_counter()
    voortgang_per_wijk(g["acties"], s)
    t_voortgang = time.perf_counter() - t0
    print(
        f"{N_WIJKEN} wijken: {len(g['opgaven'])} opgaven, {len(g['koppelingen'])} koppelingen, "
        f"{len(g['items'])} kansen/bedreigingen, {len(g['acties'])} acties"
    )
    per_soort = ", ".join(f"{k} {v}" for k, v in s["soort"].value_counts().items())
    print(f"signalen: {len(s)} ({per_soort})")
    print(f"signalen: mediaan {mediaan * 1000:.0f} ms (doel ≤ {DOEL_S * 1000:.0f} ms)")
    print(f"voortgang_per_wijk: {t_voortgang * 1000:.0f} ms")
    return 0 if mediaan <= DOEL_S else 1


if __name__ == "__main__":
    sys.exit(main())
