"""Upload and download: opgaven (CSV/Excel), the Werkblad 2.7 workbook and the template."""

from __future__ import annotations

import base64
import html

import ipywidgets as w

from .. import exchange
from ..model import WijkModel
from .common import Melding, bewaakt

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "html": "text/html",
}


def download_link(naam: str, inhoud: bytes, label: str) -> str:
    """An <a download> with the file inlined: works in Lab, Voila and offline."""
    ext = naam.rsplit(".", 1)[-1]
    b64 = base64.b64encode(inhoud).decode()
    mime = MIME.get(ext, "application/octet-stream")
    return (
        f'<a download="{html.escape(naam)}" href="data:{mime};base64,{b64}" '
        f'class="wa-download">{html.escape(label)}</a>'
    )


class UitwisselingView(w.VBox):
    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding()
        self.upload_opgaven = w.FileUpload(
            accept=".csv,.xlsx,.txt", multiple=False, description="Opgaven inlezen"
        )
        self.upload_werkblad = w.FileUpload(
            accept=".xlsx", multiple=False, description="Werkblad inlezen"
        )
        self.downloads = w.HTML()
        self.maak = w.Button(description="Downloads klaarzetten")
        guard = bewaakt(self.melding)
        self.upload_opgaven.observe(guard(self._opgaven), "value")
        self.upload_werkblad.observe(guard(self._werkblad), "value")
        self.maak.on_click(guard(self._downloads))
        super().__init__(
            [
                w.HTML(
                    "<p>Een import gaat helemaal of helemaal niet: bij een fout verandert er "
                    "niets en staat hieronder welke rij en kolom niet klopt.</p>"
                ),
                w.HBox([self.upload_opgaven, self.upload_werkblad, self.maak]),
                self.melding,
                self.downloads,
            ]
        )

    @staticmethod
    def _bestand(change) -> tuple[str, bytes] | None:
        waarde = change["new"]
        if not waarde:
            return None
        f = waarde[0]
        return f["name"], bytes(f["content"])

    def _opgaven(self, change) -> None:
        f = self._bestand(change)
        if f:
            try:
                n = exchange.importeer_opgaven_bestand(self.model, *f)
                self.melding.ok(f"{n} opgaven ingelezen uit '{f[0]}'.")
            finally:
                self.upload_opgaven.value = ()

    def _werkblad(self, change) -> None:
        f = self._bestand(change)
        if f:
            try:
                paren, items = exchange.importeer_werkblad_bestand(self.model, *f)
                self.melding.ok(f"{paren} paren met {items} kansen en bedreigingen ingelezen.")
            finally:
                self.upload_werkblad.value = ()

    def _downloads(self, _b=None) -> None:
        links = []
        for soort, label in (
            ("opgaven.xlsx", "Opgaven (Excel)"),
            ("opgaven.csv", "Opgaven (CSV)"),
            ("werkblad", "Werkblad 2.7, alle paren (Excel)"),
            ("sjabloon", "Leeg invulsjabloon (Excel)"),
        ):
            naam, inhoud = exchange.exporteer(self.model, soort)
            links.append(download_link(naam, inhoud, label))
        self.downloads.value = " · ".join(links)
        self.melding.ok("Klik op een link om het bestand op te slaan.")
