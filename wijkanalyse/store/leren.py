"""Learning from other wijken: the workspace-wide reads and the two writes it needs.

:func:`werkruimte_paren` reads every wijk's opgaven, koppelingen, kansen/bedreigingen and
besluiten in four queries (one index per workspace, :mod:`wijkanalyse.leren`);
:func:`neem_item_over` stores another wijk's kans or bedreiging as this wijk's own, with its
origin; :func:`wijs_overeenkomst_af` keeps a match the advisor rejected. Both writes are one
history entry each, so they can be undone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..core import validation
from ..core.errors import InvoerFout
from .items import voeg_bestaand_item_in
from .uitvoering import acties
from .verbinding import lees, schrijf, wijk_id_van

#: The longest origin text stored with an item.
HERKOMST_MAX = 200


def werkruimte_paren(path: Path | str) -> dict[str, pd.DataFrame]:
    """Every wijk's data a cross-wijk comparison needs, each frame with a ``wijk`` column:
    ``wijken`` (naam, fictief), ``opgaven`` (id, wijk, titel, transitie, eigenaar),
    ``koppelingen`` (id, wijk, opgave_a, opgave_b, niveau, toelichting), ``items`` (as
    :func:`store.items` plus wijk), ``besluiten`` (as :func:`store.besluiten` plus wijk) and
    ``acties`` (:func:`store.acties` of every wijk: how the uitvoering went)."""
    return {
        "wijken": lees(path, "SELECT naam AS wijk, fictief FROM wijken ORDER BY id"),
        "opgaven": lees(
            path,
            "SELECT o.id, w.naam AS wijk, o.titel, o.transitie, o.eigenaar FROM opgaven o "
            "JOIN wijken w ON w.id = o.wijk_id ORDER BY o.id",
        ),
        "koppelingen": lees(
            path,
            "SELECT k.id, w.naam AS wijk, k.opgave_a, k.opgave_b, k.niveau, k.toelichting "
            "FROM koppelingen k JOIN wijken w ON w.id = k.wijk_id ORDER BY k.id",
        ),
        "items": lees(
            path,
            "SELECT i.id, w.naam AS wijk, i.koppeling_id, i.soort, i.tekst, i.impact, "
            "i.horizon, i.interventie, i.interventie_eigenaar, i.herkomst FROM items i "
            "JOIN koppelingen k ON k.id = i.koppeling_id JOIN wijken w ON w.id = k.wijk_id "
            "ORDER BY i.id",
        ),
        "besluiten": lees(
            path,
            "SELECT b.id, w.naam AS wijk, b.onderwerp_soort, b.onderwerp_id, b.besluit, "
            "b.redenering, b.datum, b.door FROM besluiten b JOIN wijken w ON w.id = b.wijk_id "
            "ORDER BY b.id",
        ),
        "acties": acties(path),
    }


def neem_item_over(path: Path | str, koppeling_id: int, item: dict[str, Any], herkomst: str) -> int:
    """Store ``item`` (soort, tekst, impact, horizon, interventie, interventie_eigenaar) as a
    kans or bedreiging of this koppeling, marked with ``herkomst`` (e.g. "overgenomen uit
    Pendrecht"); one history entry that says so. Returns the new item's id."""
    it = validation.item(item)
    herkomst = validation.tekst(herkomst, "herkomst", max_len=HERKOMST_MAX)
    if not herkomst:
        raise InvoerFout("Zeg waar de kans of bedreiging vandaan komt.", kolom="herkomst")
    kort = it["tekst"] if len(it["tekst"]) <= 60 else it["tekst"][:57] + "..."
    wat = f"{it['soort'].capitalize()} '{kort}' {herkomst}"
    with schrijf(path, historie={"wat": wat}) as con:
        return voeg_bestaand_item_in(con, koppeling_id, it, herkomst)


def wijs_overeenkomst_af(path: Path | str, wijk_naam: str, sleutel: str, omschrijving: str) -> None:
    """Keep that the advisor of ``wijk_naam`` rejected the match ``sleutel`` (see
    :attr:`wijkanalyse.leren.Overeenkomst.sleutel`); ``omschrijving`` says it in words for the
    history. Rejecting it twice changes nothing."""
    sleutel = validation.tekst(sleutel, "sleutel", max_len=500)
    omschrijving = validation.tekst(omschrijving, "omschrijving", max_len=500)
    with schrijf(path, historie={"wat": f"Overeenkomst afgewezen: {omschrijving}"}) as con:
        wid = wijk_id_van(con, wijk_naam)
        if con.execute(
            "SELECT 1 FROM leren_afwijzingen WHERE wijk_id = ? AND sleutel = ?", (wid, sleutel)
        ).fetchone():
            return
        con.execute(
            "INSERT INTO leren_afwijzingen (wijk_id, sleutel, omschrijving) VALUES (?, ?, ?)",
            (wid, sleutel, omschrijving),
        )


def afgewezen_overeenkomsten(path: Path | str, wijk_naam: str) -> set[str]:
    """The keys of the matches the advisor of this wijk rejected."""
    df = lees(
        path,
        "SELECT a.sleutel FROM leren_afwijzingen a JOIN wijken w ON w.id = a.wijk_id "
        "WHERE w.naam = ?",
        (wijk_naam,),
    )
    return set(df["sleutel"].astype(str))
