"""Gewichten samen bepalen: 100 points over the criteria, or pairwise comparison of criteria
(AHP: weights and consistency per person, the group's by the geometric mean of its members'
judgements). The facilitator can adopt the overall result as the kader's weights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ... import store
from ...core.errors import InvoerFout
from ...databank import werksessie as opslag
from .. import ahp, vragen
from .gedeeld import BALK_CSS, balk, e, nl, verbinding

ALLE = "Alle groepen"
KOLOMMEN = ["groep", "criterium_id", "criterium", "gewicht", "cr", "n"]


def _criteria(con: Any, ronde: dict[str, Any]) -> list[tuple[int, str]]:
    """The round's criteria that still exist, in the round's order."""
    return [
        (o["id"], o["titel"]) for o in opslag.onderwerpen(con, ronde) if o["soort"] == "criterium"
    ]


def resultaat_punten(con_of_db: Any, ronde_id: int) -> pd.DataFrame:
    """Per group (and all together) and criterium the mean share of the 100 points (0–1)."""
    with verbinding(con_of_db) as con:
        ronde = opslag.ronde(con, ronde_id)
        crit = _criteria(con, ronde)
        rows = vragen.antwoorden(con, ronde_id)
    per_persoon: dict[int, dict[int, float]] = {}
    groep_van: dict[int, str] = {}
    for a in rows:
        cid = int(a["onderwerp"].split(":")[1])
        per_persoon.setdefault(a["deelnemer_id"], {})[cid] = float(a["waarde"] or 0)
        groep_van[a["deelnemer_id"]] = a["groep"]
    uit = []
    for groep in [ALLE, *sorted(set(groep_van.values()))]:
        leden = [p for d, p in per_persoon.items() if groep == ALLE or groep_van[d] == groep]
        w = ahp.punten_gewichten(leden)
        uit += [
            {
                "groep": groep,
                "criterium_id": cid,
                "criterium": naam,
                "gewicht": w.get(cid, 0.0),
                "cr": np.nan,
                "n": len(leden),
            }
            for cid, naam in crit
        ]
    return pd.DataFrame(uit, columns=KOLOMMEN) if per_persoon else pd.DataFrame(columns=KOLOMMEN)


def _matrices(
    con: Any, ronde_id: int, ids: list[int]
) -> tuple[dict[int, np.ndarray], dict[int, dict]]:
    """Each person's reciprocal matrix over ``ids`` (only complete answers count)."""
    plek = {cid: i for i, cid in enumerate(ids)}
    oordelen: dict[int, dict[tuple[int, int], float]] = {}
    wie: dict[int, dict] = {}
    for a in vragen.antwoorden(con, ronde_id):
        links, rechts = (int(x.split(":")[1]) for x in a["onderwerp"].split("|"))
        if links in plek and rechts in plek:
            oordelen.setdefault(a["deelnemer_id"], {})[(plek[links], plek[rechts])] = a["waarde"]
            wie[a["deelnemer_id"]] = {"naam": a["naam"], "groep": a["groep"]}
    nodig = len(ids) * (len(ids) - 1) // 2
    matrices = {d: ahp.matrix(len(ids), o) for d, o in oordelen.items() if len(o) == nodig}
    return matrices, {d: wie[d] for d in matrices}


def per_persoon(con_of_db: Any, ronde_id: int) -> pd.DataFrame:
    """Per person of a pairwise round: name, group, consistency ratio and weights."""
    with verbinding(con_of_db) as con:
        ronde = opslag.ronde(con, ronde_id)
        crit = _criteria(con, ronde)
        matrices, wie = _matrices(con, ronde_id, [c for c, _n in crit])
    rijen = []
    for d, a in matrices.items():
        w, cr = ahp.ahp(a)
        rijen.append(
            {
                "deelnemer_id": d,
                **wie[d],
                "cr": cr,
                **{n: x for (_c, n), x in zip(crit, w, strict=True)},
            }
        )
    return pd.DataFrame(
        rijen, columns=["deelnemer_id", "naam", "groep", "cr", *[n for _c, n in crit]]
    )


def resultaat_paarsgewijs(con_of_db: Any, ronde_id: int) -> pd.DataFrame:
    """Per group (and everyone together) the AHP weights of the geometric mean of the
    members' matrices (AIJ), with that matrix's consistency ratio ``cr``."""
    with verbinding(con_of_db) as con:
        ronde = opslag.ronde(con, ronde_id)
        crit = _criteria(con, ronde)
        matrices, wie = _matrices(con, ronde_id, [c for c, _n in crit])
    if not matrices or len(crit) < 2:
        return pd.DataFrame(columns=KOLOMMEN)
    uit = []
    for groep in [ALLE, *sorted({x["groep"] for x in wie.values()})]:
        leden = [a for d, a in matrices.items() if groep == ALLE or wie[d]["groep"] == groep]
        w, cr = ahp.ahp(ahp.groepsmatrix(leden))
        uit += [
            {
                "groep": groep,
                "criterium_id": cid,
                "criterium": naam,
                "gewicht": float(x),
                "cr": cr,
                "n": len(leden),
            }
            for (cid, naam), x in zip(crit, w, strict=True)
        ]
    return pd.DataFrame(uit, columns=KOLOMMEN)


def figuur(df: pd.DataFrame) -> go.Figure:
    """Grouped bars: the weight (%) per criterium, one colour per group, all groups first."""
    fig = go.Figure()
    for groep, d in df.groupby("groep", sort=False):
        fig.add_bar(x=d["criterium"], y=(d["gewicht"] * 100).round(1), name=str(groep))
    fig.update_layout(
        barmode="group", yaxis_title="Gewicht (%)", margin={"l": 10, "r": 10, "t": 10, "b": 40}
    )
    return fig


def html(df: pd.DataFrame, ronde: dict[str, Any]) -> str:
    if df.empty:
        return "<p>Nog geen (complete) antwoorden in deze ronde.</p>"
    delen = [BALK_CSS]
    for groep, d in df.groupby("groep", sort=False):
        n = int(d["n"].iloc[0])
        kop = f"{e(groep)} ({n} {'persoon' if n == 1 else 'personen'})"
        cr = d["cr"].iloc[0]
        if cr == cr:  # pairwise: the group's consistency ratio
            kop += f" — consistentie-ratio {nl(cr, 2)}"
            if cr > ahp.CR_GRENS:
                kop += " <span class='wa-hint'>(hoger dan 0,10: bespreek de oordelen)</span>"
        rijen = "".join(
            f"<tr><td data-kop='Criterium'>{e(r.criterium)}</td><td data-kop='Gewicht'>"
            f"{balk(r.gewicht, nl(r.gewicht * 100) + ' %')}</td></tr>"
            for r in d.itertuples()
        )
        delen.append(
            f"<h3 class='wa-gewichten-groep'>{kop}</h3><table class='wa-tabel wa-gewichten'>"
            "<thead><tr><th scope='col'>Criterium</th><th scope='col'>Gewicht</th></tr></thead>"
            f"<tbody>{rijen}</tbody></table>"
        )
    return "".join(delen)


def overnemen(db: Path | str, ronde_id: int) -> dict[int, float]:
    """Make the round's overall weights (all groups, in %) the kader's: one change in the
    history, saying where they came from; one undo restores the old weights."""
    with verbinding(db) as con:
        ronde = opslag.ronde(con, ronde_id)
        sessie = opslag.sessie_con(con, ronde["sessie_id"])
    resultaat = (resultaat_punten if ronde["soort"] == "punten" else resultaat_paarsgewijs)(
        db, ronde_id
    )
    alle = resultaat[resultaat["groep"] == ALLE]
    if alle.empty:
        raise InvoerFout("Deze ronde heeft nog geen antwoorden om over te nemen.")
    gewichten = {
        int(c): round(float(g) * 100, 1)
        for c, g in zip(alle["criterium_id"], alle["gewicht"], strict=True)
    }
    store.neem_gewichten_over(
        db,
        sessie["wijk"],
        gewichten,
        wat=f"Gewichten overgenomen uit ronde {ronde['volgorde']} van werksessie "
        f"{sessie['id']} (gestart {sessie['gestart'][:10]}): "
        + ", ".join(
            f"{n} {nl(g)}" for n, g in zip(alle["criterium"], gewichten.values(), strict=True)
        ),
    )
    return gewichten
