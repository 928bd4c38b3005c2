"""One reader of a page's Voila request (``wijkanalyse.server.verzoek``): the dashboard, the
werksessie's pages and the server's checks read the query string the same way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijkanalyse.server import verzoek
from wijkanalyse.widgets.dashboard import wijk_uit_verzoek

QUERY = "sleutel=eerste&sleutel=tweede&groep=&wijk=+Selwerd+&x=%C3%A9"


def test_server_and_kernels_read_one_query_string_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server checks the facilitator's key and a group code before it hands out a kernel;
    the kernel then reads them from its request: the first value of a name, a blank one as
    none, the same for both."""
    gegeven = verzoek.parameters(QUERY)
    assert gegeven == {"sleutel": "eerste", "wijk": " Selwerd ", "x": "é"}
    monkeypatch.setenv("QUERY_STRING", QUERY)
    assert verzoek.parameters() == gegeven
    assert wijk_uit_verzoek("Laak") == "Selwerd"  # the dashboard's ?wijk=
    monkeypatch.setenv("QUERY_STRING", "wijk=")
    assert wijk_uit_verzoek("Laak") == "Laak"
    monkeypatch.setenv("HTTP_COOKIE", "wa_s4=token-1; ander=2")
    assert verzoek.cookie("wa_s4") == "token-1" and verzoek.cookie("wa_s5") == ""


def test_the_dashboard_waits_for_its_request_without_jupyter_server(werkruimte: Path) -> None:
    """The dashboard's kernel reads its request like the werksessie's pages, not through
    ``voila.utils`` (which loads Jupyter Server, ~47 MB, into every dashboard kernel)."""
    code = (
        "import sys\n"
        "from wijkanalyse.widgets.dashboard import Dashboard\n"
        f"d = Dashboard.voor_verzoek('', {str(werkruimte)!r})\n"
        "print(d.model.wijk, 'jupyter_server' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOILA_")}
    env["QUERY_STRING"] = "wijk=Selwerd"
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[-2:] == ["Selwerd", "False"]
