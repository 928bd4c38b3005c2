"""Batch reports: the issue's figures, one run each, as ratios on this machine.

1. All 18 demo reports with ``wijkanalyse rapport --opnieuw`` against a naive loop of
   papermill's CLI plus nbconvert's CLI per wijk, sequentially (target ratio <= 0.15).
2. After one edit in one wijk, ``wijkanalyse rapport`` against making one report
   (``wijkanalyse rapport --wijk X --opnieuw``; target <= 1.2).
3. Scale: a generated workspace of N fictitious wijken (the demo generator, names
   "Proefwijk 001", …): seconds per N, the peak memory of each local worker with its kernel,
   and the same N on a 2-worker dask ``LocalCluster`` against the local pool of 2.

Everything runs as a user would: the ``wijkanalyse`` command in a subprocess. Memory is
sampled from /proc every 0.2 s (resident set of each worker process plus its kernel).

Run: ``.venv/bin/python benchmarks/bench_rapporten.py [--schaal 30,100,300] [--zonder-naief]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from wijkanalyse import config, demo, store

BIN = Path(sys.executable).parent


def _rss_mb(pid: int) -> float:
    try:
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _kinderen(pid: int) -> list[int]:
    try:
        tekst = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in tekst.split()]


class Geheugen(threading.Thread):
    """Peak RSS per worker (a child of the command, or of a dask nanny) plus its kernel."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.piek, self.stop = pid, 0.0, False

    def run(self) -> None:
        while not self.stop:
            for w in self._werkers():
                totaal = _rss_mb(w) + sum(_rss_mb(k) for k in _kinderen(w))
                self.piek = max(self.piek, totaal)
            time.sleep(0.2)

    def _werkers(self) -> list[int]:
        uit = []
        for k in _kinderen(self.pid):
            kk = _kinderen(k)
            # a local worker has one child (its kernel); a dask nanny has one child (the
            # worker), whose child is the kernel
            uit.append(kk[0] if kk and _kinderen(kk[0]) else k)
        return uit


def _tijd(args: list[str], env: dict | None = None, meet: bool = False) -> tuple[float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    g = Geheugen(proc.pid)
    if meet:
        g.start()
    rc = proc.wait()
    g.stop = True
    if rc not in (0, 1):
        raise SystemExit(f"{args} gaf exitcode {rc}")
    return time.perf_counter() - t0, g.piek


def wijkanalyse(*args: str, meet: bool = False) -> tuple[float, float]:
    return _tijd([str(BIN / "wijkanalyse"), "rapport", *args], meet=meet)


def naief(db: Path, uit: Path) -> float:
    """papermill's CLI and nbconvert's CLI per wijk, one after the other."""
    uit.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    for w in store.wijken(db)["naam"]:
        nb = uit / f"{config.slug(w)}.ipynb"
        subprocess.run(
            [str(BIN / "papermill"), str(config.notebook("04")), str(nb), "-p", "wijk", w,
             "-p", "werkruimte", str(db), "--cwd", str(config.NOTEBOOKS_DIR)],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
            check=True, capture_output=True,
        )  # fmt: skip
    return time.perf_counter() - t0


def proefwerkruimte(pad: Path, n: int) -> Path:
    """N fictitious wijken from the demo generator (each marked fictief)."""
    store.maak_werkruimte(pad)
    for i in range(1, n + 1):
        demo.bouw_wijk(pad, f"Proefwijk {i:03d}", "Proefgemeente", 1000 + 37 * i)
    return pad


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schaal", default="30,100,300")
    ap.add_argument("--cluster-bij", type=int, default=None, help="N voor de clustervergelijking")
    ap.add_argument("--zonder-naief", action="store_true")
    a = ap.parse_args()
    print(f"machine: {os.cpu_count()} kernen, belasting vooraf {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        db = demo.bouw_demo(d / "demo.sqlite")
        if not a.zonder_naief:
            t_naief = naief(db, d / "naief")
            print(f"naief (papermill-CLI + nbconvert-CLI per wijk, 18 wijken): {t_naief:.1f} s")
        t_ons, _ = wijkanalyse("--werkruimte", str(db), "--uitvoer", str(d / "uit"), "--opnieuw")
        print(f"wijkanalyse rapport --opnieuw (18 wijken): {t_ons:.1f} s")
        if not a.zonder_naief:
            print(f"  verhouding: {t_ons / t_naief:.3f}  (doel <= 0,15)")

        t_een, _ = wijkanalyse(
            "--werkruimte", str(db), "--uitvoer", str(d / "een"), "--wijk", "Laak", "--opnieuw"
        )
        store.voeg_opgave_toe(db, "Laak", titel="Nieuwe opgave voor de meting", transitie="energie")
        t_incr, _ = wijkanalyse("--werkruimte", str(db), "--uitvoer", str(d / "uit"))
        print(f"één rapport (--wijk Laak --opnieuw): {t_een:.1f} s")
        print(f"na één wijziging in Laak, alle wijken (1 opnieuw): {t_incr:.1f} s")
        print(f"  verhouding: {t_incr / t_een:.2f}  (doel <= 1,2)")

        schalen = [int(x) for x in a.schaal.split(",") if x]
        tijden = {}
        for n in schalen:
            p = proefwerkruimte(d / f"proef{n}.sqlite", n)
            t, piek = wijkanalyse(
                "--werkruimte", str(p), "--uitvoer", str(d / f"proef{n}"), "--opnieuw",
                "--parallel", "2", meet=True,
            )  # fmt: skip
            tijden[n] = t
            print(
                f"schaal {n} wijken, lokaal 2 werkers: {t:.1f} s ({t / n:.2f} s per wijk), "
                f"piekgeheugen per werker met kernel {piek:.0f} MB"
            )
            shutil.rmtree(d / f"proef{n}", ignore_errors=True)
        if len(tijden) > 1:
            a0 = min(tijden)
            for n, t in tijden.items():
                print(
                    f"  lineair? {n}: {t / tijden[a0] / (n / a0):.2f} x de tijd per wijk bij {a0}"
                )

        n = a.cluster_bij or (schalen[-1] if schalen else 18)
        p = d / f"proef{n}.sqlite"
        if not p.exists():
            proefwerkruimte(p, n)
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            proc_pid = os.getpid()
            g = Geheugen(proc_pid)
            g.start()
            t_cl, _ = wijkanalyse(
                "--werkruimte", str(p), "--uitvoer", str(d / "cluster"), "--opnieuw",
                "--cluster", cluster.scheduler_address,
            )  # fmt: skip
            g.stop = True
        t_lok = tijden.get(n)
        if t_lok is None:
            t_lok, _ = wijkanalyse(
                "--werkruimte", str(p), "--uitvoer", str(d / "lokaal"), "--opnieuw",
                "--parallel", "2",
            )  # fmt: skip
        print(
            f"schaal {n} op een LocalCluster met 2 werkers: {t_cl:.1f} s tegen lokaal "
            f"{t_lok:.1f} s (verhouding {t_cl / t_lok:.2f}, doel <= 1); "
            f"piekgeheugen per clusterwerker met kernel {g.piek:.0f} MB"
        )
    print(f"belasting achteraf {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
