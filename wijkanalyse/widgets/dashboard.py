"""The workshop dashboard (served by Voila): wijk selector and one tab per step.

Tabs other than the first are built when first opened, so the page paints quickly.
"""

from __future__ import annotations

import ipywidgets as w

from .. import sections, store
from ..model import WijkModel, open_wijk
from ..server import verzoek
from .afweging import AfwegingView
from .common import Melding, bewaakt
from .inventarisatie import InventarisatieView
from .koppelingen import KoppelingenView
from .matrixklik import matrix_bij_editor
from .overdracht import OverdrachtKnop
from .uitvoering import UitvoeringView
from .wijkprofiel import WijkprofielView

TABS = ("Opgaven", "Kansen en bedreigingen", "Scores", "Wijkprofiel (CBS)", "Uitvoering")

CSS = """<style>
.wa-dashboard { font-size: 15px; }
.wa-tabel { border-collapse: collapse; }
.wa-tabel td, .wa-tabel th { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left;
  vertical-align: top; white-space: pre-wrap; }
.wa-fictief { background: #fff4ce; border-left: 4px solid #d29200; padding: .4em 1em; }
/* ipywidgets' own rule (flex: 0 1 144px) is more specific and cut "Kansen en bedreigingen". */
.wa-dashboard .lm-TabBar-tab { min-width: 15em !important; max-width: none !important;
  flex: 0 0 auto !important; }
/* WCAG AA on every tab and fold-out title, not only the active one: JupyterLab's grey on grey
   for inactive tab labels reaches 4.45:1 (needs 4.5:1). */
.wa-dashboard .lm-TabBar-tab:not(.lm-mod-current) { color: #1f1f1f; background: #e4e4e4; }
.wa-dashboard .lm-TabBar-tab:not(.lm-mod-current) .lm-TabBar-tabLabel { color: #1f1f1f; }
.wa-dashboard .lm-TabBar-tab:focus-visible { outline: 3px solid #005ea5; outline-offset: -3px; }
.wa-dashboard .jupyter-widget-Collapse-header,
.wa-dashboard .jupyter-widget-Collapse-header span { color: #1f1f1f; background: #e4e4e4; }
.wa-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""


def _paneel(titel: str, inhoud: w.Widget | None = None) -> w.VBox:
    """A tab's content under a heading for screen readers (the tab label is the visible one),
    so the headings inside run h1 (the wijk), h2 (the tab), h3 (its parts) in order."""
    kop = w.HTML(f"<h2 class='wa-sr'>{titel}</h2>")
    return w.VBox([kop] if inhoud is None else [kop, inhoud])


def wijk_uit_verzoek(standaard: str) -> str:
    """The ``?wijk=`` of the Voila request, else ``standaard``."""
    return verzoek.parameters().get("wijk", "").strip() or standaard


def koppelingen_tab(model: WijkModel) -> w.VBox:
    """The matrix (a click on a cell opens that pair) above the Werkblad 2.7 editor."""
    editor = KoppelingenView(model)
    return w.VBox(
        [
            w.HTML("<h3>Matrix van alle paren</h3>"),
            matrix_bij_editor(model, editor),
            w.HTML("<h3>Werkblad 2.7 voor het gekozen paar</h3>"),
            editor,
        ]
    )


class Dashboard(w.VBox):
    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding()
        self.kop = w.HTML()
        self.kop.add_class("wa-kop")
        self.wijk = w.Dropdown(description="Wijk", options=model.wijken(), value=model.wijk)
        self.wijk.add_class("wa-wijk-keuze")
        self.tabs = w.Tab()
        self._bouwers = {
            0: lambda: InventarisatieView(model),
            1: lambda: koppelingen_tab(model),
            2: lambda: AfwegingView(model),
            3: lambda: WijkprofielView(model),
            4: lambda: UitvoeringView(model),
        }
        self.tabs.children = [_paneel(t) for t in TABS]
        for i, t in enumerate(TABS):
            self.tabs.set_title(i, t)
        guard = bewaakt(self.melding)
        self.tabs.observe(guard(lambda _c: self._bouw(self.tabs.selected_index)), "selected_index")
        self.wijk.observe(guard(self._kies_wijk), "value")
        model.observe(guard(lambda _c: self._ververs_kop()), "wijk")
        self.overdracht = OverdrachtKnop(model)
        super().__init__(
            [w.HTML(CSS), self.wijk, self.kop, self.overdracht, self.melding, self.tabs]
        )
        self.add_class("wa-dashboard")
        self._ververs_kop()
        self._bouw(0)

    def _bouw(self, i: int | None) -> None:
        if i is None or len(self.tabs.children[i].children) > 1:
            return
        kinderen = list(self.tabs.children)
        kinderen[i] = _paneel(TABS[i], self._bouwers[i]())
        self.tabs.children = kinderen
        for j, t in enumerate(TABS):
            self.tabs.set_title(j, t)
        self.tabs.selected_index = i

    def _kies_wijk(self, change) -> None:
        self.model.wijk = change["new"]
        self.melding.wis()

    def _ververs_kop(self) -> None:
        self.kop.value = sections.kop_html(self.model)

    @classmethod
    def voor_verzoek(cls, wijk: str = "", werkruimte: str = "") -> Dashboard:
        """Build the dashboard for this Voila request (``?wijk=`` wins over the parameter).

        In a preheated Voila kernel this first waits for the browser's request, so the heavy
        imports are done before anyone asks and the query string is known when we build.
        """
        verzoek.wacht_op_verzoek()
        m = open_wijk_of_eerste(wijk_uit_verzoek(wijk), werkruimte)
        return cls(m)


def open_wijk_of_eerste(wijk: str, werkruimte: str = "") -> WijkModel:
    """Like :func:`open_wijk`, but an unknown or empty wijk falls back to the first one."""
    from ..model import werkruimte_pad

    path = werkruimte_pad(werkruimte)
    namen = store.wijken(path)["naam"].tolist()
    if wijk not in namen:
        gevonden = [n for n in namen if n.casefold() == wijk.casefold()]
        wijk = gevonden[0] if gevonden else (namen[0] if namen else wijk)
    return open_wijk(wijk, str(path))
