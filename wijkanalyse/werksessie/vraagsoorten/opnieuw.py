"""Opnieuw scoren: a new scoring round on the subjects a previous scoring round disagreed on
most, kept beside the old round (its scores stay; the latest round per person counts by
default, see ``afweging.kies_rondes``).

Disagreement (``spreiding``) of a subject: per criterium the standard deviation of everyone's
scores in that round (population, so two people 1 and 5 give 2.0), and of those the largest.
Only subjects scored by at least two people count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ...core.errors import InvoerFout
from ...databank import werksessie as opslag
from .gedeeld import verbinding

KOLOMMEN = ["onderwerp_soort", "onderwerp_id", "titel", "spreiding", "criterium_id", "mensen"]
STANDAARD_AANTAL = 3


def resultaat(con_of_db: Any, ronde_id: int) -> pd.DataFrame:
    """The subjects of scoring round ``ronde_id`` by disagreement, largest first: the largest
    spread over its criteria, the criterium where it is, and how many people scored it."""
    with verbinding(con_of_db) as con:
        ronde = opslag.ronde(con, ronde_id)
        if ronde["soort"] != "scores":
            raise InvoerFout("Opnieuw scoren kan alleen na een ronde met scores.")
        titels = {(o["soort"], o["id"]): o["titel"] for o in opslag.onderwerpen(con, ronde)}
        rows = opslag.sessie_scores(con, ronde["sessie_id"], ronde_id)
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=KOLOMMEN)
    df = df[
        [(s, i) in titels for s, i in zip(df["onderwerp_soort"], df["onderwerp_id"], strict=True)]
    ]
    per = (
        df.groupby(["onderwerp_soort", "onderwerp_id", "criterium_id"])
        .agg(
            spreiding=("waarde", lambda x: float(x.std(ddof=0))), mensen=("deelnemer_id", "nunique")
        )
        .reset_index()
    )
    per = per[per["mensen"] >= 2]
    if per.empty:
        return pd.DataFrame(columns=KOLOMMEN)
    per = per.sort_values(["spreiding", "criterium_id"], ascending=[False, True], kind="stable")
    uit = per.drop_duplicates(["onderwerp_soort", "onderwerp_id"]).copy()
    uit["titel"] = [
        titels[(s, i)] for s, i in zip(uit["onderwerp_soort"], uit["onderwerp_id"], strict=True)
    ]
    uit["onderwerp_id"] = uit["onderwerp_id"].astype(int)
    return uit[KOLOMMEN].reset_index(drop=True)


def figuur(df: pd.DataFrame) -> go.Figure:
    d = df.iloc[::-1]
    fig = go.Figure(go.Bar(x=d["spreiding"].round(2), y=d["titel"], orientation="h"))
    fig.update_layout(
        xaxis_title="Spreiding (standaardafwijking)", margin={"l": 10, "r": 10, "t": 10, "b": 40}
    )
    return fig


def maak_ronde(db: Path | str, ronde_id: int, aantal: int = STANDAARD_AANTAL) -> int:
    """Add a scoring round on the ``aantal`` subjects of ``ronde_id`` with the largest
    disagreement (where people differ at all); the old round and its scores stay. The
    facilitator chooses ``aantal`` (1 up to all of the round's subjects; default 3)."""
    if int(aantal) < 1:
        raise InvoerFout("Kies minstens één onderwerp om opnieuw te scoren.", kolom="aantal")
    onenig = resultaat(db, ronde_id)
    onenig = onenig[onenig["spreiding"] > 0].head(int(aantal))
    if onenig.empty:
        raise InvoerFout(
            "In deze ronde is niemand het oneens (of hebben minder dan twee mensen gescoord): "
            "er is niets om opnieuw te scoren."
        )
    onderwerpen = [
        [s, int(i)] for s, i in zip(onenig["onderwerp_soort"], onenig["onderwerp_id"], strict=True)
    ]
    with opslag.schrijf(db) as con:
        bron = opslag.ronde(con, ronde_id)
        n = con.execute(
            "SELECT COALESCE(MAX(volgorde), 0) FROM rondes WHERE sessie_id = ?",
            (bron["sessie_id"],),
        ).fetchone()[0]
        return int(
            con.execute(
                "INSERT INTO rondes (sessie_id, volgorde, soort, titel, onderwerpen, instellingen) "
                "VALUES (?, ?, 'scores', ?, ?, ?)",
                (
                    bron["sessie_id"],
                    n + 1,
                    f"Opnieuw scoren: {_grootste(len(onderwerpen))} uit ronde {bron['volgorde']}",
                    json.dumps(onderwerpen),
                    json.dumps({"bron": ronde_id}),
                ),
            ).lastrowid
        )


def _grootste(n: int) -> str:
    return "het grootste verschil" if n == 1 else f"de {n} grootste verschillen"
