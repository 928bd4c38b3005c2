"""From scores to means: each scorer's latest score, the mean per onderwerp x groep x
criterium, cost criteria reversed and every criterium put on the kader's common scale
(steps 1-3 of :data:`~wijkanalyse.afweging.FORMULE_UITLEG`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkanalyse.core.vocabulary import ONDERWERP_SOORTEN

from .invoer import (
    SCORE_KOLOMMEN,
    eis_kolommen,
    factor_codes,
    valideer_criteria,
    valideer_en_codeer_scores,
)
from .volledigheid import Volledigheidsregel, volledig_gescoord


def gemeenschappelijke_schaal(criteria: pd.DataFrame) -> tuple[int, int]:
    """The common scale (L, H) of a kader: the scale most criteria use (first on a tie).

    >>> crit = pd.DataFrame({"schaal_min": [0, 1, 1], "schaal_max": [100, 5, 5]})
    >>> gemeenschappelijke_schaal(crit)
    (1, 5)
    """
    if len(criteria) == 0:
        return (1, 5)
    paren = list(
        zip(criteria["schaal_min"].astype(int), criteria["schaal_max"].astype(int), strict=True)
    )
    tel: dict[tuple[int, int], int] = {}
    for p in paren:
        tel[p] = tel.get(p, 0) + 1
    beste = max(tel.values())
    lo, hi = next(p for p in paren if tel[p] == beste)
    return int(lo), int(hi)


@dataclass(frozen=True)
class Kubus:
    """Means per (onderwerp, groep, criterium) after keeping each scorer's latest score."""

    crit: pd.DataFrame  # validated criteria, in display order
    onderwerpen: pd.DataFrame  # onderwerp_soort, onderwerp_id; sorted by soort order, then id
    groepen: np.ndarray  # group names, sorted
    som: np.ndarray  # (S, G, C) sum of raw scores
    n: np.ndarray  # (S, G, C) number of scorers

    @property
    def gewichten(self) -> np.ndarray:
        return self.crit["gewicht"].to_numpy(dtype=float)

    def gericht(self) -> np.ndarray:
        """(S, G, C) mean, 'higher is better', on the common scale; NaN where nobody scored."""
        with np.errstate(invalid="ignore", divide="ignore"):
            m = self.som / self.n
        kosten = (self.crit["richting"] == "lager is beter").to_numpy()
        lo = self.crit["schaal_min"].to_numpy(dtype=float)
        hi = self.crit["schaal_max"].to_numpy(dtype=float)
        m = np.where(kosten, lo + hi - m, m)
        doel_lo, doel_hi = gemeenschappelijke_schaal(self.crit)
        if np.all(lo == doel_lo) and np.all(hi == doel_hi):
            return m
        return doel_lo + (doel_hi - doel_lo) * (m - lo) / (hi - lo)

    def geldt(self) -> np.ndarray | None:
        """(S, C) whether a criterium applies to the onderwerp (its ``geldt_voor``: 'beide',
        'opgave' or 'koppeling'); None when the criteria do not say."""
        if "geldt_voor" not in self.crit.columns:
            return None
        voor = self.crit["geldt_voor"].fillna("beide").astype(str).to_numpy()
        soort = self.onderwerpen["onderwerp_soort"].astype(str).to_numpy()
        return (voor[None, :] == "beide") | (voor[None, :] == soort[:, None])

    def volledigheid(self, regel: Volledigheidsregel) -> tuple[np.ndarray, list[str]]:
        """(S,) 'fully scored under the rule' and per onderwerp the Dutch reason if not;
        only the criteria that apply to an onderwerp are asked of it."""
        return volledig_gescoord(self.n > 0, self.groepen, self.crit["naam"], regel, self.geldt())

    def per_criterium(self, groep_gewichten: Mapping[str, float] | None) -> tuple[np.ndarray, ...]:
        """(S, C) group-weighted mean per criterium and (S, C) mask 'has a score'."""
        a = np.ones(len(self.groepen))
        if groep_gewichten:
            a = np.array([float(groep_gewichten.get(g, 1.0)) for g in self.groepen])
        heeft = self.n > 0
        geldt = self.geldt()
        if geldt is not None:  # a score on a criterium that does not apply does not count
            heeft = heeft & geldt[:, None, :]
        m = np.where(heeft, self.gericht(), 0.0)
        teller = np.einsum("sgc,g->sc", m, a)
        noemer = np.einsum("sgc,g->sc", heeft.astype(float), a)
        masker = noemer > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            mc = np.where(masker, teller / np.where(masker, noemer, 1.0), 0.0)
        return mc, masker


def kubus(scores: pd.DataFrame, criteria: pd.DataFrame, *, eerste_rij: int = 1) -> Kubus:
    crit = valideer_criteria(criteria)
    c_n = len(crit)
    if len(scores) == 0:
        eis_kolommen(scores, SCORE_KOLOMMEN, "scores")
        leeg = np.zeros((0, 0, c_n))
        return Kubus(
            crit,
            pd.DataFrame(
                {
                    "onderwerp_soort": pd.Series([], dtype=object),
                    "onderwerp_id": pd.Series([], dtype="int64"),
                }
            ),
            np.array([], dtype=object),
            leeg,
            leeg.copy(),
        )
    crit_pos, codes, waarde = valideer_en_codeer_scores(scores, crit, eerste_rij=eerste_rij)
    crit_pos = crit_pos.astype(np.int64)

    soort_code = codes["onderwerp_soort"][0]
    id_code, id_uniek = factor_codes(scores["onderwerp_id"].astype("int64"))
    sleutel = soort_code * len(id_uniek) + id_code  # sorts as (soort order, id)
    s_code, s_uniek = factor_codes(pd.Series(sleutel), sort=True)
    g_code, groepen = codes["groep"]
    p_code, p_uniek = codes["scorer"]
    s_n, g_n = len(s_uniek), len(groepen)

    cel = (s_code * g_n + g_code) * c_n + crit_pos
    per_scorer = cel * len(p_uniek) + p_code
    cellen = s_n * g_n * c_n * len(p_uniek)
    if cellen <= 50_000_000:
        dubbel = np.bincount(per_scorer, minlength=cellen).max(initial=0) > 1
    else:
        dubbel = bool(pd.Series(per_scorer).duplicated().any())
    if dubbel:
        # Someone scored the same cell more than once: keep the latest (moment, then id).
        sleutels: list[np.ndarray] = []
        if "id" in scores.columns:
            sleutels.append(pd.to_numeric(scores["id"], errors="coerce").fillna(-1).to_numpy())
        if "moment" in scores.columns:
            sleutels.append(factor_codes(scores["moment"].astype(str))[0])
        sleutels.append(per_scorer)
        volgorde = np.lexsort(sleutels)
        gesorteerd = per_scorer[volgorde]
        laatste = np.ones(len(gesorteerd), dtype=bool)
        laatste[:-1] = gesorteerd[1:] != gesorteerd[:-1]
        houd = volgorde[laatste]
        cel, waarde = cel[houd], waarde[houd]

    grootte = s_n * g_n * c_n
    som = np.bincount(cel, weights=waarde, minlength=grootte).reshape(s_n, g_n, c_n)
    n = np.bincount(cel, minlength=grootte).reshape(s_n, g_n, c_n).astype(float)
    onderwerpen = pd.DataFrame(
        {
            "onderwerp_soort": np.array(ONDERWERP_SOORTEN, dtype=object)[s_uniek // len(id_uniek)],
            "onderwerp_id": id_uniek[s_uniek % len(id_uniek)].astype("int64"),
        }
    )
    return Kubus(crit, onderwerpen, groepen, som, n)
