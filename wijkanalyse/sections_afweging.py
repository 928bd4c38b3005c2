"""Afwegingskader and besluiten blocks for notebooks 03 and 04, the report and the dashboard.

Like :mod:`wijkanalyse.sections`: each function takes a model and returns escaped HTML or a
plotly figure.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from . import afweging
from .html_tables import tabel_html
from .model import WijkModel


def onderwerp_labels(model: WijkModel) -> dict[tuple[str, int], str]:
    """A readable name per subject: the opgave's title, or 'A × B' for a koppeling."""
    o = model.opgaven()
    titels = dict(zip(o["id"].astype(int), o["titel"], strict=True))
    labels = {("opgave", i): t for i, t in titels.items()}
    for k in model.koppelingen().itertuples():
        labels[("koppeling", int(k.id))] = (
            f"{titels.get(int(k.opgave_a), '?')} × {titels.get(int(k.opgave_b), '?')}"
        )
    return labels


def bereken_afweging(model: WijkModel, *, n_trekkingen: int = 1000) -> afweging.Afweging:
    return afweging.afweeg(
        model.scores(), model.criteria(), model.kader()["drempel"], n_trekkingen=n_trekkingen
    )


def _met_labels(model: WijkModel, df: pd.DataFrame) -> pd.DataFrame:
    labels = onderwerp_labels(model)
    df = df.copy()
    df.insert(
        0,
        "onderwerp",
        [
            labels.get((s, int(i)), f"{s} {i}")
            for s, i in zip(df["onderwerp_soort"], df["onderwerp_id"], strict=True)
        ],
    )
    return df


def ranglijst_tabel(model: WijkModel, res: afweging.Afweging | None = None) -> HTML:
    res = res or bereken_afweging(model)
    r = _met_labels(model, res.ranglijst)
    kader = model.kader()
    toon = pd.DataFrame(
        {
            "Plaats": r["rang"].astype(str) + r["gedeeld"].map({True: " (gedeeld)", False: ""}),
            "Onderwerp": r["onderwerp"],
            "Soort": r["onderwerp_soort"],
            "Totaal": r["totaal"].round(2),
            "Haalt drempel": r["haalt_drempel"].map({True: "ja", False: "nee"}),
            "Volledig gescoord": r["volledig"].map({True: "ja", False: "nee"}),
        }
    )
    kop = (
        f"<p>Drempel: <strong>{kader['drempel']:g}</strong> · capaciteit: "
        f"<strong>{kader['capaciteit']}</strong> opgaven</p>"
    )
    return HTML(kop + tabel_html(toon, leeg="Nog geen scores."))


def formule() -> HTML:
    tekst = html.escape(afweging.FORMULE_UITLEG)
    return HTML(
        f"<h3>Hoe het totaal wordt berekend</h3><pre style='white-space:pre-wrap'>{tekst}</pre>"
    )


def criteria_tabel(model: WijkModel) -> HTML:
    c = model.criteria()
    toon = pd.DataFrame(
        {
            "Criterium": c["naam"],
            "Vraag": c["vraag"],
            "Richting": c["richting"],
            "Gewicht": c["gewicht"],
            "Schaal": c["schaal_min"].astype(str) + "–" + c["schaal_max"].astype(str),
            "Laagste waarde betekent": c["betekenis_min"],
            "Hoogste waarde betekent": c["betekenis_max"],
        }
    )
    return HTML(tabel_html(toon, leeg="Nog geen criteria."))


def besluiten_tabel(model: WijkModel) -> HTML:
    b = model.besluiten()
    if b.empty:
        return HTML(tabel_html(b, leeg="Nog geen besluiten vastgelegd."))
    b = _met_labels(model, b)
    toon = pd.DataFrame(
        {
            "Onderwerp": b["onderwerp"],
            "Besluit": b["besluit"],
            "Waarom": b["redenering"],
            "Datum": b["datum"],
            "Door": b["door"],
            "Maakt of breekt": b["maakt_of_breekt"].map({True: "ja", False: ""}),
        }
    )
    return HTML(tabel_html(toon))


def ranglijst_figuur(model: WijkModel, res: afweging.Afweging | None = None) -> go.Figure:
    """Ranked bars with each criterium's contribution and the threshold line."""
    from . import plots_afweging

    res = res or bereken_afweging(model)
    return plots_afweging.ranglijst_figuur(
        res.ranglijst, model.criteria(), drempel=res.drempel, namen=onderwerp_labels(model)
    )
