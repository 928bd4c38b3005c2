"""Stemmen: dots (N per person) or upvotes on proposals, koppelingen or opgaven; the result is
the count per subject, ranked, with the round's top-N marked."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ...databank import werksessie as opslag
from .. import vragen
from .gedeeld import BALK_CSS, balk, e, titels, verbinding

KOLOMMEN = ["onderwerp", "titel", "stemmen", "mensen", "rang", "top"]


def resultaat(con_of_db: Any, ronde_id: int) -> pd.DataFrame:
    """One row per subject of the round (also those without votes): ``stemmen`` the dots or
    upvotes, ``mensen`` how many people gave them, ``rang`` (ties share a place), ``top``
    whether it is in the round's top-N (a tie at the edge is in)."""
    with verbinding(con_of_db) as con:
        ronde = opslag.ronde(con, ronde_id)
        namen = titels(con, ronde)
        rows = vragen.antwoorden(con, ronde_id)
    telling: dict[str, float] = dict.fromkeys(namen, 0.0)
    mensen: dict[str, set[int]] = {k: set() for k in namen}
    for a in rows:
        if a["onderwerp"] in telling and a["waarde"]:
            telling[a["onderwerp"]] += a["waarde"]
            mensen[a["onderwerp"]].add(a["deelnemer_id"])
    df = pd.DataFrame(
        {
            "onderwerp": list(namen),
            "titel": list(namen.values()),
            "stemmen": [int(telling[k]) for k in namen],
            "mensen": [len(mensen[k]) for k in namen],
        }
    )
    if df.empty:
        return pd.DataFrame(columns=KOLOMMEN)
    df = df.sort_values("stemmen", ascending=False, kind="stable").reset_index(drop=True)
    df["rang"] = df["stemmen"].rank(method="min", ascending=False).astype(int)
    top = int(ronde["instellingen"].get("top", 3))
    df["top"] = (df["rang"] <= top) & (df["stemmen"] > 0)
    return df[KOLOMMEN]


def figuur(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars, most votes on top; the top-N in a darker colour."""
    d = df.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=d["stemmen"],
            y=d["titel"],
            orientation="h",
            marker_color=["#003d6b" if t else "#7fa7c9" for t in d["top"]],
            text=d["stemmen"],
            textposition="outside",
        )
    )
    fig.update_layout(
        xaxis_title="Stemmen", margin={"l": 10, "r": 10, "t": 10, "b": 40}, height=120 + 40 * len(d)
    )
    return fig


def html(df: pd.DataFrame, ronde: dict[str, Any]) -> str:
    if df.empty or not df["stemmen"].any():
        return "<p>Nog geen stemmen in deze ronde.</p>"
    inst = ronde["instellingen"]
    wijze = (
        f"{inst.get('stippen')} stippen per persoon"
        if inst.get("modus") == "stippen"
        else "één duimpje per onderwerp"
    )
    hoogste = max(int(df["stemmen"].max()), 1)
    rijen = "".join(
        f"<tr class='{'wa-top' if r.top else ''}'><td data-kop='Plaats'>{r.rang}</td>"
        f"<td data-kop='Onderwerp'>{e(r.titel)}</td>"
        f"<td data-kop='Stemmen'>{balk(r.stemmen / hoogste, str(r.stemmen))}</td>"
        f"<td data-kop='Mensen'>{r.mensen}</td></tr>"
        for r in df.itertuples()
    )
    return (
        BALK_CSS
        + f"<h3>Stemmen ({e(wijze)}); top {int(inst.get('top', 3))} vetgedrukt</h3>"
        + "<table class='wa-tabel wa-stemmen'><thead><tr><th scope='col'>Plaats</th>"
        "<th scope='col'>Onderwerp</th><th scope='col'>Stemmen</th>"
        "<th scope='col'>Mensen</th></tr></thead><tbody>" + rijen + "</tbody></table>"
    )
