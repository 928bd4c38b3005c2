"""The test suite then and now, on this machine, back to back.

A suite grows with the product; "is `make test` slower than it was?" only means something for
the same tests on the same machine on the same day. This script

1. checks out an older commit (``--then``, default 67fe6c8: 735 tests, the suite #21 compared
   against) in a temporary git worktree and runs its suite as that commit's ``make test`` did
   (one process: ``pytest -q``), with this venv;
2. collects today's tests and keeps those that existed then (matched by test name and
   parameters; a name that moved to another file is still found; renamed ones are not);
3. runs that subset as today's ``make test`` runs the suite (``-n 2 --dist loadfile``);

and prints the wall time and test count of each. Nothing else should run meanwhile (the
figures move ~10 % from run to run on a 2-core machine anyway). ``--alleen-tellen`` only
collects and matches (a few seconds).

    python benchmarks/bench_suite_then_and_now.py [--then REV] [--alleen-tellen]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NU_OPTIES = ["-n", "2", "--dist", "loadfile", "--no-loadscope-reorder"]


def _pytest(map_: Path, *args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    begin = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=map_,
        env=env,
        capture_output=True,
        text=True,
    )
    slot = [regel for regel in r.stdout.splitlines() if regel.strip()][-1:]
    return time.monotonic() - begin, slot[0] if slot else r.stderr[-300:]


def _ids(map_: Path, env: dict[str, str] | None = None) -> list[str]:
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=map_,
        env=env,
        capture_output=True,
        text=True,
    )
    return [regel.strip() for regel in r.stdout.splitlines() if "::" in regel]


def koppel(toen: list[str], nu: list[str]) -> tuple[list[str], list[str]]:
    """Today's ids of the tests that existed then, and the ids of then not found today.

    >>> koppel(["tests/test_a.py::test_x[1]", "tests/test_b.py::test_y"],
    ...        ["tests/a/test_a.py::test_x[1]", "tests/a/test_a.py::test_x[2]"])
    (['tests/a/test_a.py::test_x[1]'], ['tests/test_b.py::test_y'])
    """
    per_naam: dict[str, list[str]] = defaultdict(list)
    for i in nu:
        per_naam[i.split("::", 1)[1]].append(i)
    gevonden, weg = [], []
    for i in toen:
        bestand, naam = i.split("::", 1)
        kandidaten = per_naam.get(naam, [])
        if len(kandidaten) > 1:  # the same name in several files: the one with that file name
            kandidaten = [k for k in kandidaten if k.split("::")[0].endswith(Path(bestand).name)]
        (gevonden if kandidaten else weg).append(kandidaten[0] if kandidaten else i)
    return sorted(set(gevonden)), weg


def _als_argumenten(ids: list[str]) -> list[str]:
    """Ids pytest takes back on its command line: parameters with escapes (``\\n``) are
    given as their whole test function."""
    return sorted({i.split("[", 1)[0] if "\\" in i else i for i in ids})


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--then", default="67fe6c8")
    p.add_argument("--alleen-tellen", action="store_true")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        toen_map = Path(tmp) / "toen"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(toen_map), a.then],
            cwd=REPO,
            check=True,
        )
        try:
            env_toen = {**os.environ, "PYTHONPATH": str(toen_map)}
            toen = _ids(toen_map, env_toen)
            nu = _ids(REPO)
            gevonden, weg = koppel(toen, nu)
            print(f"toen ({a.then}): {len(toen)} tests; nu: {len(nu)} tests")
            print(f"van toen nu terug te vinden: {len(gevonden)}; niet (hernoemd): {len(weg)}")
            if a.alleen_tellen:
                return
            sec, slot = _pytest(toen_map, "-q", env=env_toen)
            print(f"toen, zoals zijn make test (één proces): {sec:.0f} s — {slot}")
            lijst = Path(tmp) / "ids.txt"
            lijst.write_text("\n".join(_als_argumenten(gevonden)) + "\n", encoding="utf-8")
            sec, slot = _pytest(REPO, "-q", *NU_OPTIES, *_als_argumenten(gevonden))
            print(f"dezelfde tests nu, zoals make test nu (-n 2): {sec:.0f} s — {slot}")
            sec, slot = _pytest(REPO, "-q", *NU_OPTIES)
            print(f"alle tests nu, zoals make test nu: {sec:.0f} s — {slot}")
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(toen_map)], cwd=REPO, check=False
            )


if __name__ == "__main__":
    main()
