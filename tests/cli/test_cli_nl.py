"""The CLI and notebooks speak Dutch: help texts, usage errors, and our own message (never a
traceback) when something fails, with the traceback in a log."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from wijkanalyse.core import config, error_display

ENGELS = re.compile(r"Usage|Options|Commands|Show this|TEXT|default|Error|Missing|No such")


def _cli(*args: str, werk: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "WIJKANALYSE_WERKRUIMTE": str(werk)}
    return subprocess.run(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize(
    "commando", ["", "demo", "rapport", "dashboard", "nieuw", "cluster", "cluster werker"]
)
def test_hulp_is_nederlands(commando: str, tmp_path: Path) -> None:
    r = _cli(*commando.split(), "--help", werk=tmp_path)
    assert r.returncode == 0
    assert r.stdout.startswith("Gebruik: wijkanalyse") and "Opties:" in r.stdout
    assert "Toon deze hulp en stop." in r.stdout
    assert not ENGELS.search(r.stdout), ENGELS.search(r.stdout)


def test_gebruiksfout_is_nederlands(tmp_path: Path) -> None:
    r = _cli("rapport", "--bla", werk=tmp_path)
    assert r.returncode == 2
    assert "Fout: Onbekende optie '--bla'." in r.stderr
    assert not ENGELS.search(r.stderr)


def test_onverwachte_fout_zonder_traceback_maar_in_het_log(tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.sqlite"
    kapot.write_text("dit is geen database", encoding="utf-8")
    r = _cli("rapport", "--werkruimte", str(kapot), werk=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith(f"Fout: '{kapot}' is geen SQLite-bestand, geen werkruimte")
    assert "Traceback" not in r.stderr
    log = tmp_path / "wijkanalyse.log"
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_notebookfout_is_een_nederlandse_regel(werkruimte: Path, tmp_path: Path) -> None:
    """papermill (and Lab, Voila): our error as one Dutch line, not a page of traceback."""
    uit = tmp_path / "uit.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as info:
        pm.execute_notebook(
            str(config.notebook("04")),
            str(uit),
            parameters={"wijk": "Atlantis", "werkruimte": str(werkruimte)},
            cwd=str(config.NOTEBOOKS_DIR),
            progress_bar=False,
            kernel_name="python3",
        )
    fout = info.value
    assert fout.ename == "OnbekendFout"
    melding = error_display.melding(fout)
    assert melding.startswith("Wijk 'Atlantis' bestaat niet")
    fouten = [
        o
        for c in nbformat.read(uit, 4).cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert [o["traceback"] for o in fouten] == [[f"OnbekendFout: {melding}"]]
