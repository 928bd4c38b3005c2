"""Pages that follow the workspace: watch a wijk's change counter on the kernel's loop.

Every committed change to a wijk bumps one counter row (by trigger, see ``opslag``; on
SQLite and on PostgreSQL alike: polling one row is simpler than LISTEN/NOTIFY and as cheap). A
:class:`Wachter` reads that row every half second on one open connection — a primary-key
lookup, microseconds — and calls its callbacks only when it moved. No redraw on a timer:
pages redraw when, and only when, someone changed something.

A kernel that changes nothing sends nothing, so Voila's culler can still free the kernel of a
page whose browser vanished. (Whether the server is still there, the page's own script asks
the server itself; see the werksessie template.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import databank
from . import werksessie as opslag

log = logging.getLogger("wijkanalyse.live")


class Wachter:
    def __init__(self, db: Path | str, wijk_id: int, *, interval: float = 0.5) -> None:
        self.db = str(db)
        self.wijk_id = wijk_id
        self.interval = interval
        self._con: Any = None
        self._bij_wijziging: list[Callable[[], None]] = []
        self._laatste = self._lees()
        self._handle: asyncio.TimerHandle | None = None
        self.gestopt = False

    def _lees(self) -> int:
        if self._con is None:
            self._con = opslag.verbind(self.db)
        return opslag.teller(self._con, self.wijk_id)

    @property
    def stand(self) -> int:
        return self._laatste

    def bij_wijziging(self, fn: Callable[[], None]) -> None:
        self._bij_wijziging.append(fn)

    def bijgewerkt(self) -> None:
        """After this page's own write: take the new count as seen (its own redraw follows)."""
        try:
            self._laatste = self._lees()
        except databank.fouten():
            pass

    def start(self) -> Wachter:
        self._plan()
        return self

    def stop(self) -> None:
        self.gestopt = True
        if self._handle is not None:
            self._handle.cancel()
        if self._con is not None:
            self._con.close()
            self._con = None

    def _plan(self) -> None:
        if not self.gestopt:
            self._handle = asyncio.get_event_loop().call_later(self.interval, self._tik)

    def _roep(self, fns: list[Callable[[], None]]) -> None:
        for fn in fns:
            try:
                fn()
            except Exception:  # one failing view must not stop the others
                log.exception("Fout bij verversen")

    def controleer(self) -> bool:
        """Check the counter now; run the callbacks when it moved. True when it did."""
        try:
            nu = self._lees()
        except databank.fouten():
            log.exception("Werkruimte niet leesbaar")
            return False
        if nu == self._laatste:
            return False
        self._laatste = nu
        self._roep(self._bij_wijziging)
        return True

    def _tik(self) -> None:
        try:
            self.controleer()
        finally:
            self._plan()
