"""Figures display as plotly JSON with our config: no Plotly Cloud upload button."""

from __future__ import annotations

from pathlib import Path

from wijkanalyse import sections
from wijkanalyse.model import open_wijk
from wijkanalyse.plots.figure import MIME, Figuur


def test_blocks_return_figures_that_carry_the_offline_config(werkruimte: Path) -> None:
    fig = sections.matrix(open_wijk("Laak", str(werkruimte)))
    assert isinstance(fig, Figuur)
    bundle = fig._repr_mimebundle_()
    assert bundle[MIME]["config"]["showSendToCloud"] is False
    assert bundle[MIME]["config"]["displaylogo"] is False
    assert bundle[MIME]["data"][0]["type"] == "heatmap"


def test_display_in_a_kernel_uses_the_same_bundle(werkruimte: Path, monkeypatch) -> None:
    import IPython.display

    gezien: list = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: gezien.append(obj))
    sections.tijdlijn(open_wijk("Laak", str(werkruimte)))._ipython_display_()
    assert gezien and gezien[0][MIME]["config"]["showSendToCloud"] is False


def test_every_figure_block_carries_the_config(werkruimte: Path) -> None:
    import inspect

    from wijkanalyse.sections import afweging as sections_afweging

    m = open_wijk("Laak", str(werkruimte))
    blokken = [
        f
        for mod in (sections, sections_afweging)
        for naam, f in inspect.getmembers(mod, inspect.isfunction)
        if f.__module__ == mod.__name__
        and not naam.startswith("_")
        and "Figure" in str(inspect.signature(f).return_annotation)
    ]
    assert len(blokken) >= 6
    for blok in blokken:
        fig = blok(m)
        assert isinstance(fig, Figuur), blok.__name__
