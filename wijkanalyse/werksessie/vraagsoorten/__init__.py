"""The werksessie's question types: each a module with its result (a DataFrame from the
workspace), its chart (a plotly figure, for the facilitator's and the beamer's kernels) and
its live HTML for the facilitator's page.

``VRAAGSOORTEN`` maps a round's stored kind (``rondes.soort``) to its :class:`Vraagsoort`.
The participant's answer forms are not here (this package loads pandas and plotly): they are
in :mod:`wijkanalyse.werksessie.formulieren`, named by :attr:`Vraagsoort.formulier`.

*Opnieuw scoren* is no kind of its own: :func:`opnieuw.maak_ronde` adds an ordinary scoring
round ('scores', settings ``{"bron": ronde_id}``) on the subjects a previous scoring round
disagreed on most; :func:`opnieuw.resultaat` and :func:`opnieuw.figuur` show that
disagreement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...databank import werksessie as opslag
from . import gewichten, opnieuw, stemmen, tweebijtwee

__all__ = ["VRAAGSOORTEN", "Vraagsoort", "gewichten", "opnieuw", "stemmen", "tweebijtwee"]


@dataclass(frozen=True)
class Vraagsoort:
    naam: str  # the stored kind, rondes.soort
    label: str  # Dutch, for the facilitator's menu
    resultaat: Callable[[Any, int], pd.DataFrame]  # (connection or workspace, ronde_id)
    figuur: Callable[[pd.DataFrame], Any]  # plotly Figure
    html: Callable[[pd.DataFrame, dict[str, Any]], str]  # live HTML for the facilitator
    formulier: str  # key of the participant's form in werksessie.formulieren.FORMULIEREN
    kan_overnemen: bool = False  # its result can become the kader's weights


VRAAGSOORTEN: dict[str, Vraagsoort] = {
    "stemmen": Vraagsoort(
        "stemmen",
        opslag.VRAAG_SOORTEN["stemmen"],
        stemmen.resultaat,
        stemmen.figuur,
        stemmen.html,
        "stemmen",
    ),
    "punten": Vraagsoort(
        "punten",
        opslag.VRAAG_SOORTEN["punten"],
        gewichten.resultaat_punten,
        gewichten.figuur,
        gewichten.html,
        "punten",
        kan_overnemen=True,
    ),
    "paarsgewijs": Vraagsoort(
        "paarsgewijs",
        opslag.VRAAG_SOORTEN["paarsgewijs"],
        gewichten.resultaat_paarsgewijs,
        gewichten.figuur,
        gewichten.html,
        "paarsgewijs",
        kan_overnemen=True,
    ),
    "tweebijtwee": Vraagsoort(
        "tweebijtwee",
        opslag.VRAAG_SOORTEN["tweebijtwee"],
        tweebijtwee.resultaat,
        tweebijtwee.figuur,
        tweebijtwee.html,
        "tweebijtwee",
    ),
}
