"""The history of a wijk: every change (who, when, what, before, after) and undo."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from ..core.errors import WijkanalyseFout
from ..core.html_tables import tabel_html
from ..core.nl_format import datums_in_tekst, moment
from ..model import WijkModel
from .common import Melding, bewaakt, knop

MAX_RIJEN = 50


def historie_tabel(df: pd.DataFrame, max_rijen: int = MAX_RIJEN) -> str:
    """The newest changes as an escaped HTML table with Dutch column names."""
    toon = pd.DataFrame(
        {
            "Wanneer": [moment(m) for m in df["moment"]],
            "Wie": df["wie"],
            "Wat": df["wat"],
            "Ongedaan gemaakt": df["ongedaan"].map({True: "Ja", False: "Nee"}),
            "Voor": df["voor"].map(datums_in_tekst),
            "Na": df["na"].map(datums_in_tekst),
        }
    ).head(max_rijen)
    return tabel_html(toon, leeg="Nog geen wijzigingen in deze wijk.")


class HistorieView(w.VBox):
    """Per wijk: the newest changes, and a button that undoes the newest one."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.tabel = w.HTML()
        self.tabel.add_class("wa-historie")
        self.ongedaan = knop("Laatste wijziging ongedaan maken", icon="undo")
        self.volgende = w.HTML()
        self.volgende.add_class("wa-historie-volgende")
        guard = bewaakt(self.melding)
        self.ongedaan.on_click(guard(self._ongedaan))
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        super().__init__(
            [
                w.HTML(
                    "<h3>Wijzigingen</h3><p>Elke wijziging in deze wijk, de nieuwste bovenaan: "
                    "wie, wanneer, wat, en hoe het ervoor en erna was. Met de knop maakt u de "
                    "nieuwste wijziging die nog niet is teruggedraaid ongedaan, ook na het "
                    "opnieuw openen van de werkruimte.</p>"
                ),
                w.HBox([self.ongedaan, self.volgende]),
                self.melding,
                self.tabel,
            ]
        )
        self.ververs()

    def ververs(self) -> None:
        df = self.model.historie()
        self.tabel.value = historie_tabel(df)
        open_ = df[~df["ongedaan"] & ~df["is_ongedaan_maken"]]
        self.ongedaan.disabled = open_.empty
        volgende = open_["wat"].iloc[0] if len(open_) else ""
        uitleg = (
            f"Maakt ongedaan: {datums_in_tekst(volgende)}"
            if volgende
            else "Niets om ongedaan te maken"
        )
        self.ongedaan.tooltip = uitleg
        self.volgende.value = f'<span class="klein">{html.escape(uitleg)}</span>'

    def _ongedaan(self, _b: Any = None) -> None:
        try:
            wat = self.model.maak_ongedaan()
        except WijkanalyseFout as e:
            self.ververs()
            self.melding.fout(str(e))
            return
        self.melding.ok(f"Ongedaan gemaakt: {wat}.")
