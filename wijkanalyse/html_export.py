"""Executed notebook -> one self-contained, offline HTML file.

nbconvert cannot show plotly's JSON output and its ``lab`` template links require.js,
MathJax and mermaid from a CDN. Here a preprocessor turns each plotly JSON output into a
``<div>`` plus a ``Plotly.newPlot`` call, and the ``wijkrapport`` template embeds plotly.js
once and drops the CDN blocks. Code cells are hidden.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from plotly.offline import get_plotlyjs
from traitlets.config import Config

from .config import TEMPLATES_DIR
from .figures import CONFIG

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _script_veilig(js: str) -> str:
    return js.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def plotly_div(figuur: dict) -> str:
    """HTML for one figure dict; needs plotly.js on the page."""
    div_id = f"wa-{uuid.uuid4().hex[:12]}"
    data = json.dumps(figuur.get("data", []))
    layout = json.dumps(figuur.get("layout", {}))
    config = json.dumps({**CONFIG, **figuur.get("config", {})})
    # Inside <script>, "</script>" or "<!--<script>" in user text would end or swallow the
    # page: escape <, > and & as JSON unicode escapes (only strings can contain them).
    payload = ", ".join(_script_veilig(x) for x in (data, layout, config))
    return (
        f'<div id="{div_id}" class="plotly-graph-div" style="width:100%;height:520px;"></div>'
        f'<script type="text/javascript">Plotly.newPlot("{div_id}", {payload});</script>'
    )


class PlotlyNaarHtml(Preprocessor):
    """Replace plotly JSON outputs by HTML that draws them with embedded plotly.js."""

    def preprocess_cell(self, cell, resources, index):  # noqa: D102 (nbconvert API)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if PLOTLY_MIME in data:
                figuur = data.pop(PLOTLY_MIME)
                if isinstance(figuur, str):
                    figuur = json.loads(figuur)
                data["text/html"] = plotly_div(figuur)
                data.pop("text/plain", None)
                resources["heeft_plotly"] = True
        return cell, resources


def exporter() -> HTMLExporter:
    c = Config()
    c.HTMLExporter.template_name = "lab"
    # A full path: nbconvert then adds its folder to the search path.
    c.HTMLExporter.template_file = str(TEMPLATES_DIR / "wijkrapport.html.j2")
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    exp = HTMLExporter(config=c)
    exp.register_preprocessor(PlotlyNaarHtml(), enabled=True)
    return exp


def naar_html(ipynb: Path, html: Path, *, titel: str | None = None) -> Path:
    """Convert an executed notebook to a standalone offline HTML file."""
    nb = nbformat.read(str(ipynb), as_version=4)
    if titel:
        nb.metadata["title"] = titel
    resources = {"plotly_js": get_plotlyjs()}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    html.write_text(body, encoding="utf-8")
    return html
