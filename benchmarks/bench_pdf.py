"""The printed report: the PDF of the Laak report (demo workspace) as ``wijkanalyse rapport
--pdf`` makes it, with its pages, the time Chromium takes to print it, and the words broken
across lines inside cells (target 0).

Broken words are counted from the PDF's own text (``pdftotext -layout -nodiag``, poppler-utils)
against the words of the page as Chromium rendered it (:func:`wijkanalyse.rapport.pdf.
afgebroken_woorden`): a fragment that is no word of the page but the start of one whose rest
opens a fragment on the next lines. Breaks after a compound's own hyphen ('CBS-' + 'regio',
where Dutch text may wrap) are counted apart.

Run: ``.venv/bin/python benchmarks/bench_pdf.py [--uitvoer MAP] [--herhaal 3]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from wijkanalyse import demo
from wijkanalyse.core import config
from wijkanalyse.rapport.batch import maak_rapporten
from wijkanalyse.rapport.pdf import afgebroken_woorden, maak_pdf, pagina_aantal, pdf_tekst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uitvoer", type=Path, default=None, help="map voor rapport en PDF")
    ap.add_argument("--herhaal", type=int, default=3, help="hoe vaak de PDF gemaakt wordt")
    a = ap.parse_args()
    uit = a.uitvoer or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    db = demo.bouw_demo(config.demo_db())
    t0 = time.perf_counter()
    (r,) = maak_rapporten(db, uit, wijken=["Laak"], hergebruik=False, parallel=1)
    t_html = time.perf_counter() - t0
    tijden, u = [], None
    for _ in range(a.herhaal):
        t0 = time.perf_counter()
        u = maak_pdf(r.html)  # one Chromium start, page load, figures drawn, printed
        tijden.append(time.perf_counter() - t0)
    tekst = pdf_tekst(u.pdf)
    midden = afgebroken_woorden(tekst, u.woorden)
    koppelteken = afgebroken_woorden(tekst, u.woorden, na_koppelteken=True)
    for w in midden:
        koppelteken.remove(w)
    print(
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    print(
        f"report HTML (notebook 04 + nbconvert): {t_html:.1f} s, "
        f"{r.html.stat().st_size / 1e6:.1f} MB"
    )
    print(f"PDF {u.pdf}: {pagina_aantal(u.pdf)} pages A4, {u.pdf.stat().st_size / 1e3:.0f} kB")
    print(
        f"PDF time: median {statistics.median(tijden):.1f} s "
        f"(runs: {', '.join(f'{t:.1f}' for t in tijden)})"
    )
    print(f"words broken inside cells: {len(midden)} {midden} (target 0)")
    print(f"compounds wrapped after their own hyphen (allowed): {len(koppelteken)} {koppelteken}")


if __name__ == "__main__":
    main()
