"""Every notebook runs top to bottom in a real kernel (papermill), with its parameters."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from notebook_uitvoer import cellen_met_uitvoer

from wijkanalyse import store
from wijkanalyse.core import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def _tekst(nb_pad: Path) -> str:
    """All outputs of an executed notebook as one string, also those drawn inside Output
    widgets (the blocks that redraw when data changes keep theirs in the widget state)."""
    nb = nbformat.read(nb_pad, as_version=4)
    uitvoer = [o for c in nb.cells for o in c.get("outputs", [])]
    staat = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for widget in staat.get("state", {}).values():
        uitvoer += widget.get("state", {}).get("outputs", [])
    delen = []
    for o in uitvoer:
        delen.append(json.dumps(o.get("data", {})) + o.get("text", ""))
        if o.get("output_type") == "error":
            delen.append(f"FOUT {o['ename']}: {o['evalue']}")
    return "\n".join(delen)


def test_there_are_the_four_numbered_notebooks_and_a_dashboard() -> None:
    namen = [p.name for p in NOTEBOOKS]
    for prefix in ("01-", "02-", "03-", "04-"):
        assert any(n.startswith(prefix) for n in namen), prefix
    assert "dashboard.ipynb" in namen


_PAPERMILL = """
import json, sys
import papermill as pm
cwd, taken = sys.argv[1], json.loads(sys.argv[2])
fouten = {}
for nb, uit, parameters in taken:  # one after the other, each in a kernel of its own
    try:
        pm.execute_notebook(nb, uit, parameters=parameters, cwd=cwd,
                            progress_bar=False, kernel_name="python3", execution_timeout=180)
    except pm.PapermillExecutionError as e:
        fouten[uit] = str(e)
print(json.dumps(fouten))
"""


def _papermill_alle(taken: list[tuple[Path, Path, dict]]) -> dict[Path, str]:
    """papermill in its own process, as `wijkanalyse rapport` and a user run it: in this test
    process the browser tests' event loop made nbclient wait forever (seen in the full suite).
    Several notebooks in one process (papermill's import costs seconds), each in its own
    kernel; returns the notebooks that failed with papermill's message."""
    import sys

    werk = [(str(nb), str(uit), parameters) for nb, uit, parameters in taken]
    r = subprocess.run(
        [sys.executable, "-c", _PAPERMILL, str(config.NOTEBOOKS_DIR), json.dumps(werk)],
        capture_output=True, text=True, timeout=600 * len(taken),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-3000:]
    return {Path(uit): fout for uit, fout in json.loads(r.stdout.splitlines()[-1]).items()}


def _papermill(nb: Path, uit: Path, parameters: dict) -> None:
    """One notebook (see :func:`_papermill_alle`); a failing cell raises RuntimeError."""
    fouten = _papermill_alle([(nb, uit, parameters)])
    if fouten:
        raise RuntimeError(fouten[uit])


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebooks_have_no_outputs_and_one_parameters_cell(nb: Path) -> None:
    assert cellen_met_uitvoer(nb) == [], f"{nb.name} has outputs"
    cellen = nbformat.read(nb, as_version=4).cells
    tagged = [c for c in cellen if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1


def test_git_has_no_outputs_either() -> None:
    """What is committed, not just what is on disk, is clean."""
    for nb in NOTEBOOKS:
        rel = nb.relative_to(config.REPO_DIR)
        r = subprocess.run(
            ["git", "show", f"HEAD:{rel}"], capture_output=True, text=True, cwd=config.REPO_DIR
        )
        if r.returncode != 0:
            continue  # not committed yet (new notebook in this change)
        cells = json.loads(r.stdout)["cells"]
        assert not any(c.get("outputs") for c in cells if c["cell_type"] == "code"), rel


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_papermill_finds_the_parameters(nb: Path) -> None:
    params = pm.inspect_notebook(str(nb))
    assert {"wijk", "werkruimte"} <= set(params)
    assert params["wijk"]["inferred_type_name"] == "str"
    assert params["wijk"]["help"]  # a '# help' comment explains it


NIEUWE_OPGAVE = "Mobiliteitshub Laakhaven"


@pytest.fixture(scope="module")
def uitgevoerd(
    _demo_sjabloon: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Path], Path]:
    """Each notebook executed once for Laak, in a copy of the demo workspace to which an
    opgave was first added as notebook 01 adds it: the tests below read the same runs."""
    import os
    import shutil

    from wijkanalyse.model import open_wijk
    from wijkanalyse.widgets.inventarisatie import InventarisatieView

    map_ = tmp_path_factory.mktemp("notebooks")
    db = map_ / "werkruimte.sqlite"
    shutil.copy(_demo_sjabloon, db)
    renderer = os.environ.get("PLOTLY_RENDERER")
    v = InventarisatieView(open_wijk("Laak", str(db)))  # what notebook 01 shows
    if renderer is None:  # open_wijk sets it in this process; kernels must not inherit it
        os.environ.pop("PLOTLY_RENDERER", None)
    v.formulier.transitie.value = "mobiliteit"
    v.formulier.titel.value = NIEUWE_OPGAVE
    v.opslaan.click()
    assert NIEUWE_OPGAVE in store.opgaven(db, "Laak")["titel"].tolist()
    fouten: dict[Path, str] | None = None

    def voer_uit(nb: Path) -> Path:
        nonlocal fouten
        if fouten is None:  # all of them at the first request, in one papermill process
            fouten = _papermill_alle(
                [(n, map_ / n.name, {"wijk": "Laak", "werkruimte": str(db)}) for n in NOTEBOOKS]
            )
        uit = map_ / nb.name
        if uit in fouten:
            raise RuntimeError(fouten[uit])
        return uit

    return voer_uit


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_for_a_demo_wijk(nb: Path, uitgevoerd: Callable[[Path], Path]) -> None:
    uit = uitgevoerd(nb)
    tekst = _tekst(uit)
    assert "FOUT" not in tekst
    # No cell waits for its timeout: blocks drawn by capturing display() into an Output widget
    # made nbclient miss the cell's reply until the timeout (180 s) ran out; see levend.py.
    duur = {
        i: c.metadata.get("papermill", {}).get("duration") or 0
        for i, c in enumerate(nbformat.read(uit, as_version=4).cells)
    }
    assert max(duur.values()) < 60, duur
    if nb.name != "dashboard.ipynb":
        assert "Wijkanalyse Laak" in tekst  # the header block of the chosen wijk


def test_an_opgave_added_as_in_01_shows_in_02_and_the_report(
    uitgevoerd: Callable[[Path], Path],
) -> None:
    for naam in ("02", "04"):
        assert NIEUWE_OPGAVE in _tekst(uitgevoerd(config.notebook(naam))), naam


def test_unknown_wijk_fails_with_a_dutch_message(werkruimte: Path, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError) as e:
        _papermill(
            config.notebook("04"),
            tmp_path / "x.ipynb",
            {"wijk": "Atlantis", "werkruimte": str(werkruimte)},
        )
    assert "Wijk 'Atlantis' bestaat niet" in str(e.value)
