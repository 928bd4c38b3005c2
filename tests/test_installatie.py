"""A plain (not editable) `pip install .` in a fresh venv runs `wijkanalyse demo`: data and
notebooks ship inside the package, outputs land in the directory the command runs in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from wijkanalyse.core import config

pytestmark = pytest.mark.slow


def _kopie_van_de_bron(doel: Path) -> Path:
    """The repository's tracked files as they are now (so the test sees uncommitted work)."""
    bestanden = (
        subprocess.run(
            ["git", "ls-files", "-z"], cwd=config.REPO_DIR, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for naam in filter(None, bestanden):
        bron = config.REPO_DIR / naam
        if naam.startswith("tests/") or not bron.is_file():
            continue
        (doel / naam).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bron, doel / naam)
    return doel


def test_gewone_installatie_draait_de_demo(tmp_path: Path) -> None:
    bron = _kopie_van_de_bron(tmp_path / "bron")
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "wheel", "-q", "--no-deps", "-w", str(dist), str(bron)], check=True, timeout=300
    )
    wiel = next(dist.glob("wijkanalyse-*.whl"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # The dependencies come from the test environment (a plain path: its editable
    # wijkanalyse is not visible); wijkanalyse itself only from the wheel.
    (Path(purelib) / "afhankelijkheden.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wiel)],
        check=True,
        timeout=120,
    )
    werk = tmp_path / "werk"
    werk.mkdir()
    # Not PYTHONPATH either: a checkout on it would be imported instead of the wheel.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WIJKANALYSE_") and k != "PYTHONPATH"
    }
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")  # nbconvert's templates
    uit = subprocess.run(
        [venv / "bin" / "wijkanalyse", "demo", "--wijk", "laak"],
        cwd=werk,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert f"Demowerkruimte: {werk / 'werkruimte' / 'demo.sqlite'}" in uit.stdout
    rapport = werk / "reports" / "laak.html"
    html = rapport.read_text(encoding="utf-8")
    assert "Laak" in html and "Ranglijst" in html
    assert "CBS 85984NED, 2024" in html  # the shipped CBS extracts: Den Haag's 2024 figures
    assert (werk / "reports" / "index.html").is_file()
    # nothing was written next to the installed package
    pakket = Path(purelib) / "wijkanalyse"
    assert (pakket / "data" / "catalogus.json").is_file()
    assert not (Path(purelib) / "reports").exists() and not (Path(purelib) / "werkruimte").exists()
