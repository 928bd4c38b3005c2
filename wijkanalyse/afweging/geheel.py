"""A look at the whole selection: not too many opgaven for the team's capaciteit, and
no chosen pair that works against itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from wijkanalyse.core.errors import InvoerFout

from .invoer import eis_kolommen


@dataclass(frozen=True)
class ControleGeheel:
    """Does the chosen set hold together? ``meldingen`` are Dutch sentences for the user."""

    aantal_gekozen: int
    capaciteit: int
    te_veel: bool
    ruimte: int
    conflicten: pd.DataFrame  # opgave_a, opgave_b, balans (< 0) among the chosen
    meldingen: list[str] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.te_veel and self.conflicten.empty


def controle_geheel(
    gekozen_opgave_ids: Iterable[int],
    capaciteit: int,
    paar_balansen: pd.DataFrame,
) -> ControleGeheel:
    """Check the chosen opgaven as a whole: not too many, and do they work together?

    ``paar_balansen`` has columns opgave_a, opgave_b, balans (kansen minus bedreigingen, as
    computed elsewhere); a pair of chosen opgaven with a negative balans is reported as
    possibly not working together. Pairs count in either order.
    """
    gekozen = sorted({int(i) for i in gekozen_opgave_ids})
    if capaciteit < 0:
        raise InvoerFout("de capaciteit is een aantal van 0 of meer", kolom="capaciteit")
    eis_kolommen(paar_balansen, ("opgave_a", "opgave_b", "balans"), "paar_balansen")
    aantal = len(gekozen)
    te_veel = aantal > capaciteit
    binnen = paar_balansen["opgave_a"].isin(gekozen) & paar_balansen["opgave_b"].isin(gekozen)
    conflicten = paar_balansen.loc[
        binnen & (paar_balansen["balans"] < 0), ["opgave_a", "opgave_b", "balans"]
    ]
    conflicten = conflicten.sort_values(["balans", "opgave_a", "opgave_b"], kind="stable")
    conflicten = conflicten.reset_index(drop=True)
    meldingen: list[str] = []
    gekozen_zin = "Er is 1 opgave gekozen" if aantal == 1 else f"Er zijn {aantal} opgaven gekozen"
    if te_veel:
        meldingen.append(
            f"{gekozen_zin} en er is ruimte voor {capaciteit}: "
            f"{te_veel_zin(aantal - capaciteit)}. Kies opnieuw of leg vast waarom dit toch kan."
        )
    elif aantal == capaciteit:
        meldingen.append(
            f"{gekozen_zin}, precies de capaciteit. Er blijft geen ruimte "
            "over voor onvoorziene zaken."
        )
    else:
        meldingen.append(
            f"{gekozen_zin}; de capaciteit is {capaciteit}. Er blijft ruimte voor "
            f"{capaciteit - aantal} {'opgave' if capaciteit - aantal == 1 else 'opgaven'} "
            "of voor onvoorziene zaken."
        )
    for a, b, balans in conflicten.itertuples(index=False):
        balans_nl = f"{balans:g}".replace(".", ",")
        meldingen.append(
            f"Opgave {a} en opgave {b} werken mogelijk niet samen: bij deze koppeling wegen de "
            f"bedreigingen zwaarder dan de kansen (balans {balans_nl})."
        )
    if conflicten.empty:
        meldingen.append("Geen van de gekozen paren heeft meer bedreigingen dan kansen.")
    return ControleGeheel(
        aantal, int(capaciteit), te_veel, int(capaciteit) - aantal, conflicten, meldingen
    )


def te_veel_zin(n: int) -> str:
    """'dat is er 1 te veel', 'dat zijn er 2 te veel' (every message that says it).

    >>> te_veel_zin(1), te_veel_zin(2)
    ('dat is er 1 te veel', 'dat zijn er 2 te veel')
    """
    return f"dat is er {n} te veel" if n == 1 else f"dat zijn er {n} te veel"
