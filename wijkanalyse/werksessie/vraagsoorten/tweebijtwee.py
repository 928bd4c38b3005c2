"""2×2: participants place subjects on two axes the facilitator names (1–5 each); the result
is the mean place per subject, drawn as a scatter with the axes' middle as quadrant lines."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ...databank import werksessie as opslag
from .. import vragen
from .gedeeld import e, nl, titels, verbinding

KOLOMMEN = ["onderwerp", "titel", "x", "y", "n", "as_x", "as_y"]
MIDDEN = (vragen.AS_MIN + vragen.AS_MAX) / 2
_STIPPEL = "stroke='#999' stroke-dasharray='4'"


def resultaat(con_of_db: Any, ronde_id: int) -> pd.DataFrame:
    """Per subject placed on both axes by at least one person: the mean place ``x``, ``y``
    and how many placed it (``n``); the axes' names in ``as_x``, ``as_y``."""
    with verbinding(con_of_db) as con:
        ronde = opslag.ronde(con, ronde_id)
        namen = titels(con, ronde)
        rows = vragen.antwoorden(con, ronde_id)
    inst = ronde["instellingen"]
    plaatsen: dict[str, list[tuple[float, float]]] = {}
    for a in rows:
        if a["onderwerp"] in namen and a["waarde"] is not None and a["waarde2"] is not None:
            plaatsen.setdefault(a["onderwerp"], []).append((a["waarde"], a["waarde2"]))
    uit = [
        {
            "onderwerp": k,
            "titel": t,
            "x": sum(p[0] for p in plaatsen[k]) / len(plaatsen[k]),
            "y": sum(p[1] for p in plaatsen[k]) / len(plaatsen[k]),
            "n": len(plaatsen[k]),
            "as_x": inst.get("as_x", vragen.STANDAARD_ASSEN[0]),
            "as_y": inst.get("as_y", vragen.STANDAARD_ASSEN[1]),
        }
        for k, t in namen.items()
        if k in plaatsen
    ]
    return pd.DataFrame(uit, columns=KOLOMMEN)


def figuur(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=df["x"],
            y=df["y"],
            mode="markers+text",
            text=df["titel"],
            textposition="top center",
            marker={"size": 14, "color": "#005a9c"},
        )
    )
    rng = [vragen.AS_MIN - 0.5, vragen.AS_MAX + 0.5]
    fig.add_hline(y=MIDDEN, line_dash="dot", line_color="#777")
    fig.add_vline(x=MIDDEN, line_dash="dot", line_color="#777")
    fig.update_layout(
        xaxis={"title": df["as_x"].iloc[0] if len(df) else "", "range": rng},
        yaxis={"title": df["as_y"].iloc[0] if len(df) else "", "range": rng},
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
    )
    return fig


def _svg(df: pd.DataFrame, as_x: str, as_y: str) -> str:
    """A small offline scatter (inline SVG) for the facilitator's page; ``as_x`` and ``as_y``
    are the axes' names, escaped."""
    b, m = 360, 40
    lo, hi = vragen.AS_MIN - 0.5, vragen.AS_MAX + 0.5

    def px(v: float) -> float:
        return m + (v - lo) / (hi - lo) * (b - 2 * m)

    punten = "".join(
        f"<circle cx='{px(r.x):.1f}' cy='{b - px(r.y):.1f}' r='7' fill='#005a9c'/>"
        f"<text x='{px(r.x) + 9:.1f}' y='{b - px(r.y) - 6:.1f}' font-size='13'>{i + 1}</text>"
        for i, r in enumerate(df.itertuples())
    )
    return (
        f"<svg role='img' aria-label='2×2: {as_x} tegen {as_y}' viewBox='0 0 {b} {b}' "
        f"width='{b}' height='{b}' style='max-width:100%;height:auto'>"
        f"<rect x='{m}' y='{m}' width='{b - 2 * m}' height='{b - 2 * m}' fill='none' "
        "stroke='#555'/>"
        f"<line x1='{px(MIDDEN)}' y1='{m}' x2='{px(MIDDEN)}' y2='{b - m}' {_STIPPEL}/>"
        f"<line x1='{m}' y1='{b - px(MIDDEN)}' x2='{b - m}' y2='{b - px(MIDDEN)}' {_STIPPEL}/>"
        f"<text x='{b / 2}' y='{b - 8}' text-anchor='middle' font-size='14'>{as_x} →</text>"
        f"<text x='14' y='{b / 2}' font-size='14' transform='rotate(-90 14 {b / 2})' "
        f"text-anchor='middle'>{as_y} →</text>{punten}</svg>"
    )


def html(df: pd.DataFrame, ronde: dict[str, Any]) -> str:
    if df.empty:
        return "<p>Nog niets geplaatst in deze ronde.</p>"
    rijen = "".join(
        f"<tr><td data-kop='Nr'>{i + 1}</td><td data-kop='Onderwerp'>{e(r.titel)}</td>"
        f"<td data-kop='{e(r.as_x)}'>{nl(r.x)}</td><td data-kop='{e(r.as_y)}'>{nl(r.y)}</td>"
        f"<td data-kop='Aantal'>{r.n}</td></tr>"
        for i, r in enumerate(df.itertuples())
    )
    as_x, as_y = (e(df[k].iloc[0]) for k in ("as_x", "as_y"))
    return (
        f"<h3>{as_x} × {as_y}: gemiddelde plaats per onderwerp</h3>"
        + _svg(df, as_x, as_y)
        + "<table class='wa-tabel wa-tweebijtwee'><thead><tr><th scope='col'>Nr</th>"
        f"<th scope='col'>Onderwerp</th><th scope='col'>{as_x}</th><th scope='col'>{as_y}</th>"
        "<th scope='col'>Aantal</th></tr></thead><tbody>" + rijen + "</tbody></table>"
    )
