"""Shared pieces for views: a message line and a callback guard."""

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
