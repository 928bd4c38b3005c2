"""Step 4 views: review what fell below the drempel, check the whole, record besluiten and
download the summary for residents.

Every view writes only through the :class:`~wijkanalyse.model.WijkModel` and redraws when
its ``wijk`` or ``versie`` changes.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import afweging, besluitenlog
from ..core import config
from ..core.nl_format import getal
from ..core.vocabulary import BESLUITEN
from ..model import WijkModel
from ..sections import afweging as sections
from .common import Melding, bewaakt, knop
from .uitwisseling import download_link

_ST = {"description_width": "110px"}


def _stand(model: WijkModel) -> pd.DataFrame:
    """Per scored subject: totaal, volledig and haalt_drempel (the ranking with the agreed
    weights and completeness rule)."""
    tot = afweging.totalen(model.getoonde_scores(), model.criteria(), regel=model.regel())
    return afweging.rangschikking(tot, model.kader()["drempel"])


def keuze_tekst(soort: str, label: str, totaal: float | None, stand: str, besluit: str) -> str:
    """One option of the besluit picker: what the subject is, its total and its stand (the
    ranking's rule: a subject not fully scored is called that, never 'onder de drempel').

    >>> keuze_tekst("opgave", "Groen dak", 3.305, "nog niet volledig gescoord", "")
    'Opgave: Groen dak (totaal tot nu toe 3,31, nog niet volledig gescoord)'
    >>> keuze_tekst("koppeling", "A × B", None, "nog niet gescoord", "gekozen")
    'Koppeling: A × B (nog niet gescoord) · nu: gekozen'
    """
    kop = "Opgave: " if soort == "opgave" else "Koppeling: "
    if totaal is None or pd.isna(totaal):
        stand_tekst = stand
    elif stand == afweging.STAND_ONVOLLEDIG:
        stand_tekst = f"totaal tot nu toe {getal(totaal, 2)}, {stand}"
    else:
        stand_tekst = f"totaal {getal(totaal, 2)}, {stand}"
    nu = f" · nu: {besluit}" if besluit else ""
    return f"{kop}{label} ({stand_tekst}){nu}"


class BesluitFormulier(w.VBox):
    """Record one besluit: subject, gekozen / niet gekozen / uitgesteld, why, by whom.

    'Maakt of breekt' is for a subject below the drempel that is chosen after all.
    """

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        self.onderwerp = w.Dropdown(
            description="Onderwerp", style=_ST, layout=w.Layout(width="95%")
        )
        self.besluit = w.ToggleButtons(options=BESLUITEN, value="gekozen", description="Besluit")
        self.redenering = w.Textarea(
            description="Waarom",
            placeholder="Leg in gewone woorden uit waarom; dit lezen bewoners ook.",
            style=_ST,
            layout=w.Layout(width="95%", height="80px"),
        )
        self.door = w.Text(description="Besloten door", style=_ST)
        self.maakt_of_breekt = w.Checkbox(
            value=False,
            description="Maakt of breekt de aanpak: onder de drempel, maar toch kiezen",
            indent=False,
            layout=w.Layout(width="95%"),
        )
        self.vastleggen = knop("Besluit vastleggen", "primary")
        self.vastleggen.add_class("wa-besluit-vastleggen")
        guard = bewaakt(melding)
        self.vastleggen.on_click(guard(self._vastleggen))
        self.maakt_of_breekt.observe(guard(self._mob), "value")
        self._haalt: dict[tuple[str, int], bool] = {}
        self._standen: dict[tuple[str, int], str] = {}
        super().__init__(
            [
                self.onderwerp,
                self.besluit,
                self.maakt_of_breekt,
                self.redenering,
                self.door,
                self.vastleggen,
            ]
        )
        self.ververs()

    def ververs(self) -> None:
        labels = sections.onderwerp_labels(self.model)
        stand = _stand(self.model)
        self._haalt = {
            (s, int(i)): bool(h)
            for s, i, h in zip(
                stand["onderwerp_soort"], stand["onderwerp_id"], stand["haalt_drempel"], strict=True
            )
        }
        totaal = {
            (s, int(i)): t
            for s, i, t in zip(
                stand["onderwerp_soort"], stand["onderwerp_id"], stand["totaal"], strict=True
            )
        }
        huidig = besluitenlog.huidige_besluiten(self.model.besluiten())
        nu = {
            (s, int(i)): b
            for s, i, b in zip(
                huidig.get("onderwerp_soort", []),
                huidig.get("onderwerp_id", []),
                huidig.get("besluit", []),
                strict=True,
            )
        }
        self._standen = afweging.standen(stand)
        opties = []
        for (soort, oid), lab in labels.items():
            sleutel = (soort, oid)
            tekst = keuze_tekst(
                soort,
                lab,
                totaal.get(sleutel),
                afweging.stand_van(self._standen, soort, oid),
                nu.get(sleutel, ""),
            )
            opties.append((tekst, sleutel))
        vorige = self.onderwerp.value
        self.onderwerp.options = opties
        if vorige in {o[1] for o in opties}:
            self.onderwerp.value = vorige
        elif opties:
            self.onderwerp.value = opties[0][1]

    def _mob(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.besluit.value = "gekozen"

    def _vastleggen(self, _b: Any = None) -> None:
        if self.onderwerp.value is None:
            self.melding.fout("Kies eerst een onderwerp.")
            return
        if not self.redenering.value.strip():
            self.melding.fout(
                "Schrijf op waarom u dit besluit. Zonder reden wordt het besluit niet "
                "vastgelegd: bewoners en collega's moeten het later kunnen nalezen."
            )
            return
        soort, oid = self.onderwerp.value
        mob = bool(self.maakt_of_breekt.value)
        if mob and self.besluit.value != "gekozen":
            self.melding.fout(
                "'Maakt of breekt' betekent dat u het onderwerp toch kiest: zet het besluit "
                "op 'gekozen' of haal het vinkje weg."
            )
            return
        stand = afweging.stand_van(self._standen, soort, oid)
        if mob and stand == afweging.STAND_HAALT:
            self.melding.fout(
                "Dit onderwerp haalt de drempel al; 'maakt of breekt' is bedoeld voor "
                "onderwerpen die eronder bleven. Haal het vinkje weg."
            )
            return
        if mob and stand != afweging.STAND_ONDER:
            self.melding.fout(
                f"Dit onderwerp is {stand}: het zit dus niet onder de drempel. 'Maakt of "
                "breekt' is voor een volledig gescoord onderwerp onder de drempel. Haal het "
                "vinkje weg (u kunt het onderwerp wel kiezen) of laat het eerst scoren."
            )
            return
        label = sections.onderwerp_labels(self.model).get((soort, oid), f"{soort} {oid}")
        self.model.leg_besluit_vast(
            soort,
            oid,
            self.besluit.value,
            self.redenering.value,
            door=self.door.value,
            maakt_of_breekt=mob,
        )
        self.redenering.value = ""
        self.maakt_of_breekt.value = False
        extra = " (maakt of breekt de aanpak)" if mob else ""
        self.melding.ok(f"Besluit vastgelegd: '{label}' is {self.besluit.value}{extra}.")


class BesluitenView(w.VBox):
    """Review (below the drempel, capacity, conflicting pairs), the form, the log and the
    downloads of the resident summary (HTML and Excel)."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.formulier = BesluitFormulier(model, self.melding)
        self.onder_drempel = w.HTML()
        self.controle = w.HTML()
        self.controle.add_class("wa-controle")
        self.logboek = w.HTML()
        self.logboek.add_class("wa-besluitenlog")
        self.downloads = w.HTML()
        self.downloads.add_class("wa-besluiten-downloads")
        super().__init__(
            [
                w.HTML("<h4>Terugkijken: wat bleef onder de drempel?</h4>"),
                self.onder_drempel,
                w.HTML("<h4>Besluit vastleggen</h4>"),
                self.formulier,
                self.melding,
                w.HTML("<h4>Het geheel</h4>"),
                self.controle,
                w.HTML("<h4>Besluitenlog</h4>"),
                self.logboek,
                self.downloads,
            ]
        )
        model.observe(
            bewaakt(self.melding)(self._model_veranderd), ["versie", "wijk", "rondekeuze"]
        )
        self.ververs()

    def _model_veranderd(self, _change: dict[str, Any]) -> None:
        self.formulier.ververs()
        self.ververs()

    def ververs(self) -> None:
        self.onder_drempel.value = sections.onder_drempel_tabel(self.model).data
        self.controle.value = sections.controle_html(self.model).data
        self.logboek.value = sections.besluiten_tabel(self.model).data
        naam = f"besluiten-{config.slug(self.model.wijk)}"
        self.downloads.value = (
            "<p>Samenvatting voor bewoners: "
            + download_link(
                f"{naam}.html",
                sections.samenvatting_html(self.model).encode("utf-8"),
                "als webpagina (HTML)",
            )
            + " · "
            + download_link(f"{naam}.xlsx", sections.samenvatting_xlsx(self.model), "als Excel")
            + "</p>"
            + f"<p><small>{html.escape('De samenvatting toont per onderwerp het laatste besluit.')}"
            "</small></p>"
        )
