"""Start Voila on the dashboard notebook with the workshop configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import config
from .databank import is_url

JUPYTER_DATA_DIR = config.TEMPLATES_DIR / "jupyter"

#: Kernels talk to their Voila server over Unix sockets named after each kernel's own
#: connection file, not over TCP ports: jupyter_client picks a free port and the kernel binds
#: it a second later, so two servers on one machine (a team workspace) could pick the same
#: port, and a participant then got a dead kernel and a blank page for two minutes (seen in
#: the test of two servers). Windows has no such sockets and keeps TCP.
KERNEL_TRANSPORT = ["--KernelManager.transport=ipc"] if os.name == "posix" else []


def voila_argumenten(
    db: Path, *, port: int, ip: str = "127.0.0.1", openen: bool = False, pool: int = 2
) -> list[str]:
    """The Voila command line: bound to ``ip``, idle kernels culled, no CDN fonts."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(config.notebook("dashboard")),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        "--no-browser" if not openen else "",
        "--show_tracebacks=False",
        # Kernels with the package imported wait in a pool for the next participant.
        "--preheat_kernel=True",
        f"--pool_size={pool}",
        # Workshop laptops: each tab has a kernel; cull idle ones, keep a sane maximum.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
        "--template=wijkanalyse",
        "--HTMLExporter.language_code=nl",
        *KERNEL_TRANSPORT,
        # Kernels that start while many pages load answer slowly: wait, never a blank page.
        "--VoilaExecutor.iopub_timeout=120",
    ]


def voila_env(db: Path, ip: str = "127.0.0.1") -> dict[str, str]:
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


def start_voila(db: Path, *, port: int, ip: str = "127.0.0.1", openen: bool = False) -> int:
    args = [a for a in voila_argumenten(db, port=port, ip=ip, openen=openen) if a]
    return subprocess.call(args, env=voila_env(db, ip), cwd=str(config.NOTEBOOKS_DIR))
