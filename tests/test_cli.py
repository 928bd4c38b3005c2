"""The command line: Dutch messages, exit code 2 for user errors, nothing created by mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wijkanalyse import store


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_mistyped_workspace_is_refused_and_not_created(tmp_path: Path) -> None:
    pad = tmp_path / "typo.sqlite"
    r = _cli("rapport", "--werkruimte", str(pad), "--uitvoer", str(tmp_path / "uit"))
    assert r.returncode == 2
    assert "bestaat niet" in r.stderr and "wijkanalyse nieuw" in r.stderr
    assert "Traceback" not in r.stderr
    assert not pad.exists() and not (tmp_path / "uit").exists()


def test_unknown_wijk_is_a_dutch_error(werkruimte: Path, tmp_path: Path) -> None:
    r = _cli(
        "rapport",
        "--werkruimte",
        str(werkruimte),
        "--wijk",
        "Atlantis",
        "--uitvoer",
        str(tmp_path / "uit"),
    )
    assert r.returncode == 2
    assert "Onbekende wijk(en): Atlantis" in r.stderr and "Traceback" not in r.stderr


def test_nieuw_creates_the_18_wijken_with_the_default_kader(tmp_path: Path) -> None:
    pad = tmp_path / "gemeente.sqlite"
    r = _cli("nieuw", str(pad))
    assert r.returncode == 0, r.stderr
    assert len(store.wijken(pad)) == 18
    assert len(store.criteria(pad, "Laak")) == 8
    assert store.opgaven(pad, "Laak").empty
    r2 = _cli("nieuw", str(pad))
    assert r2.returncode == 2 and "bestaat al" in r2.stderr
