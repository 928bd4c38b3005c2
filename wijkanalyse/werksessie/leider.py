"""The facilitator's page: join panel with QR codes, the agenda of rounds, live results,
the export and the besluitenlog. Large type for a projector; a presentation mode hides
every control.

Only a request with the session's random key gets this page; any other request (a
participant who edits the URL) gets a refusal and nothing of the session.
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..core import config
from ..core.errors import InvoerFout, WijkanalyseFout
from ..core.nl_format import html_tekst as e
from ..databank import werksessie as opslag
from ..databank.live import Wachter
from ..server import verzoek
from . import moderatie, resultaten, vooraf, vragen
from .agenda import Agenda
from .klok import Klok

CSS = """<style>
.wa-leider { font-size: 20px; }
.wa-leider h1 { font-size: 1.8em; margin: .2em 0; }
.wa-leider h2 { font-size: 1.4em; margin: .8em 0 .3em; }
.wa-leider h3 { font-size: 1.15em; margin: .8em 0 .2em; }
.wa-leider .wa-tabel { border-collapse: collapse; margin: .3em 0; }
.wa-leider .wa-tabel td, .wa-leider .wa-tabel th { padding: 3px 10px; border-bottom: 1px solid #bbb;
  text-align: left; vertical-align: top; }
.wa-leider .wa-groep { border: 2px solid #5a5a5a; border-radius: 8px; padding: .5em 1em;
  margin: .3em; width: auto; }
.wa-leider .wa-groep code { font-size: .85em; word-break: break-all; }
.wa-leider button { font-size: .9em; min-height: 2.4em; }
.wa-leider .wa-scroll { overflow-x: auto; }
.wa-leider .widget-button, .wa-leider .widget-toggle-button { width: auto; padding: 0 1em; }
.wa-leider .wa-groepen > .widget-html { width: auto; }
.wa-presentatie .wa-bediening { display: none !important; }
@media (max-width: 700px) {
  .wa-leider { font-size: 16px; }
  .wa-leider .widget-inline-hbox, .wa-leider .widget-hbox { flex-wrap: wrap;
    max-width: 100% !important; }
  .wa-leider .widget-inline-hbox { width: 100% !important; }
  .wa-leider .widget-inline-hbox input, .wa-leider .widget-inline-hbox select,
  .wa-leider .widget-inline-hbox textarea { min-width: 0; max-width: 100%; flex: 1 1 10em; }
  .wa-leider .widget-inline-hbox .widget-label { max-width: 100%; }
  .wa-leider .wa-groep { max-width: 100%; box-sizing: border-box; margin: .3em 0; }
  .wa-leider .wa-groep svg { max-width: 100%; height: auto; }
  .wa-leider .wa-tabel, .wa-leider .wa-tabel tbody, .wa-leider .wa-tabel tr,
  .wa-leider .wa-tabel td { display: block; width: auto; }
  .wa-leider .wa-tabel thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  .wa-leider .wa-tabel tr { border-bottom: 1px solid #bbb; padding: .2em 0; }
  .wa-leider .wa-tabel td { border: 0; padding: 1px 4px; overflow-wrap: anywhere; }
  .wa-leider .wa-tabel td::before { content: attr(data-kop) ": "; font-weight: bold; }
}
</style>"""


def deelnemer_url(basis: str, code: str) -> str:
    return f"{basis.rstrip('/')}/voila/render/deelnemer.ipynb?groep={code}"


def beamer_url(basis: str, sleutel: str) -> str:
    """The beamer's page (served by the werksessie's server itself, no kernel): behind the
    facilitator's key, like the facilitator's page."""
    return f"{basis.rstrip('/')}/werksessie/beamer?sleutel={sleutel}"


@functools.lru_cache(maxsize=64)
def qr_svg(url: str, titel: str) -> str:
    """An offline QR code as inline SVG (segno), with a text alternative."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=5, title=titel, border=2)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{e(titel)}" ', 1)


class Leiderpagina(w.VBox):
    def __init__(self, db: Path | str, sessie_id: int, sleutel: str, basis_url: str) -> None:
        self.db = str(db)
        self.sessie_id = sessie_id
        self.basis_url = basis_url
        self._con = opslag.verbind(db)
        super().__init__([w.HTML(CSS)])
        self.add_class("wa-leider")
        if not opslag.sleutel_klopt(self._con, sessie_id, sleutel):
            self.children = [
                w.HTML(CSS),
                w.HTML(
                    "<h1>Geen toegang</h1><p role='alert'>Deze pagina is alleen voor de "
                    "gespreksleider. Gebruik de link van uw groep om mee te doen.</p>"
                ),
            ]
            self.add_class("wa-geen-toegang")
            return
        self.sessie = opslag.sessie_con(self._con, sessie_id)
        self.kop = w.HTML()
        self.melding = w.HTML()
        self.presentatie = w.ToggleButton(
            description="Presentatiemodus",
            value=False,
            tooltip="Verberg alle knoppen voor de beamer",
        )
        self.presentatie.add_class("wa-presentatie-knop")
        self.presentatie.observe(self._presentatie, "value")
        self.namen = w.Checkbox(  # no indent, own width: the label was cut to "to…"
            description="Namen van deelnemers tonen",
            value=bool(self.sessie["namen_tonen"]),
            indent=False,
            layout={"width": "auto"},
        )
        self.namen.observe(self._namen, "value")
        self.deelname = w.HBox(layout={"flex_flow": "row wrap"})
        self.deelname.add_class("wa-groepen")
        self.agenda = w.VBox()
        self._agenda = Agenda(
            self.agenda, self._ronde_rij, "<p>Nog geen rondes. Voeg hieronder de eerste toe.</p>"
        )
        self.bevestiging = w.VBox()
        self.bevestiging.add_class("wa-bediening")
        self.nieuw = self._nieuwe_ronde()
        self.bekeken: int | None = None
        self._na_doe = ""
        self.live = w.HTML()
        self.live.add_class("wa-live")
        self.overnemen = w.VBox()
        self.overnemen.add_class("wa-bediening")
        self.overnemen.add_class("wa-overnemen")
        self._overnemen_sleutel: tuple[Any, ...] = ()
        self.export = self._export()
        self.besluiten = w.Accordion(children=[w.VBox()], titles=("Besluitenlog",))
        self.besluiten.selected_index = None
        self.besluiten.observe(self._bouw_besluiten, "selected_index")
        self.besluiten.add_class("wa-bediening")
        bediening = w.HBox([self.presentatie, self.namen])
        self.beamer = self._beamer_bediening(sleutel)
        self.timer = self._timer_bediening()
        self.children = [
            w.HTML(CSS),
            self.kop,
            bediening,
            self.beamer,
            self.melding,
            w.HTML("<h2>Meedoen</h2>"),
            self.deelname,
            w.HTML("<h2>Agenda</h2>"),
            self.agenda,
            self.bevestiging,
            self.timer,
            self.nieuw,
            self.live,
            self.overnemen,
            self.export,
            self.besluiten,
        ]
        self.wachter = Wachter(db, self.sessie["wijk_id"])
        self.wachter.bij_wijziging(self.ververs)
        self.ververs()
        self.wachter.start()

    # controls ----------------------------------------------------------------------------
    def _beamer_bediening(self, sleutel: str) -> w.HBox:
        """What the beamer shows: a link to open it, the round on it (or the open round), and
        the join QR codes large or folded into a corner."""
        url = beamer_url(self.basis_url, sleutel)
        link = w.HTML(
            f"<a class='wa-beamer-link' href='{e(url)}' target='_blank' rel='noopener'>"
            "Beamerscherm openen</a>"
        )
        self._beamer_stil = False
        self.beamer_ronde = w.Dropdown(
            options=[("De open ronde (volgt vanzelf)", 0)],
            value=0,
            description="Op de beamer",
            style={"description_width": "7em"},
            layout={"width": "30em"},
        )
        self.beamer_ronde.add_class("wa-beamer-ronde")
        self.beamer_qr = w.ToggleButton(
            description="QR-codes groot op de beamer",
            value=False,
            layout={"width": "auto"},
        )
        self.beamer_qr.add_class("wa-beamer-qr")

        def kies(change) -> None:
            if not self._beamer_stil:
                kies_ronde = change["new"] or None
                self._doe(lambda: opslag.zet_beamer(self.db, self.sessie_id, ronde_id=kies_ronde))

        def qr(change) -> None:
            if not self._beamer_stil:
                groot = bool(change["new"])
                self._doe(lambda: opslag.zet_beamer(self.db, self.sessie_id, qr=groot))

        self.beamer_ronde.observe(kies, "value")
        self.beamer_qr.observe(qr, "value")
        vak = w.HBox(
            [link, self.beamer_ronde, self.beamer_qr],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )
        vak.add_class("wa-bediening")
        vak.add_class("wa-beamer")
        return vak

    def _timer_bediening(self) -> w.VBox:
        """A timer for the open round: minutes, whether the round then closes by itself
        (the server closes it, whether this page is open or not), start and stop."""
        self.timer_minuten = w.BoundedFloatText(
            value=3,
            min=0.2,
            max=240,
            step=0.5,
            description="Minuten",
            style={"description_width": "5em"},
            layout={"width": "12em"},
        )
        self.timer_minuten.add_class("wa-timer-minuten")
        self.timer_sluit = w.Checkbox(
            value=True,
            description="Ronde sluiten als de tijd om is",
            indent=False,
            layout={"width": "auto"},
        )
        self.timer_sluit.add_class("wa-timer-sluit")
        start = w.Button(description="Timer starten", layout={"width": "auto"})
        start.add_class("wa-timer-start")
        stop = w.Button(description="Timer stoppen", layout={"width": "auto"})
        stop.add_class("wa-timer-stop")
        self._open_id: int | None = None

        def begin(_b) -> None:
            if self._open_id is not None:
                rid, sec = self._open_id, round(self.timer_minuten.value * 60)
                auto = self.timer_sluit.value
                self._doe(lambda: opslag.start_timer(self.db, rid, sec, auto_sluiten=auto))

        def eind(_b) -> None:
            if self._open_id is not None:
                self._doe(opslag.stop_timer, self.db, self._open_id)

        start.on_click(begin)
        stop.on_click(eind)
        self.klok = Klok(w.HTML(), "wa-klok")
        vak = w.VBox(
            [
                w.HTML("<h3>Timer voor de open ronde</h3>"),
                w.HBox(
                    [self.timer_minuten, self.timer_sluit, start, stop],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ),
                self.klok.widget,
            ],
            layout={"display": "none"},
        )
        vak.add_class("wa-bediening")
        vak.add_class("wa-timer")
        return vak

    def _toon_beamer_keuze(self, rondes: list[dict[str, Any]]) -> None:
        gekozen, qr = opslag.beamer_keuze(self._con, self.sessie_id)
        opties = [("De open ronde (volgt vanzelf)", 0)] + [
            (f"Ronde {r['volgorde']}: {r['titel']}", r["id"]) for r in rondes
        ]
        self._beamer_stil = True
        try:
            if list(self.beamer_ronde.options) != opties:
                self.beamer_ronde.options = opties
            waarde = gekozen if gekozen in {o[1] for o in opties} else 0
            if self.beamer_ronde.value != waarde:
                self.beamer_ronde.value = waarde
            if self.beamer_qr.value != qr:
                self.beamer_qr.value = qr
        finally:
            self._beamer_stil = False

    def _presentatie(self, change) -> None:
        (self.add_class if change["new"] else self.remove_class)("wa-presentatie")

    def _namen(self, change) -> None:
        opslag.zet_namen_tonen(self.db, self.sessie_id, change["new"])

    def _fout(self, ex: Exception) -> None:
        self.melding.value = f"<p class='wa-fout' role='alert'>{e(ex)}</p>"

    def _doe(self, fn, *args) -> None:
        try:
            fn(*args)
        except WijkanalyseFout as ex:
            self._fout(ex)
            return
        self.melding.value, self._na_doe = self._na_doe, ""
        if not self.wachter.controleer():
            self.ververs()

    def _nieuwe_ronde(self) -> w.VBox:
        self.soort = w.Dropdown(
            options=[(v, k) for k, v in (opslag.RONDE_SOORTEN | vragen.SOORTEN).items()],
            description="Soort ronde",
            style={"description_width": "8em"},
            layout={"width": "32em"},
        )
        self.onderwerp_keuze = w.SelectMultiple(
            description="Onderwerpen",
            rows=8,
            style={"description_width": "8em"},
            layout={"width": "95%"},
        )
        self.ronde_titel = w.Text(
            description="Titel (mag leeg)",
            style={"description_width": "8em"},
            layout={"width": "32em"},
        )
        self.ronde_titel.add_class("wa-ronde-titel")
        knop = w.Button(
            description="Ronde toevoegen",
            button_style="primary",
            layout={"align_self": "flex-start"},
        )
        knop.add_class("wa-ronde-toevoegen")
        self.instellingen = self._instellingen()
        self.ronde_knop = knop
        self.bewerkt: int | None = None
        self._opnieuw_waarden: dict[int, int] = {}
        self.nieuw_kop = w.HTML("<h3>Nieuwe ronde</h3>")
        self.annuleer = w.Button(description="Annuleren", layout={"display": "none"})
        self.annuleer.add_class("wa-bewerk-annuleren")
        self.annuleer.on_click(lambda _b: self._stop_bewerken())
        self.soort.observe(lambda _c: self._vul_onderwerpen(), "value")
        knop.on_click(lambda _b: self._doe(self._voeg_ronde_toe))
        vak = w.VBox(
            [
                self.nieuw_kop,
                self.soort,
                self.onderwerp_keuze,
                self.instellingen,
                self.ronde_titel,
                w.HBox([knop, self.annuleer]),
            ]
        )
        vak.add_class("wa-bediening")
        vak.add_class("wa-nieuwe-ronde")
        return vak

    def _instellingen(self) -> w.VBox:
        """The settings of a question round: how to vote, the top-N, the 2×2's axes."""
        stijl = {"style": {"description_width": "12em"}, "layout": {"width": "32em"}}
        self.stem_modus = w.Dropdown(
            options=[(v, k) for k, v in vragen.STEM_MODI.items()],
            description="Stemmen met",
            **stijl,
        )
        self.stippen = w.BoundedIntText(
            value=3, min=1, max=vragen.MAX_STIPPEN, description="Stippen per persoon", **stijl
        )
        self.top = w.BoundedIntText(value=3, min=1, max=50, description="Top", **stijl)
        self.as_x = w.Text(value=vragen.STANDAARD_ASSEN[0], description="Eerste as", **stijl)
        self.as_y = w.Text(value=vragen.STANDAARD_ASSEN[1], description="Tweede as", **stijl)
        self.stem_modus.observe(lambda _c: self._toon_instellingen(), "value")
        vak = w.VBox()
        vak.add_class("wa-instellingen")
        return vak

    def _toon_instellingen(self) -> None:
        soort = self.soort.value
        if soort == "stemmen":
            velden = (
                [self.stem_modus]
                + ([self.stippen] if self.stem_modus.value == "stippen" else [])
                + [self.top]
            )
        elif soort == "tweebijtwee":
            velden = [self.as_x, self.as_y]
        else:
            velden = []
        if list(self.instellingen.children) != velden:
            self.instellingen.children = velden

    def _vul_onderwerpen(self) -> None:
        wid = self.sessie["wijk_id"]
        self._toon_instellingen()
        if self.soort.value == "opgaven":
            opties: list[tuple[str, Any]] = []
        elif self.soort.value == "kansen":
            opties = [(k["titel"], k["id"]) for k in opslag.koppelingen(self._con, wid)]
        elif self.soort.value in ("punten", "paarsgewijs"):
            opties = [
                (f"Criterium: {c['naam']}", ("criterium", c["id"]))
                for c in opslag.criteria(self._con, wid)
            ]
        elif self.soort.value == "stemmen":
            opties = [
                (f"Voorstel: {v['tekst']}", ("voorstel", v["id"]))
                for v in opslag.voorstellen(self._con, self.sessie_id)
            ]
            opties += [
                (f"Koppeling: {k['titel']}", ("koppeling", k["id"]))
                for k in opslag.koppelingen(self._con, wid)
            ]
            opties += [
                (f"Opgave: {o['titel']}", ("opgave", o["id"]))
                for o in opslag.opgaven(self._con, wid)
            ]
        else:
            opties = [
                (f"Opgave: {o['titel']}", ("opgave", o["id"]))
                for o in opslag.opgaven(self._con, wid)
            ]
            opties += [
                (f"Koppeling: {k['titel']}", ("koppeling", k["id"]))
                for k in opslag.koppelingen(self._con, wid)
            ]
        if list(self.onderwerp_keuze.options) != opties:
            gekozen = [v for v in self.onderwerp_keuze.value if v in {o[1] for o in opties}]
            self.onderwerp_keuze.options = opties
            self.onderwerp_keuze.value = tuple(gekozen)
        self.onderwerp_keuze.disabled = self.soort.value == "opgaven"

    def _voeg_ronde_toe(self) -> None:
        if self.bewerkt is not None:
            opslag.bewerk_ronde(
                self.db,
                self.bewerkt,
                titel=self.ronde_titel.value,
                onderwerpen=list(self.onderwerp_keuze.value),
            )
            self._stop_bewerken()
            return
        soort = self.soort.value
        gekozen = list(self.onderwerp_keuze.value)
        if soort in vragen.SOORTEN:
            if soort in ("punten", "paarsgewijs") and not gekozen:
                gekozen = [v for _l, v in self.onderwerp_keuze.options]  # none chosen: all
            instellingen = {
                "modus": self.stem_modus.value,
                "stippen": self.stippen.value,
                "top": self.top.value,
                "as_x": self.as_x.value,
                "as_y": self.as_y.value,
            }
            rid = vragen.voeg_vraagronde_toe(
                self.db, self.sessie_id, soort, gekozen, instellingen, self.ronde_titel.value
            )
        else:
            rid = opslag.voeg_ronde_toe(
                self.db, self.sessie_id, soort, gekozen, self.ronde_titel.value
            )
        self.bekeken = rid
        self.ronde_titel.value = ""
        self.onderwerp_keuze.value = ()

    def _bewerk(self, r: dict[str, Any]) -> None:
        """Load a planned round into the form above, to change it before it opens."""
        self.bewerkt = r["id"]
        self.soort.value = r["soort"]
        self.soort.disabled = True
        self._vul_onderwerpen()
        waarden = (
            r["onderwerpen"] if r["soort"] == "kansen" else [tuple(x) for x in r["onderwerpen"]]
        )
        bekend = {o[1] for o in self.onderwerp_keuze.options}
        self.onderwerp_keuze.value = tuple(v for v in waarden if v in bekend)
        self.ronde_titel.value = r["titel"]
        self.nieuw_kop.value = f"<h3>Ronde {r['volgorde']} wijzigen</h3>"
        self.ronde_knop.description = "Wijzigingen opslaan"
        self.annuleer.layout.display = None

    def _stop_bewerken(self) -> None:
        self.bewerkt = None
        self.soort.disabled = False
        self.ronde_titel.value = ""
        self.onderwerp_keuze.value = ()
        self.nieuw_kop.value = "<h3>Nieuwe ronde</h3>"
        self.ronde_knop.description = "Ronde toevoegen"
        self.annuleer.layout.display = "none"

    def _vraag_verwijderen(self, r: dict[str, Any]) -> None:
        """Delete a round at once when it has no answers; else first ask, in Dutch, naming
        how many answers go with it."""
        aantallen = opslag.antwoorden_bij_ronde(self._con, r["id"])
        n = sum(aantallen.values())
        if not n:
            self._doe(opslag.verwijder_ronde, self.db, r["id"])
            return
        ja = w.Button(
            description=f"Ja, ronde en {n} {'antwoord' if n == 1 else 'antwoorden'} verwijderen",
            button_style="danger",
            layout={"width": "auto"},
        )
        ja.add_class("wa-verwijder-ja")
        nee = w.Button(description="Nee, laten staan", layout={"width": "auto"})

        def weg(_b) -> None:
            self.bevestiging.children = []
            self._doe(lambda: opslag.verwijder_ronde(self.db, r["id"], bevestigd=n))

        ja.on_click(weg)
        nee.on_click(lambda _b: setattr(self.bevestiging, "children", []))
        vraag = w.HTML(
            f"<p class='wa-vraag-verwijderen' role='alert'>"
            f"{e(opslag.verwijder_vraag(r, aantallen))}</p>"
        )
        self.bevestiging.children = [vraag, w.HBox([ja, nee])]

    def _ronde_rij(self, r: dict[str, Any]) -> w.HBox:
        status = {"gepland": "gepland", "open": "OPEN", "gesloten": "gesloten"}[r["status"]]
        label = w.HTML(
            f"<strong>{r['volgorde']}. {e(r['titel'])}</strong> — {status}"
            + (" · resultaten zichtbaar" if r["resultaten_zichtbaar"] else "")
        )
        knoppen = []
        if r["status"] != "open":
            b = w.Button(description="Openen", tooltip=f"Ronde {r['volgorde']} openen")
            b.add_class("wa-openen")
            b.on_click(lambda _b, rid=r["id"]: self._doe(self._open, rid))
            knoppen.append(b)
        else:
            b = w.Button(
                description="Sluiten",
                tooltip=f"Ronde {r['volgorde']} sluiten",
            )
            b.add_class("wa-sluiten")
            b.on_click(
                lambda _b, rid=r["id"]: self._doe(opslag.zet_ronde_status, self.db, rid, "gesloten")
            )
            knoppen.append(b)
        zicht = w.Button(
            description="Resultaten verbergen" if r["resultaten_zichtbaar"] else "Resultaten tonen",
            tooltip=f"Resultaten van ronde {r['volgorde']} voor deelnemers",
        )
        zicht.add_class("wa-zichtbaar")
        zicht.on_click(
            lambda _b, rid=r["id"], nu=r["resultaten_zichtbaar"]: self._doe(
                opslag.zet_resultaten_zichtbaar, self.db, rid, not nu
            )
        )
        bekijk = w.Button(description="Bekijken", tooltip=f"Resultaten van ronde {r['volgorde']}")
        bekijk.on_click(lambda _b, rid=r["id"]: self._bekijk(rid))
        knoppen += [zicht, bekijk]
        if r["soort"] == "scores" and r["status"] != "gepland":
            aantal = self._opnieuw_aantal(r)
            opnieuw = w.Button(
                description="Opnieuw scoren",
                tooltip=f"Nieuwe ronde met de onderwerpen waarover ronde {r['volgorde']} het "
                "meest verschilt",
            )
            opnieuw.add_class("wa-opnieuw")
            opnieuw.on_click(
                lambda _b, rid=r["id"], a=aantal: self._doe(self._opnieuw, rid, a.value)
            )
            knoppen += [aantal, opnieuw]
        n = r["volgorde"]
        for tekst, tip, klasse, actie in (
            (
                "↑",
                f"Ronde {n} eerder",
                "wa-eerder",
                lambda rid=r["id"]: self._doe(opslag.verplaats_ronde, self.db, rid, -1),
            ),
            (
                "↓",
                f"Ronde {n} later",
                "wa-later",
                lambda rid=r["id"]: self._doe(opslag.verplaats_ronde, self.db, rid, 1),
            ),
            (
                "Dupliceren",
                f"Ronde {n} dupliceren",
                "wa-dupliceer",
                lambda rid=r["id"]: self._doe(opslag.dupliceer_ronde, self.db, rid),
            ),
            (
                "Verwijderen",
                f"Ronde {n} verwijderen",
                "wa-verwijder",
                lambda r=r: self._vraag_verwijderen(r),
            ),
        ):
            b = w.Button(description=tekst, tooltip=tip, layout={"width": "auto"})
            b.add_class(klasse)
            b.on_click(lambda _b, actie=actie: actie())
            knoppen.append(b)
        if r["status"] == "gepland":
            b = w.Button(
                description="Wijzigen", tooltip=f"Ronde {n} wijzigen", layout={"width": "auto"}
            )
            b.add_class("wa-wijzig")
            b.on_click(lambda _b, r=r: self._bewerk(r))
            knoppen.append(b)
        bak = w.HBox(knoppen, layout={"flex_flow": "row wrap"})
        bak.add_class("wa-bediening")
        rij = w.HBox([label, bak], layout={"flex_flow": "row wrap", "align_items": "center"})
        rij.add_class("wa-ronde")
        return rij

    def _open(self, rid: int) -> None:
        opslag.zet_ronde_status(self.db, rid, "open")
        self.bekeken = rid

    def _opnieuw_aantal(self, r: dict[str, Any]) -> w.BoundedIntText:
        """How many subjects to score again (default 3, 1 up to all of the round's). A new
        field with each new row of the round (the agenda closes a replaced row with its
        widgets); the number typed is remembered per round, so it stays."""
        n = max(1, len(r["onderwerpen"]))
        veld = w.BoundedIntText(
            value=min(self._opnieuw_waarden.get(r["id"], 3), n),
            min=1,
            max=n,
            description="Aantal onderwerpen",
            tooltip=f"Hoeveel onderwerpen van ronde {r['volgorde']} opnieuw scoren",
            style={"description_width": "initial"},
            layout={"width": "14em"},
        )
        veld.add_class("wa-opnieuw-aantal")
        veld.observe(
            lambda ch, rid=r["id"]: self._opnieuw_waarden.__setitem__(rid, ch["new"]),
            names="value",
        )
        return veld

    def _opnieuw(self, rid: int, aantal: int = 3) -> None:
        from .vraagsoorten import opnieuw

        self.bekeken = opnieuw.maak_ronde(self.db, rid, aantal)

    def _bekijk(self, rid: int) -> None:
        self.bekeken = rid
        self.ververs()

    # what everyone sees -------------------------------------------------------------------
    def groep_html(self, g: dict, mensen: list[dict] | None = None) -> str:
        """A group's block: its QR code, its link and how many have joined."""
        if mensen is None:
            mensen = opslag.deelnemers(self._con, self.sessie_id)
        url = deelnemer_url(self.basis_url, g["code"])
        n = sum(d["groep"] == g["naam"] for d in mensen)
        qr = qr_svg(url, "QR-code voor groep " + g["naam"])
        return (
            f"<div class='wa-groep'><h3>Groep {e(g['naam'])}</h3>{qr}"
            f"<p><code>{e(url)}</code></p><p class='wa-aantal'><strong>{n}</strong> "
            f"{'deelnemer' if n == 1 else 'deelnemers'}</p></div>"
        )

    def ververs(self) -> None:
        con = self._con
        self.sessie = opslag.sessie_con(con, self.sessie_id)
        s = self.sessie
        fictief = " — fictief voorbeeld" if s["fictief"] else ""
        self._zet(
            self.kop, f"<h1>Werksessie {e(s['wijk'])}</h1><p>{e(s['gemeente'])}{e(fictief)}</p>"
        )
        mensen = opslag.deelnemers(con, self.sessie_id)
        if len(self.deelname.children) != len(s["groepen"]):
            self._groep_html = [w.HTML() for _ in s["groepen"]]
            self.deelname.children = self._groep_html
        for vak, g in zip(self._groep_html, s["groepen"], strict=True):
            self._zet(vak, self.groep_html(g, mensen))
        rondes = opslag.rondes(con, self.sessie_id)
        self._toon_beamer_keuze(rondes)
        self._agenda.toon(rondes)  # only new or changed rounds get a new row
        self._vul_onderwerpen()
        open_ = [r for r in rondes if r["status"] == "open"]
        self._open_id = open_[0]["id"] if open_ else None
        self.timer.layout.display = "flex" if open_ else "none"
        self.klok.zet(open_[0] if open_ else None)
        ids = {r["id"]: r for r in rondes}
        if self.bekeken not in ids:
            self.bekeken = (open_ or rondes or [{"id": None}])[-1]["id"]
        if self.bekeken is None:
            self._zet(self.live, "")
        else:
            ronde = ids[self.bekeken]
            html_ = resultaten.ronde_html(self.db, con, s, ronde)
            self._zet(self.live, "<div class='wa-scroll'>" + html_ + "</div>")
            self._toon_overnemen(con, ronde)

    def _toon_overnemen(self, con, ronde: dict[str, Any]) -> None:
        """Proposals the facilitator can hide, reword, merge, and take into the workspace's
        inventory (one click each); likely duplicates are pointed out with a merge button.
        For a gewichten round: its weights into the kader."""
        if ronde["soort"] in ("punten", "paarsgewijs"):
            sleutel: tuple[Any, ...] = ("gewichten", ronde["id"])
            if sleutel != self._overnemen_sleutel:
                self._overnemen_sleutel = sleutel
                knop = w.Button(
                    description="Gewichten overnemen in het afwegingskader",
                    tooltip="De gewichten van alle groepen samen worden de gewichten van het kader",
                    layout={"width": "auto"},
                )
                knop.add_class("wa-gewichten-overnemen")
                knop.on_click(lambda _b, rid=ronde["id"]: self._doe(self._neem_gewichten_over, rid))
                self.overnemen.children = [w.HTML("<h3>Gewichten vastleggen</h3>"), knop]
            return
        alle = (
            []
            if ronde["soort"] not in ("opgaven", "kansen")
            else opslag.voorstellen(con, self.sessie_id, ronde["id"])
        )
        open_ = [v for v in alle if not v["overgenomen"]]
        sleutel = tuple(
            (v["id"], v["tekst"], v["verborgen"], v["samengevoegd_in"], v["overgenomen"])
            for v in alle
        )
        if sleutel == self._overnemen_sleutel:
            return
        self._overnemen_sleutel = sleutel
        rijen: list[w.Widget] = []
        zichtbaar = opslag.zichtbare_voorstellen(open_)
        if open_:
            rijen.append(w.HTML("<h3>Voorstellen modereren en overnemen</h3>"))
        teksten = {v["id"]: v["tekst"] for v in alle}
        for groep in moderatie.dubbelen(zichtbaar):
            namen = " en ".join(f"“{e(teksten[i])}”" for i in groep)
            knop = w.Button(
                description="Samenvoegen",
                tooltip=f"Samenvoegen tot “{teksten[groep[0]]}”",
                layout={"width": "auto"},
            )
            knop.add_class("wa-voeg-samen")
            knop.on_click(
                lambda _b, g=groep: self._doe(opslag.voeg_voorstellen_samen, self.db, g[0], g[1:])
            )
            hint = w.HTML(f"<span class='wa-dubbel'>Mogelijk dubbel: {namen}</span>")
            rijen.append(w.HBox([hint, knop], layout={"flex_flow": "row wrap"}))
        self._samen_keuze: dict[int, w.Checkbox] = {}
        for v in zichtbaar:
            rijen.append(self._voorstel_rij(v))
        if len(zichtbaar) >= 2:
            samen = w.Button(
                description="Aangevinkte samenvoegen",
                tooltip="Aangevinkte voorstellen samenvoegen tot het eerste",
                layout={"width": "auto"},
            )
            samen.add_class("wa-voeg-gekozen-samen")
            samen.on_click(lambda _b: self._doe(self._voeg_gekozen_samen))
            rijen.append(samen)
        verborgen = [v for v in open_ if v["verborgen"] and v["samengevoegd_in"] is None]
        for v in verborgen:
            knop = w.Button(description="Weer tonen", tooltip=f"Weer tonen: {v['tekst']}")
            knop.add_class("wa-toon-weer")
            knop.on_click(
                lambda _b, v=v: self._doe(opslag.verberg_voorstel, self.db, v["id"], False)
            )
            rijen.append(w.HBox([knop, w.HTML(f"<span><s>{e(v['tekst'])}</s> (verborgen)</span>")]))
        self.overnemen.children = rijen

    def _neem_gewichten_over(self, rid: int) -> None:
        from .vraagsoorten import gewichten

        nieuw = gewichten.overnemen(self.db, rid)
        namen = {c["id"]: c["naam"] for c in opslag.criteria(self._con, self.sessie["wijk_id"])}
        lijst = ", ".join(f"{namen.get(c, c)} {str(g).replace('.', ',')}" for c, g in nieuw.items())
        self._na_doe = (
            f"<p class='wa-ok' role='status'>Gewichten overgenomen in het afwegingskader: "
            f"{e(lijst)}. In de geschiedenis van de wijk kunt u dit ongedaan maken.</p>"
        )

    def _voorstel_rij(self, v: dict[str, Any]) -> w.HBox:
        """One proposal: take over, hide, reword, tick for merging; who proposed it."""
        knop = w.Button(description="Overnemen", tooltip=f"Overnemen: {v['tekst']}")
        knop.add_class("wa-neem-over")
        knop.on_click(lambda _b, v=v: self._doe(self._neem_over, v))
        verberg = w.Button(description="Verbergen", tooltip=f"Verbergen: {v['tekst']}")
        verberg.add_class("wa-verberg")
        verberg.on_click(lambda _b, v=v: self._doe(opslag.verberg_voorstel, self.db, v["id"]))
        tekst = w.Text(
            value=v["tekst"],
            description="Voorstel",
            layout={"width": "28em"},
            style={"description_width": "5em"},
        )
        tekst.add_class("wa-voorstel-tekst")
        bewaar = w.Button(description="Tekst opslaan", tooltip=f"Tekst opslaan: {v['tekst']}")
        bewaar.add_class("wa-bewerk")
        bewaar.on_click(
            lambda _b, v=v, t=tekst: self._doe(opslag.bewerk_voorstel, self.db, v["id"], t.value)
        )
        kies = w.Checkbox(
            value=False, description="samenvoegen", indent=False, layout={"width": "auto"}
        )
        kies.add_class("wa-kies-samen")
        self._samen_keuze[v["id"]] = kies
        soort = "" if v["soort"] == "opgave" else f"{v['soort']} · "
        van = ", ".join(
            f"{g} ({n})" if self.sessie["namen_tonen"] else g for g, n in v["indieners"]
        )
        info = w.HTML(f"<span class='wa-indieners'>{e(soort)}van {e(van)}</span>")
        rij = w.HBox(
            [knop, verberg, tekst, bewaar, kies, info],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )
        rij.add_class("wa-moderatie")
        return rij

    def _voeg_gekozen_samen(self) -> None:
        ids = [i for i, c in self._samen_keuze.items() if c.value]
        if len(ids) < 2:
            raise InvoerFout("Vink minstens twee voorstellen aan om samen te voegen.")
        opslag.voeg_voorstellen_samen(self.db, ids[0], ids[1:])

    def _neem_over(self, v: dict[str, Any]) -> None:
        from .. import store

        if v["soort"] == "opgave":
            store.voeg_opgave_toe(
                self.db,
                self.sessie["wijk"],
                titel=v["tekst"],
                transitie=v["transitie"] or "overig",
                beschrijving=v["toelichting"],
            )
        else:
            store.voeg_item_toe(
                self.db,
                int(v["koppeling_id"]),
                soort=v["soort"],
                tekst=v["tekst"],
                interventie=v["toelichting"],
            )
        opslag.markeer_overgenomen(self.db, v["id"])

    @staticmethod
    def _zet(widget: w.HTML, waarde: str) -> None:
        if widget.value != waarde:  # no flicker: untouched when nothing changed
            widget.value = waarde

    # export and decisions ------------------------------------------------------------------
    def _export(self) -> w.VBox:
        knop = w.Button(description="Sessie exporteren (Excel)")
        knop.add_class("wa-export")
        self.export_link = w.HTML()

        def maak(_b) -> None:
            data = resultaten.export_xlsx(self.db, self.sessie_id)
            map_ = config.REPORTS_DIR / "werksessies"
            map_.mkdir(parents=True, exist_ok=True)
            naam = f"werksessie-{config.slug(self.sessie['wijk'])}-{self.sessie_id}.xlsx"
            (map_ / naam).write_bytes(data)
            b64 = base64.b64encode(data).decode()
            self.export_link.value = (
                f"<p><a download='{e(naam)}' href='data:application/vnd.openxmlformats-"
                f"officedocument.spreadsheetml.sheet;base64,{b64}'>Download {e(naam)}</a> "
                f"(ook bewaard in reports/werksessies/)</p>"
            )

        knop.on_click(maak)
        samen = w.Button(description="Samenvatting tonen", layout={"width": "auto"})
        samen.add_class("wa-samenvatting-knop")
        self.samenvatting = w.HTML()

        def vat_samen(_b) -> None:
            from . import samenvatting

            self.samenvatting.value = samenvatting.html_(self.db, self.sessie_id)

        samen.on_click(vat_samen)
        bediening = w.VBox([w.HTML("<h2>Afronden</h2>"), w.HBox([samen, knop]), self.export_link])
        bediening.add_class("wa-bediening")
        # the summary itself stays in presentation mode: it is for the room
        return w.VBox([bediening, self.samenvatting])

    def _bouw_besluiten(self, change) -> None:
        if change["new"] != 0 or self.besluiten.children[0].children:
            return
        from ..model import open_wijk
        from ..widgets.besluiten import BesluitenView

        self.besluiten.children = [w.VBox([BesluitenView(open_wijk(self.sessie["wijk"], self.db))])]


def voor_verzoek(werkruimte: str = "", sessie: int = 0) -> Leiderpagina:
    verzoek.wacht_op_verzoek()
    db = werkruimte or os.environ.get("WIJKANALYSE_DB", "")
    sessie_id = int(sessie or os.environ.get("WIJKANALYSE_SESSIE", "0"))
    basis = os.environ.get("WIJKANALYSE_DEELNEMER_BASIS", "")
    pagina = Leiderpagina(db, sessie_id, verzoek.parameters().get("sleutel", ""), basis)
    vooraf.toon(leider_html(pagina))
    return pagina


def leider_html(pagina: Leiderpagina) -> str:
    """The facilitator page's first screen: the heading and, per group, its QR code and
    link, so the room can join while the controls load."""
    if not hasattr(pagina, "sessie"):  # wrong key: the page says so itself
        return ""
    groepen = "".join(pagina.groep_html(g) for g in pagina.sessie["groepen"])
    # When the first group's heading is painted (Element Timing: benchmarks/bench_pagina.py).
    groepen = groepen.replace("<h3>", "<h3 elementtiming='wa-vooraf'>", 1)
    return (
        f"{CSS}{vooraf.CSS}<main class='wa-leider wa-leider-vooraf wa-vooraf' "
        f"data-wa-vooraf='leider'>{pagina.kop.value}<h2>Meedoen</h2>"
        f"<div class='wa-groepen'>{groepen}</div>"
        "<p class='wa-vooraf-bericht' role='status'>De bediening wordt geladen…</p></main>"
    )
