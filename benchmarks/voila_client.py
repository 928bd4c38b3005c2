"""A participant's phone without the browser: what a Voila page does over the network.

Fetches the page and the same static files a real Chromium fetched for it, opens the
kernel's websocket, asks for the widget states (as Voila's widget manager does with
ipywidgets' control comm), and then talks to the widgets: typing a name, clicking a button,
choosing a score. Used by ``bench_werksessie.py`` so the server's figures are measured
without 30 browsers eating the same two cores.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from typing import Any

import websockets
from tornado.httpclient import AsyncHTTPClient


def _bericht(
    msg_type: str, content: dict, channel: str = "shell", sessie: str = "", metadata=None
) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": sessie,
                "username": "bench",
                "date": "",
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "buffers": [],
            "channel": channel,
        }
    )


class Pagina:
    def __init__(self, url: str, statisch: list[str]) -> None:
        self.url = url
        self.statisch = statisch
        self.modellen: dict[str, dict[str, Any]] = {}
        self.sessie = uuid.uuid4().hex
        self.ws: Any = None
        self._lezer: asyncio.Task | None = None
        self._veranderd = asyncio.Event()

    async def open(self) -> float:
        """Load the page as a browser would; returns seconds until the widgets' states are in."""
        t0 = time.perf_counter()
        http = AsyncHTTPClient(force_instance=True, max_clients=6)  # one per phone
        html = (await http.fetch(self.url, request_timeout=300, connect_timeout=300)).body.decode()
        basis = re.match(r"(https?://[^/]+)", self.url).group(1)
        await asyncio.gather(
            *(
                http.fetch(
                    basis + p,
                    raise_error=False,
                    request_timeout=300,
                    connect_timeout=300,
                    # Compressed, as a browser asks, but not unpacked: a phone does that on its
                    # own CPU, while here one process stands in for all the phones.
                    headers={"Accept-Encoding": "gzip"},
                    decompress_response=False,
                )
                for p in self.statisch
            )
        )
        http.close()
        config = json.loads(
            re.search(
                r'id="jupyter-config-data" type="application/json">\s*(.*?)\s*</script>', html, re.S
            ).group(1)
        )
        self.basis = basis
        self.kernel_id = config["kernelId"]
        ws_url = basis.replace("http", "ws", 1) + (
            f"/api/kernels/{config['kernelId']}/channels?session_id={self.sessie}"
        )
        self.ws = await websockets.connect(ws_url, max_size=2**26, open_timeout=300)
        self._lezer = asyncio.create_task(self._lees())
        controle = uuid.uuid4().hex
        await self.ws.send(
            _bericht(
                "comm_open",
                {"comm_id": controle, "target_name": "jupyter.widget.control", "data": {}},
                sessie=self.sessie,
                metadata={"version": "1.0.0"},  # ipywidgets' control protocol
            )
        )
        await self.ws.send(
            _bericht(
                "comm_msg",
                {"comm_id": controle, "data": {"method": "request_states"}},
                sessie=self.sessie,
            )
        )
        await self.wacht(lambda: self.vind("wa-naam") or self.vind("wa-schaal"), 300)
        return time.perf_counter() - t0

    async def _lees(self) -> None:
        async for ruw in self.ws:
            if isinstance(ruw, bytes):
                continue
            m = json.loads(ruw)
            t, c = m["header"]["msg_type"], m["content"]
            if t == "comm_open" and c.get("target_name") == "jupyter.widget":
                self.modellen[c["comm_id"]] = dict(c["data"].get("state", {}))
            elif t == "comm_msg":
                data = c.get("data", {})
                if data.get("method") == "update_states":
                    for mid, s in data["states"].items():
                        self.modellen.setdefault(mid, {}).update(s.get("state", {}))
                elif data.get("method") in ("update", "echo_update"):
                    self.modellen.setdefault(c["comm_id"], {}).update(data.get("state", {}))
            elif t == "comm_close":
                self.modellen.pop(c["comm_id"], None)
            self._veranderd.set()

    async def wacht(self, voorwaarde, timeout: float) -> Any:
        eind = time.perf_counter() + timeout
        while True:
            r = voorwaarde()
            if r:
                return r
            self._veranderd.clear()
            over = eind - time.perf_counter()
            if over <= 0:
                raise TimeoutError("widget niet verschenen")
            try:
                await asyncio.wait_for(self._veranderd.wait(), over)
            except TimeoutError:
                pass

    def vind(self, klasse: str) -> list[str]:
        return [mid for mid, s in self.modellen.items() if klasse in s.get("_dom_classes", ())]

    async def zet(self, mid: str, **state: Any) -> None:
        await self.ws.send(
            _bericht(
                "comm_msg",
                {"comm_id": mid, "data": {"method": "update", "state": state, "buffer_paths": []}},
                sessie=self.sessie,
            )
        )

    async def klik(self, mid: str) -> None:
        await self.ws.send(
            _bericht(
                "comm_msg",
                {"comm_id": mid, "data": {"method": "custom", "content": {"event": "click"}}},
                sessie=self.sessie,
            )
        )

    def opgeslagen(self) -> int:
        return sum(
            'class="wa-ok"' in str(self.modellen[m].get("value", ""))
            for m in self.vind("wa-score-status")
        )

    async def verlaat(self) -> None:
        """Leave as a browser tab does when it unloads (a reload or a closed tab): Voila's
        shutdown call for the page's kernel, then the websocket closes."""
        http = AsyncHTTPClient(force_instance=True)
        await http.fetch(
            f"{self.basis}/voila/api/shutdown/{self.kernel_id}",
            method="POST",
            body=b"",
            raise_error=False,
            request_timeout=60,
        )
        http.close()
        await self.sluit()

    async def sluit(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._lezer is not None:
            self._lezer.cancel()
