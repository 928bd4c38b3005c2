"""Voila as this project serves it: ``python -m wijkanalyse.server.voila`` takes Voila's own
options and adds what a workshop server needs and Voila 0.5 cannot be told on its command line.

- No listings: Voila's notebook list (``/``, ``/voila/tree``) and its contents API are not
  served (404); with ``--WijkVoila.werksessie=True`` only the two werksessie pages are.
- ``--WijkVoila.werksessie=True`` also serves the beamer page and closes rounds whose timer ran
  out, through the module ``--WijkVoila.paginas`` names (the werksessie passes
  ``wijkanalyse.werksessie.beamer_server``: the server itself knows no werksessie page).
- The facilitator's page is checked before a kernel is used: a request for ``leider.ipynb``
  without the session's key gets a Dutch refusal (403) from the server itself. Before, every
  such request took one of the two preheated facilitator kernels, and after two of them the
  real facilitator waited a minute for a fresh one. So is a participant's link: one whose
  group code is not one of the session's groups (and without a participant's cookie) gets a
  Dutch 404 page, not a kernel.
- Error pages in Dutch: every page the server answers with an error (404 for an unknown
  address, 403, 500, …) is a small Dutch page with ``lang="nl"`` that loads nothing else;
  the API (``/api/…``) keeps answering errors in JSON, which the pages' own scripts read.
- Kernels of vanished pages are reclaimed: a kernel whose page has been gone for
  ``KernelBeheer.los_na`` seconds is shut down, however busy it is (one whose page never
  connected after two minutes). Jupyter's idle culler
  alone never took them in a busy session, because every answer somewhere makes every page's
  kernel send an update, and that counts as activity.
- A clean stop: on SIGTERM or SIGINT the pending pool refills are cancelled and every kernel
  is shut down (Voila's own stop waited for a delayed refill, and so started a new kernel
  while stopping).
"""

from __future__ import annotations

import asyncio
import html
import importlib
import os
import signal
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jupyter_server.base.handlers import APIHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from tornado.websocket import WebSocketHandler
from traitlets import Bool, Float, Unicode
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .verzoek import parameters

#: The pages a werksessie serves; every other path under /voila/render/ is a 404.
WERKSESSIE_PAGINAS = ("deelnemer.ipynb", "leider.ipynb")

FOUTPAGINA = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titel}</title>
<style>body{{font:18px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}}
main{{max-width:34rem;margin:2rem auto;padding:0 1rem}}h1{{font-size:1.6rem;margin:.2em 0}}
.wa-status{{padding:.5em .8em;border-left:6px solid #005a9c;background:#eef4fa}}
.wa-foutcode{{color:#333;font-size:.9em}}</style></head>
<body class="{klasse}"><main><h1>{titel}</h1><p class="wa-status" role="alert">{tekst}</p>
<p class="wa-foutcode">Foutcode {status}</p></main></body>
</html>"""

#: Title and sentence of the error page per HTTP status; any other status gets ``None``'s.
FOUTEN: dict[int | None, tuple[str, str]] = {
    400: ("Onjuist verzoek", "De server begreep dit verzoek niet. Controleer de link."),
    403: ("Geen toegang", "U hebt geen toegang tot deze pagina."),
    404: (
        "Pagina niet gevonden",
        "Deze pagina bestaat niet. Controleer de link, of vraag wie u de link gaf om de "
        "juiste link of QR-code.",
    ),
    405: ("Niet toegestaan", "Dit soort verzoek is op deze pagina niet toegestaan."),
    500: (
        "Er ging iets mis",
        "Er ging op de server iets mis. Probeer het over een moment opnieuw; blijft het "
        "misgaan, meld het dan aan wie de sessie leidt.",
    ),
    None: ("Dit lukte niet", "De server kon dit verzoek niet uitvoeren. Probeer het opnieuw."),
}


def foutpagina_html(status: int, titel: str = "", tekst: str = "") -> str:
    """A Dutch error page: the title and sentence of ``FOUTEN`` unless given."""
    standaard_titel, standaard_tekst = FOUTEN.get(status, FOUTEN[None])
    return FOUTPAGINA.format(
        titel=html.escape(titel or standaard_titel),
        tekst=html.escape(tekst or standaard_tekst),
        status=int(status),
        klasse="wa-foutpagina" + (" wa-geen-toegang" if status == 403 else ""),
    )


if TYPE_CHECKING:  # what the mixin is mixed into (at run time it is only a mixin)
    _Pagina = web.RequestHandler
else:
    _Pagina = object


class NederlandseFouten(_Pagina):
    """Mixed into a page handler: its error pages are :func:`foutpagina_html` (the traceback,
    if any, is in the server's log, as before)."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.write(foutpagina_html(status_code))


class NietGevonden(NederlandseFouten, web.RequestHandler):
    """Every address no handler serves: the Dutch 404 page (tornado's own is English)."""

    def prepare(self) -> None:
        raise web.HTTPError(404)


def _met_nederlandse_fouten(klasse: type) -> type:
    """``klasse`` with Dutch error pages; API and websocket handlers stay as they are (their
    errors are JSON or no page at all)."""
    if issubclass(klasse, APIHandler | WebSocketHandler | NederlandseFouten):
        return klasse
    return type(klasse.__name__, (NederlandseFouten, klasse), {"__module__": __name__})


def leider_sleutel_klopt(query: str) -> bool:
    """The key exactly as the facilitator's kernel reads it (the first ``sleutel`` in the
    query string), checked against the session in the workspace."""
    from ..databank import werksessie as opslag

    sleutel = parameters(query).get("sleutel", "")
    db = os.environ.get("WIJKANALYSE_DB", "")
    sessie_id = int(os.environ.get("WIJKANALYSE_SESSIE", "0") or 0)
    if not (sleutel and db and sessie_id):
        return False
    con = opslag.verbind(db)
    try:
        return opslag.sleutel_klopt(con, sessie_id, sleutel)
    finally:
        con.close()


def _deelnemer_mag_binnen(query: str, token: str) -> bool:
    """Whether a participant's request may have a kernel: its group code (the first
    ``groep`` in the query string, as the participant's kernel reads it) is one of the
    session's groups, or its cookie is a participant of the session (a page reloaded into
    the same participant)."""
    from ..databank import werksessie as opslag

    code = parameters(query).get("groep", "")
    db = os.environ.get("WIJKANALYSE_DB", "")
    sessie_id = int(os.environ.get("WIJKANALYSE_SESSIE", "0") or 0)
    if not (db and sessie_id and (code or token)):
        return False
    con = opslag.verbind(db)
    try:
        if code and opslag.groep_voor_code(con, sessie_id, code) is not None:
            return True
        return bool(token) and opslag.deelnemer(con, sessie_id, token) is not None
    finally:
        con.close()


class WerksessieHandler(NederlandseFouten, TornadoVoilaHandler):
    """Voila's page handler for a werksessie: two pages only, the facilitator's behind its
    key, the participant's behind a group code of the session."""

    async def get(self, path: str | None = None) -> None:
        if path not in WERKSESSIE_PAGINAS:
            raise web.HTTPError(404)
        loop = asyncio.get_running_loop()
        if path == "leider.ipynb":
            controle: Callable[..., bool] = leider_sleutel_klopt
            args: tuple[Any, ...] = (self.request.query,)
        else:
            sessie_id = os.environ.get("WIJKANALYSE_SESSIE", "0")
            controle = _deelnemer_mag_binnen
            args = (self.request.query, self.get_cookie(f"wa_s{sessie_id}") or "")
        try:
            klopt = await loop.run_in_executor(None, controle, *args)
        except Exception:  # an unreadable workspace: refuse, never hand out a kernel
            self.log.exception("Toegang tot %s niet te controleren", path)
            klopt = False
        if not klopt:
            self.log.warning("Geweigerd zonder kernel: %s", self.request.path)
            if path == "leider.ipynb":
                self._weiger(
                    403,
                    "Geen toegang",
                    "Deze pagina is alleen voor de gespreksleider. Gebruik de link van "
                    "uw groep om mee te doen.",
                )
            else:
                self._weiger(
                    404,
                    "Onbekende groep",
                    "Deze link hoort bij geen groep van de lopende werksessie. Vraag de "
                    "gespreksleider om de juiste link of QR-code.",
                )
            return
        pagina = super().get(path)
        if pagina is not None:  # Voila's get is a coroutine
            await pagina

    def _weiger(self, status: int, titel: str, tekst: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(foutpagina_html(status, titel, tekst))


class KernelBeheer(AsyncMappingKernelManager):
    """Jupyter's kernel manager, plus: a kernel whose page was connected and has been gone
    for ``los_na`` seconds is shut down, busy or not; one whose page never connected after
    ``nooit_verbonden_na`` seconds (a page still loading on a slow phone or a loaded server
    must not lose its kernel: the benchmark's pages took up to 40 s at load 20). Pool
    kernels are never culled: Voila's pool wrapper skips them."""

    los_na = Float(
        0.0,
        config=True,
        help="Seconds without its page before a kernel is shut down (0: never).",
    )
    nooit_verbonden_na = Float(
        120.0,
        config=True,
        help="Seconds a handed-out kernel may wait for its page's first connection.",
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._los_sinds: dict[str, float] = {}
        self._ooit_verbonden: set[str] = set()

    def notify_connect(self, kernel_id: str) -> None:
        self._ooit_verbonden.add(kernel_id)
        super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        kernel = self._kernels.get(kernel_id)
        if self.los_na > 0 and kernel is not None:
            verbonden = self._kernel_connections.get(kernel_id, 0) > 0
            # A page being rendered has no connection yet, but its kernel is busy.
            bezig = getattr(kernel, "execution_state", "") in ("busy", "starting")
            if verbonden or bezig:
                self._los_sinds.pop(kernel_id, None)
            else:
                sinds = self._los_sinds.setdefault(kernel_id, time.monotonic())
                grens = self.los_na
                if kernel_id not in self._ooit_verbonden:
                    grens = max(self.los_na, self.nooit_verbonden_na)
                if time.monotonic() - sinds >= grens:
                    self.log.info(
                        "Kernel %s: al %.0f s geen pagina verbonden, afgesloten.",
                        kernel_id,
                        time.monotonic() - sinds,
                    )
                    self._los_sinds.pop(kernel_id, None)
                    self._ooit_verbonden.discard(kernel_id)
                    await self.shutdown_kernel(kernel_id)
                    return
        await super().cull_kernel_if_idle(kernel_id)

    # jupyter_client declares the synchronous signature; the async kernel manager awaits it
    async def shutdown_all(self, now: bool = False) -> None:  # type: ignore[override]
        # Voila's pool wrapper awaits every pool entry after this, including refills that
        # wait for ``fill_delay`` (a minute) and then start a kernel: drop those first.
        for pool in getattr(self, "_pools", {}).values():
            for taak in [t for t in pool if not t.done()]:
                taak.cancel()
                pool.remove(taak)
        await super().shutdown_all(now=now)


class WijkVoila(Voila):
    """Voila without listings; with ``werksessie`` only its two pages, the facilitator's
    checked before a kernel is used."""

    werksessie = Bool(False, config=True, help="Serve only the werksessie's two pages.")
    paginas = Unicode(
        "",
        config=True,
        help="A module (dotted name) whose handlers(base_url) add pages without a kernel and "
        "whose sluit_verlopen_periodiek() starts their periodic work; the werksessie passes "
        "its beamer page (wijkanalyse.werksessie.beamer_server).",
    )
    comprimeer = Bool(
        False,
        config=True,
        help="Send answers gzip-compressed, each static file compressed once "
        "(wijkanalyse/server/compression.py: Voila 0.5 ignores tornado's compress_response).",
    )
    _stoppen = False

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        self.voila_configuration.multi_kernel_manager_class = KernelBeheer

    def init_handlers(self) -> list:
        if self.comprimeer:
            from .compression import GecomprimeerdeAntwoorden

            self.app.transforms.append(GecomprimeerdeAntwoorden)
        # Addresses no handler serves: a Dutch 404 page, not tornado's English one.
        self.app.settings["default_handler_class"] = NietGevonden
        handlers = []
        for h in super().init_handlers():
            klasse = h[1]
            if klasse in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue  # no notebook list, no contents API
            if self.werksessie and klasse is TornadoVoilaHandler:
                klasse = WerksessieHandler
            handlers.append((h[0], _met_nederlandse_fouten(klasse), *h[2:]))
        if self.paginas:  # e.g. the werksessie's beamer page (no kernel)
            extra = importlib.import_module(self.paginas)
            handlers = extra.handlers(getattr(self, "base_url", "/") or "/") + handlers
        return handlers

    def start(self) -> None:
        signal.signal(signal.SIGINT, self._handle_signal_stop)
        signal.signal(signal.SIGHUP, self._handle_signal_stop)
        if self.paginas:  # e.g. a round's timer closes it on the server, pages open or not
            self._timer = importlib.import_module(self.paginas).sluit_verlopen_periodiek()
        super().start()

    def _handle_signal_stop(self, sig: int, frame: Any) -> None:
        if self._stoppen:  # a second signal while the kernels are being shut down
            return
        self._stoppen = True
        if getattr(self, "ioloop", None) is None:  # not serving yet: nothing started
            raise SystemExit(0)
        super()._handle_signal_stop(sig, frame)


main = WijkVoila.launch_instance

if __name__ == "__main__":
    main()
