"""Werkblad 2.7 view: pick one pair, set its level, edit its kansen and bedreigingen.

Only the chosen pair gets widgets, so the view stays quick with 40 opgaven (780 pairs).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

import ipywidgets as w
import pandas as pd

from .. import koppelingen, sections
from ..core.errors import GelijktijdigFout
from ..core.html_tables import tabel_html
from ..core.vocabulary import HORIZON_LABEL, HORIZONNEN, IMPACTEN, ITEM_SOORTEN, NIVEAUS
from ..model import WijkModel
from .common import Bevestiging, Melding, bewaakt, knop
from .leren import LerenPaneel

NIEUW_ITEM = "(nieuwe kans of bedreiging)"


def paar_labels(ov: pd.DataFrame) -> list[str]:
    """List labels for pairs, vectorised: 'A  ×  B  [niveau, balans +3]'."""
    basis = ov["titel_a"] + "  ×  " + ov["titel_b"]
    balans = ov["balans"].map(lambda b: f"balans {b:+g}", na_action="ignore").fillna("nog leeg")
    extra = ("  [" + ov["niveau"].fillna("") + ", " + balans + "]").where(
        ov["status"] != koppelingen.STATUS_NIET_OVERWOGEN, ""
    )
    return (basis + extra).tolist()


class KoppelingenView(w.VBox):
    """Pair picker (filterable list), level, and the list of entries of that pair."""

    def __init__(self, model: WijkModel) -> None:
        self.model = model
        self.melding = Melding(wijk_van=model)
        st = {"description_width": "110px"}
        lay = w.Layout(width="95%")
        self.filter = w.Dropdown(
            description="Toon",
            style=st,
            options=[
                ("overwogen paren", "overwogen"),
                ("alle paren", "alle"),
                ("voorgestelde paren", "voorgesteld"),
            ],
            value="alle",
        )
        self.zoek = w.Text(description="Zoek", placeholder="deel van een titel", style=st)
        self.paar = w.Select(description="Paar", rows=8, layout=lay, style=st)
        self.paar.add_class("wa-paar-keuze")
        self.niveau = w.Dropdown(description="Niveau", options=NIVEAUS, style=st)
        self.toelichting = w.Text(description="Toelichting", layout=lay, style=st)
        self.bewaar_paar = knop("Koppeling opslaan", "primary")
        self.verwijder_paar = knop("Koppeling verwijderen", "danger")
        self.samenvatting = w.HTML()
        self.items_html = w.HTML()
        self.item_kies = w.Dropdown(description="Bewerk", style=st)
        self.soort = w.ToggleButtons(options=ITEM_SOORTEN, description="Soort", style=st)
        self.tekst = w.Textarea(description="Omschrijving", layout=lay, style=st)
        self.impact = w.ToggleButtons(
            options=IMPACTEN, value="middel", description="Impact", style=st
        )
        self.horizon = w.ToggleButtons(
            options=[(HORIZON_LABEL[h], h) for h in HORIZONNEN],
            description="Horizon",
            style={**st, "button_width": "auto"},  # "over twee jaar en later" whole
        )
        self.interventie = w.Textarea(
            description="Interventie",
            layout=lay,
            style=st,
            placeholder="Hoe maak je de kans waar, of hoe voorkom je de bedreiging?",
        )
        self.eigenaar = w.Text(description="Eigenaar", layout=lay, style=st)
        self.bewaar_item = knop("Toevoegen", "primary")
        self.verwijder_item = w.Button(
            description="Verwijderen", button_style="danger", disabled=True
        )
        self.bevestiging = Bevestiging(self.melding)
        self.leren = LerenPaneel(model, self._koppeling_id)
        self.editor = w.VBox(
            [
                self.samenvatting,
                w.HBox([self.niveau]),
                self.toelichting,
                w.HBox([self.bewaar_paar, self.verwijder_paar]),
                w.HTML("<h4>Kansen en bedreigingen</h4>"),
                self.items_html,
                self.item_kies,
                self.soort,
                self.tekst,
                self.impact,
                self.horizon,
                self.interventie,
                self.eigenaar,
                w.HBox([self.bewaar_item, self.verwijder_item]),
                self.bevestiging,
                self.leren,
            ]
        )
        self.editor.add_class("wa-paar-editor")
        # A class of its own, so a click on the matrix scrolls to this editor and no other.
        self.doel_klasse = f"wa-paar-editor-{uuid.uuid4().hex[:10]}"
        self.editor.add_class(self.doel_klasse)
        guard = bewaakt(self.melding)
        self.filter.observe(guard(lambda _c: self.ververs_lijst()), "value")
        self.zoek.observe(guard(lambda _c: self.ververs_lijst()), "value")
        self.paar.observe(guard(lambda _c: self.toon_paar()), "value")
        self.item_kies.observe(guard(self._kies_item), "value")
        self.bewaar_paar.on_click(guard(self._bewaar_paar))
        self.verwijder_paar.on_click(guard(self._verwijder_paar))
        self.bewaar_item.on_click(guard(self._bewaar_item))
        self.verwijder_item.on_click(guard(self._verwijder_item))
        model.observe(guard(lambda _c: self.ververs()), ["versie", "wijk"])
        super().__init__(
            [
                w.HBox([self.filter, self.zoek]),
                self.paar,
                self.editor,
                self.melding,
                w.HTML(sections.BALANS_UITLEG),
            ]
        )
        self._ov = pd.DataFrame()
        self._item_getoond: dict | None = None
        self.ververs()

    # data -----------------------------------------------------------------------------
    def ververs(self) -> None:
        self._opgaven = self.model.opgaven()
        self._koppelingen = self.model.koppelingen()
        self._items = self.model.items()
        self._ov = koppelingen.paar_overzicht(self._opgaven, self._koppelingen, self._items)
        self.ververs_lijst()

    def ververs_lijst(self) -> None:
        ov = self._ov
        if self.filter.value == "overwogen":
            ov = ov[ov["status"] != koppelingen.STATUS_NIET_OVERWOGEN]
        elif self.filter.value == "voorgesteld":
            kand = koppelingen.kandidaat_paren(self._opgaven, self._koppelingen)
            ov = ov.merge(kand[["opgave_a", "opgave_b"]], on=["opgave_a", "opgave_b"])
        z = self.zoek.value.strip().casefold()
        if z:
            ov = ov[
                ov["titel_a"].str.casefold().str.contains(z, regex=False)
                | ov["titel_b"].str.casefold().str.contains(z, regex=False)
            ]
        sleutels = zip(
            ov["opgave_a"].astype(int).tolist(), ov["opgave_b"].astype(int).tolist(), strict=True
        )
        opties = list(zip(paar_labels(ov), sleutels, strict=True))
        huidig = self.paar.value
        self.paar.options = opties
        waarden = [o[1] for o in opties]
        self.paar.value = huidig if huidig in waarden else (waarden[0] if waarden else None)
        self.toon_paar()

    def selecteer(self, a: int, b: int) -> None:
        """Open the pair of opgaven ``a`` and ``b`` (either order), e.g. after a click on the
        matrix. Filter and search are reset so the pair is in the list."""
        sleutel = tuple(sorted((int(a), int(b))))
        self.filter.value = "alle"
        self.zoek.value = ""
        if sleutel not in {o[1] for o in self.paar.options}:
            self.ververs()  # the matrix may show an opgave this view has not read yet
        if sleutel not in {o[1] for o in self.paar.options}:
            self.melding.fout("Dit paar bestaat niet meer; kies een paar in de lijst.")
            return
        self.paar.value = sleutel

    def _rij(self) -> pd.Series | None:
        if not self.paar.value:
            return None
        a, b = self.paar.value
        r = self._ov[(self._ov["opgave_a"] == a) & (self._ov["opgave_b"] == b)]
        return None if r.empty else r.iloc[0]

    def toon_paar(self) -> None:
        r = self._rij()
        self.editor.layout.display = "none" if r is None else None
        if r is None:
            return
        k_id = r["koppeling_id"]
        heeft = pd.notna(k_id)
        self.niveau.value = r["niveau"] if heeft else "afstemming"
        self.toelichting.value = (
            self._koppelingen.loc[self._koppelingen["id"] == k_id, "toelichting"].iloc[0]
            if heeft
            else ""
        )
        self.verwijder_paar.disabled = not heeft
        balans = "–" if pd.isna(r["balans"]) else f"{r['balans']:+g}"
        self.samenvatting.value = (
            f"<h4>{html.escape(r['titel_a'])} × {html.escape(r['titel_b'])}</h4>"
            f"<p>Status: <strong>{html.escape(r['status'])}</strong> · kansen "
            f"{r['n_kansen']} · bedreigingen {r['n_bedreigingen']} · balans {balans} · "
            f"zonder interventie {r['n_zonder_interventie']}"
            + (" · <strong>let op: wisselt met de tijd</strong>" if r["horizon_wisselt"] else "")
            + "</p>"
        )
        its = self._items[self._items["koppeling_id"] == k_id] if heeft else self._items.iloc[:0]
        toon = pd.DataFrame(
            {
                "Soort": its["soort"],
                "Omschrijving": its["tekst"],
                "Impact": its["impact"],
                "Horizon": its["horizon"].map(HORIZON_LABEL),
                "Interventie": its["interventie"],
                "Eigenaar": its["interventie_eigenaar"],
                "Herkomst": its["herkomst"],
            }
        )
        if not its["herkomst"].astype(bool).any():
            toon = toon.drop(columns="Herkomst")  # only a wijk's own: no column to read
        self.items_html.value = tabel_html(toon, leeg="Nog geen kansen of bedreigingen.")
        self.item_kies.options = [(NIEUW_ITEM, None)] + [
            (f"{s}: {t[:60]}", int(i))
            for i, s, t in zip(its["id"], its["soort"], its["tekst"], strict=True)
        ]
        self.item_kies.value = None
        self._kies_item()
        transitie = dict(zip(self._opgaven["id"], self._opgaven["transitie"], strict=True))
        self.leren.toon(
            (r["titel_a"], transitie.get(r["opgave_a"], "overig")),
            (r["titel_b"], transitie.get(r["opgave_b"], "overig")),
            set(its["tekst"]),
        )

    def _kies_item(self, _c=None) -> None:
        iid = self.item_kies.value
        self.verwijder_item.disabled = iid is None
        self.bewaar_item.description = "Toevoegen" if iid is None else "Wijziging opslaan"
        if iid is None:
            self.tekst.value = self.interventie.value = self.eigenaar.value = ""
            return
        it = self._items[self._items["id"] == iid].iloc[0]
        self._item_getoond = it.to_dict()  # to detect others' edits
        self.soort.value, self.tekst.value = it["soort"], it["tekst"]
        self.impact.value, self.horizon.value = it["impact"], it["horizon"]
        self.interventie.value = it["interventie"]
        self.eigenaar.value = it["interventie_eigenaar"]

    # writes ---------------------------------------------------------------------------
    def _koppeling_id(self) -> int:
        r = self._rij()
        if r is not None and pd.notna(r["koppeling_id"]):
            return int(r["koppeling_id"])
        a, b = self.paar.value
        return self.model.zet_koppeling(a, b, self.niveau.value, self.toelichting.value)

    def _bewaar_paar(self, _b=None) -> None:
        a, b = self.paar.value
        self.model.zet_koppeling(a, b, self.niveau.value, self.toelichting.value)
        self.melding.ok("Koppeling opgeslagen.")

    def _verwijder_paar(self, _b=None) -> None:
        """Ask first, naming what goes with the koppeling; delete only after 'Ja'."""
        r = self._rij()
        if r is not None and pd.notna(r["koppeling_id"]):
            kid = int(r["koppeling_id"])
            vraag = self.model.gevolgen_van_verwijderen("koppeling", kid)
            self.bevestiging.vraag_eerst(
                vraag, lambda: self._na_verwijderen(self.model.verwijder_koppeling, kid)
            )

    def _na_verwijderen(self, verwijder: Callable[[int], None], ident: int) -> None:
        verwijder(ident)
        self.melding.ok(
            f"{self.model.historie()['wat'].iloc[0]}. Per ongeluk? Maak het ongedaan onder "
            "'Wijzigingen'."
        )

    def _velden(self) -> dict:
        return {
            "soort": self.soort.value,
            "tekst": self.tekst.value,
            "impact": self.impact.value,
            "horizon": self.horizon.value,
            "interventie": self.interventie.value,
            "interventie_eigenaar": self.eigenaar.value,
        }

    def _bewaar_item(self, _b=None) -> None:
        if self.item_kies.value is None:
            velden = self._velden()
            if not velden["tekst"].strip():
                self.melding.fout("Vul een omschrijving in.")
                return
            self.model.voeg_item_toe(self._koppeling_id(), **velden)
            self.melding.ok(f"{velden['soort'].capitalize()} toegevoegd.")
        else:
            try:
                self.model.wijzig_item(
                    self.item_kies.value, verwacht=self._item_getoond, **self._velden()
                )
            except GelijktijdigFout as e:
                self.ververs()
                self.melding.fout(str(e))
                return
            self.melding.ok("Wijziging opgeslagen.")

    def _verwijder_item(self, _b=None) -> None:
        iid = self.item_kies.value
        if iid is not None:
            vraag = self.model.gevolgen_van_verwijderen("item", iid)
            self.bevestiging.vraag_eerst(
                vraag, lambda: self._na_verwijderen(self.model.verwijder_item, iid)
            )
