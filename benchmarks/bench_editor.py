"""Kernel-side cost of the pair editor on a big wijk stored in a real workspace file.

40 opgaven, 780 pairs, 3,000 entries (Werkblad 2.7 filled in for every pair). Measures what
a user waits for in notebook 02 / the dashboard: building the view, opening one pair's
editor, saving an entry (store write + redraw of list and editor), and the matrix figure
read from the store. Target (issue 3): opening a pair's editor under 300 ms.

Run: ``.venv/bin/python benchmarks/bench_editor.py`` (``--beide``: SQLite and PostgreSQL)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import synthetische_wijk  # noqa: E402

from wijkanalyse import sections, store  # noqa: E402
from wijkanalyse.model import open_wijk  # noqa: E402
from wijkanalyse.widgets.koppelingen import KoppelingenView  # noqa: E402

RUNS = 7


def vul(p: Path | str) -> None:
    opgaven, koppelingen, items = synthetische_wijk(n_opgaven=40, n_items=3000, seed=1)
    store.maak_werkruimte(p)
    store.voeg_wijk_toe(p, "Groot", "Bench", 10_000)
    ids = store.importeer_opgaven(p, "Groot", opgaven.drop(columns=["id"]))
    nieuw = dict(zip(opgaven["id"], ids, strict=True))
    k = koppelingen.assign(
        opgave_a=koppelingen["opgave_a"].map(nieuw), opgave_b=koppelingen["opgave_b"].map(nieuw)
    )
    paar = dict(zip(koppelingen["id"], zip(k["opgave_a"], k["opgave_b"], strict=True), strict=True))
    it = items.assign(
        opgave_a=[paar[i][0] for i in items["koppeling_id"]],
        opgave_b=[paar[i][1] for i in items["koppeling_id"]],
    )
    store.importeer_werkblad(p, "Groot", k, it)


def ms(fn, runs: int = RUNS) -> float:
    fn()
    t = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        t.append((time.perf_counter() - t0) * 1000)
    return statistics.median(t)


def meet(p: Path | str) -> list[tuple[str, float]]:
    m = open_wijk("Groot", str(p))
    v = KoppelingenView(m)
    paren = [val for _lab, val in v.paar.options]
    i = iter(range(10**6))

    def open_paar() -> None:
        v.paar.value = paren[next(i) % len(paren)]

    def bewaar() -> None:
        v.item_kies.value = None
        v.tekst.value = "Bench kans"
        v.bewaar_item.click()

    return [
        (
            "KoppelingenView bouwen (store lezen + lijst)",
            ms(lambda: KoppelingenView(open_wijk("Groot", str(p)))),
        ),
        ("editor van een paar openen", ms(open_paar)),
        ("kans opslaan + lijst en editor opnieuw", ms(bewaar)),
        ("matrix uit de store (lezen + balans + figuur)", ms(lambda: sections.matrix(m))),
    ]


def main() -> None:
    """``--beide``: also on PostgreSQL (a throwaway cluster; the same workspace, copied with
    ``store.kopieer``), side by side."""
    beide = "--beide" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "groot.sqlite"
        vul(p)
        print(
            f"{len(store.opgaven(p, 'Groot'))} opgaven, "
            f"{len(store.koppelingen(p, 'Groot'))} koppelingen, "
            f"{len(store.items(p, 'Groot'))} kansen/bedreigingen; mediaan van {RUNS} (ms)"
        )
        rijen = meet(p)
        if not beide:
            for naam, waarde in rijen:
                doel = (
                    "  doel < 300: " + ("OK" if waarde < 300 else "TE TRAAG")
                    if "openen" in naam
                    else ""
                )
                print(f"{naam:<48}{waarde:8.1f}{doel}")
            return
        from pg_cluster import Cluster

        from wijkanalyse import databank

        cluster = Cluster()
        try:
            url = cluster.nieuwe_db("groot")
            store.kopieer(p, url)
            pg = meet(url)
        finally:
            databank.sluit_pool()
            cluster.stop()
        print(f"{'':48}{'SQLite':>10}{'PostgreSQL':>12}{'verhouding':>12}")
        for (naam, a), (_n, b) in zip(rijen, pg, strict=True):
            print(f"{naam:<48}{a:10.1f}{b:12.1f}{b / a:12.2f}")
        import os

        print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
