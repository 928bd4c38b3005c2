"""Benchmark of step 2 on a big wijk: 40 opgaven, 780 pairs, 3000 kansen/bedreigingen.

Run: ``.venv/bin/python benchmarks/bench_koppelingen.py``. Prints the median of 7 runs per
step. Target: paar_overzicht + balans_matrix + matrix_figuur together under 200 ms.
``to_json`` (what the browser receives) is shown for information, outside the target.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factories import synthetische_wijk  # noqa: E402

from wijkanalyse.koppelingen import (  # noqa: E402
    balans_matrix,
    items_tabel,
    kandidaat_paren,
    paar_overzicht,
)
from wijkanalyse.plots.koppelingen import (  # noqa: E402
    matrix_figuur,
    netwerk_figuur,
    tijdlijn_figuur,
)

RUNS = 7
DOEL_MS = 200.0


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    fn()  # warm-up (imports, caches)
    tijden = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        tijden.append((time.perf_counter() - t0) * 1000)
    return statistics.median(tijden)


def main() -> int:
    opgaven, koppelingen, items = synthetische_wijk(n_opgaven=40, n_items=3000, seed=1)
    ov = paar_overzicht(opgaven, koppelingen, items)
    assert len(ov) == 780, len(ov)

    def keten() -> None:
        o = paar_overzicht(opgaven, koppelingen, items)
        balans_matrix(opgaven, o)
        matrix_figuur(opgaven, o, items)

    fig_matrix = matrix_figuur(opgaven, ov, items)
    fig_netwerk = netwerk_figuur(opgaven, ov)
    fig_tijdlijn = tijdlijn_figuur(opgaven)
    rijen = [
        ("paar_overzicht", median_ms(lambda: paar_overzicht(opgaven, koppelingen, items))),
        ("balans_matrix", median_ms(lambda: balans_matrix(opgaven, ov))),
        ("matrix_figuur (met items)", median_ms(lambda: matrix_figuur(opgaven, ov, items))),
        ("matrix_figuur (zonder items)", median_ms(lambda: matrix_figuur(opgaven, ov))),
        ("netwerk_figuur", median_ms(lambda: netwerk_figuur(opgaven, ov))),
        ("tijdlijn_figuur", median_ms(lambda: tijdlijn_figuur(opgaven))),
        ("kandidaat_paren", median_ms(lambda: kandidaat_paren(opgaven, koppelingen))),
        ("items_tabel", median_ms(lambda: items_tabel(opgaven, koppelingen, items))),
        ("matrix_figuur.to_json", median_ms(fig_matrix.to_json)),
        ("netwerk_figuur.to_json", median_ms(fig_netwerk.to_json)),
        ("tijdlijn_figuur.to_json", median_ms(fig_tijdlijn.to_json)),
    ]
    totaal = median_ms(keten)
    print(f"40 opgaven, {len(ov)} paren, {len(items)} kansen/bedreigingen; mediaan van {RUNS}")
    print(f"{'stap':<34}{'ms':>9}")
    print("-" * 43)
    for naam, ms in rijen:
        print(f"{naam:<34}{ms:>9.1f}")
    print("-" * 43)
    status = "OK" if totaal < DOEL_MS else "TE TRAAG"
    print(
        f"{'overzicht+matrix+figuur (keten)':<34}{totaal:>9.1f}  doel < {DOEL_MS:.0f} ms: {status}"
    )
    return 0 if totaal < DOEL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
