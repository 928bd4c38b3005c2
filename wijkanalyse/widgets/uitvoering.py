"""Step 5 view: follow the uitvoering after the besluiten (notebook 05 and the dashboard tab).

A thin view over the model (:mod:`wijkanalyse.store.uitvoering`): signals, acties (made from
the besluiten, added or changed by hand), progress with a dated log line, the risk of each
bedreiging, and terugblikken. Redraws when the model's ``wijk`` or ``versie`` changes.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import ipywidgets as w

from .. import uitvoering
from ..core.nl_format import datum as nl_datum
from ..core.vocabulary import ACTIE_STATUSSEN, RISICO_SCHAAL
from ..model import WijkModel
from ..sections import uitvoering as sections
from .common import Melding, bewaakt, knop

_BREED = w.Layout(width="95%")
_ST = {"description_width": "140px"}  # "Voortgang (%)", "Impact (1-5)" whole at 15 px
_LANG = {"description_width": "200px"}  # "Wat ging volgens plan"
_NIEUW = "— nieuwe actie —"
_SCHAAL = [("", None)] + [(str(i), i) for i in range(RISICO_SCHAAL[0], RISICO_SCHAAL[1] + 1)]


def _datum_veld(beschrijving: str) -> w.Text:
    return w.Text(description=beschrijving, placeholder="dd-mm-jjjj", style=_ST)


class UitvoeringView(w.VBox):
    """Signals, acties, progress, risks and terugblikken of one wijk."""

    def __init__(self, model: WijkModel, vandaag: date | None = None) -> None:
        self.model = model
        self.vandaag = vandaag  # None: today (a test or a report may fix it)
        self.melding = Melding(wijk_van=model)  # acties and progress
        self.melding_risico = Melding(wijk_van=model)
        self.melding_terugblik = Melding(wijk_van=model)
        guard = bewaakt(self.melding)

        # signals
        self.maanden = w.BoundedIntText(
            value=sections.STANDAARD_MAANDEN,
            min=0,
            max=120,
            description="Koppelmoment binnen (maanden)",
            style={"description_width": "280px"},
            layout=w.Layout(width="390px"),
        )
        self.signalen = w.HTML()
        self.signalen.add_class("wa-uitvoering-signalen")
        self.maanden.observe(guard(lambda _c: self._ververs_signalen()), "value")

        # acties
        self.voortgang = w.HTML()
        self.voortgang.add_class("wa-uitvoering-voortgang")
        self.uit_besluiten = knop("Acties maken uit de besluiten")
        self.uit_besluiten.add_class("wa-acties-uit-besluiten")
        self.uit_besluiten.on_click(guard(self._uit_besluiten))
        self.acties = w.HTML()
        self.acties.add_class("wa-uitvoering-acties")

        # one actie: pick, edit, add
        self.actie = w.Dropdown(description="Actie", style=_ST, layout=_BREED)
        self.onderwerp = w.Dropdown(description="Voor", style=_ST, layout=_BREED)
        self.titel = w.Text(description="Wat", style=_ST, layout=_BREED)
        self.eigenaar = w.Text(description="Eigenaar", style=_ST)
        self.start = _datum_veld("Start")
        self.deadline = _datum_veld("Deadline")
        self.opslaan = knop("Actie opslaan", "primary")
        self.opslaan.add_class("wa-actie-opslaan")
        self.actie.observe(guard(lambda _c: self._vul_actie()), "value")
        self.opslaan.on_click(guard(self._opslaan))

        # progress of the chosen actie
        self.status = w.Dropdown(options=ACTIE_STATUSSEN, description="Status", style=_ST)
        self.procent = w.BoundedIntText(
            value=0, min=0, max=100, description="Voortgang (%)", style=_ST
        )
        self.logdatum = _datum_veld("Datum")
        self.logtekst = w.Textarea(
            description="Wat is er gebeurd",
            placeholder="Eén regel voor het logboek, bijvoorbeeld: aannemer gestart.",
            style=_LANG,
            layout=w.Layout(width="95%", height="60px"),
        )
        self.bijwerken = knop("Voortgang vastleggen", "primary")
        self.bijwerken.add_class("wa-voortgang-vastleggen")
        self.bijwerken.on_click(guard(self._bijwerken))
        self.logboek = w.HTML()
        self.logboek.add_class("wa-uitvoering-logboek")

        # risks of bedreigingen
        self.bedreiging = w.Dropdown(description="Bedreiging", style=_ST, layout=_BREED)
        self.kans = w.Dropdown(options=_SCHAAL, description="Kans (1-5)", style=_ST)
        self.impact = w.Dropdown(options=_SCHAAL, description="Impact (1-5)", style=_ST)
        self.maatregel = w.Text(description="Maatregel", style=_ST, layout=_BREED)
        self.herzien_op = _datum_veld("Herzien op")
        self.risico_opslaan = knop("Risico opslaan", "primary")
        self.risico_opslaan.add_class("wa-risico-opslaan")
        self.bedreiging.observe(guard(lambda _c: self._vul_risico()), "value")
        self.risico_opslaan.on_click(bewaakt(self.melding_risico)(self._risico))
        self.bedreigingen = w.HTML()
        self.bedreigingen.add_class("wa-uitvoering-bedreigingen")

        # terugblik
        self.tb_datum = _datum_veld("Datum")
        self.tb_door = w.Text(description="Door", style=_ST)
        self.tb_plan = w.Textarea(description="Wat ging volgens plan", style=_LANG,
                                  layout=w.Layout(width="95%", height="60px"))  # fmt: skip
        self.tb_anders = w.Textarea(description="Wat veranderde", style=_LANG,
                                    layout=w.Layout(width="95%", height="60px"))  # fmt: skip
        self.tb_geleerd = w.Textarea(description="Wat we leerden", style=_LANG,
                                     layout=w.Layout(width="95%", height="60px"))  # fmt: skip
        self.tb_opslaan = knop("Terugblik vastleggen", "primary")
        self.tb_opslaan.add_class("wa-terugblik-vastleggen")
        self.tb_opslaan.on_click(bewaakt(self.melding_terugblik)(self._terugblik))
        self.terugblikken = w.HTML()
        self.terugblikken.add_class("wa-uitvoering-terugblikken")

        super().__init__(
            [
                w.HTML("<h3>Signalen</h3>"),
                self.maanden,
                self.signalen,
                w.HTML("<h3>Acties</h3>"),
                self.voortgang,
                self.uit_besluiten,
                self.acties,
                w.HTML("<h4>Actie toevoegen of wijzigen</h4>"),
                self.actie,
                self.onderwerp,
                self.titel,
                self.eigenaar,
                w.HBox([self.start, self.deadline]),
                self.opslaan,
                w.HTML("<h4>Voortgang bijwerken</h4>"),
                w.HBox([self.status, self.procent]),
                self.logdatum,
                self.logtekst,
                self.bijwerken,
                self.melding,
                self.logboek,
                w.HTML("<h3>Bedreigingen: kans, impact, maatregel en herziening</h3>"),
                self.bedreiging,
                w.HBox([self.kans, self.impact]),
                self.maatregel,
                self.herzien_op,
                self.risico_opslaan,
                self.melding_risico,
                self.bedreigingen,
                w.HTML("<h3>Terugblik</h3>"),
                w.HBox([self.tb_datum, self.tb_door]),
                self.tb_plan,
                self.tb_anders,
                self.tb_geleerd,
                self.tb_opslaan,
                self.melding_terugblik,
                self.terugblikken,
            ]
        )
        self.add_class("wa-uitvoering")
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        self.ververs()

    # drawing ------------------------------------------------------------------------
    def _dag(self) -> date:
        return self.vandaag or date.today()

    def _ververs_signalen(self) -> None:
        self._stand = sections.stand(self.model, self._dag(), self.maanden.value)
        self.signalen.value = sections.signalen_html(self._stand)
        self.voortgang.value = f"<p>{html.escape(sections.voortgang_zin(self._stand))}</p>"

    def ververs(self) -> None:
        self._ververs_signalen()
        st = self._stand
        g, a = st.gegevens, st.acties
        self.acties.value = sections.acties_html(st)
        nieuw = len(uitvoering.voorgestelde_acties(g["besluiten"], g["koppelingen"], g["items"], a))
        self.uit_besluiten.disabled = nieuw == 0
        self.uit_besluiten.description = (
            f"Acties maken uit de besluiten ({nieuw})" if nieuw else "Acties maken uit de besluiten"
        )
        # the chosen opgaven and koppelingen first (an actie belongs to a choice), then the rest
        gekozen = uitvoering.gekozen_onderwerpen(g["besluiten"])
        opties = [(f"{st.namen[k]} (gekozen)", k) for k in gekozen if k in st.namen]
        opties += [(v, k) for k, v in st.namen.items() if k not in set(gekozen)]
        vorige = self.onderwerp.value
        self.onderwerp.options = opties
        if vorige in {o[1] for o in opties}:
            self.onderwerp.value = vorige
        vorige = self.actie.value
        keuzes = [(_NIEUW, None), *sections.actie_keuzes(st)]
        self.actie.options = keuzes
        self.actie.value = vorige if vorige in {k[1] for k in keuzes} else None
        self._vul_actie()
        b = self.model.bedreigingen()
        vorige_b = self.bedreiging.value
        self.bedreiging.options = [
            (f"{r.tekst} · {st.namen.get(('koppeling', int(r.koppeling_id)), '')}", int(r.item_id))
            for r in b.itertuples()
        ]
        if vorige_b in set(b["item_id"].astype(int)):
            self.bedreiging.value = vorige_b
        self._vul_risico()
        self.bedreigingen.value = sections.bedreigingen_html(self.model, st)
        self.terugblikken.value = sections.terugblikken_html(self.model)
        if not self.tb_datum.value:
            self.tb_datum.value = nl_datum(self._dag())

    def _vul_actie(self) -> None:
        aid = self.actie.value
        if aid is None:
            self.titel.value = self.eigenaar.value = self.start.value = self.deadline.value = ""
            self.opslaan.description = "Actie toevoegen"
            self.bijwerken.disabled = True
            self.logboek.value = sections.actie_log_html(self.model)
            return
        r = self._stand.acties.set_index("id").loc[aid]
        self.onderwerp.value = (str(r["onderwerp_soort"]), int(r["onderwerp_id"]))
        self.titel.value = str(r["titel"])
        self.eigenaar.value = str(r["eigenaar"])
        self.start.value = nl_datum(r["start"])
        self.deadline.value = nl_datum(r["deadline"])
        self.status.value = str(r["status"])
        self.procent.value = int(r["voortgang"])
        if not self.logdatum.value:
            self.logdatum.value = nl_datum(self._dag())
        self.opslaan.description = "Actie opslaan"
        self.bijwerken.disabled = False
        self.logboek.value = sections.actie_log_html(self.model, aid)

    def _vul_risico(self) -> None:
        item = self.bedreiging.value
        self.risico_opslaan.disabled = item is None
        if item is None:
            return
        r = self.model.bedreigingen().set_index("item_id").loc[item]
        self.kans.value = None if r.isna()["risico_kans"] else int(r["risico_kans"])
        self.impact.value = None if r.isna()["risico_impact"] else int(r["risico_impact"])
        self.maatregel.value = str(r["maatregel"] or r["interventie"] or "")
        self.herzien_op.value = nl_datum(r["herzien_op"])

    # actions ------------------------------------------------------------------------
    def _uit_besluiten(self, _b: Any = None) -> None:
        nieuw = self.model.maak_acties_uit_besluiten()
        n = len(nieuw)
        self.melding.ok(f"{n} {'actie' if n == 1 else 'acties'} gemaakt uit de besluiten.")

    def _opslaan(self, _b: Any = None) -> None:
        velden = {
            "titel": self.titel.value,
            "eigenaar": self.eigenaar.value,
            "start": self.start.value,
            "deadline": self.deadline.value,
        }
        if self.actie.value is None:
            if self.onderwerp.value is None:
                self.melding.fout("Kies eerst waar de actie bij hoort.")
                return
            soort, oid = self.onderwerp.value
            aid = self.model.voeg_actie_toe(soort, oid, **velden)
            self.actie.value = aid
            self.melding.ok(f"Actie '{self.titel.value.strip()}' toegevoegd.")
            return
        self.model.wijzig_actie(self.actie.value, **velden)
        self.melding.ok(f"Actie '{self.titel.value.strip()}' opgeslagen.")

    def _bijwerken(self, _b: Any = None) -> None:
        if self.actie.value is None:
            self.melding.fout("Kies eerst een actie.")
            return
        self.model.werk_actie_bij(
            self.actie.value,
            self.logtekst.value,
            status=self.status.value,
            voortgang=self.procent.value,
            datum=self.logdatum.value,
        )
        self.logtekst.value = ""
        self.melding.ok(
            f"Voortgang vastgelegd: {self.status.value}, {self.procent.value}% "
            f"({self.titel.value.strip()})."
        )

    def _risico(self, _b: Any = None) -> None:
        if self.bedreiging.value is None:
            self.melding_risico.fout("Kies eerst een bedreiging.")
            return
        self.model.zet_risico(
            self.bedreiging.value,
            risico_kans=self.kans.value,
            risico_impact=self.impact.value,
            maatregel=self.maatregel.value,
            herzien_op=self.herzien_op.value,
        )
        self.melding_risico.ok("Risico opgeslagen.")

    def _terugblik(self, _b: Any = None) -> None:
        self.model.voeg_terugblik_toe(
            datum=self.tb_datum.value,
            door=self.tb_door.value,
            volgens_plan=self.tb_plan.value,
            veranderd=self.tb_anders.value,
            geleerd=self.tb_geleerd.value,
        )
        for veld in (self.tb_plan, self.tb_anders, self.tb_geleerd):
            veld.value = ""
        self.melding_terugblik.ok("Terugblik vastgelegd.")
