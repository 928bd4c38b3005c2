"""Plotly figures for step 2: the balance matrix, the network of koppelingen, the time line.

Every function returns a :class:`plotly.graph_objects.Figure` and never shows it. All text that
users typed (titles, entries) is HTML-escaped before it goes into a label or hover text,
because plotly renders those strings as (a subset of) HTML. With no opgaven every function
returns a figure with the annotation "Nog geen opgaven".
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wijkanalyse.core.vocabulary import HORIZON_LABEL, IMPACT_GEWICHT, NIVEAUS, TRANSITIES
from wijkanalyse.koppelingen import (
    OVERZICHT_KOLOMMEN,
    STATUS_NIET_INGEVULD,
    STATUS_NIET_OVERWOGEN,
    balans_array,
    pair_positions,
    sorted_opgaven,
    start_eind_jaren,
)

from ..core.nl_format import aantal
from ..core.nl_format import html_tekst as _e

TRANSITIE_KLEUR: dict[str, str] = {
    "energie": "#e8871e",
    "klimaatadaptatie": "#2f7fc1",
    "natuurinclusiviteit": "#3a9a4a",
    "mobiliteit": "#8c564b",
    "verstedelijking": "#9467bd",
    "sociaaleconomisch": "#d4a20b",
    "overig": "#7f7f7f",
}
_ONBEKEND_KLEUR = "#bbbbbb"
NIVEAU_KLEUR: dict[str, str] = {
    "koppelkans": "#1a9850",
    "meekoppelkans": "#4575b4",
    "afstemming": "#969696",
}
STATUS_KLEUR: dict[str, str] = {
    STATUS_NIET_OVERWOGEN: "#e0e0e0",
    STATUS_NIET_INGEVULD: "#9e9e9e",
}
# Diverging: red = more bedreigingen, blue = more kansen, near-white = in balance.
BALANS_KLEURSCHAAL = "RdBu"

MAX_ITEMS_IN_HOVER = 6
MAX_TEKST = 60
MAX_LABEL = 28


def _kort(text: object, n: int) -> str:
    """Truncate (before escaping, so no entity is cut) and escape."""
    s = str(text)
    if len(s) > n:
        s = s[: n - 1].rstrip() + "…"
    return _e(s)


def _omgebroken(text: object, n: int = MAX_LABEL) -> str:
    """A label wrapped over lines of at most ``n`` characters (never cut), each escaped.

    >>> _omgebroken("Funderingsproblemen aanpakken in de oude kern", 28)
    'Funderingsproblemen<br>aanpakken in de oude kern'
    """
    regels = textwrap.wrap(str(text), n, break_long_words=False) or [""]
    return "<br>".join(_e(r) for r in regels)


def _label_positie(x: float, y: float) -> str:
    """Where a node's label goes on the circle: outward, away from its neighbours (labels
    of many opgaven all set 'middle right' overlapped near the top and bottom); only the node
    at the very top or bottom is labelled centred. Measured in Chromium at 1000 and 1250 px
    wide: 24, 32 and 40 opgaven, no label overlaps (before: 6 at 24, 3 at 32).

    >>> _label_positie(0.0, 1.0), _label_positie(0.7, 0.7), _label_positie(-0.3, -0.97)
    ('top center', 'middle right', 'bottom left')
    """
    verticaal = "top" if y > 0.95 else "bottom" if y < -0.95 else "middle"
    horizontaal = "right" if x > 0.1 else "left" if x < -0.1 else "center"
    return f"{verticaal} {horizontaal}"


def _verticale_rek(n: int) -> float:
    """How much taller than wide the circle of opgaven is drawn: 1 up to 24 opgaven; more
    make an oval, so labels beside each other near the top and bottom get room above each
    other (32 opgaven on a circle: 3 overlapping labels at a 1440 px page).

    >>> _verticale_rek(24), _verticale_rek(32), _verticale_rek(60)
    (1.0, 1.3, 1.6)
    """
    return round(min(1.6, max(1.0, 1 + (n - 24) * 0.0375)), 2)


def _lege_figuur(titel: str, soort: str, melding: str = "Nog geen opgaven") -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title={"text": titel},
        meta={"figuur": soort, "leeg": True},
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": melding,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": 18, "color": "#555555"},
            }
        ],
        plot_bgcolor="white",
    )
    return fig


def _zeg_in_figuur(fig: go.Figure, tekst: str, *, y: float) -> None:
    """A plain centred line of text in the figure, at height ``y`` (paper coordinates)."""
    fig.add_annotation(text=tekst, xref="paper", yref="paper", x=0.5, y=y, showarrow=False)


def _legend_square(naam: str, kleur: str, **extra: object) -> go.Scatter:
    """A trace without data that only puts a coloured square in the legend."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={"symbol": "square", "size": 14, "color": kleur, "line": {"width": 1}},
        name=naam,
        hoverinfo="skip",
        showlegend=True,
        **extra,
    )


# ------------------------------------------------------------------------------ matrix


def _item_hover_lines(items: pd.DataFrame | None) -> dict[int, str]:
    """Per koppeling_id: the first entries (kansen first, heavy first) as escaped lines."""
    if items is None or items.empty:
        return {}
    t = items[["koppeling_id", "soort", "tekst", "impact", "horizon"]]
    order = pd.DataFrame(
        {
            "k": t["koppeling_id"].to_numpy(dtype=np.int64),
            "s": (t["soort"] != "kans").to_numpy(),
            "w": -t["impact"].map(IMPACT_GEWICHT).fillna(0).to_numpy(),
        }
    )
    idx = np.lexsort((order["w"].to_numpy(), order["s"].to_numpy(), order["k"].to_numpy()))
    t = t.iloc[idx]
    kid = t["koppeling_id"].to_numpy(dtype=np.int64)
    rank = pd.Series(kid).groupby(kid).cumcount().to_numpy()
    totaal = pd.Series(kid).value_counts()
    sel = rank < MAX_ITEMS_IN_HOVER
    lines: dict[int, list[str]] = {}
    for k, soort, tekst, impact, horizon in zip(
        kid[sel],
        t["soort"].to_numpy()[sel],
        t["tekst"].to_numpy()[sel],
        t["impact"].to_numpy()[sel],
        t["horizon"].to_numpy()[sel],
        strict=True,
    ):
        teken = "+" if soort == "kans" else "−"
        wanneer = _e(HORIZON_LABEL.get(horizon, horizon))
        lines.setdefault(int(k), []).append(
            f"{teken} {_kort(tekst, MAX_TEKST)} ({_e(impact)}, {wanneer})"
        )
    out: dict[int, str] = {}
    for k, regels in lines.items():
        rest = int(totaal[k]) - len(regels)
        if rest > 0:
            regels.append(f"… en nog {rest}")
        out[k] = "<br>".join(regels)
    return out


def _pair_hover(row: tuple, entries: dict[int, str]) -> str:
    (titel_a, titel_b, kid, niveau, nk, nb, gk, gb, balans, status, zonder, wissel) = row
    kop = f"<b>{_kort(titel_a, MAX_TEKST)}</b> × <b>{_kort(titel_b, MAX_TEKST)}</b>"
    if status == STATUS_NIET_OVERWOGEN:
        return f"{kop}<br>nog niet overwogen als koppeling"
    regels = [kop, f"niveau: {_e(niveau)}"]
    if status == STATUS_NIET_INGEVULD:
        regels.append("nog geen kansen of bedreigingen ingevuld")
        return "<br>".join(regels)
    regels.append(f"balans: {balans:+.0f} (kansen {gk}, bedreigingen {gb})")
    regels.append(f"{aantal(nk, 'kans', 'kansen')}, {aantal(nb, 'bedreiging', 'bedreigingen')}")
    if zonder:
        regels.append(f"{zonder} zonder interventie")
    if wissel:
        regels.append("<i>let op: de balans wisselt tussen nu en later</i>")
    tekst = entries.get(int(kid)) if kid is not None and not pd.isna(kid) else None
    if tekst:
        regels.append(tekst)
    return "<br>".join(regels)


def matrix_figuur(
    opgaven: pd.DataFrame, overzicht: pd.DataFrame, items: pd.DataFrame | None = None
) -> go.Figure:
    """Heatmap opgave x opgave coloured by balans (red: bedreigingen, blue: kansen).

    ``overzicht`` is the result of :func:`wijkanalyse.koppelingen.paar_overzicht`. Pairs
    without a koppeling are light grey, koppelingen without entries darker grey (a second
    heatmap trace, with legend entries); the diagonal stays white. The hover text shows the
    pair, niveau, balance, counts and, when ``items`` is given, the first entries.
    """
    titel = "Balans van kansen en bedreigingen per koppeling"
    o = sorted_opgaven(opgaven)
    n = len(o)
    if n == 0:
        return _lege_figuur(titel, "matrix")

    z = balans_array(o, overzicht)
    status_z = np.full((n, n), np.nan)
    hover = np.full((n, n), "", dtype=object)
    if not overzicht.empty:
        pa, pb, found = pair_positions(o, overzicht)
        ov = overzicht.loc[found]
        pa, pb = pa[found], pb[found]
        status = ov["status"].to_numpy()
        grijs = np.where(
            status == STATUS_NIET_OVERWOGEN,
            0.0,
            np.where(status == STATUS_NIET_INGEVULD, 1.0, np.nan),
        )
        status_z[pa, pb] = grijs
        status_z[pb, pa] = grijs
        entries = _item_hover_lines(items)
        cols = OVERZICHT_KOLOMMEN[2:]  # all but the two opgave ids
        teksten = np.array(
            [
                _pair_hover(r, entries)
                for r in zip(*(ov[c].to_numpy(dtype=object) for c in cols), strict=True)
            ],
            dtype=object,
        )
        hover[pa, pb] = teksten
        hover[pb, pa] = teksten

    labels = [_omgebroken(t) for t in o["titel"].astype(str)]
    pos = np.arange(n)
    grens = float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 1.0
    grens = max(grens, 1.0)

    # the two layers of one grid: same cells, same gaps, same hover text
    cellen = {
        "x": pos,
        "y": pos,
        "hovertext": hover,
        "hoverinfo": "text",
        "hoverongaps": False,
        "xgap": 1,
        "ygap": 1,
    }
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            z=status_z,
            zmin=0,
            zmax=1,
            colorscale=[
                [0.0, STATUS_KLEUR[STATUS_NIET_OVERWOGEN]],
                [0.5, STATUS_KLEUR[STATUS_NIET_OVERWOGEN]],
                [0.5, STATUS_KLEUR[STATUS_NIET_INGEVULD]],
                [1.0, STATUS_KLEUR[STATUS_NIET_INGEVULD]],
            ],
            showscale=False,
            name="niet ingevuld",
            **cellen,
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            zmin=-grens,
            zmax=grens,
            zmid=0,
            colorscale=BALANS_KLEURSCHAAL,
            colorbar={"title": {"text": "balans<br>(kansen −<br>bedreigingen)"}},
            name="balans",
            **cellen,
        )
    )
    fig.add_trace(_legend_square("niet overwogen", STATUS_KLEUR[STATUS_NIET_OVERWOGEN]))
    fig.add_trace(
        _legend_square("koppeling, nog niet ingevuld", STATUS_KLEUR[STATUS_NIET_INGEVULD])
    )
    tick = {"tickmode": "array", "tickvals": pos, "ticktext": labels, "showgrid": False}
    fig.update_layout(
        title={"text": titel},
        # Row/column i is opgave opgave_ids[i]: a click on a cell names its pair by id.
        meta={"figuur": "matrix", "n_opgaven": n, "opgave_ids": o["id"].astype(int).tolist()},
        # Labels say what the axes are; the legend sits above the plot so that long,
        # rotated opgave titles below it never run into it.
        xaxis={**tick, "tickangle": -45, "zeroline": False, "automargin": True},
        yaxis={**tick, "autorange": "reversed", "zeroline": False, "automargin": True},
        plot_bgcolor="white",
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom"},
        margin={"t": 90},
        height=max(520, 300 + 30 * n),
    )
    if n == 1:
        _zeg_in_figuur(fig, "Minstens twee opgaven nodig voor een koppeling", y=1.05)
    return fig


# ----------------------------------------------------------------------------- netwerk


def _kleur_transitie(t: str) -> str:
    return TRANSITIE_KLEUR.get(t, _ONBEKEND_KLEUR)


def netwerk_figuur(opgaven: pd.DataFrame, overzicht: pd.DataFrame) -> go.Figure:
    """The opgaven on a circle (an oval above 24 opgaven) with an edge for every koppeling.

    Nodes: coloured by transitie, leidend opgaven larger and with a dark outline; the order
    on the circle is by transitie (as in ``vocabulary.TRANSITIES``), then id, starting at the
    top and going clockwise. Edges: colour by niveau; solid for a positive balance, dashed
    for a negative one, dotted when not filled in or in balance; thicker for a larger
    absolute balance. Hover on the middle of an edge shows the pair.
    """
    titel = "Netwerk van koppelingen"
    o = sorted_opgaven(opgaven)
    n = len(o)
    if n == 0:
        return _lege_figuur(titel, "netwerk")

    transitie = o["transitie"].fillna("").astype(str).to_numpy()
    rang = {t: r for r, t in enumerate(TRANSITIES)}
    volgorde = np.lexsort(
        (o["id"].to_numpy(), np.array([rang.get(t, len(TRANSITIES)) for t in transitie]))
    )
    hoek = np.empty(n)
    rek = _verticale_rek(n)
    stap = 2 * math.pi * np.arange(n) / n
    # spread the nodes near the top and bottom (where labels sit beside each other) a little
    # wider than those at the sides (where they sit above each other, and the oval helps)
    spreiding = 0.13 * min(1.0, (rek - 1) / 0.3)
    hoek[volgorde] = math.pi / 2 - stap - spreiding * np.sin(2 * stap)
    x = np.round(np.cos(hoek), 12)
    y = np.round(np.sin(hoek), 12)
    y_knoop = y * rek  # y stays the unit circle's, for where the labels go
    leidend = (o["rol"].fillna("").astype(str) == "leidend").to_numpy()
    titels = o["titel"].astype(str).to_numpy()

    fig = go.Figure()

    # Edges, grouped into one trace per (niveau, style, width) so there are few traces.
    if not overzicht.empty:
        pa, pb, found = pair_positions(o, overzicht)
        ov = overzicht.loc[found]
        pa, pb = pa[found], pb[found]
        met = (ov["status"] != STATUS_NIET_OVERWOGEN).to_numpy()
        ov, pa, pb = ov.loc[met], pa[met], pb[met]
    else:
        ov, pa, pb = overzicht, np.array([], dtype=int), np.array([], dtype=int)
    balans = ov["balans"].to_numpy(dtype=float, na_value=np.nan) if len(ov) else np.array([])
    stijl = np.where(np.isnan(balans) | (balans == 0), "dot", np.where(balans < 0, "dash", "solid"))
    grootte = np.nan_to_num(np.abs(balans))
    maxb = max(float(grootte.max()) if len(grootte) else 0.0, 1.0)
    breedte = np.round(1 + 4 * grootte / maxb, 0)
    niveau = ov["niveau"].fillna("").astype(str).to_numpy() if len(ov) else np.array([])
    gezien: set[str] = set()
    for nv in [*NIVEAUS, *sorted(set(niveau) - set(NIVEAUS))]:
        for st in ("solid", "dash", "dot"):
            for br in np.unique(breedte):
                sel = np.flatnonzero((niveau == nv) & (stijl == st) & (breedte == br))
                if len(sel) == 0:
                    continue
                ex = np.column_stack([x[pa[sel]], x[pb[sel]], np.full(len(sel), np.nan)]).ravel()
                ey = np.column_stack(
                    [y_knoop[pa[sel]], y_knoop[pb[sel]], np.full(len(sel), np.nan)]
                ).ravel()
                fig.add_trace(
                    go.Scatter(
                        x=ex,
                        y=ey,
                        mode="lines",
                        line={
                            "color": NIVEAU_KLEUR.get(nv, _ONBEKEND_KLEUR),
                            "dash": st,
                            "width": float(br),
                        },
                        name=_e(nv or "onbekend niveau"),
                        legendgroup=f"niveau-{nv}",
                        showlegend=nv not in gezien,
                        hoverinfo="skip",
                    )
                )
                gezien.add(nv)
    if len(ov):
        hover = []
        for ta, tb, nv, b in zip(ov["titel_a"], ov["titel_b"], niveau, balans, strict=True):
            bal = f"balans {b:+.0f}" if not np.isnan(b) else "nog niet ingevuld"
            hover.append(
                f"<b>{_kort(ta, MAX_TEKST)}</b> × <b>{_kort(tb, MAX_TEKST)}</b>"
                f"<br>{_e(nv)}<br>{bal}"
            )
        fig.add_trace(
            go.Scatter(
                x=(x[pa] + x[pb]) / 2,
                y=(y_knoop[pa] + y_knoop[pb]) / 2,
                mode="markers",
                marker={"size": 6, "color": "rgba(0,0,0,0.15)"},
                hovertext=hover,
                hoverinfo="text",
                name="koppeling",
                showlegend=False,
            )
        )

    # Nodes: one trace per transitie, for the legend.
    for t in [*TRANSITIES, *sorted(set(transitie) - set(TRANSITIES))]:
        sel = np.flatnonzero(transitie == t)
        if len(sel) == 0:
            continue
        fig.add_trace(
            go.Scatter(
                x=x[sel],
                y=y_knoop[sel],
                mode="markers+text",
                marker={
                    "size": np.where(leidend[sel], 26, 14),
                    "color": _kleur_transitie(t),
                    "line": {
                        "width": np.where(leidend[sel], 3, 1),
                        "color": np.where(leidend[sel], "#222222", "#ffffff"),
                    },
                },
                text=[
                    _omgebroken(
                        s,
                        MAX_LABEL // 2 if _label_positie(xv, yv).endswith("center") else MAX_LABEL,
                    )
                    for s, xv, yv in zip(titels[sel], x[sel], y[sel], strict=True)
                ],  # fmt: skip
                textposition=[
                    _label_positie(xv, yv) for xv, yv in zip(x[sel], y[sel], strict=True)
                ],
                hovertext=[
                    f"<b>{_kort(s, MAX_TEKST)}</b><br>{_e(t)}<br>"
                    f"{'leidend' if lei else 'meeliftend'}"
                    for s, lei in zip(titels[sel], leidend[sel], strict=True)
                ],
                hoverinfo="text",
                name=_e(t or "onbekende transitie"),
                legendgroup=f"transitie-{t}",
                customdata=o["id"].to_numpy()[sel],
            )
        )
    fig.add_annotation(
        text="groot omrand = leidend · doorgetrokken = meer kansen · gestreept = meer "
        "bedreigingen · gestippeld = niet ingevuld of in balans",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.08,
        showarrow=False,
        font={"size": 11, "color": "#555555"},
        xanchor="left",
    )
    as_ = {"visible": False, "range": [-1.6, 1.6]}
    fig.update_layout(
        title={"text": titel},
        meta={"figuur": "netwerk", "n_opgaven": n, "n_koppelingen": int(len(ov))},
        xaxis=as_,
        yaxis={**as_, "range": [-rek - 0.6, rek + 0.6], "scaleanchor": "x"},
        plot_bgcolor="white",
        # more opgaven: a taller oval, room for the labels above each other
        height=max(650, 300 + 30 * n, round(200 + 640 * (rek + 0.6))),
        legend={"title": {"text": "transitie / niveau"}},
    )
    return fig


# ----------------------------------------------------------------------------- tijdlijn


def koppelmomenten(opgaven: pd.DataFrame) -> pd.DataFrame:
    """Years in which the time windows of two or more opgaven overlap.

    Columns: jaar, aantal (number of opgaven active that year), titels (list of titles),
    ordered by jaar. Opgaven without years are left out.
    """
    o = sorted_opgaven(opgaven)
    start, eind = start_eind_jaren(o)
    ok = ~np.isnan(start) & ~np.isnan(eind)
    if not ok.any():
        return pd.DataFrame({"jaar": [], "aantal": [], "titels": []}).astype(
            {"jaar": "int64", "aantal": "int64", "titels": object}
        )
    jaren = np.arange(int(np.nanmin(start[ok])), int(np.nanmax(eind[ok])) + 1)
    actief = ok[None, :] & (start[None, :] <= jaren[:, None]) & (jaren[:, None] <= eind[None, :])
    aantal = actief.sum(axis=1)
    titels = o["titel"].astype(str).to_numpy()
    keep = aantal >= 2
    return pd.DataFrame(
        {
            "jaar": jaren[keep].astype(np.int64),
            "aantal": aantal[keep].astype(np.int64),
            "titels": [list(titels[row]) for row in actief[keep]],
        }
    )


def tijdlijn_figuur(opgaven: pd.DataFrame) -> go.Figure:
    """Gantt-like bars from start_jaar to eind_jaar (inclusive), coloured by transitie.

    Years in which two or more windows overlap are koppelmomenten: shaded bands (darker
    with more opgaven) and a diamond on the top row with the opgaven in the hover text.
    Opgaven without years are listed (label "… (geen jaren)") but have no bar.
    """
    titel = "Tijdvensters van de opgaven en koppelmomenten"
    o = sorted_opgaven(opgaven)
    n = len(o)
    if n == 0:
        return _lege_figuur(titel, "tijdlijn")
    start, eind = start_eind_jaren(o)
    heeft = ~np.isnan(start) & ~np.isnan(eind)
    transitie = o["transitie"].fillna("").astype(str).to_numpy()
    titels = o["titel"].astype(str).to_numpy()
    rol = o["rol"].fillna("").astype(str).to_numpy()
    # Rows: 0 is the koppelmoment row, opgaven from 1 down.
    rij = np.arange(1, n + 1)
    labels = ["koppelmoment"] + [
        _omgebroken(t + ("" if h else " (geen jaren)")) for t, h in zip(titels, heeft, strict=True)
    ]

    fig = go.Figure()
    for t in [*TRANSITIES, *sorted(set(transitie) - set(TRANSITIES))]:
        sel = np.flatnonzero((transitie == t) & heeft)
        if len(sel) == 0:
            continue
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=rij[sel],
                base=start[sel] - 0.5,
                x=eind[sel] - start[sel] + 1,
                marker={"color": _kleur_transitie(t), "line": {"width": 0}},
                name=_e(t or "onbekende transitie"),
                hovertext=[
                    f"<b>{_kort(titels[k], MAX_TEKST)}</b><br>{_e(t)}, {_e(rol[k])}"
                    f"<br>{int(start[k])}–{int(eind[k])}"
                    for k in sel
                ],
                hoverinfo="text",
                width=0.6,
            )
        )

    shapes = []
    km = koppelmomenten(o)
    if len(km):
        maxa = int(km["aantal"].max())
        for jaar, aantal in zip(km["jaar"], km["aantal"], strict=True):
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "paper",
                    "x0": jaar - 0.5,
                    "x1": jaar + 0.5,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": "#f4a300",
                    "opacity": 0.08 + 0.17 * aantal / maxa,
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        fig.add_trace(
            go.Scatter(
                x=km["jaar"].to_numpy(),
                y=np.zeros(len(km)),
                mode="markers+text",
                marker={"symbol": "diamond", "size": 14, "color": "#f4a300"},
                text=[str(a) for a in km["aantal"]],
                textposition="middle right",
                hovertext=[
                    f"<b>koppelmoment {j}</b>: {a} opgaven tegelijk<br>"
                    + "<br>".join(_kort(s, MAX_TEKST) for s in ts)
                    for j, a, ts in zip(km["jaar"], km["aantal"], km["titels"], strict=True)
                ],
                hoverinfo="text",
                name="koppelmoment (2+ opgaven tegelijk)",
            )
        )
    fig.update_layout(
        title={"text": titel},
        meta={"figuur": "tijdlijn", "n_opgaven": n, "koppeljaren": km["jaar"].tolist()},
        barmode="overlay",
        shapes=shapes,
        xaxis={"title": {"text": "jaar"}, "dtick": 1, "tickformat": "d"},
        yaxis={
            "title": {"text": "opgave"},
            "tickmode": "array",
            "tickvals": np.arange(n + 1),
            "ticktext": labels,
            "range": [n + 0.6, -0.6],
            "zeroline": False,
        },
        plot_bgcolor="white",
        height=max(300, 120 + 34 * (n + 1)),
        legend={"title": {"text": "transitie"}},
    )
    if not heeft.any():
        _zeg_in_figuur(fig, "Nog geen opgaven met een tijdvenster", y=0.5)
    return fig
