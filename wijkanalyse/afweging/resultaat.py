"""Everything step 3 shows in one call (:func:`afweeg`) and one result object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from wijkanalyse.core import defaults

from .gevoeligheidsanalyse import gevoeligheid, kleinste_wijziging
from .invoer import valideer_drempel
from .ranglijst import rangschikking, top_koppelingen
from .totaal import totalen
from .uitleg import FORMULE_UITLEG
from .volledigheid import Volledigheidsregel, als_regel


@dataclass(frozen=True)
class Afweging:
    """Everything step 3 shows, computed once with the same weights."""

    drempel: float
    totalen: pd.DataFrame
    ranglijst: pd.DataFrame
    gevoeligheid: pd.DataFrame
    kleinste_wijziging: pd.DataFrame
    top_koppelingen: pd.DataFrame
    uitleg: str = FORMULE_UITLEG
    regel: Volledigheidsregel = field(default_factory=Volledigheidsregel)

    @property
    def gehaald(self) -> pd.DataFrame:
        """Onderwerpen that pass the drempel, in ranking order."""
        return self.ranglijst[self.ranglijst["haalt_drempel"]].reset_index(drop=True)

    @property
    def gerangschikt(self) -> pd.DataFrame:
        """Fully scored onderwerpen, in ranking order."""
        return self.ranglijst[self.ranglijst["rang"].notna()].reset_index(drop=True)

    @property
    def onvolledig(self) -> pd.DataFrame:
        """Onderwerpen not fully scored (no place, never passing), with the reason."""
        r = self.ranglijst
        if "volledig" not in r.columns:
            return r.iloc[0:0]
        return r[~r["volledig"].astype(bool)].reset_index(drop=True)


def afweeg(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    groep_gewichten: Mapping[str, float] | None = None,
    n_trekkingen: int = defaults.N_TREKKINGEN,
    spreiding: float = defaults.SPREIDING,
    seed: int = defaults.SEED,
    decimalen: int = defaults.DECIMALEN,
    regel: Volledigheidsregel | None = None,
) -> Afweging:
    """Totals, ranking, sensitivity and top koppelingen in one result object."""
    drempel = valideer_drempel(drempel)
    regel = als_regel(regel)
    tot = totalen(scores, criteria, groep_gewichten, regel=regel)
    rang = rangschikking(tot, drempel, decimalen=decimalen)
    gev = gevoeligheid(
        scores,
        criteria,
        drempel,
        n_trekkingen=n_trekkingen,
        spreiding=spreiding,
        seed=seed,
        groep_gewichten=groep_gewichten,
        decimalen=decimalen,
        regel=regel,
    )
    kw = kleinste_wijziging(
        scores, criteria, drempel, groep_gewichten=groep_gewichten, decimalen=decimalen, regel=regel
    )
    return Afweging(float(drempel), tot, rang, gev, kw, top_koppelingen(rang), regel=regel)
