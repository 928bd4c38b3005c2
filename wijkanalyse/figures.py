"""How figures are shown: plotly's JSON mime bundle with our config, no cloud buttons.

:class:`Figuur` is a ``go.Figure`` whose notebook output is the
``application/vnd.plotly.v1+json`` bundle that JupyterLab and Voila draw and the report
exporter embeds, with :data:`CONFIG` attached: no "share to Plotly Cloud" button (it would
send municipal data to the internet) and no plotly logo link. It also skips plotly.io's
renderer machinery, whose import costs about two seconds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, ParamSpec

import plotly.graph_objects as go

from .nl_format import nl_layout

P = ParamSpec("P")

MIME = "application/vnd.plotly.v1+json"

# The toolbar and number formats in Dutch: plotly.js takes a locale from the config itself,
# so no locale file has to be loaded from anywhere (our own wording).
NL_LOCALE: dict[str, Any] = {
    "dictionary": {
        "Autoscale": "Automatisch schalen",
        "Box Select": "Selecteren met rechthoek",
        "Click to enter Colorscale title": "Klik om een titel voor de kleurschaal te typen",
        "Click to enter Plot title": "Klik om een titel te typen",
        "Click to enter X axis title": "Klik om een titel voor de x-as te typen",
        "Click to enter Y axis title": "Klik om een titel voor de y-as te typen",
        "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
        "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks "
        "apart te tonen",
        "Double-click to zoom back out": "Dubbelklik om terug te zoomen",
        "Download plot": "Grafiek downloaden",
        "Download plot as a png": "Grafiek downloaden als PNG",
        "Download plot as a PNG": "Grafiek downloaden als PNG",
        "Download plot as a SVG": "Grafiek downloaden als SVG",
        "Lasso Select": "Selecteren met lasso",
        "Pan": "Verschuiven",
        "Produced with Plotly.js": "Gemaakt met Plotly.js",
        "Reset axes": "Assen herstellen",
        "Reset view": "Beeld herstellen",
        "Show closest data on hover": "Dichtstbijzijnde gegevens tonen bij aanwijzen",
        "Snapshot succeeded": "Afbeelding gemaakt",
        "Taking snapshot - this may take a few seconds": "Afbeelding maken, een ogenblik",
        "Toggle Spike Lines": "Hulplijnen aan/uit",
        "Toggle show closest data on hover": "Dichtstbijzijnde gegevens aan/uit",
        "Zoom": "Zoomen",
        "Zoom in": "Inzoomen",
        "Zoom out": "Uitzoomen",
        "close:": "slot:",
        "high:": "hoog:",
        "low:": "laag:",
        "open:": "open:",
        "trace": "reeks",
    },
    "format": {
        "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
        "months": [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        "shortMonths": [
            "jan",
            "feb",
            "mrt",
            "apr",
            "mei",
            "jun",
            "jul",
            "aug",
            "sep",
            "okt",
            "nov",
            "dec",
        ],
        "date": "%d-%m-%Y",
        "decimal": ",",
        "thousands": ".",
    },
}

CONFIG: dict[str, Any] = {
    "locale": "nl",
    "locales": {"nl": NL_LOCALE},
    "showSendToCloud": False,
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


class Figuur(go.Figure):
    """A plotly figure that displays with :data:`CONFIG`."""

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict:
        spec = json.loads(self.to_json())
        spec["config"] = CONFIG
        spec["layout"] = nl_layout(spec.get("layout", {}))  # 3,25 like the tables
        titel = self.layout.title.text or "figuur"
        return {MIME: spec, "text/plain": f"<Figuur: {titel}>"}

    def _ipython_display_(self) -> None:
        # plotly's own _ipython_display_ would win over _repr_mimebundle_ and drop CONFIG.
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


def figuur(fig: go.Figure) -> Figuur:
    """The same figure, displayed with our config."""
    return fig if isinstance(fig, Figuur) else Figuur(fig)


def als_figuur(fn: Callable[P, go.Figure]) -> Callable[P, Figuur]:
    """Decorator for blocks that return a figure: they display with our config."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figuur:
        return figuur(fn(*args, **kwargs))

    return wrapper
