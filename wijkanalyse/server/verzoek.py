"""The Voila request a page was opened with: the one reader for the dashboard, the
werksessie's pages and the server's own checks.

A preheated kernel runs the page's notebook before anyone asks for it and then waits for
the request (query string, cookie). Voila's own helper for that (``voila.utils.
wait_for_request``) imports Jupyter Server and friends — about 47 MB in every participant's
kernel — and gives up after 5 s when the server is busy, leaving the page without its
query string. This does the same with the small ``websockets`` client, waiting as long as
it takes.
"""

from __future__ import annotations

import json
import os
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs


def wacht_op_verzoek(timeout: float = 120.0) -> None:
    """In a preheated kernel: block until Voila hands over the request, then put its
    fields (QUERY_STRING, HTTP_COOKIE, …) in ``os.environ``. Otherwise return at once."""
    if os.getenv("VOILA_PREHEAT", "False") == "False":
        return
    from websockets.sync.client import connect

    protocol = os.getenv("VOILA_WS_PROTOCOL", "ws")
    ip = os.getenv("VOILA_APP_IP", "127.0.0.1")
    poort = os.getenv("VOILA_APP_PORT", "8866")
    basis = os.getenv("VOILA_WS_BASE_URL", os.getenv("VOILA_SERVER_URL", "/"))
    url = f"{protocol}://{ip}:{poort}{basis}voila/query/{os.getenv('VOILA_KERNEL_ID')}"
    with connect(url, open_timeout=timeout, max_size=2**20) as ws:
        info = ws.recv()
    for k, v in json.loads(info).items():
        os.environ[k] = v


def parameters(query: str | None = None) -> dict[str, str]:
    """The query string as a flat dict, the first value of each name (a blank value counts as
    none): ``query`` as given (the server checking a request before it hands out a kernel),
    else the kernel's request (``QUERY_STRING``, see :func:`wacht_op_verzoek`)."""
    qs = parse_qs(os.environ.get("QUERY_STRING", "") if query is None else query)
    return {k: v[0] for k, v in qs.items() if v}


def cookie(naam: str) -> str:
    try:
        c = SimpleCookie(os.environ.get("HTTP_COOKIE", ""))
    except CookieError:
        return ""
    m = c.get(naam)
    return m.value if m else ""
