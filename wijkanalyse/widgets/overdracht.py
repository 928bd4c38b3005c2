"""The dashboard's "Overdrachtsdossier" button: the handover dossier of the wijk, to download.

The same page as ``wijkanalyse overdracht --wijk NAAM`` writes
(:mod:`wijkanalyse.rapport.overdracht`), offered as a file to save: it works in Voila and
JupyterLab alike, offline, without writing on the server's disk.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..model import WijkModel
from .common import Melding, bewaakt
from .uitwisseling import download_link


class OverdrachtKnop(w.VBox):
    """A button that makes the dossier of the model's wijk, then a link to save it."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.knop = w.Button(
            description="Overdrachtsdossier maken",
            tooltip="Een dossier voor wie het werk in deze wijk overneemt (HTML, zonder internet)",
            layout=w.Layout(width="auto", flex="0 0 auto"),
        )
        self.link = w.HTML()
        self.link.add_class("wa-overdracht-link")
        self.knop.on_click(bewaakt(self.melding)(self._maak))
        model.observe(lambda _c: setattr(self.link, "value", ""), "wijk")
        super().__init__([w.HBox([self.knop, self.link]), self.melding])
        self.add_class("wa-overdracht")

    def _maak(self, _b: Any = None) -> None:
        from ..rapport.overdracht import bestandsnaam, dossier_html, lees_dossier

        self.link.value = "<em>Dossier wordt gemaakt…</em>"
        d = lees_dossier(self.model.path, self.model.wijk)
        pagina = dossier_html(d)
        naam = f"{bestandsnaam(d.info['naam'])}.html"
        self.link.value = download_link(
            naam, pagina.encode("utf-8"), f"Overdrachtsdossier {d.info['naam']} opslaan"
        )
        self.melding.ok(
            "Dossier gemaakt. Als PDF: wijkanalyse overdracht --wijk NAAM --pdf, of druk het "
            "af vanuit de browser."
        )
