"""The wijkprofiel view: read in a CBS StatLine download, see the key figures and signals.

Thin: reading and storing is :func:`wijkanalyse.wijkprofiel.cbs.importeer`, the blocks are
:mod:`wijkanalyse.sections.wijkprofiel`. A signal becomes an opgave only when someone presses its
button.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..model import WijkModel
from ..sections import wijkprofiel as sections_cbs
from ..wijkprofiel import cbs
from .common import Melding, bewaakt
from .levend import toon


class WijkprofielView(w.VBox):
    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.verslag = w.HTML()
        self.upload = w.FileUpload(accept=".csv", multiple=False, description="CBS-bestand")
        self.upload.add_class("wa-cbs-upload")
        self.tabel = w.Text(
            placeholder="bijv. 85984NED (mag leeg)",
            description="CBS-tabel",
            style={"description_width": "initial"},
        )
        self.vervang = w.Checkbox(
            value=False,
            description="Andere waarden voor dezelfde periode vervangen",
            indent=False,
            layout=w.Layout(width="auto"),  # a checkbox is 300 px by default: text was cut off
        )
        self.profiel = w.HTML()
        self.figuur = w.Output()
        self.signalen = w.VBox()
        guard = bewaakt(self.melding)
        self.upload.observe(guard(self._inlezen), "value")
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        super().__init__(
            [
                w.HTML(
                    "<p>Lees een download uit CBS StatLine in (CSV, zoals hij binnenkomt). De "
                    "rijen worden aan de wijken gekoppeld op CBS-code, anders op naam en "
                    "gemeente. Bij een fout verandert er niets.</p>"
                ),
                w.HBox([self.upload, self.tabel]),
                self.vervang,
                self.melding,
                self.verslag,
                self.profiel,
                self.figuur,
                w.HTML("<h2>Signalen uit de cijfers</h2>" + sections_cbs.SIGNALEN_UITLEG),
                self.signalen,
            ]
        )
        self.add_class("wa-wijkprofiel")
        self.ververs()

    def _inlezen(self, change) -> None:
        waarde = change["new"]
        if not waarde:
            return
        f = waarde[0]
        try:
            verslag = cbs.importeer(
                self.model.path,
                bytes(f["content"]),
                naam=f["name"],
                bron_tabel=self.tabel.value.strip() or None,
                vervang=self.vervang.value,
            )
        finally:
            self.upload.value = ()
        self.melding.ok(f"'{f['name']}' ingelezen.")
        self.verslag.value = f"<pre class='wa-verslag'>{html.escape(verslag.tekst())}</pre>"
        self.model.versie += 1  # other views redraw; the store has the figures

    def _overnemen(self, signaal: dict) -> None:
        self.model.voeg_opgave_toe(
            titel=signaal["opgave"],
            transitie=signaal["transitie"],
            aanleiding=signaal["aanleiding"],
            beschrijving=f"Overgenomen uit een CBS-signaal: {signaal['reden']}",
        )
        self.melding.ok(f"Opgave '{signaal['opgave']}' toegevoegd.")

    def ververs(self) -> None:
        self.profiel.value = sections_cbs.wijkprofiel_html(self.model)
        if sections_cbs.heeft_cijfers(self.model):
            toon(self.figuur, sections_cbs.wijkprofiel_figuur(self.model))
        else:
            toon(self.figuur)
        rijen = []
        guard = bewaakt(self.melding)
        gezien: set[str] = set()
        for s in sections_cbs.signalen(self.model).to_dict("records"):
            tekst = w.HTML(
                f"<strong>{html.escape(s['opgave'])}</strong> ({html.escape(s['transitie'])})"
                f"<br><small>{html.escape(s['reden'])}</small>"
            )
            if s["al_opgave"] or s["opgave"].casefold() in gezien:
                knop = w.HTML("<em>staat al bij de opgaven</em>" if s["al_opgave"] else "")
            else:
                knop = w.Button(  # as wide as its words: at ipywidgets' fixed width it was cut
                    description="Overnemen als opgave",
                    tooltip=s["opgave"],
                    layout=w.Layout(width="auto", flex="0 0 auto"),
                )
                knop.on_click(guard(lambda _b, s=s: self._overnemen(s)))
            gezien.add(s["opgave"].casefold())
            rijen.append(w.HBox([tekst, knop]))
        self.signalen.children = rijen or [
            w.HTML("<p><em>Geen signalen: geen regel slaat aan op de ingelezen cijfers.</em></p>")
        ]
