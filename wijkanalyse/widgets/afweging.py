"""Step 3 views: edit the afwegingskader, divide 100 points, score, and see the result.

Every view takes a :class:`~wijkanalyse.model.WijkModel`, writes only through it and redraws
when the model's ``wijk`` or ``versie`` changes. Callbacks are wrapped with
:func:`~wijkanalyse.widgets.common.bewaakt`, so errors become a Dutch message.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
from IPython import get_ipython

from .. import sections_afweging as sections
from .. import standaard
from ..errors import GelijktijdigFout
from ..model import WijkModel
from ..vocabulary import RICHTINGEN
from .besluiten import BesluitenView
from .common import Melding, bewaakt
from .levend import toon

GEEN = "–"
STANDAARD_GROEPEN = standaard.GROEPEN
TOTAAL_PUNTEN = 100
_ST = {"description_width": "110px"}


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


# ------------------------------------------------------------------------------ kader


class CriteriumRij(w.VBox):
    """The fields of one criterium; ``criterium_id`` is None for a new one."""

    def __init__(self, rij: dict[str, Any] | None = None) -> None:
        rij = rij or {}
        cid = rij.get("id")
        self.criterium_id: int | None = None if cid is None or pd.isna(cid) else int(cid)
        lay = w.Layout(width="48%")
        self.naam = w.Text(value=str(rij.get("naam", "")), description="Naam", style=_ST)
        self.vraag = w.Text(
            value=str(rij.get("vraag", "")),
            description="Vraag",
            style=_ST,
            layout=w.Layout(width="95%"),
        )
        self.richting = w.Dropdown(
            options=RICHTINGEN,
            value=rij.get("richting", RICHTINGEN[0]),
            description="Richting",
            style=_ST,
        )
        self.gewicht = w.BoundedFloatText(
            value=float(rij.get("gewicht", 1.0)),
            min=0,
            max=1000,
            step=0.5,
            description="Gewicht",
            style=_ST,
        )
        self.schaal_min = w.IntText(
            value=int(rij.get("schaal_min", 1)), description="Schaal van", style=_ST
        )
        self.schaal_max = w.IntText(
            value=int(rij.get("schaal_max", 5)), description="tot en met", style=_ST
        )
        self.betekenis_min = w.Text(
            value=str(rij.get("betekenis_min", "")),
            description="Laagste =",
            placeholder="wat betekent de laagste score?",
            style=_ST,
            layout=lay,
        )
        self.betekenis_max = w.Text(
            value=str(rij.get("betekenis_max", "")),
            description="Hoogste =",
            placeholder="wat betekent de hoogste score?",
            style=_ST,
            layout=lay,
        )
        self.verwijder = w.Checkbox(value=False, description="Verwijderen", indent=False)
        super().__init__(
            [
                w.HBox([self.naam, self.richting, self.gewicht, self.verwijder]),
                self.vraag,
                w.HBox([self.schaal_min, self.schaal_max]),
                w.HBox([self.betekenis_min, self.betekenis_max]),
            ],
            layout=w.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"),
        )
        self.add_class("wa-criterium")

    def waarden(self) -> dict[str, Any]:
        return {
            "id": self.criterium_id,
            "naam": self.naam.value,
            "vraag": self.vraag.value,
            "richting": self.richting.value,
            "gewicht": float(self.gewicht.value),
            "schaal_min": int(self.schaal_min.value),
            "schaal_max": int(self.schaal_max.value),
            "betekenis_min": self.betekenis_min.value,
            "betekenis_max": self.betekenis_max.value,
        }


def _kader_sleutel(model: WijkModel) -> tuple[str, str]:
    """What the editor was built from, to see whether someone else changed it."""
    return (model.criteria().to_json(), repr(sorted(model.kader().items())))


class KaderEditor(w.VBox):
    """Edit criteria (name, question, direction, weight, scale and its meanings), drempel
    and capaciteit; saved with one click through the model."""

    def __init__(self, model: WijkModel, melding: Melding | None = None) -> None:
        self.model = model
        self.melding = melding or Melding()
        self.rijen: list[CriteriumRij] = []
        self.lijst = w.VBox()
        self.drempel = w.BoundedFloatText(
            min=-1000, max=1000, step=0.1, description="Drempel", style=_ST
        )
        self.capaciteit = w.BoundedIntText(min=0, max=1000, description="Capaciteit", style=_ST)
        self.min_groepen = w.BoundedIntText(
            min=1, max=50, description="Min. groepen", style=_ST, layout=w.Layout(width="220px")
        )
        self.vereiste_groepen = w.Text(
            description="Vereiste groepen",
            placeholder="bijvoorbeeld: bewoners, projectteam",
            style={"description_width": "130px"},
            layout=w.Layout(width="480px"),
        )
        self.toevoegen = w.Button(layout=w.Layout(width="auto"), description="Criterium toevoegen")
        self.opslaan = w.Button(
            layout=w.Layout(width="auto"), description="Kader opslaan", button_style="primary"
        )
        self.opslaan.add_class("wa-kader-opslaan")
        guard = bewaakt(self.melding)
        self.toevoegen.on_click(guard(self._voeg_toe))
        self.opslaan.on_click(guard(self._opslaan))
        self._bevestig: set[int] = set()
        self._sleutel: tuple[str, str] | None = None
        self._bezig = False
        super().__init__(
            [
                w.HTML(
                    "<p>Spreek per criterium af wat de vraag is, of een hoge score goed of "
                    "slecht is, hoe zwaar het weegt en wat de uiteinden van de schaal "
                    "betekenen. De drempel is het totaal dat een onderwerp minstens moet "
                    "halen; de capaciteit is het aantal opgaven dat de aanpak aankan.</p>"
                ),
                self.lijst,
                self.toevoegen,
                w.HBox([self.drempel, self.capaciteit]),
                w.HTML(
                    "<p>Wanneer is een onderwerp volledig gescoord? Elk criterium moet scores "
                    "hebben van minstens zoveel groepen als hieronder staat, en van elke "
                    "vereiste groep (gescheiden door komma's). Een onderwerp dat niet "
                    "volledig is gescoord, krijgt geen plaats in de ranglijst.</p>"
                ),
                w.HBox([self.min_groepen, self.vereiste_groepen]),
                self.opslaan,
                self.melding,
            ]
        )
        model.observe(guard(self._model_veranderd), ["versie", "wijk"])
        self.ververs()

    def ververs(self) -> None:
        crit = self.model.criteria()
        kader = self.model.kader()
        self.rijen = [CriteriumRij(r) for r in crit.to_dict("records")]
        self.lijst.children = self.rijen
        self.drempel.value = float(kader["drempel"])
        self.capaciteit.value = int(kader["capaciteit"])
        self.min_groepen.value = int(kader["min_groepen"])
        self.vereiste_groepen.value = ", ".join(kader["vereiste_groepen"])
        self._bevestig = set()
        self._sleutel = _kader_sleutel(self.model)
        self._versie = self.model.kader_versie()

    def _model_veranderd(self, change: dict[str, Any]) -> None:
        # Keep unsaved edits unless the wijk changed or the kader itself was changed.
        if self._bezig:
            return
        if change["name"] == "wijk" or _kader_sleutel(self.model) != self._sleutel:
            self.ververs()

    def _voeg_toe(self, _b: Any = None) -> None:
        rij = CriteriumRij()
        self.rijen.append(rij)
        self.lijst.children = self.rijen

    def _opslaan(self, _b: Any = None) -> None:
        houden = [r for r in self.rijen if not r.verwijder.value]
        if not houden:
            self.melding.fout("Er moet minstens één criterium overblijven.")
            return
        weg = {r.criterium_id for r in self.rijen if r.verwijder.value} - {None}
        scores = self.model.scores()
        met_scores = {
            int(c): int(n)
            for c, n in scores[scores["criterium_id"].isin(weg)]
            .groupby("criterium_id")
            .size()
            .items()
        }
        if met_scores and set(met_scores) != self._bevestig:
            namen = ", ".join(
                f"'{r.naam.value}' ({met_scores[r.criterium_id]} scores)"
                for r in self.rijen
                if r.criterium_id in met_scores
            )
            self._bevestig = set(met_scores)
            self.melding.fout(
                f"Let op: {namen} verdwijnen met hun scores. Klik nog een keer op "
                "'Kader opslaan' als dat de bedoeling is."
            )
            return
        df = pd.DataFrame([r.waarden() for r in houden])
        df["volgorde"] = range(len(df))
        drempel, capaciteit = float(self.drempel.value), int(self.capaciteit.value)
        self._bezig = True
        try:
            self.model.zet_afwegingskader(
                df,
                drempel,
                capaciteit,
                verwijderen=weg,
                versie=self._versie,
                min_groepen=int(self.min_groepen.value),
                vereiste_groepen=self.vereiste_groepen.value,
            )
        except GelijktijdigFout as e:
            self.ververs()
            self.melding.fout(str(e))
            return
        finally:
            self._bezig = False
        self.ververs()
        self.melding.ok(
            f"Afwegingskader opgeslagen: {len(df)} criteria, drempel {drempel:g}, "
            f"capaciteit {capaciteit}."
        )


class PuntenVerdeler(w.VBox):
    """Set the weights by dividing 100 points over the criteria.

    'Verdeel' saves the points as weights only when exactly 100 points are divided.
    """

    def __init__(self, model: WijkModel, melding: Melding | None = None) -> None:
        self.model = model
        self.melding = melding or Melding()
        self.schuiven: dict[int, w.IntSlider] = {}
        self.lijst = w.VBox()
        self.rest = w.HTML()
        self.rest.add_class("wa-punten-rest")
        self.verdeel = w.Button(
            layout=w.Layout(width="auto"), description="Verdeel", button_style="primary"
        )
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
                style={"description_width": "220px"},
                layout=w.Layout(width="520px"),
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
            tekst = f"Nog te verdelen: {over} punten."
        elif over < 0:
            tekst = f"U heeft {-over} punten te veel verdeeld."
        else:
            tekst = f"Alle {TOTAAL_PUNTEN} punten zijn verdeeld."
        self.rest.value = f"<strong>{html.escape(tekst)}</strong>"

    def _verdeel(self, _b: Any = None) -> None:
        tot = self.totaal
        if tot != TOTAAL_PUNTEN:
            verschil = (
                f"er zijn nog {TOTAAL_PUNTEN - tot} over"
                if tot < TOTAAL_PUNTEN
                else f"dat zijn er {tot - TOTAAL_PUNTEN} te veel"
            )
            self.melding.fout(
                f"U heeft {tot} punten verdeeld; dat moeten er precies {TOTAAL_PUNTEN} zijn "
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


# ------------------------------------------------------------------------------ scoring


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
        self.groep = w.Combobox(
            description="Groep",
            options=STANDAARD_GROEPEN,
            value="projectteam",
            style=_ST,
            ensure_option=False,
        )
        self.knoppen: dict[int, w.ToggleButtons] = {}
        self.uitleg: dict[int, w.HTML] = {}
        self.rijen = w.VBox()
        self.bewaar = w.Button(
            layout=w.Layout(width="auto"), description="Scores opslaan", button_style="primary"
        )
        self.bewaar.add_class("wa-scores-opslaan")
        self.bewaar.on_click(bewaakt(melding)(self._bewaar))
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
            rijen.append(
                w.HBox([w.HTML(tekst, layout=w.Layout(width="45%")), w.VBox([k, gekozen])])
            )
        self.rijen.children = rijen

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
            if k.value != GEEN
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
        self.melding.ok(f"{n} scores opgeslagen voor {label}.")


class ScoreView(w.VBox):
    """The scoring form with its message line; follows the model."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding()
        self.formulier = ScoreFormulier(model, self.melding)
        self._sleutel = self._vorm()
        model.observe(bewaakt(self.melding)(self._model_veranderd), ["versie", "wijk"])
        super().__init__([self.formulier, self.melding])

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
            ]
        ]
        return (repr(sorted(sections.onderwerp_labels(self.model).items())), crit.to_json())

    def _model_veranderd(self, change: dict[str, Any]) -> None:
        vorm = self._vorm()
        if change["name"] == "wijk" or vorm != self._sleutel:
            self._sleutel = vorm
            self.formulier.ververs()


# ------------------------------------------------------------------------------ result


class ResultaatView(w.VBox):
    """Ranking, groups side by side, gaps, sensitivity and top koppelingen; redrawn after
    every write. ``figuren`` holds the figures last drawn (by name)."""

    def __init__(self, model: WijkModel, *, n_trekkingen: int = standaard.N_TREKKINGEN) -> None:
        self.model = model
        self.n_trekkingen = n_trekkingen
        self.melding = Melding()
        self.figuren: dict[str, go.Figure] = {}
        self._stil = False
        self.ranglijst = w.HTML()
        self.ranglijst.add_class("wa-resultaat")
        self.fig_ranglijst = w.Output()
        self.groep_a = w.Dropdown(description="Vergelijk", style={"description_width": "70px"})
        self.groep_b = w.Dropdown(description="met", style={"description_width": "40px"})
        self.grens = w.BoundedFloatText(
            value=1.0, min=0, max=100, step=0.5, description="Verschil >",
            style={"description_width": "70px"}, layout=w.Layout(width="170px"),
        )  # fmt: skip
        self.fig_groepen = w.Output()
        self.onenigheid = w.HTML()
        self.nog_niet = w.HTML()
        self.fig_gevoeligheid = w.Output()
        self.kleinste = w.HTML()
        self.top = w.HTML()
        self.herleiding = w.HTML()
        self.formule = w.HTML(sections.formule().data)
        guard = bewaakt(self.melding)
        for knop in (self.groep_a, self.groep_b, self.grens):
            knop.observe(guard(lambda _c: self._ververs_groepen()), "value")
        self.tabs = w.Tab(
            children=[
                w.VBox([self.ranglijst, self.fig_ranglijst]),
                w.VBox(
                    [
                        w.HBox([self.groep_a, self.groep_b, self.grens]),
                        self.fig_groepen,
                        self.onenigheid,
                        w.HTML("<h4>Wie heeft wat nog niet gescoord?</h4>"),
                        self.nog_niet,
                    ]
                ),
                w.VBox([self.fig_gevoeligheid, self.kleinste]),
                self.top,
                w.VBox([self.herleiding, self.formule]),
            ]
        )
        for i, t in enumerate(
            ("Ranglijst", "Groepen", "Gevoeligheid", "Beste koppelingen", "Berekening")
        ):
            self.tabs.set_title(i, t)
        super().__init__([self.melding, self.tabs])
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        self.ververs()

    @staticmethod
    def _toon(uit: w.Output, fig: go.Figure) -> None:
        if get_ipython() is None:  # no kernel (tests, scripts): keep only ``figuren``
            return
        toon(uit, fig)

    def ververs(self) -> None:
        res = sections.bereken_afweging(self.model, n_trekkingen=self.n_trekkingen)
        self.ranglijst.value = sections.ranglijst_tabel(self.model, res).data
        self.figuren["ranglijst"] = sections.ranglijst_figuur(self.model, res)
        self._toon(self.fig_ranglijst, self.figuren["ranglijst"])
        self.figuren["gevoeligheid"] = sections.gevoeligheid_figuur(self.model, res)
        self._toon(self.fig_gevoeligheid, self.figuren["gevoeligheid"])
        self.kleinste.value = sections.kleinste_wijziging_tabel(self.model, res).data
        self.top.value = sections.top_koppelingen_tabel(self.model, res).data
        self.herleiding.value = sections.herleiding_tabel(self.model, res).data
        self.nog_niet.value = sections.nog_niet_gescoord_tabel(self.model).data
        groepen = sections.groepen(self.model)
        a, b = self.groep_a.value, self.groep_b.value
        self._stil = True
        try:
            self.groep_a.options = groepen
            self.groep_b.options = groepen
            self.groep_a.value = a if a in groepen else "projectteam"
            self.groep_b.value = b if b in groepen else "bewoners"
        finally:
            self._stil = False
        self._ververs_groepen()

    def _ververs_groepen(self) -> None:
        if self._stil or self.groep_a.value is None or self.groep_b.value is None:
            return
        grens = float(self.grens.value)
        self.figuren["groepen"] = sections.groepen_figuur(self.model, grens=grens)
        self._toon(self.fig_groepen, self.figuren["groepen"])
        if self.groep_a.value == self.groep_b.value:
            self.onenigheid.value = "<p><em>Kies twee verschillende groepen.</em></p>"
            return
        self.onenigheid.value = sections.onenigheid_tabel(
            self.model, self.groep_a.value, self.groep_b.value, grens
        ).data


# ------------------------------------------------------------------------------ all of step 3


class AfwegingView(w.VBox):
    """Steps 3 and 4 in one view (the dashboard's 'Scores' tab): kader, scoring, result and
    besluiten, each following the model."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.kader = KaderEditor(model)
        self.punten = PuntenVerdeler(model)
        self.scoren = ScoreView(model)
        self.formulier = self.scoren.formulier
        self.melding = self.scoren.melding
        self.resultaat = ResultaatView(model)
        self.besluiten = BesluitenView(model)
        kader = w.Accordion(
            children=[self.kader, self.punten],
            titles=("Criteria, schaal en drempel", "Gewichten: verdeel 100 punten"),
        )
        kader.selected_index = None
        super().__init__(
            [
                w.HTML("<h3>Afwegingskader</h3>"),
                kader,
                w.HTML("<h3>Scoren</h3>"),
                self.scoren,
                w.HTML("<h3>Resultaat</h3>"),
                self.resultaat,
                w.HTML("<h3>Besluiten</h3>"),
                self.besluiten,
            ]
        )
