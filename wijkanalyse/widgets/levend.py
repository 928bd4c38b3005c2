"""Blocks that stay current: a wijk picker, and any table or plot redrawn when its data changes.

:class:`Levend` wraps a block function (``sections.tijdlijn``, ``sections.matrix``, ...) in an
``Output`` widget that draws it again whenever the model's data (``versie``) or wijk changes:
after an edit or an import the timeline shows the new opgaven without running the cell again.
:class:`WijkKiezer` lets the user pick the workspace and the wijk instead of editing code;
every view follows.

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

from .. import sections, store
from ..core.errors import WijkanalyseFout
from ..core.html_tables import melding_html
from ..databank import Werkruimte
from ..model import WijkModel
from .common import Melding, bewaakt

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
    """Choose the workspace and the wijk; the header below and every view of the same model
    follow. No code to edit: the workspace field offers the workspaces found (in the
    workspace folder, the current folder and ``$WIJKANALYSE_DB``) and takes any path typed."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.kies = w.Dropdown(
            description="Wijk",
            options=model.wijken(),
            value=model.wijk,
            layout=w.Layout(width="auto"),
        )
        self.kies.add_class("wa-wijkkiezer")
        # Shown without a URL's password; ``_achter`` maps what is shown back to the workspace.
        self._achter: dict[str, str] = {}
        self.werkruimte = w.Combobox(
            value=self._getoond(str(model.path)),
            options=self._opties(gevonden_werkruimtes(model.path)),
            description="Werkruimte",
            placeholder="pad naar een .sqlite-bestand",
            ensure_option=False,
            layout=w.Layout(width="520px"),
        )
        self.werkruimte.add_class("wa-werkruimtekiezer")
        self.openen = w.Button(description="Openen", layout=w.Layout(width="auto"))
        self.melding = Melding(wijk_van=model)
        self.kies.observe(self._gekozen, "value")
        self.openen.on_click(bewaakt(self.melding)(self._open_werkruimte))
        model.observe(self._wijk_veranderd, "wijk")
        super().__init__(
            [
                w.HBox([self.kies, self.werkruimte, self.openen]),
                Levend(model, sections.kop),
                self.melding,
            ]
        )

    def _getoond(self, werkruimte: str) -> str:
        getoond = Werkruimte.van(werkruimte).toon()
        self._achter[getoond] = werkruimte
        return getoond

    def _opties(self, werkruimtes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._getoond(k) for k in werkruimtes)

    def _gekozen(self, change: dict[str, Any]) -> None:
        if change["new"] and change["new"] != self.model.wijk:
            self.model.wijk = change["new"]

    def _wijk_veranderd(self, change: dict[str, Any]) -> None:
        if self.kies.value != change["new"]:
            self.kies.value = change["new"]

    def _open_werkruimte(self, _b: Any = None) -> None:
        from ..model import werkruimte_pad

        gekozen = self.werkruimte.value.strip()
        pad = str(werkruimte_pad(self._achter.get(gekozen, gekozen) or str(self.model.path)))
        getoond = Werkruimte.van(pad).toon()
        namen = store.wijken(pad)["naam"].tolist()
        if not namen:
            self.melding.fout(f"Werkruimte '{getoond}' heeft nog geen wijken. Kies een andere.")
            return
        wijk = self.model.wijk if self.model.wijk in namen else namen[0]
        zelfde_wijk = wijk == self.model.wijk
        self.kies.unobserve(self._gekozen, "value")
        try:
            self.kies.options = namen
            self.kies.value = wijk
        finally:
            self.kies.observe(self._gekozen, "value")
        volgde = self.model._wachter is not None
        self.model.stop_volgen()
        self.model.path = pad
        self.model.wijk = wijk
        if zelfde_wijk:  # same name in the other workspace: the data changed all the same
            self.model.versie += 1
        if volgde:
            self.model.volg()
        self.werkruimte.options = self._opties(gevonden_werkruimtes(pad))
        self.melding.ok(f"Werkruimte '{getoond}' geopend, wijk {wijk}.")


def gevonden_werkruimtes(huidig: str = "") -> tuple[str, ...]:
    """Workspaces to offer: the current one, ``$WIJKANALYSE_DB``, and the .sqlite files in
    the workspace folder and the current folder (each once)."""
    import os
    from pathlib import Path

    from ..core import config

    kandidaten = [str(huidig), os.environ.get("WIJKANALYSE_DB", "")]
    for map_ in (config.werkruimte_dir(), Path.cwd()):
        try:
            kandidaten += [str(p) for p in sorted(map_.glob("*.sqlite"))]
        except OSError:
            continue
    uit: list[str] = []
    gezien: set[str] = set()
    for k in kandidaten:
        if not k:
            continue
        sleutel = k if "://" in k else str(Path(k).resolve())
        if sleutel not in gezien:
            gezien.add(sleutel)
            uit.append(k)
    return tuple(uit)
