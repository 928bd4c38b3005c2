"""Step 3 in one view (the dashboard's 'Scores' tab): kader, scoring, result and besluiten.

The parts live in their own modules: :mod:`.kader` (the afwegingskader editor),
:mod:`.gewichten` (dividing 100 points), :mod:`.scoren` (the scoring form) and
:mod:`.resultaat` (ranking, groups, sensitivity). Every view takes a
:class:`~wijkanalyse.model.WijkModel`, writes only through it and redraws when the model's
``wijk`` or ``versie`` changes; callbacks are wrapped with
:func:`~wijkanalyse.widgets.common.bewaakt`, so errors become a Dutch message.
"""

from __future__ import annotations

import ipywidgets as w

from ..model import WijkModel
from .besluiten import BesluitenView
from .gewichten import PuntenVerdeler, punten_uit_gewichten
from .kader import KaderEditor
from .resultaat import ResultaatView
from .scoren import ScoreView, betekenis

# The parts can still be imported from here, as before the split.
__all__ = [
    "AfwegingView",
    "KaderEditor",
    "PuntenVerdeler",
    "ResultaatView",
    "ScoreView",
    "betekenis",
    "punten_uit_gewichten",
]


class AfwegingView(w.VBox):
    """Steps 3 and 4 in one view (the dashboard's 'Scores' tab): kader, scoring, result and
    besluiten, each following the model."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.kader = KaderEditor(model)
        self.punten = PuntenVerdeler(model)
        self.scoren = ScoreView(model)
        self.formulier = self.scoren.formulier
        self.melding = self.scoren.melding
        self.resultaat = ResultaatView(model)
        self.besluiten = BesluitenView(model)
        kader = w.Accordion(
            children=[self.kader, self.punten],
            titles=("Criteria, schaal en drempel", "Gewichten: verdeel 100 punten"),
        )
        kader.selected_index = None
        super().__init__(
            [
                w.HTML("<h3>Afwegingskader</h3>"),
                kader,
                w.HTML("<h3>Scoren</h3>"),
                self.scoren,
                w.HTML("<h3>Resultaat</h3>"),
                self.resultaat,
                w.HTML("<h3>Besluiten</h3>"),
                self.besluiten,
            ]
        )
