"""Benchmark of "leren van andere wijken" on 300 generated wijken.

Run: ``.venv/bin/python benchmarks/bench_leren.py [--wijken 300] [--werkruimte PAD]``.
Builds (once, kept at PAD) a workspace of generated wijken: the demo's opgaven (catalogue
titles, a few written differently), 4–6 koppelingen each with kansen and bedreigingen from
the demo's lists, and besluiten (gekozen / niet gekozen, with reasons) on some of them.
Prints the median of 7 runs of:

- the index of the workspace (read + build; once per kernel, and when the wijk changes);
- the suggestions for one pair (:func:`wijkanalyse.leren.vergelijk_paar` + the suggestions),
  kernel side: target ≤ 200 ms;
- the lessons of the programme overview.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from wijkanalyse import demo, leren, store  # noqa: E402
from wijkanalyse.core.vocabulary import NIVEAUS  # noqa: E402

RUNS = 7
DOEL_MS = 200.0
REDENEN = [
    "Te duur voor de corporatie",
    "Planning van het warmtebedrijf past niet",
    "Bewoners willen eerst het groen",
    "Geen capaciteit bij de gemeente",
]


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()
    tijden = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        tijden.append((time.perf_counter() - t0) * 1000)
    return statistics.median(tijden)


def _anders_geschreven(titel: str, rng: random.Random) -> str:
    """Now and then a title as a team writes it: other case, a phase, punctuation."""
    r = rng.random()
    if r < 0.1:
        return titel.lower() + "."
    if r < 0.2:
        return f"{titel} (fase {rng.randint(1, 3)})"
    return titel


def bouw_wijk(pad: Path | str, naam: str, rng: random.Random) -> None:
    """One generated wijk through the store (opgaven, koppelingen with items, besluiten)."""
    store.voeg_wijk_toe(pad, naam, "Proefgemeente", 1000 + rng.randint(0, 20000), fictief=True)
    o = demo.scenario_opgaven(naam)
    o["titel"] = [_anders_geschreven(t, rng) for t in o["titel"]]
    ids = store.importeer_opgaven(pad, naam, o)
    paren = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    gekozen = rng.sample(paren, k=min(len(paren), rng.randint(4, 6)))
    k = pd.DataFrame(
        [
            {"opgave_a": a, "opgave_b": b, "niveau": rng.choice(NIVEAUS), "toelichting": ""}
            for a, b in gekozen
        ]
    )
    items = []
    for a, b in gekozen:
        for soort, lijst, n in (("kans", demo.KANSEN, 2), ("bedreiging", demo.BEDREIGINGEN, 2)):
            for tekst, interventie in rng.sample(lijst, n):
                items.append(
                    {
                        "opgave_a": a,
                        "opgave_b": b,
                        "soort": soort,
                        "tekst": tekst,
                        "impact": rng.choice(["klein", "middel", "groot"]),
                        "horizon": "later" if rng.random() < 0.25 else "nu",
                        "interventie": interventie,
                        "interventie_eigenaar": rng.choice(demo.EIGENAREN) if interventie else "",
                    }
                )
    store.importeer_werkblad(pad, naam, k, pd.DataFrame(items))
    for kid in store.koppelingen(pad, naam)["id"].head(2):
        besluit = rng.choice(["gekozen", "niet gekozen"])
        store.leg_besluit_vast(
            pad, naam, "koppeling", int(kid), besluit, rng.choice(REDENEN), "Projectleider"
        )
    # the uitvoering: actions from the chosen koppelingen' interventies, some under way
    for i, aid in enumerate(store.maak_acties_uit_besluiten(pad, naam)):
        if i % 2:
            store.wijzig_actie(pad, aid, status=rng.choice(["loopt", "gereed"]), voortgang=50)
    store.voeg_terugblik_toe(
        pad, naam, datum="01-12-2026", door="Projectleider", volgens_plan="Planning gehaald",
        veranderd="Nieuwe wethouder", geleerd="Eerder met de corporatie praten",
    )  # fmt: skip


def proefwerkruimte(pad: Path, n: int) -> Path:
    """A workspace of ``n`` generated wijken at ``pad`` (built once, then reused)."""
    if pad.exists() and len(store.wijken(pad)) == n:
        return pad
    pad.unlink(missing_ok=True)
    store.maak_werkruimte(pad)
    rng = random.Random(2026)
    for i in range(n):
        bouw_wijk(pad, f"Proefwijk {i:03d}", rng)
    return pad


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wijken", type=int, default=300)
    ap.add_argument("--werkruimte", type=Path, default=Path("/tmp/bench_leren_v6.sqlite"))
    args = ap.parse_args()
    t0 = time.perf_counter()
    pad = proefwerkruimte(args.werkruimte, args.wijken)
    print(f"werkruimte {pad}: {args.wijken} wijken ({time.perf_counter() - t0:.1f} s)")

    wijk = "Proefwijk 000"
    o = store.opgaven(pad, wijk).set_index("id")
    k = store.koppelingen(pad, wijk).iloc[0]
    a, b = o.loc[k["opgave_a"]], o.loc[k["opgave_b"]]
    its = store.items(pad, wijk)
    eigen = set(its.loc[its["koppeling_id"] == k["id"], "tekst"])  # the pair's own

    ms_index = median_ms(lambda: leren.bouw_index(store.werkruimte_paren(pad)), runs=3)
    index = leren.bouw_index(store.werkruimte_paren(pad))

    def paar() -> leren.Vergelijking:
        v = leren.vergelijk_paar(
            [index], wijk, (a["titel"], a["transitie"]), (b["titel"], b["transitie"])
        )
        v.suggesties(eigen)
        return v

    ms_paar = median_ms(paar)
    v = paar()
    ms_lessen = median_ms(lambda: leren.lessen(index), runs=3)
    print(f"index (lezen + bouwen):          {ms_index:8.1f} ms")
    print(f"één paar ({v.zin()[:70]}…)")
    print(f"  suggesties voor één paar:      {ms_paar:8.1f} ms  (doel ≤ {DOEL_MS:.0f} ms)")
    print(f"  overeenkomsten: {len(v.overeenkomsten)}, suggesties: {len(v.suggesties(eigen))}")
    print(f"lessen (programma-overzicht):    {ms_lessen:8.1f} ms")
    return 0 if ms_paar <= DOEL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
