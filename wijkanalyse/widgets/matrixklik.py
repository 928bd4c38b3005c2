"""Click a cell of the koppelingen matrix to open that pair in the Werkblad 2.7 editor.

The matrix is an ordinary plotly figure in an :class:`~wijkanalyse.widgets.levend.Levend`
output (no ``go.FigureWidget``: that costs about a second per figure). Beside it sits
:class:`MatrixKlik`, a tiny anywidget whose script listens for ``plotly_click`` on the plots
inside its own area of the page and sends the clicked pair's opgave ids to the kernel, where
the pair editor picks that pair. Everything it needs ships with the ``anywidget`` package, so
it works offline in Voila and JupyterLab.

Keyboard users choose the same pair in the editor's pair list; the hint under the matrix says
so.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from .. import sections
from ..model import WijkModel, is_interactief
from .common import Melding, bewaakt
from .levend import Levend

_ESM = r"""
function render({ model, el }) {
  el.classList.add("wa-matrix-hint");
  el.textContent = "Klik op een vakje van de matrix om dat paar in het werkblad te openen. " +
    "Met het toetsenbord kiest u het paar in de lijst 'Paar'.";
  let gestopt = false;
  let waarnemer = null;

  const opKlik = (gd, data) => {
    const ids = ((gd.layout || {}).meta || {}).opgave_ids;
    const p = data && data.points && data.points[0];
    if (!ids || !p) return;
    const a = ids[Math.round(p.x)];
    const b = ids[Math.round(p.y)];
    if (a === undefined || b === undefined || a === b) return;
    model.set("geklikt", [a, b, Date.now()]);
    model.save_changes();
    const doel = document.querySelector("." + model.get("doel"));
    if (doel) doel.scrollIntoView({ block: "start" });
  };

  const koppel = (bereik) => {
    for (const gd of bereik.querySelectorAll(".js-plotly-plot")) {
      if (gd.__waKlik || typeof gd.on !== "function") continue;
      gd.__waKlik = true;
      gd.on("plotly_click", (data) => opKlik(gd, data));
    }
  };

  const start = () => {
    if (gestopt) return;
    const bereik = el.closest("." + model.get("bereik"));
    if (!bereik) {  // not in the page yet
      setTimeout(start, 200);
      return;
    }
    koppel(bereik);
    // The matrix is drawn again after every change: hook up each new plot.
    waarnemer = new MutationObserver(() => koppel(bereik));
    waarnemer.observe(bereik, { childList: true, subtree: true });
  };
  start();
  // Now the kernel draws the matrix: drawn earlier, plotly's first load can keep this
  // page busy past anywidget's two seconds to start this widget, and it gives up.
  model.set("klaar", true);
  model.save_changes();
  return () => {
    gestopt = true;
    if (waarnemer) waarnemer.disconnect();
  };
}
export default { render };
"""


class MatrixKlik(anywidget.AnyWidget):
    """Sends ``[opgave_a, opgave_b, tijdstip]`` when a matrix cell in area ``bereik`` is
    clicked, then scrolls the element with class ``doel`` into view."""

    _esm = _ESM
    geklikt: Any = traitlets.List([]).tag(sync=True)
    bereik = traitlets.Unicode("").tag(sync=True)
    doel = traitlets.Unicode("").tag(sync=True)
    klaar = traitlets.Bool(False).tag(sync=True)


WACHT = 3.0


def _later(seconden: float, fn: Callable[[], Any]) -> None:
    import asyncio

    try:
        asyncio.get_running_loop().call_later(seconden, fn)
    except RuntimeError:  # no loop (a plain Python process): now
        fn()


def unieke_klasse(voorvoegsel: str) -> str:
    """A CSS class no other widget on the page has."""
    return f"{voorvoegsel}-{uuid.uuid4().hex[:10]}"


class KlikbareMatrix(w.VBox):
    """The koppelingen matrix, redrawn after every change; a click on a cell calls
    ``bij_klik(opgave_a, opgave_b)`` (ids in either order) and scrolls to ``doel``."""

    def __init__(
        self,
        model: WijkModel,
        bij_klik: Callable[[int, int], Any],
        *,
        doel: str = "",
    ) -> None:
        self.model = model
        self.bij_klik = bij_klik
        self.melding = Melding(wijk_van=model)
        bereik = unieke_klasse("wa-matrix")
        self.klik = MatrixKlik(bereik=bereik, doel=doel)
        self.klik.observe(bewaakt(self.melding)(self._geklikt), "geklikt")
        # With a browser on the other end, the matrix is drawn once this widget's script
        # runs (or after WACHT seconds, should it never); in a batch run at once.
        interactief = is_interactief()
        self.figuur = Levend(model, sections.matrix, teken=not interactief)
        if interactief:
            self.klik.observe(self._teken, "klaar")
            _later(WACHT, self._teken)
        super().__init__([self.figuur, self.klik, self.melding])
        self.add_class("wa-matrix")
        self.add_class(bereik)

    def _teken(self, _change: dict[str, Any] | None = None) -> None:
        if not self.figuur.getekend:
            self.figuur.ververs()

    def _geklikt(self, change: dict[str, Any]) -> None:
        nieuw = change["new"]
        if len(nieuw) >= 2:
            self.bij_klik(int(nieuw[0]), int(nieuw[1]))


def matrix_bij_editor(model: WijkModel, editor: Any) -> KlikbareMatrix:
    """The clickable matrix wired to a :class:`~wijkanalyse.widgets.koppelingen.KoppelingenView`."""
    return KlikbareMatrix(model, editor.selecteer, doel=editor.doel_klasse)
