"""Voila that sends its answers gzip-compressed, each static file compressed only once.

A werksessie page fetches ~5 MB of JavaScript and CSS; compressed that is ~1.3 MB, which
is what a phone on a workshop's Wi-Fi waits for. Voila 0.5 applies ``Voila.tornado_settings``
only after it built its tornado application, so ``compress_response`` there has no effect
(tornado decides its output transforms when the application is built): this module adds the
transform itself. Tornado's own gzip transform would compress the same files again for every
page, on the server's one event loop (~0.2 s of CPU per page, thirty pages in a minute when a
room joins); here a static file's compressed bytes are kept and sent again as they are.

The werksessie's server (``wijkanalyse.server.voila`` with ``--WijkVoila.comprimeer=True``)
adds it to its tornado application.
"""

from __future__ import annotations

from collections import OrderedDict

from tornado import httputil
from tornado.web import GZipContentEncoding

#: Compressed static files kept in memory (a werksessie page uses ~1.3 MB of them).
MAX_BEWAARD = 64 * 1024 * 1024


class GecomprimeerdeAntwoorden(GZipContentEncoding):
    """Tornado's gzip transform, with the compressed bytes of static files remembered.

    A static file is recognised by its path, its version (``Etag`` or ``Last-Modified``, as
    tornado's static file handlers set them) and its length; only complete (200) answers to
    GET are kept. Everything else (the streamed notebook page, API answers) is compressed as
    tornado does, chunk by chunk, so a page still shows progressively."""

    _bewaard: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
    _bewaard_bytes = 0

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self._pad = request.path
        self._get = request.method == "GET"
        self._sleutel: tuple[str, str, str] | None = None
        self._uit: list[bytes] = []
        self._al_verstuurd = False

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        versie = headers.get("Etag") or headers.get("Last-Modified")
        lengte = headers.get("Content-Length")
        if self._gzipping and self._get and status_code == 200 and versie and lengte:
            self._sleutel = (self._pad, versie, lengte)
            bewaard = self._bewaard.get(self._sleutel)
            ctype = headers.get("Content-Type", "").split(";")[0]
            if bewaard is not None and self._compressible_type(ctype):
                self._bewaard.move_to_end(self._sleutel)
                self._al_verstuurd = True
                headers["Vary"] = ", ".join(filter(None, [headers.get("Vary"), "Accept-Encoding"]))
                headers["Content-Encoding"] = "gzip"
                headers["Content-Length"] = str(len(bewaard))
                return status_code, headers, bewaard
        return super().transform_first_chunk(status_code, headers, chunk, finishing)

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self._al_verstuurd:
            return b""  # the handler still reads the file; its bytes went out compressed
        uit = super().transform_chunk(chunk, finishing)
        if self._gzipping and self._sleutel is not None:
            self._uit.append(uit)
            if finishing:
                self._bewaar(self._sleutel, b"".join(self._uit))
        return uit

    @classmethod
    def _bewaar(cls, sleutel: tuple[str, str, str], inhoud: bytes) -> None:
        if sleutel in cls._bewaard:
            return
        cls._bewaard[sleutel] = inhoud
        cls._bewaard_bytes += len(inhoud)
        while cls._bewaard_bytes > MAX_BEWAARD and cls._bewaard:
            _, oud = cls._bewaard.popitem(last=False)
            cls._bewaard_bytes -= len(oud)
