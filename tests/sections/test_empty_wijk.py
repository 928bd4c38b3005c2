"""A wijk without any data yet (straight after `wijkanalyse nieuw`) works everywhere."""

from __future__ import annotations

import inspect
from pathlib import Path

import papermill as pm
import pytest

from wijkanalyse import sections, store
from wijkanalyse.core import config
from wijkanalyse.core.catalog import standaard_kader
from wijkanalyse.model import WijkModel, open_wijk
from wijkanalyse.sections import afweging as sa


@pytest.fixture
def leeg(tmp_path: Path) -> Path:
    p = store.maak_werkruimte(tmp_path / "nieuw.sqlite")
    store.voeg_wijk_toe(p, "Laak", "Den Haag", 40795, criteria=standaard_kader())
    return p


def _blokken() -> list:
    uit = []
    for mod in (sections, sa):
        for naam, f in inspect.getmembers(mod, inspect.isfunction):
            if f.__module__ == mod.__name__ and not naam.startswith("_"):
                params = list(inspect.signature(f).parameters)
                if params and params[0] == "model":
                    uit.append(pytest.param(f, id=f"{mod.__name__}.{naam}"))
    return uit


@pytest.mark.parametrize("blok", _blokken())
def test_every_block_handles_an_empty_wijk(blok, leeg: Path) -> None:
    blok(open_wijk("Laak", str(leeg)))


def test_every_view_handles_an_empty_wijk(leeg: Path) -> None:
    from wijkanalyse.widgets.afweging import AfwegingView
    from wijkanalyse.widgets.dashboard import Dashboard
    from wijkanalyse.widgets.inventarisatie import InventarisatieView
    from wijkanalyse.widgets.koppelingen import KoppelingenView

    m: WijkModel = open_wijk("Laak", str(leeg))
    for view in (InventarisatieView, KoppelingenView, AfwegingView):
        view(m)
    d = Dashboard(m)
    for i in range(3):
        d.tabs.selected_index = i
    assert "Er ging iets mis" not in d.melding.value


@pytest.mark.parametrize("naam", ["02", "03", "04"])
def test_notebooks_run_for_an_empty_wijk(naam: str, leeg: Path, tmp_path: Path) -> None:
    pm.execute_notebook(
        str(config.notebook(naam)),
        str(tmp_path / "uit.ipynb"),
        parameters={"wijk": "Laak", "werkruimte": str(leeg)},
        cwd=str(config.NOTEBOOKS_DIR),
        progress_bar=False,
    )
