"""The building blocks that notebooks, the report and the dashboard show.

Each function takes a :class:`~wijkanalyse.model.WijkModel` and returns something a notebook
cell displays: ``IPython.display.HTML`` (escaped) or a plotly ``Figure``. Notebook 04 is a
list of calls to these functions, nothing more.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from . import afweging, koppelingen, plots_koppelingen
from .html_tables import fictief_banner, tabel_html
from .model import WijkModel
from .vocabulary import HORIZON_LABEL


def _fmt_int(n: object) -> str:
    return "onbekend" if n is None or pd.isna(n) else f"{int(n):,}".replace(",", ".")


def kop_html(model: WijkModel) -> str:
    w = model.info()
    banner = fictief_banner() if w["fictief"] else ""
    return (
        f"<h1>Wijkanalyse {html.escape(w['naam'])}</h1>"
        f"<p>Gemeente <strong>{html.escape(w['gemeente'] or 'onbekend')}</strong> · "
        f"{_fmt_int(w['inwoners'])} inwoners</p>{banner}"
    )


def kop(model: WijkModel) -> HTML:
    """Title, gemeente, inhabitants and, for demo data, the fictitious-data warning."""
    return HTML(kop_html(model))


def opgaven_tabel(model: WijkModel) -> HTML:
    df = (
        model.opgaven()
        .drop(columns=["id"])
        .rename(
            columns={
                "titel": "Opgave",
                "transitie": "Transitie",
                "soort": "Soort",
                "aanleiding": "Aanleiding",
                "eigenaar": "Eigenaar",
                "start_jaar": "Start",
                "eind_jaar": "Eind",
                "rol": "Rol",
                "beschrijving": "Beschrijving",
            }
        )
    )
    return HTML(tabel_html(df, leeg="Nog geen opgaven in deze wijk."))


def tijdlijn(model: WijkModel) -> go.Figure:
    return plots_koppelingen.tijdlijn_figuur(model.opgaven())


def overzicht(model: WijkModel) -> pd.DataFrame:
    return koppelingen.paar_overzicht(model.opgaven(), model.koppelingen(), model.items())


def matrix(model: WijkModel) -> go.Figure:
    o = model.opgaven()
    it = model.items()
    ov = koppelingen.paar_overzicht(o, model.koppelingen(), it)
    return plots_koppelingen.matrix_figuur(o, ov, it)


def netwerk(model: WijkModel) -> go.Figure:
    o = model.opgaven()
    return plots_koppelingen.netwerk_figuur(
        o, koppelingen.paar_overzicht(o, model.koppelingen(), model.items())
    )


def paren_tabel(model: WijkModel, *, alleen_overwogen: bool = True) -> HTML:
    """Per pair: level, counts, balance, completeness and horizon switches."""
    ov = overzicht(model)
    if alleen_overwogen:
        ov = ov[ov["status"] != koppelingen.STATUS_NIET_OVERWOGEN]
    ov = ov.sort_values("balans", ascending=False, na_position="last")
    toon = pd.DataFrame(
        {
            "Opgave 1": ov["titel_a"],
            "Opgave 2": ov["titel_b"],
            "Niveau": ov["niveau"],
            "Kansen": ov["n_kansen"],
            "Bedreigingen": ov["n_bedreigingen"],
            "Balans": ov["balans"],
            "Status": ov["status"],
            "Zonder interventie": ov["n_zonder_interventie"],
            "Wisselt met de tijd": ov["horizon_wisselt"].map({True: "ja", False: ""}),
        }
    )
    return HTML(tabel_html(toon, leeg="Er zijn nog geen koppelingen overwogen."))


def items_tabel(model: WijkModel) -> HTML:
    """Every kans and bedreiging of every pair, with its interventie."""
    df = koppelingen.items_tabel(model.opgaven(), model.koppelingen(), model.items())
    if "horizon" in df.columns:
        df["horizon"] = df["horizon"].map(HORIZON_LABEL).fillna(df["horizon"])
    return HTML(tabel_html(df, leeg="Nog geen kansen of bedreigingen ingevuld."))


def kandidaten(model: WijkModel, n: int = 10) -> HTML:
    df = koppelingen.kandidaat_paren(model.opgaven(), model.koppelingen()).head(n)
    return HTML(tabel_html(df, leeg="Geen voorgestelde paren."))


# ----------------------------------------------------------------------------- afweging


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
    return plots_afweging.ranglijst_figuur(res.ranglijst, model.criteria(), drempel=res.drempel,
                                           namen=onderwerp_labels(model))
