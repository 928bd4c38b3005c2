"""How sure is the ranking: weights changed one at a time, random weights around the
agreed ones, and the smallest weight change that changes the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from wijkanalyse.core import defaults
from wijkanalyse.core.errors import InvoerFout

from .invoer import SLEUTEL, valideer_drempel
from .schaal import Kubus
from .totaal import haalt_drempel, kubus_voor_totalen, onderwerp_label, totaal_uit
from .volledigheid import Volledigheidsregel, als_regel


def _top3_per_soort(tot: np.ndarray, soorten: np.ndarray, n_top: int = 3) -> np.ndarray:
    """(K, S) bool: within its own soort, no more than n_top-1 onderwerpen score higher."""
    top = np.zeros(tot.shape, dtype=bool)
    geldig = np.isfinite(tot)
    for soort in np.unique(soorten):
        kol = np.flatnonzero(soorten == soort)
        sub = np.where(geldig[:, kol], tot[:, kol], -np.inf)
        if len(kol) <= n_top:
            top[:, kol] = geldig[:, kol]
            continue
        grens = np.partition(sub, len(kol) - n_top, axis=1)[:, len(kol) - n_top]
        top[:, kol] = (sub >= grens[:, None]) & geldig[:, kol]
    return top


def gevoeligheid_een_voor_een(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    stap: float = 0.25,
    groep_gewichten: Mapping[str, float] | None = None,
    decimalen: int = defaults.DECIMALEN,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """Change one weight at a time by -stap and +stap; who passes the drempel then?

    One row per (criterium, factor): criterium_id, criterium, factor, nieuw_gewicht, erbij
    (onderwerpen that newly pass, e.g. "opgave 3, koppeling 2"), eraf (that no longer pass),
    aantal_gewijzigd. Onderwerpen that are not fully scored never pass, so never appear.
    """
    drempel = valideer_drempel(drempel)
    if not 0 <= stap <= 1:
        raise InvoerFout("de stap is een fractie tussen 0 en 1", kolom="stap")
    k = kubus_voor_totalen(scores, criteria, groep_gewichten)
    volledig = k.volledigheid(als_regel(regel))[0]
    return _een_voor_een(k, drempel, stap, groep_gewichten, decimalen, volledig)[0]


def _een_voor_een(
    k: Kubus,
    drempel: float,
    stap: float,
    groep_gewichten: Mapping[str, float] | None,
    decimalen: int,
    volledig: np.ndarray,
) -> tuple[pd.DataFrame, np.ndarray]:
    w = k.gewichten
    c_n = len(w)
    mc, masker = k.per_criterium(groep_gewichten)
    basis = haalt_drempel(totaal_uit(mc, masker, w), drempel, decimalen, volledig)
    factoren = np.tile([1 - stap, 1 + stap], c_n)
    wijzig = np.tile(w, (2 * c_n, 1))
    rij = np.arange(2 * c_n)
    wijzig[rij, rij // 2] *= factoren
    haalt = haalt_drempel(totaal_uit(mc, masker, wijzig), drempel, decimalen, volledig)  # (2C, S)
    labels = np.array(
        [onderwerp_label(s, i) for s, i in k.onderwerpen[SLEUTEL].itertuples(index=False)],
        dtype=object,
    )
    erbij = haalt & ~basis
    eraf = ~haalt & basis
    df = pd.DataFrame(
        {
            "criterium_id": np.repeat(k.crit["id"].to_numpy(dtype=np.int64), 2),
            "criterium": np.repeat(k.crit["naam"].to_numpy(dtype=object), 2),
            "factor": factoren,
            "nieuw_gewicht": wijzig[rij, rij // 2],
            "erbij": [", ".join(labels[r]) for r in erbij],
            "eraf": [", ".join(labels[r]) for r in eraf],
            "aantal_gewijzigd": (erbij | eraf).sum(axis=1).astype(np.int64),
        }
    )
    return df, (erbij | eraf).any(axis=0)


def gevoeligheid(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    n_trekkingen: int = defaults.N_TREKKINGEN,
    spreiding: float = defaults.SPREIDING,
    seed: int = defaults.SEED,
    groep_gewichten: Mapping[str, float] | None = None,
    decimalen: int = defaults.DECIMALEN,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """How robust is the outcome when the agreed weights are a little different?

    Draws ``n_trekkingen`` weightings, each weight uniformly within ±``spreiding`` (a fraction)
    of its agreed value, with a seeded generator (same seed, same result). Per onderwerp:
    totaal and haalt_drempel with the agreed weights, aandeel_drempel (share of weightings in
    which it passes), aandeel_top3 (share in which it is among the best three of its own soort,
    ties included), min_totaal, max_totaal, and wisselt_een_voor_een (True when changing one
    weight by ±spreiding on its own flips whether it passes). An onderwerp that is not fully
    scored (see ``regel``) never passes and is never in a top 3.
    """
    drempel = valideer_drempel(drempel)
    if n_trekkingen < 1:
        raise InvoerFout("het aantal trekkingen moet minstens 1 zijn", kolom="n_trekkingen")
    if not 0 <= spreiding <= 1:
        raise InvoerFout("de spreiding is een fractie tussen 0 en 1", kolom="spreiding")
    k = kubus_voor_totalen(scores, criteria, groep_gewichten)
    volledig = k.volledigheid(als_regel(regel))[0]
    w = k.gewichten
    mc, masker = k.per_criterium(groep_gewichten)
    rng = np.random.default_rng(seed)
    trekking = w * rng.uniform(1 - spreiding, 1 + spreiding, size=(n_trekkingen, len(w)))
    tot = totaal_uit(mc, masker, trekking)  # (K, S): one matrix product per numerator/denominator
    if tot.ndim == 1:
        tot = tot.reshape(n_trekkingen, -1)
    afgerond = np.round(tot, decimalen)
    soorten = k.onderwerpen["onderwerp_soort"].to_numpy()
    uit = k.onderwerpen.copy()
    basis = totaal_uit(mc, masker, w)
    uit["totaal"] = basis
    uit["volledig"] = volledig
    uit["haalt_drempel"] = haalt_drempel(basis, drempel, decimalen, volledig)
    uit["aandeel_drempel"] = haalt_drempel(tot, drempel, decimalen, volledig).mean(axis=0)
    afgerond = np.where(volledig[None, :], afgerond, np.nan)
    uit["aandeel_top3"] = _top3_per_soort(afgerond, soorten).mean(axis=0)
    geldig = np.isfinite(tot)
    heeft_totaal = geldig.any(axis=0)
    laagste = np.where(geldig, tot, np.inf).min(axis=0, initial=np.inf)
    hoogste = np.where(geldig, tot, -np.inf).max(axis=0, initial=-np.inf)
    uit["min_totaal"] = np.where(heeft_totaal, laagste, np.nan)
    uit["max_totaal"] = np.where(heeft_totaal, hoogste, np.nan)
    _, wisselt = _een_voor_een(k, drempel, spreiding, groep_gewichten, decimalen, volledig)
    uit["wisselt_een_voor_een"] = wisselt
    return uit


def kleinste_wijziging(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    drempel: float,
    *,
    groep_gewichten: Mapping[str, float] | None = None,
    decimalen: int = defaults.DECIMALEN,
    max_factor: float = 10.0,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """Per criterium: the smallest change of that one weight that changes who passes.

    With all other weights fixed, a total is ``(A + f*w*m) / (B + f*w)`` for weight factor f,
    so passing (``total >= d``) is the sign of the straight line ``(A - d*B) + f*w*(m - d)``:
    each onderwerp flips at most once, at a point found exactly. Factors in [0, max_factor]
    are searched. ``d`` is the drempel minus half the last shown decimal (rounded totals count).

    Columns: criterium_id, criterium, gewicht, factor (new weight / agreed weight),
    relatieve_wijziging (factor - 1, e.g. -0.3 = 30% lower), nieuw_gewicht, onderwerp_soort,
    onderwerp_id, wordt ("haalt de drempel" / "valt onder de drempel"). NaN / <NA> when no
    factor in range changes anything. Onderwerpen that are not fully scored cannot pass
    whatever the weights, so they are left out.
    """
    drempel = valideer_drempel(drempel)
    k = kubus_voor_totalen(scores, criteria, groep_gewichten)
    volledig = k.volledigheid(als_regel(regel))[0]
    w = k.gewichten
    mc, masker = k.per_criterium(groep_gewichten)
    d = drempel - 0.5 * 10.0**-decimalen
    basis = haalt_drempel(totaal_uit(mc, masker, w), drempel, decimalen, volledig)
    a_tot = (mc * masker) @ w  # (S,)
    b_tot = masker.astype(float) @ w
    rijen = []
    onderwerp_soort = k.onderwerpen["onderwerp_soort"].to_numpy()
    onderwerp_id = k.onderwerpen["onderwerp_id"].to_numpy()
    for j, cid in enumerate(k.crit["id"].to_numpy(dtype=np.int64)):
        rij: dict[str, object] = {
            "criterium_id": cid,
            "criterium": k.crit["naam"].iloc[j],
            "gewicht": w[j],
            "factor": np.nan,
            "relatieve_wijziging": np.nan,
            "nieuw_gewicht": np.nan,
            "onderwerp_soort": None,
            "onderwerp_id": pd.NA,
            "wordt": None,
        }
        if w[j] > 0 and len(onderwerp_id):
            heeft = masker[:, j]
            a = np.where(heeft, a_tot - w[j] * mc[:, j], a_tot)
            b = np.where(heeft, b_tot - w[j], b_tot)
            # line g(f) = (a - d*b) + f * w * (m - d); zero where it crosses
            helling = np.where(heeft, w[j] * (mc[:, j] - d), 0.0)
            with np.errstate(invalid="ignore", divide="ignore"):
                f = np.where(helling != 0, -(a - d * b) / helling, np.nan)
            # at f = 0 an onderwerp scored only on this criterium has no total: not a flip point
            kandidaat = np.isfinite(f) & (f >= 0) & (f <= max_factor) & ~((f == 0) & (b == 0))
            kandidaat &= (np.abs(f - 1) > 1e-12) & volledig
            if kandidaat.any():
                afstand = np.where(kandidaat, np.abs(f - 1), np.inf)
                best = int(np.argmin(afstand))  # first in stable order on equal distance
                rij.update(
                    factor=f[best],
                    relatieve_wijziging=f[best] - 1,
                    nieuw_gewicht=f[best] * w[j],
                    onderwerp_soort=onderwerp_soort[best],
                    onderwerp_id=int(onderwerp_id[best]),
                    wordt="valt onder de drempel" if basis[best] else "haalt de drempel",
                )
        rijen.append(rij)
    df = pd.DataFrame(rijen)
    if len(df):
        df["onderwerp_id"] = df["onderwerp_id"].astype("Int64")
        df = df.astype({"criterium_id": "int64", "gewicht": float, "factor": float})
    return df
