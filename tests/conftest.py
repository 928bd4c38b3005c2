"""Shared fixtures: a real workspace file, a real Chromium (Debian's, never downloaded)."""

from __future__ import annotations

import itertools
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wijkanalyse import databank, demo, store
from wijkanalyse.model import WijkModel, open_wijk

CHROMIUM = "/usr/bin/chromium"
from wijkanalyse.rapport.pdf import CHROMIUM_ARGS  # noqa: E402  (one list for tests and PDFs)

# tests/ mirrors the package's folders (tests/store/ for wijkanalyse/store/, ...). Test file
# names are unique across them, and a test may borrow another test file's helpers by its
# module name (`from test_werksessie import sessie`), wherever that file lives.
sys.path[:0] = [str(d) for d in sorted(Path(__file__).parent.iterdir()) if any(d.glob("test_*.py"))]

DEMO_WIJKEN = [("Laak", "Den Haag", 40795), ("Selwerd", "Groningen", 6231)]


@pytest.fixture(scope="session")
def _demo_sjabloon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("sjabloon") / "demo.sqlite"
    store.maak_werkruimte(p)
    for naam, gemeente, inwoners in DEMO_WIJKEN:
        demo.bouw_wijk(p, naam, gemeente, inwoners)
    return p


# ------------------------------------------------------------------ both backends
# A test module with ``BEIDE_BACKENDS = True`` runs each test that uses ``werkruimte`` (or
# ``nieuwe_werkruimte``) twice: on a SQLite file and on a real PostgreSQL database in a
# throwaway cluster (started once per session, see pg_cluster.py). Each PostgreSQL test gets
# its own database, a copy (CREATE DATABASE ... TEMPLATE) of a prepared demo database.


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and getattr(metafunc.module, "BEIDE_BACKENDS", False):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for this test session."""
    from pg_cluster import Cluster

    cluster = Cluster()
    yield cluster
    databank.sluit_pool()
    cluster.stop()


_db_nummer = itertools.count(1)


@pytest.fixture(scope="session")
def _pg_sjabloon(pg: object) -> str:
    url = pg.nieuwe_db("sjabloon")
    store.maak_werkruimte(url)
    for naam, gemeente, inwoners in DEMO_WIJKEN:
        demo.bouw_wijk(url, naam, gemeente, inwoners)
    databank.sluit_pool()  # a template must have no connections
    return "sjabloon"


@pytest.fixture
def nieuwe_werkruimte(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Path | str]]:
    """Makes a new, empty place for a workspace: a file path, or an empty database's URL."""
    gemaakt: list[str] = []

    def maak() -> Path | str:
        if backend == "sqlite":
            return tmp_path / f"w{len(gemaakt)}.sqlite"
        naam = f"t{next(_db_nummer)}"
        gemaakt.append(naam)
        return request.getfixturevalue("pg").nieuwe_db(naam)

    yield maak
    _ruim_op(request, gemaakt)


def _ruim_op(request: pytest.FixtureRequest, namen: list[str]) -> None:
    if namen:
        databank.sluit_pool()
        pg = request.getfixturevalue("pg")
        pg.admin(*(f"DROP DATABASE IF EXISTS {n} WITH (FORCE)" for n in namen))


@pytest.fixture
def werkruimte(
    backend: str, _demo_sjabloon: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """A fresh copy of a small demo workspace (Laak and Selwerd) for each test."""
    if backend == "sqlite":
        p = tmp_path / "werkruimte.sqlite"
        shutil.copy(_demo_sjabloon, p)
        yield p
        return
    sjabloon = request.getfixturevalue("_pg_sjabloon")
    naam = f"t{next(_db_nummer)}"
    url = request.getfixturevalue("pg").nieuwe_db(naam, sjabloon=sjabloon)
    yield url
    _ruim_op(request, [naam])


@pytest.fixture
def model(werkruimte: Path) -> WijkModel:
    """The model of Laak in a fresh copy of the demo workspace."""
    return open_wijk("Laak", str(werkruimte))


#: The test browser's way out: a proxy on a closed port for everything but this machine
#: (Chromium itself never sends 127.0.0.1 / localhost through a proxy given this bypass list).
GEEN_INTERNET = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}
LOKAAL = (
    "http://127.0.0.1",
    "ws://127.0.0.1",
    "http://localhost",
    "ws://localhost",
    "file://",
    "data:",
    "blob:",
)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: `make test` installeert het (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, proxy=GEEN_INTERNET)
        yield b
        b.close()


class OfflinePagina:
    """A page that can reach 127.0.0.1 (and file://, data:, blob:) only: the test browser sends
    every other request to a closed port (``GEEN_INTERNET``), so it fails there, and the page
    records its address in ``geblokkeerd``. (Recorded from the failed requests, not by routing
    each request through the test: that cost a round trip per request of every page.)"""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context(viewport={"width": 1300, "height": 1000})
        self.page = self.context.new_page()
        self.geblokkeerd: list[str] = []
        self.dialogen: list[str] = []
        self.fouten: list[str] = []
        self.page.on("requestfailed", self._mislukt)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.fouten.append(str(e)))

    def _mislukt(self, request: object) -> None:
        if not request.url.startswith(LOKAAL):
            self.geblokkeerd.append(request.url)

    def _dialog(self, dialog: object) -> None:
        self.dialogen.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline_pagina(browser: object) -> Iterator[OfflinePagina]:
    p = OfflinePagina(browser)
    yield p
    p.close()


@pytest.fixture(autouse=True)
def _geen_plotly_renderer_in_omgeving(monkeypatch: pytest.MonkeyPatch) -> None:
    """``open_wijk`` sets PLOTLY_RENDERER in the process that calls it; kernels started later
    from this test process would inherit it, unlike a user's kernels. (With it set at kernel
    start, papermill waited ~3 minutes on notebook 01: not understood yet.)"""
    monkeypatch.delenv("PLOTLY_RENDERER", raising=False)


# ------------------------------------------------------------------ order of the files
# ``make test`` gives whole files to two workers (``--dist loadfile``) in collection order
# (``--no-loadscope-reorder``; xdist's own reordering puts the files with the most tests
# first, which left the long one-test browser files for last and one worker idle at the end).
# First the two files that run papermill inside the test process (a worker's first file, so
# no browser test has left Playwright's event loop running there: papermill can hang behind
# it); then the longest files, longest first; then the rest in their usual order.
EERST = (
    "tests/sections/test_empty_wijk.py",
    "tests/cli/test_cli_nl.py",
    # longest first: the files' seconds in a full run with --durations=0 (December 2026,
    # on a busy machine); files under 50 s follow in their usual order
    "tests/rapport/test_rapport_batch.py",
    "tests/widgets/test_dashboard.py",
    "tests/werksessie/test_werksessie.py",
    "tests/test_notebooks.py",
    "tests/server/test_server_stop.py",
    "tests/test_demo_and_config.py",
    "tests/werksessie/test_werksessie_vragen_browser.py",
    "tests/rapport/test_overdracht.py",
    "tests/store/test_kopie.py",
    "tests/databank/test_team_pg.py",
    "tests/widgets/test_widgets_afweging.py",
    "tests/databank/test_storingen.py",
    "tests/widgets/test_kleine_dingen.py",
    "tests/server/test_jupyter_opslaan.py",
    "tests/rapport/test_rapport_pdf.py",
    "tests/rapport/test_rapport_html.py",
    "tests/werksessie/test_werksessie_beamer.py",
    "tests/test_installatie.py",
    "tests/rapport/test_rapport_wijkprofiel.py",
    "tests/widgets/test_levend.py",
    "tests/sections/test_sections_afweging.py",
    "tests/cli/test_cli.py",
    "tests/test_leren.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rang = {naam: i for i, naam in enumerate(EERST)}
    items.sort(key=lambda item: rang.get(item.nodeid.split("::", 1)[0], len(rang)))
