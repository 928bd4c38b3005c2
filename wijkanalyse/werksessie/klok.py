"""A round's timer on a widget page: the time left, counted down by the kernel itself once a
second while a deadline is set (an HTML widget runs no script), silent otherwise. Closing the
round when the time is up is the server's job (``werksessie/beamer_server.py``), not the page's."""

from __future__ import annotations

import asyncio
from typing import Any

import ipywidgets as w

from ..databank import werksessie as opslag


def klok_tekst(seconden: int | None, auto_sluiten: bool = False) -> str:
    """'Nog 2:05' (and whether the round then closes by itself), 'De tijd is om', or ''."""
    if seconden is None:
        return ""
    if seconden <= 0:
        return "De tijd is om."
    m, s = divmod(int(seconden), 60)
    return f"Nog {m}:{s:02d}" + (" — daarna sluit de ronde vanzelf." if auto_sluiten else ".")


class Klok:
    """Keeps ``widget`` showing the time left of ``ronde`` (set with :meth:`zet`)."""

    def __init__(self, widget: w.HTML, klasse: str = "wa-klok") -> None:
        self.widget = widget
        self.klasse = klasse
        self.ronde: dict[str, Any] | None = None
        self._handle: asyncio.TimerHandle | None = None

    def zet(self, ronde: dict[str, Any] | None) -> None:
        self.ronde = ronde if ronde and ronde.get("sluit_om") else None
        self._toon()

    def _toon(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self.ronde is None or self.ronde.get("status") != "open":
            waarde = ""
        else:
            rest = opslag.resterend(self.ronde)
            tekst = klok_tekst(rest, bool(self.ronde.get("auto_sluiten")))
            waarde = f"<p class='{self.klasse}' role='timer'>{tekst}</p>"
            if rest:
                try:
                    self._handle = asyncio.get_event_loop().call_later(1.0, self._toon)
                except RuntimeError:  # no loop (a test without a kernel)
                    pass
        if self.widget.value != waarde:
            self.widget.value = waarde
