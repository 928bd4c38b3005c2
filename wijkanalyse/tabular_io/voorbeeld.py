"""The preview of an import before anything is written: the column mapping, the rows
to add, the rows that change an existing opgave (matched on title) and the refused rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .inlezen import _lees
from .kolommen import KOLOM_NAMEN, KOLOMMEN
from .waarden import _leeg_frame, _naar_frame, _titel_sleutel


@dataclass
class ImportVoorbeeld:
    """What an import would do, before anything is written.

    ``kolommen``: (header in the file, what it becomes: a column name or "overgeslagen").
    ``nieuw``: the opgaven that would be added (``rij`` = row in the file, then the contract
    columns). ``wijzigingen``: rows that would change an existing opgave matched on title
    (rij, opgave_id, titel, wat: "startjaar: 2026 → 2027; ..."). ``ongewijzigd``: rows equal
    to an existing opgave. ``fouten``: refused rows as (rij, kolom, reden). ``frame``: what
    the store gets (only the columns in the file, plus titel) when there are no fouten.
    """

    bestand: str
    bijwerken: bool
    kolommen: list[tuple[str, str]]
    titelrijen: list[int]
    nieuw: pd.DataFrame
    wijzigingen: pd.DataFrame
    ongewijzigd: int
    fouten: list[tuple[int | None, str | None, str]]
    frame: pd.DataFrame

    @property
    def in_orde(self) -> bool:
        return not self.fouten

    @property
    def genegeerd(self) -> list[str]:
        return [kop for kop, doel in self.kolommen if doel == "overgeslagen"]


def _gelijk(a: Any, b: Any) -> bool:
    leeg_a = a is None or a is pd.NA or (isinstance(a, float) and a != a) or a == ""
    leeg_b = b is None or b is pd.NA or (isinstance(b, float) and b != b) or b == ""
    if leeg_a or leeg_b:
        return leeg_a and leeg_b
    return str(a) == str(b)


def _toon(waarde: Any) -> str:
    return "(leeg)" if _gelijk(waarde, None) else str(waarde)


def voorbeeld_opgaven(
    path: str | Path,
    bestaande: pd.DataFrame,
    *,
    bijwerken: bool = False,
    max_bytes: int = 5_000_000,
) -> ImportVoorbeeld:
    """Read a file of opgaven and say what importing it into a wijk with the opgaven
    ``bestaande`` (store columns, with id) would do; nothing is written.

    Without ``bijwerken`` a title that already exists is refused; with it, that row updates
    the existing opgave (only the columns the file has). A file that cannot be read at all
    still raises :class:`InvoerFout`.
    """
    g = _lees(Path(path), max_bytes, 10_000)
    kolommen: list[tuple[str, str]] = []
    for i, kop in enumerate(g.ruw.kop):
        if not kop.strip():
            continue
        doel = next((k for k, j in g.plaats.items() if j == i), None)
        kolommen.append((kop.strip(), KOLOM_NAMEN[doel] if doel else "overgeslagen"))
    in_bestand = [k for k in KOLOMMEN if k in g.plaats]
    per_titel = {
        _titel_sleutel(str(t)): r for r in bestaande.to_dict("records") for t in [r["titel"]]
    }
    eerder: dict[str, int] = {}
    nieuw: list[dict[str, Any]] = []
    wijzig: list[dict[str, Any]] = []
    frame_rijen: list[dict[str, Any]] = []
    ongewijzigd = 0
    fout_rijen = {r for r, _, _ in g.fouten.lijst}
    kolom = g.koppen["titel"]
    for rij, waarden in g.rijen:
        sleutel = _titel_sleutel(waarden["titel"])
        if not sleutel:
            continue
        if sleutel in eerder:
            g.fouten.voeg_toe(
                rij,
                kolom,
                f"De titel '{waarden['titel']}' staat twee keer in het bestand: in rij "
                f"{eerder[sleutel]} en in rij {rij}. Titels moeten uniek zijn.",
            )
            continue
        eerder[sleutel] = rij
        if rij in fout_rijen:
            continue
        oud = per_titel.get(sleutel)
        if oud is None:
            nieuw.append({"rij": rij, **waarden})
            frame_rijen.append({k: waarden[k] for k in in_bestand})
            continue
        if not bijwerken:
            g.fouten.voeg_toe(
                rij,
                kolom,
                f"Er bestaat in deze wijk al een opgave met de titel '{waarden['titel']}'. "
                "Kies 'Bestaande opgaven bijwerken' om haar bij te werken, of verwijder de rij.",
            )
            continue
        veranderd = [
            f"{KOLOM_NAMEN[k]}: {_toon(oud.get(k))} → {_toon(waarden[k])}"
            for k in in_bestand
            if not _gelijk(oud.get(k), waarden[k])
        ]
        if veranderd:
            wijzig.append(
                {
                    "rij": rij,
                    "opgave_id": int(oud["id"]),
                    "titel": oud["titel"],
                    "wat": "; ".join(veranderd),
                }
            )
            frame_rijen.append({k: waarden[k] for k in in_bestand})
        else:
            ongewijzigd += 1
    fouten = sorted(g.fouten.lijst, key=lambda f: (f[0], f[1] or ""))
    nieuw_df = (
        pd.concat([pd.DataFrame({"rij": [r["rij"] for r in nieuw]}), _naar_frame(nieuw)], axis=1)
        if nieuw
        else pd.concat([pd.DataFrame({"rij": pd.Series(dtype="int64")}), _leeg_frame()], axis=1)
    )
    frame = _naar_frame(frame_rijen)[in_bestand] if frame_rijen else _leeg_frame()[in_bestand]
    return ImportVoorbeeld(
        bestand=g.ruw.bestand,
        bijwerken=bijwerken,
        kolommen=kolommen,
        titelrijen=g.ruw.titelrijen,
        nieuw=nieuw_df,
        wijzigingen=pd.DataFrame(wijzig, columns=["rij", "opgave_id", "titel", "wat"]),
        ongewijzigd=ongewijzigd,
        fouten=[(r, k, m) for r, k, m in fouten],
        frame=frame,
    )
