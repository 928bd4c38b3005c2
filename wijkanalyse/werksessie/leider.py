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

from .. import config
from ..databank import werksessie as opslag
from ..databank.live import Wachter
from ..errors import WijkanalyseFout
from ..nl_format import html_tekst as e
from . import resultaten, verzoek, vooraf

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
        self.nieuw = self._nieuwe_ronde()
        self.bekeken: int | None = None
        self.live = w.HTML()
        self.live.add_class("wa-live")
        self.overnemen = w.VBox()
        self.overnemen.add_class("wa-bediening")
        self.overnemen.add_class("wa-overnemen")
        self._overnemen_sleutel: tuple = ()
        self.export = self._export()
        self.besluiten = w.Accordion(children=[w.VBox()], titles=("Besluitenlog",))
        self.besluiten.selected_index = None
        self.besluiten.observe(self._bouw_besluiten, "selected_index")
        self.besluiten.add_class("wa-bediening")
        bediening = w.HBox([self.presentatie, self.namen])
        self.children = [
            w.HTML(CSS),
            self.kop,
            bediening,
            self.melding,
            w.HTML("<h2>Meedoen</h2>"),
            self.deelname,
            w.HTML("<h2>Agenda</h2>"),
            self.agenda,
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
        self.melding.value = ""
        if not self.wachter.controleer():
            self.ververs()

    def _nieuwe_ronde(self) -> w.VBox:
        self.soort = w.Dropdown(
            options=[(v, k) for k, v in opslag.RONDE_SOORTEN.items()],
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
        knop = w.Button(
            description="Ronde toevoegen",
            button_style="primary",
            layout={"align_self": "flex-start"},
        )
        knop.add_class("wa-ronde-toevoegen")
        self.soort.observe(lambda _c: self._vul_onderwerpen(), "value")
        knop.on_click(lambda _b: self._doe(self._voeg_ronde_toe))
        vak = w.VBox(
            [
                w.HTML("<h3>Nieuwe ronde</h3>"),
                self.soort,
                self.onderwerp_keuze,
                self.ronde_titel,
                knop,
            ]
        )
        vak.add_class("wa-bediening")
        vak.add_class("wa-nieuwe-ronde")
        return vak

    def _vul_onderwerpen(self) -> None:
        wid = self.sessie["wijk_id"]
        if self.soort.value == "opgaven":
            opties: list[tuple[str, Any]] = []
        elif self.soort.value == "kansen":
            opties = [(k["titel"], k["id"]) for k in opslag.koppelingen(self._con, wid)]
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
        rid = opslag.voeg_ronde_toe(
            self.db,
            self.sessie_id,
            self.soort.value,
            list(self.onderwerp_keuze.value),
            self.ronde_titel.value,
        )
        self.bekeken = rid
        self.ronde_titel.value = ""
        self.onderwerp_keuze.value = ()

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
        bak = w.HBox(knoppen)
        bak.add_class("wa-bediening")
        rij = w.HBox([label, bak], layout={"flex_flow": "row wrap", "align_items": "center"})
        rij.add_class("wa-ronde")
        return rij

    def _open(self, rid: int) -> None:
        opslag.zet_ronde_status(self.db, rid, "open")
        self.bekeken = rid

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
        self.agenda.children = [self._ronde_rij(r) for r in rondes] or [
            w.HTML("<p>Nog geen rondes. Voeg hieronder de eerste toe.</p>")
        ]
        self._vul_onderwerpen()
        open_ = [r for r in rondes if r["status"] == "open"]
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
        """Proposals the facilitator can take into the workspace's inventory, one click each."""
        open_ = (
            []
            if ronde["soort"] == "scores"
            else [
                v
                for v in opslag.voorstellen(con, self.sessie_id, ronde["id"])
                if not v["overgenomen"]
            ]
        )
        sleutel = tuple(v["id"] for v in open_)
        if sleutel == self._overnemen_sleutel:
            return
        self._overnemen_sleutel = sleutel
        rijen: list[w.Widget] = []
        if open_:
            rijen.append(w.HTML("<h3>Voorstellen overnemen in de inventarisatie</h3>"))
        for v in open_:
            knop = w.Button(description="Overnemen", tooltip=f"Overnemen: {v['tekst']}")
            knop.add_class("wa-neem-over")
            knop.on_click(lambda _b, v=v: self._doe(self._neem_over, v))
            soort = "" if v["soort"] == "opgave" else f"{v['soort']}: "
            rijen.append(w.HBox([knop, w.HTML(f"<span>{e(soort)}{e(v['tekst'])}</span>")]))
        self.overnemen.children = rijen

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
        vak = w.VBox([w.HTML("<h2>Afronden</h2>"), knop, self.export_link])
        vak.add_class("wa-bediening")
        return vak

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
