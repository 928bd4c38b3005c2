"""A team workspace on PostgreSQL in real Voila and real Chromium: two werksessie servers on
one database (a score given on one shows on the facilitator's page of the other, without a
reload), and the dashboard opened on the same database, live as well."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import OfflinePagina
from pg_cluster import WACHTWOORD
from test_werksessie import _wacht_op_poort

from wijkanalyse import store
from wijkanalyse.databank import werksessie as opslag
from wijkanalyse.server.launcher import voila_argumenten, voila_env
from wijkanalyse.werksessie import start

pytestmark = pytest.mark.slow


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def team(pg: object, _pg_sjabloon: str, tmp_path: Path) -> Iterator[dict]:
    """One PostgreSQL workspace served by two werksessie servers and a dashboard."""
    url = pg.nieuwe_db("team", sjabloon=_pg_sjabloon)
    procs: list[subprocess.Popen] = []
    plannen = []
    try:
        for naam in ("a", "b"):
            p = start.plan(url, "laak", groepen=["bewoners"], poort=_vrije_poort(), deelnemers=1)
            p.vul_na = 1
            p.pool = 1  # one page each here; ten kernels starting at once slow the test
            p.log = tmp_path / f"voila-{naam}.log"
            procs.append(start.start(p, stdout=open(p.log, "w"), stderr=subprocess.STDOUT))  # noqa: SIM115
            plannen.append(p)
        poort = _vrije_poort()
        dash_log = tmp_path / "dashboard.log"
        args = [a for a in voila_argumenten(url, port=poort) if a]
        procs.append(
            subprocess.Popen(
                args,
                env=voila_env(url),
                stdout=open(dash_log, "w"),
                stderr=subprocess.STDOUT,  # noqa: SIM115
            )
        )
        for p, proc in zip(plannen, procs, strict=False):
            _wacht_op_poort(p.poort, proc, p.log)
        _wacht_op_poort(poort, procs[2], dash_log)
        yield {
            "url": url,
            "a": plannen[0],
            "b": plannen[1],
            "dashboard": f"http://127.0.0.1:{poort}/",
            "logs": [p.log for p in plannen] + [dash_log],
        }
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_two_werksessie_servers_and_the_dashboard_share_one_postgresql_workspace(
    team: dict, browser
) -> None:
    url, a, b = team["url"], team["a"], team["b"]
    # The second server resumed the first one's session: same key, same links.
    assert a.sessie["sleutel"] == b.sessie["sleutel"]
    opg = store.opgaven(url, "Laak")
    crit = store.criteria(url, "Laak")
    ronde = opslag.voeg_ronde_toe(
        url, a.sessie["id"], "scores", [("opgave", int(opg["id"].iloc[0]))]
    )
    opslag.zet_ronde_status(url, ronde, "open")

    leider = OfflinePagina(browser)
    leider.page.goto(b.leider_url, timeout=120_000)
    leider.page.wait_for_selector(".wa-live", timeout=120_000)
    dash = OfflinePagina(browser)
    dash.page.goto(team["dashboard"] + "?wijk=Laak", timeout=120_000)
    dash.page.wait_for_selector(
        f".wa-opgaven-tabel >> text={opg['titel'].iloc[0]}", timeout=120_000
    )

    deelnemer = OfflinePagina(browser)
    deelnemer.page.set_viewport_size({"width": 390, "height": 844})
    deelnemer.page.goto(a.deelnemer_urls()["bewoners"], timeout=120_000)
    deelnemer.page.wait_for_selector(".wa-naam input", timeout=120_000)
    deelnemer.page.fill(".wa-naam input", "Noor")
    deelnemer.page.click(".wa-meedoen")
    deelnemer.page.wait_for_selector(".wa-kaart .wa-schaal", timeout=30_000)
    schaal = deelnemer.page.locator(".wa-kaart").first.locator(".wa-schaal").first
    schaal.locator("button", has_text="4").click()
    # the specific confirmation ("… is NIET opgeslagen" must not pass)
    deelnemer.page.wait_for_selector(
        f".wa-score-status >> text=Score 4 voor {crit['naam'].iloc[0]} opgeslagen",
        timeout=15_000,
    )

    # Server B's facilitator page shows the answer given on server A, without a reload.
    laatste = ".wa-laatste tbody tr >> nth=0"
    leider.page.wait_for_selector(f"{laatste} >> text={crit['naam'].iloc[0]}", timeout=10_000)
    assert leider.page.inner_text(laatste).strip().endswith("4")
    rijen = store.scores(url, "Laak")
    # A participant's score is theirs and their round's (never an outside scorer "Noor").
    noor = rijen[rijen["scorer"] == f"Noor (werksessie {a.sessie['id']})"]
    assert noor[["criterium_id", "waarde"]].values.tolist() == [[int(crit["id"].iloc[0]), 4]]
    assert noor["ronde_id"].tolist() == [ronde]

    # The dashboard on the same database follows another writer's new opgave, no reload.
    store.voeg_opgave_toe(url, "Laak", titel="Warmtenet via de teamdatabase", transitie="energie")
    dash.page.wait_for_selector(
        ".wa-opgaven-tabel >> text=Warmtenet via de teamdatabase", timeout=10_000
    )

    for p in (leider, dash, deelnemer):
        assert p.geblokkeerd == [] and p.fouten == []
        assert WACHTWOORD not in p.page.content()
        p.close()
    for log in team["logs"]:
        tekst = log.read_text()
        assert WACHTWOORD not in tekst
        # Kernels on Unix sockets: two servers on one machine cannot pick the same TCP port
        # (they did once: a participant's page stayed blank until the kernel was culled).
        assert "Kernel is running over TCP" not in tekst
        assert "Address already in use" not in tekst
