"""The command line: Dutch messages, exit code 2 for user errors, nothing created by mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

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
    assert "Wijk 'Atlantis' bestaat niet" in r.stderr and "Traceback" not in r.stderr


def test_nieuw_creates_the_18_wijken_with_the_default_kader(tmp_path: Path) -> None:
    pad = tmp_path / "gemeente.sqlite"
    r = _cli("nieuw", str(pad))
    assert r.returncode == 0, r.stderr
    assert len(store.wijken(pad)) == 18
    assert len(store.criteria(pad, "Laak")) == 8
    assert store.opgaven(pad, "Laak").empty
    r2 = _cli("nieuw", str(pad))
    assert r2.returncode == 2 and "bestaat al" in r2.stderr


def test_nieuw_with_a_bad_wijken_csv_names_the_row_and_creates_nothing(tmp_path: Path) -> None:
    csv = tmp_path / "wijken.csv"
    csv.write_text(
        "naam;gemeente;inwoners\nLaak;Den Haag;40.795\nSelwerd;Groningen;veel\n", encoding="cp1252"
    )
    pad = tmp_path / "g.sqlite"
    r = _cli("nieuw", str(pad), "--wijken", str(csv))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "rij 3" in r.stderr and "kolom 'inwoners'" in r.stderr
    assert not pad.exists() and not list(tmp_path.glob("g.sqlite*"))
    csv.write_text(
        "naam;gemeente;inwoners\nLaak;Den Haag;40.795\nSelwerd;Groningen;\n", encoding="cp1252"
    )
    r = _cli("nieuw", str(pad), "--wijken", str(csv))
    assert r.returncode == 0, r.stderr
    w = store.wijken(pad).set_index("naam")
    assert w.loc["Laak", "inwoners"] == 40795 and pd.isna(w.loc["Selwerd", "inwoners"])
