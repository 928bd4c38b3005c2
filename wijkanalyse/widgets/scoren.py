"""Scoring: one scorer scores one subject (opgave or koppeling) on all criteria, each
level with what it means.

Part of step 3; see :mod:`wijkanalyse.widgets.afweging`.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import uitwisseling
from ..core import defaults
from ..core.html_tables import tabel_html
from ..core.nl_format import aantal
from ..model import WijkModel
from ..sections import afweging as sections
from ..tabular_io.scorebestand import ScoreVoorbeeld, raster_tekst
from .common import VELD_STIJL as _ST
from .common import Melding, bewaakt, geweigerd_html, knop, upload_knop

GEEN = "–"


STANDAARD_GROEPEN = defaults.GROEPEN


def groep_veld() -> w.Combobox:
    """The scoring group: one of the usual groups or a new name; projectteam to start with."""
    return w.Combobox(
        description="Groep",
        options=STANDAARD_GROEPEN,
        value="projectteam",
        style=_ST,
        ensure_option=False,
    )


def betekenis(waarde: int, lo: int, hi: int, laag: str, hoog: str) -> str:
    """What one level of a scale means, in words, from the meanings of its two ends."""
    laag = laag or "laagste score"
    hoog = hoog or "hoogste score"
    if waarde <= lo:
        return laag
    if waarde >= hi:
        return hoog
    midden = (lo + hi) / 2
    if waarde == midden:
        return f"precies tussen '{laag}' en '{hoog}'"
    if waarde < midden:
        return f"meer richting '{laag}'"
    return f"meer richting '{hoog}'"


class ScoreFormulier(w.VBox):
    """One scorer scores one subject (opgave or koppeling) on all criteria."""

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        self.onderwerp = w.Dropdown(
            description="Onderwerp", style=_ST, layout=w.Layout(width="95%")
        )
        self.scorer = w.Text(description="Uw naam", style=_ST)
        self.groep = groep_veld()
        self.knoppen: dict[int, w.ToggleButtons] = {}
        self.uitleg: dict[int, w.HTML] = {}
        self.geldt: dict[int, str] = {}  # criterium id -> 'beide', 'opgave' or 'koppeling'
        self.rij_van: dict[int, w.HBox] = {}
        self.rijen = w.VBox()
        self.bewaar = knop("Scores opslaan", "primary")
        self.bewaar.add_class("wa-scores-opslaan")
        self.bewaar.on_click(bewaakt(melding)(self._bewaar))
        self.onderwerp.observe(lambda _c: self._toon_wat_geldt(), "value")
        super().__init__(
            [self.onderwerp, w.HBox([self.scorer, self.groep]), self.rijen, self.bewaar]
        )
        self.ververs()

    def ververs(self) -> None:
        labels = sections.onderwerp_labels(self.model)
        huidig = self.onderwerp.value
        opties = [
            (("Opgave: " if s == "opgave" else "Koppeling: ") + lab, (s, i))
            for (s, i), lab in labels.items()
        ]
        self.onderwerp.options = opties
        if huidig in {o[1] for o in opties}:
            self.onderwerp.value = huidig
        elif opties:
            self.onderwerp.value = opties[0][1]
        crit = self.model.criteria()
        rijen = []
        self.knoppen = {}
        self.uitleg = {}
        self.geldt = {}
        self.rij_van = {}
        for c in crit.itertuples():
            lo, hi = int(c.schaal_min), int(c.schaal_max)
            niveaus = list(range(lo, hi + 1))
            tips = ["geen score"] + [
                f"{v} = {betekenis(v, lo, hi, c.betekenis_min, c.betekenis_max)}" for v in niveaus
            ]
            k = w.ToggleButtons(
                options=[GEEN] + [str(v) for v in niveaus],
                value=GEEN,
                tooltips=tips,
                style={"button_width": "36px"},
            )
            k.add_class("wa-score-knoppen")
            gekozen = w.HTML()
            gekozen.add_class("wa-score-betekenis")
            k.observe(
                lambda ch, g=gekozen, c=c: setattr(g, "value", self._gekozen_html(ch["new"], c)),
                "value",
            )
            self.knoppen[int(c.id)] = k
            self.uitleg[int(c.id)] = gekozen
            pijl = "lager is beter" if c.richting == "lager is beter" else "hoger is beter"
            tekst = (
                f"<strong>{html.escape(c.naam)}</strong> ({pijl}) "
                f"<br><small>{html.escape(c.vraag)}<br>{lo} = "
                f"{html.escape(c.betekenis_min)} · {hi} = "
                f"{html.escape(c.betekenis_max)}</small>"
            )
            rij = w.HBox([w.HTML(tekst, layout=w.Layout(width="45%")), w.VBox([k, gekozen])])
            self.geldt[int(c.id)] = str(getattr(c, "geldt_voor", "beide") or "beide")
            self.rij_van[int(c.id)] = rij
            rijen.append(rij)
        self.rijen.children = rijen
        self._toon_wat_geldt()

    def geldt_nu(self, criterium_id: int) -> bool:
        """Whether the criterium applies to the chosen subject (opgave or koppeling)."""
        if self.onderwerp.value is None:
            return True
        return self.geldt.get(criterium_id, "beide") in ("beide", self.onderwerp.value[0])

    def _toon_wat_geldt(self) -> None:
        """Only the criteria that apply to the chosen subject are asked."""
        for cid, rij in self.rij_van.items():
            rij.layout.display = None if self.geldt_nu(cid) else "none"

    @staticmethod
    def _gekozen_html(waarde: str, c: Any) -> str:
        if waarde == GEEN:
            return ""
        uitleg = betekenis(
            int(waarde), int(c.schaal_min), int(c.schaal_max), c.betekenis_min, c.betekenis_max
        )
        return f"<small>{html.escape(waarde)}: {html.escape(uitleg)}</small>"

    def _bewaar(self, _b: Any = None) -> None:
        if self.onderwerp.value is None:
            self.melding.fout("Kies eerst een onderwerp.")
            return
        soort, oid = self.onderwerp.value
        rows = [
            {
                "onderwerp_soort": soort,
                "onderwerp_id": oid,
                "criterium_id": cid,
                "waarde": int(k.value),
                "scorer": self.scorer.value,
                "groep": self.groep.value,
                "moment": date.today().isoformat(),
            }
            for cid, k in self.knoppen.items()
            if k.value != GEEN and self.geldt_nu(cid)
        ]
        if not rows:
            self.melding.fout("Kies bij minstens één criterium een score.")
            return
        if not self.scorer.value.strip() or not self.groep.value.strip():
            self.melding.fout("Vul uw naam en uw groep in.")
            return
        label = self.onderwerp.label
        n = self.model.voeg_scores_toe(pd.DataFrame(rows))
        for k in self.knoppen.values():
            k.value = GEEN
        self.melding.ok(f"{aantal(n, 'score', 'scores')} opgeslagen voor {label}.")


def score_voorbeeld_html(vb: ScoreVoorbeeld) -> str:
    """The preview of a score import or a pasted grid: columns, scores per subject and the
    refused rows (row, column, reason), as escaped HTML."""
    delen = [f"<h4>Voorbeeld: wat het opslaan van {html.escape(vb.bron)} doet</h4>"]
    if vb.kolommen:
        delen.append(
            tabel_html(
                pd.DataFrame(vb.kolommen, columns=["Kolom in het bestand", "Wordt"]),
                leeg="Geen kolommen.",
            )
        )
        overgeslagen = [k for k, d in vb.kolommen if d == "overgeslagen"]
        if overgeslagen:
            delen.append(
                "<p>Deze kolommen worden overgeslagen: "
                + html.escape(", ".join(overgeslagen))
                + ".</p>"
            )
    if vb.fouten:
        delen.append(
            geweigerd_html(
                vb.fouten,
                vb.aantal_fouten,
                ("cel", "cellen"),
                "Alles of niets: zolang er iets geweigerd is, wordt er niets opgeslagen.",
            )
        )
        return "".join(delen)
    n = len(vb.rijen)
    delen.append(f"<h5>Opslaan: {n} {'score' if n == 1 else 'scores'}</h5>")
    per = vb.per_onderwerp.rename(columns={"onderwerp": "Onderwerp", "scores": "Scores"})
    delen.append(tabel_html(per[["Onderwerp", "Scores"]], leeg="Geen scores."))
    return "".join(delen)


class ScoreRaster(w.VBox):
    """A score grid for one group (subjects x criteria): shown as tab-separated text to fill
    in, or to copy to Excel and paste back; checked in a preview, then saved at once."""

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        self.groep = groep_veld()
        self.scorer = w.Text(
            description="Opslaan als",
            placeholder="naam van wie scoort (of de groep)",
            style=_ST,
        )
        self.toon = knop("Raster tonen")
        self.tekst = w.Textarea(
            placeholder="Plak hier de cellen uit Excel: de kopregel met de criteria, daaronder "
            "per onderwerp een rij.",
            layout=w.Layout(width="98%", height="260px"),
        )
        self.tekst.add_class("wa-score-raster")
        self.controleer = knop("Controleren")
        self.opslaan = knop("Raster opslaan", "primary", disabled=True)
        self.opslaan.add_class("wa-raster-opslaan")
        self.voorbeeld = w.HTML()
        self._vb: ScoreVoorbeeld | None = None
        guard = bewaakt(melding)
        self.toon.on_click(guard(self._toon))
        self.controleer.on_click(guard(self._controleer))
        self.opslaan.on_click(guard(self._opslaan))
        self.tekst.observe(lambda _c: self._vergeet(), "value")
        super().__init__(
            [
                w.HTML(
                    "<p>Eén groep scoort alle onderwerpen tegelijk. Klik op 'Raster tonen', "
                    "kopieer het naar Excel of vul het hier in, en plak het terug (met de "
                    "kopregel). Een lege cel is geen score; '–' betekent dat het criterium "
                    "niet voor dat onderwerp geldt.</p>"
                ),
                w.HBox([self.groep, self.scorer, self.toon]),
                self.tekst,
                w.HBox([self.controleer, self.opslaan]),
                self.voorbeeld,
            ]
        )

    def _naam(self) -> str:
        return self.scorer.value.strip() or self.groep.value.strip()

    def _toon(self, _b: Any = None) -> None:
        """Fill the grid with every subject and this group's current scores under this name."""
        ctx = uitwisseling.score_context(self.model)
        sc = self.model.scores()
        groep, naam = self.groep.value.strip().casefold(), self._naam().casefold()
        eigen = sc[(sc["groep"].str.casefold() == groep) & (sc["scorer"].str.casefold() == naam)]
        bestaande = {
            (str(r.onderwerp_soort), int(r.onderwerp_id), int(r.criterium_id)): int(r.waarde)
            for r in eigen.itertuples()
        }
        self.tekst.value = raster_tekst(ctx, list(ctx.labels), bestaande)

    def _vergeet(self) -> None:
        self._vb = None
        self.opslaan.disabled = True

    def _controleer(self, _b: Any = None) -> None:
        self.melding.wis()
        self._vb = None
        self.opslaan.disabled = True
        vb = uitwisseling.voorbeeld_raster(
            self.model, self.tekst.value, groep=self.groep.value, scorer=self._naam()
        )
        self.voorbeeld.value = score_voorbeeld_html(vb)
        if vb.in_orde and len(vb.rijen):
            self._vb = vb
            self.opslaan.disabled = False

    def _opslaan(self, _b: Any = None) -> None:
        if self._vb is None:
            self._controleer()
            if self._vb is None:
                return
        groep = self.groep.value.strip()
        telling = uitwisseling.voer_scores_uit(
            self.model, self._vb, bron=f"Raster van groep {groep} (als {self._naam()})"
        )
        self._vergeet()
        self.voorbeeld.value = ""
        n = telling.gegeven
        self.melding.ok(
            f"{aantal(n, 'score', 'scores')} uit het raster opgeslagen voor groep "
            f"{groep} (als {self._naam()}): {uitwisseling.score_uitkomst(telling)}."
        )


class ScoreImport(w.VBox):
    """Scores from a CSV/Excel file (one score per row): preview first, then all or none."""

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        self.upload = upload_knop("Scores inlezen", ".csv,.xlsx,.txt")
        self.voorbeeld = w.HTML()
        self.inlezen = knop("Inlezen", "primary")
        self.annuleren = knop("Annuleren")
        self.bevestig = w.HBox([self.inlezen, self.annuleren])
        self.bevestig.layout.display = "none"
        self._vb: ScoreVoorbeeld | None = None
        guard = bewaakt(melding)
        self.upload.observe(guard(self._bestand), "value")
        self.inlezen.on_click(guard(self._lees_in))
        self.annuleren.on_click(guard(self._annuleer))
        super().__init__(
            [
                w.HTML(
                    "<p>Een bestand met per rij één score, met de kolommen Onderwerp, "
                    "Criterium, Score, Groep en Scorer (en eventueel Soort en Datum). Een "
                    "koppeling schrijft u als 'Opgave A × Opgave B'.</p>"
                ),
                self.upload,
                self.voorbeeld,
                self.bevestig,
            ]
        )

    def _bestand(self, change: dict[str, Any]) -> None:
        if not change["new"]:
            return
        f = change["new"][0]
        try:
            self.melding.wis()
            self._vb = None
            self.bevestig.layout.display = "none"
            vb = uitwisseling.voorbeeld_scores_bestand(self.model, f["name"], bytes(f["content"]))
            self._vb = vb
            self.voorbeeld.value = score_voorbeeld_html(vb)
            self.inlezen.disabled = not vb.in_orde
            self.bevestig.layout.display = None
        finally:
            self.upload.value = ()

    def _lees_in(self, _b: Any = None) -> None:
        if self._vb is None:
            return
        vb = self._vb
        telling = uitwisseling.voer_scores_uit(self.model, vb)
        self._annuleer(stil=True)
        self.melding.ok(
            f"{aantal(telling.gegeven, 'score', 'scores')} ingelezen uit '{vb.bron}': "
            f"{uitwisseling.score_uitkomst(telling)}."
        )

    def _annuleer(self, _b: Any = None, *, stil: bool = False) -> None:
        self._vb = None
        self.voorbeeld.value = ""
        self.bevestig.layout.display = "none"
        if not stil:
            self.melding.ok("Niets ingelezen.")


class ScoreView(w.VBox):
    """The scoring form, the score grid per group and the score import, with one message
    line; follows the model."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.formulier = ScoreFormulier(model, self.melding)
        self.raster = ScoreRaster(model, self.melding)
        self.importeer = ScoreImport(model, self.melding)
        self.meer = w.Accordion(
            children=[self.raster, self.importeer],
            titles=("Raster per groep (plakken uit Excel)", "Scores inlezen uit een bestand"),
            selected_index=None,
        )
        self._sleutel = self._vorm()
        model.observe(bewaakt(self.melding)(self._model_veranderd), ["versie", "wijk"])
        super().__init__([self.formulier, self.melding, self.meer])

    def _vorm(self) -> tuple[str, str]:
        """Subjects and criteria: when these change, the form is rebuilt."""
        crit = self.model.criteria()[
            [
                "id",
                "naam",
                "vraag",
                "schaal_min",
                "schaal_max",
                "betekenis_min",
                "betekenis_max",
                "richting",
                "geldt_voor",
            ]
        ]
        return (repr(sorted(sections.onderwerp_labels(self.model).items())), crit.to_json())

    def _model_veranderd(self, change: dict[str, Any]) -> None:
        vorm = self._vorm()
        if change["name"] == "wijk" or vorm != self._sleutel:
            self._sleutel = vorm
            self.formulier.ververs()
