"""Which werksessie rounds a view counts: the scores of the view (schema 3: a score keeps
the round it was given in, ``ronde_id``).

Every view of step 3 (ranking, plots, groups, sensitivity, report, export) takes its scores
from :func:`kies_rondes`, so they all count the same scores, and says which in words
(:func:`beschrijving`). Three choices:

- ``laatste`` (the default): per person, subject and criterium the score of the latest
  round in which that person scored it; earlier rounds' rows stay in the workspace but do
  not count. A score without a round (scored outside a werksessie, or before scores
  remembered their round) counts as its own.
- one round: only the scores given in that round.
- ``alle``: every round's score counts, each as an answer of its own (who scored a subject
  in two rounds counts twice).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkanalyse.core.nl_format import datum

LAATSTE = "laatste"
ALLE = "alle"
_RONDE = "ronde:"

#: The persons whose latest round counts: scorer within their group (a werksessie
#: participant's scorer name carries the session, "Ana (werksessie 2)").
_PERSOON_CEL = ["groep", "scorer", "onderwerp_soort", "onderwerp_id", "criterium_id"]


@dataclass(frozen=True)
class Rondekeuze:
    """What a view counts: ``soort`` is ``laatste``, ``ronde`` (with ``ronde_id``) or ``alle``.

    >>> Rondekeuze.uit_tekst("ronde:7"), Rondekeuze.uit_tekst("").tekst
    (Rondekeuze(soort='ronde', ronde_id=7), 'laatste')
    """

    soort: str = LAATSTE
    ronde_id: int | None = None

    @classmethod
    def ronde(cls, ronde_id: int) -> Rondekeuze:
        return cls("ronde", int(ronde_id))

    @classmethod
    def uit_tekst(cls, tekst: str | None) -> Rondekeuze:
        """From the text a widget or a notebook parameter holds: ``laatste``, ``alle`` or
        ``ronde:<id>``; anything else is the default."""
        tekst = (tekst or "").strip()
        if tekst == ALLE:
            return cls(ALLE)
        if tekst.startswith(_RONDE) and tekst[len(_RONDE) :].isdigit():
            return cls.ronde(int(tekst[len(_RONDE) :]))
        return cls()

    @property
    def tekst(self) -> str:
        return f"{_RONDE}{self.ronde_id}" if self.soort == "ronde" else self.soort


LAATSTE_PER_PERSOON = Rondekeuze()


def _ronde_kolom(scores: pd.DataFrame) -> np.ndarray:
    """Each score's round id as float (NaN: no round)."""
    if "ronde_id" not in scores.columns:
        return np.full(len(scores), np.nan)
    return pd.to_numeric(scores["ronde_id"], errors="coerce").to_numpy(dtype=float)


def kies_rondes(
    scores: pd.DataFrame,
    keuze: Rondekeuze | str = LAATSTE_PER_PERSOON,
    volgorde: Mapping[int, int] | None = None,
) -> pd.DataFrame:
    """The scores a view counts (same columns, a new frame; the input is not changed).

    ``volgorde`` maps a round id to its place in its session (its number); without it the
    round ids give the order (rounds are numbered in the order they are made).

    >>> s = pd.DataFrame({"id": [1, 2, 3], "onderwerp_soort": "opgave", "onderwerp_id": 1,
    ...     "criterium_id": 1, "waarde": [2, 4, 3], "scorer": ["Ana (werksessie 1)"] * 2
    ...     + ["Bo"], "groep": "bewoners", "ronde_id": [10, 11, None]})
    >>> kies_rondes(s)["waarde"].tolist()  # Ana's round 11, Bo's score without a round
    [4, 3]
    >>> kies_rondes(s, Rondekeuze.ronde(10))["waarde"].tolist()
    [2]
    >>> kies_rondes(s, "alle")["scorer"].tolist()
    ['Ana (werksessie 1) · ronde 10', 'Ana (werksessie 1) · ronde 11', 'Bo']
    """
    if isinstance(keuze, str):
        keuze = Rondekeuze.uit_tekst(keuze)
    ronde = _ronde_kolom(scores)
    heeft_ronde = ~np.isnan(ronde)
    if keuze.soort == "ronde" and keuze.ronde_id is not None:
        return scores[ronde == float(keuze.ronde_id)].reset_index(drop=True)
    if keuze.soort == ALLE:
        uit = scores.reset_index(drop=True).copy()
        if heeft_ronde.any():
            nummer = [
                "" if np.isnan(r) else f" · ronde {(volgorde or {}).get(int(r), int(r))}"
                for r in ronde
            ]
            uit["scorer"] = uit["scorer"].astype(str) + pd.Series(nummer, dtype=object)
        return uit
    if not heeft_ronde.any():
        return scores.reset_index(drop=True)
    volg = volgorde or {}
    plaats = np.array([volg.get(int(r), int(r)) if r == r else -1 for r in ronde], dtype=float)
    met = scores[heeft_ronde]
    laatste = (
        pd.Series(plaats[heeft_ronde], index=met.index)
        .groupby([met[k] for k in _PERSOON_CEL], sort=False, dropna=False)
        .transform("max")
    )
    houd = np.ones(len(scores), dtype=bool)
    houd[np.flatnonzero(heeft_ronde)] = plaats[heeft_ronde] == laatste.to_numpy()
    return scores[houd].reset_index(drop=True)


def heeft_rondes(scores: pd.DataFrame) -> bool:
    """Whether any score was given in a werksessie round."""
    return bool((~np.isnan(_ronde_kolom(scores))).any())


def ronde_label(volgorde: int, titel: str, sessie_id: int, gestart: object) -> str:
    """How a round is named in pickers and sentences.

    >>> ronde_label(2, "Kosten en baten", 1, "2026-10-12T19:02:00")
    'Ronde 2 — Kosten en baten (werksessie 1, 12-10-2026)'
    """
    wanneer = datum(gestart)
    sessie = f"werksessie {sessie_id}" + (f", {wanneer}" if wanneer else "")
    return f"Ronde {volgorde} — {titel} ({sessie})"


def beschrijving(keuze: Rondekeuze | str, labels: Mapping[int, str] | None = None) -> str:
    """Which scores a view shows, in one Dutch sentence starting with 'Getoond:'.

    >>> beschrijving(LAATSTE_PER_PERSOON)[:34]
    'Getoond: laatste ronde per persoon'
    >>> beschrijving(Rondekeuze.ronde(7), {7: "Ronde 2 — Kosten"})[:35]
    'Getoond: alleen Ronde 2 — Kosten. S'
    """
    if isinstance(keuze, str):
        keuze = Rondekeuze.uit_tekst(keuze)
    if keuze.soort == "ronde" and keuze.ronde_id is not None:
        naam = (labels or {}).get(int(keuze.ronde_id), f"ronde {keuze.ronde_id}")
        return (
            f"Getoond: alleen {naam}. Scores uit andere rondes en van buiten de werksessie "
            "tellen hier niet mee."
        )
    if keuze.soort == ALLE:
        return (
            "Getoond: alle rondes samen. Wie een onderwerp in meer rondes scoorde, telt met "
            "elke ronde één keer mee."
        )
    return (
        "Getoond: laatste ronde per persoon. Wie een onderwerp in meer rondes van een "
        "werksessie scoorde, telt met de score uit de laatste van die rondes; de eerdere "
        "scores blijven bewaard. Scores van buiten een werksessie tellen gewoon mee."
    )
