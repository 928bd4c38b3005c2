"""Setting the weights by dividing 100 points over the criteria.

Part of step 3; see :mod:`wijkanalyse.widgets.afweging`.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..core.errors import GelijktijdigFout
from ..core.nl_format import aantal
from ..model import WijkModel
from .common import Melding, bewaakt, knop

TOTAAL_PUNTEN = 100


def punten_uit_gewichten(gewichten: list[float], totaal: int = TOTAAL_PUNTEN) -> list[int]:
    """Whole points in proportion to the weights, adding up to ``totaal`` (largest remainder).

    All zero (or no) weights give an equal split.
    """
    n = len(gewichten)
    if n == 0:
        return []
    som = float(sum(gewichten))
    aandelen = [g / som * totaal for g in gewichten] if som > 0 else [totaal / n] * n
    punten = [int(a) for a in aandelen]
    rest = sorted(range(n), key=lambda i: (-(aandelen[i] - punten[i]), i))
    for i in rest[: totaal - sum(punten)]:
        punten[i] += 1
    return punten


class PuntenVerdeler(w.VBox):
    """Set the weights by dividing 100 points over the criteria.

    'Verdeel' saves the points as weights only when exactly 100 points are divided.
    """

    def __init__(self, model: WijkModel, melding: Melding | None = None) -> None:
        self.model = model
        self.melding = melding or Melding(wijk_van=model)
        self.schuiven: dict[int, w.IntSlider] = {}
        self.lijst = w.VBox()
        self.rest = w.HTML()
        self.rest.add_class("wa-punten-rest")
        self.verdeel = knop("Verdeel", "primary")
        self.verdeel.add_class("wa-punten-verdeel")
        guard = bewaakt(self.melding)
        self.verdeel.on_click(guard(self._verdeel))
        super().__init__(
            [
                w.HTML(
                    f"<p>Verdeel samen {TOTAAL_PUNTEN} punten over de criteria: hoe meer "
                    "punten, hoe zwaarder het criterium weegt.</p>"
                ),
                self.lijst,
                self.rest,
                self.verdeel,
                self.melding,
            ]
        )
        model.observe(guard(self._model_veranderd), ["versie", "wijk"])
        self._gewichten: list[float] | None = None
        self.ververs()

    def ververs(self) -> None:
        crit = self.model.criteria()
        self._gewichten = crit["gewicht"].astype(float).tolist()
        punten = punten_uit_gewichten(self._gewichten)
        self.schuiven = {}
        rijen = []
        for c, p in zip(crit.itertuples(index=False), punten, strict=True):
            s = w.IntSlider(
                value=p,
                min=0,
                max=TOTAAL_PUNTEN,
                description=str(c.naam),
                tooltip=str(c.naam),
                style={"description_width": "300px"},  # "Doorbraak in complex dossier" whole
                layout=w.Layout(width="640px"),
            )
            s.observe(lambda _c: self._toon_rest(), "value")
            self.schuiven[int(c.id)] = s
            rijen.append(s)
        self.lijst.children = rijen
        self._versie = self.model.kader_versie()
        self._toon_rest()

    def _model_veranderd(self, change: dict[str, Any]) -> None:
        gewichten = self.model.criteria()["gewicht"].astype(float).tolist()
        if (
            change["name"] == "wijk"
            or len(gewichten) != len(self.schuiven)
            or (gewichten != self._gewichten)
        ):
            self.ververs()

    @property
    def totaal(self) -> int:
        return sum(int(s.value) for s in self.schuiven.values())

    def _toon_rest(self) -> None:
        over = TOTAAL_PUNTEN - self.totaal
        if over > 0:
            tekst = f"Nog te verdelen: {aantal(over, 'punt', 'punten')}."
        elif over < 0:
            tekst = f"U heeft {aantal(-over, 'punt', 'punten')} te veel verdeeld."
        else:
            tekst = f"Alle {TOTAAL_PUNTEN} punten zijn verdeeld."
        self.rest.value = f"<strong>{html.escape(tekst)}</strong>"

    def _verdeel(self, _b: Any = None) -> None:
        tot = self.totaal
        if tot != TOTAAL_PUNTEN:
            verschil = (
                (
                    "er is nog 1 over"
                    if TOTAAL_PUNTEN - tot == 1
                    else f"er zijn nog {TOTAAL_PUNTEN - tot} over"
                )
                if tot < TOTAAL_PUNTEN
                else (
                    "dat is er 1 te veel"
                    if tot - TOTAAL_PUNTEN == 1
                    else f"dat zijn er {tot - TOTAAL_PUNTEN} te veel"
                )
            )
            self.melding.fout(
                f"U heeft {aantal(tot, 'punt', 'punten')} verdeeld; dat moeten er precies "
                f"{TOTAAL_PUNTEN} zijn "
                f"({verschil}). De gewichten zijn niet veranderd."
            )
            return
        crit = self.model.criteria()
        if set(crit["id"].astype(int)) != set(self.schuiven):
            self.ververs()
            self.melding.fout(
                "De criteria zijn intussen gewijzigd (door u of iemand anders). Verdeel de "
                "punten opnieuw; de gewichten zijn niet veranderd."
            )
            return
        crit["gewicht"] = [float(self.schuiven[int(i)].value) for i in crit["id"]]
        kader = self.model.kader()
        try:
            self.model.zet_afwegingskader(
                crit, kader["drempel"], kader["capaciteit"], versie=self._versie
            )
        except GelijktijdigFout as e:
            self.ververs()
            self.melding.fout(str(e))
            return
        self.melding.ok("De punten zijn opgeslagen als gewichten.")
