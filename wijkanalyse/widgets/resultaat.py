"""The result of step 3: ranking with the drempel, groups side by side, gaps,
sensitivity and the best koppelingen; redrawn after every change. When the wijk has
werksessie scoring rounds, a picker chooses which rounds count (``model.rondekeuze``: per
person the latest round, one round, or all), and the ranking says which in words.

Part of step 3; see :mod:`wijkanalyse.widgets.afweging`.
"""

from __future__ import annotations

import ipywidgets as w
import plotly.graph_objects as go
from IPython import get_ipython

from .. import afweging
from ..core import defaults
from ..model import WijkModel
from ..sections import afweging as sections
from .common import GetalVeld, Melding, bewaakt
from .levend import toon

RONDES_STANDAARD = "Laatste ronde per persoon"
RONDES_ALLE = "Alle rondes samen"


class ResultaatView(w.VBox):
    """Ranking, groups side by side, gaps, sensitivity and top koppelingen; redrawn after
    every write. ``figuren`` holds the figures last drawn (by name)."""

    def __init__(self, model: WijkModel, *, n_trekkingen: int = defaults.N_TREKKINGEN) -> None:
        self.model = model
        self.n_trekkingen = n_trekkingen
        self.melding = Melding(wijk_van=model)
        self.figuren: dict[str, go.Figure] = {}
        self._stil = False
        self.ranglijst = w.HTML()
        self.ranglijst.add_class("wa-resultaat")
        self.fig_ranglijst = w.Output()
        self.groep_a = w.Dropdown(description="Vergelijk", style={"description_width": "70px"})
        self.groep_b = w.Dropdown(description="met", style={"description_width": "40px"})
        self.grens = GetalVeld(
            1.0, minimum=0, description="Verschil >", melding=self.melding,
            style={"description_width": "70px"}, layout=w.Layout(width="170px"),
        )  # fmt: skip
        self.fig_groepen = w.Output()
        self.fig_groepen.add_class("wa-fig-groepen")
        self.onenigheid = w.HTML()
        self.nog_niet = w.HTML()
        self.fig_gevoeligheid = w.Output()
        self.kleinste = w.HTML()
        self.top = w.HTML()
        self.herleiding = w.HTML()
        self.formule = w.HTML(sections.formule().data)
        self.rondes = w.Dropdown(
            description="Rondes",
            options=[(RONDES_STANDAARD, afweging.LAATSTE_PER_PERSOON.tekst)],
            style={"description_width": "60px"},
            layout=w.Layout(width="min(100%, 40em)", display="none"),
        )
        self.rondes.add_class("wa-rondekeuze")
        guard = bewaakt(self.melding)
        self.rondes.observe(guard(self._ronde_gekozen), "value")
        for knop in (self.groep_a, self.groep_b, self.grens):
            knop.observe(guard(lambda _c: self._ververs_groepen()), "value")
        self.tabs = w.Tab(
            children=[
                w.VBox([self.ranglijst, self.fig_ranglijst]),
                w.VBox(
                    [
                        w.HBox([self.groep_a, self.groep_b, self.grens]),
                        self.fig_groepen,
                        self.onenigheid,
                        w.HTML("<h4>Wie heeft wat nog niet gescoord?</h4>"),
                        self.nog_niet,
                    ]
                ),
                w.VBox([self.fig_gevoeligheid, self.kleinste]),
                self.top,
                w.VBox([self.herleiding, self.formule]),
            ]
        )
        for i, t in enumerate(
            ("Ranglijst", "Groepen", "Gevoeligheid", "Beste koppelingen", "Berekening")
        ):
            self.tabs.set_title(i, t)
        # A plot drawn while its tab is hidden gets no size: draw it again when shown.
        self.tabs.observe(guard(self._tab_gekozen), "selected_index")
        super().__init__([self.melding, self.rondes, self.tabs])
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk", "rondekeuze"])
        self.ververs()

    def _ronde_gekozen(self, change: dict) -> None:
        if not self._stil and change["new"] is not None:
            self.model.rondekeuze = change["new"]

    def _ververs_rondes(self) -> None:
        """The round picker: shown only when the wijk has werksessie scoring rounds."""
        rondes = self.model.score_rondes()
        opties = [(RONDES_STANDAARD, afweging.LAATSTE_PER_PERSOON.tekst)]
        opties += [(r["label"], afweging.Rondekeuze.ronde(r["id"]).tekst) for r in rondes]
        opties.append((RONDES_ALLE, afweging.Rondekeuze("alle").tekst))
        waarden = [v for _, v in opties]
        if self.model.rondekeuze not in waarden:  # a round of another wijk, or removed
            self.model.rondekeuze = afweging.LAATSTE_PER_PERSOON.tekst
        self._stil = True
        try:
            if list(self.rondes.options) != opties:
                self.rondes.options = opties
            self.rondes.value = self.model.rondekeuze
        finally:
            self._stil = False
        self.rondes.layout.display = "flex" if rondes else "none"

    def _tab_gekozen(self, change: dict) -> None:
        uit, naam = {
            1: (self.fig_groepen, "groepen"),
            2: (self.fig_gevoeligheid, "gevoeligheid"),
        }.get(change["new"], (None, ""))
        if uit is not None and naam in self.figuren and get_ipython() is not None:
            uit.outputs = ()  # the same figure again would not be sent: clear first
            self._toon(uit, self.figuren[naam])

    @staticmethod
    def _toon(uit: w.Output, fig: go.Figure) -> None:
        if get_ipython() is None:  # no kernel (tests, scripts): keep only ``figuren``
            return
        toon(uit, fig)

    def ververs(self) -> None:
        self._ververs_rondes()
        res = sections.bereken_afweging(self.model, n_trekkingen=self.n_trekkingen)
        self.ranglijst.value = sections.ranglijst_tabel(self.model, res).data
        self.figuren["ranglijst"] = sections.ranglijst_figuur(self.model, res)
        self._toon(self.fig_ranglijst, self.figuren["ranglijst"])
        self.figuren["gevoeligheid"] = sections.gevoeligheid_figuur(self.model, res)
        self._toon(self.fig_gevoeligheid, self.figuren["gevoeligheid"])
        self.kleinste.value = sections.kleinste_wijziging_tabel(self.model, res).data
        self.top.value = sections.top_koppelingen_tabel(self.model, res).data
        self.herleiding.value = sections.herleiding_tabel(self.model, res).data
        self.nog_niet.value = sections.nog_niet_gescoord_tabel(self.model).data
        groepen = sections.groepen(self.model)
        a, b = self.groep_a.value, self.groep_b.value
        self._stil = True
        try:
            self.groep_a.options = groepen
            self.groep_b.options = groepen
            self.groep_a.value = a if a in groepen else "projectteam"
            self.groep_b.value = b if b in groepen else "bewoners"
        finally:
            self._stil = False
        self._ververs_groepen()

    def _ververs_groepen(self) -> None:
        if self._stil or self.groep_a.value is None or self.groep_b.value is None:
            return
        grens = float(self.grens.lees())
        self.figuren["groepen"] = sections.groepen_figuur(self.model, grens=grens)
        self._toon(self.fig_groepen, self.figuren["groepen"])
        if self.groep_a.value == self.groep_b.value:
            self.onenigheid.value = "<p><em>Kies twee verschillende groepen.</em></p>"
            return
        self.onenigheid.value = sections.onenigheid_tabel(
            self.model, self.groep_a.value, self.groep_b.value, grens
        ).data
