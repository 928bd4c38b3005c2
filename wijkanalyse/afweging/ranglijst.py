"""The ranking with the drempel, and the best koppelingen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wijkanalyse.core import defaults

from .invoer import SLEUTEL, SOORT_VOLGORDE, eis_kolommen, valideer_drempel
from .totaal import haalt_drempel


def stabiele_volgorde(df: pd.DataFrame) -> pd.DataFrame:
    """Sort by onderwerp_soort (vocabulary order: opgave, koppeling) then onderwerp_id."""
    soort = df["onderwerp_soort"].map(SOORT_VOLGORDE).fillna(len(SOORT_VOLGORDE))
    volgorde = np.lexsort((df["onderwerp_id"].to_numpy(), soort.to_numpy()))
    return df.iloc[volgorde]


def rangschikking(
    totalen: pd.DataFrame, drempel: float, *, decimalen: int = defaults.DECIMALEN
) -> pd.DataFrame:
    """Rank fully scored onderwerpen on ``totaal`` rounded to ``decimalen``, highest first.

    Adds ``rang`` (method 'min': equal rounded totals share the best rank, the next rank is
    skipped), ``gedeeld`` (True when another onderwerp has the same rank) and ``haalt_drempel``.
    Ties keep a stable order: opgaven before koppelingen, then by id. Onderwerpen that are not
    ``volledig`` (when that column is present) or have no total (NaN) come after the ranked
    ones, with rang <NA> and haalt_drempel False. ``attrs['drempel']`` keeps the drempel for
    the figures.
    """
    eis_kolommen(totalen, (*SLEUTEL, "totaal"), "totalen")
    drempel = valideer_drempel(drempel)
    df = stabiele_volgorde(totalen.reset_index(drop=True))
    if "volledig" in df.columns:
        volledig = df["volledig"].astype(bool)
    else:
        volledig = pd.Series(True, index=df.index)
    afgerond = df["totaal"].astype(float).round(decimalen).where(volledig)
    df = df.assign(_afgerond=afgerond, _apart=~volledig)
    df = df.sort_values(["_apart"], kind="stable")
    df = df.sort_values("_afgerond", ascending=False, kind="stable", na_position="last")
    rang = df["_afgerond"].rank(method="min", ascending=False)
    df["rang"] = rang.astype("Int64")
    df["gedeeld"] = df["rang"].duplicated(keep=False) & df["rang"].notna()
    df["haalt_drempel"] = haalt_drempel(
        df["totaal"].to_numpy(dtype=float),
        drempel,
        decimalen,
        (~df["_apart"]).to_numpy(dtype=bool),
    )
    df = df.drop(columns=["_afgerond", "_apart"]).reset_index(drop=True)
    df.attrs.update(totalen.attrs)
    df.attrs["drempel"] = float(drempel)
    df.attrs["decimalen"] = int(decimalen)
    return df


def top_koppelingen(totalen_of_rangschikking: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` koppelingen with the highest totaal (ties in id order).

    Only fully scored koppelingen count (when a ``volledig`` column is present).
    Adds ``grens_gedeeld``: True on every returned row whose total equals (rounded to two
    decimals) that of the best koppeling left out, so the user sees the cut is arbitrary.
    """
    df = totalen_of_rangschikking
    eis_kolommen(df, (*SLEUTEL, "totaal"), "totalen")
    k = df[(df["onderwerp_soort"] == "koppeling") & df["totaal"].notna()]
    if "volledig" in k.columns:  # a koppeling that is not fully scored is no candidate
        k = k[k["volledig"].astype(bool)]
    k = k.sort_values("onderwerp_id", kind="stable")
    k = k.assign(_afgerond=k["totaal"].astype(float).round(2))
    k = k.sort_values("_afgerond", ascending=False, kind="stable")
    top = k.head(n).copy()
    rest = k.iloc[n:]
    grens = rest["_afgerond"].iloc[0] if len(rest) else np.nan
    top["grens_gedeeld"] = top["_afgerond"] == grens
    return top.drop(columns="_afgerond").reset_index(drop=True)


# What the tool may say about one subject: the same rule as the ranking, in words. Every text
# about a subject (resident summary, besluit picker, overview, report) takes its words from here,
# so a subject that is not fully scored is never called "onder de drempel".
STAND_NIET_GESCOORD = "nog niet gescoord"
STAND_ONVOLLEDIG = "nog niet volledig gescoord"
STAND_HAALT = "haalt de drempel"
STAND_ONDER = "onder de drempel"


def standen(rangschikking_df: pd.DataFrame) -> dict[tuple[str, int], str]:
    """Per subject in a :func:`rangschikking`: one of the ``STAND_*`` phrases.

    A subject without a total or not ``volledig`` is :data:`STAND_ONVOLLEDIG` (it has no place
    in the ranking and passes no drempel); only a ranked subject is above or below the drempel.
    Subjects absent from the ranking have no scores: use :func:`stand_van`.

    >>> rang = rangschikking(pd.DataFrame({"onderwerp_soort": ["opgave", "opgave"],
    ...     "onderwerp_id": [1, 2], "totaal": [3.31, 2.0], "volledig": [False, True]}), 3.2)
    >>> dict(sorted(standen(rang).items()))
    {('opgave', 1): 'nog niet volledig gescoord', ('opgave', 2): 'onder de drempel'}
    """
    uit: dict[tuple[str, int], str] = {}
    for r in rangschikking_df.itertuples(index=False):
        sleutel = (str(r.onderwerp_soort), int(r.onderwerp_id))
        if pd.isna(r.rang) or pd.isna(r.totaal):
            uit[sleutel] = STAND_ONVOLLEDIG
        else:
            uit[sleutel] = STAND_HAALT if bool(r.haalt_drempel) else STAND_ONDER
    return uit


def stand_van(standen_: dict[tuple[str, int], str], soort: str, onderwerp_id: int) -> str:
    """The phrase for one subject; :data:`STAND_NIET_GESCOORD` when it has no scores."""
    return standen_.get((soort, int(onderwerp_id)), STAND_NIET_GESCOORD)
