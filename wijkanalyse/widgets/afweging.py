"""Scoring view: score one subject on every criterium, with each level's meaning shown."""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w
import pandas as pd
from IPython.display import display

from .. import sections_afweging as sections
from ..model import WijkModel
from .common import Melding, bewaakt

GEEN = "–"
STANDAARD_GROEPEN = ("projectteam", "bewoners", "corporatie")


class ScoreFormulier(w.VBox):
    """One scorer scores one subject (opgave or koppeling) on all criteria."""

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        st = {"description_width": "110px"}
        self.onderwerp = w.Dropdown(description="Onderwerp", style=st, layout=w.Layout(width="95%"))
        self.scorer = w.Text(description="Uw naam", style=st)
        self.groep = w.Combobox(
            description="Groep",
            options=STANDAARD_GROEPEN,
            value="projectteam",
            style=st,
            ensure_option=False,
        )
        self.knoppen: dict[int, w.ToggleButtons] = {}
        self.rijen = w.VBox()
        self.bewaar = w.Button(description="Scores opslaan", button_style="primary")
        self.bewaar.add_class("wa-scores-opslaan")
        self.bewaar.on_click(bewaakt(melding)(self._bewaar))
        super().__init__(
            [self.onderwerp, w.HBox([self.scorer, self.groep]), self.rijen, self.bewaar]
        )
        self.ververs()

    def ververs(self) -> None:
        labels = sections.onderwerp_labels(self.model)
        huidig = self.onderwerp.value
        opties = [
            (("Opgave: " if s == "opgave" else "Koppeling: ") + lab, (s, i))
            for (s, i), lab in labels.items()
        ]
        self.onderwerp.options = opties
        if huidig in {o[1] for o in opties}:
            self.onderwerp.value = huidig
        crit = self.model.criteria()
        rijen = []
        self.knoppen = {}
        for c in crit.itertuples():
            opties_c = [GEEN] + [str(v) for v in range(int(c.schaal_min), int(c.schaal_max) + 1)]
            k = w.ToggleButtons(options=opties_c, value=GEEN, style={"button_width": "36px"})
            k.add_class("wa-score-knoppen")
            self.knoppen[int(c.id)] = k
            pijl = "lager is beter" if c.richting == "lager is beter" else "hoger is beter"
            uitleg = (
                f"<strong>{html.escape(c.naam)}</strong> ({pijl}) "
                f"<br><small>{html.escape(c.vraag)}<br>{c.schaal_min} = "
                f"{html.escape(c.betekenis_min)} · {c.schaal_max} = "
                f"{html.escape(c.betekenis_max)}</small>"
            )
            rijen.append(w.HBox([w.HTML(uitleg, layout=w.Layout(width="55%")), k]))
        self.rijen.children = rijen

    def _bewaar(self, _b=None) -> None:
        if self.onderwerp.value is None:
            self.melding.fout("Kies eerst een onderwerp.")
            return
        soort, oid = self.onderwerp.value
        rows = [
            {
                "onderwerp_soort": soort,
                "onderwerp_id": oid,
                "criterium_id": cid,
                "waarde": int(k.value),
                "scorer": self.scorer.value,
                "groep": self.groep.value,
                "moment": date.today().isoformat(),
            }
            for cid, k in self.knoppen.items()
            if k.value != GEEN
        ]
        if not rows:
            self.melding.fout("Kies bij minstens één criterium een score.")
            return
        if not self.scorer.value.strip() or not self.groep.value.strip():
            self.melding.fout("Vul uw naam en uw groep in.")
            return
        n = self.model.voeg_scores_toe(pd.DataFrame(rows))
        for k in self.knoppen.values():
            k.value = GEEN
        self.melding.ok(f"{n} scores opgeslagen voor {self.onderwerp.label}.")


class ResultaatView(w.VBox):
    """Ranking with threshold, redrawn after every write."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.uit = w.Output()
        self.uit.add_class("wa-resultaat")
        super().__init__([self.uit])
        self.ververs()

    def ververs(self) -> None:
        res = sections.bereken_afweging(self.model, n_trekkingen=200)
        self.uit.clear_output(wait=True)
        with self.uit:
            display(sections.ranglijst_tabel(self.model, res))
            fig = sections.ranglijst_figuur(self.model, res)
            if fig is not None:
                display(fig)


class AfwegingView(w.VBox):
    """Scoring form on the left, the result below; both follow the model."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding()
        self.formulier = ScoreFormulier(model, self.melding)
        self.resultaat = ResultaatView(model)
        model.observe(bewaakt(self.melding)(self._ververs), ["versie", "wijk"])
        super().__init__(
            [
                w.HTML("<h3>Scoren</h3>"),
                self.formulier,
                self.melding,
                w.HTML("<h3>Ranglijst</h3>"),
                self.resultaat,
            ]
        )

    def _ververs(self, change=None) -> None:
        if change is not None and change["name"] == "wijk":
            self.formulier.ververs()
        else:
            labels_nu = len(sections.onderwerp_labels(self.model))
            if labels_nu != len(self.formulier.onderwerp.options):
                self.formulier.ververs()
        self.resultaat.ververs()
