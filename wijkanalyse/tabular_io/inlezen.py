"""Reading an opgaven file into a validated DataFrame: :func:`lees_opgaven`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse.errors import InvoerFout

from .bestand import _controleer_bestand, _lees_csv, _lees_excel, _Ruw
from .kolommen import CSV_EXTENSIES, KOLOMMEN, MAX_FOUTEN, _koppel_kolommen
from .waarden import _controleer_titels, _Fouten, _naar_frame, _rij_waarden, _valideer_rij


@dataclass
class _Gelezen:
    ruw: _Ruw
    plaats: dict[str, int]
    genegeerd: list[str]
    koppen: dict[str, str]
    rijen: list[tuple[int, dict[str, Any]]]
    fouten: _Fouten


def _lees(
    pad: Path,
    max_bytes: int,
    max_fouten: int,
    *,
    keuze: dict[str, str] | None = None,
    blad: str | None = None,
) -> _Gelezen:
    """``keuze``: the advisor's column choices (see :func:`_koppel_kolommen`); ``blad``: the
    sheet of a workbook to read (None: the one :func:`_kies_blad` finds)."""
    naam = pad.name
    ext = _controleer_bestand(pad, max_bytes)
    ruw = _lees_csv(pad, naam) if ext in CSV_EXTENSIES else _lees_excel(pad, naam, blad)
    naam = ruw.bestand
    plaats, genegeerd = _koppel_kolommen(ruw, naam, keuze)
    if not ruw.rijen:
        raise InvoerFout(
            "Het bestand bevat alleen een kopregel en geen opgaven.", bestand=naam, rij=ruw.kop_rij
        )
    koppen = {k: (ruw.kop[plaats[k]].strip() if k in plaats else k) for k in KOLOMMEN}
    fouten = _Fouten(naam, max_fouten)
    gevalideerd: list[tuple[int, dict[str, Any]]] = []
    for rij, cellen in ruw.rijen:
        gevalideerd.append((rij, _valideer_rij(_rij_waarden(cellen, plaats), rij, fouten, koppen)))
        if fouten.vol:
            break
    return _Gelezen(ruw, plaats, genegeerd, koppen, gevalideerd, fouten)


def lees_opgaven(
    path: str | Path,
    *,
    bestaande_titels: Iterable[str] = (),
    max_bytes: int = 5_000_000,
) -> pd.DataFrame:
    """Read a CSV or Excel file of opgaven into a validated frame (contract columns, no id).

    Raises :class:`InvoerFout` naming file, row (header = row 1) and column for the first
    problem, listing up to ten problems in one message.
    """
    g = _lees(Path(path), max_bytes, MAX_FOUTEN)
    if not g.fouten.vol:
        _controleer_titels(g.rijen, bestaande_titels, g.fouten, g.koppen["titel"])
    g.fouten.lijst.sort(key=lambda fout: fout[0])
    g.fouten.gooi()
    return _naar_frame([waarden for _, waarden in g.rijen])
