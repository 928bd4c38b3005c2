"""The state of one wijk in one workspace, for notebooks, widgets and the dashboard.

A ``traitlets`` model: it never imports ipywidgets. Every write goes through the store and
then bumps ``versie``; views observe ``versie`` (and ``wijk``) to redraw.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Unpack

import pandas as pd
import traitlets
from traitlets import All, HasTraits, Int, Unicode

from . import afweging, databank, demo, store
from .core import config
from .core.errors import WijkanalyseFout


class WijkModel(HasTraits):
    path = Unicode(help="Path of the workspace database")
    wijk = Unicode(help="Name of the wijk being worked on")
    versie = Int(0, help="Bumped after every write, here or (when following) by others")
    rondekeuze = Unicode(
        afweging.LAATSTE_PER_PERSOON.tekst,
        help="Which werksessie rounds the afweging counts (afweging.Rondekeuze as text: "
        "'laatste', 'alle' or 'ronde:<id>'); back to 'laatste' when the wijk changes",
    )

    _wachter = None
    _volgt_wijk = False

    # following others' changes -------------------------------------------------------
    def observe(self, handler: Any, names: Any = All, type: Any = "change") -> None:
        """A view that redraws on ``versie`` also wants others' changes: start following the
        first time anyone observes ``versie`` — in a kernel that someone looks at (Voila,
        JupyterLab), not in a batch run by papermill, where nobody else writes and redraws
        between cells only cost time."""
        super().observe(handler, names=names, type=type)
        lijst = [names] if isinstance(names, str) else names
        if self._wachter is None and (lijst is All or "versie" in lijst) and is_interactief():
            self.volg()

    def volg(self, interval: float = 0.5) -> bool:
        """Redraw when others change this wijk: watch its change counter on the kernel's
        event loop and bump ``versie`` when it moves. Only inside a running loop (a kernel);
        returns whether it follows."""
        import asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        from .databank.live import Wachter

        self.stop_volgen()
        self._wachter = Wachter(self.path, int(self.info()["id"]), interval=interval)
        self._wachter.bij_wijziging(self._door_anderen)
        self._wachter.start()
        if not self._volgt_wijk:
            self._volgt_wijk = True
            super().observe(self._andere_wijk, names="wijk")
        return True

    def stop_volgen(self) -> None:
        if self._wachter is not None:
            self._wachter.stop()
            self._wachter = None

    def _door_anderen(self) -> None:
        self.versie += 1

    def _andere_wijk(self, _change: dict[str, Any]) -> None:
        if self._wachter is not None:
            self.volg(self._wachter.interval)

    # reads ----------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        return store.wijk(self.path, self.wijk)

    def wijken(self) -> list[str]:
        return store.wijken(self.path)["naam"].tolist()

    def opgaven(self) -> pd.DataFrame:
        return store.opgaven(self.path, self.wijk)

    def koppelingen(self) -> pd.DataFrame:
        return store.koppelingen(self.path, self.wijk)

    def items(self) -> pd.DataFrame:
        return store.items(self.path, self.wijk)

    def criteria(self) -> pd.DataFrame:
        return store.criteria(self.path, self.wijk)

    def kader(self) -> dict[str, Any]:
        return store.kader(self.path, self.wijk)

    def regel(self) -> afweging.Volledigheidsregel:
        """The completeness rule of this wijk's afwegingskader."""
        k = self.kader()
        return afweging.Volledigheidsregel(k["min_groepen"], tuple(k["vereiste_groepen"]))

    def scores(self) -> pd.DataFrame:
        return store.scores(self.path, self.wijk)

    def getoonde_scores(self) -> pd.DataFrame:
        """The scores the afweging counts: :func:`afweging.kies_rondes` with ``rondekeuze``
        (by default per person the latest werksessie round)."""
        return afweging.kies_rondes(self.scores(), self.rondekeuze)

    def score_rondes(self) -> list[dict[str, Any]]:
        """The wijk's werksessie scoring rounds, each with its ``label``
        (:func:`afweging.ronde_label`)."""
        from .databank import werksessie as opslag

        rondes = opslag.score_rondes(self.path, self.wijk)
        for r in rondes:
            r["label"] = afweging.ronde_label(
                r["volgorde"], r["titel"], r["sessie_id"], r["gestart"]
            )
        return rondes

    @traitlets.observe("wijk")  # not ``observe``: the class has its own method of that name
    def _rondekeuze_terug(self, _change: dict[str, Any]) -> None:
        self.rondekeuze = afweging.LAATSTE_PER_PERSOON.tekst

    def kolomkeuzes(self, soort: str = "opgaven") -> dict[str, str]:
        """Import column choices remembered in this workspace (for every wijk)."""
        return store.kolomkeuzes(self.path, soort)

    def kader_verschillen(self, naar: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Per other wijk: what copying this wijk's afwegingskader would change there."""
        return store.kader_verschillen(self.path, self.wijk, naar)

    def besluiten(self) -> pd.DataFrame:
        return store.besluiten(self.path, self.wijk)

    def historie(self) -> pd.DataFrame:
        """Every change in this wijk, newest first (see :func:`store.historie`)."""
        return store.historie(self.path, self.wijk)

    def gevolgen_van_verwijderen(self, soort: str, ident: int) -> str:
        """The question to ask before deleting, naming what goes with it."""
        return store.gevolgen_van_verwijderen(self.path, soort, ident)

    # writes ---------------------------------------------------------------------------
    def maak_ongedaan(self) -> str:
        """Undo the newest change in this wijk; returns what was undone."""
        return self._na_schrijven(store.maak_ongedaan(self.path, self.wijk))

    def _na_schrijven(self, result: Any) -> Any:
        if self._wachter is not None:
            self._wachter.bijgewerkt()  # our own change: redrawn below, not twice
        self.versie += 1
        return result

    def voeg_opgave_toe(self, **velden: Any) -> int:
        return self._na_schrijven(store.voeg_opgave_toe(self.path, self.wijk, **velden))

    def wijzig_opgave(
        self, opgave_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
    ) -> None:
        store.wijzig_opgave(self.path, opgave_id, verwacht=verwacht, **velden)
        self._na_schrijven(None)

    def verwijder_opgave(self, opgave_id: int) -> None:
        store.verwijder_opgave(self.path, opgave_id)
        self._na_schrijven(None)

    def importeer_opgaven(self, df: pd.DataFrame) -> list[int]:
        return self._na_schrijven(store.importeer_opgaven(self.path, self.wijk, df))

    def importeer_opgaven_bijwerken(self, df: pd.DataFrame) -> dict[str, list[int]]:
        return self._na_schrijven(store.importeer_opgaven_bijwerken(self.path, self.wijk, df))

    def zet_koppeling(self, a: int, b: int, niveau: str, toelichting: str = "") -> int:
        return self._na_schrijven(
            store.zet_koppeling(self.path, self.wijk, a, b, niveau, toelichting)
        )

    def verwijder_koppeling(self, koppeling_id: int) -> None:
        store.verwijder_koppeling(self.path, koppeling_id)
        self._na_schrijven(None)

    def voeg_item_toe(self, koppeling_id: int, **velden: Any) -> int:
        return self._na_schrijven(store.voeg_item_toe(self.path, koppeling_id, **velden))

    def wijzig_item(
        self, item_id: int, *, verwacht: dict[str, Any] | None = None, **velden: Any
    ) -> None:
        store.wijzig_item(self.path, item_id, verwacht=verwacht, **velden)
        self._na_schrijven(None)

    def verwijder_item(self, item_id: int) -> None:
        store.verwijder_item(self.path, item_id)
        self._na_schrijven(None)

    def neem_item_over(self, koppeling_id: int, item: dict[str, Any], herkomst: str) -> int:
        """Store another wijk's kans or bedreiging as this wijk's own, with its origin."""
        return self._na_schrijven(store.neem_item_over(self.path, koppeling_id, item, herkomst))

    def wijs_overeenkomst_af(self, sleutel: str, omschrijving: str) -> None:
        """Keep a match with another wijk rejected (see :mod:`wijkanalyse.leren`)."""
        store.wijs_overeenkomst_af(self.path, self.wijk, sleutel, omschrijving)
        self._na_schrijven(None)

    def importeer_werkblad(self, koppelingen: pd.DataFrame, items: pd.DataFrame) -> None:
        store.importeer_werkblad(self.path, self.wijk, koppelingen, items)
        self._na_schrijven(None)

    def zet_criteria(self, df: pd.DataFrame) -> None:
        store.zet_criteria(self.path, self.wijk, df)
        self._na_schrijven(None)

    def kader_versie(self) -> str:
        return store.kader_versie(self.path, self.wijk)

    def zet_afwegingskader(
        self,
        criteria: pd.DataFrame,
        drempel: float,
        capaciteit: int,
        **opties: Unpack[store.KaderOpties],
    ) -> None:
        store.zet_afwegingskader(
            self.path, self.wijk, criteria, drempel=drempel, capaciteit=capaciteit, **opties
        )
        self._na_schrijven(None)

    def zet_kader(
        self,
        drempel: float,
        capaciteit: int,
        *,
        min_groepen: int | None = None,
        vereiste_groepen: Iterable[str] | str | None = None,
    ) -> None:
        store.zet_kader(
            self.path,
            self.wijk,
            drempel=drempel,
            capaciteit=capaciteit,
            min_groepen=min_groepen,
            vereiste_groepen=vereiste_groepen,
        )
        self._na_schrijven(None)

    def voeg_scores_toe(self, df: pd.DataFrame) -> int:
        return self._na_schrijven(store.voeg_scores_toe(self.path, self.wijk, df))

    def voeg_veel_scores_toe(self, df: pd.DataFrame) -> int:
        """Many scores at once (an import, a pasted grid); the rules of :meth:`voeg_scores_toe`."""
        return self._na_schrijven(store.voeg_veel_scores_toe(self.path, self.wijk, df))

    def schrijf_veel_scores(
        self, df: pd.DataFrame, *, bron: str | None = None
    ) -> store.ScoreTelling:
        """:meth:`voeg_veel_scores_toe`, saying how many were new, changed or left as they
        were (``bron``: where they come from, first in the history entry)."""
        telling = store.schrijf_veel_scores(self.path, self.wijk, df, bron=bron)
        return self._na_schrijven(telling) if not telling.niets_gewijzigd else telling

    def zet_kolomkeuzes(
        self, keuzes: dict[str, str], vergeten: Iterable[str] = (), soort: str = "opgaven"
    ) -> None:
        """Remember import column choices in the workspace (no change to any wijk's data)."""
        store.zet_kolomkeuzes(self.path, keuzes, vergeten, soort)

    def kopieer_kader(self, naar: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Copy this wijk's afwegingskader to other wijken (all, or ``naar``)."""
        return self._na_schrijven(store.kopieer_kader(self.path, self.wijk, naar))

    def kader_wijziging_verschillen(
        self, wijziging: store.KaderWijziging, naar: Iterable[str] | None = None
    ) -> dict[str, list[str]]:
        """Per other wijk: what applying a change of this wijk's kader would change there."""
        return store.kader_wijziging_verschillen(self.path, wijziging, naar)

    def pas_kader_wijziging_toe(
        self, wijziging: store.KaderWijziging, naar: Iterable[str] | None = None
    ) -> dict[str, list[str]]:
        """Apply a change of this wijk's kader to other wijken (all, or ``naar``)."""
        return self._na_schrijven(store.pas_kader_wijziging_toe(self.path, wijziging, naar))

    def leg_besluit_vast(
        self,
        onderwerp_soort: str,
        onderwerp_id: int,
        besluit: str,
        redenering: str,
        door: str = "",
        maakt_of_breekt: bool = False,
    ) -> int:
        return self._na_schrijven(
            store.leg_besluit_vast(
                self.path,
                self.wijk,
                onderwerp_soort,
                onderwerp_id,
                besluit,
                redenering,
                door=door,
                maakt_of_breekt=maakt_of_breekt,
            )
        )

    # uitvoering (see wijkanalyse.store.uitvoering) ------------------------------------
    def acties(self) -> pd.DataFrame:
        return store.acties(self.path, self.wijk)

    def actie_log(self, actie_id: int | None = None) -> pd.DataFrame:
        return store.actie_log(self.path, self.wijk, actie_id)

    def bedreigingen(self) -> pd.DataFrame:
        return store.bedreigingen(self.path, self.wijk)

    def terugblikken(self) -> pd.DataFrame:
        return store.terugblikken(self.path, self.wijk)

    def uitvoering_gegevens(self) -> dict[str, pd.DataFrame]:
        return store.uitvoering_gegevens(self.path, self.wijk)

    def maak_acties_uit_besluiten(self) -> list[int]:
        return self._na_schrijven(store.maak_acties_uit_besluiten(self.path, self.wijk))

    def voeg_actie_toe(self, onderwerp_soort: str, onderwerp_id: int, **velden: Any) -> int:
        return self._na_schrijven(
            store.voeg_actie_toe(self.path, self.wijk, onderwerp_soort, onderwerp_id, **velden)
        )

    def wijzig_actie(self, actie_id: int, **velden: Any) -> None:
        store.wijzig_actie(self.path, actie_id, **velden)
        self._na_schrijven(None)

    def werk_actie_bij(self, actie_id: int, tekst: str = "", **velden: Any) -> int:
        return self._na_schrijven(store.werk_actie_bij(self.path, actie_id, tekst, **velden))

    def verwijder_actie(self, actie_id: int) -> None:
        store.verwijder_actie(self.path, actie_id)
        self._na_schrijven(None)

    def zet_risico(self, item_id: int, **velden: Any) -> None:
        store.zet_risico(self.path, item_id, **velden)
        self._na_schrijven(None)

    def voeg_terugblik_toe(self, **velden: Any) -> int:
        return self._na_schrijven(store.voeg_terugblik_toe(self.path, self.wijk, **velden))


def is_interactief() -> bool:
    """A kernel behind a Voila page or a JupyterLab session (both set these variables)."""
    return any(os.environ.get(k) for k in ("VOILA_BASE_URL", "VOILA_KERNEL_ID", "JPY_SESSION_NAME"))


def werkruimte_pad(werkruimte: str | Path = "") -> Path | str:
    """The workspace to use: the given path or ``postgresql://`` URL, else
    ``$WIJKANALYSE_DB`` (set by the dashboard launcher), else the demo workspace (built
    when missing)."""
    gekozen = databank.Werkruimte.van(
        str(werkruimte).strip() or os.environ.get("WIJKANALYSE_DB", "")
    )
    if gekozen.is_url:
        return gekozen.url
    if gekozen.tekst:
        p = gekozen.pad.expanduser()
        if not p.is_file():
            raise WijkanalyseFout(
                f"Werkruimte '{p}' bestaat niet. Controleer het pad, of maak een nieuwe "
                f"werkruimte met: wijkanalyse nieuw {p}"
            )
        return p
    return demo.bouw_demo(config.demo_db())


def open_wijk(wijk: str, werkruimte: str | Path = "") -> WijkModel:
    """Entry point of every notebook: the model of ``wijk`` in ``werkruimte``.

    Also makes plotly emit its JSON mime bundle, which JupyterLab and Voila draw and the
    report exporter turns into offline HTML. Set through the environment: importing
    ``plotly.io``'s renderers costs ~2 s, which a dashboard's first paint should not pay.
    """
    os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    if "plotly.io._renderers" in sys.modules:  # already loaded: set it directly
        import plotly.io as pio

        pio.renderers.default = "plotly_mimetype"
    path = werkruimte_pad(werkruimte)
    store.maak_werkruimte(path)
    naam = store.wijk(path, wijk)["naam"]  # 'laak' is Laak; an unknown wijk: a Dutch error
    return WijkModel(path=str(path), wijk=naam)
