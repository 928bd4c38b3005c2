"""The facilitator's agenda: one row of widgets per round, rebuilt only when that round
changed.

A live update of the facilitator's page follows every answer. Rebuilding the whole agenda
then (about 30 widget models per round, each sent to the browser, which builds their views)
took most of the time between the last answer and the page showing it: 2.6 s after the last
of 30 participants' pairwise answers. An answer changes no round, so the rows stay as they
are; a row is built anew only when its round's stored state (status, title, order,
subjects, settings, timer …) differs, and the replaced row's widgets are closed one redraw
later, so the browser does not keep them, while a click the facilitator made on the old row
just as it was replaced still counts (closed at once, such a click was lost).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as w


def ronde_sleutel(ronde: dict[str, Any]) -> str:
    """Everything of a round a row shows or acts on, as one comparable string."""
    return json.dumps(ronde, sort_keys=True, default=str)


def sluit(widget: w.Widget) -> None:
    """Close a widget with its children, layout and style (their models leave the browser)."""
    for kind in getattr(widget, "children", ()):
        sluit(kind)
    for deel in ("layout", "style"):
        sub = getattr(widget, deel, None)
        if isinstance(sub, w.Widget):
            sub.close()
    widget.close()


class Agenda:
    """Keeps ``vak`` showing one row per round, made by ``maak_rij`` only for a round that is
    new or changed; ``leeg`` is shown when there are no rounds."""

    def __init__(
        self, vak: w.Box, maak_rij: Callable[[dict[str, Any]], w.Widget], leeg: str
    ) -> None:
        self.vak = vak
        self.maak_rij = maak_rij
        self.leeg = w.HTML(leeg)
        self._rijen: dict[str, w.Widget] = {}
        self._vervangen: list[w.Widget] = []  # replaced at the last redraw, closed at the next

    def toon(self, rondes: list[dict[str, Any]]) -> int:
        """Show ``rondes``; returns how many rows had to be built."""
        nieuw: dict[str, w.Widget] = {}
        gebouwd = 0
        for r in rondes:
            sleutel = ronde_sleutel(r)
            rij = self._rijen.get(sleutel)
            if rij is None:
                rij = self.maak_rij(r)
                gebouwd += 1
            nieuw[sleutel] = rij
        kinderen = tuple(nieuw.values()) or (self.leeg,)
        if tuple(self.vak.children) != kinderen:
            self.vak.children = kinderen
        for rij in self._vervangen:
            sluit(rij)
        self._vervangen = [rij for sleutel, rij in self._rijen.items() if sleutel not in nieuw]
        self._rijen = nieuw
        return gebouwd
