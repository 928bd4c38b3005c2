"""Means, criterium values and weighted totals per onderwerp (steps 4-7 of the formula),
and the passing rule used everywhere (:func:`haalt_drempel`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .invoer import eis_gewicht, valideer_groep_gewichten
from .schaal import Kubus, gemeenschappelijke_schaal, kubus
from .volledigheid import Volledigheidsregel, als_regel


def bijdrage_kolom(criterium_id: int) -> str:
    """Name of the contribution column of one criterium in :func:`totalen`."""
    return f"bijdrage_{int(criterium_id)}"


def onderwerp_label(onderwerp_soort: str, onderwerp_id: int) -> str:
    """Short Dutch label such as ``"opgave 3"`` when no title is at hand."""
    return f"{onderwerp_soort} {int(onderwerp_id)}"


def totaal_uit(mc: np.ndarray, masker: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Totals for weight vector(s) ``w`` of shape (C,) or (K, C): shape (S,) or (K, S)."""
    teller = (mc * masker) @ w.T
    noemer = masker.astype(float) @ w.T
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(noemer > 0, teller / np.where(noemer > 0, noemer, 1.0), np.nan).T


def haalt_drempel(
    totaal: np.ndarray, drempel: float, decimalen: int, volledig: np.ndarray | None = None
) -> np.ndarray:
    """Passing rule used everywhere: fully scored, and the rounded total (as shown) is at least
    the drempel."""
    haalt = np.round(totaal, decimalen) >= drempel - 1e-12
    if volledig is not None:
        haalt = haalt & volledig.astype(bool)
    return haalt


def gemiddelden(scores: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Mean raw score per (onderwerp_soort, onderwerp_id, groep, criterium_id), plus ``n``.

    ``gemiddelde`` is on the scale as scored (not reversed for cost criteria); ``n`` is the
    number of scorers (each scorer's latest score counts once).
    """
    k = kubus(scores, criteria)
    s, g, c = np.nonzero(k.n)
    return pd.DataFrame(
        {
            "onderwerp_soort": k.onderwerpen["onderwerp_soort"].to_numpy()[s],
            "onderwerp_id": k.onderwerpen["onderwerp_id"].to_numpy()[s],
            "groep": k.groepen[g].astype(object) if len(s) else np.array([], dtype=object),
            "criterium_id": k.crit["id"].to_numpy(dtype=np.int64)[c],
            "gemiddelde": k.som[s, g, c] / k.n[s, g, c],
            "n": k.n[s, g, c].astype(np.int64),
        }
    )


def criterium_waarden(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_gewichten: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The value each criterium counts with, per onderwerp (step 4 of the formula).

    Columns onderwerp_soort, onderwerp_id, criterium_id, waarde: the group-weighted mean,
    reversed for 'lager is beter' and on the common scale. Only scored cells appear.
    """
    valideer_groep_gewichten(groep_gewichten)
    k = kubus(scores, criteria)
    mc, masker = k.per_criterium(groep_gewichten)
    s, c = np.nonzero(masker)
    return pd.DataFrame(
        {
            "onderwerp_soort": k.onderwerpen["onderwerp_soort"].to_numpy()[s],
            "onderwerp_id": k.onderwerpen["onderwerp_id"].to_numpy()[s],
            "criterium_id": k.crit["id"].to_numpy(dtype=np.int64)[c],
            "waarde": mc[s, c],
        }
    )


def _ontbrekend(masker: np.ndarray, namen: np.ndarray) -> list[str]:
    return [", ".join(namen[~rij]) for rij in masker]


def _totalen_uit_kubus(
    k: Kubus, groep_gewichten: Mapping[str, float] | None, regel: Volledigheidsregel
) -> pd.DataFrame:
    w = k.gewichten
    mc, masker = k.per_criterium(groep_gewichten)
    totaal = totaal_uit(mc, masker, w)
    noemer = masker.astype(float) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        bijdrage = np.where(masker, mc * w, 0.0) / noemer[:, None]
    volledig, redenen = k.volledigheid(regel)
    uit = k.onderwerpen.copy()
    uit["totaal"] = totaal
    uit["volledig"] = volledig
    geldt = k.geldt()  # a criterium that does not apply is not missing
    gevuld = masker if geldt is None else masker | ~geldt
    uit["ontbrekend"] = _ontbrekend(gevuld, k.crit["naam"].astype(str).to_numpy())
    uit["reden_onvolledig"] = redenen
    for j, cid in enumerate(k.crit["id"]):
        uit[bijdrage_kolom(cid)] = bijdrage[:, j]
    uit.attrs["schaal"] = gemeenschappelijke_schaal(k.crit)
    uit.attrs["regel"] = regel.beschrijving()
    return uit


def kubus_voor_totalen(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_gewichten: Mapping[str, float] | None,
) -> Kubus:
    """Validated cube for anything that weighs: refuses all-zero (group) weights."""
    valideer_groep_gewichten(groep_gewichten)
    k = kubus(scores, criteria)
    eis_gewicht(k.crit)
    valideer_groep_gewichten(groep_gewichten, [str(g) for g in k.groepen])
    return k


def totalen(
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    groep_gewichten: Mapping[str, float] | None = None,
    *,
    regel: Volledigheidsregel | None = None,
) -> pd.DataFrame:
    """Weighted total per onderwerp on the common scale (see :data:`FORMULE_UITLEG`).

    Columns: onderwerp_soort, onderwerp_id, totaal, volledig (every criterium scored by the
    groups ``regel`` asks for), ontbrekend (names of criteria nobody scored for this onderwerp,
    joined by ", "; "" when none), reden_onvolledig (Dutch reason, "" when volledig) and one
    ``bijdrage_<criterium_id>`` per criterium (0.0 when unscored) that add up to totaal.
    Groups missing from ``groep_gewichten`` weigh 1. All-zero weights or group weights are
    refused. Onderwerpen without any score are absent (see :func:`nog_niet_gescoord`).
    ``attrs['schaal']`` is the common scale, ``attrs['regel']`` the rule in words.
    """
    regel = als_regel(regel)
    return _totalen_uit_kubus(
        kubus_voor_totalen(scores, criteria, groep_gewichten), groep_gewichten, regel
    )


def totalen_per_groep(scores: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Total per onderwerp as each groep alone would have it.

    Columns onderwerp_soort, onderwerp_id, groep, totaal, volledig. Only (onderwerp, groep)
    pairs with at least one score appear.
    """
    k = kubus(scores, criteria)
    eis_gewicht(k.crit)
    heeft = k.n > 0  # (S, G, C)
    m = np.where(heeft, k.gericht(), 0.0)
    w = k.gewichten
    teller = np.einsum("sgc,c->sg", m, w)
    noemer = np.einsum("sgc,c->sg", heeft.astype(float), w)
    with np.errstate(invalid="ignore", divide="ignore"):
        totaal = np.where(noemer > 0, teller / np.where(noemer > 0, noemer, 1.0), np.nan)
    s, g = np.nonzero(heeft.any(axis=2))
    return pd.DataFrame(
        {
            "onderwerp_soort": k.onderwerpen["onderwerp_soort"].to_numpy()[s],
            "onderwerp_id": k.onderwerpen["onderwerp_id"].to_numpy()[s],
            "groep": k.groepen[g].astype(object) if len(s) else np.array([], dtype=object),
            "totaal": totaal[s, g],
            "volledig": np.asarray(heeft.all(axis=2))[s, g],
        }
    )
