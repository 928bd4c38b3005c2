"""The building blocks that notebooks, the report and the dashboard show.

Each function takes a :class:`~wijkanalyse.model.WijkModel` and returns something a notebook
cell displays: ``IPython.display.HTML`` (escaped) or a plotly ``Figure``. Notebook 04 is a
list of calls to these functions, nothing more.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from .. import koppelingen
from ..core.html_tables import fictief_banner, tabel_html
from ..model import WijkModel
from ..plots import koppelingen as plots_koppelingen
from ..plots.figure import als_figuur

BALANS_UITLEG = (
    "<p><em>Balans</em> = de kansen min de bedreigingen van een paar, gewogen naar impact "
    "(klein telt 1, middel 2, groot 3). Positief: de kansen wegen zwaarder. Een paar zonder "
    "ingevulde kansen of bedreigingen heeft nog geen balans.</p>"
)


def _fmt_int(n: Any) -> str:
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


def rapport_kop(model: WijkModel, rapportdatum: str = "") -> HTML:
    """The report's head: :func:`kop` plus when and from which workspace it was made."""
    from datetime import datetime

    from ..core.nl_format import datum_tijd
    from ..databank import naam

    wanneer = rapportdatum or datum_tijd(datetime.now())
    bron = naam(model.path)  # a file's name, or a URL's database name (never its password)
    return HTML(
        kop_html(model) + f'<p class="wa-herkomst">Rapport gemaakt op {html.escape(wanneer)} '
        f"uit werkruimte <code>{html.escape(bron)}</code>.</p>"
        '<p class="wa-alleen-print wa-herkomst">Op papier weggelaten: de herleiding van elk '
        "totaal per criterium en de rekenregel; die staan in het rapport op het scherm.</p>"
    )


OPGAVE_KOPPEN = {
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


def opgaven_html(df: pd.DataFrame, *, met_beschrijving: bool = True) -> str:
    """The opgaven table (contract columns) as escaped HTML with Dutch headings."""
    df = df.drop(columns=["id"])
    if not met_beschrijving:
        df = df.drop(columns=["beschrijving"])
    return tabel_html(df.rename(columns=OPGAVE_KOPPEN), leeg="Nog geen opgaven in deze wijk.")


def opgaven_tabel(model: WijkModel, *, met_beschrijving: bool = True) -> HTML:
    return HTML(opgaven_html(model.opgaven(), met_beschrijving=met_beschrijving))


@als_figuur
def tijdlijn(model: WijkModel) -> go.Figure:
    return plots_koppelingen.tijdlijn_figuur(model.opgaven())


def overzicht(model: WijkModel) -> pd.DataFrame:
    return koppelingen.paar_overzicht(model.opgaven(), model.koppelingen(), model.items())


@als_figuur
def matrix(model: WijkModel) -> go.Figure:
    o = model.opgaven()
    it = model.items()
    ov = koppelingen.paar_overzicht(o, model.koppelingen(), it)
    return plots_koppelingen.matrix_figuur(o, ov, it)


@als_figuur
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
    return HTML(BALANS_UITLEG + tabel_html(toon, leeg="Er zijn nog geen koppelingen overwogen."))


def items_tabel(model: WijkModel) -> HTML:
    """Every kans and bedreiging with its interventie, per pair under its own heading (so the
    table keeps six columns and fits a printed page)."""
    df = koppelingen.items_tabel(model.opgaven(), model.koppelingen(), model.items())
    if df.empty:
        return HTML(tabel_html(df, leeg="Nog geen kansen of bedreigingen ingevuld."))
    delen = []
    for (a, b, niveau), deel in df.groupby(["Opgave 1", "Opgave 2", "Niveau"], sort=False):
        kop = f"{html.escape(a)} × {html.escape(b)}"
        delen.append(
            f'<div class="wa-paar"><h4>{kop} <small>(koppeling {html.escape(niveau)})</small>'
            f"</h4>{tabel_html(deel.drop(columns=['Opgave 1', 'Opgave 2', 'Niveau']))}</div>"
        )
    return HTML("".join(delen))


def kandidaten(model: WijkModel, n: int = 10) -> HTML:
    """The suggested pairs in plain Dutch: titles, the reasons, how strong, already looked at."""
    df = koppelingen.kandidaat_paren(model.opgaven(), model.koppelingen()).head(n)
    toon = pd.DataFrame(
        {
            "Opgave 1": df["titel_a"],
            "Opgave 2": df["titel_b"],
            "Waarom samen bekijken": df["reden"],
            "Aantal redenen (van 4)": df["score"].astype(int).astype(str),
            "Al bekeken": df["al_overwogen"].map({True: "Ja", False: "Nee"}),
        }
    )
    return HTML(tabel_html(toon, leeg="Geen voorgestelde paren."))
