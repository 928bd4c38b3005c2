"""Wijkprofiel blocks for notebooks 01 and 04 and the dashboard: CBS key figures and signals."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from .. import store
from ..core.html_tables import tabel_html
from ..model import WijkModel
from ..plots.figure import als_figuur
from ..wijkprofiel import cbs
from ..wijkprofiel import profiel as wp
from ..wijkprofiel import signalen as cbs_signalen


def _cijfers(model: WijkModel) -> pd.DataFrame:
    store.maak_werkruimte(model.path)  # an older workspace gets the CBS tables
    gemeente = model.info()["gemeente"] or ""
    return store.cbs_profielcijfers(model.path, model.wijk, cbs.gemeente_namen(gemeente))


#: In a report (for a wethouder, not for the team) no commands or file names: see the README.
GEEN_CIJFERS_RAPPORT = "<p><em>Er zijn nog geen CBS-cijfers voor deze wijk ingelezen.</em></p>"


def wijkprofiel_html(model: WijkModel, *, rapport: bool = False) -> str:
    w = model.info()
    cijfers = _cijfers(model)
    prof = wp.profiel(cijfers)
    if rapport and prof.empty:
        return GEEN_CIJFERS_RAPPORT
    regios = store.cbs_regios(model.path).set_index("wijk")["regiocode"]
    return wp.profiel_html(
        prof,
        w["naam"],
        w["gemeente"],
        wp.ontbrekende_kerncijfers(cijfers),
        wijkcode=str(regios.get(w["naam"], "")),
    )


def wijkprofiel(model: WijkModel, *, rapport: bool = False) -> HTML:
    """The key figures of the wijk beside its gemeente (and the country), with sources."""
    return HTML(wijkprofiel_html(model, rapport=rapport))


@als_figuur
def wijkprofiel_figuur(model: WijkModel) -> go.Figure:
    w = model.info()
    return wp.profiel_figuur(wp.profiel(_cijfers(model)), w["naam"], w["gemeente"])


def signalen(model: WijkModel) -> pd.DataFrame:
    return cbs_signalen.signalen(_cijfers(model), cbs_signalen.lees_regels(), model.opgaven())


SIGNALEN_UITLEG_RAPPORT = (
    "<p>Wat de cijfers zeggen over de transities. Dit zijn <strong>suggesties</strong>: het "
    "team neemt ze over als opgave of laat ze liggen; er wordt niets vanzelf toegevoegd.</p>"
)
SIGNALEN_UITLEG = SIGNALEN_UITLEG_RAPPORT.replace(
    "</p>", " De regels staan in <code>data/cbs_signalen.csv</code>.</p>"
)


def signalen_html(model: WijkModel, *, rapport: bool = False) -> str:
    df = signalen(model)
    toon = pd.DataFrame(
        {
            "Transitie": df["transitie"],
            "Voorgestelde opgave": df["opgave"],
            "Aanleiding": df["aanleiding"],
            "Waarom": df["reden"],
            "Stand": df["al_opgave"].map({True: "staat al bij de opgaven", False: "suggestie"}),
        }
    )
    return (SIGNALEN_UITLEG_RAPPORT if rapport else SIGNALEN_UITLEG) + tabel_html(
        toon, leeg="Geen signalen: geen regel slaat aan op de ingelezen cijfers."
    )


def signalen_tabel(model: WijkModel, *, rapport: bool = False) -> HTML:
    """Suggested opgaven from the figures (never added by themselves)."""
    return HTML(signalen_html(model, rapport=rapport))


def heeft_cijfers(model: WijkModel) -> bool:
    return not wp.profiel(_cijfers(model)).empty


def wijkprofiel_sectie(model: WijkModel) -> None:
    """The whole section for a report: table, plot (when there are figures) and signals;
    without the team's technical hints (commands, data files), which are in the README."""
    from IPython.display import display

    display(wijkprofiel(model, rapport=True))
    if heeft_cijfers(model):
        display(wijkprofiel_figuur(model))
    display(HTML("<h3>Signalen uit de cijfers</h3>"))
    display(signalen_tabel(model, rapport=True))
