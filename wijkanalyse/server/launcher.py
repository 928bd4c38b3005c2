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
from ..databank import is_url

JUPYTER_DATA_DIR = config.TEMPLATES_DIR / "jupyter"

#: Kernels talk to their Voila server over Unix sockets named after each kernel's own
#: connection file, not over TCP ports: jupyter_client picks a free port and the kernel binds
#: it a second later, so two servers on one machine (a team workspace) could pick the same
#: port, and a participant then got a dead kernel and a blank page for two minutes (seen in
#: the test of two servers). Windows has no such sockets and keeps TCP.
KERNEL_TRANSPORT = ["--KernelManager.transport=ipc"] if os.name == "posix" else []

#: A kernel asked to shut down gets 3 s before it is killed (Jupyter's default 5 s, plus
#: Voila's own stop, came close to the 10 s a stop may take).
SNEL_STOPPEN = ["--KernelManager.shutdown_wait_time=3"]

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


def voila_argumenten(
    db: Path | str, *, port: int, ip: str = "127.0.0.1", openen: bool = False, pool: int = 2
) -> list[str]:
    """The Voila command line: bound to ``ip``, idle kernels culled, no CDN fonts."""
    return [
        sys.executable,
        "-m",
        "wijkanalyse.server.voila",
        str(config.notebook("dashboard")),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        "--no-browser" if not openen else "",
        "--show_tracebacks=False",
        # Answers gzip-compressed, each static file once (wijkanalyse/server/compression.py): a
        # participant's laptop on a workshop's Wi-Fi fetches a fraction of the JavaScript.
        "--WijkVoila.comprimeer=True",
        # Kernels with the package imported wait in a pool for the next participant.
        "--preheat_kernel=True",
        f"--pool_size={pool}",
        # Workshop laptops: each tab has a kernel; cull idle ones, keep a sane maximum.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
        *SNEL_STOPPEN,
        "--template=wijkanalyse",
        "--HTMLExporter.language_code=nl",
        *KERNEL_TRANSPORT,
        # Kernels that start while many pages load answer slowly: wait, never a blank page.
        "--VoilaExecutor.iopub_timeout=120",
    ]


def voila_env(db: Path | str, ip: str = "127.0.0.1") -> dict[str, str]:
    env = dict(os.environ)
    env["WIJKANALYSE_DB"] = str(db) if is_url(db) else str(Path(db).resolve())
    # A preheated kernel asks the server for its request at VOILA_APP_IP, which Voila itself
    # never sets (default 127.0.0.1): bound to one LAN address, it would wait forever.
    env["VOILA_APP_IP"] = "127.0.0.1" if ip in ("0.0.0.0", "::", "") else ip
    paths = [str(JUPYTER_DATA_DIR)]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    if paths:
        env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def start_voila(db: Path | str, *, port: int, ip: str = "127.0.0.1", openen: bool = False) -> int:
    args = [a for a in voila_argumenten(db, port=port, ip=ip, openen=openen) if a]
    proc = start_server(args, env=voila_env(db, ip), cwd=str(config.NOTEBOOKS_DIR))
    return wacht_op_server(proc)
