"""Besluiten: the decision log; earlier decisions stay, the newest one counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from ..core import validation
from ..core.errors import OnbekendFout
from ..databank import nieuw_id
from .verbinding import lees, schrijf, wijk_id_van


def besluiten(path: Path | str, wijk_naam: str) -> pd.DataFrame:
    df = lees(
        path,
        "SELECT b.id, b.onderwerp_soort, b.onderwerp_id, b.besluit, b.redenering, b.datum, "
        "b.door, b.maakt_of_breekt FROM besluiten b JOIN wijken w ON w.id = b.wijk_id "
        "WHERE w.naam = ? ORDER BY b.id",
        (wijk_naam,),
    )
    df["maakt_of_breekt"] = df["maakt_of_breekt"].astype(bool)
    return df


def leg_besluit_vast(
    path: Path | str,
    wijk_naam: str,
    onderwerp_soort: str,
    onderwerp_id: int,
    besluit: str,
    redenering: str,
    door: str = "",
    datum: str | None = None,
    maakt_of_breekt: bool = False,
) -> int:
    """Record a decision. Earlier decisions stay in the log; the newest one counts."""
    soort = validation.onderwerp_soort(onderwerp_soort)
    b = validation.besluit(besluit)
    reden = validation.tekst(redenering, "redenering", verplicht=True)
    door = validation.tekst(door, "door", max_len=100)
    with schrijf(path) as con:
        wid = wijk_id_van(con, wijk_naam)
        tabel = "opgaven" if soort == "opgave" else "koppelingen"
        if not con.execute(
            f"SELECT 1 FROM {tabel} WHERE id = ? AND wijk_id = ?", (int(onderwerp_id), wid)
        ).fetchone():
            raise OnbekendFout(f"Onbekende {soort} {onderwerp_id} in wijk '{wijk_naam}'.")
        cur = con.execute(
            "INSERT INTO besluiten (wijk_id, onderwerp_soort, onderwerp_id, besluit, redenering, "
            "datum, door, maakt_of_breekt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                wid,
                soort,
                int(onderwerp_id),
                b,
                reden,
                datum or date.today().isoformat(),
                door,
                int(maakt_of_breekt),
            ),
        )
        return nieuw_id(cur)
