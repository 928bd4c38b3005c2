"""The afwegingskader editor: criteria (name, question, direction, weight, scale and what
its ends mean), drempel, capaciteit and the completeness rule.

Part of step 3; see :mod:`wijkanalyse.widgets.afweging`.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from ..afweging import gemeenschappelijke_schaal
from ..core import validation
from ..core.errors import GelijktijdigFout, InvoerFout
from ..core.nl_format import aantal, getal
from ..core.vocabulary import RICHTINGEN
from ..model import WijkModel
from ..store.kader import GELDT_VOOR, KaderWijziging, kader_wijziging, standaard_geldt_voor
from .common import VELD_STIJL as _ST
from .common import GetalVeld, Melding, bewaakt, knop


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
        self.gewicht = GetalVeld(
            float(rij.get("gewicht", 1.0)), minimum=0, description="Gewicht", style=_ST
        )
        self.schaal_min = GetalVeld(
            int(rij.get("schaal_min", 1)), heel=True, description="Schaal van", style=_ST
        )
        self.schaal_max = GetalVeld(
            int(rij.get("schaal_max", 5)), heel=True, description="tot en met", style=_ST
        )
        # what the lowest and the highest score mean
        self.betekenis_min, self.betekenis_max = (
            w.Text(
                value=str(rij.get(f"betekenis_{kant}", "")),
                description=f"{woord.capitalize()} =",
                placeholder=f"wat betekent de {woord} score?",
                style=_ST,
                layout=lay,
            )
            for kant, woord in (("min", "laagste"), ("max", "hoogste"))
        )
        voor = rij.get("geldt_voor")
        self.geldt_voor = w.Dropdown(
            options=[(woorden, sleutel) for sleutel, woorden in GELDT_VOOR.items()],
            value=voor if voor in GELDT_VOOR else standaard_geldt_voor(str(rij.get("naam", ""))),
            description="Geldt voor",
            style=_ST,
        )
        self.geldt_voor.add_class("wa-geldt-voor")
        self.verwijder = w.Checkbox(value=False, description="Verwijderen", indent=False)
        super().__init__(
            [
                w.HBox([self.naam, self.richting, self.gewicht, self.verwijder]),
                self.vraag,
                w.HBox([self.schaal_min, self.schaal_max, self.geldt_voor]),
                w.HBox([self.betekenis_min, self.betekenis_max]),
            ],
            layout=w.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"),
        )
        self.add_class("wa-criterium")

    def waarden(self) -> dict[str, Any]:
        """The fields as the store takes them; InvoerFout naming the criterium and the field
        when a number cannot be read or is out of range."""
        try:
            gewicht = self.gewicht.lees()
            lo, hi = validation.schaal(self.schaal_min.lees(), self.schaal_max.lees())
        except InvoerFout as e:
            naam = self.naam.value.strip() or "nieuw criterium"
            raise InvoerFout(f"Criterium '{naam}', {e.melding[0].lower()}{e.melding[1:]}") from None
        return {
            "id": self.criterium_id,
            "naam": self.naam.value,
            "vraag": self.vraag.value,
            "richting": self.richting.value,
            "gewicht": float(gewicht),
            "schaal_min": int(lo),
            "schaal_max": int(hi),
            "betekenis_min": self.betekenis_min.value,
            "betekenis_max": self.betekenis_max.value,
            "geldt_voor": self.geldt_voor.value,
        }


def _kader_sleutel(model: WijkModel) -> tuple[str, str]:
    """What the editor was built from, to see whether someone else changed it."""
    return (model.criteria().to_json(), repr(sorted(model.kader().items())))


class KaderEditor(w.VBox):
    """Edit criteria (name, question, direction, weight, scale and its meanings), drempel
    and capaciteit; saved with one click through the model."""

    def __init__(self, model: WijkModel, melding: Melding | None = None) -> None:
        self.model = model
        self.melding = melding or Melding(wijk_van=model)
        self.rijen: list[CriteriumRij] = []
        self.lijst = w.VBox()
        self.drempel = GetalVeld(
            description="Drempel", style=_ST, melding=self.melding, reden="de schaal van het kader"
        )
        self.capaciteit = GetalVeld(
            heel=True, minimum=0, description="Capaciteit", style=_ST, melding=self.melding
        )
        self.min_groepen = GetalVeld(
            heel=True,
            minimum=1,
            maximum=50,
            description="Min. groepen",
            style=_ST,
            layout=w.Layout(width="220px"),
            melding=self.melding,
        )
        self.vereiste_groepen = w.Text(
            description="Vereiste groepen",
            placeholder="bijvoorbeeld: bewoners, projectteam",
            style={"description_width": "130px"},
            layout=w.Layout(width="480px"),
        )
        self.toevoegen = knop("Criterium toevoegen")
        self.opslaan = knop("Kader opslaan", "primary")
        self.opslaan.add_class("wa-kader-opslaan")
        guard = bewaakt(self.melding)
        self.toevoegen.on_click(guard(self._voeg_toe))
        self.opslaan.on_click(guard(self._opslaan))
        self._bevestig: set[int] = set()
        self._sleutel: tuple[str, str] | None = None
        self._bezig = False
        self.kopie = KaderKopie(model)
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
                self.kopie,
            ]
        )
        model.observe(guard(self._model_veranderd), ["versie", "wijk"])
        self.ververs()

    def ververs(self) -> None:
        crit = self.model.criteria()
        kader = self.model.kader()
        self.rijen = [CriteriumRij(r) for r in crit.to_dict("records")]
        self.lijst.children = self.rijen
        self.drempel.grenzen(*gemeenschappelijke_schaal(crit))
        self.drempel.getal = float(kader["drempel"])
        self.capaciteit.getal = int(kader["capaciteit"])
        self.min_groepen.getal = int(kader["min_groepen"])
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
        weg = {
            r.criterium_id for r in self.rijen if r.verwijder.value and r.criterium_id is not None
        }
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
                f"'{r.naam.value}' ({aantal(met_scores[r.criterium_id], 'score', 'scores')})"
                for r in self.rijen
                if r.criterium_id in met_scores
            )
            self._bevestig = set(met_scores)
            self.melding.fout(
                f"Let op: {namen} verdwijnen met hun scores. Klik nog een keer op "
                "'Kader opslaan' als dat de bedoeling is."
            )
            return
        df = pd.DataFrame([r.waarden() for r in houden])  # refuses before anything is saved
        df["volgorde"] = range(len(df))
        self.drempel.grenzen(*gemeenschappelijke_schaal(df))
        drempel, capaciteit = float(self.drempel.lees()), int(self.capaciteit.lees())
        min_groepen = int(self.min_groepen.lees())
        oud_criteria, oud_kader = self.model.criteria(), self.model.kader()
        gelijk_voor = [n for n, v in self.model.kader_verschillen().items() if not v]
        self._bezig = True
        try:
            self.model.zet_afwegingskader(
                df,
                drempel,
                capaciteit,
                verwijderen=weg,
                versie=self._versie,
                min_groepen=min_groepen,
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
            f"Afwegingskader opgeslagen: {aantal(len(df), 'criterium', 'criteria')}, "
            f"drempel {getal(drempel)}, capaciteit {capaciteit}."
        )
        wijziging = kader_wijziging(
            self.model.wijk, oud_criteria, oud_kader, self.model.criteria(), self.model.kader()
        )
        self.kopie.aanbod.bied_aan(wijziging, gelijk_voor)


class KaderKopie(w.VBox):
    """Copy this wijk's afwegingskader to other wijken of the workspace (all or chosen):
    lists per wijk what would change, so a change here is offered to the others."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        self.wijken = w.SelectMultiple(
            description="Naar wijken", style=_ST, layout=w.Layout(width="420px", height="110px")
        )
        self.alle = knop("Kies alle wijken")
        self.kopieer = knop("Kader kopiëren naar gekozen wijken")
        self.kopieer.add_class("wa-kader-kopieer")
        self.verschillen = w.HTML()
        guard = bewaakt(self.melding)
        self.alle.on_click(guard(self._kies_alle))
        self.kopieer.on_click(guard(self._kopieer))
        self.aanbod = AanbodKaderWijziging(model, self.melding)
        super().__init__(
            [
                self.aanbod,
                w.HTML(
                    "<h4>Dit kader ook in andere wijken</h4><p>Criteria met dezelfde naam "
                    "worden bijgewerkt en houden hun scores; een criterium dat hier niet "
                    "staat, vervalt daar als niemand het scoorde. Drempel, capaciteit en "
                    "volledigheidsregel gaan mee.</p>"
                ),
                self.verschillen,
                w.HBox([self.wijken, w.VBox([self.alle, self.kopieer])]),
                self.melding,
            ]
        )
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        self.ververs()

    def ververs(self) -> None:
        verschil = self.model.kader_verschillen()
        gekozen = [n for n in self.wijken.value if n in verschil]
        self.wijken.options = list(verschil)
        self.wijken.value = gekozen
        anders = {n: v for n, v in verschil.items() if v}
        if not verschil:
            self.verschillen.value = "<p>Deze werkruimte heeft geen andere wijken.</p>"
        elif not anders:
            self.verschillen.value = "<p>Alle andere wijken hebben hetzelfde kader.</p>"
        else:
            regels = "".join(
                f"<li><strong>{html.escape(n)}</strong>: {html.escape('; '.join(v))}</li>"
                for n, v in anders.items()
            )
            self.verschillen.value = (
                f"<p>Kopiëren zou dit veranderen:</p><ul class='wa-kader-verschillen'>{regels}</ul>"
            )

    def _kies_alle(self, _b: Any = None) -> None:
        self.wijken.value = tuple(self.wijken.options)

    def _kopieer(self, _b: Any = None) -> None:
        naar = list(self.wijken.value)
        if not naar:
            self.melding.fout("Kies eerst een of meer wijken.")
            return
        uit = self.model.kopieer_kader(naar)
        veranderd = [n for n, v in uit.items() if v]
        if not veranderd:
            self.melding.ok("Die wijken hadden dit kader al; er is niets veranderd.")
            return
        al = [n for n in naar if n not in veranderd]
        self.melding.ok(
            f"Kader gekopieerd naar {', '.join(veranderd)}"
            + (f" ({', '.join(al)} had het al)." if al else ".")
        )


def _en(namen: list[str]) -> str:
    """Names as a Dutch list: 'A', 'A en B', 'A, B en C'."""
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


class AanbodKaderWijziging(w.VBox):
    """After a kader change is saved in one wijk: which other wijken had the same kader before
    it (or differed), what applying the same change would do in each, and one click to apply
    it to all or to the chosen ones (one history entry, so one undo, per wijk)."""

    def __init__(self, model: WijkModel, melding: Melding) -> None:
        self.model = model
        self.melding = melding
        self.wijziging: KaderWijziging | None = None
        self.gelijk_voor: list[str] = []
        self.tekst = w.HTML()
        self.tekst.add_class("wa-kader-aanbod")
        self.wijken = w.SelectMultiple(
            description="Wijken", style=_ST, layout=w.Layout(width="420px", height="110px")
        )
        self.alle = knop("Doorvoeren in alle wijken")
        self.alle.add_class("wa-aanbod-alle")
        self.gekozen = knop("Doorvoeren in gekozen wijken")
        self.gekozen.add_class("wa-aanbod-gekozen")
        self.niet = knop("Niet doorvoeren")
        guard = bewaakt(melding)
        self.alle.on_click(guard(lambda _b: self._voer_door(list(self.wijken.options))))
        self.gekozen.on_click(guard(lambda _b: self._voer_door(list(self.wijken.value))))
        self.niet.on_click(guard(lambda _b: self.sluit()))
        super().__init__(
            [self.tekst, w.HBox([self.wijken, w.VBox([self.alle, self.gekozen, self.niet])])],
            layout=w.Layout(display="none", border="2px solid #2f7fc1", padding="4px 8px"),
        )
        model.observe(guard(lambda _c: self.sluit()), ["wijk"])
        model.observe(guard(lambda _c: self.ververs()), ["versie"])

    def bied_aan(self, wijziging: KaderWijziging, gelijk_voor: list[str]) -> None:
        """Offer ``wijziging`` (just saved in this wijk) to the other wijken; ``gelijk_voor``:
        the wijken whose kader was the same as this wijk's before it."""
        self.wijziging, self.gelijk_voor = (wijziging or None), list(gelijk_voor)
        self.ververs()
        self.wijken.value = tuple(n for n in self.wijken.options if n in self.gelijk_voor)

    def sluit(self) -> None:
        self.wijziging = None
        self.layout.display = "none"

    def ververs(self) -> None:
        if self.wijziging is None or self.wijziging.van != self.model.wijk:
            self.sluit()
            return
        per_wijk = self.model.kader_wijziging_verschillen(self.wijziging)
        anders = {n: v for n, v in per_wijk.items() if v}
        if not anders:
            self.sluit()
            return
        gekozen = [n for n in self.wijken.value if n in anders]
        self.wijken.options = list(anders)
        self.wijken.value = gekozen
        self.alle.description = (
            f"Doorvoeren in {'de wijk' if len(anders) == 1 else f'alle {len(anders)} wijken'}"
        )
        self.tekst.value = self._tekst(per_wijk, anders)
        self.layout.display = None

    def _tekst(self, per_wijk: dict[str, list[str]], anders: dict[str, list[str]]) -> str:
        assert self.wijziging is not None
        e = html.escape
        van = self.wijziging.van
        gelijk = [n for n in per_wijk if n in self.gelijk_voor]
        verschil = [n for n in per_wijk if n not in self.gelijk_voor]
        delen = [
            "<h4>Deze wijziging ook in andere wijken?</h4>",
            f"<p>U heeft het kader van {e(van)} gewijzigd: "
            f"{e('; '.join(self.wijziging.zinnen))}.</p>",
        ]
        over = []
        if gelijk:
            over.append(
                f"{e(_en(gelijk))} {'had' if len(gelijk) == 1 else 'hadden'} vóór deze "
                f"wijziging hetzelfde kader als {e(van)}"
            )
        if verschil:
            over.append(
                f"{e(_en(verschil))} {'had' if len(verschil) == 1 else 'hadden'} al een ander "
                "kader (wat daar anders is en deze wijziging niet raakt, blijft staan)"
            )
        delen.append(f"<p>{'; '.join(over)}.</p>")
        regels = "".join(
            f"<li><strong>{e(n)}</strong>"
            f" ({'had hetzelfde kader' if n in self.gelijk_voor else 'had een ander kader'}): "
            f"{e('; '.join(v))}</li>"
            for n, v in anders.items()
        )
        delen.append(f"<p>Doorvoeren verandert per wijk:</p><ul>{regels}</ul>")
        al = [n for n, v in per_wijk.items() if not v]
        if al:
            delen.append(f"<p>{e(_en(al))}: heeft dit al, daar verandert niets.</p>")
        if self.wijziging.weg:
            delen.append(
                "<p>Scores gaan niet verloren: een criterium dat hier vervalt, blijft in een "
                "wijk waar het al gescoord is staan, met zijn scores; alleen waar niemand het "
                "scoorde, vervalt het.</p>"
            )
        delen.append(
            "<p>Elke wijk krijgt één regel in haar historie en kan de wijziging daar apart "
            "ongedaan maken.</p>"
        )
        return "".join(delen)

    def _voer_door(self, naar: list[str]) -> None:
        wijziging = self.wijziging
        if wijziging is None:
            return
        if not naar:
            self.melding.fout("Kies eerst een of meer wijken om de wijziging door te voeren.")
            return
        uit = self.model.pas_kader_wijziging_toe(wijziging, naar)  # redraws this offer
        veranderd = [n for n, v in uit.items() if v]
        if veranderd:
            self.melding.ok(
                f"Wijziging van het kader van {wijziging.van} doorgevoerd in "
                f"{_en(veranderd)}. Ongedaan maken kan per wijk, in haar historie."
            )
        else:
            self.melding.ok("Die wijken hadden deze wijziging al; er is niets veranderd.")
