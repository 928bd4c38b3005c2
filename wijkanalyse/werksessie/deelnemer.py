"""The participant's page: join from a group link, answer what the open round asks.

Imports only ipywidgets and the werksessie's own small modules (no pandas, no plotly), so
every phone's kernel stays small. Each answer is saved the moment it is given; changing it
replaces it. The page follows the workspace through :class:`~.live.Wachter`: a round that
opens or closes, results the facilitator shows, a subject someone removed — it all appears
within a second, without a reload and without touching what is being typed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..core.errors import InvoerFout, WijkanalyseFout
from ..core.nl_format import html_tekst as e
from ..databank import werksessie as opslag
from ..databank.live import Wachter
from ..server import verzoek
from . import formulieren, vooraf, vragen
from .eigen_voorstellen import eigen_voorstel_html, voorstel_html
from .klok import Klok
from .uitslag import vraag_uitslag_html

CSS = """<style>
.wa-ws { font-size: 18px; max-width: 46em; margin: 0 auto; }
.wa-ws h1 { font-size: 1.5em; margin: .2em 0; }
.wa-ws h2 { font-size: 1.25em; margin: .6em 0 .2em; }
.wa-ws .wa-kaart { border: 2px solid #5a5a5a; border-radius: 8px; padding: .6em .8em;
  margin: .6em 0; background: #fff; width: auto; }
.wa-ws .wa-uitleg { color: #333; font-size: .9em; }
.wa-ws .wa-status { font-size: 1.05em; padding: .5em .8em; border-left: 6px solid #005a9c;
  background: #eef4fa; margin: .4em 0; }
.wa-ws .wa-status.wa-dicht { border-color: #8a4b00; background: #fff1de; }
.wa-ws .widget-toggle-buttons .widget-toggle-button { min-width: 3em; height: 3em;
  font-size: 1.1em; }
.wa-ws button { font-size: 1em; min-height: 2.6em; }
.wa-ws input, .wa-ws textarea, .wa-ws select { font-size: 1em; }
.wa-ws .wa-ok { color: #1b5e20; font-weight: bold; }
.wa-ws .wa-fout { color: #a30000; font-weight: bold; }
.wa-ws table { border-collapse: collapse; }
.wa-ws td, .wa-ws th { padding: 2px 8px; border-bottom: 1px solid #ccc; text-align: left; }
.wa-ws .widget-text, .wa-ws .widget-textarea, .wa-ws .widget-dropdown { width: 100%; }
.wa-ws .jupyter-widgets.widget-inline-hbox .widget-label { min-width: 6em; }
.wa-verborgen { display: none; }
.wa-ws .widget-button, .wa-ws .widget-toggle-button { width: auto; }
.wa-ws .widget-button { min-width: 8em; padding: 0 1em; }
.wa-ws h3 { font-size: 1.05em; margin: .5em 0 .1em; }
.wa-ws .widget-inline-hbox { flex-wrap: wrap; max-width: 100%; }
.wa-ws .widget-inline-hbox input, .wa-ws .widget-inline-hbox textarea,
.wa-ws .widget-inline-hbox select { min-width: 0; flex: 1 1 12em; max-width: 100%; }
.wa-ws .wa-knoppen, .wa-ws .wa-eigen-rij { flex-wrap: wrap; gap: .3em; }
.wa-ws .wa-eigen-rij { align-items: center; border-bottom: 1px solid #ccc; padding: .2em 0; }
.wa-ws .wa-voorstel { flex: 1 1 12em; min-width: 0; overflow-wrap: anywhere; }
.wa-ws .wa-teller { font-size: .85em; margin: -.2em 0 .3em; }
.wa-ws .wa-schaal .widget-toggle-button { background: #fff; color: #1a1a1a;
  border: 2px solid #5a5a5a; }
.wa-ws .wa-schaal .widget-toggle-button.mod-active { background: #003d6b; color: #fff;
  border: 3px solid #000; font-weight: bold; box-shadow: none; }
.wa-ws .wa-schaal .widget-toggle-button.mod-active::before { content: "✓"; }
.wa-ws .wa-kans-soort .widget-toggle-button.mod-active { background: #003d6b; color: #fff; }
.wa-ws .wa-kans-soort .widget-toggle-button.mod-active::before { content: "✓ "; }
.wa-ws .wa-bezig { color: #5a3a00; font-weight: bold; }
.wa-ws ul.wa-uitslag { margin: .1em 0 .4em; padding-left: 1.2em; }
@media (max-width: 500px) { .wa-ws { font-size: 17px; }
  #rendered_cells > div { padding: 1ex 1.2ex !important; }
  .wa-ws .wa-kaart { padding: .4em .5em; }
  .wa-ws .widget-toggle-buttons .widget-toggle-button { min-width: 2.5em; margin: 2px; } }
</style>"""


def melding(widget: w.HTML, tekst: str, soort: str = "ok") -> None:
    widget.value = f'<p class="wa-{soort}" role="status">{e(tekst)}</p>'


class Deelnemerpagina(w.VBox):
    def __init__(self, db: Path | str, sessie_id: int, code: str, token: str = "") -> None:
        self.db = str(db)
        self.sessie_id = sessie_id
        self._con = opslag.verbind(db)
        self.sessie = opslag.sessie_con(self._con, sessie_id)
        # None for an unknown code / before joining; every use is behind a check (Any: the
        # checks are in other methods, where a type checker cannot follow them)
        self.groep: Any = opslag.groep_voor_code(self._con, sessie_id, code)
        self.deelnemer: Any = opslag.deelnemer(self._con, sessie_id, token) if token else None
        self.kop = w.HTML()
        self.status = w.HTML()
        self.klok = Klok(w.HTML())
        self.melding = w.HTML()
        self.inhoud = w.VBox()
        self.resultaten = w.HTML()
        self.wachter: Wachter | None = None
        self._eigen: w.VBox | None = None
        self._eigen_sleutel: tuple = ()
        self._ronde_sleutel: tuple | None = None
        # (soort, id, criterium_id) -> (ToggleButtons, status HTML) of the open scoring round
        self._knoppen: dict[tuple[str, int, int], tuple[w.ToggleButtons, w.HTML, str]] = {}
        self._volgnummer = 0
        self._synchroniseer = False
        self._getypt_bij_sluiten = False
        super().__init__(
            [
                w.HTML(CSS + formulieren.CSS),
                self.kop,
                self.status,
                self.klok.widget,
                self.melding,
                self.inhoud,
                self.resultaten,
            ]
        )
        self.add_class("wa-ws")
        self.add_class("wa-deelnemer")
        if self.groep is None and self.deelnemer is None:
            self.kop.value = "<h1>Werksessie</h1>"
            melding(
                self.status,
                "Deze link hoort bij geen groep van de lopende werksessie. Vraag de "
                "gespreksleider om de juiste link of QR-code.",
                "fout",
            )
            return
        self.wachter = Wachter(db, self.sessie["wijk_id"])
        self.wachter.bij_wijziging(self.ververs)
        if self.deelnemer is None:
            self._aanmelden()
        else:
            self._na_aanmelden()
        self.wachter.start()

    # joining ---------------------------------------------------------------------------
    def _kop(self) -> None:
        wijk = e(self.sessie["wijk"])
        if self.deelnemer:
            wie = (
                f"U doet mee als <strong>{e(self.deelnemer['naam'])}</strong> in groep "
                f"<strong>{e(self.deelnemer['groep'])}</strong>."
            )
        else:
            wie = f"Groep <strong>{e(self.groep['naam'])}</strong>."
        fictief = " (fictief voorbeeld)" if self.sessie["fictief"] else ""
        self.kop.value = f"<h1>Werksessie {wijk}{e(fictief)}</h1><p>{wie}</p>"

    def _aanmelden(self) -> None:
        self._kop()
        self.naam = w.Text(placeholder="bijv. Fatima", description="Uw naam")
        self.naam.add_class("wa-naam")
        mee = w.Button(description="Meedoen", button_style="primary")
        mee.add_class("wa-meedoen")
        anoniem = w.Button(description="Anoniem meedoen")
        anoniem.add_class("wa-anoniem")
        mee.on_click(lambda _b: self._meld_aan(self.naam.value))
        anoniem.on_click(lambda _b: self._meld_aan(""))
        self.status.value = (
            '<p class="wa-status">Welkom! Vul uw naam in, of doe anoniem mee. Uw naam ziet '
            "alleen de gespreksleider, en alleen als die dat aanzet.</p>"
        )
        knoppen = w.HBox([mee, anoniem])
        knoppen.add_class("wa-knoppen")
        self.inhoud.children = [self.naam, teller(self.naam, opslag.MAX_NAAM), knoppen]

    def _meld_aan(self, naam: str) -> None:
        try:
            self.deelnemer = opslag.meld_aan(self.db, self.sessie_id, self.groep["id"], naam)
        except WijkanalyseFout as ex:
            melding(self.melding, voor_de_pagina(ex, {"naam": "Uw naam"}), "fout")
            return
        self.melding.value = ""
        self._na_aanmelden()

    def _na_aanmelden(self) -> None:
        # The page's script stores the token in a cookie: a reload, a second tab or a lost
        # connection comes back as the same participant.
        self._kop()
        self.kop.value += (
            f'<span class="wa-token" data-sessie="{int(self.sessie_id)}" '
            f'data-token="{e(self.deelnemer["token"])}" hidden></span>'
        )
        self._ronde_sleutel = None
        self._getypt_bij_sluiten = False
        self.ververs()

    # the open round ----------------------------------------------------------------------
    def ververs(self) -> None:
        if self.deelnemer is None:
            return
        con = self._con
        ronde = opslag.open_ronde(con, self.sessie_id)
        self.klok.zet(ronde)
        if ronde is None:
            self._geen_ronde(con)
            return
        onderwerpen = opslag.onderwerpen(con, ronde)
        crit = opslag.criteria(con, self.sessie["wijk_id"]) if ronde["soort"] == "scores" else []
        sleutel = (
            ronde["id"],
            tuple((o["soort"], o["id"], o["titel"]) for o in onderwerpen),
            tuple((c["id"], c["naam"], c["schaal_min"], c["schaal_max"]) for c in crit),
        )
        if sleutel != self._ronde_sleutel:
            vorige = self._ronde_sleutel
            self._ronde_sleutel = sleutel
            self._gesloten_ronde = None
            self._bouw(ronde, onderwerpen, crit)
            if vorige is not None and vorige[0] == ronde["id"]:
                weg = {t for *_x, t in vorige[1]} - {t for *_x, t in sleutel[1]}
                weg_c = {n for _i, n, *_r in vorige[2]} - {n for _i, n, *_r in sleutel[2]}
                if weg or weg_c:
                    melding(
                        self.melding,
                        "Intussen verwijderd door de gespreksleider: "
                        + ", ".join(sorted(weg | weg_c))
                        + ". Uw andere antwoorden staan nog.",
                        "fout",
                    )
        elif ronde["soort"] == "scores":
            self._toon_eigen_scores(ronde)
        elif ronde["soort"] in ("opgaven", "kansen") and self._eigen is not None:
            self._ververs_eigen(ronde, na_wijziging=True)
        self.status.value = (
            f'<p class="wa-status" role="status">Open ronde: <strong>{e(ronde["titel"])}'
            "</strong>. Uw antwoorden worden meteen bewaard; u kunt ze wijzigen zolang de "
            "ronde open is. Pas bij “opgeslagen” staat een antwoord in de werksessie.</p>"
        )
        self._toon_resultaten(ronde, onderwerpen, crit)

    def _geen_ronde(self, con) -> None:
        gesloten = [r for r in opslag.rondes(con, self.sessie_id) if r["status"] == "gesloten"]
        if self._ronde_sleutel is not None and self.inhoud.children:
            # The round this page showed has closed: lock what is on screen, keep it visible
            # (text still being typed too, said plainly to be not saved).
            getypt = False
            for kind in _alle(self.inhoud):
                if hasattr(kind, "disabled"):
                    kind.disabled = True
                if isinstance(kind, w.Text | w.Textarea) and kind.value.strip():
                    getypt = True
            if self._ronde_sleutel[0] != "gesloten":
                self._ronde_sleutel = ("gesloten", *self._ronde_sleutel[1:])
                self._knoppen = {}
                self._getypt_bij_sluiten = getypt
            niet = (
                " Wat u nog aan het typen was en niet had ingestuurd, is <strong>niet "
                "opgeslagen</strong>; het staat hieronder nog, zodat u het kunt overnemen."
                if self._getypt_bij_sluiten
                else ""
            )
            self.status.value = (
                '<p class="wa-status wa-dicht" role="status">Deze ronde is gesloten. Dank u '
                "wel! Uw antwoorden met “opgeslagen” zijn bewaard." + niet + " Wacht op de "
                "volgende ronde.</p>"
            )
        else:
            self.inhoud.children = []
            self.status.value = (
                '<p class="wa-status" role="status">Er is nu geen open ronde. De '
                "gespreksleider opent zo de volgende; deze pagina ververst vanzelf.</p>"
            )
        laatste = gesloten[-1] if gesloten else None
        if laatste and laatste["resultaten_zichtbaar"]:
            crit = opslag.criteria(con, self.sessie["wijk_id"])
            self._toon_resultaten(laatste, opslag.onderwerpen(con, laatste), crit)
        else:
            self.resultaten.value = ""

    def _bouw(self, ronde, onderwerpen, crit) -> None:
        self.melding.value = ""
        self._knoppen = {}
        if ronde["soort"] == "scores":
            mijn = opslag.mijn_scores(self._con, self.deelnemer, ronde["id"])
            kaarten = [self._scorekaart(ronde, o, crit, mijn) for o in onderwerpen]
            if not crit:
                kaarten = [w.HTML("<p>Er zijn nog geen criteria om op te scoren.</p>")]
            self.voortgang = w.HTML()
            self._toon_voortgang()
            self.inhoud.children = [self.voortgang, *kaarten]
        elif ronde["soort"] in formulieren.FORMULIEREN:
            self.inhoud.children = formulieren.FORMULIEREN[ronde["soort"]](self, ronde, onderwerpen)
        elif ronde["soort"] == "opgaven":
            self.inhoud.children = [self._opgave_formulier(ronde), self._eigen_lijst(ronde)]
        else:
            self.inhoud.children = [
                self._kans_formulier(ronde, onderwerpen),
                self._eigen_lijst(ronde),
            ]

    # scoring -------------------------------------------------------------------------------
    def _scorekaart(self, ronde, onderwerp, crit, mijn) -> w.VBox:
        soort = "Opgave" if onderwerp["soort"] == "opgave" else "Koppeling"
        delen: list[w.Widget] = [w.HTML(f"<h2>{soort}: {e(onderwerp['titel'])}</h2>")]
        for c in crit:
            lo, hi = int(c["schaal_min"]), int(c["schaal_max"])
            huidig = mijn.get((onderwerp["soort"], onderwerp["id"], c["id"]))
            knoppen = w.ToggleButtons(
                options=[str(i) for i in range(lo, hi + 1)],
                value=str(huidig) if huidig is not None else None,
                style={"button_width": "2.5em"},
                tooltips=[
                    f"{i}: "
                    + (c["betekenis_min"] if i == lo else c["betekenis_max"] if i == hi else "")
                    for i in range(lo, hi + 1)
                ],
            )
            knoppen.add_class("wa-schaal")
            status = w.HTML()
            status.add_class("wa-score-status")
            if huidig is not None:
                self._bevestig(status, huidig, c["naam"])
            self._knoppen[(onderwerp["soort"], onderwerp["id"], c["id"])] = (
                knoppen,
                status,
                c["naam"],
            )
            uitleg = (
                f'<p class="wa-uitleg">{lo} = {e(c["betekenis_min"] or "laag")} · '
                f"{hi} = {e(c['betekenis_max'] or 'hoog')}</p>"
            )
            vraag = f" — {e(c['vraag'])}" if c["vraag"] else ""
            kop = w.HTML(f"<strong>{e(c['naam'])}</strong>{vraag}")

            def bewaar(change, o=onderwerp, cid=c["id"], status=status, cnaam=c["naam"]):
                if change["new"] is None or self._synchroniseer:
                    return
                try:
                    opslag.zet_score(
                        self.db,
                        self.deelnemer["token"],
                        self.sessie_id,
                        ronde["id"],
                        o["soort"],
                        o["id"],
                        cid,
                        int(change["new"]),
                    )
                except WijkanalyseFout as ex:
                    status.value = (
                        f'<span class="wa-fout" role="alert" data-n="{self._volgende()}">'
                        f"Score {e(change['new'])} voor {e(cnaam)} is niet opgeslagen: "
                        f"{e(ex)}</span>"
                    )
                    self.ververs()
                    return
                self._bevestig(status, int(change["new"]), cnaam)
                self._toon_voortgang()
                if self.wachter:
                    self.wachter.bijgewerkt()

            knoppen.observe(bewaar, "value")
            delen += [kop, w.HTML(uitleg), knoppen, status]
        kaart = w.VBox(delen)
        kaart.add_class("wa-kaart")
        return kaart

    def _volgende(self) -> int:
        self._volgnummer += 1
        return self._volgnummer

    def volgende(self) -> int:
        """A new number for a confirmation, so the page's script sees each one."""
        return self._volgende()

    @property
    def con(self):
        """The page's open connection to the workspace."""
        return self._con

    def _bevestig(self, status: w.HTML, waarde: int, criterium: str) -> None:
        """A confirmation that names what is saved; a new number each time, so the page's
        script sees every confirmation, also of an answer changed back."""
        status.value = (
            f'<span class="wa-ok" role="status" data-n="{self._volgende()}">✓ Score '
            f"{int(waarde)} voor {e(criterium)} opgeslagen</span>"
        )

    def _toon_eigen_scores(self, ronde) -> None:
        """Scores this participant changed elsewhere (a second tab) shown here too."""
        if not self._knoppen:
            return
        mijn = opslag.mijn_scores(self._con, self.deelnemer, ronde["id"])
        for sleutel, (knoppen, status, cnaam) in self._knoppen.items():
            waarde = mijn.get(sleutel)
            if waarde is None or knoppen.value == str(waarde):
                continue
            self._synchroniseer = True
            try:
                knoppen.value = str(waarde)
            finally:
                self._synchroniseer = False
            self._bevestig(status, waarde, cnaam)
        self._toon_voortgang()

    def _toon_voortgang(self) -> None:
        """The participant's own progress in a scoring round ("12 van 24 ingevuld")."""
        if not self._knoppen or not hasattr(self, "voortgang"):
            return
        gedaan = sum(k.value is not None for k, _s, _n in self._knoppen.values())
        waarde = (
            f"<p class='wa-voortgang' role='status'>"
            f"{voortgang_tekst(gedaan, len(self._knoppen))}</p>"
        )
        if self.voortgang.value != waarde:
            self.voortgang.value = waarde

    # collecting ----------------------------------------------------------------------------
    def _opgave_formulier(self, ronde) -> w.VBox:
        titel = w.Text(placeholder="Wat moet er gebeuren in de wijk?", description="Opgave")
        from ..core.vocabulary import TRANSITIES

        transitie = w.Dropdown(
            options=[("(weet ik niet)", ""), *[(t, t) for t in TRANSITIES]],
            description="Transitie",
        )
        toel = w.Textarea(
            placeholder="Waarom, waar, voor wie? (mag leeg)", description="Toelichting"
        )
        return self._voorstel_kaart(
            ronde,
            "Stel een opgave voor",
            titel,
            toel,
            knop_tekst="Voorstel insturen",
            labels={"voorstel": "Opgave", "toelichting": "Toelichting"},
            midden=[transitie],
            waarden=lambda: {"soort": "opgave", "transitie": transitie.value},
        )

    def _kans_formulier(self, ronde, onderwerpen) -> w.VBox:
        if not onderwerpen:
            return w.VBox([w.HTML("<p>De paren van deze ronde zijn intussen verwijderd.</p>")])
        paar = w.Dropdown(options=[(o["titel"], o["id"]) for o in onderwerpen], description="Paar")
        soort = w.ToggleButtons(
            options=[("Kans", "kans"), ("Bedreiging", "bedreiging")],
            description="Kans of bedreiging",
            style={"description_width": "initial"},
        )
        soort.add_class("wa-kans-soort")
        tekst = w.Text(placeholder="Wat kan er gebeuren als we deze koppelen?", description="Wat")
        toel = w.Textarea(
            placeholder="Hoe maken we de kans waar, of voorkomen we de bedreiging?",
            description="Interventie",
        )
        return self._voorstel_kaart(
            ronde,
            "Kansen en bedreigingen",
            tekst,
            toel,
            knop_tekst="Insturen",
            labels={"voorstel": "Wat", "toelichting": "Interventie"},
            boven=[paar, soort],
            waarden=lambda: {"soort": soort.value, "koppeling_id": paar.value},
        )

    def _voorstel_kaart(
        self,
        ronde,
        kop: str,
        tekst: w.Text,
        toel: w.Textarea,
        *,
        knop_tekst: str,
        labels: dict[str, str],
        waarden: Callable[[], dict[str, Any]],
        boven: Sequence[w.Widget] = (),
        midden: Sequence[w.Widget] = (),
    ) -> w.VBox:
        """A proposal card: heading ``kop``, the fields ``boven``, the text with its counter,
        the fields ``midden``, the explanation with its counter, the send button and its
        status line. The button sends the text and explanation with ``waarden()`` (read at
        the click) through :meth:`_dien_in`; ``labels`` name the fields in an error."""
        tekst.add_class("wa-voorstel-tekst")
        toel.add_class("wa-voorstel-toelichting")
        knop = w.Button(description=knop_tekst, button_style="primary")
        knop.add_class("wa-insturen")
        status = w.HTML()

        knop.on_click(
            lambda _b: self._dien_in(
                ronde,
                status,
                [tekst, toel],
                labels,
                tekst=tekst.value,
                toelichting=toel.value,
                **waarden(),
            )
        )
        kaart = w.VBox(
            [
                w.HTML(f"<h2>{kop}</h2>"),
                *boven,
                tekst,
                teller(tekst, opslag.MAX_VOORSTEL),
                *midden,
                toel,
                teller(toel, opslag.MAX_TOELICHTING),
                knop,
                status,
            ]
        )
        kaart.add_class("wa-kaart")
        return kaart

    def _dien_in(
        self,
        ronde,
        status: w.HTML,
        velden: list[w.Widget],
        labels: dict[str, str],
        **voorstel,
    ) -> None:
        """Save a proposal; on success empty the form and list it, else say why in Dutch,
        naming the field as the page names it."""
        try:
            opslag.dien_voorstel_in(
                self.db, self.deelnemer["token"], self.sessie_id, ronde["id"], **voorstel
            )
        except WijkanalyseFout as ex:
            status.value = (
                f'<p class="wa-fout" role="alert" data-n="{self._volgende()}">Niet opgeslagen: '
                f"{e(voor_de_pagina(ex, labels))}</p>"
            )
            return
        for veld in velden:
            veld.value = ""
        wat = {"opgave": "Opgave", "kans": "Kans", "bedreiging": "Bedreiging"}[voorstel["soort"]]
        kort = " ".join(str(voorstel["tekst"]).split())
        kort = kort if len(kort) <= 40 else kort[:39] + "…"
        status.value = (
            f'<p class="wa-ok" role="status" data-n="{self._volgende()}">✓ {wat} '
            f"“{e(kort)}” opgeslagen</p>"
        )
        self._ververs_eigen(ronde)

    def _eigen_lijst(self, ronde) -> w.VBox:
        self._eigen = w.VBox()
        self._eigen.add_class("wa-eigen")
        self._ververs_eigen(ronde)
        return self._eigen

    def _ververs_eigen(self, ronde, na_wijziging: bool = False) -> None:
        """Redraw "Uw voorstellen"; ``na_wijziging`` (a change elsewhere, e.g. the
        facilitator's moderation): only when what the list says has changed."""
        if self._eigen is None:  # no collecting round shown yet
            return
        alle = opslag.voorstellen(self._con, self.sessie_id, ronde["id"])
        mijn = [v for v in alle if v["deelnemer_id"] == self.deelnemer["id"]]
        per_id = {int(v["id"]): v for v in alle}
        paren = self._paren() if any(v["koppeling_id"] for v in mijn) else {}
        teksten = [eigen_voorstel_html(v, paren, per_id) for v in mijn]
        sleutel = (ronde["id"], tuple(v["id"] for v in mijn), tuple(teksten))
        if na_wijziging and sleutel == self._eigen_sleutel:
            return
        self._eigen_sleutel = sleutel
        rijen: list[w.Widget] = [w.HTML(f"<h2>Uw voorstellen ({len(mijn)})</h2>")]
        for v, html in zip(mijn, teksten, strict=True):
            knop = w.Button(description="Intrekken", tooltip=f"Intrekken: {v['tekst']}")

            def trek(_b, vid=v["id"]) -> None:
                try:
                    opslag.trek_voorstel_in(self.db, self.deelnemer["token"], self.sessie_id, vid)
                except WijkanalyseFout as ex:
                    melding(self.melding, str(ex), "fout")
                    return
                self._ververs_eigen(ronde)

            knop.on_click(trek)
            tekst = w.HTML(f"<span>{html}</span>")
            tekst.add_class("wa-voorstel")
            rij = w.HBox([tekst, knop])
            rij.add_class("wa-eigen-rij")
            rijen.append(rij)
        if self.wachter and not na_wijziging:
            self.wachter.bijgewerkt()
        self._eigen.children = rijen

    def _paren(self) -> dict[int, str]:
        return {k["id"]: k["titel"] for k in opslag.koppelingen(self._con, self.sessie["wijk_id"])}

    # results the facilitator chose to show ------------------------------------------------
    def _toon_resultaten(self, ronde, onderwerpen, crit) -> None:
        if not ronde["resultaten_zichtbaar"]:
            self.resultaten.value = ""
            return
        if ronde["soort"] in formulieren.FORMULIEREN:
            self.resultaten.value = vraag_uitslag_html(
                ronde, onderwerpen, vragen.antwoorden(self._con, ronde["id"])
            )
        elif ronde["soort"] == "scores":
            self.resultaten.value = scores_samenvatting(
                opslag.sessie_scores(self._con, self.sessie_id, ronde["id"]), onderwerpen, crit
            )
        else:
            alle = opslag.zichtbare_voorstellen(
                opslag.voorstellen(self._con, self.sessie_id, ronde["id"])
            )
            paren = self._paren() if any(v["koppeling_id"] for v in alle) else {}
            items = "".join(f"<li>{voorstel_html(v, paren)}</li>" for v in alle)
            self.resultaten.value = (
                f"<h2>Alle voorstellen ({len(alle)})</h2><ul>{items}</ul>" if alle else ""
            )


def voortgang_tekst(gedaan: int, totaal: int) -> str:
    """'12 van 24 ingevuld', or that everything is filled in."""
    if totaal and gedaan >= totaal:
        return (
            f"Alles ingevuld ({totaal} van {totaal}). U kunt nog wijzigen zolang de ronde open is."
        )
    return f"{gedaan} van {totaal} ingevuld"


def voor_de_pagina(ex: WijkanalyseFout, labels: dict[str, str]) -> str:
    """A refusal in the page's own words: the field named by its label on the page, without
    the spreadsheet-style "kolom 'voorstel':" prefix."""
    if not isinstance(ex, InvoerFout):
        return str(ex)
    tekst = ex.melding
    for kolom, label in labels.items():
        tekst = tekst.replace(f"'{kolom}'", f"‘{label}’")
    return tekst


def teller(veld: w.Text | w.Textarea, maximum: int) -> w.HTML:
    """A length counter under a text field with a limit ("12 van 300 tekens")."""
    uit = w.HTML()
    uit.add_class("wa-teller")

    def toon(_change=None) -> None:
        n = len(veld.value or "")
        te_veel = n > maximum
        uit.value = (
            f'<span class="{"wa-fout" if te_veel else "wa-uitleg"}">{n} van {maximum} tekens'
            + (" — te lang, maak het korter" if te_veel else "")
            + "</span>"
        )

    veld.observe(toon, "value")
    toon()
    return uit


def scores_samenvatting(scores: list[dict], onderwerpen: list[dict], crit: list[dict]) -> str:
    """Mean score per subject and criterium over everyone in the round (HTML, escaped): one
    short list per subject, so it fits a phone without scrolling sideways."""
    som: dict[tuple, list[int]] = {}
    for s in scores:
        som.setdefault((s["onderwerp_soort"], s["onderwerp_id"], s["criterium_id"]), []).append(
            s["waarde"]
        )
    delen = []
    for o in onderwerpen:
        regels = []
        for c in crit:
            v = som.get((o["soort"], o["id"], c["id"]))
            waarde = f"{f'{sum(v) / len(v):.1f}'.replace('.', ',')} ({len(v)})" if v else "–"
            regels.append(f"<li>{e(c['naam'])}: {waarde}</li>")
        delen.append(f"<h3>{e(o['titel'])}</h3><ul class='wa-uitslag'>{''.join(regels)}</ul>")
    return (
        "<h2>Resultaten tot nu toe</h2><p>Gemiddelde score (aantal antwoorden) van alle "
        "deelnemers in deze ronde.</p>" + "".join(delen)
    )


def _alle(widget: w.Widget):
    yield widget
    for k in getattr(widget, "children", ()):
        yield from _alle(k)


def voor_verzoek(werkruimte: str = "", sessie: int = 0) -> Deelnemerpagina:
    """Build the page for this Voila request (waits for the request in a preheated kernel)."""
    verzoek.wacht_op_verzoek()
    db = werkruimte or os.environ.get("WIJKANALYSE_DB", "")
    sessie_id = int(sessie or os.environ.get("WIJKANALYSE_SESSIE", "0"))
    code = verzoek.parameters().get("groep", "")
    pagina = Deelnemerpagina(db, sessie_id, code, verzoek.cookie(f"wa_s{sessie_id}"))
    vooraf.toon(deelnemer_html(pagina))
    return pagina


def deelnemer_html(pagina: Deelnemerpagina) -> str:
    """The participant page as it will look, from the state the kernel has: the join form,
    a note that a known participant's answers are being loaded, or the unknown-link text."""
    s = pagina.sessie
    fictief = " (fictief voorbeeld)" if s["fictief"] else ""
    kop = f"<h1>Werksessie {e(s['wijk'])}{e(fictief)}</h1>"
    if pagina.groep is None and pagina.deelnemer is None:
        kop = "<h1>Werksessie</h1>"
        romp = (
            '<p class="wa-fout" role="status" elementtiming="wa-vooraf">Deze link hoort bij '
            "geen groep van de lopende werksessie. Vraag de gespreksleider om de juiste link "
            "of QR-code.</p>"
        )
    elif pagina.deelnemer is not None:
        d = pagina.deelnemer
        romp = (
            f"<p elementtiming='wa-vooraf'>U doet mee als <strong>{e(d['naam'])}</strong> in "
            f"groep <strong>{e(d['groep'])}</strong>.</p>"
            '<p class="wa-vooraf-bericht" role="status">Uw antwoorden worden geladen…</p>'
        )
    else:
        romp = (
            f"<p>Groep <strong>{e(pagina.groep['naam'])}</strong>.</p>"
            '<p class="wa-status">Welkom! Vul uw naam in, of doe anoniem mee. Uw naam ziet '
            "alleen de gespreksleider, en alleen als die dat aanzet.</p>"
            '<form class="wa-vooraf-form" novalidate>'
            '<label for="wa-vooraf-naam" elementtiming="wa-vooraf">Uw naam</label>'
            f'<input id="wa-vooraf-naam" class="wa-vooraf-naam" name="naam" type="text" '
            f'maxlength="{opslag.MAX_NAAM}" placeholder="bijv. Fatima" autocomplete="name">'
            '<div class="wa-knoppen">'
            '<button type="submit" class="wa-hoofd" data-actie="mee">Meedoen</button>'
            '<button type="button" data-actie="anoniem">Anoniem meedoen</button></div>'
            '<p class="wa-vooraf-bericht" role="status" aria-live="polite">De pagina maakt '
            "verbinding met de werksessie. U kunt uw naam al invullen.</p></form>"
        )
    return (
        f"{CSS}{vooraf.CSS}<main class='wa-ws wa-deelnemer-vooraf wa-vooraf' "
        f"data-wa-vooraf='deelnemer'>{kop}{romp}</main>"
    )
