"""A click on a matrix cell opens that pair in the Werkblad 2.7 editor (kernel side; the
browser side is tested against real Voila in test_dashboard.py)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.koppelingen import KoppelingenView
from wijkanalyse.widgets.matrixklik import KlikbareMatrix, matrix_bij_editor


def test_a_click_opens_that_pair_whatever_the_filter(model: WijkModel) -> None:
    editor = KoppelingenView(model)
    matrix = matrix_bij_editor(model, editor)
    assert (
        matrix.klik.doel == editor.doel_klasse and editor.doel_klasse in editor.editor._dom_classes
    )
    ids = matrix.figuur.getoond.layout.meta["opgave_ids"]
    assert sorted(ids) == sorted(model.opgaven()["id"].tolist())
    a, b = ids[-1], ids[-2]
    editor.zoek.value = "iets dat nergens in staat"  # the pair is filtered out of the list
    matrix.klik.geklikt = [a, b, 1]  # what the page's script sends on plotly_click
    assert editor.paar.value == tuple(sorted((a, b)))
    titels = model.opgaven().set_index("id")["titel"]
    lo, hi = sorted((a, b))
    assert f"{titels[lo]} × {titels[hi]}" in editor.samenvatting.value.replace("&amp;", "&")
    assert editor.zoek.value == "" and editor.melding.value == ""


def test_a_click_on_an_opgave_deleted_meanwhile_says_so(model: WijkModel) -> None:
    editor = KoppelingenView(model)
    matrix = matrix_bij_editor(model, editor)
    voor = editor.paar.value
    matrix.klik.geklikt = [999_999, int(model.opgaven()["id"].iloc[0]), 2]
    assert editor.paar.value == voor
    assert "bestaat niet meer" in editor.melding.value


def test_in_a_page_the_matrix_waits_for_the_click_script_then_draws(
    model: WijkModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind Voila the figure is drawn once the widget's script runs (drawn earlier, plotly's
    first load kept the page too busy for anywidget to start the script in time)."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "test")

    async def in_kernel() -> None:
        m = KlikbareMatrix(model, lambda a, b: None)
        assert not m.figuur.getekend and m.figuur.outputs == ()
        m.klik.klaar = True  # the script in the page says it runs
        assert m.figuur.getekend and len(m.figuur.outputs) == 1
        monkeypatch.setattr("wijkanalyse.widgets.matrixklik.WACHT", 0.05)
        zonder_script = KlikbareMatrix(model, lambda a, b: None)
        assert not zonder_script.figuur.getekend
        await asyncio.sleep(0.3)  # never answered: drawn anyway after WACHT
        assert zonder_script.figuur.getekend
        model.stop_volgen()

    # In its own thread: in the full suite the browser tests leave an event loop running here.
    fouten: list[BaseException] = []

    def draai() -> None:
        try:
            asyncio.run(in_kernel())
        except BaseException as e:  # noqa: BLE001 (re-raised in the test's thread)
            fouten.append(e)

    draad = threading.Thread(target=draai)
    draad.start()
    draad.join(timeout=60)
    assert not draad.is_alive()
    if fouten:
        raise fouten[0]
