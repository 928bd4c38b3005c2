"""The compressed answers of the werksessie's Voila: a real tornado server, real HTTP.

The server runs on its own event loop in a thread, so the test does not depend on whether
this test process already has a running loop (Playwright's sync API leaves one)."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import threading
from collections.abc import Iterator

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler, StaticFileHandler

from wijkanalyse.server.compression import GecomprimeerdeAntwoorden

SCRIPT = b"window.wijk = 'Laak';\n" * 20_000  # ~440 kB, in several 64 kB chunks


class _Pagina(RequestHandler):
    def get(self) -> None:  # streamed in parts, as Voila streams a notebook page
        for i in range(3):
            self.write(f"<p>cel {i}</p>" * 200)
            self.flush()


@pytest.fixture(scope="module")
def poort(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    map_ = tmp_path_factory.mktemp("statisch")
    (map_ / "voila.js").write_bytes(SCRIPT)
    sockets = bind_sockets(0, "127.0.0.1")
    klaar = threading.Event()
    lus = asyncio.new_event_loop()

    def draai() -> None:
        asyncio.set_event_loop(lus)
        app = Application(
            [(r"/pagina", _Pagina), (r"/static/(.*)", StaticFileHandler, {"path": str(map_)})],
            transforms=[GecomprimeerdeAntwoorden],
        )
        server = HTTPServer(app)
        server.add_sockets(sockets)
        lus.call_soon(klaar.set)
        lus.run_forever()
        server.stop()

    draad = threading.Thread(target=draai, daemon=True)
    draad.start()
    assert klaar.wait(10)
    yield sockets[0].getsockname()[1]
    lus.call_soon_threadsafe(lus.stop)
    draad.join(10)


class _Antwoord:
    def __init__(self, r: http.client.HTTPResponse) -> None:
        self.code = r.status
        self.headers = r.headers
        self.body = r.read()


def _haal(poort: int, pad: str, headers: dict | None = None, method: str = "GET") -> _Antwoord:
    """One request; ``Accept-Encoding: gzip`` unless ``headers`` say otherwise. The body is
    returned as sent (http.client never decompresses)."""
    con = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
    try:
        con.request(method, pad, headers={"Accept-Encoding": "gzip", **(headers or {})})
        return _Antwoord(con.getresponse())
    finally:
        con.close()


def test_static_files_go_compressed_and_the_same_every_time(poort: int) -> None:
    eerste, tweede = _haal(poort, "/static/voila.js"), _haal(poort, "/static/voila.js")
    for r in (eerste, tweede):
        assert r.code == 200 and r.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(r.body) == SCRIPT
        assert len(r.body) < len(SCRIPT) / 20
    # The first was compressed while it was sent (chunked); the second was kept.
    assert "Content-Length" not in eerste.headers
    assert tweede.headers["Content-Length"] == str(len(tweede.body))
    # A browser without gzip, a HEAD (the page's "is the server there?") and a 304 as usual.
    gewoon = _haal(poort, "/static/voila.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in gewoon.headers and gewoon.body == SCRIPT
    kop = _haal(poort, "/static/voila.js", method="HEAD")
    assert kop.code == 200 and kop.body == b""
    etag = eerste.headers["Etag"]
    assert _haal(poort, "/static/voila.js", headers={"If-None-Match": etag}).code == 304


def test_a_streamed_page_goes_compressed(poort: int) -> None:
    r = _haal(poort, "/pagina")
    assert r.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(r.body).decode().count("<p>cel 2</p>") == 200
