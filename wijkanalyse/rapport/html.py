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
import re
import uuid
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from ..core.config import PACKAGE_DIR, TEMPLATES_DIR
from ..core.nl_format import nl_layout
from ..plots.figure_config import CONFIG

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


def script_veilig(js: str) -> str:
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
    payload = ", ".join(script_veilig(x) for x in (data, layout, config))
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


def html_van(
    nb: nbformat.NotebookNode, *, titel: str | None = None, kleine_css: bool = True
) -> str:
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
    body = datums_heel(body)
    if kleine_css:
        body = kleinere_css(body)
    return body.replace(_PLAATSHOUDER, plotly_js())


_CEL = re.compile(r"<td>([^<]*\d-\d[^<]*)</td>")
_MET_STREEPJE = re.compile(r"\S*\d-\d\S*")


def datums_heel(pagina: str) -> str:
    """Dates and other numbers with hyphens in table cells ('06-12-2026', '2026-2028') kept
    on one line: Chromium would otherwise wrap them after a hyphen when a column is narrow.

    >>> datums_heel("<td>06-12-2026</td>")
    '<td><span class="wa-heel">06-12-2026</span></td>'
    """
    return _CEL.sub(
        lambda m: (
            "<td>"
            + _MET_STREEPJE.sub(lambda w: f'<span class="wa-heel">{w.group(0)}</span>', m.group(1))
            + "</td>"
        ),
        pagina,
    )


_NIET = re.compile(r":not\([^)]*\)")  # a class inside :not() need not be on the page
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_KLASSE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_STIJL = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.S)


def _regels(css: str) -> list[tuple[str, str]] | None:
    """Top-level (prelude, body) pairs of a stylesheet; None when it is not plain enough."""
    uit: list[tuple[str, str]] = []
    i, n = 0, len(css)
    while i < n:
        j = css.find("{", i)
        if j < 0:
            return uit if not css[i:].strip() else None
        diepte, k = 1, j + 1
        while k < n and diepte:
            diepte += {"{": 1, "}": -1}.get(css[k], 0)
            k += 1
        if diepte:
            return None
        uit.append((css[i:j].strip(), css[j + 1 : k - 1]))
        i = k
    return uit


def _snoei(css: str, klassen: set[str]) -> str:
    """Drop the rules whose every selector needs a class that is not on the page."""
    regels = _regels(re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    if regels is None or '"' in css and "{" in "".join(re.findall(r'"[^"]*"', css)):
        return css
    uit = []
    for prelude, body in regels:
        if prelude.startswith(("@media", "@supports", "@layer")):
            binnen = _snoei(body, klassen)
            if binnen.strip():
                uit.append(f"{prelude}{{{binnen}}}")
        elif prelude.startswith("@") or any(
            set(_KLASSE.findall(_NIET.sub("", sel))) <= klassen for sel in prelude.split(",")
        ):
            uit.append(f"{prelude}{{{body}}}")
    return "\n".join(uit)


def _declaraties(body: str) -> list[str]:
    """Split a rule body on ';' outside quotes and parentheses (data: URLs contain ';')."""
    uit, diepte, quote, begin = [], 0, "", 0
    for i, ch in enumerate(body):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            diepte += 1
        elif ch == ")":
            diepte -= 1
        elif ch == ";" and diepte == 0:
            uit.append(body[begin:i])
            begin = i + 1
    uit.append(body[begin:])
    return [d for d in uit if d.strip()]


def _zonder_ongebruikte_variabelen(css: str, elders: set[str]) -> str:
    """Drop custom properties (--x: …) of :root rules that nothing refers to (icons etc.)."""
    regels = _regels(css)
    if regels is None:
        return css
    for _ in range(4):  # variables refer to variables: repeat until nothing changes
        gebruikt = elders | set(re.findall(_VAR, css))
        nieuw = []
        for prelude, body in regels:
            if prelude == ":root" or prelude.startswith(":root,"):
                decl = [
                    d for d in _declaraties(body)
                    if not d.strip().startswith("--") or d.split(":", 1)[0].strip() in gebruikt
                ]  # fmt: skip
                body = ";".join(decl)
            nieuw.append((prelude, body))
        kleiner = "\n".join(f"{p}{{{b}}}" for p, b in nieuw)
        if len(kleiner) == len(css):
            break
        css, regels = kleiner, nieuw
    return css


def kleinere_css(pagina: str) -> str:
    """The page with JupyterLab's stylesheet (240 kB) cut to the rules that can apply to it
    (about a tenth): the classes on the page decide. Our own styles and plotly's are kept."""
    klassen = {k for attr in re.findall(r'class="([^"]*)"', pagina) for k in attr.split()}
    klassen |= {"jp-mod-active", "jp-mod-selected"}
    groot = lambda m: len(m.group(2)) > 50_000  # noqa: E731
    # variables used anywhere but in the big sheet itself (the theme defines and uses many)
    elders = set(_VAR.findall(_STIJL.sub(lambda m: "" if groot(m) else m.group(0), pagina)))
    return _STIJL.sub(
        lambda m: m.group(1)
        + (_zonder_ongebruikte_variabelen(_snoei(m.group(2), klassen), elders)
           if groot(m) else m.group(2))
        + m.group(3),
        pagina,
    )  # fmt: skip


def naar_html(ipynb: Path, html: Path, *, titel: str | None = None) -> Path:
    """Convert an executed notebook file to a standalone offline HTML file."""
    nb = nbformat.read(str(ipynb), as_version=4)
    html.write_text(html_van(nb, titel=titel), encoding="utf-8")
    return html
