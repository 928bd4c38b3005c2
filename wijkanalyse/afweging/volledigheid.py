"""When an onderwerp counts as fully scored: the :class:`Volledigheidsregel` and the
Dutch reason why a subject is not (yet) complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkanalyse.core import defaults, validation
from wijkanalyse.core.errors import InvoerFout


@dataclass(frozen=True)
class Volledigheidsregel:
    """When an onderwerp counts as fully scored: each criterium scored by at least
    ``min_groepen`` groups and by every group in ``groepen`` (names compared without case).

    >>> Volledigheidsregel(2, ("bewoners",)).beschrijving()
    'elk criterium gescoord door minstens 2 groepen, waaronder bewoners'
    """

    min_groepen: int = defaults.MIN_GROEPEN
    groepen: tuple[str, ...] = defaults.VEREISTE_GROEPEN

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_groepen", validation.min_groepen(self.min_groepen))
        object.__setattr__(self, "groepen", validation.groepen_lijst(self.groepen))

    def beschrijving(self) -> str:
        """The rule in one Dutch phrase."""
        if self.min_groepen == 1:
            deel = "elk criterium gescoord door minstens 1 groep"
        else:
            deel = f"elk criterium gescoord door minstens {self.min_groepen} groepen"
        if self.groepen:
            deel += ", waaronder " + _en_lijst(self.groepen)
        return deel


def _en_lijst(namen: Sequence[str]) -> str:
    namen = [str(n) for n in namen]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def als_regel(regel: Volledigheidsregel | None) -> Volledigheidsregel:
    if regel is None:
        return Volledigheidsregel()
    if not isinstance(regel, Volledigheidsregel):
        raise InvoerFout("de volledigheidsregel is geen Volledigheidsregel", kolom="regel")
    return regel


def volledig_gescoord(
    heeft: np.ndarray,
    groepen: np.ndarray,
    criterium_namen: pd.Series,
    regel: Volledigheidsregel,
    geldt: np.ndarray | None = None,
) -> tuple[np.ndarray, list[str]]:
    """Per onderwerp: fully scored under ``regel``, and the Dutch reason if not.

    ``heeft`` is (onderwerp, groep, criterium): whether that group scored that criterium.
    ``geldt`` (onderwerp, criterium), when given, says which criteria apply to the onderwerp
    (a criterium for koppelingen only is never asked of an opgave); the others are not needed.
    """
    s_n, _, c_n = heeft.shape if heeft.ndim == 3 else (0, 0, len(criterium_namen))
    aantal = heeft.sum(axis=1)  # (S, C)
    ok = aantal >= regel.min_groepen
    sleutel = {str(g).strip().casefold(): i for i, g in enumerate(groepen)}
    vereist_pos = {g: sleutel.get(g.casefold()) for g in regel.groepen}
    for pos in vereist_pos.values():
        ok &= heeft[:, pos, :] if pos is not None else False
    if geldt is not None and geldt.shape == ok.shape:
        ok |= ~geldt
    volledig = ok.all(axis=1) if c_n else np.ones(s_n, dtype=bool)
    namen = criterium_namen.astype(str).to_numpy()
    redenen: list[str] = []
    for s in range(s_n):
        if volledig[s]:
            redenen.append("")
            continue
        delen = []
        for c in np.flatnonzero(~ok[s]):
            door = [str(groepen[g]) for g in np.flatnonzero(heeft[s, :, c])]
            if not door:
                delen.append(f"{namen[c]}: door niemand gescoord")
                continue
            mist = [g for g, pos in vereist_pos.items() if pos is None or not heeft[s, pos, c]]
            stuk = f"{namen[c]}: alleen gescoord door {_en_lijst(door)}"
            if len(door) < regel.min_groepen:
                stuk += f" (nodig: minstens {regel.min_groepen} groepen)"
            if mist:
                stuk += f" ({_en_lijst(mist)} ontbreekt)"
            delen.append(stuk)
        redenen.append("; ".join(delen))
    return volledig, redenen
