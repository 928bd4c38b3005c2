"""Shared pieces for views: a message line, a callback guard and a delete confirmation."""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..errors import WijkanalyseFout
from ..html_tables import melding_html

log = logging.getLogger("wijkanalyse.widgets")


# Label width of the form fields in the step 3 views.
VELD_STIJL = {"description_width": "110px"}


class Melding(w.HTML):
    """One line that tells the user what happened (escaped)."""

    def fout(self, tekst: str) -> None:
        self.value = melding_html(tekst, soort="fout")

    def ok(self, tekst: str) -> None:
        self.value = melding_html(tekst, soort="ok")

    def wis(self) -> None:
        self.value = ""


def bewaakt(melding: Melding) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a callback: user errors become a Dutch message, bugs are logged and shown.

    Without this, errors inside callbacks vanish in Voila.
    """

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except WijkanalyseFout as e:
                melding.fout(str(e))
            except Exception as e:  # a bug: keep the app alive, say so
                log.error("Fout in %s: %s", fn.__name__, traceback.format_exc())
                melding.fout(
                    f"Er ging iets mis ({type(e).__name__}: {e}). Kijk of uw laatste wijziging "
                    "in het overzicht staat voordat u het opnieuw probeert."
                )
            return None

        return wrapper

    return deco


def jaar_of_leeg(tekst: str) -> str | None:
    return tekst.strip() or None


class Bevestiging(w.VBox):
    """Asks before something is deleted: the question (naming what goes with it) with
    'Ja, verwijderen' and 'Nee'. Hidden until :meth:`vraag_eerst` is called."""

    def __init__(self, melding: Melding) -> None:
        self.melding = melding
        self.vraag = w.HTML()
        self.ja = w.Button(
            layout=w.Layout(width="auto"), description="Ja, verwijderen", button_style="danger"
        )
        self.nee = w.Button(layout=w.Layout(width="auto"), description="Nee, laten staan")
        self._actie: Callable[[], None] | None = None
        guard = bewaakt(melding)
        self.ja.on_click(guard(self._ja))
        self.nee.on_click(guard(self._nee))
        super().__init__([self.vraag, w.HBox([self.ja, self.nee])])
        self.add_class("wa-bevestiging")
        self.layout.display = "none"

    def vraag_eerst(self, vraag: str, actie: Callable[[], None]) -> None:
        self._actie = actie
        self.vraag.value = melding_html(vraag, soort="fout")
        self.layout.display = None
        self.melding.wis()

    def sluit(self) -> None:
        self._actie = None
        self.layout.display = "none"

    def _ja(self, _b: Any = None) -> None:
        actie, self._actie = self._actie, None
        self.sluit()
        if actie is not None:
            actie()

    def _nee(self, _b: Any = None) -> None:
        self.sluit()
        self.melding.ok("Niets verwijderd.")
