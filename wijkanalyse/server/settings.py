"""How Voila runs, for the dashboard and for a werksessie alike: the settings as data.

:func:`voila_settings` builds them (traitlets' ``{Class: {trait: value}}``) from a few named
choices, the same for both servers unless a choice or ``extra`` says otherwise;
:func:`command_line` turns the plain values into Voila's command line and
:func:`config_file` keeps the dicts and lists (which that command line cannot take) for a
``voila.json``; :func:`environment` gives the kernels their workspace, the server's address
and the templates, and points Voila at that file when there is one. The two launchers
(:mod:`wijkanalyse.server.launcher`, :mod:`wijkanalyse.werksessie.start`) only choose.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..core import config
from ..databank import Werkruimte

Settings = dict[str, dict[str, Any]]

JUPYTER_DATA_DIR = config.TEMPLATES_DIR / "jupyter"


def voila_settings(
    *,
    port: int,
    ip: str = "127.0.0.1",
    template: str,
    cull_idle_timeout: int,
    cull_interval: int,
    open_browser: bool = False,
    extra: Settings | None = None,
) -> Settings:
    """The settings both servers share, with these choices; ``extra`` adds or overrides per
    class (e.g. the werksessie's pools)."""
    settings: Settings = {
        "Voila": {"ip": ip, "port": port, "port_retries": 0, "open_browser": open_browser},
        "VoilaConfiguration": {
            "template": template,
            "show_tracebacks": False,
            # Kernels with the package imported wait in a pool for the next page.
            "preheat_kernel": True,
        },
        # Answers gzip-compressed, each static file once (wijkanalyse/server/compression.py):
        # a participant's laptop on a workshop's Wi-Fi fetches a fraction of the JavaScript.
        "WijkVoila": {"comprimeer": True},
        # Workshop laptops: each tab has a kernel; cull idle ones.
        "MappingKernelManager": {
            "cull_idle_timeout": cull_idle_timeout,
            "cull_interval": cull_interval,
            "cull_connected": False,
        },
        "KernelManager": {
            # A kernel asked to shut down gets 3 s before it is killed (Jupyter's default 5 s,
            # plus Voila's own stop, came close to the 10 s a stop may take).
            "shutdown_wait_time": 3,
            # Kernels talk to their server over Unix sockets named after each kernel's own
            # connection file, not over TCP ports: jupyter_client picks a free port and the
            # kernel binds it a second later, so two servers on one machine (a team
            # workspace) could pick the same port, and a participant then got a dead kernel
            # and a blank page for two minutes. Windows has no such sockets and keeps TCP.
            **({"transport": "ipc"} if os.name == "posix" else {}),
        },
        "HTMLExporter": {"language_code": "nl"},
        # Kernels that start while many pages load answer slowly: wait, never a blank page
        # ("Timeout waiting for IOPub output").
        "VoilaExecutor": {"iopub_timeout": 120},
    }
    for klasse, waarden in (extra or {}).items():
        settings.setdefault(klasse, {}).update(waarden)
    return settings


def _tekst(waarde: Any) -> str:
    return format(waarde, "g") if isinstance(waarde, float) else str(waarde)


def _op_de_regel(waarde: Any) -> bool:
    return not isinstance(waarde, dict | list | tuple)


def command_line(notebook: Path | str, settings: Settings) -> list[str]:
    """``python -m wijkanalyse.server.voila NOTEBOOK --Class.trait=value …`` for every plain
    value of ``settings`` (dicts and lists go in :func:`config_file`)."""
    args = [sys.executable, "-m", "wijkanalyse.server.voila", str(notebook)]
    for klasse, waarden in settings.items():
        args += [f"--{klasse}.{k}={_tekst(v)}" for k, v in waarden.items() if _op_de_regel(v)]
    return args


def config_file(settings: Settings) -> Settings:
    """The values of ``settings`` Voila's command line cannot take, as ``voila.json``'s
    content (empty when there are none)."""
    uit: Settings = {}
    for klasse, waarden in settings.items():
        lastig = {k: v for k, v in waarden.items() if not _op_de_regel(v)}
        if lastig:
            uit[klasse] = lastig
    return uit


def environment(db: Path | str, settings: Settings) -> dict[str, str]:
    """This process's environment plus what the server and its kernels need: the workspace
    (full path, or the URL with its password: the kernels connect with it), the address a
    preheated kernel asks for its request, the templates, and ``voila.json`` if any."""
    env = dict(os.environ)
    werkruimte = Werkruimte.van(db)
    env["WIJKANALYSE_DB"] = werkruimte.url if werkruimte.is_url else str(werkruimte.pad.resolve())
    # A preheated kernel asks the server for its request at VOILA_APP_IP, which Voila itself
    # never sets (default 127.0.0.1): bound to one LAN address, it would wait forever.
    ip = settings["Voila"]["ip"]
    env["VOILA_APP_IP"] = "127.0.0.1" if ip in ("0.0.0.0", "::", "") else ip
    env["JUPYTER_PATH"] = os.pathsep.join(
        [str(JUPYTER_DATA_DIR), *([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else [])]
    )
    bestand = config_file(settings)
    if bestand:
        map_ = Path(tempfile.mkdtemp(prefix="wijkanalyse-voila-"))
        (map_ / "voila.json").write_text(json.dumps(bestand), encoding="utf-8")
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            [str(map_), *([env["JUPYTER_CONFIG_PATH"]] if env.get("JUPYTER_CONFIG_PATH") else [])]
        )
    return env
