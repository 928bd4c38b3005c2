"""Executed notebook -> one self-contained, offline HTML file.

nbconvert cannot show plotly's JSON output and its ``lab`` template links require.js,
MathJax and mermaid from a CDN. Here a preprocessor turns each plotly JSON output into a
``<div>`` plus a ``Plotly.newPlot`` call, and the ``wijkrapport`` template embeds plotly.js
once and drops the CDN blocks. Code cells are hidden.

plotly.js is the official *cartesian* partial bundle vendored in ``vendor/`` (bar, heatmap,
scatter and a few more; about 1.5 MB instead of 4.8 MB), so a report stays under 2 MB.
Figure ids are derived from the cell and output position: the same notebook gives the same
HTML, byte for byte.
"""

from __future__ import annotations

import functools
import json
import uuid
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from .config import PACKAGE_DIR, TEMPLATES_DIR
from .figures import CONFIG
from .nl_format import nl_layout

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PLOTLY_BUNDEL = PACKAGE_DIR / "vendor" / "plotly-cartesian.min.js"
#: Trace types in the vendored bundle (its package README); a test checks our figures.
BUNDEL_TRACES = frozenset(
    "bar box contour heatmap histogram histogram2d histogram2dcontour image pie scatter "
    "scatterternary violin".split()
)


_PLAATSHOUDER = "/* plotly.js: wijkanalyse/vendor/plotly-cartesian.min.js */"


@functools.cache
def plotly_js() -> str:
    """The vendored partial plotly.js bundle (read once per process)."""
    return PLOTLY_BUNDEL.read_text(encoding="utf-8")


def _script_veilig(js: str) -> str:
    return js.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def legenda_passend(data: list[dict], layout: dict) -> dict:
    """The layout, taller where needed so a vertical legend shows every entry (plotly would
    otherwise give it a scroll bar and clip the last ones, on screen and on paper)."""
    namen = {
        (t.get("legendgroup") or id(t), t.get("name"))
        for t in data
        if t.get("showlegend", True) is not False and t.get("name")
    }
    legenda = layout.get("legend") or {}
    if layout.get("showlegend") is False or legenda.get("orientation") == "h" or not namen:
        return layout
    marge = layout.get("margin") or {}
    nodig = 24 * len(namen) + marge.get("t", 100) + marge.get("b", 80) + 30
    if nodig > (layout.get("height") or 450):
        return {**layout, "height": nodig}
    return layout


def plotly_div(figuur: dict, div_id: str | None = None) -> str:
    """HTML for one figure dict; needs plotly.js on the page. Dutch number separators,
    legends that show every entry, the div as tall as the figure."""
    div_id = div_id or f"wa-{uuid.uuid4().hex[:12]}"
    lay = legenda_passend(figuur.get("data", []), nl_layout(figuur.get("layout", {})))
    hoogte = int(lay.get("height") or 450)
    data = json.dumps(figuur.get("data", []))
    layout = json.dumps(lay)
    config = json.dumps({**CONFIG, **figuur.get("config", {})})
    # Inside <script>, "</script>" or "<!--<script>" in user text would end or swallow the
    # page: escape <, > and & as JSON unicode escapes (only strings can contain them).
    payload = ", ".join(_script_veilig(x) for x in (data, layout, config))
    return (
        f'<div id="{div_id}" class="plotly-graph-div" style="width:100%;height:{hoogte}px;">'
        "</div>"
        f'<script type="text/javascript">Plotly.newPlot("{div_id}", {payload});</script>'
    )


class PlotlyNaarHtml(Preprocessor):
    """Replace plotly JSON outputs by HTML that draws them with embedded plotly.js."""

    def preprocess_cell(self, cell, resources, index):  # noqa: D102 (nbconvert API)
        for j, out in enumerate(cell.get("outputs", [])):
            data = out.get("data", {})
            if PLOTLY_MIME in data:
                figuur = data.pop(PLOTLY_MIME)
                if isinstance(figuur, str):
                    figuur = json.loads(figuur)
                data["text/html"] = plotly_div(figuur, f"wa-fig-{index}-{j}")
                data.pop("text/plain", None)
                resources["heeft_plotly"] = True
        return cell, resources


@functools.cache
def exporter() -> HTMLExporter:
    c = Config()
    c.HTMLExporter.template_name = "lab"
    c.HTMLExporter.language_code = "nl"  # <html lang="nl">: screen readers read Dutch
    # A full path: nbconvert then adds its folder to the search path.
    c.HTMLExporter.template_file = str(TEMPLATES_DIR / "wijkrapport.html.j2")
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    exp = HTMLExporter(config=c)
    exp.register_preprocessor(PlotlyNaarHtml(), enabled=True)
    return exp


def html_van(nb: nbformat.NotebookNode, *, titel: str | None = None) -> str:
    """An executed notebook as one standalone offline HTML page (the notebook is unchanged)."""
    oud = nb.metadata.get("title")
    if titel:
        nb.metadata["title"] = titel
    try:
        # nbconvert parses its output with BeautifulSoup: hand it a placeholder, not 1,5 MB
        # of plotly.js, and put the bundle in afterwards.
        body, _ = exporter().from_notebook_node(nb, resources={"plotly_js": _PLAATSHOUDER})
    finally:
        if oud is None:
            nb.metadata.pop("title", None)
        else:
            nb.metadata["title"] = oud
    assert body.count(_PLAATSHOUDER) == 1
    return body.replace(_PLAATSHOUDER, plotly_js())


def naar_html(ipynb: Path, html: Path, *, titel: str | None = None) -> Path:
    """Convert an executed notebook file to a standalone offline HTML file."""
    nb = nbformat.read(str(ipynb), as_version=4)
    html.write_text(html_van(nb, titel=titel), encoding="utf-8")
    return html
