"""Upload and download: opgaven (CSV/Excel), the Werkblad 2.7 workbook and the template."""

from __future__ import annotations

import base64
import html

import ipywidgets as w
import pandas as pd

from .. import uitwisseling
from ..core.errors import InvoerFout
from ..core.html_tables import tabel_html
from ..core.nl_format import aantal
from ..model import WijkModel
from ..tabular_io import KOLOM_NAMEN, KOLOMMEN, OVERSLAAN, ImportVoorbeeld, kop_sleutel
from .common import VELD_STIJL, Melding, bewaakt, geweigerd_html, knop, upload_knop

KOLOM_OPTIES: list[tuple[str, str]] = [("(overslaan)", OVERSLAAN)] + [
    (KOLOM_NAMEN[k], k) for k in KOLOMMEN
]
"""What a column in a file can become: a field of an opgave, or skipped."""

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
            "<p>Deze kolommen worden overgeslagen: "
            + html.escape(", ".join(vb.genegeerd))
            + ". Kies hieronder per kolom wat hij wordt.</p>"
        )
    if len(vb.bladen) > 1:
        delen.append(
            f"<p>Gelezen: blad '{html.escape(vb.blad or '')}'. Het werkboek heeft ook "
            + html.escape(", ".join(f"'{b}'" for b in vb.bladen if b != vb.blad))
            + "; kies hieronder een ander blad als dat nodig is.</p>"
        )
    if vb.titelrijen:
        rijen = ", ".join(str(r) for r in vb.titelrijen)
        delen.append(f"<p>Overgeslagen boven de kopregel: rij {html.escape(rijen)}.</p>")
    n = vb.nieuw
    delen.append(f"<h5>Toevoegen: {len(n)} {'opgave' if len(n) == 1 else 'opgaven'}</h5>")
    toon = pd.DataFrame(
        {
            "Rij": n["rij"],
            **{KOLOM_NAMEN[k].capitalize(): n[k] for k in ("titel", "transitie", "soort")},
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
        delen.append(
            geweigerd_html(
                vb.fouten[:200],
                len(vb.fouten),
                ("rij", "rijen"),
                "Alles of niets: zolang er rijen geweigerd zijn, wordt er niets ingelezen. Pas "
                "het bestand aan en lees het opnieuw in.",
            )
        )
    return "".join(delen)


class UitwisselingView(w.VBox):
    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.upload_opgaven = upload_knop("Opgaven inlezen", ".csv,.xlsx,.txt")
        self.upload_werkblad = upload_knop("Werkblad inlezen", ".xlsx")
        self.downloads = w.HTML()
        self.maak = knop("Downloads klaarzetten")
        self.bijwerken = w.Checkbox(
            value=False,
            description="Bestaande opgaven bijwerken (Excel is de hoofdlijst)",
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.voorbeeld = w.HTML()
        self.voorbeeld.add_class("wa-import-voorbeeld")
        self.inlezen = knop("Inlezen", "primary")
        self.annuleren = knop("Annuleren")
        self.bevestig = w.HBox([self.inlezen, self.annuleren])
        self.bevestig.layout.display = "none"
        self.blad = w.Dropdown(description="Blad", style=VELD_STIJL)
        self.blad.layout.display = "none"
        self.kolomkeuze = w.VBox()  # one dropdown per column of the file
        self.kolomkeuze.add_class("wa-kolomkeuze")
        self.keuze_dropdowns: dict[str, w.Dropdown] = {}
        self._bestand_opgaven: tuple[str, bytes] | None = None
        self._vb: ImportVoorbeeld | None = None
        self._keuze: dict[str, str] = {}  # the advisor's choices for this file
        self._blad: str | None = None
        self._bezig = False
        guard = bewaakt(self.melding)
        self.blad.observe(guard(self._kies_blad), "value")
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
                self.blad,
                self.kolomkeuze,
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
                self._keuze, self._blad = {}, None
                self._toon_voorbeeld()
            finally:
                self.upload_opgaven.value = ()

    def _bereken(self) -> ImportVoorbeeld:
        assert self._bestand_opgaven is not None
        return uitwisseling.voorbeeld_opgaven_bestand(
            self.model,
            *self._bestand_opgaven,
            bijwerken=self.bijwerken.value,
            keuze=self._keuze,
            blad=self._blad,
        )

    def _toon_voorbeeld(self) -> None:
        if self._bestand_opgaven is None:
            return
        self.melding.wis()
        try:
            vb = self._bereken()
        except Exception:
            self._annuleer(stil=True)
            raise
        self._toon(vb)

    def _toon(self, vb: ImportVoorbeeld) -> None:
        self._vb = vb
        self.voorbeeld.value = voorbeeld_html(vb)
        self._toon_keuzes(vb)
        self.inlezen.disabled = not vb.in_orde or vb.frame.empty
        self.bevestig.layout.display = None

    def _toon_keuzes(self, vb: ImportVoorbeeld) -> None:
        """A dropdown per column of the file (what it becomes), and the sheet when the
        workbook has several."""
        self._blad = vb.blad
        self._bezig = True
        try:
            if len(vb.bladen) > 1:
                self.blad.options = vb.bladen
                self.blad.value = vb.blad
                self.blad.layout.display = None
            else:
                self.blad.layout.display = "none"
        finally:
            self._bezig = False
        self.keuze_dropdowns = {}
        rijen: list[w.Widget] = [w.HTML("<strong>Wat wordt elke kolom?</strong>")]
        for kop, doel, eigen in vb.doelen:
            d = w.Dropdown(
                options=KOLOM_OPTIES,
                value=doel,
                description=kop,
                style=VELD_STIJL,
                layout=w.Layout(width="auto"),
            )
            d.add_class("wa-kolom-doel")
            d.observe(bewaakt(self.melding)(lambda ch, kop=kop: self._kies_kolom(kop, ch)), "value")
            self.keuze_dropdowns[kop] = d
            toelichting = "uw keuze" if eigen else "voorstel"
            rijen.append(w.HBox([d, w.HTML(f"<small>{toelichting}</small>")]))
        self.kolomkeuze.children = rijen

    def _kies_kolom(self, kop: str, change: dict) -> None:
        """The advisor chose what column ``kop`` becomes: preview again. A choice that cannot
        work (two columns for 'titel', no titel at all) is undone and explained."""
        if self._bestand_opgaven is None:
            return
        sleutel = kop_sleutel(kop)
        vorige = dict(self._keuze)
        self._keuze[sleutel] = change["new"]
        try:
            vb = self._bereken()
        except InvoerFout as e:
            self._keuze = vorige
            if self._vb is not None:
                self._toon(self._vb)
            self.melding.fout(f"Deze keuze kan niet: {e}")
            return
        self.melding.wis()
        self._toon(vb)

    def _kies_blad(self, change: dict) -> None:
        if self._bezig or self._vb is None or change["new"] in (None, self._blad):
            return
        self._blad = change["new"]
        self._keuze = {}
        self._toon_voorbeeld()

    def _lees_in(self, _b=None) -> None:
        if self._vb is None or self._bestand_opgaven is None:
            return
        vb, naam = self._vb, self._bestand_opgaven[0]
        uit = uitwisseling.voer_import_uit(self.model, vb)
        self._annuleer(stil=True)
        self.melding.ok(
            f"Ingelezen uit '{naam}': {aantal(uit['toegevoegd'], 'opgave', 'opgaven')} "
            f"toegevoegd, {uit['gewijzigd']} bijgewerkt. De keuze per kolom is onthouden in "
            "deze werkruimte."
        )

    def _annuleer(self, _b=None, *, stil: bool = False) -> None:
        self._vb = None
        self._bestand_opgaven = None
        self._keuze, self._blad = {}, None
        self.voorbeeld.value = ""
        self.kolomkeuze.children = ()
        self.keuze_dropdowns = {}
        self.blad.layout.display = "none"
        self.bevestig.layout.display = "none"
        if not stil:
            self.melding.ok("Niets ingelezen.")

    def _werkblad(self, change) -> None:
        f = self._bestand(change)
        if f:
            try:
                paren, items = uitwisseling.importeer_werkblad_bestand(self.model, *f)
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
            naam, inhoud = uitwisseling.exporteer(self.model, soort)
            links.append(download_link(naam, inhoud, label))
        self.downloads.value = " · ".join(links)
        self.melding.ok("Klik op een link om het bestand op te slaan.")
