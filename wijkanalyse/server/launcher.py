"""Start Voila on the dashboard notebook with the workshop configuration, and run a server
process so that it stops when told: SIGTERM, Ctrl+C, a closed terminal or the death of the
command that started it stop Voila and every kernel within seconds."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..core import config
from .settings import Settings, command_line, environment, voila_settings

#: After SIGTERM the server gets this long to shut its kernels down; then it and everything
#: it started are killed.
STOP_BINNEN = 8.0

PR_SET_PDEATHSIG = 1


def sterf_met_ouder(ouder: int | None = None) -> None:
    """Linux: this process gets SIGTERM when its parent dies, even by ``kill -9`` (prctl
    ``PR_SET_PDEATHSIG``). Called in a child before it runs its program (``preexec_fn``),
    or by a process for itself. Elsewhere a no-op."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if ouder is not None and os.getppid() != ouder:  # the parent died before the prctl
        os.kill(os.getpid(), signal.SIGTERM)


def _met_ouder(ouder: int) -> Callable[[], None]:
    return lambda: sterf_met_ouder(ouder)


def start_server(args: list[str], **popen) -> subprocess.Popen:
    """Start a server process that dies with this one: in its own process group (Ctrl+C in
    the terminal reaches only this process, which passes it on once, as SIGTERM) and with
    SIGTERM on this process's death."""
    extra: dict = {}
    if os.name == "posix":
        extra = {"process_group": 0, "preexec_fn": _met_ouder(os.getpid())}
    return subprocess.Popen(args, **extra, **popen)


def _boom(proc: subprocess.Popen) -> list:
    """The server and every process below it (kernels run in sessions of their own, so a
    process group would not hold them)."""
    import psutil

    try:
        ouder = psutil.Process(proc.pid)
        return [ouder, *ouder.children(recursive=True)]
    except psutil.Error:
        return []


def _dood(processen: list) -> None:
    import psutil

    for p in processen:
        try:
            p.kill()  # psutil checks the process is still the one seen (no reused pid)
        except psutil.Error:
            pass


def wacht_op_server(proc: subprocess.Popen, stop_binnen: float = STOP_BINNEN) -> int:
    """Wait for the server; SIGTERM, SIGINT or SIGHUP to this process is passed on once as
    SIGTERM, and after ``stop_binnen`` seconds the server and its kernels are killed.
    Returns the server's exit code (0 when it stopped because it was told to)."""
    gestopt: list[float] = []
    gezien: list = []

    def stop(signum: int, frame: object) -> None:
        if not gestopt and proc.poll() is None:
            gestopt.append(time.monotonic())
            gezien.extend(_boom(proc))
            proc.send_signal(signal.SIGTERM)

    vorige = {s: signal.signal(s, stop) for s in _STOPSIGNALEN}
    try:
        while True:
            try:
                code = proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if gestopt and time.monotonic() - gestopt[0] > stop_binnen:
                    _dood(_boom(proc))
                    code = proc.wait()
                    break
        if gestopt:
            _dood(gezien)  # whatever the server left behind
            return 0
        return code
    finally:
        for s, h in vorige.items():
            signal.signal(s, h)


_STOPSIGNALEN = [signal.SIGTERM, signal.SIGINT] + (
    [signal.SIGHUP] if hasattr(signal, "SIGHUP") else []
)


def dashboard_settings(
    *, port: int, ip: str = "127.0.0.1", openen: bool = False, pool: int = 2
) -> Settings:
    """The dashboard's Voila settings: bound to ``ip``, idle kernels culled after ten
    minutes, ``pool`` preheated kernels, its own template (no CDN fonts)."""
    return voila_settings(
        port=port,
        ip=ip,
        template="wijkanalyse",
        cull_idle_timeout=600,
        cull_interval=60,
        open_browser=openen,
        extra={"VoilaConfiguration": {"default_pool_size": pool}},
    )


def voila_argumenten(
    db: Path | str, *, port: int, ip: str = "127.0.0.1", openen: bool = False, pool: int = 2
) -> list[str]:
    """The Voila command line of the dashboard (:func:`dashboard_settings`)."""
    settings = dashboard_settings(port=port, ip=ip, openen=openen, pool=pool)
    return command_line(config.notebook("dashboard"), settings)


def voila_env(db: Path | str, ip: str = "127.0.0.1") -> dict[str, str]:
    return environment(db, dashboard_settings(port=0, ip=ip))


def start_voila(db: Path | str, *, port: int, ip: str = "127.0.0.1", openen: bool = False) -> int:
    args = voila_argumenten(db, port=port, ip=ip, openen=openen)
    proc = start_server(args, env=voila_env(db, ip), cwd=str(config.NOTEBOOKS_DIR))
    return wacht_op_server(proc)
