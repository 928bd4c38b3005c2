"""The pair editor's "Leren van andere wijken": how the shown pair went elsewhere.

Under the kansen and bedreigingen of a pair: one sentence ("In 7 van 18 andere wijken was
… een koppeling …; 3 kozen ervoor"), the matches (which opgaven there, recognised how, the
koppeling's niveau and the besluit with its reason), a button to reject a match, and the
other wijken's kansen and bedreigingen with their interventies, each with a button that
takes it over as this wijk's own (marked "overgenomen uit …", undoable).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import leren, store
from ..core import config
from ..core.errors import WijkanalyseFout
from ..core.html_tables import tabel_html
from ..core.nl_format import aantal
from ..core.vocabulary import HORIZON_LABEL
from ..databank import Werkruimte
from ..model import WijkModel
from .common import Melding, bewaakt

log = logging.getLogger("wijkanalyse.widgets")

#: At most this many suggestions get a button (the rest are counted).
MAX_SUGGESTIES = 12


def werkruimte_naam(pad: str) -> str:
    """How another workspace is named to the advisor: its file name, or a URL's database."""
    return Werkruimte.van(pad).naam


def overeenkomsten_tabel(v: leren.Vergelijking) -> pd.DataFrame:
    """The matches of a pair as a table the advisor can check."""
    rijen = []
    for o in v.overeenkomsten:
        bes = o.besluit or {}
        besluit = ""
        if bes:
            besluit = f"{bes['besluit']}: {bes['redenering']}"
            if bes.get("door"):
                besluit += f" (door {bes['door']})"
        rijen.append(
            {
                "Wijk": o.plaats + (" (fictief)" if o.fictief else ""),
                "Opgaven daar": f"{o.opgave_a['titel']} × {o.opgave_b['titel']}",
                "Zo herkend": f"{o.herkenning_a.uitleg}; {o.herkenning_b.uitleg}",
                "Koppeling": o.koppeling["niveau"] if o.koppeling else "geen koppeling",
                "Besluit": besluit,
                "Kansen en bedreigingen": len(o.items),
                "Acties": o.uitvoering() or "geen",
            }
        )
    return pd.DataFrame(rijen)


class LerenPaneel(w.VBox):
    """How the pair went in the other wijken; see the module's docstring.

    ``koppeling_id`` gives the id of the shown pair's koppeling, creating it when the pair
    has none yet (a taken-over kans needs one)."""

    def __init__(
        self,
        model: WijkModel,
        koppeling_id: Callable[[], int],
        andere_werkruimten: list[str] | None = None,
    ) -> None:
        self.model = model
        self._koppeling_id = koppeling_id
        self.andere = config.leer_van() if andere_werkruimten is None else andere_werkruimten
        self.melding = Melding(wijk_van=model)
        self.zin = w.HTML()
        self.tabel = w.HTML()
        self.afwijs_keuze = w.Dropdown(
            description="Overeenkomst",
            style={"description_width": "110px"},
            layout={"width": "95%"},
        )
        self.afwijs = w.Button(
            description="Deze overeenkomst afwijzen", layout=w.Layout(width="auto", flex="0 0 auto")
        )
        self.suggesties = w.VBox()
        self.suggesties.add_class("wa-leren-suggesties")
        guard = bewaakt(self.melding)
        self.afwijs.on_click(guard(self._wijs_af))
        model.observe(lambda _c: self.vergeet(), "wijk")
        super().__init__(
            [
                w.HTML("<h4>Leren van andere wijken</h4>"),
                self.zin,
                self.tabel,
                w.HBox([self.afwijs_keuze, self.afwijs]),
                self.suggesties,
                self.melding,
            ]
        )
        self.add_class("wa-leren")
        self._indexen: list[leren.Index] | None = None
        self._vergelijking: leren.Vergelijking | None = None

    # data -----------------------------------------------------------------------------
    def vergeet(self) -> None:
        """Read the workspaces again at the next pair (another wijk was chosen)."""
        self._indexen = None

    def indexen(self) -> list[leren.Index]:
        """One index per workspace: this one first (named ""), then the others."""
        if self._indexen is None:
            uit = [leren.bouw_index(store.werkruimte_paren(self.model.path), "")]
            for pad in self.andere:
                try:
                    store.maak_werkruimte(pad)  # an older workspace: brought up to date
                    uit.append(leren.bouw_index(store.werkruimte_paren(pad), werkruimte_naam(pad)))
                except WijkanalyseFout as e:
                    self.melding.fout(f"Werkruimte {werkruimte_naam(pad)} niet gelezen: {e}")
            self._indexen = uit
        return self._indexen

    def toon(
        self, opgave_a: tuple[str, str], opgave_b: tuple[str, str], eigen_teksten: set[str]
    ) -> None:
        """Show how the pair (each opgave as (titel, transitie)) went elsewhere;
        ``eigen_teksten``: the texts of the pair's own kansen and bedreigingen."""
        afgewezen = store.afgewezen_overeenkomsten(self.model.path, self.model.wijk)
        v = leren.vergelijk_paar(self.indexen(), self.model.wijk, opgave_a, opgave_b, afgewezen)
        self._vergelijking = v
        zin = html.escape(v.zin())
        if v.n_afgewezen:
            afgewezen_n = aantal(v.n_afgewezen, "overeenkomst", "overeenkomsten")
            zin += f" <em>({afgewezen_n} afgewezen.)</em>"
        self.zin.value = f"<p>{zin}</p>"
        self.tabel.value = (
            tabel_html(overeenkomsten_tabel(v), leeg="")
            if v.overeenkomsten
            else "<p><em>Dit paar komt in geen andere wijk voor.</em></p>"
        )
        self.afwijs_keuze.options = [
            (f"{o.plaats}: {o.opgave_a['titel']} × {o.opgave_b['titel']}", o.sleutel)
            for o in v.overeenkomsten
        ]
        self.afwijs_keuze.value = self.afwijs_keuze.options[0][1] if v.overeenkomsten else None
        self.afwijs.disabled = not v.overeenkomsten
        self._toon_suggesties(v.suggesties(eigen_teksten))

    def _toon_suggesties(self, sug: list[leren.Suggestie]) -> None:
        rijen: list[w.Widget] = []
        if sug:
            rijen.append(
                w.HTML(
                    "<p>Kansen en bedreigingen uit die wijken; <strong>Overnemen</strong> "
                    "zet er een bij dit paar, als kans of bedreiging van deze wijk (met "
                    "waar hij vandaan komt; ongedaan te maken onder 'Wijzigingen').</p>"
                )
            )
        for s in sug[:MAX_SUGGESTIES]:
            it = s.item
            ook = f"; ook in {', '.join(s.ook_in)}" if s.ook_in else ""
            if s.uitvoering:
                ook += f"; uitvoering daar: {'; '.join(s.uitvoering)}"
            interventie = (
                f" — interventie: {html.escape(it['interventie'])}"
                + (
                    f" ({html.escape(it['interventie_eigenaar'])})"
                    if it["interventie_eigenaar"]
                    else ""
                )
                if it["interventie"]
                else " — nog zonder interventie"
            )
            tekst = w.HTML(
                f"<strong>{html.escape(it['soort'].capitalize())}</strong>: "
                f"{html.escape(it['tekst'])} <em>(impact {html.escape(it['impact'])}, "
                f"{html.escape(HORIZON_LABEL.get(it['horizon'], it['horizon']))})</em>"
                f"{interventie} <span style='color:#444'>· {html.escape(s.herkomst)}"
                f"{html.escape(ook)}</span>",
                layout=w.Layout(width="80%"),
            )
            knop = w.Button(
                description="Overnemen",
                tooltip=f"{it['tekst']} overnemen",
                layout=w.Layout(width="auto", flex="0 0 auto"),
            )
            knop.on_click(bewaakt(self.melding)(self._neem_over_handler(s)))
            rijen.append(w.HBox([tekst, knop]))
        if len(sug) > MAX_SUGGESTIES:
            rijen.append(w.HTML(f"<p><em>… en nog {len(sug) - MAX_SUGGESTIES}.</em></p>"))
        self.suggesties.children = rijen

    # writes ---------------------------------------------------------------------------
    def _neem_over_handler(self, s: leren.Suggestie) -> Callable[[Any], None]:
        def neem_over(_b: Any = None) -> None:
            self.neem_over(s)

        return neem_over

    def neem_over(self, s: leren.Suggestie) -> int:
        """Take a suggestion over into the shown pair; returns the new item's id."""
        kid = self._koppeling_id()
        nieuw = self.model.neem_item_over(kid, s.item, s.herkomst)
        self.melding.ok(
            f"{s.item['soort'].capitalize()} {s.herkomst}. Per ongeluk? Maak het ongedaan "
            "onder 'Wijzigingen'."
        )
        return nieuw

    def _wijs_af(self, _b: Any = None) -> None:
        v, sleutel = self._vergelijking, self.afwijs_keuze.value
        if v is None or sleutel is None:
            return
        o = next(o for o in v.overeenkomsten if o.sleutel == sleutel)
        self.model.wijs_overeenkomst_af(sleutel, o.omschrijving())
        # the model's new versie redraws the pair editor, and with it this panel
        self.melding.ok(f"Overeenkomst met {o.plaats} afgewezen; ze wordt niet meer getoond.")
