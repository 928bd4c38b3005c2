"""Inventarisatie view: list, add, edit and remove the opgaven of a wijk."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import sections
from ..core.catalog import catalogus
from ..core.errors import GelijktijdigFout
from ..core.vocabulary import ROLLEN, SOORTEN, TRANSITIES
from ..model import WijkModel
from .common import Bevestiging, Melding, bewaakt, knop

NIEUW = "(nieuwe opgave)"


class OpgaveFormulier(w.VBox):
    """Fields of one opgave. ``waarden()`` returns what the store expects."""

    def __init__(self) -> None:
        lay = w.Layout(width="95%")
        st = {"description_width": "110px"}
        self.titel = w.Combobox(
            description="Titel",
            placeholder="Kies uit de catalogus of typ",
            layout=lay,
            style=st,
            ensure_option=False,
        )
        self.transitie = w.Dropdown(description="Transitie", options=TRANSITIES, style=st)
        self.soort = w.Dropdown(description="Soort", options=SOORTEN, style=st)
        self.aanleiding = w.Combobox(
            description="Aanleiding", layout=lay, style=st, ensure_option=False
        )
        self.eigenaar = w.Text(description="Eigenaar", layout=lay, style=st)
        self.start = w.Text(description="Startjaar", placeholder="bijv. 2027", style=st)
        self.eind = w.Text(description="Eindjaar", placeholder="bijv. 2028", style=st)
        self.rol = w.Dropdown(description="Rol", options=ROLLEN, value="meeliftend", style=st)
        self.beschrijving = w.Textarea(description="Beschrijving", layout=lay, style=st)
        self.transitie.observe(self._catalogus, "value")
        self._catalogus()
        super().__init__(
            [
                self.titel,
                w.HBox([self.transitie, self.soort, self.rol]),
                self.aanleiding,
                self.eigenaar,
                w.HBox([self.start, self.eind]),
                self.beschrijving,
            ]
        )
        self.add_class("wa-opgave-formulier")

    def _catalogus(self, _change=None) -> None:
        cat = catalogus().get(self.transitie.value, {"opgaven": [], "aanleidingen": []})
        self.titel.options = tuple(cat["opgaven"])
        self.aanleiding.options = tuple(cat["aanleidingen"])

    def waarden(self) -> dict:
        return {
            "titel": self.titel.value,
            "transitie": self.transitie.value,
            "soort": self.soort.value,
            "aanleiding": self.aanleiding.value,
            "eigenaar": self.eigenaar.value,
            "start_jaar": self.start.value,
            "eind_jaar": self.eind.value,
            "rol": self.rol.value,
            "beschrijving": self.beschrijving.value,
        }

    def vul(self, rij: pd.Series | None) -> None:
        if rij is None:
            for f in (
                self.titel,
                self.aanleiding,
                self.eigenaar,
                self.start,
                self.eind,
                self.beschrijving,
            ):
                f.value = ""
            return
        self.transitie.value = rij["transitie"]
        self.titel.value = rij["titel"]
        self.soort.value = rij["soort"]
        self.aanleiding.value = rij["aanleiding"]
        self.eigenaar.value = rij["eigenaar"]
        self.start.value = "" if pd.isna(rij["start_jaar"]) else str(int(rij["start_jaar"]))
        self.eind.value = "" if pd.isna(rij["eind_jaar"]) else str(int(rij["eind_jaar"]))
        self.rol.value = rij["rol"]
        self.beschrijving.value = rij["beschrijving"]


class InventarisatieView(w.VBox):
    """The opgaven table with a form to add, edit and remove."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self._getoond: dict | None = None
        self.melding = Melding(wijk_van=model)
        self.tabel = w.HTML()
        self.tabel.add_class("wa-opgaven-tabel")
        self.kies = w.Dropdown(description="Bewerk", options=[NIEUW])
        self.formulier = OpgaveFormulier()
        self.opslaan = knop("Opgave toevoegen", "primary")
        self.verwijder = knop("Verwijderen", "danger", disabled=True)
        self.opslaan.add_class("wa-opslaan")
        self.bevestiging = Bevestiging(self.melding)
        guard = bewaakt(self.melding)
        self.opslaan.on_click(guard(self._opslaan))
        self.verwijder.on_click(guard(self._verwijder))
        self.kies.observe(guard(self._kies), "value")
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        super().__init__(
            [
                w.HTML("<h3>Opgaven in de wijk</h3>"),
                self.tabel,
                w.HTML("<h4>Opgave toevoegen of bewerken</h4>"),
                self.kies,
                self.formulier,
                w.HBox([self.opslaan, self.verwijder]),
                self.bevestiging,
                self.melding,
            ]
        )
        self.ververs()

    def ververs(self) -> None:
        df = self.model.opgaven()
        self.tabel.value = sections.opgaven_html(df, met_beschrijving=False)
        opties = [(NIEUW, None)] + [(t, int(i)) for i, t in zip(df["id"], df["titel"], strict=True)]
        huidig = self.kies.value
        self.kies.options = opties
        self.kies.value = huidig if huidig in {o[1] for o in opties} else None

    def _kies(self, _change=None) -> None:
        oid = self.kies.value
        df = self.model.opgaven()
        rij = None if oid is None else df.loc[df["id"] == oid].iloc[0]
        self._getoond = None if rij is None else rij.to_dict()  # to detect others' edits
        self.formulier.vul(rij)
        self.opslaan.description = "Opgave toevoegen" if oid is None else "Wijziging opslaan"
        self.verwijder.disabled = oid is None
        self.bevestiging.sluit()
        self.melding.wis()

    def _opslaan(self, _b=None) -> None:
        velden = self.formulier.waarden()
        if self.kies.value is None:
            self.model.voeg_opgave_toe(**velden)
            self.formulier.vul(None)
            self.melding.ok(f"Opgave '{velden['titel'].strip()}' is toegevoegd.")
        else:
            try:
                self.model.wijzig_opgave(self.kies.value, verwacht=self._getoond, **velden)
            except GelijktijdigFout as e:
                self._kies()  # show what is stored now
                self.melding.fout(str(e))
                return
            self._kies()
            self.melding.ok(f"Opgave '{velden['titel'].strip()}' is opgeslagen.")

    def _verwijder(self, _b=None) -> None:
        """Ask first, naming what goes with the opgave; delete only after 'Ja'."""
        oid = self.kies.value
        if oid is None:
            return
        vraag = self.model.gevolgen_van_verwijderen("opgave", oid)
        self.bevestiging.vraag_eerst(vraag, lambda: self._echt_verwijderen(oid))

    def _echt_verwijderen(self, oid: int) -> None:
        self.model.verwijder_opgave(oid)
        self.kies.value = None
        self.melding.ok(
            f"{self.model.historie()['wat'].iloc[0]}. Per ongeluk? Maak het ongedaan onder "
            "'Wijzigingen'."
        )
