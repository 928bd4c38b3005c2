"""Blocks that stay current: a wijk picker, and any table or plot redrawn when its data changes.

:class:`Levend` wraps a block function (``sections.tijdlijn``, ``sections.matrix``, ...) in an
``Output`` widget that draws it again whenever the model's data (``versie``) or wijk changes:
after an edit or an import the timeline shows the new opgaven without running the cell again.
:class:`WijkKiezer` lets the user pick the wijk instead of editing code; every view follows.

:func:`toon` puts a block into an ``Output`` by setting the widget's ``outputs`` directly, not
with ``with output: display(...)``. Captured display makes nbclient (papermill, Voila's
executor) answer with a comm message on the kernel's shell socket while it waits on that
same socket for the cell's reply; that send swallows the socket's wake-up, so nbclient saw
the reply only when its timeout ran out (a notebook 02 run took 3 minutes instead of 6 s).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .. import sections
from ..errors import WijkanalyseFout
from ..html_tables import melding_html
from ..model import WijkModel

log = logging.getLogger("wijkanalyse.widgets")


def uitvoer(obj: Any) -> dict[str, Any]:
    """``obj`` as one ``display_data`` output (what ``display(obj)`` would send)."""
    if hasattr(obj, "_repr_mimebundle_"):  # our figures, widgets
        data: Any = obj._repr_mimebundle_()
        metadata: dict[str, Any] = {}
        if isinstance(data, tuple):
            data, metadata = data
    else:  # HTML, DataFrames, ...: IPython's formatters
        from IPython import get_ipython
        from IPython.core.formatters import DisplayFormatter

        shell = get_ipython()
        data, metadata = (shell.display_formatter if shell else DisplayFormatter()).format(obj)
    return {"output_type": "display_data", "data": data, "metadata": metadata}


def toon(uit: w.Output, *objecten: Any) -> None:
    """Show ``objecten`` in ``uit``, replacing what it showed (in one step: no flicker)."""
    uit.outputs = tuple(uitvoer(o) for o in objecten)


class Levend(w.Output):
    """``maak(model)`` shown, and shown again after every change of the data or the wijk."""

    def __init__(
        self, model: WijkModel, maak: Callable[[WijkModel], Any], *, teken: bool = True
    ) -> None:
        """``teken=False``: not drawn until :meth:`ververs` is first called."""
        super().__init__()
        self.model = model
        self.maak = maak
        self.getoond: Any = None  # what was drawn last (a figure or HTML)
        self.getekend = False
        self.add_class("wa-levend")
        model.observe(self._veranderd, ["versie", "wijk"])
        if teken:
            self.ververs()

    def _veranderd(self, _change: dict[str, Any] | None = None) -> None:
        if self.getekend:
            self.ververs()

    def ververs(self) -> None:
        self.getekend = True
        try:
            self.getoond = self.maak(self.model)
            toon(self, self.getoond)
        except WijkanalyseFout as e:
            toon(self, w.HTML(melding_html(str(e))))
        except Exception as e:  # a bug: say so, keep the page alive
            log.error("Fout in %s: %s", self.maak.__name__, traceback.format_exc())
            toon(self, w.HTML(melding_html(f"Dit blok kon niet worden getekend ({e}).")))


class WijkKiezer(w.VBox):
    """Choose the wijk; the header below and every view of the same model follow."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.kies = w.Dropdown(
            description="Wijk",
            options=model.wijken(),
            value=model.wijk,
            layout=w.Layout(width="auto"),
        )
        self.kies.add_class("wa-wijkkiezer")
        self.kies.observe(self._gekozen, "value")
        model.observe(self._wijk_veranderd, "wijk")
        super().__init__([self.kies, Levend(model, sections.kop)])

    def _gekozen(self, change: dict[str, Any]) -> None:
        if change["new"] and change["new"] != self.model.wijk:
            self.model.wijk = change["new"]

    def _wijk_veranderd(self, change: dict[str, Any]) -> None:
        if self.kies.value != change["new"]:
            self.kies.value = change["new"]
