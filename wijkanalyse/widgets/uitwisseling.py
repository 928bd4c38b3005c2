"""Upload and download: opgaven (CSV/Excel), the Werkblad 2.7 workbook and the template."""

from __future__ import annotations

import base64
import html

import ipywidgets as w
import pandas as pd

from .. import exchange
from ..html_tables import tabel_html
from ..model import WijkModel
from ..nl_format import aantal
from ..tabular_io import KOLOM_NAMEN, ImportVoorbeeld
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


def voorbeeld_html(vb: ImportVoorbeeld) -> str:
    """The preview of an import as escaped HTML: columns, rows to add, rows that change an
    existing opgave, unchanged rows and refused rows (a list with row, column and reason)."""
    delen = [f"<h4>Voorbeeld: wat het inlezen van {html.escape(vb.bestand)} doet</h4>"]
    kolommen = pd.DataFrame(vb.kolommen, columns=["Kolom in het bestand", "Wordt"])
    delen.append(tabel_html(kolommen, leeg="Geen kolommen."))
    if vb.genegeerd:
        delen.append(
            "<p>Deze kolommen kent wijkanalyse niet; ze worden overgeslagen: "
            + html.escape(", ".join(vb.genegeerd))
            + ".</p>"
        )
    if vb.titelrijen:
        rijen = ", ".join(str(r) for r in vb.titelrijen)
        delen.append(f"<p>Overgeslagen boven de kopregel: rij {html.escape(rijen)}.</p>")
    n = vb.nieuw
    delen.append(f"<h5>Toevoegen: {len(n)} {'opgave' if len(n) == 1 else 'opgaven'}</h5>")
    toon = pd.DataFrame(
        {
            "Rij": n["rij"],
            **{KOLOM_NAMEN[k].capitalize(): n[k] for k in ("titel", "transitie")},
            "Startjaar": n["start_jaar"].astype("string").fillna(""),
            "Eindjaar": n["eind_jaar"].astype("string").fillna(""),
        }
    )
    delen.append(tabel_html(toon, leeg="Geen nieuwe opgaven."))
    wz = vb.wijzigingen
    if vb.bijwerken or len(wz):
        delen.append(
            f"<h5>Bijwerken: {len(wz)} bestaande {'opgave' if len(wz) == 1 else 'opgaven'}</h5>"
        )
        delen.append(
            tabel_html(
                pd.DataFrame({"Rij": wz["rij"], "Titel": wz["titel"], "Wat verandert": wz["wat"]}),
                leeg="Geen bestaande opgaven die veranderen.",
            )
        )
        if vb.ongewijzigd:
            delen.append(f"<p>{vb.ongewijzigd} rijen zijn gelijk aan de opgave die er al is.</p>")
    if vb.fouten:
        items = "".join(
            "<li>"
            + html.escape(
                ", ".join(x for x in (f"rij {r}" if r else "", f"kolom '{k}'" if k else "") if x)
                + f": {m}"
            )
            + "</li>"
            for r, k, m in vb.fouten[:200]
        )
        meer = f"<p>… en nog {len(vb.fouten) - 200}.</p>" if len(vb.fouten) > 200 else ""
        delen.append(
            f"<h5 style='color:#a80000'>Geweigerd: {len(vb.fouten)} "
            f"{'rij' if len(vb.fouten) == 1 else 'rijen'}</h5>"
            f"<ul class='wa-geweigerd'>{items}</ul>{meer}"
            "<p>Alles of niets: zolang er rijen geweigerd zijn, wordt er niets ingelezen. Pas "
            "het bestand aan en lees het opnieuw in.</p>"
        )
    return "".join(delen)


class UitwisselingView(w.VBox):
    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.upload_opgaven = w.FileUpload(
            accept=".csv,.xlsx,.txt",
            multiple=False,
            description="Opgaven inlezen",
            layout=w.Layout(width="auto"),
        )
        self.upload_werkblad = w.FileUpload(
            accept=".xlsx",
            multiple=False,
            description="Werkblad inlezen",
            layout=w.Layout(width="auto"),
        )
        self.downloads = w.HTML()
        self.maak = w.Button(description="Downloads klaarzetten", layout=w.Layout(width="auto"))
        self.bijwerken = w.Checkbox(
            value=False,
            description="Bestaande opgaven bijwerken (Excel is de hoofdlijst)",
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.voorbeeld = w.HTML()
        self.voorbeeld.add_class("wa-import-voorbeeld")
        self.inlezen = w.Button(
            description="Inlezen", button_style="primary", layout=w.Layout(width="auto")
        )
        self.annuleren = w.Button(description="Annuleren", layout=w.Layout(width="auto"))
        self.bevestig = w.HBox([self.inlezen, self.annuleren])
        self.bevestig.layout.display = "none"
        self._bestand_opgaven: tuple[str, bytes] | None = None
        self._vb: ImportVoorbeeld | None = None
        guard = bewaakt(self.melding)
        self.bijwerken.observe(guard(lambda _c: self._toon_voorbeeld()), "value")
        self.inlezen.on_click(guard(self._lees_in))
        self.annuleren.on_click(guard(self._annuleer))
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
                self.bijwerken,
                self.voorbeeld,
                self.bevestig,
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
        """An uploaded file is only previewed; 'Inlezen' writes it."""
        f = self._bestand(change)
        if f:
            try:
                self._bestand_opgaven = f
                self._toon_voorbeeld()
            finally:
                self.upload_opgaven.value = ()

    def _toon_voorbeeld(self) -> None:
        f = self._bestand_opgaven
        if f is None:
            return
        self.melding.wis()
        try:
            self._vb = exchange.voorbeeld_opgaven_bestand(
                self.model, *f, bijwerken=self.bijwerken.value
            )
        except Exception:
            self._annuleer(stil=True)
            raise
        self.voorbeeld.value = voorbeeld_html(self._vb)
        self.inlezen.disabled = not self._vb.in_orde or self._vb.frame.empty
        self.bevestig.layout.display = None

    def _lees_in(self, _b=None) -> None:
        if self._vb is None:
            return
        vb, naam = self._vb, self._bestand_opgaven[0]
        uit = exchange.voer_import_uit(self.model, vb)
        self._annuleer(stil=True)
        self.melding.ok(
            f"Ingelezen uit '{naam}': {aantal(uit['toegevoegd'], 'opgave', 'opgaven')} toegevoegd, "
            f"{uit['gewijzigd']} bijgewerkt."
        )

    def _annuleer(self, _b=None, *, stil: bool = False) -> None:
        self._vb = None
        self._bestand_opgaven = None
        self.voorbeeld.value = ""
        self.bevestig.layout.display = "none"
        if not stil:
            self.melding.ok("Niets ingelezen.")

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
