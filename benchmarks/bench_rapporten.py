"""Batch reports: the issue's figures, one run each, as ratios on this machine.

1. All 18 demo reports with ``wijkanalyse rapport --opnieuw`` against a naive loop of
   papermill's CLI plus nbconvert's CLI per wijk, sequentially (target ratio <= 0.15).
2. After one edit in one wijk, ``wijkanalyse rapport`` against making one report
   (``wijkanalyse rapport --wijk X --opnieuw``; target <= 1.2).
3. Scale: a generated workspace of N fictitious wijken (the demo generator, names
   "Proefwijk 001", …): seconds per N, the peak memory of each local worker with its kernel,
   and the same N on a 2-worker dask ``LocalCluster`` against the local pool of 2.

Everything runs as a user would: the ``wijkanalyse`` command in a subprocess. Memory is
sampled from /proc every 0.3 s: each process that owns a kernel plus that kernel, as PSS
(shared pages divided among the processes sharing them) and as RSS.

The cluster is started with the settings of ``wijkanalyse cluster werker``
(:data:`wijkanalyse.rapport.cluster.WERKER_INSTELLINGEN`), and compared in ``--herhaal``
pairs (default 2), the order alternating, because this machine's speed drifts by more than
the difference being measured.

Run: ``.venv/bin/python benchmarks/bench_rapporten.py [--schaal 30,100,300] [--zonder-naief]
[--herhaal 2]``
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

from wijkanalyse import demo, store
from wijkanalyse.core import config

BIN = Path(sys.executable).parent


def _mb(pid: int, veld: str) -> float:
    """A memory figure of a process in MB: "Pss" (its fair share of pages it shares with
    others, e.g. after fork) or "Rss" (everything resident, shared pages counted in full)."""
    try:
        for regel in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if regel.startswith(f"{veld}:"):
                return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _kinderen(pid: int) -> list[int]:
    """Children of every thread of ``pid`` (dask starts its workers from another thread)."""
    uit = []
    try:
        for taak in Path(f"/proc/{pid}/task").iterdir():
            uit += [int(x) for x in (taak / "children").read_text().split()]
    except OSError:
        pass
    return uit


def _nazaten(pid: int) -> list[int]:
    uit, rij = [], [pid]
    while rij:
        for k in _kinderen(rij.pop()):
            uit.append(k)
            rij.append(k)
    return uit


def _is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel_launcher" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _ouder(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


class Geheugen(threading.Thread):
    """Peak memory per worker: the process that owns a kernel, plus that kernel (PSS and RSS),
    among the descendants of ``pid`` (local workers, or dask nanny -> worker)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.piek_pss, self.piek_rss, self.stop = pid, 0.0, 0.0, False

    def run(self) -> None:
        while not self.stop:
            for k in [p for p in _nazaten(self.pid) if _is_kernel(p)]:
                w = _ouder(k)
                self.piek_pss = max(self.piek_pss, _mb(w, "Pss") + _mb(k, "Pss"))
                self.piek_rss = max(self.piek_rss, _mb(w, "Rss") + _mb(k, "Rss"))
            time.sleep(0.3)

    @property
    def piek(self) -> str:
        return f"{self.piek_pss:.0f} MB (PSS; RSS {self.piek_rss:.0f} MB)"


def _tijd(args: list[str], env: dict | None = None, meet: bool = False) -> tuple[float, str]:
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


def wijkanalyse(*args: str, meet: bool = False) -> tuple[float, str]:
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
    ap.add_argument(
        "--herhaal", type=int, default=2, help="paren cluster/lokaal (volgorde wisselt)"
    )
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
                f"piekgeheugen per werker met kernel {piek}"
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
        import dask
        from distributed import LocalCluster

        from wijkanalyse.rapport.cluster import WERKER_INSTELLINGEN

        def lokaal() -> float:
            t, _ = wijkanalyse(
                "--werkruimte", str(p), "--uitvoer", str(d / "lokaal"), "--opnieuw",
                "--parallel", "2",
            )  # fmt: skip
            return t

        def op_cluster() -> tuple[float, str]:
            # Started as `wijkanalyse cluster werker` starts them (the README's advice): dask's
            # profiler off, its event-loop tick and memory check once a second.
            with (
                dask.config.set(WERKER_INSTELLINGEN),
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
            ):
                g = Geheugen(os.getpid())
                g.start()
                t, _ = wijkanalyse(
                    "--werkruimte", str(p), "--uitvoer", str(d / "cluster"), "--opnieuw",
                    "--cluster", cluster.scheduler_address,
                )  # fmt: skip
                g.stop = True
            return t, g.piek

        # The same machine is not equally fast from minute to minute (the same local batch of
        # 300 took 285 to 346 s), so the comparison runs in pairs, the order alternating.
        paren = []
        for i in range(a.herhaal):
            if i % 2 == 0:
                t_lok = tijden.pop(n, None) if i == 0 else None
                t_lok = t_lok if t_lok is not None else lokaal()
                t_cl, piek = op_cluster()
            else:
                t_cl, piek = op_cluster()
                t_lok = lokaal()
            paren.append((t_cl, t_lok))
            print(
                f"schaal {n}, paar {i + 1}: LocalCluster met 2 werkers {t_cl:.1f} s, lokaal "
                f"{t_lok:.1f} s (verhouding {t_cl / t_lok:.2f}); piekgeheugen per "
                f"clusterwerker met kernel {piek}",
                flush=True,
            )
        som_cl, som_lok = sum(c for c, _ in paren), sum(lok for _, lok in paren)
        print(
            f"schaal {n} op een LocalCluster met 2 werkers tegen de lokale pool van 2, "
            f"{len(paren)} paren: {som_cl:.1f} s tegen {som_lok:.1f} s "
            f"(verhouding {som_cl / som_lok:.2f}, doel <= 1)"
        )
    print(f"belasting achteraf {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
