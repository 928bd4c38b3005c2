"""Saving from JupyterLab never puts outputs into notebooks/: a real JupyterLab server, started
as `make lab` starts it, saves notebooks through its contents API."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from wijkanalyse import config

pytestmark = pytest.mark.slow
TOKEN = "wijkanalyse-test"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab() -> Iterator[str]:
    poort = _vrije_poort()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lab",
            "--config=jupyter_server_config.py",
            "notebooks/",
            "--no-browser",
            f"--port={poort}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            "--allow-root",
        ],
        cwd=config.REPO_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab kwam niet op")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _bewaar(url: str, pad: str, nb: dict) -> dict:
    verzoek = urllib.request.Request(
        f"{url}/api/contents/{pad}",
        data=json.dumps({"type": "notebook", "format": "json", "content": nb}).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
        return json.loads(antwoord.read())


def _met_uitvoer(nb: nbformat.NotebookNode) -> dict:
    """The notebook as Lab holds it after running: outputs, counts, widget state."""
    nb = json.loads(nbformat.writes(nb))
    for i, cel in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cel["execution_count"] = i + 1
        cel["outputs"] = [
            {"output_type": "stream", "name": "stdout", "text": "uitvoer\n" * 500},
            {
                "output_type": "display_data",
                "data": {"text/html": "<b>tabel</b>", "text/plain": "tabel"},
                "metadata": {},
            },
        ]
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    # What a running kernel writes into the notebook's metadata.
    nb["metadata"]["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb["metadata"]["language_info"] = {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": "3.11.7",
    }
    return nb


def test_opslaan_vanuit_lab_laat_notebooks_ongewijzigd(lab: str) -> None:
    pad = config.NOTEBOOKS_DIR / "01-inventarisatie.ipynb"
    voor = pad.read_bytes()
    try:
        _bewaar(lab, pad.name, _met_uitvoer(nbformat.read(pad, 4)))
        na = nbformat.read(pad, 4)
        assert all(c.outputs == [] for c in na.cells if c.cell_type == "code")
        assert all(c.execution_count is None for c in na.cells if c.cell_type == "code")
        assert "widgets" not in na.metadata
        assert pad.read_bytes() == voor  # byte for byte what is committed
    finally:
        pad.write_bytes(voor)


def test_eigen_notebook_elders_houdt_zijn_uitvoer(lab: str, tmp_path: Path) -> None:
    """Only notebooks/ is kept clean: a notebook in a subfolder the user made outside it is
    not ours to strip. (Here: a notebook saved under reports/ is out of the server's root,
    so we check the hook's rule directly on a path outside notebooks/.)"""
    from wijkanalyse.server.jupyter_hooks import zonder_uitvoer

    nb = _met_uitvoer(nbformat.read(config.notebook("01"), 4))
    model = {"type": "notebook", "content": nb}

    class Beheer:
        root_dir = str(tmp_path)

    zonder_uitvoer(model, "mijn-analyse.ipynb", contents_manager=Beheer())
    assert any(c.get("outputs") for c in model["content"]["cells"])
