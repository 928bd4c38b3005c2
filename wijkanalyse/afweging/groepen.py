"""Looking at the scoring per group: where two groups disagree, and who has not scored
what yet.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from wijkanalyse.core.errors import InvoerFout

from .invoer import SLEUTEL, eis_kolommen, valideer_criteria, valideer_scores
from .ranglijst import stabiele_volgorde
from .totaal import gemiddelden


def onenigheid(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_a: str,
    groep_b: str,
    grens: float,
) -> pd.DataFrame:
    """(onderwerp, criterium) where the means of two groups differ by more than ``grens``.

    Columns onderwerp_soort, onderwerp_id, criterium_id, criterium (naam), gemiddelde_a,
    gemiddelde_b (as scored), verschil (a - b). Only cells both groups scored are compared;
    sorted by largest absolute difference, then stable order.
    """
    if not np.isfinite(grens) or grens < 0:
        raise InvoerFout("de grens voor onenigheid is een getal van 0 of meer", kolom="grens")
    gem = gemiddelden(scores, criteria)
    sleutel = [*SLEUTEL, "criterium_id"]
    a = gem.loc[gem["groep"] == groep_a, [*sleutel, "gemiddelde"]]
    b = gem.loc[gem["groep"] == groep_b, [*sleutel, "gemiddelde"]]
    df = a.merge(b, on=sleutel, suffixes=("_a", "_b"))
    df["verschil"] = df["gemiddelde_a"] - df["gemiddelde_b"]
    df = df[df["verschil"].abs() > grens + 1e-12]
    namen = pd.Series(criteria["naam"].to_numpy(), index=criteria["id"].to_numpy())
    df.insert(3, "criterium", df["criterium_id"].map(namen).astype(object))
    df = stabiele_volgorde(df.reset_index(drop=True))
    df = df.iloc[np.argsort(-df["verschil"].abs().to_numpy(), kind="stable")]
    return df.reset_index(drop=True)


def nog_niet_gescoord(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    onderwerpen: pd.DataFrame,
    groepen: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per groep the (onderwerp, criterium) combinations that have no score from that groep.

    ``onderwerpen`` has columns onderwerp_soort, onderwerp_id (all that should be scored);
    ``groepen`` defaults to the groups present in ``scores``. Columns: groep, onderwerp_soort,
    onderwerp_id, criterium_id, criterium.
    """
    crit = valideer_criteria(criteria)
    eis_kolommen(onderwerpen, SLEUTEL, "onderwerpen")
    if len(scores):
        valideer_scores(scores, crit)
    groep_lijst = sorted(scores["groep"].astype(str).unique()) if groepen is None else list(groepen)
    alle = (
        pd.DataFrame({"groep": groep_lijst})
        .merge(stabiele_volgorde(onderwerpen[SLEUTEL].drop_duplicates()), how="cross")
        .merge(
            crit[["id", "naam"]].rename(columns={"id": "criterium_id", "naam": "criterium"}),
            how="cross",
        )
    )
    if "geldt_voor" in crit.columns and not alle.empty:  # only what applies is asked for
        voor = alle["criterium_id"].map(dict(zip(crit["id"], crit["geldt_voor"], strict=True)))
        voor = voor.fillna("beide")
        alle = alle[(voor == "beide") | (voor == alle["onderwerp_soort"])].reset_index(drop=True)
    sleutel = ["groep", *SLEUTEL, "criterium_id"]
    if alle.empty:  # no groups, subjects or criteria yet: nothing is missing
        return pd.DataFrame({k: pd.Series(dtype="object") for k in [*sleutel, "criterium"]})
    typen = {"groep": str, "onderwerp_soort": str, "onderwerp_id": "int64", "criterium_id": "int64"}
    alle = alle.astype(typen)
    gedaan = scores[sleutel].drop_duplicates().astype(typen)
    gedaan = gedaan.assign(_gedaan=True)
    df = alle.merge(gedaan, on=sleutel, how="left")
    return df[df["_gedaan"].isna()].drop(columns="_gedaan").reset_index(drop=True)
