"""One Voila configuration for the dashboard and the werksessie: the settings they share are
the same data, and the command line and ``voila.json`` built from it are what Voila reads.
(That both servers still start and serve is in test_dashboard, test_werksessie and
test_server_stop.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

from wijkanalyse.server import launcher
from wijkanalyse.server.settings import command_line, config_file, voila_settings
from wijkanalyse.werksessie import start

#: What the servers choose differently (named choices of voila_settings, and their extras).
EIGEN = {
    ("Voila", "port"),
    ("Voila", "open_browser"),
    ("Voila", "tornado_settings"),
    ("VoilaConfiguration", "template"),
    ("VoilaConfiguration", "default_pool_size"),
    ("VoilaConfiguration", "http_header_envs"),
    ("VoilaConfiguration", "extension_allowlist"),
    ("MappingKernelManager", "cull_idle_timeout"),
    ("MappingKernelManager", "cull_interval"),
}


def _plan(**kw) -> start.Plan:
    waarden = dict(
        db=Path("/tmp/w.sqlite"),
        sessie={"id": 4, "sleutel": "s", "groepen": []},
        ip="127.0.0.1",
        poort=18866,
        host="127.0.0.1",
        pool=7,
        waarschuwing="",
    )
    return start.Plan(**(waarden | kw))


def _plat(settings: dict) -> dict[tuple[str, str], object]:
    return {(k, t): v for k, waarden in settings.items() for t, v in waarden.items()}


def test_dashboard_and_werksessie_share_their_settings() -> None:
    dashboard = _plat(launcher.dashboard_settings(port=18866, pool=3))
    werksessie = _plat(start.werksessie_settings(_plan()))
    gedeeld = {k: v for k, v in dashboard.items() if k not in EIGEN}
    assert gedeeld == {k: werksessie[k] for k in gedeeld}
    for instelling in [
        ("Voila", "ip"),
        ("Voila", "port_retries"),
        ("VoilaConfiguration", "show_tracebacks"),
        ("VoilaConfiguration", "preheat_kernel"),
        ("WijkVoila", "comprimeer"),
        ("MappingKernelManager", "cull_connected"),
        ("KernelManager", "shutdown_wait_time"),
        ("HTMLExporter", "language_code"),
        ("VoilaExecutor", "iopub_timeout"),
    ]:
        assert instelling in gedeeld, instelling
    if os.name == "posix":
        assert gedeeld[("KernelManager", "transport")] == "ipc"
    # what each chose
    assert dashboard[("VoilaConfiguration", "template")] == "wijkanalyse"
    assert dashboard[("MappingKernelManager", "cull_idle_timeout")] == 600
    assert werksessie[("VoilaConfiguration", "template")] == "werksessie"
    assert werksessie[("MappingKernelManager", "cull_idle_timeout")] == 120
    assert werksessie[("WijkVoila", "werksessie")] is True
    assert werksessie[("KernelBeheer", "los_na")] == 30.0


def _als_tekst(v: object) -> object:
    """A plain value as text (traitlets keeps a command-line value as text until the class it
    configures reads it), a dict or list as it is."""
    if isinstance(v, dict | list):
        return v
    return format(v, "g") if isinstance(v, float) else str(v)


def test_the_command_line_and_voila_json_say_what_the_settings_say() -> None:
    """Read back as Voila reads them: the command line through WijkVoila's own parser, the
    file as the ``voila.json`` Voila finds on ``JUPYTER_CONFIG_PATH``."""
    from traitlets.config import Config

    from wijkanalyse.server.voila import WijkVoila

    p = _plan(ip="0.0.0.0", los_na=5.0)
    settings = start.werksessie_settings(p)
    args = start.voila_argumenten(p)
    assert args[1:4] == ["-m", "wijkanalyse.server.voila", str(start.NOTEBOOK_DIR)]
    app = WijkVoila()
    app.parse_command_line(args[4:])
    gelezen = Config(app.config)
    env = start.voila_env(p)
    bestand = Path(env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0]) / "voila.json"
    gelezen.merge(Config(json.loads(bestand.read_text(encoding="utf-8"))))
    assert _plat(gelezen).keys() == _plat(settings).keys()
    for sleutel, waarde in _plat(settings).items():
        assert _als_tekst(_plat(gelezen)[sleutel]) == _als_tekst(waarde), sleutel
    assert env["VOILA_APP_IP"] == "127.0.0.1" and env["WIJKANALYSE_SESSIE"] == "4"
    assert env["JUPYTER_PATH"].split(os.pathsep)[0].endswith("templates/jupyter")
    # the pools per page cannot go on a command line: only in the file
    assert "kernel_pools_config" in bestand.read_text(encoding="utf-8")
    assert not any("kernel_pools_config" in a for a in args)

    # the dashboard's settings all fit on its command line: no file
    dashboard = launcher.dashboard_settings(port=18866, openen=True)
    assert config_file(dashboard) == {}
    assert "--Voila.open_browser=True" in launcher.voila_argumenten("w.sqlite", port=1, openen=True)


def test_extra_settings_add_to_the_shared_ones() -> None:
    s = voila_settings(
        port=1, template="t", cull_idle_timeout=5, cull_interval=1, extra={"Voila": {"ip": "::1"}}
    )
    assert s["Voila"]["ip"] == "::1" and s["Voila"]["port_retries"] == 0
    assert "--VoilaExecutor.iopub_timeout=120" in command_line("nb.ipynb", s)
    assert "--KernelBeheer.los_na=2.5" in command_line("nb", {"KernelBeheer": {"los_na": 2.5}})
