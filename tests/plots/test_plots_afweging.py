"""Tests of the afwegingskader figures: checked on fig.data and fig.layout, never shown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from wijkanalyse import afweging as af
from wijkanalyse.plots import afweging as pa

GEVAARLIJK = "<b>Kosten</b> & %{x} <script>"


def _kader() -> tuple[pd.DataFrame, pd.DataFrame]:
    criteria = pd.DataFrame(
        {
            "id": [1, 2],
            "naam": ["Draagvlak", GEVAARLIJK],
            "vraag": "",
            "richting": ["hoger is beter", "lager is beter"],
            "gewicht": [1.0, 1.0],
            "schaal_min": 1,
            "schaal_max": 5,
            "betekenis_min": "",
            "betekenis_max": "",
            "volgorde": [0, 1],
        }
    )
    rijen = [
        # opgave 1: team 5/1 -> (5 + 5) / 2 = 5; bewoners 1/5 -> 1: strong disagreement
        ("opgave", 1, 1, 5, "an", "team"),
        ("opgave", 1, 2, 1, "an", "team"),
        ("opgave", 1, 1, 1, "bo", "<i>bewoners</i>"),
        ("opgave", 1, 2, 5, "bo", "<i>bewoners</i>"),
        # opgave 2 and 3 tie at 3.0
        ("opgave", 2, 1, 3, "an", "team"),
        ("opgave", 2, 2, 3, "an", "team"),
        ("opgave", 3, 1, 4, "an", "team"),
        ("opgave", 3, 2, 4, "an", "team"),
        ("koppeling", 1, 1, 2, "an", "team"),
    ]
    scores = pd.DataFrame(
        [
            {"id": i, "onderwerp_soort": s, "onderwerp_id": o, "criterium_id": c, "waarde": v,
             "scorer": p, "groep": g, "moment": "2026-11-01"}
            for i, (s, o, c, v, p, g) in enumerate(rijen, start=1)
        ]
    )  # fmt: skip
    return criteria, scores


def _alle_tekst(fig: go.Figure) -> str:
    return fig.to_json()


def test_ranglijst_gestapelde_bijdragen_drempel_en_gedeelde_plaats():
    criteria, scores = _kader()
    rang = af.rangschikking(af.totalen(scores, criteria), drempel=3.0)
    fig = pa.ranglijst_figuur(rang, criteria, namen={("opgave", 2): "Warmtenet <Noord>"})
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 2
    assert fig.layout.barmode == "relative"
    # the stacked bars add up to each total
    som = np.sum([np.asarray(b.x, dtype=float) for b in bars], axis=0)
    np.testing.assert_allclose(som, rang["totaal"].to_numpy())
    # threshold line at the drempel
    lijnen = [s for s in fig.layout.shapes if s.x0 == s.x1]
    assert len(lijnen) == 1 and lijnen[0].x0 == 3.0
    # ties visible: opgave 2 and 3 share a place, labelled as such
    tekst = list(next(t for t in fig.data if t.type == "scatter").text)
    assert sum("gedeelde plaats" in t for t in tekst) == int(rang["gedeeld"].sum()) == 3
    # best at the top
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(bars[0].y)[0].startswith("1. ")
    # below the drempel: paler
    opac = np.asarray(bars[0].marker.opacity, dtype=float)
    assert (opac[rang["haalt_drempel"].to_numpy()] == 1.0).all()
    assert (opac[~rang["haalt_drempel"].to_numpy()] < 1.0).all()


def test_gebruikerstekst_wordt_ge_escaped():
    criteria, scores = _kader()
    rang = af.rangschikking(af.totalen(scores, criteria), drempel=3.0)
    fig = pa.ranglijst_figuur(rang, criteria, namen={("opgave", 2): "Warmtenet <Noord>"})
    namen = [t.name for t in fig.data if t.type == "bar"]
    assert "&lt;b&gt;Kosten&lt;/b&gt; &amp; %{x} &lt;script&gt;" in namen
    assert "1. Warmtenet &lt;Noord&gt;" in list(fig.data[0].y)
    for trace in fig.data:
        assert "<b>Kosten" not in (trace.hovertemplate or "")
        assert "%{x} &lt;script" not in (trace.hovertemplate or "")
    groep_fig = pa.groepen_figuur(af.totalen_per_groep(scores, criteria))
    assert "&lt;i&gt;bewoners&lt;/i&gt;" in [t.name for t in groep_fig.data]
    assert "<i>bewoners</i>" not in _alle_tekst(groep_fig)


def test_groepen_figuur_markeert_onenigheid():
    criteria, scores = _kader()
    per_groep = af.totalen_per_groep(scores, criteria)
    fig = pa.groepen_figuur(per_groep, grens=1.0)
    bars = [t for t in fig.data if t.type == "bar"]
    assert {t.name for t in bars} == {"team", "&lt;i&gt;bewoners&lt;/i&gt;"}
    assert fig.layout.barmode == "group"
    markering = next(t for t in fig.data if t.type == "scatter")
    assert "oneens" in markering.name
    assert list(markering.x) == ["opgave 1"]  # team 5, bewoners 1
    assert len(pa.groepen_figuur(per_groep, grens=10).data[-1].x) == 0


def test_gevoeligheid_figuur():
    criteria, scores = _kader()
    gev = af.gevoeligheid(scores, criteria, 3.0, n_trekkingen=200)
    fig = pa.gevoeligheid_figuur(gev)
    assert [t.name for t in fig.data] == ["Haalt de drempel", "In de top drie van de eigen soort"]
    assert tuple(fig.layout.xaxis.range) == (0, 1)
    assert fig.layout.xaxis.tickformat == ".0%"
    x = np.asarray(fig.data[0].x, dtype=float)
    assert (np.diff(x) <= 0).all()  # most robust first
    assert ((x >= 0) & (x <= 1)).all()


@pytest.mark.parametrize(
    "maak",
    [
        lambda c: pa.ranglijst_figuur(af.rangschikking(af.totalen(_leeg(), c), 3), c),
        lambda c: pa.groepen_figuur(af.totalen_per_groep(_leeg(), c)),
        lambda c: pa.gevoeligheid_figuur(af.gevoeligheid(_leeg(), c, 3)),
    ],
)
def test_zonder_scores_een_melding(maak):
    criteria, _ = _kader()
    fig = maak(criteria)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == ["Nog geen scores"]


def _leeg() -> pd.DataFrame:
    return pd.DataFrame(columns=[*af.SCORE_KOLOMMEN, "id", "moment"])
