"""The servers stop when told and let nobody starve the facilitator: real commands, real
signals, real processes counted (Voila, JupyterLab and every kernel they started)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from wijkanalyse.core import config
from wijkanalyse.werksessie import start

pytestmark = pytest.mark.slow
STOP_BINNEN = 10.0  # what a stop may take (issue 18 item 4, issue 20 item 4)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processen(merk: str) -> list[psutil.Process]:
    """Every live process started below a command that had ``merk`` in its environment:
    the server and its kernels inherit it, wherever they end up in the process tree."""
    gevonden = []
    for p in psutil.process_iter():
        try:
            if p.status() == psutil.STATUS_ZOMBIE:
                continue
            if p.environ().get("WIJKANALYSE_TESTMERK") == merk:
                gevonden.append(p)
        except psutil.Error:
            continue
    return gevonden


@pytest.fixture
def merk() -> Iterator[str]:
    """A mark in the environment of what a test starts; whatever still runs with it after
    the test (a failed one) is killed, so it does not slow the rest of the suite."""
    m = uuid.uuid4().hex
    yield m
    for p in _processen(m):
        try:
            p.kill()
        except psutil.Error:
            pass


def _kernels(merk: str) -> list[psutil.Process]:
    uit = []
    for p in _processen(merk):
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()):
                uit.append(p)
        except psutil.Error:
            continue
    return uit


def _wacht_op_kernels(merk: str, n: int, log: Path, timeout: float = 240) -> None:
    eind = time.monotonic() + timeout
    while len(_kernels(merk)) < n:
        if time.monotonic() > eind:
            pytest.fail(f"geen {n} kernels: {log.read_text()[-3000:]}")
        time.sleep(0.5)


def _wacht_tot_weg(merk: str, timeout: float = STOP_BINNEN) -> list[psutil.Process]:
    eind = time.monotonic() + timeout
    while (over := _processen(merk)) and time.monotonic() < eind:
        time.sleep(0.2)
    return over


def _cli(merk: str, log: Path, *args: str) -> subprocess.Popen:
    """``wijkanalyse ARGS`` as a user starts it in a terminal (its own session, so a Ctrl+C
    can be sent to its process group as a terminal does)."""
    env = {**os.environ, "WIJKANALYSE_TESTMERK": merk}
    return subprocess.Popen(
        [sys.executable, "-m", "wijkanalyse.cli", *args],
        env=env,
        stdout=open(log, "w"),  # noqa: SIM115 - the child holds it
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _get(url: str, cookie: str = "") -> tuple[int, str]:
    verzoek = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(verzoek, timeout=180) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_werksessie_stops_on_sigterm_and_ctrl_c_and_comes_back_on_its_port(
    _demo_sjabloon: Path, tmp_path: Path, merk: str
) -> None:
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    poort = _vrije_poort()
    opdracht = ("werksessie", "--wijk", "Laak", "--werkruimte", str(db), "--port", str(poort))
    opdracht += ("--deelnemers", "1")

    log1 = tmp_path / "eerste.log"
    cli = _cli(merk, log1, *opdracht)
    _wacht_op_kernels(merk, 1, log1)  # stopped while the rest of the pool still starts
    uitvoer = log1.read_text()
    link = re.search(r"http://\S+/voila/render/deelnemer\.ipynb\?groep=\w+", uitvoer).group(0)
    assert f":{poort}/" in link
    assert _get(link)[0] == 200  # a page open: a kernel in use, not only the pool
    assert cli.poll() is None

    cli.send_signal(signal.SIGTERM)
    assert _wacht_tot_weg(merk) == []  # no Voila, no kernel
    assert cli.wait(timeout=5) == 0
    assert "Werksessie gestopt" in log1.read_text()
    assert "--ip 0.0.0.0" in uitvoer and "alleen op deze computer" in uitvoer

    # The same command: the same port and links; Ctrl+C as a terminal sends it.
    log2 = tmp_path / "tweede.log"
    cli = _cli(merk, log2, *opdracht)
    _wacht_op_kernels(merk, 1, log2)
    assert link in log2.read_text()
    os.killpg(cli.pid, signal.SIGINT)
    assert _wacht_tot_weg(merk) == []
    cli.wait(timeout=5)

    # The port taken by another program: a Dutch refusal, not a silent move to another port.
    with socket.socket() as ander:
        ander.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT
        ander.bind(("127.0.0.1", poort))
        ander.listen()
        log3 = tmp_path / "derde.log"
        cli = _cli(merk, log3, *opdracht)
        assert cli.wait(timeout=120) != 0
        tekst = log3.read_text()
        assert f"Poort {poort} op 127.0.0.1 is al in gebruik" in tekst
        assert "--port" in tekst and "Traceback" not in tekst
        assert _processen(merk) == []


def test_dashboard_stops_when_the_command_is_killed(
    _demo_sjabloon: Path, tmp_path: Path, merk: str
) -> None:
    """``kill -9`` of ``wijkanalyse dashboard`` (or a closed terminal's parent) takes Voila and
    its kernels with it."""
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    log = tmp_path / "dashboard.log"
    poort = _vrije_poort()
    cli = _cli(merk, log, "dashboard", "--werkruimte", str(db), "--port", str(poort))
    _wacht_op_kernels(merk, 1, log)
    cli.kill()
    cli.wait(timeout=5)
    assert _wacht_tot_weg(merk) == []
    assert "--ip 0.0.0.0" in log.read_text()


def test_lab_stops_with_what_started_it(tmp_path: Path, merk: str) -> None:
    """`make lab` killed: JupyterLab stops and shuts its kernels down (its config file asks
    Linux for SIGTERM on the parent's death)."""
    poort, token = _vrije_poort(), "stoptest"
    jupyter = str(Path(sys.executable).parent / "jupyter")
    lab = [jupyter, "lab", "--config=jupyter_server_config.py", "notebooks/", "--no-browser"]
    lab += [f"--port={poort}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"]
    lab += ["--allow-root"]
    make = subprocess.Popen(  # stands in for make: a parent that runs lab and waits
        [sys.executable, "-c", "import subprocess, sys; subprocess.call(sys.argv[1:])", *lab],
        cwd=config.REPO_DIR,
        env={**os.environ, "WIJKANALYSE_TESTMERK": merk},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{poort}/api/kernels"
    verzoek = urllib.request.Request(
        url, data=b"{}", method="POST", headers={"Authorization": f"token {token}"}
    )
    for _ in range(240):
        try:
            urllib.request.urlopen(verzoek, timeout=30).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        pytest.fail("JupyterLab kwam niet op")
    _wacht_op_kernels(merk, 1, tmp_path / "geen.log")
    time.sleep(3)  # past its start, as a kernel behind an open notebook
    make.kill()
    make.wait()
    assert _wacht_tot_weg(merk) == []


def test_nobody_starves_the_facilitator_and_vanished_pages_give_their_kernel_back(
    _demo_sjabloon: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.sqlite"
    shutil.copy(_demo_sjabloon, db)
    plan = start.plan(db, "Laak", groepen=["bewoners"], poort=_vrije_poort(), deelnemers=0)
    plan.vul_na = 120  # no refill during the test: a used pool kernel stays missing
    plan.pool = 1  # one preheated participant kernel is enough here (and lighter)
    plan.los_na = 5
    log = tmp_path / "voila.log"
    with open(log, "w") as uit:
        proc = start.start(plan, stdout=uit, stderr=subprocess.STDOUT)
        try:
            # Not waiting for the pools: a request for a page takes a pool kernel that is
            # still starting as well.
            for _ in range(600):
                if "Voilà is running at" in log.read_text():
                    break
                time.sleep(0.2)
            basis = f"{plan.basis_url}/voila"
            code = plan.sessie["groepen"][0]["code"]
            vreemd = ["sleutel=fout", "sleutel=", f"sleutel={code}", f"groep={code}"]
            for q in vreemd:
                status, tekst = _get(f"{basis}/render/leider.ipynb?{q}")
                assert status == 403 and "Geen toegang" in tekst and "gespreksleider" in tekst
                assert plan.sessie["sleutel"] not in tekst
            # A participant's link with a group code that is not the session's (or none, or
            # the facilitator's key as code, or a cookie of nobody) gets no kernel either.
            deelnemer = f"{basis}/render/deelnemer.ipynb"
            onbekend = [
                "groep=zzzz",
                "",
                "groep=",
                f"groep={plan.sessie['sleutel']}",
                f"groep=zzzz&groep={code}",  # the kernel reads the first
            ]
            for q in onbekend:
                status, tekst = _get(f"{deelnemer}?{q}", cookie=f"wa_s{plan.sessie['id']}=nep")
                assert status == 404 and '<html lang="nl">' in tekst, q
                assert "Onbekende groep" in tekst and "hoort bij geen groep" in tekst, q
            for pad in ("/tree", "/tree/", "/api/contents", "/render/../leider.ipynb"):
                assert _get(basis + pad)[0] == 404, pad
            assert _get(plan.basis_url + "/")[0] == 404
            assert "Using pre-heated kernel" not in log.read_text()

            # The real facilitator gets a preheated kernel, the first of the two.
            status, tekst = _get(plan.leider_url)
            assert status == 200 and "wa-leider" in tekst
            leider = re.search(r'"kernelId": "([0-9a-f-]+)"', tekst).group(1)
            gebruikt = re.findall(r"Using pre-heated kernel: (\S+) for leider", log.read_text())
            assert gebruikt == [leider]

            # A participant's page vanishes: connected, then gone without unloading (no
            # shutdown call). Its kernel is shut down however long the session goes on.
            from websockets.sync.client import connect

            status, tekst = _get(plan.deelnemer_urls()["bewoners"])
            assert status == 200
            kid = re.search(r'"kernelId": "([0-9a-f-]+)"', tekst).group(1)
            ws = plan.basis_url.replace("http", "ws", 1)
            with connect(f"{ws}/api/kernels/{kid}/channels?session_id=x") as c:
                time.sleep(1)
                assert c is not None
            for _ in range(240):
                if _get(f"{plan.basis_url}/api/kernels/{kid}")[0] == 404:
                    break
                time.sleep(0.5)
            else:
                pytest.fail("de kernel van een verdwenen pagina leeft nog")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
