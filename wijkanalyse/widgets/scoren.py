"""Scoring: one scorer scores one subject (opgave or koppeling) on all criteria, each
level with what it means.

Part of step 3; see :mod:`wijkanalyse.widgets.afweging`.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import sections_afweging as sections
from .. import standaard
from ..model import WijkModel
from ..nl_format import aantal
from .common import VELD_STIJL as _ST
from .common import Melding, bewaakt

GEEN = "–"


STANDAARD_GROEPEN = standaard.GROEPEN


def betekenis(waarde: int, lo: int, hi: int, laag: str, hoog: str) -> str:
    """What one level of a scale means, in words, from the meanings of its two ends."""
    laag = laag or "laagste score"
    hoog = hoog or "hoogste score"
    if waarde <= lo:
        return laag
    if waarde >= hi:
        return hoog
    midden = (lo + hi) / 2
    if waarde == midden:
        return f"precies tussen '{laag}' en '{hoog}'"
    if waarde < midden:
        return f"meer richting '{laag}'"
    return f"meer richting '{hoog}'"


class ScoreFormulier(w.VBox):
    """One scorer scores one subject (opgave or koppeling) on all criteria."""

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        self.onderwerp = w.Dropdown(
            description="Onderwerp", style=_ST, layout=w.Layout(width="95%")
        )
        self.scorer = w.Text(description="Uw naam", style=_ST)
        self.groep = w.Combobox(
            description="Groep",
            options=STANDAARD_GROEPEN,
            value="projectteam",
            style=_ST,
            ensure_option=False,
        )
        self.knoppen: dict[int, w.ToggleButtons] = {}
        self.uitleg: dict[int, w.HTML] = {}
        self.rijen = w.VBox()
        self.bewaar = w.Button(
            layout=w.Layout(width="auto"), description="Scores opslaan", button_style="primary"
        )
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
        elif opties:
            self.onderwerp.value = opties[0][1]
        crit = self.model.criteria()
        rijen = []
        self.knoppen = {}
        self.uitleg = {}
        for c in crit.itertuples():
            lo, hi = int(c.schaal_min), int(c.schaal_max)
            niveaus = list(range(lo, hi + 1))
            tips = ["geen score"] + [
                f"{v} = {betekenis(v, lo, hi, c.betekenis_min, c.betekenis_max)}" for v in niveaus
            ]
            k = w.ToggleButtons(
                options=[GEEN] + [str(v) for v in niveaus],
                value=GEEN,
                tooltips=tips,
                style={"button_width": "36px"},
            )
            k.add_class("wa-score-knoppen")
            gekozen = w.HTML()
            gekozen.add_class("wa-score-betekenis")
            k.observe(
                lambda ch, g=gekozen, c=c: setattr(g, "value", self._gekozen_html(ch["new"], c)),
                "value",
            )
            self.knoppen[int(c.id)] = k
            self.uitleg[int(c.id)] = gekozen
            pijl = "lager is beter" if c.richting == "lager is beter" else "hoger is beter"
            tekst = (
                f"<strong>{html.escape(c.naam)}</strong> ({pijl}) "
                f"<br><small>{html.escape(c.vraag)}<br>{lo} = "
                f"{html.escape(c.betekenis_min)} · {hi} = "
                f"{html.escape(c.betekenis_max)}</small>"
            )
            rijen.append(
                w.HBox([w.HTML(tekst, layout=w.Layout(width="45%")), w.VBox([k, gekozen])])
            )
        self.rijen.children = rijen

    @staticmethod
    def _gekozen_html(waarde: str, c: Any) -> str:
        if waarde == GEEN:
            return ""
        uitleg = betekenis(
            int(waarde), int(c.schaal_min), int(c.schaal_max), c.betekenis_min, c.betekenis_max
        )
        return f"<small>{html.escape(waarde)}: {html.escape(uitleg)}</small>"

    def _bewaar(self, _b: Any = None) -> None:
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
        label = self.onderwerp.label
        n = self.model.voeg_scores_toe(pd.DataFrame(rows))
        for k in self.knoppen.values():
            k.value = GEEN
        self.melding.ok(f"{aantal(n, 'score', 'scores')} opgeslagen voor {label}.")


class ScoreView(w.VBox):
    """The scoring form with its message line; follows the model."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.formulier = ScoreFormulier(model, self.melding)
        self._sleutel = self._vorm()
        model.observe(bewaakt(self.melding)(self._model_veranderd), ["versie", "wijk"])
        super().__init__([self.formulier, self.melding])

    def _vorm(self) -> tuple[str, str]:
        """Subjects and criteria: when these change, the form is rebuilt."""
        crit = self.model.criteria()[
            [
                "id",
                "naam",
                "vraag",
                "schaal_min",
                "schaal_max",
                "betekenis_min",
                "betekenis_max",
                "richting",
            ]
        ]
        return (repr(sorted(sections.onderwerp_labels(self.model).items())), crit.to_json())

    def _model_veranderd(self, change: dict[str, Any]) -> None:
        vorm = self._vorm()
        if change["name"] == "wijk" or vorm != self._sleutel:
            self._sleutel = vorm
            self.formulier.ververs()
