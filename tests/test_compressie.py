"""The compressed answers of the werksessie's Voila: a real tornado server, real HTTP."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application, RequestHandler, StaticFileHandler

from wijkanalyse.server.compression import GecomprimeerdeAntwoorden

SCRIPT = b"window.wijk = 'Laak';\n" * 20_000  # ~440 kB, in several 64 kB chunks


class _Pagina(RequestHandler):
    def get(self) -> None:  # streamed in parts, as Voila streams a notebook page
        for i in range(3):
            self.write(f"<p>cel {i}</p>" * 200)
            self.flush()


class TestGecomprimeerd(AsyncHTTPTestCase):
    @pytest.fixture(autouse=True)
    def _map(self, tmp_path: Path) -> None:
        (tmp_path / "voila.js").write_bytes(SCRIPT)
        self.map = tmp_path

    def get_app(self) -> Application:
        return Application(
            [(r"/pagina", _Pagina), (r"/static/(.*)", StaticFileHandler, {"path": str(self.map)})],
            transforms=[GecomprimeerdeAntwoorden],
        )

    def _haal(self, pad: str, headers: dict | None = None, **kw) -> object:
        headers = {"Accept-Encoding": "gzip", **(headers or {})}
        return self.fetch(pad, decompress_response=False, headers=headers, **kw)

    def test_static_files_go_compressed_and_the_same_every_time(self) -> None:
        eerste, tweede = self._haal("/static/voila.js"), self._haal("/static/voila.js")
        for r in (eerste, tweede):
            assert r.code == 200 and r.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(r.body) == SCRIPT
            assert len(r.body) < len(SCRIPT) / 20
        # The first was compressed while it was sent (chunked); the second was kept.
        assert "Content-Length" not in eerste.headers
        assert tweede.headers["Content-Length"] == str(len(tweede.body))
        # A browser without gzip, a HEAD (the page's "is the server there?") and a 304 as usual.
        gewoon = self.fetch("/static/voila.js", decompress_response=False)
        assert "Content-Encoding" not in gewoon.headers and gewoon.body == SCRIPT
        kop = self._haal("/static/voila.js", method="HEAD")
        assert kop.code == 200 and kop.body == b""
        etag = eerste.headers["Etag"]
        assert self._haal("/static/voila.js", headers={"If-None-Match": etag}).code == 304

    def test_a_streamed_page_goes_compressed(self) -> None:
        r = self._haal("/pagina")
        assert r.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(r.body).decode().count("<p>cel 2</p>") == 200
