"""JupyterLab as a user meets it: a real JupyterLab server, started as `make lab` starts it.
Saving never puts outputs into notebooks/ (through its contents API), and notebooks 01-04,
run in Chromium at 1440 px, show every label whole."""

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
from a11y import AFGEKAPT_JS
from playwright.sync_api import expect
from test_excel_team import SOORT, team_werkboek

from wijkanalyse import store
from wijkanalyse.core import config

pytestmark = pytest.mark.slow
TOKEN = "wijkanalyse-test"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's folder: its workspace copy is ``demo.sqlite`` in it."""
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="module")
def lab(_demo_sjabloon: Path, lab_map: Path) -> Iterator[str]:
    """The server; its kernels open a copy of the small demo workspace (Laak, Selwerd), and
    Lab renders every cell of a notebook (no windowing), so all of it can be measured."""
    import os
    import shutil

    d = lab_map
    shutil.copy(_demo_sjabloon, d / "demo.sqlite")
    instellingen = d / "instellingen" / "@jupyterlab" / "notebook-extension"
    instellingen.mkdir(parents=True)
    (instellingen / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {k: v for k, v in os.environ.items() if k != "PLOTLY_RENDERER"}
    env.update(
        WIJKANALYSE_DB=str(d / "demo.sqlite"),
        WIJKANALYSE_WERKRUIMTE=str(d),
        JUPYTERLAB_SETTINGS_DIR=str(d / "instellingen"),
    )
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
            f"--LabApp.workspaces_dir={d / 'werkbladen'}",  # no tabs restored from elsewhere
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run its commands
            "--allow-root",
        ],
        cwd=config.REPO_DIR,
        env=env,
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


_KERNEL_KLAAR_JS = """() => {
    const nb = window.jupyterapp?.shell.currentWidget;
    const k = nb?.sessionContext?.session?.kernel;
    return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""

# Every code cell has run: its prompt shows a number (not '*', not empty).
_ALLES_GEDRAAID_JS = """() => {
    const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent));
}"""


def _importeer_team_werkboek(page, werkboek: Path) -> None:
    """In notebook 01: the team's workbook through the 'Opgaven inlezen' upload, its
    preview (which names what 'Type' and 'Toelichting' become), then 'Inlezen'."""
    # ipywidgets 8 keeps the <input type=file> out of the DOM: the button opens the chooser
    knop = page.locator(".widget-upload", has_text="Opgaven inlezen")
    knop.scroll_into_view_if_needed()
    with page.expect_file_chooser() as kiezer:
        knop.click()
    kiezer.value.set_files(werkboek)
    voorbeeld = page.locator(".wa-import-voorbeeld")
    expect(voorbeeld).to_contain_text("Toevoegen: 13 opgaven", timeout=60_000)
    voorbeeld.scroll_into_view_if_needed()
    for kop, doel in (("Type", "soort"), ("Toelichting", "beschrijving")):
        rij = voorbeeld.locator("tr", has=page.locator("td", has_text=kop))
        expect(rij.first).to_contain_text(doel)
    inlezen = page.get_by_role("button", name="Inlezen", exact=True)
    expect(inlezen).to_be_enabled()
    inlezen.click()
    melding = page.get_by_text("'Team Laak.xlsx': 13 opgaven toegevoegd, 0 bijgewerkt")
    expect(melding.last).to_be_visible(timeout=60_000)
    expect(voorbeeld).to_be_empty()


def test_notebooks_01_tot_04_in_lab_tonen_elk_label_heel(
    lab: str, lab_map: Path, browser, tmp_path: Path
) -> None:
    """Notebooks 01-04 opened in JupyterLab in Chromium at 1440 px and run (Run All Cells):
    no cell fails and no label (tabs, buttons, slider and field labels, fold-out headers)
    is cut off ('over twee jaar en…', 'Doorbraak in complex dossie' were). In 01 the team's
    workbook (with 'Type' and 'Toelichting') is uploaded and imported: its four social
    opgaven land as sociaal with their descriptions (issue #19)."""
    werkboek = tmp_path / "Team Laak.xlsx"
    werkboek.write_bytes(team_werkboek([]))
    namen = ("01-inventarisatie", "02-koppelingen", "03-afwegingskader", "04-rapport")
    bewaard = {n: (config.NOTEBOOKS_DIR / f"{n}.ipynb").read_bytes() for n in namen}
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1440, "height": 1000})
    page = ctx.new_page()
    afgekapt: dict[str, list[str]] = {}
    fouten: dict[str, list[str]] = {}
    try:
        for naam in namen:
            page.goto(f"{lab}/lab/tree/{naam}.ipynb?reset&token={TOKEN}")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
            # the kernel is up, then Run > Run All Cells (the command behind the menu item)
            page.wait_for_function(_KERNEL_KLAAR_JS, polling=100, timeout=180_000)
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(_ALLES_GEDRAAID_JS, polling=100, timeout=300_000)
            page.wait_for_selector(".jp-OutputArea-output >> visible=true", timeout=60_000)
            page.wait_for_timeout(1500)  # widgets finish drawing
            fouten[naam] = [
                t[:200]
                for t in page.locator(".jp-OutputArea-output").all_inner_texts()
                if "Traceback" in t or "Error" in t.split("\n")[0]
            ]
            afgekapt[naam] = page.evaluate(AFGEKAPT_JS)
            assert page.locator(".widget-label, .jupyter-button").count() > 0 or naam == namen[3]
            if naam == namen[0]:
                db = lab_map / "demo.sqlite"
                voor = set(store.opgaven(db, "Laak")["titel"])
                _importeer_team_werkboek(page, werkboek)
                na = store.opgaven(db, "Laak").set_index("titel")
                nieuw = na.drop(index=list(voor))
                assert len(nieuw) == 13
                assert sorted(nieuw.index[nieuw["soort"] == "sociaal"]) == sorted(SOORT)
                assert na.loc[sorted(SOORT), "beschrijving"].to_dict() == {
                    "Energiecoaches": "Toelichting 10 met ë en ï",
                    "Gezondheidsprogramma": "Toelichting 6 met ë en ï",
                    "Jongerenwerk": "Toelichting 13 met ë en ï",
                    "Taalhuis": "Toelichting 8 met ë en ï",
                }
        assert fouten == {n: [] for n in namen}
        assert afgekapt == {n: [] for n in namen}
    finally:
        ctx.close()
        for n, inhoud in bewaard.items():  # Lab's autosave keeps them as they are; to be sure
            (config.NOTEBOOKS_DIR / f"{n}.ipynb").write_bytes(inhoud)
