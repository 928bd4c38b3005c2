"""Reading an opgaven file into a validated DataFrame: :func:`lees_opgaven`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from wijkanalyse.core.errors import InvoerFout

from .bestand import controleer_bestand, lees_csv, lees_excel
from .kolommen import CSV_EXTENSIES, KOLOMMEN, MAX_FOUTEN, Ruw, koppel_kolommen
from .waarden import Fouten, controleer_titels, naar_frame, rij_waarden, valideer_rij


@dataclass
class _Gelezen:
    ruw: Ruw
    plaats: dict[str, int]
    genegeerd: list[str]
    koppen: dict[str, str]
    rijen: list[tuple[int, dict[str, Any]]]
    fouten: Fouten


def lees(
    pad: Path,
    max_bytes: int,
    max_fouten: int,
    *,
    keuze: dict[str, str] | None = None,
    blad: str | None = None,
) -> _Gelezen:
    """``keuze``: the advisor's column choices (see :func:`koppel_kolommen`); ``blad``: the
    sheet of a workbook to read (None: the one :func:`_kies_blad` finds)."""
    naam = pad.name
    ext = controleer_bestand(pad, max_bytes)
    ruw = lees_csv(pad, naam) if ext in CSV_EXTENSIES else lees_excel(pad, naam, blad)
    naam = ruw.bestand
    plaats, genegeerd = koppel_kolommen(ruw, naam, keuze)
    if not ruw.rijen:
        raise InvoerFout(
            "Het bestand bevat alleen een kopregel en geen opgaven.", bestand=naam, rij=ruw.kop_rij
        )
    koppen = {k: (ruw.kop[plaats[k]].strip() if k in plaats else k) for k in KOLOMMEN}
    fouten = Fouten(naam, max_fouten)
    gevalideerd: list[tuple[int, dict[str, Any]]] = []
    for rij, cellen in ruw.rijen:
        gevalideerd.append((rij, valideer_rij(rij_waarden(cellen, plaats), rij, fouten, koppen)))
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
    g = lees(Path(path), max_bytes, MAX_FOUTEN)
    if not g.fouten.vol:
        controleer_titels(g.rijen, bestaande_titels, g.fouten, g.koppen["titel"])
    g.fouten.lijst.sort(key=lambda fout: fout[0])
    g.fouten.gooi()
    return naar_frame([waarden for _, waarden in g.rijen])
