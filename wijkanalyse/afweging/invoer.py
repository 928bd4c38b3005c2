"""Checks on the tables that go in (criteria, scores, group weights, drempel).

Every function raises :class:`~wijkanalyse.core.errors.InvoerFout` with a Dutch message naming
row and column. A single score is checked by :func:`wijkanalyse.core.validation.score` (for a
column: :func:`~wijkanalyse.core.validation.scores`), the rule forms, imports and the store use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from wijkanalyse.core import validation
from wijkanalyse.core.errors import InvoerFout
from wijkanalyse.core.vocabulary import ONDERWERP_SOORTEN, RICHTINGEN

SCORE_KOLOMMEN = ("onderwerp_soort", "onderwerp_id", "criterium_id", "waarde", "scorer", "groep")


CRITERIUM_KOLOMMEN = ("id", "naam", "richting", "gewicht", "schaal_min", "schaal_max")


SLEUTEL = ["onderwerp_soort", "onderwerp_id"]


SOORT_VOLGORDE = {s: i for i, s in enumerate(ONDERWERP_SOORTEN)}


def eis_kolommen(df: pd.DataFrame, kolommen: Sequence[str], tabel: str) -> None:
    for kolom in kolommen:
        if kolom not in df.columns:
            raise InvoerFout(f"de kolom ontbreekt in de tabel {tabel}", kolom=kolom)


def valideer_criteria(criteria: pd.DataFrame, *, eerste_rij: int = 1) -> pd.DataFrame:
    """Check the criteria table; return it ordered by ``volgorde`` (then id) with a clean index.

    ``eerste_rij`` is the number the user sees for the first row (2 for a file with a header).
    """
    eis_kolommen(criteria, CRITERIUM_KOLOMMEN, "criteria")
    crit = criteria.reset_index(drop=True)

    def fout(pos: int, kolom: str, melding: str) -> InvoerFout:
        return InvoerFout(melding, rij=int(pos) + eerste_rij, kolom=kolom)

    dubbel = crit["id"].duplicated()
    if dubbel.any():
        pos = int(np.flatnonzero(dubbel.to_numpy())[0])
        return_id = crit["id"].iloc[pos]
        raise fout(pos, "id", f"criterium-id {return_id} komt twee keer voor")
    for pos, richting in enumerate(crit["richting"]):
        if richting not in RICHTINGEN:
            raise fout(
                pos,
                "richting",
                f"richting '{richting}' is onbekend; kies uit " + " of ".join(RICHTINGEN),
            )
    gewicht = pd.to_numeric(crit["gewicht"], errors="coerce").to_numpy(dtype=float)
    slecht = ~np.isfinite(gewicht) | (gewicht < 0)
    if slecht.any():  # the first refused row, in the store's words
        pos = int(np.flatnonzero(slecht)[0])
        ruw = crit["gewicht"].iloc[pos]
        anders = f"Gewicht: '{ruw}' is geen getal; kies {validation.bereik(0, None)}."
        raise fout(pos, "gewicht", _melding(lambda: validation.criterium_gewicht(ruw), anders))
    lo = pd.to_numeric(crit["schaal_min"], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(crit["schaal_max"], errors="coerce").to_numpy(dtype=float)
    heel = np.isfinite(lo) & np.isfinite(hi) & (lo == np.round(lo)) & (hi == np.round(hi))
    slecht = ~heel | ~(lo < hi)
    if slecht.any():
        pos = int(np.flatnonzero(slecht)[0])
        a, b = crit["schaal_min"].iloc[pos], crit["schaal_max"].iloc[pos]
        anders = (
            f"Schaal: '{a}'–'{b}' kan niet; kies twee hele getallen, de hoogste groter dan de "
            "laagste."
        )
        melding = _melding(lambda: validation.schaal(a, b), anders)
        raise fout(pos, "schaal_min" if melding.startswith("Laagste") else "schaal_max", melding)
    if "volgorde" in crit.columns:
        crit = crit.sort_values(["volgorde", "id"], kind="stable").reset_index(drop=True)
    return crit


def _beschrijf_waarde(waarde: object) -> str:
    if waarde is None or (isinstance(waarde, float) and np.isnan(waarde)) or waarde is pd.NA:
        return "een lege waarde"
    return f"'{waarde}'"


def valideer_scores(scores: pd.DataFrame, criteria: pd.DataFrame, *, eerste_rij: int = 1) -> None:
    """Refuse scores that do not fit the afwegingskader.

    Raises :class:`InvoerFout` for a missing column, an unknown onderwerp_soort, an unknown
    criterium_id, a missing scorer or groep, a ``waarde`` that is not a whole number or lies
    off the criterium's scale. ``rij`` in the error is the position in ``scores`` counted from
    ``eerste_rij`` (1 = first data row; pass 2 for a file whose row 1 is the header).
    """
    crit = valideer_criteria(criteria)
    valideer_en_codeer_scores(scores, crit, eerste_rij=eerste_rij)


def valideer_en_codeer_scores(
    scores: pd.DataFrame, crit: pd.DataFrame, *, eerste_rij: int
) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """Validate; return each score's criterium position in ``crit``, column codes and the
    scores as numbers. A score itself is checked by
    :func:`wijkanalyse.core.validation.scores`, the rule forms, imports and the store use."""
    eis_kolommen(scores, SCORE_KOLOMMEN, "scores")
    ids = scores["id"].to_numpy() if "id" in scores.columns else None

    def fout(pos: int, kolom: str, melding: str) -> InvoerFout:
        if ids is not None:
            melding = f"{melding} (score-id {ids[pos]})"
        return InvoerFout(melding, rij=int(pos) + eerste_rij, kolom=kolom)

    def weiger_eerste(slecht: np.ndarray, kolom: str, melding: str) -> None:
        """Refuse the first score marked ``slecht``; ``{waarde}`` in ``melding`` names its
        value in ``kolom``."""
        if slecht.any():
            pos = int(np.flatnonzero(slecht)[0])
            raise fout(
                pos, kolom, melding.format(waarde=_beschrijf_waarde(scores[kolom].iloc[pos]))
            )

    soort_code, soort_uniek = factor_codes(scores["onderwerp_soort"], sort=False)
    soort_map = np.array([SOORT_VOLGORDE.get(s, -1) for s in soort_uniek], dtype=np.int64)
    soort_code = np.where(soort_code >= 0, soort_map[soort_code] if len(soort_map) else -1, -1)
    weiger_eerste(
        soort_code < 0,
        "onderwerp_soort",
        "{waarde} is geen soort onderwerp; kies uit " + " of ".join(ONDERWERP_SOORTEN),
    )
    onderwerp = pd.to_numeric(scores["onderwerp_id"], errors="coerce").to_numpy(dtype=float)
    slecht = ~np.isfinite(onderwerp) | (onderwerp != np.round(onderwerp))
    weiger_eerste(slecht, "onderwerp_id", "het onderwerp-id ontbreekt of is geen geheel getal")
    codes: dict[str, tuple[np.ndarray, np.ndarray]] = {"onderwerp_soort": (soort_code, soort_uniek)}
    for kolom, wat in (("scorer", "de naam van de scorer"), ("groep", "de groep")):
        code, uniek = factor_codes(scores[kolom], sort=kolom == "groep")
        leeg_uniek = np.array([not isinstance(u, str) or not u.strip() for u in uniek], dtype=bool)
        leeg = code < 0
        if leeg_uniek.any():
            leeg |= leeg_uniek[np.maximum(code, 0)] & (code >= 0)
        weiger_eerste(leeg, kolom, f"{wat} ontbreekt")
        codes[kolom] = (code, uniek)

    crit_pos = pd.Index(crit["id"]).get_indexer(scores["criterium_id"])
    weiger_eerste(
        crit_pos < 0, "criterium_id", "criterium {waarde} staat niet in het afwegingskader"
    )

    lo = crit["schaal_min"].to_numpy(dtype=float)[crit_pos]
    hi = crit["schaal_max"].to_numpy(dtype=float)[crit_pos]
    namen = crit["naam"].astype(str).to_numpy()[crit_pos]
    v, geweigerd = validation.scores(scores["waarde"], lo, hi, namen)
    if geweigerd is not None:
        raise fout(geweigerd[0], "waarde", geweigerd[1])
    return crit_pos, codes, v


def valideer_groep_gewichten(
    groep_gewichten: Mapping[str, float] | None, groepen: Sequence[str] | None = None
) -> None:
    """Each group weight a finite number >= 0, and not all of them 0.

    With ``groepen`` (the groups that scored) the check is on the weights that apply to them
    (missing groups weigh 1).
    """
    if groep_gewichten is None:
        return
    for groep, gewicht in groep_gewichten.items():
        if (
            isinstance(gewicht, bool | str)
            or not isinstance(gewicht, int | float | np.integer | np.floating)
            or not np.isfinite(gewicht)
            or gewicht < 0
        ):
            raise InvoerFout(f"het gewicht van groep '{groep}' moet een getal van 0 of meer zijn")
    if groepen is None:
        return
    toepasselijk = [groep_gewichten.get(g, 1.0) for g in groepen]
    if toepasselijk and all(float(g) == 0 for g in toepasselijk):
        raise InvoerFout(
            "alle groepsgewichten staan op 0, dus geen enkele groep telt mee; geef minstens "
            "één groep een gewicht groter dan 0",
            kolom="groep_gewichten",
        )


def _melding(regel: Callable[[], object], anders: str) -> str:
    """The store's refusal of a value (``regel`` raises it), for a table the analysis
    refuses: one wording for a number field wherever it is checked. ``anders``: for what
    only the analysis refuses (text such as '2,5' or an empty cell, which the store reads)."""
    try:
        regel()
    except InvoerFout as e:
        return e.melding
    return anders


def valideer_drempel(drempel: object) -> float:
    """The drempel as a float; refused when it is not a finite number.

    >>> valideer_drempel(3)
    3.0
    >>> valideer_drempel(float("nan"))
    Traceback (most recent call last):
    ...
    wijkanalyse.core.errors.InvoerFout: Drempel: vul een getal in, bijvoorbeeld 3,2.
    """
    if isinstance(drempel, str):  # a number typed as text is not what the analysis takes
        raise InvoerFout(
            f"Drempel: '{drempel}' is tekst, geen getal; kies {validation.bereik(None, None)}.",
            kolom="drempel",
        )
    return validation.drempel(drempel)


def eis_gewicht(crit: pd.DataFrame) -> None:
    """Refuse a kader whose criteria all weigh 0: no total could be computed."""
    if len(crit) and float(crit["gewicht"].astype(float).sum()) == 0:
        raise InvoerFout(
            "alle criteria hebben gewicht 0, dus er valt geen totaal te berekenen; geef "
            "minstens één criterium een gewicht groter dan 0",
            kolom="gewicht",
        )


def factor_codes(waarden: pd.Series, sort: bool = True) -> tuple[np.ndarray, np.ndarray]:
    codes, uniek = pd.factorize(waarden, sort=sort)
    return codes.astype(np.int64), np.asarray(uniek)
