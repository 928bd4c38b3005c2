"""The werksessie's beamer page, served by the werksessie's server itself (no kernel).

- ``/werksessie/beamer?sleutel=…``: the page (:mod:`wijkanalyse.werksessie.beamer_pagina`),
  behind the facilitator's key like the facilitator's page (a Dutch 403 otherwise).
- ``/werksessie/beamer.json?sleutel=…&na=N``: what it shows (:func:`werksessie.beamer.toestand`)
  as soon as the wijk's change counter differs from ``N``; after ``WACHT`` seconds without a
  change a 204, and the page asks again. The counter is read on the server's loop (one
  primary-key read); the state itself is computed in a thread.
- ``/werksessie/plotly.min.js``: plotly.js from the installed plotly package.

Also here: the timer's automatic close runs on the server (:func:`sluit_verlopen_periodiek`),
whether or not any page is open.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

from tornado import web
from tornado.ioloop import PeriodicCallback

from ..server.voila import NederlandseFouten, leider_sleutel_klopt

WACHT = 20.0  # seconds a beamer.json request waits for a change
KIJK = 0.2  # seconds between two reads of the change counter


def _omgeving() -> tuple[str, int]:
    return os.environ.get("WIJKANALYSE_DB", ""), int(os.environ.get("WIJKANALYSE_SESSIE", "0") or 0)


def plotly_map() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data"


class _Beamer(NederlandseFouten, web.RequestHandler):
    async def _controleer(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            klopt = await loop.run_in_executor(None, leider_sleutel_klopt, self.request.query)
        except Exception:
            self.log_exception_beamer()
            klopt = False
        if not klopt:
            raise web.HTTPError(403)
        self.set_header("Cache-Control", "no-store")

    def log_exception_beamer(self) -> None:
        import logging

        logging.getLogger("wijkanalyse.beamer").exception("Sleutel niet te controleren")


class BeamerPagina(_Beamer):
    async def get(self) -> None:
        await self._controleer()
        from .beamer_pagina import PAGINA

        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(PAGINA)


class BeamerToestand(_Beamer):
    async def get(self) -> None:
        await self._controleer()
        from ..databank import werksessie as opslag

        db, sessie_id = _omgeving()
        try:
            na = int(self.get_argument("na", "-1"))
        except ValueError:
            na = -1
        loop = asyncio.get_running_loop()
        con = await loop.run_in_executor(None, opslag.verbind, db)
        try:
            wid = con.execute("SELECT wijk_id FROM sessies WHERE id = ?", (sessie_id,)).fetchone()
            tot = time.monotonic() + WACHT
            while wid is not None and opslag.teller(con, wid[0]) == na:
                verbinding = self.request.connection
                gesloten = verbinding is None or verbinding.stream.closed()  # type: ignore[attr-defined]
                if time.monotonic() > tot or gesloten:
                    self.set_status(204)
                    self.finish()
                    return
                await asyncio.sleep(KIJK)
        finally:
            con.close()
        basis = os.environ.get("WIJKANALYSE_DEELNEMER_BASIS", "")
        toestand = await loop.run_in_executor(None, _toestand, db, sessie_id, basis)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(toestand)


def _toestand(db: str, sessie_id: int, basis: str) -> str:
    from .beamer import toestand

    return json.dumps(toestand(db, sessie_id, basis), ensure_ascii=False)


class PlotlyJs(web.StaticFileHandler):
    """plotly.js, and nothing else from plotly's folder."""

    def initialize(self) -> None:  # type: ignore[override]
        super().initialize(path=str(plotly_map()))

    async def get(self, path: str = "plotly.min.js", include_body: bool = True) -> None:
        await super().get("plotly.min.js", include_body)


def handlers(basis: str = "/") -> list[tuple[str, type, dict[str, Any]] | tuple[str, type]]:
    b = basis.rstrip("/")
    return [
        (f"{b}/werksessie/beamer", BeamerPagina),
        (f"{b}/werksessie/beamer.json", BeamerToestand),
        (f"{b}/werksessie/plotly.min.js", PlotlyJs),
    ]


def _sluit_verlopen() -> None:
    from ..databank import werksessie as opslag

    db, _sessie = _omgeving()
    if db:
        opslag.sluit_verlopen(db)


def sluit_verlopen_periodiek(interval_s: float = 1.0) -> PeriodicCallback:
    """Every ``interval_s`` close the rounds whose timer ran out (in a thread: a write may
    wait for another writer's lock)."""
    bezig = False

    async def tik() -> None:
        nonlocal bezig
        if bezig:
            return
        bezig = True
        try:
            await asyncio.get_running_loop().run_in_executor(None, _sluit_verlopen)
        except Exception:
            import logging

            logging.getLogger("wijkanalyse.beamer").exception("Timer: rondes niet te sluiten")
        finally:
            bezig = False

    pc = PeriodicCallback(tik, interval_s * 1000)
    pc.start()
    return pc
