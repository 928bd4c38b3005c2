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

from ..core.nl_format import nl_layout
from .figure_config import CONFIG, NL_LOCALE  # noqa: F401 (re-exported)

P = ParamSpec("P")

MIME = "application/vnd.plotly.v1+json"


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
