"""Tests for wijkanalyse.plots.koppelingen: what a user would see in the figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from factories import lege_wijk, maak_items, maak_koppelingen, maak_opgaven, synthetische_wijk

from wijkanalyse.koppelingen import paar_overzicht
from wijkanalyse.plots.koppelingen import (
    koppelmomenten,
    matrix_figuur,
    netwerk_figuur,
    tijdlijn_figuur,
)

GEVAARLIJK = "<script>alert(1)</script>"
GEVAARLIJK_IMG = "<img src=x onerror=alert(1)>"


def wijk() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Four opgaven: one pair positive, one negative, one empty koppeling, the rest absent."""
    opgaven = maak_opgaven(
        [
            {
                "id": 1,
                "titel": "Riool vervangen",
                "transitie": "klimaatadaptatie",
                "start_jaar": 2027,
                "eind_jaar": 2027,
                "rol": "leidend",
            },
            {
                "id": 2,
                "titel": "Warmtenet",
                "transitie": "energie",
                "start_jaar": 2027,
                "eind_jaar": 2028,
            },
            {"id": 3, "titel": GEVAARLIJK, "transitie": "sociaaleconomisch"},
            {
                "id": 4,
                "titel": "Groene speelplek",
                "transitie": "natuurinclusiviteit",
                "start_jaar": 2030,
                "eind_jaar": 2031,
            },
        ]
    )
    koppelingen = maak_koppelingen(
        [
            {"id": 1, "opgave_a": 1, "opgave_b": 2, "niveau": "meekoppelkans"},
            {"id": 2, "opgave_a": 2, "opgave_b": 3, "niveau": "koppelkans"},
            {"id": 3, "opgave_a": 1, "opgave_b": 4, "niveau": "afstemming"},
        ]
    )
    items = maak_items(
        [
            {
                "koppeling_id": 1,
                "soort": "kans",
                "impact": "groot",
                "tekst": "straat één keer open",
            },
            {"koppeling_id": 2, "soort": "bedreiging", "impact": "middel", "tekst": GEVAARLIJK_IMG},
        ]
    )
    return opgaven, koppelingen, items


def strings(obj: Any) -> Iterator[str]:
    """Every string anywhere in a figure's JSON-like structure."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings(v)
    elif isinstance(obj, list | tuple | np.ndarray):
        for v in obj:
            yield from strings(v)


def figuren() -> dict[str, go.Figure]:
    opgaven, koppelingen, items = wijk()
    ov = paar_overzicht(opgaven, koppelingen, items)
    return {
        "matrix": matrix_figuur(opgaven, ov, items),
        "netwerk": netwerk_figuur(opgaven, ov),
        "tijdlijn": tijdlijn_figuur(opgaven),
    }


# --------------------------------------------------------------------- every figure


@pytest.mark.parametrize("naam", ["matrix", "netwerk", "tijdlijn"])
def test_html_wordt_ontsnapt(naam: str) -> None:
    fig = figuren()[naam]
    alles = list(strings(fig.to_plotly_json()))
    assert not any("<script" in s or "<img" in s for s in alles)
    assert any("&lt;script&gt;" in s for s in alles)
    if naam != "tijdlijn":  # there the opgave has no years, so only a tick label
        # The escaped title appears in hover text (not only in tick labels).
        hover = [s for tr in fig.data for s in strings(getattr(tr, "hovertext", None))]
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in hover)


def test_tijdlijn_hover_ontsnapt() -> None:
    opgaven = maak_opgaven(
        [
            {"titel": GEVAARLIJK, "start_jaar": 2026, "eind_jaar": 2027},
            {"titel": "Riool", "start_jaar": 2027, "eind_jaar": 2027},
        ]
    )
    fig = tijdlijn_figuur(opgaven)
    alles = list(strings(fig.to_plotly_json()))
    assert not any("<script" in s for s in alles)
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    moment = [tr for tr in fig.data if isinstance(tr, go.Scatter)]
    assert any("&lt;script&gt;" in s for tr in bars for s in tr.hovertext)
    assert any("&lt;script&gt;" in s for s in moment[0].hovertext)


def test_matrix_hover_ontsnapt_items() -> None:
    hover = list(strings(figuren()["matrix"].data[1].hovertext))
    assert any("&lt;img src=x onerror=alert(1)&gt;" in s for s in hover)


@pytest.mark.parametrize("maker", ["matrix", "netwerk", "tijdlijn"])
def test_nul_opgaven(maker: str) -> None:
    opgaven, koppelingen, items = lege_wijk()
    ov = paar_overzicht(opgaven, koppelingen, items)
    fig = {
        "matrix": lambda: matrix_figuur(opgaven, ov, items),
        "netwerk": lambda: netwerk_figuur(opgaven, ov),
        "tijdlijn": lambda: tijdlijn_figuur(opgaven),
    }[maker]()
    assert isinstance(fig, go.Figure)
    assert [a.text for a in fig.layout.annotations] == ["Nog geen opgaven"]
    assert fig.layout.title.text
    fig.to_json()


@pytest.mark.parametrize("n", [1, 2])
def test_een_en_twee_opgaven(n: int) -> None:
    opgaven = maak_opgaven(
        [{"id": k + 1, "titel": f"O{k}", "start_jaar": 2027, "eind_jaar": 2027} for k in range(n)]
    )
    koppelingen = maak_koppelingen([{"opgave_a": 1, "opgave_b": 2}] if n == 2 else [])
    ov = paar_overzicht(opgaven, koppelingen, maak_items([]))
    for fig in (matrix_figuur(opgaven, ov), netwerk_figuur(opgaven, ov), tijdlijn_figuur(opgaven)):
        assert fig.layout.title.text and fig.layout.meta["n_opgaven"] == n
        fig.to_json()
    z = np.asarray(matrix_figuur(opgaven, ov).data[1].z, dtype=float)
    assert z.shape == (n, n) and np.isnan(z).all()


def test_titels_en_meta() -> None:
    for naam, fig in figuren().items():
        assert fig.layout.meta["figuur"] == naam
        assert fig.layout.title.text


# --------------------------------------------------------------------------- matrix


def test_matrix_balans_en_nan() -> None:
    fig = figuren()["matrix"]
    balans = np.asarray(fig.data[1].z, dtype=float)
    status = np.asarray(fig.data[0].z, dtype=float)
    # Order by id: 0 Riool, 1 Warmtenet, 2 <script>, 3 Groene speelplek.
    assert balans[0, 1] == 3 and balans[1, 0] == 3
    assert balans[1, 2] == -2 and balans[2, 1] == -2
    assert np.isnan(balans[0, 3])  # koppeling without entries
    assert np.isnan(balans[0, 2])  # no koppeling
    assert np.isnan(np.diag(balans)).all()
    # The grey trace covers exactly the off-diagonal cells without a balance, with two shades.
    off = ~np.eye(4, dtype=bool)
    assert np.array_equal(np.isnan(balans) & off, ~np.isnan(status))
    assert status[0, 3] == 1 and status[0, 2] == 0
    assert fig.data[1].zmid == 0
    assert {tr.name for tr in fig.data if isinstance(tr, go.Scatter)} >= {"niet overwogen"}


def test_matrix_hover_teksten() -> None:
    hover = np.asarray(figuren()["matrix"].data[1].hovertext, dtype=object)
    assert "balans: +3" in hover[0, 1]
    assert "straat één keer open" in hover[0, 1]
    assert "nog niet overwogen" in hover[0, 2]
    assert "nog geen kansen of bedreigingen" in hover[0, 3]


def test_matrix_40_opgaven() -> None:
    opgaven, koppelingen, items = synthetische_wijk(n_opgaven=40, n_items=3000, seed=2)
    fig = matrix_figuur(opgaven, paar_overzicht(opgaven, koppelingen, items), items)
    assert np.asarray(fig.data[1].z).shape == (40, 40)
    assert len(fig.layout.yaxis.ticktext) == 40


# -------------------------------------------------------------------------- netwerk


def knopen(fig: go.Figure) -> pd.DataFrame:
    rows = []
    for tr in fig.data:
        if tr.mode == "markers+text":
            for k, (cid, s, w) in enumerate(
                zip(tr.customdata, tr.marker.size, tr.marker.line.width, strict=True)
            ):
                rows.append({"id": int(cid), "size": s, "lijn": w, "x": tr.x[k], "y": tr.y[k]})
    return pd.DataFrame(rows).set_index("id")


def test_netwerk_leidend_groter() -> None:
    k = knopen(figuren()["netwerk"])
    assert len(k) == 4
    assert k.loc[1, "size"] > k.loc[2, "size"]
    assert k.loc[1, "lijn"] > k.loc[2, "lijn"]
    assert np.allclose(k["x"] ** 2 + k["y"] ** 2, 1)


def test_netwerk_randen() -> None:
    fig = figuren()["netwerk"]
    lijnen = [tr for tr in fig.data if tr.mode == "lines"]
    # Three koppelingen (one empty), each a segment of two points plus a gap.
    punten = sum(int(np.sum(~np.isnan(np.asarray(tr.x, dtype=float)))) for tr in lijnen)
    assert punten == 3 * 2
    stijl = {tr.line.dash for tr in lijnen}
    assert stijl == {"solid", "dash", "dot"}  # positive, negative, not filled in
    negatief = [tr for tr in lijnen if tr.line.dash == "dash"]
    assert len(negatief) == 1 and negatief[0].legendgroup == "niveau-koppelkans"


def test_netwerk_deterministisch() -> None:
    a, b = figuren()["netwerk"], figuren()["netwerk"]
    assert a.to_json() == b.to_json()


# ------------------------------------------------------------------------- tijdlijn


def test_tijdlijn_balken_en_koppelmoment() -> None:
    fig = figuren()["tijdlijn"]
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    warmte = next(tr for tr in bars if tr.name == "energie")
    assert np.asarray(warmte.base, dtype=float).tolist() == [2026.5]
    assert np.asarray(warmte.x, dtype=float).tolist() == [2.0]  # 2027 and 2028
    # The opgave without years is listed, without a bar.
    assert any("(geen jaren)" in t for t in fig.layout.yaxis.ticktext)
    assert sum(len(tr.y) for tr in bars) == 3
    assert fig.layout.meta["koppeljaren"] == [2027]
    assert len(fig.layout.shapes) == 1
    assert fig.layout.shapes[0].x0 == 2026.5


def test_koppelmomenten() -> None:
    km = koppelmomenten(wijk()[0])
    assert km["jaar"].tolist() == [2027]
    assert km["aantal"].tolist() == [2]
    assert km["titels"].iloc[0] == ["Riool vervangen", "Warmtenet"]


def test_tijdlijn_zonder_jaren() -> None:
    opgaven = maak_opgaven([{"titel": "A"}, {"titel": "B"}])
    fig = tijdlijn_figuur(opgaven)
    assert not [tr for tr in fig.data if isinstance(tr, go.Bar)]
    assert len(fig.layout.yaxis.ticktext) == 3  # koppelmoment row + two opgaven


def test_matrix_hover_telt_in_goed_nederlands() -> None:
    """'1 kans, 0 bedreigingen', never 'kans(en)': the count decides the word."""
    hover = np.asarray(figuren()["matrix"].data[1].hovertext, dtype=object)
    assert "1 kans, 0 bedreigingen" in hover[0, 1]
    assert not any("(en)" in str(h) for h in hover.ravel())
