"""Start (or resume) a werksessie: the session in the workspace, a free port, the links
participants can really open, a kernel pool that fits in memory, and Voila itself."""

from __future__ import annotations

import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..core import config
from ..core.errors import WijkanalyseFout
from ..databank import Werkruimte
from ..databank import werksessie as opslag
from ..server.launcher import start_server
from ..server.settings import Settings, command_line, environment, voila_settings

NOTEBOOK_DIR = config.NOTEBOOKS_DIR / "werksessie"
MB_PER_DEELNEMER = 120  # the ceiling a participant kernel stays under (measured ~70 MB)
RESERVE_MB = 1500  # left for the server, the facilitator's two kernels and the system
FRONTEND_EXTENSIES = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"]


@dataclass
class Plan:
    db: Path | str
    sessie: dict
    ip: str
    poort: int
    host: str
    pool: int
    waarschuwing: str
    log: Path | None = None
    vul_na: float = 60.0  # seconds before a used kernel is replaced in the pool
    # Seconds without its page connected before a kernel is shut down: a page closed without
    # unloading (a phone's browser killed, a laptop lid shut) gives its kernel back.
    los_na: float = 30.0

    @property
    def basis_url(self) -> str:
        return f"http://{self.host}:{self.poort}"

    @property
    def leider_url(self) -> str:
        return f"{self.basis_url}/voila/render/leider.ipynb?sleutel={self.sessie['sleutel']}"

    @property
    def beamer_url(self) -> str:
        from .leider import beamer_url

        return beamer_url(self.basis_url, self.sessie["sleutel"])

    def deelnemer_urls(self) -> dict[str, str]:
        from .leider import deelnemer_url

        return {g["naam"]: deelnemer_url(self.basis_url, g["code"]) for g in self.sessie["groepen"]}


def poort_vrij(ip: str, poort: int) -> int:
    """``poort`` itself, or a Dutch refusal when it is taken: the printed links and the QR
    codes name the port, so the same command must give the same port, never the next one."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, poort))
        except OSError as e:
            raise WijkanalyseFout(
                f"Poort {poort} op {ip} is al in gebruik. Loopt er nog een werksessie of "
                "dashboard in een ander venster? Stop die dan eerst (Ctrl+C). Gebruikt een "
                "ander programma de poort, kies dan een andere met --port; de links en "
                "QR-codes veranderen dan mee."
            ) from e
    return poort


def alleen_deze_computer(ip: str) -> bool:
    return ip.startswith("127.") or ip in ("localhost", "::1")


#: Said at every start on the default address: phones cannot open 127.0.0.1.
ALLEEN_HIER = (
    "Let op: deze links werken alleen op deze computer. Telefoons en laptops van deelnemers "
    "kunnen ze niet openen; start daarvoor met --ip 0.0.0.0 (alleen op een netwerk dat u "
    "vertrouwt)."
)


def lan_adressen() -> list[str]:
    """This machine's IPv4 addresses other than loopback (what participants can reach)."""
    adressen: list[str] = []
    try:
        out = subprocess.run(
            ["ip", "-4", "-o", "addr", "show", "scope", "global"],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout
        adressen = [r.split()[3].split("/")[0] for r in out.splitlines() if len(r.split()) > 3]
    except (OSError, subprocess.SubprocessError):
        pass
    if not adressen:
        try:
            infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            adressen = sorted({str(i[4][0]) for i in infos if not str(i[4][0]).startswith("127.")})
        except OSError:
            pass
    return adressen


def host_voor(ip: str) -> str:
    if ip in ("0.0.0.0", ""):
        lan = lan_adressen()
        return lan[0] if lan else "127.0.0.1"
    return ip


def beschikbaar_mb() -> int:
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemAvailable:"):
                return int(regel.split()[1]) // 1024
    except OSError:
        pass
    return 4096


def pool_grootte(deelnemers: int, beschikbaar: int | None = None) -> tuple[int, str]:
    """Kernels to preheat: one per expected participant plus a margin (a fifth, at least
    three) for latecomers, reloads and second tabs, within memory."""
    wens = max(deelnemers, 1) + max(3, deelnemers // 5)
    beschikbaar = beschikbaar_mb() if beschikbaar is None else beschikbaar
    past = max((beschikbaar - RESERVE_MB) // MB_PER_DEELNEMER, 1)
    if wens <= past:
        return wens, ""
    return past, (
        f"Let op: er is geheugen voor {past} voorbereide deelnemerspagina's, niet voor "
        f"{wens}. Wie later komt, wacht een paar seconden langer op de pagina."
    )


def plan(
    db: Path | str,
    wijk: str,
    *,
    groepen: list[str],
    ip: str = "127.0.0.1",
    poort: int = 8866,
    deelnemers: int = 20,
    nieuw: bool = False,
) -> Plan:
    from ..store import maak_werkruimte

    maak_werkruimte(db)  # an older workspace gets the columns this version's pages use
    sessie = opslag.start_sessie(db, wijk, groepen, nieuw=nieuw)
    pool, waarschuwing = pool_grootte(deelnemers)
    return Plan(
        db=_volledig(Werkruimte.van(db)),
        sessie=sessie,
        ip=ip,
        poort=poort_vrij(ip, poort),
        host=host_voor(ip),
        pool=pool,
        waarschuwing=waarschuwing,
    )


def _volledig(werkruimte: Werkruimte) -> Path | str:
    return werkruimte.url if werkruimte.is_url else werkruimte.pad.resolve()


def werksessie_settings(p: Plan) -> Settings:
    """The werksessie's Voila settings: the shared ones (:mod:`wijkanalyse.server.settings`)
    with its two pages, its pools and faster culling."""
    return voila_settings(
        port=p.poort,
        ip=p.ip,
        template="werksessie",
        cull_idle_timeout=120,
        cull_interval=10,
        extra={
            # Only the two pages, the facilitator's key checked before a kernel is used, no
            # notebook list (wijkanalyse/server/voila.py); the beamer page beside them.
            "WijkVoila": {
                "werksessie": True,
                "paginas": "wijkanalyse.werksessie.beamer_server",
            },
            "VoilaKernelManager": {
                # Refill the pool a minute after a page took a kernel, not during the rush of
                # joins: starting kernels while 30 people join made every page wait (median
                # 14 s against 0.5 s, benchmarks/bench_werksessie.py); the pool holds a
                # margin for latecomers.
                "fill_delay": p.vul_na,
                "kernel_pools_config": {
                    "default": {"pool_size": 0},
                    "deelnemer.ipynb": {"pool_size": p.pool},
                    # Two: the facilitator's page on the beamer and on a laptop, or a reload,
                    # each get a kernel at once; with one, the second waited for the refill
                    # (a minute, fill_delay) plus a kernel start.
                    "leider.ipynb": {"pool_size": 2},
                },
            },
            "VoilaExecutor": {"startup_timeout": 180},
            # A busy session never looks idle (every answer updates every page's kernel): a
            # kernel without its page for los_na seconds is shut down all the same.
            "KernelBeheer": {"los_na": p.los_na},
            "VoilaConfiguration": {
                # The cookie carries a participant's token: a reload is the same participant.
                "http_header_envs": ["Cookie"],
                # Only the front-end extensions these pages use: ipywidgets' controls and
                # Voila's widget manager. Plotly's (4.8 MB), anywidget's and pygments' are
                # left out: neither page shows a figure or highlighted code.
                "extension_allowlist": FRONTEND_EXTENSIES,
            },
            # Voila has no login; the page's own shutdown call on closing a tab carries no
            # xsrf token and was refused (403), leaving the kernel alive until culled. Allow
            # it. A page that vanished without closing its connection (a phone's Wi-Fi gone)
            # is noticed within 30 s by pings, not Jupyter's default 90 s.
            "Voila": {
                "tornado_settings": {
                    "disable_check_xsrf": True,
                    "ws_ping_interval": 10_000,
                    "ws_ping_timeout": 30_000,
                }
            },
        },
    )


def voila_argumenten(p: Plan) -> list[str]:
    return command_line(NOTEBOOK_DIR, werksessie_settings(p))


def voila_env(p: Plan) -> dict[str, str]:
    env = environment(p.db, werksessie_settings(p))
    env["WIJKANALYSE_SESSIE"] = str(p.sessie["id"])
    env["WIJKANALYSE_DEELNEMER_BASIS"] = p.basis_url
    return env


def start(p: Plan, **popen) -> subprocess.Popen:
    """Voila for this plan; it stops with the process that started it (see ``launcher``)."""
    return start_server(voila_argumenten(p), env=voila_env(p), cwd=str(NOTEBOOK_DIR), **popen)
