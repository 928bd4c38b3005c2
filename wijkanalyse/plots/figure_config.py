"""The plotly.js config of every figure, in plain data (no plotly import).

Kept apart from :mod:`wijkanalyse.plots.figure` so the report exporter, which only writes this
config into HTML, does not import plotly (a report worker stays small).
"""

from __future__ import annotations

from typing import Any

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
