"""Plotly figures for the afwegingskader (step 3).

Every function takes the DataFrames of :mod:`wijkanalyse.afweging` and returns a
``plotly.graph_objects.Figure``; nothing is shown here. Text typed by users (names of
criteria, groups, titles) is escaped with :func:`html.escape`, because plotly renders labels and
hover text as HTML, and is passed to hover templates through ``customdata`` so that a ``%{``
in a name is never read as a template. With no rows a figure says "Nog geen scores".
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wijkanalyse.afweging import bijdrage_kolom, onderwerp_label
from wijkanalyse.core.nl_format import getal

__all__ = ["LEEG_TEKST", "gevoeligheid_figuur", "groepen_figuur", "ranglijst_figuur"]

LEEG_TEKST = "Nog geen scores"
Namen = Mapping[tuple[str, int], str]

_KLEUREN = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
)  # fmt: skip


def _leeg(titel: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=LEEG_TEKST, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
        font={"size": 18},
    )  # fmt: skip
    fig.update_layout(title=titel, xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def _labels(df: pd.DataFrame, namen: Namen | None) -> list[str]:
    """Escaped, unique label per row: the title when known; soort and id only where two
    rows would otherwise look the same (a plot axis merges equal labels)."""
    paren = list(zip(df["onderwerp_soort"], df["onderwerp_id"], strict=True))
    titels = [(namen or {}).get((s, int(i))) or onderwerp_label(s, i) for s, i in paren]
    dubbel = {t for t in titels if titels.count(t) > 1}
    return [
        html.escape(f"{t} ({onderwerp_label(s, i)})" if t in dubbel else t)
        for t, (s, i) in zip(titels, paren, strict=True)
    ]


def ranglijst_figuur(
    ranglijst: pd.DataFrame,
    criteria: pd.DataFrame,
    *,
    drempel: float | None = None,
    namen: Namen | None = None,
) -> go.Figure:
    """Horizontal stacked bars: each criterium's bijdrage to the total, best at the top.

    ``ranglijst`` comes from :func:`~wijkanalyse.afweging.rangschikking`; ``drempel`` defaults to
    ``ranglijst.attrs['drempel']``. A dashed vertical line marks the drempel, onderwerpen below
    it are paler, and shared places read "gedeelde plaats" next to the total.
    """
    titel = "Ranglijst: bijdrage per criterium aan het totaal"
    if drempel is None:
        drempel = ranglijst.attrs.get("drempel")
    if len(ranglijst) == 0:
        return _leeg(titel)
    df = ranglijst.reset_index(drop=True)
    labels = _labels(df, namen)
    rang = df["rang"] if "rang" in df.columns else pd.Series(np.arange(1, len(df) + 1))
    y = [f"{'–' if pd.isna(r) else r}. {lab}" for r, lab in zip(rang, labels, strict=True)]
    haalt = (
        df["haalt_drempel"] if "haalt_drempel" in df.columns else pd.Series(True, index=df.index)
    )
    opaciteit = np.where(haalt.to_numpy(dtype=bool), 1.0, 0.45)

    fig = go.Figure()
    for i, crit in enumerate(criteria.itertuples(index=False)):
        kolom = bijdrage_kolom(crit.id)
        if kolom not in df.columns:
            continue
        naam = html.escape(str(crit.naam))
        richting = " (omgedraaid: lager is beter)" if crit.richting == "lager is beter" else ""
        fig.add_trace(
            go.Bar(
                x=df[kolom].to_numpy(dtype=float),
                y=y,
                orientation="h",
                name=naam,
                marker={"color": _KLEUREN[i % len(_KLEUREN)], "opacity": opaciteit},
                customdata=np.array([[lab, naam + html.escape(richting)] for lab in labels]),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>"
                "Bijdrage: %{x:.2f}<extra></extra>",
            )
        )
    totaal = df["totaal"].to_numpy(dtype=float)
    gedeeld = df["gedeeld"] if "gedeeld" in df.columns else pd.Series(False, index=df.index)
    tekst = []
    hover = []
    for t, g, r, lab, ontbr in zip(
        totaal,
        gedeeld,
        rang,
        labels,
        df["ontbrekend"] if "ontbrekend" in df.columns else [""] * len(df),
        strict=True,
    ):
        stuk = "geen totaal" if np.isnan(t) else getal(t, 2)
        if g:
            stuk += f" (gedeelde plaats {r})"
        tekst.append(stuk)
        extra = f"<br>Niet gescoord: {html.escape(ontbr)}" if ontbr else ""
        if pd.isna(r) and "volledig" in df.columns:
            extra += "<br>Nog niet volledig gescoord: geen plaats"
        hover.append(f"{lab}<br>Totaal: {stuk}{extra}")
    fig.add_trace(
        go.Scatter(
            x=np.nan_to_num(totaal, nan=0.0),
            y=y,
            mode="text",
            text=tekst,
            textposition="middle right",
            name="Totaal",
            showlegend=False,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    if drempel is not None and np.isfinite(drempel):
        fig.add_vline(
            x=float(drempel),
            line_dash="dash",
            line_color="black",
            annotation_text=f"drempel {getal(float(drempel))}",
            annotation_position="top",
        )
    fig.update_layout(
        title=titel,
        barmode="relative",
        xaxis_title="Bijdrage aan het totaal (op de schaal van de scores)",
        yaxis={"autorange": "reversed", "title": ""},
        legend_title="Criterium",
        height=max(300, 60 + 28 * len(df)),
    )
    return fig


def groepen_figuur(
    per_groep: pd.DataFrame,
    *,
    grens: float = 1.0,
    namen: Namen | None = None,
) -> go.Figure:
    """Total per onderwerp as each groep scored it, groups side by side.

    ``per_groep`` comes from :func:`~wijkanalyse.afweging.totalen_per_groep`. Onderwerpen where
    the highest and lowest group total differ by more than ``grens`` get a marker
    "Groepen oneens".
    """
    titel = "Totaal per groep"
    if len(per_groep) == 0:
        return _leeg(titel)
    sleutel = ["onderwerp_soort", "onderwerp_id"]
    onderwerpen = per_groep[sleutel].drop_duplicates()
    volgorde = np.lexsort(
        (
            onderwerpen["onderwerp_id"].to_numpy(),
            (onderwerpen["onderwerp_soort"] != "opgave").to_numpy(),
        )
    )
    onderwerpen = onderwerpen.iloc[volgorde].reset_index(drop=True)
    labels = _labels(onderwerpen, namen)
    breed = per_groep.pivot_table(index=sleutel, columns="groep", values="totaal", aggfunc="first")
    breed = breed.reindex(pd.MultiIndex.from_frame(onderwerpen))
    fig = go.Figure()
    for i, groep in enumerate(breed.columns):
        g = html.escape(str(groep))
        fig.add_trace(
            go.Bar(
                x=labels,
                y=breed[groep].to_numpy(dtype=float),
                name=g,
                marker_color=_KLEUREN[i % len(_KLEUREN)],
                customdata=[[lab, g] for lab in labels],
                hovertemplate="%{customdata[0]}<br>Groep: %{customdata[1]}<br>"
                "Totaal: %{y:.2f}<extra></extra>",
            )
        )
    hoogste = breed.max(axis=1).to_numpy(dtype=float)
    spreiding = hoogste - breed.min(axis=1).to_numpy(dtype=float)
    oneens = np.nan_to_num(spreiding, nan=0.0) > grens
    fig.add_trace(
        go.Scatter(
            x=[lab for lab, o in zip(labels, oneens, strict=True) if o],
            y=(hoogste[oneens] * 1.05) if oneens.any() else [],
            mode="markers+text",
            marker={"symbol": "triangle-down", "size": 14, "color": "#d62728"},
            text=["oneens"] * int(oneens.sum()),
            textposition="top center",
            name=f"Groepen oneens (verschil > {getal(grens)})",
            customdata=[getal(s, 2) for s in spreiding[oneens]],
            hovertemplate="Verschil tussen hoogste en laagste groep: %{customdata}<extra></extra>",
        )
    )
    fig.update_layout(
        title=titel,
        barmode="group",
        yaxis_title="Totaal (op de schaal van de scores)",
        xaxis_title="",
        legend_title="Groep",
        height=480,  # a fixed height: drawn in a tab that is still hidden, autosize gave ~60 px
    )
    fig.update_xaxes(automargin=True)
    return fig


def gevoeligheid_figuur(gevoeligheid: pd.DataFrame, *, namen: Namen | None = None) -> go.Figure:
    """Per onderwerp: the share of weightings in which it passes the drempel and the share in
    which it is among the best three of its soort (from
    :func:`~wijkanalyse.afweging.gevoeligheid`)."""
    titel = "Hoe stevig is de uitkomst als de gewichten iets anders zijn?"
    if len(gevoeligheid) == 0:
        return _leeg(titel)
    df = gevoeligheid.reset_index(drop=True)
    volgorde = np.lexsort(
        (
            df["onderwerp_id"].to_numpy(),
            (df["onderwerp_soort"] != "opgave").to_numpy(),
            -df["aandeel_top3"].to_numpy(dtype=float),
            -df["aandeel_drempel"].to_numpy(dtype=float),
        )
    )
    df = df.iloc[volgorde].reset_index(drop=True)
    labels = _labels(df, namen)
    fig = go.Figure()
    for kolom, naam, kleur in (
        ("aandeel_drempel", "Haalt de drempel", "#2ca02c"),
        ("aandeel_top3", "In de top drie van de eigen soort", "#1f77b4"),
    ):
        fig.add_trace(
            go.Bar(
                x=df[kolom].to_numpy(dtype=float),
                y=labels,
                orientation="h",
                name=naam,
                marker_color=kleur,
                customdata=labels,
                hovertemplate="%{customdata}<br>" + naam + ": %{x:.0%} van de weegsets"
                "<extra></extra>",
            )
        )
    fig.update_layout(
        title=titel,
        barmode="group",
        xaxis={"range": [0, 1], "tickformat": ".0%", "title": "Aandeel van de weegsets"},
        yaxis={"autorange": "reversed", "title": ""},
        height=max(300, 60 + 36 * len(df)),
    )
    return fig
