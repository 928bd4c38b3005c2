"""Time from a browser request to the dashboard's widgets being visible.

Starts the real dashboard (Voila, via the package's launcher) on a copy of the demo
workspace, opens ``/?wijk=Laak`` in Debian's headless Chromium N times (each a fresh tab,
so a fresh kernel) and reports the median time until the opgaven table is visible.

Run: ``.venv/bin/python benchmarks/bench_dashboard.py [N]``
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from wijkanalyse import demo
from wijkanalyse.core import config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import CHROMIUM  # noqa: E402  (same browser as the tests)
from conftest import CHROMIUM_ARGS as ARGS

from wijkanalyse.server.launcher import voila_argumenten, voila_env


def main(n: int = 5) -> None:
    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "demo.sqlite"
        shutil.copy(demo.bouw_demo(config.demo_db()), db)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            poort = s.getsockname()[1]
        proc = subprocess.Popen(
            [a for a in voila_argumenten(db, port=poort) if a],
            env=voila_env(db),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 3)
            tijden = []
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for _ in range(n + 1):
                    ctx = b.new_context()
                    page = ctx.new_page()
                    t0 = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{poort}/?wijk=Laak", timeout=120_000)
                    page.wait_for_selector(".wa-opgaven-tabel table", timeout=120_000)
                    tijden.append(time.perf_counter() - t0)
                    ctx.close()
                    time.sleep(float(sys.argv[3]) if len(sys.argv) > 3 else 0)
                b.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    print(f"verzoek -> widgets zichtbaar (s), {n} metingen na 1 opwarmronde:")
    print(
        f"  eerste (koud) {tijden[0]:.2f}  mediaan {statistics.median(tijden[1:]):.2f}  "
        f"min {min(tijden[1:]):.2f}  max {max(tijden[1:]):.2f}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
